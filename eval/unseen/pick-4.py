#!/usr/bin/env python3
"""Candidate list for the eleventh session's measurement set (xwlb-6.tsv).

pick-3.py's list ran out of regional items. This one takes the next band of
the same domain words: items with at least one core word (数据中心, 算力 …)
and 5 to 7 domain words, which no earlier list held, so no session has read
them (items already in a gold file are left out). Printed in a fixed-seed random order.

    python3 eval/unseen/pick-4.py ../shared/corpus > candidates.tsv
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
PICK_3_MIN_DOMAIN = 8  # pick-3.py took the items with 8 or more


def print_candidates(corpus, in_band, seed=SEED):
    """Prints the items with a core word whose count of domain words is
    `in_band`, leaving out those a gold file here holds, in a fixed-seed
    random order (pick-5.py uses it with its own band)."""
    here = os.path.dirname(__file__)
    held = set()
    for gold in sorted(os.listdir(here)):
        if gold.endswith(".tsv"):
            held |= set(re.findall(r"^# article: (\S+)", open(os.path.join(here, gold), encoding="utf-8").read(), re.M))
    found = [
        (path, domain, core, title)
        for path, domain, core, title in pick2.items(corpus)
        if path not in held and core >= 1 and in_band(domain)
    ]
    random.Random(seed).shuffle(found)
    for n, (path, domain, core, title) in enumerate(found, 1):
        print(n, path, domain, core, title, sep="\t")


def main(corpus):
    print_candidates(corpus, lambda domain: 5 <= domain < PICK_3_MIN_DOMAIN)


if __name__ == "__main__":
    main(sys.argv[1])
