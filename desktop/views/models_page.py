"""Settings › Models: the chat models on this computer and the recommended ones to download."""
from __future__ import annotations

import html
import os

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog, QFrame, QHBoxLayout, QProgressBar, QScrollArea, QSizePolicy, QVBoxLayout, QWidget,
)

from core.errors import LocumError
from desktop import theme
from desktop.errors import describe
from desktop.textutil import human_size
from desktop.widgets import Banner, button, clear_layout, label

GB = 1_000_000_000


def _badge(text: str, fg: str, bg: str) -> str:
    return (f'<span style="color:{fg}; background-color:{bg}; font-size:11px; font-weight:600">'
            f"&nbsp;{html.escape(text)}&nbsp;</span>")


class ModelCard(QFrame):
    useRequested = Signal(str)
    downloadRequested = Signal(str)
    cancelRequested = Signal(str)

    def __init__(self, row, ram, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.setProperty("card", True)
        self.setAccessibleName(f"Model {row.title}")
        t = theme.tokens()
        outer = QHBoxLayout(self)
        outer.setContentsMargins(16, 12, 14, 12)
        outer.setSpacing(14)
        col = QVBoxLayout()
        col.setSpacing(3)
        badges = []
        if row.active:
            badges.append(_badge("IN USE", t.accent_text, t.accent))
        if row.kind == "bundled":
            badges.append(_badge("COMES WITH LOCUM", t.muted, t.surface_alt))
        elif row.kind == "recommended":
            badges.append(_badge("RECOMMENDED", t.accent, t.accent_soft))
        title = label(f"<b>{html.escape(row.title)}</b>&nbsp;&nbsp;{'&nbsp;'.join(badges)}")
        title.setTextFormat(Qt.TextFormat.RichText)
        col.addWidget(title)
        facts = [f for f in (row.parameters and f"{row.parameters} parameters", row.quantization,
                             ("" if row.size_exact else "about ") + human_size(row.size_bytes) if row.size_bytes else "",
                             f"needs about {row.ram_needed_bytes / GB:.1f} GB of memory" if row.ram_needed_bytes else "",
                             row.licence and f"licence: {row.licence}") if f]
        col.addWidget(label(" · ".join(facts), "muted", wrap=True))
        if row.tiny:
            col.addWidget(label("Very small, so answers are rough. Fine for trying Locum; choose a bigger model "
                                "for real work.", "caption", wrap=True))
        if row.kind == "recommended" and row.partial_bytes and not row.downloaded:
            col.addWidget(label(f"{human_size(row.partial_bytes)} already downloaded; the download resumes.",
                                "caption"))
        if ram is not None and ram.status != "ok":
            warn = label(("⚠ " if ram.status == "tight" else "⛔ ") + ram.message, wrap=True)
            warn.setStyleSheet(f"color: {t.danger if ram.status == 'too_big' else t.warning_text};")
            col.addWidget(warn)
        if row.path and row.kind != "recommended":
            p = label(row.path, "caption", selectable=True)
            p.setToolTip(row.path)
            p.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            col.addWidget(p)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(f"Download of {row.title}")
        self.progress.hide()
        col.addWidget(self.progress)
        self.progress_text = label("", "caption")
        self.progress_text.hide()
        col.addWidget(self.progress_text)
        outer.addLayout(col, 1)

        self.action = None
        if row.kind == "recommended" and not row.downloaded:
            self.action = button("Resume download" if row.partial_bytes else "Download", icon="download",
                                 accessible=f"Download {row.title}",
                                 slot=lambda: self.downloadRequested.emit(row.name))
        elif not row.active:
            self.action = button("Use this model", accessible=f"Use {row.title}",
                                 slot=lambda: self.useRequested.emit(row.name))
        if self.action is not None:
            outer.addWidget(self.action, 0, Qt.AlignmentFlag.AlignVCenter)
        self.cancel = button("Cancel", icon="close", accessible=f"Cancel the download of {row.title}",
                             slot=lambda: self.cancelRequested.emit(row.name))
        self.cancel.hide()
        outer.addWidget(self.cancel, 0, Qt.AlignmentFlag.AlignVCenter)

    def show_progress(self, p) -> None:
        self.progress.show()
        self.progress_text.show()
        self.cancel.show()
        if self.action:
            self.action.hide()
        frac = p.fraction
        if frac is None:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(frac * 1000))
        total = f" of {human_size(p.total_bytes)}" if p.total_bytes else ""
        phase = {"connecting": "Connecting…", "verifying": "Checking the file…"}.get(p.phase)
        self.progress_text.setText(phase or f"{human_size(p.done_bytes)}{total}")


