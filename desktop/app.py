"""Composition root: settings -> services -> controller -> main window.

Only Qt, settings and the services facade are imported before the window is shown; the
services build LanceDB, the embedder and llama.cpp on first use, and the controller's
warm-up touches them in a worker once the window has painted, so a cold start shows the
window first and the status bar reports the rest as it loads.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time

# Environment for start-up measurements (benchmarks/bench_startup.py):
#   LOCUM_STARTUP_PROBE=FILE  append {"event": ..., "t": epoch seconds, ...} lines to FILE
#   LOCUM_QUIT_AFTER=paint|idle  quit after the first paint, or once the warm-up is done
PROBE = os.environ.get("LOCUM_STARTUP_PROBE")


def _probe(event: str, **extra) -> None:
    if PROBE:
        with open(PROBE, "a", encoding="utf-8") as f:
            f.write(json.dumps({"event": event, "t": time.time(), **extra}) + "\n")


def _parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="locum-desktop", description="Open the Locum window.")
    p.add_argument("--home", help="keep every file Locum writes under this folder (same as LOCUM_HOME)")
    p.add_argument("--theme", choices=["system", "light", "dark"], default="system")
    p.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    args, _qt_args = p.parse_known_args(argv)
    return args


def build(app, *, home: str | None = None, force_theme: str | None = None):
    """Build the window on an existing QApplication; returns (window, controller). Tests use this."""
    from core.services import Services
    from core.settings import Settings
    from desktop import theme
    from desktop.controller import Controller
    from desktop.main_window import MainWindow

    if theme.current() is None:
        theme.install(app, None if force_theme in (None, "system") else force_theme)
    from desktop import gc_guard

    gc_guard.install(app)  # cycles with Qt objects are collected on this thread, never a worker's
    settings = Settings.load(home)
    services = Services(settings)
    controller = Controller(services)
    window = MainWindow(controller)
    return window, controller


def main(argv: list[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    if args.home:
        os.environ["LOCUM_HOME"] = os.path.abspath(os.path.expanduser(args.home))
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Locum")
    app.setApplicationDisplayName("Locum")
    app.setOrganizationName("Locum")
    app.setDesktopFileName("locum")
    from desktop import theme

    theme.install(app, None if args.theme == "system" else args.theme)
    app.setWindowIcon(theme.icon("logo", theme.tokens().accent))
    font = app.font()
    if font.pointSizeF() < 10:  # X11 defaults to 9 pt, which reads small on today's screens
        font.setPointSizeF(10)
        app.setFont(font)

    window, controller = build(app)
    from desktop.errors import ExceptionRelay

    relay = ExceptionRelay(window.show_error)
    relay.install()
    app.aboutToQuit.connect(controller.shutdown)

    quit_after = os.environ.get("LOCUM_QUIT_AFTER", "")

    def painted() -> None:
        _probe("first_paint")
        # Let the first frame reach the screen before the warm-up competes for the GIL.
        QTimer.singleShot(50, controller.warm_up)
        if quit_after == "paint":
            QTimer.singleShot(0, app.quit)

    window.firstPainted.connect(painted)
    if quit_after == "idle":
        def engine(state: str) -> None:
            if state in ("idle", "ready", "failed"):
                QTimer.singleShot(1500, report_idle)

        def report_idle() -> None:
            import psutil

            _probe("idle", rss=psutil.Process().memory_info().rss, engine=controller.engine)
            app.quit()

        controller.engineState.connect(engine)
    window.show()
    code = app.exec()
    relay.uninstall()
    return code


if __name__ == "__main__":
    sys.exit(main())
