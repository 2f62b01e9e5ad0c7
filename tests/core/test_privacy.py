"""The privacy boundary: redaction, the gateway, the audit log, the key, and a cloud that is off."""
from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from core.cli.main import main
from core.errors import CloudError, CloudOffError
from core.privacy import AuditLog, CloudGateway, CloudPolicy, KeyStore, Redactor, StreamReidentifier, reidentify
from core.privacy.gateway import claude_gateway
from core.privacy.redaction import PlaceholderBook
from core.settings import Settings
from models.base import Message, complete
from tests.core.library_helpers import make_pdf
from tests.models.fake_anthropic import FakeAnthropic

KEY = "sk-ant-api03-SECRET-key-value-0123456789"
TEXT = ("Patient: Maria Gonzalez, DOB 03/14/1962, MRN 00482913. Seen by Dr. Okafor.\n"
        "Ms Gonzalez's daughter can be reached on (415) 555-0132 or maria.g@example.com.\n"
        "Address: 14 Elm Street, Springfield, IL 62704. Account number 12345678. SSN 123-45-6789.\n"
        "Maria reported chest pain. The hearing is on 12 March 2025 at the County Court.")
SECRETS = ["Maria", "Gonzalez", "Okafor", "03/14/1962", "00482913", "555-0132", "maria.g@example.com",
           "14 Elm Street", "12345678", "123-45-6789"]


def rules() -> Redactor:
    return Redactor(use_ner=False)


def test_redaction_round_trip_with_consistent_placeholders():
    red = rules().redact(TEXT)
    for s in SECRETS:
        assert s not in red.text, s
    # the person is one placeholder throughout: full name, "Ms Gonzalez's", "Maria"
    person = next(k for k, v in red.mapping.items() if v == "Maria Gonzalez")
    assert red.text.count(person) == 3 and "Ms " + person + "'s daughter" in red.text
    # what is not personal stays: the hearing date, the court
    assert "12 March 2025" in red.text and "County Court" in red.text
    # each mention comes back as the person's full name
    assert reidentify(red.text, red.mapping) == TEXT.replace("Ms Gonzalez's", "Ms Maria Gonzalez's").replace(
        "Maria reported", "Maria Gonzalez reported")


def test_one_book_keeps_numbering_across_the_texts_of_a_request():
    book = PlaceholderBook()
    a = rules().redact("Client: John Smith, phone 020 7946 0958.", book)
    b = rules().redact("Mr Smith called again on 020 7946 0958.", book)
    assert "[PERSON_1]" in a.text and "[PERSON_1]" in b.text and "[PHONE_1]" in b.text


def test_streamed_reply_reidentifies_a_placeholder_split_across_chunks():
    r = StreamReidentifier({"[PERSON_1]": "Maria Gonzalez"})
    out = "".join(r.feed(c) for c in ["Dear [PER", "SON_", "1], your [x] results"]) + r.flush()
    assert out == "Dear Maria Gonzalez, your [x] results"


@pytest.fixture
def server():
    with FakeAnthropic() as s:
        yield s


def cloud_on(home: Path, mode: str = "harder_tasks", redact: bool = True) -> None:
    CloudPolicy(enabled=True, redact=redact, features={"ask": mode, "extract": mode, "leads": mode}).save(home)


def gateway(home: Path, server, **kw) -> CloudGateway:
    keys = KeyStore(use_keyring=False)
    keys.set(KEY, session_only=True)
    return claude_gateway(home, keys=keys, base_url=server.url, max_retries=1, redactor=rules(), **kw)


def test_gateway_redacts_audits_and_reidentifies(tmp_path, server):
    cloud_on(tmp_path)
    server.queue.append(("text", "[PERSON_1] (born [DOB_1]) should repeat the ECG."))
    doc = tmp_path / "docs" / "referral.pdf"
    g = gateway(tmp_path, server)
    reply = complete(g, [Message("system", "Summarise."), Message("user", TEXT)], feature="ask", sources=[doc])
    assert reply == "Maria Gonzalez (born 03/14/1962) should repeat the ECG."
    sent = json.dumps(server.message_requests[0])
    for s in SECRETS:
        assert s not in sent, s
    [e] = AuditLog(Settings(home=tmp_path).audit_path).entries()
    assert e.feature == "ask" and e.model == "claude-sonnet-4-6" and e.status == "ok" and e.redacted
    assert json.loads(e.sent)["messages"][1]["content"] == server.message_requests[0]["messages"][0]["content"]
    assert e.reply == "[PERSON_1] (born [DOB_1]) should repeat the ECG."  # the log keeps what came, not the names
    assert e.input_tokens == 42 and e.output_tokens and e.cost_usd and e.cost_usd > 0
    assert e.sources == [str(doc.resolve())] and e.chars_sent == len(e.sent)


