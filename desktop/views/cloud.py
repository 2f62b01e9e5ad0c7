"""Settings > Cloud, the preview shown before a request leaves, and the audit log viewer.

Nothing here sends anything by itself except the model list (the Models API, only the key
goes, and only while the switch is on). Every setting is saved the moment it changes, so
switching Claude off applies to the very next request from any view.
"""
from __future__ import annotations

import json
import os
import threading
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QFrame,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QScrollArea, QSplitter, QTableView, QVBoxLayout,
    QWidget,
)

from core.privacy.audit import image_line
from core.privacy.policy import FEATURES, CloudPolicy
from desktop.errors import describe
from desktop.widgets import Banner, button, label

DEFAULT_MODEL = "claude-sonnet-4-6"
MODE_TITLES = {
    "local": "Local only",
    "ask_each_time": "Ask each time (preview before sending)",
    "harder_tasks": "Use Claude for harder tasks",
}
FEATURE_TITLES = {"ask": "Ask", "extract": "Extract", "leads": "Leads"}
FEATURE_HINTS = {
    "ask": "the question and the passages found for it",
    "extract": "the document's text around the fields the page does not settle, and the candidate values",
    "leads": "the inquiry's text",
}
WHAT_LEAVES = (
    "<b>Off</b> (the default): nothing leaves this computer. <b>On</b>: only for the features you allow below, and "
    "only when you ask for it or allow it for harder tasks, Locum sends that request's text (the question and the "
    "passages found for it, or the parts of a document it needs) to Anthropic's API, and Claude's reply comes "
    "back. With redaction on, names, dates of birth, ID and record numbers, phone numbers, e-mail and postal "
    "addresses and account numbers are replaced by placeholders first; the originals never leave. Your library, "
    "index, conversations and files stay here. Every request is kept in the audit log below."
)
IMAGES_NOTE = ("Off (the default): a scanned page or photo goes as the text Locum recognised on it (OCR), redacted like "
               "any other text. On: when you use Re-extract with Claude, a page with no text layer of its own goes "
               "as its picture instead, which Claude can read where OCR struggles; but redaction cannot apply to "
               "a picture, so every name and number on the page leaves as it is. The preview shows the picture first, "
               "values Claude reads from it are checked against the OCR text and always left for you to review, "
               "and the audit log keeps each picture's fingerprint (SHA-256) and a small thumbnail.")


def images_warning(n: int) -> str:
    """Said above every preview that carries page pictures."""
    one = n == 1
    return (f"{n} page picture{'' if one else 's'} will leave this computer as {'it is' if one else 'they are'}. "
            "Redaction cannot apply to an image: the names, dates of birth, addresses and numbers printed on "
            f"{'it' if one else 'them'} go unredacted.")


THUMB_PX = 180  # a page picture in the preview and the audit log: enough to recognise the page

OFF_MODELS = "The model list is fetched from Anthropic once Claude is switched on."


def cloud_on(controller) -> CloudPolicy:
    return CloudPolicy.load(controller.settings.home)


def _card() -> tuple[QFrame, QVBoxLayout]:
    f = QFrame()
    f.setProperty("card", True)
    col = QVBoxLayout(f)
    col.setContentsMargins(18, 16, 18, 16)
    col.setSpacing(8)
    return f, col


# ---- the preview before sending ------------------------------------------------------------

def preview_text(prepared) -> str:
    """The request's messages as they will be sent, one after the other."""
    parts = []
    for im in getattr(prepared, "images", ()):
        parts.append(f"── page picture (not redacted) ──\n{image_line(im.describe())}")
    for m in prepared.messages:
        parts.append(f"── {m.role} ──\n{m.content}")
    if prepared.json_schema is not None:
        parts.append("── answer shape (JSON schema) ──\n" + json.dumps(prepared.json_schema, indent=1))
    return "\n\n".join(parts)


