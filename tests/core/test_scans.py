"""Scans and phone photos that arrive badly: upside down, photographed at an angle on a desk,
50 megapixels. The generated pages go through the real RapidOCR and the extraction engine;
the fields must come back, and nothing wrong may be shown as certain."""
from __future__ import annotations

import io

import numpy as np
import pymupdf
import pytest

from core.documents import ocr
from core.documents.readers import open_document
from core.fields.normalise import same_value
from core.fields.templates import get_template
from core.forms.engine import extract_document, source_on_page
from core.services import run_to_end
from tests.core.forms_docs import make


def _run(path, template="client_intake"):
    return run_to_end(extract_document(str(path), get_template(template), None))


def _page_pixels(src_pdf, dpi=150) -> np.ndarray:
    with pymupdf.open(src_pdf) as d:
        pix = d[0].get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.stride)[:, : pix.width].copy()


def _noisy(arr: np.ndarray, seed: int = 7) -> np.ndarray:
    noise = np.random.default_rng(seed).normal(0, 10, arr.shape)
    return np.clip(arr.astype(np.int16) + noise, 0, 255).astype(np.uint8)


def _image_pdf(arr: np.ndarray, path, size=(595, 842)):
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, format="PNG")
    doc = pymupdf.open()
    page = doc.new_page(width=size[0], height=size[1])
    page.insert_image(page.rect, stream=buf.getvalue())
    doc.save(path)
    return path


def _checked(res, truth, *, share=0.8):
    want = {n: v for n, v in truth.items() if v is not None}
    got = {n: res.fields[n].value for n in want}
    right = [n for n in want if got[n] == want[n] or same_value("", got[n], want[n])]
    assert len(right) >= share * len(want), got
    wrong_sure = [n for n in want if got[n] is not None and n not in right and not res.fields[n].flagged]
    assert wrong_sure == []
    assert [n for n, v in truth.items() if v is None and res.fields[n].value is not None] == []
    return right


# ---------------------------------------------------------------- upside down


@pytest.mark.real
def test_an_upside_down_scan_is_turned_and_its_fields_read(tmp_path):
    src, truth = make("client_intake", "labels", 3, tmp_path)
    pdf = _image_pdf(_noisy(np.ascontiguousarray(_page_pixels(src)[::-1, ::-1])), tmp_path / "upside.pdf")
    page = next(open_document(pdf).pages)
    assert page.turn == 2 and "Client name" in page.text, page.text[:200]
    res = _run(pdf)
    right = _checked(res, truth)
    for n in right:
        fv = res.fields[n]
        assert source_on_page(fv.source, page)
    # A value's boxes are on the page as stored: the client's name, near the top of the
    # sheet, is in the lower half of the upside-down page.
    assert "client_name" in right
    b = res.fields["client_name"].boxes[0]
    assert b.y0 > page.size[1] / 2 and b.x1 < page.size[0]


@pytest.mark.real
def test_an_upright_scan_is_read_once_and_not_turned(tmp_path, monkeypatch):
    src, _ = make("invoice", "labels", 2, tmp_path)
    pdf = _image_pdf(_noisy(_page_pixels(src)), tmp_path / "upright.pdf")
    engine = ocr.default_engine()
    calls = []
    real_read = type(engine)._read
    monkeypatch.setattr(type(engine), "_read", lambda self, image: calls.append(image.shape) or real_read(self, image))
    page = next(open_document(pdf).pages)
    assert page.turn == 0 and "INVOICE" in page.text
    assert len(calls) == 1  # one recognition pass; the orientation vote reads no page again


def test_an_engine_without_a_vote_still_reads_sideways_pages_and_leaves_flat_ones():
    img = np.full((300, 400), 255, np.uint8)
    seen = []

    def engine(image):
        seen.append(image.shape)
        return [(10, 10, 200, 30, "Client name: Alice", 0.9)]

    lines, turn = ocr.read_upright(engine, img)
    assert turn == 0 and lines[0][4] == "Client name: Alice" and seen == [(300, 400)]


# ---------------------------------------------------------------- phone photos


