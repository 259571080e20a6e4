#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The manners of sctrules and sctlog on the host, without a kernel, on a
# directory that stands for configfs (SCT_CONFIGFS): a rule name that is
# not one ("../traces/t") is refused before anything is touched; options
# go anywhere, "--" ends them; an error writing standard output is
# an error (/dev/full); show fails, and leaves a file that cannot be
# applied, for a rule that a rule file cannot hold.  Prints TAP.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

name=tools
# shellcheck source=scripts/tests/tap.bash
. "$(dirname "$0")/tap.bash"
tap_detail="$tmp/out $tmp/err"
out=$BUILD/userspace-host
bin=$out/bin
run() {	# run TOOL ARGS...: status in $rc, output in $tmp/out and $tmp/err
	rc=0
	"$bin/$1" "${@:2}" >"$tmp/out" 2>"$tmp/err" || rc=$?
}
st() { echo $?; }	# "$(COMMANDS; st)": 0 if the last one succeeded

if ! make -s -C "$SCT_ROOT/userspace" OUTPUT="$out" KSRC="$KTREE" \
	"$bin/sctrules" "$bin/sctlog" >"$tmp/err" 2>&1; then
	result "build sctrules and sctlog" 1
	finish
	exit 1
fi

# A live rule, as the kernel shows it: rule_attrs DIR NAME SYSCALL.
rule_attrs() {
	local r=$1/rules/$2

	mkdir -p "$r"
	printf '%s\n' "$3" >"$r/syscall"
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
	printf '\n' >"$r/trace"
}

# 1. A rule name that is not a name goes nowhere near the file system.
cfs=$tmp/cfs
mkdir -p "$cfs/traces/t"
rule_attrs "$cfs" r1 unlink
SCT_CONFIGFS=$cfs run sctrules delete ../traces/t
result "delete ../traces/t: exit 1, the name is refused" \
	"$([ $rc -eq 1 ] && grep -q "invalid rule name '../traces/t'" "$tmp/err"; st)"
result "delete ../traces/t: the trace is still there" \
	"$([ -d "$cfs/traces/t" ]; st)"
SCT_CONFIGFS=$cfs run sctrules delete r1 ../traces/t
result "delete r1 ../traces/t: all or nothing, r1 is still there" \
	"$([ $rc -eq 1 ] && [ -d "$cfs/rules/r1" ] && [ -d "$cfs/traces/t" ]; st)"

# 2. Options anywhere (GNU permutation), "--" ends them.
cat >"$tmp/a.rules" <<'RULES'
rule {
  syscall_name = unlink
  rule_name = a
}
RULES
mkdir "$tmp/d"
sed 's/rule_name = a/rule_name = b/' "$tmp/a.rules" >"$tmp/d/b.rules"
run sctrules check "$tmp/a.rules" -q
result "check FILE -q: quiet" "$([ $rc -eq 0 ] && [ ! -s "$tmp/out" ]; st)"
run sctrules -q check "$tmp/a.rules"
result "-q check FILE: quiet" "$([ $rc -eq 0 ] && [ ! -s "$tmp/out" ]; st)"
run sctrules check "$tmp/a.rules" -R "$tmp/d"
result "check FILE -R DIR: both read" \
	"$([ $rc -eq 0 ] && grep -qx '2 rules, no errors' "$tmp/out"; st)"
run sctrules check "$tmp/a.rules" --quiet --dir="$tmp/d"
result "check FILE --quiet --dir=DIR" \
	"$([ $rc -eq 0 ] && [ ! -s "$tmp/out" ]; st)"
cp "$tmp/a.rules" "$tmp/-q"
(cd "$tmp" && "$bin/sctrules" check -- -q >out 2>err) && rc=0 || rc=$?
result "check -- -q: -q is a file" \
	"$([ $rc -eq 0 ] && grep -qx '1 rule, no errors' "$tmp/out"; st)"
run sctrules check "$tmp/a.rules" -x
result "check FILE -x: an unknown option is a usage error" \
	"$([ $rc -eq 2 ] && grep -q "invalid option -- 'x'" "$tmp/err"; st)"
SCT_CONFIGFS=$cfs run sctrules list -q
result "list -q: options after a command without operands" "$([ $rc -eq 0 ]; st)"
SCT_CONFIGFS=$cfs run sctrules count extra
result "count extra: an operand is a usage error" "$([ $rc -eq 2 ]; st)"
run sctlog -d -D /dev/null -- -j
result "sctlog -d -D /dev/null -- -j: -j is an operand, a usage error" \
	"$([ $rc -eq 2 ] && grep -q "unexpected argument '-j'" "$tmp/err"; st)"

# 3. Output that cannot be written is an error: exit 1, "write error".
full() {	# full TOOL ARGS...: TOOL ARGS... >/dev/full
	local rc=0

	"$bin/$1" "${@:2}" >/dev/full 2>"$tmp/err" || rc=$?
	result "$* >/dev/full: exit 1, write error" \
		"$([ $rc -eq 1 ] &&
			grep -qx "$1: write error: No space left on device" "$tmp/err"; st)"
}
SCT_CONFIGFS=$cfs full sctrules show
SCT_CONFIGFS=$cfs full sctrules list
SCT_CONFIGFS=$cfs full sctrules count
full sctrules check "$tmp/a.rules"
full sctrules --help
full sctrules --version
full sctlog --help
full sctlog --version

# 4. show, of a rule a rule file cannot hold: a log_format whose braces
# do not balance.  Not dropped: an error, and a file apply refuses.
cfs3=$tmp/cfs3
rule_attrs "$cfs3" r1 unlink
rule_attrs "$cfs3" r2 unlinkat
printf '2\n' >"$cfs3/rules/r2/order"
printf '%s\n' '%comm }' >"$cfs3/rules/r2/log_format"
rule_attrs "$cfs3" r3 rmdir
printf '3\n' >"$cfs3/rules/r3/order"
SCT_CONFIGFS=$cfs3 run sctrules show
cp "$tmp/out" "$tmp/shown3.rules"
result "show of an unprintable rule: exit 1, the rule named on stderr" \
	"$([ $rc -eq 1 ] && grep -q "rule r2 .*log_format" "$tmp/err"; st)"
result "show of an unprintable rule: the others are shown" \
	"$(grep -qx '	rule_name = r1' "$tmp/shown3.rules" &&
		grep -qx '	rule_name = r3' "$tmp/shown3.rules"; st)"
run sctrules check "$tmp/shown3.rules"
result "show of an unprintable rule: what it printed does not check" \
	"$([ $rc -eq 1 ] && grep -q "shown3.rules:[0-9]*:[0-9]*: error: " "$tmp/err"; st)"

finish
