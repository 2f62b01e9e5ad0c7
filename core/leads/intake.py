"""Inquiries in: e-mail files (.eml, .msg, .mbox), web-form CSV exports, pasted text, folders.

An ``Inquiry`` is what the real sender wrote: a forwarded message is unwrapped to its original
sender, quoted replies and the signature are cut off (the signature is kept beside the text,
since a phone number often lives there). Headers stay headers: From, Reply-To, Date and
Subject are fields, never text a value could be read from by mistake.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from core.documents import mail, textformats
from core.errors import LocumError, UnreadableFileError

#: Past this an "inquiry" is a newsletter or a mailing, not a person writing to the office.
MAX_INQUIRY_CHARS = 100_000
MAX_FILE_BYTES = 20 * 2**20  # an .mbox or CSV may hold many inquiries
SUFFIXES = {".eml": "eml", ".msg": "msg", ".mbox": "mbox", ".csv": "csv", ".txt": "text"}

# Web-form CSV columns, by what they hold; the first header naming one of these is used.
CSV_COLUMNS = {
    "name": ("name", "full name", "your name", "contact name"),
    "first": ("first name", "firstname", "given name"),
    "last": ("last name", "lastname", "surname", "family name"),
    "email": ("email", "e-mail", "email address", "your email"),
    "phone": ("phone", "telephone", "phone number", "mobile", "tel"),
    "company": ("company", "organisation", "organization", "business", "company name"),
    "subject": ("subject", "topic", "enquiry type", "inquiry type"),
    "date": ("date", "submitted", "submitted at", "timestamp", "created"),
    "message": ("message", "enquiry", "inquiry", "comments", "details", "your message", "how can we help"),
}


class InquiryError(UnreadableFileError):
    """An inquiry that cannot be read, with the reason a person can act on."""


@dataclass
class Inquiry:
    source: str  # the file, or "file#3" for its 3rd message or row, or "pasted"
    kind: str  # eml | msg | mbox | csv | text
    sender_name: str = ""
    sender_email: str = ""
    reply_to: str = ""
    date: str = ""  # ISO 8601 or ""
    subject: str = ""
    text: str = ""  # the sender's own message: quoted replies and signature cut off
    signature: str = ""
    forwarded: bool = False
    notes: list[str] = field(default_factory=list)  # what intake noticed (HTML only, forwarded by ...)
    quoted: str = ""  # the earlier messages a reply quotes: not the sender's new words, but read for conflicts


def _check_text(source: str, text: str) -> None:
    if not text.strip():
        raise InquiryError(source, "holds no message text (an empty e-mail, or attachments only).")
    if len(text) > MAX_INQUIRY_CHARS:
        raise InquiryError(source, f"is {len(text) // 1000} thousand characters long; that is a newsletter or a "
                                   "mailing, not an inquiry, so it was not scored.")


def _body_parts(body: str, subject: str = "") -> tuple[str, str, mail.Sender | None, str]:
    """(the sender's new words, their signature, the forwarded message's sender, what the reply quotes)."""
    inner, sender = mail.unforward(body, mail.forwarded_subject(subject))
    own = mail.cut_quoted(inner)
    text, signature = mail.split_signature(own)
    quoted = inner[len(own):] if inner.startswith(own) else inner
    return text.strip(), signature, sender, quoted.strip()


def _from_mail(source: str, kind: str, m: textformats.MailMessage) -> Inquiry:
    _check_text(source, m.body)
    text, signature, inner, quoted = _body_parts(m.body, m.subject)
    inq = Inquiry(source, kind, m.from_name, m.from_email, m.reply_to, m.date, m.subject, text, signature,
                  quoted=quoted)
    if m.html_only:
        inq.notes.append("The e-mail had no plain-text part; its HTML was read as text.")
    if inner is not None and (inner.email or inner.name):
        inq.forwarded = True
        inq.notes.append(f"Forwarded by {m.from_name or m.from_email}; the original sender is shown.")
        inq.sender_name, inq.sender_email = inner.name, inner.email
        inq.reply_to = inner.reply_to
        inq.date = textformats.iso_date(inner.date) or m.date
        inq.subject = inner.subject or re.sub(r"^\s*(?:fwd?|fw)\s*:\s*", "", m.subject, flags=re.I)
    _check_text(source, text)
    return inq


def inquiry_from_text(text: str, source: str = "pasted") -> Inquiry:
    """Pasted text: an e-mail copied with its headers is read as one (From:, Subject: ...)."""
    text = textformats._unix_newlines(text or "")
    _check_text(source, text)
    head = text.lstrip()[:2000]
    if re.match(r"(?i)(from|subject|date|to|reply-to)\s*:", head) and "\n\n" in text.strip():
        from email import policy
        from email.parser import Parser

        msg = Parser(policy=policy.default).parsestr(text.strip())
        if msg.get("from") or msg.get("subject"):
            try:
                m = textformats.mail_from_message(msg)
            except Exception:
                m = None
            if m is not None and m.body.strip():
                return _from_mail(source, "text", m)
    body, signature, inner, quoted = _body_parts(text)
    inq = Inquiry(source, "text", text=body, signature=signature, quoted=quoted)
    if inner is not None and (inner.email or inner.name):
        inq.sender_name, inq.sender_email, inq.forwarded = inner.name, inner.email, True
        inq.date, inq.subject, inq.reply_to = textformats.iso_date(inner.date), inner.subject, inner.reply_to
    _check_text(source, body)
    return inq


def _column(headers: list[str], what: str) -> int | None:
    names = [" ".join(h.strip().lower().replace("_", " ").split()) for h in headers]
    for alias in CSV_COLUMNS[what]:
        if alias in names:
            return names.index(alias)
    return None


def read_csv(path: str) -> list[Inquiry]:
    """A web-form export: one inquiry per row. A message column is required; a row with more
    cells than the header (a comma in an unquoted message) is refused by name."""
    data = textformats.read_bytes(path, MAX_FILE_BYTES)
    text = textformats.decode_text(path, data)
    rows = list(csv.reader(io.StringIO(textformats._unix_newlines(text))))
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise InquiryError(path, "is an empty CSV file.")
    headers = rows[0]
    cols = {k: _column(headers, k) for k in CSV_COLUMNS}
    if cols["message"] is None:
        raise InquiryError(path, "has no message column. A web-form export needs a column named one of: "
                                 + ", ".join(CSV_COLUMNS["message"]) + f" (its columns are: {', '.join(headers)}).")
    if cols["email"] is None and cols["phone"] is None:
        raise InquiryError(path, "has neither an email nor a phone column, so no reply could be sent to its leads "
                                 f"(its columns are: {', '.join(headers)}).")
    out = []
    for n, row in enumerate(rows[1:], start=1):
        src = f"{path}#{n}"
        if len(row) > len(headers):
            raise InquiryError(path, f"row {n} has {len(row)} cells but the header has {len(headers)} columns "
                                     "(an unquoted comma?); nothing from this file was scored.")
        row = row + [""] * (len(headers) - len(row))

        def get(what: str) -> str:
            i = cols[what]
            return row[i].strip() if i is not None else ""

        name = get("name") or " ".join(x for x in (get("first"), get("last")) if x)
        lines = []
        # the form's own fields as labelled lines, so each value keeps its label (and its position)
        for label, what in (("Name", None), ("Email", "email"), ("Phone", "phone"), ("Company", "company")):
            value = name if what is None else get(what)
            if value:
                lines.append(f"{label}: {value}")
        # the form's other fields too ("Town", "How did you hear about us"), each under its own header
        used = {i for i in cols.values() if i is not None}
        for i, h in enumerate(headers):
            if i not in used and row[i].strip() and h.strip():
                lines.append(f"{' '.join(h.split())}: {' '.join(row[i].split())}")
        message = get("message")
        body = "\n".join(lines) + ("\n\n" if lines else "") + textformats._unix_newlines(message).strip()
        inq = Inquiry(src, "csv", name, mail.address(get("email"))[1] if "@" in get("email") else "", "",
                      textformats.iso_date(get("date")), get("subject"), body.strip())
        if not message.strip():
            inq.notes.append("The form's message was empty.")
        out.append(inq)
    return out


def read_file(path: str | Path) -> list[Inquiry]:
    p = Path(path)
    name = str(p)
    kind = SUFFIXES.get(p.suffix.lower())
    if not p.is_file():
        raise InquiryError(name, "does not exist or is not a file.")
    if kind is None:
        raise InquiryError(name, "is not an inquiry file (use .eml, .msg, .mbox, .csv or .txt).")
    if kind == "eml":
        return [_from_mail(name, "eml", textformats.email_message(name))]
    if kind == "msg":
        return [_from_mail(name, "msg", textformats.msg_message(name))]
    if kind == "mbox":
        out = []
        for n, m in enumerate(textformats.mbox_messages(name), start=1):
            out.append(_from_mail(f"{name}#{n}", "mbox", m))
        if not out:
            raise InquiryError(name, "is a mailbox with no messages in it.")
        return out
    if kind == "csv":
        return read_csv(name)
    raw = textformats.read_bytes(name, MAX_FILE_BYTES)
    return [inquiry_from_text(textformats.decode_text(name, raw), source=name)]


def inquiry_files(folder: str | Path) -> list[Path]:
    return sorted(p for p in Path(folder).iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES
                  and not p.name.startswith("."))


def read_inquiries(path: str | Path) -> list[Inquiry]:
    """One inquiry per .eml/.msg/.txt file, one per message of an .mbox or row of a web-form
    CSV; a folder gives every inquiry file in it, sorted by name. Raises InquiryError (a
    LocumError) when ``path`` cannot be read; in a folder, use ``read_folder`` to go on past
    a broken file."""
    p = Path(path)
    if p.is_dir():
        out: list[Inquiry] = []
        for f in inquiry_files(p):
            out.extend(read_file(f))
        return out
    return read_file(p)


def read_folder(path: str | Path) -> tuple[list[Inquiry], list[LocumError]]:
    """Every readable inquiry in a folder, and the errors of the files that are not."""
    out: list[Inquiry] = []
    errors: list[LocumError] = []
    for f in inquiry_files(path):
        try:
            out.extend(read_file(f))
        except LocumError as e:
            errors.append(e)
    return out, errors
