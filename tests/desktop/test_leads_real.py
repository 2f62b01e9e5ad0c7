"""End to end with the real bundled SmolLM2: a morning's inquiries dropped on the Leads view
with the office's client list, each read into a lead note that matches what was written."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

pytestmark = pytest.mark.real

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "leads"
NAMES = ["L01_divorce_urgent.eml", "L03_forwarded_dismissal.eml", "L06_seo_spam.eml", "L09_eviction_conflict.eml"]


def test_drop_inquiries_with_the_real_model(qtbot, qapp, tmp_path, monkeypatch):
    from desktop.app import build

    monkeypatch.delenv("LOCUM_FAKE_BACKENDS", raising=False)
    expected = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in NAMES:
        shutil.copy(DATA / "law" / n, inbox / n)
    shutil.copy(DATA / "clients.csv", tmp_path / "clients.csv")
    w, c = build(qapp)
    qtbot.addWidget(w)
    assert not c.settings.fake_backends
    try:
        w.resize(1180, 780)
        w.show()
        qtbot.waitExposed(w)
        errs = []
        c.errorRaised.connect(lambda e: errs.append(repr(e)))
        w.show_view("leads")
        v = w.leads
        v.set_clients(str(tmp_path / "clients.csv"))
        qtbot.waitUntil(lambda: v.clients_btn.text() == "Clients: clients.csv", timeout=10000)
        md = QMimeData()
        md.setUrls([QUrl.fromLocalFile(str(inbox))])
        with qtbot.waitSignal(v.runFinished, timeout=600000) as done:
            v.dropEvent(QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, md, Qt.MouseButton.NoButton,
                                   Qt.KeyboardModifier.NoModifier))
        assert not errs, errs
        assert type(c.services.chat_backend).__name__ != "FakeChat"  # the bundled GGUF through llama.cpp
        report = done.args[0]
        assert len(report.added) == 4 and report.failed == []
        qtbot.waitUntil(lambda: v.model.rowCount() == 4, timeout=10000)
        for lead in v.model.leads():
            want = expected["law/" + Path(lead.file).name]
            assert lead.tier == want["tier"], (lead.file, lead.tier, lead.data["reasons"])
            assert lead.email == want["fields"]["email"]
            # nothing shown as certain that the inquiry does not say
            for name, f in lead.data["fields"].items():
                if f["value"] is not None and f["method"] != "header" and f["start"] is not None:
                    assert lead.inquiry["text"][f["start"]:f["end"]] == f["source"], (lead.file, name)
        liam = next(lead for lead in v.model.leads() if lead.file.endswith("L09_eviction_conflict.eml"))
        assert [x["matched"] for x in liam.conflicts if x["where"] == "clients"] == ["Gregory Hale"]
        v.select_id(liam.id)
        assert "Gregory Hale" in v.d_fit.toPlainText() and "client list" in v.d_fit.toPlainText()
        assert v.d_reply.toPlainText().strip() and "Liam" in v.d_reply.toPlainText()
    finally:
        c.shutdown(60)
        w.close()
