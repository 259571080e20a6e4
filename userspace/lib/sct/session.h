/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libsct's tracing API (see sct_session_new(3)): run a command, or attach
 * to processes, under a trace of sct's, and have a callback called for
 * the system calls they make, on entry, on exit or both, and for what
 * they do besides (fork, exec, signals, exit).
 *
 * It is LibSysCTr's model on sct's traces instead of ptrace(2): a
 * session owns a trace (a set of processes that follows forks) and the
 * log rules scoped to it, reads the trace's own stream of records, and
 * turns each record into an event for a callback.  The kernel records a
 * call and goes on: callbacks run after the fact, and cannot change the
 * call (see NOTES in sct_session_new(3) for what takes the place of
 * LibSysCTr's systr_set_params() and systr_pmem_write()).
 *
 * Included by <sct.h>.
 */
#ifndef SCT_SESSION_H
#define SCT_SESSION_H

/* For enum sct_overflow and the records; <sct.h> includes this file. */
#include <sct.h>
#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct sct_session;
struct sct_event;

/* What an event tells (sct_event_type()). */
enum sct_event_type {
	SCT_EVENT_SYSCALL = 1,	/* a call's entry or exit */
	SCT_EVENT_FORK = 2,	/* a member made a process or a thread */
	SCT_EVENT_EXEC = 3,	/* a member runs a new program */
	SCT_EVENT_SIGNAL = 4,	/* a signal is delivered to a member */
	SCT_EVENT_EXIT = 5,	/* a member (a thread) exits */
	SCT_EVENT_LOST = 6,	/* records the stream lost */
};

/* The bit of an event type in the mask of sct_session_on_task(). */
#define SCT_EVENT_MASK(type)	(1u << (type))
#define SCT_EVENT_TASK_ALL	(SCT_EVENT_MASK(SCT_EVENT_FORK) | \
				 SCT_EVENT_MASK(SCT_EVENT_EXEC) | \
				 SCT_EVENT_MASK(SCT_EVENT_SIGNAL) | \
				 SCT_EVENT_MASK(SCT_EVENT_EXIT))

/* The sides of a call that sct_session_trace() reports. */
#define SCT_TRACE_ENTRY		0x1
#define SCT_TRACE_EXIT		0x2
#define SCT_TRACE_BOTH		(SCT_TRACE_ENTRY | SCT_TRACE_EXIT)

/* What a callback returns. */
enum sct_cb_ret {
	SCT_CB_CONTINUE = 0,	/* go on */
	SCT_CB_DETACH = 1,	/* no more events of this event's process */
	SCT_CB_STOP = 2,	/* end sct_trace_run() (or the dispatch) */
};

/* The form of the call records of the session's stream. */
enum sct_record_form {
	SCT_RECORDS_COMPACT = 0, /* struct sct_record_syscall (the default) */
	SCT_RECORDS_FULL = 1,	/* struct sct_record_call: with credentials,
				 * command name, parent and CPU
				 */
};

/* The session's stream, by default (sct_session_set_buffer_size()). */
#define SCT_SESSION_BUFFER_DEFAULT	1048576

/*
 * A callback: @s the session, @ev the event (valid until the callback
 * returns), @priv the pointer given with it.  Returns an enum sct_cb_ret.
 */
typedef int (*sct_event_cb)(struct sct_session *s, const struct sct_event *ev,
			    void *priv);

/* Sessions (session.c). */
int sct_session_new(struct sct_session **s, unsigned int flags);
void sct_session_free(struct sct_session *s);
const char *sct_session_trace_name(const struct sct_session *s);
int sct_session_set_buffer_size(struct sct_session *s, unsigned long bytes);
int sct_session_set_overflow(struct sct_session *s, enum sct_overflow policy);
int sct_session_set_capture_size(struct sct_session *s, unsigned int bytes);
int sct_session_set_records(struct sct_session *s, enum sct_record_form form);

int sct_session_trace(struct sct_session *s, const char *syscalls,
		      unsigned int when, sct_event_cb cb, void *priv);
int sct_session_trace_nr(struct sct_session *s, int abi, int nr,
			 unsigned int when, sct_event_cb cb, void *priv);
int sct_session_untrace(struct sct_session *s, int id);
int sct_session_on_task(struct sct_session *s, unsigned int mask,
			sct_event_cb cb, void *priv);
int sct_session_on_lost(struct sct_session *s, sct_event_cb cb, void *priv);

int sct_session_spawn(struct sct_session *s, char *const argv[], pid_t *pid);
int sct_session_attach(struct sct_session *s, pid_t pid);
int sct_session_processes(const struct sct_session *s);

int sct_trace_run(struct sct_session *s);
int sct_trace_stop(struct sct_session *s);
int sct_session_fd(struct sct_session *s);
int sct_session_dispatch(struct sct_session *s);

/* Events. */
enum sct_event_type sct_event_type(const struct sct_event *ev);
pid_t sct_event_pid(const struct sct_event *ev);
pid_t sct_event_tid(const struct sct_event *ev);
uint64_t sct_event_time(const struct sct_event *ev);
int sct_event_syscall(const struct sct_event *ev);
const char *sct_event_syscall_name(const struct sct_event *ev);
int sct_event_abi(const struct sct_event *ev);
int sct_event_is_entry(const struct sct_event *ev);
int sct_event_arg(const struct sct_event *ev, unsigned int i, uint64_t *val);
int sct_event_retval(const struct sct_event *ev, int64_t *val);
uint64_t sct_event_call_id(const struct sct_event *ev);
int sct_event_data(const struct sct_event *ev, unsigned int i,
		   const void **data, size_t *len);
const char *sct_event_string(const struct sct_event *ev, unsigned int i);
int sct_event_strv(const struct sct_event *ev, unsigned int i,
		   const char **strs, size_t n, uint32_t *count);
pid_t sct_event_child_pid(const struct sct_event *ev);
pid_t sct_event_child_tid(const struct sct_event *ev);
const char *sct_event_exec_path(const struct sct_event *ev);
int sct_event_signal(const struct sct_event *ev);
int sct_event_exit_status(const struct sct_event *ev);
uint64_t sct_event_lost(const struct sct_event *ev);
const struct sct_record_header *sct_event_record(const struct sct_event *ev);

#ifdef __cplusplus
}
#endif

#endif /* SCT_SESSION_H */
