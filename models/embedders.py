"""Build the embedder named in the settings. Plain arguments: models never import core."""
from __future__ import annotations

from pathlib import Path


def build_embedder(name: str = "minilm", *, runtime: str = "onnx-int8", cache_dir: Path | None = None,
                   fake: bool = False):
    if fake:
        from models.fake import HashEmbedder

        return HashEmbedder()
    from models.st_embedder import SentenceEmbedder, bundled_minilm_dir

    if name in ("minilm", "all-MiniLM-L6-v2"):
        folder = bundled_minilm_dir()
    else:
        folder = Path(name).expanduser()
    return SentenceEmbedder(folder, runtime=runtime, cache_dir=cache_dir)
