/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libsct: what the parts of the rule-file parser share (the scanner
 * rulefile.l, the grammar rulefile.y, the rules in rules.c and the
 * filters in filter.c), and what the other parts of libsct share with
 * each other.  Not installed.
 */
#ifndef SCT_RULES_INTERNAL_H
#define SCT_RULES_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sct-private.h"

/*
 * Characters as the C locale classifies them, whatever the locale of the
 * program libsct is in: keywords, names, constants and numbers are ASCII,
 * and in a Turkish locale tolower('I') is not 'i' (strcasecmp("FAIL",
 * "fail") is not 0), in Latin-5 isalnum(0xfd) is true.  libsct uses
 * these, never <ctype.h>'s or strcasecmp(), which follow the locale.
 */
static inline int sct_tolower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static inline int sct_toupper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

static inline bool sct_isalnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/* ' ', \t, \n, \v, \f and \r. */
static inline bool sct_isspace(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static inline bool sct_isprint(int c)
{
	return c >= ' ' && c < 0x7f;
}

static inline int sct_strncasecmp(const char *a, const char *b, size_t n)
{
	int ca, cb;

	for (; n; n--, a++, b++) {
		ca = sct_tolower((unsigned char)*a);
		cb = sct_tolower((unsigned char)*b);
		if (ca != cb || !ca)
			return ca - cb;
	}
	return 0;
}

static inline int sct_strcasecmp(const char *a, const char *b)
{
	return sct_strncasecmp(a, b, SIZE_MAX);
}

/* The kernel's bounds on filters (kernel/sct/filter.h). */
#define SCT_FILTER_MAX_LEN	4093
#define SCT_FILTER_MAX_PREDS	64
#define SCT_FILTER_MAX_DEPTH	16
#define SCT_FILTER_MAX_LIST	16
#define SCT_STR_MAX		255
#define SCT_NR_PARAMS		6
#define SCT_PID_MAX_LIMIT	(4 * 1024 * 1024)
#define SCT_MAX_ERRNO		4095
/*
 * The largest error_code: 512 and above are the kernel's internal codes
 * (ERESTARTSYS, ...), which must not reach a caller.
 */
#define SCT_ERROR_CODE_MAX	511

/* A symbolic constant of filters (constants.c, generated). */
struct sct_constant {
	const char *name;
	long long value;
};

extern const struct sct_constant sct_rf_constants[];
extern const size_t sct_rf_nconstants;

/*
 * The error names the kernel takes for error_code (errnames.h), and its
 * internal ones (512 and above), which error_code refuses.
 */
extern const char *const sct_rf_errnames[];
extern const size_t sct_rf_nerrnames;
extern const char *const sct_rf_internal_errnames[];
extern const size_t sct_rf_ninternal_errnames;

/* A position in a rule file. */
struct sct_loc {
	int line;
	int col;
};

/* The keys of a rule, for duplicates and for the checks at its end. */
enum sct_key {
	SCT_K_SYSCALL,
	SCT_K_NAME,
	SCT_K_WHEN,
	SCT_K_ORDER,
	SCT_K_CONTINUE,
	SCT_K_FILTER,
	SCT_K_ACTION,
	SCT_K_TYPE,
	SCT_K_ERROR,
	SCT_K_FORMAT,
	SCT_K_TARGET,
	SCT_K_ENABLED,
	SCT_K_FORCE,
	SCT_K_ACT_ON_INIT,
	SCT_K_TRACE,
	SCT_K_CAPTURE_SIZE,
	SCT_NR_KEYS,
};

/* The longest token text kept for messages. */
#define SCT_TOK_TEXT	48

/**
 * struct sct_parse - the state of one parse (no global state)
 * @name: the file name, for messages
 * @errs: where messages go, or NULL
 * @nerrs: the errors reported
 * @oom: memory ran out: the parse fails with -ENOMEM
 * @set: where good rules go
 * @line: the line of the scanner's next character
 * @col: its column
 * @body_loc: the '{' of the body being scanned
 * @str_loc: the '"' of the string being scanned in a filter
 * @depth: the braces open in the body being scanned
 * @body: the body being scanned
 * @body_len: its length
 * @body_alloc: its room
 * @tok: the text of the last token, for syntax errors
 * @prev: the text of the token before it
 * @tok_kw: @tok is a keyword or '='
 * @prev_kw: @prev is a keyword or '='
 * @rule: the rule being parsed
 * @errs_at_start: @nerrs when the rule started
 * @seen: the keys the rule has (bits of enum sct_key)
 * @invalid: the keys whose value is wrong (reported already)
 * @key_loc: where each key is
 * @filter_src: the filter's body as written
 * @filter_len: its length
 * @filter_start: the position of its first character
 * @filter_end: the position of the '}' that ends it
 * @retval_loc: the first %retval of the log format, if any
 * @has_retval: the log format has %retval
 */
struct sct_parse {
	const char *name;
	FILE *errs;
	int nerrs;
	bool oom;
	struct sct_ruleset *set;

	int line;
	int col;
	struct sct_loc body_loc;
	struct sct_loc str_loc;
	int depth;
	char *body;
	size_t body_len;
	size_t body_alloc;
	char tok[SCT_TOK_TEXT];
	char prev[SCT_TOK_TEXT];
	bool tok_kw;
	bool prev_kw;

	struct sct_rule *rule;
	int errs_at_start;
	unsigned int seen;
	unsigned int invalid;
	struct sct_loc key_loc[SCT_NR_KEYS];
	char *filter_src;
	size_t filter_len;
	struct sct_loc filter_start;
	struct sct_loc filter_end;
	struct sct_loc retval_loc;
	bool has_retval;
};

/* rules.c */
void sct_rf_error(struct sct_parse *ps, struct sct_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void sct_rf_quote(char *buf, size_t size, const char *s, size_t len);
void sct_rf_body_add(struct sct_parse *ps, const char *s, size_t len);
void sct_rf_begin(struct sct_parse *ps, struct sct_loc loc);
void sct_rf_end(struct sct_parse *ps);
void sct_rf_value(struct sct_parse *ps, enum sct_key key,
		    struct sct_loc kw, char *val, struct sct_loc loc);
void sct_rf_body(struct sct_parse *ps, enum sct_key key, struct sct_loc kw,
		   char *body, struct sct_loc open, struct sct_loc close);
void sct_rf_key(struct sct_parse *ps, enum sct_key key, struct sct_loc kw);
const char *sct_rf_bad_name(const char *s);
bool sct_rf_balanced(const char *s);
const char *sct_rf_error_code(const char *s, char *out, size_t size);
void sct_rf_format(struct sct_parse *ps, const char *body, size_t len,
		   struct sct_loc start);

/* filter.c */
int sct_rf_filter(struct sct_parse *ps, struct sct_rule *r,
		     const char *src, size_t len, struct sct_loc start,
		     struct sct_loc end);
int sct_rf_knum(const char *s, size_t len, uint64_t *v);
int sct_rf_check_raw(const char *expr, int when, unsigned int *pos,
		     char *msg, size_t size);

/* ids.c */
int sct_rf_lookup_id(const char *file, const char *name, unsigned long *id);

/* config.c, for the log (log.c): the detail of an error, and names. */
void sct_rf_detail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void sct_rf_detail_clear(void);
int sct_rf_trace_name(const char *name);
/* Tests: sct_rules_lock() as on a kernel without file locking. */
void sct_rf_lock_by_socket(bool on);

/* syscalls.c, for the lines of call records (log.c). */
const char *sct_rf_syscall_types(int abi, int nr);

/* The grammar (rulefile.y) and the scanner (rulefile.l). */
int sct_rf_run(struct sct_parse *ps, const char *buf, size_t len);

#endif /* SCT_RULES_INTERNAL_H */
