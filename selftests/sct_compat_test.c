// SPDX-License-Identifier: GPL-2.0
/*
 * Compat calls are matched (issue 12): a rule that names a syscall
 * covers its calls in every ABI, through each ABI's own numbering.  ia32
 * unlink is 10 (native 10 is mprotect), native unlink is 87.
 *
 * The unlinks are made three ways, each in a child that a rule names by
 * its pid:
 *
 *   native   syscall(SYS_unlink), from this 64-bit program
 *   int80    int $0x80 with eax = 10, from this 64-bit program, the path
 *            in a page below 4 GiB (MAP_32BIT); the upper half of rbx
 *            is not zero: the kernel takes the low 32 bits, and so must
 *            sct's filters and records
 *   helper   sct_compat_helper, a 32-bit program, with int $0x80
 *
 * and each test says, for each way, what the call must give and how
 * many hits the rule must count.  A fourth way, where the kernel has x32
 * (CONFIG_X86_X32_ABI, and x32 not disabled at boot), is x32's unlink:
 * the syscall instruction with __X32_SYSCALL_BIT | 87; the x32 test
 * makes it.
 */
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <linux/sct.h>

#include "kselftest_harness.h"
#include "sct_test.h"

/*
 * <linux/sct.h> gains the ABI of a record with version 2 of the record
 * layout, in the byte that was padding after @targets.
 */
#ifndef SCT_ABI_NATIVE
#define SCT_ABI_NATIVE	0
#endif
#ifdef SCT_ABI_COMPAT
#define rec_abi(rec)	((rec)->abi)
#else
#define SCT_ABI_COMPAT	1
#define rec_abi(rec)	(((const __u8 *)(rec))[offsetof(struct sct_record_call, \
							  targets) + 1])
#endif

#define SCT_LOG		"/dev/sct_log"
#define SCT_RECORDS	"/dev/sct_records"
#define MAX_RULES	16
#define IA32_GETPID	20
#define IA32_UNLINK	10
#define X32_BIT		0x40000000L
/* Set in the upper half of rbx for the int80 unlink: ia32 ignores it. */
#define INT80_HIGH	0x5a5a5a5a00000000UL

/* Exit statuses of an unlink child that did not get to make its call. */
#define CHILD_NO_GO	125
#define CHILD_NO_EXEC	127
/* run_unlink(): the child could not make an ia32 call. */
#define RUN_NO_IA32	(-2)

/* The tests loop over the first NR_HOW ways; X32 is the x32 test's. */
enum how { NATIVE, INT80, HELPER, NR_HOW, X32 = NR_HOW, NR_WAYS };

static const char *const how_name[NR_WAYS] = {
	[NATIVE]	= "native unlink",
	[INT80]		= "int $0x80 unlink from a 64-bit program",
	[HELPER]	= "int $0x80 unlink from a 32-bit program",
	[X32]		= "x32 unlink",
};

FIXTURE(compat)
{
	char names[MAX_RULES][64];
	int n;
	char file[PATH_MAX];
	char helper[PATH_MAX];
	char *low;		/* the file's path, below 4 GiB */
	long page;
	/* Why ia32 calls cannot be made here, or NULL. */
	const char *no_ia32;
	/* x32 calls work here. */
	bool x32;
};

/* int $0x80 from this 64-bit program: an ia32 call, one argument. */
static int int80_call1(int nr, unsigned long arg)
{
	int ret;

	asm volatile("int $0x80"
		     : "=a"(ret)
		     : "a"(nr), "b"(arg)
		     : "memory", "r8", "r9", "r10", "r11");
	return ret;
}

/* Does int $0x80 work here?  Without IA32_EMULATION it is a SIGSEGV. */
static bool int80_works(void)
{
	int status;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0)
		_exit(int80_call1(IA32_GETPID, 0) == getpid() ? 0 : 1);
	return pid > 0 && waitpid(pid, &status, 0) == pid &&
	       WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Do x32 calls work here?  Without x32 they fail with ENOSYS. */
static bool x32_works(void)
{
	return syscall(X32_BIT | SYS_getpid) == getpid();
}

/* Does the 32-bit helper run?  "exit" makes it exit 0 at once. */
static bool helper_runs(const char *helper)
{
	int status;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		execl(helper, helper, "exit", (char *)NULL);
		_exit(CHILD_NO_EXEC);
	}
	return pid > 0 && waitpid(pid, &status, 0) == pid &&
	       WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