class ModelsPage(QWidget):
    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.c = controller
        self._downloads: dict[str, object] = {}
        self._cards: dict[str, ModelCard] = {}
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 14, 0, 0)
        col.setSpacing(12)
        top = QHBoxLayout()
        intro = label("Locum answers with a model that runs on this computer. Bigger models answer better "
                      "but need more memory and are slower. Any chat model in GGUF format works.", "muted", wrap=True)
        top.addWidget(intro, 1)
        self.add_btn = button("Add a GGUF file…", kind="primary", icon="plus",
                              tip="Add a model file you already have (you can also drop it on the window)",
                              slot=self.choose_file)
        top.addWidget(self.add_btn, 0, Qt.AlignmentFlag.AlignTop)
        col.addLayout(top)
        self.memory = label("", "caption")
        col.addWidget(self.memory)
        self.banner = Banner()
        col.addWidget(self.banner)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        body.setObjectName("PageBody")
        self.list = QVBoxLayout(body)
        self.list.setContentsMargins(0, 0, 6, 0)
        self.list.setSpacing(10)
        self.list.addStretch(1)
        scroll.setWidget(body)
        col.addWidget(scroll, 1)
        controller.modelsChanged.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        clear_layout(self.list, keep=1)
        self._cards = {}
        rows = self.c.models
        local = [r for r in rows if r.kind != "recommended"]
        remote = [r for r in rows if r.kind == "recommended"]
        for heading, group in (("On this computer", local), ("Recommended downloads", remote)):
            if not group:
                continue
            self.list.insertWidget(self.list.count() - 1, label(heading, "section"))
            for r in group:
                card = ModelCard(r, self.c.ram.get(r.name))
                card.useRequested.connect(self.use)
                card.downloadRequested.connect(self.download)
                card.cancelRequested.connect(self.cancel_download)
                self._cards[r.name] = card
                self.list.insertWidget(self.list.count() - 1, card)
        any_ram = next(iter(self.c.ram.values()), None)
        if any_ram is not None:
            self.memory.setText(f"This computer has {any_ram.total_bytes / GB:.0f} GB of memory; "
                                f"{any_ram.available_bytes / GB:.1f} GB is free now.")

    def card(self, name: str) -> ModelCard | None:
        return self._cards.get(name)

    # ---- actions ---------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Add a GGUF model", os.path.expanduser("~"),
                                              "GGUF models (*.gguf);;All files (*)")
        if path:
            self.add_file(path)

    def add_file(self, path: str, force: bool = False) -> None:
        def work():
            models = self.c.services.chat_models
            res = models.add(path, force=force)
            models.use(res.entry.name, force=True)
            return res

        self.banner.show_message(f"Checking {os.path.basename(path)}…", level="info", closable=False)
        self.c.run(work, on_result=self._added, on_error=lambda e: self._failed(e, retry=("add", path)),
                   name="add-model")

    def _added(self, res) -> None:
        verb = "was already added" if res.already_added else "was added"
        warn = res.ram.message if res.ram.status != "ok" else ""
        self.banner.show_message(f"{res.entry.title or res.entry.name} {verb} and is now the model in use.",
                                 level="warning" if warn else "info", detail=warn)
        self.c.model_changed()

    def use(self, name: str, force: bool = False) -> None:
        self.c.run(self.c.services.chat_models.use, name, force=force,
                   on_result=lambda res: self._used(res), on_error=lambda e: self._failed(e, retry=("use", name)),
                   name="use-model")

    def _used(self, res) -> None:
        entry, ram = res
        warn = ram.message if ram.status != "ok" else ""
        self.banner.show_message(f"{entry.title or entry.name} is now the model in use. It loads when you next ask.",
                                 level="warning" if warn else "info", detail=warn)
        self.c.model_changed()

    def download(self, name: str) -> None:
        if name in self._downloads:
            return

        def work():
            models = self.c.services.chat_models
            res = yield from models.download(name)
            models.use(res.entry.name, force=True)
            return res

        w = self.c.run(work,
                       on_yield=lambda p, n=name: self._progress(n, p),
                       on_result=lambda res, n=name: self._downloaded(n, res),
                       on_error=lambda e: self._failed(e), name="download")
        w.aborted.connect(lambda n=name: self.banner.show_message(
            "Download stopped. What was fetched is kept: Resume download continues from there.", level="info"))
        w.finished.connect(lambda n=name: self._download_over(n))
        self._downloads[name] = w
        card = self._cards.get(name)
        if card:
            card.progress.setRange(0, 0)
            card.progress.show()
            card.cancel.show()
            if card.action:
                card.action.hide()

    def _progress(self, name: str, p) -> None:
        card = self._cards.get(name)
        if card:
            card.show_progress(p)

    def _downloaded(self, name: str, res) -> None:
        self.banner.show_message(f"{res.entry.title or name} is downloaded and now the model in use.", level="info")
        self.c.model_changed()

    def cancel_download(self, name: str) -> None:
        w = self._downloads.get(name)
        if w is not None:
            w.quit()

    def _download_over(self, name: str) -> None:
        self._downloads.pop(name, None)
        self.c.refresh_models()

    def _failed(self, exc: Exception, retry: tuple[str, str] | None = None) -> None:
        text, action = describe(exc)
        if not isinstance(exc, LocumError):
            self.c.errorRaised.emit(exc)
            self.banner.hide()
            return
        key = ""
        btn = ""
        if retry and "memory" in text.lower():
            btn, key = "Use it anyway", f"force:{retry[0]}:{retry[1]}"
        self.banner.show_message(text, level="error", detail="" if btn else action, action=btn, action_key=key)
        try:
            self.banner.actionClicked.disconnect()
        except (RuntimeError, TypeError):
            pass
        self.banner.actionClicked.connect(self._banner_action)

    def _banner_action(self, key: str) -> None:
        if key.startswith("force:"):
            _, what, arg = key.split(":", 2)
            self.banner.hide()
            if what == "add":
                self.add_file(arg, force=True)
            else:
                self.use(arg, force=True)
