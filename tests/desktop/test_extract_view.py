"""The Extract view: drop documents, the queue (progress, a failing file, cancel), the field
table beside the page with the source highlighted, edits and review marks kept across a
restart, and export. Fake chat backend; the engine, store and PDF rendering are real."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, qAlpha, qGray
from PySide6.QtWidgets import QApplication, QFileDialog

from core.fields.records import ExtractionResult, FieldValue
from core.forms.store import FieldReview, ResultsStore, StoredResult
from core.types import Box
from desktop.extract_models import FieldsTableModel, QueueItem, QueueTableModel, parse_edit
from tests.core.forms_docs import make


def _stored(rid=1):
    fields = {
        "client_name": FieldValue("client_name", "Chloe Baines", 1, "Chloe Baines", 0.97, "label",
                                  (Box(1, 100, 100, 160, 112),)),
        "date_of_birth": FieldValue("date_of_birth", "1956-11-22", 1, "22/11/1956", 0.6, "model",
                                    (Box(1, 100, 120, 150, 132),)),
        "total": FieldValue("total", 120.5, 1, "£120.50", 0.9, "label", (), ("subtotal 100.00 + tax 10.00 is not the total",)),
        "phone": FieldValue("phone"),
    }
    return StoredResult(rid, ExtractionResult("/docs/a.pdf", "client_intake", fields), 0.0, {})


# ---- models ----------------------------------------------------------------------

def test_fields_model_marks_flagged_values_and_keeps_edits_beside_originals(qtmodeltester):
    m = FieldsTableModel()
    edits, marks = [], []
    m.on_edit = lambda n, v: edits.append((n, v))
    m.on_reviewed = lambda n, f: marks.append((n, f))
    m.set_result(_stored(), {"total": "money"})
    qtmodeltester.check(m, force_py=True)
    V, C = FieldsTableModel.VALUE, FieldsTableModel.CONF
    assert m.rowCount() == 4 and m.columnCount() == 5
    # A sure value reads plainly; a low-confidence or noted one is never shown as certain.
    assert m.data(m.index(0, V)) == "Chloe Baines" and m.data(m.index(0, C)) == "97%"
    assert m.data(m.index(1, V)).startswith("⚠") and m.data(m.index(1, C)) == "60% · check"
    assert m.data(m.index(2, V)).startswith("⚠") and "not the total" in m.data(m.index(2, V), Qt.ItemDataRole.ToolTipRole)
    assert m.data(m.index(3, V)) == "—" and m.data(m.index(3, FieldsTableModel.PAGE)) == ""
    assert [m.needs_check(r) for r in range(4)] == [False, True, True, False]

    # Editing keeps the original (shown on hover), marks the field reviewed, clears the flag.
    assert m.setData(m.index(1, V), "1956-11-23")
    assert edits == [("date_of_birth", "1956-11-23")]
    assert m.data(m.index(1, V)) == "1956-11-23" and m.data(m.index(1, C)) == "yours"
    tip = m.data(m.index(1, V), Qt.ItemDataRole.ToolTipRole)
    assert "Your value: 1956-11-23" in tip and "Original: 1956-11-22" in tip
    assert m.is_reviewed(1) and not m.needs_check(1)
    # A number field refuses text that is not one instead of keeping a wrong value.
    assert not m.setData(m.index(2, V), "one hundred")
    assert "number" in m.last_error and edits == [("date_of_birth", "1956-11-23")]
    assert m.setData(m.index(2, V), "£1,250.00") and edits[-1] == ("total", 1250.0)
    # Typing the same value again records no edit over the original.
    assert not m.setData(m.index(0, V), "Chloe Baines")
    # Reviewed is a check box.
    R = FieldsTableModel.REVIEWED
    assert m.setData(m.index(0, R), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert marks == [("client_name", True)]
    assert m.data(m.index(0, R), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    m.set_result(None)
    assert m.rowCount() == 0


def test_parse_edit_by_kind():
    assert parse_edit("  ", "x") is None
    assert parse_edit("yes", None, "boolean") is True and parse_edit("no", True) is False
    with pytest.raises(ValueError):
        parse_edit("maybe", None, "boolean")
    assert parse_edit("$ 1,000", None, "money") == 1000.0
    assert parse_edit("a; b", ["x"]) == ["a", "b"]


def test_queue_model(qtmodeltester):
    m = QueueTableModel()
    qtmodeltester.check(m, force_py=True)
    a, b = QueueItem("/d/a.pdf", "invoice"), QueueItem("/d/b.pdf", "invoice")
    m.append([a, b])
    b.state, b.detail = "failed", "is encrypted"
    m.changed(b)
    assert m.data(m.index(1, QueueTableModel.STATUS)) == "Failed: is encrypted"
    a.state, a.stored = "done", _stored()
    m.changed(a)
    assert m.data(m.index(0, QueueTableModel.STATUS)) == "3 of 4 found · 2 to check"
    m.remove(b)
    m.set_items([])
    assert m.rowCount() == 0


# ---- the view ----------------------------------------------------------------------

def _docs(tmp_path: Path):
    form, form_truth = make("client_intake", "form", 1, tmp_path / "in")
    letter, letter_truth = make("client_intake", "prose", 2, tmp_path / "in")
    bad = tmp_path / "in" / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    return form, form_truth, letter, letter_truth, bad


def _wait_idle(qtbot, view, timeout=60000):
    qtbot.waitUntil(lambda: not view.busy and view.queue.rowCount() > 0
                    and all(it.state not in ("waiting", "running") for it in view.queue.items()), timeout=timeout)


def _drop(widget, paths):
    md = QMimeData()
    md.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    ev = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, md, Qt.MouseButton.NoButton,
                    Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(ev)


def test_empty_view_offers_a_drop_target(window):
    w, c = window
    w.show_view("extract")
    assert list(w.nav_buttons) == ["ask", "library", "extract", "leads", "settings"]
    v = w.extract
    assert v.stack.currentWidget() is v.empty and v.acceptDrops()
    assert "Drop" in v.empty.title.text()
    assert not v.csv_btn.isEnabled() and not v.json_btn.isEnabled()


def test_drop_runs_the_queue_a_broken_file_fails_alone(window, qtbot, tmp_path):
    w, c = window
    form, form_truth, letter, letter_truth, bad = _docs(tmp_path)
    w.show_view("extract")
    v = w.extract
    started = []
    v.queue.rowsInserted.connect(lambda *_: started.append(v.queue.rowCount()))
    w.handle_drop([str(form), str(bad), str(letter), str(tmp_path / "in")])  # the folder repeats them: skipped
    _wait_idle(qtbot, v)
    items = v.queue.items()
    assert [Path(i.path).name for i in items] == [form.name, bad.name, letter.name]
    assert [i.state for i in items] == ["done", "failed", "done"]
    assert "damaged" in items[1].status_text()  # the row says why
    assert not v.queue_card.isVisible()
    assert w.current_view() == "extract" and c.status.files == 0  # dropped on Extract, not indexed

    # The filled form's values are exact and shown without a flag.
    v.select(0)
    f = v.fields
    got = {f.name(r): f.field(r).value for r in range(f.rowCount())}
    for name, want in form_truth.items():
        if want is not None:
            assert got[name] == want, name
    assert not any(f.needs_check(r) for r in range(f.rowCount()))
    # The preview draws the filled value inside its highlighted widget box.
    row = f.row_of("client_name")
    v.table.setCurrentIndex(f.index(row, FieldsTableModel.VALUE))
    qtbot.waitUntil(lambda: not v.preview.pending, timeout=10000)  # pages are drawn in a worker
    img, units = v.preview.canvas.image, v.preview.canvas.units
    b = f.field(row).boxes[0]
    k = img.width() / units[0]
    pixels = [img.pixel(x, y) for x in range(int(b.x0 * k), int(b.x1 * k))
              for y in range(int(b.y0 * k), int(b.y1 * k))]
    px = [qGray(p) if qAlpha(p) > 128 else 255 for p in pixels]  # transparent counts as blank
    assert sum(g < 128 for g in px) / len(px) > 0.02

    # The failed row shows its reason, not an empty table.
    v.select(1)
    assert f.rowCount() == 0 and "damaged" in v.doc_banner.text.text() and v.doc_banner.isVisible()

    # Clicking a field of the letter jumps to its page with its words highlighted.
    v.select(2)
    row = f.row_of("email")
    fv = f.field(row)
    assert fv.value == letter_truth["email"] and fv.boxes
    rect = v.table.visualRect(f.index(row, FieldsTableModel.FIELD))
    qtbot.mouseClick(v.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: not v.preview.pending, timeout=10000)
    assert v.preview.page == fv.page and v.preview.canvas.image is not None
    assert v.preview.canvas.boxes == [b for b in fv.boxes if b.page == fv.page]
    hi = v.preview.canvas.box_rects()[0]
    # The box lands inside the rendered page where the word is (points scaled to pixels).
    scale = v.preview.canvas.width() / v.preview.canvas.units[0]
    assert abs(hi.left() - (fv.boxes[0].x0 * scale - 2)) < 1 and 0 < hi.top() < v.preview.canvas.height()
    assert letter_truth["email"] in v.preview.quote.text()


def test_keyboard_review_and_edit_survive_a_restart(make_window, qtbot, tmp_path):
    w, c = make_window()
    form, _t, letter, truth, _bad = _docs(tmp_path)
    w.show_view("extract")
    v = w.extract
    v.add_paths([str(letter)])
    _wait_idle(qtbot, v)
    f, t = v.fields, v.table
    t.setFocus()
    row = f.row_of("client_name")
    t.setCurrentIndex(f.index(row, FieldsTableModel.VALUE))
    qtbot.keyClick(t, Qt.Key.Key_Down)
    assert t.currentIndex().row() == row + 1
    assert v.preview.quote.text()  # the preview followed the keyboard
    qtbot.keyClick(t, Qt.Key.Key_Up)
    qtbot.keyClick(t, Qt.Key.Key_Space)  # reviewed
    assert f.is_reviewed(row)
    drow = f.row_of("date_of_birth")
    t.setCurrentIndex(f.index(drow, FieldsTableModel.FIELD))
    qtbot.keyClick(t, Qt.Key.Key_Return)  # Enter edits the value
    editor = QApplication.focusWidget()
    assert t.state() == t.State.EditingState and editor is not t
    editor.selectAll()
    qtbot.keyClicks(editor, "1990-01-02")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: f.data(f.index(drow, FieldsTableModel.VALUE)) == "1990-01-02", timeout=3000)
    rid = f.stored.id
    store = ResultsStore(c.settings.extract_path)
    qtbot.waitUntil(lambda: store.get(rid).reviews.get("date_of_birth", FieldReview()).edited, timeout=5000)
    qtbot.waitUntil(lambda: store.get(rid).reviews.get("client_name", FieldReview()).reviewed, timeout=5000)
    w.close()
    c.shutdown(30)

    # A new window on the same home lists the result with the edit, the original and the mark.
    w2, c2 = make_window()
    w2.show_view("extract")
    v2 = w2.extract
    qtbot.waitUntil(lambda: v2.queue.rowCount() == 1 and v2.fields.rowCount() > 0, timeout=10000)
    f2 = v2.fields
    d2 = f2.row_of("date_of_birth")
    assert f2.data(f2.index(d2, FieldsTableModel.VALUE)) == "1990-01-02"
    assert f"Original: {truth['date_of_birth']}" in f2.data(f2.index(d2, FieldsTableModel.VALUE),
                                                              Qt.ItemDataRole.ToolTipRole)
    assert f2.is_reviewed(f2.row_of("client_name"))
    assert v2.stack.currentIndex() == 1


def test_flagged_value_is_marked_until_reviewed(make_window, qtbot, tmp_path):
    # A result kept by an earlier run (e.g. `locum extract`), with a value the engine doubts.
    form, _truth, _l, _lt, _b = _docs(tmp_path)
    from core.settings import Settings

    s = Settings.load()
    res = ExtractionResult(str(form), "client_intake", {
        "client_name": FieldValue("client_name", "Chloe Baines", 1, "Chloe Baines", 0.55, "model"),
        "email": FieldValue("email"),
    })
    ResultsStore(s.extract_path).save(res)
    w, c = make_window()
    w.show_view("extract")
    v = w.extract
    qtbot.waitUntil(lambda: v.fields.rowCount() == 2, timeout=10000)
    assert v.fields.needs_check(0)
    assert v.table.currentIndex().row() == 0  # the first value to check is where review starts
    assert "1 value to check" in v.fields_title.text()
    assert "1 to check" in v.queue.item(0).status_text()
    v.table.setFocus()
    qtbot.keyClick(v.table, Qt.Key.Key_Space)
    assert not v.fields.needs_check(0) and "nothing flagged" in v.fields_title.text()


def test_cancel_stops_the_queue(window, qtbot, tmp_path):
    w, c = window
    paths = [make("invoice", "labels", i, tmp_path / "many")[0] for i in range(4)]
    w.show_view("extract")
    v = w.extract
    _drop(v, paths)
    qtbot.waitUntil(lambda: v.busy, timeout=10000)
    assert v.queue_card.isVisible() and "of 4 documents" in v.queue_title.text()
    with qtbot.waitSignal(v.queueFinished, timeout=30000):
        qtbot.mouseClick(v.cancel_btn, Qt.MouseButton.LeftButton)
    states = [i.state for i in v.queue.items()]
    assert states[0] in ("done", "cancelled") and states[1:] == ["cancelled"] * 3
    # Nothing was kept for the documents that were not read.
    kept = ResultsStore(c.settings.extract_path).list()
    assert len(kept) == (1 if states[0] == "done" else 0)


def test_export_csv_json_and_copy(window, qtbot, tmp_path, monkeypatch):
    w, c = window
    form, truth, letter, _lt, _bad = _docs(tmp_path)
    w.show_view("extract")
    v = w.extract
    v.add_paths([str(form), str(letter)])
    _wait_idle(qtbot, v)
    v.select(0)
    f = v.fields
    row = f.row_of("client_name")
    assert f.setData(f.index(row, FieldsTableModel.VALUE), "Chloe B. Baines")
    store = ResultsStore(c.settings.extract_path)
    qtbot.waitUntil(lambda: store.get(f.stored.id).reviews.get("client_name", FieldReview()).edited, timeout=5000)

    out = tmp_path / "out" / "fields"
    out.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "CSV files (*.csv)"))
    qtbot.mouseClick(v.csv_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Wrote 2 documents" in v.banner.text.text(), timeout=5000)
    assert str(out) + ".csv" in v.banner.text.text()  # says where
    rows = list(csv.DictReader(open(str(out) + ".csv", encoding="utf-8")))
    assert len(rows) == 2  # one row per document
    assert rows[0]["client_name"] == "Chloe B. Baines" and rows[0]["email"] == truth["email"]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out) + ".json", ""))
    qtbot.mouseClick(v.json_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ".json" in v.banner.text.text(), timeout=5000)
    data = json.loads(Path(str(out) + ".json").read_text(encoding="utf-8"))
    assert data[0]["fields"]["client_name"] == {**data[0]["fields"]["client_name"], "value": "Chloe B. Baines",
                                                "original": truth["client_name"], "edited": True}

    QApplication.clipboard().clear()
    qtbot.mouseClick(v.copy_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(QApplication.clipboard().text()), timeout=5000)
    copied = json.loads(QApplication.clipboard().text())
    assert len(copied) == 1 and copied[0]["file"] == str(form)


def test_a_document_removed_from_locum_leaves_the_list(window, qtbot, tmp_path):
    w, c = window
    form, _t, letter, _lt, _bad = _docs(tmp_path)
    w.show_view("extract")
    v = w.extract
    v.add_paths([str(form), str(letter)])
    _wait_idle(qtbot, v)
    v.select(1)
    c.services.remove(str(letter))  # as `locum remove` or Settings would, while the window is open
    w.show_view("ask")
    w.show_view("extract")
    qtbot.waitUntil(lambda: v.queue.rowCount() == 1, timeout=5000)
    assert v.queue.item(0).path == str(form) and v.fields.stored.result.file == str(form)
