"""The naive pipeline Locum's indexing is compared with (run as its own process).

page text -> 1000-character chunks with 200 overlap -> all-MiniLM-L6-v2 through torch,
batch 32 -> LanceDB add. Prints JSON: pages, chunks, seconds.
``build`` is reused by bench_reports.py, which adds the tutorial's hybrid search on top.
"""
from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import lancedb
import pymupdf
from sentence_transformers import SentenceTransformer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from models.st_embedder import bundled_minilm_dir  # noqa: E402


def chunks(text: str, size: int = 1000, overlap: int = 200):
    step = size - overlap
    for i in range(0, max(len(text) - overlap, 1), step):
        piece = text[i : i + size]
        if piece.strip():
            yield piece


def build(files, db_dir: str, model):
    """Index ``files`` into a LanceDB table "chunks" under ``db_dir``; return (table, pages, chunks)."""
    db = lancedb.connect(db_dir)
    table = None
    pages = n_chunks = 0
    for f in files:
        doc = pymupdf.open(str(f))
        for pno, page in enumerate(doc):
            pages += 1
            texts = list(chunks(page.get_text()))
            if not texts:
                continue
            vecs = model.encode(texts, batch_size=32, normalize_embeddings=True)
            rows = [{"path": str(f), "page": pno + 1, "text": t, "vector": v.tolist()} for t, v in zip(texts, vecs)]
            n_chunks += len(rows)
            if table is None:
                table = db.create_table("chunks", rows)
            else:
                table.add(rows)
    return table, pages, n_chunks


def load_model():
    return SentenceTransformer(str(bundled_minilm_dir()), device="cpu", local_files_only=True)


def main() -> None:
    files = sorted(Path(sys.argv[1]).glob("*.pdf"))
    model = load_model()
    t0 = time.perf_counter()
    _, pages, n_chunks = build(files, tempfile.mkdtemp(prefix="naive-"), model)
    secs = time.perf_counter() - t0
    print(json.dumps({"pages": pages, "chunks": n_chunks, "seconds": round(secs, 2)}))


if __name__ == "__main__":
    main()
