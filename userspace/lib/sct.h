/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libsct: the C library of sct, the syscall tracker (see libsct(3)).
 *
 * It is the one place that talks to the kernel's interfaces: rules in
 * configfs (/sys/kernel/config/sct), the event log (/dev/sct_records), and
 * the syscall table.  It also reads rule files (sct.rules(5)).  Functions
 * return negative errno values on failure; sct_strerror() gives their
 * message, and sct_error_detail() what the kernel refused.
 *
 * Rule files
 * ----------
 * A rule file holds rules in syscalltrack's language:
 *
 *   rule {
 *     syscall_name = unlink
 *     rule_name = prevent_delete
 *     filter_expression {PARAMS[1]=="/etc/passwd" && UID == 0}
 *     action {
 *       type = FAIL
 *       error_code = -1
 *     }
 *     when = before
 *   }
 *
 * Parsing checks each rule as far as userspace can: names, values, and
 * the filter, against the kernel's grammar and bounds, with its symbolic
 * constants (O_CREAT, EPERM, ...) and macros (ipaddr(), htons(),
 * usernametoid(), groupnametoid()) turned into the numbers the kernel
 * takes.  Each rule comes out as the values of the configfs attributes of
 * a kernel rule (Documentation/ABI/testing/configfs-sct).
 *
 * Errors are written one per line, as compilers do:
 *
 *   rules/x.rules:4:15: error: unexpected '}', expected '=' after 'syscall_name'
 *
 * with 1-based lines and columns (columns count bytes, a tab is one).
 *
 * Rules, rule sets, rule states and logs are opaque types, made and
 * freed by the library; a rule's attributes are read and written by
 * enum sct_rule_attr (sct_rule_new(3)).  The records of the log are the
 * kernel's structures, of <linux/sct.h>.
 *
 * Threads: the library keeps no global state but the paths of
 * sct_set_path() (MT-Unsafe: set them before other threads use libsct)
 * and the detail of errors, which is per thread.  Every other function
 * is MT-Safe; an object may be read by several threads, but not while
 * one changes it.  The ATTRIBUTES section of each page says so per
 * function.  libsct reads no environment variables (but PATH, for the
 * command of sct_session_spawn(), as execvp(3) does).
 */
#ifndef SCT_H
#define SCT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include <sct/record.h>

/*
 * <sct/record.h> shares the include guard of the kernel's <linux/sct.h>,
 * so that a program may include both; an older <linux/sct.h> included
 * first would stand for it, without the records this library reads.
 */
#if !defined(SCT_RECORD_VERSION) || SCT_RECORD_VERSION < 5
#error "<sct.h> needs the records of version 5: an older <linux/sct.h> was included before it"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The version of libsct these declarations are from; sct_version() gives
 * the one a program runs with.  LIBSCT_VERSION is the same as a string.
 */
#define SCT_VERSION_MAJOR	1
#define SCT_VERSION_MINOR	0
#define SCT_VERSION_MICRO	0
#define LIBSCT_VERSION		"1.0.0"

/**
 * sct_version - the version of the libsct a program runs with
 *
 * Thread-safe.
 *
 * Return: "MAJOR.MINOR.MICRO" ("1.0.0"), a static string.
 */
const char *sct_version(void);

/*
 * The ABIs of system calls (struct sct_record_call.abi, the ABI:NAME form
 * of a rule's syscall, %abi) are <sct/record.h>'s SCT_ABI_NATIVE
 * (x86_64), SCT_ABI_COMPAT (ia32) and SCT_ABI_X32.
 */
/* SCT_RULE_ATTR_SYSCALL_ABI of a syscall named without an ABI: every ABI. */
#define SCT_ABI_ALL		(-1)

/* Sizes of the strings of a rule, NUL included. */
#define SCT_RULE_NAME_LEN	64	/* SCT_RULE_NAME_MAX + 1 */
#define SCT_RULE_SYSCALL_LEN	4096	/* a list of up to 4095 bytes */
/*
 * The longest syscall list the kernel takes, as it reads it back
 * (normalised): its PAGE_SIZE - 1 bytes with the NUL, less the newline
 * it reads back with.  A longer one is refused with E2BIG.
 */
#define SCT_SYSCALL_LIST_MAX	4094
/* The largest capture_size the kernel takes (SCT_RULE_ATTR_CAPTURE_SIZE). */
#define SCT_CAPTURE_SIZE_MAX	4096

/*
 * Opaque types: programs hold pointers to them, and use the functions
 * below (sct_rule_new(3)).  Their layout is no part of the ABI.
 */
struct sct_rule;	/* a rule, as a rule file or the kernel gives it */
struct sct_ruleset;	/* rules, in the order of their files */
struct sct_rule_state;	/* what the kernel says of a live rule */
struct sct_log;		/* an open event log */

