"""Python's cycle collector, run on the UI thread only.

The collector runs in whichever thread happens to allocate when a threshold is crossed. When a
worker thread (reading a model list, opening the library) triggers it, a reference cycle that
holds a Qt object (a closed dialog, a finished card with its lambdas) is destroyed on that
worker thread, and Qt objects destroyed off their own thread crash the process. So while the
window runs, automatic collection is off and a timer on the UI thread collects instead, by the
same generation thresholds the interpreter would use.
"""
from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500

_installed: "MainThreadCollector | None" = None


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        # A zero first threshold turns automatic collection off in a way a library's own
        # gc.disable()/gc.enable() pair (spaCy's model loader has one) does not undo.
        gc.set_threshold(0)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        if gc.get_threshold()[0]:
            gc.set_threshold(0)  # something turned it back on
        c0, c1, c2 = gc.get_count()
        if c0 > self.threshold[0]:
            gc.collect(0)
            if c1 > self.threshold[1]:
                gc.collect(1)
                if c2 > self.threshold[2]:
                    gc.collect(2)

    def stop(self) -> None:
        self.timer.stop()
        gc.set_threshold(*self.threshold)


def install(app: QObject) -> MainThreadCollector:
    """Once per process, owned by the application object (it lives on the UI thread)."""
    global _installed
    if _installed is None:
        _installed = MainThreadCollector(app)
    return _installed
