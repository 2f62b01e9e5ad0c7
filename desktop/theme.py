"""Colours, style sheet and icons, following the system's light or dark scheme.

Fusion plus our own palette looks the same on every platform (the native styles disagree
about tables and splitters), and the style sheet is generated from the same colour tokens so
one switch of scheme re-colours both. Icons are SVG drawn with ``currentColor`` and rendered
per scheme at 1x and 2x, so they stay sharp on HiDPI screens.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from PySide6.QtCore import QByteArray, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class Tokens:
    dark: bool
    window: str
    sidebar: str
    surface: str  # cards, inputs, tables
    surface_alt: str  # alternate rows, hovered items
    border: str
    text: str
    muted: str
    accent: str
    accent_text: str
    accent_soft: str  # selected items, chips
    danger: str
    warning_bg: str
    warning_text: str
    success: str
    highlight_mark: str  # background of matched words in snippets


LIGHT = Tokens(
    dark=False, window="#f5f6f8", sidebar="#eceef2", surface="#ffffff", surface_alt="#f8f9fb",
    border="#dcdfe5", text="#1d2127", muted="#5d6572", accent="#3b5bdb", accent_text="#ffffff",
    accent_soft="#e6ebfb", danger="#c92a2a", warning_bg="#fff4d6", warning_text="#6b4e00",
    success="#2b8a3e", highlight_mark="#ffe58a",
)
DARK = Tokens(
    dark=True, window="#1b1d21", sidebar="#15171a", surface="#23262b", surface_alt="#2a2e34",
    border="#363a42", text="#e7e9ec", muted="#9aa2ae", accent="#7b97ff", accent_text="#0e1220",
    accent_soft="#2c3552", danger="#ff8787", warning_bg="#3d3320", warning_text="#f5d58a",
    success="#69db7c", highlight_mark="#6b5a12",
)


def system_is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    scheme = app.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Unknown:
        # Platforms that do not report a scheme: judge by the default window colour.
        return app.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return scheme == Qt.ColorScheme.Dark


class Theme(QObject):
    """The current tokens; emits ``changed`` when the system switches light/dark."""

    changed = Signal()

    def __init__(self, app: QApplication, force: str | None = None) -> None:
        super().__init__(app)
        self._app = app
        self._force = force  # "light" | "dark" | None (follow the system)
        self.tokens = LIGHT
        app.setStyle("Fusion")
        app.styleHints().colorSchemeChanged.connect(lambda *_: self.apply())
        self.apply()

    def apply(self) -> None:
        dark = self._force == "dark" if self._force else system_is_dark()
        self.tokens = DARK if dark else LIGHT
        self._app.setPalette(palette(self.tokens))
        self._app.setStyleSheet(style_sheet(self.tokens))
        icon.cache_clear()
        _rebind_icons()
        self.changed.emit()


_current: Theme | None = None


def install(app: QApplication, force: str | None = None) -> Theme:
    global _current
    _current = Theme(app, force)
    return _current


def tokens() -> Tokens:
    return _current.tokens if _current else LIGHT


def current() -> Theme | None:
    return _current


def palette(t: Tokens) -> QPalette:
    p = QPalette()
    c = QColor
    roles = {
        QPalette.ColorRole.Window: t.window, QPalette.ColorRole.WindowText: t.text,
        QPalette.ColorRole.Base: t.surface, QPalette.ColorRole.AlternateBase: t.surface_alt,
        QPalette.ColorRole.Text: t.text, QPalette.ColorRole.Button: t.surface,
        QPalette.ColorRole.ButtonText: t.text, QPalette.ColorRole.Highlight: t.accent,
        QPalette.ColorRole.HighlightedText: t.accent_text, QPalette.ColorRole.ToolTipBase: t.surface,
        QPalette.ColorRole.ToolTipText: t.text, QPalette.ColorRole.PlaceholderText: t.muted,
        QPalette.ColorRole.Link: t.accent, QPalette.ColorRole.Mid: t.border,
        QPalette.ColorRole.Midlight: t.surface_alt, QPalette.ColorRole.Dark: t.border,
    }
    for role, value in roles.items():
        p.setColor(role, c(value))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, c(t.muted))
    return p


def style_sheet(t: Tokens) -> str:
    text = resources.files("resources").joinpath("style/locum.qss").read_text(encoding="utf-8")
    # Longest names first so @surface_alt is not eaten by @surface.
    for name in sorted(Tokens.__dataclass_fields__, key=len, reverse=True):
        value = getattr(t, name)
        if isinstance(value, str):
            text = text.replace("@" + name, value)
    return text


_bound: list = []  # (weakref to a widget, icon name, token name or None)


def bind_icon(widget, name: str, role: str | None = None) -> None:
    """Set ``widget``'s icon now and again whenever the scheme changes."""
    import weakref

    widget.setIcon(icon(name, getattr(tokens(), role) if role else None))
    _bound.append((weakref.ref(widget), name, role))


def _rebind_icons() -> None:
    keep = []
    for ref, name, role in _bound:
        w = ref()
        if w is None:
            continue
        try:
            w.setIcon(icon(name, getattr(tokens(), role) if role else None))
        except RuntimeError:  # the C++ widget is gone
            continue
        keep.append((ref, name, role))
    _bound[:] = keep


@lru_cache(maxsize=256)
def _svg(name: str) -> str:
    return resources.files("resources").joinpath(f"icons/{name}.svg").read_text(encoding="utf-8")


@lru_cache(maxsize=256)
def icon(name: str, color: str | None = None) -> QIcon:
    """An icon in the theme's text colour (or ``color``), sharp at 1x and 2x."""
    from PySide6.QtSvg import QSvgRenderer

    svg = _svg(name).replace("currentColor", color or tokens().text)
    renderer = QSvgRenderer(QByteArray(svg.encode()))
    out = QIcon()
    for size in (16, 20, 24, 32, 48):
        for dpr in (1.0, 2.0):
            pm = QPixmap(QSize(int(size * dpr), int(size * dpr)))
            pm.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pm)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(painter, QRectF(0, 0, size * dpr, size * dpr))
            painter.end()
            pm.setDevicePixelRatio(dpr)
            out.addPixmap(pm)
    return out
