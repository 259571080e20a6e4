// SPDX-License-Identifier: GPL-2.0
/*
 * sct safety: the findings of issue 11, each with a test that fails (or
 * oopses the kernel) without its fix.
 *
 *   input_newline     6. a value with a newline inside is refused, not
 *                        cut at the newline
 *   printk_ratelimit  5. the printk target is rate limited, and what it
 *                        suppressed is counted in stats
 *   sockaddr_bounded  3. a socket address is copied within addrlen
 *   sockaddr_flip     3. ... and reads as the caller wrote it while
 *                        another thread flips its family
 *   sockaddr_stale    3. ... also when the flip falls between two reads
 *                        of the kernel's, for certain (userfaultfd)
 *   param_padding     3. the alignment gap after a parameter's data is
 *                        zero, not old ring bytes
 *   bounded_admin     4. a call stalled in a filter's read of user memory
 *                        blocks none of: disabling or removing a rule,
 *                        the global switch, log_size
 *   log_to_kill       2. a stalled call that matched a log rule is not
 *                        killed when the rule is made a kill rule
 *   fail_to_log       2. a stalled call that matched a fail rule fails,
 *                        and writes no record, when the rule is made a
 *                        log rule before any ring exists
 *   ring_wrap         1. records of every size wrap rings of 16, 32 and
 *                        64 KiB while both devices are read
 *
 * sockaddr_stale and the stalled-call tests hold a read of user memory
 * with userfaultfd, and skip without it.  The last two oops a kernel
 * without the fixes, hence their place at the end.
 *
 * Rules match only this test's processes: PID, PPID filters.
 */
#include <linux/userfaultfd.h>
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
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

#include <linux/sct.h>

#include "kselftest_harness.h"
#include "sct_test.h"

#define SCT_LOG		"/dev/sct_log"
#define SCT_RECORDS	"/dev/sct_records"
#define LOG_SIZE_ATTR	SCT_CONFIGFS "/log_size"
#define MAX_RULES	4
#define READ_BUF	(64 * 1024)
/* The longest name the ring tests unlink: NAME_MAX, and SCT_STR_MAX. */
#define NAME_LEN	255
#define ALIGN8(x)	(((x) + 7U) & ~7U)
/* The string a stalled call's filter compares its path with. */
#define STALL_PATH	"/tmp/sct-stall"
/* How long an admin write may take while a call is stalled. */
#define ADMIN_LIMIT_MS	2000
/* The exit status of a stall child that could not set up. */
#define STALL_SETUP	200

static int set_log_size(unsigned long long size)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%llu", size);
	return sct_write_attr(LOG_SIZE_ATTR, buf);
}

/* ---- Stalling a call in a filter, with userfaultfd. ---- */

/*
 * A child process whose unlink() of a page that userfaultfd holds
 * stalls in the first read of the path: a filter's, for a rule with
 * stall_filter().  It exits with the call's errno (0 if it succeeded).
 */
struct stall {
	pid_t pid;
	int note;	/* the child writes a byte here once it stalled */
	int release;	/* closing it lets the child's call go on */
};

static int uffd_open(void)
{
	struct uffdio_api api = { .api = UFFD_API };
	int fd, err;

	fd = syscall(__NR_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, UFFDIO_API, &api)) {
		err = errno;
		close(fd);
		return -err;
	}
	return fd;
}

