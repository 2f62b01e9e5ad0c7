"""Lead fields copied from the inquiry through the Extract engine: every value's source is the
inquiry's own words at [start:end] (or a header), a clear value needs no model, the model
chooses among candidate ids only and its pick is flagged."""
from __future__ import annotations

import pytest

from core.leads.assess import assess
from core.leads.intake import Inquiry, inquiry_from_text
from core.leads.rubric import load_rubric
from models.fake import FakeChat

LAW = load_rubric()


def test_every_value_is_copied_with_its_offsets():
    inq = Inquiry("x.eml", "eml", "Helen Marsh", "helen@northfield.example", "", "", "Supplier dispute",
                  "Good afternoon,\n\nI am the managing director of Northfield Joinery Ltd, based in Huddersfield.\n"
                  "A supplier is in breach of contract. We have a budget of £5,000 for this.\n"
                  "Please give me a call on 01484 960233. My colleague Ann Lee recommended you.\n\nRegards,",
                  "Helen Marsh\nManaging Director")
    j = assess(inq, LAW).as_json()
    lead = j["lead"]
    assert lead == {"name": "Helen Marsh", "email": "helen@northfield.example", "phone": "+441484960233",
                    "organization": "Northfield Joinery Ltd", "need": "Business contracts",
                    "description": lead["description"], "urgency": None, "location": "Huddersfield", "budget": 5000.0,
                    "referral_source": "Ann Lee", "preferred_contact": "phone"}
    for name, f in j["fields"].items():
        if f["value"] is None:
            assert f["method"] == "" and f["source"] == ""
        elif f["method"] == "header":
            assert f["start"] is None and f["source"] in (inq.sender_name, inq.sender_email, inq.reply_to)
        elif f["method"] == "signature":
            assert inq.signature[f["start"]:f["end"]] == f["source"]
        elif f["start"] is not None:
            assert inq.text[f["start"]:f["end"]] == f["source"], name
    assert j["fields"]["budget"]["source"] == "£5,000" and not j["fields"]["budget"]["flagged"]
    assert lead["description"].startswith("I am the managing director")


def test_a_web_form_robot_is_not_the_sender_and_a_lone_number_is_the_writers():
    q = inquiry_from_text("From: WordPress <noreply@firm.example>\nReply-To: Claire Denby <claire@example.com>\n"
                          "Subject: Form\n\nName: Claire Denby\nMessage: I want a child arrangements order.\n"
                          "You can get me on 07700 900287 any time.\n")
    j = assess(q, LAW).as_json()
    assert j["lead"]["email"] == "claire@example.com" and j["fields"]["email"]["method"] == "header"
    assert j["lead"]["name"] == "Claire Denby" and j["fields"]["name"]["method"] == "label"
    assert j["lead"]["phone"] == "+447700900287" and not j["fields"]["phone"]["flagged"]


def test_team_and_robot_headers_are_no_names_and_accents_are():
    assert assess(inquiry_from_text("From: Growth Team <hi@seo.example>\nSubject: x\n\nHello there.\n"), LAW
                  ).as_json()["lead"]["name"] is None
    got = assess(inquiry_from_text("From: Lucía Martínez <l@example.com>\nSubject: x\n\nHello there.\n"), LAW).as_json()
    assert got["lead"]["name"] == "Lucía Martínez"


def test_two_numbers_go_to_the_model_as_ids_and_its_pick_is_flagged():
    text = ("I was made redundant in Leeds. My office number is 0113 496 0404 and my mobile is 07700 900515.")
    chat = FakeChat()
    q = inquiry_from_text(text)
    # the fake answers the schema's smallest instance (the first id): what was it offered?
    j = assess(q, LAW, backend=chat).as_json()
    choice = [r for r in chat.requests if "phone" in (r["json_schema"] or {}).get("properties", {})]
    assert choice, "the two numbers should have gone to the model"
    enum = choice[0]["json_schema"]["properties"]["phone"]["enum"]
    assert len(enum) == 3 and enum[-1] is None and all(str(e).startswith("c") for e in enum[:-1])
    picked = enum[0]
    chat2 = FakeChat([f'{{"phone": "{enum[1]}"}}'])
    j2 = assess(inquiry_from_text(text), LAW, backend=chat2).as_json()
    f = j2["fields"]["phone"]
    assert f["method"] == "model" and f["flagged"] and f["value"] in ("+441134960404", "+447700900515")
    assert text[f["start"]:f["end"]] == f["source"]
    first = j["fields"]["phone"]
    assert picked == "c1" and first["method"] == "model" and first["flagged"] and first["confidence"] < 0.75


def test_no_model_leaves_an_unclear_value_empty_not_guessed():
    text = "I was made redundant in Leeds. My office number is 0113 496 0404 and my mobile is 07700 900515."
    assert assess(inquiry_from_text(text), LAW).as_json()["lead"]["phone"] is None


def test_a_declined_number_is_not_the_phone():
    text = ("I work in Leeds and was made redundant. My work number is 0113 496 0404 but please don't call me there; "
            "the best number is my mobile, 07700 900515.")
    j = assess(inquiry_from_text(text), LAW).as_json()
    assert j["lead"]["phone"] == "+447700900515" and j["lead"]["preferred_contact"] is None


@pytest.mark.parametrize("text, signature, want", [
    ("I run a small candle business from Holmfirth called Wild Moor Candles. We need help.", "", "Wild Moor Candles"),
    ("I own a small cafe in Guiseley (The Bean Room). In the summer we signed a contract.", "", "The Bean Room"),
    ("We are a design studio of twelve people in Bristol, Hartcliffe Design Studio. Several of us sit all day.",
     "", "Hartcliffe Design Studio"),
    ("I run a cleaning company in Weston (Sparkle & Shine Cleaning Ltd) with 25 staff.", "", "Sparkle & Shine Cleaning Ltd"),
    ("We need assessments for our drivers.", "Segun Ilori\nHR Manager, Gorge Line Coaches Ltd", "Gorge Line Coaches Ltd"),
    # a town after a business word, or a place on a signature line, is no organisation
    ("We run a small business in Leeds, Headingley.", "", None),
    ("I work in a shop and my boss shouts.", "Tom Hart\nLeeds, West Yorkshire", None),
])
def test_an_organisation_named_in_the_writers_words_or_on_a_role_line(text, signature, want):
    from core.leads.fields import extract_fields

    fields, _ = extract_fields(text, signature)
    assert fields["organization"].value == want


def test_a_callers_title_is_not_part_of_their_name_but_stays_in_the_source():
    from core.leads.fields import extract_fields

    text = "Mrs Carol Bright rang on 07700 900410 about her knee."
    f = extract_fields(text, "")[0]["name"]
    assert f.value == "Carol Bright" and text[f.start:f.end] == f.source == "Mrs Carol Bright"
    assert extract_fields("Call from Mrs Bright: back pain.", "")[0]["name"].value == "Mrs Bright"  # no given name
