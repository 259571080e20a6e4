#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: what sct costs a system call, against the same kernel
# without the series and against its peers (seccomp, ftrace, audit,
# strace).
#
#   scripts/bench.sh
#
# 1. Builds two kernels from the same 6.12 source with the same
#    configuration (scripts/config/bench.config: Kconfig.snippet, audit,
#    seccomp filters, syscall trace events, no KUnit): build/kernel-bench
#    with the series and CONFIG_SYSCALL_TRACK=y, build/kernel-bench-base
#    from build/src-base, the tree without the series.
# 2. Builds the bench initramfs, build/bench/initramfs.cpio: busybox, the
#    bench helpers of userspace/bench/, strace and auditctl from Debian
#    with their shared libraries, and scripts/guest/bench.
# 3. Boots each kernel under QEMU TCG with one vCPU and "-icount
#    shift=0,sleep=off", where a guest nanosecond is one guest
#    instruction, and runs the cases of scripts/guest/bench: a getpid()
#    loop under each configuration, the best of several rounds.
# 4. Prints the table, each case as a ratio to the baseline kernel's bare
#    loop (B0) of the same run, with PASS/MISS for sct's goals (a MISS
#    does not fail the command), and writes Documentation/performance.md
#    and Documentation/performance.png (gnuplot).
#
# Environment: SCT_KBUILD_LOCK, a file to flock(1) around each kernel
# build, so that builds sharing the machine take turns; BENCH_SCALE (a
# positive integer, default 1) multiplies the calls of every case;
# SCT_BENCH_DOC, the directory the results go to (default Documentation).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

start=$SECONDS
out=$BUILD/bench
doc=${SCT_BENCH_DOC:-$SCT_ROOT/Documentation}
base_tree=$BUILD/src-base
scale=${BENCH_SCALE:-1}
[[ $scale =~ ^[1-9][0-9]*$ ]] || die "BENCH_SCALE must be a positive integer"

phase() {
	info "[$(((SECONDS - start) / 60))m$(((SECONDS - start) % 60))s] $*"
}

# 1. What the bench needs from Debian, the trees and the two kernels.
phase "packages"
"$SCT_ROOT/scripts/deps.sh"
need_pkgs strace auditd gnuplot-nox gdb

phase "trees"
"$SCT_ROOT/scripts/prepare-tree.sh"
KTREE=$base_tree SCT_NO_SERIES=1 "$SCT_ROOT/scripts/prepare-tree.sh"

# ccache in depend mode: on a miss it does not run the preprocessor a
# second time, which makes a cold build about a fifth faster than the
# default direct mode (the bench kernels are only ever built here, so
# their cache entries are only ever looked up in this mode).
export CCACHE_DEPEND=1

# Seconds spent waiting for SCT_KBUILD_LOCK, left out of the time taken.
waited=0
build_kernel() {	# build_kernel TREE VARIANT FRAGMENT...
	local tree=$1 log=$BUILD/kernel-$2.log t0=$SECONDS st=0

	shift
	phase "kernel $1"
	mkdir -p "$BUILD"
	if [ -n "${SCT_KBUILD_LOCK:-}" ]; then
		export SCT_KBUILD_LOCK_HELD=1
		exec 8>>"$SCT_KBUILD_LOCK"
		flock 8
		waited=$((waited + SECONDS - t0))
		[ $((SECONDS - t0)) -eq 0 ] ||
			info "waited $((SECONDS - t0))s for $SCT_KBUILD_LOCK"
	fi
	KTREE=$tree "$SCT_ROOT/scripts/build-kernel.sh" "$@" >"$log" 2>&1 || st=$?
	[ -z "${SCT_KBUILD_LOCK:-}" ] || exec 8>&-
	[ $st -eq 0 ] || {
		tail -n 30 "$log" >&2
		die "the $1 kernel did not build (see ${log#"$SCT_ROOT"/})"
	}
}
build_kernel "$KTREE" bench bench
build_kernel "$base_tree" bench-base bench base
kimg() { echo "$BUILD/kernel-$1/arch/x86/boot/bzImage"; }

# Both kernels have the same configuration but for the series' options:
# CONFIG_SYSCALL_TRACK*, and what CONFIG_SYSCALL_TRACK selects.
series_opts='SYSCALL_TRACK[A-Z0-9_]*'
series_selects=()
while read -r o; do
	series_opts+="|$o"
	series_selects+=("CONFIG_$o")
done < <(sed -n 's/^[[:space:]]*select \([A-Z0-9_]*\).*/\1/p' \
	"$KTREE/kernel/sct/Kconfig")
config_only() {	# the options of a .config, without the series' ones
	grep -E '^(CONFIG_|# CONFIG_)' "$1" |
		grep -Ev "^(# )?CONFIG_($series_opts)[= ]" || true
}
config_val() {	# config_val .CONFIG OPTION: its value, "n" or "-" (no such option)
	local v

	v=$(sed -n "s/^$2=//p; s/^# $2 is not set\$/n/p" "$1")
	echo "${v:--}"
}
config_diff=$(diff <(config_only "$BUILD/kernel-bench/.config") \
	<(config_only "$BUILD/kernel-bench-base/.config") | grep '^[<>]' || true)
[ -z "$config_diff" ] ||
	die "the bench kernels' configurations differ beyond the series'" \
		"options: $config_diff"

