#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host-side tests, no guest needed:
#   - checkpatch.pl --strict is clean on every patch of the series, and
#     every patch has an "sct: " subject and a Signed-off-by;
#   - shellcheck is clean on every script;
#   - the guest TAP parser gives the expected verdict on known logs.
# Prints one "ok"/"not ok" line per test and, last, "PASSED FAILED" to
# the file named by $1 (if any).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

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

# 1. The patches.
while read -r p _; do
	case "$p" in '' | '#'*) continue ;; esac
	st=0
	(cd "$KTREE" && ./scripts/checkpatch.pl --strict --no-summary -q \
		"../patches/$p") >"$out" 2>&1 || st=1
	if ! grep -q '^Subject: \[PATCH\] sct: ' "$SCT_ROOT/patches/$p"; then
		echo "no 'Subject: [PATCH] sct: ...' line" >>"$out"
		st=1
	fi
	result "checkpatch --strict $p" "$st" "$out"
done <"$SCT_ROOT/series"

# 2. The scripts.
while IFS= read -r f; do
	st=0
	shellcheck -x "$f" >"$out" 2>&1 || st=1
	result "shellcheck ${f#"$SCT_ROOT"/}" "$st" "$out"
done < <(ls "$SCT_ROOT"/scripts/*.sh "$SCT_ROOT"/scripts/guest/init \
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

echo "# host: $pass passed, $fail failed"
[ -z "$counts" ] || echo "$pass $fail" >"$counts"
[ $fail -eq 0 ]
