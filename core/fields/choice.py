"""Rank candidates per field, and let the model choose only where the ranking is not clear.

A field whose best candidate has a strong label match and reads as the field's kind is
decided here, with no model call. Otherwise the best few candidates go to the model, which
answers one candidate id (or null) per field under a JSON schema whose ``enum`` lists exactly
those ids: llama.cpp turns it into a grammar, so it cannot produce anything else.
"""
from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from typing import Sequence

from core.fields import normalise as nz
from core.fields.candidates import Candidate
from core.fields.templates import FieldSpec
from models.base import ChatBackend, Message

CLEAR_SCORE = 0.8
CLEAR_MARGIN = 0.2
MODEL_MIN_SCORE = 0.3
MODEL_TOP = 4
# Typed kinds: a candidate that does not parse as the kind is no candidate at all.
_STRICT = {"date", "email", "phone", "money", "number", "postcode", "id", "boolean", "currency"}
_STOP = {"the", "a", "an", "is", "are", "was", "were", "his", "her", "their", "our", "your", "my", "s", "please",
         "on", "at", "i", "we", "me", "am", "has", "have", "be", "been", "will", "this", "that", "and", "as"}
_LABELLED = {"inline", "right", "below"}


def tokens(text: str) -> list[str]:
    # "D.O.B." -> "dob", "No." -> "no", "N°" -> "no"
    t = nz.plain(text).replace("’", "'").replace("'s", " ").replace("e-mail", "email").replace(".", "")
    t = t.replace("n°", "no ").replace("nº", "no ")
    return [w for w in re.findall(r"[a-z0-9#]+", t) if w not in _STOP]


def label_score(label: str, f: FieldSpec, *, context: bool = False) -> float:
    """How well a printed label (or, with ``context``, the words before a span) names ``f``."""
    lt = tokens(label)
    if not lt:
        return 0.0
    best = 0.0
    for cue in f.labels:
        ct = tokens(cue)
        if not ct:
            continue
        if context:
            n = len(ct)
            if lt[-n:] == ct:
                # the cue ends just before the value ("... date of birth is <date>"); a longer
                # cue is more specific ("due date" over "date")
                s = 0.8 + 0.05 * min(n, 3)
            elif any(lt[i:i + n] == ct for i in range(len(lt) - n + 1)):
                s = 0.6
            else:
                s = 0.0
        elif lt == ct:
            s = 1.0
        elif difflib.SequenceMatcher(None, " ".join(lt), " ".join(ct)).ratio() >= 0.86:
            s = 0.9  # an OCR slip: "Date of brth"
        elif set(ct) <= set(lt):
            s = 0.8 * (len(ct) / len(lt)) ** 0.5
        elif set(lt) <= set(ct):
            s = 0.7 * (len(lt) / len(ct)) ** 0.5
        else:
            common = len(set(lt) & set(ct))
            s = 0.5 * common / len(set(lt) | set(ct))
        best = max(best, s)
    return best


def type_fit(c: Candidate, f: FieldSpec) -> tuple[float, object]:
    """(fit 0..1, normalised value)."""
    if f.kind == "items":
        return 0.0, None
    kind = "list" if f.kind == "list" else f.kind
    value, ok = nz.normalise(kind, c.text)
    if ok:
        return 1.0, value
    if f.kind in _STRICT:
        return 0.0, None
    if f.kind in ("name", "org"):
        return 0.35, nz.clean(c.text)  # a labelled value that does not look like a name: flagged
    return 0.0, None


@dataclass
class Scored:
    cand: Candidate
    score: float
    value: object


def _how_weight(c: Candidate) -> float:
    return {"inline": 1.0, "right": 1.0, "below": 0.95, "phrase": 0.95, "typed": 0.95}.get(c.how, 0.8)


