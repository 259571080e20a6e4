#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# libsct as a distribution ships it and its users build on it: installed
# into a DESTDIR with PREFIX=/usr,
#   - the files: <sct.h>, <sct/*.h>, libsct.so.1.0.0 and its links,
#     libsct.a, pkgconfig/libsct.pc, and no <linux/sct.h>;
#   - a program (userspace/tests/libsct-prog.c) built with
#     "cc prog.c $(pkg-config --cflags --libs libsct)" needs libsct.so.1,
#     runs on it and prints sct_version(), which is <sct.h>'s version;
#   - libsct.so.1 exports what lib/libsct.map lists and nothing else, the
#     map lists the functions of the installed headers, no more and no
#     fewer, and each is in the NAME section of a section 3 man page of
#     Documentation/man;
#   - each header compiles alone in strict C99; <sct/record.h> has
#     <linux/sct.h>'s include guard, so that a program may include both
#     once the kernel ships that, and an older <linux/sct.h> included
#     first is an #error, not prototypes silently left out;
#   - every constant of the headers' enums has its value written out;
#   - a C++ program includes <sct.h>, links with libsct.so.1 and runs
#     (the headers are extern "C").
# Prints TAP.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

name=libsct-abi
need_pkgs g++
# shellcheck source=scripts/tests/tap.bash
. "$(dirname "$0")/tap.bash"

cc=${CC:-gcc}
r=$tmp/root
lib=$r/usr/lib
inc=$r/usr/include
map=$SCT_ROOT/userspace/lib/libsct.map
log=$tmp/log
tap_detail=$log

st=0
make -s -C "$SCT_ROOT/userspace" OUTPUT="$BUILD/userspace-abi" \
	DESTDIR="$r" PREFIX=/usr install >"$log" 2>&1 || st=$?
result "make install DESTDIR=... PREFIX=/usr succeeds" $st

: >"$log"
for f in include/sct.h include/sct/record.h lib/libsct.so.1.0.0 \
	lib/libsct.a lib/pkgconfig/libsct.pc; do
	[ -f "$r/usr/$f" ] || echo "missing: usr/$f" >>"$log"
done
[ "$(readlink "$lib/libsct.so.1")" = libsct.so.1.0.0 ] ||
	echo "usr/lib/libsct.so.1 does not link to libsct.so.1.0.0" >>"$log"
[ "$(readlink "$lib/libsct.so")" = libsct.so.1 ] ||
	echo "usr/lib/libsct.so does not link to libsct.so.1" >>"$log"
[ ! -e "$inc/linux/sct.h" ] ||
	echo "usr/include/linux/sct.h is installed: it would clash with linux-libc-dev" >>"$log"
result "the headers, libsct.so.1.0.0, its links, libsct.a and libsct.pc are installed" \
	"$([ -s "$log" ] && echo 1 || echo 0)"

st=0
readelf -d "$lib/libsct.so.1.0.0" >"$log" 2>&1 || st=1
grep -q 'Library soname: \[libsct\.so\.1\]' "$log" || st=1
result "libsct.so.1.0.0's soname is libsct.so.1" $st

# pkg-config, on the DESTDIR alone.
pc() {
	PKG_CONFIG_PATH='' PKG_CONFIG_LIBDIR=$lib/pkgconfig \
		PKG_CONFIG_SYSROOT_DIR=$r pkg-config "$@"
}
want=$(sed -n 's/^#define SCT_VERSION_\(MAJOR\|MINOR\|MICRO\)[[:space:]]*\([0-9]*\)$/\2/p' \
	"$SCT_ROOT/userspace/lib/sct.h" | paste -sd.)
st=0
got=$(pc --modversion libsct 2>"$log") || st=1
[ "$got" = "$want" ] || { echo "modversion '$got', sct.h '$want'" >>"$log"; st=1; }
result "pkg-config --modversion libsct is sct.h's version ($want)" $st

