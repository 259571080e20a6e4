// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libsct: reading the event log from /dev/sct_records.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "rules-internal.h"

/* Larger than any record the kernel returns. */
#define SCT_LOG_BUF	65536

struct sct_log {
	int fd;
	bool stream;	/* a file or a pipe, not the device: reads cut records */
	bool eof;	/* a read returned 0 */
	size_t len;	/* bytes in buf */
	size_t pos;	/* the next record in buf */
	uint64_t since_ns;	/* skip call and task records before it */
	union {
		struct sct_record_header hdr;
		char bytes[SCT_LOG_BUF];
	} buf;
};

/**
 * sct_log_open() - open the binary event log
 * @logp: set to the log
 * @path: the device, or NULL for SCT_RECORDS_DEVICE (or the device
 *	sct_set_path() gave for SCT_PATH_RECORDS, for tests)
 * @flags: SCT_LOG_NONBLOCK, SCT_LOG_NEW
 *
 * Return: 0, or a negative errno (-EPERM for a caller without
 * CAP_SYS_ADMIN, which the kernel requires; -EACCES where the device's
 * mode keeps a user out; -ENOENT for a kernel without the log).
 */
int sct_log_open(struct sct_log **logp, const char *path, int flags)
{
	struct sct_log *log = malloc(sizeof(*log));
	int oflags = O_RDONLY | O_CLOEXEC;
	struct stat st;
	int ret;

	*logp = NULL;
	if (flags & ~(SCT_LOG_NONBLOCK | SCT_LOG_NEW | SCT_LOG_TEXT)) {
		free(log);
		return -EINVAL;
	}
	if (!log)
		return -ENOMEM;
	log->len = 0;
	log->pos = 0;
	log->since_ns = 0;
	log->eof = false;
	if (flags & SCT_LOG_NONBLOCK)
		oflags |= O_NONBLOCK;
	log->fd = open(path ? path : sct_get_path(SCT_PATH_RECORDS), oflags);
	if (log->fd < 0 || fstat(log->fd, &st))
		goto fail;
	/*
	 * The device returns whole records a read; a file of them, or a
	 * pipe, as many bytes as there are.
	 */
	log->stream = !S_ISCHR(st.st_mode);
	if ((flags & SCT_LOG_NEW) && lseek(log->fd, 0, SEEK_END) < 0)
		goto fail;
	/*
	 * A file of records, or a kernel from before SCT_IOC_TEXT, whose
	 * records always carry it: ENOTTY.
	 */
	if ((flags & SCT_LOG_TEXT) && ioctl(log->fd, SCT_IOC_TEXT, 1) &&
	    errno != ENOTTY)
		goto fail;
	*logp = log;
	return 0;
fail:
	ret = -errno;
	if (log->fd >= 0)
		close(log->fd);
	free(log);
	return ret;
}

int sct_log_open_trace(struct sct_log **logp, const char *trace, int flags)
{
	const char *path = sct_get_path(SCT_PATH_RECORDS);
	struct sct_ioc_trace arg = {};
	struct timespec now;
	int ret;

	*logp = NULL;
	sct_rf_detail_clear();
	ret = sct_rf_trace_name(trace);
	if (ret)
		return ret;
	/* The shared log's cursor does not matter: the stream has its own. */
	ret = sct_log_open(logp, path, flags & ~(SCT_LOG_NEW | SCT_LOG_TEXT));
	if (ret) {
		sct_rf_detail("%s: %s", path, strerror(-ret));
		return ret;
	}
	/* sct_rf_trace_name() checked that it fits. */
	strcpy(arg.name, trace);
	ret = ioctl((*logp)->fd, SCT_IOC_TRACE, &arg) ? -errno : 0;
	switch (ret) {
	case 0:
		break;
	case -ENOENT:
		sct_rf_detail("trace %s: no such trace", trace);
		break;
	case -ENODATA:
		sct_rf_detail("trace %s: it has no stream (its buffer_size is 0): set its buffer_size first",
			      trace);
		break;
	case -EBUSY:
		sct_rf_detail("trace %s: another reader is attached to its stream (a stream has one reader at a time)",
			      trace);
		break;
	case -ENOTTY:
		/* A device without ioctl(), or @path is no device. */
		sct_rf_detail("trace %s: %s has no streams of traces (a kernel that predates them?)",
			      trace, path);
		ret = -EOPNOTSUPP;
		break;
	default:
		sct_rf_detail("trace %s: attaching to its stream: %s", trace,
			      strerror(-ret));
	}
	if (ret) {
		sct_log_close(*logp);
		*logp = NULL;
		return ret;
	}
	if (flags & SCT_LOG_NEW) {
		clock_gettime(CLOCK_REALTIME, &now);
		(*logp)->since_ns = (uint64_t)now.tv_sec * 1000000000 +
				    now.tv_nsec;
	}
	return 0;
}

/* The file descriptor, for poll(2). */
int sct_log_fd(const struct sct_log *log)
{
	return log->fd;
}

/* The fixed part of a record of @type, which its size must cover. */
static size_t sct_record_min_size(unsigned int type)
{
	switch (type) {
	case SCT_RECORD_CALL:
		return sizeof(struct sct_record_call);
	case SCT_RECORD_LOST:
		return sizeof(struct sct_record_lost);
	case SCT_RECORD_TASK:
		return sizeof(struct sct_record_task);
	case SCT_RECORD_SYSCALL:
		return sizeof(struct sct_record_syscall);
	}
	/* A type this libsct does not know: skipped by its size. */
	return sizeof(struct sct_record_header);
}

/*
 * The time of a call or task record, to skip those from before
 * SCT_LOG_NEW; 0 for other records, which are never skipped.
 */
static uint64_t sct_record_time(const struct sct_record_header *hdr)
{
	if (hdr->type == SCT_RECORD_CALL)
		return ((const struct sct_record_call *)hdr)->time_ns;
	if (hdr->type == SCT_RECORD_TASK)
		return ((const struct sct_record_task *)hdr)->time_ns;
	if (hdr->type == SCT_RECORD_SYSCALL)
		return ((const struct sct_record_syscall *)hdr)->time_ns;
	return 0;
}

