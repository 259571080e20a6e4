#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host-side tests, no guest needed:
#   - checkpatch.pl --strict is clean on every patch of the series, and
#     every patch has a "SUBSYSTEM: " subject and a Signed-off-by;
#   - shellcheck is clean on every script;
#   - the guest TAP parser gives the expected verdict on known logs;
#   - the script tests in scripts/tests/*.sh (each prints TAP).
# Prints one "ok"/"not ok" line per test and, last, "PASSED FAILED" to
# the file named by COUNTS (if any).
#
#   scripts/host-tests.sh [COUNTS]
#   scripts/host-tests.sh --guest [COUNTS]   only the tests of the guest
#                         harness (scripts/tests/guest/*.sh), which boot
#                         the test kernel
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

guest=0
if [ "${1:-}" = --guest ]; then
	guest=1
	shift
fi
counts=${1:-}
pass=0
fail=0
n=0

result() {	# result NAME STATUS [DETAILS FILE]
	n=$((n + 1))
	if [ "$2" -eq 0 ]; then
		echo "ok $n $1"
		pass=$((pass + 1))
	else
		echo "not ok $n $1"
		[ -n "${3:-}" ] && sed 's/^/# /' "$3"
		fail=$((fail + 1))
	fi
}

out=$(mktemp)
trap 'rm -f "$out"' EXIT

# Run a script that prints TAP; each of its results is one of ours.
tap_script() {
	local st=0 line

	"$1" >"$out" 2>&1 || st=$?
	while read -r line; do
		if [[ $line =~ ^ok\ [0-9]+\ (.*)$ ]]; then
			result "${BASH_REMATCH[1]}" 0
		elif [[ $line =~ ^not\ ok\ [0-9]+\ (.*)$ ]]; then
			result "${BASH_REMATCH[1]}" 1
		elif [[ $line =~ ^#\  ]]; then
			echo "$line"
		fi
	done <"$out"
	if [ $st -ne 0 ] && ! grep -q '^not ok' "$out"; then
		result "${1##*/} exited with status $st" 1 "$out"
	fi
}

finish() {
	echo "# host: $pass passed, $fail failed"
	[ -z "$counts" ] || echo "$pass $fail" >"$counts"
	[ $fail -eq 0 ]
}

if [ $guest -eq 1 ]; then
	for t in "$SCT_ROOT"/scripts/tests/guest/*.sh; do
		tap_script "$t"
	done
	finish
	exit
fi

# 1. The patches.
while read -r p _; do
	case "$p" in '' | '#'*) continue ;; esac
	st=0
	(cd "$KTREE" && ./scripts/checkpatch.pl --strict --no-summary -q \
		"../patches/$p") >"$out" 2>&1 || st=1
	# "sct: ...", or the subsystem a patch outside sct changes.
	if ! grep -Eq '^Subject: \[PATCH\] [a-z0-9_/]+: ' "$SCT_ROOT/patches/$p"; then
		echo "no 'Subject: [PATCH] SUBSYSTEM: ...' line" >>"$out"
		st=1
	fi
	result "checkpatch --strict $p" "$st" "$out"
done <"$SCT_ROOT/series"

# 2. The scripts.
while IFS= read -r f; do
	st=0
	shellcheck -x "$f" >"$out" 2>&1 || st=1
	result "shellcheck ${f#"$SCT_ROOT"/}" "$st" "$out"
done < <(ls "$SCT_ROOT"/scripts/*.sh "$SCT_ROOT"/scripts/tests/*.sh \
	"$SCT_ROOT"/scripts/tests/guest/*.sh \
	"$SCT_ROOT"/scripts/tests/guest/lib.bash \
	"$SCT_ROOT"/scripts/tests/tap.bash \
	"$SCT_ROOT"/scripts/tests/complete.bash \
	"$SCT_ROOT"/userspace/completion/sct.bash \
	"$SCT_ROOT"/scripts/guest/init \
	"$SCT_ROOT"/scripts/guest/run-tests \
	"$SCT_ROOT"/.ci/run)

# 3. The TAP parser, on known logs.
for log in "$SCT_ROOT"/scripts/tests/tap/*.log; do
	want=$(cat "${log%.log}.expect")
	st=0
	got=$("$SCT_ROOT/scripts/tap-summary.py" "$log" 2>/dev/null) || st=$?
	[ $st -eq 0 ] || got="$got broken"
	if [ "$got" = "$want" ]; then st=0; else
		echo "expected '$want', got '$got'" >"$out"
		st=1
	fi
	result "tap-summary ${log##*/}" "$st" "$out"
done

# 4. The script tests.
for t in "$SCT_ROOT"/scripts/tests/*.sh; do
	tap_script "$t"
done

finish