def raw_score(c: Candidate, f: FieldSpec) -> tuple[float, object]:
    if c.how == "typed" and f.kind not in c.kinds:
        return 0.0, None  # a typed span is evidence for its own kind only (an e-mail is no address)
    fit, value = type_fit(c, f)
    if not fit:
        return 0.0, None
    lab = label_score(c.label, f, context=c.how not in _LABELLED)
    return lab * fit * _how_weight(c), value


def rank(fields: Sequence[FieldSpec], cands: Sequence[Candidate]) -> dict[str, list[Scored]]:
    """Candidates per field, best first. A candidate whose label names another field much
    better ("Due date" for invoice_date) counts little for this one."""
    raw = {f.name: [(c, *raw_score(c, f)) for c in cands] for f in fields}
    label_best: dict[str, tuple[float, str]] = {}
    for f in fields:
        for c in cands:
            lab = label_score(c.label, f, context=c.how not in _LABELLED)
            if lab > label_best.get(c.id, (0.0, ""))[0]:
                label_best[c.id] = (lab, f.name)
    out: dict[str, list[Scored]] = {}
    for f in fields:
        scored = []
        for c, s, v in raw[f.name]:
            if s <= 0:
                continue
            own = label_score(c.label, f, context=c.how not in _LABELLED)
            other, other_name = label_best.get(c.id, (0.0, ""))
            if other_name != f.name and other >= 0.85 and other > own + 0.02:
                s *= 0.3
            scored.append(Scored(c, s, v))
        scored.sort(key=lambda x: (-x.score, x.cand.page or 0, x.cand.row))
        out[f.name] = scored
    return out


def clear_choice(f: FieldSpec, scored: list[Scored]) -> Scored | None:
    """The best candidate when it needs no model: a strong label and no close rival of another value."""
    if not scored or scored[0].score < CLEAR_SCORE:
        return None
    best = scored[0]
    for other in scored[1:]:
        if other.score < best.score - CLEAR_MARGIN:
            break
        if not nz.same_value(f.kind, other.value, best.value):
            return None
    return best


def needs_model(scored: list[Scored]) -> list[Scored]:
    """The few candidates worth showing the model (distinct values, best first)."""
    out: list[Scored] = []
    for s in scored:
        if s.score < MODEL_MIN_SCORE:
            break
        if any(s.value == o.value for o in out):
            continue
        out.append(s)
        if len(out) == MODEL_TOP:
            break
    return out


def choice_schema(options: dict[str, list[Scored]]) -> dict:
    """Per field an ``enum`` of its candidate ids plus null: the grammar the model decodes under."""
    return {
        "type": "object",
        "properties": {name: {"enum": [s.cand.id for s in opts] + [None]} for name, opts in options.items()},
        "required": list(options),
    }


def choice_messages(fields: dict[str, FieldSpec], options: dict[str, list[Scored]]) -> list[Message]:
    lines = []
    for name, opts in options.items():
        f = fields[name]
        lines.append(f"Field {name}: {f.description or f.title}")
        for s in opts:
            lines.append(f'  {s.cand.id} = "{s.cand.text}" (after "{s.cand.label}")')
        lines.append("  null = the document does not give it")
    system = ("You fill a form from a document. For each field, answer the id of the candidate text that is "
              "the field's value, or null if none of them is. Answer JSON only.")
    return [Message("system", system), Message("user", "\n".join(lines))]


def choose_with_model(backend: ChatBackend, fields: dict[str, FieldSpec],
                      options: dict[str, list[Scored]]) -> dict[str, Scored | None]:
    """One constrained call for all undecided fields; a reply that is not the schema's counts as null."""
    if not options:
        return {}
    schema = choice_schema(options)
    max_tokens = 12 + 8 * len(options) + sum(len(n) for n in options) // 2
    reply = "".join(backend.stream(choice_messages(fields, options), max_tokens=max_tokens, json_schema=schema))
    try:
        data = json.loads(reply)
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    out: dict[str, Scored | None] = {}
    for name, opts in options.items():
        picked = data.get(name)
        out[name] = next((s for s in opts if s.cand.id == picked), None)  # ids outside the enum are refused
    return out
