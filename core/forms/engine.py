"""Extract one document into a template's fields: a generator that yields progress and returns
an ``ExtractionResult``.

    gen = extract_document(path, template, backend)
    for event in gen: ...            # ExtractProgress after each page, before a model call, at the end
    result = <StopIteration.value>   # or: events, result = drive(gen)

Order of evidence: filled form fields (exact), then the page's candidates ranked per field (a
clear best needs no model), then one constrained model call per page window for the fields
still open. Every value is a candidate's text, normalised; its ``source`` is that text.
Closing the generator stops the work between steps (cancel).
"""
from __future__ import annotations

import logging
import time
from typing import Generator

from core.documents.turns import shown_box
from core.errors import LocumError, UnreadableFileError
from core.fields import normalise as nz
from core.forms.acroform import form_values, read_form_fields
from core.fields.candidates import Candidate, page_candidates
from core.fields.choice import choose_with_model, clear_choice, needs_model, rank
from core.fields.records import ExtractionResult, ExtractProgress, FieldValue
from core.fields.tables import items_total, line_items
from core.fields.templates import FieldSpec, Template
from core.types import PageText

log = logging.getLogger(__name__)

MAX_PAGES = 30  # a long document is read up to here; the result says which pages were read
WINDOW = 5  # pages per model call
_MODEL_CONF = (0.45, 0.25)  # model picks: base + share of the ranking score, always under review


def source_on_page(source: str, page: PageText | None) -> bool:
    """Whether ``source``'s words appear, in order and adjacent, among the page's words."""
    if page is None or not source:
        return False
    want = source.split()
    have = [w.text for w in page.words] or page.text.split()
    n = len(want)
    if any(have[i:i + n] == want for i in range(len(have) - n + 1)):
        return True
    flat = " ".join(page.text.split())
    return " ".join(want) in flat or "".join(want) in "".join(have)


def _value_from(f: FieldSpec, c: Candidate, value, conf: float, method: str) -> FieldValue:
    return FieldValue(f.name, value, c.page, c.text, round(min(conf, 0.97), 3), method, c.boxes)


def extract_document(path: str, template: Template, backend=None, *, ocr: bool = True, ocr_engine=None,
                     max_pages: int = MAX_PAGES, window: int = WINDOW, write: bool = False
                     ) -> Generator[ExtractProgress, None, ExtractionResult]:
    """``write``: the backend is capable (``ChatModelEntry.capable``), so fields still open after
    the choice among candidates are written by it with a quote that is checked on the page."""
    from core.documents.readers import open_document

    t0 = time.perf_counter()
    path = str(path)
    result = ExtractionResult(path, template.name, {f.name: FieldValue(f.name) for f in template.fields})
    result.model = getattr(backend, "name", "") if backend is not None else ""
    specs = {f.name: f for f in template.fields}
    try:
        doc = open_document(path, ocr=ocr, ocr_engine=ocr_engine)
    except UnreadableFileError as e:
        result.errors.append(str(e))
        result.failed = True
        return result
    result.page_count = doc.page_count

    # 1. filled form fields: exact, no model
    decided: set[str] = set()
    widget_rects: dict[int, list] = {}
    if doc.kind == "pdf":
        yield ExtractProgress(path, "form", None, doc.page_count)
        values, widget_rects = _form(path, template)
        for name, fv in values.items():
            result.fields[name] = fv
            decided.add(name)

    # 2. pages, in windows; candidates per page
    pages: dict[int | None, PageText] = {}
    cands: list[Candidate] = []
    pending: list[Candidate] = []
    window_pages: list[PageText] = []
    seen: list[str] = []
    try:
        for pt in doc.pages:
            if len(pages) >= max_pages:
                break
            pages[pt.page] = pt
            # a number with no country code is read in the country the document points to so far
            seen.append(pt.text)
            result.region = nz.region_hint("\n".join(seen)) or result.region
            with nz.phone_region(result.region):
                new = page_candidates(pt, start=len(cands))
            if widget_rects.get(pt.page):
                # a widget's value shows in the page text too; it was read exactly above, and
                # as loose text next to another label it would only mislead the ranking
                new = [c for c in new if not _inside(c, widget_rects[pt.page])]
            cands.extend(new)
            pending.extend(new)
            window_pages.append(pt)
            result.pages_read.append(pt.page if pt.page is not None else 1)
            yield ExtractProgress(path, "reading", pt.page, doc.page_count)
            if len(pages) % window == 0:
                yield from _decide(result, specs, decided, pending, cands, backend, path, window_pages, write)
                pending, window_pages = [], []
    except UnreadableFileError as e:
        result.errors.append(str(e))
    finally:
        close = getattr(doc.pages, "close", None)
        if close and len(pages) >= max_pages:
            close()  # stop reading the rest of a long file
    if pending or not cands or window_pages:
        yield from _decide(result, specs, decided, pending, cands, backend, path, window_pages, write)

    for note in getattr(doc, "notes", ()):  # what the reader did to read it (a huge picture reduced)
        if note not in result.errors:
            result.errors.append(note)
    if doc.page_count and len(result.pages_read) < doc.page_count:
        result.errors.append(f"Only pages {result.pages_read[0]}-{result.pages_read[-1]} of {doc.page_count} "
                             "were read; fields on later pages are not filled.")
    if pages and not any(p.text.strip() for p in pages.values()) and not decided:
        result.errors.append("No text was found in this document (a blank page, or a picture with no readable text).")

    # 3. tables, checks, normalisation notes
    yield ExtractProgress(path, "checking", None, doc.page_count)
    _items(result, specs, pages)
    _currency(result, specs)
    _checks(result, specs, pages)
    _boxes_as_shown(result, pages)
    result.seconds = time.perf_counter() - t0
    yield ExtractProgress(path, "done", None, doc.page_count)
    return result


