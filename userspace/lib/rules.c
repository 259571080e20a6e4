// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libsct: rule files (see sct.h and sct.rules(5)).
 *
 * The scanner (rulefile.l) and the grammar (rulefile.y) find the keys of each
 * rule and their values; here each value is checked and stored, and at
 * the end of the rule what involves several keys: the keys a rule must
 * have, the keys that only some actions take, the filter (filter.c,
 * which needs "when") and the log format's %retval.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "rules-internal.h"


#define SCT_ERRNAME(name)		name,
#define SCT_ERRNAME_INTERNAL(name)
const char *const sct_rf_errnames[] = {
#include "errnames.h"
};
#undef SCT_ERRNAME
#undef SCT_ERRNAME_INTERNAL

const size_t sct_rf_nerrnames = sizeof(sct_rf_errnames) /
				    sizeof(sct_rf_errnames[0]);

#define SCT_ERRNAME(name)
#define SCT_ERRNAME_INTERNAL(name)	name,
const char *const sct_rf_internal_errnames[] = {
#include "errnames.h"
};
#undef SCT_ERRNAME
#undef SCT_ERRNAME_INTERNAL

const size_t sct_rf_ninternal_errnames =
	sizeof(sct_rf_internal_errnames) / sizeof(sct_rf_internal_errnames[0]);

static const char *const sct_key_names[SCT_NR_KEYS] = {
	[SCT_K_SYSCALL]	= "syscall_name",
	[SCT_K_NAME]	= "rule_name",
	[SCT_K_WHEN]	= "when",
	[SCT_K_ORDER]	= "order",
	[SCT_K_CONTINUE] = "continue",
	[SCT_K_FILTER]	= "filter_expression",
	[SCT_K_ACTION]	= "action",
	[SCT_K_TYPE]	= "type",
	[SCT_K_ERROR]	= "error_code",
	[SCT_K_FORMAT]	= "log_format",
	[SCT_K_TARGET]	= "log_target",
	[SCT_K_ENABLED]	= "enabled",
	[SCT_K_FORCE]	= "force",
	[SCT_K_ACT_ON_INIT] = "act_on_init",
	[SCT_K_TRACE]	= "trace",
	[SCT_K_CAPTURE_SIZE] = "capture_size",
};

static const char *const sct_actions[] = { "log", "fail", "suspend", "kill" };
static const char *const sct_targets[] = { "device", "printk", "both" };

/* The macros of log formats (kernel/sct/format.c). */
static const char *const sct_format_macros[] = {
	"ruleid", "sid", "sname", "params", "pid", "tid", "ppid", "uid",
	"euid", "suid", "fsuid", "gid", "egid", "sgid", "fsgid", "comm",
	"retval", "time", "seq", "when", "cpu", "abi",
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Write "file:line:col: error: message" and count it. */
void sct_rf_error(struct sct_parse *ps, struct sct_loc loc, const char *fmt, ...)
{
	va_list ap;

	ps->nerrs++;
	if (!ps->errs)
		return;
	fprintf(ps->errs, "%s:%d:%d: error: ", ps->name, loc.line, loc.col);
	va_start(ap, fmt);
	vfprintf(ps->errs, fmt, ap);
	va_end(ap);
	fputc('\n', ps->errs);
}

/*
 * Text from the file, fit for a one-line message: other bytes than
 * printable ASCII as \xHH, and "..." past what fits in @size.
 */
void sct_rf_quote(char *buf, size_t size, const char *s, size_t len)
{
	size_t i, n = 0;
	unsigned char c;

	for (i = 0; i < len; i++) {
		c = s[i];
		if (n + 8 >= size) {
			snprintf(buf + n, size - n, "...");
			return;
		}
		if (c >= ' ' && c < 0x7f)
			buf[n++] = c;
		else
			n += snprintf(buf + n, size - n, "\\x%02x", c);
	}
	buf[n] = '\0';
}

void sct_rf_body_add(struct sct_parse *ps, const char *s, size_t len)
{
	size_t need = ps->body_len + len + 1;
	char *p;

	if (need > ps->body_alloc) {
		need = need < 256 ? 256 : need * 2;
		p = realloc(ps->body, need);
		if (!p) {
			ps->oom = true;
			return;
		}
		ps->body = p;
		ps->body_alloc = need;
	}
	memcpy(ps->body + ps->body_len, s, len);
	ps->body_len += len;
	ps->body[ps->body_len] = '\0';
}

void sct_rf_begin(struct sct_parse *ps, struct sct_loc loc)
{
	struct sct_rule *r = ps->rule;

	memset(r, 0, sizeof(*r));
	snprintf(r->file, sizeof(r->file), "%s", ps->name);
	r->line = loc.line;
	r->col = loc.col;
	r->when = SCT_WHEN_BEFORE;
	r->abi = SCT_ABI_ALL;
	r->enabled = 1;
	strcpy(r->action, "log");
	ps->errs_at_start = ps->nerrs;
	ps->seen = 0;
	ps->invalid = 0;
	free(ps->filter_src);
	ps->filter_src = NULL;
	ps->filter_len = 0;
	ps->has_retval = false;
}

/* A key seen: false (and an error) if the rule had it already. */
static bool sct_rule_new_key(struct sct_parse *ps, enum sct_key key,
			     struct sct_loc kw)
{
	if (ps->seen & (1u << key)) {
		sct_rf_error(ps, kw, "'%s' given twice in this rule (first at line %d)",
			  sct_key_names[key], ps->key_loc[key].line);
		return false;
	}
	ps->seen |= 1u << key;
	ps->key_loc[key] = kw;
	return true;
}

void sct_rf_key(struct sct_parse *ps, enum sct_key key, struct sct_loc kw)
{
	sct_rule_new_key(ps, key, kw);
}

static int sct_lookup_word(const char *const *words, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!sct_strcasecmp(words[i], s))
			return i;
	return -1;
}

