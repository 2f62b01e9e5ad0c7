"""No document is indexed as empty without saying so: real PDFs made here, the fake embedder,
a real LanceDB under tmp_path, and the `locum` command."""
from __future__ import annotations

import functools
import json
from pathlib import Path

import pymupdf
import pytest

from core.cli.main import main
from core.documents.readers import open_document
from core.library.no_text import NO_TEXT_BLANK, NO_TEXT_OCR_OFF
from tests.core.library_helpers import all_rows, fake_library, index, sync

CHART_LINE = "Page {n} of the file. Patient reference {ref} noted in the chart."


def chart_pdfs(d: Path) -> list[Path]:
    """Three short PDFs whose pages each hold one line differing only in its page number."""
    d.mkdir(parents=True, exist_ok=True)
    paths = []
    for ref, name in (("K-4471", "kovacs.pdf"), ("M-2208", "moreau.pdf"), ("T-9315", "tanaka.pdf")):
        doc = pymupdf.open()
        for n in range(1, 4):
            doc.new_page().insert_text((72, 72), CHART_LINE.format(n=n, ref=ref), fontsize=11)
        doc.save(str(d / name))
        doc.close()
        paths.append(d / name)
    return paths


def blank_pdf(path: Path) -> Path:
    doc = pymupdf.open()
    doc.new_page()
    doc.new_page()
    doc.save(str(path))
    doc.close()
    return path


def scanned_pdf(path: Path) -> Path:
    """A page that is one picture and no text layer, as a scanner makes it."""
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 400, 400), False)
    pix.clear_with(200)
    doc = pymupdf.open()
    doc.new_page(width=400, height=400).insert_image(pymupdf.Rect(0, 0, 400, 400), pixmap=pix)
    doc.save(str(path))
    doc.close()
    return path


def test_pages_of_one_numbered_line_are_indexed_and_found(tmp_path):
    paths = chart_pdfs(tmp_path / "charts")
    lib = fake_library(tmp_path / "home")
    rep = index(lib, tmp_path / "charts")
    assert (rep.added, rep.failed, rep.warnings) == (3, [], [])
    texts = {(Path(p).name, page): text for p, page, _i, text in all_rows(lib)}
    assert texts[("moreau.pdf", 2)] == CHART_LINE.format(n=2, ref="M-2208")
    assert len(texts) == 9  # every page of every file
    hits = lib.search("Patient reference M-2208", k=3, mode="keyword")
    assert hits and Path(hits[0].path).name == "moreau.pdf"
    assert lib.status().no_text == 0
    assert {p.name for p in paths} == {Path(h.path).name for h in lib.search("noted in the chart", k=20, mode="keyword")}


def test_blank_pdf_is_added_with_a_warning(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    blank = blank_pdf(d / "blank.pdf")
    (d / "note.txt").write_text("The clinic opens at nine.", encoding="utf-8")
    lib = fake_library(tmp_path / "home")
    rep = index(lib, d)
    assert rep.added == 2 and rep.failed == []
    assert [(w.path, w.warning) for w in rep.warnings] == [(str(blank), NO_TEXT_BLANK)]
    assert rep.as_json()["warnings"] == [{"path": str(blank), "warning": NO_TEXT_BLANK}]
    st = lib.status()
    assert (st.files, st.no_text) == (2, 1)
    rec = lib.manifest.get(str(blank))
    assert (rec.status, rec.chunks, rec.error) == ("indexed", 0, NO_TEXT_BLANK)
    # An unchanged blank file is not read again, and keeps its reason.
    again = sync(lib)
    assert again.unchanged == 2 and again.warnings == []
    assert lib.manifest.get(str(blank)).error == NO_TEXT_BLANK


class _Ocr:
    def __init__(self):
        self.calls = 0

    def __call__(self, image):
        self.calls += 1
        return [(10, 10, 300, 40, "Referral for physiotherapy, patient Kovacs")]


def test_scan_with_ocr_off_says_so_and_is_read_once_ocr_is_on(tmp_path):
    d = tmp_path / "scans"
    d.mkdir()
    scan = scanned_pdf(d / "referral.pdf")
    lib = fake_library(tmp_path / "home")
    lib.settings.ocr = False
    ocr = _Ocr()
    lib.indexer.read_document = functools.partial(open_document, ocr_engine=ocr)
    rep = index(lib, d)
    assert rep.added == 1 and rep.chunks == 0 and rep.failed == []
    assert [(w.path, w.warning) for w in rep.warnings] == [(str(scan), NO_TEXT_OCR_OFF)]
    assert "OCR" in NO_TEXT_OCR_OFF and "Settings" in NO_TEXT_OCR_OFF
    assert ocr.calls == 0 and lib.status().no_text == 1

    lib.settings.ocr = True
    lib.apply_settings()
    rep = sync(lib)
    assert (rep.updated, rep.warnings, ocr.calls) == (1, [], 1)
    assert [text for _p, _pg, _i, text in all_rows(lib)] == ["Referral for physiotherapy, patient Kovacs"]
    assert lib.status().no_text == 0 and lib.manifest.get(str(scan)).error == ""


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setenv("LOCUM_FAKE_BACKENDS", "1")


def test_cli_names_files_with_no_text(tmp_path, capsys, fake, monkeypatch):
    d = tmp_path / "docs"
    chart_pdfs(d)
    blank = blank_pdf(d / "blank.pdf")
    scan = scanned_pdf(d / "scan.pdf")
    home = tmp_path / "home"
    (home).mkdir()
    (home / "settings.json").write_text(json.dumps({"ocr": False}), encoding="utf-8")

    assert main(["--home", str(home), "index", str(d), "--json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert rep["added"] == 5 and rep["failed"] == []
    assert sorted((w["path"], w["warning"]) for w in rep["warnings"]) == sorted(
        [(str(blank), NO_TEXT_BLANK), (str(scan), NO_TEXT_OCR_OFF)])

    (d / "blank2.pdf").write_bytes(blank.read_bytes())
    (d / "blank.pdf").unlink()  # moved: its reason moves with it
    assert main(["--home", str(home), "sync"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("added 0, updated 1, removed 0")

    blank_pdf(d / "another-blank.pdf")
    assert main(["--home", str(home), "sync"]) == 0
    out = capsys.readouterr().out
    assert f"warning: {d / 'another-blank.pdf'}: {NO_TEXT_BLANK}" in out.splitlines()

    assert main(["--home", str(home), "status", "--json"]) == 0
    st = json.loads(capsys.readouterr().out)
    assert (st["files"], st["no_text"]) == (6, 3)
    assert main(["--home", str(home), "status"]) == 0
    assert "3 with no text found" in capsys.readouterr().out
