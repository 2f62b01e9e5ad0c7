"""Table chunks carry the headings that give their rows meaning."""
from __future__ import annotations

from core.library.chunking import chunk_pages, embedding_text
from core.library.tables import line_headings, row_labels
from core.types import PageText

STATEMENT = [
    "ACME WIDGETS INC.",
    "CONSOLIDATED STATEMENTS OF CASH FLOWS",
    "(In millions)",
    "Years Ended",
    "2022  2021  2020",
    "Cash flows from operating activities:",
    "Net income  $  4,756  $  4,822  $  5,260",
    "Depreciation and amortization  856  788  757",
    "Cash flows from investing activities:",
    "Purchases of property and equipment  (442)  (348)  (419)",
    "",
    "The Company spent most of its capital on new data centres and on the renovation of offices in "
    "several countries during the year, as explained in the notes.",
    "Segment Results",
    "Fiscal 2022",
    "Revenue  $  12,842  $  4,422",
]


def words(n: int) -> list[tuple[int, int]]:
    return []


def spans(text: str) -> list[tuple[int, int]]:
    """Whitespace words as tokens (the fake embedder's way)."""
    out, i = [], 0
    for part in text.split():
        i = text.index(part, i)
        out.append((i, i + len(part)))
        i += len(part)
    return out


def test_every_row_gets_the_title_and_column_headers_above_it():
    h = line_headings(STATEMENT)
    row = STATEMENT.index("Purchases of property and equipment  (442)  (348)  (419)")
    assert h[row] == "CONSOLIDATED STATEMENTS OF CASH FLOWS | (In millions) | Years Ended | 2022 2021 2020"
    assert h[STATEMENT.index("Net income  $  4,756  $  4,822  $  5,260")] == h[row]
    # headings and prose lines are not rows; after a paragraph a new table has its own heads
    assert h[0] == h[1] == h[4] == h[11] == ""
    assert h[-1] == "Segment Results | Fiscal 2022"


def test_row_labels_are_the_rows_without_their_numbers():
    text = "\n".join(STATEMENT[6:10])
    assert row_labels(text) == ["Net income", "Depreciation and amortization", "Purchases of property and equipment"]


def test_a_chunk_cut_inside_a_table_carries_its_headings_but_shows_only_its_text():
    page = PageText(5, "\n".join(STATEMENT[:10] + [f"Other item {i}  {i},000  {i},100  {i},200" for i in range(60)]))
    chunks = list(chunk_pages("/r.pdf", "Acme 10-K 2022", [page], spans, max_tokens=60))
    assert len(chunks) > 3
    first, later = chunks[0], chunks[-1]
    # the first chunk shows the headings itself; a later one carries them
    assert first.context == ""
    assert later.context == "CONSOLIDATED STATEMENTS OF CASH FLOWS | (In millions) | Years Ended | 2022 2021 2020"
    assert "CASH FLOWS" not in later.text and later.text in page.text
    assert embedding_text(later).startswith("Acme 10-K 2022\nCONSOLIDATED STATEMENTS OF CASH FLOWS")
    # the headings fit in the embedder's budget with the text
    assert all(len(spans(embedding_text(c))) <= 60 - 2 for c in chunks)


def test_pages_without_tables_are_chunked_as_before():
    prose = PageText(1, " ".join(f"word{i}" for i in range(200)))
    chunks = list(chunk_pages("/p.txt", "", [prose], spans, max_tokens=50))
    assert all(c.context == "" for c in chunks)
    assert [len(spans(c.text)) for c in chunks[:-1]] == [48] * (len(chunks) - 1)
