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
 * Also the parts of libsct that need no kernel: the syscall tables of
 * every ABI, records as JSON (task records also as text) and read with
 * sct_log_next(), and rules and traces written to and read from a
 * directory that stands for configfs (SCT_PATH_CONFIGFS), with the attributes
 * an older kernel lacks.  records-test.c has the lines of call records,
 * held to the kernel's own format.c, and the streams of traces.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stddef.h>
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
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "rules-internal.h"
#include "sct-private.h"
#include "tests.h"

static int tap_n;
static int tap_failed;

bool ok(bool cond, const char *fmt, ...)
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
void diag(const char *what, const char *text)
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
static int parse(struct sct_ruleset *set, const char *text, size_t len,
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
	if (strcmp(a->syscall, b->syscall) || a->nr != b->nr ||
	    a->abi != b->abi)
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
	if (a->force != b->force)
		return "force";
	if (a->act_on_init != b->act_on_init)
		return "act_on_init";
	if (strcmp(a->trace, b->trace))
		return "trace";
	if (a->capture_size != b->capture_size)
		return "capture_size";
	if (a->order_set != b->order_set)
		return "order_set";
	return NULL;
}

/* Print a rule and parse it back: NULL if the result is the same rule. */
static const char *round_trip(const struct sct_rule *r, char **text)
{
	struct sct_ruleset set = { 0 };
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
	sct_ruleset_clear(&set);
	return diff;
}

/* ---- The seeds' examples. ---- */

static const struct sct_rule *find(const struct sct_ruleset *set,
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

static void test_seeds(const char *dir, struct sct_ruleset *all)
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
	"rule { syscall_name = kill rule_name = sg filter_expression {PARAMS[2] == SIGKILL} }\n"
	"rule { syscall_name = ia32:unlink rule_name = i1 force = yes act_on_init = YES\n"
	"  action { type = FAIL error_code = 511 } }\n"
	"rule { syscall_name = socketcall rule_name = sc action { type = KILL } force = no }\n"
	"rule { syscall_name = x86_64:setuid rule_name = su act_on_init = 1 action { type = suspend } }\n"
	"rule { syscall_name = ia32:213 rule_name = s32 action { log_format {%abi %sname %sid} } }\n"
	"rule { syscall_name = setuid32 rule_name = s32b action { type = FAIL error_code = 0 } }\n"
	"rule { syscall_name = x32:read rule_name = xr }\n"
	"rule { syscall_name = x32:512 rule_name = xn action { type = FAIL } }\n"
	"rule { syscall_name = * rule_name = tr trace = build.1-x_Y }\n"
	"rule { syscall_name = unlink rule_name = tk TRACE = t action { type = KILL } act_on_init = yes }\n"
	"rule { syscall_name = execve rule_name = cx trace = t capture_size = 4096 when = after }\n"
	"rule { syscall_name = read,write rule_name = c1 Capture_Size = 0001 trace = t\n"
	"  action { type = LOG log_format {%pid} } }\n"
	"rule { syscall_name = read rule_name = c0 capture_size = 0 action { type = FAIL } }\n";

static void test_round_trip(void)
{
	struct sct_ruleset set = { 0 }, set2 = { 0 };
	const char *diff;
	char *errs, *text, *all;
	size_t i, size;
	int ret, bad = 0;
	FILE *f;

	ret = parse(&set, round_trip_rules, strlen(round_trip_rules), &errs);
	if (!ok(ret == 0 && set.count == 25, "the round-trip rules parse (%zu)",
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
	ok(find(&set, "i1") && !strcmp(find(&set, "i1")->error_code, "511") &&
	   find(&set, "s32b") && !strcmp(find(&set, "s32b")->error_code, "0"),
	   "error_code: 511 and 0 are taken");
	ok(find(&set, "i1") && find(&set, "i1")->abi == SCT_ABI_COMPAT &&
	   find(&set, "i1")->nr == 10 &&
	   !strcmp(find(&set, "i1")->syscall, "ia32:unlink") &&
	   find(&set, "su") && find(&set, "su")->abi == SCT_ABI_NATIVE &&
	   find(&set, "su")->nr == 105 &&
	   find(&set, "s32") && find(&set, "s32")->abi == SCT_ABI_COMPAT &&
	   find(&set, "s32")->nr == 213,
	   "syscall_name = ABI:NAME and ABI:NUMBER: that ABI's number");
	ok(find(&set, "xr") && find(&set, "xr")->abi == SCT_ABI_X32 &&
	   find(&set, "xr")->nr == 0 &&
	   !strcmp(find(&set, "xr")->syscall, "x32:read") &&
	   find(&set, "xn") && find(&set, "xn")->abi == SCT_ABI_X32 &&
	   find(&set, "xn")->nr == 512 &&
	   !strcmp(find(&set, "xn")->syscall, "x32:rt_sigaction"),
	   "syscall_name = x32:NAME and x32:NUMBER (without bit 30) are taken, a number as its name");
	ok(find(&set, "sc") && find(&set, "sc")->abi == SCT_ABI_ALL &&
	   find(&set, "sc")->nr == -1 &&
	   find(&set, "s32b") && find(&set, "s32b")->abi == SCT_ABI_ALL &&
	   find(&set, "a") && find(&set, "a")->abi == SCT_ABI_ALL &&
	   find(&set, "a")->nr == 2,
	   "a name of ia32 alone (socketcall, setuid32) is a syscall_name");
	ok(find(&set, "i1") && find(&set, "i1")->force &&
	   find(&set, "i1")->act_on_init && find(&set, "sc") &&
	   !find(&set, "sc")->force && !find(&set, "sc")->act_on_init &&
	   find(&set, "su") && find(&set, "su")->act_on_init &&
	   !find(&set, "su")->force && find(&set, "kk") &&
	   !find(&set, "kk")->force && !find(&set, "kk")->act_on_init,
	   "force and act_on_init: yes/no, 0 by default");
	ok(find(&set, "s32") &&
	   !strcmp(find(&set, "s32")->log_format, "%abi %sname %sid"),
	   "%%abi is a log_format macro");
	{
		const struct sct_rule *i1 = find(&set, "i1"), *k = find(&set, "kk");
		char *t1 = NULL, *t2 = NULL;

		if (i1)
			round_trip(i1, &t1);
		if (k)
			round_trip(k, &t2);
		ok(t1 && t2 && strstr(t1, "\tforce = yes\n") &&
		   strstr(t1, "\tact_on_init = yes\n") &&
		   strstr(t1, "syscall_name = ia32:unlink\n") &&
		   !strstr(t2, "force") && !strstr(t2, "act_on_init"),
		   "force and act_on_init are printed when set, only then");
		ok(t1 && t2 && !strstr(t1, "trace") && !strstr(t2, "trace"),
		   "a rule without a trace prints none");
		free(t1);
		free(t2);
	}
	{
		const struct sct_rule *tr = find(&set, "tr"), *tk = find(&set, "tk");
		char *t1 = NULL;

		ok(tr && !strcmp(tr->trace, "build.1-x_Y") && tk &&
		   !strcmp(tk->trace, "t") && tk->act_on_init &&
		   !strcmp(tk->action, "kill") && find(&set, "a") &&
		   !find(&set, "a")->trace[0],
		   "trace = NAME (a case-insensitive keyword, a name as written); \"\" by default");
		if (tr)
			round_trip(tr, &t1);
		ok(t1 && strstr(t1, "\ttrace = build.1-x_Y\n"),
		   "a rule's trace is printed as trace = NAME");
		free(t1);
	}
	{
		const struct sct_rule *cx = find(&set, "cx"), *c1 = find(&set, "c1");
		const struct sct_rule *c0 = find(&set, "c0"), *tr = find(&set, "tr");
		char *t1 = NULL, *t2 = NULL, *t3 = NULL;

		ok(cx && cx->capture_size == 4096 && c1 &&
		   c1->capture_size == 1 && c0 && !c0->capture_size && tr &&
		   !tr->capture_size,
		   "capture_size = N (1 to 4096, a case-insensitive keyword, leading zeros); 0 by default");
		ok(c0 && !strcmp(c0->action, "fail") && !c0->trace[0],
		   "capture_size = 0 goes without a trace, and with any action");
		if (cx)
			round_trip(cx, &t1);
		if (c1)
			round_trip(c1, &t2);
		if (c0)
			round_trip(c0, &t3);
		ok(t1 && t2 && t3 && strstr(t1, "\ttrace = t\n\tcapture_size = 4096\n") &&
		   strstr(t2, "\tcapture_size = 1\n") &&
		   !strstr(t3, "capture_size"),
		   "capture_size is printed when not 0, only then");
		free(t1);
		free(t2);
		free(t3);
	}
	sct_ruleset_clear(&set);
	sct_ruleset_clear(&set2);
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
	  "t.rules:2:2: error: unexpected 'syscal_name', expected 'syscall_name', 'rule_name', 'filter_expression', 'action', 'when', 'order', 'continue', 'enabled', 'force', 'act_on_init', 'trace', 'capture_size' or '}'\n" },
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
	  "t.rules:2:1: error: unexpected end of file, expected 'syscall_name', 'rule_name', 'filter_expression', 'action', 'when', 'order', 'continue', 'enabled', 'force', 'act_on_init', 'trace', 'capture_size' or '}'\n" },
	{ "filter_expression without braces",
	  "rule { filter_expression PID == 1 }\n",
	  "t.rules:1:26: error: unexpected 'PID', expected '{' after 'filter_expression'\n" },
	{ "a quote in a value",
	  "rule { rule_name = \"x\" }\n",
	  "t.rules:1:20: error: unexpected '\"x\"', expected a value after '='\n" },
	{ "a NUL byte",
	  "rule { \0 }\n",
	  "t.rules:1:8: error: unexpected '\\x00', expected 'syscall_name', 'rule_name', 'filter_expression', 'action', 'when', 'order', 'continue', 'enabled', 'force', 'act_on_init', 'trace', 'capture_size' or '}'\n" },
	{ "unknown syscall",
	  "rule { syscall_name = unlinkat2 rule_name = x }\n",
	  "t.rules:1:23: error: unknown syscall 'unlinkat2'\n" },
	{ "syscall number out of range",
	  "rule { syscall_name = 99999 rule_name = x }\n",
	  "t.rules:1:23: error: syscall number '99999' is out of range (0 to 462)\n" },
	{ "unknown ia32 syscall",
	  "rule { syscall_name = ia32:nosuch rule_name = x }\n",
	  "t.rules:1:23: error: unknown ia32 syscall 'nosuch'\n" },
	{ "an ia32 syscall named as x86_64",
	  "rule { syscall_name = x86_64:socketcall rule_name = x }\n",
	  "t.rules:1:23: error: unknown x86_64 syscall 'socketcall' (ia32 has it: write ia32:socketcall or socketcall)\n" },
	{ "an x86_64 syscall named as ia32",
	  "rule { syscall_name = ia32:newfstatat rule_name = x }\n",
	  "t.rules:1:23: error: unknown ia32 syscall 'newfstatat' (x86_64 has it: write x86_64:newfstatat or newfstatat)\n" },
	{ "unknown ABI",
	  "rule { syscall_name = arm:read rule_name = x }\n",
	  "t.rules:1:23: error: unknown ABI 'arm' in 'arm:read': expected x86_64, ia32 or x32\n" },
	{ "an empty ABI",
	  "rule { syscall_name = :read rule_name = x }\n",
	  "t.rules:1:23: error: unknown ABI '' in ':read': expected x86_64, ia32 or x32\n" },
	{ "unknown x32 syscall",
	  "rule { syscall_name = x32:nosuch rule_name = x }\n",
	  "t.rules:1:23: error: unknown x32 syscall 'nosuch'\n" },
	{ "a 64-bit only syscall named as x32",
	  "rule { syscall_name = x32:uselib rule_name = x }\n",
	  "t.rules:1:23: error: unknown x32 syscall 'uselib' (x86_64 has it: write x86_64:uselib or uselib)\n" },
	{ "an ia32 syscall named as x32",
	  "rule { syscall_name = x32:socketcall rule_name = x }\n",
	  "t.rules:1:23: error: unknown x32 syscall 'socketcall' (ia32 has it: write ia32:socketcall or socketcall)\n" },
	{ "x32 syscall number out of range",
	  "rule { syscall_name = x32:999 rule_name = x }\n",
	  "t.rules:1:23: error: x32 syscall number '999' is out of range (0 to 547)\n" },
	{ "ia32 syscall number out of range",
	  "rule { syscall_name = ia32:999 rule_name = x }\n",
	  "t.rules:1:23: error: ia32 syscall number '999' is out of range (0 to 462)\n" },
	{ "an ABI without a name",
	  "rule { syscall_name = ia32: rule_name = x }\n",
	  "t.rules:1:23: error: unknown ia32 syscall ''\n" },
	{ "an empty item between two ','",
	  "rule { syscall_name = read,,write rule_name = x }\n",
	  "t.rules:1:28: error: empty item in the syscall list: nothing between two ','\n" },
	{ "a blank item",
	  "rule { syscall_name = read, ,write rule_name = x }\n",
	  "t.rules:1:29: error: empty item in the syscall list: nothing between two ','\n" },
	{ "a list that starts with ','",
	  "rule { syscall_name = ,read rule_name = x }\n",
	  "t.rules:1:23: error: empty item in the syscall list: nothing before the first ','\n" },
	{ "a list that ends with ','",
	  "rule { syscall_name = read,\n  rule_name = x }\n",
	  "t.rules:1:27: error: empty item in the syscall list: nothing after the last ','\n" },
	{ "a ',' alone",
	  "rule { syscall_name = , rule_name = x }\n",
	  "t.rules:1:23: error: empty item in the syscall list: nothing before the first ','\n" },
	{ "an unknown syscall in a list",
	  "rule { syscall_name = read , unlnk,write rule_name = x }\n",
	  "t.rules:1:30: error: unknown syscall 'unlnk'\n" },
	{ "two bad items in a list",
	  "rule { syscall_name = nosuch,read,ia32:nosuch rule_name = x }\n",
	  "t.rules:1:23: error: unknown syscall 'nosuch'\n"
	  "t.rules:1:35: error: unknown ia32 syscall 'nosuch'\n" },
	{ "a number out of range in a list",
	  "rule { syscall_name = read,\tx32:999 rule_name = x }\n",
	  "t.rules:1:29: error: x32 syscall number '999' is out of range (0 to 547)\n" },
	{ "an unknown class",
	  "rule { syscall_name = %files rule_name = x }\n",
	  "t.rules:1:23: error: unknown syscall class '%files' (the classes are strace's: %%stat, %%statfs, %clock, %creds, %desc, %file, %fstat, %fstatfs, %ipc, %lstat, %memory, %net, %network, %process, %pure, %signal, %stat, %statfs)\n" },
	{ "a class with an ABI",
	  "rule { syscall_name = read,ia32:%file rule_name = x }\n",
	  "t.rules:1:28: error: 'ia32:%file': a syscall class takes no ABI (write '%file': it covers every ABI's forms of its syscalls)\n" },
	{ "ABI:* of an unknown ABI",
	  "rule { syscall_name = arm:* rule_name = x }\n",
	  "t.rules:1:23: error: unknown ABI 'arm' in 'arm:*': expected x86_64, ia32 or x32\n" },
	{ "two syscalls without ','",
	  "rule { syscall_name = read write rule_name = x }\n",
	  "t.rules:1:28: error: unexpected 'write', expected 'syscall_name', 'rule_name', 'filter_expression', 'action', 'when', 'order', 'continue', 'enabled', 'force', 'act_on_init', 'trace', 'capture_size' or '}'\n" },
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
	{ "bad force",
	  "rule { syscall_name = open rule_name = x force = always action { type = FAIL } }\n",
	  "t.rules:1:50: error: unexpected 'always', expected 'yes' or 'no' after 'force ='\n" },
	{ "bad act_on_init",
	  "rule { syscall_name = open rule_name = x act_on_init = 2 action { type = KILL } }\n",
	  "t.rules:1:56: error: unexpected '2', expected 'yes' or 'no' after 'act_on_init ='\n" },
	{ "force in a log rule",
	  "rule { syscall_name = write rule_name = x force = yes }\n",
	  "t.rules:1:43: error: 'force' is for type = FAIL, SUSPEND or KILL rules only, this one is log\n" },
	{ "act_on_init in a log rule",
	  "rule { syscall_name = write rule_name = x\n  act_on_init = on action { type = log } }\n",
	  "t.rules:2:3: error: 'act_on_init' is for type = FAIL, SUSPEND or KILL rules only, this one is log\n" },
	{ "force twice",
	  "rule { syscall_name = write rule_name = x force = yes force = no action { type = FAIL } }\n",
	  "t.rules:1:55: error: 'force' given twice in this rule (first at line 1)\n" },
	{ "a trace name that starts with '-'",
	  "rule { syscall_name = open rule_name = x trace = -t }\n",
	  "t.rules:1:50: error: invalid trace name '-t': starts with '-' or '.'\n" },
	{ "a trace name with a '/'",
	  "rule { syscall_name = open rule_name = x trace = a/b }\n",
	  "t.rules:1:50: error: invalid trace name 'a/b': has characters other than A-Z a-z 0-9 _ . -\n" },
	{ "a trace name of 64 characters",
	  "rule { syscall_name = open rule_name = x trace = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa }\n",
	  "t.rules:1:50: error: invalid trace name 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa': longer than 63 characters\n" },
	{ "trace twice",
	  "rule { syscall_name = open rule_name = x trace = t\n  trace = u }\n",
	  "t.rules:2:3: error: 'trace' given twice in this rule (first at line 1)\n" },
	{ "trace without a value",
	  "rule { syscall_name = open rule_name = x trace = }\n",
	  "t.rules:1:50: error: unexpected '}', expected a value after '='\n" },
	{ "capture_size out of range",
	  "rule { syscall_name = read rule_name = x trace = t capture_size = 4097 }\n",
	  "t.rules:1:67: error: invalid capture_size '4097': out of range (0 to 4096: the kernel captures at most 4096 bytes of a call)\n" },
	{ "capture_size far out of range",
	  "rule { syscall_name = read rule_name = x trace = t capture_size = 99999999999999999999999 }\n",
	  "t.rules:1:67: error: invalid capture_size '99999999999999999999999': out of range (0 to 4096: the kernel captures at most 4096 bytes of a call)\n" },
	{ "capture_size not a number",
	  "rule { syscall_name = read rule_name = x trace = t capture_size = 1k }\n",
	  "t.rules:1:67: error: invalid capture_size '1k': expected a decimal number of bytes from 0 to 4096\n" },
	{ "capture_size not a number, however large",
	  "rule { syscall_name = read rule_name = x trace = t capture_size = 50000k }\n",
	  "t.rules:1:67: error: invalid capture_size '50000k': expected a decimal number of bytes from 0 to 4096\n" },
	{ "a negative capture_size",
	  "rule { syscall_name = read rule_name = x trace = t capture_size = -1 }\n",
	  "t.rules:1:67: error: invalid capture_size '-1': expected a decimal number of bytes from 0 to 4096\n" },
	{ "capture_size in hex",
	  "rule { syscall_name = read rule_name = x trace = t capture_size = 0x10 }\n",
	  "t.rules:1:67: error: invalid capture_size '0x10': expected a decimal number of bytes from 0 to 4096\n" },
	{ "capture_size without a trace",
	  "rule { syscall_name = read rule_name = x capture_size = 64 }\n",
	  "t.rules:1:42: error: 'capture_size' needs a 'trace': only the calls of a trace's members have captures\n" },
	{ "capture_size with a bad trace: the trace's error alone",
	  "rule { syscall_name = read rule_name = x trace = a/b capture_size = 64 }\n",
	  "t.rules:1:50: error: invalid trace name 'a/b': has characters other than A-Z a-z 0-9 _ . -\n" },
	{ "capture_size in a fail rule",
	  "rule { syscall_name = read rule_name = x trace = t capture_size = 64 action { type = FAIL } }\n",
	  "t.rules:1:52: error: 'capture_size' is for type = log rules only, this one is fail\n" },
	{ "capture_size twice",
	  "rule { syscall_name = read rule_name = x trace = t capture_size = 64\n  CAPTURE_SIZE = 64 }\n",
	  "t.rules:2:3: error: 'capture_size' given twice in this rule (first at line 1)\n" },
	{ "capture_size without a value",
	  "rule { syscall_name = read rule_name = x trace = t capture_size = }\n",
	  "t.rules:1:67: error: unexpected '}', expected a value after '='\n" },
	{ "bad action type",
	  "rule { syscall_name = open rule_name = x action { type = DENY } }\n",
	  "t.rules:1:58: error: unknown action type 'DENY', expected LOG, FAIL, SUSPEND or KILL\n" },
	{ "bad error name",
	  "rule { syscall_name = open rule_name = x action { type = FAIL error_code = EFOO } }\n",
	  "t.rules:1:76: error: invalid error_code 'EFOO': not an error name or number\n" },
	{ "error_code 512",
	  "rule { syscall_name = open rule_name = x action { type = FAIL error_code = 512 } }\n",
	  "t.rules:1:76: error: invalid error_code '512': out of range (-511 to 511; 512 and above are the kernel's internal codes)\n" },
	{ "error_code ERESTARTSYS",
	  "rule { syscall_name = open rule_name = x action { type = FAIL error_code = ERESTARTSYS } }\n",
	  "t.rules:1:76: error: invalid error_code 'ERESTARTSYS': a kernel-internal code (512 and above), which no call may return\n" },
	{ "error number out of range",
	  "rule { syscall_name = open rule_name = x action { type = FAIL error_code = -5000 } }\n",
	  "t.rules:1:76: error: invalid error_code '-5000': out of range (-511 to 511; 512 and above are the kernel's internal codes)\n" },
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
	  "t.rules:1:8: error: unexpected 'x', expected 'syscall_name', 'rule_name', 'filter_expression', 'action', 'when', 'order', 'continue', 'enabled', 'force', 'act_on_init', 'trace', 'capture_size' or '}'\n"
	  "t.rules:2:8: error: unexpected 'y', expected 'syscall_name', 'rule_name', 'filter_expression', 'action', 'when', 'order', 'continue', 'enabled', 'force', 'act_on_init', 'trace', 'capture_size' or '}'\n" },
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
	struct sct_ruleset set = { 0 };
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
	sct_ruleset_clear(&set);
}

