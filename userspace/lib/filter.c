// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libsct: the filters of rule files.
 *
 * A filter_expression body is the kernel's filter language (see
 * Documentation/ABI/testing/configfs-sct, "filter") with what only
 * userspace knows:
 *
 *   - symbolic constants: O_CREAT, EPERM, AF_INET, SIGKILL, S_IRUSR,
 *     PROT_READ, MAP_SHARED, CLONE_NEWNS... (constants.c, made from the
 *     C library's headers at build time), also negated: -EPERM;
 *   - macros: ipaddr("a.b.c.d"), htons(n), usernametoid("name"),
 *     groupnametoid("name");
 *   - '|' between numbers and constants, folded into one number:
 *     PARAMS[2] & (O_WRONLY|O_RDWR) is PARAMS[2] & 3;
 *   - '=' for '==', as syscalltrack took it;
 *   - comments, from '#' outside a string to the end of the line, and
 *     line breaks.
 *
 * The filter is first resolved: each of these is replaced by the number
 * (in decimal) or text the kernel takes, the rest copied as it is, on one
 * line, with a map from the result back to the file.  Then the result is
 * compiled as the kernel will compile it (a port of the parser of
 * kernel/sct/filter.c, same grammar, bounds and checks), so that a rule
 * that passes here passes there, and errors point into the file.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rules-internal.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- The tokens of a filter as written. ---- */

enum sct_ftok {
	F_WS,		/* one white-space character */
	F_COMMENT,
	F_STR,		/* "...", quotes included */
	F_NUM,		/* as the kernel reads numbers: [-]digit alnum* */
	F_IDENT,
	F_OP,		/* an operator or punctuation */
	F_OTHER,	/* a character the kernel takes nowhere */
};

struct sct_ftoken {
	enum sct_ftok type;
	bool bad;		/* an unterminated string */
	unsigned int off;
	unsigned int len;
	struct sct_loc loc;
};

static const char *const sct_ops[] = {
	"&&", "||", "==", "!=", "<=", ">=", "<", ">", "&", "~", "!", "(",
	")", "[", "]", ",", ".", "|", "=", "-",
};

/*
 * The character classes of the kernel's lexer, whose ctype (lib/ctype.c)
 * is Latin-1 and the same in every locale: 0xa0 is white space, and
 * 0xc0 to 0xff, but for 0xd7 and 0xf7, are letters.  So "PID\xa0== 1"
 * compiles, and "PID\xe9" is one (unknown) name, not PID and a stray
 * byte.
 */
static bool sct_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || (unsigned char)c == 0xa0;
}

static bool sct_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool sct_alpha(char c)
{
	unsigned char u = c;

	return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
	       (u >= 0xc0 && u != 0xd7 && u != 0xf7);
}

static bool sct_alnum(char c)
{
	return sct_alpha(c) || sct_digit(c);
}

/* The length of the token at @s (of @len bytes), and its type. */
static size_t sct_ftoken_len(const char *s, size_t len, enum sct_ftok *type,
			     bool *bad)
{
	size_t i, n;

	*bad = false;
	if (sct_space(s[0])) {
		*type = F_WS;
		return 1;
	}
	if (s[0] == '#') {
		*type = F_COMMENT;
		for (i = 1; i < len && s[i] != '\n'; i++)
			;
		return i;
	}
	if (s[0] == '"') {
		*type = F_STR;
		for (i = 1; i < len && s[i] != '"' && s[i] != '\n'; i++) {
			if (s[i] == '\\' && i + 1 < len && s[i + 1] != '\n')
				i++;
		}
		if (i < len && s[i] == '"')
			return i + 1;
		*bad = true;
		return i;
	}
	if (sct_digit(s[0]) || (s[0] == '-' && len > 1 && sct_digit(s[1]))) {
		*type = F_NUM;
		for (i = 1; i < len && sct_alnum(s[i]); i++)
			;
		return i;
	}
	if (sct_alpha(s[0]) || s[0] == '_') {
		*type = F_IDENT;
		for (i = 1; i < len && (sct_alnum(s[i]) || s[i] == '_'); i++)
			;
		return i;
	}
	for (i = 0; i < ARRAY_SIZE(sct_ops); i++) {
		n = strlen(sct_ops[i]);
		if (n <= len && !strncmp(s, sct_ops[i], n)) {
			*type = F_OP;
			return n;
		}
	}
	*type = F_OTHER;
	return 1;
}

/**
 * sct_rf_knum - a number as the kernel's filter reads it
 * @s: the number: an optional '-', then letters and digits
 * @len: its length
 * @v: set to its value (a negative one as two's complement)
 *
 * As kstrtou64(s, 0): 0x for hex, 0 for octal.
 *
 * Return: 0, -1 for a bad number, -2 for one that is too long.
 */
int sct_rf_knum(const char *s, size_t len, uint64_t *v)
{
	unsigned int base = 10, d;
	bool neg = false;
	uint64_t x = 0;
	size_t i = 0;

	if (len && s[0] == '-') {
		neg = true;
		i = 1;
	}
	if (len - i >= 24)
		return -2;
	if (i == len)
		return -1;
	if (s[i] == '0') {
		if (i + 2 < len && sct_tolower((unsigned char)s[i + 1]) == 'x' &&
		    isxdigit((unsigned char)s[i + 2])) {
			base = 16;
			i += 2;
		} else {
			base = 8;
		}
	}
	for (; i < len; i++) {
		if (sct_digit(s[i]))
			d = s[i] - '0';
		else if ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')
			d = (s[i] | 0x20) - 'a' + 10;
		else
			return -1;
		if (d >= base)
			return -1;
		if (x > (UINT64_MAX - d) / base)
			return -1;
		x = x * base + d;
	}
	*v = neg ? -x : x;
	return 0;
}

/* ---- Resolving: constants, macros and '|' into numbers. ---- */

struct sct_resolver {
	struct sct_parse *ps;
	struct sct_rule *r;
	const char *src;
	struct sct_ftoken *t;
	size_t n;
	char *out;
	size_t olen;
	bool too_long;
	struct sct_loc too_long_loc;
	unsigned int depth;	/* of sct_cterm(): groups, '-' and macros */
};

