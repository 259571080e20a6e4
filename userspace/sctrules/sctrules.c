// SPDX-License-Identifier: GPL-2.0
/*
 * sctrules: load, list and remove sct rules, from rule files (sct.rules(5)).
 *
 *   sctrules apply [-R DIR] [FILE...]   replace the rule set, atomically
 *   sctrules add [-R DIR] [FILE...]     add rules
 *   sctrules delete [NAME...]           remove rules, or all of them
 *   sctrules show                       the rules, as a rule file
 *   sctrules list [--json]              a table of the rules, or JSON
 *   sctrules count                      the number of rules
 *   sctrules check [-R DIR] [FILE...]   check files, without a kernel
 *   sctrules syscalls [ABI]             the syscall names, one a line
 *   sctrules classes                    strace's syscall classes
 *
 * Exit status: 0 on success, 1 when a rule file has errors or the kernel
 * refused a change (nothing was changed then) or standard output could
 * not be written, 2 on a usage error, 3
 * when sct is not there (no configfs, or a kernel without it), 4 when a
 * change could not be undone (what is left is listed), 5 with --no-wait
 * when another program holds the lock of the rules.  A signal that
 * comes while the rules change ends sctrules once they are as they
 * were, by the signal.
 */
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sct-private.h"

enum {
	EXIT_RULES = 1,
	EXIT_USAGE = 2,
	EXIT_NOSCT = 3,
	EXIT_LEFT = 4,		/* a change could not be undone */
	EXIT_LOCKED = 5,	/* --no-wait, and another holds the lock */
};

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Long options without a short form. */
enum {
	OPT_NO_WAIT = 256,
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
		"  syscalls [ABI]   print the syscall names of ABI (x86_64, ia32, x32)\n"
		"  classes          print strace's syscall classes (%%file, ...)\n"
		"\n"
		"Options:\n"
		"  -R, --dir=DIR    also read every *.rules file in DIR, in lexical order\n"
		"  -j, --json       list: print the rules as JSON (see sctrules(8))\n"
		"  -q, --quiet      print nothing on success\n"
		"      --no-wait    fail at once if another program is changing the rules\n"
		"  -h, --help       print this help and exit\n"
		"  -V, --version    print the version and exit\n"
		"\n"
		"Exit status: 0 on success; 1 when a rule file has errors or the kernel\n"
		"refused a change (then nothing changed); 2 on a usage error; 3 when sct\n"
		"is not available (configfs not mounted, or a kernel without it); 4 when\n"
		"a change could not be undone (what is left is listed); 5 with --no-wait\n"
		"when another program is changing the rules.\n",
		program_invocation_short_name);
	exit(status);
}

static bool quiet;
static bool json;

/*
 * The test hooks of sctrules(8), SCT_CONFIGFS and the others: libsct
 * reads no environment variables, so the tool hands them on.
 */
