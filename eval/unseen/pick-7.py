#!/usr/bin/env python3
"""Candidate list for the sixteenth session's sets (xwlb-13.tsv, xwlb-14.tsv).

pick-6.py's list (2 domain words) was walked to its end by the fifteenth
session. This one takes the last band: items with at least one core word
(数据中心, 算力 …) and a single domain word, which no earlier list held, so
no session has read them (items already in a gold file are left out).
Printed in pick-4.py's fixed-seed random order. The walks in the headers of
xwlb-13.tsv and xwlb-14.tsv count positions in the list as it stood before
those files existed: run it with them absent.

    python3 eval/unseen/pick-7.py ../shared/corpus > candidates.tsv
"""
import importlib.util
import os
import sys

# pick-4.py's listing, with this band
_spec = importlib.util.spec_from_file_location("pick4", os.path.join(os.path.dirname(__file__), "pick-4.py"))
pick4 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pick4)
BAND = 1  # pick-6.py took 2, pick-5.py 3 or 4


def main(corpus):
    pick4.print_candidates(corpus, lambda domain: domain == BAND)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "corpus"))
