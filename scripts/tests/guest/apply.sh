#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# sctrules apply and delete in the test guest, all or nothing: the lock
# (--no-wait fails with 5, a second sctrules waits for the first),
# concurrent applies of two sets that leave exactly one of them, SIGINT
# and SIGTERM at many points of an apply leaving exactly one of the
# sets, a delete that fails (a rule directory made a mount point)
# reported and undone in delete and apply, no FAIL rule out of effect
# while one rule is inserted at the top of a set, and rules whose names
# start with '_' left alone, show during applies (never a mix: it takes
# the lock shared), and a rule whose rewriting cannot be undone (exit 4,
# said).  Each "show" is compared with what the old or the new set alone
# shows.  Prints TAP results.
set -euo pipefail

name=sctrules-apply
# shellcheck source=scripts/tests/guest/lib.bash
. "$(dirname "$0")/lib.bash"

# shellcheck disable=SC2016 # expanded in the guest
guest='
R=/sys/kernel/config/sct
H=/usr/lib/sct/selftests/sct_apply_helper
cd /tmp

# gen PREFIX N BASE: N log rules on getppid, PREFIX00 ..., UID BASE + i.
gen() {
	awk -v p="$1" -v n="$2" -v b="$3" "BEGIN { for (i = 0; i < n; i++)
		printf \"rule {\\n  syscall_name = getppid\\n  rule_name = %s%02d\\n  filter_expression {UID == %d}\\n}\\n\", p, i, b + i }"
}
# fail PREFIX N BASE: N FAIL rules (EACCES) on getpriority(0, BASE + i).
fail() {
	awk -v p="$1" -v n="$2" -v b="$3" "BEGIN { for (i = 0; i < n; i++)
		printf \"rule {\\n  syscall_name = getpriority\\n  rule_name = %s%02d\\n  filter_expression {PARAMS[1] == 0 && PARAMS[2] == %d}\\n  action {\\n    type = FAIL\\n    error_code = EACCES\\n  }\\n}\\n\", p, i, b + i }"
}
# A and B: 40 rules of their own and 10 of the same names, which B
# changes and puts first.
{ gen a 40 1000000; gen s 10 3000000; } > A.rules
{ gen s 10 4000000; gen b 40 2000000; } > B.rules
# A without a05.
{ gen a 40 1000000 | awk "/rule_name = a05/ { skip = 1 } { buf = buf \$0 \"\\n\" }
	/^}/ { if (!skip) printf \"%s\", buf; buf = \"\"; skip = 0 }"; gen s 10 3000000; } > A5.rules

sctrules -q delete
sctrules -q apply A.rules && sctrules show > showA
sctrules -q apply B.rules && sctrules show > showB
# which: A, B or mix, as show shows the rules now.
which() {
	sctrules show > cur
	if cmp -s cur showA; then echo A; elif cmp -s cur showB; then echo B
	else echo mix; fi
}

echo "== sets"
grep -c "^rule" showA showB
sctrules -q delete

echo "== lock"
mkdir -p /run/sct
$H lock /run/sct/rules.lock 2500000 > lock.out &
lock=$!
i=0
while ! grep -q locked lock.out && [ $i -lt 500 ]; do
	usleep 10000
	i=$((i + 1))
done
sctrules --no-wait apply A.rules 2> nowait.err; echo "nowait $?"
cat nowait.err
sctrules count
$H interrupt 0 0 sctrules apply A.rules 2> wait.err
cat wait.err
wait $lock
echo "after $(which)"

echo "== concurrent"
for r in 1 2 3 4 5 6 7 8 9; do
	case $((r % 3)) in
	0) sctrules -q delete ;;
	1) sctrules -q apply A.rules ;;
	2) sctrules -q apply B.rules ;;
	esac
	sctrules -q apply A.rules > ca 2>&1 &
	pa=$!
	sctrules -q apply B.rules > cb 2>&1 &
	pb=$!
	sa=0; wait $pa || sa=$?
	sb=0; wait $pb || sb=$?
	echo "round $r $sa $sb $(which)"
	cat ca cb
done

echo "== interrupt"
sctrules -q apply A.rules
d=$($H interrupt 0 0 sctrules -q apply B.rules | sed -n "s/^usec //p")
echo "full $d"
k=1
while [ $k -le 40 ]; do
	sig=2
	[ $((k % 3)) -eq 0 ] && sig=15
	sctrules -q apply A.rules || echo "setup $k failed"
	delay=$((d * k / 32))
	how=$($H interrupt $delay $sig sctrules -q apply B.rules 2> int.err | sed -n 1p)
	held=-
	grep -q "interrupted by signal $sig" int.err && held=held
	grep -q "interrupted by signal $sig.*undone" int.err && held=undone
	echo "int $k $sig $delay $how: $(which) $held"
	grep -v "interrupted by signal" int.err || true
	k=$((k + 1))
