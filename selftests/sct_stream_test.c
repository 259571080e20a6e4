// SPDX-License-Identifier: GPL-2.0
/*
 * The streams of traces: a trace with a buffer_size keeps its records to
 * itself, for the one reader attached to it with SCT_IOC_TRACE, with
 * sequence numbers of its own.  Under the drop policy every record that
 * does not fit is counted; under the wait policy none is lost, however
 * slow the reader.
 *
 * The rules here log getppid for the members of a trace; the members are
 * children that make a given number of calls when told to.
 */
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <linux/sct.h>

#include "kselftest_harness.h"
#include "sct_test.h"

#define MAX_NAMES	8
/* The smallest stream: about 60 call records. */
#define SMALL		16384

FIXTURE(stream)
{
	char rules[MAX_NAMES][64];
	int nrules;
	char traces[MAX_NAMES][64];
	int ntraces;
	pid_t kids[MAX_NAMES];
	int nkids;
};

FIXTURE_SETUP(stream)
{
	if (!sct_present())
		SKIP(return, "no sct");
	if (!sct_exists(SCT_TRACES))
		SKIP(return, "no traces in this kernel");
}

/*
 * In the parent, after the test's process is gone, also after a failed
 * ASSERT: @self is shared with it.
 */
FIXTURE_TEARDOWN_PARENT(stream)
{
	char path[PATH_MAX];
	int i;

	for (i = 0; i < self->nkids; i++) {
		kill(self->kids[i], SIGKILL);
		waitpid(self->kids[i], NULL, 0);
	}
	for (i = 0; i < self->nrules; i++)
		sct_rule_remove(self->rules[i]);
	for (i = 0; i < self->ntraces; i++) {
		snprintf(path, sizeof(path), "%s/%s", SCT_TRACES,
			 self->traces[i]);
		rmdir(path);
	}
}

static const char *rule_name(FIXTURE_DATA(stream) *self, const char *tag)
{
	char *name = self->rules[self->nrules++];

	snprintf(name, sizeof(self->rules[0]), "ksft_%d_%s", getpid(), tag);
	return name;
}

