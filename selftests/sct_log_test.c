// SPDX-License-Identifier: GPL-2.0
/*
 * The sct event log: /dev/sct_log lines and their macros, the binary
 * records of /dev/sct_records, readers with their own cursors, lost
 * records, poll, permissions, removed rules and the printk target.
 *
 * Records of other rules may be in the log when a test starts: tests
 * that read lines skip to the end of the log first (lseek SEEK_END), and
 * their rules only match the test's own processes.
 */
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/ioctl.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

#include <linux/sct.h>

#include "kselftest_harness.h"
#include "sct_test.h"

#define SCT_LOG		"/dev/sct_log"
#define SCT_RECORDS	"/dev/sct_records"
#define MAX_RULES	80
#define LINE_MAX_LEN	4096

FIXTURE(log)
{
	char names[MAX_RULES][64];
	int n;
	char file[PATH_MAX];
	char filter[64];
};

FIXTURE_SETUP(log)
{
	if (!sct_present())
		SKIP(return, "no sct");
	if (!sct_exists(SCT_LOG))
		SKIP(return, "no " SCT_LOG);
	snprintf(self->file, sizeof(self->file), "/tmp/sct_ksft_log_%d",
		 getpid());
	/* Rules match this process and its children only. */
	snprintf(self->filter, sizeof(self->filter),
		 "filter=PID == %d || PPID == %d", getpid(), getpid());
}

/*
 * In the parent, once the test's process is gone: also after a failed
 * ASSERT, which 6.12's harness may let skip a FIXTURE_TEARDOWN (it keeps
 * the child's pid in a variable that longjmp() may clobber).  @self is
 * shared with the test's process.
 */
FIXTURE_TEARDOWN_PARENT(log)
{
	int i;

	for (i = 0; i < self->n; i++)
		sct_rule_remove(self->names[i]);
	unlink(self->file);
}

static const char *rule_name(FIXTURE_DATA(log) *self, const char *tag)
{
	char *name = self->names[self->n++];

	snprintf(name, sizeof(self->names[0]), "ksft_%d_%s", getpid(), tag);
	return name;
}

static void getppid_n(int n)
{
	while (n--)
		syscall(SYS_getppid);
}

TEST_F(log, attributes)
{
	const char *r = rule_name(self, "attrs");
	char buf[512], longfmt[300];
	int fd;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){ "syscall=getppid",
							NULL }));
	ASSERT_EQ(0, sct_rule_get(r, "log_format", buf, sizeof(buf)));
	EXPECT_STREQ("", buf);
	ASSERT_EQ(0, sct_rule_get(r, "log_target", buf, sizeof(buf)));
	EXPECT_STREQ("device", buf);
	ASSERT_EQ(0, sct_rule_get(r, "id", buf, sizeof(buf)));
	EXPECT_LT(0, atoll(buf));

	EXPECT_EQ(0, sct_rule_set(r, "log_format", "%comm : %params"));
	EXPECT_EQ(-EINVAL, sct_rule_set(r, "log_format", "%nosuch"));
	EXPECT_EQ(-EINVAL, sct_rule_set(r, "log_format", "100%"));
	memset(longfmt, 'x', sizeof(longfmt) - 1);
	longfmt[sizeof(longfmt) - 1] = '\0';
	EXPECT_EQ(-EINVAL, sct_rule_set(r, "log_format", longfmt));
	ASSERT_EQ(0, sct_rule_get(r, "log_format", buf, sizeof(buf)));
	EXPECT_STREQ("%comm : %params", buf);

	EXPECT_EQ(0, sct_rule_set(r, "log_target", "printk"));
	EXPECT_EQ(0, sct_rule_set(r, "log_target", "BOTH"));
	EXPECT_EQ(-EINVAL, sct_rule_set(r, "log_target", "syslog"));
	EXPECT_EQ(-EINVAL, sct_rule_set(r, "log_target", "\n"));
	ASSERT_EQ(0, sct_rule_get(r, "log_target", buf, sizeof(buf)));
	EXPECT_STREQ("both", buf);
	EXPECT_EQ(0, sct_rule_set(r, "log_target", "device"));

	/* %retval needs an after rule. */
	EXPECT_EQ(0, sct_rule_set(r, "log_format", "%retval"));
	EXPECT_EQ(-EINVAL, sct_rule_set(r, "enabled", "1"));
	EXPECT_EQ(0, sct_rule_set(r, "when", "after"));
	EXPECT_EQ(0, sct_rule_set(r, "enabled", "1"));
	EXPECT_EQ(-EBUSY, sct_rule_set(r, "log_format", "%pid"));
	EXPECT_EQ(-EBUSY, sct_rule_set(r, "log_target", "printk"));
	/* The buffer size cannot change while a log rule is enabled... */
	EXPECT_EQ(-EBUSY, sct_write_attr(SCT_CONFIGFS "/log_size", "65536"));
	EXPECT_EQ(0, sct_rule_set(r, "enabled", "0"));
	/* ... or a log device is open. */
	fd = open(SCT_LOG, O_RDONLY);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-EBUSY, sct_write_attr(SCT_CONFIGFS "/log_size", "65536"));
	close(fd);
	EXPECT_EQ(-ERANGE, sct_write_attr(SCT_CONFIGFS "/log_size", "1024"));
	EXPECT_EQ(-ERANGE, sct_write_attr(SCT_CONFIGFS "/log_size",
					  "1099511627776"));
	EXPECT_EQ(-EINVAL, sct_write_attr(SCT_CONFIGFS "/log_size", "big"));
	EXPECT_EQ(262144, sct_root_attr("log_size"));
	/* Rounded up to a power of two. */
	EXPECT_EQ(0, sct_write_attr(SCT_CONFIGFS "/log_size", "20000"));
	EXPECT_EQ(32768, sct_root_attr("log_size"));
	EXPECT_EQ(0, sct_write_attr(SCT_CONFIGFS "/log_size", "262144"));
	EXPECT_EQ(262144, sct_root_attr("log_size"));
}

