// SPDX-License-Identifier: GPL-2.0
/*
 * sctrace's printers (sctrace/decode.c) on the host: values and
 * arguments given to them, their output held to strace 6.1's, byte for
 * byte.  decode.c prints with outf() and outs(), which sctrace.c defines
 * for the real output; this file defines them instead, into a memory
 * stream, and the state they use.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/un.h>
#include <time.h>

#include "../sctrace/sctrace.h"
#include "tests.h"

struct state st = { .max_strlen = DEFAULT_STRLEN };

static char *mem;
static size_t memlen;

void outf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(st.out, fmt, ap);
	va_end(ap);
}

void outs(const char *s)
{
	fputs(s, st.out);
}

void newline(void)
{
	putc('\n', st.out);
}

void tabto(void)
{
}

/* options.c's, for -v: every call abbreviated, as by default. */
bool abbrev(const struct task *t)
{
	(void)t;
	return true;
}

static void begin(void)
{
	st.out = open_memstream(&mem, &memlen);
	if (!st.out)
		abort();
}

/* The output since begin(), compared with @want. */
static void expect(const char *want, const char *what)
{
	fclose(st.out);
	st.out = NULL;
	if (!ok(!strcmp(mem, want), "sctrace prints %s", what))
		fprintf(stdout, "#   got:  %s\n#   want: %s\n", mem, want);
	free(mem);
	mem = NULL;
}

/*
 * @t, a call of @name with @args (six), and the output begun.  Return:
 * whether sctrace has a decoder for it (a result of its own if not).
 */
static bool task_of(struct task *t, const char *name, const uint64_t *args)
{
	memset(t, 0, sizeof(*t));
	t->desc = find_desc(name);
	if (!ok(t->desc != NULL, "sctrace has a decoder for %s", name))
		return false;
	t->name = name;
	memcpy(t->args, args, sizeof(t->args));
	begin();
	return true;
}

/* Arguments @from to @to of a call of @name with @args. */
static void call_part(const char *name, const uint64_t *args,
		      unsigned int from, unsigned int to, const char *want)
{
	struct task t;

	if (!task_of(&t, name, args))
		return;
	print_args(&t, NULL, from, to, false, 0);
	expect(want, name);
}

/*
 * A call of @name with @args (six), its first @n printed, without
 * events: types that need no capture.
 */
static void call(const char *name, const uint64_t *args, unsigned int n,
		 const char *want)
{
	call_part(name, args, 0, n, want);
}

static void test_quote(void)
{
	begin();
	quote((const unsigned char *)"a\"b\\\n\t\x01" "7\x02x", 10, 0);
	expect("\"a\\\"b\\\\\\n\\t\\0017\\2x\"", "quoted escapes");
	begin();
	quote((const unsigned char *)"ab\0cd", 5, Q_NUL);
	expect("\"ab\"", "a string to its NUL");
	begin();
	quote((const unsigned char *)"\xf8\x01", 2, Q_HEX);
	expect("\"\\xf8\\x01\"", "bytes in hex");
}

