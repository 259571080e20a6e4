// SPDX-License-Identifier: GPL-2.0
/*
 * The filter corpus through the kernel's compiler, held to libsct's
 * checker.
 *
 *   sct_fuzz_test [-n COUNT] [-d DIR] [-o FILE] [-v]
 *
 * DIR (default /usr/lib/sct/fuzz, or $SCT_FUZZ_DIR) holds "corpus", one
 * "W FILTER" a line (userspace/tests/filter-corpus.c), and "expect", what
 * libsct's checker says of each line: "A", or "R POS MESSAGE" with the
 * offset of the error (userspace/tests/filter-expect.c).  The first COUNT
 * lines (default 10000, or $SCT_FUZZ_COUNT) are written, each in one
 * write() and without a newline, to the filter attribute of one disabled
 * rule whose when is W ('b' before, 'a' after).  For every line:
 *
 *   1. the write takes the whole filter, or fails with EINVAL;
 *   2. after EINVAL, filter_error is the expression (a window of it
 *      around the error, after "..." when it does not start at 0), a
 *      line with a caret under the error, and "error: " and a message;
 *   3. after EINVAL the rule's filter is what it was before the write;
 *      after success it is the filter written (blank for a blank one)
 *      and filter_error is empty;
 *   4. the kernel compiles the filters libsct accepts and refuses those
 *      it refuses;
 *   5. when both refuse, the caret is where libsct puts the error.
 *
 * Each is one TAP result; the lines that break it are printed (the first
 * 20 of each, all with -v), with the filter in C escapes.  -o writes the
 * kernel's verdicts to FILE as "expect" has libsct's ("A", "R POS
 * MESSAGE"), and "W BYTES" for a write that took part of a filter, "E
 * ERRNO" for another error, to diff them.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <sys/time.h>

#include "kselftest.h"
#include "sct_test.h"

#define DEFAULT_DIR	"/usr/lib/sct/fuzz"
#define DEFAULT_COUNT	10000
#define SHOW		20
/* filter_error shows the expression from 60 characters before the error. */
#define WINDOW_BEFORE	60
#define WINDOW_LEN	120
/* configfs hands an attribute's store the first 4095 bytes of a write. */
#define STORE_MAX	4095

enum check { C_WRITE, C_CARET, C_KEEP, C_VERDICT, C_POS, NR_CHECKS };

static const char *const check_names[NR_CHECKS] = {
	[C_WRITE] = "every write compiled the whole filter or failed with EINVAL",
	[C_CARET] = "every refusal has filter_error with a caret under the error",
	[C_KEEP] = "a refused filter leaves the filter as it was, an accepted one reads back",
	[C_VERDICT] = "the kernel compiles exactly the filters libsct accepts",
	[C_POS] = "the kernel and libsct put the error at the same place",
};

static unsigned long failures[NR_CHECKS];
static FILE *out;
static bool verbose;
static char rule_dir[PATH_MAX];

/* Print a filter in C escapes, at most 300 bytes of it. */
static void escaped(char *out, size_t size, const char *s, size_t len)
{
	size_t i, n = 0, shown = len > 300 ? 300 : len;
	unsigned char c;

	for (i = 0; i < shown && n + 8 < size; i++) {
		c = s[i];
		if (c == '\\' || c == '"')
			n += snprintf(out + n, size - n, "\\%c", c);
		else if (c >= ' ' && c < 0x7f)
			out[n++] = c;
		else
			n += snprintf(out + n, size - n, "\\x%02x", c);
	}
	out[n] = '\0';
	if (shown < len)
		snprintf(out + n, size - n, "...(%zu bytes)", len);
}

static __printf(5, 6)
void report(enum check c, unsigned long line, char when, const char *filter,
	    const char *fmt, ...)
{
	char text[2048];
	va_list ap;

	if (failures[c]++ >= SHOW && !verbose)
		return;
	escaped(text, sizeof(text), filter, strlen(filter));
	printf("# line %lu (%s): ", line, when == 'a' ? "after" : "before");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n#   \"%s\"\n", text);
}

/* Read attribute @attr of the rule, without the newline at its end. */
static ssize_t get(const char *attr, char *buf, size_t size)
{
	char path[PATH_MAX];
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%s", rule_dir, attr);
	n = sct_read_attr(path, buf, size);
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	return n;
}

/* Is @c a blank to the kernel (its isspace() is Latin-1's)? */
static bool kspace(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xa0;
}

/* Is @s blank to the kernel's lexer? */
static bool blank(const char *s)
{
	for (; *s; s++)
		if (!kspace(*s))
			return false;
	return true;
}

/*
 * Is @win the @w characters of @expr as filter_error shows them: on one
 * line, every blank as a space, so that the caret stays under the error?
 */
static bool window_eq(const char *win, const char *expr, size_t w)
{
	size_t i;

	for (i = 0; i < w; i++)
		if (win[i] != (kspace(expr[i]) ? ' ' : expr[i]))
			return false;
	return true;
}

