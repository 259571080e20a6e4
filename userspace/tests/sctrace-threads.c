// SPDX-License-Identifier: GPL-2.0
/*
 * sctrace-threads: a process whose leader ends before its other thread,
 * for sctrace's test of processes (scripts/tests/guest/sctrace-process.sh):
 * the leader calls pthread_exit(), the other thread, a little later,
 * exit(3).  strace reports the leader's end when the process ends, with
 * the process's status, 3.
 *
 *   sctrace-threads
 */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static void *later(void *arg)
{
	struct timespec ts = { 0, 200 * 1000 * 1000 };

	(void)arg;
	nanosleep(&ts, NULL);
	exit(3);
}

int main(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, later, NULL))
		return 1;
	pthread_exit(NULL);
}
