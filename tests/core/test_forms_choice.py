import json

from core.fields.candidates import Candidate
from core.fields.choice import Scored, choice_schema, choose_with_model, clear_choice, label_score, needs_model, rank
from core.forms.engine import extract_document
from core.fields.templates import get_template
from models.fake import FakeChat
from tests.helpers import drive


def _c(cid, text, label, how="right", kinds=()):
    return Candidate(cid, text, 1, label, how, frozenset(kinds))


def test_label_scores_prefer_the_exact_and_the_specific():
    t = get_template("invoice")
    assert label_score("Invoice date", t.field("invoice_date")) == 1.0
    assert label_score("Invoice dte", t.field("invoice_date")) >= 0.86  # an OCR slip
    assert label_score("Due date", t.field("due_date")) > label_score("Due date", t.field("invoice_date"))
    assert label_score("payment is due on", t.field("due_date"), context=True) >= 0.6


def test_a_clear_best_needs_no_model_and_rivals_make_it_unclear():
    t = get_template("invoice")
    cands = [_c("c1", "10/02/2026", "Invoice date"), _c("c2", "20/10/2026", "Due date")]
    ranked = rank(t.fields, cands)
    assert clear_choice(t.field("invoice_date"), ranked["invoice_date"]).value == "2026-02-10"
    assert clear_choice(t.field("due_date"), ranked["due_date"]).value == "2026-10-20"
    two = rank(t.fields, [_c("c1", "10/02/2026", "Date"), _c("c2", "11/02/2026", "Date")])
    assert clear_choice(t.field("invoice_date"), two["invoice_date"]) is None
    assert [s.cand.id for s in needs_model(two["invoice_date"])] == ["c1", "c2"]


def test_the_model_chooses_under_an_enum_of_ids_and_cannot_invent():
    t = get_template("client_intake")
    fields = {f.name: f for f in t.fields}
    a, b = _c("c1", "Margaret Ellison", "writing for", "typed", {"name"}), _c("c2", "Harold Baines", "against", "typed", {"name"})
    options = {"client_name": [Scored(a, 0.5, a.text), Scored(b, 0.4, b.text)]}
    schema = choice_schema(options)
    assert schema["properties"]["client_name"] == {"enum": ["c1", "c2", None]}
    chat = FakeChat([json.dumps({"client_name": "c2"})])
    assert choose_with_model(chat, fields, options)["client_name"].cand is b
    assert chat.requests[0]["json_schema"] == schema
    # a backend that ignores the schema (a remote one, a broken grammar) cannot slip a value in
    unbound = Unbound([json.dumps({"client_name": "Margaret"}), "not json", json.dumps(["c1"])])
    assert [choose_with_model(unbound, fields, options)["client_name"] for _ in range(3)] == [None, None, None]


class Unbound(FakeChat):
    """Replays its replies whatever the schema says."""

    def stream(self, messages, *, max_tokens=512, json_schema=None, temperature=0.0):
        self.requests.append({"messages": list(messages), "json_schema": json_schema})
        yield self.replies.popleft()


class FirstChoice(FakeChat):
    """Answers, for every field, the first id its enum allows."""

    def stream(self, messages, *, max_tokens=512, json_schema=None, temperature=0.0):
        self.requests.append({"messages": list(messages), "json_schema": json_schema})
        yield json.dumps({k: v["enum"][0] for k, v in json_schema["properties"].items()})


def test_model_picks_are_copied_and_flagged_for_review(tmp_path):
    import pymupdf

    p = tmp_path / "letter.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Date:", fontsize=11)
    page.insert_text((200, 100), "10/02/2026", fontsize=11)
    page.insert_text((72, 130), "Date:", fontsize=11)
    page.insert_text((200, 130), "11/02/2026", fontsize=11)
    doc.save(p)
    chat = FirstChoice()
    events, res = drive(extract_document(str(p), get_template("invoice"), chat))
    assert len(chat.requests) == 1 and res.model_calls == 1
    assert any(e.stage == "choosing" for e in events)
    enum = chat.requests[0]["json_schema"]["properties"]["invoice_date"]["enum"]
    assert len(enum) == 3 and enum[-1] is None
    fv = res.fields["invoice_date"]
    assert fv.method == "model" and fv.value in ("2026-02-10", "2026-02-11") and fv.flagged
    assert fv.source in ("10/02/2026", "11/02/2026") and fv.page == 1 and fv.boxes
