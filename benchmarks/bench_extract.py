"""Extraction benchmark: a generated evaluation set with known values, run through the engine.

    .venv/bin/python benchmarks/bench_extract.py [--seeds 2] [--model NAME] [--out DIR]

Per template and seed: a filled AcroForm, two digital documents (label/value layout, and a
letter with the values in sentences where the template has one; invoices and receipts get a
second label/value layout), and a scanned variant (150 dpi, noise, 2-4 degrees, image only,
read by RapidOCR). One or two fields per document are left out, so invented values can be
counted. A fifth kind, ``unseen``, prints the labels in wording the templates do not list,
so the ranking is unsure and the model must choose (no target in the issue; it shows what the
model adds and what it gets wrong). Reports, per kind: field exact match after normalisation, invented values (a value
where the truth is empty) over empty fields, shown values whose source is found on their page,
median seconds per document (wall clock, and the process's CPU time: on a shared machine the
CPU time is what a quiet one would take with one thread), and the share of fields settled with
no model call.

``--compare-ocr`` reads every scanned document twice in turn, with RapidOCR as it comes (the
reading before the OCR tuning: detector on the page enlarged to a 736 px short side, a
direction classifier per line, onnxruntime's own threads) and with Locum's engine, so the two
are compared within one run under the same load.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.documents.readers import open_document  # noqa: E402
from core.forms.engine import extract_document, source_on_page  # noqa: E402
from core.fields.normalise import same_value  # noqa: E402
from core.fields.templates import get_template  # noqa: E402
from tests.core.forms_docs import make  # noqa: E402

TEMPLATES = ["client_intake", "patient_intake", "referral_letter", "invoice", "receipt"]


def _form_values(path):
    import pymupdf

    with pymupdf.open(path) as d:
        return {p + 1: {str(w.field_value) for w in d.load_page(p).widgets() or ()} for p in range(d.page_count)}


class StockOcr:
    """RapidOCR with its stock settings, read as before the OCR tuning (lines only; a page
    whose lines come out tall is read turned both ways)."""

    def __init__(self):
        from rapidocr import RapidOCR

        self._ocr = RapidOCR(params={"Global.log_level": "error"})

    def __call__(self, image):
        result = self._ocr(image)
        if not getattr(result, "txts", None):
            return []
        out = []
        for box, text, score in zip(result.boxes, result.txts, result.scores):
            xs, ys = [float(p[0]) for p in box], [float(p[1]) for p in box]
            out.append((min(xs), min(ys), max(xs), max(ys), text, float(score)))
        return out


def run(seeds: int, backend, folder: Path, *, write: bool = False, kinds=None, engines=None) -> dict:
    """``engines``: {label: OCR engine or None (the default)}; each document is read by each
    in turn and counted under "kind/label"."""
    engines = engines or {"": None}
    stats: dict[str, dict] = {}
    docs = []
    for template in TEMPLATES:
        prose = template in ("client_intake", "patient_intake", "referral_letter")
        for seed in range(1, seeds + 1):
            for variant, kind in (("form", "form"), ("labels", "digital"), ("prose" if prose else "labels", "digital"),
                                  ("scan", "scan"), ("unseen", "unseen")):
                s = seed if variant != "labels" or kind != "digital" or prose else seed
                if variant == "labels" and not prose and docs and docs[-1][2] == "labels":
                    s = seed + 100  # the second label/value layout of an invoice or receipt
                if kinds is None or kind in kinds:
                    docs.append((template, kind, variant, s))
    # the OCR engine and the model load once, before timing
    warm, _ = make("receipt", "scan", 999, folder)
    for _ in extract_document(str(warm), get_template("receipt"), None):
        pass
    for label, engine in engines.items():
        if engine is not None:
            for _ in extract_document(str(warm), get_template("receipt"), None, ocr_engine=engine):
                pass
    runs = [(d, label, engine) for d in docs for label, engine in engines.items()]
    for (template, kind, variant, seed), label, engine in runs:
        path, truth = make(template, variant, seed, folder)
        if label:
            kind = f"{kind}/{label}"
        t0, c0 = time.perf_counter(), time.process_time()
        gen = extract_document(str(path), get_template(template), backend, write=write, ocr_engine=engine)
        while True:
            try:
                next(gen)
            except StopIteration as stop:
                res = stop.value
                break
        secs, cpu = time.perf_counter() - t0, time.process_time() - c0
        st = stats.setdefault(kind, {"fields": 0, "right": 0, "empty": 0, "invented": 0, "shown": 0, "found": 0,
                                     "seconds": [], "cpu": [], "no_model": 0, "all": 0, "docs": 0, "misses": [],
                                     "model_calls": 0, "filled": 0, "sure_wrong": 0, "written": 0})
        st["docs"] += 1
        st["seconds"].append(secs)
        st["cpu"].append(cpu)
        st["model_calls"] += res.model_calls
        pages = {p.page: p for p in open_document(path).pages}
        forms = _form_values(path) if variant == "form" else {}
        for name, want in truth.items():
            fv = res.fields[name]
            st["all"] += 1
            st["no_model"] += fv.method not in ("model", "written")
            st["written"] += fv.method == "written"
            if fv.value is not None and not fv.flagged and not (want is not None and (
                    fv.value == want or same_value("", fv.value, want))):
                st["sure_wrong"] += 1  # a wrong (or invented) value shown as certain
                st["misses"].append(f"{path.name}:{name} WRONG AS CERTAIN {fv.value!r}")
            if want is None:
                st["empty"] += 1
                if fv.value is not None:
                    st["invented"] += 1
                    st["misses"].append(f"{path.name}:{name} invented {fv.value!r}")
            else:
                st["fields"] += 1
                st["filled"] += fv.value is not None
                if fv.value == want or same_value("", fv.value, want):
                    st["right"] += 1
                else:
                    st["misses"].append(f"{path.name}:{name} want {want!r} got {fv.value!r}")
            if fv.value is not None:
                st["shown"] += 1
                if fv.method == "form":
                    ok = fv.source in forms.get(fv.page, set()) or fv.source in ("checked", "not checked") \
                        or source_on_page(fv.source, pages.get(fv.page))
                elif fv.method == "table":
                    # cells of a row may be separate OCR boxes: every word of each row must be on the page
                    words = {w.text for w in pages[fv.page].words} if fv.page in pages else set()
                    ok = all(w in words for line in fv.source.split("\n") for w in line.split())
                else:
                    ok = source_on_page(fv.source, pages.get(fv.page))
                st["found"] += ok
                if not ok:
                    st["misses"].append(f"{path.name}:{name} source not found {fv.source!r}")
    return stats


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=2, help="documents per template and variant (default 2: 40 documents)")
    ap.add_argument("--model", help="chat model name (see `locum models`); default: the bundled SmolLM2")
    ap.add_argument("--out", help="keep the generated documents here")
    ap.add_argument("--gguf", help="a GGUF file to add to the benchmark's home and use (e.g. a larger model)")
    ap.add_argument("--kinds", help="only these kinds, comma-separated (form,digital,scan,unseen)")
    ap.add_argument("--no-write", action="store_true", help="a capable model only chooses, as the bundled one does")
    ap.add_argument("--compare-ocr", action="store_true",
                    help="read each scanned document with stock RapidOCR and with Locum's engine, in turn")
    args = ap.parse_args()
    from core.chat.service import ChatModels
    from core.cli.extract import chat_for_extract
    from core.settings import Settings

    home = Path(tempfile.mkdtemp(prefix="bench-extract-home-"))
    os.environ["LOCUM_HOME"] = str(home)
    settings = Settings.load(home)
    model = args.model
    if args.gguf:
        model = ChatModels(settings).add(args.gguf).entry.name
    backend, capable = chat_for_extract(settings, model)
    write = capable and not args.no_write
    folder = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="bench-extract-"))
    kinds = set(args.kinds.split(",")) if args.kinds else None
    engines = None
    if args.compare_ocr:
        from core.documents.ocr import default_engine

        kinds = kinds or {"scan"}
        engines = {"stock": StockOcr(), "tuned": default_engine()}
    stats = run(args.seeds, backend, folder, write=write, kinds=kinds, engines=engines)
    print(f"model: {backend.name}   writes values: {write}   documents: {sum(s['docs'] for s in stats.values())}")
    print(f"{'kind':<12} {'docs':>4} {'exact':>8} {'filled':>8} {'invented':>10} {'source':>8} {'s/doc':>7} "
          f"{'cpu s':>6} {'no model':>9} {'calls':>6} {'written':>8} {'wrong-sure':>10}")
    out = {}
    order = ("form", "digital", "scan", "unseen")
    for kind in sorted(stats, key=lambda k: (order.index(k.split("/")[0]), k)):
        s = stats[kind]
        row = {"docs": s["docs"], "exact": s["right"] / max(1, s["fields"]),
               "invented": s["invented"] / max(1, s["empty"]), "source_found": s["found"] / max(1, s["shown"]),
               "median_s": statistics.median(s["seconds"]), "median_cpu_s": statistics.median(s["cpu"]),
               "no_model_share": s["no_model"] / max(1, s["all"]),
               "model_calls": s["model_calls"], "fields": s["fields"], "empty": s["empty"],
               "filled": s["filled"] / max(1, s["fields"]), "written": s["written"], "sure_wrong": s["sure_wrong"]}
        out[kind] = row
        print(f"{kind:<12} {s['docs']:>4} {row['exact']:>7.1%} {row['filled']:>7.1%} {s['invented']:>4}/{s['empty']:<4} "
              f"{row['source_found']:>7.1%} {row['median_s']:>7.2f} {row['median_cpu_s']:>6.2f} {row['no_model_share']:>8.1%} {s['model_calls']:>6} "
              f"{s['written']:>8} {s['sure_wrong']:>10}")
    for kind, s in stats.items():
        for m in s["misses"]:
            print(f"  {kind}: {m}")
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
