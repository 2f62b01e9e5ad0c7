"""A page of a document as a picture, with a field's source words highlighted from their boxes.

PDF pages are rendered by core (PyMuPDF draws filled form fields, which Qt's PDF module
leaves out); pictures are read with QImageReader (EXIF turns applied, very large photos
decoded at a reduced size). Boxes come from the page model: PDF points for a PDF, the
picture's pixels for an image, so one scale per page maps them onto the rendered picture.
"""
from __future__ import annotations

import logging
import os
from typing import Callable

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


class PageSource:
    """Renders pages of one file; ``render(page)`` -> (QImage, (width, height) in box units).

    PDF pages come from ``render_pdf(path, page, width)`` (core's renderer, which draws
    filled form fields); pictures are read here with Qt.
    """

    def __init__(self, path: str, render_pdf: Callable | None = None) -> None:
        self.path = path
        ext = os.path.splitext(path)[1].lower()
        self.kind = "pdf" if ext == ".pdf" and render_pdf else "image" if ext in IMAGE_SUFFIXES else "none"
        self._render_pdf = render_pdf
        self._count: int | None = None
        self._cache: dict[int, tuple[QImage, tuple[float, float]] | None] = {}

    @property
    def page_count(self) -> int:
        if self._count is None:
            if self.kind == "pdf":
                self.render(1)
            elif self.kind == "image":
                self._count = max(1, QImageReader(self.path).imageCount())
            else:
                self._count = 0
        return self._count or 0

    def render(self, page: int) -> tuple[QImage, tuple[float, float]] | None:
        page = max(1, page)
        if page not in self._cache:
            self._cache[page] = self._render(page)
        return self._cache[page]

    def _render(self, page: int):
        if self.kind == "pdf":
            try:
                got = self._render_pdf(self.path, page, RENDER_WIDTH)
            except Exception:  # noqa: BLE001 - a page that cannot be drawn leaves the note, not a crash
                log.warning("could not render page %s of %s", page, self.path, exc_info=True)
                self._count = self._count or 0
                return None
            self._count = got.page_count
            img = QImage.fromData(got.png, "PNG")
            return (img, got.size) if not img.isNull() else None
        if self.kind == "image":
            reader = QImageReader(self.path)
            reader.setAutoTransform(True)
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
            # An EXIF turn swaps the sides; the boxes are in the turned picture's pixels.
            if (img.width() > img.height()) != (w > h) and w != h:
                w, h = h, w
            return img, (float(w), float(h))
        return None

    def close(self) -> None:
        self._cache.clear()


class _PageCanvas(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.image: QImage | None = None
        self.units = (1.0, 1.0)
        self.boxes: list = []
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

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
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.fillRect(self.rect(), QColor("#ffffff"))
        if self.image is not None:
            p.drawImage(self.rect(), self.image)
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
    """The preview pane: file and page, the page picture, the highlighted source words."""

    pageShown = Signal(int)

    def __init__(self, render_pdf: Callable | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Page preview")
        self.render_pdf = render_pdf
        self.source: PageSource | None = None
        self.page = 1
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
        col.addWidget(self.scroller, 1)
        self.note = label("", "muted", wrap=True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        col.addWidget(self.note)
        self.clear()

    # ---- showing -----------------------------------------------------------------
    def clear(self) -> None:
        if self.source is not None:
            self.source.close()
        self.source = None
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
        self.canvas.boxes = [b for b in boxes if b.page in (None, page)]
        self.show_page(page or 1, keep_boxes=True)
        self._scroll_to_boxes()

    def show_page(self, page: int, keep_boxes: bool = False) -> bool:
        src = self.source
        if src is None:
            return False
        if not keep_boxes:
            self.canvas.boxes = []
        n = src.page_count
        if src.kind == "none" or n == 0:
            self.scroller.hide()
            self.page_label.setText("")
            self.prev_btn.setEnabled(False)
            self.next_btn.setEnabled(False)
            what = "Word files have no page pictures" if src.path.lower().endswith(".docx") else \
                "This file cannot be shown as a page"
            self.note.setText(f"{what}; the value's source text is shown above.")
            self.note.show()
            return False
        page = max(1, min(page, n))
        got = src.render(page)
        if got is None:
            self.scroller.hide()
            self.note.setText(f"Page {page} could not be shown.")
            self.note.show()
            return False
        self.page = page
        self.canvas.image, self.canvas.units = got
        self.note.hide()
        self.scroller.show()
        self.scroller.fit()
        self.canvas.update()
        self.page_label.setText(f"Page {page} of {n}")
        self.prev_btn.setEnabled(page > 1)
        self.next_btn.setEnabled(page < n)
        self.pageShown.emit(page)
        return True

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
