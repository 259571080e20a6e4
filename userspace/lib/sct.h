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
 * The functions keep no global state: separate rule sets can be parsed
 * from several threads.
 */
#ifndef SCT_H
#define SCT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include <linux/sct.h>

#define LIBSCT_VERSION		"0.5"

/*
 * The ABIs of system calls: struct sct_record_call.abi (record version
 * 2), the ABI:NAME form of a rule's syscall, and %abi.  Until
 * <linux/sct.h> defines them, libsct does, and reads a record's ABI from
 * the byte at the same offset: the first byte of version 1's pad, zero,
 * which is native, so that version 1 records stay right.
 */
#ifdef SCT_ABI_COMPAT
#define SCT_RECORD_HAS_ABI	1
#else
#define SCT_RECORD_HAS_ABI	0
#define SCT_ABI_NATIVE		0	/* x86_64 */
#define SCT_ABI_COMPAT		1	/* ia32: int $0x80, sysenter, 32-bit syscall */
#endif
#ifndef SCT_ABI_X32
#define SCT_ABI_X32		2	/* x32: numbers without __X32_SYSCALL_BIT */
#endif
/* struct sct_rule.abi of a syscall named without an ABI: every ABI. */
#define SCT_ABI_ALL		(-1)

/* Sizes of the fields of struct sct_rule, NUL included. */
#define SCT_RULE_NAME_LEN	64	/* SCT_RULE_NAME_MAX + 1 */
#define SCT_RULE_SYSCALL_LEN	4096	/* a list of up to 4095 bytes */
#define SCT_RULE_ERROR_LEN	32
#define SCT_RULE_FILTER_LEN	4096	/* the kernel's 4093 characters, and room */
#define SCT_RULE_FORMAT_LEN	256	/* the kernel's 255 characters */
#define SCT_RULE_FILE_LEN	256
/*
 * The longest syscall list the kernel takes, as it reads it back
 * (normalised): its PAGE_SIZE - 1 bytes with the NUL, less the newline
 * it reads back with.  A longer one is refused with E2BIG.
 */
#define SCT_SYSCALL_LIST_MAX	4094
/* Pieces of the map from a rule's filter back to its rule file. */
#define SCT_FILTER_SPANS	256
/* The largest capture_size the kernel takes (struct sct_rule.capture_size). */
#define SCT_CAPTURE_SIZE_MAX	4096

/**
 * struct sct_filter_span - where a piece of a resolved filter was written
 * @off: the offset in sct_rule.filter where the piece starts; it goes on
 *       to the next span's @off (the last one, to the end of the filter)
 * @verbatim: 1 if the piece is copied from the file character for
 *            character (so offset @off + k is @col + k on @line); 0 if it
 *            replaces something (a constant, a macro, a '|' of constants,
 *            or '=' written for '=='): then all of it is at @line:@col
 * @line: the line of the piece's start in the rule file
 * @col: its column
 */
struct sct_filter_span {
	uint16_t off;
	uint16_t verbatim;
	uint32_t line;
	uint32_t col;
};

/**
 * struct sct_rule - one rule of a rule file, ready for the kernel
 * @name: rule_name: 1 to 63 characters from [A-Za-z0-9_.-], not starting
 *        with '-' or '.'; the name of the rule's configfs directory
 * @syscall: syscall_name: a list of one or more items separated by
 *           commas, normalised as the kernel reads it back
 *           (sct_syscall_list_normalize()), so what is written to the
 *           kernel and what it shows compare equal.  An item is a name
 *           of the native or of the ia32 syscall table ("unlink": the
 *           calls of every ABI, x32's included), the same with an ABI
 *           ("ia32:unlink", "x86_64:unlink", "x32:unlink": that ABI's
 *           only), a decimal native number, "ABI:NUMBER" (x32 numbers
 *           without the x32 bit: "x32:87" is x32 unlink), "*" (every
 *           syscall of every ABI) or "ABI:*"; a rule file may also give
 *           strace's classes ("%file": sct_syscall_class()), which are
 *           stored as their members
 * @nr: for a list of one item, a name or a number: its number in the
 *      table of @abi; for %SCT_ABI_ALL the native number, or -1 for a
 *      name only ia32 has ("socketcall").  -1 for a list of several
 *      items, "*" and "ABI:*" (see sct_syscall_list_info())
 * @abi: the ABI that every item of the list names ("ia32:unlink",
 *       "ia32:read,ia32:*": %SCT_ABI_COMPAT; %SCT_ABI_NATIVE,
 *       %SCT_ABI_X32 likewise), else %SCT_ABI_ALL
 * @when: %SCT_WHEN_BEFORE (the default) or %SCT_WHEN_AFTER
 * @action: "log" (the default), "fail", "suspend" or "kill"
 * @error_code: for fail: "" (the kernel's default, EPERM), a name the
 *              kernel knows ("EACCES") or a number from -4095 to 4095
 *              (its absolute value is the error)
 * @order: the rule's rank among the rules of its syscall and side
 * @order_set: 1 if the file gave @order; sctrules gives the other rules
 *             their place in the files
 * @cont: 1 if matching goes on after this rule (log rules only), else 0
 * @filter: the filter, with constants and macros replaced by numbers and
 *          on one line; "" for none (every call matches)
 * @log_format: the log rule's format; "" for the kernel's default
 * @log_target: "" (the kernel's default, device), "device", "printk" or
 *              "both"
 * @enabled: 1 (the default) if the rule is to be in effect, 0 for a rule
 *           that is made but left disabled ("enabled = no")
 * @force: 1 to enable a fail, suspend or kill rule without a filter on a
 *         syscall that the system needs to recover (the kernel refuses
 *         it otherwise); 0 by default
 * @act_on_init: 1 if the fail, suspend or kill rule acts on the calls of
 *               the global init (PID 1) too, which are exempt by
 *               default; 0 by default
 * @trace: the name of the trace (a set of processes that follows forks,
 *         see sct_trace_create()) whose members alone the rule matches,
 *         a name as @name is; "" (the default) for a global rule, which
 *         matches every process.  The trace must exist when the rule is
 *         enabled
 * @capture_size: for a log rule of a trace: 1 to %SCT_CAPTURE_SIZE_MAX to
 *                have its records capture the structs, buffers (cut at
 *                that many bytes) and arrays of strings (each string cut
 *                at it) that the call's parameters point to, and their
 *                strings and socket addresses whatever the log format
 *                (%SCT_DATA_BYTES... in <linux/sct.h>); 0 (the default)
 *                for no captures.  A rule with one needs a @trace
 * @file: the name of the file (or buffer) the rule comes from
 * @line: the line of its 'rule' keyword
 * @col: the column of its 'rule' keyword
 * @nspans: the number of entries of @spans in use
 * @spans: where the pieces of @filter come from, for
 *         sct_rule_filter_pos(); sorted by offset
 *
 * The structure holds no pointers: rules can be copied and sorted freely.
 */
