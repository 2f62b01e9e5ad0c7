"""Quotes to boxes: alignment, chunk words, storage, old libraries, citations end to end."""
from __future__ import annotations

import json
import shutil

import pymupdf
import pytest

from core.ask.answering import Assistant
from core.ask.conversations import ConversationStore
from core.documents.locate import (find_quote_boxes, line_boxes, pack_words, quote_boxes, token_words,
                                   unpack_words, words_for_span)
from core.documents.readers import open_document
from core.library.chunking import chunk_pages
from core.types import Box, Citation, Hit, PageText, Word
from models.fake import FakeChat
from tests.core.library_helpers import fake_library, index
from tests.helpers import drive


def _line(texts: str, line: int, y: float, x: float = 10.0, height: float = 10.0) -> list[Word]:
    out = []
    for t in texts.split():
        w = 6.0 * len(t)
        out.append(Word(t, x, y, x + w, y + height, line))
        x += w + 4
    return out


PAGE = (_line("The client pays a monthly retainer", 1, 10)
        + _line("fee of $2,500. Invoices are pay-", 2, 24)
        + _line("able within 30 days of issue.", 3, 38))


def _covers(box: Box, words) -> bool:
    return all(box.x0 <= w.x0 and w.x1 <= box.x1 and box.y0 <= w.y0 and w.y1 <= box.y1 for w in words)


def test_one_box_per_line_of_the_quote():
    boxes = find_quote_boxes(PAGE, "a monthly retainer fee of $2,500.", page=2)
    assert len(boxes) == 2 and all(b.page == 2 for b in boxes)
    assert _covers(boxes[0], PAGE[3:6]) and boxes[0].x0 == PAGE[3].x0
    assert _covers(boxes[1], PAGE[6:9]) and boxes[1].x1 == PAGE[8].x1
    assert boxes[1].y0 == 24  # not a word of the next line


@pytest.mark.parametrize("quote", [
    "Invoices   are\npayable within 30 days",  # whitespace, and a word broken at the line end
    "INVOICES ARE PAYABLE WITHIN 30 DAYS",  # case
    "“Invoices are payable within 30 days”",  # quotation marks
    "lnvoices are payab1e within 30 days",  # OCR slips
])
def test_quote_variants_find_the_same_words(quote):
    boxes = find_quote_boxes(PAGE, quote)
    assert len(boxes) == 2, boxes
    assert boxes[0].x0 == PAGE[9].x0 and boxes[0].x1 == PAGE[11].x1  # "Invoices are pay-"
    assert boxes[1].x0 == PAGE[12].x0 and boxes[1].x1 == PAGE[15].x1  # "able within 30 days"


def test_ligature_in_the_page_matches_plain_letters():
    words = _line("The ﬁrm's oﬃce closes at ﬁve", 1, 10)
    assert find_quote_boxes(words, "The firm's office closes") == [Box(None, words[0].x0, 10, words[3].x1, 20)]


def test_a_quote_that_is_not_on_the_page_gets_no_boxes():
    assert find_quote_boxes(PAGE, "Interest accrues at 1.5% per month on overdue amounts") == []
    # Two words of eight in place is not a match: no box near it is shown as the quote.
    assert find_quote_boxes(PAGE, "the monthly rent for the parking space downtown") == []
    assert find_quote_boxes((), "anything") == [] and find_quote_boxes(PAGE, "  ") == []


def test_words_ocr_ran_together_are_found_before_a_look_alike_elsewhere():
    from core.documents.locate import find_quote_words

    page = _line("Date:11/03/2026", 1, 10) + _line("Due Date: 11/04/2026", 2, 24)
    assert [w.text for w in find_quote_words(page, "Date: 11/03/2026")] == ["Date:11/03/2026"]
    assert [w.text for w in find_quote_words(page, "Due Date: 11/04/2026")] == ["Due", "Date:", "11/04/2026"]


def test_another_figure_is_never_taken_for_an_ocr_slip():
    from core.documents.locate import find_quote_words

    page = _line("Invoice date 11/04/2026 total 1,250.00", 1, 10)
    assert find_quote_words(page, "Invoice date 11/03/2026 total") == []
    assert find_quote_words(page, "total 1,260.00") == []
    assert [w.text for w in find_quote_words(page, "lnvoice date 11/04/2026")] == ["Invoice", "date", "11/04/2026"]


def test_table_rows_are_one_box_each():
    """Cells of a row are separate PDF lines; each row is one box, every row of the quote."""
    rows = []
    for n, (item, qty, price) in enumerate([("Consultation", "1", "150.00"), ("Filing", "2", "80.00"),
                                            ("Courier", "3", "18.00")]):
        y = 100 + 14 * n
        rows += [Word(item, 72, y, 140, y + 10, 10 * n), Word(qty, 260, y, 266, y + 10, 10 * n + 1),
                 Word(price, 360, y, 396, y + 10, 10 * n + 2)]
    boxes = find_quote_boxes(rows, "Consultation 1 150.00\nFiling 2 80.00\nCourier 3 18.00")
    assert [(b.x0, b.y0, b.x1, b.y1) for b in boxes] == [(72, 100, 396, 110), (72, 114, 396, 124), (72, 128, 396, 138)]


def test_columns_side_by_side_are_not_joined():
    left = Word("end", 10, 10, 40, 20, 1)
    right = Word("start", 300, 10, 330, 20, 2)
    below = Word("next", 10, 24, 40, 34, 3)
    assert len(line_boxes([left, right])) == 1  # same row, continuing rightwards
    assert len(line_boxes([right, below])) == 2


