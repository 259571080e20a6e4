#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# libsct's tracing API in the test guest: sct-session-test (the TAP of
# userspace/tests/session-guest.c: spawn sees the first execve, also
# under a storm of SIGCONT with a SIGCHLD handler that takes stops, and
# gives the command no blocked or ignored signal; sct_trace_stop from
# another thread; attach, DETACH, STOP, callbacks per set, lifecycle
# events, sct_session_free and a killed session's leftovers, lossless by
# default, a session that made and removed 3200 rules keeping its trace,
# dispatch's -ENOENT at the end of a removed trace), each of its
# lines a result here; and the port of LibSysCTr's example,
# sysctr-example, on a shell that forks: its [pid] E/X lines, entry
# before exit, fork's return the child's pid, open's path, wait4
# returning the child.  No trace or rule is left after either.  Prints
# TAP results.
set -euo pipefail

name=session
# shellcheck source=scripts/tests/guest/lib.bash
. "$(dirname "$0")/lib.bash"

# shellcheck disable=SC2016 # expanded in the guest
guest='
C=/sys/kernel/config/sct
echo "== unit"
sct-session-test; echo "status $?"
echo "== example"
sysctr-example sh -c "cat /etc/group > /dev/null; /usr/lib/sct/selftests/sct_unlink unlink /tmp/nonexist; true" 2>&1
echo "status $?"
echo "== usage"
sysctr-example 2>&1; echo "status $?"
echo "== left"
ls $C/traces $C/rules | grep "^_sct" || true
echo "== end"
'

run_guest

result "the guest ran the script" \
	"$(all "$(ok [ $rc -eq 0 ])" "$(ok grep -qx '== end' "$tmp/out")")"

# Each line of sct-session-test's TAP is a result.
part unit | grep -E '^(not )?ok [0-9]+ - ' >"$tmp/unit" || true
result "sct-session-test printed its results" \
	"$(all "$(ok [ -s "$tmp/unit" ])" "$(ok has_re unit '^1\.\.[0-9]')")"
while IFS= read -r line; do
	desc=${line#* - }
	case "$line" in
	ok*) result "sct-session-test: $desc" 0 ;;
	*) result "sct-session-test: $desc" 1 ;;
	esac
done <"$tmp/unit"
result "sct-session-test exits 0" "$(ok has unit 'status 0')"

# The example: the shell (P, the spawned command) forks C1 for cat and
# C2 for sct_unlink.
part example >"$tmp/ex"
P=$(sed -n 's/^\[\([0-9]*\)\] X exec() = 0$/\1/p' "$tmp/ex" | head -n 1)
C1=$(sed -n "s/^\[$P\] X clone[3]*() -> \([0-9]*\)\$/\1/p" "$tmp/ex" | sed -n 1p)
C2=$(sed -n "s/^\[$P\] X clone[3]*() -> \([0-9]*\)\$/\1/p" "$tmp/ex" | sed -n 2p)
# line N PATTERN: the number of the first line that is PATTERN, or 0.
line() { grep -nxF -- "$1" "$tmp/ex" | head -n 1 | cut -d: -f1 || true; }
before() {	# before A B: line A comes, and before line B
	local a b
	a=$(line "$1") b=$(line "$2")
	[ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]
}

result "example: the command's execve, entry then exit" \
	"$(all "$(ok [ -n "$P" ])" \
		"$(ok before "[$P] E exec(/bin/sh)" "[$P] X exec() = 0")")"
result "example: two forks, each returning a child's pid" \
	"$(all "$(ok [ -n "$C1" ])" "$(ok [ -n "$C2" ])" \
		"$(ok [ "$C1" != "$C2" ])" "$(ok [ "$C1" != "$P" ])")"
result "example: the children's calls are seen, with their pids" \
	"$(all "$(ok has example "[$C1] X exec() = 0")" \
		"$(ok before "[$C2] E exec(/usr/lib/sct/selftests/sct_unlink)" \
			"[$C2] X exec() = 0")")"
result "example: open's path, on entry and on exit, entry first" \
	"$(ok before "[$C1] E open(/etc/group) = ?" \
		"[$C1] X open(/etc/group) = 3")"
result "example: close after open" \
	"$(ok before "[$C1] X open(/etc/group) = 3" "[$C1] E close(3)")"
result "example: wait4 returns each child, after its calls" \
	"$(all "$(ok before "[$C1] X open(/etc/group) = 3" "[$P] X wait(-1, 0) = $C1")" \
		"$(ok before "[$C2] X exec() = 0" "[$P] X wait(-1, 0) = $C2")")"
result "example: wait4's entry before its exit" \
	"$(ok before "[$P] E wait(-1, 0)" "[$P] X wait(-1, 0) = $C1")"
result "example: exits 0" "$(ok has example 'status 0')"
result "example: no argument is a usage error (2)" \
	"$(all "$(ok has usage 'status 2')" \
		"$(ok has_re usage '^usage: sysctr-example COMMAND')")"
result "no trace or rule of a session is left" \
	"$(ok [ -z "$(part left)" ])"

guest_finish