static void test_sockaddr(void)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET, .sin_port = htons(80),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	struct sockaddr_in6 sin6 = {
		.sin6_family = AF_INET6, .sin6_port = htons(40124),
		.sin6_addr = IN6ADDR_LOOPBACK_INIT,
	};
	struct sockaddr_un sun = { .sun_family = AF_UNIX,
				   .sun_path = "/tmp/s" };
	unsigned char nl[12] = { 16, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 };

	begin();
	print_sockaddr_bytes(&sin, sizeof(sin));
	expect("{sa_family=AF_INET, sin_port=htons(80), "
	       "sin_addr=inet_addr(\"127.0.0.1\")}", "an AF_INET address");
	begin();
	print_sockaddr_bytes(&sin6, sizeof(sin6));
	expect("{sa_family=AF_INET6, sin6_port=htons(40124), "
	       "sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::1\", "
	       "&sin6_addr), sin6_scope_id=0}", "an AF_INET6 address");
	begin();
	print_sockaddr_bytes(&sun, offsetof(struct sockaddr_un, sun_path) + 7);
	expect("{sa_family=AF_UNIX, sun_path=\"/tmp/s\"}",
	       "an AF_UNIX address");
	memcpy(sun.sun_path, "\0abs", 4);
	begin();
	print_sockaddr_bytes(&sun, offsetof(struct sockaddr_un, sun_path) + 4);
	expect("{sa_family=AF_UNIX, sun_path=@\"abs\"}",
	       "an abstract AF_UNIX address");
	begin();
	print_sockaddr_bytes(&sun, sizeof(sa_family_t));
	expect("{sa_family=AF_UNIX}", "an unnamed AF_UNIX address");
	begin();
	print_sockaddr_bytes(nl, 6);
	expect("{sa_family=AF_NETLINK, sa_data=\"\\x00\\x00\\x01\\x00\"}",
	       "another family's bytes");
}

static void test_statfs(void)
{
	struct statfs b = {
		.f_type = 0x858458f6, .f_bsize = 4096, .f_namelen = 255,
		.f_frsize = 4096, .f_flags = 0x20 | 0x1000,
	};

	memcpy(&b.f_fsid, (int[2]){ 2, 0 }, sizeof(b.f_fsid));
	begin();
	print_statfs_bytes(&b);
	expect("{f_type=RAMFS_MAGIC, f_bsize=4096, f_blocks=0, f_bfree=0, "
	       "f_bavail=0, f_files=0, f_ffree=0, f_fsid={val=[0x2, 0]}, "
	       "f_namelen=255, f_frsize=4096, f_flags=ST_VALID|ST_RELATIME}",
	       "a struct statfs");
}

static void test_calls(void)
{
	call("socket", (uint64_t[6]){ AF_INET, SOCK_STREAM | SOCK_CLOEXEC,
				     IPPROTO_TCP }, 3,
	     "AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP");
	call("socket", (uint64_t[6]){ AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0 },
	     3, "AF_UNIX, SOCK_DGRAM|SOCK_NONBLOCK, 0");
	call("socket", (uint64_t[6]){ 99, 0xf, 0 }, 3,
	     "0x63 /* AF_??? */, 0xf /* SOCK_??? */, 0");
	call("shutdown", (uint64_t[6]){ 3, SHUT_RDWR }, 2, "3, SHUT_RDWR");
	call("listen", (uint64_t[6]){ 3, 128 }, 2, "3, 128");
	call("futex", (uint64_t[6]){ 0x1000, FUTEX_WAKE_PRIVATE, 1 }, 1,
	     "0x1000, FUTEX_WAKE_PRIVATE, 1");
	call("futex", (uint64_t[6]){ 0x1000, FUTEX_WAIT_BITSET_PRIVATE |
				    FUTEX_CLOCK_REALTIME, 0, 0, 0,
				    FUTEX_BITSET_MATCH_ANY }, 1,
	     "0x1000, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, "
	     "NULL, FUTEX_BITSET_MATCH_ANY");
	call("flock", (uint64_t[6]){ 3, 2 | 4 }, 2, "3, LOCK_EX|LOCK_NB");
	call("madvise", (uint64_t[6]){ 0x1000, 8192, 4 }, 3,
	     "0x1000, 8192, MADV_DONTNEED");
	call("mremap", (uint64_t[6]){ 0x1000, 4096, 8192, 1 }, 4,
	     "0x1000, 4096, 8192, MREMAP_MAYMOVE");
	call("setresuid", (uint64_t[6]){ (uint32_t)-1, 0, 1000 }, 3,
	     "-1, 0, 1000");
	call("clock_nanosleep", (uint64_t[6]){ 1, 1 }, 2,
	     "CLOCK_MONOTONIC, TIMER_ABSTIME");
	call("fadvise64", (uint64_t[6]){ 3, 0, 0, 4 }, 4,
	     "3, 0, 0, POSIX_FADV_DONTNEED");
	call("eventfd2", (uint64_t[6]){ 0, O_CLOEXEC | O_NONBLOCK }, 2,
	     "0, EFD_CLOEXEC|EFD_NONBLOCK");
	call("accept4", (uint64_t[6]){ 3, 0, 0, SOCK_CLOEXEC }, 1, "3");
}

