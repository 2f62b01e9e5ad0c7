"""A page of a document as a picture, with a field's source words highlighted from their boxes.

PDF pages are rendered by core (PyMuPDF draws filled form fields, which Qt's PDF module
leaves out); pictures are read with QImageReader (EXIF turns applied, very large photos
decoded at a reduced size). Boxes come from the page model: PDF points for a PDF, the
picture's pixels for an image, so one scale per page maps them onto the rendered picture.

Drawing a page takes 50-500 ms (a dense PDF page, a large photo), so it never happens on the
UI thread: the preview asks a worker for the page and shows it when it arrives. Only the
page last asked for is drawn next (clicking through ten fields does not queue ten pages),
and a picture that arrives for a page no longer wanted is kept in the cache, not shown.
"""
from __future__ import annotations

import logging
import os
import threading
from typing import Callable, NamedTuple

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from desktop import theme
from desktop.textutil import file_name
from desktop.widgets import label, tool_button

log = logging.getLogger(__name__)

RENDER_WIDTH = 1100  # pixels a page is rendered at; painted scaled to the pane
MAX_PICTURE_PIXELS = 16_000_000  # larger photos are decoded at a reduced size
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"}


class Rendered(NamedTuple):
    image: QImage
    units: tuple[float, float]  # the page in box units (PDF points, or the picture's pixels)
    page_count: int


class PageSource:
    """Renders pages of one file; ``render(page)`` -> ``Rendered`` or None. Safe to call from
    a worker thread (it builds QImages only, never pixmaps or widgets).

    PDF pages come from ``render_pdf(path, page, width)`` (core's renderer, which draws
    filled form fields); pictures are read here with Qt.
    """

    def __init__(self, path: str, render_pdf: Callable | None = None) -> None:
        self.path = path
        ext = os.path.splitext(path)[1].lower()
        self.kind = "pdf" if ext == ".pdf" and render_pdf else "image" if ext in IMAGE_SUFFIXES else "none"
        self._render_pdf = render_pdf
        self._count: int | None = None if self.kind != "none" else 0
        self._cache: dict[int, Rendered | None] = {}
        self._lock = threading.Lock()

    @property
    def page_count(self) -> int | None:
        """Pages in the file, or None while no page has been drawn yet."""
        return self._count

    def cached(self, page: int) -> tuple[bool, Rendered | None]:
        with self._lock:
            return (page in self._cache), self._cache.get(page)

    def render(self, page: int) -> Rendered | None:
        page = max(1, page)
        hit, got = self.cached(page)
        if hit:
            return got
        got = self._render(page)
        with self._lock:
            self._cache[page] = got
            if got is not None:
                self._count = got.page_count
            elif self._count is None:
                self._count = 0
        return got

    def _render(self, page: int) -> Rendered | None:
        if self.kind == "pdf":
            try:
                got = self._render_pdf(self.path, page, RENDER_WIDTH)
            except Exception:  # noqa: BLE001 - a page that cannot be drawn leaves the note, not a crash
                log.warning("could not render page %s of %s", page, self.path, exc_info=True)
                return None
            # Converted here, in the worker: painting any other format converts it on every paint.
            img = QImage(got.samples, got.width, got.height, got.stride,
                         QImage.Format.Format_RGB888).convertToFormat(QImage.Format.Format_RGB32)
            return Rendered(img, tuple(got.size), got.page_count) if not img.isNull() else None
        if self.kind == "image":
            reader = QImageReader(self.path)
            reader.setAutoTransform(True)
            count = max(1, reader.imageCount())
            if page > 1 and not reader.jumpToImage(page - 1):
                return None
            full = reader.size()
            w, h = full.width(), full.height()
            if w * h > MAX_PICTURE_PIXELS:
                k = (MAX_PICTURE_PIXELS / (w * h)) ** 0.5
                reader.setScaledSize(QSize(max(1, round(w * k)), max(1, round(h * k))))
            img = reader.read()
            if img.isNull():
                return None
            img = img.convertToFormat(QImage.Format.Format_RGB32)
            # An EXIF turn swaps the sides; the boxes are in the turned picture's pixels.
            if (img.width() > img.height()) != (w > h) and w != h:
                w, h = h, w
            return Rendered(img, (float(w), float(h)), count)
        return None

    def close(self) -> None:
        with self._lock:
            self._cache.clear()


