"""A capable model writes a value with the verbatim text it read it from; code checks the text.

Only for a chat model trusted with it (``ChatModelEntry.capable``: a larger GGUF, a catalog
download, Claude), and only for fields that neither the form, the ranking nor the choice among
candidates settled. The model answers, per field, ``{"value": ..., "quote": ...}`` under a
JSON schema. The quote must then be found among the page's words (tolerant of OCR slips,
``core.documents.locate``), and the value must be in its quote; the value's ``source`` and
boxes are the page's own words, never the model's text. A value that fails a check is kept
but flagged with why; a written value is always one to review.

Claude may read a page with no text layer (a scan, a photo) from its picture instead of the
OCR text, only while the user allows page images to leave (``sends_page_images`` on the
backend). The picture goes unredacted; the instructions and any text pages are redacted as
always. The quote Claude gives is still checked against the OCR words, so a value read off
the picture that OCR did not see on the page is flagged or dropped, never shown as certain.
"""
from __future__ import annotations

import json
import logging
import re
import unicodedata
from pathlib import Path
from typing import Sequence

from core.documents.locate import find_quote_words, line_boxes
from core.fields import normalise as nz
from core.fields.records import FieldValue
from core.fields.templates import FieldSpec
from core.types import PageText
from models.base import ChatBackend, Message

log = logging.getLogger(__name__)

WRITTEN_CONF = 0.7  # quote found, value in it, reads as its kind: still under review (< 0.75)
UNCHECKED_CONF = 0.3  # a check failed: shown flagged, with the reason
CHARS_PER_TOKEN = 3.2  # a safe average for English and the page's numbers
_WRITE_KINDS = {"text", "name", "org", "date", "email", "phone", "money", "number", "currency", "id", "postcode",
                "list"}


def writable(fields: Sequence[FieldSpec]) -> list[FieldSpec]:
    return [f for f in fields if f.kind in _WRITE_KINDS]


def write_schema(fields: Sequence[FieldSpec]) -> dict:
    one = {"type": "object", "properties": {"value": {"type": ["string", "null"]},
                                            "quote": {"type": ["string", "null"]}},
           "required": ["value", "quote"]}
    return {"type": "object", "properties": {f.name: one for f in fields}, "required": [f.name for f in fields]}


def pictured_pages(backend, path: str | None, pages: Sequence[PageText]) -> tuple[int | None, ...]:
    """The pages of ``pages`` that go to ``backend`` as pictures: none unless it may send page
    images now, and only pages with no text layer of their own (scanned or photographed)."""
    if not path or not getattr(backend, "sends_page_images", False):
        return ()
    try:
        bare = _no_text_layer(path, [p.page for p in pages])
    except Exception:  # the file changed or broke since it was read: send its text as before
        log.warning("could not check the text layer of %s", path, exc_info=True)
        return ()
    return tuple(p.page for p in pages if p.page in bare and p.text.strip())


def _no_text_layer(path: str, numbers: Sequence[int | None]) -> set[int | None]:
    from core.privacy.images import IMAGE_SUFFIXES

    if Path(path).suffix.lower() in IMAGE_SUFFIXES:
        return set(numbers)
    if Path(path).suffix.lower() != ".pdf":
        return set()
    import pymupdf

    # the same test the reader used to decide the page needed OCR
    from core.documents.readers import looks_scanned

    out: set[int | None] = set()
    with pymupdf.open(path) as doc:
        for n in numbers:
            if n and 1 <= n <= doc.page_count:
                page = doc.load_page(n - 1)
                if looks_scanned(page, page.get_text()):
                    out.add(n)
    return out


def _page_text(pages: Sequence[PageText], budget_chars: int, pictured: Sequence[int | None] = ()) -> str:
    parts, left = [], max(400, budget_chars)
    for p in pages:
        if p.page in pictured:
            parts.append(f"--- page {p.page or 1}: the attached picture {pictured.index(p.page) + 1} ---")
            continue
        head = f"--- page {p.page or 1} ---\n"
        body = p.text.strip()
        if not body:
            continue
        take = body[: max(0, left - len(head))]
        parts.append(head + take)
        left -= len(head) + len(take)
        if left <= 0:
            break
    return "\n".join(parts)


def write_messages(fields: Sequence[FieldSpec], pages: Sequence[PageText], budget_chars: int,
                   pictured: Sequence[int | None] = ()) -> list[Message]:
    """``pictured``: pages sent as pictures (in that order) instead of their text."""
    system = ("You copy values from a document into a form. For each field give the value and, as quote, the exact "
              "words of the document it is in, copied character for character (a short line or phrase). If the "
              "document does not give the field, answer null for both. Never guess. Answer JSON only.")
    if pictured:
        system += (" Some pages are given as pictures: read them as printed, and quote the words exactly as they "
                   "appear on the page.")
    want = "\n".join(f"- {f.name}: {f.description or f.title}" for f in fields)
    user = f"Document:\n{_page_text(pages, budget_chars, tuple(pictured))}\n\nFields:\n{want}"
    return [Message("system", system), Message("user", user)]