/* Unknown values: the comment is the table's prefix, as strace's. */
static void test_unknown(void)
{
	call("lseek", (uint64_t[6]){ 0, 0, 7 }, 3, "0, 0, 0x7 /* SEEK_??? */");
	call("rt_sigprocmask", (uint64_t[6]){ 9, 0 }, 2,
	     "0x9 /* SIG_??? */, NULL");
	call("prlimit64", (uint64_t[6]){ 0, 99 }, 2,
	     "0, 0x63 /* RLIMIT_??? */");
	call("arch_prctl", (uint64_t[6]){ 0x9999, 0 }, 2,
	     "0x9999 /* ARCH_??? */, NULL");
	call("mmap", (uint64_t[6]){ 0, 4096, 1, 0x20 | 0xf, -1, 0 }, 6,
	     "NULL, 4096, PROT_READ, 0xf /* MAP_??? */|MAP_ANONYMOUS, -1, 0");
	call("fcntl", (uint64_t[6]){ 3, 0x4242 }, 2,
	     "3, 0x4242 /* F_??? */, 0");
	st.xlat = XLAT_RAW;
	call("lseek", (uint64_t[6]){ 0, 0, 7 }, 3, "0, 0, 0x7");
	call("socket", (uint64_t[6]){ AF_INET, SOCK_STREAM, 0 }, 1, "0x2");
	st.xlat = XLAT_VERBOSE;
	call("lseek", (uint64_t[6]){ 0, 0, 7 }, 3, "0, 0, 0x7 /* SEEK_??? */");
	st.xlat = XLAT_ABBREV;
}

/* fcntl: the third argument as the command has it, and the return. */
static void ret_extra(const char *name, const uint64_t *args, int64_t ret,
		      bool hex, const char *want)
{
	struct task t = { 0 };

	t.desc = find_desc(name);
	t.name = name;
	memcpy(t.args, args, sizeof(t.args));
	begin();
	print_args(&t, NULL, 0, desc_nargs(t.desc), false, 0);
	outs(" =");
	print_ret_extra(&t, NULL, ret);
	expect(want, name);
	ok(hex == (t.desc->ret == R_HEX), "%s's return prints in %s", want,
	   hex ? "hex" : "decimal");
}

