"""Text helpers for display: snippets with matched words marked, sizes, durations."""
from __future__ import annotations

import html
import os
import re

_STOP = {
    "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "her", "was", "one", "our", "out",
    "has", "have", "had", "how", "what", "when", "where", "which", "who", "why", "with", "this", "that",
    "from", "they", "will", "would", "there", "their", "does", "did", "about", "into", "than", "then",
    "them", "these", "those", "its", "his", "she", "him", "may", "should", "could", "been", "being", "were",
}
_WORD = re.compile(r"[\w'-]+", re.UNICODE)


def query_terms(query: str) -> list[str]:
    """Words worth marking in a snippet: no stop words, no one- or two-letter words."""
    seen: list[str] = []
    for w in _WORD.findall(query.lower()):
        w = w.strip("'-")
        if len(w) >= 3 and w not in _STOP and w not in seen:
            seen.append(w)
    return seen


def _term_pattern(terms: list[str]) -> re.Pattern | None:
    if not terms:
        return None
    # Prefix match so "fee" marks "fees" and "refund" marks "refunds".
    alts = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"\b(?:{alts})\w*", re.IGNORECASE)


def snippet(text: str, terms: list[str], width: int = 260) -> tuple[str, list[tuple[int, int]]]:
    """The part of ``text`` around the densest matches, and the match spans within it."""
    flat = " ".join(text.split())
    pat = _term_pattern(terms)
    matches = list(pat.finditer(flat)) if pat else []
    if len(flat) <= width:
        start = 0
    elif matches:
        # The window that holds the most matches, starting a little before the first of them.
        best, best_n = matches[0].start(), 0
        for m in matches:
            n = sum(1 for x in matches if m.start() <= x.start() < m.start() + width)
            if n > best_n:
                best, best_n = m.start(), n
        start = max(0, best - width // 4)
        sp = flat.rfind(" ", 0, start)
        start = 0 if sp < 0 else sp + 1 if start else 0
    else:
        start = 0
    end = min(len(flat), start + width)
    if end < len(flat):
        sp = flat.rfind(" ", start, end)
        end = sp if sp > start + width // 2 else end
    piece = flat[start:end]
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(flat) else ""
    spans = [(m.start() - start + len(prefix), m.end() - start + len(prefix))
             for m in matches if m.start() >= start and m.end() <= end]
    return prefix + piece + suffix, spans


def highlight_html(text: str, terms: list[str], mark_color: str, width: int = 260) -> str:
    """An HTML snippet with the matched words on a marker background."""
    piece, spans = snippet(text, terms, width)
    out, pos = [], 0
    for a, b in spans:
        out.append(html.escape(piece[pos:a]))
        out.append(f'<span style="background-color:{mark_color}; font-weight:600">{html.escape(piece[a:b])}</span>')
        pos = b
    out.append(html.escape(piece[pos:]))
    return "".join(out)


def human_size(n: int) -> str:
    for unit, div in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n >= div:
            return f"{n / div:.1f} {unit}" if n < div * 10 else f"{n / div:.0f} {unit}"
    return f"{n} B"


def human_eta(seconds: float | None) -> str:
    if seconds is None:
        return "estimating time left"
    seconds = int(round(seconds))
    if seconds < 5:
        return "almost done"
    if seconds < 60:
        return f"about {seconds} s left"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"about {minutes} min left"
    return f"about {minutes // 60} h {minutes % 60:02d} min left"


def short_path(path: str, keep: int = 2) -> str:
    """The last ``keep`` parts of a path, for places too narrow for the whole of it."""
    parts = path.replace("\\", "/").rstrip("/").split("/")
    tail = "/".join(parts[-keep:])
    return tail if len(parts) <= keep else "…/" + tail


def file_name(path: str) -> str:
    return os.path.basename(path.rstrip("/\\")) or path


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (many or word + 's')}"
