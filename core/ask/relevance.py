"""Is the answer in the library at all? The gate in front of the model.

Search always returns *something*, so Ask must decide whether the best passages actually
answer the question before a model is allowed to write a word: a small model given a
near-miss passage ("parking and tolls at cost") happily answers a question the documents
do not answer ("how much is parking at the courthouse?").

Three signals, each cheap and each weak alone:

* ``lexical``: the weighted share of the question's content words found in the best two
  consecutive sentences of a passage (``citations.passage_relevance``);
* ``sentence``: the embedder's cosine between the question and the passage's best single
  sentence (a fact is stated in one sentence, and a paraphrase such as
  "mileage" / "per kilometre" only meets the question here);
* ``chunk``: the cosine between the question and the passage as stored in the index
  (free: the vector search already computed it).

They are added up for each passage, ``lexical + w_sentence * sentence + w_chunk * chunk``,
and the best passage's sum sorts the question into one of three verdicts:

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
fact), asked twice: with the samples alone, and with the samples among six long annual
reports (3,014 passages), where unrelated text about leases or price rises competes. The
weights answer the most answerable questions while refusing at least 95% of the
unanswerable ones in every set and library (``benchmarks/calibrate_gate.py``). Fitted on
two sets and checked on the third, refusal on the third came out between 0.90 and 1.00.
On those runs the stored-passage cosine added nothing once the sentence cosine was counted
(its fitted weight is 0; other embedders may differ). ``unsure_at`` sits just under the
lowest-scoring answerable question. Figures and commands: docs/benchmarks.md.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from core.ask import citations as cz
from core.types import Hit


@dataclass(frozen=True)
class Calibration:
    w_sentence: float
    w_chunk: float
    answer_at: float
    unsure_at: float


#: Keyed by the start of ``Embedder.name``.
CALIBRATIONS: dict[str, Calibration] = {
    "all-MiniLM-L6-v2": Calibration(w_sentence=0.75, w_chunk=0.0, answer_at=1.125, unsure_at=0.58),
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
    sentence: list[float] | None = None  # per hit: best sentence cosine (calibrated embedders only)
    chunk: list[float] | None = None  # per hit: the stored passage's cosine
    scores: list[float] | None = None  # per hit: the sum (calibrated embedders only)
    best: int = -1  # the hit with the highest sum (or lexical share)

    @property
    def score(self) -> float:
        """The best passage's value, compared with the thresholds."""
        values = self.scores if self.scores is not None else self.lexical
        return values[self.best] if self.best >= 0 else 0.0

    @property
    def found(self) -> bool:
        return self.verdict == ANSWER

    @property
    def best_lexical(self) -> float:
        return max(self.lexical, default=0.0)

    def as_json(self) -> dict:
        r = lambda x: round(float(x), 3)  # noqa: E731
        out: dict = {"verdict": self.verdict, "score": r(self.score), "lexical": r(self.best_lexical)}
        if self.sentence is not None and self.chunk is not None:
            out["hits"] = [[r(a), r(b), r(c)] for a, b, c in zip(self.lexical, self.sentence, self.chunk)]
        return out


class RelevanceGate:
    """Judges hits against a question; holds a small cache of sentence vectors per passage.

    ``embedder`` may be None (lexical only). Thread-safe: the cache has its own lock and
    the embedder serialises itself.
    """

    CACHE_PASSAGES = 512
    SENTENCE_PASSAGES = 2  # passages whose sentences are embedded (those with most of the question's words)

    def __init__(self, embedder=None, lexical_threshold: float = LEXICAL_ONLY_THRESHOLD) -> None:
        self.embedder = embedder
        self.lexical_threshold = lexical_threshold
        self.calibration = calibration_for(getattr(embedder, "name", None))
        self._cache: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def judge(self, question: str, hits: Sequence[Hit]) -> Judgement:
        qterms = cz.content_terms(question)
        lexical = [cz.passage_relevance(qterms, h.text, h.title) for h in hits]
        cal = self.calibration
        if not hits:
            return Judgement(NONE, lexical)
        if cal is None:
            best = max(lexical)
            return Judgement(ANSWER if best > self.lexical_threshold else NONE, lexical, best=lexical.index(best))
        qvec = np.asarray(self.embedder.embed_query(question), dtype=np.float32)
        # Embedding sentences is the gate's whole cost (about 2 ms a sentence here), so only
        # the passages with the most of the question's words are read this way; on the
        # calibration runs reading all six changed 2 verdicts in 246, none to or from "answer".
        order = sorted(range(len(hits)), key=lambda i: (-lexical[i], i))[: self.SENTENCE_PASSAGES]
        vectors = self._sentence_vectors([hits[i] for i in order])
        sentence = [0.0] * len(hits)
        for i, m in zip(order, vectors):
            sentence[i] = float(np.max(m @ qvec)) if len(m) else 0.0
        # A keyword-only hit has no stored-passage cosine; its best sentence stands in.
        chunk = [h.similarity if h.similarity is not None else s for h, s in zip(hits, sentence)]
        # One passage has to be close on all three counts: a question whose words are in
        # one document and whose meaning is near another's is not answered by either.
        scores = [lx + cal.w_sentence * st + cal.w_chunk * ck for lx, st, ck in zip(lexical, sentence, chunk)]
        i = max(range(len(hits)), key=scores.__getitem__)
        verdict = ANSWER if scores[i] >= cal.answer_at else UNSURE if scores[i] >= cal.unsure_at else NONE
        return Judgement(verdict, lexical, sentence, chunk, scores, i)

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
                    todo.append((i, cz.unit_texts(h.text)))  # a table row with its header
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
