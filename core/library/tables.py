"""The headings that give a table's rows their meaning.

A row of a financial statement reads "Purchases of property and equipment  (442)  (348)";
what makes it findable for "Adobe's FY2022 capital expenditure" is above it: the statement
title ("CONSOLIDATED STATEMENTS OF CASH FLOWS") and the column headers ("2022  2021  2020",
"(in millions)"). A chunk cut from the middle of a long table has neither. The reader lays a
table out as one line per row, cells two spaces apart (``readers.layout``), so the table's
headings can be read back from the page's lines: for every row line, the nearest title line
and header lines above it. Chunks carry them for search and for the embedder, never in the
text a person sees.

PyMuPDF's ``page.find_tables()`` was measured first and is not used: 0.3-0.7 s a page on
these reports (the whole rest of indexing is ~0.05 s a page), and on reports whose tables
have no ruling lines it finds few of them. The line layout finds every table the reader
kept as rows, at ~0.1 ms a page. See docs/benchmarks.md, "Long reports".
"""
from __future__ import annotations

import re

_CELL_SPLIT = re.compile(r"\s{2,}")
_NUMBER = re.compile(r"^\(?[$€£]?\s?\(?[-−]?\d[\d,]*(?:\.\d+)?\)?\s?%?\)?$|^[—–-]{1,3}$|^n/?m$", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_UNITS = re.compile(r"\((?:[^()]*\b)?(?:in|dollars|amounts|shares)\b[^()]*\b(?:millions?|thousands?|billions?)\b[^()]*\)"
                    r"|\bin (?:millions|thousands|billions)\b", re.IGNORECASE)
_SMALL = frozenset("a an and as at by for from in of on or the to with per".split())
MAX_HEADER_LINES = 2
MAX_CONTEXT_CHARS = 200


def _cells(line: str) -> list[str]:
    return [c for c in (c.strip() for c in _CELL_SPLIT.split(line.strip())) if c]


def _numeric_tail(cells: list[str]) -> int:
    """How many cells at the end of a line are numbers."""
    n = 0
    for cell in reversed(cells):
        parts = cell.split()
        if parts and all(_NUMBER.match(p) or p in ("$", "€", "£", "%") for p in parts):
            n += 1
        else:
            break
    return n


def _kind(line: str) -> str:
    """row | header | title | prose | other, for one line of a page."""
    s = line.strip()
    words = s.split()
    has_digit = any(c.isdigit() for c in s)
    low = s.lower()
    if ("illion" in low or "thousand" in low) and len(words) <= 16 and _UNITS.search(s):
        return "header"
    if has_digit:
        years = _YEAR.findall(s)
        if years:
            others = [w for w in _YEAR.sub(" ", s).split() if any(c.isalpha() for c in w)]
            if (len(years) >= 2 and len(others) <= 8) or (len(years) == 1 and len(words) <= 3):
                return "header"
        cells = _cells(s)
        tail = _numeric_tail(cells)
        if tail >= 2 or (tail and len(cells) >= 2):
            return "row"
    if len(words) > 14:
        return "prose"
    if len(s) > 120 or s.endswith((".", ",", ";", ":")):
        return "other"
    letters = [c for c in s if c.isalpha()]
    if len(letters) < 4:
        return "other"
    if sum(c.isupper() for c in letters) >= 0.7 * len(letters):
        return "title"
    content = [w for w in words if w.lower() not in _SMALL and any(c.isalpha() for c in w)]
    if content and len(words) >= 2 and all(w[:1].isupper() or not w[:1].isalpha() for w in content):
        return "title"
    return "other"


def is_row(line: str) -> bool:
    """A table row: a label and numbers, or numbers only (two or more), laid out as cells."""
    return _kind(line) == "row"


def is_header(line: str) -> bool:
    """Column headers: years side by side ("2022  2021  2020"), a period ("Fiscal 2022"), units."""
    return _kind(line) == "header"


def is_title(line: str) -> bool:
    """A heading line: short, no numbers at its end, not a sentence, mostly capitalised."""
    return _kind(line) == "title"


def line_headings(lines: list[str]) -> list[str]:
    """For each line, the headings of the table it is a row of ("" for lines outside tables):
    the title lines above the table and its header lines, joined by " | "."""
    out = [""] * len(lines)
    titles: list[str] = []
    headers: list[str] = []
    last_title = -9
    in_rows = False
    context = ""
    for i, raw in enumerate(lines):
        if not raw.strip():
            continue
        kind = _kind(raw)
        line = " ".join(raw.split())
        if kind == "row":
            if not in_rows:
                context = " | ".join(titles + headers)[:MAX_CONTEXT_CHARS]
                in_rows = True
            out[i] = context
        elif kind == "header":
            if in_rows:
                headers, in_rows = [], False
            headers = (headers + [line])[-MAX_HEADER_LINES - 1:]
        elif kind == "title":
            if in_rows:  # a new section of the table, or a new table
                titles, headers, in_rows = [line], [], False
            elif headers:  # a caption among the column headers ("Years Ended")
                headers = (headers + [line])[-MAX_HEADER_LINES - 1:]
            elif titles and i - last_title <= 2:  # a heading on two lines
                titles = (titles + [line])[-2:]
            else:
                titles = [line]
            last_title = i
        elif kind == "prose":  # a paragraph: what headed the last table no longer heads the next
            headers, in_rows = [], False
    return out


def row_labels(text: str) -> list[str]:
    """The labels of a chunk's table rows: each row line without its numbers."""
    labels = []
    for line in text.splitlines():
        if is_row(line):
            cells = _cells(line)
            label = " ".join(cells[: len(cells) - _numeric_tail(cells)])
            if label:
                labels.append(label)
    return labels
