#!/usr/bin/env python3
"""Where `tupu build` spends its CPU time: records it with `perf` and
splits the samples by stage (reading, extraction and its parts, store
writes and their parts, RocksDB background work).

    CARGO_TARGET_DIR=/var/cache/tupu-ci-target python3 bench/profile_build.py ../shared/corpus/xwlb/2024
    python3 bench/profile_build.py --perf-data perf.data          # an existing recording

Needs `perf` (Debian: linux-perf) and the release binary, whose profile
keeps line tables (`debug = "line-tables-only"`). A sample counts for the
first stage, from the root of its stack, whose function it passes through;
within a stage, for the first part listed that it passes through. Shares
are of all CPU samples of the process (both cores), so they add up to the
CPU time of the build, not its wall time.
"""

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (stage, regex on a frame's function, [(part, regex), …]) — first match wins.
STAGES = [
    ("ontology load", r"Pipeline::load", []),
    ("store writes", r"GraphStore::(replace_article|write_article|refresh_article|write_articles)", [
        ("rdf mapping (article_quads)", r"mapping::article_quads"),
        ("clear_graph (old graph)", r"clear_graph|remove_named_graph"),
        ("transaction commit (RocksDB write)", r"Transaction::commit|rocksdb::DBImpl::Write"),
        ("transaction inserts (encode, batch)", r"Transaction::(extend|insert)|WriteBatch"),
    ]),
    ("extraction", r"Pipeline::extract", [
        ("jieba tag (Segmenter::tokens)", r"Segmenter::tokens|jieba_rs::"),
        ("pass 1: discover", r"Pipeline::discover|EntityRules::|Lexicon::get|splits_a_word"),
        ("pass 2: rules (apply_rules)", r"Pipeline::apply_rules|pattern::"),
        ("pass 2: measures", r"MeasureRules::|measure::"),
        ("pass 2: items (entities, numbers, dates)", r"Pipeline::items|find_quantities|find_dates|Registry::longest_at"),
        ("short forms, names, finish", r"derive_short_forms|facts_from_names|pipeline::finish|leading_place"),
        ("sentences, prepare", r"split_sentences|Pipeline::prepare"),
    ]),
    ("read + clean", r"read_article|parse_article|read_expected", [
        ("html → text", r"html::to_text"),
        ("clean_text", r"clean::clean_text|markdown_to_text"),
        ("hash (blake3)", r"blake3"),
        ("file read", r"std::fs::read|sys_read|ksys_read"),
    ]),
    ("scan (hash files)", r"Scan::of|content_hash|sync::", []),
    ("store open, ontology, bookkeeping", r"GraphStore::(open|load_ontology|articles|build_record)|open_store|sync_ontology", []),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="what to build (default ../shared/corpus/xwlb/2024)")
    parser.add_argument("--perf-data", type=Path, help="analyse this recording instead of recording a build")
    parser.add_argument("--frequency", type=int, default=499, help="samples per second (default 499)")
    parser.add_argument("--no-build", action="store_true", help="use the release binary already built")
    args = parser.parse_args()
    if shutil.which("perf") is None:
        sys.exit("error: perf not found (Debian package linux-perf)")

    work = Path(tempfile.mkdtemp(prefix="tupu-profile-"))
    try:
        data = args.perf_data
        if data is None:
            target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
            if not args.no_build:
                subprocess.run(["cargo", "build", "--release", "-p", "tupu"], cwd=ROOT, check=True)
            paths = args.paths or [ROOT.parent / "shared/corpus/xwlb/2024"]
            data = work / "perf.data"
            cmd = ["perf", "record", "-q", "-F", str(args.frequency), "-g", "--call-graph", "dwarf,32768",
                   "-o", str(data), str(target / "release/tupu"), "--store", str(work / "store"),
                   "--ontology", str(ROOT / "ontology"), "build"] + [str(p) for p in paths]
            print("$ " + " ".join(cmd), file=sys.stderr)
            subprocess.run(cmd, check=True)
        script = subprocess.run(["perf", "script", "-i", str(data), "-F", "comm,tid,ip,sym", "--no-inline"],
                                capture_output=True, text=True, check=True).stdout
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(parse(script))


def parse(text):
    """Samples as (thread name, [functions from leaf to root])."""
    samples = []
    for block in text.split("\n\n"):
        lines = block.strip("\n").splitlines()
        if not lines:
            continue
        head = lines[0].split()
        comm = head[0] if head else "?"
        frames = []
        for line in lines[1:]:
            parts = line.strip().split(None, 1)
            frames.append(parts[1] if len(parts) == 2 else "?")
        samples.append((comm, frames))
    return samples


def report(samples):
    stages = [(name, re.compile(rx), [(p, re.compile(prx)) for p, prx in parts]) for name, rx, parts in STAGES]
    totals = collections.Counter()
    parts = collections.defaultdict(collections.Counter)
    leaves = collections.defaultdict(collections.Counter)
    for comm, frames in samples:
        if comm.startswith("rocksdb"):
            totals["RocksDB background (flush, compaction)"] += 1
            continue
        root_first = frames[::-1]
        stage = next(((name, sub) for name, rx, sub in stages if any(rx.search(f) for f in root_first)), None)
        if stage is None:
            totals["other"] += 1
            leaves["other"][frames[0] if frames else "?"] += 1
            continue
        name, sub = stage
        totals[name] += 1
        part = next((p for p, prx in sub if any(prx.search(f) for f in root_first)), "rest")
        parts[name][part] += 1
        leaves[name][short(frames[0]) if frames else "?"] += 1
    n = sum(totals.values())
    print(f"{n} CPU samples; share of all of them:\n")
    for stage, count in totals.most_common():
        print(f"{count / n:7.1%}  {stage}")
        for part, c in parts[stage].most_common():
            print(f"{'':9}{c / n:7.1%}  {part}")
        top = ", ".join(f"{f} {c / n:.1%}" for f, c in leaves[stage].most_common(4))
        print(f"{'':9}hottest leaves: {top}")


def short(function):
    function = re.sub(r"<[^<>]*>", "", re.sub(r"<[^<>]*>", "", function))
    return function[-70:]


if __name__ == "__main__":
    main()
