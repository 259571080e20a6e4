// SPDX-License-Identifier: GPL-2.0
/*
 * sctrace's call summary (sctrace/summary.c): strace 6.1's -c table, its
 * widths, sort orders, -U columns and totals, and the messages for bad
 * -S and -U arguments.  The expected tables are written out by hand from
 * strace 6.1's rules (src/count.c); the guest's sctrace-summary.sh holds
 * them to the real strace.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../sctrace/sctrace.h"
#include "tests.h"

/* The tables summary_print() prints, in a buffer to free. */
static char *print(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		abort();
	summary_print(f);
	fclose(f);
	return buf;
}

static void expect(const char *what, const char *want)
{
	char *got = print();

	if (!ok(!strcmp(got, want), "summary: %s", what)) {
		diag("want", want);
		diag("got", got);
	}
	free(got);
}

static void expect_msg(const char *what, const char *got, const char *want)
{
	if (!ok(got && want ? !strcmp(got, want) : got == want,
		"summary: %s", what)) {
		diag("want", want ? want : "(accepted)");
		diag("got", got ? got : "(accepted)");
	}
}

/* read, write and openat: times, errors, the default columns. */
static void add_basic(void)
{
	summary_add(SCT_ABI_NATIVE, 0, "read", 1500, false);
	summary_add(SCT_ABI_NATIVE, 0, "read", 2500, true);
	summary_add(SCT_ABI_NATIVE, 0, "read", 3500, false);
	summary_add(SCT_ABI_NATIVE, 1, "write", 10500, false);
	summary_add(SCT_ABI_NATIVE, 257, "openat", 0, true);
	summary_add(SCT_ABI_NATIVE, 257, "openat", 0, true);
}

/* Calls of equal counts and times, numbered against their names' order. */
static void add_ties(void)
{
	summary_add(SCT_ABI_NATIVE, 5, "aa", 0, false);
	summary_add(SCT_ABI_NATIVE, 5, "aa", 0, false);
	summary_add(SCT_ABI_NATIVE, 3, "zz", 0, false);
	summary_add(SCT_ABI_NATIVE, 3, "zz", 0, false);
	summary_add(SCT_ABI_NATIVE, 9, "mm", 0, false);
	summary_add(SCT_ABI_NATIVE, 1, "bb", 0, false);
	summary_add(SCT_ABI_NATIVE, 1, "bb", 0, false);
	summary_add(SCT_ABI_NATIVE, 1, "bb", 0, false);
}

static const char rule6[] =
	"------ ----------- ----------- --------- --------- ----------------\n";
static const char head6[] =
	"% time     seconds  usecs/call     calls    errors syscall\n";

