// SPDX-License-Identifier: GPL-2.0
/*
 * A program on the installed libsct, built as its users build theirs:
 *
 *   cc -o libsct-prog libsct-prog.c $(pkg-config --cflags --libs libsct)
 *
 * scripts/tests/libsct-abi.sh builds and runs it on the host, and the
 * guest runs it too (scripts/tests/guest/libsct.sh).  It prints
 *
 *   version 1.0.0          sct_version(): the library it runs with
 *   header 1.0.0           SCT_VERSION_MAJOR.MINOR.MICRO of <sct.h>
 *   library PATH           the loaded object sct_version()'s string is in
 *   getpid 39              a table of the library
 *   available 0            sct_available(): 0, or a negative errno
 *
 * Exit status: 0, or 1 when the header and the library disagree.
 */
#define _GNU_SOURCE		/* dl_iterate_phdr() */
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sct.h>

#define STR_(x)		#x
#define STR(x)		STR_(x)
#define HEADER_VERSION	STR(SCT_VERSION_MAJOR) "." STR(SCT_VERSION_MINOR) \
			"." STR(SCT_VERSION_MICRO)

struct find {
	uintptr_t addr;
	const char *path;
};

/* The loaded object whose segments hold f->addr. */
static int find_object(struct dl_phdr_info *info, size_t size, void *data)
{
	struct find *f = data;
	int i;

	(void)size;
	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t start = info->dlpi_addr + ph->p_vaddr;

		if (ph->p_type == PT_LOAD && f->addr >= start &&
		    f->addr < start + ph->p_memsz) {
			f->path = info->dlpi_name[0] ? info->dlpi_name :
						       "(the program)";
			return 1;
		}
	}
	return 0;
}

int main(void)
{
	const char *v = sct_version();
	/* The string is the library's: where it is tells which one runs. */
	struct find f = { (uintptr_t)v, "?" };

	dl_iterate_phdr(find_object, &f);
	printf("version %s\n", v);
	printf("header %s\n", HEADER_VERSION);
	printf("library %s\n", f.path);
	printf("getpid %d\n", sct_syscall_number("getpid"));
	printf("available %d\n", sct_available());
	if (strcmp(v, HEADER_VERSION) || strcmp(LIBSCT_VERSION, HEADER_VERSION)) {
		fprintf(stderr, "libsct-prog: the library is %s, <sct.h> %s (%s)\n",
			v, HEADER_VERSION, LIBSCT_VERSION);
		return 1;
	}
	return 0;
}
