#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A program on libsct.so.1 in the test guest: userspace/tests/libsct-prog.c,
# built by scripts/build-initramfs.sh with pkg-config on the installed
# libsct, runs there on /usr/lib/libsct.so.1 (and the libc and loader
# that come with it), prints sct_version(), and finds sct with
# sct_available().  The static tools give the same version.  Prints TAP.
set -euo pipefail

name=libsct
# shellcheck source=scripts/tests/guest/lib.bash
. "$(dirname "$0")/lib.bash"

want=$(sed -n 's/^#define SCT_VERSION_\(MAJOR\|MINOR\|MICRO\)[[:space:]]*\([0-9]*\)$/\2/p' \
	"$root/userspace/lib/sct.h" | paste -sd.)

# shellcheck disable=SC2016 # expanded in the guest
guest='
echo "== prog"
/usr/lib/sct/libsct-prog
echo "status $?"
echo "== tools"
sctrules --version
sctlog --version
echo "== end"
'
run_guest

result "the guest ran" "$rc"
result "libsct-prog runs and exits 0" "$(ok has prog "status 0")"
result "it runs on /usr/lib/libsct.so.1" "$(ok has prog "library /usr/lib/libsct.so.1")"
result "sct_version() is $want, as <sct.h> says" \
	"$(all "$(ok has prog "version $want")" "$(ok has prog "header $want")")"
result "sct_available() finds sct" "$(ok has prog "available 0")"
result "the tools give the same version" \
	"$(all "$(ok has tools "sctrules (sct) $want")" "$(ok has tools "sctlog (sct) $want")")"
guest_finish
