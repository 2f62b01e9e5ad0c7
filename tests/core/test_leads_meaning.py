"""The need read by meaning when no keyword of the rubric names it (core.leads.meaning)."""
from __future__ import annotations

import json
import subprocess
from dataclasses import replace
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
    """The built-in law rubric without its everyday examples and sales pitches: the word-axis
    double above then has a geometry the tests can reason about."""
    r = load_rubric(office="law")
    return replace(r, services=tuple(replace(x, examples=()) for x in r.services),
                   exclusions=tuple(replace(x, examples=()) for x in r.exclusions), sales=())


def _with(examples: dict[str, tuple[str, ...]], sales: tuple[str, ...] = ()):
    """That rubric with the given examples (service or exclusion name -> texts) and sales pitches."""
    r = _law()
    return replace(r, services=tuple(replace(x, examples=examples.get(x.name, ())) for x in r.services),
                   exclusions=tuple(replace(x, examples=examples.get(x.name, ())) for x in r.exclusions),
                   sales=sales)


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


# ---- everyday examples, sales pitches, two readings agreeing --------------------------------

def test_rubric_reads_examples_for_services_exclusions_and_sales():
    from core.leads.rubric import RubricError, rubric_from_dict

    data = {"office": "X", "services": [{"name": "Family law", "keywords": ["divorce"],
                                         "examples": ["My wife and I are splitting up."]}],
            "service_area": [], "min_budget": None, "exclusions": ["Immigration"],
            "exclusion_examples": {"Immigration": ["My fiancee wants to come and live here."]},
            "referrals": {}, "red_flags": {"sales": ["We help firms like yours get more clients."]}}
    r = rubric_from_dict(data)
    assert r.services[0].examples == ("My wife and I are splitting up.",)
    assert r.exclusions[0].examples == ("My fiancee wants to come and live here.",)
    assert r.sales == ("We help firms like yours get more clients.",)
    labs = meaning.labels(r)
    assert labs[0].texts == ("Family law", "divorce", "My wife and I are splitting up.")
    assert labs[-1].kind == meaning.SPAM and labs[-1].texts == r.sales
    with pytest.raises(RubricError):
        rubric_from_dict({**data, "exclusion_examples": ["not a map"]})
    # the built-in rubrics carry them
    law = load_rubric(office="law")
    assert all(s.examples for s in law.services) and all(x.examples for x in law.exclusions) and law.sales


def test_a_service_is_found_through_an_everyday_example():
    # "renting" is on no keyword of any service; one of Landlord and tenant's examples says it
    emb = WordEmbedder({"renting": 0, "stopped": 1, "paying": 1})
    rubric = _with({"Landlord and tenant": ("The people renting my flat have stopped paying.",)})
    f, _, _ = classify_need("The couple renting from me stopped paying in May.", rubric, embedder=emb)
    assert (f.value, f.method) == ("Landlord and tenant", "meaning")


def test_the_sales_label_takes_part_only_when_the_wording_sells():
    from core.leads.score import selling

    emb = WordEmbedder({"clients": 0, "firms": 0, "yours": 0, "online": 0})
    rubric = _with({}, ("We help firms like yours get more clients online.",))
    text = "We help firms like yours win clients online."
    assert selling(text)
    assert meaning.nearest(text, rubric, emb, sales=True).label.kind == meaning.SPAM
    assert meaning.nearest(text, rubric, emb, sales=False).label.kind != meaning.SPAM
    for plain in ("Could we book an appointment on Thursday?", "We are buying a house in Leeds.",
                  "Hi, do you take new patients? What are your prices?", "My employer has cut my hours."):
        assert not selling(plain), plain
    for pitch in ("We are a printing company offering cards to clinics.", "Trade prices: 40% off bulk orders.",
                  "We place your firm's adverts on local sites."):
        assert selling(pitch), pitch


def test_a_sales_pitch_by_meaning_disqualifies_as_spam_and_says_it_was_read():
    emb = WordEmbedder({"clients": 0, "firms": 0, "yours": 0, "online": 0})
    inq = inquiry_from_text("From: Reach <hi@reach.example>\n\nWe help firms like yours win clients online. "
                            "Can I send some figures?\n")
    r = assess(inq, _with({}, ("We help firms like yours get more clients online.",)), embedder=emb)
    assert r.tier == "disqualified" and "spam" in r.flags
    assert any("sales pitch" in x["detail"] for x in r.reasons)
    assert any("read by meaning as a sales pitch" in f for f in r.flags)
    assert r.model_calls == 0


