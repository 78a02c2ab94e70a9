#!/usr/bin/env python3
"""Candidate list for the second held-out set (eval/unseen/xwlb-2.tsv).

Prints, in a fixed-seed random order, the xwlb items of 2022-2026 that are in
the seeds' domain and not already in eval/unseen/xwlb.tsv; the articles were
then taken from this list by the rules written in xwlb-2.tsv's header.

    python3 eval/unseen/pick-2.py ../shared/corpus > candidates.tsv
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
MIN_CORE, MIN_DOMAIN, SEED = 2, 10, 20261123


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
    first = os.path.join(os.path.dirname(__file__), "xwlb.tsv")
    held = set(re.findall(r"^# article: (\S+)", open(first, encoding="utf-8").read(), re.M))
    found = [
        (path, domain, core, title)
        for path, domain, core, title in items(corpus)
        if path not in held and core >= MIN_CORE and domain >= MIN_DOMAIN
    ]
    random.Random(SEED).shuffle(found)
    for n, (path, domain, core, title) in enumerate(found, 1):
        print(n, path, domain, core, title, sep="\t")


if __name__ == "__main__":
    main(sys.argv[1])
