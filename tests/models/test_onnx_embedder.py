"""The ONNX export that embeds queries: used only when checked against torch, torch otherwise."""
from __future__ import annotations

import json
import logging
import shutil

import numpy as np
import pytest

from models import onnx_embedder
from models.st_embedder import SentenceEmbedder, bundled_minilm_dir


def _record(folder, model_dir, **over):
    folder.mkdir(parents=True, exist_ok=True)
    rec = {"format": onnx_embedder.FORMAT, "ok": True, "min_cosine": 1.0,
           "source": onnx_embedder.source_fingerprint(model_dir),
           "onnxruntime": onnx_embedder._ort_version()}
    rec.update(over)
    (folder / onnx_embedder.CHECK_FILE).write_text(json.dumps(rec))
    return rec


def test_check_passages_are_fixed_and_include_texts_past_the_model_length():
    a, b = onnx_embedder.check_passages(), onnx_embedder.check_passages()
    assert a == b and len(a) == 300 and len(set(a)) > 250
    assert max(len(p.split()) for p in a) > 400  # past 256 word pieces: truncation is checked too


def test_no_export_means_torch(tmp_path, caplog):
    model_dir = bundled_minilm_dir()
    with caplog.at_level(logging.INFO, logger="models.onnx_embedder"):
        assert onnx_embedder.open_checked(tmp_path / "missing", model_dir, 256) is None
    assert "using torch" in caplog.text
    assert onnx_embedder.open_checked(None, model_dir, 256) is None
    assert onnx_embedder.needs_export(tmp_path / "missing", model_dir)


def test_an_export_of_other_model_files_or_another_runtime_is_not_used(tmp_path):
    model_dir = bundled_minilm_dir()
    stale = tmp_path / "stale"
    rec = _record(stale, model_dir)
    rec["source"]["model.safetensors"][0] += 1  # the weights changed since the export
    (stale / onnx_embedder.CHECK_FILE).write_text(json.dumps(rec))
    assert onnx_embedder.open_checked(stale, model_dir, 256) is None
    assert onnx_embedder.needs_export(stale, model_dir)

    other = tmp_path / "other-runtime"
    _record(other, model_dir, onnxruntime="0.0.1")
    assert onnx_embedder.open_checked(other, model_dir, 256) is None
    assert onnx_embedder.needs_export(other, model_dir)


def test_an_export_that_failed_its_check_is_not_used_nor_made_again(tmp_path):
    model_dir = bundled_minilm_dir()
    failed = tmp_path / "failed"
    _record(failed, model_dir, ok=False, min_cosine=0.97)
    assert onnx_embedder.open_checked(failed, model_dir, 256) is None
    assert not onnx_embedder.needs_export(failed, model_dir)


def test_a_damaged_export_falls_back_to_torch_with_a_warning(tmp_path, caplog):
    model_dir = bundled_minilm_dir()
    folder = tmp_path / "damaged"
    _record(folder, model_dir)
    (folder / onnx_embedder.MODEL_FILE).write_bytes(b"not an onnx graph")
    with caplog.at_level(logging.WARNING, logger="models.onnx_embedder"):
        assert onnx_embedder.open_checked(folder, model_dir, 256) is None
    assert "cannot be used" in caplog.text


# ---- with the real weights ---------------------------------------------------------------

@pytest.fixture(scope="module")
def exported(real_embedder):
    """The session's export (made by the real embedder the first time it embeds documents)."""
    real_embedder.embed_documents(["The tenant shall give ninety days' written notice."])
    folder = real_embedder.query_model_dir
    record = onnx_embedder.read_record(folder)
    assert record is not None, "the first embed_documents call made no export"
    return folder, record


@pytest.mark.real
def test_the_export_gives_the_torch_vectors_on_a_few_hundred_passages(exported, real_embedder):
    folder, record = exported
    assert record["ok"] and record["min_cosine"] >= 0.9999 and record["passages"] >= 300
    enc = onnx_embedder.open_checked(folder, real_embedder.model_dir, real_embedder.max_tokens)
    assert enc is not None
    # Passages the export check never saw: sentences of this repository's documentation, joined
    # into texts from one line to past the model's length.
    from pathlib import Path

    lines = [ln.strip() for ln in (Path(__file__).parents[2] / "docs" / "benchmarks.md").read_text().splitlines()
             if len(ln.strip()) > 20]
    passages = []
    for i in range(200):
        k = (1, 1, 2, 3, 5, 40)[i % 6]
        passages.append(" ".join(lines[(i * 7 + j) % len(lines)] for j in range(k)))
    torch_only = SentenceEmbedder(real_embedder.model_dir, runtime="torch")
    ref = np.stack([torch_only.embed_query(p) for p in passages])
    got = np.stack([enc.embed(p) for p in passages])
    assert torch_only.query_runtime == "torch"
    cos = (ref * got).sum(1)
    assert cos.min() >= 0.9999, f"worst cosine {cos.min():.6f}: {passages[int(cos.argmin())][:80]!r}"
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


@pytest.mark.real
def test_queries_use_the_export_and_a_broken_one_falls_back_to_torch(exported, real_embedder, tmp_path):
    folder, _ = exported
    emb = SentenceEmbedder(real_embedder.model_dir, runtime="torch", query_model_dir=folder)
    vec = emb.embed_query("monthly retainer fee")
    assert emb.query_runtime == "onnx" and emb._st is None  # torch never loaded for a query

    broken = tmp_path / "broken.onnx"
    shutil.copytree(folder, broken)
    (broken / onnx_embedder.MODEL_FILE).write_bytes(b"\0" * 64)
    emb2 = SentenceEmbedder(real_embedder.model_dir, runtime="torch", query_model_dir=broken)
    vec2 = emb2.embed_query("monthly retainer fee")
    assert emb2.query_runtime == "torch"
    assert float(vec @ vec2) >= 0.9999
