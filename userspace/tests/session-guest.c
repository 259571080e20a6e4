// SPDX-License-Identifier: GPL-2.0
/*
 * The guest's test of libsct's tracing API (sct_session_new(3)), on the
 * kernel's traces: prints TAP.  Run as root, with no argument; with one,
 * it is the traced child of a test (see child()).
 *
 * Exit status: 0 when every test passed, 1 otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "sct-private.h"

/* sct_session_test_stop_fd(): libsct.a's, for a white-box test. */
#include "session-internal.h"

static int tap_n, tap_failed;
static char self[PATH_MAX];

static bool ok(bool cond, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", cond ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond) {
		tap_failed++;
		printf("# detail: %s\n", sct_error_detail());
	}
	fflush(stdout);
	return cond;
}

/* ---- The traced children. ---- */

static void on_usr1(int sig)
{
	(void)sig;
}

/* 0 when no signal is blocked or ignored, as /proc/self/status says. */
static int sigstate(void)
{
	unsigned long long blk = ~0ULL, ign = ~0ULL;
	char line[256];
	FILE *f = fopen("/proc/self/status", "re");

	while (f && fgets(line, sizeof(line), f)) {
		sscanf(line, "SigBlk: %llx", &blk);
		sscanf(line, "SigIgn: %llx", &ign);
	}
	if (f)
		fclose(f);
	return blk || ign ? 1 : 0;
}

static int child(int argc, char **argv)
{
	int i, n = argc > 2 ? atoi(argv[2]) : 0;
	int m = argc > 3 ? atoi(argv[3]) : 0;
	pid_t pid;

	if (!strcmp(argv[1], "getppid")) {
		for (i = 0; i < n; i++)
			syscall(SYS_getppid);
		for (i = 0; i < m; i++)
			syscall(SYS_getpid);
		return 0;
	}
	if (!strcmp(argv[1], "open")) {
		i = open(argv[2], O_RDONLY);
		if (i >= 0)
			close(i);
		return i < 0;
	}
	if (!strcmp(argv[1], "fork")) {
		pid = fork();
		if (!pid) {
			syscall(SYS_getppid);
			_exit(3);
		}
		waitpid(pid, NULL, 0);
		return 0;
	}
	if (!strcmp(argv[1], "signal")) {
		signal(SIGUSR1, on_usr1);
		raise(SIGUSR1);
		return 0;
	}
	if (!strcmp(argv[1], "sleep")) {
		for (;;)
			pause();
	}
	if (!strcmp(argv[1], "nap")) {
		usleep(n * 1000);
		return 0;
	}
	if (!strcmp(argv[1], "sigstate"))
		return sigstate();
	return 126;
}

/* ---- What the callbacks saw. ---- */

struct seen {
	int n, entries, exits, lost_events, stop_at, detach_at;
	uint64_t lost;
	char first[32];
	bool first_entry;
	char path[256];
	uint64_t id_entry, id_exit;
	int64_t ret;
	pid_t pid;
	/* Task events. */
	int forks, execs, exits_seen, signals;
	pid_t fork_child;
	int status[8];
	pid_t status_pid[8];
	char exec_path[256];
	int signo;
	int64_t clone_ret;
	int slow;
};

static int count_cb(struct sct_session *s, const struct sct_event *ev,
		    void *priv)
{
	struct seen *w = priv;
	const char *name = sct_event_syscall_name(ev);
	const char *str;
	int64_t ret;

	(void)s;
	if (!w->n++) {
		snprintf(w->first, sizeof(w->first), "%s", name ? name : "?");
		w->first_entry = sct_event_is_entry(ev) == 1;
		w->pid = sct_event_pid(ev);
	}
	if (sct_event_is_entry(ev) == 1) {
		w->entries++;
		w->id_entry = sct_event_call_id(ev);
	} else {
		w->exits++;
		w->id_exit = sct_event_call_id(ev);
		if (!sct_event_retval(ev, &ret)) {
			w->ret = ret;
			if (name && (!strcmp(name, "clone") ||
				     !strcmp(name, "clone3") ||
				     !strcmp(name, "fork") ||
				     !strcmp(name, "vfork")))
				w->clone_ret = ret;
		}
	}
	str = sct_event_string(ev, name && !strcmp(name, "openat") ? 2 : 1);
	if (str && !w->path[0])
		snprintf(w->path, sizeof(w->path), "%s", str);
	if (w->slow && !(w->n % 500))
		usleep(2000);
	if (w->stop_at && w->n == w->stop_at)
		return SCT_CB_STOP;
	if (w->detach_at && w->n == w->detach_at)
		return SCT_CB_DETACH;
	return SCT_CB_CONTINUE;
}