/* Attribute @attr of trace @name, into @buf without its newline. */
static int trace_read(const char *name, const char *attr, char *buf,
		      size_t size)
{
	char path[PATH_MAX];
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%s/%s", SCT_TRACES, name, attr);
	n = sct_read_attr(path, buf, size);
	if (n < 0)
		return n;
	if (n && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return 0;
}

static long long trace_num(const char *name, const char *attr)
{
	char buf[64];

	return trace_read(name, attr, buf, sizeof(buf)) ? -1 :
	       strtoll(buf, NULL, 0);
}

/*
 * Make a trace with a stream of @size bytes (none for 0) and overflow
 * policy @policy; its name, or NULL.
 */
static const char *trace_make(FIXTURE_DATA(stream) *self, const char *tag,
			      unsigned int size, const char *policy)
{
	char *name = self->traces[self->ntraces++];
	char path[PATH_MAX], val[32];

	snprintf(name, sizeof(self->traces[0]), "ksft_%d_%s", getpid(), tag);
	snprintf(path, sizeof(path), "%s/%s", SCT_TRACES, name);
	if (sct_trace_mkdir(path))
		return NULL;
	snprintf(val, sizeof(val), "%u", size);
	if (size && sct_trace_write(name, "buffer_size", val))
		return NULL;
	if (sct_trace_write(name, "overflow", policy))
		return NULL;
	return name;
}

/* A log rule on getppid, side @when, for the members of @trace. */
static int log_rule(const char *r, const char *trace, const char *when)
{
	char t[96], w[32];

	snprintf(t, sizeof(t), "trace=%s", trace);
	snprintf(w, sizeof(w), "when=%s", when);
	return sct_rule_make(r, (const char *[]){
		"syscall=getppid", "action=log", w, t, "enabled=1", NULL });
}

/* The id of rule @r, or 0. */
static unsigned long long rule_id(const char *r)
{
	char buf[32];

	return sct_rule_get(r, "id", buf, sizeof(buf)) ? 0 :
	       strtoull(buf, NULL, 10);
}

/* What same_call() leaves out of the comparison, besides the callers'. */
#define SAME_BUT_RULE	1	/* the rule: records of two rules */
#define SAME_BUT_SEQ	2	/* the sequence number: of two streams */

/*
 * Do compact records @a and @b show the same call, its data included?
 * Their times, call ids and callers differ, and so do the registers past
 * the three parameters, where each caller left what it had; @but leaves
 * out the rule or the sequence number too.
 */
static bool same_call(const struct sct_record_syscall *a,
		      const struct sct_record_syscall *b, int but)
{
	struct sct_record_syscall ca = *a, cb = *b;
	int i;

	if (a->hdr.size != b->hdr.size)
		return false;
	if (but & SAME_BUT_SEQ)
		ca.hdr.seq = cb.hdr.seq = 0;
	if (but & SAME_BUT_RULE)
		ca.rule_id = cb.rule_id = 0;
	ca.time_ns = cb.time_ns = 0;
	ca.call_id = cb.call_id = 0;
	ca.pid = cb.pid = ca.tid = cb.tid = 0;
	for (i = 3; i < 6; i++)
		ca.args[i] = cb.args[i] = 0;
	return !memcmp(&ca, &cb, sizeof(ca)) &&
	       !memcmp((const char *)a + sizeof(*a),
		       (const char *)b + sizeof(*b), a->hdr.size - sizeof(*a));
}

/* Open /dev/sct_records and attach it to trace @t; the fd, or -errno. */
static int attach(const char *t, int flags)
{
	struct sct_ioc_trace req = {};
	int fd = open("/dev/sct_records", O_RDONLY | flags);

	if (fd < 0)
		return -errno;
	snprintf(req.name, sizeof(req.name), "%s", t);
	if (ioctl(fd, SCT_IOC_TRACE, &req)) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

/* What a reader took from a stream. */
struct taken {
	long long calls;	/* call records */
	long long tasks;	/* task records */
	long long lost;	/* records reported lost */
	long long next;	/* the sequence number expected next */
	long long gaps;	/* numbers neither read nor reported */
	long long foreign;	/* records of other rules or tasks */
	long long open;	/* entries without their exit yet */
	long long unpaired;	/* exits without their entry */
	long long with_text;	/* call records with a name or text */
	long long compact;	/* of them, compact records */
	uint64_t ids[64];		/* call ids of open entries */
	pid_t tids[64];			/* and their threads */
};

/*
 * Take the records in @buf: numbers must follow each other, a lost
 * record standing for those it reports; call records must be of rule
 * @rid or @rid2 and process @pid, and an exit must follow its entry, by
 * call id, in the same thread.
 */
static void take(struct taken *tk, const char *buf, ssize_t len,
		 unsigned long long rid, unsigned long long rid2, pid_t pid)
{
	const struct sct_record_syscall *sys;
	const struct sct_record_header *hdr;
	const struct sct_record_call *call;
	const struct sct_record_lost *lost;
	unsigned long long id, call_id;
	pid_t rpid, tid;
	ssize_t off;
	int i, when;

	for (off = 0; off < len; off += hdr->size) {
		hdr = (const void *)(buf + off);
		if (hdr->size < sizeof(*hdr) || off + hdr->size > len) {
			tk->gaps++;
			return;
		}
		if (hdr->type == SCT_RECORD_LOST) {
			lost = (const void *)hdr;
			if ((long long)hdr->seq != tk->next)
				tk->gaps++;
			tk->lost += lost->count;
			tk->next = hdr->seq + lost->count;
			continue;
		}
		if ((long long)hdr->seq != tk->next)
			tk->gaps++;
		tk->next = hdr->seq + 1;
		if (hdr->type == SCT_RECORD_TASK) {
			tk->tasks++;
			continue;
		}
		if (hdr->type == SCT_RECORD_CALL) {
			call = (const void *)hdr;
			if (call->rule.len || call->text.len)
				tk->with_text++;
			id = call->rule_id;
			rpid = call->pid;
			tid = call->tid;
			when = call->when;
			call_id = call->call_id;
		} else if (hdr->type == SCT_RECORD_SYSCALL) {
			sys = (const void *)hdr;
			tk->compact++;
			id = sys->rule_id;
			rpid = sys->pid;
			tid = sys->tid;
			when = sys->when;
			call_id = sys->call_id;
		} else {
			continue;
		}
		tk->calls++;
		if ((id != rid && id != rid2) || rpid != pid)
			tk->foreign++;
		if (when == SCT_WHEN_BEFORE) {
			for (i = 0; i < 64 && tk->tids[i]; i++)
				;
			if (i < 64) {
				tk->ids[i] = call_id;
				tk->tids[i] = tid;
				tk->open++;
			}
			continue;
		}
		for (i = 0; i < 64; i++) {
			if (tk->tids[i] == tid && tk->ids[i] == call_id)
				break;
		}
		if (i == 64) {
			tk->unpaired++;
		} else {
			tk->tids[i] = 0;
			tk->open--;
		}
	}
}

/*
 * Read @fd until @want records were taken or reported lost, or @ms
 * milliseconds pass without a record, @chunk bytes a read, sleeping
 * @nap microseconds after each read.
 */
static void drain(int fd, struct taken *tk, long long want,
		  unsigned long long rid, unsigned long long rid2, pid_t pid,
		  size_t chunk, unsigned int nap, int ms)
{
	static char buf[65536] __attribute__((aligned(8)));
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	ssize_t len;

	while (tk->calls + tk->tasks + tk->lost < want) {
		if (poll(&pfd, 1, ms) <= 0)
			return;
		len = read(fd, buf, chunk);
		if (len <= 0)
			return;
		take(tk, buf, len, rid, rid2, pid);
		if (nap)
			usleep(nap);
	}
}

/*
 * A member: a child that waits for a byte on @go, then makes @calls
 * getppid calls in each of @threads threads, and exits.
 */
static int calls_per_thread;

static void *caller(void *arg)
{
	int i;

	for (i = 0; i < calls_per_thread; i++)
		syscall(SYS_getppid);
	return NULL;
}

static pid_t member(FIXTURE_DATA(stream) *self, int go, int calls,
		    int threads)
{
	pthread_t th[4];
	pid_t pid = fork();
	char c;
	int i;

	if (pid) {
		if (pid > 0)
			self->kids[self->nkids++] = pid;
		return pid;
	}
	if (read(go, &c, 1) != 1)
		_exit(2);
	calls_per_thread = calls;
	for (i = 1; i < threads; i++)
		if (pthread_create(&th[i], NULL, caller, NULL))
			_exit(3);
	caller(NULL);
	for (i = 1; i < threads; i++)
		pthread_join(th[i], NULL);
	_exit(0);
}

/* Wait for member @pid; its exit status, as waitpid gives it. */
static int reap(FIXTURE_DATA(stream) *self, pid_t pid)
{
	int status = -1, i;

	waitpid(pid, &status, 0);
	for (i = 0; i < self->nkids; i++)
		if (self->kids[i] == pid)
			self->kids[i] = self->kids[--self->nkids];
	return status;
}

TEST_F(stream, attributes)
{
	const char *t = trace_make(self, "attr", 0, "drop");
	char buf[64];

	ASSERT_NE(NULL, t);
	EXPECT_EQ(0, trace_num(t, "buffer_size"));
	ASSERT_EQ(0, trace_read(t, "overflow", buf, sizeof(buf)));
	EXPECT_STREQ("drop", buf);
	EXPECT_EQ(0, trace_num(t, "lost"));

	/* Out of range, or not a size: refused, nothing changes. */
	EXPECT_EQ(-ERANGE, sct_trace_write(t, "buffer_size", "4096"));
	EXPECT_EQ(-ERANGE, sct_trace_write(t, "buffer_size", "134217728"));
	EXPECT_EQ(-EINVAL, sct_trace_write(t, "buffer_size", "big"));
	EXPECT_EQ(-EINVAL, sct_trace_write(t, "buffer_size", "-1"));
	EXPECT_EQ(0, trace_num(t, "buffer_size"));
	EXPECT_EQ(-EINVAL, sct_trace_write(t, "overflow", "block"));
	EXPECT_EQ(-EINVAL, sct_trace_write(t, "overflow", "\n"));
	ASSERT_EQ(0, trace_read(t, "overflow", buf, sizeof(buf)));
	EXPECT_STREQ("drop", buf);

	/* Rounded up to a power of two. */
	EXPECT_EQ(0, sct_trace_write(t, "buffer_size", "20000"));
	EXPECT_EQ(32768, trace_num(t, "buffer_size"));
	EXPECT_EQ(0, sct_trace_write(t, "overflow", "wait"));
	ASSERT_EQ(0, trace_read(t, "overflow", buf, sizeof(buf)));
	EXPECT_STREQ("wait", buf);
	EXPECT_EQ(0, sct_trace_write(t, "buffer_size", "0"));
	EXPECT_EQ(0, trace_num(t, "buffer_size"));

	/* The form of call records. */
	ASSERT_EQ(0, trace_read(t, "records", buf, sizeof(buf)));
	EXPECT_STREQ("full", buf);
	EXPECT_EQ(-EINVAL, sct_trace_write(t, "records", "short"));
	EXPECT_EQ(-EINVAL, sct_trace_write(t, "records", "compact full"));
	ASSERT_EQ(0, trace_read(t, "records", buf, sizeof(buf)));
	EXPECT_STREQ("full", buf);
	EXPECT_EQ(0, sct_trace_write(t, "records", "compact"));
	ASSERT_EQ(0, trace_read(t, "records", buf, sizeof(buf)));
	EXPECT_STREQ("compact", buf);
}

TEST_F(stream, attach_and_busy)
{
	const char *t = trace_make(self, "busy", SMALL, "drop");
	const char *plain = trace_make(self, "plain", 0, "drop");
	const char *r = rule_name(self, "busy");
	struct sct_ioc_trace req = {};
	int fd, fd2, tfd;

	ASSERT_NE(NULL, t);
	ASSERT_NE(NULL, plain);
	EXPECT_EQ(-ENOENT, attach("ksft_no_such_trace", 0));
	EXPECT_EQ(-ENODATA, attach(plain, 0));

	fd = attach(t, O_NONBLOCK);
	ASSERT_LE(0, fd);
	/* One reader at a time; a file reads one stream. */
	EXPECT_EQ(-EBUSY, attach(t, 0));
	snprintf(req.name, sizeof(req.name), "%s", t);
	EXPECT_EQ(-1, ioctl(fd, SCT_IOC_TRACE, &req));
	EXPECT_EQ(EINVAL, errno);
	/* A name without its NUL. */
	fd2 = open("/dev/sct_records", O_RDONLY);
	ASSERT_LE(0, fd2);
	memset(req.name, 'a', sizeof(req.name));
	EXPECT_EQ(-1, ioctl(fd2, SCT_IOC_TRACE, &req));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(fd2, SCT_IOC_TRACE, NULL));
	EXPECT_EQ(EFAULT, errno);
	close(fd2);
	/* The text device has no streams. */
	tfd = open("/dev/sct_log", O_RDONLY);
	ASSERT_LE(0, tfd);
	snprintf(req.name, sizeof(req.name), "%s", t);
	EXPECT_EQ(-1, ioctl(tfd, SCT_IOC_TRACE, &req));
	EXPECT_EQ(ENOTTY, errno);
	close(tfd);

	/* Nothing yet; a stream is not seekable. */
	EXPECT_EQ(-1, read(fd, &req, sizeof(req)));
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_EQ(-1, lseek(fd, 0, SEEK_SET));
	EXPECT_EQ(ESPIPE, errno);

	/* The stream stays while it is read, or its trace has rules. */
	EXPECT_EQ(-EBUSY, sct_trace_write(t, "buffer_size", "32768"));
	close(fd);
	ASSERT_EQ(0, log_rule(r, t, "before"));
	EXPECT_EQ(-EBUSY, sct_trace_write(t, "buffer_size", "32768"));
	EXPECT_EQ(-EBUSY, sct_trace_write(t, "buffer_size", "0"));
	EXPECT_EQ(0, sct_rule_set(r, "enabled", "0"));
	EXPECT_EQ(0, sct_trace_write(t, "lifecycle", "1"));
	EXPECT_EQ(-EBUSY, sct_trace_write(t, "buffer_size", "32768"));
	EXPECT_EQ(0, sct_trace_write(t, "lifecycle", "0"));
	EXPECT_EQ(0, sct_trace_write(t, "buffer_size", "32768"));
	EXPECT_EQ(32768, trace_num(t, "buffer_size"));

	/* Rules take the form of records when enabled: not under them. */
	EXPECT_EQ(0, sct_rule_set(r, "enabled", "1"));
	EXPECT_EQ(-EBUSY, sct_trace_write(t, "records", "compact"));
	EXPECT_EQ(0, sct_rule_set(r, "enabled", "0"));
	EXPECT_EQ(0, sct_trace_write(t, "records", "compact"));
}

/*
 * Two traces, each with a stream, a rule and a member, at the same time:
 * each reader gets its own trace's records, numbered from 1 without a
 * gap, without rule name or text; the shared log gets none of them.
 */
TEST_F(stream, two_traces_isolated)
{
	const char *a = trace_make(self, "iso_a", 1 << 20, "wait");
	const char *b = trace_make(self, "iso_b", 1 << 20, "wait");
	const char *ra = rule_name(self, "iso_a");
	const char *rb = rule_name(self, "iso_b");
	char buf[4096] __attribute__((aligned(8)));
	struct taken ta = { .next = 1 }, tb = { .next = 1 };
	int go[2], fa, fb, shared, n = 500;
	const struct sct_record_call *rec;
	pid_t pa, pb;
	ssize_t len, off;

	ASSERT_NE(NULL, a);
	ASSERT_NE(NULL, b);
	ASSERT_EQ(0, log_rule(ra, a, "before"));
	ASSERT_EQ(0, log_rule(rb, b, "before"));
	shared = sct_open_new("/dev/sct_records", O_NONBLOCK);
	ASSERT_LE(0, shared);
	fa = attach(a, 0);
	ASSERT_LE(0, fa);
	fb = attach(b, 0);
	ASSERT_LE(0, fb);
	ASSERT_EQ(0, pipe(go));
	pa = member(self, go[0], n, 1);
	ASSERT_LT(0, pa);
	pb = member(self, go[0], n, 1);
	ASSERT_LT(0, pb);
	ASSERT_EQ(0, sct_trace_add(a, pa));
	ASSERT_EQ(0, sct_trace_add(b, pb));
	ASSERT_EQ(2, write(go[1], "xx", 2));
	EXPECT_EQ(0, reap(self, pa));
	EXPECT_EQ(0, reap(self, pb));

	drain(fa, &ta, n, rule_id(ra), 0, pa, sizeof(buf), 0, 1000);
	drain(fb, &tb, n, rule_id(rb), 0, pb, sizeof(buf), 0, 1000);
	EXPECT_EQ(n, ta.calls);
	EXPECT_EQ(n, tb.calls);
	EXPECT_EQ(0, ta.foreign + tb.foreign);
	EXPECT_EQ(0, ta.lost + tb.lost);
	EXPECT_EQ(0, ta.gaps + tb.gaps);
	EXPECT_EQ(0, ta.with_text + tb.with_text);

	/* Not one of them in the shared log. */
	while ((len = read(shared, buf, sizeof(buf))) > 0) {
		for (off = 0; off < len; off += rec->hdr.size) {
			rec = (const void *)(buf + off);
			if (rec->hdr.type == SCT_RECORD_CALL)
				EXPECT_FALSE(rec->pid == pa || rec->pid == pb);
		}
	}
	close(shared);
	close(fa);
	close(fb);
}

/*
 * The wait policy: two threads of a member flood the smallest stream
 * with entries and exits while the reader takes a few records at a time
 * and naps.  Nothing is lost, the numbers have no gap, and each exit
 * pairs with its entry by call id, in its thread.
 */
/*
 * The wait policy, with a reader far slower than a member with two
 * threads: every record, in order, each exit after its entry; in the
 * form @records.
 */
static void wait_lossless(struct __test_metadata *_metadata,
			  FIXTURE_DATA(stream) *self, const char *records)
{
	const char *t = trace_make(self, "wait", SMALL, "wait");
	const char *rb = rule_name(self, "wait_b");
	const char *ra = rule_name(self, "wait_a");
	struct taken tk = { .next = 1 };
	int go[2], fd, calls = 1500;
	pid_t pid;

	ASSERT_NE(NULL, t);
	ASSERT_EQ(0, sct_trace_write(t, "records", records));
	ASSERT_EQ(0, log_rule(rb, t, "before"));
	ASSERT_EQ(0, log_rule(ra, t, "after"));
	fd = attach(t, 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, pipe(go));
	pid = member(self, go[0], calls, 2);
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, sct_trace_add(t, pid));
	ASSERT_EQ(1, write(go[1], "x", 1));

	/* About 4 records a read, and a nap: far slower than the member. */
	drain(fd, &tk, 4 * calls, rule_id(rb), rule_id(ra), pid, 1024, 200,
	      5000);
	EXPECT_EQ(0, reap(self, pid));
	EXPECT_EQ(4 * calls, tk.calls);
	EXPECT_EQ(strcmp(records, "compact") ? 0 : 4 * calls, tk.compact);
	EXPECT_EQ(0, tk.lost);
	EXPECT_EQ(0, tk.gaps);
	EXPECT_EQ(0, tk.foreign);
	EXPECT_EQ(0, tk.open);
	EXPECT_EQ(0, tk.unpaired);
	EXPECT_EQ(0, trace_num(t, "lost"));
	close(fd);
}

