#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make fuzz: a corpus of generated and mutated filters through the
# kernel's filter compiler in the guest (selftests/sct_fuzz_test), held
# to libsct's checker, which judges the same corpus on the host first.
# make check runs the first 10000 filters of the same corpus; this runs
# FUZZ_COUNT of them (default 100000).  The same boot runs the KUnit
# suite sct_table on FUZZ_COUNT random calls (make check: 2000), its
# fast paths and indexes held to a plain walk of the filter interpreter.
#
#   scripts/fuzz.sh
#
# Environment: FUZZ_COUNT, FUZZ_SEED (default 1); SCT_KERNEL, the kernel
# to boot (default the debug kernel, build/kernel-debug, when it is built,
# else build/kernel-sct); SCT_GUEST_TIMEOUT (default 3600 seconds here).
# Needs the base initramfs (make initramfs).  Fails on any failed check,
# and on a splat in the guest's kernel log.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

count=${FUZZ_COUNT:-100000}
seed=${FUZZ_SEED:-1}
dir=$BUILD/fuzz
guest_dir=/usr/lib/sct/fuzz-full

kernel=${SCT_KERNEL:-}
if [ -z "$kernel" ]; then
	kernel=$BUILD/kernel-debug/arch/x86/boot/bzImage
	[ -f "$kernel" ] || kernel=$BUILD/kernel-sct/arch/x86/boot/bzImage
fi
[ -f "$BUILD/initramfs.cpio" ] || die "no initramfs (run 'make initramfs')"

start=$SECONDS
info "fuzz: $count filters (seed $seed), libsct's verdicts"
make -s --no-print-directory -C "$SCT_ROOT/userspace" OUTPUT="$BUILD/userspace" \
	KSRC="$KTREE" CORPUS_COUNT="$count" CORPUS_SEED="$seed" CORPUS_DIR="$dir" \
	corpus
info "fuzz: libsct took $((SECONDS - start)) s; $(grep -c '^A' "$dir/expect") accepted"

# The base initramfs and the corpus, in an archive of their own.
{
	echo "dir $guest_dir 0755 0 0"
	echo "file $guest_dir/corpus $dir/corpus 0644 0 0"
	echo "file $guest_dir/expect $dir/expect 0644 0 0"
} >"$dir/initramfs.list"
"$BUILD/gen_init_cpio" "$dir/initramfs.list" >"$dir/extra.cpio"
cat "$BUILD/initramfs.cpio" "$dir/extra.cpio" >"$dir/initramfs.cpio"

# The test, then the kernel log after a marker: a splat in it fails the
# run even when every check passed (scripts/splats.sh, as the debug lane).
cmd="/usr/lib/sct/selftests/sct_fuzz_test -n $count -d $guest_dir; rc=\$?
echo SCT-FUZZ-DMESG; dmesg; exit \$rc"

info "fuzz: booting ${kernel#"$SCT_ROOT"/}"
rc=0
SCT_KERNEL=$kernel SCT_INITRAMFS=$dir/initramfs.cpio \
	SCT_GUEST_TIMEOUT=${SCT_GUEST_TIMEOUT:-3600} \
	SCT_APPEND="sct_table.cases=$count sct_table.seed=$seed" \
	"$SCT_ROOT/scripts/boot.sh" cmd "$cmd" >"$dir/guest.log" || rc=$?
sed '/^SCT-FUZZ-DMESG$/,$d' "$dir/guest.log"
sed -n '/^SCT-FUZZ-DMESG$/,$p' "$dir/guest.log" >"$dir/dmesg.log"
# The KUnit suite of the tables, which ran at boot.
grep -E 'sct_table_test_equivalence: [0-9]+ calls' "$dir/dmesg.log" || true
if ! grep -qE '(^|\] )ok [0-9]+ sct_table$' "$dir/dmesg.log" ||
   ! grep -qE "sct_table_test_equivalence: $count calls" "$dir/dmesg.log"; then
	echo "fuzz: the KUnit suite sct_table did not pass on $count calls" >&2
	rc=1
fi
if [ -x "$SCT_ROOT/scripts/splats.sh" ]; then
	"$SCT_ROOT/scripts/splats.sh" "$dir/dmesg.log" >&2 || rc=1
elif grep -E 'BUG: |WARNING: |KASAN: |UBSAN: |suspicious RCU usage|locking dependency|lock state|called from invalid context|stall' \
	"$dir/dmesg.log" >&2; then
	rc=1
fi
info "fuzz: done in $((SECONDS - start)) s, status $rc (guest output: ${dir#"$SCT_ROOT"/}/guest.log)"
exit $rc
