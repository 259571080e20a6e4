// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sct-guardian: the guardian of a libsct tracing session (see NOTES in
 * sct_session_new(3)).  It is libsct's, not a command for users:
 * sct_session_new() starts it with posix_spawn(3), as
 *
 *   sct-guardian CONFIGFS SESSION
 *
 * with CONFIGFS sct's configfs directory, SESSION the name of the
 * session's trace, file descriptor 0 one end of a stream socket whose
 * other end the session's process holds, nothing else open, an empty
 * environment, every signal at its default and none blocked, in a
 * session of its own.
 *
 * It forks, and the process libsct started exits at once: libsct reaps
 * it, and the guardian, whose parent is gone, is not the caller's child.
 * The guardian goes to "/", binds the abstract Unix socket
 * "\0sct-session/SESSION", the session's token (while it is bound, the
 * session is guarded: cleanup by other sessions leaves its names alone),
 * says "PID\n" on the socket (its process ID: it runs), then reads lines
 * "R NAME\n" (a rule the session makes), "T NAME\n" (a trace) and
 * "- NAME\n" (a name the session removed itself) until the other end
 * closes, that is when the session's process frees the session or exits,
 * however it ends.  It acts on nothing before that end of file: it then
 * disables and removes the rules and removes the traces of the names it
 * holds that are still there, and exits, which frees the token.  It
 * ignores every signal it can, so that only SIGKILL ends it early: the
 * next session of the same PID namespace then cleans up once the owner
 * is gone (sct_session_new(3)).
 *
 * Exit status: 0; 1 when it could not fork; 2 for a wrong use (not three
 * arguments, or no socket on descriptor 0).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

/* The longest line it takes: "R " and a name of the kernel's 63 bytes. */
#define GUARD_LINE	128

/* Close every descriptor from 1 up, as close_range(2) does. */
static void close_from_1(void)
{
	struct dirent *de;
	long fd, max;
	DIR *dir;

#ifdef SYS_close_range
	if (!syscall(SYS_close_range, 1U, ~0U, 0))
		return;
#endif
	/* Before Linux 5.9: the descriptors /proc lists, else all. */
	dir = opendir("/proc/self/fd");
	if (dir) {
		while ((de = readdir(dir))) {
			fd = strtol(de->d_name, NULL, 10);
			if (fd >= 1 && fd != dirfd(dir))
				close(fd);
		}
		closedir(dir);
		return;
	}
	max = sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 65536)
		max = 65536;
	for (fd = 1; fd < max; fd++)
		close(fd);
}

/* ROOT/DIR/NAME[/ATTR] in @buf, cut at PATH_MAX. */
static void guard_path(char *buf, const char *root, const char *dir,
		       const char *name, const char *attr)
{
	snprintf(buf, PATH_MAX, "%s/%s/%s%s%s", root, dir, name,
		 attr ? "/" : "", attr ? attr : "");
}

/* The names the session made and has not removed itself. */
struct guard_name {
	char kind;		/* 'R' a rule, 'T' a trace */
	char *name;
};

static struct guard_name *names;
static size_t nnames, anames;

/* Is @name one of libsct's, a single path component? */
static bool name_ok(const char *name)
{
	return *name && *name != '.' && !strchr(name, '/') &&
	       strlen(name) < GUARD_LINE;
}

static void name_forget(const char *name)
{
	size_t i;

	for (i = 0; i < nnames; i++)
		if (!strcmp(names[i].name, name)) {
			free(names[i].name);
			names[i] = names[--nnames];
			return;
		}
}

/*
 * Remember @name.  Without memory it is left out: once the guardian is
 * gone, the next session's cleanup removes it (sct_session_new(3)).
 */
static void name_add(char kind, const char *name)
{
	struct guard_name *p;
	size_t i;

	for (i = 0; i < nnames; i++)
		if (!strcmp(names[i].name, name)) {
			names[i].kind = kind;
			return;
		}
	if (nnames == anames) {
		p = realloc(names, (anames ? anames * 2 : 64) * sizeof(*p));
		if (!p)
			return;
		names = p;
		anames = anames ? anames * 2 : 64;
	}
	names[nnames].name = strdup(name);
	if (names[nnames].name)
		names[nnames++].kind = kind;
}

