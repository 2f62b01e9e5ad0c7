"""Model management under a temporary home: add, list, use, refuse, memory checks, download."""
from __future__ import annotations

import argparse
import hashlib
import http.server
import io
import json
import threading
from collections import namedtuple
from pathlib import Path

import psutil
import pytest

from core.chat import manager as model_manager
from core.chat.service import ChatModels
from core.cli.models import add_models_parser, run_models
from core.errors import LocumError, ModelLoadError
from core.settings import Settings
from models import catalog
from core.chat import registry
from models.fake import FakeChat
from models.gguf import write_gguf

VM = namedtuple("VM", "total available percent used free")


def fake_gguf(path: Path, name: str = "Test Model", n_floats: int = 4096) -> Path:
    meta = {"general.architecture": "qwen2", "general.name": name, "general.file_type": 15,
            "qwen2.context_length": 32768, "qwen2.block_count": 4, "qwen2.embedding_length": 128,
            "qwen2.attention.head_count": 4, "qwen2.attention.head_count_kv": 2,
            "tokenizer.chat_template": "{% for m in messages %}{{ m.content }}{% endfor %}"}
    return write_gguf(path, meta, {"w": ((n_floats,), b"\0" * 4 * n_floats)})


@pytest.fixture
def settings(tmp_path):
    return Settings.load(tmp_path / "home")


@pytest.fixture
def plenty_of_ram(monkeypatch):
    monkeypatch.setattr(psutil, "virtual_memory", lambda: VM(64 * 2**30, 32 * 2**30, 50.0, 0, 0))


