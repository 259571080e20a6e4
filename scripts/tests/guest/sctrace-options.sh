#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# sctrace's formatting and selection options against the real strace
# (Debian 12's 6.1, in the initramfs): for each case of a corpus, "OPTIONS
# # COMMAND", run "strace -f -o A OPTIONS COMMAND" and "sctrace -f -o B
# OPTIONS COMMAND" in the guest, normalise both, and require the same
# lines (as a multiset), the same exit status, and for the refusals the
# same message (strace's name made sctrace's).  Prints TAP results.
#
# What is normalised: the "PID " prefix, pids in returns, 0x addresses,
# times of clock_gettime, the alignment of " = ", and the timing columns:
# -t, -tt, -ttt, -r (alone and as "(+...)" after -t) and -T are checked
# against their format (widths included) and then replaced by a word,
# since their values differ between two runs.
#
# Usage: sctrace-options.sh, or SCTRACE_OUT=FILE sctrace-options.sh to
# keep the guest's output.
set -euo pipefail

name=sctrace-options
# shellcheck source=scripts/tests/guest/lib.bash
. "$(dirname "$0")/lib.bash"

# OPTIONS#COMMAND, one case a line (busybox by its path).
corpus=$(cat <<'EOT'
-t#/bin/busybox cat /etc/passwd
-tt#/bin/busybox cat /etc/passwd
-ttt#/bin/busybox cat /etc/passwd
-r#/bin/busybox cat /etc/passwd
-T#/bin/busybox cat /etc/passwd
-tt -r -T#/bin/busybox cat /etc/passwd
-x#/bin/busybox ls /tmp/xd
-xx#/bin/busybox cat /etc/passwd
-X raw#/bin/busybox cat /etc/passwd
-X verbose#/bin/busybox cat /etc/passwd
-v#/bin/busybox true
-z#/bin/busybox cat /nonexistent
-Z#/bin/busybox cat /nonexistent
-e status=failed,unfinished#/bin/busybox cat /nonexistent
-qq#/bin/busybox true
-e quiet=exit#/bin/busybox true
-e trace=open,openat,close#/bin/busybox cat /etc/passwd
-e trace=%file#/bin/busybox cat /etc/passwd
-e 'trace=!openat,close'#/bin/busybox cat /etc/passwd
-e 'trace=/^(open#close)'|/bin/busybox cat /etc/passwd
-e trace=?nosuchcall,close#/bin/busybox cat /etc/passwd
-e trace=none#/bin/busybox true
-e trace=openat -e trace=close#/bin/busybox cat /etc/passwd
-e openat#/bin/busybox cat /etc/passwd
-e signal=none#/bin/busybox sh -c "kill -9 \$\$"
-e trace=foo#/bin/busybox true
-e 'trace=/('#/bin/busybox true
-e signal=SIGFOO#/bin/busybox true
-e status=bogus#/bin/busybox true
-e quiet=bogus#/bin/busybox true
-q -e quiet=exit#/bin/busybox true
-X bogus#/bin/busybox true
-e inject=all:error=EPERM#/bin/busybox true
-e verbose=none#/bin/busybox true
EOT
)

# The cases whose output must be strace's, line for line, by number; the
# others are compared by status and message (refusals) or below.
refusals="26 27 28 29 30 31"
# Refused by sctrace alone (status 2): checked at the end.
sctrace_refusals="32 33 34"

# shellcheck disable=SC2016 # expanded in the guest
guest='
command -v strace >/dev/null || { echo "== nostrace"; echo "== end"; exit 0; }
mkdir -p /tmp/xd && touch "/tmp/xd/$(printf "a\\001b")" /tmp/xd/plain
i=0
while IFS="#" read -r opts cmd; do
	i=$((i + 1))
	eval "strace -f -o /tmp/a.$i $opts $cmd" >/dev/null 2>/tmp/ea.$i
	sa=$?
	eval "sctrace -f -o /tmp/b.$i $opts $cmd" >/dev/null 2>/tmp/eb.$i
	sb=$?
	echo "== s.$i"; echo "strace $sa"; echo "sctrace $sb"
	echo "== a.$i"; cat /tmp/a.$i 2>/dev/null; cat /tmp/ea.$i
	echo "== b.$i"; cat /tmp/b.$i 2>/dev/null; cat /tmp/eb.$i
done <<"EOT"
'"$corpus"'
EOT
echo "== attach"
strace -f /bin/busybox sh -c "/bin/busybox true; /bin/busybox true" 2>&1 >/dev/null | grep -c "attached"
sctrace -f /bin/busybox sh -c "/bin/busybox true; /bin/busybox true" 2>&1 >/dev/null | grep -c "attached"
sctrace -f -q /bin/busybox sh -c "/bin/busybox true; /bin/busybox true" 2>&1 >/dev/null | grep -c "attached"
echo "== end"
'

