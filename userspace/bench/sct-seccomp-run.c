// SPDX-License-Identifier: GPL-2.0
/*
 * sct-seccomp-run: run a program under one seccomp filter, for the bench
 * (scripts/bench.sh) to compare sct with seccomp.
 *
 *   sct-seccomp-run allow PROGRAM [ARG...]
 *   sct-seccomp-run errno-getpid PROGRAM [ARG...]
 *
 * "allow" installs a filter that allows every call (one instruction);
 * "errno-getpid" one that fails getpid() with EPERM and allows the rest
 * (three instructions).  Then it executes PROGRAM, which inherits the
 * filter.
 */
#include <err.h>
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static struct sock_filter allow[] = {
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	static struct sock_filter errno_getpid[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getpid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog;

	if (argc < 3) {
		fprintf(stderr,
			"usage: %s allow|errno-getpid PROGRAM [ARG...]\n",
			program_invocation_short_name);
		return 2;
	}
	if (!strcmp(argv[1], "allow")) {
		prog.filter = allow;
		prog.len = sizeof(allow) / sizeof(allow[0]);
	} else if (!strcmp(argv[1], "errno-getpid")) {
		prog.filter = errno_getpid;
		prog.len = sizeof(errno_getpid) / sizeof(errno_getpid[0]);
	} else {
		errx(2, "unknown filter '%s'", argv[1]);
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		err(1, "PR_SET_NO_NEW_PRIVS");
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
		err(1, "seccomp");
	execvp(argv[2], argv + 2);
	err(127, "%s", argv[2]);
}
