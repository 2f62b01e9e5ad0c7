"""One inquiry in, one lead note out: fields with provenance, fit score with reasons, conflict
check, draft reply.

    result = assess(inquiry, load_rubric(), clients=load_clients("clients.csv"), backend=chat)
    result.as_json()   # the shape the CLI prints, the pipeline stores and the view shows

Injected instructions in the inquiry are masked before anything reads it (see ``guard``).
"""
from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from typing import Callable, Sequence

from core.errors import LocumError
from core.leads import conflicts as cf
from core.leads import fields as fl
from core.leads import guard
from core.leads import meaning as mn
from core.leads import phrases as ph
from core.leads.drafts import draft_reply
from core.leads.intake import Inquiry
from core.leads.rubric import Rubric
from core.leads.score import (Hit, classify_need, disqualifier, keyword_hits, need_messages, need_schema, score_lead,
                              sales_pitch, seller_signs, selling)

log = logging.getLogger(__name__)

_EN_WORDS = {"the", "and", "to", "of", "i", "a", "my", "is", "in", "for", "you", "with", "we", "have", "on", "it",
             "that", "be", "are", "this", "would", "me", "can", "your", "about", "if", "our", "at", "please"}


@dataclass
class LeadResult:
    file: str
    fields: dict[str, fl.LeadField]
    inquiry: Inquiry
    score: int = 0
    tier: str = "cold"
    reasons: list[dict] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)
    draft_reply: str = ""
    flags: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)  # other names the inquiry mentions (checked for conflicts)
    model_calls: int = 0
    seconds: float = 0.0
    model: str = ""  # the cloud model that read the need ("claude:..."); "" for the local steps


    @property
    def lead(self) -> dict:
        return {n: self.fields[n].value if n in self.fields else None for n in fl.LEAD_FIELDS}

    def as_json(self) -> dict:
        q = self.inquiry
        return {
            "file": self.file,
            "lead": self.lead,
            "fields": {n: self.fields.get(n, fl.LeadField(n)).as_json() for n in fl.LEAD_FIELDS},
            "inquiry": {"kind": q.kind, "from": q.sender_name, "email": q.sender_email, "reply_to": q.reply_to,
                        "date": q.date, "subject": q.subject, "text": q.text, "forwarded": q.forwarded},
            "score": int(self.score), "tier": self.tier, "reasons": list(self.reasons),
            "conflicts": list(self.conflicts), "draft_reply": self.draft_reply,
            "flags": list(self.flags), "errors": list(self.errors),
            # only when Claude read it: a lead assessed locally keeps the shape it always had
            **({"model": self.model} if self.model else {}),
        }


def looks_english(text: str) -> bool:
    words = re.findall(r"[a-zà-ÿ']+", text.lower())
    if len(words) < 6:
        return True
    return sum(w in _EN_WORDS for w in words) / len(words) >= 0.08


def claude_need(backend, text: str, rubric: Rubric, hits: list[Hit]) -> tuple[fl.LeadField, int]:
    """(the need as Claude reads it, calls made): one request through the privacy gateway, the
    same prompt and the same enum of the rubric's service names (plus null) the local model gets,
    as the one property of an object schema (Claude's structured output takes objects only).

    The score does not rest on Claude alone: a pick a keyword of the inquiry supports keeps that
    keyword's quote (and earns the service points); a pick no keyword supports has no quote, is
    flagged and earns none. Errors of the cloud (switched off, not confirmed, offline) propagate."""
    import json

    names = list(rubric.service_names)
    schema = {"type": "object", "properties": {"need": need_schema(names)}, "required": ["need"]}
    reply = "".join(backend.stream(need_messages(text, names), max_tokens=64, json_schema=schema))
    try:
        data = json.loads(reply)
    except ValueError:
        data = None
    pick = data.get("need") if isinstance(data, dict) else data
    if pick not in names:
        return fl.LeadField("need", None, "", None, None, 0.0, "claude",
                            ("Claude found no service of the office that fits",)), 1
    hit = next((h for h in hits if h.service == pick), None)
    if hit is not None:
        s, e = hit.first
        return fl.LeadField("need", pick, text[s:e], s, e, 0.8, "claude",
                            ("Claude's reading; a keyword of the inquiry supports it",)), 1
    other = f" (the keywords name {hits[0].service})" if hits else ""
    return fl.LeadField("need", pick, "", None, None, 0.5, "claude",
                        (f"Claude's reading; no keyword of the rubric supports it{other}, so it earns no points: "
                         "check",)), 1


