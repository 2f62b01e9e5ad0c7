"""The downloader against a local HTTP server on 127.0.0.1: resume, drop, checksum, cancel.

No test here (or anywhere) reaches an outside address; conftest blocks it.
"""
from __future__ import annotations

import hashlib
import http.server
import re
import threading
from pathlib import Path

import pytest

from models import catalog
from models.catalog import DownloadError, download, load_catalog, part_path
from models.gguf import read_gguf, write_gguf
from tests.helpers import drive as run


def make_fake_gguf(path: Path, n_floats: int = 96 * 1024) -> bytes:
    meta = {"general.architecture": "llama", "general.name": "Download Test", "general.file_type": 15,
            "llama.context_length": 2048, "llama.block_count": 2, "llama.embedding_length": 64,
            "llama.attention.head_count": 4, "llama.attention.head_count_kv": 4}
    data = bytes(range(256)) * (n_floats * 4 // 256)
    write_gguf(path, meta, {"weights": ((n_floats,), data)})
    return path.read_bytes()


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass

    def do_GET(self):  # noqa: N802 - http.server's naming
        srv = self.server
        srv.requests.append(self.headers.get("Range"))
        body = srv.payload
        start = 0
        rng = self.headers.get("Range")
        if rng and srv.honour_range:
            m = re.fullmatch(r"bytes=(\d+)-", rng)
            start = int(m.group(1))
            if start >= len(body):
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{len(body)}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        else:
            self.send_response(200)
        self.send_header("Content-Length", str(len(body) - start))
        self.send_header("Content-Type", "application/octet-stream")
        self.end_headers()
        chunk = body[start:]
        if srv.drop_after is not None:
            # Promise the whole file, send part of it, hang up: a dropped connection.
            n, srv.drop_after = srv.drop_after, None
            self.wfile.write(chunk[:n])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(chunk)


@pytest.fixture
def server(tmp_path, monkeypatch):
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.payload = make_fake_gguf(tmp_path / "source.gguf")
    srv.requests = []
    srv.drop_after = None
    srv.honour_range = True
    srv.daemon_threads = True
    t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    t.start()
    srv.url = f"http://127.0.0.1:{srv.server_address[1]}/model.gguf"
    yield srv
    srv.shutdown()
    srv.server_close()


def test_full_download_verifies_and_renames(server, tmp_path):
    dest = tmp_path / "models" / "m.gguf"
    sha = hashlib.sha256(server.payload).hexdigest()
    events, path = run(download(server.url, dest, expected_sha256=sha, chunk=16 * 1024))
    assert path == dest and dest.read_bytes() == server.payload
    assert not part_path(dest).exists()
    phases = [e.phase for e in events]
    assert phases[0] == "connecting" and "downloading" in phases and "verifying" in phases and phases[-1] == "done"
    downloading = [e for e in events if e.phase == "downloading"]
    assert len(downloading) > 5
    assert downloading[-1].done_bytes == downloading[-1].total_bytes == len(server.payload)
    assert server.requests == [None]


def test_dropped_connection_then_resume_with_range(server, tmp_path):
    dest = tmp_path / "m.gguf"
    server.drop_after = 100_000
    with pytest.raises(DownloadError, match="dropped") as e:
        run(download(server.url, dest, chunk=8192))
    assert e.value.resumable
    part = part_path(dest)
    assert part.exists() and not dest.exists()
    assert part.stat().st_size == 100_000
    events, path = run(download(server.url, dest, chunk=8192))
    assert path.read_bytes() == server.payload
    assert server.requests == [None, "bytes=100000-"]
    assert events[0].resumed_from == 100_000
    assert not part.exists()
    assert read_gguf(path).name == "Download Test"


def test_server_ignoring_range_restarts_from_zero(server, tmp_path):
    dest = tmp_path / "m.gguf"
    part_path(dest).write_bytes(b"junk that must not survive" * 100)
    server.honour_range = False
    _, path = run(download(server.url, dest, chunk=8192))
    assert path.read_bytes() == server.payload


def test_complete_part_gets_416_and_is_verified(server, tmp_path):
    dest = tmp_path / "m.gguf"
    part_path(dest).write_bytes(server.payload)
    _, path = run(download(server.url, dest))
    assert path.read_bytes() == server.payload
    assert server.requests == [f"bytes={len(server.payload)}-"]


def test_wrong_checksum_deletes_the_file(server, tmp_path):
    dest = tmp_path / "m.gguf"
    with pytest.raises(DownloadError, match="SHA-256"):
        run(download(server.url, dest, expected_sha256="0" * 64))
    assert not dest.exists() and not part_path(dest).exists()


def test_wrong_size_is_refused_before_downloading(server, tmp_path):
    dest = tmp_path / "m.gguf"
    with pytest.raises(DownloadError, match="expected"):
        run(download(server.url, dest, expected_size=len(server.payload) + 1))
    assert not dest.exists()


def test_not_a_gguf_is_deleted(server, tmp_path):
    server.payload = b"<html>Sign in to download</html>" * 50
    dest = tmp_path / "m.gguf"
    with pytest.raises(DownloadError, match="not a complete GGUF"):
        run(download(server.url, dest))
    assert not dest.exists() and not part_path(dest).exists()


def test_cancel_leaves_the_part_for_later(server, tmp_path):
    dest = tmp_path / "m.gguf"
    gen = download(server.url, dest, chunk=8192)
    for ev in gen:
        if ev.phase == "downloading" and ev.done_bytes >= 5 * 8192:
            break
    gen.close()
    part = part_path(dest)
    assert part.exists() and 0 < part.stat().st_size < len(server.payload)
    assert not dest.exists()
    _, path = run(download(server.url, dest, chunk=8192))
    assert path.read_bytes() == server.payload
    assert server.requests[-1].startswith("bytes=")


def test_catalog_entry_download_uses_its_url(server, tmp_path):
    entry = catalog.CatalogEntry(
        name="t", title="T", filename="t.gguf", url=server.url, size_bytes=len(server.payload), size_exact=True,
        sha256=hashlib.sha256(server.payload).hexdigest(), licence="MIT", ram_gb=0.1, context_length=2048)
    _, path = run(download(entry, tmp_path / entry.filename))
    assert path.read_bytes() == server.payload


def test_unreachable_server_is_a_clear_resumable_error(tmp_path):
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    with pytest.raises(DownloadError, match="Could not reach") as e:
        run(download(f"http://127.0.0.1:{port}/x.gguf", tmp_path / "x.gguf"))
    assert e.value.resumable


def test_catalog_json_is_complete():
    entries = load_catalog()
    names = {e.name for e in entries}
    assert {"qwen2.5-1.5b-instruct", "qwen2.5-3b-instruct", "llama-3.2-3b-instruct", "phi-3.5-mini-instruct"} <= names
    assert len(names) == len(entries)
    for e in entries:
        assert e.url.startswith("https://huggingface.co/") and "/resolve/" in e.url and e.url.endswith(e.filename)
        assert e.filename.endswith(".gguf") and "Q4_K_M" in e.filename
        assert e.size_bytes > 100_000_000 and isinstance(e.size_exact, bool)
        assert e.sha256 is None or re.fullmatch(r"[0-9a-f]{64}", e.sha256)
        assert e.licence and e.ram_gb > 0 and e.context_length >= 4096