def test_pack_round_trip_and_damage():
    blob = pack_words(PAGE)
    assert unpack_words(blob) == tuple(Word(w.text, w.x0, w.y0, w.x1, w.y1, n)
                                       for n, w in zip([0] * 6 + [1] * 6 + [2] * 6, PAGE))
    assert len(blob) < 0.5 * len(json.dumps([[w.text, w.x0, w.y0, w.x1, w.y1, w.line] for w in PAGE]))
    assert pack_words(()) == b"" and unpack_words(b"") == () and unpack_words(None) == ()
    assert unpack_words(blob[:10]) == () and unpack_words(b"\x09" + blob[1:]) == ()
    hit = Hit("/x.pdf", 3, 1.0, "…", layout=blob)
    assert quote_boxes(hit, "monthly retainer fee")[0].page == 3
    assert quote_boxes(Hit("/x.pdf", 3, 1.0, "…"), "monthly retainer fee") == ()


def test_chunks_keep_the_words_of_their_own_text():
    text = "Header line\n" + " ".join(w.text for w in PAGE[:6]) + "\n\n" + " ".join(w.text for w in PAGE[6:])
    header = _line("Header line", 0, 0)
    # Furniture stripped: the page's words keep a line that is not in its text any more.
    stripped = "\n".join(text.splitlines()[1:])
    page = PageText(1, stripped, tuple(header + PAGE), (600, 800))
    tokens = token_words(stripped, page.words)
    assert [i for *_, i in tokens] == list(range(2, 2 + len(PAGE)))

    def spans(s):  # one token per word, so the budget cuts after a handful of words
        import re
        return [(m.start(), m.end()) for m in re.finditer(r"\S+", s)]

    chunks = list(chunk_pages("/x.pdf", "", [page], spans, max_tokens=2 + 16))
    assert len(chunks) == 2
    for c in chunks:
        assert [w.text for w in c.words] == c.text.split()
    assert words_for_span(tokens, page.words, 0, 0) == ()


def _pdf(path, lines):
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    for y, text in lines:
        page.insert_text((72, y), text, fontsize=11)
    doc.save(path)


FEES = [(100, "Schedule of fees for the Harbour office."), (130, "Consultation      1      150.00"),
        (146, "Filing fee        2       80.00"), (162, "Courier           3       18.00"),
        (200, "The retainer is payable within thirty days of the invoice.")]


def test_indexed_chunks_give_citations_boxes_and_conversations_keep_them(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    _pdf(docs / "fees.pdf", FEES)
    lib = fake_library(tmp_path / "home")
    assert index(lib, docs).added == 1
    hit = lib.search("retainer payable within thirty days", k=1)[0]
    assert hit.layout
    page = next(open_document(docs / "fees.pdf").pages)
    quote = "Consultation 1 150.00 Filing fee 2 80.00"
    boxes = quote_boxes(hit, quote)
    assert len(boxes) == 2 and all(b.page == 1 for b in boxes)
    consult = next(w for w in page.words if w.text == "Consultation")
    price = next(w for w in page.words if w.text == "80.00")
    assert (boxes[0].x0, boxes[0].y0) == pytest.approx((consult.x0, consult.y0), abs=0.1)
    assert boxes[1].x1 == pytest.approx(price.x1, abs=0.1)

    store = ConversationStore(tmp_path / "conv.sqlite")
    chat = FakeChat(["The retainer is payable within thirty days [1]."])
    conv = store.create("q")
    _, ans = drive(Assistant(lib, chat, conversations=store).ask("When is the retainer payable?",
                                                                conversation_id=conv))
    assert ans.found and ans.citations[0].boxes, ans
    cite = ans.citations[0]
    assert cite.as_json()["boxes"] == [b.as_json() for b in cite.boxes]
    saved = store.messages(conv)[-1].citations[0]
    assert saved.boxes == tuple(Box(cite.page, *b.as_json()) for b in cite.boxes)
    # A record written before boxes existed still loads, with none.
    assert Citation.from_json({"n": 1, "path": "/a.pdf", "page": 2, "quote": "q"}).boxes == ()


def test_library_built_before_words_were_kept_still_works_and_reindex_fills_them(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    _pdf(docs / "fees.pdf", FEES)
    lib = fake_library(tmp_path / "home")
    index(lib, docs)
    # Make the table what an older release wrote: the same rows without the column.
    lib.store.table.drop_columns(["layout"])
    lib.store.finish()
    old = fake_library(tmp_path / "home")
    assert not old.store.has_layout()
    hit = old.search("retainer payable within thirty days", k=1)[0]
    assert hit.layout == b"" and quote_boxes(hit, "The retainer is payable") == ()
    # Adding a file writes the column; the old rows stay without boxes until re-indexed.
    _pdf(docs / "more.pdf", [(100, "The courier fee is eighteen dollars per parcel.")])
    shutil.copy(docs / "fees.pdf", docs / "fees_copy.pdf")
    assert index(old, docs).added == 2
    assert old.store.has_layout()
    assert quote_boxes(old.search("courier fee eighteen dollars", k=1)[0], "The courier fee is eighteen")
    hits = [h for h in old.search("retainer payable within thirty days", k=5) if h.path.endswith("fees.pdf")]
    assert hits and hits[0].layout == b""
    old.remove(str(docs / "fees.pdf"))
    index(old, docs / "fees.pdf")
    hits = [h for h in old.search("retainer payable within thirty days", k=5) if h.path.endswith("fees.pdf")]
    assert quote_boxes(hits[0], "The retainer is payable within thirty days")
