"""Library: the folders Locum reads, their files and status, indexing progress, and search."""
from __future__ import annotations

import os

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView, QFileDialog, QFrame, QHBoxLayout, QHeaderView, QLineEdit, QListView, QMenu,
    QMessageBox, QProgressBar, QSplitter, QStackedWidget, QTableView, QVBoxLayout, QWidget,
)

from core.appdata import samples_dir
from core.library.no_text import NO_TEXT_OCR_OFF
from core.types import IndexProgress, IndexReport
from desktop import theme
from desktop.errors import describe
from desktop.item_models import FolderListModel, FolderRole, RecordRole, SearchResultsModel, SortRole, SourcesTableModel
from desktop.textutil import file_name, human_eta, plural, query_terms
from desktop.views.search_results import SearchResultsView
from desktop.views.welcome import WelcomePanel
from desktop.widgets import Banner, PageHeader, button, confirmed, destructive_dialog, label

SEARCH_DEBOUNCE_MS = 300


class _FolderFilter(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.folder = ""
        self.setSortRole(SortRole)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_folder(self, folder: str) -> None:
        self.beginFilterChange()
        self.folder = folder
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent) -> bool:
        if not self.folder:
            return True
        rec = self.sourceModel().record(row)
        return rec.folder == self.folder


class LibraryView(QWidget):
    openSource = Signal(str, object, str)  # path, page, quote
    navigate = Signal(str)

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self.c = controller
        self.setAccessibleName("Library")
        self._search_worker = None
        self._pending_query = ""

        self.stack = QStackedWidget(self)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(self.stack)

        self.welcome = WelcomePanel(samples_available=samples_dir() is not None)
        self.welcome.addFolderRequested.connect(self.choose_folder)
        self.welcome.samplesRequested.connect(self.add_samples)
        self.welcome.set_cloud(controller.cloud_policy.enabled)
        controller.cloudChanged.connect(lambda: self.welcome.set_cloud(controller.cloud_policy.enabled))
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self._build_main())

        controller.libraryChanged.connect(self._on_library)
        controller.indexStarted.connect(self._on_index_started)
        controller.indexProgress.connect(self._on_progress)
        controller.indexFinished.connect(self._on_finished)
        controller.indexFailed.connect(self._on_failed)
        controller.sourceRemoved.connect(self._on_removed)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.run_search)
        self._on_library()

    # ---- building --------------------------------------------------------------
    def _build_main(self) -> QWidget:
        page = QWidget()
        page.setObjectName("PageBody")
        col = QVBoxLayout(page)
        col.setContentsMargins(28, 24, 28, 20)
        col.setSpacing(14)

        self.header = PageHeader("Library", "")
        self.sync_btn = button("Sync now", icon="refresh", tip="Look for new, changed and deleted files now",
                               slot=self.c.sync)
        self.header.add_action(self.sync_btn)
        self.add_btn = button("Add folder…", kind="primary", icon="folder-plus",
                              tip="Add a folder to the library (Ctrl+O)", slot=self.choose_folder)
        self.header.add_action(self.add_btn)
        col.addWidget(self.header)

        self.search = QLineEdit()
        self.search.setObjectName("SearchBox")
        self.search.setPlaceholderText("Search your documents (Ctrl+F)")
        self.search.setAccessibleName("Search the library")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(theme.icon("search", theme.tokens().muted), QLineEdit.ActionPosition.LeadingPosition)
        self.search.textChanged.connect(self._on_query_changed)
        self.search.returnPressed.connect(self.run_search)
        col.addWidget(self.search)

        # Progress while indexing.
        self.progress_card = QFrame()
        self.progress_card.setProperty("card", True)
        pc = QVBoxLayout(self.progress_card)
        pc.setContentsMargins(14, 10, 10, 12)
        pc.setSpacing(6)
        top = QHBoxLayout()
        self.progress_title = label("", "section")
        self.progress_detail = label("", "muted")
        text = QVBoxLayout()
        text.setSpacing(1)
        text.addWidget(self.progress_title)
        text.addWidget(self.progress_detail)
        top.addLayout(text, 1)
        self.cancel_btn = button("Cancel", icon="close", tip="Stop indexing; files already done are kept",
                                 slot=self.c.cancel_index)
        top.addWidget(self.cancel_btn, 0, Qt.AlignmentFlag.AlignVCenter)
        pc.addLayout(top)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Indexing progress")
        pc.addWidget(self.progress)
        self.progress_card.hide()
        col.addWidget(self.progress_card)

        self.banner = Banner()
        self.banner.actionClicked.connect(self.navigate.emit)
        col.addWidget(self.banner)

        self.content = QStackedWidget()
        col.addWidget(self.content, 1)

        # Files: folders on the left, their files on the right.
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.setHandleWidth(12)
        split.setStyleSheet("QSplitter::handle { background: transparent; }")
        left = QWidget()
        lc = QVBoxLayout(left)
        lc.setContentsMargins(0, 0, 0, 0)
        lc.setSpacing(8)
        lc.addWidget(label("Sources", "section"))
        self.folders = FolderListModel(self)
        self.folder_list = QListView()
        self.folder_list.setModel(self.folders)
        self.folder_list.setAccessibleName("Library folders")
        self.folder_list.setWordWrap(True)
        self.folder_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.folder_list.customContextMenuRequested.connect(self._folder_menu)
        self.folder_list.selectionModel().currentChanged.connect(self._on_folder_selected)
        lc.addWidget(self.folder_list, 1)
        self.remove_btn = button("Remove folder…", kind="danger", icon="trash",
                                 tip="Take the selected folder out of the library and erase its index",
                                 slot=self.remove_selected)
        self.remove_btn.setEnabled(False)
        lc.addWidget(self.remove_btn)
        left.setMinimumWidth(200)
        left.setMaximumWidth(320)
        split.addWidget(left)

        right = QWidget()
        rc = QVBoxLayout(right)
        rc.setContentsMargins(0, 0, 0, 0)
        rc.setSpacing(8)
        self.files_title = label("Files", "section")
        rc.addWidget(self.files_title)
        self.files = SourcesTableModel(self, colors=theme.tokens)
        self.proxy = _FolderFilter(self)
        self.proxy.setSourceModel(self.files)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Files in the library")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(32)
        hh = self.table.horizontalHeader()
        hh.setHighlightSections(False)
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        hh.setSectionResizeMode(SourcesTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(SourcesTableModel.FOLDER, QHeaderView.ResizeMode.Interactive)
        hh.setSectionResizeMode(SourcesTableModel.STATUS, QHeaderView.ResizeMode.Interactive)
        hh.resizeSection(SourcesTableModel.FOLDER, 150)
        hh.resizeSection(SourcesTableModel.STATUS, 170)
        hh.setSectionResizeMode(SourcesTableModel.CHUNKS, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(SourcesTableModel.SIZE, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self._open_file)
        rc.addWidget(self.table, 1)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([240, 700])
        self.content.addWidget(split)

        # Search results.
        res = QWidget()
        rl = QVBoxLayout(res)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.setSpacing(6)
        self.results_title = label("", "section")
        rl.addWidget(self.results_title)
        self.results = SearchResultsModel(self)
        self.results_view = SearchResultsView(self.results)
        self.results_view.openRequested.connect(self.openSource.emit)
        rl.addWidget(self.results_view, 1)
        self.content.addWidget(res)
        return page

    # ---- library state ---------------------------------------------------------
    def _on_library(self) -> None:
        c = self.c
        empty = c.is_empty and not c.indexing
        self.stack.setCurrentIndex(0 if empty else 1)
        self.files.set_records(c.files)
        self.folders.set_folders(c.status.folders, c.files)
        if not self.folder_list.currentIndex().isValid() and self.folders.rowCount():
            self.folder_list.selectionModel().setCurrentIndex(self.folders.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        s = c.status
        if not s.folders and c.indexing:
            self.header.subtitle.setText("Reading your first folder. Files appear here as they are indexed.")
            self.sync_btn.setEnabled(False)
            return
        pending = sum(1 for f in c.files if f.status == "pending")
        parts = [f"{plural(s.files, 'file')} indexed in {plural(len(s.folders), 'folder')}",
                 plural(s.chunks, 'passage')]
        if s.failed:
            parts.append(f"{s.failed} could not be read")
        if s.no_text:
            parts.append(f"{s.no_text} with no text found")
        if pending:
            parts.append(f"{pending} waiting")
        self.header.subtitle.setText(" · ".join(parts) + ". Folders are watched: changes sync by themselves.")
        self.sync_btn.setEnabled(bool(s.folders) and not c.indexing)

    def _on_folder_selected(self, current, _previous) -> None:
        folder = current.data(FolderRole) if current.isValid() else ""
        self.proxy.set_folder(folder or "")
        self.remove_btn.setEnabled(bool(folder))
        self.files_title.setText(f"Files in {file_name(folder)}" if folder else "All files")

    # ---- adding ----------------------------------------------------------------
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Add a folder to the library", os.path.expanduser("~"))
        if folder:
            self.add_paths([folder])

    def add_samples(self) -> None:
        d = samples_dir()
        if d is None:
            self.banner.show_message("The sample documents are not installed with this copy of Locum.", level="warning")
            return
        self.add_paths([str(d)])

    def add_paths(self, paths: list[str]) -> None:
        self.stack.setCurrentIndex(1)
        self.banner.hide()
        self.c.index(paths)

    # ---- indexing --------------------------------------------------------------
    def _on_index_started(self, kind: str) -> None:
        self.stack.setCurrentIndex(1)
        self._on_library()
        self.progress_title.setText("Looking for new and changed files…" if kind == "sync" else "Reading the folder…")
        self.progress_detail.setText("")
        self.progress.setRange(0, 0)
        self.cancel_btn.setEnabled(True)
        self.sync_btn.setEnabled(False)
        # A sync that finds nothing to do finishes in a blink: show the card only if it takes a while.
        QTimer.singleShot(400 if kind == "sync" else 0, self._maybe_show_progress)

    def _maybe_show_progress(self) -> None:
        if self.c.indexing:
            self.progress_card.show()

    def _on_progress(self, p: IndexProgress) -> None:
        if p.stage == "scanning":
            return
        if p.stage == "finishing":
            self.progress_title.setText("Saving the index…")
            self.progress.setRange(0, 0)
            return
        self.progress_card.show()
        self.progress.setRange(0, max(1, p.files_total))
        self.progress.setValue(p.files_done)
        self.progress_title.setText(f"Indexing {p.files_done:,} of {plural(p.files_total, 'file')}")
        current = f"{file_name(p.current_file)} · " if p.current_file else ""
        self.progress_detail.setText(f"{current}{plural(p.chunks, 'passage')} · {human_eta(p.eta_seconds)}")
        self.progress.setAccessibleDescription(self.progress_title.text())

    def _on_finished(self, report: IndexReport) -> None:
        self.progress_card.hide()
        self.sync_btn.setEnabled(True)
        changed = report.added + report.updated + report.removed
        failed = [f for f in report.failed]
        if report.cancelled and self.c.removing:
            self.banner.show_message("Indexing stopped to remove the folder; its index is being erased.", level="info")
        elif report.cancelled:
            self.banner.show_message("Indexing stopped. The files finished so far are kept; the rest will be "
                                     "read on the next sync.", level="info")
        elif failed:
            names = ", ".join(file_name(f.path) for f in failed[:3]) + ("…" if len(failed) > 3 else "")
            self.banner.show_message(
                f"{plural(len(failed), 'file')} could not be read: {names}",
                level="warning", detail="The reason is in the Status column. Fix the file and it is read again "
                                        "on the next sync.")
        elif report.warnings:
            names = ", ".join(file_name(f.path) for f in report.warnings[:3]) + ("…" if len(report.warnings) > 3 else "")
            ocr_off = any(w.warning == NO_TEXT_OCR_OFF for w in report.warnings)
            others = any(w.warning != NO_TEXT_OCR_OFF for w in report.warnings)
            self.banner.show_message(
                f"No text found in {plural(len(report.warnings), 'file')}: {names}. Search and Ask cannot find "
                "anything in them.", level="warning",
                detail=("Scans need OCR: turn on “Read scanned pages and images with OCR” in Settings, Library."
                        + (" The others hold no readable words." if others else "")
                        if ocr_off else "They are blank, or hold only pictures with no words in them."),
                action="Open settings" if ocr_off else "", action_key="settings:library" if ocr_off else "")
        elif changed:
            bits = []
            if report.added:
                bits.append(f"{plural(report.added, 'new file')}")
            if report.updated:
                bits.append(f"{report.updated:,} updated")
            if report.removed:
                bits.append(f"{report.removed:,} removed")
            self.banner.show_message(f"Library up to date: {', '.join(bits)} ({plural(report.chunks, 'passage')} added).",
                                     level="info")

    def _on_failed(self, exc: Exception) -> None:
        self.progress_card.hide()
        self.sync_btn.setEnabled(True)
        from desktop.errors import action_for

        text, action = describe(exc)
        btn, key = action_for(exc)
        self.banner.show_message(text, level="error", detail=action, action=btn, action_key=key)

    # ---- removing --------------------------------------------------------------
    def selected_folder(self) -> str:
        idx = self.folder_list.currentIndex()
        return (idx.data(FolderRole) or "") if idx.isValid() else ""

    def _folder_menu(self, pos) -> None:
        idx = self.folder_list.indexAt(pos)
        folder = idx.data(FolderRole) if idx.isValid() else ""
        if not folder:
            return
        menu = QMenu(self)
        menu.addAction(QAction("Open folder", menu, triggered=lambda: _open_path(folder)))
        menu.addAction(QAction("Remove from library…", menu, triggered=lambda: self.confirm_remove(folder)))
        menu.exec(self.folder_list.viewport().mapToGlobal(pos))

    def remove_selected(self) -> None:
        folder = self.selected_folder()
        if folder:
            self.confirm_remove(folder)

    def confirm_remove(self, folder: str) -> bool:
        n = sum(1 for f in self.c.files if f.folder == folder)
        if not ask_remove(self, folder, n):
            return False
        self.c.remove(folder)
        self.folder_list.selectionModel().setCurrentIndex(self.folders.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        return True

    def _on_removed(self, removal) -> None:
        self.banner.show_message(f"Removed from the library: the index of {plural(removal.files, 'file')} is erased. "
                                 "The documents themselves are untouched.", level="info")

    def _open_file(self, index) -> None:
        rec = index.data(RecordRole)
        if rec is not None:
            self.openSource.emit(rec.path, None, "")

    # ---- search ----------------------------------------------------------------
    def focus_search(self) -> None:
        self.stack.setCurrentIndex(1)
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
        self.c.ensure_engine(queries_only=True)

    def _on_query_changed(self, text: str) -> None:
        self.c.ensure_engine(queries_only=True)
        if not text.strip():
            self._search_timer.stop()
            self.content.setCurrentIndex(0)
            return
        self._search_timer.start()

    def run_search(self) -> None:
        query = self.search.text().strip()
        if not query:
            return
        self._search_timer.stop()
        if self._search_worker is not None and not self._search_worker.is_done:
            self._pending_query = query  # one search at a time; the latest query wins
            return
        self.content.setCurrentIndex(1)
        self.results_title.setText(f"Searching for “{query}”…")
        self._search_worker = self.c.run(self.c.services.library.search, query, 20,
                                         on_result=lambda hits, q=query: self._show_results(q, hits),
                                         on_error=self._search_failed, name="search")
        self._search_worker.finished.connect(self._search_done)

    def _search_done(self) -> None:
        self._search_worker = None
        if self._pending_query:
            q, self._pending_query = self._pending_query, ""
            if q == self.search.text().strip():
                self.run_search()

    def _show_results(self, query: str, hits) -> None:
        if query != self.search.text().strip():
            return
        self.results.set_results(query, query_terms(query), hits)
        if hits:
            self.results_title.setText(f"{plural(len(hits), 'passage')} for “{query}”")
        else:
            self.results_title.setText(f"Nothing found for “{query}”. Try other words, or check the folder is indexed.")

    def _search_failed(self, exc: Exception) -> None:
        text, action = describe(exc)
        self.results_title.setText("Search failed.")
        self.banner.show_message(text, level="error", detail=action)


def remove_dialog(parent: QWidget, folder: str, n_files: int) -> QMessageBox:
    return destructive_dialog(
        parent, "Remove folder", f"Remove “{file_name(folder)}” from the library?",
        f"Locum will erase the data it keeps for this folder: the index of {plural(n_files, 'file')} "
        "(passages and search vectors). The documents themselves stay where they are, untouched.",
        "Remove and erase")


def ask_remove(parent: QWidget, folder: str, n_files: int) -> bool:
    """True when the user confirms; the dialog says that the folder's data will be erased."""
    return confirmed(remove_dialog(parent, folder, n_files))


def _open_path(path: str) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl.fromLocalFile(path))
