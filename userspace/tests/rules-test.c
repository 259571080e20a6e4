// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the rule files of libsct (sct.h), in TAP:
 *
 *   rules-test DATA_DIR
 *
 * DATA_DIR holds the rule examples of the seeds (*.rules, every one must
 * parse) and the passwd and group files that usernametoid() and
 * groupnametoid() read here.  Then: the fields of the seed rules, a print
 * and parse round trip, the exact message of every class of error, the
 * constants against the C library's headers, the macros, the map from
 * filter offsets to the file, and a fuzz test of 10000 mutated inputs
 * (run it built with -fsanitize=address,undefined: a report fails it).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>

#include "sct.h"

static int tap_n;
static int tap_failed;

static bool ok(bool cond, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d ", cond ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond)
		tap_failed++;
	fflush(stdout);
	return cond;
}

/* Print text as TAP diagnostics. */
static void diag(const char *what, const char *text)
{
	const char *p = text, *nl;

	printf("# %s:\n", what);
	while (p && *p) {
		nl = strchr(p, '\n');
		printf("#   %.*s\n", nl ? (int)(nl - p) : (int)strlen(p), p);
		p = nl ? nl + 1 : NULL;
	}
}

/* Parse a string as "t.rules"; *errs gets the messages (free it). */
static int parse(struct sct_rule_set *set, const char *text, size_t len,
		 char **errs)
{
	size_t size;
	FILE *f = open_memstream(errs, &size);
	int ret;

	ret = sct_rules_parse_buffer(set, "t.rules", text, len, f);
	fclose(f);
	return ret;
}

static const char *rule_diff(const struct sct_rule *a,
			     const struct sct_rule *b)
{
	if (strcmp(a->name, b->name))
		return "name";
	if (strcmp(a->syscall, b->syscall) || a->nr != b->nr)
		return "syscall";
	if (a->when != b->when)
		return "when";
	if (strcmp(a->action, b->action))
		return "action";
	if (strcmp(a->error_code, b->error_code))
		return "error_code";
	if (a->order != b->order)
		return "order";
	if (a->cont != b->cont)
		return "cont";
	if (strcmp(a->filter, b->filter))
		return "filter";
	if (strcmp(a->log_format, b->log_format))
		return "log_format";
	if (strcmp(a->log_target, b->log_target))
		return "log_target";
	if (a->enabled != b->enabled)
		return "enabled";
	if (a->order_set != b->order_set)
		return "order_set";
	return NULL;
}

/* Print a rule and parse it back: NULL if the result is the same rule. */
static const char *round_trip(const struct sct_rule *r, char **text)
{
	struct sct_rule_set set = { 0 };
	const char *diff = NULL;
	size_t size;
	char *errs;
	FILE *f;

	f = open_memstream(text, &size);
	if (sct_rule_print(f, r)) {
		fclose(f);
		return "print failed";
	}
	fclose(f);
	if (parse(&set, *text, strlen(*text), &errs) || set.count != 1)
		diff = "parse failed";
	else
		diff = rule_diff(r, &set.rules[0]);
	free(errs);
	sct_rule_set_free(&set);
	return diff;
}

/* ---- The seeds' examples. ---- */

static const struct sct_rule *find(const struct sct_rule_set *set,
				   const char *name)
{
	size_t i;

	for (i = 0; i < set->count; i++)
		if (!strcmp(set->rules[i].name, name))
			return &set->rules[i];
	return NULL;
}

static int filter_cmp(const struct sct_rule *r, const char *filter)
{
	return r ? strcmp(r->filter, filter) : -1;
}

