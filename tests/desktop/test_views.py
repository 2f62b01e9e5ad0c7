"""Each view builds and responds: navigation, shortcuts, welcome, library, search, settings."""
from __future__ import annotations

import html
import json
import os
import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from tests.desktop.conftest import wait_indexed, write_docs


def test_first_run_shows_welcome_and_status(window):
    w, c = window
    assert w.current_view() == "library"
    assert w.library.stack.currentWidget() is w.library.welcome
    assert w.library.welcome.samples_card.isVisible()
    assert w.index_status.text() == "Library empty"
    assert "Offline" in w.offline.text()
    assert w.engine_status.text() == "Search loads when needed"
    assert list(w.nav_buttons) == ["ask", "library", "extract", "leads", "settings"]


def test_welcome_says_so_when_claude_is_switched_on(window):
    from core.privacy.policy import CloudPolicy

    w, c = window
    assert "no cloud, no network" in w.library.welcome.subtitle.text()
    pol = CloudPolicy.load(c.settings.home)
    pol.enabled = True
    pol.save(c.settings.home)
    c.cloud_changed()
    text = w.library.welcome.subtitle.text()
    assert "no cloud" not in text and "Claude is switched on" in text
    pol.enabled = False
    pol.save(c.settings.home)
    c.cloud_changed()
    assert "no cloud, no network" in w.library.welcome.subtitle.text()


def test_sidebar_and_shortcuts_switch_views(window, qtbot):
    w, c = window
    qtbot.mouseClick(w.nav_buttons["settings"], Qt.MouseButton.LeftButton)
    assert w.current_view() == "settings"
    w.act_new_chat.trigger()
    assert w.current_view() == "ask"
    w.activateWindow()
    qtbot.waitActive(w)
    w.act_search.trigger()
    assert w.current_view() == "library"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.library.search, timeout=2000)
    w.act_settings.trigger()
    assert w.current_view() == "settings"
    assert "Ctrl+N" in [s.toString() for s in w.act_new_chat.shortcuts()]
    assert "Ctrl+F" in [s.toString() for s in w.act_search.shortcuts()]
    assert "Ctrl+O" in [s.toString() for s in w.act_add.shortcuts()]
    assert "Ctrl+," in [s.toString() for s in w.act_settings.shortcuts()]
    for b in w.nav_buttons.values():
        assert b.accessibleName()


def test_add_folder_by_dialog_indexes_and_lists_files(window, qtbot, tmp_path, monkeypatch):
    w, c = window
    docs = write_docs(tmp_path / "docs", n=3)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "docs"))
    w.act_add.trigger()
    wait_indexed(qtbot, c)
    assert w.library.stack.currentIndex() == 1
    assert w.library.files.rowCount() == len(docs)
    statuses = {w.library.files.record(r).status for r in range(w.library.files.rowCount())}
    assert statuses == {"indexed"}
    assert "3 files" in w.index_status.text()
    assert "3 files indexed" in w.library.header.subtitle.text()
    assert w.library.folders.rowCount() == 2  # "All folders" and the one added


def test_failed_file_shows_its_reason(window, qtbot, tmp_path):
    w, c = window
    folder = tmp_path / "mixed"
    write_docs(folder, n=1)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    w.library.add_paths([str(folder)])
    wait_indexed(qtbot, c)
    m = w.library.files
    rows = {m.record(r).path.rsplit("/", 1)[1]: r for r in range(m.rowCount())}
    status = m.data(m.index(rows["broken.pdf"], m.STATUS))
    assert status.startswith("Failed: ") and len(status) > len("Failed: ")
    assert w.library.banner.isVisible() and "could not be read" in w.library.banner.text.text()


