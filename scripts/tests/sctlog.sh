#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# sctlog on the host, without a kernel, on files of records
# (userspace/tests/mkrecords.c) that stand for /dev/sct_records:
#   - --json through a real JSON parser (python3), with a path in UTF-8
#     and one with a byte that is not: schema 1, keys from 1, 64-bit
#     numbers as exact strings, U+FFFD and the bytes in hex;
#   - the end of a file or of a pipe is the end, with status 0: without
#     --dump too, and for records that a read() cuts in two;
#   - SIGTERM stops it while records keep coming, with status 0 and
#     what it printed flushed;
#   - a write error on standard output is status 1.
# Prints TAP.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

name="sctlog-host"
# shellcheck source=scripts/tests/tap.bash
. "$(dirname "$0")/tap.bash"
tap_detail="$tmp/out $tmp/err"
out=$BUILD/userspace-host
src=$SCT_ROOT/userspace
sctlog=$out/bin/sctlog
st() { echo $?; }
run() {	# run ARGS...: sctlog ARGS..., at most 10 s; $rc, $tmp/out, $tmp/err
	rc=0
	timeout -s KILL 10 "$sctlog" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
}

if ! make -s -C "$src" OUTPUT="$out" KSRC="$KTREE" "$sctlog" \
	>"$tmp/log" 2>&1 ||
	! ${CC:-cc} -Wall -Wextra -Werror -D_GNU_SOURCE -I"$out/include" \
		-I"$src/lib" -o "$tmp/mkrecords" "$src/tests/mkrecords.c" \
		>>"$tmp/log" 2>&1; then
	tap_detail=$tmp/log
	result "build sctlog and mkrecords" 1
	finish
	exit 1
fi

utf8=$'/tmp/caf\xc3\xa9 \xe2\x82\xac'
bad=$'/tmp/a\xffb'
"$tmp/mkrecords" "$utf8" 3 >"$tmp/utf8.rec"
"$tmp/mkrecords" "$bad" 3 >"$tmp/bad.rec"
# Far more than one read() of sctlog's 64 KiB takes.
"$tmp/mkrecords" "$utf8" 3000 >"$tmp/big.rec"

# 1. --json, parsed by python3's json.
run --json --dump -D "$tmp/utf8.rec"
cp "$tmp/out" "$tmp/utf8.json"
run --json --dump -D "$tmp/bad.rec"
cp "$tmp/out" "$tmp/bad.json"
result "--json: valid UTF-8, schema 1, keys from 1, exact 64-bit strings" "$(
	python3 - "$tmp/utf8.json" "$utf8" <<'PY' >"$tmp/out" 2>&1; st
import json, sys
path = sys.argv[2].encode("utf-8", "surrogateescape").decode("utf-8")
raw = open(sys.argv[1], "rb").read()
assert "caf\u00e9 \u20ac".encode() in raw, "UTF-8 is not as it is"
recs = [json.loads(line) for line in raw.decode("utf-8").splitlines()]
assert [r["type"] for r in recs] == ["task", "call", "call", "lost", "call"], recs
for r in recs:
    assert r["schema"] == 1, r
task, call = recs[0], recs[1]
assert task["path"] == path and "path_hex" not in task, task
assert task["time_ns"] == "9007199254740993", task
assert call["time_ns"] == "9007199254740995", call
assert call["data"] == {"1": path}, call
assert call["args"][0] == "140724603457536", call
assert call["text"] == "rm " + path, call
assert call["comm"] == "rm" and call["pid"] == 100, call
assert recs[3] == {"schema": 1, "type": "lost", "seq": 4, "count": 3}
PY
)"
result "--json: a byte that is not UTF-8 is U+FFFD, with the bytes in hex" "$(
	python3 - "$tmp/bad.json" <<'PY' >"$tmp/out" 2>&1; st
import json, sys
recs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
task, call = recs[0], recs[1]
assert task["path"] == "/tmp/a\ufffdb", task
assert bytes.fromhex(task["path_hex"]) == b"/tmp/a\xffb", task
d = call["data"]["1"]
assert d == {"string": "/tmp/a\ufffdb", "hex": b"/tmp/a\xffb".hex()}, d
assert "truncated" not in d, d
PY
)"

# 2. The end of a file is the end: status 0, every record, no error.
run -D "$tmp/utf8.rec"
result "-D FILE without --dump: every record, then exit 0 at the end" \
	"$([ $rc -eq 0 ] && [ "$(grep -c '^rm ' "$tmp/out")" -eq 3 ] &&
		[ "$(cat "$tmp/err")" = "sctlog: lost 3 records (seq 4-6)" ]; st)"
run --dump -D "$tmp/big.rec"
result "-D FILE of records that reads cut in two: every record, exit 0" \
	"$([ $rc -eq 0 ] && [ "$(grep -c '^rm ' "$tmp/out")" -eq 3000 ] &&
		! grep -q 'Protocol error' "$tmp/err"; st)"
rc=0
timeout -s KILL 10 "$sctlog" -D /dev/stdin <"$tmp/big.rec" >"$tmp/out" \
	2>"$tmp/err" || rc=$?
result "-D /dev/stdin, a file: every record, exit 0" \
	"$([ $rc -eq 0 ] && [ "$(grep -c '^rm ' "$tmp/out")" -eq 3000 ]; st)"
rc=0
cat <"$tmp/big.rec" | timeout -s KILL 10 "$sctlog" -D /dev/stdin \
	>"$tmp/out" 2>"$tmp/err" || rc=$?
result "-D /dev/stdin, a pipe: every record, exit 0 when the writer is done" \
	"$([ $rc -eq 0 ] && [ "$(grep -c '^rm ' "$tmp/out")" -eq 3000 ] &&
		! grep -q 'Protocol error' "$tmp/err"; st)"
head -c 1000 "$tmp/big.rec" >"$tmp/cut.rec"
run -D "$tmp/cut.rec"
result "a file that ends in the middle of a record: exit 1, said so" \
	"$([ $rc -eq 1 ] && grep -q 'cut short' "$tmp/err"; st)"

# 3. SIGTERM while records keep coming (a pipe that never runs dry).
(while cat "$tmp/big.rec"; do :; done) 2>/dev/null |
	"$sctlog" -D /dev/stdin >"$tmp/out" 2>"$tmp/err" &
pid=$!
sleep 1
kill -TERM $pid 2>/dev/null || true
for _ in $(seq 20); do
	kill -0 $pid 2>/dev/null || break
	sleep 0.1
done
stopped=0
if kill -0 $pid 2>/dev/null; then
	stopped=1
	kill -KILL $pid
fi
rc=0
wait $pid || rc=$?
result "SIGTERM stops it within 2 s while records keep coming, status 0" \
	"$([ $stopped -eq 0 ] && [ $rc -eq 0 ]; st)"
result "SIGTERM: what it printed is whole lines, flushed" \
	"$([ -s "$tmp/out" ] && [ "$(tail -c 1 "$tmp/out" | od -An -c | tr -d ' ')" = '\n' ] &&
		! grep -qv -e '^rm ' -e '^"sh"\[100/100\] exec ' "$tmp/out"; st)"

# 4. A write error.
rc=0
"$sctlog" -d -D "$tmp/utf8.rec" >/dev/full 2>"$tmp/err" || rc=$?
result "a write error: exit 1, write error" \
	"$([ $rc -eq 1 ] && grep -qx 'sctlog: write error: No space left on device' "$tmp/err"; st)"

finish