/* Every macro, for a caller with distinct credentials. */
TEST_F(log, macros)
{
	const char *r = rule_name(self, "macros");
	char line[LINE_MAX_LEN], expect[LINE_MAX_LEN], *tail;
	unsigned long long seq;
	struct tm tm;
	time_t now;
	pid_t child;
	int fd, status;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=getppid", self->filter,
		"log_format=%ruleid|%sid|%sname|%params|%pid|%tid|%ppid|%uid|%euid|%suid|%gid|%egid|%sgid|%comm|%when|%seq|%time",
		"enabled=1", NULL }));
	fd = sct_open_new(SCT_LOG, 0);
	ASSERT_LE(0, fd);

	child = fork();
	ASSERT_LE(0, child);
	if (!child) {
		if (setresgid(2001, 2002, 2003) || setresuid(1001, 1002, 1003))
			_exit(1);
		syscall(SYS_getppid);
		_exit(0);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	ASSERT_EQ(0, status);

	ASSERT_EQ(0, sct_read_line(fd, line, sizeof(line)));
	snprintf(expect, sizeof(expect),
		 "%s|110|getppid||%d|%d|%d|1001|1002|1003|2001|2002|2003|\"sct_log_test\"|before|",
		 r, child, child, getpid());
	ASSERT_EQ(0, strncmp(line, expect, strlen(expect)))
		TH_LOG("line:   %s\nexpect: %s...", line, expect);

	/* %seq|%time: a number, and now in UTC to the microsecond. */
	tail = line + strlen(expect);
	seq = strtoull(tail, &tail, 10);
	EXPECT_LT(0ULL, seq);
	ASSERT_EQ('|', *tail);
	tail++;
	now = time(NULL);
	gmtime_r(&now, &tm);
	EXPECT_EQ(27U, strlen(tail)) TH_LOG("time: %s", tail);
	EXPECT_EQ('Z', tail[26]);
	EXPECT_EQ('.', tail[19]);
	strftime(expect, sizeof(expect), "%Y-%m-%dT%H:", &tm);
	EXPECT_EQ(0, strncmp(tail, expect, strlen(expect)))
		TH_LOG("time %s, now %s", tail, expect);
	close(fd);
}