# 2. The bench initramfs, self-contained: nothing from build/userspace.
phase "initramfs"
mkdir -p "$out/bin"
gen=$BUILD/gen_init_cpio
if [ ! -x "$gen" ] || [ "$KTREE/usr/gen_init_cpio.c" -nt "$gen" ]; then
	gcc -O2 -o "$gen" "$KTREE/usr/gen_init_cpio.c"
fi
# <linux/sct.h> of the series, as headers_install gives it.
mkdir -p "$out/include/linux"
cp "$KTREE/include/uapi/linux/sct.h" "$out/include/linux/"
for t in sct-getpid-loop sct-seccomp-run sct-log-drain; do
	gcc -static -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -I"$out/include" \
		-o "$out/bin/$t" "$SCT_ROOT/userspace/bench/$t.c"
done

# sctrace, static, and libsct's guardian where the guest's libsct looks
# for it (built with PREFIX=/usr, as the test initramfs's).
make -s -C "$SCT_ROOT/userspace" OUTPUT="$out/userspace" \
	DESTDIR="$out/root" PREFIX=/usr STATIC=1 install >/dev/null

# Dynamic binaries, with the libraries ldd finds at the same paths.
dyn_list() {
	local bin lib libs

	libs=$(for bin in "$@"; do ldd "$bin"; done |
		sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^\s*\(\/[^ ]*\) .*/\1/p' |
		sort -u)
	for lib in $libs; do echo "dir ${lib%/*} 0755 0 0"; done | sort -u
	for lib in $libs; do echo "file $lib $(realpath "$lib") 0755 0 0"; done
	for bin in "$@"; do echo "file /usr/bin/${bin##*/} $bin 0755 0 0"; done
}

{
	for d in /bin /sbin /usr /usr/bin /usr/sbin /usr/lib /usr/lib/sct /etc \
		/etc/sct /dev /proc /sys /tmp /root /run /lib /lib64; do
		echo "dir $d 0755 0 0"
	done
	echo "nod /dev/console 0600 0 0 c 5 1"
	echo "nod /dev/null 0666 0 0 c 1 3"
	echo "file /bin/busybox /bin/busybox 0755 0 0"
	echo "slink /bin/sh busybox 0777 0 0"
	echo "file /init $SCT_ROOT/scripts/guest/init 0755 0 0"
	echo "file /usr/lib/sct/bench $SCT_ROOT/scripts/guest/bench 0755 0 0"
	echo "file /etc/passwd $SCT_ROOT/scripts/guest/passwd 0644 0 0"
	echo "file /etc/group $SCT_ROOT/scripts/guest/group 0644 0 0"
	for f in "$out"/bin/*; do
		echo "file /usr/bin/${f##*/} $f 0755 0 0"
	done
	echo "file /usr/bin/sctrace $out/root/usr/bin/sctrace 0755 0 0"
	echo "dir /usr/libexec 0755 0 0"
	echo "dir /usr/libexec/sct 0755 0 0"
	echo "file /usr/libexec/sct/sct-guardian $out/root/usr/libexec/sct/sct-guardian 0755 0 0"
	dyn_list "$(PATH=$PATH:/usr/sbin:/sbin command -v strace)" \
		"$(PATH=$PATH:/usr/sbin:/sbin command -v auditctl)"
} >"$out/initramfs.list"
"$gen" "$out/initramfs.list" >"$out/initramfs.cpio"

# 3. The boots: one on the baseline, one on sct, one for audit.
boot() {	# boot KERNEL PART
	phase "guest: $2 on kernel-$1"
	SCT_KERNEL=$(kimg "$1") SCT_INITRAMFS=$out/initramfs.cpio \
		SCT_QEMU_SMP=1 SCT_APPEND=tsc=reliable \
		SCT_QEMU_EXTRA="-icount shift=0,sleep=off" \
		SCT_GUEST_TIMEOUT=1200 \
		"$SCT_ROOT/scripts/boot.sh" cmd \
		"BENCH_SCALE=$scale /usr/lib/sct/bench $2" >"$out/$2.out" 2>&1 || {
		tail -n 30 "$out/$2.out" >&2
		die "the bench guest failed ($2)"
	}
}
boot bench-base base
boot bench sct
boot bench audit

# 4. Where the instructions of one call go, in the cases that have goals:
#    gdb single-steps the sct kernel through one call of each, in one
#    boot (scripts/bench-trace.py).
phase "traces"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
r=/sys/kernel/config/sct/rules/r
rule="mkdir $r && echo getpid >$r/syscall"
on="echo 1 >$r/enabled"
call="sct-getpid-loop -n 1 -r 1 >/dev/null"
# T1_write: a member's getpid (39), with an entry and an exit record, from
# the hook of traces on.
tr=/sys/kernel/config/sct/traces/t1
SCT_KERNEL=$(kimg bench) SCT_INITRAMFS=$out/initramfs.cpio \
	SCT_QEMU_SMP=1 SCT_APPEND=tsc=reliable \
	SCT_QEMU_EXTRA="-icount shift=0,sleep=off -gdb tcp:127.0.0.1:$port -S" \
	SCT_GUEST_TIMEOUT=300 "$SCT_ROOT/scripts/boot.sh" cmd "
	$rule && echo 'PID == 1' >$r/filter && $on && $call && rmdir $r &&
	$rule && echo fail >$r/action && $on && $call && rmdir $r &&
	$rule && $on && $call &&
	{ timeout 1 cat /dev/sct_records >/dev/null || :; } && rmdir $r &&
	mkdir $tr && echo 1048576 >$tr/buffer_size &&
	echo compact >$tr/records &&
	for w in before after; do
		mkdir $r\$w && echo getpid >$r\$w/syscall &&
		echo \$w >$r\$w/when && echo t1 >$r\$w/trace &&
		echo 1 >$r\$w/enabled || exit 1
	done &&
	sh -c 'echo \$\$ >$tr/add && exec $call'" \
	>"$out/traces.guest" 2>&1 &
