// SPDX-License-Identifier: GPL-2.0
/*
 * sctrace: strace(1)'s interface and output, on sct's traces instead of
 * ptrace(2) (see sctrace(1)).
 *
 * Runs a command under a tracing session of libsct's (sct_session_new(3))
 * and prints its calls as strace 6.1 does.  The kernel writes a record at
 * each call's entry and exit; the entry's part of a line (the arguments
 * the call reads) is printed at the entry, the rest (what it writes, and
 * the return value) at the exit, so that interleaved calls of several
 * processes show as strace's "<unfinished ...>" and "<... NAME resumed>".
 *
 * The decoders are in decode.c.
 *
 * Exit status: the command's; for a command killed by a signal, sctrace
 * kills itself with that signal, as strace does.  1 on an error of
 * sctrace's, 2 for bad usage (an option strace has that sctrace does not
 * support yet included).
 */
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

/* Output, with the column counted for tabto(). */
void outf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(st.out, fmt, ap);
	va_end(ap);
	if (n > 0)
		st.curcol += n;
}

void outs(const char *s)
{
	fputs(s, st.out);
	st.curcol += strlen(s);
}

void newline(void)
{
	putc('\n', st.out);
	st.curcol = 0;
	if (fflush(st.out))
		err(1, "%s", st.outname ? st.outname : "standard error");
}

void tabto(void)
{
	while (st.curcol < ACOLUMN)
		outs(" ");
}

static struct task *task_get(pid_t tid)
{
	size_t i;

	for (i = 0; i < st.ntasks; i++)
		if (st.tasks[i].tid == tid)
			return &st.tasks[i];
	if (st.ntasks == st.tasks_cap) {
		size_t cap = st.tasks_cap ? 2 * st.tasks_cap : 64;
		struct task *t = reallocarray(st.tasks, cap, sizeof(*t));

		if (!t)
			err(1, "out of memory");
		/* st.printing points into the array. */
		if (st.printing)
			st.printing = t + (st.printing - st.tasks);
		st.tasks = t;
		st.tasks_cap = cap;
	}
	memset(&st.tasks[st.ntasks], 0, sizeof(st.tasks[0]));
	st.tasks[st.ntasks].tid = tid;
	st.tasks[st.ntasks].exit_status = -1;
	st.nprocs++;
	return &st.tasks[st.ntasks++];
}

/*
 * Start a line for @t, ending another's open line with "<unfinished
 * ...>" first, and print the pid prefix as strace does: "PID " padded to
 * 5 with -o and -f, "[pid  PID] " on stderr while several are traced.
 */
static void printleader(struct task *t)
{
	if (st.printing && st.curcol) {
		outs(" <unfinished ...>");
		newline();
	}
	st.printing = t;
	st.curcol = 0;
	if (st.outname && st.follow)
		outf("%-5u ", (unsigned int)t->tid);
	else if (!st.outname && st.nprocs > 1)
		outf("[pid %5u] ", (unsigned int)t->tid);
}

/* Strings, quoted as strace's string_quote() does. */

static void on_entry(struct task *t, const struct sct_event *ev)
{
	unsigned int i, n;

	t->name = sct_event_syscall_name(ev);
	t->desc = find_desc(t->name);
	for (i = 0; i < 6; i++)
		if (sct_event_arg(ev, i + 1, &t->args[i]))
			t->args[i] = 0;
	printleader(t);
	if (t->name)
		outf("%s(", t->name);
	else
		outf("syscall_%#x(", sct_event_syscall(ev));
	if (!t->desc)
		t->desc = &raw_desc;
	if (t->desc->args[0] == A_CLONE) {
		print_clone_entry(t);
		t->split = 1;
		t->decoded = false;
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
}

/* strace's "<... NAME resumed>", when another line came in between. */
static void resume(struct task *t)
{
	if (st.printing == t && st.curcol)
		return;
	printleader(t);
	outf("<... %s resumed>", t->name ? t->name : "syscall");
}

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
		else
			outf("= -1 %d (%s)", e, strerror(e));
		return;
	}
	if (t->desc->ret == R_HEX)
		outf("= %#" PRIx64, (uint64_t)ret);
	else if (t->desc->ret == R_NONE)
		outs("= ?");
	else
		outf("= %" PRId64, ret);
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
	resume(t);
	if (t->desc->args[0] == A_CLONE) {
		print_clone_exit(t);
	} else {
		n = desc_nargs(t->desc);
		print_args(t, ev, t->split, n, false, ret);
	}
	print_ret(t, ret);
	print_ret_extra(t, ev, ret);
	newline();
	t->in_call = false;
}