static void test_misc(void)
{
	static const char dup[] =
		"rule { syscall_name = open rule_name = x }\n"
		"rule { syscall_name = open rule_name = y }\n";
	static const char dup2[] =
		"\n\nrule { syscall_name = close rule_name = x }\n";
	struct sct_ruleset set = { 0 };
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
	sct_ruleset_clear(&set);

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
	sct_ruleset_clear(&set);

	ret = parse(&set, "rule { syscall_name = open rule_name = e action { log_format {} } }\n",
		    68, &errs);
	ok(ret == 0 && set.count == 1 && !set.rules[0].log_format[0],
	   "an empty log_format as the file's first body");
	free(errs);
	sct_ruleset_clear(&set);

	ret = parse(&set, "", 0, &errs);
	ok(ret == 0 && set.count == 0 && !*errs, "an empty file has no rules");
	free(errs);
	ret = parse(&set, "# only a comment", 16, &errs);
	ok(ret == 0 && set.count == 0 && !*errs, "a file of comments has no rules");
	free(errs);
	sct_ruleset_clear(&set);
}

/* ---- The syscall tables of every ABI. ---- */

static void test_abis(void)
{
	static const struct {
		const char *s;
		int ret, abi, nr;
	} cases[] = {
		{ "unlink", 0, SCT_ABI_ALL, 87 },
		{ "87", 0, SCT_ABI_ALL, 87 },
		{ "socketcall", 0, SCT_ABI_ALL, -1 },
		{ "setuid32", 0, SCT_ABI_ALL, -1 },
		{ "mmap2", 0, SCT_ABI_ALL, -1 },
		{ "_llseek", 0, SCT_ABI_ALL, -1 },
		{ "ia32:unlink", 0, SCT_ABI_COMPAT, 10 },
		{ "x86_64:unlink", 0, SCT_ABI_NATIVE, 87 },
		{ "ia32:10", 0, SCT_ABI_COMPAT, 10 },
		{ "x86_64:87", 0, SCT_ABI_NATIVE, 87 },
		{ "ia32:socketcall", 0, SCT_ABI_COMPAT, 102 },
		{ "ia32:setuid", 0, SCT_ABI_COMPAT, 23 },
		{ "ia32:setuid32", 0, SCT_ABI_COMPAT, 213 },
		{ "x86_64:socketcall", -EINVAL, SCT_ABI_NATIVE, -1 },
		{ "ia32:nosuch", -EINVAL, SCT_ABI_COMPAT, -1 },
		{ "ia32:", -EINVAL, SCT_ABI_COMPAT, -1 },
		{ "ia32:999", -ERANGE, SCT_ABI_COMPAT, -1 },
		{ "99999", -ERANGE, SCT_ABI_ALL, -1 },
		{ "x32:read", 0, SCT_ABI_X32, 0 },
		{ "x32:unlink", 0, SCT_ABI_X32, 87 },
		{ "x32:87", 0, SCT_ABI_X32, 87 },
		{ "x32:rt_sigaction", 0, SCT_ABI_X32, 512 },
		{ "x32:512", 0, SCT_ABI_X32, 512 },
		{ "x32:13", 0, SCT_ABI_X32, 13 },
		{ "x32:nosuch", -EINVAL, SCT_ABI_X32, -1 },
		{ "x32:uselib", -EINVAL, SCT_ABI_X32, -1 },
		{ "x32:socketcall", -EINVAL, SCT_ABI_X32, -1 },
		{ "x32:1073741911", -ERANGE, SCT_ABI_X32, -1 },
		{ "arm:read", -EINVAL, SCT_ABI_ALL, -1 },
		{ ":unlink", -EINVAL, SCT_ABI_ALL, -1 },
		{ "nosuch", -EINVAL, SCT_ABI_ALL, -1 },
		{ "IA32:unlink", -EINVAL, SCT_ABI_ALL, -1 },
	};
	const char *n;
	bool good;
	size_t i;
	int abi, nr, ret;

	ok(!strcmp(sct_abi_name(SCT_ABI_NATIVE), "x86_64") &&
	   !strcmp(sct_abi_name(SCT_ABI_COMPAT), "ia32") &&
	   !strcmp(sct_abi_name(SCT_ABI_X32), "x32") && !sct_abi_name(3) &&
	   !sct_abi_name(-1) && sct_abi_number("ia32") == SCT_ABI_COMPAT &&
	   sct_abi_number("x86_64") == SCT_ABI_NATIVE &&
	   sct_abi_number("i386") == -EINVAL,
	   "ABI names: x86_64, ia32, x32");
	n = sct_syscall_name_abi(SCT_ABI_COMPAT, 213);
	ok(n && !strcmp(n, "setuid32") &&
	   !strcmp(sct_syscall_name_abi(SCT_ABI_COMPAT, 10), "unlink") &&
	   !strcmp(sct_syscall_name_abi(SCT_ABI_COMPAT, 11), "execve") &&
	   !strcmp(sct_syscall_name_abi(SCT_ABI_COMPAT, 23), "setuid") &&
	   !strcmp(sct_syscall_name_abi(SCT_ABI_COMPAT, 102), "socketcall") &&
	   !strcmp(sct_syscall_name_abi(SCT_ABI_COMPAT, 192), "mmap2") &&
	   !strcmp(sct_syscall_name_abi(SCT_ABI_COMPAT, 17), "break") &&
	   !sct_syscall_name_abi(SCT_ABI_COMPAT, -1) &&
	   !sct_syscall_name_abi(SCT_ABI_COMPAT, 100000),
	   "the ia32 table, from syscall_32.tbl");
	ok(!strcmp(sct_syscall_name_abi(SCT_ABI_NATIVE, 11), "munmap") &&
	   !strcmp(sct_syscall_name(87), "unlink") &&
	   sct_syscall_name_abi(SCT_ABI_NATIVE, 87) == sct_syscall_name(87) &&
	   sct_syscall_count_abi(SCT_ABI_NATIVE) == sct_syscall_count(),
	   "the native table, as sct_syscall_name() has it");
	n = sct_syscall_name_abi(SCT_ABI_X32, 512);
	ok(n && !strcmp(n, "rt_sigaction") &&
	   !strcmp(sct_syscall_name_abi(SCT_ABI_X32, 0x40000000 | 512),
		   "rt_sigaction") &&
	   !strcmp(sct_syscall_name_abi(SCT_ABI_X32, 0x40000001), "write") &&
	   !sct_syscall_name_abi(SCT_ABI_X32, 13) &&
	   !sct_syscall_name_abi(7, 1) && !sct_syscall_count_abi(7),
	   "the x32 table: common and x32 entries, with or without bit 30");
	ok(sct_syscall_number_abi(SCT_ABI_COMPAT, "socketcall") == 102 &&
	   sct_syscall_number_abi(SCT_ABI_NATIVE, "socketcall") == -EINVAL &&
	   sct_syscall_number_abi(SCT_ABI_COMPAT, "10") == 10 &&
	   sct_syscall_number_abi(SCT_ABI_COMPAT, "0x0a") == -EINVAL &&
	   sct_syscall_count_abi(SCT_ABI_COMPAT) > 450,
	   "ia32 names and numbers");
	good = true;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ret = sct_syscall_parse(cases[i].s, &abi, &nr);
		if (ret != cases[i].ret || abi != cases[i].abi ||
		    (!ret && nr != cases[i].nr)) {
			printf("# '%s': %d, abi %d, nr %d; expected %d, %d, %d\n",
			       cases[i].s, ret, abi, nr, cases[i].ret,
			       cases[i].abi, cases[i].nr);
			good = false;
		}
	}
	ok(good, "sct_syscall_parse: NAME, NUMBER, ABI:NAME, ABI:NUMBER");
}

