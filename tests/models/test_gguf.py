"""The GGUF reader on the real bundled model, on files built in code, and on damaged files."""
from __future__ import annotations

import struct

import pytest

from models.gguf import GGUFError, LongArray, read_gguf, write_gguf
from core.chat.registry import bundled_chat_model_path


@pytest.fixture(scope="module")
def smollm():
    return read_gguf(bundled_chat_model_path())


def test_bundled_model_metadata(smollm):
    assert smollm.version in (2, 3)
    assert smollm.architecture == "llama"
    assert smollm.quantization == "Q4_1"
    assert smollm.context_length == 8192
    assert smollm.chat_template and "<|im_start|>" in smollm.chat_template
    assert smollm.size_label == "135M"
    assert 130e6 < smollm.parameter_count < 140e6
    assert smollm.n_vocab == 49152
    assert isinstance(smollm.metadata["tokenizer.ggml.tokens"], LongArray)
    # The tensor table accounts for the file exactly: this is what catches truncation.
    assert smollm.data_end == smollm.file_size


def test_ram_estimate_grows_with_context(smollm):
    small, large = smollm.estimate_ram_bytes(512), smollm.estimate_ram_bytes(8192)
    assert smollm.file_size < small < large
    # llama: 30 layers x 3 KV heads x (64 + 64) dims x 2 bytes per token.
    assert smollm.kv_cache_bytes(1) == 30 * 3 * 128 * 2
    # Never estimated past the trained length.
    assert smollm.estimate_ram_bytes(100_000) == large


def test_truncated_copy_is_refused(tmp_path):
    src = bundled_chat_model_path().read_bytes()
    for keep in (len(src) - 1, len(src) // 2, 5000, 20):
        bad = tmp_path / f"cut{keep}.gguf"
        bad.write_bytes(src[:keep])
        with pytest.raises(GGUFError) as e:
            read_gguf(bad)
        assert "truncated" in e.value.reason or "too short" in e.value.reason


def test_garbage_is_refused(tmp_path):
    txt = tmp_path / "notes.gguf"
    txt.write_text("These are my notes, not a model.\n" * 10)
    with pytest.raises(GGUFError, match="not a GGUF model"):
        read_gguf(txt)
    with pytest.raises(GGUFError, match="does not exist"):
        read_gguf(tmp_path / "missing.gguf")
    empty = tmp_path / "empty.gguf"
    empty.write_bytes(b"")
    with pytest.raises(GGUFError, match="too short"):
        read_gguf(empty)


def test_header_claiming_more_than_the_file_holds(tmp_path):
    p = tmp_path / "liar.gguf"
    # A metadata string whose length field says 1 TB.
    p.write_bytes(b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 5) + b"a.key"
                  + struct.pack("<I", 8) + struct.pack("<Q", 10**12) + b"x" * 64)
    with pytest.raises(GGUFError, match="truncated"):
        read_gguf(p)
    huge = tmp_path / "huge.gguf"
    huge.write_bytes(b"GGUF" + struct.pack("<IQQ", 3, 2**40, 2**40) + b"\0" * 64)
    with pytest.raises(GGUFError, match="damaged"):
        read_gguf(huge)


def test_version_and_endianness(tmp_path):
    old = tmp_path / "v1.gguf"
    old.write_bytes(b"GGUF" + struct.pack("<I", 1) + b"\0" * 40)
    with pytest.raises(GGUFError, match="version 1"):
        read_gguf(old)
    be = tmp_path / "be.gguf"
    be.write_bytes(b"GGUF" + struct.pack(">I", 3) + b"\0" * 40)
    with pytest.raises(GGUFError, match="big-endian"):
        read_gguf(be)


def test_written_file_round_trips(tmp_path):
    meta = {
        "general.architecture": "llama", "general.name": "Tiny Test", "general.file_type": 15,
        "llama.context_length": 2048, "llama.block_count": 2, "llama.embedding_length": 64,
        "llama.attention.head_count": 4, "llama.attention.head_count_kv": 2,
        "llama.rope.freq_base": 10000.0, "tokenizer.ggml.add_bos_token": True,
        "tokenizer.ggml.tokens": [f"t{i}" for i in range(100)], "general.tags": ["a", "b"],
        "tokenizer.chat_template": "{{ messages }}",
    }
    p = write_gguf(tmp_path / "tiny.gguf", meta, {"w": ((16, 4), b"\1" * 256), "b": ((3,), b"\2" * 12)})
    info = read_gguf(p)
    assert info.quantization == "Q4_K_M"
    assert info.context_length == 2048
    assert info.parameter_count == 67
    assert info.size_label == "67"
    assert info.metadata["general.tags"] == ["a", "b"]
    assert len(info.metadata["tokenizer.ggml.tokens"]) == 100
    assert info.metadata["tokenizer.ggml.add_bos_token"] is True
    assert info.metadata["llama.rope.freq_base"] == pytest.approx(10000.0)
    assert info.summary()["has_chat_template"] is True
    assert info.kv_cache_bytes(10) == 2 * 10 * 2 * (16 + 16) * 2
    p.write_bytes(p.read_bytes()[:-21])  # the last 20 bytes are alignment padding
    with pytest.raises(GGUFError, match="truncated"):
        read_gguf(p)


def test_no_tensors_or_architecture_is_not_a_model(tmp_path):
    with pytest.raises(GGUFError, match="no tensors"):
        read_gguf(write_gguf(tmp_path / "a.gguf", {"general.architecture": "llama"}))
    with pytest.raises(GGUFError, match="architecture"):
        read_gguf(write_gguf(tmp_path / "b.gguf", {"general.name": "x"}, {"w": ((4,), b"\0" * 16)}))
    # check_data=False still reads what is there (used to show metadata of partial files).
    assert read_gguf(tmp_path / "a.gguf", check_data=False).architecture == "llama"