static void test_fcntl(void)
{
	call("fcntl", (uint64_t[6]){ 3, F_SETFD, FD_CLOEXEC }, 2,
	     "3, F_SETFD, FD_CLOEXEC");
	call("fcntl", (uint64_t[6]){ 3, F_SETFD, 0 }, 2, "3, F_SETFD, 0");
	call("fcntl", (uint64_t[6]){ 3, F_SETFD, 2 }, 2,
	     "3, F_SETFD, 0x2 /* FD_??? */");
	call("fcntl", (uint64_t[6]){ 3, F_SETFL, O_RDWR | O_NONBLOCK }, 2,
	     "3, F_SETFL, O_RDWR|O_NONBLOCK");
	call("fcntl", (uint64_t[6]){ 1, F_DUPFD_CLOEXEC, 10 }, 2,
	     "1, F_DUPFD_CLOEXEC, 10");
	call("fcntl", (uint64_t[6]){ 1, F_DUPFD, 0 }, 2, "1, F_DUPFD, 0");
	call("fcntl", (uint64_t[6]){ 3, F_SETLKW, 0x1000 }, 2,
	     "3, F_SETLKW, 0x1000");
	call("fcntl", (uint64_t[6]){ 3, F_GETLK, 0x1000 }, 2,
	     "3, F_GETLK, 0x1000");
	call("fcntl", (uint64_t[6]){ 3, F_SETOWN, -5 }, 2, "3, F_SETOWN, -5");
	call("fcntl", (uint64_t[6]){ 3, F_SETPIPE_SZ, 65536 }, 2,
	     "3, F_SETPIPE_SZ, 65536");
	call("fcntl", (uint64_t[6]){ 3, F_ADD_SEALS, F_SEAL_SEAL |
				    F_SEAL_GROW }, 2,
	     "3, F_ADD_SEALS, F_SEAL_SEAL|F_SEAL_GROW");
	ret_extra("fcntl", (uint64_t[6]){ 1, F_GETFD, 7 }, 1, true,
		  "1, F_GETFD = (flags FD_CLOEXEC)");
	ret_extra("fcntl", (uint64_t[6]){ 1, F_GETFD }, 0, true,
		  "1, F_GETFD =");
	ret_extra("fcntl", (uint64_t[6]){ 1, F_GETFL }, 0x8002, true,
		  "1, F_GETFL = (flags O_RDWR|O_LARGEFILE)");
	ret_extra("fcntl", (uint64_t[6]){ 1, F_GETFL }, 0, true,
		  "1, F_GETFL = (flags O_RDONLY)");
	ret_extra("fcntl", (uint64_t[6]){ 3, F_GET_SEALS }, 1, true,
		  "3, F_GET_SEALS = (seals F_SEAL_SEAL)");
	ret_extra("fcntl", (uint64_t[6]){ 3, F_GETOWN }, 42, false,
		  "3, F_GETOWN =");
	ret_extra("fcntl", (uint64_t[6]){ 3, F_GETPIPE_SZ }, 65536, false,
		  "3, F_GETPIPE_SZ =");
}

static void test_prctl(void)
{
	call("prctl", (uint64_t[6]){ 0x4242 }, 1,
	     "0x4242 /* PR_??? */, 0, 0, 0, 0");
	call("prctl", (uint64_t[6]){ 0x4242, 1, 0x10 }, 1,
	     "0x4242 /* PR_??? */, 0x1, 0x10, 0, 0");
	call("prctl", (uint64_t[6]){ 1, SIGKILL }, 1,
	     "PR_SET_PDEATHSIG, SIGKILL");
	call("prctl", (uint64_t[6]){ 38, 1 }, 1,
	     "PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0");
	call("prctl", (uint64_t[6]){ 39 }, 1, "PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0");
	call("prctl", (uint64_t[6]){ 23, 21 }, 1,
	     "PR_CAPBSET_READ, CAP_SYS_ADMIN");
	call("prctl", (uint64_t[6]){ 23, 99 }, 1,
	     "PR_CAPBSET_READ, 0x63 /* CAP_??? */");
	call("prctl", (uint64_t[6]){ 4, 1 }, 1,
	     "PR_SET_DUMPABLE, SUID_DUMP_USER");
	call("prctl", (uint64_t[6]){ 36, 1 }, 1, "PR_SET_CHILD_SUBREAPER, 1");
	ret_extra("prctl", (uint64_t[6]){ 3 }, 1, false,
		  "PR_GET_DUMPABLE = (SUID_DUMP_USER)");
	ret_extra("prctl", (uint64_t[6]){ 16, 0x1000 }, 0, false,
		  "PR_GET_NAME,  =");
}