/**
 * enum sct_rule_attr - the attributes of a rule
 * @SCT_RULE_ATTR_NAME: (string) rule_name: 1 to 63 characters from
 *	[A-Za-z0-9_.-], not starting with '-' or '.'; the name of the rule's
 *	configfs directory.  "" in a new rule
 * @SCT_RULE_ATTR_SYSCALL: (string) syscall_name: a list of one or more
 *	items separated by commas (names of the native or ia32 table,
 *	"ABI:NAME", numbers, "ABI:NUMBER", "*", "ABI:*", strace's classes
 *	"%file"...); stored normalised as the kernel reads it back
 *	(sct_syscall_list_normalize()).  "" in a new rule
 * @SCT_RULE_ATTR_WHEN: (int) %SCT_WHEN_BEFORE (the default) or
 *	%SCT_WHEN_AFTER, of <linux/sct.h>
 * @SCT_RULE_ATTR_ACTION: (int) an enum sct_action; %SCT_ACTION_LOG by
 *	default
 * @SCT_RULE_ATTR_ERROR_CODE: (string) for a fail rule: "" (the kernel's
 *	default, EPERM), a name the kernel knows ("EACCES") or a number
 *	from -511 to 511 (its absolute value is the error)
 * @SCT_RULE_ATTR_ORDER: (int) the rule's rank among the rules of its
 *	syscall and side; 0 by default
 * @SCT_RULE_ATTR_CONTINUE: (int) 1 if matching goes on after this rule
 *	(log rules only), 0 (the default) if not
 * @SCT_RULE_ATTR_FILTER: (string) the filter, in the language of
 *	sct.rules(5), constants and macros included; stored with them
 *	replaced by numbers, on one line.  "" (the default) for none
 * @SCT_RULE_ATTR_LOG_FORMAT: (string) a log rule's format; "" for the
 *	kernel's default
 * @SCT_RULE_ATTR_LOG_TARGET: (int) an enum sct_log_target;
 *	%SCT_LOG_TARGET_DEFAULT by default
 * @SCT_RULE_ATTR_ENABLED: (int) 1 (the default) if the rule is to be in
 *	effect, 0 for a rule made disabled
 * @SCT_RULE_ATTR_FORCE: (int) 1 to let a fail, suspend or kill rule
 *	without a filter act on a syscall that the system needs to recover
 * @SCT_RULE_ATTR_ACT_ON_INIT: (int) 1 if a fail, suspend or kill rule
 *	acts on the calls of PID 1 too
 * @SCT_RULE_ATTR_TRACE: (string) the trace whose members alone the rule
 *	matches, named as a rule is; "" (the default) for a global rule
 * @SCT_RULE_ATTR_CAPTURE_SIZE: (int) for a log rule of a trace: 1 to
 *	%SCT_CAPTURE_SIZE_MAX bytes of the structs, buffers and arrays the
 *	call's parameters point to; 0 (the default) for no captures
 * @SCT_RULE_ATTR_SYSCALL_NR: (int, read-only) for a syscall list of one
 *	name or number, its number in the table of its ABI (for every ABI,
 *	the native number, or -1 for a name only ia32 has); else -1
 * @SCT_RULE_ATTR_SYSCALL_ABI: (int, read-only) the ABI that every item of
 *	the syscall list names, else %SCT_ABI_ALL
 * @SCT_RULE_ATTR_ORDER_SET: (int, read-only) 1 if the order was given (by
 *	the rule file, by sct_rule_set_int() or by the kernel), else 0
 * @SCT_RULE_ATTR_FILE: (string, read-only) the file the rule comes
 *	from; "" for a rule made otherwise
 * @SCT_RULE_ATTR_LINE: (int, read-only) the line of its 'rule' keyword;
 *	0 for a rule made otherwise
 * @SCT_RULE_ATTR_COL: (int, read-only) the column of its 'rule' keyword
 *
 * Each attribute is either a string, read with sct_rule_get_str() and
 * written with sct_rule_set_str(), or an int, read with
 * sct_rule_get_int() and written with sct_rule_set_int().
 */
enum sct_rule_attr {
	SCT_RULE_ATTR_NAME = 1,
	SCT_RULE_ATTR_SYSCALL = 2,
	SCT_RULE_ATTR_WHEN = 3,
	SCT_RULE_ATTR_ACTION = 4,
	SCT_RULE_ATTR_ERROR_CODE = 5,
	SCT_RULE_ATTR_ORDER = 6,
	SCT_RULE_ATTR_CONTINUE = 7,
	SCT_RULE_ATTR_FILTER = 8,
	SCT_RULE_ATTR_LOG_FORMAT = 9,
	SCT_RULE_ATTR_LOG_TARGET = 10,
	SCT_RULE_ATTR_ENABLED = 11,
	SCT_RULE_ATTR_FORCE = 12,
	SCT_RULE_ATTR_ACT_ON_INIT = 13,
	SCT_RULE_ATTR_TRACE = 14,
	SCT_RULE_ATTR_CAPTURE_SIZE = 15,
	SCT_RULE_ATTR_SYSCALL_NR = 16,
	SCT_RULE_ATTR_SYSCALL_ABI = 17,
	SCT_RULE_ATTR_ORDER_SET = 18,
	SCT_RULE_ATTR_FILE = 19,
	SCT_RULE_ATTR_LINE = 20,
	SCT_RULE_ATTR_COL = 21,
};

/**
 * enum sct_action - what a rule does with the calls it matches
 * @SCT_ACTION_LOG: write a record to the event log
 * @SCT_ACTION_FAIL: make the call fail with its error_code
 * @SCT_ACTION_SUSPEND: stop the calling process (SIGSTOP)
 * @SCT_ACTION_KILL: kill it (SIGKILL)
 */
enum sct_action {
	SCT_ACTION_LOG = 0,
	SCT_ACTION_FAIL = 1,
	SCT_ACTION_SUSPEND = 2,
	SCT_ACTION_KILL = 3,
};

/**
 * enum sct_log_target - where a log rule's records go
 * @SCT_LOG_TARGET_DEFAULT: the kernel's default, the log devices; a rule
 *	file that gives no log_target
 * @SCT_LOG_TARGET_DEVICE: the log devices, written out ("device")
 * @SCT_LOG_TARGET_PRINTK: the kernel log ("printk")
 * @SCT_LOG_TARGET_BOTH: both ("both")
 */
enum sct_log_target {
	SCT_LOG_TARGET_DEFAULT = 0,
	SCT_LOG_TARGET_DEVICE = 1,
	SCT_LOG_TARGET_PRINTK = 2,
	SCT_LOG_TARGET_BOTH = 3,
};

/**
 * sct_rule_new - make a rule, with the defaults of a rule file
 * @r: set to the rule; free it with sct_rule_free()
 *
 * The rule has no name and no syscall yet; its other attributes have
 * the values a rule file gives them when it leaves them out.
 *
 * Return: 0, or -ENOMEM.
 */
int sct_rule_new(struct sct_rule **r);

/**
 * sct_rule_dup - copy a rule
 * @copy: set to the copy; free it with sct_rule_free()
 * @r: the rule
 *
 * Return: 0, or -ENOMEM.
 */
int sct_rule_dup(struct sct_rule **copy, const struct sct_rule *r);

