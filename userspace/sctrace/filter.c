// SPDX-License-Identifier: GPL-2.0
/*
 * sctrace's selections and timestamps, as strace 6.1 reads and prints
 * them: the sets of -e trace=, signal=, status= and quiet=, and the
 * prefixes of -t, -tt, -ttt and -r and the suffix of -T.  Pure functions
 * of their arguments (and libsct's syscall tables), without sctrace's
 * state, so that the host tests (tests/sctrace-test.c) call them.
 *
 * A syscall set is an array of booleans indexed by the native (x86_64)
 * syscall number, sct_syscall_count() of them.
 */
#include <errno.h>
#include <regex.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sct.h>

#include "filter.h"

/* A message for the caller, allocated (or NULL when out of memory). */
static char * __attribute__((format(printf, 1, 2))) msg(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	return s;
}

/* strace's class names: "%name", and the legacy ones without '%'. */
static const char *const legacy_classes[] = {
	"desc", "file", "memory", "process", "signal", "ipc", "network",
};

/* Add the members of class @name (a comma list of names) to @set. */
static bool add_class(const char *name, bool *set, int n)
{
	const char *members = NULL;
	char buf[32];
	size_t i;

	if (!strcasecmp(name, "all")) {
		for (i = 0; i < (size_t)n; i++)
			set[i] = sct_syscall_name((int)i) != NULL;
		return true;
	}
	if (name[0] == '%') {
		/* strace's %net is libsct's %network. */
		members = sct_syscall_class(strcasecmp(name, "%net") ?
					    name : "%network");
	} else {
		for (i = 0; i < sizeof(legacy_classes) /
			    sizeof(legacy_classes[0]); i++) {
			if (strcasecmp(name, legacy_classes[i]))
				continue;
			snprintf(buf, sizeof(buf), "%%%s", legacy_classes[i]);
			members = sct_syscall_class(buf);
		}
	}
	if (!members)
		return false;
	while (*members) {
		size_t len = strcspn(members, ",");
		int nr;

		snprintf(buf, sizeof(buf), "%.*s", (int)len, members);
		nr = sct_syscall_number_abi(SCT_ABI_NATIVE, buf);
		if (nr >= 0 && nr < n)
			set[nr] = true;
		members += len + (members[len] == ',');
	}
	return true;
}

/*
 * One token of a syscall set: a number, "/REGEX", a class or a name.
 * Return: whether it named a syscall; *err set on a bad regex.
 */
static bool add_token(const char *tok, bool *set, int n, char **err)
{
	bool found = false;
	const char *name;
	regex_t re;
	char *end;
	int i, rc;

	if (*tok >= '0' && *tok <= '9') {
		unsigned long nr;

		errno = 0;
		nr = strtoul(tok, &end, 10);
		if (errno || *end || nr >= (unsigned long)n ||
		    !sct_syscall_name((int)nr))
			return false;
		set[nr] = true;
		return true;
	}
	if (*tok == '/') {
		rc = regcomp(&re, tok + 1, REG_EXTENDED | REG_NOSUB);
		if (rc) {
			char buf[512];

			regerror(rc, &re, buf, sizeof(buf));
			*err = msg("regcomp: %s: %s", tok + 1, buf);
			return false;
		}
		for (i = 0; i < n; i++) {
			name = sct_syscall_name(i);
			if (name && !regexec(&re, name, 0, NULL, 0)) {
				set[i] = true;
				found = true;
			}
		}
		regfree(&re);
		return found;
	}
	if (add_class(tok, set, n))
		return true;
	i = sct_syscall_number_abi(SCT_ABI_NATIVE, tok);
	/* Only names: sct_syscall_number_abi() takes numbers too. */
	if (i < 0 || i >= n || strcmp(sct_syscall_name(i), tok))
		return false;
	set[i] = true;
	return true;
}

/*
 * The start of a set of @n members, as strace reads it: the set emptied,
 * each leading '!' inverting it, "all" and "none" the whole set or none.
 * Return: whether @*s was "all" or "none", and nothing is left to read.
 */
