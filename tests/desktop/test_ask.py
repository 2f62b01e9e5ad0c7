"""Ask view with the fake chat backend: streaming, citations to the page, Stop, history."""
from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from models.fake import FakeChat
from tests.desktop.conftest import wait_indexed




class SlowChat(FakeChat):
    def stream(self, messages, **kw):
        for piece in super().stream(messages, **kw):
            time.sleep(0.05)
            yield piece


@pytest.fixture
def indexed(window, qtbot, docs):
    w, c = window
    w.library.add_paths([str(docs[0].parent)])
    wait_indexed(qtbot, c)
    w.show_view("ask")
    return w, c


def ask(qtbot, w, question):
    qtbot.keyClicks(w.ask.composer, question)
    qtbot.keyClick(w.ask.composer, Qt.Key.Key_Return)


def reopen_only_conversation(make_window, qtbot):
    """A new window (as after a restart) opening its one saved conversation: its last card."""
    w, _ = make_window()
    qtbot.waitUntil(lambda: w.ask.conversations.rowCount() == 1, timeout=5000)
    w.show_view("ask")
    idx = w.ask.conversations.index(0)
    w.ask.conv_list.setCurrentIndex(idx)
    w.ask._on_conversation_clicked(idx)
    qtbot.waitUntil(lambda: w.ask.last_card() is not None, timeout=5000)
    return w.ask.last_card()


def test_answer_streams_and_citation_opens_the_page(indexed, qtbot):
    w, c = indexed
    c.services.chat_backend.queue("The monthly retainer fee is 2,500 dollars [1]. It is payable on the first business day.")
    pieces = []
    qtbot.waitUntil(lambda: w.ask.empty.isVisible())
    ask(qtbot, w, "What is the monthly retainer fee?")
    card = w.ask.last_card()
    assert card is not None and w.ask.stop_btn.isVisible()
    orig = card.append
    card.append = lambda p: (pieces.append(p), orig(p))
    qtbot.waitUntil(lambda: not w.ask.busy, timeout=20000)
    assert len(pieces) > 3  # token by token, not one block
    assert "2,500" in card.body.text()
    chips = card.chip_buttons()
    assert len(chips) == 1 and "doc00.pdf" in chips[0].text()
    assert w.ask.send_btn.isVisible() and not w.ask.stop_btn.isVisible()
    qtbot.mouseClick(chips[0], Qt.MouseButton.LeftButton)
    assert w.viewer is not None and w.viewer.isVisible()
    qtbot.waitUntil(lambda: w.viewer.found, timeout=10000)  # the quote is highlighted
    qtbot.wait(100)
    assert w.viewer.current_page() == 2
    card.copy()
    assert "2,500" in QGuiApplication.clipboard().text() and "doc00.pdf, page 2" in QGuiApplication.clipboard().text()


def test_not_found_answer_has_no_chips(indexed, qtbot):
    w, c = indexed
    ask(qtbot, w, "Which vaccines does the zoo require for penguins?")
    qtbot.waitUntil(lambda: not w.ask.busy, timeout=20000)
    card = w.ask.last_card()
    assert card.chip_buttons() == []
    assert "do not contain" in card.body.text()


def test_stop_interrupts_and_is_not_saved(indexed, qtbot):
    w, c = indexed
    from core.chat.service import PreparedChat

    c.services.__dict__["chat"] = PreparedChat(
        SlowChat(["The monthly retainer fee is 2,500 dollars, payable " * 20 + "[1]."]), None)
    c.services.__dict__.pop("assistant", None)
    ask(qtbot, w, "What is the monthly retainer fee?")
    card = w.ask.last_card()
    qtbot.waitUntil(lambda: len(card.streamed_text) > 10, timeout=20000)
    qtbot.mouseClick(w.ask.stop_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not w.ask.busy, timeout=10000)
    assert "Stopped" in card.notice.text()
    assert len(card.streamed_text) < 200
    assert c.services.conversations.list() == []


