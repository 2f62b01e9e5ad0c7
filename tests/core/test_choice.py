"""Rows are sentences, and a tiny model's figure comes from the row that matches the question."""
from __future__ import annotations

import pytest

from core.ask import choice
from core.ask import citations as cz
from core.ask.answering import DROPPED_ANSWER, UNSURE, Assistant
from core.services import Library, run_to_end
from core.settings import Settings
from core.types import Hit
from models.fake import FakeChat
from tests.helpers import drive

# As the PDF reader writes a table: one line per row, cells joined by two spaces.
FEES = """SCHEDULE OF FEES
Harbour & Vale LLP bills its time at the hourly rates below unless a written agreement sets a fixed fee.

Role  Hourly rate  Typical work
Senior partner  $450  Strategy, trial, settlement
Partner  $390  Advice, negotiation
Associate  $275  Research, drafting, motions
Articling student  $160  Research, document review
Paralegal  $140  Filings, disclosure

Time is recorded in six-minute units."""


def _hit(text: str = FEES) -> Hit:
    return Hit(path="/docs/fees.txt", page=None, score=1.0, text=text, title="Schedule of fees")


def test_table_rows_and_list_items_are_sentences():
    got = cz.sentences(FEES)
    assert "Associate  $275  Research, drafting, motions" in got
    assert "Articling student  $160  Research, document review" in got
    assert not any("$275" in s and "$160" in s for s in got)
    # the prose around the table keeps its wrapped lines together
    assert got[0].startswith("SCHEDULE OF FEES") and "hourly rates below" in got[0]
    items = cz.sentences("Bring with you:\n- your health card\n- photo identification\n- a list of medicines")
    assert items[1:] == ["- your health card", "- photo identification", "- a list of medicines"]
    # wrapped prose with no rows is still one sentence
    assert cz.sentences("The clinic opens at\neight on weekdays.") == ["The clinic opens at\neight on weekdays."]


def test_a_row_is_matched_with_its_header():
    spans = cz.sentence_spans(FEES)
    heads = cz.headers(FEES, spans)
    row = next(i for i, s in enumerate(spans) if FEES[s.start:s.end].startswith("Associate"))
    assert FEES[heads[row].start:heads[row].end] == "Role  Hourly rate  Typical work"
    assert cz.best_quote(FEES, "What is the hourly rate for an associate?") == "Associate  $275  Research, drafting, motions"
    assert cz.passage_relevance(cz.content_terms("hourly rate for an associate"), FEES) == 1.0


def test_the_row_naming_the_role_is_chosen_without_a_model_call():
    chat = FakeChat(['"r2"'])
    unit, how = choice.choose(chat, "What is the hourly rate for an associate?", [_hit()])
    assert how == "ranked" and chat.requests == []
    assert unit.quote([_hit()]) == "Associate  $275  Research, drafting, motions"
    assert unit.text.startswith("Role  Hourly rate")  # the model is told what $275 is


def test_a_role_not_in_the_table_gets_no_row():
    chat = FakeChat(['"r1"'])
    for question in ("What is the hourly rate for a bookkeeper?", "What is the hourly rate for a tax specialist?"):
        unit, _ = choice.choose(chat, question, [_hit()])
        assert unit is None, question
    assert chat.requests == []  # not even offered to the model


RETAINER = """4. Fees
The Client will pay a monthly retainer of $2,500. Before work starts the Client will pay an
initial deposit of $10,000, held in the Firm's trust account.

Dental fees
Service  Fee  Notes
Root canal treatment  $1,240  Molar tooth
Porcelain crown  $1,390  Two visits"""


def test_words_that_only_shape_a_question_do_not_make_it_a_near_miss():
    # "How large": the passage never says "large", yet it states the deposit
    unit, how = choice.choose(FakeChat(), "How large is the initial deposit held in trust?", [_hit(RETAINER)])
    assert unit is not None and "$10,000" in unit.quote([_hit(RETAINER)]) and how == "ranked"
    # a thing the passage never names still is one: no sedation fee, however close the row
    chat = FakeChat(['"r1"'])
    unit, _ = choice.choose(chat, "What is the fee for sedation during a root canal?", [_hit(RETAINER)])
    assert unit is None and chat.requests == []


def test_a_tie_is_put_to_the_model_under_an_enum_grammar():
    text = ("Room  Daily rate\nSmall room  $80\nLarge room  $120\nBoard room  $200\n")
    hits = [Hit(path="/docs/rooms.txt", page=None, score=1.0, text=text)]
    question = "What is the daily rate for a room?"
    chat = FakeChat(['"r2"'])
    unit, how = choice.choose(chat, question, hits)
    request = chat.requests[0]
    ids = request["json_schema"]["enum"]
    assert request["json_schema"]["type"] == ["string", "null"] and ids[-1] is None and len(ids) >= 3
    assert how == "model" and unit is not None and unit.id == "r2"
    assert f"r2: {' '.join(unit.text.split())}" in request["messages"][-1].content
    # null is no choice
    unit, how = choice.choose(FakeChat(["null"]), question, hits)
    assert unit is None and how == "the model chose none"
    # a backend that cannot follow a grammar is not asked to choose
    no_schema = FakeChat(['"r1"'])
    no_schema.supports_schema = False
    assert choice.choose(no_schema, question, hits) == (None, "the model chose none") and no_schema.requests == []


