// SPDX-License-Identifier: GPL-2.0
/*
 * sct traces: sets of tasks that follow forks.  A rule scoped to a trace
 * acts on the trace's members alone: the processes added to it, every
 * thread of them, and the children they make from then on, also after
 * their parent is gone.
 *
 * The rules here fail getppid with EROFS, which nothing else in the
 * guest sees: a member's getppid fails, anyone else's works.
 */
#include <dirent.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <linux/sct.h>

#include "kselftest_harness.h"
#include "sct_test.h"

#define MAX_NAMES	8

FIXTURE(trace)
{
	char rules[MAX_NAMES][64];
	int nrules;
	char traces[MAX_NAMES][64];
	int ntraces;
	pid_t kids[MAX_NAMES];
	int nkids;
};

FIXTURE_SETUP(trace)
{
	if (!sct_present())
		SKIP(return, "no sct");
	if (!sct_exists(SCT_TRACES))
		SKIP(return, "no traces in this kernel");
}

static void trace_cleanup(FIXTURE_DATA(trace) *self)
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

/*
 * In the parent, once the test's process is gone: also after a failed
 * ASSERT, which 6.12's harness may let skip a FIXTURE_TEARDOWN (it keeps
 * the child's pid in a variable that longjmp() may clobber).  @self is
 * shared with the test's process.
 */
FIXTURE_TEARDOWN_PARENT(trace)
{
	trace_cleanup(self);
}

static const char *rule_name(FIXTURE_DATA(trace) *self, const char *tag)
{
	char *name = self->rules[self->nrules++];

	snprintf(name, sizeof(self->rules[0]), "ksft_%d_%s", getpid(), tag);
	return name;
}

/* Make a trace; its name, or NULL with errno set. */
static const char *trace_make(FIXTURE_DATA(trace) *self, const char *tag)
{
	char *name = self->traces[self->ntraces++];
	char path[PATH_MAX];

	snprintf(name, sizeof(self->traces[0]), "ksft_%d_%s", getpid(), tag);
	snprintf(path, sizeof(path), "%s/%s", SCT_TRACES, name);
	return sct_trace_mkdir(path) ? NULL : name;
}

static int trace_rm(const char *name)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", SCT_TRACES, name);
	return rmdir(path) ? -errno : 0;
}

/* Is @pid a line of trace @name's pids? */
static bool trace_lists(const char *name, pid_t pid)
{
	char path[PATH_MAX], buf[4096], want[32];
	const char *p;

	snprintf(path, sizeof(path), "%s/%s/pids", SCT_TRACES, name);
	if (sct_read_attr(path, buf, sizeof(buf)) < 0)
		return false;
	snprintf(want, sizeof(want), "%d\n", pid);
	for (p = buf; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, want, strlen(want)))
			return true;
	return false;
}

/* A fail rule on getppid, EROFS, for the members of trace @trace. */
static int fail_rule(const char *r, const char *trace)
{
	char t[96];

	snprintf(t, sizeof(t), "trace=%s", trace);
	return sct_rule_make(r, (const char *[]){
		"syscall=getppid", "action=fail", "error_code=EROFS", t,
		"enabled=1", NULL });
}

/* The errno of a raw getppid: 0 if it worked. */
static int getppid_errno(void)
{
	errno = 0;
	return syscall(SYS_getppid) < 0 ? errno : 0;
}

/*
 * A child that waits for a byte on @go, then reports the errno of its
 * getppid as one byte on @out, and waits to be killed.
 */
static pid_t reporter(FIXTURE_DATA(trace) *self, int go, int out)
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
	c = getppid_errno();
	if (write(out, &c, 1) != 1)
		_exit(2);
	pause();
	_exit(0);
}

/* One byte from @fd, or -1. */
static int report(int fd)
{
	unsigned char c;

	return read(fd, &c, 1) == 1 ? c : -1;
}

