#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# sctrules in the test guest: the examples applied and their behaviour
# (the passwd rule fails rm, the port rule fails connect, the exec rule
# kills), list with hits, an apply with one bad rule changing nothing,
# show -> apply -> show, the seed article's two rules in both orders,
# add, delete, count, -R, and exit codes; a rule name that is not one
# ("../traces/victim") refused; show of a rule it cannot print.  Prints
# TAP results.
set -euo pipefail

name=sctrules
# shellcheck source=scripts/tests/guest/lib.bash
. "$(dirname "$0")/lib.bash"

# shellcheck disable=SC2016 # expanded in the guest
guest='
X=/usr/share/sct/examples
cd /tmp
ip link set lo up

echo "== apply"
sctrules apply $X/*.rules; echo "status $?"
sctrules count

echo "== passwd"
cp /etc/passwd /tmp/passwd.bak
rm -f /etc/passwd; echo "rm $?"
[ -f /etc/passwd ] && echo "passwd still there"
busybox mv /etc/passwd /etc/passwd.x; echo "mv $?"

echo "== port"
nc -l -p 25 -w 5 > /tmp/nc25.out &
nc -l -p 26 -w 5 > /tmp/nc26.out &
sleep 1
echo hello25 | nc -w 2 127.0.0.1 25 2> /tmp/nc.err; echo "nc25 $?"
cat /tmp/nc.err
echo hello26 | nc -w 2 127.0.0.1 26; echo "nc26 $?"
sleep 1
cat /tmp/nc26.out /tmp/nc25.out

echo "== kill"
cp /bin/busybox /tmp/forbidden
/tmp/forbidden true; echo "forbidden $?"
cp /bin/busybox /tmp/true
/tmp/true; echo "allowed $?"

echo "== list"
sctrules list

echo "== bad"
sctrules show > /tmp/before
cat > /tmp/bad.rules <<EOF
rule {
  syscall_name = getpid
  rule_name = fine
}
rule {
  syscall_name = getppid
  rule_name = broken
  filter_expression {PID == 1 && PARAMS[1] == }
}
EOF
sctrules apply /tmp/bad.rules; echo "status $?"
sctrules show > /tmp/after
cmp /tmp/before /tmp/after && echo "unchanged"
cat > /tmp/kbad.rules <<EOF
rule {
  syscall_name = getpid
  rule_name = fine
}
rule {
  syscall_name = getppid
  rule_name = retval_before
  action {
    type = LOG
    log_format {%retval}
  }
  when = before
}
EOF
sctrules apply /tmp/kbad.rules; echo "kstatus $?"
sctrules show > /tmp/after
cmp /tmp/before /tmp/after && echo "kunchanged"

echo "== roundtrip"
echo 0 > /sys/kernel/config/sct/rules/ptrace_callers/enabled
sctrules show > /tmp/show1
grep -c "enabled = no" /tmp/show1
sctrules apply /tmp/show1; echo "status $?"
sctrules show > /tmp/show2
cmp /tmp/show1 /tmp/show2 && echo "same"
sctrules delete
sctrules apply /tmp/show1 > /dev/null; echo "status $?"
sctrules show > /tmp/show3
cmp /tmp/show1 /tmp/show3 && echo "same again"

echo "== seed"
cat > /tmp/try.conf <<EOF
rule {
     syscall_name = unlink
     rule_name = unlink_rule1
     action {
       type = LOG
       log_format {%comm : %params delete by %euid --> %suid}
     }
     when = before
}

rule {
   syscall_name = unlink
   rule_name = prevent_delete
   filter_expression {PARAMS[1]=="/etc/passwd" && UID == 0}
   action {
     type = FAIL
     error_code = -1
   }
   when = before
}
EOF
sctrules -q delete
sctrules apply /tmp/try.conf; echo "status $?"
sctlog -N > /tmp/seed.out &
log=$!
sleep 1
cp /etc/passwd /tmp/passwd.bak
rm -f /etc/passwd; echo "log-first rm $?"
[ -f /etc/passwd ] || { echo "passwd deleted"; cp /tmp/passwd.bak /etc/passwd; }
sleep 1
kill $log; wait $log
cat /tmp/seed.out
echo "== seed2"
# The same two rules, prevent_delete first.
sed -n "11,20p" /tmp/try.conf > /tmp/try2.conf
sed -n "1,9p" /tmp/try.conf >> /tmp/try2.conf
sctrules apply /tmp/try2.conf; echo "status $?"
rm -f /etc/passwd; echo "fail-first rm $?"
[ -f /etc/passwd ] && echo "passwd still there"
sctrules list

echo "== misc"
sctrules count
sctrules -q delete prevent_delete; echo "delete $?"
sctrules count
sctrules delete nosuch unlink_rule1; echo "delete-missing $?"
mkdir /tmp/rules.d
cp $X/ptrace.rules /tmp/rules.d/20-ptrace.rules
cp $X/who-deletes.rules /tmp/rules.d/10-who.rules
echo "not a rule file" > /tmp/rules.d/README
sctrules add -R /tmp/rules.d; echo "add-dir $?"
sctrules count
sctrules add -R /tmp/rules.d; echo "add-again $?"
sctrules delete; echo "delete-all $?"
sctrules count
sctrules bogus 2> /dev/null; echo "bogus $?"
sctrules 2> /dev/null; echo "none $?"
sctrules --help > /dev/null; echo "help $?"
sctrules --version

echo "== names"
C=/sys/kernel/config/sct
mkdir $C/traces/victim
sctrules delete ../traces/victim 2> /tmp/names.err; echo "dotdot $?"
[ -d $C/traces/victim ] && echo "trace kept"
cat /tmp/names.err
rmdir $C/traces/victim

echo "== show"
mkdir $C/rules/odd && echo unlink > $C/rules/odd/syscall &&
	echo "%comm }" > $C/rules/odd/log_format
sctrules show > /tmp/shown.rules 2> /tmp/show.err; echo "show $?"
cat /tmp/show.err
sctrules apply /tmp/shown.rules 2> /dev/null; echo "apply-shown $?"
[ -d $C/rules/odd ] && echo "odd kept"
rmdir $C/rules/odd
echo "== end"
'

run_guest

result "the guest ran the script" \
	"$(all "$(ok [ $rc -eq 0 ])" "$(ok grep -qx '== end' "$tmp/out")")"
result "apply examples/*.rules exits 0" "$(ok has apply 'status 0')"
result "the examples make 8 rules" "$(ok has apply '8')"
result "the passwd rule fails rm -f /etc/passwd" \
	"$(all "$(ok has passwd 'rm 1')" "$(ok has passwd 'passwd still there')")"
result "the passwd rule fails mv /etc/passwd" "$(ok has passwd 'mv 1')"
result "the port rule fails connect() to port 25 with EACCES" \
	"$(all "$(ok has_re port '^nc25 [1-9]')" \
		"$(ok has_re port 'Permission denied')" \
		"$(ok [ "$(count port hello25)" -eq 0 ])")"
result "connect() to port 26 still works" \
	"$(all "$(ok has port 'nc26 0')" "$(ok has port 'hello26')")"
result "the exec rule kills the process (status 137)" \
	"$(ok has kill 'forbidden 137')"
result "other programs still run" "$(ok has kill 'allowed 0')"
result "list has a header and a line per rule" \
	"$(all "$(ok has_re list '^ *ORDER  NAME')" \
		"$(ok [ "$(count list '^ *[0-9-]')" -eq 8 ])")"
result "list shows the hits of the passwd and exec rules" \
	"$(all "$(ok has_re list ' protect_passwd  *unlink  *before fail  *yes  *[1-9][0-9]*$')" \
		"$(ok has_re list ' kill_forbidden  *execve  *before kill  *yes  *1$')")"

result "an apply with a bad filter exits 1" "$(ok has bad 'status 1')"
result "the error names file:line:col" \
	"$(ok has_re bad '^/tmp/bad.rules:8:[0-9]*: error: ')"
result "an apply with a bad filter changes nothing" \
	"$(all "$(ok has bad 'unchanged')" "$(ok [ "$(count bad 'rules:.*added')" -eq 0 ])")"
result "an apply with %retval in a before rule exits 1, changes nothing" \
	"$(all "$(ok has bad 'kstatus 1')" "$(ok has bad 'kunchanged')")"

result "show -> apply -> show is lossless" \
	"$(all "$(ok has roundtrip 'status 0')" "$(ok has roundtrip 'same')")"
result "show -> delete -> apply -> show is lossless" \
	"$(ok has roundtrip 'same again')"
result "a disabled rule shows as enabled = no, and stays disabled" \
	"$(ok has roundtrip '1')"

result "the seed article's rules apply" "$(ok has seed 'status 0')"
result "log rule first: rm /etc/passwd is logged, not stopped" \
	"$(all "$(ok has seed 'log-first rm 0')" "$(ok has seed 'passwd deleted')" \
		"$(ok has seed '"rm" : "/etc/passwd" delete by 0 --> 0')")"
result "fail rule first: rm /etc/passwd fails" \
	"$(all "$(ok has seed2 'status 0')" "$(ok has seed2 'fail-first rm 1')" \
		"$(ok has seed2 'passwd still there')")"
result "rules keep the file order" \
	"$(ok has_re seed2 '^ *1  prevent_delete')"

result "count, delete NAME" \
	"$(all "$(ok has misc 'delete 0')" \
		"$(ok [ "$(part misc | sed -n 1p)" = 2 ])" \
		"$(ok [ "$(part misc | sed -n 3p)" = 1 ])")"
result "delete of a missing rule exits 1 and deletes nothing" \
	"$(all "$(ok has misc 'delete-missing 1')" \
		"$(ok has_re misc 'nosuch')")"
result "add -R DIR reads *.rules only" \
	"$(all "$(ok has misc 'add-dir 0')" "$(ok has misc '4')")"
result "add of existing rules exits 1" "$(ok has misc 'add-again 1')"
result "delete with no name deletes all" \
	"$(all "$(ok has misc 'delete-all 0')" "$(ok has misc '0')")"
result "usage errors exit 2" \
	"$(all "$(ok has misc 'bogus 2')" "$(ok has misc 'none 2')")"
result "--help exits 0, --version prints the version" \
	"$(all "$(ok has misc 'help 0')" "$(ok has_re misc '^sctrules (sct) ')")"
result "delete ../traces/victim: refused (1), the trace is still there" \
	"$(all "$(ok has names 'dotdot 1')" "$(ok has names 'trace kept')" \
		"$(ok has_re names "invalid rule name '../traces/victim'")")"
result "show of a rule it cannot print: 1, named, and apply refuses the file" \
	"$(all "$(ok has show 'show 1')" "$(ok has_re show 'rule odd cannot be shown')" \
		"$(ok has show 'apply-shown 1')" "$(ok has show 'odd kept')")"

guest_finish
