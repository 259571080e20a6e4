#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# sctrules on the host, without a kernel: "check" on the examples and the
# seed article's rules, one "file:line:col: error: ..." line and exit 1
# for a file with an error, syscall lists and classes, a rule's trace,
# "show" and "list" of a list and of a rule of a trace read from a
# directory that stands for configfs, usage errors, and exit 3 where sct
# is not there.  Prints TAP.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

name=sctrules-host
# shellcheck source=scripts/tests/tap.bash
. "$(dirname "$0")/tap.bash"
tap_detail="$tmp/out $tmp/err"
out=$BUILD/userspace-host
run() {	# run ARGS...: status in $rc, output in $tmp/out and $tmp/err
	rc=0
	"$out/bin/sctrules" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
}
st() { echo $?; }	# "$(COMMANDS; st)": 0 if the last one succeeded

if ! make -s -C "$SCT_ROOT/userspace" OUTPUT="$out" KSRC="$KTREE" \
	"$out/bin/sctrules" >"$tmp/err" 2>&1; then
	result "build sctrules" 1
	finish
	exit 1
fi

run check "$SCT_ROOT"/examples/*.rules
result "check passes the examples" \
	"$([ $rc -eq 0 ] && grep -qx '8 rules, no errors' "$tmp/out"; st)"

run check "$SCT_ROOT"/userspace/tests/data/article-*.rules
result "check passes the seed article's rules" "$([ $rc -eq 0 ]; st)"

cat >"$tmp/bad.rules" <<'RULES'
# One error: a misspelt syscall.
rule {
  syscall_name = unlnk
  rule_name = typo
  action {
    type = LOG
  }
}
RULES
run check "$tmp/bad.rules"
result "one error: exit 1" "$([ $rc -eq 1 ]; st)"
result "one error: exactly one line, file:line:col: error: message" \
	"$([ "$(wc -l <"$tmp/err")" -eq 1 ] &&
		grep -qx "$tmp/bad.rules:3:18: error: unknown syscall 'unlnk'" "$tmp/err"; st)"
result "one error: nothing on stdout" "$([ ! -s "$tmp/out" ]; st)"

cat >"$tmp/bad2.rules" <<'RULES'
rule {
  syscall_name = unlink
  rule_name = x
  filter_expression {PARAMS[1] == "/etc/passwd" &&}
}
RULES
run check "$tmp/bad2.rules"
result "a filter error names its column" \
	"$([ $rc -eq 1 ] && grep -q "^$tmp/bad2.rules:4:[0-9]*: error: " "$tmp/err" &&
		[ "$(wc -l <"$tmp/err")" -eq 1 ]; st)"

cat >"$tmp/lists.rules" <<'RULES'
rule {
  syscall_name = unlinkat, unlink, rename
  rule_name = deletes
}
rule {
  syscall_name = %file,execve
  rule_name = files
}
rule {
  syscall_name = ia32:*
  rule_name = all_ia32
}
RULES
run check "$tmp/lists.rules"
result "check takes syscall lists, ABI:* and strace's classes" \
	"$([ $rc -eq 0 ] && grep -qx '3 rules, no errors' "$tmp/out"; st)"

cat >"$tmp/badlist.rules" <<'RULES'
rule {
  syscall_name = unlinkat, unlnk, %files
  rule_name = deletes
}
RULES
run check "$tmp/badlist.rules"
result "a list's bad items: one error each, at the item's column" \
	"$([ $rc -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 2 ] &&
		grep -qx "$tmp/badlist.rules:2:28: error: unknown syscall 'unlnk'" "$tmp/err" &&
		grep -q "^$tmp/badlist.rules:2:35: error: unknown syscall class '%files' " "$tmp/err"; st)"

# A live list, as the kernel reads it back, in a directory that stands
# for configfs (only reading works there).
r=$tmp/cfs/rules/deletes
mkdir -p "$r"
printf '%s\n' unlink,unlinkat >"$r/syscall"
printf '%s\n' before >"$r/when"
printf '%s\n' log >"$r/action"
printf '%s\n' EPERM >"$r/error_code"
printf '%s\n' 1 >"$r/order"
printf '%s\n' 0 >"$r/continue"
printf '\n' >"$r/filter"
printf '\n' >"$r/log_format"
printf '%s\n' device >"$r/log_target"
printf '%s\n' 1 >"$r/enabled"
printf '%s\n' 0 >"$r/hits"
printf '%s\n' 1 >"$r/id"
SCT_CONFIGFS=$tmp/cfs run show
cp "$tmp/out" "$tmp/shown.rules"
result "show prints a live list as syscall_name" \
	"$([ $rc -eq 0 ] && grep -qx '	syscall_name = unlink,unlinkat' "$tmp/shown.rules"; st)"
run check "$tmp/shown.rules"
result "what show prints of a list checks" "$([ $rc -eq 0 ]; st)"
SCT_CONFIGFS=$tmp/cfs run list
result "list shows a live list" \
	"$([ $rc -eq 0 ] && grep -q '^ *1  deletes  *unlink,unlinkat ' "$tmp/out"; st)"
result "list has no TRACE column while no rule has a trace" \
	"$([ $rc -eq 0 ] && ! grep -q TRACE "$tmp/out"; st)"

cat >"$tmp/trace.rules" <<'RULES'
rule {
  syscall_name = *
  rule_name = tree
  trace = build.1
}
RULES
run check "$tmp/trace.rules"
result "check takes a rule's trace" \
	"$([ $rc -eq 0 ] && grep -qx '1 rule, no errors' "$tmp/out"; st)"
sed 's/build\.1/..\/t/' "$tmp/trace.rules" >"$tmp/badtrace.rules"
run check "$tmp/badtrace.rules"
result "a bad trace name: one error, at its column" \
	"$([ $rc -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
		grep -qx "$tmp/badtrace.rules:4:11: error: invalid trace name '../t': starts with '-' or '.'" "$tmp/err"; st)"

# A rule of a trace, live, next to a global one.
cp -r "$tmp/cfs" "$tmp/cfs2"
r=$tmp/cfs2/rules/tree
cp -r "$tmp/cfs2/rules/deletes" "$r"
printf '%s\n' '*' >"$r/syscall"
printf '%s\n' 2 >"$r/order"
printf '%s\n' build.1 >"$r/trace"
printf '\n' >"$tmp/cfs2/rules/deletes/trace"
SCT_CONFIGFS=$tmp/cfs2 run show
cp "$tmp/out" "$tmp/shown2.rules"
result "show prints a rule's trace, and only where it has one" \
	"$([ $rc -eq 0 ] && [ "$(grep -c 'trace' "$tmp/shown2.rules")" -eq 1 ] &&
		grep -qx '	trace = build.1' "$tmp/shown2.rules"; st)"
run check "$tmp/shown2.rules"
result "what show prints of a rule of a trace checks" "$([ $rc -eq 0 ]; st)"
SCT_CONFIGFS=$tmp/cfs2 run list
result "list has a last column, TRACE, when a rule has a trace" \
	"$([ $rc -eq 0 ] && head -n 1 "$tmp/out" | grep -q ' HITS  TRACE$' &&
		grep -q '^ *1  deletes  *unlink,unlinkat .* 0  -$' "$tmp/out" &&
		grep -q '^ *2  tree  *\*  .* 0  build\.1$' "$tmp/out"; st)"

# Names starting with '_' belong to programs: a rule file may not use
# them, show leaves such rules out, list shows them.
cat >"$tmp/reserved.rules" <<'RULES'
rule {
  syscall_name = unlink
  rule_name = _mine
}
rule {
  syscall_name = unlink
  rule_name = theirs
  trace = _sct.1
}
RULES
run check "$tmp/reserved.rules"
result "rule_name and trace starting with '_' are refused, at their columns" \
	"$([ $rc -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 2 ] &&
		grep -qx "$tmp/reserved.rules:3:15: error: rule name '_mine' is reserved: names starting with '_' belong to programs that use libsct" "$tmp/err" &&
		grep -qx "$tmp/reserved.rules:8:11: error: trace name '_sct.1' is reserved: names starting with '_' belong to programs that use libsct" "$tmp/err"; st)"
cp -r "$tmp/cfs" "$tmp/cfs3"
cp -r "$tmp/cfs3/rules/deletes" "$tmp/cfs3/rules/_sct.1.2.3"
SCT_CONFIGFS=$tmp/cfs3 run show
result "show leaves out a rule whose name starts with '_'" \
	"$([ $rc -eq 0 ] && grep -qx '	rule_name = deletes' "$tmp/out" &&
		! grep -q '_sct' "$tmp/out"; st)"
SCT_CONFIGFS=$tmp/cfs3 run list
result "list shows it" \
	"$([ $rc -eq 0 ] && grep -q '^ *1  _sct\.1\.2\.3  ' "$tmp/out"; st)"

# list --json: what list shows, and every attribute, as one JSON
# document (sctrules(8), JSON OUTPUT).
SCT_CONFIGFS=$tmp/cfs2 run list
awk 'NR > 1 { print $1, $2, $3, $4, $5, $6, $7, $8 }' "$tmp/out" >"$tmp/table"
SCT_CONFIGFS=$tmp/cfs2 run list --json
cp "$tmp/out" "$tmp/list.json"
result "list --json: valid JSON, schema 1, exit 0" \
	"$([ $rc -eq 0 ] && jq -e '.schema == 1' "$tmp/list.json" >/dev/null; st)"
jq -r '.rules[] | [.order, .name, .syscall // "-", .when, .action,
	(if .enabled then "yes" else "no" end), .hits, .trace // "-"] |
	map(tostring) | join(" ")' "$tmp/list.json" >"$tmp/fromjson" 2>&1 || true
result "list --json: the rules of list, in its order, with each of its columns" \
	"$([ -s "$tmp/table" ] && cmp -s "$tmp/table" "$tmp/fromjson"; st)"
result "list --json: every key in every rule, null where the action has none" \
	"$(jq -e '[.rules[] | keys_unsorted] | unique == [["order", "name", "syscall",
		"when", "action", "enabled", "hits", "trace", "id", "filter",
		"error_code", "continue", "log_format", "log_target",
		"capture_size", "force", "act_on_init"]]' "$tmp/list.json" >/dev/null &&
		jq -e '.rules[0] | .name == "deletes" and .trace == null and
			.error_code == null and .force == null and
			.log_target == "device" and .continue == false and
			.id == 1 and .enabled == true' "$tmp/list.json" >/dev/null; st)"
result "list --json: one rule a line" \
	"$([ "$(wc -l <"$tmp/list.json")" -eq 4 ] &&
		[ "$(grep -c '^{"order":' "$tmp/list.json")" -eq 2 ]; st)"

# Hostile attributes: quotes, backslashes, control characters, UTF-8,
# and bytes that are not UTF-8 (each byte from 1 to 255).
cp -r "$tmp/cfs" "$tmp/cfs5"
r=$tmp/cfs5/rules/deletes
printf '%s\n' 'PARAMS[1] == "a\"b\\c" && COMM == "\x01\x1f\x7f" \u00e9' >"$r/filter"
printf 'q"b\\s\tt\001\303\251\342\202\254\360\237\230\200\177\n' >"$r/log_format"
cp -r "$r" "$tmp/cfs5/rules/bytes"
printf '%s\n' 2 >"$tmp/cfs5/rules/bytes/order"
printf '%s\n' fail >"$tmp/cfs5/rules/bytes/action"
printf '%s\n' "E\"\\" >"$tmp/cfs5/rules/bytes/error_code"
python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(1, 256)) + b"\n")' \
	>"$tmp/cfs5/rules/bytes/filter"
SCT_CONFIGFS=$tmp/cfs5 run --json list
cp "$tmp/out" "$tmp/hostile.json"
cat >"$tmp/check.py" <<'PY'
import json, sys

doc = json.load(open(sys.argv[1], encoding="utf-8", errors="strict"))
a, b = doc["rules"]
assert a["name"] == "deletes" and b["name"] == "bytes", (a, b)
assert a["filter"] == 'PARAMS[1] == "a\\"b\\\\c" && COMM == "\\x01\\x1f\\x7f" \\u00e9'
assert a["log_format"] == 'q"b\\s\tt\x01\u00e9\u20ac\U0001f600\x7f', repr(a["log_format"])
assert "filter_hex" not in a and "log_format_hex" not in a, a
raw = bytes(range(1, 256))
assert b["filter"] == "".join(chr(c) if c < 0x80 else "\ufffd" for c in raw), repr(b["filter"])
assert b["filter_hex"] == raw.hex(), b["filter_hex"]
assert b["error_code"] == 'E"\\' and "error_code_hex" not in b, b
assert b["log_format"] is None and b["continue"] is None, b
PY
result "list --json: hostile strings escaped, exact where UTF-8, U+FFFD and _hex where not" \
	"$([ $rc -eq 0 ] && python3 "$tmp/check.py" "$tmp/hostile.json" 2>"$tmp/err" &&
		jq -e '.rules | length == 2' "$tmp/hostile.json" >/dev/null; st)"
result "list --json: printable ASCII only, on the line of a rule whose bytes are not UTF-8" \
	"$(grep -q '"name":"bytes"' "$tmp/hostile.json" &&
		! grep '"name":"bytes"' "$tmp/hostile.json" | LC_ALL=C grep -q '[^ -~]'; st)"

# A name the kernel could not have: list fails, and prints nothing.
cp -r "$tmp/cfs5" "$tmp/cfs6"
cp -r "$tmp/cfs6/rules/deletes" "$tmp/cfs6/rules/x\"y"
SCT_CONFIGFS=$tmp/cfs6 run list --json
result "list --json: a rule whose name no rule can have: exit 1, no output" \
	"$([ $rc -eq 1 ] && [ ! -s "$tmp/out" ] && grep -q 'reading the rules' "$tmp/err"; st)"
mkdir -p "$tmp/cfs7/rules"
SCT_CONFIGFS=$tmp/cfs7 run list -j
result "list -j with no rules: an empty list" \
	"$([ $rc -eq 0 ] && [ "$(cat "$tmp/out")" = '{"schema":1,"rules":[]}' ]; st)"
SCT_CONFIGFS=$tmp/cfs2 run show --json
result "--json with another command than list: a usage error (2)" \
	"$([ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q 'json is for list' "$tmp/err"; st)"
SCT_CONFIGFS=$tmp/none run list --json
result "list --json where sct is not there: exit 3, no output" \
	"$([ $rc -eq 3 ] && [ ! -s "$tmp/out" ]; st)"

# The syscall names and classes, for the bash completion: no kernel.
SCT_CONFIGFS=$tmp/none run syscalls
result "syscalls: the native names, one a line, each once" \
	"$([ $rc -eq 0 ] && grep -qx unlink "$tmp/out" && grep -qx unlinkat "$tmp/out" &&
		! grep -qx setuid32 "$tmp/out" && [ "$(head -n 1 "$tmp/out")" = read ] &&
		[ -z "$(sort "$tmp/out" | uniq -d)" ] && [ "$(wc -l <"$tmp/out")" -gt 300 ]; st)"
run syscalls ia32
result "syscalls ia32: ia32's names" \
	"$([ $rc -eq 0 ] && grep -qx setuid32 "$tmp/out" && grep -qx unlink "$tmp/out"; st)"
run syscalls x32
result "syscalls x32: x32's names" \
	"$([ $rc -eq 0 ] && grep -qx unlink "$tmp/out"; st)"
run syscalls mips
rc1=$rc
run syscalls ia32 x32
result "syscalls: an unknown ABI, or two, are usage errors (2)" \
	"$([ $rc1 -eq 2 ] && [ $rc -eq 2 ]; st)"
run classes
result "classes: strace's classes, '%file' among them" \
	"$([ $rc -eq 0 ] && grep -qx '%file' "$tmp/out" && grep -qx '%process' "$tmp/out" &&
		! grep -qv '^%' "$tmp/out"; st)"
printf 'rule {\n  syscall_name = %s\n  rule_name = every\n}\n' \
	"$("$out/bin/sctrules" syscalls | paste -sd, | cut -c1-500 | sed 's/,[^,]*$//')" \
	>"$tmp/names.rules"
run check "$tmp/names.rules"
result "syscalls: names that check takes" "$([ $rc -eq 0 ]; st)"

# The lock of the rule set: with a directory that stands for configfs,
# its rules.lock.  Held by another program: --no-wait fails with 5 and
# changes nothing; without it, sctrules waits, then goes on.
flock "$tmp/cfs3/rules.lock" -c "touch '$tmp/locked'; sleep 2" &
holder=$!
for _ in $(seq 100); do
	[ -e "$tmp/locked" ] && break
	sleep 0.05
done
SCT_CONFIGFS=$tmp/cfs3 run --no-wait delete deletes
result "--no-wait: exit 5 while another holds the lock, nothing deleted" \
	"$([ $rc -eq 5 ] && [ -d "$tmp/cfs3/rules/deletes" ] &&
		grep -q "rules.lock: held by another program .*(--no-wait); nothing was changed" "$tmp/err"; st)"
t0=$(date +%s%N)
SCT_CONFIGFS=$tmp/cfs3 run delete nosuch
t1=$(date +%s%N)
wait "$holder"
result "without --no-wait, sctrules waits for the lock, then goes on" \
	"$([ $rc -eq 1 ] && [ $(((t1 - t0) / 1000000)) -ge 1000 ] &&
		grep -q 'waiting for it' "$tmp/err" &&
		grep -q 'nosuch: no such rule' "$tmp/err"; st)"

# show and list read the rules under the lock, shared: they wait for a
# change (an exclusive holder), not for another reader.
hold() {	# hold -s|-x: flock FILE in the background until $tmp/go exists
	rm -f "$tmp/locked" "$tmp/go"
	flock "$1" "$tmp/cfs3/rules.lock" -c "touch '$tmp/locked'
		while [ ! -e '$tmp/go' ]; do sleep 0.05; done" &
	holder=$!
	for _ in $(seq 100); do
		[ -e "$tmp/locked" ] && break
		sleep 0.05
	done
}
hold -x
SCT_CONFIGFS=$tmp/cfs3 run --no-wait show
rc_show=$rc
SCT_CONFIGFS=$tmp/cfs3 run --no-wait list
touch "$tmp/go"
wait "$holder"
result "show and list --no-wait: exit 5 while a change holds the lock" \
	"$([ $rc_show -eq 5 ] && [ $rc -eq 5 ] &&
		grep -q "rules.lock: held by another program .*(--no-wait); nothing was read" "$tmp/err"; st)"
hold -s
SCT_CONFIGFS=$tmp/cfs3 run --no-wait show
rc_show=$rc
SCT_CONFIGFS=$tmp/cfs3 run --no-wait list
rc_list=$rc
SCT_CONFIGFS=$tmp/cfs3 run --no-wait delete nosuch
touch "$tmp/go"
wait "$holder"
result "show and list share the lock with a reader; delete does not" \
	"$([ $rc_show -eq 0 ] && [ $rc_list -eq 0 ] && [ $rc -eq 5 ]; st)"

# A rule of a program's (its name starts with '_') that changes while
# delete fails and undoes itself is not the delete's doing: exit 1, not
# 4.  Its log_format, /proc/self/io, reads differently at every read;
# and a rule directory of the fake configfs cannot be removed (rmdir of
# a directory with files).
cp -r "$tmp/cfs3/rules/deletes" "$tmp/cfs3/rules/_x"
rm "$tmp/cfs3/rules/_x/log_format"
ln -s /proc/self/io "$tmp/cfs3/rules/_x/log_format"
SCT_CONFIGFS=$tmp/cfs3 run delete deletes
result "delete that fails while a reserved rule changes: exit 1, nothing said of _x" \
	"$([ $rc -eq 1 ] && grep -q 'nothing was deleted' "$tmp/err" &&
		! grep -q '_x' "$tmp/err"; st)"
SCT_CONFIGFS=$tmp/cfs3 run delete _x
result "delete _x, named, that fails: _x compared, and changed (exit 4)" \
	"$([ $rc -eq 4 ] && grep -q '^  _x: changed' "$tmp/err"; st)"
rm -r "$tmp/cfs3/rules/_x"

# The directory of the lock: refused when others may write it.
chmod 0775 "$tmp/cfs3"
SCT_CONFIGFS=$tmp/cfs3 run delete deletes
chmod 0755 "$tmp/cfs3"
result "a lock directory its group may write: exit 1, refused, nothing deleted" \
	"$([ $rc -eq 1 ] && [ -d "$tmp/cfs3/rules/deletes" ] &&
		grep -q "cfs3: owned by uid [0-9]*, mode 0775: refused" "$tmp/err"; st)"

run check "$tmp/nonexistent.rules"
result "a missing file: exit 1 with a message" \
	"$([ $rc -eq 1 ] && grep -q 'nonexistent.rules' "$tmp/err"; st)"

mkdir "$tmp/d"
cp "$SCT_ROOT/examples/ptrace.rules" "$tmp/d/10-a.rules"
cp "$tmp/bad.rules" "$tmp/d/20-b.txt"
run check -R "$tmp/d"
result "check -R DIR reads only *.rules" \
	"$([ $rc -eq 0 ] && grep -qx '1 rule, no errors' "$tmp/out"; st)"

run check
result "check without a file is a usage error (2)" "$([ $rc -eq 2 ]; st)"
run frobnicate
result "an unknown command is a usage error (2)" "$([ $rc -eq 2 ]; st)"
run --help
result "--help exits 0" "$([ $rc -eq 0 ] && grep -q '^Usage:' "$tmp/out"; st)"

SCT_CONFIGFS=$tmp/none run apply "$SCT_ROOT/examples/ptrace.rules"
result "apply where sct is not there exits 3" "$([ $rc -eq 3 ]; st)"
SCT_CONFIGFS=$tmp/none run list
result "list where sct is not there exits 3" "$([ $rc -eq 3 ]; st)"

finish
