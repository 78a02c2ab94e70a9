#!/usr/bin/env python3
"""Whole-tool benchmark of tupu: `tupu build` on a corpus against plain
jieba-rs segmentation of the same text, and the saved queries on the store.

For each data set (one year of the corpus, then all of it):

1. `segment_baseline` (crates/ingest/examples): reads and cleans every
   article, then times jieba-rs `cut` of the clean texts on one thread with
   tupu's dictionary (optionally also tagged segmentation per sentence and
   `Pipeline::extract` on one thread and on all cores, to split where
   build time goes);
2. `tupu build` into an empty store under `/usr/bin/time -v`: wall time,
   CPU time, peak RSS, and the facts it reports; then the store's size;
3. every saved query `ontology/queries/*.rq` on that store, `--runs` times
   each (`tupu query --name NAME --format csv`, a whole process: start,
   store open, query, output);
4. the store's floor (`store_floor`, crates/graph/examples): the store is
   exported as N-Quads and bulk-loaded into an empty Oxigraph store in
   batches the size the build writes, then compacted, with no extraction
   at all. No build of that graph can take less time, so it bounds the
   ratio below ("ceiling from the store").

MB/s are of clean text: the UTF-8 bytes of `Article::text`, what jieba
sees (1 MB = 10^6 bytes). The ratio build/segmentation divides the build's
MB/s (wall time, all cores) by single-thread `cut` MB/s: the figure to
watch. Load averages are recorded before and after each step, since other
processes (compilers) disturb the figures.

    CARGO_TARGET_DIR=/var/cache/tupu-ci-target python3 bench/bench.py
    python3 bench/bench.py --year 2024 --skip-full   # quick

Prints a table and JSON; writes the JSON to --json (default
bench/out/bench-TIMESTAMP.json). Exit code 0 when every goal is met, 1 when
one is missed, 2 on an error.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Goals of issue 6, checked on the full corpus.
GOAL_RATIO = 0.5  # build MB/s over single-thread segmentation MB/s (aim 1.0)
GOAL_RSS = 1_000_000_000  # peak RSS of the build, bytes
GOAL_QUERY_SHARE = 0.01  # each saved query, as a share of the build's wall time


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/corpus/xwlb",
                        help="the corpus directory (default ../shared/corpus/xwlb)")
    parser.add_argument("--year", default="2024", help="the sub-directory measured on its own (default 2024)")
    parser.add_argument("--skip-year", action="store_true", help="measure the whole corpus only")
    parser.add_argument("--skip-full", action="store_true", help="measure the one year only")
    parser.add_argument("--no-splits", action="store_true",
                        help="skip the single-thread tagged-segmentation and extraction timings")
    parser.add_argument("--runs", type=int, default=3, help="runs of each saved query (default 3)")
    parser.add_argument("--also-queries", type=Path,
                        help="also time the .rq files of this directory (not counted in the goals)")
    parser.add_argument("--query-timeout", type=float, default=120, help="seconds before a query is stopped (120)")
    parser.add_argument("--query-memory", type=float, default=4,
                        help="address-space limit of a query process, GB (default 4)")
    parser.add_argument("--no-floor", action="store_true", help="skip the store-floor measurement")
    parser.add_argument("--no-build", action="store_true", help="use the binaries already built")
    parser.add_argument("--keep", action="store_true", help="keep the stores (printed) instead of deleting them")
    parser.add_argument("--work", type=Path, help="where the stores go (default a temporary directory)")
    parser.add_argument("--json", type=Path, help="JSON output file (default bench/out/bench-TIMESTAMP.json)")
    args = parser.parse_args()

    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    tupu = target / "release/tupu"
    baseline = target / "release/examples/segment_baseline"
    floor = target / "release/examples/store_floor"
    ontology = ROOT / "ontology"
    if not args.no_build:
        for cmd in (["cargo", "build", "--release", "-p", "tupu"],
                    ["cargo", "build", "--release", "-p", "tupu-ingest", "--example", "segment_baseline"],
                    ["cargo", "build", "--release", "-p", "tupu-graph", "--example", "store_floor"]):
            log("$ " + " ".join(cmd))
            subprocess.run(cmd, cwd=ROOT, check=True)
    for binary in (tupu, baseline, floor):
        if not binary.is_file():
            sys.exit(f"error: {binary} not found (build it, or set CARGO_TARGET_DIR)")
    if shutil.which("/usr/bin/time") is None:
        sys.exit("error: /usr/bin/time not found (Debian package `time`)")
    if not args.corpus.is_dir():
        sys.exit(f"error: corpus {args.corpus} not found")

    sets = []
    if not args.skip_year:
        sets.append((f"year {args.year}", args.corpus / args.year))
    if not args.skip_full:
        sets.append(("full corpus", args.corpus))
    work = args.work or Path(tempfile.mkdtemp(prefix="tupu-bench-"))
    work.mkdir(parents=True, exist_ok=True)

    report = {"environment": environment(), "goals": {}, "runs": []}
    try:
        for label, corpus in sets:
            report["runs"].append(measure(label, corpus, tupu, baseline, floor, ontology, work, args))
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    report["goals"] = goals(report["runs"])

    print_table(report)
    out = args.json or ROOT / "bench/out" / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    print(json.dumps(report, ensure_ascii=False, indent=2))
    log(f"JSON written to {out}")
    sys.exit(0 if all(g["met"] for g in report["goals"].values()) else 1)


def measure(label, corpus, tupu, baseline, floor, ontology, work, args):
    log(f"== {label}: {corpus}")
    run = {"label": label, "corpus": str(corpus)}

    splits = ["--tag", "--extract", "--threads", str(os.cpu_count() or 1)]
    cmd = [str(baseline), "--ontology", str(ontology)] + ([] if args.no_splits else splits)
    load = loadavg()
    out = subprocess.run(cmd + [str(corpus)], capture_output=True, text=True, check=True)
    run["baseline"] = json.loads(out.stdout)
    run["baseline"]["load_before"], run["baseline"]["load_after"] = load, loadavg()
    log(out.stderr.rstrip())

    store = work / re.sub(r"\W+", "-", label)
    shutil.rmtree(store, ignore_errors=True)
    load = loadavg()
    proc = subprocess.run(["/usr/bin/time", "-v", str(tupu), "--store", str(store), "--ontology", str(ontology),
                           "build", str(corpus)], capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"error: tupu build exited with {proc.returncode}:\n{proc.stderr[-3000:]}")
    build = parse_time_v(proc.stderr)
    # "built N articles into STORE: …; F facts, E entities; K failed; S.Ss"
    summary = re.search(r"built (\d+) articles? into .*?(\d+) facts, (\d+) entities; (\d+) failed; ([\d.]+)s",
                        proc.stderr)
    if not summary:
        sys.exit(f"error: no summary line from tupu build:\n{proc.stderr[-3000:]}")
    build.update(articles=int(summary[1]), facts=int(summary[2]), entities=int(summary[3]), failed=int(summary[4]),
                 reported_secs=float(summary[5]), summary=summary[0], exit_code=proc.returncode,
                 load_before=load, load_after=loadavg(), store_bytes=disk_usage(store))
    run["build"] = build
    log(f"build: {build['wall_secs']:.1f}s, {build['articles']} articles, {build['facts']} facts, "
        f"peak RSS {build['max_rss_bytes'] / 1e6:.0f} MB, store {build['store_bytes'] / 1e6:.0f} MB")

    # The first process to open the store after the build (RocksDB may
    # replay its write-ahead log), then a second one: a trivial query each.
    opens = []
    for _ in range(2):
        started = time.perf_counter()
        subprocess.run([str(tupu), "--store", str(store), "query", "ASK {}"], capture_output=True, check=True)
        opens.append(time.perf_counter() - started)
    # RocksDB removes obsolete write-ahead logs on open: the size a store keeps
    build["store_bytes_reopened"] = disk_usage(store)
    run["open"] = {"first_secs": opens[0], "second_secs": opens[1]}
    log(f"store open: first {opens[0]:.2f}s, then {opens[1]:.2f}s")
    if not args.no_floor:
        run["floor"] = store_floor(tupu, floor, store, work)
        log(f"store floor: {run['floor']['quads']} quads written in {run['floor']['total_secs']:.1f}s")

    queries = []
    to_run = [(rq.stem, ["--name", rq.stem], True) for rq in sorted((ontology / "queries").glob("*.rq"))]
    if args.also_queries:
        to_run += [(f"{args.also_queries.name}/{rq.stem}", ["--file", str(rq)], False)
                   for rq in sorted(args.also_queries.glob("*.rq"))]
    for name, how, saved in to_run:
        entry = {"name": name, "saved": saved, "rows": None, "secs": [], "load_before": loadavg()}
        for _ in range(max(1, args.runs)):
            started = time.perf_counter()
            try:
                q = subprocess.run([str(tupu), "--store", str(store), "--ontology", str(ontology), "query", *how,
                                    "--format", "csv"], capture_output=True, text=True,
                                   timeout=args.query_timeout, preexec_fn=memory_limit(args.query_memory))
            except subprocess.TimeoutExpired:
                entry["failed"] = f"timeout after {args.query_timeout:.0f}s"
                break
            entry["secs"].append(time.perf_counter() - started)
            if q.returncode != 0:
                entry["failed"] = f"exit {q.returncode} (memory limit {args.query_memory:g} GB?): {q.stderr.strip()[-300:]}"
                break
            entry["rows"] = max(0, len(q.stdout.splitlines()) - 1)
        entry["load_after"] = loadavg()
        if entry["secs"] and "failed" not in entry:
            entry["min_secs"], entry["median_secs"] = min(entry["secs"]), statistics.median(entry["secs"])
            log(f"query {name}: {entry['rows']} rows, median {entry['median_secs']:.3f}s")
        else:
            log(f"query {name}: {entry['failed']}")
        queries.append(entry)
    run["queries"] = queries
    if args.keep or args.work is not None:
        log(f"store kept in {store}")
    else:
        shutil.rmtree(store, ignore_errors=True)

    b, wall = run["baseline"], build["wall_secs"]
    mb = b["text_bytes"] / 1e6
    run["derived"] = {
        "text_mb": mb,
        "build_mb_s": mb / wall,
        "build_articles_s": build["articles"] / wall,
        "build_facts_s": build["facts"] / wall,
        "build_cpu_utilisation": (build["user_secs"] + build["sys_secs"]) / wall,
        "segment_mb_s": b["cut_mb_s"],
        "ratio_build_to_segment": (mb / wall) / b["cut_mb_s"],
        # None when a query failed (timeout, memory limit)
        "max_query_share_of_build": None if any("failed" in q for q in queries if q["saved"])
        else max((q["median_secs"] for q in queries if q["saved"]), default=0.0) / wall,
    }
    if "floor" in run:
        floor_secs = run["floor"]["total_secs"]
        run["derived"]["store_floor_share_of_build"] = floor_secs / wall
        run["derived"]["ratio_ceiling_from_store"] = (mb / floor_secs) / b["cut_mb_s"]
    return run


def store_floor(tupu, floor, store, work):
    """Seconds Oxigraph takes to write the built store's quads alone."""
    dump, empty = work / "floor.nq", work / "floor-store"
    subprocess.run([str(tupu), "--store", str(store), "export", "--format", "nquads", "-o", str(dump)],
                   capture_output=True, check=True)
    shutil.rmtree(empty, ignore_errors=True)
    out = subprocess.run([str(floor), str(dump), str(empty)], capture_output=True, text=True, check=True)
    shutil.rmtree(empty, ignore_errors=True)
    dump.unlink()
    return json.loads(out.stdout)


