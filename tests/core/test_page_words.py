"""The page model's words and boxes: PDF text layer, OCR'd scans, pictures, EXIF turns."""
from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from core.documents.furniture import strip_furniture
from core.documents.readers import open_document
from core.types import PageText, Word

LINES = [
    (72, 100, "Retainer fee is payable on signature"),
    (72, 130, "Hourly rate for partners 450 dollars"),
]
# Table cells, drawn separately and right to left: the file's order is not the reading order.
ROW = [(360, 180, "150.00"), (260, 180, "1"), (72, 180, "Consultation")]


def _draw(page) -> list[tuple[str, float, float, float]]:
    """Draw LINES and ROW at 12 pt; returns (word, x0, x1, baseline) for every word drawn."""
    out = []
    for x, y, text in LINES + ROW:
        page.insert_text((x, y), text, fontsize=12)
        cursor = x
        for word in text.split(" "):
            width = pymupdf.get_text_length(word, fontsize=12)
            out.append((word, cursor, cursor + width, y))
            cursor += width + pymupdf.get_text_length(" ", fontsize=12)
    return out


def _text_pdf(path: Path) -> list[tuple[str, float, float, float]]:
    doc = pymupdf.open()
    drawn = _draw(doc.new_page(width=595, height=842))
    doc.save(path)
    return drawn


def _iou(a, b) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def _true_boxes(drawn, scale=1.0) -> dict[str, tuple]:
    """Word -> its drawn box (12 pt text: about 9 pt above the baseline, 3 below)."""
    return {w: (x0 * scale, (y - 9.5) * scale, x1 * scale, (y + 3) * scale) for w, x0, x1, y in drawn}


def _matched(words, truth: dict[str, tuple]) -> dict[str, float]:
    """IoU of each recognised word with the drawn word of the same text."""
    out = {}
    for w in words:
        key = w.text.strip(".,")
        if key in truth:
            out[key] = max(out.get(key, 0.0), _iou((w.x0, w.y0, w.x1, w.y1), truth[key]))
    return out


def test_pdf_words_hold_the_drawn_text_in_reading_order(tmp_path):
    drawn = _text_pdf(tmp_path / "fees.pdf")
    page = next(open_document(tmp_path / "fees.pdf").pages)
    assert page.size == (595, 842)
    # The words read in the text's own order, a table row included, so text and words line up.
    assert [w.text for w in page.words] == page.text.split()
    by_text = {w.text: w for w in page.words}
    for word, x0, x1, baseline in drawn:
        w = by_text[word]
        assert w.x0 == pytest.approx(x0, abs=0.5) and w.x1 == pytest.approx(x1, abs=0.5), word
        assert w.y0 < baseline - 6 and baseline <= w.y1 < baseline + 6, word
    # Words of one printed line share a line number; the next line has another.
    first = [w.line for w in page.words[:6]]
    assert len(set(first)) == 1 and page.words[6].line != first[0]


def test_furniture_stripping_keeps_the_pages_words(tmp_path):
    def words(n):  # a running header in the top band, the body, a page number in the bottom band
        return (Word("ACME", 10, 2, 30, 6, 0), Word("Report", 32, 2, 50, 6, 0),
                Word("Body", 10, 40, 30, 50, 1), Word("text", 32, 40, 40, 50, 1), Word("of", 42, 40, 46, 50, 1),
                Word("page", 48, 40, 58, 50, 1), Word(str(n), 60, 40, 64, 50, 1),
                Word("Page", 10, 94, 30, 98, 2), Word(str(n), 32, 94, 36, 98, 2))
    pages = [PageText(n, f"ACME Report\nBody text of page {n}\nPage {n}", words(n), (100, 100)) for n in range(1, 6)]
    out = list(strip_furniture(pages))
    assert all("ACME" not in p.text for p in out), "the header was not stripped: the test proves nothing"
    assert all(p.words == words(p.page) and p.size == (100, 100) for p in out)