FIXTURE_SETUP(compat)
{
	if (!sct_present())
		SKIP(return, "no sct");
	snprintf(self->file, sizeof(self->file), "/tmp/sct_ksft_compat_%d",
		 getpid());
	self->page = sysconf(_SC_PAGESIZE);
	self->low = mmap(NULL, self->page, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	ASSERT_NE(MAP_FAILED, self->low);
	ASSERT_GT(1ULL << 32, (unsigned long long)(unsigned long)self->low);
	snprintf(self->low, self->page, "%s", self->file);
	self->x32 = x32_works();
	if (!int80_works())
		self->no_ia32 = "int $0x80 does not work (IA32_EMULATION=n?)";
	else if (sct_sibling("sct_compat_helper", self->helper,
			     sizeof(self->helper)))
		self->no_ia32 = "no sct_compat_helper";
	else if (!helper_runs(self->helper))
		self->no_ia32 = "cannot run sct_compat_helper, a 32-bit program";
}

/*
 * In the parent, once the test's process is gone: also after a failed
 * ASSERT, which 6.12's harness may let skip a FIXTURE_TEARDOWN (it keeps
 * the child's pid in a variable that longjmp() may clobber).  @self is
 * shared with the test's process.
 */
FIXTURE_TEARDOWN_PARENT(compat)
{
	int i;

	for (i = self->n - 1; i >= 0; i--)
		sct_rule_remove(self->names[i]);
	unlink(self->file);
	/* self->low was the test process's: gone with it. */
}

/* A rule name unique to this test, remembered for the teardown. */
static const char *rule_name(FIXTURE_DATA(compat) *self, const char *tag)
{
	char *name = self->names[self->n++];

	snprintf(name, sizeof(self->names[0]), "ksft_compat_%d_%s", getpid(),
		 tag);
	return name;
}

/* In the child: unlink the file once, HOW, when the parent says go. */
static __noreturn void
unlink_child(FIXTURE_DATA(compat) *self, enum how how, int go)
{
	int ret = 0;
	char c;

	if (read(go, &c, 1) != 1)
		_exit(CHILD_NO_GO);
	switch (how) {
	case NATIVE:
		ret = syscall(SYS_unlink, self->file) ? errno : 0;
		break;
	case INT80:
		ret = -int80_call1(IA32_UNLINK,
				   INT80_HIGH | (unsigned long)self->low);
		break;
	case HELPER:
		execl(self->helper, self->helper, "unlink", self->file,
		      (char *)NULL);
		_exit(CHILD_NO_EXEC);
	case X32:
		ret = syscall(X32_BIT | SYS_unlink, self->file) ? errno : 0;
		break;
	default:
		break;
	}
	_exit(ret & 0xff);
}

/*
 * Make the file and unlink it once in a child, HOW.  With a TAG, under a
 * rule made of SETTINGS and "filter=(COND) && PID == child" (COND may be
 * NULL), enabled before the child goes, and removed after it; its hits
 * go to *hits.  Returns the errno of the child's call (0: it worked),
 * RUN_NO_IA32, or -1 when the set-up failed.
 */
static int run_unlink(FIXTURE_DATA(compat) *self, enum how how,
		      const char *tag, const char *const *settings,
		      const char *cond, long long *hits)
{
	char filter[PATH_MAX + 64];
	const char *list[8], *name = NULL;
	int go[2], status, n = 0, ret = 0;
	pid_t pid;

	*hits = -1;
	if (sct_write_file(self->file) || pipe(go))
		return -1;
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		close(go[1]);
		unlink_child(self, how, go[0]);
	}
	close(go[0]);
	if (pid < 0) {
		close(go[1]);
		return -1;
	}
	if (tag) {
		name = rule_name(self, tag);
		if (cond)
			snprintf(filter, sizeof(filter),
				 "filter=(%s) && PID == %d", cond, pid);
		else
			snprintf(filter, sizeof(filter), "filter=PID == %d",
				 pid);
		while (settings && *settings && n < 5)
			list[n++] = *settings++;
		list[n++] = filter;
		list[n++] = "enabled=1";
		list[n] = NULL;
		ret = sct_rule_make(name, list);
	}
	/* Without the go, the child exits. */
	if (!ret && write(go[1], "g", 1) != 1)
		ret = -1;
	close(go[1]);
	if (waitpid(pid, &status, 0) != pid)
		ret = -1;
	if (name) {
		*hits = sct_rule_hits(name);
		sct_rule_remove(name);
	}
	if (ret)
		return -1;
	if (how == INT80 && WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV)
		return RUN_NO_IA32;
	if (!WIFEXITED(status))
		return -1;
	if (how == HELPER && WEXITSTATUS(status) == CHILD_NO_EXEC)
		return RUN_NO_IA32;
	return WEXITSTATUS(status);
}

