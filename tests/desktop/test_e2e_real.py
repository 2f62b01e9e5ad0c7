"""End to end with the real bundled models: add a folder through the window, wait for the
index, ask with SmolLM2, click a citation and land on the cited page in the PDF viewer."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.desktop.conftest import write_docs

pytestmark = pytest.mark.real




def test_add_folder_ask_and_follow_a_citation(qtbot, qapp, tmp_path, monkeypatch):
    from desktop.app import build

    monkeypatch.delenv("LOCUM_FAKE_BACKENDS", raising=False)
    docs = write_docs(tmp_path / "office", n=4, pages=2)
    w, c = build(qapp)
    qtbot.addWidget(w)
    assert not c.settings.fake_backends
    try:
        w.resize(1200, 800)
        w.show()
        qtbot.waitExposed(w)
        errs = []
        c.errorRaised.connect(lambda e: errs.append(repr(e)))
        c.indexFailed.connect(lambda e: errs.append("indexFailed " + repr(e)))
        c.warm_up()

        # Add the folder the way a user does: the button, then the folder dialog.
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(docs[0].parent))
        qtbot.mouseClick(w.library.welcome.folder_card.button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: c.indexing, timeout=10000)
        qtbot.waitUntil(lambda: not c.indexing, timeout=240000)
        assert not errs, errs  # e.g. two threads loading the embedder at once
        qtbot.waitUntil(lambda: c.status.files == len(docs), timeout=20000)
        assert c.engine == "ready"

        qtbot.mouseClick(w.nav_buttons["ask"], Qt.MouseButton.LeftButton)
        qtbot.keyClicks(w.ask.composer, "What is the monthly retainer fee?")
        qtbot.keyClick(w.ask.composer, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not w.ask.busy, timeout=240000)
        card = w.ask.last_card()
        assert card.streamed_text, f"no tokens were streamed: {card.body.text()} {card.notice.text()}"
        chips = card.chip_buttons()
        assert chips, f"no citations; answer was: {card.body.text()}"
        cited = [card.model.citation(i) for i in range(card.model.rowCount())]
        target = next(i for i, cz in enumerate(cited) if cz.path.endswith("doc00.pdf"))
        assert cited[target].page == 2

        qtbot.mouseClick(chips[target], Qt.MouseButton.LeftButton)
        assert w.viewer is not None and w.viewer.isVisible()
        qtbot.waitUntil(lambda: w.viewer.current_page() == 2, timeout=10000)
        qtbot.wait(200)
        assert w.viewer.current_page() == 2
        assert w.viewer.path.endswith("doc00.pdf")
    finally:
        c.shutdown(60)
        if w.viewer is not None:
            w.viewer.close()
        w.close()


def test_a_search_in_the_window_needs_no_torch_model(qtbot, qapp, tmp_path, monkeypatch):
    """With the checked ONNX query export, the search box loads only the query embedder:
    the sentence-transformers model (torch, several hundred MB) stays unloaded until asked."""
    from core.cli.main import main as locum
    from desktop.app import build

    monkeypatch.delenv("LOCUM_FAKE_BACKENDS", raising=False)
    docs = write_docs(tmp_path / "office", n=2, pages=1)
    assert locum(["index", str(docs[0].parent)]) == 0  # makes the export if set-up did not
    w, c = build(qapp)
    qtbot.addWidget(w)
    try:
        w.resize(1200, 800)
        w.show()
        qtbot.waitExposed(w)
        c.warm_up()
        qtbot.waitUntil(lambda: c.engine == "idle", timeout=60000)
        w.library.focus_search()
        qtbot.keyClicks(w.library.search, "monthly retainer fee")
        qtbot.waitUntil(lambda: c.engine == "ready", timeout=60000)
        qtbot.waitUntil(lambda: w.library.results.rowCount() > 0, timeout=60000)
        emb = c.services.library.embedder
        assert emb.query_runtime == "onnx" and not emb.loaded
    finally:
        c.shutdown(60)
        w.close()
