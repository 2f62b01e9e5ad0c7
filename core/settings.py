"""Where Locum keeps its state, and the user's settings.

Everything Locum writes lives under one home folder: platformdirs' user data folder by
default, ``LOCUM_HOME`` or ``--home DIR`` override it completely (tests and benchmarks
always use a temporary home).
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

SETTINGS_FILE = "settings.json"


def default_home() -> Path:
    env = os.environ.get("LOCUM_HOME")
    if env:
        return Path(env).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_data_dir("Locum", appauthor=False)).resolve()


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
    fake_backends: bool = False  # deterministic fakes, for tests only
    last_view: str = "ask"

    # ---- paths -------------------------------------------------------------
    @property
    def library_dir(self) -> Path:
        return self.home / "library"

    @property
    def manifest_path(self) -> Path:
        return self.home / "library" / "files.sqlite"

    @property
    def models_dir(self) -> Path:
        return self.home / "models"

    @property
    def cache_dir(self) -> Path:
        return self.home / "cache"

    @property
    def records_path(self) -> Path:
        return self.home / "records.sqlite"

    @property
    def audit_path(self) -> Path:  # what was sent to a cloud backend (core.privacy.audit)
        return self.home / "audit.sqlite"

    @property
    def lock_path(self) -> Path:
        return self.home / "library" / "write.lock"

    # ---- persistence -------------------------------------------------------
    @classmethod
    def load(cls, home: Path | str | None = None) -> "Settings":
        home_path = Path(home).expanduser().resolve() if home else default_home()
        s = cls(home=home_path)
        f = home_path / SETTINGS_FILE
        if f.exists():
            try:
                data = json.loads(f.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}
            known = {fl.name for fl in fields(cls)} - {"home"}
            for k, v in data.items():
                if k in known:
                    setattr(s, k, v)
        if os.environ.get("LOCUM_FAKE_BACKENDS") == "1":
            s.fake_backends = True
        return s

    def save(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        data = asdict(self)
        data.pop("home")
        data.pop("fake_backends")
        tmp = self.home / (SETTINGS_FILE + ".tmp")
        tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
        os.replace(tmp, self.home / SETTINGS_FILE)
