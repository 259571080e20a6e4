// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libsct: tracing sessions (sct_session_new(3)), LibSysCTr's model on
 * sct's traces.
 *
 * A session owns a trace, traces/_sct.NS.PID.START.N, and the log
 * rules scoped to it, rules/_sct.NS.PID.START.N.M: NS is the inode of
 * the PID namespace of the process that made the session (st_ino of
 * /proc/self/ns/pid, PROC_PID_INIT_INO on a kernel without PID
 * namespaces), PID that process in its namespace, START its start time
 * (field 22 of /proc/PID/stat), N a counter of the process's sessions
 * and M one of the session's rules.  With NS of 10 digits, PID of 7,
 * START of 11 (31 years of uptime at 100 ticks a second) and N and M of
 * up to 10, a rule's name has 57 characters, within the kernel's 63;
 * a longer one is -ENAMETOOLONG.
 * The trace has a stream of its own and its lifecycle on; the session
 * reads the stream, and turns each record into an event for the
 * callback of the rule's selection, or of the task records.
 *
 * What is left behind by an owner that died is removed twice over: by a
 * guardian, a process of the session's own (double-forked, in a session
 * of its own, deaf to signals) that learns the names as they are made
 * ("R NAME", "T NAME") and as the session removes them itself ("- NAME"),
 * and removes those it holds when the owner's end of a socket closes,
 * i.e. when the owner exits or frees the session, never before; and, if
 * the guardian was killed too, by the next sct_session_new() of any
 * process of the same PID namespace, which removes the names of its
 * namespace whose owner is dead.  Names of other namespaces are never
 * touched: their PIDs mean other processes.
 *
 * Liveness does not rest on START alone: field 22 of /proc/PID/stat is
 * shifted by the reader's time namespace, and hidepid= hides live
 * processes.  The guardian binds the session's token, the abstract Unix
 * socket "\0sct-session/TRACE", before the session makes a name, and
 * holds it until it exits: a name whose token is held lives.  Without
 * it (the guardian was killed, or is of another network namespace), the
 * owner is dead when kill(PID, 0) says ESRCH, or when the process at PID
 * is of the caller's time namespace and has another START; a /proc/PID
 * that cannot be read, or a process of another time namespace, is
 * alive.  The kernel does
 * not end a trace whose reader died, nor one whose members are gone: it
 * stays, with its members in it and its rules matching their calls,
 * until it is removed (its stream, without a reader, drops what does
 * not fit, overflow "wait" or not).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rules-internal.h"
#include "session-internal.h"

/* The prefix of the names of sessions' traces and rules. */
#define SESSION_PREFIX		"_sct."
/* Its token: the abstract Unix socket of this name and the session's. */
#define SESSION_TOKEN		"sct-session/"
/* How long sct_trace_run() waits for records before it checks members. */
#define SESSION_IDLE_MS		1000
/* How often it looks for exited children to reap. */
#define SESSION_REAP_MS		10

/* One sct_session_trace(): its rules, and its callback. */
struct sct_sel {
	int id;			/* 0: a free slot */
	unsigned int when;	/* SCT_TRACE_ENTRY, _EXIT */
	char syscalls[SCT_RULE_SYSCALL_LEN];
	char rule[2][SCT_RULE_NAME_LEN];	/* before, after; "" if none */
	uint64_t rule_id[2];
	bool made[2];		/* the rule is in the kernel */
	sct_event_cb cb;
	void *priv;
};

/* A thread of a member the session waits for. */
struct sct_task {
	pid_t tid;
	pid_t pid;
};

struct sct_event {
	enum sct_event_type type;
	const struct sct_record_header *hdr;
	pid_t pid, tid;
	uint64_t time;
	/* SCT_EVENT_SYSCALL */
	int nr, abi, when;
	const __u64 *args;
	int64_t retval;
	uint64_t call_id;
	const struct sct_record_data *items;	/* six, or NULL */
};

struct sct_session {
	char trace[SCT_RULE_NAME_LEN];
	unsigned int next_rule;
	/* Options, until the session starts. */
	unsigned long buffer_size;
	enum sct_overflow overflow;
	unsigned int capture_size;
	enum sct_record_form form;
	/* Started: the stream is read, the rules are in the kernel. */
	bool started;
	int broken;		/* the error a start failed with */
	bool trace_made;
	struct sct_log *log;
	/* Selections, by id - 1. */
	struct sct_sel *sels;
	int nsels;
	/* Task records, and lost records. */
	unsigned int task_mask;
	sct_event_cb task_cb;
	void *task_priv;
	sct_event_cb lost_cb;
	void *lost_priv;
	/* The threads waited for, the processes detached, those spawned. */
	struct sct_task *tasks;
	size_t ntasks, atasks;
	pid_t *detached;
	size_t ndetached, adetached;
	pid_t *spawned;
	size_t nspawned, aspawned;
	/* Spawned processes that have not called execve yet. */
	pid_t *preexec;
	size_t npreexec, apreexec;
	bool check;		/* records were lost: look at the members */
	/*
	 * sct_trace_stop(): a flag, set and taken with atomic operations
	 * (lock-free: async-signal-safe), and a pipe that wakes the loop.
	 */
	int stop;
	int stop_pipe[2];
	/* The owner's end of the guardian's socket, or -1; its PID. */
	int guard_fd;
	pid_t guard_pid;
};

/* ---- Names, and their owners. ---- */

/*
 * The start time of process @pid (field 22 of /proc/PID/stat; 0: the
 * caller's, of /proc/self/stat), and its
 * state (field 3) if @state is not NULL.  Return: 0, -ENOENT for no
 * such process, or another negative errno.
 */
static int proc_stat(pid_t pid, unsigned long long *start, char *state)
{
	char path[64], buf[1024], *p;
	ssize_t n;
	int fd, i;

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	else
		snprintf(path, sizeof(path), "/proc/self/stat");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return n == -1 && errno == ESRCH ? -ENOENT : -errno;
	buf[n] = '\0';
	/* The command name may hold anything: fields start after its ')'. */
	p = strrchr(buf, ')');
	if (!p || p[1] != ' ')
		return -EPROTO;
	p += 2;
	if (state)
		*state = *p;
	/* Field 3 is the state; 22 is 19 fields on. */
	for (i = 3; i < 22; i++) {
		p = strchr(p, ' ');
		if (!p)
			return -EPROTO;
		p++;
	}
	if (!isdigit((unsigned char)*p))
		return -EPROTO;
	*start = strtoull(p, NULL, 10);
	return 0;
}

/* Linux's PROC_PID_INIT_INO: the initial PID namespace's inode. */
#define SESSION_PIDNS_INIT	0xEFFFFFFCULL

/*
 * The inode of the caller's PID namespace, which names of its sessions
 * carry.  A kernel without PID namespaces has no /proc/self/ns/pid: it
 * has the initial one alone.  Return: 0 or a negative errno.
 */
static int session_pidns(unsigned long long *ino)
{
	struct stat st;

	if (!stat("/proc/self/ns/pid", &st)) {
		*ino = st.st_ino;
		return 0;
	}
	if (errno != ENOENT || access("/proc/self/stat", F_OK))
		return -errno;
	*ino = SESSION_PIDNS_INIT;
	return 0;
}

/*
 * Is /proc the caller's PID namespace's?  Its PIDs are those of names
 * of the caller's namespace only then: /proc/self is the caller's PID
 * as /proc sees it.
 */
static bool proc_is_ours(void)
{
	char buf[32];
	ssize_t n = readlink("/proc/self", buf, sizeof(buf) - 1);

	if (n <= 0)
		return false;
	buf[n] = '\0';
	return strtol(buf, NULL, 10) == getpid();
}

/* A decimal number at *@p, up to the next '.' or the end; moves @p. */
static int name_number(const char **p, unsigned long long *v)
{
	const char *s = *p;

	if (!isdigit((unsigned char)*s) || (*s == '0' && isdigit((unsigned char)s[1])))
		return -EINVAL;
	*v = 0;
	for (; isdigit((unsigned char)*s); s++) {
		if (*v > (ULLONG_MAX - 9) / 10)
			return -EINVAL;
		*v = *v * 10 + (*s - '0');
	}
	*p = s;
	return 0;
}

int sct_session_name_owner(const char *name, unsigned long long *ns,
			   pid_t *pid, unsigned long long *start)
{
	const char *p = name;
	unsigned long long v;

	if (strncmp(p, SESSION_PREFIX, strlen(SESSION_PREFIX)))
		return -EINVAL;
	p += strlen(SESSION_PREFIX);
	if (name_number(&p, ns) || *p != '.' || !*ns)
		return -EINVAL;
	p++;
	if (name_number(&p, &v) || *p != '.' || !v || v > INT_MAX)
		return -EINVAL;
	*pid = v;
	p++;
	if (name_number(&p, start) || (*p && *p != '.'))
		return -EINVAL;
	return 0;
}

/*
 * Is the token of the session of @name held?  The session is the name
 * up to its fifth '.' (a rule's name is its session's and ".M"); its
 * token is the abstract Unix socket "\0sct-session/SESSION" of the
 * caller's network namespace, which the session's guardian binds before
 * the session makes any name and holds until it exits.  Probed by
 * binding it: EADDRINUSE is held.  Return: 1 held, 0 not (or it cannot
 * be told: no such socket family, no memory).
 */
