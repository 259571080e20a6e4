// SPDX-License-Identifier: GPL-2.0
/*
 * libsct's public API for rules, as a program outside the tree uses it
 * (sct_rule_new(3)): only <sct.h>, no struct layouts.
 *
 *   - every attribute of a rule: a good value round-trips, a bad one is
 *     -EINVAL and changes nothing, with a detail;
 *   - the checks a rule file makes across attributes (an error_code
 *     needs a fail rule, %retval an after rule, ...);
 *   - a rule made by the setters prints as a block that parses back;
 *   - rule sets and rule states;
 *   - sct_set_path(), and that libsct reads no environment variables;
 *   - sct_error_detail() is the calling thread's.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sct.h>

#include "tests.h"

/* Every attribute, and whether it is a string one. */
static const struct {
	enum sct_rule_attr attr;
	const char *name;
	bool str;
	bool ro;
} attrs[] = {
	{ SCT_RULE_ATTR_NAME, "NAME", true, false },
	{ SCT_RULE_ATTR_SYSCALL, "SYSCALL", true, false },
	{ SCT_RULE_ATTR_WHEN, "WHEN", false, false },
	{ SCT_RULE_ATTR_ACTION, "ACTION", false, false },
	{ SCT_RULE_ATTR_ERROR_CODE, "ERROR_CODE", true, false },
	{ SCT_RULE_ATTR_ORDER, "ORDER", false, false },
	{ SCT_RULE_ATTR_CONTINUE, "CONTINUE", false, false },
	{ SCT_RULE_ATTR_FILTER, "FILTER", true, false },
	{ SCT_RULE_ATTR_LOG_FORMAT, "LOG_FORMAT", true, false },
	{ SCT_RULE_ATTR_LOG_TARGET, "LOG_TARGET", false, false },
	{ SCT_RULE_ATTR_ENABLED, "ENABLED", false, false },
	{ SCT_RULE_ATTR_FORCE, "FORCE", false, false },
	{ SCT_RULE_ATTR_ACT_ON_INIT, "ACT_ON_INIT", false, false },
	{ SCT_RULE_ATTR_TRACE, "TRACE", true, false },
	{ SCT_RULE_ATTR_CAPTURE_SIZE, "CAPTURE_SIZE", false, false },
	{ SCT_RULE_ATTR_SYSCALL_NR, "SYSCALL_NR", false, true },
	{ SCT_RULE_ATTR_SYSCALL_ABI, "SYSCALL_ABI", false, true },
	{ SCT_RULE_ATTR_ORDER_SET, "ORDER_SET", false, true },
	{ SCT_RULE_ATTR_FILE, "FILE", true, true },
	{ SCT_RULE_ATTR_LINE, "LINE", false, true },
	{ SCT_RULE_ATTR_COL, "COL", false, true },
};

#define NATTRS	(sizeof(attrs) / sizeof(attrs[0]))

/* Do @a and @b have the same value for every attribute? */
static bool same_attrs(const struct sct_rule *a, const struct sct_rule *b)
{
	const char *sa, *sb;
	int ia, ib;
	size_t i;

	for (i = 0; i < NATTRS; i++) {
		if (attrs[i].str) {
			if (sct_rule_get_str(a, attrs[i].attr, &sa) ||
			    sct_rule_get_str(b, attrs[i].attr, &sb) ||
			    strcmp(sa, sb))
				return false;
		} else {
			if (sct_rule_get_int(a, attrs[i].attr, &ia) ||
			    sct_rule_get_int(b, attrs[i].attr, &ib) ||
			    ia != ib)
				return false;
		}
	}
	return true;
}

static const char *get_str(const struct sct_rule *r, enum sct_rule_attr a)
{
	const char *s;

	return sct_rule_get_str(r, a, &s) ? "(error)" : s;
}

static int get_int(const struct sct_rule *r, enum sct_rule_attr a)
{
	int v;

	return sct_rule_get_int(r, a, &v) ? -12345 : v;
}

/*
 * Setting @attr of @r to string @val is refused with -EINVAL, changes
 * nothing, and says @why.
 */
static void bad_str(struct sct_rule *r, enum sct_rule_attr attr,
		    const char *val, const char *why, const char *what)
{
	struct sct_rule *before;
	int ret;

	if (sct_rule_dup(&before, r))
		return;
	ret = sct_rule_set_str(r, attr, val);
	if (!ok(ret == -EINVAL && same_attrs(r, before) &&
		strstr(sct_error_detail(), why),
		"set_str %s: -EINVAL, nothing changed", what))
		printf("# %d: %s\n", ret, sct_error_detail());
	sct_rule_free(before);
}

static void bad_int(struct sct_rule *r, enum sct_rule_attr attr, int val,
		    const char *why, const char *what)
{
	struct sct_rule *before;
	int ret;

	if (sct_rule_dup(&before, r))
		return;
	ret = sct_rule_set_int(r, attr, val);
	if (!ok(ret == -EINVAL && same_attrs(r, before) &&
		strstr(sct_error_detail(), why),
		"set_int %s: -EINVAL, nothing changed", what))
		printf("# %d: %s\n", ret, sct_error_detail());
	sct_rule_free(before);
}

