"""Text out of the formats without pages: plain text, Word, HTML and e-mail.

Split from ``readers.py`` (which owns the API, file checks and PDFs) to keep modules small.
Each function returns plain text, or ``(title, text)`` where the format carries a title, and
raises ``UnreadableFileError`` with a reason fit for a person.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from core.errors import UnreadableFileError

#: Whole-file formats are read into memory; past this a "text" file is a log or a dump.
MAX_TEXT_BYTES = 200 * 1024 * 1024
#: HTML and e-mail parse into trees several times their size.
MAX_MARKUP_BYTES = 50 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_bytes(name: str, limit: int = MAX_MARKUP_BYTES) -> bytes:
    with open(name, "rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise UnreadableFileError(name, f"is too large to read as text (over {limit // 2**20} MB).")
    return data


def read_text(name: str) -> str:
    return _unix_newlines(decode_text(name, read_bytes(name, MAX_TEXT_BYTES)))


def _unix_newlines(text: str) -> str:
    # Windows and old Mac line ends would leave stray "\r" in snippets and chunk boundaries.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_text(name: str, data: bytes) -> str:
    """Decode a text file of unknown encoding: BOM, then UTF-8, then a guess, then Latin-1."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    has_nul = b"\x00" in data
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    from charset_normalizer import from_bytes

    # Without NUL bytes a UTF-16/32 guess is the detector over-reading a short file.
    guesses = [g for g in from_bytes(data) if has_nul or not g.encoding.startswith(("utf_16", "utf_32"))]
    if guesses:
        best = guesses[0]
        tied = [g for g in guesses[:8] if g.chaos <= best.chaos + 0.01 and g.coherence >= best.coherence - 0.01]
        # Short files give the detector no evidence and it picks an arbitrary code page
        # ("café" as Urdu); when Windows-1252 reads it the same as a top guess, prefer it.
        if western is not None and any(str(g) == western for g in tied):
            return western
        return str(best)
    if has_nul:
        raise UnreadableFileError(name, "does not contain readable text (it looks like a binary file).")
    return western if western is not None else data.decode("latin-1")


# ---------------------------------------------------------------- Word


def docx_text(name: str) -> tuple[str, str]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(name)
    except (PackageNotFoundError, KeyError, ValueError) as err:
        raise UnreadableFileError(
            name, "is not a valid Word document; it may be damaged, or be another kind of Office file."
        ) from err
    body = document.element.body
    # Text boxes are stored twice (modern and legacy drawing); keep one copy.
    for fallback in list(body.iter(f"{_MC}Fallback")):
        fallback.getparent().remove(fallback)
    return document.core_properties.title or "", "\n".join(_docx_blocks(body)).strip()


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def _docx_blocks(parent):
    """Lines of paragraphs and table rows in order, walking the XML directly because
    python-docx skips content controls (``w:sdt``), which Word forms and templates use a lot."""
    for child in parent:
        if child.tag == f"{_W}p":
            yield _docx_paragraph(child)
        elif child.tag == f"{_W}tbl":
            for row in child.iterchildren(f"{_W}tr"):
                cells = [" ".join(" ".join(_docx_blocks(cell)).split()) for cell in row.iterchildren(f"{_W}tc")]
                if any(cells):
                    yield " | ".join(c for c in cells if c)
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            yield from _docx_blocks(child)


def _docx_paragraph(p) -> str:
    parts = []
    for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.getparent().tag == f"{_W}r":  # not the tab stops in paragraph properties
            parts.append("\t" if node.tag == f"{_W}tab" else "\n")
    return "".join(parts)


# ---------------------------------------------------------------- HTML

_LINE = "\ue000"  # private-use marks survive whitespace collapsing, unlike "\n"
_PARA = "\ue001"
_DROP = ["script", "style", "nav", "noscript", "template", "svg", "head", "iframe", "object"]
_LINE_TAGS = ["li", "dt", "dd"]
_PARA_TAGS = (
    "address article aside blockquote caption details dialog div dl fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr main ol p pre section summary table ul"
).split()
_SPACES = re.compile(r"\s+")
_PARA_RUN = re.compile(f"[ {_LINE}{_PARA}]*{_PARA}[ {_LINE}{_PARA}]*")
_LINE_RUN = re.compile(f" *{_LINE}[ {_LINE}]*")