TEST_F(trace, bad_input)
{
	/* "\n": echo's empty line (a write of no bytes is EFAULT). */
	static const char *const bad[] = { "abc", "0", "-1", "1 2", "\n" };
	/* Booleans are whole words, which kstrtobool() would not insist on. */
	static const char *const badbool[] = { "10", "yes please", "onion",
					       "2", "\n" };
	const char *t = trace_make(self, "bad");
	const char *r = rule_name(self, "bad");
	char path[PATH_MAX];
	unsigned int i;

	ASSERT_NE(NULL, t);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *val = bad[i];

		EXPECT_EQ(-EINVAL, sct_trace_write(t, "add", val))
			TH_LOG("add '%s'", val);
	}
	for (i = 0; i < sizeof(badbool) / sizeof(badbool[0]); i++) {
		EXPECT_EQ(-EINVAL, sct_trace_write(t, "lifecycle", badbool[i]))
			TH_LOG("lifecycle '%s'", badbool[i]);
	}
	EXPECT_EQ(0, sct_trace_write(t, "lifecycle", "ON"));
	EXPECT_EQ(0, sct_trace_write(t, "lifecycle", "off"));
	/* Beyond pid_max: no such process. */
	EXPECT_EQ(-ESRCH, sct_trace_write(t, "add", "2147483647"));
	/* kthreadd makes no syscalls. */
	EXPECT_EQ(-EINVAL, sct_trace_add(t, 2));
	/* Names are those of rules. */
	snprintf(path, sizeof(path), "%s/-bad", SCT_TRACES);
	EXPECT_EQ(-1, mkdir(path, 0755));
	EXPECT_EQ(EINVAL, errno);

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=getppid", NULL }));
	EXPECT_EQ(-EINVAL, sct_rule_set(r, "trace", "a b"));
	EXPECT_EQ(0, sct_rule_set(r, "trace", "ksft_no_such_trace"));
	/* The trace must exist when the rule is enabled. */
	EXPECT_EQ(-ENOENT, sct_rule_set(r, "enabled", "1"));
	EXPECT_EQ(0, sct_rule_set(r, "trace", t));
	EXPECT_EQ(0, sct_rule_set(r, "enabled", "1"));
	EXPECT_EQ(-EBUSY, sct_rule_set(r, "trace", "\n"));
}

/* Members are failed; the test itself, and a sibling, are not. */
TEST_F(trace, members_only)
{
	const char *t = trace_make(self, "members");
	const char *r = rule_name(self, "members");
	int go[2], out_in[2], out_other[2];
	pid_t in, other;

	ASSERT_NE(NULL, t);
	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(out_in));
	ASSERT_EQ(0, pipe(out_other));
	in = reporter(self, go[0], out_in[1]);
	ASSERT_LT(0, in);
	other = reporter(self, go[0], out_other[1]);
	ASSERT_LT(0, other);
	ASSERT_EQ(0, sct_trace_add(t, in));
	EXPECT_TRUE(trace_lists(t, in));
	EXPECT_FALSE(trace_lists(t, other));
	ASSERT_EQ(0, fail_rule(r, t));

	EXPECT_EQ(0, getppid_errno());
	ASSERT_EQ(2, write(go[1], "xx", 2));
	EXPECT_EQ(EROFS, report(out_in[0]));
	EXPECT_EQ(0, report(out_other[0]));
	EXPECT_EQ(1, sct_rule_hits(r));
}

/*
 * Children made by vfork and by clone(CLONE_PARENT), whose parent is not
 * the member, are members too.
 */
TEST_F(trace, vfork_and_clone_parent)
{
	const char *t = trace_make(self, "vfork");
	const char *r = rule_name(self, "vfork");
	int go[2], out[2];
	pid_t member;
	char c;

	ASSERT_NE(NULL, t);
	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(out));
	member = fork();
	ASSERT_LE(0, member);
	if (!member) {
		pid_t pid;

		if (read(go[0], &c, 1) != 1)
			_exit(2);
		pid = vfork();
		if (!pid)
			_exit(getppid_errno());
		if (pid < 0 || waitpid(pid, &pid, 0) < 0 || !WIFEXITED(pid))
			_exit(2);
		c = WEXITSTATUS(pid);
		if (write(out[1], &c, 1) != 1)
			_exit(2);
		/* A sibling of the member: the test is its parent. */
		pid = syscall(SYS_clone, CLONE_PARENT, 0, NULL, NULL, 0);
		if (!pid) {
			c = getppid_errno();
			_exit(write(out[1], &c, 1) == 1 ? 0 : 2);
		}
		_exit(pid < 0 ? 2 : 0);
	}
	self->kids[self->nkids++] = member;
	ASSERT_EQ(0, sct_trace_add(t, member));
	ASSERT_EQ(0, fail_rule(r, t));
	ASSERT_EQ(1, write(go[1], "x", 1));
	EXPECT_EQ(EROFS, report(out[0]));	/* vfork */
	EXPECT_EQ(EROFS, report(out[0]));	/* CLONE_PARENT */
	while (waitpid(-1, NULL, __WALL) > 0)
		;
	self->nkids = 0;
}

