// SPDX-License-Identifier: GPL-2.0
/*
 * sctrace-corpus: the C program of sctrace's comparison with strace
 * (scripts/tests/guest/sctrace.sh).  It makes a fixed sequence of calls,
 * the same in every run, that common programs make and that busybox's
 * commands do not: sockets (a socket pair, TCP and UDP on 127.0.0.1 and
 * a UDP datagram to [::1]), a signal sent to itself and handled, fork and
 * wait4, mmap, stat, poll, a sleep, calls that fail (ENOENT, EFAULT), and
 * at last an execve of itself with the argument "exec".
 *
 * Run with no argument; "exec" is the run after the execve.  With the
 * argument "decode", it makes instead the calls of sctrace's decoders'
 * comparison (scripts/tests/guest/sctrace-decode.sh): fcntl's commands,
 * prctl's options, unknown values, a sigset of size 0; "newcalls" and
 * "morecalls", more decoders' calls (see there).  Needs lo
 * up (the guest's /init does it).  Exit status: 0, or 1 when a call the
 * sequence needs failed (a message on standard error says which).
 */
#include <arpa/inet.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Ports on lo for the TCP and UDP parts: fixed, the lines show them. */
#define TCP_PORT	40123
#define UDP_PORT	40124
#define UNIX_PATH	"/tmp/sctrace-corpus.sock"

/* An address no call can read or write: the fault cases. */
#define BAD_PTR		((void *)1)

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

static void files(void)
{
	char buf[64];
	struct stat sb;
	struct statfs sfs;
	int fd;

	fd = open("/etc/passwd", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		err(1, "/etc/passwd");
	if (read(fd, buf, 16) != 16)
		err(1, "read");
	if (fstat(fd, &sb) || lseek(fd, 0, SEEK_SET))
		err(1, "fstat");
	if (pread(fd, buf, 4, 2) != 4)
		err(1, "pread");
	if (syscall(SYS_read, fd, BAD_PTR, 16) >= 0 || errno != EFAULT)
		errx(1, "read into a bad address did not fail with EFAULT");
	close(fd);
	if (stat("/etc/passwd", &sb) || fstatat(AT_FDCWD, "/etc", &sb, 0))
		err(1, "stat");
	if (statfs("/", &sfs))
		err(1, "statfs");
	if (!getcwd(buf, sizeof(buf)))
		err(1, "getcwd");
	/* Failures: a missing file, and addresses that fault. */
	if (open("/nonexistent/file", O_RDONLY) >= 0 || errno != ENOENT)
		errx(1, "open of /nonexistent/file did not fail with ENOENT");
	if (syscall(SYS_openat, AT_FDCWD, BAD_PTR, O_RDONLY) >= 0 ||
	    errno != EFAULT)
		errx(1, "openat of a bad address did not fail with EFAULT");
	if (syscall(SYS_stat, "/etc/passwd", BAD_PTR) >= 0 || errno != EFAULT)
		errx(1, "stat into a bad address did not fail with EFAULT");
}

static void memory(void)
{
	void *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		err(1, "mmap");
	memset(p, 0, 8192);
	if (mprotect(p, 4096, PROT_READ))
		err(1, "mprotect");
	/* Without CONFIG_ADVISE_SYSCALLS (the guest's), ENOSYS. */
	(void)madvise(p, 8192, MADV_DONTNEED);
	if (munmap(p, 8192))
		err(1, "munmap");
}

static void unix_sockets(void)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX, .sun_path = UNIX_PATH };
	struct iovec iov[2] = {
		{ .iov_base = "hello, ", .iov_len = 7 },
		{ .iov_base = "world\n", .iov_len = 6 },
	};
	struct pollfd pfd;
	char buf[64];
	int sv[2], s;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		err(1, "socketpair");
	if (sendto(sv[0], "ping", 4, 0, NULL, 0) != 4 ||
	    recvfrom(sv[1], buf, sizeof(buf), 0, NULL, NULL) != 4)
		err(1, "sendto");
	if (writev(sv[1], iov, 2) != 13)
		err(1, "writev");
	pfd = (struct pollfd){ .fd = sv[0], .events = POLLIN };
	if (poll(&pfd, 1, 1000) != 1)
		err(1, "poll");
	if (read(sv[0], buf, sizeof(buf)) != 13 || shutdown(sv[0], SHUT_WR))
		err(1, "read");
	close(sv[0]);
	close(sv[1]);

	unlink(UNIX_PATH);
	s = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	if (s < 0 || bind(s, (struct sockaddr *)&sun,
			  offsetof(struct sockaddr_un, sun_path) +
			  sizeof(UNIX_PATH)))
		err(1, "bind %s", UNIX_PATH);
	if (recvfrom(s, buf, sizeof(buf), 0, NULL, NULL) >= 0 ||
	    errno != EAGAIN)
		errx(1, "recvfrom of an empty socket did not fail with EAGAIN");
	close(s);
	unlink(UNIX_PATH);
}