static int token_held(const char *name)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	const char *p = name;
	int i, fd, len, ret = 0;

	for (i = 0; i < 5 && p; i++)
		p = strchr(p + 1, '.');
	len = p ? p - name : (int)strlen(name);
	len = snprintf(sun.sun_path + 1, sizeof(sun.sun_path) - 1,
		       SESSION_TOKEN "%.*s", len, name);
	if (len >= (int)sizeof(sun.sun_path) - 1)
		return 0;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return 0;
	if (bind(fd, (struct sockaddr *)&sun,
		 offsetof(struct sockaddr_un, sun_path) + 1 + len) &&
	    errno == EADDRINUSE)
		ret = 1;
	close(fd);
	return ret;
}

/*
 * Is process @pid in the caller's time namespace?  Field 22 of
 * /proc/PID/stat is shifted by the boot-time offset of the reader's time
 * namespace: STARTs read in two of them differ for one process.  Without
 * time namespaces (no /proc/self/ns/time), every process is.
 */
static bool same_timens(pid_t pid)
{
	struct stat me, it;
	char path[64];

	if (stat("/proc/self/ns/time", &me))
		return errno == ENOENT;
	snprintf(path, sizeof(path), "/proc/%d/ns/time", (int)pid);
	if (stat(path, &it))
		return false;
	return me.st_dev == it.st_dev && me.st_ino == it.st_ino;
}

/*
 * sct_session_owner_dead(), for the caller's namespace @myns.  A session
 * whose token is held lives.  Without the token (its guardian was killed,
 * or runs in another network namespace), the owner is dead when its PID
 * is gone (kill(2) says ESRCH), or belongs to a process of another START
 * of the caller's time namespace.  What cannot be told is alive: a
 * /proc/PID that cannot be read (hidepid=, which hides a process that
 * kill(2) finds; EACCES), a process of another time namespace.
 */
static int owner_dead(const char *name, unsigned long long myns)
{
	unsigned long long ns, start, now;
	pid_t pid;

	if (sct_session_name_owner(name, &ns, &pid, &start) || ns != myns)
		return 0;
	if (token_held(name))
		return 0;
	if (kill(pid, 0) && errno == ESRCH)
		return 1;
	if (proc_stat(pid, &now, NULL) || now == start)
		return 0;
	return same_timens(pid);
}

int sct_session_owner_dead(const char *name)
{
	unsigned long long ns;

	if (session_pidns(&ns) || !proc_is_ours())
		return 0;
	return owner_dead(name, ns);
}

/*
 * Remove the traces and rules of sessions whose owner died, of the
 * caller's PID namespace; nothing when /proc is another namespace's.
 */
int sct_session_cleanup(void)
{
	char path[PATH_MAX], **names;
	int n, i, removed = 0;
	unsigned long long ns;
	struct dirent *de;
	DIR *dir;

	if (session_pidns(&ns) || !proc_is_ours())
		return 0;
	n = sct_rule_names(&names);
	if (n > 0) {
		for (i = 0; i < n; i++) {
			if (owner_dead(names[i], ns) != 1)
				continue;
			sct_rule_enable(names[i], false);
			if (!sct_rule_delete(names[i]))
				removed++;
		}
		sct_rule_names_free(names, n);
	}
	snprintf(path, sizeof(path), "%s/traces", sct_configfs_root());
	dir = opendir(path);
	if (!dir)
		return removed;
	while ((de = readdir(dir))) {
		if (owner_dead(de->d_name, ns) != 1)
			continue;
		if (!sct_trace_remove(de->d_name))
			removed++;
	}
	closedir(dir);
	sct_rf_detail_clear();
	return removed;
}

/* ---- The guardian. ---- */

/*
 * Start the guardian, the program sct-guardian (guardian/sct-guardian.c
 * says what it does), on one end of a socket: with posix_spawn(3), so
 * that it has none of the caller's memory, threads, atfork handlers,
 * signal handlers or mask, directory or other descriptors.  It forks,
 * and the process spawned exits at once: it is reaped here, and the
 * guardian is not the caller's child (unless the caller is a subreaper,
 * or a PID namespace's init).  The guardian then says its PID.
 */
