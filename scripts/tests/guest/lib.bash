# shellcheck shell=bash
# $name and $guest are set, and $rc read, by the sourcing script.
# shellcheck disable=SC2154,SC2034
# SPDX-License-Identifier: GPL-2.0
#
# Shared by the guest script tests (scripts/tests/guest/*.sh): run one
# guest command, cut its output into parts, and print TAP results.
# A script sets $name and $guest, calls run_guest, then result ... and
# guest_finish.  The guest side prints each part between "== NAME" lines.

root=$(cd "$(dirname "$0")/../../.." && pwd)
# shellcheck source=scripts/tests/tap.bash
. "$root/scripts/tests/tap.bash"
rc=0

run_guest() {
	rc=0
	"$root/scripts/boot.sh" cmd "$guest" >"$tmp/out" 2>"$tmp/err" || rc=$?
}

# The lines of part NAME.
part() {
	sed -n "/^== $1\$/,/^== /p" "$tmp/out" | sed '1d;$d'
}

ok() { if "$@" >/dev/null 2>&1; then echo 0; else echo 1; fi; }
all() {	# all STATUS...: 0 if every status is 0
	local st
	for st in "$@"; do
		[ "$st" -eq 0 ] || { echo 1; return; }
	done
	echo 0
}
# Not grep -q: it would stop reading at the first match, and under
# pipefail the SIGPIPE of a long part's sed would fail the test.
has() {	# has PART LINE: a line of PART is exactly LINE
	part "$1" | grep -xF -- "$2" >/dev/null
}
has_re() {	# has_re PART REGEX: a line of PART matches REGEX
	part "$1" | grep -- "$2" >/dev/null
}
count() {	# count PART REGEX: the lines of PART that match REGEX
	part "$1" | grep -c -- "$2" || true
}

# The busybox commands that sctrace.sh and sctrace-summary.sh run under
# strace and sctrace, one a line (busybox by its path: the PATH search
# is sctrace-process.sh's), and the guest's setup() that each run of
# them starts with: the files they move, remove and make.
sctrace_busybox='/bin/busybox ls -l /etc
/bin/busybox cat /etc/passwd
/bin/busybox cp /etc/passwd /tmp/c
/bin/busybox mv /tmp/p /tmp/q
/bin/busybox rm /tmp/q
/bin/busybox mkdir /tmp/d
/bin/busybox ln -s /etc/passwd /tmp/l
/bin/busybox find /etc
/bin/busybox cat /nonexistent
/bin/busybox sh -c "cat /etc/group | wc -l; echo hi > /tmp/x & wait"'
sctrace_setup='setup() {
	rm -rf /tmp/p /tmp/q /tmp/c /tmp/d /tmp/l /tmp/x
	cp /etc/passwd /tmp/p
	echo x > /tmp/q
}
'

# The sctrace comparisons: the guest side prints "== nostrace" without
# strace, which scripts/deps.sh installs on the host and
# scripts/build-initramfs.sh takes from there: a failure, and the end.
need_strace() {
	grep -qx '== nostrace' "$tmp/out" || return 0
	result "strace 6.1 is in the initramfs, to compare with" 1
	guest_finish
	exit
}

# The plan, after the guest's output if a result failed.
guest_finish() {
	if [ $fails -ne 0 ]; then
		echo "# guest output:"
		sed 's/^/# /' "$tmp/out" "$tmp/err" | tail -n "${SCT_GUEST_OUTPUT_LINES:-60}"
	fi
	finish
}
