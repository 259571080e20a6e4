// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the lines of call records and of the streams of traces,
 * part of the host test program (rules-test.c prints the plan):
 *
 *   - sct_record_call_text() against lines written out by hand, and
 *     against the kernel's own kernel/sct/format.c, built for the host
 *     (tests/kshim.h), on the same lines and on 20000 random records:
 *     every parameter type and data kind, strings of any bytes, socket
 *     addresses of every length and family, unknown ABIs and numbers,
 *     lines the kernel cuts;
 *   - the types of parameters, as the kernel's KUnit test has them;
 *   - sct_trace_set_buffer_size(), sct_trace_set_overflow(),
 *     sct_trace_lost() and sct_rule_id() on a directory that stands for
 *     configfs (SCT_PATH_CONFIGFS), with the attributes an older kernel lacks;
 *   - sct_log_open_trace() on a file of records that stands for the
 *     device (SCT_PATH_RECORDS), with this program's ioctl() standing for the
 *     kernel's SCT_IOC_TRACE, its errors, and SCT_LOG_NEW.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <netinet/in.h>
#include <unistd.h>

#include "rules-internal.h"
#include "tests.h"

/* kernel/sct/format.c, built for the host; kshim.h renames its functions. */
size_t ksct_format(char *buf, size_t size, const char *fmt,
		   const struct sct_record_call *rec, const char *rule);
/* kernel/sct/sct.h's */
struct ksct_fmt_op {
	uint16_t macro;
	uint16_t off;
	uint16_t len;
};
int ksct_format_compile(const char *fmt, struct ksct_fmt_op *ops,
			unsigned int *need, unsigned int *pos);
size_t ksct_format_ops(char *buf, size_t size, const char *fmt,
		       const struct ksct_fmt_op *ops, unsigned int n,
		       const struct sct_record_call *rec, const char *rule);
const char *ksct_syscall_types(unsigned int slot);

/* The kernel's default formats, from kernel/sct/log.c (see the Makefile). */
#include "kdefault.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* A call record with room for data after its fixed part. */
struct trec {
	struct sct_record_call call;
	char data[4096];
};

/* A record of @nr in @abi by "rm" (100/101), as the kernel's test has it. */
static struct sct_record_call *trec_init(struct trec *r, int abi, int nr)
{
	memset(r, 0, sizeof(*r));
	r->call.hdr.size = sizeof(r->call);
	r->call.hdr.version = SCT_RECORD_VERSION;
	r->call.hdr.type = SCT_RECORD_CALL;
	r->call.hdr.seq = 42;
	r->call.time_ns = 1795459205123456789ULL;
	r->call.rule_id = 7;
	r->call.nr = nr;
	r->call.abi = abi;
	r->call.cpu = 1;
	r->call.pid = 100;
	r->call.tid = 101;
	r->call.ppid = 1;
	r->call.uid = 1000;
	r->call.suid = 2;
	strcpy(r->call.comm, "rm");
	return &r->call;
}

/* Append @len bytes to the record, padded to 8, as data item @d. */
static void trec_add(struct trec *r, struct sct_record_data *d, int kind,
		     const void *data, unsigned int len)
{
	unsigned int off = r->call.hdr.size;

	d->off = off;
	d->len = len;
	d->kind = kind;
	memcpy((char *)r + off, data, len);
	r->call.hdr.size = off + (len + 7) / 8 * 8;
}

static void trec_param(struct trec *r, int i, int kind, const void *data,
		       unsigned int len)
{
	trec_add(r, &r->call.param[i], kind, data, len);
}

static void trec_string(struct trec *r, int i, const char *s)
{
	trec_param(r, i, SCT_DATA_STRING, s, strlen(s) + 1);
}

/* Lines where the kernel's compiled format and its parsing one differ. */
static unsigned int compiled_differ;

/*
 * The kernel's line of @rec, with the name it would give @rule: with the
 * format compiled, as its readers use it, and the same as with the format
 * parsed on the way.
 */
static size_t kernel_line(char *buf, size_t size,
			  const struct sct_record_call *rec, const char *rule)
{
	const char *fmt = rec->when == SCT_WHEN_AFTER ? SCT_LOG_DEFAULT_AFTER :
							SCT_LOG_DEFAULT_BEFORE;
	struct ksct_fmt_op ops[64];
	char id[24], *other;
	unsigned int need, pos;
	size_t len;
	int n;

	if (!rule)
		rule = sct_record_data(rec, &rec->rule);
	if (!rule) {
		snprintf(id, sizeof(id), "%llu",
			 (unsigned long long)rec->rule_id);
		rule = id;
	}
	n = ksct_format_compile(fmt, NULL, &need, &pos);
	if (n < 0 || n > (int)ARRAY_SIZE(ops))
		abort();
	ksct_format_compile(fmt, ops, &need, &pos);
	len = ksct_format_ops(buf, size, fmt, ops, n, rec, rule);
	other = malloc(size);
	if (!other)
		abort();
	memcpy(other, buf, size);
	if (ksct_format(other, size, fmt, rec, rule) != len ||
	    strcmp(other, buf))
		compiled_differ++;
	free(other);
	return len;
}

/* Check a record's line, exactly: libsct's, and the kernel's. */
static void check_line(const struct sct_record_call *rec, const char *rule,
		       const char *want, const char *what)
{
	char line[SCT_RECORD_TEXT_MAX], kline[SCT_RECORD_TEXT_MAX];
	size_t klen;
	int ret;

	ret = sct_record_call_text(line, sizeof(line), rec, rule);
	if (ret < 0)
		snprintf(line, sizeof(line), "(error %d)", ret);
	klen = kernel_line(kline, sizeof(kline), rec, rule);
	if (!ok(ret == (int)strlen(want) && !strcmp(line, want) &&
		klen == strlen(want) && !strcmp(kline, want),
		"call line: %s", what)) {
		diag("want", want);
		diag("libsct", line);
		diag("kernel", kline);
	}
}