qpid=$!
sleep 1
# P3_write: the call that writes the one record that P3_read reads.
VMLINUX=$BUILD/kernel-bench/vmlinux PORT=$port \
	TRACES="P2:sct_syscall_enter P4:sct_syscall_enter P3_write:sct_syscall_enter P3_read:sct_log_read T1_write:sct_trace_enter:\$rsi==39" \
	timeout 300 gdb -q -batch -nx -x "$SCT_ROOT/scripts/bench-trace.py" \
	>"$out/traces.txt" 2>&1 || true
wait "$qpid" || { tail -n 30 "$out/traces.guest" >&2; die "the trace guest failed"; }
for t in P2 P4 P3_write P3_read T1_write; do
	grep -q "^TRACE $t [0-9]* total$" "$out/traces.txt" ||
		die "no trace of $t (see ${out#"$SCT_ROOT"/}/traces.txt)"
done

# 5. The results.
phase "results"
declare -A v=()
while read -r tag key val; do
	[ "$tag" = RESULT ] && v[$key]=$val
done < <(cat "$out/base.out" "$out/sct.out" "$out/audit.out")
for f in "$out"/{base,sct,audit}.out; do
	cs=$(sed -n 's/^RESULT clocksource //p' "$f")
	[ "$cs" = tsc ] || die "${f##*/}: clocksource '$cs', not tsc"
done

# Each figure as a ratio to B0 (to its own B0: P5b's and audit's
# unlinkat loop, to B0_unlink).
ratio() {
	local b=B0

	case "$1" in
	*P5b* | B0_unlink) b=B0_unlink ;;
	esac
	awk -v a="${v[$1]}" -v b="${v[$b]}" 'BEGIN { printf "%.3f", a / b }'
}
# le X LIMIT: X <= LIMIT?
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }

