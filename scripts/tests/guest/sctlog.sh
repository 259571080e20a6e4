#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# sctlog in the test guest, as an administrator uses it: the seed
# article's unlink rule made with mkdir and echo, sctlog in the
# background, "rm ./dummy", the line; --json checked with a real JSON
# parser (python3, on the host), paths in UTF-8 and not included; -r,
# -n, --syslog, lost records on stderr, SIGTERM while a flood of
# records comes,
# stderr, exit status 0 on SIGINT, and usage errors.  Prints TAP results.
set -euo pipefail

name=sctlog
# shellcheck source=scripts/tests/guest/lib.bash
. "$(dirname "$0")/lib.bash"

# The guest side: each part prints its output between "== NAME" lines.
# shellcheck disable=SC2016 # expanded in the guest
guest='
R=/sys/kernel/config/sct/rules
rule() {	# rule NAME SYSCALL FORMAT
	mkdir $R/$1 && echo $2 > $R/$1/syscall &&
	echo "$3" > $R/$1/log_format && echo 1 > $R/$1/enabled
}
cd /tmp

echo "== seed"
rule unlink_rule1 unlink "%comm : %params delete by %euid --> %suid"
sctlog > /tmp/seed.out 2> /tmp/seed.err &
pid=$!
touch ./dummy
rm ./dummy
sleep 1
kill -INT $pid
wait $pid
echo "status $?"
cat /tmp/seed.out
echo "== seed.err"
cat /tmp/seed.err

echo "== json"
rule json_rule unlink "%comm %params"
for i in 1 2 3; do touch "./j\"son $i"; rm "./j\"son $i"; done
sctlog --json --dump -r json_rule
echo "status $?"
echo 0 > $R/json_rule/enabled

echo "== utf8"
# Sorts before unlink_rule1, which would match first.
rule a_utf8 unlink "%comm %params"
for f in "$(printf "./caf\303\251 \342\202\254")" "$(printf "./a\377b")"; do
	touch "$f"; rm "$f"
done
sctlog --json --dump -r a_utf8
echo "status $?"
echo 0 > $R/a_utf8/enabled

echo "== count"
sctlog -n 2
echo "status $?"

echo "== syslog"
syslogd -n -O /tmp/messages &
slog=$!
sleep 1
touch ./dummy
rm ./dummy
sctlog --syslog --new -n 1 -r unlink_rule1 &
s=$!
sleep 1
touch ./dummy
rm ./dummy
wait $s
echo "status $?"
sleep 1
kill $slog
grep sctlog /tmp/messages

echo "== lost"
echo 0 > $R/unlink_rule1/enabled
echo 16384 > /sys/kernel/config/sct/log_size
echo 1 > $R/unlink_rule1/enabled
i=0
while [ $i -lt 400 ]; do touch ./dummy; rm ./dummy; i=$((i + 1)); done
sctlog --dump -r unlink_rule1 > /tmp/lost.out 2> /tmp/lost.err
echo "status $?"
echo "lines $(wc -l < /tmp/lost.out)"
echo "== lost.err"
cat /tmp/lost.err

