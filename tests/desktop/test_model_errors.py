"""A chat model file that cannot be used is a readable message in the window, not a crash dialog.

Both ways in are covered: loading the model when the user starts typing (the banner), and
asking a question (the answer card). The file is added while whole, then damaged, as a
half-finished copy or a file replaced by something else would be.
"""
from __future__ import annotations

import os
import shutil

import pytest
from PySide6.QtCore import Qt

from core.chat.registry import bundled_chat_model_path
from core.chat.service import ChatModels
from core.settings import Settings


def _damage(path, how: str) -> None:
    if how == "truncated":
        os.truncate(path, path.stat().st_size // 2)
    else:
        path.write_text("Meeting notes, 3 March: call the client back about the retainer.\n" * 50)


@pytest.fixture(params=["truncated", "text renamed .gguf"])
def bad_model_window(request, qtbot, qapp, tmp_path, monkeypatch):
    monkeypatch.delenv("LOCUM_FAKE_BACKENDS", raising=False)
    home = tmp_path / "home"
    settings = Settings.load(home)
    model = tmp_path / "office-model.gguf"
    shutil.copyfile(bundled_chat_model_path(), model)
    models = ChatModels(settings)
    entry = models.add(model, name="office", force=True).entry
    models.use(entry.name, force=True)
    _damage(model, request.param)

    from desktop.app import build

    window, controller = build(qapp, home=str(home))
    qtbot.addWidget(window)
    window.resize(1100, 760)
    window.show()
    qtbot.waitExposed(window)
    unexpected = []
    import desktop.main_window

    monkeypatch.setattr(desktop.main_window, "show_unexpected", lambda *a, **k: unexpected.append(a))
    yield window, controller, model, unexpected
    controller.shutdown(30)
    window.close()


def _says_what_is_wrong(text: str, model) -> None:
    assert str(model) in text, text
    assert "Something went wrong" not in text
    assert "truncated" in text or "not a GGUF model" in text, text


def test_loading_a_bad_model_shows_the_file_and_what_to_do(bad_model_window, qtbot):
    w, c, model, unexpected = bad_model_window
    c.ensure_model()
    qtbot.waitUntil(lambda: c.model[0] == "failed", timeout=20000)
    _says_what_is_wrong(c.model[1], model)
    qtbot.waitUntil(lambda: w.banner.isVisible(), timeout=5000)
    _says_what_is_wrong(w.banner.text.text(), model)
    assert w.banner.action.isVisible() and w.banner.action.text() == "Open Settings › Models"
    assert unexpected == []


@pytest.mark.real  # asking wakes the real embedder too
def test_asking_with_a_bad_model_shows_the_file_in_the_answer(bad_model_window, qtbot):
    w, c, model, unexpected = bad_model_window
    w.show_view("ask")
    qtbot.keyClicks(w.ask.composer, "What is the monthly retainer fee?")
    qtbot.keyClick(w.ask.composer, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.ask.last_card() is not None and not w.ask.busy, timeout=20000)
    card = w.ask.last_card()
    _says_what_is_wrong(card.body.text(), model)
    assert "settings:models" in card.notice.text()  # the link to the Models page
    assert unexpected == []


def test_the_window_loads_the_one_backend_ask_uses(make_window, qtbot):
    w, c = make_window(warm=False)
    c.ensure_model()
    qtbot.waitUntil(lambda: c.model[0] == "ready", timeout=20000)
    built = c.services.chat
    assert c.services.assistant.backend is built.backend
    assert c.services.chat is built  # not built again for warnings or for Ask
