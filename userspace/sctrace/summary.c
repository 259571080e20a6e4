// SPDX-License-Identifier: GPL-2.0
/*
 * sctrace's call summary: strace 6.1's -c and -C table, with -S and -U.
 *
 * The counts are kept per ABI and call number; summary_print() prints one
 * table per ABI that has calls, as strace prints one per personality.
 * The layout is strace's, byte for byte: the columns, their widths (at
 * least the header's, more when a value needs it), the rules, the rows
 * sorted by the -S key with ties in call-number order (strace sorts its
 * table of calls, in number order, with glibc's stable qsort), and the
 * "total" row.  The times are the caller's (sctrace: the wall time from
 * entry to exit, see sctrace(1)).
 *
 * This file does not depend on the rest of sctrace: the host tests link
 * it alone.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sctrace.h"

#define NSEC	1000000000ULL
#define NABIS	3	/* SCT_ABI_NATIVE, SCT_ABI_COMPAT, SCT_ABI_X32 */

/* The columns, in strace's order (its enum count_summary_columns). */
enum column {
	COL_NONE,
	COL_PERCENT,	/* "% time" */
	COL_TOTAL,	/* "seconds" */
	COL_MIN,	/* "shortest" */
	COL_MAX,	/* "longest" */
	COL_AVG,	/* "usecs/call" */
	COL_CALLS,
	COL_ERRORS,
	COL_NAME,
	COL_MAX_NR,
};

/* strace's names of the columns, for -S and -U. */
static const struct {
	const char *name;
	enum column col;
} aliases[] = {
	{ "time", COL_PERCENT }, { "time_percent", COL_PERCENT },
	{ "time-percent", COL_PERCENT },
	{ "time_total", COL_TOTAL }, { "time-total", COL_TOTAL },
	{ "total_time", COL_TOTAL }, { "total-time", COL_TOTAL },
	{ "min_time", COL_MIN }, { "min-time", COL_MIN },
	{ "shortest", COL_MIN }, { "time_min", COL_MIN },
	{ "time-min", COL_MIN },
	{ "longest", COL_MAX }, { "max_time", COL_MAX },
	{ "max-time", COL_MAX }, { "time_max", COL_MAX },
	{ "time-max", COL_MAX },
	{ "avg_time", COL_AVG }, { "avg-time", COL_AVG },
	{ "time_avg", COL_AVG }, { "time-avg", COL_AVG },
	{ "calls", COL_CALLS }, { "count", COL_CALLS },
	{ "error", COL_ERRORS }, { "errors", COL_ERRORS },
	{ "name", COL_NAME }, { "syscall", COL_NAME },
	{ "syscall_name", COL_NAME }, { "syscall-name", COL_NAME },
	{ "none", COL_NONE }, { "nothing", COL_NONE },
};

/* One call's counts. */
struct count {
	int nr;
	char *name;
	uint64_t calls, errors;
	uint64_t time, min, max, avg;	/* ns */
};

/* The counts of one ABI, indexed by call number. */
struct table {
	struct count *by_nr;
	size_t size;
};

static struct table tables[NABIS];
/* strace's personality names, for the tables after the first. */
static const char *const abi_names[NABIS] = { "64 bit", "32 bit", "x32" };

/* The -S key: COL_NONE keeps the number order. */
static enum column sort_key = COL_PERCENT;
static const unsigned char default_columns[] = {
	COL_PERCENT, COL_TOTAL, COL_AVG, COL_CALLS, COL_ERRORS, COL_NAME,
};
static unsigned char columns[COL_MAX_NR];
static size_t ncolumns;
/* The message of the last refused -S or -U argument. */
static char msg[4096];

static const char *find_alias(const char *s, size_t len, enum column *col)
{
	size_t i;

	for (i = 0; i < NELEM(aliases); i++) {
		if (strncmp(aliases[i].name, s, len) || aliases[i].name[len])
			continue;
		*col = aliases[i].col;
		return aliases[i].name;
	}
	return NULL;
}

const char *summary_set_sort(const char *key)
{
	enum column col;

	if (!find_alias(key, strlen(key), &col)) {
		snprintf(msg, sizeof(msg), "invalid sortby: '%s'", key);
		return msg;
	}
	sort_key = col;
	return NULL;
}

