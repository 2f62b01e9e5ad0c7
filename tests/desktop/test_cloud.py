"""Settings > Cloud, the preview before sending, "Ask Claude", "Re-extract with Claude", the badge,
escalation and the audit log viewer. Claude is the fake Anthropic server on 127.0.0.1."""
from __future__ import annotations

import json
import logging
import os
import socket
from pathlib import Path

import keyring
import pymupdf
import pytest
from PySide6.QtCore import Qt

from core.privacy import AuditLog, CloudPolicy, KeyStore, Prepared, Redactor
from desktop.views.cloud import CloudSettings, PreviewDialog
from models.base import Message
from tests.desktop.conftest import wait_indexed
from tests.keyrings import MemoryKeyring
from tests.models.fake_anthropic import FakeAnthropic

KEY = "sk-ant-api03-DESKTOP-secret-5566778899"
CLIENT = "Client: Maria Gonzalez, DOB 03/14/1962. "


@pytest.fixture
def server():
    with FakeAnthropic() as s:
        yield s


@pytest.fixture
def memory_keyring():
    before = keyring.get_keyring()
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(before)


def wire(c, server, keys: KeyStore | None = None) -> None:
    """Point the window's Claude at the fake server, with the rules-only redactor (fast)."""
    cm = c.services.chat_models
    if keys is not None:
        cm._keys = keys
    cm.cloud_base_url = server.url
    cm.redactor = Redactor(use_ner=False)


def session_keys() -> KeyStore:
    k = KeyStore(use_keyring=False)
    k.set(KEY, session_only=True)
    return k


def switch_on(c, mode: str, **kw) -> None:
    CloudPolicy(enabled=True, features={"ask": mode, "extract": mode, "leads": "local"}, **kw).save(c.settings.home)
    c.cloud_changed()


def cloud_page(w) -> CloudSettings:
    w.navigate("settings:cloud")
    return w.settings_view.cloud


def ask(qtbot, w, question):
    w.show_view("ask")
    qtbot.keyClicks(w.ask.composer, question)
    qtbot.keyClick(w.ask.composer, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not w.ask.busy, timeout=90000)
    return w.ask.last_card()


@pytest.fixture
def client_docs(tmp_path):
    from tests.core.library_helpers import make_pdf

    folder = tmp_path / "docs"
    folder.mkdir()
    make_pdf(folder / "retainer.pdf", [CLIENT + "The monthly retainer fee is 2,500 dollars, payable on the first "
                                       "business day of each month."])
    return folder


def test_cloud_settings_start_off_and_say_plainly_what_would_leave(window, qtbot):
    w, c = window
    page = cloud_page(w)
    assert w.settings_view.tabs.currentWidget() is page
    assert not page.enabled.isChecked() and not CloudPolicy.load(c.settings.home).enabled
    assert page.redact.isChecked() and not page.images.isChecked()
    assert all(not b.isEnabled() for b in page.modes.values())
    assert "Offline" in w.offline.text()
    text = " ".join(lbl.text() for lbl in page.findChildren(type(page.key_status)))
    assert "nothing leaves this computer" in text and "Anthropic" in text and "redaction cannot apply" in text
    page.enabled.setChecked(True)
    pol = CloudPolicy.load(c.settings.home)
    assert pol.enabled and pol.redact and not pol.allow_page_images and pol.model == "claude-sonnet-4-6"
    assert pol.features == {"ask": "ask_each_time", "extract": "ask_each_time", "leads": "ask_each_time"}
    assert "Cloud on" in w.offline.text()
    page.modes["extract"].setCurrentIndex(page.modes["extract"].findData("harder_tasks"))
    page.images.setChecked(True)
    pol = CloudPolicy.load(c.settings.home)
    assert pol.features["extract"] == "harder_tasks" and pol.allow_page_images
    page.enabled.setChecked(False)
    assert not CloudPolicy.load(c.settings.home).enabled and "Offline" in w.offline.text()


