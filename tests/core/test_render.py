"""Page pictures for the review preview: filled form fields are drawn, sizes are in points."""
from __future__ import annotations

import pymupdf
import pytest

from core.documents.render import render_pdf_page
from core.errors import UnreadableFileError
from tests.core.forms_docs import make


def _dark_share(png: bytes, rect_px) -> float:
    pix = pymupdf.Pixmap(png)
    x0, y0, x1, y1 = (int(v) for v in rect_px)
    dark = total = 0
    for y in range(max(0, y0), min(pix.height, y1)):
        for x in range(max(0, x0), min(pix.width, x1)):
            total += 1
            dark += sum(pix.pixel(x, y)[:3]) < 3 * 128
    return dark / max(1, total)


def test_filled_form_values_are_drawn(tmp_path):
    path, truth = make("client_intake", "form", 2, tmp_path)
    with pymupdf.open(path) as d:
        w = next(w for w in d[0].widgets() if w.field_value == truth["client_name"])
        rect, page_w = tuple(w.rect), d[0].rect.width
    img = render_pdf_page(str(path), 1, 800)
    assert img.page_count == 1 and img.size == (page_w, pytest.approx(img.size[1]))
    k = 800 / img.size[0]
    # The typed name shows inside its widget: a reviewer sees the value the box points at.
    assert _dark_share(img.png, [v * k for v in rect]) > 0.02


def test_page_is_clamped_and_bad_files_say_why(tmp_path):
    path, _ = make("invoice", "labels", 1, tmp_path)
    assert render_pdf_page(str(path), 9).page_count == 1
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 nothing")
    with pytest.raises(UnreadableFileError):
        render_pdf_page(str(bad), 1)
    locked = tmp_path / "locked.pdf"
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "secret")
    doc.save(locked, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="pw", owner_pw="pw")
    with pytest.raises(UnreadableFileError, match="password"):
        render_pdf_page(str(locked), 1)
