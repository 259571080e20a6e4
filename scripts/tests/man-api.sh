#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# libsct's public API and its manual: <sct.h> defines no structure (the
# types are opaque), every function it declares is named in the NAME
# section of a page of section 3, every such page has the sections of
# Linux man-pages (ERRORS and ATTRIBUTES included) and renders without
# warnings, every name a page gives is a function of <sct.h>, and make
# install gives each function a page of its own (or a .so link to its
# group's), so that "man sct_rule_get_int" works; the programs of the
# EXAMPLES sections compile, with the C library's common headers too (no
# name of theirs clashes with one of the libc's).  Prints TAP.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

name='man-api'
# shellcheck source=scripts/tests/tap.bash
. "$(dirname "$0")/tap.bash"
tap_detail="$tmp/detail"
man=$SCT_ROOT/Documentation/man
# The public headers, but the kernel's record structures (sct/record.h).
hdrs=("$SCT_ROOT/userspace/lib/sct.h")
for h in "$SCT_ROOT"/userspace/lib/sct/*.h; do
	[ "${h##*/}" = record.h ] || hdrs+=("$h")
done

# The functions the headers declare: "TYPE [*]sct_NAME(" at a line's start,
# or "sct_NAME(" after a line with the type.
sed -n -e 's/^[a-z].*[ *]\(sct_[a-z0-9_]*\)(.*/\1/p' \
	-e 's/^\(sct_[a-z0-9_]*\)(.*/\1/p' "${hdrs[@]}" | sort -u >"$tmp/declared"
# The names the NAME sections of section 3 give, but libsct(3)'s.
for m in "$man"/*.3; do
	[ "${m##*/}" = libsct.3 ] && continue
	sed -n '/^\.SH NAME/,/\\-/p' "$m" | sed -e '1d' -e 's/\\-.*//' |
		tr -s ', ' '\n' | sed '/^$/d'
done | sort >"$tmp/documented"

st=0
grep -n '^\(typedef \)\?struct sct_[a-z_]* {' "${hdrs[@]}" >"$tmp/detail" && st=1
result "sct.h defines no structure: its types are opaque" $st

st=0
comm -23 "$tmp/declared" "$tmp/documented" >"$tmp/detail"
[ -s "$tmp/detail" ] && st=1
result "every function of sct.h is named in a page of section 3" $st

st=0
comm -13 "$tmp/declared" "$tmp/documented" >"$tmp/detail"
[ -s "$tmp/detail" ] && st=1
result "every name of a page of section 3 is a function of sct.h" $st

st=0
sort "$tmp/documented" | uniq -d >"$tmp/detail"
[ -s "$tmp/detail" ] && st=1
result "no function is named in two pages" $st

st=0
: >"$tmp/detail"
for m in "$man"/*.3; do
	for s in NAME LIBRARY SYNOPSIS DESCRIPTION "RETURN VALUE" ERRORS \
		ATTRIBUTES "SEE ALSO"; do
		[ "${m##*/}" = libsct.3 ] &&
			case $s in "RETURN VALUE" | ERRORS | ATTRIBUTES) continue ;; esac
		grep -q "^\.SH \"\?$s\"\?\$" "$m" ||
			echo "${m##*/}: no $s section" >>"$tmp/detail"
	done
done
[ -s "$tmp/detail" ] && st=1
result "every page has NAME ... RETURN VALUE, ERRORS, ATTRIBUTES" $st

st=0
: >"$tmp/detail"
for m in "$man"/*.3; do
	groff -t -man -ww -z "$m" >>"$tmp/detail" 2>&1 || st=1
done
[ -s "$tmp/detail" ] && st=1
result "every page renders without warnings" $st

st=0
: >"$tmp/detail"
while read -r f; do
	grep -q "[ *]$f(" "$man/libsct.3" ||
		echo "libsct.3 does not list $f" >>"$tmp/detail"
done <"$tmp/declared"
[ -s "$tmp/detail" ] && st=1
result "libsct(3) lists every function" $st

# Each program (a .EX block with a main()) of an EXAMPLES section.
st=0
: >"$tmp/detail"
progs=0
for m in "$man"/*.3; do
	awk '/^\.SH EXAMPLES/ { e = 1 }
		e && /^\.EX/ { x = 1; buf = ""; next }
		e && /^\.EE/ { if (buf ~ /int main/) printf "%s", buf; x = 0; next }
		x { buf = buf $0 "\n" }' "$m" |
		sed -e 's/\\e/\\/g' -e 's/\\-/-/g' -e "s/\\\\(aq/'/g" >"$tmp/ex.c"
	[ -s "$tmp/ex.c" ] || continue
	progs=$((progs + 1))
	gcc -D_GNU_SOURCE -Wall -Werror -include stdlib.h -include unistd.h \
		-include string.h -I"$SCT_ROOT/userspace/lib" -fsyntax-only \
		"$tmp/ex.c" >"$tmp/log" 2>&1 ||
		{ echo "${m##*/}:" && cat "$tmp/log"; } >>"$tmp/detail"
done
[ "$progs" -gt 0 ] || echo "no program found in EXAMPLES" >>"$tmp/detail"
[ -s "$tmp/detail" ] && st=1
result "the EXAMPLES programs compile, with <stdlib.h>, <unistd.h> and <string.h> ($progs)" $st

st=0
make -s -C "$SCT_ROOT/userspace" OUTPUT="$BUILD/userspace-man" \
	KSRC="$KTREE" DESTDIR="$tmp/root" PREFIX=/usr install \
	>"$tmp/detail" 2>&1 || st=$?
result "make install" $st

st=0
: >"$tmp/detail"
m3=$tmp/root/usr/share/man/man3
while read -r f; do
	if [ ! -f "$m3/$f.3" ]; then
		echo "no page $f.3" >>"$tmp/detail"
	elif grep -q '^\.so ' "$m3/$f.3"; then
		t=$(sed -n 's/^\.so man3\///p' "$m3/$f.3")
		[ -f "$m3/$t" ] || echo "$f.3: no $t" >>"$tmp/detail"
	fi
done <"$tmp/declared"
for m in "$man"/*.3; do
	[ -f "$m3/${m##*/}" ] ||
		echo "${m##*/} is not installed (MAN3)" >>"$tmp/detail"
done
[ -s "$tmp/detail" ] && st=1
result "every function has an installed page, or a .so link to one" $st

st=0
MANPATH=$tmp/root/usr/share/man man -P cat sct_rule_get_int \
	>"$tmp/detail" 2>&1 || st=1
grep -q 'sct_rule_set_int' "$tmp/detail" || st=1
result "man sct_rule_get_int shows the rule object's page" $st

finish