/**
 * sct_log_next - take the next record
 * @log: the log
 * @rec: set to the record, valid until the next call
 *
 * Return: 1 with a record, 0 when there is none yet (SCT_LOG_NONBLOCK)
 * or at the end (sct_log_eof() then says so): of a file of records or
 * a pipe (sctlog -D), or of the stream of a trace that was removed; or
 * a negative errno (-EINTR for a signal).  A record shorter than the
 * fixed part of its type (struct sct_record_call, sct_record_lost or
 * sct_record_task), or cut short by the end of a file, fails with
 * -EPROTO.
 */
int sct_log_next(struct sct_log *log, const struct sct_record_header **rec)
{
	const struct sct_record_header *hdr;
	uint64_t time;
	size_t left;
	ssize_t n;

again:
	hdr = (const void *)(log->buf.bytes + log->pos);
	left = log->len - log->pos;
	if (left >= sizeof(*hdr) &&
	    (hdr->size > sizeof(log->buf.bytes) || hdr->size % 8 ||
	     hdr->size < sizeof(*hdr)))
		goto bad;
	if (left < sizeof(*hdr) || hdr->size > left) {
		/* The device never cuts a record: its reads are whole. */
		if (left && !log->stream)
			goto bad;
		/* A file or a pipe: the start of a record, for the rest. */
		memmove(log->buf.bytes, log->buf.bytes + log->pos, left);
		log->len = left;
		log->pos = 0;
		/* A read of the device returns as many whole records as fit. */
		n = read(log->fd, log->buf.bytes + left,
			 sizeof(log->buf.bytes) - left);
		if (n < 0)
			return errno == EAGAIN ? 0 : -errno;
		if (!n) {
			/*
			 * The end of a file or a pipe, or of the stream of a
			 * trace that was removed; the shared log never ends.
			 * A record cut short is a broken file.
			 */
			log->eof = true;
			if (left)
				goto bad;
			return 0;
		}
		log->len += n;
		goto again;
	}
	if (hdr->size < sct_record_min_size(hdr->type))
		goto bad;
	log->pos += hdr->size;
	/* SCT_LOG_NEW on a stream: records from before the open are skipped. */
	if (log->since_ns) {
		time = sct_record_time(hdr);
		if (time && time < log->since_ns)
			goto again;
		if (time)
			log->since_ns = 0;
	}
	*rec = hdr;
	return 1;
bad:
	log->pos = log->len = 0;
	return -EPROTO;
}

/**
 * sct_log_eof - has the log ended?
 * @log: the log
 *
 * Return: true once sct_log_next() met the end of what @log reads: a
 * file of records, a pipe whose writers are gone, or the stream of a
 * trace that was removed (the shared log never ends); false before.
 */
bool sct_log_eof(const struct sct_log *log)
{
	return log->eof;
}

void sct_log_close(struct sct_log *log)
{
	if (log) {
		close(log->fd);
		free(log);
	}
}

/*
 * The bytes data item @d of record @hdr points to, past its @fixed
 * bytes, or NULL when the item is absent or does not fit in the record;
 * a string item is NUL-terminated within the record.
 */
static const char *sct_item_data(const struct sct_record_header *hdr,
				 size_t fixed, const struct sct_record_data *d)
{
	const char *p = (const char *)hdr + d->off;

	if (!d->len || d->off < fixed || (size_t)d->off + d->len > hdr->size)
		return NULL;
	if ((d->kind == SCT_DATA_STRING || d->kind == SCT_DATA_STRING_TRUNC) &&
	    p[d->len - 1])
		return NULL;
	return p;
}

/**
 * sct_record_data - the bytes a data item of a call record points to
 * @rec: the record
 * @d: one of its data items
 *
 * Return: the bytes, or NULL when the item is absent or does not fit in
 * the record.  A string item is NUL-terminated within the record.
 */
const char *sct_record_data(const struct sct_record_call *rec,
			    const struct sct_record_data *d)
{
	const char *p = sct_item_data(&rec->hdr, sizeof(*rec), d);

	/* The rule's name and the text are strings too. */
	if (p && (d == &rec->rule || d == &rec->text) && p[d->len - 1])
		return NULL;
	return p;
}

/* The bytes of a compact record before its data: its items included. */
static size_t sct_record_syscall_fixed(const struct sct_record_syscall *rec)
{
	return rec->data_off ? rec->data_off + 6 * sizeof(struct sct_record_data) :
			       sizeof(*rec);
}

/**
 * sct_record_syscall_items - the data items of a compact call record
 * @rec: a record of type %SCT_RECORD_SYSCALL, from sct_log_next()
 *
 * Return: its six data items, or NULL for a record that has none, or
 * whose items are not within it, after its fixed part and aligned.
 */
const struct sct_record_data *
sct_record_syscall_items(const struct sct_record_syscall *rec)
{
	if (!rec->data_off || rec->data_off < sizeof(*rec) ||
	    rec->data_off % 8 ||
	    rec->hdr.size < rec->data_off + 6 * sizeof(struct sct_record_data))
		return NULL;
	return (const void *)((const char *)rec + rec->data_off);
}

/**
 * sct_record_syscall_data - the bytes a data item of a compact record
 * points to
 * @rec: the record
 * @d: one of its data items (sct_record_syscall_items())
 *
 * Return: as sct_record_data().
 */
const char *sct_record_syscall_data(const struct sct_record_syscall *rec,
				    const struct sct_record_data *d)
{
	return sct_item_data(&rec->hdr, sct_record_syscall_fixed(rec), d);
}

/* The name of the record's rule, or "?". */
const char *sct_record_rule(const struct sct_record_call *rec)
{
	return sct_record_data(rec, &rec->rule) ?: "?";
}

/* The record as the rule's log_format shows it, or "". */
const char *sct_record_text(const struct sct_record_call *rec)
{
	return sct_record_data(rec, &rec->text) ?: "";
}

