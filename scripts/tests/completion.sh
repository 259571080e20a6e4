#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The bash completion of sctrules, sctlog and sctrace
# (userspace/completion/sct.bash), run by bash-completion on command
# lines as bash would at a TAB (scripts/tests/complete.bash): commands,
# options as the tools' --help lists them, rule and trace names from a
# directory that stands for configfs (SCT_CONFIGFS), syscall names and
# classes from "sctrules syscalls" and "sctrules classes", files and
# directories, and the command that sctrace runs.  Prints TAP.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

name=completion
# shellcheck source=scripts/tests/tap.bash
. "$(dirname "$0")/tap.bash"
tap_detail="$tmp/got $tmp/want $tmp/err"
out=$BUILD/userspace-host
bin=$out/bin
src=$SCT_ROOT/userspace/completion/sct.bash
st() { echo $?; }	# "$(COMMANDS; st)": 0 if the last one succeeded

if ! make -s -C "$SCT_ROOT/userspace" OUTPUT="$out" KSRC="$KTREE" \
	"$bin/sctrules" "$bin/sctlog" "$bin/sctrace" >"$tmp/err" 2>&1; then
	result "build the tools" 1
	finish
	exit 1
fi
# The tools as they would be installed: sctrules, which gives the
# syscall names, in PATH.
export PATH=$bin:$PATH

# A directory that stands for configfs: rules and traces, a program's
# among them.
cfs=$tmp/cfs
mkdir -p "$cfs/rules/deletes" "$cfs/rules/del2" "$cfs/rules/other" \
	"$cfs/rules/_sct.1.2.3.4" "$cfs/traces/build.1" "$cfs/traces/_sct.9"
mkdir -p "$tmp/cfs2/rules/elsewhere"
export SCT_CONFIGFS=$cfs

# Files for the options and operands that take them, in the directory
# the completions run in.
mkdir -p "$tmp/work/subdir"
touch "$tmp/work/a.rules" "$tmp/work/notes.txt"
cd "$tmp/work"

# comp LINE: the completions of LINE (at its end), sorted, one a line, in
# $tmp/got; exit status of the completion.
comp() {
	local rc=0

	"$SCT_ROOT/scripts/tests/complete.bash" "$src" "$1" >"$tmp/got.raw" \
		2>"$tmp/err" || rc=$?
	sort -u "$tmp/got.raw" >"$tmp/got"
	return $rc
}
# want WORDS...: $tmp/want, sorted, one a line.
want() {
	: >"$tmp/want"
	[ $# -eq 0 ] || printf '%s\n' "$@" | sort -u >"$tmp/want"
}
# is LINE WORDS...: 0 if the completions of LINE are exactly WORDS.
is() {
	local line=$1

	shift
	want "$@"
	comp "$line" && cmp -s "$tmp/got" "$tmp/want"
}
# has LINE WORDS...: 0 if the completions of LINE include every word.
has() {
	local line=$1

	shift
	want "$@"
	comp "$line" && [ -z "$(comm -13 "$tmp/got" "$tmp/want")" ]
}
# lacks LINE WORDS...: 0 if no word is among the completions of LINE.
lacks() {
	local line=$1

	shift
	want "$@"
	comp "$line" && [ -z "$(comm -12 "$tmp/got" "$tmp/want")" ]
}
# The options of a tool's --help, "--long" and "-s", one a line, sorted.
help_options() {
	"$bin/$1" --help | grep -E '^ +-' |
		grep -oE '(^|[ ,])--?[A-Za-z][A-Za-z0-9-]*' |
		sed 's/^[ ,]*//' | sort -u
}

result "the file sets the completion of sctrules, sctlog and sctrace" \
	"$(bash -c '. /usr/share/bash-completion/bash_completion && . "$1" &&
		complete -p sctrules sctlog sctrace' sh "$src" >/dev/null 2>&1; st)"

# ---- sctrules ----

result "sctrules: the commands" \
	"$(is 'sctrules ' apply add delete show list count check syscalls \
		classes; st)"
result "sctrules: commands by their start" \
	"$(is 'sctrules c' count check classes; st)"
for tool in sctrules sctlog sctrace; do
	help_options "$tool" >"$tmp/help"
	comp "$tool -" || true
	sed 's/=$//' "$tmp/got" | sort -u >"$tmp/opts"
	comm -3 "$tmp/help" "$tmp/opts" >"$tmp/err"
	result "$tool: the options, long and short, are those of its --help" \
		"$([ -s "$tmp/help" ] && [ ! -s "$tmp/err" ]; st)"
done
result "sctrules: an option that takes a value ends in '=', without a space" \
	"$(has 'sctrules --d' --dir= && grep -qx 'compopt -o nospace' "$tmp/err"; st)"
result "sctrules list: --json, not --dir" \
	"$(has 'sctrules list -' --json -j --quiet && lacks 'sctrules list -' --dir= -R; st)"
result "sctrules apply: --dir, not --json" \
	"$(has 'sctrules apply -' --dir= -R && lacks 'sctrules apply -' --json -j; st)"
result "sctrules delete: the rules of configfs, not the programs' ones" \
	"$(is 'sctrules delete ' deletes del2 other; st)"
result "sctrules delete: rules by their start, after options and other names" \
	"$(is 'sctrules -q delete other de' deletes del2; st)"
result "sctrules delete _: the programs' rules too, once '_' is typed" \
	"$(is 'sctrules delete _' _sct.1.2.3.4; st)"
result "sctrules delete: the rules of the configfs SCT_CONFIGFS names" \
	"$(SCT_CONFIGFS=$tmp/cfs2 is 'sctrules delete ' elsewhere; st)"
result "sctrules delete: nothing where there is no configfs" \
	"$(SCT_CONFIGFS=$tmp/none is 'sctrules delete '; st)"
result "sctrules syscalls: the ABIs" \
	"$(is 'sctrules syscalls ' x86_64 ia32 x32; st)"
result "sctrules syscalls ABI: nothing more" "$(is 'sctrules syscalls ia32 '; st)"
result "sctrules check, apply, add: files and directories" \
	"$(is 'sctrules check ' a.rules notes.txt subdir &&
		is 'sctrules apply x.rules ' a.rules notes.txt subdir &&
		is 'sctrules add a' a.rules; st)"
