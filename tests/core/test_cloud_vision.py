"""Re-extract with Claude on a scanned page: its picture goes only under the page-images switch.

Every request goes to the fake Anthropic server on 127.0.0.1; the page's words come from a
replaying OCR engine, so the test knows exactly what OCR saw and what the picture holds.
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
from pathlib import Path

import pymupdf
import pytest
from PIL import Image

from core.errors import CloudOffError
from core.privacy import AuditLog, CloudPolicy, KeyStore, Redactor
from core.privacy.gateway import claude_gateway
from core.privacy.images import MAX_PIXELS, MAX_SIDE, THUMB_SIDE, render_page
from core.services import Services, run_to_end
from core.settings import Settings
from models.base import Message, complete
from tests.core.cloud_helpers import cloud_services
from tests.models.fake_anthropic import FakeAnthropic

KEY = "sk-ant-api03-VISION-test-key-0123456789"
#: what the replaying OCR engine "reads" on the scanned page (pixel boxes on the page picture)
OCR_LINES = [
    (40, 40, 520, 70, "Sold by Harbour Hardware Ltd"),
    (40, 100, 400, 130, "Date: 10/02/2026"),
    (40, 140, 400, 170, "Date: 11/03/2026"),
    (40, 180, 400, 210, "Total: £12.00"),
    (40, 220, 520, 250, "Customer: Maria Gonzalez"),
    (40, 260, 400, 290, "Paid with card"),
]


class ReplayOcr:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, image):
        self.calls += 1
        return [(x0, y0, x1, y1, t, 0.99) for x0, y0, x1, y1, t in OCR_LINES]


@pytest.fixture
def server():
    with FakeAnthropic() as s:
        yield s


def scanned_receipt(path: Path) -> Path:
    """A one-page PDF whose only content is a picture of the receipt: no text layer."""
    src = pymupdf.open()
    page = src.new_page(width=420, height=320)
    for x0, y0, _x1, _y1, text in OCR_LINES:
        page.insert_text((x0 * 0.7, (y0 + 22) * 0.7), text, fontsize=14)
    pix = page.get_pixmap(dpi=150)
    src.close()
    doc = pymupdf.open()
    doc.new_page(width=420, height=320).insert_image(pymupdf.Rect(0, 0, 420, 320), pixmap=pix)
    doc.save(path)
    doc.close()
    return path


def services(home: Path, server, monkeypatch, *, images: bool) -> Services:
    monkeypatch.setattr("core.documents.ocr._default", ReplayOcr())
    CloudPolicy(enabled=True, features={"ask": "local", "extract": "harder_tasks", "leads": "local"},
                allow_page_images=images).save(home)
    return cloud_services(home, server, monkeypatch, KEY)


def _blocks(request: dict) -> list[dict]:
    content = request["messages"][-1]["content"]
    return content if isinstance(content, list) else [{"type": "text", "text": content}]


WRITTEN = {
    # quoted as OCR read it: a written value, still to review
    "merchant": {"value": "Harbour Hardware Ltd", "quote": "Sold by Harbour Hardware Ltd"},
    "date": {"value": "11/03/2026", "quote": "Date: 11/03/2026"},
    # a quote OCR never saw, a value printed nowhere on the page: dropped
    "receipt_number": {"value": "R-7741", "quote": "Receipt R-7741"},
    # a quote OCR never saw, but the value is on the page: kept and flagged
    "payment_method": {"value": "card", "quote": "Payment: VISA card"},
    "total": {"value": None, "quote": None},
    "currency": {"value": None, "quote": None},
}


def test_with_the_switch_on_the_scanned_page_goes_as_a_picture_and_quotes_are_checked_on_the_ocr_words(
        tmp_path, server, monkeypatch):
    home = tmp_path / "home"
    s = services(home, server, monkeypatch, images=True)
    pdf = scanned_receipt(tmp_path / "receipt.pdf")
    server.queue.append(("tool", json.dumps(WRITTEN)))
    stored = run_to_end(s.forms.extract(str(pdf), "receipt", with_claude=True))

    [req] = server.message_requests
    blocks = _blocks(req)
    assert [b["type"] for b in blocks] == ["image", "text"]  # the picture first, as the vision guide advises
    src = blocks[0]["source"]
    assert src["type"] == "base64" and src["media_type"] == "image/png"
    png = base64.standard_b64decode(src["data"])
    with Image.open(io.BytesIO(png)) as im:
        assert max(im.size) <= MAX_SIDE and im.size[0] * im.size[1] <= MAX_PIXELS and min(im.size) >= 200
    text = blocks[1]["text"]
    # the page's OCR text does not go (the picture does), and the instructions are redacted
    assert "10/02/2026" not in text and "Harbour Hardware" not in text and "attached picture 1" in text
    assert "Gonzalez" not in json.dumps(req)  # not as text, anyway: the picture holds it

    f = stored.result.fields
    # two dates on the page: the code cannot settle it, Claude reads it off the picture
    assert f["date"].value == "2026-03-11" and f["date"].method == "written" and not f["date"].notes
    assert f["date"].source == "Date: 11/03/2026" and f["date"].flagged  # the page's own words, always to review
    assert f["merchant"].value == "Harbour Hardware Ltd"  # settled by the code or written by Claude alike
    assert f["receipt_number"].value is None  # nowhere in the OCR words: never shown
    assert f["payment_method"].value == "card" and "quote was not found" in " ".join(f["payment_method"].notes)
    assert f["payment_method"].confidence < f["date"].confidence

    [e] = AuditLog(s.settings.audit_path).entries()
    [img] = e.images
    assert img["sha256"] == hashlib.sha256(png).hexdigest() and img["page"] == 1 and img["bytes"] == len(png)
    assert img["sha256"] in e.sent and src["data"] not in e.sent  # the log names the picture, not its pixels
    thumb = AuditLog(s.settings.audit_path).thumbnail(e.id)
    with Image.open(io.BytesIO(thumb)) as t:
        assert t.format == "PNG" and max(t.size) <= THUMB_SIDE


def test_with_the_switch_off_no_picture_goes_and_the_ocr_text_does(tmp_path, server, monkeypatch):
    home = tmp_path / "home"
    s = services(home, server, monkeypatch, images=False)
    pdf = scanned_receipt(tmp_path / "receipt.pdf")
    server.queue.append(("tool", "{}"))
    stored = run_to_end(s.forms.extract(str(pdf), "receipt", with_claude=True))
    assert server.message_requests
    for req in server.message_requests:
        assert all(b["type"] == "text" for b in _blocks(req))
        assert "image" not in json.dumps(req["messages"])
    sent = json.dumps(server.message_requests)
    assert "11/03/2026" in sent and "10/02/2026" in sent  # the OCR candidates, as before
    assert all(e.images == [] for e in AuditLog(s.settings.audit_path).entries())
    assert stored.result.fields["receipt_number"].value is None


def test_a_page_with_a_text_layer_goes_as_text_even_with_the_switch_on(tmp_path, server, monkeypatch):
    home = tmp_path / "home"
    s = services(home, server, monkeypatch, images=True)
    doc = pymupdf.open()
    page = doc.new_page()
    for y, (lab, value) in enumerate([("Date:", "10/02/2026"), ("Date:", "11/03/2026"), ("Total:", "£12.00")]):
        page.insert_text((72, 100 + 24 * y), lab, fontsize=11)
        page.insert_text((200, 100 + 24 * y), value, fontsize=11)
    pdf = tmp_path / "typed.pdf"
    doc.save(pdf)
    doc.close()
    server.queue.append(("tool", "{}"))
    run_to_end(s.forms.extract(str(pdf), "receipt", with_claude=True))
    assert server.message_requests and "image" not in json.dumps([r["messages"] for r in server.message_requests])


def test_the_gateway_refuses_a_picture_while_page_images_are_not_allowed(tmp_path, server):
    pdf = scanned_receipt(tmp_path / "receipt.pdf")
    picture = render_page(pdf, 1)
    CloudPolicy(enabled=True, features={"extract": "harder_tasks"}).save(tmp_path)
    keys = KeyStore(use_keyring=False)
    keys.set(KEY, session_only=True)
    g = claude_gateway(tmp_path, keys=keys, base_url=server.url, max_retries=0, redactor=Redactor(use_ner=False))
    with pytest.raises(CloudOffError):
        complete(g, [Message("user", "Read it.")], feature="extract", images=[picture])
    assert server.requests == [] and AuditLog(tmp_path / "audit.sqlite").entries() == []
    # switched on, then off between the preview and Send
    CloudPolicy(enabled=True, features={"extract": "ask_each_time"}, allow_page_images=True).save(tmp_path)

    def confirm(prepared):
        CloudPolicy(enabled=True, features={"extract": "ask_each_time"}).save(tmp_path)
        return True

    g.confirm = confirm
    with pytest.raises(CloudOffError):
        complete(g, [Message("user", "Read it.")], feature="extract", images=[picture])
    assert server.requests == []


def test_removing_the_document_erases_the_pictures_hash_and_thumbnail_from_every_file(tmp_path, server,
                                                                                     monkeypatch):
    home = tmp_path / "home"
    docs = tmp_path / "docs"
    docs.mkdir()
    s = services(home, server, monkeypatch, images=True)
    pdf = scanned_receipt(docs / "receipt.pdf")
    run_to_end(s.library.index([str(docs)]))
    server.queue.append(("tool", json.dumps(WRITTEN)))
    run_to_end(s.forms.extract(str(pdf), "receipt", with_claude=True))
    log = AuditLog(s.settings.audit_path)
    [e] = log.entries()
    sha, thumb = e.images[0]["sha256"], log.thumbnail(e.id)
    # a piece from the middle of the thumbnail's compressed pixels: the page's content
    piece = thumb[len(thumb) // 2: len(thumb) // 2 + 48]

    def holding(needle: bytes) -> list[str]:
        return [str(p) for p in home.rglob("*") if p.is_file() and needle in p.read_bytes()]

    assert holding(piece) and holding(sha.encode())
    s.remove(str(docs))
    s.close()
    assert AuditLog(s.settings.audit_path).entries() == []
    assert holding(piece) == [] and holding(sha.encode()) == []


def test_the_export_names_each_picture_by_its_hash(tmp_path):
    pdf = scanned_receipt(tmp_path / "receipt.pdf")
    picture = render_page(pdf, 1)
    log = AuditLog(tmp_path / "audit.sqlite")
    rid = log.begin(feature="extract", model="claude-sonnet-4-6", sent="x", redacted=True, placeholders=0,
                    sources=[pdf], images=[picture])
    log.finish(rid, reply="{}", status="ok")
    data = json.loads(log.export_json(tmp_path / "a.json").read_text())
    assert data[0]["images"][0]["sha256"] == picture.sha256 == hashlib.sha256(picture.data).hexdigest()
    assert picture.sha256 in (log.export_csv(tmp_path / "a.csv")).read_text()
    assert log.erase_all() == 1 and log.thumbnail(rid) is None


@pytest.mark.real
def test_real_ocr_words_check_the_quotes_claude_read_off_the_picture(tmp_path, server, monkeypatch):
    """RapidOCR reads the scan (no replay); the picture goes under the switch, and Claude's
    quotes are found among the real OCR words, or the value is flagged or dropped."""
    home = tmp_path / "home"
    s = services(home, server, monkeypatch, images=True)
    monkeypatch.setattr("core.documents.ocr._default", None)  # the real engine, built on first use
    pdf = scanned_receipt(tmp_path / "receipt.pdf")
    server.queue.append(("tool", json.dumps(WRITTEN)))
    stored = run_to_end(s.forms.extract(str(pdf), "receipt", with_claude=True))
    from core.documents import ocr

    assert ocr._default is not None and not isinstance(ocr._default, ReplayOcr)  # RapidOCR read the page
    [req] = server.message_requests
    assert [b["type"] for b in _blocks(req)] == ["image", "text"]
    f = stored.result.fields
    date = f["date"]
    assert date.value == "2026-03-11" and date.method == "written" and date.flagged  # always to review
    # RapidOCR reads this line "Date:11/03/2026"; where the tolerant match lands on the other
    # date's words instead, the value is not in them, and the check says so
    if "11/03/2026" not in date.source:
        assert "not in the text it quoted" in " ".join(date.notes) and date.confidence < 0.5
    assert f["receipt_number"].value is None
    assert f["payment_method"].value is None or f["payment_method"].notes
    [e] = AuditLog(s.settings.audit_path).entries()
    assert e.images and e.images[0]["sha256"] in e.sent


def test_a_photo_goes_upright_as_jpeg_within_the_vision_size_limits(tmp_path):
    photo = tmp_path / "photo.jpg"
    img = Image.new("RGB", (4000, 3000), "white")  # stored landscape, tagged "turn 90° to show"
    exif = img.getexif()
    exif[0x0112] = 6
    img.save(photo, exif=exif, quality=90)
    im = render_page(photo, None)
    assert im.media_type == "image/jpeg" and im.height > im.width  # shown upright: portrait
    assert max(im.width, im.height) <= MAX_SIDE and im.width * im.height <= MAX_PIXELS
    assert im.sha256 == hashlib.sha256(im.data).hexdigest() and im.describe()["bytes"] == len(im.data)
    with Image.open(io.BytesIO(im.thumbnail)) as t:
        assert t.format == "PNG" and max(t.size) <= THUMB_SIDE


def test_locum_audit_names_each_picture_sent(tmp_path, capsys):
    from core.cli.main import main

    pdf = scanned_receipt(tmp_path / "receipt.pdf")
    picture = render_page(pdf, 1)
    log = AuditLog(Settings(home=tmp_path).audit_path)
    log.finish(log.begin(feature="extract", model="claude-sonnet-4-6", sent="x", redacted=True, placeholders=0,
                         sources=[pdf], images=[picture]), reply="{}", status="ok")
    assert main(["--home", str(tmp_path), "audit"]) == 0
    assert "picture sent, not redacted: page 1 image/png" in capsys.readouterr().out
    assert main(["--home", str(tmp_path), "audit", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["images"][0]["sha256"] == picture.sha256
