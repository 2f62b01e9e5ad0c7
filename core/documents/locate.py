"""Where text sits on its page: a chunk's words with their boxes, and a quote's boxes.

Positions are computed once, when a page is read (``core.documents.readers``). Chunking
keeps, per chunk, the words its text came from (``words_for_span``), packed small
(``pack_words``) next to the chunk in the store. When an answer quotes a chunk,
``find_quote_boxes`` finds the quote's words among them and returns one box per printed
line (a table row counts as one line), for the viewer to highlight.

Precision first: a quote whose words are not clearly found gets no boxes (the viewer then
falls back to searching the text), never a box somewhere near.
"""
from __future__ import annotations

import json
import re
import unicodedata
import zlib
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Sequence

from core.types import Box, Word

_TOKEN = re.compile(r"\S+")
_EDGE_PUNCT = "\"'“”‘’()[]{}<>«»,.;:!?*"
#: Share of the quote's words that must be found, in order, before boxes are given.
MIN_FOUND = 0.7
#: Two tokens this alike (difflib ratio) count as the same word: an OCR slip ("lnvoice").
FUZZY_RATIO = 0.75
_PACK_VERSION = 1


# ---- tokens --------------------------------------------------------------------

def _norm(token: str) -> str:
    """Case, ligatures (NFKC turns "ﬁ" into "fi"), soft hyphens and edge punctuation aside."""
    t = unicodedata.normalize("NFKC", token).replace("\u00ad", "").casefold()
    return t.strip(_EDGE_PUNCT) or t


def _units(tokens: Sequence[str]) -> list[tuple[str, list[int]]]:
    """Normalised tokens with a word broken at a line end ("infor-" "mation") joined again.

    The same rule runs on the quote and on the page, so either spelling meets the other."""
    out: list[tuple[str, list[int]]] = []
    i = 0
    while i < len(tokens):
        t = _norm(tokens[i])
        idxs = [i]
        raw = tokens[i].rstrip("\u00ad")
        if (tokens[i].endswith(("-", "\u00ad")) and len(raw) > 1 and i + 1 < len(tokens)
                and tokens[i + 1][:1].islower()):
            t = _norm(raw.rstrip("-")) + _norm(tokens[i + 1])
            idxs.append(i + 1)
            i += 1
        out.append((t, idxs))
        i += 1
    return out


def _figure(token: str) -> bool:
    """A number, date, amount or code ("11/03/2026", "$2,500", "A-17"), not a word with an OCR
    slip of 1 for l ("payab1e")."""
    digits = sum(ch.isdigit() for ch in token)
    return digits >= 2 or (digits >= 1 and not any(ch.isalpha() for ch in token))


@lru_cache(maxsize=4096)
def _alike(a: str, b: str) -> int:
    """2 for the same word, 1 for an OCR slip of it, 0 otherwise."""
    if a == b:
        return 2
    if (_figure(a) or _figure(b)) and re.sub(r"\D", "", a) != re.sub(r"\D", "", b):
        return 0  # another figure is another value, never a slip: "11/04/2026" is not "11/03/2026"
    if min(len(a), len(b)) >= 4 and abs(len(a) - len(b)) <= 2 and SequenceMatcher(None, a, b).ratio() >= FUZZY_RATIO:
        return 1
    return 0


# ---- finding a quote --------------------------------------------------------------

def find_quote_boxes(words: Sequence[Word], quote: str, page: int | None = None) -> list[Box]:
    """Boxes around ``quote``'s words in ``words`` (in reading order), one per line run.

    Tolerant of whitespace and line breaks, hyphenation at a line end, ligatures, case and
    edge punctuation, and a few OCR slips. Empty when fewer than ``MIN_FOUND`` of the
    quote's words are found in one place.
    """
    picked = find_quote_words(words, quote)
    return line_boxes(picked, page) if picked else []


def find_quote_words(words: Sequence[Word], quote: str) -> list[Word]:
    """The words of ``words`` that ``quote`` was copied from (same tolerance as
    ``find_quote_boxes``), or [] when it is not clearly there."""
    q = [t for t, _ in _units(_TOKEN.findall(quote))]
    if not q or not words:
        return []
    units = _units([w.text for w in words])
    p = [t for t, _ in units]
    span = _exact(q, p)
    if span is None:
        # OCR glues words a printed space kept apart ("Date:11/03/2026"): the quote without
        # its spaces, whole tokens at both ends, before any looser match elsewhere on the page
        span = _unspaced(q, p)
    if span is None:
        # Search only around where most of the quote's words are, not the whole chunk.
        lo, hi = _window(q, p)
        span = _align(q, p[lo:hi])
        if span is None:
            return []
        span = (span[0] + lo, span[1] + lo)
        # a figure of the quote missing from the stretch found: the quote states another value
        have = "".join(_squash(t) for t in p[span[0]:span[1] + 1])
        if any(_figure(t) and _squash(t) not in have for t in q):
            return []
    first, last = span
    return [words[i] for u in units[first:last + 1] for i in u[1]]


