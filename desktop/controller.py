"""The desktop's single link to core: runs every service call in a worker and reports back.

Views never call services directly; they call this object and listen to its signals. It
holds the library's state the views share (folders, files, counts, indexing progress), the
folder watcher, and the start-up warm-up that loads LanceDB and the embedder after the
window is on screen.
"""
from __future__ import annotations

import logging
import os
import time
from typing import Any, Callable

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from core.types import IndexProgress, IndexReport, LibraryStatus
from desktop.workers import GeneratorWorker, WorkerPool

log = logging.getLogger(__name__)

WATCH_DEBOUNCE_MS = 1500  # editors save in bursts; one sync after the burst is enough
MAX_WATCHED_DIRS = 2000  # inotify watches are a shared, limited resource


class Controller(QObject):
    libraryChanged = Signal()  # folders / files / status were re-read
    indexStarted = Signal(str)  # "index" | "sync"
    indexProgress = Signal(object)  # IndexProgress
    indexFinished = Signal(object)  # IndexReport (cancelled=True when stopped)
    indexFailed = Signal(object)  # exception
    engineState = Signal(str)  # "starting" | "opening" | "idle" | "loading" | "ready" | "failed"
    modelState = Signal(str, str)  # state ("idle" | "loading" | "ready" | "failed"), detail
    errorRaised = Signal(object)  # an exception from any background job, for the window to show
    modelsChanged = Signal()  # the list of chat models (or the active one) was re-read
    sourceRemoved = Signal(object)  # core.services.Removal: a folder or file left the library, its text erased
    erased = Signal(object)  # Locum's files were erased: core.appdata.EraseReport (what went, what stayed)
    cloudChanged = Signal()  # Settings > Cloud changed the switch, a feature's mode, the key or the model

    def __init__(self, services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.pool = WorkerPool(self)
        self.status = LibraryStatus([], 0, 0, 0)
        self.files: list = []
        self.engine = "starting"
        self.model = ("idle", "")
        self.model_warnings: list[str] = []
        self.models: list = []  # core.chat.manager.ModelRow
        self.ram: dict = {}  # model name -> core.chat.manager.RamCheck
        self._index_worker: GeneratorWorker | None = None
        self._sync_again = False
        self._last_report: IndexReport | None = None
        self._refreshing = False
        self._refresh_again = False
        self._last_file_refresh = 0.0
        self._closing = False
        self._read_once = False
        self._pending_paths: list[str] = []
        self._pending_removals: list[str] = []
        self._removing = False

        from desktop.views.cloud import CloudConfirm

        # The preview before a request leaves under "ask each time", shown over the active window.
        self.cloud_confirm = CloudConfirm(QApplication.activeWindow, self)
        self._install_confirm()

        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._on_disk_changed)
        self.watcher.fileChanged.connect(self._on_disk_changed)
        self._debounce = QTimer(self, singleShot=True, interval=WATCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.sync)

    @property
    def settings(self):
        return self.services.settings

    # ---- generic ---------------------------------------------------------------
    def run(self, func: Callable[..., Any], *args: Any, on_result: Callable | None = None,
            on_error: Callable | None = None, on_yield: Callable | None = None,
            on_aborted: Callable | None = None, on_finished: Callable | None = None, name: str = "",
            **kwargs: Any) -> GeneratorWorker:
        """Run ``func`` in the pool; errors go to ``on_error`` or, by default, the window.

        Every handler is connected before the worker starts: a job that fails at once (Claude
        switched off) must still reach ``on_finished``, or its view would wait for it forever."""
        w = GeneratorWorker(func, *args, name=name, **kwargs)
        if on_result:
            w.returned.connect(on_result)
        if on_yield:
            w.yielded.connect(on_yield)
        w.errored.connect(on_error or self.errorRaised.emit)
        if on_aborted:
            w.aborted.connect(on_aborted)
        if on_finished:
            w.finished.connect(on_finished)
        return self.pool.start(w)

    # ---- start-up ----------------------------------------------------------------
    def warm_up(self) -> None:
        """After the first paint: read the library and open LanceDB, off the UI thread.

        The embedder (torch, several hundred MB) is not loaded here: an idle window stays
        small, and it loads in the background as soon as the user shows intent (focuses the
        search box, types a question, adds a folder) via ``ensure_engine``.
        """
        self.refresh()
        self.refresh_models()
        self._set_engine("opening")
        self.run(self._open_store, on_result=lambda _: self._store_open(),
                 on_error=self._engine_failed, name="open-store")

    def _open_store(self) -> None:
        # Importing LanceDB takes seconds, much of it in C holding the GIL: done now, while
        # the user looks at the window, it cannot stall the UI in the middle of indexing.
        lib = self.services.library
        lib.manifest.counts()
        lib.store

    def _store_open(self) -> None:
        if self.engine == "opening":
            self._set_engine("idle")

    _engine_full = False  # torch and the model loaded, not only what a search needs

    def ensure_engine(self, queries_only: bool = False) -> None:
        """Load, in the background, what the next step needs unless it is loaded or loading.

        A search needs only the query embedder (the checked ONNX export, no torch: a few
        hundred MB less and seconds sooner); asking (the relevance check embeds passages) and
        indexing need the full embedder, loaded then, quietly if search is already ready."""
        if self.engine == "loading" or (self.engine == "ready" and (queries_only or self._engine_full)):
            return
        if self.engine == "ready":  # search works already: load the rest without saying "loading"
            self._engine_full = True
            self.run(lambda: self._load_engine(False), on_error=self._engine_failed, name="load-engine")
            return
        self._engine_full = not queries_only
        self._set_engine("loading")
        self.run(lambda: self._load_engine(queries_only), on_result=lambda _: self._set_engine("ready"),
                 on_error=self._engine_failed, name="load-engine")

    def _load_engine(self, queries_only: bool = False) -> None:
        lib = self.services.library
        if queries_only and hasattr(lib.embedder, "embed_query"):
            lib.embedder.embed_query("warm up")  # the ONNX export when there is one, else torch
        else:
            load = getattr(lib.embedder, "load", None)
            if load:
                load()
        if lib.manifest.counts()[1]:
            lib.store
            lib.searcher

    def _set_engine(self, state: str) -> None:
        self.engine = state
        self.engineState.emit(state)

    def _engine_failed(self, exc: Exception) -> None:
        self._set_engine("failed")
        self.errorRaised.emit(exc)

    # ---- reading the library ---------------------------------------------------
    def refresh(self) -> None:
        """Re-read folders, files and counts (coalesced: one read at a time)."""
        if self._refreshing:
            self._refresh_again = True
            return
        self._refreshing = True
        self._last_file_refresh = time.monotonic()
        self.run(self._read_library, on_result=self._library_read, on_error=self._refresh_failed, name="refresh")

    def _read_library(self):
        lib = self.services.library
        status = lib.status()
        return status, lib.files(), _dirs_to_watch(status.folders)

    def _library_read(self, result) -> None:
        self._refreshing = False
        first = not self._read_once
        self._read_once = True
        self.status, self.files, dirs = result
        self._update_watches(dirs)
        self.libraryChanged.emit()
        if first and self.status.folders and not self.indexing:
            # Files may have changed while Locum was closed.
            self.sync()
        if self._refresh_again:
            self._refresh_again = False
            self.refresh()

    def _refresh_failed(self, exc: Exception) -> None:
        self._refreshing = False
        self.errorRaised.emit(exc)

    @property
    def is_empty(self) -> bool:
        return not self.status.folders

    # ---- indexing --------------------------------------------------------------
    @property
    def indexing(self) -> bool:
        return self._index_worker is not None

    @property
    def removing(self) -> bool:
        """A removal is running or waits for indexing to stop."""
        return self._removing or bool(self._pending_removals)

    def index(self, paths: list[str]) -> None:
        """Add folders or files and index them; queued behind a running sync or removal."""
        paths = [os.path.abspath(p) for p in paths if p]
        if not paths:
            return
        if self.indexing or self.removing:
            # One writer at a time: stop the sync, then index (which re-scans what it needs).
            self._pending_paths += paths
            self.cancel_index()
            return
        self._start_index(lambda: self.services.library.index(paths), "index")

    def sync(self) -> None:
        if self._closing or not self.status.folders:
            return
        if self.indexing or self.removing:
            self._sync_again = True
            return
        self._start_index(self.services.library.sync, "sync")

    def _start_index(self, make_gen: Callable, kind: str) -> None:
        w = GeneratorWorker(make_gen, name=kind)
        w.yielded.connect(self._on_progress)
        w.returned.connect(self._on_index_done)
        w.aborted.connect(lambda: self._on_index_done(None))
        w.errored.connect(self._on_index_error)
        w.finished.connect(self._on_index_finished)
        self._index_worker = w
        self.indexStarted.emit(kind)
        self.pool.start(w)
        if kind == "index":
            self.ensure_engine()

    def cancel_index(self) -> None:
        if self._index_worker is not None:
            self._index_worker.quit()

    def _on_progress(self, p: IndexProgress) -> None:
        self.indexProgress.emit(p)
        # The file table follows the run, but re-reading it per batch would be wasteful.
        if time.monotonic() - self._last_file_refresh > 2.0:
            self.refresh()

    def _on_index_done(self, report: IndexReport | None) -> None:
        if report is None:
            report = IndexReport(cancelled=True)
        self._last_report = report
        self.indexFinished.emit(report)

    def _on_index_error(self, exc: Exception) -> None:
        self.indexFailed.emit(exc)

    def _on_index_finished(self) -> None:
        self._index_worker = None
        self.refresh()
        if self._closing:
            return
        self._next_job()

    def _next_job(self) -> None:
        """Start what waited for the library's one writer: removals first, then indexing."""
        if self._pending_removals:
            removals, self._pending_removals = self._pending_removals, []
            self._start_remove(removals)
            return
        pending = self._pending_paths
        if pending:
            self._pending_paths = []
            self.index(pending)
        elif self._sync_again:
            self._sync_again = False
            self.sync()

    @property
    def last_report(self) -> IndexReport | None:
        return self._last_report

    def remove(self, path: str) -> None:
        """Take a folder or file out of the library. Indexing is stopped and waited for
        first: the library has one writer, and removing beside it would find it busy."""
        from core.library.paths import is_under

        # A folder added a moment ago and removed before its turn is simply not indexed.
        self._pending_paths = [p for p in self._pending_paths if not is_under(p, path)]
        if self.indexing or self._removing:
            if path not in self._pending_removals:
                self._pending_removals.append(path)
            self.cancel_index()  # its finish starts the removal
            return
        self._start_remove([path])

    def _start_remove(self, paths: list[str]) -> None:
        services = self.services

        def work():
            from core.services import Removal

            # A folder whose indexing was stopped before it was even added is already out.
            done = [services.remove(p, missing_ok=True) for p in paths]
            return Removal(sum(r.files for r in done), sum(r.records for r in done))

        self._removing = True
        w = GeneratorWorker(work, name="remove")
        w.returned.connect(self._on_removed)
        w.errored.connect(self.errorRaised.emit)
        w.finished.connect(self._on_remove_finished)  # connected before it starts: never missed
        self.pool.start(w)

    def _on_removed(self, removal) -> None:
        self.refresh()
        self.sourceRemoved.emit(removal)

    def _on_remove_finished(self) -> None:
        self._removing = False
        self.refresh()
        if not self._closing:
            self._next_job()

    # ---- watching --------------------------------------------------------------
    def _update_watches(self, wanted: list[str]) -> None:
        have = set(self.watcher.directories())
        keep = set(wanted)
        stale = [d for d in have if d not in keep]
        if stale:
            self.watcher.removePaths(stale)
        new = [d for d in wanted if d not in have]
        if new:
            self.watcher.addPaths(new)

    def _on_disk_changed(self, _path: str) -> None:
        if not self._closing:
            self._debounce.start()

    # ---- the chat model --------------------------------------------------------
    def refresh_models(self) -> None:
        from core.chat.manager import check_ram

        def read():
            rows = self.services.chat_models.list()
            return rows, {r.name: check_ram(r.ram_needed_bytes, r.title) for r in rows}

        self.run(read, on_result=self._models_read, name="list-models")

    def _models_read(self, result) -> None:
        rows, ram = result
        self.models, self.ram = list(rows), dict(ram)
        self.modelsChanged.emit()

    @property
    def active_model(self):
        return next((m for m in self.models if m.active), None)

    def note_model_loading(self) -> None:
        if self.model[0] != "ready":
            self._set_model("loading", "")

    def note_model_ready(self) -> None:
        if self.model[0] != "ready":
            self._set_model("ready", "")

    def ensure_model(self) -> None:
        """Load the chat model in the background (called when the user starts typing)."""
        if self.model[0] in ("loading", "ready"):
            return
        self._set_model("loading", "")
        self.run(self._load_model, on_result=self._model_loaded, on_error=self._model_failed, name="load-model")

    def _load_model(self):
        # The one backend Ask will use: checked (file, memory) and loaded here, off the UI thread.
        services = self.services
        return services.chat_models.load(services.chat).warnings

    def _model_loaded(self, warnings: list[str]) -> None:
        self.model_warnings = list(warnings or [])
        self._set_model("ready", "")

    def _model_failed(self, exc: Exception) -> None:
        self._set_model("failed", str(exc))
        self.errorRaised.emit(exc)

    def _set_model(self, state: str, detail: str) -> None:
        self.model = (state, detail)
        self.modelState.emit(state, detail)

    def model_changed(self) -> None:
        """After the user picked another model: drop the loaded one; it loads on next use."""
        prepared = self.services.__dict__.get("chat")
        backend = prepared.backend if prepared is not None else None
        self.services.reset_chat_backend()
        if backend is not None and hasattr(backend, "close"):
            self.run(backend.close, on_error=lambda e: None, name="unload-model")
        self._set_model("idle", "")
        self.refresh_models()

    # ---- the cloud -------------------------------------------------------------
    def _install_confirm(self) -> None:
        self.services.chat_models.confirm = self.cloud_confirm

    @property
    def cloud_policy(self):
        """The cloud policy as saved now (read from disk each time: off unless switched on)."""
        return self.services.cloud_policy

    def cloud_allows(self, feature: str) -> bool:
        return self.cloud_policy.allows(feature)

    def cloud_changed(self) -> None:
        self.cloudChanged.emit()

    # ---- erasing ---------------------------------------------------------------
    def erase_everything(self) -> None:
        """Stop all work, delete what Locum created under the home, and start again empty."""
        from core.appdata import erase_everything
        from core.services import Services
        from core.settings import Settings

        self._debounce.stop()
        self._sync_again = False
        self._pending_paths = []
        running = self.pool.running
        for w in running:
            w.quit()
        home = self.settings.home

        def work():
            for w in running:
                w.wait(60)
            return erase_everything(self.services)

        def done(report):
            self.services = Services(Settings.load(home))
            self._install_confirm()
            self.status = LibraryStatus([], 0, 0, 0)
            self.files = []
            self._read_once = False
            self._set_engine("idle")  # the new services load their parts on first use
            self._set_model("idle", "")
            if self.watcher.directories():
                self.watcher.removePaths(self.watcher.directories())
            self.erased.emit(report)
            self.cloudChanged.emit()  # cloud.json went with the rest: the cloud is off again
            self.libraryChanged.emit()
            self.refresh()
            self.refresh_models()

        self.run(work, on_result=done, name="erase")

    # ---- closing ---------------------------------------------------------------
    def shutdown(self, timeout: float = 60.0) -> bool:
        """Stop every job; indexing keeps the files it finished (its generator saves them)."""
        self._closing = True
        self._debounce.stop()
        self._sync_again = False
        return self.pool.shutdown(timeout)


def _dirs_to_watch(folders: list[str]) -> list[str]:
    """Every folder and sub-folder to watch (QFileSystemWatcher is not recursive).

    Walks the disk, so it runs in a worker with the rest of the library read.
    """
    wanted: list[str] = []
    for folder in folders:
        if not os.path.isdir(folder):
            continue
        wanted.append(folder)
        for dirpath, dirnames, _files in os.walk(folder):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            wanted.extend(os.path.join(dirpath, d) for d in dirnames)
            if len(wanted) >= MAX_WATCHED_DIRS:
                return wanted[:MAX_WATCHED_DIRS]
    return wanted