def test_a_genuine_inquiry_is_never_drawn_to_the_sales_label():
    # same geometry, but the wording asks rather than sells: the sales label is not compared at all
    emb = WordEmbedder({"clients": 0, "firms": 0, "yours": 0, "online": 0})
    inq = inquiry_from_text("From: Jo <jo@example.com>\n\nI found you online; my clients said to write. Can you help?\n")
    r = assess(inq, _with({}, ("We help firms like yours get more clients online.",)), embedder=emb)
    assert r.tier != "disqualified" and "spam" not in r.flags


def test_the_model_naming_the_nearest_service_makes_a_reading_that_counts():
    from models.fake import FakeChat

    # "house" is as near Conveyancing as Family law ("custody" shares its axis): no clear winner
    emb = WordEmbedder({"house": 0, "custody": 0, "conveyancing": 0, "move": 1, "completion": 1})
    text = "It is about the house and the move."
    near = meaning.nearest(text, _law(), emb)
    assert not near.decided and near.similarity >= meaning.THRESHOLD
    agree = FakeChat([f'"{near.label.name}"', f'"{near.label.name}"'])
    f, _, calls = classify_need(text, _law(), agree, near=near)
    assert (f.value, f.method, calls) == (near.label.name, "meaning", 2)
    assert f.flagged and "by the model" in f.notes[0]
    other = next(n for n in _law().service_names if n != near.label.name)
    f, _, _ = classify_need(text, _law(), FakeChat([f'"{other}"', f'"{other}"']), near=near)
    assert (f.value, f.method) == (other, "model")  # the model alone: shown, earns nothing


SELLS = ("From: Print House <sales@print.example>\n\nHello,\n\nWe are a printing company offering branded "
         "appointment cards and leaflets to clinics at 30% off this month. Reply for a price list.\n")
THURSDAY = ("From: Tanya Morris <tanya@example.com>\n\nHi, I twisted my knee playing netball and it is still swollen "
            "and sore when I bend it. Is there any chance of an appointment on Thursday?\n")


@pytest.mark.real
def test_real_embedder_reads_a_sales_pitch_in_plain_words(minilm):
    r = assess(inquiry_from_text(SELLS), load_rubric(office="clinic"), embedder=minilm)
    assert r.tier == "disqualified" and "spam" in r.flags


@pytest.mark.real
def test_real_embedder_reads_a_knee_as_physiotherapy_not_a_sale(minilm):
    r = assess(inquiry_from_text(THURSDAY), load_rubric(office="clinic"), embedder=minilm)
    assert r.fields["need"].value == "Physiotherapy" and "spam" not in r.flags
    assert r.fields["urgency"].value == "on Thursday"


@pytest.mark.real
def test_real_embedder_batches_give_the_vectors_one_query_at_a_time_gives(minilm):
    texts = ["divorce", "The people renting my flat have stopped paying.", "a will",
             "We help solicitors and law firms win more clients online.", "My heel hurts in the morning."]
    many = minilm.embed_queries(texts)
    assert minilm.query_runtime == "onnx" and many.shape == (len(texts), 384)
    for t, v in zip(texts, many):
        one = minilm.embed_query(t)
        assert float(np.dot(one, v) / np.linalg.norm(one) / np.linalg.norm(v)) > 0.9999


def test_an_exclusion_needs_a_smaller_lead_than_a_service_when_no_service_keyword_is_named():
    ip = meaning.Label(meaning.EXCLUSION, "Patent and trademark", ("Patent and trademark",))
    biz = meaning.Label(meaning.SERVICE, "Business and commercial", ("Business and commercial",))
    close = meaning.Nearest(ip, 0.52, biz, 0.44, "", None)
    assert close.excludes and not close.decided  # a lead of 0.08: enough for an exclusion only
    assert not meaning.Nearest(biz, 0.52, ip, 0.44, "", None).excludes
    assert not meaning.Nearest(ip, 0.40, biz, 0.20, "", None).excludes  # not near enough at all


@pytest.mark.real
def test_real_embedder_reads_copied_designs_as_a_matter_the_office_does_not_take(minilm):
    inq = inquiry_from_text("From: Holly Marsden <holly@example.com>\n\nSomeone is selling copies of my handmade "
                            "jewellery designs online and using my brand name to do it. I'm based in Leeds. I want "
                            "them to stop. Can you help?\n\nHolly Marsden\n07700 900803\n")
    r = assess(inq, load_rubric(office="law"), embedder=minilm)
    assert r.tier == "disqualified" and any("Patent and trademark" in x["detail"] for x in r.reasons)
