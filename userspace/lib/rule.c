// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libsct: the rule object and its attributes, rule sets and rule states
 * (sct_rule_new(3)).
 *
 * A rule made here holds what a rule file can: each value is checked by
 * the rule-file parser's own code (rules.c, filter.c), and with what the
 * rule has already, as the parser checks a rule at its end.  So a rule
 * always prints (sct_rule_print()) as a block that parses back.  A value
 * that is refused changes nothing: it is tried on a copy of the rule.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules-internal.h"

/* The kernel's words, by enum sct_action and enum sct_log_target. */
static const char *const sct_action_words[] = {
	[SCT_ACTION_LOG]	= "log",
	[SCT_ACTION_FAIL]	= "fail",
	[SCT_ACTION_SUSPEND]	= "suspend",
	[SCT_ACTION_KILL]	= "kill",
};

static const char *const sct_target_words[] = {
	[SCT_LOG_TARGET_DEFAULT]	= "",
	[SCT_LOG_TARGET_DEVICE]		= "device",
	[SCT_LOG_TARGET_PRINTK]		= "printk",
	[SCT_LOG_TARGET_BOTH]		= "both",
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The rule-file key of each attribute, for messages. */
static const char *const sct_attr_keys[] = {
	[SCT_RULE_ATTR_NAME]		= "rule_name",
	[SCT_RULE_ATTR_SYSCALL]		= "syscall_name",
	[SCT_RULE_ATTR_WHEN]		= "when",
	[SCT_RULE_ATTR_ACTION]		= "type",
	[SCT_RULE_ATTR_ERROR_CODE]	= "error_code",
	[SCT_RULE_ATTR_ORDER]		= "order",
	[SCT_RULE_ATTR_CONTINUE]	= "continue",
	[SCT_RULE_ATTR_FILTER]		= "filter_expression",
	[SCT_RULE_ATTR_LOG_FORMAT]	= "log_format",
	[SCT_RULE_ATTR_LOG_TARGET]	= "log_target",
	[SCT_RULE_ATTR_ENABLED]		= "enabled",
	[SCT_RULE_ATTR_FORCE]		= "force",
	[SCT_RULE_ATTR_ACT_ON_INIT]	= "act_on_init",
	[SCT_RULE_ATTR_TRACE]		= "trace",
	[SCT_RULE_ATTR_CAPTURE_SIZE]	= "capture_size",
	[SCT_RULE_ATTR_SYSCALL_NR]	= "syscall number",
	[SCT_RULE_ATTR_SYSCALL_ABI]	= "syscall ABI",
	[SCT_RULE_ATTR_ORDER_SET]	= "order given",
	[SCT_RULE_ATTR_FILE]		= "file",
	[SCT_RULE_ATTR_LINE]		= "line",
	[SCT_RULE_ATTR_COL]		= "column",
};

static const char *attr_key(enum sct_rule_attr attr)
{
	if ((unsigned int)attr < ARRAY_SIZE(sct_attr_keys) &&
	    sct_attr_keys[attr])
		return sct_attr_keys[attr];
	return NULL;
}

/* An attribute that cannot be written, or is not of the type used. */
static int bad_attr(enum sct_rule_attr attr, const char *how)
{
	const char *key = attr_key(attr);

	if (key)
		sct_rf_detail("rule attribute %d (%s): %s", (int)attr, key,
			      how);
	else
		sct_rf_detail("no rule attribute %d", (int)attr);
	return -EINVAL;
}

static void rule_init(struct sct_rule *r)
{
	memset(r, 0, sizeof(*r));
	r->nr = -1;
	r->abi = SCT_ABI_ALL;
	r->when = SCT_WHEN_BEFORE;
	strcpy(r->action, "log");
	r->enabled = 1;
}

int sct_rule_new(struct sct_rule **rp)
{
	struct sct_rule *r;

	*rp = NULL;
	r = malloc(sizeof(*r));
	if (!r)
		return -ENOMEM;
	rule_init(r);
	*rp = r;
	return 0;
}

int sct_rule_dup(struct sct_rule **copy, const struct sct_rule *r)
{
	*copy = malloc(sizeof(**copy));
	if (!*copy)
		return -ENOMEM;
	**copy = *r;
	return 0;
}

void sct_rule_free(struct sct_rule *r)
{
	free(r);
}

static int word_index(const char *const *words, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(words[i], s))
			return i;
	return -1;
}