static bool uffd_available(void)
{
	int fd = uffd_open();

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

struct stall_handler {
	int uffd, note, release;
	long page;
	char *src;
};

/* Wait up to @ms for a page fault on @uffd; 0 and its address, or -1. */
static int uffd_wait_fault(int uffd, int ms, unsigned long long *addr)
{
	struct pollfd pfd = { .fd = uffd, .events = POLLIN };
	struct uffd_msg msg;

	if (poll(&pfd, 1, ms) != 1 ||
	    read(uffd, &msg, sizeof(msg)) != sizeof(msg) ||
	    msg.event != UFFD_EVENT_PAGEFAULT)
		return -1;
	*addr = msg.arg.pagefault.address;
	return 0;
}

/* Fill the page of @addr in with @page bytes of @src: the fault ends. */
static void uffd_fill(int uffd, unsigned long long addr, const char *src,
		      long page)
{
	struct uffdio_copy copy = {
		.dst = addr & ~(unsigned long long)(page - 1),
		.src = (unsigned long)src,
		.len = page,
	};

	ioctl(uffd, UFFDIO_COPY, &copy);
}

/* In the child: hold the fault until released, then fill the page in. */
static void *stall_handler_fn(void *arg)
{
	struct stall_handler *h = arg;
	struct pollfd pfd = { .fd = h->release, .events = POLLIN };
	unsigned long long addr;

	if (uffd_wait_fault(h->uffd, 30000, &addr) ||
	    write(h->note, "F", 1) != 1)
		return NULL;
	/* Until the test lets go, or 30 s at most: nothing stays stuck. */
	poll(&pfd, 1, 30000);
	uffd_fill(h->uffd, addr, h->src, h->page);
	return NULL;
}

static __noreturn void stall_child(int note, int release)
{
	struct uffdio_register reg = {};
	struct stall_handler h = { .note = note, .release = release };
	pthread_t th;
	char *area;
	long ret;

	h.page = sysconf(_SC_PAGESIZE);
	h.uffd = uffd_open();
	area = mmap(NULL, h.page, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	h.src = mmap(NULL, h.page, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (h.uffd < 0 || area == MAP_FAILED || h.src == MAP_FAILED)
		_exit(STALL_SETUP);
	snprintf(h.src, h.page, "%s", STALL_PATH);
	reg.range.start = (unsigned long)area;
	reg.range.len = h.page;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	if (ioctl(h.uffd, UFFDIO_REGISTER, &reg) ||
	    pthread_create(&th, NULL, stall_handler_fn, &h))
		_exit(STALL_SETUP);
	ret = syscall(SYS_unlink, area);
	_exit(ret ? errno : 0);
}

static int stall_start(struct stall *st)
{
	int note[2], release[2];
	pid_t pid;

	if (pipe2(note, O_CLOEXEC))
		return -errno;
	if (pipe2(release, O_CLOEXEC)) {
		close(note[0]);
		close(note[1]);
		return -errno;
	}
	fflush(stdout);
	fflush(stderr);
	/* Not st->pid = fork(): the fixture, and so @st, is shared memory. */
	pid = fork();
	if (!pid) {
		close(note[0]);
		close(release[1]);
		stall_child(note[1], release[0]);
	}
	st->pid = pid;
	close(note[1]);
	close(release[0]);
	st->note = note[0];
	st->release = release[1];
	if (st->pid < 0) {
		close(st->note);
		close(st->release);
		st->note = -1;
		st->release = -1;
		st->pid = 0;
		return -EAGAIN;
	}
	return 0;
}

/* Wait until the child's call stalled: 0, or -ETIMEDOUT. */
static int stall_wait(struct stall *st, int ms)
{
	struct pollfd pfd = { .fd = st->note, .events = POLLIN };
	char c;

	if (poll(&pfd, 1, ms) != 1 || read(st->note, &c, 1) != 1)
		return -ETIMEDOUT;
	return 0;
}

static void stall_release(struct stall *st)
{
	if (st->release >= 0) {
		close(st->release);
		st->release = -1;
	}
}

/*
 * Let the call go on and reap the child, with its wait status in
 * *@status.  -ETIMEDOUT if it had to be killed, -ECHILD if there is none.
 */
static int stall_end(struct stall *st, int *status)
{
	long long end = sct_now_ms() + 10000;
	int ws = 0, ret = 0;
	pid_t p;

	if (st->pid <= 0)
		return -ECHILD;
	stall_release(st);
	while ((p = waitpid(st->pid, &ws, WNOHANG)) == 0 && sct_now_ms() < end)
		usleep(10000);
	if (p != st->pid) {
		kill(st->pid, SIGKILL);
		waitpid(st->pid, &ws, 0);
		ret = -ETIMEDOUT;
	}
	close(st->note);
	st->note = -1;
	st->pid = 0;
	if (status)
		*status = ws;
	return ret;
}

/* ---- Configfs writes in a thread, timed. ---- */

/*
 * Up to three writes (or, with a NULL value, an rmdir) done in order by
 * a thread, which stops at the first error.
 */
struct admin_op {
	const char *what;
	struct {
		char path[256];
		const char *val;
	} step[3];
	int n;
	int ret;	/* 0 or the first -errno */
	long long ms;	/* how long the writes took */
	int done;
	pthread_t th;
};

static void *op_fn(void *arg)
{
	struct admin_op *op = arg;
	long long t0 = sct_now_ms();
	int i, ret = 0;

	for (i = 0; i < op->n && !ret; i++) {
		if (op->step[i].val)
			ret = sct_write_attr(op->step[i].path, op->step[i].val);
		else
			ret = rmdir(op->step[i].path) ? -errno : 0;
	}
	op->ret = ret;
	op->ms = sct_now_ms() - t0;
	__atomic_store_n(&op->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void op_add(struct admin_op *op, const char *path, const char *val)
{
	snprintf(op->step[op->n].path, sizeof(op->step[0].path), "%s", path);
	op->step[op->n++].val = val;
}

static void op_add_rule(struct admin_op *op, const char *rule,
			const char *attr, const char *val)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s/%s", SCT_RULES, rule, attr);
	op_add(op, path, val);
}

static int op_start(struct admin_op *op)
{
	return pthread_create(&op->th, NULL, op_fn, op);
}

/* Did the op's thread finish within @ms? */
static bool op_wait(struct admin_op *op, int ms)
{
	long long end = sct_now_ms() + ms;

	while (!__atomic_load_n(&op->done, __ATOMIC_ACQUIRE) && sct_now_ms() < end)
		usleep(2000);
	return __atomic_load_n(&op->done, __ATOMIC_ACQUIRE);
}

/* ---- Records of /dev/sct_records. ---- */

/* What is wrong with the framing of the record at @h, or NULL. */
static const char *record_bad(const struct sct_record_header *h, size_t left)
{
	if (left < sizeof(*h))
		return "a partial header";
	if (h->size < sizeof(*h) || h->size % 8 || h->size > left)
		return "a bad size";
	if (h->version != SCT_RECORD_VERSION)
		return "a bad version";
	if (h->type == SCT_RECORD_CALL)
		return h->size < sizeof(struct sct_record_call) ?
		       "a short call record" : NULL;
	if (h->type == SCT_RECORD_LOST)
		return h->size < sizeof(struct sct_record_lost) ?
		       "a short lost record" : NULL;
	return "an unknown type";
}

/* Does the data @d lie within its record? */
static bool data_inside(const struct sct_record_call *rec,
			const struct sct_record_data *d)
{
	return d->off >= sizeof(*rec) && d->off + d->len <= rec->hdr.size;
}

/* Where the data after offset @off starts (the next one's), or the end. */
static unsigned int data_next(const struct sct_record_call *rec,
			      unsigned int off)
{
	const struct sct_record_data *d[8];
	unsigned int end = rec->hdr.size, i;

	for (i = 0; i < 6; i++)
		d[i] = &rec->param[i];
	d[6] = &rec->rule;
	d[7] = &rec->text;
	for (i = 0; i < 8; i++)
		if (d[i]->len && d[i]->off > off && d[i]->off < end)
			end = d[i]->off;
	return end;
}

/*
 * The offset of the first byte that is not zero between the end of the
 * data of parameter @i and the next data, or 0.
 */
static unsigned int gap_dirty(const struct sct_record_call *rec,
			      unsigned int i)
{
	const struct sct_record_data *d = &rec->param[i];
	const unsigned char *p = (const void *)rec;
	unsigned int o, end = data_next(rec, d->off);

	for (o = d->off + d->len; o < end; o++)
		if (p[o])
			return o;
	return 0;
}

FIXTURE(safety)
{
	char names[MAX_RULES][64];
	int n;
	long long log_size;	/* at setup: the teardown puts it back */
	struct stall stall;
	char dir[PATH_MAX];
};

FIXTURE_SETUP(safety)
{
	self->stall.note = -1;
	self->stall.release = -1;
	if (!sct_present())
		SKIP(return, "no sct");
	self->log_size = sct_root_attr("log_size");
}

/*
 * In the parent, once the test's process is gone: also after a failed
 * ASSERT, which 6.12's harness may let skip a FIXTURE_TEARDOWN (it keeps
 * the child's pid in a variable that longjmp() may clobber).  @self is
 * shared with the test's process.
 */
FIXTURE_TEARDOWN_PARENT(safety)
{
	int i;

	/*
	 * First: a stalled call may hold up the writes below.  The stalled
	 * process is the test process's child: killed, not waited for.
	 */
	if (self->stall.pid > 0)
		kill(self->stall.pid, SIGKILL);
	for (i = 0; i < self->n; i++)
		sct_rule_remove(self->names[i]);
	sct_write_switch("1");
	if (self->log_size > 0 && sct_root_attr("log_size") != self->log_size)
		set_log_size(self->log_size);
	if (self->dir[0]) {
		if (chdir("/tmp"))
			perror("chdir");
		rmdir(self->dir);
	}
}

/* A rule name unique to this test, remembered for the teardown. */
static const char *rule_name(FIXTURE_DATA(safety) *self, const char *tag)
{
	char *name = self->names[self->n++];

	snprintf(name, sizeof(self->names[0]), "safety_%d_%s", getpid(), tag);
	return name;
}

static unsigned long long rule_id(const char *rule)
{
	char buf[32];

	if (sct_rule_get(rule, "id", buf, sizeof(buf)))
		return 0;
	return strtoull(buf, NULL, 10);
}

/* Work in an empty directory of our own: the names unlinked are not there. */
static int enter_dir(FIXTURE_DATA(safety) *self)
{
	snprintf(self->dir, sizeof(self->dir), "/tmp/sct_safety_%d",
		 getpid());
	if (mkdir(self->dir, 0755) || chdir(self->dir))
		return -errno;
	return 0;
}

/* "abcd...": the names unlinked are its first 1 to NAME_LEN characters. */
static void make_pattern(char *pattern)
{
	int i;

	for (i = 0; i < NAME_LEN; i++)
		pattern[i] = 'a' + i % 26;
	pattern[NAME_LEN] = '\0';
}

static void unlink_len(const char *pattern, unsigned int len)
{
	char name[NAME_LEN + 1];

	memcpy(name, pattern, len);
	name[len] = '\0';
	syscall(SYS_unlink, name);
}

/* ---- 6. Input with a newline inside. ---- */

TEST_F(safety, input_newline)
{
	static const struct {
		const char *attr, *val, *bad, *trailing, *after;
	} cases[] = {
		{ "syscall", "getpid", "unlink\nfoo", "getppid\n", "getppid" },
		{ "when", "after", "before\nafter", "before\n", "before" },
		{ "action", "fail", "log\nfail", "kill\n", "kill" },
		{ "error_code", "EACCES", "EPERM\nEACCES", "EIO\n", "EIO" },
		{ "order", "5", "7\n5", "9\n", "9" },
		{ "continue", "1", "0\n1", "0\n", "0" },
		{ "log_target", "printk", "device\nprintk", "both\n", "both" },
		{ "log_format", "%pid", "a\nb", "%comm\n", "%comm" },
		{ "enabled", "0", "0\n1", "0\n", "0" },
	};
	const char *r = rule_name(self, "input");
	char buf[256], path[PATH_MAX], size[64];
	unsigned int i;
	int ret;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){ NULL }));
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		EXPECT_EQ(0, sct_rule_set(r, cases[i].attr, cases[i].val))
			TH_LOG("%s = %s", cases[i].attr, cases[i].val);
		EXPECT_EQ(-EINVAL, sct_rule_set(r, cases[i].attr, cases[i].bad))
			TH_LOG("%s: a value with a newline inside was taken",
			       cases[i].attr);
		ASSERT_EQ(0, sct_rule_get(r, cases[i].attr, buf, sizeof(buf)));
		EXPECT_STREQ(cases[i].val, buf)
			TH_LOG("%s changed", cases[i].attr);
		/* One trailing newline, as echo writes it, is fine. */
		EXPECT_EQ(0, sct_rule_set(r, cases[i].attr, cases[i].trailing))
			TH_LOG("%s = %s\\n", cases[i].attr, cases[i].after);
		ASSERT_EQ(0, sct_rule_get(r, cases[i].attr, buf, sizeof(buf)));
		EXPECT_STREQ(cases[i].after, buf);
	}

	/*
	 * In a filter a newline is blank space: the filter is taken whole,
	 * or refused as a whole.  Never its first line alone.
	 */
	ASSERT_EQ(0, sct_rule_set(r, "filter", "PID > 0\n"));
	ret = sct_rule_set(r, "filter", "UID == 0\n&& PID > 1");
	snprintf(path, sizeof(path), "%s/%s/filter", SCT_RULES, r);
	ASSERT_LT(0, sct_read_attr(path, buf, sizeof(buf)));
	if (!ret) {
		EXPECT_NE(NULL, strstr(buf, "PID > 1"))
			TH_LOG("filter taken as '%s'", buf);
		EXPECT_NE(NULL, strstr(buf, "UID == 0"));
	} else {
		EXPECT_EQ(-EINVAL, ret);
		EXPECT_STREQ("PID > 0\n", buf);
	}

	/* The root attributes. */
	EXPECT_EQ(-EINVAL, sct_write_switch("1\n0"));
	EXPECT_EQ(1, sct_root_attr("enabled"));
	snprintf(size, sizeof(size), "%lld\n0", sct_root_attr("log_size"));
	EXPECT_EQ(-EINVAL, sct_write_attr(LOG_SIZE_ATTR, size))
		TH_LOG("log_size: '%s' was taken", size);
}

