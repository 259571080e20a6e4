// SPDX-License-Identifier: GPL-2.0
/*
 * locale-parse: parse rule files in the locale of the environment, as a
 * program that calls setlocale(LC_ALL, "") and uses libsct does, and
 * print what came of them: the errors, each rule as sct_rule_print()
 * writes it, its filter and syscall list, and a few of libsct's checks
 * of names and classes.  scripts/tests/locale.sh compares the output in
 * the C locale with that in Turkish ones.  Built without the sanitizers,
 * whose strcasecmp() is ASCII-only in every locale.
 *
 *   locale-parse FILE...
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "sct-private.h"

int main(int argc, char **argv)
{
	static const char *const names[] = { "\xfd", "\xc9t\xe9", "Istanbul" };
	struct sct_ruleset set = { 0 };
	size_t i;
	int n;

	if (!setlocale(LC_ALL, "")) {
		fprintf(stderr, "locale-parse: the locale of the environment is not there\n");
		return 1;
	}
	for (n = 1; n < argc; n++)
		printf("%s: %d errors\n", argv[n],
		       sct_rules_parse_file(&set, argv[n], stdout));
	for (i = 0; i < set.count; i++) {
		sct_rule_print(stdout, &set.rules[i]);
		printf("filter: %s\nsyscall %s nr %d abi %d\n",
		       set.rules[i].filter, set.rules[i].syscall,
		       set.rules[i].nr, set.rules[i].abi);
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		printf("sct_trace_exists(\"%s\"): %d\n", names[i],
		       sct_trace_exists(names[i]));
	printf("%%FiLe: %s\n", sct_syscall_class("%FiLe") ? "a class" : "none");
	sct_ruleset_clear(&set);
	return fflush(stdout) ? 1 : 0;
}
