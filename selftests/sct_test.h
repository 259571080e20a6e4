/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the sct kselftests.
 */
#ifndef SCT_TEST_H
#define SCT_TEST_H

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
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

/* Does path exist? */
static inline int sct_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

#endif /* SCT_TEST_H */
