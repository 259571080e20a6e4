#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# sctlog -T in the test guest: a trace with a stream of its own
# (buffer_size), a "*" log rule and an after rule scoped to it, and its
# lifecycle on; members that delete files through every ABI.  sctlog -T
# prints their calls in the kernel's default log_format, each rule named
# by its id, with the task records; the shared log sees none of them, but
# a global rule's record, which the stream does not see; the stream is
# read once; --json names the rule; a follower ends when the trace is
# removed; and the bad inputs: no such trace, a trace without a stream, a
# bad name, a stream with a reader, -T with -D.  Prints TAP results.
set -euo pipefail

name=stream
# shellcheck source=scripts/tests/guest/lib.bash
. "$(dirname "$0")/lib.bash"

# The guest side: each part prints its output between "== NAME" lines.
# shellcheck disable=SC2016 # expanded in the guest
guest='
S=/usr/lib/sct/selftests
T=/sys/kernel/config/sct/traces
R=/sys/kernel/config/sct/rules
cd /tmp
# member TRACE CMD...: run CMD as a member of TRACE; its pid in member.pid
cat > /tmp/member <<"EOF"
#!/bin/sh
echo $$ > /sys/kernel/config/sct/traces/$1/add || exit 125
echo $$ > /tmp/member.pid
shift
exec "$@"
EOF
chmod +x /tmp/member
# rule NAME SYSCALL WHEN [TRACE]: an enabled log rule
rule() {
	mkdir $R/$1 && echo "$2" > $R/$1/syscall && echo $3 > $R/$1/when &&
	{ [ -z "$4" ] || echo $4 > $R/$1/trace; } && echo 1 > $R/$1/enabled
}

echo "== setup"
mkdir $T/st
echo 20000 > $T/st/buffer_size; echo "set $?"
echo "size $(cat $T/st/buffer_size)"
echo 1 > $T/st/buffer_size 2> /dev/null; echo "range $?"
echo 1048576 > $T/st/buffer_size
echo "overflow $(cat $T/st/overflow)"
echo 1 > $T/st/lifecycle
rule st_all "*" before st; echo "st_all $?"
rule st_exit unlinkat after st; echo "st_exit $?"
mkdir $R/gl && echo unlink > $R/gl/syscall &&
echo "PARAMS[1] == \"/tmp/st-global\"" > $R/gl/filter &&
echo 1 > $R/gl/enabled; echo "gl $?"
echo "id $(cat $R/st_all/id) $(cat $R/st_exit/id)"
echo 0 > $T/st/buffer_size 2> /dev/null; echo "busy $?"

echo "== members"
touch /tmp/st-a /tmp/st-b /tmp/st-c /tmp/st-d /tmp/st-x /tmp/st-global
/tmp/member st $S/sct_unlink unlink /tmp/st-a; echo "pa $? $(cat /tmp/member.pid)"
/tmp/member st $S/sct_unlink unlinkat /tmp/st-b; echo "pb $? $(cat /tmp/member.pid)"
/tmp/member st $S/sct_compat_helper unlink /tmp/st-c; echo "pc $? $(cat /tmp/member.pid)"
/tmp/member st $S/sct_compat_helper unlinkat /tmp/st-d; echo "pd $? $(cat /tmp/member.pid)"
/tmp/member st $S/sct_unlink x32 /tmp/st-x; echo "px $? $(cat /tmp/member.pid)"
$S/sct_unlink unlink /tmp/st-global; echo "global $?"

echo "== stream"
sctlog -T st -d; echo "status $?"
echo "== again"
sctlog -T st -d; echo "status $?"
echo "== shared"
sctlog -d; echo "status $?"

echo "== json"
touch /tmp/st-j
/tmp/member st $S/sct_unlink unlink /tmp/st-j; echo "pj $? $(cat /tmp/member.pid)"
sctlog -T st -d --json -r st_all; echo "status $?"

echo "== compact"
mkdir $T/cp
echo 65536 > $T/cp/buffer_size
echo compact > $T/cp/records; echo "records $? $(cat $T/cp/records)"
rule cp_all "*" before cp; echo "cp_all $?"
rule cp_exit unlinkat after cp; echo "cp_exit $?"
echo full > $T/cp/records 2> /dev/null; echo "records busy $?"
touch /tmp/cp-a
/tmp/member cp $S/sct_unlink unlinkat /tmp/cp-a; echo "pcp $? $(cat /tmp/member.pid)"
sctlog -T cp -d --json > /tmp/cp.json; echo "status $?"
touch /tmp/cp-b
/tmp/member cp $S/sct_unlink unlinkat /tmp/cp-b; echo "pcq $? $(cat /tmp/member.pid)"
sctlog -T cp -d; echo "status $?"
echo "== compact.json"
cat /tmp/cp.json
rmdir $R/cp_all $R/cp_exit $T/cp

