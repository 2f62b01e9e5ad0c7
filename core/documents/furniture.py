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

Lines that appear on only one or two pages are never furniture.
"""
from __future__ import annotations

import math
import re
from collections import Counter, deque
from dataclasses import replace
from itertools import islice
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

_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
# "7", "-7-", "F-7", "A.7", "Page 7", "Page 7 of 80", "7/80" after normalising digits.
_PAGE_NUMBER = re.compile(r"[-–—(\[]?\s*(page|pg\.?|p\.)?\s*([a-z]{1,2}\s*[-–.]\s*)?#(\s*(of|/)\s*#)?\s*[-–—)\]]?")


def normalise(line: str) -> str:
    """Key under which repeated lines compare equal: "Page 3 of 80" == "Page 7 of 80"."""
    return _SPACE.sub(" ", _DIGITS.sub("#", line.casefold())).strip()


def _edges(lines: list[str]) -> tuple[list[int], list[int]]:
    """Indexes of the first and last EDGE_LINES non-empty lines, outermost first."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return filled[:EDGE_LINES], filled[::-1][:EDGE_LINES]


def _local_key(line: str) -> str:
    """Page numbers compare with their digits normalised; anything else must match exactly,
    so that "Exhibit 31.1" and "Exhibit 31.2" heading consecutive pages stay."""
    key = normalise(line)
    # The NUL prefix marks page numbers, which need fewer neighbours to agree.
    return "\0" + key if _PAGE_NUMBER.fullmatch(key) else _SPACE.sub(" ", line.casefold()).strip()


def _need(share: float, pages: int) -> int:
    return max(MIN_PAGES, math.ceil(share * pages))


def learn_furniture(pages: list[PageText]) -> tuple[frozenset[str], frozenset[str]]:
    """Normalised lines that repeat at the top, and at the bottom, of many of ``pages``."""
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    for page in pages:
        lines = page.text.splitlines()
        head, foot = _edges(lines)
        # A set per page: a line repeated within one page is not evidence of furniture.
        top.update({normalise(lines[i]) for i in head})
        bottom.update({normalise(lines[i]) for i in foot})
    need = _need(MIN_SHARE, len(pages))
    return (
        frozenset(key for key, n in top.items() if n >= need and key),
        frozenset(key for key, n in bottom.items() if n >= need and key),
    )


class _Page:
    """A page with the document-wide furniture gone, and the keys of its remaining edges."""

    __slots__ = ("page", "lines", "changed", "head", "foot", "head_keys", "foot_keys")

    def __init__(self, page: PageText, top: frozenset[str], bottom: frozenset[str]) -> None:
        self.page = page
        lines = page.text.splitlines()
        head, foot = _edges(lines)
        # Only the edges are inspected: the same words in the middle of a page are body text.
        drop = {i for i in head if normalise(lines[i]) in top}
        drop |= {i for i in foot if normalise(lines[i]) in bottom}
        self.lines = [line for i, line in enumerate(lines) if i not in drop] if drop else lines
        self.changed = bool(drop)
        self.head, self.foot = _edges(self.lines)
        self.head_keys = [_local_key(self.lines[i]) for i in self.head]
        self.foot_keys = [_local_key(self.lines[i]) for i in self.foot]

    def finish(self, window: list["_Page"]) -> PageText:
        drop: set[int] = set()
        for idxs, keys, side in ((self.head, self.head_keys, "head_keys"), (self.foot, self.foot_keys, "foot_keys")):
            for i, key in zip(idxs, keys):  # outermost first; stop at the first body line
                share = MIN_SHARE if key.startswith("\0") else LOCAL_SHARE
                if sum(1 for other in window if key in getattr(other, side)) < _need(share, len(window)):
                    break
                drop.add(i)
        if not drop and not self.changed:
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
    top, bottom = learn_furniture(first)
    half = max(1, sample // 2)
    ahead = deque(_Page(p, top, bottom) for p in first)
    del first
    behind: deque[_Page] = deque(maxlen=half)
    while ahead:
        for page in islice(it, max(0, half + 1 - len(ahead))):
            ahead.append(_Page(page, top, bottom))
        current = ahead.popleft()
        yield current.finish([*behind, current, *islice(ahead, half)])
        behind.append(current)
