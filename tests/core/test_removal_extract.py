"""Removing a folder or file also erases its extraction results (values, sources, the
reviewer's edits) from every file under the home; other documents' results stay."""
from __future__ import annotations

import json

import pymupdf
import pytest

from core.cli.main import main
from core.forms.store import ResultsStore
from core.services import Services, run_to_end
from core.settings import Settings
from tests.core.test_removal import bytes_holding

SECRET = "Quillback Boathouse Trust"
EDIT = "Quillback Harbour Board"
KEPT = "Marlow Ferry Company"


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setenv("LOCUM_FAKE_BACKENDS", "1")


def _invoice(path, supplier):
    doc = pymupdf.open()
    page = doc.new_page()
    for i, (lab, value) in enumerate([("Invoice number:", "INV-77"), ("Supplier:", supplier),
                                      ("Total:", "£42.00")]):
        page.insert_text((72, 100 + 22 * i), lab, fontsize=11)
        page.insert_text((200, 100 + 22 * i), value, fontsize=11)
    doc.save(path)
    doc.close()
    return path


def test_remove_erases_extraction_results_and_edits(tmp_path, fake, capsys):
    docs = tmp_path / "docs"
    (docs / "boathouse").mkdir(parents=True)
    gone = _invoice(docs / "boathouse" / "inv.pdf", SECRET)
    kept = _invoice(docs / "ferry.pdf", KEPT)
    home = tmp_path / "home"
    services = Services(Settings.load(home))
    run_to_end(services.library.index([str(docs)]))
    for p in (gone, kept):
        stored = run_to_end(services.forms.extract(str(p), "invoice"))
        assert stored.result.fields["supplier_name"].value in (SECRET, KEPT)
    first = services.forms.results()[0]
    services.forms.store.set_value(first.id, "customer_name", EDIT)
    services.close()
    assert bytes_holding(home, SECRET) and bytes_holding(home, EDIT)  # the test can see them before

    assert main(["--home", str(home), "remove", str(docs / "boathouse"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["records_erased"] >= 1
    assert bytes_holding(home, SECRET) == []
    assert bytes_holding(home, EDIT) == []
    left = ResultsStore(Settings.load(home).extract_path).list()
    assert [r.result.file for r in left] == [str(kept)]
    assert left[0].result.fields["supplier_name"].value == KEPT
