// SPDX-License-Identifier: GPL-2.0
/*
 * More of sctrace's decoders: select and pselect6, rt_sigtimedwait,
 * utimensat's times, waitid, capget/capset, mknod/mknodat, personality,
 * membarrier, getcpu, ioprio_get/ioprio_set, as strace 6.1's src/desc.c,
 * signal.c, printsiginfo.c, utimes.c, wait.c, mknod.c, personality.c,
 * membarrier.c, getcpu.c and ioprio.c print them.  Tables in the order
 * of its src/xlat/\*.in.  The calls are in decode.c's sc_table, which
 * hands the argument types from A_FDSET on to print_arg_misc().
 */
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include <sct.h>

#include "sctrace.h"

static const struct flag waitid_types[] = {
	{ 0, "P_ALL" }, { 1, "P_PID" }, { 2, "P_PGID" }, { 3, "P_PIDFD" },
};

static const struct flag personality_types[] = {
	{ 0x0000000, "PER_LINUX" }, { 0x0800000, "PER_LINUX_32BIT" },
	{ 0x0080000, "PER_LINUX_FDPIC" }, { 0x4100001, "PER_SVR4" },
	{ 0x5000002, "PER_SVR3" }, { 0x7000003, "PER_SCOSVR3" },
	{ 0x6000003, "PER_OSR5" }, { 0x5000004, "PER_WYSEV386" },
	{ 0x4000005, "PER_ISCR4" }, { 0x0000006, "PER_BSD" },
	{ 0x4000006, "PER_SUNOS" }, { 0x5000007, "PER_XENIX" },
	{ 0x0000008, "PER_LINUX32" }, { 0x8000008, "PER_LINUX32_3GB" },
	{ 0x4000009, "PER_IRIX32" }, { 0x400000a, "PER_IRIXN32" },
	{ 0x400000b, "PER_IRIX64" }, { 0x000000c, "PER_RISCOS" },
	{ 0x400000d, "PER_SOLARIS" }, { 0x410000e, "PER_UW7" },
	{ 0x000000f, "PER_OSF4" }, { 0x0000010, "PER_HPUX" },
	{ 0x00000ff, "PER_MASK" },
};

static const struct flag personality_flags[] = {
	{ 0x0020000, "UNAME26" }, { 0x0040000, "ADDR_NO_RANDOMIZE" },
	{ 0x0080000, "FDPIC_FUNCPTRS" }, { 0x0100000, "MMAP_PAGE_ZERO" },
	{ 0x0200000, "ADDR_COMPAT_LAYOUT" }, { 0x0400000, "READ_IMPLIES_EXEC" },
	{ 0x0800000, "ADDR_LIMIT_32BIT" }, { 0x1000000, "SHORT_INODE" },
	{ 0x2000000, "WHOLE_SECONDS" }, { 0x4000000, "STICKY_TIMEOUTS" },
	{ 0x8000000, "ADDR_LIMIT_3GB" },
};

#define PER_MASK_BITS 0xffU

static const struct flag membarrier_cmds[] = {
	{ 0, "MEMBARRIER_CMD_QUERY" },
	{ 1 << 0, "MEMBARRIER_CMD_GLOBAL" },
	{ 1 << 1, "MEMBARRIER_CMD_GLOBAL_EXPEDITED" },
	{ 1 << 2, "MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED" },
	{ 1 << 3, "MEMBARRIER_CMD_PRIVATE_EXPEDITED" },
	{ 1 << 4, "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED" },
	{ 1 << 5, "MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE" },
	{ 1 << 6, "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE" },
	{ 1 << 7, "MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ" },
	{ 1 << 8, "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ" },
};

static const struct flag membarrier_flags[] = {
	{ 1 << 0, "MEMBARRIER_CMD_FLAG_CPU" },
};

static const struct flag ioprio_classes[] = {
	{ 0, "IOPRIO_CLASS_NONE" }, { 1, "IOPRIO_CLASS_RT" },
	{ 2, "IOPRIO_CLASS_BE" }, { 3, "IOPRIO_CLASS_IDLE" },
};

