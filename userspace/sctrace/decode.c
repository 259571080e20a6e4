// SPDX-License-Identifier: GPL-2.0
/*
 * sctrace's decoders: each syscall is a list of argument types (struct
 * sc_desc), each type one small printer shared by every syscall that
 * uses it (print_arg()).
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
#include <arpa/inet.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/un.h>

#include <sct.h>

#include "sctrace.h"

/*
 * The calls decoded.  Argument types are printed at the entry up to the
 * first one the call writes (arg_is_out()), the others at the exit.
 */
static const struct sc_desc sc_table[] = {
	{ "read", { A_INT, A_BUF_OUT, A_ULONG }, R_DEC },
	{ "write", { A_INT, A_BUF_IN, A_ULONG }, R_DEC },
	{ "pread64", { A_INT, A_BUF_OUT, A_ULONG, A_LONG }, R_DEC },
	{ "pwrite64", { A_INT, A_BUF_IN, A_ULONG, A_LONG }, R_DEC },
	{ "open", { A_PATH, A_OFLAGS, A_OMODE }, R_DEC },
	{ "openat", { A_DIRFD, A_PATH, A_OFLAGS, A_OMODE }, R_DEC },
	{ "creat", { A_PATH, A_MODE }, R_DEC },
	{ "close", { A_INT }, R_DEC },
	{ "stat", { A_PATH, A_STAT }, R_DEC },
	{ "lstat", { A_PATH, A_STAT }, R_DEC },
	{ "fstat", { A_INT, A_STAT }, R_DEC },
	{ "newfstatat", { A_DIRFD, A_PATH, A_STAT, A_ATFLAGS }, R_DEC },
	{ "access", { A_PATH, A_ACCESS }, R_DEC },
	{ "faccessat", { A_DIRFD, A_PATH, A_ACCESS }, R_DEC },
	{ "clock_gettime", { A_CLOCKID, A_TIMESPEC_OUT }, R_DEC },
	{ "getdents64", { A_INT, A_DIRENTS, A_ULONG }, R_DEC },
	{ "rt_sigreturn", { A_SIGRETURN }, R_DEC },
	{ "mmap", { A_PTR, A_ULONG, A_PROT, A_MAPFLAGS, A_INT, A_HEX }, R_HEX },
	{ "mprotect", { A_PTR, A_ULONG, A_PROT }, R_DEC },
	{ "munmap", { A_PTR, A_ULONG }, R_DEC },
	{ "brk", { A_PTR }, R_HEX },
	{ "exit_group", { A_INT }, R_NONE },
	{ "exit", { A_INT }, R_NONE },
	{ "wait4", { A_INT, A_WSTATUS, A_WOPTIONS, A_PTR }, R_DEC },
	{ "clone", { A_CLONE }, R_DEC },
	{ "fork", { A_END }, R_DEC },
	{ "vfork", { A_END }, R_DEC },
	{ "execve", { A_PATH, A_ARGV, A_ENVP }, R_DEC },
	{ "getpid", { A_END }, R_DEC },
	{ "getppid", { A_END }, R_DEC },
	{ "gettid", { A_END }, R_DEC },
	{ "getuid", { A_END }, R_DEC },
	{ "geteuid", { A_END }, R_DEC },
	{ "getgid", { A_END }, R_DEC },
	{ "getegid", { A_END }, R_DEC },
	{ "getpgrp", { A_END }, R_DEC },
	{ "setpgid", { A_INT, A_INT }, R_DEC },
	{ "dup", { A_INT }, R_DEC },
	{ "dup2", { A_INT, A_INT }, R_DEC },
	{ "dup3", { A_INT, A_INT, A_OFLAGS }, R_DEC },
	{ "pipe", { A_FDPAIR }, R_DEC },
	{ "pipe2", { A_FDPAIR, A_OFLAGS }, R_DEC },
	{ "lseek", { A_INT, A_LONG, A_WHENCE }, R_DEC },
	{ "unlink", { A_PATH }, R_DEC },
	{ "unlinkat", { A_DIRFD, A_PATH, A_ATFLAGS }, R_DEC },
	{ "mkdir", { A_PATH, A_MODE }, R_DEC },
	{ "mkdirat", { A_DIRFD, A_PATH, A_MODE }, R_DEC },
	{ "rmdir", { A_PATH }, R_DEC },
	{ "chdir", { A_PATH }, R_DEC },
	{ "fchdir", { A_INT }, R_DEC },
	{ "rename", { A_PATH, A_PATH }, R_DEC },
	{ "symlink", { A_PATH, A_PATH }, R_DEC },
	{ "symlinkat", { A_PATH, A_DIRFD, A_PATH }, R_DEC },
	{ "link", { A_PATH, A_PATH }, R_DEC },
	{ "chmod", { A_PATH, A_MODE }, R_DEC },
	{ "fchmod", { A_INT, A_MODE }, R_DEC },
	{ "umask", { A_MODE }, R_DEC },
	{ "readlink", { A_PATH, A_BUF_OUT, A_ULONG }, R_DEC },
	{ "getrandom", { A_BUF_OUT_HEX, A_ULONG, A_GRND }, R_DEC },
	{ "rt_sigaction", { A_SIGNUM, A_SIGACTION, A_SIGACTION_OUT, A_ULONG }, R_DEC },
	{ "rt_sigprocmask", { A_SIGHOW, A_SIGSET, A_SIGSET_OUT, A_ULONG }, R_DEC },
	{ "rt_sigsuspend", { A_SIGSET, A_ULONG }, R_DEC },
	{ "kill", { A_INT, A_SIGNUM }, R_DEC },
	{ "set_tid_address", { A_PTR }, R_DEC },
	{ "set_robust_list", { A_PTR, A_ULONG }, R_DEC },
	{ "rseq", { A_PTR, A_HEX, A_HEX, A_HEX }, R_DEC },
	{ "prlimit64", { A_INT, A_RLIMIT, A_RLIMIT64, A_RLIMIT64_OUT }, R_DEC },
	{ "arch_prctl", { A_ARCHPRCTL, A_PTR }, R_DEC },
	{ "prctl", { A_PRCTL }, R_DEC },
	{ "fcntl", { A_INT, A_FCNTL }, R_DEC },
	{ "ioctl", { A_INT, A_IOCTL, A_PTR }, R_DEC },
	{ "uname", { A_UTSNAME }, R_DEC },
	{ "sendfile", { A_INT, A_INT, A_PTR, A_ULONG }, R_DEC },
	{ "sync", { A_END }, R_DEC },
	{ "sched_yield", { A_END }, R_DEC },
	{ "pause", { A_END }, R_DEC },
	/* Sockets */
	{ "socket", { A_SOCKDOMAIN, A_SOCKTYPE, A_SOCKPROTO }, R_DEC },
	{ "socketpair", { A_SOCKDOMAIN, A_SOCKTYPE, A_SOCKPROTO, A_FDPAIR }, R_DEC },
	{ "bind", { A_INT, A_SOCKADDR, A_INT }, R_DEC },
	{ "connect", { A_INT, A_SOCKADDR, A_INT }, R_DEC },
	{ "listen", { A_INT, A_INT }, R_DEC },
	{ "accept", { A_INT, A_SOCKADDR_OUT, A_SOCKLEN_OUT }, R_DEC },
	{ "accept4", { A_INT, A_SOCKADDR_OUT, A_SOCKLEN_OUT, A_SOCKFLAGS }, R_DEC },
	{ "getsockname", { A_INT, A_SOCKADDR_OUT, A_SOCKLEN_OUT }, R_DEC },
	{ "getpeername", { A_INT, A_SOCKADDR_OUT, A_SOCKLEN_OUT }, R_DEC },
	{ "shutdown", { A_INT, A_SHUTHOW }, R_DEC },
	{ "sendto", { A_INT, A_BUF_IN, A_ULONG, A_MSGFLAGS, A_SOCKADDR, A_INT }, R_DEC },
	{ "recvfrom", { A_INT, A_BUF_OUT, A_ULONG, A_MSGFLAGS, A_SOCKADDR_OUT, A_SOCKLEN_OUT }, R_DEC },
	{ "setsockopt", { A_INT, A_SOCKLEVEL, A_SOCKOPT, A_SOCKOPTVAL, A_INT }, R_DEC },
	{ "getsockopt", { A_INT, A_SOCKLEVEL, A_SOCKOPT, A_PTR_OUT, A_SOCKLEN_OUT }, R_DEC },
	/* Time, polling, waiting */
	{ "poll", { A_POLLFD, A_UINT, A_INT }, R_DEC },
	{ "ppoll", { A_POLLFD, A_UINT, A_TIMESPEC, A_SIGSET, A_ULONG }, R_DEC },
	{ "nanosleep", { A_TIMESPEC, A_PTR }, R_DEC },
	{ "clock_nanosleep", { A_CLOCKID, A_TIMERFLAGS, A_TIMESPEC, A_PTR }, R_DEC },
	{ "clock_getres", { A_CLOCKID, A_TIMESPEC_OUT }, R_DEC },
	{ "futex", { A_FUTEX }, R_DEC },
	{ "gettimeofday", { A_TIMEVAL_OUT, A_TIMEZONE_OUT }, R_DEC },
	{ "alarm", { A_UINT }, R_DEC },
	{ "getitimer", { A_ITIMER, A_ITIMERVAL_OUT }, R_DEC },
	{ "setitimer", { A_ITIMER, A_ITIMERVAL, A_ITIMERVAL_OUT }, R_DEC },
	{ "tkill", { A_INT, A_SIGNUM }, R_DEC },
	{ "tgkill", { A_INT, A_INT, A_SIGNUM }, R_DEC },
	{ "epoll_create", { A_INT }, R_DEC },
	{ "epoll_create1", { A_EPOLLFLAGS }, R_DEC },
	{ "epoll_ctl", { A_INT, A_EPOLLCTL, A_INT, A_EPOLLEVENT }, R_DEC },
	{ "epoll_wait", { A_INT, A_EPOLLEVENTS_OUT, A_INT, A_INT }, R_DEC },
	{ "eventfd2", { A_UINT, A_EFDFLAGS }, R_DEC },
	/* Files */
	{ "getcwd", { A_CWD, A_ULONG }, R_DEC },
	{ "statfs", { A_PATH, A_STATFS }, R_DEC },
	{ "fstatfs", { A_INT, A_STATFS }, R_DEC },
	{ "readv", { A_INT, A_PTR_OUT, A_INT }, R_DEC },
	{ "writev", { A_INT, A_PTR, A_INT }, R_DEC },
	{ "truncate", { A_PATH, A_LONG }, R_DEC },
	{ "ftruncate", { A_INT, A_LONG }, R_DEC },
	{ "fsync", { A_INT }, R_DEC },
	{ "fdatasync", { A_INT }, R_DEC },
	{ "flock", { A_INT, A_FLOCK }, R_DEC },
	{ "fadvise64", { A_INT, A_LONG, A_LONG, A_FADVICE }, R_DEC },
	{ "chown", { A_PATH, A_UID, A_UID }, R_DEC },
	{ "lchown", { A_PATH, A_UID, A_UID }, R_DEC },
	{ "fchown", { A_INT, A_UID, A_UID }, R_DEC },
	{ "fchownat", { A_DIRFD, A_PATH, A_UID, A_UID, A_ATFLAGS }, R_DEC },
	{ "fchmodat", { A_DIRFD, A_PATH, A_MODE }, R_DEC },
	{ "renameat", { A_DIRFD, A_PATH, A_DIRFD, A_PATH }, R_DEC },
	{ "renameat2", { A_DIRFD, A_PATH, A_DIRFD, A_PATH, A_RENAMEFLAGS }, R_DEC },
	{ "linkat", { A_DIRFD, A_PATH, A_DIRFD, A_PATH, A_ATFLAGS }, R_DEC },
	{ "readlinkat", { A_DIRFD, A_PATH, A_BUF_OUT, A_ULONG }, R_DEC },
	{ "memfd_create", { A_PATH, A_MEMFDFLAGS }, R_DEC },
	/* Memory */
	{ "madvise", { A_PTR, A_ULONG, A_MADVICE }, R_DEC },
	{ "mremap", { A_PTR, A_ULONG, A_ULONG, A_MREMAPFLAGS }, R_HEX },
	{ "msync", { A_PTR, A_ULONG, A_MSYNCFLAGS }, R_DEC },
	{ "sched_getaffinity", { A_INT, A_ULONG, A_CPUSET_OUT }, R_DEC },
	/* Ids and sessions */
	{ "getsid", { A_INT }, R_DEC },
	{ "setsid", { A_END }, R_DEC },
	{ "getpgid", { A_INT }, R_DEC },
	{ "setuid", { A_UID }, R_DEC },
	{ "setgid", { A_UID }, R_DEC },
	{ "setfsuid", { A_UID }, R_DEC },
	{ "setfsgid", { A_UID }, R_DEC },
	{ "setreuid", { A_UID, A_UID }, R_DEC },
	{ "setregid", { A_UID, A_UID }, R_DEC },
	{ "setresuid", { A_UID, A_UID, A_UID }, R_DEC },
	{ "setresgid", { A_UID, A_UID, A_UID }, R_DEC },
	/* Newer calls */
	{ "statx", { A_DIRFD, A_PATH, A_STATXFLAGS, A_STATXMASK, A_STATX }, R_DEC },
	{ "clone3", { A_CLONE3, A_ULONG }, R_DEC },
	{ "execveat", { A_DIRFD, A_PATH, A_ARGV, A_ENVP, A_ATFLAGS }, R_DEC },
	{ "faccessat2", { A_DIRFD, A_PATH, A_ACCESS, A_FACCESSFLAGS }, R_DEC },
	{ "openat2", { A_DIRFD, A_PATH, A_OPENHOW, A_ULONG }, R_DEC },
	{ "close_range", { A_UINT, A_UINT, A_CLOSERANGE }, R_DEC },
	{ "inotify_init", { A_END }, R_DEC },
	{ "inotify_init1", { A_INOTIFYINIT }, R_DEC },
	{ "inotify_add_watch", { A_INT, A_PATH, A_INOTIFYMASK }, R_DEC },
	{ "inotify_rm_watch", { A_INT, A_INT }, R_DEC },
	{ "timerfd_create", { A_CLOCKID, A_TFDFLAGS }, R_DEC },
	{ "timerfd_settime", { A_INT, A_TFDFLAGS, A_ITIMERSPEC, A_ITIMERSPEC_OUT }, R_DEC },
	{ "timerfd_gettime", { A_INT, A_ITIMERSPEC_OUT }, R_DEC },
	{ "getpriority", { A_PRIOWHICH, A_INT }, R_DEC },
	{ "setpriority", { A_PRIOWHICH, A_INT, A_INT }, R_DEC },
	{ "sched_getscheduler", { A_INT }, R_DEC },
	{ "sched_setscheduler", { A_INT, A_SCHEDPOLICY, A_SCHEDPARAM }, R_DEC },
	{ "sched_getparam", { A_INT, A_SCHEDPARAM_OUT }, R_DEC },
	{ "sched_setparam", { A_INT, A_SCHEDPARAM }, R_DEC },
	{ "sched_get_priority_max", { A_SCHEDPOLICY }, R_DEC },
	{ "sched_get_priority_min", { A_SCHEDPOLICY }, R_DEC },
	{ "mlock", { A_PTR, A_ULONG }, R_DEC },
	{ "munlock", { A_PTR, A_ULONG }, R_DEC },
	{ "mlock2", { A_PTR, A_ULONG, A_MLOCKFLAGS }, R_DEC },
	{ "mlockall", { A_MCLFLAGS }, R_DEC },
	{ "munlockall", { A_END }, R_DEC },
	{ "sysinfo", { A_SYSINFO }, R_DEC },
	{ "getrusage", { A_RUSAGEWHO, A_RUSAGE_OUT }, R_DEC },
	{ "pidfd_open", { A_INT, A_PIDFDFLAGS }, R_DEC },
	{ "copy_file_range", { A_INT, A_LOFF, A_INT, A_LOFF, A_ULONG, A_UINT }, R_DEC },
	{ "splice", { A_INT, A_LOFF, A_INT, A_LOFF, A_ULONG, A_SPLICEFLAGS }, R_DEC },
	/* More calls (decode-misc.c) */
	{ "select", { A_INT, A_FDSET, A_FDSET, A_FDSET, A_PTR }, R_DEC },
	{ "pselect6", { A_INT, A_FDSET, A_FDSET, A_FDSET, A_PTR, A_PTR }, R_DEC },
	{ "rt_sigtimedwait", { A_SIGSET_TW, A_SIGINFO_OUT, A_TIMESPEC_SAVED, A_ULONG }, R_DEC },
	{ "utimensat", { A_DIRFD, A_PATH, A_UTIMES, A_ATFLAGS }, R_DEC },
	{ "waitid", { A_WAITIDTYPE, A_INT, A_SIGINFO_OUT, A_WOPTIONS, A_RUSAGE_OUT }, R_DEC },
	{ "capget", { A_PTR, A_PTR_OUT }, R_DEC },
	{ "capset", { A_PTR, A_PTR }, R_DEC },
	{ "getdents", { A_INT, A_DIRENTS, A_UINT }, R_DEC },
	{ "mknod", { A_PATH, A_MKNOD, A_MKNODDEV }, R_DEC },
	{ "mknodat", { A_DIRFD, A_PATH, A_MKNOD, A_MKNODDEV }, R_DEC },
	{ "personality", { A_PERSONA }, R_HEX },
	{ "membarrier", { A_MEMBARRIER_CMD, A_MEMBARRIER_FLAGS, A_MEMBARRIER_CPU }, R_HEX },
	{ "getcpu", { A_PTR_OUT, A_PTR_OUT, A_PTR_OUT }, R_DEC },
	{ "ioprio_get", { A_IOPRIO_WHICH, A_INT }, R_DEC },
	{ "ioprio_set", { A_IOPRIO_WHICH, A_INT, A_IOPRIO }, R_DEC },
};