/* The default format, and %params with strings as strace shows them. */
TEST_F(log, params)
{
	const char *r = rule_name(self, "params");
	char line[LINE_MAX_LEN], expect[LINE_MAX_LEN], odd[PATH_MAX];
	int fd;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=unlink", self->filter, "enabled=1", NULL }));
	fd = sct_open_new(SCT_LOG, 0);
	ASSERT_LE(0, fd);

	unlink(self->file);
	ASSERT_EQ(0, sct_read_line(fd, line, sizeof(line)));
	snprintf(expect, sizeof(expect),
		 "%s \"sct_log_test\"[%d] uid=0 unlink(\"%s\")", r, getpid(),
		 self->file);
	EXPECT_STREQ(expect, line);

	snprintf(odd, sizeof(odd), "%s/a\"b\\c\nd\te\033", self->file);
	unlink(odd);
	ASSERT_EQ(0, sct_read_line(fd, line, sizeof(line)));
	snprintf(expect, sizeof(expect),
		 "%s \"sct_log_test\"[%d] uid=0 unlink(\"%s/a\\\"b\\\\c\\nd\\te\\033\")",
		 r, getpid(), self->file);
	EXPECT_STREQ(expect, line);

	/* An unreadable pointer is shown as a pointer. */
	syscall(SYS_unlink, (void *)8);
	ASSERT_EQ(0, sct_read_line(fd, line, sizeof(line)));
	snprintf(expect, sizeof(expect),
		 "%s \"sct_log_test\"[%d] uid=0 unlink(0x8)", r, getpid());
	EXPECT_STREQ(expect, line);

	/* Numbers: openat(AT_FDCWD, file, flags, mode). */
	/* Changed while disabled: writing "enabled" opens it too. */
	ASSERT_EQ(0, sct_rule_set(r, "enabled", "0"));
	ASSERT_EQ(0, sct_rule_set(r, "syscall", "openat"));
	ASSERT_EQ(0, sct_rule_set(r, "log_format", "%sname(%params)"));
	ASSERT_EQ(0, sct_rule_set(r, "enabled", "1"));
	close(openat(AT_FDCWD, self->file, O_WRONLY | O_CREAT, 0640));
	ASSERT_EQ(0, sct_read_line(fd, line, sizeof(line)));
	snprintf(expect, sizeof(expect), "openat(-100, \"%s\", %d, 416)",
		 self->file, O_WRONLY | O_CREAT);
	EXPECT_STREQ(expect, line);
	close(fd);
}

/* %retval on an after rule. */
TEST_F(log, retval)
{
	const char *r = rule_name(self, "retval");
	char line[LINE_MAX_LEN], expect[LINE_MAX_LEN];
	int fd;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=unlink", "when=after", self->filter,
		"log_format=%sname %params = %retval (%when)", "enabled=1",
		NULL }));
	fd = sct_open_new(SCT_LOG, 0);
	ASSERT_LE(0, fd);

	unlink(self->file);	/* does not exist */
	ASSERT_EQ(0, sct_read_line(fd, line, sizeof(line)));
	snprintf(expect, sizeof(expect), "unlink \"%s\" = -2 (after)",
		 self->file);
	EXPECT_STREQ(expect, line);

	ASSERT_EQ(0, sct_write_file(self->file));
	ASSERT_EQ(0, unlink(self->file));
	ASSERT_EQ(0, sct_read_line(fd, line, sizeof(line)));
	snprintf(expect, sizeof(expect), "unlink \"%s\" = 0 (after)",
		 self->file);
	EXPECT_STREQ(expect, line);
	close(fd);
}

/* The seed article's example, word for word. */
TEST_F(log, seed_unlink)
{
	const char *r = rule_name(self, "seed");
	char line[LINE_MAX_LEN], dir[PATH_MAX];
	pid_t child;
	int fd, status;

	snprintf(dir, sizeof(dir), "/tmp/sct_ksft_seed_%d", getpid());
	ASSERT_EQ(0, mkdir(dir, 0755));
	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=unlink", self->filter,
		"log_format=%comm : %params delete by %euid --> %suid",
		"enabled=1", NULL }));
	fd = sct_open_new(SCT_LOG, 0);
	ASSERT_LE(0, fd);

	child = fork();
	ASSERT_LE(0, child);
	if (!child) {
		if (chdir(dir) || sct_write_file("./dummy"))
			_exit(1);
		execlp("rm", "rm", "./dummy", NULL);
		_exit(1);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	rmdir(dir);
	ASSERT_EQ(0, status);
	ASSERT_EQ(0, sct_read_line(fd, line, sizeof(line)));
	EXPECT_STREQ("\"rm\" : \"./dummy\" delete by 0 --> 0", line);
	close(fd);
}

