#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot the test kernel under QEMU (TCG: KVM is not usable here).
#
#   scripts/boot.sh check [LOG]   run the tests; the console goes to stdout
#                                 and LOG; exit 1 on a panic or time-out
#   scripts/boot.sh stress [LOG]  the same with only sct_stress, for
#                                 SCT_STRESS seconds (default 60)
#   scripts/boot.sh cmd 'CMD'     run CMD in the guest, print its output,
#                                 exit with its status
#   scripts/boot.sh shell         an interactive shell on the console
#                                 (Ctrl-A X leaves QEMU)
#
# Environment: SCT_KERNEL (default build/kernel-sct/.../bzImage),
# SCT_GUEST_TIMEOUT (seconds, default 600 for check and cmd),
# SCT_QEMU_SMP (vCPUs, default 2), SCT_QEMU_ACCEL (default
# "tcg,thread=single"), SCT_APPEND (more kernel command line),
# SCT_STRESS (check: seconds of sct_stress after the tests, default none),
# SCT_TIMEOUT_SCALE (a factor for each guest test's time limit),
# SCT_QEMU_EXTRA (more QEMU options,
# e.g. "-icount shift=0,sleep=off"), SCT_INITRAMFS (the base initramfs,
# default build/initramfs.cpio).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

mode=${1:-}
kernel=${SCT_KERNEL:-$BUILD/kernel-sct/arch/x86/boot/bzImage}
timeout=${SCT_GUEST_TIMEOUT:-600}
base=${SCT_INITRAMFS:-$BUILD/initramfs.cpio}

[ -f "$kernel" ] || die "no kernel at $kernel (run 'make kernel')"
[ -f "$base" ] || die "no initramfs at $base (run 'make initramfs')"

run=$(mktemp -d "${TMPDIR:-/tmp}/sct-boot.XXXXXX")
trap 'rm -rf "$run"' EXIT

# The per-run archive, appended to the base one: it tells /init what to do.
case "$mode" in
check | stress | shell) echo "$mode" >"$run/mode" ;;
cmd)
	[ $# -ge 2 ] || die "usage: $0 cmd 'COMMAND'"
	echo cmd >"$run/mode"
	printf '%s\n' "$2" >"$run/cmd"
	;;
*) die "usage: $0 check [LOG] | stress [LOG] | cmd 'COMMAND' | shell" ;;
esac
for v in SCT_STRESS SCT_TIMEOUT_SCALE; do
	[ -n "${!v:-}" ] || continue
	[[ ${!v} =~ ^[0-9]+$ ]] || die "$v must be a number of seconds or a factor"
	echo "$v=${!v}" >>"$run/env"
done
{
	echo "file /etc/sct/mode $run/mode 0644 0 0"
	[ -f "$run/cmd" ] && echo "file /etc/sct/cmd $run/cmd 0644 0 0"
	[ -f "$run/env" ] && echo "file /etc/sct/env $run/env 0644 0 0"
} >"$run/list"
"$BUILD/gen_init_cpio" "$run/list" >"$run/extra.cpio"
cat "$base" "$run/extra.cpio" >"$run/initramfs.cpio"

# The kernel has no ACPI and finds its CPUs in SeaBIOS's MP table, which
# lists one CPU per socket: one socket per vCPU.
smp=${SCT_QEMU_SMP:-2}
# One TCG thread runs all vCPUs in turn.  With one thread per vCPU
# (thread=multi), a vCPU sometimes still executes the INT3 of a static
# key's text_poke after the patching CPU removed it and synchronised
# every CPU, and the guest dies of "Oops: int3"; single-threaded TCG
# never did in our runs.
accel=${SCT_QEMU_ACCEL:-tcg,thread=single}
# panic=-1 reboots at once on a panic, and -no-reboot turns that into
# QEMU exiting; oops=panic makes any oops a panic.
qemu=(qemu-system-x86_64 -accel "$accel" -nographic -no-reboot -m 512M -nic none
	-smp "$smp,sockets=$smp"
	-kernel "$kernel" -initrd "$run/initramfs.cpio"
	-append "console=ttyS0 panic=-1 oops=panic quiet ${SCT_APPEND:-}")
if [ -n "${SCT_QEMU_EXTRA:-}" ]; then
	# shellcheck disable=SC2206 # split into options on purpose
	qemu+=($SCT_QEMU_EXTRA)
fi

if [ "$mode" = shell ]; then
	"${qemu[@]}"
	exit
fi

# Non-interactive: bounded in time, console captured.
log=${2:-$run/console.log}
[ "$mode" = check ] || [ "$mode" = stress ] || log=$run/console.log
rc=0
if [ "$mode" = check ] || [ "$mode" = stress ]; then
	# Unbuffered: a long stress prints a line every 10 s.
	timeout -k 10 "$timeout" "${qemu[@]}" </dev/null 2>&1 |
		sed -u 's/\r//g' | tee "$log" || rc=$?
else
	timeout -k 10 "$timeout" "${qemu[@]}" </dev/null 2>&1 |
		tr -d '\r' >"$log" || rc=$?
fi

if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
	console_tail "$log"
	die "the guest did not finish within ${timeout}s"
fi
if grep -q -e 'Kernel panic' -e '---\[ end trace' "$log"; then
	console_tail "$log"
	die "the guest kernel panicked or oopsed"
fi
[ $rc -eq 0 ] || { console_tail "$log"; die "qemu exited with status $rc"; }

if [ "$mode" = cmd ]; then
	status=$(sed -n 's/^SCT-EXIT-STATUS: \([0-9]*\)$/\1/p' "$log" | tail -n 1)
	if [ -z "$status" ]; then
		console_tail "$log"
		die "the guest ended without reporting the command's status"
	fi
	# The command's output: what follows the start marker.
	sed -n '/SCT-CMD-BEGIN$/,/^SCT-EXIT-STATUS: /p' "$log" | sed '1d;$d'
	[ "$status" -eq 0 ] || info "the guest command exited with status $status"
	exit "$status"
fi