static bool arg_is_out_more(unsigned char a);
static bool arg_is_out_new(unsigned char a);
static void print_ret_new(const struct task *t, int64_t ret);
static void print_arg_new(struct task *t, const struct sct_event *ev,
			  unsigned int i, int64_t ret);
static void print_prctl(struct task *t);
static void print_fcntl(struct task *t);
static void print_arg_more(struct task *t, const struct sct_event *ev,
			   unsigned int i, int64_t ret);

/* Strings, quoted as strace's string_quote() does. */

/*
 * -x: a string with a byte that is neither printable nor a blank
 * (\t\n\v\f\r) is printed all in hex; -xx: every string.
 */
static bool quote_hex(const unsigned char *s, size_t n, unsigned int style)
{
	size_t i;

	if (st.xflag >= 2)
		return true;
	if (!st.xflag)
		return false;
	for (i = 0; i < n; i++) {
		if ((style & Q_NUL) && !s[i])
			break;
		if (s[i] > 0x7e || (s[i] < ' ' && (s[i] < 9 || s[i] > 13)))
			return true;
	}
	return false;
}

void quote(const unsigned char *s, size_t n, unsigned int style)
{
	size_t i;

	if (quote_hex(s, n, style))
		style |= Q_HEX;
	outs("\"");
	for (i = 0; i < n; i++) {
		unsigned char c = s[i];

		if ((style & Q_NUL) && !c)
			break;
		if (style & Q_HEX) {
			outf("\\x%02x", c);
			continue;
		}
		switch (c) {
		case '"': case '\\':
			outf("\\%c", c);
			break;
		case '\f': outs("\\f"); break;
		case '\n': outs("\\n"); break;
		case '\r': outs("\\r"); break;
		case '\t': outs("\\t"); break;
		case '\v': outs("\\v"); break;
		default:
			if (c >= ' ' && c <= '~')
				outf("%c", c);
			else if (i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '7')
				outf("\\%03o", c);
			else
				outf("\\%o", c);
		}
	}
	outs("\"");
}

void print_ptr(uint64_t v)
{
	if (v)
		outf("%#" PRIx64, v);
	else
		outs("NULL");
}

/* A buffer of @len bytes the kernel captured, cut at -s. */
static void print_buf(const struct sct_event *ev, unsigned int i, uint64_t addr,
		      uint64_t len, unsigned int style)
{
	const void *data;
	size_t n;
	int kind = sct_event_data(ev, i, &data, &n);

	if (!addr) {
		outs("NULL");
		return;
	}
	if (!len) {
		outs("\"\"");
		return;
	}
	if ((kind != SCT_DATA_BYTES && kind != SCT_DATA_BYTES_TRUNC) ||
	    (n < len && n < st.max_strlen)) {
		/* Not captured, or less of it than strace would show. */
		print_ptr(addr);
		return;
	}
	if (n > len)
		n = len;
	quote(data, n > st.max_strlen ? st.max_strlen : n, style);
	if (len > st.max_strlen)
		outs("...");
}

/* A NUL-terminated string the kernel captured. */
static void print_path(const struct sct_event *ev, unsigned int i,
		       uint64_t addr)
{
	const char *s = sct_event_string(ev, i);
	const void *data;
	size_t n;

	if (!addr) {
		outs("NULL");
		return;
	}
	if (!s) {
		print_ptr(addr);
		return;
	}
	quote((const unsigned char *)s, strlen(s), 0);
	if (sct_event_data(ev, i, &data, &n) == SCT_DATA_STRING_TRUNC)
		outs("...");
}

/* Flags: named bits in @tab's order, then what is left in hex. */
static void print_flags_names(const struct flag *tab, size_t n, uint64_t v,
			      bool sep);

/*
 * -X raw: the number; -X verbose: the number, then the names in a
 * comment, as strace's printflags() does.
 */
void print_flags(const struct flag *tab, size_t n, uint64_t v, bool sep)
{
	if (st.xlat == XLAT_ABBREV || !v) {
		print_flags_names(tab, n, v, sep);
		return;
	}
	outf("%s%#" PRIx64, sep ? "|" : "", v);
	if (st.xlat == XLAT_VERBOSE) {
		size_t i;

		for (i = 0; i < n; i++)
			if (tab[i].val && (v & tab[i].val) == tab[i].val)
				break;
		if (i == n)
			return;
		outs(" /* ");
		print_flags_names(tab, n, v, false);
		outs(" */");
	}
}

static void print_flags_names(const struct flag *tab, size_t n, uint64_t v,
			      bool sep)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (tab[i].val && (v & tab[i].val) == tab[i].val) {
			outf("%s%s", sep ? "|" : "", tab[i].name);
			v &= ~tab[i].val;
			sep = true;
		}
	}
	if (v || !sep)
		outf("%s%#" PRIx64, sep ? "|" : "", v);
}

/*
 * One of @tab's values.  @dflt is strace's: an unknown value prints in
 * hex with it as a comment ("SEEK_???"), or, if it is a printf format
 * (it has a '%'), in that format without a comment.
 */
void print_xval(const struct flag *tab, size_t n, uint64_t v,
		const char *dflt)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (tab[i].val != v)
			continue;
		if (st.xlat == XLAT_ABBREV) {
			outs(tab[i].name);
			return;
		}
		/* strace's -X raw and verbose print named values in hex. */
		outf(v ? "%#" PRIx64 : "%" PRIu64, v);
		if (st.xlat == XLAT_VERBOSE)
			outf(" /* %s */", tab[i].name);
		return;
	}
	if (strchr(dflt, '%')) {
		outf(dflt, v);
		return;
	}
	outf(v ? "%#" PRIx64 : "%" PRIu64, v);
	if (st.xlat != XLAT_RAW)
		outf(" /* %s */", dflt);
}

static const struct flag open_flags[] = {
	F(O_CREAT), F(O_EXCL), F(O_NOCTTY), F(O_TRUNC), F(O_APPEND),
	F(O_NONBLOCK), F(O_SYNC), F(O_DSYNC), F(O_DIRECT), { 0x8000, "O_LARGEFILE" },
	F(O_NOFOLLOW), F(O_NOATIME), F(O_CLOEXEC), F(O_PATH), F(O_TMPFILE),
	F(O_DIRECTORY), F(FASYNC),
};

static void print_oflags_names(uint64_t v);

/* open(2)'s flags; -X raw and verbose as strace's printflags(). */
static void print_oflags(uint64_t v)
{
	if (st.xlat == XLAT_ABBREV) {
		print_oflags_names(v);
		return;
	}
	outf(v ? "%#" PRIx64 : "%" PRIu64, v);
	if (st.xlat == XLAT_VERBOSE) {
		outs(" /* ");
		print_oflags_names(v);
		outs(" */");
	}
}

static void print_oflags_names(uint64_t v)
{
	static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR",
					   "O_ACCMODE" };

	outs(acc[v & O_ACCMODE]);
	v &= ~(uint64_t)O_ACCMODE;
	if (v)
		print_flags(open_flags, NELEM(open_flags), v, true);
}

static const struct flag at_flags[] = {
	F(AT_SYMLINK_NOFOLLOW), F(AT_REMOVEDIR), F(AT_SYMLINK_FOLLOW),
	F(AT_NO_AUTOMOUNT), F(AT_EMPTY_PATH), { 0x8000, "AT_RECURSIVE" },
};

static const struct flag prot_flags[] = {
	F(PROT_READ), F(PROT_WRITE), F(PROT_EXEC), { 0x8, "PROT_SEM" },
	F(PROT_GROWSDOWN), F(PROT_GROWSUP),
};

static const struct flag map_flags[] = {
	F(MAP_FIXED), F(MAP_ANONYMOUS), F(MAP_32BIT), F(MAP_GROWSDOWN),
	F(MAP_DENYWRITE), F(MAP_EXECUTABLE), F(MAP_LOCKED),
	F(MAP_NORESERVE), F(MAP_POPULATE), F(MAP_NONBLOCK), F(MAP_STACK),
	F(MAP_HUGETLB), F(MAP_SYNC), F(MAP_FIXED_NOREPLACE),
};

static const struct flag map_types[] = {
	F(MAP_SHARED), F(MAP_PRIVATE), F(MAP_SHARED_VALIDATE),
};

static const struct flag wait_flags[] = {
	F(WNOHANG), F(WUNTRACED), F(WEXITED), F(WCONTINUED), F(WNOWAIT),
	F(__WCLONE), F(__WALL), F(__WNOTHREAD),
};

static const struct flag clone_flags[] = {
	F(CLONE_VM), F(CLONE_FS), F(CLONE_FILES), F(CLONE_SIGHAND),
	F(CLONE_PIDFD), F(CLONE_PTRACE), F(CLONE_VFORK), F(CLONE_PARENT),
	F(CLONE_THREAD), F(CLONE_NEWNS), F(CLONE_SYSVSEM), F(CLONE_SETTLS),
	F(CLONE_PARENT_SETTID), F(CLONE_CHILD_CLEARTID), F(CLONE_UNTRACED),
	F(CLONE_CHILD_SETTID), F(CLONE_NEWCGROUP), F(CLONE_NEWUTS),
	F(CLONE_NEWIPC), F(CLONE_NEWUSER), F(CLONE_NEWPID), F(CLONE_NEWNET),
	F(CLONE_IO),
};

static const struct flag sa_flags[] = {
	F(SA_NOCLDSTOP), F(SA_NOCLDWAIT), F(SA_SIGINFO), { 0x04000000,
	"SA_RESTORER" }, F(SA_ONSTACK), F(SA_RESTART), F(SA_NODEFER),
	F(SA_RESETHAND),
};

static const struct flag sighow[] = {
	F(SIG_BLOCK), F(SIG_UNBLOCK), F(SIG_SETMASK),
};

static const struct flag whence[] = {
	F(SEEK_SET), F(SEEK_CUR), F(SEEK_END), F(SEEK_DATA), F(SEEK_HOLE),
};

static const struct flag rlimits[] = {
	F(RLIMIT_CPU), F(RLIMIT_FSIZE), F(RLIMIT_DATA), F(RLIMIT_STACK),
	F(RLIMIT_CORE), F(RLIMIT_RSS), F(RLIMIT_NPROC), F(RLIMIT_NOFILE),
	F(RLIMIT_MEMLOCK), F(RLIMIT_AS), F(RLIMIT_LOCKS),
	F(RLIMIT_SIGPENDING), F(RLIMIT_MSGQUEUE), F(RLIMIT_NICE),
	F(RLIMIT_RTPRIO), F(RLIMIT_RTTIME),
};

static const struct flag archprctl[] = {
	F(ARCH_SET_GS), F(ARCH_SET_FS), F(ARCH_GET_FS), F(ARCH_GET_GS),
	F(ARCH_GET_CPUID), F(ARCH_SET_CPUID),
};

static const struct flag ioctls[] = {
	{ 0x5401, "TCGETS" }, { 0x5402, "TCSETS" }, { 0x5403, "TCSETSW" },
	{ 0x540f, "TIOCGPGRP" }, { 0x5410, "TIOCSPGRP" },
	{ 0x5413, "TIOCGWINSZ" }, { 0x5414, "TIOCSWINSZ" },
};

static const struct flag grnd_flags[] = {
	{ 1, "GRND_NONBLOCK" }, { 2, "GRND_RANDOM" }, { 4, "GRND_INSECURE" },
};

