"""Lead fields, copied from the inquiry through the Extract engine.

The inquiry's text (and, as a second "page", its signature) becomes a ``PageText`` whose words
sit on a character grid: a word's box is its column and line, so a candidate's box gives back
its offset in the text and every value keeps ``start``/``end`` into ``inquiry.text`` (method
``signature``: into ``inquiry.signature``; method ``header``: the From or Reply-To header,
no offsets). Candidates are ``core.fields.candidates.page_candidates``; ``core.fields.choice``
ranks them per field against ``resources/leads/lead.json``; a clear best needs no model, the
rest goes to the model under the enum grammar (its picks are always flagged for review).

Location, urgency, referral source, preferred contact and description are phrases rather
than typed values: ``core.leads.phrases`` finds them by cue patterns, still word for word.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from importlib import resources as _resources

from core.fields import normalise as nz
from core.fields.candidates import Candidate, page_candidates
from core.fields.choice import Scored, choose_with_model, clear_choice, needs_model, rank
from core.fields.templates import Template, template_from_schema
from core.types import Box, PageText, Word

LEAD_FIELDS = ("name", "email", "phone", "organization", "need", "description", "urgency", "location", "budget",
               "referral_source", "preferred_contact")
REVIEW_BELOW = 0.75
_LINE_H = 12.0  # a blank line between two lines is a gap the candidate builder reads as a new block
_WORD_H = 8.0
_TEXT, _SIG = 1, 2
_NOREPLY = re.compile(r"(?i)^(?:no-?reply|do-?not-?reply|donotreply|wordpress|forms?|notifications?|mailer|"
                      r"webmaster|typeform|jotform|wix|squarespace)[\w.+\-]*@")


@dataclass
class LeadField:
    name: str
    value: object = None
    source: str = ""
    start: int | None = None
    end: int | None = None
    confidence: float = 0.0
    method: str = ""  # header | label | typed | signature | phrase | keyword | model | ""
    notes: tuple[str, ...] = ()

    @property
    def flagged(self) -> bool:
        return self.value is not None and (self.confidence < REVIEW_BELOW or bool(self.notes))

    def as_json(self) -> dict:
        return {"value": self.value, "source": self.source, "start": self.start, "end": self.end,
                "confidence": round(float(self.confidence), 3), "flagged": self.flagged, "method": self.method}


_TEMPLATE: Template | None = None


def lead_template() -> Template:
    global _TEMPLATE
    if _TEMPLATE is None:
        text = (_resources.files("resources") / "leads" / "lead.json").read_text(encoding="utf-8")
        _TEMPLATE = template_from_schema(json.loads(text), "lead", where="template lead", source="built-in")
    return _TEMPLATE


# ---------------------------------------------------------------- text as a page


class Grid:
    """A text laid out as words on a character grid, and back."""

    def __init__(self, text: str, page: int) -> None:
        self.text = text
        self.line_starts = [0]
        for m in re.finditer(r"\n", text):
            self.line_starts.append(m.end())
        words = []
        for ln, start in enumerate(self.line_starts):
            end = text.find("\n", start)
            line = text[start:] if end < 0 else text[start:end]
            for m in re.finditer(r"\S+", line):
                y = ln * _LINE_H
                words.append(Word(m.group(), float(m.start()), y, float(m.end()), y + _WORD_H, ln))
        self.page = PageText(page, text, tuple(words), (200.0, len(self.line_starts) * _LINE_H))

    def span(self, c: Candidate) -> tuple[int, int] | None:
        """Where the candidate's words are in the text (they are its words, spaced as printed)."""
        if not c.boxes:
            return None
        b = c.boxes[0]
        approx = self.line_starts[int(round(b.y0 / _LINE_H))] + int(b.x0)
        return find_words(self.text, c.text, approx)


