"""Grounding of Ask over the sample documents: retrieval, citations, refusals, overhead.

Indexes ``resources/samples`` (and, for the "unseen" set, ``benchmarks/office_docs``, each into a
library of its own) into a temporary home with the real embedder (MiniLM), then runs every
question of the sets (``grounding_*.jsonl``) through ``core.ask.answering.Assistant``
with two chat backends:

* ``fake``: an extractive stand-in that answers with the sentence of the given sources
  that best matches the question, cited ``[n]`` (or says it cannot find it). It measures
  Locum's own pipeline (retrieval, relevance gate, context fitting, citation mapping)
  without a language model's mistakes.
* ``real``: the bundled SmolLM2 135M GGUF through ``core.chat.service.ChatModels``.

Reported per backend:

* page-hit@5: the answering (file, page) is among the first 5 search hits (retrieval only;
  the same for both backends);
* citation precision: share of all citations whose (file, page) holds the answer;
* answered / keyword: answerable questions answered (found) and whose cited quotes (or, for
  "answer", the answer text) contain the expected keyword;
* refusal rate: unanswerable questions answered found=false;
* right / wrong / refused: of the answerable questions, the answer shown states the expected
  fact (``fact_in``), an answer is shown that does not, or no answer is shown;
* overhead: from the question to the call into the backend (retrieval, relevance, prompt
  building with token counting), which is all the time Locum adds before the model's own
  prompt processing; for the real model also first token minus llama.cpp's prompt eval.

    .venv/bin/python benchmarks/bench_grounding.py [--backends fake,real] [--max-tokens 400] [--json OUT]
    .venv/bin/python benchmarks/bench_grounding.py --backends fake --pad-chunks 100000   # overhead at scale
    .venv/bin/python benchmarks/bench_grounding.py --also ../shared/data/reports         # among other documents

Targets (issue 3): page-hit@5 >= 0.9, refusal >= 0.9, citation precision >= 0.9, overhead < 150 ms.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.ask import citations as cz  # noqa: E402
from core.ask.answering import Assistant, Retrieved, Token  # noqa: E402
from core.services import Library, run_to_end  # noqa: E402
from core.settings import Settings  # noqa: E402
from models.base import Message  # noqa: E402

HERE = Path(__file__).parent
# The relevance gate (core/ask/relevance.py) was calibrated on "main", "heldout" and "test", all
# about the app's samples. "unseen" asks about another office's documents
# (benchmarks/make_office_docs.py), written after that fit and never used to tune anything.
QUESTION_SETS = {"main": HERE / "grounding_questions.jsonl", "heldout": HERE / "grounding_heldout.jsonl",
                 "test": HERE / "grounding_test.jsonl", "unseen": HERE / "grounding_unseen.jsonl"}
SAMPLES = ROOT / "resources" / "samples"
OFFICE_DOCS = HERE / "office_docs"
#: The documents each question set asks about; each folder is indexed into a library of its own.
SET_DOCS = {"main": SAMPLES, "heldout": SAMPLES, "test": SAMPLES, "unseen": OFFICE_DOCS}


class ExtractiveFake:
    """A chat backend that 'reads' like an ideal extractive model: best sentence, cited."""

    name = "fake-extractive"
    can_stream = True
    supports_schema = False
    is_local = True

    def __init__(self, context_size: int = 4096) -> None:
        self.context_size = context_size

    def count_tokens(self, text: str) -> int:
        # Roughly what a BPE tokenizer gives for English prose (about 4 characters a token).
        return len(re.findall(r"\w+|[^\w\s]", text))

    def stream(self, messages, *, max_tokens=512, json_schema=None, temperature=0.0):
        user = messages[-1].content
        question = user.rsplit("Question:", 1)[-1].split("\n", 1)[0]
        q = cz.content_terms(question)
        best, best_key = None, (0.0, 0.0)
        for m in re.finditer(r'<source id="(\d+)"[^>]*>\n(.*?)\n</source>', user, re.S):
            text = m.group(2)
            _, top = cz.best_sentence(text, question)  # breaks ties inside a source
            for span in cz.sentence_spans(text):
                key = (cz.coverage(q, cz.term_set(text[span.start:span.end])), float(span == top))
                if key > best_key:
                    best, best_key = (int(m.group(1)), " ".join(text[span.start:span.end].split())), key
        reply = f"{best[1]} [{best[0]}]" if best else "I cannot find this in the documents."
        for piece in re.findall(r"\S+\s*", reply):
            yield piece


def load_questions(name: str = "main") -> list[dict]:
    path = QUESTION_SETS[name]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def fact_in(keyword: str, text: str) -> bool:
    """Does ``text`` state the expected fact? Case and line breaks aside; a figure must stand
    alone ("65" is in "$65/hour", not in "1,650" or "0.65")."""
    text = " ".join(text.split()).lower()
    kw = " ".join(keyword.split()).lower()
    if any(c.isdigit() for c in kw):
        return re.search(r"(?<![\d.,])" + re.escape(kw) + r"(?![\d]|[.,]\d)", text) is not None
    return kw in text


def build_library(home: Path, also: list[str] = (), docs: Path = SAMPLES) -> Library:
    """``docs`` (and ``also``: other folders, as distractors) indexed under ``home``, once."""
    settings = Settings.load(home)
    settings.fake_backends = False
    lib = Library(settings)
    if lib.status().chunks == 0:
        t0 = time.perf_counter()
        report = run_to_end(lib.index([str(docs), *also]))
        print(f"indexed {report.added} files, {report.chunks} chunks in {time.perf_counter() - t0:.1f} s",
              file=sys.stderr)
        if report.failed:
            raise SystemExit(f"indexing failed: {[f.as_json() for f in report.failed]}")
    return lib


def pad_library(lib: Library, total_chunks: int, seed: int = 7) -> None:
    """Grow the store to ``total_chunks`` rows of synthetic filler, to time Ask at scale.

    The filler is pseudo-words with random unit vectors: it costs search the same work as
    real text (vector scan or index, keyword index) without answering any question, so
    the grounding figures stay about the sample documents.
    """
    import numpy as np

    store = lib.store
    have = store.count()
    if have >= total_chunks:
        return
    rng = np.random.default_rng(seed)
    syll = ["ka", "lo", "mir", "tan", "vel", "dro", "sen", "pu", "rix", "ol", "ban", "tee", "gu", "nar", "zel"]
    vocab = ["".join(rng.choice(syll, size=rng.integers(2, 4))) for _ in range(5000)]
    t0 = time.perf_counter()
    dim = lib.embedder.dimensions
    i = have
    while i < total_chunks:
        n = min(10_000, total_chunks - i)
        texts = [" ".join(rng.choice(vocab, size=60)) + "." for _ in range(n)]
        vecs = rng.normal(size=(n, dim)).astype(np.float32)
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        paths = [f"/synthetic/filler{(i + j) // 20:05d}.pdf" for j in range(n)]
        rows = {"id": [f"{p}#{(i + j) % 20}" for j, p in enumerate(paths)], "path": paths,
                "folder": ["/synthetic"] * n, "ext": ["pdf"] * n, "mtime": [0] * n,
                "page": [(i + j) % 20 + 1 for j in range(n)], "idx": [(i + j) % 20 for j in range(n)],
                "title": ["Filler"] * n, "text": texts, "search_text": texts}
        store.add(rows, vecs)
        i += n
    store.finish()
    print(f"padded the store to {store.count()} chunks in {time.perf_counter() - t0:.0f} s", file=sys.stderr)


def _where(q: dict) -> set[tuple[str, int | None]]:
    return {(q["file"], p) for p in q["pages"]}


def page_hit_at_5(lib: Library, questions: list[dict]) -> tuple[float, list[str]]:
    hits, misses = 0, []
    for q in questions:
        if not q["answerable"]:
            continue
        top = {(os.path.basename(h.path), h.page) for h in lib.search(q["question"], 5)}
        if top & _where(q):
            hits += 1
        else:
            misses.append(q["id"])
    n = sum(1 for q in questions if q["answerable"])
    return hits / n, misses


def run_backend(lib: Library, backend, questions: list[dict], *, tiny: bool, max_tokens: int,
                verbose: bool, unsure: str = "passages") -> dict:
    assistant = Assistant(lib, backend, None, k=6, max_tokens=max_tokens, tiny_model=tiny, unsure=unsure)
    cites_total = cites_right = 0
    answered = kw_quote = kw_answer = right_first = 0
    shown_right = 0  # answerable: a right citation, or (not found) a right closest passage
    right = wrong = 0  # answerable, found: the answer's own words state the expected fact, or do not
    refused = 0
    prepare_ms: list[float] = []
    embed_ms: list[float] = []
    extra_ms: list[float] = []
    rows = []
    for q in questions:
        assistant.last_raw = ""
        gen = assistant.ask(q["question"])
        try:
            while True:
                ev = next(gen)
                if verbose and isinstance(ev, Token):
                    pass
                if isinstance(ev, Retrieved):
                    pass
        except StopIteration as stop:
            ans = stop.value
        t = assistant.last_timing
        row_ms = round(1000 * t.get("backend_called_s", t.get("retrieve_s", 0.0)), 1)
        if "backend_called_s" in t:
            prepare_ms.append(1000 * t["backend_called_s"])
            embed_ms.append(1000 * lib.searcher.last_timing.get("embed", 0.0))
            timing = getattr(backend, "last_timing", {}) or {}
            if "first_token_s" in t and "prompt_eval_s" in timing:
                extra_ms.append(1000 * (t["first_token_s"] - timing["prompt_eval_s"]))
        cited = [(os.path.basename(c.path), c.page) for c in ans.citations]
        closest = [(os.path.basename(c.path), c.page) for c in ans.closest]
        row = {"id": q["id"], "found": ans.found, "answer": ans.answer, "raw": assistant.last_raw, "cited": cited,
               "quotes": [c.quote for c in ans.citations], "closest": closest, "overhead_ms": row_ms,
               "gate": assistant.last_judgement.as_json() if assistant.last_judgement else None}
        if q["answerable"]:
            right_cites = [c for c in cited if c in _where(q)]
            cites_total += len(cited)
            cites_right += len(right_cites)
            if ans.found:
                answered += 1
                kw = q["keyword"].lower()
                if any(kw in " ".join(c.quote.split()).lower() for c in ans.citations):
                    kw_quote += 1
                if kw in ans.answer.lower():
                    kw_answer += 1
                if cited and cited[0] in _where(q):
                    right_first += 1
                if fact_in(q["keyword"], ans.answer):
                    right += 1
                    row["verdict"] = "right"
                else:
                    wrong += 1
                    row["verdict"] = "wrong"
            else:
                row["verdict"] = "refused"
            row["ok"] = bool(right_cites) and ans.found
            shown_right += bool(right_cites) or any(c in _where(q) for c in closest)
        else:
            refused += not ans.found
            row["ok"] = not ans.found
            row["verdict"] = "refused" if not ans.found else "answered"
        rows.append(row)
        if verbose:
            mark = "ok " if row["ok"] else "BAD"
            print(f"  {mark} {q['id']:22s} found={ans.found!s:5s} cited={cited} :: {ans.answer[:100]!r}",
                  file=sys.stderr)
    n_ans = sum(1 for q in questions if q["answerable"])
    n_un = len(questions) - n_ans

    def stats(xs: list[float]) -> dict:
        if not xs:
            return {}
        xs = sorted(xs)
        return {"median": round(statistics.median(xs), 1), "p95": round(xs[int(0.95 * (len(xs) - 1))], 1),
                "max": round(xs[-1], 1)}

    return {
        "backend": backend.name,
        "citation_precision": round(cites_right / cites_total, 3) if cites_total else None,
        "citations": cites_total,
        "answered_rate": round(answered / n_ans, 3),
        "first_citation_right_rate": round(right_first / n_ans, 3),
        "keyword_in_quotes_rate": round(kw_quote / n_ans, 3),
        "keyword_in_answer_rate": round(kw_answer / n_ans, 3),
        "refusal_rate_unanswerable": round(refused / n_un, 3) if n_un else None,
        # Of the answerable questions: the answer shown states the expected fact / states
        # something else (a wrong or empty claim shown as an answer) / no answer shown.
        "right_rate": round(right / n_ans, 3),
        "wrong_rate": round(wrong / n_ans, 3),
        "refused_rate_answerable": round((n_ans - right - wrong) / n_ans, 3),
        "wrong": [r["id"] for r in rows if r.get("verdict") == "wrong"],
        "near_misses_answered": [r["id"] for r in rows if r.get("verdict") == "answered"],
        # The user saw the answering page: cited under an answer, or among the closest passages.
        "answer_page_shown_rate": round(shown_right / n_ans, 3),
        "overhead_ms_before_backend": stats(prepare_ms),
        "overhead_ms_first_token_minus_prompt_eval": stats(extra_ms),
        # of which: embedding the question (the embedder's share, not Locum's own code)
        "query_embedding_ms": stats(embed_ms),
        "overhead_ms_without_query_embedding": stats([p - e for p, e in zip(prepare_ms, embed_ms)]),
        "failures": [r["id"] for r in rows if not r["ok"]],
        "rows": rows,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--home", help="reuse this home (indexed once); default: a temporary folder")
    ap.add_argument("--backends", default="fake,real")
    ap.add_argument("--max-tokens", type=int, default=400)
    ap.add_argument("--sets", default="main,heldout,test,unseen", help=f"question sets, of {sorted(QUESTION_SETS)}")
    ap.add_argument("--only", help="comma-separated question ids")
    ap.add_argument("--also", action="append", default=[], metavar="DIR",
                    help="index this folder beside the samples, as other documents competing for answers")
    ap.add_argument("--unsure", default="passages", choices=["passages", "model"],
                    help="when the relevance gate is unsure: show passages (the default model's way) or ask the model")
    ap.add_argument("--pad-chunks", type=int, default=0,
                    help="grow the store to this many chunks with synthetic filler first (e.g. 100000)")
    ap.add_argument("--json", dest="json_out", help="also write the full results (with answers) here")
    ap.add_argument("--torch-threads", type=int, default=0,
                    help="diagnostic: set torch's thread count for the query embedder (0: leave as built)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    tmp = None
    if args.home:
        home = Path(args.home)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="locum-grounding-")
        home = Path(tmp.name)
    set_names = args.sets.split(",")
    libraries: dict[Path, Library] = {}
    for set_name in set_names:
        docs = SET_DOCS[set_name]
        if docs not in libraries:
            # one library per document folder, so a set's figures are about its own documents
            libraries[docs] = build_library(home / docs.name, args.also, docs)
    lib = next(iter(libraries.values()))
    if args.torch_threads:
        lib.embedder.load()
        import torch

        torch.set_num_threads(args.torch_threads)
    for one_lib in libraries.values():
        if args.pad_chunks:
            pad_library(one_lib, args.pad_chunks)
        for q in ("warm up", "a longer query to warm up the embedder runtime", "retainer"):
            one_lib.search(q, 5)  # load the embedder and open the tables before timing anything

    backends = {}
    for name in args.backends.split(","):
        if name == "fake":
            backends[name] = (ExtractiveFake(lib.settings.context_size), False)
        elif name == "real":
            from core.chat.service import ChatModels

            prepared = ChatModels(lib.settings).prepare()
            backend = prepared.backend
            t0 = time.perf_counter()
            "".join(backend.stream([Message("user", "Hi")], max_tokens=1))  # load the weights outside the timings
            print(f"loaded {backend.name} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
            backends[name] = (backend, prepared.tiny)
        else:
            raise SystemExit(f"unknown backend {name!r}")

    result: dict = {"chunks": {d.name: one.store.count() for d, one in libraries.items()}, "sets": {}}
    for set_name in set_names:
        lib = libraries[SET_DOCS[set_name]]
        questions = load_questions(set_name)
        if args.only:
            keep = set(args.only.split(","))
            questions = [q for q in questions if q["id"] in keep]
        hit5, misses = page_hit_at_5(lib, questions)
        one: dict = {"questions": len(questions), "answerable": sum(q["answerable"] for q in questions),
                     "page_hit_at_5": round(hit5, 3), "page_misses_at_5": misses, "backends": {}}
        for name, (backend, tiny) in backends.items():
            print(f"[{set_name}] running {len(questions)} questions with {backend.name}...", file=sys.stderr)
            t0 = time.perf_counter()
            res = run_backend(lib, backend, questions, tiny=tiny, max_tokens=args.max_tokens, verbose=args.verbose,
                              unsure=args.unsure)
            res["seconds"] = round(time.perf_counter() - t0, 1)
            one["backends"][name] = res
        result["sets"][set_name] = one

    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, indent=2), encoding="utf-8")
    summary = {**result, "sets": {
        name: {**one, "backends": {k: {kk: vv for kk, vv in v.items() if kk != "rows"}
                                   for k, v in one["backends"].items()}}
        for name, one in result["sets"].items()}}
    print(json.dumps(summary, indent=2))
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