static const struct flag ioprio_who[] = {
	{ 1, "IOPRIO_WHO_PROCESS" }, { 2, "IOPRIO_WHO_PGRP" },
	{ 3, "IOPRIO_WHO_USER" },
};

/* siginfo_codes.in, then sigchld_codes.in (the codes of SIGCHLD). */
static const struct { int val; const char *name; } si_codes[] = {
	{ 0, "SI_USER" }, { 0x80, "SI_KERNEL" }, { -1, "SI_QUEUE" },
	{ -2, "SI_TIMER" }, { -3, "SI_MESGQ" }, { -4, "SI_ASYNCIO" },
	{ -5, "SI_SIGIO" }, { -6, "SI_TKILL" }, { -7, "SI_DETHREAD" },
	{ -60, "SI_ASYNCNL" },
}, cld_codes[] = {
	{ 1, "CLD_EXITED" }, { 2, "CLD_KILLED" }, { 3, "CLD_DUMPED" },
	{ 4, "CLD_TRAPPED" }, { 5, "CLD_STOPPED" }, { 6, "CLD_CONTINUED" },
};

/* The bytes captured of parameter @p (from 1), if at least @size. */
static const void *data_of(const struct sct_event *ev, unsigned int p,
			   size_t size)
{
	const void *data;
	size_t n;
	int kind = sct_event_data(ev, p, &data, &n);

	if ((kind != SCT_DATA_BYTES && kind != SCT_DATA_BYTES_TRUNC) ||
	    n < size)
		return NULL;
	return data;
}

/* A name, or in hex under -X raw, with the name in a comment -X verbose. */
static void print_named(uint64_t v, const char *name)
{
	if (st.xlat != XLAT_ABBREV)
		outf(v ? "%#" PRIx64 : "%" PRIu64, v);
	if (st.xlat == XLAT_RAW)
		return;
	outf(st.xlat == XLAT_VERBOSE ? " /* %s */" : "%s", name);
}

/*
 * select's fd set at @addr, the first @nfds bits of @set: the address
 * when the kernel did not capture it (it captures the read set only, of
 * 1024 descriptors) or strace would not read it (@nfds of 0).
 */
static void print_fdset(const unsigned char *set, uint64_t addr, int nfds)
{
	const char *sep = "";
	int j;

	if (!addr) {
		outs("NULL");
		return;
	}
	if (!set || nfds <= 0 || nfds > 1024) {
		print_ptr(addr);
		return;
	}
	outs("[");
	for (j = 0; j < nfds; j++) {
		if (set[j / 8] & (1U << (j % 8))) {
			outf("%s%d", sep, j);
			sep = " ";
		}
	}
	outs("]");
}

void print_select_ret(const struct task *t, const struct sct_event *ev,
		      int64_t ret)
{
	const unsigned char *set;
	int nfds = (int)t->args[0], j;
	const char *sep = " (in [";

	if (ret == 0) {
		outs(" (Timeout)");
		return;
	}
	/*
	 * The ready descriptors of the read set; those of the other sets
	 * and the time left are not captured (sctrace(1), DIFFERENCES).
	 */
	set = t->args[1] ? data_of(ev, 2, 128) : NULL;
	if (!set || nfds <= 0 || nfds > 1024)
		return;
	for (j = 0; j < nfds && ret > 0; j++) {
		if (set[j / 8] & (1U << (j % 8))) {
			outf("%s%d", sep, j);
			sep = " ";
			ret--;
		}
	}
	if (*sep == ' ')
		outs("])");
}

/*
 * strace's print_clock_t(): the ticks, and the seconds they are in a
 * comment.
 */
