// SPDX-License-Identifier: GPL-2.0
/*
 * A 32-bit x86 program without libc, for sct_compat_test and
 * sct_enforce_test.  Every call it makes goes through int $0x80, in the
 * ia32 numbering:
 *
 *   sct_compat_helper unlink PATH   unlink(PATH) (ia32 10, which is
 *                                   mprotect in the native table), then
 *                                   exit with the call's errno, 0 if it
 *                                   worked
 *   sct_compat_helper unlinkat PATH unlinkat(AT_FDCWD, PATH, 0) (ia32
 *                                   301), the same way
 *   sct_compat_helper exit          exit 0 at once
 *
 * Anything else exits 126.  It makes no call but ia32 unlink (10),
 * unlinkat (301) and exit (1): sct_enforce_test counts on it making no
 * munmap (ia32 91) after it was exec'd.
 *
 * Built with -m32 -nostdlib: it needs no 32-bit libc on the host.
 */

#define IA32_EXIT	1
#define IA32_UNLINK	10
#define IA32_UNLINKAT	301
#define AT_FDCWD	-100

#define USAGE		126

static int ia32_syscall1(int nr, long arg)
{
	int ret;

	asm volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(arg) : "memory");
	return ret;
}

static int ia32_syscall3(int nr, long a, long b, long c)
{
	int ret;

	asm volatile("int $0x80"
		     : "=a"(ret)
		     : "a"(nr), "b"(a), "c"(b), "d"(c)
		     : "memory");
	return ret;
}

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

void __attribute__((used, noreturn)) helper_main(long *sp)
{
	long argc = sp[0];
	char **argv = (char **)(sp + 1);
	int ret = USAGE;

	if (argc == 3 && streq(argv[1], "unlink"))
		ret = -ia32_syscall1(IA32_UNLINK, (long)argv[2]);
	else if (argc == 3 && streq(argv[1], "unlinkat"))
		ret = -ia32_syscall3(IA32_UNLINKAT, AT_FDCWD, (long)argv[2], 0);
	else if (argc == 2 && streq(argv[1], "exit"))
		ret = 0;
	ia32_syscall1(IA32_EXIT, ret & 0xff);
	__builtin_unreachable();
}

asm(".globl _start\n"
    "_start:\n"
    "	movl %esp, %eax\n"
    "	andl $-16, %esp\n"
    "	subl $12, %esp\n"
    "	pushl %eax\n"
    "	call helper_main\n");
