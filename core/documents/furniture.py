"""Remove page furniture: running headers, footers and page numbers repeated on every page.

Furniture pollutes search (every chunk of a report matches "Annual Report 2022") and wastes
embedding room. It is found in two ways, both on a stream that buffers at most ``sample``
pages:

* document-wide: lines among the first/last three of a page that repeat on a large share of
  the first ``sample`` pages are removed from every page ("Table of Contents", "Page 3 of 80");
* locally: long reports change running titles by section ("ADOBE INC. / NOTES TO ... (Continued)"
  on the notes, "F-12" page numbers on the financial pages), so a window of neighbouring
  pages is also consulted. Here the bar is higher (most neighbours must share the line) and
  lines are only peeled from the outside in, so a table header repeated on a few pages
  stays.

Lines that appear on only one or two pages are never furniture. Three more rules keep body
text safe whatever repeats: a line is furniture only if its words sit in the top or bottom
band of the page (``BAND``, or within ``NEAR`` of the first or last printed line; read from
the words' boxes, and a page without boxes keeps all its lines), and it leaves the page other
text: a page is never emptied. If every line of a page looks like furniture (a short letter
whose one line differs only in a number), nothing is removed from it.
"""
from __future__ import annotations

import math
import re
from collections import Counter, deque
from dataclasses import replace
from itertools import islice, takewhile
from typing import Iterable, Iterator

from core.types import PageText

#: How many non-empty lines at the top and at the bottom of a page may be furniture.
EDGE_LINES = 3
#: Share of the first pages a line must repeat on. Below one half so that headers which
#: alternate between odd and even pages (and miss the cover) still count.
MIN_SHARE = 0.4
#: Share of neighbouring pages a line must repeat on to be furniture of that section only.
LOCAL_SHARE = 0.75
#: A line seen on only one or two pages is never furniture, however short the document.
MIN_PAGES = 3
#: Share of the page height at the top and at the bottom where running headers, footers and
#: page numbers sit. Page margins are about an inch (9% of a Letter page); headers and
#: footers are printed inside them.
BAND = 0.1
#: ...or this share of the height from the first (last) printed line: two or three lines.
NEAR = 0.04

_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
# "7", "-7-", "F-7", "A.7", "Page 7", "Page 7 of 80", "7/80" after normalising digits.
_PAGE_NUMBER = re.compile(r"[-–—(\[]?\s*(page|pg\.?|p\.)?\s*([a-z]{1,2}\s*[-–.]\s*)?#(\s*(of|/)\s*#)?\s*[-–—)\]]?")


def normalise(line: str) -> str:
    """Key under which repeated lines compare equal: "Page 3 of 80" == "Page 7 of 80"."""
    return _SPACE.sub(" ", _DIGITS.sub("#", line.casefold())).strip()


def _bands(page: PageText, lines: list[str]) -> tuple[set[int], set[int]]:
    """Indexes of the lines whose words all lie in the top band, and in the bottom band.

    A line is matched to the page's words by its words' text: the reader builds each line
    from those same words, so a line is in a band when every word of it is among the words
    printed there.
    """
    words = page.words
    if not words or not page.size or not page.size[1]:
        return set(), set()  # no layout: where a line sits is unknown, so none is furniture
    # Only lines that can become edges are placed (the outer EDGE_LINES, and as many again
    # once those are gone): this runs on every page, beside the embedder and the window.
    filled = [i for i, line in enumerate(lines) if line.strip()]
    heads, feet = filled[:2 * EDGE_LINES], filled[-2 * EDGE_LINES:]
    # A filing converted from HTML ends a short page with its page number half-way down,
    # below every body line: the bands also reach a little way in from the printed area.
    height = page.size[1]
    top_limit = max(BAND * height, min(w.y0 for w in words) + NEAR * height)
    bottom_limit = min((1 - BAND) * height, max(w.y1 for w in words) - NEAR * height)
    top = Counter([w.text for w in words if w.y1 <= top_limit])
    bottom = Counter([w.text for w in words if w.y0 >= bottom_limit])
    in_top = {i for i in heads if _printed_in(lines[i], top)} if top else set()
    in_bottom = {i for i in feet if _printed_in(lines[i], bottom)} if bottom else set()
    return in_top, in_bottom


def _printed_in(line: str, band: Counter) -> bool:
    """Every word of ``line`` (as often as it occurs) is among the words printed in ``band``."""
    return all(band[w] >= n for w, n in Counter(line.split()).items())
    for i, line in enumerate(lines):
        words = Counter(line.split())
        if not words:
            continue
        if top and words <= top:
            in_top.add(i)
        if bottom and words <= bottom:
            in_bottom.add(i)
    return in_top, in_bottom


