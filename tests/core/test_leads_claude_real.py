"""Re-assess with Claude beside the real bundled models: SmolLM2 (llama.cpp) and MiniLM do the
local steps of the first assessment, the fake Anthropic server on 127.0.0.1 stands in for Claude."""
from __future__ import annotations

import json

import pytest

from core.privacy import AuditLog, Redactor
from core.services import Services, run_to_end
from core.settings import Settings
from tests.core.cloud_helpers import leads_mode, wire_cloud
from tests.models.fake_anthropic import FakeAnthropic

pytestmark = pytest.mark.real
EMAIL = "r.okafor@example.net"
KEY = "sk-ant-api03-REAL-test-0000000000"


def test_the_local_fields_stay_and_claude_reads_the_need(tmp_path, monkeypatch):
    monkeypatch.delenv("LOCUM_FAKE_BACKENDS", raising=False)
    home = tmp_path / "home"
    inq = tmp_path / "okafor.eml"
    inq.write_text(f"From: Ruth Okafor <{EMAIL}>\nSubject: Help please\n\n"
                   "My father passed away in March and nobody knows what happens to his flat and savings now. "
                   "I live in Leeds. Could someone call me?\n\nThanks,\nRuth Okafor\n07700 900123\n", encoding="utf-8")
    with FakeAnthropic() as server:
        s = wire_cloud(Services(Settings.load(home)), server, KEY)
        lid = run_to_end(s.leads.add([str(inq)])).added[0]
        before = s.leads.get(lid)
        assert not s.settings.fake_backends and "fake" not in s.chat_backend.name.lower()
        assert "model" not in before.data  # assessed on this computer
        leads_mode(home, "harder_tasks")
        server.queue.append(("tool", json.dumps({"need": "Wills and probate"})))
        lead = run_to_end(s.leads.reassess_with_claude(lid))
        s.close()
        sent = json.dumps(server.message_requests)
    assert lead.value("need") == "Wills and probate" and lead.data["fields"]["need"]["method"] == "claude"
    # the signature's phone number is still read: the file is read again, not the kept text alone
    assert lead.phone == before.phone and lead.phone
    assert lead.email == EMAIL and EMAIL not in sent and "900123" not in sent
    entries = AuditLog(s.settings.audit_path).entries()  # the need, then the reply (the server's "ok": not kept)
    assert len(entries) == 2 and all(e.feature == "leads" and e.sources == [str(inq.resolve())] for e in entries)
    assert "reply_model" not in lead.data


def test_claudes_reply_leaves_the_rules_fields_and_score_as_they_were(tmp_path, monkeypatch):
    """With the real local models, the redactor with its spaCy model, and Claude writing the reply:
    every field but the need, and the score, are what the rules gave before; only the reply is Claude's."""
    monkeypatch.delenv("LOCUM_FAKE_BACKENDS", raising=False)
    home = tmp_path / "home"
    inq = tmp_path / "probate.eml"
    inq.write_text(f"From: Ruth Okafor <{EMAIL}>\nSubject: Probate for my father's estate\n\n"
                   "My father passed away in March and I have been named executor of his will. I need help with "
                   "probate for his flat and savings. I live in Leeds. Could someone call me?\n\nThanks,\nRuth Okafor\n"
                   "07700 900123\n", encoding="utf-8")
    reply = ("Subject: Re: Probate for my father's estate\n\nDear [PERSON_1],\n\nThank you for contacting Harper & "
             "Lowe Solicitors, and we are sorry to hear about your father. We would be glad to help you with probate "
             "for his flat and savings. Could we arrange a short call to go through the details and the next steps? "
             "Please let us know a couple of times that suit you, and we will call you.\n\nKind regards,\n"
             "Harper & Lowe Solicitors")
    with FakeAnthropic() as server:
        # Presidio with the spaCy model, as in the app
        s = wire_cloud(Services(Settings.load(home)), server, KEY, redactor=Redactor())
        lid = run_to_end(s.leads.add([str(inq)])).added[0]
        before = s.leads.get(lid)
        assert not s.settings.fake_backends and before.value("need") == "Wills and probate"
        leads_mode(home, "harder_tasks")
        server.queue += [("tool", json.dumps({"need": "Wills and probate"})), ("text", reply)]
        lead = run_to_end(s.leads.reassess_with_claude(lid))
        s.close()
        sent = json.dumps(server.message_requests)
    for name, f in before.data["fields"].items():
        if name != "need":
            assert lead.data["fields"][name] == f, name
    assert (lead.score, lead.tier) == (before.score, before.tier)
    assert [r["points"] for r in lead.data["reasons"]] == [r["points"] for r in before.data["reasons"]]
    assert lead.data["reply_model"].startswith("claude:") and lead.reply.startswith("Subject: Re: Probate")
    assert "Dear Ruth" in lead.reply and "[PERSON" not in lead.reply
    assert "Okafor" not in sent and EMAIL not in sent and "900123" not in sent
