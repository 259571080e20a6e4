// SPDX-License-Identifier: GPL-2.0
/*
 * filter-expect: what libsct's checker says of each filter of a corpus
 * (tests/filter-corpus.c), for the guest to hold the kernel to.
 *
 *   filter-expect [-v] < CORPUS > EXPECT
 *
 * Each line of CORPUS is "W FILTER", W being 'b' (when = before) or 'a'
 * (after), FILTER in the kernel's own language.  For each, one line of
 * EXPECT: "A" if the kernel must compile it, or "R POS MESSAGE" if it
 * must refuse it, with the caret of filter_error at offset POS of FILTER
 * (MESSAGE is libsct's, for people).  The checker is
 * sct_rf_check_raw(), libsct's port of the kernel's compiler, the one
 * that "sctrules check" runs after it resolves constants and macros.
 *
 * Exits 1 on a malformed corpus line, after saying which.  -v counts
 * the verdicts on stderr.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules-internal.h"

int main(int argc, char **argv)
{
	bool verbose = argc > 1 && !strcmp(argv[1], "-v");
	unsigned long nr = 0, accepted = 0;
	unsigned int pos;
	char msg[256];
	size_t cap = 0;
	char *buf = NULL;
	ssize_t len;
	int when, ret;

	while ((len = getline(&buf, &cap, stdin)) >= 0) {
		nr++;
		if (len && buf[len - 1] == '\n')
			buf[--len] = '\0';
		if (len < 2 || (buf[0] != 'a' && buf[0] != 'b') ||
		    buf[1] != ' ' || strlen(buf) != (size_t)len) {
			fprintf(stderr,
				"filter-expect: line %lu: not \"a FILTER\" or \"b FILTER\" (or a NUL in it)\n",
				nr);
			return 1;
		}
		when = buf[0] == 'a' ? SCT_WHEN_AFTER : SCT_WHEN_BEFORE;
		ret = sct_rf_check_raw(buf + 2, when, &pos, msg, sizeof(msg));
		if (ret == -ENOMEM) {
			fprintf(stderr, "filter-expect: out of memory\n");
			return 1;
		}
		if (ret) {
			printf("R %u %s\n", pos, msg);
		} else {
			printf("A\n");
			accepted++;
		}
	}
	free(buf);
	if (ferror(stdin) || fflush(stdout) || ferror(stdout)) {
		perror("filter-expect");
		return 1;
	}
	if (verbose)
		fprintf(stderr, "filter-expect: %lu filters, %lu accepted, %lu refused\n",
			nr, accepted, nr - accepted);
	return 0;
}
