#!/usr/bin/env python3
"""Candidate list for the fifteenth session's sets (xwlb-11.tsv, xwlb-12.tsv).

pick-5.py's list (3 or 4 domain words) was walked almost to its end by the
fourteenth session. This one takes the next band down: items with at least
one core word (数据中心, 算力 …) and 2 domain words, which no earlier list
held, so no session has read them (items already in a gold file are left
out). Printed in pick-4.py's fixed-seed random order. The walks in the
headers of xwlb-11.tsv and xwlb-12.tsv count positions in the list as it
stood before those files existed: run it with them absent.

    python3 eval/unseen/pick-6.py ../shared/corpus > candidates.tsv
"""
import importlib.util
import os
import sys

# pick-4.py's listing, with this band
_spec = importlib.util.spec_from_file_location("pick4", os.path.join(os.path.dirname(__file__), "pick-4.py"))
pick4 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pick4)
BAND = 2  # pick-5.py took 3 or 4, pick-4.py 5 to 7


def main(corpus):
    pick4.print_candidates(corpus, lambda domain: domain == BAND)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "corpus"))