class PreviewDialog(QDialog):
    """Exactly the text that will go, with Send and Cancel. Nothing is sent unless Send is pressed."""

    def __init__(self, prepared, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prepared = prepared
        feature = FEATURE_TITLES.get(prepared.feature, prepared.feature)
        self.setWindowTitle("Send to Claude?")
        self.setAccessibleName("Send to Claude?")
        col = QVBoxLayout(self)
        col.setSpacing(10)
        col.addWidget(label(f"Send this to Claude ({prepared.model}) for {feature}?", "section"))
        if prepared.redacted:
            n = len(prepared.mapping)
            col.addWidget(label(f"This is exactly the text that will leave this computer. {n} piece"
                                f"{'s' if n != 1 else ''} of personal data "
                                f"{'were' if n != 1 else 'was'} replaced by placeholders such as [PERSON_1]; "
                                "the originals stay here and are put back into the reply.", "muted", wrap=True))
        else:
            self.warning = Banner()
            self.warning.show_message("Redaction is off: this text goes exactly as it is, personal data included.",
                                      level="warning", closable=False)
            col.addWidget(self.warning)
        self.thumbnails: list[QLabel] = []
        images = tuple(getattr(prepared, "images", ()))
        if images:
            self.image_warning = Banner()
            self.image_warning.show_message(images_warning(len(images)), level="warning", closable=False)
            col.addWidget(self.image_warning)
            row = QHBoxLayout()
            row.setSpacing(12)
            for im in images:
                row.addWidget(self._thumbnail(im))
            row.addStretch(1)
            col.addLayout(row)
        self.text = QPlainTextEdit(preview_text(prepared))
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Text that will be sent")
        self.text.setMinimumHeight(300)
        col.addWidget(self.text, 1)
        col.addWidget(label(f"{len(prepared.sent):,} characters · kept in the audit log in Settings > Cloud",
                            "caption"))
        box = QDialogButtonBox()
        self.send_btn = box.addButton("Send", QDialogButtonBox.ButtonRole.AcceptRole)
        self.send_btn.setProperty("kind", "primary")
        self.cancel_btn = box.addButton("Cancel", QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_btn.setDefault(True)  # Enter does not send
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        col.addWidget(box)
        self.resize(720, 720 if images else 560)

    def _thumbnail(self, im) -> QWidget:
        """The picture as it will go (scaled down), with its page, size and fingerprint."""
        cell = QWidget()
        v = QVBoxLayout(cell)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(4)
        pic = QLabel()
        pic.setAccessibleName(f"Picture of page {im.page or 1} that will be sent")
        pix = QPixmap()
        pix.loadFromData(im.thumbnail or im.data)
        pic.setPixmap(pix.scaled(THUMB_PX, THUMB_PX, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation))
        pic.setFrameShape(QFrame.Shape.Box)
        self.thumbnails.append(pic)
        v.addWidget(pic)
        v.addWidget(label(f"Page {im.page or 1} · {im.width}×{im.height} px · {len(im.data) // 1024:,} KB\n"
                          f"SHA-256 {im.sha256[:16]}…", "caption"))
        return cell


class _Pending:
    def __init__(self, prepared) -> None:
        self.prepared = prepared
        self.answer = False
        self.done = threading.Event()


class CloudConfirm(QObject):
    """The gateway's "ask each time" hook: called in a worker, it shows the preview on the UI
    thread and waits for Send or Cancel. No answer (the window closed) counts as Cancel."""

    _requested = Signal(object)
    previewShown = Signal(object)  # the PreviewDialog, for tests and screenshots

    WAIT_S = 30 * 60

    def __init__(self, parent_widget: Callable[[], QWidget | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._parent_widget = parent_widget
        self._requested.connect(self._show_pending, Qt.ConnectionType.QueuedConnection)

    def __call__(self, prepared) -> bool:
        if QThread.currentThread() is self.thread():
            return self._ask(prepared)
        pending = _Pending(prepared)
        self._requested.emit(pending)
        if not pending.done.wait(self.WAIT_S):
            return False
        return pending.answer

    def _show_pending(self, pending: _Pending) -> None:
        try:
            pending.answer = self._ask(pending.prepared)
        finally:
            pending.done.set()

    def _ask(self, prepared) -> bool:
        dlg = PreviewDialog(prepared, self._parent_widget())
        # announced once it is on screen (inside exec), so a listener may press its buttons
        QTimer.singleShot(0, lambda: self.previewShown.emit(dlg))
        return dlg.exec() == QDialog.DialogCode.Accepted


# ---- the audit log -------------------------------------------------------------------------

class AuditTableModel(QAbstractTableModel):
    """What left the machine, one row per request, newest first."""

    COLUMNS = ("Time", "Feature", "Model", "Sent", "Redacted", "Tokens", "Cost", "Status")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._entries: list = []

    def set_entries(self, entries) -> None:
        self.beginResetModel()
        self._entries = list(reversed(list(entries)))
        self.endResetModel()

    def entry(self, row: int):
        return self._entries[row]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._entries)):
            return None
        e = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [e.time.replace("T", " ")[:19], FEATURE_TITLES.get(e.feature, e.feature), e.model,
                    f"{e.chars_sent:,} chars" + (f" + {len(e.images)} picture{'s' if len(e.images) != 1 else ''}"
                                                 if e.images else ""),
                    f"yes, {e.placeholders} placeholder{'s' if e.placeholders != 1 else ''}" if e.redacted else "no",
                    f"{e.input_tokens or 0} in / {e.output_tokens or 0} out",
                    f"~${e.cost_usd:.4f}" if e.cost_usd is not None else "",
                    e.status][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(e.sources) or "No document's text in this request"
        return None


class AuditViewer(QWidget):
    """The audit log: the table, the exact text of the selected request, export."""

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.c = controller
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(8)
        top = QHBoxLayout()
        self.summary = label("", "muted")
        top.addWidget(self.summary, 1)
        top.addWidget(button("Refresh", icon="refresh", slot=self.load))
        self.csv_btn = button("Export CSV…", icon="download", slot=lambda: self.export("csv"))
        self.json_btn = button("Export JSON…", icon="download", slot=lambda: self.export("json"))
        top.addWidget(self.csv_btn)
        top.addWidget(self.json_btn)
        col.addLayout(top)
        split = QSplitter(Qt.Orientation.Vertical)
        self.model = AuditTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Audit log")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._show(cur.row()))
        self.table.setMinimumHeight(120)
        split.addWidget(self.table)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName("Text sent and received")
        self.detail.setPlaceholderText("Pick a request to see exactly what was sent and what came back.")
        lower = QWidget()
        low = QHBoxLayout(lower)
        low.setContentsMargins(0, 0, 0, 0)
        low.addWidget(self.detail, 1)
        # the thumbnails of the page pictures the selected request sent (hidden when it sent none)
        self.pictures = QWidget()
        self.pictures.setAccessibleName("Page pictures sent")
        self._pictures = QVBoxLayout(self.pictures)
        self._pictures.setContentsMargins(0, 0, 0, 0)
        self.pictures.hide()
        low.addWidget(self.pictures)
        split.addWidget(lower)
        split.setSizes([160, 200])
        col.addWidget(split, 1)
        self.banner = Banner()
        col.addWidget(self.banner)

    @property
    def log(self):
        return self.c.services.audit_log

    def load(self) -> None:
        self.c.run(self.log.entries, on_result=self._loaded, name="audit-read")

    def _loaded(self, entries) -> None:
        cur = self.table.currentIndex()
        keep = self.model.entry(cur.row()).id if cur.isValid() else None
        self.model.set_entries(entries)
        n = len(entries)
        if n:
            cost = sum(e.cost_usd or 0 for e in entries)
            self.summary.setText(f"{n} request{'s' if n != 1 else ''} sent to the cloud · about ${cost:.4f} in all")
        else:
            self.summary.setText("Nothing has been sent to the cloud.")
        self.csv_btn.setEnabled(bool(n))
        self.json_btn.setEnabled(bool(n))
        self.detail.clear()
        self._clear_pictures()
        # a refresh keeps the request the user was reading
        row = next((r for r in range(self.model.rowCount()) if self.model.entry(r).id == keep), None)
        if row is not None:
            self.table.selectRow(row)

    def _show(self, row: int) -> None:
        if not (0 <= row < self.model.rowCount()):
            self.detail.clear()
            return
        e = self.model.entry(row)
        src = "".join(f"\n  {s}" for s in e.sources) or " none"
        pics = ""
        if e.images:
            pics = ("Page pictures it sent, not redacted (fingerprints of the exact bytes sent):"
                    + "".join(f"\n  {image_line(i)}" for i in e.images) + "\n")
        self.detail.setPlainText(f"Request #{e.id}, {e.time}, {e.feature}, {e.model}, {e.status}\n"
                                 f"Documents whose text it carried:{src}\n{pics}\n"
                                 f"── sent ──\n{e.sent}\n\n── reply ──\n{e.reply}")
        self._clear_pictures()
        if e.images:
            rid, n = e.id, len(e.images)
            self.c.run(lambda: [self.log.thumbnail(rid, i) for i in range(n)],
                       on_result=lambda thumbs: self._show_pictures(rid, thumbs), name="audit-thumbnails")

    def _clear_pictures(self) -> None:
        while self._pictures.count():
            w = self._pictures.takeAt(0).widget()
            if w is not None:
                w.setParent(None)
                w.deleteLater()
        self.pictures.hide()

    def _show_pictures(self, rid: int, thumbs: list) -> None:
        cur = self.table.currentIndex()
        if not cur.isValid() or self.model.entry(cur.row()).id != rid:
            return  # another request was picked meanwhile
        self._clear_pictures()
        for data in thumbs:
            if not data:
                continue
            pic = QLabel()
            pix = QPixmap()
            pix.loadFromData(data)
            pic.setPixmap(pix.scaled(THUMB_PX, THUMB_PX, Qt.AspectRatioMode.KeepAspectRatio,
                                     Qt.TransformationMode.SmoothTransformation))
            pic.setFrameShape(QFrame.Shape.Box)
            pic.setAccessibleName("Thumbnail of a page picture that was sent")
            self._pictures.addWidget(pic)
        self._pictures.addStretch(1)
        self.pictures.setVisible(bool(thumbs))

    def export(self, kind: str, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Export the audit log",
                                                  os.path.expanduser(f"~/locum-audit.{kind}"),
                                                  "CSV (*.csv)" if kind == "csv" else "JSON (*.json)")
            if not path:
                return
        write = self.log.export_csv if kind == "csv" else self.log.export_json
        self.c.run(write, path, on_result=lambda p: self.banner.show_message(f"Exported to {p}", level="info"),
                   on_error=lambda e: self.banner.show_message(describe(e)[0], level="error"), name="audit-export")


# ---- Settings > Cloud ----------------------------------------------------------------------

class CloudSettings(QWidget):
    """The switch, the key, the model, what each feature may send, redaction, images, the log."""

    policyChanged = Signal()

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.c = controller
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 14, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body.setObjectName("PageBody")
        col = QVBoxLayout(body)
        col.setContentsMargins(0, 0, 8, 0)
        col.setSpacing(12)
        scroll.setWidget(body)
        outer.addWidget(scroll)

        # the switch and what it means
        card, c = _card()
        c.addWidget(label("Claude (Anthropic's cloud)", "section"))
        self.enabled = QCheckBox("Let Locum send requests to Claude")
        self.enabled.setAccessibleName("Switch Claude on")
        c.addWidget(self.enabled)
        what = label(WHAT_LEAVES, "muted", wrap=True)
        what.setTextFormat(Qt.TextFormat.RichText)
        c.addWidget(what)
        col.addWidget(card)

        # the key and the model
        card, c = _card()
        c.addWidget(label("API key and model", "section"))
        self.keyring_note = Banner()
        c.addWidget(self.keyring_note)
        row = QHBoxLayout()
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText("sk-ant-…")
        self.key.setAccessibleName("Anthropic API key")
        row.addWidget(self.key, 1)
        self.save_key_btn = button("Save key", kind="primary", slot=self.save_key)
        row.addWidget(self.save_key_btn)
        self.forget_key_btn = button("Forget key", slot=self.forget_key)
        row.addWidget(self.forget_key_btn)
        c.addLayout(row)
        self.key_status = label("", "caption", wrap=True)
        c.addWidget(self.key_status)
        row = QHBoxLayout()
        row.addWidget(label("Model", "muted"))
        self.model_box = QComboBox()
        self.model_box.setAccessibleName("Claude model")
        self.model_box.setMinimumWidth(260)
        row.addWidget(self.model_box)
        self.models_btn = button("Refresh list", icon="refresh", slot=self.fetch_models,
                                 tip="Ask Anthropic's Models API which models this key may use")
        row.addWidget(self.models_btn)
        row.addStretch(1)
        c.addLayout(row)
        self.models_status = label("", "caption", wrap=True)
        c.addWidget(self.models_status)
        col.addWidget(card)

        # per feature, redaction, images
        card, c = _card()
        c.addWidget(label("What each feature may send", "section"))
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.modes: dict[str, QComboBox] = {}
        for f in FEATURES:
            box = QComboBox()
            for key, title in MODE_TITLES.items():
                box.addItem(title, key)
            box.setAccessibleName(f"{FEATURE_TITLES[f]}: when to use Claude")
            box.setMinimumWidth(320)
            box.setToolTip(f"What goes for {FEATURE_TITLES[f]}: {FEATURE_HINTS[f]}")
            self.modes[f] = box
            form.addRow(label(FEATURE_TITLES[f]), box)
        c.addLayout(form)
        c.addWidget(label("“Ask each time” shows exactly what will be sent, with Send and Cancel. “Harder tasks” "
                          "sends without asking when you press Ask Claude or Re-extract with Claude, and by itself "
                          "when the local model finds no clear answer or leaves values uncertain.", "caption",
                          wrap=True))
        self.redact = QCheckBox("Replace personal data by placeholders before anything is sent (recommended)")
        self.redact.setAccessibleName("Redact personal data")
        c.addWidget(self.redact)
        self.images = QCheckBox("Allow page images to leave this computer")
        self.images.setAccessibleName("Allow page images to leave this computer")
        c.addWidget(self.images)
        c.addWidget(label(IMAGES_NOTE, "caption", wrap=True))
        col.addWidget(card)

        # the audit log
        card, c = _card()
        c.addWidget(label("Audit log", "section"))
        c.addWidget(label("Every request to the cloud, with exactly what was sent and what came back. Removing a "
                          "document from the library erases the requests that carried its text.", "muted", wrap=True))
        self.audit = AuditViewer(controller)
        self.audit.setMinimumHeight(330)
        c.addWidget(self.audit)
        col.addWidget(card)
        col.addStretch(1)

        self.enabled.toggled.connect(self._save_policy)
        self.redact.toggled.connect(self._save_policy)
        self.images.toggled.connect(self._save_policy)
        self.model_box.currentIndexChanged.connect(lambda _i: self._save_policy())
        for box in self.modes.values():
            box.currentIndexChanged.connect(lambda _i: self._save_policy())
        self.key.returnPressed.connect(self.save_key)
        self.key.textChanged.connect(lambda t: self.save_key_btn.setEnabled(bool(t.strip())))
        controller.erased.connect(lambda _r: self.load())
        self.load()

    # ---- reading -----------------------------------------------------------------------
    @property
    def keys(self):
        return self.c.services.chat_models.keys

    def load(self) -> None:
        self._loading = True
        try:
            pol = cloud_on(self.c)
            self.enabled.setChecked(pol.enabled)
            self.redact.setChecked(pol.redact)
            self.images.setChecked(pol.allow_page_images)
            for f, box in self.modes.items():
                box.setCurrentIndex(max(0, box.findData(pol.features.get(f, "local"))))
            self._set_models([pol.model or DEFAULT_MODEL], pol.model or DEFAULT_MODEL)
        finally:
            self._loading = False
        self._update_key_status()
        self._update_enabled()
        self.audit.load()

    def _set_models(self, ids: list[str], current: str) -> None:
        was = self._loading
        self._loading = True
        try:
            self.model_box.clear()
            for i in dict.fromkeys([current, *ids]):
                self.model_box.addItem(i, i)
            self.model_box.setCurrentIndex(max(0, self.model_box.findData(current)))
        finally:
            self._loading = was

    def _update_key_status(self) -> None:
        ks = self.keys
        if not ks.keyring_available:
            self.keyring_note.show_message(ks.unavailable_reason, level="warning", closable=False)
        else:
            self.keyring_note.hide()
        src = ks.source
        self.key_status.setText({
            "keyring": "A key is stored in this computer's keyring. It is never written to a Locum file.",
            "environment": "Using the key from the ANTHROPIC_API_KEY environment variable.",
            "session": "A key is kept for this session only; you will be asked again next time.",
        }.get(src, "No key yet. Get one at console.anthropic.com and paste it here."))
        self.forget_key_btn.setEnabled(src in ("keyring", "session"))
        self.save_key_btn.setEnabled(bool(self.key.text().strip()))

    def _update_enabled(self) -> None:
        on = self.enabled.isChecked()
        for w in (*self.modes.values(), self.redact, self.images, self.model_box):
            w.setEnabled(on)
        self.models_btn.setEnabled(on and self.keys.source is not None)
        if not on:
            self.models_status.setText(OFF_MODELS)
        elif self.models_status.text() == OFF_MODELS:
            self.models_status.setText("" if self.keys.source else "Enter a key to see the models it may use.")

    # ---- writing -----------------------------------------------------------------------
    def policy_from_controls(self) -> CloudPolicy:
        return CloudPolicy(enabled=self.enabled.isChecked(), redact=self.redact.isChecked(),
                           model=self.model_box.currentData() or DEFAULT_MODEL,
                           features={f: box.currentData() for f, box in self.modes.items()},
                           allow_page_images=self.images.isChecked())

    def _save_policy(self) -> None:
        if self._loading:
            return
        before = cloud_on(self.c)
        pol = self.policy_from_controls()
        pol.save(self.c.settings.home)
        if pol.model != before.model:
            self.c.services.reset_cloud()
        self._update_enabled()
        if pol.enabled and not before.enabled and self.keys.source is not None:
            self.fetch_models()
        self.policyChanged.emit()
        self.c.cloud_changed()

    def save_key(self) -> None:
        key = self.key.text().strip()
        if not key:
            return
        self.key.clear()  # the key is not kept in the widget either
        try:
            where = self.keys.set(key)
        except Exception as e:  # a keyring that refuses: keep it for this session, say so
            where = self.keys.set(key, session_only=True)
            self.keyring_note.show_message(f"The keyring refused the key ({type(e).__name__}); it is kept for this "
                                           "session only.", level="warning")
        self.c.services.reset_cloud()
        self._update_key_status()
        self._update_enabled()
        self.models_status.setText("Key stored in the keyring." if where == "keyring" else
                                   "Key kept for this session only.")
        if self.enabled.isChecked():
            self.fetch_models()
        self.c.cloud_changed()

    def forget_key(self) -> None:
        self.keys.delete()
        self.c.services.reset_cloud()
        self._update_key_status()
        self._update_enabled()
        self.c.cloud_changed()

    def fetch_models(self) -> None:
        """The list from the Models API (only the key goes; only while Claude is on)."""
        if not self.enabled.isChecked():
            return
        self.models_status.setText("Asking Anthropic which models this key may use…")
        self.models_btn.setEnabled(False)
        self.c.run(self.c.services.chat_models.cloud_models, on_result=self._models_fetched,
                   on_error=self._models_failed, name="claude-models")

    def _models_fetched(self, models) -> None:
        current = self.model_box.currentData() or DEFAULT_MODEL
        ids = [m.id for m in models]
        self._set_models(ids, current if current in ids or not ids else
                         (DEFAULT_MODEL if DEFAULT_MODEL in ids else ids[0]))
        self._save_policy()
        self.models_status.setText(f"{len(ids)} model{'s' if len(ids) != 1 else ''} available to this key.")
        self.models_btn.setEnabled(True)

    def _models_failed(self, exc) -> None:
        self.models_status.setText(describe(exc)[0])
        self.models_btn.setEnabled(self.enabled.isChecked())
