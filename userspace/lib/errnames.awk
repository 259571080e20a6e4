# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The error names the kernel's errname() knows (lib/errname.c, lines of
# "E(ENAME),"), as C string initializers: the names that error_code can
# be written with.  Names under #if are left out (they depend on the
# architecture): rule files then get their numbers.

/^#[ \t]*if/ { depth++; next }
/^#[ \t]*endif/ { depth--; next }
depth == 0 && match($0, /^[ \t]*E\(E[A-Z0-9_]+\)/) {
	s = substr($0, RSTART, RLENGTH)
	sub(/^[ \t]*E\(/, "", s)
	sub(/\)$/, "", s)
	printf "\t\"%s\",\n", s
}