result "sctrules -R, --dir=: directories only" \
	"$(is 'sctrules check -R ' subdir && is 'sctrules --dir=' subdir; st)"
result "sctrules show, list, count, classes: no operands" \
	"$(is 'sctrules show ' && is 'sctrules list ' && is 'sctrules count ' &&
		is 'sctrules classes '; st)"
result "sctrules: after --, operands, not options" \
	"$(is 'sctrules delete -- de' deletes del2 && is 'sctrules delete -- -' &&
		is 'sctrules check -- -R ' a.rules notes.txt subdir; st)"
result "sctrules: options after the command, and its operands" \
	"$(has 'sctrules delete other --n' --no-wait && is 'sctrules -q delete -q de' deletes del2 &&
		is 'sctrules syscalls -q i' ia32 && is 'sctrules check a.rules -R ' subdir; st)"

# ---- sctlog ----

result "sctlog: options, its only words" \
	"$(has 'sctlog ' --dump --json --rule= -r && has 'sctlog --j' --json; st)"
result "sctlog -r, --rule=: the rules of configfs" \
	"$(is 'sctlog -r ' deletes del2 other && is 'sctlog -j --rule=de' deletes del2 &&
		is 'sctlog -r _' _sct.1.2.3.4; st)"
result "sctlog -T, --trace=: the traces of configfs" \
	"$(is 'sctlog -T ' build.1 && is 'sctlog --trace=_' _sct.9; st)"
result "sctlog -D, --device=: files" \
	"$(has 'sctlog -D ' a.rules notes.txt && is 'sctlog --device=n' notes.txt; st)"
result "sctlog -n: no completion for a number" "$(is 'sctlog -n '; st)"

# ---- sctrace ----

{ "$bin/sctrules" syscalls && "$bin/sctrules" classes; } >"$tmp/names"
result "sctrace --trace=: every syscall name and class sctrules gives, all, none" \
	"$(mapfile -t names <"$tmp/names"
		[ "${#names[@]}" -gt 300 ] && is 'sctrace --trace=' "${names[@]}" all none; st)"
result "sctrace -e trace=: syscall names by their start" \
	"$(is 'sctrace -e trace=unl' unlink unlinkat &&
		is 'sctrace -f -e trace=%fi' %file; st)"
result "sctrace -e trace=: the next item of a list, after '!' or '?'" \
	"$(has 'sctrace -e trace=open,clo' open,close open,clone &&
		is 'sctrace -e trace=!unlinka' '!unlinkat' &&
		is 'sctrace --trace=read,?unlinka' 'read,?unlinkat'; st)"
result "sctrace -e abbrev=, raw=: syscall names too" \
	"$(is 'sctrace -e abbrev=unl' unlink unlinkat &&
		is 'sctrace -e raw=unlinka' unlinkat; st)"
result "sctrace -e: the qualifiers sctrace takes, without a space" \
	"$(is 'sctrace -e ' trace= abbrev= verbose= raw= signal= status= quiet= &&
		grep -qx 'compopt -o nospace' "$tmp/err"; st)"
result "sctrace -e status=, quiet=, signal=: their words" \
	"$(is 'sctrace -e status=su' successful &&
		is 'sctrace -e quiet=attach,ex' attach,exit &&
		is 'sctrace -e signal=SIGKI' SIGKILL; st)"
result "sctrace -X, -S, -U, --overflow=: their words" \
	"$(is 'sctrace -X ' raw abbrev verbose &&
		is 'sctrace -c -S m' min-time max-time &&
		is 'sctrace -U name,e' name,errors &&
		is 'sctrace --overflow=' wait drop; st)"
result "sctrace -o, -fo, --output=: files" \
	"$(is 'sctrace -o ' a.rules notes.txt subdir &&
		is 'sctrace -fo n' notes.txt && is 'sctrace --output=a' a.rules; st)"
result "sctrace -p: pids" \
	"$(has 'sctrace -p ' 1 "$$" && has 'sctrace -p 1,' "1,$$"; st)"
result "sctrace: the command to trace" \
	"$(has 'sctrace -f ech' echo && has 'sctrace -o out -e trace=read -- ech' echo; st)"
result "sctrace: the command's arguments, as bash completes them" \
	"$(is 'sctrace -f -o out cat n' notes.txt && is 'sctrace -s 64 -p 1 ls a' a.rules &&
		is 'sctrace --trace=read -e abbrev=none -- cat a' a.rules &&
		is 'sctrace -e trace=read 2>/dev/null cat n' notes.txt; st)"
result "sctrace: options before the command only" \
	"$(lacks 'sctrace -f cat -' --summary; st)"

# The completions can fail: a word that is no rule is not one.
result "a completion that is not there is not found" \
	"$(! has 'sctrules delete ' nosuch; st)"

finish
