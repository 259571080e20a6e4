// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sct-guardian: the guardian of a libsct tracing session (see NOTES in
 * sct_session_new(3)).  It is libsct's, not a command for users:
 * sct_session_new() starts it with posix_spawn(3), as
 *
 *   sct-guardian CONFIGFS
 *
 * with CONFIGFS sct's configfs directory, file descriptor 0 one end of a
 * stream socket whose other end the session's process holds, nothing
 * else open, an empty environment, every signal at its default and none
 * blocked, in a session of its own.
 *
 * It forks, and the process libsct started exits at once: libsct reaps
 * it, and the guardian, whose parent is gone, is not the caller's child.
 * The guardian goes to "/", says "PID\n" on the socket (its process ID:
 * it runs), then reads lines "R NAME\n" (a rule the session makes) and
 * "T NAME\n" (a trace) until the other end closes, that is when the
 * session's process frees the session or exits, however it ends.  It
 * then disables and removes those rules and removes those traces that
 * are still there, and exits.  It ignores every signal it can, so that
 * only SIGKILL ends it early: the next session of the same PID namespace
 * then cleans up (sct_session_new(3)).
 *
 * Exit status: 0; 1 when it could not fork; 2 for a wrong use (not two
 * arguments, or no socket on descriptor 0).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The names it keeps: past these, a session's names are the next one's. */
#define GUARD_NAMES	(64 * 1024)

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

/* Read the names until the other end closes, then remove them. */
static void guard(const char *root)
{
	static char names[GUARD_NAMES], path[PATH_MAX];
	size_t len = 0;
	ssize_t n;
	char *p, *nl;
	int pass, fd;

	while (len < sizeof(names) - 1) {
		n = read(0, names + len, sizeof(names) - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += n;
	}
	/* A line cut by the room is the next session's to remove. */
	while (len && names[len - 1] != '\n')
		len--;
	names[len] = '\0';
	/* The rules first: a trace cannot go while its rules are enabled. */
	for (pass = 0; pass < 2; pass++) {
		for (p = names; *p; p = nl + 1) {
			nl = strchr(p, '\n');
			*nl = '\0';
			if (p[1] != ' ' || strchr(p + 2, '/') || p[2] == '.') {
				/* Not a name of libsct's. */
			} else if (pass == 0 && p[0] == 'R') {
				guard_path(path, root, "rules", p + 2, "enabled");
				fd = open(path, O_WRONLY | O_CLOEXEC);
				if (fd >= 0) {
					/* If it fails, rmdir disables it. */
					if (write(fd, "0", 1) < 0) {
					}
					close(fd);
				}
				guard_path(path, root, "rules", p + 2, NULL);
				rmdir(path);
			} else if (pass == 1 && p[0] == 'T') {
				guard_path(path, root, "traces", p + 2, NULL);
				rmdir(path);
			}
			*nl = '\n';
		}
	}
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = SIG_IGN };
	char line[32];
	struct stat st;
	sigset_t none;
	pid_t pid;
	int sig, len;

	if (argc != 2 || fstat(0, &st) || !S_ISSOCK(st.st_mode))
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
	len = snprintf(line, sizeof(line), "%d\n", (int)getpid());
	if (write(0, line, len) != len)
		return 0;
	guard(argv[1]);
	return 0;
}
