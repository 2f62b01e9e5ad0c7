"""Qt item models for the Extract view: the queue of documents, and one document's fields.

Both adapt core's plain records (``StoredResult``, ``FieldValue``); they hold no state of
their own that is not also in the results store, except a queued document's progress.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from desktop.item_models import ColumnsTableModel, PageRole, PathRole, RecordRole
from desktop.textutil import file_name

Index = QModelIndex | QPersistentModelIndex
FlaggedRole = Qt.ItemDataRole.UserRole + 10


# ---- the queue ----------------------------------------------------------------------

@dataclass
class QueueItem:
    """One document of the queue, waiting, being read, or done (its stored result)."""

    path: str
    template: str
    state: str = "waiting"  # waiting | running | done | failed | cancelled
    detail: str = ""  # progress while running; the reason when failed
    fraction: float = 0.0
    stored: Any = None  # core.forms.store.StoredResult when done
    cloud: bool = False  # "Re-extract with Claude": the model's choices are Claude's, through the gateway

    @property
    def from_claude(self) -> bool:
        from core.chat.cloud import is_cloud_model

        return self.cloud if self.stored is None else is_cloud_model(self.stored.result.model)

    @property
    def result_id(self) -> int | None:
        return self.stored.id if self.stored is not None else None

    def to_check(self) -> int:
        """Values still flagged and not yet reviewed."""
        if self.stored is None:
            return 0
        reviews = self.stored.reviews
        return sum(1 for n, fv in self.stored.result.fields.items()
                   if fv.flagged and not (reviews.get(n) and reviews[n].reviewed))

    def status_text(self) -> str:
        text = self._status_text()
        return text + " · Claude" if self.from_claude and self.state != "failed" else text

    def _status_text(self) -> str:
        if self.state == "waiting":
            return "Waiting"
        if self.state == "running":
            return self.detail or "Starting…"
        if self.state == "cancelled":
            return "Cancelled"
        if self.state == "failed":
            return f"Failed: {self.detail}"
        r = self.stored.result
        filled = sum(1 for fv in r.fields.values() if fv.value is not None)
        text = f"{filled} of {len(r.fields)} found"
        n = self.to_check()
        if n:
            text += f" · {n} to check"
        elif r.fields and all(self.stored.reviews.get(k) and self.stored.reviews[k].reviewed for k in r.fields):
            text += " · reviewed"
        return text


class QueueTableModel(ColumnsTableModel):
    """Documents: kept results first (as listed on start), then the queue as it runs."""

    COLUMNS = ("Document", "Template", "Status")
    DOC, TEMPLATE, STATUS = range(3)

    def __init__(self, parent=None, colors: Callable[[], Any] | None = None,
                 titles: Callable[[str], str] | None = None) -> None:
        super().__init__(parent)
        self._rows: list[QueueItem] = []
        self._colors = colors
        self._titles = titles or (lambda name: name)

    # ---- changing ----------------------------------------------------------------
    def set_items(self, items: list[QueueItem]) -> None:
        self.beginResetModel()
        self._rows = list(items)
        self.endResetModel()

    def append(self, items: list[QueueItem]) -> None:
        if not items:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(items) - 1)
        self._rows.extend(items)
        self.endInsertRows()

    def remove(self, item: QueueItem) -> None:
        row = self.row_of(item)
        if row is not None:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def changed(self, item: QueueItem) -> None:
        row = self.row_of(item)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    # ---- reading -----------------------------------------------------------------
    def items(self) -> list[QueueItem]:
        return list(self._rows)

    def item(self, row: int) -> QueueItem:
        return self._rows[row]

    def row_of(self, item: QueueItem) -> int | None:
        for i, r in enumerate(self._rows):
            if r is item:
                return i
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        it = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.DOC:
                return file_name(it.path)
            if col == self.TEMPLATE:
                return self._titles(it.template)
            if col == self.STATUS:
                return it.status_text()
        elif role == Qt.ItemDataRole.ToolTipRole:
            if it.state == "failed":
                return f"{it.path}\nNot extracted: {it.detail}"
            if it.stored is not None and it.stored.result.errors:
                return it.path + "\n" + "\n".join(it.stored.result.errors)
            return it.path
        elif role == Qt.ItemDataRole.ForegroundRole and col == self.STATUS and self._colors:
            t = self._colors()
            if it.state == "failed":
                return QColor(t.danger)
            if it.state == "done":
                return QColor(t.warning_text if it.to_check() else t.success)
            return QColor(t.muted)
        elif role == RecordRole:
            return it
        elif role == PathRole:
            return it.path
        return None


# ---- one document's fields ------------------------------------------------------------

def show_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return f"{len(value)} line{'s' if len(value) != 1 else ''}"
        return "; ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value - round(value, 2)) < 1e-9 else str(value)
    return str(value)


def parse_edit(text: str, original, kind: str = "text"):
    """The reviewer's typed text as a value of the field's kind; None when it is cleared.

    Raises ValueError when a number or yes/no field gets text that is not one, so a typo is
    refused rather than kept as a wrong value."""
    text = text.strip()
    if not text:
        return None
    if kind == "boolean" or isinstance(original, bool):
        low = text.lower()
        if low in ("yes", "y", "true", "1", "x", "ticked"):
            return True
        if low in ("no", "n", "false", "0", "unticked"):
            return False
        raise ValueError("Type yes or no.")
    if kind in ("money", "number") or (isinstance(original, (int, float)) and not isinstance(original, bool)):
        cleaned = text.replace(",", "").replace(" ", "").lstrip("£$€¥")
        try:
            return float(cleaned)
        except ValueError:
            raise ValueError("Type a number, e.g. 1250.00.") from None
    if kind == "list" or isinstance(original, list):
        return [p.strip() for p in text.split(";") if p.strip()]
    return text


class FieldsTableModel(ColumnsTableModel):
    """One stored result's fields: name, value (the edit where there is one), confidence,
    page, reviewed. Flagged values (low confidence, notes) are marked in every role a view
    reads, and stay marked until the reviewer has checked them.

    Changes go through ``on_edit(name, value)`` and ``on_reviewed(name, flag)`` (which keep
    them in the store); the model shows them at once.
    """

    COLUMNS = ("Field", "Value", "Confidence", "Page", "Reviewed")
    FIELD, VALUE, CONF, PAGE, REVIEWED = range(5)

    def __init__(self, parent=None, colors: Callable[[], Any] | None = None) -> None:
        super().__init__(parent)
        self._stored = None
        self._names: list[str] = []
        self._kinds: dict[str, str] = {}
        self._colors = colors
        self.on_edit: Callable[[str, Any], None] | None = None
        self.on_reviewed: Callable[[str, bool], None] | None = None
        self.last_error = ""

    # ---- changing ----------------------------------------------------------------
    def set_result(self, stored, kinds: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self._stored = stored
        self._names = list(stored.result.fields) if stored is not None else []
        self._kinds = dict(kinds or {})
        self.endResetModel()

    @property
    def stored(self):
        return self._stored

    def name(self, row: int) -> str:
        return self._names[row]

    def field(self, row: int):
        return self._stored.result.fields[self._names[row]]

    def row_of(self, name: str) -> int | None:
        return self._names.index(name) if name in self._names else None

    def _review(self, name: str):
        from core.forms.store import FieldReview

        return self._stored.reviews.setdefault(name, FieldReview())

    def is_reviewed(self, row: int) -> bool:
        r = self._stored.reviews.get(self._names[row])
        return bool(r and r.reviewed)

    def is_edited(self, row: int) -> bool:
        r = self._stored.reviews.get(self._names[row])
        return bool(r and r.edited)

    def needs_check(self, row: int) -> bool:
        return self.field(row).flagged and not self.is_reviewed(row)

    def set_reviewed(self, row: int, flag: bool) -> None:
        name = self._names[row]
        self._review(name).reviewed = flag
        if self.on_reviewed:
            self.on_reviewed(name, flag)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def toggle_reviewed(self, row: int) -> None:
        self.set_reviewed(row, not self.is_reviewed(row))

    def set_value(self, row: int, value) -> None:
        name = self._names[row]
        r = self._review(name)
        r.edited, r.value, r.reviewed = True, value, True
        if self.on_edit:
            self.on_edit(name, value)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    # ---- Qt ------------------------------------------------------------------------
    @property
    def _rows(self) -> list[str]:  # one row per field, in the template's order
        return self._names

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.VALUE and self._kinds.get(self._names[index.row()]) != "items":
            f |= Qt.ItemFlag.ItemIsEditable
        if index.column() == self.REVIEWED:
            f |= Qt.ItemFlag.ItemIsUserCheckable
        return f

    def _value(self, row: int):
        return self._stored.effective(self._names[row])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if self._stored is None or not index.isValid() or not (0 <= index.row() < len(self._names)):
            return None
        row, col = index.row(), index.column()
        fv = self.field(row)
        name = self._names[row]
        check = self.needs_check(row)
        edited = self.is_edited(row)
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.FIELD:
                return " ".join(w for w in name.replace("_", " ").split()).capitalize()
            if col == self.VALUE:
                value = self._value(row)
                if value is None:
                    return "edited: (cleared)" if edited else "—"
                text = show_value(value)
                return f"⚠ {text}" if check else text
            if col == self.CONF:
                if edited:
                    return "yours"
                if fv.value is None:
                    return ""
                pct = f"{round(fv.confidence * 100)}%"
                pct = f"{pct} · check" if fv.flagged else pct
                return f"☁ Claude · {pct}" if self.by_claude(row) else pct
            if col == self.PAGE:
                return str(fv.page) if fv.page is not None and fv.value is not None else ""
            return None
        if role == Qt.ItemDataRole.EditRole and col == self.VALUE:
            return show_value(self._value(row)) if not isinstance(self._value(row), float) \
                else f"{self._value(row):.2f}"
        if role == Qt.ItemDataRole.CheckStateRole and col == self.REVIEWED:
            return Qt.CheckState.Checked if self.is_reviewed(row) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == Qt.ItemDataRole.ForegroundRole and self._colors:
            t = self._colors()
            if col == self.VALUE and self._value(row) is None:
                return QColor(t.muted)
            if check and col in (self.VALUE, self.CONF):
                return QColor(t.warning_text)
            if col in (self.CONF, self.PAGE):
                return QColor(t.muted)
            return None
        if role == Qt.ItemDataRole.BackgroundRole and check and self._colors and col in (self.VALUE, self.CONF):
            return QColor(self._colors().warning_bg)
        if role == Qt.ItemDataRole.FontRole and col == self.VALUE and edited:
            f = QFont()
            f.setItalic(True)
            return f
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.CONF, self.PAGE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole and col == self.VALUE:
            v = self._value(row)
            return ("needs checking: " if check else "") + (show_value(v) if v is not None else "not found")
        if role == FlaggedRole:
            return check
        if role == PageRole:
            return fv.page
        if role == RecordRole:
            return fv
        return None

    def by_claude(self, row: int) -> bool:
        """The value is Claude's choice among the page's candidates, or Claude's reading of the
        page with a quote checked on it (the "Claude" badge)."""
        from core.chat.cloud import is_cloud_model

        return bool(self._stored is not None and self.field(row).method in ("model", "written")
                    and is_cloud_model(self._stored.result.model))

    def _tooltip(self, row: int) -> str:
        fv = self.field(row)
        lines = []
        if self.is_edited(row):
            lines.append(f"Your value: {show_value(self._value(row)) or '(cleared)'}")
            lines.append(f"Original: {show_value(fv.value) or '(not found)'}")
        if fv.value is None:
            lines.append("Not found in this document.")
        else:
            if isinstance(fv.value, list) and fv.value and isinstance(fv.value[0], dict):
                lines.append(json.dumps(fv.value, ensure_ascii=False, indent=1)[:800])
            where = f"page {fv.page}" if fv.page is not None else "the document"
            how = {"form": "a filled form field", "label": "the text next to its label", "typed": "its shape",
                   "model": "the model's choice among the page's candidates", "table": "a table"}.get(fv.method, "")
            if self.by_claude(row):
                how = ("Claude's choice among the page's candidates" if fv.method == "model" else
                       "Claude's reading of the page, its quote found among the page's words") + \
                      " (sent through Settings > Cloud)"
            lines.append(f"Read from {where}" + (f", by {how}" if how else "") + f": “{fv.source[:300]}”")
            lines.append(f"Confidence {round(fv.confidence * 100)}%")
            if fv.flagged:
                lines.append("Check this value: " + ("; ".join(fv.notes) if fv.notes else "low confidence"))
        return "\n".join(lines)

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if self._stored is None or not index.isValid():
            return False
        row, col = index.row(), index.column()
        if col == self.REVIEWED and role == Qt.ItemDataRole.CheckStateRole:
            flag = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
            self.set_reviewed(row, flag)
            return True
        if col == self.VALUE and role == Qt.ItemDataRole.EditRole:
            name = self._names[row]
            try:
                parsed = parse_edit(str(value), self.field(row).value, self._kinds.get(name, "text"))
            except ValueError as e:
                self.last_error = str(e)
                return False
            self.last_error = ""
            if parsed == self._value(row):
                return False  # nothing changed: no edit recorded over the original
            self.set_value(row, parsed)
            return True
        return False