enum { C_NOT, C_OK, C_ERR };

/* Append to the resolved filter, and to its map. */
static void sct_emit(struct sct_resolver *f, const char *s, size_t n,
		     struct sct_loc loc, bool verbatim)
{
	struct sct_rule *r = f->r;
	struct sct_filter_span *last;

	if (f->too_long)
		return;
	if (f->olen + n > SCT_FILTER_MAX_LEN) {
		f->too_long = true;
		f->too_long_loc = loc;
		return;
	}
	last = r->nspans ? &r->spans[r->nspans - 1] : NULL;
	if (last && last->verbatim && verbatim &&
	    (int)last->line == loc.line &&
	    (int)(last->col + f->olen - last->off) == loc.col) {
		/* It goes on. */
	} else if (r->nspans < SCT_FILTER_SPANS - 1) {
		r->spans[r->nspans++] = (struct sct_filter_span){
			.off = f->olen, .verbatim = verbatim,
			.line = loc.line, .col = loc.col,
		};
	} else {
		/* No room: the rest maps to the start of the last span. */
		last->verbatim = 0;
	}
	memcpy(f->out + f->olen, s, n);
	f->olen += n;
}

/* The index of the first token at or after @i that is not blank. */
static size_t sct_next_sig(struct sct_resolver *f, size_t i)
{
	while (i < f->n && (f->t[i].type == F_WS || f->t[i].type == F_COMMENT))
		i++;
	return i;
}

static bool sct_is_op(struct sct_resolver *f, size_t i, const char *op)
{
	return i < f->n && f->t[i].type == F_OP &&
	       f->t[i].len == strlen(op) &&
	       !strncmp(f->src + f->t[i].off, op, f->t[i].len);
}

static bool sct_is_text(struct sct_resolver *f, size_t i, const char *s)
{
	return f->t[i].len == strlen(s) &&
	       !strncmp(f->src + f->t[i].off, s, f->t[i].len);
}

/* A token quoted for a message, or "end of filter". */
static const char *sct_tok_text(struct sct_resolver *f, size_t i, char *buf,
				size_t size)
{
	char q[SCT_TOK_TEXT];

	if (i >= f->n)
		return "end of filter";
	sct_rf_quote(q, sizeof(q), f->src + f->t[i].off, f->t[i].len);
	snprintf(buf, size, "'%s'", q);
	return buf;
}

static struct sct_loc sct_tok_loc(struct sct_resolver *f, size_t i)
{
	if (i < f->n)
		return f->t[i].loc;
	return f->ps->filter_end;
}

static const char *const sct_fields[] = {
	"PID", "TID", "PPID", "UID", "EUID", "SUID", "FSUID", "GID", "EGID",
	"SGID", "FSGID", "COMM", "RETVAL", "PARAMS", "SOCKADDR", "DESCENDANT",
	"in",
};

static bool sct_is_field(struct sct_resolver *f, size_t i)
{
	size_t k;

	for (k = 0; k < ARRAY_SIZE(sct_fields); k++) {
		if (f->t[i].len == strlen(sct_fields[k]) &&
		    !sct_strncasecmp(f->src + f->t[i].off, sct_fields[k],
				 f->t[i].len))
			return true;
	}
	return false;
}

static const char *const sct_macros[] = {
	"ipaddr", "htons", "usernametoid", "groupnametoid",
};

static int sct_macro_index(struct sct_resolver *f, size_t i)
{
	size_t k;

	for (k = 0; k < ARRAY_SIZE(sct_macros); k++)
		if (sct_is_text(f, i, sct_macros[k]))
			return k;
	return -1;
}

static int sct_cexpr(struct sct_resolver *f, size_t i, uint64_t *v,
		     size_t *end, bool *changed);

/* The string argument of a macro, without quotes; false after an error. */
static bool sct_macro_string(struct sct_resolver *f, size_t i,
			     const char *macro, char *buf, size_t size)
{
	const struct sct_ftoken *t = &f->t[i];
	char tok[SCT_TOK_TEXT + 8];

	if (i >= f->n || t->type != F_STR || t->bad) {
		sct_rf_error(f->ps, sct_tok_loc(f, i),
			  "unexpected %s, expected a string in %s()",
			  sct_tok_text(f, i, tok, sizeof(tok)), macro);
		return false;
	}
	if (memchr(f->src + t->off, '\\', t->len) || t->len - 2 >= size) {
		sct_rf_error(f->ps, t->loc,
			  "%s %s: no escapes, at most %zu characters", macro,
			  sct_tok_text(f, i, tok, sizeof(tok)), size - 1);
		return false;
	}
	memcpy(buf, f->src + t->off + 1, t->len - 2);
	buf[t->len - 2] = '\0';
	return true;
}