static int task_cb(struct sct_session *s, const struct sct_event *ev,
		   void *priv)
{
	struct seen *w = priv;
	const char *p;

	(void)s;
	switch (sct_event_type(ev)) {
	case SCT_EVENT_FORK:
		w->forks++;
		w->fork_child = sct_event_child_pid(ev);
		break;
	case SCT_EVENT_EXEC:
		w->execs++;
		p = sct_event_exec_path(ev);
		snprintf(w->exec_path, sizeof(w->exec_path), "%s", p ? p : "");
		break;
	case SCT_EVENT_SIGNAL:
		w->signals++;
		w->signo = sct_event_signal(ev);
		break;
	case SCT_EVENT_EXIT:
		if (w->exits_seen < 8) {
			w->status[w->exits_seen] = sct_event_exit_status(ev);
			w->status_pid[w->exits_seen] = sct_event_pid(ev);
		}
		w->exits_seen++;
		break;
	default:
		break;
	}
	return SCT_CB_CONTINUE;
}

static int lost_cb(struct sct_session *s, const struct sct_event *ev,
		   void *priv)
{
	struct seen *w = priv;

	(void)s;
	w->lost_events++;
	w->lost += sct_event_lost(ev);
	return SCT_CB_CONTINUE;
}

/* Run @argv (a mode of child()) in session @s; return sct_trace_run's. */
static int run(struct sct_session *s, pid_t *pidp, const char *mode,
	       const char *a, const char *b)
{
	char *argv[] = { self, (char *)mode, (char *)a, (char *)b, NULL };
	pid_t pid;
	int ret;

	ret = sct_session_spawn(s, argv, &pid);
	if (ret)
		return ret;
	if (pidp)
		*pidp = pid;
	return sct_trace_run(s);
}

static struct sct_session *session(void)
{
	struct sct_session *s = NULL;
	int ret = sct_session_new(&s, 0);

	if (ret) {
		printf("Bail out! sct_session_new: %s: %s\n", sct_strerror(ret),
		       sct_error_detail());
		exit(1);
	}
	return s;
}

/* Is there a rule whose name starts with @prefix? */
static bool rules_with(const char *prefix)
{
	char **names;
	bool found = false;
	int n, i;

	n = sct_rule_names(&names);
	for (i = 0; i < n; i++)
		if (!strncmp(names[i], prefix, strlen(prefix)))
			found = true;
	if (n > 0)
		sct_rule_names_free(names, n);
	return found;
}

/* ---- The tests. ---- */

static void test_spawn(void)
{
	struct sct_session *s = session();
	struct seen all = { 0 }, ex = { 0 }, tasks = { 0 };
	pid_t pid = 0;
	int ret;

	ok(sct_session_trace(s, "*", SCT_TRACE_ENTRY, count_cb, &all) == 1,
	   "sct_session_trace gives the first selection id 1");
	ok(sct_session_trace(s, "execve", SCT_TRACE_BOTH, count_cb, &ex) == 2,
	   "and the second id 2");
	sct_session_on_task(s, SCT_EVENT_TASK_ALL, task_cb, &tasks);
	ret = run(s, &pid, "getppid", "3", NULL);
	ok(ret == 0, "spawn and run: run returns 0 when the command exited (%d)",
	   ret);
	ok(!strcmp(all.first, "execve") && all.first_entry && all.pid == pid,
	   "spawn: the child's first call seen is its execve's entry (%s)",
	   all.first);
	ok(!strcmp(ex.path, self), "spawn: execve's path is captured (%s)",
	   ex.path);
	ok(ex.entries == 1 && ex.exits == 1 && ex.id_entry == ex.id_exit &&
	   ex.id_entry && ex.ret == 0,
	   "execve: entry then exit, one call id, returning 0");
	ok(tasks.execs == 1 && !strcmp(tasks.exec_path, self),
	   "lifecycle: the exec event with its path");
	ok(tasks.exits_seen == 1 && tasks.status[0] == 0 &&
	   tasks.status_pid[0] == pid,
	   "lifecycle: the exit event, status 0");
	ok(sct_session_processes(s) == 0, "no process is left to follow");
	ok(waitpid(pid, NULL, WNOHANG) < 0 && errno == ECHILD,
	   "the session reaped the child it spawned");
	ok(sct_session_set_buffer_size(s, 65536) == -EBUSY,
	   "options are -EBUSY once the session started");
	sct_session_free(s);
}