int sct_rule_get_str(const struct sct_rule *r, enum sct_rule_attr attr,
		     const char **value)
{
	switch (attr) {
	case SCT_RULE_ATTR_NAME:
		*value = r->name;
		return 0;
	case SCT_RULE_ATTR_SYSCALL:
		*value = r->syscall;
		return 0;
	case SCT_RULE_ATTR_ERROR_CODE:
		*value = r->error_code;
		return 0;
	case SCT_RULE_ATTR_FILTER:
		*value = r->filter;
		return 0;
	case SCT_RULE_ATTR_LOG_FORMAT:
		*value = r->log_format;
		return 0;
	case SCT_RULE_ATTR_TRACE:
		*value = r->trace;
		return 0;
	case SCT_RULE_ATTR_FILE:
		*value = r->file;
		return 0;
	default:
		return bad_attr(attr, "not a string");
	}
}

int sct_rule_get_int(const struct sct_rule *r, enum sct_rule_attr attr,
		     int *value)
{
	int n;

	switch (attr) {
	case SCT_RULE_ATTR_WHEN:
		*value = r->when;
		return 0;
	case SCT_RULE_ATTR_ACTION:
		n = word_index(sct_action_words, ARRAY_SIZE(sct_action_words),
			       r->action);
		break;
	case SCT_RULE_ATTR_LOG_TARGET:
		n = word_index(sct_target_words, ARRAY_SIZE(sct_target_words),
			       r->log_target);
		break;
	case SCT_RULE_ATTR_ORDER:
		*value = r->order;
		return 0;
	case SCT_RULE_ATTR_CONTINUE:
		*value = r->cont;
		return 0;
	case SCT_RULE_ATTR_ENABLED:
		*value = r->enabled;
		return 0;
	case SCT_RULE_ATTR_FORCE:
		*value = r->force;
		return 0;
	case SCT_RULE_ATTR_ACT_ON_INIT:
		*value = r->act_on_init;
		return 0;
	case SCT_RULE_ATTR_CAPTURE_SIZE:
		*value = r->capture_size;
		return 0;
	case SCT_RULE_ATTR_SYSCALL_NR:
		*value = r->nr;
		return 0;
	case SCT_RULE_ATTR_SYSCALL_ABI:
		*value = r->abi;
		return 0;
	case SCT_RULE_ATTR_ORDER_SET:
		*value = r->order_set;
		return 0;
	case SCT_RULE_ATTR_LINE:
		*value = r->line;
		return 0;
	case SCT_RULE_ATTR_COL:
		*value = r->col;
		return 0;
	default:
		return bad_attr(attr, "not an int");
	}
	if (n < 0) {
		sct_rf_detail("rule %s: %s '%s': not one this libsct knows",
			      r->name, attr_key(attr),
			      attr == SCT_RULE_ATTR_ACTION ? r->action :
							     r->log_target);
		return -EPROTO;
	}
	*value = n;
	return 0;
}

/*
 * One value, checked by the parser's code: a parse of its own, whose
 * messages are caught for the detail.
 */
struct sct_one {
	struct sct_parse ps;
	char *msg;
	size_t len;
};

static int one_begin(struct sct_one *o, struct sct_rule *r)
{
	memset(o, 0, sizeof(*o));
	o->ps.name = "";
	o->ps.rule = r;
	o->ps.errs = open_memstream(&o->msg, &o->len);
	return o->ps.errs ? 0 : -ENOMEM;
}

/*
 * The end of the parse of @o's value for @attr: 0 if it is good, else
 * -EINVAL with the parser's first message (without its ":LINE:COL:
 * error: ", the column given for a filter or a log format), or -ENOMEM.
 */
static int one_end(struct sct_one *o, enum sct_rule_attr attr)
{
	const char *m, *col;
	int ret = 0;
	size_t n;

	fclose(o->ps.errs);
	if (o->ps.oom) {
		ret = -ENOMEM;
	} else if (o->ps.nerrs) {
		/* ":1:COL: error: MESSAGE\n..." */
		m = o->msg ? strstr(o->msg, ": error: ") : NULL;
		col = o->msg ? strchr(o->msg + 1, ':') : NULL;
		n = m ? strcspn(m + 9, "\n") : 0;
		if (m && col && (attr == SCT_RULE_ATTR_FILTER ||
				 attr == SCT_RULE_ATTR_LOG_FORMAT))
			sct_rf_detail("%s: column %.*s: %.*s", attr_key(attr),
				      (int)(m - col - 1), col + 1, (int)n,
				      m + 9);
		else if (m)
			sct_rf_detail("%s: %.*s", attr_key(attr), (int)n, m + 9);
		else
			sct_rf_detail("%s: invalid value", attr_key(attr));
		ret = -EINVAL;
	}
	free(o->msg);
	free(o->ps.body);
	free(o->ps.filter_src);
	return ret;
}