static void test_paths(void)
{
	static const struct {
		const char *var;
		enum sct_path which;
	} vars[] = {
		{ "SCT_CONFIGFS", SCT_PATH_CONFIGFS },
		{ "SCT_CMDLINE", SCT_PATH_CMDLINE },
		{ "SCT_PASSWD", SCT_PATH_PASSWD },
		{ "SCT_GROUP", SCT_PATH_GROUP },
	};
	const char *val;
	size_t i;
	int ret;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		val = secure_getenv(vars[i].var);
		if (!val || !*val)
			continue;
		ret = sct_set_path(vars[i].which, val);
		if (ret)
			errx(EXIT_USAGE, "%s: %s", vars[i].var,
			     sct_strerror(ret));
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
static int load(struct sct_ruleset *set, char **files, int nfiles,
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
	struct sct_ruleset set;
	struct sct_rule_state *st;
};

/* Names starting with '_' belong to programs that use libsct. */
static bool reserved(const char *name)
{
	return name[0] == '_';
}

/* Read the rules there are; with @all, the reserved ones too. */
static int read_live(struct live *lv, bool all)
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
		if (!all && reserved(names[i]))
			continue;
		ret = sct_rule_read(names[i], &lv->set.rules[lv->set.count],
				    &lv->st[lv->set.count]);
		if (ret == -ENOENT) {	/* removed meanwhile */
			ret = 0;
			continue;
		}
		if (ret)
			goto out;
		lv->set.count++;
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

static struct sct_rule *find(const struct sct_ruleset *set, const char *name)
{
	size_t i;

	for (i = 0; i < set->count; i++)
		if (!strcmp(set->rules[i].name, name))
			return &set->rules[i];
	return NULL;
}

/* ---- Signals: none ends sctrules halfway through a change. ---- */

/*
 * The signals whose default action ends the process (and SIGTSTP, which
 * stops it): held back from the moment the lock is taken, and looked at
 * between the steps of a change.
 */
static const int held_signals[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGALRM, SIGUSR1, SIGUSR2,
	SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGTSTP,
};

static sigset_t held;

static void hold_signals(void)
{
	size_t i;

	sigemptyset(&held);
	for (i = 0; i < ARRAY_SIZE(held_signals); i++)
		sigaddset(&held, held_signals[i]);
	if (sigprocmask(SIG_BLOCK, &held, NULL))
		err(EXIT_RULES, "sigprocmask");
}

/* Let the held signals act; one that came meanwhile acts now. */
static void release_signals(void)
{
	sigprocmask(SIG_UNBLOCK, &held, NULL);
}

/* A signal that came while held and asks sctrules to end, or 0. */
static int stop_signal(void)
{
	sigset_t pending;
	size_t i;

	if (sigpending(&pending))
		return 0;
	for (i = 0; i < ARRAY_SIZE(held_signals); i++)
		if (held_signals[i] != SIGTSTP &&
		    sigismember(&pending, held_signals[i]))
			return held_signals[i];
	return 0;
}

/*
 * End by signal @sig, which came while it was held, once nothing is
 * changed (@undone: the changes made were undone): as the signal would
 * have ended sctrules, so that the caller sees it (a shell's status
 * 128 + @sig).
 */
static void __attribute__((noreturn)) end_by(int sig, bool undone)
{
	fprintf(stderr, "%s: interrupted by signal %d (%s): %s\n",
		program_invocation_short_name, sig, strsignal(sig),
		undone ? "the changes made were undone" :
			 "nothing was changed");
	fflush(stdout);
	signal(sig, SIG_DFL);
	release_signals();
	raise(sig);
	exit(128 + sig);
}

/* ---- The lock. ---- */

static bool no_wait;

/*
 * Take the lock of the rule set for the rest of the command, waiting
 * for it unless --no-wait: shared to read the rules (show, list), then
 * exclusive to change them, and then hold the signals back.
 */
static void lock_rules(bool shared)
{
	unsigned int flags = shared ? SCT_LOCK_SHARED : 0;
	const char *what = shared ? "nothing was read" : "nothing was changed";
	int fd;

	fd = sct_rules_lock(flags | SCT_LOCK_NONBLOCK);
	if (fd == -EWOULDBLOCK && !no_wait) {
		if (!quiet)
			warnx("%s; waiting for it", sct_error_detail());
		fd = sct_rules_lock(flags);
	}
	if (fd == -EWOULDBLOCK)
		errx(EXIT_LOCKED, "%s (--no-wait); %s", sct_error_detail(),
		     what);
	if (fd < 0)
		errx(EXIT_RULES, "%s; %s%s", sct_error_detail(), what,
		     shared ? read_hint(fd) : "");
	/* Kept open, and the lock held, until sctrules exits. */
	if (!shared)
		hold_signals();
}

/* ---- Changing the rules, all or nothing. ---- */

/* One line of what is left, after @header for the first. */
static void left(size_t *n, const char *header, const char *fmt, ...)
{
	va_list ap;

	if (!(*n)++)
		warnx("%s", header);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

/*
 * Whether left_over() compares rule @name: a rule sctrules changes.  The
 * reserved rules belong to programs that change them without the lock:
 * only those of @names (@n of them, the rules named on the command line)
 * are sctrules's.
 */
static bool ours(const char *name, char **names, int n)
{
	int i;

	if (!reserved(name))
		return true;
	for (i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return true;
	return false;
}

/*
 * After a change was undone: the rules that are not as they were in @old
 * (with @all, the reserved rules are in both; only those of @names,
 * @nnames of them, are compared), one line each after @header; with
 * @lost (a rule said it could not be restored), a line for it when none
 * differs.  Return: how many; 1 if the rules could not be read back.
 */
static size_t left_over(const struct live *old, bool all, char **names,
			int nnames, bool lost, const char *header)
{
	const struct sct_rule *r, *o;
	struct live now;
	size_t i, n = 0;
	int ret;

	ret = read_live(&now, all);
	if (ret) {
		warnx("%s", header);
		warnx("reading the rules back: %s: what is left is unknown",
		      sct_strerror(ret));
		return 1;
	}
	for (i = 0; i < old->set.count; i++) {
		o = &old->set.rules[i];
		if (!ours(o->name, names, nnames))
			continue;
		r = find(&now.set, o->name);
		if (!r)
			left(&n, header, "  %s: missing (it was there, %s)\n",
			     o->name, o->enabled ? "enabled" : "disabled");
		else if (!sct_rule_same(r, o))
			left(&n, header, "  %s: changed (%s; it was %s)\n",
			     r->name, r->enabled ? "enabled" : "disabled",
			     o->enabled ? "enabled" : "disabled");
	}
	for (i = 0; i < now.set.count; i++) {
		r = &now.set.rules[i];
		if (ours(r->name, names, nnames) && !find(&old->set, r->name))
			left(&n, header, "  %s: new (%s), not removed\n",
			     r->name, r->enabled ? "enabled" : "disabled");
	}
	if (lost && !n)
		left(&n, header, "  (a rule that could not be restored, as said above, reads back as it was)\n");
	free_live(&now);
	return n;
}

/* What says that a change could not be undone. */
#define NOT_UNDONE "could not undo every change; these rules are not as they were:"

/*
 * A name for a staged copy of a rule, not in use: a reserved one
 * (_sctrules.PID.N), which apply and delete leave alone and show leaves
 * out, so that a copy is never taken for a rule of the set.
 */
static int stage_name(char *buf, size_t size, unsigned int i)
{
	int ret;

	do {
		snprintf(buf, size, "_sctrules.%d.%u", (int)getpid(), i);
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
 *
 * Return: 0, a negative errno, or 1 when the copy could not be removed
 * (said on stderr).
 */
static int stage(const struct sct_rule *r, const char *as,
		 struct sct_rule *shown)
{
	struct sct_rule s = *r;
	int ret, del;

	snprintf(s.name, sizeof(s.name), "%s", as);
	s.enabled = false;
	ret = sct_rule_create(&s);
	if (ret)
		return ret;
	ret = sct_rule_read(as, shown, NULL);
	del = sct_rule_delete(as);
	if (del && del != -ENOENT) {
		warnx("%s", sct_error_detail());
		warnx(NOT_UNDONE);
		fprintf(stderr, "  %s: new (disabled), not removed: a copy of rule %s\n",
			as, r->name);
		return 1;
	}
	if (!ret) {
		memcpy(shown->name, r->name, sizeof(shown->name));
		shown->enabled = r->enabled;
	}
	return ret;
}

enum plan {
	PLAN_KEEP,	/* the live rule is already this one */
	PLAN_NEW,	/* a new name: created disabled, enabled at the switch */
	PLAN_ORDER,	/* the live rule in another place: moved */
	PLAN_REPLACE,	/* replaces the live rule of the same name */
};

/* One step of a change, undone in reverse when a later one fails. */
enum step_kind {
	STEP_CREATE,	/* rule i of the set made, disabled */
	STEP_ENABLE,	/* rule i of the set enabled */
	STEP_UPDATE,	/* live rule rewritten or moved as rule i of the set */
	STEP_DELETE,	/* rule i of the live rules removed */
};

struct change {
	struct sct_ruleset *set;	/* the rules to load */
	struct sct_rule *shown;		/* each as the kernel shows it */
	enum plan *plan;
	struct live lv;			/* the rules there were */
	struct {
		enum step_kind kind;
		size_t i;
	} *done;
	size_t ndone;
	bool lost;			/* a rule could not be restored */
};

static const char *step_name(struct change *c, enum step_kind kind, size_t i)
{
	return kind == STEP_DELETE ? c->lv.set.rules[i].name :
				     c->set->rules[i].name;
}

/* Take one step; on failure, say why. */
static int take_step(struct change *c, enum step_kind kind, size_t i)
{
	struct sct_rule r;
	int ret = 0;

	switch (kind) {
	case STEP_CREATE:
		r = c->set->rules[i];
		r.enabled = false;
		ret = sct_rule_create(&r);
		if (ret)
			report(&c->set->rules[i], ret, "creating");
		break;
	case STEP_ENABLE:
		ret = sct_rule_enable(c->set->rules[i].name, true);
		if (ret)
			report(&c->set->rules[i], ret, "enabling");
		break;
	case STEP_UPDATE:
		/* As the kernel shows it: a move is then seen as one. */
		ret = sct_rule_update(&c->shown[i]);
		if (ret)
			report(&c->set->rules[i], ret, "replacing");
		/* Its own undo failed: the rule is not as it was. */
		c->lost |= ret == -ENOTRECOVERABLE;
		break;
	case STEP_DELETE:
		ret = sct_rule_delete(c->lv.set.rules[i].name);
		if (ret == -ENOENT)	/* removed by another meanwhile */
			return 0;
		if (ret)
			warnx("deleting %s", sct_error_detail());
		break;
	}
	if (!ret) {
		c->done[c->ndone].kind = kind;
		c->done[c->ndone++].i = i;
	}
	return ret;
}

/*
 * Undo the steps taken, last first, saying which could not be undone;
 * left_over() then says what is left.
 */
static void undo(struct change *c)
{
	struct sct_rule *old;
	size_t i;
	int ret = 0;

	while (c->ndone > 0) {
		c->ndone--;
		i = c->done[c->ndone].i;
		switch (c->done[c->ndone].kind) {
		case STEP_CREATE:
			ret = sct_rule_delete(c->set->rules[i].name);
			if (ret == -ENOENT)
				ret = 0;
			break;
		case STEP_ENABLE:
			ret = sct_rule_enable(c->set->rules[i].name, false);
			break;
		case STEP_UPDATE:
			old = find(&c->lv.set, c->set->rules[i].name);
			ret = old ? sct_rule_update(old) : -ENOENT;
			break;
		case STEP_DELETE:
			/* Made again: a new id, and its hits start at 0. */
			ret = sct_rule_create(&c->lv.set.rules[i]);
			break;
		}
		if (ret) {
			warnx("undoing the change of rule %s: %s",
			      step_name(c, c->done[c->ndone].kind, i),
			      sct_error_detail()[0] ? sct_error_detail() :
						      sct_strerror(ret));
			c->lost = true;
		}
	}
}

/*
 * The order in which to rewrite and move rules: those that move down
 * (a greater order) first, the furthest down first, then the others,
 * the furthest up first.  When the rules keep their relative order, as
 * when one is inserted, none passes another on its way.
 */
static int cmp_moves(const void *pa, const void *pb, void *arg)
{
	const struct change *c = arg;
	const struct sct_rule *a = &c->set->rules[*(const size_t *)pa];
	const struct sct_rule *b = &c->set->rules[*(const size_t *)pb];
	bool da = a->order > find(&c->lv.set, a->name)->order;
	bool db = b->order > find(&c->lv.set, b->name)->order;

	if (da != db)
		return da ? -1 : 1;
	if (a->order == b->order)
		return 0;
	return (a->order > b->order) == da ? -1 : 1;
}

/*
 * Apply @set: with @replace, the rule set becomes @set; without, @set is
 * added.  Either every change is made or none.  The lock is held, and
 * the signals (hold_signals()).
 *
 * Return: 0, EXIT_RULES when nothing changed, or EXIT_LEFT when a change
 * could not be undone (what is left was said).  Ends by a signal that
 * came, once nothing is changed.
 */
static int apply(struct sct_ruleset *set, bool replace)
{
	size_t i, j, n = set->count ? set->count : 1, nmoves = 0, *moves;
	struct change c = { .set = set };
	struct sct_rule *old, tmp;
	int ret, sig = 0, errors = 0, status = EXIT_RULES;
	char sname[64];

	c.plan = calloc(n, sizeof(*c.plan));
	c.shown = calloc(n, sizeof(*c.shown));
	moves = calloc(n, sizeof(*moves));
	if (!c.plan || !c.shown || !moves)
		err(EXIT_RULES, NULL);
	ret = read_live(&c.lv, false);
	if (ret) {
		warnx("reading the rules: %s%s", sct_strerror(ret),
		      read_hint(ret));
		goto out;
	}
	c.done = calloc(3 * n + c.lv.set.count, sizeof(*c.done));
	if (!c.done)
		err(EXIT_RULES, NULL);

	/* 1. Let the kernel check every new rule, changing nothing live. */
	for (i = 0; i < set->count; i++) {
		struct sct_rule *r = &set->rules[i];

		sig = stop_signal();
		if (sig)
			end_by(sig, false);
		old = find(&c.lv.set, r->name);
		if (old && !replace) {
			fprintf(stderr, "%s:%d:%d: error: rule %s exists already (use 'sctrules apply' to replace the rules)\n",
				r->file, r->line, r->col, r->name);
			errors++;
			continue;
		}
		ret = stage_name(sname, sizeof(sname), i);
		if (!ret)
			ret = stage(r, sname, &c.shown[i]);
		if (ret == 1) {
			status = EXIT_LEFT;
			goto out;
		}
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
		if (!old) {
			c.plan[i] = PLAN_NEW;
			continue;
		}
		tmp = c.shown[i];
		tmp.order = old->order;
		if (sct_rule_same(old, &c.shown[i]))
			c.plan[i] = PLAN_KEEP;
		else if (sct_rule_same(old, &tmp))
			c.plan[i] = PLAN_ORDER;
		else
			c.plan[i] = PLAN_REPLACE;
		if (c.plan[i] != PLAN_KEEP)
			moves[nmoves++] = i;
	}
	if (errors) {
		fprintf(stderr, "%s: nothing was changed\n",
			program_invocation_short_name);
		goto out;
	}
	sig = stop_signal();
	if (sig)
		end_by(sig, false);

	/* 2. Rules with new names, made disabled. */
	for (i = 0; i < set->count && !sig; i++) {
		if (c.plan[i] == PLAN_NEW && take_step(&c, STEP_CREATE, i))
			goto undo;
		sig = stop_signal();
	}

	/*
	 * 3. The switch.  Rules that the set changes or moves, in an order
	 * that keeps those that move in their relative order; then the new
	 * rules are enabled, in the places made for them; then the rules
	 * that the set does not have are removed.  A call made meanwhile
	 * meets the old rules, or both, never neither; a moved rule stays
	 * in effect (on a kernel that moves enabled rules), a rewritten one
	 * is away for the few writes that rewrite it.
	 */
	qsort_r(moves, nmoves, sizeof(*moves), cmp_moves, &c);
	for (j = 0; j < nmoves && !sig; j++) {
		if (take_step(&c, STEP_UPDATE, moves[j]))
			goto undo;
		sig = stop_signal();
	}
	for (i = 0; i < set->count && !sig; i++) {
		if (c.plan[i] != PLAN_NEW || !set->rules[i].enabled)
			continue;
		if (take_step(&c, STEP_ENABLE, i))
			goto undo;
		sig = stop_signal();
	}
	for (j = 0; replace && j < c.lv.set.count && !sig; j++) {
		if (find(set, c.lv.set.rules[j].name))
			continue;
		if (take_step(&c, STEP_DELETE, j))
			goto undo;
		sig = stop_signal();
	}
	if (sig)
		goto undo;

	/* Done: a signal that comes from here on ends sctrules as usual. */
	release_signals();
	status = 0;
	if (!quiet) {
		size_t keep = 0, add = 0, rep = 0, del = 0;

		for (i = 0; i < set->count; i++) {
			keep += c.plan[i] == PLAN_KEEP;
			add += c.plan[i] == PLAN_NEW;
			rep += c.plan[i] == PLAN_ORDER ||
			       c.plan[i] == PLAN_REPLACE;
		}
		for (j = 0; j < c.ndone; j++)
			del += c.done[j].kind == STEP_DELETE;
		printf("%zu rules: %zu added, %zu replaced, %zu unchanged, %zu deleted\n",
		       set->count, add, rep, keep, del);
	}
	goto out;

undo:
	undo(&c);
	if (left_over(&c.lv, false, NULL, 0, c.lost, NOT_UNDONE) || c.lost) {
		status = EXIT_LEFT;
		goto out;
	}
	if (sig)
		end_by(sig, true);
	fprintf(stderr, "%s: nothing was changed\n",
		program_invocation_short_name);
out:
	free_live(&c.lv);
	free(c.done);
	free(c.shown);
	free(c.plan);
	free(moves);
	return status;
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

	ret = read_live(&lv, false);
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

/* The version of list --json's output, "schema" (sctrules(8)). */
#define LIST_JSON_SCHEMA	1

/*
 * A key and its value, a string, after a comma: as a JSON string (see
 * sct_json_string(): U+FFFD for each byte that is not valid UTF-8), and
 * then, only for a string that is not valid UTF-8, its bytes under
 * "KEY_hex", two lowercase hex digits a byte.  NULL is null.
 */
static void json_text(const char *key, const char *s)
{
	printf(",\"%s\":", key);
	if (!s) {
		fputs("null", stdout);
		return;
	}
	if (sct_json_string(stdout, s, SIZE_MAX))
		return;
	printf(",\"%s_hex\":\"", key);
	sct_json_hex(stdout, (const unsigned char *)s, strlen(s));
	putchar('"');
}

/* A key and a boolean after a comma; null where @applies is false. */
static void json_bool(const char *key, bool applies, bool val)
{
	printf(",\"%s\":%s", key,
	       !applies ? "null" : val ? "true" : "false");
}

/*
 * list --json: one JSON document, {"schema":1,"rules":[...]}, a rule a
 * line, in the table's order, with every attribute libsct reads of a
 * rule: sctrules(8) lists the keys.  Those that do not apply to the
 * rule's action are null.
 */
static void list_json(const struct live *lv, const size_t *idx)
{
	size_t i;

	printf("{\"schema\":%d,\"rules\":[", LIST_JSON_SCHEMA);
	for (i = 0; i < lv->set.count; i++) {
		const struct sct_rule *r = &lv->set.rules[idx[i]];
		const struct sct_rule_state *st = &lv->st[idx[i]];
		bool log = !strcmp(r->action, "log");

		printf("%s\n{\"order\":%d", i ? "," : "", r->order);
		json_text("name", r->name);
		json_text("syscall", r->syscall[0] ? r->syscall : NULL);
		json_text("when", r->when == SCT_WHEN_AFTER ? "after" : "before");
		json_text("action", r->action);
		json_bool("enabled", true, r->enabled);
		printf(",\"hits\":%" PRIu64, st->hits);
		json_text("trace", r->trace[0] ? r->trace : NULL);
		printf(",\"id\":%" PRIu64, st->id);
		json_text("filter", r->filter);
		json_text("error_code",
			  strcmp(r->action, "fail") ? NULL : r->error_code);
		json_bool("continue", log, r->cont);
		json_text("log_format", log ? r->log_format : NULL);
		json_text("log_target", !log ? NULL :
			  r->log_target[0] ? r->log_target : "device");
		if (log)
			printf(",\"capture_size\":%u", r->capture_size);
		else
			fputs(",\"capture_size\":null", stdout);
		json_bool("force", !log, r->force);
		json_bool("act_on_init", !log, r->act_on_init);
		putchar('}');
	}
	printf("%s]}\n", lv->set.count ? "\n" : "");
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

	ret = read_live(&lv, true);
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
	if (json) {
		list_json(&lv, idx);
		goto out;
	}
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
out:
	free(idx);
	free_live(&lv);
	return 0;
}

/*
 * The names of the syscalls of ABI @argv[0] (the native one without it),
 * one a line, in the order of their numbers, each once: what a rule's
 * syscall_name and sctrace's -e trace= take, for bash completion.  No
 * kernel needed: the tables are those the tools were built with.
 */
static int cmd_syscalls(char **argv, int argc)
{
	int abi = SCT_ABI_NATIVE, i, j, n;
	const char *name;

	if (argc > 1)
		errx(EXIT_USAGE, "syscalls: unexpected argument '%s'", argv[1]);
	if (argc) {
		abi = sct_abi_number(argv[0]);
		if (abi < 0)
			errx(EXIT_USAGE, "syscalls: unknown ABI '%s' (x86_64, ia32 or x32)",
			     argv[0]);
	}
	n = sct_syscall_count_abi(abi);
	for (i = 0; i < n; i++) {
		name = sct_syscall_name_abi(abi, i);
		if (!name)
			continue;
		for (j = 0; j < i; j++) {
			const char *prev = sct_syscall_name_abi(abi, j);

			if (prev && !strcmp(prev, name))
				break;
		}
		if (j == i)
			puts(name);
	}
	return 0;
}

/* strace's syscall classes, "%file" and the others, one a line. */
static int cmd_classes(void)
{
	const char *name;
	int i;

	for (i = 0; (name = sct_syscall_class_name(i)); i++)
		puts(name);
	return 0;
}

/*
 * Delete the named rules, or every rule but the reserved ones: all or
 * none.  A rule is read before it goes, and made again if a later one
 * cannot be deleted.  The lock is held, and the signals.
 */
static int cmd_delete(char **names, int n)
{
	struct change c = { 0 };
	int i, ret, sig = 0, status = 0;
	size_t j, ndel = 0, *del;

	ret = read_live(&c.lv, true);
	if (ret)
		read_failed(ret);
	del = calloc(c.lv.set.count + 1, sizeof(*del));
	c.done = calloc(c.lv.set.count + 1, sizeof(*c.done));
	if (!del || !c.done)
		err(EXIT_RULES, NULL);
	if (!n) {
		for (j = 0; j < c.lv.set.count; j++)
			if (!reserved(c.lv.set.rules[j].name))
				del[ndel++] = j;
	} else {
		/* All or nothing: every name must be there. */
		for (i = 0; i < n; i++) {
			const struct sct_rule *r = find(&c.lv.set, names[i]);

			if (!r) {
				ret = sct_rule_exists(names[i]);
				if (ret == -EINVAL) {
					/* Not a name: "../x" would be outside. */
					warnx("%s", sct_error_detail());
					status = EXIT_RULES;
					continue;
				}
				warnx("rule %s: %s", names[i],
				      ret < 0 ? sct_strerror(ret) :
						"no such rule");
				status = EXIT_RULES;
			} else if (ndel < c.lv.set.count) {
				del[ndel++] = r - c.lv.set.rules;
			}
		}
		if (status)
			errx(status, "nothing was deleted");
	}
	for (j = 0; j < ndel && !sig; j++) {
		if (take_step(&c, STEP_DELETE, del[j]))
			goto undo;
		sig = stop_signal();
	}
	if (sig)
		goto undo;
	release_signals();
	if (!quiet)
		printf("%zu rules deleted\n", c.ndone);
	goto out;

undo:
	undo(&c);
	if (left_over(&c.lv, true, names, n, c.lost, NOT_UNDONE) || c.lost) {
		status = EXIT_LEFT;
		goto out;
	}
	if (sig)
		end_by(sig, true);
	fprintf(stderr, "%s: nothing was deleted\n",
		program_invocation_short_name);
	status = EXIT_RULES;
out:
	free(del);
	free(c.done);
	free_live(&c.lv);
	return status;
}

static void options(int argc, char **argv, const char *optstring,
		    const char **dir)
{
	static const struct option opts[] = {
		{ "dir", required_argument, NULL, 'R' },
		{ "json", no_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "no-wait", no_argument, NULL, OPT_NO_WAIT },
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
		case 'j':
			json = true;
			break;
		case 'q':
			quiet = true;
			break;
		case OPT_NO_WAIT:
			no_wait = true;
			break;
		case 'h':
			usage(stdout, 0);
			break;
		case 'V':
			printf("sctrules (sct) %s\n", sct_version());
			exit(0);
		default:
			usage(stderr, EXIT_USAGE);
		}
	}
}

int main(int argc, char **argv)
{
	struct sct_ruleset set = { 0 };
	const char *dir = NULL, *cmd;
	int errors, ret;

	test_paths();
	atexit(sct_close_stdout);
	/* Options come before the command or after it: apply -R DIR. */
	options(argc, argv, "+R:jqhV", &dir);
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
	options(argc, argv, "R:jqhV", &dir);
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
			sct_ruleset_clear(&set);
			return EXIT_RULES;
		}
		if (!strcmp(cmd, "check")) {
			if (!quiet)
				printf("%zu rule%s, no errors\n", set.count,
				       set.count == 1 ? "" : "s");
			sct_ruleset_clear(&set);
			return 0;
		}
		lock_rules(false);
		ret = apply(&set, !strcmp(cmd, "apply"));
		sct_ruleset_clear(&set);
		return ret;
	}
	if (dir)
		errx(EXIT_USAGE, "%s: -R is for apply, add and check", cmd);
	if (json && strcmp(cmd, "list"))
		errx(EXIT_USAGE, "%s: --json is for list", cmd);
	if (!strcmp(cmd, "syscalls"))
		return cmd_syscalls(argv, argc);
	if (!strcmp(cmd, "delete")) {
		need_sct();
		lock_rules(false);
		return cmd_delete(argv, argc);
	}
	if (argc)
		errx(EXIT_USAGE, "%s: unexpected argument '%s'", cmd, argv[0]);
	if (!strcmp(cmd, "classes"))
		return cmd_classes();
	if (!strcmp(cmd, "show")) {
		need_sct();
		lock_rules(true);
		return cmd_show();
	}
	if (!strcmp(cmd, "list")) {
		need_sct();
		lock_rules(true);
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
