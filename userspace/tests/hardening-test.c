// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of libsct against input a user or a kernel should not
 * give it, part of the host test program (rules-test.c prints the plan):
 *
 *   - filters nested far past the kernel's 16 levels (20000 and a
 *     million parentheses, '-' and htons()), refused with the kernel's
 *     message at the 17th level, without exhausting the stack;
 *   - names of rules and traces that are not names ("../../x", "a/b",
 *     "", ".x", 64 characters, ...) at every function that takes one:
 *     -EINVAL, and nothing touched in a directory that stands for
 *     configfs (SCT_CONFIGFS) or next to it;
 *   - rule files parsed in Turkish locales (tr_TR.UTF-8 and
 *     tr_TR.ISO-8859-9, made with localedef), where tolower('I') is not
 *     'i': the same rules, errors and printed rules as in the C locale.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rules-internal.h"
#include "tests.h"

/* Parse @text as "t.rules"; *errs gets the messages (free it). */
static int parse_text(struct sct_ruleset *set, const char *text,
		      char **errs)
{
	size_t size;
	FILE *f = open_memstream(errs, &size);
	int ret;

	ret = sct_rules_parse_buffer(set, "t.rules", text, strlen(text), f);
	fclose(f);
	return ret;
}

/*
 * A rule whose filter is @open @n times, then @mid, then @close @n
 * times: the error must be the kernel's, at the 17th @open.
 */
static void check_deep(const char *what, const char *open, const char *mid,
		       const char *close, size_t n)
{
	static const char head[] =
		"rule { syscall_name = open rule_name = deep filter_expression {";
	size_t lo = strlen(open), lc = strlen(close), i;
	struct sct_ruleset set = { 0 };
	char want[64], *text, *p, *errs;
	int ret;

	text = malloc(sizeof(head) + n * (lo + lc) + strlen(mid) + 8);
	if (!text) {
		ok(false, "%s: memory", what);
		return;
	}
	p = stpcpy(text, head);
	for (i = 0; i < n; i++)
		p = stpcpy(p, open);
	p = stpcpy(p, mid);
	for (i = 0; i < n; i++)
		p = stpcpy(p, close);
	strcpy(p, "} }\n");
	ret = parse_text(&set, text, &errs);
	snprintf(want, sizeof(want), "t.rules:1:%zu: error: nested more than 16 deep\n",
		 sizeof(head) + SCT_FILTER_MAX_DEPTH * lo);
	if (!ok(ret == 1 && set.count == 0 && !strcmp(errs, want),
		"%s, %zu deep: one error, the kernel's, at the 17th", what, n))
		diag("errors", errs);
	free(errs);
	free(text);
	sct_ruleset_clear(&set);
}

static void test_deep_filters(void)
{
	static const size_t depths[] = { 17, 20000, 1000000 };
	static const char sixteen[] =
		"rule { syscall_name = open rule_name = deep filter_expression {"
		"PARAMS[2] & " "(((((((((((" "O_CREAT|-(-(htons(1)))" ")))))))))))"
		" && ((((((((((((((((PID == 1))))))))))))))))} }\n";
	struct sct_ruleset set = { 0 };
	char *errs;
	size_t i;
	int ret;

	ret = parse_text(&set, sixteen, &errs);
	if (!ok(ret == 0 && set.count == 1 &&
		!strcmp(set.rules[0].filter,
			"PARAMS[2] & 320 && ((((((((((((((((PID == 1))))))))))))))))"),
		"16 levels of groups, '-' and macros are taken"))
		diag("errors", errs);
	free(errs);
	sct_ruleset_clear(&set);

	for (i = 0; i < sizeof(depths) / sizeof(depths[0]); i++) {
		check_deep("parentheses", "(", "PID == 1", ")", depths[i]);
		check_deep("parentheses around a constant", "(", "O_CREAT", ")",
			   depths[i]);
		check_deep("minus signs", "-", "EPERM", "", depths[i]);
		check_deep("htons()", "htons(", "1", ")", depths[i]);
	}
}

/* ---- Names. ---- */

/* A listing of the tree at @root: names, sizes and contents of files. */
static char *tree_text;
static size_t tree_len;
static FILE *tree_out;

static int tree_entry(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	char buf[256];
	ssize_t n = 0;
	int fd;

	(void)ftw;
	fprintf(tree_out, "%s %d %o", path, flag, st->st_mode);
	if (flag == FTW_F) {
		fd = open(path, O_RDONLY);
		if (fd >= 0) {
			n = read(fd, buf, sizeof(buf));
			close(fd);
		}
		fprintf(tree_out, " [%.*s]", n > 0 ? (int)n : 0, buf);
	}
	fputc('\n', tree_out);
	return 0;
}

static char *tree(const char *root)
{
	tree_out = open_memstream(&tree_text, &tree_len);
	nftw(root, tree_entry, 16, FTW_PHYS);
	fclose(tree_out);
	return tree_text;
}

