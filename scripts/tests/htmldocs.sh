#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# sct's kernel documentation builds without warnings: the admin guide
# (Documentation/admin-guide/sct.rst), the userspace API
# (Documentation/userspace-api/sct.rst) with kernel-doc on
# <uapi/linux/sct.h>, and sct's ABI files, rendered as abi-testing.rst
# renders them.  They are built alone, with the kernel's Sphinx
# configuration and extensions, in a fraction of the time of "make
# htmldocs"; any warning that names one of sct's files fails.  The files
# are kernel-tree's, which the series adds.  Prints TAP.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

name='htmldocs'
# shellcheck source=scripts/tests/tap.bash
. "$(dirname "$0")/tap.bash"
tap_detail="$tmp/detail"

# sct's files that the documentation build reads, from the kernel's top.
docs=(Documentation/admin-guide/sct.rst Documentation/userspace-api/sct.rst)
# What a warning about one of them names.
sct_files='(sct\.rst|linux/sct\.h|configfs-sct|dev-sct_log)'
# How Sphinx, docutils and kernel-doc say that something is wrong.
warning='WARNING|ERROR|SEVERE|CRITICAL|: warning:|: error:'

src() {		# src FILE: the version of FILE to build
	echo "$KTREE/$1"
}

st=0
: >"$tap_detail"
for f in "${docs[@]}" include/uapi/linux/sct.h \
	Documentation/ABI/testing/configfs-sct \
	Documentation/ABI/testing/dev-sct_log \
	Documentation/admin-guide/index.rst \
	Documentation/userspace-api/index.rst \
	Documentation/conf.py scripts/kernel-doc scripts/get_abi.pl; do
	[ -f "$(src "$f")" ] || echo "no $f in $KTREE" >>"$tap_detail"
done
[ -s "$tap_detail" ] && st=1
result "the documentation and the kernel's Sphinx set-up are there" $st
if [ $st -ne 0 ]; then
	finish
	exit
fi

# The tree the extensions see ($srctree, kerneldoc_srctree): sct's
# header and ABI files, and the scripts that read them.
tree=$tmp/tree
mkdir -p "$tree/scripts" "$tree/include/uapi/linux" \
	"$tree/Documentation/ABI/testing"
for f in kernel-doc get_abi.pl; do
	ln -s "$KTREE/scripts/$f" "$tree/scripts/$f"
done
for f in include/uapi/linux/sct.h Documentation/ABI/testing/configfs-sct \
	Documentation/ABI/testing/dev-sct_log; do
	cp "$(src "$f")" "$tree/$f"
done

st=0
(cd "$tree" && perl scripts/kernel-doc -none -Wall \
	include/uapi/linux/sct.h) >"$tap_detail" 2>&1 || st=1
[ -s "$tap_detail" ] && st=1
result "kernel-doc -Wall: no warning in include/uapi/linux/sct.h" $st

# Each document is in the toctree of its book.
st=0
: >"$tap_detail"
for f in "${docs[@]}"; do
	index=${f%/*}/index.rst
	grep -q '^   sct$' "$(src "$index")" ||
		echo "sct is not in the toctree of $index" >>"$tap_detail"
done
[ -s "$tap_detail" ] && st=1
result "the documents are in the toctrees of their books" $st

# The documents, under a top page of their own, with the kernel's conf.py.
doc=$tmp/src
mkdir -p "$doc/admin-guide" "$doc/userspace-api"
for f in "${docs[@]}"; do
	cp "$(src "$f")" "$doc/${f#Documentation/}"
done
cat >"$doc/index.rst" <<'EOF'
=================
sct documentation
=================

.. toctree::
   :maxdepth: 1

   admin-guide/sct
   userspace-api/sct
   abi
EOF
cat >"$doc/abi.rst" <<'EOF'
sct's ABI files
===============

.. kernel-abi:: ABI/testing
   :rst:
EOF

st=0
: >"$tap_detail"
command -v sphinx-build >/dev/null ||
	echo "no sphinx-build: scripts/deps.sh installs it" >"$tap_detail"
[ -s "$tap_detail" ] && st=1
if [ $st -eq 0 ]; then
	srctree=$tree PYTHONDONTWRITEBYTECODE=1 sphinx-build -q -b html \
		-c "$KTREE/Documentation" -d "$tmp/doctrees" \
		-D kerneldoc_srctree="$tree" \
		-D kerneldoc_bin="$tree/scripts/kernel-doc" \
		"$doc" "$tmp/html" >"$tmp/sphinx.out" 2>&1 || st=1
	# A failed build shows its end; else the warnings about sct.
	[ $st -eq 0 ] || tail -n 20 "$tmp/sphinx.out" >"$tap_detail"
	grep -E "$warning" "$tmp/sphinx.out" | grep -E "$sct_files" |
		sed -e "s|$doc/|Documentation/|" -e "s|$tree/||" \
		>>"$tap_detail" || true
	[ -s "$tap_detail" ] && st=1
fi
result "sphinx-build: no warning about sct's files" $st
# The other warnings are the build's own (dot(1) missing...): shown only.
grep -E "$warning" "$tmp/sphinx.out" 2>/dev/null | grep -Ev "$sct_files" |
	sed 's/^/# /' || true

st=0
: >"$tap_detail"
for f in admin-guide/sct userspace-api/sct abi; do
	[ -s "$tmp/html/$f.html" ] || echo "no $f.html" >>"$tap_detail"
done
grep -q 'c.sct_record_call' "$tmp/html/userspace-api/sct.html" 2>/dev/null ||
	echo "no struct sct_record_call in userspace-api/sct.html" >>"$tap_detail"
grep -q 'sys/kernel/config/sct/rules' "$tmp/html/abi.html" 2>/dev/null ||
	echo "no ABI of /sys/kernel/config/sct/rules in abi.html" >>"$tap_detail"
[ -s "$tap_detail" ] && st=1
result "the pages are made, with the record layout and the ABI" $st

finish
