"""Model management as plain functions, reached through :class:`core.chat.service.ChatModels`.

Lists the bundled, added and recommended chat models; adds a GGUF after checking it;
switches the active model; downloads a catalog model (a generator of progress events, so
the caller can show progress and cancel); and checks memory. Building the backend is the
service's job. Errors leave here as :class:`core.errors.LocumError` subclasses whose text a
user can act on.
"""
from __future__ import annotations

import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Generator

from core.errors import LocumError, ModelLoadError
from core.settings import Settings
from models import catalog
from core.chat import registry
from models.gguf import GGUFError, GGUFInfo
from core.chat.registry import TINY_MODEL_NOTE, ChatModelEntry, ModelNotFoundError

# Above this share of free memory a model still loads, but the machine will feel it.
TIGHT_FRACTION = 0.8
GB = 1_000_000_000  # decimal, as disk and download sizes are shown


class DownloadFailedError(LocumError):
    action = "Run the same download again: it resumes where it stopped."


# ---- memory ----------------------------------------------------------------------

@dataclass(frozen=True)
class RamCheck:
    needed_bytes: int
    available_bytes: int
    total_bytes: int
    status: str  # ok | tight | too_big
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "too_big"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _gb(n: int) -> str:
    return f"{n / GB:.1f} GB"


def check_ram(needed_bytes: int, what: str = "this model") -> RamCheck:
    """Compare an estimate with the memory free right now (psutil)."""
    import psutil

    vm = psutil.virtual_memory()
    avail, total = int(vm.available), int(vm.total)
    if needed_bytes > avail:
        return RamCheck(needed_bytes, avail, total, "too_big",
                        f"{what} needs about {_gb(needed_bytes)} of memory but only {_gb(avail)} is free "
                        f"(of {_gb(total)}). Close other programs, lower the context size, or choose a "
                        "smaller model.")
    if needed_bytes > TIGHT_FRACTION * avail:
        return RamCheck(needed_bytes, avail, total, "tight",
                        f"{what} needs about {_gb(needed_bytes)} and {_gb(avail)} is free: it will run, "
                        "but the computer may slow down.")
    return RamCheck(needed_bytes, avail, total, "ok")


def _read(path: str | Path) -> GGUFInfo:
    from core.chat.service import check_gguf_file

    return check_gguf_file(path)


def model_note(entry: ChatModelEntry) -> str | None:
    """The sentence to show wherever this model is named (the tiny default says so)."""
    return TINY_MODEL_NOTE if entry.tiny else None


# ---- listing ---------------------------------------------------------------------

@dataclass
class ModelRow:
    name: str
    title: str
    kind: str  # bundled | added | downloaded | recommended
    path: str | None
    active: bool
    tiny: bool
    downloaded: bool
    size_bytes: int
    size_exact: bool
    ram_needed_bytes: int
    parameters: str
    quantization: str
    context_length: int | None
    licence: str = ""
    url: str = ""
    partial_bytes: int = 0  # a resumable .part on disk
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def list_models(settings: Settings) -> list[ModelRow]:
    """Bundled, then added/downloaded, then catalog models not yet on this machine."""
    rows: list[ModelRow] = []
    entries = registry.list_chat_models(settings)
    active = settings.chat_model or registry.BUNDLED_CHAT_NAME
    from_catalog = {e.catalog for e in entries if e.catalog}
    for e in entries:
        cat = catalog.catalog_entry(e.catalog) if e.catalog else None
        rows.append(ModelRow(
            name=e.name, title=e.title or e.name, kind=e.source, path=e.path, active=e.name == active,
            tiny=e.tiny, downloaded=Path(e.path).is_file(), size_bytes=e.size_bytes, size_exact=True,
            ram_needed_bytes=e.ram_bytes_4k, parameters=e.parameters, quantization=e.quantization,
            context_length=e.context_length, licence=cat.licence if cat else "", url=cat.url if cat else "",
            note=model_note(e),
        ))
    for c in catalog.load_catalog():
        if c.name in from_catalog:
            continue
        dest = settings.models_dir / c.filename
        part = catalog.part_path(dest)
        rows.append(ModelRow(
            name=c.name, title=c.title, kind="recommended", path=str(dest) if dest.exists() else None,
            active=False, tiny=False, downloaded=dest.exists(), size_bytes=c.size_bytes,
            size_exact=c.size_exact, ram_needed_bytes=int(c.ram_gb * GB), parameters=c.parameters,
            quantization=c.quantization, context_length=c.context_length, licence=c.licence, url=c.url,
            partial_bytes=part.stat().st_size if part.exists() else 0,
            note=f"Download with `locum models download {c.name}`.",
        ))
    return rows