def _form(path: str, template: Template) -> tuple[dict[str, FieldValue], dict[int, list]]:
    import pymupdf

    try:
        with pymupdf.open(path) as d:
            if not d.is_form_pdf:
                return {}, {}
            rects: dict[int, list] = {}
            for pno in range(d.page_count):
                page = d.load_page(pno)
                # in the frame of the page's words: the page as shown, after its /Rotate
                turn = page.rotation_matrix if page.rotation % 360 else pymupdf.Identity
                for w in page.widgets() or ():
                    rects.setdefault(pno + 1, []).append(tuple(pymupdf.Rect(w.rect) * turn))
            return form_values(read_form_fields(d), template), rects
    except Exception:  # the page reading still goes on; a broken form dictionary is not fatal
        log.warning("could not read the form fields of %s", path, exc_info=True)
        return {}, {}


def _inside(c: Candidate, rects: list) -> bool:
    def within(b, r):
        cx, cy = (b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2
        return r[0] - 1 <= cx <= r[2] + 1 and r[1] - 1 <= cy <= r[3] + 1

    return bool(c.boxes) and all(any(within(b, r) for r in rects) for b in c.boxes)


def _decide(result: ExtractionResult, specs: dict[str, FieldSpec], decided: set[str], window_cands: list[Candidate],
            all_cands: list[Candidate], backend, path: str, window_pages=(), write: bool = False):
    """Fill the open fields from this window: clear candidates directly, the rest by the model's
    choice among candidates, and, with a capable model, what is still open by its writing."""
    open_fields = [f for n, f in specs.items() if n not in decided and result.fields[n].value is None
                   and f.kind != "items"]
    if not open_fields:
        return
    from core.forms.writing import pictured_pages

    # Pages with no text layer go to Claude as pictures only when the user allows page images;
    # Claude then reads them instead of choosing among the OCR text's candidates.
    pictured = pictured_pages(backend, path, list(window_pages)) if backend is not None else ()
    if window_cands:
        yield from _choose(result, specs, decided, open_fields, window_cands, None if pictured else backend, path)
    if (write or pictured) and backend is not None:
        still = [f for f in open_fields if f.name not in decided and result.fields[f.name].value is None]
        yield from _write(result, still, list(window_pages), backend, path, pictured)


def _choose(result, specs, decided, open_fields, window_cands, backend, path):
    with nz.phone_region(result.region):
        ranked = rank(open_fields, window_cands)
    options = {}
    used: set[str] = set()
    for f in open_fields:
        best = clear_choice(f, ranked[f.name])
        if best is not None:
            result.fields[f.name] = _value_from(f, best.cand, best.value, best.score,
                                                "label" if best.cand.how in ("inline", "right", "below") else "typed")
            used.add(best.cand.id)
            decided.add(f.name)
    for f in open_fields:
        if f.name in decided:
            continue
        opts = [s for s in needs_model(ranked[f.name]) if s.cand.id not in used]
        if opts:
            options[f.name] = opts
    if not options or backend is None:
        return
    yield ExtractProgress(path, "choosing", None, None, f"{len(options)} field(s)")
    try:
        picks = choose_with_model(backend, specs, options)
    except LocumError:
        raise
    except Exception as e:  # a model failure leaves the fields empty, not the batch broken
        log.warning("model choice failed for %s", path, exc_info=True)
        result.errors.append(f"The model could not choose values ({type(e).__name__}); those fields are left empty.")
        return
    result.model_calls += 1
    for name, s in picks.items():
        if s is None:
            continue
        f = specs[name]
        conf = _MODEL_CONF[0] + _MODEL_CONF[1] * s.score
        result.fields[name] = _value_from(f, s.cand, s.value, min(conf, 0.74), "model")


def _write(result: ExtractionResult, fields: list[FieldSpec], pages: list[PageText], backend, path: str,
           pictured=()):
    from core.forms.writing import writable, write_with_model

    fields = writable(fields)
    if not fields or not any(p.text.strip() for p in pages):
        return
    yield ExtractProgress(path, "choosing", None, None, f"{len(fields)} field(s) the model writes")
    try:
        with nz.phone_region(result.region):
            written = write_with_model(backend, fields, pages, path=path, pictured=pictured)
    except LocumError:
        raise
    except Exception as e:  # as above: the fields stay empty
        log.warning("model writing failed for %s", path, exc_info=True)
        result.errors.append(f"The model could not write values ({type(e).__name__}); those fields are left empty.")
        return
    result.model_calls += 1
    result.fields.update(written)


def _items(result: ExtractionResult, specs: dict[str, FieldSpec], pages: dict) -> None:
    for f in specs.values():
        if f.kind != "items" or result.fields[f.name].value is not None:
            continue
        items, sources, boxes, page = [], [], [], None
        for pt in pages.values():
            for item, src, bx in line_items(pt, f.item_fields):
                items.append(item)
                sources.append(src)
                boxes.extend(bx)
                page = page or pt.page
        if items:
            result.fields[f.name] = FieldValue(f.name, items, page, "\n".join(sources), 0.8, "table", tuple(boxes))


def _currency(result: ExtractionResult, specs: dict[str, FieldSpec]) -> None:
    """A currency field left open takes the currency printed with a money value (its sign or code)."""
    for f in specs.values():
        if f.kind != "currency" or result.fields[f.name].value is not None:
            continue
        for g in specs.values():
            fv = result.fields[g.name]
            if g.kind == "money" and fv.value is not None and fv.source:
                cur = nz.parse_currency(fv.source)
                if cur:
                    result.fields[f.name] = FieldValue(f.name, cur, fv.page, fv.source,
                                                       min(fv.confidence, 0.9), fv.method, fv.boxes)
                    break


def _boxes_as_shown(result: ExtractionResult, pages: dict) -> None:
    """A page read turned (a sideways scan) or flattened (a photo at an angle) has its words in
    that frame; the reviewer sees the page as it is, so each value's boxes are taken back."""
    for fv in result.fields.values():
        if not fv.boxes or fv.method == "form":
            continue
        turned = [pages.get(b.page) for b in fv.boxes]
        if any(p is not None and (p.turn or p.warp) for p in turned):
            fv.boxes = tuple(shown_box(b, p.size, p.turn, p.warp) if p is not None else b
                             for b, p in zip(fv.boxes, turned))


def _add_note(fv: FieldValue, note: str) -> None:
    fv.notes = tuple(fv.notes) + (note,)


def _checks(result: ExtractionResult, specs: dict[str, FieldSpec], pages: dict) -> None:
    for name, fv in result.fields.items():
        f = specs[name]
        if fv.value is None:
            if f.required:
                result.errors.append(f"required field missing: {name}")
            continue
        if fv.method == "written" and fv.notes:
            continue  # its own checks said what is wrong with it
        if fv.method not in ("form", "table") and not source_on_page(fv.source, pages.get(fv.page)):
            _add_note(fv, "the source text was not found on its page")
        if f.kind == "phone" and fv.source:
            doubt = nz.phone_doubt(fv.source, result.region)
            if doubt:
                _add_note(fv, doubt)
    items = next((result.fields[f.name] for f in specs.values() if f.kind == "items"), None)
    if items is not None and items.value:
        total = items_total(items.value)
        targets = [result.fields[n] for n in ("subtotal", "total") if n in result.fields]
        targets = [t for t in targets if isinstance(t.value, (int, float))]
        if total is not None and targets:
            if not any(abs(total - t.value) < 0.01 for t in targets):
                _add_note(items, f"the lines add up to {total:.2f}, which matches neither the subtotal nor the total")
            else:
                items.confidence = 0.9
    sub, tax, tot = (result.fields.get(n) for n in ("subtotal", "tax", "total"))
    if sub and tax and tot and all(isinstance(x.value, (int, float)) for x in (sub, tax, tot)):
        if abs(sub.value + tax.value - tot.value) >= 0.01:
            _add_note(tot, f"subtotal {sub.value:.2f} + tax {tax.value:.2f} is not the total")


def extract_many(paths, template: Template, backend=None, **kw):
    """Extract several documents one after the other; a failing one never stops the rest.
    Yields each document's progress; returns the results in order."""
    results = []
    for p in paths:
        try:
            res = yield from extract_document(p, template, backend, **kw)
        except LocumError as e:
            res = ExtractionResult(str(p), template.name, {f.name: FieldValue(f.name) for f in template.fields},
                                   [str(e)], failed=True)
        results.append(res)
    return results