/* Each open file has its own cursor: two readers see every record. */
TEST_F(log, two_readers)
{
	const char *r = rule_name(self, "two");
	char line[LINE_MAX_LEN];
	unsigned long long first[2] = {}, seq;
	int fd[2], i, k;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=getppid", self->filter, "log_format=%seq",
		"enabled=1", NULL }));
	fd[0] = sct_open_new(SCT_LOG, O_NONBLOCK);
	fd[1] = sct_open_new(SCT_LOG, O_NONBLOCK);
	ASSERT_LE(0, fd[0]);
	ASSERT_LE(0, fd[1]);

	getppid_n(50);
	for (k = 0; k < 2; k++) {
		for (i = 0; i < 50; i++) {
			ASSERT_EQ(0, sct_read_line(fd[k], line, sizeof(line)))
				TH_LOG("reader %d, record %d", k, i);
			seq = strtoull(line, NULL, 10);
			if (!i)
				first[k] = seq;
			/* In order, no gap: only this process calls getppid. */
			EXPECT_EQ(first[k] + i, seq);
		}
		EXPECT_EQ(-EAGAIN, sct_read_line(fd[k], line, sizeof(line)));
	}
	EXPECT_EQ(first[0], first[1]);
	close(fd[0]);
	close(fd[1]);
}

/*
 * Overflow the rings with no reader: a reader opened afterwards is told
 * in the stream which records it lost, and log_lost counts the same
 * records.
 */
TEST_F(log, overflow)
{
	const char *r = rule_name(self, "overflow");
	unsigned long long first, last, seq, lost_first, lost_n, missing = 0;
	long long lost0, lost1, next0;
	char line[LINE_MAX_LEN];
	int fd, seen = 0, notices = 0, ret;
	const int n = 2000;

	ASSERT_EQ(0, sct_write_attr(SCT_CONFIGFS "/log_size", "16384"));
	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=getppid", self->filter, "log_format=%seq",
		"enabled=1", NULL }));

	lost0 = sct_stat("log_lost");
	next0 = sct_stat("log_next_seq");
	ASSERT_LE(0, lost0);
	ASSERT_LT(0, next0);
	getppid_n(n);
	lost1 = sct_stat("log_lost");
	first = next0;
	last = first + n - 1;
	/* Only this test's records: nothing else logs. */
	ASSERT_EQ((long long)last + 1, sct_stat("log_next_seq"));

	/* From the start of the log (not SEEK_END). */
	fd = open(SCT_LOG, O_RDONLY | O_NONBLOCK);
	ASSERT_LE(0, fd);
	while (!(ret = sct_read_line(fd, line, sizeof(line)))) {
		if (sscanf(line, "sct: lost %llu records (seq %llu-",
			   &lost_n, &lost_first) == 2) {
			unsigned long long a = lost_first,
					   b = lost_first + lost_n - 1;

			notices++;
			/* The part of the gap among this test's records. */
			if (a < first)
				a = first;
			if (b > last)
				b = last;
			if (a <= b)
				missing += b - a + 1;
			continue;
		}
		seq = strtoull(line, NULL, 10);
		EXPECT_LE(first, seq);
		EXPECT_GE(last, seq);
		seen++;
	}
	EXPECT_EQ(-EAGAIN, ret);
	close(fd);

	EXPECT_LT(0, notices);
	EXPECT_LT(0, seen);
	EXPECT_GT(n, seen);
	EXPECT_EQ(n, seen + missing);
	EXPECT_EQ(lost1 - lost0, (long long)missing);
	TH_LOG("%d records: %d read, %llu lost, %d notices", n, seen, missing,
	       notices);

	ASSERT_EQ(0, sct_rule_set(r, "enabled", "0"));
	EXPECT_EQ(0, sct_write_attr(SCT_CONFIGFS "/log_size", "262144"));
}

