"""Small widgets shared by the views: page header, inline banner, flow layout, empty state."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QFrame, QHBoxLayout, QLabel, QLayout, QMessageBox, QPushButton, QSizePolicy, QToolButton, QVBoxLayout, QWidget,
)

from desktop import theme


def clear_layout(layout: QLayout, keep: int = 0) -> None:
    """Delete a layout's widgets, leaving its last ``keep`` items (e.g. a closing stretch)."""
    while layout.count() > keep:
        item = layout.takeAt(0)
        if item.widget():
            item.widget().deleteLater()


def destructive_dialog(parent: QWidget | None, title: str, text: str, informative: str, confirm: str) -> QMessageBox:
    """A warning that names what will be lost; Cancel is the default, so Enter loses nothing."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(informative)
    box.addButton(confirm, QMessageBox.ButtonRole.DestructiveRole).setObjectName("confirm")
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box


def confirmed(box: QMessageBox) -> bool:
    """Show a ``destructive_dialog`` and say whether its destructive button was pressed."""
    box.exec()
    return box.clickedButton() is box.findChild(QPushButton, "confirm")


def label(text: str = "", role: str | None = None, *, wrap: bool = False, name: str | None = None,
          selectable: bool = False) -> QLabel:
    w = QLabel(text)
    if role:
        w.setProperty("role", role)
    if name:
        w.setObjectName(name)
    w.setWordWrap(wrap)
    if selectable:
        w.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return w


def button(text: str, *, kind: str | None = None, icon: str | None = None, tip: str = "",
           accessible: str = "", slot: Callable | None = None) -> QPushButton:
    b = QPushButton(text)
    if kind:
        b.setProperty("kind", kind)
    if icon:
        role = "accent_text" if kind == "primary" else "danger" if kind == "danger" else None
        theme.bind_icon(b, icon, role)
        b.setIconSize(QSize(16, 16))
    if tip:
        b.setToolTip(tip)
    b.setAccessibleName(accessible or text.replace("&", "") or tip)
    b.setCursor(Qt.CursorShape.PointingHandCursor)
    if slot:
        b.clicked.connect(slot)
    return b


def tool_button(icon: str, tip: str, *, slot: Callable | None = None, kind: str = "ghost") -> QToolButton:
    b = QToolButton()
    theme.bind_icon(b, icon)
    b.setIconSize(QSize(18, 18))
    b.setToolTip(tip)
    b.setAccessibleName(tip)
    b.setProperty("kind", kind)
    b.setCursor(Qt.CursorShape.PointingHandCursor)
    if slot:
        b.clicked.connect(slot)
    return b


def hline() -> QFrame:
    f = QFrame()
    f.setFrameShape(QFrame.Shape.HLine)
    f.setStyleSheet(f"color: {theme.tokens().border};")
    return f


class PageHeader(QWidget):
    """Title, one muted line under it, and actions on the right."""

    def __init__(self, title: str, subtitle: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        col = QVBoxLayout()
        col.setSpacing(2)
        self.title = label(title, name="PageTitle")
        self.title.setAccessibleName(title)
        self.subtitle = label(subtitle, name="PageSubtitle", wrap=True)
        col.addWidget(self.title)
        col.addWidget(self.subtitle)
        row.addLayout(col, 1)
        self.actions = QHBoxLayout()
        self.actions.setSpacing(8)
        row.addLayout(self.actions)

    def add_action(self, w: QWidget) -> QWidget:
        self.actions.addWidget(w, 0, Qt.AlignmentFlag.AlignBottom)
        return w


class Banner(QFrame):
    """An inline message: what happened, what to do next, and an optional action button."""

    actionClicked = Signal(str)  # the action's key
    visibilityChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        self.setProperty("level", "info")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 8, 8)
        row.setSpacing(10)
        self._icon = QLabel()
        self._icon.setFixedSize(18, 18)
        row.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        self.text = label(wrap=True, name="BannerText")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.text.linkActivated.connect(self.actionClicked.emit)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row.addWidget(self.text, 1)
        self.action = QPushButton()
        self.action.setCursor(Qt.CursorShape.PointingHandCursor)
        self.action.clicked.connect(lambda: self.actionClicked.emit(self._action_key))
        row.addWidget(self.action, 0, Qt.AlignmentFlag.AlignVCenter)
        self.close_btn = tool_button("close", "Dismiss", slot=self.hide)
        row.addWidget(self.close_btn, 0, Qt.AlignmentFlag.AlignTop)
        self._action_key = ""
        self.setAccessibleName("Message")
        self.hide()

    def show_message(self, text: str, *, level: str = "info", detail: str = "", action: str = "",
                     action_key: str = "", closable: bool = True) -> None:
        import html

        body = f"<b>{html.escape(text)}</b>" if detail else html.escape(text)
        if detail:
            body += f"<br>{html.escape(detail)}"
        self.text.setText(body)
        self.setProperty("level", level)
        name = {"error": "warning", "warning": "warning"}.get(level, "info")
        color = theme.tokens().danger if level == "error" else None
        self._icon.setPixmap(theme.icon(name, color).pixmap(18, 18))
        self._action_key = action_key
        self.action.setText(action)
        self.action.setAccessibleName(action)
        self.action.setVisible(bool(action))
        self.close_btn.setVisible(closable)
        self.setAccessibleDescription(f"{text} {detail}".strip())
        self.style().unpolish(self)
        self.style().polish(self)
        self.visibilityChanged.emit(True)  # before show(): a hidden host must appear first
        self.show()

    def hideEvent(self, e) -> None:
        super().hideEvent(e)
        self.visibilityChanged.emit(False)


class EmptyState(QWidget):
    """A centred icon, title, explanation and buttons for a view with nothing to show yet."""

    def __init__(self, icon: str, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EmptyState")
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        box = QVBoxLayout()
        box.setSpacing(10)
        pic = QLabel()
        pic.setPixmap(theme.icon(icon, theme.tokens().muted).pixmap(40, 40))
        pic.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(pic)
        self.title = label(title, name="EmptyTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.title)
        self.text = label(text, "muted", wrap=True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setFixedWidth(440)
        box.addWidget(self.text, 0, Qt.AlignmentFlag.AlignHCenter)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(8)
        self.buttons.addStretch(1)
        self._end = self.buttons.addStretch(1)
        box.addSpacing(6)
        box.addLayout(self.buttons)
        outer.addLayout(box)
        outer.addStretch(3)

    def add_button(self, b: QPushButton) -> QPushButton:
        self.buttons.insertWidget(self.buttons.count() - 1, b)
        return b


class FlowLayout(QLayout):
    """Lays children left to right and wraps them (the citation chips under an answer)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, i: int):
        return self._items[i] if 0 <= i < len(self._items) else None

    def takeAt(self, i: int):
        return self._items.pop(i) if 0 <= i < len(self._items) else None

    def expandingDirections(self):
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._do_layout(QRect(0, 0, width, 0), dry=True)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._do_layout(rect, dry=False)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _do_layout(self, rect: QRect, dry: bool) -> int:
        m = self.contentsMargins()
        r = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line_h = r.x(), r.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > r.right() + 1 and line_h > 0:
                x, y, line_h = r.x(), y + line_h + self._spacing, 0
            if not dry:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line_h = max(line_h, hint.height())
        return y + line_h - rect.y() + m.bottom()


def table_look(t, *, read_only: bool = False) -> None:
    """The look every list table shares: whole rows, one at a time, no grid, banded rows,
    one line each, no row numbers."""
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    if read_only:
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setShowGrid(False)
    t.setAlternatingRowColors(True)
    t.setWordWrap(False)
    t.verticalHeader().hide()
    t.verticalHeader().setDefaultSectionSize(30)
    hh = t.horizontalHeader()
    hh.setHighlightSections(False)
    hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