# Why a goal misses: where the cost goes (the traces of step 4) and what
# would bring it down.
top_sct() {	# top_sct TRACE: sct's functions in the trace, most first
	awk -v t="$1" -v re="$sct_re" '$1 == "TRACE" && $2 == t &&
		$4 != "total" && $4 ~ re { print $3, $4 }' "$out/traces.txt" |
		sort -k1,1nr | head -n 5 | awk '{ printf "%s%s %s", sep, $2, $1; sep = ", " }'
}
# The fixes that apply to what a trace shows.
fixes() {	# fixes TRACE
	local f=()

	[ "$(tsum "$1" '^sct_ctx_init')" -eq 0 ] ||
		f+=("no context set-up before the filter (sct_ctx_init, $(tsum "$1" '^sct_ctx_init')): fetch what the filter reads, when it reads it")
	[ "$(tsum "$1" '^sct_(filter_match|cmp_)')" -lt 30 ] ||
		f+=("filters of plain comparisons compiled to a direct test instead of the interpreter (sct_filter_match and sct_cmp_*, $(tsum "$1" '^sct_(filter_match|cmp_)'))")
	f+=("the hook, and the guards of a table of rules on the PID, inline in the entry code, which would save the call and the second tests of the number and the side at the cost of the entry code's size on every syscall")
	local IFS=';' all
	all="${f[*]}"
	echo "${all//;/; }"
}
miss_reason() {
	local d

	case "$1" in
	P0) echo "with no rule enabled the sct kernel's bare loop is" \
		"$(ratio P0) × B0: sct's gate is one patched-out jump, so the" \
		"difference is in code layout, not in work done on the call" ;;
	T0) echo "a task in no trace carries no work bit of traces, so the" \
		"loop runs the path of P0 ($(ratio P0) × B0)" ;;
	P1) echo "rules on other syscalls leave getpid with the static key on" \
		"and one bitmap test (sct_syscall_enter_work); P1c/P1a is" \
		"$(awk -v a="${v[P1a]}" -v c="${v[P1c]}" 'BEGIN { printf "%.4f", c / a }')" ;;
	P2) echo "every getpid runs sct's hook, which the rule's guard turns" \
		"away: $(tsum P2 "$sct_re") instructions in sct ($(top_sct P2))," \
		"and $(awk -v a="${v[P2]}" -v z="${v[P0]}" -v s="$(tsum P2 "$sct_re")" \
		'BEGIN { printf "%.0f", a - z - s }') in the entry code (the gate's" \
		"bit and the call), where the goal leaves about" \
		"$(awk -v b="${v[B0]}" 'BEGIN { printf "%.0f", b * 0.15 }') over B0." \
		"No filter runs, no lock is taken, no register is saved: the" \
		"instructions are the out-of-line hook's floor, the number's range" \
		"and ABI, the side, the count of calls seen, the table and its" \
		"guards, and the guard itself, a subtraction and a comparison." \
		"What would bring it down: $(fixes P2)" ;;
	P4) echo "a fail rule without a filter still runs the out-of-line hook:" \
		"$(tsum P4 "$sct_re") instructions in sct ($(top_sct P4))," \
		"less getpid's own body, which it skips; the goal leaves about" \
		"$(awk -v b="${v[B0]}" 'BEGIN { printf "%.0f", b * 0.15 }') over B0." \
		"What would bring it down: $(fixes P4)" ;;
	T1) echo "each call writes two records, its entry and its exit, and the" \
		"reader copies them out: $(awk -v a="${v[T1]}" -v b="${v[B0]}" \
		'BEGIN { printf "%.0f", (a - b) / 2 }') instructions a record," \
		"where the goal leaves about $(awk -v b="${v[B0]}" \
		'BEGIN { printf "%.0f", b / 2 }').  Reading is ${v[T1r]} a record" \
		"(T1r); writing is the rest: the traced call with its two records" \
		"runs $(ttotal T1_write) instructions from the hook of traces" \
		"on, $(tsum T1_write "$sct_re") of them in sct ($(top_sct T1_write))." \
		"The records are compact and the rule takes the lean path" \
		"(full records: T1_full, $(ratio T1_full) × B0); what is left is" \
		"the hook itself on both sides, a time stamp, the stream's lock and" \
		"ring for each record, and the reader's copy.  What would bring it" \
		"down further: an mmap()ed ring read without a copy or a system" \
		"call, per-CPU rings without the lock, and one record a call for" \
		"calls that do not block (entry and exit together)" ;;
	T1r) echo "reading a record costs ${v[T1r]} instructions, where a batch" \
		"read copies whole runs of records to user space straight from the" \
		"ring, without formatting or per-record copies in the kernel" \
		"(T1 $(ratio T1) × B0 against $(ratio T1_write) × B0 without a" \
		"reader, both with the same records).  What is left is the copy" \
		"itself, the wake-ups of the reader and the switches between the" \
		"member and the reader on the one vCPU.  What would bring it" \
		"down: an mmap()ed ring, as perf has, read without a copy" ;;
	S1) echo "sctrace's overhead is $(awk -v s="${v[sctrace_getpid]}" \
		-v b="${v[B0]}" 'BEGIN { printf "%.0f", s - b }') instructions a" \
		"call over B0, where the goal leaves $(awk -v t="${v[strace_getpid]}" \
		-v b="${v[B0]}" 'BEGIN { printf "%.0f", (t - b) / 20 }').  Without" \
		"its lines (sctrace_count, -c) it is $(awk -v s="${v[sctrace_count]}" \
		-v b="${v[B0]}" 'BEGIN { printf "%.0f", s - b }'): the kernel's two" \
		"records a call and their batch read, on the lean path (T1:" \
		"$(awk -v a="${v[T1]}" -v b="${v[B0]}" 'BEGIN { printf "%.0f", a - b }')" \
		"over B0), and libsct's decoding and dispatch of two events; the" \
		"lines, built as strace builds them, are the other" \
		"$(awk -v s="${v[sctrace_getpid]}" -v c="${v[sctrace_count]}" \
		'BEGIN { printf "%.0f", s - c }').  The records alone are over" \
		"the goal: it needs T1's goal first (one record a call for a" \
		"call that does not block, an mmap()ed ring), then a cheaper" \
		"dispatch in libsct and lines built without stdio.  With every" \
		"call traced (sctrace_all), full records, which prctl's decoding" \
		"needs, take the walk" ;;
	P5a | P5b) d=$(awk -v a="${v[${1}_1]}" -v c="${v[${1}_1000]}" \
		'BEGIN { printf "%.0f", (c - a) / 999 }')
		echo "every rule of the syscall's table is tried in turn, its" \
		"filter run: $d instructions a rule, so 1,000 rules cost" \
		"$(ratio "${1}_1000") × their B0.  What would bring it down:" \
		"the table indexed, when it is built, by the field most of its" \
		"rules compare with == (the PID, the hash of the path), so that a" \
		"call probes the index once and tries only the rules that can" \
		"match, with the rules that do not constrain the field merged in" \
		"by position (issue 16)" ;;
	T2) echo "${v[T2]} records per guest-second is bounded by T1's cost a" \
		"record" ;;
	P3) d=$(awk -v a="${v[P3_binary]}" -v b="${v[log_noreader]}" \
		'BEGIN { printf "%.0f", a - b }')
		echo "with one vCPU the reader's instructions are the caller's" \
		"cost.  Writing a record is the smaller part (a logged call with" \
		"no reader is $(ratio log_noreader) × B0; $(tsum P3_write "$sct_re")" \
		"instructions in sct: $(top_sct P3_write)); reading it back" \
		"through /dev/sct_records costs about $d more a record.  Binary" \
		"records carry no text unless the reader asks (SCT_IOC_TEXT), so" \
		"no formatting is left in it; what is left is the shared log's" \
		"reader: of the $(ttotal P3_read) instructions of the traced read" \
		"of one record, sct_log_fill is $(tsum P3_read '^sct_log_fill$')," \
		"copying the record twice in the kernel (out of the ring, to check" \
		"that it was not overwritten meanwhile, then into the reader's" \
		"output with the rule's name), and merging the CPUs' rings by" \
		"sequence number costs $(tsum P3_read '^sct_log_(scan|peek)$')" \
		"(sct_log_scan, sct_log_peek).  No record is lost (a ring that" \
		"holds a round).  What would bring it down: one copy, from the" \
		"ring straight to user space, as the stream of a trace does (T1r:" \
		"${v[T1r]} instructions a record, whose writers never overwrite" \
		"what its one reader has not read), and, on a machine with more" \
		"than one CPU, the reader on another CPU than the callers" ;;
	esac
}

