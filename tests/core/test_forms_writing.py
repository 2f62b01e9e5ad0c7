"""A capable model writes a value with its quote (Extract step 4): the quote must be on the
page, the value in the quote; otherwise the value is flagged. Only capable models write."""
from __future__ import annotations

import json

import pymupdf
import pytest

from core.chat.registry import ChatModelEntry, parameter_count
from core.documents.readers import open_document
from core.forms.engine import extract_document
from core.fields.records import REVIEW_BELOW
from core.fields.templates import get_template, template_from_schema
from core.forms.writing import check_written, write_schema
from models.fake import FakeChat, fits_schema

SCHEMA = {"type": "object", "properties": {
    "counterparty": {"type": "string", "description": "the other side of the agreement"},
    "start_date": {"type": "string", "format": "date", "description": "when the agreement starts"},
    "fee": {"type": "number", "x-kind": "money", "description": "the fee agreed"},
    "matter_number": {"type": "string", "x-kind": "id", "description": "the firm's matter number"},
}}


def _letter(path):
    doc = pymupdf.open()
    page = doc.new_page()
    text = ("We act for Harbour Lane Bakery Ltd in its dispute with the landlord, Morrow Estates plc. "
            "The lease began on 3 March 2021 and the agreed fee is £4,250.00 plus VAT. "
            "Please quote our reference when you reply.")
    page.insert_textbox(pymupdf.Rect(72, 72, 520, 400), text, fontsize=11)
    doc.save(path)
    return path


def _run(path, template, backend, **kw):
    gen = extract_document(str(path), template, backend, **kw)
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value


def test_capable_models():
    assert parameter_count("135M") == 135e6 and parameter_count("0.5B") == 0.5e9 and parameter_count("") is None
    assert not ChatModelEntry("smollm2", "/x", tiny=True, parameters="135M").capable
    assert ChatModelEntry("qwen", "/x", parameters="494M").capable
    assert not ChatModelEntry("small", "/x", parameters="360M").capable
    assert ChatModelEntry("q3", "/x", parameters="", catalog="qwen2.5-3b-instruct").capable
    assert ChatModelEntry("claude", "", kind="claude").capable


def test_written_values_are_checked_against_the_page(tmp_path):
    path = _letter(tmp_path / "letter.pdf")
    t = template_from_schema(SCHEMA, "lease")
    reply = {
        # right, and quoted from the page: kept, still to review
        "counterparty": {"value": "Morrow Estates plc", "quote": "the landlord, Morrow Estates plc."},
        # right, reformatted, quoted: the date read from the quote is the same date
        "start_date": {"value": "2021-03-03", "quote": "The lease began on 3 March 2021"},
        # a quote the page does not hold, and a value it does not hold either: dropped
        "fee": {"value": "4500", "quote": "the agreed fee is £4,500.00"},
        # the quote is on the page but the value is not in it: flagged
        "matter_number": {"value": "HL-2291", "quote": "Please quote our reference"},
    }
    backend = FakeChat([json.dumps(reply)])
    res = _run(path, t, backend, write=True)
    assert backend.schema_replacements == 0 and res.model_calls == 1
    asked = backend.requests[-1]
    assert "Morrow Estates plc" in asked["messages"][-1].content  # the page text reached the model
    f = res.fields
    assert f["counterparty"].value == "Morrow Estates plc" and f["counterparty"].method == "written"
    assert f["counterparty"].source == "the landlord, Morrow Estates plc." and f["counterparty"].boxes
    assert f["counterparty"].page == 1 and not f["counterparty"].notes
    assert f["start_date"].value == "2021-03-03" and not f["start_date"].notes
    # never shown as certain, however well it checks out
    assert all(fv.flagged and fv.confidence < REVIEW_BELOW for fv in f.values() if fv.method == "written"), f
    # the fee is settled by the page ("agreed fee is £4,250.00"): the model is not asked for it
    assert f["fee"].value == 4250.0 and f["fee"].method == "typed"
    assert "fee" not in backend.requests[-1]["json_schema"]["properties"]
    pages = list(open_document(path).pages)
    # neither its quote nor its value is on the page: the model made it up, the field stays empty
    assert check_written(t.field("fee"), "4500", "a retainer of 4500 each month", pages).value is None
    # a quote that matches the page's words but for its figure ("£4,500.00" where the page says
    # "£4,250.00") is not taken for an OCR slip: another figure is another value, not on the page
    near = check_written(t.field("fee"), "4500", "the agreed fee is £4,500.00", pages)
    assert near.value is None
    assert f["matter_number"].notes == ("the model's value is not in the text it quoted",)
    # a misquoted value that is printed on the page is shown with the page's words, flagged
    fee = check_written(t.field("fee"), "4,250.00", "paid 4,250.00 by cheque on Monday", pages)
    assert fee.value == 4250.0 and fee.notes == ("the model's quote was not found on the page",)
    assert fee.source == "£4,250.00" and fee.boxes


