"""Re-assess with Claude beside the real bundled models: SmolLM2 (llama.cpp) and MiniLM do the
local steps of the first assessment, the fake Anthropic server on 127.0.0.1 stands in for Claude."""
from __future__ import annotations

import json

import pytest

from core.privacy import AuditLog, CloudPolicy, KeyStore, Redactor
from core.services import Services, run_to_end
from core.settings import Settings
from tests.models.fake_anthropic import FakeAnthropic

pytestmark = pytest.mark.real
EMAIL = "r.okafor@example.net"


def test_the_local_fields_stay_and_claude_reads_the_need(tmp_path, monkeypatch):
    monkeypatch.delenv("LOCUM_FAKE_BACKENDS", raising=False)
    home = tmp_path / "home"
    inq = tmp_path / "okafor.eml"
    inq.write_text(f"From: Ruth Okafor <{EMAIL}>\nSubject: Help please\n\n"
                   "My father passed away in March and nobody knows what happens to his flat and savings now. "
                   "I live in Leeds. Could someone call me?\n\nThanks,\nRuth Okafor\n07700 900123\n", encoding="utf-8")
    with FakeAnthropic() as server:
        s = Services(Settings.load(home))
        keys = KeyStore(use_keyring=False)
        keys.set("sk-ant-api03-REAL-test-0000000000", session_only=True)
        s.chat_models._keys = keys
        s.chat_models.cloud_base_url = server.url
        s.chat_models.redactor = Redactor(use_ner=False)
        lid = run_to_end(s.leads.add([str(inq)])).added[0]
        before = s.leads.get(lid)
        assert not s.settings.fake_backends and "fake" not in s.chat_backend.name.lower()
        assert "model" not in before.data  # assessed on this computer
        CloudPolicy(enabled=True, features={"ask": "local", "extract": "local", "leads": "harder_tasks"}).save(home)
        server.queue.append(("tool", json.dumps({"need": "Wills and probate"})))
        lead = run_to_end(s.leads.reassess_with_claude(lid))
        s.close()
        sent = json.dumps(server.message_requests)
    assert lead.value("need") == "Wills and probate" and lead.data["fields"]["need"]["method"] == "claude"
    # the signature's phone number is still read: the file is read again, not the kept text alone
    assert lead.phone == before.phone and lead.phone
    assert lead.email == EMAIL and EMAIL not in sent and "900123" not in sent
    (entry,) = AuditLog(s.settings.audit_path).entries()
    assert entry.feature == "leads" and entry.sources == [str(inq.resolve())]
