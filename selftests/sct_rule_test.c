// SPDX-License-Identifier: GPL-2.0
/*
 * sct rules: attributes, the enabled commit point, first-match order,
 * continue, the global switch, and the fail, kill and suspend actions,
 * before and after the call.
 *
 * Rules act system-wide.  The syscalls used here (getppid, unlink, mkdir)
 * are ones nothing else in the test guest makes while a test runs.
 */
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "sct_test.h"

#define MAX_RULES 8

FIXTURE(rules)
{
	char names[MAX_RULES][64];
	int n;
	char file[PATH_MAX];
	char dir[PATH_MAX];
};

FIXTURE_SETUP(rules)
{
	if (!sct_present())
		SKIP(return, "no sct");
	snprintf(self->file, sizeof(self->file), "/tmp/sct_ksft_file_%d",
		 getpid());
	snprintf(self->dir, sizeof(self->dir), "/tmp/sct_ksft_dir_%d",
		 getpid());
	sct_write_file(self->file);
}

/*
 * In the parent, once the test's process is gone: also after a failed
 * ASSERT, which 6.12's harness may let skip a FIXTURE_TEARDOWN (it keeps
 * the child's pid in a variable that longjmp() may clobber).  @self is
 * shared with the test's process.
 */
FIXTURE_TEARDOWN_PARENT(rules)
{
	int i;

	for (i = 0; i < self->n; i++)
		sct_rule_remove(self->names[i]);
	unlink(self->file);
	rmdir(self->dir);
	sct_write_switch("1");
}

/* A rule name unique to this test, remembered for the teardown. */
static const char *rule_name(FIXTURE_DATA(rules) *self, const char *tag)
{
	char *name = self->names[self->n++];

	snprintf(name, sizeof(self->names[0]), "ksft_%d_%s", getpid(), tag);
	return name;
}

static long attr_is(const char *name, const char *attr, const char *want)
{
	char buf[128];

	if (sct_rule_get(name, attr, buf, sizeof(buf)))
		return 0;
	return !strcmp(buf, want);
}

TEST_F(rules, defaults)
{
	const char *r = rule_name(self, "defaults");

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){ NULL }));
	EXPECT_TRUE(attr_is(r, "syscall", ""));
	EXPECT_TRUE(attr_is(r, "when", "before"));
	EXPECT_TRUE(attr_is(r, "action", "log"));
	EXPECT_TRUE(attr_is(r, "error_code", "EPERM"));
	EXPECT_TRUE(attr_is(r, "order", "0"));
	EXPECT_TRUE(attr_is(r, "continue", "0"));
	EXPECT_TRUE(attr_is(r, "enabled", "0"));
	EXPECT_TRUE(attr_is(r, "hits", "0"));
}

TEST_F(rules, attributes)
{
	const char *r = rule_name(self, "attrs");

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){ NULL }));
	EXPECT_EQ(0, sct_rule_set(r, "syscall", "unlink"));
	EXPECT_TRUE(attr_is(r, "syscall", "unlink"));
	EXPECT_EQ(0, sct_rule_set(r, "syscall", "87\n"));
	EXPECT_TRUE(attr_is(r, "syscall", "unlink"));
	EXPECT_EQ(0, sct_rule_set(r, "syscall", "mkdir"));
	EXPECT_TRUE(attr_is(r, "syscall", "mkdir"));
	EXPECT_EQ(0, sct_rule_set(r, "when", "after"));
	EXPECT_TRUE(attr_is(r, "when", "after"));
	EXPECT_EQ(0, sct_rule_set(r, "when", "BEFORE"));
	EXPECT_TRUE(attr_is(r, "when", "before"));
	EXPECT_EQ(0, sct_rule_set(r, "action", "FAIL"));
	EXPECT_TRUE(attr_is(r, "action", "fail"));
	EXPECT_EQ(0, sct_rule_set(r, "action", "suspend"));
	EXPECT_TRUE(attr_is(r, "action", "suspend"));
	EXPECT_EQ(0, sct_rule_set(r, "action", "kill"));
	EXPECT_TRUE(attr_is(r, "action", "kill"));
	EXPECT_EQ(0, sct_rule_set(r, "error_code", "13"));
	EXPECT_TRUE(attr_is(r, "error_code", "EACCES"));
	EXPECT_EQ(0, sct_rule_set(r, "error_code", "-1"));
	EXPECT_TRUE(attr_is(r, "error_code", "EPERM"));
	EXPECT_EQ(0, sct_rule_set(r, "error_code", "ENOENT"));
	EXPECT_TRUE(attr_is(r, "error_code", "ENOENT"));
	EXPECT_EQ(0, sct_rule_set(r, "error_code", "0"));
	EXPECT_TRUE(attr_is(r, "error_code", "0"));
	EXPECT_EQ(0, sct_rule_set(r, "order", "-5"));
	EXPECT_TRUE(attr_is(r, "order", "-5"));
	EXPECT_EQ(0, sct_rule_set(r, "order", "0x10"));
	EXPECT_TRUE(attr_is(r, "order", "16"));
	EXPECT_EQ(0, sct_rule_set(r, "continue", "1"));
	EXPECT_TRUE(attr_is(r, "continue", "1"));
}