def _flat(text: str) -> str:
    t = unicodedata.normalize("NFKC", str(text)).casefold()
    return re.sub(r"[\W_]+", "", t)


def _in_quote(f: FieldSpec, written: str, value, source: str) -> bool:
    """The value is the quote's own text: verbatim (ignoring case, spaces, punctuation), or for a
    typed kind, the same value as one read from the quote."""
    if _flat(written) and _flat(written) in _flat(source):
        return True
    if f.kind in ("date", "phone", "money", "number", "email", "postcode", "id"):
        toks = source.split()[:40]
        for i in range(len(toks)):  # "3 March 2021" inside "The lease began on 3 March 2021"
            for j in range(i + 1, min(len(toks), i + 6) + 1):
                got, ok = nz.normalise(f.kind, " ".join(toks[i:j]))
                if ok and nz.same_value(f.kind, got, value):
                    return True
    return False


def check_written(f: FieldSpec, written, quote, pages: Sequence[PageText]) -> FieldValue:
    """The model's value for ``f``, checked against the pages; empty when it wrote none."""
    if written is None or not str(written).strip():
        return FieldValue(f.name)
    written = str(written).strip()
    quote = str(quote or "").strip()
    notes: list[str] = []
    page, words = None, []
    for p in pages:
        words = find_quote_words(p.words, quote) if quote and p.words else []
        if words:
            page = p
            break
    value, ok = nz.normalise("list" if f.kind == "list" else f.kind, written)
    if not ok and f.kind not in ("text", "name", "org"):
        notes.append(f"the model's value does not read as {f.kind}")
    if page is None:
        # Not quoted from the page: the value may still be printed there (then it is shown,
        # flagged, with the page's own words); if it is not, the model took it from somewhere
        # else (the field's description, its own guess) and the field stays empty.
        for p in pages:
            words = find_quote_words(p.words, written) if p.words else []
            if words:
                page = p
                break
        if page is None:
            return FieldValue(f.name)
        notes.append("the model's quote was not found on the page")
    source = " ".join(w.text for w in words)
    if not _in_quote(f, written, value, source):
        notes.append("the model's value is not in the text it quoted")
    conf = UNCHECKED_CONF if notes else WRITTEN_CONF
    return FieldValue(f.name, value, page.page, source, conf, "written", tuple(line_boxes(words, page.page)),
                      tuple(notes))


def write_with_model(backend: ChatBackend, fields: Sequence[FieldSpec], pages: Sequence[PageText], *,
                     path: str | None = None, pictured: Sequence[int | None] = ()) -> dict[str, FieldValue]:
    """One constrained call for ``fields`` over ``pages``; every answer checked. A reply that is
    not the schema's leaves the fields empty. ``pictured`` (from ``pictured_pages``): pages of
    ``path`` sent as their picture instead of their OCR text."""
    fields = writable(fields)
    pages = [p for p in pages if p.text.strip()]
    if not fields or not pages:
        return {}
    max_tokens = 24 + 48 * len(fields)
    context = int(getattr(backend, "context_size", 4096) or 4096)
    budget = int((context - max_tokens - 160 - 24 * len(fields)) * CHARS_PER_TOKEN)
    images, shown = _pictures(path, [n for n in pictured if any(p.page == n for p in pages)])
    extra = {}
    if images:
        extra["images"] = images
        # the vision guide's estimate: width x height / 750 tokens a picture
        budget -= int(sum(im.width * im.height / 750 for im in images) * CHARS_PER_TOKEN)
    reply = "".join(backend.stream(write_messages(fields, pages, budget, shown), max_tokens=max_tokens,
                                   json_schema=write_schema(fields), **extra))
    try:
        data = json.loads(reply)
    except ValueError:
        log.info("the model's written values were not JSON: %.200r", reply)
        data = {}
    if not isinstance(data, dict):
        data = {}
    out: dict[str, FieldValue] = {}
    for f in fields:
        got = data.get(f.name)  # a quote read off a picture is checked against the OCR words all the same
        if isinstance(got, dict):
            fv = check_written(f, got.get("value"), got.get("quote"), pages)
            if fv.value is not None:
                out[f.name] = fv
    return out


def _pictures(path: str | None, numbers: Sequence[int | None]):
    """The pictures of pages ``numbers``, and the pages they are; a page that cannot be drawn
    goes as its OCR text instead."""
    if not path or not numbers:
        return [], ()
    from core.privacy.images import render_page

    images = []
    for n in numbers:
        try:
            images.append(render_page(path, n))
        except Exception:
            log.warning("could not draw page %s of %s; its OCR text goes instead", n, path, exc_info=True)
    return images, tuple(im.page for im in images)