def assess(inquiry: Inquiry, rubric: Rubric, *, clients: cf.ClientList | None = None, earlier: Sequence[dict] = (),
           library: Callable[[str], list] | None = None, backend=None, embedder=None,
           need_backend=None) -> LeadResult:
    """The lead note for one inquiry. ``earlier`` are earlier leads' JSON (``as_json()``), ``library``
    a ``(name) -> list[Hit]`` search; ``backend`` the chat model (None: no model, keywords only);
    ``embedder`` any object with ``embed_query(text)`` (the library's), which reads the need by
    meaning when no keyword decides (None: no meaning step).

    ``need_backend``: Claude behind the privacy gateway (``Services.cloud_backend("leads", ...)``)
    reads the need instead of the keywords, the meaning step and the local model (``claude_need``);
    spam and the matters the office does not take are still known from keywords, with no request.
    The score and the draft reply are the rubric's, as always."""
    t0 = time.perf_counter()
    res = LeadResult(inquiry.source, {n: fl.LeadField(n) for n in fl.LEAD_FIELDS}, inquiry)
    spans = guard.find_injections(inquiry.text)
    sig_spans = guard.find_injections(inquiry.signature)
    text = guard.mask(inquiry.text, spans)
    signature = guard.mask(inquiry.signature, sig_spans)
    subject_spans = guard.find_injections(inquiry.subject)
    subject = guard.mask(inquiry.subject, subject_spans)
    if spans or sig_spans or subject_spans:
        quotes = [inquiry.text[s:e] for s, e in spans] + [inquiry.signature[s:e] for s, e in sig_spans] + \
                 [inquiry.subject[s:e] for s, e in subject_spans]
        res.flags.append("prompt injection: the inquiry tries to instruct the assistant; it was ignored: "
                         + " / ".join(" ".join(q.split())[:160] for q in quotes))
    res.flags.extend(inquiry.notes)

    try:
        got, calls = fl.extract_fields(text, signature, header_name=inquiry.sender_name,
                                       header_email=inquiry.sender_email, reply_to=inquiry.reply_to,
                                       backend=backend)
        res.model_calls += calls
    except LocumError:
        raise
    except Exception as e:  # the model failed: fields stay empty, the lead is still scored
        log.warning("field choice failed for %s", inquiry.source, exc_info=True)
        res.errors.append(f"The model could not choose field values ({type(e).__name__}); those are left empty.")
        got, _ = fl.extract_fields(text, signature, header_name=inquiry.sender_name,
                                   header_email=inquiry.sender_email, reply_to=inquiry.reply_to, backend=None)
    res.fields.update(got)
    if res.fields["budget"].value is None:  # "six hundred pounds", "£3k": not money to the Extract engine
        res.fields["budget"] = ph.find_budget(text)
    res.fields["location"] = ph.find_location(text, rubric)
    if res.fields["location"].value is None and signature.strip():
        # "Unit 7, Station Road Industrial Estate, Yate, BS37": the signature's address says where they are
        got = ph.find_location(signature, rubric)
        if got.value is not None:
            res.fields["location"] = fl.LeadField("location", got.value, got.source, None, None,
                                                  min(got.confidence, 0.7), "signature", ("found in the signature",))
    res.fields["urgency"] = ph.find_urgency(text, rubric)
    res.fields["referral_source"] = ph.find_referral(text)
    res.fields["preferred_contact"] = ph.find_preferred_contact(text)
    res.fields["description"] = ph.find_description(text)
    # spam and the matters the office does not take are known from keywords: no model call for them
    _, early_hits, _ = classify_need(text, rubric, None)
    english = looks_english(text)
    disqualified = bool(disqualifier(text, rubric, early_hits)[0])
    # a service the subject line names is a keyword too, and needs no model call
    sub_need, sub_hits, _ = classify_need(subject, rubric, None) if subject.strip() and not early_hits else \
        (fl.LeadField("need"), [], 0)
    if sub_need.value is not None:
        need = fl.LeadField("need", sub_need.value, subject[sub_need.start:sub_need.end], None, None, 0.8,
                            "keyword", ("found in the subject line",))
        hits, calls = sub_hits, 0
    near = None
    sales = selling(text)  # offers the office something: the meaning step may read a sales pitch
    if need_backend is None and sub_need.value is None and embedder is not None and english and not disqualified \
            and text.strip() and (sales or not (early_hits and (len(early_hits) == 1
                                                               or early_hits[0].weight > early_hits[1].weight))):
        try:
            near = mn.nearest(text, rubric, embedder, sales=sales)
        except LocumError:
            raise
        except Exception:  # the embedder failed: the rules and the model go on without it
            log.warning("need by meaning failed for %s", inquiry.source, exc_info=True)
    if need_backend is not None and not disqualified and text.strip():
        hits = keyword_hits(text, rubric.services, loose=True, plural=True)
        need, calls = claude_need(need_backend, text, rubric, hits)
        res.model = str(getattr(need_backend, "name", "") or "claude")
    elif need_backend is not None:  # the rules settle it; nothing goes to the cloud
        need, hits, calls = classify_need(text, rubric, None)
        res.errors.append("Claude was not asked: the rubric's keywords mark this inquiry as spam or a matter the "
                          "office does not take; nothing was sent.")
    elif sub_need.value is None:
        # the small model reads English only: another language gets no model call either
        model = None if disqualified or not english or (near is not None and near.excludes
                                                          and (near.decided or not early_hits)) \
            or sales_pitch(near, early_hits, text) or len(seller_signs(text)) >= (3 if early_hits else 2) else backend
        need, hits, calls = classify_need(text, rubric, model, near=near)
    res.model_calls += calls
    res.fields["need"] = need

    sc = score_lead(text, res.fields, rubric, hits, near)
    res.score, res.tier, res.reasons = sc.score, sc.tier, sc.reasons
    res.flags.extend(sc.flags)
    if sc.tier == "disqualified":
        # a matter the office does not take (or spam) is not one of its services, whatever keyword it shares
        res.fields["need"] = fl.LeadField("need")
    if not english:
        res.flags.append("not in English: fields and score may be incomplete; read it yourself")
        res.errors.append("The inquiry does not seem to be in English; Locum reads English only, so check it yourself.")

    names = [n for n in (res.fields["name"].value, res.fields["organization"].value) if n]
    res.parties = cf.other_parties(text, names)
    if clients is not None or earlier or library is not None:
        try:
            # the words themselves are read too, in any case, with the signature and any quoted message
            words = "\n".join(t for t in (text, inquiry.signature, inquiry.quoted) if t)
            res.conflicts = cf.check(names + res.parties, clients=clients, earlier=earlier, library=library,
                                     contacts=[res.fields["email"].value, res.fields["phone"].value],
                                     text=words, own=names + [inquiry.sender_name])
        except LocumError:
            raise
        except Exception as e:
            log.warning("conflict check failed for %s", inquiry.source, exc_info=True)
            res.errors.append(f"The conflict check did not finish ({type(e).__name__}); check conflicts yourself.")
    if res.conflicts:
        res.flags.append(f"possible conflict: {len(res.conflicts)} match(es); check before replying")

    res.draft_reply = draft_reply(res.fields, res.tier, rubric, subject=inquiry.subject, decline=sc.disqualified_for
                                  if sc.disqualified_for != "spam" else "", referral=sc.referral,
                                  spam=sc.disqualified_for == "spam")
    res.seconds = time.perf_counter() - t0
    return res
