"""The leads pipeline through the services: a folder of inquiries read, assessed by the real
engine (no chat model: keywords decide) and kept, with counts, a file that fails alone,
duplicates offered, cancel keeping what is done, the office's rubric and client list kept,
and conflicts traced to the documents they were found in so that removal takes them out."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.errors import LocumError
from core.leads.pipeline import LeadProgress, RunReport
from core.services import Services, run_to_end
from core.settings import Settings
from tests.core.test_removal import bytes_holding
from tests.helpers import drive

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "leads"


@pytest.fixture
def services(tmp_path, monkeypatch):
    monkeypatch.setenv("LOCUM_FAKE_BACKENDS", "1")
    s = Services(Settings.load(tmp_path / "home"))
    s.leads._backend = lambda: None  # no chat model: the rubric's keywords decide the need
    yield s
    s.close()


def _inbox(tmp_path, names):
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    for n in names:
        shutil.copy(DATA / "law" / n, inbox / n)
    return inbox


def test_a_folder_is_read_assessed_and_kept_with_counts(services, tmp_path):
    inbox = _inbox(tmp_path, ["L01_divorce_urgent.eml", "L06_seo_spam.eml", "L09_eviction_conflict.eml"])
    (inbox / "empty.eml").write_bytes(b"")
    (inbox / "notes.pdf").write_bytes(b"%PDF-1.4")
    events, report = drive(services.leads.add([str(inbox)]))
    assert isinstance(report, RunReport)
    assert len(report.added) == 3 and report.updated == []
    failed = dict(report.failed)
    assert set(failed) == {str(inbox / "empty.eml"), str(inbox / "notes.pdf")}
    assert all(failed.values())  # each says why
    kept = [e for e in events if isinstance(e, LeadProgress) and e.stage == "kept"]
    assert [e.done for e in kept] == sorted(e.done for e in kept) and kept[-1].done == kept[-1].total == 5
    leads = services.leads.list()
    assert len(leads) == 3
    spam = next(lead for lead in leads if lead.file.endswith("L06_seo_spam.eml"))
    assert spam.tier == "disqualified" and spam.status == "New"
    eviction = next(lead for lead in leads if lead.file.endswith("L09_eviction_conflict.eml"))
    assert eviction.email == "liam.costello@gmail.com" and eviction.data["fields"]["email"]["method"]

    # the same folder again: the same leads, read again, nothing duplicated
    services.leads.store.set_status(eviction.id, "Contacted")
    _events, again = drive(services.leads.add([str(inbox)]))
    assert again.added == [] and sorted(again.updated) == sorted(lead.id for lead in leads)
    assert len(services.leads.list()) == 3
    assert services.leads.get(eviction.id).status == "Contacted"


def test_the_same_person_again_is_offered_as_a_duplicate(services, tmp_path):
    inbox = _inbox(tmp_path, ["L09_eviction_conflict.eml"])
    first = run_to_end(services.leads.add([str(inbox)]))
    text = ("From: Liam Costello <liam.costello@gmail.com>\nSubject: my court date\n\n"
            "Hello again, the court moved my hearing about the section 21 notice. Liam Costello")
    _events, second = drive(services.leads.add_text(text))
    assert second.added and second.duplicates == [(second.added[0], first.added)]
    assert len(services.leads.list()) == 2  # offered, not merged
    merged = services.leads.store.merge(first.added[0], second.added[0])
    assert len(services.leads.list()) == 1 and len(merged.merged) == 1


def test_cancel_keeps_the_inquiries_already_done(services, tmp_path):
    inbox = _inbox(tmp_path, ["L01_divorce_urgent.eml", "L02_conveyancing_harrogate.eml", "L08_probate_york.eml"])
    gen = services.leads.add([str(inbox)])
    for ev in gen:
        if ev.stage == "kept":
            gen.close()  # what the window's Cancel does between two inquiries
            break
    leads = services.leads.list()
    assert len(leads) == 1 and leads[0].file.endswith("L01_divorce_urgent.eml")


def test_nothing_to_read_says_so(services, tmp_path):
    with pytest.raises(LocumError, match="paste"):
        run_to_end(services.leads.add_text("   "))
    (tmp_path / "none").mkdir()
    with pytest.raises(LocumError, match="no inquiry"):
        run_to_end(services.leads.add([str(tmp_path / "none")]))


def test_the_offices_rubric_and_client_list_are_kept(services, tmp_path):
    assert services.leads.office() == {"rubric": "law", "clients": None}
    assert services.leads.set_rubric("clinic").office
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(LocumError):
        services.leads.set_rubric(str(bad))
    clients = tmp_path / "clients.csv"
    shutil.copy(DATA / "clients.csv", clients)
    assert services.leads.set_clients(str(clients)) is not None
    again = Services(Settings.load(services.settings.home))
    assert again.leads.office() == {"rubric": "clinic", "clients": str(clients)}
    clients.unlink()
    with pytest.raises(LocumError, match="no longer there"):
        again.leads.clients()
    again.leads.set_clients(None)
    assert again.leads.office()["clients"] is None
    again.close()


def test_conflicts_are_traced_to_their_documents_and_go_with_them(services, tmp_path, capsys):
    docs = tmp_path / "docs"
    (docs / "matters").mkdir(parents=True)
    (docs / "matters" / "hale.txt").write_text(
        "Tenancy file. Our client Gregory Hale owns the flats on Westgate, Wakefield; rent review 2025.",
        encoding="utf-8")
    (docs / "other.txt").write_text("Minutes of the partners' meeting about office hours.", encoding="utf-8")
    run_to_end(services.library.index([str(docs)]))
    clients = tmp_path / "clients.csv"
    shutil.copy(DATA / "clients.csv", clients)
    services.leads.set_clients(str(clients))
    inbox = _inbox(tmp_path, ["L09_eviction_conflict.eml"])
    run_to_end(services.leads.add([str(inbox)]))
    (lead,) = services.leads.list()
    where = {c["where"] for c in lead.data["conflicts"] if c["matched"] == "Gregory Hale"}
    assert where == {"clients", "library"}, lead.data["conflicts"]
    i = next(i for i, c in enumerate(lead.data["conflicts"]) if c["where"] == "library")
    assert lead.sources[i] == [str(docs / "matters" / "hale.txt")]

    removal = services.remove(str(docs / "matters"))
    assert removal.records >= 1
    (lead,) = services.leads.list()
    assert [c["where"] for c in lead.data["conflicts"]] == ["clients"]
    assert any("removed from Locum" in f for f in lead.data["flags"])
    assert bytes_holding(services.settings.home, "Westgate") == []
    # nor its path, in the pipeline (the library's own manifest is the library's business)
    assert [p for p in bytes_holding(services.settings.home, "hale.txt") if p.startswith("leads")] == []


def test_an_inquiry_is_checked_against_the_ones_read_before_it_in_the_same_run(services, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("From: Marta Quist <marta.quist@example.org>\n\nHello, I live in Leeds and need "
                                 "help with my divorce. Marta Quist", encoding="utf-8")
    (inbox / "b.txt").write_text("From: Tom Reed <tom.reed@example.org>\n\nHello, I rent a flat in Leeds and my "
                                 "landlord Marta Quist is trying to evict me. Tom Reed", encoding="utf-8")
    report = run_to_end(services.leads.add([str(inbox)]))
    assert len(report.added) == 2
    tom = next(lead for lead in services.leads.list() if lead.file.endswith("b.txt"))
    i = next(i for i, c in enumerate(tom.data["conflicts"]) if c["where"] == "leads")
    assert tom.data["conflicts"][i]["matched"] == "Marta Quist"
    assert tom.sources[i] == [str(inbox / "a.txt")]
    # the earlier inquiry goes: so does what the later lead quotes of it
    services.remove(str(inbox / "a.txt"))
    (tom,) = services.leads.list()
    assert [c for c in tom.data["conflicts"] if c["where"] == "leads"] == []
    assert bytes_holding(services.settings.home, "marta.quist@example.org") == []  # said only in a.txt


def test_a_model_that_cannot_load_leaves_the_rules_working_and_each_lead_says_so(services, tmp_path):
    from core.errors import ModelLoadError

    def broken():
        raise ModelLoadError("The model file /models/gone.gguf is missing.")

    services.leads._backend = broken
    inbox = _inbox(tmp_path, ["L01_divorce_urgent.eml", "L09_eviction_conflict.eml"])
    report = run_to_end(services.leads.add([str(inbox)]))
    assert len(report.added) == 2 and report.failed == []
    for lead in services.leads.list():
        assert lead.tier == "hot"  # the rubric still decides
        assert any("No model was used" in e and "gone.gguf" in e for e in lead.data["errors"])


def test_kept_leads_are_scored_again_with_a_changed_rubric_keeping_what_the_person_decided(services, tmp_path):
    import json

    inbox = _inbox(tmp_path, ["L01_divorce_urgent.eml", "L09_eviction_conflict.eml"])
    pasted = "Hello, I need a divorce. I live in Leeds. Call me on 07700 900777. Dana"
    drive(services.leads.add([str(inbox)]))
    drive(services.leads.add_text(pasted))
    leads = {lead.file.rsplit("/", 1)[-1] or "pasted": lead for lead in services.leads.list()}
    divorce = next(lead for name, lead in leads.items() if name.startswith("L01"))
    assert divorce.tier == "hot" and divorce.value("need") == "Family law"
    services.leads.store.set_status(divorce.id, "Contacted")
    services.leads.store.set_notes(divorce.id, "rang back on Monday")
    services.leads.store.set_draft(divorce.id, "Dear Rachel, my own words.")

    # the office stops taking family law: its own rubric, family law now an exclusion
    data = json.loads((Path(__file__).resolve().parents[2] / "resources" / "leads" / "rubric_law.json")
                      .read_text(encoding="utf-8"))
    family = next(s for s in data["services"] if s["name"] == "Family law")
    data["services"].remove(family)
    data["exclusions"].append("Family law")
    data["exclusion_keywords"]["Family law"] = family["keywords"]
    data["referrals"]["Family law"] = "Family Mediation Leeds"
    rubric = tmp_path / "rubric.json"
    rubric.write_text(json.dumps(data), encoding="utf-8")
    services.leads.set_rubric(str(rubric))
    assert services.leads.get(divorce.id).tier == "hot"  # kept as it was until asked

    events, report = drive(services.leads.rescore())
    assert report.added == [] and len(report.updated) == 3 and not report.failed
    kept = [e for e in events if isinstance(e, LeadProgress) and e.stage == "kept"]
    assert [e.done for e in kept] == [1, 2, 3]
    again = services.leads.get(divorce.id)
    assert again.tier == "disqualified" and "Family Mediation Leeds" in json.dumps(again.data["reasons"])
    assert (again.status, again.notes, again.reply) == ("Contacted", "rang back on Monday", "Dear Rachel, my own words.")
    pasted_lead = next(lead for lead in services.leads.list() if not lead.file or lead.file == "pasted")
    assert pasted_lead.tier == "disqualified"
    assert len(services.leads.list()) == 3  # read again, never duplicated
    eviction = next(lead for lead in services.leads.list() if lead.file.endswith("L09_eviction_conflict.eml"))
    assert eviction.tier == leads["L09_eviction_conflict.eml"].tier  # a matter still taken keeps its tier


def test_scoring_again_with_no_leads_says_so(services):
    with pytest.raises(LocumError, match="no leads"):
        drive(services.leads.rescore())
