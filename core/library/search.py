"""Hybrid search: meaning (vectors) and keywords (BM25), fused.

Default fusion is a convex combination of each list's scores divided by that list's best
score (cosine similarity for meaning, BM25 for keywords), equal weights. On SciFact it beat
reciprocal-rank fusion by two points of nDCG@10 (0.734 vs 0.716; RRF tuned over k and
weights peaked at 0.718) and every weight from 0.4 to 0.6 scored above 0.73, so it is not
a knife-edge fit. Rank fusion discards how much better the top hit is than the next; the
scores keep it. RRF stays available (``FusionParams(method="rrf")``). See
docs/benchmarks.md.
"""
from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import PurePath

from core.library.paths import Flavour, canonical, under_sql
from core.library.records import WORD, DocumentRecord
from core.library.store import in_list
from core.library.tables import row_labels
from core.types import Hit


@dataclass(frozen=True)
class SearchFilter:
    folder: str | None = None  # a library folder or any folder inside one: its sub-folders count
    file_types: tuple[str, ...] = ()  # extensions without dot: ("pdf", "docx")
    modified_after: float | None = None  # seconds since the epoch
    modified_before: float | None = None
    flavour: Flavour = field(default=PurePath, compare=False)  # how paths are parsed (tests: Windows)

    def where(self) -> str | None:
        parts = []
        if self.folder:
            parts.append(under_sql("path", canonical(self.folder, self.flavour), self.flavour))
        if self.file_types:
            parts.append(in_list("ext", [t.lower().lstrip(".") for t in self.file_types]))
        if self.modified_after is not None:
            parts.append(f"mtime >= {int(self.modified_after)}")
        if self.modified_before is not None:
            parts.append(f"mtime <= {int(self.modified_before)}")
        return " AND ".join(parts) or None


_FY_SHORT = re.compile(r"\bfy\s*'?(\d\d)\b", re.IGNORECASE)


@dataclass(frozen=True)
class QueryIntent:
    """What a query says about which documents it means."""

    paths: tuple[str, ...] = ()  # documents of the organisations it names
    years: tuple[int, ...] = ()  # periods it names
    org_words: frozenset[str] = field(default_factory=frozenset)  # query words spent naming them


