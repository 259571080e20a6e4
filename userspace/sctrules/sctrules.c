// SPDX-License-Identifier: GPL-2.0
/*
 * sctrules: load, list and remove sct rules, from rule files (sct.rules(5)).
 *
 *   sctrules apply [-R DIR] [FILE...]   replace the rule set, atomically
 *   sctrules add [-R DIR] [FILE...]     add rules
 *   sctrules delete [NAME...]           remove rules, or all of them
 *   sctrules show                       the rules, as a rule file
 *   sctrules list                       a table of the rules
 *   sctrules count                      the number of rules
 *   sctrules check [-R DIR] [FILE...]   check files, without a kernel
 *
 * Exit status: 0 on success, 1 when a rule file has errors or the kernel
 * refused a change (nothing was changed then) or standard output could
 * not be written, 2 on a usage error, 3 when sct is not there (no
 * configfs, or a kernel without it).
 */
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sct.h"

enum {
	EXIT_RULES = 1,
	EXIT_USAGE = 2,
	EXIT_NOSCT = 3,
};

static void usage(FILE *out, int status)
{
	fprintf(out,
		"Usage: %s [OPTION]... COMMAND [ARG]...\n"
		"Load, list and remove the rules of sct, the syscall tracker.\n"
		"\n"
		"Commands:\n"
		"  apply FILE...    replace all rules with those of the files, atomically\n"
		"  add FILE...      add the files' rules to those there are\n"
		"  delete [NAME...] delete the named rules, or every rule\n"
		"  show             print the rules as a rule file\n"
		"  list             print a table of the rules, with their hits\n"
		"  count            print the number of rules\n"
		"  check FILE...    check rule files, without changing anything\n"
		"\n"
		"Options:\n"
		"  -R, --dir=DIR    also read every *.rules file in DIR, in lexical order\n"
		"  -q, --quiet      print nothing on success\n"
		"  -h, --help       print this help and exit\n"
		"  -V, --version    print the version and exit\n"
		"\n"
		"Exit status: 0 on success; 1 when a rule file has errors or the kernel\n"
		"refused a change (then nothing changed); 2 on a usage error; 3 when sct\n"
		"is not available (configfs not mounted, or a kernel without it).\n",
		program_invocation_short_name);
	exit(status);
}

static bool quiet;

/*
 * At exit: whatever was written to standard output must have got there,
 * as gnulib's close_stdout() checks ("sctrules show > /dev/full").
 */
static void close_stdout(void)
{
	bool failed = ferror(stdout);

	errno = 0;
	if (fclose(stdout) || failed) {
		if (errno)
			fprintf(stderr, "%s: write error: %s\n",
				program_invocation_short_name, strerror(errno));
		else
			fprintf(stderr, "%s: write error\n",
				program_invocation_short_name);
		_exit(EXIT_RULES);
	}
}

/* ---- Reading the rule files. ---- */

static int rules_file_filter(const struct dirent *de)
{
	size_t n = strlen(de->d_name);

	return de->d_name[0] != '.' && n > 6 &&
	       !strcmp(de->d_name + n - 6, ".rules");
}

/* Parse every file; return the number of errors (each already printed). */
static int load(struct sct_rule_set *set, char **files, int nfiles,
		const char *dir)
{
	struct dirent **ents;
	int i, n, errors = 0, ret;
	char path[4096];

	for (i = 0; i < nfiles; i++) {
		ret = sct_rules_parse_file(set, files[i], stderr);
		errors += ret < 0 ? 1 : ret;
	}
	if (dir) {
		n = scandir(dir, &ents, rules_file_filter, alphasort);
		if (n < 0) {
			warn("%s", dir);
			return errors + 1;
		}
		for (i = 0; i < n; i++) {
			snprintf(path, sizeof(path), "%s/%s", dir,
				 ents[i]->d_name);
			ret = sct_rules_parse_file(set, path, stderr);
			errors += ret < 0 ? 1 : ret;
			free(ents[i]);
		}
		free(ents);
	}
	if (!errors)
		errors += sct_rules_check_set(set, stderr);
	/*
	 * First match wins, in the order of the files, as in syscalltrack:
	 * a rule that does not set its order gets its place.
	 */
	for (i = 0; (size_t)i < set->count; i++)
		if (!set->rules[i].order_set)
			set->rules[i].order = i + 1;
	return errors;
}