/* getcwd's buffer and sigsets: the address unless printable. */
static void test_captured(void)
{
	uint64_t set = 1 << (SIGUSR2 - 1);

	begin();
	print_cwd_bytes(0x1000, NULL, 0);
	expect("0x1000", "getcwd's buffer, not captured");
	begin();
	print_cwd_bytes(0x1000, "", 0);
	expect("0x1000", "getcwd's buffer, captured empty");
	begin();
	print_cwd_bytes(0x1000, "/tmp\0", 5);
	expect("\"/tmp\"", "getcwd's path");
	begin();
	print_sigset_bytes(0x1000, &set, sizeof(set), 8);
	expect("[USR2]", "a sigset");
	begin();
	print_sigset_bytes(0x1000, &set, sizeof(set), 0);
	expect("0x1000", "a sigset of size 0");
	begin();
	print_sigset_bytes(0x1000, &set, sizeof(set), 4);
	expect("0x1000", "a sigset of size 4");
	begin();
	print_sigset_bytes(0, NULL, 0, 0);
	expect("NULL", "a NULL sigset");
}

static void test_flags(void)
{
	static const struct flag tab[] = { { 1, "A" }, { 2, "B" } };

	begin();
	print_flags(tab, NELEM(tab), 1 | 2 | 8, false);
	expect("A|B|0x8", "flags and a rest in hex");
	begin();
	print_flags(tab, NELEM(tab), 0, false);
	expect("0", "no flag");
}

/* The calls of newer C libraries, and struct statx. */
static void test_newcalls(void)
{
	struct statx sx = {
		.stx_mask = 0x7ff | 0x1000, .stx_mode = S_IFDIR | 01755,
		.stx_size = 4096, .stx_attributes = 0x2000,
	};

	begin();
	print_statx_bytes(&sx);
	expect("{stx_mask=STATX_BASIC_STATS|STATX_MNT_ID, "
	       "stx_attributes=STATX_ATTR_MOUNT_ROOT, "
	       "stx_mode=S_IFDIR|S_ISVTX|0755, stx_size=4096, ...}",
	       "a struct statx");
	sx.stx_mask = 0x2;
	sx.stx_mode = 0644;
	sx.stx_attributes = 0;
	begin();
	print_statx_bytes(&sx);
	expect("{stx_mask=STATX_MODE, stx_attributes=0, stx_mode=0644, ...}",
	       "a struct statx without a type or a size");
	call("statx", (uint64_t[6]){ AT_FDCWD }, 1, "AT_FDCWD");
	call("close_range", (uint64_t[6]){ 3, ~0U, 4 }, 3,
	     "3, 4294967295, CLOSE_RANGE_CLOEXEC");
	call("close_range", (uint64_t[6]){ 3, 9, 8 }, 3,
	     "3, 9, 0x8 /* CLOSE_RANGE_??? */");
	call("inotify_init1", (uint64_t[6]){ O_NONBLOCK | O_CLOEXEC }, 1,
	     "IN_NONBLOCK|IN_CLOEXEC");
	call("timerfd_create", (uint64_t[6]){ 1, O_CLOEXEC }, 2,
	     "CLOCK_MONOTONIC, TFD_CLOEXEC");
	call("timerfd_settime", (uint64_t[6]){ 3, 1, 0, 0 }, 4,
	     "3, TFD_TIMER_ABSTIME, NULL, NULL");
	call("getpriority", (uint64_t[6]){ 0, 0 }, 2, "PRIO_PROCESS, 0");
	call("setpriority", (uint64_t[6]){ 5, 0, 10 }, 3,
	     "0x5 /* PRIO_??? */, 0, 10");
	call("sched_get_priority_max", (uint64_t[6]){ 1 }, 1, "SCHED_FIFO");
	call("sched_setscheduler", (uint64_t[6]){ 0, 0, 0 }, 3,
	     "0, SCHED_OTHER, NULL");
	call("mlock2", (uint64_t[6]){ 0x1000, 4096, 1 }, 3,
	     "0x1000, 4096, MLOCK_ONFAULT");
	call("mlockall", (uint64_t[6]){ 1 | 2 }, 1, "MCL_CURRENT|MCL_FUTURE");
	call("getrusage", (uint64_t[6]){ (uint64_t)-1 }, 1, "RUSAGE_CHILDREN");
	call("pidfd_open", (uint64_t[6]){ 42, 0 }, 2, "42, 0");
	call("copy_file_range", (uint64_t[6]){ 3, 0, 4, 0, 100, 0 }, 6,
	     "3, NULL, 4, NULL, 100, 0");
	call("splice", (uint64_t[6]){ 3, 0, 4, 0, 100, 1 | 4 }, 6,
	     "3, NULL, 4, NULL, 100, SPLICE_F_MOVE|SPLICE_F_MORE");
	call("faccessat2", (uint64_t[6]){ AT_FDCWD }, 1, "AT_FDCWD");
}

