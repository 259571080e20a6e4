#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The host tests of libsct's rule files (userspace/tests/rules-test.c):
# the seeds' rule examples, the print and parse round trip, every class of
# error with its exact message, constants, macros, the kernel's filter
# bounds and a fuzz test.  Builds the test program with the sanitizers in
# $BUILD/userspace-test (not the userspace build of the guest) and runs it.
# Prints TAP.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

out=$BUILD/userspace-test
log=$(mktemp)
trap 'rm -f "$log"' EXIT

if ! make -s -C "$SCT_ROOT/userspace" OUTPUT="$out" KSRC="$KTREE" \
	"$out/asan/rules-test" >"$log" 2>&1; then
	echo "not ok 1 rulefile: build the tests"
	sed 's/^/# /' "$log"
	exit 1
fi

cd "$SCT_ROOT/userspace"
"$out/asan/rules-test" tests/data 2>&1 |
	sed -E 's/^(not )?ok [0-9]+ /&rulefile: /'
