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
#include <linux/sched.h>

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
	{ "prctl", { A_PRCTL, A_PRCTL_ARG }, R_DEC },
	{ "fcntl", { A_INT, A_FCNTL, A_INT }, R_DEC },
	{ "ioctl", { A_INT, A_IOCTL, A_PTR }, R_DEC },
	{ "uname", { A_UTSNAME }, R_DEC },
	{ "sendfile", { A_INT, A_INT, A_PTR, A_ULONG }, R_DEC },
	{ "sync", { A_END }, R_DEC },
	{ "sched_yield", { A_END }, R_DEC },
	{ "pause", { A_END }, R_DEC },
};

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

/* One of @tab's values, or @dflt's format of the number. */
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
	outf(dflt, v);
	if (!strcmp(dflt, "%#" PRIx64))
		outf(" /* %s_??? */", tab[0].name[0] == 'O' ? "O" : "?");
}

static const struct flag open_flags[] = {
	F(O_CREAT), F(O_EXCL), F(O_NOCTTY), F(O_TRUNC), F(O_APPEND),
	F(O_NONBLOCK), F(O_SYNC), F(O_DSYNC), F(O_DIRECT), F(O_LARGEFILE),
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

static const struct flag prctls[] = {
	{ 15, "PR_SET_NAME" }, { 16, "PR_GET_NAME" },
	{ 1, "PR_SET_PDEATHSIG" }, { 2, "PR_GET_PDEATHSIG" },
	{ 38, "PR_SET_NO_NEW_PRIVS" }, { 39, "PR_GET_NO_NEW_PRIVS" },
};

static const struct flag fcntls[] = {
	F(F_DUPFD), F(F_GETFD), F(F_SETFD), F(F_GETFL), F(F_SETFL),
	F(F_GETLK), F(F_SETLK), F(F_SETLKW), F(F_DUPFD_CLOEXEC),
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

static void print_sigset(const struct sct_event *ev, unsigned int i,
			 uint64_t addr, uint64_t size)
{
	const void *data;
	size_t n;

	if (!addr) {
		outs("NULL");
		return;
	}
	if (sct_event_data(ev, i, &data, &n) != SCT_DATA_BYTES || !n ||
	    size > n) {
		print_ptr(addr);
		return;
	}
	print_sigset_bits(data, size);
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
		return false;
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
		print_xval(map_types, NELEM(map_types), v & MAP_TYPE, "%#"
			   PRIx64);
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
		print_xval(sighow, NELEM(sighow), v, "%#" PRIx64);
		break;
	case A_FDPAIR:
		if (ret < 0)
			print_ptr(v);
		else
			print_fdpair(ev, p, v);
		break;
	case A_WHENCE:
		print_xval(whence, NELEM(whence), v, "%#" PRIx64);
		break;
	case A_RLIMIT:
		print_xval(rlimits, NELEM(rlimits), v, "%#" PRIx64);
		break;
	case A_RLIMIT64:
	case A_RLIMIT64_OUT:
		if (t->desc->args[i] == A_RLIMIT64_OUT && ret < 0 && v)
			print_ptr(v);
		else
			print_rlimit64(ev, p, v);
		break;
	case A_ARCHPRCTL:
		print_xval(archprctl, NELEM(archprctl), v, "%#" PRIx64);
		break;
	case A_PRCTL:
		print_xval(prctls, NELEM(prctls), v, "%#" PRIx64);
		break;
	case A_FCNTL:
		print_xval(fcntls, NELEM(fcntls), v, "%#" PRIx64);
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
	}
}

/* Whether argument @i of @t's call is printed at all. */
static bool arg_shown(const struct task *t, unsigned int i)
{
	/* open's mode, only with O_CREAT or O_TMPFILE. */
	return t->desc->args[i] != A_OMODE ||
	       (t->args[i - 1] & (O_CREAT | 020000000));
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
