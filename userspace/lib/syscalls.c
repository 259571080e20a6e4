// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libsct: syscall names, from the kernel's syscall tables, made into
 * headers at build time: the native (x86_64) table as the kernel's
 * kernel/sct does (syscall_names.h), the ia32 and x32 ones by
 * lib/abi-names.awk (syscall_names_ia32.h, syscall_names_x32.h).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sct.h"

static const char *const sct_syscall_names[] = {
#include "syscall_names.h"
};

static const char *const sct_syscall_names_ia32[] = {
#include "syscall_names_ia32.h"
};

static const char *const sct_syscall_names_x32[] = {
#include "syscall_names_x32.h"
};

#define ARRAY_SIZE(a)	((int)(sizeof(a) / sizeof((a)[0])))
#define SCT_NR_SYSCALLS	ARRAY_SIZE(sct_syscall_names)

/* x32 calls carry this bit in their number (__X32_SYSCALL_BIT). */
#define SCT_X32_SYSCALL_BIT	0x40000000

static const char *const sct_abi_names[] = {
	[SCT_ABI_NATIVE] = "x86_64",
	[SCT_ABI_COMPAT] = "ia32",
	[SCT_ABI_X32] = "x32",
};

/* An ABI's table and its size; NULL for an ABI libsct does not know. */
static const char *const *sct_table(int abi, int *count)
{
	switch (abi) {
	case SCT_ABI_NATIVE:
		*count = SCT_NR_SYSCALLS;
		return sct_syscall_names;
	case SCT_ABI_COMPAT:
		*count = ARRAY_SIZE(sct_syscall_names_ia32);
		return sct_syscall_names_ia32;
	case SCT_ABI_X32:
		*count = ARRAY_SIZE(sct_syscall_names_x32);
		return sct_syscall_names_x32;
	}
	*count = 0;
	return NULL;
}

/**
 * sct_abi_name() - the name of an ABI
 * @abi: %SCT_ABI_NATIVE, %SCT_ABI_COMPAT or %SCT_ABI_X32
 *
 * Return: "x86_64", "ia32" or "x32", as records, %abi and the ABI:NAME
 * form of a rule's syscall name them; NULL for another value.
 */
const char *sct_abi_name(int abi)
{
	if (abi < 0 || abi >= ARRAY_SIZE(sct_abi_names))
		return NULL;
	return sct_abi_names[abi];
}

/**
 * sct_abi_number() - an ABI from its name
 * @name: "x86_64", "ia32" or "x32"
 *
 * Return: the SCT_ABI_* value, or -EINVAL.
 */
int sct_abi_number(const char *name)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(sct_abi_names); i++)
		if (!strcmp(sct_abi_names[i], name))
			return i;
	return -EINVAL;
}

/**
 * sct_syscall_count_abi() - the size of an ABI's syscall table
 * @abi: an SCT_ABI_* value
 *
 * Return: one more than the highest number of the table (for x32, of
 * the number without the x32 bit), or 0 for an unknown ABI.
 */
int sct_syscall_count_abi(int abi)
{
	int count;

	sct_table(abi, &count);
	return count;
}

/**
 * sct_syscall_name_abi() - a syscall's name, as an ABI knows it
 * @abi: an SCT_ABI_* value
 * @nr: the number in that ABI's table; for x32, with or without the
 *      x32 bit (0x40000000)
 *
 * Return: the name (ia32 213 is "setuid32"), or NULL for a number
 * without one, or an unknown ABI.
 */
const char *sct_syscall_name_abi(int abi, int nr)
{
	const char *const *t;
	int count;

	t = sct_table(abi, &count);
	if (abi == SCT_ABI_X32)
		nr &= ~SCT_X32_SYSCALL_BIT;
	if (!t || nr < 0 || nr >= count)
		return NULL;
	return t[nr];
}

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
	return sct_syscall_name_abi(SCT_ABI_NATIVE, nr);
}

