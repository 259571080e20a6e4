// SPDX-License-Identifier: GPL-2.0
/*
 * Delete a file the ways a 64-bit program can, for the guest's test of
 * the README's first example (scripts/tests/guest/readme.sh):
 *
 *   sct_unlink unlink PATH     unlink(PATH)
 *   sct_unlink unlinkat PATH   unlinkat(AT_FDCWD, PATH, 0)
 *   sct_unlink int80 PATH      int $0x80 with eax = 10: ia32 unlink,
 *                              the path copied below 4 GiB
 *   sct_unlink x32 PATH        x32's unlink: __X32_SYSCALL_BIT | 87
 *
 * Exits with the call's errno, 0 if it worked, 126 for bad usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define IA32_UNLINK	10
#define X32_BIT		0x40000000L

static int int80_unlink(const char *path)
{
	char *low = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	int ret;

	if (low == MAP_FAILED || strlen(path) >= 4096)
		return -ENOMEM;
	strcpy(low, path);
	asm volatile("int $0x80"
		     : "=a"(ret)
		     : "a"(IA32_UNLINK), "b"(low)
		     : "memory", "r8", "r9", "r10", "r11");
	return ret;
}

int main(int argc, char **argv)
{
	long ret;

	if (argc != 3)
		return 126;
	if (!strcmp(argv[1], "unlink"))
		ret = syscall(SYS_unlink, argv[2]) ? -errno : 0;
	else if (!strcmp(argv[1], "unlinkat"))
		ret = syscall(SYS_unlinkat, AT_FDCWD, argv[2], 0) ? -errno : 0;
	else if (!strcmp(argv[1], "int80"))
		ret = int80_unlink(argv[2]);
	else if (!strcmp(argv[1], "x32"))
		ret = syscall(X32_BIT | SYS_unlink, argv[2]) ? -errno : 0;
	else
		return 126;
	return -ret & 0xff;
}
