// SPDX-License-Identifier: GPL-2.0
/*
 * filter-corpus: filters in the kernel's own filter language, valid and
 * malformed, to hold the kernel's compiler and libsct's checker to the
 * same answers (scripts/tests/filter-fuzz.sh on the host,
 * selftests/sct_fuzz_test.c in the guest).
 *
 *   filter-corpus [-s SEED] COUNT
 *
 * Prints COUNT lines "W FILTER": W is 'b' (the rule's when = before) or
 * 'a' (after), FILTER what is written to the rule's filter attribute.  A
 * filter holds no NUL and no newline; any other byte may be in it.
 *
 * The lines are, in a mix:
 *   - filters made from the grammar of kernel/sct/filter.c: every field,
 *     "in" lists, globs, && || ! and parentheses, numbers in every base,
 *     strings with every escape, IPv4 and IPv6 addresses; most are valid,
 *     some break one rule at one place;
 *   - the same, mutated: bytes replaced, flipped, inserted (high bytes
 *     and control characters too), deleted, duplicated, tokens dropped
 *     in, truncated, spliced with another filter;
 *   - filters at and just past each bound: 4093 characters, 64
 *     comparisons, nesting 16 deep, 16 values in a list, strings of 255
 *     characters, numbers of 23 characters, names of 16, the program's
 *     instructions and values;
 *   - filters nested far past 16 levels, up to the length bound and past
 *     it (a parser that checks the depth only after parsing runs out of
 *     stack on them);
 *   - blank lines, runs of random bytes and token soup.
 *
 * Line i depends only on the seed and i: the corpus of N lines is the
 * first N lines of any longer one with the same seed, the same on every
 * machine.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The kernel's bounds (kernel/sct/filter.h). */
#define MAX_LEN		4093
#define MAX_PREDS	64
#define MAX_DEPTH	16
#define MAX_LIST	16
#define STR_MAX		255
/* No line grows past this, however it is mutated. */
#define LINE_MAX_LEN	6000

/* ---- Random numbers: splitmix64, one stream per line. ---- */

static uint64_t rng_state;