def test_a_question_for_an_amount_is_not_answered_by_a_unit_without_one():
    text = "Late arrival\nIf you arrive more than 15 minutes late, we may need to rebook your appointment."
    unit, _ = choice.choose(FakeChat(), "What is the fee for arriving late to an appointment?", [_hit(text)])
    assert unit is None


@pytest.fixture
def fee_lib(tmp_path) -> Library:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "fees.txt").write_text(FEES, encoding="utf-8")
    s = Settings.load(tmp_path / "home")
    s.fake_backends = True
    lib = Library(s)
    assert run_to_end(lib.index([str(docs)])).added == 1
    return lib


def test_tiny_model_sees_the_row_and_may_state_only_its_figure(fee_lib):
    question = "What is the hourly rate for an associate?"
    chat = FakeChat(["The hourly rate for an associate is $275."])
    _, ans = drive(Assistant(fee_lib, chat, tiny_model=True).ask(question))
    user = chat.requests[0]["messages"][-1].content
    assert "Associate  $275" in user and "$160" not in user and "$450" not in user
    assert ans.found is True and ans.answer == "The hourly rate for an associate is $275."
    assert [c.quote for c in ans.citations] == ["Associate  $275  Research, drafting, motions"]


def test_a_lead_in_with_nothing_after_shows_the_chosen_row_as_it_stands(fee_lib):
    """"The answer is:" and no more: the model wrote nothing, so the row the ranking chose is the answer,
    copied from the page; an answer that only restates the question is still not shown."""
    question = "What is the hourly rate for an associate?"
    _, ans = drive(Assistant(fee_lib, FakeChat(["The answer is:"]), tiny_model=True).ask(question))
    assert ans.found is True and ans.answer == "Associate  $275  Research, drafting, motions"
    assert [c.quote for c in ans.citations] == [ans.answer] and "as it stands" in ans.notice
    _, ans = drive(Assistant(fee_lib, FakeChat(["The hourly rate for an associate is the rate."]), tiny_model=True)
                   .ask(question))
    assert ans.found is False


def test_a_figure_from_another_row_is_withheld_with_found_false(fee_lib):
    question = "What is the hourly rate for an associate?"
    _, ans = drive(Assistant(fee_lib, FakeChat(["The hourly rate for an associate is $160."]), tiny_model=True)
                   .ask(question))
    assert ans.found is False and ans.answer == DROPPED_ANSWER and ans.citations == []
    assert [c.quote for c in ans.closest] == ["Associate  $275  Research, drafting, motions"]
    out = ans.as_json()
    assert out["found"] is False and out["citations"] == [] and "$275" in out["closest"][0]["quote"]


def test_a_role_not_in_the_table_is_not_answered(fee_lib):
    chat = FakeChat(["The hourly rate is $140."])
    _, ans = drive(Assistant(fee_lib, chat, tiny_model=True).ask("What is the hourly rate for a bookkeeper?"))
    assert ans.found is False and ans.citations == [] and "$140" not in ans.answer
    assert ans.answer in (UNSURE, "The documents in your library do not contain an answer to this.")


def test_the_figure_must_come_from_the_clause_that_matches():
    unit = ("The preparation of the T2 return is billed at a fixed fee of $1,850, and each quarterly HST return "
            "at a fixed fee of $240.")
    clause = choice.figure_clause(unit, "What is the fixed fee for preparing the T2 return?")
    assert "$1,850" in clause and "$240" not in clause
    assert cz.unsupported_numbers("The fixed fee is $240.", [clause]) == ["240"]


def test_an_answer_that_only_restates_the_question_is_not_shown():
    unit = "Helen Marsh, CPA, is the partner responsible for the engagement."
    q = "Which partner is responsible for the engagement?"
    assert not choice.adds_unit_words("The partner responsible is the partner of the engagement.", unit, q)
    assert choice.adds_unit_words("Helen Marsh is responsible.", unit, q)


def test_a_when_question_needs_a_unit_with_a_time():
    text = ("Opening hours\nThe centre is open on the days and at the times below.\n\n"
            "Day  Hours\nFriday  8:00 to 14:00\nSaturday  9:00 to 13:00\nSunday  Closed")
    unit, _ = choice.choose(FakeChat(), "When is the centre open on Saturday?", [_hit(text)])
    assert unit is None or unit.quote([_hit(text)]).startswith("Saturday")
