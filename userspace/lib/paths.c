// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libsct: the files and directories it uses (sct_set_path(3)).
 *
 * libsct reads no environment variables: a test points it elsewhere
 * with sct_set_path(), which a program calls before its threads use
 * libsct.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "rules-internal.h"

/* Where "make install" puts sct-guardian: the Makefile says. */
#ifndef SCT_GUARDIAN_PATH
#define SCT_GUARDIAN_PATH	"/usr/local/libexec/sct/sct-guardian"
#endif

static const char *const sct_default_paths[] = {
	[SCT_PATH_CONFIGFS]	= SCT_CONFIGFS_ROOT,
	[SCT_PATH_RECORDS]	= SCT_RECORDS_DEVICE,
	[SCT_PATH_CMDLINE]	= "/proc/cmdline",
	[SCT_PATH_PASSWD]	= "/etc/passwd",
	[SCT_PATH_GROUP]	= "/etc/group",
	[SCT_PATH_GUARDIAN]	= SCT_GUARDIAN_PATH,
};

#define SCT_NR_PATHS \
	(sizeof(sct_default_paths) / sizeof(sct_default_paths[0]))

/* The paths set, "" for the default. */
static char sct_paths[SCT_NR_PATHS][PATH_MAX];

int sct_set_path(enum sct_path which, const char *path)
{
	size_t len = path ? strlen(path) : 0;

	if ((unsigned int)which >= SCT_NR_PATHS)
		return -EINVAL;
	if (len >= PATH_MAX)
		return -ENAMETOOLONG;
	memcpy(sct_paths[which], path ? path : "", len + 1);
	return 0;
}

const char *sct_get_path(enum sct_path which)
{
	if ((unsigned int)which >= SCT_NR_PATHS)
		return NULL;
	return sct_paths[which][0] ? sct_paths[which] :
				     sct_default_paths[which];
}
