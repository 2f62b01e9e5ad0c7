"""End to end with the real bundled SmolLM2: drop a filled AcroForm and a digital letter on the
Extract view, and review what comes back against the known values."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from desktop.extract_models import FieldsTableModel
from tests.core.forms_docs import make

pytestmark = pytest.mark.real


def test_drop_a_form_and_a_letter_with_the_real_model(qtbot, qapp, tmp_path, monkeypatch):
    from desktop.app import build

    monkeypatch.delenv("LOCUM_FAKE_BACKENDS", raising=False)
    form, form_truth = make("client_intake", "form", 7, tmp_path / "in")
    letter, letter_truth = make("client_intake", "prose", 8, tmp_path / "in", drop=2)
    w, c = build(qapp)
    qtbot.addWidget(w)
    assert not c.settings.fake_backends
    try:
        w.resize(1280, 800)
        w.show()
        qtbot.waitExposed(w)
        errs = []
        c.errorRaised.connect(lambda e: errs.append(repr(e)))
        w.show_view("extract")
        v = w.extract
        qtbot.waitUntil(lambda: v.template_box.count() >= 5, timeout=10000)
        assert v.template_name() == "client_intake"
        statuses = []  # (row, status) as each row changes: what the queue says while it runs
        v.queue.dataChanged.connect(lambda tl, _br: statuses.append((tl.row(), v.queue.item(tl.row()).status_text())))
        md = QMimeData()
        md.setUrls([QUrl.fromLocalFile(str(form)), QUrl.fromLocalFile(str(letter))])
        v.dropEvent(QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, md, Qt.MouseButton.NoButton,
                               Qt.KeyboardModifier.NoModifier))
        qtbot.waitUntil(lambda: v.queue.rowCount() == 2, timeout=10000)
        qtbot.waitUntil(lambda: not v.busy and all(i.state in ("done", "failed") for i in v.queue.items()),
                        timeout=300000)
        assert not errs, errs
        assert [i.state for i in v.queue.items()] == ["done", "done"], [i.detail for i in v.queue.items()]

        f = v.fields

        def shown():
            return {f.name(r): f.field(r).value for r in range(f.rowCount())}

        # The filled form: every value exactly as filled in, nothing flagged, no model asked.
        v.select(0)
        assert shown() == form_truth
        assert not any(f.needs_check(r) for r in range(f.rowCount()))
        assert [t for row, t in statuses if row == 0 and t.startswith("Choosing")] == []

        # The letter: nothing invented, nothing wrong shown as certain, most values found.
        v.select(1)
        got = shown()
        assert [n for n, x in got.items() if x is not None and letter_truth.get(n) is None] == []
        assert [n for r, (n, x) in enumerate(got.items())
                if x is not None and not f.needs_check(r) and x != letter_truth[n]] == []
        assert sum(1 for n, x in got.items() if x is not None and x == letter_truth[n]) >= 4, got
        # Each value's source words are highlighted on its page when its row is picked.
        rows = [r for r in range(f.rowCount()) if f.field(r).value is not None]
        assert rows
        for r in rows:
            v.table.setCurrentIndex(f.index(r, FieldsTableModel.VALUE))
            qtbot.waitUntil(lambda: not v.preview.pending, timeout=10000)
            fv = f.field(r)
            assert fv.boxes and v.preview.page == fv.page and v.preview.canvas.box_rects(), fv.name

        # A receipt with two dates under one label: the ranking cannot decide, the real model
        # chooses under its grammar, and its pick is shown as one to check.
        import pymupdf

        two = tmp_path / "in" / "two-dates.pdf"
        doc = pymupdf.open()
        page = doc.new_page()
        for y, (lab, value) in enumerate([("Date:", "10/02/2026"), ("Date:", "11/03/2026"), ("Total:", "£12.00")]):
            page.insert_text((72, 100 + 24 * y), lab, fontsize=11)
            page.insert_text((200, 100 + 24 * y), value, fontsize=11)
        doc.save(two)
        assert v.set_template("receipt")
        v.add_paths([str(two)])
        qtbot.waitUntil(lambda: v.queue.rowCount() == 3, timeout=10000)
        qtbot.waitUntil(lambda: not v.busy and v.queue.item(2).state in ("done", "failed"), timeout=300000)
        assert v.queue.item(2).state == "done", v.queue.item(2).detail
        v.select(2)
        # The row said the model was asked (the store does not keep the number of calls).
        assert any(row == 2 and t.startswith("Choosing values for") for row, t in statuses), statuses
        assert f.stored.result.model == "smollm2-135m"
        r = f.row_of("date")
        picked = f.field(r).value
        assert picked in (None, "2026-02-10", "2026-03-11")
        assert f.needs_check(r) == (picked is not None)
        assert f.data(f.index(r, FieldsTableModel.VALUE)).startswith("⚠") == (picked is not None)
        assert f.field(f.row_of("total")).value == 12.0 and not f.needs_check(f.row_of("total"))
        assert not errs, errs
    finally:
        c.shutdown(60)
        w.close()
