#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Complete a command line as bash does at a TAB, without a terminal:
#
#   bash scripts/tests/complete.bash FILE LINE
#
# sources bash-completion and the completion file FILE, splits LINE
# (completed at its end) into COMP_WORDS as readline does, at blanks
# and at the word breaks of COMP_WORDS (a "--opt=val" is "--opt", "=",
# "val"), runs the function that FILE set with "complete -F" for LINE's
# command (or for its name without a path), and prints COMPREPLY, one a
# line.  What the function asks of
# compopt goes to standard error ("compopt -o nospace").  Exit status 1
# when FILE sets no completion for the command.
set -euo pipefail

src=$1
line=$2
breaks='=:;|&(<>'

# LINE into words: blanks separate, a run of word breaks is a word.
words=()
w=""
for ((i = 0; i < ${#line}; i++)); do
	c=${line:i:1}
	if [[ $c == [[:blank:]] ]]; then
		[[ -n $w ]] && words+=("$w")
		w=""
	elif [[ $breaks == *"$c"* ]]; then
		if [[ -n $w && $breaks != *"${w: -1}"* ]]; then
			words+=("$w")
			w=""
		fi
		w+=$c
	else
		if [[ -n $w && $breaks == *"${w: -1}"* ]]; then
			words+=("$w")
			w=""
		fi
		w+=$c
	fi
done
# The word at the end of the line, empty after a blank.
words+=("$w")

# bash-completion and the functions it runs are written for interactive
# shells, without -e, -u or pipefail.
set +euo pipefail
# shellcheck source=/dev/null
. /usr/share/bash-completion/bash_completion
# shellcheck source=/dev/null
. "$src"

# As bash: the command's compspec, else that of its name without a path.
spec=$(complete -p "${words[0]}" 2>/dev/null) ||
	spec=$(complete -p "${words[0]##*/}" 2>/dev/null) || exit 1
fn=${spec#*-F }
fn=${fn%% *}
# Called by the completion functions, which shellcheck does not see.
# shellcheck disable=SC2317
compopt() { echo "compopt $*" >&2; }

COMP_WORDS=("${words[@]}")
COMP_CWORD=$((${#words[@]} - 1))
COMP_LINE=$line
COMP_POINT=${#line}
COMPREPLY=()
"$fn" "${words[0]}" "${words[COMP_CWORD]}" "${words[COMP_CWORD - 1]}"
[[ ${#COMPREPLY[@]} -eq 0 ]] || printf '%s\n' "${COMPREPLY[@]}"
exit 0
