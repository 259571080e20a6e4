/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the kernel's kernel/sct/format.c needs of the kernel, in user
 * space, so that the host tests build the kernel's own code and compare
 * libsct's lines of call records with it (tests/records-test.c).  The
 * Makefile copies format.c with its includes of <linux/...> and "sct.h"
 * replaced by this header, and its compat_params.h and x32_params.h by
 * libsct's syscall_params_ia32.h and syscall_params_x32.h, which the same
 * params.awk makes.  tests/kshim.c has the functions.
 *
 * The configuration is the test kernel's: x86-64 with ia32 and x32.
 */
#ifndef SCT_KSHIM_H
#define SCT_KSHIM_H

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#include <sct/record.h>

/* The kernel's functions, renamed away from libsct's of the same names. */
#define sct_format		ksct_format
#define sct_format_check	ksct_format_check
#define sct_format_compile	ksct_format_compile
#define sct_format_ops		ksct_format_ops
#define sct_format_string	ksct_format_string
#define sct_syscall_types	ksct_syscall_types
#define sct_syscall_name	ksct_syscall_name
#define sct_abi_name		ksct_abi_name

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s64 s64;

#define CONFIG_X86_64		1
#define CONFIG_X86_X32_ABI	1

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define U16_MAX			0xffff
#define min_t(type, a, b)	((type)(a) < (type)(b) ? (type)(a) : (type)(b))
#define static_assert(e)	_Static_assert(e, #e)
#define BIT(n)			(1UL << (n))
#define array_index_nospec(i, n)	(i)
#define NSEC_PER_SEC		1000000000L
#define NSEC_PER_USEC		1000L

/*
 * The size of the kernel's native tables.  Larger than the real one: the
 * entries past it are NULL, as numbers past the real one are to the
 * kernel.
 */
#define NR_syscalls		1024

/* kernel/sct/sct.h, include/linux/sct.h and kernel/sct/filter.h. */
#define SCT_GATE_BITS		1024
#define SCT_NR_ABIS		3
#define SCT_NR_SLOTS		(SCT_NR_ABIS * SCT_GATE_BITS)
#define SCT_NR_PARAMS		6
#define SCT_FMT_NEED_DATA	BIT(0)
#define SCT_FMT_NEED_RETVAL	BIT(1)

struct sct_fmt_op {
	u16 macro;
	u16 off;
	u16 len;
};

#define SCT_M_TEXT		U16_MAX

static inline unsigned int sct_slot(unsigned int abi, unsigned int nr)
{
	return abi * SCT_GATE_BITS + nr;
}

static inline unsigned int sct_slot_abi(unsigned int slot)
{
	return slot / SCT_GATE_BITS;
}

static inline unsigned int sct_slot_nr(unsigned int slot)
{
	return slot % SCT_GATE_BITS;
}

const char *sct_syscall_types(unsigned int slot);
const char *sct_syscall_name(unsigned int slot);
const char *sct_abi_name(unsigned int abi);
int sct_format_check(const char *fmt, unsigned int *need, unsigned int *pos);
size_t sct_format_string(char *buf, size_t size, const char *s, size_t max,
			 bool truncated);
size_t sct_format(char *buf, size_t size, const char *fmt,
		  const struct sct_record_call *rec, const char *rule);
int sct_format_compile(const char *fmt, struct sct_fmt_op *ops,
		       unsigned int *need, unsigned int *pos);
size_t sct_format_ops(char *buf, size_t size, const char *fmt,
		      const struct sct_fmt_op *ops, unsigned int n,
		      const struct sct_record_call *rec, const char *rule);

/* lib/seq_buf.c and include/linux/seq_buf.h, as they behave. */
struct seq_buf {
	char *buffer;
	size_t size;
	size_t len;
};

void seq_buf_init(struct seq_buf *s, char *buf, unsigned int size);
unsigned int seq_buf_buffer_left(struct seq_buf *s);
void seq_buf_set_overflow(struct seq_buf *s);
const char *seq_buf_str(struct seq_buf *s);
int seq_buf_putc(struct seq_buf *s, unsigned char c);
int seq_buf_puts(struct seq_buf *s, const char *str);
int seq_buf_putmem(struct seq_buf *s, const void *mem, unsigned int len);
/* vsnprintf() with the kernel's %pI4 and %pI6c; no format attribute. */
int seq_buf_printf(struct seq_buf *s, const char *fmt, ...);

int num_to_str(char *buf, int size, unsigned long long num,
	       unsigned int width);
long strscpy(char *dst, const char *src, size_t size);

static inline u64 div_u64_rem(u64 n, u32 d, u32 *rem)
{
	*rem = n % d;
	return n / d;
}

/* The kernel's struct tm, whose tm_year is a long. */
struct ktm {
	int tm_sec;
	int tm_min;
	int tm_hour;
	int tm_mday;
	int tm_mon;
	long tm_year;
	int tm_wday;
	int tm_yday;
};

void time64_to_tm(long long t, int offset, struct ktm *result);

#ifndef SCT_KSHIM_IMPL
#define tm			ktm
#endif

#endif /* SCT_KSHIM_H */
