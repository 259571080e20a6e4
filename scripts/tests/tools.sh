#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The manners of sctrules and sctlog on the host, without a kernel, on a
# directory that stands for configfs (SCT_CONFIGFS): a rule name that is
# not one ("../traces/t") is refused before anything is touched.  Prints
# TAP.
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

finish