/**
 * sct_rule_free - free a rule
 * @r: the rule, from sct_rule_new() or sct_rule_dup(); NULL does nothing.
 *     Not one of a rule set's rules (sct_ruleset_rule())
 */
void sct_rule_free(struct sct_rule *r);

/**
 * sct_rule_get_str - read a string attribute of a rule
 * @r: the rule
 * @attr: the attribute, one of the (string) ones of enum sct_rule_attr
 * @value: set to its value, valid until @r is changed or freed
 *
 * Return: 0, or -EINVAL for an attribute that is not a string one.
 */
int sct_rule_get_str(const struct sct_rule *r, enum sct_rule_attr attr,
		     const char **value);

/**
 * sct_rule_get_int - read an int attribute of a rule
 * @r: the rule
 * @attr: the attribute, one of the (int) ones of enum sct_rule_attr
 * @value: set to its value
 *
 * Return: 0, or -EINVAL for an attribute that is not an int one, or
 * -EPROTO for an action or log target that this libsct does not know (a
 * rule read from a newer kernel).
 */
int sct_rule_get_int(const struct sct_rule *r, enum sct_rule_attr attr,
		     int *value);

/**
 * sct_rule_set_str - write a string attribute of a rule
 * @r: the rule
 * @attr: the attribute, a (string) one of enum sct_rule_attr that is not
 *	read-only
 * @value: its new value, as a rule file writes it (sct.rules(5))
 *
 * The value is checked as the rule-file parser checks it, and with what
 * the rule has already: a filter or a log format that uses the return
 * value needs %SCT_WHEN_AFTER, an error code needs %SCT_ACTION_FAIL, a
 * log format %SCT_ACTION_LOG, and a trace cannot be "" while the rule
 * has a capture size.  On failure nothing changes, and
 * sct_error_detail() says what is wrong, in the parser's words.
 *
 * Return: 0, or a negative errno: -EINVAL for a bad value, or for an
 * attribute that is not a string one or is read-only; -ENOMEM.
 */
int sct_rule_set_str(struct sct_rule *r, enum sct_rule_attr attr,
		     const char *value);

/**
 * sct_rule_set_int - write an int attribute of a rule
 * @r: the rule
 * @attr: the attribute, an (int) one of enum sct_rule_attr that is not
 *	read-only
 * @value: its new value
 *
 * As sct_rule_set_str(): the value is checked as the parser checks it
 * (0 or 1 for the yes/no attributes, a value of the enum for the
 * others, 0 to %SCT_CAPTURE_SIZE_MAX for the capture size), and with
 * what the rule has: continue, a log target other than the default and
 * a capture size need %SCT_ACTION_LOG (and the capture size a trace),
 * force and act_on_init another action; an action that leaves one of
 * these set is refused, as is %SCT_WHEN_BEFORE for a rule whose filter
 * or log format uses the return value.  Setting the order marks it
 * given (%SCT_RULE_ATTR_ORDER_SET).  On failure nothing changes.
 *
 * Return: 0, or -EINVAL for a bad value, or for an attribute that is
 * not an int one or is read-only.
 */
int sct_rule_set_int(struct sct_rule *r, enum sct_rule_attr attr,
		     int value);

/**
 * sct_ruleset_new - make an empty rule set
 * @set: set to it; free it with sct_ruleset_free()
 *
 * Return: 0, or -ENOMEM.
 */
int sct_ruleset_new(struct sct_ruleset **set);

/**
 * sct_ruleset_free - free a rule set and its rules
 * @set: the set; NULL does nothing
 */
void sct_ruleset_free(struct sct_ruleset *set);

/**
 * sct_ruleset_count - how many rules a set has
 * @set: the set
 *
 * Return: the count.
 */
size_t sct_ruleset_count(const struct sct_ruleset *set);

/**
 * sct_ruleset_rule - a rule of a set
 * @set: the set
 * @i: its index, from 0, in the order of the files
 *
 * Return: the rule, which belongs to the set (valid until the set is
 * changed or freed; it may be changed in place), or NULL for an @i past
 * the last rule.
 */
struct sct_rule *sct_ruleset_rule(struct sct_ruleset *set, size_t i);

/**
 * sct_ruleset_add - append a copy of a rule to a set
 * @set: the set
 * @r: the rule
 *
 * Return: 0, or -ENOMEM.
 */
int sct_ruleset_add(struct sct_ruleset *set, const struct sct_rule *r);

/**
 * sct_rule_state_new - make a rule state, for sct_rule_read()
 * @st: set to it; free it with sct_rule_state_free()
 *
 * Return: 0, or -ENOMEM.
 */
int sct_rule_state_new(struct sct_rule_state **st);

/** sct_rule_state_free - free a rule state (NULL does nothing) */
void sct_rule_state_free(struct sct_rule_state *st);

/**
 * sct_rule_state_hits - the calls a live rule matched
 * @st: the state, as sct_rule_read() filled it
 */
uint64_t sct_rule_state_hits(const struct sct_rule_state *st);

/**
 * sct_rule_state_id - a live rule's id, as its records give it
 * @st: the state, as sct_rule_read() filled it
 *
 * Return: the id (struct sct_record_call.rule_id), unique for the boot.
 */
uint64_t sct_rule_state_id(const struct sct_rule_state *st);

/**
 * enum sct_path - the files and directories libsct uses
 * @SCT_PATH_CONFIGFS: sct's configfs directory, %SCT_CONFIGFS_ROOT
 * @SCT_PATH_RECORDS: the records device, %SCT_RECORDS_DEVICE, that
 *	sct_log_open() with a NULL path and sct_log_open_trace() open
 * @SCT_PATH_CMDLINE: the kernel's command line, /proc/cmdline, read by
 *	sct_disabled_at_boot()
 * @SCT_PATH_PASSWD: the user database of usernametoid() in filters,
 *	/etc/passwd
 * @SCT_PATH_GROUP: the group database of groupnametoid(), /etc/group
 * @SCT_PATH_GUARDIAN: the program sct_session_new() starts as the
 *	session's guardian, sct-guardian, where libsct was built to find it
 *	(LIBEXECDIR/sct/sct-guardian)
 */