static void test_seeds(const char *dir, struct sct_rule_set *all)
{
	char path[PATH_MAX], buf[512];
	const struct sct_rule *r;
	struct dirent *d;
	size_t before, n;
	DIR *dp;
	int ret;

	dp = opendir(dir);
	if (!ok(dp != NULL, "open the data directory %s", dir))
		return;
	while ((d = readdir(dp))) {
		n = strlen(d->d_name);
		if (n < 7 || strcmp(d->d_name + n - 6, ".rules"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		before = all->count;
		ret = sct_rules_parse_file(all, path, stdout);
		ok(ret == 0 && all->count > before, "seed example %s parses",
		   d->d_name);
	}
	closedir(dp);
	ok(sct_rules_check_set(all, stdout) == 0,
	   "the seed examples have no duplicate names");

	r = find(all, "prevent_delete");
	ok(r && !strcmp(r->syscall, "unlink") && !strcmp(r->action, "fail") &&
	   !strcmp(r->error_code, "-1") && r->when == SCT_WHEN_BEFORE &&
	   !filter_cmp(r, "PARAMS[1]==\"/etc/passwd\" && UID == 0"),
	   "prevent_delete: unlink, fail, -1, before, its filter as written");
	r = find(all, "unlink_rule1");
	ok(r && !strcmp(r->action, "log") &&
	   !strcmp(r->log_format, "%comm : %params delete by %euid --> %suid"),
	   "unlink_rule1: log with the article's log_format");
	r = find(all, "passwd_unlink_rule");
	ok(r && !strcmp(r->log_format,
			"syscall:%pid[%comm].%sid_%sname(%params) (rule  %ruleid)"),
	   "the slide's log_format over two lines is one line");
	ok(!filter_cmp(find(all, "always"), "1"), "filter {1}");
	snprintf(buf, sizeof(buf),
		 "PARAMS[2] & %d && !(PARAMS[2] & %d) || PARAMS[2] == %d",
		 O_EXCL, O_WRONLY | O_RDWR, O_RDONLY);
	r = find(all, "open_excl");
	ok(!filter_cmp(r, buf), "constants and (A|B) resolved: %s",
	   r ? r->filter : "(none)");
	ok(!filter_cmp(find(all, "connect_local"),
		       "SOCKADDR(PARAMS[2]).addr == 16777343"),
	   "ipaddr(\"127.0.0.1\") is s_addr, 16777343 on little endian");
	ok(!filter_cmp(find(all, "echo_port"), "PARAMS[3] == 1792"),
	   "htons(7) is 1792");
	ok(!filter_cmp(find(all, "root_unlink"), "UID == 0"),
	   "usernametoid(\"root\") is 0");
	ok(!filter_cmp(find(all, "wheel_unlink"), "GID == 10"),
	   "groupnametoid(\"wheel\") is 10 in the test group file");
	ok(!filter_cmp(find(all, "boo"),
		       "PID == 1 && PARAMS[1] in (\"boo\", \"bee\", \"bah\")"),
	   "'=' of the slides is '=='");
}

/* ---- Round trip. ---- */

static const char round_trip_rules[] =
	"rule { syscall_name = open rule_name = a }\n"
	"RULE {\n"
	"  SYSCALL_NAME = 2\n"
	"  Rule_Name = b.1-x_y\n"
	"  when = AFTER  # a comment\n"
	"  order = -17\n"
	"  continue = yes\n"
	"  filter_expression {RETVAL < 0 && COMM ~ \"ba*}sh\" # } in a comment\n"
	"     || PARAMS[1] == \"a#b\\\"c\\\\\" }\n"
	"  action { type = log log_format {%retval {x} 100%% %comm} log_target = BOTH }\n"
	"}\n"
	"rule { syscall_name = kill rule_name = k3 action { type = Fail error_code = EACCES } }\n"
	"rule { syscall_name = kill rule_name = k4 action { type = FAIL error_code = EWOULDBLOCK } }\n"
	"rule { syscall_name = kill rule_name = k5 action { type = FAIL error_code = 0x10 } }\n"
	"rule { syscall_name = execve rule_name = s action { type = suspend } when = after order = 0x7fffffff }\n"
	"rule { syscall_name = execve rule_name = kk action { type = KILL } continue = 0 enabled = no }\n"
	"rule { syscall_name = connect rule_name = c filter_expression {\n"
	"    SOCKADDR(PARAMS[2]).family == AF_INET6 &&\n"
	"    SOCKADDR(PARAMS[2]).addr6 in (\"::1\", \"fe80::1\") } }\n"
	"rule { syscall_name = openat rule_name = o filter_expression {\n"
	"    PARAMS[3] & (O_CREAT | O_TRUNC) && !DESCENDANT(1) && PPID != -1 &&\n"
	"    UID in (0, 1000, 0x10) && (PARAMS[4] & (S_IWGRP|S_IWOTH)) } }\n"
	"rule { syscall_name = exit_group rule_name = e when = after\n"
	"  filter_expression {RETVAL == -EPERM || RETVAL == -(ENOENT)} }\n"
	"rule { syscall_name = mmap rule_name = m filter_expression {\n"
	"  PARAMS[3] & PROT_EXEC && PARAMS[4] & MAP_ANONYMOUS } }\n"
	"rule { syscall_name = clone rule_name = cl filter_expression {PARAMS[1] & CLONE_NEWUSER} }\n"
	"rule { syscall_name = kill rule_name = sg filter_expression {PARAMS[2] == SIGKILL} }\n";

static void test_round_trip(void)
{
	struct sct_rule_set set = { 0 }, set2 = { 0 };
	const char *diff;
	char *errs, *text, *all;
	size_t i, size;
	int ret, bad = 0;
	FILE *f;

	ret = parse(&set, round_trip_rules, strlen(round_trip_rules), &errs);
	if (!ok(ret == 0 && set.count == 13, "the round-trip rules parse (%zu)",
		set.count))
		diag("errors", errs);
	free(errs);
	ok(find(&set, "kk") && !find(&set, "kk")->enabled &&
	   find(&set, "a") && find(&set, "a")->enabled,
	   "enabled = no leaves a rule disabled; rules are enabled by default");
	for (i = 0; i < set.count; i++) {
		diff = round_trip(&set.rules[i], &text);
		if (!ok(!diff, "round trip of rule %s", set.rules[i].name)) {
			printf("# differs: %s\n", diff);
			diag("printed", text);
		}
		free(text);
		if (diff)
			bad++;
	}

	/* The whole set printed, parsed and printed again: the same text. */
	f = open_memstream(&all, &size);
	for (i = 0; i < set.count; i++)
		sct_rule_print(f, &set.rules[i]);
	fclose(f);
	ret = parse(&set2, all, strlen(all), &errs);
	f = open_memstream(&text, &size);
	for (i = 0; i < set2.count; i++)
		sct_rule_print(f, &set2.rules[i]);
	fclose(f);
	ok(ret == 0 && !strcmp(all, text), "print, parse, print: the same text");
	free(all);
	free(text);
	free(errs);

	ok(set.count > 1 && !strcmp(set.rules[1].log_target, "both") &&
	   !strcmp(set.rules[1].log_format, "%retval {x} 100%% %comm") &&
	   set.rules[1].order == -17 && set.rules[1].cont == 1 &&
	   set.rules[1].nr == 2 && set.rules[1].when == SCT_WHEN_AFTER,
	   "case-insensitive keywords and values, braces in log_format");
	ok(set.count > 1 && !strcmp(set.rules[1].filter,
	   "RETVAL < 0 && COMM ~ \"ba*}sh\" || PARAMS[1] == \"a#b\\\"c\\\\\""),
	   "'}' and '#' in strings, comments in filters");
	ok(set.count > 3 && !strcmp(set.rules[2].error_code, "EACCES") &&
	   atoi(set.rules[3].error_code) == EWOULDBLOCK &&
	   !strcmp(set.rules[4].error_code, "0x10"),
	   "error_code: kernel names kept, aliases as numbers");
	sct_rule_set_free(&set);
	sct_rule_set_free(&set2);
}

/* ---- Errors: the exact messages. ---- */

static const struct {
	const char *what;
	const char *text;
	const char *errs;
} error_cases[] = {
	{ "missing '='",
	  "rule {\n  syscall_name }\n",
	  "t.rules:2:16: error: unexpected '}', expected '=' after 'syscall_name'\n" },
	{ "a word for '='",
	  "rule {\n  syscall_name unlink\n}\n",
	  "t.rules:2:16: error: unexpected 'unlink', expected '=' after 'syscall_name'\n" },
	{ "missing value",
	  "rule { rule_name = }\n",
	  "t.rules:1:20: error: unexpected '}', expected a value after '='\n" },
	{ "unknown keyword",
	  "rule {\n\tsyscal_name = x\n}\n",
	  "t.rules:2:2: error: unexpected 'syscal_name', expected 'syscall_name', 'rule_name', 'filter_expression', 'action', 'when', 'order', 'continue', 'enabled' or '}'\n" },
	{ "unknown action keyword",
	  "rule { action { when = after } }\n",
	  "t.rules:1:17: error: unexpected 'when', expected 'type', 'error_code', 'log_format', 'log_target' or '}'\n" },
	{ "text outside rules",
	  "syscall_name = x\n",
	  "t.rules:1:1: error: unexpected 'syscall_name', expected end of file or 'rule'\n" },
	{ "missing '{' after rule",
	  "rule syscall_name = x }\n",
	  "t.rules:1:6: error: unexpected 'syscall_name', expected '{' after 'rule'\n" },
	{ "end of file in a rule",
	  "rule { syscall_name = unlink\n",
	  "t.rules:2:1: error: unexpected end of file, expected 'syscall_name', 'rule_name', 'filter_expression', 'action', 'when', 'order', 'continue', 'enabled' or '}'\n" },
	{ "filter_expression without braces",
	  "rule { filter_expression PID == 1 }\n",
	  "t.rules:1:26: error: unexpected 'PID', expected '{' after 'filter_expression'\n" },
	{ "a quote in a value",
	  "rule { rule_name = \"x\" }\n",
	  "t.rules:1:20: error: unexpected '\"x\"', expected a value after '='\n" },
	{ "a NUL byte",
	  "rule { \0 }\n",
	  "t.rules:1:8: error: unexpected '\\x00', expected 'syscall_name', 'rule_name', 'filter_expression', 'action', 'when', 'order', 'continue', 'enabled' or '}'\n" },
	{ "unknown syscall",
	  "rule { syscall_name = unlinkat2 rule_name = x }\n",
	  "t.rules:1:23: error: unknown syscall 'unlinkat2'\n" },
	{ "syscall number out of range",
	  "rule { syscall_name = 99999 rule_name = x }\n",
	  "t.rules:1:23: error: syscall number '99999' is out of range (0 to 462)\n" },
	{ "rule name with a bad character",
	  "rule { syscall_name = open rule_name = a/b }\n",
	  "t.rules:1:40: error: invalid rule name 'a/b': has characters other than A-Z a-z 0-9 _ . -\n" },
	{ "rule name starting with '.'",
	  "rule { syscall_name = open rule_name = .x }\n",
	  "t.rules:1:40: error: invalid rule name '.x': starts with '-' or '.'\n" },
	{ "rule name of 64 characters",
	  "rule { syscall_name = open rule_name = "
	  "a123456789012345678901234567890123456789012345678901234567890123 }\n",
	  "t.rules:1:40: error: invalid rule name 'a123456789012345678901234567890123456789012345678901234567890123': longer than 63 characters\n" },
	{ "bad when",
	  "rule { syscall_name = open rule_name = x when = during }\n",
	  "t.rules:1:49: error: unexpected 'during', expected 'before' or 'after' after 'when ='\n" },
	{ "bad order",
	  "rule { syscall_name = open rule_name = x order = 1e3 }\n",
	  "t.rules:1:50: error: invalid order '1e3': expected an integer from -2147483648 to 2147483647\n" },
	{ "bad continue",
	  "rule { syscall_name = open rule_name = x continue = maybe }\n",
	  "t.rules:1:53: error: unexpected 'maybe', expected 'yes' or 'no' after 'continue ='\n" },
	{ "bad enabled",
	  "rule { syscall_name = open rule_name = x enabled = maybe }\n",
	  "t.rules:1:52: error: unexpected 'maybe', expected 'yes' or 'no' after 'enabled ='\n" },
	{ "bad action type",
	  "rule { syscall_name = open rule_name = x action { type = DENY } }\n",
	  "t.rules:1:58: error: unknown action type 'DENY', expected LOG, FAIL, SUSPEND or KILL\n" },
	{ "bad error name",
	  "rule { syscall_name = open rule_name = x action { type = FAIL error_code = EFOO } }\n",
	  "t.rules:1:76: error: invalid error_code 'EFOO': not an error name or number\n" },
	{ "error number out of range",
	  "rule { syscall_name = open rule_name = x action { type = FAIL error_code = -5000 } }\n",
	  "t.rules:1:76: error: invalid error_code '-5000': out of range (-4095 to 4095)\n" },
	{ "bad log_target",
	  "rule { syscall_name = open rule_name = x action { log_target = syslog } }\n",
	  "t.rules:1:64: error: unknown log_target 'syslog', expected device, printk or both\n" },
	{ "a key twice",
	  "rule {\n  syscall_name = open\n  rule_name = x\n  syscall_name = close\n}\n",
	  "t.rules:4:3: error: 'syscall_name' given twice in this rule (first at line 2)\n" },
	{ "no syscall_name",
	  "rule { rule_name = x }\n",
	  "t.rules:1:1: error: rule has no syscall_name\n" },
	{ "no rule_name",
	  "\n  rule { syscall_name = open }\n",
	  "t.rules:2:3: error: rule has no rule_name\n" },
	{ "neither",
	  "rule { }\n",
	  "t.rules:1:1: error: rule has no syscall_name and no rule_name\n" },
	{ "error_code in a log rule",
	  "rule { syscall_name = open rule_name = x action { error_code = EPERM } }\n",
	  "t.rules:1:51: error: 'error_code' is for type = fail rules only, this one is log\n" },
	{ "log_format in a kill rule",
	  "rule { syscall_name = open rule_name = x action { type = KILL log_format {%pid} } }\n",
	  "t.rules:1:63: error: 'log_format' is for type = log rules only, this one is kill\n" },
	{ "continue in a fail rule",
	  "rule { syscall_name = open rule_name = x continue = yes action { type = FAIL } }\n",
	  "t.rules:1:42: error: 'continue' is for type = log rules only, this one is fail\n" },
	{ "%retval before",
	  "rule { syscall_name = open rule_name = x\n  action { log_format {%pid %retval} } }\n",
	  "t.rules:2:29: error: %retval in log_format needs when = after\n" },
	{ "unknown log_format macro",
	  "rule { syscall_name = open rule_name = x action { log_format {a %foo b} } }\n",
	  "t.rules:1:65: error: unknown log_format macro '%foo'\n" },
	{ "log_format too long",
	  "rule { syscall_name = open rule_name = x action { log_format {"
	  "0123456789012345678901234567890123456789012345678901234567890123456789"
	  "0123456789012345678901234567890123456789012345678901234567890123456789"
	  "0123456789012345678901234567890123456789012345678901234567890123456789"
	  "0123456789012345678901234567890123456789012345678901234567890123456789"
	  "} } }\n",
	  "t.rules:1:318: error: log_format is longer than 255 characters\n" },
	{ "unterminated filter",
	  "rule { syscall_name = open rule_name = x\n  filter_expression { PID == 1\n",
	  "t.rules:2:21: error: unterminated filter_expression: no '}' for this '{'\n" },
	{ "unterminated filter before the next key",
	  "rule { syscall_name = open rule_name = x\n  filter_expression { PID == 1\n  when = after\n}\n"
	  "rule { syscall_name = open rule_name = y }\n",
	  "t.rules:2:21: error: unterminated filter_expression: no '}' for this '{'\n" },
	{ "unterminated log_format before the next key",
	  "rule { syscall_name = open rule_name = x\n  action { log_format {%pid\n  type = LOG } }\n",
	  "t.rules:2:23: error: unterminated log_format: no '}' for this '{'\n" },
	{ "log_format without its '}'",
	  "rule { syscall_name = open rule_name = x\n  action { log_format {%pid\n  }\n}\n",
	  "t.rules:2:23: error: unterminated log_format: no '}' on the line of this '{'\n" },
	{ "unterminated string in a filter",
	  "rule { syscall_name = open rule_name = x\n  filter_expression {COMM == \"ls}\n}\n",
	  "t.rules:2:30: error: unterminated string in filter_expression\n" },
	{ "unknown name in a filter",
	  "rule { syscall_name = open rule_name = x\n  filter_expression {PARAMS[2] & O_CREATE}\n}\n",
	  "t.rules:2:34: error: unknown name 'O_CREATE': not a field, a constant or a macro\n" },
	{ "'|' between fields",
	  "rule { syscall_name = open rule_name = x filter_expression {PID | 1} }\n",
	  "t.rules:1:65: error: '|' joins numbers and constants only (the kernel has no '|')\n" },
	{ "'|' without a constant after it",
	  "rule { syscall_name = open rule_name = x filter_expression {PARAMS[2] & (O_CREAT | PID)} }\n",
	  "t.rules:1:84: error: unexpected 'PID', expected a number or a constant after '|'\n" },
	{ "RETVAL in a before rule",
	  "rule { syscall_name = open rule_name = x\n  filter_expression {\n    PID == 1 ||\n    RETVAL < 0 }\n}\n",
	  "t.rules:4:5: error: RETVAL is known only after the call (when = after)\n" },
	{ "PARAMS[7]",
	  "rule { syscall_name = open rule_name = x filter_expression {PARAMS[7] == 1} }\n",
	  "t.rules:1:68: error: unexpected '7', expected a PARAMS index from 1 to 6\n" },
	{ "a string compared with '<'",
	  "rule { syscall_name = open rule_name = x filter_expression {COMM < \"a\"} }\n",
	  "t.rules:1:66: error: strings take ==, !=, ~ or in, not '<'\n" },
	{ "'~' on a number field",
	  "rule { syscall_name = open rule_name = x filter_expression {UID ~ 1} }\n",
	  "t.rules:1:65: error: '~' matches strings only\n" },
	{ "a number for a string field",
	  "rule { syscall_name = open rule_name = x filter_expression {COMM == 1} }\n",
	  "t.rules:1:69: error: unexpected '1', expected a string\n" },
	{ "bad number",
	  "rule { syscall_name = open rule_name = x filter_expression {PID == 08} }\n",
	  "t.rules:1:68: error: bad number '08'\n" },
	{ "bad number in a '|'",
	  "rule { syscall_name = open rule_name = x filter_expression {PID & (1|09)} }\n",
	  "t.rules:1:70: error: bad number '09'\n" },
	{ "unknown escape",
	  "rule { syscall_name = open rule_name = x filter_expression {COMM == \"a\\qb\"} }\n",
	  "t.rules:1:71: error: unknown escape '\\q' in string (\\\\ \\\" \\n \\t \\r \\xHH)\n" },
	{ "missing ')'",
	  "rule { syscall_name = open rule_name = x filter_expression {(PID == 1 || UID == 0} }\n",
	  "t.rules:1:82: error: unexpected end of filter, expected ')'\n" },
	{ "unbalanced ')'",
	  "rule { syscall_name = open rule_name = x filter_expression {PID == 1)} }\n",
	  "t.rules:1:69: error: unbalanced ')'\n" },
	{ "missing && or ||",
	  "rule { syscall_name = open rule_name = x filter_expression {PID == 1 UID == 0} }\n",
	  "t.rules:1:70: error: unexpected 'UID', expected && or ||\n" },
	{ "unexpected character",
	  "rule { syscall_name = open rule_name = x filter_expression {PID == 1 ; } }\n",
	  "t.rules:1:70: error: unexpected character ';'\n" },
	{ "bad IPv4 address",
	  "rule { syscall_name = connect rule_name = x filter_expression {SOCKADDR(PARAMS[2]).addr == \"1.2.3\"} }\n",
	  "t.rules:1:92: error: unexpected '\"1.2.3\"', expected an IPv4 address \"a.b.c.d\" or a number\n" },
	{ "bad SOCKADDR member",
	  "rule { syscall_name = connect rule_name = x filter_expression {SOCKADDR(PARAMS[2]).ip == 1} }\n",
	  "t.rules:1:84: error: unexpected 'ip', expected family, port, addr or addr6\n" },
	{ "DESCENDANT(0)",
	  "rule { syscall_name = open rule_name = x filter_expression {DESCENDANT(0)} }\n",
	  "t.rules:1:72: error: unexpected '0', expected a process id\n" },
	{ "ipaddr() of a bad address",
	  "rule { syscall_name = connect rule_name = x filter_expression {SOCKADDR(PARAMS[2]).addr == ipaddr(\"300.1.1.1\")} }\n",
	  "t.rules:1:99: error: '\"300.1.1.1\"' is not an IPv4 address a.b.c.d\n" },
	{ "htons() out of range",
	  "rule { syscall_name = sendto rule_name = x filter_expression {PARAMS[3] == htons(70000)} }\n",
	  "t.rules:1:82: error: htons() takes a number from 0 to 65535\n" },
	{ "macro without its argument",
	  "rule { syscall_name = sendto rule_name = x filter_expression {PARAMS[3] == htons} }\n",
	  "t.rules:1:76: error: htons needs an argument: htons(...)\n" },
	{ "macro without ')'",
	  "rule { syscall_name = sendto rule_name = x filter_expression {PARAMS[3] == htons(1 && PID} }\n",
	  "t.rules:1:84: error: unexpected '&&', expected ')' after the argument of htons()\n" },
	{ "unknown user",
	  "rule { syscall_name = open rule_name = x filter_expression {UID == usernametoid(\"nobody9\")} }\n",
	  "t.rules:1:81: error: unknown user '\"nobody9\"' (not in %s)\n" },
	{ "unknown group",
	  "rule { syscall_name = open rule_name = x filter_expression {GID == groupnametoid(\"staff9\")} }\n",
	  "t.rules:1:82: error: unknown group '\"staff9\"' (not in %s)\n" },
	{ "errors in two rules, then a good one",
	  "rule { syscall_name = nosuch rule_name = a }\n"
	  "rule { syscall_name = open rule_name = b when = }\n"
	  "rule { syscall_name = open rule_name = c }\n",
	  "t.rules:1:23: error: unknown syscall 'nosuch'\n"
	  "t.rules:2:49: error: unexpected '}', expected a value after '='\n" },
	{ "two errors in one rule",
	  "rule { syscall_name = nosuch rule_name = -a }\n",
	  "t.rules:1:23: error: unknown syscall 'nosuch'\n"
	  "t.rules:1:42: error: invalid rule name '-a': starts with '-' or '.'\n" },
	{ "a syntax error right after another",
	  "rule { x }\nrule { y }\n",
	  "t.rules:1:8: error: unexpected 'x', expected 'syscall_name', 'rule_name', 'filter_expression', 'action', 'when', 'order', 'continue', 'enabled' or '}'\n"
	  "t.rules:2:8: error: unexpected 'y', expected 'syscall_name', 'rule_name', 'filter_expression', 'action', 'when', 'order', 'continue', 'enabled' or '}'\n" },
};

/* The expected messages, with "(not in %s)" naming the file. */
static char *expand_files(const char *s, const char *file)
{
	const char *at = strstr(s, "(not in %s)");
	size_t n = strlen(s) + strlen(file) + 1;
	char *out = malloc(n);

	if (!at)
		snprintf(out, n, "%s", s);
	else
		snprintf(out, n, "%.*s(not in %s%s", (int)(at - s), s, file,
			 at + 10);
	return out;
}

static void test_errors(const char *dir)
{
	struct sct_rule_set set = { 0 };
	char passwd[PATH_MAX], group[PATH_MAX], *errs, *want;
	size_t i, len, nl;
	int ret;

	snprintf(passwd, sizeof(passwd), "%s/passwd", dir);
	snprintf(group, sizeof(group), "%s/group", dir);
	for (i = 0; i < sizeof(error_cases) / sizeof(error_cases[0]); i++) {
		len = strlen(error_cases[i].text);
		if (!strcmp(error_cases[i].what, "a NUL byte"))
			len = 11;
		want = expand_files(error_cases[i].errs,
				    strstr(error_cases[i].what, "group") ?
				    group : passwd);
		ret = parse(&set, error_cases[i].text, len, &errs);
		for (nl = 0, len = 0; want[len]; len++)
			nl += want[len] == '\n';
		if (!ok(ret == (int)nl && !strcmp(errs, want),
			"error: %s", error_cases[i].what)) {
			printf("# returned %d, expected %zu\n", ret, nl);
			diag("got", errs);
			diag("expected", want);
		}
		free(want);
		free(errs);
	}
	ok(set.count == 2 && !strcmp(set.rules[0].name, "y") &&
	   !strcmp(set.rules[1].name, "c"), "only the good rules are added");
	sct_rule_set_free(&set);
}

static void test_misc(void)
{
	static const char dup[] =
		"rule { syscall_name = open rule_name = x }\n"
		"rule { syscall_name = open rule_name = y }\n";
	static const char dup2[] =
		"\n\nrule { syscall_name = close rule_name = x }\n";
	struct sct_rule_set set = { 0 };
	char *errs, *out;
	size_t size;
	FILE *f;
	int ret;

	parse(&set, dup, strlen(dup), &errs);
	free(errs);
	sct_rules_parse_buffer(&set, "u.rules", dup2, strlen(dup2), NULL);
	f = open_memstream(&out, &size);
	ret = sct_rules_check_set(&set, f);
	fclose(f);
	ok(ret == 1 && !strcmp(out, "u.rules:3:1: error: duplicate rule name 'x' (first at t.rules:1:1)\n"),
	   "duplicate rule names across files");
	free(out);
	sct_rule_set_free(&set);

	f = open_memstream(&out, &size);
	ret = sct_rules_parse_file(&set, "/nonexistent/x.rules", f);
	fclose(f);
	ok(ret == -ENOENT && !strcmp(out, "/nonexistent/x.rules: error: cannot read: No such file or directory\n"),
	   "a file that cannot be read: -ENOENT and a message");
	free(out);

	ret = parse(&set, "rule { syscall_name = open rule_name = f action {\n"
		    "  log_format {\n    %pid\n    %comm\n  }\n} }\n", 92, &errs);
	ok(ret == 0 && set.count == 1 &&
	   !strcmp(set.rules[0].log_format, "%pid %comm"),
	   "a log_format with its braces on lines of their own");
	free(errs);
	sct_rule_set_free(&set);

	ret = parse(&set, "", 0, &errs);
	ok(ret == 0 && set.count == 0 && !*errs, "an empty file has no rules");
	free(errs);
	ret = parse(&set, "# only a comment", 16, &errs);
	ok(ret == 0 && set.count == 0 && !*errs, "a file of comments has no rules");
	free(errs);
	sct_rule_set_free(&set);
}

/* ---- Constants and macros. ---- */

static void test_constants(void)
{
	static const struct {
		const char *name;
		long long value;
	} want[] = {
		{ "O_RDONLY", O_RDONLY }, { "O_WRONLY", O_WRONLY },
		{ "O_CREAT", O_CREAT }, { "O_EXCL", O_EXCL },
		{ "O_TRUNC", O_TRUNC }, { "O_CLOEXEC", O_CLOEXEC },
		{ "O_TMPFILE", O_TMPFILE }, { "EPERM", EPERM },
		{ "ENOENT", ENOENT }, { "EWOULDBLOCK", EWOULDBLOCK },
		{ "AF_INET", AF_INET }, { "AF_INET6", AF_INET6 },
		{ "AF_UNIX", AF_UNIX }, { "SIGKILL", SIGKILL },
		{ "SIGSTOP", SIGSTOP }, { "SIG_BLOCK", SIG_BLOCK },
		{ "S_IRUSR", S_IRUSR }, { "S_ISUID", S_ISUID },
		{ "S_IFMT", S_IFMT }, { "PROT_EXEC", PROT_EXEC },
		{ "MAP_SHARED", MAP_SHARED }, { "MAP_ANONYMOUS", MAP_ANONYMOUS },
		{ "CLONE_NEWNS", CLONE_NEWNS }, { "CLONE_NEWUSER", CLONE_NEWUSER },
	};
	static const char *const not_constants[] = {
		"SIG_DFL", "SIG_IGN", "SIG_ERR", "MAP_FAILED", "SIGRTMIN",
		"SIGRTMAX", "S_ISDIR", "O_FOO", "o_creat",
	};
	size_t i;
	long long v;
	bool good = true;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		if (sct_constant(want[i].name, &v) || v != want[i].value) {
			printf("# %s: %lld, header %lld\n", want[i].name, v,
			       want[i].value);
			good = false;
		}
	}
	ok(good, "constants have the values of the C library's headers");
	good = true;
	for (i = 0; i < sizeof(not_constants) / sizeof(not_constants[0]); i++) {
		if (sct_constant(not_constants[i], &v) != -ENOENT) {
			printf("# %s is a constant\n", not_constants[i]);
			good = false;
		}
	}
	ok(good, "pointers, functions and run-time values are not constants");
	ok(sct_syscall_number("unlink") == 87 && sct_syscall_number("87") == 87 &&
	   sct_syscall_number("nosuch") == -EINVAL &&
	   sct_syscall_number("0x57") == -EINVAL,
	   "syscall names and decimal numbers");
}

static void test_macros(void)
{
	static const struct {
		const char *filter;
		const char *want;
	} cases[] = {
		{ "SOCKADDR(PARAMS[2]).addr == ipaddr( \"10.1.2.3\" )",
		  "SOCKADDR(PARAMS[2]).addr == 50462986" },
		{ "PARAMS[1] == htons(0x1234)", "PARAMS[1] == 13330" },
		{ "PARAMS[1] == htons(AF_INET6)", "PARAMS[1] == 2560" },
		{ "UID in (usernametoid(\"root\"), usernametoid(\"alice\"))",
		  "UID in (0, 1000)" },
		{ "PARAMS[2] & (O_WRONLY | O_RDWR | 0x100)", "PARAMS[2] & 259" },
		{ "PARAMS[2] & ((O_WRONLY) | (O_CREAT|O_EXCL))", "PARAMS[2] & 193" },
		{ "(5) && !(PID == 1)", "(5) && !(PID == 1)" },
		{ "PID = 1", "PID == 1" },
		{ "PARAMS[1] == -1 || PARAMS[1] == -EPERM", "PARAMS[1] == -1 || PARAMS[1] == -1" },
		{ "uid == 0 && Comm == \"x\"", "uid == 0 && Comm == \"x\"" },
		{ "  \n  # only a comment\n  ", "" },
	};
	struct sct_rule_set set = { 0 };
	char text[512], *errs;
	size_t i;
	int ret;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(text, sizeof(text),
			 "rule { syscall_name = open rule_name = m%zu\n"
			 "filter_expression {%s}\n}\n", i, cases[i].filter);
		ret = parse(&set, text, strlen(text), &errs);
		if (!ok(ret == 0 && set.count == i + 1 &&
			!strcmp(set.rules[i].filter, cases[i].want),
			"macros and constants, case %zu: {%s}", i,
			cases[i].want)) {
			diag("errors", errs);
			if (set.count == i + 1)
				printf("# got {%s}\n", set.rules[i].filter);
		}
		free(errs);
		if (set.count != i + 1)
			break;
	}
	sct_rule_set_free(&set);
}