/* ---- 5. The printk target's rate limit. ---- */

struct kmsg_reader {
	int fd;
	char needle[64];
	int stop;
	long lines;	/* lines with the needle */
	long overruns;	/* EPIPE: lines lost before they were read */
};

static void *kmsg_fn(void *arg)
{
	struct kmsg_reader *k = arg;
	struct pollfd pfd = { .fd = k->fd, .events = POLLIN };
	char buf[2048];
	ssize_t n;

	for (;;) {
		n = read(k->fd, buf, sizeof(buf) - 1);
		if (n > 0) {
			buf[n] = '\0';
			if (strstr(buf, k->needle))
				__atomic_add_fetch(&k->lines, 1, __ATOMIC_RELAXED);
			continue;
		}
		if (n < 0 && errno == EPIPE) {
			k->overruns++;
			continue;
		}
		if (n < 0 && errno == EAGAIN) {
			if (__atomic_load_n(&k->stop, __ATOMIC_ACQUIRE))
				break;
			poll(&pfd, 1, 20);
			continue;
		}
		break;
	}
	return NULL;
}

/*
 * Wait until @k saw @want lines, or none came for 100 ms.  Did any come?
 */
static bool kmsg_catch_up(struct kmsg_reader *k, long want)
{
	long long last = sct_now_ms();
	long lines, first, seen;

	first = __atomic_load_n(&k->lines, __ATOMIC_RELAXED);
	seen = first;
	for (;;) {
		lines = __atomic_load_n(&k->lines, __ATOMIC_RELAXED);
		if (lines >= want)
			break;
		if (lines != seen) {
			seen = lines;
			last = sct_now_ms();
		} else if (sct_now_ms() - last > 100) {
			break;
		}
		usleep(2000);
	}
	return lines != first;
}

/*
 * 20000 records of a printk rule make far fewer lines in the kernel log,
 * and stats count the others.  The calls come in bursts that printk's
 * worker keeps up with, so that without a limit every one is a line.
 */
TEST_F_TIMEOUT(safety, printk_ratelimit, 60)
{
	const char *r = rule_name(self, "printk");
	struct kmsg_reader k = {};
	char filter[64];
	long long suppressed, t0;
	pthread_t th;
	const int n = 20000, burst = 400;
	int i, quiet = 0;

	snprintf(filter, sizeof(filter), "filter=PID == %d", getpid());
	snprintf(k.needle, sizeof(k.needle), "safety_printk %d", getpid());
	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=getpid", filter, "log_format=safety_printk %pid",
		"log_target=printk", "enabled=1", NULL }));
	k.fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	ASSERT_LE(0, k.fd);
	ASSERT_LE(0, lseek(k.fd, 0, SEEK_END));
	ASSERT_EQ(0, pthread_create(&th, NULL, kmsg_fn, &k));

	t0 = sct_now_ms();
	for (i = 1; i <= n; i++) {
		syscall(SYS_getpid);
		/* Three bursts without a line: limited, no need to wait. */
		if (i % burst == 0 && quiet < 3)
			quiet = kmsg_catch_up(&k, i) ? 0 : quiet + 1;
	}
	/* The last lines printed after a pause, and the suppressed count. */
	usleep(500000);
	kmsg_catch_up(&k, n);
	__atomic_store_n(&k.stop, 1, __ATOMIC_RELEASE);
	pthread_join(th, NULL);
	close(k.fd);
	EXPECT_EQ(0, sct_rule_set(r, "enabled", "0"));
	EXPECT_EQ(n, sct_rule_hits(r));

	suppressed = sct_stat("log_printk_suppressed");
	TH_LOG("%d records in %lld ms: %ld kernel log lines, %ld overruns, %lld suppressed",
	       n, sct_now_ms() - t0, k.lines, k.overruns, suppressed);
	EXPECT_LT(0, suppressed)
		TH_LOG("no log_printk_suppressed count in stats, or 0");
	EXPECT_EQ(0, k.overruns)
		TH_LOG("the kernel log overran: flooded with sct lines");
	EXPECT_GT(n / 4, k.lines)
		TH_LOG("%ld lines in the kernel log for %d records", k.lines, n);
}

/* ---- 3. Socket addresses. ---- */

/*
 * Check the socket address of a connect() record (parameter 1) against
 * the bytes the caller wrote, @want: as many as addrlen at most, each as
 * written (bytes 0-1, the family, either AF_INET or AF_INET6 if
 * @any_family), and zero after them.  false, and why in @why, if wrong.
 */