def find_words(text: str, words: str, near: int = 0) -> tuple[int, int] | None:
    """The span of ``words`` (any whitespace between them) in ``text`` at or after ``near``."""
    parts = words.split()
    if not parts:
        return None
    rx = re.compile(r"\s+".join(re.escape(p) for p in parts))
    m = rx.search(text, max(0, near - 2)) or rx.search(text)
    return (m.start(), m.end()) if m else None


# ---------------------------------------------------------------- extraction


def _from_cand(name: str, grid: dict[int, Grid], s: Scored, conf: float, method: str) -> LeadField:
    c = s.cand
    g = grid[c.page]
    sp = g.span(c)
    if c.page == _SIG and method != "model":
        method = "signature"
    start, end = sp if sp else (None, None)
    source = g.text[start:end] if sp else c.text
    return LeadField(name, s.value, source, start, end, round(min(conf, 0.97), 3), method)


_DECLINED = re.compile(r"(?i)^[^.\n]{0,25}?\b(?:don'?t|do not|never|please don'?t)\s+(?:call|ring|phone|use|e-?mail)\b")


def _declined(grid: Grid, c: Candidate) -> bool:
    """A number or address the writer asks not to be used ("... 0113 496 0404 but please don't call me there")."""
    sp = grid.span(c)
    return bool(sp and _DECLINED.search(grid.text[sp[1]:sp[1] + 60]))


def _distinct(scored: list[Scored], kind: str) -> list[Scored]:
    out: list[Scored] = []
    for s in scored:
        if not any(nz.same_value(kind, s.value, o.value) for o in out):
            out.append(s)
    return out


def _typed_only(scored: list[Scored], kind: str, cands: list[Candidate]) -> list[Scored]:
    """Every span of a typed kind, label or not: in an inquiry a lone phone number is the writer's."""
    out = [s for s in scored]
    have = {s.cand.id for s in out}
    for c in cands:
        if kind in c.kinds and c.id not in have:
            value, ok = nz.normalise(kind, c.text)
            if ok:
                out.append(Scored(c, 0.5, value))
    return out


def extract_fields(text: str, signature: str, *, header_name: str = "", header_email: str = "", reply_to: str = "",
                   backend=None, office_emails: tuple[str, ...] = ()) -> tuple[dict[str, LeadField], int]:
    """(fields name/email/phone/organization/budget, model calls) for one inquiry's text."""
    # a number with no country code is read in the country the inquiry points to
    region = nz.region_hint(text + "\n" + signature)
    with nz.phone_region(region):
        out, calls = _extract_fields(text, signature, header_name=header_name, header_email=header_email,
                                     reply_to=reply_to, backend=backend, office_emails=office_emails)
    phone = out.get("phone")
    if phone is not None and phone.value is not None and phone.source:
        doubt = nz.phone_doubt(phone.source, region)
        if doubt:
            phone.notes = (*phone.notes, doubt)
    return out, calls