/* A whole string as a long long, in C's bases (0x, 0); -1 if it is not. */
static int sct_parse_ll(const char *s, long long *v)
{
	char *end;

	if (!*s || sct_isspace((unsigned char)*s))
		return -1;
	errno = 0;
	*v = strtoll(s, &end, 0);
	return errno || *end ? -1 : 0;
}

/* Why a name is not one the kernel takes for a rule or a trace, or NULL. */
const char *sct_rf_bad_name(const char *s)
{
	size_t i, n = strlen(s);

	if (!n)
		return "empty";
	if (n > SCT_RULE_NAME_MAX)
		return "longer than 63 characters";
	if (s[0] == '-' || s[0] == '.')
		return "starts with '-' or '.'";
	for (i = 0; i < n; i++) {
		if (!sct_isalnum((unsigned char)s[i]) && !strchr("_.-", s[i]))
			return "has characters other than A-Z a-z 0-9 _ . -";
	}
	return NULL;
}

static int sct_constant_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct sct_constant *)elem)->name);
}

int sct_constant(const char *name, long long *value)
{
	const struct sct_constant *c;

	c = bsearch(name, sct_rf_constants, sct_rf_nconstants, sizeof(*c),
		    sct_constant_cmp);
	if (!c)
		return -ENOENT;
	*value = c->value;
	return 0;
}

/*
 * error_code: a number the kernel takes as it is; a name the kernel
 * knows, as it is; another name of the C library's (EWOULDBLOCK, an alias
 * the kernel does not know), as its number.  The kernel's internal codes,
 * 512 and above (ERESTARTSYS, ...), are refused, as the kernel refuses
 * them (ERANGE).
 */
const char *sct_rf_error_code(const char *s, char *out, size_t size)
{
	long long v;
	size_t i;

	if (!sct_parse_ll(s, &v)) {
		if (v < -SCT_ERROR_CODE_MAX || v > SCT_ERROR_CODE_MAX)
			return "out of range (-511 to 511; 512 and above are the kernel's internal codes)";
		snprintf(out, size, "%s", s);
		return NULL;
	}
	for (i = 0; i < sct_rf_nerrnames; i++) {
		if (!strcmp(sct_rf_errnames[i], s)) {
			snprintf(out, size, "%s", s);
			return NULL;
		}
	}
	for (i = 0; i < sct_rf_ninternal_errnames; i++)
		if (!strcmp(sct_rf_internal_errnames[i], s))
			return "a kernel-internal code (512 and above), which no call may return";
	if (s[0] == 'E' && !sct_constant(s, &v) && v > 0 &&
	    v <= SCT_ERROR_CODE_MAX) {
		snprintf(out, size, "%lld", v);
		return NULL;
	}
	return "not an error name or number";
}