struct sct_rule {
	char name[SCT_RULE_NAME_LEN];
	char syscall[SCT_RULE_SYSCALL_LEN];
	int nr;
	int abi;
	int when;
	char action[8];
	char error_code[SCT_RULE_ERROR_LEN];
	int order;
	int order_set;
	int cont;
	char filter[SCT_RULE_FILTER_LEN];
	char log_format[SCT_RULE_FORMAT_LEN];
	char log_target[8];
	int enabled;
	int force;
	int act_on_init;
	char trace[SCT_RULE_NAME_LEN];
	unsigned int capture_size;
	char file[SCT_RULE_FILE_LEN];
	int line;
	int col;
	unsigned int nspans;
	struct sct_filter_span spans[SCT_FILTER_SPANS];
};

/**
 * struct sct_rule_set - rules, in the order of their files
 * @rules: the rules (allocated by the parser: free with
 *         sct_rule_set_free())
 * @count: how many there are
 * @alloc: how many @rules has room for
 *
 * Initialise to all zeroes: struct sct_rule_set set = { 0 };
 */
struct sct_rule_set {
	struct sct_rule *rules;
	size_t count;
	size_t alloc;
};

/**
 * sct_rules_parse_buffer - parse rules from memory
 * @set: the set the good rules are appended to
 * @name: the file name to give in messages and in sct_rule.file
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
int sct_rules_parse_buffer(struct sct_rule_set *set, const char *name,
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
int sct_rules_parse_file(struct sct_rule_set *set, const char *path,
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
int sct_rules_check_set(const struct sct_rule_set *set, FILE *errs);

/**
 * sct_rule_set_free - free the rules of a set
 * @set: the set; left empty, ready for reuse
 */
void sct_rule_set_free(struct sct_rule_set *set);

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
 * @off: an offset in @r->filter, such as the position of a compile error
 *       the kernel gives in filter_error; offsets at or past the end of
 *       the filter are the closing '}' of filter_expression
 * @line: set to the line in @r->file
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
 * attribute per field of struct sct_rule.
 */
#define SCT_CONFIGFS_ROOT	"/sys/kernel/config/sct"

/**
 * struct sct_rule_state - what the kernel says of a rule, beyond its fields
 * @hits: the calls it matched
 * @id: its number in the event log's records (sct_record_call.rule_id)
 */
struct sct_rule_state {
	uint64_t hits;
	uint64_t id;
};

const char *sct_configfs_root(void);
int sct_available(void);
int sct_rule_names(char ***names);
void sct_rule_names_free(char **names, int count);
int sct_rule_count(void);
int sct_rule_exists(const char *name);
int sct_rule_read(const char *name, struct sct_rule *r,
		  struct sct_rule_state *st);
int sct_rule_filter_error(const char *name, char *buf, size_t size);
int sct_rule_refusal(const char *name, char *buf, size_t size);
int sct_disabled_at_boot(void);
int sct_rule_set_attrs(const struct sct_rule *r);
int sct_rule_create(const struct sct_rule *r);
int sct_rule_update(const struct sct_rule *r);
int sct_rule_enable(const char *name, bool on);
int sct_rule_delete(const char *name);

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
 * whose trace names it (struct sct_rule.trace) matches the calls of its
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
	SCT_OVERFLOW_DROP,
	SCT_OVERFLOW_WAIT,
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

struct sct_log;

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

int sct_format_time(char *buf, size_t size, uint64_t ns);

/*
 * The version of the JSON of records, "schema" in every object
 * (sctlog(1) documents it): 1 gives valid UTF-8 as it is and other
 * bytes as U+FFFD (with their "hex" where data would be lost), numbers
 * of 64 bits (time_ns, args, call_id, traces) as strings of decimal
 * digits, and numbers "data" by parameter from 1, as PARAMS[1].
 */
#define SCT_JSON_SCHEMA		1

void sct_json_string(FILE *out, const char *s, size_t max);
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

#if SCT_RECORD_VERSION >= 5
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
#endif

#if SCT_RECORD_VERSION >= 3
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
#endif

#endif /* SCT_H */
