#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make install into a DESTDIR: every tool, man page, header, example and
# the boot-time unit land where the PREFIX and sysconfdir say, and the
# unit runs the installed sctrules on /etc/sct/rules.d; libsct's guardian
# program is where the installed libsct looks for it; the bash completion
# of the three tools is where bash-completion looks for it, and finds
# the installed sctrules.  Prints TAP.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

name=install
# shellcheck source=scripts/tests/tap.bash
. "$(dirname "$0")/tap.bash"

st=0
make -s -C "$SCT_ROOT/userspace" OUTPUT="$BUILD/userspace-install" \
	KSRC="$KTREE" DESTDIR="$tmp/root" PREFIX=/usr sysconfdir=/etc \
	install >"$tmp/log" 2>&1 || st=$?
[ $st -eq 0 ] || sed 's/^/# /' "$tmp/log"
result "make install DESTDIR=... PREFIX=/usr succeeds" $st

r=$tmp/root
absent=0
for f in usr/bin/sctlog usr/sbin/sctrules usr/lib/libsct.a usr/lib/libsct.so.1 \
	usr/libexec/sct/sct-guardian \
	usr/include/sct.h usr/include/sct/record.h usr/include/sct/session.h \
	usr/lib/pkgconfig/libsct.pc \
	usr/share/man/man1/sctlog.1 usr/share/man/man3/libsct.3 \
	usr/share/man/man3/sct_session_new.3 \
	usr/share/man/man3/sct_event_type.3 \
	usr/share/man/man5/sct.rules.5 usr/share/man/man8/sctrules.8 \
	usr/share/sct/examples/protect-passwd.rules \
	usr/lib/systemd/system/sct-rules.service etc/sct/rules.d/README \
	usr/share/bash-completion/completions/sctrules \
	usr/share/bash-completion/completions/sctlog \
	usr/share/bash-completion/completions/sctrace; do
	[ -f "$r/$f" ] || { echo "# missing: $f"; absent=1; }
done
result "every file is installed where PREFIX says" $absent

unit=$r/usr/lib/systemd/system/sct-rules.service
st=0
grep -qx 'ExecStart=/usr/sbin/sctrules -q apply -R /etc/sct/rules.d' \
	"$unit" 2>/dev/null || st=1
result "the unit applies /etc/sct/rules.d with the installed sctrules" $st
st=0
! grep -q '@[A-Z]*@' "$unit" 2>/dev/null || st=1
result "the unit has no placeholder left" $st

# A distribution's tools take the fixes of its libc: make install links
# them dynamically (STATIC=1 is for the test guest).
st=0
for f in usr/sbin/sctrules usr/bin/sctlog usr/libexec/sct/sct-guardian; do
	readelf -d "$r/$f" 2>/dev/null | grep -q '(NEEDED).*libc\.so' ||
		{ echo "# $f is not linked with libc.so"; st=1; }
done
result "the installed tools are linked dynamically with libc" $st

st=0
"$r/usr/sbin/sctrules" check "$r"/usr/share/sct/examples/*.rules \
	>/dev/null 2>&1 || st=$?
result "the installed examples pass sctrules check" $st

st=0
printf '#include <sct.h>\nint main(void) { return sct_syscall_number("getpid") != 39; }\n' \
	>"$tmp/t.c"
gcc -I"$r/usr/include" -o "$tmp/t" "$tmp/t.c" "$r/usr/lib/libsct.a" \
	>"$tmp/log" 2>&1 && "$tmp/t" || st=1
[ $st -eq 0 ] && [ -s "$tmp/log" ] && sed 's/^/# /' "$tmp/log"
result "a program builds on the installed sct.h and libsct.a" $st

# The path libsct was built with is where the guardian is installed.
st=0
printf '#include <stdio.h>\n#include <sct.h>\nint main(void) { puts(sct_get_path(SCT_PATH_GUARDIAN)); return 0; }\n' \
	>"$tmp/g.c"
gcc -I"$r/usr/include" -o "$tmp/g" "$tmp/g.c" "$r/usr/lib/libsct.a" \
	>"$tmp/log" 2>&1 && "$tmp/g" >"$tmp/out" 2>>"$tmp/log" || st=1
[ "$(cat "$tmp/out" 2>/dev/null)" = /usr/libexec/sct/sct-guardian ] || st=1
[ -x "$r/usr/libexec/sct/sct-guardian" ] || st=1
[ $st -eq 0 ] || sed 's/^/# /' "$tmp/log" "$tmp/out"
result "libsct looks for its guardian where it is installed (/usr/libexec/sct/sct-guardian)" $st

# bash-completion loads a command's completion from the file of its
# name: each of the three sets its tool's.  sctrace's takes the syscall
# names from the installed sctrules, in ../sbin when not in PATH.
st=0
comp=$r/usr/share/bash-completion/completions
for t in sctrules sctlog sctrace; do
	bash -c '. /usr/share/bash-completion/bash_completion && . "$1" &&
		complete -p "$2"' sh "$comp/$t" "$t" >/dev/null 2>&1 ||
		{ echo "# $comp/$t sets no completion for $t"; st=1; }
done
result "the bash completion of each tool is in its file" $st
st=0
got=$(PATH=$r/usr/bin:/usr/bin:/bin \
	"$SCT_ROOT/scripts/tests/complete.bash" "$comp/sctrace" \
	"$r/usr/bin/sctrace -e trace=unlink" 2>/dev/null | sort | paste -sd' ') || st=1
[ "$got" = "unlink unlinkat" ] || { echo "# got: '$got'"; st=1; }
result "the installed sctrace completion takes syscall names from the installed sctrules" $st

finish