TEST_F(stream, wait_is_lossless)
{
	wait_lossless(_metadata, self, "full");
}

TEST_F(stream, wait_is_lossless_compact)
{
	wait_lossless(_metadata, self, "compact");
}

/*
 * The drop policy: a member floods the smallest stream with nobody
 * reading.  The reader that comes later gets the first records that fit,
 * then one report of the rest, and lost counts them all.
 */
TEST_F(stream, drop_counts_every_loss)
{
	const char *t = trace_make(self, "drop", SMALL, "drop");
	const char *r = rule_name(self, "drop");
	struct taken tk = { .next = 1 };
	int go[2], fd, calls = 2000;
	pid_t pid;

	ASSERT_NE(NULL, t);
	ASSERT_EQ(0, log_rule(r, t, "before"));
	ASSERT_EQ(0, pipe(go));
	pid = member(self, go[0], calls, 1);
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, sct_trace_add(t, pid));
	ASSERT_EQ(1, write(go[1], "x", 1));
	EXPECT_EQ(0, reap(self, pid));

	fd = attach(t, O_NONBLOCK);
	ASSERT_LE(0, fd);
	drain(fd, &tk, calls, rule_id(r), 0, pid, 65536, 0, 1000);
	EXPECT_EQ(calls, tk.calls + tk.lost);
	EXPECT_LT(0, tk.lost);
	EXPECT_LT(0, tk.calls);
	EXPECT_EQ(0, tk.gaps);
	EXPECT_EQ(calls + 1, tk.next);
	EXPECT_EQ(tk.lost, trace_num(t, "lost"));
	close(fd);
}

