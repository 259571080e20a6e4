# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The error names the kernel's errname() knows (lib/errname.c, lines of
# "E(ENAME),"), as lines SCT_ERRNAME("ENAME") for the names that
# error_code can be written with, and SCT_ERRNAME_INTERNAL("ENAME") for
# the kernel-internal codes of 512 and above (the names_512 table:
# ERESTARTSYS, ...), which error_code refuses.  Names under #if are left
# out (they depend on the architecture): rule files then get their
# numbers.

/^#[ \t]*if/ { depth++; next }
/^#[ \t]*endif/ { depth--; next }
/names_512\[\]/ { internal = 1 }
depth == 0 && match($0, /^[ \t]*E\(E[A-Z0-9_]+\)/) {
	s = substr($0, RSTART, RLENGTH)
	sub(/^[ \t]*E\(/, "", s)
	sub(/\)$/, "", s)
	printf "SCT_ERRNAME%s(\"%s\")\n", internal ? "_INTERNAL" : "", s
}