/* The names of the syscall classes, for a message: "%%stat, ..., %statfs". */
static void sct_class_names(char *buf, size_t size)
{
	const char *name;
	size_t n = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; (name = sct_syscall_class_name(i)) && n < size; i++)
		n += snprintf(buf + n, size - n, "%s%s", i ? ", " : "", name);
}

/*
 * An item of syscall_name: NAME (a name of the native or of the ia32
 * table: every ABI's calls, x32's included), ABI:NAME (x86_64:, ia32: or
 * x32:), a decimal native number or ABI:NUMBER (x32 numbers without the
 * x32 bit), "*" or "ABI:*", or one of strace's classes ("%file"); why
 * not, or NULL.
 */
static const char *sct_syscall_item(const char *s, char *why, size_t size)
{
	const char *colon = strchr(s, ':'), *name = colon ? colon + 1 : s;
	char q[2 * SCT_TOK_TEXT], qn[2 * SCT_TOK_TEXT], abi[2 * SCT_TOK_TEXT];
	char classes[256];
	int ret, a, n, other = -1;

	sct_rf_quote(q, sizeof(q), s, strlen(s));
	sct_rf_quote(qn, sizeof(qn), name, strlen(name));
	sct_rf_quote(abi, sizeof(abi), s, colon ? (size_t)(colon - s) : 0);
	if (!strcmp(s, "*"))
		return NULL;
	if (s[0] == '%') {
		if (sct_syscall_class(s))
			return NULL;
		sct_class_names(classes, sizeof(classes));
		snprintf(why, size, "unknown syscall class '%s' (the classes are strace's: %s)",
			 q, classes);
		return why;
	}
	if (colon && name[0] == '%') {
		snprintf(why, size, "'%s': a syscall class takes no ABI (write '%s': it covers every ABI's forms of its syscalls)",
			 q, qn);
		return why;
	}
	if (colon && !strcmp(name, "*")) {
		if (sct_abi_number(abi) >= 0)
			return NULL;
		snprintf(why, size, "unknown ABI '%s' in '%s': expected x86_64, ia32 or x32",
			 abi, q);
		return why;
	}
	ret = sct_syscall_parse(s, &a, &n);
	switch (ret) {
	case 0:
		return NULL;
	case -ERANGE:
		if (colon)
			snprintf(why, size, "%s syscall number '%s' is out of range (0 to %d)",
				 abi, qn, sct_syscall_count_abi(a) - 1);
		else
			snprintf(why, size, "syscall number '%s' is out of range (0 to %d)",
				 q, sct_syscall_count() - 1);
		return why;
	}
	if (colon && a == SCT_ABI_ALL) {
		snprintf(why, size, "unknown ABI '%s' in '%s': expected x86_64, ia32 or x32",
			 abi, q);
	} else if (colon) {
		/* Another ABI that has it: x86_64 first (x32 has none of its own). */
		if (a != SCT_ABI_NATIVE &&
		    sct_syscall_number_abi(SCT_ABI_NATIVE, name) >= 0)
			other = SCT_ABI_NATIVE;
		else if (a != SCT_ABI_COMPAT &&
			 sct_syscall_number_abi(SCT_ABI_COMPAT, name) >= 0)
			other = SCT_ABI_COMPAT;
		if (other >= 0)
			snprintf(why, size, "unknown %s syscall '%s' (%s has it: write %s:%s or %s)",
				 abi, qn, sct_abi_name(other),
				 sct_abi_name(other), qn, qn);
		else
			snprintf(why, size, "unknown %s syscall '%s'", abi, qn);
	} else {
		snprintf(why, size, "unknown syscall '%s'", q);
	}
	return why;
}

/*
 * syscall_name: items separated by commas, with blanks around them.  The
 * scanner gives the list whole and on one line, so the item at offset k
 * is at column loc.col + k: each bad item is reported there.  The rule
 * gets the list as the kernel will read it back (classes replaced by
 * their members); false if there is none.
 */
static bool sct_syscall_value(struct sct_parse *ps, const char *s,
			      struct sct_loc loc)
{
	struct sct_rule *r = ps->rule;
	const char *p = s, *end, *b, *e, *why, *what;
	int errs = ps->nerrs, last = -1, ret;
	struct sct_loc at = loc;
	char msg[512], *item;

