/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sctrace's internals, shared by its files: sctrace.c (the command line,
 * the events, the line layout) and decode.c (the decoders).
 */
#ifndef SCTRACE_H
#define SCTRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include <sct.h>

#include "filter.h"

#define DEFAULT_STRLEN	32	/* strace's -s */
#define ACOLUMN		40	/* strace's -a: the column of " = " */

/* Argument types: one printer each (print_arg()). */
enum arg_type {
	A_END = 0,
	A_INT,		/* int, decimal (fds, pids, counts) */
	A_LONG,		/* long, decimal */
	A_ULONG,	/* unsigned long, decimal (sizes) */
	A_HEX,		/* a number in hex, 0 as "0" */
	A_PTR,		/* an address: NULL or 0x... */
	A_PATH,		/* a string the kernel captured at entry */
	A_DIRFD,	/* AT_FDCWD or an fd */
	A_OFLAGS,	/* open(2) flags */
	A_OMODE,	/* open(2) mode: only with O_CREAT or O_TMPFILE */
	A_MODE,		/* a mode, octal */
	A_ATFLAGS,	/* AT_* flags */
	A_BUF_IN,	/* bytes read by the call, length: the next argument */
	A_BUF_OUT,	/* bytes written by the call, length: the return */
	A_BUF_OUT_HEX,	/* the same, always in hex (getrandom) */
	A_PROT,		/* PROT_* */
	A_MAPFLAGS,	/* MAP_* */
	A_ARGV,		/* an array of strings */
	A_ENVP,		/* an array of strings, as a count */
	A_STAT,		/* struct stat, written */
	A_WSTATUS,	/* int *, a wait status, written */
	A_WOPTIONS,	/* wait4 options */
	A_SIGNUM,	/* a signal number */
	A_SIGSET,	/* sigset_t * */
	A_SIGACTION,	/* struct sigaction * */
	A_SIGHOW,	/* rt_sigprocmask's how */
	A_FDPAIR,	/* int[2], written */
	A_WHENCE,	/* lseek's whence */
	A_RLIMIT,	/* RLIMIT_* */
	A_RLIMIT64,	/* struct rlimit64 * */
	A_ARCHPRCTL,	/* arch_prctl's code */
	A_PRCTL,	/* prctl's option */
	A_FCNTL,	/* fcntl's command */
	A_IOCTL,	/* ioctl's request */
	A_UTSNAME,	/* struct utsname *, written */
	A_GRND,		/* getrandom flags */
	A_CLONE,	/* clone's arguments, all of them */
	A_RLIMIT64_OUT,	/* struct rlimit64 *, written */
	A_SIGACTION_OUT, /* struct sigaction *, written */
	A_SIGSET_OUT,	/* sigset_t *, written */
	A_ACCESS,	/* access(2) mode */
	A_CLOCKID,	/* a clock */
	A_TIMESPEC_OUT,	/* struct timespec *, written */
	A_DIRENTS,	/* getdents64's buffer, written, as a count */
	A_PRCTL_ARG,	/* prctl's second argument */
	A_SIGRETURN,	/* rt_sigreturn's frame */
	/* Sockets */
	A_SOCKDOMAIN,	/* AF_* */
	A_SOCKTYPE,	/* SOCK_*, with SOCK_CLOEXEC|SOCK_NONBLOCK */
	A_SOCKPROTO,	/* a protocol of the family in argument 0 */
	A_SOCKFLAGS,	/* accept4's SOCK_CLOEXEC|SOCK_NONBLOCK */
	A_SOCKADDR,	/* struct sockaddr *, read, its length next */
	A_SOCKADDR_OUT,	/* struct sockaddr *, written */
	A_SOCKLEN_OUT,	/* socklen_t *, written */
	A_MSGFLAGS,	/* MSG_* */
	A_SHUTHOW,	/* shutdown's how */
	A_SOCKLEVEL,	/* SOL_* */
	A_SOCKOPT,	/* an option of the level in argument 1 */
	A_SOCKOPTVAL,	/* setsockopt's value, its length next */
	A_PTR_OUT,	/* an address, written: printed at the exit */
	/* Time, polling, waiting */
	A_POLLFD,	/* struct pollfd *, its count next */
	A_TIMESPEC,	/* struct timespec *, read */
	A_TIMERFLAGS,	/* TIMER_ABSTIME */
	A_FUTEX,	/* futex's arguments, all of them */
	A_TIMEVAL_OUT,	/* struct timeval *, written */
	A_TIMEZONE_OUT,	/* struct timezone *, written */
	A_ITIMER,	/* ITIMER_* */
	A_ITIMERVAL,	/* struct itimerval *, read */
	A_ITIMERVAL_OUT, /* struct itimerval *, written */
	/* Files */
	A_CWD,		/* getcwd's buffer, written */
	A_STATFS,	/* struct statfs *, written */
	A_UID,		/* a uid or gid, -1 as -1 */
	A_RENAMEFLAGS,	/* RENAME_* */
	A_FLOCK,	/* LOCK_* */
	A_FADVICE,	/* POSIX_FADV_* */
	A_MEMFDFLAGS,	/* MFD_* */
	A_EFDFLAGS,	/* EFD_* */
	A_EPOLLFLAGS,	/* EPOLL_CLOEXEC */
	A_EPOLLCTL,	/* EPOLL_CTL_* */
	A_EPOLLEVENT,	/* struct epoll_event *, read */
	A_EPOLLEVENTS_OUT, /* struct epoll_event *, written, count: return */
	/* Memory */
	A_MADVICE,	/* MADV_* */
	A_MREMAPFLAGS,	/* MREMAP_* */
	A_MSYNCFLAGS,	/* MS_* */
	A_CPUSET_OUT,	/* a CPU mask, written, of the returned size */
	A_UINT,		/* unsigned int, decimal */
	/* Calls of newer C libraries (decode.c, "Newer calls") */
	A_STATXFLAGS,	/* statx's AT_STATX_* and AT_* flags */
	A_STATXMASK,	/* STATX_* */
	A_STATX,	/* struct statx *, written */
	A_CLONE3,	/* clone3's struct clone_args and its size */
	A_FACCESSFLAGS,	/* faccessat2's flags */
	A_OPENHOW,	/* struct open_how *, its size next */
	A_CLOSERANGE,	/* CLOSE_RANGE_* */
	A_INOTIFYINIT,	/* inotify_init1's IN_NONBLOCK|IN_CLOEXEC */
	A_INOTIFYMASK,	/* IN_* */
	A_TFDFLAGS,	/* TFD_* */
	A_ITIMERSPEC,	/* struct itimerspec *, read */
	A_ITIMERSPEC_OUT, /* struct itimerspec *, written */
	A_PRIOWHICH,	/* PRIO_* */
	A_SCHEDPOLICY,	/* SCHED_* */
	A_SCHEDPARAM,	/* struct sched_param *, read */
	A_SCHEDPARAM_OUT, /* struct sched_param *, written */
	A_MLOCKFLAGS,	/* MLOCK_* */
	A_MCLFLAGS,	/* MCL_* */
	A_SYSINFO,	/* struct sysinfo *, written */
	A_RUSAGEWHO,	/* RUSAGE_* */
	A_RUSAGE_OUT,	/* struct rusage *, written */
	A_LOFF,		/* loff_t *, read and written */
	A_SPLICEFLAGS,	/* SPLICE_F_* */
	A_PIDFDFLAGS,	/* PIDFD_NONBLOCK */
	/* decode-misc.c */
	A_FDSET,	/* fd_set *, of as many bits as argument 0 says */
	A_SIGSET_TW,	/* rt_sigtimedwait's set: keeps its timeout */
	A_TIMESPEC_SAVED, /* struct timespec *, kept at the entry */
	A_SIGINFO_OUT,	/* siginfo_t *, written */
	A_UTIMES,	/* struct timespec[2] *, read (utimensat) */
	A_WAITIDTYPE,	/* P_* */
	A_MKNOD,	/* mknod's mode */
	A_MKNODDEV,	/* mknod's device, of a device's mode */
	A_PERSONA,	/* PER_* and personality flags */
	A_MEMBARRIER_CMD, /* MEMBARRIER_CMD_* */
	A_MEMBARRIER_FLAGS, /* MEMBARRIER_CMD_FLAG_* */
	A_MEMBARRIER_CPU, /* its cpu, with MEMBARRIER_CMD_FLAG_CPU */
	A_IOPRIO_WHICH,	/* IOPRIO_WHO_* */
	A_IOPRIO,	/* IOPRIO_PRIO_VALUE() */
};

