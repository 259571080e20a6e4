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

"$SCT_ROOT/scripts/build-all.sh" >&2

if [ $# -gt 0 ] && [ -n "$1" ]; then
	exec "$SCT_ROOT/scripts/boot.sh" cmd "$1"
fi
exec "$SCT_ROOT/scripts/boot.sh" shell