enum sct_path {
	SCT_PATH_CONFIGFS = 0,
	SCT_PATH_RECORDS = 1,
	SCT_PATH_CMDLINE = 2,
	SCT_PATH_PASSWD = 3,
	SCT_PATH_GROUP = 4,
	SCT_PATH_GUARDIAN = 5,
};

/**
 * sct_set_path - use another file or directory than the system's
 * @which: which one
 * @path: the path to use instead; NULL or "" for the system's again
 *
 * For tests, which point libsct at a directory that stands for configfs
 * and at files that stand for the others.  libsct reads no environment
 * variables: a program that wants such a hook reads its own and calls
 * this.  The setting is the process's; call it before other threads use
 * libsct (it is not thread-safe, as setenv(3) is not).
 *
 * Return: 0, or -EINVAL for an unknown @which, -ENAMETOOLONG for a
 * @path of PATH_MAX bytes or more.  Nothing changes on failure.
 */
int sct_set_path(enum sct_path which, const char *path);

/**
 * sct_get_path - the file or directory libsct uses
 * @which: which one
 *
 * Return: the path set by sct_set_path(), else the system's; NULL for
 * an unknown @which.
 */
const char *sct_get_path(enum sct_path which);

/**
 * sct_rules_parse_buffer - parse rules from memory
 * @set: the set the good rules are appended to
 * @name: the file name to give in messages and in the rules'
 *        %SCT_RULE_ATTR_FILE
 * @buf: the text; need not be NUL-terminated, may hold any bytes
 * @len: its length in bytes
 * @errs: where to write the error messages, one line each; NULL for
 *        nowhere
 *
 * A rule with an error is not added to @set; parsing goes on with the
 * next rule, so that one call reports the errors of every rule, once
 * each.  Rules are checked one by one: call sct_rules_check_set() once
 * all the files are parsed, for what involves several rules.
 *
 * Return: the number of errors (0: all rules are good), or a negative
 * errno value (-ENOMEM) when parsing could not be done.
 */
int sct_rules_parse_buffer(struct sct_ruleset *set, const char *name,
			   const char *buf, size_t len, FILE *errs);

/**
 * sct_rules_parse_file - parse a rule file
 * @set: the set the good rules are appended to
 * @path: the file; "-" is standard input
 * @errs: where to write the error messages; NULL for nowhere
 *
 * As sct_rules_parse_buffer(), on the file's contents.  A file that
 * cannot be read gets the message "PATH: error: cannot read: REASON".
 *
 * Return: the number of errors, or a negative errno value: the file
 * could not be read (-ENOENT, -EACCES, -EISDIR, -EFBIG beyond 64 MiB,
 * ...) or memory ran out.
 */
int sct_rules_parse_file(struct sct_ruleset *set, const char *path,
			 FILE *errs);

/**
 * sct_rules_check_set - the checks that involve several rules
 * @set: the rules of all the files that are loaded together
 * @errs: where to write the error messages; NULL for nowhere
 *
 * Reports every rule whose name an earlier rule of @set has, at the later
 * rule's 'rule' keyword, naming where the first one is.
 *
 * Return: the number of errors (0: the set is good).
 */
int sct_rules_check_set(const struct sct_ruleset *set, FILE *errs);

/**
 * sct_rule_print - write a rule in the rule-file language
 * @out: where to write it
 * @r: the rule
 *
 * Writes a "rule { ... }" block of several lines that parses back into
 * the same rule: the same fields, but for @file, @line, @col and the map
 * of the filter.  Fields that have their default value are left out.
 *
 * Return: 0, or -EIO when writing failed, or -EINVAL, with nothing
 * written, for a rule that the rule-file language cannot hold: a
 * log_format whose braces do not balance ("%comm }", which the kernel
 * takes), or a line break in the filter or the log_format.
 */
int sct_rule_print(FILE *out, const struct sct_rule *r);

/**
 * sct_rule_filter_pos - where a position of a rule's filter is in its file
 * @r: the rule
 * @off: an offset in the rule's filter, such as the position of a compile error
 *       the kernel gives in filter_error; offsets at or past the end of
 *       the filter are the closing '}' of filter_expression
 * @line: set to the line in the rule's file
 * @col: set to the column
 *
 * For a rule that has no map (made by hand), gives the rule's position.
 */
void sct_rule_filter_pos(const struct sct_rule *r, unsigned int off,
			 int *line, int *col);

/**
 * sct_rule_same - are two rules the same rule for the kernel?
 * @a: a rule, as sct_rule_read() gives it or a rule file does
 * @b: another
 *
 * Compares what the kernel keeps of a rule: the name, the syscalls, when,
 * the action, error_code, order, continue, the filter, log_format,
 * log_target, enabled, force, act_on_init, trace and capture_size.  The
 * syscall lists are
 * compared normalised (sct_syscall_list_normalize()), so that
 * "unlinkat, unlink" is the same as "unlink,unlinkat", and a number the
 * same as its name.  The other fields are compared as they are: the
 * kernel may show them otherwise than a rule file writes them (an
 * error_code, a filter), so compare rules as the kernel shows them, as
 * sctrules does with a disabled copy of the new rule (or both as rule
 * files give them).
 *
 * Return: true if they are the same.
 */
bool sct_rule_same(const struct sct_rule *a, const struct sct_rule *b);

/**
 * sct_constant - the value of a symbolic constant of filters
 * @name: the name, such as "O_CREAT", "EPERM", "AF_INET", "SIGKILL",
 *        "S_IRUSR", "PROT_READ", "MAP_SHARED" or "CLONE_NEWNS"
 *        (case-sensitive)
 * @value: set to the value, as the C library's headers define it
 *
 * Return: 0, or -ENOENT for a name that is not a constant.
 */
int sct_constant(const char *name, long long *value);

/*
 * The syscall tables (syscalls.c): the native one (x86_64), and those of
 * ia32 and x32.
 */
