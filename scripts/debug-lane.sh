#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The debug lane: the test kernel with the kernel's own checkers
# (lockdep, KASAN, UBSAN...: scripts/config/debug.config), built in
# build/kernel-debug and booted under QEMU.  Any splat in its console
# (scripts/splats.sh) fails the lane, as a failed test does.
#
#   scripts/debug-lane.sh check [COUNTS]
#       the KUnit suites, the kselftests and SCT_STRESS seconds (default
#       60) of sct_stress; the console in build/guest-debug.log
#   scripts/debug-lane.sh stress [DURATION]
#       only sct_stress, for DURATION seconds (default 600); the console
#       in build/stress.log
#
# Needs kernel-tree/ and the initramfs (scripts/build-all.sh).  Prints
# the kernel build's time and the guest's, and "passed failed skipped"
# (the splat check is one more test) to COUNTS, if given; exits non-zero
# on any failure.  SCT_GUEST_TIMEOUT bounds the guest (by default, time
# enough for the slow debug kernel under TCG); SCT_TIMEOUT_SCALE (default
# 4) stretches each guest test's limit.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

mode=${1:-check}
counts=
case "$mode" in
check)
	counts=${2:-}
	stress=${SCT_STRESS:-60}
	log=$BUILD/guest-debug.log
	# Boot, KUnit and the kselftests took 35 s here (7 s on the test
	# kernel); then the stress.
	timeout=${SCT_GUEST_TIMEOUT:-$((600 + stress * 2))}
	;;
stress)
	stress=${2:-600}
	log=$BUILD/stress.log
	timeout=${SCT_GUEST_TIMEOUT:-$((600 + stress * 2))}
	;;
*) die "usage: $0 check [COUNTS] | stress [DURATION]" ;;
esac
[[ $stress =~ ^[0-9]+$ ]] || die "the stress duration must be a number of seconds"

start=$SECONDS
info "debug kernel (build/kernel-debug; log: build/kernel-debug.log)"
"$SCT_ROOT/scripts/build-kernel.sh" debug >"$BUILD/kernel-debug.log" 2>&1 || {
	tail -n 50 "$BUILD/kernel-debug.log" >&2
	die "the debug kernel build failed (log: ${BUILD#"$SCT_ROOT"/}/kernel-debug.log)"
}
built=$((SECONDS - start))
info "debug kernel built in ${built}s; booting it ($mode, stress ${stress}s, limit ${timeout}s)"

boot_rc=0
SCT_KERNEL=$BUILD/kernel-debug/arch/x86/boot/bzImage \
	SCT_GUEST_TIMEOUT=$timeout SCT_STRESS=$stress \
	SCT_TIMEOUT_SCALE=${SCT_TIMEOUT_SCALE:-4} \
	"$SCT_ROOT/scripts/boot.sh" "$mode" "$log" || boot_rc=$?
ran=$((SECONDS - start - built))

tap_rc=0
summary=$("$SCT_ROOT/scripts/tap-summary.py" "$log") || tap_rc=$?
read -r pass fail skip <<<"$summary"
pass=${pass:-0} fail=${fail:-1} skip=${skip:-0}
if [ $tap_rc -ne 0 ] && [ $boot_rc -eq 0 ]; then
	console_tail "$log"
fi
# A guest that died, timed out or panicked fails even when every result
# it printed before that passed.
if [ $boot_rc -ne 0 ] && [ "$fail" -eq 0 ]; then
	fail=1
fi

splat_rc=0
"$SCT_ROOT/scripts/splats.sh" "$log" >&2 || splat_rc=$?
if [ $splat_rc -eq 0 ]; then
	pass=$((pass + 1))
	echo "ok - debug kernel: no splats in the console"
else
	fail=$((fail + 1))
	echo "not ok - debug kernel: splats in the console (see above)"
fi

info "debug lane: kernel build ${built}s, guest ${ran}s;" \
	"$pass passed, $fail failed, $skip skipped"
[ -z "$counts" ] || echo "$pass $fail $skip" >"$counts"
[ "$fail" -eq 0 ] && [ $boot_rc -eq 0 ] && [ $tap_rc -eq 0 ] &&
	[ $splat_rc -eq 0 ]