/*
 * One unlink, HOW, under the rule if TAG: expect errno WANT (0: it
 * worked, and the file is gone; else the file stays) and WANT_HITS hits.
 */
static void expect_unlink(struct __test_metadata *_metadata,
			  FIXTURE_DATA(compat) *self, enum how how,
			  const char *tag, const char *const *settings,
			  const char *cond, int want, long long want_hits)
{
	long long hits;
	int ret = run_unlink(self, how, tag, settings, cond, &hits);

	EXPECT_EQ(want, ret)
		TH_LOG("%s, rule %s: %s", how_name[how], tag ?: "(none)",
		       ret == -1 ? "set-up failed (rule refused?)" :
		       ret == RUN_NO_IA32 ? "no ia32 call" : strerror(ret));
	EXPECT_EQ(!want, !sct_exists(self->file))
		TH_LOG("%s, rule %s: the file %s", how_name[how],
		       tag ?: "(none)", want ? "is gone" : "is still there");
	if (tag) {
		EXPECT_EQ(want_hits, hits)
			TH_LOG("%s, rule %s", how_name[how], tag);
	}
}

/* The control: with no rule, each way of unlinking works. */
TEST_F(compat, no_rule)
{
	enum how how;

	/* Before any check: a skip would hide a failure. */
	if (self->no_ia32)
		SKIP(return, "%s", self->no_ia32);
	for (how = NATIVE; how < NR_HOW; how++)
		expect_unlink(_metadata, self, how, NULL, NULL, NULL, 0, 0);
}

/*
 * A fail rule on unlink, by name: native unlink and both ia32 unlinks
 * fail with its errno, and are counted.
 */
TEST_F(compat, name_covers_ia32)
{
	const char *const rule[] = {
		"syscall=unlink", "action=fail", "error_code=EACCES", NULL,
	};

	if (self->no_ia32)
		SKIP(return, "%s", self->no_ia32);
	expect_unlink(_metadata, self, NATIVE, "native", rule, NULL,
		      EACCES, 1);
	expect_unlink(_metadata, self, INT80, "int80", rule, NULL, EACCES, 1);
	expect_unlink(_metadata, self, HELPER, "helper", rule, NULL,
		      EACCES, 1);
}

/*
 * The README's example, on the test's file: a string filter reads an
 * ia32 call's path through its 32-bit pointer.  Another path does not
 * match.
 */
TEST_F(compat, string_filter)
{
	const char *const rule[] = {
		"syscall=unlink", "action=fail", "error_code=EACCES", NULL,
	};
	char cond[PATH_MAX + 32];
	enum how how;

	if (self->no_ia32)
		SKIP(return, "%s", self->no_ia32);
	snprintf(cond, sizeof(cond), "PARAMS[1] == \"%s\" && UID == 0",
		 self->file);
	for (how = NATIVE; how < NR_HOW; how++)
		expect_unlink(_metadata, self, how, "passwd", rule, cond,
			      EACCES, 1);
	snprintf(cond, sizeof(cond), "PARAMS[1] == \"%s.other\"", self->file);
	for (how = NATIVE; how < NR_HOW; how++)
		expect_unlink(_metadata, self, how, "other", rule, cond, 0, 0);
}

/* x86_64:unlink is native unlink only: the ia32 unlinks pass. */
TEST_F(compat, x86_64_prefix)
{
	const char *const rule[] = {
		"syscall=x86_64:unlink", "action=fail", "error_code=EACCES",
		NULL,
	};

	if (self->no_ia32)
		SKIP(return, "%s", self->no_ia32);
	expect_unlink(_metadata, self, NATIVE, "native", rule, NULL,
		      EACCES, 1);
	expect_unlink(_metadata, self, INT80, "int80", rule, NULL, 0, 0);
	expect_unlink(_metadata, self, HELPER, "helper", rule, NULL, 0, 0);
}