int sct_syscall_number(const char *s);
const char *sct_syscall_name(int nr);
int sct_syscall_count(void);
const char *sct_abi_name(int abi);
int sct_abi_number(const char *name);
int sct_syscall_number_abi(int abi, const char *s);
const char *sct_syscall_name_abi(int abi, int nr);
int sct_syscall_count_abi(int abi);
int sct_syscall_parse(const char *s, int *abi, int *nr);

/**
 * sct_syscall_list_normalize - a syscall list, as the kernel reads it back
 * @list: items separated by commas, with blanks (isspace()) around them
 *        allowed: "NAME", "NUMBER" or "*", alone or after "ABI:" (see
 *        sct_syscall_parse() for NAME and NUMBER), or the name of a
 *        syscall class ("%file", see sct_syscall_class()), which stands
 *        for its members
 * @buf: where the normalised list goes, NUL-terminated; may be NULL
 *       when @size is 0, to learn the length
 * @size: the size of @buf; %SCT_RULE_SYSCALL_LEN holds every list the
 *        kernel takes
 * @bad: if not NULL, set on -EINVAL and -ERANGE to the offset in @list
 *       of the item that is wrong (after its blanks; for an empty item,
 *       where it would start)
 *
 * Normalises exactly as the kernel's rule attribute "syscall" does, so
 * that the result is what to write and what the kernel shows: each item
 * without its blanks; a number as its name in its ABI's table when it
 * has one ("0" is "read", "x86_64:87" "x86_64:unlink", "ia32:10"
 * "ia32:unlink"), else as a decimal number, with its "ABI:" if it has
 * one ("x32:13"); names as written ("ABI:NAME" keeps its ABI, "ABI:*"
 * is an item like another); a class as its members.  The items are then
 * sorted with strcmp() and repeats removed, and joined with ','.  If an
 * item is "*", the list is "*".
 *
 * The kernel itself takes no classes: a list with one must be
 * normalised before it is written.
 *
 * Return: the length of the normalised list; -EINVAL for an empty item
 * ("read,", ",read", "read,,write"), an unknown name, ABI or class;
 * -ERANGE for a number out of its table's range; -E2BIG for a list
 * whose normalised form is longer than %SCT_SYSCALL_LIST_MAX bytes,
 * which the kernel refuses; -ENOSPC when it does not fit in @size (and
 * @size is not 0); -ENOMEM.
 */
int sct_syscall_list_normalize(const char *list, char *buf, size_t size,
			       size_t *bad);

/**
 * sct_syscall_list_info - what a normalised syscall list covers, briefly
 * @list: a list as the kernel reads it back, or as
 *        sct_syscall_list_normalize() makes it
 * @abi: set to the ABI that every item names ("ia32:unlink,ia32:*":
 *       %SCT_ABI_COMPAT), else %SCT_ABI_ALL
 * @nr: set, for a list of one item that is a name or a number, to the
 *      number sct_syscall_parse() gives it; else to -1
 *
 * These are struct sct_rule's @abi and @nr.
 *
 * Return: the number of items (0 for "").
 */
int sct_syscall_list_info(const char *list, int *abi, int *nr);

/**
 * sct_syscall_class - the syscalls of one of strace's syscall classes
 * @name: a class, as strace's "-e trace=" takes it: "%file",
 *        "%process", "%network" (or "%net"), "%signal", "%ipc",
 *        "%desc", "%memory", "%creds", "%clock", "%stat", "%lstat",
 *        "%fstat", "%%stat", "%statfs", "%fstatfs", "%%statfs" or
 *        "%pure"; case does not matter, as in strace
 *
 * The members are those of strace 6.1 for x86_64 (the version, and the
 * files they come from, are in lib/syscall-classes.h, which
 * lib/gen-classes.sh makes from strace's source), restricted to the
 * names of the kernel's native table.  As items of a rule's syscall
 * list, each name covers every ABI's forms of the syscall.
 *
 * Return: the native syscall names of the class, sorted and joined with
 * ',' (a normalised syscall list), or NULL for a name that is not a
 * class.
 */
const char *sct_syscall_class(const char *name);

/**
 * sct_syscall_class_name - the classes there are, one by one
 * @i: 0 for the first class, and so on
 *
 * Return: the name of class @i ("%%stat", ..., sorted with strcmp()),
 * for sct_syscall_class(); NULL past the last one.
 */
const char *sct_syscall_class_name(int i);

/* Errors (config.c). */
#define SCT_DETAIL_MAX		4096
const char *sct_strerror(int err);
const char *sct_error_detail(void);

/*
 * Rules in the kernel (config.c): /sys/kernel/config/sct/rules/NAME, one
 * attribute per attribute of a rule (enum sct_rule_attr).
 */
#define SCT_CONFIGFS_ROOT	"/sys/kernel/config/sct"

int sct_available(void);
int sct_rule_names(char ***names);
void sct_rule_names_free(char **names, int count);
int sct_rule_count(void);
int sct_rule_exists(const char *name);
int sct_rule_read(const char *name, struct sct_rule *r,
		  struct sct_rule_state *st);
int sct_rule_filter_error(const char *name, char *buf, size_t size);
int sct_disabled_at_boot(void);
int sct_rule_create(const struct sct_rule *r);
int sct_rule_update(const struct sct_rule *r);
int sct_rule_enable(const char *name, bool on);
int sct_rule_delete(const char *name);

/*
 * The lock of the rule set (config.c): every program that changes rules
 * in several steps (sctrules apply, add and delete) holds it exclusively
 * for all of them, so that two such programs do not mix their steps; a
 * program that reads the whole set (sctrules show and list) holds it
 * shared, so that it never sees a change halfway.  It is an flock(2)
 * lock on a file: the kernel does not enforce it, and gives it back when
 * its holder dies.  On a kernel without file locking
 * (CONFIG_FILE_LOCKING=n), where flock(2) fails with ENOSYS, the lock is
 * instead the file's path bound and listened on as a name in the
 * abstract namespace of Unix sockets (a NUL byte, then the path, without
 * a NUL at its end), which the kernel also frees when its holder dies;
 * it is exclusive there, shared or not.
 */
#define SCT_RULES_LOCK_DIR	"/run/sct"
#define SCT_RULES_LOCK		SCT_RULES_LOCK_DIR "/rules.lock"

