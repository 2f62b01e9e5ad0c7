"""Qt item models over core's plain records (FileRecord, Hit, Citation, conversations).

Each wraps a Python list and turns replacing it into the smallest set of row signals, so a
view keeps its selection and scroll position while indexing updates it every few seconds.
"""
from __future__ import annotations

import os
from typing import Any, Callable, Generic, Sequence, TypeVar

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.textutil import file_name, human_size, plural

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
RecordRole = Qt.ItemDataRole.UserRole + 1  # the record itself
PathRole = Qt.ItemDataRole.UserRole + 2
PageRole = Qt.ItemDataRole.UserRole + 3
SortRole = Qt.ItemDataRole.UserRole + 4


class _KeyedRows(Generic[T]):
    """Shared by the models below: replace the rows by key with minimal signals."""

    _rows: list[T]

    def _key(self, rec: T) -> Any:
        raise NotImplementedError

    def _replace(self, model, new: Sequence[T], last_column: int) -> None:
        new = list(new)
        new_keys = {self._key(r): r for r in new}
        # Removals, from the bottom so earlier row numbers stay valid.
        for row in range(len(self._rows) - 1, -1, -1):
            if self._key(self._rows[row]) not in new_keys:
                model.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                model.endRemoveRows()
        # Updates in place.
        have = {self._key(r): i for i, r in enumerate(self._rows)}
        for key, rec in new_keys.items():
            i = have.get(key)
            if i is not None and self._rows[i] != rec:
                self._rows[i] = rec
                model.dataChanged.emit(model.index(i, 0), model.index(i, last_column))
        # Insertions at the end (views sort through a proxy when order matters).
        added = [r for r in new if self._key(r) not in have]
        if added:
            start = len(self._rows)
            model.beginInsertRows(QModelIndex(), start, start + len(added) - 1)
            self._rows.extend(added)
            model.endInsertRows()


# ---- library files -------------------------------------------------------------------

STATUS_LABEL = {"indexed": "Indexed", "pending": "Pending", "failed": "Failed"}
NO_TEXT_LABEL = "No text found"


def has_no_text(rec) -> bool:
    """Read, but gave no passage (blank, a scan with OCR off): nothing can find it."""
    return rec.status == "indexed" and not rec.chunks


class ColumnsTableModel(QAbstractTableModel):
    """A table of ``self._rows`` under the headers ``COLUMNS``: the counts and headers every
    such table shares; subclasses give ``data``."""

    COLUMNS: tuple[str, ...] = ()
    _rows: list

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None


