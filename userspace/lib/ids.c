// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libsct: user and group names to ids, for usernametoid() and
 * groupnametoid() in rule filters.  A plain reader of /etc/passwd and
 * /etc/group (or the files SCT_PASSWD and SCT_GROUP name), so that
 * static tools do not need NSS.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules-internal.h"

/**
 * sct_rf_lookup_id - the id of a name in a passwd or group file
 * @file: the file: lines of "name:password:id:..."
 * @name: the name
 * @id: set to the id
 *
 * Return: 0, -ENOENT when the file has no such name (or no valid id for
 * it), or another negative errno value when the file cannot be read.
 */
int sct_rf_lookup_id(const char *file, const char *name, unsigned long *id)
{
	size_t n = strlen(name), size = 0;
	char *line = NULL, *p, *end;
	int ret = -ENOENT;
	FILE *f;

	f = fopen(file, "re");
	if (!f)
		return -errno;
	while (getline(&line, &size, f) > 0) {
		if (strncmp(line, name, n) || line[n] != ':')
			continue;
		/* Skip the password field. */
		p = strchr(line + n + 1, ':');
		if (!p || p[1] < '0' || p[1] > '9')
			continue;
		errno = 0;
		*id = strtoul(p + 1, &end, 10);
		if (errno || *end != ':' || *id > 0xffffffffUL)
			continue;
		ret = 0;
		break;
	}
	if (ret && ferror(f))
		ret = -EIO;
	free(line);
	fclose(f);
	return ret;
}