static void test_lines(void)
{
	static const char odd[] = "a\"b\\c\n\t\x1b\x7f\v\f\r\x80\xff";
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(80),
		.sin_addr.s_addr = htonl(0x7f000001),
	};
	static const struct {
		const char *addr;	/* 16 bytes */
		const char *text;
	} six[] = {
		{ "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1", "::1" },
		{ "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", "::" },
		{ "\0\0\0\0\0\0\0\0\0\0\xff\xff\1\2\3\4", "::ffff:1.2.3.4" },
		/* IPv4-compatible: not dotted, unlike inet_ntop(). */
		{ "\0\0\0\0\0\0\0\0\0\0\0\0\1\2\3\4", "::102:304" },
		{ "\xfe\x80\0\0\0\0\0\0\0\0\x5e\xfe\x0a\0\0\1", "fe80::5efe:10.0.0.1" },
		{ "\xfe\x80\0\0\0\0\0\0\2\0\x5e\xfe\x0a\0\0\1", "fe80::200:5efe:10.0.0.1" },
		{ "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\1", "2001:db8::1" },
		{ "\0\1\0\0\0\0\0\1\0\0\0\0\0\0\0\1", "1:0:0:1::1" },
		{ "\0\1\0\0\0\0\0\1\0\0\0\0\0\1\0\1", "1::1:0:0:1:1" },
		{ "\0\1\0\0\0\1\0\0\0\1\0\0\0\1\0\0", "1:0:1:0:1:0:1:0" },
		{ "\x01\x00\x00\x10\x0a\xbc\0\0\0\0\0\0\0\0\xff\xff", "100:10:abc::ffff" },
	};
	struct sockaddr_in6 sin6 = {
		.sin6_family = AF_INET6,
		.sin6_port = htons(8080),
	};
	struct sct_record_call *rec;
	char want[256], big[300];
	struct trec r;
	uint16_t family;
	size_t i;

	/* The seed's unlink, and the forms of %ruleid. */
	rec = trec_init(&r, SCT_ABI_NATIVE, 87);
	rec->args[0] = 0x7ffc1000;
	trec_string(&r, 0, "./dummy");
	check_line(rec, "r1", "r1 \"rm\"[100] uid=1000 unlink(\"./dummy\")",
		   "unlink, the rule named");
	check_line(rec, NULL, "7 \"rm\"[100] uid=1000 unlink(\"./dummy\")",
		   "a record of a stream, without a name: the rule's id");
	trec_add(&r, &rec->rule, SCT_DATA_NONE, "own", 4);
	check_line(rec, NULL, "own \"rm\"[100] uid=1000 unlink(\"./dummy\")",
		   "a record with its rule's name: that name");
	check_line(rec, "r1", "r1 \"rm\"[100] uid=1000 unlink(\"./dummy\")",
		   "a name given wins over the record's");

	/* After: " = %retval". */
	rec = trec_init(&r, SCT_ABI_NATIVE, 263);
	rec->when = SCT_WHEN_AFTER;
	rec->retval = -2;
	rec->args[0] = (uint64_t)-100;
	trec_string(&r, 1, "f");
	check_line(rec, "r2",
		   "r2 \"rm\"[100] uid=1000 unlinkat(-100, \"f\", 0) = -2",
		   "an after rule's line ends in \" = %retval\"");
	rec->retval = 0x7fffffffffffffffLL;
	check_line(rec, "r2",
		   "r2 \"rm\"[100] uid=1000 unlinkat(-100, \"f\", 0) = 9223372036854775807",
		   "a large return value");

	/* Types: openat(AT_FDCWD, "f", flags, mode), write(1, NULL, 3). */
	rec = trec_init(&r, SCT_ABI_NATIVE, 257);
	rec->args[0] = (uint64_t)-100;
	rec->args[2] = 0x241;
	rec->args[3] = 0x10000 | 0644;
	trec_string(&r, 1, "f");
	check_line(rec, "o",
		   "o \"rm\"[100] uid=1000 openat(-100, \"f\", 577, 420)",
		   "openat: an int, a string, an unsigned int, a 16-bit mode");
	rec = trec_init(&r, SCT_ABI_NATIVE, 1);
	rec->args[0] = 1;
	rec->args[2] = 3;
	check_line(rec, "w", "w \"rm\"[100] uid=1000 write(1, NULL, 3)",
		   "write: a buffer is a pointer, NULL for 0");
	rec->args[1] = 0x7ffd0000abcdULL;
	rec->args[2] = (uint64_t)-1;
	check_line(rec, "w",
		   "w \"rm\"[100] uid=1000 write(1, 0x7ffd0000abcd, 18446744073709551615)",
		   "write: a pointer in hex, a size_t unsigned");
	rec = trec_init(&r, SCT_ABI_NATIVE, 62);
	rec->args[0] = 0xffffffffULL;
	rec->args[1] = 9;
	check_line(rec, "k", "k \"rm\"[100] uid=1000 kill(-1, 9)",
		   "kill: an int is the low 32 bits, signed");
	rec = trec_init(&r, SCT_ABI_NATIVE, 8);
	rec->args[0] = 3;
	rec->args[1] = (uint64_t)-5;
	check_line(rec, "l", "l \"rm\"[100] uid=1000 lseek(3, -5, 0)",
		   "lseek: an off_t is a long");
	rec = trec_init(&r, SCT_ABI_NATIVE, 39);
	rec->args[0] = 5;
	check_line(rec, "g", "g \"rm\"[100] uid=1000 getpid()",
		   "getpid: no parameters");

	/* Other ABIs: names and types from their tables. */
	rec = trec_init(&r, SCT_ABI_COMPAT, 213);
	rec->args[0] = 1000;
	check_line(rec, "s", "s \"rm\"[100] uid=1000 setuid32(1000)",
		   "ia32 213 is setuid32");
	rec = trec_init(&r, SCT_ABI_COMPAT, 23);
	rec->args[0] = 0x1ffff;
	check_line(rec, "s", "s \"rm\"[100] uid=1000 setuid(65535)",
		   "ia32 23, the 16-bit setuid");
	rec = trec_init(&r, SCT_ABI_COMPAT, 10);
	trec_string(&r, 0, "/etc/passwd");
	check_line(rec, "s", "s \"rm\"[100] uid=1000 unlink(\"/etc/passwd\")",
		   "ia32 unlink");
	rec = trec_init(&r, SCT_ABI_X32, 87);
	trec_string(&r, 0, "x");
	check_line(rec, "x", "x \"rm\"[100] uid=1000 unlink(\"x\")",
		   "x32 unlink");

	/* Numbers without a name, or without a slot; unknown ABIs. */
	rec = trec_init(&r, SCT_ABI_NATIVE, 10000);
	rec->args[5] = 0xff;
	check_line(rec, "n",
		   "n \"rm\"[100] uid=1000 syscall_10000(NULL, NULL, NULL, NULL, NULL, 0xff)",
		   "a number without a name: six pointers");
	rec = trec_init(&r, 9, 39);
	rec->args[0] = 1;
	check_line(rec, "n",
		   "n \"rm\"[100] uid=1000 syscall_39(0x1, NULL, NULL, NULL, NULL, NULL)",
		   "an ABI the kernel does not have: no name, six pointers");
	rec = trec_init(&r, SCT_ABI_NATIVE, -1);
	check_line(rec, "n",
		   "n \"rm\"[100] uid=1000 syscall_-1(NULL, NULL, NULL, NULL, NULL, NULL)",
		   "a negative number");
	rec = trec_init(&r, SCT_ABI_X32, 0x40000000 | 87);
	check_line(rec, "n",
		   "n \"rm\"[100] uid=1000 syscall_1073741911(NULL, NULL, NULL, NULL, NULL, NULL)",
		   "an x32 number with bit 30 is no slot of the kernel's");
	rec = trec_init(&r, SCT_ABI_NATIVE, 1023);
	check_line(rec, "n",
		   "n \"rm\"[100] uid=1000 syscall_1023(NULL, NULL, NULL, NULL, NULL, NULL)",
		   "the last slot, without a name");

	/* Strings: escapes, truncated, unread, past the record's end. */
	rec = trec_init(&r, SCT_ABI_NATIVE, 87);
	trec_param(&r, 0, SCT_DATA_STRING, odd, sizeof(odd));
	check_line(rec, "e",
		   "e \"rm\"[100] uid=1000 unlink(\"a\\\"b\\\\c\\n\\t\\033\\177\\v\\f\\r\\200\\377\")",
		   "a string escaped as strace does");
	rec = trec_init(&r, SCT_ABI_NATIVE, 87);
	trec_param(&r, 0, SCT_DATA_STRING_TRUNC, "abc", 4);
	check_line(rec, "e", "e \"rm\"[100] uid=1000 unlink(\"abc\"...)",
		   "a string the kernel cut: \"...\" after it");
	rec = trec_init(&r, SCT_ABI_NATIVE, 87);
	rec->args[0] = 0x1234;
	rec->param[0].kind = SCT_DATA_FAULT;
	check_line(rec, "e", "e \"rm\"[100] uid=1000 unlink(0x1234)",
		   "a string that could not be read: the pointer");
	rec = trec_init(&r, SCT_ABI_NATIVE, 87);
	rec->args[0] = 0x10;
	trec_string(&r, 0, "abcdefg");
	rec->param[0].len = 9;
	check_line(rec, "e", "e \"rm\"[100] uid=1000 unlink(0x10)",
		   "data past the record's end is not read");
	rec->param[0].len = 3;
	check_line(rec, "e", "e \"rm\"[100] uid=1000 unlink(\"abc\")",
		   "a string without its NUL: its bytes, as the kernel shows them");
	rec->param[0].kind = SCT_DATA_NONE;
	check_line(rec, "e", "e \"rm\"[100] uid=1000 unlink(0x10)",
		   "data of kind none: the raw argument");
	rec = trec_init(&r, SCT_ABI_NATIVE, 87);
	memcpy(rec->comm, "0123456789abcdef", 16);
	check_line(rec, "c",
		   "c \"0123456789abcdef\"[100] uid=1000 unlink(NULL)",
		   "a command name of 16 bytes without a NUL");
	strcpy(rec->comm, "a b\"\\\001");
	rec->pid = -3;
	rec->uid = 4294967295U;
	check_line(rec, "c",
		   "c \"a b\\\"\\\\\\001\"[-3] uid=4294967295 unlink(NULL)",
		   "a command name escaped; %pid signed, %uid unsigned");

	/* Socket addresses: connect(fd, addr, len). */
	rec = trec_init(&r, SCT_ABI_NATIVE, 42);
	rec->args[0] = 3;
	rec->args[2] = sizeof(sin);
	trec_param(&r, 1, SCT_DATA_SOCKADDR, &sin, sizeof(sin));
	check_line(rec, "c",
		   "c \"rm\"[100] uid=1000 connect(3, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"127.0.0.1\")}, 16)",
		   "an IPv4 address");
	for (i = 0; i < ARRAY_SIZE(six); i++) {
		rec = trec_init(&r, SCT_ABI_NATIVE, 42);
		rec->args[0] = 3;
		rec->args[2] = sizeof(sin6);
		memcpy(&sin6.sin6_addr, six[i].addr, 16);
		trec_param(&r, 1, SCT_DATA_SOCKADDR, &sin6, sizeof(sin6));
		snprintf(want, sizeof(want),
			 "c \"rm\"[100] uid=1000 connect(3, {sa_family=AF_INET6, sin6_port=htons(8080), sin6_addr=\"%s\"}, 28)",
			 six[i].text);
		snprintf(big, sizeof(big), "IPv6 %s, as %%pI6c writes it",
			 six[i].text);
		check_line(rec, "c", want, big);
	}
	rec = trec_init(&r, SCT_ABI_NATIVE, 42);
	rec->args[0] = 3;
	trec_param(&r, 1, SCT_DATA_SOCKADDR, &sin6, 24);
	check_line(rec, "c",
		   "c \"rm\"[100] uid=1000 connect(3, {sa_family=AF_INET6, sin6_port=htons(8080), sin6_addr=\"100:10:abc::ffff\"}, 0)",
		   "an IPv6 address without its scope id");
	rec = trec_init(&r, SCT_ABI_NATIVE, 42);
	trec_param(&r, 1, SCT_DATA_SOCKADDR, &sin6, 23);
	check_line(rec, "c",
		   "c \"rm\"[100] uid=1000 connect(0, {sa_family=10}, 0)",
		   "an IPv6 address cut short: its family");
	rec = trec_init(&r, SCT_ABI_NATIVE, 42);
	trec_param(&r, 1, SCT_DATA_SOCKADDR, &sin, 15);
	check_line(rec, "c",
		   "c \"rm\"[100] uid=1000 connect(0, {sa_family=2}, 0)",
		   "an IPv4 address cut short: its family");
	rec = trec_init(&r, SCT_ABI_NATIVE, 42);
	family = AF_UNIX;
	trec_param(&r, 1, SCT_DATA_SOCKADDR, &family, 2);
	check_line(rec, "c", "c \"rm\"[100] uid=1000 connect(0, {sa_family=1}, 0)",
		   "another family: its number");
	rec = trec_init(&r, SCT_ABI_NATIVE, 42);
	trec_param(&r, 1, SCT_DATA_SOCKADDR, &family, 1);
	check_line(rec, "c", "c \"rm\"[100] uid=1000 connect(0, , 0)",
		   "a socket address of one byte: nothing, as the kernel");
}

