// SPDX-License-Identifier: GPL-2.0
/*
 * sct filters on real calls: every field, strings read from the caller,
 * faults, RETVAL, SOCKADDR on a loopback connect(), DESCENDANT() of a
 * process that existed before the rule, and filter_error.
 *
 * Most tests put a fail rule on getppid with a filter, and make the call
 * with extra arguments: they land in registers that PARAMS[n] reads.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "sct_test.h"

FIXTURE(filter)
{
	char name[64];
	char file[PATH_MAX];
};

FIXTURE_SETUP(filter)
{
	if (!sct_present())
		SKIP(return, "no sct");
	snprintf(self->name, sizeof(self->name), "ksft_%d_filter", getpid());
	snprintf(self->file, sizeof(self->file), "/tmp/sct_ksft_filter_%d",
		 getpid());
	ASSERT_EQ(0, sct_rule_make(self->name, (const char *[]){
		"syscall=getppid", "action=fail", "error_code=EACCES",
		NULL }));
}

/*
 * In the parent, once the test's process is gone: also after a failed
 * ASSERT, which 6.12's harness may let skip a FIXTURE_TEARDOWN (it keeps
 * the child's pid in a variable that longjmp() may clobber).  @self is
 * shared with the test's process.
 */
FIXTURE_TEARDOWN_PARENT(filter)
{
	sct_rule_remove(self->name);
	unlink(self->file);
}

/* Set the rule's filter (printf-style) and enable the rule. */
static int set_filter(const char *name, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return sct_rule_change(name, "filter", buf);
}

/* Did getppid(a...) fail with the rule's EACCES? */
static bool failed(long a1, long a2, long a3, long a4, long a5, long a6)
{
	errno = 0;
	return syscall(SYS_getppid, a1, a2, a3, a4, a5, a6) == -1 &&
	       errno == EACCES;
}

#define FAILS()		failed(0, 0, 0, 0, 0, 0)

TEST_F(filter, pid_tid_ppid)
{
	pid_t ppid = getppid();

	ASSERT_EQ(0, set_filter(self->name, "PID == %d", getpid()));
	EXPECT_TRUE(FAILS());
	ASSERT_EQ(0, set_filter(self->name, "PID == %d", getpid() + 1));
	EXPECT_FALSE(FAILS());
	ASSERT_EQ(0, set_filter(self->name, "TID == %ld", syscall(SYS_gettid)));
	EXPECT_TRUE(FAILS());
	ASSERT_EQ(0, set_filter(self->name, "TID != %ld", syscall(SYS_gettid)));
	EXPECT_FALSE(FAILS());
	ASSERT_EQ(0, set_filter(self->name, "PPID == %d", ppid));
	EXPECT_TRUE(FAILS());
	ASSERT_EQ(0, set_filter(self->name, "PPID == %d", ppid + 1));
	EXPECT_FALSE(FAILS());
	EXPECT_EQ(3, sct_rule_hits(self->name));
}

/* In a thread, TID is the thread's and PID the process's. */
static void *thread_fails(void *arg)
{
	return (void *)(long)FAILS();
}

TEST_F(filter, tid_of_a_thread)
{
	pthread_t t;
	void *ret;

	ASSERT_EQ(0, set_filter(self->name, "PID == %d && TID != %d",
				getpid(), getpid()));
	EXPECT_FALSE(FAILS());
	ASSERT_EQ(0, pthread_create(&t, NULL, thread_fails, NULL));
	ASSERT_EQ(0, pthread_join(t, &ret));
	EXPECT_EQ(1, (long)ret);
}

/*
 * The credentials: a child takes distinct ids for each, and the filter
 * must name each of them.
 */
TEST_F(filter, credentials)
{
	static const char *const match[] = {
		"UID == 1000", "EUID == 1001", "SUID == 1002", "FSUID == 1001",
		"GID == 2000", "EGID == 2001", "SGID == 2002", "FSGID == 2001",
	};
	static const char *const miss[] = {
		"UID == 0", "EUID == 1000", "SUID == 1001", "FSUID == 1002",
		"GID == 0", "EGID == 2000", "SGID == 2001", "FSGID == 2002",
	};
	unsigned int i;
	int status;
	pid_t pid;

	for (i = 0; i < 16; i++) {
		const char *f = i < 8 ? match[i] : miss[i - 8];

		ASSERT_EQ(0, set_filter(self->name, "%s && PPID == %d", f,
					getpid()));
		pid = fork();
		ASSERT_LE(0, pid);
		if (pid == 0) {
			if (setresgid(2000, 2001, 2002) ||
			    setresuid(1000, 1001, 1002))
				_exit(2);
			_exit(FAILS() ? 1 : 0);
		}
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		ASSERT_TRUE(WIFEXITED(status));
		EXPECT_EQ(i < 8 ? 1 : 0, WEXITSTATUS(status))
			TH_LOG("%s", f);
	}
}

