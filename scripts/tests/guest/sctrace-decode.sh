#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# sctrace's decoders against the real strace 6.1 in the guest, on the
# calls of "sctrace-corpus decode" (userspace/tests/sctrace-corpus.c):
# fcntl's commands and their returns, prctl's options, unknown values'
# comments, a sigset of size 0.  Each of those calls' lines must be the
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
echo "== a"; cat /tmp/a
echo "== b"; cat /tmp/b
echo "== c"; cat /tmp/c
echo "== d"; cat /tmp/d
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
n=0
while IFS= read -r line; do
	n=$((n + 1))
	result "sctrace prints as strace: $line" \
		"$(ok grep -qxF -- "$line" "$tmp/b")"
done <"$tmp/a"
result "strace printed the calls compared ($n lines)" "$(ok [ "$n" -ge 18 ])"
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
n=0
while IFS= read -r line; do
	n=$((n + 1))
	result "sctrace prints as strace: $line" \
		"$(ok grep -qxF -- "$line" "$tmp/d")"
done <"$tmp/c"
result "strace printed the newer calls compared ($n lines)" \
	"$(ok [ "$n" -ge 25 ])"
diff "$tmp/c" "$tmp/d" >"$tmp/diff" || true
tap_detail=$tmp/diff
result "sctrace printed the same newer calls, in the same order" \
	"$(ok cmp -s "$tmp/c" "$tmp/d")"
tap_detail=

guest_finish
