// SPDX-License-Identifier: GPL-2.0
/*
 * Captures: the records of a rule of a trace with a capture_size carry
 * the user memory the call's parameters point to, as strace shows it:
 * execve's argv, fstat's struct stat, what read() read (cut at the
 * capture_size), what write() wrote, pipe2's descriptors, and a marked
 * fault for a pointer that cannot be read.
 */
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <linux/sct.h>

#include "kselftest_harness.h"
#include "sct_test.h"

#define CAP		16
/* What the member reads: longer than CAP. */
#define CONTENT		"0123456789abcdefghijklmnopqrstuvwxyz"
#define LONG_ARG	"an argument longer than the capture size"

FIXTURE(cap)
{
	char trace[64];
	char rules[4][64];
	int nrules;
	char file[64];
	pid_t kid;
};

FIXTURE_SETUP(cap)
{
	char path[PATH_MAX];
	int fd;

	if (!sct_present())
		SKIP(return, "no sct");
	if (!sct_exists(SCT_TRACES))
		SKIP(return, "no traces in this kernel");
	snprintf(self->trace, sizeof(self->trace), "ksft_%d_cap", getpid());
	snprintf(path, sizeof(path), "%s/%s", SCT_TRACES, self->trace);
	ASSERT_EQ(0, sct_trace_mkdir(path));
	snprintf(self->file, sizeof(self->file), "/tmp/ksft_%d_cap", getpid());
	fd = open(self->file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)strlen(CONTENT), write(fd, CONTENT, strlen(CONTENT)));
	close(fd);
}

/* In the parent, also after a failed ASSERT: @self is shared. */
FIXTURE_TEARDOWN_PARENT(cap)
{
	char path[PATH_MAX];
	int i;

	if (self->kid > 0)
		kill(self->kid, SIGKILL);
	for (i = 0; i < self->nrules; i++)
		sct_rule_remove(self->rules[i]);
	snprintf(path, sizeof(path), "%s/%s", SCT_TRACES, self->trace);
	rmdir(path);
	unlink(self->file);
}

/* A log rule over @calls on side @when with captures; 0 or -errno. */
static int cap_rule(FIXTURE_DATA(cap) *self, const char *tag,
		    const char *calls, const char *when, const char *trace)
{
	char *name = self->rules[self->nrules++];
	char c[128], w[32], t[96];

	snprintf(name, sizeof(self->rules[0]), "ksft_%d_%s", getpid(), tag);
	snprintf(c, sizeof(c), "syscall=%s", calls);
	snprintf(w, sizeof(w), "when=%s", when);
	snprintf(t, sizeof(t), "trace=%s", trace);
	return sct_rule_make(name, (const char *[]){
		c, w, t, "capture_size=16", "enabled=1", NULL });
}

/* The record of call @nr, side @when, of @pid, in @buf; or NULL. */
static const struct sct_record_call *find(const char *buf, ssize_t len,
					  int nr, int when, pid_t pid)
{
	const struct sct_record_call *rec;
	ssize_t off;

	for (off = 0; off < len; off += rec->hdr.size) {
		rec = (const void *)(buf + off);
		if (rec->hdr.type == SCT_RECORD_CALL && rec->nr == nr &&
		    rec->when == when && rec->pid == pid)
			return rec;
	}
	return NULL;
}

/* The same, of the call whose argument @i (from 0) is @val. */
static const struct sct_record_call *find_arg(const char *buf, ssize_t len,
					      int nr, int when, pid_t pid,
					      int i, unsigned long val)
{
	const struct sct_record_call *rec;
	ssize_t off;

	for (off = 0; off < len; off += rec->hdr.size) {
		rec = (const void *)(buf + off);
		if (rec->hdr.type == SCT_RECORD_CALL && rec->nr == nr &&
		    rec->when == when && rec->pid == pid && rec->args[i] == val)
			return rec;
	}
	return NULL;
}

