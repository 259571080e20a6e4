#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# strace's syscall classes (%file, %process, %network, ...) for x86_64,
# as the C table that libsct's sct_syscall_class() reads
# (lib/syscall-classes.h):
#
#   gen-classes.sh STRACE_SRC SYSCALL_64_TBL [KERNEL] > syscall-classes.h
#
# STRACE_SRC is a strace source tree (a release tarball or a git
# checkout); SYSCALL_64_TBL the kernel's arch/x86/entry/syscalls/
# syscall_64.tbl; KERNEL, if given, names the kernel source it is from,
# for the header comment.  "make classes STRACE_SRC=DIR" in userspace/
# runs it.  The strace version written into the header is STRACE_VERSION
# if set, else the tree's .tarball-version, else what git says of it.
#
# Where membership comes from, all of it read from STRACE_SRC:
#   - src/linux/x86_64/syscallent.h, and the files it includes (searched
#     for as strace's build does: next to the including file, then in
#     src/linux/x86_64, then in src/linux/generic): one entry per native
#     syscall, with its name and its flags, written as shorthands (TD,
#     TF, ...);
#   - src/sysent_shorthand_defs.h: the TRACE_* flag of each shorthand;
#   - src/basic_filters.c: the class names that strace's -e trace=
#     takes ("%desc", "%net", ...) and the TRACE_* flag of each.
# A syscall is in a class when its entry carries the class's flag, as
# strace selects it.  Only the facts are taken, no code.
#
# Names that the kernel's table (its "common" and "64" lines, the native
# table of libsct) lacks are dropped from every class, and listed in the
# header comment.  Entries the script cannot read with certainty (a
# preprocessor conditional other than the BASE_NR default, an unknown
# flag, a class without members) stop it with an error, rather than give
# other members than strace's.
set -eu

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
	echo "usage: gen-classes.sh STRACE_SRC SYSCALL_64_TBL [KERNEL]" >&2
	exit 2
fi
top=${1%/}
tbl=$2
kernel=${3:-}
src=$top/src

for f in "$src/linux/x86_64/syscallent.h" "$src/sysent_shorthand_defs.h" \
	"$src/basic_filters.c" "$tbl"; do
	if [ ! -r "$f" ]; then
		echo "gen-classes.sh: cannot read $f" >&2
		exit 1
	fi
done

if [ -n "${STRACE_VERSION:-}" ]; then
	version=$STRACE_VERSION
elif [ -r "$top/.tarball-version" ]; then
	version="strace $(cat "$top/.tarball-version") (release tarball)"
elif version=$(git -C "$top" describe --tags 2>/dev/null); then
	version="strace $version (commit $(git -C "$top" rev-parse HEAD))"
else
	echo "gen-classes.sh: cannot tell the version of $top: set STRACE_VERSION" >&2
	exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. The native entries, includes followed: "number name flags" lines,
