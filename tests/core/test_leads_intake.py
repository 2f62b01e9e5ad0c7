"""Intake: headers as headers, the real sender of a forwarded message, quoted replies and
signatures cut off, web-form CSV rows, and bad input refused with a clear reason."""
from __future__ import annotations

import pytest

from core.documents.textformats import email_message, email_text
from core.errors import LocumError
from core.leads.intake import inquiry_from_text, read_folder, read_inquiries

HEAD = "To: office@firm.example\nDate: Mon, 2 Mar 2026 09:00:00 +0000\nContent-Type: text/plain; charset=utf-8\n"


def _eml(tmp_path, name, headers, body, raw=False):
    p = tmp_path / name
    data = (headers + ("" if raw else HEAD) + "\n" + body).encode("utf-8")
    p.write_bytes(data)
    return p


def test_headers_are_fields_and_the_signature_is_cut_off(tmp_path):
    p = _eml(tmp_path, "a.eml", "From: \"Doe, Jane\" <Jane.Doe@Example.com>\nReply-To: jd@example.org\nSubject: Divorce\n",
             "Hello,\n\nI need help with a divorce.\n\nKind regards,\nJane Doe\nMob: 07700 900123\n")
    [q] = read_inquiries(p)
    assert (q.kind, q.sender_name, q.sender_email, q.reply_to) == ("eml", "Jane Doe", "jane.doe@example.com", "jd@example.org")
    assert q.date == "2026-03-02T09:00:00+00:00" and q.subject == "Divorce"
    assert q.text.endswith("Kind regards,") and "07700" not in q.text
    assert q.signature == "Jane Doe\nMob: 07700 900123"
    assert "From:" not in q.text and not q.forwarded


def test_forwarded_gmail_style_gives_the_original_sender(tmp_path):
    body = ("Can someone take this?\n\nSusan\n\n---------- Forwarded message ---------\n"
            "From: Tom Baker <tom@example.com>\nDate: Mon, 2 Mar 2026 at 22:17\nSubject: Dismissed\nTo: <s@firm.example>\n\n"
            "Dear Ms Harper,\n\nI was dismissed last Friday.\n\nYours sincerely,\nTom Baker\n")
    [q] = read_inquiries(_eml(tmp_path, "f.eml", "From: Susan Harper <s@firm.example>\nSubject: Fwd: Dismissed\n", body))
    assert q.forwarded and (q.sender_name, q.sender_email, q.subject) == ("Tom Baker", "tom@example.com", "Dismissed")
    assert q.text.startswith("Dear Ms Harper") and "Susan" not in q.text
    assert q.signature == "Tom Baker"


def test_forwarded_outlook_style(tmp_path):
    body = ("Forwarding.\n\n-----Original Message-----\nFrom: Emily Carter <emily@example.com>\n"
            "Sent: 04 March 2026 21:40\nTo: reception@clinic.example\nSubject: Knee injury\n\nHello,\n\nMy knee hurts.\n\nEmily Carter\n")
    [q] = read_inquiries(_eml(tmp_path, "o.eml", "From: Reception <reception@clinic.example>\nSubject: FW: Knee injury\n", body))
    assert q.forwarded and q.sender_email == "emily@example.com" and q.subject == "Knee injury"
    assert q.date.startswith("2026-03-04") and "Forwarding" not in q.text


def test_forwarded_by_outlook_with_its_underscore_line(tmp_path):
    inner = ("From: Segun Ilori <s.ilori@coaches.example>\nSent: 30 November 2026 16:44\nTo: info@clinic.example\n"
             "Subject: Driver medicals\n\nHello,\n\nWe need health assessments for our drivers.\n")
    body = "Passing this on - came in to the general inbox.\n\n________________________________\n" + inner
    [q] = read_inquiries(_eml(tmp_path, "u.eml", "From: Reception <reception@clinic.example>\nSubject: FW: Driver medicals\n",
                              body))
    assert q.forwarded and (q.sender_name, q.sender_email, q.subject) == ("Segun Ilori", "s.ilori@coaches.example",
                                                                          "Driver medicals")
    assert q.text.startswith("Hello") and "Passing" not in q.text
    # the same separator above a reply marks quoted text, not a forward: the writer stays the sender
    reply = "Thursday suits me.\n\nAnna\n\n________________________________\n" + inner
    [r] = read_inquiries(_eml(tmp_path, "v.eml", "From: Anna Lee <anna@example.com>\nSubject: RE: Driver medicals\n", reply))
    assert not r.forwarded and r.sender_email == "anna@example.com" and "Segun" not in r.text


def test_quoted_reply_is_cut_so_the_office_number_is_not_the_leads(tmp_path):
    body = ("Yes, they want it signed by Friday. My number is 07700 900455.\n\nNadia\n\n"
            "On Fri, 6 Mar 2026 at 16:30, Firm <office@firm.example> wrote:\n> Call us on 0113 496 0000.\n> Firm\n")
    [q] = read_inquiries(_eml(tmp_path, "r.eml", "From: Nadia Begum <n@example.com>\nSubject: Re: x\n", body))
    assert "0113" not in q.text and "0113" not in q.signature and "07700 900455" in q.text


def test_web_form_robot_sender_and_html_only(tmp_path):
    p = _eml(tmp_path, "h.eml", "From: Oliver Grant <o@example.com>\nSubject: NDA\nTo: x@firm.example\n"
             "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n",
             "<html><body><p>Hello,</p><p>We need an NDA reviewed in <b>York</b>.</p></body></html>", raw=True)
    [q] = read_inquiries(p)
    assert "We need an NDA reviewed in York." in q.text and "<p>" not in q.text
    assert any("HTML" in n for n in q.notes)