# ---- add / use -------------------------------------------------------------------

@dataclass
class AddResult:
    entry: ChatModelEntry
    already_added: bool
    ram: RamCheck

    def to_dict(self) -> dict[str, Any]:
        return {"added": not self.already_added, "model": self.entry.to_dict(), "ram": self.ram.to_dict(),
                "warning": self.ram.message or None, "note": model_note(self.entry)}


def add_model(settings: Settings, path: str | Path, *, name: str | None = None, force: bool = False,
              source: str = "added", catalog_name: str | None = None) -> AddResult:
    """Check a GGUF file and record it (by path). A known path is not added twice.

    Refuses a missing, truncated or non-GGUF file, and (unless ``force``) one that cannot
    fit in the memory free now.
    """
    p = Path(path).expanduser()
    existing = registry.find_chat_model_by_path(settings, p)
    info = _read(p)
    what = info.name
    ram = check_ram(info.estimate_ram_bytes(settings.context_size), what)
    if existing is not None:
        return AddResult(existing, True, ram)
    if not ram.ok and not force:
        raise ModelLoadError(ram.message, action="Close other programs, or add it anyway with --force.")
    try:
        entry = registry.add_chat_model(settings, p, name=name, source=source, catalog=catalog_name, info=info)
    except GGUFError as e:
        raise ModelLoadError(f"Cannot use {e.path}: {e.reason}") from e
    except ValueError as e:
        raise LocumError(str(e), action="Choose another name with --name.") from e
    except OSError as e:
        raise LocumError(f"Could not record the model in {settings.models_dir}: {e}") from e
    return AddResult(entry, False, ram)


def use_model(settings: Settings, name: str, *, force: bool = False) -> tuple[ChatModelEntry, RamCheck]:
    """Make ``name`` the chat model (saved in the settings)."""
    try:
        entry = registry.get_chat_model(settings, name)
    except ModelNotFoundError as e:
        if catalog.catalog_entry(name) is not None:
            raise ModelLoadError(f"{name} is not downloaded yet.",
                                 action=f"Run `locum models download {name}` first.") from e
        raise ModelLoadError(str(e), action="Run `locum models list` to see the names.") from e
    info = _read(entry.path)
    ram = check_ram(info.estimate_ram_bytes(settings.context_size), entry.name)
    if not ram.ok and not force:
        raise ModelLoadError(ram.message, action="Close other programs, or choose it anyway with --force.")
    try:
        registry.use_chat_model(settings, entry.name)
    except ModelNotFoundError as e:
        raise ModelLoadError(str(e)) from e
    return entry, ram


# ---- download --------------------------------------------------------------------

def download_model(settings: Settings, name: str) -> Generator[catalog.DownloadProgress, None, AddResult]:
    """Fetch a catalog model into ``<home>/models/`` and add it. Close the generator to cancel.

    A cancelled or dropped download leaves ``<file>.part`` and the next call resumes it.
    """
    entry = catalog.catalog_entry(name)
    if entry is None:
        names = ", ".join(c.name for c in catalog.load_catalog())
        raise LocumError(f"There is no recommended model called {name!r} (choose one of: {names}).")
    import psutil

    total_ram = int(psutil.virtual_memory().total)
    if entry.ram_gb * GB > total_ram:
        raise ModelLoadError(f"{entry.title} needs about {entry.ram_gb:.1f} GB of memory and this computer "
                             f"has {_gb(total_ram)} in all, so it could never run here.",
                             action="Choose a smaller model.")
    dest = settings.models_dir / entry.filename
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = catalog.part_path(dest)
    if not dest.exists():
        have = part.stat().st_size if part.exists() else 0
        # Approximate sizes get 5% headroom so a slightly larger file does not fail at 99%.
        need = int(entry.size_bytes * (1.0 if entry.size_exact else 1.05)) - have
        free = shutil.disk_usage(dest.parent).free
        if need > free:
            raise LocumError(f"Not enough disk space for {entry.title}: about {_gb(need)} is needed and "
                             f"{_gb(free)} is free in {dest.parent}.")
    try:
        path = yield from catalog.download(entry, dest)
    except catalog.DownloadError as e:
        raise DownloadFailedError(str(e)) from e
    try:
        return add_model(settings, path, name=entry.name, force=True, source="downloaded", catalog_name=entry.name)
    except LocumError:
        # The catalog name may already belong to another file: keep the file, pick a free name.
        return add_model(settings, path, force=True, source="downloaded", catalog_name=entry.name)
