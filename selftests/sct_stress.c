// SPDX-License-Identifier: GPL-2.0
/*
 * sct_stress: everything at once, for DURATION seconds (default 60).
 *
 *   sct_stress [DURATION]
 *
 * - hammers call the covered syscalls with changing arguments: unlink,
 *   unlinkat, rename, renameat, mkdir, mkdirat, rmdir, open and openat of
 *   paths of every length from 1 to 255, of longer ones, of strings that
 *   run into an unmapped page and of unmapped pointers; connect, bind and
 *   sendto with socket addresses whose family another thread flips
 *   between AF_INET and AF_INET6 and whose length goes from 0 to 32;
 *   getpid, and short-lived children;
 * - readers open /dev/sct_records and /dev/sct_log, read, seek (SEEK_SET,
 *   SEEK_END) and close them again and again, and check every record:
 *   its size and alignment, its sequence number, and that its data stays
 *   within it;
 * - a writer makes, enables, edits, disables and removes rules (log and
 *   fail actions, filters with strings, SOCKADDR and DESCENDANT, log
 *   formats with %params, before and after, continue, the printk target),
 *   changes log_size (pausing the readers and the log rules so that it
 *   succeeds at times) and flips the global switch, and checks that each
 *   configfs write gives what the interface promises.
 *
 * Fail rules only match paths under /tmp/sct-stress-fail.PID/ or port 9
 * of this process's children; no rule kills or suspends.
 *
 * Not run by the kselftest runner: "make check" runs it on the debug
 * kernel, "make stress DURATION=600" alone.  Prints TAP; exits 0, 1 on a
 * failure, or 4 (skip) without sct.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <ftw.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

#include <linux/sct.h>

#include "sct_test.h"

#define KSFT_SKIP	4
#define SCT_LOG		"/dev/sct_log"
#define SCT_RECORDS	"/dev/sct_records"
#define NR_SLOTS	8
#define NR_READERS	2
#define MAX_REPORTS	20
#define PAGE		4096
#define READ_MAX	65536	/* more than any one record or line */
#define LOG_SIZE_DEFAULT "262144"
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static int stop;		/* set when the time is up */
static pid_t self;
static char work_dir[64];	/* relative paths are made here */
static char fail_dir[64];	/* the only paths fail rules match */
static unsigned long long n_calls, n_records, n_lines, n_lost, n_changes,
	n_resizes, n_busy, n_addrs;
static int n_failures;
static pthread_mutex_t report_lock = PTHREAD_MUTEX_INITIALIZER;

/* The socket address the flipper thread changes under the callers. */
static volatile struct sockaddr_in6 *flip_sa;
/*
 * Another address, every byte of it unlike flip_sa's: what a kernel that
 * reads flip_sa badly may show instead of flip_sa's bytes.
 */
static struct sockaddr_in6 *other_sa;
/* A path in a page the flipper makes unreadable and readable again. */
static char *flip_page;

/* Readers close their files while the writer changes log_size. */
static pthread_mutex_t pause_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pause_cond = PTHREAD_COND_INITIALIZER;
static int pause_req, paused;
/*
 * Children share the readers' files until they exit: the writer holds
 * this lock while it changes log_size, and no child lives then.
 */
static pthread_mutex_t fork_lock = PTHREAD_MUTEX_INITIALIZER;

static bool stopping(void)
{
	return __atomic_load_n(&stop, __ATOMIC_RELAXED);
}

static void count(unsigned long long *c, unsigned long long n)
{
	__atomic_add_fetch(c, n, __ATOMIC_RELAXED);
}

static void failure(const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&report_lock);
	if (n_failures++ < MAX_REPORTS) {
		printf("# FAIL: ");
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		printf("\n");
		fflush(stdout);
	}
	pthread_mutex_unlock(&report_lock);
}

static const char *err_name(int err)
{
	const char *s = err ? strerrorname_np(err) : "0";

	return s ?: "?";
}

/* xorshift64*, one state per thread. */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545F4914F6CDD1DULL;
}

static uint64_t seed(int n)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_nsec ^ ((uint64_t)n << 32) ^ self) | 1;
}

static const char name_chars[] = "abcdefghijklmnopqrstuvwxyz0123456789_-";

/* LEN characters of a file name, no NUL. */
static void fill_name(char *p, size_t len, uint64_t *s)
{
	size_t i;
	char c = name_chars[rnd(s) % (sizeof(name_chars) - 1)];

	for (i = 0; i < len; i++)
		p[i] = (i % 37 == 36) ? name_chars[rnd(s) % 36] : c;
}

/* ---- the syscall hammers ---- */

struct hammer {
	int id;
	uint64_t s;
	char *edge;	/* a page followed by a PROT_NONE page */
	char *unmapped;	/* a page that is not mapped */
	char buf[8192];
	char buf2[8192];
};

/*
 * A path for the next call: of length LEN, relative (in work_dir) or
 * under fail_dir; or a string that runs into the PROT_NONE page; or an
 * unmapped pointer; or the page the flipper makes unreadable at times.
 */
static const char *make_path(struct hammer *h, char *buf, size_t len)
{
	size_t plen = strlen(fail_dir) + 1;

	switch (rnd(&h->s) % 16) {
	case 0:	/* a string without its end */
		len = len % PAGE ?: 1;
		fill_name(h->edge + PAGE - len, len, &h->s);
		return h->edge + PAGE - len;
	case 1:
		return h->unmapped + rnd(&h->s) % PAGE;
	case 2:
		return (const char *)(rnd(&h->s) % 4096);
	case 3:
		return flip_page;
	case 4: case 5: case 6: case 7:
		if (len > plen) {
			snprintf(buf, len + 1, "%s/", fail_dir);
			fill_name(buf + plen, len - plen, &h->s);
			buf[len] = '\0';
			return buf;
		}
		break;
	}
	fill_name(buf, len, &h->s);
	buf[len] = '\0';
	return buf;
}

