/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libsct: the C library of the sct tools.
 *
 * The event log: open /dev/sct_records, take its records one by one, and
 * turn them into text or JSON.  Record layouts are in <linux/sct.h>.
 *
 * Functions that fail return -1 (or NULL) and set errno.
 */
#ifndef LIBSCT_H
#define LIBSCT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/sct.h>

#define LIBSCT_VERSION		"0.4"

/* The binary log device and the text one. */
#define SCT_RECORDS_DEVICE	"/dev/sct_records"
#define SCT_LOG_DEVICE		"/dev/sct_log"

/* Flags of sct_log_open(). */
#define SCT_LOG_NONBLOCK	0x1	/* sct_log_next() does not wait */
#define SCT_LOG_NEW		0x2	/* only records written from now on */

struct sct_log;

struct sct_log *sct_log_open(const char *path, int flags);
int sct_log_fd(const struct sct_log *log);
int sct_log_next(struct sct_log *log, const struct sct_record_header **rec);
void sct_log_close(struct sct_log *log);

const char *sct_record_data(const struct sct_record_call *rec,
			    const struct sct_record_data *d);
const char *sct_record_rule(const struct sct_record_call *rec);
const char *sct_record_text(const struct sct_record_call *rec);

const char *sct_syscall_name(int nr);

int sct_format_time(char *buf, size_t size, uint64_t ns);
void sct_json_string(FILE *out, const char *s, size_t max);
int sct_record_json(FILE *out, const struct sct_record_header *rec);

#endif /* LIBSCT_H */