echo "== follow"
sctlog -T st > /tmp/follow.out 2> /tmp/follow.err &
f=$!
sleep 1
touch /tmp/st-f
/tmp/member st $S/sct_unlink unlink /tmp/st-f; echo "pf $? $(cat /tmp/member.pid)"
sleep 1
echo "lost $(cat $T/st/lost)"
echo 0 > $R/st_all/enabled; echo 0 > $R/st_exit/enabled
echo 0 > $T/st/lifecycle
rmdir $R/st_all $R/st_exit
rmdir $T/st; echo "rmdir $?"
# A follower that does not end by itself is killed: status 137.
( sleep 20; kill -KILL $f 2> /dev/null ) &
w=$!
wait $f; echo "status $?"
kill $w 2> /dev/null
cat /tmp/follow.out
echo "== follow.err"
cat /tmp/follow.err

echo "== errors"
sctlog -T nosuch -d 2> /tmp/e; echo "nosuch $?"; cat /tmp/e
mkdir $T/plain
sctlog -T plain -d 2> /tmp/e; echo "plain $?"; cat /tmp/e
sctlog -T ../x -d 2> /tmp/e; echo "name $?"; cat /tmp/e
sctlog -T plain -D /dev/sct_records -d 2> /dev/null; echo "device $?"
mkdir $T/two
echo 65536 > $T/two/buffer_size
sctlog -T two > /dev/null &
b=$!
sleep 1
sctlog -T two -d 2> /tmp/e; echo "reader $?"; cat /tmp/e
kill $b
wait $b
su nobody -s /bin/sh -c "sctlog -T two -d" 2> /tmp/e; echo "perm $?"; cat /tmp/e
rmdir $T/plain $T/two
echo "== end"
'

run_guest

# The process IDs of the members, as the guest printed them.
pid() { part members | sed -n "s/^$1 [0-9]* //p"; }
pa=$(pid pa) pb=$(pid pb) pc=$(pid pc) pd=$(pid pd) px=$(pid px)
pj=$(part json | sed -n 's/^pj [0-9]* //p')
pf=$(part follow | sed -n 's/^pf [0-9]* //p')
S=/usr/lib/sct/selftests

result "the guest ran the script" \
	"$(all "$(ok [ $rc -eq 0 ])" "$(ok grep -qx '== end' "$tmp/out")")"
result "buffer_size is rounded up to a power of two" \
	"$(all "$(ok has setup 'set 0')" "$(ok has setup 'size 32768')")"
result "a buffer_size out of range is refused" \
	"$(ok has setup 'range 1')"
result "overflow is drop by default" "$(ok has setup 'overflow drop')"
result "a '*' rule and an after rule scoped to the trace, and a global rule" \
	"$(all "$(ok has setup 'st_all 0')" "$(ok has setup 'st_exit 0')" \
		"$(ok has setup 'gl 0')")"
result "buffer_size is busy while enabled rules name the trace" \
	"$(ok has setup 'busy 1')"
result "the members deleted their files" \
	"$(all "$(ok has_re members '^pa 0 [0-9]')" \
		"$(ok has_re members '^pb 0 [0-9]')" \
		"$(ok has_re members '^pc 0 [0-9]')" \
		"$(ok has_re members '^pd 0 [0-9]')" \
		"$(ok has_re members '^px 0 [0-9]')" \
		"$(ok has members 'global 0')")"

result "sctlog -T: unlink in the default format, the rule named by its id" \
	"$(ok has stream "st_all \"sct_unlink\"[$pa] uid=0 unlink(\"/tmp/st-a\")")"
result "sctlog -T: unlinkat's parameters by their types" \
	"$(ok has stream "st_all \"sct_unlink\"[$pb] uid=0 unlinkat(-100, \"/tmp/st-b\", 0)")"
result "sctlog -T: the after rule's line ends in = 0" \
	"$(ok has stream "st_exit \"sct_unlink\"[$pb] uid=0 unlinkat(-100, \"/tmp/st-b\", 0) = 0")"
result "sctlog -T: ia32 unlink and exit, named as ia32 names them" \
	"$(all "$(ok has stream "st_all \"sct_compat_help\"[$pc] uid=0 unlink(\"/tmp/st-c\")")" \
		"$(ok has stream "st_all \"sct_compat_help\"[$pc] uid=0 exit(0)")")"
result "sctlog -T: ia32 unlinkat, before and after" \
	"$(all "$(ok has stream "st_all \"sct_compat_help\"[$pd] uid=0 unlinkat(-100, \"/tmp/st-d\", 0)")" \
		"$(ok has stream "st_exit \"sct_compat_help\"[$pd] uid=0 unlinkat(-100, \"/tmp/st-d\", 0) = 0")")"
result "sctlog -T: x32 unlink" \
	"$(ok has stream "st_all \"sct_unlink\"[$px] uid=0 unlink(\"/tmp/st-x\")")"
result "sctlog -T: the member's execve, with its path" \
	"$(ok has_re stream "^st_all \"[^\"]*\"\[$pa\] uid=0 execve(\"$S/sct_unlink\", 0x[0-9a-f]*, 0x[0-9a-f]*)\$")"
result "sctlog -T: the task records of the trace's lifecycle" \
	"$(all "$(ok has stream "\"sct_unlink\"[$pa/$pa] exec \"$S/sct_unlink\"")" \
		"$(ok has stream "\"sct_unlink\"[$pa/$pa] exit 0")")"