done

echo "== delete"
sctrules -q delete
sctrules -q apply A.rules
mount --bind $R/rules/a05 $R/rules/a05; echo "mount $?"
sctrules -q delete a04 a05 a06; echo "named $?"
echo "named: $(which)"
sctrules -q delete; echo "all $?"
echo "all: $(which)"
sctrules -q apply A5.rules; echo "apply $?"
echo "apply: $(which)"
umount $R/rules/a05
sctrules -q delete a04 a05; echo "unmounted $?"
sctrules count

echo "== readers"
# show while applies switch between A and B: it takes the lock shared,
# so it sees one set or the other, never a mix nor a staged copy.
sctrules -q apply A.rules
( for r in 1 2 3 4 5; do
	sctrules -q apply B.rules; sctrules -q apply A.rules
done; touch readers.done ) &
ap=$!
rm -f readers.done
shows=0; mixed=0; staged=0
while [ ! -e readers.done ]; do
	sctrules -q show > rd 2> rd.err
	shows=$((shows + 1))
	cmp -s rd showA || cmp -s rd showB || mixed=$((mixed + 1))
	grep -q "sctrules" rd && staged=$((staged + 1))
done
wait $ap
echo "readers $shows mixed $mixed staged $staged"

echo "== unrecoverable"
# A rule whose rewriting fails, and whose old attributes cannot be
# written back either (its log_format is /dev/full): exit 4, and the
# message says how the rule was left.
sctrules -q apply A.rules
sed "s/UID == 1000000}/UID == 1000099}/" A.rules > U.rules
mount --bind /dev/full $R/rules/a00/log_format; echo "mount $?"
sctrules -q apply U.rules 2> unrec.err; echo "apply $?"
cat unrec.err
umount $R/rules/a00/log_format
sctrules -q apply A.rules; echo "again $?"
echo "after $(which)"

echo "== renumber"
sctrules -q delete
fail f 30 50000 > F.rules
{ fail top 1 49999; cat F.rules; } > Ftop.rules
sctrules -q apply F.rules
$H hammer 50000 30 13 > hammer.out &
h=$!
usleep 300000
for r in 1 2 3; do
	sctrules apply Ftop.rules
	sctrules apply F.rules
done
usleep 100000
kill -TERM $h
hs=0; wait $h || hs=$?
echo "hammer $hs"
cat hammer.out
sctrules list | grep -c " fail "

echo "== reserved"
sctrules -q delete
mkdir $R/rules/_x
echo getppid > $R/rules/_x/syscall
echo 1 > $R/rules/_x/enabled
sctrules -q apply A.rules; echo "apply $?"
[ "$(cat $R/rules/_x/enabled)" = 1 ] && echo "apply kept _x"
echo "show: $(which)"
sctrules list | grep -c " _x "
sctrules -q delete; echo "delete $?"
[ -d $R/rules/_x ] && echo "delete kept _x"
printf "rule {\n  syscall_name = getpid\n  rule_name = _y\n}\n" > res.rules
sctrules apply res.rules; echo "file $?"
[ -d $R/rules/_y ] || echo "no _y"
sctrules -q delete _x; echo "named $?"
[ -d $R/rules/_x ] || echo "named _x deleted"
echo "== end"
'

run_guest

lines() {	# lines PART REGEX: how many lines of PART match REGEX
	part "$1" | grep -c -- "$2" || true
}

result "the guest ran the script" \
	"$(all "$(ok [ $rc -eq 0 ])" "$(ok grep -qx '== end' "$tmp/out")")"
result "the sets have 50 rules each" \
	"$(all "$(ok has sets 'showA:50')" "$(ok has sets 'showB:50')")"

result "--no-wait while another holds the lock exits 5, changes nothing" \
	"$(all "$(ok has lock 'nowait 5')" "$(ok has lock '0')" \
		"$(ok has_re lock 'rules.lock: held by another program.*--no-wait')")"
wait_us=$(part lock | sed -n 's/^usec //p')
result "without --no-wait, apply waits for the lock, then applies" \
	"$(all "$(ok has lock 'exit 0')" "$(ok [ "${wait_us:-0}" -ge 1000000 ])" \
		"$(ok has lock 'after A')" "$(ok has_re lock 'waiting for it')")"

