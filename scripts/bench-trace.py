# SPDX-License-Identifier: GPL-2.0
#
# Where a system call's instructions go: run by gdb (scripts/bench.sh),
# attached to QEMU's gdbstub with the guest stopped at reset.
#
#   VMLINUX=... PORT=N TRACES="NAME:SYMBOL[:CONDITION] ..." \
#       gdb -q -batch -nx -x scripts/bench-trace.py
#
# For each NAME:SYMBOL in turn: breaks at the next execution of SYMBOL
# (a kernel function that a system call reaches, e.g. sct_syscall_enter)
# for which the gdb expression CONDITION holds, if given ("$rsi==39":
# the second argument is 39),
# then single-steps until the call returns to entry_SYSCALL_64, and
# prints how many instructions each function executed, "TRACE NAME COUNT
# FUNCTION" in order of first execution, then "TRACE NAME COUNT total"
# (page faults apart, as "page-fault").
# Then it detaches: the guest runs on to the end of its command.  The
# kernel must not be relocatable (the addresses are vmlinux's).

import bisect
import os
import subprocess

import gdb

vmlinux = os.environ["VMLINUX"]
traces = [t.split(":", 2) for t in os.environ["TRACES"].split()]
port = os.environ["PORT"]
max_steps = int(os.environ.get("MAXSTEPS", "200000"))

syms = []
nm = subprocess.run(["nm", "-n", vmlinux], capture_output=True, text=True,
                    check=True)
for line in nm.stdout.splitlines():
    f = line.split()
    if len(f) == 3 and f[1] in "tTwW":
        syms.append((int(f[0], 16), f[2]))
addrs = [a for a, _ in syms]


def function(pc):
    i = bisect.bisect_right(addrs, pc) - 1
    return syms[i][1] if i >= 0 else "?"


gdb.execute("set pagination off")
gdb.execute("target remote 127.0.0.1:%s" % port)

for name, start, *cond in traces:
    target = [a for a, n in syms if n == start]
    if not target:
        raise gdb.GdbError("no symbol %s in %s" % (start, vmlinux))
    gdb.execute("hbreak *0x%x%s" % (target[0],
                                     " if " + cond[0] if cond else ""))
    gdb.execute("continue")
    gdb.execute("delete")

    # A page fault (a user buffer touched for the first time) is counted
    # apart, as "page-fault", and left out of the total: from its entry
    # until the faulting function runs again.
    counts = {}
    steps = 0
    faulted_in = None
    fault = 0
    last = None
    while steps + fault < max_steps:
        pc = int(gdb.parse_and_eval("$pc")) & 0xffffffffffffffff
        fn = function(pc)
        if fn.startswith("entry_SYSCALL_64"):
            break
        if faulted_in is None and fn == "asm_exc_page_fault":
            faulted_in = last
        if faulted_in is not None and fn == faulted_in:
            faulted_in = None
        if faulted_in is not None:
            fault += 1
        else:
            counts[fn] = counts.get(fn, 0) + 1
            steps += 1
        last = fn
        gdb.execute("stepi", to_string=True)

    for fn, n in counts.items():
        print("TRACE %s %d %s" % (name, n, fn))
    if fault:
        print("TRACE %s %d page-fault" % (name, fault))
    print("TRACE %s %d total" % (name, steps))

gdb.execute("detach")