/* ia32:unlink is ia32 unlink only: native unlink passes. */
TEST_F(compat, ia32_prefix)
{
	const char *const rule[] = {
		"syscall=ia32:unlink", "action=fail", "error_code=EACCES",
		NULL,
	};

	if (self->no_ia32)
		SKIP(return, "%s", self->no_ia32);
	expect_unlink(_metadata, self, NATIVE, "native", rule, NULL, 0, 0);
	expect_unlink(_metadata, self, INT80, "int80", rule, NULL, EACCES, 1);
	expect_unlink(_metadata, self, HELPER, "helper", rule, NULL,
		      EACCES, 1);
}

/*
 * Numbers are looked up in the call's own ABI: ia32 10 is not native 10
 * (mprotect), whether the rule names mprotect or the number 10; the rule
 * "ia32:10" is ia32 unlink.
 */
TEST_F(compat, numbers_per_abi)
{
	const char *const mprotect[] = {
		"syscall=mprotect", "action=fail", "error_code=EACCES", NULL,
	};
	const char *const native10[] = {
		"syscall=10", "action=fail", "error_code=EACCES", NULL,
	};
	const char *const ia32_10[] = {
		"syscall=ia32:10", "action=fail", "error_code=EACCES", NULL,
	};

	if (self->no_ia32)
		SKIP(return, "%s", self->no_ia32);
	expect_unlink(_metadata, self, INT80, "mp_int80", mprotect, NULL, 0, 0);
	expect_unlink(_metadata, self, HELPER, "mp_helper", mprotect, NULL,
		      0, 0);
	expect_unlink(_metadata, self, INT80, "n10_int80", native10, NULL,
		      0, 0);
	expect_unlink(_metadata, self, HELPER, "n10_helper", native10, NULL,
		      0, 0);
	expect_unlink(_metadata, self, INT80, "i10_int80", ia32_10, NULL,
		      EACCES, 1);
	expect_unlink(_metadata, self, NATIVE, "i10_native", ia32_10, NULL,
		      0, 0);
}

/* covers: one "ABI NAME NUMBER" line per call the syscall value covers. */
TEST_F(compat, covers)
{
	/* x32's line, where the kernel has x32, is the last. */
	static const struct {
		const char *syscall, *covers, *x32;
	} one[] = {
		{ "unlink", "x86_64 unlink 87\nia32 unlink 10\n",
		  "x32 unlink 87\n" },
		{ "x86_64:unlink", "x86_64 unlink 87\n", "" },
		{ "ia32:unlink", "ia32 unlink 10\n", "" },
		{ "ia32:10", "ia32 unlink 10\n", "" },
		{ "getppid", "x86_64 getppid 110\nia32 getppid 64\n",
		  "x32 getppid 110\n" },
		{ "socketcall", "ia32 socketcall 102\n", "" },
		{ "ia32:setuid32", "ia32 setuid32 213\n", "" },
	};
	/*
	 * setuid: the 16-bit ia32 setuid and setuid32 too, and x32's, in
	 * any order.
	 */
	static const char *const setuid_lines[] = {
		"x86_64 setuid 105", "ia32 setuid 23", "ia32 setuid32 213",
		"x32 setuid 105",
	};
	char want[256];
	const char *r = rule_name(self, "covers");
	char buf[512], *line, *save;
	unsigned int i, lines = 0, found = 0;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){ NULL }));
	/* Empty while no syscall is set. */
	ASSERT_EQ(0, sct_rule_read(r, "covers", buf, sizeof(buf)));
	EXPECT_TRUE(!strcmp(buf, "") || !strcmp(buf, "\n"))
		TH_LOG("covers with no syscall: '%s'", buf);

	for (i = 0; i < ARRAY_SIZE(one); i++) {
		ASSERT_EQ(0, sct_rule_set(r, "syscall", one[i].syscall))
			TH_LOG("syscall %s", one[i].syscall);
		ASSERT_EQ(0, sct_rule_read(r, "covers", buf, sizeof(buf)));
		snprintf(want, sizeof(want), "%s%s", one[i].covers,
			 self->x32 ? one[i].x32 : "");
		EXPECT_STREQ(want, buf)
			TH_LOG("syscall %s", one[i].syscall);
	}

	ASSERT_EQ(0, sct_rule_set(r, "syscall", "setuid"));
	ASSERT_EQ(0, sct_rule_read(r, "covers", buf, sizeof(buf)));
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		lines++;
		for (i = 0; i < 4; i++)
			if (!strcmp(line, setuid_lines[i]))
				found |= 1U << i;
	}
	EXPECT_EQ(self->x32 ? 4U : 3U, lines);
	EXPECT_EQ(self->x32 ? 15U : 7U, found)
		TH_LOG("setuid covers, lines found: %#x", found);

	/* Read-only, and a refused syscall value leaves it as it was. */
	EXPECT_EQ(-EACCES, sct_rule_set(r, "covers", "ia32 unlink 10"));
	ASSERT_EQ(0, sct_rule_set(r, "syscall", "unlink"));
	EXPECT_EQ(-EINVAL, sct_rule_set(r, "syscall", "ia32:no_such_call"));
	ASSERT_EQ(0, sct_rule_read(r, "covers", buf, sizeof(buf)));
	EXPECT_STREQ(self->x32 ? "x86_64 unlink 87\nia32 unlink 10\nx32 unlink 87\n" :
		     "x86_64 unlink 87\nia32 unlink 10\n", buf);
}