def goals(runs):
    full = next((r for r in runs if r["label"] == "full corpus"), None)
    if full is None:
        return {}
    d, b = full["derived"], full["build"]
    share = d["max_query_share_of_build"]
    return {
        "ratio": {"goal": f">= {GOAL_RATIO} (aim 1.0)", "value": round(d["ratio_build_to_segment"], 3),
                  "met": d["ratio_build_to_segment"] >= GOAL_RATIO},
        "peak_rss": {"goal": f"<= {GOAL_RSS / 1e9:.0f} GB", "value": b["max_rss_bytes"],
                     "met": b["max_rss_bytes"] <= GOAL_RSS},
        "queries": {"goal": f"each <= {GOAL_QUERY_SHARE:.0%} of build (median of runs)",
                    "value": "a query failed" if share is None else round(share, 5),
                    "met": share is not None and share <= GOAL_QUERY_SHARE},
    }


def print_table(report):
    runs = report["runs"]
    rows = [
        ("articles (built / failed)", lambda r: f"{r['build']['articles']} / {r['build']['failed']}"),
        ("clean text", lambda r: f"{r['derived']['text_mb']:.1f} MB ({r['baseline']['raw_bytes'] / 1e6:.1f} MB files)"),
        ("facts / entities", lambda r: f"{r['build']['facts']} / {r['build']['entities']}"),
        ("build wall time", lambda r: f"{r['build']['wall_secs']:.1f} s (CPU {r['derived']['build_cpu_utilisation']:.2f} cores)"),
        ("build MB/s", lambda r: f"{r['derived']['build_mb_s']:.2f}"),
        ("build articles/s", lambda r: f"{r['derived']['build_articles_s']:.0f}"),
        ("build facts/s", lambda r: f"{r['derived']['build_facts_s']:.0f}"),
        ("build peak RSS", lambda r: f"{r['build']['max_rss_bytes'] / 1e6:.0f} MB"),
        ("store on disk (after build / reopened)",
         lambda r: f"{r['build']['store_bytes'] / 1e6:.0f} MB / {r['build']['store_bytes_reopened'] / 1e6:.0f} MB"),
        ("jieba cut, 1 thread", lambda r: f"{r['baseline']['cut_mb_s']:.1f} MB/s"),
        ("ratio build / cut", lambda r: f"{r['derived']['ratio_build_to_segment']:.3f}"),
        ("store floor: write the quads alone",
         lambda r: opt(r.get("floor", {}), "total_secs", "{:.1f} s") + opt(
             r["derived"], "store_floor_share_of_build", " ({:.0%} of the build)")),
        ("ratio ceiling from the store", lambda r: opt(r["derived"], "ratio_ceiling_from_store", "{:.3f}")),
        ("read+clean, 1 thread", lambda r: f"{r['baseline']['read_mb_s']:.1f} MB/s"),
        ("jieba tag per sentence, 1 thread", lambda r: opt(r["baseline"], "tag_mb_s", "{:.1f} MB/s")),
        ("extract, 1 thread", lambda r: opt(r["baseline"], "extract_mb_s", "{:.2f} MB/s")),
        ("extract, all cores, no store", lambda r: opt(r["baseline"], "extract_par_mb_s", "{:.2f} MB/s")),
        ("store open after build (first / next)",
         lambda r: f"{r['open']['first_secs']:.2f} s / {r['open']['second_secs']:.2f} s"),
        ("load avg before/after build", lambda r: f"{r['build']['load_before']:.2f} / {r['build']['load_after']:.2f}"),
    ]
    names = list(dict.fromkeys(q["name"] for r in runs for q in r["queries"]))
    for name in names:
        rows.append((f"query {name} (median)", lambda r, n=name: query_cell(r, n)))
    header = ["measure"] + [r["label"] for r in runs]
    table = [header] + [[label] + [cell(r) for r in runs] for label, cell in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    line = lambda row: "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |"
    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in table[1:]:
        print(line(row))
    if report["goals"]:
        print()
        for name, g in report["goals"].items():
            value = f"{g['value'] / 1e6:.0f} MB" if name == "peak_rss" else g["value"]
            print(f"goal {name}: {g['goal']}: {value} — {'met' if g['met'] else 'MISSED'}")
    print()


def query_cell(run, name):
    q = next((q for q in run["queries"] if q["name"] == name), None)
    if q is None:
        return "-"
    if "failed" in q:
        return "FAILED: " + q["failed"].split(":")[0]
    return f"{q['median_secs']:.3f} s, {q['rows']} rows ({q['median_secs'] / run['build']['wall_secs']:.2%} of build)"


def memory_limit(gigabytes):
    """A pre-exec function capping the child's address space."""
    def limit():
        import resource
        cap = int(gigabytes * 1e9)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    return limit


def opt(d, key, fmt):
    return fmt.format(d[key]) if key in d else "-"


def parse_time_v(text):
    """The figures of `/usr/bin/time -v` output."""
    def field(name):
        m = re.search(rf"^\s*{re.escape(name)}: (.+)$", text, re.M)
        return m[1].strip() if m else "0"
    wall = 0.0
    for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":"):
        wall = wall * 60 + float(part)
    return {"wall_secs": wall, "user_secs": float(field("User time (seconds)")),
            "sys_secs": float(field("System time (seconds)")),
            "max_rss_bytes": int(field("Maximum resident set size (kbytes)")) * 1024}


def disk_usage(path):
    """Bytes the directory takes on disk (allocated blocks, as `du`)."""
    total = 0
    for dirpath, _, files in os.walk(path):
        for f in files:
            try:
                total += os.lstat(os.path.join(dirpath, f)).st_blocks * 512
            except OSError:
                pass
    return total


def loadavg():
    return os.getloadavg()[0]


def environment():
    def cmd(*c):
        try:
            return subprocess.run(c, cwd=ROOT, capture_output=True, text=True).stdout.strip()
        except OSError:
            return ""
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), platform.processor())
    return {"date": datetime.datetime.now().isoformat(timespec="seconds"), "host": platform.node(), "cpu": cpu,
            "cores": os.cpu_count(), "memory_bytes": os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"),
            "git_commit": cmd("git", "rev-parse", "--short", "HEAD"),
            "git_dirty": bool(cmd("git", "status", "--porcelain", "--untracked-files=no")),
            "rustc": cmd("rustc", "--version")}


def log(message):
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