declare -a table=() misses=()
verdict_of() {	# verdict_of GOALNAME OK(0/1): sets $verdict, records a MISS
	if [ "$2" -eq 1 ]; then verdict=PASS; else
		misses+=("$1")
		verdict=MISS
	fi
}
goal_row() {	# goal_row KEY WHAT LIMIT [EXTRA-CONDITION-OK EXTRA-TEXT]
	local key=$1 what=$2 limit=$3 ok=1 r goal gname

	r=$(ratio "$key")
	le "$r" "$limit" || ok=0
	goal="≤ $limit × B0"
	if [ $# -ge 5 ]; then
		[ "$4" -eq 1 ] || ok=0
		goal="$goal, $5"
	fi
	# The goal's name: P1a, P1b, P1c are P1; P3_binary is P3; P5a_1000
	# is P5a.
	gname=${key%%_*}
	case "$gname" in
	P5?) ;;
	*) gname=${gname%[abc]} ;;
	esac
	verdict_of "$gname" $ok
	table+=("$key|$what|${v[$key]}|$r|$goal|$verdict")
}
row() {	# row KEY WHAT
	table+=("$1|$2|${v[$1]}|$(ratio "$1")||")
}

for k in B0 P0 P1a P1b P1c P2 P3_binary P3_text P4 T0 T1 T1_write T1_full seccomp_allow \
	seccomp_errno ftrace_nomatch ftrace_record audit_norules \
	audit_other_1 audit_getpid audit_other_100 strace_getpid \
	strace_unlink strace_seccomp sctrace_getpid sctrace_all sctrace_count \
	B0_unlink P5a_{1,10,100,1000} P5b_{1,10,100,1000} \
	audit_P5a_{1,10,100,1000} audit_P5b_{1,10,100,1000}; do
	[ -n "${v[$k]:-}" ] || die "no result for $k (see ${out#"$SCT_ROOT"/}/*.out)"
done

p1_flat=$(awk -v a="${v[P1a]}" -v c="${v[P1c]}" \
	'BEGIN { d = c / a - 1; if (d < 0) d = -d; exit !(d <= 0.01) }' &&
	echo 1 || echo 0)
p3_lost=$((v[P3_binary_lost] + v[P3_binary_told_lost]))

row B0 "baseline kernel, no tracing"
goal_row P0 "sct kernel, no rules" 1.01
goal_row P1a "1 sct rule on other syscalls" 1.05
goal_row P1b "100 sct rules on other syscalls" 1.05
goal_row P1c "1000 sct rules on other syscalls" 1.05 "$p1_flat" "within 1% of P1a"
goal_row P2 "sct rule on getpid, filter PID == 1 does not match" 1.15
goal_row P3_binary "sct log rule on getpid, binary reader (/dev/sct_records)" 2.0 \
	"$([ "$p3_lost" -eq 0 ] && echo 1 || echo 0)" "0 lost (lost: $p3_lost)"
row P3_text "sct log rule on getpid, text reader (/dev/sct_log)"
goal_row P4 "sct fail rule on getpid (EPERM)" 1.15
# P5a, P5b: many rules on one syscall, none matching; at 1,000 rules
# at most 1.5 × their B0, and within 10% of 1 rule.
row B0_unlink "baseline kernel, unlinkat(AT_FDCWD, missing file, 0) loop (P5b's B0)"
for p5 in P5a P5b; do
	if [ $p5 = P5a ]; then
		p5what="on getpid, filter PID == 1000+i, none matching"
	else
		p5what="on unlinkat, filter PARAMS[2] == \"/etc/protected-i\", none matching"
	fi
	row "${p5}_1" "sct, 1 rule $p5what"
	row "${p5}_10" "sct, 10 rules $p5what"
	row "${p5}_100" "sct, 100 rules $p5what"
	p5flat=$(awk -v a="${v[${p5}_1]}" -v c="${v[${p5}_1000]}" \
		'BEGIN { exit !(c <= a * 1.10) }' && echo 1 || echo 0)
	goal_row "${p5}_1000" "sct, 1000 rules $p5what" 1.5 "$p5flat" \
		"within 10% of ${p5}_1"
done
goal_row T0 "a non-member's getpid, a trace's rule over * live elsewhere" 1.01
t1_lost=$((v[T1_lost] + v[T1_told_lost]))
t1_read_all=$([ "${v[T1_read]}" -eq $((2 * 3 * 50000 * ${BENCH_SCALE:-1})) ] && echo 1 || echo 0)
goal_row T1 "a member's getpid, entry and exit records (compact), read from its trace's stream" 2.0 \
	"$([ "$t1_lost" -eq 0 ] && [ "$t1_read_all" -eq 1 ] && echo 1 || echo 0)" \
	"0 lost (lost: $t1_lost, read: ${v[T1_read]})"