def test_the_key_goes_to_the_keyring_and_into_no_file_log_or_error(memory_keyring, window, qtbot, server,
                                                                   client_docs, caplog, monkeypatch):
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    caplog.set_level(logging.DEBUG)
    w, c = window
    wire(c, server)
    page = cloud_page(w)
    assert not page.keyring_note.isVisible()  # a keyring exists here
    page.enabled.setChecked(True)
    qtbot.keyClicks(page.key, KEY)
    qtbot.mouseClick(page.save_key_btn, Qt.MouseButton.LeftButton)
    from core.privacy.policy import home_key_id, keyring_user

    # this home's own entry (another home on the computer has its own)
    assert page.key.text() == "" and memory_keyring.store[("Locum", keyring_user(home_key_id(c.settings.home)))] == KEY
    assert "keyring" in page.key_status.text()
    # the model list comes from the Models API once the key is in
    qtbot.waitUntil(lambda: "available" in page.models_status.text() or "model" not in page.models_status.text(), timeout=90000)
    assert page.model_box.count() == 2, page.models_status.text()
    assert [page.model_box.itemData(i) for i in range(2)] == ["claude-sonnet-4-6", "claude-haiku-4-5"]
    assert page.model_box.currentData() == "claude-sonnet-4-6"
    # a request, and a refused one (401), go through the window
    w.library.add_paths([str(client_docs)])
    wait_indexed(qtbot, c)
    switch_on(c, "harder_tasks")
    server.queue.append(("text", "The fee is 2,500 dollars [1]."))
    w.show_view("ask")
    w.ask.ask_claude("What is the monthly retainer fee?")
    qtbot.waitUntil(lambda: not w.ask.busy, timeout=90000)
    assert w.ask.last_card().badge.isVisible()
    server.queue.append((401,))
    w.ask.ask_claude("What is the monthly retainer fee?")
    qtbot.waitUntil(lambda: not w.ask.busy, timeout=90000)
    failed = w.ask.last_card()
    assert "refused" in failed.body.text() and KEY not in failed.body.text()
    assert len(AuditLog(c.settings.audit_path).entries()) == 2
    c.shutdown(30)
    w.save_state()
    leaked = []
    for root, _dirs, files in os.walk(c.settings.home):
        for f in files:
            if KEY.encode() in Path(root, f).read_bytes():
                leaked.append(f)
    assert leaked == []
    assert KEY not in caplog.text
    assert KEY[-12:] not in json.dumps([e.to_json() for e in AuditLog(c.settings.audit_path).entries()])


def test_without_a_keyring_it_says_so_and_keeps_the_key_for_this_session(window, qtbot, monkeypatch):
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    w, c = window
    c.services.chat_models._keys = KeyStore(use_keyring=False)
    page = cloud_page(w)
    page.load()
    assert page.keyring_note.isVisible() and "no keyring" in page.keyring_note.text.text()
    qtbot.keyClicks(page.key, KEY)
    page.save_key()
    assert "this session only" in page.key_status.text()
    assert c.services.chat_models.keys.get() == KEY
    page.forget_key()
    assert c.services.chat_models.keys.get() is None


def test_ask_claude_each_time_previews_exactly_what_goes_and_cancel_sends_nothing(window, qtbot, server,
                                                                                 client_docs):
    w, c = window
    wire(c, server, session_keys())
    w.library.add_paths([str(client_docs)])
    wait_indexed(qtbot, c)
    card = ask(qtbot, w, "What is the monthly retainer fee?")
    assert not card.claude_btn.isVisible()  # the cloud is off
    switch_on(c, "ask_each_time")
    assert card.claude_btn.isVisible()

    shown = []

    def answer(dlg, send):
        shown.append(dlg.text.toPlainText())
        (dlg.send_btn if send else dlg.cancel_btn).click()

    c.cloud_confirm.previewShown.connect(lambda dlg: answer(dlg, send=False))
    qtbot.mouseClick(card.claude_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not w.ask.busy and len(shown) == 1, timeout=90000)
    assert server.requests == []
    assert "Nothing was sent" in w.ask.last_card().body.text()
    assert "[PERSON_1]" in shown[0] and "Gonzalez" not in shown[0] and "03/14/1962" not in shown[0]
    assert "2,500 dollars" in shown[0]

    c.cloud_confirm.previewShown.disconnect()
    c.cloud_confirm.previewShown.connect(lambda dlg: answer(dlg, send=True))
    server.queue.append(("text", "[PERSON_1] pays a monthly retainer of 2,500 dollars [1]."))
    w.ask.ask_claude("What is the monthly retainer fee?")
    qtbot.waitUntil(lambda: not w.ask.busy and len(shown) == 2, timeout=90000)
    got = w.ask.last_card()
    assert got.badge.isVisible() and "Claude" in got.badge.text()
    assert "Maria Gonzalez pays" in got.body.text()  # put back on this computer
    assert not got.claude_btn.isVisible()
    [req] = server.message_requests
    sent_texts = [m["content"] for m in req["messages"]] + [req["system"]]
    assert all(t in shown[1] for t in sent_texts)  # the preview held every text that went
    [e] = AuditLog(c.settings.audit_path).entries()
    assert e.feature == "ask" and e.status == "ok" and e.sources == [str((client_docs / "retainer.pdf").resolve())]


