"""A draft reply per tier, from editable templates, filled only with values copied from the
inquiry (name, need, location, deadline) and the rubric (office, referral).

Templates are plain text with ``{placeholders}``: the built-in ones are
``resources/leads/replies/<tier>.txt``; a ``replies/<tier>.txt`` beside a user's rubric file
takes their place. Locum never sends a reply: the person copies it or opens it in their mail
client. Spam gets no draft.
"""
from __future__ import annotations

import re
import string
from importlib import resources as _resources
from pathlib import Path

from core.leads.fields import LeadField
from core.leads.rubric import Rubric

TIERS = ("hot", "warm", "cold", "disqualified")
PLACEHOLDERS = {"subject", "greeting", "office", "need_phrase", "summary", "contact_line", "decline_reason",
                "referral_line", "first_name", "name"}


def template_text(tier: str, rubric: Rubric | None = None, templates_dir: str | Path | None = None) -> str:
    dirs = []
    if templates_dir:
        dirs.append(Path(templates_dir))
    if rubric is not None and rubric.path and Path(rubric.path).is_file():
        dirs.append(Path(rubric.path).parent / "replies")
    for d in dirs:
        f = d / f"{tier}.txt"
        if f.is_file():
            return f.read_text(encoding="utf-8")
    return (_resources.files("resources") / "leads" / "replies" / f"{tier}.txt").read_text(encoding="utf-8")


def _first_name(name: str) -> str:
    words = [w for w in name.split() if w.rstrip(".").lower() not in {"mr", "mrs", "ms", "miss", "dr", "prof", "mx"}]
    return words[0] if words else ""


class _Safe(dict):
    def __missing__(self, key):  # an unknown placeholder in a user's template stays as written
        return "{" + key + "}"


def draft_reply(fields: dict[str, LeadField], tier: str, rubric: Rubric, *, subject: str = "",
                decline: str = "", referral: str = "", spam: bool = False,
                templates_dir: str | Path | None = None) -> str:
    if spam:
        return ""
    val = {n: (f.value if f is not None else None) for n, f in fields.items()}
    name = str(val.get("name") or "")
    first = _first_name(name)
    title = re.match(r"(?i)(mr|mrs|ms|miss|dr|prof|mx)\.?\s+\S+", name)
    greeting = f"Dear {name}," if title else f"Dear {first}," if first else "Hello,"
    need = str(val.get("need") or "")
    need_phrase = f"your {need.lower()} matter" if need and rubric.kind == "law" else (
        f"{need.lower()}" if need else "your inquiry")
    bits = []
    if val.get("location"):
        bits.append(f"you are in {val['location']}")
    if val.get("urgency"):
        bits.append(f"the timing matters (\"{fields['urgency'].source}\")")
    summary = ("We note that " + " and ".join(bits) + ".") if bits else ""
    pc = val.get("preferred_contact")
    phone = val.get("phone")
    contact_line = {"phone": f", and we will call you{' on ' + fields['phone'].source if phone else ''}",
                    "email": ", and we will reply by e-mail", "text": ", and we will send you a text"}.get(pc, "")
    if decline:
        reason = f"{decline.lower()} is not an area we work in" if rubric.kind == "law" else \
            f"{decline.lower()} is not something our clinic provides"
    else:
        reason = "this is not something we can take on"
    referral_line = f"\nWe suggest contacting {referral}, who should be able to help.\n" if referral else ""
    values = _Safe(subject=subject or "your inquiry", greeting=greeting, office=rubric.office, need_phrase=need_phrase,
                   summary=summary, contact_line=contact_line, decline_reason=reason, referral_line=referral_line,
                   first_name=first, name=name)
    text = string.Formatter().vformat(template_text(tier, rubric, templates_dir), (), values)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
