"""Invoice line items: the rows under a header such as "Description  Qty  Unit price  Amount".

Columns are the header's segments; each following row's segments fall in the column they
overlap most, until a row of totals ("Subtotal", "Total", "VAT") or a wide gap. Every cell is
copied from the page; a row without an amount is not a line item.
"""
from __future__ import annotations

import re

from core.fields import normalise as nz
from core.fields.candidates import Row, boxes_of, rows_of, segments_of, text_of
from core.fields.choice import tokens
from core.types import Box, PageText

_COLUMN_CUES = {
    "description": {"description", "item", "items", "details", "service", "product"},
    "quantity": {"qty", "quantity", "hours", "units", "no"},
    "unit_price": {"unit", "price", "rate", "each", "cost"},
    "amount": {"amount", "total", "line", "sum", "value"},
}
_STOP_ROW = re.compile(r"^\s*(sub\s*-?total|total|vat|tax|balance|amount due|payment)", re.IGNORECASE)


def _column_of(header_text: str, wanted: tuple[str, ...]) -> str | None:
    toks = set(tokens(header_text))
    best, best_n = None, 0
    for name in wanted:
        cues = _COLUMN_CUES.get(name, set(tokens(name.replace("_", " "))))
        n = len(toks & cues)
        if name == "amount" and toks & {"unit", "price", "rate"}:
            n = 0
        if name == "unit_price" and not toks & {"unit", "price", "rate", "each"}:
            n = 0
        if n > best_n:
            best, best_n = name, n
    return best


def _header(rows: list[Row], wanted: tuple[str, ...]) -> int | None:
    for i, r in enumerate(rows):
        segs = segments_of(r)
        cols = [_column_of(text_of(s), wanted) for s in segs]
        if len(segs) >= 2 and "description" in cols and ("amount" in cols or "unit_price" in cols):
            return i
    return None


def line_items(page: PageText, item_fields: tuple[str, ...]) -> list[tuple[dict, str, tuple[Box, ...]]]:
    """[(item, verbatim row text, boxes)] for each line item on the page."""
    wanted = item_fields or ("description", "quantity", "unit_price", "amount")
    rows = rows_of(page)
    h = _header(rows, wanted)
    if h is None:
        return []
    head = [(s[0].x0, s[-1].x1, _column_of(text_of(s), wanted)) for s in segments_of(rows[h])]
    out = []
    prev = rows[h]
    for r in rows[h + 1:]:
        if r.y0 - prev.y1 > 2.5 * prev.height or _STOP_ROW.match(text_of(r.words)):
            break
        prev = r
        cells: dict[str, str] = {}
        for seg in segments_of(r):
            sx0, sx1 = seg[0].x0, seg[-1].x1

            def overlap(col):
                return min(sx1, col[1] + 30) - max(sx0, col[0] - 30)

            col = max(head, key=overlap)
            if overlap(col) > 0 and col[2]:
                cells[col[2]] = (cells.get(col[2], "") + " " + text_of(seg)).strip()
        item: dict = {}
        for name in wanted:
            raw = cells.get(name)
            if raw is None:
                item[name] = None
            elif name == "description":
                item[name] = nz.clean(raw)
            else:
                item[name] = nz.parse_number(raw)
        if item.get("amount") is None and item.get("unit_price") is None:
            continue
        out.append((item, text_of(r.words), boxes_of(r.words, page.page)))
    return out


def items_total(items: list[dict]) -> float | None:
    amounts = []
    for it in items:
        a = it.get("amount")
        if a is None and it.get("unit_price") is not None:
            a = it["unit_price"] * (it.get("quantity") or 1)
        if a is None:
            return None
        amounts.append(a)
    return round(sum(amounts), 2) if amounts else None
