// SPDX-License-Identifier: GPL-2.0
/*
 * Rules name native syscalls.  A call through the 32-bit compat ABI
 * numbers its syscalls differently (ia32 10 is unlink, native 10 is
 * mprotect) and passes through sct untouched.
 *
 * sct_compat_helper, a 32-bit program, unlinks a file with int $0x80
 * while fail rules on native mprotect and native unlink name its pid.
 */
#include <libgen.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "sct_test.h"

static int helper_path(char *buf, size_t size)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n < 0)
		return -1;
	self[n] = '\0';
	snprintf(buf, size, "%s/sct_compat_helper", dirname(self));
	return access(buf, X_OK);
}

/*
 * Run the unlinking child (the 32-bit helper, or native unlink) under a
 * fail rule on SYSCALL that names the child's pid.  Returns the child's
 * exit status (127: the helper could not be run) and the rule's hits.
 */
static int run_under_rule(const char *helper, const char *syscall_name,
			  const char *file, long long *hits)
{
	const char *name = "ksft_compat";
	char filter[64], c;
	int go[2], status;
	pid_t pid;

	if (pipe(go))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (read(go[0], &c, 1) != 1)
			_exit(3);
		if (helper) {
			execl(helper, helper, file, (char *)NULL);
			_exit(127);
		}
		_exit(syscall(SYS_unlink, file) ? 1 : 0);
	}
	snprintf(filter, sizeof(filter), "filter=PID == %d", pid);
	if (sct_rule_make(name, (const char *[]){
		syscall_name, filter, "action=fail", "error_code=EACCES",
		"enabled=1", NULL })) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		sct_rule_remove(name);
		return -1;
	}
	if (write(go[1], "g", 1) != 1 || waitpid(pid, &status, 0) != pid)
		status = -1;
	*hits = sct_rule_hits(name);
	sct_rule_remove(name);
	close(go[0]);
	close(go[1]);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(compat_calls_pass_through)
{
	static const char *const rules[] = {
		"syscall=mprotect",	/* native 10: ia32 unlink's number */
		"syscall=unlink",	/* native unlink, by name */
	};
	char helper[PATH_MAX], file[64];
	long long hits;
	unsigned int i;
	int ret;

	if (!sct_present())
		SKIP(return, "no sct");
	if (helper_path(helper, sizeof(helper)))
		SKIP(return, "no sct_compat_helper");
	snprintf(file, sizeof(file), "/tmp/sct_ksft_compat_%d", getpid());

	/* The control: a native unlink by that pid is failed. */
	ASSERT_EQ(0, sct_write_file(file));
	EXPECT_EQ(1, run_under_rule(NULL, "syscall=unlink", file, &hits));
	EXPECT_EQ(1, hits);
	EXPECT_TRUE(sct_exists(file));

	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, sct_write_file(file));
		ret = run_under_rule(helper, rules[i], file, &hits);
		if (ret == 127) {
			unlink(file);
			SKIP(return, "cannot run 32-bit programs (IA32_EMULATION=n?)");
		}
		EXPECT_EQ(0, ret) TH_LOG("%s", rules[i]);
		EXPECT_EQ(0, hits) TH_LOG("%s", rules[i]);
		EXPECT_FALSE(sct_exists(file)) TH_LOG("%s", rules[i]);
	}
	unlink(file);
}

TEST_HARNESS_MAIN
