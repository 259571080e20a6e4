// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel functions that kernel/sct/format.c calls, in user space, for
 * the host tests (see kshim.h): seq_buf as lib/seq_buf.c behaves, with
 * vsnprintf()'s %pI4 and %pI6c as lib/vsprintf.c writes them, and the
 * syscall names of kernel/sct/names.c, from the same tables.
 */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#define SCT_KSHIM_IMPL
#include "kshim.h"

/* ---- kernel/sct/names.c ---- */

static const char *const knames[] = {
#include "syscall_names.h"
};

static const char *const knames_ia32[] = {
#include "syscall_names_ia32.h"
};

static const char *const knames_x32[] = {
#include "syscall_names_x32.h"
};

static const struct {
	const char *const *names;
	unsigned int n;
} ktables[SCT_NR_ABIS] = {
	{ knames, ARRAY_SIZE(knames) },
	{ knames_ia32, ARRAY_SIZE(knames_ia32) },
	{ knames_x32, ARRAY_SIZE(knames_x32) },
};

static const char *const kabi_names[SCT_NR_ABIS] = {
	"x86_64", "ia32", "x32",
};

const char *sct_abi_name(unsigned int abi)
{
	return abi < SCT_NR_ABIS ? kabi_names[abi] : NULL;
}

const char *sct_syscall_name(unsigned int slot)
{
	unsigned int nr = sct_slot_nr(slot), abi = sct_slot_abi(slot);

	if (abi >= SCT_NR_ABIS || nr >= ktables[abi].n)
		return NULL;
	return ktables[abi].names[nr];
}

/* ---- lib/seq_buf.c ---- */

void seq_buf_init(struct seq_buf *s, char *buf, unsigned int size)
{
	s->buffer = buf;
	s->size = size;
	s->len = 0;
}

static bool seq_buf_has_overflowed(struct seq_buf *s)
{
	return s->len > s->size;
}

void seq_buf_set_overflow(struct seq_buf *s)
{
	s->len = s->size + 1;
}

static bool seq_buf_can_fit(struct seq_buf *s, size_t len)
{
	return s->len + len <= s->size;
}

unsigned int seq_buf_buffer_left(struct seq_buf *s)
{
	if (seq_buf_has_overflowed(s))
		return 0;
	return s->size - s->len;
}

const char *seq_buf_str(struct seq_buf *s)
{
	if (seq_buf_buffer_left(s))
		s->buffer[s->len] = 0;
	else
		s->buffer[s->size - 1] = 0;
	return s->buffer;
}

int seq_buf_putc(struct seq_buf *s, unsigned char c)
{
	if (seq_buf_can_fit(s, 1)) {
		s->buffer[s->len++] = c;
		return 0;
	}
	seq_buf_set_overflow(s);
	return -1;
}

int seq_buf_puts(struct seq_buf *s, const char *str)
{
	size_t len = strlen(str) + 1;

	if (seq_buf_can_fit(s, len)) {
		memcpy(s->buffer + s->len, str, len);
		s->len += len - 1;
		return 0;
	}
	seq_buf_set_overflow(s);
	return -1;
}

int seq_buf_putmem(struct seq_buf *s, const void *mem, unsigned int len)
{
	if (seq_buf_can_fit(s, len)) {
		memcpy(s->buffer + s->len, mem, len);
		s->len += len;
		return 0;
	}
	seq_buf_set_overflow(s);
	return -1;
}

/* ---- lib/vsprintf.c ---- */

static const char hex_asc[] = "0123456789abcdef";

static char *ip4_string(char *p, const u8 *addr)
{
	int i;

	for (i = 0; i < 4; i++)
		p += sprintf(p, i < 3 ? "%u." : "%u", addr[i]);
	return p;
}

static char *hex_byte_pack(char *p, u8 byte)
{
	*p++ = hex_asc[byte >> 4];
	*p++ = hex_asc[byte & 0xf];
	return p;
}

