#!/usr/bin/env python3
"""Candidate list for the development set (eval/unseen/xwlb-3.tsv).

Domain items of 2022-2026 that no earlier session has read: not in xwlb.tsv
or xwlb-2.tsv, and not among pick-2.py's 100 candidates (sessions 8 and 9 read
tupu's output on some of those). The thresholds are a little lower than
pick-2.py's so that fresh items remain. Printed in a fixed-seed random order.

    python3 eval/unseen/pick-3.py ../shared/corpus > candidates.tsv
"""
import importlib.util
import os
import random
import re
import sys

# the domain words and thresholds of pick-2.py, which chose xwlb-2.tsv
_spec = importlib.util.spec_from_file_location("pick2", os.path.join(os.path.dirname(__file__), "pick-2.py"))
pick2 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pick2)
SEED = 20261202


def main(corpus):
    here = os.path.dirname(__file__)
    held = set()
    for gold in ["xwlb.tsv", "xwlb-2.tsv"]:
        held |= set(re.findall(r"^# article: (\S+)", open(os.path.join(here, gold), encoding="utf-8").read(), re.M))
    found = []
    for path, domain, core, title in pick2.items(corpus):
        if path in held:
            continue
        read_before = core >= pick2.MIN_CORE and domain >= pick2.MIN_DOMAIN  # pick-2.py's candidates
        if not read_before and core >= 1 and domain >= 8:
            found.append((path, domain, core, title))
    random.Random(SEED).shuffle(found)
    for n, (path, domain, core, title) in enumerate(found, 1):
        print(n, path, domain, core, title, sep="\t")


if __name__ == "__main__":
    main(sys.argv[1])