/**
 * sct_record_abi - the ABI of the call a record tells of
 * @rec: the record
 *
 * Return: %SCT_ABI_NATIVE, %SCT_ABI_COMPAT or %SCT_ABI_X32 (or another
 * value a newer kernel may write).  Records of version 1 have no ABI:
 * their byte is zero, native.
 */
int sct_record_abi(const struct sct_record_call *rec)
{
	return rec->abi;
}

/**
 * sct_record_call_id - the id of the call a record tells of
 * @rec: the record
 *
 * The records of one call, of its entry and of its exit, have the same
 * id, and no other call of the boot has it.
 *
 * Return: the id, or 0 for a record of a kernel that gives none (record
 * version 2 and before).
 */
unsigned long long sct_record_call_id(const struct sct_record_call *rec)
{
	if (rec->hdr.version >= 3 &&
	    rec->hdr.size >= offsetof(struct sct_record_call, call_id) +
			     sizeof(rec->call_id))
		return rec->call_id;
	return 0;
}

/**
 * sct_record_syscall - the name of a record's syscall, as its ABI knows it
 * @rec: the record
 *
 * Return: the name in the table of the record's ABI (ia32 213 is
 * "setuid32"), or NULL for a number without one.
 */
const char *sct_record_syscall(const struct sct_record_call *rec)
{
	return sct_syscall_name_abi(sct_record_abi(rec), rec->nr);
}

/*
 * The civil date of day @days since 1970-01-01, in the proleptic
 * Gregorian calendar, by arithmetic alone: gmtime_r() would read TZ
 * (tzset()) and /etc/localtime, and libsct reads no environment.
 * Eras of 400 years (146097 days) from 0000-03-01, as in Howard
 * Hinnant's days_from_civil; @days is not negative here.
 */
static void sct_civil(uint64_t days, uint64_t *y, unsigned int *m,
		      unsigned int *d)
{
	uint64_t z = days + 719468, era = z / 146097;
	unsigned int doe = z - era * 146097;
	unsigned int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned int mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/**
 * sct_format_time - a record's time as ISO 8601, in UTC
 * @buf: where it goes
 * @size: bytes in @buf; 32 are enough
 * @ns: nanoseconds since the epoch
 *
 * Return: 0, or -ENOSPC if @buf is too small.
 */
int sct_format_time(char *buf, size_t size, uint64_t ns)
{
	uint64_t sec = ns / 1000000000, year;
	unsigned int month, day, rem = sec % 86400;
	int n;

	sct_civil(sec / 86400, &year, &month, &day);
	n = snprintf(buf, size, "%04llu-%02u-%02uT%02u:%02u:%02u.%06uZ",
		     (unsigned long long)year, month, day, rem / 3600,
		     rem / 60 % 60, rem % 60,
		     (unsigned int)(ns % 1000000000 / 1000));
	return n < 0 || (size_t)n >= size ? -ENOSPC : 0;
}

/*
 * The length of the UTF-8 sequence at @p, of at most @n bytes (RFC 3629:
 * no overlong forms, no surrogates, nothing past U+10FFFF), or 0 when
 * it is not one.
 */
static size_t sct_utf8_len(const unsigned char *p, size_t n)
{
	size_t len, i;
	uint32_t c;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
		c = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		c = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		c = p[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	return len;
}

/*
 * A JSON string of the bytes of @s up to its NUL or @max: valid UTF-8 as
 * it is, '"', '\\' and control characters escaped, and each byte that is
 * not part of valid UTF-8 as U+FFFD ("\ufffd").  Return: false if there
 * was such a byte.
 */
static bool sct_json_utf8(FILE *out, const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, n = strnlen(s, max), len;
	bool valid = true;

	putc('"', out);
	for (i = 0; i < n; i += len) {
		len = sct_utf8_len(p + i, n - i);
		if (!len) {
			fputs("\\ufffd", out);
			valid = false;
			len = 1;
			continue;
		}
		switch (p[i]) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		default:
			if (p[i] < 0x20 || p[i] == 0x7f)
				fprintf(out, "\\u%04x", p[i]);
			else
				fwrite(p + i, 1, len, out);
		}
	}
	putc('"', out);
	return valid;
}

/*
 * A JSON string: see sct_json_utf8().  Bytes that are not valid UTF-8
 * are U+FFFD; sctlog(1) documents the schema.  Return: false if there
 * was such a byte (the caller may give the bytes too, in hex).
 */
bool sct_json_string(FILE *out, const char *s, size_t max)
{
	return sct_json_utf8(out, s, max);
}

/* Bytes in lowercase hex, two digits a byte. */
void sct_json_hex(FILE *out, const unsigned char *data, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		putc(hex[data[i] >> 4], out);
		putc(hex[data[i] & 0xf], out);
	}
}

/* Would sct_json_utf8() replace a byte of @s (up to its NUL or @max)? */
static bool sct_utf8_valid(const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, n = strnlen(s, max), len;

	for (i = 0; i < n; i += len) {
		len = sct_utf8_len(p + i, n - i);
		if (!len)
			return false;
	}
	return true;
}

static void sct_json_sockaddr(FILE *out, const char *data, unsigned int len)
{
	const struct sockaddr_in6 *sin6 = (const void *)data;
	const struct sockaddr_in *sin = (const void *)data;
	char addr[INET6_ADDRSTRLEN];
	sa_family_t family;

	/* Not even a family: nothing past @len is read. */
	if (len < sizeof(family)) {
		fputs("{\"family\":null}", out);
		return;
	}
	memcpy(&family, data, sizeof(family));
	if (family == AF_INET && len >= sizeof(*sin)) {
		inet_ntop(AF_INET, &sin->sin_addr, addr, sizeof(addr));
		fprintf(out, "{\"family\":\"AF_INET\",\"port\":%u,\"addr\":\"%s\"}",
			ntohs(sin->sin_port), addr);
	} else if (family == AF_INET6 &&
		   len >= offsetof(struct sockaddr_in6, sin6_scope_id)) {
		/* RFC 2133's, without the scope id, will do, as for connect(). */
		inet_ntop(AF_INET6, &sin6->sin6_addr, addr, sizeof(addr));
		fprintf(out, "{\"family\":\"AF_INET6\",\"port\":%u,\"addr\":\"%s\"}",
			ntohs(sin6->sin6_port), addr);
	} else {
		fprintf(out, "{\"family\":%u}", family);
	}
}