def test_structured_reply_is_reidentified_inside_the_json(tmp_path, server):
    cloud_on(tmp_path)
    server.queue.append(("tool", '{"patient": "[PERSON_1]", "email": "[EMAIL_1]"}'))
    schema = {"type": "object", "properties": {"patient": {"type": "string"}, "email": {"type": "string"}}}
    out = complete(gateway(tmp_path, server), [Message("user", TEXT)], json_schema=schema, feature="extract")
    assert json.loads(out) == {"patient": "Maria Gonzalez", "email": "maria.g@example.com"}


def test_cloud_off_sends_nothing(tmp_path, server):
    keys = KeyStore(use_keyring=False)
    keys.set(KEY, session_only=True)
    with pytest.raises(CloudOffError):
        claude_gateway(tmp_path, keys=keys, base_url=server.url)
    cloud_on(tmp_path)
    g = gateway(tmp_path, server)
    CloudPolicy(enabled=False).save(tmp_path)  # switched off after the backend was built
    with pytest.raises(CloudOffError):
        complete(g, [Message("user", "hi")], feature="ask")
    cloud_on(tmp_path, mode="local")
    with pytest.raises(CloudOffError):
        complete(g, [Message("user", "hi")], feature="ask")
    assert server.requests == [] and AuditLog(tmp_path / "audit.sqlite").entries() == []


def test_ask_each_time_sends_only_what_the_preview_showed(tmp_path, server):
    cloud_on(tmp_path, mode="ask_each_time")
    shown = []
    g = gateway(tmp_path, server, confirm=lambda p: shown.append(p.sent) or False)
    with pytest.raises(CloudOffError):
        complete(g, [Message("user", TEXT)], feature="ask")
    assert server.requests == [] and "Gonzalez" not in shown[0] and "[PERSON_1]" in shown[0]
    g.confirm = lambda p: True
    assert complete(g, [Message("user", TEXT)], feature="ask") == "ok"
    [e] = AuditLog(tmp_path / "audit.sqlite").entries()
    assert e.sent == shown[0]


def test_errors_are_mapped_and_audited(tmp_path, server):
    cloud_on(tmp_path)
    server.queue.append((401,))
    with pytest.raises(CloudError) as e:
        complete(gateway(tmp_path, server), [Message("user", "hi")], feature="ask")
    assert e.value.kind == "auth" and "Settings > Cloud" in e.value.action
    [entry] = AuditLog(tmp_path / "audit.sqlite").entries()
    assert entry.status.startswith("error:") and "401" in entry.status


def test_the_key_lands_in_no_file_under_the_home(tmp_path, server, capsys):
    cloud_on(tmp_path)
    server.queue += [(429,), ("text", "fine"), (500,), (500,)]
    g = gateway(tmp_path, server)
    assert complete(g, [Message("user", TEXT)], feature="ask") == "fine"
    with pytest.raises(CloudError) as e:
        complete(g, [Message("user", "again")], feature="ask")
    assert KEY not in str(e.value)
    Settings.load(tmp_path).save()
    assert main(["--home", str(tmp_path), "audit", "--json"]) == 0
    assert KEY not in capsys.readouterr().out
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.name == "audit.sqlite" for p in files)
    for p in files:
        assert KEY.encode() not in p.read_bytes(), p


def _all_bytes(home: Path) -> bytes:
    return b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())


def test_erase_path_and_erase_all_leave_no_text_on_disk(tmp_path):
    log = AuditLog(tmp_path / "audit.sqlite")
    a = log.begin(feature="ask", model="claude-sonnet-4-6", sent="UNIQUE-ALPHA " * 50, redacted=True,
                  placeholders=0, sources=[tmp_path / "docs" / "a.pdf"])
    log.finish(a, reply="REPLY-ALPHA", status="ok", model="claude-sonnet-4-6", input_tokens=10, output_tokens=5)
    b = log.begin(feature="ask", model="claude-sonnet-4-6", sent="UNIQUE-BETA", redacted=True, placeholders=0,
                  sources=[tmp_path / "other" / "b.pdf"])
    log.finish(b, reply="REPLY-BETA", status="ok")
    assert b"UNIQUE-ALPHA" in _all_bytes(tmp_path)
    assert log.erase_path(tmp_path / "docs") == 1  # a folder erases what came from under it
    data = _all_bytes(tmp_path)
    assert b"UNIQUE-ALPHA" not in data and b"REPLY-ALPHA" not in data and b"UNIQUE-BETA" in data
    assert [e.id for e in log.entries()] == [b]
    assert log.erase_all() == 1
    data = _all_bytes(tmp_path)
    assert b"UNIQUE-BETA" not in data and b"REPLY-BETA" not in data and log.entries() == []