/* Set string @val; read back @want (NULL: @val). */
static void good_str(struct sct_rule *r, enum sct_rule_attr attr,
		     const char *val, const char *want, const char *what)
{
	int ret = sct_rule_set_str(r, attr, val);

	if (!ok(ret == 0 && !strcmp(get_str(r, attr), want ? want : val),
		"set_str %s round-trips", what))
		printf("# %d: '%s' (%s)\n", ret, get_str(r, attr),
		       sct_error_detail());
}

static void good_int(struct sct_rule *r, enum sct_rule_attr attr, int val,
		     const char *what)
{
	int ret = sct_rule_set_int(r, attr, val);

	if (!ok(ret == 0 && get_int(r, attr) == val,
		"set_int %s round-trips", what))
		printf("# %d: %d (%s)\n", ret, get_int(r, attr),
		       sct_error_detail());
}

static void test_defaults(void)
{
	struct sct_rule *r, *c;
	const char *s;
	size_t i;
	int v;

	if (!ok(sct_rule_new(&r) == 0 && r, "sct_rule_new"))
		return;
	ok(!strcmp(get_str(r, SCT_RULE_ATTR_NAME), "") &&
	   !strcmp(get_str(r, SCT_RULE_ATTR_SYSCALL), "") &&
	   get_int(r, SCT_RULE_ATTR_WHEN) == SCT_WHEN_BEFORE &&
	   get_int(r, SCT_RULE_ATTR_ACTION) == SCT_ACTION_LOG &&
	   !strcmp(get_str(r, SCT_RULE_ATTR_ERROR_CODE), "") &&
	   get_int(r, SCT_RULE_ATTR_ORDER) == 0 &&
	   get_int(r, SCT_RULE_ATTR_CONTINUE) == 0 &&
	   !strcmp(get_str(r, SCT_RULE_ATTR_FILTER), "") &&
	   !strcmp(get_str(r, SCT_RULE_ATTR_LOG_FORMAT), "") &&
	   get_int(r, SCT_RULE_ATTR_LOG_TARGET) == SCT_LOG_TARGET_DEFAULT &&
	   get_int(r, SCT_RULE_ATTR_ENABLED) == 1 &&
	   get_int(r, SCT_RULE_ATTR_FORCE) == 0 &&
	   get_int(r, SCT_RULE_ATTR_ACT_ON_INIT) == 0 &&
	   !strcmp(get_str(r, SCT_RULE_ATTR_TRACE), "") &&
	   get_int(r, SCT_RULE_ATTR_CAPTURE_SIZE) == 0 &&
	   get_int(r, SCT_RULE_ATTR_SYSCALL_NR) == -1 &&
	   get_int(r, SCT_RULE_ATTR_SYSCALL_ABI) == SCT_ABI_ALL &&
	   get_int(r, SCT_RULE_ATTR_ORDER_SET) == 0 &&
	   !strcmp(get_str(r, SCT_RULE_ATTR_FILE), "") &&
	   get_int(r, SCT_RULE_ATTR_LINE) == 0 &&
	   get_int(r, SCT_RULE_ATTR_COL) == 0,
	   "a new rule has a rule file's defaults");

	/* Each attribute has one type; the other is -EINVAL. */
	for (i = 0; i < NATTRS; i++) {
		if (attrs[i].str)
			ok(sct_rule_get_int(r, attrs[i].attr, &v) == -EINVAL &&
			   sct_rule_set_int(r, attrs[i].attr, 0) == -EINVAL,
			   "%s is no int attribute", attrs[i].name);
		else
			ok(sct_rule_get_str(r, attrs[i].attr, &s) == -EINVAL &&
			   sct_rule_set_str(r, attrs[i].attr, "") == -EINVAL,
			   "%s is no string attribute", attrs[i].name);
		if (attrs[i].ro && attrs[i].str)
			ok(sct_rule_set_str(r, attrs[i].attr, "x") == -EINVAL &&
			   strstr(sct_error_detail(), "read-only"),
			   "%s is read-only", attrs[i].name);
		else if (attrs[i].ro)
			ok(sct_rule_set_int(r, attrs[i].attr, 1) == -EINVAL &&
			   strstr(sct_error_detail(), "read-only"),
			   "%s is read-only", attrs[i].name);
	}
	ok(sct_rule_get_int(r, 0, &v) == -EINVAL &&
	   sct_rule_get_str(r, 0, &s) == -EINVAL &&
	   sct_rule_set_int(r, 99, 0) == -EINVAL &&
	   sct_rule_set_str(r, (enum sct_rule_attr)-1, "") == -EINVAL &&
	   strstr(sct_error_detail(), "no rule attribute -1"),
	   "an attribute that does not exist is -EINVAL");
	ok(sct_rule_set_str(r, SCT_RULE_ATTR_NAME, NULL) == -EINVAL,
	   "a NULL string is -EINVAL");

	ok(sct_rule_set_str(r, SCT_RULE_ATTR_NAME, "a") == 0 &&
	   sct_rule_dup(&c, r) == 0 && same_attrs(r, c) &&
	   sct_rule_set_str(c, SCT_RULE_ATTR_NAME, "b") == 0 &&
	   !strcmp(get_str(r, SCT_RULE_ATTR_NAME), "a"),
	   "sct_rule_dup makes a copy of its own");
	sct_rule_free(c);
	sct_rule_free(r);
	sct_rule_free(NULL);
}