static void *path_hammer(void *arg)
{
	struct hammer *h = arg;
	const char *p, *q;
	unsigned long i, calls = 0;
	size_t len;
	long fd;

	for (i = 0; !stopping(); i++) {
		/* Every length from 1 to 255 in turn, and longer ones. */
		len = i % 256 + 1;
		if (len == 256)
			len = 256 + rnd(&h->s) % 4000;
		p = make_path(h, h->buf, len);
		switch (rnd(&h->s) % 12) {
		case 0:
			syscall(SYS_unlink, p);
			calls++;
			break;
		case 1:
			syscall(SYS_unlinkat, AT_FDCWD, p,
				rnd(&h->s) & 1 ? AT_REMOVEDIR : 0);
			calls++;
			break;
		case 2:
		case 3:
			fd = syscall(SYS_open, p, O_WRONLY | O_CREAT, 0644);
			calls++;
			if (fd >= 0) {
				close(fd);
				q = make_path(h, h->buf2,
					      rnd(&h->s) % 255 + 1);
				syscall(SYS_rename, p, q);
				syscall(SYS_unlink, q);
				syscall(SYS_unlink, p);
				calls += 3;
			}
			break;
		case 4:
			fd = syscall(SYS_openat, AT_FDCWD, p,
				     O_RDONLY | O_CREAT, 0600);
			calls++;
			if (fd >= 0) {
				close(fd);
				syscall(SYS_unlinkat, AT_FDCWD, p, 0);
				calls++;
			}
			break;
		case 5:
			q = make_path(h, h->buf2, rnd(&h->s) % 300 + 1);
			syscall(SYS_renameat, AT_FDCWD, p, AT_FDCWD, q);
			calls++;
			break;
		case 6:
		case 7:
			if (!syscall(SYS_mkdir, p, 0755)) {
				syscall(SYS_rmdir, p);
				calls++;
			}
			calls++;
			break;
		case 8:
			if (!syscall(SYS_mkdirat, AT_FDCWD, p, 0755)) {
				syscall(SYS_unlinkat, AT_FDCWD, p,
					AT_REMOVEDIR);
				calls++;
			}
			calls++;
			break;
		case 9:
			syscall(SYS_rmdir, p);
			calls++;
			break;
		default:
			syscall(SYS_getpid);
			calls++;
			break;
		}
		if (!(i % 64)) {
			count(&n_calls, calls);
			calls = 0;
		}
	}
	count(&n_calls, calls);
	return NULL;
}

