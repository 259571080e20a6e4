#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The host side of the filter fuzzing: the corpus generator
# (userspace/tests/filter-corpus.c) and libsct's verdicts on it
# (userspace/tests/filter-expect.c), both built with the sanitizers in
# $BUILD/userspace-test.  The guest's sct_fuzz_test holds the kernel to
# the same verdicts.  Prints TAP.
#
#   - the corpus is the same on every run, and a short one is the start
#     of a longer one;
#   - libsct's checker goes through the 10000 filters of make check with
#     no sanitizer report and one well-formed verdict a line, the same
#     as the guest gets;
#   - the corpus reaches every bound and both verdicts;
#   - known filters get the kernel's verdict and error position (those
#     where libsct and the kernel differed once among them).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

out=$BUILD/userspace-test
count=10000
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

result() {	# result STATUS NAME [DETAILS FILE]
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n filter-fuzz: $2"
	else
		echo "not ok $n filter-fuzz: $2"
		[ -z "${3:-}" ] || head -n 40 "$3" | sed 's/^/# /'
		failed=1
	fi
}

if ! make -s -C "$SCT_ROOT/userspace" OUTPUT="$out" KSRC="$KTREE" \
	"$out/asan/filter-corpus" "$out/asan/filter-expect" >"$tmp/log" 2>&1; then
	result 1 "build the corpus generator and checker" "$tmp/log"
	exit 1
fi
gen=$out/asan/filter-corpus
check=$out/asan/filter-expect

# 1. The corpus: deterministic, prefix-stable, one filter a line.
st=0
"$gen" -s 1 "$count" >"$tmp/corpus" 2>"$tmp/log" || st=1
"$gen" -s 1 "$count" >"$tmp/corpus2" 2>>"$tmp/log" || st=1
cmp "$tmp/corpus" "$tmp/corpus2" >>"$tmp/log" 2>&1 || st=1
result $st "the corpus of $count filters is the same on every run" "$tmp/log"

st=0
"$gen" -s 1 $((count / 4)) >"$tmp/short" 2>"$tmp/log" || st=1
head -c "$(stat -c %s "$tmp/short")" "$tmp/corpus" | cmp - "$tmp/short" \
	>>"$tmp/log" 2>&1 || st=1
"$gen" -s 2 $((count / 4)) | cmp -s - "$tmp/short" && st=1
result $st "a shorter corpus is the start of a longer one; another seed, another corpus" \
	"$tmp/log"

st=0
lines=$(wc -l <"$tmp/corpus")
[ "$lines" -eq "$count" ] || { echo "$lines lines" >"$tmp/log"; st=1; }
# Every line is "a FILTER" or "b FILTER"; no NUL anywhere.
if LC_ALL=C grep -a -v -c '^[ab] ' "$tmp/corpus" >"$tmp/log"; then st=1; fi
if [ "$(tr -d '\000' <"$tmp/corpus" | wc -c)" -ne "$(wc -c <"$tmp/corpus")" ]; then
	echo "a NUL in the corpus" >>"$tmp/log"
	st=1
fi
result $st "every line is 'a FILTER' or 'b FILTER', no NUL" "$tmp/log"

# 2. libsct's verdicts on it, under the sanitizers.
st=0
"$check" -v <"$tmp/corpus" >"$tmp/expect" 2>"$tmp/log" || st=1
result $st "libsct's checker takes the $count filters with no sanitizer report" \
	"$tmp/log"

st=0
paste -d '\n' "$tmp/corpus" "$tmp/expect" | LC_ALL=C awk '
	NR % 2 { f = substr($0, 3); next }
	/^A$/ { a++; next }
	/^R [0-9]+ ./ { if ($2 > length(f)) { print "line " NR / 2 ": position past the end: " $0; bad++ }
			r++; next }
	{ print "line " NR / 2 ": not a verdict: " $0; bad++ }
	END {
		printf "%d accepted, %d refused\n", a, r
		if (bad || a + r != '"$count"' || a < r / 4 || r < a / 4) exit 1
	}' >"$tmp/log" 2>&1 || st=1
result $st "one verdict a line, 'A' or 'R POS MESSAGE' within the filter ($(tail -n 1 "$tmp/log"))" \
	"$tmp/log"

# The guest's corpus, if built (make initramfs), is this one, judged the
# same by libsct built without the sanitizers.
built=$BUILD/userspace/fuzz
if [ "$(cat "$built/params" 2>/dev/null)" = "seed=1 count=$count" ]; then
	st=0
	{ cmp "$built/corpus" "$tmp/corpus" && cmp "$built/expect" "$tmp/expect"; } \
		>"$tmp/log" 2>&1 || st=1
	result $st "the guest's corpus and verdicts (${built#"$SCT_ROOT"/}) are these" \
		"$tmp/log"
fi

# 3. The corpus reaches every bound and the when of RETVAL.
st=0
: >"$tmp/log"
for msg in 'nested more than 16 deep' 'more than 64 comparisons' \
	'more than 16 values' 'string longer than 255' \
	'filter longer than 4093' 'too many values in the filter' \
	'filter too complex' 'number too long' 'unknown name' \
	'RETVAL is known only after' '\\x00 cannot be in a string' \
	'unterminated string' 'unknown escape' 'bad number' \
	'unexpected character' 'expected a process id' \
	'expected an IPv4 address' 'expected an IPv6 address' \
	'expected a PARAMS index' 'strings take' 'matches strings only' \
	'unbalanced'; do
	grep -q -e "$msg" "$tmp/expect" || echo "no filter gets: $msg" >>"$tmp/log"
done
[ -s "$tmp/log" ] && st=1
result $st "the corpus reaches every bound and every class of error" "$tmp/log"