class SourcesTableModel(QAbstractTableModel, _KeyedRows):
    """Files of the library (``core.types.FileRecord``): name, folder, status, passages, size."""

    COLUMNS = ("Name", "Folder", "Status", "Passages", "Size")
    NAME, FOLDER, STATUS, CHUNKS, SIZE = range(5)

    def __init__(self, parent=None, colors: Callable[[], Any] | None = None) -> None:
        super().__init__(parent)
        self._rows = []
        self._colors = colors

    def _key(self, rec):
        return rec.path

    def set_records(self, records: Sequence) -> None:
        self._replace(self, records, len(self.COLUMNS) - 1)

    def records(self) -> list:
        return list(self._rows)

    def record(self, row: int):
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        rec = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.NAME:
                return file_name(rec.path)
            if col == self.FOLDER:
                rel = os.path.relpath(os.path.dirname(rec.path), rec.folder) if rec.folder and rec.path != rec.folder else "."
                base = file_name(rec.folder) if rec.folder else ""
                return base if rel == "." else f"{base}/{rel}"
            if col == self.STATUS:
                if has_no_text(rec):
                    return NO_TEXT_LABEL
                label = STATUS_LABEL.get(rec.status, rec.status.title())
                return f"{label}: {rec.error}" if rec.status == "failed" and rec.error else label
            if col == self.CHUNKS:
                return f"{rec.chunks:,}" if rec.status == "indexed" else "–"
            if col == self.SIZE:
                return human_size(rec.size)
        elif role == Qt.ItemDataRole.ToolTipRole:
            if rec.status == "failed":
                return f"{rec.path}\nNot indexed: {rec.error or 'unknown reason'}"
            if has_no_text(rec):
                return f"{rec.path}\nSearch and Ask cannot find anything in it: {rec.error or 'no text found'}"
            return rec.path
        elif role == Qt.ItemDataRole.ForegroundRole and col == self.STATUS and self._colors:
            t = self._colors()
            from PySide6.QtGui import QColor

            if has_no_text(rec):
                return QColor(t.warning_text)
            return QColor(t.danger if rec.status == "failed" else t.success if rec.status == "indexed" else t.muted)
        elif role == Qt.ItemDataRole.TextAlignmentRole and col in (self.CHUNKS, self.SIZE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        elif role == SortRole:
            if col in (self.CHUNKS, self.SIZE):
                return rec.chunks if col == self.CHUNKS else rec.size
            return str(self.data(index) or "").lower()
        elif role == RecordRole:
            return rec
        elif role == PathRole:
            return rec.path
        elif role == FolderRole:
            return rec.folder
        return None


FolderRole = Qt.ItemDataRole.UserRole + 5


class FolderListModel(QAbstractListModel, _KeyedRows):
    """Library folders ("sources") with their file counts; row 0 is "All folders"."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows = []  # (folder, files, failed, no text)

    def _key(self, rec):
        return rec[0]

    def set_folders(self, folders: Sequence[str], files: Sequence) -> None:
        counts: dict[str, list[int]] = {f: [0, 0, 0] for f in folders}
        for r in files:
            c = counts.get(r.folder)
            if c is not None:
                c[0] += 1
                c[1] += r.status == "failed"
                c[2] += has_no_text(r)
        rows = [("", len(files), sum(c[1] for c in counts.values()), sum(c[2] for c in counts.values()))]
        rows += [(f, *c) for f, c in counts.items()]
        self._replace(self, rows, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        folder, n, failed, no_text = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            name = file_name(folder) if folder else "All folders"
            extra = f" · {failed} failed" if failed else ""
            extra += f" · {no_text} no text" if no_text else ""
            return f"{name}\n{plural(n, 'file')}{extra}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return folder or "Every folder in the library"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{file_name(folder) if folder else 'All folders'}, {plural(n, 'file')}"
        if role in (FolderRole, PathRole):
            return folder
        return None


# ---- search results ------------------------------------------------------------------

SnippetRole = Qt.ItemDataRole.UserRole + 6


class SearchResultsModel(QAbstractListModel):
    """Hits of one search (``core.types.Hit``); the query's words travel along for marking."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._hits: list = []
        self.terms: list[str] = []
        self.query = ""

    def set_results(self, query: str, terms: list[str], hits: Sequence) -> None:
        self.beginResetModel()
        self.query, self.terms, self._hits = query, list(terms), list(hits)
        self.endResetModel()

    def hit(self, row: int):
        return self._hits[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._hits)):
            return None
        h = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            page = f", page {h.page}" if h.page else ""
            return f"{file_name(h.path)}{page}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return h.path
        if role == Qt.ItemDataRole.AccessibleTextRole:
            page = f", page {h.page}" if h.page else ""
            return f"{file_name(h.path)}{page}: {' '.join(h.text.split())[:200]}"
        if role == SnippetRole:
            return h.text
        if role == PathRole:
            return h.path
        if role == PageRole:
            return h.page
        if role == RecordRole:
            return h
        return None


# ---- citations -----------------------------------------------------------------------

class CitationListModel(QAbstractListModel):
    """Citations of one answer (``core.types.Citation``), shown as chips."""

    def __init__(self, citations: Sequence = (), parent=None) -> None:
        super().__init__(parent)
        self._items = list(citations)

    def set_citations(self, citations: Sequence) -> None:
        self.beginResetModel()
        self._items = list(citations)
        self.endResetModel()

    def citation(self, row: int):
        return self._items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._items)):
            return None
        c = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            page = f" · p. {c.page}" if c.page else ""
            return f"[{c.n}] {file_name(c.path)}{page}"
        if role == Qt.ItemDataRole.ToolTipRole:
            quote = " ".join(c.quote.split())
            return f"{c.path}{f', page {c.page}' if c.page else ''}\n“{quote[:300]}”" if quote else c.path
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Source {c.n}: {file_name(c.path)}{f', page {c.page}' if c.page else ''}. Opens the document."
        if role == PathRole:
            return c.path
        if role == PageRole:
            return c.page
        if role == RecordRole:
            return c
        return None


# ---- conversations -------------------------------------------------------------------

class ConversationListModel(QAbstractListModel, _KeyedRows):
    """Saved conversations, newest first. Rows are objects with ``id`` and ``title``."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows = []

    def _key(self, rec):
        return rec.id

    def set_conversations(self, convs: Sequence) -> None:
        new = list(convs)
        # Order matters here (newest first) and is cheap to redo: reset when it changed.
        if [self._key(c) for c in new] != [self._key(c) for c in self._rows]:
            self.beginResetModel()
            self._rows = new
            self.endResetModel()
        else:
            self._replace(self, new, 0)

    def conversation(self, row: int):
        return self._rows[row]

    def row_of(self, conv_id) -> int:
        for i, c in enumerate(self._rows):
            if c.id == conv_id:
                return i
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        c = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return getattr(c, "title", "") or "New conversation"
        if role == RecordRole:
            return c
        return None