static bool sa_ok(const struct sct_record_call *rec, const unsigned char *want,
		  bool any_family, char *why, size_t size)
{
	const struct sct_record_data *d = &rec->param[1];
	const unsigned char *p = (const unsigned char *)rec + d->off;
	unsigned long long addrlen = rec->args[2];
	unsigned int i, dirty;
	__u16 family;

	if (!d->len)
		return true;	/* no data: nothing to leak */
	if (d->kind != SCT_DATA_SOCKADDR || !data_inside(rec, d)) {
		snprintf(why, size, "data of kind %u at %u+%u in %u bytes",
			 d->kind, d->off, d->len, rec->hdr.size);
		return false;
	}
	if (d->len > addrlen || d->len > sizeof(struct sockaddr_in6)) {
		snprintf(why, size, "%u bytes of an address of %llu",
			 d->len, addrlen);
		return false;
	}
	for (i = 0; i < d->len; i++) {
		if (i < 2 && any_family)
			continue;
		if (p[i] != want[i]) {
			snprintf(why, size,
				 "byte %u of %u is 0x%02x, the caller wrote 0x%02x",
				 i, d->len, p[i], want[i]);
			return false;
		}
	}
	if (d->len >= 2 && any_family) {
		memcpy(&family, p, sizeof(family));
		if (family != AF_INET && family != AF_INET6) {
			snprintf(why, size, "family %u", family);
			return false;
		}
	}
	dirty = gap_dirty(rec, 1);
	if (dirty) {
		snprintf(why, size, "byte %u after %u bytes of data is 0x%02x",
			 dirty - d->off, d->len, ((const unsigned char *)rec)[dirty]);
		return false;
	}
	return true;
}

/* The connect() records of a rule, checked as they are read. */
struct sa_check {
	int fd;
	unsigned long long rule_id;
	const unsigned char *want;
	bool any_family;
	long records, bad, lost, len[29], stale;
	unsigned int family;	/* of the last record, if it has one */
	char first[256];
};

/*
 * A log rule RULE on this process's connect() calls, with their socket
 * addresses in its records, a reader of them at the end of the log in
 * c->fd, and in *sock a UDP socket to connect.
 */
static void sa_start(struct __test_metadata *_metadata, const char *rule,
		     struct sa_check *c, int *sock)
{
	char filter[64];

	snprintf(filter, sizeof(filter), "filter=PID == %d", getpid());
	ASSERT_EQ(0, sct_rule_make(rule, (const char *[]){
		"syscall=connect", filter, "log_format=%params", "enabled=1",
		NULL }));
	c->rule_id = rule_id(rule);
	c->fd = sct_open_new(SCT_RECORDS, O_NONBLOCK);
	ASSERT_LE(0, c->fd);
	ASSERT_EQ(0, ioctl(c->fd, SCT_IOC_TEXT, 1));
	*sock = socket(AF_INET, SOCK_DGRAM, 0);
	ASSERT_LE(0, *sock);
}

/* Read what there is of the log; false on a bad framing. */
static bool sa_drain(struct sa_check *c, char *buf)
{
	const struct sct_record_call *rec;
	const struct sct_record_header *h;
	const unsigned char *p;
	const char *why;
	char msg[200];
	ssize_t n;
	size_t off;

	while ((n = read(c->fd, buf, READ_BUF)) > 0) {
		for (off = 0; off < (size_t)n; off += h->size) {
			h = (const void *)(buf + off);
			why = record_bad(h, n - off);
			if (why) {
				snprintf(c->first, sizeof(c->first),
					 "record at %zu of %zd: %s", off, n, why);
				return false;
			}
			if (h->type == SCT_RECORD_LOST) {
				c->lost += ((const struct sct_record_lost *)h)->count;
				continue;
			}
			rec = (const void *)h;
			if (rec->rule_id != c->rule_id || rec->nr != SYS_connect)
				continue;
			c->records++;
			if (rec->param[1].len <= 28)
				c->len[rec->param[1].len]++;
			/* Bytes 16-27 past a 16-byte copy: what the caller wrote? */
			p = (const unsigned char *)rec + rec->param[1].off;
			if (rec->param[1].len >= 2 && data_inside(rec, &rec->param[1]))
				c->family = p[0] | p[1] << 8;
			if (rec->param[1].len == 28 && data_inside(rec, &rec->param[1]) &&
			    memcmp(p + 16, c->want + 16, 12))
				c->stale++;
			if (!sa_ok(rec, c->want, c->any_family, msg, sizeof(msg)) &&
			    !c->bad++)
				snprintf(c->first, sizeof(c->first),
					 "seq %llu, addrlen %llu: %s",
					 (unsigned long long)rec->hdr.seq,
					 (unsigned long long)rec->args[2], msg);
		}
	}
	return n < 0 && errno == EAGAIN;
}

/*
 * An AF_INET6 address with a 16-byte addrlen: the kernel copies at most
 * 16 bytes, not the 28 of a struct sockaddr_in6, and nothing after them.
 */
TEST_F(safety, sockaddr_bounded)
{
	const char *r = rule_name(self, "sa_bounded");
	union {
		__u64 align;
		unsigned char b[32];
	} u;
	unsigned char *sa = u.b;
	struct sa_check c = {};
	char *buf;
	__u16 family = AF_INET6;
	int s, i;

	buf = malloc(READ_BUF);
	ASSERT_NE(NULL, buf);
	c.want = sa;
	sa_start(_metadata, r, &c, &s);

	memset(u.b, 0, sizeof(u.b));
	memcpy(sa, &family, sizeof(family));
	for (i = 2; i < 16; i++)
		sa[i] = 0x20 + i;
	memset(sa + 16, 0xaa, 12);
	/* It fails (an AF_INET6 address on an AF_INET socket): logged first. */
	connect(s, (struct sockaddr *)sa, 16);

	ASSERT_TRUE(sa_drain(&c, buf)) TH_LOG("%s", c.first);
	ASSERT_EQ(1, c.records);
	EXPECT_EQ(0, c.bad) TH_LOG("%s", c.first);
	EXPECT_EQ(0, c.len[28])
		TH_LOG("28 bytes recorded for an addrlen of 16");
	close(s);
	close(c.fd);
	free(buf);
}

struct flipper {
	__u16 *family;
	int stop;
	unsigned long flips;
};

static void *flip_fn(void *arg)
{
	struct flipper *f = arg;

	while (!__atomic_load_n(&f->stop, __ATOMIC_RELAXED)) {
		__atomic_store_n(f->family, AF_INET, __ATOMIC_RELAXED);
		__atomic_store_n(f->family, AF_INET6, __ATOMIC_RELAXED);
		f->flips++;
	}
	return NULL;
}

/*
 * A thread flips the family of the address between AF_INET and AF_INET6
 * while connect() is called with it: every record still holds, within
 * addrlen, the bytes the caller wrote and no others.
 */
