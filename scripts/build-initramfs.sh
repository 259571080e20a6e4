#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the guest's base initramfs, build/initramfs.cpio: busybox-static,
# /init, the test runner, the userspace tools and the sct kselftests, all
# static.  The kernel's gen_init_cpio makes it from a file list, so device
# nodes and root ownership need no root on the host.
#
# scripts/boot.sh appends a small second archive per run that tells /init
# what to do (/etc/sct/mode, /etc/sct/cmd).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

busybox=/bin/busybox
[ -x "$busybox" ] || die "$busybox is missing (install busybox-static)"

gen=$BUILD/gen_init_cpio
if [ ! -x "$gen" ] || [ "$KTREE/usr/gen_init_cpio.c" -nt "$gen" ]; then
	mkdir -p "$BUILD"
	gcc -O2 -o "$gen" "$KTREE/usr/gen_init_cpio.c"
fi

# A program on libsct.so.1 (userspace/tests/libsct-prog.c), built as its
# users build theirs: on libsct installed (here into $BUILD/libsct-root)
# and pkg-config.  The install, with PREFIX=/usr, also builds the tools
# of $BUILD/userspace/bin again, static (STATIC=1), with the guardian's
# path of the guest, /usr/libexec/sct/sct-guardian, which goes in from
# there.  The program goes in with libsct.so.1 and the host's libc and
# dynamic loader, which it needs (scripts/tests/guest/libsct.sh runs it).
sysroot=$BUILD/libsct-root
rm -rf "$sysroot"
make -s -C "$SCT_ROOT/userspace" OUTPUT="$BUILD/userspace" DESTDIR="$sysroot" \
	PREFIX=/usr STATIC=1 install >/dev/null
flags=$(PKG_CONFIG_PATH='' PKG_CONFIG_LIBDIR=$sysroot/usr/lib/pkgconfig \
	PKG_CONFIG_SYSROOT_DIR=$sysroot pkg-config --cflags --libs libsct)
# shellcheck disable=SC2086 # the flags are words
gcc -O2 -o "$sysroot/libsct-prog" "$SCT_ROOT/userspace/tests/libsct-prog.c" $flags
# "PATH" for the loader and "NAME => PATH" for the others: each file
# where the guest finds it, libsct's as installed, the rest as here.
# Debian's strace too (scripts/deps.sh installs it), for sctrace's comparison
# (scripts/tests/guest/sctrace.sh): it adds its libunwind and liblzma.
strace=$(PATH=$PATH:/usr/sbin:/sbin command -v strace || true)
dyn_libs=$({
	LD_LIBRARY_PATH=$sysroot/usr/lib ldd "$sysroot/libsct-prog"
	[ -z "$strace" ] || ldd "$strace"
} | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^\s*\(\/[^ ]*\) .*/\1/p' | sort -u)
[ -n "$dyn_libs" ] || die "ldd found no library for libsct-prog"

list=$BUILD/initramfs.list
{
	for d in /bin /sbin /usr /usr/bin /usr/sbin /usr/lib /usr/lib/sct \
		/usr/lib/sct/selftests /usr/lib/sct/fuzz /usr/share /usr/share/sct \
		/usr/share/sct/examples /usr/libexec /usr/libexec/sct /etc \
		/etc/sct /dev /proc /sys /tmp \
		/root /run; do
		echo "dir $d 0755 0 0"
	done
	echo "nod /dev/console 0600 0 0 c 5 1"
	echo "nod /dev/null 0666 0 0 c 1 3"
	echo "file /bin/busybox $busybox 0755 0 0"
	echo "slink /bin/sh busybox 0777 0 0"
	echo "file /init $SCT_ROOT/scripts/guest/init 0755 0 0"
	echo "file /usr/lib/sct/run-tests $SCT_ROOT/scripts/guest/run-tests 0755 0 0"
	echo "file /etc/passwd $SCT_ROOT/scripts/guest/passwd 0644 0 0"
	echo "file /etc/group $SCT_ROOT/scripts/guest/group 0644 0 0"
	for f in "$BUILD"/userspace/bin/*; do
		[ -f "$f" ] && echo "file /usr/bin/${f##*/} $f 0755 0 0"
	done
	for f in "$SCT_ROOT"/examples/*.rules; do
		echo "file /usr/share/sct/examples/${f##*/} $f 0644 0 0"
	done
	# libsct's guardian, where the guest's libsct looks for it.
	echo "file /usr/libexec/sct/sct-guardian $sysroot/usr/libexec/sct/sct-guardian 0755 0 0"
	# libsct-prog, libsct.so.1 as installed, the libc and the loader.
	echo "file /usr/lib/sct/libsct-prog $sysroot/libsct-prog 0755 0 0"
	echo "file /usr/lib/libsct.so.1.0.0 $sysroot/usr/lib/libsct.so.1.0.0 0755 0 0"
	echo "slink /usr/lib/libsct.so.1 libsct.so.1.0.0 0777 0 0"
	[ -z "$strace" ] || echo "file /usr/bin/strace $strace 0755 0 0"
	for lib in $dyn_libs; do
		case "$lib" in
		"$sysroot"/*) continue ;;
		esac
		echo "${lib%/*}"
	done | sort -u | while read -r d; do
		# Each directory with its parents (once: see the awk below).
		p=
		IFS=/ read -ra parts <<<"${d#/}"
		for part in "${parts[@]}"; do
			p=$p/$part
			echo "dir $p 0755 0 0"
		done
	done
	for lib in $dyn_libs; do
		case "$lib" in
		"$sysroot"/*) continue ;;
		esac
		echo "file $lib $(realpath "$lib") 0755 0 0"
	done
	# The filter corpus of sct_fuzz_test and libsct's verdicts on it.
	for f in corpus expect; do
		echo "file /usr/lib/sct/fuzz/$f $BUILD/userspace/fuzz/$f 0644 0 0"
	done
	for f in "$BUILD"/selftests/*; do
		[ -f "$f" ] || continue
		case "$f" in
		*/settings) echo "file /usr/lib/sct/selftests/settings $f 0644 0 0" ;;
		*) [ -x "$f" ] && echo "file /usr/lib/sct/selftests/${f##*/} $f 0755 0 0" ;;
		esac
	done
} | awk '!seen[$0]++' >"$list.new"

"$gen" "$list.new" >"$BUILD/initramfs.cpio.new"
mv "$list.new" "$list"
mv "$BUILD/initramfs.cpio.new" "$BUILD/initramfs.cpio"
info "initramfs: ${BUILD#"$SCT_ROOT"/}/initramfs.cpio"