/* Flags of sct_rules_lock(). */
#define SCT_LOCK_NONBLOCK	0x1	/* fail at once when another holds it */
#define SCT_LOCK_SHARED		0x2	/* shared, to read the rules */

/**
 * sct_rules_lock - take the lock of the rule set
 * @flags: 0 to wait until the lock is free, or %SCT_LOCK_NONBLOCK; with
 *         %SCT_LOCK_SHARED, a shared lock
 *
 * Makes %SCT_RULES_LOCK_DIR (mode 0700) if it is missing, and refuses it
 * if it is a symbolic link, is owned by a user other than root and the
 * caller, or is writable by its group or others; makes the file
 * %SCT_RULES_LOCK (mode 0600) in it if missing, refuses a symbolic link
 * or a file that is not a regular one, opens it (close-on-exec) and
 * takes an exclusive flock(2) on it, or a shared one with
 * %SCT_LOCK_SHARED (on a kernel without file locking, binds and listens
 * on the socket name; a holder of the name that is neither root nor the
 * caller's user, or does not listen, is refused with -EADDRINUSE, not
 * waited for).  Waiting can be cut short by a signal whose handler
 * returns.  With a test directory standing for configfs
 * (sct_configfs_root() is not %SCT_CONFIGFS_ROOT), the file is
 * rules.lock in that directory instead.  The lock belongs to the open
 * file description that the call makes, not to the process or the
 * thread: a child that inherits the descriptor holds it too, and a
 * second exclusive sct_rules_lock() in the same process (the same thread
 * included) waits for the first, forever in the same thread.
 * Thread-safe.
 *
 * Return: a file descriptor (0 or more) to give to sct_rules_unlock(),
 * or a negative errno: -EWOULDBLOCK with %SCT_LOCK_NONBLOCK when another
 * holds the lock, -EINTR when a signal cut the wait short, -EINVAL for
 * unknown @flags, -EACCES or -EPERM for a caller that may not make or
 * open the file (not root), -EPERM for a directory or file refused as
 * above, -ELOOP for a symbolic link, -EADDRINUSE for a socket name held
 * by a process refused as above, or another error of mkdir(2), open(2)
 * or flock(2).  sct_error_detail() names the file and what failed.
 */
int sct_rules_lock(unsigned int flags);

/**
 * sct_rules_unlock - give the lock of the rule set back
 * @fd: what sct_rules_lock() returned (a negative value is ignored)
 *
 * Closes @fd, which releases the lock unless a copy of it is open
 * elsewhere (dup(2), fork(2)).  Thread-safe.
 */
void sct_rules_unlock(int fd);

/**
 * sct_rule_id - a rule's id, as its records give it
 * @name: the rule's name
 * @id: set to its id (sct_record_call.rule_id), unique for the boot
 *
 * Reads the rule's id attribute alone, to name the records of a trace's
 * stream, which carry the id of their rule but not its name.
 *
 * Return: 0, or a negative errno: -EINVAL for a bad name (checked before
 * a path is made of it), -ENOENT for no such rule, -EPROTO for a value
 * that is not a number.
 */
int sct_rule_id(const char *name, uint64_t *id);

/*
 * Traces in the kernel (config.c): /sys/kernel/config/sct/traces/NAME.
 * A trace is a set of processes that follows forks: a process added to
 * it joins with all its threads, and the children its members make from
 * then on (fork, vfork, clone) are members from their creation.  A rule
 * whose trace names it (%SCT_RULE_ATTR_TRACE) matches the calls of its
 * members only.  A trace's name follows the rules of rule names.
 */
#define SCT_TRACES_MAX		64	/* traces that exist at once */

/**
 * sct_trace_exists - is there a trace of this name?
 * @name: the trace's name
 *
 * Return: 1, 0 (also on a kernel without traces), or a negative errno
 * (-EINVAL for a name that is not one a trace can have).
 */
int sct_trace_exists(const char *name);

/**
 * sct_trace_create - make a trace, with no members yet
 * @name: its name: 1 to 63 characters from [A-Za-z0-9_.-], not starting
 *        with '-' or '.', as a rule name
 *
 * Return: 0, or a negative errno: -EINVAL for a bad name (checked before
 * the kernel is asked), -EEXIST if a trace of that name exists,
 * -ENOSPC when %SCT_TRACES_MAX traces exist already, -EOPNOTSUPP on a
 * kernel without traces, -EPERM without CAP_SYS_ADMIN.
 * sct_error_detail() says what failed.
 */
int sct_trace_create(const char *name);

/**
 * sct_trace_add - put a process into a trace
 * @name: the trace
 * @pid: the process, in the caller's PID namespace; a thread's ID stands
 *       for its process
 *
 * The process joins with every thread it has, and the children it makes
 * from then on join at their creation, as do theirs; the children it
 * has already do not.  Adding a member again changes nothing.
 *
 * Return: 0, or a negative errno: -ESRCH for no such process, -EINVAL
 * for a @pid that is not positive or a kernel thread, -ENOENT for no
 * such trace, -EPERM without CAP_SYS_ADMIN.  sct_error_detail() says
 * what failed.
 */
int sct_trace_add(const char *name, pid_t pid);

/**
 * sct_trace_pids - the processes of a trace
 * @name: the trace
 * @out: where the entries go, in the order the kernel lists them; may be
 *       NULL when @n is 0
 * @n: the room in @out
 *
 * Reads the trace's pids: one process ID a line, in the caller's PID
 * namespace (members outside it are left out), as many as the kernel's
 * page holds (about 500).  Each line is an entry: a process ID, or 0
 * for the last line "..." of a list the kernel cut, which says that the
 * trace has more processes than it lists.  Processes come and go: the
 * list is a snapshot.
 *
 * Return: the number of entries, of which the first @n are in @out
 * (call again with room for them if it is more than @n); or a negative
 * errno: -ENOENT for no such trace, -EACCES or -EPERM for a caller that
 * is not root, -EPROTO for a line that is not a process ID.
 */
int sct_trace_pids(const char *name, pid_t *out, size_t n);