TEST_F_TIMEOUT(safety, sockaddr_flip, 90)
{
	const char *r = rule_name(self, "sa_flip");
	union {
		struct sockaddr_in sin;
		__u64 align;
		unsigned char b[32];
	} u;
	unsigned char want[32];
	struct flipper f = { .family = (__u16 *)u.b };
	struct sa_check c = { .any_family = true };
	char *buf;
	const int n = 20000;
	pthread_t th;
	long long t0;
	int s, i;

	buf = malloc(READ_BUF);
	ASSERT_NE(NULL, buf);
	sa_start(_metadata, r, &c, &s);

	/* 127.0.0.1:1, and 0x55 in bytes 16-27, past a sockaddr_in. */
	memset(u.b, 0, sizeof(u.b));
	u.sin.sin_family = AF_INET;
	u.sin.sin_port = htons(1);
	u.sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	memset(u.b + 16, 0x55, 12);
	memcpy(want, u.b, sizeof(want));
	c.want = want;

	t0 = sct_now_ms();
	ASSERT_EQ(0, pthread_create(&th, NULL, flip_fn, &f));
	for (i = 0; i < n; i++) {
		/* 16, a sockaddr_in; 28, a sockaddr_in6: failures are fine. */
		connect(s, (struct sockaddr *)u.b, i & 1 ? 28 : 16);
		if (i % 256 == 255 && !sa_drain(&c, buf))
			break;
	}
	__atomic_store_n(&f.stop, 1, __ATOMIC_RELAXED);
	pthread_join(th, NULL);
	ASSERT_TRUE(sa_drain(&c, buf)) TH_LOG("%s", c.first);
	TH_LOG("%d calls, %lu flips, %lld ms: %ld records, %ld lost",
	       n, f.flips, sct_now_ms() - t0, c.records, c.lost);
	TH_LOG("addresses of 16 bytes: %ld, of 28: %ld, with stale bytes 16-27: %ld",
	       c.len[16], c.len[28], c.stale);
	EXPECT_LT(n / 2, c.records);
	EXPECT_EQ(0, c.bad) TH_LOG("%ld bad records; the first: %s", c.bad,
				   c.first);
	EXPECT_EQ(0, c.stale);
	close(s);
	close(c.fd);
	free(buf);
}

struct stale_handler {
	int uffd;
	long page;
	char *src;
	__u16 *family;
	int faults;
};

/* The fault: flip the family, then fill the page in. */
static void *stale_handler_fn(void *arg)
{
	struct stale_handler *h = arg;
	unsigned long long addr;

	if (uffd_wait_fault(h->uffd, 10000, &addr))
		return NULL;
	h->faults++;
	__atomic_store_n(h->family, AF_INET6, __ATOMIC_RELAXED);
	uffd_fill(h->uffd, addr, h->src, h->page);
	return NULL;
}

/*
 * The race of sockaddr_flip, made certain: the address starts 2 bytes
 * before a page that userfaultfd holds, so that its family (AF_INET)
 * reads at once and the rest stalls; the family becomes AF_INET6 before
 * the rest is filled in.  A kernel that reads the family, then the
 * address with the length that family gives, sees AF_INET6 in a 16-byte
 * copy: bytes 16-27 of what it records must not be kernel stack.  (The
 * guest's CPU has no FSRM: copy_from_user() copies words, and the word
 * that faulted is read again, family included, once the fault is done.)
 */
TEST_F(safety, sockaddr_stale)
{
	const char *r = rule_name(self, "sa_stale");
	struct stale_handler h = {};
	struct uffdio_register reg = {};
	struct sockaddr_in sin = {};
	unsigned char want[32], *sa;
	struct sa_check c = { .any_family = true };
	char *buf, *area;
	pthread_t th;
	int s;

	if (!uffd_available())
		SKIP(return, "no userfaultfd");
	buf = malloc(READ_BUF);
	ASSERT_NE(NULL, buf);
	sa_start(_metadata, r, &c, &s);

	/* 127.0.0.1:1, and 0x55 in bytes 16-27. */
	sin.sin_family = AF_INET;
	sin.sin_port = htons(1);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	memset(want, 0, sizeof(want));
	memcpy(want, &sin, sizeof(sin));
	memset(want + 16, 0x55, 12);
	c.want = want;

	h.page = sysconf(_SC_PAGESIZE);
	area = mmap(NULL, 2 * h.page, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	h.src = mmap(NULL, h.page, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, area);
	ASSERT_NE(MAP_FAILED, h.src);
	memset(area, 0, h.page);
	sa = (unsigned char *)area + h.page - 2;
	memcpy(sa, want, 2);
	memcpy(h.src, want + 2, 26);
	h.family = (__u16 *)sa;
	h.uffd = uffd_open();
	ASSERT_LE(0, h.uffd);
	reg.range.start = (unsigned long)area + h.page;
	reg.range.len = h.page;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	ASSERT_EQ(0, ioctl(h.uffd, UFFDIO_REGISTER, &reg));
	ASSERT_EQ(0, pthread_create(&th, NULL, stale_handler_fn, &h));

	connect(s, (struct sockaddr *)sa, 28);
	pthread_join(th, NULL);
	EXPECT_EQ(1, h.faults);

	ASSERT_TRUE(sa_drain(&c, buf)) TH_LOG("%s", c.first);
	ASSERT_EQ(1, c.records);
	TH_LOG("recorded: %s, %s bytes",
	       c.family == AF_INET6 ? "AF_INET6" :
	       c.family == AF_INET ? "AF_INET" : "no family",
	       c.len[28] ? "28" : c.len[16] ? "16" : "other");
	EXPECT_EQ(0, c.bad) TH_LOG("%s", c.first);
	EXPECT_EQ(0, c.stale) TH_LOG("kernel stack in bytes 16-27");
	close(h.uffd);
	close(s);
	close(c.fd);
	free(buf);
}

/*
 * The bytes between a string's NUL and the next 8-byte boundary are
 * zero, not what an older record left in the ring.  Every record here is
 * a multiple of 16 bytes: no ring end is left shorter than a header (see
 * ring_wrap), so this test fails, rather than oopses, without its fix.
 */
TEST_F(safety, param_padding)
{
	const char *r = rule_name(self, "padding");
	const struct sct_record_call *rec;
	const struct sct_record_header *h;
	unsigned int lens[NAME_LEN], nlens = 0, len, dirty;
	char pattern[NAME_LEN + 1], filter[64], *buf;
	unsigned long long id;
	long records = 0, bad = 0;
	const char *why;
	size_t off;
	ssize_t n;
	int fd, i;

	buf = malloc(READ_BUF);
	ASSERT_NE(NULL, buf);
	make_pattern(pattern);
	ASSERT_EQ(0, enter_dir(self));
	for (len = 1; len <= NAME_LEN; len++)
		if ((sizeof(struct sct_record_call) + ALIGN8(len + 1)) % 16 == 0 &&
		    ALIGN8(len + 1) != len + 1)
			lens[nlens++] = len;
	ASSERT_LT(0U, nlens);

	ASSERT_EQ(0, set_log_size(16384));
	snprintf(filter, sizeof(filter), "filter=PID == %d", getpid());
	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=unlink", filter, "log_format=%params", "enabled=1",
		NULL }));
	id = rule_id(r);
	/* Several times around the rings, with no reader. */
	for (i = 0; i < 400; i++)
		unlink_len(pattern, lens[(i * 7) % nlens]);

	fd = open(SCT_RECORDS, O_RDONLY | O_NONBLOCK);	/* from the oldest */
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ioctl(fd, SCT_IOC_TEXT, 1));
	while ((n = read(fd, buf, READ_BUF)) > 0) {
		for (off = 0; off < (size_t)n; off += h->size) {
			h = (const void *)(buf + off);
			why = record_bad(h, n - off);
			ASSERT_EQ(NULL, why) TH_LOG("record at %zu: %s", off, why);
			rec = (const void *)h;
			if (h->type != SCT_RECORD_CALL || rec->rule_id != id)
				continue;
			records++;
			ASSERT_EQ(SCT_DATA_STRING, rec->param[0].kind);
			ASSERT_TRUE(data_inside(rec, &rec->param[0]));
			dirty = gap_dirty(rec, 0);
			if (dirty && !bad++)
				TH_LOG("seq %llu: byte %u after the %u of \"%s\" is 0x%02x",
				       (unsigned long long)h->seq,
				       dirty - rec->param[0].off,
				       rec->param[0].len,
				       (const char *)rec + rec->param[0].off,
				       ((const unsigned char *)rec)[dirty]);
		}
	}
	EXPECT_EQ(EAGAIN, errno);
	close(fd);
	EXPECT_EQ(0, sct_rule_set(r, "enabled", "0"));
	TH_LOG("%ld records read, %ld with old bytes after their string",
	       records, bad);
	EXPECT_LT(0, records);
	EXPECT_EQ(0, bad);
	free(buf);
}