/* One line of the session's, without its '\n'. */
static void guard_line(const char *line)
{
	if (!line[0] || line[1] != ' ' || !name_ok(line + 2))
		return;		/* not a line of libsct's */
	if (line[0] == 'R' || line[0] == 'T')
		name_add(line[0], line + 2);
	else if (line[0] == '-')
		name_forget(line + 2);
}

/*
 * Remove the names held: the rules first, for a trace with enabled rules
 * cannot go.
 */
static void guard_remove(const char *root)
{
	static char path[PATH_MAX];
	size_t i;
	int fd;

	for (i = 0; i < nnames; i++) {
		if (names[i].kind != 'R')
			continue;
		guard_path(path, root, "rules", names[i].name, "enabled");
		fd = open(path, O_WRONLY | O_CLOEXEC);
		if (fd >= 0) {
			/* If it fails, rmdir disables it. */
			if (write(fd, "0", 1) < 0) {
			}
			close(fd);
		}
		guard_path(path, root, "rules", names[i].name, NULL);
		rmdir(path);
	}
	for (i = 0; i < nnames; i++) {
		if (names[i].kind != 'T')
			continue;
		guard_path(path, root, "traces", names[i].name, NULL);
		rmdir(path);
	}
}

/*
 * Read the lines until the other end closes, keeping the set of names,
 * then remove them.  A line longer than GUARD_LINE is no line of
 * libsct's: it is skipped up to its '\n'.
 */
static void guard(const char *root)
{
	char buf[4096], line[GUARD_LINE + 1];
	size_t len = 0;
	bool skip = false;
	ssize_t n, i;

	for (;;) {
		n = read(0, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		for (i = 0; i < n; i++) {
			if (buf[i] == '\n') {
				line[len] = '\0';
				if (!skip)
					guard_line(line);
				len = 0;
				skip = false;
			} else if (len < GUARD_LINE) {
				line[len++] = buf[i];
			} else {
				skip = true;
			}
		}
	}
	/* A line cut by the end is no line. */
	guard_remove(root);
}

/*
 * Bind the session's token, "\0sct-session/SESSION", on a descriptor
 * above 2 (none of the standard ones, closed here, is a socket).  One
 * that cannot be bound (taken, or no memory) leaves the session to the
 * test of its owner's PID and START: the guardian works without it.
 */
static void guard_token(const char *session)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd, len;

	len = snprintf(sun.sun_path + 1, sizeof(sun.sun_path) - 1,
		       "sct-session/%s", session);
	if (len < 0 || len >= (int)sizeof(sun.sun_path) - 1)
		return;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return;
	if (fd < 3) {
		int hi = fcntl(fd, F_DUPFD_CLOEXEC, 3);

		close(fd);
		fd = hi;
		if (fd < 0)
			return;
	}
	if (bind(fd, (struct sockaddr *)&sun,
		 offsetof(struct sockaddr_un, sun_path) + 1 + len))
		close(fd);
	/* Else kept open until the guardian exits. */
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = SIG_IGN };
	char line[32];
	struct stat st;
	sigset_t none;
	pid_t pid;
	int sig, len;

	if (argc != 3 || fstat(0, &st) || !S_ISSOCK(st.st_mode))
		return 2;
	/* What posix_spawn(3) could not do for libsct, done here. */
	close_from_1();
	if (getsid(0) != getpid())
		setsid();
	if (chdir("/")) {
		/* "/" is there; the guardian needs no directory anyway. */
	}
	for (sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			sigaction(sig, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	pid = fork();
	if (pid < 0)
		return 1;
	if (pid)
		_exit(0);
	guard_token(argv[2]);
	len = snprintf(line, sizeof(line), "%d\n", (int)getpid());
	if (write(0, line, len) != len)
		return 0;
	guard(argv[1]);
	return 0;
}
