"""Ask: conversations on the left, the answer streaming in, citations that open the page."""
from __future__ import annotations

import uuid

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QInputDialog, QListView, QMenu, QMessageBox, QPlainTextEdit, QScrollArea, QVBoxLayout,
    QWidget,
)

from core.types import Citation
from desktop import theme
from desktop.errors import action_for, describe
from desktop.item_models import ConversationListModel, RecordRole
from desktop.textutil import file_name
from desktop.views.answer_card import AnswerCard, QuestionBubble
from desktop.widgets import Banner, EmptyState, button, clear_layout, confirmed, destructive_dialog, label

TINY_UI_NOTICE = ("You are using SmolLM2 135M, the very small model that comes with Locum, so answers are rough: "
                  "check them against the cited pages.")


class Composer(QPlainTextEdit):
    """The question box: Enter sends, Shift+Enter starts a new line; grows up to six lines."""

    submitted = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("Composer")
        self.setPlaceholderText("Ask a question about your documents…")
        self.setAccessibleName("Question")
        self.setTabChangesFocus(True)
        self.document().contentsChanged.connect(self._fit)
        self._fit()

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not e.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.submitted.emit()
            return
        super().keyPressEvent(e)

    def _fit(self) -> None:
        lines = max(1, min(6, int(self.document().size().height())))
        h = self.fontMetrics().lineSpacing() * lines + 22
        self.setFixedHeight(max(44, h))


