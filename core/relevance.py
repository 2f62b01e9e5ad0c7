"""Is the answer in the library at all? The gate in front of the model.

Search always returns *something*, so Ask must decide whether the best passages actually
answer the question before a model is allowed to write a word: a small model given a
near-miss passage ("parking and tolls at cost") happily answers a question the documents
do not answer ("how much is parking at the courthouse?").

Three signals, each cheap and each weak alone:

* ``lexical``: the weighted share of the question's content words found in the best two
  consecutive sentences of a passage (``citations.passage_relevance``);
* ``sentence``: the embedder's cosine between the question and the best single sentence of
  the retrieved passages (a fact is stated in one sentence, and a paraphrase such as
  "mileage" / "per kilometre" only meets the question here);
* ``chunk``: the cosine between the question and the best passage as stored in the index
  (free: the vector search already computed it).

They are added up, ``lexical + w_sentence * sentence + w_chunk * chunk``, and the sum sorts
the question into one of three verdicts:

* ``answer``: at or past ``answer_at``; the passages are given to the model;
* ``unsure``: between ``unsure_at`` and ``answer_at``; the passages come close, but the
  signals cannot tell a paraphrased answer from a near miss. A model that can read decides
  (it is told to say when the sources do not hold the answer); with the tiny default model,
  which cannot, Ask makes no claim and shows the closest passages for the user to check;
* ``none``: below ``unsure_at``; the documents do not hold it, and nothing is shown.

Cosines mean different things for different embedders, so the weights are calibrated per
embedder (``CALIBRATIONS``); with an uncalibrated one (another model, or the hash embedder
of the unit tests) only the lexical share counts, against a single threshold.

The all-MiniLM-L6-v2 calibration: three question sets over the sample documents (123
questions, 36 of them unanswerable and mostly near misses: the right client, the wrong
fact). The weights answer the most answerable questions while refusing at least 95% of the
unanswerable ones on every set (``benchmarks/calibrate_gate.py``). Fitted on any two sets,
the third set's refusal rate came out at 0.90, 1.00 and 1.00, and the weights barely moved
between those fits. ``unsure_at`` sits just under the lowest-scoring answerable question.
Figures and commands: docs/benchmarks.md.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from core import citations as cz
from core.types import Hit


@dataclass(frozen=True)
class Calibration:
    w_sentence: float
    w_chunk: float
    answer_at: float
    unsure_at: float


#: Keyed by the start of ``Embedder.name``.
CALIBRATIONS: dict[str, Calibration] = {
    "all-MiniLM-L6-v2": Calibration(w_sentence=0.5, w_chunk=0.75, answer_at=1.32, unsure_at=0.9),
}

ANSWER, UNSURE, NONE = "answer", "unsure", "none"
#: With no calibration: the best passage must hold more than this share of the question.
LEXICAL_ONLY_THRESHOLD = 0.5


def calibration_for(embedder_name: str | None) -> Calibration | None:
    for prefix, cal in CALIBRATIONS.items():
        if embedder_name and embedder_name.startswith(prefix):
            return cal
    return None


@dataclass(frozen=True)
class Judgement:
    verdict: str  # ANSWER | UNSURE | NONE
    lexical: list[float]  # per hit, in the order given
    best_lexical: float
    sentence: float | None = None  # best sentence cosine (calibrated embedders only)
    chunk: float | None = None  # best stored-passage cosine
    score: float = 0.0  # the value compared with the thresholds

    @property
    def found(self) -> bool:
        return self.verdict == ANSWER

    def as_json(self) -> dict:
        r = lambda x: None if x is None else round(float(x), 3)  # noqa: E731
        return {"verdict": self.verdict, "lexical": r(self.best_lexical), "sentence": r(self.sentence),
                "chunk": r(self.chunk), "score": r(self.score)}


class RelevanceGate:
    """Judges hits against a question; holds a small cache of sentence vectors per passage.

    ``embedder`` may be None (lexical only). Thread-safe: the cache has its own lock and
    the embedder serialises itself.
    """

    CACHE_PASSAGES = 512

    def __init__(self, embedder=None, lexical_threshold: float = LEXICAL_ONLY_THRESHOLD) -> None:
        self.embedder = embedder
        self.lexical_threshold = lexical_threshold
        self.calibration = calibration_for(getattr(embedder, "name", None)) if embedder is not None else None
        self._cache: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def judge(self, question: str, hits: Sequence[Hit]) -> Judgement:
        qterms = cz.content_terms(question)
        lexical = [cz.passage_relevance(qterms, h.text, h.title) for h in hits]
        best = max(lexical, default=0.0)
        cal = self.calibration
        if not hits:
            return Judgement(NONE, lexical, best)
        if cal is None:
            return Judgement(ANSWER if best > self.lexical_threshold else NONE, lexical, best, score=best)
        qvec = np.asarray(self.embedder.embed_query(question), dtype=np.float32)
        sentence = max((float(np.max(m @ qvec)) for m in self._sentence_vectors(hits) if len(m)), default=0.0)
        sims = [h.similarity for h in hits if h.similarity is not None]
        chunk = max(sims) if sims else sentence  # no vector hit: the sentence cosine stands in
        score = best + cal.w_sentence * sentence + cal.w_chunk * chunk
        verdict = ANSWER if score >= cal.answer_at else UNSURE if score >= cal.unsure_at else NONE
        return Judgement(verdict, lexical, best, sentence, chunk, score)

    @staticmethod
    def _key(h: Hit) -> tuple[str, str]:
        return (h.chunk_id or f"{h.path}#{h.page}", h.text)  # the text too: a re-indexed file keeps its ids

    def _sentence_vectors(self, hits: Sequence[Hit]) -> list[np.ndarray]:
        out: dict[int, np.ndarray] = {}
        todo: list[tuple[int, list[str]]] = []
        with self._lock:
            for i, h in enumerate(hits):
                key = self._key(h)
                if key in self._cache:
                    self._cache.move_to_end(key)
                    out[i] = self._cache[key]
                else:
                    todo.append((i, cz.sentences(h.text)))
        if todo:
            flat = [s for _, ss in todo for s in ss]
            vecs = np.asarray(self.embedder.embed_documents(flat), dtype=np.float32) if flat else None
            pos = 0
            with self._lock:
                for i, ss in todo:
                    m = vecs[pos:pos + len(ss)] if vecs is not None else np.zeros((0, 1), np.float32)
                    pos += len(ss)
                    out[i] = m
                    self._cache[self._key(hits[i])] = m
                    while len(self._cache) > self.CACHE_PASSAGES:
                        self._cache.popitem(last=False)
        return [out[i] for i in range(len(hits))]