static void print_clock_t(uint64_t val)
{
	long tck = sysconf(_SC_CLK_TCK);
	unsigned int width = 0;
	long k;
	char frac[32];

	outf("%" PRIu64, val);
	if (st.xlat == XLAT_RAW || tck <= 0 || !val)
		return;
	for (k = tck; k >= 10 && width < 9; k /= 10)
		width++;
	snprintf(frac, sizeof(frac), "%.*f", (int)width,
		 (double)(val % (uint64_t)tck) / (double)tck);
	outf(" /* %" PRIu64 "%s s */", val / (uint64_t)tck,
	     strchr(frac, '.') ? strchr(frac, '.') : "");
}

static void print_si_code(int code, int signo)
{
	size_t k;

	for (k = 0; k < NELEM(si_codes); k++)
		if (si_codes[k].val == code) {
			print_named((uint32_t)code, si_codes[k].name);
			return;
		}
	if (signo == SIGCHLD)
		for (k = 0; k < NELEM(cld_codes); k++)
			if (cld_codes[k].val == code) {
				print_named((uint32_t)code, cld_codes[k].name);
				return;
			}
	outf("%#x", (unsigned int)code);
}

/*
 * A siginfo_t as strace's printsiginfo(): the fields of the user
 * codes, of SIGCHLD, and the address of the faults.
 */
void print_siginfo_bytes(const void *data)
{
	siginfo_t si;
	char buf[16];

	memcpy(&si, data, sizeof(si));
	outs("{");
	if (!si.si_signo) {
		outs("}");
		return;
	}
	outf("si_signo=%s, si_code=", signame(si.si_signo, buf, sizeof(buf)));
	print_si_code(si.si_code, si.si_signo);
	if (si.si_errno)
		outf(", si_errno=%s", strerrorname_np(si.si_errno) ?
		     strerrorname_np(si.si_errno) : "???");
	if (si.si_code <= 0) {
		switch (si.si_code) {
		case SI_TIMER:
			outf(", si_timerid=%#x, si_overrun=%d, si_int=%d, "
			     "si_ptr=", (unsigned int)si.si_timerid,
			     si.si_overrun, si.si_int);
			print_ptr((uintptr_t)si.si_ptr);
			break;
		case SI_SIGIO:
			outf(", si_band=%ld, si_fd=%d", si.si_band, si.si_fd);
			break;
		default:
			outf(", si_pid=%d, si_uid=%u", si.si_pid, si.si_uid);
			if (si.si_code == SI_USER || si.si_code == SI_TKILL ||
			    !si.si_ptr)
				break;
			outf(", si_int=%d, si_ptr=", si.si_int);
			print_ptr((uintptr_t)si.si_ptr);
			break;
		}
	} else {
		switch (si.si_signo) {
		case SIGCHLD:
			outf(", si_pid=%d, si_uid=%u, si_status=", si.si_pid,
			     si.si_uid);
			if (si.si_code == CLD_EXITED)
				outf("%d", si.si_status);
			else
				print_signum((uint64_t)si.si_status);
			outs(", si_utime=");
			print_clock_t((uint64_t)si.si_utime);
			outs(", si_stime=");
			print_clock_t((uint64_t)si.si_stime);
			break;
		case SIGILL: case SIGFPE: case SIGBUS: case SIGSEGV:
		case SIGTRAP:
			outs(", si_addr=");
			print_ptr((uintptr_t)si.si_addr);
			break;
		case SIGIO:
			outf(", si_band=%ld, si_fd=%d", si.si_band, si.si_fd);
			break;
		}
	}
	outs("}");
}

/* A struct timespec's fields and, for utimensat, its date in a comment. */
static void print_ts_date(const int64_t *ts)
{
	char date[64];
	size_t pos;
	time_t sec = (time_t)ts[0];
	struct tm tm;

	outf("{tv_sec=%" PRId64 ", tv_nsec=%" PRId64 "}", ts[0], ts[1]);
	if ((!ts[0] && !ts[1]) || (uint64_t)ts[1] > 999999999 ||
	    !localtime_r(&sec, &tm))
		return;
	pos = strftime(date, sizeof(date), "%FT%T", &tm);
	if (!pos)
		return;
	if (ts[1])
		pos += (size_t)snprintf(date + pos, sizeof(date) - pos,
					".%09" PRId64, ts[1]);
	if (pos < sizeof(date) &&
	    strftime(date + pos, sizeof(date) - pos, "%z", &tm))
		outf(" /* %s */", date);
}