class AskView(QWidget):
    openCitation = Signal(object)  # core.types.Citation
    navigate = Signal(str)

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self.setAccessibleName("Ask")
        self.c = controller
        self.conversation_id: str | None = None
        self._worker = None
        self._card: AnswerCard | None = None
        self._loading_conv = None

        root = QHBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(self._build_conversations())
        root.addWidget(self._build_chat(), 1)

        controller.libraryChanged.connect(self._update_empty)
        controller.modelsChanged.connect(self._update_model_notice)
        controller.sourceRemoved.connect(self._source_removed)
        controller.cloudChanged.connect(self._cloud_changed)
        self._update_empty()
        self._update_model_notice()
        QTimer.singleShot(0, self.refresh_conversations)

    # ---- building --------------------------------------------------------------
    def _build_conversations(self) -> QWidget:
        pane = QFrame()
        pane.setObjectName("ConversationPane")
        pane.setFixedWidth(250)
        col = QVBoxLayout(pane)
        col.setContentsMargins(12, 18, 12, 12)
        col.setSpacing(10)
        self.new_btn = button("New conversation", icon="chat-plus", tip="Start a new conversation (Ctrl+N)",
                              slot=self.new_conversation)
        col.addWidget(self.new_btn)
        col.addWidget(label("Recent", "caption"))
        self.conversations = ConversationListModel(self)
        self.conv_list = QListView()
        self.conv_list.setObjectName("ConversationList")
        self.conv_list.setModel(self.conversations)
        self.conv_list.setAccessibleName("Conversations")
        self.conv_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.conv_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.conv_list.clicked.connect(self._on_conversation_clicked)
        self.conv_list.activated.connect(self._on_conversation_clicked)
        self.conv_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.conv_list.customContextMenuRequested.connect(self._conversation_menu)
        self.act_rename = QAction("Rename…", self.conv_list, shortcut=QKeySequence(Qt.Key.Key_F2),
                                  triggered=lambda: self.rename_selected())
        self.act_delete = QAction("Delete…", self.conv_list, shortcut=QKeySequence.StandardKey.Delete,
                                  triggered=lambda: self.delete_selected())
        for act in (self.act_rename, self.act_delete):
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.conv_list.addAction(act)
        col.addWidget(self.conv_list, 1)
        return pane

    def _build_chat(self) -> QWidget:
        main = QWidget()
        main.setObjectName("PageBody")
        col = QVBoxLayout(main)
        col.setContentsMargins(28, 20, 28, 18)
        col.setSpacing(12)

        self.model_notice = Banner()
        self.model_notice.actionClicked.connect(self.navigate.emit)
        col.addWidget(self.model_notice)

        self.scroll = QScrollArea()
        self.scroll.setObjectName("Transcript")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body.setObjectName("TranscriptBody")
        self.transcript = QVBoxLayout(body)
        self.transcript.setContentsMargins(0, 0, 8, 0)
        self.transcript.setSpacing(14)
        self.transcript.addStretch(1)
        self.scroll.setWidget(body)
        self.scroll.verticalScrollBar().rangeChanged.connect(self._stick_to_bottom)

        self.empty = EmptyState("ask", "Ask your documents",
                                "Answers come only from the documents in your library, with the file and page "
                                "of every source. Try “What is the monthly retainer fee?”")
        self.empty_library = EmptyState("library", "Your library is empty",
                                        "Add a folder of documents first; then ask questions about them here.")
        self.empty_library.add_button(button("Open Library", kind="primary", icon="library",
                                             slot=lambda: self.navigate.emit("library")))
        col.addWidget(self.empty, 1)
        col.addWidget(self.empty_library, 1)
        col.addWidget(self.scroll, 1)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.composer = Composer()
        self.composer.submitted.connect(self.send)
        self.composer.textChanged.connect(self._on_typing)
        bar.addWidget(self.composer, 1)
        self.send_btn = button("Ask", kind="primary", icon="send", tip="Ask (Enter)", slot=self.send)
        self.send_btn.setFixedHeight(44)
        self.stop_btn = button("Stop", icon="stop", tip="Stop the answer (Esc)", slot=self.stop)
        self.stop_btn.setFixedHeight(44)
        self.stop_btn.hide()
        bar.addWidget(self.send_btn, 0, Qt.AlignmentFlag.AlignBottom)
        bar.addWidget(self.stop_btn, 0, Qt.AlignmentFlag.AlignBottom)
        col.addLayout(bar)
        self.hint = label(self._hint_text(), "caption")
        col.addWidget(self.hint)
        return main

    # ---- state -----------------------------------------------------------------
    def _has_turns(self) -> bool:
        return self.transcript.count() > 1

    def _update_empty(self) -> None:
        turns = self._has_turns()
        lib_empty = self.c.is_empty and not self.c.indexing
        self.scroll.setVisible(turns)
        self.empty.setVisible(not turns and not lib_empty)
        self.empty_library.setVisible(not turns and lib_empty)

    def _update_model_notice(self) -> None:
        active = self.c.active_model
        if active is not None and active.tiny:
            self.model_notice.show_message(TINY_UI_NOTICE, level="info", action="Choose a better model…",
                                           action_key="settings:models", closable=True)
        else:
            self.model_notice.hide()

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def _stick_to_bottom(self, _min: int, maximum: int) -> None:
        if self.busy or self._stick:
            self.scroll.verticalScrollBar().setValue(maximum)

    _stick = False

    def _on_typing(self) -> None:
        if self.composer.toPlainText().strip():
            self.c.ensure_engine()
            self.c.ensure_model()

    # ---- conversations ---------------------------------------------------------
    def refresh_conversations(self) -> None:
        self.c.run(lambda: self.c.services.conversations.list(), on_result=self._show_conversations,
                   name="list-conversations")

    def _show_conversations(self, convs) -> None:
        self.conversations.set_conversations(convs)
        row = self.conversations.row_of(self.conversation_id) if self.conversation_id else -1
        if row >= 0:
            self.conv_list.selectionModel().setCurrentIndex(self.conversations.index(row),
                                                            QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def new_conversation(self) -> None:
        if self.busy:
            self.stop()
        self.conversation_id = None
        self._clear_transcript()
        self.conv_list.clearSelection()
        self.composer.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _conversation_menu(self, pos) -> None:
        idx = self.conv_list.indexAt(pos)
        if not idx.isValid():
            return
        self.conv_list.setCurrentIndex(idx)
        menu = QMenu(self)
        menu.addAction(self.act_rename)
        menu.addAction(self.act_delete)
        menu.exec(self.conv_list.viewport().mapToGlobal(pos))

    def _selected_conversation(self):
        idx = self.conv_list.currentIndex()
        return idx.data(RecordRole) if idx.isValid() else None

    def rename_selected(self) -> bool:
        conv = self._selected_conversation()
        if conv is None:
            return False
        title = ask_title(self, conv.title)
        if title is None or not title.strip() or title.strip() == conv.title:
            return False
        store = self.c.services.conversations
        self.c.run(store.rename, conv.id, title.strip()[:200], on_result=lambda _: self.refresh_conversations(),
                   name="rename-conversation")
        return True

    def delete_selected(self) -> bool:
        conv = self._selected_conversation()
        if conv is None or not ask_delete(self, conv.title):
            return False
        if conv.id == self.conversation_id:
            self.new_conversation()  # stops an answer being written into it
        store = self.c.services.conversations
        self.c.run(store.delete, conv.id, on_result=lambda _: self.refresh_conversations(),
                   name="delete-conversation")
        return True

    def _on_conversation_clicked(self, index) -> None:
        conv = index.data(RecordRole)
        if conv is None or conv.id == self.conversation_id:
            return
        if self.busy:
            self.stop()
        self.open_conversation(conv.id)

    def open_conversation(self, conv_id: str) -> None:
        self.conversation_id = conv_id
        self._loading_conv = conv_id
        self.c.run(lambda: self.c.services.conversations.messages(conv_id),
                   on_result=lambda msgs, cid=conv_id: self._show_messages(cid, msgs), name="load-conversation")

    def _show_messages(self, conv_id: str, messages) -> None:
        if conv_id != self.conversation_id:
            return
        self._clear_transcript()
        question = ""
        for m in messages:
            if m.role == "user":
                question = m.content
                self._add(QuestionBubble(m.content))
            else:
                card = self._new_card(question)
                card.finish(m.content, m.citations, found=m.meta.get("found", True),
                            notice=self._notice_text(m.meta.get("notice", "")), model=m.meta.get("model", ""),
                            closest=[Citation.from_json(c) for c in m.meta.get("closest", [])])
                card.set_cloud_action(self.c.cloud_allows("ask"))
        self._stick = True
        QTimer.singleShot(0, lambda: setattr(self, "_stick", False))
        self._update_empty()

    def _source_removed(self, removal) -> None:
        # The open conversation may show quotes that were just erased from disk: show it as stored now.
        if getattr(removal, "records", 0) and self.conversation_id and not self.busy:
            self.open_conversation(self.conversation_id)

    def _clear_transcript(self) -> None:
        clear_layout(self.transcript, keep=1)
        self._card = None
        self._update_empty()

    def _add(self, w: QWidget) -> None:
        self.transcript.insertWidget(self.transcript.count() - 1, w)

    def _new_card(self, question: str = "") -> AnswerCard:
        card = AnswerCard(question=question)
        card.citationClicked.connect(self.openCitation.emit)
        card.actionRequested.connect(self.navigate.emit)
        card.askClaudeRequested.connect(self.ask_claude)
        self._add(card)
        return card

    # ---- asking ----------------------------------------------------------------
    def send(self) -> None:
        question = self.composer.toPlainText().strip()
        if not question or self.busy:
            return
        self.ask(question)

    def ask(self, question: str, *, cloud: bool = False, auto: bool = False) -> None:
        """Ask the local model, or (``cloud``) Claude through the privacy gateway; ``auto`` when
        Locum escalates by itself because the user allowed Claude for harder questions."""
        if not cloud:
            self.composer.clear()
        if self.conversation_id is None:
            self.conversation_id = uuid.uuid4().hex[:12]
        self._add(QuestionBubble(question))
        self._card = self._new_card(question)
        self._cloud_turn = cloud
        if cloud:
            self._card.set_status("No clear answer from the local model; asking Claude, as you allowed for harder "
                                  "questions…" if auto else "Asking Claude…")
        self._update_empty()
        self.send_btn.hide()
        self.stop_btn.show()
        if self.c.model[0] != "ready" and not cloud:
            self.c.note_model_loading()
        self._worker = self.c.run(self._ask_gen, question, self.conversation_id, cloud, on_yield=self._on_event,
                                  on_result=self._on_answer, on_error=self._on_error, on_aborted=self._on_aborted,
                                  on_finished=self._on_done, name="ask-claude" if cloud else "ask")

    def ask_claude(self, question: str) -> None:
        """"Ask Claude" on an answer: the same question, sent as Settings > Cloud allows."""
        if not question or self.busy:
            return
        self.ask(question, cloud=True)

    _cloud_turn = False
    _escalate: str | None = None

    def _ask_gen(self, question: str, conv_id: str, cloud: bool = False):
        if cloud:
            return self.c.services.cloud_assistant().ask(question, conversation_id=conv_id)
        return self.c.services.assistant.ask(question, conversation_id=conv_id)

    def _on_event(self, ev) -> None:
        card = self._card
        if card is None:
            return
        kind = type(ev).__name__
        if kind == "Token":
            if not card.streamed_text and not self._cloud_turn:
                self.c.note_model_ready()
            card.append(ev.text)
        elif kind == "Retrieved":
            n = len(ev.sources)
            if n:
                names = sorted({file_name(h.path) for h in ev.sources})
                more = f" and {len(names) - 2} more" if len(names) > 2 else ""
                card.set_status(f"Reading {n} passage{'s' if n != 1 else ''} from {', '.join(names[:2])}{more}…"
                                + (" (Claude)" if self._cloud_turn else
                                   "" if self.c.model[0] == "ready" else " (loading the model)"))
        elif kind == "Notice":
            card.set_notice(ev.text)

    def _notice_text(self, notice: str) -> str:
        from core.ask import answering

        # The core's notice names CLI commands; the window has a link instead.
        if answering.TINY_NOTICE in notice:
            notice = notice.replace(answering.TINY_NOTICE, "").strip()
            t = theme.tokens()
            link = (f'Answers from the small default model are rough. '
                    f'<a href="settings:models" style="color:{t.accent}">Choose a better model</a>.')
            return (notice + " " + link).strip()
        return notice

    def _on_answer(self, answer) -> None:
        if self._card is not None:
            self._card.finish(answer.answer, answer.citations, found=answer.found,
                              notice=self._notice_text(answer.notice), model=answer.model, closest=answer.closest)
            self._card.set_cloud_action(self.c.cloud_allows("ask"))
        if self._cloud_turn:
            return
        self.c.note_model_ready()
        # Passages came close but the local model gave no clear answer: Claude takes it, only where
        # the user chose "use Claude for harder tasks" for Ask (never when nothing relevant was found).
        if not answer.found and answer.closest and self.c.cloud_policy.mode("ask") == "harder_tasks":
            self._escalate = self._card.question if self._card is not None else None

    def _on_error(self, exc: Exception) -> None:
        if self._card is not None:
            text, action = describe(exc)
            btn, key = action_for(exc)
            self._card.failed(text, btn or action, key)
        from core.errors import LocumError

        if not isinstance(exc, LocumError):
            self.c.errorRaised.emit(exc)

    def _on_aborted(self) -> None:
        if self._card is not None:
            self._card.stopped()

    def _on_done(self) -> None:
        self._worker = None
        self._cloud_turn = False
        self.stop_btn.hide()
        self.send_btn.show()
        self.refresh_conversations()
        question, self._escalate = self._escalate, None
        if question:
            self.ask(question, cloud=True, auto=True)

    def _hint_text(self) -> str:
        where = ("answers are written on this computer unless you choose Ask Claude" if self.c.cloud_allows("ask")
                 else "answers are written on this computer")
        return "Enter to ask · Shift+Enter for a new line · " + where

    def _cloud_changed(self) -> None:
        self.hint.setText(self._hint_text())
        allowed = self.c.cloud_allows("ask")
        for i in range(self.transcript.count()):
            w = self.transcript.itemAt(i).widget()
            if isinstance(w, AnswerCard):
                w.set_cloud_action(allowed)

    def stop(self) -> None:
        self._escalate = None
        if self._worker is not None:
            self._worker.quit()

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() == Qt.Key.Key_Escape and self.busy:
            self.stop()
            return
        super().keyPressEvent(e)

    def last_card(self) -> AnswerCard | None:
        for i in range(self.transcript.count() - 2, -1, -1):
            w = self.transcript.itemAt(i).widget()
            if isinstance(w, AnswerCard):
                return w
        return None

    def focus_composer(self) -> None:
        self.composer.setFocus(Qt.FocusReason.ShortcutFocusReason)


def ask_title(parent: QWidget, current: str) -> str | None:
    """The new name, or None when the user cancels."""
    text, ok = QInputDialog.getText(parent, "Rename conversation", "Name:", text=current)
    return text if ok else None


def delete_dialog(parent: QWidget, title: str) -> QMessageBox:
    return destructive_dialog(
        parent, "Delete conversation", f"Delete the conversation “{title}”?",
        "Its questions and answers are erased from this computer. Your documents and the library are not "
        "touched.", "Delete")


def ask_delete(parent: QWidget, title: str) -> bool:
    return confirmed(delete_dialog(parent, title))
