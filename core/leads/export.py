"""Leads out to the office's CRM: HubSpot's contact import CSV, Clio Grow's lead inbox JSON,
and vCard for anything else (address books, Outlook, Apple Contacts).

Only what the inquiry said is written: a field the assessment left empty stays empty (no
name is guessed from an e-mail address). Every file is written atomically.
"""
from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Sequence

from core.fsutil import atomic_write_csv, atomic_write_text
from core.leads.store import Lead

HUBSPOT_HEADER = ("First Name", "Last Name", "Email", "Phone Number", "Company Name", "Lifecycle Stage",
                  "Lead Status")
CLIO_FIELDS = ("from_first", "from_last", "from_email", "from_phone", "from_message", "from_source")
# Our status -> HubSpot's default Lifecycle Stage and Lead Status options (the labels its
# import accepts; a value it does not know is dropped from the row).
HUBSPOT_STAGES = {
    "New": ("Lead", "New"),
    "Contacted": ("Lead", "Attempted to Contact"),
    "Consultation booked": ("Sales Qualified Lead", "Connected"),
    "Retained": ("Customer", "Connected"),
    "Not a fit": ("Other", "Unqualified"),
}
_SOURCE_BY_KIND = {"eml": "E-mail", "msg": "E-mail", "mbox": "E-mail", "csv": "Web form", "text": "Pasted text"}
_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "rev", "fr"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "esq", "phd", "md", "qc", "kc"}
_PARTICLES = {"de", "da", "di", "del", "della", "der", "den", "du", "van", "von", "la", "le", "st", "bin", "ibn",
              "al", "dos", "das", "ter", "ten"}


def split_name(name: str | None) -> tuple[str, str]:
    """("First", "Last") from a person's name as written: "Dr. Maria de la Cruz" ->
    ("Maria", "de la Cruz"), "Okafor, Ada" -> ("Ada", "Okafor"); one word is a first name."""
    name = " ".join(str(name or "").split())
    if not name:
        return "", ""
    if name.count(",") == 1:
        last, first = (p.strip() for p in name.split(","))
        if last and first and not {first.lower().strip(".")} & _SUFFIXES:
            return first, last
    words = [w for w in name.replace(",", " ").split()]
    while words and words[0].lower().strip(".") in _TITLES and len(words) > 1:
        words = words[1:]
    while len(words) > 1 and words[-1].lower().strip(".") in _SUFFIXES:
        words = words[:-1]
    if len(words) == 1:
        return words[0], ""
    last_start = len(words) - 1
    while last_start > 1 and words[last_start - 1].lower() in _PARTICLES:
        last_start -= 1
    return " ".join(words[:last_start]), " ".join(words[last_start:])


_PHONE = re.compile(r"^\+?[\d\s().\-]{5,}$")


def _safe_cell(value, *, phone: bool = False) -> str:
    """Text from an inquiry is written as text: a cell a spreadsheet would run as a formula
    (=, +, -, @ first) gets a leading apostrophe, except a phone number such as +44 20..."""
    s = "" if value is None else str(value)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    if phone and _PHONE.match(s):
        return s
    if s[:1] in ("=", "+", "-", "@", "\t"):
        return "'" + s
    return s


def _source(lead: Lead) -> str:
    ref = lead.value("referral_source")
    if ref:
        return str(ref)
    return _SOURCE_BY_KIND.get(str(lead.inquiry.get("kind") or ""), "Locum")


def _message(lead: Lead) -> str:
    """What they need and what they wrote, for a CRM's message field."""
    parts = []
    need = lead.value("need")
    if need:
        parts.append(f"Need: {need}")
    desc = lead.value("description") or lead.inquiry.get("text") or ""
    if desc:
        parts.append(str(desc).strip())
    return "\n\n".join(parts)


# ---- HubSpot --------------------------------------------------------------------------
def hubspot_rows(leads: Sequence[Lead]) -> list[list[str]]:
    rows = []
    for lead in leads:
        first, last = split_name(lead.value("name"))
        stage, status = HUBSPOT_STAGES.get(lead.status, ("Lead", ""))
        rows.append([_safe_cell(first), _safe_cell(last), _safe_cell(lead.email), _safe_cell(lead.phone, phone=True),
                     _safe_cell(lead.value("organization")), stage, status])
    return rows


def to_hubspot_csv(leads: Sequence[Lead], path: str | Path) -> None:
    atomic_write_csv(path, hubspot_rows(leads), HUBSPOT_HEADER)


# ---- Clio Grow ------------------------------------------------------------------------
def clio_leads(leads: Sequence[Lead]) -> list[dict]:
    """One object per lead: the ``inbox_lead`` of a Clio Grow lead inbox request (the
    office adds its own ``inbox_lead_token`` when it sends them)."""
    out = []
    for lead in leads:
        first, last = split_name(lead.value("name"))
        out.append({"from_first": first, "from_last": last, "from_email": lead.email, "from_phone": lead.phone,
                    "from_message": _message(lead), "from_source": _source(lead)})
    return out


def to_clio_json(leads: Sequence[Lead], path: str | Path) -> None:
    atomic_write_text(path, json.dumps(clio_leads(leads), ensure_ascii=False, indent=2))


# ---- vCard ----------------------------------------------------------------------------
def vcard_text(leads: Sequence[Lead]) -> str:
    """vCard 3.0, one card per lead (what every address book imports)."""
    import vobject

    buf = io.StringIO()
    for lead in leads:
        card = vobject.vCard()
        name = str(lead.value("name") or "")
        first, last = split_name(name)
        org = lead.value("organization")
        # FN is required; with no name, the organisation or the address stands in, as address books do.
        card.add("fn").value = name or (str(org) if org else "") or lead.email or lead.phone or "Unnamed inquiry"
        card.add("n").value = vobject.vcard.Name(family=last, given=first)
        if lead.email:
            e = card.add("email")
            e.value = lead.email
            e.type_param = "INTERNET"
        if lead.phone:
            t = card.add("tel")
            t.value = str(lead.phone)
            t.type_param = "VOICE"
        if org:
            card.add("org").value = [str(org)]
        note = [f"Status: {lead.status}"]
        if lead.tier:
            note.append(f"Tier: {lead.tier} ({lead.score}/100)")
        need = lead.value("need")
        if need:
            note.append(f"Need: {need}")
        if lead.follow_up:
            note.append(f"Follow up: {lead.follow_up}")
        if lead.notes:
            note.append(lead.notes)
        card.add("note").value = "\n".join(note)
        card.add("categories").value = ["Lead", lead.status]
        buf.write(card.serialize())
    return buf.getvalue()


def to_vcard(leads: Sequence[Lead], path: str | Path) -> None:
    atomic_write_text(path, vcard_text(leads))


WRITERS = {"hubspot": (to_hubspot_csv, ".csv"), "clio": (to_clio_json, ".json"), "vcard": (to_vcard, ".vcf")}
