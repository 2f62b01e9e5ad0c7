"""Build an embedder from plain arguments (the caller reads its own settings): models never import core."""
from __future__ import annotations

import os
from pathlib import Path


def build_embedder(name: str = "minilm", *, runtime: str = "auto", fake: bool = False,
                   query_cache: Path | str | None = None):
    """``query_cache``: a folder the caller owns where the ONNX export for queries is kept
    (one sub-folder per model); None embeds queries through torch always."""
    if fake:
        from models.fake import HashEmbedder

        # A per-batch delay lets crash tests kill a run part-way through; 0 otherwise.
        return HashEmbedder(delay=float(os.environ.get("LOCUM_FAKE_EMBED_DELAY", "0") or 0))
    from models.st_embedder import SentenceEmbedder, bundled_minilm_dir

    if name in ("minilm", "all-MiniLM-L6-v2"):
        folder = bundled_minilm_dir()
    else:
        folder = Path(name).expanduser()
    emb = SentenceEmbedder(folder, runtime=runtime)
    if os.environ.get("LOCUM_QUERY_ONNX") == "0":
        query_cache = None  # queries through torch (for comparisons)
    if query_cache is not None:
        from models.onnx_embedder import installed_dir

        emb.query_model_dir = Path(query_cache) / f"{emb.name}.onnx"
        # set-up's export for this installation comes first: then no home makes its own
        emb.installed_query_dir = installed_dir(emb.name)
    return emb
