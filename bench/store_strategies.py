#!/usr/bin/env python3
"""How fast Oxigraph (RocksDB) takes tupu's quads, and with how much memory,
written several ways: one transaction per article (what `tupu build`
does for changed articles), the same with a flush every N articles, one
transaction per batch of articles, the bulk loader per batch of articles
(each batch's SST files are ingested in one step, so every article is
still all-or-nothing: what `tupu build` does for new articles), and one
bulk load of everything.

Needs pyoxigraph of the Oxigraph version in Cargo.lock (0.5.x):

    python3 -m venv /tmp/pyox && /tmp/pyox/bin/pip install pyoxigraph==0.5.13
    tupu --store S build ../shared/corpus/xwlb && tupu --store S export --format nquads -o /tmp/all.nq
    /tmp/pyox/bin/python bench/store_strategies.py /tmp/all.nq [STRATEGY…]

Each strategy runs in a process of its own: it parses the quads and groups
them by graph (article) before timing, writes them into a fresh store,
flushes, closes, then reopens the store and answers one query. "RSS +MB"
is the peak resident memory of that process minus what it held once the
quads were parsed, i.e. what the writing cost.
"""

import itertools
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

STRATEGIES = [
    "transaction per article",
    "transaction per article, flush every 2000",
    "transaction per 64 articles",
    "transaction per 1024 articles",
    "bulk load per 1024 articles",
    "bulk load per 5000 articles",
    "bulk load, all at once",
]


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "--one":
        return one(sys.argv[2], sys.argv[3])
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    chosen = sys.argv[2:] or STRATEGIES
    print(f"{'strategy':42} {'write s':>8} {'quads/s':>9} {'flush s':>8} {'reopen+query s':>15} "
          f"{'store MB':>9} {'RSS +MB':>8}", flush=True)
    for name in chosen:
        out = subprocess.run([sys.executable, __file__, "--one", name, sys.argv[1]], capture_output=True, text=True)
        print(out.stdout.strip() or f"{name}: failed\n{out.stderr[-2000:]}", flush=True)


def one(name, path):
    import pyoxigraph as ox

    with open(path, "rb") as f:
        quads = list(ox.parse(f, format=ox.RdfFormat.N_QUADS))
    graphs = {}
    for q in quads:
        graphs.setdefault(q.graph_name.value, []).append(q)
    articles = list(graphs.values())
    baseline_kb = rss_kb()

    def transactions(n, flush_every=None):
        def write(store):
            for i, batch in enumerate(chunks(articles, n)):
                store.extend([q for article in batch for q in article])
                if flush_every and (i + 1) * n % flush_every == 0:
                    store.flush()
        return write

    def bulk(n):
        def write(store):
            for batch in chunks(articles, n):
                store.bulk_extend([q for article in batch for q in article])
        return write

    write = {
        "transaction per article": transactions(1),
        "transaction per article, flush every 2000": transactions(1, 2000),
        "transaction per 64 articles": transactions(64),
        "transaction per 1024 articles": transactions(1024),
        "bulk load per 1024 articles": bulk(1024),
        "bulk load per 5000 articles": bulk(5000),
        "bulk load, all at once": lambda store: store.bulk_extend(quads),
    }[name]
    work = tempfile.mkdtemp(prefix="tupu-store-")
    try:
        store = ox.Store(work)
        started = time.perf_counter()
        write(store)
        written = time.perf_counter() - started
        started = time.perf_counter()
        store.flush()
        flushed = time.perf_counter() - started
        assert len(store) == len(quads), (len(store), len(quads))
        del store
        started = time.perf_counter()
        store = ox.Store(work)
        list(store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a ?c } }"))
        reopened = time.perf_counter() - started
        del store
        size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(work) for f in fs) / 1e6
        extra = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - baseline_kb) / 1e3
        print(f"{name:42} {written:8.2f} {len(quads) / written:9.0f} {flushed:8.2f} {reopened:15.2f} "
              f"{size:9.0f} {extra:8.0f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def rss_kb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def chunks(items, n):
    it = iter(items)
    while batch := list(itertools.islice(it, n)):
        yield batch


if __name__ == "__main__":
    main()
