"""What each document is: its title, the organisations it belongs to, its kind and period.

People ask about long reports by naming them: "Adobe's FY2022 capital expenditure", "the
Harbor Street lease". The words that say which document is meant are on its first page
(the registrant's name, "FORM 10-K", "For the fiscal year ended December 31, 2022") and
almost never on the page that answers. So each document gets a record at index time, read
from its metadata, its first pages and its file name, and a query that names an
organisation or a period is steered to that document's pages (``QueryIntent``).

Everything here is plain text work: no model, no I/O. Reading is conservative: a field
that cannot be read with confidence stays empty, and an empty record steers nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

#: How much of the first pages is read for the record (the cover page of a filing, the
#: opening of a contract).
HEAD_CHARS = 6000

_SUFFIXES = (
    r"inc\.?|incorporated|corporation|corp\.?|company|co\.|llc|l\.l\.c\.|ltd\.?|limited|plc|llp|l\.p\.|"
    r"gmbh|ag|s\.a\.|n\.v\.|holdings|partners|clinic|hospital"
)
_ORG_LINE = re.compile(rf"^[^\W_][\w&.,'’\- ]{{0,70}}?\b(?:{_SUFFIXES})\s*$", re.IGNORECASE)
_REGISTRANT = re.compile(r"^\(?exact name of (?:the )?registrant", re.IGNORECASE)
#: Words of a legal name that do not tell one organisation from another.
_LEGAL_WORDS = frozenset(
    "inc incorporated corporation corp company co llc l ltd limited plc llp lp p gmbh ag s a n v "
    "the and of com holdings group".split()
)
#: First words of names that are ordinary words too ("General" Mills, "American" Express):
#: alone they do not name the organisation.
_GENERIC_FIRST = frozenset(
    "general american united national first international global new great royal standard "
    "north south east west pacific atlantic central city state bank capital health medical "
    "community public county regional universal".split()
)

_DOC_TYPES: tuple[tuple[str, re.Pattern], ...] = (
    ("10-K", re.compile(r"\bform\s+10-?k\b|\b10-?k\b", re.IGNORECASE)),
    ("10-Q", re.compile(r"\bform\s+10-?q\b|\b10-?q\b", re.IGNORECASE)),
    ("8-K", re.compile(r"\bform\s+8-?k\b", re.IGNORECASE)),
    ("annual report", re.compile(r"\bannual report\b", re.IGNORECASE)),
    ("earnings release", re.compile(r"\bearnings release\b|\breports? (?:first|second|third|fourth)[- ]quarter", re.IGNORECASE)),
    ("lease", re.compile(r"\blease agreement\b|\bdeed of lease\b|\blease\b", re.IGNORECASE)),
    ("loan agreement", re.compile(r"\bloan agreement\b|\bcredit agreement\b|\bfacility agreement\b", re.IGNORECASE)),
    ("discharge summary", re.compile(r"\bdischarge summary\b", re.IGNORECASE)),
    ("policy", re.compile(r"\bpolicy manual\b|\bpolicies and procedures\b", re.IGNORECASE)),
    ("agreement", re.compile(r"\bagreement\b", re.IGNORECASE)),
)
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_FISCAL_END = re.compile(
    rf"(?:fiscal\s+)?(?:year|period|quarter(?:ly period)?)\s+ended\s+(?:(?:{_MONTHS})\s+\d{{1,2}},?\s+)?((?:19|20)\d\d)",
    re.IGNORECASE,
)
_ANY_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
#: A word of a name or a query: letters and digits, with inner dots and apostrophes ("amazon.com", "adobe's").
WORD = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True)
class DocumentRecord:
    path: str
    title: str
    organisations: tuple[str, ...] = ()
    doc_type: str = ""  # "10-K", "lease", "discharge summary", ... or ""
    year: int | None = None  # the period the document covers (fiscal year), when stated
    page_count: int | None = None

    @property
    def period(self) -> str:
        return f"{self.doc_type} {self.year}".strip() if self.year else ""

    def keys(self) -> frozenset[str]:
        """Squashed name forms a query may use for this document's organisations."""
        return frozenset(k for org in self.organisations for k in org_keys(org))

    def proper_keys(self) -> frozenset[str]:
        """Single words of a longer name that name it when written capitalised ("Blizzard"
        for Activision Blizzard), but not in lower case, where they may be ordinary words."""
        out = set()
        for org in self.organisations:
            core = [p for t in _tokens(org) for p in re.split(r"[.']", t) if p and p not in _LEGAL_WORDS]
            if len(core) > 1:
                out.update(w for w in core if len(w) >= 5 and w not in _GENERIC_FIRST and not w.isdigit())
        return frozenset(out)


