"""Long reports: does search put the page that answers an analyst's question in the top k?

    python benchmarks/bench_reports.py [--set dev|test|all] [--json] [--only locum,naive,bm25]
                                       [--per-question] [--rebuild] [--reports DIR]

All six 10-Ks (``shared/data/reports``) go into one library, and each question in
``benchmarks/data/reports_{dev,test}.jsonl`` is searched. A hit names the question's file and
one of its pages; page-hit@k is the share of questions with a hit among the first k results.

Three systems:
- ``naive``: the tutorial pipeline (benchmarks/naive_pipeline.py: 1000-character chunks,
  all-MiniLM-L6-v2 through sentence-transformers, LanceDB) with LanceDB's own hybrid search
  (native full-text index + vector, its default RRF reranker), 10 chunks.
- ``bm25``: Okapi BM25 (k1=1.2, b=0.75) over whole pages, 10 pages.
- ``locum``: Locum's Searcher through Services, hybrid, k=10, the real bundled MiniLM.

Built libraries are kept under ~/.cache/locum-bench/ (LOCUM_BENCH_CACHE overrides), keyed
by a hash of the code that builds them (for Locum: core/documents, core/library except
search.py, core/types.py, core/settings.py, models/; for the naive one: naive_pipeline.py),
the installed lancedb / sentence-transformers versions and the reports' names and sizes.
A change to ranking alone reuses the library; ``--rebuild`` forces a new one.

Latency is per query, in this process, after one warm-up query: median and p95 in ms.
Also per system: file_hit@1 (the first result is in the right report) and distinct_pages@10
(how many different pages the ten results cover). The test set is held out: tune on dev; ``--per-question`` prints per-question ranks for the
dev set only.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import re
import shutil
import sys
import time
from collections import Counter
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, SHARED, median, percentile  # noqa: E402

sys.path.insert(0, str(ROOT))
DATA = ROOT / "benchmarks" / "data"
CACHE = Path(os.environ.get("LOCUM_BENCH_CACHE", Path.home() / ".cache" / "locum-bench"))
KS = (1, 5, 10)
SYSTEMS = ("naive", "bm25", "locum")


# ---- questions -----------------------------------------------------------------
def load_questions(which: str) -> list[dict]:
    names = {"dev": ["reports_dev.jsonl"], "test": ["reports_test.jsonl"],
             "all": ["reports_dev.jsonl", "reports_test.jsonl"]}[which]
    out = []
    for name in names:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(dict(json.loads(line), set=name.split("_")[1].split(".")[0]))
    return out


def first_hit_rank(results: list[tuple[str, int | None]], q: dict) -> int | None:
    """1-based rank of the first result naming the question's file and one of its pages."""
    pages = set(q["pages"])
    for i, (path, page) in enumerate(results, 1):
        if Path(path).name == q["file"] and page in pages:
            return i
    return None


def score(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks) or 1
    return {f"page_hit@{k}": round(sum(1 for r in ranks if r is not None and r <= k) / n, 3) for k in KS}


def diagnostics(results: list[list[tuple[str, int | None]]], questions: list[dict]) -> dict[str, float]:
    """file_hit@1: the first result is in the question's report (the document was found);
    distinct_pages@10: how many different pages the ten results cover, on average."""
    n = len(questions) or 1
    file1 = sum(1 for res, q in zip(results, questions) if res and Path(res[0][0]).name == q["file"])
    distinct = sum(len(set(res[:10])) for res in results)
    return {"file_hit@1": round(file1 / n, 3), "distinct_pages@10": round(distinct / n, 2)}


