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
