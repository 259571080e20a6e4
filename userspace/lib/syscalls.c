// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libsct: syscall names, from the kernel's syscall tables, made into
 * headers at build time: the native (x86_64) table as the kernel's
 * kernel/sct does (syscall_names.h), the ia32 and x32 ones by
 * lib/abi-names.awk (syscall_names_ia32.h, syscall_names_x32.h), and the
 * types of their parameters, by the kernel's params.awk.  Lists
 * of them, as a rule's syscall attribute takes them, and strace's
 * syscall classes (syscall-classes.h, made from strace's source by
 * lib/gen-classes.sh and kept in git, since the build has no strace).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules-internal.h"

static const char *const sct_syscall_names[] = {
#include "syscall_names.h"
};

static const char *const sct_syscall_names_ia32[] = {
#include "syscall_names_ia32.h"
};

static const char *const sct_syscall_names_x32[] = {
#include "syscall_names_x32.h"
};

/*
 * The types of each syscall's parameters, one character each, as the
 * kernel's log lines show them: made by the kernel's own
 * kernel/sct/params.awk from the same prototypes (syscall_params.h,
 * syscall_params_ia32.h, syscall_params_x32.h).
 */
static const char *const sct_syscall_params[] = {
#include "syscall_params.h"
};

static const char *const sct_syscall_params_ia32[] = {
#include "syscall_params_ia32.h"
};

static const char *const sct_syscall_params_x32[] = {
#include "syscall_params_x32.h"
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
 * sct_rf_syscall_types() - the types of a syscall's parameters
 * @abi: an SCT_ABI_* value
 * @nr: the number in that ABI's table (for x32, without the x32 bit)
 *
 * Return: one character per parameter, as the kernel's params.awk
 * writes them ("i", "u", "l", "U", "h" numbers; "x", "s", "a"
 * pointers), or NULL for a syscall the kernel has no prototype of.
 */
const char *sct_rf_syscall_types(int abi, int nr)
{
	const char *const *t;
	int count;

	switch (abi) {
	case SCT_ABI_NATIVE:
		t = sct_syscall_params;
		count = ARRAY_SIZE(sct_syscall_params);
		break;
	case SCT_ABI_COMPAT:
		t = sct_syscall_params_ia32;
		count = ARRAY_SIZE(sct_syscall_params_ia32);
		break;
	case SCT_ABI_X32:
		t = sct_syscall_params_x32;
		count = ARRAY_SIZE(sct_syscall_params_x32);
		break;
	default:
		return NULL;
	}
	return nr >= 0 && nr < count ? t[nr] : NULL;
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

/* strace's classes: SCT_CLASS(NAME, MEMBERS), sorted by name. */
struct sct_class {
	const char *name;
	const char *members;
};

#define SCT_CLASS(name, members)	{ name, members },
static const struct sct_class sct_classes[] = {
#include "syscall-classes.h"
};
#undef SCT_CLASS

const char *sct_syscall_class(const char *name)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(sct_classes); i++)
		if (!sct_strcasecmp(sct_classes[i].name, name))
			return sct_classes[i].members;
	return NULL;
}

const char *sct_syscall_class_name(int i)
{
	if (i < 0 || i >= ARRAY_SIZE(sct_classes))
		return NULL;
	return sct_classes[i].name;
}

/* The items of a list being normalised, each allocated. */
struct sct_items {
	char **v;
	size_t n;
	size_t alloc;
};

static int sct_items_add(struct sct_items *it, char *s)
{
	char **v;
	size_t n;

	if (!s)
		return -ENOMEM;
	if (it->n == it->alloc) {
		n = it->alloc ? 2 * it->alloc : 16;
		v = realloc(it->v, n * sizeof(*v));
		if (!v) {
			free(s);
			return -ENOMEM;
		}
		it->v = v;
		it->alloc = n;
	}
	it->v[it->n++] = s;
	return 0;
}

static void sct_items_free(struct sct_items *it)
{
	while (it->n)
		free(it->v[--it->n]);
	free(it->v);
}

/* A class's members, each an item. */
static int sct_items_add_class(struct sct_items *it, const char *members)
{
	const char *p = members, *comma;
	int ret;

	for (;;) {
		comma = strchr(p, ',');
		ret = sct_items_add(it, comma ? strndup(p, comma - p) :
						strdup(p));
		if (ret || !comma)
			return ret;
		p = comma + 1;
	}
}

/*
 * One item, without blanks and not a class, as the kernel reads it back
 * (an allocated string in *out); or a negative errno.
 */