/*
 * A captured struct or buffer: {"bytes":"<hex>","truncated":bool}, its
 * @len bytes in lowercase hex, two digits a byte.
 */
static void sct_json_bytes(FILE *out, const unsigned char *data,
			   unsigned int len, bool truncated)
{
	fputs("{\"bytes\":\"", out);
	sct_json_hex(out, data, len);
	fprintf(out, "\",\"truncated\":%s}", truncated ? "true" : "false");
}

/*
 * A captured array of strings: a u32 count, then the strings, each
 * NUL-terminated, in @len bytes (at least the count's 4):
 * {"count":N,"strings":[...],"truncated":bool}.  No more strings than
 * the count says are shown, and none past @len: a last string without
 * its NUL is shown up to @len, cut.  The array is truncated when the
 * kernel says so (@truncated), when it has more strings than the record
 * carries, or when one was cut here.
 */
static void sct_json_strv(FILE *out, const char *data, unsigned int len,
			  bool truncated)
{
	unsigned int pos = sizeof(uint32_t), shown = 0;
	const char *nul;
	uint32_t count;

	memcpy(&count, data, sizeof(count));
	fprintf(out, "{\"count\":%u,\"strings\":[", count);
	while (shown < count && pos < len) {
		nul = memchr(data + pos, '\0', len - pos);
		if (shown)
			putc(',', out);
		sct_json_string(out, data + pos, len - pos);
		shown++;
		if (!nul) {
			truncated = true;
			break;
		}
		pos = nul - data + 1;
	}
	if (shown < count)
		truncated = true;
	fprintf(out, "],\"truncated\":%s}", truncated ? "true" : "false");
}

/*
 * A string of a call's data: a JSON string if it is valid UTF-8 and
 * whole, else {"string":S,"truncated":true} for the start of a longer
 * one, and "hex" (its bytes, two lowercase hex digits each) in that
 * object when it is not valid UTF-8, so that no byte is lost.
 */
static void sct_json_data_string(FILE *out, const char *data, size_t len,
				 bool truncated)
{
	bool valid = sct_utf8_valid(data, len);

	if (valid && !truncated) {
		sct_json_utf8(out, data, len);
		return;
	}
	fputs("{\"string\":", out);
	sct_json_utf8(out, data, len);
	if (truncated)
		fputs(",\"truncated\":true", out);
	if (!valid) {
		fputs(",\"hex\":\"", out);
		sct_json_hex(out, (const unsigned char *)data,
			     strnlen(data, len));
		putc('"', out);
	}
	putc('}', out);
}

/*
 * The data of parameter @d of a call record, as JSON; false, with
 * nothing written, for data that is absent or does not fit the record.
 */
static bool sct_json_param(FILE *out, const struct sct_record_header *rec,
			   size_t fixed, const struct sct_record_data *d,
			   const char *key)
{
	const char *data = sct_item_data(rec, fixed, d);

	if (d->kind == SCT_DATA_FAULT) {
		fprintf(out, "%s{\"fault\":true}", key);
		return true;
	}
	if (!data)
		return false;
	switch (d->kind) {
	case SCT_DATA_SOCKADDR:
		fputs(key, out);
		sct_json_sockaddr(out, data, d->len);
		break;
	case SCT_DATA_STRING:
	case SCT_DATA_STRING_TRUNC:
		fputs(key, out);
		sct_json_data_string(out, data, d->len,
				     d->kind == SCT_DATA_STRING_TRUNC);
		break;
	case SCT_DATA_BYTES:
	case SCT_DATA_BYTES_TRUNC:
		fputs(key, out);
		sct_json_bytes(out, (const unsigned char *)data, d->len,
			       d->kind == SCT_DATA_BYTES_TRUNC);
		break;
	case SCT_DATA_STRV:
	case SCT_DATA_STRV_TRUNC:
		/* Not even the count: as data that does not fit. */
		if (d->len < sizeof(uint32_t))
			return false;
		fputs(key, out);
		sct_json_strv(out, data, d->len,
			      d->kind == SCT_DATA_STRV_TRUNC);
		break;
	default:
		fputs(key, out);
		sct_json_data_string(out, data, d->len, false);
	}
	return true;
}

/*
 * The end of a call's JSON object, its arguments, data and return value,
 * from record @rec of @fixed bytes before its data; @param NULL for a
 * record without data items.
 */
static void sct_json_call_tail(FILE *out, const struct sct_record_header *rec,
			       size_t fixed, const __u64 *args,
			       const struct sct_record_data *param, int when,
			       long long retval)
{
	bool first = true;
	char key[16];
	int i;

	/* 64 bits: strings, which JSON's 53-bit numbers cannot spoil. */
	fputs(",\"args\":[", out);
	for (i = 0; i < 6; i++)
		fprintf(out, "%s\"%llu\"", i ? "," : "",
			(unsigned long long)args[i]);
	/* By parameter, from 1 as filters count PARAMS[1]. */
	fputs("],\"data\":{", out);
	for (i = 0; param && i < 6; i++) {
		snprintf(key, sizeof(key), "%s\"%d\":", first ? "" : ",",
			 i + 1);
		if (sct_json_param(out, rec, fixed, &param[i], key))
			first = false;
	}
	fputs("}", out);
	if (when == SCT_WHEN_AFTER)
		fprintf(out, ",\"retval\":%lld", retval);
}

/*
 * The start of a call's JSON object: "type" @type, then what call records
 * of both forms have, up to its id.
 */
