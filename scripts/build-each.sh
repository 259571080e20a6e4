#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the kernel at every step of the series: with the first patch
# applied, then the first two, and so on, so that each patch is known to
# build on its own (a bisection never lands on a broken tree).  Each step
# is an incremental build of build/kernel-VARIANT (default sct).  Ends
# with the whole series applied again.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

variant=${1:-sct}
"$SCT_ROOT/scripts/prepare-tree.sh"
lock_tree
tree_edited && die "kernel-tree has edits not refreshed into patches/"

mapfile -t patches < <(kquilt series | sed 's|.*/||')
[ ${#patches[@]} -gt 0 ] || die "the series is empty"
trap 'kquilt push -a -q >/dev/null 2>&1 || true; snapshot_tree' EXIT

kquilt pop -a -q >/dev/null
mkdir -p "$BUILD"
for p in "${patches[@]}"; do
	kquilt push -q "$p" >/dev/null
	info "building with patches up to $p"
	if ! "$SCT_ROOT/scripts/build-kernel.sh" "$variant" \
		>"$BUILD/build-each.log" 2>&1; then
		tail -n 30 "$BUILD/build-each.log" >&2
		die "the tree does not build with patches up to $p"
	fi
done
info "every step of the series builds ($variant)"
