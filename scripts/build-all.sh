#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Everything a guest run needs, built or brought up to date: the Debian
# packages, kernel-tree/, the test kernel (its output in
# build/kernel-sct.log), the userspace, the selftests and the initramfs.
# Used by make check and make run.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

start=$SECONDS
step() {
	info "[$((SECONDS - start))s] $*"
}

mkdir -p "$BUILD" "$BUILD/selftests"
step "dependencies"
"$SCT_ROOT/scripts/deps.sh"
step "kernel tree"
"$SCT_ROOT/scripts/prepare-tree.sh"
step "kernel"
"$SCT_ROOT/scripts/build-kernel.sh" sct >"$BUILD/kernel-sct.log" 2>&1 || {
	tail -n 50 "$BUILD/kernel-sct.log" >&2
	die "the kernel build failed (log: ${BUILD#"$SCT_ROOT"/}/kernel-sct.log)"
}
step "userspace and selftests"
make -s --no-print-directory -C "$SCT_ROOT/userspace" OUTPUT="$BUILD/userspace" \
	KSRC="$KTREE" STATIC=1
make -s --no-print-directory -C "$SCT_ROOT/selftests" OUTPUT="$BUILD/selftests" \
	KSRC="$KTREE"
"$SCT_ROOT/scripts/build-initramfs.sh"