/* Every settable attribute: good values round-trip, bad ones change nothing. */
static void test_attrs(void)
{
	char long_name[80], *long_list;
	struct sct_rule *r;
	size_t i, n;

	if (sct_rule_new(&r))
		return;

	/* NAME */
	good_str(r, SCT_RULE_ATTR_NAME, "prevent_delete", NULL, "NAME");
	good_str(r, SCT_RULE_ATTR_NAME, "a-b.c_9", NULL, "NAME with - . _");
	memset(long_name, 'x', 63);
	long_name[63] = '\0';
	good_str(r, SCT_RULE_ATTR_NAME, long_name, NULL, "NAME of 63");
	long_name[63] = 'x';
	long_name[64] = '\0';
	bad_str(r, SCT_RULE_ATTR_NAME, long_name, "longer than 63",
		"NAME of 64");
	bad_str(r, SCT_RULE_ATTR_NAME, "", "empty", "NAME empty");
	bad_str(r, SCT_RULE_ATTR_NAME, "a/b", "has characters", "NAME a/b");
	bad_str(r, SCT_RULE_ATTR_NAME, "../x", "starts with", "NAME ../x");
	bad_str(r, SCT_RULE_ATTR_NAME, "-x", "starts with", "NAME -x");

	/* SYSCALL: normalised, with its number and ABI. */
	good_str(r, SCT_RULE_ATTR_SYSCALL, "unlink", NULL, "SYSCALL");
	ok(get_int(r, SCT_RULE_ATTR_SYSCALL_NR) == 87 &&
	   get_int(r, SCT_RULE_ATTR_SYSCALL_ABI) == SCT_ABI_ALL,
	   "SYSCALL unlink: number 87, every ABI");
	good_str(r, SCT_RULE_ATTR_SYSCALL, "ia32:unlink", NULL,
		 "SYSCALL ia32:unlink");
	ok(get_int(r, SCT_RULE_ATTR_SYSCALL_NR) == 10 &&
	   get_int(r, SCT_RULE_ATTR_SYSCALL_ABI) == SCT_ABI_COMPAT,
	   "SYSCALL ia32:unlink: ia32 number 10");
	good_str(r, SCT_RULE_ATTR_SYSCALL, " unlinkat , unlink,87",
		 "unlink,unlinkat", "SYSCALL list, normalised");
	ok(get_int(r, SCT_RULE_ATTR_SYSCALL_NR) == -1,
	   "SYSCALL list: no one number");
	bad_str(r, SCT_RULE_ATTR_SYSCALL, "nosuchcall",
		"unknown syscall 'nosuchcall'", "SYSCALL unknown");
	bad_str(r, SCT_RULE_ATTR_SYSCALL, "read,", "empty item",
		"SYSCALL empty item");
	bad_str(r, SCT_RULE_ATTR_SYSCALL, "", "empty item", "SYSCALL empty");
	bad_str(r, SCT_RULE_ATTR_SYSCALL, "99999", "out of range",
		"SYSCALL number out of range");
	bad_str(r, SCT_RULE_ATTR_SYSCALL, "%nosuch", "unknown syscall class",
		"SYSCALL class");
	/* Longer than the kernel takes once normalised: every ABI's names. */
	n = sct_syscall_count() + sct_syscall_count_abi(SCT_ABI_COMPAT);
	long_list = calloc(n, 32);
	if (long_list) {
		for (i = 0; i < n; i++) {
			bool native = i < (size_t)sct_syscall_count();

			sprintf(long_list + strlen(long_list), "%s%s:%zu",
				i ? "," : "", native ? "x86_64" : "ia32",
				native ? i : i - sct_syscall_count());
		}
		bad_str(r, SCT_RULE_ATTR_SYSCALL, long_list,
			"longer than 4094", "SYSCALL too long");
		free(long_list);
	}
	ok(!strcmp(get_str(r, SCT_RULE_ATTR_SYSCALL), "unlink,unlinkat"),
	   "SYSCALL kept its value through the bad ones");

	/* WHEN */
	good_int(r, SCT_RULE_ATTR_WHEN, SCT_WHEN_AFTER, "WHEN after");
	good_int(r, SCT_RULE_ATTR_WHEN, SCT_WHEN_BEFORE, "WHEN before");
	bad_int(r, SCT_RULE_ATTR_WHEN, 2, "is not SCT_WHEN_BEFORE",
		"WHEN 2");
	bad_int(r, SCT_RULE_ATTR_WHEN, -1, "is not SCT_WHEN_BEFORE",
		"WHEN -1");

	/* ORDER */
	good_int(r, SCT_RULE_ATTR_ORDER, -7, "ORDER");
	good_int(r, SCT_RULE_ATTR_ORDER, INT_MAX, "ORDER INT_MAX");
	ok(get_int(r, SCT_RULE_ATTR_ORDER_SET) == 1, "ORDER set: ORDER_SET");

	/* ENABLED */
	good_int(r, SCT_RULE_ATTR_ENABLED, 0, "ENABLED 0");
	good_int(r, SCT_RULE_ATTR_ENABLED, 1, "ENABLED 1");
	bad_int(r, SCT_RULE_ATTR_ENABLED, 2, "is not 0 or 1", "ENABLED 2");

	/* Log rules: CONTINUE, LOG_FORMAT, LOG_TARGET, TRACE, CAPTURE_SIZE. */
	good_int(r, SCT_RULE_ATTR_CONTINUE, 1, "CONTINUE 1");
	bad_int(r, SCT_RULE_ATTR_CONTINUE, -1, "is not 0 or 1", "CONTINUE -1");
	good_int(r, SCT_RULE_ATTR_CONTINUE, 0, "CONTINUE 0");
	good_str(r, SCT_RULE_ATTR_LOG_FORMAT, "%ruleid %comm {%pid}", NULL,
		 "LOG_FORMAT");
	good_str(r, SCT_RULE_ATTR_LOG_FORMAT, "a\n   b", "a b",
		 "LOG_FORMAT, a line break a blank");
	bad_str(r, SCT_RULE_ATTR_LOG_FORMAT, "%nosuch",
		"log_format: column 1: unknown log_format macro '%nosuch'",
		"LOG_FORMAT unknown macro");
	bad_str(r, SCT_RULE_ATTR_LOG_FORMAT, "x %retval",
		"%retval in log_format needs when = after",
		"LOG_FORMAT %retval before");
	bad_str(r, SCT_RULE_ATTR_LOG_FORMAT, "a { b", "unbalanced braces",
		"LOG_FORMAT unbalanced");
	memset(long_name, 'x', sizeof(long_name) - 1);
	long_list = malloc(300);
	if (long_list) {
		memset(long_list, 'f', 299);
		long_list[299] = '\0';
		bad_str(r, SCT_RULE_ATTR_LOG_FORMAT, long_list,
			"longer than 255", "LOG_FORMAT too long");
		free(long_list);
	}
	good_int(r, SCT_RULE_ATTR_LOG_TARGET, SCT_LOG_TARGET_PRINTK,
		 "LOG_TARGET printk");
	good_int(r, SCT_RULE_ATTR_LOG_TARGET, SCT_LOG_TARGET_BOTH,
		 "LOG_TARGET both");
	good_int(r, SCT_RULE_ATTR_LOG_TARGET, SCT_LOG_TARGET_DEVICE,
		 "LOG_TARGET device");
	bad_int(r, SCT_RULE_ATTR_LOG_TARGET, 4, "is not a target",
		"LOG_TARGET 4");
	good_int(r, SCT_RULE_ATTR_LOG_TARGET, SCT_LOG_TARGET_DEFAULT,
		 "LOG_TARGET default");
	bad_int(r, SCT_RULE_ATTR_CAPTURE_SIZE, 64, "needs a trace",
		"CAPTURE_SIZE without a trace");
	good_str(r, SCT_RULE_ATTR_TRACE, "t1", NULL, "TRACE");
	bad_str(r, SCT_RULE_ATTR_TRACE, "a/b", "invalid trace name",
		"TRACE a/b");
	good_int(r, SCT_RULE_ATTR_CAPTURE_SIZE, 4096, "CAPTURE_SIZE 4096");
	bad_int(r, SCT_RULE_ATTR_CAPTURE_SIZE, 4097, "out of range",
		"CAPTURE_SIZE 4097");
	bad_int(r, SCT_RULE_ATTR_CAPTURE_SIZE, -1, "out of range",
		"CAPTURE_SIZE -1");
	bad_str(r, SCT_RULE_ATTR_TRACE, "", "needs one",
		"TRACE cleared with a capture size");
	good_int(r, SCT_RULE_ATTR_CAPTURE_SIZE, 0, "CAPTURE_SIZE 0");
	good_str(r, SCT_RULE_ATTR_TRACE, "", NULL, "TRACE cleared");

	/* FILTER: constants resolved; RETVAL needs an after rule. */
	good_str(r, SCT_RULE_ATTR_FILTER,
		 "PARAMS[2] & O_CREAT && UID == 0",
		 "PARAMS[2] & 64 && UID == 0", "FILTER, O_CREAT resolved");
	{
		int line = 0, col = 0;

		/* "UID" is at offset 18 of the result, column 24 of the value. */
		sct_rule_filter_pos(r, 18, &line, &col);
		ok(line == 1 && col == 24,
		   "sct_rule_filter_pos: a column of the value set");
	}
	bad_str(r, SCT_RULE_ATTR_FILTER, "UID == NO_SUCH",
		"filter_expression: column 8:", "FILTER unknown constant");
	bad_str(r, SCT_RULE_ATTR_FILTER, "RETVAL < 0", "RETVAL",
		"FILTER RETVAL before");
	bad_str(r, SCT_RULE_ATTR_FILTER, "UID ==",
		"filter_expression: column 7: unexpected end of filter",
		"FILTER incomplete");
	good_int(r, SCT_RULE_ATTR_WHEN, SCT_WHEN_AFTER, "WHEN after again");
	good_str(r, SCT_RULE_ATTR_FILTER, "RETVAL < 0", NULL,
		 "FILTER RETVAL after");
	bad_int(r, SCT_RULE_ATTR_WHEN, SCT_WHEN_BEFORE,
		"the filter does not hold before the call",
		"WHEN before with a RETVAL filter");
	good_str(r, SCT_RULE_ATTR_FILTER, "", NULL, "FILTER cleared");
	good_str(r, SCT_RULE_ATTR_LOG_FORMAT, "%ruleid = %retval", NULL,
		 "LOG_FORMAT %retval after");
	bad_int(r, SCT_RULE_ATTR_WHEN, SCT_WHEN_BEFORE,
		"%retval in log_format needs when = after",
		"WHEN before with %retval");
	good_str(r, SCT_RULE_ATTR_LOG_FORMAT, "", NULL, "LOG_FORMAT cleared");
	good_int(r, SCT_RULE_ATTR_WHEN, SCT_WHEN_BEFORE, "WHEN before again");

	/* What log rules take, on other actions, and the other way. */
	bad_str(r, SCT_RULE_ATTR_ERROR_CODE, "EACCES", "for fail rules only",
		"ERROR_CODE on a log rule");
	bad_int(r, SCT_RULE_ATTR_FORCE, 1, "for fail, suspend or kill",
		"FORCE on a log rule");
	bad_int(r, SCT_RULE_ATTR_ACT_ON_INIT, 1, "for fail, suspend or kill",
		"ACT_ON_INIT on a log rule");
	good_int(r, SCT_RULE_ATTR_CONTINUE, 1, "CONTINUE 1 again");
	bad_int(r, SCT_RULE_ATTR_ACTION, SCT_ACTION_FAIL,
		"continue is set, which fail rules do not take",
		"ACTION fail with continue");
	good_int(r, SCT_RULE_ATTR_CONTINUE, 0, "CONTINUE 0 again");

	/* ACTION, ERROR_CODE, FORCE, ACT_ON_INIT */
	good_int(r, SCT_RULE_ATTR_ACTION, SCT_ACTION_FAIL, "ACTION fail");
	good_str(r, SCT_RULE_ATTR_ERROR_CODE, "EACCES", NULL,
		 "ERROR_CODE name");
	good_str(r, SCT_RULE_ATTR_ERROR_CODE, "-13", NULL,
		 "ERROR_CODE number");
	good_str(r, SCT_RULE_ATTR_ERROR_CODE, "EWOULDBLOCK", "11",
		 "ERROR_CODE alias, as its number");
	bad_str(r, SCT_RULE_ATTR_ERROR_CODE, "512", "out of range",
		"ERROR_CODE 512");
	bad_str(r, SCT_RULE_ATTR_ERROR_CODE, "ERESTARTSYS", "kernel-internal",
		"ERROR_CODE ERESTARTSYS");
	bad_str(r, SCT_RULE_ATTR_ERROR_CODE, "ENOSUCH", "not an error name",
		"ERROR_CODE unknown");
	bad_int(r, SCT_RULE_ATTR_LOG_TARGET, SCT_LOG_TARGET_PRINTK,
		"for log rules only", "LOG_TARGET on a fail rule");
	bad_int(r, SCT_RULE_ATTR_CONTINUE, 1, "for log rules only",
		"CONTINUE on a fail rule");
	bad_str(r, SCT_RULE_ATTR_LOG_FORMAT, "%pid", "for log rules only",
		"LOG_FORMAT on a fail rule");
	good_int(r, SCT_RULE_ATTR_FORCE, 1, "FORCE 1");
	bad_int(r, SCT_RULE_ATTR_FORCE, 3, "is not 0 or 1", "FORCE 3");
	good_int(r, SCT_RULE_ATTR_ACT_ON_INIT, 1, "ACT_ON_INIT 1");
	bad_int(r, SCT_RULE_ATTR_ACT_ON_INIT, 2, "is not 0 or 1",
		"ACT_ON_INIT 2");
	bad_int(r, SCT_RULE_ATTR_ACTION, SCT_ACTION_LOG,
		"error_code is set, which log rules do not take",
		"ACTION log with an error_code");
	good_str(r, SCT_RULE_ATTR_ERROR_CODE, "", NULL, "ERROR_CODE cleared");
	good_int(r, SCT_RULE_ATTR_ACTION, SCT_ACTION_SUSPEND,
		 "ACTION suspend, with force");
	good_int(r, SCT_RULE_ATTR_ACTION, SCT_ACTION_KILL, "ACTION kill");
	bad_int(r, SCT_RULE_ATTR_ACTION, 4, "is not an action", "ACTION 4");
	bad_int(r, SCT_RULE_ATTR_ACTION, -1, "is not an action", "ACTION -1");
	bad_int(r, SCT_RULE_ATTR_ACTION, SCT_ACTION_LOG,
		"force is set, which log rules do not take",
		"ACTION log with force");
	good_int(r, SCT_RULE_ATTR_FORCE, 0, "FORCE 0");
	good_int(r, SCT_RULE_ATTR_ACT_ON_INIT, 0, "ACT_ON_INIT 0");
	good_int(r, SCT_RULE_ATTR_ACTION, SCT_ACTION_LOG, "ACTION log");
	sct_rule_free(r);
}

