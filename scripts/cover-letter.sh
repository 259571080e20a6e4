#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The parts of patches/0000-cover-letter.patch that the series makes, as
# "git format-patch --cover-letter" makes them: the number of patches in
# the subject, the shortlog of the patches' subjects, and the diffstat of
# the whole series (from kernel-tree/, with every patch applied).  The
# headers and the text before the shortlog are written by hand and kept.
#
#   scripts/cover-letter.sh           rewrite patches/0000-cover-letter.patch
#   scripts/cover-letter.sh --check   print the differences; fail if any
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

check=0
case ${1:-} in
--check) check=1 ;;
"") ;;
*) die "usage: ${0##*/} [--check]" ;;
esac

cover=$PATCHES/0000-cover-letter.patch
[ -f "$cover" ] || die "no $cover"
author=$(sed -n 's/^From: \(.*\) <.*>$/\1/p' "$cover" | head -n 1)
[ -n "$author" ] || die "$cover has no From: line"
grep -q '^Subject: \[PATCH 0*/[0-9]*\] ' "$cover" ||
	die "$cover has no 'Subject: [PATCH 00/NN] ...' line"

mapfile -t patches < <(sed -e '/^[[:space:]]*#/d' -e '/^[[:space:]]*$/d' \
	-e 's/[[:space:]].*//' "$SERIES")
n=${#patches[@]}
[ "$n" -gt 0 ] || die "$SERIES lists no patch"
width=${#n}
[ "$width" -ge 2 ] || width=2

# The subject of a patch, its continuation lines joined.
subject() {
	awk '/^Subject: / { sub(/^Subject: \[PATCH[^]]*\] /, ""); s = $0; on = 1; next }
	     on && /^[ \t]/ { sub(/^[ \t]+/, " "); s = s $0; next }
	     on { print s; exit }' "$PATCHES/$1"
}

applied=$(kquilt applied 2>/dev/null | wc -l)
[ "$applied" -eq "$n" ] ||
	die "kernel-tree has $applied of the $n patches applied (run make tree)"

new=$(mktemp)
trap 'rm -f "$new"' EXIT
{
	# The hand-written part, with the count set.
	sed -n "/^$author ([0-9]*):\$/q; p" "$cover" |
		sed "s|^Subject: \[PATCH 0*/[0-9]*\] |Subject: [PATCH $(printf "%0${width}d/%d" 0 "$n")] |"
	echo "$author ($n):"
	for p in "${patches[@]}"; do
		s=$(subject "$p")
		[ -n "$s" ] || die "$p has no Subject: line"
		echo "  $s"
	done
	echo
	kquilt diff -p ab --no-timestamps --no-index --combine - |
		diffstat -p1 -w 72
	echo
	echo '-- '
	echo 'sct'
} >"$new"

if [ $check -eq 1 ]; then
	diff -u "$cover" "$new"
	exit
fi
cmp -s "$cover" "$new" || cp "$new" "$cover"
