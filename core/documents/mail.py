"""The parts of an e-mail body a reader cares about: who really wrote it (a forwarded message
carries its sender inside), what they wrote (quoted replies cut off), and their signature.

Pure text functions over a body already decoded by ``textformats``; each keeps the writer's
characters as they are, so a value copied from the result is still the message's words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import getaddresses, parseaddr

_FWD_MARK = re.compile(
    r"^[ \t>]*(?:-{2,}\s*(?:Forwarded message|Original Message|Weitergeleitete Nachricht)\s*-{2,}"
    r"|Begin forwarded message:|-{5,}\s*Forwarded by .*)\s*$",
    re.IGNORECASE | re.MULTILINE)
# Outlook forwards with the same separator it puts above a reply; the subject ("FW:") tells them apart
_OUTLOOK_FWD = re.compile(r"^[ \t>]*_{10,}[ \t]*$|(?=^[ \t>]*From:[^\n]+\n[ \t>]*(?:Sent|Date):)",
                          re.IGNORECASE | re.MULTILINE)
_HEADER_LINE = re.compile(r"^[ \t>]*(From|To|Cc|Date|Sent|Subject|Reply-To)\s*:\s*(.*)$", re.IGNORECASE)
# "On Tue, 3 Mar 2026 at 10:12, Jane Doe <jane@x.org> wrote:" (possibly broken over two lines)
_WROTE = re.compile(r"^[ \t]*On\b[^\n]{0,200}?(?:\n[^\n]{0,120}?)?\bwrote:[ \t]*$", re.MULTILINE)
_OUTLOOK_REPLY = re.compile(r"^[ \t]*(?:-{3,}\s*Original Message\s*-{3,}|_{10,})[ \t]*$"
                            r"|^[ \t]*From:[^\n]+\n[ \t]*Sent:[^\n]+$", re.IGNORECASE | re.MULTILINE)
_SIG_DASHES = re.compile(r"^-- ?$", re.MULTILINE)
_SIGN_OFF = re.compile(
    r"^[ \t]*(?:(?:kind|best|warm|many)\s+(?:regards|wishes|thanks)|regards|best|thanks(?: again| so much)?|"
    r"thank you(?: very much)?|many thanks|yours (?:sincerely|faithfully|truly)|sincerely|cheers|"
    r"all the best|with thanks|respectfully)[ \t]*[,.!]?[ \t]*$",
    re.IGNORECASE | re.MULTILINE)
_DEVICE = re.compile(r"^[ \t]*(?:Sent from my [^\n]+|Get Outlook for [^\n]+|Sent from Mail for [^\n]+)$",
                     re.IGNORECASE | re.MULTILINE)
_SIG_MAX_LINES = 8


@dataclass
class Sender:
    name: str = ""
    email: str = ""
    date: str = ""
    subject: str = ""
    reply_to: str = ""


def address(value: str) -> tuple[str, str]:
    """("Jane Doe", "jane@x.org") from a From header; either may be ""."""
    name, addr = parseaddr(" ".join(str(value or "").split()))
    name = name.strip().strip('"').strip()
    if "@" not in addr:
        # "Jane Doe [mailto:jane@x.org]" and "jane@x.org (Jane Doe)" as Outlook writes them
        m = re.search(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", str(value or ""))
        addr = m.group() if m else ""
        if m and not name:
            name = re.sub(r"[\[\]()<>\"]|mailto:", " ", str(value).replace(m.group(), " "))
            name = " ".join(name.split())
    if name and "@" in name and not addr:
        name, addr = "", name
    if "," in name and len(name.split(",")) == 2 and all(p.strip() for p in name.split(",")):
        last, first = (p.strip() for p in name.split(","))
        name = f"{first} {last}"  # "Doe, Jane" is the same person as "Jane Doe"
    return name, addr.lower()


def addresses(value: str) -> list[str]:
    return [a.lower() for _, a in getaddresses([str(value or "")]) if "@" in a]


def forwarded_subject(subject: str) -> bool:
    """"FW: Driver medicals", "Fwd: ..." : the message says it forwards another."""
    return bool(re.match(r"(?i)\s*(?:fwd?|fw|wg)\s*:", subject or ""))


def unforward(body: str, forwarded: bool = False) -> tuple[str, Sender | None]:
    """The innermost forwarded message of ``body`` and its sender, or (body, None) if nothing
    was forwarded. The forwarder's note above the marker is dropped: the inquiry is the
    original sender's. ``forwarded`` (the subject says "FW:") also takes Outlook's separator,
    which above a reply only marks the quoted text."""
    sender = None
    while True:
        m = _FWD_MARK.search(body) or (_OUTLOOK_FWD.search(body) if forwarded and sender is None else None)
        if not m:
            return body, sender
        rest = body[m.end():].lstrip("\n")
        lines = rest.split("\n")
        found = Sender()
        i = 0
        seen_header = False
        while i < len(lines):
            h = _HEADER_LINE.match(lines[i])
            if h:
                key, value = h.group(1).lower(), h.group(2).strip()
                # a long header may carry on over the next line
                while i + 1 < len(lines) and lines[i + 1][:1] in (" ", "\t") and lines[i + 1].strip() \
                        and not _HEADER_LINE.match(lines[i + 1]):
                    i += 1
                    value += " " + lines[i].strip()
                if key == "from":
                    found.name, found.email = address(value)
                elif key in ("date", "sent"):
                    found.date = value
                elif key == "subject":
                    found.subject = value
                elif key == "reply-to":
                    found.reply_to = address(value)[1]
                seen_header = True
                i += 1
            elif not lines[i].strip() and not seen_header:
                i += 1
            else:
                break
        if not seen_header:
            return body, sender
        body = "\n".join(re.sub(r"^> ?", "", ln) for ln in lines[i:]).strip("\n")
        sender = found


def cut_quoted(body: str) -> str:
    """The new text of a reply: what comes before "On ... wrote:", an Outlook "Original
    Message" block, or a run of ">" lines."""
    cut = len(body)
    for rx in (_WROTE, _OUTLOOK_REPLY):
        m = rx.search(body)
        if m and m.start() > 0:
            cut = min(cut, m.start())
    lines = body[:cut].split("\n")
    # trailing quoted lines (">"), and blank lines around them
    while lines and (lines[-1].lstrip().startswith(">") or not lines[-1].strip()):
        lines.pop()
    kept = [ln for ln in lines if not ln.lstrip().startswith(">")] if any(
        not ln.lstrip().startswith(">") and ln.strip() for ln in lines) else lines
    return "\n".join(kept).rstrip()


def split_signature(body: str) -> tuple[str, str]:
    """(message, signature): the signature is what follows "-- ", a device line, or a sign-off
    ("Kind regards,") near the end; the sign-off itself stays with the message."""
    m = _SIG_DASHES.search(body)
    if m:
        return body[:m.start()].rstrip(), body[m.end():].strip()
    d = _DEVICE.search(body)
    if d:
        return body[:d.start()].rstrip(), body[d.start():].strip()
    offs = list(_SIGN_OFF.finditer(body))
    if offs:
        last = offs[-1]
        tail = body[last.end():].strip("\n")
        tail_lines = [ln for ln in tail.split("\n") if ln.strip()]
        if len(tail_lines) <= _SIG_MAX_LINES and all(len(ln) <= 90 for ln in tail_lines):
            return body[:last.end()].rstrip(), tail.strip()
    return body.rstrip(), ""
