"""End to end with the real bundled embedder: two companies' reports, each with a cash-flow
table on a later page; a question naming one company, a year and a line item finds that page."""
from __future__ import annotations

import pymupdf
import pytest

from core.services import Library, run_to_end
from core.settings import Settings

pytestmark = pytest.mark.real


def report(path, company: str, year: int, capex: tuple[int, int]) -> None:
    doc = pymupdf.open()
    cover = doc.new_page()
    y = 90
    for line in ("UNITED STATES", "SECURITIES AND EXCHANGE COMMISSION", "FORM 10-K",
                 f"For the fiscal year ended December 31, {year}", company.upper(),
                 "(Exact name of registrant as specified in its charter)"):
        cover.insert_text((72, y), line, fontsize=11)
        y += 20
    prose = doc.new_page()
    prose.insert_textbox(pymupdf.Rect(72, 72, 540, 770),
                         f"{company} designs and sells products. Our capital spending plans depend on demand, "
                         "and we discuss risks to our business, our employees and our customers here. " * 6,
                         fontsize=11)
    table = doc.new_page()
    rows = [("CONSOLIDATED STATEMENTS OF CASH FLOWS", None, None), ("(In millions)", None, None),
            ("", str(year), str(year - 1)), ("Net income", "4,756", "4,822"),
            ("Depreciation and amortization", "856", "788"),
            ("Purchases of property and equipment", f"({capex[0]})", f"({capex[1]})"),
            ("Net cash used for investing activities", "(1,201)", "(998)")]
    y = 90
    for label, a, b in rows:
        table.insert_text((72, y), label, fontsize=10)
        if a is not None:
            table.insert_text((400, y), a, fontsize=10)
            table.insert_text((480, y), b, fontsize=10)
        y += 18
    doc.save(str(path))
    doc.close()


def test_the_named_company_year_and_line_item_find_the_table_page(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    report(docs / "acme.pdf", "Acme Widgets, Inc.", 2022, (442, 348))
    report(docs / "globex.pdf", "Globex Corporation", 2022, (910, 870))
    lib = Library(Settings.load(tmp_path / "home"))
    rep = run_to_end(lib.index([str(docs)]))
    assert rep.added == 2 and not rep.failed
    assert lib.manifest.document(str(docs / "globex.pdf")).title == "Globex Corporation 10-K 2022"

    hits = lib.search("What was Globex's capital expenditure for property and equipment in 2022?", k=3)
    assert (hits[0].path, hits[0].page) == (str(docs / "globex.pdf"), 3)
    assert hits[0].title == "Globex Corporation 10-K 2022"
    assert "(910)" in hits[0].text
    assert len({(h.path, h.page) for h in hits}) == len(hits)
    # the other company's table is not what a question naming Globex gets first
    assert all(h.path == str(docs / "globex.pdf") for h in hits[:2])