/* connect, bind and sendto with an address that changes under them. */
static void *sock_hammer(void *arg)
{
	struct hammer *h = arg;
	unsigned long i, calls = 0;
	int fd4, fd6, fd;
	const void *sa;
	socklen_t len;

	fd4 = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	fd6 = socket(AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	if (fd4 < 0)
		failure("socket(AF_INET): %s", err_name(errno));
	for (i = 0; !stopping() && fd4 >= 0; i++) {
		len = rnd(&h->s) % 33;
		switch (rnd(&h->s) % 8) {
		case 0:	/* an address that ends in the PROT_NONE page */
			sa = h->edge + PAGE - len;
			memcpy((void *)sa, (const void *)flip_sa, len);
			break;
		case 1:
			sa = h->unmapped + rnd(&h->s) % PAGE;
			break;
		case 2:
		case 3:
			sa = other_sa;
			break;
		default:
			sa = (const void *)flip_sa;
			break;
		}
		fd = (fd6 >= 0 && (rnd(&h->s) & 1)) ? fd6 : fd4;
		switch (rnd(&h->s) % 3) {
		case 0:
			syscall(SYS_connect, fd, sa, len);
			calls++;
			break;
		case 1:
			fd = socket(rnd(&h->s) & 1 ? AF_INET6 : AF_INET,
				    SOCK_DGRAM, 0);
			if (fd < 0)
				fd = socket(AF_INET, SOCK_DGRAM, 0);
			if (fd >= 0) {
				syscall(SYS_bind, fd, sa, len);
				close(fd);
				calls++;
			}
			break;
		default:
			syscall(SYS_sendto, fd, "x", 1, MSG_DONTWAIT, sa, len);
			calls++;
			break;
		}
		if (!(i % 64)) {
			count(&n_calls, calls);
			calls = 0;
		}
	}
	count(&n_calls, calls);
	if (fd4 >= 0)
		close(fd4);
	if (fd6 >= 0)
		close(fd6);
	return NULL;
}

/*
 * Flip the family of flip_sa between AF_INET and AF_INET6, and flip_page
 * between unreadable and readable, as fast as it goes.
 */
static void *flipper(void *arg)
{
	unsigned long i;

	for (i = 0; !stopping(); i++) {
		flip_sa->sin6_family = AF_INET;
		flip_sa->sin6_port = htons(i & 1 ? 9 : 1024 + i % 30000);
		flip_sa->sin6_family = AF_INET6;
		if (!(i % 256)) {
			mprotect(flip_page, PAGE, i & 256 ? PROT_NONE :
				 PROT_READ | PROT_WRITE);
			sched_yield();
		}
	}
	mprotect(flip_page, PAGE, PROT_READ | PROT_WRITE);
	return NULL;
}

/* getpid, and children that make a few calls and exit (DESCENDANT). */
static void *proc_hammer(void *arg)
{
	struct hammer *h = arg;
	unsigned long i, calls = 0;
	pid_t child;
	int status, k;

	for (i = 0; !stopping(); i++) {
		syscall(SYS_getpid);
		calls++;
		if (i % 512)
			continue;
		pthread_mutex_lock(&fork_lock);
		child = fork();
		if (!child) {
			char path[128];

			snprintf(path, sizeof(path), "%s/child.%d", fail_dir,
				 getpid());
			for (k = 0; k < 16; k++) {
				syscall(SYS_getpid);
				syscall(SYS_unlink, path);
				syscall(SYS_mkdir, "c", 0755);
				syscall(SYS_rmdir, "c");
			}
			_exit(0);
		}
		if (child > 0) {
			waitpid(child, &status, 0);
			calls += 64;
		} else {
			failure("fork: %s", err_name(errno));
		}
		pthread_mutex_unlock(&fork_lock);
		count(&n_calls, calls);
		calls = 0;
		(void)h;
	}
	count(&n_calls, calls);
	return NULL;
}

/* ---- the readers ---- */

struct reader {
	int id;
	bool binary;
	uint64_t s;
	unsigned long long last_seq;	/* 0: unknown (after a seek) */
	char buf[READ_MAX];
};

/* Close the file and wait while the writer wants the devices closed. */
static void reader_pause(int *fd)
{
	if (!__atomic_load_n(&pause_req, __ATOMIC_ACQUIRE))
		return;
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
	pthread_mutex_lock(&pause_lock);
	paused++;
	pthread_cond_broadcast(&pause_cond);
	while (pause_req && !stopping())
		pthread_cond_wait(&pause_cond, &pause_lock);
	paused--;
	pthread_mutex_unlock(&pause_lock);
}

static bool data_ok(struct reader *r, const char *rec, size_t size,
		    const struct sct_record_data *d, const char *what, int i,
		    bool string)
{
	const char *p;

	if (d->pad[0] || d->pad[1] || d->pad[2]) {
		failure("record seq %llu: %s %d: pad not zero",
			((const struct sct_record_header *)rec)->seq, what, i);
		return false;
	}
	if (!d->len)
		return true;
	if (d->off < sizeof(struct sct_record_call) ||
	    (size_t)d->off + d->len > size) {
		failure("record seq %llu (size %zu): %s %d at %u+%u is outside it",
			((const struct sct_record_header *)rec)->seq, size,
			what, i, d->off, d->len);
		return false;
	}
	if (!string)
		return true;
	p = rec + d->off;
	if (p[d->len - 1] || strlen(p) != (size_t)d->len - 1) {
		failure("record seq %llu: %s %d (len %u) is not one string",
			((const struct sct_record_header *)rec)->seq, what, i,
			d->len);
		return false;
	}
	return true;
}

/*
 * A socket address copied from flip_sa: only its first four bytes (the
 * family and the port) change under the callers, so every other byte the
 * record holds, up to the address length the caller passed, must be the
 * caller's.  A byte that is not was never read from the caller: stale
 * kernel memory.
 */
static void check_flip_sa(const struct sct_record_call *c, int i,
			  const unsigned char *data, unsigned int len)
{
	const unsigned char *user = (const void *)flip_sa;
	int len_arg = c->nr == SYS_sendto ? 5 : 2;
	unsigned long long addrlen = c->args[len_arg];
	unsigned int k;

	if (c->args[i] != (unsigned long)flip_sa ||
	    (c->nr != SYS_connect && c->nr != SYS_bind && c->nr != SYS_sendto))
		return;
	count(&n_addrs, 1);
	for (k = 4; k < len && k < addrlen; k++) {
		if (data[k] != user[k]) {
			failure("record seq %llu: byte %u of %s's address is %#x, the caller's is %#x (addrlen %llu, %u bytes recorded)",
				c->hdr.seq, k, c->nr == SYS_sendto ? "sendto" :
				c->nr == SYS_bind ? "bind" : "connect", data[k],
				user[k], addrlen, len);
			return;
		}
	}
}

/* Check one call record: its fields and its data. */
static void check_call(struct reader *r, const char *rec, size_t size)
{
	const struct sct_record_call *c = (const void *)rec;
	int i;

	if (size < sizeof(*c)) {
		failure("call record seq %llu: size %zu < %zu", c->hdr.seq,
			size, sizeof(*c));
		return;
	}
	if (c->when > SCT_WHEN_AFTER || c->pad ||
	    !(c->targets & SCT_TARGET_DEVICE_BIT) ||
	    c->targets & ~(SCT_TARGET_DEVICE_BIT | SCT_TARGET_PRINTK_BIT) ||
	    !memchr(c->comm, '\0', sizeof(c->comm)) || c->nr < 0 ||
	    c->pid <= 0 || c->tid <= 0) {
		failure("call record seq %llu: bad fields (when %u targets %#x pad %u nr %d pid %d tid %d)",
			c->hdr.seq, c->when, c->targets, c->pad, c->nr, c->pid,
			c->tid);
		return;
	}
	for (i = 0; i < 6; i++) {
		const struct sct_record_data *d = &c->param[i];

		if (d->kind > SCT_DATA_FAULT) {
			failure("call record seq %llu: param %d kind %u",
				c->hdr.seq, i, d->kind);
			return;
		}
		if (!data_ok(r, rec, size, d, "param", i,
			     d->kind == SCT_DATA_STRING ||
			     d->kind == SCT_DATA_STRING_TRUNC))
			return;
		if (d->kind == SCT_DATA_SOCKADDR && d->len &&
		    (d->len < 2 || d->len > 128)) {
			failure("call record seq %llu: sockaddr %d of %u bytes",
				c->hdr.seq, i, d->len);
			return;
		}
		if (d->kind == SCT_DATA_SOCKADDR && d->len)
			check_flip_sa(c, i, (const void *)(rec + d->off),
				      d->len);
	}
	if (!c->rule.len || c->rule.len > SCT_RULE_NAME_MAX + 1 ||
	    !c->text.len) {
		failure("call record seq %llu: rule name %u bytes, text %u",
			c->hdr.seq, c->rule.len, c->text.len);
		return;
	}
	if (!data_ok(r, rec, size, &c->rule, "rule", 0, true) ||
	    !data_ok(r, rec, size, &c->text, "text", 0, true))
		return;
}

/* Check the records of one read of /dev/sct_records. */
static void check_records(struct reader *r, size_t n)
{
	const struct sct_record_header *h;
	size_t off = 0;

	while (off < n) {
		h = (const void *)(r->buf + off);
		if (n - off < sizeof(*h) || h->size < sizeof(*h) ||
		    h->size % 8 || h->size > n - off) {
			failure("record at %zu of a %zu-byte read: size %u",
				off, n, n - off < sizeof(*h) ? 0 : h->size);
			return;
		}
		if (h->version < 1 || !h->seq) {
			failure("record seq %llu: version %u", h->seq,
				h->version);
			return;
		}
		if (r->last_seq && h->seq <= r->last_seq) {
			failure("record seq %llu after seq %llu", h->seq,
				r->last_seq);
			return;
		}
		r->last_seq = h->seq;
		if (h->type == SCT_RECORD_CALL) {
			check_call(r, r->buf + off, h->size);
			count(&n_records, 1);
		} else if (h->type == SCT_RECORD_LOST) {
			const struct sct_record_lost *l = (const void *)h;

			if (h->size < sizeof(*l) || !l->count) {
				failure("lost record seq %llu: size %u count %llu",
					h->seq, h->size,
					h->size < sizeof(*l) ? 0ULL :
					(unsigned long long)l->count);
				return;
			}
			r->last_seq = h->seq + l->count - 1;
			count(&n_lost, 1);
		}
		/* Other types are for newer readers: skipped by size. */
		off += h->size;
	}
}

/* One line of /dev/sct_log: printable, one newline, at its end. */
static void check_line(struct reader *r, size_t n)
{
	unsigned long long lost, first, last;

	if (!n || r->buf[n - 1] != '\n' || memchr(r->buf, '\n', n - 1) ||
	    memchr(r->buf, '\0', n)) {
		failure("log line of %zu bytes is not one line: '%.*s'", n,
			(int)(n > 200 ? 200 : n), r->buf);
		return;
	}
	r->buf[n - 1] = '\0';
	if (sscanf(r->buf, "sct: lost %llu records (seq %llu-%llu)", &lost,
		   &first, &last) == 3) {
		if (!lost || last != first + lost - 1)
			failure("log line '%s'", r->buf);
		count(&n_lost, 1);
		return;
	}
	count(&n_lines, 1);
}

static void reader_seek(struct reader *r, int fd)
{
	int whence = rnd(&r->s) & 1 ? SEEK_SET : SEEK_END;

	if (lseek(fd, 0, whence) < 0)
		failure("lseek(%s, 0, %s): %s", r->binary ? SCT_RECORDS :
			SCT_LOG, whence == SEEK_SET ? "SEEK_SET" : "SEEK_END",
			err_name(errno));
	r->last_seq = 0;
}

static void *reader(void *arg)
{
	static const size_t sizes[] = { 1, 16, 64, 300, 512, 1024, 4096,
					8192, READ_MAX };
	const char *dev;
	struct reader *r = arg;
	struct pollfd pfd;
	int fd = -1, k, reads;
	size_t size;
	ssize_t n;

	dev = r->binary ? SCT_RECORDS : SCT_LOG;
	while (!stopping()) {
		reader_pause(&fd);
		if (stopping())
			break;
		fd = open(dev, O_RDONLY | O_NONBLOCK);
		if (fd < 0) {
			failure("open %s: %s", dev, err_name(errno));
			usleep(100000);
			continue;
		}
		/* The text too: its bounds are checked. */
		if (r->binary && ioctl(fd, SCT_IOC_TEXT, 1))
			failure("SCT_IOC_TEXT: %s", err_name(errno));
		r->last_seq = 0;
		if (rnd(&r->s) & 1)
			reader_seek(r, fd);
		/* Seeks the devices refuse. */
		if (!(rnd(&r->s) % 16)) {
			if (lseek(fd, 1, SEEK_SET) != -1 || errno != ESPIPE)
				failure("lseek(%s, 1, SEEK_SET): %s", dev,
					err_name(errno));
			if (lseek(fd, 0, SEEK_CUR) != -1 || errno != EINVAL)
				failure("lseek(%s, 0, SEEK_CUR): %s", dev,
					err_name(errno));
		}
		reads = rnd(&r->s) % 200 + 1;
		for (k = 0; k < reads && !stopping(); k++) {
			if (__atomic_load_n(&pause_req, __ATOMIC_ACQUIRE))
				break;
			if (!(rnd(&r->s) % 64))
				reader_seek(r, fd);
			size = sizes[rnd(&r->s) % ARRAY_SIZE(sizes)];
			n = read(fd, r->buf, size);
			if (n > 0) {
				if (r->binary)
					check_records(r, n);
				else
					check_line(r, n);
				continue;
			}
			if (n == 0) {
				failure("read %s: end of file", dev);
				break;
			}
			if (errno == EINVAL && size < READ_MAX)
				continue;	/* too small for the next one */
			if (errno != EAGAIN) {
				failure("read(%s, %zu): %s", dev, size,
					err_name(errno));
				break;
			}
			pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
			if (poll(&pfd, 1, 20) < 0)
				failure("poll %s: %s", dev, err_name(errno));
		}
		close(fd);
		fd = -1;
	}
	if (fd >= 0)
		close(fd);
	return NULL;
}

/* ---- the writer ---- */

/* The syscalls rules cover, and what their parameters are. */
static const struct rule_call {
	const char *name;
	int str;		/* PARAMS[n] is a path, or 0 */
	int sa;			/* PARAMS[n] is a socket address, or 0 */
	bool fail_after;	/* may a fail rule act after it? */
} calls[] = {
	{ "unlink", 1, 0, true },
	{ "unlinkat", 2, 0, true },
	{ "rename", 1, 0, true },
	{ "renameat", 2, 0, true },
	{ "mkdir", 1, 0, true },
	{ "mkdirat", 2, 0, true },
	{ "rmdir", 1, 0, true },
	{ "open", 1, 0, false },	/* the file would stay open */
	{ "openat", 2, 0, false },
	{ "connect", 0, 2, true },
	{ "bind", 0, 2, true },
	{ "sendto", 0, 5, true },
	{ "getpid", 0, 0, false },	/* never failed */
};

static const char *const formats[] = {
	"",
	"%comm : %params delete by %euid --> %suid",
	"%ruleid %sname(%params) %pid/%tid/%ppid %seq %time %when %cpu",
	"%params",
	"%sid_%sname %%params %params %uid %gid %fsuid %fsgid",
	"%sname(%params) = %retval",	/* after only */
};

#define FMT_RETVAL	5

static const char *const error_codes[] = { "EPERM", "EACCES", "ENOENT",
					   "13", "-5", "EROFS" };
static const char *const targets[] = { "device", "printk", "both" };
static const char *const switch_words[][2] = {
	{ "0", "1" }, { "off", "on" }, { "no", "yes" }, { "false", "true" },
	{ "N", "Y" },
};

struct slot {
	char name[SCT_RULE_NAME_MAX + 1];
	bool exists, enabled;
	int call, when, action, fmt;
	bool retval_filter;	/* its filter reads RETVAL */
	char filter[512];
};

struct writer {
	uint64_t s;
	struct slot slot[NR_SLOTS];
	int foreign_log_rules;	/* enabled log rules not ours, at start */
};

static int set_attr(struct slot *sl, const char *attr, const char *val,
		    int want)
{
	/* A write of nothing is EFAULT in configfs: blank is a newline. */
	int ret = sct_rule_set(sl->name, attr, *val ? val : "\n");

	if (ret != want)
		failure("write rules/%s/%s '%s': %s, expected %s", sl->name,
			attr, val, err_name(-ret), err_name(-want));
	else if (!ret)
		count(&n_changes, 1);
	return ret;
}

/* A filter that fits the slot's syscall, side and action. */
static void make_filter(struct writer *w, struct slot *sl)
{
	const struct rule_call *c = &calls[sl->call];
	char *f = sl->filter;
	size_t size = sizeof(sl->filter);

	sl->retval_filter = false;
	if (sl->action) {	/* fail: only our own paths and port 9 */
		if (c->str)
			snprintf(f, size, "PARAMS[%d] ~ \"%s/*\"%s", c->str,
				 fail_dir, rnd(&w->s) & 1 ? "" :
				 " && DESCENDANT(1)");
		else
			snprintf(f, size,
				 "SOCKADDR(PARAMS[%d]).port == 9 && DESCENDANT(%d)",
				 c->sa, self);
		return;
	}
	switch (rnd(&w->s) % 12) {
	case 0:
		snprintf(f, size, "DESCENDANT(%d)", self);
		return;
	case 1:
		snprintf(f, size, "PID == %d || PPID == %d", self, self);
		return;
	case 2:
		snprintf(f, size, "COMM in (\"sct_stress\", \"sh\", \"init\")");
		return;
	case 3:
		snprintf(f, size, "UID == 0 && !(TID & 1)");
		return;
	case 4:
		if (sl->when) {
			snprintf(f, size, "RETVAL < 0 || RETVAL == 3");
			sl->retval_filter = true;
			return;
		}
		break;
	case 5: case 6: case 7: case 8:
		if (c->str) {
			int n = c->str;

			switch (rnd(&w->s) % 4) {
			case 0:
				snprintf(f, size, "PARAMS[%d] ~ \"a*\"", n);
				break;
			case 1:
				snprintf(f, size,
					 "PARAMS[%d] == \"bbbb\" || PARAMS[%d] ~ \"*c?\"",
					 n, n);
				break;
			case 2:
				snprintf(f, size,
					 "PARAMS[%d] in (\"a\", \"bb\", \"/tmp/x\") || DESCENDANT(%d)",
					 n, self);
				break;
			default:
				snprintf(f, size,
					 "PARAMS[%d] != \"zz\" && COMM == \"sct_stress\"",
					 n);
				break;
			}
			return;
		}
		if (c->sa) {
			static const char *const s[] = {
				"SOCKADDR(PARAMS[%d]).family == 10",
				"SOCKADDR(PARAMS[%d]).port in (9, 7, 1234)",
				"SOCKADDR(PARAMS[%d]).addr == \"127.0.0.1\"",
				"SOCKADDR(PARAMS[%d]).addr6 == \"::1\" || SOCKADDR(PARAMS[%d]).family == 2",
			};
			int n = c->sa;

			snprintf(f, size, s[rnd(&w->s) % 4], n, n);
			return;
		}
		break;
	case 9:
		snprintf(f, size, "PARAMS[3] & 64 || PARAMS[2] > 4096");
		return;
	}
	f[0] = '\0';
}

/* Write every attribute of a disabled rule from the slot's settings. */
static void configure(struct writer *w, struct slot *sl)
{
	char buf[32];

	set_attr(sl, "syscall", calls[sl->call].name, 0);
	set_attr(sl, "when", sl->when ? "after" : "before", 0);
	set_attr(sl, "action", sl->action ? "fail" : "log", 0);
	if (sl->action)
		set_attr(sl, "error_code",
			 error_codes[rnd(&w->s) % ARRAY_SIZE(error_codes)], 0);
	snprintf(buf, sizeof(buf), "%d", (int)(rnd(&w->s) % 11) - 5);
	set_attr(sl, "order", buf, 0);
	set_attr(sl, "continue", rnd(&w->s) & 1 ? "1" : "0", 0);
	make_filter(w, sl);
	set_attr(sl, "filter", sl->filter, 0);
	set_attr(sl, "log_format", formats[sl->fmt], 0);
	set_attr(sl, "log_target", targets[rnd(&w->s) % ARRAY_SIZE(targets)],
		 0);
}

/* New settings for a slot: a syscall, a side and an action that fit. */
static void choose(struct writer *w, struct slot *sl)
{
	const struct rule_call *c;

	sl->call = rnd(&w->s) % ARRAY_SIZE(calls);
	c = &calls[sl->call];
	sl->when = rnd(&w->s) % 3 == 0;
	sl->action = (c->str || c->sa) && rnd(&w->s) % 3 == 0;
	if (sl->action && sl->when && !c->fail_after)
		sl->when = 0;
	sl->fmt = rnd(&w->s) % ARRAY_SIZE(formats);
	if (sl->fmt == FMT_RETVAL && !sl->when)
		sl->fmt = 2;
}

static void enable(struct slot *sl)
{
	if (!set_attr(sl, "enabled", "1", 0))
		sl->enabled = true;
}

static void disable(struct slot *sl)
{
	if (!set_attr(sl, "enabled", "0", 0))
		sl->enabled = false;
}

static void create(struct writer *w, struct slot *sl)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", SCT_RULES, sl->name);
	if (mkdir(path, 0755)) {
		failure("mkdir %s: %s", path, err_name(errno));
		return;
	}
	count(&n_changes, 1);
	sl->exists = true;
	sl->enabled = false;
	choose(w, sl);
	configure(w, sl);
	if (rnd(&w->s) % 5)
		enable(sl);
}

