// SPDX-License-Identifier: GPL-2.0
/*
 * Enforcement that holds (issue 12): rules match arguments as the kernel
 * uses them, only CAP_SYS_ADMIN administers sct, the kill switches work,
 * and the rules that would stop a system from recovering need force.
 *
 *   widths_setuid        setuid(0x100000000) is setuid(0) to a rule
 *   widths_kill          kill(pid, 0x100000009) is signal 9, and
 *                        0xffffffff is the int -1
 *   widths_log           %params and the record's args show signal 9
 *   priv_no_cap          uid 0 without CAP_SYS_ADMIN: EPERM for every
 *                        change and for the log devices
 *   priv_other_user      another user cannot read a rule's attributes;
 *                        stats stays readable
 *   priv_modes           the attributes' modes
 *   global_switch        enabled=0 stops every rule, and the hook
 *   act_on_init_attr,
 *   force_attr           the two new 0/1 rule attributes
 *   force_required       unfiltered fail, kill and suspend rules on the
 *                        calls a system needs to recover are refused
 *   force_allows         ... unless force=1 (on reboot)
 *   force_not_needed     filtered rules, log rules, other syscalls
 *   error_code_range     512 and above are refused with ERANGE
 *   two_suspend_rules    a call stopped by two suspend rules goes on
 *                        after two SIGCONTs
 *   exec_32bit_after     a 64-bit execve of a 32-bit program runs
 *                        execve's after rules, not munmap's
 *   off.nothing_acts     only on a boot with sct=off: nothing can be
 *                        enabled and nothing acts
 *
 * Rules match only this test's processes (PID filters), except the
 * unfiltered ones the force tests need, which never stay enabled.
 */
#include <grp.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

#include <linux/sct.h>

#include "kselftest_harness.h"
#include "sct_test.h"

/* The ABI of a record: see sct_compat_test.c. */
#ifndef SCT_ABI_NATIVE
#define SCT_ABI_NATIVE	0
#endif
#ifdef SCT_ABI_COMPAT
#define rec_abi(rec)	((rec)->abi)
#else
#define rec_abi(rec)	(((const __u8 *)(rec))[offsetof(struct sct_record_call, \
							  targets) + 1])
#endif

#define SCT_LOG		"/dev/sct_log"
#define SCT_RECORDS	"/dev/sct_records"
#define MAX_RULES	32
#define MAX_KIDS	8
/*
 * A pid no process has: pids stay below pid_max, which is at most
 * PID_MAX_LIMIT, 4194304.
 */
#define NO_PID		4194304
/* Exit statuses of a child that did not get to its call. */
#define KID_NO_GO	125
#define KID_NO_EXEC	127

/* Is WORD one of the words of the kernel command line? */
static bool boot_param(const char *word)
{
	char buf[4096], *tok, *save;

	if (sct_read_attr("/proc/cmdline", buf, sizeof(buf)) < 0)
		return false;
	for (tok = strtok_r(buf, " \t\n", &save); tok;
	     tok = strtok_r(NULL, " \t\n", &save))
		if (!strcmp(tok, word))
			return true;
	return false;
}

FIXTURE(enf)
{
	char names[MAX_RULES][64];
	int n;
	pid_t kids[MAX_KIDS];	/* to kill in the teardown; 0: reaped */
	int nkids;
};

FIXTURE_SETUP(enf)
{
	if (!sct_present())
		SKIP(return, "no sct");
	if (boot_param("sct=off"))
		SKIP(return, "booted with sct=off: no rule can be enabled");
}

/*
 * In the parent, once the test's process is gone: also after a failed
 * ASSERT, which 6.12's harness may let skip a FIXTURE_TEARDOWN (it keeps
 * the child's pid in a variable that longjmp() may clobber).  @self is
 * shared with the test's process.
 */
FIXTURE_TEARDOWN_PARENT(enf)
{
	int i;

	for (i = self->n - 1; i >= 0; i--)
		sct_rule_remove(self->names[i]);
	sct_write_switch("1");
	for (i = 0; i < self->nkids; i++) {
		if (self->kids[i] <= 0)
			continue;
		kill(self->kids[i], SIGKILL);
		waitpid(self->kids[i], NULL, 0);
	}
}

/* A rule name unique to this test, remembered for the teardown. */
static const char *rule_name(FIXTURE_DATA(enf) *self, const char *tag)
{
	char *name = self->names[self->n++];

	snprintf(name, sizeof(self->names[0]), "ksft_enf_%d_%s", getpid(),
		 tag);
	return name;
}

/* "filter=PID == <this process>", for rules on this process's calls. */
static const char *my_filter(char *buf, size_t size)
{
	snprintf(buf, size, "filter=PID == %d", getpid());
	return buf;
}

static bool rule_attr_is(const char *name, const char *attr, const char *want)
{
	char buf[256];

	return !sct_rule_get(name, attr, buf, sizeof(buf)) && !strcmp(buf, want);
}

static bool rule_exists(const char *name)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", SCT_RULES, name);
	return sct_exists(path);
}

/* ---- Children. ---- */

/*
 * Fork a child that runs fn(arg) once the parent writes to *go (see
 * kid_go()), and exits with what it returns.  The teardown kills it.
 */
static pid_t kid_start(FIXTURE_DATA(enf) *self, int (*fn)(void *),
		       void *arg, int *go)
{
	int p[2];
	pid_t pid;
	char c;

	if (self->nkids >= MAX_KIDS || pipe(p))
		return -1;
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		if (read(p[0], &c, 1) != 1)
			_exit(KID_NO_GO);
		close(p[0]);
		_exit(fn(arg));
	}
	close(p[0]);
	if (pid < 0) {
		close(p[1]);
		return -1;
	}
	self->kids[self->nkids++] = pid;
	*go = p[1];
	return pid;
}

/* Let the child go: 0, or -1.  Closing go without it ends the child. */
static int kid_go(int go)
{
	int ret = write(go, "g", 1) == 1 ? 0 : -1;

	close(go);
	return ret;
}

