#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make run: build what is missing, then boot the test guest with sct live.
#
#   scripts/run.sh            an interactive shell on the console
#   scripts/run.sh 'CMD'      run CMD in the guest; exit with its status
#
# Build output goes to stderr (and build/*.log), so that stdout carries
# only what CMD printed.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

mkdir -p "$BUILD"
{
	"$SCT_ROOT/scripts/deps.sh"
	"$SCT_ROOT/scripts/prepare-tree.sh"
	"$SCT_ROOT/scripts/build-kernel.sh" sct >"$BUILD/kernel-sct.log" 2>&1 || {
		tail -n 50 "$BUILD/kernel-sct.log"
		die "the kernel build failed (log: ${BUILD#"$SCT_ROOT"/}/kernel-sct.log)"
	}
	make -s --no-print-directory -C "$SCT_ROOT/userspace" OUTPUT="$BUILD/userspace"
	mkdir -p "$BUILD/selftests"
	make -s --no-print-directory -C "$SCT_ROOT/selftests" \
		OUTPUT="$BUILD/selftests" KSFT_DIR="$KTREE/tools/testing/selftests"
	"$SCT_ROOT/scripts/build-initramfs.sh"
} >&2

if [ $# -gt 0 ] && [ -n "$1" ]; then
	exec "$SCT_ROOT/scripts/boot.sh" cmd "$1"
fi
exec "$SCT_ROOT/scripts/boot.sh" shell