def _extract_fields(text: str, signature: str, *, header_name: str, header_email: str, reply_to: str,
                    backend, office_emails: tuple[str, ...]) -> tuple[dict[str, LeadField], int]:
    tpl = lead_template()
    specs = {f.name: f for f in tpl.fields}
    grids = {_TEXT: Grid(text, _TEXT)}
    cands = page_candidates(grids[_TEXT].page)
    if signature.strip():
        grids[_SIG] = Grid(signature, _SIG)
        cands += page_candidates(grids[_SIG].page, start=len(cands))
    # The candidate builder keeps one candidate per text and context, with the kind found first:
    # "Kessler Foods Ltd" comes out as a name. An organisation's suffix says what it is.
    cands = [replace(c, kinds=frozenset({"org"})) if "name" in c.kinds and _looks_like_org(c.text) else c
             for c in cands]
    cands += _signature_orgs(grids.get(_SIG), len(cands))
    office = {e.lower() for e in office_emails}
    cands = [c for c in cands if not ("email" in c.kinds and c.text.lower().strip("<>.,") in office)]
    ranked = rank(list(specs.values()), cands)
    out = {n: LeadField(n) for n in specs}

    # headers are exact: the address a reply goes to is the sender's, unless it is a form robot's
    email = header_email if header_email and not _NOREPLY.match(header_email) else ""
    if reply_to and (not email or _NOREPLY.match(header_email or "")):
        email = reply_to
    if email and email.lower() not in office:
        value = nz.parse_email(email) or email.lower()
        out["email"] = LeadField("email", value, email, None, None, 0.97, "header")
    # a form robot's display name is the website's, not the writer's: the form's "Name:" line says who
    hname = None if _NOREPLY.match(header_email or "") and reply_to else person_name(header_name)
    if hname and len(hname.split()) >= 2:
        out["name"] = LeadField("name", hname, header_name, None, None, 0.95, "header")

    options: dict[str, list[Scored]] = {}
    used: set[str] = set()
    for name, f in specs.items():
        if out[name].value is not None:
            continue
        scored = ranked[name]
        if f.kind in ("email", "phone"):
            scored = [s for s in _typed_only(scored, f.kind, cands) if not _declined(grids[s.cand.page], s.cand)]
            scored.sort(key=lambda s: (-s.score, s.cand.page or 0, s.cand.row))
        best = clear_choice(f, scored)
        if best is not None:
            out[name] = _from_cand(name, grids, best, best.score,
                                   "label" if best.cand.how in ("inline", "right", "below") else "typed")
            used.add(best.cand.id)
            continue
        distinct = _distinct([s for s in scored if s.score >= 0.3], f.kind)
        if f.kind in ("email", "phone") and len(_distinct(scored, f.kind)) == 1:
            # one address or number in the whole inquiry: the writer's, whatever words precede it
            s = scored[0]
            out[name] = _from_cand(name, grids, s, max(0.85, s.score), "typed")
            used.add(s.cand.id)
            continue
        if len(distinct) == 1 and distinct[0].score >= 0.5 and name != "name":
            s = distinct[0]
            out[name] = _from_cand(name, grids, s, 0.55 + 0.4 * s.score, "typed")
            used.add(s.cand.id)
            continue
        opts = [s for s in needs_model(scored) if s.cand.id not in used]
        if opts:
            options[name] = opts
    if out["name"].value is None:
        sig = _signature_name(signature, text) or _caller_name(text)
        if sig is not None:
            out["name"] = sig
            options.pop("name", None)
    if "organization" in options:  # a number or an address is never the organisation
        options["organization"] = [s for s in options["organization"] if not re.search(r"\d{3}|@", s.cand.text)]
        if not options["organization"]:
            options.pop("organization")
    calls = 0
    if options and backend is not None:
        picks = choose_with_model(backend, specs, options)
        calls = 1
        for name, s in picks.items():
            if s is not None:
                fv = _from_cand(name, grids, s, min(0.45 + 0.25 * s.score, 0.74), "model")
                fv.notes = ("chosen by the model among several candidates",)
                out[name] = fv
    if out["organization"].value is None:
        org = _org_in_words(text, signature)
        if org is not None:
            out["organization"] = org
    name = out["name"]
    if isinstance(name.value, str):  # "Mrs Carol Bright rang": the person is Carol Bright
        bare = re.sub(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+(?=\S+\s+\S)", "", name.value)
        if bare != name.value:
            out["name"] = replace(name, value=bare)
    return out, calls


_ORG_NAME = r"(?:The\s+)?[A-Z][\w'’\-]*(?:[ \t]+(?:&|and|of|the|[A-Z][\w'’\-]*)){0,5}(?<![ \t&])"
_BUSINESS = (r"(?:business|company|firm|shop|cafe|café|salon|studio|practice|charity|brand|restaurant|bakery|pub|"
             r"agency|nursery|garage|gym|care\s+home|school|partnership|consultancy|workshop)")
# "a candle business from Holmfirth called Wild Moor Candles", "a small cafe in Guiseley (The Bean Room)",
# "a design studio of twelve people in Bristol, Hartcliffe Design Studio.", "the office side of Avon Valley Roofing"
_ORG_IN_TEXT = re.compile(
    rf"\b{_BUSINESS}\b[^.()\n]{{0,50}}?(?:\b(?:called|named)\s+(?P<a>{_ORG_NAME})|\((?P<b>{_ORG_NAME})[,)]|"
    rf",\s+(?P<c>{_ORG_NAME})(?=[.,;]))"
    rf"|\b(?:office|admin|accounts)\s+side\s+of\s+(?P<d>{_ORG_NAME})")
# a signature's "Role, Company" line: "HR Manager, Gorge Line Coaches Ltd"
_ROLE_AT = re.compile(rf"(?m)^[ \t]*[A-Z][\w\-]*(?:[ \t]+[\w\-&]+){{0,3}}[ \t]*(?:,|\bat\b)[ \t]+(?P<o>{_ORG_NAME})[ \t]*$")


def _org_in_words(text: str, signature: str) -> LeadField | None:
    """The organisation named in the writer's words ("a cafe called The Bean Room") or on a
    signature's role line ("Account Manager, Brightwatt Business Energy"), when no candidate was."""
    from core.leads import places

    def fine(name: str) -> bool:  # the words around say it is a business; a town ("in Leeds, Headingley.") is not
        return 1 <= len(name.split()) <= 6 and not places.is_place(name)

    for m in _ORG_IN_TEXT.finditer(text):
        g = next(g for g in "abcd" if m.group(g))
        if fine(m.group(g)):
            return LeadField("organization", m.group(g), m.group(g), m.start(g), m.end(g), 0.75, "phrase")
    for where, method in ((signature, "signature"), (text, "phrase")):
        for m in _ROLE_AT.finditer(where):
            line = m.group(0).strip()
            if _ROLE.search(line.split(",")[0]) and fine(m.group("o")):
                return LeadField("organization", m.group("o"), m.group("o"), m.start("o"), m.end("o"), 0.75, method)
    return None


_NOT_PERSON = {"team", "sales", "marketing", "support", "info", "office", "reception", "admin", "enquiries",
               "inquiries", "bookings", "accounts", "customer", "service", "services", "newsletter", "wordpress",
               "notifications", "no-reply", "noreply", "growth", "hello", "contact", "hr", "the", "website", "web",
               "form", "forms", "portal", "enquiry", "inquiry", "submission", "submissions", "robot", "mailer"}
_PERSON_WORD = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Mx)\.?|[^\W\d_][.]|[^\W\d_](?:[^\W\d_]|['’\-])+)$")


def person_name(text: str) -> str | None:
    """A person's name as written (any alphabet: "Lucía Martínez"), or None for a team, a robot,
    an organisation or an address."""
    t = nz.clean(text or "").rstrip(".,")
    words = t.split()
    if "@" in t or not 1 <= len(words) <= 5:
        return None
    # two people who write together: "Arthur and Joan Bell", "Gary & Linda Firth"
    joined = [w for w in words if w not in ("and", "&")]
    if len(joined) == len(words) - 1 and len(words) >= 4 and words.index(next(w for w in words if w in ("and", "&"))) == 1:
        words = joined
    if any(not _PERSON_WORD.match(w) or not w[0].isupper() for w in words):
        return None
    if any(w.lower().strip(".") in _NOT_PERSON for w in words) or _looks_like_org(t):
        return None
    return t


_SIG_SKIP = re.compile(r"(?i)@|https?:|www\.|\d{3}|^(?:tel|mob|mobile|phone|fax|email|e-mail|web)\b")
_ROLE = re.compile(r"(?i)\b(?:director|manager|partner|owner|founder|ceo|cfo|coo|secretary|assistant|officer|head of|"
                   r"lead|consultant|administrator|coordinator|executive)\b")


def _signature_orgs(grid: "Grid | None", start: int) -> list[Candidate]:
    """A signature line that names a firm ("Grant & Co Design", "Northfield Joinery Ltd") but not
    a role or a number: a candidate for the organisation, labelled as the signature."""
    if grid is None:
        return []
    out = []
    lines = grid.text.split("\n")
    for ln, line in enumerate(lines[1:], start=1):  # the first line is the name
        t = line.strip().rstrip(",")
        if not t or _SIG_SKIP.search(t) or _ROLE.search(t) or len(t.split()) > 6:
            continue
        if not (_looks_like_org(t) or re.search(r"&|\bCo\b", t)) or not all(w[0].isupper() or w in ("&", "of", "and")
                                                                            for w in t.split()):
            continue
        col = line.find(t)
        y = ln * _LINE_H
        boxes = (Box(_SIG, float(col), y, float(col + len(t)), y + _WORD_H),)
        out.append(Candidate(f"c{start + len(out) + 1}", t, _SIG, "company", "right", frozenset({"org"}), boxes, ln))
    return out


def _looks_like_org(name: str) -> bool:
    from core.leads.conflicts import is_org

    return is_org(name)


_SIGNOFF = re.compile(r"(?im)^[ \t]*(?:(?:kind|best|warm|many)\s+(?:regards|wishes|thanks)|regards|best|thanks|"
                      r"thank you|many thanks|yours (?:sincerely|faithfully|truly)|sincerely|cheers|all the best)"
                      r"[ \t]*[,.!]?[ \t]*\n[ \t]*(?P<name>[^\n]{3,60})$")


def _signature_name(signature: str, text: str) -> LeadField | None:
    """The name a message is signed with: the signature's first line, or the line after a sign-off."""
    first = next((ln for ln in signature.split("\n") if ln.strip()), "")
    value = person_name(first.strip())
    if value and len(value.split()) >= 2:
        start = signature.find(first.strip())
        return LeadField("name", value, first.strip(), start, start + len(first.strip()), 0.85, "signature")
    for m in _SIGNOFF.finditer(text):
        line = m.group("name").strip()
        value = person_name(line)
        if value and len(value.split()) >= 2:
            start = m.start("name") + m.group("name").find(line)
            return LeadField("name", value, line, start, start + len(line), 0.85, "phrase")
    return None


_NAME_WORDS = r"[A-Z][\w'’\-]+(?:[ \t]+[A-Z][\w'’\-]+){1,2}"
# a phone note's caller: "Carol Dunne rang about ...", "Voicemail from Tom Hart: ..."
_CALLER = re.compile(rf"(?:(?:^|(?<=[.:!?]\s))(?P<a>{_NAME_WORDS})[ \t]+(?:rang|called|phoned|telephoned|"
                     rf"left[ \t]+a[ \t]+(?:message|voicemail))\b|\b(?:[Cc]all|[Mm]essage|[Vv]oicemail)[ \t]+from[ \t]+"
                     rf"(?P<b>{_NAME_WORDS})"
                     # a message pad's label: "Caller: Mr Colin Farr", "Name of caller: Pauline Dyer"
                     rf"|^[ \t]*(?i:caller(?:['’]s)?(?:[ \t]+name)?|name[ \t]+of[ \t]+caller|who[ \t]+called)[ \t]*:[ \t]*"
                     rf"(?P<c>{_NAME_WORDS})"
                     # a note that opens with who it is about: "Nadine Coker, lives in Southville."
                     rf"|^[ \t]*(?P<d>{_NAME_WORDS}),[ \t]+(?:lives|living|aged|age|from|of)\b)", re.MULTILINE)


def _caller_name(text: str) -> LeadField | None:
    for m in _CALLER.finditer(text):
        g = next(k for k in ("a", "b", "c", "d") if m.group(k))
        value = person_name(m.group(g))
        if value and len(value.split()) >= 2:
            return LeadField("name", value, m.group(g), m.start(g), m.end(g), 0.8, "phrase")
    return None