static int guard_start(struct sct_session *s)
{
	const char *prog = sct_get_path(SCT_PATH_GUARDIAN);
	const char *root = sct_configfs_root();
	char *argv[] = { "sct-guardian", (char *)root, s->trace, NULL };
	char *envp[] = { NULL };
	char abs[PATH_MAX];
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	short flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK;
	sigset_t all, none;
	char line[32];
	int sv[2], st, ret, fd;
	size_t len = 0;
	ssize_t n;
	pid_t pid;

	/* The guardian works in "/": a relative root is made absolute. */
	if (root[0] != '/') {
		if (!realpath(root, abs)) {
			sct_rf_detail("session: %s: %s", root, strerror(errno));
			return -errno;
		}
		argv[1] = abs;
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		return -errno;
	/* dup2() of a descriptor onto itself would keep its FD_CLOEXEC. */
	if (sv[1] == 0) {
		fd = fcntl(sv[1], F_DUPFD_CLOEXEC, 3);
		close(sv[1]);
		sv[1] = fd;
		if (fd < 0) {
			ret = -errno;
			close(sv[0]);
			return ret;
		}
	}
	ret = posix_spawn_file_actions_init(&fa);
	if (ret) {
		close(sv[0]);
		close(sv[1]);
		return -ret;
	}
	ret = posix_spawn_file_actions_adddup2(&fa, sv[1], 0);
#if defined(__GLIBC__) && __GLIBC_PREREQ(2, 34)
	/* Else the guardian closes them itself. */
	if (!ret)
		ret = posix_spawn_file_actions_addclosefrom_np(&fa, 1);
#endif
	if (!ret)
		ret = posix_spawnattr_init(&attr);
	if (ret) {
		posix_spawn_file_actions_destroy(&fa);
		close(sv[0]);
		close(sv[1]);
		return -ret;
	}
#ifdef POSIX_SPAWN_SETSID
	/* Else the guardian calls setsid() itself. */
	flags |= POSIX_SPAWN_SETSID;
#endif
	sigfillset(&all);
	sigemptyset(&none);
	posix_spawnattr_setsigdefault(&attr, &all);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setflags(&attr, flags);
	ret = posix_spawn(&pid, prog, &fa, &attr, argv, envp);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	close(sv[1]);
	if (ret) {
		close(sv[0]);
		sct_rf_detail("session: its guardian, %s: %s", prog,
			      strerror(ret));
		return -ret;
	}
	/*
	 * The spawned process exits once it forked the guardian.  A
	 * SIGCHLD handler of the caller's that waits for any child may
	 * have reaped it (ECHILD): the guardian's word below tells then.
	 */
	while ((ret = waitpid(pid, &st, 0)) < 0 && errno == EINTR)
		;
	if (ret == pid && !(WIFEXITED(st) && WEXITSTATUS(st) == 0)) {
		close(sv[0]);
		sct_rf_detail("session: its guardian, %s, failed (status 0x%x)",
			      prog, st);
		return -ECHILD;
	}
	/* "PID\n" from the guardian: it runs. */
	while (len < sizeof(line) - 1) {
		n = read(sv[0], line + len, sizeof(line) - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += n;
		if (line[len - 1] == '\n')
			break;
	}
	line[len] = '\0';
	if (!len || line[len - 1] != '\n' || atoi(line) <= 0) {
		close(sv[0]);
		sct_rf_detail("session: its guardian, %s, did not start", prog);
		return -ECHILD;
	}
	s->guard_pid = atoi(line);
	s->guard_fd = sv[0];
	return 0;
}

/*
 * Tell the guardian of a name: 'R' a rule the session makes, 'T' a
 * trace, '-' a name it removed itself (so that the guardian holds the
 * live names alone, however many a session makes over its life).
 * Return: 0, or -ECHILD when the guardian is gone (killed): the session
 * then makes no more names, which nothing would remove if its process
 * died; those it made are left to the next session's cleanup.
 */
static int guard_send(struct sct_session *s, char kind, const char *name)
{
	char line[SCT_RULE_NAME_LEN + 4];
	size_t len, off = 0;
	ssize_t n;

	len = snprintf(line, sizeof(line), "%c %s\n", kind, name);
	while (s->guard_fd >= 0 && off < len) {
		n = send(s->guard_fd, line + off, len - off, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(s->guard_fd);
			s->guard_fd = -1;
			break;
		}
		off += n;
	}
	/* A name removed needs no guard. */
	if (s->guard_fd >= 0 || kind == '-')
		return 0;
	sct_rf_detail("session %s: its guardian (PID %d) is gone: no name is made that nothing would remove if the process died",
		      s->trace, (int)s->guard_pid);
	return -ECHILD;
}

/* ---- Sessions. ---- */

/**
 * sct_session_new() - make a tracing session
 * @sp: set to the session
 * @flags: 0 (no flags are defined yet)
 *
 * Removes what sessions of dead processes of the caller's PID namespace
 * left behind, makes the trace _sct.NS.PID.START.N, and starts the
 * guardian that removes it, and the session's rules, if the process
 * dies without sct_session_free().
 *
 * Return: 0, or a negative errno: -EINVAL for unknown @flags, -EPROTO
 * for a /proc/self/stat it cannot read, -ENAMETOOLONG for a name longer
 * than the kernel takes, the errors of sct_trace_create(), -ENOMEM.
 */
int sct_session_new(struct sct_session **sp, unsigned int flags)
{
	static unsigned int serial;
	unsigned long long start, ns;
	struct sct_session *s;
	int ret;

	*sp = NULL;
	sct_rf_detail_clear();
	if (flags) {
		sct_rf_detail("session: unknown flags 0x%x", flags);
		return -EINVAL;
	}
	ret = session_pidns(&ns);
	if (ret) {
		sct_rf_detail("session: /proc/self/ns/pid: %s", strerror(-ret));
		return ret;
	}
	ret = proc_stat(0, &start, NULL);
	if (ret) {
		sct_rf_detail("session: /proc/self/stat: %s", strerror(-ret));
		return ret;
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->buffer_size = SCT_SESSION_BUFFER_DEFAULT;
	s->overflow = SCT_OVERFLOW_WAIT;
	s->form = SCT_RECORDS_COMPACT;
	s->guard_fd = -1;
	if (pipe2(s->stop_pipe, O_CLOEXEC | O_NONBLOCK)) {
		ret = -errno;
		free(s);
		return ret;
	}
	ret = snprintf(s->trace, sizeof(s->trace),
		       SESSION_PREFIX "%llu.%d.%llu.%u", ns, (int)getpid(),
		       start, __atomic_add_fetch(&serial, 1, __ATOMIC_RELAXED));
	if (ret >= (int)sizeof(s->trace)) {
		sct_rf_detail("session: its name, %s..., is too long",
			      s->trace);
		close(s->stop_pipe[0]);
		close(s->stop_pipe[1]);
		free(s);
		return -ENAMETOOLONG;
	}

	sct_session_cleanup();
	ret = guard_start(s);
	if (ret)
		goto fail;
	ret = guard_send(s, 'T', s->trace);
	if (!ret)
		ret = sct_trace_create(s->trace);
	if (ret)
		goto fail;
	s->trace_made = true;
	*sp = s;
	return 0;
fail:
	sct_session_free(s);
	return ret;
}

/**
 * sct_session_free() - end a session
 * @s: the session, or NULL
 *
 * Disables and removes the session's rules, stops reading its stream and
 * removes its trace: its members go on, untraced.  Processes it spawned
 * that have exited are reaped; those still running are not waited for
 * (their IDs were given by sct_session_spawn()).
 */
void sct_session_free(struct sct_session *s)
{
	char detail[SCT_DETAIL_MAX];
	int i, k;

	if (!s)
		return;
	/* Keep the detail of the failure that may have brought us here. */
	snprintf(detail, sizeof(detail), "%s", sct_error_detail());
	for (i = 0; i < s->nsels; i++)
		for (k = 0; k < 2; k++)
			if (s->sels[i].made[k]) {
				sct_rule_enable(s->sels[i].rule[k], false);
				sct_rule_delete(s->sels[i].rule[k]);
			}
	sct_log_close(s->log);
	if (s->trace_made)
		sct_trace_remove(s->trace);
	for (i = 0; i < (int)s->nspawned; i++)
		waitpid(s->spawned[i], NULL, WNOHANG);
	if (s->guard_fd >= 0)
		close(s->guard_fd);
	close(s->stop_pipe[0]);
	close(s->stop_pipe[1]);
	free(s->sels);
	free(s->tasks);
	free(s->detached);
	free(s->spawned);
	free(s->preexec);
	free(s);
	sct_rf_detail("%s", detail);
}

/**
 * sct_session_trace_name() - the name of the session's trace
 * @s: the session
 *
 * Return: "_sct.NS.PID.START.N", valid until sct_session_free().
 */
const char *sct_session_trace_name(const struct sct_session *s)
{
	return s->trace;
}

/* The options can change until the session starts. */
static int session_busy(struct sct_session *s, const char *what)
{
	if (!s->started && !s->broken)
		return 0;
	sct_rf_detail("session %s: %s: the session has started (set options before sct_session_spawn(), _attach(), _fd() and sct_trace_run())",
		      s->trace, what);
	return -EBUSY;
}

/**
 * sct_session_set_buffer_size() - the size of the session's stream
 * @s: the session
 * @bytes: %SCT_BUFFER_SIZE_MIN to %SCT_BUFFER_SIZE_MAX (the kernel rounds
 *         it up to a power of two); %SCT_SESSION_BUFFER_DEFAULT by default
 *
 * Return: 0, or -ERANGE for a size out of range, -EBUSY once the session
 * has started.
 */
int sct_session_set_buffer_size(struct sct_session *s, unsigned long bytes)
{
	sct_rf_detail_clear();
	if (bytes < SCT_BUFFER_SIZE_MIN || bytes > SCT_BUFFER_SIZE_MAX) {
		sct_rf_detail("session %s: buffer size %lu: out of range (%d to %d bytes)",
			      s->trace, bytes, SCT_BUFFER_SIZE_MIN,
			      SCT_BUFFER_SIZE_MAX);
		return -ERANGE;
	}
	if (session_busy(s, "buffer size"))
		return -EBUSY;
	s->buffer_size = bytes;
	return 0;
}

/**
 * sct_session_set_overflow() - what a full stream does
 * @s: the session
 * @policy: %SCT_OVERFLOW_WAIT (the default: the members wait for the
 *          session to read, and nothing is lost) or %SCT_OVERFLOW_DROP
 *          (records that do not fit are lost, and reported as
 *          %SCT_EVENT_LOST events)
 *
 * Return: 0, or -EINVAL for another @policy, -EBUSY once the session has
 * started.
 */
int sct_session_set_overflow(struct sct_session *s, enum sct_overflow policy)
{
	sct_rf_detail_clear();
	if (policy != SCT_OVERFLOW_DROP && policy != SCT_OVERFLOW_WAIT) {
		sct_rf_detail("session %s: no overflow policy %d", s->trace,
			      (int)policy);
		return -EINVAL;
	}
	if (session_busy(s, "overflow"))
		return -EBUSY;
	s->overflow = policy;
	return 0;
}

/**
 * sct_session_set_capture_size() - capture what the arguments point to
 * @s: the session
 * @bytes: 0 (the default: strings and socket addresses only, as the
 *         kernel's log lines show them) or 1 to %SCT_CAPTURE_SIZE_MAX:
 *         the structs, buffers (cut at @bytes) and arrays of strings
 *         (each string cut at @bytes) too, for sct_event_data()
 *
 * Return: 0, or -ERANGE above %SCT_CAPTURE_SIZE_MAX, -EBUSY once the
 * session has started.
 */
int sct_session_set_capture_size(struct sct_session *s, unsigned int bytes)
{
	sct_rf_detail_clear();
	if (bytes > SCT_CAPTURE_SIZE_MAX) {
		sct_rf_detail("session %s: capture size %u: out of range (0 to %d bytes)",
			      s->trace, bytes, SCT_CAPTURE_SIZE_MAX);
		return -ERANGE;
	}
	if (session_busy(s, "capture size"))
		return -EBUSY;
	s->capture_size = bytes;
	return 0;
}

/**
 * sct_session_set_records() - the form of the stream's call records
 * @s: the session
 * @form: %SCT_RECORDS_COMPACT (the default: what the event accessors
 *        give, and cheaper for the traced calls) or %SCT_RECORDS_FULL
 *        (with the caller's credentials, command name, parent and CPU,
 *        for sct_event_record())
 *
 * Return: 0, or -EINVAL for another @form, -EBUSY once the session has
 * started.
 */
int sct_session_set_records(struct sct_session *s, enum sct_record_form form)
{
	sct_rf_detail_clear();
	if (form != SCT_RECORDS_COMPACT && form != SCT_RECORDS_FULL) {
		sct_rf_detail("session %s: no record form %d", s->trace,
			      (int)form);
		return -EINVAL;
	}
	if (session_busy(s, "records"))
		return -EBUSY;
	s->form = form;
	return 0;
}

/* Write @val to attribute @attr of the session's trace. */
static int trace_attr(struct sct_session *s, const char *attr,
		      const char *val)
{
	char path[PATH_MAX];
	ssize_t n;
	int fd, ret = 0;

	snprintf(path, sizeof(path), "%s/traces/%s/%s", sct_configfs_root(),
		 s->trace, attr);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		ret = -errno;
	else {
		do {
			n = write(fd, val, strlen(val));
		} while (n < 0 && errno == EINTR);
		if (n < 0)
			ret = -errno;
		close(fd);
	}
	if (ret == -ENOENT)
		ret = -EOPNOTSUPP;
	if (ret)
		sct_rf_detail("trace %s: %s %s: %s", s->trace, attr, val,
			      ret == -EOPNOTSUPP ?
			      "this kernel does not have it" : strerror(-ret));
	return ret;
}

/* Put the rules of selection @sel into the kernel, enabled. */
static int sel_make(struct sct_session *s, struct sct_sel *sel)
{
	struct sct_rule *r;
	int k, ret = 0;

	r = malloc(sizeof(*r));
	if (!r)
		return -ENOMEM;
	for (k = 0; k < 2 && !ret; k++) {
		if (!sel->rule[k][0] || sel->made[k])
			continue;
		memset(r, 0, sizeof(*r));
		strcpy(r->name, sel->rule[k]);
		strcpy(r->syscall, sel->syscalls);
		sct_syscall_list_info(r->syscall, &r->abi, &r->nr);
		r->when = k ? SCT_WHEN_AFTER : SCT_WHEN_BEFORE;
		strcpy(r->action, "log");
		strcpy(r->log_target, "device");
		/* Let other sessions' rules, and this one's, see the call. */
		r->cont = 1;
		r->enabled = 1;
		strcpy(r->trace, s->trace);
		r->capture_size = s->capture_size;
		ret = guard_send(s, 'R', r->name);
		if (ret)
			break;
		ret = sct_rule_create(r);
		if (!ret) {
			sel->made[k] = true;
			ret = sct_rule_id(r->name, &sel->rule_id[k]);
		} else if (sct_rule_exists(r->name) == 0) {
			/* Not made: the guardian forgets it. */
			guard_send(s, '-', r->name);
		}
	}
	free(r);
	return ret;
}

/*
 * Take the rules of selection @sel out of the kernel.  The guardian
 * forgets those removed; it keeps one that could not be, to remove it
 * when the session ends.
 */
static void sel_unmake(struct sct_session *s, struct sct_sel *sel)
{
	int k;

	for (k = 0; k < 2; k++) {
		if (!sel->made[k])
			continue;
		sct_rule_enable(sel->rule[k], false);
		if (!sct_rule_delete(sel->rule[k]))
			guard_send(s, '-', sel->rule[k]);
		sel->made[k] = false;
	}
}

/*
 * Start the session: the trace's stream, in the form and with the
 * overflow asked for, read by the session; its lifecycle; and the rules
 * of the selections so far.  In the order the kernel wants: buffer_size
 * and records are busy once rules are enabled, lifecycle is on or a
 * reader is attached.
 */
static int session_start(struct sct_session *s)
{
	int i, ret;

	if (s->started)
		return 0;
	if (s->broken) {
		sct_rf_detail("session %s: it failed to start (%s): free it",
			      s->trace, strerror(-s->broken));
		return s->broken;
	}
	ret = sct_trace_set_buffer_size(s->trace, s->buffer_size);
	if (!ret)
		ret = sct_trace_set_overflow(s->trace, s->overflow);
	if (!ret)
		ret = trace_attr(s, "records", s->form == SCT_RECORDS_FULL ?
					       "full" : "compact");
	if (!ret)
		ret = sct_log_open_trace(&s->log, s->trace, SCT_LOG_NONBLOCK);
	if (!ret)
		ret = trace_attr(s, "lifecycle", "1");
	for (i = 0; !ret && i < s->nsels; i++)
		if (s->sels[i].id)
			ret = sel_make(s, &s->sels[i]);
	if (ret) {
		s->broken = ret;
		return ret;
	}
	s->started = true;
	return 0;
}

/**
 * sct_session_trace() - report calls of some syscalls to a callback
 * @s: the session
 * @syscalls: a syscall list, as a rule's syscall takes it: names
 *            ("openat": every ABI's), "ABI:NAME", numbers, "ABI:NUMBER",
 *            "*", strace's classes ("%file", see sct_syscall_class()),
 *            separated by commas
 * @when: %SCT_TRACE_ENTRY, %SCT_TRACE_EXIT or %SCT_TRACE_BOTH
 * @cb: the callback, called with @priv for each call of the list, on
 *      the sides @when asks for
 * @priv: passed to @cb
 *
 * Makes a log rule for each side, scoped to the session's trace, with
 * "continue" set so that the rules after it, this session's and
 * others', see the call too: a call that two selections cover is
 * reported to both.  Before the session starts, the rules are made when
 * it starts; after, at once.
 *
 * Return: the selection's id (1 or more; the lowest free one), for
 * sct_session_untrace(); or a negative errno: -EINVAL for a bad list or
 * @when or a NULL @cb, -ERANGE for a number out of range, -E2BIG for a
 * list too long, -ENAMETOOLONG for a rule name longer than the kernel
 * takes, the errors of sct_rule_create(), -ECHILD when the session's
 * guardian is gone (killed), -ENOMEM.
 */
int sct_session_trace(struct sct_session *s, const char *syscalls,
		      unsigned int when, sct_event_cb cb, void *priv)
{
	struct sct_sel *sel, *sels;
	size_t bad = 0;
	int ret, k, i;

	sct_rf_detail_clear();
	if (!when || (when & ~SCT_TRACE_BOTH) || !cb || !syscalls) {
		sct_rf_detail("session %s: trace: %s", s->trace,
			      !cb ? "no callback" : !syscalls ? "no syscalls" :
			      "when is SCT_TRACE_ENTRY, SCT_TRACE_EXIT or both");
		return -EINVAL;
	}
	/* The slot of a selection undone, or a new one. */
	for (i = 0; i < s->nsels && s->sels[i].id; i++)
		;
	if (i == s->nsels) {
		sels = realloc(s->sels, (s->nsels + 1) * sizeof(*sels));
		if (!sels)
			return -ENOMEM;
		s->sels = sels;
	}
	sel = &s->sels[i];
	memset(sel, 0, sizeof(*sel));
	ret = sct_syscall_list_normalize(syscalls, sel->syscalls,
					 sizeof(sel->syscalls), &bad);
	if (ret < 0) {
		sct_rf_detail("session %s: trace '%s': %s at offset %zu",
			      s->trace, syscalls, strerror(-ret), bad);
		return ret;
	}
	if (!ret) {
		sct_rf_detail("session %s: trace: an empty syscall list",
			      s->trace);
		return -EINVAL;
	}
	sel->when = when;
	sel->cb = cb;
	sel->priv = priv;
	for (k = 0; k < 2; k++) {
		char name[2 * SCT_RULE_NAME_LEN];

		if (!(when & (k ? SCT_TRACE_EXIT : SCT_TRACE_ENTRY)))
			continue;
		/* 57 characters at most, but for a START of 12 digits. */
		snprintf(name, sizeof(name), "%s.%u", s->trace, ++s->next_rule);
		if (strlen(name) >= sizeof(sel->rule[k])) {
			sct_rf_detail("session %s: trace: the rule name %s is longer than %d characters",
				      s->trace, name, SCT_RULE_NAME_LEN - 1);
			return -ENAMETOOLONG;
		}
		strcpy(sel->rule[k], name);
	}
	if (s->started) {
		ret = sel_make(s, sel);
		if (ret) {
			sel_unmake(s, sel);
			return ret;
		}
	}
	sel->id = i + 1;
	if (i == s->nsels)
		s->nsels++;
	return sel->id;
}

/**
 * sct_session_trace_nr() - sct_session_trace(), for one syscall by number
 * @s: the session
 * @abi: %SCT_ABI_NATIVE, %SCT_ABI_COMPAT or %SCT_ABI_X32 (x32 numbers
 *       without __X32_SYSCALL_BIT)
 * @nr: the number in @abi's table, as <sys/syscall.h> gives it for
 *      %SCT_ABI_NATIVE
 * @when: as for sct_session_trace()
 * @cb: as for sct_session_trace()
 * @priv: as for sct_session_trace()
 *
 * Covers that ABI's call alone ("ABI:NR"), not the other ABIs' forms of
 * it, which sct_session_trace() with a name does.
 *
 * Return: as sct_session_trace(); -EINVAL for an unknown ABI.
 */
int sct_session_trace_nr(struct sct_session *s, int abi, int nr,
			 unsigned int when, sct_event_cb cb, void *priv)
{
	const char *name = sct_abi_name(abi);
	char item[64];

	sct_rf_detail_clear();
	if (!name || nr < 0) {
		sct_rf_detail("session %s: trace: no syscall %d of ABI %d",
			      s->trace, nr, abi);
		return -EINVAL;
	}
	snprintf(item, sizeof(item), "%s:%d", name, nr);
	return sct_session_trace(s, item, when, cb, priv);
}

/**
 * sct_session_untrace() - undo a sct_session_trace()
 * @s: the session
 * @id: what sct_session_trace() returned
 *
 * Removes the selection's rules; records of them not yet read are
 * dropped.  Its id may be given again by a later sct_session_trace().
 *
 * Return: 0, or -ENOENT for no such selection.
 */
int sct_session_untrace(struct sct_session *s, int id)
{
	struct sct_sel *sel;

	sct_rf_detail_clear();
	if (id < 1 || id > s->nsels || !s->sels[id - 1].id) {
		sct_rf_detail("session %s: no selection %d", s->trace, id);
		return -ENOENT;
	}
	sel = &s->sels[id - 1];
	sel_unmake(s, sel);
	sel->id = 0;
	return 0;
}

/**
 * sct_session_on_task() - report what members do besides calls
 * @s: the session
 * @mask: the events: SCT_EVENT_MASK() of %SCT_EVENT_FORK,
 *        %SCT_EVENT_EXEC, %SCT_EVENT_SIGNAL and %SCT_EVENT_EXIT, or
 *        %SCT_EVENT_TASK_ALL; 0 for none
 * @cb: the callback (NULL with a @mask of 0)
 * @priv: passed to @cb
 *
 * Replaces the previous callback.  The session sees the events whatever
 * the mask: it follows its members with them.
 *
 * Return: 0, or -EINVAL for other bits in @mask or no @cb for a mask.
 */
int sct_session_on_task(struct sct_session *s, unsigned int mask,
			sct_event_cb cb, void *priv)
{
	sct_rf_detail_clear();
	if ((mask & ~SCT_EVENT_TASK_ALL) || (mask && !cb)) {
		sct_rf_detail("session %s: on_task: bad mask 0x%x or no callback",
			      s->trace, mask);
		return -EINVAL;
	}
	s->task_mask = mask;
	s->task_cb = cb;
	s->task_priv = priv;
	return 0;
}

/**
 * sct_session_on_lost() - report records the stream lost
 * @s: the session
 * @cb: the callback, or NULL for none
 * @priv: passed to @cb
 *
 * Records are lost with overflow %SCT_OVERFLOW_DROP, when the session
 * reads slower than its members call; and with %SCT_OVERFLOW_WAIT only
 * in the few cases the kernel cannot make a member wait (see
 * sct_session_new(3)).
 *
 * Return: 0.
 */
int sct_session_on_lost(struct sct_session *s, sct_event_cb cb, void *priv)
{
	s->lost_cb = cb;
	s->lost_priv = priv;
	return 0;
}

/* ---- Members. ---- */

static int pid_push(pid_t **a, size_t *n, size_t *alloc, pid_t pid)
{
	pid_t *p;

	if (*n == *alloc) {
		p = realloc(*a, (*alloc ? *alloc * 2 : 16) * sizeof(*p));
		if (!p)
			return -ENOMEM;
		*a = p;
		*alloc = *alloc ? *alloc * 2 : 16;
	}
	(*a)[(*n)++] = pid;
	return 0;
}

static bool pid_in(const pid_t *a, size_t n, pid_t pid)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] == pid)
			return true;
	return false;
}

