# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
#
# bash completion for sct's tools: sctrules(8), sctlog(1), sctrace(1).
#
# "make install" installs this file as
# $(datadir)/bash-completion/completions/sctrules, with sctlog and sctrace
# linked to it, where bash-completion loads it the first time one of the
# three is completed; it sets the completion of all three.  It needs
# bash-completion (_init_completion, _filedir, _command_offset).
#
# What it completes, besides the commands and options of each tool (as
# their option tables have them, short and long):
#   - rule names (sctrules delete, sctlog -r) and trace names (sctlog
#     -T), from sct's configfs directory: /sys/kernel/config/sct, or
#     $SCT_CONFIGFS, as sctrules takes it; names starting with '_'
#     (programs' rules) only once a '_' is typed;
#   - syscall names and strace's classes (sctrace -e trace=, --trace=),
#     from "sctrules syscalls" and "sctrules classes";
#   - files and directories where an option takes one, the command and
#     its arguments after sctrace's options.

# The directory of sct's configfs, as sctrules takes it.
_sct_configfs()
{
	printf '%s\n' "${SCT_CONFIGFS:-/sys/kernel/config/sct}"
}

# Add to COMPREPLY the words of the remaining arguments that start with
# $cur, each after the prefix $1.  Names read from directories are not
# given to compgen -W, which would expand them.
_sct_add_matching()
{
	local pre=$1 w

	shift
	for w in "$@"; do
		[[ $w == "$cur"* ]] && COMPREPLY+=("$pre$w")
	done
	return 0
}

# The names of the entries of configfs directory $1 (rules or traces),
# those starting with '_' only when $cur does.
_sct_names()
{
	local d n names=()

	for d in "$(_sct_configfs)/$1"/*; do
		[[ -d $d ]] || continue
		n=${d##*/}
		[[ $n == _* && $cur != _* ]] && continue
		names+=("$n")
	done
	_sct_add_matching "" "${names[@]}"
}

