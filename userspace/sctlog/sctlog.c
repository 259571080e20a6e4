// SPDX-License-Identifier: GPL-2.0
/*
 * sctlog: print the sct event log.
 *
 * Reads /dev/sct_records and prints each record as its rule's log_format
 * shows it (a task record of a trace as /dev/sct_log does), or as JSON,
 * or sends it to syslog(3); follows the log like "tail -f" until
 * interrupted.  Lost records are reported on stderr.  With -T, reads the
 * stream of one trace instead, whose call records carry no text: they are
 * shown as the kernel's default log_format shows them, their rules named
 * by their ids.
 *
 * Exit status: 0 on success (also when stopped by SIGINT or SIGTERM),
 * 1 on an error (standard output that cannot be written included), 2 on
 * a usage error.
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "sct-private.h"

static volatile sig_atomic_t stop;

/* Flush standard output: records are shown as they come. */
static void flush_stdout(void)
{
	if (fflush(stdout)) {
		fprintf(stderr, "%s: write error: %s\n",
			program_invocation_short_name, strerror(errno));
		_exit(1);
	}
}

static void on_signal(int sig)
{
	stop = sig;
}

static void usage(FILE *out, int status)
{
	fprintf(out,
		"Usage: %s [OPTION]...\n"
		"Print the records of sct's event log, as their rules' log_format shows\n"
		"them (and what members of traces do: fork, exec, signal, exit), and\n"
		"follow the log until interrupted.\n"
		"\n"
		"  -d, --dump          print the records there are, then exit\n"
		"  -N, --new           only records written from now on\n"
		"  -n, --count=N       exit after N records\n"
		"  -r, --rule=RULE     only the records of rule RULE (no task records)\n"
		"  -T, --trace=TRACE   read the stream of trace TRACE (its buffer_size\n"
		"                      set), not the shared log; its call records are\n"
		"                      shown in the default log_format\n"
		"  -j, --json          one JSON object per line\n"
		"  -s, --syslog        send the records to syslog(3), not stdout\n"
		"  -D, --device=PATH   read PATH, not " SCT_RECORDS_DEVICE "\n"
		"  -h, --help          print this help and exit\n"
		"  -V, --version       print the version and exit\n"
		"\n"
		"Lost records are reported on stderr (and as {\"type\":\"lost\"} with --json).\n"
		"Exit status: 0 on success or SIGINT/SIGTERM, 1 on an error, 2 on a\n"
		"usage error.\n",
		program_invocation_short_name);
	exit(status);
}

struct options {
	bool dump;
	bool new_only;
	bool json;
	bool syslog;
	unsigned long long count;
	const char *rule;
	const char *device;
	const char *trace;
};

/*
 * The names of rules by their ids, for the records of a trace's stream,
 * which carry only the id.  Ids are unique for the boot, so an entry
 * stays right once made, also after its rule is gone.
 */
struct rule_id {
	uint64_t id;
	char *name;	/* NULL: no rule has the id (looked for once) */
};

static struct rule_id *rule_ids;
static size_t nrule_ids;

static struct rule_id *rule_id_find(uint64_t id)
{
	size_t i;

	for (i = 0; i < nrule_ids; i++)
		if (rule_ids[i].id == id)
			return &rule_ids[i];
	return NULL;
}

static struct rule_id *rule_id_add(uint64_t id, const char *name)
{
	struct rule_id *r;

	r = reallocarray(rule_ids, nrule_ids + 1, sizeof(*rule_ids));
	if (!r)
		err(1, "rule names");
	rule_ids = r;
	r = &rule_ids[nrule_ids++];
	r->id = id;
	r->name = name ? strdup(name) : NULL;
	if (name && !r->name)
		err(1, "rule names");
	return r;
}

/*
 * Read the ids of the rules there are, for those not known yet.  Rules
 * that go while this runs are skipped; with sct's configfs missing, no
 * rule has a name.
 */
static void rule_ids_scan(void)
{
	struct rule_id *r;
	char **names;
	uint64_t id;
	int i, n;

	n = sct_rule_names(&names);
	for (i = 0; i < n; i++) {
		if (sct_rule_id(names[i], &id))
			continue;
		r = rule_id_find(id);
		if (!r)
			rule_id_add(id, names[i]);
		else if (!r->name)
			r->name = strdup(names[i]);
	}
	if (n > 0)
		sct_rule_names_free(names, n);
}

/*
 * The name of the rule of @id, read from configfs again when the id is
 * new; NULL if no rule had it then.
 */