/* ---- Talking to the kernel. ---- */

/* What to add to a failure to read the rules: who may read them. */
static const char *read_hint(int err)
{
	return err == -EACCES || err == -EPERM ?
	       " (sct's rules are readable by root only)" : "";
}

/* Reading the rules failed: say so, and exit. */
static void __attribute__((noreturn)) read_failed(int err)
{
	errx(EXIT_RULES, "reading the rules: %s%s", sct_strerror(err),
	     read_hint(err));
}

static void need_sct(void)
{
	int ret = sct_available();

	if (ret == -ENOENT)
		errx(EXIT_NOSCT, "%s/rules: no such directory (is configfs mounted, and the kernel built with CONFIG_SYSCALL_TRACK?)",
		     sct_configfs_root());
	if (ret)
		errx(EXIT_NOSCT, "%s/rules: %s", sct_configfs_root(),
		     sct_strerror(ret));
}

/*
 * Enabling @r was refused with EPERM: why, as libsct found it (sct=off
 * on the kernel command line, the kernel's reason in filter_error, or a
 * missing CAP_SYS_ADMIN), with the rule file's word for "force".
 */
static void report_eperm(const struct sct_rule *r, const char *d,
			 const char *what)
{
	const char *why = strstr(d, ": enabled: ");

	why = why ? why + 11 : d;
	if (r->file[0])
		fprintf(stderr, "%s:%d:%d: error: %s rule %s: %s\n", r->file,
			r->line, r->col, what, r->name, why);
	else
		fprintf(stderr, "%s: error: %s rule %s: %s\n",
			program_invocation_short_name, what, r->name, why);
	if (strstr(why, "force") && !r->force)
		fprintf(stderr, "%s: note: in a rule file, force is 'force = yes'; make sure the rule cannot stop the system from recovering first\n",
			program_invocation_short_name);
}

/*
 * Say why the kernel refused @r: the attribute, and for a filter the
 * kernel's own message at its place in the rule file.
 */
static void report(const struct sct_rule *r, int err, const char *what)
{
	const char *d = sct_error_detail();
	const char *caret, *msg, *nl;
	int line, col, off;
	char ferr[2048];

	if (err == -EPERM && strstr(d, ": enabled: ")) {
		report_eperm(r, d, what);
		return;
	}

	if (err == -EINVAL &&
	    !sct_rule_filter_error(r->name, ferr, sizeof(ferr)) && ferr[0] &&
	    strstr(d, ": filter:")) {
		/* The kernel's text: expression, caret line, "error: ...". */
		caret = strchr(ferr, '\n');
		msg = strstr(ferr, "error: ");
		off = -1;
		if (caret && strchr(caret + 1, '^'))
			off = strchr(caret + 1, '^') - (caret + 1);
		/* A long expression is shown as a window: no offset then. */
		if (off >= 0 && !strncmp(ferr, r->filter, caret - ferr)) {
			sct_rule_filter_pos(r, off, &line, &col);
		} else {
			line = r->line;
			col = r->col;
		}
		nl = msg ? strchr(msg, '\n') : NULL;
		fprintf(stderr, "%s:%d:%d: error: rule %s: filter: %.*s\n",
			r->file[0] ? r->file : "-", line, col, r->name,
			msg ? (int)(nl ? nl - msg - 7 : (long)strlen(msg) - 7) : 0,
			msg ? msg + 7 : "");
		fprintf(stderr, "%s\n", ferr);
		return;
	}
	if (r->file[0])
		fprintf(stderr, "%s:%d:%d: error: %s rule %s: %s\n", r->file,
			r->line, r->col, what, r->name,
			d[0] ? d : sct_strerror(err));
	else
		fprintf(stderr, "%s: error: %s rule %s: %s\n",
			program_invocation_short_name, what, r->name,
			d[0] ? d : sct_strerror(err));
}