/* Signal names as strace gives them: SIGRTMIN is 32 (the kernel's). */
const char *signame(int sig, char *buf, size_t size)
{
	if (sig == 32)
		return "SIGRTMIN";
	if (sig > 32 && sig <= 64) {
		snprintf(buf, size, "SIGRT_%d", sig - 32);
		return buf;
	}
	if (sig > 0 && sig < 32 && sigabbrev_np(sig)) {
		snprintf(buf, size, "SIG%s", sigabbrev_np(sig));
		return buf;
	}
	snprintf(buf, size, "%d", sig);
	return buf;
}

void print_signum(uint64_t v)
{
	char buf[16];

	outs(signame((int)v, buf, sizeof(buf)));
}

/* A sigset of @bytes bytes, "~[...]" when 2/3 of its bits are set. */
static void print_sigset_bits(const unsigned char *set, size_t bytes)
{
	unsigned int nbits = bytes > 8 ? 64 : bytes * 8, pop = 0, i;
	uint64_t m = 0;
	char sep = '[', buf[16];

	memcpy(&m, set, bytes > 8 ? 8 : bytes);
	if (nbits < 64)
		m &= (1ULL << nbits) - 1;
	pop = __builtin_popcountll(m);
	if (pop >= (nbits + 31) / 32 * 32 * 2 / 3) {
		outs("~");
		m = ~m;
		if (nbits < 64)
			m &= (1ULL << nbits) - 1;
	}
	for (i = 0; i < nbits; i++) {
		if (!(m & (1ULL << i)))
			continue;
		outf("%c%s", sep, signame(i + 1, buf, sizeof(buf)) + 3);
		sep = ' ';
	}
	if (sep == '[')
		outs("[");
	outs("]");
}

/*
 * A sigset_t of @size bytes at @addr, @data the @n bytes captured: as
 * strace, the address unless @size is the kernel's (8 bytes on x86_64;
 * the call fails with EINVAL otherwise).
 */
void print_sigset_bytes(uint64_t addr, const void *data, size_t n,
			uint64_t size)
{
	if (!addr) {
		outs("NULL");
		return;
	}
	if (size != 8 || !data || n < size) {
		print_ptr(addr);
		return;
	}
	print_sigset_bits(data, size);
}

static void print_sigset(const struct sct_event *ev, unsigned int i,
			 uint64_t addr, uint64_t size)
{
	const void *data = NULL;
	size_t n = 0;

	if (addr && size == 8 &&
	    sct_event_data(ev, i, &data, &n) != SCT_DATA_BYTES)
		data = NULL;
	print_sigset_bytes(addr, data, n, size);
}

/* The kernel's struct sigaction of x86_64. */
struct ksigaction {
	uint64_t handler;
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};

static void print_sigaction(const struct sct_event *ev, unsigned int i,
			    uint64_t addr)
{
	struct ksigaction sa;
	const void *data;
	size_t n;

	if (!addr) {
		outs("NULL");
		return;
	}
	if (sct_event_data(ev, i, &data, &n) != SCT_DATA_BYTES ||
	    n < sizeof(sa)) {
		print_ptr(addr);
		return;
	}
	memcpy(&sa, data, sizeof(sa));
	outs("{sa_handler=");
	if (sa.handler == (uint64_t)(uintptr_t)SIG_DFL)
		outs("SIG_DFL");
	else if (sa.handler == (uint64_t)(uintptr_t)SIG_IGN)
		outs("SIG_IGN");
	else
		outf("%#" PRIx64, sa.handler);
	outs(", sa_mask=");
	print_sigset_bits((const unsigned char *)&sa.mask, 8);
	outs(", sa_flags=");
	if (sa.flags)
		print_flags(sa_flags, NELEM(sa_flags), sa.flags, false);
	else
		outs("0");
	if (sa.flags & 0x04000000)
		outf(", sa_restorer=%#" PRIx64, sa.restorer);
	outs("}");
}

static void print_mode(uint64_t m)
{
	outf("%#03" PRIo64, m);
}

static void print_stat(const struct sct_event *ev, unsigned int i,
		       uint64_t addr)
{
	static const struct flag ifmt[] = {
		F(S_IFREG), F(S_IFSOCK), F(S_IFIFO), F(S_IFLNK), F(S_IFDIR),
		F(S_IFBLK), F(S_IFCHR),
	};
	struct stat sb;
	const void *data;
	size_t n, k;

	if (sct_event_data(ev, i, &data, &n) != SCT_DATA_BYTES ||
	    n < sizeof(sb)) {
		print_ptr(addr);
		return;
	}
	memcpy(&sb, data, sizeof(sb));
	outs("{st_mode=");
	for (k = 0; k < NELEM(ifmt); k++)
		if ((sb.st_mode & S_IFMT) == ifmt[k].val)
			outf("%s|", ifmt[k].name);
	print_mode(sb.st_mode & ~S_IFMT);
	if (S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode))
		outf(", st_rdev=makedev(%#x, %#x)", major(sb.st_rdev),
		     minor(sb.st_rdev));
	else
		outf(", st_size=%lld", (long long)sb.st_size);
	outs(", ...}");
}

static void print_wstatus(const struct sct_event *ev, unsigned int i,
			  uint64_t addr, int64_t ret)
{
	const void *data;
	size_t n;
	int s;
	char buf[16];

	if (ret <= 0 || sct_event_data(ev, i, &data, &n) != SCT_DATA_BYTES ||
	    n < sizeof(s)) {
		print_ptr(addr);
		return;
	}
	memcpy(&s, data, sizeof(s));
	if (WIFEXITED(s))
		outf("[{WIFEXITED(s) && WEXITSTATUS(s) == %d}]",
		     WEXITSTATUS(s));
	else if (WIFSIGNALED(s))
		outf("[{WIFSIGNALED(s) && WTERMSIG(s) == %s%s}]",
		     signame(WTERMSIG(s), buf, sizeof(buf)),
		     WCOREDUMP(s) ? " && WCOREDUMP(s)" : "");
	else if (WIFSTOPPED(s))
		outf("[{WIFSTOPPED(s) && WSTOPSIG(s) == %s}]",
		     signame(WSTOPSIG(s), buf, sizeof(buf)));
	else
		outf("[%#x]", s);
}

static void print_fdpair(const struct sct_event *ev, unsigned int i,
			 uint64_t addr)
{
	const void *data;
	size_t n;
	int fd[2];

	if (sct_event_data(ev, i, &data, &n) != SCT_DATA_BYTES ||
	    n < sizeof(fd)) {
		print_ptr(addr);
		return;
	}
	memcpy(fd, data, sizeof(fd));
	outf("[%d, %d]", fd[0], fd[1]);
}

static void print_rlim_abbrev(uint64_t v);

/* -X raw: the number; -X verbose: the number and its name. */
static void print_rlim(uint64_t v)
{
	if (st.xlat == XLAT_ABBREV || (v != UINT64_MAX &&
	    !(v > 1024 && v % 1024 == 0))) {
		print_rlim_abbrev(v);
		return;
	}
	outf("%" PRIu64, v);
	if (st.xlat == XLAT_VERBOSE) {
		outs(" /* ");
		print_rlim_abbrev(v);
		outs(" */");
	}
}

static void print_rlim_abbrev(uint64_t v)
{
	if (v == UINT64_MAX)
		outs("RLIM64_INFINITY");
	else if (v > 1024 && v % 1024 == 0)
		outf("%" PRIu64 "*1024", v / 1024);
	else
		outf("%" PRIu64, v);
}

static void print_rlimit64(const struct sct_event *ev, unsigned int i,
			   uint64_t addr)
{
	const void *data;
	size_t n;
	uint64_t r[2];

	if (!addr) {
		outs("NULL");
		return;
	}
	if (sct_event_data(ev, i, &data, &n) != SCT_DATA_BYTES ||
	    n < sizeof(r)) {
		print_ptr(addr);
		return;
	}
	memcpy(r, data, sizeof(r));
	outs("{rlim_cur=");
	print_rlim(r[0]);
	outs(", rlim_max=");
	print_rlim(r[1]);
	outs("}");
}

static void print_utsname(const struct sct_event *ev, unsigned int i,
			  uint64_t addr)
{
	const void *data;
	size_t n;
	const char *u;

	/* The kernel's struct new_utsname: fields of 65 bytes. */
	if (sct_event_data(ev, i, &data, &n) != SCT_DATA_BYTES || n < 130) {
		print_ptr(addr);
		return;
	}
	u = data;
	outs("{sysname=");
	quote((const unsigned char *)u, strnlen(u, 65), 0);
	outs(", nodename=");
	quote((const unsigned char *)u + 65, strnlen(u + 65, 65), 0);
	outs(", ...}");
}

static const struct flag access_flags[] = {
	F(R_OK), F(W_OK), F(X_OK),
};

static const struct flag clocks[] = {
	F(CLOCK_REALTIME), F(CLOCK_MONOTONIC), F(CLOCK_PROCESS_CPUTIME_ID),
	F(CLOCK_THREAD_CPUTIME_ID), F(CLOCK_MONOTONIC_RAW),
	F(CLOCK_REALTIME_COARSE), F(CLOCK_MONOTONIC_COARSE),
	F(CLOCK_BOOTTIME), F(CLOCK_REALTIME_ALARM), F(CLOCK_BOOTTIME_ALARM),
	F(CLOCK_TAI),
};

static void print_timespec(const struct sct_event *ev, unsigned int i,
			   uint64_t addr, int64_t ret)
{
	const void *data;
	size_t n;
	int64_t ts[2];

	if (ret < 0 || sct_event_data(ev, i, &data, &n) != SCT_DATA_BYTES ||
	    n < sizeof(ts)) {
		print_ptr(addr);
		return;
	}
	memcpy(ts, data, sizeof(ts));
	outf("{tv_sec=%" PRId64 ", tv_nsec=%" PRId64 "}", ts[0], ts[1]);
}

/* getdents64's buffer: strace shows the number of entries. */
static void print_dirents(const struct sct_event *ev, unsigned int i,
			  uint64_t addr, int64_t ret)
{
	const unsigned char *d;
	const void *data;
	size_t n, off = 0;
	unsigned int count = 0;
	unsigned short reclen;

	print_ptr(addr);
	if (ret < 0)
		return;
	if (sct_event_data(ev, i, &data, &n) != SCT_DATA_BYTES &&
	    ret != 0)
		return;	/* cut: the count is not known */
	d = data;
	while (ret > 0 && off + 18 < n && off < (size_t)ret) {
		memcpy(&reclen, d + off + 16, sizeof(reclen));
		if (!reclen)
			break;
		off += reclen;
		count++;
	}
	outf(" /* %u entries */", count);
}

/*
 * prctl's second argument: PR_SET_NAME's and PR_GET_NAME's name is the
 * thread's command name, which the full record of the exit gives.
 */
static void print_prctl_arg(const struct task *t, const struct sct_event *ev,
			    uint64_t v, int64_t ret)
{
	const struct sct_record_call *r = (const void *)sct_event_record(ev);

	if ((t->args[0] == 15 || t->args[0] == 16) && ret >= 0 && r &&
	    r->hdr.type == SCT_RECORD_CALL) {
		quote((const unsigned char *)r->comm,
		      strnlen(r->comm, sizeof(r->comm)), 0);
		return;
	}
	print_ptr(v);
}

static void print_strv(const struct sct_event *ev, unsigned int i,
		       uint64_t addr)
{
	const void *data;
	size_t n, off;
	uint32_t count, k;
	int kind = sct_event_data(ev, i, &data, &n);
	const char *p;

	if (!addr) {
		outs("NULL");
		return;
	}
	if ((kind != SCT_DATA_STRV && kind != SCT_DATA_STRV_TRUNC) ||
	    n < 4) {
		print_ptr(addr);
		return;
	}
	memcpy(&count, data, 4);
	p = (const char *)data + 4;
	off = 4;
	outs("[");
	for (k = 0; k < count; k++) {
		size_t len;

		if (k)
			outs(", ");
		if (k >= st.max_strlen) {
			outs("...");
			break;
		}
		if (off >= n) {
			/* Not captured: the record was full. */
			outs("...");
			break;
		}
		len = strnlen(p, n - off);
		quote((const unsigned char *)p,
		      len > st.max_strlen ? st.max_strlen : len, 0);
		if (len > st.max_strlen)
			outs("...");
		p += len + 1;
		off += len + 1;
	}
	outs("]");
}

static void print_envp(const struct sct_event *ev, unsigned int i,
		       uint64_t addr)
{
	const void *data;
	size_t n;
	uint32_t count;
	int kind = sct_event_data(ev, i, &data, &n);

	print_ptr(addr);
	if (addr && (kind == SCT_DATA_STRV || kind == SCT_DATA_STRV_TRUNC) &&
	    n >= 4) {
		memcpy(&count, data, 4);
		outf(" /* %u var%s */", count, count == 1 ? "" : "s");
	}
}

/* Whether type @a is printed at the exit: what the call writes. */
bool arg_is_out(unsigned char a)
{
	switch (a) {
	case A_BUF_OUT: case A_BUF_OUT_HEX: case A_STAT: case A_WSTATUS:
	case A_FDPAIR: case A_UTSNAME: case A_RLIMIT64_OUT:
	case A_SIGACTION_OUT: case A_SIGSET_OUT: case A_TIMESPEC_OUT:
	case A_DIRENTS: case A_PRCTL_ARG:
		return true;
	default:
		return arg_is_out_more(a);
	}
}