/*
 * Wait up to MS milliseconds for child PID to stop or end.  Returns PID,
 * with the wait status in *status, or 0 if it did neither.  A child that
 * ended is no longer the teardown's.
 */
static pid_t kid_wait(FIXTURE_DATA(enf) *self, pid_t pid, int *status,
		      int ms)
{
	long long end = sct_now_ms() + ms;
	pid_t p;
	int i;

	while (!(p = waitpid(pid, status, WNOHANG | WUNTRACED)) &&
	       sct_now_ms() < end)
		usleep(5000);
	if (p != pid)
		return 0;
	if (!WIFSTOPPED(*status))
		for (i = 0; i < self->nkids; i++)
			if (self->kids[i] == pid)
				self->kids[i] = 0;
	return pid;
}

static int sleep_forever(void *arg)
{
	for (;;)
		pause();
	return 0;
}

/* A child that sleeps until it is killed: a target for kill(). */
static pid_t kid_sleeper(FIXTURE_DATA(enf) *self)
{
	pid_t pid;
	int go;

	pid = kid_start(self, sleep_forever, NULL, &go);
	if (pid > 0 && kid_go(go))
		return -1;
	return pid;
}

/* Is child PID still there (not ended, nor stopped)? */
static bool kid_alive(FIXTURE_DATA(enf) *self, pid_t pid)
{
	int status;

	return !kid_wait(self, pid, &status, 0);
}

/* What run_under() saw. */
struct run {
	int rule_err;	/* making the rule: 0 or -errno */
	int status;	/* the child's wait status */
	long long hits;	/* the rule's, once the child ended */
};

/*
 * Run fn(arg) in a child under a rule TAG made of SETTINGS and
 * "filter=(COND) && PID == child", enabled before the child goes and
 * removed after it ended.  Returns the child's exit status, or -1 (no
 * rule, or the child did not exit).
 */
static int run_under(FIXTURE_DATA(enf) *self, const char *tag,
		     const char *const *settings, const char *cond,
		     int (*fn)(void *), void *arg, struct run *run)
{
	const char *list[8], *name = rule_name(self, tag);
	char filter[256];
	int go, n = 0;
	pid_t pid;

	memset(run, 0, sizeof(*run));
	run->hits = -1;
	pid = kid_start(self, fn, arg, &go);
	if (pid < 0)
		return -1;
	snprintf(filter, sizeof(filter), "filter=(%s) && PID == %d", cond,
		 pid);
	while (*settings && n < 5)
		list[n++] = *settings++;
	list[n++] = filter;
	list[n++] = "enabled=1";
	list[n] = NULL;
	run->rule_err = sct_rule_make(name, list);
	if (run->rule_err)
		close(go);
	else
		kid_go(go);
	if (kid_wait(self, pid, &run->status, 10000) != pid)
		return -1;
	run->hits = sct_rule_hits(name);
	sct_rule_remove(name);
	if (run->rule_err || !WIFEXITED(run->status))
		return -1;
	return WEXITSTATUS(run->status);
}

/* ---- 2. Argument widths. ---- */

static int kid_setuid_wide(void *arg)
{
	/* uid_t is 32 bits: to the kernel this is setuid(0). */
	return syscall(SYS_setuid, 0x100000000L) ? errno : 0;
}

TEST_F(enf, widths_setuid)
{
	const char *const rule[] = {
		"syscall=setuid", "action=fail", "error_code=EACCES", NULL,
	};
	struct run run;
	int ret;

	if (getuid())
		SKIP(return, "not root");
	/* The controls: the kernel used 0, not 1 and not 0x100000000. */
	EXPECT_EQ(0, run_under(self, "uid1", rule, "PARAMS[1] == 1",
			       kid_setuid_wide, NULL, &run));
	EXPECT_EQ(0, run.rule_err);
	EXPECT_EQ(0, run.hits);

	ret = run_under(self, "uid_wide", rule, "PARAMS[1] == 0x100000000",
			kid_setuid_wide, NULL, &run);
	if (run.rule_err == -EINVAL) {
		/* Refusing a value a uid_t cannot hold is right too. */
		TH_LOG("PARAMS[1] == 0x100000000 refused for setuid");
	} else {
		EXPECT_EQ(0, ret);
		EXPECT_EQ(0, run.rule_err);
		EXPECT_EQ(0, run.hits);
	}

	EXPECT_EQ(EACCES, run_under(self, "uid0", rule, "PARAMS[1] == 0",
				    kid_setuid_wide, NULL, &run));
	EXPECT_EQ(0, run.rule_err);
	EXPECT_EQ(1, run.hits);
}

/* A fail rule, TAG, on kill with FILTER (and this process as the caller). */
static int kill_rule(FIXTURE_DATA(enf) *self, const char *tag,
		     const char *cond, const char **name)
{
	char filter[64];

	*name = rule_name(self, tag);
	snprintf(filter, sizeof(filter), "filter=%s && PID == %d", cond,
		 getpid());
	return sct_rule_make(*name, (const char *[]){
		"syscall=kill", filter, "action=fail", "error_code=EACCES",
		"enabled=1", NULL });
}

/* kill(TARGET, SIG) fails with EACCES under the rule on COND, once. */
static void expect_kill_failed(struct __test_metadata *_metadata,
			       FIXTURE_DATA(enf) *self, const char *tag,
			       const char *cond, pid_t target, long sig)
{
	const char *r;

	ASSERT_EQ(0, kill_rule(self, tag, cond, &r));
	errno = 0;
	EXPECT_EQ(-1, syscall(SYS_kill, target, sig));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(1, sct_rule_hits(r));
	EXPECT_TRUE(kid_alive(self, target));
	ASSERT_EQ(0, sct_rule_remove(r));
}

