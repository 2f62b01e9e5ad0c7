"""Extract: drop documents, pick a template, review each value against its highlighted source.

The queue runs one document at a time through ``services.forms.extract`` (a generator) in
the controller's worker pool; Cancel closes it between steps. Every result is kept in the
results store, so the list is read back from there on start and no reviewed work is lost.
Edits and review marks are written to the store as they happen, beside the original values.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QComboBox, QFileDialog, QFrame, QHBoxLayout, QHeaderView, QProgressBar,
    QSplitter, QStackedWidget, QTableView, QVBoxLayout, QWidget,
)

from core.fields.records import ExtractProgress
from core.fsutil import files_under
from desktop import theme
from desktop.errors import describe
from desktop.extract_models import FieldsTableModel, QueueItem, QueueTableModel, show_value
from desktop.page_preview import IMAGE_SUFFIXES, PagePreview
from desktop.textutil import file_name, plural
from desktop.widgets import Banner, EmptyState, PageHeader, button, label, table_look

EXTRACT_SUFFIXES = frozenset({".pdf", ".docx", *IMAGE_SUFFIXES})
FILE_FILTER = "Documents (*.pdf *.docx *.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp)"
DEFAULT_TEMPLATE = "client_intake"


def expand_paths(paths: list[str]) -> tuple[list[str], list[str]]:
    """Files to extract (folders walked, hidden entries skipped), and the ones Extract cannot read."""
    return files_under(paths, EXTRACT_SUFFIXES)


def progress_text(ev: ExtractProgress) -> tuple[str, float | None]:
    """A queue row's status while it runs, and how far through the document it is."""
    if ev.stage == "reading" and ev.pages_total:
        return f"Reading page {ev.page or 1} of {ev.pages_total}", (ev.page or 1) / ev.pages_total * 0.8
    if ev.stage == "reading":
        return "Reading", None
    if ev.stage == "form":
        return "Reading the document", 0.05  # form fields, then the first page (OCR for a scan)
    if ev.stage == "choosing":
        return f"Choosing values for {ev.detail or 'open fields'}", None
    if ev.stage == "checking":
        return "Checking values", 0.9
    return "Done", 1.0


class FieldsTable(QTableView):
    """Up/Down move through the fields, Enter edits the value, Space marks it reviewed."""

    def keyPressEvent(self, e) -> None:
        idx = self.currentIndex()
        if idx.isValid() and self.state() != QAbstractItemView.State.EditingState:
            m = self.model()
            if e.key() == Qt.Key.Key_Space:
                m.toggle_reviewed(idx.row())
                e.accept()
                return
            if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                target = m.index(idx.row(), FieldsTableModel.VALUE)
                if m.flags(target) & Qt.ItemFlag.ItemIsEditable:
                    self.setCurrentIndex(target)
                    self.edit(target)
                e.accept()
                return
        super().keyPressEvent(e)


