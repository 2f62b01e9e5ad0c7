"""Claude as a chat-model entry: built by the one service, behind the gateway, per feature.

Every request goes to the fake Anthropic server on 127.0.0.1 (tests/models/fake_anthropic.py).
"""
from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest

from core.chat.cloud import CLAUDE_NAME, FeatureBackend, is_cloud_model
from core.errors import CloudOffError, MissingKeyError
from core.privacy import AuditLog, CloudGateway, CloudPolicy, KeyStore
from core.services import Services, run_to_end
from core.settings import Settings
from models.base import Message, complete
from tests.core.library_helpers import make_pdf
from tests.core.cloud_helpers import cloud_services
from tests.models.fake_anthropic import FakeAnthropic

KEY = "sk-ant-api03-CLOUD-test-key-9876543210"


@pytest.fixture
def server():
    with FakeAnthropic() as s:
        yield s


def cloud_on(home: Path, mode: str = "harder_tasks", **kw) -> None:
    CloudPolicy(enabled=True, features={"ask": mode, "extract": mode, "leads": "local"}, **kw).save(home)


def services(home: Path, server, monkeypatch) -> Services:
    return cloud_services(home, server, monkeypatch, KEY)


def two_dates(path: Path) -> Path:
    """A receipt whose date the ranking cannot decide: a model must choose."""
    doc = pymupdf.open()
    page = doc.new_page()
    rows = [("Date:", "10/02/2026"), ("Date:", "11/03/2026"), ("Total:", "£12.00"), ("Customer:", "Maria Gonzalez")]
    for y, (lab, value) in enumerate(rows):
        page.insert_text((72, 100 + 24 * y), lab, fontsize=11)
        page.insert_text((200, 100 + 24 * y), value, fontsize=11)
    doc.save(path)
    doc.close()
    return path


def test_claude_is_an_entry_of_the_service_built_behind_the_gateway(tmp_path, server, monkeypatch):
    s = services(tmp_path, server, monkeypatch)
    with pytest.raises(CloudOffError):  # off by default: nothing built, nothing sent
        s.chat_models.cloud("ask")
    cloud_on(tmp_path)
    prepared = s.chat_models.prepare(CLAUDE_NAME)
    assert prepared.entry.kind == "claude" and not prepared.tiny
    assert isinstance(prepared.backend, CloudGateway) and prepared.backend.name == "claude:claude-sonnet-4-6"
    ask = s.chat_models.cloud("ask", prepared)
    assert isinstance(ask, FeatureBackend) and not ask.is_local and is_cloud_model(ask.name)
    server.queue.append(("text", "[PERSON_1] is the client."))
    out = complete(ask, [Message("user", "Client: Maria Gonzalez, DOB 03/14/1962. Who is the client?")],
                   sources=[tmp_path / "a.pdf"])
    assert out == "Maria Gonzalez is the client."
    sent = json.dumps(server.message_requests[0])
    assert "Gonzalez" not in sent and "03/14/1962" not in sent
    [e] = AuditLog(s.settings.audit_path).entries()
    assert e.feature == "ask" and e.sources == [str((tmp_path / "a.pdf").resolve())]


def test_a_feature_left_local_sends_nothing_even_with_the_cloud_on(tmp_path, server, monkeypatch):
    s = services(tmp_path, server, monkeypatch)
    cloud_on(tmp_path)
    with pytest.raises(CloudOffError):
        s.chat_models.cloud("leads")
    ask = s.cloud_backend("ask")
    CloudPolicy(enabled=True, features={"ask": "local"}).save(tmp_path)  # changed after it was built
    with pytest.raises(CloudOffError):
        complete(ask, [Message("user", "hello")])
    assert server.requests == [] and AuditLog(s.settings.audit_path).entries() == []


def test_no_key_is_a_readable_error_and_no_request(tmp_path, server, monkeypatch):
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    s = services(tmp_path, server, monkeypatch)
    s.chat_models._keys = KeyStore(use_keyring=False)
    cloud_on(tmp_path)
    with pytest.raises(MissingKeyError) as e:
        s.cloud_backend("ask")
    assert "Settings > Cloud" in e.value.action
    assert server.requests == []


def test_ask_with_claude_cites_audits_its_sources_and_removal_erases_them(tmp_path, server, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    pdf = make_pdf(docs / "retainer.pdf", ["Client: Maria Gonzalez. The monthly retainer fee is 2,500 dollars, "
                                           "payable on the first day of each month."])
    home = tmp_path / "home"
    s = services(home, server, monkeypatch)
    run_to_end(s.library.index([str(docs)]))
    cloud_on(home)
    server.queue.append(("text", "The monthly retainer fee is 2,500 dollars [1]."))
    answer = run_to_end(s.cloud_assistant().ask("What is the monthly retainer fee?", conversation_id="c1"))
    assert answer.found and is_cloud_model(answer.model)
    assert answer.citations and answer.citations[0].path == str(pdf)
    [req] = server.message_requests
    assert "Gonzalez" not in json.dumps(req) and "2,500 dollars" in json.dumps(req)
    [e] = AuditLog(s.settings.audit_path).entries()
    assert e.feature == "ask" and e.sources == [str(pdf.resolve())]
    stored = s.conversations.messages("c1")
    assert stored[-1].meta["model"] == answer.model  # the badge survives a restart
    s.remove(str(docs))
    assert AuditLog(s.settings.audit_path).entries() == []


def test_re_extract_with_claude_picks_among_the_page_candidates(tmp_path, server, monkeypatch):
    home = tmp_path / "home"
    s = services(home, server, monkeypatch)
    pdf = two_dates(tmp_path / "receipt.pdf")
    with pytest.raises(CloudOffError):
        run_to_end(s.forms.extract(str(pdf), "receipt", with_claude=True))
    local = run_to_end(s.forms.extract(str(pdf), "receipt"))
    assert not is_cloud_model(local.result.model)
    cloud_on(home)
    # The first request shows which candidate ids the grammar offers for the date.
    server.queue.append(("tool", "{}"))
    run_to_end(s.forms.extract(str(pdf), "receipt", with_claude=True))
    schema = server.message_requests[0]["tools"][0]["input_schema"]
    options = [o for o in schema["properties"]["date"]["enum"] if o]
    assert len(options) == 2
    server.queue.append(("tool", json.dumps({"date": options[1]})))
    stored = run_to_end(s.forms.extract(str(pdf), "receipt", with_claude=True))
    assert is_cloud_model(stored.result.model)
    date = stored.result.fields["date"]
    assert date.method == "model" and date.value == "2026-03-11" and date.flagged  # still one to check
    assert stored.result.fields["total"].value == 12.0 and stored.result.fields["total"].method != "model"
    entries = AuditLog(s.settings.audit_path).entries()
    assert [e.feature for e in entries] == ["extract", "extract"]
    assert all(e.sources == [str(pdf.resolve())] for e in entries)
    assert all("Gonzalez" not in json.dumps(r) for r in server.message_requests)


def test_the_model_list_comes_from_the_models_api_only_with_the_cloud_on(tmp_path, server, monkeypatch):
    s = services(tmp_path, server, monkeypatch)
    with pytest.raises(CloudOffError):
        s.chat_models.cloud_models(KEY)
    assert server.headers == []  # not even the key left
    cloud_on(tmp_path)
    got = s.chat_models.cloud_models(KEY)
    assert [m.id for m in got] == ["claude-sonnet-4-6", "claude-haiku-4-5"]
    assert server.headers[-1]["authorization"] == f"Bearer {KEY}"