def _photo(sheet: np.ndarray, corners, canvas=(1500, 1900), shade=70, seed=3) -> np.ndarray:
    """``sheet`` warped onto ``corners`` (tl, tr, br, bl) of a darker, uneven desk."""
    import cv2

    w, h = canvas
    rng = np.random.default_rng(seed)
    desk = np.clip(shade + 25 * np.linspace(-1, 1, w)[None, :] + rng.normal(0, 8, (h, w)), 0, 255).astype(np.uint8)
    sh, sw = sheet.shape
    m = cv2.getPerspectiveTransform(np.float32([[0, 0], [sw - 1, 0], [sw - 1, sh - 1], [0, sh - 1]]),
                                    np.float32(corners))
    warped = cv2.warpPerspective(sheet, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=0)
    inside = cv2.warpPerspective(np.full_like(sheet, 255), m, (w, h), borderValue=0) > 128
    return _noisy(np.where(inside, warped, desk).astype(np.uint8), seed)


# a sheet photographed from above its bottom edge, a little turned: wider at the bottom
CORNERS = [(380, 140), (1150, 100), (1330, 1760), (170, 1700)]


def test_the_page_outline_is_found_on_a_darker_desk_and_nothing_else_is_warped():
    sheet = np.full((1100, 780), 245, np.uint8)
    sheet[100:130, 80:600] = 20  # a line of "print"
    photo = _photo(sheet, CORNERS)
    found = ocr.find_page(photo)
    assert found is not None
    assert np.abs(found - np.float32(CORNERS)).max() < 15, found
    flat, back = ocr.flatten_page(photo)
    assert back is not None and flat.shape[0] > flat.shape[1]  # a portrait sheet, level
    # The flattened picture is the sheet: light all over, the desk gone.
    assert flat[5:-5, 5:-5].mean() > 200 and photo.mean() < 180

    # No clear outline: a scan whose paper fills the picture, with a ruled box on it ...
    scan = np.full((1100, 780), 250, np.uint8)
    scan[80:1000, 60:720] = 0
    scan[84:996, 64:716] = 250
    assert ocr.find_page(scan) is None and ocr.flatten_page(scan)[1] is None
    # ... a blank picture, a dark one, and a picture that is noise
    assert ocr.find_page(np.full((600, 400), 255, np.uint8)) is None
    assert ocr.find_page(np.zeros((600, 400), np.uint8)) is None
    assert ocr.find_page(np.random.default_rng(1).integers(0, 255, (600, 400), dtype=np.uint8)) is None


#: Before the page was flattened, these photos gave 2 of 8 and 0 of 8 fields (and wrong ones).
STEEP = {
    "steep": [(500, 200), (1050, 150), (1420, 1800), (80, 1760)],  # the camera low over the bottom edge
    "turned": [(600, 100), (1300, 300), (1050, 1850), (150, 1600)],  # and the sheet turned on the desk
}


@pytest.mark.real
@pytest.mark.parametrize("view", sorted(STEEP))
def test_a_phone_photo_at_an_angle_is_flattened_and_its_fields_come_back(tmp_path, view):
    from PIL import Image

    src, truth = make("client_intake", "labels", 4, tmp_path)
    photo = _photo(_page_pixels(src, dpi=110), STEEP[view])
    Image.fromarray(photo).save(tmp_path / "photo.jpg", quality=90)
    page = next(open_document(tmp_path / "photo.jpg").pages)
    res = _run(tmp_path / "photo.jpg")
    right = _checked(res, truth, share=1.0)
    for n in right:
        assert source_on_page(res.fields[n].source, page)
    # The words are on the flattened sheet: a portrait page, its label rows level.
    assert page.size[1] > page.size[0] and page.warp is not None
    label = next(w for w in page.words if w.text.startswith("name"))
    level = next(b for b in page.words if b.text == res.fields["client_name"].source.split()[0])
    assert abs((label.y0 + label.y1) / 2 - (level.y0 + level.y1) / 2) < (label.y1 - label.y0)
    # The reviewer sees the photo itself: the value's box is where its words are on the photo.
    import cv2

    sheet = _page_pixels(src, dpi=110)
    sh, sw = sheet.shape
    to_photo = cv2.getPerspectiveTransform(np.float32([[0, 0], [sw - 1, 0], [sw - 1, sh - 1], [0, sh - 1]]),
                                           np.float32(STEEP[view]))
    with pymupdf.open(src) as d:
        hits = d[0].search_for(res.fields["client_name"].source)
    (r,) = hits[:1]
    k = 110 / 72
    want = cv2.perspectiveTransform(np.float32([[[(r.x0 + r.x1) / 2 * k, (r.y0 + r.y1) / 2 * k]]]), to_photo)[0, 0]
    box = res.fields["client_name"].boxes[0]
    got = ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
    assert abs(got[0] - want[0]) < 40 and abs(got[1] - want[1]) < 25, (got, tuple(want))