static const char *rule_name(uint64_t id)
{
	struct rule_id *r = rule_id_find(id);

	if (!r) {
		rule_ids_scan();
		r = rule_id_find(id) ?: rule_id_add(id, NULL);
	}
	return r->name;
}

static void print_lost(const struct options *o,
		       const struct sct_record_lost *lost)
{
	unsigned long long first = lost->hdr.seq, n = lost->count;

	fflush(stdout);
	fprintf(stderr, "%s: lost %llu records (seq %llu-%llu)\n",
		program_invocation_short_name, n, first, first + n - 1);
	if (o->json)
		sct_record_json(stdout, &lost->hdr);
	else if (o->syslog)
		syslog(LOG_WARNING, "lost %llu records (seq %llu-%llu)", n,
		       first, first + n - 1);
}

/* A record's line, to syslog or to standard output. */
static void put_line(const struct options *o, const char *line)
{
	if (o->syslog)
		syslog(LOG_NOTICE, "%s", line);
	else
		printf("%s\n", line);
}

/* Print one call record; return whether it counts (it passed -r). */
static bool print_call(const struct options *o,
		       const struct sct_record_call *rec)
{
	char line[SCT_RECORD_TEXT_MAX];
	const char *name, *text;

	/*
	 * The records of a trace's stream carry no rule name and no text:
	 * the name is found by the rule's id, and the line is the default
	 * log_format's.
	 */
	name = sct_record_data(rec, &rec->rule);
	if (!name)
		name = rule_name(rec->rule_id);
	if (o->rule && (!name || strcmp(o->rule, name)))
		return false;
	if (o->json) {
		sct_record_json_rule(stdout, &rec->hdr, name);
		return true;
	}
	text = sct_record_data(rec, &rec->text);
	if (!text) {
		/* sct_log_next() checked the size; a cut line is cut. */
		sct_record_call_text(line, sizeof(line), rec, name);
		text = line;
	}
	put_line(o, text);
	return true;
}

/* Print one compact call record; return whether it counts (-r). */
static bool print_syscall(const struct options *o,
			  const struct sct_record_syscall *rec)
{
	char line[SCT_RECORD_TEXT_MAX];
	const char *name = rule_name(rec->rule_id);

	if (o->rule && (!name || strcmp(o->rule, name)))
		return false;
	if (o->json) {
		sct_record_json_rule(stdout, &rec->hdr, name);
		return true;
	}
	/* sct_log_next() checked the size; a cut line is cut. */
	sct_record_syscall_text(line, sizeof(line), rec, name);
	put_line(o, line);
	return true;
}

/* Print one task record; return whether it counts (-r drops them all). */
static bool print_task(const struct options *o,
		       const struct sct_record_task *rec)
{
	char line[4096];

	/* Task records have no rule. */
	if (o->rule)
		return false;
	if (o->json) {
		sct_record_json(stdout, &rec->hdr);
		return true;
	}
	/* sct_log_next() checked the size; a cut line is printed cut. */
	sct_record_task_text(line, sizeof(line), rec);
	put_line(o, line);
	return true;
}

/*
 * Wait for records.  SIGINT and SIGTERM are blocked while @stop is looked
 * at, and delivered in ppoll() alone: one that comes just before the
 * wait ends it, none is missed.
 */
static void wait_records(struct pollfd *pfd, const sigset_t *block)
{
	sigset_t mask;

	if (sigprocmask(SIG_BLOCK, block, &mask))
		err(1, "signals");
	pfd->revents = 0;
	if (!stop && ppoll(pfd, 1, NULL, &mask) < 0 && errno != EINTR)
		err(1, "poll");
	if (sigprocmask(SIG_SETMASK, &mask, NULL))
		err(1, "signals");
}