static void sct_json_call_head(FILE *out, const char *type,
			       const struct sct_record_header *rec,
			       uint64_t time_ns, const char *rule,
			       uint64_t rule_id, int abi_nr, int nr, int when,
			       unsigned long long call_id)
{
	const char *name = sct_syscall_name_abi(abi_nr, nr);
	const char *abi = sct_abi_name(abi_nr);
	char time[40];

	if (sct_format_time(time, sizeof(time), time_ns))
		time[0] = '\0';
	fprintf(out, "{\"schema\":%d,\"type\":\"%s\",\"seq\":%llu,\"time\":\"%s\",\"time_ns\":\"%llu\",\"rule\":",
		SCT_JSON_SCHEMA, type, (unsigned long long)rec->seq, time,
		(unsigned long long)time_ns);
	sct_json_string(out, rule, SIZE_MAX);
	fprintf(out, ",\"rule_id\":%llu,\"abi\":",
		(unsigned long long)rule_id);
	if (abi)
		sct_json_string(out, abi, SIZE_MAX);
	else
		fputs("null", out);
	fprintf(out, ",\"nr\":%d,\"syscall\":", nr);
	if (name)
		sct_json_string(out, name, SIZE_MAX);
	else
		fputs("null", out);
	fprintf(out, ",\"when\":\"%s\",\"call_id\":\"%llu\"",
		when == SCT_WHEN_AFTER ? "after" : "before", call_id);
}

static void sct_json_call(FILE *out, const struct sct_record_call *rec,
			  const char *rule)
{
	sct_json_call_head(out, "call", &rec->hdr, rec->time_ns,
			   rule ?: sct_record_rule(rec), rec->rule_id,
			   sct_record_abi(rec), rec->nr, rec->when,
			   sct_record_call_id(rec));
	fprintf(out, ",\"cpu\":%u,\"pid\":%d,\"tid\":%d,\"ppid\":%d",
		rec->cpu, rec->pid, rec->tid, rec->ppid);
	fprintf(out, ",\"uid\":%u,\"euid\":%u,\"suid\":%u,\"fsuid\":%u,\"gid\":%u,\"egid\":%u,\"sgid\":%u,\"fsgid\":%u,\"comm\":",
		rec->uid, rec->euid, rec->suid, rec->fsuid, rec->gid,
		rec->egid, rec->sgid, rec->fsgid);
	sct_json_string(out, rec->comm, sizeof(rec->comm));
	sct_json_call_tail(out, &rec->hdr, sizeof(*rec), rec->args, rec->param,
			   rec->when, rec->retval);
	fputs(",\"text\":", out);
	sct_json_string(out, sct_record_text(rec), SIZE_MAX);
	fputs("}\n", out);
}

/* A compact call record: what it has of a call record, no more. */
static void sct_json_syscall(FILE *out, const struct sct_record_syscall *rec,
			     const char *rule)
{
	sct_json_call_head(out, "syscall", &rec->hdr, rec->time_ns,
			   rule ?: "?", rec->rule_id, rec->abi, rec->nr,
			   rec->when, rec->call_id);
	fprintf(out, ",\"pid\":%d,\"tid\":%d", rec->pid, rec->tid);
	sct_json_call_tail(out, &rec->hdr, sct_record_syscall_fixed(rec),
			   rec->args, sct_record_syscall_items(rec), rec->when,
			   rec->retval);
	fputs("}\n", out);
}

/* ---- Lines of text, as the kernel's. ---- */

/* A text being written into a buffer that may be too small. */
struct sct_text {
	char *buf;
	size_t size;
	size_t len;	/* the length of the whole text, kept or not */
};

static void sct_text_put(struct sct_text *t, const char *s, size_t n)
{
	size_t room;

	if (t->len + 1 < t->size) {
		room = t->size - t->len - 1;
		memcpy(t->buf + t->len, s, n < room ? n : room);
	}
	t->len += n;
}

static __attribute__((format(printf, 2, 3)))
void sct_text_printf(struct sct_text *t, const char *fmt, ...)
{
	char tmp[64];	/* numbers and short words only */
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n > 0)
		sct_text_put(t, tmp, (size_t)n < sizeof(tmp) ? (size_t)n :
							    sizeof(tmp) - 1);
}

/*
 * A string as the kernel's log lines show it (sct_put_string() in
 * kernel/sct/format.c, as strace does): quoted; quotes and backslashes
 * after a backslash; \n, \t, \r, \v and \f; other bytes outside
 * printable ASCII as three octal digits; "..." after the start of a
 * longer string.
 */
static void sct_text_string(struct sct_text *t, const char *s, size_t max,
			    bool truncated)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, n = strnlen(s, max);
	char esc[8];

	sct_text_put(t, "\"", 1);
	for (i = 0; i < n; i++) {
		switch (p[i]) {
		case '"':
		case '\\':
			esc[0] = '\\';
			esc[1] = p[i];
			sct_text_put(t, esc, 2);
			break;
		case '\n':
			sct_text_put(t, "\\n", 2);
			break;
		case '\t':
			sct_text_put(t, "\\t", 2);
			break;
		case '\r':
			sct_text_put(t, "\\r", 2);
			break;
		case '\v':
			sct_text_put(t, "\\v", 2);
			break;
		case '\f':
			sct_text_put(t, "\\f", 2);
			break;
		default:
			if (p[i] >= ' ' && p[i] < 0x7f)
				sct_text_put(t, s + i, 1);
			else
				sct_text_printf(t, "\\%03o", p[i]);
		}
	}
	sct_text_put(t, "\"", 1);
	if (truncated)
		sct_text_put(t, "...", 3);
}

/* ---- Lines of call records, as the kernel's default log_format. ---- */

/*
 * The kernel's SCT_GATE_BITS: a call numbered at or above it has no slot,
 * and so no name and no parameter types in its lines.
 */
#define SCT_SLOT_NR_MAX	1024

/*
 * An IPv6 address as the kernel's %pI6c writes it (RFC 5952): words in
 * hex without leading zeros, the first longest run of two or more zero
 * words as "::"; a v4-mapped (::ffff:0:0/96) or ISATAP (the words before
 * the last two 0:5efe or 200:5efe) address ends in dotted IPv4.
 */