def test_conversations_are_listed_and_survive_a_restart(make_window, qtbot, docs):
    w, c = make_window()
    w.library.add_paths([str(docs[0].parent)])
    wait_indexed(qtbot, c)
    w.show_view("ask")
    c.services.chat_backend.queue("Bring photo identification [1].")
    ask(qtbot, w, "What must patients bring to the first appointment?")
    qtbot.waitUntil(lambda: not w.ask.busy, timeout=20000)
    qtbot.waitUntil(lambda: w.ask.conversations.rowCount() == 1, timeout=5000)
    assert "patients bring" in w.ask.conversations.data(w.ask.conversations.index(0))
    w.act_new_chat.trigger()
    assert w.ask.conversation_id is None and not w.ask._has_turns()
    w.close()

    card = reopen_only_conversation(make_window, qtbot)
    assert "photo identification" in card.body.text()
    assert len(card.chip_buttons()) == 1


def test_small_model_notice_links_to_settings(indexed, qtbot):
    w, c = indexed
    qtbot.waitUntil(lambda: c.active_model is not None, timeout=20000)
    assert w.ask.model_notice.isVisible()
    assert "small" in w.ask.model_notice.text.text()
    qtbot.mouseClick(w.ask.model_notice.action, Qt.MouseButton.LeftButton)
    assert w.current_view() == "settings" and w.settings_view.tabs.currentWidget() is w.settings_view.models


def test_closest_passages_show_when_no_answer_is_confirmed_and_survive_a_restart(make_window, qtbot, docs):
    w, c = make_window()
    w.library.add_paths([str(docs[0].parent)])
    wait_indexed(qtbot, c)
    w.show_view("ask")
    c.services.chat_backend.queue("I cannot find this in the documents.")
    ask(qtbot, w, "What is the monthly retainer fee?")
    qtbot.waitUntil(lambda: not w.ask.busy, timeout=20000)
    card = w.ask.last_card()
    assert card.chip_buttons() == []  # nothing is cited as evidence
    blocks = card.closest_blocks()
    assert len(blocks) == 1 and card.closest_box.isVisible()
    assert "No clear answer" in card.meta.text()
    with qtbot.waitSignal(card.citationClicked) as sig:
        qtbot.mouseClick(blocks[0], Qt.MouseButton.LeftButton)
    assert sig.args[0].path.endswith("doc00.pdf") and sig.args[0].page == 2
    assert "Closest passages" in card.plain_text()
    w.close()

    restored = reopen_only_conversation(make_window, qtbot)
    assert len(restored.closest_blocks()) == 1 and restored.chip_buttons() == []


def test_rename_and_delete_a_conversation_from_the_keyboard(indexed, qtbot, monkeypatch):
    from desktop.views import ask as askview

    w, c = indexed
    c.services.chat_backend.queue("The monthly retainer fee is $2,500 [1].")
    ask(qtbot, w, "What is the monthly retainer fee?")
    qtbot.waitUntil(lambda: not w.ask.busy, timeout=20000)
    qtbot.waitUntil(lambda: w.ask.conversations.rowCount() == 1, timeout=5000)
    lst = w.ask.conv_list
    lst.setCurrentIndex(w.ask.conversations.index(0))
    lst.setFocus()

    monkeypatch.setattr(askview, "ask_title", lambda parent, current: "Retainer fees")
    qtbot.keyClick(lst, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: w.ask.conversations.index(0).data() == "Retainer fees", timeout=5000)

    box = askview.delete_dialog(w, "Retainer fees")
    assert "Retainer fees" in box.text() and "erased" in box.informativeText()
    assert box.defaultButton() is box.button(box.StandardButton.Cancel)  # Enter does not delete
    box.deleteLater()
    monkeypatch.setattr(askview, "ask_delete", lambda parent, title: False)
    qtbot.keyClick(lst, Qt.Key.Key_Delete)
    qtbot.wait(200)
    assert w.ask.conversations.rowCount() == 1 and w.ask._has_turns()

    monkeypatch.setattr(askview, "ask_delete", lambda parent, title: True)
    qtbot.keyClick(lst, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: w.ask.conversations.rowCount() == 0, timeout=5000)
    assert not w.ask._has_turns() and w.ask.conversation_id is None  # the open one was closed
    assert c.services.conversations.list() == []
