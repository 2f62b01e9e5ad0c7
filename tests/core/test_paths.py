"""Folders are matched on path parts: Windows paths (checked here with PureWindowsPath on any
machine), POSIX paths, sub-folders, and neighbours whose names only start the same."""
from __future__ import annotations

import json
from pathlib import PurePosixPath, PureWindowsPath

import numpy as np
import pytest

from core.cli.main import main
from core.library.indexer import Indexer
from core.library.manifest import Manifest
from core.library.paths import is_under, same_path
from core.library.search import Searcher, SearchFilter
from core.library.store import ChunkStore
from core.types import FileRecord
from models.fake import HashEmbedder
from tests.core.library_helpers import make_pdf

W = PureWindowsPath
ANN = r"C:\Users\Ann\Clients"
WIN_FILES = {
    rf"{ANN}\intake.pdf": ANN,
    rf"{ANN}\2024\Kovacs\retainer.pdf": ANN,
    r"C:\Users\Ann\Clients2\other.pdf": r"C:\Users\Ann\Clients2",
    r"D:\Archive\Clients\old.pdf": r"D:\Archive\Clients",
}


def test_is_under_on_parts():
    assert is_under(rf"{ANN}\2024\a.pdf", ANN, W)
    assert is_under(r"c:\users\ann\clients\a.pdf", "C:/Users/Ann/Clients", W)  # either slash, any case
    assert is_under(ANN, ANN, W)
    assert not is_under(r"C:\Users\Ann\Clients2\a.pdf", ANN, W)
    assert not is_under(r"D:\Users\Ann\Clients\a.pdf", ANN, W)
    assert is_under(r"C:\a.pdf", "C:\\", W)
    assert is_under("/home/ann/docs/x/a.pdf", "/home/ann/docs", PurePosixPath)
    assert not is_under("/home/ann/docs2/a.pdf", "/home/ann/docs", PurePosixPath)
    assert not is_under("/home/ann/Docs/a.pdf", "/home/ann/docs", PurePosixPath)
    assert same_path("C:/Users/Ann", r"c:\users\ann", W) and not same_path("/a/B", "/a/b", PurePosixPath)


def windows_manifest(tmp_path) -> Manifest:
    m = Manifest(tmp_path / "manifest.sqlite", flavour=W)
    for folder in sorted(set(WIN_FILES.values())):
        m.add_folder(folder)
    m.put_many(FileRecord(p, folder, 10, 1, "sha", "indexed", "", 1) for p, folder in WIN_FILES.items())
    return m


def test_manifest_files_under_a_windows_folder(tmp_path):
    m = windows_manifest(tmp_path)
    inside = {rf"{ANN}\intake.pdf", rf"{ANN}\2024\Kovacs\retainer.pdf"}
    assert set(m.files_under(ANN)) == inside  # sub-folders in, Clients2 out
    assert set(m.files_under("c:/users/ann/clients")) == inside
    assert set(m.files_under(rf"{ANN}\2024")) == {rf"{ANN}\2024\Kovacs\retainer.pdf"}
    assert set(m.files_under(rf"{ANN}\intake.pdf")) == {rf"{ANN}\intake.pdf"}
    assert len(m.files_under("C:\\")) == 3


def windows_store(tmp_path, emb) -> ChunkStore:
    store = ChunkStore(tmp_path / "lib", embedder_name=emb.name, dimensions=emb.dimensions)
    paths = list(WIN_FILES)
    texts = [f"Retainer terms for file {i}" for i in range(len(paths))]
    rows = {"id": [f"{p}#0" for p in paths], "path": paths, "folder": [WIN_FILES[p] for p in paths],
            "ext": ["pdf"] * len(paths), "mtime": [1] * len(paths), "page": [1] * len(paths),
            "idx": [0] * len(paths), "title": [""] * len(paths), "text": texts, "search_text": texts}
    store.add(rows, np.stack(emb.embed_documents(texts)))
    store.finish()
    return store


def test_remove_a_windows_folder_erases_its_files_and_subfolders(tmp_path):
    emb = HashEmbedder()
    m = windows_manifest(tmp_path)
    store = windows_store(tmp_path, emb)
    ix = Indexer(m, lambda: store, emb, read_document=None)
    assert ix.remove("c:/users/ann/clients") == 2
    assert set(m.all_files()) == {r"C:\Users\Ann\Clients2\other.pdf", r"D:\Archive\Clients\old.pdf"}
    assert ANN not in m.folders() and len(m.folders()) == 2
    left = store.table.to_arrow()["path"].to_pylist()
    assert sorted(left) == [r"C:\Users\Ann\Clients2\other.pdf", r"D:\Archive\Clients\old.pdf"]


@pytest.mark.parametrize("folder, expected", [
    (ANN, {rf"{ANN}\intake.pdf", rf"{ANN}\2024\Kovacs\retainer.pdf"}),
    (r"c:\users\ann\clients\2024", {rf"{ANN}\2024\Kovacs\retainer.pdf"}),  # a sub-folder, any case
    (r"C:\Users\Ann", {rf"{ANN}\intake.pdf", rf"{ANN}\2024\Kovacs\retainer.pdf", r"C:\Users\Ann\Clients2\other.pdf"}),
    (r"C:\Users\An", set()),
])
def test_folder_filter_on_windows_paths(tmp_path, folder, expected):
    emb = HashEmbedder()
    store = windows_store(tmp_path, emb)
    searcher = Searcher(store, emb)
    flt = SearchFilter(folder=folder, flavour=W)
    for mode in ("vector", "keyword"):
        assert {h.path for h in searcher.search("retainer terms", 10, flt, mode)} == expected, mode


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setenv("LOCUM_FAKE_BACKENDS", "1")


def test_cli_folder_filter_takes_subfolders(tmp_path, capsys, fake):
    docs = tmp_path / "docs"
    (docs / "2024" / "kovacs").mkdir(parents=True)
    (docs / "2024-old").mkdir()
    make_pdf(docs / "intake.pdf", ["Retainer fee for the intake file."])
    make_pdf(docs / "2024" / "kovacs" / "retainer.pdf", ["Retainer fee for Kovacs."])
    make_pdf(docs / "2024-old" / "retainer.pdf", ["Retainer fee for an old file."])
    home = str(tmp_path / "home")
    assert main(["--home", home, "index", str(docs), "--json"]) == 0
    capsys.readouterr()

    def found(folder):
        assert main(["--home", home, "search", "retainer fee", "--json", "--folder", str(folder)]) == 0
        return {h["path"] for h in json.loads(capsys.readouterr().out)}

    assert found(docs) == {str(docs / "intake.pdf"), str(docs / "2024" / "kovacs" / "retainer.pdf"),
                           str(docs / "2024-old" / "retainer.pdf")}
    assert found(docs / "2024") == {str(docs / "2024" / "kovacs" / "retainer.pdf")}
