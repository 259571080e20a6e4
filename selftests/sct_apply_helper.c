// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers for the guest's test of sctrules apply
 * (scripts/tests/guest/apply.sh), which a shell cannot do itself:
 *
 *   sct_apply_helper interrupt USEC SIG CMD [ARG]...
 *	Run CMD with SIG and SIGQUIT at their default action and no signal
 *	blocked (a shell's background job ignores SIGINT), send it SIG
 *	after USEC microseconds (not at all for SIG 0), and print how it
 *	ended: "exit N" or "signal N", then "usec N", the microseconds it
 *	ran.  Exits 0, or 126 for bad usage or a failed fork.
 *
 *   sct_apply_helper lock PATH USEC
 *	Take the lock of the rules as libsct does (sct_rules_lock() in
 *	sct.h): an exclusive flock(2) on PATH (made if missing), or on a
 *	kernel without flock() the name PATH bound as an abstract Unix
 *	socket; print "locked", hold it for USEC microseconds, and exit 0
 *	(126 when it cannot be taken).
 *
 *   sct_apply_helper hammer BASE N ERRNO
 *	Call getpriority(PRIO_PROCESS, BASE + i) for i = 0 .. N - 1, round
 *	and round, until SIGTERM, and check that each call fails with
 *	ERRNO (the error of a FAIL rule that matches it).  Then print
 *	"calls C leaks L", L being the calls that did not fail so, with
 *	the first leaks' who and result, and exit 0 if L is 0, else 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static int interrupt(long usec, int sig, char **argv)
{
	struct timespec d = { usec / 1000000, usec % 1000000 * 1000 };
	long long t0 = now_us();
	sigset_t none;
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 126;
	}
	if (!pid) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		execvp(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	if (sig) {
		while (nanosleep(&d, &d) && errno == EINTR)
			;
		kill(pid, sig);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 126;
	if (WIFSIGNALED(status))
		printf("signal %d\n", WTERMSIG(status));
	else
		printf("exit %d\n", WEXITSTATUS(status));
	printf("usec %lld\n", now_us() - t0);
	return 0;
}

static int lock(const char *path, long usec)
{
	struct timespec d = { usec / 1000000, usec % 1000000 * 1000 };
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	if (fd < 0) {
		perror(path);
		return 126;
	}
	if (flock(fd, LOCK_EX)) {
		fd = -1;
		if (errno == ENOSYS) {
			snprintf(sa.sun_path + 1, sizeof(sa.sun_path) - 1, "%s",
				 path);
			fd = socket(AF_UNIX, SOCK_STREAM, 0);
			if (fd >= 0 &&
			    bind(fd, (struct sockaddr *)&sa,
				 offsetof(struct sockaddr_un, sun_path) + 1 +
				 strlen(path)))
				fd = -1;
		}
	}
	if (fd < 0) {
		perror(path);
		return 126;
	}
	printf("locked\n");
	fflush(stdout);
	while (nanosleep(&d, &d) && errno == EINTR)
		;
	return 0;
}

static int hammer(int base, int n, int want)
{
	unsigned long long calls = 0, leaks = 0;
	struct sigaction sa = { .sa_handler = on_term };
	int i, ret;

	sigaction(SIGTERM, &sa, NULL);
	while (!stop) {
		for (i = 0; i < n; i++, calls++) {
			errno = 0;
			ret = getpriority(PRIO_PROCESS, base + i);
			if (ret == -1 && errno == want)
				continue;
			if (leaks++ < 10)
				printf("leak: who %d: %d, errno %d\n", base + i,
				       ret, errno);
		}
	}
	printf("calls %llu leaks %llu\n", calls, leaks);
	return leaks ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc >= 5 && !strcmp(argv[1], "interrupt"))
		return interrupt(atol(argv[2]), atoi(argv[3]), argv + 4);
	if (argc == 4 && !strcmp(argv[1], "lock"))
		return lock(argv[2], atol(argv[3]));
	if (argc == 5 && !strcmp(argv[1], "hammer"))
		return hammer(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]));
	fprintf(stderr, "usage: %s interrupt USEC SIG CMD [ARG]... | lock PATH USEC | hammer BASE N ERRNO\n",
		argv[0]);
	return 126;
}
