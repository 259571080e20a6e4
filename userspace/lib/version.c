// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libsct: its version, as the library a program runs with has it.
 */
#include "sct.h"

#define SCT_STR_(x)	#x
#define SCT_STR(x)	SCT_STR_(x)

const char *sct_version(void)
{
	return SCT_STR(SCT_VERSION_MAJOR) "." SCT_STR(SCT_VERSION_MINOR) "."
		SCT_STR(SCT_VERSION_MICRO);
}