def html_to_text(markup: bytes | str) -> tuple[str, str]:
    """(title, text) of an HTML page: blocks as paragraphs, one line per table row."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup(_DROP):
        tag.decompose()
    for pre in soup("pre"):
        for piece in pre.find_all(string=True):
            piece.replace_with(piece.replace("\n", _LINE))
    for br in soup("br"):
        br.replace_with(_LINE)
    for row in soup("tr"):
        cells = [_SPACES.sub(" ", c.get_text(" ")).strip() for c in row.find_all(["td", "th"], recursive=False)]
        row.replace_with(_LINE + " | ".join(c for c in cells if c) + _LINE)
    for tags, mark in ((_LINE_TAGS, _LINE), (_PARA_TAGS, _PARA)):
        for tag in soup(tags):
            tag.insert_before(mark)
            tag.append(mark)
    text = _SPACES.sub(" ", soup.get_text())
    text = _LINE_RUN.sub("\n", _PARA_RUN.sub("\n\n", text))
    return title, "\n".join(line.strip() for line in text.split("\n")).strip()


# ---------------------------------------------------------------- e-mail


def _email_text(headers: list[tuple[str, object]], body: str) -> str:
    lines = [f"{key}: {value}" for key, value in headers if value and str(value).strip()]
    return ("\n".join(lines) + "\n\n" + _unix_newlines(body).strip()).strip()


def email_text(name: str) -> tuple[str, str]:
    """(subject, text) of an .eml file: From/To/Cc/Date/Subject lines, then the body."""
    from email import policy
    from email.parser import BytesParser

    data = read_bytes(name)
    try:
        msg = BytesParser(policy=policy.default).parsebytes(data)
        subject = " ".join(str(msg.get("subject", "") or "").split())
        headers = [(key, msg.get(key.lower())) for key in ("From", "To", "Cc", "Date")]
        body = _email_body(msg)
    except Exception as err:
        raise UnreadableFileError(name, "could not be read as an e-mail message; it may be damaged.") from err
    return subject, _email_text(headers + [("Subject", subject)], body)


def _email_body(msg) -> str:
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""  # attachments only
    try:
        content = part.get_content()
    except (LookupError, UnicodeError):  # an unknown or lying charset
        content = (part.get_payload(decode=True) or b"").decode("utf-8", errors="replace")
    if isinstance(content, bytes):
        content = content.decode("utf-8", errors="replace")
    if "\ufffd" in content and not part.get_param("charset"):
        # 8-bit text with no charset declared: guess it as a text file's encoding is guessed
        raw = part.get_payload(decode=True)
        if raw:
            content = decode_text("message", raw)
    if part.get_content_type() == "text/html":
        content = html_to_text(content)[1]
    return content


def msg_text(name: str) -> tuple[str, str]:
    """(subject, text) of an Outlook .msg file, laid out like an .eml."""
    try:
        import extract_msg
    except ImportError as err:
        raise UnreadableFileError(name, "is an Outlook message, and reading those is not installed on this computer.") from err
    try:
        msg = extract_msg.openMsg(name)
    except Exception as err:
        raise UnreadableFileError(name, "is not a valid Outlook message (.msg); it may be damaged or encrypted.") from err
    try:
        subject = " ".join(str(getattr(msg, "subject", "") or "").split())
        headers = [(key, getattr(msg, attr, None)) for key, attr in (("From", "sender"), ("To", "to"), ("Cc", "cc"), ("Date", "date"))]
        body = getattr(msg, "body", None) or ""
        if not body.strip() and getattr(msg, "htmlBody", None):
            body = html_to_text(msg.htmlBody)[1]
    except Exception as err:
        raise UnreadableFileError(name, "could not be read as an Outlook message; it may be damaged.") from err
    finally:
        msg.close()
    return subject, _email_text(headers + [("Subject", subject)], body)


# ---------------------------------------------------------------- e-mail as parts (Leads)


@dataclass
class MailMessage:
    """One message with its headers kept as headers; ``body`` is the text part (or the HTML
    part turned into text, then ``html_only``)."""

    from_name: str = ""
    from_email: str = ""
    reply_to: str = ""
    to: str = ""
    date: str = ""  # ISO 8601, or "" when absent or unreadable
    subject: str = ""
    body: str = ""
    html_only: bool = False


def iso_date(value) -> str:
    """An e-mail Date header (or a datetime) as ISO 8601; "" if it does not read as one."""
    import datetime as _dt
    from email.utils import parsedate_to_datetime

    if isinstance(value, _dt.datetime):
        return value.isoformat()
    text = " ".join(str(value or "").split())
    if not text:
        return ""
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        from dateutil import parser

        if re.match(r"\d{4}-\d{1,2}-\d{1,2}", text):  # ISO order: day-first would swap 6 March into 3 June
            return parser.isoparse(text.replace(" ", "T", 1)).isoformat()
        return parser.parse(text, dayfirst=True, fuzzy=True).isoformat()
    except (ValueError, OverflowError):
        return ""


def mail_from_message(msg) -> MailMessage:
    """A parsed ``email.message.EmailMessage`` (policy.default) as a MailMessage."""
    from core.documents.mail import address

    name, addr = address(str(msg.get("from", "") or ""))
    reply = address(str(msg.get("reply-to", "") or ""))[1]
    part = msg.get_body(preferencelist=("plain", "html"))
    html_only = part is not None and part.get_content_type() == "text/html"
    return MailMessage(name, addr, reply, " ".join(str(msg.get("to", "") or "").split()),
                       iso_date(msg.get("date", "")), " ".join(str(msg.get("subject", "") or "").split()),
                       _unix_newlines(_email_body(msg)).strip(), html_only)


def email_message(name: str, data: bytes | None = None) -> MailMessage:
    """The .eml file ``name`` (or its bytes) as a MailMessage."""
    from email import policy
    from email.parser import BytesParser

    if data is None:
        data = read_bytes(name)
    try:
        return mail_from_message(BytesParser(policy=policy.default).parsebytes(data))
    except Exception as err:
        raise UnreadableFileError(name, "could not be read as an e-mail message; it may be damaged.") from err


def mbox_messages(name: str) -> list[MailMessage]:
    """Every message of an .mbox file, in file order."""
    import mailbox
    from email import policy
    from email.parser import BytesParser

    read_bytes(name)  # the size check, before mailbox reads the whole file
    try:
        box = mailbox.mbox(name, create=False)
        raws = [box.get_bytes(key) for key in box.keys()]
        box.close()
    except Exception as err:
        raise UnreadableFileError(name, "could not be read as an mbox mailbox; it may be damaged.") from err
    out = []
    for raw in raws:
        try:
            out.append(mail_from_message(BytesParser(policy=policy.default).parsebytes(raw)))
        except Exception:
            out.append(MailMessage(body=""))  # one broken message; the caller reports it as empty
    return out


def msg_message(name: str) -> MailMessage:
    """An Outlook .msg file as a MailMessage."""
    from core.documents.mail import address

    try:
        import extract_msg
    except ImportError as err:
        raise UnreadableFileError(name, "is an Outlook message, and reading those is not installed on this computer.") from err
    try:
        msg = extract_msg.openMsg(name)
    except Exception as err:
        raise UnreadableFileError(name, "is not a valid Outlook message (.msg); it may be damaged or encrypted.") from err
    try:
        fname, faddr = address(str(getattr(msg, "sender", "") or ""))
        body = getattr(msg, "body", None) or ""
        html_only = False
        if not body.strip() and getattr(msg, "htmlBody", None):
            body, html_only = html_to_text(msg.htmlBody)[1], True
        reply = address(str(getattr(msg, "replyTo", "") or ""))[1] if hasattr(msg, "replyTo") else ""
        out = MailMessage(fname, faddr, reply, " ".join(str(getattr(msg, "to", "") or "").split()),
                          iso_date(getattr(msg, "date", "")), " ".join(str(getattr(msg, "subject", "") or "").split()),
                          _unix_newlines(body).strip(), html_only)
    except Exception as err:
        raise UnreadableFileError(name, "could not be read as an Outlook message; it may be damaged.") from err
    finally:
        msg.close()
    return out