static void sct_ip6_text(char *buf, size_t size, const unsigned char *a)
{
	int i, run, best = 1, at = -1, range;
	bool v4, colon = false;
	unsigned int w[8];
	size_t n = 0;

	for (i = 0; i < 8; i++)
		w[i] = a[2 * i] << 8 | a[2 * i + 1];
	v4 = (!w[0] && !w[1] && !w[2] && !w[3] && !w[4] && w[5] == 0xffff) ||
	     ((w[4] | 0x200) == 0x200 && w[5] == 0x5efe);
	range = v4 ? 6 : 8;
	for (i = 0; i < range; i++) {
		for (run = 0; i + run < range && !w[i + run]; run++)
			;
		if (run > best) {
			best = run;
			at = i;
		}
	}
	buf[0] = '\0';
	for (i = 0; i < range && n < size; i++) {
		if (i == at) {
			n += snprintf(buf + n, size - n, "%s:",
				      colon || !i ? ":" : "");
			colon = false;
			i += best - 1;
			continue;
		}
		n += snprintf(buf + n, size - n, "%s%x", colon ? ":" : "",
			      w[i]);
		colon = true;
	}
	if (v4 && n < size)
		snprintf(buf + n, size - n, "%s%u.%u.%u.%u", colon ? ":" : "",
			 a[12], a[13], a[14], a[15]);
}

/* A socket address, as the kernel's sct_put_sockaddr() shows it. */
static void sct_text_sockaddr(struct sct_text *t, const char *data,
			      unsigned int len)
{
	struct sockaddr_in6 sin6 = {};
	struct sockaddr_in sin;
	sa_family_t family;
	const unsigned char *a;
	char addr[64];

	if (len < sizeof(family))
		return;
	memcpy(&family, data, sizeof(family));
	if (len >= sizeof(sin) && family == AF_INET) {
		memcpy(&sin, data, sizeof(sin));
		a = (const unsigned char *)&sin.sin_addr;
		sct_text_printf(t, "{sa_family=AF_INET, sin_port=htons(%u), ",
				ntohs(sin.sin_port));
		sct_text_printf(t, "sin_addr=inet_addr(\"%u.%u.%u.%u\")}",
				a[0], a[1], a[2], a[3]);
	} else if (len >= offsetof(struct sockaddr_in6, sin6_scope_id) &&
		   family == AF_INET6) {
		memcpy(&sin6, data, len < sizeof(sin6) ? len : sizeof(sin6));
		sct_ip6_text(addr, sizeof(addr), sin6.sin6_addr.s6_addr);
		sct_text_printf(t, "{sa_family=AF_INET6, sin6_port=htons(%u), ",
				ntohs(sin6.sin6_port));
		sct_text_put(t, "sin6_addr=\"", 11);
		sct_text_put(t, addr, strlen(addr));
		sct_text_put(t, "\"}", 2);
	} else {
		sct_text_printf(t, "{sa_family=%u}", family);
	}
}

/*
 * Parameter @i of a call, of @type (a character of params.awk), as the
 * kernel's sct_put_param() shows it: its string or socket address when
 * the record carries one, else its value by its type.  The data items
 * are checked against the record's size as the kernel checks them.
 */
static void sct_text_param(struct sct_text *t,
			   const struct sct_record_header *rec,
			   const struct sct_record_data *d, uint64_t v,
			   char type)
{
	const char *data = (const char *)rec + (d ? d->off : 0);

	if (d && d->len && (size_t)d->off + d->len <= rec->size) {
		switch (d->kind) {
		case SCT_DATA_STRING:
		case SCT_DATA_STRING_TRUNC:
			sct_text_string(t, data, d->len,
					d->kind == SCT_DATA_STRING_TRUNC);
			return;
		case SCT_DATA_SOCKADDR:
			sct_text_sockaddr(t, data, d->len);
			return;
		}
	}

	switch (type) {
	case 'i':
		sct_text_printf(t, "%d", (int)v);
		break;
	case 'u':
		sct_text_printf(t, "%u", (unsigned int)v);
		break;
	case 'l':
		sct_text_printf(t, "%lld", (long long)v);
		break;
	case 'U':
		sct_text_printf(t, "%llu", (unsigned long long)v);
		break;
	case 'h':
		sct_text_printf(t, "%u", (unsigned int)(uint16_t)v);
		break;
	default:
		if (v)
			sct_text_printf(t, "0x%llx", (unsigned long long)v);
		else
			sct_text_put(t, "NULL", 4);
	}
}

/*
 * The call of a line: "NAME(PARAMS)", and " = RETVAL" on exit, from
 * record @rec, whose data items are @param (NULL for none).
 */
static void sct_text_call(struct sct_text *t,
			  const struct sct_record_header *rec, int abi, int nr,
			  const __u64 *args,
			  const struct sct_record_data *param, int when,
			  long long retval)
{
	const char *name = NULL, *types = NULL;
	int i, n;

	if (nr >= 0 && nr < SCT_SLOT_NR_MAX && sct_abi_name(abi)) {
		name = sct_syscall_name_abi(abi, nr);
		types = sct_rf_syscall_types(abi, nr);
	}
	if (name)
		sct_text_put(t, name, strlen(name));
	else
		sct_text_printf(t, "syscall_%d", nr);
	sct_text_put(t, "(", 1);
	/* Six hexadecimal numbers for a syscall without a prototype. */
	n = types ? (int)strlen(types) : 6;
	for (i = 0; i < n && i < 6; i++) {
		if (i)
			sct_text_put(t, ", ", 2);
		sct_text_param(t, rec, param ? &param[i] : NULL, args[i],
			       types ? types[i] : 'x');
	}
	sct_text_put(t, ")", 1);
	if (when == SCT_WHEN_AFTER)
		sct_text_printf(t, " = %lld", retval);
}

/*
 * Line @line of @t, into @buf of @size, cut as the kernel cuts a line
 * longer than its buffer; the return value of sct_record_call_text().
 */