/* Lines longer than the kernel's buffer, and buffers too small. */
static void test_long_lines(void)
{
	char line[SCT_RECORD_TEXT_MAX], small[16], want[4096], s[256];
	struct sct_record_call *rec;
	struct trec r;
	size_t n;
	int i, ret, ret2;

	/* rename(2) with two strings of 255 bytes, each shown as 1022. */
	rec = trec_init(&r, SCT_ABI_NATIVE, 82);
	memset(s, 1, 255);
	s[255] = '\0';
	trec_string(&r, 0, s);
	trec_string(&r, 1, s);
	n = snprintf(want, sizeof(want), "r \"rm\"[100] uid=1000 rename(\"");
	for (i = 0; i < 255; i++)
		n += snprintf(want + n, sizeof(want) - n, "\\001");
	n += snprintf(want + n, sizeof(want) - n, "\", \"");
	for (i = 0; i < 255; i++)
		n += snprintf(want + n, sizeof(want) - n, "\\001");
	snprintf(want + n, sizeof(want) - n, "\")");
	ok(strlen(want) >= SCT_RECORD_TEXT_MAX, "a line of %zu bytes",
	   strlen(want));
	strcpy(want + SCT_RECORD_TEXT_MAX - 4, "...");
	ret = sct_record_call_text(line, sizeof(line), rec, "r");
	if (!ok(ret == SCT_RECORD_TEXT_MAX - 1 && !strcmp(line, want),
		"a line longer than the kernel's buffer is cut to its 2047 bytes, ending in \"...\" (%d)",
		ret))
		diag("libsct", line);
	check_line(rec, "r", want, "the kernel cuts it the same way");

	/* 2047 bytes fit the kernel's buffer with the NUL; 2048 do not. */
	rec = trec_init(&r, SCT_ABI_NATIVE, 82);
	trec_string(&r, 0, s);
	n = strlen("r \"rm\"[100] uid=1000 rename(\"\", \"\")") + 4 * 255;
	memset(s, 1, (2047 - n) / 4);
	memset(s + (2047 - n) / 4, 'a', (2047 - n) % 4);
	s[(2047 - n) / 4 + (2047 - n) % 4] = '\0';
	trec_string(&r, 1, s);
	ret = sct_record_call_text(line, sizeof(line), rec, "r");
	ok(ret == 2047 && !strcmp(line + 2045, "\")"),
	   "a line of 2047 bytes is whole (%d)", ret);
	strcpy(want, line);
	check_line(rec, "r", want, "the kernel's line of 2047 bytes");
	rec = trec_init(&r, SCT_ABI_NATIVE, 82);
	memset(s, 1, 255);
	trec_string(&r, 0, s);
	memset(s, 1, (2047 - n) / 4);
	memset(s + (2047 - n) / 4, 'a', (2047 - n) % 4 + 1);
	s[(2047 - n) / 4 + (2047 - n) % 4 + 1] = '\0';
	trec_string(&r, 1, s);
	strcpy(want + 2044, "...");
	check_line(rec, "r", want, "a line of 2048 bytes is cut, by both");

	rec = trec_init(&r, SCT_ABI_NATIVE, 87);
	n = strlen("r \"rm\"[100] uid=1000 unlink(\"\")");
	for (i = 0; i < 255; i++)
		s[i] = i < 64 ? '\001' : 'a';
	s[255] = '\0';
	/* 64 * 4 + 191 = 447 bytes for the string. */
	trec_string(&r, 0, s);
	ret = sct_record_call_text(NULL, 0, rec, "r");
	ok(ret == (int)(n + 447), "size 0: the length alone (%d)", ret);

	ret = sct_record_call_text(small, sizeof(small), rec, "r");
	ret2 = sct_record_call_text(line, ret + 1, rec, "r");
	ok(ret == -ENOSPC && !strcmp(small, "r \"rm\"[100] uid") &&
	   ret2 == (int)(n + 447),
	   "a buffer too small: -ENOSPC and the start; one that fits exactly (%d, %d)",
	   ret, ret2);

	rec->hdr.size = offsetof(struct sct_record_call, call_id) - 8;
	ret = sct_record_call_text(line, sizeof(line), rec, "r");
	ok(ret == -EPROTO, "a record shorter than its fields: -EPROTO (%d)",
	   ret);
	rec->hdr.size = offsetof(struct sct_record_call, call_id);
	ret = sct_record_call_text(line, sizeof(line), rec, "r");
	ok(ret > 0, "a record of version 2, without a call id, has its line (%d)",
	   ret);
}

/* ---- Random records, against the kernel's format.c. ---- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static unsigned int pick(unsigned int n)
{
	return rng() % n;
}

/* A number as arguments often are: small, negative, a pointer, any. */
static uint64_t rand_arg(void)
{
	switch (pick(5)) {
	case 0:
		return 0;
	case 1:
		return pick(1000);
	case 2:
		return -(uint64_t)pick(5000);
	case 3:
		return 0x7ff000000000ULL + pick(1 << 30);
	}
	return rng();
}

/* Bytes that strings are made of: plain ones, and all the others. */
static void rand_bytes(char *s, size_t n)
{
	static const char some[] = "a/\"\\\n\t\r\v\f\033\177 %";
	size_t i;

	for (i = 0; i < n; i++) {
		switch (pick(4)) {
		case 0:
			s[i] = some[pick(sizeof(some) - 1)];
			break;
		case 1:
			s[i] = 1 + pick(255);
			break;
		default:
			s[i] = 'a' + pick(26);
		}
	}
}

/* An IPv6 address with runs of zeros, maybe v4-mapped or ISATAP. */
static void rand_in6(unsigned char *a)
{
	int i;

	for (i = 0; i < 16; i += 2) {
		a[i] = pick(3) ? 0 : pick(3) ? pick(256) : pick(16);
		a[i + 1] = pick(3) ? 0 : pick(256);
	}
	switch (pick(6)) {
	case 0:
		memset(a, 0, 10);
		a[10] = a[11] = 0xff;
		break;
	case 1:
		a[8] = pick(2) ? 2 : 0;
		a[9] = 0;
		a[10] = 0x5e;
		a[11] = 0xfe;
		break;
	case 2:
		memset(a, 0, 12);
		break;
	}
}

static void rand_record(struct trec *r, char *rule, size_t rule_size)
{
	static const int abis[] = { 0, 0, 0, 1, 1, 2, 3, 255 };
	struct sct_record_call *rec;
	struct sockaddr_in6 sa;
	char s[300];
	int i, nr;
	size_t n, j;

	switch (pick(6)) {
	case 0:
		nr = pick(1100);
		break;
	case 1:
		nr = (int)rng();
		break;
	default:
		nr = pick(470);
	}
	rec = trec_init(r, abis[pick(ARRAY_SIZE(abis))], nr);
	if (rec->abi == SCT_ABI_X32 && pick(2))
		rec->nr = 512 + pick(40);
	rec->when = pick(2);
	rec->retval = rand_arg();
	rec->pid = rng();
	rec->uid = pick(2) ? rng() : pick(2000);
	rec->rule_id = pick(2) ? pick(100) : rng();
	rand_bytes(rec->comm, sizeof(rec->comm));
	if (pick(2))
		rec->comm[pick(sizeof(rec->comm))] = '\0';
	for (i = 0; i < 6; i++) {
		rec->args[i] = rand_arg();
		switch (pick(8)) {
		case 0:
		case 1:
			n = pick(4) ? pick(40) : pick(256);
			rand_bytes(s, n);
			s[n] = '\0';
			trec_param(r, i, pick(3) ? SCT_DATA_STRING :
					 SCT_DATA_STRING_TRUNC, s, n + 1);
			break;
		case 2:
			memset(&sa, 0, sizeof(sa));
			sa.sin6_family = pick(3) ? AF_INET6 :
					 pick(2) ? AF_INET : pick(50);
			sa.sin6_port = rng();
			rand_in6((unsigned char *)&sa.sin6_addr);
			n = sa.sin6_family == AF_INET ? 16 : 28;
			trec_param(r, i, SCT_DATA_SOCKADDR, &sa,
				   pick(3) ? n : pick(29));
			break;
		case 3:
			rec->param[i].kind = SCT_DATA_FAULT;
			break;
		case 4:
			/*
			 * Data the kernel would not give: other kinds (every
			 * one to SCT_DATA_STRV_TRUNC, 8, and one more), off.
			 */
			rand_bytes(s, 16);
			trec_param(r, i, pick(10), s, 1 + pick(16));
			/* 8-aligned, as the kernel's: format.c needs it. */
			if (!pick(4))
				rec->param[i].off = pick(r->call.hdr.size) & ~7;
			if (!pick(4))
				rec->param[i].len += pick(64);
			break;
		}
	}
	/* Now and then, strings that make a line longer than the kernel's. */
	if (!pick(8)) {
		for (i = 0; i < 6; i++) {
			n = 150 + pick(106);
			rand_bytes(s, n);
			for (j = 0; j < n; j++)
				if (pick(3))
					s[j] = 1 + pick(31);
			s[n] = '\0';
			rec->param[i] = (struct sct_record_data){};
			trec_param(r, i, SCT_DATA_STRING, s, n + 1);
		}
	}
	rule[0] = '\0';
	switch (pick(3)) {
	case 0:
		snprintf(rule, rule_size, "rule_%u", pick(1000));
		break;
	case 1:
		trec_add(r, &rec->rule, SCT_DATA_NONE, "carried", 8);
		break;
	}
}

