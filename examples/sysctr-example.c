// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * LibSysCTr's example program, ported to libsct's tracing API
 * (sct_session_new(3)): run a command and print, on standard error, a
 * line at the entry (E) and at the exit (X) of each of its calls of
 * execve, open, close, fork, vfork, clone and wait4, and of those of
 * every process it makes:
 *
 *   [100] E exec(/bin/sh)
 *   [100] X exec() = 0
 *   [100] E clone()
 *   [100] X clone() -> 101
 *   [101] E open(/etc/passwd) = ?
 *   [101] X open(/etc/passwd) = 3
 *   [100] E wait(-1, 0)
 *   [100] X wait(-1, 0) = 101
 *
 * On x86_64 the C library opens files with openat and makes processes
 * with clone or clone3, and i386's waitpid does not exist: the port
 * traces openat (printed as open, with its path, the second parameter)
 * and clone3 too.  The lines are those of the original, but that the
 * exit of an exec prints its result: the original printed nothing
 * there, as the path is gone once the new program runs.
 *
 * Differences from LibSysCTr: the callbacks run after the call, from
 * records the kernel wrote (the path of open is captured when the call
 * enters, not read from the process when the callback runs), and they
 * cannot change the call.
 *
 * Usage: sysctr-example COMMAND [ARG]...
 * Exit status: 0 when the command was traced to its end, 1 on an error
 * of libsct, 2 for bad usage.
 */
#include <err.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include <sct.h>

static int open_scfunc(struct sct_session *s, const struct sct_event *ev,
		       void *priv)
{
	/* open's path is its first parameter, openat's the second. */
	unsigned int param = strcmp(sct_event_syscall_name(ev), "openat") ? 1 : 2;
	const char *path = sct_event_string(ev, param);
	int entry = sct_event_is_entry(ev);
	int64_t rcode;

	(void)s;
	(void)priv;
	fprintf(stderr, "[%d] %s open(%s)", (int)sct_event_pid(ev),
		entry ? "E" : "X", path ? path : "");
	if (entry || sct_event_retval(ev, &rcode))
		fprintf(stderr, " = ?\n");
	else
		fprintf(stderr, " = %" PRId64 "\n", rcode);
	return SCT_CB_CONTINUE;
}

static int close_scfunc(struct sct_session *s, const struct sct_event *ev,
			void *priv)
{
	uint64_t param = 0;

	(void)s;
	(void)priv;
	sct_event_arg(ev, 1, &param);
	fprintf(stderr, "[%d] %s close(%d)\n", (int)sct_event_pid(ev),
		sct_event_is_entry(ev) ? "E" : "X", (int)param);
	return SCT_CB_CONTINUE;
}

static int exec_scfunc(struct sct_session *s, const struct sct_event *ev,
		       void *priv)
{
	const char *path = sct_event_string(ev, 1);
	int64_t rcode;

	(void)s;
	(void)priv;
	if (sct_event_is_entry(ev))
		fprintf(stderr, "[%d] E exec(%s)\n", (int)sct_event_pid(ev),
			path ? path : "");
	else if (!sct_event_retval(ev, &rcode))
		fprintf(stderr, "[%d] X exec() = %" PRId64 "\n",
			(int)sct_event_pid(ev), rcode);
	return SCT_CB_CONTINUE;
}

static int fork_scfunc(struct sct_session *s, const struct sct_event *ev,
		       void *priv)
{
	const char *name = sct_event_syscall_name(ev);
	int64_t cpid;

	(void)s;
	(void)priv;
	if (sct_event_is_entry(ev))
		fprintf(stderr, "[%d] E %s()\n", (int)sct_event_pid(ev), name);
	else if (!sct_event_retval(ev, &cpid))
		fprintf(stderr, "[%d] X %s() -> %" PRId64 "\n",
			(int)sct_event_pid(ev), name, cpid);
	return SCT_CB_CONTINUE;
}

static int wait_scfunc(struct sct_session *s, const struct sct_event *ev,
		       void *priv)
{
	uint64_t wpid = 0, options = 0;
	int64_t res;

	(void)s;
	(void)priv;
	sct_event_arg(ev, 1, &wpid);
	sct_event_arg(ev, 3, &options);
	if (sct_event_is_entry(ev))
		fprintf(stderr, "[%d] E wait(%d, %" PRIu64 ")\n",
			(int)sct_event_pid(ev), (int)wpid, options);
	else if (!sct_event_retval(ev, &res))
		fprintf(stderr, "[%d] X wait(%d, %" PRIu64 ") = %" PRId64 "\n",
			(int)sct_event_pid(ev), (int)wpid, options, res);
	return SCT_CB_CONTINUE;
}

/* sct_session_trace_nr() of a native syscall on both sides. */
static void trace(struct sct_session *s, int nr, sct_event_cb cb)
{
	int ret = sct_session_trace_nr(s, SCT_ABI_NATIVE, nr, SCT_TRACE_BOTH,
				       cb, NULL);

	if (ret < 0)
		errx(1, "syscall %d: %s", nr, sct_error_detail());
}

int main(int argc, char **argv)
{
	struct sct_session *s;
	int ret;

	if (argc < 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: %s COMMAND [ARG]...\n", argv[0]);
		return 2;
	}
	ret = sct_session_new(&s, 0);
	if (ret)
		errx(1, "%s", *sct_error_detail() ? sct_error_detail() :
			      sct_strerror(ret));

	trace(s, __NR_execve, exec_scfunc);
#ifdef __NR_open
	trace(s, __NR_open, open_scfunc);
#endif
#ifdef __NR_openat
	trace(s, __NR_openat, open_scfunc);
#endif
	trace(s, __NR_close, close_scfunc);
#ifdef __NR_fork
	trace(s, __NR_fork, fork_scfunc);
#endif
#ifdef __NR_vfork
	trace(s, __NR_vfork, fork_scfunc);
#endif
	trace(s, __NR_clone, fork_scfunc);
#ifdef __NR_clone3
	trace(s, __NR_clone3, fork_scfunc);
#endif
#ifdef __NR_waitpid
	trace(s, __NR_waitpid, wait_scfunc);
#endif
	trace(s, __NR_wait4, wait_scfunc);

	ret = sct_session_spawn(s, &argv[1], NULL);
	if (!ret)
		ret = sct_trace_run(s);
	if (ret < 0) {
		warnx("%s", *sct_error_detail() ? sct_error_detail() :
			    sct_strerror(ret));
		sct_session_free(s);
		return 1;
	}
	sct_session_free(s);
	return 0;
}
