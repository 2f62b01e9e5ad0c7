"""Shared test set-up: never touch the user's real home, never reach the network."""
from __future__ import annotations

import os
import socket

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_real_connect = socket.socket.connect


def _guarded_connect(self, address):
    """Tests may talk to this machine only (the download tests use a local HTTP server)."""
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and (host.startswith("127.") or host in ("localhost", "::1") or host.startswith("/")):
        return _real_connect(self, address)
    if self.family == socket.AF_UNIX:
        return _real_connect(self, address)
    raise OSError(f"network access blocked in tests: {address!r}")


#: Fixtures that hand a test a real bundled model: a test using one is a ``real`` test.
REAL_FIXTURES = {"real_embedder", "real", "backend", "smollm"}
#: What builds a real model. In a test not marked ``real`` these refuse, so the mark is
#: never missing from a test that loads one (and ``-m "not real"`` stays fast and honest).
_REAL_LOADERS = ("llama_cpp.Llama", "sentence_transformers.SentenceTransformer", "rapidocr.RapidOCR")


def pytest_collection_modifyitems(items):
    for item in items:
        if REAL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.real)


def _refuse(target: str):
    def refuse(*_a, **_k):
        raise AssertionError(f"{target} was loaded by a test not marked real; add @pytest.mark.real")

    return refuse


@pytest.fixture(autouse=True)
def _real_models_only_in_real_tests(request, monkeypatch):
    if request.node.get_closest_marker("real") is None:
        for target in _REAL_LOADERS:
            monkeypatch.setattr(target, _refuse(target))
        # the shared OCR engine a real test may have built earlier in this process
        monkeypatch.setattr("core.documents.ocr._default", None)
    yield


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("locum-home")
    monkeypatch.setenv("LOCUM_HOME", str(home))
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    # Erasing deletes the stored API key from the OS keyring: no test may reach the real one
    # (a test that needs a keyring sets a MemoryKeyring from tests/keyrings.py).
    import keyring
    from keyring.backends import null

    before = keyring.get_keyring()
    keyring.set_keyring(null.Keyring())
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")  # and no child process
    yield
    keyring.set_keyring(before)


@pytest.fixture(scope="session")
def embedder_cache(tmp_path_factory):
    """One ONNX export per test session, shared by the tests that use the real embedder."""
    return tmp_path_factory.mktemp("embedder-cache")


@pytest.fixture(scope="session")
def real_embedder(embedder_cache):
    from models.embedders import build_embedder

    # Queries go through the ONNX export as in the app (made on its first embed_documents).
    emb = build_embedder("minilm", query_cache=embedder_cache)
    # this one makes its own export (once per session), so the export itself is tested;
    # a Library in a test uses the installation's, made by set-up
    emb.installed_query_dir = None
    emb.load()
    return emb
