#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Find the kernel's own error reports ("splats") in a guest console log:
# BUG, WARNING, KASAN, UBSAN, lockdep and RCU reports, sleeping in atomic
# context, RCU stalls, oopses, list corruption.  The debug lane
# (scripts/debug-lane.sh) fails on any.
#
#   scripts/splats.sh CONSOLE_LOG
#
# Prints the number of splats and each one's first line, with its line
# number, and the console around the first one; exits 1 if there is a
# splat, 0 if there is none, 2 if the log cannot be read.
# scripts/tests/splats.sh proves that each kind is caught.
set -euo pipefail

# Case-sensitive, anywhere in a line: a kernel message may start in the
# middle of a line of the guest's own output on the shared console.
patterns=(
	'BUG: '				# BUG_ON, KASAN, page faults, sleeping
					# in atomic context, soft lockups
	'WARNING: '			# WARN_ON, lockdep, RCU usage
	'KASAN: '
	'UBSAN: '
	'possible circular locking dependency'
	'possible recursive locking'
	'inconsistent lock state'
	'possible irq lock inversion'
	'suspicious RCU usage'
	'DEBUG_LOCKS_WARN_ON'
	'lockdep is turned off'
	'turning off the locking correctness validator'
	'sleeping function called from invalid context'
	'scheduling while atomic'
	'self-detected stall on CPU'
	'detected stalls on CPUs/tasks'
	'rcu: INFO: '
	'INFO: task .* blocked for more than'
	'Oops: '
	'general protection fault'
	'Kernel panic'
	'list_(add|del) corruption'
	'---\[ end trace '
)

log=${1:-}
if [ -z "$log" ] || [ ! -r "$log" ]; then
	echo "usage: ${0##*/} CONSOLE_LOG (a readable file)" >&2
	exit 2
fi

args=()
for p in "${patterns[@]}"; do
	args+=(-e "$p")
done

hits=$(grep -a -n -E "${args[@]}" "$log" || true)
if [ -z "$hits" ]; then
	echo "no splats in ${log##*/}"
	exit 0
fi

n=$(printf '%s\n' "$hits" | wc -l)
echo "$n splat lines in ${log##*/}:"
printf '%s\n' "$hits" | head -n 40 | sed 's/^/  line /'
[ "$n" -le 40 ] || echo "  ..."
first=${hits%%:*}
echo "---- the console around the first (line $first) ----"
sed -n "$((first > 5 ? first - 5 : 1)),$((first + 40))p" "$log"
echo "------------------------------------------------------"
exit 1
