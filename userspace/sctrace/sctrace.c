// SPDX-License-Identifier: GPL-2.0
/*
 * sctrace: strace(1)'s interface and output, on sct's traces instead of
 * ptrace(2) (see sctrace(1)).
 *
 * Runs a command under a tracing session of libsct's (sct_session_new(3)),
 * or joins running processes to it (-p), and prints their calls as
 * strace 6.1 does.  The kernel writes a record at
 * each call's entry and exit; the entry's part of a line (the arguments
 * the call reads) is printed at the entry, the rest (what it writes, and
 * the return value) at the exit, so that interleaved calls of several
 * processes show as strace's "<unfinished ...>" and "<... NAME resumed>".
 *
 * The decoders are in decode.c and decode-misc.c, the formatting and
 * selection options in options.c and filter.c, the call summary of -c
 * and -C in summary.c.
 *
 * Exit status: the command's; for a command killed by a signal, sctrace
 * kills itself with that signal, as strace does; with -p alone, 0.  1 on
 * an error of sctrace's, 2 for bad usage (an option strace has that
 * sctrace does not support included).
 */
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <asm/prctl.h>
#include <linux/sched.h>

#include <sct.h>

#include "sctrace.h"

struct state st = {
	.max_strlen = DEFAULT_STRLEN,
	.child_status = -1,
};

/* Output, with the column counted for tabto(); none with -c. */
void outf(const char *fmt, ...)
{
	va_list ap;
	int n;

	if (st.summary == SUMMARY_ONLY)
		return;
	va_start(ap, fmt);
	n = vfprintf(st.out, fmt, ap);
	va_end(ap);
	if (n > 0)
		st.curcol += n;
}

void outs(const char *s)
{
	outn(s, strlen(s));
}

/* @n bytes of @s: the hot path's output, without a format. */
void outn(const char *s, size_t n)
{
	/* -c prints no line: the column is counted all the same. */
	if (st.summary != SUMMARY_ONLY)
		fwrite_unlocked(s, 1, n, st.out);
	st.curcol += n;
}

/*
 * @v in decimal, right-aligned in @width columns: what every line
 * prints (its pid, its return value), at a fraction of vfprintf()'s
 * cost.
 */
