#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The Debian packages (scripts/deb.sh, debian/): they build, lintian has
# nothing to say of them, and in a clean Debian 12 chroot they install
# with apt, with their dependencies, work there (the tools' --version,
# pkg-config, a program linked with libsct.so.1, the rule checker), and
# purge to the last file.  Prints TAP.
#
# The chroot is made by mmdebstrap from deb.debian.org once, as a tarball
# kept in build/deb-test/ (SCT_DEB_CHROOT_TAR to use another), with the
# package lists, so that a run extracts it and needs no network: the
# packages apt fetches for the .debs' dependencies are kept in
# build/deb-test/archives/ for the next run.  Delete build/deb-test/ to
# start again from the archive.  Needs root (chroot, and files owned by
# root), not CAP_SYS_ADMIN (no mounts); it runs itself through "sudo -n"
# when it can.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		exec sudo -n "$0" "$@"
	fi
	die "the Debian package test needs root (chroot): run it as root or with sudo"
fi

name=deb
# shellcheck source=scripts/tests/tap.bash
. "$(dirname "$0")/tap.bash"

SUITE=bookworm
MIRROR_HOST=deb.debian.org
MIRROR=http://$MIRROR_HOST/debian
dir=$BUILD/deb-test
debs=$dir/deb
root=$dir/root
archives=$dir/archives
tar=$dir/$SUITE-minbase.tar
pkgs=(sct-tools libsct1 libsct-dev)

need_pkgs mmdebstrap
mkdir -p "$dir" "$archives"
# The chroot, from a former run that stopped half-way, too.
rm -rf "$root"
# Through sudo, build/deb-test/ is given back to the owner of build/, so
# that "make clean" can remove it.
cleanup() {
	local owner

	rm -rf "$tmp" "$root"
	owner=$(stat -c %u:%g "$BUILD")
	[ "$owner" = 0:0 ] || chown -R "$owner" "$dir"
}
trap cleanup EXIT

# A command in the chroot.  Without /proc, which would take a mount:
# dpkg, apt and the tests here do without it.
in_root() {
	chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 "$@"
}

# The files of the chroot, but for the state of dpkg and apt and their
# logs and caches, which installing and purging always change.
file_list() {
	(cd "$root" && find . \( -path ./proc -o -path ./tmp -o -path ./run \
		-o -path ./var/lib/dpkg -o -path ./var/lib/apt \
		-o -path ./var/cache -o -path ./var/log \) -prune -o -print) |
		LC_ALL=C sort
}

# 1. The packages, built as "make deb" builds them, and lintian.
st=0
"$SCT_ROOT/scripts/deb.sh" build "$debs" >"$tmp/log" 2>&1 || st=$?
tap_detail=$tmp/log result "dpkg-buildpackage builds the packages" $st
absent=0
for p in "${pkgs[@]}"; do
	ls "$debs/${p}"_*_amd64.deb >/dev/null 2>&1 ||
		{ echo "# no ${p}_*_amd64.deb"; absent=1; }
done
result "sct-tools, libsct1 and libsct-dev are built" $absent

if [ $st -ne 0 ] || [ $absent -ne 0 ]; then
	finish
	exit 1
fi

st=0
"$SCT_ROOT/scripts/deb.sh" lintian "$debs" >"$tmp/log" 2>&1 || st=$?
tap_detail=$tmp/log result "lintian finds nothing but the overrides" $st

# 2. The version: debian/changelog's is libsct's, which the tools print.
st=0
version=$("$SCT_ROOT/scripts/deb.sh" version 2>"$tmp/log") || st=1
tap_detail=$tmp/log result "debian/changelog's version is libsct's ($version)" $st

# And deb.sh stops, saying why, on a changelog that is not at libsct's
# version (a copy of the files it reads, with another version).
st=0
f=$tmp/other
mkdir -p "$f/scripts" "$f/debian" "$f/userspace/lib"
cp "$SCT_ROOT/scripts/deb.sh" "$SCT_ROOT/scripts/lib.sh" "$f/scripts/"
cp "$SCT_ROOT/userspace/lib/sct.h" "$f/userspace/lib/"
sed '1s/(\([^)]*\))/(\1.1)/' "$SCT_ROOT/debian/changelog" >"$f/debian/changelog"
"$f/scripts/deb.sh" build "$f/out" >"$tmp/log" 2>&1 && st=1
grep -q "debian/changelog is at version $version\.1, libsct (userspace/lib/sct.h) at $version" \
	"$tmp/log" || st=1
