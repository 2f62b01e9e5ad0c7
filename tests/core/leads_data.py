"""Leads as ``LeadResult.as_json()`` gives them, written by hand in the agreed shape, for the
pipeline's tests (store, export, removal, the Leads view) without the assessment engine."""
from __future__ import annotations

import copy

FIELDS = ("name", "email", "phone", "organization", "need", "description", "urgency", "location", "budget",
          "referral_source", "preferred_contact")


def _span(text: str, words: str | None, method: str = "span", confidence: float = 0.95):
    if words is None:
        return {"value": None, "source": "", "start": None, "end": None, "confidence": 0.0, "flagged": False,
                "method": "none"}
    start = text.find(words)
    if start < 0:  # a header value (From:) is not in the text
        return {"value": words, "source": words, "start": None, "end": None, "confidence": 1.0, "flagged": False,
                "method": "header"}
    return {"value": words, "source": words, "start": start, "end": start + len(words), "confidence": confidence,
            "flagged": confidence < 0.6, "method": method}


def lead_json(file: str, *, name="Ada Okafor", email="ada.okafor@example.org", phone="+44 20 7946 0958",
              organization="Okafor Bakeries Ltd", need="Employment", tier="hot", score=82,
              text: str | None = None, conflicts=(), kind="eml", subject="Unfair dismissal",
              draft="Dear Ada,\n\nThank you for getting in touch about your dismissal.", flags=()):
    text = text if text is not None else (
        f"Hello, my name is {name}. I run {organization} and I was dismissed by the board last week "
        f"without notice. I need advice on employment law before 15 January. You can call me on {phone}. "
        "Our budget is about £2,000. I was referred by Jane Holt.")
    values = {"name": name, "email": email, "phone": phone, "organization": organization, "need": need,
              "description": "Dismissed by the board without notice", "urgency": "before 15 January",
              "location": None, "budget": "£2,000", "referral_source": "Jane Holt", "preferred_contact": None}
    fields = {}
    for k in FIELDS:
        v = values.get(k)
        if k == "email":
            fields[k] = _span(text, v) if v else _span(text, None)
        elif k == "need":
            fields[k] = {**_span(text, "employment law"), "value": need, "method": "model"}
        elif k == "description":
            fields[k] = _span(text, "dismissed by the board last week without notice")
            fields[k]["value"] = v
        else:
            fields[k] = _span(text, v) if v is not None else _span(text, None)
    return copy.deepcopy({
        "file": file,
        "lead": values,
        "fields": fields,
        "inquiry": {"kind": kind, "from": name, "email": email, "reply_to": "", "date": "2026-12-01T08:14:00+00:00",
                    "subject": subject, "text": text, "forwarded": False},
        "score": score, "tier": tier,
        "reasons": [{"criterion": "services", "points": 40, "quote": "employment law",
                     "detail": "Employment is a service the office offers"},
                    {"criterion": "urgency", "points": 20, "quote": "before 15 January", "detail": "a deadline"}],
        "conflicts": list(conflicts),
        "draft_reply": draft,
        "flags": list(flags),
        "errors": [],
    })
