"""The window shows a file that gave no passage as "No text found", with the reason."""
from __future__ import annotations

import json
import os
from pathlib import Path

from core.library.no_text import NO_TEXT_BLANK, NO_TEXT_OCR_OFF
from desktop.item_models import SourcesTableModel
from tests.core.test_no_text import blank_pdf, chart_pdfs, scanned_pdf
from tests.desktop.conftest import wait_indexed


def test_files_with_no_text_are_shown_as_such(window, qtbot, tmp_path):
    w, c = window
    c.settings.ocr = False
    c.services.library.apply_settings()
    folder = tmp_path / "charts"
    chart_pdfs(folder)
    blank_pdf(folder / "blank.pdf")
    scanned_pdf(folder / "scan.pdf")
    w.library.add_paths([str(folder)])
    wait_indexed(qtbot, c)
    qtbot.waitUntil(lambda: len(c.files) == 5 and not c._refreshing, timeout=20000)
    m = w.library.files
    rows = {Path(m.record(r).path).name: r for r in range(m.rowCount())}
    status = {name: m.data(m.index(r, SourcesTableModel.STATUS)) for name, r in rows.items()}
    assert status == {"kovacs.pdf": "Indexed", "moreau.pdf": "Indexed", "tanaka.pdf": "Indexed",
                      "blank.pdf": "No text found", "scan.pdf": "No text found"}
    tip = m.data(m.index(rows["scan.pdf"], SourcesTableModel.STATUS), 3)  # ToolTipRole
    assert NO_TEXT_OCR_OFF in tip
    assert NO_TEXT_BLANK in m.data(m.index(rows["blank.pdf"], SourcesTableModel.NAME), 3)
    assert m.data(m.index(rows["blank.pdf"], SourcesTableModel.CHUNKS)) == "0"
    banner = w.library.banner.text.text()
    assert w.library.banner.isVisible() and "No text found in 2 files" in banner
    assert "blank.pdf" in banner and "scan.pdf" in banner
    assert "2 with no text found" in w.library.header.subtitle.text()
    assert "2 no text" in w.library.folders.data(w.library.folders.index(1))
    shot = os.environ.get("LOCUM_SCREENSHOT_DIR")
    if shot:
        w.grab().save(str(Path(shot) / "library-no-text.png"))
