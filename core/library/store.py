"""The chunk store: one LanceDB table on disk, vectors plus a native full-text index.

This is the only module that imports lancedb. The store records which embedder built
its vectors (name and dimensions) and refuses vectors from another one.
"""
from __future__ import annotations

import json
import logging
import shutil
import threading
from datetime import timedelta
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pyarrow as pa

from core.errors import EmbedderMismatchError, LocumError
from core.fsutil import atomic_write_json

log = logging.getLogger(__name__)

TABLE = "chunks"
#: Below this many chunks an exact (flat) vector scan is fast enough and loses nothing;
#: above it an IVF index with 8-bit scalar quantization keeps search within ~tens of ms.
VECTOR_INDEX_MIN_ROWS = 40_000
META_FILE = "store.json"
LAYOUT = "layout"


def _quote(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def in_list(column: str, values: Iterable[str]) -> str:
    vals = list(values)
    return f"{column} IN ({', '.join(_quote(v) for v in vals)})" if vals else "false"


def schema(dim: int) -> pa.Schema:
    return pa.schema(
        [
            pa.field("id", pa.string()),
            pa.field("path", pa.string()),
            pa.field("folder", pa.string()),
            pa.field("ext", pa.string()),
            pa.field("mtime", pa.int64()),  # seconds since the epoch, for date filters
            pa.field("page", pa.int32()),  # 1-based, null for formats without pages
            pa.field("idx", pa.int32()),
            pa.field("title", pa.string()),
            pa.field("text", pa.string()),
            pa.field("search_text", pa.string()),  # title + text: what keyword search reads
            # The chunk's words with their boxes, packed by core.documents.locate; null for
            # formats without a layout and for rows of libraries built before it existed.
            pa.field(LAYOUT, pa.binary()),
            pa.field("vector", pa.list_(pa.float32(), dim)),
        ]
    )


def _defer_package_init(name: str) -> None:
    """Put package ``name`` in ``sys.modules`` without running its ``__init__`` until one of
    its own attributes is asked for; its submodules import as usual.

    LanceDB imports the REST client of Lance namespaces (``lance_namespace_urllib3_client``)
    for the remote catalogs Locum never uses; that package's ``__init__`` imports every API
    class of the generated client: 1.3 s of a 2.8 s ``import lancedb``, paid by every new
    ``locum search`` process. Only its ``models`` submodule is needed at import time."""
    import importlib.util
    import sys

    if name in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return
    if spec is None or spec.loader is None or spec.submodule_search_locations is None:
        return
    module = importlib.util.module_from_spec(spec)
    ran = []

    def __getattr__(attr: str):
        if not ran:  # someone wants the client itself: run the package as it was written
            ran.append(True)
            spec.loader.exec_module(module)
            return getattr(module, attr)
        raise AttributeError(f"module {name!r} has no attribute {attr!r}")

    module.__getattr__ = __getattr__
    sys.modules[name] = module


def import_lancedb():
    _defer_package_init("lance_namespace_urllib3_client")
    import lancedb

    return lancedb


class ChunkStore:
    def __init__(self, root: Path, *, embedder_name: str, dimensions: int) -> None:
        lancedb = import_lancedb()

        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.embedder_name = embedder_name
        self.dimensions = dimensions
        self._check_identity()
        self.db = lancedb.connect(str(root / "lance"))
        self._table = None
        self._fts_lock = threading.Lock()
        self._vector_indexed: bool | None = None

    # ---- identity ------------------------------------------------------------
    def _check_identity(self) -> None:
        meta = self.root / META_FILE
        if meta.exists():
            try:
                data = json.loads(meta.read_text())
            except ValueError:
                data = {}
            if data and (data.get("embedder") != self.embedder_name or data.get("dimensions") != self.dimensions):
                raise EmbedderMismatchError(
                    f"This library was built with the embedder {data.get('embedder')} "
                    f"({data.get('dimensions')} dimensions), not {self.embedder_name} ({self.dimensions}). "
                    "Vectors from two embedders cannot be mixed."
                )
        else:
            atomic_write_json(meta, {"embedder": self.embedder_name, "dimensions": self.dimensions})

    # ---- table ---------------------------------------------------------------
    @property
    def table(self):
        if self._table is None:
            if self.exists():
                try:
                    self._table = self.db.open_table(TABLE)
                except ValueError:
                    self._discard_unfinished_table()
            if self._table is None:
                self._table = self.db.create_table(TABLE, schema=schema(self.dimensions), exist_ok=True)
        return self._table

    def _discard_unfinished_table(self) -> None:
        """A process killed while creating the table leaves a folder with no committed
        version: it holds nothing (the manifest never called its files indexed), so it is
        removed and created again. A table with versions that will not open is not touched."""
        folder = self.root / "lance" / f"{TABLE}.lance"
        versions = folder / "_versions"
        if versions.exists() and any(versions.iterdir()):
            raise LocumError(
                f"The library index in {folder} cannot be opened.",
                action="Remove the library folder from Settings > Data and index your folders again.",
            )
        log.warning("removing an unfinished table left by an interrupted run: %s", folder)
        shutil.rmtree(folder, ignore_errors=True)

    def exists(self) -> bool:
        return TABLE in self.db.list_tables().tables

    def count(self) -> int:
        return self.table.count_rows() if self.exists() else 0

    def add(self, rows: dict[str, Sequence], vectors: np.ndarray) -> None:
        if vectors.shape[1] != self.dimensions:
            raise EmbedderMismatchError(
                f"Got {vectors.shape[1]}-dimensional vectors for a {self.dimensions}-dimensional library."
            )
        self._ensure_layout_column()
        n = len(vectors)
        arrays = [pa.array(rows[f.name] if f.name in rows else [None] * n, type=f.type)
                  for f in schema(self.dimensions) if f.name != "vector"]
        flat = pa.array(np.ascontiguousarray(vectors, dtype=np.float32).ravel(), type=pa.float32())
        arrays.append(pa.FixedSizeListArray.from_arrays(flat, self.dimensions))
        self.table.add(pa.Table.from_arrays(arrays, schema=schema(self.dimensions)))

    def has_layout(self) -> bool:
        return self.exists() and LAYOUT in self.table.schema.names

    def _ensure_layout_column(self) -> None:
        """A library built before words were kept gains the column, empty, on its next write:
        its old rows have no boxes (citations fall back to text search) until re-indexed."""
        if self.exists() and not self.has_layout():
            log.info("adding the %s column to an older library", LAYOUT)
            self.table.add_columns(pa.field(LAYOUT, pa.binary()))

    def delete_paths(self, paths: Iterable[str]) -> None:
        paths = list(paths)
        if not paths or not self.exists():
            return
        for i in range(0, len(paths), 500):
            self.table.delete(in_list("path", paths[i : i + 500]))

    def rows_for_path(self, path: str) -> pa.Table:
        return self.table.search().where(f"path = {_quote(path)}").limit(None).to_arrow()

    def _index_types(self) -> set[str]:
        try:
            return {str(getattr(ix, "index_type", "")).upper() for ix in self.table.list_indices()}
        except Exception:
            return set()

    def has_fts(self) -> bool:
        return bool(self._index_types() & {"FTS", "INVERTED"})

    def has_vector_index(self) -> bool:
        return any(t.startswith(("IVF", "HNSW")) for t in self._index_types())

    def finish(self, *, erase_old_versions: bool = True) -> None:
        """After a write run: build or update the keyword index, compact, drop old versions.

        Old versions are removed at once (not after LanceDB's default 7 days): text a user
        removed from the library must be gone from disk, not merely hidden.
        """
        if not self.exists():
            return
        t = self.table
        with self._fts_lock:
            if t.count_rows() and not self.has_fts():
                from lancedb.index import FTS

                t.create_index("search_text", config=FTS(stem=True, remove_stop_words=True, lower_case=True,
                                                         ascii_folding=True, with_position=False), replace=True)
        import warnings

        if not self.has_vector_index() and t.count_rows() >= VECTOR_INDEX_MIN_ROWS:
            from lancedb.index import IvfSq

            t.create_index("vector", config=IvfSq(distance_type="cosine"), replace=True)
            self._vector_indexed = True
        with warnings.catch_warnings():
            # Locum holds the write lock here and readers reopen the latest version.
            warnings.simplefilter("ignore", UserWarning)
            t.optimize(cleanup_older_than=timedelta(0) if erase_old_versions else None,
                       delete_unverified=erase_old_versions)

    # ---- search --------------------------------------------------------------
    _COLUMNS = ["id", "path", "page", "title", "text", "search_text"]

    def _columns(self) -> list[str]:
        return self._COLUMNS + [LAYOUT] if self.has_layout() else self._COLUMNS

    def vector_search(self, qvec: np.ndarray, k: int, where: str | None = None) -> list[dict]:
        if not self.exists():
            return []
        q = self.table.search(np.asarray(qvec, dtype=np.float32), vector_column_name="vector").distance_type("cosine")
        if self._vector_indexed is None:
            self._vector_indexed = self.has_vector_index()
        if self._vector_indexed:
            # enough partitions for high recall; re-rank with the full vectors
            q = q.nprobes(32).refine_factor(4)
        if where:
            q = q.where(where, prefilter=True)
        return q.select(self._columns() + ["_distance"]).limit(k).to_list()

    def keyword_search(self, text: str, k: int, where: str | None = None) -> list[dict]:
        if not self.exists() or not self.has_fts():
            return []
        q = self.table.search(text, query_type="fts", fts_columns="search_text")
        if where:
            q = q.where(where, prefilter=True)
        try:
            return q.select(self._columns() + ["_score"]).limit(k).to_list()
        except Exception as e:  # a query of only stop words or symbols: no keyword hits
            log.debug("keyword search failed for %r: %s", text, e)
            return []

    def files_on_disk(self) -> list[Path]:
        return [p for p in (self.root / "lance").rglob("*") if p.is_file()]


def open_store(root: Path, embedder_name: str, dimensions: int) -> ChunkStore:
    try:
        return ChunkStore(root, embedder_name=embedder_name, dimensions=dimensions)
    except LocumError:
        raise
    except OSError as e:
        raise LocumError(f"The library at {root} cannot be opened: {e.strerror or e}.") from e