TEST_F(enf, widths_kill)
{
	const char *r;
	pid_t target;
	int status, ret;

	target = kid_sleeper(self);
	ASSERT_LT(0, target);

	/* Signal 0x100000009 is 9 to the kernel: a rule on 9 fails it. */
	expect_kill_failed(_metadata, self, "kill9", "PARAMS[2] == 9", target,
			   0x100000009L);
	/* 0xffffffff is the int -1, sign-extended (kill itself: EINVAL). */
	expect_kill_failed(_metadata, self, "kill_m1", "PARAMS[2] == -1",
			   target, 0xffffffffL);

	/*
	 * The control: a rule on the whole register does not match (or is
	 * refused), and the kernel sends 9.
	 */
	ret = kill_rule(self, "kill_wide", "PARAMS[2] == 0x100000009", &r);
	ASSERT_TRUE(!ret || ret == -EINVAL);
	if (ret)
		TH_LOG("PARAMS[2] == 0x100000009 refused for kill");
	EXPECT_EQ(0, syscall(SYS_kill, target, 0x100000009L));
	EXPECT_EQ(0, ret ? 0 : sct_rule_hits(r));
	ASSERT_EQ(target, kid_wait(self, target, &status, 5000));
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(SIGKILL, WTERMSIG(status));
}

/* The log shows the signal the kernel used, in the line and the record. */
TEST_F(enf, widths_log)
{
	const char *r = rule_name(self, "kill_log");
	char filter[64], line[256], expect[64], buf[8192];
	const struct sct_record_call *rec = (const void *)buf;
	int lfd, rfd, status;
	pid_t target;
	ssize_t n;

	if (!sct_exists(SCT_LOG))
		SKIP(return, "no " SCT_LOG);
	target = kid_sleeper(self);
	ASSERT_LT(0, target);
	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=kill", my_filter(filter, sizeof(filter)),
		"action=log", "log_format=%params", "enabled=1", NULL }));
	lfd = sct_open_new(SCT_LOG, O_NONBLOCK);
	ASSERT_LE(0, lfd);
	rfd = sct_open_new(SCT_RECORDS, O_NONBLOCK);
	ASSERT_LE(0, rfd);
	ASSERT_EQ(0, ioctl(rfd, SCT_IOC_TEXT, 1));

	EXPECT_EQ(0, syscall(SYS_kill, target, 0x100000009L));
	ASSERT_EQ(target, kid_wait(self, target, &status, 5000));
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

	snprintf(expect, sizeof(expect), "%d, 9", target);
	ASSERT_EQ(0, sct_read_line(lfd, line, sizeof(line)));
	EXPECT_STREQ(expect, line);

	n = read(rfd, buf, sizeof(buf));
	ASSERT_LE((ssize_t)sizeof(*rec), n);
	EXPECT_EQ(SCT_RECORD_CALL, rec->hdr.type);
	EXPECT_EQ(SYS_kill, rec->nr);
	EXPECT_EQ((unsigned long long)target, rec->args[0]);
	EXPECT_EQ(9ULL, rec->args[1]);
	ASSERT_GE(n, rec->text.off + rec->text.len);
	EXPECT_STREQ(expect, buf + rec->text.off);
	close(lfd);
	close(rfd);
}

/* ---- 3. Privilege. ---- */

/*
 * Drop capability CAP from the bounding, effective, permitted and
 * inheritable sets, with the raw capget/capset calls (no libcap).
 * 0, or -errno.
 */
static int drop_cap(int cap)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};
	unsigned int i = CAP_TO_INDEX(cap), mask = CAP_TO_MASK(cap);

	if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) ||
	    syscall(SYS_capget, &hdr, data))
		return -errno;
	data[i].effective &= ~mask;
	data[i].permitted &= ~mask;
	data[i].inheritable &= ~mask;
	if (syscall(SYS_capset, &hdr, data))
		return -errno;
	/* Gone, for certain. */
	memset(data, 0, sizeof(data));
	if (syscall(SYS_capget, &hdr, data))
		return -errno;
	if ((data[i].effective | data[i].permitted) & mask ||
	    prctl(PR_CAPBSET_READ, cap, 0, 0, 0) != 0)
		return -ENOTRECOVERABLE;
	return 0;
}

/* What only CAP_SYS_ADMIN may do. */
enum priv_op {
	OP_MKDIR, OP_ORDER, OP_FILTER, OP_ENABLE, OP_SWITCH, OP_LOG_SIZE,
	OP_OPEN_LOG, OP_OPEN_RECORDS, OP_RMDIR, NR_OPS,
};

static const char *const op_name[NR_OPS] = {
	[OP_MKDIR]		= "mkdir of a rule",
	[OP_ORDER]		= "writing a rule's order",
	[OP_FILTER]		= "writing a rule's filter",
	[OP_ENABLE]		= "writing a rule's enabled",
	[OP_SWITCH]		= "writing the global enabled",
	[OP_LOG_SIZE]		= "writing log_size",
	[OP_OPEN_LOG]		= "opening " SCT_LOG,
	[OP_OPEN_RECORDS]	= "opening " SCT_RECORDS,
	[OP_RMDIR]		= "rmdir of a rule",
};

struct priv_result {
	int setup;	/* 0, or the errno of the set-up */
	int uid;
	int err[NR_OPS];	/* 0, or the errno the operation got */
};

static int open_err(const char *path)
{
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/*
 * Each operation, in order, on rule RULE (a disabled fail rule) and a
 * new rule NEW; LOG_SIZE is the current log_size.
 */
static void priv_ops(int *err, const char *rule, const char *new,
		     const char *log_size)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", SCT_RULES, new);
	err[OP_MKDIR] = mkdir(path, 0755) ? errno : 0;
	err[OP_ORDER] = -sct_rule_set(rule, "order", "5");
	err[OP_FILTER] = -sct_rule_set(rule, "filter", "PID == 4194305");
	err[OP_ENABLE] = -sct_rule_set(rule, "enabled", "1");
	err[OP_SWITCH] = -sct_write_switch("1");
	err[OP_LOG_SIZE] = -sct_write_attr(SCT_CONFIGFS "/log_size",
					   log_size);
	err[OP_OPEN_LOG] = open_err(SCT_LOG);
	err[OP_OPEN_RECORDS] = open_err(SCT_RECORDS);
	err[OP_RMDIR] = -sct_rule_remove(rule);
}

/*
 * uid 0 without CAP_SYS_ADMIN changes nothing and opens no log device:
 * EPERM for each.  The control: with it, each works.
 */