def query_years(query: str) -> tuple[int, ...]:
    years = {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", query)}
    years |= {2000 + int(y) for y in _FY_SHORT.findall(query)}
    return tuple(sorted(years))


def read_intent(query: str, records: list[DocumentRecord]) -> QueryIntent:
    """Which documents a query names, by their organisations' names (as 1-3 words in a row:
    "General Mills", "Activision", "3M"), and which years it names."""
    raw = [p for t in WORD.findall(query) for p in re.split(r"[.'’]", t) if p]
    tokens = [t.lower() for t in raw]
    capitalised = {t.lower(): i for i, t in enumerate(raw) if t[:1].isupper()}
    grams: dict[str, tuple[int, int]] = {}
    for n in (3, 2, 1):
        for i in range(len(tokens) - n + 1):
            grams.setdefault("".join(tokens[i : i + n]), (i, i + n))
    paths: list[str] = []
    used: set[int] = set()
    for rec in records:
        hit = [grams[k] for k in rec.keys() if k in grams]
        hit += [(capitalised[k], capitalised[k] + 1) for k in rec.proper_keys() if k in capitalised]
        if hit:
            paths.append(rec.path)
            for a, b in hit:
                used.update(range(a, b))
    return QueryIntent(tuple(paths), query_years(query), frozenset(tokens[i] for i in used))


@dataclass
class FusionParams:
    method: str = "convex"  # convex | rrf
    alpha: float = 0.5  # convex: weight of the meaning list; keywords get 1 - alpha
    k: int = 60  # rrf
    vector_weight: float = 1.0  # rrf
    keyword_weight: float = 1.0  # rrf
    depth: int = 100  # candidates drawn from each list


@dataclass
class PageParams:
    """How the documents a query names, its periods and the pages steer the ranking.

    Tuned on benchmarks/data/reports_dev.jsonl only (docs/benchmarks.md, "Long reports").
    """

    restrict_named: bool = True  # a query naming an organisation searches its documents' pages
    year_doc: float = 0.10  # score x (1 + this) for a document of a period the query names
    year_page: float = 0.05  # ... and for a chunk that shows that year
    second_chunk: float = 0.30  # a page's score gains this share of its second-best chunk
    per_page: int = 1  # hits kept per page
    rerank_depth: int = 30  # pages looked at again with the question's terms
    rerank_weight: float = 0.30  # score x (1 + this x share of the terms in the page's headings)
    rerank_first_line: bool = False  # count a chunk's first line as a heading too
    drop_named_words: bool = True  # inside the named documents, keyword search skips their name


_FTS_SPECIAL = re.compile(r'[+\-&|!(){}\[\]^"~*?:\\/]')


def keyword_query(text: str) -> str:
    """Plain words for the keyword index: a user's quote marks or colons are not syntax."""
    return " ".join(_FTS_SPECIAL.sub(" ", text).split())


def _raw_score(r: dict) -> float:
    if "_distance" in r:
        return 1.0 - float(r["_distance"])  # cosine distance -> similarity
    return float(r.get("_score", 0.0))


def fuse(vector_rows: list[dict], keyword_rows: list[dict], p: FusionParams, limit: int | None) -> list[Hit]:
    scores: dict[str, float] = {}
    rows: dict[str, dict] = {}
    if p.method == "rrf":
        for weight, lst in ((p.vector_weight, vector_rows), (p.keyword_weight, keyword_rows)):
            for rank, r in enumerate(lst):
                key = r["id"]
                scores[key] = scores.get(key, 0.0) + weight / (p.k + rank + 1)
                rows.setdefault(key, r)
    else:
        for weight, lst in ((p.alpha, vector_rows), (1.0 - p.alpha, keyword_rows)):
            if not lst:
                continue
            top = max(_raw_score(r) for r in lst)
            top = top if top > 0 else 1.0
            for r in lst:
                key = r["id"]
                scores[key] = scores.get(key, 0.0) + weight * max(_raw_score(r), 0.0) / top
                rows.setdefault(key, r)
    ordered = sorted(scores.items(), key=lambda kv: -kv[1])[:limit]  # limit None: all
    similarity = {r["id"]: _raw_score(r) for r in vector_rows}
    return [
        Hit(path=rows[key]["path"], page=rows[key]["page"], score=score, text=rows[key]["text"],
            title=rows[key].get("title") or "", chunk_id=key, similarity=similarity.get(key),
            layout=rows[key].get("layout") or b"", search_text=rows[key].get("search_text") or "")
        for key, score in ordered
    ]


_STOP = frozenset(
    "a an and are as at be by did do does for from had has have how in is it its of on or "
    "the their this to was were what when where which who why will with year years fiscal "
    "fy total company".split()
)
_TERM = re.compile(r"[^\W_]+", re.UNICODE)


def _stem(word: str) -> str:
    """A crude stem good enough to match a question's word to a heading's: "expenditures" and
    "expenditure", "purchases" and "purchase" share their first six letters."""
    return word[:6]


def question_terms(query: str, skip: frozenset[str] = frozenset()) -> set[str]:
    words = [w.lower() for w in _TERM.findall(query)]
    return {_stem(w) for w in words if w not in _STOP and w not in skip and not w.isdigit() and len(w) > 1}


def heading_terms(hit: Hit, first_line: bool = False) -> set[str]:
    """Words of what heads the hit's page region: the table headings the chunk carries and
    its rows' labels (and, if asked, its first line)."""
    text = hit.text
    heads = ""
    if hit.search_text.endswith(text):
        # search_text is "title [file name]\n[table headings]\n" + text; the title line is
        # the document's, which every page shares, so it is left out.
        lead = hit.search_text[: len(hit.search_text) - len(text)].split("\n")
        stem = " ".join(re.split(r"[\s_\-]+", PurePath(hit.path).stem)).strip().casefold()
        shared = {hit.title.casefold(), stem}
        heads = "\n".join(line for line in lead if line.casefold() not in shared)
    parts = [heads, *row_labels(text)] + ([text.split("\n", 1)[0]] if first_line else [])
    return {_stem(w.lower()) for part in parts for w in _TERM.findall(part)}


def _shows_year(text: str, years: tuple[int, ...]) -> bool:
    return any(str(y) in text for y in years)


def page_evidence(hits: list[Hit], query: str, intent: QueryIntent, records: dict[str, DocumentRecord],
                  p: PageParams, limit: int) -> list[Hit]:
    """Chunk hits -> page hits: periods preferred, chunk scores combined per page, at most
    ``per_page`` hits a page, the best pages scored again against their headings."""
    if intent.years and any(r.year for r in records.values()):
        # Only in a library whose documents have periods: elsewhere a year in the question
        # is a word like any other, and keyword search already weighs it.
        boosted = []
        for h in hits:
            f = 1.0
            rec = records.get(h.path)
            if rec is not None and rec.year in intent.years:
                f += p.year_doc
            if _shows_year(h.search_text or h.text, intent.years):
                f += p.year_page
            boosted.append(replace(h, score=h.score * f) if f != 1.0 else h)
        hits = sorted(boosted, key=lambda h: -h.score)
    pages: dict[tuple[str, int | None], list[Hit]] = {}
    for h in hits:  # best first
        pages.setdefault((h.path, h.page), []).append(h)
    ranked: list[tuple[float, list[Hit]]] = []
    for group in pages.values():
        # A file without pages is one "page": adding up its chunks would favour long files.
        more = len(group) > 1 and group[0].page is not None
        score = group[0].score + (p.second_chunk * group[1].score if more else 0.0)
        ranked.append((score, group))
    ranked.sort(key=lambda sg: -sg[0])
    if p.rerank_depth and p.rerank_weight:
        terms = question_terms(query, intent.org_words)
        if terms:
            head = ranked[: p.rerank_depth]
            again = []
            for score, group in head:
                seen = set().union(*(heading_terms(h, p.rerank_first_line) for h in group[:2]))
                again.append((score * (1.0 + p.rerank_weight * len(terms & seen) / len(terms)), group))
            again.sort(key=lambda sg: -sg[0])
            ranked = again + ranked[p.rerank_depth:]
    out: list[Hit] = []
    for score, group in ranked:
        out.extend(replace(h, score=score if i == 0 else h.score) for i, h in enumerate(group[: p.per_page]))
        if len(out) >= limit:
            break
    return out[:limit]


class Searcher:
    """``catalog`` gives the document records (the manifest: ``named_documents()`` and
    ``version()``); without it every document is anonymous and only pages are combined."""

    def __init__(self, store, embedder, params: FusionParams | None = None, catalog=None,
                 pages: PageParams | None = None) -> None:
        self.store = store
        self.embedder = embedder
        self.params = params or FusionParams()
        self.pages = pages or PageParams()
        self.catalog = catalog
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="locum-fts")
        self.last_timing: dict[str, float] = {}
        self._records: tuple[object, dict[str, DocumentRecord]] = (None, {})
        self._qvec: tuple[str | None, object] = (None, None)

    def close(self) -> None:
        """Stop the keyword-search thread (a closed service must not leave threads behind)."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    def records(self) -> dict[str, DocumentRecord]:
        """Named documents by path, read again only when the manifest changed."""
        if self.catalog is None:
            return {}
        version = self.catalog.version()
        if self._records[0] != version:
            self._records = (version, {r.path: r for r in self.catalog.named_documents()})
        return self._records[1]

    def search(self, query: str, k: int = 10, flt: SearchFilter | None = None, mode: str = "hybrid") -> list[Hit]:
        query = query.strip()
        if not query:
            return []
        t0 = time.perf_counter()
        where = flt.where() if flt else None
        records = self.records()
        intent = read_intent(query, list(records.values())) if records else QueryIntent(years=())
        named = intent.paths if self.pages.restrict_named else ()
        hits = self._candidates(query, where, named, mode, k, intent.org_words)
        if named and len({(h.path, h.page) for h in hits}) < k:
            # Fewer pages in the named documents than asked for: the rest from elsewhere, after.
            floor = min((h.score for h in hits), default=1.0)
            others = [h for h in self._candidates(query, where, (), mode, k) if h.path not in set(named)]
            top = max((h.score for h in others), default=1.0) or 1.0
            hits += [replace(h, score=0.5 * floor * h.score / top) for h in others]
        out = page_evidence(hits, query, intent, records, self.pages, k)
        self.last_timing["total"] = time.perf_counter() - t0
        return out

    def _candidates(self, query: str, where: str | None, named: tuple[str, ...], mode: str, k: int,
                    org_words: frozenset[str] = frozenset()) -> list[Hit]:
        keywords = keyword_query(query)
        if named:
            inside = in_list("path", named)
            where = f"({where}) AND {inside}" if where else inside
            if self.pages.drop_named_words and org_words:
                rest = " ".join(w for w in keywords.split() if w.lower().strip("'’s") not in org_words
                                and w.lower() not in org_words)
                keywords = rest or keywords
        return self._fused(query, keywords, k, where, mode)

    def _fused(self, query: str, keywords: str, k: int, where: str | None, mode: str) -> list[Hit]:
        depth = max(self.params.depth, k)
        t0 = time.perf_counter()
        # Keyword search runs beside the query embedding; both release the GIL.
        kw_future = (
            self._pool.submit(self.store.keyword_search, keywords, depth, where)
            if mode in ("hybrid", "keyword") else None
        )
        vec_rows = []
        if mode in ("hybrid", "vector"):
            if self._qvec[0] != query:  # the fallback to other documents embeds nothing again
                self._qvec = (query, self.embedder.embed_query(query))
            qvec = self._qvec[1]
            t1 = time.perf_counter()
            vec_rows = self.store.vector_search(qvec, depth, where)
            self.last_timing["embed"] = t1 - t0
        kw_rows = kw_future.result() if kw_future else []
        if mode == "vector":
            return fuse(vec_rows, [], self.params, None)
        if mode == "keyword":
            return fuse([], kw_rows, self.params, None)
        return fuse(vec_rows, kw_rows, self.params, None)
