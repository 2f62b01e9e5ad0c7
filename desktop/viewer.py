"""Opening a cited source: PDFs in Qt's own viewer at the page with the quote highlighted,
other files in the system's viewer.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QModelIndex, QPointF, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

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


class PdfViewer(QWidget):
    """A window with one PDF, opened at a page; the quote is found and highlighted there."""

    pageChanged = Signal(int)  # 1-based
    highlighted = Signal(bool)  # True when the quote was found on the page

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        from PySide6.QtPdf import QPdfDocument, QPdfSearchModel
        from PySide6.QtPdfWidgets import QPdfView

        self.setWindowTitle("Locum — source")
        self.setAccessibleName("Source viewer")
        self.resize(900, 1000)
        self.path = ""
        self.doc = QPdfDocument(self)
        self.search = QPdfSearchModel(self)
        self.search.setDocument(self.doc)
        self.view = QPdfView(self)
        self.view.setDocument(self.doc)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setSearchModel(self.search)
        self.view.setAccessibleName("Document pages")
        self.view.pageNavigator().currentPageChanged.connect(self._on_page)

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
        col.addWidget(self.view, 1)
        QShortcut(QKeySequence.StandardKey.Close, self, activated=self.close)

        self._target_page = 1
        self._candidates: list[str] = []
        self._poll = QTimer(self, interval=SEARCH_POLL_MS)
        self._poll.timeout.connect(self._check_search)
        self._waited = 0
        self.found = False

    # ---- opening ---------------------------------------------------------------
    def open(self, path: str, page: int | None = None, quote: str = "") -> bool:
        from PySide6.QtPdf import QPdfDocument

        if path != self.path or self.doc.status() != QPdfDocument.Status.Ready:
            err = self.doc.load(path)
            if err != QPdfDocument.Error.None_:
                return False
            self.path = path
        self.title.setText(file_name(path))
        self.setWindowTitle(f"{file_name(path)} — Locum")
        self._target_page = max(1, min(page or 1, self.doc.pageCount()))
        self.found = False
        self.go_to(self._target_page)
        # A multi-page view can only scroll once it is laid out; jump again when it is.
        QTimer.singleShot(0, lambda: self.go_to(self._target_page))
        quote = " ".join(quote.split())
        if quote:
            where = f"page {self._target_page}" if page else "this document"
            self.quote_banner.show_message(f"“{quote[:400]}{'…' if len(quote) > 400 else ''}”", level="info",
                                           detail=f"Quoted from {where}")
        else:
            self.quote_banner.hide()
        self._candidates = quote_candidates(quote)
        self._next_candidate()
        return True

    def go_to(self, page: int) -> None:
        n = self.doc.pageCount()
        if n <= 0:
            return
        page = max(1, min(page, n))
        self.view.pageNavigator().jump(page - 1, QPointF(0, 0), self.view.zoomFactor())
        self._on_page(page - 1)

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage() + 1

    def _on_page(self, index0: int) -> None:
        self.page_label.setText(f"Page {index0 + 1} of {self.doc.pageCount()}")
        self.prev_btn.setEnabled(index0 > 0)
        self.next_btn.setEnabled(index0 + 1 < self.doc.pageCount())
        self.pageChanged.emit(index0 + 1)

    def _zoom(self, factor: float) -> None:
        from PySide6.QtPdfWidgets import QPdfView

        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(5.0, self.view.zoomFactor() * factor)))

    # ---- finding the quote -----------------------------------------------------
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
                self.view.setCurrentSearchResultIndex(i)
                # Selecting a result scrolls to it; stay on the cited page whatever the layout.
                if self.current_page() != self._target_page:
                    self.go_to(self._target_page)
                self.found = True
                self.highlighted.emit(True)
                return
        if self._waited >= SEARCH_WAIT_MS:
            self._next_candidate()

    def showEvent(self, e) -> None:
        super().showEvent(e)
        QTimer.singleShot(0, lambda: self.go_to(self._target_page))

    def sizeHint(self) -> QSize:
        return QSize(900, 1000)


def open_external(path: str) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))


def is_pdf(path: str) -> bool:
    return os.path.splitext(path)[1].lower() == ".pdf"

