"""The llama.cpp backend on the real bundled SmolLM2 GGUF: streaming, cancel, JSON schema, tokens."""
from __future__ import annotations

import json
import shutil
import threading

import pytest

from models.base import ChatBackend, Message, complete
from models.gguf import GGUFError
from models.llama_cpp_backend import LlamaCppBackend
from core.chat.registry import bundled_chat_model_path

pytestmark = pytest.mark.real

# One thread: llama.cpp's worker threads spin at barriers, so on a busy 2-core CI box two
# threads can run 10x slower than one. The default (physical cores) is checked separately.
THREADS = 1

ASK = [Message("system", "You are a helpful assistant."), Message("user", "Write three sentences about the sea.")]


@pytest.fixture(scope="module")
def backend():
    b = LlamaCppBackend(bundled_chat_model_path(), n_ctx=2048, n_threads=THREADS)
    yield b
    b.close()


def test_protocol_and_flags(backend):
    assert isinstance(backend, ChatBackend)
    assert backend.can_stream and backend.supports_schema and backend.is_local
    assert backend.name
    from models.llama_cpp_backend import physical_cores

    assert LlamaCppBackend(bundled_chat_model_path()).n_threads == physical_cores() >= 1


def test_streams_several_pieces(backend):
    pieces = list(backend.stream(ASK, max_tokens=24))
    assert len(pieces) >= 5
    assert "".join(pieces).strip()
    assert backend.last_usage.completion_tokens >= len(pieces) - 1
    assert backend.last_usage.prompt_tokens > 10
    assert backend.last_timing["total_s"] > 0


def test_cancel_releases_the_model(backend):
    gen = backend.stream(ASK, max_tokens=200)
    got = [next(gen) for _ in range(3)]
    assert len(got) == 3
    assert backend._gen_lock.locked()
    gen.close()
    assert not backend._gen_lock.locked()
    assert backend.last_usage.completion_tokens < 20  # stopped, not run to 200
    # A second request (from another thread, as the desktop does) gets the model at once.
    out: list[str] = []
    t = threading.Thread(target=lambda: out.append(complete(backend, ASK, max_tokens=8)))
    t.start()
    t.join(timeout=60)
    assert not t.is_alive() and out and out[0].strip()


def test_json_schema_output(backend):
    schema = {
        "type": "object",
        "properties": {"name": {"type": "string"}, "age": {"type": "integer"}, "city": {"type": "string"}},
        "required": ["name", "age", "city"],
    }
    msgs = [Message("user", "Alice is 30 and lives in Paris. Reply with JSON with her name, age and city.")]
    text = complete(backend, msgs, max_tokens=80, json_schema=schema)
    data = json.loads(text)
    assert set(schema["required"]) <= set(data)
    assert isinstance(data["name"], str) and isinstance(data["age"], int) and isinstance(data["city"], str)


def test_count_tokens_without_loading_the_weights():
    b = LlamaCppBackend(bundled_chat_model_path())
    n = b.count_tokens("The quick brown fox jumps over the lazy dog.")
    assert 5 <= n <= 20
    assert not b.loaded
    assert b.count_tokens("") == 0
    assert b.count_tokens("word " * 200) >= 200
    b.close()


def test_context_is_capped_at_the_trained_length():
    b = LlamaCppBackend(bundled_chat_model_path(), n_ctx=1_000_000)
    assert b.context_size == 8192
    assert LlamaCppBackend(bundled_chat_model_path()).context_size == 4096


def test_bad_files_never_reach_llama_cpp(tmp_path):
    src = bundled_chat_model_path()
    cut = tmp_path / "cut.gguf"
    with src.open("rb") as f:
        cut.write_bytes(f.read(src.stat().st_size // 3))
    with pytest.raises(GGUFError, match="truncated"):
        LlamaCppBackend(cut)
    txt = tmp_path / "readme.gguf"
    txt.write_text("hello, I am a text file\n")
    with pytest.raises(GGUFError, match="not a GGUF model"):
        LlamaCppBackend(txt)
    with pytest.raises(GGUFError, match="does not exist"):
        LlamaCppBackend(tmp_path / "nope.gguf")


def test_file_damaged_after_construction_is_caught_before_loading(tmp_path):
    copy = tmp_path / "model.gguf"
    shutil.copyfile(bundled_chat_model_path(), copy)
    b = LlamaCppBackend(copy)
    with copy.open("r+b") as f:
        f.truncate(copy.stat().st_size - 4096)
    with pytest.raises(GGUFError, match="truncated"):
        list(b.stream(ASK, max_tokens=4))


def test_prompt_longer_than_the_context_is_a_clear_error():
    from models.llama_cpp_backend import PromptTooLongError

    b = LlamaCppBackend(bundled_chat_model_path(), n_ctx=512, n_threads=THREADS)
    long_question = [Message("user", "Tell me about the contract. " * 400)]
    assert b.count_tokens(long_question[0].content) > 512
    with pytest.raises(PromptTooLongError, match="context window"):
        list(b.stream(long_question, max_tokens=8))
    assert not b._gen_lock.locked()
    assert complete(b, ASK, max_tokens=4)  # still usable afterwards
    b.close()


def test_count_tokens_while_streaming(backend):
    gen = backend.stream(ASK, max_tokens=30)
    next(gen)
    counts: list[int] = []
    t = threading.Thread(target=lambda: counts.append(backend.count_tokens("budget this prompt please")))
    t.start()
    t.join(timeout=10)
    assert counts and counts[0] > 0  # did not wait for the generation lock
    gen.close()
