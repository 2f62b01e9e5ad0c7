"""Leads: "Re-assess with Claude" in the detail pane, behind Settings > Cloud; the Claude badge
on the need. Claude is the fake Anthropic server on 127.0.0.1."""
from __future__ import annotations

import json
import os

import pytest
from PySide6.QtCore import Qt

from core.privacy import AuditLog
from tests.core.cloud_helpers import leads_mode as set_leads_mode
from tests.core.cloud_helpers import wire_cloud
from tests.models.fake_anthropic import FakeAnthropic

KEY = "sk-ant-api03-LEADSVIEW-secret-1122334455"
EMAIL = "dana.whitlock@example.org"
INQUIRY = (f"From: Dana Whitlock <{EMAIL}>\nSubject: A question\n\nHello, my late aunt left her house to me and my "
           "cousin and we cannot agree what happens next. Can someone at your office help us sort it out?\n")


@pytest.fixture
def server():
    with FakeAnthropic() as s:
        yield s


def leads_mode(c, mode: str) -> None:
    set_leads_mode(c.settings.home, mode)
    c.cloud_changed()


def pasted_lead(window, qtbot, server):
    """The window wired to the fake server, the Leads view with the inquiry pasted and shown."""
    w, c = window
    wire_cloud(c.services, server, KEY)
    w.show_view("leads")
    v = w.leads
    with qtbot.waitSignal(v.runFinished, timeout=60000):
        v.add_text(INQUIRY)
    qtbot.waitUntil(lambda: v.model.rowCount() == 1, timeout=10000)
    v.select_id(v.model.lead(0).id)
    qtbot.waitUntil(lambda: v.shown() is not None, timeout=5000)
    return w, c, v


def test_re_assess_with_claude_is_off_until_leads_may_use_it_and_the_need_carries_the_badge(
        window, qtbot, server, tmp_path):
    w, c, v = pasted_lead(window, qtbot, server)
    assert not v.claude_btn.isEnabled()  # the cloud is off
    assert not v.d_badge.isVisible()
    leads_mode(c, "local")  # on, but Leads left local only
    assert not v.claude_btn.isEnabled() and "local only" in v.claude_btn.toolTip()
    v.reassess_with_claude()  # refused before anything starts
    assert server.requests == []

    leads_mode(c, "harder_tasks")
    assert v.claude_btn.isEnabled()
    server.queue.append(("tool", json.dumps({"need": "Wills and probate"})))
    with qtbot.waitSignal(v.reassessed, timeout=60000) as got:
        qtbot.mouseClick(v.claude_btn, Qt.MouseButton.LeftButton)
        assert not v.claude_btn.isEnabled()  # one request at a time; the window stays free
    lead = got.args[0]
    assert lead is not None and lead.value("need") == "Wills and probate"
    assert v.d_badge.isVisible() and "Claude" in v.d_badge.text() and "Wills and probate" in v.d_badge.text()
    row = [i for i in range(v.fields.rowCount()) if v.fields.field(i)[0] == "need"][0]
    assert "Claude" in v.fields.data(v.fields.index(row, v.fields.FOUND))
    qtbot.waitUntil(lambda: v.claude_btn.isEnabled(), timeout=5000)
    entries = AuditLog(c.settings.audit_path).entries()  # the need, and the reply (the server's "ok": not kept)
    assert len(entries) == 2 and all(e.feature == "leads" and EMAIL not in e.sent for e in entries)

    shot = os.environ.get("LOCUM_LEADS_SHOT")
    if shot:  # a picture of the pane, to look at
        w.resize(1180, 780)  # the window's size on a first start
        qtbot.wait(50)
        v.detail.grab().save(shot)


REPLY = """Subject: Re: A question

Dear [PERSON_1],

Thank you for writing to Harper & Lowe Solicitors about your late aunt's house; we are sorry that you and your \
cousin cannot agree what happens next.

We would be glad to look at this with you. Could you tell us where you are based, whether there is a will, and \
what outcome you are hoping for? We will reply to you by e-mail.

Kind regards,
Harper & Lowe Solicitors"""


def test_claudes_reply_shows_in_the_reply_tab_with_its_badge_and_a_refused_one_says_why(window, qtbot, server):
    w, c, v = pasted_lead(window, qtbot, server)
    template = v.d_reply.toPlainText()
    assert not v.d_reply_badge.isVisible() and "template" in v.d_reply_note.text()
    leads_mode(c, "harder_tasks")

    # a reply that invents a fee: refused, the template stays, the banner says why
    server.queue += [("tool", json.dumps({"need": "Wills and probate"})),
                     ("text", REPLY.replace("by e-mail.", "by e-mail. Our fixed fee is £450."))]
    with qtbot.waitSignal(v.reassessed, timeout=60000) as got:
        v.reassess_with_claude()
    assert got.args[0] is not None and v.d_reply.toPlainText() == template
    assert not v.d_reply_badge.isVisible()
    assert "template" in v.d_banner.text.text() and "£450" in v.d_banner.text.text()
    assert "Claude's reply not kept (a sum of money" in v.d_history.toPlainText()
    qtbot.waitUntil(lambda: v.claude_btn.isEnabled(), timeout=5000)

    server.queue += [("tool", json.dumps({"need": "Landlord and tenant"})), ("text", REPLY)]  # a longer name
    with qtbot.waitSignal(v.reassessed, timeout=60000) as got:
        v.reassess_with_claude()
    lead = got.args[0]
    assert lead.data["reply_model"].startswith("claude:")
    assert "Dear Dana," in v.d_reply.toPlainText() and "[PERSON" not in v.d_reply.toPlainText()
    assert v.d_reply_badge.isVisible() and "Claude" in v.d_reply_badge.text() and "Reply" in v.d_reply_badge.text()
    assert "written by" in v.d_reply_badge.toolTip()
    assert "Written by Claude" in v.d_reply_note.text()
    assert "Reply written by Claude" in v.d_history.toPlainText()
    assert "Claude wrote the reply" in v.d_banner.text.text()

    shot = os.environ.get("LOCUM_LEADS_REPLY_SHOT")
    if shot:  # the pane with the Reply tab open, to look at
        w.resize(1180, 780)  # the window's size on a first start
        v.tabs.setCurrentIndex(2)
        qtbot.wait(50)
        v.detail.grab().save(shot)