# ---- cache keys ------------------------------------------------------------------
def code_key(paths: list[Path], extra: list[str]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(str(p.relative_to(ROOT)).encode())
        h.update(p.read_bytes())
    for e in extra:
        h.update(e.encode())
    return h.hexdigest()[:16]


def reports_key(files: list[Path]) -> list[str]:
    return [f"{f.name}:{f.stat().st_size}" for f in files]


def locum_key(files: list[Path]) -> str:
    paths = [p for d in ("core/documents", "core/library", "models") for p in (ROOT / d).rglob("*.py")
             if p.name != "search.py" or p.parent.name != "library"]
    paths += [ROOT / "core" / "types.py", ROOT / "core" / "settings.py"]
    return code_key(paths, reports_key(files) + [version("lancedb"), version("sentence-transformers")])


def naive_key(files: list[Path]) -> str:
    return code_key([ROOT / "benchmarks" / "naive_pipeline.py"],
                    reports_key(files) + [version("lancedb"), version("sentence-transformers")])


def cached_dir(name: str, key: str, rebuild: bool, build) -> tuple[Path, float | None]:
    """The cache folder for (name, key), built by ``build(folder)`` when absent; also the
    seconds the build took (None when reused). A folder without its "complete" mark is a
    build that was cut short and is built again."""
    d = CACHE / f"reports-{name}-{key}"
    if rebuild and d.exists():
        shutil.rmtree(d)
    if (d / "complete").exists():
        return d, None
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    t0 = time.perf_counter()
    build(d)
    secs = time.perf_counter() - t0
    (d / "complete").write_text(json.dumps({"seconds": round(secs, 1)}))
    return d, secs


# ---- the systems -------------------------------------------------------------------
def timed(search, questions: list[dict]) -> tuple[list[int | None], list[float], list[list]]:
    search(questions[0]["question"])  # warm-up: first-call costs are not a query's latency
    ranks, ms, results = [], [], []
    for q in questions:
        t0 = time.perf_counter()
        res = search(q["question"])
        ms.append((time.perf_counter() - t0) * 1000)
        ranks.append(first_hit_rank(res, q))
        results.append(res)
    return ranks, ms, results


def naive_system(files: list[Path], rebuild: bool):
    import lancedb
    import naive_pipeline

    model = naive_pipeline.load_model()

    def build(d: Path):
        from lancedb.index import FTS

        table, _, _ = naive_pipeline.build(files, str(d / "db"), model)
        table.create_index("text", config=FTS())  # LanceDB's defaults, as a tutorial would

    d, secs = cached_dir("naive", naive_key(files), rebuild, build)
    table = lancedb.connect(str(d / "db")).open_table("chunks")

    def search(question: str):
        vec = model.encode([question], normalize_embeddings=True)[0]
        rows = table.search(query_type="hybrid").vector(vec).text(question).limit(10).to_list()
        return [(r["path"], r["page"]) for r in rows]

    return search, secs


_TOKEN = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def bm25_system(files: list[Path]):
    import pymupdf

    docs: list[tuple[str, int, Counter, int]] = []
    for f in files:
        with pymupdf.open(str(f)) as pdf:
            for pno, page in enumerate(pdf):
                toks = tokens(page.get_text())
                docs.append((str(f), pno + 1, Counter(toks), len(toks)))
    n = len(docs)
    avgdl = sum(d[3] for d in docs) / n
    df: Counter = Counter()
    for d in docs:
        df.update(d[2].keys())
    idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
    k1, b = 1.2, 0.75

    def search(question: str):
        terms = set(tokens(question))
        scored = []
        for path, page, tf, dl in docs:
            s = 0.0
            for t in terms:
                f = tf.get(t)
                if f:
                    s += idf[t] * f * (k1 + 1) / (f + k1 * (1 - b + b * dl / avgdl))
            if s > 0:
                scored.append((s, path, page))
        scored.sort(key=lambda x: -x[0])
        return [(p, pg) for _, p, pg in scored[:10]]

    return search, None


def locum_system(reports: Path, files: list[Path], rebuild: bool):
    from core.services import Services, run_to_end
    from core.settings import Settings

    def build(d: Path):
        services = Services(Settings.load(d / "home"))
        report = run_to_end(services.library.index([str(reports)]))
        if report.failed:
            raise SystemExit(f"indexing failed for {report.failed}")
        services.close()

    d, secs = cached_dir("locum", locum_key(files), rebuild, build)
    settings = Settings.load(d / "home")
    if settings.fake_backends:
        raise SystemExit("LOCUM_FAKE_BACKENDS is set: this benchmark measures the real models")
    services = Services(settings)

    def search(question: str):
        return [(h.path, h.page) for h in services.library.search(question, k=10)]

    return search, secs


# ---- main ----------------------------------------------------------------------------
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", dest="which", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--only", default=",".join(SYSTEMS), help="comma-separated: naive,bm25,locum")
    ap.add_argument("--per-question", action="store_true", help="dev set only: each question's first-hit rank")
    ap.add_argument("--rebuild", action="store_true", help="build the libraries again even if cached")
    ap.add_argument("--reports", default=str(SHARED / "reports"))
    args = ap.parse_args()
    reports = Path(args.reports).resolve()
    files = sorted(reports.glob("*.pdf"))
    if not files:
        raise SystemExit(f"no PDF reports in {reports}")
    questions = load_questions(args.which)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(chosen) - set(SYSTEMS)
    if unknown:
        raise SystemExit(f"unknown system(s): {', '.join(sorted(unknown))}")
    out: dict = {"set": args.which, "questions": len(questions),
                 "table_questions": sum(1 for q in questions if q["table"]),
                 "reports": len(files), "systems": {}}
    per_question: dict[str, dict] = {}
    for name in SYSTEMS:
        if name not in chosen:
            continue
        if name == "naive":
            search, build_secs = naive_system(files, args.rebuild)
        elif name == "bm25":
            search, build_secs = bm25_system(files)
        else:
            search, build_secs = locum_system(reports, files, args.rebuild)
        ranks, ms, results = timed(search, questions)
        row = score(ranks)
        row.update(diagnostics(results, questions))
        row["table_only"] = score([r for r, q in zip(ranks, questions) if q["table"]])
        row["text_only"] = score([r for r, q in zip(ranks, questions) if not q["table"]])
        if args.which == "all":
            row["by_set"] = {w: score([r for r, q in zip(ranks, questions) if q["set"] == w]) for w in ("dev", "test")}
        row["latency_ms_median"] = round(median(ms), 1)
        row["latency_ms_p95"] = round(percentile(ms, 95), 1)
        if build_secs is not None:
            row["build_seconds"] = round(build_secs, 1)
        out["systems"][name] = row
        per_question[name] = {q["id"]: r for q, r in zip(questions, ranks)}
    if args.per_question and args.which == "dev":
        out["per_question"] = per_question
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"{out['questions']} questions ({args.which}, {out['table_questions']} answered in a table), "
          f"{len(files)} reports in one library")
    print(f"{'system':8} {'@1':>6} {'@5':>6} {'@10':>6} {'file@1':>7} {'pages/10':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for name, row in out["systems"].items():
        print(f"{name:8} {row['page_hit@1']:6.3f} {row['page_hit@5']:6.3f} {row['page_hit@10']:6.3f} "
              f"{row['file_hit@1']:7.3f} {row['distinct_pages@10']:8.2f} "
              f"{row['latency_ms_median']:8.1f} {row['latency_ms_p95']:8.1f}")
        for w, sc in row.get("by_set", {}).items():
            print(f"  {w:6} {sc['page_hit@1']:6.3f} {sc['page_hit@5']:6.3f} {sc['page_hit@10']:6.3f}")
    if "per_question" in out:
        for qid in per_question[next(iter(per_question))]:
            print(qid, " ".join(f"{n}={per_question[n][qid]}" for n in per_question))


if __name__ == "__main__":
    main()
