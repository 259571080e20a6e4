#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what building and testing sct needs, from Debian's packages.
# Packages already installed are left alone, so a re-run costs a few
# dpkg queries.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

command -v dpkg-query >/dev/null 2>&1 ||
	die "this project builds on Debian; dpkg-query was not found"

need_pkgs \
	make gcc libc6-dev bc bison flex pkg-config libelf-dev libssl-dev perl \
	python3 ccache quilt xz-utils cpio busybox-static \
	qemu-system-x86 shellcheck strace bash-completion jq "$KSRC_PKG" \
	fakeroot linux-config-6.12 python3-sphinx \
	dpkg-dev debhelper lintian mmdebstrap