/* ipaddr("a.b.c.d"), htons(n), usernametoid("u"), groupnametoid("g") */
static int sct_macro(struct sct_resolver *f, size_t i, int m, uint64_t *v,
		     size_t *end)
{
	const char *name = sct_macros[m], *file;
	char arg[256], tok[SCT_TOK_TEXT + 8];
	size_t j, k, after;
	struct in_addr a;
	unsigned long id;
	bool changed;
	uint64_t w;
	int ret;

	j = sct_next_sig(f, i + 1);
	if (!sct_is_op(f, j, "(")) {
		sct_rf_error(f->ps, f->t[i].loc,
			  "%s needs an argument: %s(...)", name, name);
		return C_ERR;
	}
	k = sct_next_sig(f, j + 1);
	if (m == 1) {
		ret = sct_cexpr(f, k, &w, &after, &changed);
		if (ret == C_ERR)
			return C_ERR;
		if (ret == C_NOT) {
			sct_rf_error(f->ps, sct_tok_loc(f, k),
				  "unexpected %s, expected a number in htons()",
				  sct_tok_text(f, k, tok, sizeof(tok)));
			return C_ERR;
		}
		if (w > 0xffff) {
			sct_rf_error(f->ps, f->t[k].loc,
				  "htons() takes a number from 0 to 65535");
			return C_ERR;
		}
		*v = htons((uint16_t)w);
	} else {
		if (!sct_macro_string(f, k, name, arg, sizeof(arg)))
			return C_ERR;
		after = k + 1;
		if (m == 0) {
			if (inet_pton(AF_INET, arg, &a) != 1) {
				sct_rf_error(f->ps, f->t[k].loc,
					  "%s is not an IPv4 address a.b.c.d",
					  sct_tok_text(f, k, tok, sizeof(tok)));
				return C_ERR;
			}
			/* As s_addr holds it: in network byte order. */
			*v = (uint32_t)a.s_addr;
		} else {
			file = sct_get_path(m == 2 ? SCT_PATH_PASSWD :
						     SCT_PATH_GROUP);
			ret = sct_rf_lookup_id(file, arg, &id);
			if (ret == -ENOENT) {
				sct_rf_error(f->ps, f->t[k].loc, "unknown %s %s (not in %s)",
					  m == 2 ? "user" : "group",
					  sct_tok_text(f, k, tok, sizeof(tok)), file);
				return C_ERR;
			}
			if (ret) {
				sct_rf_error(f->ps, f->t[k].loc, "%s(): cannot read %s: %s",
					  name, file, strerror(-ret));
				return C_ERR;
			}
			*v = id;
		}
	}
	j = sct_next_sig(f, after);
	if (!sct_is_op(f, j, ")")) {
		sct_rf_error(f->ps, sct_tok_loc(f, j),
			  "unexpected %s, expected ')' after the argument of %s()",
			  sct_tok_text(f, j, tok, sizeof(tok)), name);
		return C_ERR;
	}
	*end = j + 1;
	return C_OK;
}

/*
 * A term of a constant expression: a number, a constant, a macro, -term
 * or (expression).  C_NOT when there is none at @i (nothing consumed);
 * then @fold tells that a '|' needs one, and a bad number is an error.
 */
static int sct_cterm_nested(struct sct_resolver *f, size_t i, uint64_t *v,
			    size_t *end, bool *changed, bool fold);

/*
 * The terms of constant expressions nest (groups, '-', macros): as deep
 * as the kernel's filters do, and no deeper, so that the stack is
 * bounded whatever the file holds.  A term that opens a level past
 * that is the kernel's error, at its first token.
 */
static int sct_cterm(struct sct_resolver *f, size_t i, uint64_t *v,
		     size_t *end, bool *changed, bool fold)
{
	int ret;

	if (!sct_is_op(f, i, "(") && !sct_is_op(f, i, "-") &&
	    (i >= f->n || f->t[i].type != F_IDENT || sct_macro_index(f, i) < 0))
		return sct_cterm_nested(f, i, v, end, changed, fold);
	if (f->depth >= SCT_FILTER_MAX_DEPTH) {
		sct_rf_error(f->ps, sct_tok_loc(f, i), "nested more than %d deep",
			     SCT_FILTER_MAX_DEPTH);
		return C_ERR;
	}
	f->depth++;
	ret = sct_cterm_nested(f, i, v, end, changed, fold);
	f->depth--;
	return ret;
}

static int sct_cterm_nested(struct sct_resolver *f, size_t i, uint64_t *v,
			    size_t *end, bool *changed, bool fold)
{
	char tok[SCT_TOK_TEXT + 8], name[SCT_TOK_TEXT];
	const struct sct_ftoken *t;
	long long c;
	size_t j, k;
	bool inner = false;
	int ret, m;

	if (i >= f->n)
		return C_NOT;
	t = &f->t[i];
	switch (t->type) {
	case F_NUM:
		if (sct_rf_knum(f->src + t->off, t->len, v)) {
			if (!fold)
				return C_NOT;	/* the kernel's error */
			sct_rf_error(f->ps, t->loc, "bad number %s",
				  sct_tok_text(f, i, tok, sizeof(tok)));
			return C_ERR;
		}
		*end = i + 1;
		return C_OK;
	case F_IDENT:
		if (sct_is_field(f, i))
			return C_NOT;
		m = sct_macro_index(f, i);
		if (m >= 0) {
			*changed = true;
			return sct_macro(f, i, m, v, end);
		}
		if (t->len >= sizeof(name))
			return C_NOT;
		memcpy(name, f->src + t->off, t->len);
		name[t->len] = '\0';
		if (sct_constant(name, &c))
			return C_NOT;
		*v = c;
		*changed = true;
		*end = i + 1;
		return C_OK;
	case F_OP:
		if (sct_is_op(f, i, "-")) {
			/* -EPERM: a constant, a macro or a group, negated. */
			ret = sct_cterm(f, i + 1, v, end, &inner, fold);
			if (ret != C_OK || !inner)
				return ret == C_ERR ? C_ERR : C_NOT;
			*v = -*v;
			*changed = true;
			return C_OK;
		}
		if (!sct_is_op(f, i, "("))
			return C_NOT;
		j = sct_next_sig(f, i + 1);
		ret = sct_cexpr(f, j, v, &k, &inner);
		if (ret != C_OK)
			return ret;
		k = sct_next_sig(f, k);
		/* (5) stays as it is; (O_RDONLY|O_CREAT) is a number. */
		if (!inner || !sct_is_op(f, k, ")"))
			return C_NOT;
		*changed = true;
		*end = k + 1;
		return C_OK;
	default:
		return C_NOT;
	}
}

/* term | term | ... */
static int sct_cexpr(struct sct_resolver *f, size_t i, uint64_t *v,
		     size_t *end, bool *changed)
{
	char tok[SCT_TOK_TEXT + 8];
	size_t j, k, e;
	uint64_t w;
	int ret;

	ret = sct_cterm(f, i, v, end, changed, false);
	if (ret != C_OK)
		return ret;
	for (;;) {
		k = sct_next_sig(f, *end);
		if (!sct_is_op(f, k, "|"))
			return C_OK;
		j = sct_next_sig(f, k + 1);
		ret = sct_cterm(f, j, &w, &e, changed, true);
		if (ret == C_ERR)
			return C_ERR;
		if (ret == C_NOT) {
			sct_rf_error(f->ps, sct_tok_loc(f, j),
				  "unexpected %s, expected a number or a constant after '|'",
				  sct_tok_text(f, j, tok, sizeof(tok)));
			return C_ERR;
		}
		*v |= w;
		*end = e;
		*changed = true;
	}
}

