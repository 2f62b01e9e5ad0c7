"""End to end with the real bundled embedder, with every network call refused and recorded."""
from __future__ import annotations

import os
import socket

import pytest

from core.services import Library, run_to_end
from core.settings import Settings
from tests.core.library_helpers import make_pdf

pytestmark = pytest.mark.real


@pytest.fixture
def no_network(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args[1:] if args and isinstance(args[0], socket.socket) else args)
        raise OSError("network disabled for this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_index_and_search_offline_with_real_embedder(tmp_path, no_network):
    docs = tmp_path / "docs"
    docs.mkdir()
    make_pdf(docs / "harbour_retainer.pdf", [
        "Retainer Agreement between Harbour & Vale LLP and Mr. Tomas Lindqvist.",
        "Fees. The hourly rate for partners is 420 dollars and for associates 260 dollars.",
        "Termination. Either party may end this agreement with thirty days written notice.",
    ], title="Retainer Agreement")
    make_pdf(docs / "clinic_privacy.pdf", [
        "Northside Family Clinic privacy notice.",
        "We keep medical records for ten years after the last visit, then destroy them securely.",
    ])
    (docs / "parking.txt").write_text("Staff parking is behind the building on Elm Street.\n", encoding="utf-8")
    lib = Library(Settings.load(tmp_path / "home"))
    rep = run_to_end(lib.index([str(docs)]))
    assert rep.added == 3 and not rep.failed
    assert lib.embedder.name == "all-MiniLM-L6-v2-384"

    # a paraphrase, not the document's words: meaning search has to carry it
    hits = lib.search("how many years do you keep patient files", k=3)
    assert hits[0].path.endswith("clinic_privacy.pdf") and hits[0].page == 2
    hits = lib.search("cost per hour of a partner", k=3)
    assert hits[0].path.endswith("harbour_retainer.pdf") and hits[0].page == 2
    hits = lib.search("how to cancel the contract", k=3)
    assert (hits[0].path, hits[0].page) == (str(docs / "harbour_retainer.pdf"), 3)
    # the title and file name count: the organisation is named only in the title line
    hits = lib.search("Harbour Vale", k=1)
    assert hits[0].path.endswith("harbour_retainer.pdf")

    # queries went through a checked ONNX export: the installation's (made by set-up), or
    # one made while indexing under the home's cache (so that erasing the home removes it)
    assert lib.embedder.query_runtime == "onnx"
    from core.settings import locum_entries

    export = lib.embedder.query_export_used
    assert (export / "model.onnx").exists()
    if export != lib.embedder.installed_query_dir:
        assert export.is_relative_to(lib.settings.cache_dir)
        assert lib.settings.cache_dir in locum_entries(lib.settings.home)

    # a new process's worth of parts (no torch model loaded) answers the same, still offline
    fresh = Library(Settings.load(tmp_path / "home"))
    hits = fresh.search("how to cancel the contract", k=3)
    assert (hits[0].path, hits[0].page) == (str(docs / "harbour_retainer.pdf"), 3)
    assert fresh.embedder.query_runtime == "onnx" and fresh.embedder._st is None

    assert no_network == []
    assert os.environ.get("HF_HUB_OFFLINE") == "1" and os.environ.get("TRANSFORMERS_OFFLINE") == "1"


def test_embedders_load_and_embed_safely_from_several_threads(tmp_path):
    """transformers switches torch's process-wide default dtype while loading a bf16 model;
    a second thread loading or embedding meanwhile used to fail with a dtype mismatch."""
    from concurrent.futures import ThreadPoolExecutor

    from models.embedders import build_embedder

    lib = Library(Settings.load(tmp_path / "home"))
    with ThreadPoolExecutor(4) as pool:
        built = list(pool.map(lambda _: lib.embedder, range(4)))
    assert all(e is built[0] for e in built)

    a, b = build_embedder("minilm"), build_embedder("minilm", runtime="torch")
    texts = ["retainer fee due monthly", "records kept ten years"] * 8
    with ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(e.embed_documents, texts) for e in (a, b, a, b)]
        vecs = [f.result() for f in futures]
    assert all(v.shape == (16, 384) for v in vecs)
    assert float((vecs[0] * vecs[1]).sum(1).min()) > 0.99  # bf16 and float32 agree


def test_a_repeated_query_is_embedded_once_and_callers_cannot_spoil_the_cache(real_embedder, monkeypatch):
    first = real_embedder.embed_query("What is the monthly retainer fee?")
    monkeypatch.setattr(real_embedder, "_model", lambda: pytest.fail("the repeated query was embedded again"))
    again = real_embedder.embed_query("What is the monthly retainer fee?")
    assert (again == first).all()
    again[:] = 0  # a caller that scribbles on its vector
    assert (real_embedder.embed_query("What is the monthly retainer fee?") == first).all()