def _tokens(text: str) -> list[str]:
    return [t.lower().replace("’", "'") for t in WORD.findall(text)]


def org_keys(name: str) -> list[str]:
    """"ACTIVISION BLIZZARD, INC." -> ["activisionblizzard", "activision"];
    "General Mills, Inc." -> ["generalmills"]; "AMAZON.COM, INC." -> ["amazon"]."""
    parts = [p for t in _tokens(name) for p in re.split(r"[.']", t) if p]
    core = [p for p in parts if p not in _LEGAL_WORDS]
    if not core:
        return []
    keys = ["".join(core)]
    if len(core) > 1 and core[0] not in _GENERIC_FIRST and len(core[0]) >= 3:
        keys.append(core[0])
    return [k for k in keys if len(k) >= 2 and not k.isdigit()]


def display_name(name: str) -> str:
    """An organisation's name as a title shows it: "ADOBE INC." -> "Adobe Inc."."""
    name = " ".join(name.split()).strip(" ,;:")
    if name.upper() != name:
        return name
    return " ".join(w if any(c.isdigit() for c in w) else w[:1] + w[1:].lower() for w in name.split(" "))


def _is_name(line: str) -> bool:
    """A line that reads as a name: a few words, each capitalised (titles of articles and
    sentences that happen to end in "Company" are not names)."""
    words = line.replace(",", " ").split()
    return 1 <= len(words) <= 6 and "exchange" not in line.lower() and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in ("of", "and", "the", "&", "for") for w in words)


def read_organisations(head: str) -> tuple[str, ...]:
    lines = [" ".join(line.split()) for line in head.splitlines()]
    lines = [line for line in lines if line]
    registrants = [lines[i - 1] for i, line in enumerate(lines) if i and _REGISTRANT.match(line)]
    if registrants:  # a filing names its registrant; the others on its cover are exchanges and the like
        found = registrants[:1]
    else:
        found = [line for line in lines if _ORG_LINE.match(line) and _is_name(line)]
    out: list[str] = []
    seen: set[str] = set()
    for name in found:
        keys = org_keys(name)
        if not keys or keys[0] in seen:
            continue
        seen.add(keys[0])
        out.append(display_name(name))
        if len(out) == 3:
            break
    return tuple(out)


def read_doc_type(head: str) -> str:
    """The kind a heading line says (a cover's "FORM 10-K", a contract's "LEASE AGREEMENT");
    words inside running text ("in agreement with") do not count."""
    headings = "\n".join(line for line in head.splitlines() if 0 < len(line.split()) <= 12)
    for name, pattern in _DOC_TYPES:
        if pattern.search(headings):
            return name
    return ""


def read_year(head: str) -> int | None:
    m = _FISCAL_END.search(head)
    return int(m.group(1)) if m else None


def build_record(path: str, *, title: str, file_title: str, first_pages: str, page_count: int | None) -> DocumentRecord:
    """The record of one document from what the indexer already read.

    ``title`` is the reader's (metadata title or the file name); ``file_title`` the file name
    made readable. A document whose organisation and kind are both read is titled by them
    ("Adobe Inc. 10-K 2022"), since a filing's metadata title is often a filing number.
    """
    head = first_pages[:HEAD_CHARS]
    orgs = read_organisations(head)
    doc_type = read_doc_type(head) or read_doc_type(file_title)
    year = read_year(head)
    if year is None and any(c.isalpha() for c in file_title):  # "lease 2019", not an id "2011"
        years = {int(y) for y in _ANY_YEAR.findall(file_title)}
        year = years.pop() if len(years) == 1 else None
    shown = title or file_title
    if orgs and doc_type:
        shown = " ".join(p for p in (orgs[0], doc_type, str(year) if year else "") if p)
    return DocumentRecord(path, shown, orgs, doc_type, year, page_count)
