#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: install what is missing, build the kernel (with the series),
# the userspace and the selftests, run the host-side tests, boot the guest
# and run the KUnit suites and kselftests in it; then the debug lane
# (scripts/debug-lane.sh): the same on a kernel with lockdep, KASAN and
# UBSAN, plus a minute of sct_stress, failing on any splat.  Ends with the
# line "N passed, N failed" over all tests and exits non-zero on any
# failure.  SCT_DEBUG_LANE=0 leaves the debug lane out (not for CI).
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

step "debug lane"
debug_rc=0
dpass=0 dfail=0 dskip=0
if [ "${SCT_DEBUG_LANE:-1}" = 0 ]; then
	info "debug lane left out (SCT_DEBUG_LANE=0)"
else
	rm -f "$BUILD/debug.counts"
	"$SCT_ROOT/scripts/debug-lane.sh" check "$BUILD/debug.counts" ||
		debug_rc=$?
	# No counts: the lane died before its guest (a build failure).
	dfail=1
	[ ! -f "$BUILD/debug.counts" ] ||
		read -r dpass dfail dskip <"$BUILD/debug.counts"
fi

pass=$((hpass + gpass + dpass + xpass))
fail=$((hfail + gfail + dfail + xfail))
skip=$((gskip + dskip))
step "done"
echo "host: $hpass passed, $hfail failed;" \
	"guest: $gpass passed, $gfail failed, $gskip skipped;" \
	"debug guest: $dpass passed, $dfail failed, $dskip skipped;" \
	"guest scripts: $xpass passed, $xfail failed"
if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ $fail -eq 0 ] && [ $host_rc -eq 0 ] && [ $boot_rc -eq 0 ] &&
	[ $tap_rc -eq 0 ] && [ $debug_rc -eq 0 ] && [ $harness_rc -eq 0 ]
