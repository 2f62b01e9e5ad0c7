"""Exports for the office's CRM, each parsed back: HubSpot's CSV with the csv module, Clio
Grow's lead inbox JSON with json, vCard with vobject."""
from __future__ import annotations

import csv
import json

import pytest
import vobject

from core.leads.export import HUBSPOT_HEADER, split_name, to_clio_json, to_hubspot_csv, to_vcard
from core.leads.store import LeadsStore
from tests.core.leads_data import lead_json


@pytest.fixture
def leads(tmp_path):
    store = LeadsStore(tmp_path / "leads.sqlite")
    a = store.add(lead_json(str(tmp_path / "a.eml"), name="Dr. Maria de la Cruz", email="maria@cruz.example",
                            phone="+34 912 345 678", organization="Cruz & Hijos, S.L.")).lead
    store.set_status(a.id, "Consultation booked")
    store.set_notes(a.id, "Prefers Spanish; meeting room 2.")
    store.set_follow_up(a.id, "2026-12-10")
    b = store.add(lead_json(str(tmp_path / "b.csv#2"), name="=2+5*cmd Evil", email=None,
                            phone=None, organization="@evil", kind="csv", need=None)).lead
    c = store.add(lead_json(str(tmp_path / "c.eml"), name=None, email="no.name@example.org", phone=None,
                            organization=None, tier="cold", score=20)).lead
    store.set_status(c.id, "Not a fit")
    return [store.get(a.id), store.get(b.id), store.get(c.id)]


def test_split_name():
    assert split_name("Ada Okafor") == ("Ada", "Okafor")
    assert split_name("Dr. Maria de la Cruz") == ("Maria", "de la Cruz")
    assert split_name("Okafor, Ada") == ("Ada", "Okafor")
    assert split_name("John Smith Jr.") == ("John", "Smith")
    assert split_name("Mary Ann van der Berg") == ("Mary Ann", "van der Berg")
    assert split_name("Cher") == ("Cher", "")
    assert split_name(None) == ("", "") and split_name("  ") == ("", "")


def test_hubspot_csv_parses_back_with_its_own_headers(leads, tmp_path):
    out = tmp_path / "hubspot.csv"
    to_hubspot_csv(leads, out)
    with open(out, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    with open(out, newline="", encoding="utf-8-sig") as f:
        assert tuple(next(csv.reader(f))) == HUBSPOT_HEADER
    assert rows[0] == {"First Name": "Maria", "Last Name": "de la Cruz", "Email": "maria@cruz.example",
                       "Phone Number": "+34 912 345 678", "Company Name": "Cruz & Hijos, S.L.",
                       "Lifecycle Stage": "Sales Qualified Lead", "Lead Status": "Connected"}
    # text from an inquiry never runs as a spreadsheet formula; a missing value stays empty
    assert rows[1]["First Name"].startswith("'=") and rows[1]["Company Name"] == "'@evil"
    assert rows[1]["Email"] == "" and rows[1]["Phone Number"] == ""
    assert rows[2]["First Name"] == "" and rows[2]["Last Name"] == ""  # no name guessed from the address
    assert rows[2]["Lifecycle Stage"] == "Other" and rows[2]["Lead Status"] == "Unqualified"
    assert not list(tmp_path.glob("*.tmp"))


def test_clio_grow_json_parses_back(leads, tmp_path):
    out = tmp_path / "clio.json"
    to_clio_json(leads, out)
    got = json.loads(out.read_text(encoding="utf-8"))
    assert [sorted(g) for g in got] == [sorted(["from_first", "from_last", "from_email", "from_phone",
                                                "from_message", "from_source"])] * 3
    assert got[0]["from_first"] == "Maria" and got[0]["from_last"] == "de la Cruz"
    assert got[0]["from_email"] == "maria@cruz.example" and got[0]["from_phone"] == "+34 912 345 678"
    assert got[0]["from_message"].startswith("Need: Employment\n\nDismissed by the board")
    assert got[0]["from_source"] == "Jane Holt"  # the referral source, when the inquiry names one
    assert got[2]["from_first"] == "" and got[2]["from_email"] == "no.name@example.org"


def test_vcard_parses_back(leads, tmp_path):
    out = tmp_path / "leads.vcf"
    to_vcard(leads, out)
    cards = list(vobject.readComponents(out.read_text(encoding="utf-8")))
    assert len(cards) == 3
    a = cards[0]
    assert a.fn.value == "Dr. Maria de la Cruz"
    assert a.n.value.given == "Maria" and a.n.value.family == "de la Cruz"
    assert a.email.value == "maria@cruz.example" and a.tel.value == "+34 912 345 678"
    assert a.org.value == ["Cruz & Hijos, S.L."]
    assert "Status: Consultation booked" in a.note.value and "Follow up: 2026-12-10" in a.note.value
    assert "Prefers Spanish" in a.note.value
    assert cards[2].fn.value == "no.name@example.org" and not hasattr(cards[2], "tel")