	for (;; p = end + 1) {
		end = strchrnul(p, ',');
		for (b = p; b < end && (*b == ' ' || *b == '\t'); b++)
			;
		for (e = end; e > b && (e[-1] == ' ' || e[-1] == '\t'); e--)
			;
		if (b == e) {
			/* At the ',' after it, or the one before the last. */
			at.col = loc.col + (*end ? end - s : p - 1 - s);
			what = p == s ? "nothing before the first ','" :
			       !*end ? "nothing after the last ','" :
				       "nothing between two ','";
			if (at.col != last)
				sct_rf_error(ps, at, "empty item in the syscall list: %s",
					     what);
			last = at.col;
		} else {
			item = strndup(b, e - b);
			if (!item) {
				ps->oom = true;
				return false;
			}
			why = sct_syscall_item(item, msg, sizeof(msg));
			free(item);
			if (why) {
				at.col = loc.col + (b - s);
				sct_rf_error(ps, at, "%s", why);
				last = at.col;
			}
		}
		if (!*end)
			break;
	}
	if (ps->nerrs != errs)
		return false;

	ret = sct_syscall_list_normalize(s, r->syscall, sizeof(r->syscall),
					 NULL);
	if (ret == -ENOMEM) {
		ps->oom = true;
		return false;
	}
	if (ret == -E2BIG) {
		sct_rf_error(ps, loc, "syscall list is longer than %d characters once normalised (the kernel refuses it)",
			     SCT_SYSCALL_LIST_MAX);
		return false;
	}
	if (ret < 0) {
		sct_rf_error(ps, loc, "invalid syscall list: %s", strerror(-ret));
		return false;
	}
	sct_syscall_list_info(r->syscall, &r->abi, &r->nr);
	return true;
}

/*
 * capture_size: a decimal number of bytes, as the kernel reads it, from
 * 0 to SCT_CAPTURE_SIZE_MAX; why not, or NULL.
 */
static const char *sct_capture_size(const char *s, unsigned int *v)
{
	unsigned long n = 0;
	size_t i;

	if (!s[0] || strspn(s, "0123456789") != strlen(s))
		return "expected a decimal number of bytes from 0 to 4096";
	for (i = 0; s[i]; i++) {
		n = n * 10 + (s[i] - '0');
		if (n > SCT_CAPTURE_SIZE_MAX)
			return "out of range (0 to 4096: the kernel captures at most 4096 bytes of a call)";
	}
	*v = n;
	return NULL;
}

/* A yes/no value, as the kernel's kstrtobool() takes it: 1, 0, or -1. */
static int sct_bool(const char *s)
{
	static const char *const bools[][2] = {
		{ "0", "1" }, { "n", "y" }, { "no", "yes" }, { "off", "on" },
		{ "false", "true" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bools); i++) {
		if (!sct_strcasecmp(s, bools[i][0]))
			return 0;
		if (!sct_strcasecmp(s, bools[i][1]))
			return 1;
	}
	return -1;
}

void sct_rf_value(struct sct_parse *ps, enum sct_key key,
		    struct sct_loc kw, char *val, struct sct_loc loc)
{
	struct sct_rule *r = ps->rule;
	char q[2 * SCT_TOK_TEXT];
	const char *why;
	long long v;
	int n;

	if (!val)
		return;		/* out of memory */
	if (!sct_rule_new_key(ps, key, kw))
		goto out;
	sct_rf_quote(q, sizeof(q), val, strlen(val));

