#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Tests of scripts/splats.sh, the debug lane's splat scanner: a console
# snippet of each kind of kernel report fails, with the report's line
# named; a clean boot, with the debug kernel's ordinary messages and the
# guest's TAP output, passes.  Prints TAP.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
name=splats
# shellcheck source=scripts/tests/tap.bash
. "$(dirname "$0")/tap.bash"
tap_detail=$tmp/out

# The start of a debug guest's console, clean.
clean() {
	cat <<'EOF'
[    0.000000] Linux version 6.12.48 (sct@sct) (gcc (Debian 12.2.0-14+deb12u1) 12.2.0) #1 SMP
[    0.000000] kasan: KernelAddressSanitizer initialized
[    0.012345] Lock dependency validator: Copyright (c) 2006 Red Hat, Inc., Ingo Molnar
[    0.012346] ... MAX_LOCKDEP_SUBCLASSES:  8
[    0.012347] ... MAX_LOCK_DEPTH:          48
[    0.051000] rcu: Hierarchical RCU implementation.
[    0.051001] rcu: 	RCU event tracing is enabled.
[    1.200000] Run /init as init process
TAP version 13
1..7
# selftests: sct: kunit
# KTAP version 1
# 1..4
#     ok 1 sct_filter_compiles
# ok 1 sct_filter
ok 1 selftests: sct: kunit
# selftests: sct: sct_log_test
# #  RUN           log.overflow ...
# #            OK  log.overflow
# ok 6 log.overflow
ok 5 selftests: sct: sct_log_test
# selftests: sct: sct_stress
# TAP version 13
# 1..1
# # sct_stress: 60 s, pid 123, /tmp/sct-stress.123 and /tmp/sct-stress-fail.123
# ok 1 stress ran 60 s: 123456 calls, 7890 records read, 4321 rule changes
ok 7 selftests: sct: sct_stress
EOF
}

# check KIND STATUS LINE: the log in $tmp/log gives STATUS, and when it
# fails the output names line LINE of the log.
check() {
	local st=0

	"$root/scripts/splats.sh" "$tmp/log" >"$tmp/out" 2>&1 || st=$?
	if [ "$2" -eq 0 ]; then
		result "$1" "$([ $st -eq 0 ]; echo $?)"
	else
		result "$1" "$([ $st -eq 1 ] && grep -q "^  line $3:" "$tmp/out"; echo $?)"
	fi
}

# splat KIND SNIPPET: a clean log with SNIPPET in the middle of the tests
# (the snippet's second line is the one to find) is caught.
splat() {
	local at

	{
		clean | head -n 12
		printf '%s\n' "$2"
		clean | tail -n +13
	} >"$tmp/log"
	at=14
	check "$1 is caught" 1 "$at"
}

clean >"$tmp/log"
check "a clean debug boot and its tests pass" 0

splat "a KASAN report" \
'[   23.456000] ==================================================================
[   23.456789] BUG: KASAN: slab-out-of-bounds in sct_log_peek+0x1a2/0x2c0
[   23.457100] Read of size 16 at addr ffff888003a1fff8 by task cat/123'

splat "a KASAN wild access" \
'[   23.456000] Oops: general protection fault, probably for non-canonical address 0xdffffc0000000002: 0000 [#1] SMP KASAN
[   23.456789] KASAN: null-ptr-deref in range [0x0000000000000010-0x0000000000000017]'

splat "a UBSAN report" \
'[   12.000000] ================================================================================
[   12.000001] UBSAN: array-index-out-of-bounds in kernel/sct/core.c:120:20
[   12.000002] index 512 is out of range for type '"'"'struct sct_table *[512]'"'"

splat "a WARN_ON" \
'[    5.100000] ------------[ cut here ]------------
[    5.100001] WARNING: CPU: 1 PID: 57 at kernel/sct/log.c:456 sct_log_peek+0x1f/0x2c0
[    5.100002] Modules linked in:'

splat "a lockdep circular dependency" \
'[    8.100000] ======================================================
[    8.100001] WARNING: possible circular locking dependency detected
[    8.100002] 6.12.48 #1 Not tainted'

splat "a lockdep inconsistent lock state" \
'[    8.100000] ================================
[    8.100001] WARNING: inconsistent lock state
[    8.100002] inconsistent {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W} usage.'

splat "a suspicious RCU usage" \
'[    9.000000] =============================
[    9.000001] WARNING: suspicious RCU usage
[    9.000002] kernel/sct/core.c:99 suspicious rcu_dereference_check() usage!'

splat "a sleep in atomic context" \
'[   10.000000] sct_stress (77) used greatest stack depth: 12345 bytes left
[   10.000001] BUG: sleeping function called from invalid context at mm/slab_common.c:123
[   10.000002] in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid: 77, name: sct_stress'

splat "an RCU stall" \
'[  100.000000] sct_stress (77) used greatest stack depth: 12345 bytes left
[  100.000001] rcu: INFO: rcu_sched self-detected stall on CPU
[  100.000002] rcu: 	0-....: (5250 ticks this GP) idle=1234/1/0x4000000000000000'

splat "an RCU stall seen from another CPU" \
'[  100.000000] sct_stress (77) used greatest stack depth: 12345 bytes left
[  100.000001] rcu: INFO: rcu_sched detected stalls on CPUs/tasks:
[  100.000002] rcu: 	1-...!: (0 ticks this GP) idle=1234/0/0x0'

splat "an oops" \
'[   30.000000] sct_stress (77) used greatest stack depth: 12345 bytes left
[   30.000001] BUG: unable to handle page fault for address: ffffc90000a41000
[   30.000002] #PF: supervisor read access in kernel mode'

splat "list corruption" \
'[   31.000000] ------------[ cut here ]------------
[   31.000001] list_add corruption. prev->next should be next (ffff888003a1f000), but was 0000000000000000. (prev=ffff888003a1f100).'

splat "a lockdep report in the middle of a guest line" \
'# ok 4 log.retval
# # RUN log.seed_unlink ...[   40.000001] WARNING: possible recursive locking detected'

splat "a report without timestamps" \
'------------[ cut here ]------------
WARNING: CPU: 0 PID: 1 at kernel/sct/table.c:140 sct_rule_disable+0x10/0x20'

st=0
"$root/scripts/splats.sh" "$tmp/nosuchlog" >"$tmp/out" 2>&1 || st=$?
result "a missing log is an error, not a pass" "$([ $st -eq 2 ]; echo $?)"

finish