/* A rule made by the setters prints as a rule file, which parses back. */
static void test_print(void)
{
	struct sct_ruleset *set;
	struct sct_rule *r, *back;
	char *text = NULL;
	size_t len = 0;
	FILE *out;
	int ret;

	if (sct_rule_new(&r) || sct_ruleset_new(&set))
		return;
	ret = sct_rule_set_str(r, SCT_RULE_ATTR_NAME, "no_passwd") ||
	      sct_rule_set_str(r, SCT_RULE_ATTR_SYSCALL, "unlink,unlinkat") ||
	      sct_rule_set_int(r, SCT_RULE_ATTR_WHEN, SCT_WHEN_AFTER) ||
	      sct_rule_set_str(r, SCT_RULE_ATTR_FILTER,
			       "PARAMS[1] == \"/etc/passwd\" && RETVAL == 0") ||
	      sct_rule_set_int(r, SCT_RULE_ATTR_ORDER, 5) ||
	      sct_rule_set_str(r, SCT_RULE_ATTR_TRACE, "t") ||
	      sct_rule_set_int(r, SCT_RULE_ATTR_CAPTURE_SIZE, 128) ||
	      sct_rule_set_str(r, SCT_RULE_ATTR_LOG_FORMAT, "%sname = %retval") ||
	      sct_rule_set_int(r, SCT_RULE_ATTR_LOG_TARGET,
			       SCT_LOG_TARGET_BOTH) ||
	      sct_rule_set_int(r, SCT_RULE_ATTR_CONTINUE, 1) ||
	      sct_rule_set_int(r, SCT_RULE_ATTR_ENABLED, 0);
	ok(!ret, "a log rule made by the setters");
	out = open_memstream(&text, &len);
	if (!out)
		goto out;
	ret = sct_rule_print(out, r);
	fclose(out);
	ret = ret ?: sct_rules_parse_buffer(set, "made", text, len, NULL);
	back = sct_ruleset_rule(set, 0);
	ok(ret == 0 && sct_ruleset_count(set) == 1 && back &&
	   sct_rule_same(r, back) &&
	   !strcmp(get_str(back, SCT_RULE_ATTR_FILE), "made") &&
	   get_int(back, SCT_RULE_ATTR_LINE) == 1 &&
	   get_int(back, SCT_RULE_ATTR_COL) == 1,
	   "it prints as a rule file that parses back into the same rule");
	if (ret)
		diag("text", text ? text : "");
	free(text);

	ok(sct_ruleset_rule(set, 1) == NULL, "sct_ruleset_rule past the end");
	ok(sct_ruleset_add(set, r) == 0 && sct_ruleset_count(set) == 2 &&
	   sct_rule_same(sct_ruleset_rule(set, 1), r) &&
	   sct_rules_check_set(set, NULL) == 1,
	   "sct_ruleset_add, and a duplicate name is an error of the set");
	/* A rule of a set may be changed in place. */
	ok(sct_rule_set_str(sct_ruleset_rule(set, 1), SCT_RULE_ATTR_NAME,
			    "other") == 0 &&
	   sct_rules_check_set(set, NULL) == 0,
	   "a rule of a set changed in place");
out:
	sct_ruleset_free(set);
	sct_ruleset_free(NULL);
	sct_rule_free(r);
}