# Filters nested far past 16 levels (150 '(' and '!' or more), within
# the length bound and past it, refused at the 17th level by both.
st=0
deep=$(paste -d '\n' "$tmp/corpus" "$tmp/expect" | LC_ALL=C awk '
	NR % 2 { f = $0; d = gsub(/[(!]/, "", f) >= 150
		 long = length($0) - 2 > 4093; next }
	d && !long && / nested more than 16 deep$/ { in_len++ }
	d && long { past++ }
	END { printf "%d %d\n", in_len, past }')
read -r in_len past <<<"$deep"
[ "$in_len" -ge 10 ] && [ "$past" -ge 10 ] || st=1
result $st "the corpus has deep filters ($in_len within 4093 characters refused for their depth, $past longer)"

# 4. Known filters, with the kernel's verdicts (from kernel/sct/filter.c).
sp() {	# sp N: N spaces
	printf '%*s' "$1" ''
}
rep() {	# rep N TEXT: TEXT N times
	local n=$1 s=$2 out=

	while ((n > 0)); do
		((n & 1)) && out+=$s
		s+=$s
		n=$((n >> 1))
	done
	printf '%s' "$out"
}
nbsp=$'\xa0'
e_acute=$'\xe9'
sa='SOCKADDR(PARAMS[2])'
known=(
	# Blank is no filter; the kernel's isspace() takes Latin-1's 0xa0.
	"b " "A"
	"b $nbsp" "A"
	"b PID${nbsp}==${nbsp}1" "A"
	# Latin-1 letters are letters to the kernel: one unknown name, one
	# bad number.
	"b PID$e_acute == 1" "R 0"
	"b PID == 1$e_acute" "R 7"
	"b PID == 1 && ${e_acute}UID" "R 12"
	"b COMM == \"$e_acute\"" "A"
	"b PID == 1 "$'\x85' "R 9"
	# RETVAL needs when = after.
	"a RETVAL < -1" "A"
	"b RETVAL < -1" "R 0"
	# IPv4 as in4_pton() reads it: leading zeros are decimal ...
	"b $sa.addr == \"010.000.000.001\"" "A"
	"b $sa.addr in (\"0.0.0.0\", 16777343)" "A"
	# ... but nothing may follow the address (the kernel takes these
	# today: see the report of the fuzzing).
	"b $sa.addr == \"1.2.3.4 \"" "R 28"
	"b $sa.addr == \"1.2.3.4:80\"" "R 28"
	"b $sa.addr == \"1.2.3\"" "R 28"
	"b $sa.addr == \"256.1.1.1\"" "R 28"
	# IPv6 as in6_pton() reads it.
	"b $sa.addr6 == \"::\"" "A"
	"b $sa.addr6 == \"0000ffff::1\"" "A"
	"b $sa.addr6 == \"1:2:3:4:5:6:7::\"" "A"
	"b $sa.addr6 != \"::ffff:001.2.3.4\"" "A"
	"b $sa.addr6 == \"1:2:3:4:5:6::1.2.3.4\"" "R 29"
	"b $sa.addr6 == \"1ffff::\"" "R 29"
	"b $sa.addr6 == \"::1%eth0\"" "R 29"
	"b $sa.addr6 < \"::1\"" "R 26"
	# Bounds: nesting, lists, strings, numbers, names, length.
	"b $(rep 16 '(')1$(rep 16 ')')" "A"
	"b $(rep 17 '(')1$(rep 17 ')')" "R 16"
	"b $(rep 16 '!')1" "A"
	"b $(rep 17 '!')1" "R 16"
	# Far deeper: refused at the 17th level, or for the length first.
	"b $(rep 2000 '(')1$(rep 2000 ')')" "R 16"
	"b $(rep 4000 '!')1" "R 16"
	"b $(rep 1000 '(!')1$(rep 1000 ')')" "R 16"
	"b PID == 1 && $(rep 1500 '(')1$(rep 1500 ')')" "R 28"
	"b $(rep 20000 '(')1$(rep 20000 ')')" "R 4093"
	"b $(rep 1000000 '(')1$(rep 1000000 ')')" "R 4093"
	"b PID in ($(rep 15 '1,')1)" "A"
	"b PID in ($(rep 16 '1,')1)" "R 40"
	"b COMM == \"$(rep 255 a)\"" "A"
	"b COMM == \"$(rep 256 a)\"" "R 8"
	"b PID == 00000000000000000000001" "A"
	"b PID == 000000000000000000000001" "R 7"
	"b PID == 18446744073709551615" "A"
	"b PID == 18446744073709551616" "R 7"
	"b PID == -0x8000000000000000" "A"
	"b PID == 0x" "R 7"
	"b DESCENDANT(4194304)" "A"
	"b DESCENDANT(4194305)" "R 11"
	"b $(rep 63 'UID || ')UID" "A"
	"b $(rep 64 'UID || ')UID" "R 448"
	"b 1$(sp 4092)" "A"
	"b 1$(sp 4093)" "R 4093"
)
: >"$tmp/known"
: >"$tmp/want"
for ((i = 0; i < ${#known[@]}; i += 2)); do
	printf '%s\n' "${known[i]}" >>"$tmp/known"
	printf '%s\n' "${known[i + 1]}" >>"$tmp/want"
done
st=0
"$check" <"$tmp/known" >"$tmp/got" 2>"$tmp/log" || st=1
cut -d ' ' -f 1,2 "$tmp/got" | paste -d '\t' "$tmp/want" - "$tmp/known" |
	awk -F '\t' '$1 != $2 { print "want " $1 ", got " $2 ": " substr($3, 1, 100) }' \
		>>"$tmp/log"
[ -s "$tmp/log" ] && st=1
result $st "$(wc -l <"$tmp/known") known filters get the kernel's verdict and error position" \
	"$tmp/log"

exit $failed