/* utimensat's two times, as strace's print_timespec_t_utime(). */
void print_utimens_bytes(const void *data)
{
	int64_t ts[4];
	unsigned int k;

	memcpy(ts, data, sizeof(ts));
	outs("[");
	for (k = 0; k < 2; k++) {
		const int64_t *t = ts + 2 * k;

		if (k)
			outs(", ");
		if (t[1] != UTIME_NOW && t[1] != UTIME_OMIT) {
			print_ts_date(t);
			continue;
		}
		if (st.xlat != XLAT_ABBREV)
			outf("{tv_sec=%" PRId64 ", tv_nsec=%" PRId64 "}",
			     t[0], t[1]);
		if (st.xlat == XLAT_RAW)
			continue;
		outf(st.xlat == XLAT_VERBOSE ? " /* %s */" : "%s",
		     t[1] == UTIME_NOW ? "UTIME_NOW" : "UTIME_OMIT");
	}
	outs("]");
}

/* strace's print_dev_t(): makedev(major, minor). */
void print_dev(unsigned int dev)
{
	if (st.xlat != XLAT_ABBREV)
		outf("%#x", dev);
	if (st.xlat == XLAT_RAW)
		return;
	outf("%smakedev(%#x, %#x)%s", st.xlat == XLAT_VERBOSE ? " /* " : "",
	     major(dev), minor(dev), st.xlat == XLAT_VERBOSE ? " */" : "");
}

/* personality's argument or return: a PER_* type and flags. */
void print_personality(uint64_t v)
{
	unsigned int p = (unsigned int)v;

	print_xval(personality_types, NELEM(personality_types),
		   p & PER_MASK_BITS, "PER_???");
	if (p & ~PER_MASK_BITS)
		print_flags(personality_flags, NELEM(personality_flags),
			    p & ~PER_MASK_BITS, true);
}

/* strace's sprint_ioprio(): IOPRIO_PRIO_VALUE(class, data). */
static void print_ioprio_value(unsigned int v)
{
	outs("IOPRIO_PRIO_VALUE(");
	print_xval(ioprio_classes, NELEM(ioprio_classes), v >> 13,
		   "IOPRIO_CLASS_???");
	outf(", %u)", v & ((1U << 13) - 1));
}

/* ioprio_set's priority: decimal, then the value, as -X says. */
void print_ioprio_arg(uint64_t v)
{
	if (st.xlat != XLAT_ABBREV)
		outf("%d", (int)v);
	if (st.xlat == XLAT_RAW)
		return;
	if (st.xlat == XLAT_VERBOSE)
		outs(" /* ");
	print_ioprio_value((unsigned int)v);
	if (st.xlat == XLAT_VERBOSE)
		outs(" */");
}

bool arg_is_out_misc(unsigned char a)
{
	return a == A_SIGINFO_OUT;
}

/* mknod's device, for a device only; membarrier's cpu, when flagged. */
bool arg_shown_misc(const struct task *t, unsigned int i)
{
	switch (t->desc->args[i]) {
	case A_MKNODDEV:
		return (t->args[i - 1] & S_IFMT) == S_IFCHR ||
		       (t->args[i - 1] & S_IFMT) == S_IFBLK;
	case A_MEMBARRIER_CPU:
		return t->args[i - 1] & 1;
	default:
		return true;
	}
}