static int sct_resolve(struct sct_resolver *f)
{
	char tok[SCT_TOK_TEXT + 8], num[24];
	const struct sct_ftoken *t;
	size_t i, k, end, prev = (size_t)-1;
	struct sct_loc loc;
	bool changed;
	uint64_t v;
	int ret;

	for (i = sct_next_sig(f, 0); i < f->n; ) {
		t = &f->t[i];
		switch (t->type) {
		case F_WS:
		case F_COMMENT:
			/*
			 * Blanks on a line stay; a run that holds a line
			 * break or a comment is one space.
			 */
			for (k = i; k < f->n && (f->t[k].type == F_WS ||
						 f->t[k].type == F_COMMENT) &&
			     f->src[f->t[k].off] != '\n' &&
			     f->t[k].type != F_COMMENT; k++)
				;
			if (k < f->n && (f->t[k].type == F_WS ||
					 f->t[k].type == F_COMMENT)) {
				sct_emit(f, " ", 1, t->loc, false);
				i = sct_next_sig(f, i);
				continue;
			}
			for (; i < k; i++)
				sct_emit(f, " ", 1, f->t[i].loc, true);
			continue;
		case F_STR:
			if (t->bad) {
				sct_rf_error(f->ps, t->loc, "unterminated string");
				return -1;
			}
			break;
		case F_OTHER:
			if (!f->src[t->off]) {
				sct_rf_error(f->ps, t->loc,
					  "NUL character in filter_expression");
				return -1;
			}
			break;
		case F_NUM:
		case F_IDENT:
		case F_OP:
			changed = false;
			ret = sct_cexpr(f, i, &v, &end, &changed);
			if (ret == C_ERR)
				return -1;
			if (ret == C_OK && changed) {
				snprintf(num, sizeof(num), "%lld", (long long)v);
				sct_emit(f, num, strlen(num), t->loc, false);
				prev = end - 1;
				i = end;
				continue;
			}
			if (t->type == F_IDENT && !sct_is_field(f, i) &&
			    !(prev != (size_t)-1 && sct_is_op(f, prev, "."))) {
				if (sct_macro_index(f, i) >= 0)
					sct_rf_error(f->ps, t->loc, "%s needs an argument",
						  sct_tok_text(f, i, tok, sizeof(tok)));
				else
					sct_rf_error(f->ps, t->loc,
						  "unknown name %s: not a field, a constant or a macro",
						  sct_tok_text(f, i, tok, sizeof(tok)));
				return -1;
			}
			if (sct_is_op(f, i, "|")) {
				sct_rf_error(f->ps, t->loc,
					  "'|' joins numbers and constants only (the kernel has no '|')");
				return -1;
			}
			if (sct_is_op(f, i, "=")) {
				/* syscalltrack's '=' is '=='. */
				sct_emit(f, "==", 2, t->loc, false);
				prev = i++;
				continue;
			}
			break;
		}
		sct_emit(f, f->src + t->off, t->len, t->loc, true);
		prev = i++;
	}

	/* No blanks at the end; past the end is the closing '}'. */
	while (f->olen && f->out[f->olen - 1] == ' ')
		f->olen--;
	while (f->r->nspans && f->r->spans[f->r->nspans - 1].off >= f->olen)
		f->r->nspans--;
	loc = f->ps->filter_end;
	k = f->r->nspans;
	f->r->spans[k] = (struct sct_filter_span){
		.off = f->olen, .line = loc.line, .col = loc.col,
	};
	f->r->nspans = k + 1;
	f->out[f->olen] = '\0';
	if (f->too_long) {
		sct_rf_error(f->ps, f->too_long_loc,
			  "filter is longer than 4093 characters once constants are replaced");
		return -1;
	}
	return 0;
}

/* ---- Checking: the kernel's parser (kernel/sct/filter.c). ---- */

enum sct_field {
	SCT_F_PID, SCT_F_TID, SCT_F_PPID, SCT_F_UID, SCT_F_EUID, SCT_F_SUID,
	SCT_F_FSUID, SCT_F_GID, SCT_F_EGID, SCT_F_SGID, SCT_F_FSGID,
	SCT_F_COMM, SCT_F_RETVAL, SCT_F_PARAM, SCT_F_PARAM_STR,
	SCT_F_SA_FAMILY, SCT_F_SA_PORT, SCT_F_SA_ADDR, SCT_F_SA_ADDR6,
	SCT_F_DESCENDANT, SCT_F_CONST,
};

static const char *const sct_field_names[] = {
	[SCT_F_PID] = "PID", [SCT_F_TID] = "TID", [SCT_F_PPID] = "PPID",
	[SCT_F_UID] = "UID", [SCT_F_EUID] = "EUID", [SCT_F_SUID] = "SUID",
	[SCT_F_FSUID] = "FSUID", [SCT_F_GID] = "GID", [SCT_F_EGID] = "EGID",
	[SCT_F_SGID] = "SGID", [SCT_F_FSGID] = "FSGID", [SCT_F_COMM] = "COMM",
	[SCT_F_RETVAL] = "RETVAL",
};

enum sct_cmp {
	SCT_CMP_EQ, SCT_CMP_NE, SCT_CMP_LT, SCT_CMP_LE, SCT_CMP_GT,
	SCT_CMP_GE, SCT_CMP_BAND, SCT_CMP_GLOB, SCT_CMP_IN, SCT_CMP_TRUE,
};

enum sct_tok {
	T_END, T_NUM, T_STR, T_IDENT, T_LPAREN, T_RPAREN, T_LBRACK, T_RBRACK,
	T_COMMA, T_DOT, T_NOT, T_AND, T_OR, T_EQ, T_NE, T_LT, T_LE, T_GT,
	T_GE, T_BAND, T_GLOB,
};