TEST_F(enf, priv_no_cap)
{
	const char *r = rule_name(self, "priv");
	const char *new = rule_name(self, "priv_new");
	struct priv_result *res;
	char log_size[32], filter[64];
	int i, status;
	pid_t pid;

	if (getuid())
		SKIP(return, "not root");
	snprintf(filter, sizeof(filter), "filter=PID == %d", NO_PID);
	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=getppid", "action=fail", filter, NULL }));
	ASSERT_LT(0, sct_read_attr(SCT_CONFIGFS "/log_size", log_size,
				   sizeof(log_size)));
	res = mmap(NULL, sizeof(*res), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, res);
	res->setup = -1;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		res->setup = -drop_cap(CAP_SYS_ADMIN);
		res->uid = getuid();
		if (!res->setup)
			priv_ops(res->err, r, new, log_size);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_EQ(0, res->setup)
		TH_LOG("cannot drop CAP_SYS_ADMIN: %s", strerror(res->setup));
	EXPECT_EQ(0, res->uid);
	for (i = 0; i < NR_OPS; i++) {
		EXPECT_EQ(EPERM, res->err[i])
			TH_LOG("%s without CAP_SYS_ADMIN: %s", op_name[i],
			       res->err[i] ? strerror(res->err[i]) : "done");
	}
	/* Nothing changed. */
	EXPECT_FALSE(rule_exists(new));
	EXPECT_TRUE(rule_exists(r));
	EXPECT_TRUE(rule_attr_is(r, "order", "0"));
	EXPECT_TRUE(rule_attr_is(r, "filter", filter + strlen("filter=")));
	EXPECT_TRUE(rule_attr_is(r, "enabled", "0"));
	EXPECT_EQ(1, sct_root_attr("enabled"));

	/* The control: this process has CAP_SYS_ADMIN. */
	memset(res->err, 0xff, sizeof(res->err));
	priv_ops(res->err, r, new, log_size);
	for (i = 0; i < NR_OPS; i++) {
		EXPECT_EQ(0, res->err[i])
			TH_LOG("%s with CAP_SYS_ADMIN: %s", op_name[i],
			       strerror(res->err[i]));
	}
	EXPECT_TRUE(rule_exists(new));
	EXPECT_FALSE(rule_exists(r));
	munmap(res, sizeof(*res));
}

/* Every rule attribute: read-write ones first. */
static const char *const rule_attrs[] = {
	"syscall", "when", "action", "error_code", "order", "continue",
	"filter", "enabled", "log_format", "log_target", "force",
	"act_on_init",
	"filter_error", "hits", "id", "covers",
};

#define NR_RULE_ATTRS	ARRAY_SIZE(rule_attrs)
#define NR_RW_ATTRS	12

struct user_result {
	int setup;
	int err[NR_RULE_ATTRS];	/* opening for read: 0 or errno */
	int stats;		/* bytes read from stats, or -errno */
	char stats_text[16];
	int version, enabled;	/* the same for those */
};

/*
 * Another user: EACCES reading any attribute of a rule, its filter and
 * hits above all; the global stats, version and enabled stay readable.
 * The control: root reads them.
 */
TEST_F(enf, priv_other_user)
{
	const char *r = rule_name(self, "other_user");
	struct user_result *res;
	char filter[64], buf[4096], path[PATH_MAX];
	unsigned int i;
	int status;
	pid_t pid;

	if (getuid())
		SKIP(return, "not root");
	snprintf(filter, sizeof(filter), "filter=PID == %d", NO_PID);
	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=getppid", "action=fail", filter, NULL }));
	res = mmap(NULL, sizeof(*res), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, res);
	res->setup = -1;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (setgroups(0, NULL) || setgid(65534) || setuid(65534)) {
			res->setup = errno;
			_exit(0);
		}
		res->setup = 0;
		for (i = 0; i < NR_RULE_ATTRS; i++) {
			snprintf(path, sizeof(path), "%s/%s/%s", SCT_RULES, r,
				 rule_attrs[i]);
			res->err[i] = open_err(path);
		}
		buf[0] = '\0';
		res->stats = sct_read_attr(SCT_CONFIGFS "/stats", buf,
					   sizeof(buf));
		snprintf(res->stats_text, sizeof(res->stats_text), "%s", buf);
		res->version = sct_read_attr(SCT_CONFIGFS "/version", buf,
					     sizeof(buf));
		res->enabled = sct_read_attr(SCT_CONFIGFS "/enabled", buf,
					     sizeof(buf));
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_EQ(0, res->setup)
		TH_LOG("cannot become uid 65534: %s", strerror(res->setup));
	for (i = 0; i < NR_RULE_ATTRS; i++) {
		EXPECT_EQ(EACCES, res->err[i])
			TH_LOG("uid 65534 reading %s: %s", rule_attrs[i],
			       res->err[i] ? strerror(res->err[i]) : "read");
	}
	EXPECT_LT(0, res->stats);
	EXPECT_EQ(0, strncmp(res->stats_text, "seen ", 5));
	EXPECT_LT(0, res->version);
	EXPECT_LT(0, res->enabled);

	/* The control. */
	ASSERT_EQ(0, sct_rule_get(r, "filter", buf, sizeof(buf)));
	EXPECT_STREQ(filter + strlen("filter="), buf);
	EXPECT_EQ(0, sct_rule_hits(r));
	munmap(res, sizeof(*res));
}