/* The first call seen is the execve's entry, every time. */
static void test_spawn_first(void)
{
	int i, good = 0, ret;
	pid_t pid = 0;

	for (i = 0; i < 8; i++) {
		struct sct_session *s = session();
		struct seen all = { 0 };

		sct_session_trace(s, "*", SCT_TRACE_BOTH, count_cb, &all);
		ret = run(s, &pid, "getppid", "1", NULL);
		if (ret == 0 && !strcmp(all.first, "execve") &&
		    all.first_entry && all.pid == pid)
			good++;
		else
			printf("# spawn %d: %d, first %s (%s)\n", i, ret,
			       all.first, all.first_entry ? "entry" : "exit");
		sct_session_free(s);
	}
	ok(good == 8, "spawn, 8 times: the first call seen, entries and exits, is the execve's entry (%d)",
	   good);
}

/* The command has no signal blocked or ignored, whatever the caller's. */
static void test_spawn_signals(void)
{
	struct sct_session *s = session();
	struct seen tasks = { 0 };
	sigset_t set, old;
	int ret;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, &old);
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	sct_session_on_task(s, SCT_EVENT_MASK(SCT_EVENT_EXIT), task_cb, &tasks);
	ret = run(s, NULL, "sigstate", NULL, NULL);
	sigprocmask(SIG_SETMASK, &old, NULL);
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	ok(ret == 0 && tasks.exits_seen == 1 && tasks.status[0] == 0,
	   "spawn: the command has no signal blocked or ignored, though the caller had (status 0x%x)",
	   tasks.status[0]);
	sct_session_free(s);
}

/* Run @fn in a child process, for at most @secs seconds. */
static bool in_child(bool (*fn)(void), int secs)
{
	int st = 0, i;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (!pid)
		_exit(fn() ? 0 : 1);
	for (i = 0; pid > 0 && i < secs * 10; i++) {
		if (waitpid(pid, &st, WNOHANG) == pid)
			return WIFEXITED(st) && !WEXITSTATUS(st);
		usleep(100000);
	}
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	printf("# timed out after %d s\n", secs);
	return false;
}

/* A SIGCHLD handler that takes every stop notice of the caller's children. */
static void steal_stops(int sig)
{
	int saved = errno;
	siginfo_t si;

	(void)sig;
	do {
		si.si_pid = 0;
	} while (!waitid(P_ALL, 0, &si, WSTOPPED | WNOHANG) && si.si_pid);
	errno = saved;
}

/*
 * Spawn while SIGCONT is sent to the process group again and again (a
 * shell's fg), with a SIGCHLD handler that takes stop notices.
 */
static bool spawn_storm(void)
{
	struct sigaction sa = { .sa_handler = steal_stops,
				.sa_flags = SA_RESTART };
	int i, ret, good = 0;
	pid_t spam, pid = 0;

	sigaction(SIGCHLD, &sa, NULL);
	spam = fork();
	if (!spam) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		for (;;) {
			kill(0, SIGCONT);
			usleep(100);
		}
	}
	for (i = 0; i < 5; i++) {
		struct sct_session *s = session();
		struct seen all = { 0 };

		sct_session_trace(s, "*", SCT_TRACE_BOTH, count_cb, &all);
		ret = run(s, &pid, "getppid", "1", NULL);
		if (ret == 0 && !strcmp(all.first, "execve") &&
		    all.first_entry && all.pid == pid)
			good++;
		else
			printf("# storm %d: %d, first %s\n", i, ret, all.first);
		sct_session_free(s);
	}
	kill(spam, SIGKILL);
	waitpid(spam, NULL, 0);
	return good == 5;
}

