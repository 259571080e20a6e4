#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Captures end to end, with the tools, in the test guest: a rule file
# with a trace and a capture_size, loaded by sctrules; a member that
# runs a program, one that copies a file with dd and one that stats it;
# sctlog -T --json shows
# what strace would: execve's argv (count and strings), read's bytes cut
# at the capture_size, write's bytes, the struct stat or statx; sctrules
# show prints the capture_size back.
# Prints TAP results.
set -euo pipefail

name=capture
# shellcheck source=scripts/tests/guest/lib.bash
. "$(dirname "$0")/lib.bash"

# shellcheck disable=SC2016 # expanded in the guest
guest='
T=/sys/kernel/config/sct/traces
cd /tmp
printf "%s\n" "0123456789abcdefghijklmnopqrstuvwxyz" > /tmp/cap-in
mkdir $T/cap
echo 1048576 > $T/cap/buffer_size
echo wait > $T/cap/overflow
cat > /tmp/cap.rules <<"EOF2"
rule {
  rule_name = cap_in
  syscall_name = execve, write
  trace = cap
  capture_size = 16
  enabled = yes
}
rule {
  rule_name = cap_out
  syscall_name = read, fstat, newfstatat, statx, stat, lstat
  when = after
  trace = cap
  capture_size = 16
  enabled = yes
}
EOF2
echo "== apply"
sctrules apply /tmp/cap.rules; echo "status $?"
cat /sys/kernel/config/sct/rules/cap_in/capture_size
echo "== show"
sctrules show
echo "== member"
sh -c "echo \$\$ > $T/cap/add &&
	exec /usr/lib/sct/selftests/sct_unlink unlink /tmp/cap-none"
echo "status $?"
sh -c "echo \$\$ > $T/cap/add && dd if=/tmp/cap-in bs=64 count=1" \
	> /dev/null 2>&1
echo "status $?"
sh -c "echo \$\$ > $T/cap/add && exec stat /tmp/cap-in" > /dev/null
echo "status $?"
echo "== json"
sctlog -T cap -d --json; echo "status $?"
echo "== bad"
mkdir /sys/kernel/config/sct/rules/g
echo read > /sys/kernel/config/sct/rules/g/syscall
echo 16 > /sys/kernel/config/sct/rules/g/capture_size
echo 1 > /sys/kernel/config/sct/rules/g/enabled 2> /dev/null; echo "global $?"
echo 4097 > /sys/kernel/config/sct/rules/g/capture_size 2> /dev/null; echo "range $?"
rmdir /sys/kernel/config/sct/rules/g
echo "== end"
'

run_guest

result "the guest ran the script" \
	"$(all "$(ok [ $rc -eq 0 ])" "$(ok grep -qx '== end' "$tmp/out")")"
result "sctrules applies rules with a trace and a capture_size" \
	"$(all "$(ok has apply 'status 0')" "$(ok has apply '16')")"
result "sctrules show prints the capture_size" \
	"$(ok has_re show '^[[:space:]]*capture_size = 16$')"
# sct_unlink exits with ENOENT (2); busybox runs dd and stat without an
# execve, as applets of its own.
result "the members ran" \
	"$(all "$(ok has member 'status 2')" "$(ok [ "$(count member '^status 0$')" -eq 2 ])")"
result "sctlog -T --json: execve's argv, counted, each string cut at 16 bytes" \
	"$(ok has_re json '"syscall":"execve".*{"count":3,"strings":\["/usr/lib/sct/sel","unlink","/tmp/cap-none"\],"truncated":true}')"
result "sctlog -T --json: what read read, cut at 16 bytes" \
	"$(ok has_re json '"syscall":"read".*"when":"after".*{"bytes":"30313233343536373839616263646566","truncated":true}')"
result "sctlog -T --json: what write wrote, cut at 16 bytes" \
	"$(ok has_re json '"syscall":"write".*{"bytes":"30313233343536373839616263646566","truncated":true}')"
result "sctlog -T --json: the struct stat (144 bytes) or statx (256) of the file" \
	"$(ok has_re json '"syscall":"\(fstat\|newfstatat\|stat\|lstat\|statx\)".*{"bytes":"\([0-9a-f]\{288\}\|[0-9a-f]\{512\}\)","truncated":false}')"
result "sctlog -T -d exits 0" "$(ok has json 'status 0')"
result "a global rule with a capture_size is refused" \
	"$(ok has bad 'global 1')"
result "a capture_size above 4096 is refused" "$(ok has bad 'range 1')"

guest_finish
