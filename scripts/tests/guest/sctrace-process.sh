#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# sctrace and processes, against the real strace (Debian 12's 6.1, in
# the initramfs): the command found in PATH with one execve; -p on a
# running process, to its exit and interrupted; sctrace on a process a
# ptrace-based tracer (strace) stops at every call, and strace on a
# process under sctrace; -ff's file for each process; -f's "Process N
# attached" messages.  Prints TAP results.
set -euo pipefail

name=sctrace-process
# shellcheck source=scripts/tests/guest/lib.bash
. "$(dirname "$0")/lib.bash"

# shellcheck disable=SC2016 # expanded in the guest
guest='
command -v strace >/dev/null || { echo "== nostrace"; echo "== end"; exit 0; }
loop="echo \$\$ > /tmp/pid; while [ ! -e /tmp/stop ]; do echo tick; sleep 0.2; done >/dev/null"
waitpid() { while [ ! -s /tmp/pid ]; do sleep 0.1; done; cat /tmp/pid; }
start() { rm -f /tmp/stop /tmp/pid; }

# The command from PATH, as strace finds it.
strace -o /tmp/pa ls / >/dev/null 2>&1
sctrace -o /tmp/pb ls / >/dev/null 2>&1
echo "== path.a"; grep "^execve(" /tmp/pa
echo "== path.b"; grep "^execve(" /tmp/pb

# -p on a running process, until it exits.
start
sh -c "$loop" & L=$!
waitpid >/dev/null
sctrace -o /tmp/p1 -p "$L," 2>/tmp/p1.err & T=$!
sleep 2
touch /tmp/stop
wait $T; echo "== p.status"; echo "status $? pid $L"
echo "== p.out"; cat /tmp/p1
echo "== p.err"; cat /tmp/p1.err

# -p interrupted by SIGINT: the process goes on, sctrace dies of it.
start
sh -c "$loop" & L=$!
waitpid >/dev/null
sctrace -p $L 2>/tmp/p2.err & T=$!
sleep 2
kill -INT $T
wait $T; st=$?
sleep 0.5
echo "== int.status"; echo "status $st pid $L"
kill -0 $L && echo "still running"
touch /tmp/stop; wait $L
echo "== int.err"; cat /tmp/p2.err

# sctrace -p on a process strace stops at every call.
start
strace -o /tmp/s3 sh -c "$loop" & S=$!
P=$(waitpid)
sctrace -o /tmp/p3 -p "$P" 2>/dev/null & T=$!
sleep 2
touch /tmp/stop
wait $T; st=$?; wait $S
echo "== ptraced"; echo "status $st"
echo "strace $(grep -c "^write(1, \"tick\\\\n\", 5) *= 5$" /tmp/s3)"
echo "sctrace $(grep -c "^write(1, \"tick\\\\n\", 5) *= 5$" /tmp/p3)"

# strace -p on a process under sctrace.
start
sctrace -o /tmp/p4 sh -c "$loop" & T=$!
P=$(waitpid)
strace -o /tmp/s4 -p "$P" 2>/dev/null & S=$!
sleep 2
touch /tmp/stop
wait $S; ss=$?; wait $T; st=$?
echo "== ptracer"; echo "status $st $ss"
echo "strace $(grep -c "^write(1, \"tick\\\\n\", 5) *= 5$" /tmp/s4)"
echo "sctrace $(grep -c "^write(1, \"tick\\\\n\", 5) *= 5$" /tmp/p4)"

# -ff: a file for each process.
cmd="cat /etc/group >/dev/null; echo hi | cat >/dev/null"
rm -f /tmp/fa.* /tmp/fb.*
strace -ff -o /tmp/fa sh -c "$cmd" >/dev/null 2>&1
sctrace -ff -o /tmp/fb sh -c "$cmd" >/dev/null 2>&1; st=$?
echo "== ff"; echo "status $st"
echo "strace files $(ls /tmp/fa.* | wc -l)"
echo "sctrace files $(ls /tmp/fb.* | wc -l)"
for f in /tmp/fb.*; do
	tail -n 1 "$f" | grep -q "^+++ exited with 0 +++$" && echo "ends $f"
done
echo "== ff.a"; cat /tmp/fa.*
echo "== ff.b"; cat /tmp/fb.*

# -f on standard error: "Process N attached" for each child.
strace -f sh -c "$cmd" 2>/tmp/s7 >/dev/null
sctrace -f sh -c "$cmd" 2>/tmp/p7 >/dev/null
echo "== attached"
echo "strace $(grep -c "Process [0-9]* attached" /tmp/s7)"
echo "sctrace $(grep -c "Process [0-9]* attached" /tmp/p7)"