def test_harder_tasks_escalate_a_question_the_local_model_could_not_answer(window, qtbot, server, client_docs):
    w, c = window
    wire(c, server, session_keys())
    w.library.add_paths([str(client_docs)])
    wait_indexed(qtbot, c)
    switch_on(c, "harder_tasks")
    c.services.chat_backend.queue("I cannot find this in the documents.")
    server.queue.append(("text", "The monthly retainer fee is 2,500 dollars [1]."))
    ask(qtbot, w, "What is the monthly retainer fee?")
    qtbot.waitUntil(lambda: not w.ask.busy and len(server.message_requests) == 1, timeout=90000)
    qtbot.waitUntil(lambda: not w.ask.busy, timeout=90000)
    cards = [w.ask.transcript.itemAt(i).widget() for i in range(w.ask.transcript.count() - 1)]
    cards = [x for x in cards if hasattr(x, "badge")]
    assert len(cards) == 2 and not cards[0].badge.isVisible() and cards[1].badge.isVisible()
    assert "2,500 dollars" in cards[1].body.text()
    # a question nothing in the library is about is never sent
    ask(qtbot, w, "Which vaccines does the zoo require for penguins?")
    qtbot.wait(300)
    assert not w.ask.busy and len(server.message_requests) == 1


def two_dates(path: Path) -> Path:
    doc = pymupdf.open()
    page = doc.new_page()
    for y, (lab, value) in enumerate([("Date:", "10/02/2026"), ("Date:", "11/03/2026"), ("Total:", "£12.00"),
                                      ("Customer:", "Maria Gonzalez")]):
        page.insert_text((72, 100 + 24 * y), lab, fontsize=11)
        page.insert_text((200, 100 + 24 * y), value, fontsize=11)
    doc.save(path)
    doc.close()
    return path


def extracted(w, qtbot, pdf):
    """The Extract view with ``pdf`` read under the receipt template."""
    w.show_view("extract")
    v = w.extract
    qtbot.waitUntil(lambda: v.template_box.count() >= 5, timeout=10000)
    assert v.set_template("receipt")
    v.add_paths([str(pdf)])
    qtbot.waitUntil(lambda: v.queue.rowCount() == 1 and not v.busy and v.queue.item(0).state == "done",
                    timeout=90000)
    return v


def test_re_extract_with_claude_adds_a_row_whose_choices_carry_the_badge(window, qtbot, server, tmp_path):
    from desktop.extract_models import FieldsTableModel

    w, c = window
    wire(c, server, session_keys())
    pdf = two_dates(tmp_path / "receipt.pdf")
    v = extracted(w, qtbot, pdf)
    v.select(0)
    assert not v.claude_btn.isVisible()  # the cloud is off
    switch_on(c, "harder_tasks")
    assert v.claude_btn.isVisible()
    # the grammar offers the two dates; which ids they got is read from a first request
    server.queue.append(("tool", "{}"))
    v.re_extract_with_claude()
    qtbot.waitUntil(lambda: v.queue.rowCount() == 2 and not v.busy, timeout=90000)
    ids = [o for o in server.message_requests[0]["tools"][0]["input_schema"]["properties"]["date"]["enum"] if o]
    server.queue.append(("tool", json.dumps({"date": ids[1]})))
    v.select(0)
    v.re_extract_with_claude()
    qtbot.waitUntil(lambda: v.queue.rowCount() == 3 and not v.busy, timeout=90000)
    v.select(2)
    f = v.fields
    r = f.row_of("date")
    assert f.field(r).value == "2026-03-11" and f.by_claude(r) and f.needs_check(r)
    assert f.data(f.index(r, FieldsTableModel.CONF)).startswith("☁ Claude")
    assert "Claude's choice" in f.data(f.index(r, FieldsTableModel.VALUE), Qt.ItemDataRole.ToolTipRole)
    assert not f.by_claude(f.row_of("total"))
    assert v.queue.item(2).status_text().endswith("· Claude") and not v.claude_btn.isVisible()
    assert all("Gonzalez" not in json.dumps(r) for r in server.message_requests)
    assert [e.feature for e in AuditLog(c.settings.audit_path).entries()] == ["extract", "extract"]


