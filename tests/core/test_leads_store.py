"""The leads pipeline store: one row per inquiry, the person's decisions with their history,
duplicates offered and merged only when asked, one transaction per write, and removal that
leaves no text of a removed inquiry or document in any lead."""
from __future__ import annotations

import sqlite3

import pytest

from core.errors import LocumError
from core.leads.store import CONFLICT_REMOVED_FLAG, STATUSES, LeadsStore, inquiry_key, norm_phone
from core.services import path_within
from tests.core.leads_data import lead_json
from tests.core.test_removal import bytes_holding


@pytest.fixture
def store(tmp_path):
    return LeadsStore(tmp_path / "home" / "leads.sqlite")


def test_add_keeps_the_assessment_whole_and_starts_new(store, tmp_path):
    data = lead_json(str(tmp_path / "in" / "ada.eml"))
    out = store.add(data)
    assert out.created and out.changed and out.duplicates == []
    lead = store.get(out.lead.id)
    assert lead.data == data  # exactly the LeadResult JSON, nothing dropped or renamed
    assert lead.status == "New" and lead.notes == "" and lead.follow_up == "" and lead.draft is None
    assert lead.reply == data["draft_reply"] and lead.email == "ada.okafor@example.org"
    assert [h.kind for h in lead.history] == ["added"]
    j = lead.as_json()
    assert j["lead"] == data["lead"] and j["status"] == "New" and j["follow_up"] is None


def test_the_same_file_again_is_the_same_lead_and_keeps_the_persons_work(store, tmp_path):
    f = str(tmp_path / "in" / "ada.eml")
    first = store.add(lead_json(f)).lead
    store.set_status(first.id, "Contacted")
    store.set_notes(first.id, "Called back, left a message.")
    same = store.add(lead_json(f))
    assert not same.created and not same.changed and same.lead.id == first.id
    again = store.add(lead_json(f, tier="warm", score=55))  # re-read after the rubric changed
    assert not again.created and again.changed
    assert len(store.list()) == 1
    lead = store.get(first.id)
    assert lead.tier == "warm" and lead.status == "Contacted" and lead.notes.startswith("Called back")
    assert [h.kind for h in lead.history] == ["added", "status", "notes", "re-read"]
    # an mbox message keeps its number: two messages of one file are two inquiries
    store.add(lead_json(f + "#2", email="b@example.org", phone=None))
    store.add(lead_json(f + "#3", email="c@example.org", phone=None))
    assert len(store.list()) == 3


def test_pasted_text_is_one_inquiry_per_text(store):
    a = store.add(lead_json("pasted", kind="text", email=None, phone=None, text="Please help with my lease."))
    b = store.add(lead_json("pasted", kind="text", email=None, phone=None, text="Please help with my lease."))
    c = store.add(lead_json("pasted", kind="text", email=None, phone=None, text="A different question."))
    assert a.lead.id == b.lead.id != c.lead.id and not b.created
    assert inquiry_key(a.lead.data).startswith("text:")


def test_duplicates_are_offered_and_merged_only_when_confirmed(store, tmp_path):
    ada = store.add(lead_json(str(tmp_path / "ada.eml"))).lead
    # The same person from another address but the same phone, written differently.
    second = store.add(lead_json(str(tmp_path / "ada2.eml"), email="ADA@okafor-bakeries.example",
                                 phone="020 7946 0958", organization=None, name=None))
    assert second.created and [d.id for d in second.duplicates] == [ada.id]
    assert len(store.list()) == 2  # nothing merged yet
    third = store.add(lead_json(str(tmp_path / "ada3.eml"), email=" Ada.Okafor@Example.org ", phone=None))
    assert sorted(d.id for d in third.duplicates) == [ada.id]
    stranger = store.add(lead_json(str(tmp_path / "bob.eml"), name="Bob Lane", email="bob@example.org",
                                   phone="+1 555 010 2233"))
    assert stranger.duplicates == []

    store.set_notes(second.lead.id, "Prefers mornings.")
    store.set_follow_up(second.lead.id, "2026-12-09")
    store.set_status(ada.id, "Consultation booked")
    merged = store.merge(ada.id, second.lead.id)
    assert [m.id for m in merged.merged] == [second.lead.id]
    assert merged.status == "Consultation booked" and merged.notes == "Prefers mornings."
    assert merged.follow_up == "2026-12-09" and "merged" in [h.kind for h in merged.history]
    assert [lead.id for lead in store.list()] == [ada.id, third.lead.id, stranger.lead.id]
    # A merged inquiry's value fills a field the kept one lacks, never replaces one it has.
    assert merged.value("organization") == "Okafor Bakeries Ltd"
    with pytest.raises(LocumError, match="merged into"):
        store.set_status(second.lead.id, "Retained")
    # "Different people": not offered again, also when the file is read again.
    store.keep_separate(ada.id, third.lead.id)
    assert store.duplicates(ada.id) == []
    again = store.add(lead_json(str(tmp_path / "ada3.eml"), email="ada.okafor@example.org", phone=None))
    assert again.duplicates == []


