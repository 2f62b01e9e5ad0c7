"""Split page text into chunks the embedder reads whole.

all-MiniLM-L6-v2 reads at most 256 word pieces; anything past that never reaches the
vector. So chunks are measured with the embedder's own tokenizer, never in characters,
and cut at the best boundary (paragraph, line, sentence) inside the budget. Chunks never
cross a page, so every hit can name its page. The full text of every chunk is kept for
keyword search and display; nothing between chunks is dropped but whitespace.
"""
from __future__ import annotations

import bisect
import itertools
from typing import Callable, Iterable, Iterator

from core.documents.locate import token_words, words_for_span
from core.documents.turns import shown_words
from core.library.tables import line_headings
from core.types import Chunk, PageText

TokenSpans = Callable[[str], list[tuple[int, int]]]

#: Word pieces kept for [CLS]/[SEP] and for the title prefix the embedder sees.
SPECIAL_TOKENS = 2
MAX_TITLE_TOKENS = 24
#: Word pieces of table headings (statement title, column headers) a table chunk carries.
MAX_CONTEXT_TOKENS = 40
_SENTENCE_END = (".", "!", "?", ";", ":")


def choose_title(title: str, kind: str, stem_title: str, first_text: str) -> str:
    """The title every chunk of a document carries into search.

    Names and titles are how people ask ("the Harbour retainer"), so they go with each chunk.
    A plain-text file has no title field: its first short line is its title. A title made
    only of digits (a file numbered by a scanner or an export) is noise and is dropped.
    """
    if kind == "text" and title == stem_title:
        for line in first_text.splitlines():
            line = line.strip().lstrip("#").strip()
            if line:
                if len(line) <= 150:
                    title = line
                break
    if not any(ch.isalpha() for ch in title):
        return ""
    return title


def title_budget(title: str, spans: TokenSpans) -> int:
    return min(len(spans(title)), MAX_TITLE_TOKENS) + 1 if title else 0


def _boundary_score(text: str, spans: list[tuple[int, int]], j: int) -> int:
    """How good a place it is to cut before token j (higher is better)."""
    gap = text[spans[j - 1][1] : spans[j][0]]
    if "\n\n" in gap or "\n \n" in gap:
        return 4
    if "\n" in gap:
        return 3
    prev = text[spans[j - 1][0] : spans[j - 1][1]]
    if prev.endswith(_SENTENCE_END) and gap:
        return 2
    if gap:
        return 1
    return 0  # inside a word: only when nothing else fits


def split_text(text: str, spans: list[tuple[int, int]], budget: int) -> Iterator[str]:
    """Yield pieces of ``text`` of at most ``budget`` tokens each, cut at good boundaries."""
    for a, b in split_spans(text, spans, budget):
        yield text[a:b]


def split_spans(text: str, spans: list[tuple[int, int]], budget: int) -> Iterator[tuple[int, int]]:
    """Where ``split_text``'s pieces sit in ``text``: (start, end), whitespace trimmed."""
    n = len(spans)
    start = 0
    while start < n:
        end = min(start + budget, n)
        if end < n:
            best_j, best_s = end, -1
            floor = start + max(1, budget // 2)
            for j in range(end, floor, -1):
                s = _boundary_score(text, spans, j)
                if s > best_s:
                    best_j, best_s = j, s
                    if s >= 4:
                        break
            end = best_j
        a, b = spans[start][0], spans[end - 1][1]
        piece = text[a:b]
        if piece.strip():
            a += len(piece) - len(piece.lstrip())
            b -= len(piece) - len(piece.rstrip())
            yield a, b
        start = end


def chunk_pages(
    path: str,
    title: str,
    pages: Iterable[PageText],
    spans: TokenSpans,
    max_tokens: int,
) -> Iterator[Chunk]:
    budget = max(16, max_tokens - SPECIAL_TOKENS - title_budget(title, spans))
    index = 0
    for page in pages:
        text = page.text
        if not text or not text.strip():
            continue
        # Each chunk keeps the words it came from, so a quote in it can be boxed later
        # without reading the file again.
        tokens = token_words(text, page.words) if page.words else None
        lines = text.split("\n")
        headings = line_headings(lines)
        page_budget = budget
        has_tables = any(headings)
        if has_tables:
            # Room for the table's headings, which the embedder reads before the rows.
            page_budget = max(16, budget - min(MAX_CONTEXT_TOKENS, max(len(spans(h)) for h in set(headings) if h) + 1))
            starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
        for a, b in split_spans(text, spans(text), page_budget):
            words = words_for_span(tokens, page.words, a, b) if tokens else ()
            if words and (page.turn or page.warp):  # a scan read turned or flattened: boxes as the viewer shows it
                words = shown_words(words, page.size, page.turn, page.warp)
            piece = text[a:b]
            context = _chunk_context(piece, headings, starts, a, b) if has_tables else ""
            yield Chunk(path=path, page=page.page, index=index, text=piece, title=title, words=words,
                        context=context)
            index += 1


def _chunk_context(piece: str, headings: list[str], starts: list[int], a: int, b: int) -> str:
    """The headings of the first table row in text[a:b], less what the piece already shows."""
    first = bisect.bisect_right(starts, a) - 1
    for i in range(max(0, first), len(headings)):
        if starts[i] >= b:
            break
        if headings[i]:
            folded = " ".join(piece.split()).casefold()
            return " | ".join(h for h in headings[i].split(" | ") if h.casefold() not in folded)
    return ""


def embedding_text(chunk: Chunk) -> str:
    """What the embedder reads: the title gives every chunk its document's context, and a
    table's headings give its rows theirs."""
    head = "\n".join(p for p in (chunk.title, chunk.context) if p)
    return f"{head}\n{chunk.text}" if head else chunk.text
