"""Claude writes the reply of a kept lead ("Re-assess with Claude"), through the privacy gateway,
checked before it is kept. Claude is the fake Anthropic server on 127.0.0.1."""
from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from core.errors import CloudOffError
from core.leads.drafts import check_reply
from core.privacy import AuditLog
from core.services import Services, run_to_end
from tests.core.cloud_helpers import DANA_EMAIL, DANA_INQUIRY, cloud_services, leads_mode
from tests.models.fake_anthropic import FakeAnthropic

KEY = "sk-ant-api03-REPLY-test-key-0987654321"
EMAIL, INQUIRY = DANA_EMAIL, DANA_INQUIRY
NEED = ("tool", json.dumps({"need": "Wills and probate"}))
# Claude sees the inquiry's name as [PERSON_1] and its address as [EMAIL_1] (the first of each kind)
GOOD = """Subject: Re: A question

Dear [PERSON_1],

Thank you for writing to Harper & Lowe Solicitors about your late aunt's house; we are sorry that you and your
cousin are in this position.

We would be glad to look at this with you. Could you tell us a little more: where you are based, whether there
is a will, and what outcome you are hoping for? We will reply to you at [EMAIL_1].

Kind regards,
Harper & Lowe Solicitors"""


@pytest.fixture
def server():
    with FakeAnthropic() as s:
        yield s


def kept(tmp_path: Path, server, monkeypatch) -> tuple[Services, int]:
    home = tmp_path / "home"
    s = cloud_services(home, server, monkeypatch, KEY)
    f = tmp_path / "inbox" / "dana.eml"
    f.parent.mkdir()
    f.write_text(INQUIRY, encoding="utf-8")
    return s, run_to_end(s.leads.add([str(f)])).added[0]


def reassess(s: Services, lid: int, server, reply: str, mode: str = "harder_tasks"):
    leads_mode(s.settings.home, mode)
    server.queue += [NEED, ("text", reply)]
    return run_to_end(s.leads.reassess_with_claude(lid))


def test_a_good_reply_is_kept_re_identified_marked_as_claudes_and_in_the_history(tmp_path, server, monkeypatch):
    s, lid = kept(tmp_path, server, monkeypatch)
    before = s.leads.get(lid)
    lead = reassess(s, lid, server, GOOD)

    assert "Dear Dana Whitlock," in lead.reply and f"reply to you at {EMAIL}." in lead.reply
    assert lead.data["draft_reply"] == lead.reply and lead.reply != before.reply
    assert "[PERSON_" not in lead.reply and "[EMAIL_" not in lead.reply
    assert lead.data["reply_model"] == "claude:claude-sonnet-4-6"
    assert (lead.history[-1].kind, lead.history[-1].new) == ("reply", "claude")
    assert not [f for f in lead.data["flags"] if "reply" in f.lower()]
    # the rest of the lead is the rules': the fields but the need are as before
    for name, f in before.data["fields"].items():
        if name != "need":
            assert lead.data["fields"][name] == f, name

    # the reply request: free text (no tool), the office's template as house style, no personal data
    _, req = server.message_requests
    sent = json.dumps(req)
    assert "tools" not in req and EMAIL not in sent and "Whitlock" not in sent and "Dana" not in sent
    assert "house style" in sent and "Harper & Lowe Solicitors" in sent and "aunt left her house" in sent
    assert '"points"' not in sent and "Our assessment: cold" in sent


def test_the_audit_entry_of_the_reply_holds_only_redacted_text(tmp_path, server, monkeypatch):
    s, lid = kept(tmp_path, server, monkeypatch)
    reassess(s, lid, server, GOOD)
    need, reply = sorted(AuditLog(s.settings.audit_path).entries(), key=lambda e: e.id)
    assert need.feature == reply.feature == "leads" and reply.redacted and reply.status == "ok"
    for text in (reply.sent, reply.reply):
        assert EMAIL not in text and "Whitlock" not in text and "Dana" not in text
    assert "[PERSON_1]" in reply.sent and "[PERSON_1]" in reply.reply and "[EMAIL_1]" in reply.reply
    assert reply.sources == [str((tmp_path / "inbox" / "dana.eml").resolve())]


