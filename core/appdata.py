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


def erase_everything(services) -> list[str]:
    """Delete every file Locum keeps under its home (index, models it downloaded, history,
    settings). Documents in the user's folders and added GGUF files elsewhere are not touched.

    Returns what could not be deleted (empty when all went).
    """
    home = Path(services.settings.home)
    services.close()
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
