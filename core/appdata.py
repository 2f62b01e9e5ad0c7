"""Small, Qt-free helpers the desktop needs around the services: where the sample documents
are, applying changed library settings, and erasing everything Locum keeps.
"""
from __future__ import annotations

import logging
import os
import shutil
from importlib import resources
from pathlib import Path

from core.errors import LocumError

log = logging.getLogger(__name__)

DOCUMENT_SUFFIXES = {".pdf", ".docx", ".txt", ".md", ".html", ".htm", ".eml", ".msg", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def samples_dir() -> Path | None:
    """The folder of sample documents shipped in ``resources/samples``, or None if absent."""
    try:
        root = resources.files("resources").joinpath("samples")
    except (ModuleNotFoundError, FileNotFoundError):
        return None
    p = Path(str(root))
    if not p.is_dir():
        return None
    if not any(f.suffix.lower() in DOCUMENT_SUFFIXES for f in p.rglob("*") if f.is_file()):
        return None
    return p


def apply_library_settings(library) -> None:
    """Make changed exclude patterns and OCR choice count from the next sync on.

    The indexer is built once with the settings of its day; an already built one is updated
    in place rather than rebuilt, so the store and embedder it holds are kept.
    """
    indexer = library.__dict__.get("indexer")
    if indexer is not None:
        indexer.exclude = list(library.settings.exclude)
        indexer.ocr = bool(library.settings.ocr)


def erase_everything(services) -> list[str]:
    """Delete every file Locum keeps under its home (index, models it downloaded, history,
    settings). Documents in the user's folders and added GGUF files elsewhere are not touched.

    Returns what could not be deleted (empty when all went).
    """
    home = Path(services.settings.home)
    _close_quietly(services)
    if not home.exists():
        return []
    problems: list[str] = []
    for child in home.iterdir():
        try:
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        except OSError as e:
            problems.append(f"{child}: {e.strerror or e}")
    if problems:
        log.warning("could not erase: %s", problems)
    return problems


def _close_quietly(services) -> None:
    """Let go of open files (SQLite, LanceDB, a loaded model) before deleting them."""
    lib = services.library
    for name in ("manifest",):
        obj = lib.__dict__.pop(name, None)
        close = getattr(obj, "close", None)
        if close:
            try:
                close()
            except Exception:  # already closed or half-built: nothing more to release
                pass
    for name in ("store", "indexer", "searcher"):
        lib.__dict__.pop(name, None)
    backend = services.__dict__.get("chat_backend")
    close = getattr(backend, "close", None)
    if close:
        try:
            close()
        except Exception:
            pass
    services.reset_chat_backend()
    convs = services.__dict__.get("conversations")
    close = getattr(convs, "close", None)
    if close:
        try:
            close()
        except Exception:
            pass


def describe_home(home: Path) -> str:
    """'1.2 GB in 340 files' for the Settings > Data page (walks the folder: call off the UI thread)."""
    total = count = 0
    for dirpath, _dirs, files in os.walk(home):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(dirpath, f))
                count += 1
            except OSError:
                continue
    if total >= 1e9:
        size = f"{total / 1e9:.1f} GB"
    elif total >= 1e6:
        size = f"{total / 1e6:.0f} MB"
    else:
        size = f"{total / 1e3:.0f} KB"
    return f"{size} in {count} file{'s' if count != 1 else ''}"


def check_erase_confirmation(typed: str, expected: str = "erase") -> None:
    if typed.strip().lower() != expected:
        raise LocumError(f'Type "{expected}" to confirm.')


def conversation_store(services):
    """The conversation records: the services' own store when they have one, else one on
    the settings' records file (the same file, so both see the same conversations)."""
    store = getattr(services, "conversations", None)
    if store is not None:
        return store
    cached = services.__dict__.get("_desktop_conversations")
    if cached is None:
        from core.conversations import ConversationStore

        cached = ConversationStore(services.settings.records_path)
        services.__dict__["_desktop_conversations"] = cached
    return cached