static void destroy(struct slot *sl)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", SCT_RULES, sl->name);
	if (rmdir(path)) {
		failure("rmdir %s: %s", path, err_name(errno));
		return;
	}
	count(&n_changes, 1);
	sl->exists = false;
	sl->enabled = false;
}

/* Writes that must fail, with the rule as it was afterwards. */
static void refused(struct writer *w, struct slot *sl)
{
	static const char *const bad[] = {
		"PARAMS[1] == \"x\" &&",
		"SOCKADDR(PID).port == 1",
		"PARAMS[7] == 1",
		"((((((((((((((((((((((((PID == 1))))))))))))))))))))))))",
		"COMM == \"unterminated",
		"PID ==",
		"COMM ~ 5",
	};
	char before[sizeof(sl->filter) + 2], after[sizeof(before)], err[1024] = "";
	char path[PATH_MAX];

	if (sl->enabled) {
		set_attr(sl, "filter", "PID == 1", -EBUSY);
		set_attr(sl, "log_format", "%pid", -EBUSY);
		set_attr(sl, "log_target", "both", -EBUSY);
		set_attr(sl, "action", "log", -EBUSY);
		set_attr(sl, "when", "after", -EBUSY);
		return;
	}
	if (sct_rule_get(sl->name, "filter", before, sizeof(before)))
		failure("read rules/%s/filter", sl->name);
	set_attr(sl, "filter", bad[rnd(&w->s) % ARRAY_SIZE(bad)], -EINVAL);
	if (sct_rule_get(sl->name, "filter", after, sizeof(after)) ||
	    strcmp(before, after))
		failure("rules/%s: a refused filter changed '%s' to '%s'",
			sl->name, before, after);
	snprintf(path, sizeof(path), "%s/%s/filter_error", SCT_RULES,
		 sl->name);
	if (sct_read_attr(path, err, sizeof(err)) <= 0 ||
	    !strstr(err, "\n") || !strstr(err, "^\nerror: "))
		failure("rules/%s: no caret in filter_error '%s'", sl->name,
			err);
	if (!sl->when)
		set_attr(sl, "filter", "RETVAL == 0", -EINVAL);
	set_attr(sl, "error_code", "4096", -ERANGE);
	set_attr(sl, "error_code", "EBOGUS", -EINVAL);
	set_attr(sl, "log_format", "100%", -EINVAL);
	set_attr(sl, "log_target", "syslog", -EINVAL);
	set_attr(sl, "action", "explode", -EINVAL);
	set_attr(sl, "syscall", "nosuchcall", -EINVAL);
}