void print_arg_misc(struct task *t, const struct sct_event *ev,
		    unsigned int i, int64_t ret)
{
	uint64_t v = t->args[i];
	unsigned int p = i + 1;	/* libsct counts parameters from 1 */
	const void *data;

	switch (t->desc->args[i]) {
	case A_FDSET:
		/* The kernel captures the read set only. */
		print_fdset(p == 2 && v ? data_of(ev, p, 128) : NULL, v,
			    (int)t->args[0]);
		break;
	case A_SIGSET_TW:
		/* Then the timeout, printed at the exit after the info. */
		data = v && t->args[3] == 8 ? data_of(ev, p, 8) : NULL;
		print_sigset_bytes(v, data, data ? 8 : 0, t->args[3]);
		data = t->args[2] ? data_of(ev, 3, 2 * sizeof(int64_t)) :
				    NULL;
		t->saved_ok = data != NULL;
		if (data)
			memcpy(t->saved, data, sizeof(t->saved));
		break;
	case A_TIMESPEC_SAVED:
		if (!v)
			outs("NULL");
		else if (!t->saved_ok)
			print_ptr(v);
		else
			outf("{tv_sec=%" PRId64 ", tv_nsec=%" PRId64 "}",
			     (int64_t)t->saved[0], (int64_t)t->saved[1]);
		break;
	case A_SIGINFO_OUT:
		data = v && ret >= 0 ? data_of(ev, p, sizeof(siginfo_t)) :
				       NULL;
		if (data)
			print_siginfo_bytes(data);
		else
			print_ptr(v);
		break;
	case A_UTIMES:
		data = v ? data_of(ev, p, 4 * sizeof(int64_t)) : NULL;
		if (data)
			print_utimens_bytes(data);
		else
			print_ptr(v);
		break;
	case A_WAITIDTYPE:
		print_xval(waitid_types, NELEM(waitid_types), (unsigned int)v,
			   "P_???");
		break;
	case A_MKNOD:
		print_symbolic_mode((unsigned short)v);
		break;
	case A_MKNODDEV:
		print_dev((unsigned int)v);
		break;
	case A_PERSONA:
		if ((unsigned int)v == 0xffffffff)
			outs("0xffffffff");
		else
			print_personality(v);
		break;
	case A_MEMBARRIER_CMD:
		print_xval(membarrier_cmds, NELEM(membarrier_cmds),
			   (unsigned int)(int)v, "MEMBARRIER_CMD_???");
		break;
	case A_MEMBARRIER_FLAGS:
		print_flags_dflt(membarrier_flags, NELEM(membarrier_flags),
				 (unsigned int)v, "MEMBARRIER_CMD_FLAG_???");
		break;
	case A_MEMBARRIER_CPU:
		outf("%d", (int)v);
		break;
	case A_IOPRIO_WHICH:
		print_xval(ioprio_who, NELEM(ioprio_who), (unsigned int)v,
			   "IOPRIO_WHO_???");
		break;
	case A_IOPRIO:
		print_ioprio_arg(v);
		break;
	}
}

/* The " (...)" after the returns of these calls; whether it is one. */
bool print_ret_misc(const struct task *t, const struct sct_event *ev,
		    int64_t ret)
{
	unsigned char a0 = t->desc->args[0];
	char buf[16];

	switch (a0) {
	case A_INT:
		if (t->desc->args[1] != A_FDSET)
			return false;
		print_select_ret(t, ev, ret);
		return true;
	case A_SIGSET_TW:
		if (ret > 0)
			outf(" (%s)", signame((int)ret, buf, sizeof(buf)));
		return true;
	case A_PERSONA:
		outs(" (");
		print_personality((uint64_t)ret);
		outs(")");
		return true;
	case A_MEMBARRIER_CMD:
		if ((int)t->args[0] || !ret)
			return true;
		outs(" (");
		print_flags(membarrier_cmds, NELEM(membarrier_cmds),
			    (uint64_t)ret, false);
		outs(")");
		return true;
	case A_IOPRIO_WHICH:
		if (t->desc->args[2] == A_IOPRIO || st.xlat == XLAT_RAW)
			return true;
		outs(" (");
		print_ioprio_value((unsigned int)ret);
		outs(")");
		return true;
	default:
		return false;
	}
}