#define SCT_MAX_INSNS	(4 * SCT_FILTER_MAX_PREDS)
#define SCT_MAX_NUMS	(2 * SCT_FILTER_MAX_LIST * 8)
#define SCT_MAX_STRS	4096

/* What the kernel's parser keeps of the program: only its sizes. */
struct sct_checker {
	const char *s;
	unsigned int len;
	unsigned int pos;
	int when;
	bool failed;
	unsigned int err_pos;
	char err[160];		/* with %s for the token at err_pos */

	enum sct_tok tok;
	unsigned int tok_pos;
	uint64_t num;
	char str[SCT_STR_MAX + 1];
	unsigned int str_len;

	unsigned int depth;
	unsigned int npreds;
	unsigned int ninsns;
	unsigned int nnums;
	unsigned int nstrs;
};

struct sct_insn {
	int field;
	int cmp;
	unsigned int nvals;
};

static bool sct_fail_at(struct sct_checker *p, unsigned int pos,
			const char *msg)
{
	if (!p->failed) {
		p->failed = true;
		p->err_pos = pos;
		snprintf(p->err, sizeof(p->err), "%s", msg);
	}
	return false;
}

static bool sct_fail(struct sct_checker *p, const char *msg)
{
	return sct_fail_at(p, p->tok_pos, msg);
}

static int sct_hex(char c)
{
	if (!isxdigit((unsigned char)c))
		return -1;
	return isdigit((unsigned char)c) ? c - '0' :
					   sct_tolower((unsigned char)c) - 'a' + 10;
}

static bool sct_lex_string(struct sct_checker *p)
{
	const char *s = p->s;
	unsigned int i = p->pos + 1, n = 0;
	char c, msg[64];

	while (i < p->len && s[i] != '"') {
		c = s[i++];
		if (c == '\\') {
			if (i >= p->len)
				break;
			c = s[i++];
			switch (c) {
			case 'n':
				c = '\n';
				break;
			case 't':
				c = '\t';
				break;
			case 'r':
				c = '\r';
				break;
			case '\\':
			case '"':
				break;
			case 'x':
				if (i + 1 < p->len && sct_hex(s[i]) >= 0 &&
				    sct_hex(s[i + 1]) >= 0) {
					c = sct_hex(s[i]) << 4 | sct_hex(s[i + 1]);
					i += 2;
					break;
				}
				/* fall through */
			default:
				if (sct_isprint((unsigned char)c))
					snprintf(msg, sizeof(msg),
						 "unknown escape '\\%c' in string (\\\\ \\\" \\n \\t \\r \\xHH)",
						 c);
				else
					snprintf(msg, sizeof(msg),
						 "unknown escape in string");
				return sct_fail_at(p, i - 2, msg);
			}
			if (!c)
				return sct_fail_at(p, i - 4,
						   "\\x00 cannot be in a string");
		}
		if (n == SCT_STR_MAX)
			return sct_fail_at(p, p->tok_pos,
					   "string longer than 255 characters");
		p->str[n++] = c;
	}
	if (i >= p->len)
		return sct_fail_at(p, p->tok_pos, "unterminated string");
	p->str[n] = '\0';
	p->str_len = n;
	p->pos = i + 1;
	p->tok = T_STR;
	return true;
}

static bool sct_lex_number(struct sct_checker *p)
{
	unsigned int start = p->pos, n;
	int ret;

	if (p->s[p->pos] == '-')
		p->pos++;
	for (n = p->pos; n < p->len && sct_alnum(p->s[n]); n++)
		;
	ret = sct_rf_knum(p->s + start, n - start, &p->num);
	if (ret == -2)
		return sct_fail_at(p, start, "number too long: %s");
	if (ret)
		return sct_fail_at(p, start, "bad number %s");
	p->pos = n;
	p->tok = T_NUM;
	return true;
}

static bool sct_next(struct sct_checker *p)
{
	static const struct {
		const char *text;
		enum sct_tok tok;
	} ops[] = {
		{ "&&", T_AND }, { "||", T_OR }, { "==", T_EQ }, { "!=", T_NE },
		{ "<=", T_LE }, { ">=", T_GE }, { "<", T_LT }, { ">", T_GT },
		{ "&", T_BAND }, { "~", T_GLOB }, { "!", T_NOT },
		{ "(", T_LPAREN }, { ")", T_RPAREN }, { "[", T_LBRACK },
		{ "]", T_RBRACK }, { ",", T_COMMA }, { ".", T_DOT },
	};
	const char *s = p->s;
	unsigned int i, n;

	if (p->failed)
		return false;
	while (p->pos < p->len && sct_space(s[p->pos]))
		p->pos++;
	p->tok_pos = p->pos;
	if (p->pos >= p->len) {
		p->tok = T_END;
		return true;
	}
	if (s[p->pos] == '"')
		return sct_lex_string(p);
	if (sct_digit(s[p->pos]) ||
	    (s[p->pos] == '-' && p->pos + 1 < p->len &&
	     sct_digit(s[p->pos + 1])))
		return sct_lex_number(p);
	if (sct_alpha(s[p->pos]) || s[p->pos] == '_') {
		for (n = p->pos; n < p->len && (sct_alnum(s[n]) || s[n] == '_');
		     n++)
			;
		if (n - p->pos > 16)
			return sct_fail(p, "unknown name %s");
		memcpy(p->str, s + p->pos, n - p->pos);
		p->str[n - p->pos] = '\0';
		p->pos = n;
		p->tok = T_IDENT;
		return true;
	}
	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		n = strlen(ops[i].text);
		if (p->pos + n <= p->len && !strncmp(s + p->pos, ops[i].text, n)) {
			p->pos += n;
			p->tok = ops[i].tok;
			return true;
		}
	}
	return sct_fail(p, "unexpected character %s");
}

static bool sct_is_ident(struct sct_checker *p, const char *name)
{
	return p->tok == T_IDENT && !sct_strcasecmp(p->str, name);
}

static bool sct_expect(struct sct_checker *p, enum sct_tok tok,
		       const char *msg)
{
	if (p->tok != tok)
		return sct_fail(p, msg);
	return sct_next(p);
}

