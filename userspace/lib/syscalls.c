// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libsct: native syscall names, from the kernel's syscall table (made
 * into syscall_names.h at build time, as the kernel's kernel/sct does).
 */
#include "libsct.h"

static const char *const sct_syscall_names[] = {
#include "syscall_names.h"
};

/* The name of a native syscall, or NULL for a number without one. */
const char *sct_syscall_name(int nr)
{
	if (nr < 0 || (size_t)nr >= sizeof(sct_syscall_names) /
				   sizeof(sct_syscall_names[0]))
		return NULL;
	return sct_syscall_names[nr];
}