/* ---- The map from filter offsets to the file. ---- */

static void test_filter_pos(void)
{
	static const char text[] =
		"rule {\n"
		"  syscall_name = open rule_name = p\n"
		"  filter_expression {\n"
		"\tPARAMS[2] & (O_CREAT|O_EXCL) # comment\n"
		"\t  && UID == usernametoid(\"root\")\n"
		"  }\n"
		"}\n";
	static const struct {
		const char *at;		/* the text in the resolved filter */
		int line, col;
	} want[] = {
		{ "PARAMS", 4, 2 }, { "[2]", 4, 8 }, { "& 192", 4, 12 },
		{ "192", 4, 14 }, { "&& UID", 5, 4 }, { "UID", 5, 7 },
		{ "== 0", 5, 11 }, { "0", 5, 14 },
	};
	struct sct_rule_set set = { 0 };
	const struct sct_rule *r;
	int line, col, ret;
	char *errs;
	size_t i;
	bool good;

	ret = parse(&set, text, strlen(text), &errs);
	free(errs);
	if (!ok(ret == 0 && set.count == 1, "the map test rule parses"))
		return;
	r = &set.rules[0];
	ok(!strcmp(r->filter, "PARAMS[2] & 192 && UID == 0"),
	   "multi-line filter on one line: {%s}", r->filter);
	good = true;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const char *p = strstr(r->filter, want[i].at);

		if (!p)
			continue;
		sct_rule_filter_pos(r, p - r->filter, &line, &col);
		if (line != want[i].line || col != want[i].col) {
			printf("# '%s' at %d:%d, expected %d:%d\n", want[i].at,
			       line, col, want[i].line, want[i].col);
			good = false;
		}
	}
	ok(good, "filter offsets map to the file, around constants and macros");
	sct_rule_filter_pos(r, strlen(r->filter), &line, &col);
	ok(line == 6 && col == 3, "the end of the filter is its '}' (%d:%d)",
	   line, col);
	sct_rule_filter_pos(r, 4095, &line, &col);
	ok(line == 6 && col == 3, "an offset past the end is the '}' too");
	sct_rule_set_free(&set);
}