static bool sct_emit_insn(struct sct_checker *p)
{
	if (p->ninsns >= SCT_MAX_INSNS)
		return sct_fail(p, "filter too complex (more than 256 instructions)");
	p->ninsns++;
	return true;
}

static bool sct_add_num(struct sct_checker *p)
{
	if (p->nnums >= SCT_MAX_NUMS)
		return sct_fail(p, "too many values in the filter (more than 256)");
	p->nnums++;
	return true;
}

static bool sct_add_str(struct sct_checker *p)
{
	if (p->nstrs + p->str_len + 1 > SCT_MAX_STRS)
		return sct_fail(p, "too many strings in the filter");
	p->nstrs += p->str_len + 1;
	return true;
}

static bool sct_parse_or(struct sct_checker *p);

static bool sct_parse_params(struct sct_checker *p)
{
	if (!sct_next(p) ||
	    !sct_expect(p, T_LBRACK, "unexpected %s, expected '[' after PARAMS"))
		return false;
	if (p->tok != T_NUM || p->num < 1 || p->num > SCT_NR_PARAMS)
		return sct_fail(p, "unexpected %s, expected a PARAMS index from 1 to 6");
	return sct_next(p) &&
	       sct_expect(p, T_RBRACK, "unexpected %s, expected ']'");
}

static bool sct_parse_sockaddr(struct sct_checker *p, struct sct_insn *in)
{
	static const struct {
		const char *name;
		enum sct_field field;
	} members[] = {
		{ "family", SCT_F_SA_FAMILY }, { "port", SCT_F_SA_PORT },
		{ "addr", SCT_F_SA_ADDR }, { "addr6", SCT_F_SA_ADDR6 },
	};
	unsigned int i;

	if (!sct_next(p) ||
	    !sct_expect(p, T_LPAREN, "unexpected %s, expected '(' after SOCKADDR"))
		return false;
	if (!sct_is_ident(p, "PARAMS"))
		return sct_fail(p, "unexpected %s, expected PARAMS[n] in SOCKADDR()");
	if (!sct_parse_params(p) ||
	    !sct_expect(p, T_RPAREN, "unexpected %s, expected ')'") ||
	    !sct_expect(p, T_DOT, "unexpected %s, expected '.' and family, port, addr or addr6"))
		return false;
	for (i = 0; p->tok == T_IDENT && i < ARRAY_SIZE(members); i++) {
		if (!strcmp(p->str, members[i].name)) {
			in->field = members[i].field;
			return sct_next(p);
		}
	}
	return sct_fail(p, "unexpected %s, expected family, port, addr or addr6");
}

/*
 * The address strings of .addr and .addr6, as the kernel reads them
 * (in4_pton() and in6_pton(), on the whole string).  That is the usual
 * text of an address, but each number may have leading zeros:
 * "010.0.0.1" is 10.0.0.1, and "00ffff::" one group.  Nothing may follow
 * the address.
 */
static bool sct_addr4(const char *s, size_t len)
{
	unsigned int octets = 0, val = 0;
	bool digit = false;
	size_t i;

	for (i = 0; i <= len; i++) {
		if (i < len && sct_digit(s[i])) {
			val = val * 10 + (s[i] - '0');
			if (val > 255)
				return false;
			digit = true;
		} else if (i == len || s[i] == '.') {
			if (!digit || ++octets > 4)
				return false;
			val = 0;
			digit = false;
		} else {
			return false;
		}
	}
	return octets == 4;
}

static bool sct_addr6(const char *s)
{
	unsigned int n = 0, val = 0;	/* groups of 16 bits seen */
	const char *p = s, *group;
	bool digit = false, dcolon = false;
	int x;

	/* A leading ':' is half of a "::". */
	if (*p == ':' && *++p != ':')
		return false;
	for (group = p; *p; p++) {
		x = sct_hex(*p);
		if (x >= 0) {
			val = val << 4 | x;
			if (val > 0xffff)
				return false;
			digit = true;
		} else if (*p == ':') {
			if (!digit) {
				if (dcolon)
					return false;
				dcolon = true;
			} else {
				if (!p[1] || ++n > 7)
					return false;
				val = 0;
				digit = false;
			}
			group = p + 1;
		} else if (*p == '.') {
			/* a.b.c.d for the last 32 bits, and nothing after */
			if (n + 2 > (dcolon ? 7u : 8u) ||
			    !sct_addr4(group, strlen(group)))
				return false;
			n += 2;
			digit = false;
			break;
		} else {
			return false;
		}
	}
	if (digit)
		n++;
	/* "::" stands for one group or more. */
	return dcolon ? n < 8 : n == 8;
}

static bool sct_is_string_field(int field)
{
	return field == SCT_F_COMM || field == SCT_F_PARAM_STR;
}

static bool sct_parse_value(struct sct_checker *p, struct sct_insn *in,
			    bool first)
{
	if (p->tok != T_NUM && p->tok != T_STR)
		return sct_fail(p, "unexpected %s, expected a number or a string");

	if (first && p->tok == T_STR && in->field == SCT_F_PARAM)
		in->field = SCT_F_PARAM_STR;

	switch (in->field) {
	case SCT_F_COMM:
	case SCT_F_PARAM_STR:
		if (p->tok != T_STR)
			return sct_fail(p, "unexpected %s, expected a string");
		return sct_add_str(p) && sct_next(p);
	case SCT_F_SA_ADDR:
		if (p->tok == T_NUM)
			return sct_add_num(p) && sct_next(p);
		if (!sct_addr4(p->str, p->str_len))
			return sct_fail(p, "unexpected %s, expected an IPv4 address \"a.b.c.d\" or a number");
		return sct_add_num(p) && sct_next(p);
	case SCT_F_SA_ADDR6:
		if (p->tok != T_STR || !sct_addr6(p->str))
			return sct_fail(p, "unexpected %s, expected an IPv6 address string");
		return sct_add_num(p) && sct_add_num(p) && sct_next(p);
	default:
		if (p->tok != T_NUM)
			return sct_fail(p, "unexpected %s, expected a number");
		return sct_add_num(p) && sct_next(p);
	}
}