def test_placeholders_are_one_person_across_the_inquiry_and_the_house_style(tmp_path, server, monkeypatch):
    """The draft's "Dear Dana," and the inquiry's "Dana Whitlock" go as the same placeholder, so
    the reply's [PERSON_1] comes back as the name the inquiry gave."""
    s, lid = kept(tmp_path, server, monkeypatch)
    reassess(s, lid, server, GOOD)
    (_, req) = server.message_requests
    user = req["messages"][-1]["content"]
    assert "Dear [PERSON_1]," in user and user.count("[PERSON_2]") == 0


@pytest.mark.parametrize("invented, why", [
    ("Please call Sarah on 0161 496 0321 to book a time.", "a phone number not in the inquiry (0161 496 0321)"),
    ("Our fixed fee for this work is £450 plus VAT.", "a sum of money not in the inquiry or the rubric (£450)"),
    ("The first consultation is free of charge.", "a fee or charge not in the inquiry or the rubric (free of charge)"),
    ("We can see you on Monday at 10am.", "a date or time not in the inquiry (Monday, 10am)"),
    ("Our partner Margaret Ellison handles these cases.", "a name not in the inquiry or the rubric (Margaret, Ellison)"),
    ("We have passed this to [PERSON_4].", "a placeholder left unfilled ([PERSON_4])"),
    ("Please reply to [Your name] at {office}.", "a placeholder left unfilled ([Your name], {office})"),
    ("Write to enquiries@harperlowe.example.com with the papers.", "an e-mail address not in the inquiry"),
])
def test_a_reply_inventing_a_detail_is_refused_and_the_template_kept(tmp_path, server, monkeypatch, invented, why):
    s, lid = kept(tmp_path, server, monkeypatch)
    before = s.leads.get(lid)
    bad = GOOD.replace("We will reply to you at [EMAIL_1].", invented)
    lead = reassess(s, lid, server, bad)

    assert lead.reply == before.reply and lead.data["draft_reply"] == before.data["draft_reply"]
    assert "reply_model" not in lead.data
    (flag,) = [f for f in lead.data["flags"] if f.startswith("Claude's reply was not kept")]
    assert why in flag
    last = lead.history[-1]
    assert last.kind == "reply" and last.new.startswith("not kept: " + why.split(" (")[0])
    assert "(" not in last.new  # the history names what was wrong, not Claude's words
    assert lead.value("need") == "Wills and probate"  # Claude's reading of the need is still kept


def test_values_from_the_inquiry_and_rubric_may_be_repeated():
    allowed = ("I live in Leeds and my budget is £2,000. Call me on 07700 900123 before 14 March. "
               "Harper & Lowe Solicitors, Wills and probate")
    reply = ("Subject: Re: Your inquiry\n\nDear Ruth,\n\nThank you for contacting Harper & Lowe Solicitors about "
             "wills and probate in Leeds. We note your budget of £2,000 and that you would like a call before "
             "14 March; we will call you on 07700 900 123. Kind regards,\nHarper & Lowe Solicitors")
    assert check_reply(reply, allowed + " Ruth") == []
    assert check_reply(reply, allowed) == ["a name not in the inquiry or the rubric (Ruth)"]
    # a given name at the start of a sentence is still a name; ordinary words there are not
    assert check_reply(reply + "\nSarah will be in touch.", allowed + " Ruth") == [
        "a name not in the inquiry or the rubric (Sarah)"]
    assert check_reply("ok", allowed) == ["too short to be a reply"]


def test_declining_the_reply_preview_keeps_claudes_need_and_the_template(tmp_path, server, monkeypatch):
    s, lid = kept(tmp_path, server, monkeypatch)
    before = s.leads.get(lid)
    seen = []
    s.chat_models.confirm = lambda prepared: seen.append(prepared.sent) or len(seen) == 1  # yes, then no
    lead = reassess(s, lid, server, GOOD, mode="ask_each_time")
    assert len(seen) == 2 and all(EMAIL not in p for p in seen) and "house style" in seen[1]
    assert len(server.message_requests) == 1  # the reply's request never left
    assert lead.value("need") == "Wills and probate" and lead.reply == before.reply
    assert any(f.startswith("Claude did not write the reply") for f in lead.data["flags"])
    assert lead.history[-1].kind == "reply" and lead.history[-1].new.startswith("not written")
    assert len(AuditLog(s.settings.audit_path).entries()) == 1


