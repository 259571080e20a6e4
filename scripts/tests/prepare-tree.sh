#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Tests of scripts/prepare-tree.sh on a fake kernel source package and a
# fake series: extraction, reuse, partial re-apply, refusal to drop
# unrefreshed edits, a patch that does not apply.  Prints TAP results.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

export KTREE=$tmp/tree SCT_PATCHES=$tmp/patches SCT_SERIES=$tmp/series
export SCT_KSRC_TARBALL=$tmp/src.tar.xz SCT_KSRC_VERSION=1.0

n=0
fails=0
check() {	# check DESCRIPTION COMMAND...
	n=$((n + 1))
	if "${@:2}" >/dev/null 2>&1; then
		echo "ok $n prepare-tree: $1"
	else
		echo "not ok $n prepare-tree: $1"
		fails=$((fails + 1))
	fi
}
prep() {
	"$root/scripts/prepare-tree.sh" >"$tmp/out" 2>&1
}
mtime() {
	stat -c %Y.%y "$1"
}
mkpatch() {	# mkpatch NAME FILE OLD NEW
	cat >"$SCT_PATCHES/$1" <<EOP
Subject: [PATCH] $1

Signed-off-by: Test <test@example.invalid>
---
--- a/$2
+++ b/$2
@@ -1 +1 @@
-$3
+$4
EOP
}

mkdir -p "$tmp/src/linux-source-6.12" "$SCT_PATCHES"
echo "a original" >"$tmp/src/linux-source-6.12/a.c"
echo "b original" >"$tmp/src/linux-source-6.12/b.c"
tar -C "$tmp/src" -cJf "$SCT_KSRC_TARBALL" linux-source-6.12
mkpatch 0001-a.patch a.c "a original" "a patched"
mkpatch 0002-b.patch b.c "b original" "b patched"
printf '0001-a.patch\n0002-b.patch\n' >"$SCT_SERIES"

check "first run extracts and applies the series" prep
check "a.c is patched" grep -qx "a patched" "$KTREE/a.c"
check "b.c is patched" grep -qx "b patched" "$KTREE/b.c"
check "the source version is recorded" \
	grep -qx "linux-source-6.12 1.0" "$KTREE/.sct-source"

a0=$(mtime "$KTREE/a.c")
b0=$(mtime "$KTREE/b.c")
sleep 1.1
check "a re-run succeeds" prep
check "a re-run says the tree is up to date" grep -q "up to date" "$tmp/out"
check "a re-run touches nothing" \
	test "$(mtime "$KTREE/a.c") $(mtime "$KTREE/b.c")" = "$a0 $b0"

mkpatch 0002-b.patch b.c "b original" "b changed"
check "a changed patch is re-applied" prep
check "b.c has the changed patch" grep -qx "b changed" "$KTREE/b.c"
check "the patches before the changed one stay applied" \
	test "$(mtime "$KTREE/a.c")" = "$a0"

echo "edit" >>"$KTREE/b.c"
mkpatch 0002-b.patch b.c "b original" "b again"
check "unrefreshed edits in the tree are not thrown away" \
	eval '! prep'
check "the refusal says why" grep -q "not refreshed" "$tmp/out"
check "the edit is still there" grep -qx "edit" "$KTREE/b.c"
sed -i '/^edit$/d' "$KTREE/b.c"

mkpatch 0003-bad.patch a.c "no such line" "x"
echo 0003-bad.patch >>"$SCT_SERIES"
check "a patch that does not apply fails" eval '! prep'
check "the failure names the patch" \
	grep -q "0003-bad.patch does not apply" "$tmp/out"
check "the patches before it are applied" \
	grep -qx "b again" "$KTREE/b.c"

printf '0001-a.patch\n' >"$SCT_SERIES"
check "a patch dropped from series is popped" prep
check "its file is restored" grep -qx "b original" "$KTREE/b.c"

echo "a new version" >"$tmp/src/linux-source-6.12/a.c"
tar -C "$tmp/src" -cJf "$SCT_KSRC_TARBALL" linux-source-6.12
mkpatch 0001-a.patch a.c "a new version" "a patched"
SCT_KSRC_VERSION=2.0
check "a new package version is extracted anew" prep
check "the new version is recorded" \
	grep -qx "linux-source-6.12 2.0" "$KTREE/.sct-source"

echo "1..$n"
[ $fails -eq 0 ]
