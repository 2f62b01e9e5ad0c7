"""The one worker class: signal order for a result, an error, a cancel; plain functions."""
from __future__ import annotations

import threading

import pytest

from core.errors import LocumError
from desktop.workers import GeneratorWorker, WorkerPool


@pytest.fixture
def pool(qapp):
    p = WorkerPool()
    yield p
    p.shutdown(10)


def test_generator_signals_in_order(qtbot, pool):
    def gen():
        yield 1
        yield 2
        return "done"

    w = GeneratorWorker(gen)
    got = []
    w.yielded.connect(got.append)
    results = []
    w.returned.connect(results.append)
    with qtbot.waitSignals([w.started, w.yielded, w.yielded, w.returned, w.finished], order="strict", timeout=5000):
        pool.start(w)
    assert got == [1, 2]
    assert results == ["done"]


def test_plain_function_returns(qtbot, pool):
    w = GeneratorWorker(lambda a, b: a + b, 2, 3)
    results = []
    w.returned.connect(results.append)
    with qtbot.waitSignals([w.started, w.returned, w.finished], order="strict", timeout=5000):
        pool.start(w)
    assert results == [5]


def test_error_is_reported_then_finished(qtbot, pool):
    def gen():
        yield 1
        raise LocumError("The library is busy.", action="Wait.")

    w = GeneratorWorker(gen)
    errors = []
    w.errored.connect(errors.append)
    with qtbot.waitSignals([w.started, w.yielded, w.errored, w.finished], order="strict", timeout=5000):
        pool.start(w)
    assert isinstance(errors[0], LocumError) and errors[0].action == "Wait."


def test_cancel_stops_between_yields_and_closes_the_generator(qtbot, pool):
    go_on = threading.Event()
    cleaned = threading.Event()
    produced = []

    def gen():
        try:
            for i in range(1000):
                produced.append(i)
                yield i
                go_on.wait(5)
        finally:
            cleaned.set()

    w = GeneratorWorker(gen)
    returned = []
    w.returned.connect(returned.append)
    with qtbot.waitSignals([w.started, w.yielded], order="strict", timeout=5000):
        pool.start(w)
    with qtbot.waitSignals([w.aborted, w.finished], order="strict", timeout=5000):
        w.quit()
        go_on.set()
    assert cleaned.is_set()  # the generator's finally ran (gen.close())
    assert returned == []
    assert len(produced) < 1000


def test_pool_waits_for_running_workers_on_shutdown(qtbot, qapp):
    pool = WorkerPool()
    cleaned = threading.Event()

    def gen():
        try:
            while True:
                yield None
                threading.Event().wait(0.01)
        finally:
            cleaned.set()

    w = GeneratorWorker(gen)
    with qtbot.waitSignal(w.yielded, timeout=5000):
        pool.start(w)
    assert pool.running == [w]
    assert pool.shutdown(10)
    assert cleaned.is_set() and w.is_done
