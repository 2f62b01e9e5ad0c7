"""Qt item models for the Leads view: the pipeline table (with its filters) and one lead's fields.

Both adapt core's plain records (``core.leads.store.Lead`` and the lead JSON's ``fields``);
they keep nothing that is not also in the pipeline store.
"""
from __future__ import annotations

import datetime
import html
from typing import Any, Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from core.leads.store import STATUSES
from desktop.item_models import ColumnsTableModel, RecordRole

Index = QModelIndex | QPersistentModelIndex
SortRole = Qt.ItemDataRole.UserRole + 20

TIERS = ("hot", "warm", "cold", "disqualified")
TIER_TITLES = {"hot": "Hot", "warm": "Warm", "cold": "Cold", "disqualified": "Disqualified"}
FIELD_TITLES = {"name": "Name", "email": "E-mail", "phone": "Phone", "organization": "Organisation",
                "need": "Need", "description": "Description", "urgency": "Urgency", "location": "Location",
                "budget": "Budget", "referral_source": "Referred by", "preferred_contact": "Preferred contact"}
METHOD_TITLES = {"header": "from the e-mail header", "model": "chosen by the model from the inquiry's words",
                 "keyword": "matched by a rubric keyword", "none": "not found",
                 "claude": "read by Claude on Anthropic's servers (Re-assess with Claude), among the office's services"}


def tier_color(tier: str, t) -> str:
    return {"hot": t.danger, "warm": t.warning_text, "cold": t.muted, "disqualified": t.muted}.get(tier, t.muted)


def received(lead) -> str:
    """The inquiry's date as a day ("2026-03-05"), else the day it was added."""
    d = str(lead.inquiry.get("date") or "")
    if len(d) >= 10 and d[4] == "-":
        return d[:10]
    return datetime.date.fromtimestamp(lead.created).isoformat() if lead.created else ""


class LeadsTableModel(ColumnsTableModel):
    """The pipeline: one row per lead (merged inquiries inside their lead)."""

    COLUMNS = ("Name", "Need", "Fit", "Status")
    NAME, NEED, FIT, STATUS = range(4)

    def __init__(self, parent=None, colors: Callable[[], Any] | None = None) -> None:
        super().__init__(parent)
        self._rows: list = []
        self._colors = colors

    def set_leads(self, leads: list) -> None:
        self.beginResetModel()
        self._rows = list(leads)
        self.endResetModel()

    def update(self, lead) -> None:
        """A lead changed (status, notes, re-read): replace its row, or add it."""
        for i, r in enumerate(self._rows):
            if r.id == lead.id:
                self._rows[i] = lead
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.COLUMNS) - 1))
                return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append(lead)
        self.endInsertRows()

    def remove_id(self, lead_id: int) -> None:
        for i, r in enumerate(self._rows):
            if r.id == lead_id:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self._rows[i]
                self.endRemoveRows()
                return

    def leads(self) -> list:
        return list(self._rows)

    @staticmethod
    def due(lead) -> bool:
        """Its follow-up day has come and the lead is still open."""
        return bool(lead.follow_up) and lead.follow_up <= datetime.date.today().isoformat() \
            and lead.status not in ("Retained", "Not a fit")

    def lead(self, row: int):
        return self._rows[row]

    def row_of(self, lead_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == lead_id), None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        lead = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.NAME:
                name = lead.name or lead.email or lead.phone or "(no name)"
                extra = f" (+{len(lead.merged)})" if lead.merged else ""
                warn = "⚠ " if lead.conflicts else ""
                return warn + name + extra
            if col == self.NEED:
                return str(lead.value("need") or "—")
            if col == self.FIT:
                return f"{TIER_TITLES.get(lead.tier, lead.tier)} · {lead.score}"
            if col == self.STATUS:
                return lead.status + (f" · {lead.follow_up[5:]}" if lead.follow_up else "")
        elif role == SortRole:
            if col == self.FIT:  # disqualified below cold whatever its score, then by score
                return (len(TIERS) - TIERS.index(lead.tier) if lead.tier in TIERS else 0) * 1000 + lead.score
            if col == self.STATUS:
                return STATUSES.index(lead.status) if lead.status in STATUSES else len(STATUSES)
            return str(self.data(index) or "").lower()
        elif role == Qt.ItemDataRole.ToolTipRole:
            tips = [f"{lead.file or 'pasted text'} · received {received(lead)}"]
            if lead.follow_up:
                tips.append(f"Follow up on {lead.follow_up}" + (" (due)" if self.due(lead) else ""))
            if lead.conflicts:
                tips.append(f"{len(lead.conflicts)} possible conflict(s): check before replying")
            if lead.merged:
                tips.append(f"{len(lead.merged)} more inquiry(ies) from the same person merged in")
            return "\n".join(tips)
        elif role == Qt.ItemDataRole.ForegroundRole and self._colors:
            t = self._colors()
            if col == self.FIT:
                return QColor(tier_color(lead.tier, t))
            if col == self.NAME and lead.conflicts:
                return QColor(t.warning_text)
            if col == self.STATUS and self.due(lead):
                return QColor(t.danger)
        elif role == RecordRole:
            return lead
        return None