static void test_bad_names(void)
{
	static const char *const bad[] = {
		"../../victim", "../victim", "..", ".", "", "a/b", "/abs",
		".x", "-x", "x y", "x\n", "\xc3\xa9",
		"a234567890123456789012345678901234567890123456789012345678901234",
	};
	char tmpl[] = "/tmp/sct-names-test.XXXXXX", root[PATH_MAX];
	char dir[PATH_MAX + 32], buf[256], *before, *after;
	struct sct_rule_state st;
	struct sct_rule r;
	struct sct_log *log;
	const char *top, *name;
	uint64_t id;
	pid_t pid;
	size_t i;
	int fails, ret;

	top = mkdtemp(tmpl);
	if (!ok(top != NULL, "names: a directory for configfs"))
		return;
	/*
	 * root/sct stands for configfs; root/victim (empty, so rmdir()
	 * could take it) and root/sct/victim are outside its rules/.
	 */
	snprintf(root, sizeof(root), "%s/sct", top);
	mkdir(root, 0755);
	snprintf(dir, sizeof(dir), "%s/rules", root);
	mkdir(dir, 0755);
	snprintf(dir, sizeof(dir), "%s/traces", root);
	mkdir(dir, 0755);
	snprintf(dir, sizeof(dir), "%s/victim", top);
	mkdir(dir, 0755);
	snprintf(dir, sizeof(dir), "%s/victim", root);
	mkdir(dir, 0755);
	put_file(dir, "enabled", "0\n");
	sct_set_path(SCT_PATH_CONFIGFS, root);
	before = strdup(tree(top));
	free(tree_text);

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		name = bad[i];
		fails = 0;
		memset(&r, 0, sizeof(r));
		snprintf(r.name, sizeof(r.name), "%s", name);
		snprintf(r.syscall, sizeof(r.syscall), "unlink");
		snprintf(r.action, sizeof(r.action), "log");
		/* Names too long for r.name are cut: checked elsewhere. */
		if (strlen(name) < sizeof(r.name)) {
			fails += sct_rule_create(&r) != -EINVAL;
			fails += sct_rule_update(&r) != -EINVAL;
			fails += sct_rule_set_attrs(&r) != -EINVAL;
			/* A good rule with this trace. */
			snprintf(r.name, sizeof(r.name), "good");
			snprintf(r.trace, sizeof(r.trace), "%s", name);
			fails += name[0] && sct_rule_set_attrs(&r) != -EINVAL;
		}
		fails += sct_rule_exists(name) != -EINVAL;
		fails += sct_rule_read(name, &r, &st) != -EINVAL;
		fails += sct_rule_filter_error(name, buf, sizeof(buf)) != -EINVAL;
		fails += sct_rule_refusal(name, buf, sizeof(buf)) != -EINVAL;
		fails += sct_rule_enable(name, true) != -EINVAL;
		fails += sct_rule_enable(name, false) != -EINVAL;
		fails += sct_rule_delete(name) != -EINVAL;
		fails += sct_rule_id(name, &id) != -EINVAL;
		fails += sct_trace_exists(name) != -EINVAL;
		fails += sct_trace_create(name) != -EINVAL;
		fails += sct_trace_add(name, getpid()) != -EINVAL;
		fails += sct_trace_pids(name, &pid, 1) != -EINVAL;
		fails += sct_trace_remove(name) != -EINVAL;
		fails += sct_trace_set_buffer_size(name, 0) != -EINVAL;
		fails += sct_trace_set_overflow(name, SCT_OVERFLOW_DROP) != -EINVAL;
		fails += sct_trace_lost(name, &id) != -EINVAL;
		ret = sct_log_open_trace(&log, name, 0);
		fails += ret != -EINVAL;
		if (!ret)
			sct_log_close(log);
		ok(!fails && strstr(sct_error_detail(), "invalid trace name"),
		   "names: bad name %zu (%zu bytes, '%.3s...') is refused with EINVAL by every function (%d did not)",
		   i, strlen(name), strchr(name, '\n') ? "x\\n" : name,
		   fails);
	}
	ret = sct_rule_delete("../victim");
	ok(ret == -EINVAL && strstr(sct_error_detail(), "invalid rule name '../victim'"),
	   "names: sct_rule_delete(\"../victim\") says why: %s",
	   sct_error_detail());
	after = tree(top);
	if (!ok(!strcmp(before, after), "names: nothing changed in or next to configfs"))
		diag("now", after);
	free(tree_text);
	free(before);
	sct_set_path(SCT_PATH_CONFIGFS, NULL);
	nftw(top, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- Locales. ---- */

/* Keywords, constants, fields and values with an I or an i in them. */
static const char locale_rules[] =
	"RULE {\n"
	"  SYSCALL_NAME = %FILE, %fIle, ia32:unlink, ia32:rmdir\n"
	"  RULE_NAME = Istanbul_i\n"
	"  WHEN = AFTER\n"
	"  CONTINUE = YES\n"
	"  FILTER_EXPRESSION {pid == 1 && params[1] == \"I\" && uid IN (0, 1) &&\n"
	"    PARAMS[2] & O_CREAT && RETVAL == -EINVAL && descendant(1) &&\n"
	"    ppid != 1 && comm == \"i\" && Sockaddr(Params[2]).port == htons(80)}\n"
	"  ACTION { TYPE = LOG LOG_TARGET = PRINTK LOG_FORMAT {%comm %params} }\n"
	"}\n"
	"RULE {\n"
	"  SYSCALL_NAME = unlink\n"
	"  RULE_NAME = fail_i\n"
	"  WHEN = BEFORE\n"
	"  FORCE = TRUE ACT_ON_INIT = On ENABLED = YES\n"
	"  ACTION { TYPE = FAIL ERROR_CODE = EINVAL }\n"
	"}\n"
	"RULE { SYSCALL_NAME = unlink RULE_NAME = kill_i ACTION { TYPE = Kill } }\n"
	"RULE { SYSCALL_NAME = unlink RULE_NAME = susp ACTION { TYPE = SUSPEND } }\n"
	/* Errors, with their messages. */
	"RULE { SYSCALL_NAME = unlink RULE_NAME = bad1 ACTION { TYPE = FAİL } }\n"
	"RULE { SYSCALL_NAME = unlink RULE_NAME = \xfd ACTION { TYPE = LOG } }\n"
	"RULE { SYSCALL_NAME = unlink RULE_NAME = bad3 FILTER_EXPRESSION {pıd == 1} }\n";

/* The rules and errors of locale_rules, parsed and printed, as text. */
static char *locale_parse(void)
{
	struct sct_ruleset set = { 0 };
	char *errs, *text;
	size_t size, i;
	FILE *f;
	int ret;

	ret = parse_text(&set, locale_rules, &errs);
	f = open_memstream(&text, &size);
	fprintf(f, "%d errors, %zu rules\n%s", ret, set.count, errs);
	for (i = 0; i < set.count; i++) {
		sct_rule_print(f, &set.rules[i]);
		fprintf(f, "filter: %s\nnr %d abi %d\n", set.rules[i].filter,
			set.rules[i].nr, set.rules[i].abi);
	}
	fprintf(f, "name \\xfd: %d, class %%FiLe: %s\n",
		sct_rule_exists("\xfd"), sct_syscall_class("%FiLe") ? "yes" : "no");
	fclose(f);
	free(errs);
	sct_ruleset_clear(&set);
	return text;
}

static void test_locales(void)
{
	static volatile char upper_i_v[2] = "I";
	const char upper_i[2] = { upper_i_v[0], '\0' };
	static const char *const charsets[] = { "UTF-8", "ISO-8859-9" };
	char tmpl[] = "/tmp/sct-locale-test.XXXXXX", cmd[PATH_MAX + 128];
	char loc[64], *c_text, *text;
	const char *dir;
	size_t i;
	bool turkish;

	c_text = locale_parse();
	if (!ok(!strncmp(c_text, "3 errors, 4 rules\n", 18),
		"locales: the test rules in the C locale: 4 rules, 3 errors"))
		diag("C locale", c_text);
	dir = mkdtemp(tmpl);
	if (!ok(dir != NULL, "locales: a directory for locales")) {
		free(c_text);
		return;
	}
	setenv("LOCPATH", dir, 1);
	for (i = 0; i < sizeof(charsets) / sizeof(charsets[0]); i++) {
		snprintf(loc, sizeof(loc), "tr_TR.%s", charsets[i]);
		snprintf(cmd, sizeof(cmd),
			 "localedef -i tr_TR -f %s %s/%s >/dev/null 2>&1",
			 charsets[i], dir, loc);
		if (system(cmd) || !setlocale(LC_ALL, loc)) {
			ok(false, "locales: make %s with localedef (needs the locales package's sources), and use it",
			   loc);
			continue;
		}
		/*
		 * Else the test proves nothing (not folded by the compiler).
		 * The sanitizers' strcasecmp() is ASCII's in every locale:
		 * scripts/tests/locale.sh tests libsct without them.
		 */
		turkish = tolower(upper_i[0]) != 'i';
		text = locale_parse();
		setlocale(LC_ALL, "C");
		if (!ok(turkish && !strcmp(text, c_text),
			"locales: in %s (tolower('I') is not 'i': %s), the same rules and errors as in C",
			loc, turkish ? "yes" : "no"))
			diag(loc, text);
		free(text);
	}
	unsetenv("LOCPATH");
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(c_text);
}

void test_hardening(void)
{
	test_deep_filters();
	test_bad_names();
	test_locales();
}