TEST_F(filter, comm)
{
	char old[16];
	bool a, b, c;

	prctl(PR_GET_NAME, old);
	prctl(PR_SET_NAME, "sct_comm_test");
	ASSERT_EQ(0, set_filter(self->name, "COMM == \"sct_comm_test\""));
	a = FAILS();
	ASSERT_EQ(0, set_filter(self->name, "COMM ~ \"sct_*_test\""));
	b = FAILS();
	ASSERT_EQ(0, set_filter(self->name, "COMM in (\"a\", \"b\")"));
	c = FAILS();
	prctl(PR_SET_NAME, old);
	EXPECT_TRUE(a);
	EXPECT_TRUE(b);
	EXPECT_FALSE(c);
}

TEST_F(filter, numeric_params)
{
	ASSERT_EQ(0, set_filter(self->name,
		"PARAMS[1] == 1 && PARAMS[2] == 0x2 && PARAMS[3] == 03 && "
		"PARAMS[4] & 4 && PARAMS[5] >= 5 && PARAMS[6] in (5, 6)"));
	EXPECT_TRUE(failed(1, 2, 3, 4, 5, 6));
	EXPECT_FALSE(failed(1, 2, 3, 4, 5, 7));
	EXPECT_FALSE(failed(0, 2, 3, 4, 5, 6));
	ASSERT_EQ(0, set_filter(self->name, "PARAMS[1] == -1"));
	EXPECT_TRUE(failed(-1, 0, 0, 0, 0, 0));
}

TEST_F(filter, string_params)
{
	char long_str[300];

	ASSERT_EQ(0, set_filter(self->name,
		"PARAMS[1] == \"/etc/passwd\" && PARAMS[3] ~ \"/tmp/*\""));
	EXPECT_TRUE(failed((long)"/etc/passwd", 0, (long)"/tmp/x", 0, 0, 0));
	EXPECT_FALSE(failed((long)"/etc/passwd", 0, (long)"/var/x", 0, 0, 0));
	EXPECT_FALSE(failed((long)"/etc/shadow", 0, (long)"/tmp/x", 0, 0, 0));

	/* A fault makes the comparison false, whatever it is. */
	ASSERT_EQ(0, set_filter(self->name, "PARAMS[1] != \"x\""));
	EXPECT_FALSE(failed(1, 0, 0, 0, 0, 0));
	EXPECT_FALSE(failed(0, 0, 0, 0, 0, 0));
	EXPECT_TRUE(failed((long)"y", 0, 0, 0, 0, 0));

	/* So does a string longer than 255 characters. */
	memset(long_str, 'a', sizeof(long_str) - 1);
	long_str[sizeof(long_str) - 1] = '\0';
	ASSERT_EQ(0, set_filter(self->name, "PARAMS[1] ~ \"a*\""));
	EXPECT_FALSE(failed((long)long_str, 0, 0, 0, 0, 0));
	long_str[255] = '\0';
	EXPECT_TRUE(failed((long)long_str, 0, 0, 0, 0, 0));
}

TEST_F(filter, retval_after)
{
	pid_t ppid = getppid();

	ASSERT_EQ(0, sct_rule_set(self->name, "when", "after"));
	ASSERT_EQ(0, set_filter(self->name, "RETVAL == %d", ppid));
	EXPECT_TRUE(FAILS());
	ASSERT_EQ(0, set_filter(self->name, "RETVAL != %d", ppid));
	EXPECT_FALSE(FAILS());
}