/* Take @pid out of the array @a of @*n. */
static void pid_del(pid_t *a, size_t *n, pid_t pid)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (a[i] == pid) {
			a[i] = a[--*n];
			return;
		}
}

static bool detached(const struct sct_session *s, pid_t pid)
{
	return pid_in(s->detached, s->ndetached, pid);
}

static struct sct_task *task_find(struct sct_session *s, pid_t tid)
{
	size_t i;

	for (i = 0; i < s->ntasks; i++)
		if (s->tasks[i].tid == tid)
			return &s->tasks[i];
	return NULL;
}

static int task_add(struct sct_session *s, pid_t tid, pid_t pid)
{
	struct sct_task *t = task_find(s, tid);

	if (t) {
		t->pid = pid;
		return 0;
	}
	if (s->ntasks == s->atasks) {
		t = realloc(s->tasks, (s->atasks ? s->atasks * 2 : 16) *
				      sizeof(*t));
		if (!t)
			return -ENOMEM;
		s->tasks = t;
		s->atasks = s->atasks ? s->atasks * 2 : 16;
	}
	s->tasks[s->ntasks].tid = tid;
	s->tasks[s->ntasks].pid = pid;
	s->ntasks++;
	return 0;
}

static void task_del(struct sct_session *s, pid_t tid)
{
	struct sct_task *t = task_find(s, tid);

	if (t)
		*t = s->tasks[--s->ntasks];
}

