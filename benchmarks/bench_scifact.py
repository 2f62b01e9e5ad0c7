"""Retrieval quality: nDCG@10 on SciFact through the real `locum index` and `locum search --batch`.

    python benchmarks/bench_scifact.py [--runtime auto|torch|torch-bf16] [--mode hybrid|vector|keyword]
                                       [--home DIR --reuse]

Each SciFact document becomes one file "title\\ntext" named by its id; the 300 test
queries are searched in one batch process so start-up is paid once.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SHARED, locum, write_settings  # noqa: E402


def load(data: Path):
    corpus = [json.loads(l) for l in (data / "corpus.jsonl").open()]
    queries = {}
    for l in (data / "queries.jsonl").open():
        q = json.loads(l)
        queries[q["_id"]] = q["text"]
    qrels: dict[str, dict[str, int]] = {}
    for i, line in enumerate((data / "qrels" / "test.tsv").open()):
        parts = line.strip().split("\t")
        if i == 0 and not parts[-1].isdigit():
            continue
        qid, did, rel = parts[0], parts[1], int(parts[2])
        qrels.setdefault(qid, {})[did] = rel
    return corpus, queries, qrels


def ndcg_at_10(ranked: list[str], rel: dict[str, int]) -> float:
    dcg = sum(rel.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:10]))
    ideal = sorted(rel.values(), reverse=True)[:10]
    idcg = sum(r / math.log2(i + 2) for i, r in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def evaluate(results: dict[str, list[str]], qrels) -> float:
    scores = [ndcg_at_10(results.get(qid, []), rel) for qid, rel in qrels.items()]
    return sum(scores) / len(scores)


def doc_ids(hits: list[dict]) -> list[str]:
    seen, out = set(), []
    for h in hits:
        d = Path(h["path"]).stem
        if d not in seen:
            seen.add(d)
            out.append(d)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(SHARED / "scifact"))
    ap.add_argument("--runtime", default="auto")
    ap.add_argument("--mode", action="append", help="hybrid, vector, keyword (repeatable; default all three)")
    ap.add_argument("--home")
    ap.add_argument("--reuse", action="store_true", help="keep an existing index in --home")
    args = ap.parse_args()
    data = Path(args.data)
    corpus, queries, qrels = load(data)
    work = Path(args.home) if args.home else Path(tempfile.mkdtemp(prefix="locum-scifact-"))
    home, docs = work / "home", work / "docs"
    out: dict = {"runtime": args.runtime, "docs": len(corpus)}
    if not args.reuse:
        docs.mkdir(parents=True, exist_ok=True)
        for d in corpus:
            (docs / f"{d['_id']}.txt").write_text(f"{d['title']}\n{d['text']}", encoding="utf-8")
        write_settings(home, embedder_runtime=args.runtime)
        proc, secs, peak = locum(home, "index", str(docs), "--json")
        rep = json.loads(proc.stdout)
        out.update(index_seconds=round(secs, 1), docs_per_second=round(len(corpus) / secs, 1),
                   chunks=rep["chunks"], failed=len(rep["failed"]), peak_rss_mb=round(peak / 2**20))
    qfile = work / "queries.jsonl"
    with qfile.open("w") as f:
        for qid in qrels:
            f.write(json.dumps({"id": qid, "text": queries[qid]}) + "\n")
    for mode in args.mode or ["hybrid", "vector", "keyword"]:
        t0 = time.perf_counter()
        proc, secs, _ = locum(home, "search", "--batch", str(qfile), "-k", "30", "--json", "--mode", mode)
        results = {}
        for line in proc.stdout.splitlines():
            r = json.loads(line)
            results[r["id"]] = doc_ids(r["hits"])
        out[f"ndcg@10_{mode}"] = round(evaluate(results, qrels), 4)
        out[f"search_seconds_{mode}"] = round(secs, 1)
    out["home"] = str(work)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
