"""Hybrid search latency at 100,000 chunks, model already loaded: p50 and p95.

    python benchmarks/bench_search.py [--chunks N] [--queries N] [--no-layout] [--home DIR [--against DIR2]]

Chunk texts are sentences of the SciFact corpus recombined into 100,000 passages; their
vectors are random unit vectors (vector-search cost does not depend on the values); the
queries are the SciFact claims, embedded by the real bundled model at query time. Rows carry
word boxes laid out as a page would (the indexer stores them per chunk); ``--no-layout``
builds rows without them, as a library indexed before they were kept.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common import SHARED, median, percentile  # noqa: E402

from core.documents.locate import pack_words  # noqa: E402
from core.services import Library  # noqa: E402
from core.settings import Settings  # noqa: E402
from core.types import Word  # noqa: E402


def fake_layout(text: str) -> bytes:
    """Words of ``text`` set in 11 pt lines of ~90 characters, packed as the indexer stores them."""
    words, x, y, line = [], 72.0, 72.0, 0
    for t in text.split():
        w = 5.5 * len(t)
        if x + w > 540:
            x, y, line = 72.0, y + 14, line + 1
        words.append(Word(t, x, y, x + w, y + 11, line))
        x += w + 3
    return pack_words(words)


def build(lib: Library, n: int, seed: int = 7, layout: bool = True) -> None:
    rng = random.Random(seed)
    sents = []
    for line in (SHARED / "scifact" / "corpus.jsonl").open():
        d = json.loads(line)
        sents += [s for s in re.split(r"(?<=[.!?])\s+", d["text"]) if len(s) > 30]
    store = lib.store
    batch = 10_000
    dim = store.dimensions
    nprng = np.random.default_rng(seed)
    for start in range(0, n, batch):
        m = min(batch, n - start)
        texts = [" ".join(rng.sample(sents, 6)) for _ in range(m)]
        paths = [f"/bench/doc{(start + i) // 20:05}.pdf" for i in range(m)]
        rows = {
            "id": [f"{p}#{start + i}" for i, p in enumerate(paths)], "path": paths, "folder": ["/bench"] * m,
            "ext": ["pdf"] * m, "mtime": [0] * m, "page": [(start + i) % 20 + 1 for i in range(m)],
            "idx": [start + i for i in range(m)], "title": [""] * m, "text": texts, "search_text": texts,
            "layout": [fake_layout(t) for t in texts] if layout else [None] * m,
        }
        v = nprng.standard_normal((m, dim)).astype(np.float32)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        store.add(rows, v)
    store.finish()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--chunks", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--home")
    ap.add_argument("--no-layout", action="store_true", help="rows without word boxes, as older libraries have")
    ap.add_argument("--against", metavar="HOME", help="a second built home: hybrid search on both, query by "
                    "query in alternating order, so a busy machine slows both alike")
    args = ap.parse_args()
    home = Path(args.home) if args.home else Path(tempfile.mkdtemp(prefix="locum-search-"))
    lib = Library(Settings.load(home))
    if lib.store.count() != args.chunks:
        t0 = time.perf_counter()
        build(lib, args.chunks, layout=not args.no_layout)
        print(f"built {args.chunks} chunks in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    elif not lib.store.has_vector_index():
        lib.store.finish()
    queries = [json.loads(l)["text"] for l in (SHARED / "scifact" / "queries.jsonl").open()][: args.queries]
    lib.embedder.load()
    searcher = lib.searcher
    for q in queries[:10]:  # warm caches and the index
        searcher.search(q, 10)
    if args.against:
        other = Library(Settings.load(Path(args.against)), embedder=lib.embedder)
        pair = [searcher, other.searcher]
        for q in queries[:10]:
            pair[1].search(q, 10)
        lat: list[list[float]] = [[], []]
        for n, q in enumerate(queries):
            for i in ((0, 1) if n % 2 == 0 else (1, 0)):
                t0 = time.perf_counter()
                assert pair[i].search(q, 10)
                lat[i].append((time.perf_counter() - t0) * 1000)
        print(json.dumps({
            "home": str(home), "layout": lib.store.has_layout(), "against": args.against,
            "against_layout": other.store.has_layout(),
            "hybrid_p50_ms": round(median(lat[0]), 1), "against_hybrid_p50_ms": round(median(lat[1]), 1),
            "median_ratio": round(median([a / b for a, b in zip(*lat)]), 3),
        }, indent=2))
        return
    out = {"chunks": lib.store.count(), "layout": lib.store.has_layout() and not args.no_layout}
    for mode in ("hybrid", "vector", "keyword"):
        lat, emb = [], []
        for q in queries:
            t0 = time.perf_counter()
            hits = searcher.search(q, 10, mode=mode)
            lat.append((time.perf_counter() - t0) * 1000)
            emb.append(searcher.last_timing.get("embed", 0) * 1000)
            assert hits
        out[mode] = {"p50_ms": round(median(lat), 1), "p95_ms": round(percentile(lat, 95), 1),
                     "embed_p50_ms": round(median(emb), 1)}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
