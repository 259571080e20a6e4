#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make kernel-deb, as a user runs it with the test kernel's configuration:
# the linux-image package holds the kernel, its configuration (with
# CONFIG_SYSCALL_TRACK=y) and System.map under the release it says, and
# the kernel image it holds boots in the guest with sct live.  Bad
# configurations are refused before anything is built.  Prints TAP.
set -euo pipefail

name=kernel-deb
# shellcheck source=scripts/tests/guest/lib.bash
. "$(dirname "$0")/lib.bash"
kdeb=$root/scripts/kernel-deb.sh
build=${BUILD:-$root/build}

# Refused at once: no file, and a file that is no configuration.
st=0
"$kdeb" "$tmp/none" >"$tmp/log" 2>&1 || st=$?
result "a missing configuration is refused" \
	"$([ $st -ne 0 ] && grep -q 'no such readable file' "$tmp/log"; echo $?)"
echo 'hello' >"$tmp/notcfg"
st=0
"$kdeb" "$tmp/notcfg" >"$tmp/log" 2>&1 || st=$?
result "a file that is no configuration is refused" \
	"$([ $st -ne 0 ] && grep -q 'not a kernel configuration' "$tmp/log"; echo $?)"

# The test configuration without sct: kernel-deb turns it on.
cfg=$tmp/config
sed '/^CONFIG_SYSCALL_TRACK/d' "$build/kernel-sct/.config" >"$cfg"
echo '# CONFIG_SYSCALL_TRACK is not set' >>"$cfg"
out=$tmp/debs
st=0
SCT_KDEB_OUT=$out "$kdeb" "$cfg" >"$tmp/build.log" 2>&1 || st=$?
tap_detail=$tmp/build.log
result "make kernel-deb builds the packages" $st
tap_detail=
[ $st -eq 0 ] || { finish; exit; }

krel=$(cat "$out/kernelrelease")
deb=$(echo "$out"/linux-image-"$krel"_*.deb)
result "the release is 6.12 with -sct ($krel)" \
	"$([[ $krel == 6.12.*-sct ]]; echo $?)"
result "a linux-image-$krel package is there" "$([ -f "$deb" ]; echo $?)"
dpkg-deb -f "$deb" Package Architecture >"$tmp/fields"
result "its name and architecture" \
	"$(printf 'Package: linux-image-%s\nArchitecture: amd64\n' "$krel" |
		cmp -s - "$tmp/fields"; echo $?)"
dpkg-deb -c "$deb" | awk '{ print $NF }' >"$tmp/contents"
missing=0
for f in "./boot/vmlinuz-$krel" "./boot/config-$krel" \
	"./boot/System.map-$krel"; do
	grep -qxF -- "$f" "$tmp/contents" || { echo "# missing: $f"; missing=1; }
done
result "dpkg-deb -c lists the kernel, its config and System.map" $missing

mkdir -p "$tmp/x"
dpkg-deb -x "$deb" "$tmp/x"
result "the packaged config has CONFIG_SYSCALL_TRACK=y" \
	"$(grep -qx 'CONFIG_SYSCALL_TRACK=y' "$tmp/x/boot/config-$krel"; echo $?)"

# The packaged image, booted with the test initramfs.
# shellcheck disable=SC2016 # expanded in the guest
guest='
echo "== uname"
uname -r
echo "== sct"
cd /sys/kernel/config/sct/rules && mkdir deb && cd deb &&
	echo unlink > syscall && echo fail > action &&
	echo EPERM > error_code &&
	echo "PARAMS[1] == \"/tmp/deb\"" > filter && echo 1 > enabled
echo x > /tmp/deb
/usr/lib/sct/selftests/sct_unlink unlink /tmp/deb; echo "status $?"
echo "hits $(cat hits)"
echo "== end"
'
SCT_KERNEL=$tmp/x/boot/vmlinuz-$krel run_guest
result "the packaged kernel boots (status $rc)" "$([ $rc -eq 0 ]; echo $?)"
result "it runs release $krel" "$(ok has uname "$krel")"
result "an sct rule fails unlink with EPERM in it" "$(ok has sct 'status 1')"
result "the rule counts the hit" "$(ok has sct 'hits 1')"
guest_finish