row T1_write "the calls of T1 with their records and no reader (a stream that holds them)"
row T1_full "T1 with full records (the trace's records attribute left at full)"
# T1r: what a reader pays for a record of a stream: T1 less T1_write, a half.
v[T1r]=$(awk -v a="${v[T1]}" -v b="${v[T1_write]}" 'BEGIN { printf "%.1f", (a - b) / 2 }')
verdict_of T1r "$(le "${v[T1r]}" 100 && [ "${v[T1_write_lost]}" -eq 0 ] && echo 1 || echo 0)"
table+=("T1r|a reader's instructions for one record of a stream, batch read: (T1 - T1_write) / 2|${v[T1r]}||≤ 100 instructions, T1_write lost 0 (lost: ${v[T1_write_lost]})|$verdict")
# T2: the records of T1 per guest-second, written and read back.
v[T2]=$(awk -v ns="${v[T1]}" 'BEGIN { printf "%.0f", 2e9 / ns }')
verdict_of T2 "$([ "${v[T2]}" -ge 1000000 ] && [ "$t1_lost" -eq 0 ] && echo 1 || echo 0)"
table+=("T2|records per guest-second through one trace's stream, written and read back (T1)|${v[T2]} rec/s||≥ 1,000,000 rec/s, 0 lost|$verdict")
row seccomp_allow "seccomp filter allowing all"
row seccomp_errno "seccomp RET_ERRNO on getpid"
row ftrace_nomatch "ftrace raw_syscalls:sys_enter, filter id == 99999"
row ftrace_record "ftrace raw_syscalls:sys_enter, id == 39, recording"
row audit_norules "audit enabled (auditctl -e 1), no rules"
row audit_other_1 "audit, 1 rule on another syscall"
row audit_getpid "audit, getpid rule -F pid=1"
row audit_other_100 "audit, 100 rules on other syscalls"
row audit_P5a_1 "audit, 1 getpid rule -F pid=1000+i (P5a's)"
row audit_P5a_1000 "audit, 1000 getpid rules -F pid=1000+i (P5a's)"
row audit_P5b_1 "audit, 1 unlinkat rule -F path=/etc/protected-i (P5b's)"
row audit_P5b_1000 "audit, 1000 unlinkat rules -F path=/etc/protected-i (P5b's)"
row strace_getpid "strace -f -e trace=getpid"
row strace_unlink "strace -f -e trace=unlink"
row strace_seccomp "strace -f --seccomp-bpf -e trace=unlink"
# S1: sctrace's overhead over B0 against strace's (issue 15: a
# twentieth), both printing every getpid to /dev/null.
v[S1]=$(awk -v s="${v[sctrace_getpid]}" -v t="${v[strace_getpid]}" \
	-v b="${v[B0]}" 'BEGIN { printf "%.3f", (s - b) / (t - b) }')
verdict_of S1 "$(le "${v[S1]}" 0.05 && echo 1 || echo 0)"
table+=("sctrace_getpid|sctrace -f -o /dev/null -e trace=getpid|${v[sctrace_getpid]}|$(ratio sctrace_getpid)||")
table+=("S1|sctrace's overhead over B0, a share of strace's: (sctrace_getpid - B0) / (strace_getpid - B0)|${v[S1]}||≤ 0.05 (1/20)|$verdict")
row sctrace_all "sctrace -f -o /dev/null (every call, full records for prctl)"
row sctrace_count "sctrace -f -c -o /dev/null -e trace=getpid (records read and decoded, calls counted, no lines)"

# The figures that the table does not show, for the note and the plot.
tp() {	# tp KEY: records per guest-second, from ns per call
	awk -v ns="${v[$1]}" 'BEGIN { printf "%.0f", 1e9 / ns }'
}
# tsum NAME REGEX: the instructions of trace NAME in functions matching REGEX.
tsum() {
	awk -v t="$1" -v re="$2" '$1 == "TRACE" && $2 == t && $4 != "total" &&
		$4 ~ re { n += $3 } END { print n + 0 }' "$out/traces.txt"
}
ttotal() { sed -n "s/^TRACE $1 \\([0-9]*\\) total\$/\\1/p" "$out/traces.txt"; }
# trace_table NAME: the functions of trace NAME, most instructions first.
trace_table() {
	echo "| function | instructions |"
	echo "|---|---:|"
	awk -v t="$1" '$1 == "TRACE" && $2 == t && $4 != "total" {
		if ($4 == "page-fault") $4 = "(a page fault, not in the total)"
		printf "| %s | %d |\n", $4, $3 }' "$out/traces.txt" |
		sort -t'|' -k3,3nr
	echo "| **total** | **$(ttotal "$1")** |"
}
# The part of each traced call that is sct's (and the SRCU it takes).
sct_re='^(sct_|__srcu_)'

# The kernel the figures come from.
krel=$(cat "$BUILD/kernel-bench/include/config/kernel.release")
kpkg="$KSRC_PKG $(ksrc_version)"
date=$(date -u +%Y-%m-%d)