def test_search_shows_marked_snippets_and_opens_the_page(window, qtbot, tmp_path, monkeypatch):
    w, c = window
    write_docs(tmp_path / "docs", n=3, pages=3)
    w.library.add_paths([str(tmp_path / "docs")])
    wait_indexed(qtbot, c)
    w.act_search.trigger()
    qtbot.keyClicks(w.library.search, "retainer fee")
    qtbot.keyClick(w.library.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.library.results.rowCount() > 0, timeout=20000)
    assert w.library.content.currentIndex() == 1
    top = w.library.results.hit(0)
    assert top.path.endswith("doc00.pdf") and top.page == 3
    assert w.library.results.terms == ["retainer", "fee"]
    opened = []
    monkeypatch.setattr(w, "open_source", lambda *a: opened.append(a))
    w.library.results_view.openRequested.disconnect()
    w.library.results_view.openRequested.connect(lambda *a: opened.append(a))
    rect = w.library.results_view.visualRect(w.library.results.index(0))
    qtbot.mouseClick(w.library.results_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened and opened[0][0].endswith("doc00.pdf") and opened[0][1] == 3
    w.library.search.clear()
    assert w.library.content.currentIndex() == 0


def test_remove_folder_confirms_and_erases(window, qtbot, tmp_path, monkeypatch):
    from desktop.views import library as libview

    w, c = window
    write_docs(tmp_path / "docs", n=2)
    w.library.add_paths([str(tmp_path / "docs")])
    wait_indexed(qtbot, c)
    folder = c.status.folders[0]
    box = libview.remove_dialog(w, folder, 2)
    assert "erase" in box.informativeText() and "2 files" in box.informativeText()
    box.deleteLater()
    monkeypatch.setattr(libview, "ask_remove", lambda *a: False)
    assert not w.library.confirm_remove(folder)
    monkeypatch.setattr(libview, "ask_remove", lambda *a: True)
    assert w.library.confirm_remove(folder)
    qtbot.waitUntil(lambda: not c.status.folders and not c.files, timeout=20000)
    assert w.library.stack.currentWidget() is w.library.welcome


def test_watched_folder_syncs_new_and_deleted_files(window, qtbot, tmp_path):
    w, c = window
    docs = write_docs(tmp_path / "docs", n=2)
    w.library.add_paths([str(tmp_path / "docs")])
    wait_indexed(qtbot, c)
    assert str(tmp_path / "docs") in c.watcher.directories()
    (tmp_path / "docs" / "new note.txt").write_text("A new note about parking permits for staff.")
    qtbot.waitUntil(lambda: c.status.files == 3, timeout=20000)
    docs[0].unlink()
    qtbot.waitUntil(lambda: c.status.files == 2 and not c.indexing, timeout=20000)
    names = sorted(Path(f.path).name for f in c.files)
    assert names == ["doc01.pdf", "new note.txt"]


def test_drop_folder_and_gguf(window, qtbot, tmp_path, monkeypatch):
    w, c = window
    write_docs(tmp_path / "dropped", n=1)
    added = []
    monkeypatch.setattr(w.settings_view.models, "add_file", lambda p, force=False: added.append(p))
    w.handle_drop([str(tmp_path / "dropped"), str(tmp_path / "model.gguf")])
    assert added == [str(tmp_path / "model.gguf")]
    assert w.current_view() == "library"
    wait_indexed(qtbot, c)
    assert c.status.files == 1


def test_settings_models_list_and_add_gguf(window, qtbot, tmp_path):
    from core.chat.registry import bundled_chat_model_path

    w, c = window
    w.navigate("settings:models")
    assert w.settings_view.tabs.currentWidget() is w.settings_view.models
    qtbot.waitUntil(lambda: c.active_model is not None, timeout=20000)
    assert c.active_model.tiny
    page = w.settings_view.models
    assert page.card(c.active_model.name) is not None
    recommended = [m for m in c.models if m.kind == "recommended"]
    assert recommended and all(page.card(m.name).action.text() in ("Download", "Resume download") for m in recommended)
    copy = tmp_path / "my-model.gguf"
    shutil.copyfile(bundled_chat_model_path(), copy)
    page.add_file(str(copy))
    qtbot.waitUntil(lambda: c.active_model is not None and c.active_model.path == str(copy.resolve()), timeout=20000)
    assert not c.active_model.tiny
    assert json.loads((c.settings.home / "settings.json").read_text())["chat_model"] == c.active_model.name
    assert not w.ask.model_notice.isVisible()


def test_settings_library_saves_exclude_and_ocr(window, qtbot):
    w, c = window
    w.navigate("settings:library")
    lib = w.settings_view.library
    lib.exclude.setPlainText("*.tmp\nDrafts")
    lib.ocr.setChecked(False)
    qtbot.mouseClick(lib.save_btn, Qt.MouseButton.LeftButton)
    data = json.loads((c.settings.home / "settings.json").read_text())
    assert data["exclude"] == ["*.tmp", "Drafts"] and data["ocr"] is False


def test_erase_everything_needs_the_typed_word(window, qtbot, tmp_path, monkeypatch):
    from desktop.views.settings import EraseDialog

    w, c = window
    write_docs(tmp_path / "docs", n=1)
    w.library.add_paths([str(tmp_path / "docs")])
    wait_indexed(qtbot, c)
    dlg = EraseDialog(str(c.settings.home))
    assert not dlg.ok.isEnabled()
    dlg.field.setText("eras")
    assert not dlg.ok.isEnabled()
    dlg.field.setText("erase")
    assert dlg.ok.isEnabled()
    monkeypatch.setattr(EraseDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    home = c.settings.home
    before = [p for p in home.rglob("*") if p.is_file() and "lance" in p.parts]
    assert before
    # The user pointed the home at a folder of their own: those files must survive.
    (home / "Clients").mkdir()
    (home / "Clients" / "intake.pdf").write_bytes(b"%PDF-1.7 the user's own")
    (home / "notes.txt").write_text("call back on Monday")
    w.navigate("settings:data")
    with qtbot.waitSignal(c.erased, timeout=30000) as sig:
        assert w.settings_view.data.confirm_erase()
    qtbot.waitUntil(lambda: not c._refreshing, timeout=10000)
    # The window re-opens an empty library at once; nothing of the old one is left.
    assert not any(p.exists() for p in before)
    assert c.status.files == 0
    assert w.library.stack.currentWidget() is w.library.welcome
    assert (home / "Clients" / "intake.pdf").read_bytes() == b"%PDF-1.7 the user's own"
    assert (home / "notes.txt").read_text() == "call back on Monday"
    assert sorted(os.path.basename(p) for p in sig.args[0].left) == ["Clients", "notes.txt"]
    banner = w.settings_view.data.banner.text.text()
    assert "did not create" in banner and "notes.txt" in banner


def test_window_starts_with_a_bad_settings_file_and_says_why(make_window, qtbot):
    home = Path(os.environ["LOCUM_HOME"])
    (home / "settings.json").write_text('{"exclude": "*.tmp", "ocr": false}')
    w, c = make_window(warm=False)
    assert w.banner.isVisible()
    assert '"exclude" must be a list' in html.unescape(w.banner.text.text())
    assert (home / "settings.json.bad").read_text() == '{"exclude": "*.tmp", "ocr": false}'
    assert c.settings.ocr is False and isinstance(c.settings.exclude, list)


def test_geometry_and_last_view_are_restored(make_window, qtbot):
    w, c = make_window()
    w.resize(780, 640)  # fits the offscreen platform's 800x800 screen, so nothing is clamped
    w.show_view("settings")
    w.close()
    w2, c2 = make_window(show=False, warm=False)
    assert w2.current_view() == "settings"
    assert (w2.width(), w2.height()) == (780, 640)
    assert (c2.settings.home / "desktop.ini").exists()


def test_errors_inline_with_action_or_dialog(window, qtbot, monkeypatch):
    import sys

    from core.errors import ModelLoadError
    from desktop import main_window

    w, c = window
    c.errorRaised.emit(ModelLoadError("The model file is damaged."))
    assert w.banner.isVisible() and "damaged" in w.banner.text.text()
    assert w.banner.action.isVisible() and "Models" in w.banner.action.text()
    qtbot.mouseClick(w.banner.action, Qt.MouseButton.LeftButton)
    assert w.current_view() == "settings" and w.settings_view.tabs.currentWidget() is w.settings_view.models
    shown = []
    monkeypatch.setattr(main_window, "show_unexpected", lambda parent, exc, tb=None: shown.append(exc))
    c.errorRaised.emit(RuntimeError("boom"))
    assert [str(e) for e in shown] == ["boom"]
    # Uncaught exceptions, on the UI thread or any other, reach the same place.
    from desktop.errors import ExceptionRelay

    relay = ExceptionRelay(w.show_error)
    relay.install()
    try:
        try:
            raise ValueError("uncaught")
        except ValueError:
            sys.excepthook(*sys.exc_info())
        import threading

        t = threading.Thread(target=lambda: (_ for _ in ()).throw(KeyError("in a thread")))
        t.start()
        t.join()
        qtbot.waitUntil(lambda: len(shown) == 3, timeout=5000)
    finally:
        relay.uninstall()
    assert isinstance(shown[1], ValueError) and isinstance(shown[2], KeyError)


def test_dark_scheme_restyles(window, qapp):
    from desktop import theme

    w, c = window
    t = theme.current()
    t._force = "dark"
    t.apply()
    try:
        assert theme.tokens().dark
        assert qapp.palette().color(qapp.palette().ColorRole.Window).lightness() < 100
    finally:
        t._force = None
        t.apply()


def test_removing_a_folder_in_the_window_erases_its_quotes_from_conversations(window, qtbot, tmp_path, monkeypatch):
    from core.ask.answering import Assistant
    from core.ask.conversations import SOURCE_REMOVED_ANSWER
    from desktop.views import library as libview
    from desktop.views.answer_card import AnswerCard
    from core.chat.service import PreparedChat
    from models.fake import FakeChat
    from tests.helpers import drive

    w, c = window
    phrase = "repaint the harbour shed every seventh spring"
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "covenant.txt").write_text(f"Quillback covenant. The tenant of the Quillback boathouse must {phrase}.")
    w.library.add_paths([str(docs)])
    wait_indexed(qtbot, c)
    c.services.__dict__["chat"] = PreparedChat(FakeChat([f"The tenant must {phrase} [1]."]), None)
    _, ans = drive(Assistant.from_services(c.services, tiny_model=False).ask(
        "What must the tenant of the Quillback boathouse do?", conversation_id="lease"))
    assert ans.found and phrase in ans.citations[0].quote
    w.ask.open_conversation("lease")
    qtbot.waitUntil(lambda: any(phrase in card.body.text() for card in w.ask.findChildren(AnswerCard)), timeout=10000)

    monkeypatch.setattr(libview, "ask_remove", lambda *a: True)
    with qtbot.waitSignal(c.sourceRemoved, timeout=30000) as sig:
        assert w.library.confirm_remove(c.status.folders[0])
    assert sig.args[0].records == 1
    home = c.settings.home
    assert [p for p in home.rglob("*") if p.is_file() and phrase.encode() in p.read_bytes()] == []
    # The open conversation is shown as it is stored now: the question, the note, no quote.
    def cards():  # the old cards are deleted later by Qt; count the ones on show
        return [card for card in w.ask.findChildren(AnswerCard) if card.isVisibleTo(w.ask)]

    qtbot.waitUntil(lambda: any(SOURCE_REMOVED_ANSWER[1:40] in card.body.text() for card in cards()), timeout=10000)
    qtbot.waitUntil(lambda: len(cards()) == 1, timeout=10000)
    assert phrase not in cards()[0].body.text()
    assert "Source removed" in cards()[0].notice.text()