/* Argument @i (from 0) of @t's call, @ev its entry or exit event. */
static void print_arg(struct task *t, const struct sct_event *ev,
		      unsigned int i, int64_t ret)
{
	uint64_t v = t->args[i];
	unsigned int p = i + 1;	/* libsct counts parameters from 1 */

	switch (t->desc->args[i]) {
	case A_INT:
		outf("%d", (int)v);
		break;
	case A_LONG:
		outf("%" PRId64, (int64_t)v);
		break;
	case A_ULONG:
		outf("%" PRIu64, v);
		break;
	case A_HEX:
		outf("%#" PRIx64, v);
		break;
	case A_PTR:
		print_ptr(v);
		break;
	case A_PATH:
		print_path(ev, p, v);
		break;
	case A_DIRFD:
		if ((int)v == AT_FDCWD && st.xlat != XLAT_ABBREV)
			outf("%d%s", AT_FDCWD, st.xlat == XLAT_VERBOSE ?
			     " /* AT_FDCWD */" : "");
		else if ((int)v == AT_FDCWD)
			outs("AT_FDCWD");
		else
			outf("%d", (int)v);
		break;
	case A_OFLAGS:
		if (!strcmp(t->name, "pipe2") || !strcmp(t->name, "dup3")) {
			if (v)
				print_flags(open_flags, NELEM(open_flags), v,
					    false);
			else
				outs("0");
		} else {
			print_oflags(v);
		}
		break;
	case A_OMODE:
	case A_MODE:
		print_mode(v);
		break;
	case A_ATFLAGS:
		if (v)
			print_flags(at_flags, NELEM(at_flags), v, false);
		else
			outs("0");
		break;
	case A_BUF_IN:
		print_buf(ev, p, v, t->args[i + 1], 0);
		break;
	case A_BUF_OUT:
	case A_BUF_OUT_HEX:
		if (ret < 0)
			print_ptr(v);
		else
			print_buf(ev, p, v, ret, t->desc->args[i] ==
				  A_BUF_OUT_HEX ? Q_HEX : 0);
		break;
	case A_PROT:
		if (v)
			print_flags(prot_flags, NELEM(prot_flags), v, false);
		else
			outs("PROT_NONE");
		break;
	case A_MAPFLAGS:
		print_xval(map_types, NELEM(map_types), v & MAP_TYPE,
			   "MAP_???");
		if (v & ~(uint64_t)MAP_TYPE)
			print_flags(map_flags, NELEM(map_flags),
				    v & ~(uint64_t)MAP_TYPE, true);
		break;
	case A_ARGV:
		print_strv(ev, p, v);
		break;
	case A_ENVP:
		if (abbrev(t))
			print_envp(ev, p, v);
		else
			print_strv(ev, p, v);
		break;
	case A_STAT:
		if (ret < 0)
			print_ptr(v);
		else
			print_stat(ev, p, v);
		break;
	case A_WSTATUS:
		print_wstatus(ev, p, v, ret);
		break;
	case A_WOPTIONS:
		if (v)
			print_flags(wait_flags, NELEM(wait_flags), v, false);
		else
			outs("0");
		break;
	case A_SIGNUM:
		print_signum(v);
		break;
	case A_SIGSET:
	case A_SIGSET_OUT:
		if (t->desc->args[i] == A_SIGSET_OUT && ret < 0 && v)
			print_ptr(v);
		else
			print_sigset(ev, p, v, t->args[t->desc->args[i + 1] ==
						       A_ULONG ? i + 1 : i + 2]);
		break;
	case A_SIGACTION:
	case A_SIGACTION_OUT:
		if (t->desc->args[i] == A_SIGACTION_OUT && ret < 0 && v)
			print_ptr(v);
		else
			print_sigaction(ev, p, v);
		break;
	case A_ACCESS:
		if (!v)
			outs("F_OK");
		else
			print_flags(access_flags, NELEM(access_flags), v, false);
		break;
	case A_CLOCKID:
		print_xval(clocks, NELEM(clocks), v, "%" PRId64);
		break;
	case A_TIMESPEC_OUT:
		print_timespec(ev, p, v, ret);
		break;
	case A_DIRENTS:
		print_dirents(ev, p, v, ret);
		break;
	case A_PRCTL_ARG:
		print_prctl_arg(t, ev, v, ret);
		break;
	case A_SIGRETURN:
		/* The frame's mask is not in the record: see sctrace(1). */
		outs("{mask=?}");
		break;
	case A_SIGHOW:
		print_xval(sighow, NELEM(sighow), v, "SIG_???");
		break;
	case A_FDPAIR:
		if (ret < 0)
			print_ptr(v);
		else
			print_fdpair(ev, p, v);
		break;
	case A_WHENCE:
		print_xval(whence, NELEM(whence), v, "SEEK_???");
		break;
	case A_RLIMIT:
		print_xval(rlimits, NELEM(rlimits), v, "RLIMIT_???");
		break;
	case A_RLIMIT64:
	case A_RLIMIT64_OUT:
		if (t->desc->args[i] == A_RLIMIT64_OUT && ret < 0 && v)
			print_ptr(v);
		else
			print_rlimit64(ev, p, v);
		break;
	case A_ARCHPRCTL:
		print_xval(archprctl, NELEM(archprctl), v, "ARCH_???");
		break;
	case A_PRCTL:
		print_prctl(t);
		break;
	case A_FCNTL:
		print_fcntl(t);
		break;
	case A_IOCTL:
		print_xval(ioctls, NELEM(ioctls), v, "%#" PRIx64);
		break;
	case A_UTSNAME:
		if (ret < 0)
			print_ptr(v);
		else
			print_utsname(ev, p, v);
		break;
	case A_GRND:
		if (v)
			print_flags(grnd_flags, NELEM(grnd_flags), v, false);
		else
			outs("0");
		break;
	default:
		print_arg_more(t, ev, i, ret);
		break;
	}
}

/* Whether argument @i of @t's call is printed at all. */
static bool arg_shown(const struct task *t, unsigned int i)
{
	/* open's mode, only with O_CREAT or O_TMPFILE. */
	if (t->desc->args[i] == A_OMODE)
		return t->args[i - 1] & (O_CREAT | 020000000);
	return arg_shown_misc(t, i);
}

/* The arguments of @t's call from @from to @to, after @sep. */
void print_args(struct task *t, const struct sct_event *ev,
		       unsigned int from, unsigned int to, bool sep,
		       int64_t ret)
{
	unsigned int i;

	for (i = from; i < to; i++) {
		if (!arg_shown(t, i))
			continue;
		if (sep)
			outs(", ");
		print_arg(t, ev, i, ret);
		sep = true;
	}
}

unsigned int desc_nargs(const struct sc_desc *d)
{
	unsigned int n = 0;

	while (n < 6 && d->args[n])
		n++;
	return n;
}

/* clone(2) of x86_64: flags, stack, parent_tid, child_tid, tls. */
void print_clone_entry(struct task *t)
{
	uint64_t f = t->args[0];

	outs("child_stack=");
	print_ptr(t->args[1]);
	outs(", flags=");
	if (f & ~0xffULL)
		print_flags(clone_flags, NELEM(clone_flags), f & ~0xffULL,
			    false);
	if (f & 0xff) {
		if (f & ~0xffULL)
			outs("|");
		print_signum(f & 0xff);
	}
	if (!f)
		outs("0");
	if (f & CLONE_PARENT_SETTID) {
		outs(", parent_tid=");
		print_ptr(t->args[2]);
	}
}

void print_clone_exit(struct task *t)
{
	uint64_t f = t->args[0];

	if (f & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
		outs(", child_tidptr=");
		print_ptr(t->args[3]);
	}
	if (f & CLONE_SETTLS) {
		outs(", tls=");
		print_ptr(t->args[4]);
	}
}

const struct sc_desc *find_desc(const char *name)
{
	size_t i;

	if (!name)
		return NULL;
	for (i = 0; i < NELEM(sc_table); i++)
		if (!strcmp(sc_table[i].name, name))
			return &sc_table[i];
	return NULL;
}

/* A call without a decoder: its six arguments in hex, as strace -X raw. */
const struct sc_desc raw_desc = {
	"", { A_HEX, A_HEX, A_HEX, A_HEX, A_HEX, A_HEX }, R_DEC
};

/*
 * More types: sockets, polling, time, files, memory.  The tables are in
 * the order of strace 6.1's src/xlat files, which is the order flags
 * print in.
 */

/* Flags or "0". */
static void print_flags0(const struct flag *tab, size_t n, uint64_t v)
{
	if (v)
		print_flags(tab, n, v, false);
	else
		outs("0");
}

/* The bytes the kernel captured of argument @i, if at least @size. */
static const void *captured(const struct sct_event *ev, unsigned int i,
			    size_t size)
{
	const void *data;
	size_t n;
	int kind = sct_event_data(ev, i, &data, &n);

	if ((kind != SCT_DATA_BYTES && kind != SCT_DATA_BYTES_TRUNC) ||
	    n < size)
		return NULL;
	return data;
}

static const struct flag addr_families[] = {
	F(AF_UNSPEC), F(AF_UNIX), F(AF_INET), F(AF_AX25), F(AF_IPX),
	F(AF_APPLETALK), F(AF_NETROM), F(AF_BRIDGE), F(AF_ATMPVC), F(AF_X25),
	F(AF_INET6), F(AF_ROSE), F(AF_DECnet), F(AF_NETBEUI), F(AF_SECURITY),
	F(AF_KEY), F(AF_NETLINK), F(AF_PACKET), F(AF_ASH), F(AF_ECONET),
	F(AF_ATMSVC), F(AF_RDS), F(AF_SNA), F(AF_IRDA), F(AF_PPPOX),
	F(AF_WANPIPE), F(AF_LLC), F(AF_IB), F(AF_MPLS), F(AF_CAN), F(AF_TIPC),
	F(AF_BLUETOOTH), F(AF_IUCV), F(AF_RXRPC), F(AF_ISDN), F(AF_PHONET),
	F(AF_IEEE802154), F(AF_CAIF), F(AF_ALG), F(AF_NFC), F(AF_VSOCK),
	F(AF_KCM), F(AF_QIPCRTR), F(AF_SMC), F(AF_XDP), { 45, "AF_MCTP" },
};

static const struct flag sock_types[] = {
	F(SOCK_STREAM), F(SOCK_DGRAM), F(SOCK_RAW), F(SOCK_RDM),
	F(SOCK_SEQPACKET), F(SOCK_DCCP), F(SOCK_PACKET),
};

static const struct flag sock_type_flags[] = {
	F(SOCK_CLOEXEC), F(SOCK_NONBLOCK),
};

static const struct flag inet_protocols[] = {
	F(IPPROTO_IP), F(IPPROTO_ICMP), F(IPPROTO_IGMP), F(IPPROTO_IPIP),
	F(IPPROTO_TCP), F(IPPROTO_EGP), F(IPPROTO_PUP), F(IPPROTO_UDP),
	F(IPPROTO_IDP), F(IPPROTO_TP), F(IPPROTO_DCCP), F(IPPROTO_IPV6),
	F(IPPROTO_ROUTING), F(IPPROTO_FRAGMENT), F(IPPROTO_RSVP),
	F(IPPROTO_GRE), F(IPPROTO_ESP), F(IPPROTO_AH), F(IPPROTO_ICMPV6),
	F(IPPROTO_NONE), F(IPPROTO_DSTOPTS), F(IPPROTO_MTP),
	F(IPPROTO_BEETPH), F(IPPROTO_ENCAP), F(IPPROTO_PIM), F(IPPROTO_COMP),
	{ 115, "IPPROTO_L2TP" }, F(IPPROTO_SCTP), F(IPPROTO_MH),
	F(IPPROTO_UDPLITE), F(IPPROTO_MPLS), { 143, "IPPROTO_ETHERNET" },
	F(IPPROTO_RAW), { 262, "IPPROTO_MPTCP" },
};

static const struct flag msg_flags[] = {
	F(MSG_OOB), F(MSG_PEEK), F(MSG_DONTROUTE), F(MSG_CTRUNC),
	{ 0x10, "MSG_PROBE" }, F(MSG_TRUNC), F(MSG_DONTWAIT), F(MSG_EOR),
	F(MSG_WAITALL), F(MSG_FIN), F(MSG_SYN), F(MSG_CONFIRM), F(MSG_RST),
	F(MSG_ERRQUEUE), F(MSG_NOSIGNAL), F(MSG_MORE), F(MSG_WAITFORONE),
	{ 0x20000, "MSG_SENDPAGE_NOTLAST" }, F(MSG_BATCH),
	{ 0x80000, "MSG_NO_SHARED_FRAGS" }, F(MSG_ZEROCOPY), F(MSG_FASTOPEN),
	F(MSG_CMSG_CLOEXEC), { 0x80000000, "MSG_CMSG_COMPAT" },
};

static const struct flag shut_modes[] = {
	F(SHUT_RD), F(SHUT_WR), F(SHUT_RDWR),
};

static const struct flag sock_levels[] = {
	F(SOL_IP), F(SOL_SOCKET), { 6, "SOL_TCP" }, { 17, "SOL_UDP" }, F(SOL_IPV6),
	F(SOL_ICMPV6), F(SOL_RAW), F(SOL_PACKET), F(SOL_NETLINK),
};

static const struct flag sol_socket_opts[] = {
	F(SO_DEBUG), F(SO_REUSEADDR), F(SO_TYPE), F(SO_ERROR),
	F(SO_DONTROUTE), F(SO_BROADCAST), F(SO_SNDBUF), F(SO_RCVBUF),
	F(SO_KEEPALIVE), F(SO_OOBINLINE), F(SO_NO_CHECK), F(SO_PRIORITY),
	F(SO_LINGER), F(SO_BSDCOMPAT), F(SO_REUSEPORT), F(SO_PASSCRED),
	F(SO_PEERCRED), F(SO_RCVLOWAT), F(SO_SNDLOWAT),
	{ 20, "SO_RCVTIMEO_OLD" }, { 21, "SO_SNDTIMEO_OLD" },
	F(SO_BINDTODEVICE), F(SO_ATTACH_FILTER), F(SO_DETACH_FILTER),
	F(SO_PEERNAME), { 29, "SO_TIMESTAMP_OLD" }, F(SO_ACCEPTCONN),
	F(SO_PEERSEC), F(SO_SNDBUFFORCE), F(SO_RCVBUFFORCE), F(SO_PASSSEC),
	F(SO_MARK), F(SO_PROTOCOL), F(SO_DOMAIN), F(SO_RXQ_OVFL),
};

static const struct flag sol_tcp_opts[] = {
	{ 1, "TCP_NODELAY" }, { 2, "TCP_MAXSEG" }, { 3, "TCP_CORK" },
	{ 4, "TCP_KEEPIDLE" }, { 5, "TCP_KEEPINTVL" }, { 6, "TCP_KEEPCNT" },
	{ 7, "TCP_SYNCNT" }, { 8, "TCP_LINGER2" }, { 9, "TCP_DEFER_ACCEPT" },
	{ 10, "TCP_WINDOW_CLAMP" }, { 11, "TCP_INFO" }, { 12, "TCP_QUICKACK" },
	{ 13, "TCP_CONGESTION" },
};

/*
 * A socket address of @len bytes, as strace's print_sockaddr(): the
 * families it decodes most, the others as their family and bytes.
 */