/* poll() and epoll wake up on a new record; O_NONBLOCK gives EAGAIN. */
TEST_F(log, poll)
{
	const char *r = rule_name(self, "poll");
	struct epoll_event ev = { .events = EPOLLIN };
	char line[LINE_MAX_LEN];
	struct pollfd pfd;
	pid_t child;
	int fd, ep, status;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=getppid", self->filter, "log_format=poll %pid",
		"enabled=1", NULL }));
	fd = sct_open_new(SCT_LOG, O_NONBLOCK);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-EAGAIN, sct_read_line(fd, line, sizeof(line)));
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
	EXPECT_EQ(0, poll(&pfd, 1, 0));

	child = fork();
	ASSERT_LE(0, child);
	if (!child) {
		usleep(200000);
		syscall(SYS_getppid);
		_exit(0);
	}
	ASSERT_EQ(1, poll(&pfd, 1, 10000));
	EXPECT_TRUE(pfd.revents & POLLIN);
	ASSERT_EQ(0, sct_read_line(fd, line, sizeof(line)));
	EXPECT_EQ(child, atoi(line + 5));
	ASSERT_EQ(child, waitpid(child, &status, 0));

	ep = epoll_create1(0);
	ASSERT_LE(0, ep);
	ASSERT_EQ(0, epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev));
	EXPECT_EQ(0, epoll_wait(ep, &ev, 1, 0));
	child = fork();
	ASSERT_LE(0, child);
	if (!child) {
		usleep(200000);
		syscall(SYS_getppid);
		_exit(0);
	}
	ASSERT_EQ(1, epoll_wait(ep, &ev, 1, 10000));
	ASSERT_EQ(0, sct_read_line(fd, line, sizeof(line)));
	EXPECT_EQ(child, atoi(line + 5));
	ASSERT_EQ(child, waitpid(child, &status, 0));
	close(ep);

	/* A blocking read waits for the record. */
	close(fd);
	fd = sct_open_new(SCT_LOG, 0);
	ASSERT_LE(0, fd);
	child = fork();
	ASSERT_LE(0, child);
	if (!child) {
		usleep(200000);
		syscall(SYS_getppid);
		_exit(0);
	}
	ASSERT_EQ(0, sct_read_line(fd, line, sizeof(line)));
	EXPECT_EQ(child, atoi(line + 5));
	ASSERT_EQ(child, waitpid(child, &status, 0));
	close(fd);
}

/* The devices are root's: mode 0600. */
TEST_F(log, not_root)
{
	pid_t child;
	int status;

	child = fork();
	ASSERT_LE(0, child);
	if (!child) {
		if (setgid(65534) || setuid(65534))
			_exit(10);
		if (open(SCT_LOG, O_RDONLY) >= 0 || errno != EACCES)
			_exit(11);
		if (open(SCT_RECORDS, O_RDONLY) >= 0 || errno != EACCES)
			_exit(12);
		_exit(0);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/* Records of a removed rule still read with its name and format. */
TEST_F(log, removed_rule)
{
	const char *r = rule_name(self, "removed");
	char line[LINE_MAX_LEN], expect[LINE_MAX_LEN];
	int fd, i;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=getppid", self->filter,
		"log_format=gone: %ruleid %sname %pid", "enabled=1", NULL }));
	fd = sct_open_new(SCT_LOG, O_NONBLOCK);
	ASSERT_LE(0, fd);
	getppid_n(3);
	ASSERT_EQ(0, sct_rule_remove(r));
	self->n--;
	/* Give the removal's grace periods and clean-up time to run. */
	usleep(300000);
	snprintf(expect, sizeof(expect), "gone: %s getppid %d", r, getpid());
	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, sct_read_line(fd, line, sizeof(line)));
		EXPECT_STREQ(expect, line);
	}
	EXPECT_EQ(-EAGAIN, sct_read_line(fd, line, sizeof(line)));
	close(fd);
}

