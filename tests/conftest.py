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


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("locum-home")
    monkeypatch.setenv("LOCUM_HOME", str(home))
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    yield


@pytest.fixture(scope="session")
def embedder_cache(tmp_path_factory):
    """One ONNX export per test session, shared by the tests that use the real embedder."""
    return tmp_path_factory.mktemp("embedder-cache")


@pytest.fixture(scope="session")
def real_embedder(embedder_cache):
    from models.embedders import build_embedder

    emb = build_embedder("minilm")
    emb.load()
    return emb