static void test_spawn_storm(void)
{
	ok(in_child(spawn_storm, 120),
	   "spawn under a storm of SIGCONT, with a SIGCHLD handler that takes stops: the first call is the execve, 5 times");
}

/* ---- sct_trace_stop() from another thread. ---- */

static int stop_wfd = -1;
static int stop_taken_flag;
static volatile int stop_trapped;

/*
 * The stopper thread's write of the stop byte, trapped by seccomp: held
 * until the main thread took the stop, then done (writev: not trapped).
 */
static void on_sigsys(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	struct iovec iov = { .iov_base = "s", .iov_len = 1 };
	int i;

	(void)sig;
	(void)si;
	stop_trapped = 1;
	for (i = 0; i < 10000 && !__atomic_load_n(&stop_taken_flag,
						  __ATOMIC_ACQUIRE); i++)
		usleep(1000);
	uc->uc_mcontext.gregs[REG_RAX] = syscall(SYS_writev, stop_wfd, &iov, 1);
}

static void *stopper(void *arg)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 5),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_write, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, args[0])),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, stop_wfd, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {
		.len = sizeof(f) / sizeof(f[0]),
		.filter = f,
	};

	/* This thread's filter alone (no SECCOMP_FILTER_FLAG_TSYNC). */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
		return NULL;
	sct_trace_stop(arg);
	return NULL;
}