/* Leaving one trace keeps a task in the others. */
TEST_F(trace, two_traces)
{
	const char *a = trace_make(self, "two_a");
	const char *b = trace_make(self, "two_b");
	const char *ra = rule_name(self, "two_a");
	const char *rb = rule_name(self, "two_b");
	char tr[96];
	int go[2], out[2];
	pid_t pid;

	ASSERT_NE(NULL, a);
	ASSERT_NE(NULL, b);
	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(out));
	pid = reporter(self, go[0], out[1]);
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, sct_trace_add(a, pid));
	ASSERT_EQ(0, sct_trace_add(b, pid));
	/* a's rule would fail it with EROFS; b's with EXDEV. */
	ASSERT_EQ(0, fail_rule(ra, a));
	snprintf(tr, sizeof(tr), "trace=%s", b);
	ASSERT_EQ(0, sct_rule_make(rb, (const char *[]){
		"syscall=getppid", "action=fail", "error_code=EXDEV", tr,
		"order=1", "enabled=1", NULL }));
	ASSERT_EQ(0, sct_rule_set(ra, "enabled", "0"));
	ASSERT_EQ(0, trace_rm(a));
	EXPECT_TRUE(trace_lists(b, pid));
	ASSERT_EQ(1, write(go[1], "x", 1));
	EXPECT_EQ(EXDEV, report(out[0]));
	EXPECT_EQ(0, sct_rule_hits(ra));
}

/*
 * A daemon that double-forks: the member forks a child, which forks a
 * grandchild and exits; the member reaps it and exits too.  The
 * grandchild, reparented, is still a member.
 */
TEST_F(trace, double_fork_stays_in)
{
	const char *t = trace_make(self, "daemon");
	const char *r = rule_name(self, "daemon");
	int go[2], go2[2], out[2];
	pid_t member, middle, grandchild = 0;
	char c;

	ASSERT_NE(NULL, t);
	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(go2));
	ASSERT_EQ(0, pipe(out));
	member = fork();
	ASSERT_LE(0, member);
	if (!member) {
		if (read(go[0], &c, 1) != 1)
			_exit(2);
		middle = fork();
		if (middle) {
			waitpid(middle, NULL, 0);
			_exit(0);
		}
		if (fork())
			_exit(0);
		/* The grandchild: its parents are gone when go2 says so. */
		if (read(go2[0], &c, 1) != 1)
			_exit(2);
		c = getppid_errno();
		grandchild = getpid();
		if (write(out[1], &grandchild, sizeof(grandchild)) < 0 ||
		    write(out[1], &c, 1) != 1)
			_exit(2);
		pause();
		_exit(0);
	}
	self->kids[self->nkids++] = member;
	ASSERT_EQ(0, sct_trace_add(t, member));
	ASSERT_EQ(0, fail_rule(r, t));
	ASSERT_EQ(1, write(go[1], "x", 1));
	ASSERT_EQ(member, waitpid(member, NULL, 0));
	self->nkids--;
	ASSERT_EQ(1, write(go2[1], "x", 1));
	ASSERT_EQ((ssize_t)sizeof(grandchild),
		  read(out[0], &grandchild, sizeof(grandchild)));
	self->kids[self->nkids++] = grandchild;
	EXPECT_EQ(EROFS, report(out[0]));
	EXPECT_TRUE(trace_lists(t, grandchild));
	EXPECT_FALSE(trace_lists(t, member));
	EXPECT_FALSE(trace_lists(t, getpid()));
	EXPECT_EQ(0, getppid_errno());
}

static int thread_go[2];
static int thread_errno;

static void *thread_main(void *arg)
{
	char c;

	if (!arg && read(thread_go[0], &c, 1) != 1)
		return NULL;
	thread_errno = getppid_errno();
	return NULL;
}

/*
 * Adding a process adds each of its threads, and the threads it makes
 * afterwards are members too.
 */
