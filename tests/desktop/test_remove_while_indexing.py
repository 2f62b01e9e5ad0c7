"""Removing a folder while it is being indexed stops the indexing, waits for it, then removes:
no "library is busy" message. A real LanceDB and manifest under tmp_path, the fake embedder
slowed down so that the removal lands in the middle of the run."""
from __future__ import annotations

from tests.desktop.conftest import wait_indexed, write_docs
from tests.desktop.test_indexing_ui import many_pdfs


def _rows(c):
    store = c.services.library.store
    return store.table.to_arrow()["path"].to_pylist() if store.exists() else []


def test_remove_folder_while_it_is_indexed(window, qtbot, tmp_path):
    w, c = window
    keep = tmp_path / "keep"
    write_docs(keep, n=2)
    w.library.add_paths([str(keep)])
    wait_indexed(qtbot, c)

    # One batch per 0.8 s, as the real embedder takes on a slow laptop: longer than the write
    # lock waits, so a removal beside the run would find the library busy.
    c.services.library.embedder.delay = 0.8
    big = tmp_path / "big"
    many_pdfs(big, 30)
    progress = []
    c.indexProgress.connect(progress.append)
    w.library.add_paths([str(big)])
    qtbot.waitUntil(lambda: any(p.stage == "indexing" and p.files_done for p in progress), timeout=30000)
    assert c.indexing
    errors, finished, removed = [], [], []
    c.errorRaised.connect(errors.append)
    c.indexFinished.connect(finished.append)
    c.sourceRemoved.connect(removed.append)
    with qtbot.waitSignals([c.indexFinished, c.sourceRemoved], order="strict", timeout=60000):
        c.remove(str(big))
    assert errors == []
    assert finished[0].cancelled
    assert 1 <= removed[0].files < 30  # the files finished before the stop, erased; the rest never written
    qtbot.waitUntil(lambda: not c._refreshing and str(big) not in c.status.folders, timeout=20000)
    assert c.status.folders == [str(keep)]
    assert {f.folder for f in c.files} == {str(keep)}
    assert all(p.startswith(str(keep)) for p in _rows(c)) and _rows(c)
    assert w.library.banner.text.text().startswith("Removed from the library: the index of")
    assert not c.indexing and not c.removing


def test_remove_while_a_sync_runs_then_the_sync_comes_back(window, qtbot, tmp_path):
    w, c = window
    a, b = tmp_path / "a", tmp_path / "b"
    many_pdfs(a, 12)
    write_docs(b, n=2)
    w.library.add_paths([str(a), str(b)])
    wait_indexed(qtbot, c)
    c.services.library.embedder.delay = 0.2
    many_pdfs(tmp_path / "a" / "more", 12)  # new files: the next sync has work to do
    errors = []
    c.errorRaised.connect(errors.append)
    progress = []
    c.indexProgress.connect(progress.append)
    c.sync()
    qtbot.waitUntil(lambda: any(p.stage == "indexing" for p in progress), timeout=30000)
    c.sync()  # the watcher asks again meanwhile: it runs after the removal
    with qtbot.waitSignals([c.indexFinished, c.sourceRemoved, c.indexStarted], order="strict", timeout=60000):
        c.remove(str(b))
    qtbot.waitUntil(lambda: not c.indexing and not c.removing, timeout=120000)
    wait_indexed(qtbot, c)
    assert errors == []
    assert c.status.folders == [str(a)]
    assert c.status.files == 24