static void inet_sockets(void)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(TCP_PORT),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	struct sockaddr_in6 sin6 = {
		.sin6_family = AF_INET6,
		.sin6_port = htons(UDP_PORT),
		.sin6_addr = IN6ADDR_LOOPBACK_INIT,
	};
	char buf[64];
	int one = 1, l, c, a, u;

	l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	if (l < 0 ||
	    setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(l, (struct sockaddr *)&sin, sizeof(sin)) || listen(l, 1))
		err(1, "listen on 127.0.0.1:%d", TCP_PORT);
	c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (c < 0 || connect(c, (struct sockaddr *)&sin, sizeof(sin)))
		err(1, "connect to 127.0.0.1:%d", TCP_PORT);
	a = accept4(l, NULL, NULL, SOCK_CLOEXEC);
	if (a < 0)
		err(1, "accept4");
	if (sendto(c, "GET / HTTP/1.0\r\n\r\n", 18, MSG_NOSIGNAL, NULL, 0) != 18 ||
	    recvfrom(a, buf, 18, MSG_WAITALL, NULL, NULL) != 18)
		err(1, "sendto");
	close(a);
	close(c);
	close(l);

	/* UDP: a datagram to an address, no receiver needed. */
	u = socket(AF_INET, SOCK_DGRAM, 0);
	sin.sin_port = htons(UDP_PORT);
	if (u < 0 || sendto(u, "x", 1, 0, (struct sockaddr *)&sin,
			    sizeof(sin)) != 1)
		err(1, "sendto 127.0.0.1:%d", UDP_PORT);
	close(u);
	/* IPv6 may be missing: the calls are the same either way. */
	u = socket(AF_INET6, SOCK_DGRAM, 0);
	if (u >= 0) {
		sendto(u, "y", 1, 0, (struct sockaddr *)&sin6, sizeof(sin6));
		close(u);
	}
}

static void signals(void)
{
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
	struct timespec ts = { .tv_sec = 0, .tv_nsec = 1000000 };
	sigset_t set;

	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL))
		err(1, "sigaction");
	/* pid 0 would be the group, strace's too: the pid itself. */
	if (kill(getpid(), SIGUSR1) || !got_usr1)
		errx(1, "SIGUSR1 was not handled");
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	if (sigprocmask(SIG_BLOCK, &set, NULL) ||
	    sigprocmask(SIG_UNBLOCK, &set, NULL))
		err(1, "sigprocmask");
	if (nanosleep(&ts, NULL))
		err(1, "nanosleep");
	alarm(0);
}

static void processes(void)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		err(1, "fork");
	if (!pid) {
		(void)!write(1, "child\n", 6);
		_exit(3);
	}
	if (wait4(-1, &status, 0, NULL) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 3)
		errx(1, "the child did not exit with 3");
}