def test_the_bundled_model_only_chooses(tmp_path):
    path = _letter(tmp_path / "letter.pdf")
    t = template_from_schema(SCHEMA, "lease")
    backend = FakeChat([json.dumps({"counterparty": {"value": "Morrow Estates plc", "quote": "Morrow Estates plc"}})])
    res = _run(path, t, backend)  # write defaults to False
    assert all(fv.method != "written" for fv in res.fields.values())
    assert not any("writes" in json.dumps(c["json_schema"] or {}) for c in backend.requests)
    assert all("quote" not in json.dumps(c["json_schema"] or {}) for c in backend.requests)


def test_quotes_are_found_despite_ocr_slips_and_fields_settled_by_the_page_are_not_asked(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Client name: Alice Smith", fontsize=11)
    page.insert_text((72, 130), "She was referred by Dr Amrit Sandhu of Elm Park Surgery.", fontsize=11)
    doc.save(tmp_path / "a.pdf")
    pages = list(open_document(tmp_path / "a.pdf").pages)
    t = template_from_schema({"type": "object", "properties": {
        "client_name": {"type": "string", "x-kind": "name", "x-labels": ["Client name"]},
        "referred_by": {"type": "string", "description": "who referred the client"}}}, "intake")
    spec = t.field("referred_by")
    # OCR-like slips in the quote ("Sandhn", "Surqery") still find the words
    fv = check_written(spec, "Dr Amrit Sandhu", "referred by Dr Amrit Sandhn of Elm Park Surqery", pages)
    assert fv.value == "Dr Amrit Sandhu" and not fv.notes and fv.page == 1
    assert fv.source == "referred by Dr Amrit Sandhu of Elm Park Surgery."
    # the engine asks the model to write only what the page's labels did not settle
    backend = FakeChat([json.dumps({"referred_by": {"value": "Dr Amrit Sandhu", "quote": "Dr Amrit Sandhu"}})])
    res = _run(tmp_path / "a.pdf", t, backend, write=True)
    assert res.fields["client_name"].value == "Alice Smith" and res.fields["client_name"].method == "label"
    schema = backend.requests[-1]["json_schema"]
    assert "client_name" not in schema["properties"] and "referred_by" in schema["properties"]
    assert res.fields["referred_by"].value == "Dr Amrit Sandhu"


def test_write_schema_admits_null_for_a_field_the_document_does_not_give():
    spec = get_template("invoice").fields[:2]
    s = write_schema(spec)
    assert fits_schema({f.name: {"value": None, "quote": None} for f in spec}, s)
    assert not fits_schema({spec[0].name: {"value": 3}}, s)


@pytest.mark.parametrize("written", [None, "", "   "])
def test_no_value_written_is_an_empty_field(written, tmp_path):
    spec = get_template("client_intake").field("client_name")
    assert check_written(spec, written, "x", []).value is None