static void test_random_lines(void)
{
	char line[SCT_RECORD_TEXT_MAX], kline[SCT_RECORD_TEXT_MAX], rule[64];
	unsigned int runs = 20000, bad = 0, cut = 0, i;
	struct trec r;
	size_t klen;
	int ret;

	for (i = 0; i < runs; i++) {
		rand_record(&r, rule, sizeof(rule));
		ret = sct_record_call_text(line, sizeof(line), &r.call,
					   rule[0] ? rule : NULL);
		/* Bytes the kernel did not write stay 1, never in a line. */
		memset(kline, 1, sizeof(kline));
		klen = kernel_line(kline, sizeof(kline), &r.call,
				   rule[0] ? rule : NULL);
		if (klen == sizeof(kline) - 1)
			cut++;
		/* A cut line is its start, then "...": no byte left as it was. */
		if (ret == (int)klen && !strcmp(line, kline) &&
		    !memchr(kline, 1, klen))
			continue;
		if (bad++ < 3) {
			printf("# record %u: libsct %d, kernel %zu\n", i, ret,
			       klen);
			diag("libsct", line);
			diag("kernel", kline);
		}
	}
	ok(!bad, "%u random records: libsct's line is the kernel's (%u cut)",
	   runs, cut);
	ok(!compiled_differ,
	   "the kernel's compiled formats make the lines its parsing makes (%u differ)",
	   compiled_differ);
}

/* The types of parameters, as the kernel's KUnit test (format_test.c). */
static void test_types(void)
{
	static const struct {
		int abi, nr;
		const char *types;
	} want[] = {
		{ SCT_ABI_NATIVE, 62, "ii" },		/* kill */
		{ SCT_ABI_NATIVE, 105, "u" },		/* setuid */
		{ SCT_ABI_NATIVE, 90, "sh" },		/* chmod: umode_t */
		{ SCT_ABI_NATIVE, 125, "xx" },		/* capget */
		{ SCT_ABI_NATIVE, 263, "isi" },		/* unlinkat */
		{ SCT_ABI_NATIVE, 56, "UUxxU" },	/* clone */
		{ SCT_ABI_NATIVE, 9, "UUUUUU" },	/* mmap, in arch code */
		{ SCT_ABI_NATIVE, 172, "u" },		/* iopl, in arch code */
		{ SCT_ABI_NATIVE, 334, "xuiu" },	/* rseq */
		{ SCT_ABI_NATIVE, 39, "" },		/* getpid */
		{ SCT_ABI_NATIVE, 42, "iai" },		/* connect */
		{ SCT_ABI_COMPAT, 37, "ii" },		/* kill */
		{ SCT_ABI_COMPAT, 23, "h" },		/* setuid, 16-bit */
		{ SCT_ABI_COMPAT, 213, "u" },		/* setuid32 */
		{ SCT_ABI_COMPAT, 19, "uiu" },		/* lseek: compat_off_t */
		{ SCT_ABI_COMPAT, 180, "uxuuu" },	/* pread64, in arch code */
		{ SCT_ABI_COMPAT, 1, "i" },		/* exit */
		{ SCT_ABI_COMPAT, 311, "xu" },		/* set_robust_list */
		{ SCT_ABI_X32, 87, "s" },		/* unlink */
	};
	unsigned int abi, nr, bad = 0;
	const char *t, *k;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(want); i++) {
		t = sct_rf_syscall_types(want[i].abi, want[i].nr);
		if (!t || strcmp(t, want[i].types)) {
			printf("# ABI %d, syscall %d: '%s', not '%s'\n",
			       want[i].abi, want[i].nr, t ?: "(none)",
			       want[i].types);
			bad++;
		}
	}
	ok(!bad, "the types of parameters of the kernel's KUnit test");
	for (bad = 0, abi = 0; abi < 3; abi++) {
		for (nr = 0; nr < 1024; nr++) {
			t = sct_rf_syscall_types(abi, nr);
			k = ksct_syscall_types(abi * 1024 + nr);
			if (!t != !k || (t && strcmp(t, k)))
				bad++;
		}
	}
	ok(!bad, "the types of every syscall of every ABI are format.c's (%u differ)",
	   bad);
}

/* ---- Captures as JSON (record version 4). ---- */

/*
 * A strict check of one line of JSON (RFC 8259), ASCII only, as libsct
 * writes it: a value, then a newline, then nothing.  @p moves past what
 * was read; false at the first fault.
 */
static bool json_value(const char **p, int depth);

static void json_ws(const char **p)
{
	while (**p == ' ' || **p == '\t' || **p == '\r' || **p == '\n')
		(*p)++;
}

static bool json_string(const char **p)
{
	const char *s = *p;
	int i;

	if (*s++ != '"')
		return false;
	for (;;) {
		unsigned char c = *s++;

		if (c == '"')
			break;
		if (c < 0x20)
			return false;
		if (c >= 0x80) {
			/* Well-formed UTF-8: Unicode's table 3-7. */
			unsigned char lo = 0x80, hi = 0xbf;
			int more;

			if (c >= 0xc2 && c <= 0xdf)
				more = 1;
			else if (c >= 0xe0 && c <= 0xef)
				more = 2;
			else if (c >= 0xf0 && c <= 0xf4)
				more = 3;
			else
				return false;
			if (c == 0xe0)
				lo = 0xa0;
			else if (c == 0xed)
				hi = 0x9f;
			else if (c == 0xf0)
				lo = 0x90;
			else if (c == 0xf4)
				hi = 0x8f;
			for (i = 0; i < more; i++, lo = 0x80, hi = 0xbf) {
				c = *s++;
				if (c < lo || c > hi)
					return false;
			}
			continue;
		}
		if (c != '\\')
			continue;
		c = *s++;
		if (c == 'u') {
			for (i = 0; i < 4; i++, s++)
				if (!isxdigit((unsigned char)*s))
					return false;
		} else if (!strchr("\"\\/bfnrt", c) || !c) {
			return false;
		}
	}
	*p = s;
	return true;
}

static bool json_number(const char **p)
{
	const char *s = *p;

	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (isdigit((unsigned char)*s))
			s++;
	else
		return false;
	if (*s == '.') {
		if (!isdigit((unsigned char)*++s))
			return false;
		while (isdigit((unsigned char)*s))
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!isdigit((unsigned char)*s))
			return false;
		while (isdigit((unsigned char)*s))
			s++;
	}
	*p = s;
	return true;
}

static bool json_value(const char **p, int depth)
{
	bool object;

	if (depth > 16)
		return false;
	json_ws(p);
	switch (**p) {
	case '"':
		return json_string(p);
	case '{':
	case '[':
		object = **p == '{';
		(*p)++;
		json_ws(p);
		if (**p == (object ? '}' : ']')) {
			(*p)++;
			return true;
		}
		for (;;) {
			if (object) {
				json_ws(p);
				if (!json_string(p))
					return false;
				json_ws(p);
				if (*(*p)++ != ':')
					return false;
			}
			if (!json_value(p, depth + 1))
				return false;
			json_ws(p);
			if (**p == ',') {
				(*p)++;
				continue;
			}
			return *(*p)++ == (object ? '}' : ']');
		}
	case 't':
		return !strncmp(*p, "true", 4) && (*p += 4);
	case 'f':
		return !strncmp(*p, "false", 5) && (*p += 5);
	case 'n':
		return !strncmp(*p, "null", 4) && (*p += 4);
	}
	return json_number(p);
}

static bool json_line(const char *s)
{
	return json_value(&s, 0) && !strcmp(s, "\n");
}