/* ---- Syscall lists, as the kernel normalises them. ---- */

static void test_lists(void)
{
	static const struct {
		const char *s;
		int ret;
		const char *out;	/* or, on an error, the bad offset */
		size_t bad;
	} cases[] = {
		{ "unlinkat, unlink", 0, "unlink,unlinkat", 0 },
		{ "unlink,unlinkat", 0, "unlink,unlinkat", 0 },
		{ " read ,\twrite\n", 0, "read,write", 0 },
		{ "write,read,write,read", 0, "read,write", 0 },
		{ "0", 0, "read", 0 },
		{ "007", 0, "poll", 0 },
		{ "87,unlink", 0, "unlink", 0 },
		{ "x86_64:87", 0, "x86_64:unlink", 0 },
		{ "ia32:10", 0, "ia32:unlink", 0 },
		{ "x32:87", 0, "x32:unlink", 0 },
		{ "x32:512", 0, "x32:rt_sigaction", 0 },
		{ "x32:13", 0, "x32:13", 0 },
		{ "400", 0, "400", 0 },
		{ "x86_64:400,400", 0, "400,x86_64:400", 0 },
		{ "x86_64:read,read,ia32:read", 0, "ia32:read,read,x86_64:read", 0 },
		{ "socketcall,setuid32", 0, "setuid32,socketcall", 0 },
		{ "*", 0, "*", 0 },
		{ "read, *", 0, "*", 0 },
		{ "ia32:*,*,x32:13", 0, "*", 0 },
		{ "x86_64:*,ia32:*", 0, "ia32:*,x86_64:*", 0 },
		{ "ia32:*,ia32:*,ia32:read", 0, "ia32:*,ia32:read", 0 },
		{ "%pure", 0, "getegid,geteuid,getgid,getpgrp,getpid,getppid,gettid,getuid", 0 },
		{ "%PURE,getpid", 0, "getegid,geteuid,getgid,getpgrp,getpid,getppid,gettid,getuid", 0 },
		{ "%lstat, %stat, %fstat", 0, "fstat,lstat,newfstatat,stat,statx", 0 },
		{ "%%statfs", 0, "fstatfs,statfs,ustat", 0 },
		{ " * ", 0, "*", 0 },
		{ "x86_64:87,unlink", 0, "unlink,x86_64:unlink", 0 },
		{ "", -EINVAL, NULL, 0 },
		{ ",", -EINVAL, NULL, 0 },
		{ "**", -EINVAL, NULL, 0 },
		{ "*:read", -EINVAL, NULL, 0 },
		{ "nosuchabi:*", -EINVAL, NULL, 0 },
		{ "read,", -EINVAL, NULL, 5 },
		{ ",read", -EINVAL, NULL, 0 },
		{ "read,,write", -EINVAL, NULL, 5 },
		{ "read, ,write", -EINVAL, NULL, 6 },
		{ "read, nosuch", -EINVAL, NULL, 6 },
		{ "read,arm:*", -EINVAL, NULL, 5 },
		{ "read,%nosuch", -EINVAL, NULL, 5 },
		{ "ia32:%file", -EINVAL, NULL, 0 },
		{ "x86_64:socketcall", -EINVAL, NULL, 0 },
		{ "read, 99999", -ERANGE, NULL, 6 },
		{ "ia32:*, ia32:999", -ERANGE, NULL, 8 },
	};
	const size_t size = SCT_RULE_SYSCALL_LEN;
	char *list, *norm, *unnamed[128];
	size_t i, bad, len, n, nun;
	int ret, abi, nr, count, a, b;
	bool good = true, same;
	const char *name;

	norm = malloc(size);
	list = malloc(3 * size);
	if (!norm || !list) {
		ok(false, "memory for the list tests");
		goto out;
	}
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bad = 999;
		ret = sct_syscall_list_normalize(cases[i].s, norm, size, &bad);
		if (cases[i].ret)
			same = ret == cases[i].ret && bad == cases[i].bad;
		else
			same = ret == (int)strlen(cases[i].out) &&
			       !strcmp(norm, cases[i].out);
		if (!same) {
			if (ret < 0)
				norm[0] = '\0';
			printf("# \"%s\": %d, \"%s\", at %zu\n", cases[i].s,
			       ret, norm, bad);
			good = false;
		}
	}
	ok(good, "sct_syscall_list_normalize: blanks, order, repeats, numbers as names, *, ABI:*, classes, errors");
	ok(sct_syscall_list_normalize("unlinkat,unlink", NULL, 0, NULL) == 15 &&
	   sct_syscall_list_normalize("unlinkat,unlink", norm, 15,
				      NULL) == -ENOSPC &&
	   sct_syscall_list_normalize("unlinkat,unlink", norm, 16, NULL) == 15,
	   "sct_syscall_list_normalize: the length alone, -ENOSPC, just room");

	/*
	 * A list that reads back at exactly SCT_SYSCALL_LIST_MAX bytes:
	 * x86_64:NAME items, then numbers without names ("NNN", 4 bytes with
	 * the ',', and "x86_64:NNN", 11) for the rest.
	 */
	for (i = 0, nun = 0; (int)i < sct_syscall_count() && nun < 128; i++) {
		if (sct_syscall_name(i))
			continue;
		if (asprintf(&unnamed[nun], "%zu", i) < 0)
			break;
		nun++;
	}
	len = 0;
	n = 0;
	for (i = 0; (int)i < sct_syscall_count(); i++) {
		name = sct_syscall_name(i);
		if (!name)
			continue;
		if (len + 8 + strlen(name) > SCT_SYSCALL_LIST_MAX - 40)
			break;
		n += sprintf(list + n, "%sx86_64:%s", n ? "," : "", name);
		len += (len ? 1 : 0) + 7 + strlen(name);
	}
	for (b = 0; (SCT_SYSCALL_LIST_MAX - len - 11 * b) % 4; b++)
		;
	a = (SCT_SYSCALL_LIST_MAX - len - 11 * b) / 4;
	ok(nun >= 60 && a + b <= (int)nun,
	   "numbers without names to fill a list with (%zu)", nun);
	if (a + b > (int)nun)
		goto free_unnamed;
	for (i = 0; (int)i < a; i++)
		n += sprintf(list + n, ",%s", unnamed[i]);
	for (i = 0; (int)i < b; i++)
		n += sprintf(list + n, ", x86_64:%s", unnamed[i]);
	ret = sct_syscall_list_normalize(list, norm, size, NULL);
	ok(ret == SCT_SYSCALL_LIST_MAX && (int)strlen(norm) == ret,
	   "a list of %d bytes once normalised is taken (%d)",
	   SCT_SYSCALL_LIST_MAX, ret);
	sprintf(list + n, ",%s", unnamed[a]);
	ret = sct_syscall_list_normalize(list, norm, size, NULL);
	ok(ret == -E2BIG, "one more item is -E2BIG (%d)", ret);
	sprintf(list + n, ",%s", unnamed[0]);
	ret = sct_syscall_list_normalize(list, norm, size, NULL);
	ok(ret == SCT_SYSCALL_LIST_MAX, "a repeat adds nothing (%d)", ret);

	/* The same lists in a rule file. */
	{
		struct sct_ruleset set = { 0 };
		const struct sct_rule *r;
		size_t tlen = 2 * n + 128;
		char *text = malloc(tlen), *errs;

		if (text) {
			list[n] = '\0';
			snprintf(text, tlen, "rule { syscall_name = %s rule_name = big }\n"
				 "rule { syscall_name = %s,%s rule_name = big2 }\n",
				 list, list, unnamed[a]);
			ret = parse(&set, text, strlen(text), &errs);
			r = set.count ? &set.rules[0] : NULL;
			ok(ret == 1 && r &&
			   strlen(r->syscall) == SCT_SYSCALL_LIST_MAX &&
			   r->nr == -1 && r->abi == SCT_ABI_ALL &&
			   !strcmp(errs, "t.rules:2:23: error: syscall list is longer than 4094 characters once normalised (the kernel refuses it)\n"),
			   "syscall_name: %d bytes are taken, more are refused",
			   SCT_SYSCALL_LIST_MAX);
			if (ret != 1)
				diag("errors", errs);
			free(errs);
			free(text);
		}
		sct_ruleset_clear(&set);
	}
