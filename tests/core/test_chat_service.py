"""core.chat.service: one way to build a chat model, with checks whose messages a user can act on."""
from __future__ import annotations

import json

import psutil
import pytest

import models.base
from core.chat import registry
from core.chat.service import ChatModels, check_gguf_file
from core.errors import ModelLoadError
from core.settings import Settings
from models.base import Message, default_threads
from models.gguf import write_gguf
from tests.core.test_model_manager import VM, fake_gguf


@pytest.fixture
def settings(tmp_path):
    return Settings.load(tmp_path / "home")


@pytest.fixture
def plenty_of_ram(monkeypatch):
    monkeypatch.setattr(psutil, "virtual_memory", lambda: VM(64 * 2**30, 32 * 2**30, 50.0, 0, 0))


def _registry(settings) -> dict:
    return json.loads((settings.models_dir / "models.json").read_text())


def test_entries_are_saved_with_their_kind_and_old_ones_read_as_gguf(settings, tmp_path, plenty_of_ram):
    models = ChatModels(settings)
    models.add(fake_gguf(tmp_path / "a.gguf"), name="office")
    assert [r["kind"] for r in _registry(settings)["chat"]] == ["gguf"]

    data = _registry(settings)
    del data["chat"][0]["kind"]  # a models.json written before kinds existed
    (settings.models_dir / "models.json").write_text(json.dumps(data))
    assert registry.get_chat_model(settings, "office").kind == "gguf"
    assert registry.get_chat_model(settings, registry.BUNDLED_CHAT_NAME).kind == "gguf"


def test_a_kind_this_version_cannot_run_is_refused_by_name(settings, tmp_path, plenty_of_ram):
    models = ChatModels(settings)
    models.add(fake_gguf(tmp_path / "a.gguf"), name="office")
    data = _registry(settings)
    data["chat"][0]["kind"] = "mlx"
    (settings.models_dir / "models.json").write_text(json.dumps(data))
    with pytest.raises(ModelLoadError, match="office is of kind 'mlx'"):
        models.prepare("office")
    # Claude is built only by its own name behind the privacy gateway, never from models.json
    data["chat"][0]["kind"] = "claude"
    (settings.models_dir / "models.json").write_text(json.dumps(data))
    settings.chat_model = "office"
    with pytest.raises(ModelLoadError, match="office is of kind 'claude'"):
        models.prepare()


def test_a_file_without_a_chat_template_is_refused(settings, tmp_path, plenty_of_ram):
    meta = {"general.architecture": "qwen2", "general.name": "Base", "qwen2.context_length": 4096}
    base = write_gguf(tmp_path / "base.gguf", meta, {"w": ((16,), b"\0" * 64)})
    with pytest.raises(ModelLoadError, match="no chat template") as e:
        check_gguf_file(base)
    assert str(base) in str(e.value) and "Instruct" in e.value.action
    with pytest.raises(ModelLoadError, match="no chat template"):
        ChatModels(settings).add(base)
    assert [m.name for m in registry.list_chat_models(settings)] == [registry.BUNDLED_CHAT_NAME]


def test_unknown_name_and_missing_file_say_what_to_do(settings, tmp_path, plenty_of_ram):
    models = ChatModels(settings)
    with pytest.raises(ModelLoadError, match="no chat model called 'nope'") as e:
        models.prepare("nope")
    assert "locum models add" in e.value.action
    f = fake_gguf(tmp_path / "gone.gguf")
    models.add(f, name="gone")
    f.unlink()
    with pytest.raises(ModelLoadError, match="does not exist") as e:
        models.prepare("gone")
    assert str(f) in str(e.value)


def test_thread_rule_leaves_out_cores_other_processes_use():
    assert default_threads(physical=2, busy=0.0) == 2
    assert default_threads(physical=2, busy=0.3) == 2  # background noise is not a busy core
    assert default_threads(physical=2, busy=1.0) == 1
    assert default_threads(physical=2, busy=5.0) == 1  # never fewer than one
    assert default_threads(physical=8, busy=1.6) == 6
    assert default_threads(physical=1, busy=0.0) == 1


def test_the_backend_gets_the_thread_count_chosen_at_build_time(settings, plenty_of_ram, monkeypatch):
    monkeypatch.setattr(models.base, "physical_cores", lambda: 4)
    monkeypatch.setattr(models.base, "busy_cores", lambda interval=0.1: 1.0)
    assert ChatModels(settings).prepare().backend.n_threads == 3
    monkeypatch.setattr(models.base, "busy_cores", lambda interval=0.1: 0.0)
    assert ChatModels(settings).prepare().backend.n_threads == 4


@pytest.mark.real
def test_a_file_llama_cpp_rejects_is_a_readable_load_error(settings, tmp_path, plenty_of_ram):
    """A well-formed header over weights llama.cpp cannot use passes the checks; loading it
    must still end in a message naming the file, not llama.cpp's bare exception."""
    models = ChatModels(settings)
    f = fake_gguf(tmp_path / "hollow.gguf")
    models.add(f, name="hollow")
    prepared = models.prepare("hollow")
    with pytest.raises(ModelLoadError) as e:
        models.load(prepared)
    assert str(f) in str(e.value) and "could not be loaded" in str(e.value)


@pytest.mark.real
def test_the_bundled_model_is_built_loaded_and_answers(settings):
    models = ChatModels(settings)
    prepared = models.load(models.prepare())
    assert prepared.tiny and prepared.entry.kind == "gguf"
    assert any("very small model" in w for w in prepared.warnings)
    assert prepared.backend.loaded and 1 <= prepared.backend.n_threads <= models_physical()
    text = "".join(prepared.backend.stream([Message("user", "Say hello.")], max_tokens=8))
    assert text.strip()


def models_physical() -> int:
    return models.base.physical_cores()