/* Rule attributes are root's: 0600, or 0400 read-only; globals as said. */
TEST_F(enf, priv_modes)
{
	static const struct {
		const char *path;
		unsigned int mode;
	} root[] = {
		{ SCT_CONFIGFS "/version", 0444 },
		{ SCT_CONFIGFS "/stats", 0444 },
		{ SCT_CONFIGFS "/enabled", 0644 },
		{ SCT_CONFIGFS "/log_size", 0644 },
	};
	const char *r = rule_name(self, "modes");
	char path[PATH_MAX];
	unsigned int i, want;
	struct stat st;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){ NULL }));
	for (i = 0; i < NR_RULE_ATTRS; i++) {
		snprintf(path, sizeof(path), "%s/%s/%s", SCT_RULES, r,
			 rule_attrs[i]);
		want = i < NR_RW_ATTRS ? 0600 : 0400;
		ASSERT_EQ(0, stat(path, &st)) TH_LOG("no %s", rule_attrs[i]);
		EXPECT_EQ(want, st.st_mode & 07777)
			TH_LOG("%s: %o", rule_attrs[i], st.st_mode & 07777);
	}
	for (i = 0; i < ARRAY_SIZE(root); i++) {
		ASSERT_EQ(0, stat(root[i].path, &st));
		EXPECT_EQ(root[i].mode, st.st_mode & 07777)
			TH_LOG("%s: %o", root[i].path, st.st_mode & 07777);
	}
}

/* ---- 4. Kill switch, self-protection. ---- */

/*
 * The global enabled: at 0, no rule acts, and no call reaches the hook
 * ("seen" stays: the static key is off), also for a rule enabled
 * meanwhile; at 1, the rules act again.
 */
TEST_F(enf, global_switch)
{
	const char *r = rule_name(self, "switch");
	const char *late = rule_name(self, "switch_late");
	long ppid = syscall(SYS_getppid);
	char filter[64];
	long long seen;
	int i;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=getppid", my_filter(filter, sizeof(filter)),
		"action=fail", "error_code=EACCES", "order=2", "enabled=1",
		NULL }));
	errno = 0;
	EXPECT_EQ(-1, syscall(SYS_getppid));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(1, sct_rule_hits(r));

	ASSERT_EQ(0, sct_write_switch("0"));
	EXPECT_EQ(0, sct_root_attr("enabled"));
	seen = sct_stat("seen");
	ASSERT_LE(0, seen);
	for (i = 0; i < 10; i++)
		EXPECT_EQ(ppid, syscall(SYS_getppid));
	EXPECT_EQ(seen, sct_stat("seen"));
	EXPECT_EQ(1, sct_rule_hits(r));

	ASSERT_EQ(0, sct_rule_make(late, (const char *[]){
		"syscall=getppid", filter, "action=fail", "error_code=EXDEV",
		"order=1", "enabled=1", NULL }));
	EXPECT_EQ(ppid, syscall(SYS_getppid));
	EXPECT_EQ(seen, sct_stat("seen"));
	EXPECT_EQ(0, sct_rule_hits(late));

	ASSERT_EQ(0, sct_write_switch("1"));
	EXPECT_EQ(1, sct_root_attr("enabled"));
	errno = 0;
	EXPECT_EQ(-1, syscall(SYS_getppid));
	EXPECT_EQ(EXDEV, errno);
	EXPECT_EQ(1, sct_rule_hits(late));
	EXPECT_EQ(1, sct_rule_hits(r));
	EXPECT_LT(seen, sct_stat("seen"));
}

/*
 * A 0/1 rule attribute: 0 by default, takes 0 and 1, refuses anything
 * else with EINVAL, and is -EBUSY while the rule is enabled.  Returns
 * the rule it was tried on: a disabled fail rule (EACCES) on this
 * process's getppid, with ATTR 0.
 */
static const char *check_bool_attr(struct __test_metadata *_metadata,
				   FIXTURE_DATA(enf) *self, const char *attr)
{
	static const char *const bad[] = { "2", "-1", "yes please", "\n" };
	const char *r = rule_name(self, attr);
	char filter[64], buf[32];
	unsigned int i;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=getppid", "action=fail", "error_code=EACCES",
		my_filter(filter, sizeof(filter)), NULL }));
	ASSERT_EQ(0, sct_rule_get(r, attr, buf, sizeof(buf)))
		TH_LOG("no attribute %s", attr);
	EXPECT_STREQ("0", buf);
	EXPECT_EQ(0, sct_rule_set(r, attr, "1"));
	EXPECT_TRUE(rule_attr_is(r, attr, "1"));
	EXPECT_EQ(0, sct_rule_set(r, attr, "0"));
	EXPECT_TRUE(rule_attr_is(r, attr, "0"));
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, sct_rule_set(r, attr, bad[i]))
			TH_LOG("%s = '%s'", attr, bad[i]);
		EXPECT_TRUE(rule_attr_is(r, attr, "0"));
	}

	EXPECT_EQ(0, sct_rule_set(r, attr, "1"));
	ASSERT_EQ(0, sct_rule_set(r, "enabled", "1"));
	EXPECT_EQ(-EBUSY, sct_rule_set(r, attr, "0"));
	EXPECT_TRUE(rule_attr_is(r, attr, "1"));
	ASSERT_EQ(0, sct_rule_set(r, "enabled", "0"));
	EXPECT_EQ(0, sct_rule_set(r, attr, "0"));
	EXPECT_TRUE(rule_attr_is(r, attr, "0"));
	return r;
}

/*
 * act_on_init: fail, kill and suspend rules pass over PID 1 unless it is
 * 1.  That init is passed over is tested by the guest itself (no test
 * can make init call); here, the attribute, and that set it changes
 * nothing for other processes.
 */
TEST_F(enf, act_on_init_attr)
{
	const char *r = check_bool_attr(_metadata, self, "act_on_init");

	ASSERT_EQ(0, sct_rule_set(r, "act_on_init", "1"));
	ASSERT_EQ(0, sct_rule_set(r, "enabled", "1"));
	errno = 0;
	EXPECT_EQ(-1, syscall(SYS_getppid));
	EXPECT_EQ(EACCES, errno);
}

/* force: the attribute, and that set on a filtered rule it still acts. */
TEST_F(enf, force_attr)
{
	const char *r = check_bool_attr(_metadata, self, "force");

	ASSERT_EQ(0, sct_rule_set(r, "force", "1"));
	ASSERT_EQ(0, sct_rule_set(r, "enabled", "1"));
	errno = 0;
	EXPECT_EQ(-1, syscall(SYS_getppid));
	EXPECT_EQ(EACCES, errno);
}

