#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Count the results in the guest's TAP stream.

    scripts/tap-summary.py CONSOLE_LOG

The guest's runner prints one TAP stream in the kselftest layout: a plan
and a result per top-level test, with each test's own (K)TAP output nested
under "# " prefixes or indentation.  Every innermost result is one test:
a kselftest TEST() or a KUnit case.  A top-level test that failed with no
failing test inside it (a crash, a time-out) counts as one failure.

Prints "passed failed skipped" on stdout, the failing tests on stderr, and
exits 1 when the stream is broken: no plan, or fewer results than planned.
"""

import re
import sys

RESULT = re.compile(r'^(not ok|ok)\b\s*\d*\s*-?\s*(.*)$')
PLAN = re.compile(r'^1\.\.(\d+)')


def strip(line):
    """Return (depth, text): each '# ' or 4-space indent is one level."""
    depth = 0
    while True:
        if line.startswith('# '):
            line = line[2:]
        elif line.startswith('    '):
            line = line[4:]
        elif line.startswith('\t'):
            line = line[1:]
        else:
            return depth, line
        depth += 1


def summarise(lines):
    passed = failed = skipped = 0
    failures = []
    plan = None
    top = []                # (ok, name, failed leaves seen inside)
    has_children = {}       # depth -> results seen one level deeper
    leaf_failures = 0       # failed leaves since the last top-level result
    started = False

    for raw in lines:
        raw = raw.rstrip('\r\n')
        # The line may carry the firmware's terminal escapes in front.
        if (not started and raw.rstrip().endswith('TAP version 13') and
                not raw.lstrip().startswith('#')):
            started = True
            continue
        if not started:
            continue
        depth, text = strip(raw)
        if depth == 0 and plan is None:
            m = PLAN.match(text)
            if m:
                plan = int(m.group(1))
                continue
        m = RESULT.match(text)
        if not m:
            continue
        ok = m.group(1) == 'ok'
        desc = m.group(2)
        directive = desc.split('#', 1)[1].strip().upper() if '#' in desc else ''
        is_parent = has_children.get(depth, False)
        has_children[depth] = False
        if depth > 0:
            has_children[depth - 1] = True
        if depth == 0:
            if not ok and leaf_failures == 0:
                failed += 1
                failures.append(desc)
            elif not is_parent:
                # A top-level test with no nested results: count itself.
                if directive.startswith('SKIP'):
                    skipped += 1
                elif ok:
                    passed += 1
            top.append(ok)
            leaf_failures = 0
            continue
        if is_parent:
            continue
        if directive.startswith('SKIP'):
            skipped += 1
        elif ok:
            passed += 1
        else:
            failed += 1
            leaf_failures += 1
            failures.append(desc)

    broken = None
    if not started:
        broken = 'no TAP stream in the guest output'
    elif plan is None:
        broken = 'the guest TAP stream has no plan'
    elif len(top) < plan:
        broken = 'the guest TAP stream has %d of %d planned results' % (
            len(top), plan)
    return passed, failed, skipped, failures, broken


def main():
    if len(sys.argv) != 2:
        sys.exit('usage: tap-summary.py CONSOLE_LOG')
    with open(sys.argv[1], errors='replace') as f:
        passed, failed, skipped, failures, broken = summarise(f)
    for name in failures:
        print('FAILED: %s' % name, file=sys.stderr)
    if broken:
        print('BROKEN: %s' % broken, file=sys.stderr)
        failed += 1
    print(passed, failed, skipped)
    sys.exit(1 if broken else 0)


if __name__ == '__main__':
    main()
