"""One worker class that drives any of core's generators off the UI thread.

Core's long jobs (indexing, answering, downloading) are generators that yield progress and
return a result. ``GeneratorWorker`` runs one in a ``QRunnable``, emits a signal per yield,
and checks an abort flag between yields; cancelling stops driving it and ``close()``s the
generator so its ``finally`` blocks run in the worker thread. A plain function is driven the
same way (it simply has nothing to yield), so short jobs such as a search or a file listing
never block the UI either.

Signals live on a separate ``QObject`` because a ``QRunnable`` is not one. ``WorkerPool``
keeps every running worker referenced (a collected runnable would take its signals with it)
and waits for them all on quit.
"""
from __future__ import annotations

import inspect
import logging
import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class WorkerSignals(QObject):
    started = Signal()
    yielded = Signal(object)
    returned = Signal(object)  # the generator's return value (or the function's result)
    errored = Signal(object)  # the exception
    aborted = Signal()
    finished = Signal()  # always last, whatever happened


class GeneratorWorker(QRunnable):
    """Drive ``func(*args, **kwargs)`` (a generator or a plain result) in a pool thread."""

    def __init__(self, func: Callable[..., Any], *args: Any, name: str = "", **kwargs: Any) -> None:
        super().__init__()
        # The pool must not delete the runnable under us: WorkerPool owns its lifetime.
        self.setAutoDelete(False)
        self.signals = WorkerSignals()
        self.name = name or getattr(func, "__name__", "work")
        self._func, self._args, self._kwargs = func, args, kwargs
        self._abort = threading.Event()
        self._done = threading.Event()

    # Connected like a QObject's signals, so callers read ``worker.yielded.connect(...)``.
    def __getattr__(self, item: str):
        if item in ("started", "yielded", "returned", "errored", "aborted", "finished"):
            return getattr(self.signals, item)
        raise AttributeError(item)

    @property
    def abort_requested(self) -> bool:
        return self._abort.is_set()

    @property
    def is_done(self) -> bool:
        return self._done.is_set()

    def quit(self) -> None:
        """Ask the worker to stop at the next yield. Safe from any thread, any number of times."""
        self._abort.set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)

    def run(self) -> None:  # runs in a pool thread
        s = self.signals
        s.started.emit()
        gen = None
        try:
            if self._abort.is_set():
                s.aborted.emit()
                return
            result = self._func(*self._args, **self._kwargs)
            if not inspect.isgenerator(result):
                s.returned.emit(result)
                return
            gen = result
            while True:
                if self._abort.is_set():
                    # close() raises GeneratorExit inside it: its finally blocks save what is done.
                    gen.close()
                    s.aborted.emit()
                    return
                try:
                    value = next(gen)
                except StopIteration as stop:
                    s.returned.emit(stop.value)
                    return
                s.yielded.emit(value)
        except Exception as e:  # reported to the UI; the worker thread must survive
            if not isinstance(e, _expected_errors()):
                log.exception("worker %s failed", self.name)
            s.errored.emit(e)
        finally:
            self._done.set()
            s.finished.emit()


def _expected_errors() -> tuple[type, ...]:
    from core.errors import LocumError

    return (LocumError,)


class WorkerPool(QObject):
    """Starts workers and keeps them referenced until they finish; waits for all on quit."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 6) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        # Most jobs wait on a model or the disk with the GIL released; two cores still serve six.
        self._pool.setMaxThreadCount(max_threads)
        self._running: set[GeneratorWorker] = set()
        self._lock = threading.Lock()

    def start(self, worker: GeneratorWorker) -> GeneratorWorker:
        with self._lock:
            self._running.add(worker)
        worker.signals.finished.connect(lambda w=worker: self._forget(w))
        self._pool.start(worker)
        return worker

    def run(self, func: Callable[..., Any], *args: Any, **kwargs: Any) -> GeneratorWorker:
        return self.start(GeneratorWorker(func, *args, **kwargs))

    def _forget(self, worker: GeneratorWorker) -> None:
        with self._lock:
            self._running.discard(worker)

    @property
    def running(self) -> list[GeneratorWorker]:
        with self._lock:
            return [w for w in self._running if not w.is_done]

    def shutdown(self, timeout: float = 30.0) -> bool:
        """Ask every worker to stop, then wait for them (their generators clean up first)."""
        workers = self.running
        for w in workers:
            w.quit()
        ok = all(w.wait(timeout) for w in workers)
        self._pool.waitForDone(int(timeout * 1000))
        return ok
