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

# The lines of the calls compared, addresses made 0xADDR.
calls() {
	part "$1" | grep -E '^(fcntl|lseek|prctl|rt_sigprocmask)\(' |
		sed -E 's/0x[0-9a-f]{6,}/0xADDR/g'
}
calls a >"$tmp/a"
calls b >"$tmp/b"
# ($n is tap.bash's count of results: the lines are counted in $lines.)
lines=0
while IFS= read -r line; do
	lines=$((lines + 1))
	result "sctrace prints as strace: $line" \
		"$(ok grep -qxF -- "$line" "$tmp/b")"
done <"$tmp/a"
result "strace printed the calls compared ($lines lines)" \
	"$(ok [ "$lines" -ge 19 ])"
diff "$tmp/a" "$tmp/b" >"$tmp/diff" || true
tap_detail=$tmp/diff
result "sctrace printed the same lines, in the same order" \
	"$(ok cmp -s "$tmp/a" "$tmp/b")"
tap_detail=

# The newer calls ("sctrace-corpus newcalls"), clone3's child's pid
# made N.
newcalls() {
	part "$1" | grep -E '^(statx|faccessat2|openat2|close_range|execveat|clone3|inotify_[a-z0-9_]+|timerfd_[a-z]+|[gs]etpriority|sched_[a-z_]+|mlock2|mlockall|pidfd_open|copy_file_range|splice)\(' |
		sed -E -e 's/0x[0-9a-f]{6,}/0xADDR/g' \
			-e 's/^(clone3\(.*\) += )[0-9]+$/\1N/'
}
newcalls c >"$tmp/c"
newcalls d >"$tmp/d"
lines=0
while IFS= read -r line; do
	lines=$((lines + 1))
	result "sctrace prints as strace: $line" \
		"$(ok grep -qxF -- "$line" "$tmp/d")"
done <"$tmp/c"
result "strace printed the newer calls compared ($lines lines)" \
	"$(ok [ "$lines" -ge 26 ])"
diff "$tmp/c" "$tmp/d" >"$tmp/diff" || true
tap_detail=$tmp/diff
result "sctrace printed the same newer calls, in the same order" \
	"$(ok cmp -s "$tmp/c" "$tmp/d")"
tap_detail=

# More calls ("sctrace-corpus morecalls"), pids made N, addresses
# 0xADDR (not personality's 0xffffffff).  tap.bash's result() counts
# the results in $n: the lines are counted in $count.
morecalls() {
	part "$1" | grep -E '^(select|pselect6|rt_sigtimedwait|utimensat|waitid|getdents|mknod|mknodat|personality|membarrier|getcpu|ioprio_[gs]et)\(' |
		sed -E -e 's/0x[0-9a-e][0-9a-f]{5,}/0xADDR/g' -e 's/si_pid=[0-9]+/si_pid=N/' \
			-e 's/^waitid\(P_PID, [0-9]+/waitid(P_PID, N/'
}
morecalls e >"$tmp/e"
morecalls f >"$tmp/f"
count=0
while IFS= read -r line; do
	count=$((count + 1))
	result "sctrace prints as strace: $line" \
		"$(ok grep -qxF -- "$line" "$tmp/f")"
done <"$tmp/e"
result "strace printed the more calls compared ($count lines)" \
	"$(ok [ "$count" -ge 24 ])"
diff "$tmp/e" "$tmp/f" >"$tmp/diff" || true
tap_detail=$tmp/diff
result "sctrace printed the same more calls, in the same order" \
	"$(ok cmp -s "$tmp/e" "$tmp/f")"
tap_detail=

guest_finish