/*
 * The JSON of @rec, from a copy on the heap of exactly its hdr.size
 * bytes, so that the sanitizer sees a read past the record.
 */
static char *capture_json(const struct sct_record_call *rec)
{
	size_t size = rec->hdr.size;
	char *copy = malloc(size), *out;
	FILE *f;

	memcpy(copy, rec, size);
	f = open_memstream(&out, &size);
	sct_record_json(f, (const struct sct_record_header *)copy);
	fclose(f);
	free(copy);
	return out;
}

/* The record's "data" is exactly @data ("{...}"), and it is valid JSON. */
static void check_data(const struct sct_record_call *rec, const char *data,
		       const char *what)
{
	char *json = capture_json(rec), *want;

	if (asprintf(&want, ",\"data\":%s,\"text\":", data) < 0)
		want = NULL;
	if (!ok(want && strstr(json, want) && json_line(json), "JSON: %s",
		what))
		diag("json", json);
	free(want);
	free(json);
}

/* An array of strings as the kernel captures it: the count, the strings. */
static unsigned int strv(char *buf, uint32_t count, const char *strings,
			 unsigned int len)
{
	memcpy(buf, &count, sizeof(count));
	memcpy(buf + sizeof(count), strings, len);
	return sizeof(count) + len;
}

/*
 * sct_json_string(), as sctrules list --json uses it: a JSON string, and
 * whether the string was valid UTF-8 (else the caller adds its hex).
 */
static void test_json_string(void)
{
	char all[256], *out, *line;
	size_t size;
	bool valid;
	FILE *f;
	int i;

	f = open_memstream(&out, &size);
	valid = sct_json_string(f, "q\"b\\s\nt\t\001\303\251\177", SIZE_MAX);
	fclose(f);
	if (!ok(valid && !strcmp(out, "\"q\\\"b\\\\s\\nt\\t\\u0001\303\251\\u007f\""),
		"JSON: sct_json_string() escapes '\"', '\\' and control characters, and says the string was UTF-8"))
		diag("json", out);
	free(out);

	for (i = 1; i < 256; i++)
		all[i - 1] = i;
	all[255] = '\0';
	f = open_memstream(&out, &size);
	valid = sct_json_string(f, all, SIZE_MAX);
	fclose(f);
	if (asprintf(&line, "%s\n", out) < 0)
		line = NULL;
	if (!ok(!valid && line && json_line(line) && strstr(out, "\\ufffd"),
		"JSON: sct_json_string() of bytes 1 to 255: valid JSON, U+FFFD for what is not UTF-8, and says so"))
		diag("json", out);
	free(line);
	free(out);
}

/* Random data items of every kind, some out of bounds, as valid JSON. */
static void test_random_json(void)
{
	unsigned int runs = 20000, bad = 0, run, i, n, j;
	struct sct_record_call *rec;
	char buf[600], *json;
	struct trec r;
	uint32_t count;

	for (run = 0; run < runs; run++) {
		rec = trec_init(&r, pick(3), pick(470));
		rec->when = pick(2);
		for (i = 0; i < 6; i++) {
			if (!pick(3))
				continue;
			n = pick(4) ? pick(64) : pick(sizeof(buf));
			rand_bytes(buf, n);
			/* Arrays of strings: a count, strings with NULs. */
			if (n >= 4 && pick(2)) {
				count = pick(4) ? pick(6) : (uint32_t)rng();
				memcpy(buf, &count, sizeof(count));
				for (j = 4; j < n; j++)
					if (!pick(5))
						buf[j] = '\0';
			}
			trec_param(&r, i, pick(10), buf, n);
			if (!pick(6))
				rec->param[i].len += pick(32);
			if (!pick(8))
				rec->param[i].off = pick(r.call.hdr.size + 16);
		}
		/* Now and then a record that ends right after its last item. */
		if (pick(2) && rec->hdr.size > sizeof(*rec) && !pick(2))
			rec->hdr.size -= pick(8);
		if (rec->hdr.size < sizeof(*rec))
			rec->hdr.size = sizeof(*rec);
		json = capture_json(rec);
		if (!json_line(json) && bad++ < 3)
			diag("not JSON", json);
		free(json);
	}
	ok(!bad, "JSON: %u random records with data of every kind, in and out of bounds, are valid JSON (%u are not)",
	   runs, bad);
}