/* The data of parameter @i (from 0) of @rec. */
static const void *data(const struct sct_record_call *rec, int i)
{
	return (const char *)rec + rec->param[i].off;
}

/*
 * The member: what strace would show of each call, then an exec with
 * arguments, one longer than the capture size.
 */
static void member(const char *file, const char *helper, int go)
{
	char c, buf[64];
	struct stat st;
	int fd, fds[2];

	if (read(go, &c, 1) != 1)
		_exit(2);
	fd = open(file, O_RDONLY);
	if (fd < 0 || syscall(SYS_fstat, fd, &st))
		_exit(3);
	/* Cut at the capture size, and whole. */
	if (syscall(SYS_read, fd, buf, sizeof(buf)) != (long)strlen(CONTENT))
		_exit(4);
	if (syscall(SYS_pread64, fd, buf, 8, 0) != 8)
		_exit(5);
	/* Failed: nothing written, nothing captured. */
	if (syscall(SYS_read, -1, buf, sizeof(buf)) != -1)
		_exit(6);
	if (syscall(SYS_pipe2, fds, 0))
		_exit(7);
	if (syscall(SYS_write, fds[1], "hello", 5) != 5)
		_exit(8);
	/* An unreadable buffer: a fault. */
	if (syscall(SYS_write, fds[1], (void *)8, 5) != -1)
		_exit(9);
	/* A socket address, as long as the call says. */
	{
		struct sockaddr_in sin = {
			.sin_family = AF_INET,
			.sin_port = htons(9),
			.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
		};
		int s = socket(AF_INET, SOCK_DGRAM, 0);

		if (s < 0 || connect(s, (struct sockaddr *)&sin, sizeof(sin)))
			_exit(12);
		close(s);
	}
	/* A string parameter that is a buffer: captured, not read as one. */
	if (gethostname(buf, sizeof(buf)) ||
	    syscall(SYS_sethostname, buf, strlen(buf)))
		_exit(11);
	execl(helper, helper, "x", LONG_ARG, (char *)NULL);
	_exit(10);
}