class ExtractView(QWidget):
    navigate = Signal(str)
    queueFinished = Signal()  # the queue ran empty (tests and screenshots wait on it)
    resultsLoaded = Signal()

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self.setAccessibleName("Extract")
        self.setAcceptDrops(True)
        self.c = controller
        self.templates: list = []
        self._worker = None
        self._running: QueueItem | None = None
        self._shown: QueueItem | None = None
        self._batch_total = 0
        self._batch_done = 0
        self._loaded_once = False
        self._select_template: str | None = None  # a template just made, chosen once the list is read

        page = QWidget()
        page.setObjectName("PageBody")
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(page)
        col = QVBoxLayout(page)
        col.setContentsMargins(28, 24, 28, 20)
        col.setSpacing(12)

        self.header = PageHeader("Extract", "Fields read from your documents, each with the words it came from.")
        self.template_box = QComboBox()
        self.template_box.setAccessibleName("Template")
        self.template_box.setToolTip("The fields to read from the documents you add next")
        self.template_box.setMinimumWidth(190)
        self.header.add_action(label("Template", "muted"))
        self.header.add_action(self.template_box)
        self.new_template_btn = button("New template…", icon="plus", tip="Make your own template: the fields "
                                       "to read, their types and descriptions", slot=self.new_template)
        self.header.add_action(self.new_template_btn)
        self.add_btn = button("Add files…", kind="primary", icon="plus", tip="Choose documents to extract fields from",
                              slot=self.choose_files)
        self.header.add_action(self.add_btn)
        col.addWidget(self.header)

        # The queue while it runs.
        self.queue_card = QFrame()
        self.queue_card.setProperty("card", True)
        qc = QHBoxLayout(self.queue_card)
        qc.setContentsMargins(14, 10, 10, 10)
        text = QVBoxLayout()
        text.setSpacing(4)
        self.queue_title = label("", "section")
        self.queue_progress = QProgressBar()
        self.queue_progress.setTextVisible(False)
        self.queue_progress.setRange(0, 1000)
        self.queue_progress.setAccessibleName("Extraction progress")
        text.addWidget(self.queue_title)
        text.addWidget(self.queue_progress)
        qc.addLayout(text, 1)
        self.cancel_btn = button("Cancel", icon="close", tip="Stop this document and the ones waiting; "
                                 "documents already done are kept", slot=self.cancel)
        qc.addWidget(self.cancel_btn, 0, Qt.AlignmentFlag.AlignVCenter)
        self.queue_card.hide()
        col.addWidget(self.queue_card)

        self.banner = Banner()
        self.banner.actionClicked.connect(self.navigate.emit)
        col.addWidget(self.banner)

        self.stack = QStackedWidget()
        col.addWidget(self.stack, 1)
        self.empty = EmptyState(
            "extract", "Drop documents here",
            "Drop PDFs, scans, photos or Word files, or a folder of them, on this window. Form fields are "
            "read exactly; other values are copied from the page, each with where it came from.")
        self.empty.setAccessibleName("Drop documents here")
        self.empty.text.setMinimumHeight(self.empty.text.heightForWidth(self.empty.text.width()) + 4)
        self.empty.add_button(button("Add files…", icon="plus", slot=self.choose_files))
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_main())

        self.c.erased.connect(lambda _p: self.reload())
        self.c.cloudChanged.connect(self._update_claude_button)
        self.reload()

    # ---- building --------------------------------------------------------------
    def _build_main(self) -> QWidget:
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.setHandleWidth(14)
        split.setStyleSheet("QSplitter::handle { background: transparent; }")

        left = QSplitter(Qt.Orientation.Vertical)
        left.setChildrenCollapsible(False)
        left.setHandleWidth(12)
        docs = QWidget()
        dc = QVBoxLayout(docs)
        dc.setContentsMargins(0, 0, 0, 0)
        dc.setSpacing(6)
        top = QHBoxLayout()
        top.addWidget(label("Documents", "section"), 1)
        self.csv_btn = button("Export CSV…", icon="download", tip="One row per document, your edits included",
                              slot=lambda: self.export("csv"))
        self.json_btn = button("Export JSON…", icon="download", tip="One object per document, with sources",
                               slot=lambda: self.export("json"))
        top.addWidget(self.csv_btn)
        top.addWidget(self.json_btn)
        dc.addLayout(top)
        self.queue = QueueTableModel(self, colors=theme.tokens, titles=self._template_title)
        self.docs = QTableView()
        self.docs.setModel(self.queue)
        self.docs.setAccessibleName("Documents")
        table_look(self.docs)
        hh = self.docs.horizontalHeader()
        hh.setSectionResizeMode(QueueTableModel.DOC, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(QueueTableModel.TEMPLATE, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(QueueTableModel.STATUS, QHeaderView.ResizeMode.Interactive)
        hh.resizeSection(QueueTableModel.STATUS, 190)
        self.docs.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._on_doc(cur.row()))
        dc.addWidget(self.docs, 1)
        left.addWidget(docs)

        fields = QWidget()
        fc = QVBoxLayout(fields)
        fc.setContentsMargins(0, 0, 0, 0)
        fc.setSpacing(6)
        ftop = QHBoxLayout()
        self.fields_title = label("Fields", "section")
        ftop.addWidget(self.fields_title, 1)
        self.copy_btn = button("Copy as JSON", icon="copy", tip="Copy this document's fields as JSON",
                               slot=self.copy_json)
        ftop.addWidget(self.copy_btn)
        self.claude_btn = button("Re-extract with Claude", icon="sparkle",
                                 tip="Read this document again with Claude choosing the values the page does not "
                                     "settle, as Settings > Cloud allows", slot=self.re_extract_with_claude)
        self.claude_btn.hide()
        ftop.addWidget(self.claude_btn)
        fc.addLayout(ftop)
        self.fields_hint = label("↑↓ move · Enter edits · Space marks reviewed · hover a value for its source",
                                 "muted")
        fc.addWidget(self.fields_hint)
        self.doc_banner = Banner()
        fc.addWidget(self.doc_banner)
        self.fields = FieldsTableModel(self, colors=theme.tokens)
        self.fields.on_edit = self._save_edit
        self.fields.on_reviewed = self._save_reviewed
        self.fields.dataChanged.connect(lambda *_: self._after_field_change())
        self.table = FieldsTable()
        self.table.setModel(self.fields)
        self.table.setAccessibleName("Extracted fields")
        table_look(self.table)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        fh = self.table.horizontalHeader()
        fh.setSectionResizeMode(FieldsTableModel.FIELD, QHeaderView.ResizeMode.Interactive)
        fh.resizeSection(FieldsTableModel.FIELD, 140)
        fh.setSectionResizeMode(FieldsTableModel.VALUE, QHeaderView.ResizeMode.Stretch)
        for c in (FieldsTableModel.CONF, FieldsTableModel.PAGE, FieldsTableModel.REVIEWED):
            fh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._on_field(cur.row()))
        self.table.itemDelegate().closeEditor.connect(lambda *_: self._edit_closed())
        fc.addWidget(self.table, 1)
        left.addWidget(fields)
        left.setStretchFactor(0, 2)
        left.setStretchFactor(1, 5)
        left.setSizes([200, 460])
        split.addWidget(left)

        self.preview = PagePreview(lambda *a: self.forms.page_image(*a), run=self.c.run)
        self.preview.setMinimumWidth(300)
        split.addWidget(self.preview)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([600, 420])
        self._show_fields(None)
        return split


    # ---- templates and kept results ------------------------------------------------
    @property
    def forms(self):
        return self.c.services.forms  # looked up each time: erasing builds new services

    def reload(self) -> None:
        """Read the templates and every kept result (in a worker)."""
        forms = self.forms
        self.c.run(lambda: (forms.templates(), forms.results()), on_result=self._loaded, name="extract-list")

    def _loaded(self, got) -> None:
        templates, results = got
        self._loaded_once = True
        self.templates = list(templates)
        current = self._select_template or self.template_box.currentData() or DEFAULT_TEMPLATE
        self._select_template = None
        self.template_box.clear()
        for t in self.templates:
            self.template_box.addItem(t.title + (" (yours)" if t.source == "user" else ""), t.name)
        i = self.template_box.findData(current)
        self.template_box.setCurrentIndex(max(0, i))
        # Results already listed keep their row (and the edits made in this window); results
        # gone from the store (the document was removed from Locum) leave the list.
        have = {it.result_id: it for it in self.queue.items() if it.result_id is not None}
        kept_ids = {s.id for s in results}
        for it in [it for it in self.queue.items() if it.result_id is not None and it.result_id not in kept_ids]:
            if it is self._shown:
                self._show_fields(None)
            self.queue.remove(it)
        new = [QueueItem(s.result.file, s.result.template, "done", stored=s) for s in results if s.id not in have]
        if new:
            # Kept results come before anything this window queued (they are older).
            done = [it for it in self.queue.items() if it.result_id is not None]
            rest = [it for it in self.queue.items() if it.result_id is None]
            shown = self._shown
            self.queue.set_items(sorted(done + new, key=lambda it: it.result_id) + rest)
            self._shown = shown if shown in self.queue.items() else None
            if self._shown is not None:
                self.select(self.queue.row_of(self._shown))
        self._update_stack()
        if self.queue.rowCount() and self._shown is None:
            done_rows = [i for i, it in enumerate(self.queue.items()) if it.state == "done"]
            self.select(done_rows[-1] if done_rows else 0)
        elif not self.queue.rowCount():
            self._show_fields(None)
        self.resultsLoaded.emit()

    def _template_title(self, name: str) -> str:
        for t in self.templates:
            if t.name == name:
                return t.title
        return name

    def _template(self, name: str):
        return next((t for t in self.templates if t.name == name), None)

    def template_name(self) -> str:
        return self.template_box.currentData() or DEFAULT_TEMPLATE

    def set_template(self, name: str) -> bool:
        i = self.template_box.findData(name)
        if i >= 0:
            self.template_box.setCurrentIndex(i)
        return i >= 0

    def new_template(self):
        """Open the template editor; a saved template is listed and chosen for the next files."""
        from desktop.template_editor import TemplateEditor

        def save(title, rows, on_result, on_error):
            self.c.run(self.forms.save_template, title, rows, on_result=on_result, on_error=on_error,
                       name="template-save")

        dlg = TemplateEditor(save, self)
        dlg.saved.connect(self._template_saved)
        dlg.open()
        return dlg

    def _template_saved(self, template) -> None:
        self._select_template = template.name
        self.banner.show_message(f"Saved the template “{template.title}”; it reads the next documents you add.",
                                 level="info")
        self.reload()

    def _update_stack(self) -> None:
        self.stack.setCurrentIndex(1 if self.queue.rowCount() else 0)
        done = any(it.state == "done" for it in self.queue.items())
        self.csv_btn.setEnabled(done)
        self.json_btn.setEnabled(done)

    # ---- adding documents ------------------------------------------------------------
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Add documents to extract", os.path.expanduser("~"), FILE_FILTER)
        if paths:
            self.add_paths(paths)

    def add_paths(self, paths: list[str]) -> None:
        """Queue files and folders (walked in a worker) under the chosen template."""
        template = self.template_name()
        self.c.run(expand_paths, list(paths), on_result=lambda got: self._enqueue(got, template), name="extract-scan")

    def _enqueue(self, got, template: str) -> None:
        files, skipped = got
        busy = {(it.path, it.template) for it in self.queue.items() if it.state in ("waiting", "running")}
        new = []
        for f in dict.fromkeys(files):  # a file named twice (or inside a dropped folder) is read once
            if (f, template) not in busy:
                new.append(QueueItem(f, template))
        if skipped:
            names = ", ".join(file_name(p) for p in skipped[:3]) + ("…" if len(skipped) > 3 else "")
            self.banner.show_message(f"Skipped {plural(len(skipped), 'file')} Extract cannot read: {names}",
                                     level="warning", detail="Extract reads PDFs, pictures (PNG, JPEG, TIFF…) "
                                     "and Word files.")
        elif not new and not files:
            self.banner.show_message("There was nothing to extract there.", level="info")
        if not new:
            return
        if self._worker is None:
            self._batch_total, self._batch_done = 0, 0
        self._batch_total += len(new)
        self.queue.append(new)
        self._update_stack()
        self._next()

    # ---- running the queue -------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._worker is not None

    def _next(self) -> None:
        if self._worker is not None:
            return
        item = next((it for it in self.queue.items() if it.state == "waiting"), None)
        if item is None:
            self.queue_card.hide()
            self.queueFinished.emit()
            return
        item.state, item.detail, item.fraction = "running", "Starting…", 0.0
        self.queue.changed(item)
        self._running = item
        self._update_queue_card()
        self._worker = self.c.run(self.forms.extract, item.path, item.template, with_claude=item.cloud,
                                  name="extract-claude" if item.cloud else "extract",
                                  on_yield=self._on_progress, on_result=self._on_done, on_error=self._on_failed,
                                  on_aborted=self._on_aborted, on_finished=self._on_worker_finished)

    def _on_progress(self, ev) -> None:
        item = self._running
        if item is None or not isinstance(ev, ExtractProgress):
            return
        text, frac = progress_text(ev)
        item.detail = text
        if frac is not None:
            item.fraction = max(item.fraction, frac)
        self.queue.changed(item)
        self._update_queue_card()

    def _on_done(self, stored) -> None:
        item = self._running
        if item is None:
            return
        item.state, item.stored, item.detail, item.fraction = "done", stored, "", 1.0
        self.queue.changed(item)
        if self._shown is None or self._shown is item:
            self.select(self.queue.row_of(item))
        # Values left uncertain by the local model go to Claude by themselves only where the user
        # chose "use Claude for harder tasks" for Extract; a Claude result is never sent again.
        if (not item.cloud and self.c.cloud_policy.mode("extract") == "harder_tasks"
                and any(fv.flagged for fv in stored.result.fields.values())):
            self.banner.show_message(f"Some values in {file_name(item.path)} are uncertain; Claude is choosing them "
                                     "again, as you allowed for harder tasks.", level="info")
            self._queue_claude(item)

    def _on_failed(self, exc) -> None:
        item = self._running
        if item is None:
            return
        text, _action = describe(exc)
        if text.startswith(item.path + ": "):
            text = text[len(item.path) + 2:]  # the row already names the file
        item.state, item.detail = "failed", text
        self.queue.changed(item)
        if self._shown is item:
            self._show_fields(item)

    def _on_aborted(self) -> None:
        if self._running is not None:
            self._running.state, self._running.detail = "cancelled", ""
            self.queue.changed(self._running)

    def _on_worker_finished(self) -> None:
        self._worker = None
        self._running = None
        self._batch_done += 1
        self._update_stack()
        self._next()

    def cancel(self) -> None:
        """Stop the document being read (between two steps) and drop the ones waiting."""
        for it in self.queue.items():
            if it.state == "waiting":
                it.state = "cancelled"
                self.queue.changed(it)
        if self._worker is not None:
            self._worker.quit()
            self.queue_title.setText("Cancelling…")

    def _update_queue_card(self) -> None:
        item = self._running
        if item is None:
            return
        total = max(self._batch_total, 1)
        n = min(self._batch_done + 1, total)
        self.queue_title.setText(f"Extracting {n} of {plural(total, 'document')} · {file_name(item.path)} · "
                                 f"{item.detail}")
        self.queue_progress.setValue(int(1000 * (self._batch_done + item.fraction) / total))
        self.queue_card.show()

    # ---- one document ------------------------------------------------------------------
    def select(self, row: int | None) -> None:
        if row is None or not (0 <= row < self.queue.rowCount()):
            return
        self.docs.selectionModel().setCurrentIndex(
            self.queue.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self._on_doc(row)

    def _on_doc(self, row: int) -> None:
        if not (0 <= row < self.queue.rowCount()):
            return
        item = self.queue.item(row)
        if item is self._shown and item.stored is not None and self.fields.stored is item.stored:
            return
        self._show_fields(item)

    def _show_fields(self, item: QueueItem | None) -> None:
        self._shown = item
        self._update_claude_button()
        self.doc_banner.hide()
        if item is None or item.stored is None:
            self.fields.set_result(None)
            self.preview.clear()
            self.copy_btn.setEnabled(False)
            if item is None:
                self.fields_title.setText("Fields")
            else:
                self.fields_title.setText(file_name(item.path))
                if item.state == "failed":
                    self.doc_banner.show_message(f"Not extracted: {item.detail}", level="error",
                                                 detail="The other documents in the queue go on.")
                elif item.state == "cancelled":
                    self.doc_banner.show_message("Cancelled before its fields were read.", level="info",
                                                 detail="Add it again to read it.")
                else:
                    self.doc_banner.show_message("Its fields appear here when it has been read.", level="info")
            return
        stored = item.stored
        t = self._template(stored.result.template)
        kinds = {f.name: f.kind for f in t.fields} if t is not None else {}
        self.fields.set_result(stored, kinds)
        self.copy_btn.setEnabled(True)
        self._update_fields_title()
        errors = list(stored.result.errors)
        if errors:
            self.doc_banner.show_message(errors[0], level="warning", detail="\n".join(errors[1:]))
        # Show the first value to check, else the first value found.
        rows = range(self.fields.rowCount())
        first = next((r for r in rows if self.fields.needs_check(r)), None)
        if first is None:
            first = next((r for r in rows if self.fields.field(r).value is not None), 0 if rows else None)
        if first is not None:
            self.table.setCurrentIndex(self.fields.index(first, FieldsTableModel.VALUE))
            self._on_field(first)
        else:
            self.preview.clear()

    # ---- Claude ------------------------------------------------------------------------
    def _update_claude_button(self) -> None:
        item = self._shown
        show = bool(item is not None and item.stored is not None and not item.from_claude
                    and self.c.cloud_allows("extract"))
        self.claude_btn.setVisible(show)

    def _queue_claude(self, item: QueueItem) -> None:
        if any(it.cloud and it.path == item.path and it.state in ("waiting", "running") for it in self.queue.items()):
            return
        new = QueueItem(item.path, item.template, cloud=True)
        if self._worker is None:
            self._batch_total, self._batch_done = 0, 0
        self._batch_total += 1
        self.queue.append([new])
        self._update_stack()
        self._next()

    def re_extract_with_claude(self) -> None:
        """The document shown, read again with Claude choosing the values (a new row, the first kept)."""
        item = self._shown
        if item is None or item.stored is None:
            return
        self._queue_claude(item)

    def _update_fields_title(self) -> None:
        item = self._shown
        if item is None or item.stored is None:
            return
        n = item.to_check()
        self.fields_title.setText(f"{file_name(item.path)} · " + (f"{plural(n, 'value')} to check" if n
                                                                   else "nothing flagged")
                                  + (" · read with Claude" if item.from_claude else ""))

    def _on_field(self, row: int) -> None:
        if self.fields.stored is None or not (0 <= row < self.fields.rowCount()):
            return
        fv = self.fields.field(row)
        path = self.fields.stored.result.file
        if not os.path.exists(path):
            self.preview.clear()
            self.preview.note.setText(f"{path} is no longer there.")
            return
        if fv.value is None:
            self.preview.show_field(path, self.preview.page if self.preview.source else 1, (), "")
            self.preview.quote.setText("Not found in this document.")
            self.preview.quote.show()
            return
        self.preview.show_field(path, fv.page, fv.boxes, fv.source)
        lines = [self.preview.quote.text()]
        if self.fields.is_edited(row):
            yours = show_value(self.fields.stored.effective(fv.name)) or "(cleared)"
            lines.append(f"Original: {show_value(fv.value) or '(not found)'} · yours: {yours}")
        if fv.flagged:
            why = "; ".join(fv.notes) if fv.notes else f"low confidence ({round(fv.confidence * 100)}%)"
            lines.append(f"⚠ Check this value: {why}")
        self.preview.quote.setText("\n".join(lines))

    # ---- review ------------------------------------------------------------------------
    def _save_edit(self, name: str, value) -> None:
        rid = self.fields.stored.id
        self.c.run(self.forms.store.set_value, rid, name, value, on_error=self._save_failed, name="extract-edit")

    def _save_reviewed(self, name: str, flag: bool) -> None:
        rid = self.fields.stored.id
        self.c.run(self.forms.store.mark_reviewed, rid, name, flag, on_error=self._save_failed,
                   name="extract-review")

    def _save_failed(self, exc) -> None:
        self.banner.show_message(f"Your change was not saved: {exc}", level="error",
                                 detail="The list is read again from what is kept on disk.")
        self._shown = None
        self.reload()

    def _after_field_change(self) -> None:
        if self._shown is not None:
            self.queue.changed(self._shown)
            self._update_fields_title()
            cur = self.table.currentIndex()
            if cur.isValid():
                self._on_field(cur.row())

    def _edit_closed(self) -> None:
        if self.fields.last_error:
            self.doc_banner.show_message(f"Not changed: {self.fields.last_error}", level="warning")
            self.fields.last_error = ""

    # ---- export ------------------------------------------------------------------------
    def _done_ids(self) -> list[int]:
        return [it.result_id for it in self.queue.items() if it.state == "done"]

    def export(self, kind: str) -> None:
        ids = self._done_ids()
        if not ids:
            return
        suffix = ".csv" if kind == "csv" else ".json"
        start = os.path.join(os.path.expanduser("~"), f"extracted{suffix}")
        path, _ = QFileDialog.getSaveFileName(self, f"Export {kind.upper()}", start,
                                              "CSV files (*.csv)" if kind == "csv" else "JSON files (*.json)")
        if not path:
            return
        if not path.lower().endswith(suffix):
            path += suffix
        n = len(ids)
        self.c.run(self.forms.export, ids, path, kind, name="extract-export",
                   on_result=lambda p: self.banner.show_message(f"Wrote {plural(n, 'document')} to {p}",
                                                                level="info",
                                                                detail="Your edits are in it; flagged values "
                                                                "you have not reviewed are listed per row."),
                   on_error=lambda e: self.banner.show_message(f"Could not write {path}: {e}", level="error"))

    def copy_json(self) -> None:
        item = self._shown
        if item is None or item.stored is None:
            return
        name = file_name(item.path)

        def copied(text: str) -> None:
            QApplication.clipboard().setText(text)
            self.banner.show_message(f"Copied the fields of {name} as JSON.", level="info")

        self.c.run(self.forms.json_text, [item.result_id], on_result=copied, name="extract-copy")

    def showEvent(self, e) -> None:
        super().showEvent(e)
        if self._loaded_once:
            self.reload()  # a document may have been removed from Locum meanwhile

    # ---- drops -------------------------------------------------------------------------
    def dragEnterEvent(self, e) -> None:
        if e.mimeData().hasUrls() and any(u.isLocalFile() for u in e.mimeData().urls()):
            e.acceptProposedAction()

    def dropEvent(self, e) -> None:
        paths = [u.toLocalFile() for u in e.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.add_paths(paths)
        e.acceptProposedAction()