echo "== flood"
rule flood_rule getpid "%comm %params"
sct-getpid-loop -n 2000000000 -r 1 > /dev/null 2>&1 &
loop=$!
sctlog -r flood_rule > /tmp/flood.out 2> /tmp/flood.err &
pid=$!
sleep 3
kill -TERM $pid
i=0
while kill -0 $pid 2> /dev/null && [ $i -lt 20 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 $pid 2> /dev/null; then echo "running after 2 s"; kill -KILL $pid; fi
wait $pid
echo "status $?"
kill $loop
wait $loop
echo 0 > $R/flood_rule/enabled
echo "lines $(grep -c sct-getpid-loop /tmp/flood.out)"
echo "last $(tail -c 1 /tmp/flood.out | od -An -c | tr -d " ")"

echo "== usage"
sctlog --help > /dev/null; echo "help $?"
sctlog --version; echo "version $?"
sctlog --bogus 2> /dev/null; echo "bogus $?"
sctlog -n 0 2> /dev/null; echo "zero $?"
sctlog -n x 2> /dev/null; echo "nan $?"
sctlog extra 2> /dev/null; echo "extra $?"
sctlog --device /nonexistent -d 2> /tmp/dev.err; echo "nodev $?"
cat /tmp/dev.err
su nobody -s /bin/sh -c "sctlog -d" 2> /tmp/perm.err; echo "perm $?"
cat /tmp/perm.err
echo "== end"
'

run_guest

result "the guest ran the script" \
	"$(all "$(ok [ $rc -eq 0 ])" "$(ok grep -qx '== end' "$tmp/out")")"
result "the seed rule gives the seed line" \
	"$(ok has seed '"rm" : "./dummy" delete by 0 --> 0')"
result "exactly one line for one rm" \
	"$(ok [ "$(count seed 'delete by')" -eq 1 ])"
result "exit status 0 on SIGINT" "$(ok has seed 'status 0')"
result "nothing on stderr when nothing is lost" \
	"$(ok [ -z "$(part seed.err)" ])"

part json | grep '^{' >"$tmp/json" || true
result "--json: three records of json_rule" \
	"$(ok [ "$(wc -l <"$tmp/json")" -eq 3 ])"
result "--json: every line parses as JSON, with the right fields" "$(ok python3 - "$tmp/json" <<'EOF'
import json, sys
recs = [json.loads(line) for line in open(sys.argv[1])]
for i, r in enumerate(recs, 1):
    assert r["type"] == "call", r
    assert r["rule"] == "json_rule", r
    assert r["syscall"] == "unlink" and r["nr"] == 87, r
    assert r["comm"] == "rm" and r["when"] == "before", r
    assert r["euid"] == 0 and isinstance(r["pid"], int), r
    assert r["schema"] == 1 and isinstance(r["time_ns"], str), r
    assert r["data"]["1"] == './j"son %d' % i, r
    assert r["text"] == '"rm" "./j\\"son %d"' % i, r
    assert len(r["args"]) == 6 and r["time"].endswith("Z"), r
seqs = [r["seq"] for r in recs]
assert seqs == sorted(seqs), seqs
EOF
)"
result "--json --dump exits 0" "$(ok has json 'status 0')"

part utf8 | grep '^{' >"$tmp/utf8" || true
result "--json: UTF-8 as it is, other bytes as U+FFFD with their hex" "$(ok python3 - "$tmp/utf8" <<'EOF'
import json, sys
raw = open(sys.argv[1], "rb").read()
assert "./caf\u00e9 \u20ac".encode() in raw, raw
recs = [json.loads(line) for line in raw.decode("utf-8").splitlines()]
assert len(recs) == 2, recs
assert recs[0]["data"]["1"] == "./caf\u00e9 \u20ac", recs[0]
d = recs[1]["data"]["1"]
assert d["string"] == "./a\ufffdb" and bytes.fromhex(d["hex"]) == b"./a\xffb", d
EOF
)"

result "-n 2 stops after two records" \
	"$(ok [ "$(count count '^"rm" ')" -eq 2 ])"
result "-r keeps one rule's records" \
	"$(ok [ "$(count json 'unlink_rule1')" -eq 0 ])"
result "-n exits 0" "$(ok has count 'status 0')"

result "--syslog forwards the record to syslog" \
	"$(ok has_re syslog 'sctlog\[[0-9]*\]: "rm" : "./dummy" delete by 0 --> 0$')"
result "--syslog --new skips older records" \
	"$(ok [ "$(count syslog 'delete by')" -eq 1 ])"

lines=$(part lost | sed -n 's/^lines //p')
result "a small buffer keeps some records ($lines of 400)" \
	"$(all "$(ok [ "${lines:-0}" -gt 0 ])" "$(ok [ "${lines:-0}" -lt 400 ])")"
result "lost records are reported on stderr" \
	"$(ok has_re lost.err '^sctlog: lost [0-9]* records (seq [0-9]*-[0-9]*)$')"

lines=$(part flood | sed -n 's/^lines //p')
result "SIGTERM stops sctlog within 2 s while a flood of records comes" \
	"$(all "$(ok [ -z "$(part flood | grep 'running after')" ])" \
		"$(ok has flood 'status 0')")"
result "SIGTERM: the flood's records are printed, whole lines ($lines)" \
	"$(all "$(ok [ "${lines:-0}" -gt 0 ])" "$(ok has flood 'last \n')")"

result "--help exits 0" "$(ok has usage 'help 0')"
result "--version prints the version" \
	"$(ok has_re usage '^sctlog (sct) [0-9.]*$')"
for u in bogus zero nan extra; do
	result "usage error ($u) exits 2" "$(ok has usage "$u 2")"
done
result "a missing device exits 1 with a message" \
	"$(all "$(ok has usage 'nodev 1')" \
		"$(ok has_re usage '^sctlog: /nonexistent: No such file')")"
result "a non-root user gets EACCES" \
	"$(all "$(ok has usage 'perm 1')" \
		"$(ok has_re usage 'Permission denied')")"

guest_finish