/* ---- 2 and 4. Calls stalled in a filter. ---- */

/* The rule settings that stall the calls of a stall child in the filter. */
static const char *stall_filter(char *buf, size_t size)
{
	snprintf(buf, size, "filter=PPID == %d && PARAMS[1] == \"%s\"",
		 getpid(), STALL_PATH);
	return buf;
}

/* Start the stall child and wait until its call is held in @rule's filter. */
static void stall_in_filter(struct __test_metadata *_metadata,
			    FIXTURE_DATA(safety) *self, const char *rule)
{
	ASSERT_EQ(0, stall_start(&self->stall));
	ASSERT_EQ(0, stall_wait(&self->stall, 10000))
		TH_LOG("the call did not stall");
	/* Not matched yet: held in the filter, not in unlink itself. */
	ASSERT_EQ(0, sct_rule_hits(rule));
}

/*
 * While a call is held in a filter's read of user memory, configfs
 * writes return in bounded time: none waits for the call.
 */
TEST_F_TIMEOUT(safety, bounded_admin, 60)
{
	const char *r = rule_name(self, "bounded");
	struct admin_op ops[5] = {
		{ .what = "disabling the rule" },
		{ .what = "removing the rule" },
		{ .what = "switching sct off" },
		{ .what = "switching sct on" },
		{ .what = "writing log_size" },
	};
	char filter[128], path[PATH_MAX], size[32];
	bool in_time;
	unsigned int i;
	int status;

	if (!uffd_available())
		SKIP(return, "no userfaultfd");
	syscall(SYS_unlink, STALL_PATH);
	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=unlink", "action=fail", "error_code=EPERM",
		stall_filter(filter, sizeof(filter)), "enabled=1", NULL }));
	op_add_rule(&ops[0], r, "enabled", "0");
	snprintf(path, sizeof(path), "%s/%s", SCT_RULES, r);
	op_add(&ops[1], path, NULL);
	op_add(&ops[2], SCT_CONFIGFS "/enabled", "0");
	op_add(&ops[3], SCT_CONFIGFS "/enabled", "1");
	/* No log rule is enabled, no log device open: it may change. */
	snprintf(size, sizeof(size), "%d",
		 sct_root_attr("log_size") == 16384 ? 32768 : 16384);
	op_add(&ops[4], LOG_SIZE_ATTR, size);

	stall_in_filter(_metadata, self, r);
	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		ASSERT_EQ(0, op_start(&ops[i]));
		in_time = op_wait(&ops[i], ADMIN_LIMIT_MS);
		if (!in_time)
			stall_release(&self->stall);	/* then it returns */
		pthread_join(ops[i].th, NULL);
		TH_LOG("%s: %lld ms", ops[i].what, ops[i].ms);
		EXPECT_TRUE(in_time)
			TH_LOG("%s took %lld ms with a call stalled in a filter",
			       ops[i].what, ops[i].ms);
		EXPECT_EQ(0, ops[i].ret) TH_LOG("%s", ops[i].what);
	}
	EXPECT_EQ(0, stall_end(&self->stall, &status));
	EXPECT_TRUE(WIFEXITED(status));
}

/*
 * A stalled call that matched a log rule acts as a log rule, though
 * the rule was made a kill rule (and enabled again) meanwhile.
 */
TEST_F_TIMEOUT(safety, log_to_kill, 60)
{
	const char *r = rule_name(self, "log_to_kill");
	struct admin_op op = { .what = "making the rule a kill rule" };
	char filter[128];
	int status;

	if (!uffd_available())
		SKIP(return, "no userfaultfd");
	syscall(SYS_unlink, STALL_PATH);
	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=unlink", stall_filter(filter, sizeof(filter)),
		"enabled=1", NULL }));
	stall_in_filter(_metadata, self, r);

	/* In a thread: a kernel may make a store wait for the stalled call. */
	op_add_rule(&op, r, "enabled", "0");
	op_add_rule(&op, r, "action", "kill");
	op_add_rule(&op, r, "enabled", "1");
	ASSERT_EQ(0, op_start(&op));
	op_wait(&op, ADMIN_LIMIT_MS);
	EXPECT_EQ(0, stall_end(&self->stall, &status));
	pthread_join(op.th, NULL);
	EXPECT_EQ(0, op.ret) TH_LOG("%s", op.what);

	EXPECT_TRUE(WIFEXITED(status))
		TH_LOG("the call's process was killed by signal %d",
		       WTERMSIG(status));
	/* It ran: there is no such file. */
	EXPECT_EQ(ENOENT, WEXITSTATUS(status));
}

/*
 * A stalled call that matched a fail rule fails, though the rule was
 * made a log rule meanwhile, and before any ring exists: it writes no
 * record.
 */
TEST_F_TIMEOUT(safety, fail_to_log, 60)
{
	const char *r = rule_name(self, "fail_to_log");
	struct admin_op op = { .what = "making the rule a log rule" };
	char filter[128];
	int status;

	if (!uffd_available())
		SKIP(return, "no userfaultfd");
	syscall(SYS_unlink, STALL_PATH);
	/* Drop the rings: no log rule is enabled, no log device open. */
	ASSERT_EQ(0, set_log_size(self->log_size > 0 ? self->log_size : 262144));
	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=unlink", "action=fail", "error_code=EPERM",
		stall_filter(filter, sizeof(filter)), "enabled=1", NULL }));
	stall_in_filter(_metadata, self, r);

	EXPECT_EQ(0, sct_rule_set(r, "enabled", "0"));
	/* In a thread: a kernel may make a store wait for the stalled call. */
	op_add_rule(&op, r, "action", "log");
	ASSERT_EQ(0, op_start(&op));
	op_wait(&op, ADMIN_LIMIT_MS);
	EXPECT_EQ(0, stall_end(&self->stall, &status));
	pthread_join(op.th, NULL);
	EXPECT_EQ(0, op.ret) TH_LOG("%s", op.what);

	EXPECT_TRUE(WIFEXITED(status))
		TH_LOG("the call's process was killed by signal %d",
		       WTERMSIG(status));
	EXPECT_EQ(EPERM, WEXITSTATUS(status))
		TH_LOG("unlink ended with %s, not EPERM",
		       strerror(WEXITSTATUS(status)));
	EXPECT_LE(0, sct_stat("log_records"));
}

/* ---- Disabling a rule without memory for the smaller table. ---- */

#define FAILSLAB_WAIT	"/sys/kernel/debug/failslab/ignore-gfp-wait"

/*
 * Make slab allocations that may sleep fail on demand: needs
 * CONFIG_FAILSLAB and its debugfs files (the debug kernel has them).
 */
static bool failslab_ready(void)
{
	if (access(FAILSLAB_WAIT, W_OK))
		mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	return !access("/proc/thread-self/fail-nth", W_OK) &&
	       !sct_write_attr(FAILSLAB_WAIT, "N");
}

/* The errno of getppid(), or 0. */
static int getppid_errno(void)
{
	return syscall(SYS_getppid) < 0 ? errno : 0;
}