/* Every attribute rejects bad input and keeps its value. */
TEST_F(rules, bad_input)
{
	static const struct {
		const char *attr, *val;
		int err;
		const char *keeps;
	} bad[] = {
		{ "syscall", "no_such_syscall", EINVAL, "getppid" },
		{ "syscall", "99999", EINVAL, "getppid" },
		{ "syscall", "-1", EINVAL, "getppid" },
		{ "syscall", "\n", EINVAL, "getppid" },
		{ "when", "during", EINVAL, "before" },
		{ "when", "\n", EINVAL, "before" },
		{ "action", "explode", EINVAL, "fail" },
		{ "action", "log2", EINVAL, "fail" },
		{ "error_code", "ENOTANERRNO", EINVAL, "EACCES" },
		{ "error_code", "5000", ERANGE, "EACCES" },
		{ "error_code", "\n", EINVAL, "EACCES" },
		{ "error_code", "EPERM EIO", EINVAL, "EACCES" },
		{ "order", "first", EINVAL, "3" },
		{ "order", "99999999999", ERANGE, "3" },
		{ "continue", "maybe", EINVAL, "0" },
		{ "continue", "12", EINVAL, "0" },
		{ "enabled", "2", EINVAL, "0" },
		{ "enabled", "yes please", EINVAL, "0" },
	};
	const char *r = rule_name(self, "bad");
	unsigned int i;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=getppid", "action=fail", "error_code=EACCES",
		"order=3", NULL }));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_EQ(-bad[i].err, sct_rule_set(r, bad[i].attr, bad[i].val))
			TH_LOG("%s = '%s'", bad[i].attr, bad[i].val);
		EXPECT_TRUE(attr_is(r, bad[i].attr, bad[i].keeps))
			TH_LOG("%s changed", bad[i].attr);
	}
	/* hits is read-only. */
	EXPECT_EQ(-EACCES, sct_rule_set(r, "hits", "5"));
	EXPECT_TRUE(attr_is(r, "hits", "0"));
}

TEST_F(rules, enable_needs_a_syscall)
{
	const char *r = rule_name(self, "nosys");

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){ NULL }));
	EXPECT_EQ(-EINVAL, sct_rule_set(r, "enabled", "1"));
	EXPECT_TRUE(attr_is(r, "enabled", "0"));
}

TEST_F(rules, busy_while_enabled)
{
	static const char *const attrs[][2] = {
		{ "syscall", "unlink" }, { "when", "after" },
		{ "action", "fail" }, { "error_code", "EIO" },
		{ "continue", "1" },
	};
	const char *r = rule_name(self, "busy");
	unsigned int i;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=getppid", "enabled=1", NULL }));
	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
		EXPECT_EQ(-EBUSY, sct_rule_set(r, attrs[i][0], attrs[i][1]))
			TH_LOG("attribute #%u", i);
	EXPECT_TRUE(attr_is(r, "syscall", "getppid"));
	EXPECT_TRUE(attr_is(r, "action", "log"));
	/* Enabling an enabled rule is not an error. */
	EXPECT_EQ(0, sct_rule_set(r, "enabled", "1"));

	ASSERT_EQ(0, sct_rule_set(r, "enabled", "0"));
	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
		EXPECT_EQ(0, sct_rule_set(r, attrs[i][0], attrs[i][1]));
	EXPECT_TRUE(attr_is(r, "action", "fail"));
}

