/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * sct, the syscall tracker: the records of /dev/sct_records.
 *
 * Each read() of /dev/sct_records returns as many whole records as fit in
 * the buffer, at least one, in this layout.  Every record starts with
 * struct sct_record_header; its @size says where the next one starts, so
 * a reader skips the types and the trailing fields it does not know.
 * Fields are only ever added at the end of a record type, with a new
 * @version; a reader checks that @size covers the fields it uses.
 */
#ifndef _LINUX_SCT_H
#define _LINUX_SCT_H

#include <linux/ioctl.h>
#include <linux/types.h>

/*
 * The version of the record layout this header describes.  2: call
 * records carry the ABI of the call.  3: and the id of the call; task
 * records.  4: and captures of structs, buffers and arrays of strings
 * (SCT_DATA_BYTES...).  5: compact call records (SCT_RECORD_SYSCALL).
 */
#define SCT_RECORD_VERSION	5

/* The longest rule name, without its NUL. */
#define SCT_RULE_NAME_MAX	63

/**
 * enum sct_record_type - what a record tells
 * @SCT_RECORD_CALL: a rule matched a call: struct sct_record_call
 * @SCT_RECORD_LOST: records this reader missed: struct sct_record_lost
 * @SCT_RECORD_TASK: a member of a trace made a task, ran a program, was
 *                   given a signal or exited: struct sct_record_task
 *                   (since version 3)
 * @SCT_RECORD_SYSCALL: a rule of a trace matched a call, in the compact
 *                      form of its stream: struct sct_record_syscall
 *                      (since version 5)
 */
enum sct_record_type {
	SCT_RECORD_CALL = 1,
	SCT_RECORD_LOST = 2,
	SCT_RECORD_TASK = 3,
	SCT_RECORD_SYSCALL = 4,
};

/**
 * struct sct_record_header - the start of every record
 * @size: bytes in the record, this header included; a multiple of 8
 * @version: %SCT_RECORD_VERSION when the record was written
 * @type: an enum sct_record_type
 * @seq: the record's sequence number.  Numbers are global, start at 1
 *       and grow by one per record, whatever the CPU, so that a gap shows
 *       a loss; for %SCT_RECORD_LOST, the first number missed.  The
 *       stream of a trace (%SCT_IOC_TRACE) numbers its records itself.
 */
struct sct_record_header {
	__u32 size;
	__u16 version;
	__u16 type;
	__u64 seq;
};

/* What a parameter's data is (struct sct_record_data.kind). */
enum sct_data_kind {
	SCT_DATA_NONE,		/* nothing (not shown, or no address): use
				 * the raw argument
				 */
	SCT_DATA_STRING,	/* a NUL-terminated string */
	SCT_DATA_STRING_TRUNC,	/* the start of a longer string, NUL-terminated */
	SCT_DATA_SOCKADDR,	/* a socket address, as many bytes of it
				 * as the call passed, at most a struct
				 * sockaddr_in6
				 */
	SCT_DATA_FAULT,		/* the pointer could not be read */
	SCT_DATA_BYTES,		/* the bytes of the struct or buffer it
				 * points to, laid out as the call's ABI
				 * lays them out (since version 4)
				 */
	SCT_DATA_BYTES_TRUNC,	/* the first bytes of a longer buffer, or
				 * none of a struct the record had no room
				 * for
				 */
	SCT_DATA_STRV,		/* an array of strings: a __u32 count of
				 * its strings, then each of them,
				 * NUL-terminated
				 */
	SCT_DATA_STRV_TRUNC,	/* the same, with strings cut, or fewer
				 * strings than the count, or the count
				 * stopped at 1024: bound the strings by
				 * @len, not by the count
				 */
};

/**
 * struct sct_record_data - bytes that follow the fixed part of a record
 * @off: where they start, counted from the start of the record
 * @len: how many there are (a string's NUL included); 0 when absent
 * @kind: an enum sct_data_kind, for parameters
 * @pad: zero
 */