/* Forget every thread of process @pid. */
static void process_del(struct sct_session *s, pid_t pid)
{
	size_t i = 0;

	pid_del(s->preexec, &s->npreexec, pid);
	while (i < s->ntasks) {
		if (s->tasks[i].pid == pid)
			s->tasks[i] = s->tasks[--s->ntasks];
		else
			i++;
	}
}

static bool process_known(const struct sct_session *s, pid_t pid)
{
	size_t i;

	for (i = 0; i < s->ntasks; i++)
		if (s->tasks[i].pid == pid)
			return true;
	return false;
}

/*
 * Reap process @pid if the session spawned it and it has exited; never
 * waits, for the process may still have threads the session does not
 * know of, sleeping on the full stream that the session would not read
 * while it waits.
 */
static void reap(struct sct_session *s, pid_t pid)
{
	size_t i;
	pid_t ret;

	for (i = 0; i < s->nspawned; i++) {
		if (s->spawned[i] != pid)
			continue;
		do {
			ret = waitpid(pid, NULL, WNOHANG);
		} while (ret < 0 && errno == EINTR);
		if (ret)	/* reaped, or not ours to wait for */
			s->spawned[i] = s->spawned[--s->nspawned];
		return;
	}
}

/*
 * Reap the spawned processes whose exit the session saw (not detached).
 * Return: how many of them are not reaped yet (exiting, not zombies).
 */
static size_t reap_exited(struct sct_session *s)
{
	size_t i, left = 0;

	for (i = 0; i < s->nspawned; ) {
		pid_t pid = s->spawned[i];
		size_t before = s->nspawned;

		if (process_known(s, pid) || detached(s, pid)) {
			i++;
			continue;
		}
		reap(s, pid);
		if (s->nspawned == before) {
			left++;
			i++;
		}
	}
	return left;
}

/* Does process @pid have threads besides its leader, in /proc/PID/task? */
static bool other_threads(pid_t pid)
{
	struct dirent *de;
	bool others = false;
	char path[64];
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	dir = opendir(path);
	if (!dir)
		return false;
	while (!others && (de = readdir(dir)))
		others = isdigit((unsigned char)de->d_name[0]) &&
			 atoi(de->d_name) != pid;
	closedir(dir);
	return others;
}

/*
 * Is process @pid gone, or a zombie that is all gone?  A leader that
 * exited stays a zombie while other threads of its process run: those
 * are listed in /proc/PID/task.  What cannot be told is not gone.
 */
static bool process_gone(pid_t pid)
{
	unsigned long long start;
	char st = 0;
	int ret;

	ret = proc_stat(pid, &start, &st);
	if (ret == -ENOENT)
		return true;
	if (ret || st != 'Z')
		return !ret && st == 'X';
	return !other_threads(pid);
}

/*
 * The child of sct_session_spawn(), after fork(): only async-signal-safe
 * calls, for the caller may have threads.  All signals are blocked on
 * entry (the caller's handlers must not run here): every signal goes
 * back to its default, handled or ignored, then none is blocked, and
 * the child waits on @fd until it is in the trace.  It closes @parent,
 * the caller's end of the socket, first: a caller that dies before it
 * releases the child then closes the last one, and the child's read sees
 * the end of file.
 */
