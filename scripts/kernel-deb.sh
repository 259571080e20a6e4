#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the patched kernel as Debian packages (linux-image, linux-headers,
# linux-libc-dev) with the kernel's own "make bindeb-pkg", from a
# configuration the user gives, for example the running distribution
# kernel's /boot/config-$(uname -r).  CONFIG_SYSCALL_TRACK=y is merged in.
#
#   scripts/kernel-deb.sh [--config-only] CONFIG
#
# --config-only makes the configuration and stops: it prints the path of
# the .config the packages would be built from.
#
# The build runs in build/kernel-deb (at the depth of build/kernel-sct, so
# that ccache's paths relative to the tree match and the test config
# rebuilds from the cache); the packages land in build/kernel-debs/.  The
# linux-headers package is made when the configuration has
# CONFIG_MODULES, as "make bindeb-pkg" does.  The kernel release gets "-sct" appended (LOCALVERSION),
# so that the packages install next to the distribution's kernel instead
# of replacing it.  A configuration that names signing keys or trusted
# certificates this machine does not have (Debian's does) gets those
# options emptied, with a note: the kernel then makes a signing key of its
# own, as "make bindeb-pkg" does for any self-built kernel.
#
# Environment: SCT_KDEB_OUT (default build/kernel-debs) the directory the
# packages go to; SCT_KDEB_OBJ (default build/kernel-deb) the build
# directory; SCT_KDEB_LOCALVERSION (default -sct).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

# Called from make: its command line (CONFIG=...) is not the kernel's.
unset MAKEFLAGS MFLAGS MAKELEVEL
config_only=0
if [ "${1:-}" = --config-only ]; then
	config_only=1
	shift
fi
[ $# -eq 1 ] || die "usage: ${0##*/} [--config-only] CONFIG (a kernel .config file)"
cfg=$1
{ [ -f "$cfg" ] && [ -r "$cfg" ]; } || die "$cfg: no such readable file"
grep -q '^CONFIG_[A-Z0-9_]*=' "$cfg" ||
	die "$cfg: not a kernel configuration (no CONFIG_ line)"
[ -f "$KTREE/kernel/sct/Kconfig" ] ||
	die "$KTREE is not a kernel tree with the sct series (run make tree)"

out=${SCT_KDEB_OUT:-$BUILD/kernel-debs}
obj=${SCT_KDEB_OBJ:-$BUILD/kernel-deb}
localversion=${SCT_KDEB_LOCALVERSION--sct}

export CCACHE_BASEDIR=$SCT_ROOT CCACHE_NOHASHDIR=true
export KBUILD_BUILD_TIMESTAMP="Thu Jan  1 00:00:00 UTC 2026"
export KBUILD_BUILD_USER=sct KBUILD_BUILD_HOST=sct

kmake() {
	make -C "$KTREE" ARCH=x86_64 O="$obj" "$@"
}

mkdir -p "$obj"
# Only a changed configuration touches .config, so that a re-run with the
# same file rebuilds nothing.
if ! cmp -s "$cfg" "$obj/.config.given"; then
	cp "$cfg" "$obj/.config"
	cp "$cfg" "$obj/.config.given"
fi

kcfg() {
	"$KTREE/scripts/config" --file "$obj/.config" "$@"
}

# Key and certificate files named by the configuration that are not
# here: Debian's configuration names debian/certs/*.pem, which only its
# own build has.
for opt in SYSTEM_TRUSTED_KEYS SYSTEM_REVOCATION_KEYS MODULE_SIG_KEY; do
	val=$(kcfg --state "$opt")
	case $val in
	undef | "" | certs/signing_key.pem) continue ;;
	esac
	if [ ! -f "$val" ] && [ ! -f "$KTREE/$val" ]; then
		info "CONFIG_$opt names $val, which is not here: emptied"
		if [ "$opt" = MODULE_SIG_KEY ]; then
			kcfg --set-str "$opt" certs/signing_key.pem
		else
			kcfg --set-str "$opt" ""
		fi
	fi
done
kcfg --enable SYSCALL_TRACK
kmake -s olddefconfig >/dev/null
grep -qx 'CONFIG_SYSCALL_TRACK=y' "$obj/.config" ||
	die "CONFIG_SYSCALL_TRACK=y does not hold in $cfg after olddefconfig" \
		"(it needs GENERIC_ENTRY: x86_64 and the other generic-entry" \
		"architectures)"
if [ $config_only -eq 1 ]; then
	echo "$obj/.config"
	exit 0
fi

# One kernel build at a time (there are two cores).
kbuild_lock

# bindeb-pkg writes its packages next to the build directory.
up=$(dirname "$obj")
mkdir -p "$out"
rm -f "$out"/*.deb "$out"/*.buildinfo "$out"/*.changes "$out/kernelrelease" \
	"$up"/linux-*.deb "$up"/linux-upstream_*

cc=gcc
command -v ccache >/dev/null 2>&1 && cc="ccache gcc"
krel=$(kmake -s LOCALVERSION="$localversion" kernelrelease)
info "building linux-image-$krel in ${obj#"$SCT_ROOT"/}"
kmake CC="$cc" LOCALVERSION="$localversion" KDEB_PKGVERSION="$krel-1" \
	-j"$(nproc)" bindeb-pkg
mv "$up"/linux-*.deb "$up"/linux-upstream_* "$out"/
ls "$out"/linux-image-"$krel"_*.deb >/dev/null 2>&1 ||
	die "make bindeb-pkg made no linux-image-$krel package"
echo "$krel" >"$out/kernelrelease"
info "packages in ${out#"$SCT_ROOT"/}:"
(cd "$out" && ls -1 ./*.deb) | sed 's|^\./|  |' >&2