TEST_F(cap, what_strace_prints)
{
	static char buf[1 << 20] __attribute__((aligned(8)));
	const struct sct_record_call *rec;
	struct sct_ioc_trace req = {};
	char helper[PATH_MAX], val[32];
	struct stat st;
	int go[2], fd, fds[2], status;
	const char *s;
	ssize_t off;
	pid_t pid;
	ssize_t len;
	uint32_t n;

	if (sct_sibling("sct_unlink", helper, sizeof(helper)))
		SKIP(return, "no %s", helper);
	ASSERT_EQ(0, sct_trace_write(self->trace, "buffer_size", "1048576"));
	ASSERT_EQ(0, cap_rule(self, "before",
			      "execve,write,read,pread64,sethostname,connect",
			      "before", self->trace));
	ASSERT_EQ(0, cap_rule(self, "after",
			      "fstat,read,pread64,pipe2,write", "after",
			      self->trace));
	fd = open("/dev/sct_records", O_RDONLY | O_NONBLOCK);
	ASSERT_LE(0, fd);
	snprintf(req.name, sizeof(req.name), "%s", self->trace);
	ASSERT_EQ(0, ioctl(fd, SCT_IOC_TRACE, &req));
	ASSERT_EQ(0, pipe(go));
	/* Not self->kid = fork(): the fixture is shared memory. */
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid)
		member(self->file, helper, go[0]);
	self->kid = pid;
	snprintf(val, sizeof(val), "%d", self->kid);
	ASSERT_EQ(0, sct_trace_write(self->trace, "add", val));
	ASSERT_EQ(1, write(go[1], "x", 1));
	ASSERT_EQ(self->kid, waitpid(self->kid, &status, 0));
	/* Without arguments it knows, the helper exits with 126. */
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(126, WEXITSTATUS(status));
	len = read(fd, buf, sizeof(buf));
	ASSERT_LT(0, len);
	ASSERT_EQ(0, stat(self->file, &st));

	/* Every record ends where its last data item does. */
	for (off = 0; off < len; off += rec->hdr.size) {
		size_t end = sizeof(*rec);
		int i;

		rec = (const void *)(buf + off);
		if (rec->hdr.type != SCT_RECORD_CALL)
			continue;
		for (i = 0; i < 6; i++)
			end += (rec->param[i].len + 7) & ~7U;
		EXPECT_EQ(end, rec->hdr.size) TH_LOG("call %d", rec->nr);
	}

	/* fstat: the struct stat, whole. */
	rec = find(buf, len, SYS_fstat, SCT_WHEN_AFTER, self->kid);
	ASSERT_NE(NULL, rec);
	ASSERT_EQ(SCT_DATA_BYTES, rec->param[1].kind);
	ASSERT_EQ(sizeof(struct stat), rec->param[1].len);
	EXPECT_EQ(st.st_ino, ((const struct stat *)data(rec, 1))->st_ino);
	EXPECT_EQ(st.st_size, ((const struct stat *)data(rec, 1))->st_size);

	/*
	 * read: what it read, cut at 16 bytes; nothing before the call,
	 * nor after one that failed.  (The reads of 64 bytes: the member
	 * may have read the byte of @go as a member already.)
	 */
	rec = find_arg(buf, len, SYS_read, SCT_WHEN_AFTER, self->kid, 2, 64);
	ASSERT_NE(NULL, rec);
	ASSERT_EQ((long)strlen(CONTENT), rec->retval);
	EXPECT_EQ(SCT_DATA_BYTES_TRUNC, rec->param[1].kind);
	ASSERT_EQ(CAP, rec->param[1].len);
	EXPECT_EQ(0, memcmp(CONTENT, data(rec, 1), CAP));
	rec = find_arg(buf, len, SYS_read, SCT_WHEN_BEFORE, self->kid, 2, 64);
	ASSERT_NE(NULL, rec);
	EXPECT_EQ(SCT_DATA_NONE, rec->param[1].kind);
	rec = find_arg(buf, len, SYS_read, SCT_WHEN_AFTER, self->kid, 0,
		       (unsigned int)-1);
	ASSERT_NE(NULL, rec);
	EXPECT_EQ(-EBADF, rec->retval);
	EXPECT_EQ(SCT_DATA_NONE, rec->param[1].kind);
	/* pread64 of 8: whole. */
	rec = find(buf, len, SYS_pread64, SCT_WHEN_AFTER, self->kid);
	ASSERT_NE(NULL, rec);
	EXPECT_EQ(SCT_DATA_BYTES, rec->param[1].kind);
	ASSERT_EQ(8, rec->param[1].len);
	EXPECT_EQ(0, memcmp(CONTENT, data(rec, 1), 8));

	/* pipe2: the two descriptors. */
	rec = find(buf, len, SYS_pipe2, SCT_WHEN_AFTER, self->kid);
	ASSERT_NE(NULL, rec);
	ASSERT_EQ(SCT_DATA_BYTES, rec->param[0].kind);
	ASSERT_EQ(sizeof(fds), rec->param[0].len);
	memcpy(fds, data(rec, 0), sizeof(fds));
	EXPECT_LE(0, fds[0]);
	EXPECT_EQ(fds[0] + 1, fds[1]);

	/* write: what it wrote, at entry; then the fault. */
	rec = find(buf, len, SYS_write, SCT_WHEN_BEFORE, self->kid);
	ASSERT_NE(NULL, rec);
	ASSERT_EQ(SCT_DATA_BYTES, rec->param[1].kind);
	ASSERT_EQ(5, rec->param[1].len);
	EXPECT_EQ(0, memcmp("hello", data(rec, 1), 5));
	rec = (const void *)((const char *)rec + rec->hdr.size);
	while ((const char *)rec < buf + len &&
	       !(rec->hdr.type == SCT_RECORD_CALL && rec->nr == SYS_write &&
		 rec->when == SCT_WHEN_BEFORE))
		rec = (const void *)((const char *)rec + rec->hdr.size);
	ASSERT_LT((const char *)rec, buf + len);
	EXPECT_EQ(SCT_DATA_FAULT, rec->param[1].kind);
	EXPECT_EQ(0, rec->param[1].len);

	/* connect: the address. */
	rec = find(buf, len, SYS_connect, SCT_WHEN_BEFORE, self->kid);
	ASSERT_NE(NULL, rec);
	ASSERT_EQ(SCT_DATA_SOCKADDR, rec->param[1].kind);
	ASSERT_EQ(sizeof(struct sockaddr_in), rec->param[1].len);
	EXPECT_EQ(htons(9),
		  ((const struct sockaddr_in *)data(rec, 1))->sin_port);
	EXPECT_EQ(htonl(INADDR_LOOPBACK),
		  ((const struct sockaddr_in *)data(rec, 1))->sin_addr.s_addr);

	/* sethostname: the name as a buffer of its length. */
	rec = find(buf, len, SYS_sethostname, SCT_WHEN_BEFORE, self->kid);
	ASSERT_NE(NULL, rec);
	ASSERT_EQ(SCT_DATA_BYTES, rec->param[0].kind);
	EXPECT_EQ(rec->args[1], rec->param[0].len);

	/* execve: the path, and argv: 3 strings, the long one cut. */
	rec = find(buf, len, SYS_execve, SCT_WHEN_BEFORE, self->kid);
	ASSERT_NE(NULL, rec);
	EXPECT_EQ(SCT_DATA_STRING, rec->param[0].kind);
	ASSERT_EQ(SCT_DATA_STRV_TRUNC, rec->param[1].kind);
	ASSERT_LE(sizeof(n), rec->param[1].len);
	memcpy(&n, data(rec, 1), sizeof(n));
	EXPECT_EQ(3U, n);
	s = (const char *)data(rec, 1) + sizeof(n);
	EXPECT_EQ(0, strncmp(helper, s, CAP));
	s += strlen(s) + 1;
	EXPECT_STREQ("x", s);
	s += strlen(s) + 1;
	EXPECT_EQ(0, strncmp(LONG_ARG, s, CAP));
	EXPECT_EQ((size_t)CAP, strlen(s));
	EXPECT_EQ(rec->param[1].len,
		  s + strlen(s) + 1 - (const char *)data(rec, 1));
	/* envp: as many strings as the member had. */
	EXPECT_TRUE(rec->param[2].kind == SCT_DATA_STRV ||
		    rec->param[2].kind == SCT_DATA_STRV_TRUNC);
	close(fd);
	self->kid = 0;
}

/* Captures need a trace, and a size a record holds. */
TEST_F(cap, bad_sizes)
{
	char name[64];

	snprintf(name, sizeof(name), "ksft_%d_global", getpid());
	snprintf(self->rules[self->nrules++], sizeof(self->rules[0]), "%s",
		 name);
	ASSERT_EQ(0, sct_rule_make(name, (const char *[]){
		"syscall=read", NULL }));
	EXPECT_EQ(-ERANGE, sct_rule_set(name, "capture_size", "4097"));
	EXPECT_EQ(-EINVAL, sct_rule_set(name, "capture_size", "-1"));
	EXPECT_EQ(-EINVAL, sct_rule_set(name, "capture_size", "abc"));
	EXPECT_EQ(0, sct_rule_set(name, "capture_size", "4096"));
	/* A global rule has no capture areas to read to. */
	EXPECT_EQ(-EINVAL, sct_rule_set(name, "enabled", "1"));
	EXPECT_EQ(0, sct_rule_set(name, "trace", self->trace));
	EXPECT_EQ(0, sct_rule_set(name, "enabled", "1"));
	EXPECT_EQ(-EBUSY, sct_rule_set(name, "capture_size", "0"));
}

TEST_HARNESS_MAIN
