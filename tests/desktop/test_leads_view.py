"""The Leads view: models under Qt's model tester, the filters, a folder dropped and read with
progress and cancel, the detail pane (each field's words marked in the inquiry), status,
notes, follow-up and the reply kept across a restart, duplicates merged when the person says
so, the reply handed to the mail client (never sent), and the exports. The engine and the
store are real; the chat model is the fake one (the rubric's keywords decide)."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl, QUrlQuery
from PySide6.QtGui import QDesktopServices, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from core.leads.store import LeadsStore
from desktop import theme
from desktop.leads_models import LeadFieldsModel, LeadsFilter, LeadsTableModel, highlighted_inquiry
from tests.core.leads_data import lead_json

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "leads"


def _leads(tmp_path):
    store = LeadsStore(tmp_path / "leads.sqlite")
    a = store.add(lead_json(str(tmp_path / "a.eml"))).lead
    b = store.add(lead_json(str(tmp_path / "b.eml"), name="Bob Lane", email="bob@example.org", phone=None,
                            tier="cold", score=20, need="Conveyancing", organization=None)).lead
    store.set_status(b.id, "Contacted")
    c = store.add(lead_json(str(tmp_path / "c.eml"), name="Spam Co", email="x@spam.example", phone=None,
                            tier="disqualified", score=0, need=None,
                            conflicts=[{"name": "Spam Co", "matched": "Spamco Ltd", "where": "clients",
                                        "detail": "opposing party", "score": 0.9}])).lead
    return store, [store.get(a.id), store.get(b.id), store.get(c.id)]


# ---- models ----------------------------------------------------------------------

def test_pipeline_model_and_filters(qtmodeltester, tmp_path):
    _store, leads = _leads(tmp_path)
    m = LeadsTableModel(colors=theme.tokens)
    m.set_leads(leads)
    qtmodeltester.check(m, force_py=True)
    assert m.data(m.index(0, LeadsTableModel.FIT)) == "Hot · 82"
    assert m.data(m.index(1, LeadsTableModel.STATUS)) == "Contacted"
    assert m.data(m.index(2, LeadsTableModel.NAME)).startswith("⚠")  # a possible conflict shows in the list
    m.remove_id(leads[1].id)
    assert m.rowCount() == 2
    m.update(leads[1])  # back (a lead read again is replaced in place, a new one added)
    m.update(leads[1])
    assert m.rowCount() == 3


def test_pipeline_filters(qtmodeltester, tmp_path):
    _store, leads = _leads(tmp_path)
    m = LeadsTableModel(colors=theme.tokens)
    m.set_leads(leads)
    p = LeadsFilter()
    p.setSourceModel(m)
    qtmodeltester.check(p, force_py=True)
    assert p.rowCount() == 3
    p.set_filters(tier="cold")
    assert p.rowCount() == 1 and p.data(p.index(0, 0)) == "Bob Lane"
    p.set_filters(tier="", status="New")
    assert p.rowCount() == 2
    p.set_filters(status="", text="dismissed board")  # words of the inquiry, in any order
    assert p.rowCount() == 3
    p.set_filters(text="conveyancing")
    assert [p.data(p.index(r, 0)) for r in range(p.rowCount())] == ["Bob Lane"]
    p.set_filters(text="")
    p.sort(LeadsTableModel.FIT, Qt.SortOrder.DescendingOrder)
    assert [p.data(p.index(r, LeadsTableModel.FIT)) for r in range(3)] == ["Hot · 82", "Cold · 20",
                                                                            "Disqualified · 0"]


def test_fields_model_and_marked_inquiry(qtmodeltester, tmp_path):
    _store, leads = _leads(tmp_path)
    f = LeadFieldsModel(colors=theme.tokens)
    f.set_fields(leads[0].data["fields"])
    qtmodeltester.check(f, force_py=True)
    rows = {f.data(f.index(r, 0)): r for r in range(f.rowCount())}
    assert f.data(f.index(rows["Location"], LeadFieldsModel.VALUE)) == "—"
    tip = f.data(f.index(rows["Phone"], LeadFieldsModel.VALUE), Qt.ItemDataRole.ToolTipRole)
    assert "+44 20 7946 0958" in tip and "Words:" in tip
    fields = dict(leads[0].data["fields"])
    text = "Hi <b>there</b>, I am Ada Okafor & I need help."
    start = text.index("Ada Okafor")
    fields["name"] = {**fields["name"], "start": start, "end": start + 10}
    html = highlighted_inquiry(text, {"name": fields["name"]}, theme.tokens(), current="name")
    assert "&lt;b&gt;there&lt;/b&gt;" in html and "&amp;" in html  # the inquiry is text, never markup
    assert 'title="Name">Ada Okafor</span>' in html and 'name="f-name"' in html


# ---- the view --------------------------------------------------------------------

def _inbox(tmp_path, names):
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    for n in names:
        shutil.copy(DATA / "law" / n, inbox / n)
    return inbox


def _no_model(c):
    c.services.leads._backend = lambda: None


def _drop(view, paths):
    md = QMimeData()
    md.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    view.dropEvent(QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, md, Qt.MouseButton.NoButton,
                              Qt.KeyboardModifier.NoModifier))


def test_drop_a_folder_review_a_lead_and_keep_the_work_across_a_restart(make_window, qtbot, tmp_path,
                                                                         monkeypatch):
    w, c = make_window()
    _no_model(c)
    w.show_view("leads")
    v = w.leads
    assert w.nav_buttons["leads"].isChecked() and v.stack.currentIndex() == 0  # the drop target first
    inbox = _inbox(tmp_path, ["L01_divorce_urgent.eml", "L06_seo_spam.eml", "L09_eviction_conflict.eml"])
    (inbox / "broken.eml").write_bytes(b"")
    titles = []
    c_run = v._on_progress
    monkeypatch.setattr(v, "_on_progress", lambda ev: (c_run(ev), titles.append(v.queue_title.text())))
    with qtbot.waitSignal(v.runFinished, timeout=120000) as done:
        _drop(v, [inbox])
    report = done.args[0]
    assert len(report.added) == 3 and len(report.failed) == 1
    assert any(" of 4 inquiries" in t for t in titles), titles
    qtbot.waitUntil(lambda: v.model.rowCount() == 3 and not v.queue_card.isVisible(), timeout=10000)
    assert "could not be read" in v.banner.text.text() and "broken.eml" in v.banner.text.text()
    # the hottest first
    assert v.proxy.data(v.proxy.index(0, LeadsTableModel.NAME)).endswith("Liam Costello") or \
        v.proxy.data(v.proxy.index(0, LeadsTableModel.FIT)).startswith("Hot")

    liam = next(lead for lead in v.model.leads() if lead.file.endswith("L09_eviction_conflict.eml"))
    v.select_id(liam.id)
    assert v.d_name.text() == "Liam Costello" and "liam.costello@gmail.com" in v.d_contact.text()
    # the phone field: its words are marked in the inquiry when the field is chosen
    row = next(r for r in range(v.fields.rowCount()) if v.fields.field(r)[0] == "phone")
    v.d_fields.setCurrentIndex(v.fields.index(row, 1))
    src = v.fields.field(row)[1]["source"]
    assert src and src in v.d_inquiry.toPlainText()
    assert 'name="f-phone"' in highlighted_inquiry(liam.inquiry["text"], liam.data["fields"], theme.tokens(),
                                                   "phone")
    assert "score" in v.d_fit.toPlainText() and "Why" in v.d_fit.toPlainText()

    # the person's work: status, follow-up, notes, the reply
    with qtbot.waitSignal(v.saved, timeout=10000):
        v.d_status.setCurrentText("Contacted")
        v.d_status.activated.emit(v.d_status.currentIndex())
    with qtbot.waitSignal(v.saved, timeout=10000):
        v.d_follow.setDate(v.d_follow.date().fromString("2026-12-09", "yyyy-MM-dd"))
    v.d_notes.setPlainText("Called; hearing moved.")
    v.d_reply.setPlainText("Dear Liam, we can see you on Monday.")
    with qtbot.waitSignal(v.saved, timeout=10000):
        v.flush()
    qtbot.waitUntil(lambda: c.services.leads.get(liam.id).draft is not None, timeout=10000)
    v.tier_box.setCurrentIndex(v.tier_box.findData("hot"))
    shown_hot = v.proxy.rowCount()
    kept = c.services.leads.get(liam.id)
    assert kept.status == "Contacted" and kept.follow_up == "2026-12-09" and kept.notes == "Called; hearing moved."
    assert kept.reply == "Dear Liam, we can see you on Monday." and kept.data["draft_reply"] != kept.reply
    assert [h.kind for h in kept.history][-4:] == ["status", "follow_up", "notes", "draft"] or \
        {"status", "follow_up", "notes", "draft"} <= {h.kind for h in kept.history}
    w.close()

    # a restart: the pipeline, the filters and the chosen lead are as they were left
    w2, c2 = make_window()
    w2.show_view("leads")
    v2 = w2.leads
    qtbot.waitUntil(lambda: v2.model.rowCount() == 3, timeout=10000)
    assert v2.tier_box.currentData() == "hot" and v2.proxy.rowCount() == shown_hot
    assert v2.shown() is not None and v2.shown().id == liam.id
    assert v2.d_status.currentText() == "Contacted" and v2.d_notes.toPlainText() == "Called; hearing moved."
    assert v2.d_reply.toPlainText() == "Dear Liam, we can see you on Monday." and v2.revert_btn.isEnabled()
    assert v2.d_follow.date().toString("yyyy-MM-dd") == "2026-12-09"


def test_cancel_keeps_what_was_read(make_window, qtbot, tmp_path):
    w, c = make_window()
    _no_model(c)
    w.show_view("leads")
    v = w.leads
    inbox = _inbox(tmp_path, sorted(p.name for p in (DATA / "law").glob("L*.eml"))[:8])
    v.model.rowsInserted.connect(lambda *_: v.cancel())  # Cancel as soon as the first lead arrives
    with qtbot.waitSignal(v.runFinished, timeout=120000) as done:
        v.add_paths([str(inbox)])
    assert done.args[0] is None  # stopped, no report
    qtbot.waitUntil(lambda: not v.busy, timeout=10000)
    kept = c.services.leads.list()
    assert 1 <= len(kept) < 8
    qtbot.waitUntil(lambda: v.model.rowCount() == len(kept), timeout=10000)
    assert "Stopped" in v.banner.text.text()


def test_the_same_person_twice_is_merged_when_the_person_says_so(make_window, qtbot, tmp_path, monkeypatch):
    w, c = make_window()
    _no_model(c)
    w.show_view("leads")
    v = w.leads
    asked = []
    monkeypatch.setattr(v, "ask_merge", lambda lead, other: asked.append((lead.id, other.id)) or "merge")
    with qtbot.waitSignal(v.runFinished, timeout=60000):
        v.add_paths([str(_inbox(tmp_path, ["L09_eviction_conflict.eml"]))])
    with qtbot.waitSignal(v.runFinished, timeout=60000):
        v.add_text("From: Liam Costello <liam.costello@gmail.com>\nSubject: court date moved\n\n"
                   "Hello again, my section 21 hearing in Wakefield was moved. Liam")
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=10000)
    qtbot.waitUntil(lambda: len(c.services.leads.list()) == 1 and v.model.rowCount() == 1, timeout=10000)
    (lead,) = c.services.leads.list()
    assert len(lead.merged) == 1 and v.model.data(v.model.index(0, 0)).endswith("(+1)")
    v.select_id(lead.id)
    assert "Also from this person" in v.d_inquiry.toPlainText()


def test_reply_goes_to_the_mail_client_and_exports_parse_back(make_window, qtbot, tmp_path, monkeypatch):
    w, c = make_window()
    _no_model(c)
    w.show_view("leads")
    v = w.leads
    with qtbot.waitSignal(v.runFinished, timeout=60000):
        v.add_paths([str(_inbox(tmp_path, ["L09_eviction_conflict.eml", "L01_divorce_urgent.eml"]))])
    qtbot.waitUntil(lambda: v.model.rowCount() == 2, timeout=10000)
    liam = next(lead for lead in v.model.leads() if lead.file.endswith("L09_eviction_conflict.eml"))
    v.select_id(liam.id)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(QUrl(url)) or True)
    v.open_mail()
    (url,) = opened
    assert url.scheme() == "mailto" and url.path() == "liam.costello@gmail.com"
    q = QUrlQuery(url)
    body = q.queryItemValue("body", QUrl.ComponentFormattingOption.FullyDecoded)
    assert body.startswith("Dear Liam") and not body.startswith("Subject")
    assert q.queryItemValue("subject", QUrl.ComponentFormattingOption.FullyDecoded).startswith("Re: Section 21")
    v.copy_reply()
    assert QApplication.clipboard().text() == v.d_reply.toPlainText()

    out = tmp_path / "out"
    out.mkdir()
    for kind, name in (("hubspot", "h.csv"), ("clio", "c.json"), ("vcard", "v.vcf")):
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, n=name, **k: (str(out / n), ""))
        v.export(kind)
    qtbot.waitUntil(lambda: all((out / n).exists() for n in ("h.csv", "c.json", "v.vcf")), timeout=10000)
    with open(out / "h.csv", newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert sorted(r["Email"] for r in rows) == sorted(lead.email for lead in v.model.leads())
    assert {r["Last Name"] for r in rows} >= {"Costello"}
    clio = json.loads((out / "c.json").read_text(encoding="utf-8"))
    assert {x["from_email"] for x in clio} == {r["Email"] for r in rows}
    import vobject

    cards = list(vobject.readComponents((out / "v.vcf").read_text(encoding="utf-8")))
    assert len(cards) == 2
    # only the leads shown are exported
    v.search.setText("Costello")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out / "one.csv"), ""))
    v.export("hubspot")
    qtbot.waitUntil(lambda: (out / "one.csv").exists(), timeout=10000)
    with open(out / "one.csv", newline="", encoding="utf-8-sig") as f:
        assert [r["Email"] for r in csv.DictReader(f)] == ["liam.costello@gmail.com"]


def test_office_rubric_and_client_list_are_kept(make_window, qtbot, tmp_path):
    w, c = make_window()
    w.show_view("leads")
    v = w.leads
    qtbot.waitUntil(lambda: v.office_box.count() >= 3, timeout=10000)
    assert v.office_box.currentData() == "law"
    v.set_rubric("clinic")
    qtbot.waitUntil(lambda: v.office_box.currentData() == "clinic", timeout=10000)
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    v.set_rubric(str(bad))
    qtbot.waitUntil(lambda: v.banner.property("level") == "error", timeout=10000)
    assert v.office_box.currentData() == "clinic"  # a rubric that cannot be used changes nothing
    clients = tmp_path / "clients.csv"
    shutil.copy(DATA / "clients.csv", clients)
    v.set_clients(str(clients))
    qtbot.waitUntil(lambda: v.clients_btn.text() == "Clients: clients.csv", timeout=10000)
    w.close()
    w2, _c2 = make_window()
    w2.show_view("leads")
    qtbot.waitUntil(lambda: w2.leads.office_box.currentData() == "clinic", timeout=10000)
    assert w2.leads.clients_btn.text() == "Clients: clients.csv" and w2.leads.stop_clients.isEnabled()


def test_a_changed_rubric_offers_to_score_the_kept_leads_again(make_window, qtbot, tmp_path):
    w, c = make_window()
    _no_model(c)
    w.show_view("leads")
    v = w.leads
    inbox = _inbox(tmp_path, ["L01_divorce_urgent.eml"])
    with qtbot.waitSignal(v.runFinished, timeout=120000):
        _drop(v, [inbox])
    qtbot.waitUntil(lambda: v.model.rowCount() == 1 and not v.busy, timeout=10000)
    lead = v.model.leads()[0]
    assert lead.tier == "hot"
    c.services.leads.store.set_status(lead.id, "Contacted")
    v.set_rubric("clinic")  # a clinic offers no family law
    qtbot.waitUntil(lambda: v.banner.action.isVisible(), timeout=10000)
    assert "The lead already in the pipeline keeps the score it was read with" in v.banner.text.text()
    assert v.banner.action.text() == "Score again"
    assert c.services.leads.get(lead.id).tier == "hot"  # nothing changes until asked
    with qtbot.waitSignal(v.runFinished, timeout=120000) as done:
        v.banner.action.click()
    assert done.args[0].updated == [lead.id]
    again = c.services.leads.get(lead.id)
    assert again.tier != "hot" and again.status == "Contacted"
    qtbot.waitUntil(lambda: v.model.leads()[0].tier == again.tier, timeout=10000)
    assert "1 read again" in v.banner.text.text()


def test_ctrl_4_opens_leads_and_a_drop_there_reads_inquiries(make_window, qtbot, tmp_path):
    from PySide6.QtTest import QTest

    w, c = make_window()
    _no_model(c)
    QTest.keyClick(w, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert w.current_view() == "leads"
    with qtbot.waitSignal(w.leads.runFinished, timeout=60000):
        w.handle_drop([str(_inbox(tmp_path, ["L06_seo_spam.eml"]))])
    qtbot.waitUntil(lambda: w.leads.model.rowCount() == 1, timeout=10000)
    assert w.leads.model.lead(0).tier == "disqualified"
    assert c.status.files == 0  # dropped on Leads: not added to the library
