"""Opening a cited source: PDFs and pictures in Locum's own viewer at the page, with the
quote highlighted line by line from its boxes; other files in the system's viewer.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QModelIndex, QRectF, QSize, QSizeF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QImage, QImageReader, QKeySequence, QPainter, QPen, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from desktop.textutil import file_name
from desktop.widgets import Banner, button, label, tool_button

SEARCH_POLL_MS = 60
SEARCH_WAIT_MS = 1500  # per candidate; PDFium searches page by page on a timer


def quote_candidates(quote: str) -> list[str]:
    """Search strings to try, longest first: PDF text breaks lines and hyphenates, so a whole
    quote often fails to match while its first words still find the spot."""
    words = " ".join(quote.replace("\u00ad", "").split()).split(" ")
    words = [w for w in words if w]
    out: list[str] = []
    for n in (len(words), 10, 6, 4, 3):
        if 0 < n <= len(words):
            s = " ".join(words[:n]).strip(" .,;:")
            if 8 <= len(s) <= 160 and s not in out:
                out.append(s)
    return out


#: Highlight colours: the page stays readable through the fill.
HIGHLIGHT_FILL = QColor(255, 213, 0, 90)
HIGHLIGHT_EDGE = QColor(230, 140, 0, 220)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".webp", ".tif", ".tiff", ".gif")


class PageCanvas(QWidget):
    """One page, drawn at the widget's size, with rectangles (in page units) over it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage()
        self.page_size = QSizeF(1, 1)  # the units boxes are in: PDF points, or picture pixels
        self.highlights: list[QRectF] = []
        self.setAccessibleName("Document page")

    def to_widget(self, r: QRectF) -> QRectF:
        sx = self.width() / max(1e-6, self.page_size.width())
        sy = self.height() / max(1e-6, self.page_size.height())
        return QRectF(r.x() * sx, r.y() * sy, r.width() * sx, r.height() * sy)

    def paintEvent(self, e) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        if not self.image.isNull():
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            p.drawImage(QRectF(self.rect()), self.image)
        pad = 1.5
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(HIGHLIGHT_EDGE, 1.2))
        p.setBrush(HIGHLIGHT_FILL)
        for r in self.highlights:
            p.drawRoundedRect(self.to_widget(r).adjusted(-pad, -pad, pad, pad), 2, 2)
        p.end()


