// SPDX-License-Identifier: GPL-2.0
/*
 * sctrace's formatting and selection options, as strace 6.1 has them:
 * -t, -tt, -ttt, -r, -T (times from the kernel's records), -x, -xx, -X,
 * -v, -z, -Z, -q, -qq, and -e trace=, abbrev=, raw=, signal=, status=,
 * quiet=.  The sets are parsed by filter.c; this file keeps them in
 * sctrace's state and applies them to the lines.
 *
 * -z, -Z and -e status= work as strace 6.1's do: each call's line is
 * staged (open_memstream(3)) from its entry to its exit, and written or
 * dropped whole then, so that a staged call is never split into
 * "<unfinished ...>" and "<... resumed>".
 */
#include <err.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sct.h>

#include "sctrace.h"

/* strace's -q, -qq and -qqq. */
static const char *const qflag_sets[] = {
	"attach,personality", "exit,attach,personality", "all",
};

static int zflags;

/* strace's error_msg_and_die(): exit status 1. */
static void __attribute__((noreturn)) die_msg(char *m, int status)
{
	fprintf(stderr, "%s: %s\n", program_invocation_short_name,
		m ? m : "out of memory");
	free(m);
	exit(status);
}

static bool *new_set(bool value)
{
	bool *set = malloc(st.nsys * sizeof(*set));
	int i;

	if (!set)
		err(1, "out of memory");
	for (i = 0; i < st.nsys; i++)
		set[i] = value && sct_syscall_name(i);
	return set;
}

/* The defaults: strace's trace=all, abbrev=all, raw=none, signal=all. */
void opts_init(void)
{
	int i;

	st.nsys = sct_syscall_count();
	st.trace_set = new_set(true);
	st.abbrev_set = new_set(true);
	st.raw_set = new_set(false);
	st.status_all = true;
	for (i = 0; i < NR_STATUSES; i++)
		st.status[i] = true;
	for (i = 0; i < NR_SIGNALS; i++)
		st.signals[i] = true;
}

static void __attribute__((noreturn)) unsupported_e(const char *what)
{
	fprintf(stderr, "%s: option -e %s is not supported yet\n",
		program_invocation_short_name, what);
	exit(2);
}

static void syscall_set(const char *val, bool *set)
{
	int status;
	char *m = trace_set_parse(val, set, st.nsys, &status);

	if (m)
		die_msg(m, status);
}

/* --trace=SET */
void opt_trace(const char *set)
{
	syscall_set(set, st.trace_set);
}

/* -e EXPR, as strace's qualify(): "NAME=SET", or a SET of trace=. */
int opt_e(const char *arg)
{
	static const struct {
		const char *name;
		char what;
	} quals[] = {
		{ "trace", 't' }, { "t", 't' }, { "abbrev", 'a' }, { "a", 'a' },
		{ "verbose", 'v' }, { "v", 'v' }, { "raw", 'x' }, { "x", 'x' },
		{ "signal", 's' }, { "signals", 's' }, { "s", 's' },
		{ "status", 'S' }, { "quiet", 'q' }, { "silent", 'q' },
		{ "silence", 'q' }, { "q", 'q' },
		/* strace's, not sctrace's (yet). */
		{ "read", 0 }, { "reads", 0 }, { "r", 0 }, { "write", 0 },
		{ "writes", 0 }, { "w", 0 }, { "fault", 0 }, { "inject", 0 },
		{ "kvm", 0 }, { "decode-fd", 0 }, { "decode-fds", 0 },
		{ "decode-pid", 0 }, { "decode-pids", 0 }, { "secontext", 0 },
	};
	const char *val = arg;
	char what = 't';
	size_t i, len;
	char *m = NULL;

	for (i = 0; i < NELEM(quals); i++) {
		len = strlen(quals[i].name);
		if (strncmp(arg, quals[i].name, len) || arg[len] != '=')
			continue;
		what = quals[i].what;
		val = arg + len + 1;
		if (!what) {
			char name[32];

			snprintf(name, sizeof(name), "%s=", quals[i].name);
			unsupported_e(name);
		}
		break;
	}
	switch (what) {
	case 't':
		syscall_set(val, st.trace_set);
		break;
	case 'a':
		syscall_set(val, st.abbrev_set);
		break;
	case 'x':
		syscall_set(val, st.raw_set);
		break;
	case 'v':
		/* Structures as addresses: not for sctrace's decoders yet. */
		if (strcmp(val, "all"))
			unsupported_e("verbose= other than all");
		break;
	case 's':
		m = tokens_parse(val, st.signals, NR_SIGNALS, sigstr_to_num,
				 "signal");
		break;
	case 'S':
		m = tokens_parse(val, st.status, NR_STATUSES,
				 statusstr_to_num, "status");
		break;
	case 'q':
		st.quiet_given = true;
		m = tokens_parse(val, st.quiet, NR_QUIETS, quietstr_to_num,
				 "quiet");
		break;
	}
	if (m)
		die_msg(m, 1);
	return 0;
}

