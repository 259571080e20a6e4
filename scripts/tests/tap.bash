# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
#
# TAP output for the script tests (scripts/tests/*.sh and guest/*.sh):
#   result DESCRIPTION STATUS   one "ok"/"not ok" line, "$name: " first;
#                               on failure the files in $tap_detail (if
#                               any) are shown as comments
#   finish                      the plan; fails if a result failed
# and $tmp, a directory removed on exit.  The sourcing script sets $name.
# shellcheck disable=SC2154

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fails=0
tap_detail=

result() {
	local f

	n=$((n + 1))
	if [ "$2" -eq 0 ]; then
		echo "ok $n $name: $1"
		return
	fi
	echo "not ok $n $name: $1"
	fails=$((fails + 1))
	for f in $tap_detail; do
		[ -f "$f" ] && sed 's/^/# /' "$f" | tail -n 20
	done
	return 0
}

finish() {
	echo "1..$n"
	[ $fails -eq 0 ]
}
