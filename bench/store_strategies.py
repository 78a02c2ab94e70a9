#!/usr/bin/env python3
"""How fast Oxigraph (RocksDB) takes tupu's quads, written four ways: one
transaction per article (what `tupu build` does), one transaction per
batch of articles, the bulk loader per batch (each batch's SST files are
ingested at once, so each article is still all-or-nothing), and one bulk
load of everything. Evidence for the store-write fixes in bench/README.md.

Needs pyoxigraph of the same Oxigraph version as the Cargo.lock (0.5.x):

    python3 -m venv /tmp/pyox && /tmp/pyox/bin/pip install pyoxigraph==0.5.13
    tupu --store S build ../shared/corpus/xwlb/2024 && tupu --store S export --format nquads -o /tmp/2024.nq
    /tmp/pyox/bin/python bench/store_strategies.py /tmp/2024.nq

The quads are parsed and grouped by graph (article) before any timing;
each strategy writes into a fresh store, closes it, then the time to
reopen it and answer one query is measured as well (a store that was not
flushed replays its write-ahead log on open).
"""

import itertools
import os
import shutil
import sys
import tempfile
import time

import pyoxigraph as ox


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    started = time.perf_counter()
    with open(sys.argv[1], "rb") as f:
        quads = list(ox.parse(f, format=ox.RdfFormat.N_QUADS))
    graphs = {}
    for q in quads:
        graphs.setdefault(q.graph_name.value, []).append(q)
    articles = list(graphs.values())
    print(f"{len(quads)} quads in {len(articles)} graphs, parsed in {time.perf_counter() - started:.1f}s", flush=True)

    def per_article(store):
        for article in articles:
            store.extend(article)

    def batched(n):
        def write(store):
            for batch in chunks(articles, n):
                store.extend([q for article in batch for q in article])
        return write

    def bulk_batched(n):
        def write(store):
            for batch in chunks(articles, n):
                store.bulk_extend([q for article in batch for q in article])
        return write

    def bulk_all(store):
        store.bulk_extend(quads)

    strategies = [
        ("transaction per article", per_article),
        ("transaction per 64 articles", batched(64)),
        ("transaction per 1024 articles", batched(1024)),
        ("bulk load per 1024 articles", bulk_batched(1024)),
        ("bulk load, all at once", bulk_all),
    ]
    print(f"{'strategy':32} {'write s':>8} {'quads/s':>10} {'flush s':>8} {'reopen+query s':>15} {'store MB':>9}")
    for name, write in strategies:
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
            print(f"{name:32} {written:8.2f} {len(quads) / written:10.0f} {flushed:8.2f} {reopened:15.2f} {size:9.0f}",
                  flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)


def chunks(items, n):
    it = iter(items)
    while batch := list(itertools.islice(it, n)):
        yield batch


if __name__ == "__main__":
    main()
