#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What only a whole guest can show of sct's self-protection: the global
# init is spared by fail and kill rules, and a suspend rule that sets
# act_on_init matches it but lets its call run, as SIGSTOP cannot stop
# it (init is the guest's /init, a shell, whose wait4 reaps orphans);
# and a
# boot with sct=off, where nothing can be switched on and the kselftests
# of that case run.  Prints TAP results.
set -euo pipefail

name=enforce
# shellcheck source=scripts/tests/guest/lib.bash
. "$(dirname "$0")/lib.bash"

# Orphans: a subshell starts a sleep and exits, so that the sleep is
# reparented to init, which reaps it with wait4 when it ends.  Zombies
# are the orphans init has not reaped.
# shellcheck disable=SC2016 # expanded in the guest
guest='
R=/sys/kernel/config/sct/rules
zombies() {
	for f in /proc/[0-9]*/status; do
		awk "/^State:/ { z = \$2 == \"Z\" } /^PPid:/ { p = \$2 }
		     END { if (z && p == 1) print }" "$f" 2>/dev/null
	done | wc -l
}
rule() {	# rule NAME ACTION [ATTR=VALUE...]: a rule on the wait4 of init
	n=$1 a=$2
	shift 2
	mkdir $R/$n
	echo wait4 > $R/$n/syscall
	echo $a > $R/$n/action
	echo "PID == 1" > $R/$n/filter
	for kv in "$@"; do
		echo "${kv#*=}" > $R/$n/${kv%%=*}
	done
	echo 1 > $R/$n/enabled; echo "enable $?"
}

echo "== kill"
rule initkill kill
(sleep 1 &)
sleep 3
echo "zombies $(zombies)"
echo "hits $(cat $R/initkill/hits)"
echo 0 > $R/initkill/enabled
rmdir $R/initkill

echo "== fail"
rule initfail fail error_code=ECHILD
(sleep 1 &)
sleep 3
echo "zombies $(zombies)"
echo "hits $(cat $R/initfail/hits)"
echo 0 > $R/initfail/enabled
rmdir $R/initfail

echo "== opt-in"
rule initstop suspend act_on_init=1
(sleep 1 &)
sleep 3
[ "$(cat $R/initstop/hits)" -gt 0 ] && echo "hit"
echo "zombies $(zombies)"
echo 0 > $R/initstop/enabled
rmdir $R/initstop
echo "== end"
'
run_guest
result "the guest ran (status $rc)" "$([ $rc -eq 0 ]; echo $?)"
result "a kill rule on init's wait4 enables" "$(ok has kill 'enable 0')"
result "init is spared by a kill rule: it reaped the orphan" \
	"$(ok has kill 'zombies 0')"
result "a kill rule that init passes counts no hit" "$(ok has kill 'hits 0')"
result "init is spared by a fail rule: it reaped the orphan" \
	"$(ok has fail 'zombies 0')"
result "a fail rule that init passes counts no hit" "$(ok has fail 'hits 0')"
result "act_on_init=1: a suspend rule acts on init" "$(ok has opt-in 'hit')"
result "act_on_init=1: init, which SIGSTOP cannot stop, went on and reaped the orphan" \
	"$(ok has opt-in 'zombies 0')"

# A boot with sct=off.
guest='
echo "== dmesg"
dmesg | grep "sct:"
echo "== switch"
cat /sys/kernel/config/sct/enabled
echo 1 > /sys/kernel/config/sct/enabled; echo "write $?"
echo "== kselftest"
/usr/lib/sct/selftests/sct_enforce_test -f off; echo "status $?"
echo "== end"
'
rc=0
SCT_APPEND=sct=off "$root/scripts/boot.sh" cmd "$guest" >"$tmp/out" \
	2>"$tmp/err" || rc=$?
result "sct=off: the guest ran (status $rc)" "$([ $rc -eq 0 ]; echo $?)"
result "sct=off: the boot log says sct is off" \
	"$(ok has dmesg 'sct: disabled by sct=off on the kernel command line')"
result "sct=off: the global switch reads 0" "$(ok has switch 0)"
result "sct=off: switching it on fails" "$(ok has switch 'write 1')"
result "sct=off: the kselftest of the case passes" \
	"$(all "$(ok has kselftest 'status 0')" \
		"$(ok has_re kselftest '^ok .* off\.')")"
guest_finish