static void __attribute__((noreturn)) spawn_child(int fd, int parent,
						  const char *path,
						  char *const argv[])
{
	struct sigaction sa = { .sa_handler = SIG_DFL };
	sigset_t none;
	ssize_t n;
	int sig;
	char c;

	close(parent);
	for (sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			sigaction(sig, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	do {
		n = read(fd, &c, 1);
	} while (n < 0 && errno == EINTR);
	/* The caller gave up on it. */
	if (n != 1)
		_exit(127);
	if (path)
		execv(path, argv);
	else
		execvp(argv[0], argv);
	_exit(127);
}

/*
 * The file of command @name, looked up in PATH as execvp(3) looks it up
 * ("/bin:/usr/bin" without PATH, an empty element for the working
 * directory): the first regular file the caller may execute.  The
 * lookup is the caller's, before the fork, so that the trace shows the
 * one execve that runs the command, not execvp(3)'s attempts, as
 * strace(1) does.  Unlike execvp(3), a file found that is not a
 * program (a script without "#!") fails with ENOEXEC, as under strace,
 * rather than running under /bin/sh.  Return: a path to free, a copy of
 * @name when it has a '/', or NULL when nothing is found (the child
 * then runs execvp(3), and its failures show).
 */
static char *spawn_lookup(const char *name)
{
	const char *env = getenv("PATH"), *p, *end;
	size_t len = strlen(name);
	struct stat sb;
	char *file;

	if (strchr(name, '/'))
		return strdup(name);
	if (!*name)
		return NULL;
	if (!env)
		env = "/bin:/usr/bin";
	for (p = env; ; p = end + 1) {
		size_t dlen;

		end = strchrnul(p, ':');
		dlen = end - p;
		file = malloc(dlen + len + 2);
		if (!file)
			return NULL;
		if (dlen) {
			memcpy(file, p, dlen);
			file[dlen] = '/';
			strcpy(file + dlen + 1, name);
		} else {
			strcpy(file, name);
		}
		if (!stat(file, &sb) && S_ISREG(sb.st_mode) &&
		    !access(file, X_OK))
			return file;
		free(file);
		if (!*end)
			return NULL;
	}
}

/**
 * sct_session_spawn() - run a command under the session's trace
 * @s: the session
 * @argv: the command: @argv[0] is looked up in $PATH as execvp(3)
 *        does, by the caller, and the array ends with NULL
 * @pid: if not NULL, set to the command's process ID
 *
 * Starts the session if it has not started.  The child waits on a
 * socket until it is in the trace, then runs the command with every
 * signal at its default and none blocked.  Its calls before the
 * execve, the library's, are not reported: the first call reported is
 * the execve of @argv[0] (one execve, of the file found in $PATH), and
 * every process it makes is in the trace.
 * A command that cannot be run shows as a failed execve and an exit
 * status of 127.  The session reaps the child when it has exited (its
 * status is that of its %SCT_EVENT_EXIT event): do not wait for it.
 *
 * Return: 0, or a negative errno: -EINVAL for an empty @argv, the errors
 * of starting the session (sct_trace_set_buffer_size(),
 * sct_log_open_trace(), sct_rule_create()...) and of sct_trace_add(),
 * those of socketpair(2) and fork(2), -ECHILD for a child that died
 * before it could run the command.
 */
int sct_session_spawn(struct sct_session *s, char *const argv[], pid_t *pid)
{
	sigset_t all, old;
	int sv[2], ret;
	pid_t child;
	char *path;

	sct_rf_detail_clear();
	if (!argv || !argv[0]) {
		sct_rf_detail("session %s: spawn: no command", s->trace);
		return -EINVAL;
	}
	ret = session_start(s);
	if (ret)
		return ret;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		return -errno;
	path = spawn_lookup(argv[0]);
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	child = fork();
	if (!child)
		spawn_child(sv[1], sv[0], path, argv);
	ret = child < 0 ? -errno : 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	free(path);
	close(sv[1]);
	if (!ret && sct_session_test_spawn_hook)
		sct_session_test_spawn_hook(child);
	if (ret) {
		close(sv[0]);
		return ret;
	}
	/*
	 * Its calls until the execve are the library's: not reported.  A
	 * child that waits on a socket needs no stop, which a SIGCONT to
	 * the caller's process group (a shell's fg) would end, and whose
	 * notice a SIGCHLD handler of the caller's could take.
	 */
	pid_del(s->detached, &s->ndetached, child);
	ret = pid_push(&s->preexec, &s->npreexec, &s->apreexec, child);
	if (!ret)
		ret = sct_trace_add(s->trace, child);
	if (!ret)
		ret = task_add(s, child, child);
	if (!ret)
		ret = pid_push(&s->spawned, &s->nspawned, &s->aspawned, child);
	if (!ret && send(sv[0], "g", 1, MSG_NOSIGNAL) != 1) {
		/* It died before it could run the command. */
		sct_rf_detail("session %s: spawn: the child %d died before it ran %s",
			      s->trace, (int)child, argv[0]);
		ret = -ECHILD;
	}
	close(sv[0]);
	if (ret) {
		/* Not released: the child dies without running the command. */
		process_del(s, child);
		kill(child, SIGKILL);
		while (waitpid(child, NULL, 0) < 0 && errno == EINTR)
			;
		pid_del(s->spawned, &s->nspawned, child);
		return ret;
	}
	if (pid)
		*pid = child;
	return 0;
}

/**
 * sct_session_attach() - trace a process that runs already
 * @s: the session
 * @pid: the process (a thread's ID stands for its process), not the
 *       caller's own
 *
 * Starts the session if it has not started.  The process joins the
 * trace with all its threads, and the processes it makes from then on
 * join too; its children of before do not.  The call it is in when it
 * joins is not reported; its next ones are.
 *
 * Return: 0, or a negative errno: -EINVAL for a @pid that is not
 * positive or the caller's own process (its reading of the stream would
 * be recorded into the stream), both checked before the session starts;
 * the
 * errors of starting the session and of sct_trace_add() (-ESRCH for no
 * such process).
 */
int sct_session_attach(struct sct_session *s, pid_t pid)
{
	char path[64], line[128];
	pid_t tgid = pid;
	struct dirent *de;
	FILE *f;
	DIR *dir;
	int ret;

	sct_rf_detail_clear();
	/* The arguments first: the session starts only for a good one. */
	if (pid <= 0) {
		sct_rf_detail("session %s: attach %d: not a process ID",
			      s->trace, (int)pid);
		return -EINVAL;
	}
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "re");
	if (f) {
		while (fgets(line, sizeof(line), f))
			if (sscanf(line, "Tgid: %d", &tgid) == 1)
				break;
		fclose(f);
	}
	if (tgid == getpid()) {
		sct_rf_detail("session %s: attach %d: the session's own process cannot be traced by it",
			      s->trace, (int)pid);
		return -EINVAL;
	}
	ret = session_start(s);
	if (ret)
		return ret;
	ret = sct_trace_add(s->trace, pid);
	if (ret)
		return ret;
	pid_del(s->detached, &s->ndetached, tgid);
	/* After the join: the threads made since are in fork records too. */
	snprintf(path, sizeof(path), "/proc/%d/task", (int)tgid);
	dir = opendir(path);
	if (!dir)
		return task_add(s, tgid, tgid);
	while (!ret && (de = readdir(dir)))
		if (isdigit((unsigned char)de->d_name[0]))
			ret = task_add(s, atoi(de->d_name), tgid);
	closedir(dir);
	return ret;
}

/**
 * sct_session_processes() - how many processes the session follows
 * @s: the session
 *
 * Return: the processes spawned, attached or made by those, not
 * detached, whose exit the session has not seen yet.
 */
int sct_session_processes(const struct sct_session *s)
{
	size_t i, j, n = 0;

	for (i = 0; i < s->ntasks; i++) {
		for (j = 0; j < i; j++)
			if (s->tasks[j].pid == s->tasks[i].pid)
				break;
		n += j == i;
	}
	return n;
}

/*
 * Check the members the session waits for against /proc: after lost
 * records (a fork or an exit record may be among them), and when no
 * record came for a while.  The trace's processes the session does not
 * know are added; those gone, or zombies with no thread left, are
 * forgotten.
 *
 * A member found gone wrote all its records before, but maybe after the
 * session's last read: the caller reads the stream again before it takes
 * the member's absence for the end (sct_session_dispatch(),
 * sct_trace_run()).
 *
 * Return: true when a member was forgotten.
 */
static bool check_members(struct sct_session *s)
{
	size_t i, room = 512;
	pid_t *pids = NULL, *p;
	bool gone = false;
	int n = 0;

	s->check = false;
	/* As many as the kernel lists: with room for them, once more. */
	for (;;) {
		p = realloc(pids, room * sizeof(*pids));
		if (!p)
			break;
		pids = p;
		n = sct_trace_pids(s->trace, pids, room);
		if (n <= (int)room)
			break;
		room = n;
	}
	for (i = 0; p && n > 0 && i < (size_t)n; i++)
		if (pids[i] > 0 && !detached(s, pids[i]) &&
		    !process_known(s, pids[i]) &&
		    !(pids[i] == getpid()))
			task_add(s, pids[i], pids[i]);
	free(pids);
	i = 0;
	while (i < s->ntasks) {
		pid_t pid = s->tasks[i].pid;

		if (process_gone(pid)) {
			process_del(s, pid);
			reap(s, pid);
			gone = true;
			i = 0;
			continue;
		}
		i++;
	}
	for (i = 0; i < s->ndetached; )
		if (process_gone(s->detached[i]))
			s->detached[i] = s->detached[--s->ndetached];
		else
			i++;
	reap_exited(s);
	sct_rf_detail_clear();
	return gone;
}

/* ---- Events. ---- */

/* Fill @ev from record @hdr; false for a record that is no event. */
static bool decode(const struct sct_record_header *hdr,
			struct sct_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->hdr = hdr;
	switch (hdr->type) {
	case SCT_RECORD_CALL: {
		const struct sct_record_call *c = (const void *)hdr;

		ev->type = SCT_EVENT_SYSCALL;
		ev->pid = c->pid;
		ev->tid = c->tid;
		ev->time = c->time_ns;
		ev->nr = c->nr;
		ev->abi = sct_record_abi(c);
		ev->when = c->when;
		ev->args = c->args;
		ev->retval = c->retval;
		ev->call_id = sct_record_call_id(c);
		ev->items = c->param;
		return true;
	}
	case SCT_RECORD_SYSCALL: {
		const struct sct_record_syscall *c = (const void *)hdr;

		ev->type = SCT_EVENT_SYSCALL;
		ev->pid = c->pid;
		ev->tid = c->tid;
		ev->time = c->time_ns;
		ev->nr = c->nr;
		ev->abi = c->abi;
		ev->when = c->when;
		ev->args = c->args;
		ev->retval = c->retval;
		ev->call_id = c->call_id;
		ev->items = sct_record_syscall_items(c);
		return true;
	}
	case SCT_RECORD_TASK: {
		const struct sct_record_task *t = (const void *)hdr;

		switch (t->event) {
		case SCT_TASK_FORK:
			ev->type = SCT_EVENT_FORK;
			break;
		case SCT_TASK_EXEC:
			ev->type = SCT_EVENT_EXEC;
			break;
		case SCT_TASK_SIGNAL:
			ev->type = SCT_EVENT_SIGNAL;
			break;
		case SCT_TASK_EXIT:
			ev->type = SCT_EVENT_EXIT;
			break;
		default:
			return false;
		}
		ev->pid = t->pid;
		ev->tid = t->tid;
		ev->time = t->time_ns;
		ev->call_id = t->call_id;
		return true;
	}
	case SCT_RECORD_LOST:
		ev->type = SCT_EVENT_LOST;
		return true;
	}
	return false;
}

/*
 * The selection whose rule wrote a call record.  A linear search: a
 * session has a few selections (each is one or two rules of the
 * kernel's, which checks every rule of a trace at each call of its
 * members anyway).
 */
static struct sct_sel *sel_of(struct sct_session *s, uint64_t rule_id)
{
	int i, k;

	for (i = 0; i < s->nsels; i++)
		for (k = 0; k < 2; k++)
			if (s->sels[i].id && s->sels[i].made[k] &&
			    s->sels[i].rule_id[k] == rule_id)
				return &s->sels[i];
	return NULL;
}

static uint64_t record_rule_id(const struct sct_record_header *hdr)
{
	if (hdr->type == SCT_RECORD_SYSCALL)
		return ((const struct sct_record_syscall *)hdr)->rule_id;
	return ((const struct sct_record_call *)hdr)->rule_id;
}

/* Detach process @pid: its events are dropped from now on. */
static void detach(struct sct_session *s, pid_t pid)
{
	if (pid <= 0 || detached(s, pid))
		return;
	pid_push(&s->detached, &s->ndetached, &s->adetached, pid);
	process_del(s, pid);
}

/* What the session follows of its members, before the callback. */
static void follow(struct sct_session *s, const struct sct_event *ev)
{
	const struct sct_record_task *t = (const void *)ev->hdr;

	switch (ev->type) {
	case SCT_EVENT_FORK:
		if (detached(s, t->pid)) {
			/* The children of a detached process are not followed. */
			detach(s, t->child_pid);
			break;
		}
		/* A new process: a detached one's PID, used again. */
		if (t->child_pid == t->child_tid)
			pid_del(s->detached, &s->ndetached, t->child_pid);
		task_add(s, t->child_tid, t->child_pid);
		break;
	case SCT_EVENT_EXEC:
		/* Another thread's exec takes the leader's ID. */
		if (t->old_tid && t->old_tid != t->tid)
			task_del(s, t->old_tid);
		if (!detached(s, t->pid))
			task_add(s, t->tid, t->pid);
		break;
	case SCT_EVENT_LOST:
		s->check = true;
		/*
		 * The execve of a spawned child, and its exec record, may be
		 * among the records lost: its calls are reported from now
		 * on, which may include some of its last calls before the
		 * execve (the library's).
		 */
		s->npreexec = 0;
		break;
	default:
		break;
	}
}

/* What the session follows of its members, after the callback. */
static void follow_exit(struct sct_session *s, const struct sct_event *ev)
{
	if (ev->type != SCT_EVENT_EXIT)
		return;
	task_del(s, ev->tid);
	/*
	 * The last thread the session knew: the process is exiting, or has
	 * threads whose fork records were lost.  Reaped if it is a zombie
	 * already, else by sct_trace_run() a little later.
	 */
	if (!process_known(s, ev->pid))
		reap(s, ev->pid);
	/*
	 * A detached process's leader that exits with no other thread: its
	 * PID may be used again, by a process to follow.  Those with
	 * threads left are forgotten by check_members() once gone.
	 */
	if (ev->tid == ev->pid && detached(s, ev->pid) &&
	    !other_threads(ev->pid))
		pid_del(s->detached, &s->ndetached, ev->pid);
}

/* Call the callback of @ev, if it has one.  Return: an enum sct_cb_ret. */
static int deliver(struct sct_session *s, const struct sct_event *ev)
{
	struct sct_sel *sel;
	int ret = SCT_CB_CONTINUE;

	switch (ev->type) {
	case SCT_EVENT_SYSCALL:
		if (detached(s, ev->pid))
			return SCT_CB_CONTINUE;
		sel = sel_of(s, record_rule_id(ev->hdr));
		if (sel)
			ret = sel->cb(s, ev, sel->priv);
		break;
	case SCT_EVENT_LOST:
		if (s->lost_cb)
			ret = s->lost_cb(s, ev, s->lost_priv);
		/* A lost record has no process to detach. */
		if (ret == SCT_CB_DETACH)
			ret = SCT_CB_CONTINUE;
		break;
	default:
		if (detached(s, ev->pid))
			return SCT_CB_CONTINUE;
		if (s->task_cb && (s->task_mask & SCT_EVENT_MASK(ev->type)))
			ret = s->task_cb(s, ev, s->task_priv);
		break;
	}
	if (ret == SCT_CB_DETACH)
		detach(s, ev->pid);
	return ret == SCT_CB_STOP ? SCT_CB_STOP : SCT_CB_CONTINUE;
}

/*
 * An event of a spawned child that has not run its command yet: its
 * calls are the library's (the wait for its release), until the first
 * execve, which is reported, as what comes after.  Its exec, exit or a
 * signal are reported too.  Return: whether to report @ev.
 */
static bool preexec_over(struct sct_session *s, const struct sct_event *ev)
{
	const char *name;

	if (ev->type == SCT_EVENT_SYSCALL) {
		name = sct_syscall_name_abi(ev->abi, ev->nr);
		if (!name || (strcmp(name, "execve") && strcmp(name, "execveat")))
			return false;
	}
	if (ev->type != SCT_EVENT_SIGNAL)
		pid_del(s->preexec, &s->npreexec, ev->pid);
	return true;
}

/* One record: follow, deliver, follow.  Return: an enum sct_cb_ret. */
int sct_session_feed(struct sct_session *s, const struct sct_record_header *hdr)
{
	struct sct_event ev;
	int ret;

	if (!decode(hdr, &ev))
		return SCT_CB_CONTINUE;
	if (s->npreexec && pid_in(s->preexec, s->npreexec, ev.pid) &&
	    !preexec_over(s, &ev))
		return SCT_CB_CONTINUE;
	follow(s, &ev);
	ret = deliver(s, &ev);
	follow_exit(s, &ev);
	return ret;
}

/* Bind selection @id's rules to record rule ids, for the host tests. */
void sct_session_test_bind(struct sct_session *s, int id, uint64_t before,
			   uint64_t after)
{
	struct sct_sel *sel = &s->sels[id - 1];

	sel->made[0] = sel->rule[0][0];
	sel->made[1] = sel->rule[1][0];
	sel->rule_id[0] = before;
	sel->rule_id[1] = after;
}

/* A process the session spawned, for the host tests. */
int sct_session_test_spawned(struct sct_session *s, pid_t pid)
{
	return pid_push(&s->spawned, &s->nspawned, &s->aspawned, pid);
}

/* check_members(), for the host tests. */
void sct_session_test_check(struct sct_session *s)
{
	check_members(s);
}

/* The end of the stop pipe sct_trace_stop() writes, for the tests. */
int sct_session_test_stop_fd(const struct sct_session *s)
{
	return s->stop_pipe[1];
}

/* The guardian's PID, for the tests. */
pid_t sct_session_test_guardian(const struct sct_session *s)
{
	return s->guard_pid;
}

/* Called after sct_session_spawn()'s fork, in the caller, for the tests. */
void (*sct_session_test_spawn_hook)(pid_t child);

/* Start the session on the records of file @path, for the host tests. */
int sct_session_test_start(struct sct_session *s, const char *path)
{
	int ret = sct_log_open(&s->log, path, SCT_LOG_NONBLOCK);

	s->started = !ret;
	return ret;
}

/* A task the session waits for, for the host tests. */
int sct_session_test_task(struct sct_session *s, pid_t tid, pid_t pid)
{
	return task_add(s, tid, pid);
}

/* Empty the stop pipe (it is non-blocking). */
static void stop_drain(struct sct_session *s)
{
	char buf[64];

	while (read(s->stop_pipe[0], buf, sizeof(buf)) > 0)
		;
}

/*
 * Take a stop request: from sct_trace_stop(), or a callback's.  The
 * pipe's byte of a request may land after the flag was taken (the
 * request of another thread, between its two steps): sct_trace_run()
 * drains the pipe whenever it is readable, so that such a byte never
 * keeps its poll() awake.
 */
static bool stop_taken(struct sct_session *s)
{
	if (!__atomic_load_n(&s->stop, __ATOMIC_ACQUIRE) ||
	    !__atomic_exchange_n(&s->stop, 0, __ATOMIC_ACQ_REL))
		return false;
	stop_drain(s);
	return true;
}

/* Process the records the stream holds; as sct_session_dispatch(). */
static int dispatch_records(struct sct_session *s)
{
	const struct sct_record_header *hdr;
	int ret;

	for (;;) {
		if (stop_taken(s))
			return 1;
		ret = sct_log_next(s->log, &hdr);
		if (ret < 0)
			return ret == -EINTR ? 0 : ret;
		if (!ret && sct_log_eof(s->log)) {
			/* The end of the stream of a trace that was removed. */
			sct_rf_detail("session %s: the trace was removed",
				      s->trace);
			return -ENOENT;
		}
		if (!ret)
			return 0;
		if (sct_session_feed(s, hdr) == SCT_CB_STOP)
			return 1;
	}
}

/**
 * sct_session_dispatch() - process the records there are, without waiting
 * @s: the session
 *
 * Starts the session if it has not started.  Calls the callbacks of the
 * records the stream holds, in order, and returns when there are none
 * left.  For the caller's own poll(2) loop, on sct_session_fd().
 *
 * Return: 0 when every record read was processed; 1 when a callback
 * returned %SCT_CB_STOP, or sct_trace_stop() was called: the records
 * after it are left for the next call; or a negative errno: -ENOENT when
 * the trace was removed (by another program) and its records are all
 * read, -EPROTO for a malformed record, the errors of starting.
 */
int sct_session_dispatch(struct sct_session *s)
{
	int ret;

	ret = session_start(s);
	if (ret)
		return ret;
	/*
	 * A member that the check finds gone may have written its last
	 * records, and had more lost, after the read before it: the run
	 * would end on its absence with those still in the stream, neither
	 * reported nor counted lost.  They are all there by then: read
	 * them.  Once per member forgotten, at most.
	 */
	do {
		ret = dispatch_records(s);
		if (ret)
			return ret;
	} while (s->check && check_members(s));
	return 0;
}

/**
 * sct_session_fd() - the file descriptor to poll for the session's records
 * @s: the session
 *
 * Starts the session if it has not started.  The descriptor is readable
 * (POLLIN) when records are there for sct_session_dispatch(), and gives
 * POLLHUP once the trace is removed.  It is the session's: do not read
 * or close it.
 *
 * Return: the descriptor, or a negative errno of starting.
 */
int sct_session_fd(struct sct_session *s)
{
	int ret = session_start(s);

	return ret ? ret : sct_log_fd(s->log);
}

/**
 * sct_trace_run() - the event loop
 * @s: the session
 *
 * Starts the session if it has not started, then calls the callbacks of
 * the records as they come, until every process the session follows
 * (those spawned and attached, and those they made, not detached) has
 * exited and the records they wrote are read, or a callback returns
 * %SCT_CB_STOP, or sct_trace_stop() is called.  Returns at once if the
 * session follows no process.
 *
 * Return: 0 when no process is left, 1 when stopped, or a negative errno
 * as sct_session_dispatch() gives it.
 */
int sct_trace_run(struct sct_session *s)
{
	int ret, timeout, reaping = 0;
	struct pollfd pfd[2];
	bool last = false;

	ret = session_start(s);
	if (ret)
		return ret;
	pfd[0].fd = sct_log_fd(s->log);
	pfd[0].events = POLLIN;
	pfd[1].fd = s->stop_pipe[0];
	pfd[1].events = POLLIN;
	for (;;) {
		ret = sct_session_dispatch(s);
		if (ret)
			return ret;
		/* No member was left before that read, and none came. */
		if (last && !s->ntasks)
			return 0;
		last = false;
		timeout = SESSION_IDLE_MS;
		if (!s->ntasks) {
			/*
			 * Every member exited: those spawned are reaped once
			 * they are zombies, which they become soon after their
			 * last exit record, reading the stream meanwhile.
			 * Those reaped, or found gone, wrote all their records
			 * before, but threads the session did not know of may
			 * have written some after the last read: the stream
			 * is read once more before the end.
			 */
			if (!reap_exited(s)) {
				last = true;
				continue;
			}
			if (reaping >= SESSION_IDLE_MS) {
				/* Threads the session did not know of? */
				check_members(s);
				last = !s->ntasks;
				reaping = 0;
				continue;
			}
			timeout = SESSION_REAP_MS;
			reaping += timeout;
		}
		ret = poll(pfd, 2, timeout);
		if (ret < 0 && errno != EINTR)
			return -errno;
		if (!ret && s->ntasks)
			check_members(s);
		/* A stop's byte; the flag, if any, is taken by the dispatch. */
		if (ret > 0 && (pfd[1].revents & POLLIN))
			stop_drain(s);
		if (ret > 0 && (pfd[0].revents & (POLLHUP | POLLERR))) {
			/* The trace was removed: what is left, then the end. */
			ret = sct_session_dispatch(s);
			if (ret)
				return ret;
			sct_rf_detail("session %s: the trace was removed",
				      s->trace);
			return -ENOENT;
		}
	}
}

/**
 * sct_trace_stop() - end sct_trace_run()
 * @s: the session
 *
 * Makes sct_trace_run() return 1, and sct_session_dispatch() too, at
 * once if called from a callback, else as soon as it looks.  Callable
 * from a callback, another thread or a signal handler
 * (async-signal-safe).  The request stays until a run or a dispatch
 * takes it.
 *
 * Return: 0.
 */
int sct_trace_stop(struct sct_session *s)
{
	int saved = errno;

	__atomic_store_n(&s->stop, 1, __ATOMIC_RELEASE);
	/* EAGAIN: the pipe is full, a wake-up is pending already. */
	if (write(s->stop_pipe[1], "s", 1) < 0) {
	}
	errno = saved;
	return 0;
}

/*
 * ---- Event accessors. ----
 *
 * Documented in sct_event_type(3): each reads its field of the event, and
 * gives -EINVAL (NULL, 0) on an event of another type; arguments and
 * captures are numbered from 1 to 6, as PARAMS[i] of filters.
 */

enum sct_event_type sct_event_type(const struct sct_event *ev)
{
	return ev->type;
}

pid_t sct_event_pid(const struct sct_event *ev)
{
	return ev->pid;
}

pid_t sct_event_tid(const struct sct_event *ev)
{
	return ev->tid;
}

uint64_t sct_event_time(const struct sct_event *ev)
{
	return ev->time;
}

int sct_event_syscall(const struct sct_event *ev)
{
	return ev->type == SCT_EVENT_SYSCALL ? ev->nr : -EINVAL;
}

const char *sct_event_syscall_name(const struct sct_event *ev)
{
	if (ev->type != SCT_EVENT_SYSCALL)
		return NULL;
	return sct_syscall_name_abi(ev->abi, ev->nr);
}

int sct_event_abi(const struct sct_event *ev)
{
	return ev->type == SCT_EVENT_SYSCALL ? ev->abi : -EINVAL;
}

int sct_event_is_entry(const struct sct_event *ev)
{
	if (ev->type != SCT_EVENT_SYSCALL)
		return -EINVAL;
	return ev->when == SCT_WHEN_BEFORE;
}

int sct_event_arg(const struct sct_event *ev, unsigned int i, uint64_t *val)
{
	if (ev->type != SCT_EVENT_SYSCALL || i < 1 || i > 6)
		return -EINVAL;
	*val = ev->args[i - 1];
	return 0;
}

int sct_event_retval(const struct sct_event *ev, int64_t *val)
{
	if (ev->type != SCT_EVENT_SYSCALL)
		return -EINVAL;
	if (ev->when != SCT_WHEN_AFTER)
		return -ENODATA;
	*val = ev->retval;
	return 0;
}

uint64_t sct_event_call_id(const struct sct_event *ev)
{
	return ev->type == SCT_EVENT_SYSCALL || ev->type == SCT_EVENT_FORK ||
	       ev->type == SCT_EVENT_EXEC ? ev->call_id : 0;
}

int sct_event_data(const struct sct_event *ev, unsigned int i,
		   const void **data, size_t *len)
{
	const struct sct_record_data *d;
	const char *p;

	*data = NULL;
	*len = 0;
	if (ev->type != SCT_EVENT_SYSCALL || i < 1 || i > 6)
		return -EINVAL;
	if (!ev->items)
		return SCT_DATA_NONE;
	d = &ev->items[i - 1];
	if (d->kind == SCT_DATA_NONE || d->kind == SCT_DATA_FAULT)
		return d->kind;
	if (!d->len)
		/* A struct the record had no room for: marked, no bytes. */
		return d->kind;
	if (ev->hdr->type == SCT_RECORD_SYSCALL)
		p = sct_record_syscall_data((const void *)ev->hdr, d);
	else
		p = sct_record_data((const void *)ev->hdr, d);
	if (!p)
		return -EPROTO;
	*data = p;
	*len = d->len;
	return d->kind;
}

const char *sct_event_string(const struct sct_event *ev, unsigned int i)
{
	const void *data;
	size_t len;
	int kind = sct_event_data(ev, i, &data, &len);

	return kind == SCT_DATA_STRING || kind == SCT_DATA_STRING_TRUNC ?
	       data : NULL;
}

int sct_event_strv(const struct sct_event *ev, unsigned int i,
		   const char **strs, size_t n, uint32_t *count)
{
	const char *p, *end, *nul;
	const void *data;
	size_t len, k = 0;
	int kind;

	kind = sct_event_data(ev, i, &data, &len);
	if (kind < 0)
		return kind;
	if (kind != SCT_DATA_STRV && kind != SCT_DATA_STRV_TRUNC)
		return -ENODATA;
	if (len < sizeof(*count)) {
		if (count)
			*count = 0;
		return 0;
	}
	if (count)
		memcpy(count, data, sizeof(*count));
	p = (const char *)data + sizeof(*count);
	end = (const char *)data + len;
	/* Whole strings only: a cut array is bounded by its length. */
	while (p < end && k < INT_MAX) {
		nul = memchr(p, '\0', end - p);
		if (!nul)
			break;
		if (k < n)
			strs[k] = p;
		k++;
		p = nul + 1;
	}
	return k;
}

/* The task record of @ev, if it is one of @type. */
static const struct sct_record_task *task_rec(const struct sct_event *ev,
					      enum sct_event_type type)
{
	return ev->type == type ? (const void *)ev->hdr : NULL;
}

pid_t sct_event_child_pid(const struct sct_event *ev)
{
	const struct sct_record_task *t = task_rec(ev, SCT_EVENT_FORK);

	return t ? t->child_pid : -EINVAL;
}

pid_t sct_event_child_tid(const struct sct_event *ev)
{
	const struct sct_record_task *t = task_rec(ev, SCT_EVENT_FORK);

	return t ? t->child_tid : -EINVAL;
}

const char *sct_event_exec_path(const struct sct_event *ev)
{
	const struct sct_record_task *t = task_rec(ev, SCT_EVENT_EXEC);
	const char *p;

	if (!t || !t->path.len || t->path.off < sizeof(*t) ||
	    (size_t)t->path.off + t->path.len > t->hdr.size)
		return NULL;
	p = (const char *)t + t->path.off;
	return p[t->path.len - 1] ? NULL : p;
}

int sct_event_signal(const struct sct_event *ev)
{
	const struct sct_record_task *t = task_rec(ev, SCT_EVENT_SIGNAL);

	return t ? t->signo : -EINVAL;
}

int sct_event_exit_status(const struct sct_event *ev)
{
	const struct sct_record_task *t = task_rec(ev, SCT_EVENT_EXIT);

	return t ? t->status & 0xffff : -EINVAL;
}

uint64_t sct_event_lost(const struct sct_event *ev)
{
	return ev->type == SCT_EVENT_LOST ?
	       ((const struct sct_record_lost *)ev->hdr)->count : 0;
}

const struct sct_record_header *sct_event_record(const struct sct_event *ev)
{
	return ev->hdr;
}