/* Change one attribute of a rule, disabling it around the change. */
static void edit(struct writer *w, struct slot *sl)
{
	bool was = sl->enabled;
	char buf[32];

	if (was)
		disable(sl);
	if (sl->enabled)
		return;
	switch (rnd(&w->s) % 6) {
	case 0:	/* everything */
		choose(w, sl);
		configure(w, sl);
		break;
	case 1:
		if (sl->action) {
			set_attr(sl, "error_code", error_codes[rnd(&w->s) %
				 ARRAY_SIZE(error_codes)], 0);
			break;
		}
		sl->fmt = rnd(&w->s) % ARRAY_SIZE(formats);
		if (sl->fmt == FMT_RETVAL && !sl->when)
			sl->fmt = 1;
		set_attr(sl, "log_format", formats[sl->fmt], 0);
		break;
	case 2:
		set_attr(sl, "log_target",
			 targets[rnd(&w->s) % ARRAY_SIZE(targets)], 0);
		break;
	case 3:
		make_filter(w, sl);
		set_attr(sl, "filter", sl->filter, 0);
		break;
	case 4:
		snprintf(buf, sizeof(buf), "%d", (int)(rnd(&w->s) % 11) - 5);
		set_attr(sl, "order", buf, 0);
		set_attr(sl, "continue", rnd(&w->s) & 1 ? "1" : "0", 0);
		break;
	default:
		/* A log rule turned fail or back, while calls may be in it. */
		if (sl->action) {
			sl->action = 0;
			set_attr(sl, "action", "log", 0);
		} else if (calls[sl->call].str || calls[sl->call].sa) {
			if (sl->when && !calls[sl->call].fail_after)
				break;
			sl->action = 1;
			make_filter(w, sl);
			set_attr(sl, "filter", sl->filter, 0);
			set_attr(sl, "action", "fail", 0);
		}
		break;
	}
	if (was || rnd(&w->s) & 1)
		enable(sl);
}

