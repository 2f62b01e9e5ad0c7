"""Filled PDF form fields (AcroForm), read exactly with PyMuPDF; no model involved.

Each widget is matched to a template field by its field name, its tooltip (``/TU``) and the
printed label next to it (left of it on the same line, or just above). Text and choice
widgets give their value; a checkbox gives True/False; a radio group gives the option that
is on (its export name, or the printed words beside the selected button).
"""
from __future__ import annotations

from dataclasses import dataclass

from core.forms import normalise as nz
from core.forms.choice import label_score
from core.forms.records import FieldValue
from core.forms.templates import FieldSpec, Template, split_name
from core.types import Box

MAP_MIN = 0.55  # below this a widget is not this field (its value is left for the page reading)
_GENERIC_ON = {"yes", "on", "1", "true", "x"}


@dataclass
class FormField:
    name: str
    tooltip: str
    kind: str  # text | checkbox | radio | choice
    value: object  # str, bool, or None for an empty text field
    page: int
    rect: tuple[float, float, float, float]  # on the page before its /Rotate (where its label is found)
    printed: str = ""  # the label printed next to it
    shown: tuple[float, float, float, float] | None = None  # ``rect`` on the page as shown (turned)


def _words_near(words, rect, *, side: str) -> str:
    x0, y0, x1, y1 = rect
    cy, h = (y0 + y1) / 2, max(6.0, y1 - y0)
    if side == "left":
        row = [w for w in words if abs((w[1] + w[3]) / 2 - cy) <= 0.6 * h and w[2] <= x0 + 1 and w[2] >= x0 - 220]
        row.sort(key=lambda w: w[0])
        # the run of words closest to the widget: stop at a wide gap
        out = []
        for w in reversed(row):
            if out and out[0][0] - w[2] > 18:
                break
            out.insert(0, w)
        return " ".join(w[4] for w in out)
    if side == "right":
        row = [w for w in words if abs((w[1] + w[3]) / 2 - cy) <= 0.6 * h and w[0] >= x1 - 1 and w[0] <= x1 + 120]
        row.sort(key=lambda w: w[0])
        out = []
        for w in row:
            if out and w[0] - out[-1][2] > 12:
                break
            out.append(w)
        return " ".join(w[4] for w in out)
    above = [w for w in words if 0 <= y0 - w[3] <= 1.2 * h and w[0] < x1 and w[2] > x0]
    above.sort(key=lambda w: w[0])
    return " ".join(w[4] for w in above)


def read_form_fields(doc) -> list[FormField]:
    """The widgets of an open PyMuPDF document, radio groups folded into one field each."""
    import pymupdf

    out: list[FormField] = []
    radios: dict[str, FormField] = {}
    for pno in range(doc.page_count):
        page = doc.load_page(pno)
        widgets = list(page.widgets() or ())
        if not widgets:
            continue
        # the widgets' own appearance text is on the page too; labels are the other words
        wrects = [pymupdf.Rect(w.rect) for w in widgets]
        words = [w for w in page.get_text("words") if not any(r.contains(pymupdf.Rect(w[:4])) for r in wrects)]
        turn = page.rotation_matrix if page.rotation % 360 else None
        for w in widgets:
            rect = tuple(w.rect)
            shown = tuple(pymupdf.Rect(w.rect) * turn) if turn is not None else None
            name = w.field_name or ""
            tip = w.field_label or ""
            t = w.field_type
            if t == pymupdf.PDF_WIDGET_TYPE_RADIOBUTTON:
                grp = radios.get(name)
                if grp is None:
                    grp = FormField(name, tip, "radio", None, pno + 1, rect,
                                    _words_near(words, rect, side="left") or _words_near(words, rect, side="above"),
                                    shown)
                    radios[name] = grp
                    out.append(grp)
                if str(w.field_value) not in ("Off", "False", "", "None"):
                    on = str(w.on_state() or w.field_value)
                    option = _words_near(words, rect, side="right") if on.lower() in _GENERIC_ON else on
                    grp.value, grp.page, grp.rect, grp.shown = option or on, pno + 1, rect, shown
                continue
            printed = _words_near(words, rect, side="left") or _words_near(words, rect, side="above")
            if t == pymupdf.PDF_WIDGET_TYPE_CHECKBOX:
                value = str(w.field_value) not in ("Off", "False", "", "None")
                out.append(FormField(name, tip, "checkbox", value, pno + 1, rect, printed, shown))
            elif t in (pymupdf.PDF_WIDGET_TYPE_COMBOBOX, pymupdf.PDF_WIDGET_TYPE_LISTBOX):
                v = w.field_value
                if isinstance(v, (list, tuple)):
                    v = ", ".join(str(x) for x in v)
                out.append(FormField(name, tip, "choice", str(v) if v not in (None, "") else None, pno + 1, rect,
                                     printed, shown))
            elif t == pymupdf.PDF_WIDGET_TYPE_TEXT:
                v = w.field_value
                out.append(FormField(name, tip, "text", str(v) if v not in (None, "") else None, pno + 1, rect,
                                     printed, shown))
    return out


def mapping_score(ff: FormField, f: FieldSpec) -> float:
    scores = [label_score(" ".join(split_name(ff.name)), f)]
    if ff.tooltip:
        scores.append(label_score(ff.tooltip, f))
    if ff.printed:
        scores.append(label_score(ff.printed, f))
    return max(scores)


def form_values(fields: list[FormField], template: Template) -> dict[str, FieldValue]:
    """Template fields answered by form widgets. A mapped widget left empty answers "empty"
    (value None): the page's printed label next to it must not be read as its value."""
    out: dict[str, FieldValue] = {}
    taken: set[int] = set()
    pairs = sorted(((mapping_score(ff, f), i, f) for i, ff in enumerate(fields) for f in template.fields),
                   key=lambda p: -p[0])
    for score, i, f in pairs:
        if score < MAP_MIN or i in taken or f.name in out:
            continue
        ff = fields[i]
        taken.add(i)
        box = (Box(ff.page, *(ff.shown or ff.rect)),)
        conf = 1.0 if score >= 0.85 else round(0.5 + 0.4 * score, 3)
        notes: tuple[str, ...] = ()
        if ff.value is None:
            out[f.name] = FieldValue(f.name, None, ff.page, "", conf, "form")
            continue
        if ff.kind == "checkbox":
            if f.kind == "boolean":
                value, source = bool(ff.value), "checked" if ff.value else "not checked"
            else:
                value, source = (ff.printed or None) if ff.value else None, ff.printed if ff.value else ""
        else:
            source = str(ff.value)
            if f.kind == "items":
                continue
            value, ok = nz.normalise("list" if f.kind == "list" else f.kind, source)
            if not ok:
                notes = (f"the form's value does not read as {f.kind}",)
        out[f.name] = FieldValue(f.name, value, ff.page, source, conf, "form", box, notes)
    return out