/* /dev/sct_records: the layout of <linux/sct.h>. */
TEST_F(log, binary)
{
	const char *r = rule_name(self, "binary");
	char buf[8192], expect[LINE_MAX_LEN], idbuf[32];
	const struct sct_record_call *rec = (const void *)buf;
	const char *s;
	ssize_t n;
	int fd;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=unlink", self->filter, "log_format=%params",
		"enabled=1", NULL }));
	ASSERT_EQ(0, sct_rule_get(r, "id", idbuf, sizeof(idbuf)));
	fd = sct_open_new(SCT_RECORDS, O_NONBLOCK);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ioctl(fd, SCT_IOC_TEXT, 1));
	unlink(self->file);

	/* Too small a buffer: -EINVAL, and the record stays. */
	EXPECT_EQ(-1, read(fd, buf, sizeof(struct sct_record_header)));
	EXPECT_EQ(EINVAL, errno);
	n = read(fd, buf, sizeof(buf));
	ASSERT_LE((ssize_t)sizeof(*rec), n);
	EXPECT_EQ(n, rec->hdr.size);
	EXPECT_EQ(0U, rec->hdr.size % 8);
	EXPECT_EQ(SCT_RECORD_VERSION, rec->hdr.version);
	EXPECT_EQ(SCT_RECORD_CALL, rec->hdr.type);
	EXPECT_LT(0ULL, rec->hdr.seq);
	EXPECT_EQ(strtoull(idbuf, NULL, 10), rec->rule_id);
	EXPECT_EQ(SYS_unlink, rec->nr);
	EXPECT_EQ(SCT_WHEN_BEFORE, rec->when);
	EXPECT_EQ(SCT_TARGET_DEVICE_BIT, rec->targets);
	EXPECT_EQ(getpid(), rec->pid);
	EXPECT_EQ(gettid(), rec->tid);
	EXPECT_EQ(getppid(), rec->ppid);
	EXPECT_EQ(0U, rec->uid);
	EXPECT_STREQ("sct_log_test", rec->comm);
	EXPECT_EQ((unsigned long)self->file, rec->args[0]);

	ASSERT_EQ(SCT_DATA_STRING, rec->param[0].kind);
	ASSERT_GE(n, rec->param[0].off + rec->param[0].len);
	s = buf + rec->param[0].off;
	EXPECT_STREQ(self->file, s);
	EXPECT_EQ(strlen(self->file) + 1, rec->param[0].len);
	/* unlink has one parameter: no data for the others. */
	for (int i = 1; i < 6; i++) {
		EXPECT_EQ(SCT_DATA_NONE, rec->param[i].kind);
		EXPECT_EQ(0, rec->param[i].len);
	}

	ASSERT_GE(n, rec->rule.off + rec->rule.len);
	EXPECT_STREQ(r, buf + rec->rule.off);
	ASSERT_GE(n, rec->text.off + rec->text.len);
	snprintf(expect, sizeof(expect), "\"%s\"", self->file);
	EXPECT_STREQ(expect, buf + rec->text.off);

	EXPECT_EQ(-1, read(fd, buf, sizeof(buf)));
	EXPECT_EQ(EAGAIN, errno);
	close(fd);
}

/*
 * Binary records carry their text only for a reader that asks for it
 * (SCT_IOC_TEXT); the rule's name always.
 */
TEST_F(log, text_on_request)
{
	const char *r = rule_name(self, "text");
	char buf[8192] __attribute__((aligned(8)));
	const struct sct_record_call *rec = (const void *)buf;
	int fd, on;
	ssize_t n;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=unlink", self->filter, "log_format=%params",
		"enabled=1", NULL }));
	fd = sct_open_new(SCT_RECORDS, O_NONBLOCK);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, ioctl(fd, SCT_IOC_TEXT, 2));
	EXPECT_EQ(EINVAL, errno);
	for (on = 0; on < 3; on++) {
		/* Off by default, then on, then off again. */
		if (on)
			ASSERT_EQ(0, ioctl(fd, SCT_IOC_TEXT, on & 1));
		ASSERT_EQ(0, sct_write_file(self->file));
		unlink(self->file);
		n = read(fd, buf, sizeof(buf));
		ASSERT_LE((ssize_t)sizeof(*rec), n);
		ASSERT_EQ(SCT_RECORD_CALL, rec->hdr.type);
		ASSERT_GE(n, rec->rule.off + rec->rule.len);
		EXPECT_STREQ(r, buf + rec->rule.off);
		if (on != 1) {
			EXPECT_EQ(0, rec->text.len);
			EXPECT_EQ(0, rec->text.off);
			EXPECT_EQ(rec->hdr.size,
				  rec->rule.off + ((rec->rule.len + 7U) & ~7U));
			continue;
		}
		ASSERT_LT(0, rec->text.len);
		ASSERT_GE(n, rec->text.off + rec->text.len);
		EXPECT_EQ('"', buf[rec->text.off]);
	}
	close(fd);
}

/*
 * SCT_IOC_RULE: a reader narrowed to the rules it names gets their call
 * records and no other's; ids no rule has, and more than 64, are refused.
 */