free_unnamed:
	while (nun)
		free(unnamed[--nun]);

	{
		static const struct {
			const char *s;
			int count, abi, nr;
		} info[] = {
			{ "unlink", 1, SCT_ABI_ALL, 87 },
			{ "socketcall", 1, SCT_ABI_ALL, -1 },
			{ "ia32:unlink", 1, SCT_ABI_COMPAT, 10 },
			{ "x32:13", 1, SCT_ABI_X32, 13 },
			{ "unlink,unlinkat", 2, SCT_ABI_ALL, -1 },
			{ "ia32:read,ia32:write", 2, SCT_ABI_COMPAT, -1 },
			{ "ia32:*", 1, SCT_ABI_COMPAT, -1 },
			{ "ia32:*,ia32:read", 2, SCT_ABI_COMPAT, -1 },
			{ "ia32:read,read", 2, SCT_ABI_ALL, -1 },
			{ "*", 1, SCT_ABI_ALL, -1 },
			{ "", 0, SCT_ABI_ALL, -1 },
		};

		good = true;
		for (i = 0; i < sizeof(info) / sizeof(info[0]); i++) {
			count = sct_syscall_list_info(info[i].s, &abi, &nr);
			if (count != info[i].count || abi != info[i].abi ||
			    nr != info[i].nr) {
				printf("# '%s': %d, abi %d, nr %d\n", info[i].s,
				       count, abi, nr);
				good = false;
			}
		}
		ok(good, "sct_syscall_list_info: items, the one ABI, the number of one item");
	}

	{
		static const char rules[] =
			"rule { syscall_name = unlinkat, unlink rule_name = l1 }\n"
			"rule { syscall_name = ia32:read ,\tia32:write rule_name = l2 }\n"
			"rule { syscall_name = read,* rule_name = l3 }\n"
			"rule { syscall_name = %file,execve rule_name = l4 }\n"
			"rule { syscall_name = %lstat rule_name = l5 }\n"
			"rule { syscall_name = 87, x86_64:0 rule_name = l6 }\n"
			"rule {\n"
			"  syscall_name = read,  # a comment\n"
			"    rule_name = l7 }\n";
		struct sct_ruleset set = { 0 };
		const struct sct_rule *r;
		char *errs, *text;
		const char *diff;

		ret = parse(&set, rules, strlen(rules), &errs);
		ok(ret == 1 && set.count == 6 &&
		   !strcmp(errs, "t.rules:8:22: error: empty item in the syscall list: nothing after the last ','\n"),
		   "syscall lists in a rule file parse; a ',' at the end of a line is an error");
		if (ret != 1)
			diag("errors", errs);
		free(errs);
		r = find(&set, "l1");
		ok(r && !strcmp(r->syscall, "unlink,unlinkat") &&
		   r->abi == SCT_ABI_ALL && r->nr == -1,
		   "syscall_name = unlinkat, unlink is unlink,unlinkat, nr -1");
		r = find(&set, "l2");
		ok(r && !strcmp(r->syscall, "ia32:read,ia32:write") &&
		   r->abi == SCT_ABI_COMPAT && r->nr == -1,
		   "a list of ia32 syscalls: abi ia32, nr -1");
		r = find(&set, "l3");
		ok(r && !strcmp(r->syscall, "*") && r->abi == SCT_ABI_ALL &&
		   r->nr == -1, "a list with * is *");
		r = find(&set, "l4");
		ok(r && !strcmp(r->syscall, sct_syscall_class("%file")),
		   "%%file,execve is %%file's members");
		r = find(&set, "l5");
		ok(r && !strcmp(r->syscall, "lstat") && r->nr == 6 &&
		   r->abi == SCT_ABI_ALL,
		   "a class of one syscall (%%lstat) is that syscall, with its number");
		r = find(&set, "l6");
		ok(r && !strcmp(r->syscall, "unlink,x86_64:read"),
		   "numbers in a rule file's list are names");
		for (i = 0; i < set.count; i++) {
			diff = round_trip(&set.rules[i], &text);
			if (!ok(!diff, "round trip of list rule %s",
				set.rules[i].name))
				diag(diff, text);
			free(text);
		}
		sct_ruleset_clear(&set);
	}
out:
	free(norm);
	free(list);
}

/* Is @name a member of the comma-separated @list? */
static bool in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = list; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (!strncmp(p, name, n) && (p[n] == ',' || !p[n]))
			return true;
	return false;
}

/* ---- strace's syscall classes. ---- */

static void test_classes(void)
{
	static const char *const names[] = {
		"%%stat", "%%statfs", "%clock", "%creds", "%desc", "%file",
		"%fstat", "%fstatfs", "%ipc", "%lstat", "%memory", "%net",
		"%network", "%process", "%pure", "%signal", "%stat",
		"%statfs",
	};
	const char *name, *m, *p, *comma;
	char *norm, item[64];
	bool good = true, native = true, sorted = true;
	int i;

	for (i = 0; (name = sct_syscall_class_name(i)); i++) {
		if (i >= (int)(sizeof(names) / sizeof(names[0])) ||
		    strcmp(name, names[i]))
			good = false;
	}
	ok(good && i == sizeof(names) / sizeof(names[0]) &&
	   !sct_syscall_class_name(-1),
	   "the classes of strace 6.1's -e trace=, sorted (%d)", i);

	norm = malloc(SCT_RULE_SYSCALL_LEN);
	good = norm != NULL;
	for (i = 0; norm && (name = sct_syscall_class_name(i)); i++) {
		m = sct_syscall_class(name);
		if (!m || !*m) {
			printf("# %s is empty\n", name);
			good = false;
			continue;
		}
		for (p = m; p; p = comma ? comma + 1 : NULL) {
			comma = strchr(p, ',');
			snprintf(item, sizeof(item), "%.*s",
				 comma ? (int)(comma - p) : (int)strlen(p), p);
			if (sct_syscall_number(item) < 0 || isdigit(item[0])) {
				printf("# %s: '%s' is not a native name\n",
				       name, item);
				native = false;
			}
		}
		if (sct_syscall_list_normalize(m, norm, SCT_RULE_SYSCALL_LEN,
					       NULL) != (int)strlen(m) ||
		    strcmp(norm, m)) {
			printf("# %s is not normalised\n", name);
			sorted = false;
		}
	}
	ok(good, "every class has members");
	ok(native, "every member is a name of the native table");
	ok(sorted, "every class is a normalised list");
	free(norm);

	m = sct_syscall_class("%file");
	ok(m && in_list(m, "openat") && in_list(m, "unlinkat") &&
	   in_list(m, "unlink") && in_list(m, "execve") &&
	   in_list(m, "stat") && !in_list(m, "read") && !in_list(m, "close"),
	   "%%file: openat, unlinkat, unlink, execve, stat; not read, close");
	m = sct_syscall_class("%desc");
	ok(m && in_list(m, "read") && in_list(m, "write") &&
	   in_list(m, "close") && in_list(m, "openat") &&
	   !in_list(m, "unlink"),
	   "%%desc: read, write, close, openat; not unlink");
	m = sct_syscall_class("%network");
	ok(m && in_list(m, "connect") && in_list(m, "socket") &&
	   in_list(m, "sendto") && !in_list(m, "read") &&
	   !strcmp(m, sct_syscall_class("%net")),
	   "%%network (%%net): connect, socket, sendto; not read");
	m = sct_syscall_class("%process");
	ok(m && in_list(m, "execve") && in_list(m, "clone") &&
	   in_list(m, "exit_group") && in_list(m, "fork") &&
	   in_list(m, "wait4") && !in_list(m, "getpid"),
	   "%%process: execve, clone, exit_group, fork, wait4; not getpid");
	m = sct_syscall_class("%signal");
	ok(m && in_list(m, "kill") && in_list(m, "rt_sigaction") &&
	   !in_list(m, "read"), "%%signal: kill, rt_sigaction");
	m = sct_syscall_class("%memory");
	ok(m && in_list(m, "mmap") && in_list(m, "brk") &&
	   in_list(m, "munmap") && !in_list(m, "read"),
	   "%%memory: mmap, brk, munmap");
	m = sct_syscall_class("%ipc");
	ok(m && in_list(m, "shmget") && in_list(m, "msgsnd") &&
	   in_list(m, "semop"), "%%ipc: shmget, msgsnd, semop");
	m = sct_syscall_class("%creds");
	ok(m && in_list(m, "setuid") && in_list(m, "capset") &&
	   in_list(m, "prctl"), "%%creds: setuid, capset, prctl");
	m = sct_syscall_class("%clock");
	ok(m && in_list(m, "clock_settime") && in_list(m, "adjtimex") &&
	   !in_list(m, "nanosleep"), "%%clock: clock_settime, adjtimex");
	ok(!strcmp(sct_syscall_class("%stat"), "stat") &&
	   !strcmp(sct_syscall_class("%lstat"), "lstat") &&
	   !strcmp(sct_syscall_class("%fstat"), "fstat,newfstatat,statx") &&
	   !strcmp(sct_syscall_class("%%stat"),
		   "fstat,lstat,newfstatat,stat,statx") &&
	   !strcmp(sct_syscall_class("%statfs"), "statfs") &&
	   !strcmp(sct_syscall_class("%fstatfs"), "fstatfs") &&
	   !strcmp(sct_syscall_class("%%statfs"), "fstatfs,statfs,ustat"),
	   "the stat and statfs classes, exactly");
	ok(!strcmp(sct_syscall_class("%pure"),
		   "getegid,geteuid,getgid,getpgrp,getpid,getppid,gettid,getuid"),
	   "%%pure, exactly");
	ok(sct_syscall_class("%FILE") == sct_syscall_class("%file") &&
	   !sct_syscall_class("%nosuch") && !sct_syscall_class("file") &&
	   !sct_syscall_class("%"), "class names: any case, with their '%%'");
}

/* ---- Records as JSON. ---- */

/* A call record, version @version, of @nr in @abi, with a rule and a text. */
static struct sct_record_call *make_record(void *buf, int version, int abi,
					   int nr)
{
	struct sct_record_call *rec = buf;
	char *p = (char *)buf + sizeof(*rec);

	memset(buf, 0, sizeof(*rec) + 64);
	rec->hdr.size = sizeof(*rec) + 64;
	rec->hdr.version = version;
	rec->hdr.type = SCT_RECORD_CALL;
	rec->hdr.seq = 7;
	rec->rule_id = 3;
	rec->nr = nr;
	rec->pid = 42;
	/* The byte of @abi in version 2, the first of @pad in version 1. */
	rec->abi = abi;
	strcpy(rec->comm, "a.out");
	strcpy(p, "r1");
	rec->rule.off = sizeof(*rec);
	rec->rule.len = 3;
	strcpy(p + 8, "a line");
	rec->text.off = sizeof(*rec) + 8;
	rec->text.len = 7;
	return rec;
}

static char *record_json(const struct sct_record_call *rec)
{
	char *out;
	size_t size;
	FILE *f = open_memstream(&out, &size);

	sct_record_json(f, &rec->hdr);
	fclose(f);
	return out;
}

static void test_records(void)
{
	static uint64_t buf[(sizeof(struct sct_record_call) + 64) / 8 + 1];
	struct sct_record_call *rec;
	char *json;

	rec = make_record(buf, 1, 0, 87);
	json = record_json(rec);
	ok(sct_record_abi(rec) == SCT_ABI_NATIVE &&
	   strstr(json, ",\"abi\":\"x86_64\",\"nr\":87,\"syscall\":\"unlink\",") &&
	   strstr(json, "\"rule\":\"r1\"") && strstr(json, "\"text\":\"a line\"}\n"),
	   "a version 1 record is native: \"abi\":\"x86_64\"");
	if (!strstr(json, "\"abi\""))
		diag("json", json);
	free(json);

	rec = make_record(buf, 2, SCT_ABI_COMPAT, 213);
	json = record_json(rec);
	ok(sct_record_abi(rec) == SCT_ABI_COMPAT &&
	   !strcmp(sct_record_syscall(rec), "setuid32") &&
	   strstr(json, ",\"abi\":\"ia32\",\"nr\":213,\"syscall\":\"setuid32\","),
	   "an ia32 record: \"abi\":\"ia32\", the syscall as ia32 names it");
	free(json);

	rec = make_record(buf, 2, SCT_ABI_COMPAT, 11);
	json = record_json(rec);
	ok(strstr(json, ",\"abi\":\"ia32\",\"nr\":11,\"syscall\":\"execve\","),
	   "ia32 11 is execve, not native 11 (munmap)");
	free(json);

	rec = make_record(buf, 2, SCT_ABI_X32, 512);
	json = record_json(rec);
	ok(sct_record_abi(rec) == SCT_ABI_X32 &&
	   !strcmp(sct_record_syscall(rec), "rt_sigaction") &&
	   strstr(json, ",\"abi\":\"x32\",\"nr\":512,\"syscall\":\"rt_sigaction\","),
	   "an x32 record: \"abi\":\"x32\", the number without bit 30");
	free(json);

	rec = make_record(buf, 2, 9, 1);
	json = record_json(rec);
	ok(strstr(json, ",\"abi\":null,\"nr\":1,\"syscall\":null,") &&
	   !sct_record_syscall(rec),
	   "an ABI libsct does not know: null, and no name");
	free(json);
	/* Version 3: the call's id; version 2 has none, whatever is there. */
	rec = make_record(buf, 3, SCT_ABI_NATIVE, 39);
	rec->call_id = 123456789012ULL;
	json = record_json(rec);
	ok(sct_record_call_id(rec) == 123456789012ULL &&
	   strstr(json, ",\"when\":\"before\",\"call_id\":\"123456789012\","),
	   "a version 3 record: \"call_id\"");
	free(json);
	rec->hdr.version = 2;
	json = record_json(rec);
	ok(!sct_record_call_id(rec) && strstr(json, ",\"call_id\":\"0\","),
	   "a version 2 record: call_id 0");
	free(json);
}