struct sct_record_data {
	__u16 off;
	__u16 len;
	__u8 kind;
	__u8 pad[3];
};

/* When a call record was taken (struct sct_record_call.when). */
#define SCT_WHEN_BEFORE		0	/* on entry: @retval is 0 */
#define SCT_WHEN_AFTER		1	/* on exit: @retval is the result */

/*
 * The ABI a call came through (struct sct_record_call.abi): the
 * architecture's own, its compat one (ia32 on x86-64), or x32, whose
 * numbers are given without __X32_SYSCALL_BIT.  Records of version 1
 * have 0 there.
 */
#define SCT_ABI_NATIVE		0
#define SCT_ABI_COMPAT		1
#define SCT_ABI_X32		2

/* Where a rule's records go (struct sct_record_call.targets). */
#define SCT_TARGET_DEVICE_BIT	(1 << 0)	/* the log devices */
#define SCT_TARGET_PRINTK_BIT	(1 << 1)	/* the kernel log */

/**
 * struct sct_record_call - a call that a log rule matched
 * @hdr: the header, with type %SCT_RECORD_CALL
 * @time_ns: when, in nanoseconds since the epoch (CLOCK_REALTIME)
 * @rule_id: the rule's id, unique for the boot (its configfs "id")
 * @nr: the system call number, in the table of @abi
 * @when: %SCT_WHEN_BEFORE or %SCT_WHEN_AFTER
 * @targets: where the rule sends its records: %SCT_TARGET_DEVICE_BIT
 *           and %SCT_TARGET_PRINTK_BIT
 * @abi: %SCT_ABI_NATIVE, %SCT_ABI_COMPAT or %SCT_ABI_X32 (since
 *       version 2)
 * @pad: zero
 * @cpu: the CPU the call ran on
 * @pid: the caller's process (thread group) ID, in the initial namespace
 * @tid: the caller's thread ID
 * @ppid: its parent's process ID
 * @uid: the caller's credentials, in the initial user namespace
 * @euid: effective user ID
 * @suid: saved user ID
 * @fsuid: filesystem user ID
 * @gid: real group ID
 * @egid: effective group ID
 * @sgid: saved group ID
 * @fsgid: filesystem group ID
 * @comm: the caller's command name, NUL-terminated
 * @args: the six arguments, as the system call received them: each
 *        cast to its parameter's type (an int parameter is the low 32
 *        bits of its register, sign-extended), and for a compat call
 *        first cut to 32 bits
 * @retval: the return value, for %SCT_WHEN_AFTER; else 0
 * @param: for each argument, the string or socket address it pointed
 *         to, when the rule's log format shows it or the rule has a
 *         capture_size; and with a capture_size, the struct, buffer or
 *         array of strings it pointed to
 * @rule: the rule's name, NUL-terminated, as it was when the record was
 *        read (the rule may have been removed since); absent in the
 *        stream of a trace
 * @text: the record formatted with the rule's log_format, as
 *        /dev/sct_log shows it, NUL-terminated, without a newline; only
 *        for a reader that asked for it with %SCT_IOC_TEXT
 * @call_id: the call's id (since version 3): the records of one call,
 *           of its entry and of its exit, have the same, and no other
 *           call of the boot has it.  One exception, under a change of
 *           traces: the first call after one during which the task left
 *           its last trace may repeat that call's id
 */
struct sct_record_call {
	struct sct_record_header hdr;
	__u64 time_ns;
	__u64 rule_id;
	__s32 nr;
	__u8 when;
	__u8 targets;
	__u8 abi;
	__u8 pad;
	__u32 cpu;
	__s32 pid;
	__s32 tid;
	__s32 ppid;
	__u32 uid;
	__u32 euid;
	__u32 suid;
	__u32 fsuid;
	__u32 gid;
	__u32 egid;
	__u32 sgid;
	__u32 fsgid;
	char comm[16];
	__u64 args[6];
	__s64 retval;
	struct sct_record_data param[6];
	struct sct_record_data rule;
	struct sct_record_data text;
	__u64 call_id;
};