/* The live rules, read back. */
struct live {
	struct sct_rule_set set;
	struct sct_rule_state *st;
};

static int read_live(struct live *lv)
{
	char **names;
	int i, n, ret = 0;

	memset(lv, 0, sizeof(*lv));
	n = sct_rule_names(&names);
	if (n < 0)
		return n;
	lv->set.rules = calloc(n ? n : 1, sizeof(*lv->set.rules));
	lv->st = calloc(n ? n : 1, sizeof(*lv->st));
	if (!lv->set.rules || !lv->st) {
		ret = -ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		ret = sct_rule_read(names[i], &lv->set.rules[i], &lv->st[i]);
		if (ret == -ENOENT)	/* removed meanwhile */
			continue;
		if (ret)
			goto out;
		lv->set.count++;
		if ((size_t)i + 1 != lv->set.count) {
			lv->set.rules[lv->set.count - 1] = lv->set.rules[i];
			lv->st[lv->set.count - 1] = lv->st[i];
		}
	}
out:
	sct_rule_names_free(names, n);
	return ret;
}

static void free_live(struct live *lv)
{
	free(lv->set.rules);
	free(lv->st);
}

static struct sct_rule *find(struct sct_rule_set *set, const char *name)
{
	size_t i;

	for (i = 0; i < set->count; i++)
		if (!strcmp(set->rules[i].name, name))
			return &set->rules[i];
	return NULL;
}

/* A name for a staged copy of a rule, not in use. */
static int stage_name(char *buf, size_t size, unsigned int i)
{
	int ret;

	do {
		snprintf(buf, size, "sctrules-%d-%u", (int)getpid(), i);
		ret = sct_rule_exists(buf);
		i += 1000;
	} while (ret == 1);
	return ret < 0 ? ret : 0;
}

/*
 * Make a rule as the kernel shows it back: create it disabled under the
 * name @as, read it, and remove it.  This is how a new rule is checked
 * by the kernel (its filter compiled) without touching the live rule of
 * the same name, and how it is compared with it.
 */
static int stage(const struct sct_rule *r, const char *as,
		 struct sct_rule *shown)
{
	struct sct_rule s = *r;
	int ret;

	snprintf(s.name, sizeof(s.name), "%s", as);
	s.enabled = false;
	ret = sct_rule_create(&s);
	if (ret)
		return ret;
	ret = sct_rule_read(as, shown, NULL);
	sct_rule_delete(as);
	if (!ret) {
		memcpy(shown->name, r->name, sizeof(shown->name));
		shown->enabled = r->enabled;
	}
	return ret;
}

enum plan {
	PLAN_KEEP,	/* the live rule is already this one */
	PLAN_NEW,	/* a new name: created disabled, enabled at the switch */
	PLAN_REPLACE,	/* replaces the live rule of the same name */
};

/*
 * Apply @set: with @replace, the rule set becomes @set; without, @set is
 * added.  Either every change is made or none.
 */