/* ---- Bounds: what the kernel refuses, refused here. ---- */

static void test_bounds(void)
{
	struct sct_rule_set set = { 0 };
	char *text, *errs, *p;
	size_t n = 8192;
	int i, ret;

	text = malloc(n);
	p = text + sprintf(text, "rule { syscall_name = open rule_name = x filter_expression {");
	for (i = 0; i < 65; i++)
		p += sprintf(p, "%sPID == %d", i ? " || " : "", i);
	sprintf(p, "} }\n");
	ret = parse(&set, text, strlen(text), &errs);
	ok(ret == 1 && strstr(errs, "error: more than 64 comparisons in the filter"),
	   "65 comparisons are refused");
	free(errs);

	p = text + sprintf(text, "rule { syscall_name = open rule_name = x filter_expression {");
	for (i = 0; i < 64; i++)
		p += sprintf(p, "%sPID == %d", i ? " || " : "", i);
	sprintf(p, "} }\n");
	ret = parse(&set, text, strlen(text), &errs);
	ok(ret == 0, "64 comparisons are taken");
	free(errs);

	p = text + sprintf(text, "rule { syscall_name = open rule_name = y filter_expression {");
	for (i = 0; i < 17; i++)
		p += sprintf(p, "(");
	p += sprintf(p, "PID");
	for (i = 0; i < 17; i++)
		p += sprintf(p, ")");
	sprintf(p, "} }\n");
	ret = parse(&set, text, strlen(text), &errs);
	ok(ret == 1 && strstr(errs, ":1:77: error: nested more than 16 deep"),
	   "17 nested parentheses are refused");
	free(errs);

	p = text + sprintf(text, "rule { syscall_name = open rule_name = z filter_expression {UID in (");
	for (i = 0; i < 17; i++)
		p += sprintf(p, "%s%d", i ? "," : "", i);
	sprintf(p, ")} }\n");
	ret = parse(&set, text, strlen(text), &errs);
	ok(ret == 1 && strstr(errs, "error: more than 16 values in an 'in' list"),
	   "17 values in a list are refused");
	free(errs);

	p = text + sprintf(text, "rule { syscall_name = open rule_name = w filter_expression {COMM == \"");
	memset(p, 'a', 256);
	sprintf(p + 256, "\"} }\n");
	ret = parse(&set, text, strlen(text), &errs);
	ok(ret == 1 && strstr(errs, "error: string longer than 255 characters"),
	   "a string of 256 characters is refused");
	free(errs);

	p = text + sprintf(text, "rule { syscall_name = open rule_name = v filter_expression {");
	for (i = 0; i < 700; i++)
		p += sprintf(p, "%sO_CREAT", i ? "|" : "PARAMS[2] & ");
	sprintf(p, "} }\n");
	ret = parse(&set, text, strlen(text), &errs);
	ok(ret == 0 && set.count == 2 &&
	   !strcmp(set.rules[1].filter, "PARAMS[2] & 64"),
	   "a long filter that is short once resolved is taken");
	free(errs);

	p = text + sprintf(text, "rule { syscall_name = open rule_name = u filter_expression {PID == 1");
	for (i = 0; i < 820; i++)
		p += sprintf(p, "     ");
	sprintf(p, "|| PID == 2} }\n");
	ret = parse(&set, text, strlen(text), &errs);
	ok(ret == 1 && strstr(errs, "error: filter is longer than 4093 characters"),
	   "a filter longer than 4093 characters is refused");
	free(errs);
	free(text);
	sct_rule_set_free(&set);
}