TEST_F(log, rules_a_reader_names)
{
	const char *ra = rule_name(self, "want_a");
	const char *rb = rule_name(self, "want_b");
	char buf[16384] __attribute__((aligned(8))), idbuf[32], tag[32];
	const struct sct_record_call *rec;
	int fd, i, seen_a = 0, seen_b = 0;
	__u64 id_a, id_b, id;
	ssize_t len, off;

	ASSERT_EQ(0, sct_rule_make(ra, (const char *[]){
		"syscall=unlink", self->filter, "enabled=1", NULL }));
	ASSERT_EQ(0, sct_rule_make(rb, (const char *[]){
		"syscall=unlink", self->filter, "continue=1", "order=-1",
		"enabled=1", NULL }));
	ASSERT_EQ(0, sct_rule_get(ra, "id", idbuf, sizeof(idbuf)));
	id_a = strtoull(idbuf, NULL, 10);
	ASSERT_EQ(0, sct_rule_get(rb, "id", idbuf, sizeof(idbuf)));
	id_b = strtoull(idbuf, NULL, 10);
	fd = sct_open_new(SCT_RECORDS, O_NONBLOCK);
	ASSERT_LE(0, fd);
	id = ~0ULL;
	EXPECT_EQ(-1, ioctl(fd, SCT_IOC_RULE, &id));
	EXPECT_EQ(ENOENT, errno);
	ASSERT_EQ(0, ioctl(fd, SCT_IOC_RULE, &id_a));
	/* Twice is once. */
	ASSERT_EQ(0, ioctl(fd, SCT_IOC_RULE, &id_a));

	/* Both rules match: b goes on to a. */
	ASSERT_EQ(0, sct_write_file(self->file));
	unlink(self->file);
	EXPECT_EQ(1, sct_rule_hits(ra));
	EXPECT_EQ(1, sct_rule_hits(rb));
	while ((len = read(fd, buf, sizeof(buf))) > 0) {
		for (off = 0; off < len; off += rec->hdr.size) {
			rec = (const void *)(buf + off);
			if (rec->hdr.type == SCT_RECORD_TASK)
				seen_b += 100;
			if (rec->hdr.type != SCT_RECORD_CALL)
				continue;
			seen_a += rec->rule_id == id_a;
			seen_b += rec->rule_id != id_a;
		}
	}
	EXPECT_EQ(1, seen_a);
	EXPECT_EQ(0, seen_b);
	EXPECT_NE(id_a, id_b);

	/*
	 * Behind 600 records of another rule, which the reader passes
	 * over a few hundred at a time: a blocking read still finds a's.
	 */
	snprintf(tag, sizeof(tag), "filter=PID == %d", getpid());
	ASSERT_EQ(0, sct_rule_make(rule_name(self, "noise"), (const char *[]){
		"syscall=getppid", tag, "enabled=1", NULL }));
	getppid_n(600);
	ASSERT_EQ(0, sct_write_file(self->file));
	unlink(self->file);
	ASSERT_EQ(0, fcntl(fd, F_SETFL, 0));
	len = read(fd, buf, sizeof(buf));
	ASSERT_LT(0, len);
	rec = (const void *)buf;
	EXPECT_EQ(SCT_RECORD_CALL, rec->hdr.type);
	EXPECT_EQ(id_a, rec->rule_id);
	close(fd);

	/* 64 rules at most. */
	fd = open(SCT_RECORDS, O_RDONLY | O_NONBLOCK);
	ASSERT_LE(0, fd);
	for (i = 0; i < 65; i++) {
		const char *r;

		snprintf(tag, sizeof(tag), "many_%d", i);
		r = rule_name(self, tag);
		ASSERT_EQ(0, sct_rule_make(r, (const char *[]){ NULL }));
		ASSERT_EQ(0, sct_rule_get(r, "id", idbuf, sizeof(idbuf)));
		id = strtoull(idbuf, NULL, 10);
		if (i < 64) {
			ASSERT_EQ(0, ioctl(fd, SCT_IOC_RULE, &id));
		} else {
			EXPECT_EQ(-1, ioctl(fd, SCT_IOC_RULE, &id));
			EXPECT_EQ(ENOSPC, errno);
		}
	}
	close(fd);
}

