# SPDX-License-Identifier: GPL-2.0
# Common helpers for the sct scripts.  Source it; do not run it.
# shellcheck shell=bash

# shellcheck disable=SC2034 # the variables are for the scripts that source this
SCT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KTREE=${KTREE:-$SCT_ROOT/kernel-tree}
BUILD=${BUILD:-$SCT_ROOT/build}
PATCHES=${SCT_PATCHES:-$SCT_ROOT/patches}
SERIES=${SCT_SERIES:-$SCT_ROOT/series}
# The Debian package that supplies the kernel source (the tests of the
# scripts point SCT_KSRC_TARBALL and SCT_KSRC_VERSION at a fake one).
KSRC_PKG=linux-source-6.12
KSRC_TARBALL=${SCT_KSRC_TARBALL:-/usr/src/$KSRC_PKG.tar.xz}

die() {
	printf '%s: error: %s\n' "${0##*/}" "$*" >&2
	exit 1
}

info() {
	printf '>>> %s\n' "$*" >&2
}

# The last 50 lines of a guest's console log, on stderr.
console_tail() {
	echo "---- last 50 console lines ----" >&2
	tail -n 50 "$1" >&2
	echo "-------------------------------" >&2
}

# Run a command as root: directly when we are root, through sudo otherwise.
as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		die "need root to run: $*"
	fi
}

# Is a Debian package installed?
pkg_installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# Install the Debian packages given that are not installed yet.
need_pkgs() {
	local missing=() p

	for p in "$@"; do
		pkg_installed "$p" || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	info "installing: ${missing[*]}"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq ||
		die "apt-get update failed"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends "${missing[@]}" >/dev/null ||
		die "apt-get install ${missing[*]} failed"
}

# One kernel build at a time (there are two cores): a second build waits
# for the first.  SCT_KBUILD_LOCK names the lock file; a caller that
# holds it already sets SCT_KBUILD_LOCK_HELD=1.  The lock is held on fd 7
# until the calling script exits.
kbuild_lock() {
	[ "${SCT_KBUILD_LOCK_HELD:-0}" != 1 ] || return 0
	mkdir -p "$BUILD"
	exec 7>>"${SCT_KBUILD_LOCK:-$BUILD/kbuild.lock}"
	if ! flock -n 7; then
		info "waiting for another kernel build"
		flock 7
	fi
}

# Serialise the scripts that change the patches applied in kernel-tree/:
# a second one waits until the first is done.  The lock is held until the
# calling script exits.
lock_tree() {
	mkdir -p "$(dirname "$KTREE")"
	exec 9>"$KTREE.lock"
	if ! flock -n 9; then
		info "waiting for another script working on ${KTREE##*/}"
		flock 9
	fi
}

# The version of the kernel source package.
ksrc_version() {
	if [ -n "${SCT_KSRC_VERSION:-}" ]; then
		echo "$SCT_KSRC_VERSION"
	else
		dpkg-query -W -f='${Version}' "$KSRC_PKG" 2>/dev/null
	fi
}

# Quilt, pointed at the project's patches/ and series (by relative paths,
# so that the tree survives moving the checkout).
kquilt() {
	local p s

	p=$(realpath -m --relative-to="$KTREE" "$PATCHES")
	s=$(realpath -m --relative-to="$KTREE" "$SERIES")
	(cd "$KTREE" && QUILT_PATCHES=$p QUILT_SERIES=$s QUILT_PC=.pc \
		quilt --quiltrc - "$@")
}

# Record the applied patches as patches/ has them now, and the checksums
# of the files they touch: scripts/prepare-tree.sh compares series with
# the former and, before it pops anything, the tree with the latter.
snapshot_tree() {
	local p

	rm -rf "$KTREE/.sct-applied"
	mkdir -p "$KTREE/.sct-applied"
	{ kquilt applied 2>/dev/null || true; } | while read -r p; do
		p=${p##*/}
		# A patch made by "quilt new" has no file until its refresh.
		[ ! -f "$PATCHES/$p" ] || cp "$PATCHES/$p" "$KTREE/.sct-applied/$p"
	done
	(cd "$KTREE" && { kquilt files -a 2>/dev/null || true; } | sort -u |
		while read -r p; do
			[ ! -f "$p" ] || sha256sum "$p"
		done) >"$KTREE/.sct-applied/files.sha256"
}

# Does kernel-tree/ have edits made since the last snapshot_tree?
tree_edited() {
	[ -f "$KTREE/.sct-applied/files.sha256" ] || return 1
	! (cd "$KTREE" && sha256sum -c --quiet --status .sct-applied/files.sha256)
}