/* A key of the parser (sct_rf_value()) for @t's attribute @attr. */
static int set_key(struct sct_rule *t, enum sct_rule_attr attr,
		   enum sct_key key, const char *value)
{
	struct sct_loc loc = { 1, 1 };
	struct sct_one o;
	char *val;
	int ret;

	val = strdup(value);
	if (!val)
		return -ENOMEM;
	ret = one_begin(&o, t);
	if (ret) {
		free(val);
		return ret;
	}
	sct_rf_value(&o.ps, key, loc, val, loc);	/* frees val */
	return one_end(&o, attr);
}

/*
 * Does log format @fmt (as the rule holds it) use %retval?  The parser's
 * check, on a scratch rule: 1, 0, or a negative errno.
 */
static int format_retval(const char *fmt)
{
	struct sct_loc loc = { 1, 1 };
	struct sct_rule *scratch;
	struct sct_one o;
	int ret;

	scratch = malloc(sizeof(*scratch));
	if (!scratch)
		return -ENOMEM;
	ret = one_begin(&o, scratch);
	if (!ret) {
		sct_rf_format(&o.ps, fmt, strlen(fmt), loc);
		ret = o.ps.has_retval;
		fclose(o.ps.errs);
		free(o.msg);
	}
	free(scratch);
	return ret;
}

static int set_format(struct sct_rule *t, const char *value)
{
	struct sct_loc loc = { 1, 1 };
	struct sct_one o;
	int ret;

	ret = one_begin(&o, t);
	if (ret)
		return ret;
	sct_rf_format(&o.ps, value, strlen(value), loc);
	if (!o.ps.nerrs && o.ps.has_retval && t->when != SCT_WHEN_AFTER)
		sct_rf_error(&o.ps, o.ps.retval_loc,
			     "%%retval in log_format needs when = after");
	ret = one_end(&o, SCT_RULE_ATTR_LOG_FORMAT);
	/* A line break is a blank: the result is on one line. */
	if (!ret && !sct_rf_balanced(t->log_format)) {
		sct_rf_detail("log_format: unbalanced braces, which a rule file cannot hold");
		ret = -EINVAL;
	}
	return ret;
}

static int set_filter(struct sct_rule *t, const char *value)
{
	struct sct_loc start = { 1, 1 }, end = { 1, 1 };
	size_t len = strlen(value);
	struct sct_one o;
	int ret;

	if (len > INT_MAX - 1)
		len = INT_MAX - 1;
	end.col = len + 1;
	ret = one_begin(&o, t);
	if (ret)
		return ret;
	/* The end of the string is the '}' after a rule file's filter. */
	o.ps.filter_start = start;
	o.ps.filter_end = end;
	sct_rf_filter(&o.ps, t, value, len, start, end);
	return one_end(&o, SCT_RULE_ATTR_FILTER);
}

static bool is_log(const struct sct_rule *r)
{
	return !strcmp(r->action, "log");
}

/* Attribute @attr is for @what rules only: say so; -EINVAL. */
static int only_for(const struct sct_rule *r, enum sct_rule_attr attr,
		    const char *what)
{
	sct_rf_detail("%s: for %s rules only, this one is %s",
		      attr_key(attr), what, r->action);
	return -EINVAL;
}