static bool any_log_rule(struct writer *w)
{
	int i;

	for (i = 0; i < NR_SLOTS; i++)
		if (w->slot[i].enabled && !w->slot[i].action)
			return true;
	return w->foreign_log_rules > 0;
}

/*
 * Change log_size: EBUSY while a log rule is enabled or a device open;
 * with the readers paused and our log rules disabled, it must succeed.
 */
static void resize(struct writer *w)
{
	static const char *const sizes[] = { "16384", "20000", "32768",
					     "65536", LOG_SIZE_DEFAULT };
	const char *size = sizes[rnd(&w->s) % ARRAY_SIZE(sizes)];
	bool was[NR_SLOTS];
	struct timespec until;
	int i, ret;

	ret = sct_write_attr(SCT_CONFIGFS "/log_size", "1024");
	if (ret != -ERANGE)
		failure("write log_size 1024: %s, expected ERANGE",
			err_name(-ret));
	if (rnd(&w->s) % 4) {
		ret = sct_write_attr(SCT_CONFIGFS "/log_size", size);
		if (ret == -EBUSY)
			count(&n_busy, 1);
		else if (ret || any_log_rule(w))
			failure("write log_size %s with %s: %s", size,
				any_log_rule(w) ? "a log rule enabled" :
				"readers maybe open", err_name(-ret));
		else
			count(&n_resizes, 1);
		return;
	}

	/* Pause: readers closed, our log rules disabled. */
	pthread_mutex_lock(&pause_lock);
	__atomic_store_n(&pause_req, 1, __ATOMIC_RELEASE);
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 30;
	while (paused < NR_READERS && !stopping())
		if (pthread_cond_timedwait(&pause_cond, &pause_lock, &until)) {
			failure("readers did not pause in 30 s");
			break;
		}
	pthread_mutex_unlock(&pause_lock);
	for (i = 0; i < NR_SLOTS; i++) {
		struct slot *sl = &w->slot[i];

		was[i] = sl->enabled && !sl->action;
		if (was[i])
			disable(sl);
	}
	pthread_mutex_lock(&fork_lock);
	ret = sct_write_attr(SCT_CONFIGFS "/log_size", size);
	pthread_mutex_unlock(&fork_lock);
	if (ret && !(ret == -EBUSY && w->foreign_log_rules))
		failure("write log_size %s, no reader and no log rule: %s",
			size, err_name(-ret));
	else if (!ret)
		count(&n_resizes, 1);
	for (i = 0; i < NR_SLOTS; i++)
		if (was[i])
			enable(&w->slot[i]);
	pthread_mutex_lock(&pause_lock);
	__atomic_store_n(&pause_req, 0, __ATOMIC_RELEASE);
	pthread_cond_broadcast(&pause_cond);
	pthread_mutex_unlock(&pause_lock);
}

