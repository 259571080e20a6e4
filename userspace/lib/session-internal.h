/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libsct: what session.c shares with the host tests, not exported.
 */
#ifndef SCT_SESSION_INTERNAL_H
#define SCT_SESSION_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "sct.h"

/*
 * The owner of a session's name, "_sct.NS.PID.START.N...": 0 with @ns
 * (its PID namespace's inode), @pid and @start set, or -EINVAL for a
 * name that is not a session's.
 */
int sct_session_name_owner(const char *name, unsigned long long *ns,
			   pid_t *pid, unsigned long long *start);
/*
 * 1 if @name is a session's of the caller's PID namespace whose owner is
 * gone (its token is not held, and there is no process PID, or one of
 * the caller's time namespace with another START), else 0 (not a
 * session's name, another namespace's, a held token, a live owner, or
 * one that cannot be told).
 */
int sct_session_owner_dead(const char *name);
/* Remove the rules and traces of dead owners; return how many. */
int sct_session_cleanup(void);
/* One record, as the loop takes it: returns an enum sct_cb_ret. */
int sct_session_feed(struct sct_session *s,
		     const struct sct_record_header *hdr);
/* Give selection @id's rules the ids @before and @after. */
void sct_session_test_bind(struct sct_session *s, int id, uint64_t before,
			   uint64_t after);
/* Have the session take @pid for a process it spawned. */
int sct_session_test_spawned(struct sct_session *s, pid_t pid);
/* Check the members against /proc, as sct_trace_run() does when idle. */
void sct_session_test_check(struct sct_session *s);
/* The descriptor sct_trace_stop() writes its wake-up byte to. */
int sct_session_test_stop_fd(const struct sct_session *s);
/* The PID of the session's guardian. */
pid_t sct_session_test_guardian(const struct sct_session *s);
/*
 * Called, if set, by sct_session_spawn() in the caller right after its
 * fork, before the child is released.
 */
extern void (*sct_session_test_spawn_hook)(pid_t child);
/* Start the session on the records of file @path, not a trace's stream. */
int sct_session_test_start(struct sct_session *s, const char *path);
/* Have the session wait for thread @tid of process @pid. */
int sct_session_test_task(struct sct_session *s, pid_t tid, pid_t pid);

#endif /* SCT_SESSION_INTERNAL_H */