static void *getppid_thread(void *arg)
{
	getppid_n(3);
	return NULL;
}

/*
 * The records of one call, entry and exit, have the same call id, and
 * no two calls have the same, across two threads making calls at once.
 */
TEST_F(log, call_ids)
{
	const char *rb = rule_name(self, "ids_before");
	const char *ra = rule_name(self, "ids_after");
	struct {
		int tid, when;
		unsigned long long id;
	} seen[16];
	char buf[8192] __attribute__((aligned(8))), filter[64];
	const struct sct_record_call *rec;
	pthread_t threads[2];
	int i, j, n = 0, fd, pairs;
	ssize_t len, off;

	snprintf(filter, sizeof(filter), "filter=PID == %d", getpid());
	ASSERT_EQ(0, sct_rule_make(rb, (const char *[]){
		"syscall=getppid", filter, "enabled=1", NULL }));
	ASSERT_EQ(0, sct_rule_make(ra, (const char *[]){
		"syscall=getppid", "when=after", filter, "enabled=1", NULL }));
	fd = sct_open_new(SCT_RECORDS, O_NONBLOCK);
	ASSERT_LE(0, fd);
	for (i = 0; i < 2; i++)
		ASSERT_EQ(0, pthread_create(&threads[i], NULL, getppid_thread,
					    NULL));
	for (i = 0; i < 2; i++)
		pthread_join(threads[i], NULL);

	/* A read returns as many whole records as fit. */
	while (n < 16 && (len = read(fd, buf, sizeof(buf))) > 0) {
		for (off = 0; off < len && n < 16; off += rec->hdr.size) {
			rec = (const void *)(buf + off);
			if (rec->hdr.type != SCT_RECORD_CALL)
				continue;
			ASSERT_LE(3, rec->hdr.version);
			seen[n].tid = rec->tid;
			seen[n].when = rec->when;
			seen[n].id = rec->call_id;
			n++;
		}
	}
	close(fd);
	/* Three calls a thread, each an entry and an exit record. */
	ASSERT_EQ(12, n);
	pairs = 0;
	for (i = 0; i < n; i++) {
		EXPECT_NE(0ULL, seen[i].id);
		for (j = i + 1; j < n; j++) {
			if (seen[i].id != seen[j].id)
				continue;
			pairs++;
			EXPECT_EQ(seen[i].tid, seen[j].tid);
			EXPECT_NE(seen[i].when, seen[j].when);
		}
	}
	EXPECT_EQ(6, pairs);
}

/* Does /dev/kmsg get a line containing @needle within a few seconds? */
static bool kmsg_has(int kfd, const char *needle)
{
	char buf[2048];
	int tries = 0;
	ssize_t n;

	while (tries < 50) {
		n = read(kfd, buf, sizeof(buf) - 1);
		if (n < 0) {
			if (errno == EAGAIN) {
				usleep(100000);
				tries++;
			}
			continue;
		}
		buf[n] = '\0';
		if (strstr(buf, needle))
			return true;
	}
	return false;
}

/* log_target: printk sends the lines to the kernel log, device does not. */
TEST_F(log, printk_target)
{
	const char *r = rule_name(self, "printk");
	char line[LINE_MAX_LEN], needle[128];
	int fd, kfd;

	snprintf(needle, sizeof(needle), "sct: to printk %d", getpid());
	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=getppid", self->filter,
		"log_format=to printk %pid", "log_target=printk",
		"enabled=1", NULL }));
	kfd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	ASSERT_LE(0, kfd);
	ASSERT_LE(0, lseek(kfd, 0, SEEK_END));
	fd = sct_open_new(SCT_LOG, O_NONBLOCK);
	ASSERT_LE(0, fd);

	syscall(SYS_getppid);
	EXPECT_TRUE(kmsg_has(kfd, needle));
	EXPECT_EQ(-EAGAIN, sct_read_line(fd, line, sizeof(line)));

	ASSERT_EQ(0, sct_rule_change(r, "log_target", "both"));
	syscall(SYS_getppid);
	EXPECT_TRUE(kmsg_has(kfd, needle));
	ASSERT_EQ(0, sct_read_line(fd, line, sizeof(line)));
	EXPECT_STREQ(needle + 5, line);
	close(fd);
	close(kfd);
}

TEST_HARNESS_MAIN