static int sct_text_done(struct sct_text *t, char *line, size_t max,
			 char *buf, size_t size)
{
	size_t len = t->len;

	/* A line that does not fit the kernel's buffer ends in "...". */
	if (len >= max) {
		memcpy(line + max - 4, "...", 4);
		len = max - 1;
	} else {
		line[len] = '\0';
	}
	if (size) {
		memcpy(buf, line, len < size ? len : size - 1);
		buf[len < size ? len : size - 1] = '\0';
	}
	if (size && len >= size)
		return -ENOSPC;
	return len;
}

/* The rule of a line: its name, or its id in decimal. */
static void sct_text_rule(struct sct_text *t, const char *rule_name,
			  uint64_t rule_id)
{
	if (rule_name)
		sct_text_put(t, rule_name, strlen(rule_name));
	else
		sct_text_printf(t, "%llu", (unsigned long long)rule_id);
	sct_text_put(t, " ", 1);
}

int sct_record_call_text(char *buf, size_t size,
			 const struct sct_record_call *rec,
			 const char *rule_name)
{
	char line[SCT_RECORD_TEXT_MAX];
	struct sct_text t = { .buf = line, .size = sizeof(line) };

	/* Every field the line shows; call_id (version 3) is not one. */
	if (rec->hdr.size < offsetof(struct sct_record_call, call_id))
		return -EPROTO;
	/*
	 * "%ruleid %comm[%pid] uid=%uid %sname(%params)", and " = %retval"
	 * after it for an after rule: SCT_LOG_DEFAULT_BEFORE and
	 * SCT_LOG_DEFAULT_AFTER of kernel/sct/log.c, as sct_format() in
	 * kernel/sct/format.c writes them.
	 */
	if (!rule_name)
		rule_name = sct_record_data(rec, &rec->rule);
	sct_text_rule(&t, rule_name, rec->rule_id);
	sct_text_string(&t, rec->comm, sizeof(rec->comm), false);
	sct_text_printf(&t, "[%d] uid=%u ", rec->pid, rec->uid);
	sct_text_call(&t, &rec->hdr, sct_record_abi(rec), rec->nr, rec->args,
		      rec->param, rec->when, rec->retval);
	return sct_text_done(&t, line, sizeof(line), buf, size);
}

int sct_record_syscall_text(char *buf, size_t size,
			    const struct sct_record_syscall *rec,
			    const char *rule_name)
{
	char line[SCT_RECORD_TEXT_MAX];
	struct sct_text t = { .buf = line, .size = sizeof(line) };

	if (rec->hdr.size < sizeof(*rec))
		return -EPROTO;
	sct_text_rule(&t, rule_name, rec->rule_id);
	sct_text_printf(&t, "[%d/%d] ", rec->pid, rec->tid);
	sct_text_call(&t, &rec->hdr, rec->abi, rec->nr, rec->args,
		      sct_record_syscall_items(rec), rec->when, rec->retval);
	return sct_text_done(&t, line, sizeof(line), buf, size);
}

