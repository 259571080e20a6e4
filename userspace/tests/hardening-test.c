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
 *     configfs (SCT_CONFIGFS) or next to it.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rules-internal.h"
#include "tests.h"

/* Parse @text as "t.rules"; *errs gets the messages (free it). */
static int parse_text(struct sct_rule_set *set, const char *text,
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
	struct sct_rule_set set = { 0 };
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
	sct_rule_set_free(&set);
}

static void test_deep_filters(void)
{
	static const size_t depths[] = { 17, 20000, 1000000 };
	static const char sixteen[] =
		"rule { syscall_name = open rule_name = deep filter_expression {"
		"PARAMS[2] & " "(((((((((((" "O_CREAT|-(-(htons(1)))" ")))))))))))"
		" && ((((((((((((((((PID == 1))))))))))))))))} }\n";
	struct sct_rule_set set = { 0 };
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
	sct_rule_set_free(&set);

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
	setenv("SCT_CONFIGFS", root, 1);
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
	unsetenv("SCT_CONFIGFS");
	nftw(top, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

void test_hardening(void)
{
	test_deep_filters();
	test_bad_names();
}
