"""Candidate values from a page's words and boxes.

Every candidate is a run of words that is really on the page: its text is those words joined
by single spaces, so a value chosen from candidates is copied, never written. Candidates are
of two sorts: spans next to a label (right of it, below it, or after "Label:" on the same
line), and typed spans (dates, phones, e-mails, amounts, ID-like tokens, postcodes, names and
organisations by capitalisation) with the few words before them as their context.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from statistics import median

from core.fields import normalise as nz
from core.types import Box, PageText, Word


@dataclass(frozen=True)
class Candidate:
    id: str
    text: str  # verbatim: the page's words joined by single spaces
    page: int | None
    label: str  # the printed label, or the words just before the span
    how: str  # right | below | inline | typed | phrase
    kinds: frozenset = frozenset()  # kinds the regexes recognised
    boxes: tuple[Box, ...] = field(default=(), compare=False)
    row: int = 0  # row index on the page: nearby rows share context


@dataclass
class Row:
    words: list[Word]

    @property
    def y0(self) -> float:
        return min(w.y0 for w in self.words)

    @property
    def y1(self) -> float:
        return max(w.y1 for w in self.words)

    @property
    def height(self) -> float:
        return max(1.0, median(w.y1 - w.y0 for w in self.words))


def _group(words: list[Word], slope: float) -> list[Row]:
    def cy(w: Word) -> float:  # the word's middle, with the page's skew taken out
        return (w.y0 + w.y1) / 2 - slope * w.x0

    words = sorted(words, key=lambda w: (cy(w), w.x0))
    rows: list[Row] = []
    centres: list[float] = []
    for w in words:
        h = max(1.0, w.y1 - w.y0)
        if rows and abs(cy(w) - centres[-1]) <= 0.45 * max(h, rows[-1].height):
            rows[-1].words.append(w)
            continue
        rows.append(Row([w]))
        centres.append(cy(w))
    for r in rows:
        r.words.sort(key=lambda w: w.x0)
    return rows


def skew_slope(rows: list[Row]) -> float:
    """The page's tilt as dy/dx of its printed lines, from the left margin.

    A scan turned by a few degrees puts "Name:" and its value (further right) on different
    rows. Lines that start at the margin start a little further right (or left) the lower
    they are; the Theil-Sen slope of those starts against their height is the tilt.
    """
    starts = [((r.y0 + r.y1) / 2, r.words[0].x0) for r in rows]
    if len(starts) < 4:
        return 0.0
    margin = min(x for _, x in starts)
    pts = [(y, x) for y, x in starts if x <= margin + 60]
    slopes = [(x2 - x1) / (y2 - y1) for i, (y1, x1) in enumerate(pts) for y2, x2 in pts[i + 1:] if abs(y2 - y1) > 20]
    if len(slopes) < 3:
        return 0.0
    b = median(slopes)
    return -b if 0.01 <= abs(b) <= 0.1 else 0.0


def rows_of(page: PageText) -> list[Row]:
    """Words grouped into printed rows (top to bottom), each left to right; a slightly turned
    scan is straightened first (for grouping only: the words keep their real boxes)."""
    words = [w for w in page.words if w.text.strip()]
    rows = _group(words, 0.0)
    slope = skew_slope(rows)
    return _group(words, slope) if slope else rows


def segments_of(row: Row) -> list[list[Word]]:
    """A row cut where the gap between words is wider than a couple of spaces (columns, label/value)."""
    segs: list[list[Word]] = [[row.words[0]]]
    for a, b in zip(row.words, row.words[1:]):
        if b.x0 - a.x1 > 1.1 * row.height:
            segs.append([b])
        else:
            segs[-1].append(b)
    return segs


def text_of(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


def boxes_of(words: list[Word], page: int | None) -> tuple[Box, ...]:
    return tuple(Box(page, w.x0, w.y0, w.x1, w.y1) for w in words)


_LABEL_MAX_WORDS = 6
_TYPED = [("date", nz.DATE_RE), ("email", nz.EMAIL_RE), ("money", nz.MONEY_RE), ("phone", nz.PHONE_RE), ("phone", nz.PHONE_RUN_RE),
          ("postcode", nz.POSTCODE_RE), ("id", nz.ID_RE)]
# Capitalised words in any Latin script ("Zoë", "Núñez", "Łukasz", "Đặng"): Latin-1's capitals and
# small letters, and Latin Extended-A/Additional letters in either place (their cases interleave).
_UP = "A-ZÀ-ÖØ-Þ\u0100-\u017f\u1e00-\u1eff"
_LOW = "a-zß-öø-ÿ\u0100-\u017f\u1e00-\u1eff"
_CAP = rf"(?:[{_UP}][{_LOW}'’\-]+|[{_UP}]\.)"
_NAME_RE = re.compile(rf"\b(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s)?{_CAP}(?:\s{_CAP}){{1,3}}\b")
_ORG_RE = re.compile(r"\b[A-Z][\w&'’\-]*(?:\s(?:[A-Z&][\w&'’\-]*|of|and|for))*\s"
                     r"(?:Ltd|Limited|LLP|LLC|Inc|plc|PLC|GmbH|Clinic|Surgery|Hospital|Practice|Pharmacy|Stores|Shop|"
                     r"Supplies|Services|Solicitors|Partners|Group|Cafe|Café|Market|Trust)\.?(?![\w])")
_PHRASE_RE = re.compile(r"^(?P<ctx>.{2,60}?)\s(?:is|are|was|were|:)\s(?P<val>[^.;]{2,120})")


class _Builder:
    def __init__(self, page: PageText, start: int) -> None:
        self.page = page
        self.n = start
        self.out: list[Candidate] = []
        self.seen: dict[tuple, int] = {}  # (text, label, how) -> its place in ``out``

    def add(self, words: list[Word], label: str, how: str, row: int, kinds: frozenset = frozenset()) -> None:
        text = text_of(words).strip()
        if not text:
            return
        key = (text, label.lower(), how)
        if key in self.seen:
            # the same span found again as another kind: one candidate with both kinds, except
            # that an organisation's suffix ("Kessler Foods Ltd") says it is no person's name
            i = self.seen[key]
            both = self.out[i].kinds | kinds
            if {"name", "org"} <= both:
                both = both - {"name"}
            if both != self.out[i].kinds:
                self.out[i] = replace(self.out[i], kinds=both)
            return
        self.seen[key] = len(self.out)
        self.n += 1
        self.out.append(Candidate(f"c{self.n}", text, self.page.page, label, how, kinds,
                                  boxes_of(words, self.page.page), row))


def _split_colon(seg: list[Word]) -> tuple[list[Word], list[Word]] | None:
    """"Date of birth: 3 May 1980" -> (label words, value words); the colon ends a label word."""
    for i, w in enumerate(seg[:_LABEL_MAX_WORDS]):
        if w.text.endswith(":") and len(w.text) > 1:
            return seg[: i + 1], seg[i + 1:]
        if ":" in w.text[:-1] and not re.search(r"\d:\d", w.text):  # "Name:John" (OCR lost the space)
            head, tail = w.text.split(":", 1)
            if head:
                cut = len(head) + 1
                per = (w.x1 - w.x0) / max(1, len(w.text))
                lw = Word(head + ":", w.x0, w.y0, w.x0 + cut * per, w.y1, w.line)
                rw = Word(tail, w.x0 + cut * per, w.y0, w.x1, w.y1, w.line)
                return seg[:i] + [lw], ([rw] if tail else []) + seg[i + 1:]
    return None


def _below(rows: list[Row], i: int, label: list[Word]) -> list[Word] | None:
    """The words under a label: the next row's segment that starts within the label's width."""
    if i + 1 >= len(rows):
        return None
    nxt, cur = rows[i + 1], rows[i]
    if nxt.y0 - cur.y1 > 1.6 * cur.height:
        return None
    x0, x1 = label[0].x0, label[-1].x1
    for seg in segments_of(nxt):
        if seg[0].x0 >= x0 - cur.height and seg[0].x0 <= x1:
            if _split_colon(seg) or seg[-1].text.endswith(":"):
                return None  # the next label, not a value
            return seg
    return None


def label_text(words: list[Word]) -> str:
    return text_of(words).rstrip(": ").strip()


def page_candidates(page: PageText, start: int = 0) -> list[Candidate]:
    """All candidates of one page; ids continue from ``start`` (c{start+1}, ...)."""
    b = _Builder(page, start)
    rows = rows_of(page)
    for i, row in enumerate(rows):
        segs = segments_of(row)
        for j, seg in enumerate(segs):
            split = _split_colon(seg)
            if split:
                lab, val = split
                if val:
                    b.add(val, label_text(lab), "inline", i)
                elif j + 1 < len(segs):
                    b.add(segs[j + 1], label_text(lab), "right", i)
                else:
                    under = _below(rows, i, lab)
                    if under:
                        b.add(under, label_text(lab), "below", i + 1)
            elif len(seg) <= _LABEL_MAX_WORDS and not any(c.isdigit() for c in text_of(seg)):
                # a colon-less label: "Invoice number    INV-001", or a heading with its value under it
                if j + 1 < len(segs):
                    b.add(segs[j + 1], label_text(seg), "right", i)
                elif len(segs) == 1 and len(seg) <= 3:
                    under = _below(rows, i, seg)
                    if under:
                        b.add(under, label_text(seg), "below", i + 1)
        _typed(b, rows, i)
        _phrases(b, row, i)
    return b.out


def _offsets(words: list[Word]) -> tuple[str, list[int]]:
    starts, pos = [], 0
    for w in words:
        starts.append(pos)
        pos += len(w.text) + 1
    return " ".join(w.text for w in words), starts


def _words_in(words: list[Word], starts: list[int], a: int, b: int) -> list[Word]:
    return [w for w, s in zip(words, starts) if s < b and s + len(w.text) > a]


def _trimmed(words: list[Word], starts: list[int], a: int, b: int) -> list[Word]:
    """The words a match covers; punctuation hanging off its ends ("x@y.org.", "(07700") is cut off,
    so the copied text is still the page's characters, just not the sentence's full stop."""
    ws = _words_in(words, starts, a, b)
    if not ws:
        return ws
    first, last = ws[0], ws[-1]
    s0, s1 = starts[words.index(first)], starts[words.index(last)]
    lead, tail = first.text[: max(0, a - s0)], last.text[max(0, b - s1):]
    if lead and not re.search(r"\w", lead):
        first = Word(first.text[len(lead):], first.x0, first.y0, first.x1, first.y1, first.line)
    if tail and not re.search(r"\w", tail):
        last = Word(last.text[: len(last.text) - len(tail)], last.x0, last.y0, last.x1, last.y1, last.line)
    if len(ws) == 1:
        both = ws[0].text[len(ws[0].text) - len(first.text):len(last.text)] if lead or tail else ws[0].text
        w = ws[0]
        return [Word(both, w.x0, w.y0, w.x1, w.y1, w.line)]
    return [first, *ws[1:-1], last]


def _context(rows: list[Row], i: int, words: list[Word], first: Word) -> str:
    before = [w for w in words if w.x1 <= first.x0 + 0.1][-6:]
    if len(before) < 2 and i > 0:  # a value at the start of a line: its label may end the line above
        before = rows[i - 1].words[-4:] + before
    return text_of(before)


def _typed(b: _Builder, rows: list[Row], i: int) -> None:
    words = rows[i].words
    text, starts = _offsets(words)
    for kind, rx in _TYPED + [("name", _NAME_RE), ("org", _ORG_RE)]:
        for m in rx.finditer(text):
            if kind == "money" and not (m.group("sym") or m.group("code") or m.group("code2") or "." in m.group()):
                continue  # a bare integer is not an amount (it may be a quantity or a year)
            if kind == "phone" and len(re.sub(r"\D", "", m.group())) < 9:
                continue
            ws = _trimmed(words, starts, m.start(), m.end())
            if not ws:
                continue
            if text_of(ws) != m.group().strip() and not nz.normalise(kind, text_of(ws))[1]:
                continue  # the match cuts a word: whole words only, and they must still read as that kind
            b.add(ws, _context(rows, i, words, ws[0]), "typed", i, frozenset({kind}))


def _phrases(b: _Builder, row: Row, i: int) -> None:
    """"The reason for referral is knee pain" -> "knee pain", with its context."""
    text, starts = _offsets(row.words)
    m = _PHRASE_RE.match(text)
    if m:
        ws = _words_in(row.words, starts, m.start("val"), m.end("val"))
        if ws and len(ws) <= 20:
            # a trailing full stop is punctuation, not part of the value
            last = ws[-1]
            if last.text.endswith((".", ",")) and len(last.text) > 1:
                ws = ws[:-1] + [Word(last.text[:-1], last.x0, last.y0, last.x1, last.y1, last.line)]
            b.add(ws, m.group("ctx"), "phrase", i)