/* ---- Fuzz. ---- */

static uint64_t rng_state = 0x5c7f00d5eed5ULL;

static uint32_t rng(void)
{
	/* xorshift64*: the same inputs on every run. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (rng_state * 0x2545f4914f6cdd1dULL) >> 32;
}

static const char *const fuzz_tokens[] = {
	"rule", "{", "}", "=", "\"", "#", "\n", "\\", "filter_expression",
	"log_format", "action", "type", "when", "after", "FAIL", "LOG",
	"error_code", "(", ")", "|", "&&", "||", "O_CREAT", "ipaddr(",
	"htons(", "usernametoid(\"root\")", "%retval", "%%", "PARAMS[",
	"]", "RETVAL", "SOCKADDR(PARAMS[2]).", "in (", ",", "-", "0x",
	"\"\\x", "DESCENDANT(", "~", "!", "=", " ", "\t", "\0", "\xff",
	"rule_name = r", "syscall_name = open", "}}}}", "{{{{", "-EPERM",
};

static char *fuzz_mutate(const char *const *corpus, size_t ncorpus,
			 size_t *len)
{
	const char *src = corpus[rng() % ncorpus], *other, *tok;
	size_t n = strlen(src), cap = n + 4096, i, k, a, b, olen;
	char *buf = malloc(cap);
	int m, steps = 1 + rng() % 4;

	memcpy(buf, src, n);
	for (m = 0; m < steps; m++) {
		switch (rng() % 5) {
		case 0:		/* flip a byte */
			if (n)
				buf[rng() % n] = rng();
			break;
		case 1:		/* delete a range */
			if (n) {
				a = rng() % n;
				b = a + rng() % 16;
				if (b > n)
					b = n;
				memmove(buf + a, buf + b, n - b);
				n -= b - a;
			}
			break;
		case 2:		/* insert a token */
			tok = fuzz_tokens[rng() % (sizeof(fuzz_tokens) /
						   sizeof(fuzz_tokens[0]))];
			k = *tok ? strlen(tok) : 1;
			if (n + k < cap) {
				a = n ? rng() % (n + 1) : 0;
				memmove(buf + a + k, buf + a, n - a);
				memcpy(buf + a, tok, k);
				n += k;
			}
			break;
		case 3:		/* splice in a piece of another input */
			other = corpus[rng() % ncorpus];
			olen = strlen(other);
			if (!olen)
				break;
			a = rng() % olen;
			k = rng() % 64;
			if (a + k > olen)
				k = olen - a;
			if (n + k < cap) {
				i = n ? rng() % (n + 1) : 0;
				memmove(buf + i + k, buf + i, n - i);
				memcpy(buf + i, other + a, k);
				n += k;
			}
			break;
		default:	/* duplicate a range */
			if (n && n + 64 < cap) {
				a = rng() % n;
				k = rng() % 64;
				if (a + k > n)
					k = n - a;
				memmove(buf + a + k, buf + a, n - a);
				n += k;
			}
			break;
		}
	}
	*len = n;
	return buf;
}