/* The start of the JSON of every task record that make_task() makes. */
#define TASK_JSON(event)						\
	"{\"schema\":1,\"type\":\"task\",\"seq\":9," \
	"\"time\":\"2023-11-14T22:13:20.123456Z\"," \
	"\"time_ns\":\"1700000000123456789\",\"event\":" event ",\"call_id\":\"77\"," \
	"\"traces\":\"5\",\"cpu\":1,\"pid\":100,\"tid\":101,\"ppid\":1,\"comm\":"

/*
 * A task record of @event by "ls" (100/101), as the kernel writes it:
 * with @path (NULL for none; cut, %SCT_DATA_STRING_TRUNC, if @trunc)
 * after the fixed part, padded to 8 bytes.
 */
static struct sct_record_task *make_task(void *buf, unsigned int event,
					 const char *path, bool trunc)
{
	struct sct_record_task *rec = buf;
	size_t len = path ? strlen(path) + 1 : 0;

	memset(buf, 0, sizeof(*rec) + 64);
	rec->hdr.size = sizeof(*rec) + (len + 7) / 8 * 8;
	rec->hdr.version = 3;
	rec->hdr.type = SCT_RECORD_TASK;
	rec->hdr.seq = 9;
	rec->time_ns = 1700000000123456789ULL;
	rec->call_id = 77;
	rec->traces = 5;
	rec->event = event;
	rec->cpu = 1;
	rec->pid = 100;
	rec->tid = 101;
	rec->ppid = 1;
	strcpy(rec->comm, "ls");
	if (path) {
		memcpy((char *)buf + sizeof(*rec), path, len);
		rec->path.off = sizeof(*rec);
		rec->path.len = len;
		rec->path.kind = trunc ? SCT_DATA_STRING_TRUNC :
					 SCT_DATA_STRING;
	}
	return rec;
}

/* Check a task record's line and JSON, exactly. */
static void check_task(const struct sct_record_task *rec, const char *text,
		       const char *json, const char *what)
{
	char line[512], *out;
	size_t size;
	FILE *f = open_memstream(&out, &size);
	int ret, jret;

	jret = sct_record_json(f, &rec->hdr);
	fclose(f);
	ret = sct_record_task_text(line, sizeof(line), rec);
	if (ret < 0)
		snprintf(line, sizeof(line), "(error %d)", ret);
	if (!ok(ret == (int)strlen(text) && !strcmp(line, text) &&
		jret == 0 && !strcmp(out, json), "task record: %s", what)) {
		diag("text", line);
		diag("json", out);
	}
	free(out);
}

static void test_task_records(void)
{
	static uint64_t buf[(sizeof(struct sct_record_task) + 64) / 8 + 1];
	static uint64_t two[(2 * sizeof(struct sct_record_task) + 64) / 8];
	const struct sct_record_header *got;
	struct sct_record_task *rec;
	char tmpl[] = "/tmp/sct-records-XXXXXX";
	char line[64], *out;
	struct sct_log *log;
	size_t size;
	int fd, ret, ret2;
	FILE *f;

	rec = make_task(buf, SCT_TASK_FORK, NULL, false);
	rec->child_pid = 102;
	rec->child_tid = 102;
	rec->flags = 0x1200011;
	check_task(rec, "\"ls\"[100/101] fork 102/102 flags 0x1200011",
		   TASK_JSON("\"fork\"") "\"ls\",\"child_pid\":102,\"child_tid\":102,\"flags\":18874385}\n",
		   "fork");
	rec->child_pid = 100;
	rec->child_tid = 105;
	rec->flags = 0;
	check_task(rec, "\"ls\"[100/101] fork 100/105 flags 0",
		   TASK_JSON("\"fork\"") "\"ls\",\"child_pid\":100,\"child_tid\":105,\"flags\":0}\n",
		   "a thread, flags 0 as the kernel's %#llx shows it");

	rec = make_task(buf, SCT_TASK_EXEC, "/bin/ls", false);
	rec->old_tid = 101;
	strcpy(rec->comm, "a\"b\nc\\");
	check_task(rec, "\"a\\\"b\\nc\\\\\"[100/101] exec \"/bin/ls\"",
		   TASK_JSON("\"exec\"") "\"a\\\"b\\nc\\\\\",\"path\":\"/bin/ls\",\"path_truncated\":false,\"old_tid\":101}\n",
		   "exec; a name with a quote, a newline and a backslash escaped");

	rec = make_task(buf, SCT_TASK_EXEC, "/x\t\v\f\r\033\x80y", true);
	rec->old_tid = 103;
	check_task(rec, "\"ls\"[100/101] exec \"/x\\t\\v\\f\\r\\033\\200y\"... from thread 103",
		   TASK_JSON("\"exec\"") "\"ls\",\"path\":\"/x\\t\\u000b\\u000c\\r\\u001b\\ufffdy\",\"path_hex\":\"2f78090b0c0d1b8079\",\"path_truncated\":true,\"old_tid\":103}\n",
		   "exec by another thread, a truncated path, octal escapes; not UTF-8: U+FFFD and path_hex");

	rec = make_task(buf, SCT_TASK_EXEC, NULL, false);
	rec->old_tid = 101;
	check_task(rec, "\"ls\"[100/101] exec ",
		   TASK_JSON("\"exec\"") "\"ls\",\"path\":null,\"path_truncated\":false,\"old_tid\":101}\n",
		   "exec without a path: nothing, null");
	rec = make_task(buf, SCT_TASK_EXEC, "/bin/ls", false);
	rec->old_tid = 101;
	rec->path.len = 64;
	check_task(rec, "\"ls\"[100/101] exec ",
		   TASK_JSON("\"exec\"") "\"ls\",\"path\":null,\"path_truncated\":false,\"old_tid\":101}\n",
		   "a path past the record's end is not read");

	rec = make_task(buf, SCT_TASK_SIGNAL, NULL, false);
	rec->signo = SIGUSR1;
	rec->sender_pid = 99;
	rec->sender_uid = 1000;
	check_task(rec, "\"ls\"[100/101] signal 10 code 0 from 99 uid 1000",
		   TASK_JSON("\"signal\"") "\"ls\",\"signo\":10,\"signal\":\"SIGUSR1\",\"code\":0,\"sender_pid\":99,\"sender_uid\":1000}\n",
		   "signal, named");
	rec->signo = 40;
	rec->code = -6;
	rec->sender_pid = 0;
	rec->sender_uid = 0;
	check_task(rec, "\"ls\"[100/101] signal 40 code -6 from 0 uid 0",
		   TASK_JSON("\"signal\"") "\"ls\",\"signo\":40,\"signal\":null,\"code\":-6,\"sender_pid\":0,\"sender_uid\":0}\n",
		   "a real-time signal has no name: null");

	rec = make_task(buf, SCT_TASK_EXIT, NULL, false);
	rec->status = 3 << 8;
	check_task(rec, "\"ls\"[100/101] exit 3",
		   TASK_JSON("\"exit\"") "\"ls\",\"status\":768,\"exit_code\":3}\n",
		   "exit 3");
	rec->status = SIGSEGV | 0x80;
	check_task(rec, "\"ls\"[100/101] killed by signal 11 (core dumped)",
		   TASK_JSON("\"exit\"") "\"ls\",\"status\":139,\"signo\":11,\"signal\":\"SIGSEGV\",\"core_dumped\":true}\n",
		   "killed, with a core dump");
	rec->status = SIGKILL;
	check_task(rec, "\"ls\"[100/101] killed by signal 9",
		   TASK_JSON("\"exit\"") "\"ls\",\"status\":9,\"signo\":9,\"signal\":\"SIGKILL\",\"core_dumped\":false}\n",
		   "killed by SIGKILL");
	rec->event = 9;
	check_task(rec, "\"ls\"[100/101] event 9",
		   TASK_JSON("null") "\"ls\"}\n", "an event libsct does not know");

	/* Buffers too small, and a length alone. */
	rec = make_task(buf, SCT_TASK_EXEC, "/bin/ls", false);
	rec->old_tid = 101;
	ret = sct_record_task_text(line, 10, rec);
	ret2 = sct_record_task_text(NULL, 0, rec);
	ok(ret == -ENOSPC && !strcmp(line, "\"ls\"[100/") &&
	   ret2 == (int)strlen("\"ls\"[100/101] exec \"/bin/ls\""),
	   "sct_record_task_text: -ENOSPC, the start; size 0: the length (%d, %d)",
	   ret, ret2);

	/* Short records: -EPROTO, nothing printed. */
	rec->hdr.size = sizeof(*rec) - 8;
	f = open_memstream(&out, &size);
	ret = sct_record_json(f, &rec->hdr);
	fclose(f);
	ret2 = sct_record_task_text(line, sizeof(line), rec);
	ok(ret == -EPROTO && !*out && ret2 == -EPROTO,
	   "a short task record: -EPROTO from sct_record_json and sct_record_task_text");
	free(out);

	/* sct_log_next() at the end of a file: no record, no error. */
	fd = mkstemp(tmpl);
	if (ok(fd >= 0, "an empty file of records")) {
		close(fd);
		ret = sct_log_open(&log, tmpl, SCT_LOG_NONBLOCK);
		if (ok(ret == 0, "sct_log_open on the empty file (%d)", ret)) {
			ret = sct_log_next(log, &got);
			ok(ret == 0, "sct_log_next at the end of a file: 0 (%d)",
			   ret);
			sct_log_close(log);
		}
		unlink(tmpl);
	}

	/* sct_log_next() on a good task record, then a short one. */
	make_task(two, SCT_TASK_EXIT, NULL, false);
	rec = make_task((char *)two + sizeof(*rec), SCT_TASK_EXIT, NULL,
			false);
	rec->hdr.size = sizeof(*rec) - 8;
	strcpy(tmpl, "/tmp/sct-records-XXXXXX");
	fd = mkstemp(tmpl);
	if (!ok(fd >= 0 && write(fd, two, 2 * sizeof(*rec) - 8) ==
			   (ssize_t)(2 * sizeof(*rec) - 8),
		"a file of task records"))
		return;
	close(fd);
	ret = sct_log_open(&log, tmpl, SCT_LOG_NONBLOCK);
	if (ok(ret == 0, "sct_log_open on the file (%d)", ret)) {
		ret = sct_log_next(log, &got);
		ret2 = sct_log_next(log, &got);
		ok(ret == 1 && got->type == SCT_RECORD_TASK &&
		   got->size == sizeof(*rec) && ret2 == -EPROTO,
		   "sct_log_next: a task record, then -EPROTO for a short one (%d, %d)",
		   ret, ret2);
		sct_log_close(log);
	}
	unlink(tmpl);
}

/* ---- Rules in a directory that stands for configfs. ---- */

