"""Leads: drop a morning's inquiries (or paste one), get a scored lead note for each with the
words every value came from, a conflict check and a reply to edit; track them in the pipeline
and export them to the office's CRM.

Reading and assessing run in the controller's worker pool through ``services.leads.add`` (a
generator); Cancel closes it between two inquiries and the ones done are kept. Every change
(status, notes, follow-up, the reply) is written to the pipeline store at once, off the UI
thread. Replies are never sent by Locum: they are copied, or opened in the mail client.
"""
from __future__ import annotations

import html
import os

from PySide6.QtCore import QDate, QItemSelectionModel, QSettings, Qt, QTimer, QUrl, QUrlQuery, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFrame,
    QHBoxLayout, QHeaderView, QLineEdit, QMenu, QMessageBox, QPlainTextEdit, QProgressBar, QPushButton, QSplitter,
    QStackedWidget, QTableView, QTabWidget, QTextBrowser, QVBoxLayout, QWidget,
)

from core.leads.pipeline import LeadProgress
from core.leads.store import STATUSES, norm_email, norm_phone
from desktop import theme
from desktop.errors import describe
from desktop.leads_models import (
    FIELD_TITLES, TIER_TITLES, TIERS, LeadFieldsModel, LeadsFilter, LeadsTableModel, highlighted_inquiry, tier_color,
)
from desktop.textutil import file_name, plural
from desktop.widgets import Banner, EmptyState, PageHeader, button, label, table_look

FILE_FILTER = "Inquiries (*.eml *.msg *.mbox *.csv *.txt)"
NO_DATE = QDate(2000, 1, 1)  # the follow-up box's "none"
EXPORTS = {"hubspot": ("HubSpot contacts CSV", "leads-hubspot.csv", "CSV files (*.csv)"),
           "clio": ("Clio Grow lead inbox JSON", "leads-clio-grow.json", "JSON files (*.json)"),
           "vcard": ("vCard", "leads.vcf", "vCard files (*.vcf)")}
SAVE_DELAY_MS = 700  # typing in the reply or the notes is saved this long after the last key
TEMPLATE_NOTE = ("Drafted from the office's template for this tier. Locum never sends it: copy it, or open it in "
                 "your mail client.")


class PasteDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Paste an inquiry")
        self.resize(620, 420)
        col = QVBoxLayout(self)
        col.addWidget(label("Paste the message as you received it (a phone note works too). It is read on this "
                            "computer and kept in the pipeline.", "muted", wrap=True))
        self.edit = QPlainTextEdit()
        self.edit.setAccessibleName("Inquiry text")
        self.edit.setPlaceholderText("From: …\n\nHello, I need help with …")
        col.addWidget(self.edit, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.addButton("Read inquiry", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setProperty("kind", "primary")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)

    def text(self) -> str:
        return self.edit.toPlainText()


class LeadsView(QWidget):
    navigate = Signal(str)
    runFinished = Signal(object)  # the RunReport, or None when cancelled or failed (tests wait on it)
    leadsLoaded = Signal()
    saved = Signal()  # a change reached the store
    reassessed = Signal(object)  # the lead re-assessed with Claude, or None when it failed (tests wait on it)

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self.setAccessibleName("Leads")
        self.setAcceptDrops(True)
        self.c = controller
        self._worker = None
        self._loaded_once = False
        self._shown_id: int | None = None
        self._current_field: str | None = None
        self._office: dict = {"rubric": "law", "clients": None}
        self._pending: dict[str, tuple] = {}
        self._loading_detail = False
        self._claude_worker = None
        self.qsettings = QSettings(str(controller.settings.desktop_state_path), QSettings.Format.IniFormat)

        page = QWidget()
        page.setObjectName("PageBody")
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(page)
        col = QVBoxLayout(page)
        col.setContentsMargins(28, 24, 28, 20)
        col.setSpacing(12)

        self.header = PageHeader("Leads", "Each inquiry as a lead note: its fit, conflicts and a reply to edit.")
        self.office_box = QComboBox()
        self.office_box.setAccessibleName("Office rubric")
        self.office_box.setToolTip("The criteria new inquiries are scored against")
        self.office_box.setMinimumWidth(150)
        self.office_box.activated.connect(self._office_chosen)
        self.header.add_action(label("Office", "muted"))
        self.header.add_action(self.office_box)
        self.clients_btn = button("Client list…", icon="file", tip="Import the office's client and party list (CSV "
                                  "with a name column) for the conflict check")
        self.clients_menu = QMenu(self.clients_btn)
        self.clients_menu.addAction("Import a client list (CSV)…", self.choose_clients)
        self.stop_clients = self.clients_menu.addAction("Stop checking against a client list",
                                                        lambda: self.set_clients(None))
        self.clients_btn.setMenu(self.clients_menu)
        self.header.add_action(self.clients_btn)
        self.paste_btn = button("Paste…", icon="copy", tip="Paste an inquiry's text (an e-mail, a phone note)",
                                slot=self.paste)
        self.header.add_action(self.paste_btn)
        self.add_btn = button("Add inquiries…", kind="primary", icon="plus",
                              tip="Choose e-mails (.eml, .msg, .mbox), web-form exports (.csv) or text files",
                              slot=self.choose_files)
        self.header.add_action(self.add_btn)
        col.addWidget(self.header)

        self.queue_card = QFrame()
        self.queue_card.setProperty("card", True)
        qc = QHBoxLayout(self.queue_card)
        qc.setContentsMargins(14, 10, 10, 10)
        text = QVBoxLayout()
        text.setSpacing(4)
        self.queue_title = label("", "section")
        self.queue_progress = QProgressBar()
        self.queue_progress.setTextVisible(False)
        self.queue_progress.setAccessibleName("Reading progress")
        text.addWidget(self.queue_title)
        text.addWidget(self.queue_progress)
        qc.addLayout(text, 1)
        self.cancel_btn = button("Cancel", icon="close", tip="Stop after the inquiry being read; the ones done are "
                                 "kept", slot=self.cancel)
        qc.addWidget(self.cancel_btn, 0, Qt.AlignmentFlag.AlignVCenter)
        self.queue_card.hide()
        col.addWidget(self.queue_card)

        self.banner = Banner()
        self.banner.actionClicked.connect(self._banner_action)
        col.addWidget(self.banner)

        self.stack = QStackedWidget()
        col.addWidget(self.stack, 1)
        self.empty = EmptyState(
            "leads", "Drop inquiries here",
            "Drop e-mails (.eml, .msg, an .mbox export), web-form exports (.csv) or text files, or a folder of "
            "them, on this window; or paste one. Each becomes a lead note with the words every value came from, a "
            "fit score with reasons, a conflict check and a drafted reply. Nothing is sent anywhere.")
        self.empty.setAccessibleName("Drop inquiries here")
        self.empty.text.setMinimumHeight(self.empty.text.heightForWidth(self.empty.text.width()) + 4)
        self.empty.add_button(button("Add inquiries…", icon="plus", slot=self.choose_files))
        self.empty.add_button(button("Paste…", icon="copy", slot=self.paste))
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_main())

        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.flush)
        self.c.erased.connect(lambda _p: self.reload())
        self.c.cloudChanged.connect(self._update_claude_button)
        self.c.sourceRemoved.connect(lambda _r: self.reload())  # its inquiries or conflicts may be gone
        self._restore_filters()
        self.reload()

    # ---- building --------------------------------------------------------------
    def _build_main(self) -> QWidget:
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.setHandleWidth(14)
        split.setStyleSheet("QSplitter::handle { background: transparent; }")
        self.split = split

        left = QWidget()
        lc = QVBoxLayout(left)
        lc.setContentsMargins(0, 0, 0, 0)
        lc.setSpacing(6)
        filters = QHBoxLayout()
        filters.setSpacing(6)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter by name, need, words…")
        self.search.setAccessibleName("Filter leads")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda t: self._filter(text=t))
        filters.addWidget(self.search, 1)
        self.tier_box = QComboBox()
        self.tier_box.setAccessibleName("Tier filter")
        self.tier_box.addItem("Any tier", "")
        for t in TIERS:
            self.tier_box.addItem(TIER_TITLES[t], t)
        self.tier_box.currentIndexChanged.connect(lambda _i: self._filter(tier=self.tier_box.currentData()))
        filters.addWidget(self.tier_box)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Status filter")
        self.status_filter.addItem("Any status", "")
        for s in STATUSES:
            self.status_filter.addItem(s, s)
        self.status_filter.currentIndexChanged.connect(
            lambda _i: self._filter(status=self.status_filter.currentData()))
        filters.addWidget(self.status_filter)
        lc.addLayout(filters)

        self.model = LeadsTableModel(self, colors=theme.tokens)
        self.proxy = LeadsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Leads")
        self.table.setSortingEnabled(True)
        table_look(self.table, read_only=True)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(LeadsTableModel.NAME, QHeaderView.ResizeMode.Interactive)
        hh.resizeSection(LeadsTableModel.NAME, 150)
        hh.setSectionResizeMode(LeadsTableModel.NEED, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(LeadsTableModel.FIT, QHeaderView.ResizeMode.Interactive)
        hh.resizeSection(LeadsTableModel.FIT, 92)
        hh.setSectionResizeMode(LeadsTableModel.STATUS, QHeaderView.ResizeMode.Interactive)
        hh.resizeSection(LeadsTableModel.STATUS, 120)
        self.table.sortByColumn(LeadsTableModel.FIT, Qt.SortOrder.DescendingOrder)  # the hottest first
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._on_row(cur))
        lc.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.count_label = label("", "muted")
        bottom.addWidget(self.count_label, 1)
        self.export_btn = button("Export shown…", icon="download", tip="Write the leads listed (as filtered) for "
                                 "your CRM")
        menu = QMenu(self.export_btn)
        for kind, (title, _name, _flt) in EXPORTS.items():
            menu.addAction(title + "…", lambda k=kind: self.export(k))
        self.export_btn.setMenu(menu)
        bottom.addWidget(self.export_btn)
        lc.addLayout(bottom)
        left.setMinimumWidth(480)
        split.addWidget(left)
        split.addWidget(self._build_detail())
        self.detail.setMinimumWidth(400)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([560, 440])
        return split

    def _build_detail(self) -> QWidget:
        pane = QFrame()
        pane.setProperty("card", True)
        self.detail = pane
        dc = QVBoxLayout(pane)
        dc.setContentsMargins(16, 14, 16, 12)
        dc.setSpacing(8)
        top = QHBoxLayout()
        names = QVBoxLayout()
        names.setSpacing(2)
        self.d_name = label("", "section", selectable=True)
        self.d_contact = label("", "muted", wrap=True, selectable=True)
        names.addWidget(self.d_name)
        names.addWidget(self.d_contact)
        top.addLayout(names, 1)
        self.d_tier = label("")
        self.d_tier.setAccessibleName("Tier and score")
        top.addWidget(self.d_tier, 0, Qt.AlignmentFlag.AlignTop)
        dc.addLayout(top)
        self.d_badge = label("", name="CloudBadge")
        self.d_badge.setAccessibleName("Need read by Claude")
        self.d_badge.hide()
        self.d_reply_badge = label("", name="CloudBadge")
        self.d_reply_badge.setAccessibleName("Reply written by Claude")
        self.d_reply_badge.hide()
        # The button on its own row, the badges (what Claude did) under it: side by side they clip.
        cloud_row = QHBoxLayout()
        cloud_row.addStretch(1)
        self.claude_btn = button("Re-assess with Claude", icon="sparkle", slot=self.reassess_with_claude)
        self.claude_btn.setAccessibleName("Re-assess with Claude")
        cloud_row.addWidget(self.claude_btn)
        dc.addLayout(cloud_row)
        badges = QHBoxLayout()
        badges.setSpacing(10)
        badges.addWidget(self.d_badge)
        badges.addWidget(self.d_reply_badge)
        badges.addStretch(1)
        dc.addLayout(badges)

        track = QHBoxLayout()
        track.setSpacing(6)
        track.addWidget(label("Status", "muted"))
        self.d_status = QComboBox()
        self.d_status.setAccessibleName("Lead status")
        self.d_status.addItems(list(STATUSES))
        self.d_status.activated.connect(lambda _i: self._save("status", self.d_status.currentText()))
        track.addWidget(self.d_status)
        track.addSpacing(10)
        track.addWidget(label("Follow up", "muted"))
        self.d_follow = QDateEdit()
        self.d_follow.setAccessibleName("Follow-up date")
        self.d_follow.setCalendarPopup(True)
        self.d_follow.setDisplayFormat("yyyy-MM-dd")
        self.d_follow.setMinimumDate(NO_DATE)
        self.d_follow.setSpecialValueText("none")
        self.d_follow.dateChanged.connect(lambda _d: self._follow_changed())
        track.addWidget(self.d_follow)
        self.d_follow_clear = button("Clear", tip="No follow-up date", slot=lambda: self.d_follow.setDate(NO_DATE))
        track.addWidget(self.d_follow_clear)
        track.addStretch(1)
        dc.addLayout(track)

        self.d_banner = Banner()
        dc.addWidget(self.d_banner)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # Inquiry: the words, each field's source marked, and the fields under them.
        inq = QSplitter(Qt.Orientation.Vertical)
        inq.setChildrenCollapsible(False)
        self.d_inquiry = QTextBrowser()
        self.d_inquiry.setAccessibleName("Inquiry text")
        self.d_inquiry.setOpenLinks(False)
        inq.addWidget(self.d_inquiry)
        self.fields = LeadFieldsModel(self, colors=theme.tokens)
        self.d_fields = QTableView()
        self.d_fields.setModel(self.fields)
        self.d_fields.setAccessibleName("Lead fields")
        table_look(self.d_fields, read_only=True)
        fh = self.d_fields.horizontalHeader()
        fh.setSectionResizeMode(LeadFieldsModel.FIELD, QHeaderView.ResizeMode.ResizeToContents)
        fh.setSectionResizeMode(LeadFieldsModel.VALUE, QHeaderView.ResizeMode.Stretch)
        fh.setSectionResizeMode(LeadFieldsModel.FOUND, QHeaderView.ResizeMode.ResizeToContents)
        self.d_fields.selectionModel().currentRowChanged.connect(lambda cur, _p: self._on_field(cur.row()))
        inq.addWidget(self.d_fields)
        inq.setSizes([220, 260])
        self.tabs.addTab(inq, "Inquiry")
        # Fit and conflicts.
        self.d_fit = QTextBrowser()
        self.d_fit.setAccessibleName("Score, reasons and conflicts")
        self.d_fit.setOpenLinks(False)
        self.tabs.addTab(self.d_fit, "Fit and conflicts")
        # The reply.
        reply = QWidget()
        rc = QVBoxLayout(reply)
        rc.setContentsMargins(0, 8, 0, 0)
        rc.setSpacing(6)
        self.d_reply_note = label(TEMPLATE_NOTE, "muted", wrap=True)
        rc.addWidget(self.d_reply_note)
        self.d_reply = QPlainTextEdit()
        self.d_reply.setAccessibleName("Reply draft")
        self.d_reply.textChanged.connect(self._reply_changed)
        rc.addWidget(self.d_reply, 1)
        rb = QHBoxLayout()
        self.revert_btn = button("Undo my edits", icon="refresh", tip="Discard your edits: use the drafted reply",
                                 slot=self.revert_reply)
        rb.addWidget(self.revert_btn)
        rb.addStretch(1)
        self.copy_btn = button("Copy", icon="copy", tip="Copy the reply", slot=self.copy_reply)
        rb.addWidget(self.copy_btn)
        self.mail_btn = button("Open in mail", icon="external", kind="primary",
                               tip="Start a reply in your own mail program; you send it", slot=self.open_mail)
        rb.addWidget(self.mail_btn)
        rc.addLayout(rb)
        self.tabs.addTab(reply, "Reply")
        # Notes and history.
        notes = QWidget()
        nc = QVBoxLayout(notes)
        nc.setContentsMargins(0, 8, 0, 0)
        nc.setSpacing(6)
        self.d_notes = QPlainTextEdit()
        self.d_notes.setAccessibleName("Notes")
        self.d_notes.setPlaceholderText("Your notes about this lead (kept on this computer)")
        self.d_notes.textChanged.connect(self._notes_changed)
        nc.addWidget(self.d_notes, 2)
        nc.addWidget(label("History", "section"))
        self.d_history = QTextBrowser()
        self.d_history.setAccessibleName("History")
        nc.addWidget(self.d_history, 1)
        self.tabs.addTab(notes, "Notes")
        dc.addWidget(self.tabs, 1)
        self._show_lead(None)
        return pane


    # ---- the pipeline, read ----------------------------------------------------------------
    @property
    def leads(self):
        return self.c.services.leads  # looked up each time: erasing builds new services

    def reload(self) -> None:
        leads = self.leads
        self.c.run(lambda: (leads.list(), leads.office()), on_result=self._loaded, name="leads-list")

    def _loaded(self, got) -> None:
        items, office = got
        self._loaded_once = True
        self._office = office
        self._update_office()
        keep = self._shown_id if self._shown_id is not None else self.qsettings.value("leads/selected", None)
        self.model.set_leads(items)
        self._update_stack()
        if not self._pending:
            self._shown_id = None  # show it as kept now (it may have been read again or changed)
        self.select_id(int(keep) if keep not in (None, "") and str(keep).isdigit() else None)
        self.leadsLoaded.emit()

    def _update_stack(self) -> None:
        n = self.model.rowCount()
        self.stack.setCurrentIndex(1 if n else 0)
        shown = self.proxy.rowCount()
        self.count_label.setText(plural(n, "lead") if shown == n else f"{shown} of {plural(n, 'lead')} shown")
        self.export_btn.setEnabled(shown > 0)

    def _update_office(self) -> None:
        self.office_box.blockSignals(True)
        self.office_box.clear()
        self.office_box.addItem("Law firm", "law")
        self.office_box.addItem("Clinic", "clinic")
        rubric = self._office.get("rubric") or "law"
        if rubric not in ("law", "clinic"):
            self.office_box.addItem(file_name(rubric), rubric)
            self.office_box.setItemData(2, rubric, Qt.ItemDataRole.ToolTipRole)
        self.office_box.addItem("Rubric file…", "__file__")
        self.office_box.setCurrentIndex(max(0, self.office_box.findData(rubric)))
        self.office_box.blockSignals(False)
        clients = self._office.get("clients")
        self.clients_btn.setText(f"Clients: {file_name(clients)}" if clients else "Client list…")
        self.clients_btn.setToolTip(clients or "Import the office's client and party list (CSV with a name column) "
                                    "for the conflict check")
        self.stop_clients.setEnabled(bool(clients))

    # ---- filters -----------------------------------------------------------------------
    def _filter(self, **kw) -> None:
        self.proxy.set_filters(**kw)
        for k, v in kw.items():
            self.qsettings.setValue(f"leads/{k}", v)
        self._update_stack()
        if self._shown_id is not None and self._proxy_row(self._shown_id) is None:
            self._show_lead(None)

    def _restore_filters(self) -> None:
        tier = self.qsettings.value("leads/tier", "") or ""
        status = self.qsettings.value("leads/status", "") or ""
        text = self.qsettings.value("leads/text", "") or ""
        self.tier_box.setCurrentIndex(max(0, self.tier_box.findData(tier)))
        self.status_filter.setCurrentIndex(max(0, self.status_filter.findData(status)))
        self.search.setText(text)
        self.proxy.set_filters(tier=tier, status=status, text=text)

    def _proxy_row(self, lead_id: int) -> int | None:
        row = self.model.row_of(lead_id)
        if row is None:
            return None
        idx = self.proxy.mapFromSource(self.model.index(row, 0))
        return idx.row() if idx.isValid() else None

    def select_id(self, lead_id: int | None) -> None:
        row = self._proxy_row(lead_id) if lead_id is not None else None
        if row is None:
            row = 0 if self.proxy.rowCount() else None
        if row is None:
            self._show_lead(None)
            return
        self.table.selectionModel().setCurrentIndex(
            self.proxy.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self._on_row(self.proxy.index(row, 0))

    def _on_row(self, idx) -> None:
        if not idx.isValid():
            return
        src = self.proxy.mapToSource(idx)
        lead = self.model.lead(src.row())
        if lead.id == self._shown_id:
            return  # already shown, with what is being typed
        self.flush()
        self._show_lead(lead)

    # ---- one lead ------------------------------------------------------------------------
    def shown(self):
        if self._shown_id is None:
            return None
        row = self.model.row_of(self._shown_id)
        return self.model.lead(row) if row is not None else None

    def _show_lead(self, lead) -> None:
        self._loading_detail = True
        try:
            self._fill(lead)
        finally:
            self._loading_detail = False

    def _fill(self, lead) -> None:
        self._shown_id = lead.id if lead is not None else None
        if lead is not None:
            self.qsettings.setValue("leads/selected", lead.id)
        self.d_banner.hide()
        for w in (self.d_status, self.d_follow, self.d_follow_clear, self.tabs):
            w.setEnabled(lead is not None)
        self._set_badge(lead)
        self._set_reply_badge(lead)
        self._update_claude_button()
        if lead is None:
            self.d_name.setText("No lead chosen")
            self.d_contact.setText("Choose a lead on the left to see its note.")
            self.d_tier.setText("")
            self.d_inquiry.clear()
            self.fields.set_fields(None)
            self.d_fit.clear()
            self.d_reply.setPlainText("")
            self.d_notes.setPlainText("")
            self.d_history.clear()
            return
        t = theme.tokens()
        self.d_name.setText(lead.name or "(no name in the inquiry)")
        bits = [b for b in (lead.email, lead.phone, lead.value("organization")) if b]
        subject = lead.inquiry.get("subject")
        where = file_name(lead.file) if lead.file else "pasted text"
        self.d_contact.setText(" · ".join(str(b) for b in bits) + ("\n" if bits else "")
                               + (f"“{subject}” · " if subject else "") + where)
        self.d_tier.setText(f'<span style="color:{tier_color(lead.tier, t)};font-weight:600;font-size:15px">'
                            f'{html.escape(TIER_TITLES.get(lead.tier, lead.tier))}</span>'
                            f'<span style="color:{t.muted}"> · {lead.score}/100</span>')
        self.d_status.setCurrentText(lead.status)
        self.d_follow.setDate(QDate.fromString(lead.follow_up, "yyyy-MM-dd") if lead.follow_up else NO_DATE)
        warnings = []
        if lead.conflicts:
            warnings.append(f"{plural(len(lead.conflicts), 'possible conflict')}: check before replying "
                            "(Fit and conflicts).")
        warnings += [f for f in lead.data.get("flags") or [] if not str(f).startswith("possible conflict")]
        warnings += list(lead.data.get("errors") or [])
        if warnings:
            level = "error" if lead.conflicts else "warning"
            self.d_banner.show_message(warnings[0], level=level, detail="\n".join(warnings[1:4]))
        self._current_field = None
        self.fields.set_fields(lead.data.get("fields") or {})
        self._render_inquiry(lead)
        self.d_fit.setHtml(self._fit_html(lead))
        self.d_reply.setPlainText(lead.reply)
        self.d_reply_note.setText(self._reply_note(lead))
        self.revert_btn.setEnabled(lead.draft is not None)
        self.d_notes.setPlainText(lead.notes)
        self.d_history.setHtml(self._history_html(lead))

    # ---- Claude ------------------------------------------------------------------------
    def _set_badge(self, lead) -> None:
        """A "Claude" badge when the need shown was read by Claude, with the model's name."""
        from core.chat.cloud import is_cloud_model

        model = str((lead.data.get("model") if lead is not None else "") or "")
        need = ((lead.data.get("fields") or {}).get("need") or {}) if lead is not None else {}
        if not is_cloud_model(model) or need.get("method") != "claude":
            self.d_badge.hide()
            return
        t = theme.tokens()
        what = f"Need: {need.get('value')}" if need.get("value") else "Need: none of the office's services"
        self.d_badge.setText(f'<span style="background:{t.accent_soft}; color:{t.accent}; font-weight:600">'
                             f'&nbsp;☁ Claude&nbsp;</span>&nbsp;<span style="color:{t.muted}">{html.escape(what)}'
                             '</span>')
        self.d_badge.setToolTip(f"The need was read by {model.split(':', 1)[-1]} on Anthropic's servers; the score "
                                "is the office's rubric. What was sent is in Settings > Cloud > Audit log.")
        self.d_badge.show()

    def _set_reply_badge(self, lead) -> None:
        """A "Claude" badge when the drafted reply was written by Claude (and passed the checks)."""
        from core.chat.cloud import is_cloud_model

        model = str((lead.data.get("reply_model") if lead is not None else "") or "")
        if not is_cloud_model(model):
            self.d_reply_badge.hide()
            return
        t = theme.tokens()
        what = "Reply" + (" (edited)" if lead.draft is not None else "")  # short: it shares a row with the need's
        self.d_reply_badge.setText(f'<span style="background:{t.accent_soft}; color:{t.accent}; font-weight:600">'
                                   f'&nbsp;☁ Claude&nbsp;</span>&nbsp;<span style="color:{t.muted}">'
                                   f'{html.escape(what)}</span>')
        self.d_reply_badge.setToolTip(f"The reply was written by {model.split(':', 1)[-1]} on Anthropic's servers "
                                      "and checked: it states no contact detail, fee, date or name that the inquiry "
                                      "and the office's rubric do not hold. Read it before you send it.")
        self.d_reply_badge.show()

    @staticmethod
    def _reply_note(lead) -> str:
        from core.chat.cloud import is_cloud_model

        if lead is None or not is_cloud_model(str(lead.data.get("reply_model") or "")):
            return TEMPLATE_NOTE
        mine = " You have edited it; “Undo my edits” shows Claude's." if lead.draft is not None else ""
        return ("Written by Claude from the office's template for this tier, and checked against the inquiry and the "
                "rubric; read it before sending. Locum never sends it: copy it, or open it in your mail client." + mine)

    def _update_claude_button(self) -> None:
        """Enabled only for a lead shown, while Settings > Cloud lets Leads use Claude."""
        allowed = self.c.cloud_allows("leads")
        running = self._claude_worker is not None
        self.claude_btn.setEnabled(self._shown_id is not None and allowed and not running)
        self.claude_btn.setToolTip(
            "Claude is reading this inquiry…" if running else
            "Read this inquiry's need again and write the reply with Claude (its personal details redacted first, "
            "as Settings > Cloud says); the score stays the office's rubric, and a reply that states anything the "
            "inquiry does not is not kept" if allowed else
            "Leads is set to local only: switch Claude on for Leads in Settings > Cloud to use this")

    def reassess_with_claude(self) -> None:
        lead = self.shown()
        if lead is None or self._claude_worker is not None or not self.c.cloud_allows("leads"):
            return
        self.flush()
        self.d_banner.show_message("Claude is reading this inquiry's need and writing the reply…", level="info")
        self._claude_worker = self.c.run(self.leads.reassess_with_claude, lead.id, name="leads-claude",
                                         on_result=self._reassessed, on_error=self._reassess_failed,
                                         on_finished=self._claude_finished)
        self._update_claude_button()

    def _reassessed(self, lead) -> None:
        self.model.update(lead)
        if lead.id == self._shown_id:
            self._show_lead(lead)
            need = lead.value("need")
            head = (f"Re-assessed with Claude: {('need ' + str(need)) if need else 'no service fits'}"
                    f"; {TIER_TITLES.get(lead.tier, lead.tier)} · {lead.score}/100.")
            why = [f for f in lead.data.get("flags") or [] if str(f).startswith(("Claude's reply was not kept",
                                                                                 "Claude did not write the reply"))]
            if lead.data.get("reply_model"):
                self.d_banner.show_message(head + " Claude wrote the reply (Reply tab).", level="info")
            elif why:
                self.d_banner.show_message(head + " The reply is still the office's template.", level="warning",
                                           detail=why[0])
            else:
                self.d_banner.show_message(head, level="info")
        self.reassessed.emit(lead)

    def _reassess_failed(self, exc) -> None:
        text, action = describe(exc)
        self.d_banner.show_message(text, level="error", detail=action or "The lead was not changed.")
        self.reassessed.emit(None)

    def _claude_finished(self) -> None:
        self._claude_worker = None
        self._update_claude_button()

    def _render_inquiry(self, lead) -> None:
        text = lead.inquiry.get("text") or ""
        body = highlighted_inquiry(text, lead.data.get("fields") or {}, theme.tokens(), self._current_field)
        if lead.merged:
            t = theme.tokens()
            for m in lead.merged:
                body += (f'<hr><p style="color:{t.muted}">Also from this person: '
                         f'{html.escape(file_name(m.file) if m.file else "pasted text")}</p>'
                         + highlighted_inquiry(m.inquiry.get("text") or "", m.data.get("fields") or {}, t))
        self.d_inquiry.setHtml(body)
        if self._current_field:
            self.d_inquiry.scrollToAnchor(f"f-{self._current_field}")

    def _on_field(self, row: int) -> None:
        lead = self.shown()
        if lead is None or not (0 <= row < self.fields.rowCount()):
            return
        self._current_field = self.fields.field(row)[0]
        self._render_inquiry(lead)

    def _fit_html(self, lead) -> str:
        t = theme.tokens()
        e = html.escape
        out = [f'<p><span style="font-size:15px;font-weight:600;color:{tier_color(lead.tier, t)}">'
               f'{e(TIER_TITLES.get(lead.tier, lead.tier))}</span> · score {lead.score} of 100</p>']
        reasons = lead.data.get("reasons") or []
        if reasons:
            out.append("<p><b>Why</b></p><ul>")
            for r in reasons:
                pts = int(r.get("points") or 0)
                sign = f"+{pts}" if pts > 0 else str(pts)
                quote = f' — <i>“{e(str(r.get("quote")))}”</i>' if r.get("quote") else ""
                out.append(f'<li><b>{e(str(r.get("criterion", "")))}</b> ({sign}): {e(str(r.get("detail", "")))}'
                           f"{quote}</li>")
            out.append("</ul>")
        out.append("<p><b>Conflict check</b></p>")
        conflicts = lead.conflicts
        if not conflicts:
            checked = ["earlier leads"] + (["the client list"] if self._office.get("clients") else []) + \
                      (["the library"] if self.c.status.files else [])
            out.append(f'<p style="color:{t.muted}">No possible conflict found in {e(", ".join(checked))}. '
                       "Check anything this list does not hold yourself.</p>")
        else:
            where_titles = {"clients": "client list", "leads": "earlier lead", "library": "library"}
            out.append("<ul>")
            for c in conflicts:
                score = c.get("score")
                pct = f" · {round(float(score) * 100)}% alike" if isinstance(score, (int, float)) else ""
                out.append(f'<li><span style="color:{t.danger}">⚠</span> <b>{e(str(c.get("name", "")))}</b> '
                           f'matches <b>{e(str(c.get("matched", "")))}</b> in the '
                           f'{e(where_titles.get(c.get("where"), str(c.get("where"))))}{pct}<br>'
                           f'<span style="color:{t.muted}">{e(str(c.get("detail", "")))}</span></li>')
            out.append("</ul>")
        return "".join(out)

    @staticmethod
    def _history_html(lead) -> str:
        import datetime

        titles = {"added": "Added", "re-read": "Read again", "status": "Status", "notes": "Notes changed",
                  "follow_up": "Follow-up", "draft": "Reply", "merged": "Merged with another inquiry"}
        rows = []
        for h in reversed(lead.history):
            when = datetime.datetime.fromtimestamp(h.at).strftime("%Y-%m-%d %H:%M")
            what = titles.get(h.kind, h.kind)
            if h.kind == "status":
                what += f": {h.old} → {h.new}"
            elif h.kind == "follow_up":
                what += f": {h.new or 'none'}"
            elif h.kind == "draft":
                what += " edited" if h.new == "edited" else " back to the drafted one"
            elif h.kind == "reply":
                what = ("Reply written by Claude" if h.new == "claude" else
                        f"Claude's reply not kept ({(h.new or '').removeprefix('not kept: ')})"
                        if (h.new or "").startswith("not kept") else "Claude did not write the reply")
            elif h.kind in ("added", "re-read") and h.new:
                what += f" ({TIER_TITLES.get(h.new, h.new)})"
            rows.append(f"<tr><td style='padding-right:12px'>{when}</td><td>{html.escape(what)}</td></tr>")
        return "<table>" + "".join(rows) + "</table>"

    # ---- saving the person's changes -------------------------------------------------------
    def _save(self, what: str, value) -> None:
        if self._loading_detail or self._shown_id is None:
            return
        self._pending[what] = (self._shown_id, value)
        if what in ("status", "follow_up"):
            self.flush()
        else:
            self._save_timer.start()

    def _follow_changed(self) -> None:
        d = self.d_follow.date()
        self._save("follow_up", "" if d == NO_DATE else d.toString("yyyy-MM-dd"))

    def _reply_changed(self) -> None:
        if not self._loading_detail:
            self._save("draft", self.d_reply.toPlainText())
            self.revert_btn.setEnabled(True)

    def _notes_changed(self) -> None:
        self._save("notes", self.d_notes.toPlainText())

    def flush(self, *, wait: bool = False) -> None:
        """Write every pending change now (in a worker; one transaction each). ``wait``: here
        and now, for the window closing (its workers are being stopped)."""
        self._save_timer.stop()
        pending, self._pending = self._pending, {}
        if not pending:
            return
        store = self.leads.store
        setters = {"status": store.set_status, "follow_up": store.set_follow_up, "notes": store.set_notes,
                   "draft": store.set_draft}
        for what, (lead_id, value) in pending.items():
            if wait:
                try:
                    setters[what](lead_id, value)
                except Exception:  # closing: nothing left to tell
                    import logging

                    logging.getLogger(__name__).exception("could not save the lead's %s on close", what)
                continue
            self.c.run(setters[what], lead_id, value, on_result=self._saved, on_error=self._save_failed,
                       name=f"leads-{what}")

    def _saved(self, lead) -> None:
        self.model.update(lead)
        if lead.id == self._shown_id:
            self.d_history.setHtml(self._history_html(lead))
            self.revert_btn.setEnabled(lead.draft is not None)
            self.d_reply_note.setText(self._reply_note(lead))
            self._set_reply_badge(lead)
        self._update_stack()
        self.saved.emit()

    def _save_failed(self, exc) -> None:
        text, action = describe(exc)
        self.d_banner.show_message(f"Not saved: {text}", level="error", detail=action or "Nothing was changed.")
        lead = self.shown()
        if lead is not None:
            self._show_lead(lead)  # back to what is kept

    def revert_reply(self) -> None:
        lead = self.shown()
        if lead is None:
            return
        self._pending.pop("draft", None)
        self._loading_detail = True
        self.d_reply.setPlainText(lead.data.get("draft_reply") or "")
        self._loading_detail = False
        self._pending["draft"] = (lead.id, None)
        self.flush()

    def copy_reply(self) -> None:
        QApplication.clipboard().setText(self.d_reply.toPlainText())
        self.banner.show_message("Copied the reply.", level="info", detail="Paste it into your e-mail; Locum does "
                                 "not send it.")

    def mail_url(self) -> QUrl | None:
        lead = self.shown()
        if lead is None:
            return None
        to = lead.inquiry.get("reply_to") or lead.email
        url = QUrl(f"mailto:{to}")
        q = QUrlQuery()
        body = self.d_reply.toPlainText()
        subject = str(lead.inquiry.get("subject") or "").strip()
        subject = subject if not subject or subject.lower().startswith("re:") else f"Re: {subject}"
        first, _nl, rest = body.partition("\n")
        if first.lower().startswith("subject:"):  # the draft's own subject line goes where it belongs
            subject, body = first.split(":", 1)[1].strip(), rest.lstrip("\n")
        if subject:
            q.addQueryItem("subject", subject)
        q.addQueryItem("body", body)
        url.setQuery(q.toString(QUrl.ComponentFormattingOption.FullyEncoded))
        return url

    def open_mail(self) -> None:
        self.flush()
        url = self.mail_url()
        if url is None:
            return
        if not QDesktopServices.openUrl(url):
            self.banner.show_message("No mail program on this computer took the reply.", level="warning",
                                     detail="Copy it instead and paste it into your e-mail.")

    # ---- adding inquiries ------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._worker is not None

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Add inquiries", os.path.expanduser("~"), FILE_FILTER)
        if paths:
            self.add_paths(paths)

    def paste(self) -> None:
        dlg = PasteDialog(self)
        if dlg.exec() == QDialog.DialogCode.Accepted and dlg.text().strip():
            self.add_text(dlg.text())

    def add_paths(self, paths: list[str]) -> None:
        self._start(self.leads.add, list(paths))

    def add_text(self, text: str) -> None:
        self._start(self.leads.add_text, text)

    def _start(self, func, arg, *, title: str = "Reading inquiries…") -> None:
        if self._worker is not None:
            self.banner.show_message("Inquiries are being read; add these when it has finished.", level="info")
            return
        self.flush()
        self.banner.hide()
        self.queue_title.setText(title)
        self.queue_progress.setRange(0, 0)
        self.queue_card.show()
        self.cancel_btn.setEnabled(True)
        w = self.c.run(func, arg, name="leads-add", on_yield=self._on_progress, on_result=self._on_done,
                       on_error=self._on_failed)
        w.aborted.connect(self._on_aborted)
        w.finished.connect(self._on_worker_finished)
        self._worker = w
        self._last_report = None

    def _on_progress(self, ev) -> None:
        if not isinstance(ev, LeadProgress):
            return
        name = file_name(ev.source.rpartition("#")[0] or ev.source) if ev.source != "pasted" else "pasted text"
        if ev.source.rpartition("#")[2].isdigit() and "#" in ev.source:
            name += f" #{ev.source.rpartition('#')[2]}"
        if ev.stage == "reading":
            self.queue_title.setText(f"Opening {name} ({ev.detail})")
            return
        total = max(ev.total, 1)
        self.queue_progress.setRange(0, total)
        self.queue_progress.setValue(ev.done)
        if ev.stage == "assessing":
            self.queue_title.setText(f"Reading {min(ev.done + 1, total)} of {plural(ev.total, 'inquiry', 'inquiries')}"
                                     f" · {name}")
        elif ev.stage == "kept" and ev.lead_id is not None:
            self.c.run(self.leads.get, ev.lead_id, on_result=self._arrived, name="leads-get")

    def _arrived(self, lead) -> None:
        first = self.model.rowCount() == 0
        self.model.update(lead)
        self._update_stack()
        if first or self._shown_id is None:
            self.select_id(lead.id)
        elif lead.id == self._shown_id and not self._pending:
            self._show_lead(lead)  # read again while shown

    def _on_done(self, report) -> None:
        self._last_report = report
        parts = []
        if report.added:
            parts.append(f"{plural(len(report.added), 'new lead')}")
        if report.updated:
            parts.append(f"{len(report.updated)} read again")
        text = ", ".join(parts) or "No lead added"
        detail = ""
        if report.failed:
            names = "; ".join(f"{file_name(s)}: {e}" for s, e in report.failed[:3])
            detail = f"{plural(len(report.failed), 'inquiry', 'inquiries')} could not be read: {names}" + \
                     ("…" if len(report.failed) > 3 else "")
        self.banner.show_message(text + ".", level="warning" if report.failed else "info", detail=detail)

    def _on_failed(self, exc) -> None:
        text, action = describe(exc)
        self.banner.show_message(text, level="error", detail=action)

    def _on_aborted(self) -> None:
        self.banner.show_message("Stopped. The inquiries read before are kept.", level="info")

    def _on_worker_finished(self) -> None:
        self._worker = None
        self.queue_card.hide()
        report = self._last_report
        self.reload()
        if report is not None and report.duplicates:
            QTimer.singleShot(0, lambda: self._offer_merges(report.duplicates))
        self.runFinished.emit(report)

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.quit()
            self.cancel_btn.setEnabled(False)
            self.queue_title.setText("Stopping after this inquiry…")

    # ---- duplicates -------------------------------------------------------------------
    def ask_merge(self, lead, other) -> str:
        """"merge", "separate" or "later": the person decides whether two inquiries with the
        same e-mail or phone are one lead."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("The same person?")
        same = [w for w, a, b, norm in (("e-mail", lead.email, other.email, norm_email),
                                        ("phone", lead.phone, other.phone, norm_phone))
                if norm(a) and norm(a) == norm(b)]
        box.setText(f"{lead.name or lead.email or 'This inquiry'} has the same {' and '.join(same) or 'contact'} "
                    f"as {other.name or other.email or 'an earlier lead'} ({other.status}).")
        box.setInformativeText("Merge them into one lead? The earlier lead keeps its status; notes are joined.")
        merge = box.addButton("Merge", QMessageBox.ButtonRole.AcceptRole)
        apart = box.addButton("Different people", QMessageBox.ButtonRole.RejectRole)
        box.addButton("Ask later", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(merge)
        box.exec()
        clicked = box.clickedButton()
        return "merge" if clicked is merge else "separate" if clicked is apart else "later"

    def _offer_merges(self, pairs) -> None:
        store = self.leads.store
        for lead_id, others in pairs:
            for other_id in others:
                try:
                    lead, other = store.get(lead_id), store.get(other_id)
                except Exception:  # merged or removed meanwhile
                    continue
                answer = self.ask_merge(lead, other)
                if answer == "merge":
                    keep, into = (other_id, lead_id) if other.created <= lead.created else (lead_id, other_id)
                    self.c.run(store.merge, keep, into, on_result=lambda _l: self.reload(),
                               on_error=self._on_failed, name="leads-merge")
                    break  # the rest are offered again when it is read again
                if answer == "separate":
                    self.c.run(store.keep_separate, lead_id, other_id, name="leads-separate")

    # ---- the office --------------------------------------------------------------------
    def _office_chosen(self, index: int) -> None:
        choice = self.office_box.itemData(index)
        if choice == "__file__":
            path, _ = QFileDialog.getOpenFileName(self, "Choose the office's rubric", os.path.expanduser("~"),
                                                  "Rubric (*.json)")
            if not path:
                self._update_office()
                return
            choice = path
        self.set_rubric(choice)

    def _banner_action(self, key: str) -> None:
        if key == "leads:rescore":
            self.rescore()
        else:
            self.navigate.emit(key)

    def _offer_rescore(self, text: str, detail: str) -> None:
        n = self.model.rowCount()
        if n:
            one = n == 1
            detail = detail.format(leads="lead" if one else f"{n} leads", keep="keeps" if one else "keep",
                                   were="was" if one else "were", them="it" if one else "them",
                                   they="it" if one else "they")
            self.banner.show_message(text, level="info", detail=detail, action="Score again" if one else
                                     "Score them again", action_key="leads:rescore")
        else:
            self.banner.show_message(text, level="info")

    def rescore(self) -> None:
        """Assess every kept lead again with the rubric and client list as they are now; status,
        notes, follow-up and an edited reply stay (progress and Cancel like adding inquiries)."""
        self._start(lambda _arg: self.leads.rescore(), None, title="Scoring the leads again…")

    def set_rubric(self, choice: str) -> None:
        def done(rubric) -> None:
            self._offer_rescore(f"New inquiries are scored for {rubric.office}.",
                                "The {leads} already in the pipeline {keep} the score {they} {were} read with "
                                "until you score {them} again (status, notes and edited replies stay).")
            self.reload()

        def failed(exc) -> None:
            self._on_failed(exc)
            self._update_office()  # the choice stays as it was

        self.c.run(self.leads.set_rubric, choice, on_result=done, on_error=failed, name="leads-rubric")

    def choose_clients(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import the client list", os.path.expanduser("~"),
                                              "CSV files (*.csv)")
        if path:
            self.set_clients(path)

    def set_clients(self, path: str | None) -> None:
        def done(clients) -> None:
            if clients is None:
                self.banner.show_message("New inquiries are no longer checked against a client list.", level="info")
            else:
                n = len(getattr(clients, "parties", []) or [])
                self._offer_rescore(f"New inquiries are checked against {plural(n, 'name')} from {file_name(path)}.",
                                    "The {leads} already in the pipeline {were} checked against the list {they} "
                                    "{were} read with; score {them} again to check against this one.")
            self.reload()

        self.c.run(self.leads.set_clients, path, on_result=done, on_error=self._on_failed, name="leads-clients")

    # ---- export ------------------------------------------------------------------------
    def shown_ids(self) -> list[int]:
        return [self.model.lead(self.proxy.mapToSource(self.proxy.index(r, 0)).row()).id
                for r in range(self.proxy.rowCount())]

    def export(self, kind: str) -> None:
        ids = self.shown_ids()
        if not ids:
            return
        title, name, flt = EXPORTS[kind]
        path, _ = QFileDialog.getSaveFileName(self, f"Export {title}", os.path.join(os.path.expanduser("~"), name),
                                              flt)
        if not path:
            return
        suffix = os.path.splitext(name)[1]
        if not path.lower().endswith(suffix):
            path += suffix
        n = len(ids)
        self.flush()
        self.c.run(self.leads.export, ids, path, kind, name="leads-export",
                   on_result=lambda p: self.banner.show_message(f"Wrote {plural(n, 'lead')} to {p}", level="info"),
                   on_error=lambda e: self.banner.show_message(f"Could not write {path}: {e}", level="error"))

    # ---- showing, drops ----------------------------------------------------------------
    def showEvent(self, e) -> None:
        super().showEvent(e)
        if self._loaded_once and self._worker is None:
            self.reload()  # an inquiry or a document may have been removed from Locum meanwhile

    def hideEvent(self, e) -> None:
        self.flush()
        super().hideEvent(e)

    def dragEnterEvent(self, e) -> None:
        if e.mimeData().hasUrls() and any(u.isLocalFile() for u in e.mimeData().urls()):
            e.acceptProposedAction()
        elif e.mimeData().hasText():
            e.acceptProposedAction()

    def dropEvent(self, e) -> None:
        md = e.mimeData()
        paths = [u.toLocalFile() for u in md.urls() if u.isLocalFile()] if md.hasUrls() else []
        if paths:
            self.add_paths(paths)
        elif md.hasText() and md.text().strip():
            self.add_text(md.text())
        e.acceptProposedAction()


__all__ = ["LeadsView", "PasteDialog", "FIELD_TITLES"]
