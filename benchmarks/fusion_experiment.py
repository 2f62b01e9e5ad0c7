"""Try fusion variants on an existing SciFact index (built by bench_scifact.py --home DIR).

    python benchmarks/fusion_experiment.py DIR

Fetches the vector and keyword candidate lists once per query, then scores RRF and
score-based fusions offline. Used to choose the defaults in core/library/search.py.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench_scifact import SHARED, evaluate, load  # noqa: E402

from core.library.search import keyword_query  # noqa: E402
from core.services import Library  # noqa: E402
from core.settings import Settings  # noqa: E402


def doc(path: str) -> str:
    return Path(path).stem


def main() -> None:
    work = Path(sys.argv[1])
    corpus, queries, qrels = load(SHARED / "scifact")
    lib = Library(Settings.load(work / "home"))
    store, emb = lib.store, lib.embedder
    cache = work / "lists2.json"
    if cache.exists():
        lists = json.loads(cache.read_text())
    else:
        lists = {}
        for qid in qrels:
            q = queries[qid]
            v = store.vector_search(emb.embed_query(q), 100)
            k = store.keyword_search(keyword_query(q), 100)
            lists[qid] = {
                "v": [(doc(r["path"]), 1 - r["_distance"], r["id"]) for r in v],
                "k": [(doc(r["path"]), r["_score"], r["id"]) for r in k],
            }
        cache.write_text(json.dumps(lists))

    def dedupe(lst):
        seen, out = set(), []
        for d, s, *_ in lst:
            if d not in seen:
                seen.add(d)
                out.append((d, s))
        return out

    def rrf(qid, k=60, wv=1.0, wk=1.0, depth=100):
        sc = {}
        for w, lst in ((wv, dedupe(lists[qid]["v"])[:depth]), (wk, dedupe(lists[qid]["k"])[:depth])):
            for r, (d, _) in enumerate(lst):
                sc[d] = sc.get(d, 0) + w / (k + r + 1)
        return [d for d, _ in sorted(sc.items(), key=lambda x: -x[1])]

    def convex(qid, alpha=0.5, norm="minmax", depth=100):
        sc = {}
        for w, lst in ((alpha, dedupe(lists[qid]["v"])[:depth]), (1 - alpha, dedupe(lists[qid]["k"])[:depth])):
            if not lst:
                continue
            s = np.array([x for _, x in lst], dtype=float)
            if norm == "minmax":
                lo, hi = s.min(), s.max()
                s = (s - lo) / (hi - lo) if hi > lo else np.ones_like(s)
            elif norm == "max":
                s = s / s.max() if s.max() > 0 else s
            elif norm == "z":
                s = (s - s.mean()) / (s.std() + 1e-9)
            for (d, _), x in zip(lst, s):
                sc[d] = sc.get(d, 0) + w * x
        return [d for d, _ in sorted(sc.items(), key=lambda x: -x[1])]

    def convex_chunks(qid, alpha=0.5, depth=100):
        """Fuse at the chunk level (what the product does), then keep each document's best."""
        sc, docs = {}, {}
        for w, lst in ((alpha, lists[qid]["v"][:depth]), (1 - alpha, lists[qid]["k"][:depth])):
            if not lst:
                continue
            top = max(x for _, x, _ in lst) or 1.0
            for d, x, cid in lst:
                sc[cid] = sc.get(cid, 0) + w * x / top
                docs[cid] = d
        ranked = [docs[c] for c, _ in sorted(sc.items(), key=lambda x: -x[1])]
        return [d for d, _ in dedupe([(d, 0) for d in ranked])]

    res = {}
    for a in (0.4, 0.5, 0.6):
        res[f"convex-chunks max a={a}"] = evaluate({q: convex_chunks(q, alpha=a) for q in lists}, qrels)
    res["vector"] = evaluate({q: [d for d, _ in dedupe(l["v"])] for q, l in lists.items()}, qrels)
    res["keyword"] = evaluate({q: [d for d, _ in dedupe(l["k"])] for q, l in lists.items()}, qrels)
    for k in (10, 20, 60):
        for wk in (0.8, 1.0, 1.2, 1.5):
            res[f"rrf k={k} wk={wk}"] = evaluate({q: rrf(q, k=k, wk=wk) for q in lists}, qrels)
    for norm in ("minmax", "max", "z"):
        for a in (0.3, 0.4, 0.5, 0.6, 0.7):
            res[f"convex {norm} a={a}"] = evaluate({q: convex(q, alpha=a, norm=norm) for q in lists}, qrels)
    for name, v in sorted(res.items(), key=lambda x: -x[1]):
        print(f"{v:.4f}  {name}")


if __name__ == "__main__":
    main()