	switch (key) {
	case SCT_K_SYSCALL:
		if (!sct_syscall_value(ps, val, loc))
			goto invalid;
		break;
	case SCT_K_NAME:
		why = sct_rf_bad_name(val);
		if (why) {
			sct_rf_error(ps, loc, "invalid rule name '%s': %s", q, why);
			goto invalid;
		}
		if (val[0] == '_') {
			sct_rf_error(ps, loc, "rule name '%s' is reserved: names starting with '_' belong to programs that use libsct",
				     q);
			goto invalid;
		}
		snprintf(r->name, sizeof(r->name), "%s", val);
		break;
	case SCT_K_TRACE:
		why = sct_rf_bad_name(val);
		if (why) {
			sct_rf_error(ps, loc, "invalid trace name '%s': %s", q, why);
			goto invalid;
		}
		if (val[0] == '_') {
			sct_rf_error(ps, loc, "trace name '%s' is reserved: names starting with '_' belong to programs that use libsct",
				     q);
			goto invalid;
		}
		snprintf(r->trace, sizeof(r->trace), "%s", val);
		break;
	case SCT_K_CAPTURE_SIZE:
		why = sct_capture_size(val, &r->capture_size);
		if (why) {
			sct_rf_error(ps, loc, "invalid capture_size '%s': %s", q, why);
			goto invalid;
		}
		break;
	case SCT_K_WHEN:
		if (!sct_strcasecmp(val, "before")) {
			r->when = SCT_WHEN_BEFORE;
		} else if (!sct_strcasecmp(val, "after")) {
			r->when = SCT_WHEN_AFTER;
		} else {
			sct_rf_error(ps, loc, "unexpected '%s', expected 'before' or 'after' after 'when ='",
				  q);
			goto invalid;
		}
		break;
	case SCT_K_ORDER:
		if (sct_parse_ll(val, &v) || v < INT_MIN || v > INT_MAX) {
			sct_rf_error(ps, loc, "invalid order '%s': expected an integer from %d to %d",
				  q, INT_MIN, INT_MAX);
			goto invalid;
		}
		r->order = v;
		r->order_set = 1;
		break;
	case SCT_K_CONTINUE:
	case SCT_K_ENABLED:
	case SCT_K_FORCE:
	case SCT_K_ACT_ON_INIT:
		n = sct_bool(val);
		if (n < 0) {
			sct_rf_error(ps, loc, "unexpected '%s', expected 'yes' or 'no' after '%s ='",
				  q, sct_key_names[key]);
			goto invalid;
		}
		if (key == SCT_K_CONTINUE)
			r->cont = n;
		else if (key == SCT_K_ENABLED)
			r->enabled = n;
		else if (key == SCT_K_FORCE)
			r->force = n;
		else
			r->act_on_init = n;
		break;
	case SCT_K_TYPE:
		n = sct_lookup_word(sct_actions, ARRAY_SIZE(sct_actions), val);
		if (n < 0) {
			sct_rf_error(ps, loc, "unknown action type '%s', expected LOG, FAIL, SUSPEND or KILL",
				  q);
			goto invalid;
		}
		strcpy(r->action, sct_actions[n]);
		break;
	case SCT_K_ERROR:
		why = sct_rf_error_code(val, r->error_code,
					sizeof(r->error_code));
		if (why) {
			sct_rf_error(ps, loc, "invalid error_code '%s': %s", q, why);
			goto invalid;
		}
		break;
	case SCT_K_TARGET:
		n = sct_lookup_word(sct_targets, ARRAY_SIZE(sct_targets), val);
		if (n < 0) {
			sct_rf_error(ps, loc, "unknown log_target '%s', expected device, printk or both",
				  q);
			goto invalid;
		}
		strcpy(r->log_target, sct_targets[n]);
		break;
	default:
		break;
	}
	goto out;
invalid:
	ps->invalid |= 1u << key;
out:
	free(val);
}

/* Where the byte at @off of a body that starts at @start is. */
static struct sct_loc sct_body_pos(struct sct_loc start, const char *s,
				   size_t off)
{
	struct sct_loc l = start;
	size_t i;

	for (i = 0; i < off; i++) {
		if (s[i] == '\n') {
			l.line++;
			l.col = 1;
		} else {
			l.col++;
		}
	}
	return l;
}

/* The log format's macro at @s (after its '%'), the longest; or -1. */
static int sct_format_macro(const char *s, size_t *len)
{
	size_t i, n, best = 0;
	int m = -1;

	for (i = 0; i < ARRAY_SIZE(sct_format_macros); i++) {
		n = strlen(sct_format_macros[i]);
		if (n > best && !strncmp(s, sct_format_macros[i], n)) {
			best = n;
			m = i;
		}
	}
	*len = best;
	return m;
}

/*
 * log_format: a line break, with the blanks around it, is one space; the
 * result is checked as the kernel does (kernel/sct/format.c).
 */
void sct_rf_format(struct sct_parse *ps, const char *body, size_t len,
		   struct sct_loc start)
{
	struct sct_rule *r = ps->rule;
	char *out = r->log_format, q[SCT_TOK_TEXT];
	size_t i, j, n = 0, mlen;
	int m;

