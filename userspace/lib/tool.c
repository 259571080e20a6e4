// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libsct: what the tools share that is no part of the library's API
 * (not in libsct.map): they link libsct.a.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sct-private.h"

void sct_close_stdout(void)
{
	bool failed = ferror(stdout);

	errno = 0;
	if (fclose(stdout) || failed) {
		if (errno)
			fprintf(stderr, "%s: write error: %s\n",
				program_invocation_short_name, strerror(errno));
		else
			fprintf(stderr, "%s: write error\n",
				program_invocation_short_name);
		_exit(1);
	}
}