static int run(const struct options *o, const sigset_t *block)
{
	const struct sct_record_header *rec;
	unsigned long long printed = 0;
	int flags = SCT_LOG_NONBLOCK | (o->new_only ? SCT_LOG_NEW : 0);
	const char *path = o->device ? o->device : SCT_RECORDS_DEVICE;
	struct pollfd pfd;
	struct sct_log *log;
	int ret;

	if (o->trace) {
		/* The names of the rules there are; others when they show. */
		rule_ids_scan();
		ret = sct_log_open_trace(&log, o->trace, flags);
		if (ret == -EPERM || ret == -EACCES)
			errx(1, "%s (reading sct's log needs CAP_SYS_ADMIN)",
			     sct_error_detail());
		if (ret)
			errx(1, "%s", sct_error_detail());
	} else {
		/* The kernel's lines, in each rule's own log_format. */
		ret = sct_log_open(&log, o->device, flags | SCT_LOG_TEXT);
		if (ret)
			errx(1, "%s: %s%s", path, sct_strerror(ret),
			     ret == -EPERM || ret == -EACCES ?
			     " (reading sct's log needs CAP_SYS_ADMIN)" : "");
	}
	pfd.fd = sct_log_fd(log);
	pfd.events = POLLIN;

	/* A signal sets stop: looked at between records, and while waiting. */
	while (!stop && (!o->count || printed < o->count)) {
		ret = sct_log_next(log, &rec);
		if (ret < 0) {
			if (ret == -EINTR)
				continue;
			flush_stdout();
			if (ret == -EPROTO && sct_log_eof(log))
				errx(1, "%s: the last record is cut short",
				     o->trace ? o->trace : path);
			errx(1, "reading the log: %s", sct_strerror(ret));
		}
		if (!ret) {
			/* Nothing more for now: flush, then wait. */
			flush_stdout();
			/* The end of a file, or of a removed trace's stream. */
			if (sct_log_eof(log)) {
				if (o->trace)
					warnx("trace %s: its stream ended (the trace was removed)",
					      o->trace);
				break;
			}
			if (o->dump)
				break;
			wait_records(&pfd, block);
			continue;
		}
		if (rec->type == SCT_RECORD_LOST)
			print_lost(o, (const void *)rec);
		else if (rec->type == SCT_RECORD_CALL &&
			 print_call(o, (const void *)rec))
			printed++;
		else if (rec->type == SCT_RECORD_TASK &&
			 print_task(o, (const void *)rec))
			printed++;
		else if (rec->type == SCT_RECORD_SYSCALL &&
			 print_syscall(o, (const void *)rec))
			printed++;
	}
	sct_log_close(log);
	flush_stdout();
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dump",	no_argument,		NULL, 'd' },
		{ "new",	no_argument,		NULL, 'N' },
		{ "count",	required_argument,	NULL, 'n' },
		{ "rule",	required_argument,	NULL, 'r' },
		{ "trace",	required_argument,	NULL, 'T' },
		{ "json",	no_argument,		NULL, 'j' },
		{ "syslog",	no_argument,		NULL, 's' },
		{ "device",	required_argument,	NULL, 'D' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{}
	};
	struct options o = {};
	/*
	 * SA_RESTART: a write to standard output is never cut by a
	 * signal (ppoll() is interrupted all the same).  SA_RESETHAND: a
	 * second signal, while sctlog stops (a pipe that takes nothing
	 * more), ends it at once.
	 */
	struct sigaction sa = {
		.sa_handler = on_signal,
		.sa_flags = SA_RESTART | SA_RESETHAND,
	};
	sigset_t block;
	char *end;
	int c;

	atexit(sct_close_stdout);
	while ((c = getopt_long(argc, argv, "dNn:r:T:jsD:hV", longopts,
				NULL)) != -1) {
		switch (c) {
		case 'd':
			o.dump = true;
			break;
		case 'N':
			o.new_only = true;
			break;
		case 'n':
			errno = 0;
			o.count = strtoull(optarg, &end, 10);
			if (errno || *end || !*optarg || optarg[0] == '-' ||
			    !o.count) {
				warnx("bad count '%s': expected a number above 0",
				      optarg);
				usage(stderr, 2);
			}
			break;
		case 'r':
			o.rule = optarg;
			break;
		case 'T':
			o.trace = optarg;
			break;
		case 'j':
			o.json = true;
			break;
		case 's':
			o.syslog = true;
			break;
		case 'D':
			o.device = optarg;
			break;
		case 'h':
			usage(stdout, 0);
			break;
		case 'V':
			printf("sctlog (sct) %s\n", sct_version());
			return 0;
		default:
			usage(stderr, 2);
		}
	}
	if (optind < argc) {
		warnx("unexpected argument '%s'", argv[optind]);
		usage(stderr, 2);
	}
	if (o.json && o.syslog) {
		warnx("--json and --syslog do not go together");
		usage(stderr, 2);
	}
	/* A trace's stream is read from the device, with an ioctl(). */
	if (o.trace && o.device) {
		warnx("--trace and --device do not go together");
		usage(stderr, 2);
	}

	/*
	 * SIGINT and SIGTERM stop sctlog between two records, or in its
	 * wait for more: never only in the wait, which a log that keeps
	 * coming never reaches.
	 */
	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	if (sigaction(SIGINT, &sa, NULL) || sigaction(SIGTERM, &sa, NULL))
		err(1, "signals");
	if (o.syslog)
		openlog("sctlog", LOG_PID, LOG_AUTHPRIV);

	return run(&o, &block);
}
