"""Small builders shared by the library tests."""
from __future__ import annotations

from pathlib import Path

import pymupdf

from core.services import Library, run_to_end
from core.settings import Settings


def make_pdf(path: Path, pages: list[str], title: str = "") -> Path:
    doc = pymupdf.open()
    for text in pages:
        page = doc.new_page()
        page.insert_textbox(pymupdf.Rect(72, 72, 540, 770), text, fontsize=11)
    if title:
        doc.set_metadata({"title": title})
    doc.save(str(path))
    doc.close()
    return path


def fake_library(home: Path) -> Library:
    s = Settings.load(home)
    s.fake_backends = True
    return Library(s)


def index(lib: Library, *paths) -> "IndexReport":
    return run_to_end(lib.index([str(p) for p in paths]))


def sync(lib: Library):
    return run_to_end(lib.sync())


def all_rows(lib: Library) -> list[tuple]:
    if not lib.store.exists():
        return []
    t = lib.store.table.to_arrow()
    return sorted(zip(t["path"].to_pylist(), t["page"].to_pylist(), t["idx"].to_pylist(), t["text"].to_pylist()))