def _edges(lines: list[str], in_top: set[int], in_bottom: set[int],
           gone: set[int] = frozenset()) -> tuple[list[int], list[int]]:
    """Indexes of the first and last EDGE_LINES non-empty lines still on the page, outermost
    first, as far as they lie in the top (bottom) band: a body line ends the run."""
    filled = [i for i, line in enumerate(lines) if line.strip() and i not in gone]
    head = list(takewhile(in_top.__contains__, filled[:EDGE_LINES]))
    foot = list(takewhile(in_bottom.__contains__, filled[::-1][:EDGE_LINES]))
    return head, foot


def _leaves_text(lines: list[str], drop: set[int]) -> bool:
    return any(line.strip() for i, line in enumerate(lines) if i not in drop)


def _local_key(line: str) -> str:
    """Page numbers compare with their digits normalised; anything else must match exactly,
    so that "Exhibit 31.1" and "Exhibit 31.2" heading consecutive pages stay."""
    key = normalise(line)
    # The NUL prefix marks page numbers, which need fewer neighbours to agree.
    return "\0" + key if _PAGE_NUMBER.fullmatch(key) else _SPACE.sub(" ", line.casefold()).strip()


def _need(share: float, pages: int) -> int:
    return max(MIN_PAGES, math.ceil(share * pages))


def _placed(page: PageText) -> tuple[list[str], set[int], set[int]]:
    lines = page.text.splitlines()
    return (lines, *_bands(page, lines))


def learn_furniture(pages: list[PageText]) -> tuple[frozenset[str], frozenset[str]]:
    """Normalised lines that repeat at the top, and at the bottom, of many of ``pages``."""
    return _learn([_placed(p) for p in pages])


def _learn(placed: list[tuple[list[str], set[int], set[int]]]) -> tuple[frozenset[str], frozenset[str]]:
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    for lines, in_top, in_bottom in placed:
        head, foot = _edges(lines, in_top, in_bottom)
        # A set per page: a line repeated within one page is not evidence of furniture.
        top.update({normalise(lines[i]) for i in head})
        bottom.update({normalise(lines[i]) for i in foot})
    need = _need(MIN_SHARE, len(placed))
    return (
        frozenset(key for key, n in top.items() if n >= need and key),
        frozenset(key for key, n in bottom.items() if n >= need and key),
    )


class _Page:
    """A page with the document-wide furniture marked, and the keys of its remaining edges."""

    __slots__ = ("page", "lines", "gone", "head", "foot", "head_keys", "foot_keys")

    def __init__(self, page: PageText, top: frozenset[str], bottom: frozenset[str],
                 placed: tuple[list[str], set[int], set[int]] | None = None) -> None:
        self.page = page
        lines, in_top, in_bottom = placed or _placed(page)
        self.lines = lines
        head, foot = _edges(lines, in_top, in_bottom)
        # Only the edges are inspected: the same words in the middle of a page are body text.
        drop = {i for i in head if normalise(lines[i]) in top}
        drop |= {i for i in foot if normalise(lines[i]) in bottom}
        self.gone = drop if _leaves_text(lines, drop) else set()
        self.head, self.foot = _edges(lines, in_top, in_bottom, self.gone)
        self.head_keys = [_local_key(lines[i]) for i in self.head]
        self.foot_keys = [_local_key(lines[i]) for i in self.foot]

    def finish(self, window: list["_Page"]) -> PageText:
        drop: set[int] = set()
        for idxs, keys, side in ((self.head, self.head_keys, "head_keys"), (self.foot, self.foot_keys, "foot_keys")):
            for i, key in zip(idxs, keys):  # outermost first; stop at the first body line
                share = MIN_SHARE if key.startswith("\0") else LOCAL_SHARE
                if sum(1 for other in window if key in getattr(other, side)) < _need(share, len(window)):
                    break
                drop.add(i)
        drop |= self.gone
        if drop and not _leaves_text(self.lines, drop):
            drop = set(self.gone)  # the section's furniture would take the whole page: keep it
        if not drop:
            return self.page
        kept = [line for i, line in enumerate(self.lines) if i not in drop]
        return replace(self.page, text="\n".join(kept).strip("\n"))  # words and boxes stay


def strip_furniture(pages: Iterable[PageText], *, sample: int = 12) -> Iterator[PageText]:
    """Yield ``pages`` with headers, footers and page numbers removed, lazily.

    About ``sample`` pages are held at a time: the first ``sample`` to learn the
    document-wide furniture, then ``sample // 2`` on either side of the page being yielded.
    """
    it = iter(pages)
    first = list(islice(it, sample))
    placed = [_placed(p) for p in first]  # once per page: learning and stripping share it
    top, bottom = _learn(placed)
    half = max(1, sample // 2)
    ahead = deque(_Page(p, top, bottom, pl) for p, pl in zip(first, placed))
    del placed
    del first
    behind: deque[_Page] = deque(maxlen=half)
    while ahead:
        for page in islice(it, max(0, half + 1 - len(ahead))):
            ahead.append(_Page(page, top, bottom))
        current = ahead.popleft()
        yield current.finish([*behind, current, *islice(ahead, half)])
        behind.append(current)
