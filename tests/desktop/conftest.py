"""Desktop fixtures: a window on the offscreen platform, with fake backends unless a test
asks for the real ones, in the temporary home the top-level conftest sets up."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.core.library_helpers import make_pdf


@pytest.fixture
def fake_env(monkeypatch):
    monkeypatch.setenv("LOCUM_FAKE_BACKENDS", "1")


def _build(qapp, home=None):
    from desktop.app import build

    window, controller = build(qapp, home=home)
    return window, controller


@pytest.fixture
def make_window(qtbot, qapp, fake_env):
    """Build (and afterwards tear down) windows on the same home, like restarting the app."""
    made = []

    def make(show: bool = True, warm: bool = True):
        window, controller = _build(qapp)
        qtbot.addWidget(window)
        made.append((window, controller))
        if show:
            window.resize(1200, 800)
            window.show()
            qtbot.waitExposed(window)
        if warm:
            controller.warm_up()
            qtbot.waitUntil(lambda: controller.engine in ("idle", "ready"), timeout=60000)  # a loaded machine
        return window, controller

    yield make
    for window, controller in made:
        controller.shutdown(30)
        if window.viewer is not None:
            window.viewer.close()
        window.close()
    made.clear()
    import gc

    gc.collect()  # this test's windows and their cycles go now, on the UI thread


@pytest.fixture
def window(make_window):
    return make_window()


def write_docs(folder: Path, n: int = 3, pages: int = 2) -> list[Path]:
    """PDFs with one distinctive fact each, on their last page."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    facts = [
        "The monthly retainer fee is 2,500 dollars, payable on the first business day of each month.",
        "Patients must bring photo identification and their insurance card to the first appointment.",
        "Either party may terminate this agreement with thirty days written notice to the other.",
        "Referral letters are answered within ten working days by the intake coordinator.",
    ]
    for i in range(n):
        body = [f"Document {i} page {p + 1}. General terms about scheduling, records and office hours. "
                "Staff keep files in locked cabinets and review them every quarter." for p in range(pages - 1)]
        body.append(facts[i % len(facts)] + f" Reference number {1000 + i}.")
        out.append(make_pdf(folder / f"doc{i:02d}.pdf", body, title=f"Document {i}"))
    return out


def wait_indexed(qtbot, controller, timeout=60000):
    qtbot.waitUntil(lambda: not controller.indexing, timeout=timeout)
    qtbot.waitUntil(lambda: not controller._refreshing and controller.status.files > 0, timeout=timeout)


@pytest.fixture
def docs(tmp_path):
    return write_docs(tmp_path / "docs")


os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
