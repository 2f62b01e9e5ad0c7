"""Where Locum keeps its state, and the user's settings.

Everything Locum writes lives under one home folder: platformdirs' user data folder by
default, ``LOCUM_HOME`` or ``--home DIR`` override it completely (tests and benchmarks
always use a temporary home). The home may be a folder that also holds the user's own
files, so Locum knows exactly which names in it are its own (``HOME_ENTRIES``): erasing
deletes those and nothing else.
"""
from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field, fields
from pathlib import Path

from core.fsutil import TEMP_SUFFIX, atomic_write_json

log = logging.getLogger(__name__)

# Every name Locum creates directly under its home, and the only place those names are
# spelled: the path properties below read them from here, and erasing deletes these (and
# their companions, see ``locum_entries``) and nothing else.
HOME_ENTRIES: dict[str, str] = {
    "settings": "settings.json",  # this module
    "records": "records.sqlite",  # conversations (core.ask.conversations)
    "desktop_state": "desktop.ini",  # window geometry (Qt's QSettings)
    "library": "library",  # index: LanceDB, the files manifest, the write lock
    "models": "models",  # downloaded GGUF files and models.json
    "cache": "cache",
    "audit": "audit.sqlite",  # what was sent to a cloud backend (core.privacy.audit)
    "cloud": "cloud.json",  # whether the cloud backend is on, per feature (core.privacy.policy)
    "extract": "extract.sqlite",  # extraction results and reviewed edits (core.forms.store)
    "forms": "forms",  # the user's own extraction templates
    "leads": "leads.sqlite",  # the leads pipeline: assessed inquiries, status, notes, replies (core.leads.store)
}
_FOLDERS = {"library", "models", "cache", "forms"}  # the rest are files
SETTINGS_FILE = HOME_ENTRIES["settings"]
BAD_SUFFIX = ".bad"
# Files that SQLite, Qt and our own writers put beside a Locum file, named after it.
_COMPANION_SUFFIXES = ("-wal", "-shm", "-journal", BAD_SUFFIX, ".lock", ".tmp")


def locum_entries(home: Path) -> list[Path]:
    """The entries directly under ``home`` that Locum created (those that exist now)."""
    home = Path(home)
    try:
        present = {p.name: p for p in home.iterdir()}
    except (FileNotFoundError, NotADirectoryError):
        return []
    names = set(HOME_ENTRIES.values())
    files = [v for k, v in HOME_ENTRIES.items() if k not in _FOLDERS]
    out = []
    for name, p in present.items():
        if name in names:
            out.append(p)
            continue
        for base in files:
            rest = name[len(base):] if name.startswith(base) else None
            if rest is None or not rest:
                continue
            # companions (records.sqlite-wal, settings.json.bad) and leftovers of an
            # interrupted atomic write (settings.json.k3j9x.tmp, see core.fsutil)
            if rest in _COMPANION_SUFFIXES or (rest.startswith(".") and rest.endswith(TEMP_SUFFIX)):
                out.append(p)
                break
    return sorted(out)


def default_home() -> Path:
    env = os.environ.get("LOCUM_HOME")
    if env:
        return Path(env).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_data_dir("Locum", appauthor=False)).resolve()


def _is_str_list(v) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


# What each setting in the file must be: (check, what to say when it is not).
_CHECKS = {
    "embedder": (lambda v: isinstance(v, str) and bool(v.strip()), "a model name"),
    "embedder_runtime": (lambda v: v in ("auto", "torch", "torch-bf16"), '"auto", "torch" or "torch-bf16"'),
    "chat_model": (lambda v: isinstance(v, str) and bool(v.strip()), "a model name"),
    "context_size": (lambda v: _is_int(v) and 256 <= v <= 1_048_576, "a whole number of tokens (256 or more)"),
    "gpu_layers": (lambda v: _is_int(v) and v >= -1, "a whole number (0 for none, -1 for all)"),
    "ocr": (lambda v: isinstance(v, bool), "true or false"),
    "exclude": (_is_str_list, 'a list of patterns, e.g. ["*.tmp"]'),
    "last_view": (lambda v: isinstance(v, str), "a view name"),
}
# Switches for tests only: set through the environment (LOCUM_FAKE_BACKENDS=1), never
# from the user's settings file.
_NOT_FROM_FILE = {"home", "fake_backends", "load_problems"}


def _kind(v) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
            dict: "an object", type(None): "null"}.get(type(v), type(v).__name__)


