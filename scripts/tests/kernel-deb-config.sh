#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make kernel-deb with a distribution's configuration, up to the build:
# Debian's own 6.12 configuration (package linux-config-6.12) gets
# CONFIG_SYSCALL_TRACK=y, keeps its modules, and loses the certificate
# files only Debian's build has; the file given is left as it was.
# Prints TAP.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

name=kernel-deb-config
# shellcheck source=scripts/tests/tap.bash
. "$(dirname "$0")/tap.bash"

src=/usr/src/linux-config-6.12/config.amd64_none_amd64.xz
[ -f "$src" ] || die "$src is missing (make deps installs linux-config-6.12)"
# As /boot/config-* of Debian's kernel has it: its build's certificates.
xz -dc "$src" | sed '/CONFIG_SYSTEM_TRUSTED_KEYS/d' >"$tmp/config"
echo 'CONFIG_SYSTEM_TRUSTED_KEYS="debian/certs/debian-uefi-certs.pem"' \
	>>"$tmp/config"
cp "$tmp/config" "$tmp/config.orig"

st=0
SCT_KDEB_OBJ=$tmp/obj SCT_KDEB_OUT=$tmp/out \
	"$SCT_ROOT/scripts/kernel-deb.sh" --config-only "$tmp/config" \
	>"$tmp/stdout" 2>"$tmp/log" || st=$?
tap_detail=$tmp/log
result "Debian's configuration is taken" $st
tap_detail=
c=$tmp/obj/.config
result "it prints the .config it made" \
	"$([ "$(cat "$tmp/stdout")" = "$c" ]; echo $?)"
result "CONFIG_SYSCALL_TRACK=y is merged in" \
	"$(grep -qx 'CONFIG_SYSCALL_TRACK=y' "$c"; echo $?)"
result "the modules stay" "$(grep -qx 'CONFIG_MODULES=y' "$c"; echo $?)"
result "Debian's certificate files are emptied, with a note" \
	"$(grep -qx 'CONFIG_SYSTEM_TRUSTED_KEYS=""' "$c" &&
		grep -q 'CONFIG_SYSTEM_TRUSTED_KEYS names debian/' "$tmp/log"
	echo $?)"
result "the file given is unchanged" \
	"$(cmp -s "$tmp/config" "$tmp/config.orig"; echo $?)"
result "nothing is built" "$([ ! -e "$tmp/out" ]; echo $?)"
finish
