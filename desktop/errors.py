"""Showing errors: core's ``LocumError`` inline with what to do next, anything else as a
short dialog with the traceback under "Show Details", and every uncaught exception (UI
thread or any other) routed to the same place.
"""
from __future__ import annotations

import logging
import sys
import threading
import traceback
from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from core.errors import LocumError

log = logging.getLogger("locum.desktop")


def action_for(exc: BaseException) -> tuple[str, str]:
    """(button text, key) for the next step a LocumError suggests; ("", "") if none fits."""
    hint = (getattr(exc, "action", "") or "").lower()
    if "settings > cloud" in hint:
        return "Open Settings › Cloud", "settings:cloud"
    if "model" in hint:
        return "Open Settings › Models", "settings:models"
    if "re-index" in hint:
        return "Open Library", "library"
    if "settings" in hint:
        return "Open Settings", "settings"
    return "", ""


def describe(exc: BaseException) -> tuple[str, str]:
    """(message, what to do next) for the user."""
    if isinstance(exc, LocumError):
        return str(exc), getattr(exc, "action", "") or ""
    return f"Something went wrong: {type(exc).__name__}: {exc}", ""


def show_unexpected(parent: QWidget | None, exc: BaseException, tb: str | None = None) -> None:
    """A short dialog for a bug: one line, and the traceback for a bug report."""
    tb = tb or "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("unexpected error:\n%s", tb)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Locum")
    box.setText("Something went wrong.")
    box.setInformativeText(f"{type(exc).__name__}: {exc}\n\nYour documents and library are safe. "
                           "If this keeps happening, copy the details into a bug report.")
    box.setDetailedText(tb)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setAccessibleName("Error")
    box.open()  # not exec(): a modal loop inside an excepthook is asking for re-entrancy


class ExceptionRelay(QObject):
    """Carries uncaught exceptions from any thread to the UI thread."""

    caught = Signal(object, str)

    def __init__(self, handler: Callable[[BaseException, str], None]) -> None:
        super().__init__()
        self.caught.connect(handler)
        self._old_hook = sys.excepthook
        self._old_thread_hook = threading.excepthook

    def install(self) -> None:
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        sys.excepthook = self._old_hook
        threading.excepthook = self._old_thread_hook

    def _excepthook(self, etype, value, tb) -> None:
        if issubclass(etype, KeyboardInterrupt):
            return self._old_hook(etype, value, tb)
        self.caught.emit(value, "".join(traceback.format_exception(etype, value, tb)))

    def _thread_hook(self, args) -> None:
        if args.exc_type is SystemExit:
            return
        text = "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback))
        self.caught.emit(args.exc_value, text)
