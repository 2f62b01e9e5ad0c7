"""The indexer on the fake embedder and a real LanceDB under tmp_path."""
from __future__ import annotations

import os
import time

import pytest

from core.errors import EmbedderMismatchError, LibraryBusyError, LocumError
from core.library.indexer import WriteLock
from core.library.search import SearchFilter
from core.services import Library
from core.settings import Settings

from tests.core.library_helpers import all_rows, fake_library, index, make_pdf, sync


@pytest.fixture
def docs(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    make_pdf(d / "retainer.pdf", ["Retainer agreement between Harbour Legal and Jane Doe.",
                                  "The retainer fee is 5,000 dollars payable on signing.",
                                  "Termination requires thirty days written notice."], title="Retainer Agreement")
    (d / "notes.txt").write_text("Clinic opening hours are nine to five on weekdays.\n", encoding="utf-8")
    (d / "policy.md").write_text("# Privacy policy\n\nPatient records are kept for seven years.\n", encoding="utf-8")
    return d


def test_index_search_and_pages(tmp_path, docs):
    lib = fake_library(tmp_path / "home")
    rep = index(lib, docs)
    assert (rep.added, rep.updated, rep.removed, rep.failed) == (3, 0, 0, [])
    assert rep.chunks >= 5
    st = lib.status()
    assert st.files == 3 and st.chunks == rep.chunks and st.failed == 0
    assert st.folders == [str(docs)]
    hits = lib.search("retainer fee dollars", k=3)
    assert hits[0].path == str(docs / "retainer.pdf") and hits[0].page == 2
    hits = lib.search("patient records seven years", k=1)
    assert hits[0].path == str(docs / "policy.md") and hits[0].page is None


def test_unchanged_files_cost_nothing(tmp_path, docs):
    lib = fake_library(tmp_path / "home")
    index(lib, docs)
    calls = lib.embedder.calls
    rep = sync(lib)
    assert (rep.added, rep.updated, rep.removed, rep.unchanged) == (0, 0, 0, 3)
    assert lib.embedder.calls == calls
    # touched but identical bytes: still no parsing or embedding
    os.utime(docs / "notes.txt", (time.time() + 5, time.time() + 5))
    rep = sync(lib)
    assert rep.unchanged == 3 and lib.embedder.calls == calls


def test_changed_deleted_and_moved(tmp_path, docs):
    lib = fake_library(tmp_path / "home")
    index(lib, docs)
    (docs / "notes.txt").write_text("Clinic opening hours changed to eight to four.\n", encoding="utf-8")
    rep = sync(lib)
    assert rep.updated == 1 and rep.unchanged == 2
    assert "eight to four" in lib.search("opening hours", k=1)[0].text
    assert not any("nine to five" in r[3] for r in all_rows(lib))

    calls = lib.embedder.calls
    (docs / "sub").mkdir()
    os.rename(docs / "policy.md", docs / "sub" / "privacy.md")
    rep = sync(lib)
    assert (rep.added, rep.updated, rep.removed) == (0, 1, 0)
    assert lib.embedder.calls == calls  # a move reuses the vectors
    assert lib.search("patient records", k=1)[0].path == str(docs / "sub" / "privacy.md")
    assert not any(r[0].endswith("policy.md") for r in all_rows(lib))

    os.remove(docs / "retainer.pdf")
    rep = sync(lib)
    assert rep.removed == 1
    assert not any(r[0].endswith("retainer.pdf") for r in all_rows(lib))
    assert lib.status().files == 2


def test_no_duplicates_when_indexing_twice(tmp_path, docs):
    lib = fake_library(tmp_path / "home")
    index(lib, docs)
    before = all_rows(lib)
    index(lib, docs)
    index(lib, docs / "notes.txt")
    assert all_rows(lib) == before


def test_filters(tmp_path, docs):
    lib = fake_library(tmp_path / "home")
    index(lib, docs)
    hits = lib.search("retainer clinic patient", k=10, flt=SearchFilter(file_types=("txt",)))
    assert hits and {h.path for h in hits} == {str(docs / "notes.txt")}
    hits = lib.search("retainer clinic patient", k=10, flt=SearchFilter(folder=str(docs)))
    assert len({h.path for h in hits}) == 3
    hits = lib.search("retainer", k=10, flt=SearchFilter(modified_after=time.time() + 3600))
    assert hits == []


def test_remove_erases_from_disk(tmp_path, docs):
    secret = "Zanzibarquokka"
    (docs / "secret.txt").write_text(f"The password hint is {secret} and nothing else.\n", encoding="utf-8")
    lib = fake_library(tmp_path / "home")
    index(lib, docs)
    assert lib.search(secret, k=1)[0].path.endswith("secret.txt")
    lib.remove(str(docs / "secret.txt"))
    assert not any(secret in r[3] for r in all_rows(lib))
    # no LanceDB version, data file or index file anywhere under the home still holds it
    needles = [secret.encode(), secret.lower().encode(), secret.encode("utf-16-le")]
    for p in (tmp_path / "home").rglob("*"):
        if p.is_file():
            data = p.read_bytes()
            assert not any(n in data for n in needles), f"{p} still holds the removed text"
    assert [h.path for h in lib.search(secret, k=3) if h.path.endswith("secret.txt")] == []


def test_remove_folder_and_unknown_path(tmp_path, docs):
    lib = fake_library(tmp_path / "home")
    index(lib, docs)
    assert lib.remove(str(docs)) == 3
    assert lib.status().files == 0 and lib.status().folders == []
    with pytest.raises(LocumError, match="not in the library"):
        lib.remove(str(tmp_path / "nowhere"))


def test_store_refuses_another_embedder(tmp_path, docs):
    lib = fake_library(tmp_path / "home")
    index(lib, docs)
    from models.fake import HashEmbedder

    other = Library(lib.settings, embedder=HashEmbedder(dimensions=32))
    with pytest.raises(EmbedderMismatchError, match="cannot be mixed"):
        other.search("retainer")


def test_second_writer_gets_busy_message(tmp_path, docs):
    lib = fake_library(tmp_path / "home")
    with WriteLock(lib.settings.lock_path):
        with pytest.raises(LibraryBusyError, match="busy"):
            index(lib, docs)


def test_cancel_keeps_finished_files(tmp_path):
    d = tmp_path / "many"
    d.mkdir()
    for i in range(40):
        (d / f"f{i:02}.txt").write_text(" ".join(f"word{i}x{j}" for j in range(300)), encoding="utf-8")
    lib = fake_library(tmp_path / "home")
    gen = lib.index([str(d)])
    events = [next(gen) for _ in range(8)]
    gen.close()
    assert events[0].stage == "scanning"
    done = lib.status().files
    assert 0 < done < 40
    rows = all_rows(lib)
    assert {r[0] for r in rows} == {p for p, rec in lib.manifest.all_files().items() if rec.status == "indexed"}
    rep = sync(lib)
    assert rep.added == 40 - done and lib.status().files == 40


def test_progress_events_count_up(tmp_path, docs):
    lib = fake_library(tmp_path / "home")
    gen = lib.index([str(docs)])
    evs = []
    while True:
        try:
            evs.append(next(gen))
        except StopIteration:
            break
    idx = [e for e in evs if e.stage == "indexing"]
    assert idx[-1].files_done == idx[-1].files_total == 3
    assert [e.files_done for e in idx] == sorted(e.files_done for e in idx)


def test_a_table_left_half_created_by_a_kill_is_replaced(tmp_path, docs):
    """SIGKILL during the table's creation leaves a folder with no committed version."""
    lib = fake_library(tmp_path / "home")
    folder = lib.settings.library_dir / "lance" / "chunks.lance" / "data"
    folder.mkdir(parents=True)
    (folder / "partial.lance").write_bytes(b"cut off")
    rep = index(lib, docs)
    assert rep.added == 3 and not rep.failed
    assert lib.search("retainer fee", k=1)[0].path.endswith("retainer.pdf")
