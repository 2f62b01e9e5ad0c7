"""Search answers with pages: named documents first, their years preferred, one hit a page,
the best pages looked at again against their headings."""
from __future__ import annotations

from core.library.records import DocumentRecord
from core.library.search import PageParams, QueryIntent, page_evidence
from core.types import Hit
from tests.core.library_helpers import fake_library, index, make_pdf


def cover(name: str, year: int) -> str:
    return (f"FORM 10-K\nFor the fiscal year ended December 31, {year}\n{name}\n"
            "(Exact name of registrant as specified in its charter)")


def revenue_pages(word: str) -> list[str]:
    return [f"Revenue from {word} sales grew. Revenue by region and revenue by product." for _ in range(4)]


def test_a_named_organisation_gets_its_own_pages_first_one_hit_a_page(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    make_pdf(docs / "a.pdf", [cover("ACME WIDGETS, INC.", 2022)] + revenue_pages("widget"))
    make_pdf(docs / "g.pdf", [cover("GLOBEX CORPORATION", 2022)] + revenue_pages("gadget"))
    lib = fake_library(tmp_path / "home")
    index(lib, docs)
    hits = lib.search("Globex revenue", k=8)
    assert [h.path for h in hits[:5]] == [str(docs / "g.pdf")] * 5
    assert len({(h.path, h.page) for h in hits}) == len(hits)  # one hit a page
    assert hits[0].title == "Globex Corporation 10-K 2022"
    # fewer pages there than asked for: the other documents follow, never before them
    assert {h.path for h in hits[5:]} == {str(docs / "a.pdf")}
    assert min(h.score for h in hits[:5]) > max(h.score for h in hits[5:])
    # a query naming nobody ranks both documents
    assert {h.path for h in lib.search("revenue", k=8)} == {str(docs / "a.pdf"), str(docs / "g.pdf")}


def test_the_year_a_query_names_is_preferred(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    make_pdf(docs / "acme21.pdf", [cover("ACME WIDGETS, INC.", 2021), "Revenue grew in the year to 4,000."])
    make_pdf(docs / "acme22.pdf", [cover("ACME WIDGETS, INC.", 2022), "Revenue grew in the year to 4,000."])
    lib = fake_library(tmp_path / "home")
    index(lib, docs)
    for year in (2021, 2022):
        hits = lib.search(f"Acme revenue {year}", k=2)
        assert hits[0].path == str(docs / f"acme{str(year)[2:]}.pdf")


def _hit(path: str, page: int, score: float, text: str, heads: str = "") -> Hit:
    return Hit(path, page, score, text, search_text=f"title\n{heads}\n{text}" if heads else f"title\n{text}")


def test_page_scores_combine_chunks_and_the_second_look_reads_headings():
    a = _hit("/r", 10, 1.00, "Purchases  (442)  (348)")
    b = _hit("/r", 20, 0.98, "Purchases of property and equipment  (442)  (348)",
             heads="CONSOLIDATED STATEMENTS OF CASH FLOWS | 2022 2021")
    c = _hit("/r", 30, 0.70, "capital spending was modest")
    c2 = _hit("/r", 30, 0.69, "capital spending again")
    hits = [a, b, c, c2]
    none = QueryIntent()
    plain = PageParams(second_chunk=0.0, rerank_depth=0, rerank_weight=0.0)
    assert [(h.page) for h in page_evidence(hits, "cash flows purchases", none, {}, plain, 10)] == [10, 20, 30]
    # the page whose headings hold the question's terms is looked at again and wins
    looked = PageParams(second_chunk=0.0, rerank_depth=30, rerank_weight=0.3)
    assert [h.page for h in page_evidence(hits, "cash flows purchases", none, {}, looked, 10)] == [20, 10, 30]
    # a page with two matching chunks gains on one with one
    two = PageParams(second_chunk=0.5, rerank_depth=0, rerank_weight=0.0)
    assert [h.page for h in page_evidence(hits, "capital spending", none, {}, two, 10)] == [30, 10, 20]
    # at most per_page hits a page
    both = PageParams(second_chunk=0.0, per_page=2, rerank_depth=0, rerank_weight=0.0)
    assert [h.page for h in page_evidence(hits, "x", none, {}, both, 10)] == [10, 20, 30, 30]


def test_a_document_of_the_named_year_and_a_chunk_showing_it_are_preferred():
    old = _hit("/old", 1, 1.00, "Revenue  100  90")
    new = _hit("/new", 1, 0.95, "Revenue  120  100")
    shows = _hit("/new", 2, 0.90, "Revenue 2022  120")
    recs = {"/old": DocumentRecord("/old", "o", (), "10-K", 2021), "/new": DocumentRecord("/new", "n", (), "10-K", 2022)}
    p = PageParams(second_chunk=0.0, rerank_depth=0, rerank_weight=0.0, year_doc=0.1, year_page=0.1)
    order = [(h.path, h.page) for h in page_evidence([old, new, shows], "revenue 2022", QueryIntent(years=(2022,)),
                                                     recs, p, 3)]
    assert order == [("/new", 2), ("/new", 1), ("/old", 1)]


def test_files_without_pages_keep_the_fused_order():
    """A library of plain files naming no period (SciFact's abstracts): one hit a file, in the
    order fusion gave, whatever years the query names."""
    hits = [_hit("/a.txt", None, 1.0, "first"), _hit("/b.txt", None, 0.9, "b in 2011"),
            _hit("/a.txt", None, 0.8, "a again"), _hit("/c.txt", None, 0.7, "c")]
    hits = [Hit(h.path, None, h.score, h.text, search_text=h.search_text) for h in hits]
    out = page_evidence(hits, "trial 2011 results", QueryIntent(years=(2011,)), {}, PageParams(), 10)
    assert [(h.path, h.score) for h in out] == [("/a.txt", 1.0), ("/b.txt", 0.9), ("/c.txt", 0.7)]


def test_a_file_named_by_a_number_has_no_period():
    from core.library.records import build_record

    assert build_record("/2011.txt", title="t", file_title="2011", first_pages="An abstract.", page_count=None).year is None
    assert build_record("/l.pdf", title="t", file_title="lease 2019", first_pages="Terms.", page_count=2).year == 2019
