// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of libsct's tracing sessions (session.c): the names of
 * sessions and their owners, the removal of dead owners' leftovers from
 * a fake configfs tree, and events made from synthetic records, as the
 * loop hands them to the callbacks.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sct.h"
#include "session-internal.h"
#include "tests.h"

/* A pid above the kernel's PID_MAX_LIMIT (4194304): never a process. */
#define NO_PID	4194305

static unsigned long long my_start(void)
{
	unsigned long long start = 0;
	char buf[1024], *p;
	FILE *f = fopen("/proc/self/stat", "r");
	int i;

	if (!f)
		return 0;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	p = strrchr(buf, ')');
	for (i = 2; p && i < 22; i++)
		p = strchr(p + 1, ' ');
	if (p)
		start = strtoull(p + 1, NULL, 10);
	return start;
}

/* The inode of our PID namespace, as names of our sessions carry it. */
static unsigned long long my_ns(void)
{
	struct stat st;

	return stat("/proc/self/ns/pid", &st) ? 0xEFFFFFFCULL : st.st_ino;
}

static void test_names(void)
{
	static const char *const bad[] = {
		"", "_sct", "_sct.", "_sct.9.12", "_sct.9.12.", "_sct.9.0.5",
		"_sct.0.12.5", "_sct.9.012.5", "_sct.9.12.x", "_sct.9.12.5x",
		"_sct.9.-1.5", "_sctx.9.12.5", "sct.9.12.5",
		"_sct.9.99999999999.5", "_sct.9.12.99999999999999999999999",
		"_SCT.9.12.5", "_sct.12.5",
	};
	unsigned long long start, ns, me = my_start(), myns = my_ns();
	char name[128];
	int i, bad_ok = 1;
	pid_t pid;

	ok(!sct_session_name_owner("_sct.4026531836.123.456", &ns, &pid,
				   &start) &&
	   ns == 4026531836ULL && pid == 123 && start == 456,
	   "a trace's name: its owner's PID namespace, PID and START");
	ok(!sct_session_name_owner("_sct.9.7.0.3.12", &ns, &pid, &start) &&
	   ns == 9 && pid == 7 && start == 0,
	   "a rule's name: the same, whatever follows");
	for (i = 0; i < (int)(sizeof(bad) / sizeof(bad[0])); i++)
		if (sct_session_name_owner(bad[i], &ns, &pid, &start) != -EINVAL) {
			printf("# '%s' was taken\n", bad[i]);
			bad_ok = 0;
		}
	ok(bad_ok, "names that are not sessions' are -EINVAL");

	snprintf(name, sizeof(name), "_sct.%llu.%d.%llu.1", myns,
		 (int)getpid(), me);
	ok(me && sct_session_owner_dead(name) == 0,
	   "a live owner, with its START, is not dead");
	snprintf(name, sizeof(name), "_sct.%llu.%d.%llu.1.2", myns,
		 (int)getpid(), me + 1);
	ok(sct_session_owner_dead(name) == 1,
	   "a PID reused by a process of another START: dead");
	snprintf(name, sizeof(name), "_sct.%llu.%d.%llu.1", myns, NO_PID, me);
	ok(sct_session_owner_dead(name) == 1, "a PID that is gone: dead");
	snprintf(name, sizeof(name), "_sct.%llu.%d.%llu.1", myns + 1, NO_PID,
		 me);
	ok(sct_session_owner_dead(name) == 0,
	   "a PID of another PID namespace is never dead here");
	ok(sct_session_owner_dead("user_rule") == 0 &&
	   sct_session_owner_dead("_other.1.1.1") == 0,
	   "names of others are never dead");
}

static void mkdirs(const char *root, const char *sub, const char *name)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s/%s", root, sub, name);
	mkdir(path, 0755);
}

static bool there(const char *root, const char *sub, const char *name)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s/%s", root, sub, name);
	return !access(path, F_OK);
}

static void test_cleanup(const char *root)
{
	char dead[80], deadr[80], reused[80], live[80], liver[96], other[80];
	unsigned long long me = my_start(), ns = my_ns();

	snprintf(dead, sizeof(dead), "_sct.%llu.%d.5.1", ns, NO_PID);
	snprintf(deadr, sizeof(deadr), "_sct.%llu.%d.5.1.1", ns, NO_PID);
	snprintf(reused, sizeof(reused), "_sct.%llu.%d.%llu.2", ns,
		 (int)getpid(), me + 1);
	snprintf(live, sizeof(live), "_sct.%llu.%d.%llu.3", ns, (int)getpid(),
		 me);
	snprintf(liver, sizeof(liver), "%s.4", live);
	/* The session of a live owner of another PID namespace. */
	snprintf(other, sizeof(other), "_sct.%llu.1.5.1", ns + 1);
	mkdirs(root, "traces", dead);
	mkdirs(root, "traces", reused);
	mkdirs(root, "traces", live);
	mkdirs(root, "traces", other);
	mkdirs(root, "traces", "mine");
	mkdirs(root, "rules", deadr);
	mkdirs(root, "rules", liver);
	mkdirs(root, "rules", "_sct.bad");
	mkdirs(root, "rules", "user");
	ok(sct_session_cleanup() == 3, "cleanup: three leftovers removed");
	ok(!there(root, "traces", dead) && !there(root, "rules", deadr) &&
	   !there(root, "traces", reused),
	   "cleanup: the dead owner's trace and rule, and the reused PID's trace");
	ok(there(root, "traces", live) && there(root, "rules", liver) &&
	   there(root, "traces", "mine") && there(root, "rules", "user") &&
	   there(root, "rules", "_sct.bad"),
	   "cleanup: a live owner's names and others' stay");
	ok(there(root, "traces", other),
	   "cleanup: another PID namespace's names stay");
	{
		char path[PATH_MAX];

		snprintf(path, sizeof(path), "%s/traces/%s", root, live);
		rmdir(path);
		snprintf(path, sizeof(path), "%s/rules/%s", root, liver);
		rmdir(path);
		snprintf(path, sizeof(path), "%s/traces/%s", root, other);
		rmdir(path);
	}
}

/*
 * A session made in a PID namespace of its own, by its init (PID 1
 * there, with a /proc of its own), is not taken for a dead owner's by a
 * session of the parent namespace, where PID 1 is another process.
 * Skipped where namespaces cannot be made (no privilege).
 */