static bool set_begin(const char **s, bool *set, int n, bool *invert)
{
	memset(set, 0, n * sizeof(*set));
	while (**s == '!') {
		*invert = !*invert;
		(*s)++;
	}
	if (!strcmp(*s, "all")) {
		*invert = !*invert;
		return true;
	}
	return !strcmp(*s, "none");
}

char *trace_set_parse(const char *str, bool *set, int n, int *status)
{
	const char *s = str;
	bool invert = false, done = false;
	char *copy, *tok, *save = NULL, *err = NULL;
	int i;

	*status = 1;
	/* As strace: each -e trace= replaces the set. */
	if (set_begin(&s, set, n, &invert))
		goto out;
	copy = strdup(s);
	if (!copy)
		return msg("out of memory");
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		const char *t = tok;
		bool quiet = false;

		while (*t == '?') {
			t++;
			quiet = true;
		}
		if (strchr(t, '@')) {
			/* strace's personalities: sctrace has the native one. */
			const char *p = strrchr(t, '@') + 1;

			if (strcmp(p, "64") && strcmp(p, "32") &&
			    strcmp(p, "x32")) {
				err = msg("incorrect personality designator '%s' in qualification '%s'",
					  p, tok);
				break;
			}
			if (strcmp(p, "64")) {
				err = msg("personality designator '%s' is not supported",
					  p);
				*status = 2;
				break;
			}
			*strrchr(tok, '@') = '\0';
		}
		done = add_token(t, set, n, &err) || quiet;
		if (err)
			break;
		if (!done) {
			err = msg("invalid system call '%s'", tok);
			break;
		}
	}
	free(copy);
	if (err)
		return err;
	if (!done)
		return msg("invalid system call '%s'", str);
out:
	if (invert)
		for (i = 0; i < n; i++)
			set[i] = !set[i] && sct_syscall_name(i);
	return NULL;
}

char **trace_set_lists(const bool *set, int n, size_t max)
{
	char **lists = NULL, **l;
	size_t nlists = 0, len = 0;
	bool all = true, any = false;
	const char *name;
	int i;

	for (i = 0; i < n; i++) {
		name = sct_syscall_name(i);
		if (!name)
			continue;
		if (set[i])
			any = true;
		else
			all = false;
	}
	lists = calloc(2, sizeof(*lists));
	if (!lists)
		return NULL;
	if (!any)
		return lists;
	if (all) {
		lists[0] = strdup("*");
		if (!lists[0]) {
			free(lists);
			return NULL;
		}
		return lists;
	}
	for (i = 0; i < n; i++) {
		name = sct_syscall_name(i);
		if (!name || !set[i])
			continue;
		if (!nlists || len + 1 + strlen(name) > max) {
			l = realloc(lists, (nlists + 2) * sizeof(*lists));
			if (!l)
				goto nomem;
			lists = l;
			lists[nlists] = calloc(1, max + 1);
			lists[nlists + 1] = NULL;
			if (!lists[nlists])
				goto nomem;
			nlists++;
			len = 0;
		}
		if (len)
			lists[nlists - 1][len++] = ',';
		strcpy(lists[nlists - 1] + len, name);
		len += strlen(name);
	}
	return lists;
nomem:
	trace_lists_free(lists);
	return NULL;
}

void trace_lists_free(char **lists)
{
	size_t i;

	if (!lists)
		return;
	for (i = 0; lists[i]; i++)
		free(lists[i]);
	free(lists);
}

/* Signals as strace names them: SIGRTMIN is 32, SIGRT_N is 32 + N. */
static bool signame_of(int sig, char *buf, size_t size)
{
	if (sig == 32) {
		snprintf(buf, size, "RTMIN");
		return true;
	}
	if (sig > 32 && sig <= 64) {
		snprintf(buf, size, "RT_%d", sig - 32);
		return true;
	}
	if (sig > 0 && sig < 32 && sigabbrev_np(sig)) {
		snprintf(buf, size, "%s", sigabbrev_np(sig));
		return true;
	}
	return false;
}

