#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# quilt, run in kernel-tree/ on the project's patches/ and series, with
# the options that keep the patches clean (a/ b/ prefixes, no timestamps,
# no index lines, files sorted).  For example:
#
#   scripts/quilt.sh top
#   scripts/quilt.sh edit kernel/sct/core.c
#   scripts/quilt.sh refresh
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

[ -d "$KTREE" ] || die "no kernel-tree/ yet (run scripts/prepare-tree.sh)"
export QUILT_DIFF_ARGS="-p ab --no-timestamps --no-index --color=auto"
export QUILT_REFRESH_ARGS="-p ab --no-timestamps --no-index --sort"
export QUILT_PUSH_ARGS="--color=auto"
rc=0
kquilt "$@" || rc=$?
# Once the tree matches the patches again (after refresh, push, pop...),
# it is the new reference for scripts/prepare-tree.sh.
if [ -z "$(kquilt diff -z 2>/dev/null)" ]; then
	snapshot_tree
fi
exit $rc