/*
 * A rule that, enabled, would fail, kill or suspend SYSCALL in every
 * process: take it out of the way, without making SYSCALL itself (rmdir,
 * or for rmdir a write of enabled).
 */
static void rule_undo(const char *name, const char *syscall)
{
	if (strcmp(syscall, "rmdir"))
		sct_rule_remove(name);
	else
		sct_rule_set(name, "enabled", "0");
}

/*
 * Unfiltered fail, kill and suspend rules on calls a system needs to
 * recover are refused (EPERM) without force, and filter_error says why.
 *
 * Should a kernel enable one anyway, a log rule ahead of it, on every
 * other process, keeps it to this one, and it is taken out before this
 * process writes anything more.
 */
TEST_F(enf, force_required)
{
	static const char *const refused[][2] = {
		{ "fail", "write" }, { "kill", "write" },
		{ "suspend", "write" }, { "fail", "ia32:write" },
		{ "fail", "x86_64:write" }, { "fail", "openat" },
		{ "kill", "execve" }, { "fail", "exit_group" },
		{ "kill", "rt_sigreturn" }, { "fail", "reboot" },
		{ "fail", "rmdir" },
	};
	char set_sys[64], set_act[32], set_shield[64], shield_filter[64];
	char tag[32], text[1024];
	const char *r, *shield, *family;
	unsigned int i;
	int ret;

	snprintf(shield_filter, sizeof(shield_filter), "filter=PID != %d",
		 getpid());
	for (i = 0; i < ARRAY_SIZE(refused); i++) {
		family = strchr(refused[i][1], ':');
		family = family ? family + 1 : refused[i][1];
		snprintf(set_shield, sizeof(set_shield), "syscall=%s", family);
		snprintf(tag, sizeof(tag), "shield%u", i);
		shield = rule_name(self, tag);
		ASSERT_EQ(0, sct_rule_make(shield, (const char *[]){
			set_shield, "action=log", "order=-1000000",
			shield_filter, "log_format=%pid", "enabled=1", NULL }));

		snprintf(set_sys, sizeof(set_sys), "syscall=%s",
			 refused[i][1]);
		snprintf(set_act, sizeof(set_act), "action=%s",
			 refused[i][0]);
		snprintf(tag, sizeof(tag), "unfiltered%u", i);
		r = rule_name(self, tag);
		ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
			set_sys, set_act, NULL }));
		ret = sct_rule_set(r, "enabled", "1");
		if (!ret)
			rule_undo(r, refused[i][1]);
		sct_rule_remove(shield);

		EXPECT_EQ(-EPERM, ret)
			TH_LOG("an unfiltered %s rule on %s: %s",
			       refused[i][0], refused[i][1],
			       ret ? strerror(-ret) : "enabled");
		if (!ret)
			continue;
		EXPECT_TRUE(rule_attr_is(r, "enabled", "0"));
		ASSERT_EQ(0, sct_rule_read(r, "filter_error", text, sizeof(text)));
		EXPECT_NE(NULL, strstr(text, "force"))
			TH_LOG("%s on %s: filter_error '%s'", refused[i][0],
			       refused[i][1], text);
		sct_rule_remove(r);
	}
}

/*
 * force=1 enables an unfiltered fail rule on reboot, which acts: a
 * reboot with bad magic numbers (EINVAL, harmless) fails with the
 * rule's errno.  The rule is removed at once.
 */
TEST_F(enf, force_allows)
{
	const char *r = rule_name(self, "reboot");
	char text[1024];
	long long hits;
	int ret, err;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=reboot", "action=fail", "error_code=EXDEV", NULL }));
	ret = sct_rule_set(r, "enabled", "1");
	if (!ret)
		sct_rule_set(r, "enabled", "0");
	EXPECT_EQ(-EPERM, ret);
	ASSERT_EQ(0, sct_rule_read(r, "filter_error", text, sizeof(text)));
	EXPECT_NE(NULL, strstr(text, "force"))
		TH_LOG("filter_error '%s'", text);

	ASSERT_EQ(0, sct_rule_set(r, "force", "1"));
	ASSERT_EQ(0, sct_rule_set(r, "enabled", "1"));
	errno = 0;
	ret = syscall(SYS_reboot, 0, 0, 0, NULL);
	err = errno;
	hits = sct_rule_hits(r);
	sct_rule_set(r, "enabled", "0");
	EXPECT_EQ(0, sct_rule_remove(r));

	EXPECT_EQ(-1, ret);
	EXPECT_EQ(EXDEV, err);
	EXPECT_EQ(1, hits);
	/* The control: without the rule, the bad magic numbers. */
	errno = 0;
	EXPECT_EQ(-1, syscall(SYS_reboot, 0, 0, 0, NULL));
	EXPECT_EQ(EINVAL, errno);
}

/*
 * No force needed: a filtered fail or kill rule on a recovery call, an
 * unfiltered log rule on one, and an unfiltered fail rule on a call
 * that is not one (acct), which then acts.
 */
TEST_F(enf, force_not_needed)
{
	const char *fw = rule_name(self, "filtered_write");
	const char *kx = rule_name(self, "filtered_exit");
	const char *lw = rule_name(self, "log_write");
	const char *fa = rule_name(self, "acct");
	char filter[64];
	int ret;

	snprintf(filter, sizeof(filter), "filter=PID == %d", NO_PID);
	ASSERT_EQ(0, sct_rule_make(fw, (const char *[]){
		"syscall=write", "action=fail", filter, NULL }));
	EXPECT_EQ(0, sct_rule_set(fw, "enabled", "1"));
	EXPECT_EQ(0, sct_rule_set(fw, "enabled", "0"));

	ASSERT_EQ(0, sct_rule_make(kx, (const char *[]){
		"syscall=exit_group", "action=kill", filter, NULL }));
	EXPECT_EQ(0, sct_rule_set(kx, "enabled", "1"));
	EXPECT_EQ(0, sct_rule_set(kx, "enabled", "0"));

	ASSERT_EQ(0, sct_rule_make(lw, (const char *[]){
		"syscall=write", "action=log", "log_format=%pid", NULL }));
	EXPECT_EQ(0, sct_rule_set(lw, "enabled", "1"));
	EXPECT_EQ(0, sct_rule_set(lw, "enabled", "0"));

	ASSERT_EQ(0, sct_rule_make(fa, (const char *[]){
		"syscall=acct", "action=fail", "error_code=EXDEV", NULL }));
	ret = sct_rule_set(fa, "enabled", "1");
	EXPECT_EQ(0, ret);
	if (!ret) {
		errno = 0;
		EXPECT_EQ(-1, syscall(SYS_acct, NULL));
		EXPECT_EQ(EXDEV, errno);
		EXPECT_EQ(1, sct_rule_hits(fa));
		EXPECT_EQ(0, sct_rule_set(fa, "enabled", "0"));
	}
}