static int apply(struct sct_rule_set *set, bool replace)
{
	enum plan *plan = calloc(set->count ? set->count : 1, sizeof(*plan));
	bool *old_gone = NULL;
	size_t i, j, created = 0, enabled = 0;
	char sname[64];
	struct sct_rule shown, *old;
	struct live lv;
	int ret, errors = 0;

	if (!plan)
		return -ENOMEM;
	ret = read_live(&lv);
	if (ret) {
		warnx("reading the rules: %s%s", sct_strerror(ret),
		      read_hint(ret));
		free(plan);
		return ret;
	}
	old_gone = calloc(lv.set.count + 1, sizeof(*old_gone));
	if (!old_gone) {
		ret = -ENOMEM;
		goto out;
	}

	/* 1. Let the kernel check every new rule, changing nothing live. */
	for (i = 0; i < set->count; i++) {
		struct sct_rule *r = &set->rules[i];

		old = find(&lv.set, r->name);
		if (old && !replace) {
			fprintf(stderr, "%s:%d:%d: error: rule %s exists already (use 'sctrules apply' to replace the rules)\n",
				r->file, r->line, r->col, r->name);
			errors++;
			continue;
		}
		ret = stage_name(sname, sizeof(sname), i);
		if (!ret)
			ret = stage(r, sname, &shown);
		if (ret) {
			report(r, ret, "loading");
			errors++;
			continue;
		}
		/* The kernel looks a rule's trace up when it enables it. */
		if (r->enabled && r->trace[0] &&
		    sct_trace_exists(r->trace) != 1) {
			fprintf(stderr, "%s:%d:%d: error: rule %s: no trace '%s': make it first (mkdir %s/traces/%s), or load the rule with 'enabled = no'\n",
				r->file, r->line, r->col, r->name, r->trace,
				sct_configfs_root(), r->trace);
			errors++;
			continue;
		}
		/* Both as the kernel shows them, syscall lists normalised. */
		if (old && sct_rule_same(old, &shown))
			plan[i] = PLAN_KEEP;
		else if (old)
			plan[i] = PLAN_REPLACE;
		else
			plan[i] = PLAN_NEW;
	}
	if (errors) {
		ret = -EINVAL;
		goto out;
	}

	/* 2. Create the rules with new names, disabled. */
	for (i = 0; i < set->count; i++) {
		struct sct_rule r = set->rules[i];

		if (plan[i] != PLAN_NEW)
			continue;
		r.enabled = false;
		ret = sct_rule_create(&r);
		if (ret) {
			report(&set->rules[i], ret, "creating");
			goto undo;
		}
		created = i + 1;
	}

	/*
	 * 3. The switch.  New rules are enabled before old ones go, so that
	 * a call made meanwhile meets the old set, or both, never neither;
	 * a rule replaced under its own name is away for the few writes
	 * that replace it.
	 */
	for (i = 0; i < set->count; i++) {
		if (plan[i] != PLAN_NEW || !set->rules[i].enabled)
			continue;
		ret = sct_rule_enable(set->rules[i].name, true);
		if (ret) {
			report(&set->rules[i], ret, "enabling");
			goto undo;
		}
		enabled = i + 1;
	}
	for (i = 0; i < set->count; i++) {
		if (plan[i] != PLAN_REPLACE)
			continue;
		ret = sct_rule_update(&set->rules[i]);
		if (ret) {
			report(&set->rules[i], ret, "replacing");
			goto undo_replaced;
		}
	}
	if (replace) {
		for (j = 0; j < lv.set.count; j++) {
			if (find(set, lv.set.rules[j].name))
				continue;
			ret = sct_rule_delete(lv.set.rules[j].name);
			if (ret && ret != -ENOENT)
				warnx("%s", sct_error_detail());
			old_gone[j] = true;
		}
	}
	ret = 0;
	if (!quiet) {
		size_t keep = 0, n = 0, rep = 0, del = 0;

		for (i = 0; i < set->count; i++) {
			keep += plan[i] == PLAN_KEEP;
			n += plan[i] == PLAN_NEW;
			rep += plan[i] == PLAN_REPLACE;
		}
		for (j = 0; j < lv.set.count; j++)
			del += old_gone[j];
		printf("%zu rules: %zu added, %zu replaced, %zu unchanged, %zu deleted\n",
		       set->count, n, rep, keep, del);
	}
	goto out;

undo_replaced:
	/* Put back the rules replaced so far (i is the one that failed). */
	while (i-- > 0) {
		if (plan[i] != PLAN_REPLACE)
			continue;
		old = find(&lv.set, set->rules[i].name);
		if (old)
			sct_rule_update(old);
	}
undo:
	for (i = 0; i < enabled; i++)
		if (plan[i] == PLAN_NEW)
			sct_rule_enable(set->rules[i].name, false);
	for (i = 0; i < created; i++)
		if (plan[i] == PLAN_NEW)
			sct_rule_delete(set->rules[i].name);
	fprintf(stderr, "%s: nothing was changed\n",
		program_invocation_short_name);
out:
	free_live(&lv);
	free(old_gone);
	free(plan);
	return ret;
}