static void test_other_pidns(const char *root)
{
	int p[2], q[2], st = 0;
	char name[80] = "", c = 0;
	ssize_t n;
	pid_t pid;

	if (pipe(p))
		return;
	if (pipe(q)) {
		close(p[0]);
		close(p[1]);
		return;
	}
	fflush(stdout);
	pid = fork();
	if (!pid) {
		struct sct_session *s;
		pid_t init;

		close(p[0]);
		close(q[1]);
		if (unshare(CLONE_NEWPID | CLONE_NEWNS))
			_exit(4);
		init = fork();
		if (!init) {
			if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
			    mount("proc", "/proc", "proc", 0, NULL))
				_exit(5);
			if (sct_session_new(&s, 0))
				_exit(6);
			n = strlen(sct_session_trace_name(s)) + 1;
			if (write(p[1], sct_session_trace_name(s), n) != n ||
			    read(q[0], &c, 1) != 1)
				_exit(7);
			sct_session_free(s);
			_exit(0);
		}
		if (init < 0 || waitpid(init, &st, 0) != init)
			_exit(8);
		_exit(WIFEXITED(st) ? WEXITSTATUS(st) : 9);
	}
	close(p[1]);
	close(q[0]);
	n = pid > 0 ? read(p[0], name, sizeof(name) - 1) : -1;
	if (n <= 0) {
		close(q[1]);
		if (pid > 0)
			waitpid(pid, &st, 0);
		if (pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 4) {
			ok(true, "a session of another PID namespace stays # SKIP unshare: %s",
			   strerror(EPERM));
		} else {
			ok(false, "a session in a PID namespace of its own (status 0x%x)",
			   st);
		}
		close(p[0]);
		return;
	}
	ok(sct_session_cleanup() == 0 && there(root, "traces", name),
	   "a session of another PID namespace's init stays (%s)", name);
	if (write(q[1], "x", 1) != 1)
		kill(pid, SIGKILL);
	close(q[1]);
	close(p[0]);
	waitpid(pid, &st, 0);
	ok(WIFEXITED(st) && !WEXITSTATUS(st) && !there(root, "traces", name),
	   "and its owner frees it (status 0x%x)", st);
}

/* ---- The guardian. ---- */

static int sys_cb(struct sct_session *s, const struct sct_event *ev,
		  void *priv);

/* Set in the caller while sct_session_new() runs: atfork handlers mark. */
static volatile int in_new;
static int atfork_pipe = -1;

static void atfork_child(void)
{
	if (in_new && write(atfork_pipe, "c", 1) < 0) {
	}
}

/* Field @key of /proc/@pid/status, as a number (the first one). */
static long long status_field(pid_t pid, const char *key)
{
	char path[64], line[256];
	long long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "re");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key)) &&
		    line[strlen(key)] == ':')
			v = strtoll(line + strlen(key) + 1, NULL, 16 *
				    !strncmp(key, "Sig", 3));
	if (f)
		fclose(f);
	return v;
}

/* The descriptors of process @pid, as "0,1,7". */
static void fds_of(pid_t pid, char *buf, size_t size)
{
	char path[64];
	struct dirent *de;
	size_t len = 0;
	DIR *dir;

	buf[0] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	dir = opendir(path);
	while (dir && (de = readdir(dir)))
		if (de->d_name[0] != '.' && len < size)
			len += snprintf(buf + len, size - len, "%s%s",
					len ? "," : "", de->d_name);
	if (dir)
		closedir(dir);
}

/* Is session @name's token, "@sct-session/NAME", in /proc/net/unix? */
static bool token_listed(const char *name)
{
	char line[512], want[128];
	bool found = false;
	FILE *f = fopen("/proc/net/unix", "re");

	snprintf(want, sizeof(want), " @sct-session/%s\n", name);
	while (f && !found && fgets(line, sizeof(line), f))
		found = strstr(line, want) != NULL;
	if (f)
		fclose(f);
	return found;
}

/*
 * The guardian is sct-guardian, spawned: none of the caller's memory,
 * atfork handlers, directory, descriptors, blocked or ignored signals;
 * not the caller's child.
 */
static void test_guardian(const char *root)
{
	char cwd[PATH_MAX], path[64], link[PATH_MAX], fds[256], c;
	size_t big = 32 << 20;
	struct sct_session *s;
	sigset_t usr1, old;
	int p[2], leak, ret;
	long long rss;
	ssize_t n;
	pid_t g;
	char *mem;

	sct_set_path(SCT_PATH_GUARDIAN, "/nonexistent/sct-guardian");
	ret = sct_session_new(&s, 0);
	ok(ret == -ENOENT && strstr(sct_error_detail(),
				    "/nonexistent/sct-guardian") && !s,
	   "no guardian program: sct_session_new fails, and says where it looked (%d: %s)",
	   ret, sct_error_detail());
	sct_set_path(SCT_PATH_GUARDIAN, TEST_GUARDIAN);

	mem = malloc(big);
	if (!mem || pipe2(p, O_CLOEXEC | O_NONBLOCK) || !getcwd(cwd, sizeof(cwd)) ||
	    chdir(root)) {
		ok(false, "guardian: the test's set-up");
		free(mem);
		return;
	}
	memset(mem, 1, big);
	atfork_pipe = p[1];
	pthread_atfork(NULL, NULL, atfork_child);
	/* A descriptor without close-on-exec, a blocked and an ignored signal. */
	leak = open("/dev/null", O_RDONLY);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, &old);
	signal(SIGHUP, SIG_IGN);
	in_new = 1;
	ret = sct_session_new(&s, 0);
	in_new = 0;
	sigprocmask(SIG_SETMASK, &old, NULL);
	signal(SIGHUP, SIG_DFL);
	if (chdir(cwd))
		ok(false, "guardian: back to the directory");
	if (!ok(ret == 0, "a session, with its guardian (%s)",
		sct_error_detail())) {
		free(mem);
		return;
	}
	g = sct_session_test_guardian(s);
	/* The caller writes all of its memory again. */
	memset(mem, 2, big);
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)g);
	n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = '\0';
	ok(g > 0 && strstr(link, "sct-guardian"),
	   "the guardian runs the program sct-guardian (%s)", link);
	ok(status_field(g, "PPid") != getpid() &&
	   waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD,
	   "the guardian is not the caller's child, nor is anything left to wait for");
	rss = status_field(g, "VmRSS");
	ok(rss > 0 && rss < 4096,
	   "the guardian holds none of the caller's 32 MiB (VmRSS %lld kB)",
	   rss);
	ok(read(p[0], &c, 1) < 0 && errno == EAGAIN,
	   "no atfork handler of the caller's ran for the guardian");
	snprintf(path, sizeof(path), "/proc/%d/cwd", (int)g);
	n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = '\0';
	ok(!strcmp(link, "/"), "the guardian's directory is / (%s)", link);
	fds_of(g, fds, sizeof(fds));
	snprintf(path, sizeof(path), "/proc/%d/fd/3", (int)g);
	n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = '\0';
	ok(!strcmp(fds, "0,3") && !strncmp(link, "socket:", 7) &&
	   token_listed(sct_session_trace_name(s)),
	   "the guardian has its socket open, and its session's token (a socket, on 3), nothing else (%s; %s)",
	   fds, link);
	ok(status_field(g, "SigBlk") == 0,
	   "the guardian blocks no signal (%llx)", status_field(g, "SigBlk"));
	ok(getsid(g) != getsid(0) && getsid(g) > 0,
	   "the guardian is in a session of its own");
	sct_session_free(s);
	for (ret = 0; ret < 100 && !kill(g, 0); ret++)
		usleep(20000);
	ok(kill(g, 0) && errno == ESRCH,
	   "sct_session_free ends the guardian");
	close(leak);
	close(p[0]);
	close(p[1]);
	free(mem);
}

/*
 * A session whose process dies without freeing it: the guardian removes
 * it.  The process names configfs by a relative path, which the guardian,
 * working in "/", is given absolute.
 */