/*
 * A member waiting for room is killed: it dies at once, and the records
 * it wrote before are all there, in order.
 */
TEST_F(stream, killed_while_waiting)
{
	const char *t = trace_make(self, "kill", SMALL, "wait");
	const char *r = rule_name(self, "kill");
	struct taken tk = { .next = 1 };
	long long t0, lost;
	int go[2], fd;
	pid_t pid;

	ASSERT_NE(NULL, t);
	ASSERT_EQ(0, log_rule(r, t, "before"));
	fd = attach(t, O_NONBLOCK);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, pipe(go));
	pid = member(self, go[0], 1000000, 1);
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, sct_trace_add(t, pid));
	ASSERT_EQ(1, write(go[1], "x", 1));
	/* The stream fills up, then the member waits. */
	usleep(300000);
	t0 = sct_now_ms();
	ASSERT_EQ(0, kill(pid, SIGKILL));
	EXPECT_EQ(SIGKILL, WTERMSIG(reap(self, pid)));
	EXPECT_GT(2000, sct_now_ms() - t0);

	drain(fd, &tk, 1000000, rule_id(r), 0, pid, 65536, 0, 200);
	lost = trace_num(t, "lost");
	EXPECT_LT(10, tk.calls);
	/* At most the record it was waiting to write. */
	EXPECT_GE(1, lost);
	EXPECT_EQ(lost, tk.lost);
	EXPECT_EQ(0, tk.gaps);
	close(fd);
}

