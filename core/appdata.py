"""Small, Qt-free helpers the desktop needs around the services: where the sample documents
are, applying changed library settings, and erasing everything Locum keeps.
"""
from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from core.errors import LocumError
from core.settings import locum_entries

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


KEY_ENTRY = "the Anthropic API key in this computer's keyring"


@dataclass
class EraseReport:
    deleted: list[str] = field(default_factory=list)  # what Locum made and removed
    left: list[str] = field(default_factory=list)  # entries under the home that are not Locum's
    problems: list[str] = field(default_factory=list)  # Locum's, but could not be deleted
    #: the Anthropic key in the OS keyring: deleted | none | failed | no_keyring ("" not asked)
    key: str = ""

    @property
    def key_note(self) -> str:
        """What became of the stored API key, in a sentence ("" when there was none to delete)."""
        return {"deleted": "The Anthropic API key was deleted from this computer's keyring.",
                "failed": "The Anthropic API key could not be deleted from this computer's keyring; remove "
                          "the \"Locum\" entry in the system's password manager."}.get(self.key, "")

    def summary(self) -> str:
        """One sentence about what stayed, for the window and the CLI ("" when nothing did)."""
        parts = []
        if self.problems:
            parts.append(f"Could not erase {len(self.problems)} item(s): " + "; ".join(self.problems[:3]))
        if self.left:
            names = ", ".join(Path(p).name for p in self.left[:5]) + (" …" if len(self.left) > 5 else "")
            parts.append(f"Left {len(self.left)} item(s) in the folder that Locum did not create: {names}")
        return ". ".join(parts) + ("." if parts else "")


def plan_erase(home: Path) -> EraseReport:
    """What erasing would delete (``deleted``) and what it would leave (``left``); deletes nothing."""
    home = Path(home)
    if not home.is_dir():
        return EraseReport()
    ours = locum_entries(home)
    mine = set(ours)
    others = sorted(p for p in home.iterdir() if p not in mine)
    return EraseReport([str(p) for p in ours], [str(p) for p in others])


def erase_everything(services) -> EraseReport:
    """Delete what Locum created under its home (index, models it downloaded, history,
    settings; the names in ``core.settings.HOME_ENTRIES``) and nothing else: the home may
    be a folder that also holds the user's own files. Documents in the user's folders and
    added GGUF files elsewhere are not touched. The Anthropic API key Locum stored in the
    OS keyring is deleted too (``EraseReport.key`` says what became of it).
    """
    home = Path(services.settings.home)
    # The key lives in the OS keyring, outside the home; erasing everything takes it too. Its
    # entry is named by an id kept in the home's cloud.json: find it before that file goes.
    keys = getattr(getattr(services, "chat_models", None), "keys", None)
    services.close()
    plan = plan_erase(home)
    report = EraseReport(left=plan.left)
    for entry in plan.deleted:
        child = Path(entry)
        try:
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()  # a symlink goes, never what it points at
            report.deleted.append(entry)
        except OSError as e:
            report.problems.append(f"{child}: {e.strerror or e}")
    report.key = keys.erase() if keys is not None else ""
    if report.key == "failed":
        report.problems.append(KEY_ENTRY)
    if report.problems:
        log.warning("could not erase: %s", report.problems)
    return report


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