# The leader ends before its thread: strace shows the end of the
# process, status 3, with or without -f.
strace -f -o /tmp/ta sctrace-threads; sa=$?
sctrace -f -o /tmp/tb sctrace-threads; sb=$?
sctrace -o /tmp/tc sctrace-threads; sc=$?
echo "== threads"; echo "status $sa $sb $sc"
echo "== threads.a"; grep "+++" /tmp/ta | sed "s/^[0-9]* *//"
echo "== threads.b"; grep "+++" /tmp/tb | sed "s/^[0-9]* *//"
echo "== threads.c"; grep "+++" /tmp/tc

# SIGCHLD without -f: the child is not shown, its status is.
strace -o /tmp/ca sh -c "/bin/busybox sh -c \"exit 5\"; true"
sctrace -o /tmp/cb sh -c "/bin/busybox sh -c \"exit 5\"; true"
echo "== sigchld.a"; grep "^--- SIGCHLD" /tmp/ca | sed "s/si_utime=.*/T/"
echo "== sigchld.b"; grep "^--- SIGCHLD" /tmp/cb | sed "s/si_utime=.*/T/"

# -e raw=: the arguments of each call, its number of them, in hex.
strace -o /tmp/ra -e raw=close,lseek cat /etc/passwd >/dev/null
sctrace -o /tmp/rb -e raw=close,lseek cat /etc/passwd >/dev/null
echo "== raw.a"; grep -E "^(close|lseek)\(" /tmp/ra
echo "== raw.b"; grep -E "^(close|lseek)\(" /tmp/rb

# -ff with -z: only the calls that succeed, in each file.
rm -f /tmp/za.* /tmp/zb.*
strace -ff -o /tmp/za -z cat /nonexistent 2>/dev/null
sctrace -ff -o /tmp/zb -z cat /nonexistent 2>/dev/null
echo "== ffz"
echo "strace $(cat /tmp/za.* | grep -c ENOENT) $(cat /tmp/za.* | wc -l)"
echo "sctrace $(cat /tmp/zb.* | grep -c ENOENT) $(cat /tmp/zb.* | wc -l)"

# -ff while process IDs are used again: a file for each, no crash.
max=$(cat /proc/sys/kernel/pid_max)
echo 330 >/proc/sys/kernel/pid_max
sctrace -ff -o /tmp/reuse sh -c "i=0; while [ \$i -lt 60 ]; do /bin/busybox true; i=\$((i + 1)); done"
st=$?
echo "$max" >/proc/sys/kernel/pid_max
echo "== reuse"; echo "status $st files $(find /tmp -name "reuse.*" | wc -l)"
echo "exits $(cat /tmp/reuse.* | grep -c "^+++ exited with 0 +++$")"

# Lossless by default: every call of the loop is printed.
sctrace -f -o /tmp/l1 -e trace=getpid sct-getpid-loop -n 20000 -r 1 >/dev/null
st=$?
echo "== lossless"; echo "status $st"
echo "calls $(grep -cE "^[0-9]+ +getpid\(\) += [0-9]+$" /tmp/l1)"
echo "lost $(grep -c "records lost" /tmp/l1)"
# --overflow=drop, with sctrace stopped while the loop runs: losses are
# counted and said.
sctrace -f -o /tmp/l2 --overflow=drop --buffer-size=16384 -e trace=getpid \
	sh -c "kill -STOP \$PPID; sct-getpid-loop -n 20000 -r 1 >/dev/null; kill -CONT \$PPID; sleep 1"
st=$?
echo "== drop"; echo "status $st"
grep "records lost" /tmp/l2
echo "== end"
'

run_guest

result "the guest ran the script" \
	"$(all "$(ok [ $rc -eq 0 ])" "$(ok grep -qx '== end' "$tmp/out")")"
need_strace

# One execve, of the file PATH gives, as strace's.
result "a command from PATH: one execve, strace's" \
	"$(all "$(ok [ "$(part path.a | sed 's/0x[0-9a-f]*/ADDR/g')" = \
			"$(part path.b | sed 's/0x[0-9a-f]*/ADDR/g')" ])" \
		"$(ok [ "$(part path.b | wc -l)" -eq 1 ])" \
		"$(ok has_re path.b '^execve("/bin/ls", \["ls", "/"\]')")"

pid=$(part p.status | sed -n 's/.* pid //p')
ticks=$(count p.out '^write(1, "tick\\n", 5) *= 5$')
echo "# -p: $ticks ticks"
result "-p: the process's calls, and its exit, end the trace (status 0)" \
	"$(all "$(ok has_re p.status '^status 0 ')" \
		"$(ok [ "$ticks" -ge 3 ])" \
		"$(ok has p.out '+++ exited with 0 +++')" \
		"$(ok has p.err "sctrace: Process $pid attached")")"

