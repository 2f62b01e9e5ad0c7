"""The main window: sidebar, the views, the status bar, shortcuts, drops, geometry."""
from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup, QFrame, QHBoxLayout, QLabel, QMainWindow, QPushButton, QStackedWidget, QVBoxLayout, QWidget,
)

from core.errors import LocumError
from core.types import IndexProgress
from desktop import theme
from desktop.errors import action_for, describe, show_unexpected
from desktop.textutil import human_eta, plural
from desktop.viewer import PdfViewer, is_image, is_pdf, open_external
from desktop.views.ask import AskView
from desktop.views.extract import ExtractView
from desktop.views.leads import LeadsView
from desktop.views.library import LibraryView
from desktop.views.settings import SettingsView
from desktop.widgets import Banner, label

VIEWS = ("ask", "library", "extract", "leads", "settings")
TITLES = {"ask": "Ask", "library": "Library", "extract": "Extract", "leads": "Leads", "settings": "Settings"}
ICONS = {"ask": "ask", "library": "library", "extract": "extract", "leads": "leads", "settings": "settings"}

LOCAL_NOTE = "Runs on this computer. Your documents never leave it."
CLOUD_NOTE = ("Runs on this computer. Claude is on: what you send to it leaves, redacted and logged "
              "(Settings > Cloud).")


