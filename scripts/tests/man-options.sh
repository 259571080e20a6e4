#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The man pages of the tools match the tools: each long option that a
# tool's --help shows is in its man page, and each long option of the
# man page is in --help; and each is one the tool takes (an unknown
# option exits with status 2, a known one does not).  Prints TAP.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

name="man-options"
# shellcheck source=scripts/tests/tap.bash
. "$(dirname "$0")/tap.bash"
tap_detail="$tmp/err"
out=$BUILD/userspace-host
bin=$out/bin
man=$SCT_ROOT/Documentation/man

if ! make -s -C "$SCT_ROOT/userspace" OUTPUT="$out" KSRC="$KTREE" \
	"$bin/sctrules" "$bin/sctlog" "$bin/sctrace" >"$tmp/err" 2>&1; then
	result "build the tools" 1
	finish
	exit 1
fi

# The long options of text on standard input, one a line, sorted.
long_options() {
	grep -oE -- '(^|[^A-Za-z0-9-])--[a-z][a-z0-9-]*' |
		grep -oE -- '--[a-z][a-z0-9-]*' | sort -u
}

# A man page's text, its escapes undone: \- is -, fonts are dropped.
man_text() {
	sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$1"
}

for tool in sctrules sctlog sctrace; do
	page=$(ls "$man/$tool".[0-9])
	"$bin/$tool" --help 2>&1 | long_options >"$tmp/help"
	man_text "$page" | long_options >"$tmp/man"
	comm -23 "$tmp/help" "$tmp/man" >"$tmp/err"
	result "$tool: every long option of --help is in ${page##*/}" \
		"$([ -s "$tmp/err" ] && echo 1 || echo 0)"
	comm -13 "$tmp/help" "$tmp/man" >"$tmp/err"
	result "$tool: every long option of ${page##*/} is in --help" \
		"$([ -s "$tmp/err" ] && echo 1 || echo 0)"
	# getopt_long's own complaint, for an option the tool does not take;
	# on an empty directory standing for configfs, and no devices.
	: >"$tmp/err"
	mkdir -p "$tmp/cfs"
	while read -r opt; do
		rc=0
		SCT_CONFIGFS=$tmp/cfs timeout 10 "$bin/$tool" "$opt" </dev/null \
			>/dev/null 2>"$tmp/one" || rc=$?
		if grep -qE "unrecognized option|unknown option" "$tmp/one"; then
			echo "$opt: $(head -n 1 "$tmp/one") (status $rc)" >>"$tmp/err"
		fi
	done <"$tmp/help"
	result "$tool: the tool takes every long option of --help" \
		"$([ -s "$tmp/err" ] && echo 1 || echo 0)"
done
finish