def test_undeclared_8bit_body_is_decoded_not_mangled(tmp_path):
    # no Content-Type at all: the pound sign must survive (it became two replacement marks)
    p = tmp_path / "n.eml"
    p.write_bytes("From: A B <a@example.com>\nSubject: x\n\nOur budget is £2,000.\n".encode("utf-8"))
    assert "£2,000" in email_message(str(p)).body
    assert "£2,000" in email_text(str(p))[1]  # what the library indexes
    assert "£2,000" in read_inquiries(p)[0].text


def test_web_form_csv_one_inquiry_per_row(tmp_path):
    p = tmp_path / "form.csv"
    p.write_text("first_name,last_name,email,phone,message,submitted\n"
                 "Hannah,Lewis,hannah@example.com,07700 900533,\"Sciatica, left leg.\",2026-03-06 10:00\n"
                 "Peter,Quinn,peter@example.com,,Ingrown toenail.,2026-03-06 12:15\n", encoding="utf-8")
    rows = read_inquiries(p)
    assert [r.source for r in rows] == [f"{p}#1", f"{p}#2"]
    assert rows[0].sender_name == "Hannah Lewis" and rows[0].sender_email == "hannah@example.com"
    assert "Phone: 07700 900533" in rows[0].text and rows[0].text.endswith("Sciatica, left leg.")
    assert rows[1].date == "2026-03-06T12:15:00" and rows[1].kind == "csv"


@pytest.mark.parametrize("content, words", [
    ("name,email,phone\nA B,a@example.com,1\n", "no message column"),
    ("name,message\nA B,hello\n", "neither an email nor a phone column"),
    ("name,email,message\nA B,a@example.com,hello,extra,cells\n", "row 1 has 5 cells"),
    ("", "empty CSV"),
])
def test_bad_csv_is_refused_with_a_clear_reason(tmp_path, content, words):
    p = tmp_path / "bad.csv"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(LocumError, match=words):
        read_inquiries(p)


def test_empty_newsletter_and_unknown_files_are_refused(tmp_path):
    with pytest.raises(LocumError, match="no message text"):
        read_inquiries(_eml(tmp_path, "e.eml", "From: A <a@example.com>\nSubject: x\n", "\n\n"))
    big = tmp_path / "news.eml"
    big.write_bytes(("From: News <n@example.com>\nSubject: Weekly\n" + HEAD + "\n" + "All the news. " * 400_000).encode())
    with pytest.raises(LocumError, match="newsletter"):
        read_inquiries(big)
    other = tmp_path / "x.pdf"
    other.write_bytes(b"%PDF-1.4")
    with pytest.raises(LocumError, match="not an inquiry file"):
        read_inquiries(other)
    with pytest.raises(LocumError):
        inquiry_from_text("   ")


def test_mbox_folder_and_pasted_text(tmp_path):
    box = tmp_path / "in.mbox"
    box.write_text("From a@example.com Wed Mar 11 10:00:00 2026\nFrom: Owen Price <owen@example.com>\nSubject: Deposit\n\n"
                   "My deposit was not returned.\n\nFrom b@example.com Wed Mar 11 11:00:00 2026\n"
                   "From: Irene Walsh <irene@example.com>\nSubject: Will\n\nWe would like to make a will.\n", encoding="utf-8")
    msgs = read_inquiries(box)
    assert [(m.source, m.sender_name) for m in msgs] == [(f"{box}#1", "Owen Price"), (f"{box}#2", "Irene Walsh")]
    (tmp_path / "b.txt").write_text("I need a will. jo@example.com", encoding="utf-8")
    (tmp_path / "broken.csv").write_text("name\nx\n", encoding="utf-8")
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF")
    got, errors = read_folder(tmp_path)
    assert [q.source.rsplit("/", 1)[-1] for q in got] == ["b.txt", "in.mbox#1", "in.mbox#2"]
    assert len(errors) == 1 and "broken.csv" in str(errors[0])
    q = inquiry_from_text("From: Ann Lee <ann@example.com>\nSubject: Help\n\nI need a lawyer.\n")
    assert (q.sender_email, q.subject, q.text) == ("ann@example.com", "Help", "I need a lawyer.")
    plain = inquiry_from_text("Hello, I need a will.\n\nThanks,\nAnn Lee")
    assert plain.kind == "text" and plain.source == "pasted" and plain.signature == "Ann Lee"


def test_web_form_columns_beyond_the_known_ones_are_kept_as_labelled_lines(tmp_path):
    from core.leads.assess import assess
    from core.leads.rubric import load_rubric

    f = tmp_path / "form.csv"
    f.write_text("Submitted,Name,Email,Town,How did you hear about us,Message\n"
                 "2026-11-19 08:12,Andrew Lacey,andrew@example.com,Keynsham,My GP,"
                 "\"I have type 2 diabetes and would like to see a dietitian.\"\n", encoding="utf-8")
    (inq,) = read_inquiries(f)
    assert "Town: Keynsham" in inq.text and "How did you hear about us: My GP" in inq.text
    r = assess(inq, load_rubric(office="clinic"))
    assert r.fields["location"].value == "Keynsham" and r.fields["referral_source"].value == "My GP"