const char *summary_set_columns(const char *list)
{
	bool seen[COL_MAX_NR] = { false };
	const char *s = list, *comma, *name;
	enum column col;
	size_t len;

	ncolumns = 0;
	for (;;) {
		comma = strchr(s, ',');
		len = comma ? (size_t)(comma - s) : strlen(s);
		name = find_alias(s, len, &col);
		if (!name || col == COL_NONE) {
			snprintf(msg, sizeof(msg),
				 "unknown column name: '%.*s'",
				 (int)(len < INT_MAX ? len : INT_MAX), s);
			ncolumns = 0;
			return msg;
		}
		if (seen[col]) {
			snprintf(msg, sizeof(msg),
				 "call summary column has been provided more than once: '%s' (-U option residual: '%s')",
				 name, s);
			ncolumns = 0;
			return msg;
		}
		seen[col] = true;
		columns[ncolumns++] = col;
		if (!comma)
			break;
		s = comma + 1;
	}
	/* The table means nothing without the names. */
	if (!seen[COL_NAME])
		columns[ncolumns++] = COL_NAME;
	return NULL;
}

int summary_add(int abi, int nr, const char *name, uint64_t ns, bool failed)
{
	struct table *t;
	struct count *c;

	/* Not counted, as strace counts only the calls of its tables. */
	if (abi < 0 || abi >= NABIS || nr < 0 || nr > SUMMARY_MAX_NR)
		return 0;
	t = &tables[abi];
	if ((size_t)nr >= t->size) {
		size_t size = t->size ? t->size : 512;

		while (size <= (size_t)nr)
			size *= 2;
		c = reallocarray(t->by_nr, size, sizeof(*c));
		if (!c)
			return -1;
		memset(c + t->size, 0, (size - t->size) * sizeof(*c));
		t->by_nr = c;
		t->size = size;
	}
	c = &t->by_nr[nr];
	if (!c->name) {
		char buf[32];

		if (!name) {
			snprintf(buf, sizeof(buf), "syscall_%#x", nr);
			name = buf;
		}
		c->name = strdup(name);
		if (!c->name)
			return -1;
		c->nr = nr;
		c->min = UINT64_MAX;
	}
	c->calls++;
	if (failed)
		c->errors++;
	c->time += ns;
	if (ns < c->min)
		c->min = ns;
	if (ns > c->max)
		c->max = ns;
	return 0;
}

void summary_free(void)
{
	size_t a, i;

	for (a = 0; a < NABIS; a++) {
		for (i = 0; i < tables[a].size; i++)
			free(tables[a].by_nr[i].name);
		free(tables[a].by_nr);
		tables[a].by_nr = NULL;
		tables[a].size = 0;
	}
	sort_key = COL_PERCENT;
	ncolumns = 0;
}

/* strace's ts_float(): seconds and nanoseconds, as a double. */
static double secs(uint64_t ns)
{
	return (double)(ns / NSEC) + (double)(ns % NSEC) / 1e9;
}

static int cmp_u64(uint64_t a, uint64_t b)
{
	return a < b ? 1 : a > b ? -1 : 0;	/* the larger first */
}

/* The -S order; ties in call-number order, as strace's stable sort. */
static int compare(const void *pa, const void *pb)
{
	const struct count *a = *(const struct count *const *)pa;
	const struct count *b = *(const struct count *const *)pb;
	int r = 0;

	switch (sort_key) {
	case COL_PERCENT:
	case COL_TOTAL:
		r = cmp_u64(a->time, b->time);
		break;
	case COL_MIN:
		r = cmp_u64(a->min, b->min);
		break;
	case COL_MAX:
		r = cmp_u64(a->max, b->max);
		break;
	case COL_AVG:
		r = cmp_u64(a->avg, b->avg);
		break;
	case COL_CALLS:
		r = cmp_u64(a->calls, b->calls);
		break;
	case COL_ERRORS:
		r = cmp_u64(a->errors, b->errors);
		break;
	case COL_NAME:
		r = strcmp(a->name, b->name);
		break;
	default:
		break;
	}
	return r ? r : (a->nr > b->nr) - (a->nr < b->nr);
}