def cli(settings, *argv):
    ap = argparse.ArgumentParser()
    add_models_parser(ap.add_subparsers(dest="command"))
    out, err = io.StringIO(), io.StringIO()
    code = run_models(ap.parse_args(["models", *argv]), settings, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_add_list_use_round_trip(settings, tmp_path, plenty_of_ram):
    f = fake_gguf(tmp_path / "My-Model.Q4_K_M.gguf")
    res = model_manager.add_model(settings, f)
    assert not res.already_added and res.ram.status == "ok"
    e = res.entry
    assert e.name == "my-model.q4_k_m" and e.architecture == "qwen2" and e.quantization == "Q4_K_M"
    assert e.context_length == 32768 and e.has_chat_template and not e.tiny

    rows = model_manager.list_models(settings)
    kinds = [(r.name, r.kind) for r in rows]
    assert kinds[0] == ("smollm2-135m", "bundled") and rows[0].tiny and rows[0].active and rows[0].note
    assert ("my-model.q4_k_m", "added") in kinds
    assert {r.name for r in rows if r.kind == "recommended"} >= {"qwen2.5-3b-instruct", "phi-3.5-mini-instruct"}

    entry, ram = model_manager.use_model(settings, "my-model.q4_k_m")
    assert entry.path == str(f.resolve()) and ram.ok
    reloaded = Settings.load(settings.home)
    assert reloaded.chat_model == "my-model.q4_k_m"
    assert json.loads((settings.models_dir / "models.json").read_text())["chat"][0]["path"] == str(f.resolve())
    assert [r.name for r in model_manager.list_models(reloaded) if r.active] == ["my-model.q4_k_m"]


def test_duplicate_add_is_not_recorded_twice(settings, tmp_path, plenty_of_ram):
    f = fake_gguf(tmp_path / "m.gguf")
    first = model_manager.add_model(settings, f)
    again = model_manager.add_model(settings, tmp_path / "." / "m.gguf")
    assert again.already_added and again.entry.name == first.entry.name
    assert len(registry.list_chat_models(settings)) == 2  # bundled + one
    bundled = model_manager.add_model(settings, registry.bundled_chat_model_path())
    assert bundled.already_added and bundled.entry.name == "smollm2-135m"
    # Same stem, different file: a second, distinct name.
    (tmp_path / "other").mkdir()
    other = model_manager.add_model(settings, fake_gguf(tmp_path / "other" / "m.gguf"))
    assert other.entry.name == "m-2"


def test_bad_files_are_refused_with_a_reason(settings, tmp_path, plenty_of_ram):
    txt = tmp_path / "notes.gguf"
    txt.write_text("not a model")
    with pytest.raises(ModelLoadError, match="not a GGUF model"):
        model_manager.add_model(settings, txt)
    good = fake_gguf(tmp_path / "cut.gguf")
    good.write_bytes(good.read_bytes()[:-4000])
    with pytest.raises(ModelLoadError, match="truncated"):
        model_manager.add_model(settings, good)
    with pytest.raises(ModelLoadError, match="does not exist"):
        model_manager.add_model(settings, tmp_path / "missing.gguf")
    assert len(registry.list_chat_models(settings)) == 1
    with pytest.raises(ModelLoadError, match="no chat model called"):
        model_manager.use_model(settings, "nothing-like-this")
    with pytest.raises(ModelLoadError, match="not downloaded yet"):
        model_manager.use_model(settings, "qwen2.5-3b-instruct")


def test_ram_refusal_and_warning(settings, tmp_path, monkeypatch):
    f = fake_gguf(tmp_path / "big.gguf")
    monkeypatch.setattr(psutil, "virtual_memory", lambda: VM(8 * 2**30, 10 * 2**20, 99.0, 0, 0))
    with pytest.raises(ModelLoadError, match="only 0.0 GB is free"):
        model_manager.add_model(settings, f)
    assert len(registry.list_chat_models(settings)) == 1
    forced = model_manager.add_model(settings, f, force=True)
    assert forced.ram.status == "too_big"
    with pytest.raises(ModelLoadError, match="needs about"):
        model_manager.use_model(settings, forced.entry.name)
    assert settings.chat_model == "smollm2-135m"
    settings.chat_model = forced.entry.name
    with pytest.raises(ModelLoadError, match="needs about"):
        ChatModels(settings).prepare()

    needed = forced.ram.needed_bytes
    monkeypatch.setattr(psutil, "virtual_memory", lambda: VM(8 * 2**30, int(needed / 0.9), 50.0, 0, 0))
    entry, ram = model_manager.use_model(settings, forced.entry.name)
    assert ram.status == "tight" and "slow down" in ram.message


def test_prepare_backend(settings, plenty_of_ram):
    prepared = ChatModels(settings).prepare()
    backend = prepared.backend
    assert backend.name == "smollm2-135m" and backend.context_size == 4096 and prepared.tiny
    assert not backend.loaded  # loads on first use, not here
    assert any("very small model" in w for w in prepared.warnings)
    settings.fake_backends = True
    fake = ChatModels(settings).prepare()
    assert isinstance(fake.backend, FakeChat) and fake.warnings == [] and not fake.tiny


def test_cli_commands(settings, tmp_path, plenty_of_ram):
    code, out, err = cli(settings)
    assert code == 0 and "smollm2-135m" in out and "very small model" in out
    code, out, _ = cli(settings, "list", "--json")
    rows = json.loads(out)
    assert code == 0 and rows[0]["name"] == "smollm2-135m" and rows[0]["tiny"] is True
    code, out, _ = cli(settings, "--json")
    assert json.loads(out) == rows

    f = fake_gguf(tmp_path / "cli.gguf")
    code, out, _ = cli(settings, "add", str(f), "--name", "office", "--json")
    assert code == 0 and json.loads(out)["added"] is True and json.loads(out)["model"]["name"] == "office"
    code, out, _ = cli(settings, "add", str(f))
    assert code == 0 and "Already added as office" in out
    code, out, _ = cli(settings, "use", "office", "--json")
    assert code == 0 and json.loads(out)["using"] == "office"
    code, out, err = cli(settings, "use", "smollm2-135m")
    assert code == 0 and "very small model" in err

    bad = tmp_path / "bad.gguf"
    bad.write_text("nope")
    code, out, err = cli(settings, "add", str(bad))
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    code, _, err = cli(settings, "download", "no-such-model")
    assert code == 1 and "no recommended model" in err


class _Server(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def do_GET(self):  # noqa: N802
        body = self.server.payload
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_download_then_auto_add(settings, tmp_path, monkeypatch, plenty_of_ram):
    for var in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    payload = fake_gguf(tmp_path / "src.gguf", name="Served").read_bytes()
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Server)
    srv.payload = payload
    threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    try:
        entry = catalog.CatalogEntry(
            name="local-test", title="Local test", filename="Local-Test-Q4_K_M.gguf",
            url=f"http://127.0.0.1:{srv.server_address[1]}/f.gguf", size_bytes=len(payload) + 123,
            size_exact=False, sha256=hashlib.sha256(payload).hexdigest(), licence="MIT", ram_gb=0.1,
            context_length=32768)
        monkeypatch.setattr(catalog, "load_catalog", lambda path=None: [entry])
        gen = model_manager.download_model(settings, "local-test")
        events = []
        while True:
            try:
                events.append(next(gen))
            except StopIteration as stop:
                res = stop.value
                break
        assert events[-1].phase == "done"
        assert res.entry.name == "local-test" and res.entry.source == "downloaded"
        assert Path(res.entry.path) == settings.models_dir / "Local-Test-Q4_K_M.gguf"
        rows = {r.name: r for r in model_manager.list_models(settings)}
        assert rows["local-test"].kind == "downloaded" and rows["local-test"].licence == "MIT"
        assert all(r.kind != "recommended" for r in rows.values())
        code, out, _ = cli(settings, "download", "local-test", "--json")  # already there: verified, not fetched
        assert code == 0 and json.loads(out)["added"] is False
    finally:
        srv.shutdown()
        srv.server_close()


def test_download_refuses_a_model_bigger_than_the_machine(settings, monkeypatch):
    monkeypatch.setattr(psutil, "virtual_memory", lambda: VM(2 * 2**30, 1 * 2**30, 50.0, 0, 0))
    with pytest.raises(ModelLoadError, match="could never run here"):
        next(model_manager.download_model(settings, "phi-3.5-mini-instruct"))
    with pytest.raises(LocumError):
        next(model_manager.download_model(settings, "not-in-the-catalog"))


def test_damaged_registry_keeps_the_bundled_model(settings, tmp_path, plenty_of_ram):
    settings.models_dir.mkdir(parents=True)
    (settings.models_dir / "models.json").write_text("{not json")
    rows = model_manager.list_models(settings)
    assert rows[0].name == "smollm2-135m"
    assert (settings.models_dir / "models.json.bad").exists()
    added = model_manager.add_model(settings, fake_gguf(tmp_path / "x.gguf")).entry
    model_manager.use_model(settings, added.name)
    assert registry.remove_chat_model(settings, added.name)
    assert settings.chat_model == "smollm2-135m"  # falls back to the bundled model
    assert (tmp_path / "x.gguf").exists()  # forgetting a model never deletes the user's file


def test_moved_model_file_is_reported(settings, tmp_path, plenty_of_ram):
    f = fake_gguf(tmp_path / "gone.gguf")
    name = model_manager.add_model(settings, f).entry.name
    f.unlink()
    with pytest.raises(ModelLoadError, match="does not exist"):
        model_manager.use_model(settings, name)
    settings.chat_model = name
    with pytest.raises(ModelLoadError, match="does not exist"):
        ChatModels(settings).prepare()
    assert [r.downloaded for r in model_manager.list_models(settings) if r.name == name] == [False]