static void test_tables(void)
{
	char want[2048];

	expect("no calls, no table", "");
	summary_free();

	add_basic();
	snprintf(want, sizeof(want), "%s%s"
		 " 58.33    0.000010          10         1           write\n"
		 " 41.67    0.000008           2         3         1 read\n"
		 "  0.00    0.000000           0         2         2 openat\n"
		 "%s"
		 "100.00    0.000018           3         6         3 total\n",
		 head6, rule6, rule6);
	expect("by time: header, rules, widths, blank 0 errors, total", want);
	summary_free();

	add_ties();
	expect_msg("-S calls accepted", summary_set_sort("calls"), NULL);
	snprintf(want, sizeof(want), "%s%s"
		 "  0.00    0.000000           0         3           bb\n"
		 "  0.00    0.000000           0         2           zz\n"
		 "  0.00    0.000000           0         2           aa\n"
		 "  0.00    0.000000           0         1           mm\n"
		 "%s"
		 "100.00    0.000000           0         8           total\n",
		 head6, rule6, rule6);
	expect("-S calls: ties in call-number order", want);
	summary_free();

	add_ties();
	summary_set_sort("nothing");
	snprintf(want, sizeof(want), "%s%s"
		 "  0.00    0.000000           0         3           bb\n"
		 "  0.00    0.000000           0         2           zz\n"
		 "  0.00    0.000000           0         2           aa\n"
		 "  0.00    0.000000           0         1           mm\n"
		 "%s"
		 "100.00    0.000000           0         8           total\n",
		 head6, rule6, rule6);
	expect("-S nothing: call-number order", want);
	summary_free();

	add_ties();
	summary_set_sort("syscall");
	snprintf(want, sizeof(want), "%s%s"
		 "  0.00    0.000000           0         2           aa\n"
		 "  0.00    0.000000           0         3           bb\n"
		 "  0.00    0.000000           0         1           mm\n"
		 "  0.00    0.000000           0         2           zz\n"
		 "%s"
		 "100.00    0.000000           0         8           total\n",
		 head6, rule6, rule6);
	expect("-S syscall: by name", want);
	summary_free();

	add_basic();
	summary_set_sort("errors");
	expect_msg("-U with the name first",
		   summary_set_columns("name,calls,min-time,max-time,errors"),
		   NULL);
	expect("-U name,calls,min-time,max-time,errors, -S errors",
	       "syscall              calls shortest  longest    errors\n"
	       "---------------- --------- -------- -------- ---------\n"
	       "openat                   2 0.000000 0.000000         2\n"
	       "read                     3 0.000002 0.000003         1\n"
	       "write                    1 0.000010 0.000010          \n"
	       "---------------- --------- -------- -------- ---------\n"
	       "total                    6 0.000000 0.000010         3\n");
	summary_free();

	add_basic();
	summary_set_sort("avg-time");
	summary_set_columns("calls,avg_time");
	expect("-U calls,avg_time: the name added last, -S avg-time",
	       "    calls  usecs/call syscall\n"
	       "--------- ----------- ----------------\n"
	       "        1          10 write\n"
	       "        3           2 read\n"
	       "        2           0 openat\n"
	       "--------- ----------- ----------------\n"
	       "        6           3 total\n");
	summary_free();

	/* Columns wider than their headers. */
	summary_add(SCT_ABI_NATIVE, 7, "a_call_of_twenty_chr", 200000000000000ULL,
		    false);
	summary_add(SCT_ABI_NATIVE, 8, "b", 12000000000ULL, false);
	summary_set_sort("min-time");
	summary_set_columns("time-percent,total-time,min-time,max-time,avg-time,calls,errors,name");
	expect("widths: seconds, shortest, longest, usecs/call, syscall",
	       "% time       seconds      shortest       longest   usecs/call     calls    errors syscall\n"
	       "------ ------------- ------------- ------------- ------------ --------- --------- ---------------------\n"
	       " 99.99 200000.000000 200000.000000 200000.000000 200000000000         1           a_call_of_twenty_chr\n"
	       "  0.01     12.000000     12.000000     12.000000     12000000         1           b\n"
	       "------ ------------- ------------- ------------- ------------ --------- --------- ---------------------\n"
	       "100.00 200012.000000     12.000000 200000.000000 100006000000         2           total\n");
	summary_free();

	/* One table per ABI, as strace's per personality. */
	summary_add(SCT_ABI_COMPAT, 3, "read", 0, false);
	summary_add(SCT_ABI_NATIVE, 0, "read", 0, false);
	summary_add(SCT_ABI_X32, 1, "write", 0, true);
	summary_add(SCT_ABI_NATIVE, -1, "bad", 0, false);
	summary_add(SCT_ABI_NATIVE, SUMMARY_MAX_NR + 1, "bad", 0, false);
	summary_add(7, 1, "bad", 0, false);
	summary_add(SCT_ABI_NATIVE, 4000, NULL, 0, false);
	summary_set_sort("calls");
	summary_set_columns("calls,errors");
	expect("one table per ABI; numbers out of range not counted",
	       "    calls    errors syscall\n"
	       "--------- --------- ----------------\n"
	       "        1           read\n"
	       "        1           syscall_0xfa0\n"
	       "--------- --------- ----------------\n"
	       "        2           total\n"
	       "System call usage summary for 32 bit mode:\n"
	       "    calls    errors syscall\n"
	       "--------- --------- ----------------\n"
	       "        1           read\n"
	       "--------- --------- ----------------\n"
	       "        1           total\n"
	       "System call usage summary for x32 mode:\n"
	       "    calls    errors syscall\n"
	       "--------- --------- ----------------\n"
	       "        1         1 write\n"
	       "--------- --------- ----------------\n"
	       "        1         1 total\n");
	summary_free();
}

/* strace 6.1's messages (its tests/options-syntax.test). */
static void test_options(void)
{
	static const char *const keys[] = {
		"time", "time_percent", "time-percent", "time_total",
		"time-total", "total_time", "total-time", "min_time",
		"min-time", "shortest", "time_min", "time-min", "longest",
		"max_time", "max-time", "time_max", "time-max", "avg_time",
		"avg-time", "time_avg", "time-avg", "calls", "count", "error",
		"errors", "name", "syscall", "syscall_name", "syscall-name",
		"none", "nothing",
	};
	bool all = true;
	size_t i;

	for (i = 0; i < NELEM(keys); i++)
		all &= !summary_set_sort(keys[i]);
	ok(all, "summary: -S takes strace's %zu keys", NELEM(keys));
	expect_msg("-S bogus", summary_set_sort("bogus"),
		   "invalid sortby: 'bogus'");
	expect_msg("-S ''", summary_set_sort(""), "invalid sortby: ''");
	expect_msg("-S time,calls", summary_set_sort("time,calls"),
		   "invalid sortby: 'time,calls'");
	expect_msg("-U bogus", summary_set_columns("bogus"),
		   "unknown column name: 'bogus'");
	expect_msg("-U time,,name", summary_set_columns("time,,name"),
		   "unknown column name: ''");
	expect_msg("-U none", summary_set_columns("calls,none"),
		   "unknown column name: 'none'");
	expect_msg("-U calls,", summary_set_columns("calls,"),
		   "unknown column name: ''");
	expect_msg("-U time,time_percent,time_total",
		   summary_set_columns("time,time_percent,time_total"),
		   "call summary column has been provided more than once: 'time_percent' (-U option residual: 'time_percent,time_total')");
	all = true;
	for (i = 0; i < NELEM(keys) - 2; i++)
		all &= !summary_set_columns(keys[i]);
	ok(all, "summary: -U takes strace's %zu column names",
	   NELEM(keys) - 2);
	summary_free();
}

void test_sctrace_summary(void)
{
	test_tables();
	test_options();
}