[ ! -e "$f/out" ] || st=1
tap_detail=$tmp/log result "deb.sh refuses a changelog at another version than libsct's" $st

# The unit is enabled, and never started, restarted nor stopped by the
# maintainer scripts: "sctrules apply" would replace the kernel's rules
# with /etc/sct/rules.d's (debian/rules).  dh_installsystemd does those
# with deb-systemd-invoke.
st=0
dpkg-deb -e "$debs/sct-tools_${version}_amd64.deb" "$tmp/ctl" 2>"$tmp/log" ||
	st=1
grep -q 'deb-systemd-helper enable' "$tmp/ctl/postinst" 2>/dev/null || st=1
! grep -l 'deb-systemd-invoke' "$tmp/ctl/"* >>"$tmp/log" 2>&1 || st=1
tap_detail=$tmp/log result "sct-rules.service is enabled, never started nor stopped, by the package" $st

# 3. The chroot.  Made anew, the packages kept for the old one go.
st=0
if [ ! -s "$tar" ]; then
	info "mmdebstrap $SUITE into ${tar#"$SCT_ROOT"/}"
	find "$archives" -maxdepth 1 -name '*.deb' -delete
	# pkgconf for the pkg-config test; the lists stay, for apt in the
	# chroot.
	mmdebstrap --mode=root --format=tar --variant=minbase --include=pkgconf \
		--skip=cleanup/apt/lists --aptopt='Acquire::Languages "none"' \
		"$SUITE" "$tar.tmp" "$MIRROR" >"$tmp/log" 2>&1 &&
		mv "$tar.tmp" "$tar" || st=1
	rm -rf "$tar.tmp"
	# Without the archive, as the bison test of libsct-build.sh does:
	# skipped, not failed.
	if [ $st -ne 0 ] && ! timeout 20 bash -c \
		"exec 3<>/dev/tcp/$MIRROR_HOST/80" 2>/dev/null; then
		sed 's/^/# /' "$tmp/log" | tail -n 5
		n=$((n + 1))
		echo "ok $n $name: the packages in a $SUITE chroot # SKIP $MIRROR_HOST cannot be reached"
		finish
		exit
	fi
fi
[ $st -ne 0 ] || { mkdir "$root" && tar -C "$root" -xf "$tar"; } \
	>>"$tmp/log" 2>&1 || st=1
tap_detail=$tmp/log result "a $SUITE chroot from $MIRROR (mmdebstrap)" $st
if [ $st -ne 0 ]; then
	finish
	exit 1
fi
# apt may need the network, for dependencies the last run did not keep.
cp /etc/resolv.conf "$root/etc/resolv.conf"
file_list >"$tmp/before"

# 4. Install, by apt, which fetches the dependencies (libc6-dev, ...)
# or takes them from the last run's.
mkdir -p "$root/tmp/debs"
files=()
for p in "${pkgs[@]}"; do
	cp "$debs/${p}_${version}_amd64.deb" "$root/tmp/debs/"
	files+=("/tmp/debs/${p}_${version}_amd64.deb")
done
find "$archives" -maxdepth 1 -name '*.deb' -exec cp -t "$root/var/cache/apt/archives/" {} +
apt_install() {
	in_root apt-get install -y --no-install-recommends "${files[@]}"
}
installed=0
if ! apt_install >"$tmp/log" 2>&1; then
	# The lists of an old tarball may name versions the mirror no longer
	# has, and the last run's did not keep: new lists, and again.
	{
		echo "---- apt-get update, and again"
		in_root apt-get update && apt_install
	} >>"$tmp/log" 2>&1 || installed=$?
fi
tap_detail=$tmp/log result "apt-get install ./sct-tools ./libsct1 ./libsct-dev" $installed
find "$root/var/cache/apt/archives" -maxdepth 1 -name '*.deb' \
	-exec cp -n -t "$archives/" {} +

