# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The syscalls of one compat ABI of an x86 syscall table (lines of
# "number abi name [entry ...]"), as designated initializers,
# [number] = "name", for a table of names, as the kernel's names.awk
# makes the native one:
#
#   awk -v abi=ia32 -f abi-names.awk syscall_32.tbl   the "i386" lines
#   awk -v abi=x32 -f abi-names.awk syscall_64.tbl    the "common" and
#                                                     "x32" lines
#
# Entries without an entry point (reserved numbers such as ia32's
# "break") are named too, as in the native table.

BEGIN {
	if (abi != "ia32" && abi != "x32") {
		print "abi-names.awk: abi must be ia32 or x32" > "/dev/stderr"
		exit 1
	}
}
/^[ \t]*(#|$)/ { next }
abi == "ia32" && $2 == "i386" { printf "\t[%d] = \"%s\",\n", $1, $3 }
abi == "x32" && ($2 == "common" || $2 == "x32") { printf "\t[%d] = \"%s\",\n", $1, $3 }
