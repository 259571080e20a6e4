#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# sctrace against the real strace (Debian 12's 6.1, which
# scripts/build-initramfs.sh puts in the initramfs): for a corpus of
# busybox commands, run "strace -f -o A CMD" and "sctrace -f -o B CMD" in
# the guest, and of the C program userspace/tests/sctrace-corpus.c
# (sockets, signals, fork, execve, faults), normalise in both what
# legitimately differs, and report the
# share of B's lines that are in A (as a multiset).  The bar is issue
# 15's: 95%.  Also: the exit status is the command's, a killed command
# kills sctrace with its signal, and options sctrace does not support are
# refused with status 2.  Prints TAP results.
#
# What is normalised (the same in A and B):
# - the interleaving of processes: an "<unfinished ...>" line and its
#   "<... NAME resumed>" are joined into one line, and the alignment of
#   " = " is taken out;
# - pids: the "PID " prefix is removed, and pids in return values of
#   clone, fork, vfork, wait4, getpid, getppid, gettid, set_tid_address
#   and in si_pid, and the pids kill, tkill and tgkill are given, become
#   PID;
# - addresses: every 0x... number of 5 hex digits or more becomes 0xADDR
#   (flags, offsets and other small values are compared);
# - getrandom's bytes, and times: si_utime/si_stime, clock_gettime's.
#
# Usage: sctrace.sh, or sctrace.sh --compare A B on the host (prints the
# share and the lines that differ).  SCTRACE_OUT=FILE keeps the guest's
# output in FILE.
set -euo pipefail

# Normalise a strace output file (see above) to standard output.
normalise() {
	awk '
	{
		line = $0
		pid = ""
		if (match(line, /^[0-9]+ +/)) {
			pid = substr(line, 1, RLENGTH)
			sub(/ +$/, "", pid)
			line = substr(line, RLENGTH + 1)
		}
		if (line ~ / <unfinished \.\.\.>$/) {
			sub(/ <unfinished \.\.\.>$/, "", line)
			pending[pid] = line
			next
		}
		if (match(line, /^<\.\.\. [a-z0-9_]+ resumed>/)) {
			line = pending[pid] substr(line, RLENGTH + 1)
			delete pending[pid]
		}
		print line
	}
	END { for (p in pending) print pending[p] " <unfinished ...>" }
	' "$1" | sed -E \
		-e 's/\) +(= .*)$/) \1/' \
		-e 's/^((clone|clone3|fork|vfork|wait4|getpid|getppid|gettid|set_tid_address)\(.*\)) = [1-9][0-9]*$/\1 = PID/' \
		-e 's/si_pid=[0-9]+/si_pid=PID/g' \
		-e 's/^(kill|tkill)\([0-9]+,/\1(PID,/' \
		-e 's/^tgkill\([0-9]+, [0-9]+,/tgkill(PID, PID,/' \
		-e 's/0x[0-9a-f]{5,}/0xADDR/g' \
		-e 's/^getrandom\("[^"]*"/getrandom("RANDOM"/' \
		-e 's/si_utime=[^,}]*/si_utime=T/; s/si_stime=[^,}]*/si_stime=T/' \
		-e 's/tv_sec=[0-9]+, tv_nsec=[0-9]+/tv_sec=T, tv_nsec=T/'
}

# compare A B: "SAME TOTAL" of B's lines against A's, and the diff on fd 3.
compare() {
	local a b
	a=$(mktemp) b=$(mktemp)
	normalise "$1" | sort >"$a"
	normalise "$2" | sort >"$b"
	echo "$(comm -12 "$a" "$b" | wc -l) $(($(wc -l <"$a") > $(wc -l <"$b") ?
		$(wc -l <"$a") : $(wc -l <"$b")))"
	diff "$a" "$b" >&3 || true
	rm -f "$a" "$b"
}

if [ "${1:-}" = --compare ]; then
	[ $# -eq 3 ] || { echo "usage: $0 --compare A B" >&2; exit 2; }
	compare "$2" "$3" 3>&1
	exit 0
fi

name=sctrace
# shellcheck source=scripts/tests/guest/lib.bash
. "$(dirname "$0")/lib.bash"

# The corpus, one command a line: the busybox commands and the C
# program of the corpus (tests/sctrace-corpus.c).
corpus="$sctrace_busybox
/usr/bin/sctrace-corpus"

# shellcheck disable=SC2016 # expanded in the guest
guest='
command -v strace >/dev/null || { echo "== nostrace"; echo "== end"; exit 0; }
'"$sctrace_setup"'
i=0
while read -r cmd; do
	i=$((i + 1))
	setup
	eval "strace -f -o /tmp/a.$i $cmd" >/dev/null 2>&1
	sa=$?
	setup
	eval "sctrace -f -o /tmp/b.$i $cmd" >/dev/null 2>/tmp/e.$i
	sb=$?
	echo "== s.$i"
	echo "strace status $sa"
	echo "sctrace status $sb"
	echo "== a.$i"; cat /tmp/a.$i
	echo "== b.$i"; cat /tmp/b.$i
	echo "== e.$i"; cat /tmp/e.$i
done <<EOF
'"$corpus"'
EOF
echo "== status"
sctrace -o /dev/null sh -c "exit 7"; echo "exit $?"
sctrace -o /dev/null sh -c "kill -9 \$\$"; echo "killed $?"
sctrace -O 1 true 2>/tmp/u; echo "unsupported $?"; cat /tmp/u
echo "== end"
'

run_guest
# SCTRACE_OUT=FILE keeps the guest's output, for --compare.
[ -z "${SCTRACE_OUT:-}" ] || cp "$tmp/out" "$SCTRACE_OUT"

result "the guest ran the script" \
	"$(all "$(ok [ $rc -eq 0 ])" "$(ok grep -qx '== end' "$tmp/out")")"
need_strace

same=0 total=0
i=0
while read -r cmd; do
	i=$((i + 1))
	part "a.$i" >"$tmp/a.$i"
	part "b.$i" >"$tmp/b.$i"
	read -r s t < <(compare "$tmp/a.$i" "$tmp/b.$i" 3>"$tmp/diff.$i")
	echo "# $cmd: $s/$t lines identical"
	same=$((same + s)) total=$((total + t))
	want=$(part "s.$i" | sed -n 's/^strace status //p')
	result "sctrace exits as strace does ($want): $cmd" \
		"$(ok has "s.$i" "sctrace status $want")"
done <<<"$corpus"

share=$((total ? same * 1000 / total : 0))
echo "# identical lines: $same of $total ($((share / 10)).$((share % 10))%)"
tap_detail=$(for f in "$tmp"/diff.*; do echo "$f"; done)
result "at least 95% of the lines are strace's (got $((share / 10)).$((share % 10))%)" \
	"$(ok [ $share -ge 950 ])"
tap_detail=

result "the exit status is the command's" "$(ok has status 'exit 7')"
result "a command killed by SIGKILL kills sctrace with it (137)" \
	"$(ok has status 'killed 137')"
result "an option not supported yet is refused with status 2" \
	"$(all "$(ok has status 'unsupported 2')" \
		"$(ok has_re status 'option -O is not supported yet')")"

guest_finish
