"""Services wired to the fake Anthropic server: fake local backends, a session-only key, the
rule-based redactor (no NER model load)."""
from __future__ import annotations

from pathlib import Path

from core.privacy import KeyStore, Redactor
from core.services import Services
from core.settings import Settings


def cloud_services(home: Path, server, monkeypatch, key: str) -> Services:
    monkeypatch.setenv("LOCUM_FAKE_BACKENDS", "1")
    s = Services(Settings.load(home))
    keys = KeyStore(use_keyring=False)
    keys.set(key, session_only=True)
    s.chat_models._keys = keys
    s.chat_models.cloud_base_url = server.url
    s.chat_models.redactor = Redactor(use_ner=False)
    return s