void out_dec(int64_t v, unsigned int width)
{
	char buf[24], *p = buf + sizeof(buf);
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;

	do {
		*--p = '0' + u % 10;
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	while (buf + sizeof(buf) - p < (ptrdiff_t)width && p > buf)
		*--p = ' ';
	outn(p, buf + sizeof(buf) - p);
}

/*
 * The end of a line.  As strace's, standard error is line-buffered and
 * a file fully buffered: its errors show at the next flush, at the
 * latest at its fclose().
 */
void newline(void)
{
	if (st.summary == SUMMARY_ONLY)
		return;
	putc('\n', st.out);
	st.curcol = 0;
	/* -ff: the thread's line is over, in its file too. */
	if (st.printing)
		st.printing->curcol = 0;
	if (ferror(st.out))
		err(1, "%s", st.out == stderr || !st.outname ? "standard error" :
		    st.outname);
}

void tabto(void)
{
	static const char spaces[ACOLUMN] = {
		[0 ... ACOLUMN - 1] = ' '
	};

	if (st.curcol < ACOLUMN)
		outn(spaces, ACOLUMN - st.curcol);
}

static struct task *task_find(pid_t tid)
{
	size_t i;

	for (i = 0; i < st.ntasks; i++)
		if (st.tasks[i].tid == tid)
			return &st.tasks[i];
	return NULL;
}

/*
 * A thread seen for the first time: @tid of process @pid.  A hidden
 * one is not shown (a thread of a process traced without -f): it is
 * followed for its process's end only.  Pointers to tasks do not
 * survive a task_add() or task_del().
 */
static struct task *task_add(pid_t tid, pid_t pid, bool hidden)
{
	struct task *t;

	if (st.ntasks == st.tasks_cap) {
		size_t cap = st.tasks_cap ? 2 * st.tasks_cap : 64;

		t = reallocarray(st.tasks, cap, sizeof(*t));
		if (!t)
			err(1, "out of memory");
		/* st.printing points into the array. */
		if (st.printing)
			st.printing = t + (st.printing - st.tasks);
		st.tasks = t;
		st.tasks_cap = cap;
	}
	t = &st.tasks[st.ntasks++];
	memset(t, 0, sizeof(*t));
	t->tid = tid;
	t->pid = pid;
	t->hidden = hidden;
	if (hidden)
		return t;
	if (st.ff) {
		/* strace -ff: FILE.TID, made when the thread is first seen. */
		char name[PATH_MAX];

		if (snprintf(name, sizeof(name), "%s.%u", st.outname,
			     (unsigned int)tid) >= (int)sizeof(name))
			errx(1, "%s.%u: %s", st.outname, (unsigned int)tid,
			     strerror(ENAMETOOLONG));
		t->out = fopen(name, "we");
		if (!t->out)
			err(1, "%s", name);
	}
	st.nprocs++;
	return t;
}

/*
 * Forget thread @t, gone: its ID may be used again.  The last task
 * takes its place.
 */
static void task_del(struct task *t)
{
	struct task *last = &st.tasks[st.ntasks - 1];

	if (!t->hidden)
		st.nprocs--;
	if (st.printing == t)
		st.printing = NULL;
	if (t != last) {
		*t = *last;
		if (st.printing == last)
			st.printing = t;
	}
	st.ntasks--;
}

/*
 * The exit statuses of the last processes that ended, for the si_status
 * of their SIGCHLD, which comes later: those not shown too.
 */
static struct {
	pid_t pid;
	int status;
} exits[64];
static unsigned int nexits;

static void exit_remember(pid_t pid, int status)
{
	exits[nexits % NELEM(exits)].pid = pid;
	exits[nexits % NELEM(exits)].status = status;
	nexits++;
}

static int exit_status_of(pid_t pid)
{
	unsigned int i;

	for (i = nexits; i-- > 0 && nexits - i <= NELEM(exits);)
		if (exits[i % NELEM(exits)].pid == pid)
			return exits[i % NELEM(exits)].status;
	return -1;
}

/* -ff: make @t's file and column the current ones. */
static void use_task(struct task *t)
{
	if (!st.ff)
		return;
	if (st.printing)
		st.printing->curcol = st.curcol;
	st.printing = t;
	st.real_out = t->out;
	/* A line staged for -z, -Z or -e status= goes on in its memstream. */
	st.out = t->stage ? t->stage : t->out;
	st.curcol = t->curcol;
}

/*
 * Start a line for @t, ending another's open line with "<unfinished
 * ...>" first, and print the pid prefix as strace does: "PID " padded to
 * 5 with -o and -f, "[pid  PID] " on stderr while several are traced.
 */
static void printleader(struct task *t)
{
	/* With -ff, only @t's own line can be open in its file. */
	use_task(t);
	if (st.printing && st.curcol) {
		outs(" <unfinished ...>");
		newline();
	}
	st.printing = t;
	st.curcol = 0;
	if (st.pid_pfx) {
		/* "%-5u ". */
		unsigned int col = st.curcol;

		out_dec(t->tid, 0);
		while (st.curcol - col < 5)
			outn(" ", 1);
		outn(" ", 1);
	} else if (!st.outname && st.nprocs > 1) {
		outs("[pid ");
		out_dec(t->tid, 5);
		outs("] ");
	}
	print_leader_time();
}

/*
 * strace's "Process N attached with N threads" for a process of several
 * joined with -p under -f; print_attached() for the others.
 */
static void attach_msg(pid_t pid, unsigned int threads)
{
	if (threads <= 1) {
		print_attached(pid);
		return;
	}
	if (st.quiet[QUIET_ATTACH])
		return;
	fflush(st.real_out);
	fprintf(stderr, "%s: Process %u attached with %u threads\n",
		program_invocation_short_name, (unsigned int)pid, threads);
}

/*
 * The decoder of @ev's call, named @name: find_desc()'s answer, kept
 * for each ABI and number.
 */
static const struct sc_desc *desc_of(const struct sct_event *ev,
				     const char *name)
{
	static const struct sc_desc *cache[SCT_ABI_X32 + 1][1024];
	static const struct sc_desc none;
	int abi = sct_event_abi(ev), nr = sct_event_syscall(ev);
	const struct sc_desc *d;

	if (abi < 0 || abi > SCT_ABI_X32 || nr < 0 || nr >= 1024)
		return find_desc(name);
	d = cache[abi][nr];
	if (!d) {
		d = find_desc(name);
		cache[abi][nr] = d ? d : &none;
	}
	return d == &none ? NULL : d;
}

/* -e raw=: a call's own number of arguments, in hex. */
static const struct sc_desc raw_descs[] = {
	{ "", { 0 }, R_DEC },
	{ "", { A_HEX }, R_DEC },
	{ "", { A_HEX, A_HEX }, R_DEC },
	{ "", { A_HEX, A_HEX, A_HEX }, R_DEC },
	{ "", { A_HEX, A_HEX, A_HEX, A_HEX }, R_DEC },
	{ "", { A_HEX, A_HEX, A_HEX, A_HEX, A_HEX }, R_DEC },
	{ "", { A_HEX, A_HEX, A_HEX, A_HEX, A_HEX, A_HEX }, R_DEC },
};

static void on_entry(struct task *t, const struct sct_event *ev)
{
	unsigned int i, n;

	t->name = sct_event_syscall_name(ev);
	t->desc = desc_of(ev, t->name);
	if (sct_event_abi(ev) == SCT_ABI_NATIVE)
		t->nr = sct_event_syscall(ev);
	else
		t->nr = t->name ? sct_syscall_number_abi(SCT_ABI_NATIVE,
							 t->name) : -1;
	if (raw(t) && t->desc)
		t->desc = &raw_descs[desc_nargs(t->desc)];
	else if (raw(t))
		t->desc = NULL;
	t->entry_time = st.now;
	for (i = 0; i < 6; i++)
		if (sct_event_arg(ev, i + 1, &t->args[i]))
			t->args[i] = 0;
	stage_begin(t);
	printleader(t);
	if (t->name) {
		outs(t->name);
		outn("(", 1);
	}
	else
		outf("syscall_%#x(", sct_event_syscall(ev));
	if (!t->desc)
		t->desc = &raw_desc;
	if (t->desc->args[0] == A_CLONE) {
		print_clone_entry(t);
		t->split = 1;
		t->decoded = false;
	} else if (t->desc->args[0] == A_CLONE3) {
		t->decoded = print_clone3_entry(t, ev);
		t->split = 2;
	} else {
		n = desc_nargs(t->desc);
		for (i = 0; i < n && !arg_is_out(t->desc->args[i]); i++)
			;
		t->split = i;
		print_args(t, ev, 0, i, false, 0);
		if (i && i < n)
			outs(", ");
		t->decoded = i == n;
	}
	t->in_call = true;
	stage_pause(t);
}

/* strace's "<... NAME resumed>", when another line came in between. */
static void resume(struct task *t)
{
	/* -ff: the line goes on in @t's file, without a "resumed". */
	if (st.ff) {
		use_task(t);
		return;
	}
	if (st.printing == t && st.curcol)
		return;
	printleader(t);
	outf("<... %s resumed>", t->name ? t->name : "syscall");
}

/*
 * The kernel's own error numbers (include/linux/errno.h), which strace
 * names too; those that reach a return value print here (the ERESTART*
 * of an interrupted call print above).
 */
static const char *const kernel_errnos[] = {
	[515 - 512] = "ENOIOCTLCMD",
	[517 - 512] = "EPROBE_DEFER",
	[518 - 512] = "EOPENSTALE",
	[519 - 512] = "ENOPARAM",
	[521 - 512] = "EBADHANDLE",
	[522 - 512] = "ENOTSYNC",
	[523 - 512] = "EBADCOOKIE",
	[524 - 512] = "ENOTSUPP",
	[525 - 512] = "ETOOSMALL",
	[526 - 512] = "ESERVERFAULT",
	[527 - 512] = "EBADTYPE",
	[528 - 512] = "EJUKEBOX",
	[529 - 512] = "EIOCBQUEUED",
	[530 - 512] = "ERECALLCONFLICT",
};

static void print_ret(struct task *t, int64_t ret)
{
	outs(") ");
	tabto();
	if (ret < 0 && ret >= -4095) {
		int e = (int)-ret;

		switch (e) {
		case 512:
			outs("= ? ERESTARTSYS (To be restarted if SA_RESTART is set)");
			return;
		case 513:
			outs("= ? ERESTARTNOINTR (To be restarted)");
			return;
		case 514:
			outs("= ? ERESTARTNOHAND (To be restarted if no handler)");
			return;
		case 516:
			outs("= ? ERESTART_RESTARTBLOCK (Interrupted by signal)");
			return;
		}
		if (strerrorname_np(e))
			outf("= -1 %s (%s)", strerrorname_np(e), strerror(e));
		else if (e >= 512 && e < 512 + (int)NELEM(kernel_errnos) &&
			 kernel_errnos[e - 512])
			outf("= -1 %s (%s)", kernel_errnos[e - 512], strerror(e));
		else
			outf("= -1 %d (%s)", e, strerror(e));
		return;
	}
	if (t->desc->ret == R_HEX || raw(t))
		outf("= %#" PRIx64, (uint64_t)ret);
	else if (t->desc->ret == R_NONE)
		outs("= ?");
	else {
		outn("= ", 2);
		out_dec(ret, 0);
	}
}

static void on_exit_call(struct task *t, const struct sct_event *ev)
{
	int64_t ret = 0;
	unsigned int n;

	sct_event_retval(ev, &ret);
	if (!t->in_call) {
		/*
		 * An exit whose entry was not seen: a new process's return
		 * from fork or clone, which strace does not show either.
		 */
		return;
	}
	stage_resume(t);
	resume(t);
	if (t->desc->args[0] == A_CLONE) {
		print_clone_exit(t);
	} else if (t->desc->args[0] == A_CLONE3) {
		if (!t->decoded)
			print_clone3_exit(t, ret);
	} else {
		n = desc_nargs(t->desc);
		print_args(t, ev, t->split, n, false, ret);
	}
	print_ret(t, ret);
	print_ret_extra(t, ev, ret);
	print_duration(t);
	newline();
	t->in_call = false;
	stage_end(t, ret < 0 && ret >= -4095 ? STATUS_FAILED :
		  STATUS_SUCCESSFUL);
}

/*
 * -c and -C: count the call at its exit, with the time from its entry
 * (strace counts the system time; see sctrace(1), DIFFERENCES).  An error
 * is a return in -4095..-1, ERESTART* included, as strace counts them.
 */
static void count_call(struct task *t, const struct sct_event *ev)
{
	uint64_t now = sct_event_time(ev);
	int64_t ret = 0;

	if (sct_event_is_entry(ev)) {
		t->entry_time = now;
		return;
	}
	if (!t->in_call)
		return;
	sct_event_retval(ev, &ret);
	if (summary_add(sct_event_abi(ev), sct_event_syscall(ev),
			sct_event_syscall_name(ev),
			now > t->entry_time ? now - t->entry_time : 0,
			ret < 0 && ret >= -4095))
		errx(1, "out of memory");
}

static int on_syscall(struct sct_session *s, const struct sct_event *ev,
		      void *priv)
{
	struct task *t;

	(void)s;
	(void)priv;
	t = task_find(sct_event_tid(ev));
	if (!t && st.follow)
		t = task_add(sct_event_tid(ev), sct_event_pid(ev), false);
	if (!t || t->hidden)
		return SCT_CB_CONTINUE;
	st.now = sct_event_time(ev);
	if (st.summary != SUMMARY_NONE)
		count_call(t, ev);
	if (st.summary == SUMMARY_ONLY)
		t->in_call = sct_event_is_entry(ev);
	else if (sct_event_is_entry(ev))
		on_entry(t, ev);
	else
		on_exit_call(t, ev);
	return SCT_CB_CONTINUE;
}

static void print_siginfo(const struct sct_event *ev)
{
	const struct sct_record_task *r = (const void *)sct_event_record(ev);
	static const struct flag cld[] = {
		F(CLD_EXITED), F(CLD_KILLED), F(CLD_DUMPED), F(CLD_TRAPPED),
		F(CLD_STOPPED), F(CLD_CONTINUED),
	};
	static const struct flag si[] = {
		F(SI_USER), F(SI_KERNEL), F(SI_QUEUE), F(SI_TIMER),
		F(SI_MESGQ), F(SI_ASYNCIO), F(SI_SIGIO), F(SI_TKILL),
	};
	char buf[16];
	int ws;

	outf("{si_signo=%s, si_code=", signame(r->signo, buf, sizeof(buf)));
	if (r->signo == SIGCHLD && r->code > 0) {
		print_xval(cld, NELEM(cld), r->code, "%" PRId64);
		outf(", si_pid=%d, si_uid=%u", r->sender_pid, r->sender_uid);
		/* The child's status, from its exit record. */
		ws = r->code == CLD_EXITED || r->code == CLD_KILLED ||
		     r->code == CLD_DUMPED ? exit_status_of(r->sender_pid) : -1;
		if (ws >= 0 && WIFEXITED(ws))
			outf(", si_status=%d", WEXITSTATUS(ws));
		else if (ws >= 0)
			outf(", si_status=%s",
			     signame(WTERMSIG(ws), buf, sizeof(buf)));
		/* Not in the record: see sctrace(1), DIFFERENCES. */
		outs(", si_utime=?, si_stime=?}");
		return;
	}
	print_xval(si, NELEM(si), (uint64_t)(int64_t)r->code, "%" PRId64);
	if (r->code == SI_USER || r->code == SI_TKILL || r->code == SI_QUEUE)
		outf(", si_pid=%d, si_uid=%u", r->sender_pid, r->sender_uid);
	outs("}");
}

/* strace's "+++ exited with N +++" or "+++ killed by SIG +++" of @t. */
static void print_exit(struct task *t, int status)
{
	char buf[16];

	if (WIFSIGNALED(status) ?
	    !st.signals[WTERMSIG(status) & (NR_SIGNALS - 1)] :
	    st.quiet[QUIET_EXIT]) {
		/* Not printed: -ff's other open line keeps its column. */
		use_task(t);
		return;
	}
	printleader(t);
	if (WIFSIGNALED(status))
		outf("+++ killed by %s %s+++",
		     signame(WTERMSIG(status), buf, sizeof(buf)),
		     WCOREDUMP(status) ? "(core dumped) " : "");
	else
		outf("+++ exited with %d +++", WEXITSTATUS(status));
	newline();
}

/*
 * The end of thread @t (its last line, its -ff file), forgotten; the
 * process's status when it is the command.
 */
static void task_end(struct task *t, int status)
{
	if (!t->hidden)
		print_exit(t, status);
	if (t->out) {
		/* -ff: printleader() or use_task() made its file current. */
		if (fclose(t->out))
			err(1, "%s.%u", st.outname, (unsigned int)t->tid);
		t->out = NULL;
		st.out = st.real_out = stderr;
		st.curcol = 0;
	}
	if (t->tid == st.child)
		st.child_status = status;
	task_del(t);
}

/* Whether process @pid has a thread other than its leader left. */
static bool other_threads(pid_t pid)
{
	size_t i;

	for (i = 0; i < st.ntasks; i++)
		if (st.tasks[i].pid == pid && st.tasks[i].tid != pid)
			return true;
	return false;
}

/*
 * The exit of thread @t.  A call it was in ends with "= ?".  A leader
 * whose other threads go on is kept, as ptrace(2) reports it: its end is
 * printed with the process's status, that of the last thread, when the
 * last one has gone.
 */
static void on_exit_task(struct task *t, int status)
{
	pid_t tid = t->tid, pid = t->pid;
	struct task *leader;

	if (t->in_call) {
		/* A call that did not return: exit_group, exit, a kill. */
		stage_resume(t);
		resume(t);
		if (!t->decoded)
			outs(" <unfinished ...>");
		outs(") ");
		tabto();
		outs("= ?");
		newline();
		t->in_call = false;
		stage_end(t, STATUS_UNFINISHED);
	}
	if (tid == pid && other_threads(pid)) {
		t->zombie = true;
		return;
	}
	task_end(t, status);
	leader = tid != pid ? task_find(pid) : NULL;
	if (leader && leader->zombie && !other_threads(pid))
		task_end(leader, status);
}

static int on_task(struct sct_session *s, const struct sct_event *ev,
		   void *priv)
{
	struct task *t = task_find(sct_event_tid(ev));
	pid_t child, pid;
	char buf[16];
	int status;

	(void)s;
	(void)priv;
	st.now = sct_event_time(ev);
	switch (sct_event_type(ev)) {
	case SCT_EVENT_FORK:
		child = sct_event_child_tid(ev);
		if (st.follow) {
			task_add(child, sct_event_child_pid(ev), false);
			print_attached(child);
		} else if (t && sct_event_child_pid(ev) == t->pid) {
			/* A thread of a process shown: for its end only. */
			task_add(child, t->pid, true);
		}
		break;
	case SCT_EVENT_SIGNAL:
		if (!t || t->hidden ||
		    !st.signals[sct_event_signal(ev) & (NR_SIGNALS - 1)])
			break;
		printleader(t);
		outf("--- %s ", signame(sct_event_signal(ev), buf,
					sizeof(buf)));
		print_siginfo(ev);
		outs(" ---");
		newline();
		break;
	case SCT_EVENT_EXIT:
		status = sct_event_exit_status(ev);
		pid = sct_event_pid(ev);
		/* Every process's, for the si_status of its SIGCHLD. */
		exit_remember(pid, status);
		if (!t)
			break;
		on_exit_task(t, status);
		/* Without -f, the end when the threads shown are gone. */
		if (!st.follow && !st.nprocs)
			return SCT_CB_STOP;
		break;
	default:
		break;
	}
	return SCT_CB_CONTINUE;
}

static int on_lost(struct sct_session *s, const struct sct_event *ev,
		   void *priv)
{
	(void)s;
	(void)priv;
	if (st.summary == SUMMARY_ONLY)
		warnx("%" PRIu64 " records lost: the summary misses calls",
		      sct_event_lost(ev));
	if (st.ff) {
		/* Not a thread's: on standard error, as strace's messages. */
		if (st.printing)
			st.printing->curcol = st.curcol;
		st.out = st.real_out = stderr;
		st.curcol = 0;
	} else if (st.curcol) {
		outs(" <unfinished ...>");
		newline();
	}
	st.printing = NULL;
	outf("+++ sctrace: %" PRIu64 " records lost +++", sct_event_lost(ev));
	newline();
	return SCT_CB_CONTINUE;
}

static void __attribute__((noreturn)) usage(FILE *out, int status)
{
	fprintf(out,
		"Usage: %s [-f] [-o FILE] [-s STRSIZE] [-e trace=SET] COMMAND [ARG]...\n"
		"   or: %s [-f] [-o FILE] [-s STRSIZE] [-e trace=SET] -p PID... [COMMAND [ARG]...]\n"
		"   or: %s -c|-C [-f] [-o FILE] [-S SORTBY] [-U COLUMNS] [-w] COMMAND [ARG]...\n"
		"Trace the system calls of COMMAND, or of running processes, as\n"
		"strace(1) does, with sct's traces instead of ptrace(2).\n"
		"\n"
		"  -f, --follow-forks follow forks\n"
		"  -ff                follow forks, with -o: a file FILE.PID for each thread\n"
		"  --output-separately\n"
		"                     with -o, a file FILE.PID for each thread\n"
		"  -p, --attach=PID   trace process PID too (a comma or blank separated list)\n"
		"  -o, --output=FILE  write the trace to FILE, not standard error\n"
		"  -s, --string-limit=STRSIZE\n"
		"                     print at most STRSIZE bytes of a string (32)\n"
		"  -e trace=SET, --trace=SET\n"
		"                     trace only the calls of SET: names, %%classes,\n"
		"                     /REGEX, !SET, ?NAME, all, none\n",
		program_invocation_short_name, program_invocation_short_name,
		program_invocation_short_name);
	opts_usage(out);
	fprintf(out,
		"  -c, --summary-only print a summary of the calls, not the trace\n"
		"  -C, --summary      print the trace, then the summary\n"
		"  -S, --summary-sort-by=SORTBY\n"
		"                     sort the summary by SORTBY: time (the default),\n"
		"                     min-time, max-time, avg-time, calls, errors,\n"
		"                     name, nothing\n"
		"  -U, --summary-columns=COLUMNS\n"
		"                     the summary's columns: time-percent, total-time,\n"
		"                     min-time, max-time, avg-time, calls, errors, name\n"
		"  -w, --summary-wall-clock\n"
		"                     time the calls in wall time (sctrace always does)\n"
		"  --buffer-size=BYTES\n"
		"                     the size of the trace's stream (1 MiB)\n"
		"  --overflow=wait|drop\n"
		"                     when the stream is full, the traced thread waits\n"
		"                     (the default: no call is lost), or records are\n"
		"                     lost and counted\n"
		"  -h, --help         print this help and exit\n"
		"  -V, --version      print the version and exit\n"
		"\n"
		"Other options of strace are refused (exit status 2).  See sctrace(1).\n");
	exit(status);
}

/* strace's options that sctrace does not support yet. */
static void __attribute__((noreturn)) unsupported(const char *opt)
{
	fprintf(stderr, "%s: option %s is not supported yet\n",
		program_invocation_short_name, opt);
	exit(2);
}

/*
 * -p PID[,PID]...: as strace takes them, separated by commas, blanks or
 * newlines ("-p \"$(pidof PROG)\"").
 */
static void add_pids(const char *arg)
{
	const char *p = arg;

	/* As strace: "" names none, a separator at the end ends the list. */
	while (*p) {
		size_t len = strcspn(p, "\n\t ,");
		char tok[32], *end;
		long pid = -1;
		size_t i;

		if (len < sizeof(tok)) {
			memcpy(tok, p, len);
			tok[len] = '\0';
			errno = 0;
			pid = strtol(tok, &end, 10);
			if (errno || end == tok || *end || pid > INT_MAX)
				pid = -1;
		}
		if (pid <= 0)
			errx(1, "Invalid process id: '%.*s'", (int)len, p);
		if (pid == getpid())
			errx(1, "-p %ld: sctrace cannot trace itself", pid);
		for (i = 0; i < st.npids && st.pids[i] != pid; i++)
			;
		if (i == st.npids) {
			st.pids = reallocarray(st.pids, st.npids + 1,
					       sizeof(*st.pids));
			if (!st.pids)
				err(1, "out of memory");
			st.pids[st.npids++] = pid;
		}
		if (!p[len])
			break;
		p += len + 1;
	}
}

/* The process of thread @tid, from /proc; @tid itself if unknown. */
static pid_t tgid_of(pid_t tid)
{
	char path[64], line[128];
	pid_t tgid = tid;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	f = fopen(path, "re");
	if (!f)
		return tid;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Tgid: %d", &tgid) == 1)
			break;
	fclose(f);
	return tgid;
}

/*
 * The threads of process @pid, from /proc, but @tid, as tasks (shown
 * with -f, else hidden).  Return: how many it has, at least 1.
 */
static unsigned int add_threads(pid_t pid, pid_t tid)
{
	char path[64];
	struct dirent *de;
	unsigned int n = 0;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	dir = opendir(path);
	if (!dir)
		return 1;
	while ((de = readdir(dir))) {
		pid_t t = atoi(de->d_name);

		if (t <= 0)
			continue;
		n++;
		if (t != tid && !task_find(t))
			task_add(t, pid, !st.follow);
	}
	closedir(dir);
	return n ? n : 1;
}

/*
 * -p: join each process to the session; with -f, all its threads are
 * shown, else the thread given.  Return: how many were attached.
 */
static size_t attach_all(struct sct_session *s)
{
	size_t i, n = 0;
	unsigned int threads;
	pid_t pid;
	int ret;

	for (i = 0; i < st.npids; i++) {
		ret = sct_session_attach(s, st.pids[i]);
		if (ret < 0) {
			warnx("attach: pid %d: %s", (int)st.pids[i],
			      *sct_error_detail() ? sct_error_detail() :
			      sct_strerror(ret));
			continue;
		}
		pid = tgid_of(st.pids[i]);
		if (!task_find(st.pids[i]))
			task_add(st.pids[i], pid, false);
		threads = add_threads(pid, st.pids[i]);
		attach_msg(st.pids[i], st.follow ? threads : 1);
		n++;
	}
	return n;
}

/* Signals that end the trace: see set_signals(). */
static volatile sig_atomic_t interrupted;
static struct sct_session *volatile session;

static void interrupt(int sig)
{
	interrupted = sig;
	if (session)
		sct_trace_stop(session);
}

/*
 * As strace: when interactive (no -o, or no command), SIGHUP, SIGINT,
 * SIGQUIT, SIGPIPE and SIGTERM end the trace (the command is killed by
 * the signal, attached processes are let go), and sctrace dies of the
 * signal; otherwise they are ignored, and the command alone gets them
 * from the terminal.
 */
static void set_signals(bool interactive)
{
	static const int sigs[] = { SIGHUP, SIGINT, SIGQUIT, SIGPIPE,
				    SIGTERM };
	struct sigaction sa = { .sa_handler = SIG_IGN };
	size_t i;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGTTOU, &sa, NULL);
	sigaction(SIGTTIN, &sa, NULL);
	if (interactive)
		sa.sa_handler = interrupt;
	for (i = 0; i < NELEM(sigs); i++)
		sigaction(sigs[i], &sa, NULL);
}