# ---------------------------------------------------------------- 50 megapixels

_MEASURE = r"""
import resource, sys
from core.documents.readers import open_document
shapes = []
def engine(image):
    shapes.append(image.shape)
    return [(10, 10, 300, 40, "Total due 12.00", 0.9)]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
doc = open_document(sys.argv[1], ocr_engine=engine)
pages = list(doc.pages)
grew = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(repr((shapes, grew * 1024, doc.notes, pages[0].size)))
"""


def test_a_fifty_megapixel_picture_is_read_reduced_with_a_note_and_bounded_memory(tmp_path):
    """A 50-megapixel RGBA picture (a scanner's or a screenshot tool's PNG) decodes to 200 MB;
    reading it may not take much more than that again (it took 760 MB more when the copies
    on white paper and in greyscale were made at full size)."""
    import ast
    import os
    import subprocess
    import sys

    from PIL import Image, ImageDraw

    path = tmp_path / "poster.png"
    img = Image.new("RGBA", (5774, 8660), (250, 250, 245, 255))
    ImageDraw.Draw(img).rectangle((400, 400, 3000, 600), fill=(20, 20, 20, 255))
    img.save(path, compress_level=1)
    decoded = img.width * img.height * 4
    del img
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    out = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True,
                         env=env, timeout=300, check=True).stdout
    shapes, grew, notes, size = ast.literal_eval(out.strip().splitlines()[-1])
    assert shapes == [(2000, 1333)]  # what OCR was given
    assert size == pytest.approx((5774, 8660), rel=0.01)  # boxes still in the picture's pixels
    assert grew < 2.2 * decoded, f"{grew / 1e6:.0f} MB for a {decoded / 1e6:.0f} MB picture"
    assert notes == ["The picture is 50 megapixels; it was read reduced to 1333 x 2000 pixels, "
                     "so very small print may be missed."]


@pytest.mark.real
def test_a_fifty_megapixel_photo_of_a_page_gives_its_fields(tmp_path):
    from PIL import Image

    src, truth = make("receipt", "labels", 3, tmp_path)
    page = Image.fromarray(_page_pixels(src, dpi=150)).resize((5774, 8660), Image.Resampling.BICUBIC)
    page.save(tmp_path / "receipt.jpg", quality=88)
    del page
    doc = open_document(tmp_path / "receipt.jpg")
    pages = list(doc.pages)
    assert doc.notes and "50 megapixels" in doc.notes[0]
    assert pages[0].size == pytest.approx((5774, 8660), rel=0.01)
    res = _run(tmp_path / "receipt.jpg", "receipt")
    _checked(res, truth)
    assert any("50 megapixels" in e for e in res.errors)  # the user is told it was read reduced


# ---------------------------------------------------------------- threads


def test_ocr_threads_are_the_physical_cores_other_work_leaves_free(monkeypatch):
    import psutil

    physical = min(psutil.cpu_count(logical=False) or 1, len(__import__("os").sched_getaffinity(0)))
    monkeypatch.setattr("os.getloadavg", lambda: (0.4, 0.0, 0.0))
    assert ocr.ocr_threads() == physical
    monkeypatch.setattr("os.getloadavg", lambda: (physical + 3.0, 0.0, 0.0))
    assert ocr.ocr_threads() == 1  # a busy machine: one thread, never none
    if physical >= 2:
        monkeypatch.setattr("os.getloadavg", lambda: (1.2, 0.0, 0.0))
        assert ocr.ocr_threads() == physical - 1


def test_the_no_spinning_options_apply_only_while_the_engine_loads():
    from rapidocr.inference_engine.onnxruntime.main import OrtInferSession

    before = OrtInferSession.__dict__["_init_sess_opts"]
    with ocr._without_spinning():
        cfg = {"enable_cpu_mem_arena": False, "intra_op_num_threads": 1, "inter_op_num_threads": 1}
        opts = OrtInferSession._init_sess_opts(type("Cfg", (dict,), {"__getattr__": dict.get})(cfg))
        assert opts.get_session_config_entry("session.intra_op.allow_spinning") == "0"
    assert OrtInferSession.__dict__["_init_sess_opts"] is before
