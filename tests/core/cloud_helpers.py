"""Services wired to the fake Anthropic server: fake local backends, a session-only key, the
rule-based redactor (no NER model load); the switch that lets Leads use Claude; the inquiry the
leads cloud tests share."""
from __future__ import annotations

from pathlib import Path

from core.privacy import CloudPolicy, KeyStore, Redactor
from core.services import Services
from core.settings import Settings


DANA_EMAIL = "dana.whitlock@example.org"
# No keyword of the law rubric names the matter, so the local steps leave the need open.
DANA_INQUIRY = f"""From: Dana Whitlock <{DANA_EMAIL}>
Subject: A question

Hello, my late aunt left her house to me and my cousin and we cannot agree what happens next.
Can someone at your office help us sort it out? You can reach me at {DANA_EMAIL}.
Dana Whitlock
"""


def wire_cloud(s: Services, server, key: str, redactor: Redactor | None = None) -> Services:
    """``s``'s chat models talk to ``server`` with ``key`` kept for this session only, and redact with
    ``redactor`` (default: the rules alone, no NER model load)."""
    keys = KeyStore(use_keyring=False)
    keys.set(key, session_only=True)
    s.chat_models._keys = keys
    s.chat_models.cloud_base_url = server.url
    s.chat_models.redactor = redactor if redactor is not None else Redactor(use_ner=False)
    return s


def cloud_services(home: Path, server, monkeypatch, key: str) -> Services:
    monkeypatch.setenv("LOCUM_FAKE_BACKENDS", "1")
    return wire_cloud(Services(Settings.load(home)), server, key)


def leads_mode(home: Path, mode: str) -> None:
    """The cloud on, Ask and Extract local only, Leads in ``mode``."""
    CloudPolicy(enabled=True, features={"ask": "local", "extract": "local", "leads": mode}).save(home)