/*
 * After an interrupt: the command is killed with the signal, the line
 * of each thread in a call ends with " <detached ...>", and each thread
 * still alive is let go ("Process N detached").
 */
static void detach_all(int sig)
{
	size_t i;

	for (i = 0; i < st.ntasks; i++) {
		struct task *t = &st.tasks[i];

		if (t->hidden)
			continue;
		if (t->tid == st.child) {
			kill(t->tid, SIGCONT);
			kill(t->tid, sig);
		}
		if (st.ff && t->out) {
			use_task(t);
			if (st.curcol) {
				outs(" <detached ...>");
				newline();
			}
			fclose(t->out);
			t->out = NULL;
			st.out = st.real_out = stderr;
			st.printing = NULL;
			st.curcol = 0;
		} else if (!st.ff && st.printing == t && st.curcol) {
			outs(" <detached ...>");
			newline();
		}
		if (!st.quiet[QUIET_ATTACH])
			fprintf(stderr, "%s: Process %u detached\n",
				program_invocation_short_name,
				(unsigned int)t->tid);
	}
}

/* A usage error, in strace's words: the message, then where help is. */
static void __attribute__((noreturn, format(printf, 1, 2)))
usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s -h' for more information.\n",
		program_invocation_short_name);
	exit(2);
}