pid=$(part int.status | sed -n 's/.* pid //p')
result "-p interrupted: the process goes on, sctrace dies of SIGINT (130)" \
	"$(all "$(ok has_re int.status '^status 130 ')" \
		"$(ok has int.status 'still running')" \
		"$(ok has int.err "sctrace: Process $pid attached")" \
		"$(ok has int.err "sctrace: Process $pid detached")" \
		"$(ok has_re int.err '^write(1, "tick\\n", 5) *= 5$')")"

s=$(part ptraced | sed -n 's/^strace //p')
b=$(part ptraced | sed -n 's/^sctrace //p')
echo "# under strace: strace saw $s ticks, sctrace $b"
result "sctrace -p on a process strace stops at every call" \
	"$(all "$(ok has ptraced 'status 0')" "$(ok [ "${b:-0}" -ge 3 ])" \
		"$(ok [ "${s:-0}" -ge "${b:-0}" ])")"

s=$(part ptracer | sed -n 's/^strace //p')
b=$(part ptracer | sed -n 's/^sctrace //p')
echo "# strace on a process under sctrace: strace saw $s ticks, sctrace $b"
result "strace -p (a ptracer) on a process under sctrace" \
	"$(all "$(ok has ptracer 'status 0 0')" "$(ok [ "${s:-0}" -ge 3 ])" \
		"$(ok [ "${b:-0}" -ge "${s:-0}" ])")"

fs=$(part ff | sed -n 's/^strace files //p')
fb=$(part ff | sed -n 's/^sctrace files //p')
part ff.a >"$tmp/ffa"
part ff.b >"$tmp/ffb"
read -r same total < <(bash "$root/scripts/tests/guest/sctrace.sh" \
	--compare "$tmp/ffa" "$tmp/ffb" | head -n 1)
echo "# -ff: strace $fs files, sctrace $fb; $same of $total lines identical"
result "-ff: a file for each process, as strace's" \
	"$(all "$(ok has ff 'status 0')" "$(ok [ "$fs" = "$fb" ])" \
		"$(ok [ "$(count ff '^ends ')" = "$fb" ])" \
		"$(ok [ "$(part ff.b | grep -c '^[0-9]')" -eq 0 ])" \
		"$(ok [ $((same * 100)) -ge $((total * 95)) ])")"

result "-f: \"Process N attached\" for each child, as strace" \
	"$(all "$(ok [ "$(part attached | sed -n 's/^strace //p')" = \
			"$(part attached | sed -n 's/^sctrace //p')" ])" \
		"$(ok [ "$(part attached | sed -n 's/^sctrace //p')" -ge 2 ])")"

result "lossless by default: every call of the loop is printed" \
	"$(all "$(ok has lossless 'status 0')" "$(ok has lossless 'calls 22000')" \
		"$(ok has lossless 'lost 0')")"
result "--overflow=drop: lost records are counted in the output" \
	"$(all "$(ok has drop 'status 0')" \
		"$(ok has_re drop '^+++ sctrace: [1-9][0-9]* records lost +++$')")"

result "the leader before its thread: the process's end, as strace" \
	"$(all "$(ok has threads 'status 3 3 3')" \
		"$(ok [ "$(part threads.a)" = "$(part threads.b)" ])" \
		"$(ok [ "$(part threads.c)" = '+++ exited with 3 +++' ])")"
result "SIGCHLD without -f: the child's si_status, as strace" \
	"$(all "$(ok has_re sigchld.b 'si_status=5')" \
		"$(ok [ "$(part sigchld.a | sed 's/si_pid=[0-9]*//')" = \
			"$(part sigchld.b | sed 's/si_pid=[0-9]*//')" ])")"
result "-e raw=: the call's own arguments, in hex, as strace" \
	"$(all "$(ok [ -n "$(part raw.b)" ])" \
		"$(ok [ "$(part raw.a | sed 's/0x[0-9a-f]\{5,\}/ADDR/g')" = \
			"$(part raw.b | sed 's/0x[0-9a-f]\{5,\}/ADDR/g')" ])")"
za=$(part ffz | sed -n 's/^strace //p')
zb=$(part ffz | sed -n 's/^sctrace //p')
echo "# -ff -z: strace (ENOENT lines, lines) $za, sctrace $zb"
result "-ff with -z: the failed calls left out, as strace" \
	"$(all "$(ok [ "${za%% *}" = 0 ])" "$(ok [ "$za" = "$zb" ])")"
# FILE.PID is made again for a process ID used again, as strace does.
files=$(part reuse | sed -n 's/^status 0 files //p')
echo "# -ff, 61 processes on 30 process IDs: ${files:-?} files"
result "-ff while process IDs are used again: a file for each, ended" \
	"$(all "$(ok [ -n "$files" ])" "$(ok [ "${files:-61}" -lt 61 ])" \
		"$(ok has reuse "exits $files")")"

guest_finish