void test_capture_json(void)
{
	static const char odd[] = "q\"b\\s\nt\t\001\303\251\177";
	struct sct_record_call *rec;
	char buf[256], big[8200], want[16600];
	unsigned char bytes[16];
	struct trec r;
	unsigned int i, n;

	ok(json_line("{\"a\":[1,-2.5e3,\"\\u00e9\",true,false,null,{}]}\n") &&
	   !json_line("{\"a\":1,}\n") && !json_line("{\"a\":\"\t\"}\n") &&
	   !json_line("{\"a\":1}") && !json_line("[01]\n"),
	   "JSON: the checker takes JSON, and nothing else");

	/* Structs and buffers: hex, cut or not. */
	for (i = 0; i < sizeof(bytes); i++)
		bytes[i] = i * 17;
	rec = trec_init(&r, SCT_ABI_NATIVE, 35);	/* nanosleep */
	trec_param(&r, 0, SCT_DATA_BYTES, bytes, sizeof(bytes));
	check_data(rec, "{\"1\":{\"bytes\":\"00112233445566778899aabbccddeeff\",\"truncated\":false}}",
		   "a struct: its bytes in lowercase hex");
	rec = trec_init(&r, SCT_ABI_NATIVE, 1);		/* write */
	trec_param(&r, 1, SCT_DATA_BYTES_TRUNC, "hello\0\n", 7);
	check_data(rec, "{\"2\":{\"bytes\":\"68656c6c6f000a\",\"truncated\":true}}",
		   "a buffer cut at capture_size: \"truncated\":true, NULs and all");
	rec = trec_init(&r, SCT_ABI_NATIVE, 0);		/* read */
	memset(big, 0xa5, 4096);
	trec_param(&r, 1, SCT_DATA_BYTES, big, 4096);
	n = snprintf(want, sizeof(want), "{\"2\":{\"bytes\":\"");
	for (i = 0; i < 4096; i++)
		n += snprintf(want + n, sizeof(want) - n, "a5");
	snprintf(want + n, sizeof(want) - n, "\",\"truncated\":false}}");
	check_data(rec, want, "a buffer of 4096 bytes, whole");

	/* Bytes out of bounds: left out, as strings are. */
	rec = trec_init(&r, SCT_ABI_NATIVE, 1);
	trec_param(&r, 1, SCT_DATA_BYTES, "abcdefgh", 8);
	rec->param[1].len = 9;
	check_data(rec, "{}", "bytes past the record's end are left out");
	rec->param[1].len = 0;
	check_data(rec, "{}", "bytes of length 0 are absent");
	rec->param[1].len = 3;
	check_data(rec, "{\"2\":{\"bytes\":\"616263\",\"truncated\":false}}",
		   "bytes: no more than the item's length");
	rec->param[1].len = 8;
	rec->param[1].off = 8;
	check_data(rec, "{}", "bytes in the fixed part of the record are left out");

	/* Arrays of strings. */
	rec = trec_init(&r, SCT_ABI_NATIVE, 59);	/* execve */
	trec_string(&r, 0, "/bin/ls");
	n = strv(buf, 2, "ls\0-l", 6);
	trec_param(&r, 1, SCT_DATA_STRV, buf, n);
	n = strv(buf, 40, "A=1\0B=2", 8);
	trec_param(&r, 2, SCT_DATA_STRV_TRUNC, buf, n);
	check_data(rec, "{\"1\":\"/bin/ls\",\"2\":{\"count\":2,\"strings\":[\"ls\",\"-l\"],\"truncated\":false},"
		   "\"3\":{\"count\":40,\"strings\":[\"A=1\",\"B=2\"],\"truncated\":true}}",
		   "execve's path, argv and envp (cut: 2 strings of 40)");
	rec = trec_init(&r, SCT_ABI_NATIVE, 59);
	n = strv(buf, 0, "", 0);
	trec_param(&r, 1, SCT_DATA_STRV, buf, n);
	check_data(rec, "{\"2\":{\"count\":0,\"strings\":[],\"truncated\":false}}",
		   "an empty array: count 0, no strings");
	rec = trec_init(&r, SCT_ABI_NATIVE, 59);
	n = strv(buf, 3, "\0x\0", 4);
	trec_param(&r, 1, SCT_DATA_STRV, buf, n);
	check_data(rec, "{\"2\":{\"count\":3,\"strings\":[\"\",\"x\",\"\"],\"truncated\":false}}",
		   "empty strings are strings");
	rec = trec_init(&r, SCT_ABI_NATIVE, 59);
	n = strv(buf, 2, "cut\0", 4);
	trec_param(&r, 1, SCT_DATA_STRV_TRUNC, buf, n);
	check_data(rec, "{\"2\":{\"count\":2,\"strings\":[\"cut\"],\"truncated\":true}}",
		   "strings left out: fewer than the count");
	rec = trec_init(&r, SCT_ABI_NATIVE, 59);
	n = strv(buf, 1, odd, sizeof(odd));
	trec_param(&r, 1, SCT_DATA_STRV, buf, n);
	check_data(rec, "{\"2\":{\"count\":1,\"strings\":[\"q\\\"b\\\\s\\nt\\t\\u0001\303\251\\u007f\"],\"truncated\":false}}",
		   "strings escaped as the other strings of JSON are");
	rec = trec_init(&r, SCT_ABI_COMPAT, 11);	/* ia32 execve */
	n = strv(buf, 0xffffffffU, "a\0", 2);
	trec_param(&r, 1, SCT_DATA_STRV_TRUNC, buf, n);
	check_data(rec, "{\"2\":{\"count\":4294967295,\"strings\":[\"a\"],\"truncated\":true}}",
		   "a count of 2^32 - 1, unsigned");

	/* Hostile arrays: nothing past the item, nor past the record. */
	rec = trec_init(&r, SCT_ABI_NATIVE, 59);
	n = strv(buf, 3, "ab\0cdZZZZ", 9);
	trec_param(&r, 1, SCT_DATA_STRV, buf, n);
	rec->param[1].len = 4 + 5;	/* "ab\0cd": the "cd" without its NUL */
	check_data(rec, "{\"2\":{\"count\":3,\"strings\":[\"ab\",\"cd\"],\"truncated\":true}}",
		   "a last string without its NUL: cut at the item's end, truncated");
	rec = trec_init(&r, SCT_ABI_NATIVE, 59);
	n = strv(buf, 1, "abcdefghijkl", 12);
	trec_param(&r, 1, SCT_DATA_STRV, buf, n);
	rec->hdr.size = rec->param[1].off + n;	/* no padding: the end */
	check_data(rec, "{\"2\":{\"count\":1,\"strings\":[\"abcdefghijkl\"],\"truncated\":true}}",
		   "a string without its NUL at the record's very end: not read past it");
	rec->param[1].len = n + 1;
	check_data(rec, "{}", "an array past the record's end is left out");
	rec = trec_init(&r, SCT_ABI_NATIVE, 59);
	n = strv(buf, 0, "x\0y\0", 4);
	trec_param(&r, 1, SCT_DATA_STRV, buf, n);
	check_data(rec, "{\"2\":{\"count\":0,\"strings\":[],\"truncated\":false}}",
		   "count 0 with strings after it: no more strings than the count");
	rec = trec_init(&r, SCT_ABI_NATIVE, 59);
	n = strv(buf, 5, "x\0y\0", 4);
	trec_param(&r, 1, SCT_DATA_STRV, buf, n);
	rec->param[1].len = 3;
	check_data(rec, "{}", "an array too short for its count is left out");
	rec->param[1].len = 4;
	check_data(rec, "{\"2\":{\"count\":5,\"strings\":[],\"truncated\":true}}",
		   "a count alone, of 5 strings: truncated");

	/* Faults, and what comes with them. */
	rec = trec_init(&r, SCT_ABI_NATIVE, 59);
	rec->param[0].kind = SCT_DATA_FAULT;
	trec_param(&r, 1, SCT_DATA_FAULT, "junk", 4);
	n = strv(buf, 1, "a\0", 2);
	trec_param(&r, 5, SCT_DATA_STRV, buf, n);
	check_data(rec, "{\"1\":{\"fault\":true},\"2\":{\"fault\":true},\"6\":{\"count\":1,\"strings\":[\"a\"],\"truncated\":false}}",
		   "faults, with or without bytes: {\"fault\":true}; keys by parameter index");

	/* A socket address of one byte: no family read past it. */
	rec = trec_init(&r, SCT_ABI_NATIVE, 42);
	trec_param(&r, 1, SCT_DATA_SOCKADDR, "\002", 1);
	rec->hdr.size = rec->param[1].off + 1;
	check_data(rec, "{\"2\":{\"family\":null}}",
		   "a socket address of one byte: \"family\":null");

	/* Kinds this libsct does not know: as strings, as before. */
	rec = trec_init(&r, SCT_ABI_NATIVE, 1);
	trec_param(&r, 1, SCT_DATA_STRV_TRUNC + 1, "abc", 3);
	check_data(rec, "{\"2\":\"abc\"}", "a kind from a newer kernel: its bytes as a string");

	/*
	 * Schema 1: UTF-8 as it is; other bytes as U+FFFD, with the bytes
	 * in hex; keys from 1, as PARAMS[1].
	 */
	rec = trec_init(&r, SCT_ABI_NATIVE, 87);	/* unlink */
	trec_string(&r, 0, "/tmp/\303\251t\303\251 \342\202\254 \360\237\230\200");
	check_data(rec, "{\"1\":\"/tmp/\303\251t\303\251 \342\202\254 \360\237\230\200\"}",
		   "JSON: UTF-8 of 2, 3 and 4 bytes as it is; PARAMS[1] is \"1\"");
	rec = trec_init(&r, SCT_ABI_NATIVE, 87);
	trec_string(&r, 0, "a\377b\303");
	check_data(rec, "{\"1\":{\"string\":\"a\\ufffdb\\ufffd\",\"hex\":\"61ff62c3\"}}",
		   "JSON: bytes that are not UTF-8 as U+FFFD, and the string's bytes in hex");
	rec = trec_init(&r, SCT_ABI_NATIVE, 87);
	/* Overlong '/', a surrogate, past U+10FFFF, a lone continuation. */
	trec_param(&r, 0, SCT_DATA_STRING_TRUNC,
		   "\300\257\355\240\200\364\220\200\200\200x", 12);
	check_data(rec, "{\"1\":{\"string\":\"\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffdx\","
		   "\"truncated\":true,\"hex\":\"c0afeda080f49080808078\"}}",
		   "JSON: overlong forms, surrogates and code points past U+10FFFF are not UTF-8");
	test_json_string();
	test_random_json();
}

/* A compact record, with room for data after its fixed part. */
struct tsys {
	struct sct_record_syscall sys;
	struct sct_record_data items[6];
	char data[256];
};

/*
 * Compact records (SCT_RECORD_SYSCALL): their line is that of the full
 * record of the same call without the command name and credentials,
 * and their JSON has what they carry and no more.
 */
static void test_compact(void)
{
	static const char path[] = "./dummy";
	char line[SCT_RECORD_TEXT_MAX], full[SCT_RECORD_TEXT_MAX], *json;
	struct sct_record_call *rec;
	struct tsys c;
	struct trec r;
	size_t size;
	FILE *f;

	memset(&c, 0, sizeof(c));
	c.sys.hdr.type = SCT_RECORD_SYSCALL;
	c.sys.hdr.version = SCT_RECORD_VERSION;
	c.sys.hdr.seq = 9;
	c.sys.time_ns = 1795459205123456789ULL;
	c.sys.call_id = 77;
	c.sys.rule_id = 7;
	c.sys.nr = 263;	/* unlinkat */
	c.sys.when = SCT_WHEN_AFTER;
	c.sys.pid = 100;
	c.sys.tid = 101;
	c.sys.args[0] = (uint64_t)-100;
	c.sys.args[2] = 0;
	c.sys.retval = -2;
	c.sys.data_off = sizeof(c.sys);
	c.items[1].off = sizeof(c.sys) + sizeof(c.items);
	c.items[1].len = sizeof(path);
	c.items[1].kind = SCT_DATA_STRING;
	memcpy(c.data, path, sizeof(path));
	c.sys.hdr.size = sizeof(c.sys) + sizeof(c.items) + 8;

	ok(sct_record_syscall_text(line, sizeof(line), &c.sys, "t1") > 0 &&
	   !strcmp(line, "t1 [100/101] unlinkat(-100, \"./dummy\", 0) = -2"),
	   "compact: the line of an exit with a path (%s)", line);
	rec = trec_init(&r, SCT_ABI_NATIVE, 263);
	rec->when = SCT_WHEN_AFTER;
	rec->args[0] = (uint64_t)-100;
	rec->retval = -2;
	trec_string(&r, 1, path);
	sct_record_call_text(full, sizeof(full), rec, "t1");
	ok(!strcmp(strstr(full, "unlinkat"), strstr(line, "unlinkat")),
	   "compact: the call as in the full record's line (%s)", full);
	ok(sct_record_syscall_data(&c.sys, &c.items[1]) &&
	   !strcmp(sct_record_syscall_data(&c.sys, &c.items[1]), path),
	   "compact: the path item's bytes");

	f = open_memstream(&json, &size);
	sct_record_json_rule(f, &c.sys.hdr, "t1");
	fclose(f);
	if (!ok(json_line(json) &&
		strstr(json, "{\"schema\":1,\"type\":\"syscall\",\"seq\":9,") &&
		strstr(json, "\"rule\":\"t1\",\"rule_id\":7,\"abi\":\"x86_64\",\"nr\":263,\"syscall\":\"unlinkat\",\"when\":\"after\",\"call_id\":\"77\",\"pid\":100,\"tid\":101,") &&
		strstr(json, "\"args\":[\"18446744073709551516\",\"0\",") &&
		strstr(json, "\"data\":{\"2\":\"./dummy\"},\"retval\":-2}") &&
		!strstr(json, "uid") && !strstr(json, "comm"),
		"compact: JSON with what the record carries"))
		diag("json", json);
	free(json);

	/* No data items: the arguments alone; an item out of the record. */
	c.sys.data_off = 0;
	c.sys.hdr.size = sizeof(c.sys);
	c.sys.nr = 39;	/* getpid */
	c.sys.retval = 100;
	ok(sct_record_syscall_text(line, sizeof(line), &c.sys, NULL) > 0 &&
	   !strcmp(line, "7 [100/101] getpid() = 100"),
	   "compact: no data, the rule's id for its name (%s)", line);
	ok(!sct_record_syscall_items(&c.sys),
	   "compact: no items without data_off");
	c.sys.data_off = sizeof(c.sys);
	ok(!sct_record_syscall_items(&c.sys),
	   "compact: no items in a record too short for them");
	c.sys.hdr.size = sizeof(c.sys) + sizeof(c.items);
	c.items[1].off = sizeof(c.sys);
	c.items[1].len = 8;
	ok(!sct_record_syscall_data(&c.sys, &c.items[1]),
	   "compact: an item over the items is refused");
	c.sys.data_off = 8;
	ok(!sct_record_syscall_items(&c.sys),
	   "compact: no items inside the fixed part");
}