/**
 * struct sct_record_syscall - a call that a rule of a trace matched, in
 * the compact form that the trace's stream takes with records "compact"
 * (since version 5)
 * @hdr: the header, with type %SCT_RECORD_SYSCALL
 * @time_ns: when, as in call records
 * @call_id: the call's id, as in call records: the records of its entry
 *           and of its exit have the same
 * @rule_id: the rule's id (its configfs "id")
 * @nr: the system call number, in the table of @abi
 * @when: %SCT_WHEN_BEFORE or %SCT_WHEN_AFTER
 * @abi: %SCT_ABI_NATIVE, %SCT_ABI_COMPAT or %SCT_ABI_X32
 * @data_off: 0 for a record without data; else where its data items
 *            start, counted from the start of the record: six struct
 *            sct_record_data, one per parameter, as @param of call
 *            records, with their bytes after them
 * @pid: the caller's process ID, in the initial namespace
 * @tid: its thread ID
 * @args: the six arguments, as in call records
 * @retval: the return value, for %SCT_WHEN_AFTER; else 0
 *
 * What a tracer needs of a call, and nothing it knows already: no rule
 * name or text, as in any stream, and neither the caller's credentials,
 * command name, parent nor CPU, which full call records carry.  The
 * task records of the trace (lifecycle) tell the forks and programs of
 * its members.
 */
struct sct_record_syscall {
	struct sct_record_header hdr;
	__u64 time_ns;
	__u64 call_id;
	__u64 rule_id;
	__s32 nr;
	__u8 when;
	__u8 abi;
	__u16 data_off;
	__s32 pid;
	__s32 tid;
	__u64 args[6];
	__s64 retval;
};

/* What a task record tells (struct sct_record_task.event). */
#define SCT_TASK_FORK		1	/* it made a task: fork, vfork, clone */
#define SCT_TASK_EXEC		2	/* it runs a new program */
#define SCT_TASK_SIGNAL		3	/* a signal is delivered to it */
#define SCT_TASK_EXIT		4	/* it exits */

/**
 * struct sct_record_task - what a member of a trace did besides calls
 * @hdr: the header, with type %SCT_RECORD_TASK
 * @time_ns: when, as in call records
 * @call_id: for %SCT_TASK_FORK and %SCT_TASK_EXEC, the id of the call it
 *           happened in, as its call records give it (for a task that
 *           joined its trace during that call, an earlier call's); else 0
 * @traces: the traces the task is in, by their bits (traces/NAME/id)
 * @event: %SCT_TASK_FORK, %SCT_TASK_EXEC, %SCT_TASK_SIGNAL or
 *         %SCT_TASK_EXIT
 * @cpu: the CPU it ran on
 * @pid: the task's process ID, in the initial namespace
 * @tid: its thread ID
 * @ppid: its parent's process ID
 * @child_pid: %SCT_TASK_FORK: the new task's process ID (@pid for a
 *             thread)
 * @child_tid: %SCT_TASK_FORK: the new task's thread ID
 * @signo: %SCT_TASK_SIGNAL: the signal
 * @code: %SCT_TASK_SIGNAL: its si_code
 * @sender_pid: %SCT_TASK_SIGNAL: si_pid, of the process that sent it, for
 *              the codes that carry one; else 0.  As the receiver sees it:
 *              in its PID namespace, 0 for a sender outside it
 * @sender_uid: %SCT_TASK_SIGNAL: si_uid, likewise, in the receiver's user
 *              namespace
 * @status: %SCT_TASK_EXIT: the status, as wait(2) gives it: the exit code
 *          shifted left by 8, or the signal that killed the task (with
 *          0x80 for a core dump)
 * @old_tid: %SCT_TASK_EXEC: the thread ID that called execve; another
 *           thread than the group leader takes the leader's ID (@tid)
 * @pad: zero
 * @flags: %SCT_TASK_FORK: the clone flags
 * @comm: the task's command name (for %SCT_TASK_EXEC, the new program's)
 * @path: %SCT_TASK_EXEC: the program's path, as execve was given it,
 *        with %SCT_DATA_STRING or %SCT_DATA_STRING_TRUNC
 */