class LeadsFilter(QSortFilterProxyModel):
    """Tier, status and text filters over the pipeline; sorting by score and tier as numbers."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.tier = ""  # "" = any
        self.status = ""
        self.text = ""
        self.setSortRole(SortRole)

    def set_filters(self, *, tier: str | None = None, status: str | None = None, text: str | None = None) -> None:
        self.beginFilterChange()
        if tier is not None:
            self.tier = tier
        if status is not None:
            self.status = status
        if text is not None:
            self.text = text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        src = self.sourceModel()
        if src is None or parent.isValid():
            return False
        lead = src.lead(row)
        if self.tier and lead.tier != self.tier:
            return False
        if self.status and lead.status != self.status:
            return False
        if self.text:
            hay = " ".join(str(v) for v in [lead.name, lead.email, lead.phone, lead.value("organization"),
                                            lead.value("need"), lead.inquiry.get("subject"), lead.notes,
                                            lead.inquiry.get("text")] if v).lower()
            if not all(w in hay for w in self.text.split()):
                return False
        return True


class LeadFieldsModel(ColumnsTableModel):
    """One lead's fields: value, and how it was found (the words it came from on hover)."""

    COLUMNS = ("Field", "Value", "Found")
    FIELD, VALUE, FOUND = range(3)

    def __init__(self, parent=None, colors: Callable[[], Any] | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, dict]] = []
        self._colors = colors

    def set_fields(self, fields: dict | None) -> None:
        self.beginResetModel()
        self._rows = [(n, dict(fields[n])) for n in FIELD_TITLES if fields and n in fields]
        self.endResetModel()

    def field(self, row: int) -> tuple[str, dict]:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        name, f = self._rows[index.row()]
        col = index.column()
        value = f.get("value")
        flagged = bool(f.get("flagged"))
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.FIELD:
                return FIELD_TITLES.get(name, name)
            if col == self.VALUE:
                if value in (None, ""):
                    return "—"
                return ("⚠ " if flagged else "") + str(value)
            if col == self.FOUND:
                if value in (None, ""):
                    return ""
                conf = f.get("confidence")
                pct = f"{round(float(conf) * 100)}%" if isinstance(conf, (int, float)) else ""
                how = {"header": "header", "model": "model", "keyword": "keyword", "claude": "☁ Claude"}.get(
                    f.get("method"), "text")
                return f"{how} · {pct}" + (" · check" if flagged else "") if pct else how
        elif role == Qt.ItemDataRole.ToolTipRole and value not in (None, ""):
            src = f.get("source") or ""
            method = METHOD_TITLES.get(f.get("method"), "copied from the inquiry")
            lines = [f"{FIELD_TITLES.get(name, name)}: {value}", f"How: {method}"]
            if src:
                lines.append(f"Words: “{src}”")
            if flagged:
                lines.append("⚠ Check this value before relying on it.")
            return "\n".join(lines)
        elif role == Qt.ItemDataRole.ForegroundRole and self._colors:
            t = self._colors()
            if value in (None, ""):
                return QColor(t.muted)
            if flagged and col == self.VALUE:
                return QColor(t.warning_text)
            if col == self.FOUND:
                return QColor(t.muted)
        elif role == RecordRole:
            return (name, f)
        return None


def highlighted_inquiry(text: str, fields: dict, colors, current: str | None = None) -> str:
    """The inquiry as HTML with each field's source words marked (the current field's more
    strongly), each mark titled with the field it gave. Fields without a span (e-mail
    headers, not found) are not marked."""
    spans = []
    for name, f in (fields or {}).items():
        if name == "description" and current != "description":
            continue  # a whole passage: marked only when asked for, or it hides the other fields
        start, end = f.get("start"), f.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text) \
                and f.get("value") not in (None, ""):
            spans.append((start, end, name))
    # longest first wins an overlap, then earliest
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out, pos = [], 0
    for start, end, name in spans:
        if start < pos:
            continue
        out.append(html.escape(text[pos:start]))
        strong = name == current
        bg = colors.accent_soft if not strong else colors.highlight_mark
        border = f"border-bottom: 2px solid {colors.accent};" if strong else ""
        anchor = f'<a name="f-{name}"></a>' if strong else ""
        out.append(f'{anchor}<span style="background:{bg};{border}" title="{html.escape(FIELD_TITLES.get(name, name))}">'
                   f"{html.escape(text[start:end])}</span>")
        pos = end
    out.append(html.escape(text[pos:]))
    body = "".join(out).replace("\n", "<br>")
    return f'<div style="line-height:140%">{body}</div>'