/**
 * sct_trace_remove - remove a trace
 * @name: the trace
 *
 * Its members leave it, and go on as processes outside it.  The kernel
 * refuses while an enabled rule names the trace.
 *
 * Return: 0, or a negative errno: -EBUSY while an enabled rule names the
 * trace (disable or delete such rules first), -ENOENT for no such trace,
 * -EPERM without CAP_SYS_ADMIN.  sct_error_detail() says what failed.
 */
int sct_trace_remove(const char *name);

/*
 * The stream of a trace (traces/NAME/buffer_size, overflow and lost): a
 * ring of its own for the records of the trace's rules and of its
 * members' tasks, which then go there alone, never to the shared log,
 * for one reader (sct_log_open_trace()).
 */
#define SCT_BUFFER_SIZE_MIN	16384	/* bytes; 0 is no stream */
#define SCT_BUFFER_SIZE_MAX	67108864

/**
 * enum sct_overflow - what a trace's stream does with a record that does
 * not fit
 * @SCT_OVERFLOW_DROP: it is lost, and counted (the default)
 * @SCT_OVERFLOW_WAIT: the member that writes it sleeps (killable) until
 *                     the reader makes room; while no reader is
 *                     attached, it is lost as with drop
 */
enum sct_overflow {
	SCT_OVERFLOW_DROP = 0,
	SCT_OVERFLOW_WAIT = 1,
};

/**
 * sct_trace_set_buffer_size - give a trace a stream of its own, or none
 * @name: the trace
 * @bytes: the size of its ring, %SCT_BUFFER_SIZE_MIN to
 *         %SCT_BUFFER_SIZE_MAX, which the kernel rounds up to a power of
 *         two; 0 (the default) for no stream: the trace's records go to
 *         the shared log
 *
 * Setting it, to the same size or another, empties the stream and starts
 * its sequence numbers again at 1.  On a kernel without streams, 0 is
 * taken as it is (there is nothing to change).
 *
 * Return: 0, or a negative errno: -EINVAL for a bad name and -ERANGE for
 * a size out of range (both checked before the kernel is asked), -EBUSY
 * while an enabled rule names the trace, its lifecycle is 1 or a reader
 * is attached to its stream, -ENOENT for no such trace, -EOPNOTSUPP on a
 * kernel without streams, -EPERM without CAP_SYS_ADMIN.
 * sct_error_detail() says what failed.
 */
int sct_trace_set_buffer_size(const char *name, unsigned long bytes);

/**
 * sct_trace_set_overflow - what a trace's stream does when it is full
 * @name: the trace
 * @policy: %SCT_OVERFLOW_DROP or %SCT_OVERFLOW_WAIT
 *
 * On a kernel without streams, %SCT_OVERFLOW_DROP is taken as it is.
 *
 * Return: 0, or a negative errno: -EINVAL for a bad name or policy
 * (checked before the kernel is asked), -ENOENT for no such trace,
 * -EOPNOTSUPP on a kernel without streams, -EPERM without
 * CAP_SYS_ADMIN.  sct_error_detail() says what failed.
 */
int sct_trace_set_overflow(const char *name, enum sct_overflow policy);

/**
 * sct_trace_lost - the records a trace's stream lost
 * @name: the trace
 * @lost: set to the records lost since its buffer_size was last set (0
 *        on a kernel without streams)
 *
 * Return: 0, or a negative errno: -EINVAL for a bad name, -ENOENT for no
 * such trace, -EPROTO for a value that is not a number, -EACCES for a
 * caller that is not root.  sct_error_detail() says what failed.
 */
int sct_trace_lost(const char *name, uint64_t *lost);

/*
 * The event log (log.c): binary records from /dev/sct_records, laid out
 * in <linux/sct.h>, and their text and JSON forms.
 */
#define SCT_RECORDS_DEVICE	"/dev/sct_records"
#define SCT_LOG_DEVICE		"/dev/sct_log"

/* Flags of sct_log_open(). */
#define SCT_LOG_NONBLOCK	0x1	/* sct_log_next() does not wait */
#define SCT_LOG_NEW		0x2	/* only records written from now on */
#define SCT_LOG_TEXT		0x4	/* call records carry their text line */

int sct_log_open(struct sct_log **log, const char *path, int flags);

/**
 * sct_log_open_trace - read the stream of a trace
 * @log: set to the log
 * @trace: the trace, one whose buffer_size is set
 *         (sct_trace_set_buffer_size())
 * @flags: %SCT_LOG_NONBLOCK, %SCT_LOG_NEW
 *
 * Opens the records device as sct_log_open() does with a NULL path, and
 * attaches it to the stream of @trace (SCT_IOC_TRACE): sct_log_next()
 * then returns that trace's records alone, from the oldest one its
 * stream still holds, with the stream's own sequence numbers (from 1);
 * sct_log_close() detaches.  A stream has one reader at a time, and what
 * it reads is gone from the stream.  Its call records carry no rule name
 * and no text: sct_record_call_text() makes their line, with the rule's
 * name found by its id (sct_rule_id()).  With %SCT_LOG_NEW, the call and
 * task records written before the call are skipped (by their time);
 * reports of lost records never are.  Once the trace is removed,
 * sct_log_next() returns what is left, then 0, and poll(2) gives POLLHUP.
 *
 * Return: 0, or a negative errno: -EINVAL for a bad trace name (checked
 * first), the errors of sct_log_open(), -ENOENT for no such trace,
 * -ENODATA for a trace without a stream (buffer_size 0), -EBUSY when
 * another reader is attached to it, -EOPNOTSUPP on a kernel without
 * streams.  sct_error_detail() says what failed.
 */
int sct_log_open_trace(struct sct_log **log, const char *trace, int flags);
int sct_log_fd(const struct sct_log *log);
int sct_log_next(struct sct_log *log, const struct sct_record_header **rec);
bool sct_log_eof(const struct sct_log *log);
void sct_log_close(struct sct_log *log);

const char *sct_record_data(const struct sct_record_call *rec,
			    const struct sct_record_data *d);
