// SPDX-License-Identifier: GPL-2.0
/*
 * mkrecords: write a file of records, as /dev/sct_records returns them,
 * for "sctlog -D FILE" on the host (scripts/tests/sctlog.sh): an unlink
 * call record of rule "r1" whose path is PATH, a task record of an exec
 * of PATH, and a report of 3 lost records; all after 2^53 nanoseconds.
 *
 *   mkrecords PATH COUNT > FILE
 *
 * COUNT times the call record, the first two of them between the task
 * record and the report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sct.h"

#define ALIGN8(n)	(((n) + 7) & ~7UL)

/* A data item of @kind: @len bytes at @off. */
static struct sct_record_data item(size_t off, size_t len, int kind)
{
	struct sct_record_data d = { 0 };

	d.off = off;
	d.len = len;
	d.kind = kind;
	return d;
}

static unsigned long long seq;

static void put(const void *rec, size_t size)
{
	if (fwrite(rec, 1, size, stdout) != size) {
		perror("mkrecords");
		exit(1);
	}
}

/* The call: rule "r1", its path in param[0], the text line. */
static void call(const char *path)
{
	static char buf[8192];
	struct sct_record_call *rec = (void *)buf;
	size_t off = sizeof(*rec), n;

	memset(buf, 0, sizeof(buf));
	rec->hdr.version = SCT_RECORD_VERSION;
	rec->hdr.type = SCT_RECORD_CALL;
	rec->hdr.seq = ++seq;
	rec->time_ns = 9007199254740993ULL + seq;	/* 2^53 + 1 + seq */
	rec->rule_id = 7;
	rec->nr = 87;					/* unlink */
	rec->pid = 100;
	rec->tid = 100;
	strcpy(rec->comm, "rm");
	rec->args[0] = 0x7ffd00001000ULL;
	n = strlen(path) + 1;
	rec->param[0] = item(off, n, SCT_DATA_STRING);
	memcpy(buf + off, path, n);
	off = ALIGN8(off + n);
	rec->rule = item(off, 3, SCT_DATA_STRING);
	memcpy(buf + off, "r1", 3);
	off = ALIGN8(off + 3);
	n = strlen(path) + 5;
	rec->text = item(off, n, SCT_DATA_STRING);
	snprintf(buf + off, n, "rm %s", path);
	rec->hdr.size = ALIGN8(off + n);
	put(rec, rec->hdr.size);
}

int main(int argc, char **argv)
{
	static char buf[8192];
	struct sct_record_task *task = (void *)buf;
	struct sct_record_lost lost = { 0 };
	long i, count;
	size_t n;

	if (argc != 3 || (count = atol(argv[2])) < 2) {
		fprintf(stderr, "usage: mkrecords PATH COUNT\n");
		return 2;
	}
	task->hdr.version = SCT_RECORD_VERSION;
	task->hdr.type = SCT_RECORD_TASK;
	task->hdr.seq = ++seq;
	task->time_ns = 9007199254740993ULL;
	task->event = SCT_TASK_EXEC;
	task->pid = 100;
	task->tid = 100;
	task->old_tid = 100;
	strcpy(task->comm, "sh");
	n = strlen(argv[1]) + 1;
	task->path = item(sizeof(*task), n, SCT_DATA_STRING);
	memcpy(buf + sizeof(*task), argv[1], n);
	task->hdr.size = ALIGN8(sizeof(*task) + n);
	put(task, task->hdr.size);
	call(argv[1]);
	call(argv[1]);
	lost.hdr.size = sizeof(lost);
	lost.hdr.version = SCT_RECORD_VERSION;
	lost.hdr.type = SCT_RECORD_LOST;
	lost.hdr.seq = ++seq;
	lost.count = 3;
	seq += 3;
	put(&lost, sizeof(lost));
	for (i = 2; i < count; i++)
		call(argv[1]);
	return fflush(stdout) ? 1 : 0;
}
