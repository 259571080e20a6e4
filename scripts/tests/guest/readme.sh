#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The README's first example, as a newcomer types it in the guest: its
# shell block, taken from README.md, then every way a process can delete
# /etc/passwd by that path: unlink and unlinkat from a 64-bit program,
# int $0x80 unlink from a 64-bit and a 32-bit program, ia32 unlinkat,
# and x32's unlink.  Each must fail with EPERM, and a file elsewhere
# must still go.  Prints TAP results.
set -euo pipefail

name=readme
# shellcheck source=scripts/tests/guest/lib.bash
. "$(dirname "$0")/lib.bash"

# The first ```sh block of the README.
block=$(awk '/^```sh$/ { on = 1; next } on && /^```$/ { exit } on' \
	"$root/README.md")
result "the README has its first example" "$([ -n "$block" ]; echo $?)"

# shellcheck disable=SC2016 # expanded in the guest
guest='
S=/usr/lib/sct/selftests
echo "== example"
(
'"$block"'
)
echo "status $?"
echo "== ways"
for how in unlink unlinkat int80 x32; do
	$S/sct_unlink $how /etc/passwd; echo "$how $?"
done
for how in unlink unlinkat; do
	$S/sct_compat_helper $how /etc/passwd; echo "ia32 $how $?"
done
[ -f /etc/passwd ] && echo "passwd is there"
echo "== control"
for how in unlink unlinkat int80 x32; do
	echo x > /tmp/f; $S/sct_unlink $how /tmp/f; echo "$how $?"
done
for how in unlink unlinkat; do
	echo x > /tmp/f; $S/sct_compat_helper $how /tmp/f; echo "ia32 $how $?"
done
echo "== end"
'
run_guest
result "the guest ran (status $rc)" "$([ $rc -eq 0 ]; echo $?)"
result "the example's commands run" "$(ok has example 'status 0')"
result "the example's covers lists ia32 unlinkat" \
	"$(ok has example 'ia32 unlinkat 301')"
for how in unlink unlinkat int80 x32 "ia32 unlink" "ia32 unlinkat"; do
	# EPERM is 1.
	result "$how of /etc/passwd fails with EPERM" \
		"$(ok has ways "$how 1")"
	result "$how of another file works" "$(ok has control "$how 0")"
done
result "/etc/passwd is still there" "$(ok has ways 'passwd is there')"
guest_finish
