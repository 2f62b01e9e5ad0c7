"""Re-assess a kept lead with Claude, through the privacy gateway (fake Anthropic server)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.chat.cloud import is_cloud_model
from core.errors import CloudOffError
from core.privacy import AuditLog
from core.services import Services, run_to_end
from tests.core.cloud_helpers import DANA_EMAIL, DANA_INQUIRY, cloud_services, leads_mode
from tests.models.fake_anthropic import FakeAnthropic

KEY = "sk-ant-api03-LEADS-test-key-1234567890"
EMAIL, INQUIRY = DANA_EMAIL, DANA_INQUIRY


@pytest.fixture
def server():
    with FakeAnthropic() as s:
        yield s


def services(home: Path, server, monkeypatch) -> Services:
    return cloud_services(home, server, monkeypatch, KEY)


def kept_lead(s: Services, tmp_path: Path) -> int:
    f = tmp_path / "inbox" / "dana.eml"
    f.parent.mkdir()
    f.write_text(INQUIRY, encoding="utf-8")
    report = run_to_end(s.leads.add([str(f)]))
    return report.added[0]


def test_claude_reads_the_need_the_rubric_scores_it_and_the_audit_shows_it_redacted(tmp_path, server, monkeypatch):
    home = tmp_path / "home"
    s = services(home, server, monkeypatch)
    lid = kept_lead(s, tmp_path)
    before = s.leads.get(lid)
    assert before.value("need") is None and "model" not in before.data
    leads_mode(home, "harder_tasks")
    server.queue.append(("tool", json.dumps({"need": "Wills and probate"})))
    lead = run_to_end(s.leads.reassess_with_claude(lid))

    assert lead.id == lid and len(s.leads.list()) == 1  # the kept lead, updated in place
    need = lead.data["fields"]["need"]
    assert need["value"] == "Wills and probate" and need["method"] == "claude" and need["flagged"]
    assert is_cloud_model(lead.data["model"])
    # no keyword supports Claude's pick: the rubric gives it no points, the reason says so
    service = next(r for r in lead.data["reasons"] if r["criterion"] == "service")
    assert service["points"] == 0 and "Wills and probate" in service["detail"]
    # the reply request got the fake server's "ok": not a reply, so the template's draft stays
    assert lead.score == before.score and lead.data["draft_reply"] == before.data["draft_reply"]
    assert "reply_model" not in lead.data and any("too short" in f for f in lead.data["flags"])
    assert [h.kind for h in lead.history] == ["added", "re-read", "reply"]

    # what was sent: the same enum the local model gets, the e-mail address redacted
    req, reply_req = server.message_requests
    assert "tools" not in reply_req and EMAIL not in json.dumps(reply_req)
    schema = req["tools"][0]["input_schema"]
    assert schema["properties"]["need"]["enum"] == s.leads.rubric().service_names + [None]
    assert EMAIL not in json.dumps(req) and "aunt left her house" in json.dumps(req)
    for entry in AuditLog(s.settings.audit_path).entries():  # the need, then the reply
        assert entry.feature == "leads" and entry.redacted and EMAIL not in entry.sent
        assert entry.sources == [str((tmp_path / "inbox" / "dana.eml").resolve())]


def test_a_keyword_claude_agrees_with_earns_the_service_points(tmp_path, server, monkeypatch):
    home = tmp_path / "home"
    s = services(home, server, monkeypatch)
    text = ("I need help with my divorce and also a question about the lease on my flat, "
            f"the landlord wants us out. Please write to {EMAIL}.")
    lid = run_to_end(s.leads.add_text(text)).leads[0]
    leads_mode(home, "harder_tasks")
    server.queue.append(("tool", json.dumps({"need": "Family law"})))
    lead = run_to_end(s.leads.reassess_with_claude(lid))
    assert len(s.leads.list()) == 1  # a pasted inquiry is the same lead too
    need = lead.data["fields"]["need"]
    assert need["value"] == "Family law" and need["method"] == "claude" and need["source"] == "divorce"
    service = next(r for r in lead.data["reasons"] if r["criterion"] == "service")
    assert service["points"] > 0
    assert "your family law matter" in lead.data["draft_reply"]  # the reply is drafted from Claude's need


def test_local_only_refuses_and_sends_nothing(tmp_path, server, monkeypatch):
    home = tmp_path / "home"
    s = services(home, server, monkeypatch)
    lid = kept_lead(s, tmp_path)
    kept = s.leads.get(lid)
    leads_mode(home, "local")  # the cloud on, but Leads left local only
    with pytest.raises(CloudOffError, match="switched off for leads"):
        run_to_end(s.leads.reassess_with_claude(lid))
    assert server.requests == [] and AuditLog(s.settings.audit_path).entries() == []
    assert s.leads.get(lid).data == kept.data


def test_ask_each_time_declined_sends_nothing_and_keeps_the_lead(tmp_path, server, monkeypatch):
    home = tmp_path / "home"
    s = services(home, server, monkeypatch)
    lid = kept_lead(s, tmp_path)
    kept = s.leads.get(lid)
    leads_mode(home, "ask_each_time")
    seen = []
    s.chat_models.confirm = lambda prepared: seen.append(prepared.sent) or False
    with pytest.raises(CloudOffError):
        run_to_end(s.leads.reassess_with_claude(lid))
    assert len(seen) == 1 and EMAIL not in seen[0]  # the preview shows the redacted request
    assert server.message_requests == [] and s.leads.get(lid).data == kept.data


def test_a_file_gone_since_is_re_assessed_from_the_inquiry_as_kept_in_the_same_lead(tmp_path, server, monkeypatch):
    home = tmp_path / "home"
    s = services(home, server, monkeypatch)
    lid = kept_lead(s, tmp_path)
    (tmp_path / "inbox" / "dana.eml").unlink()
    leads_mode(home, "harder_tasks")
    server.queue.append(("tool", json.dumps({"need": "Landlord and tenant"})))
    lead = run_to_end(s.leads.reassess_with_claude(lid))
    assert [x.id for x in s.leads.list()] == [lid] and lead.value("need") == "Landlord and tenant"
    assert lead.email == EMAIL and lead.name == "Dana Whitlock"


def test_claude_answering_outside_the_enum_leaves_the_need_empty(tmp_path, server, monkeypatch):
    home = tmp_path / "home"
    s = services(home, server, monkeypatch)
    lid = kept_lead(s, tmp_path)
    leads_mode(home, "harder_tasks")
    server.queue.append(("tool", json.dumps({"need": "Criminal defence"})))  # not one of the office's services
    lead = run_to_end(s.leads.reassess_with_claude(lid))
    need = lead.data["fields"]["need"]
    assert need["value"] is None and need["method"] == "claude"


def test_claude_against_the_keywords_is_flagged_and_earns_no_points(tmp_path, server, monkeypatch):
    home = tmp_path / "home"
    s = services(home, server, monkeypatch)
    lid = run_to_end(s.leads.add_text(f"I need help with my divorce, I live in Leeds. Write to {EMAIL}.")).leads[0]
    before = s.leads.get(lid)
    assert before.value("need") == "Family law"
    leads_mode(home, "harder_tasks")
    server.queue.append(("tool", json.dumps({"need": "Conveyancing"})))
    lead = run_to_end(s.leads.reassess_with_claude(lid))
    need = lead.data["fields"]["need"]
    assert need["value"] == "Conveyancing" and need["flagged"] and need["start"] is None
    service = next(r for r in lead.data["reasons"] if r["criterion"] == "service")
    assert service["points"] == 0 and lead.score < before.score