/* ---- Commands. ---- */

static int cmp_order(const void *pa, const void *pb)
{
	const struct sct_rule *a = pa, *b = pb;

	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return strcmp(a->name, b->name);
}

/*
 * The rules, as a rule file.  A rule the language cannot hold (a
 * log_format whose braces do not balance) is not dropped, which would
 * make "show > f; apply f" delete it: it is named on stderr, and in its
 * place goes a line that is no rule-file syntax, so that the file is
 * refused as a whole.
 */
static int cmd_show(void)
{
	int ret, status = 0;
	struct live lv;
	size_t i;

	ret = read_live(&lv);
	if (ret)
		read_failed(ret);
	/* The kernel's matching order. */
	qsort(lv.set.rules, lv.set.count, sizeof(*lv.set.rules), cmp_order);
	for (i = 0; i < lv.set.count; i++) {
		const struct sct_rule *r = &lv.set.rules[i];

		if (i)
			putchar('\n');
		if (sct_rule_print(stdout, r) != -EINVAL)
			continue;
		warnx("rule %s cannot be shown: a rule file cannot hold its log_format '%s' (its braces do not balance)",
		      r->name, r->log_format);
		printf("# sctrules show: rule %s cannot be shown: a rule file cannot hold\n"
		       "# its log_format (its braces do not balance).  This file is not\n"
		       "# all the rules: the line below keeps it from being applied.\n"
		       "rule_not_shown %s\n", r->name, r->name);
		status = EXIT_RULES;
	}
	free_live(&lv);
	return status;
}

static int cmp_live(const void *pa, const void *pb, void *arg)
{
	const struct live *lv = arg;
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;

	return cmp_order(&lv->set.rules[a], &lv->set.rules[b]);
}

/*
 * The table of the rules; a last column, TRACE, when a rule has a trace
 * (the columns before it stay where they are).
 */
static int cmd_list(void)
{
	bool traced = false;
	size_t i, *idx;
	struct live lv;
	int ret;

	ret = read_live(&lv);
	if (ret)
		read_failed(ret);
	idx = calloc(lv.set.count + 1, sizeof(*idx));
	if (!idx)
		err(EXIT_RULES, NULL);
	for (i = 0; i < lv.set.count; i++) {
		idx[i] = i;
		traced |= lv.set.rules[i].trace[0] != '\0';
	}
	qsort_r(idx, lv.set.count, sizeof(*idx), cmp_live, &lv);
	printf("%6s  %-24s %-16s %-6s %-7s %-7s %12s%s\n", "ORDER", "NAME",
	       "SYSCALL", "WHEN", "ACTION", "ENABLED", "HITS",
	       traced ? "  TRACE" : "");
	for (i = 0; i < lv.set.count; i++) {
		const struct sct_rule *r = &lv.set.rules[idx[i]];

		printf("%6d  %-24s %-16s %-6s %-7s %-7s %12" PRIu64,
		       r->order, r->name, r->syscall[0] ? r->syscall : "-",
		       r->when == SCT_WHEN_AFTER ? "after" : "before",
		       r->action, r->enabled ? "yes" : "no",
		       lv.st[idx[i]].hits);
		if (traced)
			printf("  %s", r->trace[0] ? r->trace : "-");
		putchar('\n');
	}
	free(idx);
	free_live(&lv);
	return 0;
}

