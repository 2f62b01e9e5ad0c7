"""The Extract view's page preview draws pages in a worker: the UI thread never waits on a
page, only the page last asked for is drawn next, and a late picture never replaces the
page the user has moved on to."""
from __future__ import annotations

import threading
import time

from PySide6.QtCore import QElapsedTimer, QTimer

from core.documents.render import render_pdf_page
from core.types import Box
from desktop.page_preview import PagePreview
from tests.core.library_helpers import make_pdf

SLOW = 0.3  # seconds a page takes to draw here: a dense scan page on a slow laptop


class SlowRenderer:
    """The real PyMuPDF renderer, made as slow as a heavy page, recording what it drew where."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []
        self.threads: set[int] = set()

    def __call__(self, path, page, width):
        self.calls.append((path, page))
        self.threads.add(threading.get_ident())
        time.sleep(SLOW)
        return render_pdf_page(path, page, width)


def _pdf(tmp_path, name, n):
    return str(make_pdf(tmp_path / name, [f"{name} page {i + 1}. " + "Words on the page. " * 40 for i in range(n)]))


def test_ui_thread_never_waits_over_100ms_while_pages_are_drawn(qtbot, tmp_path):
    path = _pdf(tmp_path, "long.pdf", 8)
    render = SlowRenderer()
    pv = PagePreview(render)
    qtbot.addWidget(pv)
    pv.resize(500, 700)
    pv.show()
    qtbot.waitExposed(pv)

    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick():
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer(interval=10)
    timer.timeout.connect(tick)
    timer.start()
    # A reviewer clicks through fields on pages 1..8, faster than pages can be drawn.
    box = Box(8, 72, 72, 200, 90)
    asked = []
    for page in range(1, 9):
        boxes = (box,) if page == 8 else ()
        QTimer.singleShot(60 * page, lambda p=page, b=boxes: (asked.append(p), pv.show_field(path, p, b, "x")))
    qtbot.waitUntil(lambda: len(asked) == 8 and not pv.pending, timeout=20000)
    timer.stop()
    print(f"{len(gaps)} ticks, longest gap {max(gaps)} ms, drew {render.calls}")
    assert len(gaps) > 30
    assert max(gaps) < 100, f"longest wait between ticks: {max(gaps)} ms"
    assert threading.get_ident() not in render.threads  # drawn off the UI thread
    # The last page asked for is the one shown, with its box; pages passed over were skipped.
    assert pv.page == 8 and pv.canvas.image is not None and pv.page_label.text() == "Page 8 of 8"
    assert pv.canvas.boxes == [box] and pv.canvas.box_rects()
    assert render.calls[-1] == (path, 8) and len(render.calls) < 8
    # A page drawn before shows at once, with no worker.
    before = len(render.calls)
    pv.show_page(render.calls[0][1])
    assert not pv.pending and pv.page == render.calls[0][1] and len(render.calls) == before


def test_a_late_page_of_another_file_is_not_shown(qtbot, tmp_path):
    a, b = _pdf(tmp_path, "a.pdf", 3), _pdf(tmp_path, "b.pdf", 2)
    render = SlowRenderer()
    pv = PagePreview(render)
    qtbot.addWidget(pv)
    pv.resize(500, 700)
    pv.show()
    pv.show_field(a, 3, (Box(3, 72, 72, 100, 90),), "in a")
    # While a's page is being drawn, the reviewer moves to another document.
    pv.show_field(b, 1, (), "in b")
    assert pv.pending and not pv.canvas.boxes  # no box is drawn over a page it does not belong to
    qtbot.waitUntil(lambda: not pv.pending, timeout=10000)
    assert pv.source.path == b and pv.page == 1 and pv.page_label.text() == "Page 1 of 2"
    assert pv.canvas.image is not None and pv.canvas.boxes == []
    assert render.calls == [(a, 3), (b, 1)]


def test_a_page_that_cannot_be_drawn_says_so(qtbot, tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    pv = PagePreview(render_pdf_page)
    qtbot.addWidget(pv)
    pv.show()
    pv.show_field(str(bad), 1, (), "")
    qtbot.waitUntil(lambda: not pv.pending, timeout=10000)
    assert pv.canvas.image is None and not pv.scroller.isVisible()
    assert "cannot be shown" in pv.note.text()