# 5. What they install works.
for t in sctrules sctlog sctrace; do
	st=0
	in_root "$t" --version >"$tmp/log" 2>&1 || st=1
	[ "$(cat "$tmp/log")" = "$t (sct) $version" ] || st=1
	tap_detail=$tmp/log result "$t --version prints the package's version" $st
done

st=0
in_root pkg-config --cflags --libs libsct >"$tmp/flags" 2>"$tmp/log" || st=1
in_root pkg-config --modversion libsct >"$tmp/modversion" 2>>"$tmp/log" || st=1
read -r flags <"$tmp/flags" || true
read -r modversion <"$tmp/modversion" || true
[ "${flags:-}" = -lsct ] || st=1
[ "${modversion:-}" = "$version" ] || st=1
tap_detail="$tmp/flags $tmp/modversion $tmp/log" \
	result "pkg-config finds libsct $version" $st

# The chroot has no compiler: the host's compiles, on the chroot's
# headers and libraries (--sysroot), and the program runs in the chroot,
# with its libsct.so.1 and its guardian.
st=0
cat >"$tmp/t.c" <<'EOF'
#include <stdio.h>
#include <sct.h>

int main(void)
{
	printf("%s %s %d\n", sct_version(), sct_get_path(SCT_PATH_GUARDIAN),
	       sct_syscall_number("getpid"));
	return 0;
}
EOF
# shellcheck disable=SC2086 # pkg-config's flags are words
gcc --sysroot="$root" -o "$root/tmp/t" "$tmp/t.c" ${flags:-} \
	>"$tmp/log" 2>&1 || st=1
readelf -d "$root/tmp/t" 2>/dev/null | grep -q '(NEEDED).*\[libsct\.so\.1\]' ||
	{ echo "no NEEDED libsct.so.1" >>"$tmp/log"; st=1; }
got=$(in_root /tmp/t 2>>"$tmp/log") || st=1
echo "got: $got" >>"$tmp/log"
read -r v guardian nr <<<"$got"
[ "$v" = "$version" ] && [ "$nr" = 39 ] || st=1
[ -n "${guardian:-}" ] && [ -x "$root$guardian" ] || st=1
tap_detail=$tmp/log result "a program links with libsct.so.1 and finds its guardian" $st

st=0
in_root sh -c 'sctrules check /usr/share/sct/examples/*.rules' \
	>"$tmp/log" 2>&1 || st=1
tap_detail=$tmp/log result "the installed sctrules checks the installed examples" $st

st=0
# shellcheck disable=SC2016 # dpkg-query's fields
in_root dpkg-query -W -f='${Conffiles}\n' sct-tools >"$tmp/log" 2>&1 || st=1
grep -q '^ /etc/sct/rules.d/README [0-9a-f]\{32\}$' "$tmp/log" || st=1
[ -L "$root/etc/systemd/system/sysinit.target.wants/sct-rules.service" ] ||
	{ echo "no sysinit.target.wants/sct-rules.service" >>"$tmp/log"; st=1; }
tap_detail=$tmp/log result "/etc/sct/rules.d/README is a conffile, the unit is enabled" $st

# 6. Purge: nothing of theirs is left, nor a dependency apt brought.
st=0
in_root apt-get purge -y --autoremove "${pkgs[@]}" >"$tmp/log" 2>&1 || st=1
tap_detail=$tmp/log result "apt-get purge --autoremove the packages" $st

# (Not a pass when nothing was installed.)
st=$installed
file_list >"$tmp/after"
diff "$tmp/before" "$tmp/after" >"$tmp/log" 2>&1 || st=1
[ ! -e "$root/etc/sct" ] || { echo "/etc/sct is left" >>"$tmp/log"; st=1; }
# shellcheck disable=SC2016 # dpkg-query's fields
left=$(in_root dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' \
	"${pkgs[@]}" 2>/dev/null | grep -v '^un ' || true)
[ -z "$left" ] || { echo "in dpkg: $left" >>"$tmp/log"; st=1; }
tap_detail=$tmp/log result "after the purge the chroot has the files it had before" $st

finish
