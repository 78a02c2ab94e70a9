#!/usr/bin/env python3
"""Candidate list for the thirteenth session's sets (xwlb-9.tsv, xwlb-10.tsv).

pick-4.py's list (5 to 7 domain words) was walked to its end by the twelfth
session. This one takes the next band down: items with at least one core
word (数据中心, 算力 …) and 3 or 4 domain words, which no earlier list
held, so no session has read them (items already in a gold file are left
out). Printed in a fixed-seed random order.

    python3 eval/unseen/pick-5.py ../shared/corpus > candidates.tsv
"""
import importlib.util
import os
import random
import re
import sys

# the domain words of pick-2.py, which chose xwlb-2.tsv
_spec = importlib.util.spec_from_file_location("pick2", os.path.join(os.path.dirname(__file__), "pick-2.py"))
pick2 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pick2)
SEED = 20261202
BAND = (3, 4)  # pick-4.py took 5 to 7, pick-3.py 8 or more


def main(corpus):
    here = os.path.dirname(__file__)
    held = set()
    for gold in sorted(os.listdir(here)):
        if gold.endswith(".tsv"):
            held |= set(re.findall(r"^# article: (\S+)", open(os.path.join(here, gold), encoding="utf-8").read(), re.M))
    found = [
        (path, domain, core, title)
        for path, domain, core, title in pick2.items(corpus)
        if path not in held and core >= 1 and domain in BAND
    ]
    random.Random(SEED).shuffle(found)
    for n, (path, domain, core, title) in enumerate(found, 1):
        print(n, path, domain, core, title, sep="\t")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "corpus"))
