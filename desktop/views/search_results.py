"""The search results list: file and page on top, a snippet with the matched words marked."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QFont, QPalette, QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop import theme
from desktop.item_models import PageRole, PathRole, RecordRole, SearchResultsModel, SnippetRole
from desktop.textutil import highlight_html, short_path

PAD = 12


class SearchResultDelegate(QStyledItemDelegate):
    def _doc(self, index: QModelIndex, width: int) -> QTextDocument:
        model = index.model()
        terms = getattr(model, "terms", []) if not hasattr(model, "sourceModel") else model.sourceModel().terms
        t = theme.tokens()
        path = index.data(PathRole) or ""
        page = index.data(PageRole)
        import html

        # The document's title ("Adobe Inc. 10-K 2022") names the hit; the path line below
        # still gives the file.
        hit = index.data(RecordRole)
        title = html.escape(getattr(hit, "title", "") or (index.data(Qt.ItemDataRole.DisplayRole) or "").split(",")[0])
        where = html.escape(short_path(path, 3))
        snippet = highlight_html(index.data(SnippetRole) or "", terms, t.highlight_mark)
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultStyleSheet(f"body {{ color: {t.text}; }} .m {{ color: {t.muted}; }} .t {{ font-weight: 600; }}")
        page_badge = f'&nbsp;&nbsp;<span class="m">page {page}</span>' if page else ""
        doc.setHtml(f'<body><div class="t">{title}{page_badge}</div>'
                    f'<div style="margin-top:4px">{snippet}</div>'
                    f'<div class="m" style="margin-top:4px; font-size:small">{where}</div></body>')
        doc.setTextWidth(max(100, width - 2 * PAD))
        return doc

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        t = theme.tokens()
        painter.save()
        rect = option.rect.adjusted(4, 3, -4, -3)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        painter.setPen(QColor(t.accent) if selected else QColor(t.border))
        painter.setBrush(QColor(t.accent_soft if selected else t.surface_alt if hovered else t.surface))
        painter.drawRoundedRect(QRectF(rect), 8, 8)
        doc = self._doc(index, rect.width())
        painter.translate(rect.left() + PAD, rect.top() + PAD)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette.setColor(QPalette.ColorRole.Text, QColor(t.text))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        width = option.rect.width() if option.rect.width() > 0 else 600
        doc = self._doc(index, width - 8)
        return QSize(width, int(doc.size().height()) + 2 * PAD + 6)


class SearchResultsView(QListView):
    """Activating a result (click, Enter) asks to open the source at its page."""

    openRequested = Signal(str, object, str)  # path, page, quote

    def __init__(self, model: SearchResultsModel, parent=None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(SearchResultDelegate(self))
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.setMouseTracking(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(0)
        self.setStyleSheet("QListView { border: none; background: transparent; }")
        self.setAccessibleName("Search results")
        self.activated.connect(self._open)
        self.clicked.connect(self._open)
        f = QFont(self.font())
        self.setFont(f)

    def _open(self, index: QModelIndex) -> None:
        hit = index.data(RecordRole)
        if hit is not None:
            self.openRequested.emit(hit.path, hit.page, hit.text)

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        # Row heights depend on the width (wrapped snippets): ask the view to measure again.
        self.scheduleDelayedItemsLayout()