class PdfViewer(QWidget):
    """A window with one source, PDF or picture, opened at a page with the quote highlighted.

    The quote's boxes (found when the file was indexed) are drawn over every line it spans,
    table rows included. A citation without boxes (a library indexed before boxes were kept)
    falls back to searching the page's text for the quote's first words.
    """

    pageChanged = Signal(int)  # 1-based
    highlighted = Signal(bool)  # True when the quote was found on the page

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        from PySide6.QtPdf import QPdfDocument, QPdfSearchModel

        self.setWindowTitle("Locum — source")
        self.setAccessibleName("Source viewer")
        self.resize(900, 1000)
        self.path = ""
        self.kind = ""  # pdf | image
        self.doc = QPdfDocument(self)
        self.search = QPdfSearchModel(self)
        self.search.setDocument(self.doc)
        self.canvas = PageCanvas()
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self.canvas)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.setAccessibleName("Document pages")
        self.view = self.scroll

        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        bar = QWidget()
        bar.setObjectName("PageBody")
        row = QHBoxLayout(bar)
        row.setContentsMargins(14, 8, 10, 8)
        row.setSpacing(6)
        self.title = label("", "section")
        row.addWidget(self.title, 1)
        self.prev_btn = tool_button("chevron-left", "Previous page", slot=lambda: self.go_to(self.current_page() - 1))
        self.page_label = label("", "muted")
        self.next_btn = tool_button("chevron-right", "Next page", slot=lambda: self.go_to(self.current_page() + 1))
        row.addWidget(self.prev_btn)
        row.addWidget(self.page_label)
        row.addWidget(self.next_btn)
        row.addSpacing(8)
        row.addWidget(tool_button("zoom-out", "Zoom out", slot=lambda: self._zoom(1 / 1.2)))
        row.addWidget(tool_button("zoom-in", "Zoom in", slot=lambda: self._zoom(1.2)))
        row.addSpacing(8)
        self.external_btn = button("Open in default app", icon="external",
                                   slot=lambda: open_external(self.path))
        row.addWidget(self.external_btn)
        col.addWidget(bar)
        self.quote_banner = Banner()
        self.quote_banner.layout().setContentsMargins(14, 8, 8, 8)
        col.addWidget(self.quote_banner)
        col.addWidget(self.scroll, 1)
        QShortcut(QKeySequence.StandardKey.Close, self, activated=self.close)

        self._page = 1
        self._target_page = 1
        self._zoom_factor = 1.0
        self._boxes: dict[int, list[QRectF]] = {}  # page -> what is highlighted there
        self._picture = QImage()
        self._candidates: list[str] = []
        self._poll = QTimer(self, interval=SEARCH_POLL_MS)
        self._poll.timeout.connect(self._check_search)
        self._relayout = QTimer(self, singleShot=True, interval=30)
        self._relayout.timeout.connect(self._render)
        self._waited = 0
        self.found = False
        self.highlight_source = ""  # boxes | search | "" (nothing highlighted)

    # ---- opening ---------------------------------------------------------------
    def open(self, path: str, page: int | None = None, quote: str = "", boxes=()) -> bool:
        """Show ``path`` at ``page`` with ``boxes`` (core.types.Box, in the page's units)
        highlighted; without boxes, a PDF is searched for ``quote``. False if it cannot be shown."""
        from PySide6.QtPdf import QPdfDocument

        self._poll.stop()
        self.search.setSearchString("")
        if is_image(path):
            reader = QImageReader(path)
            reader.setAutoTransform(True)  # upright as shown: the boxes are in that space
            picture = reader.read()
            if picture.isNull():
                return False
            self.kind, self.path, self._picture = "image", path, picture
            self.doc.close()
        else:
            if path != self.path or self.kind != "pdf" or self.doc.status() != QPdfDocument.Status.Ready:
                err = self.doc.load(path)
                if err != QPdfDocument.Error.None_:
                    return False
                self.path, self.kind, self._picture = path, "pdf", QImage()
        self.title.setText(file_name(path))
        self.setWindowTitle(f"{file_name(path)} — Locum")
        self._target_page = max(1, min(page or 1, self.page_count()))
        self.found = False
        self.highlight_source = ""
        self._boxes = {}
        for b in boxes or ():
            n = b.page if b.page is not None else self._target_page
            self._boxes.setdefault(n, []).append(QRectF(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0))
        quote = " ".join(quote.split())
        if quote:
            where = f"page {self._target_page}" if page else "this document"
            self.quote_banner.show_message(f"“{quote[:400]}{'…' if len(quote) > 400 else ''}”", level="info",
                                           detail=f"Quoted from {where}")
        else:
            self.quote_banner.hide()
        self.go_to(self._target_page)
        if self._boxes.get(self._target_page):
            self._show_found("boxes")
            self._candidates = []
        else:
            self._candidates = quote_candidates(quote) if self.kind == "pdf" else []
            self._next_candidate()
        return True

    def page_count(self) -> int:
        return 1 if self.kind == "image" else max(0, self.doc.pageCount())

    def go_to(self, page: int) -> None:
        n = self.page_count()
        if n <= 0:
            return
        self._page = max(1, min(page, n))
        self._render()
        self.scroll.verticalScrollBar().setValue(0)
        self._on_page(self._page - 1)

    def current_page(self) -> int:
        return self._page

    def highlights(self) -> list[QRectF]:
        """What is highlighted on the current page, in the page's units."""
        return list(self.canvas.highlights)

    def _on_page(self, index0: int) -> None:
        self.page_label.setText(f"Page {index0 + 1} of {self.page_count()}")
        self.prev_btn.setEnabled(index0 > 0)
        self.next_btn.setEnabled(index0 + 1 < self.page_count())
        self.pageChanged.emit(index0 + 1)

    def _zoom(self, factor: float) -> None:
        self._zoom_factor = max(0.25, min(5.0, self._zoom_factor * factor))
        self._render()

    # ---- drawing ---------------------------------------------------------------
    def _page_size(self) -> QSizeF:
        if self.kind == "image":
            return QSizeF(self._picture.size())
        return self.doc.pagePointSize(self._page - 1)

    def _render(self) -> None:
        size = self._page_size()
        if size.isEmpty():
            return
        # Fit the page to the window's width, then the user's zoom.
        avail = max(200, self.scroll.viewport().width() - 24)
        width = avail * self._zoom_factor
        shown = QSize(round(width), round(width * size.height() / size.width()))
        dpr = self.devicePixelRatioF()
        if self.kind == "image":
            image = self._picture
        else:
            image = self.doc.render(self._page - 1, QSize(round(shown.width() * dpr), round(shown.height() * dpr)))
        self.canvas.image = image
        self.canvas.page_size = size
        self.canvas.highlights = self._boxes.get(self._page, [])
        self.canvas.setFixedSize(shown)
        self.canvas.update()

    def _show_found(self, how: str, rects: list[QRectF] | None = None) -> None:
        self.highlight_source = how
        if rects is not None:
            self._boxes[self._target_page] = rects
        if self._page == self._target_page:
            self.canvas.highlights = self._boxes.get(self._target_page, [])
            self.canvas.update()
        self.found = True
        QTimer.singleShot(0, self._scroll_to_highlight)
        self.highlighted.emit(True)

    def _scroll_to_highlight(self) -> None:
        if self.canvas.highlights and self._page == self._target_page:
            r = self.canvas.to_widget(self.canvas.highlights[0])
            self.scroll.ensureVisible(int(r.center().x()), int(r.top()), 40, 120)

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        self._relayout.start()

    # ---- finding the quote by its text (no boxes) -------------------------------
    def _next_candidate(self) -> None:
        self._poll.stop()
        if not self._candidates:
            self.search.setSearchString("")
            self.highlighted.emit(False)
            return
        self.search.setSearchString(self._candidates.pop(0))
        self._waited = 0
        self._poll.start()

    def _check_search(self) -> None:
        self._waited += SEARCH_POLL_MS
        target0 = self._target_page - 1
        for i in range(self.search.rowCount(QModelIndex())):
            link = self.search.resultAtIndex(i)
            if link.page() == target0:
                self._poll.stop()
                if self.current_page() != self._target_page:
                    self.go_to(self._target_page)
                self._show_found("search", [QRectF(r) for r in link.rectangles()])
                return
        if self._waited >= SEARCH_WAIT_MS:
            self._next_candidate()

    def showEvent(self, e) -> None:
        super().showEvent(e)
        QTimer.singleShot(0, self._render)

    def sizeHint(self) -> QSize:
        return QSize(900, 1000)


def open_external(path: str) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))


def is_pdf(path: str) -> bool:
    return os.path.splitext(path)[1].lower() == ".pdf"



def is_image(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in IMAGE_SUFFIXES
