"""The facade the desktop and the CLI call. Built once from settings; holds no UI.

Heavy parts (LanceDB, the embedder, llama.cpp) are created on first use, so the CLI's
``status`` and a re-scan of unchanged folders never pay for them.
"""
from __future__ import annotations

import os
import threading
from functools import cached_property
from typing import Generator

from core.library.manifest import Manifest
from core.library.search import FusionParams, Searcher, SearchFilter
from core.settings import Settings
from core.types import FileRecord, Hit, IndexProgress, IndexReport, LibraryStatus


class Library:
    def __init__(self, settings: Settings, *, embedder=None) -> None:
        self.settings = settings
        settings.home.mkdir(parents=True, exist_ok=True)
        self._embedder = embedder
        self._embedder_lock = threading.Lock()

    # ---- parts, built lazily --------------------------------------------------
    @cached_property
    def manifest(self) -> Manifest:
        return Manifest(self.settings.manifest_path)

    @property
    def embedder(self):
        # Built once even when the UI's warm-up and an index run ask at the same moment.
        with self._embedder_lock:
            if self._embedder is None:
                self._embedder = self._build_embedder()
            return self._embedder

    def _build_embedder(self):
        from models.embedders import build_embedder

        return build_embedder(self.settings.embedder, runtime=self.settings.embedder_runtime,
                              fake=self.settings.fake_backends)

    @cached_property
    def store(self):
        from core.library.store import open_store

        return open_store(self.settings.library_dir, self.embedder.name, self.embedder.dimensions)

    @cached_property
    def indexer(self):
        from core.library.indexer import Indexer
        from core.documents.readers import open_document

        return Indexer(self.manifest, lambda: self.store, self.embedder, read_document=open_document,
                       exclude=list(self.settings.exclude), ocr=self.settings.ocr, lock_path=self.settings.lock_path)

    @cached_property
    def searcher(self) -> Searcher:
        return Searcher(self.store, self.embedder, FusionParams())

    def apply_settings(self) -> None:
        """Changed exclude patterns or OCR choice count from the next sync on. An indexer
        already built keeps its store and embedder and takes the new values."""
        indexer = self.__dict__.get("indexer")
        if indexer is not None:
            indexer.exclude = list(self.settings.exclude)
            indexer.ocr = bool(self.settings.ocr)

    def close(self) -> None:
        """Let go of open files (SQLite, LanceDB) so the home can be deleted; parts are
        built again on next use."""
        manifest = self.__dict__.pop("manifest", None)
        if manifest is not None:
            try:
                manifest.close()
            except Exception:  # already closed or half-built: nothing more to release
                pass
        for name in ("store", "indexer", "searcher"):
            self.__dict__.pop(name, None)

    # ---- operations -----------------------------------------------------------
    def index(self, paths: list[str]) -> Generator[IndexProgress, None, IndexReport]:
        return self.indexer.sync([os.path.abspath(p) for p in paths], add=True)

    def sync(self) -> Generator[IndexProgress, None, IndexReport]:
        return self.indexer.sync(None)

    def remove(self, path: str) -> int:
        return self.indexer.remove(path)

    def status(self) -> LibraryStatus:
        files, chunks, failed = self.manifest.counts()
        return LibraryStatus(self.manifest.folders(), files, chunks, failed)

    def files(self) -> list[FileRecord]:
        return sorted(self.manifest.all_files().values(), key=lambda r: r.path)

    def search(self, query: str, k: int = 10, flt: SearchFilter | None = None, mode: str = "hybrid") -> list[Hit]:
        if not self.manifest.counts()[1]:
            return []
        return self.searcher.search(query, k, flt, mode)


def run_to_end(gen):
    """Drive a progress generator to its end and return its result."""
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value


class Services:
    """Everything the desktop needs, built once in the composition root from settings.

    Parts are created on first use: building this object imports no model runtime, so the
    window can appear before torch, LanceDB or llama.cpp load.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.library = Library(settings)

    @cached_property
    def chat_backend(self):
        from core.chat.registry import build_chat_backend

        return build_chat_backend(self.settings)

    @cached_property
    def conversations(self):
        """The one conversation store of this process (desktop views and Ask share it)."""
        from core.ask.conversations import ConversationStore

        return ConversationStore(self.settings.records_path)

    @cached_property
    def assistant(self):
        from core.ask.answering import Assistant

        return Assistant.from_services(self)

    def close(self) -> None:
        """Release everything that holds files under the home (before erasing it)."""
        self.library.close()
        backend = self.__dict__.get("chat_backend")
        close = getattr(backend, "close", None)
        if close:
            try:
                close()
            except Exception:  # a half-loaded model: nothing more to release
                pass
        self.reset_chat_backend()
        self.__dict__.pop("conversations", None)

    def reset_chat_backend(self) -> None:
        """Forget the loaded chat model (after the user picks another one)."""
        self.__dict__.pop("chat_backend", None)
        self.__dict__.pop("assistant", None)