int sigstr_to_num(const char *s)
{
	char buf[16], *end;
	unsigned long v;
	int i;

	if (*s >= '0' && *s <= '9') {
		errno = 0;
		v = strtoul(s, &end, 10);
		return errno || *end || v > 255 ? -1 : (int)v;
	}
	if (!strncasecmp(s, "SIG", 3))
		s += 3;
	for (i = 1; i <= 64; i++)
		if (signame_of(i, buf, sizeof(buf)) && !strcasecmp(buf, s))
			return i;
	return -1;
}

static int find_word(const char *s, const char *const *words, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (words[i] && !strcmp(s, words[i]))
			return (int)i;
	return -1;
}

int statusstr_to_num(const char *s)
{
	static const char *const names[] = {
		[STATUS_SUCCESSFUL] = "successful",
		[STATUS_FAILED] = "failed",
		[STATUS_UNFINISHED] = "unfinished",
		[STATUS_UNAVAILABLE] = "unavailable",
		[STATUS_DETACHED] = "detached",
	};

	return find_word(s, names, sizeof(names) / sizeof(names[0]));
}

int quietstr_to_num(const char *s)
{
	static const char *const names[] = {
		[QUIET_ATTACH] = "attach",
		[QUIET_EXIT] = "exit",
		[QUIET_PATH_RESOLVE] = "path-resolution",
		[QUIET_PERSONALITY] = "personality",
		[QUIET_THREAD_EXECVE] = "thread-execve",
	};

	if (!strcmp(s, "exits"))
		return QUIET_EXIT;
	if (!strcmp(s, "superseded"))
		return QUIET_THREAD_EXECVE;
	return find_word(s, names, sizeof(names) / sizeof(names[0]));
}

char *tokens_parse(const char *str, bool *set, int n,
		   int (*func)(const char *), const char *what)
{
	const char *s = str;
	bool invert = false;
	char *copy, *tok, *save = NULL, *err = NULL;
	int i, nr = -1;

	if (set_begin(&s, set, n, &invert))
		goto out;
	copy = strdup(s);
	if (!copy)
		return msg("out of memory");
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		nr = func(tok);
		if (nr < 0 || nr >= n) {
			err = msg("invalid %s '%s'", what, tok);
			break;
		}
		set[nr] = true;
	}
	free(copy);
	if (err)
		return err;
	if (nr < 0)
		return msg("invalid %s '%s'", what, str);
out:
	if (invert)
		for (i = 0; i < n; i++)
			set[i] = !set[i];
	return NULL;
}

size_t format_leader_time(char *buf, size_t size, unsigned int tflag,
			  bool rflag, uint64_t now, uint64_t prev)
{
	size_t len = 0;
	int n;

	buf[0] = '\0';
	if (tflag) {
		time_t sec = (time_t)(now / 1000000000);
		char str[32];
		struct tm tm;

		if (tflag == 3)
			snprintf(str, sizeof(str), "%lld", (long long)sec);
		else if (!localtime_r(&sec, &tm) ||
			 !strftime(str, sizeof(str), "%T", &tm))
			snprintf(str, sizeof(str), "%lld", (long long)sec);
		if (tflag == 1)
			n = snprintf(buf, size, "%s ", str);
		else
			n = snprintf(buf, size, "%s.%06u ", str,
				     (unsigned int)(now % 1000000000 / 1000));
		len = n > 0 ? (size_t)n : 0;
	}
	if (rflag && len < size) {
		uint64_t d = now >= prev ? now - prev : 0;

		n = snprintf(buf + len, size - len, "%s%6llu.%06u%s",
			     tflag ? "(+" : "",
			     (unsigned long long)(d / 1000000000),
			     (unsigned int)(d % 1000000000 / 1000),
			     tflag ? ") " : " ");
		len += n > 0 ? (size_t)n : 0;
	}
	return len < size ? len : size - 1;
}

size_t format_duration(char *buf, size_t size, uint64_t ns)
{
	int n = snprintf(buf, size, " <%llu.%06u>",
			 (unsigned long long)(ns / 1000000000),
			 (unsigned int)(ns % 1000000000 / 1000));

	return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
}
