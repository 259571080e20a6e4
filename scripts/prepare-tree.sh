#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Prepare kernel-tree/: the Debian linux-source-6.12 package extracted,
# with the quilt series in patches/ applied.
#
# A re-run reuses what it can.  kernel-tree/.sct-source records the
# package version the tree was extracted from, and .sct-applied/ a copy
# of every applied patch as it was applied.  Only the patches from the first one
# that changed (or was added or removed) onwards are popped and pushed
# again; an unchanged tree is left alone, so its files keep their
# timestamps and make rebuilds nothing.
#
# Kernel edits belong in patches/: a tree with edits not yet refreshed
# into the top patch is never reset behind the developer's back.
#
# With SCT_NO_SERIES=1 (and KTREE set elsewhere) it prepares a tree with
# no patch applied: the baseline that measurements compare against.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

saved=$KTREE/.sct-applied

lock_tree
pkg_version=$(ksrc_version) ||
	die "$KSRC_PKG is not installed (run scripts/deps.sh)"
[ -f "$KSRC_TARBALL" ] || die "$KSRC_TARBALL is missing; reinstall $KSRC_PKG"

# 1. Extract, unless the tree already comes from this package version.
if [ "$(cat "$KTREE/.sct-source" 2>/dev/null)" != "$KSRC_PKG $pkg_version" ]; then
	info "extracting $KSRC_PKG $pkg_version into ${KTREE#"$SCT_ROOT"/}"
	tmp=$KTREE.tmp
	rm -rf "$tmp"
	mkdir -p "$tmp"
	tar -xf "$KSRC_TARBALL" -C "$tmp" --strip-components=1
	echo "$KSRC_PKG $pkg_version" >"$tmp/.sct-source"
	rm -rf "$KTREE"
	mv "$tmp" "$KTREE"
fi

# 2. Bring the applied patches in line with series.
# "name checksum" for each patch the series wants, in order.
want=()
while read -r p _; do
	case "$p" in ''|'#'*) continue ;; esac
	[ -f "$PATCHES/$p" ] || die "series names patches/$p, which does not exist"
	want+=("$p $(sha256sum <"$PATCHES/$p" | cut -d' ' -f1)")
done < <([ "${SCT_NO_SERIES:-0}" = 1 ] || cat "$SERIES")

# "name checksum" for each applied patch, as it was when applied: the
# copies in .sct-applied/ (scripts/quilt.sh updates them on refresh).
# A patch applied by hand, with no copy, counts as changed.
have=()
while read -r p; do
	[ -n "$p" ] || continue
	p=${p##*/}
	sum=none
	[ -f "$saved/$p" ] && sum=$(sha256sum <"$saved/$p" | cut -d' ' -f1)
	have+=("$p $sum")
done < <(kquilt applied 2>/dev/null || true)

# Length of the common prefix: those patches stay applied.
keep=0
while [ $keep -lt ${#want[@]} ] && [ $keep -lt ${#have[@]} ] &&
	[ "${want[$keep]}" = "${have[$keep]}" ]; do
	keep=$((keep + 1))
done
if [ $keep -eq ${#want[@]} ] && [ $keep -eq ${#have[@]} ]; then
	info "kernel-tree is up to date (${#want[@]} patches applied)"
	exit 0
fi

if [ ${#have[@]} -gt $keep ]; then
	# Refuse to throw away edits made in the tree but not refreshed.
	if tree_edited; then
		die "kernel-tree has edits not refreshed into patches/" \
			"(see 'scripts/quilt.sh diff -z'); refresh or revert" \
			"them first"
	fi
	if [ $keep -eq 0 ]; then
		info "popping all patches"
		kquilt pop -a -f -q >/dev/null
		snapshot_tree
	else
		top=${have[$((keep - 1))]%% *}
		info "popping back to $top"
		kquilt pop -f -q "$top" >/dev/null
		snapshot_tree
	fi
fi

for ((i = keep; i < ${#want[@]}; i++)); do
	p=${want[$i]%% *}
	if ! out=$(kquilt push -q "$p" 2>&1); then
		printf '%s\n' "$out" >&2
		snapshot_tree
		die "patch $p does not apply to $KSRC_PKG $pkg_version"
	fi
done
snapshot_tree
info "kernel-tree: ${#want[@]} patches applied on $KSRC_PKG $pkg_version"
