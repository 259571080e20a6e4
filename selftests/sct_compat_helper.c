// SPDX-License-Identifier: GPL-2.0
/*
 * A 32-bit x86 program without libc, for sct_compat_test: unlink(argv[1])
 * through int $0x80 (ia32 syscall 10, which is mprotect in the native
 * table), then exit 0 if that worked and 1 if it did not.
 *
 * Built with -m32 -nostdlib: it needs no 32-bit libc on the host.
 */

#define IA32_EXIT	1
#define IA32_UNLINK	10

static int ia32_syscall1(int nr, long arg)
{
	int ret;

	asm volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(arg) : "memory");
	return ret;
}

void __attribute__((used, noreturn)) helper_main(long *sp)
{
	char **argv = (char **)(sp + 1);
	int ret = ia32_syscall1(IA32_UNLINK, (long)argv[1]);

	ia32_syscall1(IA32_EXIT, ret == 0 ? 0 : 1);
	__builtin_unreachable();
}

asm(".globl _start\n"
    "_start:\n"
    "	movl %esp, %eax\n"
    "	andl $-16, %esp\n"
    "	subl $12, %esp\n"
    "	pushl %eax\n"
    "	call helper_main\n");