void print_sockaddr_bytes(const void *data, size_t len)
{
	const struct sockaddr *sa = data;
	char buf[INET6_ADDRSTRLEN];
	size_t i;

	outs("{sa_family=");
	print_xval(addr_families, NELEM(addr_families), sa->sa_family,
		     "AF_???");
	switch (sa->sa_family) {
	case AF_UNIX: {
		const struct sockaddr_un *sun = data;
		size_t off = offsetof(struct sockaddr_un, sun_path);
		size_t n = len > sizeof(*sun) ? sizeof(*sun) - off : len - off;

		if (len <= off)
			break;
		outs(", sun_path=");
		if (!sun->sun_path[0] && n > 1) {
			/* Abstract: every byte counts. */
			outs("@");
			quote((const unsigned char *)sun->sun_path + 1, n - 1,
			      0);
		} else {
			quote((const unsigned char *)sun->sun_path,
			      strnlen(sun->sun_path, n), 0);
		}
		break;
	}
	case AF_INET: {
		const struct sockaddr_in *sin = data;

		if (len < sizeof(*sin))
			goto raw;
		outf(", sin_port=htons(%u), sin_addr=inet_addr(\"%s\")",
		     ntohs(sin->sin_port),
		     inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof(buf)));
		break;
	}
	case AF_INET6: {
		const struct sockaddr_in6 *sin6 = data;

		if (len < sizeof(*sin6))
			goto raw;
		outf(", sin6_port=htons(%u), sin6_flowinfo=htonl(%u), "
		     "inet_pton(AF_INET6, \"%s\", &sin6_addr), "
		     "sin6_scope_id=%u", ntohs(sin6->sin6_port),
		     ntohl(sin6->sin6_flowinfo),
		     inet_ntop(AF_INET6, &sin6->sin6_addr, buf, sizeof(buf)),
		     sin6->sin6_scope_id);
		break;
	}
	default:
raw:
		if (len <= sizeof(sa->sa_family))
			break;
		outs(", sa_data=\"");
		for (i = sizeof(sa->sa_family); i < len; i++)
			outf("\\x%02x", ((const unsigned char *)data)[i]);
		outs("\"");
	}
	outs("}");
}

/*
 * A socket address the call reads, @len bytes long.  The kernel records
 * the whole of AF_INET and AF_INET6 ones, and only the family of others:
 * an address cut short prints as its pointer.
 */
static void print_sockaddr(const struct sct_event *ev, unsigned int i,
			   uint64_t addr, uint64_t len)
{
	const void *data;
	size_t n;

	if (!addr) {
		outs("NULL");
		return;
	}
	if (sct_event_data(ev, i, &data, &n) != SCT_DATA_SOCKADDR ||
	    n < sizeof(sa_family_t) || n < len) {
		print_ptr(addr);
		return;
	}
	print_sockaddr_bytes(data, n);
}

/* An int the call wrote, as "[N]". */
static void print_int_out(const struct sct_event *ev, unsigned int i,
			  uint64_t addr, int64_t ret)
{
	const void *data = captured(ev, i, sizeof(int));
	int v;

	if (!addr) {
		outs("NULL");
		return;
	}
	if (ret < 0 || !data) {
		print_ptr(addr);
		return;
	}
	memcpy(&v, data, sizeof(v));
	outf("[%d]", v);
}

static void print_socktype(uint64_t v)
{
	print_xval(sock_types, NELEM(sock_types), v & 0xf, "SOCK_???");
	if (v & ~0xfULL)
		print_flags(sock_type_flags, NELEM(sock_type_flags),
			    v & ~0xfULL, true);
}

static void print_sockopt(uint64_t level, uint64_t v)
{
	switch (level) {
	case SOL_SOCKET:
		print_xval(sol_socket_opts, NELEM(sol_socket_opts), v,
			     "SO_???");
		break;
	case 6:	/* SOL_TCP */
		print_xval(sol_tcp_opts, NELEM(sol_tcp_opts), v, "TCP_???");
		break;
	default:
		outf("%" PRIu64, v);
	}
}

/* setsockopt's value: an int as "[N]", other sizes in hex. */
static void print_sockoptval(const struct sct_event *ev, unsigned int i,
			     uint64_t addr, uint64_t len)
{
	const void *data;
	size_t n;
	int v;

	if (!addr) {
		outs("NULL");
		return;
	}
	if (sct_event_data(ev, i, &data, &n) != SCT_DATA_BYTES || n < len) {
		print_ptr(addr);
		return;
	}
	if (len == sizeof(int)) {
		memcpy(&v, data, sizeof(v));
		outf("[%d]", v);
		return;
	}
	quote(data, len > st.max_strlen ? st.max_strlen : len, Q_HEX);
	if (len > st.max_strlen)
		outs("...");
}

static const struct flag poll_events[] = {
	F(POLLIN), F(POLLPRI), F(POLLOUT), F(POLLERR), F(POLLHUP),
	F(POLLNVAL), F(POLLRDNORM), F(POLLRDBAND), F(POLLWRNORM),
	F(POLLWRBAND), F(POLLMSG), F(POLLREMOVE), F(POLLRDHUP),
	{ 0x8000, "POLL_BUSY_LOOP" },
};

/*
 * poll's descriptors: the kernel captures the first pollfd only, so
 * more than one prints as an address.
 */
static void print_pollfds(const struct sct_event *ev, unsigned int i,
			  uint64_t addr, uint64_t nfds)
{
	const struct pollfd *p = captured(ev, i, sizeof(*p));

	if (!addr) {
		outs("NULL");
		return;
	}
	if (nfds != 1 || !p) {
		print_ptr(addr);
		return;
	}
	outf("[{fd=%d", p->fd);
	if (p->fd >= 0) {
		outs(", events=");
		print_flags0(poll_events, NELEM(poll_events),
			     (uint16_t)p->events);
	}
	outs("}]");
}

/* The " (...)" after poll's return: the descriptors with events. */
static void print_poll_ret(struct task *t, const struct sct_event *ev,
			   int64_t ret)
{
	const struct pollfd *p = captured(ev, 1, sizeof(*p));

	if (ret == 0) {
		outs(" (Timeout)");
		return;
	}
	if (t->args[1] != 1 || !p || !p->revents)
		return;
	outf(" ([{fd=%d, revents=", p->fd);
	print_flags0(poll_events, NELEM(poll_events), (uint16_t)p->revents);
	outs("}])");
}

static void print_timespec_in(const struct sct_event *ev, unsigned int i,
			      uint64_t addr)
{
	const int64_t *ts = captured(ev, i, 2 * sizeof(int64_t));

	if (!addr) {
		outs("NULL");
		return;
	}
	if (!ts) {
		print_ptr(addr);
		return;
	}
	outf("{tv_sec=%" PRId64 ", tv_nsec=%" PRId64 "}", ts[0], ts[1]);
}

static void print_timeval(const int64_t *tv)
{
	outf("{tv_sec=%" PRId64 ", tv_usec=%" PRId64 "}", tv[0], tv[1]);
}

static void print_itimerval(const struct sct_event *ev, unsigned int i,
			    uint64_t addr, int64_t ret)
{
	const int64_t *it = captured(ev, i, 4 * sizeof(int64_t));

	if (!addr) {
		outs("NULL");
		return;
	}
	if (ret < 0 || !it) {
		print_ptr(addr);
		return;
	}
	outs("{it_interval=");
	print_timeval(it);
	outs(", it_value=");
	print_timeval(it + 2);
	outs("}");
}

static const struct flag itimers[] = {
	F(ITIMER_REAL), F(ITIMER_VIRTUAL), F(ITIMER_PROF),
};

static const char *const futex_cmds[] = {
	"FUTEX_WAIT", "FUTEX_WAKE", "FUTEX_FD", "FUTEX_REQUEUE",
	"FUTEX_CMP_REQUEUE", "FUTEX_WAKE_OP", "FUTEX_LOCK_PI",
	"FUTEX_UNLOCK_PI", "FUTEX_TRYLOCK_PI", "FUTEX_WAIT_BITSET",
	"FUTEX_WAKE_BITSET", "FUTEX_WAIT_REQUEUE_PI", "FUTEX_CMP_REQUEUE_PI",
	"FUTEX_LOCK_PI2",
};

/*
 * futex(2), as strace's futex.c: the arguments the operation uses.  The
 * timeout is not captured (the fourth argument is not always a time):
 * it prints as an address.
 */
static void print_futex(const struct task *t)
{
	const uint64_t *a = t->args;
	unsigned int op = (unsigned int)a[1], cmd = op & FUTEX_CMD_MASK;
	unsigned int val = (unsigned int)a[2], val3 = (unsigned int)a[5];

	print_ptr(a[0]);
	outs(", ");
	if (cmd < NELEM(futex_cmds) &&
	    !(op & ~(FUTEX_CMD_MASK | FUTEX_PRIVATE_FLAG |
		     FUTEX_CLOCK_REALTIME)))
		outf("%s%s%s", futex_cmds[cmd],
		     op & FUTEX_PRIVATE_FLAG ? "_PRIVATE" : "",
		     op & FUTEX_CLOCK_REALTIME ? "|FUTEX_CLOCK_REALTIME" : "");
	else
		outf("%#x /* FUTEX_??? */", op);
	switch (cmd) {
	case FUTEX_WAIT:
		outf(", %u, ", val);
		print_ptr(a[3]);
		break;
	case FUTEX_LOCK_PI:
	case 13:	/* FUTEX_LOCK_PI2 */
		outs(", ");
		print_ptr(a[3]);
		break;
	case FUTEX_WAIT_BITSET:
		outf(", %u, ", val);
		print_ptr(a[3]);
		/* fall through */
	case FUTEX_WAKE_BITSET:
		if (cmd == FUTEX_WAKE_BITSET)
			outf(", %u", val);
		if (val3 == FUTEX_BITSET_MATCH_ANY)
			outs(", FUTEX_BITSET_MATCH_ANY");
		else
			outf(", %#x", val3);
		break;
	case FUTEX_REQUEUE:
		outf(", %u, %u, ", val, (unsigned int)a[3]);
		print_ptr(a[4]);
		break;
	case FUTEX_CMP_REQUEUE:
	case FUTEX_CMP_REQUEUE_PI:
		outf(", %u, %u, ", val, (unsigned int)a[3]);
		print_ptr(a[4]);
		outf(", %u", val3);
		break;
	case FUTEX_WAIT_REQUEUE_PI:
		outf(", %u, ", val);
		print_ptr(a[3]);
		outs(", ");
		print_ptr(a[4]);
		break;
	case FUTEX_FD:
	case FUTEX_WAKE:
		outf(", %u", val);
		break;
	case FUTEX_UNLOCK_PI:
	case FUTEX_TRYLOCK_PI:
		break;
	default:	/* FUTEX_WAKE_OP and unknown: raw */
		outf(", %u, %#" PRIx64 ", ", val, a[3]);
		print_ptr(a[4]);
		outf(", %#x", val3);
	}
}

static const struct flag fs_magics[] = {
	{ 0x00001cd1, "DEVPTS_SUPER_MAGIC" }, { 0x00006969, "NFS_SUPER_MAGIC" },
	{ 0x00009fa0, "PROC_SUPER_MAGIC" }, { 0x0000ef53, "EXT2_SUPER_MAGIC" },
	{ 0x0027e0eb, "CGROUP_SUPER_MAGIC" }, { 0x01021994, "TMPFS_MAGIC" },
	{ 0x01021997, "V9FS_MAGIC" }, { 0x2011bab0, "EXFAT_SUPER_MAGIC" },
	{ 0x4d44, "MSDOS_SUPER_MAGIC" }, { 0x50495045, "PIPEFS_MAGIC" },
	{ 0x534f434b, "SOCKFS_MAGIC" }, { 0x58465342, "XFS_SUPER_MAGIC" },
	{ 0x62656570, "CONFIGFS_MAGIC" }, { 0x62656572, "SYSFS_MAGIC" },
	{ 0x63677270, "CGROUP2_SUPER_MAGIC" }, { 0x64626720, "DEBUGFS_MAGIC" },
	{ 0x65735546, "FUSE_SUPER_MAGIC" }, { 0x73717368, "SQUASHFS_MAGIC" },
	{ 0x74726163, "TRACEFS_MAGIC" }, { 0x794c7630, "OVERLAYFS_SUPER_MAGIC" },
	{ 0x858458f6, "RAMFS_MAGIC" }, { 0x9123683e, "BTRFS_SUPER_MAGIC" },
	{ 0x958458f6, "HUGETLBFS_MAGIC" }, { 0xcafe4a11, "BPF_FS_MAGIC" },
	{ 0xf2f52010, "F2FS_SUPER_MAGIC" },
};

static const struct flag statfs_flags[] = {
	{ 0x0020, "ST_VALID" }, { 0x0001, "ST_RDONLY" }, { 0x0002, "ST_NOSUID" },
	{ 0x0004, "ST_NODEV" }, { 0x0008, "ST_NOEXEC" },
	{ 0x0010, "ST_SYNCHRONOUS" }, { 0x0040, "ST_MANDLOCK" },
	{ 0x0400, "ST_NOATIME" }, { 0x0800, "ST_NODIRATIME" },
	{ 0x1000, "ST_RELATIME" }, { 0x2000, "ST_NOSYMFOLLOW" },
};

static void print_xint(unsigned int v)
{
	if (v)
		outf("%#x", v);
	else
		outs("0");
}

/* struct statfs, as strace's print_struct_statfs(). */
void print_statfs_bytes(const void *data)
{
	struct statfs b;
	unsigned int fsid[2];

	memcpy(&b, data, sizeof(b));
	memcpy(fsid, &b.f_fsid, sizeof(fsid));
	outs("{f_type=");
	print_xval(fs_magics, NELEM(fs_magics), (uint64_t)b.f_type,
		     "???");
	outf(", f_bsize=%ld, f_blocks=%lu, f_bfree=%lu, f_bavail=%lu, "
	     "f_files=%lu, f_ffree=%lu, f_fsid={val=[",
	     (long)b.f_bsize, (unsigned long)b.f_blocks,
	     (unsigned long)b.f_bfree, (unsigned long)b.f_bavail,
	     (unsigned long)b.f_files, (unsigned long)b.f_ffree);
	print_xint(fsid[0]);
	outs(", ");
	print_xint(fsid[1]);
	outf("]}, f_namelen=%ld, f_frsize=%ld", (long)b.f_namelen,
	     (long)b.f_frsize);
	if (b.f_flags & 0x0020) {
		outs(", f_flags=");
		print_flags(statfs_flags, NELEM(statfs_flags), b.f_flags,
			    false);
	}
	outs("}");
}

static const struct flag rename_flags[] = {
	{ 1, "RENAME_NOREPLACE" }, { 2, "RENAME_EXCHANGE" },
	{ 4, "RENAME_WHITEOUT" },
};

static const struct flag flock_cmds[] = {
	F(LOCK_SH), F(LOCK_EX), F(LOCK_NB), F(LOCK_UN), { 32, "LOCK_MAND" },
	{ 192, "LOCK_RW" }, { 64, "LOCK_READ" }, { 128, "LOCK_WRITE" },
};

static const struct flag fadvices[] = {
	F(POSIX_FADV_NORMAL), F(POSIX_FADV_RANDOM), F(POSIX_FADV_SEQUENTIAL),
	F(POSIX_FADV_WILLNEED), F(POSIX_FADV_DONTNEED), F(POSIX_FADV_NOREUSE),
};

static const struct flag memfd_flags[] = {
	{ 1, "MFD_CLOEXEC" }, { 2, "MFD_ALLOW_SEALING" }, { 4, "MFD_HUGETLB" },
};