/* How the return value prints. */
enum ret_type {
	R_DEC = 0,	/* = N */
	R_HEX,		/* = 0x... */
	R_NONE,		/* = ? (the call does not return) */
};

/* A syscall: its name, its arguments' types, its return's. */
struct sc_desc {
	const char *name;
	unsigned char args[6];
	unsigned char ret;
};

/* What one traced thread is doing. */
struct task {
	pid_t tid;
	bool in_call;		/* its entry was printed, not its exit */
	bool decoded;		/* every argument was printed at entry */
	const struct sc_desc *desc;	/* NULL: printed raw */
	const char *name;
	unsigned int split;	/* the first argument printed at exit */
	uint64_t args[6];
	pid_t pid;		/* its process */
	bool hidden;		/* followed for its process's end, not shown */
	bool zombie;		/* a leader gone, its other threads not */
	FILE *out;		/* -ff: its own file, FILE.TID */
	unsigned int curcol;	/* -ff: the column of its open line */
	uint64_t entry_time;	/* of the call in progress, for -T */
	int nr;			/* its native number, -1 if none */
	FILE *stage;		/* -z, -Z, -e status=: the line, staged */
	char *stage_buf;
	size_t stage_len;
	unsigned int stage_col;
	uint64_t saved[2];	/* an input the entry keeps for the exit */
	bool saved_ok;
};