/*
 * order is the one attribute an enabled rule takes: the rule moves in
 * the tables of its calls, keeps its counters, and bad input changes
 * nothing.
 */
TEST_F(rules, order_while_enabled)
{
	const char *a = rule_name(self, "a_eacces");
	const char *b = rule_name(self, "b_enoexec");

	ASSERT_EQ(0, sct_rule_make(a, (const char *[]){
		"syscall=getppid,getpgrp", "action=fail", "error_code=EACCES",
		"order=1", "enabled=1", NULL }));
	ASSERT_EQ(0, sct_rule_make(b, (const char *[]){
		"syscall=getppid", "action=fail", "error_code=ENOEXEC",
		"order=2", "enabled=1", NULL }));
	errno = 0;
	EXPECT_EQ(-1, syscall(SYS_getppid));
	EXPECT_EQ(EACCES, errno);

	/* a goes behind b, on getppid; on getpgrp it is alone. */
	ASSERT_EQ(0, sct_rule_set(a, "order", "3"));
	EXPECT_TRUE(attr_is(a, "order", "3"));
	EXPECT_TRUE(attr_is(a, "enabled", "1"));
	errno = 0;
	EXPECT_EQ(-1, syscall(SYS_getppid));
	EXPECT_EQ(ENOEXEC, errno);
	errno = 0;
	EXPECT_EQ(-1, syscall(SYS_getpgrp));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(2, sct_rule_hits(a));
	EXPECT_EQ(1, sct_rule_hits(b));

	/* Bad input: EINVAL, and a stays where it is. */
	EXPECT_EQ(-EINVAL, sct_rule_set(a, "order", "first"));
	EXPECT_TRUE(attr_is(a, "order", "3"));
	/* The same order again, and back in front of b. */
	EXPECT_EQ(0, sct_rule_set(a, "order", "3"));
	ASSERT_EQ(0, sct_rule_set(a, "order", "-1"));
	errno = 0;
	EXPECT_EQ(-1, syscall(SYS_getppid));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(3, sct_rule_hits(a));
	EXPECT_EQ(1, sct_rule_hits(b));
}


TEST_F(rules, fail_before)
{
	const char *r = rule_name(self, "failb");
	long ppid = syscall(SYS_getppid);

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=getppid", "action=fail", "error_code=EACCES",
		"enabled=1", NULL }));
	errno = 0;
	EXPECT_EQ(-1, syscall(SYS_getppid));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(1, sct_rule_hits(r));

	ASSERT_EQ(0, sct_rule_set(r, "enabled", "0"));
	EXPECT_EQ(ppid, syscall(SYS_getppid));
	EXPECT_EQ(1, sct_rule_hits(r));
}

/* A failed call does not run: the file is still there. */
TEST_F(rules, fail_before_skips_the_call)
{
	const char *r = rule_name(self, "failu");

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=unlink", "action=fail", "enabled=1", NULL }));
	EXPECT_EQ(-1, syscall(SYS_unlink, self->file));
	EXPECT_EQ(EPERM, errno);
	EXPECT_TRUE(sct_exists(self->file));
}

/* After: the call has run, and its return value is replaced. */
TEST_F(rules, fail_after)
{
	const char *r = rule_name(self, "faila");

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=mkdir", "when=after", "action=fail",
		"error_code=ENOSPC", "enabled=1", NULL }));
	EXPECT_EQ(-1, syscall(SYS_mkdir, self->dir, 0755));
	EXPECT_EQ(ENOSPC, errno);
	EXPECT_TRUE(sct_exists(self->dir));
	EXPECT_EQ(1, sct_rule_hits(r));
}

/* Run fn in a child; return its wait status. */
static int in_child(void (*fn)(const char *), const char *arg)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void do_unlink(const char *path)
{
	_exit(syscall(SYS_unlink, path) ? 1 : 0);
}

static void do_mkdir(const char *path)
{
	_exit(syscall(SYS_mkdir, path, 0755) ? 1 : 0);
}

TEST_F(rules, kill_before)
{
	const char *r = rule_name(self, "killb");
	int status;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=unlink", "action=kill", "enabled=1", NULL }));
	status = in_child(do_unlink, self->file);
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(SIGKILL, WTERMSIG(status));
	/* The body of the call never ran. */
	EXPECT_TRUE(sct_exists(self->file));
	EXPECT_EQ(1, sct_rule_hits(r));
}