struct sct_record_task {
	struct sct_record_header hdr;
	__u64 time_ns;
	__u64 call_id;
	__u64 traces;
	__u32 event;
	__u32 cpu;
	__s32 pid;
	__s32 tid;
	__s32 ppid;
	__s32 child_pid;
	__s32 child_tid;
	__s32 signo;
	__s32 code;
	__s32 sender_pid;
	__u32 sender_uid;
	__s32 status;
	__s32 old_tid;
	__u32 pad;
	__u64 flags;
	char comm[16];
	struct sct_record_data path;
};

/**
 * struct sct_record_lost - records this reader will never see
 * @hdr: the header, with type %SCT_RECORD_LOST; @hdr.seq is the first
 *       sequence number missed
 * @count: how many consecutive sequence numbers were missed
 *
 * Records are lost when the buffer of a CPU wraps over records that a
 * reader had not read yet; in the stream of a trace, when a record does
 * not fit and is not waited for.
 */
struct sct_record_lost {
	struct sct_record_header hdr;
	__u64 count;
};

/*
 * The ioctl()s of /dev/sct_records.
 *
 * SCT_IOC_TRACE attaches the open file to the stream of a trace, one
 * whose buffer_size is set (traces/NAME/ in sct's configfs tree): from
 * then on it reads that trace's records, and no others, from the oldest
 * one its stream still holds.  The argument points to a struct
 * sct_ioc_trace.  A stream has one reader at a time: EBUSY when another
 * file is attached to it, ENOENT when there is no trace of that name,
 * ENODATA when the trace has no stream, EINVAL when the file is attached
 * already, or narrowed with %SCT_IOC_TEXT or %SCT_IOC_RULE, and for a
 * name that is not NUL-terminated.
 *
 * The records of a stream have sequence numbers of their own, from 1.
 * Call records there carry no rule name and no text: their @rule and
 * @text are absent, and their rule is known by @rule_id.  A trace whose
 * records attribute is "compact" has its calls written as struct
 * sct_record_syscall instead.
 */
#define SCT_IOC_MAGIC		0xB9

/**
 * struct sct_ioc_trace - the argument of %SCT_IOC_TRACE
 * @name: the trace's name, NUL-terminated
 */
struct sct_ioc_trace {
	char name[SCT_RULE_NAME_MAX + 1];
};

#define SCT_IOC_TRACE		_IOW(SCT_IOC_MAGIC, 1, struct sct_ioc_trace)

/*
 * SCT_IOC_TEXT, with 1 as its argument (not a pointer), has the binary
 * call records of the shared log carry their text: the record formatted
 * with its rule's log_format, as /dev/sct_log shows it (struct
 * sct_record_call.text).  Without it, or with 0, their text is absent:
 * formatting costs a reader many times what the rest of a record does.
 * EINVAL for another argument, and on a file attached to a stream.
 */
#define SCT_IOC_TEXT		_IO(SCT_IOC_MAGIC, 2)

/*
 * SCT_IOC_RULE, with a pointer to a rule's id (its configfs "id") as its
 * argument, narrows what the file reads of the shared log to the call
 * records of the rules it names this way, up to SCT_IOC_RULES_MAX of
 * them; records lost are still reported, task records are left out.
 * ENOENT for an id no rule has, ENOSPC beyond the limit, EINVAL on a
 * file attached to a stream.
 */
#define SCT_IOC_RULE		_IOW(SCT_IOC_MAGIC, 3, __u64)
#define SCT_IOC_RULES_MAX	64

#endif /* _LINUX_SCT_H */
