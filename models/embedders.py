"""Build an embedder from plain arguments (the caller reads its own settings): models never import core."""
from __future__ import annotations

from pathlib import Path


def build_embedder(name: str = "minilm", *, runtime: str = "auto",
                   fake: bool = False):
    if fake:
        import os

        from models.fake import HashEmbedder

        # A per-batch delay lets crash tests kill a run part-way through; 0 otherwise.
        return HashEmbedder(delay=float(os.environ.get("LOCUM_FAKE_EMBED_DELAY", "0") or 0))
    from models.st_embedder import SentenceEmbedder, bundled_minilm_dir

    if name in ("minilm", "all-MiniLM-L6-v2"):
        folder = bundled_minilm_dir()
    else:
        folder = Path(name).expanduser()
    return SentenceEmbedder(folder, runtime=runtime)
