"""Settings: Models, Library (folders, exclude patterns, OCR) and Data (where, erase)."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem,
    QPlainTextEdit, QTabWidget, QVBoxLayout, QWidget,
)

from core.appdata import describe_home
from desktop.views.cloud import CloudSettings
from desktop.views.models_page import ModelsPage
from desktop.widgets import Banner, PageHeader, button, label

CONFIRM_WORD = "erase"


def _card() -> tuple[QFrame, QVBoxLayout]:
    f = QFrame()
    f.setProperty("card", True)
    col = QVBoxLayout(f)
    col.setContentsMargins(18, 16, 18, 16)
    col.setSpacing(8)
    return f, col


class LibrarySettings(QWidget):
    addFolderRequested = Signal()
    removeFolderRequested = Signal(str)

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.c = controller
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 14, 0, 0)
        col.setSpacing(12)

        card, c = _card()
        c.addWidget(label("Folders", "section"))
        c.addWidget(label("Locum reads these folders and watches them for new, changed and deleted files.",
                          "muted", wrap=True))
        self.folders = QListWidget()
        self.folders.setAccessibleName("Library folders")
        self.folders.setMinimumHeight(72)
        self.folders.setMaximumHeight(120)
        c.addWidget(self.folders)
        row = QHBoxLayout()
        row.addWidget(button("Add folder…", icon="folder-plus", slot=self.addFolderRequested.emit))
        self.remove_btn = button("Remove…", kind="danger", icon="trash", slot=self._remove)
        row.addWidget(self.remove_btn)
        row.addStretch(1)
        c.addLayout(row)
        col.addWidget(card)

        card, c = _card()
        c.addWidget(label("Files to skip", "section"))
        c.addWidget(label("One pattern per line, matched against file and folder names (for example *.tmp or "
                          "Drafts).", "muted", wrap=True))
        self.exclude = QPlainTextEdit()
        self.exclude.setAccessibleName("Exclude patterns")
        self.exclude.setFixedHeight(110)
        c.addWidget(self.exclude)
        self.ocr = QCheckBox("Read scanned pages and images with OCR (slower to index)")
        self.ocr.setAccessibleName("Use OCR for scanned pages")
        c.addWidget(self.ocr)
        row = QHBoxLayout()
        self.save_btn = button("Save", kind="primary", slot=self.save)
        row.addWidget(self.save_btn)
        self.saved = label("", "caption")
        row.addWidget(self.saved)
        row.addStretch(1)
        c.addLayout(row)
        col.addWidget(card)
        col.addStretch(1)

        controller.libraryChanged.connect(self.load)
        self.load()

    def load(self) -> None:
        s = self.c.settings
        self.folders.clear()
        for f in self.c.status.folders:
            QListWidgetItem(f, self.folders)
        self.remove_btn.setEnabled(bool(self.c.status.folders))
        if not self.exclude.hasFocus():
            self.exclude.setPlainText("\n".join(s.exclude))
        self.ocr.setChecked(bool(s.ocr))

    def _remove(self) -> None:
        item = self.folders.currentItem() or self.folders.item(0)
        if item:
            self.removeFolderRequested.emit(item.text())

    def save(self) -> None:
        s = self.c.settings
        s.exclude = [ln.strip() for ln in self.exclude.toPlainText().splitlines() if ln.strip()]
        s.ocr = self.ocr.isChecked()
        s.save()
        self.c.services.library.apply_settings()
        self.saved.setText("Saved. They apply from the next sync.")
        self.c.sync()


class EraseDialog(QDialog):
    """Asks the user to type a word: erasing cannot be undone."""

    def __init__(self, home: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Erase everything")
        self.setAccessibleName("Erase everything")
        col = QVBoxLayout(self)
        col.setSpacing(10)
        col.addWidget(label("Erase everything Locum keeps?", "section"))
        col.addWidget(label(f"This deletes the index, the conversations, downloaded models and settings in "
                            f"{home}, and the Anthropic API key Locum stored in this computer's keyring. It cannot "
                            "be undone. Your own documents are not touched.", wrap=True))
        col.addWidget(label(f"Type <b>{CONFIRM_WORD}</b> to confirm:"))
        self.field = QLineEdit()
        self.field.setAccessibleName(f"Type {CONFIRM_WORD} to confirm")
        col.addWidget(self.field)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = box.addButton("Erase everything", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.ok.setProperty("kind", "danger")
        self.ok.setEnabled(False)
        self.ok.clicked.connect(self.accept)
        box.rejected.connect(self.reject)
        col.addWidget(box)
        self.field.textChanged.connect(lambda t: self.ok.setEnabled(t.strip().lower() == CONFIRM_WORD))
        self.setMinimumWidth(440)


class DataSettings(QWidget):
    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.c = controller
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 14, 0, 0)
        col.setSpacing(12)
        card, c = _card()
        c.addWidget(label("Where your data lives", "section"))
        c.addWidget(label("The index, conversations, settings and downloaded models stay in this folder on this "
                          "computer. Nothing is sent anywhere.", "muted", wrap=True))
        self.path = label("", selectable=True)
        c.addWidget(self.path)
        self.size = label("", "caption")
        c.addWidget(self.size)
        row = QHBoxLayout()
        row.addWidget(button("Open folder", icon="external", slot=self._open))
        row.addStretch(1)
        c.addLayout(row)
        col.addWidget(card)

        card, c = _card()
        c.addWidget(label("Erase everything", "section"))
        c.addWidget(label("Delete everything Locum keeps: the index of your folders, conversations, downloaded "
                          "models and settings, and the Anthropic API key in this computer's keyring. Your "
                          "documents, and any other files in this folder, stay where they are.", "muted", wrap=True))
        row = QHBoxLayout()
        self.erase_btn = button("Erase everything…", kind="danger", icon="trash", slot=self.confirm_erase)
        row.addWidget(self.erase_btn)
        row.addStretch(1)
        c.addLayout(row)
        self.banner = Banner()
        c.addWidget(self.banner)
        col.addWidget(card)
        col.addStretch(1)
        controller.erased.connect(self._erased)
        self.load()

    def load(self) -> None:
        home = self.c.settings.home
        self.path.setText(str(home))
        self.size.setText("Measuring…")
        self.c.run(describe_home, home, on_result=self.size.setText, on_error=lambda e: self.size.setText(""),
                   name="measure-home")

    def _open(self) -> None:
        from desktop.viewer import open_external

        open_external(str(self.c.settings.home))

    def confirm_erase(self) -> bool:
        dlg = EraseDialog(str(self.c.settings.home), self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return False
        self.erase_btn.setEnabled(False)
        self.banner.show_message("Erasing…", level="info", closable=False)
        self.c.erase_everything()
        return True

    def _erased(self, report) -> None:
        self.erase_btn.setEnabled(True)
        key = getattr(report, "key_note", "")
        key = f" {key}" if key and report.key == "deleted" else ""
        if report.problems:
            self.banner.show_message("Some files could not be erased." + key, level="error", detail=report.summary())
        elif report.left:
            self.banner.show_message("Everything Locum kept has been erased. Files in this folder that Locum did "
                                     "not create were left as they were." + key, level="info",
                                     detail=report.summary())
        else:
            self.banner.show_message("Everything Locum kept has been erased." + key, level="info")
        self.load()


class SettingsView(QWidget):
    navigate = Signal(str)
    addFolderRequested = Signal()
    removeFolderRequested = Signal(str)
    TABS = ("models", "library", "cloud", "data")

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self.setAccessibleName("Settings")
        self.c = controller
        col = QVBoxLayout(self)
        col.setContentsMargins(28, 24, 28, 20)
        col.setSpacing(8)
        col.addWidget(PageHeader("Settings", "Everything here stays on this computer; only Settings > Cloud "
                                             "can let requests leave it."))
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.models = ModelsPage(controller)
        self.library = LibrarySettings(controller)
        self.library.addFolderRequested.connect(self.addFolderRequested.emit)
        self.library.removeFolderRequested.connect(self.removeFolderRequested.emit)
        self.data = DataSettings(controller)
        self.cloud = CloudSettings(controller)
        self.tabs.addTab(self.models, "Models")
        self.tabs.addTab(self.library, "Library")
        self.tabs.addTab(self.cloud, "Cloud")
        self.tabs.addTab(self.data, "Data")
        self.tabs.currentChanged.connect(self._tab_shown)
        col.addWidget(self.tabs, 1)
        controller.erased.connect(lambda _p: self.library.load())

    def _tab_shown(self, i: int) -> None:
        if self.tabs.widget(i) is self.data:
            self.data.load()
        elif self.tabs.widget(i) is self.cloud:
            self.cloud.audit.load()

    def show_tab(self, name: str) -> None:
        if name in self.TABS:
            self.tabs.setCurrentIndex(self.TABS.index(name))