/* ---- 5. Edges. ---- */

/*
 * error_code: 512 and above (ERESTARTSYS and the kernel's other internal
 * codes, and beyond MAX_ERRNO) are refused with ERANGE, by number or by
 * name, and leave the code as it was; 0 to 511 are taken.
 */
TEST_F(enf, error_code_range)
{
	static const char *const range[] = {
		"512", "513", "529", "530", "600", "4095", "4096", "-512",
		"-600", "0x200",
	};
	static const char *const names[] = {
		"ERESTARTSYS", "ERESTARTNOINTR", "ENOTSUPP", "EIOCBQUEUED",
	};
	static const char *const good[][2] = {
		{ "0", "0" }, { "511", "511" }, { "EPERM", "EPERM" },
		{ "-1", "EPERM" }, { "EHWPOISON", "EHWPOISON" },
	};
	const char *r = rule_name(self, "errcode");
	char filter[64];
	unsigned int i;
	int ret;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=getppid", "action=fail",
		my_filter(filter, sizeof(filter)), NULL }));
	for (i = 0; i < ARRAY_SIZE(range); i++) {
		ASSERT_EQ(0, sct_rule_set(r, "error_code", "EACCES"));
		EXPECT_EQ(-ERANGE, sct_rule_set(r, "error_code", range[i]))
			TH_LOG("error_code %s", range[i]);
		EXPECT_TRUE(rule_attr_is(r, "error_code", "EACCES"))
			TH_LOG("after %s", range[i]);
	}
	/* By name: refused, as out of range or as unknown. */
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		ret = sct_rule_set(r, "error_code", names[i]);
		EXPECT_TRUE(ret == -ERANGE || ret == -EINVAL)
			TH_LOG("error_code %s: %s", names[i],
			       ret ? strerror(-ret) : "taken");
		EXPECT_TRUE(rule_attr_is(r, "error_code", "EACCES"))
			TH_LOG("after %s", names[i]);
	}
	for (i = 0; i < ARRAY_SIZE(good); i++) {
		EXPECT_EQ(0, sct_rule_set(r, "error_code", good[i][0]))
			TH_LOG("error_code %s", good[i][0]);
		EXPECT_TRUE(rule_attr_is(r, "error_code", good[i][1]))
			TH_LOG("after %s", good[i][0]);
	}

	/* The largest code taken is a call's errno. */
	ASSERT_EQ(0, sct_rule_set(r, "error_code", "511"));
	ASSERT_EQ(0, sct_rule_set(r, "enabled", "1"));
	errno = 0;
	EXPECT_EQ(-1, syscall(SYS_getppid));
	EXPECT_EQ(511, errno);
}

static int kid_getppid(void *arg)
{
	return syscall(SYS_getppid) == *(pid_t *)arg ? 0 : 1;
}

/*
 * Two suspend rules on one call: it stops on the first, then, restarted
 * after SIGCONT, on the second, and after the second SIGCONT it runs.
 * Stopping a third time (on the first rule again) fails.
 */
