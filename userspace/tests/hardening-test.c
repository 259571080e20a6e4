// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of libsct against input a user or a kernel should not
 * give it, part of the host test program (rules-test.c prints the plan):
 *
 *   - filters nested far past the kernel's 16 levels (20000 and a
 *     million parentheses, '-' and htons()), refused with the kernel's
 *     message at the 17th level, without exhausting the stack.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

void test_hardening(void)
{
	test_deep_filters();
}
