"""The cycle collector runs on the UI thread only (a Qt object freed by a worker thread's
collection crashes the process)."""
from __future__ import annotations

import gc
import threading
import weakref


class _Node:
    pass


def test_cycles_are_collected_on_the_ui_thread_even_when_a_worker_allocates(window, qtbot):
    from desktop import gc_guard

    assert gc_guard._installed is not None
    gc.disable()
    gc.enable()  # as spaCy's model loader does: automatic collection must stay off all the same
    where: list[str] = []

    def seen(phase, info):
        if phase == "start":
            where.append(threading.current_thread().name)

    gc.callbacks.append(seen)
    try:
        a, b = _Node(), _Node()
        a.other, b.other = b, a  # a cycle: only the collector frees it
        gone = weakref.ref(a)
        del a, b

        kept: list = []

        def allocate():
            for i in range(20_000):  # many times the first generation's threshold, kept alive
                kept.append([i])

        worker = threading.Thread(target=allocate, name="worker")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: gone() is None, timeout=5000)
    finally:
        gc.callbacks.remove(seen)
    assert where and set(where) == {threading.main_thread().name}