/* The options of this file; false for another one. */
bool opt_handle(int c, const char *arg)
{
	int i;

	switch (c) {
	case 't':
		if (st.tflag < 3)
			st.tflag++;
		break;
	case 'r':
		st.rflag = true;
		break;
	case 'T':
		st.Tflag = true;
		break;
	case 'x':
		if (st.xflag < 2)
			st.xflag++;
		break;
	case 'X':
		if (!strcmp(arg, "raw"))
			st.xlat = XLAT_RAW;
		else if (!strcmp(arg, "abbrev"))
			st.xlat = XLAT_ABBREV;
		else if (!strcmp(arg, "verbose"))
			st.xlat = XLAT_VERBOSE;
		else
			errx(2, "invalid -X argument: '%s'", arg);
		break;
	case 'v':
		syscall_set("none", st.abbrev_set);
		break;
	case 'z':
	case 'Z':
		for (i = 0; i < NR_STATUSES; i++)
			st.status[i] = false;
		st.status[c == 'z' ? STATUS_SUCCESSFUL : STATUS_FAILED] = true;
		zflags++;
		break;
	case 'q':
		st.qflag++;
		break;
	case 'e':
		opt_e(arg);
		break;
	default:
		return false;
	}
	return true;
}

/*
 * After the command line: what strace decides once it has read it.
 * @command: whether a command is to be run (not only -p).
 */
void opts_finish(bool command)
{
	int i;
	char *m;

	if (zflags > 1)
		warnx("Only the last of -z/--successful-only/-Z/--failed-only options will take effect. See status qualifier for more complex filters.");
	/* strace is quiet about attaching with -o and a command. */
	if (st.outname && command && !st.qflag && !st.quiet_given)
		st.qflag = 1;
	if (st.qflag) {
		if (st.quiet_given)
			errx(1, "-q and -e quiet/--quiet cannot be provided simultaneously");
		m = tokens_parse(qflag_sets[st.qflag > 3 ? 2 : st.qflag - 1],
				 st.quiet, NR_QUIETS, quietstr_to_num, "quiet");
		if (m)
			die_msg(m, 1);
	}
	for (i = 0; i < NR_STATUSES; i++)
		if (!st.status[i])
			st.status_all = false;
}

/*
 * The trace set as selections of the session: an explicit list where
 * libsct's lists cannot say it (negation, regex), in as many lists as it
 * takes.  Return: 0, or sct_session_trace()'s error.
 */
int opts_trace(struct sct_session *s, sct_event_cb cb)
{
	char **lists = trace_set_lists(st.trace_set, st.nsys,
				       SCT_SYSCALL_LIST_MAX);
	int ret = 0;
	size_t i;

	if (!lists)
		err(1, "out of memory");
	for (i = 0; lists[i] && ret >= 0; i++)
		ret = sct_session_trace(s, lists[i], SCT_TRACE_BOTH, cb, NULL);
	trace_lists_free(lists);
	return ret < 0 ? ret : 0;
}