/* -c, -C, -S, -U, -w; summary_check() checks them together. */
static bool summary_sort, summary_columns, summary_wall;

static void summary_option(int c, const char *arg)
{
	const char *msg = NULL;

	switch (c) {
	case 'c':
	case 'C':
		if (st.summary == (c == 'c' ? SUMMARY_BOTH : SUMMARY_ONLY))
			usage_error("-c/--summary-only and -C/--summary are mutually exclusive");
		st.summary = c == 'c' ? SUMMARY_ONLY : SUMMARY_BOTH;
		break;
	case 'S':
		msg = summary_set_sort(arg);
		summary_sort = true;
		break;
	case 'U':
		msg = summary_set_columns(arg);
		summary_columns = true;
		break;
	case 'w':
		summary_wall = true;
		break;
	}
	if (msg)
		usage_error("%s", msg);
}

static void summary_check(void)
{
	if (st.summary)
		return;
	if (summary_wall)
		usage_error("-w/--summary-wall-clock must be given with (-c/--summary-only or -C/--summary)");
	if (summary_columns)
		usage_error("-U/--summary-columns must be given with (-c/--summary-only or -C/--summary)");
	if (summary_sort)
		warnx("-S/--summary-sort-by has no effect without (-c/--summary-only or -C/--summary)");
}

