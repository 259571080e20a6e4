#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The tables libsct takes from the kernel, made from a kernel tree with
# the sct series applied:
#
#   gen-tables.sh KSRC DIR
#
# writes into DIR:
#   - sct/record.h: the UAPI header include/uapi/linux/sct.h, as the
#     kernel's scripts/headers_install.sh prepares it (installed as
#     <sct/record.h>; its guard is <linux/sct.h>'s, so that the two never
#     clash);
#   - gen/syscall_names.h, gen/syscall_names_ia32.h,
#     gen/syscall_names_x32.h: the syscall names of each ABI, from
#     arch/x86/entry/syscalls/syscall_{64,32}.tbl (the native one by the
#     kernel's kernel/sct/names.awk, the others by lib/abi-names.awk);
#   - gen/syscall_params.h, gen/syscall_params_ia32.h,
#     gen/syscall_params_x32.h: the types of the parameters of each
#     syscall, as the kernel's log lines show them, by the kernel's
#     kernel/sct/params.awk from the prototypes kernel/sct/Makefile gives
#     it for x86-64;
#   - gen/errnames.h: the error names of lib/errname.c (lib/errnames.awk).
#
# The build reads the copies kept in git (lib/sct and lib/gen), so that
# it needs no kernel tree; "make tables KSRC=DIR" in userspace/ makes them
# again, and "make check-tables KSRC=DIR" checks that they are the ones
# DIR gives.  Run from userspace/.
set -eu

if [ $# -ne 2 ]; then
	echo "usage: gen-tables.sh KSRC DIR" >&2
	exit 2
fi
ksrc=$1
dir=$2
die() {
	echo "gen-tables.sh: $*" >&2
	exit 1
}

[ -f "$ksrc/kernel/sct/names.awk" ] ||
	die "$ksrc is not a kernel tree with the sct series (no kernel/sct/names.awk)"
tbl64=$ksrc/arch/x86/entry/syscalls/syscall_64.tbl
tbl32=$ksrc/arch/x86/entry/syscalls/syscall_32.tbl
uapi=$ksrc/include/uapi/linux/sct.h
params=$ksrc/kernel/sct/params.awk
protos="$ksrc/include/linux/syscalls.h $ksrc/include/linux/compat.h"
for f in sys_x86_64.c sys_ia32.c process_64.c ldt.c ioport.c signal_64.c \
	tls.c shstk.c uprobes.c; do
	protos="$protos $ksrc/arch/x86/kernel/$f"
done
for f in "$tbl64" "$tbl32" "$uapi" "$params" "$ksrc/lib/errname.c" $protos; do
	[ -f "$f" ] || die "$f is missing"
done

mkdir -p "$dir/gen" "$dir/sct"

# gen NAME COMMAND...: COMMAND's output into DIR/NAME, or nothing; the
# fragments of C in gen/ get a first line that says where they are from.
gen() {
	out=$dir/$1
	shift
	case "$out" in
	*/gen/*) echo "/* Made by lib/gen-tables.sh (make tables): do not edit. */" ;;
	esac >"$out.tmp"
	"$@" >>"$out.tmp" || {
		rm -f "$out.tmp"
		die "making $out failed"
	}
	mv "$out.tmp" "$out"
}

# The sed of scripts/headers_install.sh.  The header has no __KERNEL__
# part, so its unifdef step (a program built with the kernel) would
# change nothing: refuse a header that has one rather than skip it.
if grep -q '__KERNEL__' "$uapi"; then
	die "$uapi has a __KERNEL__ part: install it with the kernel's headers_install"
fi
gen sct/record.h sed -E -e '
	s/([[:space:](])(__user|__force|__iomem)[[:space:]]/\1/g
	s/__attribute_const__([[:space:]]|$)/\1/g
	s@^#include <linux/compiler(|_types).h>@@
	s/(^|[^a-zA-Z0-9])__packed([^a-zA-Z0-9_]|$)/\1__attribute__((packed))\2/g
	s/(^|[[:space:](])(inline|asm|volatile)([[:space:](]|$)/\1__\2__\3/g
	s@#(ifndef|define|endif[[:space:]]*/[*])[[:space:]]*_UAPI@#\1 @
' "$uapi"

gen gen/syscall_names.h awk -f "$ksrc/kernel/sct/names.awk" "$tbl64"
gen gen/syscall_names_ia32.h awk -v abi=ia32 -f lib/abi-names.awk "$tbl32"
gen gen/syscall_names_x32.h awk -v abi=x32 -f lib/abi-names.awk "$tbl64"
# shellcheck disable=SC2086 # $protos is a list of paths without blanks
gen gen/syscall_params.h awk -f "$params" $protos "$tbl64"
# shellcheck disable=SC2086
gen gen/syscall_params_ia32.h awk -v abi=i386 -f "$params" $protos "$tbl32"
# shellcheck disable=SC2086
gen gen/syscall_params_x32.h awk -v abi=x32 -f "$params" $protos "$tbl64"
gen gen/errnames.h awk -f lib/errnames.awk "$ksrc/lib/errname.c"
