#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Tests of the guest harness itself (scripts/boot.sh), on the real test
# kernel: a command's exit status comes back, and a guest that panics or
# hangs fails within its time limit with the console tail printed.
# Prints TAP results.
set -euo pipefail

root=$(cd "$(dirname "$0")/../../.." && pwd)
name=harness
# shellcheck source=scripts/tests/tap.bash
. "$(dirname "$0")/../tap.bash"
tap_detail=$tmp/err

boot() {	# boot CMD: status in $rc, stdout in $tmp/out, stderr in $tmp/err
	rc=0
	"$root/scripts/boot.sh" cmd "$1" >"$tmp/out" 2>"$tmp/err" || rc=$?
}

boot 'echo hello from the guest; exit 7'
result "a guest command's status comes back" "$([ $rc -eq 7 ]; echo $?)"
result "a guest command's output comes back" \
	"$(grep -qx 'hello from the guest' "$tmp/out"; echo $?)"

# make run CMD=...: the command arrives as typed, quotes and $ included.
rc=0
# shellcheck disable=SC2016 # expanded in the guest, or literal
make -s -C "$root" run CMD='x="a  b"; echo "$x" '"'"'$0'"'"' $((6 * 7))' \
	>"$tmp/out" 2>"$tmp/err" || rc=$?
# shellcheck disable=SC2016 # a literal $0
want='a  b $0 42'
result "make run CMD=... keeps quotes and dollar signs" \
	"$([ $rc -eq 0 ] && grep -qxF "$want" "$tmp/out"; echo $?)"

boot 'echo c > /proc/sysrq-trigger; sleep 60'
result "a panic fails the run" "$([ $rc -ne 0 ]; echo $?)"
result "a panic is reported with the console tail" \
	"$(grep -q 'panicked' "$tmp/err" && grep -q 'last 50 console lines' "$tmp/err"; echo $?)"

start=$SECONDS
SCT_GUEST_TIMEOUT=20 boot 'sleep 600'
took=$((SECONDS - start))
result "a hang fails the run" "$([ $rc -ne 0 ]; echo $?)"
result "a hang ends at the time limit ($took s for 20 s)" \
	"$([ $took -lt 60 ]; echo $?)"
result "a hang is reported with the console tail" \
	"$(grep -q 'did not finish' "$tmp/err" && grep -q 'last 50 console lines' "$tmp/err"; echo $?)"

finish