/* RETVAL in a before rule does not compile, also when "when" changes. */
TEST_F(filter, retval_needs_after)
{
	char buf[512];

	EXPECT_EQ(-EINVAL, sct_rule_set(self->name, "filter", "RETVAL == 0"));
	ASSERT_EQ(0, sct_rule_get(self->name, "filter_error", buf,
				  sizeof(buf)));
	EXPECT_EQ(0, strcmp(buf, "RETVAL == 0"));

	ASSERT_EQ(0, sct_rule_set(self->name, "when", "after"));
	ASSERT_EQ(0, sct_rule_set(self->name, "filter", "RETVAL == 0"));
	ASSERT_EQ(0, sct_rule_set(self->name, "when", "before"));
	EXPECT_EQ(-EINVAL, sct_rule_set(self->name, "enabled", "1"));
	ASSERT_EQ(0, sct_rule_get(self->name, "enabled", buf, sizeof(buf)));
	EXPECT_STREQ("0", buf);
	ASSERT_EQ(0, sct_rule_get(self->name, "filter_error", buf,
				  sizeof(buf)));
	EXPECT_EQ(0, strcmp(buf, "RETVAL == 0"));
}

TEST_F(filter, malformed_keeps_the_old_filter)
{
	char path[PATH_MAX], buf[512];
	const char *caret;

	ASSERT_EQ(0, sct_rule_set(self->name, "filter", "PID == 1"));
	EXPECT_EQ(-EINVAL, sct_rule_set(self->name, "filter",
					"PARAMS[1] == \"x\" &&"));
	ASSERT_EQ(0, sct_rule_get(self->name, "filter", buf, sizeof(buf)));
	EXPECT_STREQ("PID == 1", buf);

	snprintf(path, sizeof(path), "%s/%s/filter_error", SCT_RULES,
		 self->name);
	ASSERT_LT(0, sct_read_attr(path, buf, sizeof(buf)));
	/* The expression, then a caret under its end, then the message. */
	EXPECT_EQ(0, strncmp(buf, "PARAMS[1] == \"x\" &&\n", 20));
	caret = buf + 20;
	EXPECT_EQ(0, strncmp(caret, "                   ^\n", 21));
	EXPECT_NE(NULL, strstr(caret, "error: "));

	/* The old filter still applies. */
	ASSERT_EQ(0, sct_rule_set(self->name, "enabled", "1"));
	EXPECT_FALSE(FAILS());
	/* A good filter clears filter_error. */
	ASSERT_EQ(0, sct_rule_set(self->name, "enabled", "0"));
	ASSERT_EQ(0, sct_rule_set(self->name, "filter", "PID != 1"));
	ASSERT_LE(0, sct_read_attr(path, buf, sizeof(buf)));
	EXPECT_STREQ("\n", buf);
}

TEST_F(filter, busy_while_enabled)
{
	ASSERT_EQ(0, set_filter(self->name, "PID == 1"));
	EXPECT_EQ(-EBUSY, sct_rule_set(self->name, "filter", "PID == 2"));
	/* Blank: no filter, every call matches. */
	ASSERT_EQ(0, set_filter(self->name, "\n"));
	EXPECT_TRUE(FAILS());
}

/* A loopback TCP listener; its port in *port. */
static int listener(unsigned short *port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t len = sizeof(sin);
	int fd;

	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sin, sizeof(sin)) ||
	    listen(fd, 4) ||
	    getsockname(fd, (struct sockaddr *)&sin, &len))
		return -1;
	*port = ntohs(sin.sin_port);
	return fd;
}