/*
 * Disabling a rule cannot fail, even when the smaller table of its
 * syscall cannot be allocated (the rule is then left in the table as a
 * stand-in that matches nothing).  With two fail rules on getppid, the
 * first one's disable runs with each of its first slab allocations
 * failing in turn: whichever fails, the write either fails with ENOMEM
 * and changes nothing, or disables the rule, and getppid() is failed by
 * exactly the rules still enabled, through later changes too.
 */
TEST_F_TIMEOUT(safety, disable_without_memory, 60)
{
	const char *a = rule_name(self, "nomem_a");
	const char *b = rule_name(self, "nomem_b");
	char path[PATH_MAX], nth[16];
	int n, fd, nthfd, ret, left, took = 0;

	if (!failslab_ready())
		SKIP(return, "no fault injection (CONFIG_FAILSLAB, debugfs)");
	ASSERT_EQ(0, sct_rule_make(a, (const char *[]){
		"syscall=getppid", "action=fail", "error_code=EACCES",
		"order=0", NULL }));
	ASSERT_EQ(0, sct_rule_make(b, (const char *[]){
		"syscall=getppid", "action=fail", "error_code=EPERM",
		"order=1", NULL }));
	snprintf(path, sizeof(path), "%s/%s/enabled", SCT_RULES, a);
	nthfd = open("/proc/thread-self/fail-nth", O_RDWR);
	ASSERT_LE(0, nthfd);
	for (n = 1; n <= 8; n++) {
		ASSERT_EQ(0, sct_rule_set(a, "enabled", "1"));
		ASSERT_EQ(0, sct_rule_set(b, "enabled", "1"));
		ASSERT_EQ(EACCES, getppid_errno());

		fd = open(path, O_WRONLY);
		ASSERT_LE(0, fd);
		snprintf(nth, sizeof(nth), "%d", n);
		ASSERT_EQ((ssize_t)strlen(nth),
			  pwrite(nthfd, nth, strlen(nth), 0));
		ret = write(fd, "0", 1) < 0 ? -errno : 0;
		/* What is left of the count: 0 once the failure was injected. */
		memset(nth, 0, sizeof(nth));
		ASSERT_LT(0, pread(nthfd, nth, sizeof(nth) - 1, 0));
		left = atoi(nth);
		ASSERT_EQ(1, pwrite(nthfd, "0", 1, 0));
		close(fd);
		if (ret == -ENOMEM) {
			/* The value's copy failed: nothing changed. */
			EXPECT_EQ(EACCES, getppid_errno()) TH_LOG("n=%d", n);
			ASSERT_EQ(0, sct_rule_set(a, "enabled", "0"));
		} else {
			ASSERT_EQ(0, ret) TH_LOG("n=%d", n);
			/* An allocation failed, and the disable still worked. */
			took += !left;
		}
		/* a is out, whatever its table looks like now. */
		EXPECT_EQ(EPERM, getppid_errno()) TH_LOG("n=%d", n);
		ASSERT_EQ(0, sct_rule_set(a, "enabled", "1"));
		EXPECT_EQ(EACCES, getppid_errno()) TH_LOG("n=%d", n);
		ASSERT_EQ(0, sct_rule_set(b, "enabled", "0"));
		EXPECT_EQ(EACCES, getppid_errno()) TH_LOG("n=%d", n);
		ASSERT_EQ(0, sct_rule_set(a, "enabled", "0"));
		EXPECT_EQ(0, getppid_errno()) TH_LOG("n=%d", n);
	}
	close(nthfd);
	/* The smaller table's allocation failed in one of them. */
	EXPECT_LT(0, took);
}

/* ---- 1. Ring wrap. ---- */

/* A reader of one log device, in its own thread. */
struct reader {
	int fd;
	bool binary;
	unsigned long long rule_id;
	const char *rule;
	const char *pattern;
	int stop;
	long want;		/* once stop is set: the records written */
	long progress;		/* calls + lost, for the writer */
	long calls;		/* records of the rule read */
	long lost;		/* records it was told it lost */
	unsigned long long last_seq;
	char err[256];		/* the first thing wrong */
};

static void __printf(2, 3)
reader_fail(struct reader *rd, const char *fmt, ...)
{
	va_list ap;

	if (rd->err[0])
		return;
	va_start(ap, fmt);
	vsnprintf(rd->err, sizeof(rd->err), fmt, ap);
	va_end(ap);
}

/* The records of one read() of /dev/sct_records. */
static void reader_records(struct reader *rd, const char *buf, size_t n)
{
	const struct sct_record_call *rec;
	const struct sct_record_header *h;
	const struct sct_record_data *d;
	unsigned long long count;
	const char *why, *s;
	size_t off;

	for (off = 0; off < n; off += h->size) {
		h = (const void *)(buf + off);
		why = record_bad(h, n - off);
		if (why) {
			reader_fail(rd, "record at %zu of %zu: %s (size %u)",
				    off, n, why,
				    n - off >= 4 ? h->size : 0);
			return;
		}
		if (h->seq <= rd->last_seq)
			reader_fail(rd, "seq %llu after %llu",
				    (unsigned long long)h->seq, rd->last_seq);
		if (h->type == SCT_RECORD_LOST) {
			count = ((const struct sct_record_lost *)h)->count;
			if (!count)
				reader_fail(rd, "lost 0 at seq %llu",
					    (unsigned long long)h->seq);
			rd->lost += count;
			rd->last_seq = h->seq + count - 1;
			continue;
		}
		rd->last_seq = h->seq;
		rec = (const void *)h;
		if (rec->rule_id != rd->rule_id)
			continue;
		rd->calls++;
		d = &rec->param[0];
		if (rec->nr != SYS_unlink || d->kind != SCT_DATA_STRING) {
			reader_fail(rd, "seq %llu: nr %d, kind %u",
				    (unsigned long long)h->seq, rec->nr,
				    d->kind);
			continue;
		}
		if (d->len < 2 || d->len > NAME_LEN + 1 ||
		    !data_inside(rec, d)) {
			reader_fail(rd, "seq %llu: string at %u+%u in %u bytes",
				    (unsigned long long)h->seq, d->off, d->len,
				    h->size);
			continue;
		}
		s = (const char *)rec + d->off;
		if (s[d->len - 1] || strlen(s) != d->len - 1U ||
		    memcmp(s, rd->pattern, d->len - 1))
			reader_fail(rd, "seq %llu: the string is not the name unlinked",
				    (unsigned long long)h->seq);
	}
}

/* One line of /dev/sct_log. */
static void reader_line(struct reader *rd, char *line, size_t n)
{
	unsigned long long count, first;
	size_t rl = strlen(rd->rule);
	char *p, *q;

	if (!n || line[n - 1] != '\n') {
		reader_fail(rd, "a line without its newline");
		return;
	}
	line[n - 1] = '\0';
	if (sscanf(line, "sct: lost %llu records (seq %llu-", &count,
		   &first) == 2) {
		rd->lost += count;
		return;
	}
	if (strncmp(line, rd->rule, rl) || line[rl] != ' ')
		return;		/* another rule's */
	rd->calls++;
	/* rule "comm"[pid] uid=0 unlink("name") */
	p = strstr(line, " unlink(\"");
	q = strrchr(line, '"');
	if (!p || q < p + 10 || strcmp(q, "\")") ||
	    memcmp(p + 9, rd->pattern, q - p - 9))
		reader_fail(rd, "line '%.200s'", line);
}

