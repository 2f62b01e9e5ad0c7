"""Quarter turns between a page as shown and the frame its words are read in.

A page photographed or scanned sideways is recognised turned upright, so its words' boxes
are in the turned frame (``PageText.turn`` quarter turns clockwise from the page as shown).
Whatever draws boxes on the page as shown (the Extract preview, the viewer) maps them back
with ``shown_box``.
"""
from __future__ import annotations

from core.types import Box, Word


def turn_point(x: float, y: float, size: tuple[float, float], quarters: int) -> tuple[float, float]:
    """(x, y) on a page of ``size`` after turning the page ``quarters`` times clockwise."""
    w, h = size
    q = quarters % 4
    if q == 1:
        return h - y, x
    if q == 2:
        return w - x, h - y
    if q == 3:
        return y, w - x
    return x, y


def turned_size(size: tuple[float, float], quarters: int) -> tuple[float, float]:
    return (size[1], size[0]) if quarters % 2 else (size[0], size[1])


def turn_rect(rect: tuple[float, float, float, float], size: tuple[float, float],
              quarters: int) -> tuple[float, float, float, float]:
    ax, ay = turn_point(rect[0], rect[1], size, quarters)
    bx, by = turn_point(rect[2], rect[3], size, quarters)
    return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def shown_box(box: Box, size: tuple[float, float] | None, turn: int,
              warp: tuple[float, ...] | None = None) -> Box:
    """``box`` (in the words' frame of a page of ``size``, read ``turn`` quarter turns from
    the page as shown, and, for a photo read flattened, ``warp`` from the flattened sheet to
    the photo) on the page as shown: around the four corners where the box lies on the photo."""
    x0, y0, x1, y1 = box.x0, box.y0, box.x1, box.y1
    if turn % 4 and size is not None:
        x0, y0, x1, y1 = turn_rect((x0, y0, x1, y1), size, 4 - turn % 4)
    if warp is not None:
        m = warp
        xs, ys = [], []
        for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1)):
            w = m[6] * x + m[7] * y + m[8] or 1e-9
            xs.append((m[0] * x + m[1] * y + m[2]) / w)
            ys.append((m[3] * x + m[4] * y + m[5]) / w)
        x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    return Box(box.page, x0, y0, x1, y1)

def shown_words(words, size: tuple[float, float] | None, turn: int, warp: tuple[float, ...] | None = None) -> tuple:
    """``words`` (core.types.Word, in the words' frame) with their boxes on the page as shown
    (``shown_box``): what a citation highlights in a viewer that shows the picture as it is."""
    if not (turn % 4 and size is not None) and warp is None:
        return tuple(words)
    out = []
    for w in words:
        b = shown_box(Box(None, w.x0, w.y0, w.x1, w.y1), size, turn, warp)
        out.append(Word(w.text, b.x0, b.y0, b.x1, b.y1, w.line))
    return tuple(out)