static bool sct_parse_cmp(struct sct_checker *p, struct sct_insn *in)
{
	static const enum sct_cmp cmps[] = {
		[T_EQ] = SCT_CMP_EQ, [T_NE] = SCT_CMP_NE, [T_LT] = SCT_CMP_LT,
		[T_LE] = SCT_CMP_LE, [T_GT] = SCT_CMP_GT, [T_GE] = SCT_CMP_GE,
		[T_BAND] = SCT_CMP_BAND, [T_GLOB] = SCT_CMP_GLOB,
	};
	unsigned int op_pos = p->tok_pos;

	if (sct_is_ident(p, "in")) {
		in->cmp = SCT_CMP_IN;
		if (!sct_next(p) ||
		    !sct_expect(p, T_LPAREN, "unexpected %s, expected '(' after 'in'"))
			return false;
		do {
			if (in->nvals && !sct_next(p))
				return false;
			if (in->nvals == SCT_FILTER_MAX_LIST)
				return sct_fail(p, "more than 16 values in an 'in' list");
			if (!sct_parse_value(p, in, !in->nvals))
				return false;
			in->nvals++;
		} while (p->tok == T_COMMA);
		return sct_expect(p, T_RPAREN, "unexpected %s, expected ',' or ')'");
	}

	if (p->tok < T_EQ || p->tok > T_GLOB) {
		if (sct_is_string_field(in->field) ||
		    in->field == SCT_F_SA_ADDR6)
			return sct_fail(p, "unexpected %s, expected a comparison");
		in->cmp = SCT_CMP_TRUE;
		return true;
	}
	in->cmp = cmps[p->tok];
	if (in->cmp == SCT_CMP_GLOB && !sct_is_string_field(in->field) &&
	    in->field != SCT_F_PARAM)
		return sct_fail(p, "'~' matches strings only");
	if (!sct_next(p) || !sct_parse_value(p, in, true))
		return false;
	in->nvals = 1;

	if (sct_is_string_field(in->field)) {
		if (in->cmp != SCT_CMP_EQ && in->cmp != SCT_CMP_NE &&
		    in->cmp != SCT_CMP_GLOB)
			return sct_fail_at(p, op_pos,
					   "strings take ==, !=, ~ or in, not %s");
	} else if (in->cmp == SCT_CMP_GLOB) {
		return sct_fail_at(p, op_pos, "'~' matches strings only");
	} else if (in->field == SCT_F_SA_ADDR6 && in->cmp != SCT_CMP_EQ &&
		   in->cmp != SCT_CMP_NE) {
		return sct_fail_at(p, op_pos, "addr6 takes ==, != or in, not %s");
	}
	return true;
}

static bool sct_parse_pred(struct sct_checker *p)
{
	struct sct_insn in = { 0 };
	unsigned int i;

	if (++p->npreds > SCT_FILTER_MAX_PREDS)
		return sct_fail(p, "more than 64 comparisons in the filter");
	if (!sct_emit_insn(p))
		return false;

	if (p->tok == T_NUM)
		return sct_add_num(p) && sct_next(p);
	if (p->tok != T_IDENT)
		return sct_fail(p, "unexpected %s, expected a field, a number or '('");

	if (sct_is_ident(p, "DESCENDANT")) {
		if (!sct_next(p) ||
		    !sct_expect(p, T_LPAREN, "unexpected %s, expected '(' after DESCENDANT"))
			return false;
		if (p->tok != T_NUM || (int64_t)p->num <= 0 ||
		    p->num > SCT_PID_MAX_LIMIT)
			return sct_fail(p, "unexpected %s, expected a process id");
		return sct_add_num(p) && sct_next(p) &&
		       sct_expect(p, T_RPAREN, "unexpected %s, expected ')'");
	}
	if (sct_is_ident(p, "PARAMS")) {
		in.field = SCT_F_PARAM;
		if (!sct_parse_params(p))
			return false;
		return sct_parse_cmp(p, &in);
	}
	if (sct_is_ident(p, "SOCKADDR"))
		return sct_parse_sockaddr(p, &in) && sct_parse_cmp(p, &in);

	for (i = 0; i < ARRAY_SIZE(sct_field_names); i++) {
		if (sct_field_names[i] && !sct_strcasecmp(p->str, sct_field_names[i]))
			break;
	}
	if (i == ARRAY_SIZE(sct_field_names))
		return sct_fail(p, "unknown field %s");
	if (i == SCT_F_RETVAL && p->when != SCT_WHEN_AFTER)
		return sct_fail(p, "RETVAL is known only after the call (when = after)");
	in.field = i;
	return sct_next(p) && sct_parse_cmp(p, &in);
}

static bool sct_parse_not(struct sct_checker *p)
{
	if (p->tok == T_NOT) {
		if (++p->depth > SCT_FILTER_MAX_DEPTH)
			return sct_fail(p, "nested more than 16 deep");
		if (!sct_next(p) || !sct_parse_not(p) || !sct_emit_insn(p))
			return false;
		p->depth--;
		return true;
	}
	if (p->tok == T_LPAREN) {
		if (++p->depth > SCT_FILTER_MAX_DEPTH)
			return sct_fail(p, "nested more than 16 deep");
		if (!sct_next(p) || !sct_parse_or(p) ||
		    !sct_expect(p, T_RPAREN, "unexpected %s, expected ')'"))
			return false;
		p->depth--;
		return true;
	}
	return sct_parse_pred(p);
}

static bool sct_parse_chain(struct sct_checker *p, enum sct_tok tok,
			    bool (*operand)(struct sct_checker *))
{
	if (!operand(p))
		return false;
	while (p->tok == tok) {
		if (!sct_emit_insn(p) || !sct_next(p) || !operand(p))
			return false;
	}
	return true;
}

static bool sct_parse_and(struct sct_checker *p)
{
	return sct_parse_chain(p, T_AND, sct_parse_not);
}

static bool sct_parse_or(struct sct_checker *p)
{
	return sct_parse_chain(p, T_OR, sct_parse_and);
}

