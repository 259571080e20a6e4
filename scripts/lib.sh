# SPDX-License-Identifier: GPL-2.0
# Common helpers for the sct scripts.  Source it; do not run it.
# shellcheck shell=bash

# shellcheck disable=SC2034 # the variables are for the scripts that source this
SCT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KTREE=${KTREE:-$SCT_ROOT/kernel-tree}
BUILD=${BUILD:-$SCT_ROOT/build}
# The Debian package that supplies the kernel source.
KSRC_PKG=linux-source-6.12
KSRC_TARBALL=/usr/src/$KSRC_PKG.tar.xz

die() {
	printf '%s: error: %s\n' "${0##*/}" "$*" >&2
	exit 1
}

info() {
	printf '>>> %s\n' "$*" >&2
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

# Quilt, pointed at the project's patches/ and series.
kquilt() {
	(cd "$KTREE" && QUILT_PATCHES=../patches QUILT_SERIES=../series \
		QUILT_PC=.pc quilt --quiltrc - "$@")
}

# Record the applied patches, as patches/ has them now, as the state that
# scripts/prepare-tree.sh compares series against.
stamp_applied() {
	local p

	mkdir -p "$KTREE/.pc"
	{ kquilt applied 2>/dev/null || true; } | while read -r p; do
		p=${p##*/}
		echo "$p $(sha256sum <"$SCT_ROOT/patches/$p" | cut -d' ' -f1)"
	done >"$KTREE/.pc/sct-applied"
}