/* The " (...)" after @name's return @ret, its arguments @args. */
static void ret_str(const char *name, const uint64_t *args, int64_t ret,
		    const char *want)
{
	struct task t;

	if (!task_of(&t, name, args))
		return;
	print_ret_extra(&t, NULL, ret);
	expect(want, name);
}

/* select, waitid, mknod, personality, membarrier, ioprio, ... */
static void test_misc(void)
{
	siginfo_t si = { 0 };
	int64_t ts[4] = { 0, UTIME_NOW, 86400, 5 };

	call("select", (uint64_t[6]){ 4, 0, 0, 0, 0 }, 5,
	     "4, NULL, NULL, NULL, NULL");
	call("pselect6", (uint64_t[6]){ 1, 0, 0, 0, 0, 0 }, 6,
	     "1, NULL, NULL, NULL, NULL, NULL");
	ret_str("select", (uint64_t[6]){ 1 }, 0, " (Timeout)");
	call("rt_sigtimedwait", (uint64_t[6]){ 0, 0, 0, 8 }, 4,
	     "NULL, NULL, NULL, 8");
	ret_str("rt_sigtimedwait", (uint64_t[6]){ 0 }, SIGUSR1,
		" (SIGUSR1)");
	call_part("utimensat", (uint64_t[6]){ AT_FDCWD, 0, 0, 0x100 }, 2, 4,
		  "NULL, AT_SYMLINK_NOFOLLOW");
	setenv("TZ", "UTC", 1);
	tzset();
	begin();
	print_utimens_bytes(ts);
	expect("[UTIME_NOW, {tv_sec=86400, tv_nsec=5} "
	       "/* 1970-01-02T00:00:00.000000005+0000 */]", "utimensat's times");
	ts[1] = UTIME_OMIT;
	ts[3] = 0;
	st.xlat = XLAT_VERBOSE;
	begin();
	print_utimens_bytes(ts);
	st.xlat = XLAT_ABBREV;
	expect("[{tv_sec=0, tv_nsec=1073741822} /* UTIME_OMIT */, "
	       "{tv_sec=86400, tv_nsec=0} /* 1970-01-02T00:00:00+0000 */]",
	       "utimensat's times, -X verbose");
	call("waitid", (uint64_t[6]){ 1, 42 }, 2, "P_PID, 42");
	call("waitid", (uint64_t[6]){ 7, 0, 0, 4 }, 4,
	     "0x7 /* P_??? */, 0, NULL, WEXITED");
	begin();
	print_siginfo_bytes(&si);
	expect("{}", "an empty siginfo");
	si.si_signo = SIGCHLD;
	si.si_code = CLD_EXITED;
	si.si_pid = 42;
	si.si_status = 3;
	si.si_utime = 5;
	begin();
	print_siginfo_bytes(&si);
	expect("{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=42, si_uid=0, "
	       "si_status=3, si_utime=5 /* 0.05 s */, si_stime=0}",
	       "a SIGCHLD siginfo");
	si.si_code = CLD_KILLED;
	si.si_status = SIGKILL;
	si.si_utime = 0;
	begin();
	print_siginfo_bytes(&si);
	expect("{si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=42, si_uid=0, "
	       "si_status=SIGKILL, si_utime=0, si_stime=0}",
	       "a SIGCHLD siginfo of a killed child");
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR1;
	si.si_code = SI_TKILL;
	si.si_pid = 7;
	si.si_uid = 1000;
	begin();
	print_siginfo_bytes(&si);
	expect("{si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=7, si_uid=1000}",
	       "a siginfo of tgkill");
	si.si_code = SI_QUEUE;
	si.si_value.sival_int = 5;
	begin();
	print_siginfo_bytes(&si);
	expect("{si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=7, si_uid=1000, "
	       "si_int=5, si_ptr=0x5}", "a siginfo of sigqueue");
	call("capget", (uint64_t[6]){ 0x1000, 0 }, 2, "0x1000, NULL");
	call("getdents", (uint64_t[6]){ 3 }, 1, "3");
	call_part("mknod", (uint64_t[6]){ 0, S_IFIFO | 0644, 0x103 }, 1, 3,
		  "S_IFIFO|0644");
	call_part("mknodat",
		  (uint64_t[6]){ AT_FDCWD, 0, S_IFCHR | 0600, 0x103 }, 2, 4,
		  "S_IFCHR|0600, makedev(0x1, 0x3)");
	st.xlat = XLAT_VERBOSE;
	call_part("mknod", (uint64_t[6]){ 0, S_IFBLK | 0600, 0x803 }, 1, 3,
		  "060600 /* S_IFBLK|0600 */, 0x803 /* makedev(0x8, 0x3) */");
	st.xlat = XLAT_ABBREV;
	call("personality", (uint64_t[6]){ 0xffffffff }, 1, "0xffffffff");
	call("personality", (uint64_t[6]){ 0x0040008 }, 1,
	     "PER_LINUX32|ADDR_NO_RANDOMIZE");
	call("personality", (uint64_t[6]){ 0x42 }, 1, "0x42 /* PER_??? */");
	ret_str("personality", (uint64_t[6]){ 0xffffffff }, 0x40000,
		" (PER_LINUX|ADDR_NO_RANDOMIZE)");
	call("membarrier", (uint64_t[6]){ 0, 0, 5 }, 3,
	     "MEMBARRIER_CMD_QUERY, 0");
	call("membarrier", (uint64_t[6]){ 1 << 7, 1, 5 }, 3,
	     "MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ, MEMBARRIER_CMD_FLAG_CPU, 5");
	call("membarrier", (uint64_t[6]){ 3, 2 }, 3,
	     "0x3 /* MEMBARRIER_CMD_??? */, 0x2 /* MEMBARRIER_CMD_FLAG_??? */");
	ret_str("membarrier", (uint64_t[6]){ 0 }, 0x19,
		" (MEMBARRIER_CMD_GLOBAL|MEMBARRIER_CMD_PRIVATE_EXPEDITED|"
		"MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED)");
	ret_str("membarrier", (uint64_t[6]){ 8 }, 0, "");
	call("getcpu", (uint64_t[6]){ 0 }, 3, "NULL, NULL, NULL");
	call("ioprio_get", (uint64_t[6]){ 1, 0 }, 2, "IOPRIO_WHO_PROCESS, 0");
	ret_str("ioprio_get", (uint64_t[6]){ 1 }, 0x4004,
		" (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4))");
	call("ioprio_set", (uint64_t[6]){ 3, 0, 0x6007 }, 3,
	     "IOPRIO_WHO_USER, 0, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_IDLE, 7)");
	st.xlat = XLAT_RAW;
	call("ioprio_set", (uint64_t[6]){ 9, 0, 0x2000 }, 3,
	     "0x9, 0, 8192");
	st.xlat = XLAT_ABBREV;
}

void test_sctrace_decode(void)
{
	test_quote();
	test_flags();
	test_sockaddr();
	test_statfs();
	test_calls();
	test_unknown();
	test_fcntl();
	test_prctl();
	test_captured();
	test_newcalls();
	test_misc();
}
