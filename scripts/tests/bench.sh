#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What of "make bench" can be checked without building and booting its
# kernels: the guest script is shellcheck-clean, the helpers build and
# the seccomp one installs the filters it names, the gdb script parses,
# and build-kernel.sh refuses a fragment that does not exist.  Prints TAP.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

name=bench
# shellcheck source=scripts/tests/tap.bash
. "$(dirname "$0")/tap.bash"

st=0
shellcheck "$SCT_ROOT/scripts/guest/bench" >"$tmp/log" 2>&1 || st=1
tap_detail=$tmp/log result "shellcheck scripts/guest/bench" $st

# <linux/sct.h> of the series, as scripts/bench.sh gives it.
mkdir -p "$tmp/include/linux"
cp "$KTREE/include/uapi/linux/sct.h" "$tmp/include/linux/"
for t in sct-getpid-loop sct-seccomp-run sct-log-drain; do
	st=0
	gcc -static -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -I"$tmp/include" \
		-o "$tmp/$t" "$SCT_ROOT/userspace/bench/$t.c" >"$tmp/log" 2>&1 || st=1
	tap_detail=$tmp/log result "userspace/bench/$t.c builds with -Werror" $st
done

# glibc's getpid() does not cache: python's os.getpid() shows what the
# filter returns.
st=0
got=$("$tmp/sct-seccomp-run" errno-getpid python3 -c \
	'import os; print(os.getpid())' 2>&1) || st=1
[ "$got" = -1 ] || st=1
result "sct-seccomp-run errno-getpid fails getpid() (got '$got')" $st
st=0
got=$("$tmp/sct-seccomp-run" allow python3 -c \
	'import os; print(os.getpid())' 2>&1) || st=1
[[ $got =~ ^[1-9][0-9]*$ ]] || st=1
result "sct-seccomp-run allow lets getpid() through (got '$got')" $st

st=0
python3 -c 'import ast, sys; ast.parse(open(sys.argv[1]).read())' \
	"$SCT_ROOT/scripts/bench-trace.py" >"$tmp/log" 2>&1 || st=1
tap_detail=$tmp/log result "scripts/bench-trace.py parses" $st

st=0
"$SCT_ROOT/scripts/build-kernel.sh" bench-test bench no-such-fragment \
	>"$tmp/log" 2>&1 && st=1
grep -q "unknown kernel variant or fragment 'no-such-fragment'" "$tmp/log" ||
	st=1
tap_detail=$tmp/log result "build-kernel.sh refuses an unknown fragment" $st

finish