/* A killed command: die of its signal, as strace does. */
static void __attribute__((noreturn)) exit_as(int status)
{
	if (WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);
		struct rlimit rl = { 0, 0 };
		sigset_t set;

		setrlimit(RLIMIT_CORE, &rl);
		fflush(NULL);
		signal(sig, SIG_DFL);
		sigemptyset(&set);
		sigaddset(&set, sig);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		raise(sig);
		exit(sig);
	}
	exit(WEXITSTATUS(status));
}

/* Whether the calls traced (-e trace=) include prctl. */
static bool needs_comm(void)
{
	int nr = sct_syscall_number_abi(SCT_ABI_NATIVE, "prctl");

	return nr < 0 || nr >= st.nsys || st.trace_set[nr];
}

/* Long options without a short one. */
enum {
	OPT_FOLLOW_FORKS = 0x200,	/* options.c has 0x100 and up */
	OPT_OUTPUT_SEPARATELY,
	OPT_BUFFER_SIZE,
	OPT_OVERFLOW,
};

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "output", required_argument, NULL, 'o' },
		{ "follow-forks", no_argument, NULL, OPT_FOLLOW_FORKS },
		{ "output-separately", no_argument, NULL,
		  OPT_OUTPUT_SEPARATELY },
		{ "attach", required_argument, NULL, 'p' },
		{ "buffer-size", required_argument, NULL, OPT_BUFFER_SIZE },
		{ "overflow", required_argument, NULL, OPT_OVERFLOW },
		{ "string-limit", required_argument, NULL, 's' },
		{ "trace", required_argument, NULL, 0x100 },
		{ "summary-only", no_argument, NULL, 'c' },
		{ "summary", no_argument, NULL, 'C' },
		{ "summary-sort-by", required_argument, NULL, 'S' },
		{ "summary-columns", required_argument, NULL, 'U' },
		{ "summary-wall-clock", no_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	/* strace 6.1's short options: those not handled here are refused. */
	static const char optstring[] =
		"+a:Ab:cCdDe:E:fFhiI:kno:O:p:P:qrs:S:tTu:U:vVwxX:yzZ";
	struct sct_session *s;
	char *end, opt[3] = "-?";
	unsigned long n;
	unsigned int capture, nf = 0;
	/* The stream: libsct's default size, and lossless. */
	unsigned long buffer_size = SCT_SESSION_BUFFER_DEFAULT;
	enum sct_overflow overflow = SCT_OVERFLOW_WAIT;
	bool follow_forks = false, separately = false, command;
	int c, ret;

	opts_init();
	while ((c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			nf++;
			break;
		case OPT_FOLLOW_FORKS:
			follow_forks = true;
			break;
		case OPT_OUTPUT_SEPARATELY:
			separately = true;
			break;
		case 'p':
			add_pids(optarg);
			break;
		case OPT_BUFFER_SIZE:
			errno = 0;
			n = strtoul(optarg, &end, 10);
			if (errno || end == optarg || *end || *optarg == '-' ||
			    n < SCT_BUFFER_SIZE_MIN || n > SCT_BUFFER_SIZE_MAX)
				errx(2, "invalid --buffer-size argument: '%s' (%d to %d bytes)",
				     optarg, SCT_BUFFER_SIZE_MIN,
				     SCT_BUFFER_SIZE_MAX);
			buffer_size = n;
			break;
		case OPT_OVERFLOW:
			if (!strcmp(optarg, "wait"))
				overflow = SCT_OVERFLOW_WAIT;
			else if (!strcmp(optarg, "drop"))
				overflow = SCT_OVERFLOW_DROP;
			else
				errx(2, "invalid --overflow argument: '%s' (wait or drop)",
				     optarg);
			break;
		case 'o':
			/* strace's "|CMD" and "!CMD" run a pipe. */
			if (*optarg == '|' || *optarg == '!')
				errx(2, "-o %s: piping the output is not supported; use a shell pipe with -o /dev/stdout",
				     optarg);
			st.outname = optarg;
			break;
		case 's':
			errno = 0;
			n = strtoul(optarg, &end, 10);
			if (errno || end == optarg || *end || n > INT_MAX ||
			    *optarg == '-')
				errx(2, "invalid -s argument: '%s'", optarg);
			st.max_strlen = n;
			break;
		case 0x100:
			opt_trace(optarg);
			break;
		case 'c':
		case 'C':
		case 'S':
		case 'U':
		case 'w':
			summary_option(c, optarg);
			break;
		case 'h':
			usage(stdout, 0);
		case 'V':
			printf("sctrace (sct) %s\n", sct_version());
			return 0;
		case '?':
			usage(stderr, 2);
		default:
			if (opt_handle(c, optarg))
				break;
			opt[1] = c;
			unsupported(opt);
		}
	}
	command = optind < argc;
	if (!command && !st.npids) {
		warnx("must have PROG [ARGS] or -p PID");
		usage(stderr, 2);
	}
	/* strace's rules for -f, -ff, --follow-forks, --output-separately. */
	if (nf && follow_forks)
		errx(2, "-f and --follow-forks cannot be provided simultaneously");
	if (nf >= 2 && separately)
		errx(2, "-ff and --output-separately cannot be provided simultaneously");
	st.follow = nf || follow_forks;
	/* As strace, before -ff without -o becomes -f. */
	if (st.summary && (nf >= 2 || separately))
		usage_error("(-c/--summary-only or -C/--summary) and -ff/--output-separately are mutually exclusive");
	/* -ff without -o is -f; --output-separately alone follows nothing. */
	st.ff = (nf >= 2 || separately) && st.outname;
	st.pid_pfx = st.outname && !st.ff &&
		     (st.follow || st.npids + command > 1);
	opts_finish(command);
	summary_check();

	/* strace's buffering: standard error by line, a file fully. */
	setvbuf(stderr, NULL, _IOLBF, 0);
	if (st.outname && !st.ff) {
		st.out = fopen(st.outname, "we");
		if (!st.out)
			err(1, "%s", st.outname);
	} else {
		st.out = stderr;
	}
	st.real_out = st.out;

	ret = sct_session_new(&s, 0);
	if (ret)
		errx(1, "%s", *sct_error_detail() ? sct_error_detail() :
			      sct_strerror(ret));
	/*
	 * All the kernel gives: -s needs one byte more than it shows (to
	 * tell a longer buffer), getdents64's count the whole buffer.
	 */
	capture = SCT_CAPTURE_SIZE_MAX;
	ret = sct_session_set_capture_size(s, capture);
	if (!ret)
		ret = sct_session_set_buffer_size(s, buffer_size);
	if (!ret)
		ret = sct_session_set_overflow(s, overflow);
	/*
	 * Full records carry the command name, for prctl's PR_[GS]ET_NAME;
	 * they cost a traced call more than compact ones: only with prctl.
	 */
	if (!ret && needs_comm())
		ret = sct_session_set_records(s, SCT_RECORDS_FULL);
	if (!ret)
		ret = opts_trace(s, on_syscall);
	if (ret >= 0)
		ret = sct_session_on_task(s, SCT_EVENT_TASK_ALL, on_task,
					  NULL);
	if (!ret)
		ret = sct_session_on_lost(s, on_lost, NULL);
	if (!ret && command) {
		ret = sct_session_spawn(s, &argv[optind], &st.child);
		if (!ret)
			task_add(st.child, st.child, false);
	}
	if (!ret && st.npids && !attach_all(s) && !command) {
		sct_session_free(s);
		return 1;
	}
	if (!ret) {
		session = s;
		set_signals(!(st.outname && command));
		ret = sct_trace_run(s);
	}
	if (ret < 0) {
		warnx("%s", *sct_error_detail() ? sct_error_detail() :
			    sct_strerror(ret));
		sct_session_free(s);
		return 1;
	}
	/* No signal handler reaches the session from now on. */
	session = NULL;
	if (interrupted)
		detach_all(interrupted);
	/* The session's end lets every process it still traces go. */
	sct_session_free(s);
	if (st.curcol)
		newline();
	if (st.summary != SUMMARY_NONE) {
		summary_print(st.out);
		summary_free();
	}
	if (!st.ff && st.out != stderr && fclose(st.out))
		err(1, "%s", st.outname);
	if (interrupted)
		exit_as(interrupted);
	if (!command)
		return 0;
	if (st.child_status < 0)
		errx(1, "the exit of %d was not seen", (int)st.child);
	exit_as(st.child_status);
}