/* Compile @expr as the kernel does; false with p->err_pos and p->err. */
static bool sct_check(struct sct_checker *p, const char *expr, int when)
{
	memset(p, 0, sizeof(*p));
	p->s = expr;
	p->len = strlen(expr);
	p->when = when;
	if (p->len > SCT_FILTER_MAX_LEN)
		return sct_fail_at(p, SCT_FILTER_MAX_LEN,
				   "filter longer than 4093 characters");
	if (!sct_next(p))
		return false;
	if (p->tok == T_END)
		return true;
	if (!sct_parse_or(p))
		return false;
	if (p->tok != T_END)
		return sct_fail(p, p->tok == T_RPAREN ? "unbalanced ')'" :
				"unexpected %s, expected && or ||");
	return true;
}

/* ---- Putting it together. ---- */

/* The token of the file at @loc, if one starts there. */
static size_t sct_token_at(struct sct_resolver *f, int line, int col)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->t[i].loc.line == line && f->t[i].loc.col == col)
			return i;
	return f->n;
}

/* Report the checker's error at the place in the file it comes from. */
static void sct_check_error(struct sct_resolver *f, struct sct_checker *p)
{
	char tok[SCT_TOK_TEXT + 8], q[SCT_TOK_TEXT], msg[sizeof(p->err) + 64];
	const char *text = "end of filter";
	enum sct_ftok type;
	size_t i, n;
	int line, col;
	bool bad;

	sct_rule_filter_pos(f->r, p->err_pos, &line, &col);
	if (p->err_pos < p->len) {
		i = sct_token_at(f, line, col);
		if (i < f->n && f->t[i].type != F_WS) {
			text = sct_tok_text(f, i, tok, sizeof(tok));
		} else {
			n = sct_ftoken_len(p->s + p->err_pos,
					   p->len - p->err_pos, &type, &bad);
			sct_rf_quote(q, sizeof(q), p->s + p->err_pos, n);
			snprintf(tok, sizeof(tok), "'%s'", q);
			text = tok;
		}
	}
	/* The messages have at most one %s, for the token. */
	for (i = 0, n = 0; p->err[i] && n < sizeof(msg) - 1; i++) {
		if (p->err[i] == '%' && p->err[i + 1] == 's') {
			n += snprintf(msg + n, sizeof(msg) - n, "%s", text);
			i++;
		} else {
			msg[n++] = p->err[i];
		}
		if (n >= sizeof(msg))
			n = sizeof(msg) - 1;
	}
	msg[n] = '\0';
	sct_rf_error(f->ps, (struct sct_loc){ line, col }, "%s", msg);
}

/**
 * sct_rf_check_raw - check a filter in the kernel's own language
 * @expr: the filter as the kernel's filter attribute takes it: numbers,
 *        no constants, macros or comments
 * @when: %SCT_WHEN_BEFORE or %SCT_WHEN_AFTER, the rule's side of the call
 * @pos: set to the offset in @expr of the error, where filter_error puts
 *       its caret
 * @msg: set to what is wrong (libsct's words, not the kernel's)
 * @size: the size of @msg
 *
 * For the tests that hold libsct's checker against the kernel's compiler.
 *
 * Return: 0 if the kernel compiles @expr, -1 if it refuses it, -ENOMEM.
 */
int sct_rf_check_raw(const char *expr, int when, unsigned int *pos,
		     char *msg, size_t size)
{
	char tok[SCT_TOK_TEXT + 8], q[SCT_TOK_TEXT];
	const char *text = "end of filter";
	struct sct_checker *p;
	enum sct_ftok type;
	size_t i, n;
	bool bad;
	int ret = 0;

	p = malloc(sizeof(*p));
	if (!p)
		return -ENOMEM;
	if (!sct_check(p, expr, when)) {
		*pos = p->err_pos;
		if (p->err_pos < p->len) {
			n = sct_ftoken_len(p->s + p->err_pos,
					   p->len - p->err_pos, &type, &bad);
			sct_rf_quote(q, sizeof(q), p->s + p->err_pos, n);
			snprintf(tok, sizeof(tok), "'%s'", q);
			text = tok;
		}
		/* The messages have at most one %s, for the token. */
		i = strcspn(p->err, "%");
		if (p->err[i])
			snprintf(msg, size, "%.*s%s%s", (int)i, p->err, text,
				 p->err + i + 2);
		else
			snprintf(msg, size, "%s", p->err);
		ret = -1;
	}
	free(p);
	return ret;
}

/**
 * sct_rf_filter - resolve and check a rule's filter
 * @ps: the parse, for messages
 * @r: the rule: its when is used; its filter and map are set
 * @src: the body of filter_expression, as written
 * @len: its length
 * @start: where its first character is in the file
 * @end: where the '}' after it is
 *
 * Return: 0, or -1 after reporting an error.
 */
int sct_rf_filter(struct sct_parse *ps, struct sct_rule *r,
		     const char *src, size_t len, struct sct_loc start,
		     struct sct_loc end)
{
	struct sct_resolver f = {
		.ps = ps, .r = r, .src = src, .out = r->filter,
	};
	struct sct_checker *p;
	struct sct_loc loc = start;
	size_t off, i, n;
	int ret = -1;

	(void)end;
	r->nspans = 0;
	r->filter[0] = '\0';
	f.t = calloc(len ? len : 1, sizeof(*f.t));
	p = malloc(sizeof(*p));
	if (!f.t || !p) {
		ps->oom = true;
		goto out;
	}
	for (off = 0; off < len; off += n) {
		struct sct_ftoken *t = &f.t[f.n++];

		n = sct_ftoken_len(src + off, len - off, &t->type, &t->bad);
		t->off = off;
		t->len = n;
		t->loc = loc;
		for (i = 0; i < n; i++) {
			if (src[off + i] == '\n') {
				loc.line++;
				loc.col = 1;
			} else {
				loc.col++;
			}
		}
	}
	if (sct_resolve(&f))
		goto out;
	if (!sct_check(p, r->filter, r->when)) {
		sct_check_error(&f, p);
		goto out;
	}
	ret = 0;
out:
	if (ret) {
		r->filter[0] = '\0';
		r->nspans = 0;
	}
	free(f.t);
	free(p);
	return ret;
}