	if (memchr(body, '\0', len)) {
		sct_rf_error(ps, sct_body_pos(start, body, strlen(body)),
			  "NUL character in log_format");
		goto invalid;
	}
	for (i = 0; i < len; i++) {
		if (body[i] == '\n') {
			while (n && (out[n - 1] == ' ' || out[n - 1] == '\t' ||
				     out[n - 1] == '\r'))
				n--;
			while (i + 1 < len && strchr(" \t\r\n", body[i + 1]))
				i++;
			if (n && i + 1 < len && n < SCT_STR_MAX)
				out[n++] = ' ';
			continue;
		}
		if (body[i] == '%') {
			if (body[i + 1] == '%') {
				if (n + 2 > SCT_STR_MAX)
					goto long_format;
				out[n++] = '%';
				out[n++] = body[++i];
				continue;
			}
			m = sct_format_macro(body + i + 1, &mlen);
			if (m < 0) {
				for (j = i + 1; j < len && j < i + 16 &&
				     sct_isalnum((unsigned char)body[j]); j++)
					;
				sct_rf_quote(q, sizeof(q), body + i, j - i);
				sct_rf_error(ps, sct_body_pos(start, body, i),
					  "unknown log_format macro '%s'", q);
				goto invalid;
			}
			if (!strcmp(sct_format_macros[m], "retval") &&
			    !ps->has_retval) {
				ps->has_retval = true;
				ps->retval_loc = sct_body_pos(start, body, i);
			}
		}
		if (n + 1 > SCT_STR_MAX)
			goto long_format;
		out[n++] = body[i];
	}
	out[n] = '\0';
	return;

long_format:
	sct_rf_error(ps, sct_body_pos(start, body, i),
		  "log_format is longer than 255 characters");
invalid:
	out[0] = '\0';
	ps->invalid |= 1u << SCT_K_FORMAT;
}

void sct_rf_body(struct sct_parse *ps, enum sct_key key, struct sct_loc kw,
		   char *body, struct sct_loc open, struct sct_loc close)
{
	struct sct_loc start = { open.line, open.col + 1 };
	size_t len;

	if (!body)
		return;		/* out of memory */
	len = ps->body_len;
	if (!sct_rule_new_key(ps, key, kw)) {
		free(body);
		return;
	}
	if (key == SCT_K_FORMAT) {
		sct_rf_format(ps, body, len, start);
		free(body);
		return;
	}
	free(ps->filter_src);
	ps->filter_src = body;
	ps->filter_len = len;
	ps->filter_start = start;
	ps->filter_end = close;
}

static bool sct_seen(struct sct_parse *ps, enum sct_key key)
{
	return ps->seen & (1u << key);
}

static bool sct_valid(struct sct_parse *ps, enum sct_key key)
{
	return !(ps->invalid & (1u << key));
}

/* A key that only an action takes, given to a rule of another. */
static void sct_rule_only(struct sct_parse *ps, enum sct_key key,
			  const char *action)
{
	if (sct_seen(ps, key) && strcmp(ps->rule->action, action))
		sct_rf_error(ps, ps->key_loc[key],
			  "'%s' is for type = %s rules only, this one is %s",
			  sct_key_names[key], action, ps->rule->action);
}

/* A key set to yes that log rules do not take (force, act_on_init). */
static void sct_rule_not_log(struct sct_parse *ps, enum sct_key key)
{
	if (sct_seen(ps, key) && !strcmp(ps->rule->action, "log"))
		sct_rf_error(ps, ps->key_loc[key],
			  "'%s' is for type = FAIL, SUSPEND or KILL rules only, this one is log",
			  sct_key_names[key]);
}

