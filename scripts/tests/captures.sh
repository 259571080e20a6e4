#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Documentation/captures.md is what scripts/capture-list.sh makes of the
# kernel tree's capture descriptions, and those name only types that
# kernel/sct/captures.txt has.  Prints TAP.
set -euo pipefail

name=captures
# shellcheck source=scripts/tests/tap.bash
. "$(dirname "$0")/tap.bash"
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"
tap_detail=$tmp/out

st=0
"$SCT_ROOT/scripts/capture-list.sh" >"$tmp/list" 2>"$tmp/out" || st=1
result "scripts/capture-list.sh runs" $st

st=0
diff -u "$SCT_ROOT/Documentation/captures.md" "$tmp/list" >"$tmp/out" || st=1
result "Documentation/captures.md is up to date (scripts/capture-list.sh)" $st

st=0
grep -E '^\| [a-z_0-9]+ \| .*``' "$tmp/list" >"$tmp/out" && st=1
result "every captured type is one of captures.txt" $st

# The calls strace shows with their data, which a tracer needs (the
# backquotes are the markdown's).
st=0
: >"$tmp/out"
# shellcheck disable=SC2016
for want in 'read | 2: out, the bytes returned, at most PARAMS[3]' 'write | 2: in, PARAMS[3] bytes' \
	'fstat | 2: out `stat`' 'newfstatat | 3: out `stat`' \
	'statx | 5: out `statx`' 'execve | 2: strings; 3: strings' \
	'pipe2 | 1: out `int2`' 'wait4 | 2: out `int`, if it returned more than 0; 4: out `rusage`, if it returned more than 0' \
	'uname | 1: out `new_utsname`' 'getdents64 | 2: out, the bytes returned, at most PARAMS[3]' \
	'readlink | 2: out, the bytes returned, at most PARAMS[3]' 'stat64 | 2: out `stat64`'; do
	grep -qF "| $want |" "$tmp/list" || { echo "missing: $want" >>"$tmp/out"; st=1; }
done
result "the calls strace prints with their data are captured" $st

finish