TEST_F(trace, threads_join)
{
	const char *t = trace_make(self, "threads");
	const char *r = rule_name(self, "threads");
	pthread_t thread;
	int go[2], out[2];
	pid_t pid;

	ASSERT_NE(NULL, t);
	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(out));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		char c;

		if (pipe(thread_go) ||
		    pthread_create(&thread, NULL, thread_main, NULL))
			_exit(2);
		if (read(go[0], &c, 1) != 1 || write(thread_go[1], "x", 1) != 1)
			_exit(2);
		pthread_join(thread, NULL);
		c = thread_errno;
		if (write(out[1], &c, 1) != 1)
			_exit(2);
		c = getppid_errno();
		if (write(out[1], &c, 1) != 1)
			_exit(2);
		/* A thread made now, by a member. */
		thread_errno = -1;
		if (pthread_create(&thread, NULL, thread_main, (void *)1))
			_exit(2);
		pthread_join(thread, NULL);
		c = thread_errno;
		_exit(write(out[1], &c, 1) == 1 ? 0 : 2);
	}
	self->kids[self->nkids++] = pid;
	ASSERT_EQ(0, sct_trace_add(t, pid));
	ASSERT_EQ(0, fail_rule(r, t));
	ASSERT_EQ(1, write(go[1], "x", 1));
	EXPECT_EQ(EROFS, report(out[0]));	/* the thread */
	EXPECT_EQ(EROFS, report(out[0]));	/* the main thread */
	EXPECT_EQ(EROFS, report(out[0]));	/* the new thread */
}

/*
 * A trace that an enabled rule names stays; once removed, its members
 * leave it: the same bit, given to a new trace, does not find them.
 */
TEST_F(trace, removal_releases_members)
{
	const char *t = trace_make(self, "old");
	const char *r = rule_name(self, "old");
	const char *r2 = rule_name(self, "new");
	const char *t2;
	int go[2], out[2];
	pid_t pid;

	ASSERT_NE(NULL, t);
	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(out));
	pid = reporter(self, go[0], out[1]);
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, sct_trace_add(t, pid));
	ASSERT_EQ(0, fail_rule(r, t));
	EXPECT_EQ(-EBUSY, trace_rm(t));
	ASSERT_EQ(0, sct_rule_set(r, "enabled", "0"));
	ASSERT_EQ(0, trace_rm(t));

	t2 = trace_make(self, "new");
	ASSERT_NE(NULL, t2);
	EXPECT_FALSE(trace_lists(t2, pid));
	ASSERT_EQ(0, fail_rule(r2, t2));
	ASSERT_EQ(1, write(go[1], "x", 1));
	EXPECT_EQ(0, report(out[0]));
	EXPECT_EQ(0, sct_rule_hits(r2));
}

/* After rules of a trace see the members' calls return. */
TEST_F(trace, after_rules)
{
	const char *t = trace_make(self, "after");
	const char *r = rule_name(self, "after");
	int status;
	char tr[96];
	pid_t pid;

	ASSERT_NE(NULL, t);
	snprintf(tr, sizeof(tr), "trace=%s", t);
	/* The test process joins: the harness forked it for this test. */
	ASSERT_EQ(0, sct_trace_add(t, getpid()));
	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=getppid", "when=after", "action=fail",
		"error_code=EROFS", tr, "enabled=1", NULL }));
	EXPECT_EQ(EROFS, getppid_errno());
	EXPECT_EQ(1, sct_rule_hits(r));
	/* A child, made after the rule: a member too. */
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid)
		_exit(getppid_errno());
	EXPECT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == EROFS);
}

/* A member's exec keeps it in; its ia32 calls are matched too. */
TEST_F(trace, exec_and_every_abi)
{
	const char *t = trace_make(self, "exec");
	const char *r = rule_name(self, "exec");
	static const char *const modes[] = { "unlinkat", "int80" };
	char helper[PATH_MAX], file[64], tr[96];
	unsigned int i;
	int status;
	pid_t pid;

	ASSERT_NE(NULL, t);
	if (sct_sibling("sct_unlink", helper, sizeof(helper)))
		SKIP(return, "no %s", helper);
	snprintf(tr, sizeof(tr), "trace=%s", t);
	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=unlink,unlinkat", "action=fail",
		"error_code=EROFS", tr, "enabled=1", NULL }));
	snprintf(file, sizeof(file), "/tmp/sct_ksft_trace_%d", getpid());
	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		ASSERT_EQ(0, sct_write_file(file));
		pid = fork();
		ASSERT_LE(0, pid);
		if (!pid) {
			/* Wait to be added, then exec the helper. */
			kill(getpid(), SIGSTOP);
			execl(helper, helper, modes[i], file, (char *)NULL);
			_exit(127);
		}
		ASSERT_EQ(pid, waitpid(pid, &status, WUNTRACED));
		ASSERT_TRUE(WIFSTOPPED(status));
		ASSERT_EQ(0, sct_trace_add(t, pid));
		kill(pid, SIGCONT);
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		ASSERT_TRUE(WIFEXITED(status));
		if (!strcmp(modes[i], "int80") && WEXITSTATUS(status) == ENOSYS)
			continue;	/* a kernel without ia32 */
		EXPECT_EQ(EROFS, WEXITSTATUS(status)) TH_LOG("%s", modes[i]);
		EXPECT_TRUE(sct_exists(file)) TH_LOG("%s", modes[i]);
	}
	unlink(file);
	/* The test itself is no member: its unlink works. */
	ASSERT_EQ(0, sct_write_file(file));
	EXPECT_EQ(0, unlink(file));
}

