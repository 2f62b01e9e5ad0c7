"""The relevance gate and what Ask does with each verdict (answer / unsure / none).

A stub embedder that claims the calibrated model's name returns vectors with a chosen
cosine to the question, so each verdict can be reached exactly; the real MiniLM on real
near-miss questions is covered in test_ask_real.py.
"""
from __future__ import annotations

import numpy as np
import pytest

from core.ask import citations as cz
from core.ask.answering import NOT_FOUND, UNSURE, Assistant, Retrieved, Token
from core.ask.relevance import ANSWER, CALIBRATIONS, NONE, UNSURE as UNSURE_VERDICT, RelevanceGate, calibration_for
from core.types import Hit
from models.fake import FakeChat
from tests.helpers import drive

CAL = CALIBRATIONS["all-MiniLM-L6-v2"]
QUESTION = "What is the monthly retainer fee?"
FEE = "The monthly retainer fee is $2,500, due on the first business day. Invoices are payable within 30 days."


class AngleEmbedder:
    """Every sentence sits at cosine ``cos`` to every query; counts the sentences it embeds."""

    name = "all-MiniLM-L6-v2-384"
    dimensions = 2

    def __init__(self, cos: float) -> None:
        self.cos = cos
        self.embedded: list[str] = []

    def embed_query(self, text):
        return np.array([1.0, 0.0], dtype=np.float32)

    def embed_documents(self, texts):
        self.embedded.extend(texts)
        s = np.sqrt(max(0.0, 1 - self.cos ** 2))
        return np.array([[self.cos, s]] * len(texts), dtype=np.float32)


class StubLibrary:
    def __init__(self, hits, embedder) -> None:
        self.hits = hits
        self.embedder = embedder

    def search(self, query, k=10, *a, **kw):
        return self.hits[:k]


def hit(text=FEE, similarity=0.5, page=2, chunk_id="retainer#1") -> Hit:
    return Hit(path="/docs/retainer.pdf", page=page, score=1.0, text=text, chunk_id=chunk_id, similarity=similarity)


def cosine_for(score: float, lexical: float, similarity: float) -> float:
    """The sentence cosine that puts the gate's sum at ``score``."""
    return (score - lexical - CAL.w_chunk * similarity) / CAL.w_sentence


# ---- the gate ------------------------------------------------------------------------

def test_calibration_is_chosen_by_embedder_name():
    assert calibration_for("all-MiniLM-L6-v2-384") is CAL
    assert calibration_for("fake-hash-64") is None and calibration_for(None) is None
    assert CAL.unsure_at < CAL.answer_at


_RANK = {NONE: 0, UNSURE_VERDICT: 1, ANSWER: 2}


def test_the_verdict_rises_with_the_meaning_of_the_passage():
    """Same wording, the passage's meaning ever closer to the question: the verdict never
    falls, a passage far in meaning is not answered, one close in meaning is."""
    h = hit(similarity=0.4)
    verdicts = [RelevanceGate(AngleEmbedder(cos)).judge(QUESTION, [h]).verdict
                for cos in (-0.6, -0.2, 0.0, 0.2, 0.4, 0.6, 0.8, 1.0)]
    ranks = [_RANK[v] for v in verdicts]
    assert ranks == sorted(ranks), verdicts
    assert verdicts[0] != ANSWER and verdicts[-1] == ANSWER, verdicts


def test_the_question_s_words_missing_from_the_passage_lower_the_verdict():
    close = RelevanceGate(AngleEmbedder(0.3))
    on_topic = close.judge(QUESTION, [hit()]).verdict
    off_topic = close.judge(QUESTION, [hit(text="The clinic opens at nine. Parking is free for patients.")]).verdict
    assert _RANK[off_topic] < _RANK[on_topic], (off_topic, on_topic)
    assert off_topic != ANSWER