def test_a_merge_is_one_transaction(store, tmp_path):
    a = store.add(lead_json(str(tmp_path / "a.eml"))).lead
    b = store.add(lead_json(str(tmp_path / "b.eml"))).lead
    store.set_notes(b.id, "note b")
    db = sqlite3.connect(store.path)
    db.execute("CREATE TRIGGER no_merge BEFORE INSERT ON history WHEN NEW.kind = 'merged' "
               "BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    db.commit()
    db.close()
    with pytest.raises(sqlite3.DatabaseError):
        store.merge(a.id, b.id)
    # nothing half-done: both leads as they were
    assert [lead.id for lead in store.list()] == [a.id, b.id]
    assert store.get(a.id).notes == "" and store.get(b.id).notes == "note b" and store.get(a.id).merged == []


def test_status_notes_follow_up_and_reply_with_history(store, tmp_path):
    lid = store.add(lead_json(str(tmp_path / "a.eml"))).lead.id
    for s in STATUSES[1:]:
        store.set_status(lid, s)
    with pytest.raises(LocumError, match="not a lead status"):
        store.set_status(lid, "Won")
    with pytest.raises(LocumError, match="YYYY-MM-DD"):
        store.set_follow_up(lid, "next Tuesday")
    with pytest.raises(LocumError, match="calendar"):
        store.set_follow_up(lid, "2026-02-30")
    store.set_follow_up(lid, "2026-12-15")
    store.set_draft(lid, "Dear Ada, we can see you on Monday.")
    lead = store.get(lid)
    assert lead.reply == "Dear Ada, we can see you on Monday." and lead.as_json()["draft_edited"]
    assert lead.data["draft_reply"].startswith("Dear Ada,\n\nThank you")  # the drafted one is kept
    store.set_draft(lid, None)
    assert store.get(lid).reply.startswith("Dear Ada,\n\nThank you")
    kinds = [(h.kind, h.old, h.new) for h in store.get(lid).history]
    assert kinds[1:5] == [("status", "New", "Contacted"), ("status", "Contacted", "Consultation booked"),
                          ("status", "Consultation booked", "Retained"), ("status", "Retained", "Not a fit")]
    assert ("follow_up", "", "2026-12-15") in kinds and kinds[-1][0] == "draft"
    # typing saved at each pause is one entry per sitting
    for text in ("C", "Ca", "Called", "Called back"):
        store.set_notes(lid, text)
    notes = [h for h in store.get(lid).history if h.kind == "notes"]
    assert [(h.old, h.new) for h in notes] == [("", "Called back")]
    times = [h.at for h in store.get(lid).history]
    assert times == sorted(times)
    with pytest.raises(LocumError, match="no lead"):
        store.set_notes(999, "x")


def test_bad_shape_is_refused_and_nothing_is_saved(store):
    with pytest.raises(LocumError, match='"lead"'):
        store.add({"file": "x.eml", "inquiry": {}, "conflicts": []})
    with pytest.raises(LocumError):
        store.add(["not", "a", "lead"])
    assert store.list() == []


def test_prefs_survive_a_new_store_on_the_same_file(store):
    store.set_pref("rubric", "clinic")
    store.set_pref("clients", "/office/clients.csv")
    again = LeadsStore(store.path)
    assert again.pref("rubric") == "clinic" and again.pref("clients") == "/office/clients.csv"
    assert again.pref("missing", "law") == "law"


def test_norm_phone():
    assert norm_phone("+44 20 7946 0958") == norm_phone("020 7946 0958") == "2079460958"
    assert norm_phone("+1 (555) 010-2233") == norm_phone("555.010.2233")
    assert norm_phone("12") == "" and norm_phone(None) == ""


SECRET = "Quillback Boathouse"  # said only in the removed inquiry
DOC_QUOTE = "Marrowby settlement deed"  # said only in the removed library document


def test_removal_erases_the_inquiry_and_every_conflict_quoting_it_or_a_removed_document(tmp_path):
    home = tmp_path / "home"
    store = LeadsStore(home / "leads.sqlite")
    inbox = tmp_path / "inbox"
    docs = tmp_path / "docs"
    gone = str(inbox / "old" / "quillback.eml")
    gone_doc = str(docs / "deeds" / "marrowby.pdf")
    kept_doc = str(docs / "other.pdf")
    store.add(lead_json(gone, name="Rhea Quill", email="rhea@quillback.example", phone=None,
                        organization=SECRET, text=f"I write for {SECRET} about a boundary dispute."))
    conflicts = [
        {"name": "Rhea Quill", "matched": "Rhea Quill", "where": "leads", "detail": "an earlier inquiry",
         "score": 100.0},
        {"name": "Marrowby", "matched": DOC_QUOTE, "where": "library", "detail": "named in a document",
         "score": 91.0},
        {"name": "Okafor", "matched": "Okafor v Lane", "where": "library", "detail": f"in {kept_doc} page 2",
         "score": 88.0},
        {"name": "Holt", "matched": "Holt Estates", "where": "clients", "detail": "client, matter 2021/14",
         "score": 95.0},
        # a conflict whose text names the removed document, whatever recorded no sources for it
        {"name": "Marrow", "matched": "Marrow Ltd", "where": "library", "detail": f"in {gone_doc} page 1",
         "score": 80.0},
    ]
    keep = store.add(lead_json(str(inbox / "ada.eml"), conflicts=conflicts),
                     sources=[[inquiry_key({"file": gone})], [gone_doc], [kept_doc], [], []]).lead
    store.set_notes(keep.id, "Check with partner.")
    assert bytes_holding(home, SECRET) and bytes_holding(home, DOC_QUOTE)

    # the inquiry's folder goes: its lead, and the conflict that quoted it
    assert store.erase_source(lambda p: path_within(p, str(inbox / "old"))) == 2
    assert bytes_holding(home, SECRET) == [] and bytes_holding(home, "Rhea Quill") == []
    # the library document goes: the conflicts found in it (by source or by name) go too
    assert store.erase_source(lambda p: path_within(p, str(docs / "deeds"))) == 1
    assert bytes_holding(home, DOC_QUOTE) == [] and bytes_holding(home, "Marrow Ltd") == []
    left = store.list()
    assert [lead.id for lead in left] == [keep.id]
    assert [c["matched"] for c in left[0].data["conflicts"]] == ["Okafor v Lane", "Holt Estates"]
    assert CONFLICT_REMOVED_FLAG in left[0].data["flags"] and left[0].notes == "Check with partner."
    assert store.erase_source(lambda p: path_within(p, str(tmp_path / "nowhere"))) == 0


def test_removing_the_kept_inquiry_of_a_merged_lead_hands_the_work_to_the_next(tmp_path):
    store = LeadsStore(tmp_path / "leads.sqlite")
    a = store.add(lead_json(str(tmp_path / "a" / "first.eml"), organization=SECRET)).lead
    b = store.add(lead_json(str(tmp_path / "b" / "second.eml"), organization=None)).lead
    c = store.add(lead_json(str(tmp_path / "b" / "third.eml"), organization=None)).lead
    store.merge(a.id, b.id)
    store.merge(a.id, c.id)
    store.set_status(a.id, "Retained")
    store.set_notes(a.id, "Engagement letter sent.")
    store.set_draft(a.id, f"Dear Ada, about {SECRET}...")
    assert store.erase_source(lambda p: path_within(p, str(tmp_path / "a"))) == 1
    (lead,) = store.list()
    assert lead.id == b.id and [m.id for m in lead.merged] == [c.id]
    assert lead.status == "Retained" and lead.notes == "Engagement letter sent." and lead.draft is None
    assert lead.value("organization") is None  # what came from the removed inquiry is gone
    assert bytes_holding(tmp_path, SECRET) == []
    assert "status" in [h.kind for h in lead.history]


def test_deleting_a_lead_takes_it_out_of_other_leads_conflicts(tmp_path):
    store = LeadsStore(tmp_path / "leads.sqlite")
    old = store.add(lead_json("pasted", kind="text", name="Rhea Quill", email=None, phone=None,
                              text=f"Rhea Quill of {SECRET} here.")).lead
    conflict = {"name": "Rhea Quill", "matched": "Rhea Quill", "where": "leads", "detail": "an earlier inquiry",
                "score": 100.0}
    new = store.add(lead_json(str(tmp_path / "n.eml"), conflicts=[conflict]),
                    sources=[[old.key]]).lead
    assert store.delete(old.id)
    assert store.get(new.id).data["conflicts"] == []
    assert bytes_holding(tmp_path, SECRET) == [] and bytes_holding(tmp_path, "Rhea Quill") == []