/* The "decode" run: calls whose arguments depend on a command. */
static void decode(void)
{
	int fd = open("/etc/passwd", O_RDONLY), flags;

	if (fd < 0)
		err(1, "/etc/passwd");
	flags = fcntl(1, F_GETFL);
	(void)fcntl(fd, F_GETFD);
	(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	(void)fcntl(fd, F_GETFD);
	(void)fcntl(fd, F_SETFL, O_RDONLY | O_NONBLOCK);
	(void)fcntl(fd, F_GETFL);
	(void)fcntl(1, F_SETFL, flags);
	close(fcntl(1, F_DUPFD_CLOEXEC, 10));
	close(fcntl(1, F_DUPFD, 11));
	/* glibc makes F_GETOWN an F_GETOWN_EX, whose struct is not captured. */
	(void)syscall(SYS_fcntl, fd, F_GETOWN);
	(void)fcntl(fd, 0x4242, 0);
	(void)lseek(fd, 0, 7);
	(void)syscall(SYS_prctl, 0x4242, 0, 0, 0, 0);
	(void)syscall(SYS_prctl, PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	(void)syscall(SYS_prctl, PR_GET_DUMPABLE, 0, 0, 0, 0);
	(void)syscall(SYS_prctl, PR_CAPBSET_READ, 21, 0, 0, 0);
	(void)syscall(SYS_prctl, PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
	(void)syscall(SYS_rt_sigprocmask, SIG_BLOCK, BAD_PTR, NULL, 0);
	(void)syscall(SYS_rt_sigprocmask, 9, NULL, NULL, 8);
	close(fd);
}

/*
 * "newcalls": the calls of newer C libraries (statx, clone3, openat2, ...)
 * and a few simple ones, deterministically, for sctrace-decode.sh.
 */
static void newcalls(void)
{
	struct clone_args3 {
		uint64_t flags, pidfd, child_tid, parent_tid, exit_signal;
		uint64_t stack, stack_size, tls;
	} ca = { .exit_signal = SIGCHLD };
	struct { uint64_t flags, mode, resolve; } how = {
		O_RDONLY | O_CLOEXEC, 0, 0x4 };
	int64_t its[4] = { 0 }, off_in = 0, off_out = 2;
	char *const av[] = { "none", "x", NULL };
	char sx[256];
	int fd, out, pfd[2], param = 0;
	long pid;

	(void)syscall(SYS_statx, AT_FDCWD, "/", AT_SYMLINK_NOFOLLOW,
		      STATX_BASIC_STATS, sx);
	(void)syscall(SYS_statx, AT_FDCWD, "/nonexistent", 0x2000,
		      STATX_MODE | STATX_SIZE, sx);
	(void)syscall(SYS_faccessat2, AT_FDCWD, "/", R_OK | X_OK, 0x200);
	fd = (int)syscall(SYS_openat2, AT_FDCWD, "/", &how, sizeof(how));
	how.flags = O_WRONLY | O_CREAT;
	how.mode = 0600;
	how.resolve = 0;
	out = (int)syscall(SYS_openat2, AT_FDCWD, "/tmp/newcalls", &how,
			   sizeof(how));
	(void)syscall(SYS_close_range, 100, 200, 4);
	(void)syscall(SYS_execveat, AT_FDCWD, "/nonexistent", av, environ, 0);
	pid = syscall(SYS_clone3, &ca, sizeof(ca));
	if (pid == 0)
		_exit(0);
	if (pid > 0)
		waitpid((pid_t)pid, NULL, 0);
	close(fd);
	fd = (int)syscall(SYS_inotify_init1, O_CLOEXEC | O_NONBLOCK);
	(void)syscall(SYS_inotify_add_watch, fd, "/tmp", IN_CREATE | IN_DELETE);
	(void)syscall(SYS_inotify_rm_watch, fd, 99);
	close(fd);
	fd = (int)syscall(SYS_timerfd_create, CLOCK_MONOTONIC, TFD_CLOEXEC);
	(void)syscall(SYS_timerfd_settime, fd, 0, its, NULL);
	(void)syscall(SYS_timerfd_gettime, fd, its);
	close(fd);
	(void)syscall(SYS_getpriority, PRIO_PROCESS, 0);
	(void)syscall(SYS_setpriority, PRIO_PROCESS, 0, 0);
	(void)syscall(SYS_sched_getscheduler, 0);
	(void)syscall(SYS_sched_getparam, 0, &param);
	(void)syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &param);
	(void)syscall(SYS_sched_get_priority_max, SCHED_FIFO);
	(void)syscall(SYS_sched_get_priority_min, SCHED_RR);
	(void)syscall(SYS_mlock2, sx, sizeof(sx), 8);
	(void)syscall(SYS_mlockall, 8);
	(void)syscall(SYS_pidfd_open, -1, 0);
	(void)!write(out, "abcdef", 6);
	if (pipe(pfd) == 0) {
		(void)syscall(SYS_copy_file_range, out, &off_in, out, &off_out,
			      2, 0);
		(void)syscall(SYS_splice, out, &off_in, pfd[1], NULL, 3,
			      SPLICE_F_MOVE);
		close(pfd[0]);
		close(pfd[1]);
	}
	close(out);
	unlink("/tmp/newcalls");
}

/*
 * "morecalls": select, pselect6, rt_sigtimedwait, utimensat, waitid,
 * getdents, mknod, mknodat, personality, membarrier, getcpu and ioprio_*,
 * deterministically, for sctrace-decode.sh.
 */
static void morecalls(void)
{
	struct timespec ts[2] = { { 0, UTIME_NOW }, { 86400, 5 } };
	char buf[4096];
	siginfo_t si;
	sigset_t set;
	fd_set r;
	int fd, pfd[2];
	pid_t pid;

	if (pipe(pfd) == 0) {
		(void)!write(pfd[1], "x", 1);
		FD_ZERO(&r);
		FD_SET(pfd[0], &r);
		/* The C library's select() is pselect6. */
		(void)syscall(SYS_select, pfd[0] + 1, &r, NULL, NULL, NULL);
		FD_ZERO(&r);
		FD_SET(pfd[0], &r);
		(void)syscall(SYS_pselect6, pfd[0] + 1, &r, NULL, NULL, NULL,
			      NULL);
		close(pfd[0]);
		close(pfd[1]);
	}
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGUSR1);
	ts[0].tv_sec = 1;
	ts[0].tv_nsec = 0;
	(void)syscall(SYS_rt_sigtimedwait, &set, &si, &ts[0], 8);
	ts[0].tv_sec = 0;
	(void)syscall(SYS_rt_sigtimedwait, &set, &si, &ts[0], 8);
	(void)syscall(SYS_rt_sigtimedwait, &set, NULL, &ts[0], 8);
	ts[0].tv_nsec = UTIME_NOW;
	fd = open("/tmp/morecalls", O_WRONLY | O_CREAT, 0600);
	if (fd >= 0)
		close(fd);
	(void)syscall(SYS_utimensat, AT_FDCWD, "/tmp/morecalls", ts, 0);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_nsec = 0;
	(void)syscall(SYS_utimensat, AT_FDCWD, "/tmp/morecalls", ts,
		      AT_SYMLINK_NOFOLLOW);
	(void)syscall(SYS_utimensat, AT_FDCWD, "/tmp/morecalls", NULL, 0);
	unlink("/tmp/morecalls");
	pid = fork();
	if (pid == 0)
		_exit(3);
	if (pid > 0)
		(void)syscall(SYS_waitid, P_PID, pid, &si, WEXITED, NULL);
	(void)syscall(SYS_waitid, P_ALL, 0, &si, WEXITED | WNOHANG, NULL);
	fd = open("/", O_RDONLY | O_DIRECTORY);
	(void)syscall(SYS_getdents, fd, buf, sizeof(buf));
	close(fd);
	(void)syscall(SYS_mknod, "/tmp/morecalls", S_IFIFO | 0600, 0);
	unlink("/tmp/morecalls");
	(void)syscall(SYS_mknodat, AT_FDCWD, "/tmp/morecalls", S_IFCHR | 0600,
		      makedev(1, 3));
	unlink("/tmp/morecalls");
	(void)syscall(SYS_personality, 0xffffffff);
	(void)syscall(SYS_personality, 0x0040000);
	(void)syscall(SYS_personality, 0xffffffff);
	(void)syscall(SYS_personality, 0);
	(void)syscall(SYS_membarrier, 0, 0);
	(void)syscall(SYS_membarrier, 3, 0);
	(void)syscall(SYS_membarrier, 1 << 4, 0);
	(void)syscall(SYS_getcpu, NULL, NULL, NULL);
	(void)syscall(SYS_ioprio_set, 1, 0, (2 << 13) | 4);
	(void)syscall(SYS_ioprio_get, 1, 0);
	(void)syscall(SYS_ioprio_get, 9, 0);
}

int main(int argc, char **argv)
{
	char *args[] = { argv[0], "exec", NULL };

	if (argc > 1 && !strcmp(argv[1], "decode")) {
		decode();
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "newcalls")) {
		newcalls();
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "morecalls")) {
		morecalls();
		return 0;
	}
	if (argc > 1) {
		(void)!write(1, "exec'd\n", 7);
		return 0;
	}
	files();
	memory();
	unix_sockets();
	inet_sockets();
	signals();
	processes();
	execv(argv[0], args);
	err(1, "execv %s", argv[0]);
}