def test_local_only_refuses_before_any_socket_opens(tmp_path, server, monkeypatch):
    s, lid = kept(tmp_path, server, monkeypatch)
    kept_data = s.leads.get(lid).data
    attempts = []
    real = socket.socket.connect
    monkeypatch.setattr(socket.socket, "connect", lambda self, a: attempts.append(a) or real(self, a))
    leads_mode(s.settings.home, "local")
    server.queue += [NEED, ("text", GOOD)]
    with pytest.raises(CloudOffError):
        run_to_end(s.leads.reassess_with_claude(lid))
    assert attempts == [] and server.requests == []
    assert s.leads.get(lid).data == kept_data and AuditLog(s.settings.audit_path).entries() == []


def test_spam_gets_no_reply_request(tmp_path, server, monkeypatch):
    home = tmp_path / "home"
    s = cloud_services(home, server, monkeypatch, KEY)
    spam = ("Boost your website traffic! Our SEO agency guarantees first page ranking on Google. "
            "Limited offer, click here to unsubscribe.")
    lid = run_to_end(s.leads.add_text(spam)).leads[0]
    assert s.leads.get(lid).data["draft_reply"] == ""
    leads_mode(home, "harder_tasks")
    lead = run_to_end(s.leads.reassess_with_claude(lid))
    assert server.message_requests == [] and lead.reply == "" and lead.history[-1].kind != "reply"


def test_deleting_or_removing_the_lead_leaves_no_copy_of_claudes_reply(tmp_path, server, monkeypatch):
    marker = "we are sorry that you and your"
    s, lid = kept(tmp_path, server, monkeypatch)
    lead = reassess(s, lid, server, GOOD)
    assert marker in lead.reply

    def on_disk() -> bytes:
        return b"".join(p.read_bytes() for p in Path(s.settings.leads_path).parent.glob("leads.sqlite*"))

    assert marker.encode() in on_disk()
    assert s.lead_records.delete(lid)
    assert marker.encode() not in on_disk()

    # the same again, taken out by removing the inquiry's file from Locum
    s2, lid2 = kept(tmp_path / "again", server, monkeypatch)
    reassess(s2, lid2, server, GOOD)
    assert marker.encode() in b"".join(p.read_bytes() for p in Path(s2.settings.leads_path).parent.glob("leads.sqlite*"))
    s2.remove(str(tmp_path / "again" / "inbox" / "dana.eml"))
    assert s2.leads.list() == []
    assert marker.encode() not in b"".join(
        p.read_bytes() for p in Path(s2.settings.leads_path).parent.glob("leads.sqlite*"))


def test_a_decline_asks_only_for_the_reply_naming_the_rubrics_referral(tmp_path, server, monkeypatch):
    home = tmp_path / "home"
    s = cloud_services(home, server, monkeypatch, KEY)
    text = (f"I was arrested last night for shoplifting and I need a criminal defence solicitor for the police "
            f"interview. Please write to {EMAIL}.")
    lid = run_to_end(s.leads.add_text(text)).leads[0]
    assert s.leads.get(lid).tier == "disqualified"
    decline = ("Subject: Re: your inquiry\n\nHello,\n\nThank you for contacting Harper & Lowe Solicitors. "
               "Unfortunately criminal defence is not an area we work in, so we are not able to help with this.\n\n"
               "We suggest contacting Yorkshire Defence Solicitors on [PHONE_1], who should be able to help.\n\n"
               "We wish you the best in resolving it.\n\nKind regards,\nHarper & Lowe Solicitors")
    leads_mode(home, "harder_tasks")
    server.queue.append(("text", decline))
    lead = run_to_end(s.leads.reassess_with_claude(lid))
    (req,) = server.message_requests  # no request for the need: the rubric's keywords settle it
    sent = json.dumps(req)
    assert "Referral to name in the decline: Yorkshire Defence Solicitors" in sent and "496 0100" not in sent
    assert lead.data["reply_model"] and "0113 496 0100" in lead.reply  # the rubric's number, put back
    assert not any("nothing was sent" in e for e in lead.data["errors"])
    assert any("only the reply was asked for" in e for e in lead.data["errors"])


def test_the_persons_own_edit_of_the_reply_stays_and_claudes_is_one_step_away(tmp_path, server, monkeypatch):
    s, lid = kept(tmp_path, server, monkeypatch)
    mine = "Dear Dana, thank you; we will call you this week.\n"
    s.lead_records.set_draft(lid, mine)
    lead = reassess(s, lid, server, GOOD)
    assert lead.reply == mine and "Dear Dana Whitlock," in lead.data["draft_reply"]  # not overwritten
    assert "Dear Dana Whitlock," in s.lead_records.set_draft(lid, None).reply  # "Undo my edits"