class _PageCanvas(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.image: QImage | None = None
        self.units = (1.0, 1.0)
        self.boxes: list = []
        self._scaled: tuple[int, QSize, QImage] | None = None  # (image key, size, picture at that size)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def _picture(self) -> QImage:
        """The page scaled to this widget once per size, not smoothly rescaled on every paint."""
        key, size = self.image.cacheKey(), self.size()
        if self._scaled is None or self._scaled[0] != key or self._scaled[1] != size:
            pic = self.image.scaled(size, Qt.AspectRatioMode.IgnoreAspectRatio,
                                    Qt.TransformationMode.SmoothTransformation)
            self._scaled = (key, QSize(size), pic)
        return self._scaled[2]

    def aspect(self) -> float:
        if self.image is None or self.image.width() == 0:
            return 1.3
        return self.image.height() / self.image.width()

    def box_rects(self) -> list[QRectF]:
        """The boxes in this widget's coordinates."""
        if self.image is None:
            return []
        sx = self.width() / max(1e-6, self.units[0])
        sy = self.height() / max(1e-6, self.units[1])
        return [QRectF(b.x0 * sx - 2, b.y0 * sy - 2, (b.x1 - b.x0) * sx + 4, (b.y1 - b.y0) * sy + 4)
                for b in self.boxes]

    def paintEvent(self, _e) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#ffffff"))
        if self.image is not None and not self.image.isNull() and self.width() > 0 and self.height() > 0:
            p.drawImage(0, 0, self._picture())
        t = theme.tokens()
        mark = QColor(t.highlight_mark)
        mark.setAlpha(110)
        p.setPen(QPen(QColor(t.accent), 2))
        for r in self.box_rects():
            p.fillRect(r, mark)
            p.drawRect(r)
        p.end()


class _Scroller(QScrollArea):
    def __init__(self, canvas: _PageCanvas) -> None:
        super().__init__()
        self.canvas = canvas
        self.setWidget(canvas)
        self.setWidgetResizable(False)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setFrameShape(QFrame.Shape.NoFrame)

    def fit(self) -> None:
        w = max(50, self.viewport().width())
        self.canvas.setFixedSize(w, round(w * self.canvas.aspect()))

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        self.fit()


class PagePreview(QWidget):
    """The preview pane: file and page, the page picture, the highlighted source words.

    ``run(func, *args, on_result=..., on_error=...)`` runs the drawing off the UI thread (the
    window passes its worker pool's); without one the preview keeps a one-thread pool.
    """

    pageShown = Signal(int)  # a page's picture is on screen (tests and screenshots wait on it)

    def __init__(self, render_pdf: Callable | None = None, parent: QWidget | None = None, *,
                 run: Callable | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Page preview")
        self.render_pdf = render_pdf
        self._run = run
        self._own_pool = None
        self.source: PageSource | None = None
        self.page = 1
        self._want: tuple[PageSource, int] | None = None  # the page to show when it is drawn
        self._busy = False  # one drawing at a time; the latest wish is drawn next
        self._boxes: list = []
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(6)
        bar = QHBoxLayout()
        bar.setSpacing(4)
        self.title = label("", "section")
        self.title.setMinimumWidth(40)
        bar.addWidget(self.title, 1)
        self.prev_btn = tool_button("chevron-left", "Previous page", slot=lambda: self.show_page(self.page - 1))
        self.page_label = label("", "muted")
        self.next_btn = tool_button("chevron-right", "Next page", slot=lambda: self.show_page(self.page + 1))
        bar.addWidget(self.prev_btn)
        bar.addWidget(self.page_label)
        bar.addWidget(self.next_btn)
        col.addLayout(bar)
        self.quote = label("", "muted", wrap=True, selectable=True)
        self.quote.setAccessibleName("Source text")
        col.addWidget(self.quote)
        self.canvas = _PageCanvas()
        self.scroller = _Scroller(self.canvas)
        # PySide builds a scroll area's enums on first use (~0.15 s): pay it here, not on the
        # first page shown.
        self.scroller.viewport()
        col.addWidget(self.scroller, 1)
        self.note = label("", "muted", wrap=True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        col.addWidget(self.note)
        self.clear()

    @property
    def pending(self) -> bool:
        """A page has been asked for and is not on screen yet."""
        return self._want is not None

    # ---- showing -----------------------------------------------------------------
    def clear(self) -> None:
        if self.source is not None:
            self.source.close()
        self.source = None
        self._want = None
        self.canvas.image = None
        self.canvas.boxes = []
        self.title.setText("")
        self.quote.hide()
        self.page_label.setText("")
        self.prev_btn.setEnabled(False)
        self.next_btn.setEnabled(False)
        self.scroller.hide()
        self.note.setText("Pick a field to see where it was read.")
        self.note.show()

    def open(self, path: str) -> None:
        if self.source is not None and self.source.path == path:
            return
        if self.source is not None:
            self.source.close()
        self.source = PageSource(path, self.render_pdf)
        self.canvas.image = None
        self.title.setText(file_name(path))
        self.title.setToolTip(path)

    def show_field(self, path: str, page: int | None, boxes=(), source: str = "") -> None:
        """Open ``path`` at ``page`` with ``boxes`` highlighted and the source text above it."""
        self.open(path)
        source = " ".join(source.split())
        if source:
            self.quote.setText(f"“{source[:240]}{'…' if len(source) > 240 else ''}”")
            self.quote.show()
        else:
            self.quote.hide()
        self.show_page(page or 1, boxes=[b for b in boxes if b.page in (None, page)])

    def show_page(self, page: int, boxes=()) -> None:
        """Show ``page`` with ``boxes``: at once when it was drawn before, else when its
        picture arrives from the worker (the pane says so meanwhile)."""
        src = self.source
        if src is None:
            return
        self._boxes = list(boxes)
        if src.kind == "none":
            self._no_pictures(src)
            return
        n = src.page_count
        page = max(1, min(page, n) if n else page)
        hit, got = src.cached(page)
        if hit:
            self._want = None
            self._display(src, page, got)
            return
        self._want = (src, page)
        self.page = page
        # The page in view is not the one asked for: no box may be drawn on it meanwhile.
        self.canvas.boxes = []
        self.canvas.update()
        self.page_label.setText(f"Page {page} of {n}" if n else f"Page {page}")
        if self.canvas.image is None:
            self.scroller.hide()
            self.note.setText(f"Drawing page {page}…")
            self.note.show()
        self._pump()

    def _pump(self) -> None:
        if self._busy or self._want is None:
            return
        src, page = self._want
        self._busy = True
        run = self._run or self._pool_run
        run(src.render, page, on_result=lambda got, s=src, p=page: self._drawn(s, p, got),
            on_error=lambda _e, s=src, p=page: self._drawn(s, p, None))

    def _pool_run(self, func, *args, on_result, on_error):
        from desktop.workers import GeneratorWorker, WorkerPool

        if self._own_pool is None:
            self._own_pool = WorkerPool(self, max_threads=1)
        w = GeneratorWorker(func, *args, name="page-render")
        w.returned.connect(on_result)
        w.errored.connect(on_error)
        return self._own_pool.start(w)

    def _drawn(self, src: PageSource, page: int, got: Rendered | None) -> None:
        self._busy = False
        want = self._want
        if want is not None and want[0] is src and want[1] == page:
            self._want = None
            if src is self.source:
                self._display(src, page, got)
        self._pump()  # a later wish (another page, another file) is drawn next

    def _no_pictures(self, src: PageSource) -> None:
        self._want = None
        self.scroller.hide()
        self.page_label.setText("")
        self.prev_btn.setEnabled(False)
        self.next_btn.setEnabled(False)
        what = "Word files have no page pictures" if src.path.lower().endswith(".docx") else \
            "This file cannot be shown as a page"
        self.note.setText(f"{what}; the value's source text is shown above.")
        self.note.show()

    def _display(self, src: PageSource, page: int, got: Rendered | None) -> None:
        n = src.page_count or 0
        if got is None:
            self.canvas.image = None
            self.canvas.boxes = []
            self.scroller.hide()
            self.page_label.setText("")
            self.note.setText(f"Page {page} could not be shown." if n else
                              "This file cannot be shown as a page; the value's source text is shown above.")
            self.note.show()
            self.prev_btn.setEnabled(page > 1)
            self.next_btn.setEnabled(page < n)
            return
        if page > n:  # asked before the page count was known
            self.show_page(n, self._boxes)
            return
        self.page = page
        self.canvas.image, self.canvas.units = got.image, got.units
        self.canvas.boxes = self._boxes
        self.note.hide()
        self.scroller.show()
        self.scroller.fit()
        self.canvas.update()
        self.page_label.setText(f"Page {page} of {n}")
        self.prev_btn.setEnabled(page > 1)
        self.next_btn.setEnabled(page < n)
        self._scroll_to_boxes()
        self.pageShown.emit(page)

    def _scroll_to_boxes(self) -> None:
        rects = self.canvas.box_rects()
        if rects:
            r = rects[0]
            for o in rects[1:]:
                r = r.united(o)
            c = r.center()
            self.scroller.ensureVisible(int(c.x()), int(c.y()), 40, max(60, int(r.height() / 2) + 40))
        else:
            self.scroller.verticalScrollBar().setValue(0)
