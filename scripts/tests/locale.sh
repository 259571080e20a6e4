#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# libsct's rule files do not depend on the locale: rules with an upper
# case I in keywords, constants, classes and values (type = FAIL, EINVAL,
# %FILE, PRINTK, uid IN (...)), and names with letters of Latin-5, are
# parsed by a program that calls setlocale(LC_ALL, "")
# (userspace/tests/locale-parse.c, without the sanitizers) in the C
# locale and in Turkish ones, where tolower('I') is not 'i': the output
# must be the same.  The Turkish locales are made with localedef; the
# test fails, and says why, if that cannot be done.  Prints TAP.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

name="locale"
# shellcheck source=scripts/tests/tap.bash
. "$(dirname "$0")/tap.bash"
out=$BUILD/userspace-host
src=$SCT_ROOT/userspace
st() { echo $?; }

if ! make -s -C "$src" OUTPUT="$out" KSRC="$KTREE" "$out/libsct.a" \
	>"$tmp/log" 2>&1 ||
	! ${CC:-cc} -Wall -Wextra -Werror -D_GNU_SOURCE -I"$out/include" \
		-I"$src/lib" -o "$tmp/parse" "$src/tests/locale-parse.c" \
		"$out/libsct.a" >>"$tmp/log" 2>&1; then
	tap_detail=$tmp/log
	result "build locale-parse" 1
	finish
	exit 1
fi

cat >"$tmp/i.rules" <<'RULES'
RULE {
	SYSCALL_NAME = %FILE, %fIle, ia32:unlink
	RULE_NAME = Istanbul_i
	WHEN = AFTER
	CONTINUE = YES
	FILTER_EXPRESSION {pid == 1 && params[1] == "I" && uid IN (0, 1) &&
		PARAMS[2] & O_CREAT && RETVAL == -EINVAL && descendant(1) &&
		Ppid != 1 && Sockaddr(Params[2]).port == htons(80)}
	ACTION {
		TYPE = LOG
		LOG_TARGET = PRINTK
		LOG_FORMAT {%comm %params}
	}
}
RULE {
	SYSCALL_NAME = unlink
	RULE_NAME = fail_i
	WHEN = BEFORE
	FORCE = TRUE
	ACT_ON_INIT = On
	ACTION { TYPE = FAIL ERROR_CODE = EINVAL }
}
RULE { SYSCALL_NAME = unlink RULE_NAME = kill_i ACTION { TYPE = Kill } }
RULE {
	SYSCALL_NAME = unlink
	RULE_NAME = trace_i
	TRACE = Izmir
	CAPTURE_SIZE = 64
}
RULES
# Letters of Latin-5 (ı is 0xfd there): not a name in any locale.
printf 'rule { syscall_name = unlink rule_name = \xfd }\n' >"$tmp/bad.rules"
printf 'rule { syscall_name = unlink rule_name = x trace = \xc9 }\n' >>"$tmp/bad.rules"
printf 'rule { syscall_name = unlink rule_name = y filter_expression {p\xfdd == 1} }\n' >>"$tmp/bad.rules"

LC_ALL=C "$tmp/parse" "$tmp/i.rules" "$tmp/bad.rules" >"$tmp/C" 2>&1 || true
tap_detail=$tmp/C
result "in the C locale: the rules parse, and the bad ones are refused" \
	"$(grep -qx "$tmp/i.rules: 0 errors" "$tmp/C" &&
		grep -qx "$tmp/bad.rules: 3 errors" "$tmp/C" &&
		grep -qx '		type = FAIL' "$tmp/C"; st)"

export LOCPATH=$tmp/locales
mkdir "$LOCPATH"
for cs in UTF-8 ISO-8859-9; do
	loc=tr_TR.$cs
	if ! localedef -i tr_TR -f "$cs" "$LOCPATH/$loc" >"$tmp/log" 2>&1 ||
		! LC_ALL=$loc locale >>"$tmp/log" 2>&1; then
		echo "localedef -i tr_TR -f $cs failed: the locales package (its sources in /usr/share/i18n) is needed" >>"$tmp/log"
		tap_detail=$tmp/log
		result "make the locale $loc" 1
		continue
	fi
	LC_ALL=$loc "$tmp/parse" "$tmp/i.rules" "$tmp/bad.rules" \
		>"$tmp/$loc" 2>&1 || true
	diff "$tmp/C" "$tmp/$loc" >"$tmp/diff" || true
	tap_detail=$tmp/diff
	result "in $loc: the same rules, errors and checks as in C" \
		"$([ ! -s "$tmp/diff" ]; st)"
done

finish