int rm_entry(const char *path, const struct stat *st, int flag,
	     struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void put_file(const char *dir, const char *name, const char *text)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* The file's contents, or "(none)"; in a static buffer. */
const char *get_file(const char *dir, const char *name)
{
	static char buf[256];
	char path[PATH_MAX];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "r");
	if (!f)
		return "(none)";
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void test_configfs(void)
{
	static const char *const attrs[] = {
		"syscall", "when", "action", "error_code", "order", "continue",
		"filter", "log_format", "log_target", "enabled", "filter_error",
		"hits", "id",
	};
	static const char rules[] =
		"rule { syscall_name = ia32:unlink rule_name = r action { type = FAIL } }\n"
		"rule { syscall_name = unlink rule_name = r2 force = yes action { type = KILL } }\n";
	static const char lists[] =
		"rule { syscall_name = unlinkat, unlink rule_name = r order = 3\n"
		"  action { type = FAIL error_code = EPERM } }\n";
	char tmpl[] = "/tmp/sct-rules-test.XXXXXX", dir[PATH_MAX];
	char path[PATH_MAX + 16];
	char why[1024], *errs, *text;
	struct sct_ruleset set = { 0 };
	struct sct_rule rule, back;
	const char *root, *diff;
	struct stat st;
	size_t i;
	int ret;

	root = mkdtemp(tmpl);
	if (!ok(root != NULL, "a directory for configfs"))
		return;
	sct_set_path(SCT_PATH_CONFIGFS, root);
	snprintf(dir, sizeof(dir), "%s/rules", root);
	mkdir(dir, 0755);
	snprintf(dir, sizeof(dir), "%s/rules/r", root);
	mkdir(dir, 0755);
	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
		put_file(dir, attrs[i], "");
	ret = parse(&set, rules, strlen(rules), &errs);
	free(errs);
	if (!ok(ret == 0 && set.count == 2, "the configfs test rules parse"))
		goto out;

	/* A kernel without force and act_on_init: as before. */
	rule = set.rules[0];
	ret = sct_rule_set_attrs(&rule);
	ok(ret == 0 && !strcmp(get_file(dir, "syscall"), "ia32:unlink") &&
	   !strcmp(get_file(dir, "action"), "fail") &&
	   !strcmp(get_file(dir, "force"), "(none)") &&
	   !strcmp(get_file(dir, "act_on_init"), "(none)"),
	   "an older kernel: force and act_on_init are not written when 0");
	rule = set.rules[1];
	snprintf(rule.name, sizeof(rule.name), "r");
	ret = sct_rule_set_attrs(&rule);
	ok(ret == -EOPNOTSUPP &&
	   strstr(sct_error_detail(), "rule r: force: this kernel has no 'force' attribute") &&
	   !strcmp(get_file(dir, "force"), "(none)"),
	   "an older kernel: force = yes fails, saying the kernel has no 'force'");
	if (ret != -EOPNOTSUPP)
		printf("# %d: %s\n", ret, sct_error_detail());

	/* A kernel with them: 1 when set, 0 written over a 1. */
	put_file(dir, "force", "1");
	put_file(dir, "act_on_init", "1");
	rule.act_on_init = 0;
	ret = sct_rule_set_attrs(&rule);
	ok(ret == 0 && !strcmp(get_file(dir, "force"), "1") &&
	   !strcmp(get_file(dir, "act_on_init"), "0") &&
	   !strcmp(get_file(dir, "syscall"), "unlink"),
	   "a kernel with force and act_on_init: both written");

	/* Read back as the kernel shows it. */
	put_file(dir, "syscall", "ia32:unlink\n");
	put_file(dir, "when", "before\n");
	put_file(dir, "action", "fail\n");
	put_file(dir, "error_code", "EPERM\n");
	put_file(dir, "order", "3\n");
	put_file(dir, "continue", "0\n");
	put_file(dir, "filter", "\n");
	put_file(dir, "log_format", "\n");
	put_file(dir, "log_target", "device\n");
	put_file(dir, "enabled", "1\n");
	put_file(dir, "force", "1\n");
	put_file(dir, "act_on_init", "1\n");
	put_file(dir, "hits", "12\n");
	put_file(dir, "id", "5\n");
	ret = sct_rule_read("r", &back, NULL);
	ok(ret == 0 && back.abi == SCT_ABI_COMPAT && back.nr == 10 &&
	   back.force && back.act_on_init && back.enabled &&
	   back.order == 3 && !strcmp(back.action, "fail"),
	   "sct_rule_read: ia32:unlink, force and act_on_init");
	diff = round_trip(&back, &text);
	ok(!diff && strstr(text, "\tforce = yes\n") &&
	   strstr(text, "\tact_on_init = yes\n"),
	   "what show prints of it parses back into the same rule");
	if (diff)
		diag(diff, text);
	free(text);
	put_file(dir, "action", "log\n");
	ret = sct_rule_read("r", &back, NULL);
	ok(ret == 0 && !back.force && !back.act_on_init,
	   "a log rule shows no force or act_on_init");
	put_file(dir, "action", "fail\n");
	snprintf(path, sizeof(path), "%s/force", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/act_on_init", dir);
	unlink(path);
	ret = sct_rule_read("r", &back, NULL);
	ok(ret == 0 && !back.force && !back.act_on_init && back.enabled,
	   "an older kernel: the rule reads, with force and act_on_init 0");

	/*
	 * trace: written only when set where the kernel lacks it (the rule
	 * as it was read, so that the files keep their values).
	 */
	rule = back;
	ret = sct_rule_set_attrs(&rule);
	ok(ret == 0 && !strcmp(get_file(dir, "trace"), "(none)"),
	   "an older kernel: an empty trace is not written");
	snprintf(rule.trace, sizeof(rule.trace), "t");
	ret = sct_rule_set_attrs(&rule);
	ok(ret == -EOPNOTSUPP &&
	   strstr(sct_error_detail(), "rule r: trace: this kernel has no 'trace' attribute") &&
	   strstr(sct_error_detail(), "remove 'trace = t' from the rule") &&
	   !strcmp(get_file(dir, "trace"), "(none)"),
	   "an older kernel: trace = t fails, saying the kernel has no 'trace'");
	if (ret != -EOPNOTSUPP)
		printf("# %d: %s\n", ret, sct_error_detail());
	put_file(dir, "trace", "\n");
	ret = sct_rule_set_attrs(&rule);
	ok(ret == 0 && !strcmp(get_file(dir, "trace"), "t"),
	   "a kernel with trace: trace = t is written");
	rule.trace[0] = '\0';
	ret = sct_rule_set_attrs(&rule);
	ok(ret == 0 && !strcmp(get_file(dir, "trace"), "\n"),
	   "a kernel with trace: an empty trace is written over one");
	put_file(dir, "trace", "t\n");
	ret = sct_rule_read("r", &back, NULL);
	ok(ret == 0 && !strcmp(back.trace, "t") && back.enabled,
	   "sct_rule_read: the rule's trace");
	diff = round_trip(&back, &text);
	ok(!diff && strstr(text, "\ttrace = t\n"),
	   "what show prints of a rule of a trace parses back into the same rule");
	if (diff)
		diag(diff, text);
	free(text);
	rule = back;
	ok(sct_rule_same(&rule, &back), "sct_rule_same: the same rule of a trace");
	rule.trace[0] = '\0';
	ok(!sct_rule_same(&rule, &back), "a global rule is not a rule of a trace");
	snprintf(rule.trace, sizeof(rule.trace), "u");
	ok(!sct_rule_same(&rule, &back), "nor is the rule of another trace");
	/* The kernel refuses to enable it while the trace is not there. */
	snprintf(path, sizeof(path), "%s/enabled", dir);
	unlink(path);
	ret = sct_rule_enable("r", true);
	ok(ret == -ENOENT &&
	   strstr(sct_error_detail(), "rule r: enabled: no trace 't': make it first (mkdir ") &&
	   strstr(sct_error_detail(), "/traces/t)"),
	   "enabling a rule whose trace is not there: -ENOENT, naming the trace");
	put_file(dir, "enabled", "1\n");
	put_file(dir, "trace", "\n");
	ret = sct_rule_read("r", &back, NULL);
	ok(ret == 0 && !back.trace[0], "a global rule reads with trace \"\"");
	snprintf(path, sizeof(path), "%s/trace", dir);
	unlink(path);
	ret = sct_rule_read("r", &back, NULL);
	ok(ret == 0 && !back.trace[0] && back.enabled && back.order == 3,
	   "an older kernel: the rule reads, with trace \"\"");
	ret = sct_rule_read("nosuch", &back, NULL);
	ok(ret == -ENOENT, "a rule that is not there: -ENOENT (%d)", ret);

	/* Why enabling was refused with EPERM. */
	snprintf(path, sizeof(path), "%s/cmdline", root);
	sct_set_path(SCT_PATH_CMDLINE, path);
	put_file(root, "cmdline", "BOOT_IMAGE=/vmlinuz ro sct=off quiet\n");
	ok(sct_disabled_at_boot() == 1 && !sct_rule_refusal("r", why, sizeof(why)) &&
	   strstr(why, "disabled on the kernel command line (sct=off)"),
	   "EPERM with sct=off on the command line says so");
	put_file(root, "cmdline", "ro nosct=off sct=offline\n");
	put_file(dir, "filter_error",
		 "refused: an unfiltered fail rule on write would stop the system from recovering; set force=1 to enable it anyway\n");
	ok(sct_disabled_at_boot() == 0 && !sct_rule_refusal("r", why, sizeof(why)) &&
	   !strcmp(why, "refused: an unfiltered fail rule on write would stop the system from recovering; set force=1 to enable it anyway"),
	   "EPERM otherwise gives the kernel's reason from filter_error");
	put_file(dir, "filter_error", "\n");
	ok(!sct_rule_refusal("r", why, sizeof(why)) &&
	   strstr(why, "CAP_SYS_ADMIN"),
	   "EPERM without a reason names CAP_SYS_ADMIN");
	snprintf(path, sizeof(path), "%s/nosuch", root);
	sct_set_path(SCT_PATH_CMDLINE, path);
	ok(sct_disabled_at_boot() == -ENOENT, "an unreadable command line: -ENOENT");
	sct_set_path(SCT_PATH_CMDLINE, NULL);
	ok(stat(dir, &st) == 0 && sct_rule_enable("r", true) == 0 &&
	   !strcmp(get_file(dir, "enabled"), "1"),
	   "sct_rule_enable writes 1");

	/* A list as the kernel shows it, and as a rule file writes it. */
	sct_ruleset_clear(&set);
	ret = parse(&set, lists, strlen(lists), &errs);
	free(errs);
	if (!ok(ret == 0 && set.count == 1, "a list rule parses"))
		goto out;
	put_file(dir, "syscall", "unlink,unlinkat\n");
	ret = sct_rule_read("r", &back, NULL);
	ok(ret == 0 && !strcmp(back.syscall, "unlink,unlinkat") &&
	   back.nr == -1 && back.abi == SCT_ABI_ALL &&
	   sct_rule_same(&set.rules[0], &back),
	   "syscall_name = unlinkat, unlink is the same as the live unlink,unlinkat");
	rule = back;
	snprintf(rule.syscall, sizeof(rule.syscall), "263, 87");
	ok(sct_rule_same(&rule, &back), "and so is 263, 87");
	snprintf(rule.syscall, sizeof(rule.syscall), "unlink");
	ok(!sct_rule_same(&rule, &back), "but not unlink alone");
	rule = back;
	rule.order = 4;
	ok(!sct_rule_same(&rule, &back), "nor the same list at another order");
	put_file(dir, "syscall", "ia32:*\n");
	ret = sct_rule_read("r", &back, NULL);
	ok(ret == 0 && back.abi == SCT_ABI_COMPAT && back.nr == -1,
	   "sct_rule_read: ia32:* has abi ia32, nr -1");
	if (asprintf(&text, "%s\n", sct_syscall_class("%desc")) < 0)
		goto out;
	put_file(dir, "syscall", text);
	free(text);
	ret = sct_rule_read("r", &back, NULL);
	ok(ret == 0 && !strcmp(back.syscall, sct_syscall_class("%desc")),
	   "sct_rule_read: a live list of %zu bytes reads whole",
	   strlen(back.syscall));
out:
	sct_ruleset_clear(&set);
	sct_set_path(SCT_PATH_CONFIGFS, NULL);
	nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/*
 * The lock of the rule set, in a directory that stands for configfs
 * (where it is that directory's rules.lock): exclusive, -EWOULDBLOCK
 * without waiting, given back by sct_rules_unlock() and by the death of
 * a holder, and a waiter gets it once it is free; shared locks share it,
 * but not with an exclusive one.  With @by_socket, as on a kernel without
 * file locking (the abstract socket name, where a shared lock is an
 * exclusive one).
 */
static void test_lock(bool by_socket)
{
	char tmpl[] = "/tmp/sct-lock-test.XXXXXX", path[PATH_MAX];
	const char *how = by_socket ? " (socket)" : "";
	int fd, fd2, fd3, pipefd[2];
	struct timespec t0, t1;
	const char *root;
	struct stat st;
	char c;
	pid_t pid;
	long ms;

	root = mkdtemp(tmpl);
	if (!ok(root != NULL, "lock: a directory for configfs"))
		return;
	sct_set_path(SCT_PATH_CONFIGFS, root);
	sct_rf_lock_by_socket(by_socket);
	snprintf(path, sizeof(path), "%s/rules.lock", root);

	fd = sct_rules_lock(0);
	ok(fd >= 0 && !stat(path, &st) && (st.st_mode & 0777) == 0600,
	   "sct_rules_lock%s: a descriptor, the file made with mode 0600",
	   how);
	fd2 = sct_rules_lock(SCT_LOCK_NONBLOCK);
	ok(fd2 == -EWOULDBLOCK && strstr(sct_error_detail(), path) &&
	   strstr(sct_error_detail(), "held by another program"),
	   "sct_rules_lock%s: held, SCT_LOCK_NONBLOCK gives -EWOULDBLOCK (%d), the detail names the file",
	   how, fd2);
	fd3 = sct_rules_lock(SCT_LOCK_SHARED | SCT_LOCK_NONBLOCK);
	ok(fd3 == -EWOULDBLOCK,
	   "sct_rules_lock%s: held, a shared lock is not given either", how);
	sct_rules_unlock(fd3);
	ok(sct_rules_lock(0x80) == -EINVAL &&
	   sct_rules_lock(SCT_LOCK_SHARED | 0x80) == -EINVAL,
	   "sct_rules_lock%s: unknown flags are -EINVAL", how);
	sct_rules_unlock(fd);
	fd = sct_rules_lock(SCT_LOCK_NONBLOCK);
	ok(fd >= 0, "sct_rules_lock%s: free again after sct_rules_unlock",
	   how);
	sct_rules_unlock(fd);
	sct_rules_unlock(-1);

	/* Shared: with another shared lock, not with an exclusive one. */
	fd = sct_rules_lock(SCT_LOCK_SHARED);
	fd2 = sct_rules_lock(SCT_LOCK_SHARED | SCT_LOCK_NONBLOCK);
	if (by_socket)
		ok(fd >= 0 && fd2 == -EWOULDBLOCK,
		   "sct_rules_lock (socket): a shared lock is exclusive");
	else
		ok(fd >= 0 && fd2 >= 0,
		   "sct_rules_lock: SCT_LOCK_SHARED twice, both held");
	fd3 = sct_rules_lock(SCT_LOCK_NONBLOCK);
	ok(fd3 == -EWOULDBLOCK,
	   "sct_rules_lock%s: shared, an exclusive lock is not given", how);
	sct_rules_unlock(fd3);
	sct_rules_unlock(fd2);
	sct_rules_unlock(fd);

	/* A child holds it for 300 ms, then dies without giving it back. */
	if (pipe(pipefd))
		goto out;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct timespec d = { 0, 300000000 };

		close(pipefd[0]);
		if (sct_rules_lock(0) < 0)
			_exit(1);
		if (write(pipefd[1], "x", 1) != 1)
			_exit(1);
		nanosleep(&d, NULL);
		_exit(0);
	}
	close(pipefd[1]);
	if (pid < 0 || read(pipefd[0], &c, 1) != 1) {
		ok(false, "lock%s: a child takes the lock", how);
		close(pipefd[0]);
		goto out;
	}
	close(pipefd[0]);
	ok(sct_rules_lock(SCT_LOCK_NONBLOCK) == -EWOULDBLOCK,
	   "sct_rules_lock%s: another process holds it: -EWOULDBLOCK", how);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	fd = sct_rules_lock(0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 +
	     (t1.tv_nsec - t0.tv_nsec) / 1000000;
	ok(fd >= 0 && ms >= 100,
	   "sct_rules_lock%s: waits until its holder dies (%ld ms)", how, ms);
	sct_rules_unlock(fd);
	waitpid(pid, NULL, 0);
out:
	sct_rf_lock_by_socket(false);
	sct_set_path(SCT_PATH_CONFIGFS, NULL);
	nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The directory of the lock, and its file, that sct_rules_lock() refuses. */
static void test_lock_dir(void)
{
	char tmpl[] = "/tmp/sct-lockdir-test.XXXXXX", path[PATH_MAX + 32];
	char link[PATH_MAX + 32];
	const char *top;
	int fd;

	top = mkdtemp(tmpl);
	if (!ok(top != NULL, "lock directory: a directory for the tests"))
		return;

	/* The directory that stands for configfs a symbolic link. */
	snprintf(path, sizeof(path), "%s/real", top);
	snprintf(link, sizeof(link), "%s/link", top);
	mkdir(path, 0755);
	if (symlink(path, link))
		ok(false, "lock directory: symlink: %s", strerror(errno));
	sct_set_path(SCT_PATH_CONFIGFS, link);
	fd = sct_rules_lock(SCT_LOCK_NONBLOCK);
	ok((fd == -ELOOP || fd == -ENOTDIR) &&
	   strstr(sct_error_detail(), "not a symbolic link") &&
	   access(path, F_OK) == 0 &&
	   snprintf(path, sizeof(path), "%s/real/rules.lock", top) > 0 &&
	   access(path, F_OK) < 0,
	   "sct_rules_lock: a directory that is a symbolic link is refused (%d: %s)",
	   fd, sct_error_detail());
	if (fd >= 0)
		sct_rules_unlock(fd);

	/* Writable by its group, or by others. */
	snprintf(path, sizeof(path), "%s/real", top);
	sct_set_path(SCT_PATH_CONFIGFS, path);
	chmod(path, 0775);
	fd = sct_rules_lock(SCT_LOCK_NONBLOCK);
	ok(fd == -EPERM && strstr(sct_error_detail(), "mode 0775: refused"),
	   "sct_rules_lock: a directory its group may write is refused (%d: %s)",
	   fd, sct_error_detail());
	if (fd >= 0)
		sct_rules_unlock(fd);
	chmod(path, 0757);
	fd = sct_rules_lock(SCT_LOCK_NONBLOCK);
	ok(fd == -EPERM,
	   "sct_rules_lock: a directory others may write is refused (%d)", fd);
	if (fd >= 0)
		sct_rules_unlock(fd);
	chmod(path, 0755);
	fd = sct_rules_lock(SCT_LOCK_NONBLOCK);
	ok(fd >= 0, "sct_rules_lock: mode 0755, the caller's: taken (%d: %s)",
	   fd, sct_error_detail());
	sct_rules_unlock(fd);

	/* The file a symbolic link, or not a regular file. */
	snprintf(path, sizeof(path), "%s/real/rules.lock", top);
	unlink(path);
	snprintf(link, sizeof(link), "%s/elsewhere", top);
	if (symlink(link, path))
		ok(false, "lock file: symlink: %s", strerror(errno));
	fd = sct_rules_lock(SCT_LOCK_NONBLOCK);
	ok(fd == -ELOOP && access(link, F_OK) < 0,
	   "sct_rules_lock: a lock file that is a symbolic link is refused, nothing made (%d)",
	   fd);
	if (fd >= 0)
		sct_rules_unlock(fd);
	unlink(path);
	if (mkfifo(path, 0600))
		ok(false, "lock file: mkfifo: %s", strerror(errno));
	fd = sct_rules_lock(SCT_LOCK_NONBLOCK);
	ok(fd == -EPERM && strstr(sct_error_detail(), "not a regular file"),
	   "sct_rules_lock: a lock file that is a FIFO is refused (%d: %s)",
	   fd, sct_error_detail());
	if (fd >= 0)
		sct_rules_unlock(fd);

	sct_set_path(SCT_PATH_CONFIGFS, NULL);
	nftw(top, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void on_alarm(int sig)
{
	(void)sig;
}

/*
 * A child that binds the lock's abstract socket name as user @uid (and
 * listens on it with @listening), and holds it until it is killed.
 * Return: its pid, once it holds the name, or -1.
 */
static pid_t squat(const char *path, uid_t uid, bool listening)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int pipefd[2], fd;
	socklen_t len;
	pid_t pid;
	char c;

	snprintf(sa.sun_path + 1, sizeof(sa.sun_path) - 1, "%s", path);
	len = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(path);
	if (pipe(pipefd))
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(pipefd[0]);
		if (uid && (setgid(uid) || setuid(uid)))
			_exit(1);
		fd = socket(AF_UNIX, SOCK_STREAM, 0);
		if (fd < 0 || bind(fd, (struct sockaddr *)&sa, len) ||
		    (listening && listen(fd, 1)))
			_exit(1);
		if (write(pipefd[1], "x", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	close(pipefd[1]);
	if (pid > 0 && read(pipefd[0], &c, 1) != 1) {
		waitpid(pid, NULL, 0);
		pid = -1;
	}
	close(pipefd[0]);
	return pid;
}

/* sct_rules_lock(0), given up after 3 s (SIGALRM); *ms it took. */
static int lock_timed(long *ms)
{
	struct timespec t0, t1;
	int fd;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	alarm(3);
	fd = sct_rules_lock(0);
	alarm(0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	*ms = (t1.tv_sec - t0.tv_sec) * 1000 +
	      (t1.tv_nsec - t0.tv_nsec) / 1000000;
	return fd;
}

/* End a squat() holder. */
static void unsquat(pid_t pid)
{
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
}

/*
 * On a kernel without file locking, the lock's abstract socket name
 * bound by a process of another user, or by one that does not listen
 * on it: refused at once, not waited for (an alarm ends a wait).
 */
static void test_lock_squat(void)
{
	struct sigaction sa = { .sa_handler = on_alarm }, old;
	char tmpl[] = "/tmp/sct-squat-test.XXXXXX", path[PATH_MAX];
	const char *root;
	pid_t pid;
	long ms;
	int fd;

	root = mkdtemp(tmpl);
	if (!ok(root != NULL, "lock squat: a directory for configfs"))
		return;
	sct_set_path(SCT_PATH_CONFIGFS, root);
	sct_rf_lock_by_socket(true);
	snprintf(path, sizeof(path), "%s/rules.lock", root);
	sigaction(SIGALRM, &sa, &old);

	if (geteuid() != 0) {
		/* Another user needs root; the guest runs this as root. */
		ok(true, "# SKIP lock squat by another user: needs root");
	} else {
		pid = squat(path, 65534, true);
		fd = lock_timed(&ms);
		ok(pid > 0 && fd == -EADDRINUSE && ms < 1000 &&
		   strstr(sct_error_detail(), "of uid 65534, neither root nor the caller: refused"),
		   "sct_rules_lock (socket): a holder of uid 65534 is refused at once, not waited for (%d, %ld ms: %s)",
		   fd, ms, sct_error_detail());
		if (fd >= 0)
			sct_rules_unlock(fd);
		fd = sct_rules_lock(SCT_LOCK_NONBLOCK);
		ok(fd == -EADDRINUSE,
		   "sct_rules_lock (socket): refused with SCT_LOCK_NONBLOCK too (%d)",
		   fd);
		if (fd >= 0)
			sct_rules_unlock(fd);
		unsquat(pid);
	}

	pid = squat(path, 0, false);
	fd = lock_timed(&ms);
	ok(pid > 0 && fd == -EADDRINUSE && ms < 2000 &&
	   strstr(sct_error_detail(), "does not listen on it"),
	   "sct_rules_lock (socket): a process that binds the name and does not listen is refused (%d, %ld ms: %s)",
	   fd, ms, sct_error_detail());
	if (fd >= 0)
		sct_rules_unlock(fd);
	unsquat(pid);
	fd = sct_rules_lock(SCT_LOCK_NONBLOCK);
	ok(fd >= 0, "sct_rules_lock (socket): taken once the squatter is gone");
	sct_rules_unlock(fd);

	sigaction(SIGALRM, &old, NULL);
	sct_rf_lock_by_socket(false);
	sct_set_path(SCT_PATH_CONFIGFS, NULL);
	nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/*
 * sct_rule_update() whose own undo fails (log_format is /dev/full, which
 * no write reaches): -ENOTRECOVERABLE, the detail says how the rule was
 * left, and not the error of the change as if the rule were restored.
 */
static void test_update_unrecoverable(void)
{
	static const char *const attrs[] = {
		"syscall", "when", "action", "error_code", "order", "continue",
		"filter", "log_target", "enabled", "filter_error", "hits", "id",
	};
	char tmpl[] = "/tmp/sct-update-test.XXXXXX", dir[PATH_MAX];
	char path[PATH_MAX + 16];
	struct sct_rule r;
	const char *root;
	size_t i;
	int ret;

	root = mkdtemp(tmpl);
	if (!ok(root != NULL, "update: a directory for configfs"))
		return;
	sct_set_path(SCT_PATH_CONFIGFS, root);
	snprintf(dir, sizeof(dir), "%s/rules", root);
	mkdir(dir, 0755);
	snprintf(dir, sizeof(dir), "%s/rules/u", root);
	mkdir(dir, 0755);
	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
		put_file(dir, attrs[i], "");
	put_file(dir, "syscall", "unlink\n");
	put_file(dir, "when", "before\n");
	put_file(dir, "action", "log\n");
	put_file(dir, "order", "1\n");
	put_file(dir, "continue", "0\n");
	put_file(dir, "log_target", "device\n");
	put_file(dir, "enabled", "1\n");
	snprintf(path, sizeof(path), "%s/log_format", dir);
	if (symlink("/dev/full", path))
		ok(false, "update: symlink: %s", strerror(errno));

	ret = sct_rule_read("u", &r, NULL);
	if (!ok(ret == 0 && r.enabled, "update: the rule reads (%d: %s)", ret,
		sct_error_detail()))
		goto out;
	snprintf(r.filter, sizeof(r.filter), "PID == 1");
	ret = sct_rule_update(&r);
	ok(ret == -ENOTRECOVERABLE &&
	   strstr(sct_error_detail(), "rule u left disabled, not as it was: undoing the change failed: rule u: log_format: No space left on device") &&
	   !strcmp(get_file(dir, "enabled"), "0"),
	   "sct_rule_update: its undo fails: -ENOTRECOVERABLE, the rule left disabled (%d: %s)",
	   ret, sct_error_detail());
out:
	sct_set_path(SCT_PATH_CONFIGFS, NULL);
	nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/*
 * sct_strerror() is thread-safe: it leaves alone the buffer strerror(3)
 * fills for an unknown code, which the caller's own calls share.
 */
static void test_strerror(void)
{
	char *mine = strerror(1234);
	const char *its;

	its = sct_strerror(-4321);
	ok(!strcmp(its, "Unknown error 4321") &&
	   !strcmp(mine, "Unknown error 1234"),
	   "sct_strerror: an unknown code (\"%s\"), strerror(3)'s buffer left alone (\"%s\")",
	   its, mine);
	ok(!strcmp(sct_strerror(-ENOENT), "No such file or directory") &&
	   !strcmp(sct_strerror(EPERM), "Operation not permitted"),
	   "sct_strerror: the messages of known codes, negative or not");
}

/*
 * capture_size in a directory that stands for configfs: written only
 * when set where the kernel lacks it, read back, compared.
 */
static void test_capture_configfs(void)
{
	static const char *const attrs[] = {
		"syscall", "when", "action", "error_code", "order", "continue",
		"filter", "log_format", "log_target", "enabled", "filter_error",
		"hits", "id", "trace",
	};
	static const char rules[] =
		"rule { syscall_name = execve rule_name = c trace = t capture_size = 256 }\n";
	char tmpl[] = "/tmp/sct-capture-test.XXXXXX", dir[PATH_MAX];
	char path[PATH_MAX + 16], *errs, *text;
	struct sct_ruleset set = { 0 };
	struct sct_rule rule, back;
	const char *root, *diff;
	size_t i;
	int ret;

	root = mkdtemp(tmpl);
	if (!ok(root != NULL, "capture_size: a directory for configfs"))
		return;
	sct_set_path(SCT_PATH_CONFIGFS, root);
	snprintf(dir, sizeof(dir), "%s/rules", root);
	mkdir(dir, 0755);
	snprintf(dir, sizeof(dir), "%s/rules/c", root);
	mkdir(dir, 0755);
	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
		put_file(dir, attrs[i], "");
	ret = parse(&set, rules, strlen(rules), &errs);
	free(errs);
	if (!ok(ret == 0 && set.count == 1, "the capture_size test rule parses"))
		goto out;

	/* A kernel without capture_size: 0 is not written, N refused. */
	rule = set.rules[0];
	rule.capture_size = 0;
	ret = sct_rule_set_attrs(&rule);
	ok(ret == 0 && !strcmp(get_file(dir, "capture_size"), "(none)") &&
	   !strcmp(get_file(dir, "trace"), "t"),
	   "an older kernel: capture_size 0 is not written");
	rule = set.rules[0];
	ret = sct_rule_set_attrs(&rule);
	ok(ret == -EOPNOTSUPP &&
	   strstr(sct_error_detail(), "rule c: capture_size: this kernel has no 'capture_size' attribute") &&
	   strstr(sct_error_detail(), "remove 'capture_size = 256' from the rule") &&
	   !strcmp(get_file(dir, "capture_size"), "(none)"),
	   "an older kernel: capture_size = 256 fails, saying the kernel has no 'capture_size'");
	if (ret != -EOPNOTSUPP)
		printf("# %d: %s\n", ret, sct_error_detail());

	/* A kernel with it: N written, 0 written over N. */
	put_file(dir, "capture_size", "0\n");
	ret = sct_rule_set_attrs(&rule);
	ok(ret == 0 && !strcmp(get_file(dir, "capture_size"), "256"),
	   "a kernel with capture_size: capture_size = 256 is written");
	rule.capture_size = 0;
	ret = sct_rule_set_attrs(&rule);
	ok(ret == 0 && !strcmp(get_file(dir, "capture_size"), "0"),
	   "a kernel with capture_size: 0 is written over 256");

	/* Read back as the kernel shows it. */
	rule = set.rules[0];
	ok(sct_rule_set_attrs(&rule) == 0, "the rule's attributes written");
	put_file(dir, "enabled", "1\n");
	put_file(dir, "capture_size", "256\n");
	put_file(dir, "trace", "t\n");
	ret = sct_rule_read("c", &back, NULL);
	ok(ret == 0 && back.capture_size == 256 && !strcmp(back.trace, "t") &&
	   !strcmp(back.action, "log"),
	   "sct_rule_read: the rule's capture_size");
	ok(ret == 0 && sct_rule_same(&rule, &back),
	   "sct_rule_same: the rule file's rule and the kernel's");
	back.capture_size = 4096;
	ok(!sct_rule_same(&rule, &back), "sct_rule_same: not at another capture_size");
	back.capture_size = 0;
	ok(!sct_rule_same(&rule, &back), "sct_rule_same: nor without one");
	ret = sct_rule_read("c", &back, NULL);
	diff = round_trip(&back, &text);
	ok(ret == 0 && !diff && strstr(text, "\tcapture_size = 256\n"),
	   "what show prints of it parses back into the same rule");
	if (diff)
		diag(diff, text);
	free(text);
	put_file(dir, "action", "fail\n");
	ret = sct_rule_read("c", &back, NULL);
	ok(ret == 0 && !back.capture_size,
	   "a fail rule shows no capture_size, as it shows no log_format");
	put_file(dir, "action", "log\n");
	put_file(dir, "capture_size", "lots\n");
	ret = sct_rule_read("c", &back, NULL);
	ok(ret == -EPROTO, "a capture_size that is not a number: -EPROTO (%d)", ret);
	put_file(dir, "capture_size", "-1\n");
	ret = sct_rule_read("c", &back, NULL);
	ok(ret == -EPROTO, "a negative capture_size: -EPROTO (%d)", ret);
	snprintf(path, sizeof(path), "%s/capture_size", dir);
	unlink(path);
	ret = sct_rule_read("c", &back, NULL);
	ok(ret == 0 && !back.capture_size && !strcmp(back.trace, "t") &&
	   back.enabled,
	   "an older kernel: the rule reads, with capture_size 0");
out:
	sct_ruleset_clear(&set);
	sct_set_path(SCT_PATH_CONFIGFS, NULL);
	nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- Traces in a directory that stands for configfs. ---- */

/* The entries of a directory, but for . and .. */
static int dir_entries(const char *path)
{
	struct dirent *de;
	int n = 0;
	DIR *d;

	d = opendir(path);
	if (!d)
		return -1;
	while ((de = readdir(d)))
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	return n;
}

static void test_traces(void)
{
	static const char *const bad_names[] = {
		"", "-t", ".", "..", ".t", "a/b", "../rules", "a b",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	};
	static const char *const bad_pids[] = {
		"5\nx\n", "...\n5\n", "5", "-5\n", "0\n", "5 \n", "\n", "+5\n",
		"99999999999\n", "5\n...\n...\n",
	};
	char tmpl[] = "/tmp/sct-traces-test.XXXXXX", dir[PATH_MAX];
	char tdir[PATH_MAX + 8], path[PATH_MAX + 16];
	pid_t pids[4];
	const char *root;
	struct stat st;
	int ret, bad;
	size_t i;

	root = mkdtemp(tmpl);
	if (!ok(root != NULL, "a directory for configfs, for traces"))
		return;
	sct_set_path(SCT_PATH_CONFIGFS, root);
	snprintf(dir, sizeof(dir), "%s/rules", root);
	mkdir(dir, 0755);

	/* A kernel that predates traces: sct is there, traces/ is not. */
	ret = sct_trace_create("t");
	ok(ret == -EOPNOTSUPP &&
	   strstr(sct_error_detail(), "trace t: this kernel has no traces (it predates them)"),
	   "a kernel without traces: sct_trace_create fails with -EOPNOTSUPP, saying so");
	ok(sct_trace_exists("t") == 0, "a kernel without traces: no trace exists");
	ret = sct_trace_add("t", 1);
	ok(ret == -ENOENT &&
	   strstr(sct_error_detail(), "trace t: this kernel has no traces"),
	   "a kernel without traces: sct_trace_add fails with -ENOENT, saying why");

	snprintf(dir, sizeof(dir), "%s/traces", root);
	mkdir(dir, 0755);
	snprintf(tdir, sizeof(tdir), "%s/t", dir);
	ret = sct_trace_create("t");
	ok(ret == 0 && !stat(tdir, &st) && S_ISDIR(st.st_mode) &&
	   sct_trace_exists("t") == 1 && sct_trace_exists("u") == 0,
	   "sct_trace_create makes traces/NAME; sct_trace_exists finds it");
	ret = sct_trace_create("t");
	ok(ret == -EEXIST &&
	   !strcmp(sct_error_detail(), "trace t: a trace of that name exists"),
	   "a trace that exists: -EEXIST");
	for (bad = 0, i = 0; i < sizeof(bad_names) / sizeof(bad_names[0]); i++) {
		ret = sct_trace_create(bad_names[i]);
		if (ret != -EINVAL ||
		    !strstr(sct_error_detail(), "invalid trace name '") ||
		    sct_trace_exists(bad_names[i]) != -EINVAL ||
		    sct_trace_add(bad_names[i], 1) != -EINVAL ||
		    sct_trace_pids(bad_names[i], NULL, 0) != -EINVAL ||
		    sct_trace_remove(bad_names[i]) != -EINVAL) {
			printf("# '%s': %d: %s\n", bad_names[i], ret,
			       sct_error_detail());
			bad++;
		}
	}
	ok(!bad && dir_entries(dir) == 1 && dir_entries(root) == 2,
	   "bad trace names are refused with -EINVAL before any path is made of them");

	put_file(tdir, "add", "");
	ret = sct_trace_add("t", 1234);
	ok(ret == 0 && !strcmp(get_file(tdir, "add"), "1234"),
	   "sct_trace_add writes the process ID to add");
	ret = sct_trace_add("t", 0);
	ok(ret == -EINVAL && sct_trace_add("t", -5) == -EINVAL &&
	   strstr(sct_error_detail(), "trace t: add -5: not a process ID") &&
	   !strcmp(get_file(tdir, "add"), "1234"),
	   "sct_trace_add: a process ID of 0 or less is refused, unwritten");
	ret = sct_trace_add("nosuch", 1);
	ok(ret == -ENOENT &&
	   !strcmp(sct_error_detail(), "trace nosuch: no such trace"),
	   "sct_trace_add to a trace that is not there: -ENOENT");

	ok(sct_trace_pids("t", NULL, 0) == -ENOENT,
	   "sct_trace_pids without pids: -ENOENT");
	put_file(tdir, "pids", "");
	ok(sct_trace_pids("t", NULL, 0) == 0, "an empty trace has no entries");
	put_file(tdir, "pids", "1234\n77\n4194304\n");
	memset(pids, 0xff, sizeof(pids));
	ret = sct_trace_pids("t", pids, 4);
	ok(ret == 3 && pids[0] == 1234 && pids[1] == 77 &&
	   pids[2] == 4194304 && pids[3] == -1,
	   "sct_trace_pids: the process IDs, in order");
	memset(pids, 0xff, sizeof(pids));
	ret = sct_trace_pids("t", pids, 1);
	ok(ret == 3 && pids[0] == 1234 && pids[1] == -1 &&
	   sct_trace_pids("t", NULL, 0) == 3,
	   "sct_trace_pids: the count of them all, and only as many as fit");
	put_file(tdir, "pids", "5\n6\n...\n");
	memset(pids, 0xff, sizeof(pids));
	ret = sct_trace_pids("t", pids, 4);
	ok(ret == 3 && pids[0] == 5 && pids[1] == 6 && pids[2] == 0 &&
	   pids[3] == -1,
	   "sct_trace_pids: a list the kernel cut ends with an entry 0");
	for (bad = 0, i = 0; i < sizeof(bad_pids) / sizeof(bad_pids[0]); i++) {
		put_file(tdir, "pids", bad_pids[i]);
		ret = sct_trace_pids("t", pids, 4);
		if (ret != -EPROTO ||
		    !strstr(sct_error_detail(), "trace t: pids: a line that is not a process ID")) {
			printf("# %d: %s\n", ret, sct_error_detail());
			bad++;
		}
	}
	ok(!bad, "sct_trace_pids: what is not a list of process IDs is -EPROTO");
	ret = sct_trace_pids("nosuch", pids, 4);
	ok(ret == -ENOENT &&
	   !strcmp(sct_error_detail(), "trace nosuch: no such trace"),
	   "sct_trace_pids of a trace that is not there: -ENOENT");

	/* configfs removes a trace with its attributes; a directory, empty. */
	snprintf(path, sizeof(path), "%s/add", tdir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/pids", tdir);
	unlink(path);
	ret = sct_trace_remove("t");
	ok(ret == 0 && sct_trace_exists("t") == 0,
	   "sct_trace_remove removes traces/NAME");
	ret = sct_trace_remove("t");
	ok(ret == -ENOENT &&
	   !strcmp(sct_error_detail(), "trace t: no such trace"),
	   "removing a trace that is not there: -ENOENT");

	sct_set_path(SCT_PATH_CONFIGFS, NULL);
	nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
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
	struct sct_ruleset set = { 0 };
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
	sct_ruleset_clear(&set);
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
	struct sct_ruleset set = { 0 };
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
	sct_ruleset_clear(&set);
}

/* ---- Bounds: what the kernel refuses, refused here. ---- */

static void test_bounds(void)
{
	struct sct_ruleset set = { 0 };
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
	sct_ruleset_clear(&set);
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
	"trace = t", "trace",
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
	struct sct_ruleset set = { 0 };
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
		sct_ruleset_clear(&set);
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
	struct sct_ruleset all = { 0 };
	const char *dir = argc > 1 ? argv[1] : "tests/data";
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/passwd", dir);
	sct_set_path(SCT_PATH_PASSWD, path);
	snprintf(path, sizeof(path), "%s/group", dir);
	sct_set_path(SCT_PATH_GROUP, path);

	test_seeds(dir, &all);
	sct_ruleset_clear(&all);
	test_round_trip();
	test_errors(dir);
	test_misc();
	test_constants();
	test_abis();
	test_lists();
	test_classes();
	test_records();
	test_capture_json();
	test_task_records();
	test_call_text();
	test_sctrace_decode();
	test_configfs();
	test_capture_configfs();
	test_lock(false);
	test_lock(true);
	test_lock_dir();
	test_lock_squat();
	test_update_unrecoverable();
	test_strerror();
	test_traces();
	test_streams();
	test_format_time();
	test_session();
	test_macros();
	test_filter_pos();
	test_bounds();
	test_hardening();
	test_fuzz(dir);
	test_api(dir);
	test_sctrace_summary();
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}
