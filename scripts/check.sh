#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: install what is missing, build the kernel (with the series),
# the userspace and the selftests, run the host-side tests, boot the guest
# and run the KUnit suites and kselftests in it.  Ends with the line
# "N passed, N failed" over all tests and exits non-zero on any failure.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

start=$SECONDS
step() {
	info "[$((SECONDS - start))s] $*"
}

"$SCT_ROOT/scripts/build-all.sh"

step "host tests"
host_rc=0
"$SCT_ROOT/scripts/host-tests.sh" "$BUILD/host.counts" || host_rc=$?
read -r hpass hfail <"$BUILD/host.counts"

step "guest tests"
boot_rc=0
"$SCT_ROOT/scripts/boot.sh" check "$BUILD/guest.log" || boot_rc=$?
tap_rc=0
summary=$("$SCT_ROOT/scripts/tap-summary.py" "$BUILD/guest.log") || tap_rc=$?
read -r gpass gfail gskip <<<"$summary"
if [ $tap_rc -ne 0 ] && [ $boot_rc -eq 0 ]; then
	# boot.sh printed the console tail for a panic or a time-out; a guest
	# that ended early without either gets it here.
	console_tail "$BUILD/guest.log"
fi
# A guest that died, timed out or panicked is a failure even when every
# result it printed before that passed.
if [ $boot_rc -ne 0 ] && [ "$gfail" -eq 0 ]; then
	gfail=1
fi

step "guest scripts (harness, sctlog)"
harness_rc=0
"$SCT_ROOT/scripts/host-tests.sh" --guest "$BUILD/harness.counts" || harness_rc=$?
read -r xpass xfail <"$BUILD/harness.counts"

pass=$((hpass + gpass + xpass))
fail=$((hfail + gfail + xfail))
step "done"
echo "host: $hpass passed, $hfail failed;" \
	"guest: $gpass passed, $gfail failed, $gskip skipped;" \
	"guest scripts: $xpass passed, $xfail failed"
if [ "$gskip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $gskip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ $fail -eq 0 ] && [ $host_rc -eq 0 ] && [ $boot_rc -eq 0 ] &&
	[ $tap_rc -eq 0 ] && [ $harness_rc -eq 0 ]