st=0
flags=$(pc --cflags --libs libsct 2>"$log") || st=1
# shellcheck disable=SC2086 # the flags are words
[ $st -ne 0 ] || "$cc" -Wall -Wextra -Werror -o "$tmp/prog" \
	"$SCT_ROOT/userspace/tests/libsct-prog.c" $flags >>"$log" 2>&1 || st=1
result "cc prog.c \$(pkg-config --cflags --libs libsct) builds" $st

st=0
readelf -d "$tmp/prog" >"$log" 2>&1 || st=1
grep -q 'NEEDED.*Shared library: \[libsct\.so\.1\]' "$log" || st=1
result "the program needs libsct.so.1" $st

st=0
LD_LIBRARY_PATH=$lib "$tmp/prog" >"$tmp/out" 2>"$log" || st=1
cat "$tmp/out" >>"$log"
grep -qx "version $want" "$tmp/out" || st=1
grep -qx "header $want" "$tmp/out" || st=1
grep -qx "library $lib/libsct.so.1" "$tmp/out" || st=1
grep -qx "getpid 39" "$tmp/out" || st=1
result "it runs on the installed libsct.so.1 and prints sct_version() ($want)" $st

# The names: exported, listed in the map, declared, documented.
nm -D --defined-only "$lib/libsct.so.1" 2>"$log" |
	awk '$2 != "A" { print $3 }' | sort >"$tmp/exported" || true
# Every exported symbol has the map's version node.
st=0
if grep -v '@@LIBSCT_1\.0$' "$tmp/exported" >>"$log"; then st=1; fi
sed -i 's/@.*//' "$tmp/exported"
[ -s "$tmp/exported" ] || st=1
sed -e 's|/\*.*\*/||' "$map" 2>>"$log" |
	{ grep -oE '^[[:space:]]*[A-Za-z_][A-Za-z0-9_]*;' || true; } |
	tr -d ' \t;' | sort >"$tmp/mapped" || st=1
diff -u "$tmp/mapped" "$tmp/exported" >>"$log" || st=1
result "nm -D libsct.so.1 shows the names of lib/libsct.map, and only those" $st

# The functions the installed headers declare, by the compiler.
st=0
printf '#include <sct.h>\n' >"$tmp/h.c"
for h in "$inc"/sct/*.h; do
	printf '#include <sct/%s>\n' "${h##*/}" >>"$tmp/h.c"
done
"$cc" -D_GNU_SOURCE -I"$inc" -fsyntax-only -aux-info "$tmp/aux" "$tmp/h.c" \
	>"$log" 2>&1 || st=1
grep -F "/* $inc/" "$tmp/aux" |
	sed -E 's/^.* \**([A-Za-z_][A-Za-z0-9_]*) \(.*$/\1/' | sort -u >"$tmp/declared"
[ -s "$tmp/declared" ] || st=1
diff -u --label lib/libsct.map --label 'the installed headers' \
	"$tmp/mapped" "$tmp/declared" >>"$log" || st=1
result "lib/libsct.map lists the functions of the installed headers, no more, no fewer" $st

# A function is documented when a section 3 page names it in its NAME
# section ("sct_a, sct_b \- ...").
st=0
: >"$tmp/documented"
for page in "$SCT_ROOT"/Documentation/man/*.3; do
	sed -n '/^\.SH NAME/,/^\.SH/{/^\.SH/d;p}' "$page" | tr '\n' ' ' |
		sed -e 's/\\-.*//' -e 's/\\f[BIRP]//g' -e 's/\\//g' |
		tr -s ', ' '\n' | sed '/^$/d' >>"$tmp/documented"
done
sort -u -o "$tmp/documented" "$tmp/documented"
: >"$log"
comm -23 "$tmp/mapped" "$tmp/documented" | sed 's/^/undocumented: /' >"$log"
[ -s "$log" ] && st=1
[ -s "$tmp/mapped" ] || st=1
result "every function of lib/libsct.map is in the NAME of a man page (section 3)" $st

