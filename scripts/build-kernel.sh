#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Configure and build the test kernel in build/kernel-VARIANT/.
#
#   scripts/build-kernel.sh [VARIANT [FRAGMENT...]]
#
# VARIANT is "sct" (the default): tinyconfig plus Kconfig.snippet, or the
# name of a fragment in scripts/config/ merged on top of that ("nosct").
# With FRAGMENTs, those fragments of scripts/config/ are merged on top of
# Kconfig.snippet, in order, instead of VARIANT's own: "bench-base bench
# base" is the bench configuration without sct, in build/kernel-bench-base.
# Every option the fragments set is checked in the final .config: one that
# Kconfig dropped (a missing dependency, a typo) is an error.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

variant=${1:-sct}
out=$BUILD/kernel-$variant
cfgdir=$BUILD/config-$variant
frags=("$SCT_ROOT/Kconfig.snippet")
names=("${@:2}")
[ ${#names[@]} -gt 0 ] || [ "$variant" = sct ] || names=("$variant")
for name in "${names[@]}"; do
	[ -f "$SCT_ROOT/scripts/config/$name.config" ] ||
		die "unknown kernel variant or fragment '$name'"
	frags+=("$SCT_ROOT/scripts/config/$name.config")
done

kmake() {
	make -C "$KTREE" ARCH=x86_64 "$@"
}

# One kernel build at a time (there are two cores).
kbuild_lock

export CCACHE_BASEDIR=$SCT_ROOT CCACHE_NOHASHDIR=true
export KBUILD_BUILD_TIMESTAMP="Thu Jan  1 00:00:00 UTC 2026"
export KBUILD_BUILD_USER=sct KBUILD_BUILD_HOST=sct

# 1. The configuration, made in a scratch directory so that an unchanged
#    result leaves build/kernel-*/.config (and so the build) alone.
rm -rf "$cfgdir"
mkdir -p "$cfgdir" "$out"
kmake -s O="$cfgdir" tinyconfig >/dev/null
"$KTREE/scripts/kconfig/merge_config.sh" -m -O "$cfgdir" \
	"$cfgdir/.config" "${frags[@]}" >/dev/null
kmake -s O="$cfgdir" olddefconfig >/dev/null

# The value each fragment line asks for; a later fragment wins.
declare -A want=()
while IFS= read -r line; do
	if [[ $line =~ ^(CONFIG_[A-Za-z0-9_]+)=(.*)$ ]]; then
		want[${BASH_REMATCH[1]}]=${BASH_REMATCH[2]}
	elif [[ $line =~ ^#\ (CONFIG_[A-Za-z0-9_]+)\ is\ not\ set$ ]]; then
		want[${BASH_REMATCH[1]}]=n
	fi
done < <(cat "${frags[@]}")

bad=0
for sym in "${!want[@]}"; do
	have=$(sed -n "s/^$sym=//p" "$cfgdir/.config")
	[ -n "$have" ] || have=n
	if [ "$have" != "${want[$sym]}" ]; then
		printf '%s: %s=%s was asked for, .config has %s\n' \
			"${0##*/}" "$sym" "${want[$sym]}" "$have" >&2
		bad=1
	fi
done
[ $bad -eq 0 ] || die "the kernel configuration dropped options (see above)"

if ! cmp -s "$cfgdir/.config" "$out/.config"; then
	cp "$cfgdir/.config" "$out/.config"
fi

# 2. The build.
cc=gcc
command -v ccache >/dev/null 2>&1 && cc="ccache gcc"
info "building kernel ($variant) in ${out#"$SCT_ROOT"/}"
kmake O="$out" CC="$cc" -j"$(nproc)" olddefconfig >/dev/null
kmake O="$out" CC="$cc" -j"$(nproc)" bzImage
info "kernel: ${out#"$SCT_ROOT"/}/arch/x86/boot/bzImage"