static int connect_to(unsigned short port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	int fd, ret;

	sin.sin_port = htons(port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -EBADF;
	ret = connect(fd, (struct sockaddr *)&sin, sizeof(sin)) ? -errno : 0;
	close(fd);
	return ret;
}

TEST(sockaddr_connect)
{
	const char *name = "ksft_filter_connect";
	char filter[256];
	unsigned short port;
	int lfd;

	if (!sct_present())
		SKIP(return, "no sct");
	lfd = listener(&port);
	ASSERT_LE(0, lfd);
	snprintf(filter, sizeof(filter),
		 "filter=SOCKADDR(PARAMS[2]).port == %u && "
		 "SOCKADDR(PARAMS[2]).addr == \"127.0.0.1\" && "
		 "SOCKADDR(PARAMS[2]).family == %d", port, AF_INET);
	ASSERT_EQ(0, sct_rule_make(name, (const char *[]){
		"syscall=connect", "action=fail", "error_code=EACCES", filter,
		"enabled=1", NULL }));
	EXPECT_EQ(-EACCES, connect_to(port));
	EXPECT_EQ(1, sct_rule_hits(name));

	/* Another port is let through (and refused by nobody listening). */
	EXPECT_EQ(-ECONNREFUSED, connect_to(port == 65535 ? 1 : port + 1));
	EXPECT_EQ(1, sct_rule_hits(name));

	EXPECT_EQ(0, sct_rule_remove(name));
	EXPECT_EQ(0, connect_to(port));
	close(lfd);
}

/* The same over IPv6: .addr6 and .port of a sockaddr_in6. */
TEST(sockaddr_connect6)
{
	struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6 };
	const char *name = "ksft_filter_connect6";
	socklen_t len = sizeof(sin6);
	char filter[256];
	int lfd, fd;

	if (!sct_present())
		SKIP(return, "no sct");
	sin6.sin6_addr = in6addr_loopback;
	lfd = socket(AF_INET6, SOCK_STREAM, 0);
	if (lfd < 0)
		SKIP(return, "no IPv6");
	ASSERT_EQ(0, bind(lfd, (struct sockaddr *)&sin6, sizeof(sin6)));
	ASSERT_EQ(0, listen(lfd, 4));
	ASSERT_EQ(0, getsockname(lfd, (struct sockaddr *)&sin6, &len));

	snprintf(filter, sizeof(filter),
		 "filter=SOCKADDR(PARAMS[2]).addr6 == \"::1\" && "
		 "SOCKADDR(PARAMS[2]).port == %u && "
		 "SOCKADDR(PARAMS[2]).family == %d",
		 ntohs(sin6.sin6_port), AF_INET6);
	ASSERT_EQ(0, sct_rule_make(name, (const char *[]){
		"syscall=connect", "action=fail", "error_code=EACCES", filter,
		"enabled=1", NULL }));
	fd = socket(AF_INET6, SOCK_STREAM, 0);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, connect(fd, (struct sockaddr *)&sin6, sizeof(sin6)));
	EXPECT_EQ(EACCES, errno);
	close(fd);
	EXPECT_EQ(1, sct_rule_hits(name));
	EXPECT_EQ(0, sct_rule_remove(name));

	fd = socket(AF_INET6, SOCK_STREAM, 0);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, connect(fd, (struct sockaddr *)&sin6, sizeof(sin6)));
	close(fd);
	close(lfd);
}

/*
 * DESCENDANT(pid) covers the process and all its descendants, also the
 * ones that existed before the rule was made.
 */
TEST_F(filter, descendant_existing_child)
{
	int go[2], done[2], status;
	pid_t child;
	char c;

	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(done));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		pid_t grandchild = fork();
		int r1, r2 = 0;

		if (grandchild == 0) {
			if (read(go[0], &c, 1) != 1)
				_exit(3);
			_exit(FAILS() ? 1 : 0);
		}
		if (read(go[0], &c, 1) != 1)
			_exit(3);
		r1 = FAILS();
		waitpid(grandchild, &r2, 0);
		_exit(r1 && WIFEXITED(r2) && WEXITSTATUS(r2) == 1 ? 1 : 0);
	}

	/* The rule comes after both processes exist. */
	ASSERT_EQ(0, set_filter(self->name, "DESCENDANT(%d)", child));
	EXPECT_FALSE(FAILS());
	ASSERT_EQ(2, write(go[1], "gg", 2));
	ASSERT_EQ(child, waitpid(child, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(1, WEXITSTATUS(status));
	EXPECT_EQ(2, sct_rule_hits(self->name));
}

/* The seed article's rule, as an administrator types it. */
TEST(seed_prevent_delete)
{
	const char *name = "ksft_prevent_delete";
	char path[64], filter[128];

	if (!sct_present())
		SKIP(return, "no sct");
	snprintf(path, sizeof(path), "/tmp/sct_ksft_passwd_%d", getpid());
	/* The article's filter, on a copy: /etc/passwd stays safe. */
	snprintf(filter, sizeof(filter),
		 "filter=PARAMS[1]==\"%s\" && UID == 0", path);
	ASSERT_EQ(0, sct_write_file(path));
	ASSERT_EQ(0, sct_rule_make(name, (const char *[]){
		"syscall=unlink", filter, "action=fail", "error_code=EPERM",
		"when=before", "enabled=1", NULL }));
	EXPECT_EQ(-1, unlink(path));
	EXPECT_EQ(EPERM, errno);
	EXPECT_TRUE(sct_exists(path));
	EXPECT_EQ(1, sct_rule_hits(name));
	EXPECT_EQ(0, sct_rule_remove(name));
	EXPECT_EQ(0, unlink(path));
}

TEST_HARNESS_MAIN
