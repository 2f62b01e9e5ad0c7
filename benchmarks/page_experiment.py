"""Page-hit@1/5/10 of search variants on an indexed library of the six reports, in one process.

    python benchmarks/page_experiment.py HOME [--questions benchmarks/data/reports_dev.jsonl]

HOME is a Locum home where `locum index ../shared/data/reports` was run. Each variant
changes only how the candidates are ranked (``PageParams``), so one index serves them all;
the embedder is loaded once. Tune on the dev questions only.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.library.search import PageParams, Searcher  # noqa: E402
from core.services import Library  # noqa: E402
from core.settings import Settings  # noqa: E402

OFF = PageParams(restrict_named=False, year_doc=0.0, year_page=0.0, second_chunk=0.0, per_page=10_000,
                 rerank_depth=0, rerank_weight=0.0)


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open() if line.strip() and not line.startswith("#")]


def page_hits(searcher: Searcher, questions: list[dict], k: int = 10) -> tuple[dict[int, float], float, list]:
    at = {1: 0, 5: 0, 10: 0}
    times = []
    misses = []
    for q in questions:
        t0 = time.perf_counter()
        hits = searcher.search(q["question"], k)
        times.append(time.perf_counter() - t0)
        ranks = [i for i, h in enumerate(hits) if Path(h.path).name == q["file"] and h.page in q["pages"]]
        first = ranks[0] if ranks else None
        for n in at:
            at[n] += first is not None and first < n
        if first is None or first >= 5:
            misses.append((q["id"], first, [(Path(h.path).name[:6], h.page) for h in hits[:5]]))
    return {n: v / len(questions) for n, v in at.items()}, statistics.median(times), misses


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("home")
    ap.add_argument("--questions", default=str(Path(__file__).parent / "data" / "reports_dev.jsonl"))
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--grid", action="store_true", help="also try other values of each parameter")
    args = ap.parse_args()
    questions = load(Path(args.questions))
    lib = Library(Settings.load(Path(args.home)))
    base = lib.searcher
    d = PageParams()
    variants = {
        "chunks, no page logic (before)": OFF,
        "+ one hit a page": replace(OFF, per_page=1),
        "+ named documents": replace(OFF, per_page=1, restrict_named=True),
        "+ years": replace(OFF, per_page=1, restrict_named=True, year_doc=d.year_doc, year_page=d.year_page),
        "+ second chunk of a page": replace(d, rerank_depth=0, rerank_weight=0.0),
        "+ second look (default)": d,
    }
    if args.grid:
        for key, values in {"second_chunk": (0.15, 0.5), "rerank_weight": (0.15, 0.5, 1.0), "rerank_depth": (10, 50),
                            "year_doc": (0.0, 0.3), "year_page": (0.0, 0.15), "rerank_first_line": (True,),
                            "drop_named_words": (False,), "per_page": (2,), "restrict_named": (False,)}.items():
            for v in values:
                variants[f"  {key}={v}"] = replace(d, **{key: v})
    for name, params in variants.items():
        s = Searcher(base.store, base.embedder, base.params, catalog=lib.manifest, pages=params)
        s.search("warm up", 10)
        at, med, misses = page_hits(s, questions)
        print(f"{name:34s} @1 {at[1]:.3f}  @5 {at[5]:.3f}  @10 {at[10]:.3f}   median {1000 * med:.0f} ms")
        if args.misses and params is d:
            for m in misses:
                print("   miss", m)


if __name__ == "__main__":
    main()
