// SPDX-License-Identifier: GPL-2.0
/*
 * sct configfs interface: the tree under /sys/kernel/config/sct exists,
 * and rules are made with mkdir and removed with rmdir.
 */
#include <dirent.h>
#include <stdlib.h>

#include "kselftest_harness.h"
#include "sct_test.h"

/* The kernel runs sct: this one fails, rather than skips, without it. */
TEST(tree)
{
	struct stat st;

	ASSERT_TRUE(sct_present())
		TH_LOG("no %s: is configfs mounted, CONFIG_SYSCALL_TRACK=y?",
		       SCT_CONFIGFS);
	ASSERT_EQ(0, stat(SCT_RULES, &st));
	EXPECT_TRUE(S_ISDIR(st.st_mode));
	ASSERT_EQ(0, stat(SCT_CONFIGFS "/version", &st));
	EXPECT_TRUE(S_ISREG(st.st_mode));
	EXPECT_EQ(0444U, st.st_mode & 0777U);
}

TEST(version)
{
	char buf[64], *end;
	long v;

	if (!sct_present())
		SKIP(return, "no sct");

	ASSERT_LT(0, sct_read_attr(SCT_CONFIGFS "/version", buf, sizeof(buf)));
	/* One positive decimal number and a newline. */
	v = strtol(buf, &end, 10);
	EXPECT_LE(1, v);
	EXPECT_STREQ("\n", end);
}

TEST(version_is_read_only)
{
	int fd;

	if (!sct_present())
		SKIP(return, "no sct");

	fd = open(SCT_CONFIGFS "/version", O_WRONLY);
	EXPECT_EQ(-1, fd);
	EXPECT_EQ(EACCES, errno);
	if (fd >= 0)
		close(fd);
}

TEST(rules_group_is_fixed)
{
	if (!sct_present())
		SKIP(return, "no sct");

	/* A default group cannot be removed, and files cannot be made. */
	EXPECT_EQ(-1, rmdir(SCT_RULES));
	EXPECT_TRUE(sct_exists(SCT_RULES));
	EXPECT_EQ(-1, open(SCT_RULES "/file", O_CREAT | O_WRONLY, 0600));
	EXPECT_FALSE(sct_exists(SCT_RULES "/file"));
	EXPECT_EQ(-1, mkdir(SCT_CONFIGFS "/other", 0755));
	EXPECT_FALSE(sct_exists(SCT_CONFIGFS "/other"));
}

FIXTURE(rule)
{
	char path[PATH_MAX];
	char name[64];
};

FIXTURE_SETUP(rule)
{
	if (!sct_present())
		SKIP(return, "no sct");
	snprintf(self->name, sizeof(self->name), "ksft_%d", getpid());
	snprintf(self->path, sizeof(self->path), "%s/%s", SCT_RULES,
		 self->name);
}

/*
 * In the parent, once the test's process is gone: also after a failed
 * ASSERT, which 6.12's harness may let skip a FIXTURE_TEARDOWN (it keeps
 * the child's pid in a variable that longjmp() may clobber).  @self is
 * shared with the test's process.
 */
FIXTURE_TEARDOWN_PARENT(rule)
{
	rmdir(self->path);
}

/* Is name listed in the rules directory? */
static int listed(const char *name)
{
	struct dirent *de;
	int found = 0;
	DIR *d;

	d = opendir(SCT_RULES);
	if (!d)
		return -1;
	while ((de = readdir(d)))
		if (!strcmp(de->d_name, name))
			found = 1;
	closedir(d);
	return found;
}

TEST_F(rule, mkdir_rmdir)
{
	struct stat st;

	ASSERT_EQ(0, mkdir(self->path, 0755));
	ASSERT_EQ(0, stat(self->path, &st));
	EXPECT_TRUE(S_ISDIR(st.st_mode));
	EXPECT_EQ(1, listed(self->name));

	ASSERT_EQ(0, rmdir(self->path));
	EXPECT_FALSE(sct_exists(self->path));
	EXPECT_EQ(0, listed(self->name));

	/* The name is free again. */
	ASSERT_EQ(0, mkdir(self->path, 0755));
	ASSERT_EQ(0, rmdir(self->path));
}

TEST_F(rule, mkdir_twice)
{
	ASSERT_EQ(0, mkdir(self->path, 0755));
	EXPECT_EQ(-1, mkdir(self->path, 0755));
	EXPECT_EQ(EEXIST, errno);
}

TEST_F(rule, rmdir_missing)
{
	EXPECT_EQ(-1, rmdir(self->path));
	EXPECT_EQ(ENOENT, errno);
}

TEST_F(rule, bad_names)
{
	static const char *const bad[] = {
		"has space", "semi;colon", "quote\"", "new\nline", "-dash",
		".dot", "colon:", "tab\t", "star*",
		/* 64 characters: one too many. */
		"a123456789012345678901234567890123456789012345678901234567890123",
	};
	char path[PATH_MAX];
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", SCT_RULES, bad[i]);
		EXPECT_EQ(-1, mkdir(path, 0755)) {
			TH_LOG("'%s' was accepted", bad[i]);
			rmdir(path);
		}
		EXPECT_EQ(EINVAL, errno);
		EXPECT_FALSE(sct_exists(path));
	}
}

TEST_F(rule, good_names)
{
	static const char *const good[] = {
		"prevent_delete", "unlink_rule1", "a", "_x", "9lives",
		"with-dash.and.dots",
		/* 63 characters: the longest name. */
		"a12345678901234567890123456789012345678901234567890123456789012",
	};
	char path[PATH_MAX];
	unsigned int i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", SCT_RULES, good[i]);
		EXPECT_EQ(0, mkdir(path, 0755))
			TH_LOG("'%s': %s", good[i], strerror(errno));
		EXPECT_EQ(0, rmdir(path));
	}
}

TEST(many_rules)
{
	char path[PATH_MAX];
	int i, made = 0;

	if (!sct_present())
		SKIP(return, "no sct");

	for (i = 0; i < 200; i++) {
		snprintf(path, sizeof(path), "%s/ksft_many_%d", SCT_RULES, i);
		if (mkdir(path, 0755) == 0)
			made++;
	}
	EXPECT_EQ(200, made);
	for (i = 0; i < 200; i++) {
		snprintf(path, sizeof(path), "%s/ksft_many_%d", SCT_RULES, i);
		EXPECT_EQ(0, rmdir(path));
	}
}

TEST_HARNESS_MAIN
