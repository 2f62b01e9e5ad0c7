"""Item models over core's records pass Qt's model tester, before and after updates."""
from __future__ import annotations

from core.ask.conversations import ConversationInfo
from core.types import Citation, FileRecord, Hit
from desktop.item_models import (
    CitationListModel, ConversationListModel, FolderListModel, SearchResultsModel, SourcesTableModel,
)
from desktop.textutil import highlight_html, query_terms, snippet


def rec(name, status="indexed", folder="/docs", error="", chunks=3):
    return FileRecord(f"{folder}/{name}", folder, 1234, 1, "sha", status, error, chunks)


def test_sources_table(qtmodeltester):
    m = SourcesTableModel()
    m.set_records([rec("a.pdf"), rec("b.pdf", "failed", error="is encrypted"), rec("c.docx", "pending")])
    qtmodeltester.check(m, force_py=True)
    assert m.rowCount() == 3 and m.columnCount() == 5
    assert "encrypted" in m.data(m.index(1, SourcesTableModel.STATUS))
    # The tester stays connected: it checks every insert/remove/change signal from here on.
    # Replace: one removed, one changed, one added; rows keep their identity.
    m.set_records([rec("a.pdf", chunks=9), rec("c.docx"), rec("d.txt")])
    assert [r.path.rsplit("/", 1)[1] for r in m.records()] == ["a.pdf", "c.docx", "d.txt"]
    assert m.data(m.index(0, SourcesTableModel.CHUNKS)) == "9"
    m.set_records([])
    assert m.rowCount() == 0


def test_folder_list(qtmodeltester):
    m = FolderListModel()
    m.set_folders(["/docs", "/more"], [rec("a.pdf"), rec("b.pdf", "failed"), rec("x.pdf", folder="/more")])
    qtmodeltester.check(m, force_py=True)
    assert m.rowCount() == 3
    assert "All folders" in m.data(m.index(0))
    assert "1 failed" in m.data(m.index(1))


def test_search_results(qtmodeltester):
    m = SearchResultsModel()
    m.set_results("retainer fee", ["retainer", "fee"], [Hit("/d/a.pdf", 2, 0.5, "The monthly retainer fee is due."),
                                                       Hit("/d/b.txt", None, 0.4, "Other text")])
    qtmodeltester.check(m, force_py=True)
    assert m.data(m.index(0)) == "a.pdf, page 2"
    assert m.data(m.index(1)) == "b.txt"


def test_citations(qtmodeltester):
    m = CitationListModel()
    m.set_citations([Citation(1, "/d/a.pdf", 3, "quote one"), Citation(2, "/d/b.docx", None, "two")])
    qtmodeltester.check(m, force_py=True)
    assert m.data(m.index(0)) == "[1] a.pdf · p. 3"


def test_conversations(qtmodeltester):
    m = ConversationListModel()
    m.set_conversations([ConversationInfo("a", "First", 2.0), ConversationInfo("b", "Second", 1.0)])
    qtmodeltester.check(m, force_py=True)
    m.set_conversations([ConversationInfo("b", "Second", 3.0), ConversationInfo("a", "First", 2.0)])
    assert m.row_of("b") == 0


def test_snippet_marks_matched_words():
    terms = query_terms("What is the retainer fee?")
    assert terms == ["retainer", "fee"]
    text = "Intro. " * 80 + "The monthly Retainer fees are due on the first day. " + "Outro. " * 80
    piece, spans = snippet(text, terms, width=120)
    assert any(piece[a:b].lower().startswith("retainer") for a, b in spans)
    html = highlight_html(text, terms, "#ff0")
    assert "background-color:#ff0" in html and ">Retainer<" in html and ">fees<" in html
