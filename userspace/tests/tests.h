/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files of the host test program share: TAP results
 * (rules-test.c) and the tests of records-test.c.
 */
#ifndef SCT_TESTS_H
#define SCT_TESTS_H

#include <ftw.h>
#include <stdbool.h>
#include <sys/stat.h>

/* One "ok"/"not ok" line; returns @cond. */
bool ok(bool cond, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Text as TAP diagnostics, under a "# WHAT:" line. */
void diag(const char *what, const char *text);

/* Files of a fake configfs tree (rules-test.c). */
void put_file(const char *dir, const char *name, const char *text);
/* The file's contents, or "(none)"; in a static buffer. */
const char *get_file(const char *dir, const char *name);
/* For nftw(): remove one entry. */
int rm_entry(const char *path, const struct stat *st, int flag,
	     struct FTW *ftw);

/* records-test.c */
void test_call_text(void);
void test_capture_json(void);
void test_streams(void);
void test_format_time(void);

/* session-test.c */
void test_session(void);

/* api-test.c */
void test_api(const char *data);

/* hardening-test.c */
void test_hardening(void);

/* sctrace-summary-test.c */
void test_sctrace_summary(void);

/* sctrace-decode-test.c */
void test_sctrace_decode(void);

#endif /* SCT_TESTS_H */
