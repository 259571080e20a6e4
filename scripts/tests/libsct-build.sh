#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The userspace build as others run it:
#   - the tables kept in git (userspace/lib/gen, lib/sct/record.h) are
#     what lib/gen-tables.sh makes from kernel-tree/ (make check-tables);
#   - "make CFLAGS=-O2" builds, with the builder's CFLAGS on every
#     compile and the flags the build needs still there;
#   - a release tarball (git archive of userspace/, Documentation/man and
#     examples/) builds and installs with no kernel tree;
#   - the rule file parser builds and works with the bison of Debian 11
#     (3.7.5), fetched from Debian's archive into $BUILD/bison-3.7 (this
#     one is skipped when the archive cannot be reached).
# Prints TAP.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

name=libsct-build
# shellcheck source=scripts/tests/tap.bash
. "$(dirname "$0")/tap.bash"

us=$SCT_ROOT/userspace
log=$tmp/log
tap_detail=$log

st=0
make -s -C "$us" OUTPUT="$BUILD/userspace-tables" KSRC="$KTREE" \
	check-tables >"$log" 2>&1 || st=$?
result "the tables in git are what kernel-tree gives (make check-tables)" $st

# The builder's CFLAGS: a macro that only they define must be on the
# compiles of the library, the tools and the generated parser.
st=0
make -C "$us" OUTPUT="$tmp/cflags" V=1 WERROR=1 \
	CFLAGS='-O2 -DSCT_BUILDER_CFLAGS' >"$log" 2>&1 || st=$?
for f in lib/config.c "$tmp/cflags/lib/rulefile.tab.c" sctrules/sctrules.c; do
	grep -F -- " $f" "$log" >"$tmp/cmd" || true
	if ! { grep -q -- -DSCT_BUILDER_CFLAGS "$tmp/cmd" &&
		grep -q -- -D_GNU_SOURCE "$tmp/cmd"; }; then
		echo "no compile of $f with the builder's CFLAGS and ours" >>"$log"
		st=1
	fi
done
[ -x "$tmp/cflags/bin/sctrules" ] || st=1
result "make CFLAGS='-O2 ...' builds, with those CFLAGS" $st

# A release tarball, from what is committed and what is changed in the
# work tree (git stash create), built where no kernel tree is.
st=0
rev=$(git -C "$SCT_ROOT" stash create 2>/dev/null) || true
mkdir -p "$tmp/rel"
git -C "$SCT_ROOT" archive --prefix=sct/ "${rev:-HEAD}" userspace \
	Documentation/man examples | tar -x -C "$tmp/rel" 2>"$log" || st=1
[ ! -e "$tmp/rel/sct/kernel-tree" ] || st=1
if [ $st -eq 0 ]; then
	make -s -C "$tmp/rel/sct/userspace" >>"$log" 2>&1 &&
		make -s -C "$tmp/rel/sct/userspace" DESTDIR="$tmp/rel/root" \
			PREFIX=/usr install >>"$log" 2>&1 || st=1
fi
[ -f "$tmp/rel/root/usr/lib/libsct.so.1.0.0" ] &&
	[ -x "$tmp/rel/root/usr/sbin/sctrules" ] || st=1
if [ $st -eq 0 ]; then
	"$tmp/rel/root/usr/sbin/sctrules" check \
		"$tmp/rel/root/usr/share/sct/examples"/*.rules >>"$log" 2>&1 || st=1
fi
result "a release tarball of userspace/ builds and installs without a kernel tree" $st

# Debian 11's bison, unpacked from its package (not installed).
bison37() {
	local d=$BUILD/bison-3.7 apt

	if [ ! -x "$d/root/usr/bin/bison" ]; then
		rm -rf "$d"
		mkdir -p "$d/lists/partial" "$d/cache/archives/partial"
		echo 'deb http://deb.debian.org/debian bullseye main' >"$d/sources.list"
		: >"$d/status"
		apt=(apt-get -qq -o Dir::Etc::sourcelist="$d/sources.list"
			-o Dir::Etc::sourceparts=/nonexistent
			-o Dir::State::Lists="$d/lists" -o Dir::State::status="$d/status"
			-o Dir::Cache="$d/cache" -o APT::Sandbox::User=root)
		"${apt[@]}" update && (cd "$d" && "${apt[@]}" download bison) &&
			dpkg-deb -x "$d"/bison_*.deb "$d/root" || return 1
	fi
	BISON_PKGDATADIR=$d/root/usr/share/bison "$d/root/usr/bin/bison" --version |
		head -n 1 | grep -q ' 3\.7\.' || return 1
	echo "$d"
}

if ! d=$(bison37 2>"$log"); then
	n=$((n + 1))
	echo "ok $n $name: the parser builds with bison 3.7 # SKIP Debian 11's bison could not be had"
else
	st=0
	BISON_PKGDATADIR=$d/root/usr/share/bison make -C "$us" \
		OUTPUT="$tmp/bison37" WERROR=1 BISON="$d/root/usr/bin/bison" \
		"$tmp/bison37/bin/sctrules" >"$log" 2>&1 || st=1
	grep -q 'Bison 3\.7' "$tmp/bison37/lib/rulefile.tab.c" 2>/dev/null || st=1
	if [ $st -eq 0 ]; then
		"$tmp/bison37/bin/sctrules" check "$SCT_ROOT"/examples/*.rules \
			>>"$log" 2>&1 || st=1
		printf 'rule {\n  syscall_name = unlink\n  rule_name = x\n  when = never\n}\n' \
			>"$tmp/bad.rules"
		"$tmp/bison37/bin/sctrules" check "$tmp/bad.rules" >"$tmp/bad.out" 2>&1 &&
			st=1
		grep -q 'bad.rules:4:' "$tmp/bad.out" || { cat "$tmp/bad.out" >>"$log"; st=1; }
	fi
	result "the parser builds and works with Debian 11's bison 3.7" $st
fi

finish
