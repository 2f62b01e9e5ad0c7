"""Make your own Extract template: its name, and per field a name, a type, a description
(what the field means, read by the ranking and the model) and whether it is required.

The rows go to ``services.forms.save_template`` (core checks them and writes the JSON Schema
to ``<home>/forms/``), in a worker; a row that needs fixing is named in the dialog.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QHBoxLayout, QHeaderView, QLineEdit, QTableWidget, QVBoxLayout,
    QWidget,
)

from core.forms.templates import EDITOR_KINDS
from desktop.widgets import Banner, button, label

NAME, KIND, DESCRIPTION, REQUIRED = range(4)


class TemplateEditor(QDialog):
    """``save(title, rows, on_result, on_error)`` saves off the UI thread (the view passes one
    that runs ``services.forms.save_template`` in the window's worker pool)."""

    saved = Signal(object)  # the new Template

    def __init__(self, save: Callable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New template")
        self.setAccessibleName("New template")
        self.setObjectName("Page")
        self.resize(760, 520)
        self._save = save
        col = QVBoxLayout(self)
        col.setContentsMargins(22, 20, 22, 18)
        col.setSpacing(10)
        col.addWidget(label("New template", name="PageTitle"))
        col.addWidget(label("The fields to read from your documents. A clear description helps Locum find each "
                            "value; required fields that are missing are reported.", "muted", wrap=True))
        row = QHBoxLayout()
        row.addWidget(label("Template name", "section"))
        self.title = QLineEdit()
        self.title.setPlaceholderText("e.g. Tenancy application")
        self.title.setAccessibleName("Template name")
        row.addWidget(self.title, 1)
        col.addLayout(row)

        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName("Fields")
        self.table.setHorizontalHeaderLabels(["Field", "Type", "Description", "Required"])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Interactive)
        hh.resizeSection(NAME, 170)
        hh.setSectionResizeMode(KIND, QHeaderView.ResizeMode.Interactive)
        hh.resizeSection(KIND, 175)
        hh.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(REQUIRED, QHeaderView.ResizeMode.ResizeToContents)
        col.addWidget(self.table, 1)

        rows = QHBoxLayout()
        self.add_btn = button("Add field", icon="plus", tip="Add a field to read", slot=lambda: self.add_field())
        self.remove_btn = button("Remove field", icon="close", tip="Remove the selected field",
                                 slot=self.remove_field)
        rows.addWidget(self.add_btn)
        rows.addWidget(self.remove_btn)
        rows.addStretch(1)
        col.addLayout(rows)
        self.banner = Banner()
        col.addWidget(self.banner)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.cancel_btn = button("Cancel", slot=self.reject)
        self.save_btn = button("Save template", kind="primary", slot=self.save)
        bottom.addWidget(self.cancel_btn)
        bottom.addWidget(self.save_btn)
        col.addLayout(bottom)
        self.add_field()

    # ---- rows ----------------------------------------------------------------------
    def add_field(self, name: str = "", kind: str = "text", description: str = "", required: bool = False) -> int:
        r = self.table.rowCount()
        self.table.insertRow(r)
        edit = QLineEdit(name)
        edit.setPlaceholderText("e.g. Date of birth")
        edit.setAccessibleName(f"Field {r + 1} name")
        edit.setFrame(False)
        self.table.setCellWidget(r, NAME, edit)
        box = QComboBox()
        box.setAccessibleName(f"Field {r + 1} type")
        for k, title in EDITOR_KINDS.items():
            box.addItem(title, k)
        box.setCurrentIndex(max(0, box.findData(kind)))
        self.table.setCellWidget(r, KIND, box)
        desc = QLineEdit(description)
        desc.setPlaceholderText("What it is, in a few words")
        desc.setAccessibleName(f"Field {r + 1} description")
        desc.setFrame(False)
        self.table.setCellWidget(r, DESCRIPTION, desc)
        req = QCheckBox()
        req.setChecked(required)
        req.setAccessibleName(f"Field {r + 1} required")
        holder = QWidget()
        hl = QHBoxLayout(holder)
        hl.setContentsMargins(0, 0, 0, 0)
        hl.addWidget(req, 0, Qt.AlignmentFlag.AlignCenter)
        self.table.setCellWidget(r, REQUIRED, holder)
        edit.setFocus()
        return r

    def remove_field(self) -> None:
        r = self.table.currentRow()
        if r < 0:
            r = self.table.rowCount() - 1
        if r >= 0:
            self.table.removeRow(r)

    def rows(self) -> list[dict]:
        """The fields as typed, blank rows left out."""
        out = []
        for r in range(self.table.rowCount()):
            name = self.table.cellWidget(r, NAME).text().strip()
            desc = self.table.cellWidget(r, DESCRIPTION).text().strip()
            if not name and not desc:
                continue
            out.append({"name": name, "kind": self.table.cellWidget(r, KIND).currentData(), "description": desc,
                        "required": self.table.cellWidget(r, REQUIRED).findChild(QCheckBox).isChecked()})
        return out

    # ---- saving --------------------------------------------------------------------
    def save(self) -> None:
        self.banner.hide()
        self.save_btn.setEnabled(False)
        self._save(self.title.text(), self.rows(), self._saved, self._failed)

    def _saved(self, template) -> None:
        self.save_btn.setEnabled(True)
        self.saved.emit(template)
        self.accept()

    def _failed(self, exc) -> None:
        self.save_btn.setEnabled(True)
        self.banner.show_message(str(exc), level="error")
