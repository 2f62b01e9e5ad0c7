"""`locum remove` and `locum erase` reach the leads pipeline: no text of a removed inquiry
file, nor of a removed library document quoted in a lead's conflicts, stays under the home."""
from __future__ import annotations

import json

import pytest

from core.cli.main import main
from core.leads.store import LeadsStore, inquiry_key
from core.services import Services, run_to_end
from core.settings import HOME_ENTRIES, Settings
from tests.core.leads_data import lead_json
from tests.core.test_removal import bytes_holding

DEED = "The Marrowby settlement deed binds Quillon Shipping to the harbour lease."
INQUIRY_SECRET = "Tamsin Reave"


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setenv("LOCUM_FAKE_BACKENDS", "1")


def _home(tmp_path):
    docs = tmp_path / "docs"
    (docs / "deeds").mkdir(parents=True)
    deed = docs / "deeds" / "marrowby.txt"
    deed.write_text(DEED, encoding="utf-8")
    (docs / "other.txt").write_text("Okafor v Lane, a settled claim.", encoding="utf-8")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "reave.eml").write_text("From: t@example.org\n\nHello", encoding="utf-8")
    home = tmp_path / "home"
    services = Services(Settings.load(home))
    run_to_end(services.library.index([str(docs)]))
    store = services.lead_records
    hits = services.library.search("Quillon Shipping", k=3, mode="keyword")
    assert hits and hits[0].path == str(deed)
    store.add(lead_json(str(inbox / "reave.eml"), name=INQUIRY_SECRET, email="t@example.org", phone=None,
                        organization="Reave Marine", text=f"I am {INQUIRY_SECRET} of Reave Marine."))
    conflicts = [{"name": "Quillon Shipping", "matched": hits[0].text[:60], "where": "library",
                  "detail": "named in a library document", "score": 90.0},
                 {"name": INQUIRY_SECRET, "matched": INQUIRY_SECRET, "where": "leads", "detail": "an earlier inquiry",
                  "score": 100.0}]
    store.add(lead_json(str(inbox / "new.eml"), conflicts=conflicts),
              sources=[[str(deed)], [inquiry_key({"file": str(inbox / "reave.eml")})]])
    services.close()
    return home, docs, inbox


def test_locum_remove_erases_a_removed_documents_quote_from_lead_conflicts(tmp_path, fake, capsys):
    home, docs, _inbox = _home(tmp_path)
    assert bytes_holding(home, "Marrowby settlement")  # the test can see it before
    assert main(["--home", str(home), "remove", str(docs / "deeds"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["records_erased"] >= 1
    assert bytes_holding(home, "Marrowby settlement") == []
    (_first, lead) = LeadsStore(Settings.load(home).leads_path).list()
    assert [c["where"] for c in lead.data["conflicts"]] == ["leads"]


def test_locum_remove_of_an_inquiry_file_erases_its_lead_everywhere(tmp_path, fake, capsys):
    home, _docs, inbox = _home(tmp_path)
    assert bytes_holding(home, INQUIRY_SECRET)
    # the inbox was never in the library; its lead notes are still erased
    assert main(["--home", str(home), "remove", str(inbox / "reave.eml"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["records_erased"] == 2  # its lead, and a conflict quoting it
    assert bytes_holding(home, INQUIRY_SECRET) == []
    (lead,) = LeadsStore(Settings.load(home).leads_path).list()
    assert [c["where"] for c in lead.data["conflicts"]] == ["library"]


def test_erase_takes_the_pipeline_along(tmp_path, fake, capsys):
    home, _docs, _inbox = _home(tmp_path)
    assert (home / HOME_ENTRIES["leads"]).exists()
    assert main(["--home", str(home), "erase", "--yes"]) == 0
    assert not (home / "leads.sqlite").exists() and bytes_holding(home, INQUIRY_SECRET) == []