static void flip_switch(struct writer *w)
{
	const char *word = switch_words[rnd(&w->s) %
					ARRAY_SIZE(switch_words)][rnd(&w->s) % 4 != 0];
	int ret;

	ret = sct_write_switch(word);
	if (ret)
		failure("write enabled '%s': %s", word, err_name(-ret));
	else
		count(&n_changes, 1);
	ret = sct_write_switch("2");
	if (ret != -EINVAL)
		failure("write enabled '2': %s, expected EINVAL",
			err_name(-ret));
}

/* Read what can be read: hits, id, stats. */
static void look(struct slot *sl)
{
	char buf[1024];

	if (sl->exists &&
	    (sct_rule_get(sl->name, "hits", buf, sizeof(buf)) ||
	     sct_rule_get(sl->name, "id", buf, sizeof(buf)) || !atoll(buf)))
		failure("read rules/%s/hits or id", sl->name);
	if (sct_read_attr(SCT_CONFIGFS "/stats", buf, sizeof(buf)) <= 0 ||
	    !strstr(buf, "log_records "))
		failure("read stats");
}

/* Enabled log rules that are not ours (from other tests). */
static int foreign_log_rules(void)
{
	char path[PATH_MAX], buf[64];
	struct dirent *de;
	int n = 0;
	DIR *d;

	d = opendir(SCT_RULES);
	if (!d)
		return 0;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || !strncmp(de->d_name, "stress_", 7))
			continue;
		snprintf(path, sizeof(path), "%s/%s/enabled", SCT_RULES,
			 de->d_name);
		if (sct_read_attr(path, buf, sizeof(buf)) <= 0 ||
		    buf[0] != '1')
			continue;
		snprintf(path, sizeof(path), "%s/%s/action", SCT_RULES,
			 de->d_name);
		if (sct_read_attr(path, buf, sizeof(buf)) > 0 &&
		    !strncmp(buf, "log", 3))
			n++;
	}
	closedir(d);
	return n;
}

static void *writer(void *arg)
{
	struct writer *w = arg;
	struct slot *sl;
	int i, op;

	for (i = 0; i < NR_SLOTS; i++) {
		/* Names of many lengths, up to the longest. */
		int len = 10 + i * (SCT_RULE_NAME_MAX - 10) / (NR_SLOTS - 1);
		char *name = w->slot[i].name;

		snprintf(name, sizeof(w->slot[i].name), "stress_%d_", i);
		memset(name + 9, 'x', len - 9);
		name[len] = '\0';
	}
	while (!stopping()) {
		sl = &w->slot[rnd(&w->s) % NR_SLOTS];
		op = rnd(&w->s) % 100;
		if (!sl->exists) {
			create(w, sl);
		} else if (op < 25) {
			if (sl->enabled)
				disable(sl);
			else
				enable(sl);
		} else if (op < 55) {
			edit(w, sl);
		} else if (op < 70) {
			destroy(sl);
		} else if (op < 78) {
			refused(w, sl);
		} else if (op < 86) {
			look(sl);
		} else if (op < 93) {
			flip_switch(w);
		} else {
			resize(w);
		}
	}
	for (i = 0; i < NR_SLOTS; i++)
		if (w->slot[i].exists)
			destroy(&w->slot[i]);
	return NULL;
}

/* ---- main ---- */

static int rm_entry(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	return remove(path) && errno != ENOENT;
}

