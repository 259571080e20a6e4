#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# sctrules on the host, without a kernel: "check" on the examples and the
# seed article's rules, one "file:line:col: error: ..." line and exit 1
# for a file with an error, usage errors, and exit 3 where sct is not
# there.  Prints TAP.
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