static int rm_tree(const char *path)
{
	return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* sct_rule_read() into a rule and a rule state, on a fake configfs. */
static void test_state(void)
{
	static const char *const files[][2] = {
		{ "syscall", "ia32:unlink\n" }, { "when", "after\n" },
		{ "action", "fail\n" }, { "error_code", "EACCES\n" },
		{ "order", "3\n" }, { "continue", "0\n" },
		{ "filter", "UID == 0\n" }, { "log_format", "\n" },
		{ "log_target", "device\n" }, { "enabled", "1\n" },
		{ "force", "1\n" }, { "act_on_init", "0\n" },
		{ "trace", "\n" }, { "capture_size", "0\n" },
		{ "filter_error", "\n" }, { "hits", "12\n" }, { "id", "5\n" },
	};
	char tmpl[] = "/tmp/sct-api-test.XXXXXX", dir[PATH_MAX];
	struct sct_rule_state *st;
	struct sct_rule *r;
	const char *root;
	size_t i;
	int ret, v;

	root = mkdtemp(tmpl);
	if (!ok(root != NULL, "a directory for configfs"))
		return;
	if (sct_rule_new(&r) || sct_rule_state_new(&st))
		return;
	ok(sct_rule_state_hits(st) == 0 && sct_rule_state_id(st) == 0,
	   "a new rule state is zero");
	snprintf(dir, sizeof(dir), "%s/rules", root);
	mkdir(dir, 0755);
	snprintf(dir, sizeof(dir), "%s/rules/r", root);
	mkdir(dir, 0755);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		put_file(dir, files[i][0], files[i][1]);
	ok(sct_set_path(SCT_PATH_CONFIGFS, root) == 0 &&
	   !strcmp(sct_get_path(SCT_PATH_CONFIGFS), root),
	   "sct_set_path: configfs");
	ret = sct_rule_read("r", r, st);
	ok(ret == 0 && sct_rule_state_hits(st) == 12 &&
	   sct_rule_state_id(st) == 5 &&
	   !strcmp(get_str(r, SCT_RULE_ATTR_NAME), "r") &&
	   !strcmp(get_str(r, SCT_RULE_ATTR_SYSCALL), "ia32:unlink") &&
	   get_int(r, SCT_RULE_ATTR_SYSCALL_NR) == 10 &&
	   get_int(r, SCT_RULE_ATTR_SYSCALL_ABI) == SCT_ABI_COMPAT &&
	   get_int(r, SCT_RULE_ATTR_WHEN) == SCT_WHEN_AFTER &&
	   get_int(r, SCT_RULE_ATTR_ACTION) == SCT_ACTION_FAIL &&
	   !strcmp(get_str(r, SCT_RULE_ATTR_ERROR_CODE), "EACCES") &&
	   get_int(r, SCT_RULE_ATTR_ORDER) == 3 &&
	   !strcmp(get_str(r, SCT_RULE_ATTR_FILTER), "UID == 0") &&
	   get_int(r, SCT_RULE_ATTR_FORCE) == 1,
	   "sct_rule_read into a rule and a rule state");
	/* An action this libsct does not know: -EPROTO. */
	put_file(dir, "action", "zap\n");
	ret = sct_rule_read("r", r, NULL);
	if (!ok(ret == 0 &&
		sct_rule_get_int(r, SCT_RULE_ATTR_ACTION, &v) == -EPROTO &&
		strstr(sct_error_detail(), "type 'zap'"),
		"an action this libsct does not know: -EPROTO"))
		printf("# %d: %s\n", ret, sct_error_detail());
	sct_set_path(SCT_PATH_CONFIGFS, NULL);
	rm_tree(root);
	sct_rule_state_free(st);
	sct_rule_state_free(NULL);
	sct_rule_free(r);
}

/* libsct reads no environment variables; sct_set_path() points it. */
static void test_paths(const char *data)
{
	static const char *const vars[] = {
		"SCT_CONFIGFS", "SCT_RECORDS", "SCT_CMDLINE", "SCT_PASSWD",
		"SCT_GROUP",
	};
	static const char rules[] =
		"rule { syscall_name = read rule_name = r\n"
		"  filter_expression { UID == usernametoid(\"sct-api-test-user\") } }\n";
	char tmpl[] = "/tmp/sct-api-test.XXXXXX", path[PATH_MAX + 32];
	char *long_path, *saved[6];
	struct sct_ruleset *set;
	struct sct_log *log;
	const char *root;
	int ret, fd;
	size_t i;

	(void)data;
	/* The other tests' paths, put back at the end. */
	for (i = 0; i < 6; i++) {
		saved[i] = strdup(sct_get_path(i));
		sct_set_path(i, NULL);
	}
	ok(!strcmp(sct_get_path(SCT_PATH_CONFIGFS), "/sys/kernel/config/sct") &&
	   !strcmp(sct_get_path(SCT_PATH_RECORDS), "/dev/sct_records") &&
	   !strcmp(sct_get_path(SCT_PATH_CMDLINE), "/proc/cmdline") &&
	   !strcmp(sct_get_path(SCT_PATH_PASSWD), "/etc/passwd") &&
	   !strcmp(sct_get_path(SCT_PATH_GROUP), "/etc/group") &&
	   sct_get_path(SCT_PATH_GUARDIAN)[0] == '/' &&
	   strstr(sct_get_path(SCT_PATH_GUARDIAN), "/sct/sct-guardian") &&
	   sct_get_path(6) == NULL && sct_get_path(-1) == NULL,
	   "sct_get_path: the system's paths (the guardian's: %s)",
	   sct_get_path(SCT_PATH_GUARDIAN));
	ok(sct_set_path(6, "/x") == -EINVAL &&
	   sct_set_path((enum sct_path)-1, "/x") == -EINVAL,
	   "sct_set_path: an unknown path is -EINVAL");
	long_path = malloc(PATH_MAX + 1);
	if (long_path) {
		memset(long_path, 'a', PATH_MAX);
		long_path[PATH_MAX] = '\0';
		ok(sct_set_path(SCT_PATH_CMDLINE, "/x") == 0 &&
		   sct_set_path(SCT_PATH_CMDLINE, long_path) == -ENAMETOOLONG &&
		   !strcmp(sct_get_path(SCT_PATH_CMDLINE), "/x") &&
		   sct_set_path(SCT_PATH_CMDLINE, "") == 0 &&
		   !strcmp(sct_get_path(SCT_PATH_CMDLINE), "/proc/cmdline"),
		   "sct_set_path: too long is -ENAMETOOLONG, unchanged; \"\" resets");
		free(long_path);
	}

	/* A fake tree, named by each of the old variables. */
	root = mkdtemp(tmpl);
	if (!ok(root != NULL, "a directory for the environment"))
		goto out;
	snprintf(path, sizeof(path), "%s/rules", root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/rules/envrule", root);
	mkdir(path, 0755);
	put_file(root, "cmdline", "quiet sct=off\n");
	put_file(root, "passwd", "sct-api-test-user:x:4242:4242::/:/bin/sh\n");
	put_file(root, "records", "");
	setenv("SCT_CONFIGFS", root, 1);
	snprintf(path, sizeof(path), "%s/records", root);
	setenv("SCT_RECORDS", path, 1);
	snprintf(path, sizeof(path), "%s/cmdline", root);
	setenv("SCT_CMDLINE", path, 1);
	snprintf(path, sizeof(path), "%s/passwd", root);
	setenv("SCT_PASSWD", path, 1);
	setenv("SCT_GROUP", path, 1);

	ok(sct_rule_exists("envrule") != 1,
	   "$SCT_CONFIGFS is not read");
	ret = sct_disabled_at_boot();
	ok(ret != 1, "$SCT_CMDLINE is not read");
	ret = sct_log_open(&log, NULL, SCT_LOG_NONBLOCK);
	if (!ret)
		sct_log_close(log);
	fd = open("/dev/sct_records", O_RDONLY);
	if (fd >= 0)
		close(fd);
	ok(fd >= 0 ? 1 : ret != 0, "$SCT_RECORDS is not read");
	if (!sct_ruleset_new(&set)) {
		ret = sct_rules_parse_buffer(set, "env", rules, strlen(rules),
					     NULL);
		ok(ret == 1, "$SCT_PASSWD is not read");
		sct_ruleset_free(set);
	}
	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		unsetenv(vars[i]);

	/* The same files, by sct_set_path(). */
	sct_set_path(SCT_PATH_CONFIGFS, root);
	ok(sct_rule_exists("envrule") == 1, "sct_set_path: configfs");
	snprintf(path, sizeof(path), "%s/cmdline", root);
	sct_set_path(SCT_PATH_CMDLINE, path);
	ok(sct_disabled_at_boot() == 1, "sct_set_path: the command line");
	snprintf(path, sizeof(path), "%s/records", root);
	sct_set_path(SCT_PATH_RECORDS, path);
	ret = sct_log_open(&log, NULL, SCT_LOG_NONBLOCK);
	ok(ret == 0, "sct_set_path: the records device");
	if (!ret)
		sct_log_close(log);
	snprintf(path, sizeof(path), "%s/passwd", root);
	sct_set_path(SCT_PATH_PASSWD, path);
	if (!sct_ruleset_new(&set)) {
		ret = sct_rules_parse_buffer(set, "env", rules, strlen(rules),
					     NULL);
		ok(ret == 0 && sct_ruleset_count(set) == 1 &&
		   !strcmp(get_str(sct_ruleset_rule(set, 0),
				   SCT_RULE_ATTR_FILTER), "UID == 4242"),
		   "sct_set_path: the user database");
		sct_ruleset_free(set);
	}
	rm_tree(root);
out:
	for (i = 0; i < 6; i++) {
		sct_set_path(i, saved[i]);
		free(saved[i]);
	}
}

/* The detail is the calling thread's. */
static void *other_thread(void *arg)
{
	struct sct_rule *r;
	bool *good = arg;

	if (sct_rule_new(&r))
		return NULL;
	*good = sct_rule_set_str(r, SCT_RULE_ATTR_NAME, "-bad") == -EINVAL &&
		strstr(sct_error_detail(), "starts with") != NULL;
	sct_rule_free(r);
	return NULL;
}

static void test_detail_thread(void)
{
	struct sct_rule *r;
	bool good = false;
	pthread_t t;

	if (sct_rule_new(&r))
		return;
	sct_rule_set_int(r, SCT_RULE_ATTR_ENABLED, 7);
	if (!pthread_create(&t, NULL, other_thread, &good))
		pthread_join(t, NULL);
	ok(good && strstr(sct_error_detail(), "enabled: 7 is not 0 or 1"),
	   "sct_error_detail is the calling thread's");
	ok(sct_rule_set_int(r, SCT_RULE_ATTR_ENABLED, 0) == 0 &&
	   !strcmp(sct_error_detail(), ""),
	   "a call that succeeds clears the detail");
	sct_rule_free(r);
}

/* sct_rules_parse_file() on a FIFO, so that it waits for the writer. */
static void *parse_thread(void *arg)
{
	struct sct_ruleset *set;
	int *ret = arg;

	*ret = -ENOMEM;
	if (sct_ruleset_new(&set))
		return NULL;
	*ret = sct_rules_parse_file(set, "fifo", NULL);
	sct_ruleset_free(set);
	return NULL;
}

/*
 * The file sct_rules_parse_file() reads is open close-on-exec: a fork
 * and exec of another thread does not inherit it.  Read from the
 * descriptor's fdinfo while the parser waits on a FIFO.
 */
static void test_parse_cloexec(void)
{
	char tmpl[] = "/tmp/sct-api-fifo.XXXXXX", cwd[PATH_MAX], path[300];
	char link[PATH_MAX], fifo[PATH_MAX + 8], line[128];
	unsigned int flags = 0;
	int wfd = -1, ret = 1, found = 0;
	struct dirent *de;
	pthread_t t;
	DIR *dir;
	FILE *f;

	if (!getcwd(cwd, sizeof(cwd)) || !mkdtemp(tmpl) || chdir(tmpl) ||
	    mkfifo("fifo", 0600)) {
		ok(false, "parse: a FIFO to read rules from");
		return;
	}
	snprintf(fifo, sizeof(fifo), "%s/fifo", tmpl);
	if (pthread_create(&t, NULL, parse_thread, &ret)) {
		ok(false, "parse: a thread to parse the FIFO");
		goto out;
	}
	/* Returns once the parser opened the FIFO to read. */
	wfd = open("fifo", O_WRONLY | O_CLOEXEC);
	dir = opendir("/proc/self/fd");
	while (wfd >= 0 && dir && (de = readdir(dir))) {
		ssize_t n;

		snprintf(path, sizeof(path), "/proc/self/fd/%s", de->d_name);
		n = readlink(path, link, sizeof(link) - 1);
		if (n <= 0 || atoi(de->d_name) == wfd)
			continue;
		link[n] = '\0';
		if (strcmp(link, fifo))
			continue;
		snprintf(path, sizeof(path), "/proc/self/fdinfo/%s",
			 de->d_name);
		f = fopen(path, "re");
		while (f && fgets(line, sizeof(line), f))
			if (sscanf(line, "flags: %o", &flags) == 1)
				found = 1;
		if (f)
			fclose(f);
	}
	if (dir)
		closedir(dir);
	if (wfd >= 0)
		close(wfd);
	pthread_join(t, NULL);
	ok(found && (flags & O_CLOEXEC) && ret == 0,
	   "sct_rules_parse_file opens the file close-on-exec (flags 0%o, %d)",
	   flags, ret);
out:
	unlink("fifo");
	if (chdir(cwd) || rmdir(tmpl))
		ok(false, "parse: the FIFO's directory is removed");
}

void test_api(const char *data)
{
	test_defaults();
	test_attrs();
	test_print();
	test_state();
	test_paths(data);
	test_detail_thread();
	test_parse_cloexec();
}