static void remove_tree(const char *dir)
{
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void *map_pages(int n)
{
	void *p = mmap(NULL, n * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		printf("# mmap: %s\n", err_name(errno));
		exit(1);
	}
	return p;
}

static void start(pthread_t *t, int *nt, void *(*fn)(void *), void *arg)
{
	int ret = pthread_create(&t[(*nt)++], NULL, fn, arg);

	if (ret) {
		printf("# pthread_create: %s\n", err_name(ret));
		exit(1);
	}
}

int main(int argc, char **argv)
{
	static struct hammer hammers[4];
	static struct reader readers[NR_READERS];
	static struct writer w;
	unsigned long long c0 = 0;
	char size0[32] = LOG_SIZE_DEFAULT, *end, stats[2048], *line, *save;
	pthread_t t[16];
	int nt = 0, i, ret;
	long duration = 60, elapsed;
	char *page;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1) {
		duration = strtol(argv[1], &end, 10);
		if (*end || duration < 1) {
			fprintf(stderr, "usage: %s [DURATION]\n", argv[0]);
			return 2;
		}
	}
	printf("TAP version 13\n1..1\n");
	if (!sct_present() || !sct_exists(SCT_LOG) ||
	    !sct_exists(SCT_RECORDS)) {
		printf("ok 1 stress # SKIP no sct, or no log devices\n");
		return KSFT_SKIP;
	}
	signal(SIGPIPE, SIG_IGN);
	self = getpid();
	snprintf(work_dir, sizeof(work_dir), "/tmp/sct-stress.%d", self);
	snprintf(fail_dir, sizeof(fail_dir), "/tmp/sct-stress-fail.%d", self);
	if (mkdir(work_dir, 0755) || mkdir(fail_dir, 0755) || chdir(work_dir)) {
		printf("not ok 1 stress: cannot make %s: %s\n", work_dir,
		       err_name(errno));
		return 1;
	}
	if (sct_read_attr(SCT_CONFIGFS "/log_size", size0, sizeof(size0)) > 0)
		size0[strcspn(size0, "\n")] = '\0';
	w.foreign_log_rules = foreign_log_rules();
	w.s = seed(100);

	/* The shared socket address, and the page that comes and goes. */
	page = map_pages(2);
	flip_sa = (void *)page;
	flip_sa->sin6_family = AF_INET6;
	flip_sa->sin6_port = htons(9);
	/* 127.0.0.1 for AF_INET; ::1 for AF_INET6 */
	((struct sockaddr_in *)flip_sa)->sin_addr.s_addr = htonl(0x7f000001);
	flip_sa->sin6_addr.s6_addr[15] = 1;
	other_sa = (void *)(page + 64);
	other_sa->sin6_family = AF_INET6;
	other_sa->sin6_port = htons(7);
	other_sa->sin6_flowinfo = htonl(0xdeadbeef);
	memset(&other_sa->sin6_addr, 0xa5, sizeof(other_sa->sin6_addr));
	other_sa->sin6_scope_id = 0x5a5a5a5a;
	flip_page = page + PAGE;
	snprintf(flip_page, PAGE, "%s/flip", fail_dir);

	printf("# sct_stress: %ld s, pid %d, %s and %s\n", duration, self,
	       work_dir, fail_dir);
	for (i = 0; i < (int)ARRAY_SIZE(hammers); i++) {
		struct hammer *h = &hammers[i];

		h->id = i;
		h->s = seed(i);
		h->edge = map_pages(2);
		mprotect(h->edge + PAGE, PAGE, PROT_NONE);
		h->unmapped = map_pages(1);
		munmap(h->unmapped, PAGE);
	}
	for (i = 0; i < NR_READERS; i++) {
		readers[i].id = i;
		readers[i].binary = !i;
		readers[i].s = seed(50 + i);
	}
	start(t, &nt, path_hammer, &hammers[0]);
	start(t, &nt, path_hammer, &hammers[1]);
	start(t, &nt, sock_hammer, &hammers[2]);
	start(t, &nt, proc_hammer, &hammers[3]);
	start(t, &nt, flipper, NULL);
	for (i = 0; i < NR_READERS; i++)
		start(t, &nt, reader, &readers[i]);
	start(t, &nt, writer, &w);

	for (elapsed = 0; elapsed < duration; elapsed++) {
		sleep(1);
		if ((elapsed + 1) % 10 == 0 || elapsed + 1 == duration) {
			unsigned long long c = __atomic_load_n(&n_calls,
							       __ATOMIC_RELAXED);

			printf("# %ld s: %llu calls (%llu/s), %llu records, %llu lines, %llu rule changes, %llu resizes\n",
			       elapsed + 1, c, (c - c0) / 10, n_records,
			       n_lines, n_changes, n_resizes);
			c0 = c;
		}
	}
	__atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
	pthread_mutex_lock(&pause_lock);
	pthread_cond_broadcast(&pause_cond);
	pthread_mutex_unlock(&pause_lock);
	for (i = 0; i < nt; i++)
		pthread_join(t[i], NULL);

	/* As it was: the switch on, the log size back. */
	ret = sct_write_switch("1");
	if (ret)
		failure("write enabled 1: %s", err_name(-ret));
	ret = sct_write_attr(SCT_CONFIGFS "/log_size", size0);
	if (ret && !(ret == -EBUSY && w.foreign_log_rules))
		failure("write log_size %s at the end: %s", size0,
			err_name(-ret));
	if (chdir("/tmp"))
		failure("chdir /tmp: %s", err_name(errno));
	remove_tree(work_dir);
	remove_tree(fail_dir);

	/* What the kernel counted: matches by action, records, losses. */
	if (sct_read_attr(SCT_CONFIGFS "/stats", stats, sizeof(stats)) > 0) {
		for (line = strtok_r(stats, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save))
			printf("# stats: %s\n", line);
	}
	if (!(n_records + n_lines) || !n_changes)
		failure("nothing read or changed: %llu records, %llu lines, %llu changes",
			n_records, n_lines, n_changes);
	printf("# %llu calls, %llu records and %llu lines read, %llu lost notices, %llu socket addresses checked, %llu rule changes, %llu log_size changes (%llu EBUSY)\n",
	       n_calls, n_records, n_lines, n_lost, n_addrs, n_changes,
	       n_resizes, n_busy);
	printf("%sok 1 stress ran %ld s: %llu calls, %llu records read, %llu rule changes%s\n",
	       n_failures ? "not " : "", duration, n_calls,
	       n_records + n_lines, n_changes,
	       n_failures ? ", failures (see above)" : "");
	return n_failures ? 1 : 0;
}