TEST_F(rules, kill_after)
{
	const char *r = rule_name(self, "killa");
	int status;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=mkdir", "when=after", "action=kill", "enabled=1",
		NULL }));
	status = in_child(do_mkdir, self->dir);
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(SIGKILL, WTERMSIG(status));
	EXPECT_TRUE(sct_exists(self->dir));
}

/*
 * sct runs after seccomp, and not at all for a call seccomp skipped: a
 * child whose seccomp filter fails getppid with E2BIG gets E2BIG, and the
 * fail rule on getppid sees nothing.
 */
static void seccomp_getppid(const char *unused)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | E2BIG),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = 4, .filter = f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog))
		_exit(2);
	_exit(syscall(SYS_getppid) == -1 && errno == E2BIG ? 0 : 1);
}

TEST_F(rules, not_after_seccomp_skipped)
{
	const char *r = rule_name(self, "seccomp");
	int status;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=getppid", "action=fail", "error_code=EACCES",
		"enabled=1", NULL }));
	status = in_child(seccomp_getppid, NULL);
	ASSERT_TRUE(WIFEXITED(status));
	if (WEXITSTATUS(status) == 2)
		SKIP(return, "no seccomp filters (CONFIG_SECCOMP_FILTER=n?)");
	EXPECT_EQ(0, WEXITSTATUS(status));
	EXPECT_EQ(0, sct_rule_hits(r));
	/* The rule itself works for a call seccomp lets through. */
	EXPECT_EQ(-1, syscall(SYS_getppid));
	EXPECT_EQ(1, sct_rule_hits(r));
}

/* The state letter of a process, from /proc/PID/stat. */
static char proc_state(pid_t pid)
{
	char path[64], buf[256], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (sct_read_attr(path, buf, sizeof(buf)) < 0)
		return '?';
	p = strrchr(buf, ')');
	return p && p[1] && p[2] ? p[2] : '?';
}

TEST_F(rules, suspend_before)
{
	const char *r = rule_name(self, "suspb");
	int status;
	pid_t pid;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=unlink", "action=suspend", "enabled=1", NULL }));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		do_unlink(self->file);

	ASSERT_EQ(pid, waitpid(pid, &status, WUNTRACED));
	ASSERT_TRUE(WIFSTOPPED(status));
	EXPECT_EQ('T', proc_state(pid));
	/* Stopped before the body ran. */
	EXPECT_TRUE(sct_exists(self->file));
	EXPECT_EQ(1, sct_rule_hits(r));

	ASSERT_EQ(0, kill(pid, SIGCONT));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	/* The call ran once after SIGCONT, and was not stopped again. */
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	EXPECT_FALSE(sct_exists(self->file));
	EXPECT_EQ(1, sct_rule_hits(r));
}

TEST_F(rules, suspend_after)
{
	const char *r = rule_name(self, "suspa");
	int status;
	pid_t pid;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=mkdir", "when=after", "action=suspend", "enabled=1",
		NULL }));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		do_mkdir(self->dir);

	ASSERT_EQ(pid, waitpid(pid, &status, WUNTRACED));
	ASSERT_TRUE(WIFSTOPPED(status));
	/* Stopped after the body ran. */
	EXPECT_TRUE(sct_exists(self->dir));
	ASSERT_EQ(0, kill(pid, SIGCONT));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	EXPECT_EQ(1, sct_rule_hits(r));
}

/*
 * The seed article's order example: prevent_delete before unlink_rule1
 * fails the call; swapped, the call is only logged (counted).
 */
TEST_F(rules, first_match_order)
{
	const char *fail = rule_name(self, "prevent_delete");
	const char *log = rule_name(self, "unlink_rule1");
	char filter[PATH_MAX + 64];

	/* The article's filter, on the test's file instead of /etc/passwd. */
	snprintf(filter, sizeof(filter),
		 "filter=PARAMS[1]==\"%s\" && UID == 0", self->file);
	ASSERT_EQ(0, sct_rule_make(fail, (const char *[]){
		"syscall=unlink", filter, "action=fail", "error_code=-1",
		"order=1", "enabled=1", NULL }));
	ASSERT_EQ(0, sct_rule_make(log, (const char *[]){
		"syscall=unlink", "action=log", "order=2", "enabled=1",
		NULL }));
	EXPECT_EQ(-1, syscall(SYS_unlink, self->file));
	EXPECT_TRUE(sct_exists(self->file));
	EXPECT_EQ(1, sct_rule_hits(fail));
	EXPECT_EQ(0, sct_rule_hits(log));

	ASSERT_EQ(0, sct_rule_change(fail, "order", "3"));
	EXPECT_EQ(0, syscall(SYS_unlink, self->file));
	EXPECT_FALSE(sct_exists(self->file));
	EXPECT_EQ(1, sct_rule_hits(fail));
	EXPECT_EQ(1, sct_rule_hits(log));
}