/* ---- Task records. ---- */

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* The names of the signals, by the numbers of <signal.h> (the kernel's). */
static const char *const sct_signal_names[] = {
	[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT",
	[SIGILL] = "SIGILL", [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT",
	[SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE", [SIGKILL] = "SIGKILL",
	[SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
	[SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM",
#ifdef SIGSTKFLT
	[SIGSTKFLT] = "SIGSTKFLT",
#endif
	[SIGCHLD] = "SIGCHLD", [SIGCONT] = "SIGCONT", [SIGSTOP] = "SIGSTOP",
	[SIGTSTP] = "SIGTSTP", [SIGTTIN] = "SIGTTIN", [SIGTTOU] = "SIGTTOU",
	[SIGURG] = "SIGURG", [SIGXCPU] = "SIGXCPU", [SIGXFSZ] = "SIGXFSZ",
	[SIGVTALRM] = "SIGVTALRM", [SIGPROF] = "SIGPROF",
	[SIGWINCH] = "SIGWINCH", [SIGIO] = "SIGIO", [SIGPWR] = "SIGPWR",
	[SIGSYS] = "SIGSYS",
};

/* A signal's name, or NULL (real-time signals have none). */
static const char *sct_signal_name(int signo)
{
	if (signo <= 0 || (size_t)signo >= ARRAY_SIZE(sct_signal_names))
		return NULL;
	return sct_signal_names[signo];
}

/*
 * The path of an exec record, NUL-terminated within the record, or NULL
 * when it is absent or does not fit (as sct_record_data() does).
 */
static const char *sct_task_path(const struct sct_record_task *rec)
{
	const struct sct_record_data *d = &rec->path;
	const char *p = (const char *)rec + d->off;

	if (!d->len || d->off < sizeof(*rec) ||
	    (size_t)d->off + d->len > rec->hdr.size || p[d->len - 1])
		return NULL;
	return p;
}

int sct_record_task_text(char *buf, size_t size,
			 const struct sct_record_task *rec)
{
	struct sct_text t = { .buf = buf, .size = size };
	const char *path;

	if (rec->hdr.size < sizeof(*rec))
		return -EPROTO;
	/* The line of sct_log_task_text() in kernel/sct/log.c. */
	sct_text_string(&t, rec->comm, sizeof(rec->comm), false);
	sct_text_printf(&t, "[%d/%d] ", rec->pid, rec->tid);
	switch (rec->event) {
	case SCT_TASK_FORK:
		sct_text_printf(&t, "fork %d/%d flags %#llx", rec->child_pid,
				rec->child_tid,
				(unsigned long long)rec->flags);
		break;
	case SCT_TASK_EXEC:
		sct_text_put(&t, "exec ", 5);
		path = sct_task_path(rec);
		if (path)
			sct_text_string(&t, path, rec->path.len - 1,
					rec->path.kind ==
					SCT_DATA_STRING_TRUNC);
		if (rec->old_tid != rec->tid)
			sct_text_printf(&t, " from thread %d", rec->old_tid);
		break;
	case SCT_TASK_SIGNAL:
		sct_text_printf(&t, "signal %d code %d from %d uid %u",
				rec->signo, rec->code, rec->sender_pid,
				rec->sender_uid);
		break;
	case SCT_TASK_EXIT:
		if (rec->status & 0x7f)
			sct_text_printf(&t, "killed by signal %d%s",
					rec->status & 0x7f,
					rec->status & 0x80 ? " (core dumped)" :
							     "");
		else
			sct_text_printf(&t, "exit %d",
					(rec->status >> 8) & 0xff);
		break;
	default:
		sct_text_printf(&t, "event %u", rec->event);
	}
	if (size)
		buf[t.len < size ? t.len : size - 1] = '\0';
	if (size && t.len >= size)
		return -ENOSPC;
	return t.len;
}

/* "signal":NAME, or null. */
static void sct_json_signal(FILE *out, int signo)
{
	const char *name = sct_signal_name(signo);

	fputs(",\"signal\":", out);
	if (name)
		sct_json_string(out, name, SIZE_MAX);
	else
		fputs("null", out);
}

static void sct_json_task(FILE *out, const struct sct_record_task *rec)
{
	static const char *const events[] = {
		[SCT_TASK_FORK] = "fork",
		[SCT_TASK_EXEC] = "exec",
		[SCT_TASK_SIGNAL] = "signal",
		[SCT_TASK_EXIT] = "exit",
	};
	const char *path;
	char time[40];

	if (sct_format_time(time, sizeof(time), rec->time_ns))
		time[0] = '\0';
	fprintf(out, "{\"schema\":%d,\"type\":\"task\",\"seq\":%llu,\"time\":\"%s\",\"time_ns\":\"%llu\",\"event\":",
		SCT_JSON_SCHEMA, (unsigned long long)rec->hdr.seq, time,
		(unsigned long long)rec->time_ns);
	if (rec->event < ARRAY_SIZE(events) && events[rec->event])
		fprintf(out, "\"%s\"", events[rec->event]);
	else
		fputs("null", out);
	fprintf(out, ",\"call_id\":\"%llu\",\"traces\":\"%llu\",\"cpu\":%u,\"pid\":%d,\"tid\":%d,\"ppid\":%d,\"comm\":",
		(unsigned long long)rec->call_id,
		(unsigned long long)rec->traces, rec->cpu, rec->pid,
		rec->tid, rec->ppid);
	sct_json_string(out, rec->comm, sizeof(rec->comm));
	switch (rec->event) {
	case SCT_TASK_FORK:
		fprintf(out, ",\"child_pid\":%d,\"child_tid\":%d,\"flags\":%llu",
			rec->child_pid, rec->child_tid,
			(unsigned long long)rec->flags);
		break;
	case SCT_TASK_EXEC:
		path = sct_task_path(rec);
		fputs(",\"path\":", out);
		if (path)
			sct_json_utf8(out, path, rec->path.len);
		else
			fputs("null", out);
		/* A path that is not UTF-8: its bytes too. */
		if (path && !sct_utf8_valid(path, rec->path.len)) {
			fputs(",\"path_hex\":\"", out);
			sct_json_hex(out, (const unsigned char *)path,
				     strnlen(path, rec->path.len));
			putc('"', out);
		}
		fprintf(out, ",\"path_truncated\":%s,\"old_tid\":%d",
			path && rec->path.kind == SCT_DATA_STRING_TRUNC ?
			"true" : "false", rec->old_tid);
		break;
	case SCT_TASK_SIGNAL:
		fprintf(out, ",\"signo\":%d", rec->signo);
		sct_json_signal(out, rec->signo);
		fprintf(out, ",\"code\":%d,\"sender_pid\":%d,\"sender_uid\":%u",
			rec->code, rec->sender_pid, rec->sender_uid);
		break;
	case SCT_TASK_EXIT:
		fprintf(out, ",\"status\":%d", rec->status);
		if (rec->status & 0x7f) {
			fprintf(out, ",\"signo\":%d", rec->status & 0x7f);
			sct_json_signal(out, rec->status & 0x7f);
			fprintf(out, ",\"core_dumped\":%s",
				rec->status & 0x80 ? "true" : "false");
		} else {
			fprintf(out, ",\"exit_code\":%d",
				(rec->status >> 8) & 0xff);
		}
		break;
	}
	fputs("}\n", out);
}

/**
 * sct_record_json - print a record as one line of JSON
 * @out: where to
 * @rec: the record, from sct_log_next()
 *
 * Call records give {"type":"call",...}, with "abi" ("x86_64", "ia32"
 * or "x32") and "syscall" named as that ABI knows it; lost records
 * {"type":"lost","seq":first,"count":n}; task records
 * {"type":"task",...,"event":"fork"|"exec"|"signal"|"exit",...}, with
 * the fields of their event (see sctlog(1)).
 *
 * Return: 0, or -EPROTO for a record type it does not know, or a task
 * record shorter than struct sct_record_task (nothing printed).
 */
int sct_record_json(FILE *out, const struct sct_record_header *rec)
{
	return sct_record_json_rule(out, rec, NULL);
}

int sct_record_json_rule(FILE *out, const struct sct_record_header *rec,
			 const char *rule)
{
	const struct sct_record_lost *lost = (const void *)rec;

	switch (rec->type) {
	case SCT_RECORD_CALL:
		sct_json_call(out, (const void *)rec, rule);
		return 0;
	case SCT_RECORD_SYSCALL:
		sct_json_syscall(out, (const void *)rec, rule);
		return 0;
	case SCT_RECORD_LOST:
		fprintf(out, "{\"schema\":%d,\"type\":\"lost\",\"seq\":%llu,\"count\":%llu}\n",
			SCT_JSON_SCHEMA, (unsigned long long)rec->seq,
			(unsigned long long)lost->count);
		return 0;
	case SCT_RECORD_TASK:
		if (rec->size < sizeof(struct sct_record_task))
			return -EPROTO;
		sct_json_task(out, (const void *)rec);
		return 0;
	}
	return -EPROTO;
}