static unsigned int digits(uint64_t v)
{
	unsigned int n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

static unsigned int max_u(unsigned int a, unsigned int b)
{
	return a > b ? a : b;
}

/* A rule under the header and above the total. */
static void rule(FILE *f, const unsigned int *width)
{
	size_t i;
	unsigned int j;

	for (i = 0; i < ncolumns; i++) {
		if (i)
			putc(' ', f);
		for (j = 0; j < width[columns[i]]; j++)
			putc('-', f);
	}
	putc('\n', f);
}

/*
 * One row: @name "total" for the totals.  The errors column prints 0 as
 * blanks (strace's "%.0" PRIu64), the names column is padded unless it
 * is the last.
 */
static void row(FILE *f, const unsigned int *width, double percent,
		double total, double min, double max, uint64_t avg,
		uint64_t calls, uint64_t errors, const char *name)
{
	size_t i;
	int w;

	for (i = 0; i < ncolumns; i++) {
		w = (int)width[columns[i]];
		if (i)
			putc(' ', f);
		switch (columns[i]) {
		case COL_PERCENT:
			fprintf(f, "%*.2f", w, percent);
			break;
		case COL_TOTAL:
			fprintf(f, "%*.6f", w, total);
			break;
		case COL_MIN:
			fprintf(f, "%*.6f", w, min);
			break;
		case COL_MAX:
			fprintf(f, "%*.6f", w, max);
			break;
		case COL_AVG:
			fprintf(f, "%*" PRIu64, w, avg);
			break;
		case COL_CALLS:
			fprintf(f, "%*" PRIu64, w, calls);
			break;
		case COL_ERRORS:
			fprintf(f, "%*.0" PRIu64, w, errors);
			break;
		case COL_NAME:
			if (i == ncolumns - 1)
				fputs(name, f);
			else
				fprintf(f, "%-*s", w, name);
			break;
		}
	}
	putc('\n', f);
}

static void print_table(FILE *f, struct table *t)
{
	static const char *const head[COL_MAX_NR] = {
		[COL_PERCENT] = "% time", [COL_TOTAL] = "seconds",
		[COL_MIN] = "shortest", [COL_MAX] = "longest",
		[COL_AVG] = "usecs/call", [COL_CALLS] = "calls",
		[COL_ERRORS] = "errors", [COL_NAME] = "syscall",
	};
	unsigned int width[COL_MAX_NR];
	uint64_t total = 0, min = UINT64_MAX, min_max = 0, max = 0;
	uint64_t avg_max = 0, calls = 0, errors = 0;
	size_t i, n = 0, name_max = 0;
	struct count **rows;
	double ftotal, percent;
	char buf[32];

	rows = calloc(t->size ? t->size : 1, sizeof(*rows));
	if (!rows) {
		fputs("sctrace: out of memory for the summary\n", stderr);
		return;
	}
	for (i = 0; i < t->size; i++) {
		struct count *c = &t->by_nr[i];

		if (!c->calls)
			continue;
		rows[n++] = c;
		total += c->time;
		min = c->min < min ? c->min : min;
		min_max = c->min > min_max ? c->min : min_max;
		max = c->max > max ? c->max : max;
		calls += c->calls;
		errors += c->errors;
		/* strace's ts_div(): rounded to the nearest ns. */
		c->avg = (c->time + c->calls / 2) / c->calls;
		avg_max = c->avg > avg_max ? c->avg : avg_max;
		if (strlen(c->name) > name_max)
			name_max = strlen(c->name);
	}
	ftotal = secs(total);
	if (sort_key != COL_NONE)
		qsort(rows, n, sizeof(*rows), compare);

	/* The header's width, or more if a value needs it. */
	width[COL_PERCENT] = 6;
	width[COL_TOTAL] = max_u(11, snprintf(buf, sizeof(buf), "%.6f",
					      ftotal));
	width[COL_MIN] = max_u(8, digits(min_max / NSEC) + 7);
	width[COL_MAX] = max_u(7, digits(max / NSEC) + 7);
	width[COL_AVG] = max_u(11, digits((uint64_t)(secs(avg_max) * 1e6)));
	width[COL_CALLS] = max_u(9, digits(calls));
	width[COL_ERRORS] = max_u(9, digits(errors));
	width[COL_NAME] = max_u(16, name_max + 1);

	for (i = 0; i < ncolumns; i++) {
		if (i)
			putc(' ', f);
		if (columns[i] != COL_NAME)
			fprintf(f, "%*s", (int)width[columns[i]],
				head[columns[i]]);
		else if (i == ncolumns - 1)
			fputs(head[COL_NAME], f);
		else
			fprintf(f, "%-*s", (int)width[COL_NAME], head[COL_NAME]);
	}
	putc('\n', f);
	rule(f, width);
	for (i = 0; i < n; i++) {
		struct count *c = rows[i];

		percent = 100.0 * secs(c->time);
		/* ftotal can be 0 too. */
		if (percent != 0.0)
			percent /= ftotal;
		row(f, width, percent, secs(c->time), secs(c->min),
		    secs(c->max), (uint64_t)(secs(c->avg) * 1e6), c->calls,
		    c->errors, c->name);
	}
	rule(f, width);
	row(f, width, 100.0, ftotal, secs(min), secs(max),
	    (uint64_t)(ftotal / calls * 1e6), calls, errors, "total");
	free(rows);
}

void summary_print(FILE *f)
{
	size_t a, i;
	bool any;

	if (!ncolumns) {
		memcpy(columns, default_columns, sizeof(default_columns));
		ncolumns = NELEM(default_columns);
	}
	for (a = 0; a < NABIS; a++) {
		any = false;
		for (i = 0; i < tables[a].size && !any; i++)
			any = tables[a].by_nr[i].calls;
		if (!any)
			continue;
		if (a)
			fprintf(f, "System call usage summary for %s mode:\n",
				abi_names[a]);
		print_table(f, &tables[a]);
	}
}