static void *reader_fn(void *arg)
{
	struct reader *rd = arg;
	struct pollfd pfd = { .fd = rd->fd, .events = POLLIN };
	char *buf = malloc(READ_BUF);
	long long deadline = 0;
	ssize_t n;

	if (!buf) {
		reader_fail(rd, "out of memory");
		return NULL;
	}
	for (;;) {
		n = read(rd->fd, buf, READ_BUF - 1);
		if (n > 0) {
			if (rd->binary)
				reader_records(rd, buf, n);
			else
				reader_line(rd, buf, n);
			__atomic_store_n(&rd->progress, rd->calls + rd->lost,
					 __ATOMIC_RELEASE);
			continue;
		}
		if (n < 0 && errno == EAGAIN) {
			/*
			 * Once the writer is done, the end: when every record
			 * it wrote is read or reported lost, or after ten
			 * seconds.  Not at the first EAGAIN, which a record
			 * of another CPU still being written also gives.
			 */
			if (__atomic_load_n(&rd->stop, __ATOMIC_ACQUIRE)) {
				if (!deadline)
					deadline = sct_now_ms() + 10000;
				if (rd->calls + rd->lost >= rd->want ||
				    sct_now_ms() > deadline)
					break;
			}
			poll(&pfd, 1, 20);
			continue;
		}
		reader_fail(rd, "read: %s", n ? strerror(errno) : "end of file");
		break;
	}
	free(buf);
	return NULL;
}

/*
 * The writer's view of its CPU's ring, to steer it: a record that does
 * not fit before the end of the ring starts at its beginning, after
 * padding.
 */
struct ring_model {
	unsigned int ring;
	unsigned long long head;
	long written;
	unsigned int wraps, short_pads;
};

static unsigned int rec_size(unsigned int len)
{
	return sizeof(struct sct_record_call) + ALIGN8(len + 1);
}

/* Unlink the name of @len characters; true if its record wrapped. */
static bool ring_unlink(struct ring_model *m, const char *pattern,
			unsigned int len)
{
	unsigned int size = rec_size(len);
	unsigned int left = m->ring - (m->head & (m->ring - 1));
	bool wrapped = left < size;

	unlink_len(pattern, len);
	m->written++;
	if (wrapped) {
		m->wraps++;
		if (left < sizeof(struct sct_record_header))
			m->short_pads++;
		m->head += left;
	}
	m->head += size;
	return wrapped;
}

/* Let the readers catch up with the writer, for a second at most. */
static void readers_catch_up(struct reader *rd, int n, long written)
{
	long long end = sct_now_ms() + 1000;
	int i;

	for (i = 0; i < n; i++)
		while (__atomic_load_n(&rd[i].progress, __ATOMIC_ACQUIRE) <
		       written && sct_now_ms() < end)
			usleep(1000);
}

/*
 * Unlinks of names of 1 to 255 characters, over and over, with the
 * default format, into rings of 16, 32 and 64 KiB, while both devices
 * are read.  Every other time the ring wraps, the writer first fills it
 * up to 8 bytes before its end, a remainder shorter than a record
 * header, which every reader must skip without reading a header there.
 */
TEST_F_TIMEOUT(safety, ring_wrap, 120)
{
	static const unsigned int sizes[] = { 16384, 32768, 65536 };
	const char *r = rule_name(self, "ring");
	char pattern[NAME_LEN + 1], filter[64];
	struct reader rd[2];
	struct ring_model m;
	cpu_set_t cpus, one;
	unsigned int s, len, left, fill, pass, passes;
	long total = 0;
	long long records0;
	pthread_t th[2];
	int cpu, i;

	make_pattern(pattern);
	ASSERT_EQ(0, enter_dir(self));
	snprintf(filter, sizeof(filter), "filter=PID == %d", getpid());
	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=unlink", filter, NULL }));
	records0 = sct_stat("log_records");
	ASSERT_EQ(0, sched_getaffinity(0, sizeof(cpus), &cpus));
	for (cpu = 0; !CPU_ISSET(cpu, &cpus); cpu++)
		;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);

	for (s = 0; s < ARRAY_SIZE(sizes); s++) {
		/* Fresh rings: this CPU's head is 0. */
		ASSERT_EQ(0, sct_rule_set(r, "enabled", "0"));
		ASSERT_EQ(0, set_log_size(sizes[s]));
		ASSERT_EQ(sizes[s], sct_root_attr("log_size"));
		ASSERT_EQ(0, sct_rule_set(r, "enabled", "1"));
		for (i = 0; i < 2; i++) {
			rd[i] = (struct reader){
				.binary = !i,
				.rule_id = rule_id(r),
				.rule = r,
				.pattern = pattern,
			};
			rd[i].fd = open(i ? SCT_LOG : SCT_RECORDS,
					O_RDONLY | O_NONBLOCK);
			ASSERT_LE(0, rd[i].fd);
			if (!i)
				ASSERT_EQ(0, ioctl(rd[i].fd, SCT_IOC_TEXT, 1));
			ASSERT_EQ(0, pthread_create(&th[i], NULL, reader_fn,
						    &rd[i]));
		}
		/* One ring, whose position the writer knows. */
		ASSERT_EQ(0, sched_setaffinity(0, sizeof(one), &one));

		m = (struct ring_model){ .ring = sizes[s] };
		passes = 3 * sizes[s] / 16384;
		for (pass = 0; pass < passes; pass++) {
			for (len = 1; len <= NAME_LEN; len++) {
				left = m.ring - (m.head & (m.ring - 1));
				if (left < rec_size(len) && left >= 16 &&
				    (m.wraps & 1)) {
					/* Fill all but 8 bytes, if one name can. */
					fill = left - 8 - sizeof(struct sct_record_call);
					if (fill >= 8 && fill <= NAME_LEN + 1)
						ring_unlink(&m, pattern, fill - 1);
				}
				if (ring_unlink(&m, pattern, len))
					readers_catch_up(rd, 2, m.written);
			}
		}

		ASSERT_EQ(0, sched_setaffinity(0, sizeof(cpus), &cpus));
		for (i = 0; i < 2; i++) {
			struct timespec ts;

			rd[i].want = m.written;
			__atomic_store_n(&rd[i].stop, 1, __ATOMIC_RELEASE);
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_sec += 30;
			ASSERT_EQ(0, pthread_timedjoin_np(th[i], NULL, &ts))
				TH_LOG("the %s reader is stuck",
				       i ? "text" : "binary");
			close(rd[i].fd);
		}
		total += m.written;
		TH_LOG("log_size %u: %ld records, %u wraps, %u ends left short of a header",
		       sizes[s], m.written, m.wraps, m.short_pads);
		/* The writer did make the case it is after. */
		EXPECT_LT(0U, m.short_pads);
		TH_LOG("read: binary %ld (%ld lost), text %ld (%ld lost)",
		       rd[0].calls, rd[0].lost, rd[1].calls, rd[1].lost);
		for (i = 0; i < 2; i++) {
			EXPECT_STREQ("", rd[i].err)
				TH_LOG("log_size %u, %s reader", sizes[s],
				       i ? "text" : "binary");
			EXPECT_LT(0, rd[i].calls);
			/* Every record is read, or reported lost. */
			EXPECT_EQ(m.written, rd[i].calls + rd[i].lost);
		}
		if (_metadata->exit_code)
			break;
	}
	ASSERT_EQ(0, sct_rule_set(r, "enabled", "0"));
	/* And the stats still read. */
	EXPECT_LE(records0 + total, sct_stat("log_records"));
}

TEST_HARNESS_MAIN
