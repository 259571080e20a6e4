// SPDX-License-Identifier: GPL-2.0
/*
 * sct-getpid-loop: the cost of one getpid() system call, for comparing
 * kernels.  Under QEMU with "-icount shift=0,sleep=off" the guest clock
 * counts instructions, so the figure printed is instructions per call.
 *
 *   sct-getpid-loop [-n CALLS] [-r ROUNDS] [-s SPIN] [-u PATH]
 *
 * Prints the best of ROUNDS rounds of CALLS calls, in ns per call.  With
 * SPIN, each call is followed by SPIN turns of an empty loop, to make
 * calls at a lower rate (for a log reader that has to keep up).  With
 * PATH, the call is unlinkat(AT_FDCWD, PATH, 0) instead of getpid(): a
 * call with a path, for rules that read it (PATH should not exist).
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts))
		err(1, "clock_gettime");
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void usage(FILE *out, int status)
{
	fprintf(out, "usage: %s [-n CALLS] [-r ROUNDS] [-s SPIN] [-u PATH]\n"
		"Prints the cost of one getpid() in ns, the best of ROUNDS\n"
		"rounds of CALLS calls (defaults: 1000000 calls, 5 rounds),\n"
		"each followed by SPIN turns of an empty loop (default 0).\n"
		"With -u, of one unlinkat(AT_FDCWD, PATH, 0) instead.\n",
		program_invocation_short_name);
	exit(status);
}

/*
 * @n calls, each followed by @spin turns of an empty loop: getpid(), or
 * unlinkat(AT_FDCWD, @path, 0).  A loop of its own for each, so that the
 * getpid loop is the same few instructions as ever.
 */
static void calls_run(long n, long spin, const char *path)
{
	volatile long k;
	long i;

	if (path) {
		for (i = 0; i < n; i++) {
			syscall(SYS_unlinkat, AT_FDCWD, path, 0);
			for (k = 0; k < spin; k++)
				;
		}
		return;
	}
	for (i = 0; i < n; i++) {
		syscall(SYS_getpid);
		for (k = 0; k < spin; k++)
			;
	}
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "calls", required_argument, NULL, 'n' },
		{ "rounds", required_argument, NULL, 'r' },
		{ "spin", required_argument, NULL, 's' },
		{ "unlink", required_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	long calls = 1000000, rounds = 5, spin = 0, r;
	const char *path = NULL;
	double best = 0;
	int c;

	while ((c = getopt_long(argc, argv, "n:r:s:u:h", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			calls = strtol(optarg, NULL, 0);
			break;
		case 'r':
			rounds = strtol(optarg, NULL, 0);
			break;
		case 's':
			spin = strtol(optarg, NULL, 0);
			break;
		case 'u':
			path = optarg;
			break;
		case 'h':
			usage(stdout, 0);
			break;
		default:
			usage(stderr, 2);
		}
	}
	if (calls <= 0 || rounds <= 0 || spin < 0)
		errx(2, "CALLS and ROUNDS must be positive, SPIN not negative");

	/* Warm up caches and TLBs, at the same rate. */
	calls_run(calls / 10, spin, path);

	for (r = 0; r < rounds; r++) {
		double t0 = now_ns(), ns;

		calls_run(calls, spin, path);
		ns = (now_ns() - t0) / calls;
		if (r == 0 || ns < best)
			best = ns;
	}
	printf("%s: %.1f ns/call (best of %ld rounds of %ld calls)\n",
	       path ? "unlinkat" : "getpid", best, rounds, calls);
	return 0;
}