def test_uncalibrated_embedder_uses_the_wording_alone():
    gate = RelevanceGate(None)
    assert gate.judge(QUESTION, [hit()]).verdict == ANSWER
    assert gate.judge("Who won the 2018 FIFA World Cup?", [hit()]).verdict == NONE
    assert gate.judge(QUESTION, []).verdict == NONE


def test_sentence_vectors_are_cached_per_passage_and_renewed_when_its_text_changes():
    emb = AngleEmbedder(0.9)
    gate = RelevanceGate(emb)
    gate.judge(QUESTION, [hit()])
    first = len(emb.embedded)
    assert first == 2  # two sentences
    gate.judge(QUESTION, [hit()])
    assert len(emb.embedded) == first  # same passage: no new embedding
    gate.judge(QUESTION, [hit(text=FEE + " Late payments accrue interest.")])
    assert len(emb.embedded) == first + 3  # same id, new text: embedded again


# ---- what Ask does with each verdict -------------------------------------------------

def _assistant(score: float, *, tiny: bool, reply: str = "The fee is $2,500 [1].", **kw):
    h = hit(similarity=0.4)
    emb = AngleEmbedder(cosine_for(score, 1.0, 0.4))
    chat = FakeChat(replies=[reply])
    return Assistant(StubLibrary([h], emb), chat, tiny_model=tiny, **kw), chat


def test_unsure_with_the_tiny_model_claims_nothing_and_shows_the_closest_passage():
    assistant, chat = _assistant((CAL.answer_at + CAL.unsure_at) / 2, tiny=True)
    events, ans = drive(assistant.ask(QUESTION))
    assert ans.found is False and ans.citations == [] and ans.answer == UNSURE
    assert not [e for e in events if isinstance(e, Token)] and not chat.requests  # the model was never asked
    assert [(c.path, c.page) for c in ans.closest] == [("/docs/retainer.pdf", 2)]
    assert ans.closest[0].quote in FEE
    assert ans.as_json()["closest"][0]["page"] == 2


def test_unsure_with_a_capable_model_lets_the_model_decide():
    assistant, chat = _assistant((CAL.answer_at + CAL.unsure_at) / 2, tiny=False)
    events, ans = drive(assistant.ask(QUESTION))
    assert chat.requests and ans.found is True and ans.citations[0].page == 2
    assert next(e for e in events if isinstance(e, Retrieved)).sources


def test_a_model_that_finds_nothing_leaves_the_closest_passages():
    assistant, _ = _assistant(CAL.answer_at + 0.2, tiny=False, reply="I cannot find this in the documents.")
    _, ans = drive(assistant.ask(QUESTION))
    assert ans.found is False and ans.citations == []
    assert [c.page for c in ans.closest] == [2]


def test_none_shows_nothing_at_all():
    assistant, chat = _assistant(CAL.unsure_at - 0.2, tiny=True)
    _, ans = drive(assistant.ask(QUESTION))
    assert ans.answer == NOT_FOUND and ans.closest == [] and not chat.requests


def test_unsure_policy_can_be_forced():
    assistant, chat = _assistant((CAL.answer_at + CAL.unsure_at) / 2, tiny=False, unsure="passages")
    _, ans = drive(assistant.ask(QUESTION))
    assert ans.answer == UNSURE and not chat.requests


def test_only_the_passages_with_most_of_the_question_are_embedded():
    emb = AngleEmbedder(0.9)
    gate = RelevanceGate(emb)
    weak = [hit(text=f"Clause {i}. Unrelated wording about storage.", chunk_id=f"w{i}") for i in range(3)]
    strong = [hit(chunk_id="s1"), hit(text="The monthly fee is due on the first day.", chunk_id="s2")]
    j = gate.judge(QUESTION, weak + strong)
    assert set(emb.embedded) == set(cz.sentences(FEE)) | {"The monthly fee is due on the first day."}
    assert j.best == 3 and j.sentence[0] == 0.0  # a passage not read counts its wording alone