# Normalise a trace (see above) to standard output.
normalise() {
	sed -E \
		-e 's/^([0-9]{5}|[0-9]{4} |[0-9]{3}  |[0-9]{2}   |[0-9]    ) //' \
		-e 's/^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6} /TT /' \
		-e 's/^[0-9]{2}:[0-9]{2}:[0-9]{2} /T /' \
		-e 's/^[0-9]{9,10}\.[0-9]{6} /TTT /' \
		-e 's/^(TT |T |TTT )?\(\+( {5}[0-9]| {4}[0-9]{2})\.[0-9]{6}\) /\1(+R) /' \
		-e 's/^( {5}[0-9]| {4}[0-9]{2})\.[0-9]{6} /R /' \
		-e 's/ <[0-9]+\.[0-9]{6}>$/ <D>/' \
		-e 's/\) +(= .*)$/) \1/' \
		-e 's/((clone|fork|vfork|wait4|getpid|getppid|gettid|set_tid_address)\(.*\)) = [1-9][0-9]*( <D>)?$/\1 = PID\3/' \
		-e 's/0x[0-9a-f]{5,}/0xADDR/g' \
		-e 's/tv_sec=[0-9]+, tv_nsec=[0-9]+/tv_sec=T, tv_nsec=T/' \
		-e 's/^strace: /sctrace: /' \
		"$1"
}

run_guest
[ -z "${SCTRACE_OUT:-}" ] || cp "$tmp/out" "$SCTRACE_OUT"
result "the guest ran the script" \
	"$(all "$(ok [ "$rc" -eq 0 ])" "$(ok grep -qx '== end' "$tmp/out")")"
need_strace

# The timing columns: every line of sctrace's has the prefix of its
# options (after the pid), and -T's suffix where strace has it.
prefix_of() {	# prefix_of OPTIONS: the regex of the normalised lines
	case $1 in
	-t) echo '^T ' ;;
	-tt) echo '^TT ' ;;
	-ttt) echo '^TTT ' ;;
	-r) echo '^R ' ;;
	'-tt -r -T') echo '^TT \(\+R\) ' ;;
	*) echo '' ;;
	esac
}

i=0
while IFS="#" read -r opts cmd; do
	i=$((i + 1))
	part "a.$i" >"$tmp/a.$i"
	part "b.$i" >"$tmp/b.$i"
	normalise "$tmp/a.$i" | sort >"$tmp/na.$i"
	normalise "$tmp/b.$i" | sort >"$tmp/nb.$i"
	want=$(part "s.$i" | sed -n 's/^strace //p')
	got=$(part "s.$i" | sed -n 's/^sctrace //p')
	case " $refusals " in
	*" $i "*)
		result "refused as strace refuses it (status $want): $opts" \
			"$(all "$(ok [ "$want" = "$got" ])" \
				"$(ok cmp "$tmp/na.$i" "$tmp/nb.$i")")"
		continue ;;
	esac
	case " $sctrace_refusals " in
	*" $i "*) continue ;;
	esac
	re=$(prefix_of "$opts")
	if [ -n "$re" ]; then
		result "every line has the prefix of $opts" \
			"$(all "$(ok [ -s "$tmp/nb.$i" ])" \
				"$(ok [ "$(grep -cvE "$re" "$tmp/nb.$i")" = 0 ])")"
	fi
	case $opts in
	*-T*)
		result "-T's <S.UUUUUU> where strace has it" \
			"$(ok [ "$(grep -c ' <D>$' "$tmp/na.$i")" = \
				"$(grep -c ' <D>$' "$tmp/nb.$i")" ])" ;;
	esac
	case $opts in
	*signal=none*)
		# The kill's return differs (sctrace.sh's corpus has it):
		# only the lines the option selects.
		result "$opts: no +++ killed line, status $want" \
			"$(all "$(ok [ "$want" = "$got" ])" \
				"$(ok [ "$(grep -c '^+++ killed' "$tmp/nb.$i")" = 0 ])" \
				"$(ok [ "$(grep -c '^+++ killed' "$tmp/na.$i")" = 0 ])")"
		continue ;;
	esac
	diff "$tmp/na.$i" "$tmp/nb.$i" >"$tmp/diff.$i" || true
	tap_detail=$tmp/diff.$i
	result "$opts $cmd: strace's lines and status ($want)" \
		"$(all "$(ok [ "$want" = "$got" ])" \
			"$(ok cmp "$tmp/na.$i" "$tmp/nb.$i")")"
	tap_detail=
done <<<"$corpus"

# Refused by sctrace (status 2), where strace would do something else.
for i in $sctrace_refusals; do
	result "$(sed -n "${i}p" <<<"$corpus" | cut -d'#' -f1) is refused with status 2" \
		"$(all "$(ok has "s.$i" "sctrace 2")" \
			"$(ok grep -q '^sctrace: ' "$tmp/b.$i")")"
done

result "-f without -o: 'Process N attached' for each child, as strace" \
	"$(ok [ "$(part attach | sed -n 1p)" = "$(part attach | sed -n 2p)" ])"
result "-q: no 'Process N attached'" "$(ok has attach 0)"

guest_finish