/*
 * A member that waits for room goes on when sct is switched off, its
 * records lost; and a reader that is a member itself never waits for
 * itself.
 */
TEST_F(stream, no_wait_when_off_or_self)
{
	const char *t = trace_make(self, "off", SMALL, "wait");
	const char *r = rule_name(self, "off");
	struct taken tk = { .next = 1 };
	long long t0, lost;
	int go[2], fd, i;
	pid_t pid;

	ASSERT_NE(NULL, t);
	ASSERT_EQ(0, log_rule(r, t, "before"));
	fd = attach(t, O_NONBLOCK);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, pipe(go));
	pid = member(self, go[0], 20000, 1);
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, sct_trace_add(t, pid));
	ASSERT_EQ(1, write(go[1], "x", 1));
	usleep(300000);
	/* It waits: nothing more is lost than the stream holds. */
	EXPECT_EQ(0, trace_num(t, "lost"));
	t0 = sct_now_ms();
	ASSERT_EQ(0, sct_write_switch("0"));
	EXPECT_EQ(0, reap(self, pid));
	EXPECT_EQ(0, sct_write_switch("1"));
	EXPECT_GT(5000, sct_now_ms() - t0);
	/*
	 * The one it waited to write goes in the reserve it left, or is
	 * lost; switched off, it makes no more.
	 */
	drain(fd, &tk, 20000, rule_id(r), 0, pid, 65536, 0, 200);
	lost = trace_num(t, "lost");
	EXPECT_GE(1, lost);
	EXPECT_EQ(lost, tk.lost);
	EXPECT_LT(10, tk.calls);
	EXPECT_EQ(tk.calls + tk.lost + 1, tk.next);
	EXPECT_EQ(0, tk.gaps);
	close(fd);

	/* A reader that joins its own trace: its calls never wait. */
	ASSERT_EQ(0, sct_rule_set(r, "enabled", "0"));
	ASSERT_EQ(0, sct_trace_write(t, "buffer_size", "16384"));
	ASSERT_EQ(0, sct_rule_set(r, "enabled", "1"));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		if (attach(t, 0) < 0 || sct_trace_add(t, getpid()))
			_exit(2);
		for (i = 0; i < 5000; i++)
			syscall(SYS_getppid);
		_exit(0);
	}
	self->kids[self->nkids++] = pid;
	t0 = sct_now_ms();
	EXPECT_EQ(0, reap(self, pid));
	EXPECT_GT(5000, sct_now_ms() - t0);
	EXPECT_LT(0, trace_num(t, "lost"));
}