/* -c and -C. */
enum summary_mode {
	SUMMARY_NONE,
	SUMMARY_ONLY,		/* -c: the summary, no trace */
	SUMMARY_BOTH,		/* -C: the trace, then the summary */
};

/* -X: how named constants print. */
enum { XLAT_ABBREV = 0, XLAT_RAW, XLAT_VERBOSE };

/* sctrace's state: options, output, the traced threads. */
struct state {
	FILE *out;
	const char *outname;
	bool follow;		/* -f */
	bool ff;		/* -ff with -o: a file for each thread */
	bool pid_pfx;		/* "PID " before each line (-o, -f) */
	pid_t *pids;		/* -p */
	size_t npids;
	enum summary_mode summary;	/* -c, -C */
	unsigned int max_strlen;	/* -s */
	pid_t child;		/* the command */
	int child_status;	/* its status, -1 until it exits */
	int nprocs;		/* threads traced and alive */
	struct task *printing;	/* whose line is open */
	unsigned int curcol;
	struct task *tasks;
	size_t ntasks, tasks_cap;
	/* Formatting and selection options (options.c). */
	FILE *real_out;		/* st.out while a line is not staged */
	unsigned int tflag;	/* -t 1, -tt 2, -ttt 3 */
	bool rflag, Tflag;	/* -r, -T */
	unsigned int xflag;	/* -x 1, -xx 2 */
	unsigned int xlat;	/* -X */
	int nsys;		/* sct_syscall_count(): the sets' size */
	bool *trace_set, *abbrev_set, *raw_set;	/* -e trace=, abbrev=, raw= */
	bool status_all;	/* every status: no staging */
	bool status[NR_STATUSES];	/* -z, -Z, -e status= */
	int qflag;		/* -q, -qq, -qqq */
	bool quiet_given;	/* -e quiet= */
	bool quiet[NR_QUIETS];
	bool signals[NR_SIGNALS];	/* -e signal= */
	uint64_t now;		/* the time of the event being printed */
	uint64_t prev;		/* of the previous line's leader, for -r */
};

extern struct state st;

/* Flags and values: named bits in a table's order. */
struct flag {
	uint64_t val;
	const char *name;
};
#define F(x) { x, #x }
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* quote()'s styles. */
enum { Q_HEX = 1, Q_NUL = 2 };