void test_call_text(void)
{
	test_compact();
	test_lines();
	test_long_lines();
	test_random_lines();
	test_types();
}

/* ---- The streams of traces. ---- */

static void rm_file(const char *dir, const char *name)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
}

static void test_stream_attrs(const char *root)
{
	static const unsigned long bad_sizes[] = {
		1, 16383, 67108865, 4294967296UL + 16384, ULONG_MAX,
	};
	char tdir[PATH_MAX], rdir[PATH_MAX];
	uint64_t v;
	size_t i;
	int ret, bad;

	snprintf(tdir, sizeof(tdir), "%s/traces/t", root);
	put_file(tdir, "buffer_size", "0\n");
	put_file(tdir, "overflow", "drop\n");
	put_file(tdir, "lost", "0\n");

	ret = sct_trace_set_buffer_size("t", 1048576);
	ok(ret == 0 && !strcmp(get_file(tdir, "buffer_size"), "1048576"),
	   "sct_trace_set_buffer_size writes buffer_size");
	ret = sct_trace_set_buffer_size("t", SCT_BUFFER_SIZE_MIN) ||
	      strcmp(get_file(tdir, "buffer_size"), "16384") ||
	      sct_trace_set_buffer_size("t", SCT_BUFFER_SIZE_MAX) ||
	      strcmp(get_file(tdir, "buffer_size"), "67108864") ||
	      sct_trace_set_buffer_size("t", 0) ||
	      strcmp(get_file(tdir, "buffer_size"), "0");
	ok(!ret, "buffer_size: the least, the most, and 0 for no stream");
	for (bad = 0, i = 0; i < ARRAY_SIZE(bad_sizes); i++) {
		ret = sct_trace_set_buffer_size("t", bad_sizes[i]);
		if (ret != -ERANGE ||
		    !strstr(sct_error_detail(), ": out of range (0, or 16384 to 67108864 bytes)") ||
		    strcmp(get_file(tdir, "buffer_size"), "0")) {
			printf("# %lu: %d: %s\n", bad_sizes[i], ret,
			       sct_error_detail());
			bad++;
		}
	}
	ok(!bad, "buffer_size out of range: -ERANGE, unwritten");
	ret = sct_trace_set_buffer_size("-t", 65536);
	ok(ret == -EINVAL && strstr(sct_error_detail(), "invalid trace name '-t'") &&
	   sct_trace_set_overflow("a/b", SCT_OVERFLOW_WAIT) == -EINVAL &&
	   sct_trace_lost("", &v) == -EINVAL,
	   "the stream's functions refuse bad trace names with -EINVAL");
	ret = sct_trace_set_buffer_size("nosuch", 65536);
	ok(ret == -ENOENT &&
	   !strcmp(sct_error_detail(), "trace nosuch: no such trace") &&
	   sct_trace_set_overflow("nosuch", SCT_OVERFLOW_DROP) == -ENOENT &&
	   sct_trace_lost("nosuch", &v) == -ENOENT,
	   "a trace that is not there: -ENOENT");

	ret = sct_trace_set_overflow("t", SCT_OVERFLOW_WAIT);
	ok(ret == 0 && !strcmp(get_file(tdir, "overflow"), "wait"),
	   "sct_trace_set_overflow: wait");
	ret = sct_trace_set_overflow("t", SCT_OVERFLOW_DROP);
	ok(ret == 0 && !strcmp(get_file(tdir, "overflow"), "drop"),
	   "sct_trace_set_overflow: drop");
	ret = sct_trace_set_overflow("t", (enum sct_overflow)7);
	ok(ret == -EINVAL && strstr(sct_error_detail(), "no policy 7") &&
	   !strcmp(get_file(tdir, "overflow"), "drop"),
	   "sct_trace_set_overflow: another policy is -EINVAL, unwritten");

	put_file(tdir, "lost", "12\n");
	v = 1;
	ret = sct_trace_lost("t", &v);
	ok(ret == 0 && v == 12, "sct_trace_lost reads lost");
	put_file(tdir, "lost", "18446744073709551615\n");
	ret = sct_trace_lost("t", &v);
	ok(ret == 0 && v == UINT64_MAX, "lost: the largest count");
	for (bad = 0, i = 0; i < 5; i++) {
		static const char *const bad_lost[] = {
			"x\n", "-1\n", "18446744073709551616\n", "1 2\n", "\n",
		};

		put_file(tdir, "lost", bad_lost[i]);
		if (sct_trace_lost("t", &v) != -EPROTO ||
		    !strstr(sct_error_detail(), "trace t: lost: not a number"))
			bad++;
	}
	ok(!bad, "lost: what is not a count is -EPROTO");

	/* A kernel with traces but no streams: the defaults go through. */
	rm_file(tdir, "buffer_size");
	rm_file(tdir, "overflow");
	rm_file(tdir, "lost");
	v = 5;
	ok(sct_trace_set_buffer_size("t", 0) == 0 &&
	   sct_trace_set_overflow("t", SCT_OVERFLOW_DROP) == 0 &&
	   sct_trace_lost("t", &v) == 0 && v == 0 &&
	   !strcmp(get_file(tdir, "buffer_size"), "(none)"),
	   "a kernel without streams: no stream, drop and 0 lost are what it does");
	ret = sct_trace_set_buffer_size("t", 65536);
	ok(ret == -EOPNOTSUPP &&
	   strstr(sct_error_detail(), "trace t: buffer_size: this kernel has no streams of traces"),
	   "a kernel without streams: a buffer_size is -EOPNOTSUPP, saying so");
	ret = sct_trace_set_overflow("t", SCT_OVERFLOW_WAIT);
	ok(ret == -EOPNOTSUPP &&
	   strstr(sct_error_detail(), "trace t: overflow: this kernel has no streams"),
	   "a kernel without streams: wait is -EOPNOTSUPP");

	/* sct_rule_id(). */
	snprintf(rdir, sizeof(rdir), "%s/rules/r", root);
	mkdir(rdir, 0755);
	put_file(rdir, "id", "4711\n");
	ret = sct_rule_id("r", &v);
	ok(ret == 0 && v == 4711, "sct_rule_id reads a rule's id");
	ret = sct_rule_id("nosuch", &v);
	ok(ret == -ENOENT && sct_rule_id("../r", &v) == -EINVAL &&
	   strstr(sct_error_detail(), "invalid rule name '../r'"),
	   "sct_rule_id: -ENOENT for no such rule, -EINVAL for a bad name");
	put_file(rdir, "id", "x\n");
	ok(sct_rule_id("r", &v) == -EPROTO, "sct_rule_id: an id that is not a number");
	rm_file(rdir, "id");
	rmdir(rdir);
}

/*
 * The kernel's SCT_IOC_TRACE, while fake_trace is on: trace "t" has a
 * stream, "busy" another reader, "nostream" none; other traces are not
 * there.  Other requests, and all while it is off, go to the kernel (a
 * file of records takes none: ENOTTY).
 */
static bool fake_trace;
static char fake_name[SCT_RULE_NAME_MAX + 2];

int ioctl(int fd, unsigned long req, ...)
{
	const struct sct_ioc_trace *t;
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (!fake_trace || req != SCT_IOC_TRACE)
		return syscall(SYS_ioctl, fd, req, arg);
	t = arg;
	snprintf(fake_name, sizeof(fake_name), "%.*s",
		 (int)sizeof(t->name), t->name);
	if (!strcmp(t->name, "t"))
		return 0;
	errno = !strcmp(t->name, "busy") ? EBUSY :
		!strcmp(t->name, "nostream") ? ENODATA : ENOENT;
	return -1;
}