/* Equal order: the name decides. */
TEST_F(rules, ties_by_name)
{
	const char *b = rule_name(self, "b_log");
	const char *a = rule_name(self, "a_fail");

	ASSERT_EQ(0, sct_rule_make(b, (const char *[]){
		"syscall=getppid", "enabled=1", NULL }));
	ASSERT_EQ(0, sct_rule_make(a, (const char *[]){
		"syscall=getppid", "action=fail", "enabled=1", NULL }));
	EXPECT_EQ(-1, syscall(SYS_getppid));
	EXPECT_EQ(1, sct_rule_hits(a));
	EXPECT_EQ(0, sct_rule_hits(b));
}

TEST_F(rules, continue_after_log)
{
	const char *log = rule_name(self, "log");
	const char *fail = rule_name(self, "fail");

	ASSERT_EQ(0, sct_rule_make(log, (const char *[]){
		"syscall=getppid", "order=1", "enabled=1", NULL }));
	ASSERT_EQ(0, sct_rule_make(fail, (const char *[]){
		"syscall=getppid", "action=fail", "order=2", "enabled=1",
		NULL }));
	/* Without continue, the log rule is the first match and the last. */
	EXPECT_LT(0, syscall(SYS_getppid));
	EXPECT_EQ(1, sct_rule_hits(log));
	EXPECT_EQ(0, sct_rule_hits(fail));

	ASSERT_EQ(0, sct_rule_change(log, "continue", "1"));
	EXPECT_EQ(-1, syscall(SYS_getppid));
	EXPECT_EQ(2, sct_rule_hits(log));
	EXPECT_EQ(1, sct_rule_hits(fail));
}

/* continue is for log rules: a matching fail rule is always the last. */
TEST_F(rules, continue_only_after_log)
{
	const char *first = rule_name(self, "first");
	const char *second = rule_name(self, "second");

	ASSERT_EQ(0, sct_rule_make(first, (const char *[]){
		"syscall=getppid", "action=fail", "continue=1", "order=1",
		"enabled=1", NULL }));
	ASSERT_EQ(0, sct_rule_make(second, (const char *[]){
		"syscall=getppid", "order=2", "enabled=1", NULL }));
	EXPECT_EQ(-1, syscall(SYS_getppid));
	EXPECT_EQ(1, sct_rule_hits(first));
	EXPECT_EQ(0, sct_rule_hits(second));
}

TEST_F(rules, global_switch)
{
	const char *r = rule_name(self, "switch");
	char buf[16];

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=getppid", "action=fail", "enabled=1", NULL }));
	ASSERT_EQ(0, sct_write_switch("0"));
	ASSERT_LT(0, sct_read_attr(SCT_CONFIGFS "/enabled", buf, sizeof(buf)));
	EXPECT_STREQ("0\n", buf);
	EXPECT_LT(0, syscall(SYS_getppid));
	EXPECT_EQ(0, sct_rule_hits(r));

	ASSERT_EQ(0, sct_write_switch("1"));
	EXPECT_EQ(-1, syscall(SYS_getppid));
	EXPECT_EQ(1, sct_rule_hits(r));
	EXPECT_EQ(-EINVAL, sct_write_switch("on and off"));
}