result "sctlog -T: not the global rule's record" \
	"$(ok [ "$(count stream 'st-global')" -eq 0 ])"
result "sctlog -T -d exits 0" "$(ok has stream 'status 0')"
result "a stream is read once: nothing the second time" \
	"$(all "$(ok has again 'status 0')" \
		"$(ok [ "$(count again '^st_\|^"')" -eq 0 ])")"
result "the shared log has the global rule's record" \
	"$(ok has_re shared '^gl "sct_unlink"\[[0-9]*\] uid=0 unlink("/tmp/st-global")$')"
result "the shared log has none of the trace's records" \
	"$(all "$(ok [ "$(count shared 'st_all\|st_exit\|/tmp/st-[a-dx]"')" -eq 0 ])" \
		"$(ok [ "$(count shared ' exec \| exit [0-9]')" -eq 0 ])")"

ids=$(part setup | sed -n 's/^id //p')
part json | grep '^{' >"$tmp/json" || true
result "--json: every line parses, named by the rules' ids" "$(ok python3 - "$tmp/json" "$pj" "${ids%% *}" <<'EOF'
import json, sys
pid, all_id = int(sys.argv[2]), int(sys.argv[3])
recs = [json.loads(line) for line in open(sys.argv[1])]
assert recs, "no records"
for r in recs:
    assert r["type"] == "call", r
    assert r["rule"] == "st_all" and r["rule_id"] == all_id, r
    assert r["text"] == "" and r["pid"] == pid, r
unlinks = [r for r in recs if r["syscall"] == "unlink"]
assert len(unlinks) == 1 and unlinks[0]["data"]["1"] == "/tmp/st-j", unlinks
seqs = [r["seq"] for r in recs]
assert seqs == sorted(seqs), seqs
EOF
)"
result "--json -d exits 0" "$(ok has json 'status 0')"

pcp=$(part compact | sed -n 's/^pcp [0-9]* //p')
pcq=$(part compact | sed -n 's/^pcq [0-9]* //p')
result "records: compact is taken, and busy while rules name the trace" \
	"$(all "$(ok has compact 'records 0 compact')" \
		"$(ok has compact 'records busy 1')")"
result "sctlog -T: compact records, entry and exit, with the path" \
	"$(all "$(ok has compact "cp_all [$pcq/$pcq] unlinkat(-100, \"/tmp/cp-b\", 0)")" \
		"$(ok has compact "cp_exit [$pcq/$pcq] unlinkat(-100, \"/tmp/cp-b\", 0) = 0")" \
		"$(ok has compact 'status 0')")"
part compact.json | grep '^{' >"$tmp/cjson" || true
result "sctlog -T --json: compact records as \"syscall\", without credentials" "$(ok python3 - "$tmp/cjson" "$pcp" <<'EOF'
import json, sys
pid = int(sys.argv[2])
recs = [json.loads(line) for line in open(sys.argv[1])]
calls = [r for r in recs if r["type"] == "syscall"]
assert calls and all(r["pid"] == pid and r["tid"] == pid for r in calls), recs
assert all("uid" not in r and "comm" not in r for r in calls), calls
ul = [r for r in calls if r["syscall"] == "unlinkat"]
assert [r["when"] for r in ul] == ["before", "after"], ul
assert ul[0]["rule"] == "cp_all" and ul[1]["rule"] == "cp_exit", ul
assert ul[0]["call_id"] == ul[1]["call_id"] and ul[1]["retval"] == 0, ul
assert ul[0]["data"]["2"] == "/tmp/cp-a", ul
EOF
)"

result "a follower prints the member's call" \
	"$(ok has follow "st_all \"sct_unlink\"[$pf] uid=0 unlink(\"/tmp/st-f\")")"
result "nothing was lost" "$(ok has follow 'lost 0')"
result "a follower ends, with status 0, when its trace is removed" \
	"$(all "$(ok has follow 'rmdir 0')" "$(ok has follow 'status 0')")"
result "and says so on stderr" \
	"$(ok has follow.err 'sctlog: trace st: its stream ended (the trace was removed)')"

result "no such trace: status 1, a message" \
	"$(all "$(ok has errors 'nosuch 1')" \
		"$(ok has errors 'sctlog: trace nosuch: no such trace')")"
result "a trace without a stream: status 1, a message" \
	"$(all "$(ok has errors 'plain 1')" \
		"$(ok has_re errors '^sctlog: trace plain: it has no stream (its buffer_size is 0)')")"
result "a bad trace name: status 1, a message" \
	"$(all "$(ok has errors 'name 1')" \
		"$(ok has_re errors "^sctlog: invalid trace name '../x': ")")"
result "-T with -D is a usage error" "$(ok has errors 'device 2')"
result "a stream with a reader: status 1, a message" \
	"$(all "$(ok has errors 'reader 1')" \
		"$(ok has_re errors '^sctlog: trace two: another reader is attached to its stream')")"
result "a user without CAP_SYS_ADMIN: status 1" \
	"$(all "$(ok has errors 'perm 1')" \
		"$(ok has_re errors 'needs CAP_SYS_ADMIN')")"

guest_finish