# Each public header on its own, in strict C99, without _GNU_SOURCE.
st=0
: >"$log"
for h in sct.h "$inc"/sct/*.h; do
	h=${h#"$inc"/}
	printf '#include <%s>\n' "$h" >"$tmp/one.c"
	"$cc" -std=c99 -pedantic -Wall -Wextra -Werror -I"$inc" -fsyntax-only \
		"$tmp/one.c" >>"$log" 2>&1 || { echo "<$h> does not compile alone" >>"$log"; st=1; }
done
result "each installed header compiles alone (-std=c99 -pedantic)" $st

# <sct/record.h> and the kernel's <linux/sct.h> (here: the same text
# under that name) in one program.
st=0
mkdir -p "$tmp/inc/linux"
cp "$inc/sct/record.h" "$tmp/inc/linux/sct.h" 2>"$log" || st=1
printf '#include <linux/sct.h>\n#include <sct.h>\nint main(void) { return 0; }\n' \
	>"$tmp/both.c"
"$cc" -D_GNU_SOURCE -Wall -Werror -I"$inc" -I"$tmp/inc" -fsyntax-only \
	"$tmp/both.c" >>"$log" 2>&1 || st=1
result "<sct.h> and <linux/sct.h> go together in one program" $st

# An older <linux/sct.h> (here: the same text, at record version 4)
# included first takes <sct/record.h>'s place: <sct.h> must say so.
st=0
sed 's/^#define SCT_RECORD_VERSION[[:space:]].*/#define SCT_RECORD_VERSION\t4/' \
	"$inc/sct/record.h" >"$tmp/inc/linux/sct.h" 2>"$log" || st=1
grep -q '^#define SCT_RECORD_VERSION.4$' "$tmp/inc/linux/sct.h" || st=1
if "$cc" -D_GNU_SOURCE -I"$inc" -I"$tmp/inc" -fsyntax-only "$tmp/both.c" \
	>>"$log" 2>&1; then
	echo "<sct.h> compiled after a <linux/sct.h> of record version 4" >>"$log"
	st=1
fi
grep -q 'error: #error .*version 5' "$log" || st=1
result "<sct.h> after an older <linux/sct.h> is an #error" $st

# Each enumerator of the installed headers, but the kernel's, is written
# with its value ("SCT_X = 3,"): a constant's value is part of the ABI.
st=0
awk '/^enum [a-z_]* \{/ { e = 1; next }
	e && /^\};/ { e = 0; next }
	e && /^[[:space:]]*[A-Z][A-Z0-9_]*[[:space:]]*(,|$|\/\*)/ {
		print FILENAME ": " $0; bad = 1 }
	END { exit bad }' "$inc/sct.h" "$inc/sct/session.h" >"$log" 2>&1 || st=1
result "every enum constant of <sct.h> and <sct/session.h> has its value written" $st

# C++: the declarations are extern "C", so that the names link.
st=0
cxx=${CXX:-g++}
cat >"$tmp/cxx.cc" <<'EOF'
#include <sct.h>
#include <cstdio>
#include <cstring>

int main()
{
	const char *v = sct_version();

	std::printf("version %s\n", v);
	std::printf("getpid %d\n", sct_syscall_number("getpid"));
	return std::strcmp(v, LIBSCT_VERSION) != 0;
}
EOF
# shellcheck disable=SC2046 # the flags are words
"$cxx" -Wall -Wextra -o "$tmp/cxx" "$tmp/cxx.cc" $(pc --cflags --libs libsct) \
	>"$log" 2>&1 || st=1
[ $st -ne 0 ] || LD_LIBRARY_PATH=$lib "$tmp/cxx" >"$tmp/out" 2>>"$log" || st=1
[ $st -ne 0 ] || grep -qx "version $want" "$tmp/out" || st=1
result "a C++ program includes <sct.h>, links with libsct.so.1 and runs" $st

finish
