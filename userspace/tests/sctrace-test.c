// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of sctrace's pure logic (sctrace/filter.c): strace's
 * -e trace= sets, the token sets of signal=, status= and quiet=, and the
 * timing columns of -t, -tt, -ttt, -r and -T.  Prints TAP.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sct.h>

#include "../sctrace/filter.h"

static int n, fails;

static void ok(bool cond, const char *what)
{
	printf("%sok %d sctrace: %s\n", cond ? "" : "not ", ++n, what);
	fails += !cond;
}

/* The names of @str's set, joined with ','; "" for none. */
static char *set_names(const char *str, char **err, int *status)
{
	int nsys = sct_syscall_count(), i;
	bool *set = calloc(nsys, sizeof(*set));
	char *out = calloc(1, 65536);

	*err = trace_set_parse(str, set, nsys, status);
	for (i = 0; i < nsys && !*err; i++) {
		if (!set[i])
			continue;
		if (*out)
			strcat(out, ",");
		strcat(out, sct_syscall_name(i));
	}
	free(set);
	return out;
}

static void set_is(const char *str, const char *want)
{
	char *err, *got, what[256];
	int status;

	got = set_names(str, &err, &status);
	snprintf(what, sizeof(what), "trace=%s is {%s}", str, want);
	ok(!err && !strcmp(got, want), what);
	if (err || strcmp(got, want))
		printf("# got {%s} %s\n", got, err ? err : "");
	free(err);
	free(got);
}

static void set_err(const char *str, const char *want, int want_status)
{
	char *err, *got, what[256];
	int status = 0;

	got = set_names(str, &err, &status);
	snprintf(what, sizeof(what), "trace=%s: %s (%d)", str, want,
		 want_status);
	ok(err && !strcmp(err, want) && status == want_status, what);
	if (err && strcmp(err, want))
		printf("# got: %s\n", err);
	free(err);
	free(got);
}

int main(void)
{
	int nsys = sct_syscall_count(), i, count = 0;
	bool set[NR_SIGNALS], *all = calloc(nsys, sizeof(*all));
	char buf[128], *m, **lists;
	int status;

	set_is("close,open", "open,close");
	set_is("?nosuchcall,close", "close");
	set_is("3", "close");
	set_is("/^(open|close)$", "open,close");
	set_is("%stat", "stat");
	set_is("%%stat", "stat,fstat,lstat,newfstatat,statx");
	set_is("%stat,read", "read,stat");
	set_is("none", "");
	set_err("foo", "invalid system call 'foo'", 1);
	set_err(",", "invalid system call ','", 1);
	set_err("/(", "regcomp: (: Unmatched ( or \\(", 1);
	set_err("read@32", "personality designator '32' is not supported", 2);
	set_err("read@z", "incorrect personality designator 'z' in qualification 'read@z'", 1);

	/* Negation: every native name but those. */
	m = trace_set_parse("!read,write", all, nsys, &status);
	for (i = 0; i < nsys; i++)
		count += all[i];
	ok(!m && !all[0] && !all[1] && all[2] && count > 300,
	   "trace=!read,write is every other syscall");
	lists = trace_set_lists(all, nsys, 100);
	for (i = 0; lists && lists[i]; i++)
		if (strlen(lists[i]) > 100 || strstr(lists[i], "read,") == lists[i])
			break;
	ok(lists && lists[0] && lists[1] && !lists[i],
	   "a long set is split into lists of the size asked");
	trace_lists_free(lists);
	m = trace_set_parse("all", all, nsys, &status);
	lists = trace_set_lists(all, nsys, SCT_SYSCALL_LIST_MAX);
	ok(!m && lists && lists[0] && !strcmp(lists[0], "*") && !lists[1],
	   "trace=all is \"*\"");
	trace_lists_free(lists);
	m = trace_set_parse("none", all, nsys, &status);
	lists = trace_set_lists(all, nsys, SCT_SYSCALL_LIST_MAX);
	ok(!m && lists && !lists[0], "trace=none is no list");
	trace_lists_free(lists);
	free(all);

	m = tokens_parse("SIGCHLD,usr1,9,RTMIN,SIGRT_2", set, NR_SIGNALS,
			 sigstr_to_num, "signal");
	ok(!m && set[17] && set[10] && set[9] && set[32] && set[34] &&
	   !set[15], "signal=SIGCHLD,usr1,9,RTMIN,SIGRT_2");
	m = tokens_parse("!SIGCHLD", set, NR_SIGNALS, sigstr_to_num,
			 "signal");
	ok(!m && !set[17] && set[1], "signal=!SIGCHLD");
	m = tokens_parse("SIGFOO", set, NR_SIGNALS, sigstr_to_num, "signal");
	ok(m && !strcmp(m, "invalid signal 'SIGFOO'"), "signal=SIGFOO: invalid");
	free(m);
	m = tokens_parse("failed,unfinished", set, NR_STATUSES,
			 statusstr_to_num, "status");
	ok(!m && set[STATUS_FAILED] && set[STATUS_UNFINISHED] &&
	   !set[STATUS_SUCCESSFUL], "status=failed,unfinished");
	m = tokens_parse("superseded,exits", set, NR_QUIETS, quietstr_to_num,
			 "quiet");
	ok(!m && set[QUIET_THREAD_EXECVE] && set[QUIET_EXIT] &&
	   !set[QUIET_ATTACH], "quiet=superseded,exits");

	/* 2026-01-02 03:04:05.123456789 UTC. */
	setenv("TZ", "UTC", 1);
	format_leader_time(buf, sizeof(buf), 1, false,
			   1767323045123456789ULL, 0);
	ok(!strcmp(buf, "03:04:05 "), "-t: HH:MM:SS");
	format_leader_time(buf, sizeof(buf), 2, false,
			   1767323045123456789ULL, 0);
	ok(!strcmp(buf, "03:04:05.123456 "), "-tt: with microseconds");
	format_leader_time(buf, sizeof(buf), 3, false,
			   1767323045123456789ULL, 0);
	ok(!strcmp(buf, "1767323045.123456 "), "-ttt: seconds since the epoch");
	format_leader_time(buf, sizeof(buf), 0, true, 2000123456, 1000000000);
	ok(!strcmp(buf, "     1.000123 "), "-r: %6ld.%06ld");
	format_leader_time(buf, sizeof(buf), 1, true, 1767323045123456789ULL,
			   1767323045000000000ULL);
	ok(!strcmp(buf, "03:04:05 (+     0.123456) "), "-t -r: (+...)");
	format_duration(buf, sizeof(buf), 12000345678ULL);
	ok(!strcmp(buf, " <12.000345>"), "-T: <S.UUUUUU>");

	printf("1..%d\n", n);
	return fails ? 1 : 0;
}