static int sct_list_item(const char *s, char **out)
{
	const char *colon = strchr(s, ':'), *name = colon ? colon + 1 : s;
	const char *own;
	char prefix[16];
	int abi, nr, ret;

	*out = NULL;
	if (colon && !strcmp(name, "*")) {
		if ((size_t)(colon - s) >= sizeof(prefix))
			return -EINVAL;
		memcpy(prefix, s, colon - s);
		prefix[colon - s] = '\0';
		if (sct_abi_number(prefix) < 0)
			return -EINVAL;
	} else if (strcmp(s, "*")) {
		ret = sct_syscall_parse(s, &abi, &nr);
		if (ret)
			return ret;
		if (isdigit((unsigned char)name[0])) {
			/* A number reads back as its name, if it has one. */
			own = sct_syscall_name_abi(abi == SCT_ABI_ALL ?
						   SCT_ABI_NATIVE : abi, nr);
			if (abi == SCT_ABI_ALL)
				ret = own ? asprintf(out, "%s", own) :
					    asprintf(out, "%d", nr);
			else
				ret = own ? asprintf(out, "%s:%s",
						     sct_abi_name(abi), own) :
					    asprintf(out, "%s:%d",
						     sct_abi_name(abi), nr);
			if (ret < 0) {
				*out = NULL;
				return -ENOMEM;
			}
			return 0;
		}
	}
	*out = strdup(s);
	return *out ? 0 : -ENOMEM;
}

static int sct_item_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int sct_syscall_list_normalize(const char *list, char *buf, size_t size,
			       size_t *bad)
{
	struct sct_items it = { 0 };
	const char *p = list, *end, *b, *e, *members;
	char *item, *out;
	size_t i, j, len;
	int ret = 0;

	for (;;) {
		end = strchrnul(p, ',');
		for (b = p; b < end && sct_isspace((unsigned char)*b); b++)
			;
		for (e = end; e > b && sct_isspace((unsigned char)e[-1]); e--)
			;
		if (b == e) {
			ret = -EINVAL;
			goto bad;
		}
		item = strndup(b, e - b);
		if (!item) {
			ret = -ENOMEM;
			goto out;
		}
		if (item[0] == '%') {
			members = sct_syscall_class(item);
			ret = members ? sct_items_add_class(&it, members) :
					-EINVAL;
			free(item);
		} else {
			ret = sct_list_item(item, &out);
			free(item);
			if (!ret)
				ret = sct_items_add(&it, out);
		}
		if (ret)
			goto bad;
		if (!*end)
			break;
		p = end + 1;
	}

	/* "*" alone, or the items sorted and without repeats. */
	for (i = 0; i < it.n && strcmp(it.v[i], "*"); i++)
		;
	if (i < it.n) {
		item = it.v[i];
		it.v[i] = it.v[0];
		it.v[0] = item;
		while (it.n > 1)
			free(it.v[--it.n]);
	}
	qsort(it.v, it.n, sizeof(*it.v), sct_item_cmp);
	for (i = 1, j = 1; i < it.n; i++) {
		if (strcmp(it.v[j - 1], it.v[i])) {
			item = it.v[j];
			it.v[j++] = it.v[i];
			it.v[i] = item;
		}
	}
	for (i = j; i < it.n; i++)
		free(it.v[i]);
	it.n = j;

	for (i = 0, len = 0; i < it.n; i++)
		len += strlen(it.v[i]) + (i ? 1 : 0);
	if (len > SCT_SYSCALL_LIST_MAX) {
		ret = -E2BIG;
		goto out;
	}
	if (size && len >= size) {
		ret = -ENOSPC;
		goto out;
	}
	for (i = 0, j = 0; size && i < it.n; i++)
		j += sprintf(buf + j, "%s%s", i ? "," : "", it.v[i]);
	ret = len;
	goto out;
bad:
	if (bad && (ret == -EINVAL || ret == -ERANGE))
		*bad = b - list;
out:
	sct_items_free(&it);
	return ret;
}

int sct_syscall_list_info(const char *list, int *abi, int *nr)
{
	const char *p = list, *end, *b, *e, *colon;
	char item[64], prefix[16];
	int n = 0, a, first = SCT_ABI_ALL, num = -1;

	*abi = SCT_ABI_ALL;
	*nr = -1;
	if (!*list)
		return 0;
	for (;; p = end + 1) {
		end = strchrnul(p, ',');
		for (b = p; b < end && sct_isspace((unsigned char)*b); b++)
			;
		for (e = end; e > b && sct_isspace((unsigned char)e[-1]); e--)
			;
		snprintf(item, sizeof(item), "%.*s", (int)(e - b), b);
		colon = strchr(item, ':');
		a = SCT_ABI_ALL;
		if (colon && (size_t)(colon - item) < sizeof(prefix)) {
			snprintf(prefix, sizeof(prefix), "%.*s",
				 (int)(colon - item), item);
			a = sct_abi_number(prefix);
			if (a < 0)
				a = SCT_ABI_ALL;
		}
		if (!n++)
			first = a;
		else if (a != first)
			first = SCT_ABI_ALL;
		if (n == 1 && strcmp(item, "*") &&
		    !(colon && !strcmp(colon + 1, "*")))
			sct_syscall_parse(item, &a, &num);
		if (!*end)
			break;
	}
	*abi = first;
	*nr = n == 1 ? num : -1;
	return n;
}