result "concurrent applies of two sets: both exit 0, one set is left" \
	"$(all "$(ok [ "$(lines concurrent '^round [0-9] 0 0 [AB]$')" -eq 9 ])" \
		"$(ok [ "$(lines concurrent '^round ')" -eq 9 ])")"

rounds=$(lines interrupt '^int ')
# A round ended by the signal leaves the old set, or the new one when
# the signal came after the switch; a round that ended leaves the new.
good=$(part interrupt |
	grep -cE '^int [0-9]+ ([0-9]+) [0-9]+ (signal \1: [AB]|exit 0: B) (held|undone|-)$' || true)
result "a signal at 40 points of an apply leaves exactly the old or the new set" \
	"$(all "$(ok [ "$rounds" -eq 40 ])" "$(ok [ "$good" -eq 40 ])")"
# Some of the signals came once sctrules held them: it said so, undid
# what it had done, and ended by the signal.
result "signals that came mid-apply were held, the changes undone" \
	"$(all "$(ok [ "$(lines interrupt '^int .* signal [0-9]*: A \(held\|undone\)$')" -ge 5 ])" \
		"$(ok [ "$(lines interrupt '^int .* signal [0-9]*: A undone$')" -ge 2 ])")"
result "a SIGINT mid-apply ends sctrules by SIGINT, the old set restored" \
	"$(ok [ "$(lines interrupt '^int [0-9]* 2 [0-9]* signal 2: A undone$')" -ge 1 ])"

result "delete of named rules, one of which cannot go: exit 1, none deleted" \
	"$(all "$(ok has delete 'mount 0')" "$(ok has delete 'named 1')" \
		"$(ok has delete 'named: A')" \
		"$(ok has_re delete 'a05: Device or resource busy')")"
result "delete of every rule, one of which cannot go: exit 1, none deleted" \
	"$(all "$(ok has delete 'all 1')" "$(ok has delete 'all: A')")"
result "apply that cannot delete a rule: exit 1, the old set restored" \
	"$(all "$(ok has delete 'apply 1')" "$(ok has delete 'apply: A')")"
result "delete works again once the rule can go" \
	"$(all "$(ok has delete 'unmounted 0')" "$(ok has delete '48')")"

result "show while applies switch sets: one set or the other, never a staged copy" \
	"$(all "$(ok has_re readers '^readers [1-9][0-9]* mixed 0 staged 0$')")"

result "a rule that cannot be put back: exit 4, said, listed" \
	"$(all "$(ok has unrecoverable 'mount 0')" "$(ok has unrecoverable 'apply 4')" \
		"$(ok has_re unrecoverable 'rule a00 left disabled, not as it was: undoing the change failed: rule a00: log_format: No space left on device')" \
		"$(ok has_re unrecoverable '^  a00: changed (disabled; it was enabled)')" \
		"$(ok has unrecoverable 'again 0')" "$(ok has unrecoverable 'after A')")"

hammer_calls=$(part renumber | sed -n 's/^calls \([0-9]*\) leaks .*/\1/p')
result "a rule inserted at the top of 30 FAIL rules, then removed: 30 moved" \
	"$(all "$(ok [ "$(lines renumber '^31 rules: 1 added, 30 replaced, 0 unchanged, 0 deleted$')" -eq 3 ])" \
		"$(ok [ "$(lines renumber '^30 rules: 0 added, 30 replaced, 0 unchanged, 1 deleted$')" -eq 3 ])" \
		"$(ok has renumber '30')")"
result "no FAIL rule is out of effect while they move" \
	"$(all "$(ok has renumber 'hammer 0')" "$(ok has_re renumber '^calls [0-9]* leaks 0$')" \
		"$(ok [ "${hammer_calls:-0}" -ge 1000 ])")"

result "apply leaves a rule named _x alone, and show leaves it out" \
	"$(all "$(ok has reserved 'apply 0')" "$(ok has reserved 'apply kept _x')" \
		"$(ok has reserved 'show: A')")"
result "list shows a rule named _x" "$(ok has reserved '1')"
result "delete without names leaves _x alone" \
	"$(all "$(ok has reserved 'delete 0')" "$(ok has reserved 'delete kept _x')")"
result "a rule file that names _y is refused" \
	"$(all "$(ok has reserved 'file 1')" "$(ok has reserved 'no _y')" \
		"$(ok has_re reserved "rule name '_y' is reserved")")"
result "delete _x, named, deletes it" \
	"$(all "$(ok has reserved 'named 0')" "$(ok has reserved 'named _x deleted')")"

guest_finish
