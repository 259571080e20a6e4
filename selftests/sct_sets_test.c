// SPDX-License-Identifier: GPL-2.0
/*
 * sct rules over syscall sets: a syscall attribute that lists syscalls,
 * or "*" for every syscall of every ABI, how it reads back, what the
 * rule covers and what it acts on.
 *
 * Rules with a filter on a child's PID act on that child alone: the
 * rest of the guest goes on unaffected.
 */
#include <signal.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "sct_test.h"

#define MAX_RULES 4

FIXTURE(sets)
{
	char names[MAX_RULES][64];
	int n;
	char dir[PATH_MAX];
};

FIXTURE_SETUP(sets)
{
	if (!sct_present())
		SKIP(return, "no sct");
	snprintf(self->dir, sizeof(self->dir), "/tmp/sct_ksft_sets_%d",
		 getpid());
}

/*
 * In the parent, once the test's process is gone: also after a failed
 * ASSERT, which 6.12's harness may let skip a FIXTURE_TEARDOWN (it keeps
 * the child's pid in a variable that longjmp() may clobber).  @self is
 * shared with the test's process.
 */
FIXTURE_TEARDOWN_PARENT(sets)
{
	int i;

	for (i = 0; i < self->n; i++)
		sct_rule_remove(self->names[i]);
	rmdir(self->dir);
}

static const char *rule_name(FIXTURE_DATA(sets) *self, const char *tag)
{
	char *name = self->names[self->n++];

	snprintf(name, sizeof(self->names[0]), "ksft_%d_%s", getpid(), tag);
	return name;
}

/* Is the syscall attribute of rule @r @want? */
static bool syscall_is(const char *r, const char *want)
{
	char buf[4096];

	return !sct_rule_get(r, "syscall", buf, sizeof(buf)) &&
	       !strcmp(buf, want);
}

/* The whole of rule @r's covers, which may be longer than a page. */
static ssize_t read_covers(const char *r, char *buf, size_t size)
{
	char path[PATH_MAX];
	size_t len = 0;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s/covers", SCT_RULES, r);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	while (len < size - 1 && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	return len;
}

TEST_F(sets, list_reads_back_normalised)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "unlink,unlinkat", "unlink,unlinkat" },
		{ "unlinkat, unlink ,unlink", "unlink,unlinkat" },
		{ "87,unlinkat", "unlink,unlinkat" },
		{ "x86_64:unlink,unlink", "unlink,x86_64:unlink" },
		{ "*", "*" },
		{ "getpid,*", "*" },
		{ "x86_64:*", "x86_64:*" },
	};
	const char *r = rule_name(self, "norm");
	unsigned int i;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){ NULL }));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		EXPECT_EQ(0, sct_rule_set(r, "syscall", cases[i].in))
			TH_LOG("'%s'", cases[i].in);
		EXPECT_TRUE(syscall_is(r, cases[i].out))
			TH_LOG("'%s' should read back '%s'", cases[i].in,
			       cases[i].out);
	}
}

/* A list with an item in error is refused whole, and changes nothing. */
TEST_F(sets, bad_list_changes_nothing)
{
	static const char *const bad[] = {
		"unlink,", ",unlink", "unlink,,mkdir", "unlink, ,mkdir",
		"unlink,no_such_call", "**", "*:unlink", "nosuchabi:*", ",",
	};
	const char *r = rule_name(self, "bad");
	unsigned int i;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=mkdir,rmdir", NULL }));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_EQ(-EINVAL, sct_rule_set(r, "syscall", bad[i]))
			TH_LOG("'%s'", bad[i]);
		EXPECT_TRUE(syscall_is(r, "mkdir,rmdir"))
			TH_LOG("'%s' changed the rule", bad[i]);
	}
}

/* A list covers what each of its items covers. */
TEST_F(sets, list_covers_each_item)
{
	const char *r = rule_name(self, "covers");
	char buf[8192];

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=mkdir,rmdir", NULL }));
	ASSERT_LT(0, read_covers(r, buf, sizeof(buf)));
	EXPECT_NE(NULL, strstr(buf, "x86_64 mkdir 83\n"));
	EXPECT_NE(NULL, strstr(buf, "x86_64 rmdir 84\n"));
	EXPECT_EQ(NULL, strstr(buf, "unlink"));
}

