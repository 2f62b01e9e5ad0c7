"""Document records: what a document is, read from its first pages, kept with the library."""
from __future__ import annotations

import sqlite3

from core.library.manifest import Manifest
from core.library.records import DocumentRecord, build_record, org_keys
from core.library.search import query_years, read_intent
from tests.core.library_helpers import fake_library, index, make_pdf

COVER = """UNITED STATES
SECURITIES AND EXCHANGE COMMISSION
Washington, D.C. 20549
FORM 10-K
ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934
For the fiscal year ended December 2, 2022
Commission File Number: 0-15175
ACME WIDGETS, INC.
(Exact name of registrant as specified in its charter)
Delaware
Name of each exchange on which registered
The NASDAQ Stock Market LLC
"""


def test_a_filing_cover_gives_organisation_kind_and_year():
    rec = build_record("/r/acme.pdf", title="0001018724-18-000005", file_title="acme", first_pages=COVER,
                       page_count=99)
    assert rec.organisations == ("Acme Widgets, Inc.",)  # the registrant, not the exchange
    assert (rec.doc_type, rec.year, rec.page_count) == ("10-K", 2022, 99)
    assert rec.title == "Acme Widgets, Inc. 10-K 2022"
    assert rec.period == "10-K 2022"


def test_a_lease_names_its_parties_and_an_article_names_nobody():
    lease = "LEASE AGREEMENT\nHarbor Street Properties LLC\nand\nNorthside Family Clinic\nThe term is five years."
    rec = build_record("/l.pdf", title="Lease", file_title="l", first_pages=lease, page_count=3)
    assert rec.doc_type == "lease"
    assert rec.organisations == ("Harbor Street Properties LLC", "Northside Family Clinic")
    # an abstract: a sentence that happens to end in "company", "in agreement with" in prose
    abstract = ("Effects of dietary fibre on a cohort from one company\nResults were in agreement with an "
                "earlier trial of the company and the group over ten years of follow-up in 2019 and 2020.")
    rec = build_record("/1.txt", title="Effects", file_title="1", first_pages=abstract, page_count=None)
    assert rec.organisations == () and rec.doc_type == "" and rec.year is None
    assert rec.title == "Effects"


def test_org_keys_drop_legal_words_and_generic_first_words():
    assert org_keys("ACTIVISION BLIZZARD, INC.") == ["activisionblizzard", "activision"]
    assert org_keys("General Mills, Inc.") == ["generalmills"]
    assert org_keys("AMAZON.COM, INC.") == ["amazon"]
    assert org_keys("3M Company") == ["3m"]


def test_a_query_names_documents_by_their_organisations_and_years():
    recs = [DocumentRecord("/a", "A", ("Activision Blizzard, Inc.",), "10-K", 2019),
            DocumentRecord("/g", "G", ("General Mills, Inc.",), "10-K", 2020),
            DocumentRecord("/m", "M", ("3M Company",), "10-K", 2018)]
    assert read_intent("What was General Mills' FY2020 revenue?", recs).paths == ("/g",)
    assert read_intent("3M's operating margin", recs).paths == ("/m",)
    assert read_intent("Blizzard segment revenue", recs).paths == ("/a",)  # a capitalised part of the name
    assert read_intent("general and administrative expenses", recs).paths == ()
    assert read_intent("a blizzard closed the mills", recs).paths == ()
    both = read_intent("Compare Activision and 3M", recs)
    assert set(both.paths) == {"/a", "/m"} and both.org_words == {"activision", "3m"}
    assert query_years("FY2022 capex, fiscal 2021 and FY22") == (2021, 2022)
    assert query_years("page 120 of 5000 items") == ()


def test_records_are_kept_moved_and_erased_with_their_files(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    make_pdf(docs / "acme.pdf", [COVER, "Revenue was 17,606 million dollars."], title="Quokkaridge filing")
    lib = fake_library(tmp_path / "home")
    index(lib, docs)
    rec = lib.manifest.document(str(docs / "acme.pdf"))
    assert rec is not None and rec.organisations == ("Acme Widgets, Inc.",) and rec.page_count == 2
    hit = lib.search("revenue", k=1)[0]
    assert hit.title == "Acme Widgets, Inc. 10-K 2022"
    (docs / "acme.pdf").rename(docs / "acme2.pdf")
    index(lib, docs)
    assert lib.manifest.document(str(docs / "acme.pdf")) is None
    assert lib.manifest.document(str(docs / "acme2.pdf")).title == rec.title
    lib.remove(str(docs / "acme2.pdf"))
    assert lib.manifest.documents() == []
    # the record's words are gone from the manifest's files too, not only from its rows
    for p in (tmp_path / "home" / "library").glob("files.sqlite*"):
        assert b"Acme Widgets" not in p.read_bytes(), p


def test_a_manifest_from_before_records_opens(tmp_path):
    path = tmp_path / "files.sqlite"
    db = sqlite3.connect(path)
    db.executescript("CREATE TABLE folders (path TEXT PRIMARY KEY, added_at REAL NOT NULL);"
                     "CREATE TABLE files (path TEXT PRIMARY KEY, folder TEXT NOT NULL, size INTEGER NOT NULL,"
                     " mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL DEFAULT '', status TEXT NOT NULL,"
                     " error TEXT NOT NULL DEFAULT '', chunks INTEGER NOT NULL DEFAULT 0, updated_at REAL NOT NULL);"
                     "INSERT INTO files VALUES ('/d/a.pdf', '/d', 1, 1, '', 'indexed', '', 3, 0);")
    db.commit()
    db.close()
    m = Manifest(path)
    assert m.counts() == (1, 3, 0)
    assert m.documents() == [] and m.named_documents() == []
