"""Rotated pages: a PDF page with /Rotate 90/180/270, a filled form on one, and scans
photographed or scanned on their side. Values are read as on the upright page, and every
value's boxes sit where its words are on the page as it is shown."""
from __future__ import annotations

import io

import pymupdf
import pytest

from core.documents.readers import open_document
from core.documents.turns import shown_box, turn_point, turn_rect, turned_size
from core.forms.engine import extract_document, source_on_page
from core.forms.templates import get_template
from core.types import Box
from tests.core.forms_docs import make

ROWS = [("Client name:", "Alice Smith"), ("Phone:", "01234 567890"), ("Email:", "alice@example.org")]


def _run(path, template="client_intake", **kw):
    gen = extract_document(str(path), get_template(template), None, **kw)
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value


def _rotated_pdf(path, rotation):
    """A page shown upright with /Rotate ``rotation``: its content is drawn turned the other way."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.set_rotation(rotation)
    m = page.derotation_matrix  # shown coordinates -> the page's own
    for y, (label, value) in enumerate(ROWS):
        page.insert_text(pymupdf.Point(72, 120 + 28 * y) * m, label, fontsize=12, rotate=rotation)
        page.insert_text(pymupdf.Point(220, 120 + 28 * y) * m, value, fontsize=12, rotate=rotation)
    doc.save(path)
    return path


def test_turns_round_trip():
    size = (600.0, 800.0)
    for q in (1, 2, 3):
        x, y = turn_point(10, 20, size, q)
        back = turn_point(x, y, turned_size(size, q), 4 - q)
        assert back == pytest.approx((10, 20))
    assert turn_rect((0, 0, 100, 50), size, 1) == (750, 0, 800, 100)
    b = Box(1, 750, 0, 800, 100)
    assert shown_box(b, turned_size(size, 1), 1) == Box(1, 0, 0, 100, 50)


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_rotated_pdf_page_reads_upright_and_boxes_sit_on_the_shown_page(tmp_path, rotation):
    path = _rotated_pdf(tmp_path / f"rot{rotation}.pdf", rotation)
    page = next(open_document(path).pages)
    assert page.text.splitlines()[0].split() == "Client name: Alice Smith".split()
    res = _run(path)
    got = {n: fv.value for n, fv in res.fields.items() if fv.value is not None}
    assert got == {"client_name": "Alice Smith", "phone": "+441234567890", "email": "alice@example.org"}
    with pymupdf.open(path) as d:
        shown = d[0].rect  # the page as a viewer (and our preview) draws it
    assert (page.size[0], page.size[1]) == (shown.width, shown.height)
    name = res.fields["client_name"]
    x0, y0 = min(b.x0 for b in name.boxes), min(b.y0 for b in name.boxes)
    x1, y1 = max(b.x1 for b in name.boxes), max(b.y1 for b in name.boxes)
    # "Alice Smith" was written at x=220 on the baseline y=120 of the page as shown.
    assert x0 == pytest.approx(220, abs=2) and y0 < 120 < y1 + 3 and x1 - x0 > 3 * (y1 - y0)
    assert not name.flagged and source_on_page(name.source, page)


def test_a_filled_form_on_a_rotated_page_highlights_its_widget_where_it_is_shown(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.set_rotation(90)
    m = page.derotation_matrix
    page.insert_text(pymupdf.Point(72, 120) * m, "Client name", fontsize=11, rotate=90)
    w = pymupdf.Widget()
    w.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    w.field_name = "client_name"
    w.rect = pymupdf.Rect(200, 105, 400, 125) * m
    w.field_value = "Alice Smith"
    page.add_widget(w)
    path = tmp_path / "form90.pdf"
    doc.save(path)
    res = _run(path)
    fv = res.fields["client_name"]
    assert fv.value == "Alice Smith" and fv.method == "form"
    (b,) = fv.boxes
    assert (b.x0, b.y0, b.x1, b.y1) == pytest.approx((200, 105, 400, 125), abs=0.5)


def _sideways_png(src_pdf, out, quarters):
    """The page rendered at 150 dpi and saved turned ``quarters`` times clockwise, no EXIF tag:
    a phone photo or scan taken on its side."""
    from PIL import Image

    with pymupdf.open(src_pdf) as d:
        pix = d[0].get_pixmap(dpi=150, colorspace=pymupdf.csGRAY)
    img = Image.frombytes("L", (pix.width, pix.height), pix.samples)
    img = img.rotate(-90 * quarters, expand=True)  # PIL turns counter-clockwise
    img.save(out)
    return out, (pix.width, pix.height)


@pytest.mark.real
@pytest.mark.parametrize("quarters", [1, 3])
def test_a_scan_photographed_sideways_is_read_upright_with_boxes_on_the_picture(tmp_path, quarters):
    src, truth = make("client_intake", "labels", 1, tmp_path)
    upright = _run(src)
    path, (w, h) = _sideways_png(src, tmp_path / f"side{quarters}.png", quarters)
    page = next(open_document(path).pages)
    assert page.turn == (4 - quarters) % 4  # read turned back upright
    res = _run(path)
    want = {n: v for n, v in truth.items() if v is not None}
    got = {n: res.fields[n].value for n in want}
    right = [n for n in want if got[n] == want[n]]
    assert len(right) >= 0.8 * len(want), got
    # Nothing wrong shown as certain, nothing invented.
    assert [n for n in want if got[n] is not None and got[n] != want[n] and not res.fields[n].flagged] == []
    assert [n for n, v in truth.items() if v is None and res.fields[n].value is not None] == []
    # Boxes are on the sideways picture as stored: where the upright page's words land
    # after the same turn (the digital page's boxes scaled from points to 150 dpi pixels).
    k = 150 / 72
    for n in right:
        ub = upright.fields[n].boxes[0]
        ex = turn_rect((ub.x0 * k, ub.y0 * k, ub.x1 * k, ub.y1 * k), (w, h), quarters)
        b = res.fields[n].boxes[0]
        inter_w = min(b.x1, ex[2]) - max(b.x0, ex[0])
        inter_h = min(b.y1, ex[3]) - max(b.y0, ex[1])
        assert inter_w > 0 and inter_h > 0, (n, b, ex)
        assert 0 <= b.x0 < b.x1 <= (h + 1 if quarters % 2 else w + 1)


def test_sideways_lines_are_read_turned_with_any_ocr_engine(tmp_path):
    """The orientation check needs no particular engine: the reading with the most text
    that runs left to right wins, and the boxes come back in the picture's frame."""
    import numpy as np
    from PIL import Image

    img = np.full((400, 300), 255, dtype=np.uint8)
    img[50:350, 100:110] = 0  # one tall dark stripe: text running down the page
    Image.fromarray(img).save(tmp_path / "side.png")
    calls = []

    def engine(image):
        calls.append(image.shape)
        if image.shape == (400, 300):  # as stored: tall, unreadable lines
            return [(100, 50 + 80 * i, 110, 120 + 80 * i, "xxxx", 0.2) for i in range(3)]
        if image.shape == (300, 400) and len(calls) == 2:  # one quarter turn clockwise
            return [(50, 100, 350, 110, "Client name: Alice Smith", 0.95)]
        return [(50, 190, 350, 200, "ɥʇᴉɯS ǝɔᴉl∀", 0.3)]

    page = next(open_document(tmp_path / "side.png", ocr_engine=engine).pages)
    assert page.turn == 1 and page.text == "Client name: Alice Smith" and page.size == (400, 300)
    assert calls == [(400, 300), (300, 400), (300, 400)]
    alice = next(w for w in page.words if w.text == "Alice")
    back = shown_box(Box(None, alice.x0, alice.y0, alice.x1, alice.y1), page.size, page.turn)
    assert 100 <= back.x0 < back.x1 <= 110 and 50 <= back.y0 < back.y1 <= 350  # on the stripe as stored
