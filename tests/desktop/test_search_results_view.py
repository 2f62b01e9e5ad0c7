"""The hit list names each hit by its document's title, the file below it."""
from __future__ import annotations

from core.types import Hit
from desktop.item_models import SearchResultsModel
from desktop.views.search_results import SearchResultDelegate


def test_hits_show_the_document_title_whole_and_the_file(qtbot):
    m = SearchResultsModel()
    m.set_results("capex", ["capex"], [
        Hit("/r/ADOBE_2022_10K.pdf", 54, 0.9, "Purchases of property and equipment  (442)",
            title="Adobe Inc., 10-K 2022"),
        Hit("/r/notes.txt", None, 0.5, "Other text"),
    ])
    d = SearchResultDelegate()
    first = d._doc(m.index(0), 500).toPlainText()
    assert first.startswith("Adobe Inc., 10-K 2022")  # a comma in a title does not cut it
    assert "page 54" in first and "ADOBE_2022_10K.pdf" in first
    assert d._doc(m.index(1), 500).toPlainText().startswith("notes.txt")