/*
 * Where filter_error puts its caret in @expr: the number of places, 0 if
 * it is not "WINDOW\nCARET\nerror: MESSAGE" with the window and caret of
 * one place.  A repetitive filter can fit a window "..." at more than one
 * place: they go in @pos (up to @max of them).  *msg is set to the
 * message.  The window is of what the kernel got: the first STORE_MAX
 * bytes of a longer filter.
 */
static int caret_pos(char *fe, const char *expr, long *pos, int max,
		     const char **msg)
{
	size_t len = strnlen(expr, STORE_MAX), k, w;
	char *l1 = fe, *l2, *l3;
	int n = 0;
	long start;

	l2 = strchr(l1, '\n');
	if (!l2)
		return 0;
	*l2++ = '\0';
	l3 = strchr(l2, '\n');
	if (!l3)
		return 0;
	*l3++ = '\0';
	if (strncmp(l3, "error: ", 7) || !l3[7] || strchr(l3, '\n'))
		return 0;
	*msg = l3 + 7;
	k = strspn(l2, " ");
	if (strcmp(l2 + k, "^"))
		return 0;

	/* The window starts at 0: the caret is at the error. */
	w = len < WINDOW_LEN ? len : WINDOW_LEN;
	if (k <= WINDOW_BEFORE && k <= len && strlen(l1) == w &&
	    window_eq(l1, expr, w))
		pos[n++] = k;
	/* "..." and the window from 60 characters before the error. */
	if (k != 3 + WINDOW_BEFORE || strncmp(l1, "...", 3))
		return n;
	for (start = 1; start + WINDOW_BEFORE <= (long)len && n < max;
	     start++) {
		w = len - start < WINDOW_LEN ? len - start : WINDOW_LEN;
		if (strlen(l1 + 3) == w && window_eq(l1 + 3, expr + start, w))
			pos[n++] = start + WINDOW_BEFORE;
	}
	return n;
}

/* "P" or "P1 or P2 ...", for messages. */
static const char *places(const long *pos, int n)
{
	static char buf[128];
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < n && len < sizeof(buf) - 24; i++)
		len += snprintf(buf + len, sizeof(buf) - len, "%s%ld",
				i ? " or " : "", pos[i]);
	return buf;
}

