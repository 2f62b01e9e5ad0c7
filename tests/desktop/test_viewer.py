"""The source viewer highlights a citation from its boxes: every line, table rows included;
without boxes it falls back to searching the page for the quote."""
from __future__ import annotations

import os
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtGui import QColor

from core.documents.locate import find_quote_boxes
from core.documents.readers import open_document
from desktop.viewer import PdfViewer

ROWS = [("Consultation", "1", "150.00"), ("Filing fee", "2", "80.00"), ("Courier", "3", "18.00"),
        ("Copies", "40", "12.00")]
TABLE_QUOTE = "Consultation 1 150.00 Filing fee 2 80.00 Courier 3 18.00"


def _fee_pdf(path: Path) -> Path:
    doc = pymupdf.open()
    doc.new_page(width=595, height=842).insert_text((72, 100), "Cover page of the fee schedule.", fontsize=12)
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 90), "Schedule of fees", fontsize=16)
    page.insert_text((72, 120), "Item", fontsize=11)
    page.insert_text((300, 120), "Qty", fontsize=11)
    page.insert_text((420, 120), "Amount", fontsize=11)
    for n, (item, qty, amount) in enumerate(ROWS):
        y = 140 + 18 * n
        page.insert_text((72, y), item, fontsize=11)
        page.insert_text((300, y), qty, fontsize=11)
        page.insert_text((420, y), amount, fontsize=11)
    page.insert_text((72, 240), "Invoices are payable within thirty days of issue.", fontsize=11)
    doc.save(path)
    return path


def _boxes(path: Path, page: int, quote: str):
    pg = [p for p in open_document(path).pages if p.page == page][0]
    return find_quote_boxes(pg.words, quote, page)


@pytest.fixture
def viewer(qtbot):
    v = PdfViewer()
    qtbot.addWidget(v)
    v.resize(800, 900)
    v.show()
    qtbot.waitExposed(v)
    yield v
    v.close()


def _colour_at(viewer, page_x: float, page_y: float) -> QColor:
    canvas = viewer.canvas
    img = canvas.grab().toImage()
    sx = img.width() / canvas.page_size.width()
    sy = img.height() / canvas.page_size.height()
    return img.pixelColor(round(page_x * sx), round(page_y * sy))


def _is_highlight(c: QColor) -> bool:
    return c.red() > 200 and c.green() > 170 and c.blue() < 190  # yellow over white paper


def test_table_quote_is_highlighted_row_by_row(viewer, qtbot, tmp_path):
    path = _fee_pdf(tmp_path / "fees.pdf")
    boxes = _boxes(path, 2, TABLE_QUOTE)
    assert len(boxes) == 3
    assert viewer.open(str(path), 2, TABLE_QUOTE, boxes)
    qtbot.waitUntil(lambda: viewer.found, timeout=5000)
    assert viewer.highlight_source == "boxes" and viewer.current_page() == 2
    shown = viewer.highlights()
    assert len(shown) == 3
    for rect, (item, qty, amount) in zip(shown, ROWS):
        # Each row's box runs from its first cell to its last, blank space between cells included.
        assert rect.left() < 80 and rect.right() > 440
    qtbot.wait(50)
    for n in range(3):  # between the Qty and Amount cells of each quoted row: blank paper, highlighted
        assert _is_highlight(_colour_at(viewer, 360, 137 + 18 * n)), n
    assert not _is_highlight(_colour_at(viewer, 360, 137 + 18 * 3))  # the fourth row is not quoted
    assert not _is_highlight(_colour_at(viewer, 360, 240 - 4))
    out = os.environ.get("LOCUM_VIEWER_PNG")
    if out:  # to look at the highlight by eye
        viewer.grab().save(out)

    # Another page, and back: the highlight belongs to the cited page only.
    viewer.go_to(1)
    assert viewer.highlights() == []
    viewer.go_to(2)
    assert len(viewer.highlights()) == 3


def test_without_boxes_the_quote_is_found_by_text_search(viewer, qtbot, tmp_path):
    path = _fee_pdf(tmp_path / "fees.pdf")
    quote = "Invoices are payable within thirty days of issue."
    assert viewer.open(str(path), 2, quote, ())
    qtbot.waitUntil(lambda: viewer.found, timeout=10000)
    assert viewer.highlight_source == "search" and viewer.current_page() == 2
    (rect,) = viewer.highlights()
    assert 230 < rect.bottom() < 250 and rect.left() == pytest.approx(72, abs=3)


def test_quote_not_on_the_page_highlights_nothing(viewer, qtbot, tmp_path):
    path = _fee_pdf(tmp_path / "fees.pdf")
    with qtbot.waitSignal(viewer.highlighted, timeout=20000) as sig:
        viewer.open(str(path), 2, "A sentence that this schedule does not hold anywhere at all.", ())
    assert sig.args == [False] and not viewer.found and viewer.highlights() == []


def _note_png(tmp_path: Path, name: str = "note.png") -> tuple[Path, pymupdf.Rect]:
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=200)
    page.insert_text((40, 100), "Total due 120.00", fontsize=20)
    rect = page.search_for("Total due 120.00")[0] * (150 / 72)  # where it is, in the picture's pixels
    page.get_pixmap(dpi=150).save(tmp_path / name)
    return tmp_path / name, rect


def test_picture_with_boxes_opens_with_them_drawn(viewer, qtbot, tmp_path):
    from core.types import Box

    path, rect = _note_png(tmp_path)
    box = Box(None, rect.x0, rect.y0, rect.x1, rect.y1)
    assert viewer.open(str(path), None, "Total due 120.00", [box])
    qtbot.waitUntil(lambda: viewer.found, timeout=5000)
    assert viewer.kind == "image" and viewer.page_count() == 1
    assert viewer.canvas.page_size.width() == pytest.approx(400 * 150 / 72, abs=2)
    qtbot.wait(50)
    # Inside the box, below the baseline (the text has no descenders): paper, highlighted.
    assert _is_highlight(_colour_at(viewer, (rect.x0 + rect.x1) / 2, rect.y1 - 3))
    assert not _is_highlight(_colour_at(viewer, 5, 5))


def test_exif_turned_photo_is_shown_upright_in_the_boxes_space(viewer, tmp_path):
    from PIL import Image

    path, _ = _note_png(tmp_path)
    upright = Image.open(path).convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = 6
    upright.transpose(Image.Transpose.ROTATE_90).save(tmp_path / "photo.jpg", exif=exif)
    assert viewer.open(str(tmp_path / "photo.jpg"), None, "", ())
    assert (viewer.canvas.page_size.width(), viewer.canvas.page_size.height()) == upright.size


def test_window_opens_pictures_only_when_there_are_boxes(make_window, tmp_path, monkeypatch):
    window, _ = make_window(warm=False)  # opening a source needs no model
    from core.types import Box
    import desktop.main_window as mw

    path, rect = _note_png(tmp_path)
    opened = []
    monkeypatch.setattr(mw, "open_external", lambda p: opened.append(p) or True)
    window.open_source(str(path), None, "Total due", ())
    assert opened == [str(path)] and window.viewer is None
    window.open_source(str(path), None, "Total due", (Box(None, rect.x0, rect.y0, rect.x1, rect.y1),))
    assert window.viewer is not None and window.viewer.isVisible() and window.viewer.found
    assert opened == [str(path)]
