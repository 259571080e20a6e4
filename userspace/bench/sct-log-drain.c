// SPDX-License-Identifier: GPL-2.0
/*
 * sct-log-drain: the cost of a logged getpid() call with its record read
 * back, for the bench (scripts/bench.sh).  Under QEMU with "-icount
 * shift=0,sleep=off" and one vCPU, the figure printed is the instructions
 * per call of the caller and of the reader together.
 *
 *   sct-log-drain [-b] [-t TRACE] [-n CALLS] [-r ROUNDS] DEVICE
 *
 * A child process reads DEVICE (/dev/sct_log, or /dev/sct_records with
 * -b) as any reader does: it sleeps in poll() and reads what there is
 * when woken.  The parent times each round from its first call until the
 * reader, told that the round is over, has read every record there is:
 * the round's time is then the calls, the records written, and all of
 * the reader's work on them.  With an event log ring large enough for a
 * round, the reader loses nothing.  Prints the best round in ns per call
 * and the records the reader read and was told it lost.
 *
 * With -t TRACE (and -b) the reader reads the stream of trace TRACE
 * (SCT_IOC_TRACE), and the caller joins the trace once the reader is
 * there: the rules of the trace log its calls.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/sct.h>

/* The start of every binary record, as in <linux/sct.h>. */
struct rec_header {
	uint32_t size;
	uint16_t version;
	uint16_t type;
	uint64_t seq;
};
#define REC_CALL	1
#define REC_LOST	2
#define REC_SYSCALL	4	/* a compact call record */

struct counts {
	uint64_t records;
	uint64_t lost;
};

static char buf[1 << 20];

static double now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts))
		err(1, "clock_gettime");
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void full_write(int fd, const void *p, size_t n)
{
	if (write(fd, p, n) != (ssize_t)n)
		err(1, "write to pipe");
}

static void full_read(int fd, void *p, size_t n)
{
	ssize_t r = read(fd, p, n);

	if (r != (ssize_t)n)
		errx(1, "read from pipe: %s", r < 0 ? strerror(errno) : "short");
}

/* Read all there is now; count the records and the losses reported. */
static void drain(int fd, int binary, struct counts *c)
{
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf)), off = 0;

		if (n < 0 && errno == EAGAIN)
			return;
		if (n <= 0)
			err(1, "read from the log");
		if (!binary) {
			/* One line a read; "sct: lost N records (...)". */
			unsigned long long lost;

			if (sscanf(buf, "sct: lost %llu records", &lost) == 1)
				c->lost += lost;
			else
				c->records++;
			continue;
		}
		while (off + (ssize_t)sizeof(struct rec_header) <= n) {
			const struct rec_header *h = (void *)(buf + off);

			if (h->size < sizeof(*h) || off + h->size > n)
				errx(1, "malformed record");
			if (h->type == REC_CALL || h->type == REC_SYSCALL)
				c->records++;
			else if (h->type == REC_LOST)
				c->lost += *(const uint64_t *)(h + 1);
			off += h->size;
		}
	}
}

/* Open @dev for the reader: at its end, or attached to @trace. */
static int reader_open(const char *dev, const char *trace)
{
	struct sct_ioc_trace req = { { 0 } };
	int fd = open(dev, O_RDONLY | O_NONBLOCK);

	if (fd < 0)
		err(1, "%s", dev);
	if (!trace) {
		if (lseek(fd, 0, SEEK_END) < 0)
			err(1, "%s", dev);
		return fd;
	}
	if (strlen(trace) >= sizeof(req.name))
		errx(2, "%s: trace name too long", trace);
	strcpy(req.name, trace);
	if (ioctl(fd, SCT_IOC_TRACE, &req))
		err(1, "%s: attach to trace %s", dev, trace);
	return fd;
}

/* The caller joins trace @trace. */
static void join(const char *trace)
{
	char path[256], pid[32];
	int fd, n;

	snprintf(path, sizeof(path), "/sys/kernel/config/sct/traces/%s/add",
		 trace);
	n = snprintf(pid, sizeof(pid), "%d\n", getpid());
	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, pid, n) != n)
		err(1, "%s", path);
	close(fd);
}

