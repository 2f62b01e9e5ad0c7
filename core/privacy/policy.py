"""Whether anything may leave the machine, and the key that lets it.

``CloudPolicy`` is the one place that says whether the cloud is on. It is stored apart from
``settings.json`` (``<home>/cloud.json``) and read again before every request, so switching
it off in one window stops the next request from any other. Off by default.

The API key lives in the OS keyring (``keyring``), never in a settings file, a log or an
error message. Each home has its own keyring entry: the entry's user name carries a random
id kept in the home's ``cloud.json`` (``key_id``; an id, not the key), so a second home on
the same computer (a test home, another profile) neither reads nor erases this one's key.
Where this system has no keyring backend, ``KeyStore`` says so (``keyring_available`` is
false) and takes the key from ``ANTHROPIC_API_KEY`` or for this session only (kept in memory).
"""
from __future__ import annotations

import json
import logging
import os
import re
import uuid
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
#: the user name of a home's entry is ``anthropic-api-key:<key_id>``
KEYRING_USER = "anthropic-api-key"
#: the one entry every home shared before entries were per home: read once, to move it
LEGACY_KEYRING_USER = KEYRING_USER
KEY_ID_FIELD = "key_id"
_KEY_ID = re.compile(r"^[0-9a-f]{32}$")
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
        data = asdict(self)
        kid = home_key_id(home)
        if kid:  # the home's keyring id is not a policy choice: saving the switches keeps it
            data[KEY_ID_FIELD] = kid
        atomic_write_json(home / POLICY_FILE, data)


def _read_policy_file(home: Path) -> dict | None:
    try:
        data = json.loads((home / POLICY_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        return None  # unreadable: not ours to overwrite
    return data if isinstance(data, dict) else None


def home_key_id(home: Path | str) -> str:
    """The id naming this home's keyring entry ("" when it has none yet)."""
    data = _read_policy_file(Path(home)) or {}
    kid = data.get(KEY_ID_FIELD)
    return kid if isinstance(kid, str) and _KEY_ID.match(kid) else ""


def _new_key_id(home: Path) -> str:
    """Give the home an id (kept beside its cloud switches) and return it; an existing one stays."""
    kid = home_key_id(home)
    if kid:
        return kid
    data = _read_policy_file(home)
    if data is None:
        data = {}  # an unreadable cloud.json reads as "off" already; it gets the id and the defaults
    kid = uuid.uuid4().hex
    data[KEY_ID_FIELD] = kid
    home.mkdir(parents=True, exist_ok=True)
    atomic_write_json(home / POLICY_FILE, data)
    return kid


def keyring_user(key_id: str) -> str:
    return f"{KEYRING_USER}:{key_id}"


class KeyStore:
    """Where this home's Anthropic key comes from: its keyring entry, then the environment,
    then this session.

    ``home`` names the entry (see the module's note); it is needed whenever the keyring is
    used. A home with no entry of its own moves the old shared entry into its own on its first
    read (once: a later home finds none), so an upgrade keeps the key the user entered.
    """

    def __init__(self, home: Path | str | None = None, *, use_keyring: bool = True) -> None:
        self._session: str | None = None
        self._keyring = None
        self.home = Path(home) if home is not None else None
        # read now, so erasing the home's files first still finds the entry to delete
        self._key_id = home_key_id(self.home) if self.home is not None else ""
        if use_keyring:
            if self.home is None:
                raise ValueError("a keyring entry belongs to one home: KeyStore(home, ...)")
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

    def _id(self) -> str:
        if not self._key_id and self.home is not None:
            self._key_id = home_key_id(self.home)
        return self._key_id

    def _own(self) -> str | None:
        """This home's entry (no migration)."""
        kid = self._id()
        if self._keyring is None or not kid:
            return None
        return self._keyring.get_password(KEYRING_SERVICE, keyring_user(kid)) or None

    def _stored(self) -> str | None:
        """This home's entry; the first time a home has none, the old shared entry moved into it."""
        if self._keyring is None:
            return None
        own = self._own()
        if own:
            return own
        legacy = self._keyring.get_password(KEYRING_SERVICE, LEGACY_KEYRING_USER)
        if not legacy:
            return None
        try:
            self._key_id = _new_key_id(self.home)
            self._keyring.set_password(KEYRING_SERVICE, keyring_user(self._key_id), legacy)
            self._keyring.delete_password(KEYRING_SERVICE, LEGACY_KEYRING_USER)
        except Exception as e:  # could not move it: use it this once, leave it where it was
            log.warning("the shared keyring entry was not moved to this home (%s)", type(e).__name__)
        return legacy

    def get(self) -> str | None:
        try:
            k = self._stored()
            if k:
                return k
        except Exception as e:
            log.warning("keyring read failed (%s)", type(e).__name__)
        return os.environ.get(ENV_KEY) or self._session

    @property
    def source(self) -> str | None:
        """'keyring' | 'environment' | 'session' | None, for Settings > Cloud to show."""
        try:
            if self._stored():
                return "keyring"
        except Exception:
            pass
        if os.environ.get(ENV_KEY):
            return "environment"
        return "session" if self._session else None

    @property
    def in_keyring(self) -> bool:
        """Whether this home's own keyring entry holds a key now (what ``erase`` would delete)."""
        try:
            return bool(self._own())
        except Exception:
            return False

    def set(self, key: str, *, session_only: bool = False) -> str:
        """Store the key; returns where it went ('keyring' or 'session')."""
        key = key.strip()
        if not session_only and self._keyring is not None:
            self._key_id = _new_key_id(self.home)
            self._keyring.set_password(KEYRING_SERVICE, keyring_user(self._key_id), key)
            self._session = None
            return "keyring"
        self._session = key
        return "session"

    def delete(self) -> None:
        self._session = None
        kid = self._id()
        if self._keyring is not None and kid:
            try:
                self._keyring.delete_password(KEYRING_SERVICE, keyring_user(kid))
            except Exception:
                pass

    def erase(self) -> str:
        """Forget this home's key for good (erasing everything): this session's copy and the
        home's keyring entry. Another home's entry, and the old shared one, are not touched.

        Returns what happened, for the erase report: ``deleted`` (the keyring held a key and
        no longer does), ``none`` (it held none), ``failed`` (the keyring refused), or
        ``no_keyring``. A key in the environment is the user's own and stays.
        """
        self._session = None
        if self._keyring is None:
            return "no_keyring"
        kid = self._id()
        if not kid:
            return "none"
        user = keyring_user(kid)
        try:
            if not self._keyring.get_password(KEYRING_SERVICE, user):
                return "none"
            self._keyring.delete_password(KEYRING_SERVICE, user)
            if self._keyring.get_password(KEYRING_SERVICE, user):
                return "failed"
            self._key_id = ""  # the id went with the home's files; a key set later gets a new one
            return "deleted"
        except Exception as e:
            log.warning("the keyring did not delete the key (%s)", type(e).__name__)
            return "failed"