# The sctrules to ask for syscall names: the one in PATH, else the one
# installed next to the tool being completed ($1), in ../sbin.
_sct_sctrules()
{
	local t

	t=$(type -P sctrules) && { printf '%s\n' "$t"; return; }
	t=$(type -P "$1") || return 1
	t=${t%/*}/../sbin/sctrules
	[[ -x $t ]] && printf '%s\n' "$t"
}

# Complete $cur as a syscall set of sctrace's -e trace= (strace's): items
# separated by commas, each a syscall name, a class, "all" or "none",
# after '!' (the set's) or '?'.  $1: the tool being completed.
_sct_syscall_set()
{
	local rules pre item mark names=()

	pre=${cur%"${cur##*,}"}
	item=${cur##*,}
	mark=${item%%[!!?]*}
	item=${item#"$mark"}
	rules=$(_sct_sctrules "$1") || return 0
	mapfile -t names < <("$rules" syscalls 2>/dev/null
			     "$rules" classes 2>/dev/null)
	[[ -z $pre ]] && names+=(all none)
	cur=$item _sct_add_matching "$pre$mark" "${names[@]}"
}

# Complete $cur as a comma-separated list of the words given.
_sct_list()
{
	local pre=${cur%"${cur##*,}"}

	cur=${cur##*,} _sct_add_matching "$pre" "$@"
}

_sctrules()
{
	local cur prev words cword split
	local i w cmd="" nargs=0 ddash="" opts

	_init_completion -s || return

	# The command, the first operand; the operands after it, nargs of
	# them before the word completed; ddash once a "--" after the
	# command ends the options (sctrules takes options on both sides).
	for ((i = 1; i < cword; i++)); do
		w=${words[i]}
		if [[ -n $cmd && ( -n $ddash || $w != -* ) ]]; then
			((nargs++))
			continue
		fi
		case $w in
		--) [[ -n $cmd ]] && ddash=1 ;;
		-R | --dir) ((i++)) ;;
		-*) ;;
		*) cmd=$w ;;
		esac
	done

	if [[ -z $ddash ]]; then
		case $prev in
		-R | --dir)
			_filedir -d
			return
			;;
		esac
		$split && return
		if [[ $cur == -* ]]; then
			opts="--quiet -q --no-wait --help -h --version -V"
			case $cmd in
			"") opts+=" --dir= -R --json -j" ;;
			apply | add | check) opts+=" --dir= -R" ;;
			list) opts+=" --json -j" ;;
			esac
			mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
			[[ ${COMPREPLY-} == *= ]] && compopt -o nospace
			return
		fi
	fi

	case $cmd in
	"")
		mapfile -t COMPREPLY < <(compgen -W "apply add delete show list
			count check syscalls classes" -- "$cur")
		;;
	apply | add | check)
		_filedir
		;;
	delete)
		_sct_names rules
		;;
	syscalls)
		# One operand: the ABI.
		((nargs == 0)) &&
			mapfile -t COMPREPLY < <(compgen -W "x86_64 ia32 x32" -- "$cur")
		;;
	esac
} &&
	complete -F _sctrules sctrules

_sctlog()
{
	local cur prev words cword split

	_init_completion -s || return

	case $prev in
	-n | --count)
		return
		;;
	-r | --rule)
		_sct_names rules
		return
		;;
	-T | --trace)
		_sct_names traces
		return
		;;
	-D | --device)
		_filedir
		return
		;;
	esac
	$split && return

	# sctlog takes no operands: options only.
	mapfile -t COMPREPLY < <(compgen -W "--dump -d --new -N --count= -n
		--rule= -r --trace= -T --json -j --syslog -s --device= -D
		--help -h --version -V" -- "$cur")
	[[ ${COMPREPLY-} == *= ]] && compopt -o nospace
} &&
	complete -F _sctlog sctlog

# The option letter of a word of short options ("-f", "-fo") that takes
# the next word as its argument: strace 6.1's whose letter ends it.
_sctrace_arg_of()
{
	local w=$1 j

	[[ $w == -[!-]* ]] || return 1
	for ((j = 1; j < ${#w}; j++)); do
		case ${w:j:1} in
		[abeEIoOpPsSuUX])
			((j == ${#w} - 1)) && printf '%s\n' "${w:j:1}"
			return
			;;
		esac
	done
	return 1
}

# The index in COMP_WORDS of words[$1]: COMP_WORDS has a "--opt=val" as
# "--opt", "=", "val", words as one word, and _command_offset counts in
# COMP_WORDS.  Words of COMP_WORDS that are not in words (redirections)
# are passed over.
_sct_comp_index()
{
	local k j=0 acc

	for ((k = 0; k < $1; k++)); do
		acc=""
		while ((j < COMP_CWORD)); do
			acc+=${COMP_WORDS[j]}
			((j++))
			[[ $acc == "${words[k]}" ]] && break
			[[ ${words[k]} == "$acc"* ]] || acc=""
		done
	done
	while ((j < COMP_CWORD)) && [[ ${words[$1]} != "${COMP_WORDS[j]}"* ]]; do
		((j++))
	done
	printf '%s\n' "$j"
}

_sctrace()
{
	local cur prev words cword split
	local i w opt key

	_init_completion -s || return

	# The command to trace, if it has begun: complete it and its
	# arguments as bash would.
	for ((i = 1; i < cword; i++)); do
		w=${words[i]}
		case $w in
		--)
			_command_offset "$(_sct_comp_index $((i + 1)))"
			return
			;;
		--output | --attach | --string-limit | --trace | \
			--summary-sort-by | --summary-columns | --buffer-size | \
			--overflow)
			((i++))
			;;
		-?*)
			_sctrace_arg_of "$w" >/dev/null && ((i++))
			;;
		*)
			_command_offset "$(_sct_comp_index "$i")"
			return
			;;
		esac
	done

	opt=$prev
	case $prev in
	--*) ;;
	-*) opt=-$(_sctrace_arg_of "$prev") || opt="" ;;
	esac
	case $opt in
	-o | --output)
		_filedir
		return
		;;
	-p | --attach)
		local pids=() d

		for d in /proc/[0-9]*; do
			pids+=("${d#/proc/}")
		done
		_sct_list "${pids[@]}"
		return
		;;
	-s | --string-limit | --buffer-size)
		return
		;;
	--trace)
		_sct_syscall_set "$1"
		return
		;;
	-X)
		_sct_add_matching "" raw abbrev verbose
		return
		;;
	-S | --summary-sort-by)
		_sct_add_matching "" time min-time max-time avg-time calls \
			errors name nothing
		return
		;;
	-U | --summary-columns)
		_sct_list time-percent total-time min-time max-time avg-time \
			calls errors name
		return
		;;
	--overflow)
		_sct_add_matching "" wait drop
		return
		;;
	-e)
		if [[ $cur != *=* ]]; then
			_sct_add_matching "" trace= abbrev= verbose= raw= signal= \
				status= quiet=
			compopt -o nospace
			return
		fi
		# readline completes what follows the '=' (a word break).
		key=${cur%%=*}
		cur=${cur#*=}
		case $key in
		trace | t | abbrev | a | raw | x)
			_sct_syscall_set "$1"
			;;
		verbose | v)
			_sct_add_matching "" all
			;;
		signal | signals | s)
			local sigs=()

			mapfile -t sigs < <(compgen -A signal | grep -v '[-+]\|SIGRTMAX')
			_sct_list all none "${sigs[@]}"
			;;
		status)
			_sct_list all none successful failed unfinished \
				unavailable detached
			;;
		quiet | silent | silence | q)
			_sct_list all none attach exit path-resolution \
				personality thread-execve superseded
			;;
		esac
		return
		;;
	esac
	$split && return

	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "-f -ff --follow-forks
			--output-separately -p --attach= -o --output= -s
			--string-limit= -e --trace= -t -tt -ttt -r -T -x -xx -X -v
			-z -Z -q -qq -c --summary-only -C --summary -S
			--summary-sort-by= -U --summary-columns= -w
			--summary-wall-clock --buffer-size= --overflow= -h --help
			-V --version" -- "$cur")
		[[ ${COMPREPLY-} == *= ]] && compopt -o nospace
		return
	fi
	# The command to trace.
	mapfile -t COMPREPLY < <(compgen -c -- "$cur")
} &&
	complete -F _sctrace sctrace