/* Check the @n-th task record of the lifecycle test. */
static void check_task_record(struct __test_metadata *_metadata,
			      const struct sct_record_task *rec, int n,
			      pid_t pid, pid_t *grandchild, const char *helper,
			      unsigned int id)
{
	int event = rec->event;

	EXPECT_LE(sizeof(*rec), rec->hdr.size);
	EXPECT_NE(0, !!(rec->traces & (1ULL << id)));
	EXPECT_EQ(0U, rec->pad);
	switch (n) {
	case 0:
		EXPECT_EQ(SCT_TASK_FORK, event);
		EXPECT_EQ(pid, rec->pid);
		EXPECT_EQ(rec->child_pid, rec->child_tid);
		EXPECT_NE(0ULL, rec->call_id);
		*grandchild = rec->child_pid;
		break;
	case 1:
		EXPECT_EQ(SCT_TASK_EXIT, event);
		EXPECT_EQ(*grandchild, rec->pid);
		EXPECT_EQ(7 << 8, rec->status);
		break;
	case 2:
		EXPECT_EQ(SCT_TASK_SIGNAL, event);
		EXPECT_EQ(pid, rec->pid);
		EXPECT_EQ(SIGUSR1, rec->signo);
		EXPECT_EQ(SI_USER, rec->code);
		EXPECT_EQ(pid, rec->sender_pid);
		EXPECT_EQ(0U, rec->sender_uid);
		break;
	case 3:
		EXPECT_EQ(SCT_TASK_EXEC, event);
		EXPECT_EQ(pid, rec->pid);
		EXPECT_EQ(pid, rec->old_tid);
		EXPECT_STREQ("sct_unlink", rec->comm);
		EXPECT_EQ(SCT_DATA_STRING, rec->path.kind);
		EXPECT_STREQ(helper, (const char *)rec + rec->path.off);
		break;
	case 4:
		EXPECT_EQ(SCT_TASK_EXIT, event);
		EXPECT_EQ(pid, rec->pid);
		EXPECT_EQ(126 << 8, rec->status);
		break;
	}
}

static void on_usr1(int sig)
{
}

/*
 * With lifecycle on, a member's fork, signal, exec and exit are logged as
 * task records, and so is the exit of the child it made.
 */