class MainWindow(QMainWindow):
    firstPainted = Signal()
    viewChanged = Signal(str)

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.c = controller
        self._painted = False
        self._viewer: PdfViewer | None = None
        self.setWindowTitle("Locum")
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)
        self.setMinimumSize(QSize(760, 520))
        # Window state lives under the Locum home, not the user's desktop config: erasing
        # the home, or a test's temporary home, takes it along.
        self.qsettings = QSettings(str(controller.settings.desktop_state_path), QSettings.Format.IniFormat)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self._build_sidebar())
        content = QWidget()
        content.setObjectName("Page")
        col = QVBoxLayout(content)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        self.banner = Banner()
        self.banner.actionClicked.connect(self.navigate)
        # The global banner sits in a host that collapses with it, so no gap is left behind.
        self._banner_host = QWidget()
        wrap = QHBoxLayout(self._banner_host)
        wrap.setContentsMargins(16, 12, 16, 0)
        wrap.addWidget(self.banner)
        self._banner_host.hide()
        self.banner.visibilityChanged.connect(self._banner_host.setVisible)
        col.addWidget(self._banner_host)
        self.stack = QStackedWidget()
        col.addWidget(self.stack, 1)
        row.addWidget(content, 1)
        self.setCentralWidget(central)

        self.ask = AskView(controller)
        self.library = LibraryView(controller)
        self.extract = ExtractView(controller)
        self.leads = LeadsView(controller)
        self.settings_view = SettingsView(controller)
        for key, view in zip(VIEWS, (self.ask, self.library, self.extract, self.leads, self.settings_view)):
            self.stack.addWidget(view)
            view.navigate.connect(self.navigate)
        self.ask.openCitation.connect(lambda c: self.open_source(c.path, c.page, c.quote, c.boxes))
        self.library.openSource.connect(self.open_source)
        self.settings_view.addFolderRequested.connect(self.add_folder)
        self.settings_view.removeFolderRequested.connect(self.library.confirm_remove)

        self._build_status_bar()
        self._build_shortcuts()
        controller.errorRaised.connect(self.show_error)
        controller.libraryChanged.connect(self._update_index_status)
        controller.cloudChanged.connect(self._restyle_status)
        controller.indexStarted.connect(lambda _k: self._update_index_status())
        controller.indexProgress.connect(self._on_progress)
        controller.indexFinished.connect(lambda _r: self._update_index_status())
        controller.indexFailed.connect(self.show_error)
        controller.engineState.connect(self._update_engine)
        controller.modelState.connect(lambda *_: self._update_model())
        controller.modelsChanged.connect(self._update_model)
        controller.erased.connect(lambda _p: self._after_erase())
        theme.current().changed.connect(self._restyle) if theme.current() else None

        self.restore_state()
        if controller.settings.load_warning:
            # The window starts on defaults for what was wrong; the user should know why.
            self.banner.show_message("Some settings could not be used; their defaults are in effect.",
                                     level="warning", detail=controller.settings.load_warning,
                                     action="Open settings", action_key="settings")

    # ---- building --------------------------------------------------------------
    def _build_sidebar(self) -> QWidget:
        side = QFrame()
        side.setObjectName("Sidebar")
        side.setFixedWidth(212)
        col = QVBoxLayout(side)
        col.setContentsMargins(14, 18, 14, 14)
        col.setSpacing(4)
        brand = QHBoxLayout()
        brand.setSpacing(8)
        self._logo = QLabel()
        self._logo.setPixmap(theme.icon("logo", theme.tokens().accent).pixmap(26, 26))
        brand.addWidget(self._logo)
        name = QVBoxLayout()
        name.setSpacing(0)
        name.addWidget(label("Locum", name="Brand"))
        name.addWidget(label("Private document assistant", name="BrandTag"))
        brand.addLayout(name, 1)
        col.addLayout(brand)
        col.addSpacing(18)
        self.nav = QButtonGroup(self)
        self.nav.setExclusive(True)
        self.nav_buttons: dict[str, QPushButton] = {}
        shortcuts = {"ask": "Ctrl+1", "library": "Ctrl+2", "extract": "Ctrl+3", "leads": "Ctrl+4",
                     "settings": "Ctrl+,"}
        for key in VIEWS:
            b = QPushButton(TITLES[key])
            b.setObjectName("SidebarButton")
            b.setCheckable(True)
            b.setIcon(theme.icon(ICONS[key]))
            b.setIconSize(QSize(18, 18))
            b.setCursor(Qt.CursorShape.PointingHandCursor)
            b.setToolTip(f"{TITLES[key]} ({shortcuts[key]})")
            b.setAccessibleName(TITLES[key])
            b.clicked.connect(lambda _=False, k=key: self.show_view(k))
            self.nav.addButton(b)
            self.nav_buttons[key] = b
            col.addWidget(b)
        col.addStretch(1)
        note = QHBoxLayout()
        note.setSpacing(6)
        self._lock = QLabel()
        self._lock.setPixmap(theme.icon("lock", theme.tokens().muted).pixmap(14, 14))
        note.addWidget(self._lock, 0, Qt.AlignmentFlag.AlignTop)
        self.privacy_note = label(LOCAL_NOTE, name="PrivacyNote", wrap=True)
        note.addWidget(self.privacy_note, 1)
        col.addLayout(note)
        return side

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        sb.setSizeGripEnabled(False)
        self.index_status = QLabel()
        self.index_status.setAccessibleName("Library status")
        self.engine_status = QLabel()
        self.engine_status.setAccessibleName("Search engine status")
        self.model_status = QLabel()
        self.model_status.setAccessibleName("Model status")
        self.offline = QLabel()
        self.offline.setObjectName("OfflinePill")
        self.offline.setAccessibleName("Network status: offline")
        self.offline.setToolTip("Offline: nothing leaves this computer. Locum has no cloud features switched on.")
        sb.addWidget(self.index_status)
        sb.addWidget(self.engine_status)
        sb.addPermanentWidget(self.model_status)
        sb.addPermanentWidget(self.offline)
        self._update_index_status()
        self._update_engine(self.c.engine)
        self._update_model()
        self._restyle_status()

    def _build_shortcuts(self) -> None:
        def act(seq, slot, name):
            a = QAction(name, self)
            a.setShortcuts([QKeySequence(s) for s in seq] if isinstance(seq, list) else [QKeySequence(seq)])
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            a.triggered.connect(slot)
            self.addAction(a)
            return a

        self.act_new_chat = act(QKeySequence.StandardKey.New, self.new_chat, "New conversation")
        self.act_search = act(QKeySequence.StandardKey.Find, self.focus_search, "Search the library")
        self.act_add = act(QKeySequence.StandardKey.Open, self.add_folder, "Add a folder")
        self.act_settings = act(["Ctrl+,", QKeySequence(QKeySequence.StandardKey.Preferences).toString()],
                                lambda: self.show_view("settings"), "Settings")
        for i, key in enumerate(VIEWS[:4], 1):
            act(f"Ctrl+{i}", lambda _=False, k=key: self.show_view(k), TITLES[key])

    # ---- navigation ------------------------------------------------------------
    def current_view(self) -> str:
        return VIEWS[self.stack.currentIndex()]

    def show_view(self, key: str) -> None:
        if key not in VIEWS:
            return
        self.stack.setCurrentIndex(VIEWS.index(key))
        self.nav_buttons[key].setChecked(True)
        if key == "ask":
            self.ask.focus_composer()
        self.viewChanged.emit(key)

    def navigate(self, target: str) -> None:
        """Targets from banners and links: "library", "settings", "settings:models"."""
        view, _, tab = target.partition(":")
        if view == "settings" and tab:
            self.settings_view.show_tab(tab)
        self.show_view(view)

    def new_chat(self) -> None:
        self.show_view("ask")
        self.ask.new_conversation()

    def focus_search(self) -> None:
        self.show_view("library")
        self.library.focus_search()

    def add_folder(self) -> None:
        self.show_view("library")
        self.library.choose_folder()

    # ---- opening sources -------------------------------------------------------
    def open_source(self, path: str, page, quote: str = "", boxes=()) -> None:
        if not os.path.exists(path):
            self.banner.show_message(f"{path} is no longer there.", level="warning",
                                     detail="It was moved or deleted; the next sync takes it out of the library.")
            return
        # Pictures open here only with boxes to draw; otherwise the system's viewer is better.
        if is_pdf(path) or (is_image(path) and boxes):
            if self._viewer is None:
                self._viewer = PdfViewer(self)
            self._viewer.show()
            if self._viewer.open(path, page, quote, boxes):
                self._viewer.raise_()
                self._viewer.activateWindow()
                return
            self._viewer.hide()
        if not open_external(path):
            self.banner.show_message(f"No program on this computer opens {os.path.basename(path)}.", level="warning")

    @property
    def viewer(self) -> PdfViewer | None:
        return self._viewer

    # ---- status bar ------------------------------------------------------------
    def _update_index_status(self) -> None:
        s = self.c.status
        if self.c.indexing:
            text = "Checking folders…"
        elif not s.folders:
            text = "Library empty"
        else:
            text = f"Library: {plural(s.files, 'file')} · {plural(s.chunks, 'passage')}"
            if s.failed:
                text += f" · {s.failed} failed"
        self.index_status.setText(text)

    def _on_progress(self, p: IndexProgress) -> None:
        if p.stage == "indexing" and p.files_total:
            self.index_status.setText(f"Indexing {p.files_done:,} of {plural(p.files_total, 'file')} · "
                                      f"{human_eta(p.eta_seconds)}")
        elif p.stage == "finishing":
            self.index_status.setText("Saving the index…")

    def _update_engine(self, state: str) -> None:
        self.engine_status.setText({
            "starting": "Starting…", "opening": "Opening the library…", "idle": "Search loads when needed",
            "loading": "Loading search engine…", "ready": "Search ready",
            "failed": "Search engine failed to load"}.get(state, state))

    def _update_model(self) -> None:
        active = self.c.active_model
        name = active.title.replace(" (bundled)", "") if active else self.c.settings.chat_model
        state, _detail = self.c.model
        suffix = {"idle": "loads when you ask", "loading": "loading…", "ready": "ready",
                  "failed": "failed to load"}.get(state, state)
        self.model_status.setText(f"Model: {name} · {suffix}")
        self.model_status.setToolTip(active.path if active and active.path else "")

    def _restyle_status(self) -> None:
        t = theme.tokens()
        pol = self.c.cloud_policy
        if pol.enabled:
            allowed = [f.capitalize() for f in ("ask", "extract", "leads") if pol.allows(f)]
            self.offline.setText(f'<span style="color:{t.warning_text}">● Cloud on</span>')
            self.offline.setAccessibleName("Network status: cloud on")
            self.offline.setToolTip("Claude is switched on for " + (", ".join(allowed) or "no feature yet")
                                    + ". Every request is in the audit log: Settings > Cloud.")
            self.privacy_note.setText(CLOUD_NOTE)
        else:
            self.offline.setText(f'<span style="color:{t.success}">●</span> Offline')
            self.offline.setAccessibleName("Network status: offline")
            self.offline.setToolTip("Offline: nothing leaves this computer. Locum has no cloud features switched on.")
            self.privacy_note.setText(LOCAL_NOTE)

    def _restyle(self) -> None:
        self._logo.setPixmap(theme.icon("logo", theme.tokens().accent).pixmap(26, 26))
        self._lock.setPixmap(theme.icon("lock", theme.tokens().muted).pixmap(14, 14))
        for key, b in self.nav_buttons.items():
            b.setIcon(theme.icon(ICONS[key]))
        self._restyle_status()

    # ---- errors ----------------------------------------------------------------
    def show_error(self, exc: BaseException, tb: str | None = None) -> None:
        if isinstance(exc, LocumError):
            text, action = describe(exc)
            btn, key = action_for(exc)
            self.banner.show_message(text, level="error", detail=action, action=btn, action_key=key)
        else:
            show_unexpected(self, exc, tb)

    def _after_erase(self) -> None:
        self.qsettings.clear()
        self.ask.new_conversation()
        self.ask.refresh_conversations()

    # ---- drops -----------------------------------------------------------------
    def dragEnterEvent(self, e) -> None:
        if e.mimeData().hasUrls() and any(u.isLocalFile() for u in e.mimeData().urls()):
            e.acceptProposedAction()

    def dropEvent(self, e) -> None:
        paths = [u.toLocalFile() for u in e.mimeData().urls() if u.isLocalFile()]
        self.handle_drop(paths)
        e.acceptProposedAction()

    def handle_drop(self, paths: list[str]) -> None:
        models = [p for p in paths if p.lower().endswith(".gguf")]
        docs = [p for p in paths if p not in models]
        for m in models:
            self.navigate("settings:models")
            self.settings_view.models.add_file(m)
        if docs and self.current_view() == "extract":
            self.extract.add_paths(docs)  # documents dropped on Extract are read for their fields
        elif docs and self.current_view() == "leads":
            self.leads.add_paths(docs)  # inquiries dropped on Leads become lead notes
        elif docs:
            self.show_view("library")
            self.library.add_paths(docs)

    # ---- state -----------------------------------------------------------------
    def restore_state(self) -> None:
        geo = self.qsettings.value("window/geometry")
        if geo is not None:
            self.restoreGeometry(geo)
        else:
            self.resize(1180, 780)
        view = self.c.settings.last_view if self.c.settings.last_view in VIEWS else "ask"
        if not self.c.status.folders and view == "ask" and not self.qsettings.contains("window/geometry"):
            view = "library"  # first run: the welcome panel lives there
        self.show_view(view)

    def save_state(self) -> None:
        self.qsettings.setValue("window/geometry", self.saveGeometry())
        self.qsettings.sync()
        s = self.c.settings
        if s.last_view != self.current_view():
            s.last_view = self.current_view()
            try:
                s.save()
            except OSError:
                pass  # a read-only home must not stop the window from closing

    def closeEvent(self, e) -> None:
        self.save_state()
        self.leads.flush(wait=True)  # a note typed a moment ago is kept
        if self._viewer is not None:
            self._viewer.close()
        # Stop indexing at the next batch; finished files are saved by the generator.
        self.c.shutdown()
        super().closeEvent(e)

    def event(self, e) -> bool:
        handled = super().event(e)
        if not self._painted and e.type() in (QEvent.Type.Paint, QEvent.Type.UpdateRequest):
            self._painted = True
            self.firstPainted.emit()
        return handled
