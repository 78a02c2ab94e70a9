#!/usr/bin/env python3
"""Candidate list for the development set (eval/unseen/xwlb-3.tsv).

Domain items of 2022-2026 that no earlier session has read: not in xwlb.tsv
or xwlb-2.tsv, and not among pick-2.py's 100 candidates (sessions 8 and 9 read
tupu's output on some of those). The thresholds are a little lower than
pick-2.py's so that fresh items remain. Printed in a fixed-seed random order.

    python3 eval/unseen/pick-3.py ../shared/corpus > candidates.tsv
"""
import os
import random
import re
import sys

CORE = re.compile(r"数据中心|算力|数字经济|大数据|智算|产业园")
DOMAIN = ["数据中心", "算力", "数字经济", "大数据", "智算", "东数西算", "产业园",
          "园区", "开发区", "高新区", "新区", "基地", "落户", "签约", "投产",
          "集团", "公司", "亿元", "项目", "到2025年", "到2027年", "到2030年",
          "力争", "目标", "截至", "同比增长"]
SEED = 20261202


def items(corpus):
    """(path, domain words, core words, title) of every 2022-2026 item."""
    for year in ["2022", "2023", "2024", "2025", "2026"]:
        for name in sorted(os.listdir(f"{corpus}/xwlb/{year}")):
            path = f"xwlb/{year}/{name}"
            raw = open(f"{corpus}/{path}", encoding="utf-8").read()
            text = re.sub(r"<[^>]+>", "", raw)
            title = re.search(r'^title: "?(.*?)"?$', raw, re.M).group(1)
            yield path, sum(text.count(w) for w in DOMAIN), len(CORE.findall(text)), title


def main(corpus):
    here = os.path.dirname(__file__)
    held = set()
    for gold in ["xwlb.tsv", "xwlb-2.tsv"]:
        held |= set(re.findall(r"^# article: (\S+)", open(os.path.join(here, gold), encoding="utf-8").read(), re.M))
    found = []
    for path, domain, core, title in items(corpus):
        if path in held:
            continue
        read_before = core >= 2 and domain >= 10  # pick-2.py's candidates
        if not read_before and core >= 1 and domain >= 8:
            found.append((path, domain, core, title))
    random.Random(SEED).shuffle(found)
    for n, (path, domain, core, title) in enumerate(found, 1):
        print(n, path, domain, core, title, sep="\t")


if __name__ == "__main__":
    main(sys.argv[1])
