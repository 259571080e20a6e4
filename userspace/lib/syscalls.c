// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libsct: native syscall names, from the kernel's syscall table (made
 * into syscall_names.h at build time, as the kernel's kernel/sct does).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sct.h"

static const char *const sct_syscall_names[] = {
#include "syscall_names.h"
};

#define SCT_NR_SYSCALLS \
	((int)(sizeof(sct_syscall_names) / sizeof(sct_syscall_names[0])))

/**
 * sct_syscall_count() - the size of the native syscall table
 *
 * Return: one more than the highest syscall number.
 */
int sct_syscall_count(void)
{
	return SCT_NR_SYSCALLS;
}

/**
 * sct_syscall_name() - a native syscall's name
 * @nr: its number
 *
 * Return: the name, or NULL for a number without one.
 */
const char *sct_syscall_name(int nr)
{
	if (nr < 0 || nr >= SCT_NR_SYSCALLS)
		return NULL;
	return sct_syscall_names[nr];
}

/**
 * sct_syscall_number() - a native syscall's number
 * @s: a name from the syscall table ("unlink") or a decimal number
 *
 * Return: the number, or -EINVAL for an unknown name or a number that is
 * not in the table's range.
 */
int sct_syscall_number(const char *s)
{
	long long v;
	int i;

	if (isdigit((unsigned char)s[0])) {
		/* The kernel reads it in decimal. */
		for (i = 0; s[i]; i++)
			if (!isdigit((unsigned char)s[i]))
				return -EINVAL;
		if (i > 9)
			return -EINVAL;
		v = strtoll(s, NULL, 10);
		return v < SCT_NR_SYSCALLS ? (int)v : -EINVAL;
	}
	for (i = 0; i < SCT_NR_SYSCALLS; i++)
		if (sct_syscall_names[i] && !strcmp(sct_syscall_names[i], s))
			return i;
	return -EINVAL;
}