def test_keystore_without_a_keyring_says_so_and_keeps_the_key_in_memory(monkeypatch):
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    keys = KeyStore(use_keyring=False)
    assert not keys.keyring_available and "session" in keys.unavailable_reason
    assert keys.get() is None and keys.source is None
    assert keys.set(KEY) == "session" and keys.get() == KEY and keys.source == "session"
    monkeypatch.setenv("ANTHROPIC_API_KEY", "from-env")
    assert keys.get() == "from-env" and keys.source == "environment"


def test_policy_is_off_by_default_and_off_when_unreadable(tmp_path):
    assert not CloudPolicy.load(tmp_path).allows("ask")
    (tmp_path / "cloud.json").write_text("{not json")
    assert not CloudPolicy.load(tmp_path).enabled
    (tmp_path / "cloud.json").write_text('{"enabled": "yes"}')
    assert not CloudPolicy.load(tmp_path).enabled


def test_a_whole_session_with_the_cloud_off_opens_no_socket(tmp_path, monkeypatch, capsys):
    attempts = []
    guarded = socket.socket.connect

    def counting(self, address):
        attempts.append(address)
        return guarded(self, address)

    monkeypatch.setattr(socket.socket, "connect", counting)
    monkeypatch.setattr(socket.socket, "connect_ex", lambda self, a: attempts.append(a) or 111)
    real_gai = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: attempts.append(a[:2]) or real_gai(*a, **k))
    monkeypatch.setenv("LOCUM_FAKE_BACKENDS", "1")
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)  # a key present is no reason to connect
    docs = tmp_path / "docs"
    docs.mkdir()
    make_pdf(docs / "retainer.pdf", ["The retainer for Maria Gonzalez is 2,500 dollars, payable monthly."])
    home = str(tmp_path / "home")
    assert main(["--home", home, "index", str(docs), "--json"]) == 0
    assert main(["--home", home, "search", "retainer", "--json"]) == 0
    assert main(["--home", home, "ask", "What is the retainer?", "--json"]) in (0, 2)
    assert main(["--home", home, "audit", "--json"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("[]")  # nothing was sent
    assert attempts == []
    assert not os.path.exists(os.path.join(home, "audit.sqlite")) or AuditLog(Path(home) / "audit.sqlite").entries() == []


@pytest.mark.real
def test_presidio_spacy_finds_names_the_rules_cannot():
    text = "Yesterday Priya Raman met Tomasz Kowalski to discuss the lease; Kowalski agreed to pay."
    red = Redactor().redact(text)
    assert "Priya Raman" not in red.text and "Kowalski" not in red.text
    assert red.text.count(next(k for k, v in red.mapping.items() if v == "Tomasz Kowalski")) == 2
    assert "the lease" in red.text


def test_removing_a_document_erases_its_cloud_requests_from_the_audit_log(tmp_path):
    """`locum remove` reaches the audit log through the services' record stores."""
    from core.privacy.audit import AuditLog
    from core.services import Services
    from core.settings import Settings

    home = tmp_path / "home"
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("x")
    services = Services(Settings(home=home))
    log = AuditLog(services.settings.audit_path)
    kept = log.begin(feature="ask", model="m", sent="Quokkaphrase kept", redacted=True, placeholders=0,
                     sources=[str(tmp_path / "other.txt")])
    gone = log.begin(feature="ask", model="m", sent="Zebraphrase gone", redacted=True, placeholders=0,
                     sources=[str(docs / "a.txt")])
    log.finish(gone, reply="Zebraphrase reply", status="ok")
    log.finish(kept, reply="fine", status="ok")
    assert services._erase_records(str(docs)) == 1
    assert [e.sent for e in AuditLog(services.settings.audit_path).entries()] == ["Quokkaphrase kept"]
    for p in home.rglob("*"):
        if p.is_file():
            assert b"Zebraphrase" not in p.read_bytes(), p