def test_with_the_cloud_off_the_window_opens_no_network_socket(window, qtbot, server, client_docs, monkeypatch,
                                                               tmp_path):
    w, c = window
    wire(c, server, session_keys())
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    attempts = []
    real = socket.socket.connect

    def counting(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(address)
        return real(self, address)

    monkeypatch.setattr(socket.socket, "connect", counting)
    w.library.add_paths([str(client_docs)])
    wait_indexed(qtbot, c)
    c.services.chat_backend.queue("I cannot find this in the documents.")
    ask(qtbot, w, "What is the monthly retainer fee?")
    w.ask.ask_claude("What is the monthly retainer fee?")  # even asked for, with a key present
    qtbot.waitUntil(lambda: not w.ask.busy, timeout=90000)  # a job that fails at once still ends
    assert "switched off" in w.ask.last_card().body.text()
    w.show_view("extract")
    v = w.extract
    qtbot.waitUntil(lambda: v.template_box.count() >= 5, timeout=10000)
    v.set_template("receipt")
    v.add_paths([str(two_dates(tmp_path / "r.pdf"))])
    qtbot.waitUntil(lambda: v.queue.rowCount() == 1 and not v.busy, timeout=90000)
    v.select(0)
    v.re_extract_with_claude()
    qtbot.waitUntil(lambda: not v.busy, timeout=90000)
    page = cloud_page(w)
    page.fetch_models()
    qtbot.wait(200)
    assert attempts == [] and server.requests == [] and server.headers == []
    assert AuditLog(c.settings.audit_path).entries() == []


def test_preview_dialog_warns_when_redaction_is_off_and_cancel_is_the_default(qtbot):
    p = Prepared("extract", "claude-sonnet-4-6", [Message("user", "Maria Gonzalez, 14 Elm Street")], None, False)
    dlg = PreviewDialog(p)
    qtbot.addWidget(dlg)
    assert dlg.warning.isVisibleTo(dlg) and "Redaction is off" in dlg.warning.text.text()
    assert "Maria Gonzalez, 14 Elm Street" in dlg.text.toPlainText() and dlg.text.isReadOnly()
    assert dlg.cancel_btn.isDefault() and not dlg.send_btn.isDefault()
    dlg.resize(1200, 800)
    assert not dlg.grab().isNull()


def test_audit_viewer_shows_each_request_and_exports_csv_and_json(window, qtbot, qtmodeltester, tmp_path):
    w, c = window
    log = c.services.audit_log
    rid = log.begin(feature="ask", model="claude-sonnet-4-6", sent='{"messages": "[PERSON_1] owes 40"}',
                    redacted=True, placeholders=1, sources=[str(tmp_path / "a.pdf")])
    log.finish(rid, reply="[PERSON_1] owes 40 dollars.", status="ok", input_tokens=100, output_tokens=10,
               model="claude-sonnet-4-6")
    page = cloud_page(w)
    page.audit.load()
    qtbot.waitUntil(lambda: page.audit.model.rowCount() == 1, timeout=5000)
    qtmodeltester.check(page.audit.model)
    page.audit.table.selectRow(0)
    detail = page.audit.detail.toPlainText()
    assert "[PERSON_1] owes 40" in detail and "a.pdf" in detail and "1 request" in page.audit.summary.text()
    page.audit.export("csv", str(tmp_path / "audit.csv"))
    page.audit.export("json", str(tmp_path / "audit.json"))
    qtbot.waitUntil(lambda: (tmp_path / "audit.csv").exists() and (tmp_path / "audit.json").exists(), timeout=5000)
    import csv

    rows = list(csv.DictReader((tmp_path / "audit.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0]["reply"] == "[PERSON_1] owes 40 dollars." and rows[0]["feature"] == "ask"
    assert json.loads((tmp_path / "audit.json").read_text())[0]["sent"] == '{"messages": "[PERSON_1] owes 40"}'


def test_uncertain_values_go_to_claude_by_themselves_only_under_harder_tasks(window, qtbot, server, tmp_path):
    w, c = window
    wire(c, server, session_keys())
    w.show_view("extract")
    v = w.extract
    qtbot.waitUntil(lambda: v.template_box.count() >= 5, timeout=10000)
    assert v.set_template("receipt")
    switch_on(c, "ask_each_time")
    c.cloud_confirm.previewShown.connect(lambda dlg: dlg.cancel_btn.click())  # never reached: nothing escalates
    v.add_paths([str(two_dates(tmp_path / "a.pdf"))])
    qtbot.waitUntil(lambda: v.queue.rowCount() == 1 and not v.busy and v.queue.item(0).state == "done",
                    timeout=90000)
    assert v.queue.item(0).to_check() >= 1  # the local model's pick is flagged
    qtbot.wait(300)
    assert v.queue.rowCount() == 1 and server.requests == []
    switch_on(c, "harder_tasks")
    server.queue.append(("tool", "{}"))
    v.add_paths([str(two_dates(tmp_path / "b.pdf"))])
    qtbot.waitUntil(lambda: v.queue.rowCount() == 3 and not v.busy and v.queue.item(2).state == "done",
                    timeout=90000)
    assert [it.from_claude for it in v.queue.items()] == [False, False, True]
    assert v.queue.item(2).path.endswith("b.pdf") and len(server.message_requests) == 1
    assert "Claude is choosing them again" in v.banner.text.text()


def test_re_extract_a_scan_with_page_images_allowed_previews_the_picture_and_logs_its_thumbnail(
        window, qtbot, server, tmp_path, monkeypatch):
    from desktop.extract_models import FieldsTableModel
    from tests.core.test_cloud_vision import WRITTEN, ReplayOcr, scanned_receipt

    w, c = window
    wire(c, server, session_keys())
    monkeypatch.setattr("core.documents.ocr._default", ReplayOcr())
    pdf = scanned_receipt(tmp_path / "scan.pdf")
    v = extracted(w, qtbot, pdf)
    switch_on(c, "ask_each_time", allow_page_images=True)
    seen = []

    def answer(dlg):
        # plain facts only: a dialog kept past the test would be collected on some worker thread
        seen.append({"warning": dlg.image_warning.isVisibleTo(dlg) and dlg.image_warning.text.text(),
                     "thumbs": [not t.pixmap().isNull() for t in dlg.thumbnails],
                     "text": dlg.text.toPlainText()})
        dlg.grab().save(str(tmp_path / "preview.png"))
        dlg.send_btn.click()

    c.cloud_confirm.previewShown.connect(answer)
    server.queue.append(("tool", json.dumps(WRITTEN)))
    v.select(0)
    v.re_extract_with_claude()
    qtbot.waitUntil(lambda: v.queue.rowCount() == 2 and not v.busy, timeout=90000)
    c.cloud_confirm.previewShown.disconnect(answer)
    [shown] = seen
    assert shown["warning"] and "Redaction cannot apply to an image" in shown["warning"]
    assert shown["thumbs"] == [True]
    assert "page picture (not redacted)" in shown["text"] and "sha256:" in shown["text"]
    assert (tmp_path / "preview.png").stat().st_size > 0
    [req] = server.message_requests
    assert req["messages"][-1]["content"][0]["type"] == "image"
    v.select(1)
    f = v.fields
    r = f.row_of("date")  # two dates on the page: Claude read it off the picture
    assert f.field(r).value == "2026-03-11" and f.by_claude(r) and f.needs_check(r)
    assert "Claude's reading of the page" in f.data(f.index(r, FieldsTableModel.VALUE), Qt.ItemDataRole.ToolTipRole)

    page = cloud_page(w)
    page.audit.load()
    qtbot.waitUntil(lambda: page.audit.model.rowCount() == 1, timeout=30000)
    assert "1 picture" in page.audit.model.data(page.audit.model.index(0, 3))
    page.audit.table.selectRow(0)
    qtbot.waitUntil(lambda: page.audit.pictures.isVisibleTo(page), timeout=30000)
    [e] = AuditLog(c.settings.audit_path).entries()
    assert e.images[0]["sha256"] in page.audit.detail.toPlainText()
    from PySide6.QtWidgets import QLabel

    [thumb] = [x for x in page.audit.pictures.findChildren(QLabel) if x.pixmap() is not None and not x.pixmap().isNull()]
    assert thumb.pixmap().width() > 50


def test_erasing_from_the_window_deletes_the_key_in_the_keyring_and_says_so(memory_keyring, window, qtbot):
    from PySide6.QtWidgets import QDialog

    from desktop.views.settings import EraseDialog

    w, c = window
    c.services.chat_models._keys = KeyStore(c.settings.home)  # the memory keyring, not the one the window started with
    assert c.services.chat_models.keys.set(KEY) == "keyring" and memory_keyring.store
    w.navigate("settings:data")
    EraseDialog.exec = lambda self: QDialog.DialogCode.Accepted
    try:
        with qtbot.waitSignal(c.erased, timeout=30000) as sig:
            assert w.settings_view.data.confirm_erase()
    finally:
        del EraseDialog.exec
    assert not memory_keyring.store and sig.args[0].key == "deleted"
    assert "API key was deleted" in w.settings_view.data.banner.text.text()
