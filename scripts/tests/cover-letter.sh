#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# patches/0000-cover-letter.patch is in git format-patch's cover-letter
# form and up to date with the series: the count in its subject, the
# shortlog (every patch's subject, in order) and the diffstat are what
# scripts/cover-letter.sh makes of the series, and the letter itself is
# not in the series.  Prints TAP.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

name="cover-letter"
# shellcheck source=scripts/tests/tap.bash
. "$(dirname "$0")/tap.bash"

cover=$PATCHES/0000-cover-letter.patch
result "the cover letter is there" "$([ -f "$cover" ]; echo $?)"
result "it is not in the series" \
	"$(! grep -q '^0000-cover-letter' "$SERIES"; echo $?)"
st=0
head -n 1 "$cover" | grep -Eq '^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001$' || st=1
for h in From Date Subject; do
	grep -q "^$h: " "$cover" || st=1
done
result "it has format-patch's headers" $st
st=0
"$SCT_ROOT/scripts/cover-letter.sh" --check >"$tmp/diff" 2>&1 || st=$?
tap_detail=$tmp/diff
result "its count, shortlog and diffstat are the series' (scripts/cover-letter.sh)" $st
tap_detail=
finish