const char *sct_record_rule(const struct sct_record_call *rec);
const char *sct_record_text(const struct sct_record_call *rec);
int sct_record_abi(const struct sct_record_call *rec);
unsigned long long sct_record_call_id(const struct sct_record_call *rec);
const char *sct_record_syscall(const struct sct_record_call *rec);

/*
 * The version of the JSON of records, "schema" in every object
 * (sctlog(1) documents it): 1 gives valid UTF-8 as it is and other
 * bytes as U+FFFD (with their "hex" where data would be lost), numbers
 * of 64 bits (time_ns, args, call_id, traces) as strings of decimal
 * digits, and numbers "data" by parameter from 1, as PARAMS[1].
 */
#define SCT_JSON_SCHEMA		1

int sct_record_json(FILE *out, const struct sct_record_header *rec);

/**
 * sct_record_json_rule - sct_record_json(), with the name of the rule
 * @out: where to
 * @rec: the record, from sct_log_next()
 * @rule: for a call record, its rule's name, as "rule" gives it; NULL
 *        for the name the record carries (sct_record_rule(): "?" for
 *        none, as in a trace's stream)
 *
 * Return: as sct_record_json().
 */
int sct_record_json_rule(FILE *out, const struct sct_record_header *rec,
			 const char *rule);

/* The longest line of a record, its NUL included: the kernel's. */
#define SCT_RECORD_TEXT_MAX	2048

/**
 * sct_record_call_text - a call record as the kernel's default format shows it
 * @buf: where the line goes, NUL-terminated, without a newline; may be
 *       NULL when @size is 0, to learn the length
 * @size: the size of @buf; %SCT_RECORD_TEXT_MAX holds every line
 * @rec: a record of type %SCT_RECORD_CALL, from sct_log_next()
 * @rule_name: the name of the record's rule; NULL for the name the
 *             record carries, or, for a record without one (those of a
 *             trace's stream), the rule's id in decimal
 *
 * The line the kernel writes to /dev/sct_log for a rule without a
 * log_format, byte for byte: "%ruleid %comm[%pid] uid=%uid
 * %sname(%params)", with " = %retval" after it for an after rule:
 *
 *   r1 "rm"[100] uid=0 unlinkat(-100, "./dummy", 0)
 *   r2 "nc"[101] uid=0 connect(3, {sa_family=AF_INET, sin_port=htons(25), sin_addr=inet_addr("127.0.0.1")}, 16) = -111
 *
 * The syscall is named in the table of the record's ABI ("syscall_N"
 * for a number without a name), and its parameters are shown as strace
 * does, by their types in the kernel's prototypes: strings and socket
 * addresses the record carries (strings escaped as in
 * sct_record_task_text(), "..." after one the kernel cut; IPv6
 * addresses as the kernel's %pI6c writes them), numbers in decimal,
 * other pointers in hexadecimal, or NULL (all six in hexadecimal for a
 * syscall without a prototype).  A line longer than the kernel's
 * SCT_RECORD_TEXT_MAX - 1 bytes is cut as the kernel cuts it, ending in
 * "...".
 *
 * Return: the length of the line; -ENOSPC when it does not fit in @size
 * (and @size is not 0: @buf then holds its start); -EPROTO for a record
 * shorter than the fields the line shows.
 */
int sct_record_call_text(char *buf, size_t size,
			 const struct sct_record_call *rec,
			 const char *rule_name);

const struct sct_record_data *
sct_record_syscall_items(const struct sct_record_syscall *rec);
const char *sct_record_syscall_data(const struct sct_record_syscall *rec,
				    const struct sct_record_data *d);

/**
 * sct_record_syscall_text - a compact call record as a line
 * @buf: where the line goes, NUL-terminated, without a newline; may be
 *       NULL when @size is 0, to learn the length
 * @size: the size of @buf; %SCT_RECORD_TEXT_MAX holds every line
 * @rec: a record of type %SCT_RECORD_SYSCALL, from sct_log_next()
 * @rule_name: the name of the record's rule; NULL for its id in decimal
 *
 * The line of sct_record_call_text() with what a compact record has:
 * "%ruleid [%pid/%tid] %sname(%params)", and " = %retval" for an exit:
 *
 *   t1 [100/100] unlinkat(-100, "./dummy", 0) = -2
 *
 * Return: as sct_record_call_text().
 */
int sct_record_syscall_text(char *buf, size_t size,
			    const struct sct_record_syscall *rec,
			    const char *rule_name);

/**
 * sct_record_task_text - a task record as /dev/sct_log shows it
 * @buf: where the line goes, NUL-terminated, without a newline; may be
 *       NULL when @size is 0, to learn the length
 * @size: the size of @buf; 2048 holds every line (the kernel's longest)
 * @rec: a record of type %SCT_RECORD_TASK, from sct_log_next()
 *
 * The line the kernel writes to /dev/sct_log for the record: the command
 * name quoted, then "[PID/TID] " and the event:
 *
 *   "sh"[100/100] fork 101/101 flags 0x1200011
 *   "ls"[101/101] exec "/bin/ls"
 *   "ls"[101/101] exec "/bin/ls" from thread 103
 *   "ls"[101/101] signal 10 code 0 from 100 uid 0
 *   "ls"[101/101] exit 0
 *   "ls"[101/101] killed by signal 11 (core dumped)
 *
 * Strings are escaped as the kernel escapes them in call lines, as strace
 * does: '"' and '\' after a backslash; \n, \t, \r, \v and \f; other
 * bytes outside printable ASCII as three octal digits ("\033"); and a
 * path that the kernel cut (%SCT_DATA_STRING_TRUNC) has "..." after its
 * closing quote.  An event this libsct does not know is "event N".
 *
 * Return: the length of the line; -ENOSPC when it does not fit in @size
 * (and @size is not 0: @buf then holds its start); -EPROTO for a record
 * shorter than struct sct_record_task.
 */
int sct_record_task_text(char *buf, size_t size,
			 const struct sct_record_task *rec);

#ifdef __cplusplus
}
#endif

#include <sct/session.h>

#endif /* SCT_H */