/*
 * rmdir of the trace: the reader reads what is left, then the end of the
 * file; poll says so.
 */
TEST_F(stream, end_of_trace)
{
	const char *t = trace_make(self, "end", SMALL, "drop");
	const char *r = rule_name(self, "end");
	struct taken tk = { .next = 1 };
	struct pollfd pfd = { .events = POLLIN };
	char path[PATH_MAX], buf[4096] __attribute__((aligned(8)));
	int go[2], fd;
	pid_t pid;

	ASSERT_NE(NULL, t);
	ASSERT_EQ(0, log_rule(r, t, "before"));
	fd = attach(t, 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, pipe(go));
	pid = member(self, go[0], 10, 1);
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, sct_trace_add(t, pid));
	ASSERT_EQ(1, write(go[1], "x", 1));
	EXPECT_EQ(0, reap(self, pid));

	ASSERT_EQ(0, sct_rule_remove(r));
	self->nrules--;
	snprintf(path, sizeof(path), "%s/%s", SCT_TRACES, t);
	ASSERT_EQ(0, rmdir(path));
	self->ntraces--;
	drain(fd, &tk, 10, 0, 0, pid, sizeof(buf), 0, 1000);
	EXPECT_EQ(10, tk.calls);
	pfd.fd = fd;
	EXPECT_EQ(1, poll(&pfd, 1, 0));
	EXPECT_TRUE(pfd.revents & POLLHUP);
	EXPECT_EQ(0, read(fd, buf, sizeof(buf)));
	close(fd);
}

/*
 * Task records of a trace with a stream go to the stream, numbered with
 * its call records, and not to the shared log.
 */
TEST_F(stream, lifecycle_in_stream)
{
	const char *t = trace_make(self, "life", SMALL, "wait");
	char buf[8192] __attribute__((aligned(8)));
	const struct sct_record_task *rec;
	struct taken tk = { .next = 1 };
	int go[2], fd, shared, events = 0;
	ssize_t len, off;
	pid_t pid;

	ASSERT_NE(NULL, t);
	ASSERT_EQ(0, sct_trace_write(t, "lifecycle", "1"));
	shared = sct_open_new("/dev/sct_records", O_NONBLOCK);
	ASSERT_LE(0, shared);
	fd = attach(t, O_NONBLOCK);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, pipe(go));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		char c;
		pid_t g;

		if (read(go[0], &c, 1) != 1)
			_exit(2);
		g = fork();
		if (!g)
			_exit(5);
		waitpid(g, NULL, 0);
		_exit(3);
	}
	self->kids[self->nkids++] = pid;
	ASSERT_EQ(0, sct_trace_add(t, pid));
	ASSERT_EQ(1, write(go[1], "x", 1));
	EXPECT_EQ(3, WEXITSTATUS(reap(self, pid)));

	/* fork, the grandchild's exit, and the child's exit. */
	len = read(fd, buf, sizeof(buf));
	ASSERT_LT(0, len);
	take(&tk, buf, len, 0, 0, pid);
	EXPECT_EQ(3, tk.tasks);
	EXPECT_EQ(0, tk.gaps);
	for (off = 0; off < len; off += rec->hdr.size) {
		rec = (const void *)(buf + off);
		if (rec->hdr.type == SCT_RECORD_TASK)
			events |= 1 << rec->event;
	}
	EXPECT_EQ(1 << SCT_TASK_FORK | 1 << SCT_TASK_EXIT, events);
	while ((len = read(shared, buf, sizeof(buf))) > 0) {
		for (off = 0; off < len; off += rec->hdr.size) {
			rec = (const void *)(buf + off);
			EXPECT_NE(SCT_RECORD_TASK, rec->hdr.type);
		}
	}
	close(shared);
	close(fd);
	EXPECT_EQ(0, sct_trace_write(t, "lifecycle", "0"));
}

/* Make rule @r, on @calls and side @when, for @trace, with @filter. */
static int calls_rule(const char *r, const char *trace, const char *calls,
		      const char *when, const char *filter)
{
	char t[96], w[32], c[96], f[96];
	const char *set[7] = { c, "action=log", w, t };
	int n = 4;

	snprintf(t, sizeof(t), "trace=%s", trace);
	snprintf(w, sizeof(w), "when=%s", when);
	snprintf(c, sizeof(c), "syscall=%s", calls);
	if (filter) {
		snprintf(f, sizeof(f), "filter=%s", filter);
		set[n++] = f;
	}
	set[n++] = "enabled=1";
	set[n] = NULL;
	return sct_rule_make(r, set);
}

#define COMPACT_PATH	"/nonexistent/ksft_compact"

/*
 * A member that, told to on @go, makes lseek(-1, 1234, SEEK_SET) and
 * unlinkat(AT_FDCWD, COMPACT_PATH, 0), which fail, then exits.
 */
static pid_t compact_member(FIXTURE_DATA(stream) *self, int go)
{
	pid_t pid = fork();
	char c;

	if (pid) {
		if (pid > 0)
			self->kids[self->nkids++] = pid;
		return pid;
	}
	if (read(go, &c, 1) != 1)
		_exit(2);
	syscall(SYS_lseek, -1, 1234, SEEK_SET);
	syscall(SYS_unlinkat, AT_FDCWD, COMPACT_PATH, 0);
	_exit(0);
}

/*
 * Compact records: what a tracer needs of each call, in struct
 * sct_record_syscall, with the data the rule records.  Two traces, with
 * the same calls: the rules of one have no filter, those of the other a
 * filter that every call passes, and their records are the same but for
 * the time, the numbers, the rule, the caller and the registers past
 * the calls' parameters.
 */