# and the files read, relative to STRACE_SRC, in $tmp/files.
awk -v top="$top" -v files="$tmp/files" '
function fail(msg) {
	print "gen-classes.sh: " msg > "/dev/stderr"
	err = 1
	exit 1
}
function readable(path,	line, r) {
	r = (getline line < path) >= 0
	close(path)
	return r
}
function dirname(path) {
	sub(/\/[^\/]*$/, "", path)
	return path
}
function expand(file,	line, name, cand, i, n, f, num, flags, q) {
	print substr(file, length(top) + 2) > files
	while ((getline line < file) > 0) {
		if (line ~ /^#[ \t]*include[ \t]*"/) {
			name = line
			sub(/^#[ \t]*include[ \t]*"/, "", name)
			sub(/".*/, "", name)
			cand[1] = dirname(file) "/" name
			cand[2] = top "/src/linux/x86_64/" name
			cand[3] = top "/src/linux/generic/" name
			for (i = 1; i <= 3 && !readable(cand[i]); i++)
				;
			if (i > 3)
				fail(file ": cannot find the included " name)
			expand(cand[i])
			continue
		}
		if (line ~ /^#[ \t]*ifndef[ \t]+BASE_NR[ \t]*$/) {
			skip = base != ""
			continue
		}
		if (line ~ /^#[ \t]*define[ \t]+BASE_NR[ \t]/) {
			if (!skip)
				base = line
			continue
		}
		if (line ~ /^#[ \t]*endif/) {
			skip = 0
			continue
		}
		if (line ~ /^[ \t]*#/)
			fail(file ": cannot read \"" line "\"")
		if (line !~ /^\[/)
			continue
		# [NUMBER] = { NARGS, FLAGS, SEN(...), "NAME" },
		num = line
		sub(/^\[[ \t]*/, "", num)
		sub(/[ \t]*\].*/, "", num)
		if (num ~ /^BASE_NR[ \t]*\+[ \t]*[0-9]+$/) {
			sub(/^BASE_NR[ \t]*\+[ \t]*/, "", num)
			num += basenr()
		} else if (num !~ /^[0-9]+$/) {
			fail(file ": cannot read the number of \"" line "\"")
		}
		n = split(line, f, ",")
		flags = f[2]
		gsub(/[ \t]/, "", flags)
		q = split(line, f, "\"")
		if (n < 4 || q != 3 || flags == "")
			fail(file ": cannot read \"" line "\"")
		if ((num + 0) in seen)
			fail(file ": syscall " num " twice")
		seen[num + 0] = 1
		print num + 0, f[2], flags
	}
	close(file)
}
function basenr(	v) {
	if (base == "")
		return 0
	v = base
	sub(/^#[ \t]*define[ \t]+BASE_NR[ \t]+/, "", v)
	if (v !~ /^[0-9]+[ \t]*$/)
		fail("cannot read \"" base "\"")
	return v + 0
}
BEGIN {
	expand(top "/src/linux/x86_64/syscallent.h")
	exit err
}' >"$tmp/entries"
echo src/sysent_shorthand_defs.h >>"$tmp/files"
echo src/basic_filters.c >>"$tmp/files"

# 2. The shorthands: "SHORT TRACE_FLAG" lines.
sed -n 's/^#[ \t]*define[ \t]\{1,\}\([A-Z]\{1,\}\)[ \t]\{1,\}\(TRACE_[A-Z_]\{1,\}\)[ \t]*$/\1 \2/p' \
	"$src/sysent_shorthand_defs.h" >"$tmp/shorthands"
# Flags that select nothing: "0", and the shorthands of other flags.
sed -n 's/^#[ \t]*define[ \t]\{1,\}\([A-Z]\{1,\}\)[ \t]\{1,\}[A-Z_]\{1,\}[ \t]*$/\1/p' \
	"$src/sysent_shorthand_defs.h" >"$tmp/known"

# 3. The classes: "%NAME TRACE_FLAG" lines.
sed -n 's/.*{[ \t]*\(TRACE_[A-Z_]\{1,\}\),[ \t]*"\(%[^"]*\)"[ \t]*}.*/\2 \1/p' \
	"$src/basic_filters.c" >"$tmp/classes"
if [ ! -s "$tmp/shorthands" ] || [ ! -s "$tmp/classes" ]; then
	echo "gen-classes.sh: no shorthands or no classes found in $src" >&2
	exit 1
fi

# 4. The kernel's native names.
awk '!/^[ \t]*(#|$)/ && ($2 == "common" || $2 == "64") { print $3 }' \
	"$tbl" >"$tmp/native"

# 5. "CLASS NAME" for the members, "-drop NAME CLASS" for those dropped.
awk -v shorthands="$tmp/shorthands" -v known="$tmp/known" \
    -v classes="$tmp/classes" -v native="$tmp/native" '
function fail(msg) {
	print "gen-classes.sh: " msg > "/dev/stderr"
	exit 1
}
BEGIN {
	while ((getline l < shorthands) > 0) {
		split(l, f, " ")
		flag[f[1]] = f[2]
	}
	while ((getline l < known) > 0)
		ok[l] = 1
	ok["0"] = 1
	while ((getline l < classes) > 0) {
		split(l, f, " ")
		class[f[1]] = f[2]
	}
	while ((getline l < native) > 0)
		kern[l] = 1
}
{
	n = split($3, t, "|")
	for (i = 1; i <= n; i++) {
		if (!(t[i] in ok))
			fail("unknown flag " t[i] " of " $2)
		if (!(t[i] in flag))
			continue
		for (c in class) {
			if (class[c] != flag[t[i]])
				continue
			if ($2 in kern) {
				print c, $2
				has[c] = 1
			} else {
				print "-drop", $2, c
			}
		}
	}
}
END {
	for (c in class)
		if (!(c in has))
			fail("class " c " has no member")
}' "$tmp/entries" | LC_ALL=C sort -u >"$tmp/members"

# 6. The header.
{
	echo '/* SPDX-License-Identifier: LGPL-2.1-or-later */'
	echo '/*'
	echo ' * Generated by lib/gen-classes.sh: do not edit.'
	echo ' *'
	echo " * strace's syscall classes for x86_64, as -e trace= selects them, from"
	echo " * $version:"
	sed 's/^/ *   /' "$tmp/files"
	printf ' * with names checked against the native table of %s' "${tbl##*/}"
	if [ -n "$kernel" ]; then
		printf ' of\n * %s.\n' "$kernel"
	else
		printf '.\n'
	fi
	echo ' * Dropped, as that table lacks them:'
	if grep -q '^-drop ' "$tmp/members"; then
		awk '$1 == "-drop" {
			if ($2 in cls) {
				cls[$2] = cls[$2] ", " $3
			} else {
				order[++n] = $2
				cls[$2] = $3
			}
		}
		END {
			for (i = 1; i <= n; i++)
				print " *   " order[i] " (" cls[order[i]] ")"
		}' "$tmp/members"
	else
		echo ' *   none.'
	fi
	echo ' *'
	echo " * A syscall is in a class when its entry in strace's table carries the"
	echo " * class's flag.  Each class is SCT_CLASS(NAME, MEMBERS): the native"
	echo ' * syscall names of the class, sorted and joined with commas.  To make'
	echo ' * it again, from a strace source tree (and the kernel tree KSRC,'
	echo ' * kernel-tree/ by default):'
	echo ' *'
	echo ' *   make -C userspace classes STRACE_SRC=/path/to/strace'
	echo ' */'
	awk '
	function flush() {
		if (cur == "")
			return
		printf "SCT_CLASS(\"%s\",\n", cur
		line = "\t  \""
		for (i = 1; i <= n; i++) {
			item = m[i] (i < n ? "," : "")
			if (length(line) + length(item) > 70) {
				print line "\""
				line = "\t  \""
			}
			line = line item
		}
		print line "\")"
	}
	$1 == "-drop" { next }
	$1 != cur { flush(); cur = $1; n = 0 }
	{ m[++n] = $2 }
	END { flush() }' "$tmp/members"
}