static const struct flag efd_flags[] = {
	{ 1, "EFD_SEMAPHORE" }, { O_CLOEXEC, "EFD_CLOEXEC" },
	{ O_NONBLOCK, "EFD_NONBLOCK" },
};

static const struct flag epoll_flags[] = {
	F(EPOLL_CLOEXEC),
};

static const struct flag epoll_ctls[] = {
	F(EPOLL_CTL_ADD), F(EPOLL_CTL_DEL), F(EPOLL_CTL_MOD),
};

static const struct flag epoll_events[] = {
	F(EPOLLIN), F(EPOLLPRI), F(EPOLLOUT), F(EPOLLERR), F(EPOLLHUP),
	{ 0x20, "EPOLLNVAL" }, F(EPOLLRDNORM), F(EPOLLRDBAND), F(EPOLLWRNORM),
	F(EPOLLWRBAND), F(EPOLLMSG), F(EPOLLRDHUP), F(EPOLLEXCLUSIVE),
	F(EPOLLWAKEUP), F(EPOLLONESHOT), F(EPOLLET),
};

static void print_epoll_event(const void *data)
{
	struct epoll_event e;

	memcpy(&e, data, sizeof(e));
	outs("{events=");
	print_flags0(epoll_events, NELEM(epoll_events), e.events);
	outf(", data={u32=%u, u64=%" PRIu64 "}}", e.data.u32,
	     (uint64_t)e.data.u64);
}

static const struct flag madvices[] = {
	F(MADV_NORMAL), F(MADV_RANDOM), F(MADV_SEQUENTIAL), F(MADV_WILLNEED),
	F(MADV_DONTNEED), F(MADV_FREE), F(MADV_REMOVE), F(MADV_DONTFORK),
	F(MADV_DOFORK), F(MADV_MERGEABLE), F(MADV_UNMERGEABLE),
	F(MADV_HUGEPAGE), F(MADV_NOHUGEPAGE), F(MADV_DONTDUMP),
	F(MADV_DODUMP), F(MADV_WIPEONFORK), F(MADV_KEEPONFORK), F(MADV_COLD),
	F(MADV_PAGEOUT), { 22, "MADV_POPULATE_READ" },
	{ 23, "MADV_POPULATE_WRITE" }, { 24, "MADV_DONTNEED_LOCKED" },
	{ 25, "MADV_COLLAPSE" }, F(MADV_HWPOISON), { 101, "MADV_SOFT_OFFLINE" },
};

static const struct flag mremap_flags[] = {
	{ 1, "MREMAP_MAYMOVE" }, { 2, "MREMAP_FIXED" }, { 4, "MREMAP_DONTUNMAP" },
};

static const struct flag msync_flags[] = {
	F(MS_ASYNC), F(MS_INVALIDATE), F(MS_SYNC),
};

/* A CPU mask of @n bytes, as "[0, 1, ...]". */
static void print_cpuset(const unsigned char *m, size_t n)
{
	size_t i;
	bool sep = false;

	outs("[");
	for (i = 0; i < n * 8; i++) {
		if (!(m[i / 8] & (1U << (i % 8))))
			continue;
		outf("%s%zu", sep ? ", " : "", i);
		sep = true;
	}
	outs("]");
}

/*
 * getcwd's buffer at @addr, @data the @n bytes captured (none: the call
 * failed, or the record had no room): the path, or the address.
 */
void print_cwd_bytes(uint64_t addr, const void *data, size_t n)
{
	if (!data || !n)
		print_ptr(addr);
	else
		quote(data, strnlen(data, n), 0);
}

static bool arg_is_out_more(unsigned char a)
{
	switch (a) {
	case A_SOCKADDR_OUT: case A_SOCKLEN_OUT: case A_PTR_OUT:
	case A_TIMEVAL_OUT: case A_TIMEZONE_OUT: case A_ITIMERVAL_OUT:
	case A_CWD: case A_STATFS: case A_EPOLLEVENTS_OUT: case A_CPUSET_OUT:
		return true;
	default:
		return arg_is_out_new(a);
	}
}

static void print_arg_more(struct task *t, const struct sct_event *ev,
			   unsigned int i, int64_t ret)
{
	uint64_t v = t->args[i];
	unsigned int p = i + 1;	/* libsct counts parameters from 1 */
	const void *data;

	switch (t->desc->args[i]) {
	case A_UINT:
		outf("%u", (unsigned int)v);
		break;
	case A_SOCKDOMAIN:
		print_xval(addr_families, NELEM(addr_families), v, "AF_???");
		break;
	case A_SOCKTYPE:
		print_socktype(v);
		break;
	case A_SOCKPROTO:
		if (t->args[0] == AF_INET || t->args[0] == AF_INET6)
			print_xval(inet_protocols, NELEM(inet_protocols), v,
				     "IPPROTO_???");
		else
			outf("%u", (unsigned int)v);
		break;
	case A_SOCKFLAGS:
		print_flags0(sock_type_flags, NELEM(sock_type_flags), v);
		break;
	case A_SOCKADDR:
		print_sockaddr(ev, p, v, (unsigned int)t->args[i + 1]);
		break;
	case A_SOCKADDR_OUT:
	case A_PTR_OUT:
		/* Output addresses and buffers the kernel does not capture. */
		print_ptr(v);
		break;
	case A_SOCKLEN_OUT:
		print_int_out(ev, p, v, ret);
		break;
	case A_MSGFLAGS:
		print_flags0(msg_flags, NELEM(msg_flags), (unsigned int)v);
		break;
	case A_SHUTHOW:
		print_xval(shut_modes, NELEM(shut_modes), v, "SHUT_???");
		break;
	case A_SOCKLEVEL:
		print_xval(sock_levels, NELEM(sock_levels), v, "SOL_??");
		break;
	case A_SOCKOPT:
		print_sockopt(t->args[1], v);
		break;
	case A_SOCKOPTVAL:
		print_sockoptval(ev, p, v, t->args[i + 1]);
		break;
	case A_POLLFD:
		print_pollfds(ev, p, v, t->args[i + 1]);
		break;
	case A_TIMESPEC:
		print_timespec_in(ev, p, v);
		break;
	case A_TIMERFLAGS:
		if (v == TIMER_ABSTIME)
			outs("TIMER_ABSTIME");
		else
			print_xint((unsigned int)v);
		break;
	case A_FUTEX:
		print_futex(t);
		break;
	case A_TIMEVAL_OUT:
		data = captured(ev, p, 2 * sizeof(int64_t));
		if (!v)
			outs("NULL");
		else if (ret < 0 || !data)
			print_ptr(v);
		else
			print_timeval(data);
		break;
	case A_TIMEZONE_OUT:
		data = captured(ev, p, 2 * sizeof(int));
		if (!v) {
			outs("NULL");
		} else if (ret < 0 || !data) {
			print_ptr(v);
		} else {
			const int *tz = data;

			outf("{tz_minuteswest=%d, tz_dsttime=%d}", tz[0], tz[1]);
		}
		break;
	case A_ITIMER:
		print_xval(itimers, NELEM(itimers), v, "ITIMER_???");
		break;
	case A_ITIMERVAL:
		print_itimerval(ev, p, v, 0);
		break;
	case A_ITIMERVAL_OUT:
		print_itimerval(ev, p, v, ret);
		break;
	case A_CWD: {
		const void *buf;
		size_t n;

		if (ret < 0 || sct_event_data(ev, p, &buf, &n) !=
		    SCT_DATA_BYTES)
			buf = NULL;
		print_cwd_bytes(v, buf, buf ? n : 0);
		break;
	}
	case A_STATFS:
		data = captured(ev, p, sizeof(struct statfs));
		if (ret < 0 || !data)
			print_ptr(v);
		else
			print_statfs_bytes(data);
		break;
	case A_UID:
		if ((unsigned int)v == (unsigned int)-1)
			outs("-1");
		else
			outf("%u", (unsigned int)v);
		break;
	case A_RENAMEFLAGS:
		print_flags0(rename_flags, NELEM(rename_flags), v);
		break;
	case A_FLOCK:
		print_flags0(flock_cmds, NELEM(flock_cmds), v);
		break;
	case A_FADVICE:
		print_xval(fadvices, NELEM(fadvices), v, "POSIX_FADV_???");
		break;
	case A_MEMFDFLAGS:
		print_flags0(memfd_flags, NELEM(memfd_flags), v);
		break;
	case A_EFDFLAGS:
		print_flags0(efd_flags, NELEM(efd_flags), v);
		break;
	case A_EPOLLFLAGS:
		print_flags0(epoll_flags, NELEM(epoll_flags), v);
		break;
	case A_EPOLLCTL:
		print_xval(epoll_ctls, NELEM(epoll_ctls), v, "EPOLL_CTL_???");
		break;
	case A_EPOLLEVENT:
		data = captured(ev, p, sizeof(struct epoll_event));
		if (!v)
			outs("NULL");
		else if (!data)
			print_ptr(v);
		else
			print_epoll_event(data);
		break;
	case A_EPOLLEVENTS_OUT:
		/* The kernel captures the first event: one prints. */
		data = captured(ev, p, sizeof(struct epoll_event));
		if (ret == 0) {
			outs("[]");
		} else if (ret != 1 || !data) {
			print_ptr(v);
		} else {
			outs("[");
			print_epoll_event(data);
			outs("]");
		}
		break;
	case A_MADVICE:
		print_xval(madvices, NELEM(madvices), v, "MADV_???");
		break;
	case A_MREMAPFLAGS:
		print_flags0(mremap_flags, NELEM(mremap_flags), v);
		if (v & 2) {	/* MREMAP_FIXED: the new address */
			outs(", ");
			print_ptr(t->args[4]);
		}
		break;
	case A_MSYNCFLAGS:
		print_flags0(msync_flags, NELEM(msync_flags), v);
		break;
	case A_CPUSET_OUT:
		data = ret > 0 ? captured(ev, p, ret) : NULL;
		if (!data)
			print_ptr(v);
		else
			print_cpuset(data, ret);
		break;
	default:
		print_arg_new(t, ev, i, ret);
		break;
	}
}

/*
 * fcntl(2) and prctl(2): what follows the command or the option depends
 * on it, as in strace 6.1's src/fcntl.c and src/prctl.c.  The kernel
 * captures none of their pointers: those print as addresses.
 */

static const struct flag fcntls[] = {
	F(F_DUPFD), F(F_GETFD), F(F_SETFD), F(F_GETFL), F(F_SETFL),
	F(F_GETLK), F(F_SETLK), F(F_SETLKW), F(F_SETOWN), F(F_GETOWN),
	{ 10, "F_SETSIG" }, { 11, "F_GETSIG" }, { 15, "F_SETOWN_EX" },
	{ 16, "F_GETOWN_EX" }, { 17, "F_GETOWNER_UIDS" },
	{ 36, "F_OFD_GETLK" }, { 37, "F_OFD_SETLK" }, { 38, "F_OFD_SETLKW" },
	{ 1024, "F_SETLEASE" }, { 1025, "F_GETLEASE" }, { 1026, "F_NOTIFY" },
	{ 1029, "F_CANCELLK" }, { 1030, "F_DUPFD_CLOEXEC" },
	{ 1031, "F_SETPIPE_SZ" }, { 1032, "F_GETPIPE_SZ" },
	{ 1033, "F_ADD_SEALS" }, { 1034, "F_GET_SEALS" },
	{ 1035, "F_GET_RW_HINT" }, { 1036, "F_SET_RW_HINT" },
	{ 1037, "F_GET_FILE_RW_HINT" }, { 1038, "F_SET_FILE_RW_HINT" },
};

static const struct flag fd_flags[] = { { 1, "FD_CLOEXEC" } };

static const struct flag lock_types[] = {
	{ 0, "F_RDLCK" }, { 1, "F_WRLCK" }, { 2, "F_UNLCK" },
};

static const struct flag seal_flags[] = {
	{ 1, "F_SEAL_SEAL" }, { 2, "F_SEAL_SHRINK" }, { 4, "F_SEAL_GROW" },
	{ 8, "F_SEAL_WRITE" }, { 16, "F_SEAL_FUTURE_WRITE" },
};

static const struct flag dn_flags[] = {
	{ 1, "DN_ACCESS" }, { 2, "DN_MODIFY" }, { 4, "DN_CREATE" },
	{ 8, "DN_DELETE" }, { 16, "DN_RENAME" }, { 32, "DN_ATTRIB" },
	{ 0x80000000, "DN_MULTISHOT" },
};

/* fcntl's commands whose return strace prints in hex, with a comment. */
static const struct sc_desc fcntl_hex_desc = {
	"fcntl", { A_INT, A_FCNTL }, R_HEX
};

/* Flags as strace's printflags(): "0", or an unknown rest "0x.. / * @dflt * /". */
void print_flags_dflt(const struct flag *tab, size_t n, uint64_t v,
		      const char *dflt)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (tab[i].val && (v & tab[i].val) == tab[i].val)
			break;
	if (!v || i < n || st.xlat == XLAT_RAW) {
		print_flags0(tab, n, v);
		return;
	}
	outf("%#" PRIx64 " /* %s */", v, dflt);
}

/* fcntl's command and its third argument, if it has one. */
static void print_fcntl(struct task *t)
{
	unsigned int cmd = (unsigned int)t->args[1];
	uint64_t v = t->args[2];

	print_xval(fcntls, NELEM(fcntls), cmd, "F_???");
	switch (cmd) {
	case F_GETFD: case F_GETFL: case 1034 /* F_GET_SEALS */:
	case 1025 /* F_GETLEASE */:
		t->desc = &fcntl_hex_desc;
		return;
	case F_GETOWN: case 11 /* F_GETSIG */: case 1032 /* F_GETPIPE_SZ */:
		return;
	}
	outs(", ");
	switch (cmd) {
	case F_SETFD:
		print_flags_dflt(fd_flags, NELEM(fd_flags), v, "FD_???");
		break;
	case F_SETOWN:
		outf("%d", (int)v);
		break;
	case F_DUPFD: case 1030 /* F_DUPFD_CLOEXEC */:
	case 1031 /* F_SETPIPE_SZ */:
		outf("%" PRId64, (int64_t)v);
		break;
	case F_SETFL:
		print_oflags(v);
		break;
	case F_GETLK: case F_SETLK: case F_SETLKW: case 15: case 16:
	case 36: case 37: case 38:
		print_ptr(v);
		break;
	case 1026 /* F_NOTIFY */:
		print_flags_dflt(dn_flags, NELEM(dn_flags), v, "DN_???");
		break;
	case 1024 /* F_SETLEASE */:
		print_xval(lock_types, NELEM(lock_types), v, "F_???");
		break;
	case 1033 /* F_ADD_SEALS */:
		print_flags_dflt(seal_flags, NELEM(seal_flags), v,
				 "F_SEAL_???");
		break;
	case 10 /* F_SETSIG */:
		print_signum(v);
		break;
	default:
		outf(v ? "%#" PRIx64 : "%" PRIu64, v);
		break;
	}
}