static uint64_t rnd64(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number from 0 to n - 1. */
static unsigned int rnd(unsigned int n)
{
	return n ? rnd64() % n : 0;
}

/* True with probability pct / 100. */
static bool chance(unsigned int pct)
{
	return rnd(100) < pct;
}

/* ---- A growing line. ---- */

struct buf {
	char *s;
	size_t len;
	size_t cap;
};

static void put_n(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s) {
			perror("filter-corpus");
			exit(1);
		}
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void put(struct buf *b, const char *s)
{
	put_n(b, s, strlen(s));
}

static void put_c(struct buf *b, char c)
{
	put_n(b, &c, 1);
}

static void __attribute__((format(printf, 2, 3)))
put_f(struct buf *b, const char *fmt, ...)
{
	char tmp[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	put(b, tmp);
}

/* ---- The generator of valid (and nearly valid) filters. ---- */

/**
 * struct gen - one filter being made
 * @b: the text
 * @after: the line is for a rule with when = after (RETVAL is valid)
 * @bad: the chance in percent, at each choice, of breaking a rule there
 * @preds: the comparisons made so far
 * @max_preds: when to stop adding operands
 */
struct gen {
	struct buf *b;
	bool after;
	unsigned int bad;
	unsigned int preds;
	unsigned int max_preds;
};

static bool bad(struct gen *g)
{
	return g->bad && chance(g->bad);
}

/*
 * White space the kernel skips: mostly a space, sometimes the others its
 * isspace() takes, Latin-1's no-break space (0xa0) among them.
 */
static void white(struct gen *g)
{
	static const char *const ws[] = { "\t", "\v", "\f", "\r", "\xa0" };
	unsigned int r = rnd(100);

	if (r < 85)
		put_c(g->b, ' ');
	else if (r < 96)
		put(g->b, "  ");
	else
		put(g->b, ws[rnd(ARRAY_SIZE(ws))]);
}

/* Optional white space, between tokens that need none. */
static void opt(struct gen *g)
{
	if (chance(55))
		white(g);
}

/* A name as the kernel takes it: any case but for the members. */
static void name(struct gen *g, const char *s)
{
	unsigned int r = rnd(100), i;

	if (r < 85) {
		put(g->b, s);
		return;
	}
	for (i = 0; s[i]; i++) {
		char c = s[i];

		if (r < 92 || chance(50))
			c = (c >= 'A' && c <= 'Z') ? c + 32 :
			    (c >= 'a' && c <= 'z') ? c - 32 : c;
		put_c(g->b, c);
	}
}

/* A number that fits in 64 bits, in any base, as the kernel reads it. */
static void number_valid(struct gen *g, uint64_t v)
{
	unsigned int r = rnd(100);

	if (r < 50)
		put_f(g->b, "%llu", (unsigned long long)v);
	else if (r < 65)
		put_f(g->b, "0x%llx", (unsigned long long)v);
	else if (r < 72)
		put_f(g->b, "0X%llX", (unsigned long long)v);
	else if (r < 80)
		put_f(g->b, "0%llo", (unsigned long long)v);
	else if (r < 92)
		put_f(g->b, "-%llu", (unsigned long long)v);
	else if (r < 96)
		put_f(g->b, "-0x%llx", (unsigned long long)v);
	else
		/* leading zeros, up to the 23 characters a number may have */
		put_f(g->b, "%0*llu", 1 + rnd(23), (unsigned long long)v);
}

/* A bad number: digits out of base, too long, too big, a bare 0x. */
static void number_bad(struct gen *g)
{
	static const char *const nums[] = {
		"08", "09", "0x", "0xg", "0x1g", "1a", "12abc", "0b101",
		"18446744073709551616", "99999999999999999999",
		"0x10000000000000000", "02000000000000000000000",
		"000000000000000000000001", "-000000000000000000000001",
		"0000000000000000000000000000000000007", "1e5", "1_000",
		"-0x", "0X", "1.5", "0xffffffffffffffff0",
	};

	put(g->b, nums[rnd(ARRAY_SIZE(nums))]);
}

static uint64_t some_value(void)
{
	static const uint64_t edges[] = {
		0, 1, 2, 7, 8, 255, 256, 0x7fffffff, 0x80000000, 0xffffffff,
		0x100000000ULL, 0x7fffffffffffffffULL, 0x8000000000000000ULL,
		0xffffffffffffffffULL, 0xfffffffffffffffeULL,
	};
	unsigned int r = rnd(100), shift;

	if (r < 40)
		return rnd(1000);
	if (r < 60)
		return edges[rnd(ARRAY_SIZE(edges))];
	if (r < 80) {
		shift = rnd(64);	/* one call a statement: a fixed order */
		return rnd64() >> shift;
	}
	return rnd64();
}

static void number(struct gen *g)
{
	if (bad(g))
		number_bad(g);
	else
		number_valid(g, some_value());
}

/* One character of a string literal, as written. */
static void string_char(struct gen *g, bool glob)
{
	static const char esc[] = "ntr\\\"";
	static const char globc[] = "*?[]!-^";
	unsigned int r = rnd(100);
	unsigned int c;

	if (bad(g)) {
		switch (rnd(4)) {
		case 0:
			put(g->b, "\\x00");
			break;
		case 1:
			put_c(g->b, '\\');
			put_c(g->b, "aqx0 'e{"[rnd(8)]);
			break;
		case 2:
			put_f(g->b, "\\x%c", "0123456789abcdefG"[rnd(17)]);
			break;
		default:
			put_c(g->b, '\\');	/* may escape the closing quote */
			break;
		}
		return;
	}
	if (r < 55) {
		put_c(g->b, "abcdefghijklmnopqrstuvwxyz/._-0123456789 "[rnd(41)]);
	} else if (r < 67) {
		put_c(g->b, '\\');
		put_c(g->b, esc[rnd(sizeof(esc) - 1)]);
	} else if (r < 77) {
		c = 1 + rnd(255);
		put_f(g->b, chance(50) ? "\\x%02x" : "\\x%02X", c);
	} else if (r < 85 && glob) {
		put_c(g->b, globc[rnd(sizeof(globc) - 1)]);
	} else if (r < 92) {
		/* a raw byte above 0x7f */
		put_c(g->b, 0x80 + rnd(128));
	} else {
		/* a raw control character: not NUL, not a newline */
		do {
			c = 1 + rnd(31);
		} while (c == '\n');
		put_c(g->b, chance(90) ? c : 0x7f);
	}
}

/* A string literal of n characters (escapes count as one). */
static void string_n(struct gen *g, unsigned int n, bool glob)
{
	unsigned int i;

	put_c(g->b, '"');
	for (i = 0; i < n; i++)
		string_char(g, glob);
	if (!bad(g))
		put_c(g->b, '"');
}

static void string(struct gen *g, bool glob)
{
	unsigned int r = rnd(100), n;

	if (r < 70)
		n = rnd(12);
	else if (r < 93)
		n = rnd(60);
	else if (r < 97)
		n = STR_MAX - 2 + rnd(3);
	else
		n = STR_MAX + 1 + rnd(3);
	string_n(g, n, glob);
}

/* An IPv4 address as .addr takes it, or one it refuses. */
static void ipv4(struct gen *g, struct buf *b)
{
	static const char *const bads[] = {
		"1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.256", "1..2.3",
		".1.2.3.4", "1.2.3.4.", " 1.2.3.4", "1.2.3.4 ", "1.2.3.4:80",
		"1.2.3.4/24", "1.2.3.4x", "1.2.3.4a", "0x1.2.3.4", "a.b.c.d",
		"", "localhost", "1.2.3.-4", "+1.2.3.4", "1.2.3.04 ",
		"1.2.3.4%", "1,2,3,4", "::1", "1.2.3.0004",
	};
	unsigned int i, w, r = rnd(100);

	if (bad(g) || r < 8) {
		put(b, bads[rnd(ARRAY_SIZE(bads))]);
		return;
	}
	for (i = 0; i < 4; i++) {
		if (i)
			put_c(b, '.');
		if (r < 20) {	/* leading zeros */
			w = 1 + rnd(5);
			put_f(b, "%0*u", w, rnd(256));
		} else {
			put_f(b, "%u", chance(20) ? 255 * rnd(2) : rnd(256));
		}
	}
}

/* An IPv6 address as .addr6 takes it, or one it refuses. */
static void ipv6(struct gen *g, struct buf *b)
{
	static const char *const bads[] = {
		":", ":::", "1:", ":1", "1::2::3", "1:2:3:4:5:6:7:8:9",
		"1:2:3:4:5:6:7", "12345::", "1ffff::", "g::", "::1 ", " ::1",
		"::1%eth0", "fe80::1%1", "::1x", "::1/128", "[::1]",
		"1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "1::2:3:4:5:6:7:8",
		"1:2:3:4:5:6::1.2.3.4", "::1.2.3", "::1.2.3.4.5",
		"::256.1.1.1", "1:2:3:4:5:6:7:1.2.3.4", "1.2.3.4", "",
		"::1.2.3.4:", "::1.2.3.4 ", "1:2:3:4:5:1.2.3.4", "::ffff:1.2.3.4x",
	};
	unsigned int ngroups, i, gap, w, r = rnd(100);
	bool v4;

	if (bad(g) || r < 8) {
		put(b, bads[rnd(ARRAY_SIZE(bads))]);
		return;
	}
	if (r < 14) {
		put(b, chance(50) ? "::" : "::1");
		return;
	}
	v4 = chance(20);
	ngroups = v4 ? 6 : 8;
	gap = chance(60) ? rnd(ngroups + 1) : ngroups + 1;	/* where :: is */
	if (gap <= ngroups) {
		/* "::" stands for one group or more */
		ngroups = rnd(ngroups);
		if (gap > ngroups)
			gap = ngroups;
	}
	for (i = 0; i < ngroups; i++) {
		if (i == gap)
			put(b, "::");
		else if (i)
			put_c(b, ':');
		if (chance(10)) {
			w = 5 + rnd(3);
			put_f(b, "%0*x", w, rnd(0x10000));
		} else if (chance(20)) {
			put_f(b, "%X", rnd(0x10000));
		} else {
			put_f(b, "%x", chance(30) ? 0 : rnd(0x10000));
		}
	}
	if (gap == ngroups)
		put(b, "::");
	if (v4) {
		if (ngroups && gap != ngroups)
			put_c(b, ':');
		ipv4(g, b);
	}
}

/* An address in a string literal, sometimes with an escape in it. */
static void addr_string(struct gen *g, bool six)
{
	struct buf a = { 0 };
	size_t i;

	put_n(&a, "", 0);
	if (six)
		ipv6(g, &a);
	else
		ipv4(g, &a);
	put_c(g->b, '"');
	for (i = 0; i < a.len; i++) {
		if (chance(3))
			put_f(g->b, "\\x%02x", (unsigned char)a.s[i]);
		else
			put_c(g->b, a.s[i]);
	}
	put_c(g->b, '"');
	free(a.s);
}

enum vkind { V_NUM, V_STR, V_GLOB, V_ADDR4, V_ADDR6 };

static void value(struct gen *g, enum vkind k)
{
	if (bad(g))
		k = rnd(5);
	switch (k) {
	case V_NUM:
		number(g);
		break;
	case V_STR:
	case V_GLOB:
		string(g, k == V_GLOB);
		break;
	case V_ADDR4:
		if (chance(40))
			number(g);
		else
			addr_string(g, false);
		break;
	case V_ADDR6:
		addr_string(g, true);
		break;
	}
}

/* in (v, ...): mostly short lists, sometimes at and past the bound. */
static void list(struct gen *g, enum vkind k)
{
	unsigned int n, i, r = rnd(100);

	if (r < 75)
		n = 1 + rnd(4);
	else if (r < 90)
		n = 1 + rnd(MAX_LIST);
	else
		n = MAX_LIST - 1 + rnd(3);
	if (chance(85))
		white(g);
	put(g->b, chance(92) ? "in" : "IN");
	opt(g);
	put_c(g->b, '(');
	for (i = 0; i < n; i++) {
		if (i) {
			opt(g);
			put_c(g->b, ',');
		}
		opt(g);
		value(g, k);
	}
	opt(g);
	if (!bad(g))
		put_c(g->b, ')');
}

static const char *const num_ops[] = { "==", "!=", "<", "<=", ">", ">=", "&" };
static const char *const str_ops[] = { "==", "!=", "~" };
static const char *const all_ops[] = {
	"==", "!=", "<", "<=", ">", ">=", "&", "~",
};

/* The comparison after a numeric field. */
static void cmp_num(struct gen *g, enum vkind k)
{
	unsigned int r = rnd(100);

	if (r < 12 && k != V_ADDR6) {
		return;		/* standing alone */
	} else if (r < 30) {
		list(g, k);
		return;
	}
	opt(g);
	if (k == V_ADDR6)
		put(g->b, bad(g) ? all_ops[rnd(ARRAY_SIZE(all_ops))] :
				   str_ops[rnd(2)]);
	else
		put(g->b, bad(g) ? all_ops[rnd(ARRAY_SIZE(all_ops))] :
				   num_ops[rnd(ARRAY_SIZE(num_ops))]);
	opt(g);
	value(g, k);
}

/* The comparison after COMM or a string parameter. */
static void cmp_str(struct gen *g)
{
	unsigned int r = rnd(100), op;

	if (r < 20) {
		list(g, V_STR);
		return;
	}
	if (bad(g) && chance(30))
		return;		/* standing alone: refused */
	opt(g);
	op = rnd(ARRAY_SIZE(str_ops));
	put(g->b, bad(g) ? all_ops[rnd(ARRAY_SIZE(all_ops))] : str_ops[op]);
	opt(g);
	value(g, op == 2 ? V_GLOB : V_STR);
}

/* PARAMS[n] */
static void params(struct gen *g)
{
	static const char *const idx[] = { "0x1", "02", "003", "0X6", "4" };
	static const char *const bads[] = {
		"0", "7", "-1", "8", "0x7", "1a", "", "1,2", "\"1\"",
		"18446744073709551617",
	};

	name(g, "PARAMS");
	opt(g);
	put_c(g->b, '[');
	opt(g);
	if (bad(g))
		put(g->b, bads[rnd(ARRAY_SIZE(bads))]);
	else if (chance(90))
		put_f(g->b, "%u", 1 + rnd(6));
	else
		put(g->b, idx[rnd(ARRAY_SIZE(idx))]);
	opt(g);
	if (!bad(g))
		put_c(g->b, ']');
}

static void pred(struct gen *g)
{
	static const char *const fields[] = {
		"PID", "TID", "PPID", "UID", "EUID", "SUID", "FSUID", "GID",
		"EGID", "SGID", "FSGID",
	};
	static const char *const members[] = {
		"family", "port", "addr", "addr6",
	};
	static const char *const bad_names[] = {
		"PIDS", "COMMAND", "PARAM", "SOCKADDR6", "RETVALUE", "in",
		"DESCENDANTS", "X", "_", "family", "PIDPIDPIDPIDPIDP",
		"PIDPIDPIDPIDPIDPI", "UID_", "U1D",
	};
	unsigned int kind = rnd(100), m;

	g->preds++;
	if (bad(g) && chance(25)) {
		put(g->b, bad_names[rnd(ARRAY_SIZE(bad_names))]);
		cmp_num(g, V_NUM);
		return;
	}
	if (kind < 5) {
		number(g);
	} else if (kind < 10) {
		name(g, "DESCENDANT");
		opt(g);
		put_c(g->b, '(');
		opt(g);
		switch (rnd(8)) {
		case 0:
			put(g->b, chance(50) ? "4194304" : "0x400000");
			break;
		case 1:
			put(g->b, bad(g) ? "4194305" : "1");
			break;
		default:
			if (bad(g))
				put(g->b, chance(50) ? "0" : "-1");
			else
				number_valid(g, 1 + rnd(4194304));
		}
		opt(g);
		put_c(g->b, ')');
	} else if (kind < 40) {
		name(g, fields[rnd(ARRAY_SIZE(fields))]);
		cmp_num(g, V_NUM);
	} else if (kind < 48) {
		/* RETVAL before the call: refused */
		if (!g->after && !bad(g) && !chance(10))
			name(g, "UID");
		else
			name(g, "RETVAL");
		cmp_num(g, V_NUM);
	} else if (kind < 60) {
		name(g, "COMM");
		cmp_str(g);
	} else if (kind < 70) {
		params(g);
		cmp_num(g, V_NUM);
	} else if (kind < 82) {
		params(g);
		cmp_str(g);
	} else {
		name(g, "SOCKADDR");
		opt(g);
		put_c(g->b, '(');
		opt(g);
		params(g);
		opt(g);
		put_c(g->b, ')');
		opt(g);
		put_c(g->b, '.');
		opt(g);
		m = rnd(ARRAY_SIZE(members));
		if (bad(g))
			put(g->b, chance(50) ? "Family" : "address");
		else
			put(g->b, members[m]);
		if (m == 2)
			cmp_num(g, V_ADDR4);
		else if (m == 3)
			cmp_num(g, V_ADDR6);
		else
			cmp_num(g, V_NUM);
	}
}

static void expr_or(struct gen *g, unsigned int depth);

static void unary(struct gen *g, unsigned int depth)
{
	unsigned int r = rnd(100);
	bool deep = depth >= MAX_DEPTH && !bad(g);

	if (r < 12 && !deep) {
		put_c(g->b, '!');
		opt(g);
		unary(g, depth + 1);
	} else if (r < 30 && !deep) {
		put_c(g->b, '(');
		opt(g);
		expr_or(g, depth + 1);
		opt(g);
		if (!bad(g))
			put_c(g->b, ')');
	} else {
		pred(g);
	}
}

static void chain(struct gen *g, unsigned int depth, const char *op,
		  void (*operand)(struct gen *, unsigned int))
{
	operand(g, depth);
	while (g->preds < g->max_preds && chance(40)) {
		opt(g);
		put(g->b, bad(g) ? (chance(50) ? "&" : "|") : op);
		opt(g);
		operand(g, depth);
	}
}

static void expr_and(struct gen *g, unsigned int depth)
{
	chain(g, depth, "&&", unary);
}

static void expr_or(struct gen *g, unsigned int depth)
{
	chain(g, depth, "||", expr_and);
}

/* A filter from the grammar: valid, unless bad_pct breaks it. */
static void filter(struct buf *b, bool after, unsigned int bad_pct)
{
	struct gen g = {
		.b = b, .after = after, .bad = bad_pct,
		.max_preds = chance(90) ? 1 + rnd(8) : 1 + rnd(MAX_PREDS),
	};

	if (chance(10))
		white(&g);
	expr_or(&g, 0);
	if (chance(10))
		white(&g);
}

/* ---- The bounds. ---- */

/* A short valid comparison. */
static void small_pred(struct gen *g)
{
	unsigned int k;

	g->preds++;
	switch (rnd(6)) {
	case 0:
		put_f(g->b, "PID == %u", rnd(100000));
		break;
	case 1:
		put(g->b, "COMM == \"sh\"");
		break;
	case 2:
		k = 1 + rnd(6);
		put_f(g->b, "PARAMS[%u] & 0x%x", k, 1 + rnd(255));
		break;
	case 3:
		put_f(g->b, "UID");
		break;
	case 4:
		put_f(g->b, "%u", rnd(3));
		break;
	default:
		put_f(g->b, "DESCENDANT(%u)", 1 + rnd(4000));
		break;
	}
}

/* Opening parentheses and '!', k of them, in a random mix. */
static void nest(struct gen *g, unsigned int k, unsigned int *parens)
{
	unsigned int i;

	*parens = 0;
	for (i = 0; i < k; i++) {
		if (chance(50)) {
			put_c(g->b, '(');
			(*parens)++;
		} else {
			put_c(g->b, '!');
		}
		if (chance(20))
			white(g);
	}
}

/* Joins n operands by && or || (or mixes). */
static void join(struct gen *g)
{
	static const char *const ops[] = { " && ", " || ", "&&", "||" };

	put(g->b, ops[rnd(ARRAY_SIZE(ops))]);
}

static void bounds(struct buf *b, bool after)
{
	static const char *const blanks[] = { " ", "\t", "\xa0", "\r" };
	struct gen g = { .b = b, .after = after, .max_preds = MAX_PREDS };
	unsigned int k, i, j, n, parens;

	switch (rnd(13)) {
	case 0:		/* nesting: 16 deep is the most */
		k = MAX_DEPTH - 2 + rnd(5);
		nest(&g, k, &parens);
		if (chance(50))
			small_pred(&g);
		else
			filter(b, after, 0);
		for (i = 0; i < parens; i++)
			put_c(b, ')');
		break;
	case 1:		/* nesting in the middle of a chain */
		small_pred(&g);
		join(&g);
		k = MAX_DEPTH - 1 + rnd(3);
		nest(&g, k, &parens);
		small_pred(&g);
		for (i = 0; i < parens; i++)
			put_c(b, ')');
		join(&g);
		small_pred(&g);
		break;
	case 2:		/* 64 comparisons are the most */
		n = MAX_PREDS - 2 + rnd(4);
		for (i = 0; i < n; i++) {
			if (i)
				join(&g);
			small_pred(&g);
		}
		break;
	case 3:		/* 16 values in a list are the most */
		n = MAX_LIST - 1 + rnd(3);
		switch (rnd(4)) {
		case 0:
			put(b, "PID in (");
			for (i = 0; i < n; i++)
				put_f(b, "%s%u", i ? ", " : "", i);
			break;
		case 1:
			put(b, "COMM in (");
			for (i = 0; i < n; i++)
				put_f(b, "%s\"c%u\"", i ? "," : "", i);
			break;
		case 2:
			put(b, "SOCKADDR(PARAMS[2]).addr6 in (");
			for (i = 0; i < n; i++)
				put_f(b, "%s\"::%x\"", i ? ", " : "", i);
			break;
		default:
			put(b, "SOCKADDR(PARAMS[2]).addr in (");
			for (i = 0; i < n; i++)
				put_f(b, i % 2 ? "%s\"10.0.0.%u\"" : "%s%u",
				      i ? ", " : "", i);
			break;
		}
		put_c(b, ')');
		break;
	case 4:		/* the pool of values: 256 numbers */
		n = 7 + rnd(3);
		for (i = 0; i < n; i++) {
			if (i)
				join(&g);
			put(b, "SOCKADDR(PARAMS[2]).addr6 in (");
			for (j = 0; j < MAX_LIST; j++)
				put_f(b, "%s\"::%x\"", j ? "," : "", j);
			put_c(b, ')');
		}
		if (chance(50)) {
			join(&g);
			put(b, chance(50) ? "PID == 1" : "1");
		}
		break;
	case 5:		/* the program: 256 instructions */
		n = 50 + rnd(15);
		k = 2 + rnd(3);
		for (i = 0; i < n; i++) {
			if (i)
				join(&g);
			for (j = 0; j < k; j++)
				put_c(b, '!');
			put(b, "UID");
		}
		break;
	case 6:		/* strings of 255 characters are the longest */
		put(b, chance(50) ? "COMM == " : "PARAMS[1] ~ ");
		n = STR_MAX - 1 + rnd(3);
		put_c(b, '"');
		for (i = 0; i < n; i++) {
			if (chance(10))
				put_f(b, "\\x%02x", 1 + rnd(255));
			else
				put_c(b, 'a' + rnd(26));
		}
		put_c(b, '"');
		break;
	case 7:		/* names of 16 characters, numbers of 23 */
		if (chance(50)) {
			n = 15 + rnd(3);
			for (i = 0; i < n; i++)
				put_c(b, "PIDUSECOMM_"[rnd(11)]);
			put(b, " == 1");
		} else {
			n = 22 + rnd(3);
			put(b, "PID == ");
			if (chance(30))
				put_c(b, '-');
			for (i = 0; i < n; i++)
				put_c(b, i < n - 2 ? '0' : '1' + rnd(9));
		}
		break;
	case 8:		/* 4093 characters, with blanks */
		small_pred(&g);
		n = MAX_LEN - 12 + rnd(24);
		while (b->len < n)
			put_c(b, chance(95) ? ' ' : '\t');
		if (chance(50)) {
			b->len = n;
			b->s[n] = '\0';
		} else {
			b->len = n - 1 - rnd(6);
			b->s[b->len] = '\0';
			put(b, " || 1");
		}
		break;
	case 9:		/* 4093 characters of strings */
		n = MAX_LEN - 8 + rnd(16);
		put(b, "COMM in (");
		for (i = 0; i < MAX_LIST; i++) {
			if (i)
				put_c(b, ',');
			put_c(b, '"');
			for (j = 0; j < 250; j++)
				put_c(b, 'a' + rnd(26));
			put_c(b, '"');
		}
		put_c(b, ')');
		while (b->len < n)
			put_c(b, ' ');
		break;
	case 10:	/* far past 4093 characters */
		filter(b, after, 0);
		n = MAX_LEN + rnd(1500);
		while (b->len < n)
			put(b, chance(50) ? " " : " && 1");
		break;
	case 11:	/* nesting far past 16, within 4093 characters or not */
		n = rnd(3);
		if (n == 0)
			k = MAX_DEPTH + 1 + rnd(150);
		else if (n == 1)	/* 2 * 1950 and a comparison fit */
			k = 150 + rnd(1800);
		else			/* cut at LINE_MAX_LEN */
			k = MAX_LEN / 2 + 50 + rnd(1000);
		nest(&g, k, &parens);
		small_pred(&g);
		for (i = 0; i < parens; i++)
			put_c(b, ')');
		break;
	default:	/* blank */
		n = rnd(4);
		for (i = 0; i < n; i++)
			put(b, blanks[rnd(ARRAY_SIZE(blanks))]);
		break;
	}
}

/* ---- Mutations. ---- */

/* Any byte but NUL and newline. */
static char any_byte(void)
{
	char c;

	do {
		c = 1 + rnd(255);
	} while (c == '\n');
	return c;
}

/* A byte likely to matter to the lexer, or any byte. */
static char near_byte(void)
{
	static const char s[] = "()[]!&|~\"\\.,-=<> 0123456789xaAzZ_\t";

	return chance(50) ? s[rnd(sizeof(s) - 1)] : any_byte();
}

static const char *const tokens[] = {
	"&&", "||", "!", "(", ")", "[", "]", ",", ".", "~", "&", "==", "!=",
	"<", "<=", ">", ">=", "in", "in (", "PARAMS[", "PARAMS[1]", "COMM",
	"RETVAL", "SOCKADDR(PARAMS[2]).", "DESCENDANT(", "\"", "\"\\x",
	"\\", "0x", "-", "0", "-1", "18446744073709551615", " ", "\xa0",
	".addr6", ".port", "\"::1\"", "\"1.2.3.4\"", "((((((((", "!!!!!!!!",
	"))))", "PID", "pid", "\xe9", "\xff", "\x80", "\x7f", "\x01", "\r",
};

static void insert(struct buf *b, size_t at, const char *s, size_t n)
{
	size_t tail = b->len - at;

	put_n(b, s, n);			/* grow */
	memmove(b->s + at + n, b->s + at, tail);
	memcpy(b->s + at, s, n);
}

static void cut(struct buf *b, size_t from, size_t to)
{
	memmove(b->s + from, b->s + to, b->len - to);
	b->len -= to - from;
	b->s[b->len] = '\0';
}

static void mutate(struct buf *b, bool after)
{
	struct buf other = { 0 };
	unsigned int steps = 1 + rnd(chance(80) ? 2 : 6), i;
	size_t a, n, k, from, x, y;
	const char *t;
	char c[4];

	for (i = 0; i < steps; i++) {
		a = rnd(b->len + 1);
		switch (rnd(10)) {
		case 0:		/* replace a byte */
			if (b->len)
				b->s[a % b->len] = chance(50) ? near_byte() :
								any_byte();
			break;
		case 1:		/* flip a bit */
			if (b->len) {
				a %= b->len;
				c[0] = b->s[a] ^ (1 << rnd(8));
				if (c[0] && c[0] != '\n')
					b->s[a] = c[0];
			}
			break;
		case 2:		/* insert bytes */
			n = 1 + rnd(4);
			for (k = 0; k < n; k++)
				c[k] = chance(60) ? near_byte() : any_byte();
			insert(b, a, c, n);
			break;
		case 3:		/* insert a token */
			t = tokens[rnd(ARRAY_SIZE(tokens))];
			insert(b, a, t, strlen(t));
			break;
		case 4:		/* delete a range */
			n = 1 + rnd(chance(80) ? 4 : 32);
			if (a + n > b->len)
				n = b->len - a;
			cut(b, a, a + n);
			break;
		case 5:		/* truncate */
			if (a < b->len)
				cut(b, a, b->len);
			break;
		case 6:		/* duplicate a range */
			if (b->len) {
				from = rnd(b->len);
				n = 1 + rnd(chance(80) ? 8 : 200);
				if (from + n > b->len)
					n = b->len - from;
				other.len = 0;
				put_n(&other, b->s + from, n);
				insert(b, a, other.s, n);
			}
			break;
		case 7:		/* splice with another filter */
			other.len = 0;
			put_n(&other, "", 0);
			filter(&other, after, 2);
			n = rnd(other.len + 1);
			cut(b, a, b->len);
			put(b, other.s + n);
			break;
		case 8:		/* change a letter's case */
			if (b->len) {
				a %= b->len;
				if ((b->s[a] | 0x20) >= 'a' &&
				    (b->s[a] | 0x20) <= 'z')
					b->s[a] ^= 0x20;
			}
			break;
		default:	/* swap two bytes */
			if (b->len > 1) {
				x = rnd(b->len);
				y = rnd(b->len);
				c[0] = b->s[x];
				b->s[x] = b->s[y];
				b->s[y] = c[0];
			}
			break;
		}
		if (b->len > LINE_MAX_LEN) {
			b->len = LINE_MAX_LEN;
			b->s[b->len] = '\0';
		}
	}
	free(other.s);
}

/* ---- Noise. ---- */

static void noise(struct buf *b)
{
	unsigned int n, i;

	if (chance(50)) {
		/* random bytes */
		n = 1 + rnd(60);
		for (i = 0; i < n; i++)
			put_c(b, any_byte());
	} else {
		/* token soup */
		n = 1 + rnd(12);
		for (i = 0; i < n; i++) {
			put(b, tokens[rnd(ARRAY_SIZE(tokens))]);
			if (chance(50))
				put_c(b, ' ');
		}
	}
}

/* ---- The corpus. ---- */

/* Line i of the corpus, "W FILTER", into b (emptied first); f is scratch. */
static void line(struct buf *b, struct buf *f, uint64_t seed, uint64_t i)
{
	unsigned int r;
	bool after;

	rng_state = seed ^ (i * 0xd1342543de82ef95ULL);
	rnd64();
	after = chance(25);
	f->len = 0;
	put_n(f, "", 0);
	r = rnd(100);
	if (r < 30) {
		filter(f, after, 0);		/* valid */
	} else if (r < 45) {
		filter(f, after, 3);		/* a rule broken, or more */
	} else if (r < 80) {
		filter(f, after, chance(70) ? 0 : 2);
		mutate(f, after);
	} else if (r < 95) {
		bounds(f, after);
		if (chance(20))
			mutate(f, after);
	} else {
		noise(f);
	}
	if (f->len > LINE_MAX_LEN)
		f->len = LINE_MAX_LEN;
	b->len = 0;
	put(b, after ? "a " : "b ");
	put_n(b, f->s, f->len);
}

int main(int argc, char **argv)
{
	struct buf b = { 0 }, f = { 0 };
	unsigned long long seed = 1, count, i;
	char *end;
	size_t k;
	int opt;

	while ((opt = getopt(argc, argv, "s:")) != -1) {
		switch (opt) {
		case 's':
			seed = strtoull(optarg, &end, 0);
			if (*end)
				goto usage;
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc - 1)
		goto usage;
	count = strtoull(argv[optind], &end, 0);
	if (*end)
		goto usage;

	for (i = 0; i < count; i++) {
		line(&b, &f, seed, i);
		for (k = 0; k < b.len; k++) {
			/* Nothing above makes them: a line is one filter. */
			if (!b.s[k] || b.s[k] == '\n') {
				fprintf(stderr, "filter-corpus: line %llu has a %s\n",
					i + 1, b.s[k] ? "newline" : "NUL");
				return 1;
			}
		}
		put_c(&b, '\n');
		if (fwrite(b.s, 1, b.len, stdout) != b.len) {
			perror("filter-corpus");
			return 1;
		}
	}
	free(b.s);
	free(f.s);
	if (fflush(stdout)) {
		perror("filter-corpus");
		return 1;
	}
	return 0;
usage:
	fprintf(stderr, "usage: filter-corpus [-s SEED] COUNT\n");
	return 2;
}
