"""Hybrid search: meaning (vectors) and keywords (BM25), fused by rank.

Reciprocal-rank fusion needs no score calibration between the two lists. Each list is
weighted; the weights and k were tuned on SciFact (see docs/benchmarks.md) and apply to any
library because they act on ranks, not raw scores.
"""
from __future__ import annotations

import os
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from core.types import Hit

from core.library.store import _quote, in_list


@dataclass(frozen=True)
class SearchFilter:
    folder: str | None = None
    file_types: tuple[str, ...] = ()  # extensions without dot: ("pdf", "docx")
    modified_after: float | None = None  # seconds since the epoch
    modified_before: float | None = None

    def where(self) -> str | None:
        parts = []
        if self.folder:
            parts.append(f"folder = {_quote(os.path.abspath(self.folder))}")
        if self.file_types:
            parts.append(in_list("ext", [t.lower().lstrip(".") for t in self.file_types]))
        if self.modified_after is not None:
            parts.append(f"mtime >= {int(self.modified_after)}")
        if self.modified_before is not None:
            parts.append(f"mtime <= {int(self.modified_before)}")
        return " AND ".join(parts) or None


@dataclass
class FusionParams:
    k: int = 60
    vector_weight: float = 1.0
    keyword_weight: float = 1.0
    depth: int = 50  # candidates drawn from each list


_FTS_SPECIAL = re.compile(r'[+\-&|!(){}\[\]^"~*?:\\/]')


def keyword_query(text: str) -> str:
    """Plain words for the keyword index: a user's quote marks or colons are not syntax."""
    return " ".join(_FTS_SPECIAL.sub(" ", text).split())


def fuse(vector_rows: list[dict], keyword_rows: list[dict], p: FusionParams, limit: int) -> list[Hit]:
    scores: dict[str, float] = {}
    rows: dict[str, dict] = {}
    for weight, lst in ((p.vector_weight, vector_rows), (p.keyword_weight, keyword_rows)):
        for rank, r in enumerate(lst):
            key = r["id"]
            scores[key] = scores.get(key, 0.0) + weight / (p.k + rank + 1)
            rows.setdefault(key, r)
    ordered = sorted(scores.items(), key=lambda kv: -kv[1])[:limit]
    return [
        Hit(path=rows[key]["path"], page=rows[key]["page"], score=score, text=rows[key]["text"],
            title=rows[key].get("title") or "", chunk_id=key)
        for key, score in ordered
    ]


class Searcher:
    def __init__(self, store, embedder, params: FusionParams | None = None) -> None:
        self.store = store
        self.embedder = embedder
        self.params = params or FusionParams()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="locum-fts")
        self.last_timing: dict[str, float] = {}

    def search(self, query: str, k: int = 10, flt: SearchFilter | None = None, mode: str = "hybrid") -> list[Hit]:
        query = query.strip()
        if not query:
            return []
        where = flt.where() if flt else None
        depth = max(self.params.depth, k)
        t0 = time.perf_counter()
        # Keyword search runs beside the query embedding; both release the GIL.
        kw_future = (
            self._pool.submit(self.store.keyword_search, keyword_query(query), depth, where)
            if mode in ("hybrid", "keyword") else None
        )
        vec_rows = []
        if mode in ("hybrid", "vector"):
            qvec = self.embedder.embed_query(query)
            t1 = time.perf_counter()
            vec_rows = self.store.vector_search(qvec, depth, where)
            self.last_timing["embed"] = t1 - t0
        kw_rows = kw_future.result() if kw_future else []
        self.last_timing["total"] = time.perf_counter() - t0
        if mode == "vector":
            return fuse(vec_rows, [], self.params, k)
        if mode == "keyword":
            return fuse([], kw_rows, self.params, k)
        return fuse(vec_rows, kw_rows, self.params, k)