def _exact(q: list[str], p: list[str]) -> tuple[int, int] | None:
    """The quote word for word (after normalising), the usual case: quotes are cut from the
    chunk's own text."""
    sep = "\x00"
    hay, needle = sep + sep.join(p) + sep, sep + sep.join(q) + sep
    at = hay.find(needle)
    if at < 0:
        return None
    first = hay.count(sep, 0, at)  # tokens before the match
    return first, first + len(q) - 1


def _squash(token: str) -> str:
    return "".join(ch for ch in token if ch not in _EDGE_PUNCT and not ch.isspace())


def _unspaced(q: list[str], p: list[str]) -> tuple[int, int] | None:
    """The quote found in the page's tokens run together, starting at a token's start and
    ending at a token's end (so "date" "11/03/2026" meets "date:11/03/2026"), once only."""
    needle = "".join(_squash(t) for t in q)
    if len(needle) < 4:
        return None
    starts, hay = [], []
    at = 0
    for t in p:
        starts.append(at)
        piece = _squash(t)
        hay.append(piece)
        at += len(piece)
    ends = {st + len(h): i for i, (st, h) in enumerate(zip(starts, hay)) if h}
    first_of = {st: i for i, (st, h) in reversed(list(enumerate(zip(starts, hay)))) if h}
    text = "".join(hay)
    found = []
    k = text.find(needle)
    while k >= 0 and len(found) < 2:
        end = k + len(needle)
        if k in first_of and end in ends:
            found.append((first_of[k], ends[end]))
        k = text.find(needle, k + 1)
    return found[0] if len(found) == 1 else None