int main(int argc, char **argv)
{
	static char fe[8192], cur[8192], now[8192];
	const char *dir = getenv("SCT_FUZZ_DIR") ?: DEFAULT_DIR;
	const char *env = getenv("SCT_FUZZ_COUNT"), *kmsg;
	unsigned long count = env ? strtoul(env, NULL, 0) : DEFAULT_COUNT;
	unsigned long nr = 0, accepted = 0, refused = 0, other = 0;
	char *line = NULL, *exp = NULL, *filter, path[PATH_MAX];
	size_t lcap = 0, ecap = 0, len;
	struct timeval t0, t1;
	char when = 'b', ewhat;
	FILE *corpus, *expect;
	long epos, kpos, kpos_all[8];
	ssize_t n, elen;
	int fd, opt, c, nk, i;
	bool ok;

	while ((opt = getopt(argc, argv, "n:d:o:v")) != -1) {
		switch (opt) {
		case 'n':
			count = strtoul(optarg, NULL, 0);
			break;
		case 'd':
			dir = optarg;
			break;
		case 'o':
			out = fopen(optarg, "w");
			if (!out) {
				perror(optarg);
				return KSFT_FAIL;
			}
			break;
		case 'v':
			verbose = true;
			break;
		default:
			fprintf(stderr, "usage: %s [-n COUNT] [-d DIR] [-o FILE] [-v]\n",
				argv[0]);
			return KSFT_FAIL;
		}
	}

	ksft_print_header();
	if (!sct_present())
		ksft_exit_skip("no sct\n");
	snprintf(path, sizeof(path), "%s/corpus", dir);
	corpus = fopen(path, "r");
	if (!corpus)
		ksft_exit_fail_msg("%s: %s\n", path, strerror(errno));
	snprintf(path, sizeof(path), "%s/expect", dir);
	expect = fopen(path, "r");
	if (!expect)
		ksft_exit_fail_msg("%s: %s\n", path, strerror(errno));
	ksft_set_plan(NR_CHECKS);

	snprintf(rule_dir, sizeof(rule_dir), "%s/ksft_%d_fuzz", SCT_RULES,
		 getpid());
	if (mkdir(rule_dir, 0755))
		ksft_exit_fail_msg("mkdir %s: %s\n", rule_dir, strerror(errno));
	snprintf(path, sizeof(path), "%s/filter", rule_dir);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		ksft_exit_fail_msg("%s: %s\n", path, strerror(errno));
	snprintf(path, sizeof(path), "%s/when", rule_dir);
	if (sct_write_attr(path, "before"))
		ksft_exit_fail_msg("%s: cannot write before\n", path);
	cur[0] = '\0';

	gettimeofday(&t0, NULL);
	while (nr < count && getline(&line, &lcap, corpus) >= 0) {
		nr++;
		line[strcspn(line, "\n")] = '\0';
		elen = getline(&exp, &ecap, expect);
		if (elen < 1 || (line[0] != 'a' && line[0] != 'b') ||
		    line[1] != ' ')
			ksft_exit_fail_msg("line %lu of corpus or expect is malformed\n",
					   nr);
		exp[strcspn(exp, "\n")] = '\0';
		ewhat = exp[0];
		epos = ewhat == 'R' ? strtol(exp + 2, NULL, 10) : -1;
		filter = line + 2;
		len = strlen(filter);

		if (line[0] != when) {
			when = line[0];
			snprintf(path, sizeof(path), "%s/when", rule_dir);
			if (sct_write_attr(path, when == 'a' ? "after" : "before"))
				ksft_exit_fail_msg("%s: cannot write it\n", path);
		}

		/*
		 * One write of the filter, without a newline.  A write of no
		 * bytes reaches no attribute: a blank filter is "\n".
		 */
		errno = 0;
		n = len ? write(fd, filter, len) : write(fd, "\n", 1);
		c = errno;
		ok = n == (ssize_t)(len ?: 1);
		if (!ok && !(n < 0 && c == EINVAL)) {
			if (n >= 0)
				report(C_WRITE, nr, when, filter,
				       "write of %zu bytes returned %zd: the kernel took part of the filter",
				       len, n);
			else
				report(C_WRITE, nr, when, filter,
				       "write failed with %s, not EINVAL",
				       strerror(c));
			other++;
			if (out && n >= 0)
				fprintf(out, "W %zd\n", n);
			else if (out)
				fprintf(out, "E %d\n", c);
			/* Checked no further: go on from the rule's filter. */
			if (get("filter", cur, sizeof(cur)) < 0)
				cur[0] = '\0';
			continue;
		}
		if (ok) {
			accepted++;
			if (out)
				fprintf(out, "A\n");
			if (get("filter", now, sizeof(now)) < 0 ||
			    strcmp(now, blank(filter) ? "" : filter))
				report(C_KEEP, nr, when, filter,
				       "accepted, but the filter reads back otherwise");
			else if (get("filter_error", fe, sizeof(fe)) != 0)
				report(C_KEEP, nr, when, filter,
				       "accepted, but filter_error is not empty");
			snprintf(cur, sizeof(cur), "%s", now);
		} else {
			refused++;
			kpos = -1;
			kmsg = "";
			nk = 0;
			if (get("filter_error", fe, sizeof(fe)) >= 0)
				nk = caret_pos(fe, filter, kpos_all,
					       ARRAY_SIZE(kpos_all), &kmsg);
			if (!nk)
				report(C_CARET, nr, when, filter,
				       "refused, but filter_error has no caret (or not under the filter)");
			for (i = 0; i < nk && kpos != epos; i++)
				kpos = kpos_all[i];
			if (nk && kpos != epos)
				kpos = kpos_all[0];
			if (get("filter", now, sizeof(now)) < 0 ||
			    strcmp(now, cur)) {
				report(C_KEEP, nr, when, filter,
				       "refused, but the rule's filter changed");
				snprintf(cur, sizeof(cur), "%s", now);
			}
			if (out)
				fprintf(out, "R %s %s\n", places(kpos_all, nk),
					kmsg);
			if (ewhat == 'R' && nk && kpos != epos)
				report(C_POS, nr, when, filter,
				       "error at %s (%s), libsct at %s",
				       places(kpos_all, nk), kmsg, exp + 2);
		}

		if (ok && ewhat != 'A')
			report(C_VERDICT, nr, when, filter,
			       "the kernel compiled it, libsct refused it: %s",
			       exp + 2);
		else if (!ok && ewhat != 'R')
			report(C_VERDICT, nr, when, filter,
			       "libsct accepted it, the kernel refused it at %s: %s",
			       places(kpos_all, nk), kmsg);
	}
	gettimeofday(&t1, NULL);
	close(fd);
	rmdir(rule_dir);
	fclose(corpus);
	fclose(expect);
	free(line);
	free(exp);

	if (out)
		fclose(out);
	ksft_print_msg("%lu filters in %.1f s: %lu compiled, %lu refused, %lu neither\n",
		       nr, (t1.tv_sec - t0.tv_sec) +
		       (t1.tv_usec - t0.tv_usec) / 1e6, accepted, refused,
		       other);
	if (nr < count && count != DEFAULT_COUNT)
		ksft_print_msg("the corpus has %lu lines, fewer than %lu\n",
			       nr, count);
	for (c = 0; c < NR_CHECKS; c++) {
		if (failures[c] > SHOW && !verbose)
			ksft_print_msg("%s: %lu lines, the first %d shown\n",
				       check_names[c], failures[c], SHOW);
		ksft_test_result(!failures[c] && nr, "%s (%lu filters)\n",
				 check_names[c], nr);
	}
	ksft_finished();
}
