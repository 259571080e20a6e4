# SPDX-License-Identifier: GPL-2.0
#
# sct, the syscall tracker.  "make help" lists the targets.

SHELL := /bin/bash
BUILD := $(CURDIR)/build
KTREE := $(CURDIR)/kernel-tree
SUBMAKE := $(MAKE) -s --no-print-directory

# Run one command in the guest with: make run CMD='...'.  It reaches the
# script through the environment, as typed: quotes and dollar signs in it
# are safe.
CMD ?=
override CMD := $(value CMD)
export CMD

all: kernel initramfs

help:
	@echo 'make check         build everything, run the host tests, boot the guest,'
	@echo '                   run the KUnit suites and kselftests, then again with sct_stress'
	@echo '                   on the debug kernel; ends "N passed, N failed"'
	@echo "make run           boot the guest to a shell with sct live (Ctrl-A X quits)"
	@echo "make run CMD='...' run one command in the guest, exit with its status"
	@echo 'make deps          install the Debian packages the build needs'
	@echo 'make tree          extract linux-source-6.12 into kernel-tree/, apply series'
	@echo 'make kernel        build the test kernel (build/kernel-sct)'
	@echo 'make kernel-nosct  build the same tree with CONFIG_SYSCALL_TRACK=n'
	@echo 'make kernel-debug  build the debug kernel: lockdep, KASAN, UBSAN (build/kernel-debug)'
	@echo 'make stress [DURATION=600]  boot the debug kernel running only sct_stress'
	@echo '                   for DURATION seconds; fails on any splat'
	@echo 'make kernel-base   build the tree without the series (the baseline)'
	@echo 'make kernel-deb CONFIG=FILE  the patched kernel as Debian packages'
	@echo '                   (linux-image, and linux-headers with modules) from'
	@echo '                   a .config, e.g. /boot/config-$$(uname -r), with'
	@echo '                   CONFIG_SYSCALL_TRACK=y merged in; in build/kernel-debs/'
	@echo 'make build-each    build the kernel after each patch, with the option on and off'
	@echo 'make initramfs     build the userspace, the selftests and the guest initramfs'
	@echo 'make host-tests    checkpatch, shellcheck and the script tests, no guest'
	@echo 'make fuzz          FUZZ_COUNT (100000) generated and mutated filters through'
	@echo '                   the kernel and libsct, which must agree, and as many'
	@echo '                   random calls through random rule tables, whose fast paths'
	@echo '                   must agree with the filter interpreter (KUnit sct_table)'
	@echo '                   (SCT_KERNEL: the kernel to boot, default the debug kernel'
	@echo '                   if built)'
	@echo 'make bench         build sct and baseline kernels, measure sct and its'
	@echo '                   peers per getpid(), write Documentation/performance.md'
	@echo 'make install       install libsct, the tools and the boot-time rules unit'
	@echo '                   (DESTDIR, PREFIX=/usr/local, sysconfdir=/etc)'
	@echo 'make deb           Debian packages of the userspace (debian/): sct-tools,'
	@echo '                   libsct1, libsct-dev in build/deb/, checked with lintian'
	@echo '                   (no kernel tree needed)'
	@echo 'make deb-test      build them, install them with apt in a clean Debian 12'
	@echo '                   chroot (mmdebstrap, cached in build/deb-test/), try them,'
	@echo '                   purge them; needs root.  Part of make check (host tests)'
	@echo 'make refresh       refresh the top patch from kernel-tree/ (quilt refresh)'
	@echo 'make clean         remove build/;  make distclean also removes kernel-tree/'

check:
	@scripts/check.sh

run:
	@scripts/run.sh "$$CMD"

deps:
	@scripts/deps.sh

tree: deps
	@scripts/prepare-tree.sh

kernel: tree
	@scripts/build-kernel.sh sct

kernel-nosct: tree
	@scripts/build-kernel.sh nosct

# The test kernel with the kernel's checkers (scripts/config/debug.config).
kernel-debug: tree
	@scripts/build-kernel.sh debug

# sct_stress alone on the debug kernel (check runs a minute of it).
DURATION ?= 600
stress: initramfs
	@scripts/debug-lane.sh stress $(DURATION)

# Build the kernel with each prefix of the series: every patch builds.
build-each: tree
	@scripts/build-each.sh sct
	@scripts/build-each.sh nosct

# The patched kernel as Debian packages, from the configuration given
# (scripts/kernel-deb.sh).
CONFIG ?=
kernel-deb: tree
	@[ -n "$(CONFIG)" ] || { echo 'usage: make kernel-deb CONFIG=FILE' \
		'(a kernel .config, e.g. /boot/config-$$(uname -r))' >&2; exit 2; }
	@scripts/kernel-deb.sh "$(CONFIG)"

# The same configuration on the tree without the series, in build/.
kernel-base: deps
	@KTREE=$(BUILD)/src-base SCT_NO_SERIES=1 scripts/prepare-tree.sh
	@KTREE=$(BUILD)/src-base scripts/build-kernel.sh base

userspace: tree
	@$(SUBMAKE) -C userspace OUTPUT=$(BUILD)/userspace KSRC=$(KTREE) STATIC=1

selftests: tree
	@mkdir -p $(BUILD)/selftests
	@$(SUBMAKE) -C selftests OUTPUT=$(BUILD)/selftests KSRC=$(KTREE)

initramfs: userspace selftests
	@scripts/build-initramfs.sh

host-tests: tree
	@scripts/host-tests.sh

# The filter corpus through the kernel's compiler and libsct's checker;
# make check runs the first 10000 filters of it (see scripts/fuzz.sh).
FUZZ_COUNT ?= 100000
fuzz: initramfs
	@FUZZ_COUNT=$(FUZZ_COUNT) scripts/fuzz.sh

# Not part of check: it builds two kernels of its own (see scripts/bench.sh).
bench:
	@scripts/bench.sh

# libsct, the tools, man pages, examples and the boot-time unit; honours
# DESTDIR and PREFIX (default /usr/local).
install: tree
	@$(SUBMAKE) -C userspace OUTPUT=$(BUILD)/userspace KSRC=$(KTREE) install

# The Debian packages, from a copy of the source in build/deb/ (see
# scripts/deb.sh); they need no kernel tree.
deb:
	@scripts/deb.sh

# Build, install in a Debian 12 chroot, purge (host-tests.sh runs it too).
deb-test:
	@scripts/tests/deb.sh

refresh:
	@scripts/quilt.sh refresh

clean:
	rm -rf $(BUILD)

distclean: clean
	rm -rf $(KTREE) $(KTREE).tmp

.PHONY: all help check run deps tree kernel kernel-nosct kernel-debug kernel-deb stress kernel-base build-each install deb deb-test userspace selftests \
	initramfs host-tests fuzz bench refresh clean distclean