@dataclass
class Settings:
    home: Path
    embedder: str = "minilm"  # name known to core.chat.registry
    embedder_runtime: str = "auto"  # auto | torch | torch-bf16
    chat_model: str = "smollm2-135m"  # name known to core.chat.registry (bundled or added)
    context_size: int = 4096
    gpu_layers: int = 0
    ocr: bool = True
    exclude: list[str] = field(default_factory=lambda: [".*", "~$*", "*.tmp", "__pycache__", "node_modules"])
    fake_backends: bool = False  # deterministic fakes, for tests only (LOCUM_FAKE_BACKENDS=1)
    last_view: str = "ask"
    # What was wrong with settings.json when it was loaded (empty when nothing); not saved.
    load_problems: list[str] = field(default_factory=list, repr=False, compare=False)

    # ---- paths (names from HOME_ENTRIES) ----------------------------------------
    @property
    def settings_path(self) -> Path:
        return self.home / HOME_ENTRIES["settings"]

    @property
    def library_dir(self) -> Path:
        return self.home / HOME_ENTRIES["library"]

    @property
    def manifest_path(self) -> Path:
        return self.library_dir / "files.sqlite"

    @property
    def audit_path(self) -> Path:
        return self.home / HOME_ENTRIES["audit"]

    @property
    def cloud_policy_path(self) -> Path:
        return self.home / HOME_ENTRIES["cloud"]

    @property
    def extract_path(self) -> Path:
        """Extraction results and the reviewer's edits."""
        return self.home / HOME_ENTRIES["extract"]

    @property
    def leads_path(self) -> Path:
        """The leads pipeline (core.leads.store)."""
        return self.home / HOME_ENTRIES["leads"]

    @property
    def forms_dir(self) -> Path:
        """The user's own extraction templates (JSON Schema files)."""
        return self.home / HOME_ENTRIES["forms"]

    @property
    def lock_path(self) -> Path:
        return self.library_dir / "write.lock"

    @property
    def models_dir(self) -> Path:
        return self.home / HOME_ENTRIES["models"]

    @property
    def cache_dir(self) -> Path:
        return self.home / HOME_ENTRIES["cache"]

    @property
    def records_path(self) -> Path:
        return self.home / HOME_ENTRIES["records"]

    @property
    def desktop_state_path(self) -> Path:
        return self.home / HOME_ENTRIES["desktop_state"]

    @property
    def load_warning(self) -> str:
        """One line for the user when settings.json could not be used as it was."""
        if not self.load_problems:
            return ""
        return (f"{self.settings_path} had problems; defaults are used for them and the file was kept as "
                f"{SETTINGS_FILE}{BAD_SUFFIX}: " + "; ".join(self.load_problems) + ".")

    # ---- persistence -------------------------------------------------------
    @classmethod
    def load(cls, home: Path | str | None = None) -> "Settings":
        home_path = Path(home).expanduser().resolve() if home else default_home()
        s = cls(home=home_path)
        s._read_file()
        if os.environ.get("LOCUM_FAKE_BACKENDS") == "1":
            s.fake_backends = True
        return s

    def _read_file(self) -> None:
        f = self.settings_path
        try:
            raw = f.read_bytes()
        except FileNotFoundError:
            return
        except OSError as e:
            # Unreadable (permissions): use defaults, but leave the file where it is.
            self.load_problems.append(f"it could not be read ({e.strerror or e})")
            return
        problems: list[str] = []
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            problems.append(f"it is not valid JSON ({e})")
            data = {}
        if not isinstance(data, dict):
            problems.append(f"it holds {_kind(data)}, not an object of settings")
            data = {}
        for k, v in data.items():
            if k in _CHECKS:
                ok, what = _CHECKS[k]
                if ok(v):
                    setattr(self, k, list(v) if isinstance(v, list) else v)
                else:
                    problems.append(f'"{k}" must be {what}, not {_kind(v)} {json.dumps(v)[:40]}')
            elif k in _NOT_FROM_FILE:
                problems.append(f'"{k}" cannot be set in the settings file')
            # other keys: written by a newer version, or not ours; ignored
        if not problems:
            return
        self.load_problems = problems
        log.info("settings: %s", self.load_warning)
        bad = f.with_name(f.name + BAD_SUFFIX)
        try:
            os.replace(f, bad)
            self.save()  # the good values stay; what was wrong goes back to its default
        except OSError as e:
            log.warning("could not set aside %s: %s", f, e)

    def save(self) -> None:
        data = {fl.name: getattr(self, fl.name) for fl in fields(self) if fl.name not in _NOT_FROM_FILE}
        atomic_write_json(self.settings_path, data)