def _scanned_pdf(tmp_path) -> tuple[Path, list]:
    src = pymupdf.open()
    drawn = _draw(src.new_page(width=595, height=842))
    pix = src[0].get_pixmap(dpi=150)
    scan = pymupdf.open()
    scan.new_page(width=595, height=842).insert_image(pymupdf.Rect(0, 0, 595, 842), pixmap=pix)
    scan.save(tmp_path / "scan.pdf")
    return tmp_path / "scan.pdf", drawn


@pytest.mark.real
def test_scanned_pdf_words_overlap_the_true_text_real_ocr(tmp_path):
    path, drawn = _scanned_pdf(tmp_path)
    page = next(open_document(path).pages)
    assert "Retainer" in page.text, page.text
    ious = _matched(page.words, _true_boxes(drawn))
    # Most words found, each box in PDF points over its own word (proportional split of the
    # OCR line box: tolerant, but a box on the wrong word or in pixels would score ~0).
    assert len(ious) >= 0.8 * len({w for w, *_ in drawn}), (ious, page.text)
    assert sorted(ious.values())[len(ious) // 2] >= 0.5, ious
    assert min(ious.values()) >= 0.2, ious


def _picture(tmp_path, name="note.png", dpi=150) -> tuple[Path, list]:
    doc = pymupdf.open()
    drawn = _draw(doc.new_page(width=595, height=842))
    doc[0].get_pixmap(dpi=dpi).save(tmp_path / name)
    return tmp_path / name, drawn


@pytest.mark.real
def test_picture_words_are_in_its_pixels_real_ocr(tmp_path):
    path, drawn = _picture(tmp_path)
    page = next(open_document(path).pages)
    scale = 150 / 72
    assert page.size == pytest.approx((595 * scale, 842 * scale), abs=2)
    ious = _matched(page.words, _true_boxes(drawn, scale))
    assert len(ious) >= 0.8 * len({w for w, *_ in drawn}), (ious, page.text)
    assert sorted(ious.values())[len(ious) // 2] >= 0.5, ious


@pytest.mark.real
def test_exif_turned_photo_has_upright_boxes_real_ocr(tmp_path):
    """A phone stores a portrait shot sideways with an orientation tag; boxes are in the
    picture as shown (upright), in its full-size pixels."""
    from PIL import Image

    path, drawn = _picture(tmp_path, "upright.png")
    upright = Image.open(path).convert("RGB")
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # orientation 6 turns it back
    exif = Image.Exif()
    exif[0x0112] = 6
    stored.save(tmp_path / "photo.jpg", quality=95, exif=exif)
    page = next(open_document(tmp_path / "photo.jpg").pages)
    assert page.size == pytest.approx(upright.size, abs=2)
    ious = _matched(page.words, _true_boxes(drawn, 150 / 72))
    assert len(ious) >= 0.8 * len({w for w, *_ in drawn}), (ious, page.text)
    assert sorted(ious.values())[len(ious) // 2] >= 0.5, ious


class _OneLine:
    """An OCR engine that finds one line at a fixed share of whatever picture it is shown."""

    def __call__(self, image):
        h, w = image.shape[:2]
        return [(0.1 * w, 0.2 * h, 0.5 * w, 0.3 * h, "Total due")]


def test_large_jpeg_boxes_are_in_full_size_pixels(tmp_path):
    """JPEGs over the OCR size are decoded in draft mode, which shrinks the image's reported
    size; the boxes must still be in the original picture's pixels."""
    from PIL import Image

    Image.new("RGB", (5000, 3000), "white").save(tmp_path / "big.jpg")
    page = next(open_document(tmp_path / "big.jpg", ocr_engine=_OneLine()).pages)
    assert page.size == pytest.approx((5000, 3000), rel=0.01)
    left = page.words[0]
    assert (left.x0, left.y0) == pytest.approx((500, 600), rel=0.01)
    assert page.words[-1].y1 == pytest.approx(900, rel=0.01)