TEST_F(enf, two_suspend_rules)
{
	const char *first = rule_name(self, "suspend1");
	const char *second = rule_name(self, "suspend2");
	char filter[64];
	pid_t me = getpid(), pid;
	int go, status;

	pid = kid_start(self, kid_getppid, &me, &go);
	ASSERT_LT(0, pid);
	snprintf(filter, sizeof(filter), "filter=PID == %d", pid);
	ASSERT_EQ(0, sct_rule_make(first, (const char *[]){
		"syscall=getppid", filter, "action=suspend", "order=1",
		"enabled=1", NULL }));
	ASSERT_EQ(0, sct_rule_make(second, (const char *[]){
		"syscall=getppid", filter, "action=suspend", "order=2",
		"enabled=1", NULL }));
	ASSERT_EQ(0, kid_go(go));

	ASSERT_EQ(pid, kid_wait(self, pid, &status, 10000));
	ASSERT_TRUE(WIFSTOPPED(status));
	EXPECT_EQ(1, sct_rule_hits(first));
	EXPECT_EQ(0, sct_rule_hits(second));
	ASSERT_EQ(0, kill(pid, SIGCONT));

	ASSERT_EQ(pid, kid_wait(self, pid, &status, 10000));
	ASSERT_TRUE(WIFSTOPPED(status));
	EXPECT_EQ(1, sct_rule_hits(first));
	EXPECT_EQ(1, sct_rule_hits(second));
	ASSERT_EQ(0, kill(pid, SIGCONT));

	ASSERT_EQ(pid, kid_wait(self, pid, &status, 10000))
		TH_LOG("the call neither stopped again nor ended");
	EXPECT_FALSE(WIFSTOPPED(status))
		TH_LOG("stopped a third time: hits %lld and %lld",
		       sct_rule_hits(first), sct_rule_hits(second));
	EXPECT_EQ(0, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	EXPECT_EQ(1, sct_rule_hits(first));
	EXPECT_EQ(1, sct_rule_hits(second));
}

static int kid_exec32(void *arg)
{
	const char *helper = arg;

	execl(helper, helper, "exit", (char *)NULL);
	return KID_NO_EXEC;
}

/* Does the 32-bit helper run?  "exit" makes it exit 0 at once. */
static bool helper_runs(const char *helper)
{
	int status;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0)
		_exit(kid_exec32((void *)helper));
	return pid > 0 && waitpid(pid, &status, 0) == pid &&
	       WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/*
 * A 64-bit execve of a 32-bit program leaves ia32 execve's number (11,
 * native munmap) in the registers: the exit side must use what the entry
 * saw.  The after rule on execve hits, and the one on munmap does not
 * (the helper makes no munmap call).
 */
TEST_F(enf, exec_32bit_after)
{
	const char *ex = rule_name(self, "after_execve");
	const char *mu = rule_name(self, "after_munmap");
	char helper[PATH_MAX], filter[64], line[128], buf[2048];
	const struct sct_record_call *rec = (const void *)buf;
	int go, status, lfd, rfd;
	ssize_t n;
	pid_t pid;

	if (sct_sibling("sct_compat_helper", helper, sizeof(helper)))
		SKIP(return, "no sct_compat_helper");
	if (!helper_runs(helper))
		SKIP(return, "cannot run 32-bit programs (IA32_EMULATION=n?)");
	if (!sct_exists(SCT_LOG))
		SKIP(return, "no " SCT_LOG);

	pid = kid_start(self, kid_exec32, helper, &go);
	ASSERT_LT(0, pid);
	snprintf(filter, sizeof(filter), "filter=PID == %d", pid);
	ASSERT_EQ(0, sct_rule_make(ex, (const char *[]){
		"syscall=execve", "when=after", "action=log", filter,
		"log_format=%sname %sid", "enabled=1", NULL }));
	ASSERT_EQ(0, sct_rule_make(mu, (const char *[]){
		"syscall=munmap", "when=after", "action=log", filter,
		"log_format=%sname %sid", "enabled=1", NULL }));
	lfd = sct_open_new(SCT_LOG, O_NONBLOCK);
	ASSERT_LE(0, lfd);
	rfd = sct_open_new(SCT_RECORDS, O_NONBLOCK);
	ASSERT_LE(0, rfd);
	ASSERT_EQ(0, ioctl(rfd, SCT_IOC_TEXT, 1));
	ASSERT_EQ(0, kid_go(go));
	ASSERT_EQ(pid, kid_wait(self, pid, &status, 10000));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));

	EXPECT_EQ(1, sct_rule_hits(ex));
	EXPECT_EQ(0, sct_rule_hits(mu));
	ASSERT_EQ(0, sct_read_line(lfd, line, sizeof(line)));
	EXPECT_STREQ("execve 59", line);
	EXPECT_EQ(-EAGAIN, sct_read_line(lfd, line, sizeof(line)));
	close(lfd);

	/* The record: native execve, as the entry saw it. */
	n = read(rfd, buf, sizeof(buf));
	close(rfd);
	ASSERT_LE((ssize_t)sizeof(*rec), n);
	EXPECT_EQ(SCT_WHEN_AFTER, rec->when);
	EXPECT_EQ(SYS_execve, rec->nr);
	EXPECT_EQ(SCT_ABI_NATIVE, rec_abi(rec));
	EXPECT_EQ(0, rec->retval);
}

/* ---- sct=off, on a boot with it. ---- */

FIXTURE(off)
{
	char names[4][64];
	int n;
};

FIXTURE_SETUP(off)
{
	if (!sct_present())
		SKIP(return, "no sct");
	if (!boot_param("sct=off"))
		SKIP(return, "runs only on a boot with sct=off");
}

/*
 * In the parent, once the test's process is gone: also after a failed
 * ASSERT, which 6.12's harness may let skip a FIXTURE_TEARDOWN (it keeps
 * the child's pid in a variable that longjmp() may clobber).  @self is
 * shared with the test's process.
 */
FIXTURE_TEARDOWN_PARENT(off)
{
	int i;

	for (i = self->n - 1; i >= 0; i--)
		sct_rule_remove(self->names[i]);
}

/* Does /dev/kmsg, from where KFD is, have a record containing NEEDLE? */
static bool kmsg_has(int kfd, const char *needle)
{
	char buf[2048];
	ssize_t n;

	for (;;) {
		n = read(kfd, buf, sizeof(buf) - 1);
		if (n < 0 && errno == EPIPE)
			continue;	/* overwritten: go on with the next */
		if (n <= 0)
			return false;
		buf[n] = '\0';
		if (strstr(buf, needle))
			return true;
	}
}

/*
 * Booted with sct=off: the boot log says so, the global enabled reads 0
 * and cannot be set (EPERM), no rule can be enabled, force or not
 * (EPERM, said in the kernel log), and a fail rule never acts.
 */
TEST_F(off, nothing_acts)
{
	const char *r = self->names[self->n++];
	long ppid = syscall(SYS_getppid);
	char filter[64];
	int kfd;

	snprintf(self->names[0], sizeof(self->names[0]), "ksft_enf_%d_off",
		 getpid());
	kfd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	ASSERT_LE(0, kfd);
	EXPECT_TRUE(kmsg_has(kfd, "sct: disabled by sct=off"));
	ASSERT_LE(0, lseek(kfd, 0, SEEK_END));

	EXPECT_EQ(0, sct_root_attr("enabled"));
	EXPECT_EQ(-EPERM, sct_write_switch("1"));
	EXPECT_EQ(0, sct_root_attr("enabled"));

	snprintf(filter, sizeof(filter), "filter=PID == %d", getpid());
	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){
		"syscall=getppid", filter, "action=fail",
		"error_code=EACCES", NULL }));
	EXPECT_EQ(-EPERM, sct_rule_set(r, "enabled", "1"));
	EXPECT_TRUE(rule_attr_is(r, "enabled", "0"));
	ASSERT_EQ(0, sct_rule_set(r, "force", "1"));
	EXPECT_EQ(-EPERM, sct_rule_set(r, "enabled", "1"));
	EXPECT_TRUE(rule_attr_is(r, "enabled", "0"));

	EXPECT_EQ(ppid, syscall(SYS_getppid));
	EXPECT_EQ(0, sct_rule_hits(r));
	EXPECT_TRUE(kmsg_has(kfd, "sct=off"));
	close(kfd);
}

TEST_HARNESS_MAIN