int sct_rule_set_str(struct sct_rule *r, enum sct_rule_attr attr,
		     const char *value)
{
	struct sct_rule *t;
	int ret;

	sct_rf_detail_clear();
	switch (attr) {
	case SCT_RULE_ATTR_NAME:
	case SCT_RULE_ATTR_SYSCALL:
	case SCT_RULE_ATTR_ERROR_CODE:
	case SCT_RULE_ATTR_FILTER:
	case SCT_RULE_ATTR_LOG_FORMAT:
	case SCT_RULE_ATTR_TRACE:
		break;
	case SCT_RULE_ATTR_FILE:
		return bad_attr(attr, "read-only");
	default:
		return bad_attr(attr, "not a string");
	}
	if (!value) {
		sct_rf_detail("%s: NULL value", attr_key(attr));
		return -EINVAL;
	}
	/* What the rule's action does not take, as the parser refuses it. */
	if (attr == SCT_RULE_ATTR_ERROR_CODE && value[0] &&
	    strcmp(r->action, "fail"))
		return only_for(r, attr, "fail");
	if (attr == SCT_RULE_ATTR_LOG_FORMAT && value[0] && !is_log(r))
		return only_for(r, attr, "log");
	if (attr == SCT_RULE_ATTR_TRACE && !value[0] && r->capture_size) {
		sct_rf_detail("trace: a rule with a capture_size needs one: set capture_size 0 first");
		return -EINVAL;
	}

	t = malloc(sizeof(*t));
	if (!t)
		return -ENOMEM;
	*t = *r;
	switch (attr) {
	case SCT_RULE_ATTR_NAME:
		ret = set_key(t, attr, SCT_K_NAME, value);
		break;
	case SCT_RULE_ATTR_SYSCALL:
		ret = set_key(t, attr, SCT_K_SYSCALL, value);
		break;
	case SCT_RULE_ATTR_ERROR_CODE:
		t->error_code[0] = '\0';
		ret = value[0] ? set_key(t, attr, SCT_K_ERROR, value) : 0;
		break;
	case SCT_RULE_ATTR_TRACE:
		t->trace[0] = '\0';
		ret = value[0] ? set_key(t, attr, SCT_K_TRACE, value) : 0;
		break;
	case SCT_RULE_ATTR_LOG_FORMAT:
		ret = set_format(t, value);
		break;
	default:	/* SCT_RULE_ATTR_FILTER */
		t->filter[0] = '\0';
		t->nspans = 0;
		ret = value[0] ? set_filter(t, value) : 0;
		break;
	}
	if (!ret)
		*r = *t;
	free(t);
	return ret;
}

/* A yes/no attribute: 0 or 1. */
static int check_bool(enum sct_rule_attr attr, int value)
{
	if (value == 0 || value == 1)
		return 0;
	sct_rf_detail("%s: %d is not 0 or 1", attr_key(attr), value);
	return -EINVAL;
}

/* Would @r's filter and log format hold on side @when? */
static int check_when(const struct sct_rule *r, int when)
{
	unsigned int pos;
	char msg[256];
	int ret;

	if (when != SCT_WHEN_BEFORE && when != SCT_WHEN_AFTER) {
		sct_rf_detail("when: %d is not SCT_WHEN_BEFORE or SCT_WHEN_AFTER",
			      when);
		return -EINVAL;
	}
	if (when == SCT_WHEN_AFTER)
		return 0;
	if (r->filter[0]) {
		ret = sct_rf_check_raw(r->filter, when, &pos, msg, sizeof(msg));
		if (ret == -ENOMEM)
			return ret;
		if (ret) {
			sct_rf_detail("when: the filter does not hold before the call: %s",
				      msg);
			return -EINVAL;
		}
	}
	ret = format_retval(r->log_format);
	if (ret < 0)
		return ret;
	if (ret) {
		sct_rf_detail("when: %%retval in log_format needs when = after");
		return -EINVAL;
	}
	return 0;
}

/* Does @r have what action @a does not take? */
static int check_action(const struct sct_rule *r, int a)
{
	const char *what = NULL;

	if (a < 0 || (size_t)a >= ARRAY_SIZE(sct_action_words)) {
		sct_rf_detail("type: %d is not an action (enum sct_action)", a);
		return -EINVAL;
	}
	if (a != SCT_ACTION_FAIL && r->error_code[0])
		what = "error_code";
	else if (a != SCT_ACTION_LOG && r->log_format[0])
		what = "log_format";
	else if (a != SCT_ACTION_LOG && r->log_target[0])
		what = "log_target";
	else if (a != SCT_ACTION_LOG && r->cont)
		what = "continue";
	else if (a != SCT_ACTION_LOG && r->capture_size)
		what = "capture_size";
	else if (a == SCT_ACTION_LOG && r->force)
		what = "force";
	else if (a == SCT_ACTION_LOG && r->act_on_init)
		what = "act_on_init";
	if (!what)
		return 0;
	sct_rf_detail("type: %s is set, which %s rules do not take: clear it first",
		      what, sct_action_words[a]);
	return -EINVAL;
}