/*
 * x32: a rule on unlink, or on x32:unlink, fails x32's unlink; a rule on
 * x86_64:unlink does not.  Records give x32's number, without the bit.
 */
TEST_F(compat, x32)
{
	const char *const any[] = {
		"syscall=unlink", "action=fail", "error_code=EACCES", NULL,
	};
	const char *const x86_64[] = {
		"syscall=x86_64:unlink", "action=fail", "error_code=EACCES",
		NULL,
	};
	const char *const x32[] = {
		"syscall=x32:unlink", "action=fail", "error_code=EACCES", NULL,
	};

	if (!self->x32)
		SKIP(return, "no x32 calls here (CONFIG_X86_X32_ABI=n?)");
	expect_unlink(_metadata, self, X32, NULL, NULL, NULL, 0, 0);
	expect_unlink(_metadata, self, X32, "x32_any", any, NULL, EACCES, 1);
	expect_unlink(_metadata, self, X32, "x32_native", x86_64, NULL, 0, 0);
	expect_unlink(_metadata, self, X32, "x32_own", x32, NULL, EACCES, 1);
	expect_unlink(_metadata, self, NATIVE, "x32_own_nat", x32, NULL, 0, 0);
	/* The path is read through x32's pointer. */
	expect_unlink(_metadata, self, X32, "x32_path", any,
		      "PARAMS[1] ~ \"/tmp/sct_ksft_compat_*\"", EACCES, 1);
}

/* What the syscall attribute takes, and how it reads back. */
TEST_F(compat, syscall_values)
{
	static const char *const good[][2] = {
		{ "unlink", "unlink" },
		{ "ia32:unlink", "ia32:unlink" },
		{ "x86_64:unlink", "x86_64:unlink" },
		{ "ia32:10", "ia32:unlink" },
		{ "ia32:setuid32", "ia32:setuid32" },
		/* Only in ia32: accepted by its name alone. */
		{ "socketcall", "socketcall" },
		{ "ia32:socketcall", "ia32:socketcall" },
	};
	static const char *const bad[] = {
		"ia32:no_such_call", "x86_64:socketcall", "ia32:99999",
		"ia32:-1", "arm64:unlink", "ia32:", ":unlink", "ia32:unlink:",
		"ia32 unlink",
	};
	const char *r = rule_name(self, "values");
	char buf[128];
	unsigned int i;

	ASSERT_EQ(0, sct_rule_make(r, (const char *[]){ NULL }));
	for (i = 0; i < ARRAY_SIZE(good); i++) {
		EXPECT_EQ(0, sct_rule_set(r, "syscall", good[i][0]))
			TH_LOG("'%s' refused", good[i][0]);
		ASSERT_EQ(0, sct_rule_get(r, "syscall", buf, sizeof(buf)));
		EXPECT_STREQ(good[i][1], buf);
	}
	ASSERT_EQ(0, sct_rule_set(r, "syscall", "ia32:unlink"));
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, sct_rule_set(r, "syscall", bad[i]))
			TH_LOG("'%s' accepted", bad[i]);
		ASSERT_EQ(0, sct_rule_get(r, "syscall", buf, sizeof(buf)));
		EXPECT_STREQ("ia32:unlink", buf) TH_LOG("after '%s'", bad[i]);
	}
}

/*
 * Log one unlink, HOW, with a log rule of format FMT, and check the line
 * of /dev/sct_log (LINE) and the record of /dev/sct_records: its ABI and
 * number, the path's address ARG0 (0: some address below 4 GiB), and
 * (PATH_DATA) the path's string.
 */