/* Each line "t.rules:L:C: error: ..." with L and C from 1. */
static bool fuzz_lines_good(const char *errs, int count)
{
	const char *p = errs, *nl;
	int lines = 0, line, col, end;

	while (*p) {
		nl = strchr(p, '\n');
		if (!nl)
			return false;
		end = 0;
		if (sscanf(p, "t.rules:%d:%d: error: %n", &line, &col, &end) != 2 ||
		    !end || line < 1 || col < 1 || p + end >= nl)
			return false;
		lines++;
		p = nl + 1;
	}
	return lines == count;
}

static void test_fuzz(const char *dir)
{
	enum { RUNS = 10000 };
	const char *corpus[64];
	size_t ncorpus = 0, len, i, j;
	struct sct_rule_set set = { 0 };
	int ret, bad_ret = 0, bad_lines = 0, bad_trip = 0, rules = 0, line, col;
	char *buf, *errs, *text, path[PATH_MAX];
	const char *diff;
	static char files[8][4096];
	struct dirent *d;
	DIR *dp;
	FILE *f;
	clock_t t0 = clock();

	corpus[ncorpus++] = round_trip_rules;
	for (i = 0; i < sizeof(error_cases) / sizeof(error_cases[0]) &&
	     ncorpus < 50; i++)
		corpus[ncorpus++] = error_cases[i].text;
	dp = opendir(dir);
	for (i = 0; dp && (d = readdir(dp)) && i < 8; ) {
		len = strlen(d->d_name);
		if (len < 7 || strcmp(d->d_name + len - 6, ".rules"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		len = fread(files[i], 1, sizeof(files[i]) - 1, f);
		files[i][len] = '\0';
		fclose(f);
		corpus[ncorpus++] = files[i++];
	}
	if (dp)
		closedir(dp);

	for (i = 0; i < RUNS; i++) {
		buf = fuzz_mutate(corpus, ncorpus, &len);
		ret = parse(&set, buf, len, &errs);
		if (ret < 0) {
			if (!bad_ret++)
				printf("# run %zu returned %d\n", i, ret);
		} else if (!fuzz_lines_good(errs, ret)) {
			if (!bad_lines++)
				diag("messages not one well-formed line per error",
				     errs);
		}
		free(errs);
		for (j = 0; j < set.count; j++) {
			rules++;
			sct_rule_filter_pos(&set.rules[j], rng() % 5000, &line,
					    &col);
			diff = round_trip(&set.rules[j], &text);
			if (diff && !bad_trip++) {
				printf("# round trip of a fuzzed rule: %s\n", diff);
				diag("printed", text);
			}
			free(text);
		}
		sct_rules_check_set(&set, NULL);
		sct_rule_set_free(&set);
		free(buf);
	}
	ok(!bad_ret, "fuzz: %d inputs parse without failing (%d good rules)",
	   RUNS, rules);
	ok(!bad_lines, "fuzz: one well-formed message per error counted");
	ok(!bad_trip, "fuzz: every good rule survives print and parse");
	printf("# fuzz: %.1f s\n", (double)(clock() - t0) / CLOCKS_PER_SEC);
}

int main(int argc, char **argv)
{
	struct sct_rule_set all = { 0 };
	const char *dir = argc > 1 ? argv[1] : "tests/data";
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/passwd", dir);
	setenv("SCT_PASSWD", path, 1);
	snprintf(path, sizeof(path), "%s/group", dir);
	setenv("SCT_GROUP", path, 1);

	test_seeds(dir, &all);
	sct_rule_set_free(&all);
	test_round_trip();
	test_errors(dir);
	test_misc();
	test_constants();
	test_macros();
	test_filter_pos();
	test_bounds();
	test_fuzz(dir);
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}