/* Write the records of a stream: old ones, a loss, new ones. */
static void write_stream(const char *path)
{
	static uint64_t buf[2048];
	struct sct_record_lost *lost;
	struct sct_record_task *task;
	struct sct_record_call *call;
	char *p = (char *)buf;
	uint64_t seq = 0;
	struct trec r;
	int i, fd;

	for (i = 0; i < 5; i++) {
		if (i == 2) {
			lost = (void *)p;
			memset(lost, 0, sizeof(*lost));
			lost->hdr.size = sizeof(*lost);
			lost->hdr.version = SCT_RECORD_VERSION;
			lost->hdr.type = SCT_RECORD_LOST;
			lost->hdr.seq = ++seq;
			lost->count = 3;
			seq += 2;
			p += sizeof(*lost);
			continue;
		}
		if (i % 2) {
			task = (void *)p;
			memset(task, 0, sizeof(*task));
			task->hdr.size = sizeof(*task);
			task->hdr.version = SCT_RECORD_VERSION;
			task->hdr.type = SCT_RECORD_TASK;
			task->hdr.seq = ++seq;
			/* Before the test ran, or long after. */
			task->time_ns = i < 2 ? 1000 : UINT64_MAX / 2;
			task->event = SCT_TASK_EXIT;
			task->pid = task->tid = 100;
			strcpy(task->comm, "rm");
			p += sizeof(*task);
			continue;
		}
		call = trec_init(&r, SCT_ABI_NATIVE, 87);
		call->hdr.seq = ++seq;
		call->time_ns = i < 2 ? 1000 : UINT64_MAX / 2;
		call->rule_id = 7;
		trec_string(&r, 0, "./dummy");
		memcpy(p, &r, call->hdr.size);
		p += call->hdr.size;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0) {
		if (write(fd, buf, p - (char *)buf) != p - (char *)buf)
			perror(path);
		close(fd);
	}
}

/* Read the records of @log: their types, "c", "t" and "l", in order. */
static const char *read_types(struct sct_log *log)
{
	static char types[16];
	const struct sct_record_header *rec;
	size_t n = 0;

	while (n < sizeof(types) - 1 && sct_log_next(log, &rec) == 1)
		types[n++] = rec->type == SCT_RECORD_CALL ? 'c' :
			     rec->type == SCT_RECORD_TASK ? 't' :
			     rec->type == SCT_RECORD_LOST ? 'l' : '?';
	types[n] = '\0';
	return types;
}

static void test_open_trace(const char *root)
{
	const struct sct_record_header *rec;
	char path[PATH_MAX], line[256], *json;
	const char *types;
	struct sct_log *log;
	size_t size;
	FILE *f;
	int ret;

	snprintf(path, sizeof(path), "%s/records", root);
	sct_set_path(SCT_PATH_RECORDS, path);

	log = (void *)1;
	ret = sct_log_open_trace(&log, "t", 0);
	ok(ret == -ENOENT && !log &&
	   strstr(sct_error_detail(), "/records: No such file or directory"),
	   "sct_log_open_trace without the device: -ENOENT, naming it");
	ret = sct_log_open_trace(&log, "../t", 0);
	ok(ret == -EINVAL && strstr(sct_error_detail(), "invalid trace name '../t'"),
	   "sct_log_open_trace: a bad trace name is -EINVAL");

	write_stream(path);
	ret = sct_log_open_trace(&log, "t", 0);
	ok(ret == -EOPNOTSUPP && !log &&
	   strstr(sct_error_detail(), "has no streams of traces"),
	   "a device that takes no SCT_IOC_TRACE (ENOTTY): -EOPNOTSUPP");

	fake_trace = true;
	ret = sct_log_open_trace(&log, "t", SCT_LOG_NONBLOCK);
	ok(ret == 0 && log && !strcmp(fake_name, "t"),
	   "sct_log_open_trace: SCT_IOC_TRACE with the trace's name");
	if (!ret) {
		types = read_types(log);
		ok(!strcmp(types, "ctltc"),
		   "its records, all of them: call, task, lost, task, call (%s)",
		   types);
		sct_log_close(log);
	}
	ret = sct_log_open_trace(&log, "t", SCT_LOG_NEW);
	if (ok(ret == 0, "sct_log_open_trace with SCT_LOG_NEW")) {
		types = read_types(log);
		ok(!strcmp(types, "ltc"),
		   "SCT_LOG_NEW: records from before are skipped, losses are not (%s)",
		   types);
		sct_log_close(log);
	}
	ret = sct_log_open_trace(&log, "busy", 0);
	ok(ret == -EBUSY && !log &&
	   strstr(sct_error_detail(), "trace busy: another reader is attached to its stream"),
	   "a stream with a reader: -EBUSY");
	ret = sct_log_open_trace(&log, "nostream", 0);
	ok(ret == -ENODATA &&
	   strstr(sct_error_detail(), "trace nostream: it has no stream (its buffer_size is 0)"),
	   "a trace without a stream: -ENODATA");
	ret = sct_log_open_trace(&log, "gone", 0);
	ok(ret == -ENOENT &&
	   !strcmp(sct_error_detail(), "trace gone: no such trace"),
	   "no such trace: -ENOENT");

	/* A stream's call record: no name, no text. */
	ret = sct_log_open_trace(&log, "t", 0);
	if (!ret && sct_log_next(log, &rec) == 1) {
		sct_record_call_text(line, sizeof(line), (const void *)rec,
				     NULL);
		ok(!strcmp(line, "7 \"rm\"[100] uid=1000 unlink(\"./dummy\")") &&
		   !sct_record_data((const void *)rec,
				    &((const struct sct_record_call *)rec)->text),
		   "a stream's call record has no text; its line names the rule by id");
		f = open_memstream(&json, &size);
		sct_record_json_rule(f, rec, "r1");
		sct_record_json(f, rec);
		fclose(f);
		ok(strstr(json, "\"rule\":\"r1\",\"rule_id\":7,") &&
		   strstr(json, "\"rule\":\"?\",\"rule_id\":7,") &&
		   strstr(json, "\"text\":\"\"}\n"),
		   "sct_record_json_rule gives the rule's name; without one \"?\"");
		free(json);
	} else {
		ok(false, "a stream's call record");
	}
	sct_log_close(log);
	fake_trace = false;
	unlink(path);
	sct_set_path(SCT_PATH_RECORDS, NULL);
}

void test_streams(void)
{
	char tmpl[] = "/tmp/sct-streams-test.XXXXXX", dir[PATH_MAX];
	const char *root;

	root = mkdtemp(tmpl);
	if (!ok(root != NULL, "a directory for configfs, for streams"))
		return;
	sct_set_path(SCT_PATH_CONFIGFS, root);
	snprintf(dir, sizeof(dir), "%s/rules", root);
	mkdir(dir, 0755);
	snprintf(dir, sizeof(dir), "%s/traces", root);
	mkdir(dir, 0755);
	snprintf(dir, sizeof(dir), "%s/traces/t", root);
	mkdir(dir, 0755);

	test_stream_attrs(root);
	test_open_trace(root);

	sct_set_path(SCT_PATH_CONFIGFS, NULL);
	nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/*
 * sct_format_time() by arithmetic against gmtime_r(), which the library
 * gave up because it reads TZ; and sct_log_open()'s unknown flags.
 */
void test_format_time(void)
{
	static const uint64_t secs[] = {
		0, 59, 86399, 86400, 951782399, 951782400, 951868800,
		978307199, 1709164800, 4102444799ULL, 4102444800ULL,
		13569465600ULL, 18446744073ULL,
	};
	char got[40], want[40];
	struct sct_log *log;
	unsigned int i, bad = 0;
	uint64_t sec, x = 88172645463325252ULL;
	time_t t;
	struct tm tm;

	for (i = 0; i < sizeof(secs) / sizeof(secs[0]) + 20000; i++) {
		if (i < sizeof(secs) / sizeof(secs[0])) {
			sec = secs[i];
		} else {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			/* Up to 2554: the seconds of a u64 of ns. */
			sec = x % 18446744074ULL;
		}
		t = sec;
		if (!gmtime_r(&t, &tm))
			continue;
		strftime(want, sizeof(want), "%Y-%m-%dT%H:%M:%S", &tm);
		snprintf(want + strlen(want), sizeof(want) - strlen(want),
			 ".%06uZ", 123456U);
		if (sct_format_time(got, sizeof(got), sec * 1000000000 + 123456789) ||
		    strcmp(got, want)) {
			if (!bad++)
				printf("# %llu s: %s, gmtime_r gives %s\n",
				       (unsigned long long)sec, got, want);
		}
	}
	ok(!bad, "sct_format_time: as gmtime_r, without it, at 20000 times and the edges");
	ok(sct_format_time(got, sizeof(got), UINT64_MAX) == 0 &&
	   !strcmp(got, "2554-07-21T23:34:33.709551Z"),
	   "sct_format_time: the largest time, 2554 (%s)", got);
	ok(sct_format_time(got, 27, 0) == -ENOSPC &&
	   sct_format_time(got, 28, 0) == 0 &&
	   !strcmp(got, "1970-01-01T00:00:00.000000Z"),
	   "sct_format_time: -ENOSPC below 28 bytes");
	ok(sct_log_open(&log, "/dev/null", 0x100) == -EINVAL && !log,
	   "sct_log_open: an unknown flag is -EINVAL");
}