static void test_guardian_cleanup(const char *root)
{
	char name[80] = "";
	int p[2], i;
	pid_t pid;

	if (pipe(p))
		return;
	fflush(stdout);
	pid = fork();
	if (!pid) {
		struct sct_session *s;
		size_t n;

		close(p[0]);
		if (chdir(root) || chdir("..") ||
		    sct_set_path(SCT_PATH_CONFIGFS, strrchr(root, '/') + 1))
			_exit(1);
		if (sct_session_new(&s, 0) ||
		    sct_session_trace(s, "getpid", SCT_TRACE_BOTH, sys_cb,
				      NULL) != 1)
			_exit(1);
		n = strlen(sct_session_trace_name(s)) + 1;
		if (write(p[1], sct_session_trace_name(s), n) != (ssize_t)n)
			_exit(1);
		/* Dies without sct_session_free(). */
		raise(SIGKILL);
	}
	close(p[1]);
	if (pid < 0 || read(p[0], name, sizeof(name) - 1) <= 0)
		name[0] = '\0';
	close(p[0]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	for (i = 0; i < 250 && name[0] && there(root, "traces", name); i++)
		usleep(20000);
	ok(name[0] && !there(root, "traces", name),
	   "a session's process killed: its guardian removes its trace, of a configfs named relative (%s)",
	   name);
}

/* ---- Events from records. ---- */

struct calls {
	int n, tasks, lost_n;
	int ret;		/* what the callback returns */
	uint64_t lost;
	pid_t last_pid;
	enum sct_event_type last_type;
	char log[2048];
};

static int sys_cb(struct sct_session *s, const struct sct_event *ev,
		  void *priv)
{
	struct calls *c = priv;

	(void)s;
	c->n++;
	c->last_pid = sct_event_pid(ev);
	c->last_type = sct_event_type(ev);
	return c->ret;
}

static int task_cb(struct sct_session *s, const struct sct_event *ev,
		   void *priv)
{
	struct calls *c = priv;
	size_t len = strlen(c->log);

	(void)s;
	c->tasks++;
	c->last_pid = sct_event_pid(ev);
	c->last_type = sct_event_type(ev);
	switch (sct_event_type(ev)) {
	case SCT_EVENT_FORK:
		snprintf(c->log + len, sizeof(c->log) - len, "fork %d %d/%d;",
			 (int)sct_event_pid(ev), (int)sct_event_child_pid(ev),
			 (int)sct_event_child_tid(ev));
		break;
	case SCT_EVENT_EXEC:
		snprintf(c->log + len, sizeof(c->log) - len, "exec %d %s;",
			 (int)sct_event_pid(ev),
			 sct_event_exec_path(ev) ?: "(null)");
		break;
	case SCT_EVENT_SIGNAL:
		snprintf(c->log + len, sizeof(c->log) - len, "signal %d %d;",
			 (int)sct_event_pid(ev), sct_event_signal(ev));
		break;
	case SCT_EVENT_EXIT:
		snprintf(c->log + len, sizeof(c->log) - len, "exit %d/%d %d;",
			 (int)sct_event_pid(ev), (int)sct_event_tid(ev),
			 sct_event_exit_status(ev));
		break;
	default:
		break;
	}
	return c->ret;
}

static int lost_cb(struct sct_session *s, const struct sct_event *ev,
		   void *priv)
{
	struct calls *c = priv;

	(void)s;
	c->lost_n++;
	c->lost += sct_event_lost(ev);
	return SCT_CB_DETACH;
}

/* What the accessors say of a call, as one line. */
static const struct sct_event *seen_ev;
static char seen[1024];

static int show_cb(struct sct_session *s, const struct sct_event *ev,
		   void *priv)
{
	const char *strs[4] = { 0 };
	const void *data;
	uint64_t a[6], bad;
	uint32_t count = 0;
	int64_t rv = 0;
	size_t len;
	int kinds[6], i, nstr, rret;

	(void)s;
	(void)priv;
	seen_ev = ev;
	for (i = 0; i < 6; i++) {
		sct_event_arg(ev, i + 1, &a[i]);
		kinds[i] = sct_event_data(ev, i + 1, &data, &len);
	}
	rret = sct_event_retval(ev, &rv);
	nstr = sct_event_strv(ev, 4, strs, 4, &count);
	sct_event_data(ev, 3, &data, &len);
	snprintf(seen, sizeof(seen),
		 "%d/%d %s %d abi %d %s id %llu args %llu,%llu,%llu,%llu,%llu,%llu ret %d:%lld kinds %d,%d,%d,%d,%d,%d path %s bytes %zu:%.4s strv %d/%u %s,%s badarg %d,%d str1 %s",
		 (int)sct_event_pid(ev), (int)sct_event_tid(ev),
		 sct_event_syscall_name(ev), sct_event_syscall(ev),
		 sct_event_abi(ev), sct_event_is_entry(ev) ? "entry" : "exit",
		 (unsigned long long)sct_event_call_id(ev),
		 (unsigned long long)a[0], (unsigned long long)a[1],
		 (unsigned long long)a[2], (unsigned long long)a[3],
		 (unsigned long long)a[4], (unsigned long long)a[5],
		 rret, (long long)rv, kinds[0], kinds[1], kinds[2], kinds[3],
		 kinds[4], kinds[5], sct_event_string(ev, 2) ?: "(null)",
		 len, data ? (const char *)data : "", nstr, count,
		 strs[0] ?: "-", strs[1] ?: "-", sct_event_arg(ev, 0, &bad),
		 sct_event_arg(ev, 7, &bad),
		 sct_event_string(ev, 1) ?: "(null)");
	return SCT_CB_CONTINUE;
}

/* A record's buffer: aligned, zeroed. */
static uint64_t rbuf[512];

/* An item's bytes at @*pos of @base, for record @hdr. */
static void item(char *base, struct sct_record_data *d, size_t *pos,
		 int kind, const void *bytes, size_t len)
{
	d->kind = kind;
	d->off = *pos;
	d->len = len;
	memcpy(base + *pos, bytes, len);
	*pos += (len + 7) & ~7UL;
}

/* Six items at @d, with their bytes at @pos of @base; return the end. */
static size_t items(char *base, struct sct_record_data *d, size_t pos)
{
	static const char strv[] = "\3\0\0\0ls\0-l\0/tm";

	d[0].kind = SCT_DATA_FAULT;
	item(base, &d[1], &pos, SCT_DATA_STRING, "/etc/passwd", 12);
	item(base, &d[2], &pos, SCT_DATA_BYTES_TRUNC, "abcd", 4);
	item(base, &d[3], &pos, SCT_DATA_STRV_TRUNC, strv, sizeof(strv) - 1);
	return pos;
}

static const struct sct_record_header *compact(pid_t pid, pid_t tid,
					       uint64_t rule, int when)
{
	struct sct_record_syscall *r = (void *)rbuf;
	size_t i;

	memset(rbuf, 0, sizeof(rbuf));
	r->hdr.type = SCT_RECORD_SYSCALL;
	r->hdr.version = SCT_RECORD_VERSION;
	r->time_ns = 1000;
	r->call_id = 77;
	r->rule_id = rule;
	r->nr = 257;	/* openat */
	r->when = when;
	r->abi = SCT_ABI_NATIVE;
	r->pid = pid;
	r->tid = tid;
	for (i = 0; i < 6; i++)
		r->args[i] = i + 10;
	r->retval = when ? 3 : 0;
	r->data_off = sizeof(*r);
	r->hdr.size = items((char *)r, (void *)(r + 1),
			    sizeof(*r) + 6 * sizeof(struct sct_record_data));
	return &r->hdr;
}

static const struct sct_record_header *full(pid_t pid, uint64_t rule)
{
	struct sct_record_call *r = (void *)rbuf;
	size_t i;

	memset(rbuf, 0, sizeof(rbuf));
	r->hdr.type = SCT_RECORD_CALL;
	r->hdr.version = SCT_RECORD_VERSION;
	r->rule_id = rule;
	r->nr = 5;	/* ia32 open */
	r->abi = SCT_ABI_COMPAT;
	r->when = SCT_WHEN_AFTER;
	r->pid = pid;
	r->tid = pid + 1;
	for (i = 0; i < 6; i++)
		r->args[i] = i + 20;
	r->retval = -2;
	r->call_id = 88;
	/* Items of a full record are its param[], bytes after the record. */
	r->hdr.size = items((char *)r, r->param, sizeof(*r));
	return &r->hdr;
}

static const struct sct_record_header *task(int event, pid_t pid, pid_t tid,
					    int a, int b, const char *path)
{
	struct sct_record_task *t = (void *)rbuf;

	memset(rbuf, 0, sizeof(rbuf));
	t->hdr.type = SCT_RECORD_TASK;
	t->hdr.version = SCT_RECORD_VERSION;
	t->hdr.size = sizeof(*t);
	t->event = event;
	t->pid = pid;
	t->tid = tid;
	t->child_pid = a;
	t->child_tid = b;
	t->signo = a;
	t->status = a;
	t->old_tid = b;
	if (path) {
		t->path.off = sizeof(*t);
		t->path.len = strlen(path) + 1;
		t->path.kind = SCT_DATA_STRING;
		strcpy((char *)t + sizeof(*t), path);
		t->hdr.size += (t->path.len + 7) & ~7UL;
	}
	return &t->hdr;
}

static const struct sct_record_header *lost(uint64_t count)
{
	struct sct_record_lost *l = (void *)rbuf;

	memset(rbuf, 0, sizeof(rbuf));
	l->hdr.type = SCT_RECORD_LOST;
	l->hdr.size = sizeof(*l);
	l->hdr.seq = 5;
	l->count = count;
	return &l->hdr;
}

static void test_events(const char *root)
{
	struct calls a = { 0 }, t = { 0 }, l = { 0 };
	struct sct_session *s = NULL;
	unsigned long long ns = 0;
	const char *want;
	char trace[64];
	int id, ret;

	(void)root;
	ret = sct_session_new(&s, 0);
	if (!ok(ret == 0, "sct_session_new on a fake configfs (%d: %s)", ret,
		sct_error_detail()))
		return;
	snprintf(trace, sizeof(trace), "%s", sct_session_trace_name(s));
	ok(there(root, "traces", trace) &&
	   sct_session_name_owner(trace, &ns, &(pid_t){ 0 },
				  &(unsigned long long){ 0 }) == 0 &&
	   ns == my_ns(),
	   "the session made its trace, named _sct.NS.PID.START.N (%s)", trace);
	ok(sct_session_new(&(struct sct_session *){ NULL }, 1) == -EINVAL,
	   "unknown flags are -EINVAL");
	ok(sct_session_set_buffer_size(s, 100) == -ERANGE &&
	   sct_session_set_capture_size(s, 5000) == -ERANGE &&
	   sct_session_set_overflow(s, 7) == -EINVAL &&
	   sct_session_set_records(s, 7) == -EINVAL &&
	   sct_session_set_buffer_size(s, 65536) == 0 &&
	   sct_session_set_records(s, SCT_RECORDS_FULL) == 0,
	   "setters check their values");

	id = sct_session_trace(s, "openat", SCT_TRACE_BOTH, show_cb, NULL);
	ok(id == 1, "a selection, before the session started");
	sct_session_test_bind(s, id, 101, 102);
	ok(sct_session_feed(s, compact(50, 51, 101, SCT_WHEN_BEFORE)) ==
	   SCT_CB_CONTINUE && seen_ev,
	   "a compact record of the selection's rule reaches its callback");
	want = "50/51 openat 257 abi 0 entry id 77 args 10,11,12,13,14,15 ret -61:0 kinds 4,1,6,8,0,0 path /etc/passwd bytes 4:abcd strv 2/3 ls,-l badarg -22,-22 str1 (null)";
	if (!ok(!strcmp(seen, want), "compact entry: every accessor"))
		printf("# got  %s\n# want %s\n", seen, want);
	seen_ev = NULL;
	sct_session_feed(s, full(60, 102));
	want = "60/61 open 5 abi 1 exit id 88 args 20,21,22,23,24,25 ret 0:-2 kinds 4,1,6,8,0,0 path /etc/passwd bytes 4:abcd strv 2/3 ls,-l badarg -22,-22 str1 (null)";
	if (!ok(seen_ev && !strcmp(seen, want),
		"full exit record: every accessor, ia32's name"))
		printf("# got  %s\n# want %s\n", seen, want);
	seen_ev = NULL;
	sct_session_feed(s, compact(50, 51, 999, SCT_WHEN_BEFORE));
	ok(!seen_ev, "a record of another rule reaches no callback");

	/* Tasks, detach, stop, lost. */
	sct_session_trace(s, "getpid", SCT_TRACE_ENTRY, sys_cb, &a);
	sct_session_test_bind(s, 2, 201, 0);
	sct_session_on_task(s, SCT_EVENT_TASK_ALL, task_cb, &t);
	sct_session_on_lost(s, lost_cb, &l);
	sct_session_test_task(s, 70, 70);
	sct_session_feed(s, task(SCT_TASK_FORK, 70, 70, 71, 71, NULL));
	sct_session_feed(s, task(SCT_TASK_FORK, 70, 70, 70, 72, NULL));
	ok(sct_session_processes(s) == 2,
	   "fork events: a process and a thread are followed");
	sct_session_feed(s, task(SCT_TASK_EXEC, 71, 71, 0, 71, "/bin/ls"));
	sct_session_feed(s, task(SCT_TASK_SIGNAL, 71, 71, 10, 0, NULL));
	sct_session_feed(s, task(SCT_TASK_EXIT, 71, 71, 3 << 8, 0, NULL));
	ok(!strcmp(t.log, "fork 70 71/71;fork 70 70/72;exec 71 /bin/ls;signal 71 10;exit 71/71 768;"),
	   "task events: fork, exec, signal, exit, with their accessors (%s)",
	   t.log);
	ok(sct_session_processes(s) == 1, "an exit event ends the process");
	sct_session_feed(s, lost(12));
	ok(l.lost_n == 1 && l.lost == 12,
	   "a lost record: the lost callback, with the count");

	a.ret = SCT_CB_DETACH;
	sct_session_feed(s, compact(70, 72, 201, SCT_WHEN_BEFORE));
	ok(a.n == 1 && sct_session_processes(s) == 0,
	   "DETACH: the process is no longer followed");
	a.ret = SCT_CB_CONTINUE;
	sct_session_feed(s, compact(70, 70, 201, SCT_WHEN_BEFORE));
	t.tasks = 0;
	sct_session_feed(s, task(SCT_TASK_FORK, 70, 70, 73, 73, NULL));
	sct_session_feed(s, compact(73, 73, 201, SCT_WHEN_BEFORE));
	sct_session_feed(s, task(SCT_TASK_EXIT, 73, 73, 0, 0, NULL));
	ok(a.n == 1 && t.tasks == 0 && sct_session_processes(s) == 0,
	   "DETACH: its events, and those of the children it makes, are dropped");
	a.ret = SCT_CB_STOP;
	sct_session_test_task(s, 80, 80);
	ok(sct_session_feed(s, compact(80, 80, 201, SCT_WHEN_BEFORE)) ==
	   SCT_CB_STOP && a.n == 2, "STOP: the loop is told to stop");
	ok(sct_trace_stop(s) == 0 && sct_session_untrace(s, 9) == -ENOENT,
	   "sct_trace_stop; untrace of no selection is -ENOENT");
	sct_session_free(s);
	ok(!there(root, "traces", trace), "sct_session_free removes the trace");
}

/* ---- Members. ---- */

static int release_fd = -1;

static void on_alarm(int sig)
{
	(void)sig;
	if (write(release_fd, "x", 1) < 0) {
	}
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * The exit record of a spawned process's last known thread does not
 * make the session wait for the process: it may have threads the
 * session does not know of, sleeping on the stream the session reads.
 * Here the process still runs; an alarm releases it after 3 s, which
 * is how long the feed took when it waited.
 */
static void test_exit_nowait(void)
{
	struct sct_session *s;
	int p[2], st;
	pid_t pid;
	double t;
	char c;

	if (sct_session_new(&s, 0) || pipe(p))
		return;
	fflush(stdout);
	pid = fork();
	if (!pid) {
		close(p[1]);
		_exit(read(p[0], &c, 1) == 1 ? 0 : 1);
	}
	close(p[0]);
	release_fd = p[1];
	/* The alarm may have released it already. */
	signal(SIGPIPE, SIG_IGN);
	sct_session_test_task(s, pid, pid);
	sct_session_test_spawned(s, pid);
	signal(SIGALRM, on_alarm);
	alarm(3);
	t = now();
	sct_session_feed(s, task(SCT_TASK_EXIT, pid, pid, 0, 0, NULL));
	t = now() - t;
	ok(t < 1.5 && sct_session_processes(s) == 0,
	   "an exit record: the session does not wait for the process (%.1f s)",
	   t);
	alarm(0);
	if (write(p[1], "x", 1) < 0) {
	}
	close(p[1]);
	/* The session reaps it once it is a zombie. */
	for (st = 0; st < 250 && !kill(pid, 0); st++) {
		sct_session_test_check(s);
		if (waitpid(pid, NULL, WNOHANG) < 0 && errno == ECHILD)
			break;
		usleep(20000);
	}
	ok(waitpid(pid, NULL, WNOHANG) < 0 && errno == ECHILD,
	   "and reaps it once it has exited");
	signal(SIGALRM, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	sct_session_free(s);
}

static void *sleeper(void *arg)
{
	char c;

	return (void *)(long)read(*(int *)arg, &c, 1);
}

/* Process @pid's state, field 3 of /proc/PID/stat; 0 for none. */
static char state_of(pid_t pid)
{
	char path[64], buf[512], *p;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	p = fgets(buf, sizeof(buf), f) ? strrchr(buf, ')') : NULL;
	fclose(f);
	return p && p[1] ? p[2] : 0;
}

/*
 * A member whose leader exited (a zombie) while another thread runs is
 * still followed when the session checks its members.
 */
static void test_zombie_leader(void)
{
	struct sct_session *s;
	int p[2], i;
	pthread_t t;
	pid_t pid;

	if (sct_session_new(&s, 0) || pipe(p))
		return;
	fflush(stdout);
	pid = fork();
	if (!pid) {
		close(p[1]);
		if (pthread_create(&t, NULL, sleeper, &p[0]))
			_exit(1);
		/* The leader alone exits. */
		syscall(SYS_exit, 0);
	}
	close(p[0]);
	for (i = 0; i < 250 && state_of(pid) != 'Z'; i++)
		usleep(20000);
	sct_session_test_task(s, pid, pid);
	sct_session_test_check(s);
	ok(state_of(pid) == 'Z' && sct_session_processes(s) == 1,
	   "a zombie leader with a thread left: still followed (%c)",
	   state_of(pid));
	close(p[1]);
	for (i = 0; i < 250 && sct_session_processes(s); i++) {
		usleep(20000);
		sct_session_test_check(s);
	}
	ok(sct_session_processes(s) == 0,
	   "and forgotten once its last thread exited");
	waitpid(pid, NULL, 0);
	sct_session_free(s);
}

/*
 * Detached processes are forgotten when they exit, or when their PID
 * comes again in a fork; untraced selections' slots are used again.
 */
static void test_detach_reuse(void)
{
	struct calls a = { 0 }, t = { 0 };
	struct sct_session *s;
	int id, id2, id3;

	if (sct_session_new(&s, 0))
		return;
	id = sct_session_trace(s, "getpid", SCT_TRACE_ENTRY, sys_cb, &a);
	sct_session_test_bind(s, id, 301, 0);
	sct_session_on_task(s, SCT_EVENT_TASK_ALL, task_cb, &t);
	sct_session_test_task(s, NO_PID, NO_PID);
	a.ret = SCT_CB_DETACH;
	sct_session_feed(s, compact(NO_PID, NO_PID, 301, SCT_WHEN_BEFORE));
	a.ret = SCT_CB_CONTINUE;
	sct_session_feed(s, compact(NO_PID, NO_PID, 301, SCT_WHEN_BEFORE));
	ok(a.n == 1, "a detached process's events are dropped");
	sct_session_feed(s, task(SCT_TASK_EXIT, NO_PID, NO_PID, 0, 0, NULL));
	sct_session_feed(s, compact(NO_PID, NO_PID, 301, SCT_WHEN_BEFORE));
	ok(a.n == 2, "once it exited, a process with its PID is reported");

	/* A PID detached, then a member's new child with it. */
	sct_session_test_task(s, 90, 90);
	sct_session_test_task(s, NO_PID - 1, NO_PID - 1);
	a.ret = SCT_CB_DETACH;
	sct_session_feed(s, compact(NO_PID - 1, NO_PID - 1, 301,
				    SCT_WHEN_BEFORE));
	a.ret = SCT_CB_CONTINUE;
	sct_session_feed(s, task(SCT_TASK_FORK, 90, 90, NO_PID - 1,
				 NO_PID - 1, NULL));
	sct_session_feed(s, compact(NO_PID - 1, NO_PID - 1, 301,
				    SCT_WHEN_BEFORE));
	ok(a.n == 4 && sct_session_processes(s) == 2,
	   "a member's child with a detached PID is followed and reported (%d)",
	   a.n);

	id2 = sct_session_trace(s, "getppid", SCT_TRACE_ENTRY, sys_cb, &a);
	ok(sct_session_untrace(s, id) == 0 &&
	   (id3 = sct_session_trace(s, "getuid", SCT_TRACE_BOTH, sys_cb,
				    &a)) == id && id2 == id + 1,
	   "an untraced selection's id (and slot) is used again");
	ok(sct_session_attach(s, 0) == -EINVAL &&
	   sct_session_attach(s, -5) == -EINVAL &&
	   sct_session_set_buffer_size(s, 65536) == 0,
	   "attach: a PID that is not positive is -EINVAL, and the session is not started");
	sct_session_free(s);
}

/* ---- Item tests: the guardian's set, liveness, the end, spawn, loss. ---- */

/* A path under @root: ROOT/SUB/NAME[/FILE]. */
static void path_of(char *buf, const char *root, const char *sub,
		    const char *name, const char *file)
{
	snprintf(buf, PATH_MAX, "%s/%s/%s%s%s", root, sub, name,
		 file ? "/" : "", file ? file : "");
}

/* Write @text to ROOT/SUB/NAME/FILE, made if need be. */
static bool put_attr(const char *root, const char *sub, const char *name,
		     const char *file, const char *text)
{
	char path[PATH_MAX];
	FILE *f;
	bool ret;

	path_of(path, root, sub, name, file);
	f = fopen(path, "w");
	if (!f)
		return false;
	ret = fputs(text, f) >= 0;
	return !fclose(f) && ret;
}

static void rm_there(const char *root, const char *sub, const char *name)
{
	char path[PATH_MAX];

	path_of(path, root, sub, name, NULL);
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Wait up to 5 s for process @pid (not a child) to be gone. */
static bool gone_within(pid_t pid)
{
	int i;

	for (i = 0; i < 250 && !kill(pid, 0); i++)
		usleep(20000);
	return kill(pid, 0) && errno == ESRCH;
}

/*
 * The guardian, spoken to directly: it keeps reading past 64 KiB of
 * lines, acts on nothing before the end of file, holds the live names
 * alone ("- NAME" forgets one), and binds the session's token while it
 * runs.
 */
static void test_guardian_set(const char *root)
{
	char *argv[] = { "sct-guardian", (char *)root, "_sct.1.2.3.4", NULL };
	char line[128], *envp[] = { NULL };
	posix_spawn_file_actions_t fa;
	int sv[2], i, st, len = 0;
	size_t sent = 0;
	bool all = true;
	pid_t pid, g;
	ssize_t n;

	mkdirs(root, "traces", "g-keep");
	mkdirs(root, "traces", "g-mine");
	mkdirs(root, "rules", "g-forgot");
	mkdirs(root, "rules", "g-rule");
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) ||
	    posix_spawn_file_actions_init(&fa) ||
	    posix_spawn_file_actions_adddup2(&fa, sv[1], 0) ||
	    posix_spawn(&pid, TEST_GUARDIAN, &fa, NULL, argv, envp)) {
		ok(false, "guardian set: the set-up");
		return;
	}
	posix_spawn_file_actions_destroy(&fa);
	close(sv[1]);
	waitpid(pid, &st, 0);
	n = read(sv[0], line, sizeof(line) - 1);
	line[n > 0 ? n : 0] = '\0';
	g = atoi(line);
	ok(WIFEXITED(st) && !WEXITSTATUS(st) && g > 0,
	   "guardian set: it runs (PID %d)", (int)g);
	ok(token_listed("_sct.1.2.3.4"),
	   "the guardian holds its session's token");
	/* A trace, a rule that the session removes itself, and a live one. */
	dprintf(sv[0], "T g-mine\nR g-forgot\nR g-rule\n- g-forgot\n");
	/* 128 KiB of names made and removed, as traces and untraces do. */
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; all && sent < 128 * 1024; i++) {
		len = snprintf(line, sizeof(line),
			       "R _sct.4026531836.1234567.12345678901.1.%d\n- _sct.4026531836.1234567.12345678901.1.%d\n",
			       i, i);
		all &= write(sv[0], line, len) == len;
		sent += len;
	}
	signal(SIGPIPE, SIG_DFL);
	usleep(300000);
	ok(all && there(root, "traces", "g-mine") &&
	   there(root, "rules", "g-rule") && !kill(g, 0),
	   "past 64 KiB of names, the guardian still runs and has removed nothing (%zu bytes)",
	   sent);
	close(sv[0]);
	ok(gone_within(g), "the end of file ends the guardian");
	ok(!there(root, "traces", "g-mine") && !there(root, "rules", "g-rule"),
	   "then it removes the live names it holds");
	ok(there(root, "rules", "g-forgot") && there(root, "traces", "g-keep"),
	   "and not a name the session removed itself, nor others'");
	ok(!token_listed("_sct.1.2.3.4"), "its token is gone with it");
	rm_there(root, "rules", "g-forgot");
	rm_there(root, "traces", "g-keep");
}

/*
 * A session that makes and removes many rules (here its rules cannot be
 * made: the fake configfs has no attributes) keeps its trace while it
 * runs, past 64 KiB of names.
 */
static void test_many_names(const char *root)
{
	struct sct_session *s;
	char trace[80] = "";
	int p[2], q[2], i;
	pid_t pid;
	char c;

	if (pipe(p) || pipe(q))
		return;
	fflush(stdout);
	pid = fork();
	if (!pid) {
		close(p[0]);
		close(q[1]);
		if (sct_session_new(&s, 0) ||
		    sct_session_test_start(s, "/dev/null"))
			_exit(1);
		for (i = 0; i < 2000; i++)
			sct_session_trace(s, "getpid", SCT_TRACE_BOTH, sys_cb,
					  NULL);
		if (write(p[1], sct_session_trace_name(s),
			  strlen(sct_session_trace_name(s)) + 1) < 0 ||
		    read(q[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(p[1]);
	close(q[0]);
	if (pid < 0 || read(p[0], trace, sizeof(trace) - 1) <= 0)
		trace[0] = '\0';
	usleep(300000);
	ok(trace[0] && there(root, "traces", trace),
	   "a session that made 4000 rule names keeps its trace while it runs (%s)",
	   trace);
	close(q[1]);
	close(p[0]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	for (i = 0; i < 250 && trace[0] && there(root, "traces", trace); i++)
		usleep(20000);
	ok(trace[0] && !there(root, "traces", trace),
	   "and its guardian removes it once the process exits");
}

/* Bind the token of session @name; return the socket, or -1. */
static int token_bind(const char *name)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd, len;

	len = snprintf(sun.sun_path + 1, sizeof(sun.sun_path) - 1,
		       "sct-session/%s", name);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd >= 0 && bind(fd, (struct sockaddr *)&sun,
			    offsetof(struct sockaddr_un, sun_path) + 1 + len)) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* Names whose START says "dead", of owners that live. */
static void test_liveness(const char *root)
{
	unsigned long long me = my_start(), ns = my_ns(), start = 0;
	char name[80], rule[96], buf[64];
	int p[2], q[2], fd, st = 0;
	ssize_t n;
	pid_t pid;

	/* A live session's token: whatever its START says, it lives. */
	snprintf(name, sizeof(name), "_sct.%llu.%d.%llu.5", ns, (int)getpid(),
		 me + 7);
	snprintf(rule, sizeof(rule), "%s.1", name);
	mkdirs(root, "traces", name);
	mkdirs(root, "rules", rule);
	fd = token_bind(name);
	ok(fd >= 0 && sct_session_cleanup() == 0 &&
	   there(root, "traces", name) && there(root, "rules", rule),
	   "a session whose token is held stays, its START notwithstanding");
	close(fd);
	ok(sct_session_cleanup() == 2 && !there(root, "traces", name) &&
	   !there(root, "rules", rule),
	   "without its token, the same is a reused PID's: removed");

	/* An owner in a time namespace of its own, with a boot-time offset. */
	if (pipe(p) || pipe(q))
		return;
	fflush(stdout);
	pid = fork();
	if (!pid) {
		pid_t in;
		FILE *f;

		close(p[0]);
		close(q[1]);
		if (unshare(CLONE_NEWTIME))
			_exit(4);
		f = fopen("/proc/self/timens_offsets", "w");
		if (!f || fprintf(f, "boottime 100000 0\n") < 0 || fclose(f))
			_exit(4);
		in = fork();
		if (!in) {
			start = my_start();
			if (dprintf(p[1], "%d %llu\n", (int)getpid(), start) < 0 ||
			    read(q[0], buf, 1) < 0)
				_exit(1);
			_exit(0);
		}
		close(p[1]);
		waitpid(in, &st, 0);
		_exit(0);
	}
	close(p[1]);
	close(q[0]);
	n = pid > 0 ? read(p[0], buf, sizeof(buf) - 1) : -1;
	buf[n > 0 ? n : 0] = '\0';
	if (n <= 0) {
		waitpid(pid, &st, 0);
		ok(WIFEXITED(st) && WEXITSTATUS(st) == 4,
		   "an owner of another time namespace stays # SKIP no time namespace");
	} else {
		pid_t owner = atoi(buf);

		start = strtoull(strchr(buf, ' ') + 1, NULL, 10);
		snprintf(name, sizeof(name), "_sct.%llu.%d.%llu.1", ns,
			 (int)owner, start);
		mkdirs(root, "traces", name);
		ok(start != my_start() && sct_session_cleanup() == 0 &&
		   there(root, "traces", name),
		   "a live owner of another time namespace stays (%s)", name);
		rm_there(root, "traces", name);
		close(q[1]);
		waitpid(pid, &st, 0);
	}
	close(p[0]);

	/* A live owner that /proc hides (hidepid=2), seen by another user. */
	snprintf(name, sizeof(name), "_sct.%llu.%d.%llu.9", ns, (int)getpid(),
		 me);
	mkdirs(root, "traces", name);
	chmod(root, 0755);
	path_of(buf, root, "traces", "", NULL);
	chmod(buf, 0777);
	fflush(stdout);
	pid = fork();
	if (!pid) {
		if (unshare(CLONE_NEWNS) ||
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
		    mount("proc", "/proc", "proc", 0, "hidepid=2"))
			_exit(4);
		if (setresgid(65534, 65534, 65534) ||
		    setresuid(65534, 65534, 65534))
			_exit(4);
		_exit(sct_session_cleanup() == 0 &&
		      there(root, "traces", name) ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 4)
		ok(true, "an owner hidden by hidepid stays # SKIP no mount");
	else
		ok(WIFEXITED(st) && !WEXITSTATUS(st) &&
		   there(root, "traces", name),
		   "an owner that hidepid hides from the caller stays (status 0x%x)",
		   st);
	chmod(buf, 0755);
	chmod(root, 0700);
	rm_there(root, "traces", name);
}

/* sct_session_dispatch() at the end of a removed trace's stream. */
static void test_dispatch_end(const char *root)
{
	char path[PATH_MAX];
	struct sct_session *s;
	int ret;

	snprintf(path, sizeof(path), "%s/empty-stream", root);
	if (!put_attr(root, "", "", "empty-stream", "") ||
	    sct_session_new(&s, 0))
		return;
	ret = sct_session_test_start(s, path);
	if (!ret)
		ret = sct_session_dispatch(s);
	ok(ret == -ENOENT && strstr(sct_error_detail(), "removed"),
	   "dispatch: the end of the stream of a removed trace is -ENOENT (%d: %s)",
	   ret, sct_error_detail());
	sct_session_free(s);
	unlink(path);
}

static int hook_fd = -1;

/* The caller dies after spawn's fork, before it releases the child. */
static void die_after_fork(pid_t child)
{
	if (dprintf(hook_fd, "%d\n", (int)child) < 0) {
	}
	raise(SIGKILL);
}

/* A spawned child whose caller died before releasing it exits 127. */
static void test_spawn_orphan(const char *root)
{
	int p[2], st = -1;
	pid_t helper;

	if (pipe(p))
		return;
	fflush(stdout);
	helper = fork();
	if (!helper) {
		char buf[32] = "";
		pid_t caller, child;
		int i;

		/* The helper takes the orphan, to see its status. */
		if (prctl(PR_SET_CHILD_SUBREAPER, 1))
			_exit(4);
		caller = fork();
		if (!caller) {
			char *argv[] = { "true", NULL };
			struct sct_session *s;

			close(p[0]);
			hook_fd = p[1];
			if (sct_session_new(&s, 0) ||
			    !put_attr(root, "traces",
				      sct_session_trace_name(s), "add", "") ||
			    sct_session_test_start(s, "/dev/null"))
				_exit(1);
			sct_session_test_spawn_hook = die_after_fork;
			sct_session_spawn(s, argv, NULL);
			_exit(1);
		}
		close(p[1]);
		if (read(p[0], buf, sizeof(buf) - 1) <= 0)
			_exit(5);
		child = atoi(buf);
		waitpid(caller, NULL, 0);
		for (i = 0; i < 250; i++) {
			if (waitpid(child, &st, WNOHANG) == child)
				_exit(WIFEXITED(st) && WEXITSTATUS(st) == 127 ?
				      0 : 6);
			usleep(20000);
		}
		kill(child, SIGKILL);
		_exit(7);
	}
	close(p[0]);
	close(p[1]);
	waitpid(helper, &st, 0);
	ok(WIFEXITED(st) && !WEXITSTATUS(st),
	   "spawn: a child whose caller died before releasing it exits 127 (status 0x%x)",
	   st);
}

/*
 * Lost records: a spawned child is no longer taken for one that has not
 * run its command (its execve may be lost).  Members: more than 512 in
 * the trace's pids.
 */
static void test_lost_members(const char *root)
{
	char *argv[] = { "true", NULL };
	struct calls a = { 0 };
	struct sct_session *s;
	char *pids, line[32];
	size_t len = 0;
	int p[2], i, id;
	pid_t child, live;

	if (sct_session_new(&s, 0))
		return;
	/* The selection is made before the session starts: no rule. */
	id = sct_session_trace(s, "openat", SCT_TRACE_ENTRY, sys_cb, &a);
	if (id != 1 ||
	    !put_attr(root, "traces", sct_session_trace_name(s), "add", "") ||
	    sct_session_test_start(s, "/dev/null") ||
	    sct_session_spawn(s, argv, &child)) {
		ok(false, "lost: the set-up (%s)", sct_error_detail());
		sct_session_free(s);
		return;
	}
	sct_session_test_bind(s, id, 401, 0);
	sct_session_feed(s, compact(child, child, 401, SCT_WHEN_BEFORE));
	ok(a.n == 0, "a spawned child's calls before its execve are not reported");
	sct_session_feed(s, lost(4));
	sct_session_feed(s, compact(child, child, 401, SCT_WHEN_BEFORE));
	ok(a.n == 1,
	   "after lost records, its calls are reported (its execve may be lost)");
	sct_session_free(s);
	waitpid(child, NULL, 0);

	/* 599 PIDs gone, then a live one: the 600th entry. */
	if (sct_session_new(&s, 0) || pipe(p))
		return;
	fflush(stdout);
	live = fork();
	if (!live) {
		close(p[1]);
		_exit(read(p[0], line, 1) < 0);
	}
	close(p[0]);
	pids = malloc(700 * 16);
	for (i = 0; pids && i < 599; i++)
		len += sprintf(pids + len, "%d\n", NO_PID + 1 + i);
	if (pids)
		sprintf(pids + len, "%d\n", (int)live);
	ok(pids && put_attr(root, "traces", sct_session_trace_name(s),
			    "pids", pids),
	   "a trace of 600 processes");
	sct_session_test_check(s);
	ok(sct_session_processes(s) == 1,
	   "the check of members reads past 512 PIDs: the 600th is followed (%d)",
	   sct_session_processes(s));
	free(pids);
	close(p[1]);
	waitpid(live, NULL, 0);
	sct_session_free(s);
}

/* What late_record() does, when the session checks its members. */
struct late {
	char pids[PATH_MAX];	/* the trace's pids: a FIFO */
	int stream;		/* the writer's end of the session's stream */
	int release;		/* closed: the member exits */
	pid_t member;
	uint64_t rec[64];	/* the member's last record */
	bool checked;		/* the session opened the pids */
};

/*
 * Once the session checks its members (it opens the trace's pids, a
 * FIFO here, and waits for its writer), the member writes its last
 * record to the stream and exits; the check reads on once the member is
 * a zombie, and so finds it gone with its last record not read yet, as
 * a member that finishes while the session checks.  Later checks read a
 * plain file.
 */
static void *late_record(void *arg)
{
	struct late *l = arg;
	const struct sct_record_header *hdr = (const void *)l->rec;
	int fd = -1, i;
	FILE *f;

	for (i = 0; i < 1000 && fd < 0; i++) {
		/* ENXIO until the session opens it. */
		fd = open(l->pids, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			usleep(10000);
	}
	l->checked = fd >= 0;
	if (l->checked && write(l->stream, hdr, hdr->size) != hdr->size)
		l->checked = false;
	close(l->release);
	for (i = 0; i < 500 && state_of(l->member) != 'Z'; i++)
		usleep(10000);
	unlink(l->pids);
	f = fopen(l->pids, "w");
	if (f)
		fclose(f);
	if (fd >= 0)
		close(fd);
	return NULL;
}

/*
 * Run a session on a FIFO for its stream, with a member that exits as
 * late_record() says, after @lost lost records (0: none); @known: the
 * member is a task the session knows of, else a spawned process whose
 * threads it does not know (it waits to reap it, then checks).  With
 * @dispatch, one sct_session_dispatch() instead of sct_trace_run(), after
 * which the session must follow no process.  Return: what they returned,
 * or -1 for a set-up that failed.
 */
static int run_late(const char *root, struct calls *a, uint64_t lost_n,
		    bool known, bool dispatch)
{
	char stream[PATH_MAX];
	const struct sct_record_header *hdr;
	struct sct_session *s;
	struct late l = { .stream = -1, .release = -1 };
	int p[2], ret = -1, id;
	bool started = false;
	pthread_t t;

	if (sct_session_new(&s, 0))
		return -1;
	snprintf(stream, sizeof(stream), "%s/late-stream", root);
	path_of(l.pids, root, "traces", sct_session_trace_name(s), "pids");
	unlink(stream);
	unlink(l.pids);
	id = sct_session_trace(s, "openat", SCT_TRACE_ENTRY, sys_cb, a);
	sct_session_on_lost(s, lost_cb, a);
	if (id != 1 || mkfifo(stream, 0600) || mkfifo(l.pids, 0600))
		goto out;
	/* The session's reads never see the end of the FIFO: l.stream. */
	l.stream = open(stream, O_RDWR | O_CLOEXEC);
	if (l.stream < 0 || sct_session_test_start(s, stream) || pipe(p))
		goto out;
	sct_session_test_bind(s, id, 501, 0);
	fflush(stdout);
	l.member = fork();
	if (!l.member) {
		char c;

		close(p[1]);
		_exit(read(p[0], &c, 1) < 0);
	}
	close(p[0]);
	l.release = p[1];
	if (l.member < 0)
		goto out;
	if (known)
		sct_session_test_task(s, l.member, l.member);
	sct_session_test_spawned(s, l.member);
	if (lost_n) {
		hdr = lost(lost_n);
		if (write(l.stream, hdr, hdr->size) != hdr->size)
			goto out;
	}
	memcpy(l.rec, compact(l.member, l.member, 501, SCT_WHEN_BEFORE),
	       sizeof(l.rec));
	started = !pthread_create(&t, NULL, late_record, &l);
	if (!started)
		goto out;
	ret = dispatch ? sct_session_dispatch(s) : sct_trace_run(s);
	pthread_join(t, NULL);
	if (!l.checked || (dispatch && sct_session_processes(s)))
		ret = -1;
out:
	/* The member exits; ECHILD if the session reaped it. */
	if (!started && l.release >= 0)
		close(l.release);
	if (l.member > 0)
		waitpid(l.member, NULL, 0);
	if (l.stream >= 0)
		close(l.stream);
	sct_session_free(s);
	unlink(stream);
	return ret;
}

/*
 * sct_trace_run() ends once its members are gone, with what they wrote
 * before they went all read: a member that the check of members (after
 * lost records, or while it waits to reap) finds gone may have written
 * its last records after the session's last read.
 */
static void test_gone_late(const char *root)
{
	struct calls a = { 0 };
	int ret;

	ret = run_late(root, &a, 3, true, false);
	ok(ret == 0 && a.n == 1 && a.lost == 3,
	   "a member the check after lost records finds gone: its last records are read (%d, %d calls)",
	   ret, a.n);
	memset(&a, 0, sizeof(a));
	ret = run_late(root, &a, 3, true, true);
	ok(ret == 0 && a.n == 1 && a.lost == 3,
	   "dispatch: likewise, before it returns with no member left (%d, %d calls)",
	   ret, a.n);
	memset(&a, 0, sizeof(a));
	ret = run_late(root, &a, 0, false, false);
	ok(ret == 0 && a.n == 1 && !a.lost_n,
	   "a spawned process the check while reaping finds gone: its last records are read (%d, %d calls)",
	   ret, a.n);
}

void test_session(void)
{
	char tmpl[] = "/tmp/sct-session-test.XXXXXX", dir[PATH_MAX];
	const char *root;

	test_names();
	root = mkdtemp(tmpl);
	if (!ok(root != NULL, "a directory for configfs, for sessions"))
		return;
	sct_set_path(SCT_PATH_CONFIGFS, root);
	sct_set_path(SCT_PATH_GUARDIAN, TEST_GUARDIAN);
	snprintf(dir, sizeof(dir), "%s/rules", root);
	mkdir(dir, 0755);
	snprintf(dir, sizeof(dir), "%s/traces", root);
	mkdir(dir, 0755);
	test_cleanup(root);
	test_other_pidns(root);
	test_guardian(root);
	test_guardian_cleanup(root);
	test_events(root);
	test_exit_nowait();
	test_zombie_leader();
	test_detach_reuse();
	test_guardian_set(root);
	test_many_names(root);
	test_liveness(root);
	test_dispatch_end(root);
	test_spawn_orphan(root);
	test_lost_members(root);
	test_gone_late(root);
	sct_set_path(SCT_PATH_CONFIGFS, NULL);
	sct_set_path(SCT_PATH_GUARDIAN, NULL);
	nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}