/* After fcntl's return: F_GETFL's, F_GETFD's and F_GET_SEALS' flags. */
static void print_fcntl_ret(const struct task *t, int64_t ret)
{
	switch ((unsigned int)t->args[1]) {
	case F_GETFL:
		outs(" (flags ");
		print_oflags_names(ret);
		outs(")");
		break;
	case F_GETFD:
		if (ret) {
			outs(" (flags ");
			print_flags(fd_flags, NELEM(fd_flags), ret, false);
			outs(")");
		}
		break;
	case 1034: /* F_GET_SEALS */
		if (ret) {
			outs(" (seals ");
			print_flags(seal_flags, NELEM(seal_flags), ret, false);
			outs(")");
		}
		break;
	case 1025: /* F_GETLEASE */
		for (size_t i = 0; i < NELEM(lock_types); i++)
			if ((int64_t)lock_types[i].val == ret)
				outf(" (%s)", lock_types[i].name);
		break;
	}
}

static const struct flag prctls[] = {
	{ 1, "PR_SET_PDEATHSIG" }, { 2, "PR_GET_PDEATHSIG" },
	{ 3, "PR_GET_DUMPABLE" }, { 4, "PR_SET_DUMPABLE" },
	{ 5, "PR_GET_UNALIGN" }, { 6, "PR_SET_UNALIGN" },
	{ 7, "PR_GET_KEEPCAPS" }, { 8, "PR_SET_KEEPCAPS" },
	{ 9, "PR_GET_FPEMU" }, { 10, "PR_SET_FPEMU" },
	{ 11, "PR_GET_FPEXC" }, { 12, "PR_SET_FPEXC" },
	{ 13, "PR_GET_TIMING" }, { 14, "PR_SET_TIMING" },
	{ 15, "PR_SET_NAME" }, { 16, "PR_GET_NAME" },
	{ 19, "PR_GET_ENDIAN" }, { 20, "PR_SET_ENDIAN" },
	{ 21, "PR_GET_SECCOMP" }, { 22, "PR_SET_SECCOMP" },
	{ 23, "PR_CAPBSET_READ" }, { 24, "PR_CAPBSET_DROP" },
	{ 25, "PR_GET_TSC" }, { 26, "PR_SET_TSC" },
	{ 27, "PR_GET_SECUREBITS" }, { 28, "PR_SET_SECUREBITS" },
	{ 29, "PR_SET_TIMERSLACK" }, { 30, "PR_GET_TIMERSLACK" },
	{ 31, "PR_TASK_PERF_EVENTS_DISABLE" },
	{ 32, "PR_TASK_PERF_EVENTS_ENABLE" },
	{ 33, "PR_MCE_KILL" }, { 34, "PR_MCE_KILL_GET" }, { 35, "PR_SET_MM" },
	{ 36, "PR_SET_CHILD_SUBREAPER" }, { 37, "PR_GET_CHILD_SUBREAPER" },
	{ 38, "PR_SET_NO_NEW_PRIVS" }, { 39, "PR_GET_NO_NEW_PRIVS" },
	{ 40, "PR_GET_TID_ADDRESS" }, { 41, "PR_SET_THP_DISABLE" },
	{ 42, "PR_GET_THP_DISABLE" }, { 43, "PR_MPX_ENABLE_MANAGEMENT" },
	{ 44, "PR_MPX_DISABLE_MANAGEMENT" }, { 45, "PR_SET_FP_MODE" },
	{ 46, "PR_GET_FP_MODE" }, { 47, "PR_CAP_AMBIENT" },
	{ 50, "PR_SVE_SET_VL" }, { 51, "PR_SVE_GET_VL" },
	{ 52, "PR_GET_SPECULATION_CTRL" }, { 53, "PR_SET_SPECULATION_CTRL" },
	{ 54, "PR_PAC_RESET_KEYS" }, { 55, "PR_SET_TAGGED_ADDR_CTRL" },
	{ 56, "PR_GET_TAGGED_ADDR_CTRL" }, { 57, "PR_SET_IO_FLUSHER" },
	{ 58, "PR_GET_IO_FLUSHER" }, { 59, "PR_SET_SYSCALL_USER_DISPATCH" },
	{ 60, "PR_PAC_SET_ENABLED_KEYS" }, { 61, "PR_PAC_GET_ENABLED_KEYS" },
	{ 62, "PR_SCHED_CORE" }, { 63, "PR_SME_SET_VL" },
	{ 64, "PR_SME_GET_VL" }, { 0x53564d41, "PR_SET_VMA" },
	{ 0x59616d61, "PR_SET_PTRACER" },
};

static const struct flag suid_dumps[] = {
	{ 0, "SUID_DUMP_DISABLE" }, { 1, "SUID_DUMP_USER" },
	{ 2, "SUID_DUMP_ROOT" },
};

static const char *const cap_names[] = {
	"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER",
	"CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP",
	"CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST",
	"CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
	"CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
	"CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
	"CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD",
	"CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
	"CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
	"CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
	"CAP_CHECKPOINT_RESTORE",
};

/* The options whose rest prints at the exit (A_PRCTL_ARG). */
static const struct sc_desc prctl_exit_desc = {
	"prctl", { A_PRCTL, A_PRCTL_ARG }, R_DEC
};

/* prctl's arguments from @from (from 0) to the fifth, in hex. */
static void print_prctl_hex(const struct task *t, unsigned int from)
{
	for (unsigned int i = from; i < 5; i++)
		outf(t->args[i] ? ", %#" PRIx64 : ", %" PRIu64, t->args[i]);
}

/* prctl's option and what strace prints of the rest at the entry. */
static void print_prctl(struct task *t)
{
	uint64_t v = t->args[1];

	print_xval(prctls, NELEM(prctls), (unsigned int)t->args[0], "PR_???");
	switch ((unsigned int)t->args[0]) {
	case 3:  /* PR_GET_DUMPABLE */
	case 7:  /* PR_GET_KEEPCAPS */
	case 13: /* PR_GET_TIMING */
	case 21: /* PR_GET_SECCOMP */
	case 30: /* PR_GET_TIMERSLACK */
	case 31: /* PR_TASK_PERF_EVENTS_DISABLE */
	case 32: /* PR_TASK_PERF_EVENTS_ENABLE */
		break;
	case 2:  /* PR_GET_PDEATHSIG, int *: not captured */
	case 9:  /* PR_GET_FPEMU */
	case 11: /* PR_GET_FPEXC */
	case 15: /* PR_SET_NAME: the thread's name after the call */
	case 16: /* PR_GET_NAME */
	case 19: /* PR_GET_ENDIAN */
	case 37: /* PR_GET_CHILD_SUBREAPER */
		outs(", ");
		t->desc = &prctl_exit_desc;
		break;
	case 1:  /* PR_SET_PDEATHSIG */
		outs(", ");
		if (v > 128)
			outf("%" PRIu64, v);
		else
			print_signum(v);
		break;
	case 4:  /* PR_SET_DUMPABLE */
		outs(", ");
		print_xval(suid_dumps, NELEM(suid_dumps), v, "SUID_DUMP_???");
		break;
	case 8:  /* PR_SET_KEEPCAPS */
	case 10: /* PR_SET_FPEMU */
	case 12: /* PR_SET_FPEXC */
	case 14: /* PR_SET_TIMING */
	case 20: /* PR_SET_ENDIAN */
	case 36: /* PR_SET_CHILD_SUBREAPER */
		outf(", %" PRIu64, v);
		break;
	case 23: /* PR_CAPBSET_READ */
	case 24: /* PR_CAPBSET_DROP */
		outs(", ");
		if (v < NELEM(cap_names) && st.xlat == XLAT_ABBREV)
			outs(cap_names[v]);
		else if (v < NELEM(cap_names))
			outf(st.xlat == XLAT_VERBOSE ? "%#" PRIx64 " /* %s */" :
			     "%#" PRIx64, v, cap_names[v]);
		else
			outf("%#" PRIx64 "%s", v, st.xlat == XLAT_RAW ? "" :
			     " /* CAP_??? */");
		break;
	case 29: /* PR_SET_TIMERSLACK */
		outf(", %" PRId64, (int64_t)v);
		break;
	case 38: /* PR_SET_NO_NEW_PRIVS */
	case 41: /* PR_SET_THP_DISABLE */
	case 57: /* PR_SET_IO_FLUSHER */
		outf(", %" PRIu64, v);
		print_prctl_hex(t, 2);
		break;
	case 0x59616d61: /* PR_SET_PTRACER */
		if ((int)v == -1)
			outs(st.xlat == XLAT_RAW ? ", -1" : st.xlat ==
			     XLAT_VERBOSE ? ", -1 /* PR_SET_PTRACER_ANY */" :
			     ", PR_SET_PTRACER_ANY");
		else
			outf(", %d", (int)v);
		break;
	default:
		print_prctl_hex(t, 1);
		break;
	}
}

/* After prctl's return: PR_GET_DUMPABLE's name of the value. */
static void print_prctl_ret(const struct task *t, int64_t ret)
{
	if (t->args[0] == 3 && ret >= 0 && ret < (int64_t)NELEM(suid_dumps))
		outf(" (%s)", suid_dumps[ret].name);
}

/* What strace prints after some calls' return values. */
void print_ret_extra(struct task *t, const struct sct_event *ev,
		     int64_t ret)
{
	if (ret < 0 || t->desc == &raw_desc)
		return;
	if (t->desc->args[0] == A_POLLFD)
		print_poll_ret(t, ev, ret);
	else if (t->desc->args[0] == A_PRCTL)
		print_prctl_ret(t, ret);
	else if (t->desc->args[1] == A_FCNTL)
		print_fcntl_ret(t, ret);
	else if (!print_ret_misc(t, ev, ret))
		print_ret_new(t, ret);
}

/*
 * Newer calls: those of glibc 2.36 and coreutils on a Debian 12 host
 * (statx, clone3, openat2, ...) and a few simple ones, as strace 6.1's
 * src/statx.c, clone.c, open.c, inotify.c, time.c, sched.c, mem.c
 * print them.  Tables in the order of its src/xlat/\*.in.
 */

static const struct flag statx_sync_types[] = {
	{ 0x2000, "AT_STATX_FORCE_SYNC" }, { 0x4000, "AT_STATX_DONT_SYNC" },
};

static const struct flag statx_masks[] = {
	{ 0xfff, "STATX_ALL" }, { 0x7ff, "STATX_BASIC_STATS" },
	{ 0x1, "STATX_TYPE" }, { 0x2, "STATX_MODE" }, { 0x4, "STATX_NLINK" },
	{ 0x8, "STATX_UID" }, { 0x10, "STATX_GID" }, { 0x20, "STATX_ATIME" },
	{ 0x40, "STATX_MTIME" }, { 0x80, "STATX_CTIME" },
	{ 0x100, "STATX_INO" }, { 0x200, "STATX_SIZE" },
	{ 0x400, "STATX_BLOCKS" }, { 0x800, "STATX_BTIME" },
	{ 0x1000, "STATX_MNT_ID" }, { 0x2000, "STATX_DIOALIGN" },
};

static const struct flag statx_attrs[] = {
	{ 0x4, "STATX_ATTR_COMPRESSED" }, { 0x10, "STATX_ATTR_IMMUTABLE" },
	{ 0x20, "STATX_ATTR_APPEND" }, { 0x40, "STATX_ATTR_NODUMP" },
	{ 0x800, "STATX_ATTR_ENCRYPTED" }, { 0x1000, "STATX_ATTR_AUTOMOUNT" },
	{ 0x2000, "STATX_ATTR_MOUNT_ROOT" }, { 0x100000, "STATX_ATTR_VERITY" },
	{ 0x200000, "STATX_ATTR_DAX" },
};

static const struct flag clone3_flags[] = {
	{ 0x80, "CLONE_NEWTIME" }, { 0x100000000ULL, "CLONE_CLEAR_SIGHAND" },
	{ 0x200000000ULL, "CLONE_INTO_CGROUP" },
};

static const struct flag faccessat_flags[] = {
	{ 0x100, "AT_SYMLINK_NOFOLLOW" }, { 0x200, "AT_EACCESS" },
	{ 0x1000, "AT_EMPTY_PATH" },
};

static const struct flag resolve_flags[] = {
	{ 0x1, "RESOLVE_NO_XDEV" }, { 0x2, "RESOLVE_NO_MAGICLINKS" },
	{ 0x4, "RESOLVE_NO_SYMLINKS" }, { 0x8, "RESOLVE_BENEATH" },
	{ 0x10, "RESOLVE_IN_ROOT" }, { 0x20, "RESOLVE_CACHED" },
};

static const struct flag close_range_flags[] = {
	{ 0x2, "CLOSE_RANGE_UNSHARE" }, { 0x4, "CLOSE_RANGE_CLOEXEC" },
};

static const struct flag inotify_init_flags[] = {
	{ O_NONBLOCK, "IN_NONBLOCK" }, { O_CLOEXEC, "IN_CLOEXEC" },
};

static const struct flag inotify_flags[] = {
	{ 0x1, "IN_ACCESS" }, { 0x2, "IN_MODIFY" }, { 0x4, "IN_ATTRIB" },
	{ 0x8, "IN_CLOSE_WRITE" }, { 0x10, "IN_CLOSE_NOWRITE" },
	{ 0x20, "IN_OPEN" }, { 0x40, "IN_MOVED_FROM" }, { 0x80, "IN_MOVED_TO" },
	{ 0x100, "IN_CREATE" }, { 0x200, "IN_DELETE" },
	{ 0x400, "IN_DELETE_SELF" }, { 0x800, "IN_MOVE_SELF" },
	{ 0x2000, "IN_UNMOUNT" }, { 0x4000, "IN_Q_OVERFLOW" },
	{ 0x8000, "IN_IGNORED" }, { 0x1000000, "IN_ONLYDIR" },
	{ 0x2000000, "IN_DONT_FOLLOW" }, { 0x4000000, "IN_EXCL_UNLINK" },
	{ 0x10000000, "IN_MASK_CREATE" }, { 0x20000000, "IN_MASK_ADD" },
	{ 0x40000000, "IN_ISDIR" }, { 0x80000000, "IN_ONESHOT" },
};

static const struct flag tfd_flags[] = {
	{ 0x1, "TFD_TIMER_ABSTIME" }, { 0x2, "TFD_TIMER_CANCEL_ON_SET" },
	{ O_CLOEXEC, "TFD_CLOEXEC" }, { O_NONBLOCK, "TFD_NONBLOCK" },
};

static const struct flag prio_which[] = {
	{ 0, "PRIO_PROCESS" }, { 1, "PRIO_PGRP" }, { 2, "PRIO_USER" },
};