# The table, on stdout.
printf '\n%-16s %10s %8s  %-34s %s\n' case instr/call "x B0" goal verdict
for r in "${table[@]}"; do
	IFS='|' read -r key what val rat goal verdict <<<"$r"
	goal=${goal//≤/<=}
	printf '%-16s %10s %8s  %-34s %s\n' "$key" "$val" "$rat" "${goal//×/x}" "$verdict"
done
echo
printf 'log, default ring, no reader:   %s records/guest-s, %s of %s lost\n' \
	"$(tp log_noreader)" "${v[log_noreader_lost]}" "${v[log_noreader_records]}"
printf 'log, default ring, one reader:  %s records/guest-s, %s of %s lost\n' \
	"$(tp log_reader)" "${v[log_reader_lost]}" "${v[log_reader_records]}"
printf 'log, 64 MiB ring, P3 binary:    %s records/guest-s read back, %s lost\n' \
	"$(tp P3_binary)" "$p3_lost"
echo

# Against the previous run, if any: how far each row moved.
results=$out/results.txt
for k in "${!v[@]}"; do echo "$k ${v[$k]}"; done | sort >"$results.new"
if [ -f "$results" ]; then
	join "$results" "$results.new" | awk '
		$2 + 0 > 0 && $2 ~ /^[0-9.]+$/ && $1 !~ /_(records|lost|read|told_lost)$/ {
			d = ($3 - $2) / $2 * 100; if (d < 0) d = -d
			if (d > max) { max = d; at = $1 }
		}
		END { printf "against the previous run: rows agree within %.2f%% (largest: %s)\n", max, at }'
fi
mv "$results.new" "$results"

# The plot: cost per call against the number of rules.
phase "plot"
{
	echo "# rules sct-other sct-getpid-nomatch audit-other sct-P5a sct-P5b audit-P5a audit-P5b"
	echo "1 ${v[P1a]} ${v[P2]} ${v[audit_other_1]} ${v[P5a_1]} ${v[P5b_1]} ${v[audit_P5a_1]} ${v[audit_P5b_1]}"
	echo "10 ${v[sct_other_10]} ${v[sct_getpid_10]} ${v[audit_other_10]} ${v[P5a_10]} ${v[P5b_10]} ${v[audit_P5a_10]} ${v[audit_P5b_10]}"
	echo "100 ${v[P1b]} ${v[sct_getpid_100]} ${v[audit_other_100]} ${v[P5a_100]} ${v[P5b_100]} ${v[audit_P5a_100]} ${v[audit_P5b_100]}"
	echo "1000 ${v[P1c]} ${v[sct_getpid_1000]} ${v[audit_other_1000]} ${v[P5a_1000]} ${v[P5b_1000]} ${v[audit_P5a_1000]} ${v[audit_P5b_1000]}"
} >"$out/rules.dat"
mkdir -p "$doc"
gnuplot <<EOF
set terminal pngcairo size 900,700 font "sans,10"
set output "$doc/performance.png"
set title "Cost of a call against the number of rules ($krel, QEMU TCG -icount)"
set xlabel "rules"
set ylabel "instructions per call (getpid; unlinkat for P5b)"
set logscale xy
set xrange [0.7:1500]
set xtics ("1" 1, "10" 10, "100" 100, "1000" 1000)
set key below
set grid
plot "$out/rules.dat" using 1:2 with linespoints lw 2 title "sct, rules on other syscalls", \
     "$out/rules.dat" using 1:3 with linespoints lw 2 title "sct, rules on getpid, filter does not match", \
     "$out/rules.dat" using 1:4 with linespoints lw 2 title "audit, rules on other syscalls", \
     "$out/rules.dat" using 1:5 with linespoints lw 2 title "sct P5a: getpid rules, PID == 1000+i", \
     "$out/rules.dat" using 1:6 with linespoints lw 2 title "sct P5b: unlinkat rules, PARAMS[2] == \\"/etc/protected-i\\"", \
     "$out/rules.dat" using 1:7 with linespoints lw 2 title "audit P5a: getpid rules, -F pid=1000+i", \
     "$out/rules.dat" using 1:8 with linespoints lw 2 title "audit P5b: unlinkat rules, -F path=/etc/protected-i", \
     ${v[B0]} with lines dt 2 lc rgb "black" title "baseline kernel, no tracing (B0)", \
     ${v[B0_unlink]} with lines dt 3 lc rgb "black" title "baseline kernel, unlinkat loop (P5b's B0)"
EOF

# The note.
{
	echo "# sct performance"
	echo
	echo "Generated by \`make bench\` (scripts/bench.sh) on $date; do not edit."
	echo
	echo "Kernel: $kpkg ($krel), built twice with the same"
	echo "configuration: \`build/kernel-bench\` with the sct series and"
	echo "CONFIG_SYSCALL_TRACK=y, \`build/kernel-bench-base\` without the"
	echo "series (the baseline).  Each boots under QEMU $(qemu-system-x86_64 --version | head -n 1 | sed 's/QEMU emulator version //') TCG"
	echo "with one vCPU, \`-icount shift=0,sleep=off\` and \`tsc=reliable\`, so"
	echo "that a guest nanosecond is one guest instruction.  Every figure is"
	echo "instructions per getpid() call of a loop (\`sct-getpid-loop\`), the best"
	echo "of several rounds, and is given as a ratio to the baseline kernel's"
	echo "bare loop (B0) of the same run."
	echo
	echo "| case | what | instr/call | × B0 | goal | verdict |"
	echo "|---|---|---:|---:|---|---|"
	for r in "${table[@]}"; do
		IFS='|' read -r key what val rat goal verdict <<<"$r"
		echo "| $key | $what | $val | $rat | $goal | $verdict |"
	done
	echo
	echo "The peers (seccomp, ftrace, audit, strace) run on the sct kernel with"
	echo "no sct rule.  Audit runs in a boot of its own, since \`auditctl -e 0\`"
	echo "does not give its cost back; that boot's bare loop with audit never"
	echo "enabled is ${v[audit_off]} (P0 in the sct boot: ${v[P0]})."
	echo
	echo "## Goals missed"
	echo
	if [ ${#misses[@]} -eq 0 ]; then
		echo "None."
	else
		for m in $(printf '%s\n' "${misses[@]}" | sort -u); do
			echo "- **$m**: $(miss_reason "$m")."
		done
	fi
	echo
	echo "## Rules"
	echo
	echo "![cost per call against the number of rules](performance.png)"
	echo
	echo "| rules | sct, other syscalls | sct, getpid, no match | audit, other syscalls | sct P5a | sct P5b | audit P5a | audit P5b |"
	echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
	grep -v '^#' "$out/rules.dat" | while read -r n a b c d e f g; do
		echo "| $n | $a | $b | $c | $d | $e | $f | $g |"
	done
	echo
	echo "Rules \"on other syscalls\" go round unlink, rename, mkdir, rmdir, chmod,"
	echo "chown, link and symlink, each with a filter of its own (sct: \`UID =="
	echo "1000+i\`, a log rule; audit: \`-a always,exit -F arch=b64 -S ... -F"
	echo "uid=1000+i\`).  sct's rules on getpid all have the filter \`PID == 1\`."
	echo "P5a's rules are on getpid, each with a PID of its own (sct: \`PID =="
	echo "1000+i\`; audit: \`-F pid=1000+i\`), P5b's on unlinkat, each with a path"
	echo "of its own (sct: \`PARAMS[2] == \"/etc/protected-i\"\`; audit: \`-F"
	echo "path=/etc/protected-i\`), against a loop of unlinkat on a missing file"
	echo "(B0_unlink: ${v[B0_unlink]} on the baseline kernel).  None matches."
	echo
	echo "## The event log"
	echo
	echo "A log rule on getpid matching every call, the default format, the"
	echo "default ring (256 KiB):"
	echo
	echo "| readers | records/guest-s | records | lost |"
	echo "|---|---:|---:|---:|"
	echo "| none | $(tp log_noreader) | ${v[log_noreader_records]} | ${v[log_noreader_lost]} |"
	echo "| one (\`cat /dev/sct_records\`) | $(tp log_reader) | ${v[log_reader_records]} | ${v[log_reader_lost]} |"
	echo
	echo "With one vCPU the reader shares the CPU with the loop, and at full speed"
	echo "it cannot keep up: reading a record back costs several times what"
	echo "writing it does, so the ring wraps over records it had not read."
	echo
	echo "P3 measures the calls with every record read back, the reader's"
	echo "instructions included (\`sct-log-drain\`): a reader process sleeps in"
	echo "poll() and reads what there is when woken, as any reader does; each"
	echo "round is timed from its first call until the reader, told the round is"
	echo "over, has read every record there is.  The ring is 64 MiB, which holds"
	echo "a round, so the reader keeps up: it read ${v[P3_binary_read]} binary records"
	echo "(${v[P3_text_read]} text lines) and lost $p3_lost."
	echo "That is $(tp P3_binary) records per guest-second written and read"
	echo "back through /dev/sct_records, $(tp P3_text) through /dev/sct_log."
	echo
	echo "## Where the instructions go"
	echo
	echo "gdb single-steps the sct kernel through one call of each case with a"
	echo "goal (scripts/bench-trace.py), from the function named to the return"
	echo "to entry_SYSCALL_64, and counts the instructions of each function."
	echo "sct's part is that of its own functions (sct_*) and of SRCU."
	echo
	echo "P2, a rule on getpid whose filter does not match, from"
	echo "sct_syscall_enter: $(tsum P2 "$sct_re") instructions in sct; getpid's body"
	echo "then runs."
	echo
	trace_table P2
	echo
	echo "P4, a fail rule on getpid, from sct_syscall_enter: $(tsum P4 "$sct_re")"
	echo "instructions in sct; getpid's body does not run."
	echo
	trace_table P4
	echo
	echo "P3, the call: a log rule matching it, from sct_syscall_enter:"
	echo "$(tsum P3_write "$sct_re") instructions in sct."
	echo
	trace_table P3_write
	echo
	echo "P3, the reader: the read() of /dev/sct_records that returns the record"
	echo "of that call, from sct_log_read.  The page fault on the reader's fresh"
	echo "buffer is counted apart and not in the total."
	echo
	trace_table P3_read
	echo
	echo "## Configuration"
	echo
	echo "tinyconfig, then Kconfig.snippet and scripts/config/bench.config"
	echo "merged over it (a later line wins; scripts/build-kernel.sh checks"
	echo "that every line holds in .config), and for the baseline"
	echo "scripts/config/base.config.  The options the fragments set, as the two"
	echo ".config files have them (the series' options: CONFIG_SYSCALL_TRACK*"
	echo "and what it selects; every other option is the same in both):"
	echo
	echo "| option | kernel-bench | kernel-bench-base |"
	echo "|---|---|---|"
	{
		sed -n 's/^\(# \)\{0,1\}\(CONFIG_[A-Z0-9_]*\)[= ].*/\2/p' \
			"$SCT_ROOT/Kconfig.snippet" \
			"$SCT_ROOT/scripts/config/bench.config" \
			"$SCT_ROOT/scripts/config/base.config"
		printf '%s\n' "${series_selects[@]}"
	} | sort -u | while read -r o; do
		printf '| %s | %s | %s |\n' "$o" \
			"$(config_val "$BUILD/kernel-bench/.config" "$o")" \
			"$(config_val "$BUILD/kernel-bench-base/.config" "$o")"
	done
	echo
	echo "Calls per round are scaled by $scale (BENCH_SCALE)."
} >"$doc/performance.md"
info "wrote ${doc#"$SCT_ROOT"/}/performance.md and performance.png"

if [ ${#misses[@]} -gt 0 ]; then
	echo "MISS: $(printf '%s\n' "${misses[@]}" | sort -u | tr '\n' ' ')(reasons in ${doc#"$SCT_ROOT"/}/performance.md)"
fi
t=$((SECONDS - start - waited))
phase "done in $((t / 60))m$((t % 60))s$([ $waited -eq 0 ] ||
	echo ", not counting ${waited}s waiting for the build lock")"