/* Output (sctrace.c), with the column counted for tabto(). */
void outf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void outs(const char *s);
void outn(const char *s, size_t n);
void out_dec(int64_t v, unsigned int width);
void newline(void);
void tabto(void);

/* Decoders (decode.c). */
extern const struct sc_desc raw_desc;
const struct sc_desc *find_desc(const char *name);
bool print_clone3_entry(struct task *t, const struct sct_event *ev);
void print_clone3_exit(struct task *t, int64_t ret);
void print_statx_bytes(const void *data);
unsigned int desc_nargs(const struct sc_desc *d);
bool arg_is_out(unsigned char a);
void print_args(struct task *t, const struct sct_event *ev,
		unsigned int from, unsigned int to, bool sep, int64_t ret);
void print_clone_entry(struct task *t);
void print_clone_exit(struct task *t);
void print_ret_extra(struct task *t, const struct sct_event *ev,
		     int64_t ret);
void print_sockaddr_bytes(const void *data, size_t len);
void print_statfs_bytes(const void *data);
void quote(const unsigned char *s, size_t n, unsigned int style);
void print_ptr(uint64_t v);
void print_flags(const struct flag *tab, size_t n, uint64_t v, bool sep);
void print_xval(const struct flag *tab, size_t n, uint64_t v,
		const char *dflt);
const char *signame(int sig, char *buf, size_t size);
void print_signum(uint64_t v);

void print_flags_dflt(const struct flag *tab, size_t n, uint64_t v,
		      const char *dflt);
void print_symbolic_mode(unsigned int mode);

/* More decoders (decode-misc.c). */
bool arg_is_out_misc(unsigned char a);
bool arg_shown_misc(const struct task *t, unsigned int i);
void print_arg_misc(struct task *t, const struct sct_event *ev,
		    unsigned int i, int64_t ret);
bool print_ret_misc(const struct task *t, const struct sct_event *ev,
		    int64_t ret);
void print_select_ret(const struct task *t, const struct sct_event *ev,
		      int64_t ret);
void print_siginfo_bytes(const void *data);
void print_utimens_bytes(const void *data);
void print_dev(unsigned int dev);
void print_personality(uint64_t v);
void print_ioprio_arg(uint64_t v);

/* Options (options.c). */
void opts_init(void);
int opt_e(const char *arg);
void opt_trace(const char *set);
bool opt_handle(int c, const char *arg);
void opts_finish(bool command);
int opts_trace(struct sct_session *s, sct_event_cb cb);
void opts_usage(FILE *out);
void print_leader_time(void);
void print_duration(const struct task *t);
void stage_begin(struct task *t);
void stage_pause(struct task *t);
void stage_resume(struct task *t);
void stage_end(struct task *t, int status);
bool staged(const struct task *t);
bool abbrev(const struct task *t);
bool raw(const struct task *t);
void print_attached(pid_t pid);
/*
 * The call summary (summary.c), strace's -c table.  summary_set_sort()
 * and summary_set_columns() take -S's and -U's argument and return NULL,
 * or strace's message for a bad one.  summary_add() counts a call of
 * @abi (SCT_ABI_*) and number @nr (up to SUMMARY_MAX_NR) that took @ns
 * nanoseconds, @failed if it returned an error (@abi or @nr out of range:
 * not counted); 0, or -1 when out of memory.  summary_print() prints the
 * tables (none without calls), summary_free() forgets the counts and the
 * options.
 */
#define SUMMARY_MAX_NR	4095
const char *summary_set_sort(const char *key);
const char *summary_set_columns(const char *list);
int summary_add(int abi, int nr, const char *name, uint64_t ns, bool failed);
void summary_print(FILE *f);
void summary_free(void);

/* More printers (decode.c), for the tests: captured bytes given. */
void print_sigset_bytes(uint64_t addr, const void *data, size_t n,
			uint64_t size);
void print_cwd_bytes(uint64_t addr, const void *data, size_t n);

#endif /* SCTRACE_H */