/* "*" covers every number of every ABI: more than a page of covers. */
TEST_F(sets, star_covers_every_call)
{
	const char *r = rule_name(self, "starcov");
	static char buf[256 * 1024];
	ssize_t len;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){ "syscall=*", NULL }));
	len = read_covers(r, buf, sizeof(buf));
	ASSERT_LT(4096, len);
	EXPECT_EQ(0, strncmp(buf, "x86_64 read 0\n", 14));
	EXPECT_NE(NULL, strstr(buf, "x86_64 getpid 39\n"));
	EXPECT_NE(NULL, strstr(buf, "x86_64 exit_group 231\n"));
	/* Numbers without a name are covered too: 400 is a hole. */
	EXPECT_NE(NULL, strstr(buf, "x86_64 - 400\n"));
	if (strstr(buf, "ia32 ")) {
		EXPECT_NE(NULL, strstr(buf, "ia32 unlink 10\n"));
		EXPECT_NE(NULL, strstr(buf, "ia32 socketcall 102\n"));
	}
}

/* An unfiltered fail rule on "*" covers the calls recovery needs. */
TEST_F(sets, star_fail_needs_a_filter_or_force)
{
	const char *r = rule_name(self, "starfail");
	char buf[512];

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=*", "action=fail", NULL }));
	EXPECT_EQ(-EPERM, sct_rule_set(r, "enabled", "1"));
	ASSERT_EQ(0, sct_rule_get(r, "filter_error", buf, sizeof(buf)));
	EXPECT_EQ(0, strncmp(buf, "refused: ", 9)) TH_LOG("'%s'", buf);
}

/*
 * Fork a child that waits for a byte on @fd, then makes @n getppid calls
 * and exits with a raw exit_group, so that its calls are known exactly.
 */
static pid_t quiet_child(int fd, int n)
{
	pid_t pid = fork();
	char c;

	if (pid)
		return pid;
	if (read(fd, &c, 1) != 1)
		syscall(SYS_exit_group, 2);
	while (n--)
		syscall(SYS_getppid);
	syscall(SYS_exit_group, 0);
	return 0;
}

/* Wait until @pid sleeps: the quiet child is in its read. */
static int wait_sleeping(pid_t pid)
{
	char path[64], buf[256], *p;
	int i;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	for (i = 0; i < 10000; i++) {
		if (sct_read_attr(path, buf, sizeof(buf)) < 0)
			return -1;
		p = strrchr(buf, ')');
		if (p && p[1] == ' ' && p[2] == 'S')
			return 0;
		usleep(1000);
	}
	return -1;
}

/* "*" matches every call of the process: one hit a call. */
TEST_F(sets, star_matches_every_call)
{
	const char *r = rule_name(self, "star");
	char filter[64];
	int fds[2], status;
	pid_t pid;

	ASSERT_EQ(0, pipe(fds));
	pid = quiet_child(fds[0], 5);
	ASSERT_LT(0, pid);
	/* Its read began before the rule: its return is no call. */
	ASSERT_EQ(0, wait_sleeping(pid));
	snprintf(filter, sizeof(filter), "filter=PID == %d", pid);
	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=*", filter, "enabled=1", NULL }));
	ASSERT_EQ(1, write(fds[1], "x", 1));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status));
	/* Five getppid and the exit_group; the read began before. */
	EXPECT_EQ(6, sct_rule_hits(r));
	close(fds[0]);
	close(fds[1]);
}

/* A fail rule on a list fails each of its calls, and no other. */
TEST_F(sets, list_fails_each_call)
{
	const char *r = rule_name(self, "listfail");
	char filter[64];

	snprintf(filter, sizeof(filter), "filter=PID == %d", getpid());
	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=mkdir,mkdirat", "action=fail", "error_code=EROFS",
		filter, "enabled=1", NULL }));
	errno = 0;
	EXPECT_EQ(-1, syscall(SYS_mkdir, self->dir, 0700));
	EXPECT_EQ(EROFS, errno);
	errno = 0;
	EXPECT_EQ(-1, syscall(SYS_mkdirat, AT_FDCWD, self->dir, 0700));
	EXPECT_EQ(EROFS, errno);
	EXPECT_EQ(2, sct_rule_hits(r));
	EXPECT_FALSE(sct_exists(self->dir));
	/* rmdir is not in the list: it runs, and fails as it would. */
	errno = 0;
	EXPECT_EQ(-1, syscall(SYS_rmdir, self->dir));
	EXPECT_EQ(ENOENT, errno);

	ASSERT_EQ(0, sct_rule_set(r, "enabled", "0"));
	EXPECT_EQ(0, syscall(SYS_mkdir, self->dir, 0700));
}

TEST_HARNESS_MAIN