TEST_F(trace, lifecycle)
{
	const char *t = trace_make(self, "life");
	char helper[PATH_MAX], path[PATH_MAX], idbuf[16];
	char buf[8192] __attribute__((aligned(8)));
	const struct sct_record_task *rec;
	int go[2], status, fd, tfd, n = 0, lines = 0;
	char line[512], want[PATH_MAX + 64], size[32];
	pid_t pid, grandchild = 0;
	ssize_t len, off;

	ASSERT_NE(NULL, t);
	if (sct_sibling("sct_unlink", helper, sizeof(helper)))
		SKIP(return, "no %s", helper);
	ASSERT_EQ(0, sct_trace_write(t, "lifecycle", "1"));
	snprintf(path, sizeof(path), "%s/%s/id", SCT_TRACES, t);
	ASSERT_LT(0, sct_read_attr(path, idbuf, sizeof(idbuf)));
	fd = sct_open_new("/dev/sct_records", O_NONBLOCK);
	ASSERT_LE(0, fd);
	tfd = sct_open_new("/dev/sct_log", O_NONBLOCK);
	ASSERT_LE(0, tfd);
	ASSERT_EQ(0, pipe(go));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		pid_t g;
		char c;

		if (read(go[0], &c, 1) != 1)
			_exit(2);
		g = fork();
		if (!g)
			_exit(7);
		if (g < 0 || waitpid(g, NULL, 0) != g)
			_exit(2);
		signal(SIGUSR1, on_usr1);
		kill(getpid(), SIGUSR1);
		/* Without arguments, the helper exits with 126. */
		execl(helper, helper, (char *)NULL);
		_exit(2);
	}
	self->kids[self->nkids++] = pid;
	ASSERT_EQ(0, sct_trace_add(t, pid));
	ASSERT_EQ(1, write(go[1], "x", 1));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	self->nkids--;
	ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 126);

	/* In order: fork, the child's exit, signal, exec, exit. */
	while ((len = read(fd, buf, sizeof(buf))) > 0) {
		for (off = 0; off < len; off += rec->hdr.size) {
			rec = (const void *)(buf + off);
			if (rec->hdr.type != SCT_RECORD_TASK)
				continue;
			check_task_record(_metadata, rec, n++, pid, &grandchild,
					  helper, strtoul(idbuf, NULL, 10));
		}
	}
	close(fd);
	EXPECT_EQ(5, n);

	/* The text lines, with the name and the path quoted. */
	snprintf(want, sizeof(want), "\"sct_unlink\"[%d/%d] exec \"%s\"",
		 pid, pid, helper);
	while (!sct_read_line(tfd, line, sizeof(line))) {
		if (strstr(line, want))
			lines |= 1;
		snprintf(want + PATH_MAX, 64, "[%d/%d] exit 126", pid, pid);
		if (strstr(line, want + PATH_MAX))
			lines |= 2;
	}
	close(tfd);
	EXPECT_EQ(3, lines) TH_LOG("want '%s'", want);

	/* Off again: the rings are no longer held, log_size can change. */
	EXPECT_EQ(0, sct_trace_write(t, "lifecycle", "0"));
	ASSERT_LT(0, sct_read_attr(SCT_CONFIGFS "/log_size", size,
				   sizeof(size)));
	EXPECT_EQ(0, sct_write_attr(SCT_CONFIGFS "/log_size", size));
}

/* The traces in traces/ now. */
static int traces_now(void)
{
	struct dirent *d;
	DIR *dir = opendir(SCT_TRACES);
	int n = 0;

	if (!dir)
		return -1;
	while ((d = readdir(dir)))
		n += d->d_name[0] != '.';
	closedir(dir);
	return n;
}

/*
 * At most 64 traces at once: the next mkdir says so.  With all 64 made,
 * the trace made after one ends has its bit: the tasks of the old one
 * are not in it.
 */
TEST_F(trace, limit_and_reuse)
{
	char path[PATH_MAX], name[64];
	int i, made = 0, before = traces_now();
	const char *r = rule_name(self, "reuse");
	int go[2], out[2];
	pid_t pid;

	ASSERT_LE(0, before);
	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(out));
	pid = reporter(self, go[0], out[1]);
	ASSERT_LT(0, pid);
	/* The bits of the traces of the tests before may not be free yet. */
	for (i = 0; i < 80; i++) {
		snprintf(path, sizeof(path), "%s/ksft_%d_lim%d", SCT_TRACES,
			 getpid(), i);
		if (sct_trace_mkdir(path))
			break;
		made++;
	}
	EXPECT_EQ(ENOSPC, errno);
	EXPECT_EQ(64, before + made);
	ASSERT_LT(0, made);

	/* The member is in the last trace, which ends. */
	snprintf(name, sizeof(name), "ksft_%d_lim%d", getpid(), made - 1);
	ASSERT_EQ(0, sct_trace_add(name, pid));
	ASSERT_EQ(0, trace_rm(name));
	/* The only free bit: the new trace has it, without the member. */
	snprintf(name, sizeof(name), "ksft_%d_new", getpid());
	snprintf(path, sizeof(path), "%s/%s", SCT_TRACES, name);
	ASSERT_EQ(0, sct_trace_mkdir(path));
	EXPECT_FALSE(trace_lists(name, pid));
	ASSERT_EQ(0, fail_rule(r, name));
	ASSERT_EQ(1, write(go[1], "x", 1));
	EXPECT_EQ(0, report(out[0]));
	EXPECT_EQ(0, sct_rule_hits(r));

	ASSERT_EQ(0, sct_rule_set(r, "enabled", "0"));
	EXPECT_EQ(0, trace_rm(name));
	for (i = 0; i < made - 1; i++) {
		snprintf(path, sizeof(path), "%s/ksft_%d_lim%d", SCT_TRACES,
			 getpid(), i);
		EXPECT_EQ(0, rmdir(path));
	}
}

TEST_HARNESS_MAIN