void sct_rf_end(struct sct_parse *ps)
{
	struct sct_rule *r = ps->rule;

	if (!sct_seen(ps, SCT_K_SYSCALL) || !sct_seen(ps, SCT_K_NAME)) {
		struct sct_loc loc = { r->line, r->col };

		if (sct_seen(ps, SCT_K_SYSCALL) || sct_seen(ps, SCT_K_NAME))
			sct_rf_error(ps, loc, "rule has no %s",
				  sct_seen(ps, SCT_K_NAME) ? "syscall_name" :
							    "rule_name");
		else
			sct_rf_error(ps, loc, "rule has no syscall_name and no rule_name");
	}
	if (sct_valid(ps, SCT_K_TYPE)) {
		sct_rule_only(ps, SCT_K_ERROR, "fail");
		sct_rule_only(ps, SCT_K_FORMAT, "log");
		sct_rule_only(ps, SCT_K_TARGET, "log");
		if (r->cont)
			sct_rule_only(ps, SCT_K_CONTINUE, "log");
		if (r->force)
			sct_rule_not_log(ps, SCT_K_FORCE);
		if (r->act_on_init)
			sct_rule_not_log(ps, SCT_K_ACT_ON_INIT);
		if (r->capture_size)
			sct_rule_only(ps, SCT_K_CAPTURE_SIZE, "log");
	}
	/* The kernel reads captures for the members of traces alone. */
	if (r->capture_size && !r->trace[0] && sct_valid(ps, SCT_K_TRACE))
		sct_rf_error(ps, ps->key_loc[SCT_K_CAPTURE_SIZE],
			     "'capture_size' needs a 'trace': only the calls of a trace's members have captures");
	if (sct_valid(ps, SCT_K_WHEN)) {
		if (ps->has_retval && r->when != SCT_WHEN_AFTER)
			sct_rf_error(ps, ps->retval_loc,
				  "%%retval in log_format needs when = after");
		if (ps->filter_src)
			sct_rf_filter(ps, r, ps->filter_src,
					 ps->filter_len, ps->filter_start,
					 ps->filter_end);
	}
	if (ps->nerrs == ps->errs_at_start && sct_ruleset_add(ps->set, r))
		ps->oom = true;
	free(ps->filter_src);
	ps->filter_src = NULL;
}

int sct_rules_parse_buffer(struct sct_ruleset *set, const char *name,
			   const char *buf, size_t len, FILE *errs)
{
	struct sct_parse ps = {
		.name = name,
		.errs = errs,
		.set = set,
	};
	int ret;

	ps.rule = calloc(1, sizeof(*ps.rule));
	if (!ps.rule)
		return -ENOMEM;
	ret = sct_rf_run(&ps, buf, len);
	free(ps.rule);
	free(ps.body);
	free(ps.filter_src);
	if (ret == -ENOMEM && errs)
		fprintf(errs, "%s: error: out of memory\n", name);
	else if (ret == -EFBIG && errs)
		fprintf(errs, "%s: error: file too large\n", name);
	return ret < 0 ? ret : ps.nerrs;
}

/* Files larger than this are refused. */
#define SCT_RULES_MAX_FILE	(64 << 20)

int sct_rules_parse_file(struct sct_ruleset *set, const char *path,
			 FILE *errs)
{
	bool is_stdin = !strcmp(path, "-");
	FILE *f = is_stdin ? stdin : fopen(path, "re");
	size_t len = 0, alloc = 0, n;
	char *buf = NULL, *p;
	int ret;

	if (!f)
		goto fail;
	for (;;) {
		if (len == alloc) {
			alloc = alloc ? 2 * alloc : 65536;
			if (alloc > SCT_RULES_MAX_FILE + 1) {
				errno = EFBIG;
				goto fail;
			}
			p = realloc(buf, alloc);
			if (!p)
				goto fail;
			buf = p;
		}
		n = fread(buf + len, 1, alloc - len, f);
		len += n;
		if (n == 0) {
			if (ferror(f))
				goto fail;	/* errno from read() */
			break;
		}
	}
	if (!is_stdin)
		fclose(f);
	ret = sct_rules_parse_buffer(set, is_stdin ? "<stdin>" : path, buf,
				     len, errs);
	free(buf);
	return ret;

fail:
	ret = errno ? -errno : -EIO;
	if (errs)
		fprintf(errs, "%s: error: cannot read: %s\n", path,
			strerror(-ret));
	if (f && !is_stdin)
		fclose(f);
	free(buf);
	return ret;
}

int sct_rules_check_set(const struct sct_ruleset *set, FILE *errs)
{
	const struct sct_rule *a, *b;
	size_t i, j;
	int nerrs = 0;

	for (i = 1; i < set->count; i++) {
		b = &set->rules[i];
		for (j = 0; j < i; j++) {
			a = &set->rules[j];
			if (strcmp(a->name, b->name))
				continue;
			nerrs++;
			if (errs)
				fprintf(errs, "%s:%d:%d: error: duplicate rule name '%s' (first at %s:%d:%d)\n",
					b->file, b->line, b->col, b->name,
					a->file, a->line, a->col);
			break;
		}
	}
	return nerrs;
}