static void expect_logged(struct __test_metadata *_metadata,
			  FIXTURE_DATA(compat) *self, enum how how,
			  const char *tag, const char *fmt, const char *line,
			  int abi, int nr, unsigned long long arg0,
			  bool path_data)
{
	char fmt_attr[128], buf[8192], text[512];
	const struct sct_record_call *rec = (const void *)buf;
	const char *const rule[] = {
		"syscall=unlink", "action=log", fmt_attr, NULL,
	};
	long long hits;
	int lfd, rfd;
	ssize_t n;

	snprintf(fmt_attr, sizeof(fmt_attr), "log_format=%s", fmt);
	lfd = sct_open_new(SCT_LOG, O_NONBLOCK);
	ASSERT_LE(0, lfd);
	rfd = sct_open_new(SCT_RECORDS, O_NONBLOCK);
	/* The text too: it is compared with the line. */
	ASSERT_EQ(0, ioctl(rfd, SCT_IOC_TEXT, 1));
	ASSERT_LE(0, rfd);

	EXPECT_EQ(0, run_unlink(self, how, tag, rule, NULL, &hits))
		TH_LOG("%s", how_name[how]);
	EXPECT_EQ(1, hits) TH_LOG("%s", how_name[how]);

	ASSERT_EQ(0, sct_read_line(lfd, text, sizeof(text)))
		TH_LOG("%s: no line", how_name[how]);
	EXPECT_STREQ(line, text) TH_LOG("%s", how_name[how]);
	EXPECT_EQ(-EAGAIN, sct_read_line(lfd, text, sizeof(text)));

	n = read(rfd, buf, sizeof(buf));
	ASSERT_LE((ssize_t)sizeof(*rec), n)
		TH_LOG("%s: no record", how_name[how]);
	/* One record, and a layout with the ABI in it. */
	EXPECT_EQ(n, rec->hdr.size);
	EXPECT_EQ(SCT_RECORD_CALL, rec->hdr.type);
	EXPECT_LE(2, rec->hdr.version);
	EXPECT_EQ(abi, rec_abi(rec)) TH_LOG("%s", how_name[how]);
	EXPECT_EQ(nr, rec->nr) TH_LOG("%s", how_name[how]);
	if (arg0) {
		EXPECT_EQ(arg0, rec->args[0]) TH_LOG("%s", how_name[how]);
	} else {
		EXPECT_NE(0ULL, rec->args[0]);
		EXPECT_GT(1ULL << 32, rec->args[0]);
	}
	ASSERT_GE(n, rec->text.off + rec->text.len);
	EXPECT_STREQ(line, buf + rec->text.off);
	if (path_data) {
		ASSERT_EQ(SCT_DATA_STRING, rec->param[0].kind);
		ASSERT_GE(n, rec->param[0].off + rec->param[0].len);
		EXPECT_STREQ(self->file, buf + rec->param[0].off);
	}
	close(lfd);
	close(rfd);
}

/*
 * Records carry the ABI, and %abi, %sname and %sid show the call as its
 * ABI numbers it.
 */
TEST_F(compat, records)
{
	char line[PATH_MAX + 64];

	if (self->no_ia32)
		SKIP(return, "%s", self->no_ia32);
	if (!sct_exists(SCT_LOG))
		SKIP(return, "no " SCT_LOG);

	/* args[0]: the low 32 bits of rbx, which the call used. */
	expect_logged(_metadata, self, INT80, "int80", "%abi %sname %sid",
		      "ia32 unlink 10", SCT_ABI_COMPAT, IA32_UNLINK,
		      (unsigned long)self->low, false);
	snprintf(line, sizeof(line), "ia32 unlink 10 \"%s\"", self->file);
	expect_logged(_metadata, self, INT80, "int80_path",
		      "%abi %sname %sid %params", line, SCT_ABI_COMPAT,
		      IA32_UNLINK, (unsigned long)self->low, true);
	expect_logged(_metadata, self, NATIVE, "native", "%abi %sname %sid",
		      "x86_64 unlink 87", SCT_ABI_NATIVE, SYS_unlink,
		      (unsigned long)self->file, false);
	/* The 32-bit program's path, read through its 32-bit pointer. */
	expect_logged(_metadata, self, HELPER, "helper",
		      "%abi %sname %sid %params", line, SCT_ABI_COMPAT,
		      IA32_UNLINK, 0, true);
}

TEST_HARNESS_MAIN