TEST_F(rules, stats)
{
	const char *log = rule_name(self, "slog");
	const char *fail = rule_name(self, "sfail");
	long long seen, matched, logs, fails;

	ASSERT_EQ(0, sct_rule_make(log, (const char *[]){
		"syscall=getppid", "continue=1", "enabled=1", NULL }));
	ASSERT_EQ(0, sct_rule_make(fail, (const char *[]){
		"syscall=getppid", "action=fail", "order=1", "enabled=1",
		NULL }));
	seen = sct_stat("seen");
	matched = sct_stat("matched");
	logs = sct_stat("log");
	fails = sct_stat("fail");
	ASSERT_LE(0, seen);

	syscall(SYS_getppid);
	syscall(SYS_getppid);
	EXPECT_LE(seen + 2, sct_stat("seen"));
	EXPECT_EQ(matched + 4, sct_stat("matched"));
	EXPECT_EQ(logs + 2, sct_stat("log"));
	EXPECT_EQ(fails + 2, sct_stat("fail"));
	EXPECT_LE(0, sct_stat("suspend"));
	EXPECT_LE(0, sct_stat("kill"));
}

struct hammer {
	volatile bool stop;
	long calls, failed;
};

static void *hammer_getppid(void *arg)
{
	struct hammer *h = arg;

	while (!h->stop) {
		if (syscall(SYS_getppid) < 0)
			__atomic_add_fetch(&h->failed, 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&h->calls, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

/* rmdir of an enabled rule while other threads hammer its syscall. */
TEST_F(rules, rmdir_while_hammered)
{
	const char *r = rule_name(self, "hammer");
	struct hammer h = {};
	pthread_t t[4];
	int i, round;

	for (i = 0; i < 4; i++)
		ASSERT_EQ(0, pthread_create(&t[i], NULL, hammer_getppid, &h));
	for (round = 0; round < 20; round++) {
		ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
			"syscall=getppid", "action=fail", "enabled=1",
			NULL }));
		usleep(2000);
		ASSERT_EQ(0, sct_rule_remove(r));
		usleep(2000);
	}
	h.stop = true;
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	EXPECT_LT(0, h.calls);
	EXPECT_LT(0, h.failed);
	EXPECT_LT(h.failed, h.calls);
	/* All gone: the call works again. */
	EXPECT_LT(0, syscall(SYS_getppid));
}

/*
 * A fail rule moved back and forth across a log rule that continues,
 * while threads call their syscall: the fail rule never leaves the
 * table, so no call gets through, and each call meets each rule once.
 */
TEST_F(rules, order_while_hammered)
{
	const char *f = rule_name(self, "ham_fail");
	const char *l = rule_name(self, "ham_log");
	struct hammer h = {};
	pthread_t t[2];
	int i, round;
	long calls;

	ASSERT_EQ(0, sct_rule_make(f, (const char *[]){
		"syscall=getppid", "action=fail", "error_code=EACCES",
		"order=1", "enabled=1", NULL }));
	ASSERT_EQ(0, sct_rule_make(l, (const char *[]){
		"syscall=getppid", "action=log", "continue=1", "order=2",
		"enabled=1", NULL }));
	for (i = 0; i < 2; i++)
		ASSERT_EQ(0, pthread_create(&t[i], NULL, hammer_getppid, &h));
	for (round = 0; round < 2000; round++)
		ASSERT_EQ(0, sct_rule_set(f, "order", round % 2 ? "1" : "3"));
	h.stop = true;
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	calls = __atomic_load_n(&h.calls, __ATOMIC_RELAXED);
	EXPECT_LT(0, calls);
	EXPECT_EQ(calls, h.failed);
	EXPECT_EQ(calls, sct_rule_hits(f));
	EXPECT_GE(calls, sct_rule_hits(l));
}

/* 1000 rules on other syscalls leave getpid alone. */
TEST(many_rules_elsewhere)
{
	static const char *const calls[] = {
		"syscall=getppid", "syscall=unlink", "syscall=mkdir",
		"syscall=rmdir",
	};
	char name[64];
	pid_t pid = getpid();
	int i, made = 0, ok = 0;

	if (!sct_present())
		SKIP(return, "no sct");
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "ksft_many_%d_%d", pid, i);
		if (!sct_rule_make(name, (const char *[]){
			calls[i % 4], "enabled=1", NULL }))
			made++;
	}
	EXPECT_EQ(1000, made);
	for (i = 0; i < 100000; i++)
		if (syscall(SYS_getpid) == pid)
			ok++;
	EXPECT_EQ(100000, ok);
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "ksft_many_%d_%d", pid, i);
		EXPECT_EQ(0, sct_rule_remove(name));
	}
}

TEST_HARNESS_MAIN