def _window(q: list[str], p: list[str]) -> tuple[int, int]:
    """Where in ``p`` the quote most likely starts, from its words found exactly, with room
    for the quote plus half again on either side."""
    m = len(q)
    first_at: dict[str, int] = {}
    for i, t in enumerate(q):
        first_at.setdefault(t, i)
    votes: dict[int, int] = {}
    for j, t in enumerate(p):
        i = first_at.get(t)
        if i is not None:
            start = (j - i) // 4  # starts a few tokens apart vote together
            votes[start] = votes.get(start, 0) + 1
    if not votes:
        return 0, len(p)
    best = max(votes, key=lambda k: (votes[k] + votes.get(k - 1, 0) + votes.get(k + 1, 0), -k))
    start = best * 4
    return max(0, start - m // 2 - 4), min(len(p), start + m + m // 2 + 4)


def _align(q: list[str], p: list[str]) -> tuple[int, int] | None:
    """The stretch of ``p`` that best matches ``q``: local alignment (Smith-Waterman) over
    tokens, so a slip or a missing word costs a little instead of breaking the match."""
    m, n = len(q), len(p)
    gap, miss = -1, -1
    prev = [0] * (n + 1)
    prev_start = [0] * (n + 1)
    prev_hits = [0] * (n + 1)
    best, best_end, best_start, best_hits = 0, -1, 0, 0
    qset = set(q)
    # Only a quote word found nowhere exactly can be a slip of another word: compare just those.
    missing = qset - set(p)
    for i in range(1, m + 1):
        cur = [0] * (n + 1)
        cur_start = [0] * (n + 1)
        cur_hits = [0] * (n + 1)
        qi = q[i - 1]
        for j in range(1, n + 1):
            pj = p[j - 1]
            s = 2 if pj == qi else (_alike(qi, pj) if qi in missing and pj not in qset else 0)
            diag = prev[j - 1] + (s if s else miss)
            up = prev[j] + gap  # a quote word missing from the page
            left = cur[j - 1] + gap  # a page word missing from the quote
            v = max(0, diag, up, left)
            if v == 0:
                cur[j], cur_start[j], cur_hits[j] = 0, j, 0
                continue
            if v == diag:
                start = prev_start[j - 1] if prev[j - 1] > 0 else j - 1
                hits = (prev_hits[j - 1] if prev[j - 1] > 0 else 0) + (1 if s else 0)
            elif v == up:
                start, hits = prev_start[j], prev_hits[j]
            else:
                start, hits = cur_start[j - 1], cur_hits[j - 1]
            cur[j], cur_start[j], cur_hits[j] = v, start, hits
            if v > best:
                best, best_end, best_start, best_hits = v, j - 1, start, hits
        prev, prev_start, prev_hits = cur, cur_start, cur_hits
    if best_end < 0 or best_hits < MIN_FOUND * m:
        return None
    return best_start, best_end


def line_boxes(words: Sequence[Word], page: int | None = None) -> list[Box]:
    """One box per run of words on one printed line. Cells of a table row sit in separate
    text lines of the PDF but on one visual row, so words that continue rightwards on the
    same row join the run."""
    boxes: list[list[float]] = []
    prev: Word | None = None
    for w in words:
        if prev is not None and (w.line == prev.line or _same_row(prev, w)):
            b = boxes[-1]
            b[0], b[1], b[2], b[3] = min(b[0], w.x0), min(b[1], w.y0), max(b[2], w.x1), max(b[3], w.y1)
        else:
            boxes.append([w.x0, w.y0, w.x1, w.y1])
        prev = w
    return [Box(page, *b) for b in boxes]


def _same_row(a: Word, b: Word) -> bool:
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return overlap >= 0.5 * min(a.y1 - a.y0, b.y1 - b.y0) and b.x0 >= a.x1 - 1.0


# ---- a chunk's words ---------------------------------------------------------------

#: How far past the last matched word a token is looked for (a skipped furniture line).
_LOOKAHEAD = 120


def token_words(text: str, words: Sequence[Word]) -> list[tuple[int, int, int | None]]:
    """Each whitespace-separated token of ``text`` as (start, end, index into ``words``).

    The page text is made of the words in reading order, minus furniture lines and with
    blank lines added, so the tokens line up with the words except for what was removed;
    a token with no word gets None."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    if not words:
        return [(a, b, None) for a, b, _ in tokens]
    # One pass, linear in the page: tokens and words agree in order, except where lines were
    # left out of the text (furniture), which is skipped by looking a little ahead. (A full
    # sequence alignment was quadratic on repetitive pages and starved the window's thread.)
    texts = [w.text for w in words]
    n = len(texts)
    out: list[tuple[int, int, int | None]] = []
    j = 0
    for ti, (a, b, t) in enumerate(tokens):
        if j < n and texts[j] == t:
            out.append((a, b, j))
            j += 1
            continue
        nxt = tokens[ti + 1][2] if ti + 1 < len(tokens) else None
        k = next((k for k in range(j + 1, min(n, j + _LOOKAHEAD)) if texts[k] == t
                  and (nxt is None or k + 1 >= n or texts[k + 1] == nxt)), None)
        if k is None:
            out.append((a, b, None))
        else:
            out.append((a, b, k))
            j = k + 1
    return out


def words_for_span(tokens: Sequence[tuple[int, int, int | None]], words: Sequence[Word],
                   start: int, end: int) -> tuple[Word, ...]:
    """The words of the tokens inside ``text[start:end]``."""
    return tuple(words[i] for a, b, i in tokens if i is not None and a >= start and b <= end)


# ---- storage -----------------------------------------------------------------------

def pack_words(words: Sequence[Word]) -> bytes:
    """A chunk's words, small: JSON rows [text, x0, y0, x1, y1, line] with coordinates to a
    tenth of a unit and lines renumbered from 0, compressed. Empty for no words."""
    if not words:
        return b""
    lines: dict[int, int] = {}
    rows = [[w.text, round(w.x0, 1), round(w.y0, 1), round(w.x1, 1), round(w.y1, 1),
             lines.setdefault(w.line, len(lines))] for w in words]
    return bytes([_PACK_VERSION]) + zlib.compress(json.dumps(rows, separators=(",", ":"), ensure_ascii=False).encode(), 6)


def unpack_words(blob: bytes | None) -> tuple[Word, ...]:
    """``pack_words`` undone; anything unreadable (an unknown version, damage) is no words."""
    if not blob or blob[0] != _PACK_VERSION:
        return ()
    try:
        rows = json.loads(zlib.decompress(blob[1:]))
        return tuple(Word(str(t), float(x0), float(y0), float(x1), float(y1), int(line))
                     for t, x0, y0, x1, y1, line in rows)
    except (ValueError, TypeError, zlib.error):
        return ()


def quote_boxes(hit, quote: str) -> tuple[Box, ...]:
    """Boxes of ``quote`` inside a search hit's chunk, or () when its library has no words
    stored (built before they were kept, or a format without a layout)."""
    words = unpack_words(getattr(hit, "layout", b""))
    return tuple(find_quote_boxes(words, quote, hit.page)) if words else ()