static int cmd_delete(char **names, int n)
{
	char **all = NULL;
	int i, ret, nall = 0, status = 0;

	if (!n) {
		nall = sct_rule_names(&all);
		if (nall < 0)
			read_failed(nall);
		names = all;
		n = nall;
	} else {
		/* All or nothing: every name must be there. */
		for (i = 0; i < n; i++) {
			ret = sct_rule_exists(names[i]);
			if (ret == -EINVAL) {
				/* Not a name: "../x" would be outside. */
				warnx("%s", sct_error_detail());
				status = EXIT_RULES;
			} else if (ret != 1) {
				warnx("rule %s: %s", names[i],
				      ret ? sct_strerror(ret) :
					    "no such rule");
				status = EXIT_RULES;
			}
		}
		if (status)
			errx(status, "nothing was deleted");
	}
	for (i = 0; i < n; i++) {
		ret = sct_rule_delete(names[i]);
		if (ret && ret != -ENOENT) {
			warnx("%s", sct_error_detail());
			status = EXIT_RULES;
		}
	}
	if (!quiet && !status)
		printf("%d rules deleted\n", n);
	sct_rule_names_free(all, nall);
	return status;
}

static void options(int argc, char **argv, const char *optstring,
		    const char **dir)
{
	static const struct option opts[] = {
		{ "dir", required_argument, NULL, 'R' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, optstring, opts, NULL)) != -1) {
		switch (c) {
		case 'R':
			*dir = optarg;
			break;
		case 'q':
			quiet = true;
			break;
		case 'h':
			usage(stdout, 0);
			break;
		case 'V':
			printf("sctrules (sct) %s\n", LIBSCT_VERSION);
			exit(0);
		default:
			usage(stderr, EXIT_USAGE);
		}
	}
}

int main(int argc, char **argv)
{
	struct sct_rule_set set = { 0 };
	const char *dir = NULL, *cmd;
	int errors, ret;

	atexit(close_stdout);
	/* Options come before the command, up to it ... */
	options(argc, argv, "+R:qhV", &dir);
	if (optind >= argc)
		usage(stderr, EXIT_USAGE);
	cmd = argv[optind];
	/*
	 * ... or anywhere after it, among its operands (apply FILE -R DIR),
	 * until "--".  optind 0 starts getopt afresh, on the command and
	 * what follows: it would keep the first optstring's '+' otherwise.
	 */
	argc -= optind;
	argv += optind;
	optind = 0;
	options(argc, argv, "R:qhV", &dir);
	argc -= optind;
	argv += optind;

	if (!strcmp(cmd, "check") || !strcmp(cmd, "apply") ||
	    !strcmp(cmd, "add")) {
		if (!argc && !dir)
			errx(EXIT_USAGE, "%s: no rule file (FILE... or -R DIR)",
			     cmd);
		if (strcmp(cmd, "check"))
			need_sct();
		errors = load(&set, argv, argc, dir);
		if (errors) {
			/* check: only the errors, one line each. */
			if (strcmp(cmd, "check"))
				fprintf(stderr, "%s: %d error%s, nothing was changed\n",
					program_invocation_short_name, errors,
					errors == 1 ? "" : "s");
			sct_rule_set_free(&set);
			return EXIT_RULES;
		}
		if (!strcmp(cmd, "check")) {
			if (!quiet)
				printf("%zu rule%s, no errors\n", set.count,
				       set.count == 1 ? "" : "s");
			sct_rule_set_free(&set);
			return 0;
		}
		ret = apply(&set, !strcmp(cmd, "apply"));
		sct_rule_set_free(&set);
		return ret ? EXIT_RULES : 0;
	}
	if (dir)
		errx(EXIT_USAGE, "%s: -R is for apply, add and check", cmd);
	if (!strcmp(cmd, "delete")) {
		need_sct();
		return cmd_delete(argv, argc);
	}
	if (argc)
		errx(EXIT_USAGE, "%s: unexpected argument '%s'", cmd, argv[0]);
	if (!strcmp(cmd, "show")) {
		need_sct();
		return cmd_show();
	}
	if (!strcmp(cmd, "list")) {
		need_sct();
		return cmd_list();
	}
	if (!strcmp(cmd, "count")) {
		need_sct();
		ret = sct_rule_count();
		if (ret < 0)
			read_failed(ret);
		printf("%d\n", ret);
		return 0;
	}
	warnx("unknown command '%s'", cmd);
	usage(stderr, EXIT_USAGE);
}