TEST_F(stream, compact_records)
{
	static const char calls[] = "lseek,unlinkat";
	const char *ta = trace_make(self, "cpa", SMALL, "wait");
	const char *tb = trace_make(self, "cpb", SMALL, "wait");
	const char *rab = rule_name(self, "cpa_b"), *raa = rule_name(self, "cpa_a");
	const char *rbb = rule_name(self, "cpb_b"), *rba = rule_name(self, "cpb_a");
	static char buf[2][8192] __attribute__((aligned(8)));
	const struct sct_record_syscall *rec, *other;
	const struct sct_record_data *items;
	int go[2], fd[2], i, n;
	__u64 entry_id = 0;
	ssize_t len[2], off[2];
	pid_t pid[2];

	ASSERT_NE(NULL, ta);
	ASSERT_NE(NULL, tb);
	ASSERT_EQ(0, sct_trace_write(ta, "records", "compact"));
	ASSERT_EQ(0, sct_trace_write(tb, "records", "compact"));
	ASSERT_EQ(0, calls_rule(rab, ta, calls, "before", NULL));
	ASSERT_EQ(0, calls_rule(raa, ta, calls, "after", NULL));
	ASSERT_EQ(0, calls_rule(rbb, tb, calls, "before", "PID != 0"));
	ASSERT_EQ(0, calls_rule(rba, tb, calls, "after", "PID != 0"));
	fd[0] = attach(ta, O_NONBLOCK);
	ASSERT_LE(0, fd[0]);
	fd[1] = attach(tb, O_NONBLOCK);
	ASSERT_LE(0, fd[1]);
	ASSERT_EQ(0, pipe(go));
	for (i = 0; i < 2; i++) {
		pid[i] = compact_member(self, go[0]);
		ASSERT_LT(0, pid[i]);
		ASSERT_EQ(0, sct_trace_add(i ? tb : ta, pid[i]));
	}
	ASSERT_EQ(2, write(go[1], "xx", 2));
	for (i = 0; i < 2; i++) {
		EXPECT_EQ(0, reap(self, pid[i]));
		len[i] = read(fd[i], buf[i], sizeof(buf[i]));
		ASSERT_LT(0, len[i]);
		off[i] = 0;
	}

	for (n = 0; off[0] < len[0]; n++) {
		rec = (const void *)(buf[0] + off[0]);
		ASSERT_GE((size_t)(len[0] - off[0]), sizeof(*rec));
		ASSERT_EQ(SCT_RECORD_SYSCALL, rec->hdr.type);
		ASSERT_EQ(SCT_RECORD_VERSION, rec->hdr.version);
		EXPECT_EQ((__u64)n + 1, rec->hdr.seq);
		EXPECT_EQ(pid[0], rec->pid);
		EXPECT_EQ(pid[0], rec->tid);
		EXPECT_EQ(rule_id(n % 2 ? raa : rab), rec->rule_id);
		EXPECT_EQ(n % 2 ? SCT_WHEN_AFTER : SCT_WHEN_BEFORE, rec->when);
		EXPECT_EQ(SCT_ABI_NATIVE, rec->abi);
		if (n < 2) {
			/* lseek(unsigned int, off_t, unsigned int): no data. */
			EXPECT_EQ(SYS_lseek, rec->nr);
			EXPECT_EQ(sizeof(*rec), rec->hdr.size);
			EXPECT_EQ(0, rec->data_off);
			EXPECT_EQ(0xffffffffULL, rec->args[0]);
			EXPECT_EQ(1234ULL, rec->args[1]);
			EXPECT_EQ((__u64)SEEK_SET, rec->args[2]);
			EXPECT_EQ(n ? -EBADF : 0, rec->retval);
		} else {
			/* unlinkat: the path, as the default format shows. */
			EXPECT_EQ(SYS_unlinkat, rec->nr);
			ASSERT_EQ(sizeof(*rec), rec->data_off);
			items = (const void *)((const char *)rec +
					       rec->data_off);
			EXPECT_EQ(sizeof(*rec) + 6 * sizeof(items[0]) +
				  ((sizeof(COMPACT_PATH) + 7) & ~7),
				  rec->hdr.size);
			EXPECT_EQ((__u64)(long)AT_FDCWD, rec->args[0]);
			EXPECT_EQ(SCT_DATA_STRING, items[1].kind);
			EXPECT_EQ(sizeof(COMPACT_PATH), items[1].len);
			ASSERT_GE(rec->hdr.size,
				  (__u32)items[1].off + items[1].len);
			EXPECT_STREQ(COMPACT_PATH,
				     (const char *)rec + items[1].off);
			EXPECT_EQ(SCT_DATA_NONE, items[0].kind);
			EXPECT_EQ(0, items[0].len);
			EXPECT_EQ(n % 2 ? -ENOENT : 0, rec->retval);
		}
		/* An exit has the id of its entry, a new call a new one. */
		if (n % 2) {
			EXPECT_EQ(entry_id, rec->call_id);
		} else {
			EXPECT_NE(entry_id, rec->call_id);
		}
		entry_id = rec->call_id;

		/* The same call through the filtered rules of the other. */
		other = (const void *)(buf[1] + off[1]);
		ASSERT_GE((size_t)(len[1] - off[1]), rec->hdr.size);
		ASSERT_EQ(rec->hdr.size, other->hdr.size);
		EXPECT_EQ(rule_id(n % 2 ? rba : rbb), other->rule_id);
		EXPECT_EQ(pid[1], other->pid);
		EXPECT_TRUE(same_call(rec, other, SAME_BUT_RULE));
		off[0] += rec->hdr.size;
		off[1] += other->hdr.size;
	}
	EXPECT_EQ(4, n);
	EXPECT_EQ(len[1], off[1]);
	close(fd[0]);
	close(fd[1]);
}