static double cpu_now(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * sct_trace_stop() from another thread, whose byte lands after the loop
 * took the stop (here forced: the thread's write is held by seccomp
 * until then): the next sct_trace_run() must not spin on it.
 */
static void test_stop_thread(void)
{
	struct sigaction sa = { .sa_sigaction = on_sigsys,
				.sa_flags = SA_SIGINFO };
	struct sct_session *s = session();
	struct seen a = { 0 };
	double t0, c0, wall, cpu;
	pthread_t t;
	int ret = 0;

	sct_session_trace(s, "getppid", SCT_TRACE_ENTRY, count_cb, &a);
	sct_session_fd(s);
	stop_wfd = sct_session_test_stop_fd(s);
	sigaction(SIGSYS, &sa, NULL);
	if (pthread_create(&t, NULL, stopper, s)) {
		ok(false, "a thread to stop the session");
		sct_session_free(s);
		return;
	}
	t0 = cpu_now(CLOCK_MONOTONIC);
	while (!ret && cpu_now(CLOCK_MONOTONIC) - t0 < 20)
		ret = sct_session_dispatch(s);
	__atomic_store_n(&stop_taken_flag, 1, __ATOMIC_RELEASE);
	pthread_join(t, NULL);
	ok(ret == 1 && stop_trapped,
	   "sct_trace_stop from another thread: the dispatch returns 1 (%d), before the wake-up byte came",
	   ret);
	ret = sct_session_spawn(s, (char *[]){ self, "nap", "1500", NULL },
				NULL);
	t0 = cpu_now(CLOCK_MONOTONIC);
	c0 = cpu_now(CLOCK_THREAD_CPUTIME_ID);
	if (!ret)
		ret = sct_trace_run(s);
	cpu = cpu_now(CLOCK_THREAD_CPUTIME_ID) - c0;
	wall = cpu_now(CLOCK_MONOTONIC) - t0;
	ok(ret == 0 && cpu < wall / 3,
	   "the byte that came late does not keep sct_trace_run busy (%d; %.2f s of CPU in %.2f s)",
	   ret, cpu, wall);
	signal(SIGSYS, SIG_DFL);
	sct_session_free(s);
}

static void test_open_fork(void)
{
	struct sct_session *s = session();
	struct seen op = { 0 }, fk = { 0 }, tasks = { 0 };
	pid_t pid = 0;
	int ret;

	sct_session_trace(s, "open,openat", SCT_TRACE_BOTH, count_cb, &op);
	sct_session_trace(s, "fork,vfork,clone,clone3", SCT_TRACE_EXIT,
			  count_cb, &fk);
	sct_session_on_task(s, SCT_EVENT_MASK(SCT_EVENT_FORK) |
			       SCT_EVENT_MASK(SCT_EVENT_EXIT), task_cb, &tasks);
	ret = run(s, &pid, "open", "/etc/passwd", NULL);
	ok(ret == 0 && !strcmp(op.path, "/etc/passwd"),
	   "open: the path is captured on entry (%s)", op.path);
	ok(op.exits >= 1 && op.entries == op.exits,
	   "open: as many exits as entries");
	ret = run(s, &pid, "fork", NULL, NULL);
	ok(ret == 0, "fork: run returns 0 once both processes exited");
	ok(fk.exits >= 1 && fk.entries == 0,
	   "fork: an exit selection sees exits only");
	ok(tasks.forks == 1 && tasks.fork_child > 0 &&
	   fk.clone_ret == tasks.fork_child,
	   "fork: the fork event's child is what the call returned (%d, %lld)",
	   (int)tasks.fork_child, (long long)fk.clone_ret);
	ok(tasks.exits_seen >= 3 && tasks.status[tasks.exits_seen - 2] == 3 << 8 &&
	   tasks.status_pid[tasks.exits_seen - 2] == tasks.fork_child &&
	   tasks.status[tasks.exits_seen - 1] == 0,
	   "fork: the grandchild's exit status 3, then the child's 0");
	sct_session_free(s);
}

static void test_sets(void)
{
	struct sct_session *s = session();
	struct seen a = { 0 }, b = { 0 }, c = { 0 };
	int ida, ret;

	ida = sct_session_trace(s, "getppid", SCT_TRACE_ENTRY, count_cb, &a);
	sct_session_trace(s, "getppid,getpid", SCT_TRACE_ENTRY, count_cb, &b);
	sct_session_trace(s, "%creds", SCT_TRACE_ENTRY, count_cb, &c);
	ret = run(s, NULL, "getppid", "4", "6");
	ok(ret == 0 && a.n == 4 && b.n == 10,
	   "callbacks per set: a call two sets cover goes to both (%d, %d)",
	   a.n, b.n);
	ok(c.n == 0, "a class that the calls are not in sees none");
	ok(sct_session_untrace(s, ida) == 0 &&
	   sct_session_untrace(s, ida) == -ENOENT,
	   "untrace, once");
	a.n = b.n = 0;
	ret = run(s, NULL, "getppid", "4", "0");
	ok(ret == 0 && a.n == 0 && b.n == 4,
	   "an untraced set is called no more (%d, %d)", a.n, b.n);
	ok(sct_session_trace(s, "nosuchcall", SCT_TRACE_ENTRY, count_cb,
			     &a) == -EINVAL &&
	   sct_session_trace(s, "getpid", 4, count_cb, &a) == -EINVAL &&
	   sct_session_trace(s, "getpid", SCT_TRACE_ENTRY, NULL, &a) == -EINVAL &&
	   sct_session_trace_nr(s, 9, 1, SCT_TRACE_ENTRY, count_cb, &a) == -EINVAL,
	   "bad syscalls, sides, callbacks and ABIs are -EINVAL");
	sct_session_free(s);
}

static void test_detach_stop(void)
{
	struct sct_session *s = session();
	struct seen a = { 0 };
	pid_t pid = 0;
	int ret;

	a.detach_at = 2;
	sct_session_trace(s, "getppid", SCT_TRACE_ENTRY, count_cb, &a);
	ret = run(s, &pid, "getppid", "10", NULL);
	ok(ret == 0 && a.n == 2,
	   "DETACH: no more events of the process (%d of 10)", a.n);
	waitpid(pid, NULL, 0);
	sct_session_free(s);

	s = session();
	memset(&a, 0, sizeof(a));
	a.stop_at = 3;
	sct_session_trace(s, "getppid", SCT_TRACE_ENTRY, count_cb, &a);
	ret = run(s, &pid, "getppid", "10", NULL);
	ok(ret == 1 && a.n == 3, "STOP: run returns 1 at once (%d, %d)", ret,
	   a.n);
	a.stop_at = 0;
	ret = sct_trace_run(s);
	ok(ret == 0 && a.n == 10, "run again: the rest, then 0 (%d, %d)", ret,
	   a.n);
	sct_session_free(s);
}

static struct sct_session *alarm_session;

static void on_alarm(int sig)
{
	(void)sig;
	sct_trace_stop(alarm_session);
}

static void test_stop_signal(void)
{
	struct sct_session *s = session();
	struct seen a = { 0 };
	pid_t pid = 0;
	int ret;

	alarm_session = s;
	signal(SIGALRM, on_alarm);
	alarm(1);
	sct_session_trace(s, "getppid", SCT_TRACE_ENTRY, count_cb, &a);
	ret = run(s, &pid, "sleep", NULL, NULL);
	ok(ret == 1 && sct_session_processes(s) == 1,
	   "sct_trace_stop from a signal handler: run returns 1 (%d)", ret);
	kill(pid, SIGKILL);
	ret = sct_trace_run(s);
	ok(ret == 0, "a killed member: run returns 0 (%d)", ret);
	sct_session_free(s);
}

static void test_attach(void)
{
	struct sct_session *s = session();
	struct seen a = { 0 }, tasks = { 0 };
	int p[2], st = -1, ret;
	pid_t pid;
	char c;

	sct_session_trace(s, "getppid", SCT_TRACE_ENTRY, count_cb, &a);
	sct_session_on_task(s, SCT_EVENT_TASK_ALL, task_cb, &tasks);
	if (pipe(p))
		return;
	pid = fork();
	if (!pid) {
		close(p[1]);
		if (read(p[0], &c, 1) != 1)
			_exit(1);
		syscall(SYS_getppid);
		syscall(SYS_getppid);
		signal(SIGUSR1, on_usr1);
		raise(SIGUSR1);
		_exit(5);
	}
	close(p[0]);
	ret = sct_session_attach(s, pid);
	ok(ret == 0, "attach to a running process");
	ok(sct_session_attach(s, getpid()) == -EINVAL,
	   "attaching the session's own process is -EINVAL");
	ok(sct_session_attach(s, 4194305) == -ESRCH,
	   "attaching no process is -ESRCH");
	if (write(p[1], "x", 1) != 1)
		return;
	close(p[1]);
	ret = sct_trace_run(s);
	waitpid(pid, &st, 0);
	ok(ret == 0 && a.n == 2 && a.pid == pid,
	   "attach: its calls are seen, and run ends at its exit (%d)", a.n);
	ok(tasks.signals == 1 && tasks.signo == SIGUSR1,
	   "lifecycle: the signal event");
	ok(tasks.exits_seen == 1 && tasks.status[0] == 5 << 8 &&
	   WEXITSTATUS(st) == 5, "lifecycle: the exit status, as wait gives it");
	sct_session_free(s);
}

static void test_lossless(void)
{
	struct sct_session *s;
	struct seen a = { 0 };
	uint64_t lost = 1;
	int ret, drop;

	for (drop = 0; drop < 2; drop++) {
		s = session();
		memset(&a, 0, sizeof(a));
		a.slow = 1;
		sct_session_set_buffer_size(s, SCT_BUFFER_SIZE_MIN);
		if (drop)
			sct_session_set_overflow(s, SCT_OVERFLOW_DROP);
		sct_session_trace(s, "getppid", SCT_TRACE_ENTRY, count_cb, &a);
		sct_session_on_lost(s, lost_cb, &a);
		ret = run(s, NULL, "getppid", "20000", NULL);
		sct_trace_lost(sct_session_trace_name(s), &lost);
		if (!drop)
			ok(ret == 0 && a.n == 20000 && !a.lost_events && !lost,
			   "lossless by default: 20000 calls through a 16 KiB stream (%d, lost %llu)",
			   a.n, (unsigned long long)lost);
		else
			ok(ret == 0 && a.lost_events && a.lost == lost &&
			   a.n + lost >= 20000,
			   "overflow drop: the same loses, and says how many (%d, lost %llu)",
			   a.n, (unsigned long long)lost);
		sct_session_free(s);
	}
}

static void test_cleanup(void)
{
	char trace[SCT_RULE_NAME_LEN], name[128];
	char dead[96], reused[96], live[96], other[100], ns[64];
	struct sct_session *s = session();
	unsigned long long start = 0;
	struct seen a = { 0 };
	struct sct_rule *r;
	int p[2], i, gone;
	pid_t pid;
	FILE *f;

	snprintf(trace, sizeof(trace), "%s", sct_session_trace_name(s));
	sct_session_trace(s, "getppid", SCT_TRACE_BOTH, count_cb, &a);
	ok(sct_session_fd(s) >= 0 && sct_trace_exists(trace) == 1 &&
	   rules_with(trace), "a started session has its trace and rules");
	sct_session_free(s);
	ok(sct_trace_exists(trace) == 0 && !rules_with(trace),
	   "sct_session_free removes its trace and rules");

	/* A session whose process is killed: its guardian cleans up. */
	if (pipe(p))
		return;
	pid = fork();
	if (!pid) {
		s = session();
		sct_session_trace(s, "getppid", SCT_TRACE_ENTRY, count_cb, &a);
		sct_session_fd(s);
		if (write(p[1], sct_session_trace_name(s),
			  strlen(sct_session_trace_name(s)) + 1) < 0)
			_exit(1);
		for (;;)
			pause();
	}
	close(p[1]);
	memset(trace, 0, sizeof(trace));
	if (read(p[0], trace, sizeof(trace) - 1) <= 0)
		trace[0] = '\0';
	close(p[0]);
	ok(trace[0] && sct_trace_exists(trace) == 1 && rules_with(trace),
	   "a session in another process: %s", trace);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	for (i = 0; i < 50 && (sct_trace_exists(trace) == 1 ||
			       rules_with(trace)); i++)
		usleep(100000);
	ok(sct_trace_exists(trace) == 0 && !rules_with(trace),
	   "its process killed, its guardian removes its trace and rules");

	/* Leftovers of a dead owner whose guardian is gone too. */
	pid = fork();
	if (!pid)
		_exit(0);
	waitpid(pid, NULL, 0);
	f = fopen("/proc/self/stat", "r");
	if (f) {
		/* Field 22; the command name has no blank here. */
		if (fscanf(f, "%*d %*s %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %*d %*d %llu",
			   &start) != 1)
			start = 0;
		fclose(f);
	}
	/* Our PID namespace, "_sct.NS.", from a session's name. */
	s = session();
	snprintf(ns, sizeof(ns), "%s", sct_session_trace_name(s));
	sct_session_free(s);
	*(strchr(ns + 5, '.') + 1) = '\0';
	snprintf(dead, sizeof(dead), "%s%d.1.1", ns, (int)pid);
	snprintf(reused, sizeof(reused), "%s%d.%llu.77", ns, (int)getpid(),
		 start + 1);
	snprintf(live, sizeof(live), "%s%d.%llu.77", ns, (int)getpid(), start);
	/* A dead PID, of another namespace: not this one's to judge. */
	snprintf(other, sizeof(other), "_sct.1%s%d.1.1", ns + 5, (int)pid);
	/*
	 * The setters refuse names that start with '_', which are the
	 * sessions' own: the rule is filled in as session.c does.
	 */
	r = calloc(1, sizeof(*r));
	if (!r)
		return;
	sct_trace_create(dead);
	sct_trace_create(reused);
	sct_trace_create(live);
	sct_trace_create(other);
	snprintf(name, sizeof(name), "%s.1", dead);
	snprintf(r->name, sizeof(r->name), "%.60s", name);
	strcpy(r->syscall, "getppid");
	strcpy(r->action, "log");
	strcpy(r->trace, dead);
	r->enabled = 1;
	ok(sct_rule_create(r) == 0 && sct_trace_exists(dead) == 1 &&
	   sct_trace_exists(reused) == 1 && sct_trace_exists(live) == 1,
	   "leftovers: a dead owner's trace with an enabled rule, a reused pid's, a live one's");
	s = session();
	gone = sct_trace_exists(dead) == 0 && !rules_with(dead) &&
	       sct_trace_exists(reused) == 0;
	ok(gone, "a new session removes the leftovers of dead owners");
	ok(sct_trace_exists(live) == 1,
	   "and keeps those of a live owner");
	ok(sct_trace_exists(other) == 1,
	   "and those of another PID namespace (%s)", other);
	sct_trace_remove(live);
	sct_trace_remove(other);
	sct_session_free(s);
	free(r);
}

/*
 * A session that traces and untraces 1600 selections (over 64 KiB of
 * rule names told to its guardian) keeps its trace and its live rule
 * while its process runs, and its guardian removes them once it is
 * killed.
 */
static void test_many_names(void)
{
	char trace[SCT_RULE_NAME_LEN];
	struct seen a = { 0 };
	struct sct_session *s;
	int p[2], q[2], i, bad = 0;
	pid_t pid;
	char c;

	if (pipe(p) || pipe(q))
		return;
	pid = fork();
	if (!pid) {
		close(p[0]);
		close(q[1]);
		s = session();
		sct_session_fd(s);
		for (i = 0; i < 1600; i++) {
			int id = sct_session_trace(s, "getppid",
						   SCT_TRACE_BOTH, count_cb,
						   &a);

			if (id < 1 || sct_session_untrace(s, id))
				bad++;
		}
		if (sct_session_trace(s, "getppid", SCT_TRACE_ENTRY, count_cb,
				      &a) < 1)
			bad++;
		if (write(p[1], sct_session_trace_name(s),
			  strlen(sct_session_trace_name(s)) + 1) < 0)
			_exit(1);
		if (read(q[0], &c, 1) < 0)
			_exit(1);
		_exit(bad ? 2 : 0);
	}
	close(p[1]);
	close(q[0]);
	memset(trace, 0, sizeof(trace));
	if (pid < 0 || read(p[0], trace, sizeof(trace) - 1) <= 0)
		trace[0] = '\0';
	close(p[0]);
	usleep(500000);
	ok(trace[0] && sct_trace_exists(trace) == 1 && rules_with(trace),
	   "a session that traced and untraced 1600 selections keeps its trace and rule (%s)",
	   trace);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	for (i = 0; i < 50 && trace[0] && (sct_trace_exists(trace) == 1 ||
					   rules_with(trace)); i++)
		usleep(100000);
	ok(trace[0] && sct_trace_exists(trace) == 0 && !rules_with(trace),
	   "killed, its guardian removes them");
	close(q[1]);
}

/* A removed trace: dispatch at the end of its stream is -ENOENT. */
static void test_removed(void)
{
	struct sct_session *s = session();
	struct pollfd pfd = { .events = POLLIN };
	int ret, i;

	pfd.fd = sct_session_fd(s);
	ret = sct_trace_remove(sct_session_trace_name(s));
	for (i = 0; i < 50 && ret == 0; i++) {
		if (poll(&pfd, 1, 100) < 0)
			break;
		ret = sct_session_dispatch(s);
	}
	ok(ret == -ENOENT && (pfd.revents & POLLHUP),
	   "a trace removed: the caller's poll sees POLLHUP, and dispatch -ENOENT (%d: %s)",
	   ret, sct_error_detail());
	sct_session_free(s);
}

int main(int argc, char **argv)
{
	ssize_t n;

	if (argc > 1)
		return child(argc, argv);
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0) {
		printf("Bail out! /proc/self/exe\n");
		return 1;
	}
	self[n] = '\0';
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_spawn();
	test_spawn_first();
	test_spawn_signals();
	test_spawn_storm();
	test_stop_thread();
	test_open_fork();
	test_sets();
	test_detach_stop();
	test_stop_signal();
	test_attach();
	test_lossless();
	test_cleanup();
	test_many_names();
	test_removed();
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}
