#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make deb: the Debian packages of the userspace, as debian/ describes
# them (sct-tools, libsct1, libsct-dev), built by dpkg-buildpackage in a
# copy of the source, then checked with lintian.
#
#   scripts/deb.sh                build into build/deb/, then lintian
#   scripts/deb.sh build DIR      build into DIR (emptied first, when it
#                                 is new, empty or made by this script)
#   scripts/deb.sh lintian DIR    lintian on what "build DIR" made
#   scripts/deb.sh version        the version of debian/changelog, after
#                                 checking that it is libsct's (sct.h)
#
# The copy is DIR/sct-VERSION/: the files git has (or would have) of
# debian/, userspace/, Documentation/man/, examples/ and README.md, and
# nothing of the kernel tree, which the userspace does not need (what it
# takes from the kernel, its UAPI header and tables, is kept in git in
# userspace/lib).  dpkg-buildpackage writes the .debs, .changes and
# .buildinfo to the copy's parent, DIR; DIR/build.log is its output.
#
# The version of the packages is debian/changelog's; it must be libsct's,
# LIBSCT_VERSION in userspace/lib/sct.h, which "sctrules --version" and
# the others print (a native package: no Debian revision).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

usage() {
	echo "usage: ${0##*/} [build DIR | lintian DIR | version]" >&2
	exit 2
}

# What building the packages takes, beyond build-essential: the
# Build-Depends of debian/control and the tools of this script.
DEB_PKGS=(dpkg-dev debhelper fakeroot lintian bison flex make gcc libc6-dev)

# The version of debian/changelog, checked against libsct's.
deb_version() {
	local cl sct

	cl=$(dpkg-parsechangelog -l "$SCT_ROOT/debian/changelog" -SVersion) ||
		die "cannot read the version of debian/changelog"
	sct=$(sed -n 's/^#define LIBSCT_VERSION[[:space:]]*"\(.*\)"$/\1/p' \
		"$SCT_ROOT/userspace/lib/sct.h")
	[ -n "$sct" ] || die "no LIBSCT_VERSION in userspace/lib/sct.h"
	[ "$cl" = "$sct" ] ||
		die "debian/changelog is at version $cl, libsct (userspace/lib/sct.h) at $sct: add a debian/changelog entry for $sct (dch -v $sct)"
	echo "$cl"
}

# The source files of the packages, NUL-separated, relative to SCT_ROOT.
source_files() {
	local dirs=(debian userspace Documentation/man examples README.md) f

	if git -C "$SCT_ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		# Tracked and new files, without those deleted but not committed.
		git -C "$SCT_ROOT" ls-files -z --cached --others --exclude-standard \
			-- "${dirs[@]}" | while IFS= read -r -d '' f; do
			[ ! -e "$SCT_ROOT/$f" ] || printf '%s\0' "$f"
		done
	else
		(cd "$SCT_ROOT" && find "${dirs[@]}" \( -type f -o -type l \) -print0)
	fi
}

build() {
	local out=$1 version src st=0

	version=$(deb_version)
	need_pkgs "${DEB_PKGS[@]}"
	# DIR is emptied: only when it is one this script made (or empty).
	if [ -d "$out" ] && [ ! -f "$out/.sct-deb" ] &&
		[ -n "$(ls -A "$out")" ]; then
		die "$out is not empty and was not made by ${0##*/}: give a new directory"
	fi
	rm -rf "$out"
	mkdir -p "$out"
	: >"$out/.sct-deb"
	out=$(cd "$out" && pwd)
	src=$out/sct-$version
	mkdir "$src"
	source_files | (cd "$SCT_ROOT" && tar --null -T - -cf -) |
		tar -C "$src" -xf -
	(cd "$src" && dpkg-checkbuilddeps) ||
		die "the build dependencies of debian/control are missing (above)"
	info "dpkg-buildpackage -us -uc -b in ${src#"$SCT_ROOT"/}"
	(cd "$src" && dpkg-buildpackage -us -uc -b) >"$out/build.log" 2>&1 || st=$?
	if [ $st -ne 0 ]; then
		tail -n 40 "$out/build.log" >&2
		die "dpkg-buildpackage failed (status $st): see $out/build.log"
	fi
	ls "$out"/*.deb >&2
}

# Lintian on the .changes: every binary package, with the overrides of
# debian/*.lintian-overrides.  Any tag left, down to the informational
# and pedantic ones, fails.
run_lintian() {
	local out=$1 changes st=0

	[ -d "$out" ] || die "$out: no such directory"
	changes=$(find "$out" -maxdepth 1 -name 'sct_*.changes' | head -n 1)
	[ -n "$changes" ] || die "no sct_*.changes in $out: run '${0##*/} build $out' first"
	info "lintian ${changes#"$SCT_ROOT"/}"
	lintian --info --display-info --pedantic --tag-display-limit 0 \
		--fail-on error,warning,info,pedantic "$changes" \
		>"$out/lintian.log" 2>&1 || st=$?
	# It warns when it runs as root, as CI does.
	grep -v '^running with root privileges is not recommended!$' \
		"$out/lintian.log" || true
	[ $st -eq 0 ] || die "lintian found problems (above)"
	info "lintian: no tags beyond the overrides of debian/*.lintian-overrides"
}

case "${1:-}" in
'')
	[ $# -eq 0 ] || usage
	build "$BUILD/deb"
	run_lintian "$BUILD/deb"
	;;
build | lintian)
	{ [ $# -eq 2 ] && [ -n "$2" ]; } || usage
	if [ "$1" = build ]; then build "$2"; else run_lintian "$2"; fi
	;;
version)
	[ $# -eq 1 ] || usage
	deb_version
	;;
*)
	usage
	;;
esac
