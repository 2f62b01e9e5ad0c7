"""Whether anything may leave the machine, and the key that lets it.

``CloudPolicy`` is the one place that says whether the cloud is on. It is stored apart from
``settings.json`` (``<home>/cloud.json``) and read again before every request, so switching
it off in one window stops the next request from any other. Off by default.

The API key lives in the OS keyring (``keyring``), never in a settings file, a log or an
error message. Where this system has no keyring backend, ``KeyStore`` says so
(``keyring_available`` is false) and takes the key from ``ANTHROPIC_API_KEY`` or for this
session only (kept in memory).
"""
from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from core.fsutil import atomic_write_json
from core.settings import HOME_ENTRIES

log = logging.getLogger(__name__)

POLICY_FILE = HOME_ENTRIES["cloud"]
FEATURES = ("ask", "extract", "leads")
#: per feature: never send / preview and confirm each request / send the harder tasks
MODES = ("local", "ask_each_time", "harder_tasks")
KEYRING_SERVICE = "Locum"
KEYRING_USER = "anthropic-api-key"
ENV_KEY = "ANTHROPIC_API_KEY"


@dataclass
class CloudPolicy:
    enabled: bool = False
    redact: bool = True  # on by default whenever the cloud is on
    model: str = "claude-sonnet-4-6"
    #: feature -> one of MODES
    features: dict[str, str] = field(default_factory=lambda: {f: "ask_each_time" for f in FEATURES})
    allow_page_images: bool = False

    def mode(self, feature: str) -> str:
        if not self.enabled:
            return "local"
        m = self.features.get(feature, "local")
        return m if m in MODES else "local"

    def allows(self, feature: str) -> bool:
        return self.mode(feature) != "local"

    @classmethod
    def load(cls, home: Path | str) -> "CloudPolicy":
        p = Path(home) / POLICY_FILE
        pol = cls()
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return pol  # missing or unreadable: off
        known = {f.name for f in fields(cls)}
        for k, v in data.items():
            if k in known:
                setattr(pol, k, v)
        pol.enabled = pol.enabled is True  # anything but a literal true is off
        if not isinstance(pol.features, dict):
            pol.features = cls().features
        return pol

    def save(self, home: Path | str) -> None:
        home = Path(home)
        home.mkdir(parents=True, exist_ok=True)
        atomic_write_json(home / POLICY_FILE, asdict(self))


class KeyStore:
    """Where the Anthropic key comes from: keyring, then the environment, then this session."""

    def __init__(self, *, use_keyring: bool = True) -> None:
        self._session: str | None = None
        self._keyring = None
        if use_keyring:
            try:
                import keyring
                from keyring.backends import fail

                kr = keyring.get_keyring()
                if not isinstance(kr, fail.Keyring) and getattr(kr, "priority", 1) > 0:
                    self._keyring = kr
            except Exception as e:  # a broken backend must not stop the app; say so instead
                log.warning("no usable keyring backend (%s)", type(e).__name__)

    @property
    def keyring_available(self) -> bool:
        return self._keyring is not None

    @property
    def unavailable_reason(self) -> str:
        if self.keyring_available:
            return ""
        return ("This system has no keyring to keep the key safely, so Locum keeps it for this session only "
                f"or reads it from the {ENV_KEY} environment variable.")

    def get(self) -> str | None:
        if self._keyring is not None:
            try:
                k = self._keyring.get_password(KEYRING_SERVICE, KEYRING_USER)
                if k:
                    return k
            except Exception as e:
                log.warning("keyring read failed (%s)", type(e).__name__)
        return os.environ.get(ENV_KEY) or self._session

    @property
    def source(self) -> str | None:
        """'keyring' | 'environment' | 'session' | None, for Settings > Cloud to show."""
        if self._keyring is not None:
            try:
                if self._keyring.get_password(KEYRING_SERVICE, KEYRING_USER):
                    return "keyring"
            except Exception:
                pass
        if os.environ.get(ENV_KEY):
            return "environment"
        return "session" if self._session else None

    def set(self, key: str, *, session_only: bool = False) -> str:
        """Store the key; returns where it went ('keyring' or 'session')."""
        key = key.strip()
        if not session_only and self._keyring is not None:
            self._keyring.set_password(KEYRING_SERVICE, KEYRING_USER, key)
            self._session = None
            return "keyring"
        self._session = key
        return "session"

    def delete(self) -> None:
        self._session = None
        if self._keyring is not None:
            try:
                self._keyring.delete_password(KEYRING_SERVICE, KEYRING_USER)
            except Exception:
                pass

    def erase(self) -> str:
        """Forget the key for good (erasing everything): this session's copy and the keyring's.

        Returns what happened, for the erase report: ``deleted`` (the keyring held a key and
        no longer does), ``none`` (it held none), ``failed`` (the keyring refused), or
        ``no_keyring``. A key in the environment is the user's own and stays.
        """
        self._session = None
        if self._keyring is None:
            return "no_keyring"
        try:
            if not self._keyring.get_password(KEYRING_SERVICE, KEYRING_USER):
                return "none"
            self._keyring.delete_password(KEYRING_SERVICE, KEYRING_USER)
            return "failed" if self._keyring.get_password(KEYRING_SERVICE, KEYRING_USER) else "deleted"
        except Exception as e:
            log.warning("the keyring did not delete the key (%s)", type(e).__name__)
            return "failed"