/* ip6_compressed_string(), as lib/vsprintf.c has it. */
static char *ip6_compressed_string(char *p, const char *addr)
{
	int i, j, range;
	unsigned char zerolength[8];
	int longest = 1;
	int colonpos = -1;
	u16 word;
	u8 hi, lo;
	bool needcolon = false;
	bool useIPv4;
	struct in6_addr in6;
	u16 w16[8];
	u32 w32[4];

	memcpy(&in6, addr, sizeof(struct in6_addr));
	memcpy(w16, &in6, sizeof(w16));
	memcpy(w32, &in6, sizeof(w32));

	/* ipv6_addr_v4mapped() || ipv6_addr_is_isatap() */
	useIPv4 = ((w32[0] | w32[1] | (w32[2] ^ htonl(0x0000ffff))) == 0) ||
		  ((w32[2] | htonl(0x02000000)) == htonl(0x02005EFE));

	memset(zerolength, 0, sizeof(zerolength));

	if (useIPv4)
		range = 6;
	else
		range = 8;

	/* find position of longest 0 run */
	for (i = 0; i < range; i++) {
		for (j = i; j < range; j++) {
			if (w16[j] != 0)
				break;
			zerolength[i]++;
		}
	}
	for (i = 0; i < range; i++) {
		if (zerolength[i] > longest) {
			longest = zerolength[i];
			colonpos = i;
		}
	}
	if (longest == 1)		/* don't compress a single 0 */
		colonpos = -1;

	/* emit address */
	for (i = 0; i < range; i++) {
		if (i == colonpos) {
			if (needcolon || i == 0)
				*p++ = ':';
			*p++ = ':';
			needcolon = false;
			i += longest - 1;
			continue;
		}
		if (needcolon) {
			*p++ = ':';
			needcolon = false;
		}
		/* hex u16 without leading 0s */
		word = ntohs(w16[i]);
		hi = word >> 8;
		lo = word & 0xff;
		if (hi) {
			if (hi > 0x0f)
				p = hex_byte_pack(p, hi);
			else
				*p++ = hex_asc[hi & 0xf];
			p = hex_byte_pack(p, lo);
		} else if (lo > 0x0f) {
			p = hex_byte_pack(p, lo);
		} else {
			*p++ = hex_asc[lo & 0xf];
		}
		needcolon = true;
	}

	if (useIPv4) {
		if (needcolon)
			*p++ = ':';
		p = ip4_string(p, &in6.s6_addr[12]);
	}
	*p = '\0';

	return p;
}

/*
 * The conversions format.c uses: the C library's, one at a time, but
 * for %pI4 and %pI6c.
 */
static int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	char out[512], spec[32], *p = out;
	const char *s = fmt, *start;
	size_t n, left;
	int len, longs;

	while (*s && p < out + sizeof(out) - 64) {
		if (*s != '%') {
			*p++ = *s++;
			continue;
		}
		if (!strncmp(s, "%pI4", 4)) {
			p = ip4_string(p, va_arg(ap, const u8 *));
			s += 4;
			continue;
		}
		if (!strncmp(s, "%pI6c", 5)) {
			p = ip6_compressed_string(p, va_arg(ap, const char *));
			s += 5;
			continue;
		}
		if (s[1] == '%') {
			*p++ = '%';
			s += 2;
			continue;
		}
		start = s++;
		while (*s && strchr("0123456789-+ #.", *s))
			s++;
		for (longs = 0; *s == 'l'; s++)
			longs++;
		n = s + 1 - start;
		if (!*s || n >= sizeof(spec))
			return -1;
		memcpy(spec, start, n);
		spec[n] = '\0';
		left = out + sizeof(out) - p;
		switch (*s++) {
		case 'd':
		case 'i':
			len = longs == 2 ? snprintf(p, left, spec, va_arg(ap, long long)) :
			      longs == 1 ? snprintf(p, left, spec, va_arg(ap, long)) :
			      snprintf(p, left, spec, va_arg(ap, int));
			break;
		case 'u':
		case 'o':
		case 'x':
		case 'X':
			len = longs == 2 ? snprintf(p, left, spec, va_arg(ap, unsigned long long)) :
			      longs == 1 ? snprintf(p, left, spec, va_arg(ap, unsigned long)) :
			      snprintf(p, left, spec, va_arg(ap, unsigned int));
			break;
		case 's':
			len = snprintf(p, left, spec, va_arg(ap, const char *));
			break;
		default:
			return -1;
		}
		if (len < 0 || (size_t)len >= left)
			return -1;
		p += len;
	}
	*p = '\0';
	len = p - out;
	/* vsnprintf(): as much as fits with its NUL; the whole length. */
	if (size) {
		n = (size_t)len < size ? (size_t)len : size - 1;
		memcpy(buf, out, n);
		buf[n] = '\0';
	}
	return len;
}

int seq_buf_printf(struct seq_buf *s, const char *fmt, ...)
{
	va_list ap;
	int len;

	if (s->len < s->size) {
		va_start(ap, fmt);
		len = kvsnprintf(s->buffer + s->len, s->size - s->len, fmt, ap);
		va_end(ap);
		if (len >= 0 && s->len + len < s->size) {
			s->len += len;
			return 0;
		}
	}
	seq_buf_set_overflow(s);
	return -1;
}

/* ---- The rest. ---- */

int num_to_str(char *buf, int size, unsigned long long num,
	       unsigned int width)
{
	char tmp[24];
	int len = snprintf(tmp, sizeof(tmp), "%*llu", (int)width, num);

	if (len > size)
		return 0;
	memcpy(buf, tmp, len);
	return len;
}

long strscpy(char *dst, const char *src, size_t size)
{
	size_t len = strnlen(src, size);

	if (!size)
		return -E2BIG;
	if (len == size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dst, src, len + 1);
	return len;
}

void time64_to_tm(long long t, int offset, struct ktm *result)
{
	time_t sec = t + offset;
	struct tm tm;

	gmtime_r(&sec, &tm);
	result->tm_sec = tm.tm_sec;
	result->tm_min = tm.tm_min;
	result->tm_hour = tm.tm_hour;
	result->tm_mday = tm.tm_mday;
	result->tm_mon = tm.tm_mon;
	result->tm_year = tm.tm_year;
	result->tm_wday = tm.tm_wday;
	result->tm_yday = tm.tm_yday;
}