void sct_ruleset_clear(struct sct_ruleset *set)
{
	free(set->rules);
	set->rules = NULL;
	set->count = 0;
	set->alloc = 0;
}

/* Braces that the rule-file language can hold in a body, on one line. */
bool sct_rf_balanced(const char *s)
{
	int depth = 0;

	for (; *s; s++) {
		if (*s == '\n')
			return false;
		if (*s == '{')
			depth++;
		else if (*s == '}' && --depth < 0)
			return false;
	}
	return !depth;
}

int sct_rule_print(FILE *out, const struct sct_rule *r)
{
	char type[8];
	size_t i;

	if (!sct_rf_balanced(r->log_format) || strchr(r->filter, '\n'))
		return -EINVAL;
	for (i = 0; r->action[i] && i < sizeof(type) - 1; i++)
		type[i] = sct_toupper((unsigned char)r->action[i]);
	type[i] = '\0';

	fprintf(out, "rule {\n");
	fprintf(out, "\tsyscall_name = %s\n", r->syscall);
	fprintf(out, "\trule_name = %s\n", r->name);
	fprintf(out, "\twhen = %s\n",
		r->when == SCT_WHEN_AFTER ? "after" : "before");
	if (r->order || r->order_set)
		fprintf(out, "\torder = %d\n", r->order);
	if (r->cont)
		fprintf(out, "\tcontinue = yes\n");
	if (!r->enabled)
		fprintf(out, "\tenabled = no\n");
	if (r->force)
		fprintf(out, "\tforce = yes\n");
	if (r->act_on_init)
		fprintf(out, "\tact_on_init = yes\n");
	if (r->trace[0])
		fprintf(out, "\ttrace = %s\n", r->trace);
	if (r->capture_size)
		fprintf(out, "\tcapture_size = %u\n", r->capture_size);
	if (r->filter[0])
		fprintf(out, "\tfilter_expression {%s}\n", r->filter);
	fprintf(out, "\taction {\n");
	fprintf(out, "\t\ttype = %s\n", type);
	if (r->error_code[0])
		fprintf(out, "\t\terror_code = %s\n", r->error_code);
	if (r->log_format[0])
		fprintf(out, "\t\tlog_format {%s}\n", r->log_format);
	if (r->log_target[0])
		fprintf(out, "\t\tlog_target = %s\n", r->log_target);
	fprintf(out, "\t}\n}\n");
	return ferror(out) ? -EIO : 0;
}

void sct_rule_filter_pos(const struct sct_rule *r, unsigned int off,
			 int *line, int *col)
{
	const struct sct_filter_span *s = NULL;
	unsigned int i;

	for (i = 0; i < r->nspans && i < SCT_FILTER_SPANS; i++) {
		if (r->spans[i].off > off)
			break;
		s = &r->spans[i];
	}
	if (!s) {
		*line = r->line;
		*col = r->col;
		return;
	}
	*line = s->line;
	*col = s->col + (s->verbatim ? off - s->off : 0);
}

/* The same syscalls: the same text, or the same once normalised. */
static bool sct_same_syscalls(const char *a, const char *b)
{
	const size_t size = SCT_RULE_SYSCALL_LEN;
	char *na, *nb;
	bool same;

	if (!strcmp(a, b))
		return true;
	na = malloc(size);
	nb = malloc(size);
	same = na && nb &&
	       sct_syscall_list_normalize(a, na, size, NULL) >= 0 &&
	       sct_syscall_list_normalize(b, nb, size, NULL) >= 0 &&
	       !strcmp(na, nb);
	free(na);
	free(nb);
	return same;
}

bool sct_rule_same(const struct sct_rule *a, const struct sct_rule *b)
{
	return !strcmp(a->name, b->name) &&
	       sct_same_syscalls(a->syscall, b->syscall) &&
	       a->when == b->when && !strcmp(a->action, b->action) &&
	       !strcmp(a->error_code, b->error_code) &&
	       a->order == b->order && a->cont == b->cont &&
	       !strcmp(a->filter, b->filter) &&
	       !strcmp(a->log_format, b->log_format) &&
	       !strcmp(a->log_target, b->log_target) &&
	       a->enabled == b->enabled && a->force == b->force &&
	       a->act_on_init == b->act_on_init && !strcmp(a->trace, b->trace) &&
	       a->capture_size == b->capture_size;
}