static const struct flag sched_policies[] = {
	{ 0, "SCHED_OTHER" }, { 1, "SCHED_FIFO" }, { 2, "SCHED_RR" },
	{ 3, "SCHED_BATCH" }, { 4, "SCHED_ISO" }, { 5, "SCHED_IDLE" },
	{ 6, "SCHED_DEADLINE" },
};

static const struct flag mlock_flags[] = {
	{ 1, "MLOCK_ONFAULT" },
};

static const struct flag mcl_flags[] = {
	{ 1, "MCL_CURRENT" }, { 2, "MCL_FUTURE" }, { 4, "MCL_ONFAULT" },
};

static const struct flag rusage_who[] = {
	{ 0, "RUSAGE_SELF" }, { (uint32_t)-1, "RUSAGE_CHILDREN" },
	{ (uint32_t)-2, "RUSAGE_BOTH" }, { 1, "RUSAGE_THREAD" },
};

static const struct flag pidfd_open_flags[] = {
	{ O_NONBLOCK, "PIDFD_NONBLOCK" },
};

static const struct flag splice_flags[] = {
	{ 1, "SPLICE_F_MOVE" }, { 2, "SPLICE_F_NONBLOCK" },
	{ 4, "SPLICE_F_MORE" }, { 8, "SPLICE_F_GIFT" },
};

/* strace's print_symbolic_mode_t(): "S_IFDIR|0755", -X as it does. */
void print_symbolic_mode(unsigned int mode)
{
	static const struct flag ifmt[] = {
		F(S_IFREG), F(S_IFSOCK), F(S_IFIFO), F(S_IFLNK), F(S_IFDIR),
		F(S_IFBLK), F(S_IFCHR),
	};
	const char *name = "";
	size_t k;

	if (mode & S_IFMT) {
		name = NULL;
		for (k = 0; k < NELEM(ifmt); k++)
			if ((mode & S_IFMT) == ifmt[k].val)
				name = ifmt[k].name;
	}
	if (!name || st.xlat != XLAT_ABBREV)
		outf("%#03o", mode);
	if (!name || st.xlat == XLAT_RAW)
		return;
	outf("%s%s%s%s%s%s%#03o%s", st.xlat == XLAT_VERBOSE ? " /* " : "",
	     name, *name ? "|" : "", (mode & S_ISUID) ? "S_ISUID|" : "",
	     (mode & S_ISGID) ? "S_ISGID|" : "",
	     (mode & S_ISVTX) ? "S_ISVTX|" : "",
	     mode & ~(S_IFMT | S_ISUID | S_ISGID | S_ISVTX),
	     st.xlat == XLAT_VERBOSE ? " */" : "");
}

/* statx's flags: the sync type, then the AT_* flags. */
static void print_statx_flags(uint64_t v)
{
	unsigned int f = (unsigned int)v;

	static const struct flag as_stat[] = {
		{ 0, "AT_STATX_SYNC_AS_STAT" },
	};

	if (f & 0x6000)
		print_flags(statx_sync_types, NELEM(statx_sync_types),
			    f & 0x6000, false);
	else
		print_xval(as_stat, NELEM(as_stat), 0, "");
	f &= ~0x6000U;
	if (f) {
		outs("|");
		print_flags_dflt(at_flags, NELEM(at_flags), f, "AT_???");
	}
}

/* A struct statx, abbreviated as strace does without -v. */
void print_statx_bytes(const void *data)
{
	struct statx sx;

	memcpy(&sx, data, sizeof(sx));
	outs("{stx_mask=");
	print_flags_dflt(statx_masks, NELEM(statx_masks), sx.stx_mask,
			 "STATX_???");
	outs(", stx_attributes=");
	print_flags_dflt(statx_attrs, NELEM(statx_attrs), sx.stx_attributes,
			 "STATX_ATTR_???");
	if (sx.stx_mask & (STATX_TYPE | STATX_MODE)) {
		outs(", stx_mode=");
		print_symbolic_mode(sx.stx_mode);
	}
	if (sx.stx_mask & STATX_SIZE)
		outf(", stx_size=%llu", (unsigned long long)sx.stx_size);
	outs(", ...}");
}

/*
 * clone3's struct clone_args (captured at entry, as long as its size),
 * then its size.  Returns whether the line is complete at the entry:
 * with CLONE_PIDFD or CLONE_PARENT_SETTID, strace shows what the call
 * wrote at the exit.
 */
bool print_clone3_entry(struct task *t, const struct sct_event *ev)
{
	struct clone_args ca = { 0 };
	uint64_t size = t->args[1], fetch = size < sizeof(ca) ? size :
					       sizeof(ca);
	const void *data = captured(ev, 1, fetch);
	struct flag all[NELEM(clone_flags) + NELEM(clone3_flags)];
	char buf[16];

	if (fetch < 64 || !data) {	/* offsetofend(struct clone_args, tls) */
		print_ptr(t->args[0]);
		outf(", %" PRIu64, size);
		return true;
	}
	memcpy(&ca, data, fetch);
	outs("{flags=");
	memcpy(all, clone_flags, sizeof(clone_flags));
	memcpy(all + NELEM(clone_flags), clone3_flags, sizeof(clone3_flags));
	print_flags_dflt(all, NELEM(all), ca.flags, "CLONE_???");
	if (ca.flags & CLONE_PIDFD) {
		outs(", pidfd=");
		print_ptr(ca.pidfd);
	}
	if (ca.flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
		outs(", child_tid=");
		print_ptr(ca.child_tid);
	}
	if (ca.flags & CLONE_PARENT_SETTID) {
		outs(", parent_tid=");
		print_ptr(ca.parent_tid);
	}
	if (ca.exit_signal < INT_MAX)
		outf(", exit_signal=%s", signame((int)ca.exit_signal, buf,
						 sizeof(buf)));
	else
		outf(", exit_signal=%llu", (unsigned long long)ca.exit_signal);
	outs(", stack=");
	print_ptr(ca.stack);
	outf(", stack_size=%#llx", (unsigned long long)ca.stack_size);
	if (ca.flags & CLONE_SETTLS) {
		outs(", tls=");
		print_ptr(ca.tls);
	}
	if (ca.set_tid || ca.set_tid_size) {
		outs(", set_tid=");
		print_ptr(ca.set_tid);
		outf(", set_tid_size=%llu",
		     (unsigned long long)ca.set_tid_size);
	}
	if (fetch > 80 && (ca.cgroup || ca.flags & 0x200000000ULL))
		outf(", cgroup=%llu", (unsigned long long)ca.cgroup);
	outs("}");
	/* For the exit: clone3 has two arguments. */
	t->args[4] = ca.pidfd;
	t->args[5] = ca.flags;
	if (ca.flags & (CLONE_PIDFD | CLONE_PARENT_SETTID))
		return false;
	outf(", %" PRIu64, size);
	return true;
}

/*
 * What clone3 wrote: the new thread's id, which is what it returns; the
 * pidfd is not captured (its address prints).
 */
void print_clone3_exit(struct task *t, int64_t ret)
{
	uint64_t f = t->args[5];
	const char *sep = " => {";

	if (ret >= 0 && (f & CLONE_PIDFD)) {
		outs(sep);
		outs("pidfd=");
		print_ptr(t->args[4]);
		sep = ", ";
	}
	if (ret >= 0 && (f & CLONE_PARENT_SETTID)) {
		outf("%sparent_tid=[%" PRId64 "]", sep, ret);
		sep = ", ";
	}
	if (sep[0] == ',')
		outs("}");
	outf(", %" PRIu64, t->args[1]);
}

/* A struct timespec's two fields. */
static void print_ts_fields(const int64_t *ts)
{
	outf("{tv_sec=%" PRId64 ", tv_nsec=%" PRId64 "}", ts[0], ts[1]);
}

static void print_itimerspec(const int64_t *its)
{
	outs("{it_interval=");
	print_ts_fields(its);
	outs(", it_value=");
	print_ts_fields(its + 2);
	outs("}");
}

static void print_sysinfo(const struct sysinfo *si)
{
	outf("{uptime=%ld, loads=[%lu, %lu, %lu], totalram=%lu, freeram=%lu, "
	     "sharedram=%lu, bufferram=%lu, totalswap=%lu, freeswap=%lu, "
	     "procs=%u, totalhigh=%lu, freehigh=%lu, mem_unit=%u}",
	     si->uptime, si->loads[0], si->loads[1], si->loads[2],
	     si->totalram, si->freeram, si->sharedram, si->bufferram,
	     si->totalswap, si->freeswap, (unsigned int)si->procs,
	     si->totalhigh, si->freehigh, (unsigned int)si->mem_unit);
}

static void print_rusage(const struct rusage *ru)
{
	outf("{ru_utime={tv_sec=%ld, tv_usec=%ld}, "
	     "ru_stime={tv_sec=%ld, tv_usec=%ld}, ...}",
	     (long)ru->ru_utime.tv_sec, (long)ru->ru_utime.tv_usec,
	     (long)ru->ru_stime.tv_sec, (long)ru->ru_stime.tv_usec);
}

/* struct open_how of @size bytes at @addr, as strace's print_open_how(). */
static void print_open_how(const struct sct_event *ev, unsigned int i,
			   uint64_t addr, uint64_t size)
{
	const uint64_t *how = size >= 24 ? captured(ev, i, 24) : NULL;

	if (!addr) {
		outs("NULL");
		return;
	}
	if (!how) {
		print_ptr(addr);
		return;
	}
	outs("{flags=");
	print_oflags(how[0]);
	if ((how[0] & (O_CREAT | 020000000)) || how[1]) {
		outs(", mode=");
		print_mode(how[1]);
	}
	outs(", resolve=");
	print_flags_dflt(resolve_flags, NELEM(resolve_flags), how[2],
			 "RESOLVE_???");
	outs("}");
}

static bool arg_is_out_new(unsigned char a)
{
	switch (a) {
	case A_STATX: case A_ITIMERSPEC_OUT: case A_SCHEDPARAM_OUT:
	case A_SYSINFO: case A_RUSAGE_OUT:
		return true;
	default:
		return arg_is_out_misc(a);
	}
}

static void print_arg_new(struct task *t, const struct sct_event *ev,
			  unsigned int i, int64_t ret)
{
	uint64_t v = t->args[i];
	unsigned int p = i + 1;	/* libsct counts parameters from 1 */
	const void *data;

	switch (t->desc->args[i]) {
	case A_STATXFLAGS:
		print_statx_flags(v);
		break;
	case A_STATXMASK:
		print_flags_dflt(statx_masks, NELEM(statx_masks),
				 (unsigned int)v, "STATX_???");
		break;
	case A_STATX:
		data = ret < 0 ? NULL : captured(ev, p, sizeof(struct statx));
		if (!data)
			print_ptr(v);
		else
			print_statx_bytes(data);
		break;
	case A_FACCESSFLAGS:
		print_flags_dflt(faccessat_flags, NELEM(faccessat_flags),
				 (unsigned int)v, "AT_???");
		break;
	case A_OPENHOW:
		print_open_how(ev, p, v, t->args[i + 1]);
		break;
	case A_CLOSERANGE:
		print_flags_dflt(close_range_flags, NELEM(close_range_flags),
				 (unsigned int)v, "CLOSE_RANGE_???");
		break;
	case A_INOTIFYINIT:
		print_flags_dflt(inotify_init_flags, NELEM(inotify_init_flags),
				 (unsigned int)v, "IN_???");
		break;
	case A_INOTIFYMASK:
		print_flags_dflt(inotify_flags, NELEM(inotify_flags),
				 (unsigned int)v, "IN_???");
		break;
	case A_TFDFLAGS:
		print_flags_dflt(tfd_flags, NELEM(tfd_flags), (unsigned int)v,
				 "TFD_???");
		break;
	case A_ITIMERSPEC:
	case A_ITIMERSPEC_OUT:
		data = v ? captured(ev, p, 4 * sizeof(int64_t)) : NULL;
		if (!v)
			outs("NULL");
		else if (!data || (t->desc->args[i] == A_ITIMERSPEC_OUT &&
				   ret < 0))
			print_ptr(v);
		else
			print_itimerspec(data);
		break;
	case A_PRIOWHICH:
		print_xval(prio_which, NELEM(prio_which), (unsigned int)v,
			   "PRIO_???");
		break;
	case A_SCHEDPOLICY:
		print_xval(sched_policies, NELEM(sched_policies),
			   (unsigned int)v, "SCHED_???");
		break;
	case A_SCHEDPARAM:
	case A_SCHEDPARAM_OUT:
		data = v ? captured(ev, p, sizeof(int)) : NULL;
		if (!v)
			outs("NULL");
		else if (!data || (t->desc->args[i] == A_SCHEDPARAM_OUT &&
				   ret < 0))
			print_ptr(v);
		else
			outf("[%d]", *(const int *)data);
		break;
	case A_MLOCKFLAGS:
		print_flags_dflt(mlock_flags, NELEM(mlock_flags),
				 (unsigned int)v, "MLOCK_???");
		break;
	case A_MCLFLAGS:
		print_flags_dflt(mcl_flags, NELEM(mcl_flags), (unsigned int)v,
				 "MCL_???");
		break;
	case A_SYSINFO:
		data = ret < 0 ? NULL : captured(ev, p, sizeof(struct sysinfo));
		if (!data)
			print_ptr(v);
		else
			print_sysinfo(data);
		break;
	case A_RUSAGEWHO:
		print_xval(rusage_who, NELEM(rusage_who), (uint32_t)v,
			   "RUSAGE_???");
		break;
	case A_RUSAGE_OUT:
		data = ret < 0 ? NULL : captured(ev, p, sizeof(struct rusage));
		if (!data)
			print_ptr(v);
		else
			print_rusage(data);
		break;
	case A_LOFF:
		/* Read and written: strace shows the value at the entry. */
		data = v ? captured(ev, p, sizeof(int64_t)) : NULL;
		if (!v)
			outs("NULL");
		else if (!data)
			print_ptr(v);
		else
			outf("[%" PRId64 "]", *(const int64_t *)data);
		break;
	case A_SPLICEFLAGS:
		print_flags_dflt(splice_flags, NELEM(splice_flags),
				 (unsigned int)v, "SPLICE_F_???");
		break;
	case A_PIDFDFLAGS:
		print_flags_dflt(pidfd_open_flags, NELEM(pidfd_open_flags),
				 (unsigned int)v, "PIDFD_???");
		break;
	default:
		print_arg_misc(t, ev, i, ret);
		break;
	}
}

/* sched_getscheduler's policy after its return, as strace's RVAL_STR. */
static void print_ret_new(const struct task *t, int64_t ret)
{
	if (!strcmp(t->desc->name, "sched_getscheduler") &&
	    ret < (int64_t)NELEM(sched_policies))
		outf(" (%s)", sched_policies[ret].name);
}
