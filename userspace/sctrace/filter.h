/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sctrace's selections and timestamps (filter.c): pure functions, shared
 * with the host tests.
 */
#ifndef SCTRACE_FILTER_H
#define SCTRACE_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* -e status=: strace 6.1's statuses of a call. */
enum {
	STATUS_SUCCESSFUL,
	STATUS_FAILED,
	STATUS_UNFINISHED,
	STATUS_UNAVAILABLE,
	STATUS_DETACHED,
	NR_STATUSES
};

/* -e quiet=: strace 6.1's messages to suppress. */
enum {
	QUIET_ATTACH,
	QUIET_EXIT,
	QUIET_PATH_RESOLVE,
	QUIET_PERSONALITY,
	QUIET_THREAD_EXECVE,
	NR_QUIETS
};

#define NR_SIGNALS	256	/* -e signal= takes numbers up to 255 */

/*
 * trace_set_parse - strace's -e trace=SET into @set (@n native syscall
 * numbers): names, numbers, %classes (and the legacy ones without '%'),
 * /REGEX (POSIX ERE over the native names), '?' before a token (no
 * error if it names nothing), "@64" after it, '!' before the whole,
 * "all", "none".  The set is replaced, as strace does.
 *
 * Return: NULL, or an allocated message (strace's words) with *@status
 * the exit status it calls for: 1 as strace for a bad set, 2 for what
 * sctrace does not support (the personalities 32 and x32).
 */
char *trace_set_parse(const char *str, bool *set, int n, int *status);

/*
 * trace_set_lists - @set as syscall lists for sct_session_trace(), each
 * of @max bytes at most: { "*", NULL } for every syscall, { NULL } for
 * none.  Return: a NULL-terminated array for trace_lists_free(), or
 * NULL when out of memory.
 */
char **trace_set_lists(const bool *set, int n, size_t max);
void trace_lists_free(char **lists);

/*
 * tokens_parse - strace's qualify_tokens(): a comma list of tokens that
 * @func turns into numbers below @n, '!' before it, "all", "none", into
 * @set.  Return: NULL, or an allocated message "invalid WHAT 'TOKEN'".
 */
char *tokens_parse(const char *str, bool *set, int n,
		   int (*func)(const char *), const char *what);
int sigstr_to_num(const char *s);
int statusstr_to_num(const char *s);
int quietstr_to_num(const char *s);

/*
 * format_leader_time - the prefix of -t (@tflag 1), -tt (2), -ttt (3)
 * and -r (@rflag) for a line at @now (ns since the epoch), the previous
 * line at @prev, in @buf.  Return: its length.
 */
size_t format_leader_time(char *buf, size_t size, unsigned int tflag,
			  bool rflag, uint64_t now, uint64_t prev);
/* format_duration - -T's " <S.UUUUUU>" for @ns in @buf; its length. */
size_t format_duration(char *buf, size_t size, uint64_t ns);

#endif /* SCTRACE_FILTER_H */