/* The native number of @t's call, for the per-syscall sets. */
static bool in_set(const bool *set, const struct task *t)
{
	return t->nr >= 0 && t->nr < st.nsys && set[t->nr];
}

bool abbrev(const struct task *t)
{
	/* A call sctrace cannot number is printed as by default. */
	return t->nr < 0 || in_set(st.abbrev_set, t);
}

bool raw(const struct task *t)
{
	return in_set(st.raw_set, t);
}

void print_leader_time(void)
{
	char buf[96];

	if (!st.tflag && !st.rflag)
		return;
	if (!st.prev)
		st.prev = st.now;
	format_leader_time(buf, sizeof(buf), st.tflag, st.rflag, st.now,
			   st.prev);
	st.prev = st.now;
	outs(buf);
}

void print_duration(const struct task *t)
{
	char buf[64];

	if (!st.Tflag)
		return;
	format_duration(buf, sizeof(buf),
			st.now > t->entry_time ? st.now - t->entry_time : 0);
	outs(buf);
}

/* Staging, for -z, -Z and -e status=: see the comment at the top. */
bool staged(const struct task *t)
{
	return t->stage;
}

void stage_begin(struct task *t)
{
	if (st.status_all)
		return;
	if (t->stage)
		stage_end(t, -1);
	t->stage = open_memstream(&t->stage_buf, &t->stage_len);
	if (!t->stage)
		err(1, "open_memstream");
	st.out = t->stage;
}

/* After the entry's part: the real output again. */
void stage_pause(struct task *t)
{
	if (!t->stage)
		return;
	t->stage_col = st.curcol;
	st.out = st.real_out;
	st.curcol = 0;
	st.printing = NULL;
}

void stage_resume(struct task *t)
{
	if (!t->stage)
		return;
	st.out = t->stage;
	st.curcol = t->stage_col;
	st.printing = t;
}

/* The end of @t's staged line: written if @status is in the set. */
void stage_end(struct task *t, int status)
{
	if (!t->stage)
		return;
	if (fclose(t->stage))
		err(1, "open_memstream");
	t->stage = NULL;
	if (status >= 0 && st.status[status]) {
		fwrite(t->stage_buf, 1, t->stage_len, st.real_out);
		if (fflush(st.real_out))
			err(1, "%s", st.outname ? st.outname : "standard error");
	}
	free(t->stage_buf);
	t->stage_buf = NULL;
	st.out = st.real_out;
	st.curcol = 0;
	st.printing = NULL;
}

/*
 * strace's "Process N attached" of a new child under -f, on standard
 * error whatever -o, and in the middle of an open line as strace does.
 */
void print_attached(pid_t pid)
{
	if (st.quiet[QUIET_ATTACH])
		return;
	fflush(st.real_out);
	fprintf(stderr, "%s: Process %d attached\n",
		program_invocation_short_name, (int)pid);
}

void opts_usage(FILE *out)
{
	fputs("  -t, -tt, -ttt      prefix lines with the time of day, with\n"
	      "                     microseconds, or in seconds since the epoch\n"
	      "  -r                 prefix lines with the time since the last one\n"
	      "  -T                 print the time spent in each call\n"
	      "  -x, -xx            print non-ASCII strings, or all, in hex\n"
	      "  -X raw|abbrev|verbose  print constants as numbers, names, or both\n"
	      "  -v                 print structures and arrays unabbreviated\n"
	      "  -z, -Z             print only the calls that succeed, or fail\n"
	      "  -q, -qq            suppress attach messages, and exit lines\n"
	      "  -e EXPR            trace=, abbrev=, raw=, signal=, status=, quiet=\n"
	      "                     (see sctrace(1))\n", out);
}