static int on_syscall(struct sct_session *s, const struct sct_event *ev,
		      void *priv)
{
	struct task *t;

	(void)s;
	(void)priv;
	if (!st.follow && sct_event_tid(ev) != st.child)
		return SCT_CB_CONTINUE;
	t = task_get(sct_event_tid(ev));
	if (sct_event_is_entry(ev))
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
	size_t i;

	outf("{si_signo=%s, si_code=", signame(r->signo, buf, sizeof(buf)));
	if (r->signo == SIGCHLD && r->code > 0) {
		print_xval(cld, NELEM(cld), r->code, "%" PRId64);
		outf(", si_pid=%d, si_uid=%u", r->sender_pid, r->sender_uid);
		/* The child's status, from its exit record. */
		for (i = 0; i < st.ntasks; i++) {
			int ws = st.tasks[i].exit_status;

			if (st.tasks[i].tid != r->sender_pid || ws < 0)
				continue;
			if (WIFEXITED(ws))
				outf(", si_status=%d", WEXITSTATUS(ws));
			else
				outf(", si_status=%s",
				     signame(WTERMSIG(ws), buf, sizeof(buf)));
		}
		/* Not in the record: see sctrace(1), DIFFERENCES. */
		outs(", si_utime=?, si_stime=?}");
		return;
	}
	print_xval(si, NELEM(si), (uint64_t)(int64_t)r->code, "%" PRId64);
	if (r->code == SI_USER || r->code == SI_TKILL || r->code == SI_QUEUE)
		outf(", si_pid=%d, si_uid=%u", r->sender_pid, r->sender_uid);
	outs("}");
}