int sct_rule_set_int(struct sct_rule *r, enum sct_rule_attr attr, int value)
{
	int ret;

	sct_rf_detail_clear();
	switch (attr) {
	case SCT_RULE_ATTR_WHEN:
		ret = check_when(r, value);
		if (!ret)
			r->when = value;
		return ret;
	case SCT_RULE_ATTR_ACTION:
		ret = check_action(r, value);
		if (!ret)
			strcpy(r->action, sct_action_words[value]);
		return ret;
	case SCT_RULE_ATTR_ORDER:
		r->order = value;
		r->order_set = 1;
		return 0;
	case SCT_RULE_ATTR_CONTINUE:
		ret = check_bool(attr, value);
		if (!ret && value && !is_log(r))
			ret = only_for(r, attr, "log");
		if (!ret)
			r->cont = value;
		return ret;
	case SCT_RULE_ATTR_ENABLED:
		ret = check_bool(attr, value);
		if (!ret)
			r->enabled = value;
		return ret;
	case SCT_RULE_ATTR_FORCE:
	case SCT_RULE_ATTR_ACT_ON_INIT:
		ret = check_bool(attr, value);
		if (!ret && value && is_log(r))
			ret = only_for(r, attr, "fail, suspend or kill");
		if (ret)
			return ret;
		if (attr == SCT_RULE_ATTR_FORCE)
			r->force = value;
		else
			r->act_on_init = value;
		return 0;
	case SCT_RULE_ATTR_LOG_TARGET:
		if (value < 0 ||
		    (size_t)value >= ARRAY_SIZE(sct_target_words)) {
			sct_rf_detail("log_target: %d is not a target (enum sct_log_target)",
				      value);
			return -EINVAL;
		}
		if (value != SCT_LOG_TARGET_DEFAULT && !is_log(r))
			return only_for(r, attr, "log");
		strcpy(r->log_target, sct_target_words[value]);
		return 0;
	case SCT_RULE_ATTR_CAPTURE_SIZE:
		if (value < 0 || value > SCT_CAPTURE_SIZE_MAX) {
			sct_rf_detail("capture_size: %d is out of range (0 to %d)",
				      value, SCT_CAPTURE_SIZE_MAX);
			return -EINVAL;
		}
		if (value && !is_log(r))
			return only_for(r, attr, "log");
		if (value && !r->trace[0]) {
			sct_rf_detail("capture_size: needs a trace: only the calls of a trace's members have captures");
			return -EINVAL;
		}
		r->capture_size = value;
		return 0;
	case SCT_RULE_ATTR_SYSCALL_NR:
	case SCT_RULE_ATTR_SYSCALL_ABI:
	case SCT_RULE_ATTR_ORDER_SET:
	case SCT_RULE_ATTR_LINE:
	case SCT_RULE_ATTR_COL:
		return bad_attr(attr, "read-only");
	default:
		return bad_attr(attr, "not an int");
	}
}

/* Rule sets. */

int sct_ruleset_new(struct sct_ruleset **set)
{
	*set = calloc(1, sizeof(**set));
	return *set ? 0 : -ENOMEM;
}

void sct_ruleset_free(struct sct_ruleset *set)
{
	if (!set)
		return;
	sct_ruleset_clear(set);
	free(set);
}

size_t sct_ruleset_count(const struct sct_ruleset *set)
{
	return set->count;
}

struct sct_rule *sct_ruleset_rule(struct sct_ruleset *set, size_t i)
{
	return i < set->count ? &set->rules[i] : NULL;
}

int sct_ruleset_add(struct sct_ruleset *set, const struct sct_rule *r)
{
	struct sct_rule *p;
	size_t n;

	if (set->count == set->alloc) {
		n = set->alloc ? 2 * set->alloc : 16;
		p = realloc(set->rules, n * sizeof(*p));
		if (!p)
			return -ENOMEM;
		set->rules = p;
		set->alloc = n;
	}
	set->rules[set->count++] = *r;
	return 0;
}

/* Rule states. */

int sct_rule_state_new(struct sct_rule_state **st)
{
	*st = calloc(1, sizeof(**st));
	return *st ? 0 : -ENOMEM;
}

void sct_rule_state_free(struct sct_rule_state *st)
{
	free(st);
}

uint64_t sct_rule_state_hits(const struct sct_rule_state *st)
{
	return st->hits;
}

uint64_t sct_rule_state_id(const struct sct_rule_state *st)
{
	return st->id;
}