/* A decimal number of at most 9 digits, as the kernel reads it; or -1. */
static int sct_decimal(const char *s)
{
	int i;

	for (i = 0; s[i]; i++)
		if (!isdigit((unsigned char)s[i]))
			return -1;
	if (!i || i > 9)
		return -1;
	return (int)strtol(s, NULL, 10);
}

/**
 * sct_syscall_number_abi() - a syscall's number in an ABI's table
 * @abi: an SCT_ABI_* value
 * @s: a name from that table ("setuid32" for ia32) or a decimal number
 *     (for x32, without the x32 bit)
 *
 * Return: the number (for x32, without the x32 bit), or -EINVAL for an
 * unknown name or ABI, or a number that is not in the table's range.
 */
int sct_syscall_number_abi(int abi, const char *s)
{
	const char *const *t;
	int count, i;

	t = sct_table(abi, &count);
	if (!t)
		return -EINVAL;
	if (isdigit((unsigned char)s[0])) {
		i = sct_decimal(s);
		return i >= 0 && i < count ? i : -EINVAL;
	}
	for (i = 0; i < count; i++)
		if (t[i] && !strcmp(t[i], s))
			return i;
	return -EINVAL;
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
	return sct_syscall_number_abi(SCT_ABI_NATIVE, s);
}

/**
 * sct_syscall_parse() - a rule's syscall, as the kernel's attribute takes it
 * @s: "NAME" (every ABI's calls of that syscall: a name of the native or
 *     of the ia32 table; every x32 name is a native one), "ABI:NAME"
 *     (x86_64:, ia32: or x32:, that ABI only), a decimal number (the
 *     native number) or "ABI:NUMBER" (for x32, without the x32 bit: x32
 *     unlink is 87, rt_sigaction 512)
 * @abi: set to %SCT_ABI_ALL for NAME or a number, else to the ABI
 * @nr: set to the number in the table of @abi; for %SCT_ABI_ALL the
 *      native number, or -1 for a name that only the ia32 table has
 *      ("socketcall")
 *
 * A number in range is taken whether or not the table names it: "x32:13"
 * (rt_sigaction is 64-bit only at 13) covers x32 13 alone, as the kernel
 * has it.
 *
 * Return: 0; -EINVAL for an unknown name, or an ABI that is not x86_64,
 * ia32 or x32; -ERANGE for a number out of the table's range (or of more
 * than nine digits).  @abi and @nr are set also on -EINVAL and -ERANGE
 * when the ABI is known.
 */
int sct_syscall_parse(const char *s, int *abi, int *nr)
{
	const char *colon = strchr(s, ':');
	char prefix[16];
	int a, n;

	*abi = SCT_ABI_ALL;
	*nr = -1;
	if (colon) {
		if ((size_t)(colon - s) >= sizeof(prefix))
			return -EINVAL;
		memcpy(prefix, s, colon - s);
		prefix[colon - s] = '\0';
		a = sct_abi_number(prefix);
		if (a < 0)
			return -EINVAL;
		*abi = a;
		s = colon + 1;
		n = sct_syscall_number_abi(a, s);
		if (n < 0)
			return isdigit((unsigned char)s[0]) ? -ERANGE : -EINVAL;
		*nr = n;
		return 0;
	}
	if (isdigit((unsigned char)s[0])) {
		n = sct_syscall_number_abi(SCT_ABI_NATIVE, s);
		if (n < 0)
			return -ERANGE;
		*nr = n;
		return 0;
	}
	n = sct_syscall_number_abi(SCT_ABI_NATIVE, s);
	if (n >= 0) {
		*nr = n;
		return 0;
	}
	/* Only in ia32 (socketcall, setuid32, mmap2, ...). */
	return sct_syscall_number_abi(SCT_ABI_COMPAT, s) >= 0 ? 0 : -EINVAL;
}
