#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# sctrace's decoders against the real strace 6.1 in the guest, on the
# calls of "sctrace-corpus decode" (userspace/tests/sctrace-corpus.c):
# fcntl's commands and their returns, prctl's options, unknown values'
# comments, a sigset of size 0; and of "newcalls" and "morecalls".  Each of those calls' lines must be the
# same in both outputs, addresses aside.  Prints TAP results.
set -euo pipefail

name=sctrace-decode
# shellcheck source=scripts/tests/guest/lib.bash
. "$(dirname "$0")/lib.bash"

# shellcheck disable=SC2016 # expanded in the guest
guest='
command -v strace >/dev/null || { echo "== nostrace"; echo "== end"; exit 0; }
strace -o /tmp/a sctrace-corpus decode >/dev/null 2>&1
sctrace -o /tmp/b sctrace-corpus decode >/dev/null 2>&1
strace -o /tmp/c sctrace-corpus newcalls >/dev/null 2>&1
sctrace -o /tmp/d sctrace-corpus newcalls >/dev/null 2>&1
strace -o /tmp/e sctrace-corpus morecalls >/dev/null 2>&1
sctrace -o /tmp/f sctrace-corpus morecalls >/dev/null 2>&1
echo "== a"; cat /tmp/a
echo "== b"; cat /tmp/b
echo "== c"; cat /tmp/c
echo "== d"; cat /tmp/d
echo "== e"; cat /tmp/e
echo "== f"; cat /tmp/f
echo "== end"
'

run_guest
result "the guest ran the script" \
	"$(all "$(ok [ "$rc" -eq 0 ])" "$(ok grep -qx '== end' "$tmp/out")")"
need_strace

# same_lines STRACE SCTRACE WHAT MIN: each of strace's lines (file
# STRACE) is in sctrace's (SCTRACE), there are at least MIN of them, and
# the two are the same lines in the same order.  ($n is tap.bash's count
# of results: the lines are counted in $lines.)
same_lines() {
	local line lines=0

	while IFS= read -r line; do
		lines=$((lines + 1))
		result "sctrace prints as strace: $line" \
			"$(ok grep -qxF -- "$line" "$2")"
	done <"$1"
	result "strace printed the $3 compared ($lines lines)" \
		"$(ok [ "$lines" -ge "$4" ])"
	diff "$1" "$2" >"$tmp/diff" || true
	tap_detail=$tmp/diff
	result "sctrace printed the same $3, in the same order" \
		"$(ok cmp -s "$1" "$2")"
	tap_detail=
}

# The lines of the calls compared, addresses made 0xADDR.
calls() {
	part "$1" | grep -E '^(fcntl|lseek|prctl|rt_sigprocmask)\(' |
		sed -E 's/0x[0-9a-f]{6,}/0xADDR/g'
}
calls a >"$tmp/a"
calls b >"$tmp/b"
same_lines "$tmp/a" "$tmp/b" calls 19

# The newer calls ("sctrace-corpus newcalls"), clone3's child's pid
# made N.
newcalls() {
	part "$1" | grep -E '^(statx|faccessat2|openat2|close_range|execveat|clone3|inotify_[a-z0-9_]+|timerfd_[a-z]+|[gs]etpriority|sched_[a-z_]+|mlock2|mlockall|pidfd_open|copy_file_range|splice)\(' |
		sed -E -e 's/0x[0-9a-f]{6,}/0xADDR/g' \
			-e 's/^(clone3\(.*\) += )[0-9]+$/\1N/'
}
newcalls c >"$tmp/c"
newcalls d >"$tmp/d"
same_lines "$tmp/c" "$tmp/d" "newer calls" 26

# More calls ("sctrace-corpus morecalls"), pids made N, addresses
# 0xADDR (not personality's 0xffffffff).
morecalls() {
	part "$1" | grep -E '^(select|pselect6|rt_sigtimedwait|utimensat|waitid|getdents|mknod|mknodat|personality|membarrier|getcpu|ioprio_[gs]et)\(' |
		sed -E -e 's/0x[0-9a-e][0-9a-f]{5,}/0xADDR/g' -e 's/si_pid=[0-9]+/si_pid=N/' \
			-e 's/^waitid\(P_PID, [0-9]+/waitid(P_PID, N/'
}
morecalls e >"$tmp/e"
morecalls f >"$tmp/f"
same_lines "$tmp/e" "$tmp/f" "more calls" 24

guest_finish