/*
 * The records of one compact_member() of trace @t, read from @fd into
 * @buf: its four call records.  Return: the bytes read.
 */
static ssize_t member_records(struct __test_metadata *_metadata,
			      FIXTURE_DATA(stream) *self, const char *t,
			      int fd, char *buf, size_t size)
{
	int go[2];
	ssize_t len;
	pid_t pid;

	if (pipe(go))
		return -1;
	pid = compact_member(self, go[0]);
	ASSERT_LT(0, pid);
	EXPECT_EQ(0, sct_trace_add(t, pid));
	EXPECT_EQ(1, write(go[1], "x", 1));
	EXPECT_EQ(0, reap(self, pid));
	close(go[0]);
	close(go[1]);
	len = read(fd, buf, size);
	return len;
}

/*
 * A log rule that continues, alone in its table, takes the lean path
 * (sct_log_lean()) for a call whose record carries no data: its records
 * must be those of the walk, which it takes once a second rule is in the
 * table; and that second rule, after it, must still see the calls.  The
 * two give the same records by design, so the test shows that they do,
 * not which path ran (make bench shows that).  Compact records of lseek
 * (no data) and unlinkat (a path: the walk either way), entry and exit,
 * the same but for the time, the ids, the caller and the registers past
 * the parameters; and the rules' hits count them.
 */
TEST_F(stream, continue_alone_is_lean)
{
	static const char calls[] = "lseek,unlinkat";
	const char *t = trace_make(self, "cnt", SMALL, "wait");
	const char *rb = rule_name(self, "cnt_b"), *ra = rule_name(self, "cnt_a");
	const char *rx = rule_name(self, "cnt_x"), *ry = rule_name(self, "cnt_y");
	static char buf[2][8192] __attribute__((aligned(8)));
	const char *set[] = { "syscall=lseek,unlinkat", "action=log",
			      "when=before", NULL, "filter=PID != 0",
			      "order=1000", "enabled=1", NULL };
	const struct sct_record_syscall *a, *b, *x;
	char tr[96];
	ssize_t len[2], off, boff;
	int fd, n, nx;

	ASSERT_NE(NULL, t);
	ASSERT_EQ(0, sct_trace_write(t, "records", "compact"));
	ASSERT_EQ(0, calls_rule(rb, t, calls, "before", NULL));
	ASSERT_EQ(0, calls_rule(ra, t, calls, "after", NULL));
	ASSERT_EQ(0, sct_rule_change(rb, "continue", "1"));
	ASSERT_EQ(0, sct_rule_change(ra, "continue", "1"));
	fd = attach(t, O_NONBLOCK);
	ASSERT_LE(0, fd);

	/* Alone: the lean path for lseek. */
	len[0] = member_records(_metadata, self, t, fd, buf[0],
				sizeof(buf[0]));
	ASSERT_LT(0, len[0]);
	/* A second rule on each side, after, matching: the walk. */
	snprintf(tr, sizeof(tr), "trace=%s", t);
	set[3] = tr;
	ASSERT_EQ(0, sct_rule_make(rx, set));
	set[2] = "when=after";
	ASSERT_EQ(0, sct_rule_make(ry, set));
	len[1] = member_records(_metadata, self, t, fd, buf[1],
				sizeof(buf[1]));
	ASSERT_LT(len[0], len[1]);

	for (n = 0, nx = 0, off = 0, boff = 0; off < len[0]; n++) {
		a = (const void *)(buf[0] + off);
		ASSERT_GE((size_t)(len[0] - off), sizeof(*a));
		ASSERT_EQ(SCT_RECORD_SYSCALL, a->hdr.type);
		/* The second rule's record of the call, after the first's. */
		b = (const void *)(buf[1] + boff);
		ASSERT_GE((size_t)(len[1] - boff), sizeof(*b));
		ASSERT_EQ(a->hdr.size, b->hdr.size);
		boff += b->hdr.size;
		x = (const void *)(buf[1] + boff);
		ASSERT_GE((size_t)(len[1] - boff), sizeof(*x));
		EXPECT_EQ(rule_id(n % 2 ? ry : rx), x->rule_id);
		EXPECT_EQ(b->call_id, x->call_id);
		boff += x->hdr.size;
		nx++;
		EXPECT_EQ(n % 2 ? SCT_WHEN_AFTER : SCT_WHEN_BEFORE, a->when);
		EXPECT_EQ(n < 2 ? SYS_lseek : SYS_unlinkat, a->nr);
		EXPECT_EQ(rule_id(n % 2 ? ra : rb), a->rule_id);
		EXPECT_TRUE(same_call(a, b, SAME_BUT_SEQ));
		off += a->hdr.size;
	}
	EXPECT_EQ(4, n);
	EXPECT_EQ(4, nx);
	EXPECT_EQ(len[1], boff);
	/* Each rule counted its two calls, both times; the second ones, once. */
	EXPECT_EQ(4, sct_rule_hits(rb));
	EXPECT_EQ(4, sct_rule_hits(ra));
	EXPECT_EQ(2, sct_rule_hits(rx));
	EXPECT_EQ(2, sct_rule_hits(ry));
	close(fd);
}

TEST_HARNESS_MAIN