static int on_task(struct sct_session *s, const struct sct_event *ev,
		   void *priv)
{
	struct task *t;
	char buf[16];
	int status;

	(void)s;
	(void)priv;
	if (!st.follow && sct_event_tid(ev) != st.child)
		return SCT_CB_CONTINUE;
	switch (sct_event_type(ev)) {
	case SCT_EVENT_FORK:
		if (st.follow)
			task_get(sct_event_child_tid(ev));
		break;
	case SCT_EVENT_SIGNAL:
		t = task_get(sct_event_tid(ev));
		printleader(t);
		outf("--- %s ", signame(sct_event_signal(ev), buf,
					sizeof(buf)));
		print_siginfo(ev);
		outs(" ---");
		newline();
		break;
	case SCT_EVENT_EXIT:
		t = task_get(sct_event_tid(ev));
		status = sct_event_exit_status(ev);
		if (t->in_call) {
			/* A call that did not return: exit_group, exit. */
			resume(t);
			if (!t->decoded)
				outs(", ...");
			outs(") ");
			tabto();
			outs("= ?");
			newline();
			t->in_call = false;
		}
		t->exit_status = status;
		printleader(t);
		if (WIFSIGNALED(status))
			outf("+++ killed by %s %s+++",
			     signame(WTERMSIG(status), buf, sizeof(buf)),
			     WCOREDUMP(status) ? "(core dumped) " : "");
		else
			outf("+++ exited with %d +++", WEXITSTATUS(status));
		newline();
		st.nprocs--;
		if (t->tid == st.child)
			st.child_status = status;
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
	if (st.curcol)
		newline();
	st.printing = NULL;
	outf("+++ sctrace: %" PRIu64 " records lost +++", sct_event_lost(ev));
	newline();
	return SCT_CB_CONTINUE;
}

static void __attribute__((noreturn)) usage(FILE *out, int status)
{
	fprintf(out,
		"Usage: %s [-f] [-o FILE] [-s STRSIZE] [-e trace=SET] COMMAND [ARG]...\n"
		"Trace the system calls of COMMAND as strace(1) does, with sct's\n"
		"traces instead of ptrace(2).\n"
		"\n"
		"  -f                 follow forks\n"
		"  -o FILE            write the trace to FILE, not standard error\n"
		"  -s STRSIZE         print at most STRSIZE bytes of a string (32)\n"
		"  -e trace=SET       trace only the calls of SET: names and %%classes\n"
		"  -h, --help         print this help and exit\n"
		"  -V, --version      print the version and exit\n"
		"\n"
		"Other options of strace are refused (exit status 2).  See sctrace(1).\n",
		program_invocation_short_name);
	exit(status);
}

/* strace's options that sctrace does not support yet. */
static void __attribute__((noreturn)) unsupported(const char *opt)
{
	fprintf(stderr, "%s: option %s is not supported yet\n",
		program_invocation_short_name, opt);
	exit(2);
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

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "output", required_argument, NULL, 'o' },
		{ "follow-forks", no_argument, NULL, 'f' },
		{ "string-limit", required_argument, NULL, 's' },
		{ "trace", required_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 }
	};
	/* strace 6.1's short options: those not handled here are refused. */
	static const char optstring[] =
		"+a:Ab:cCdDe:E:fFhiI:kno:O:p:P:qrs:S:tTu:U:vVwxX:yzZ";
	const char *trace_set = "*";
	struct sct_session *s;
	char *end, opt[3] = "-?";
	unsigned long n;
	unsigned int capture;
	int c, ret;

	while ((c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (st.follow)
				unsupported("-ff");
			st.follow = true;
			break;
		case 'o':
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
		case 'e':
		case 'T':
			if (c == 'e' && strncmp(optarg, "trace=", 6))
				unsupported("-e with anything but trace=");
			trace_set = c == 'e' ? optarg + 6 : optarg;
			if (strpbrk(trace_set, "!/?"))
				unsupported("-e trace= with ! or /regex");
			if (!strcmp(trace_set, "all"))
				trace_set = "*";
			break;
		case 'h':
			usage(stdout, 0);
		case 'V':
			printf("sctrace (sct) %s\n", sct_version());
			return 0;
		case '?':
			usage(stderr, 2);
		default:
			opt[1] = c;
			unsupported(opt);
		}
	}
	if (optind == argc) {
		warnx("must have COMMAND to run");
		usage(stderr, 2);
	}

	if (st.outname) {
		st.out = fopen(st.outname, "we");
		if (!st.out)
			err(1, "%s", st.outname);
	} else {
		st.out = stderr;
	}

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
	/* The command name, for prctl's PR_[GS]ET_NAME. */
	if (!ret)
		ret = sct_session_set_records(s, SCT_RECORDS_FULL);
	if (!ret)
		ret = sct_session_trace(s, trace_set, SCT_TRACE_BOTH,
					on_syscall, NULL);
	if (ret >= 0)
		ret = sct_session_on_task(s, SCT_EVENT_TASK_ALL, on_task,
					  NULL);
	if (!ret)
		ret = sct_session_on_lost(s, on_lost, NULL);
	if (!ret)
		ret = sct_session_spawn(s, &argv[optind], &st.child);
	if (!ret)
		ret = sct_trace_run(s);
	if (ret < 0) {
		warnx("%s", *sct_error_detail() ? sct_error_detail() :
			    sct_strerror(ret));
		sct_session_free(s);
		return 1;
	}
	sct_session_free(s);
	if (st.curcol)
		newline();
	if (st.out != stderr && fclose(st.out))
		err(1, "%s", st.outname);
	if (st.child_status < 0)
		errx(1, "the exit of %d was not seen", (int)st.child);
	exit_as(st.child_status);
}
