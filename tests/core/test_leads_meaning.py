"""The need read by meaning when no keyword of the rubric names it (core.leads.meaning)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from core.leads import meaning
from core.leads.assess import assess
from core.leads.intake import inquiry_from_text
from core.leads.rubric import load_rubric
from core.leads.score import classify_need

ROOT = Path(__file__).resolve().parents[2]

PLAIN = ("Hello,\n\nMy partner and I are breaking up and we need to sort out who the children will live with. "
         "We live in Leeds.\n\nKate Morley\nkate.morley@gmail.com\n")
VAGUE = ("Hello,\n\nI was wondering whether you could help me with something. Please call me back when you can.\n\n"
         "Dan\ndan.ross@gmail.com\n")


class WordEmbedder:
    """A test double with known geometry: each listed word is one axis; a text is the sum of its
    words' axes; a text with none of them is the zero vector, near nothing."""

    def __init__(self, axes: dict[str, int], n: int = 8):
        self.axes, self.n, self.calls = axes, n, 0

    def embed_query(self, text: str) -> np.ndarray:
        self.calls += 1
        v = np.zeros(self.n, dtype=np.float32)
        for w in text.lower().replace(",", " ").replace(".", " ").replace(":", " ").split():
            if w in self.axes:
                v[self.axes[w]] += 1.0
        return v


def _law():
    return load_rubric(office="law")


def test_no_embedder_is_as_before():
    f, hits, calls = classify_need("My husband moved out in January.", _law())
    assert f.value is None and hits == [] and calls == 0


def test_the_nearest_service_is_taken_flagged_and_below_the_review_line():
    # "children" sits on the same axis as Family law's "custody": nearest to it, far from the rest
    emb = WordEmbedder({"children": 0, "custody": 0, "family": 0})
    f, hits, calls = classify_need("We cannot agree about the children.", _law(), embedder=emb)
    assert (f.value, f.method, calls) == ("Family law", "meaning", 0)
    assert f.confidence < 0.75 and f.flagged and "meaning" in f.notes[0]


def test_no_clear_winner_gives_no_answer():
    # the word is as near Family law as Conveyancing: under the margin, no answer
    emb = WordEmbedder({"house": 0, "custody": 0, "conveyancing": 0})
    f, _, _ = classify_need("It is about the house.", _law(), embedder=emb)
    assert f.value is None
    near = meaning.nearest("It is about the house.", _law(), emb)
    assert near.margin < meaning.MARGIN and not near.decided


def test_label_vectors_are_kept_per_rubric_and_embedder():
    emb = WordEmbedder({"children": 0, "custody": 0})
    rubric = _law()
    meaning.nearest("the children", rubric, emb)
    first = emb.calls
    meaning.nearest("the children again", rubric, emb)
    assert emb.calls - first == 2  # the inquiry and its one sentence; no label embedded again


def test_an_exclusion_clearly_nearest_disqualifies_with_its_referral():
    emb = WordEmbedder({"police": 0, "arrested": 0, "criminal": 0})
    inq = inquiry_from_text("From: Sue <sue@example.com>\n\nThe police came for my son yesterday, he is frightened.\n")
    r = assess(inq, _law(), embedder=emb)
    assert r.tier == "disqualified" and r.fields["need"].value is None
    assert any("by meaning as Criminal defence" in x["detail"] and "Yorkshire Defence" in x["detail"]
               for x in r.reasons)


def test_a_meaning_need_earns_the_service_points_and_says_so():
    emb = WordEmbedder({"children": 0, "custody": 0})
    r = assess(inquiry_from_text(PLAIN), _law(), embedder=emb)
    assert r.fields["need"].value == "Family law" and r.tier == "warm"
    svc = next(x for x in r.reasons if x["criterion"] == "service")
    assert svc["points"] == 40 and "by meaning" in svc["detail"]
    assert any("by meaning" in f for f in r.flags)


@pytest.fixture(scope="module")
def minilm(tmp_path_factory):
    from models.embedders import build_embedder

    emb = build_embedder("minilm", query_cache=tmp_path_factory.mktemp("query-embedder"))
    emb.embed_query("warm up")
    return emb


@pytest.mark.real
def test_real_embedder_reads_a_plain_words_inquiry(minilm):
    r = assess(inquiry_from_text(PLAIN), _law(), embedder=minilm)
    need = r.fields["need"]
    assert (need.value, need.method) == ("Family law", "meaning") and need.confidence < 0.75
    assert r.tier == "warm"
    assert minilm.query_runtime == "onnx"  # the checked export, not torch


@pytest.mark.real
def test_real_embedder_gives_a_vague_inquiry_no_service(minilm):
    r = assess(inquiry_from_text(VAGUE), _law(), embedder=minilm)
    assert r.fields["need"].value is None and r.tier == "cold"
    near = meaning.nearest(VAGUE, _law(), minilm)
    assert not near.decided


@pytest.mark.real
def test_real_cli_reads_by_meaning_and_can_be_told_not_to(tmp_path):
    f = tmp_path / "plain.txt"
    f.write_text(PLAIN, encoding="utf-8")
    got = []
    for extra in ([], ["--no-meaning"]):
        cp = subprocess.run([sys.executable, "-m", "core.cli.main", "--home", str(tmp_path / "home"), "lead", str(f),
                             "--no-model", "--json", *extra], cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert cp.returncode == 0, cp.stderr
        got.append(json.loads(cp.stdout))
    assert got[0]["lead"]["need"] == "Family law" and got[0]["fields"]["need"]["method"] == "meaning"
    assert got[0]["fields"]["need"]["flagged"] is True
    assert got[1]["lead"]["need"] is None
