/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the sct kselftests.
 */
#ifndef SCT_TEST_H
#define SCT_TEST_H

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SCT_CONFIGFS	"/sys/kernel/config/sct"
#define SCT_RULES	SCT_CONFIGFS "/rules"

/* Is the sct configfs tree there?  Tests SKIP without it. */
static inline int sct_present(void)
{
	struct stat st;

	return stat(SCT_CONFIGFS, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * Read a configfs attribute into buf (NUL-terminated).  Returns the
 * length read, or -errno.
 */
static inline ssize_t sct_read_attr(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	if (n < 0)
		n = -errno;
	else
		buf[n] = '\0';
	close(fd);
	return n;
}

/* Write a value to an attribute file; 0 or -errno (of open or write). */
static inline int sct_write_attr(const char *path, const char *val)
{
	ssize_t n;
	int fd, ret = 0;

	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	n = write(fd, val, strlen(val));
	if (n < 0)
		ret = -errno;
	close(fd);
	return ret;
}

/* Open log device DEV at its end: only records written from now on. */
static inline int sct_open_new(const char *dev, int flags)
{
	int fd = open(dev, O_RDONLY | flags);

	if (fd >= 0 && lseek(fd, 0, SEEK_END) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* The number in root attribute ATTR (log_size, enabled...), or -1. */
static inline long long sct_root_attr(const char *attr)
{
	char path[PATH_MAX], buf[64];

	snprintf(path, sizeof(path), "%s/%s", SCT_CONFIGFS, attr);
	if (sct_read_attr(path, buf, sizeof(buf)) < 0)
		return -1;
	return strtoll(buf, NULL, 0);
}

/* The value of line KEY of the stats attribute, or -1 (no such line). */
static inline long long sct_stat(const char *key)
{
	char buf[4096], *p;
	size_t len = strlen(key);

	if (sct_read_attr(SCT_CONFIGFS "/stats", buf, sizeof(buf)) < 0)
		return -1;
	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, key, len) && p[len] == ' ')
			return strtoll(p + len + 1, NULL, 10);
	return -1;
}

/* Write a value to attribute ATTR of rule NAME; 0 or -errno. */
static inline int sct_rule_set(const char *name, const char *attr,
			       const char *val)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s/%s", SCT_RULES, name, attr);
	return sct_write_attr(path, val);
}

/*
 * Change attribute ATTR of rule NAME, enabled or not, and leave the rule
 * enabled: disable, set, enable.  0 or the first -errno.
 */
static inline int sct_rule_change(const char *name, const char *attr,
				  const char *val)
{
	int ret = sct_rule_set(name, "enabled", "0");

	ret = ret ?: sct_rule_set(name, attr, val);
	return ret ?: sct_rule_set(name, "enabled", "1");
}

/* Read the whole of attribute ATTR of rule NAME, newlines included. */
static inline int sct_rule_read(const char *name, const char *attr, char *buf,
				size_t size)
{
	char path[PATH_MAX];
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%s/%s", SCT_RULES, name, attr);
	n = sct_read_attr(path, buf, size);
	return n < 0 ? n : 0;
}

/* Read attribute ATTR of rule NAME, without its newline, into buf. */
static inline int sct_rule_get(const char *name, const char *attr, char *buf,
			       size_t size)
{
	int ret = sct_rule_read(name, attr, buf, size);

	if (!ret)
		buf[strcspn(buf, "\n")] = '\0';
	return ret;
}

/* The hits of rule NAME, or -1. */
static inline long long sct_rule_hits(const char *name)
{
	char buf[32];

	if (sct_rule_get(name, "hits", buf, sizeof(buf)))
		return -1;
	return strtoll(buf, NULL, 10);
}

/*
 * Make rule NAME from "attr=value" settings, in order, then enable it
 * unless the list ends with NULL before "enabled=...".  Returns 0 or the
 * first -errno.
 */
static inline int sct_rule_make(const char *name, const char *const *settings)
{
	char path[PATH_MAX], attr[64];
	const char *eq;
	int ret;

	snprintf(path, sizeof(path), "%s/%s", SCT_RULES, name);
	if (mkdir(path, 0755))
		return -errno;
	for (; *settings; settings++) {
		eq = strchr(*settings, '=');
		if (!eq || eq - *settings >= (int)sizeof(attr))
			return -EINVAL;
		snprintf(attr, sizeof(attr), "%.*s", (int)(eq - *settings),
			 *settings);
		ret = sct_rule_set(name, attr, eq + 1);
		if (ret)
			return ret;
	}
	return 0;
}

/* Remove rule NAME (disabling it); 0 or -errno. */
static inline int sct_rule_remove(const char *name)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", SCT_RULES, name);
	return rmdir(path) ? -errno : 0;
}

/* Set the global switch; 0 or -errno. */
static inline int sct_write_switch(const char *val)
{
	return sct_write_attr(SCT_CONFIGFS "/enabled", val);
}

/* Create (or truncate) a file; 0 or -errno. */
static inline int sct_write_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

/* Does path exist? */
static inline int sct_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/*
 * The path of program NAME in the running test's directory, where the
 * helpers are installed with the tests, into buf: 0 if it can be run,
 * else -1.
 */
static inline int sct_sibling(const char *name, char *buf, size_t size)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n < 0)
		return -1;
	self[n] = '\0';
	snprintf(buf, size, "%s/%s", dirname(self), name);
	return access(buf, X_OK);
}

/* A line of /dev/sct_log (a read() is a line), without its newline. */
static inline int sct_read_line(int fd, char *buf, size_t size)
{
	ssize_t n = read(fd, buf, size - 1);

	if (n <= 0)
		return n < 0 ? -errno : -ENODATA;
	if (buf[n - 1] != '\n')
		return -EBADMSG;
	buf[n - 1] = '\0';
	return 0;
}

#define SCT_TRACES	SCT_CONFIGFS "/traces"

/*
 * mkdir @path of a trace, again for 2 s while the bits of ended traces
 * are not free yet (an SRCU grace period after their rmdir): 0, or -errno
 * with errno set.
 */
static inline int sct_trace_mkdir(const char *path)
{
	int i;

	for (i = 0; i < 200; i++) {
		if (!mkdir(path, 0755))
			return 0;
		if (errno != ENOSPC)
			return -errno;
		usleep(10000);
	}
	errno = ENOSPC;
	return -ENOSPC;
}

/* Write attribute @attr of trace @name; 0 or -errno. */
static inline int sct_trace_write(const char *name, const char *attr,
				  const char *val)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s/%s", SCT_TRACES, name, attr);
	return sct_write_attr(path, val);
}

/* Add process @pid to trace @name; 0 or -errno. */
static inline int sct_trace_add(const char *name, pid_t pid)
{
	char val[32];

	snprintf(val, sizeof(val), "%d", pid);
	return sct_trace_write(name, "add", val);
}

/* Milliseconds of CLOCK_MONOTONIC. */
static inline long long sct_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

#endif /* SCT_TEST_H */
