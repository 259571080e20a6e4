/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libsct: what the library shares with the tools and the tests built in
 * this tree (sctrules, sctlog, the bench helpers, userspace/tests), and
 * not with programs that use the installed library.  Not installed, and
 * no part of libsct's ABI: the layout of the structures below changes
 * whenever a rule attribute is added.  Programs outside the tree use the
 * opaque types and the accessors of <sct.h> (sct_rule_new(3)).
 */
#ifndef SCT_PRIVATE_H
#define SCT_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sct.h"

/* Sizes of the fields of struct sct_rule, NUL included (and sct.h's). */
#define SCT_RULE_ERROR_LEN	32
/* The kernel's 4093 characters of a filter, and room. */
#define SCT_RULE_FILTER_LEN	4096
#define SCT_RULE_FORMAT_LEN	256	/* the kernel's 255 characters */
#define SCT_RULE_FILE_LEN	256
/* Pieces of the map from a rule's filter back to its rule file. */
#define SCT_FILTER_SPANS	256

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
 * struct sct_ruleset - rules, in the order of their files
 * @rules: the rules (allocated by the parser: free with
 *         sct_ruleset_clear(), or sct_ruleset_free() for a set made by
 *         sct_ruleset_new())
 * @count: how many there are
 * @alloc: how many @rules has room for
 *
 * The tools may keep one on the stack, initialised to all zeroes:
 * struct sct_ruleset set = { 0 };
 */
struct sct_ruleset {
	struct sct_rule *rules;
	size_t count;
	size_t alloc;
};

/**
 * struct sct_rule_state - what the kernel says of a rule, beyond its fields
 * @hits: the calls it matched
 * @id: its number in the event log's records (sct_record_call.rule_id)
 */
struct sct_rule_state {
	uint64_t hits;
	uint64_t id;
};

/* Rule sets (rules.c): free the rules of a set, and leave it empty. */
void sct_ruleset_clear(struct sct_ruleset *set);

/* Rules in the kernel (config.c). */
const char *sct_configfs_root(void);

/*
 * For the tools, at exit (atexit()): what was written to standard
 * output must have got there, as gnulib's close_stdout() checks
 * ("sctrules show > /dev/full"); else "write error" and exit 1.
 */
void sct_close_stdout(void);
int sct_rule_set_attrs(const struct sct_rule *r);
int sct_rule_refusal(const char *name, char *buf, size_t size);

/* The event log (log.c). */
int sct_format_time(char *buf, size_t size, uint64_t ns);
bool sct_json_string(FILE *out, const char *s, size_t max);
void sct_json_hex(FILE *out, const unsigned char *data, size_t len);

#endif /* SCT_PRIVATE_H */