/* The reader: drain when woken, and on 'd' from @ctl, then report. */
static void reader(const char *dev, const char *trace, int binary, int ctl,
		   int ack)
{
	struct counts c = { 0, 0 };
	struct pollfd p[2];
	int fd = reader_open(dev, trace);

	full_write(ack, &c, sizeof(c));
	p[0] = (struct pollfd){ .fd = fd, .events = POLLIN };
	p[1] = (struct pollfd){ .fd = ctl, .events = POLLIN };
	for (;;) {
		char cmd;

		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			err(1, "poll");
		}
		if (p[0].revents & POLLIN)
			drain(fd, binary, &c);
		if (!(p[1].revents & (POLLIN | POLLHUP)))
			continue;
		if (read(ctl, &cmd, 1) != 1 || cmd != 'd')
			exit(0);
		drain(fd, binary, &c);
		full_write(ack, &c, sizeof(c));
		c = (struct counts){ 0, 0 };
	}
}

static void usage(FILE *out, int status)
{
	fprintf(out, "usage: %s [-b] [-t TRACE] [-n CALLS] [-r ROUNDS] DEVICE\n"
		"Prints the cost of one logged getpid() with its record read\n"
		"from DEVICE (binary records with -b), in ns, the best of\n"
		"ROUNDS rounds of CALLS calls (defaults: 100000 calls, 3 rounds).\n"
		"With -t, the records of trace TRACE, from its stream, the\n"
		"caller a member.\n",
		program_invocation_short_name);
	exit(status);
}

int main(int argc, char **argv)
{
	long calls = 100000, rounds = 3, i, r;
	int binary = 0, c, ctl[2], ack[2];
	const char *trace = NULL;
	struct counts got, total = { 0, 0 };
	double best = 0;
	pid_t pid;

	while ((c = getopt(argc, argv, "bt:n:r:h")) != -1) {
		switch (c) {
		case 'b':
			binary = 1;
			break;
		case 't':
			trace = optarg;
			binary = 1;
			break;
		case 'n':
			calls = strtol(optarg, NULL, 0);
			break;
		case 'r':
			rounds = strtol(optarg, NULL, 0);
			break;
		case 'h':
			usage(stdout, 0);
			break;
		default:
			usage(stderr, 2);
		}
	}
	if (optind != argc - 1)
		usage(stderr, 2);
	if (calls <= 0 || rounds <= 0)
		errx(2, "CALLS and ROUNDS must be positive");

	if (pipe(ctl) || pipe(ack))
		err(1, "pipe");
	pid = fork();
	if (pid < 0)
		err(1, "fork");
	if (pid == 0) {
		close(ctl[1]);
		close(ack[0]);
		reader(argv[optind], trace, binary, ctl[0], ack[1]);
	}
	close(ctl[0]);
	close(ack[1]);
	full_read(ack[0], &got, sizeof(got));	/* the reader is ready */
	if (trace)
		join(trace);

	/* Warm up, as a round that does not count. */
	for (r = -1; r < rounds; r++) {
		long n = r < 0 ? calls / 10 : calls;
		double t0 = now_ns(), ns;

		for (i = 0; i < n; i++)
			syscall(SYS_getpid);
		full_write(ctl[1], "d", 1);
		full_read(ack[0], &got, sizeof(got));
		ns = (now_ns() - t0) / n;
		if (r < 0)
			continue;
		total.records += got.records;
		total.lost += got.lost;
		if (r == 0 || ns < best)
			best = ns;
	}
	close(ctl[1]);
	waitpid(pid, NULL, 0);
	printf("getpid: %.1f ns/call (best of %ld rounds of %ld calls; "
	       "the reader read %llu records, lost %llu)\n", best, rounds,
	       calls, (unsigned long long)total.records,
	       (unsigned long long)total.lost);
	return 0;
}
