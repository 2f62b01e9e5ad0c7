"""The office's own criteria for a good lead, in an editable JSON file.

Required keys: ``office`` (text), ``services`` (list of ``{"name", "keywords": [...]}``),
``service_area`` (places), ``min_budget`` (number or null), ``exclusions`` (matter types the
office does not take) and ``referrals`` (exclusion -> who to refer to). Optional keys refine
the scoring and have defaults: ``exclusion_keywords`` (exclusion -> words that show it;
the exclusion's own name otherwise), ``out_of_area`` (places that are outside it),
``red_flags`` (``spam`` and ``free_advice`` word lists), ``urgency`` (words),
``weights`` (points per criterion), ``tiers`` (lowest score of ``hot`` and ``warm``),
``currency``, ``overriding_exclusions`` (exclusions that disqualify even when a service is
also named: "chest pain" with a sore shoulder is an emergency first). ``examples`` on a service
(and ``exclusion_examples``: exclusion -> texts, and ``red_flags.sales``) are situations said in
everyday words ("the people renting my flat have stopped paying"): no keyword, but what the
meaning step (``core.leads.meaning``) compares an inquiry with when no keyword names its need.
``exclusion_signs`` (exclusion -> groups of words) shows an exclusion by signs that mean little
alone and much together, as a clinician reads them: words from two groups ("hit his head" and
"been sick") show it. ``exclusion_not`` (exclusion -> phrases) names where an exclusion's word
means something else: "GP surgery" is a place, not an operation. The built-in rubrics are ``resources/leads/rubric_law.json`` and
``rubric_clinic.json``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from importlib import resources as _resources
from pathlib import Path

from core.errors import LocumError

OFFICES = ("law", "clinic")
DEFAULT_WEIGHTS = {"service": 40, "area": 20, "out_of_area": -30, "budget": 15, "below_budget": -25,
                   "urgency": 10, "contact": 15, "free_advice": -30, "no_contact": -15}
DEFAULT_TIERS = {"hot": 80, "warm": 50}
DEFAULT_SPAM = ["seo", "backlinks", "guest post", "crypto", "bitcoin", "lottery", "you have won", "unsubscribe",
                "click here", "investment opportunity", "first page of google"]
DEFAULT_FREE = ["free advice", "for free", "pro bono", "just a quick question"]
DEFAULT_URGENCY = ["urgent", "urgently", "asap", "as soon as possible", "immediately", "this week", "tomorrow",
                   "deadline", "emergency"]


class RubricError(LocumError):
    action = ('Fix the rubric file: JSON with "office", "services" ([{"name", "keywords"}]), "service_area", '
              '"min_budget", "exclusions" and "referrals".')


@dataclass(frozen=True)
class Service:
    name: str
    keywords: tuple[str, ...]
    examples: tuple[str, ...] = ()  # situations in everyday words, for the meaning step only


@dataclass(frozen=True)
class Rubric:
    office: str
    services: tuple[Service, ...]
    service_area: tuple[str, ...]
    min_budget: float | None
    exclusions: tuple[Service, ...]  # name + the words that show it
    referrals: dict = field(default_factory=dict, compare=False)
    out_of_area: tuple[str, ...] = ()
    spam: tuple[str, ...] = tuple(DEFAULT_SPAM)
    free_advice: tuple[str, ...] = tuple(DEFAULT_FREE)
    urgency: tuple[str, ...] = tuple(DEFAULT_URGENCY)
    weights: dict = field(default_factory=lambda: dict(DEFAULT_WEIGHTS), compare=False)
    tiers: dict = field(default_factory=lambda: dict(DEFAULT_TIERS), compare=False)
    currency: str = "GBP"
    kind: str = "law"  # law | clinic | other: which reply templates and wording fit
    overriding: tuple[str, ...] = ()  # exclusions that disqualify whatever else the inquiry asks (emergencies)
    sales: tuple[str, ...] = ()  # sales pitches to the office in everyday words (the meaning step's spam)
    # exclusion -> groups of words; words from two groups show it ("hit his head" and "been sick")
    signs: dict = field(default_factory=dict, compare=False)
    # exclusion -> phrases where its word means something else ("GP surgery" is a place, not an operation)
    unlike: dict = field(default_factory=dict, compare=False)
    path: str = ""

    @property
    def service_names(self) -> list[str]:
        return [s.name for s in self.services]

    def referral_for(self, exclusion: str) -> str:
        return str(self.referrals.get(exclusion) or "")


def _strings(value, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise RubricError(f"{where}: \"{key}\" must be a list of texts.")
    return tuple(x.strip() for x in value if x.strip())


def rubric_from_dict(data, where: str = "the rubric") -> Rubric:
    if not isinstance(data, dict):
        raise RubricError(f"{where} must be a JSON object, not a {type(data).__name__}.")
    missing = [k for k in ("office", "services", "service_area", "min_budget", "exclusions", "referrals")
               if k not in data]
    if missing:
        raise RubricError(f"{where} is missing {', '.join(repr(k) for k in missing)}.")
    if not isinstance(data["office"], str) or not data["office"].strip():
        raise RubricError(f"{where}: \"office\" must be the office's name or description.")
    services = []
    if not isinstance(data["services"], list) or not data["services"]:
        raise RubricError(f"{where}: \"services\" must list at least one service.")
    for i, s in enumerate(data["services"], start=1):
        if not isinstance(s, dict) or not isinstance(s.get("name"), str) or not s["name"].strip():
            raise RubricError(f"{where}: service {i} needs a \"name\".")
        kws = _strings(s.get("keywords", []), where, f"services[{i}].keywords")
        services.append(Service(s["name"].strip(), kws or (s["name"].strip().lower(),),
                                _strings(s.get("examples"), where, f"services[{i}].examples")))
    names = [s.name for s in services]
    if len(set(n.lower() for n in names)) != len(names):
        raise RubricError(f"{where}: two services have the same name.")
    mb = data["min_budget"]
    if mb is not None and (isinstance(mb, bool) or not isinstance(mb, (int, float)) or mb < 0):
        raise RubricError(f"{where}: \"min_budget\" must be a number (0 or more) or null.")
    ek = data.get("exclusion_keywords") or {}
    if not isinstance(ek, dict):
        raise RubricError(f"{where}: \"exclusion_keywords\" must map an exclusion to a list of words.")
    ex_examples = data.get("exclusion_examples") or {}
    if not isinstance(ex_examples, dict):
        raise RubricError(f"{where}: \"exclusion_examples\" must map an exclusion to a list of texts.")
    exclusions = []
    for e in data["exclusions"] if isinstance(data["exclusions"], list) else [None]:
        if isinstance(e, dict):  # {"name", "keywords"} like a service
            name = str(e.get("name") or "").strip()
            kws = _strings(e.get("keywords", []), where, "exclusions.keywords")
            examples = _strings(e.get("examples"), where, "exclusions.examples")
        elif isinstance(e, str):
            name, kws = e.strip(), _strings(ek.get(e, []), where, f"exclusion_keywords[{e}]")
            examples = _strings(ex_examples.get(e), where, f"exclusion_examples[{e}]")
        else:
            raise RubricError(f"{where}: \"exclusions\" must be a list of matter types.")
        if name:
            exclusions.append(Service(name, kws or (name.lower(),), examples))
    if not isinstance(data["referrals"], dict):
        raise RubricError(f"{where}: \"referrals\" must map an exclusion to who to refer to.")
    signs = data.get("exclusion_signs") or {}
    if not isinstance(signs, dict) or not all(isinstance(g, list) for g in signs.values()):
        raise RubricError(f"{where}: \"exclusion_signs\" must map an exclusion to a list of word lists.")
    signs = {str(k): tuple(_strings(g, where, f"exclusion_signs[{k}]") for g in groups)
             for k, groups in signs.items()}
    unlike = data.get("exclusion_not") or {}
    if not isinstance(unlike, dict):
        raise RubricError(f"{where}: \"exclusion_not\" must map an exclusion to a list of phrases.")
    unlike = {str(k): _strings(v, where, f"exclusion_not[{k}]") for k, v in unlike.items()}
    flags = data.get("red_flags") or {}
    if not isinstance(flags, dict):
        raise RubricError(f"{where}: \"red_flags\" must be an object with \"spam\" and \"free_advice\" lists.")
    weights = dict(DEFAULT_WEIGHTS)
    for k, v in (data.get("weights") or {}).items():
        if k not in DEFAULT_WEIGHTS or isinstance(v, bool) or not isinstance(v, (int, float)):
            raise RubricError(f"{where}: weight {k!r} is unknown or not a number (known: {', '.join(DEFAULT_WEIGHTS)}).")
        weights[k] = int(v)
    tiers = dict(DEFAULT_TIERS)
    tiers.update({k: int(v) for k, v in (data.get("tiers") or {}).items() if k in DEFAULT_TIERS})
    if not 0 <= tiers["warm"] <= tiers["hot"] <= 100:
        raise RubricError(f"{where}: \"tiers\" need 0 <= warm <= hot <= 100.")
    kind = str(data.get("kind") or "other")
    return Rubric(
        office=data["office"].strip(), services=tuple(services),
        service_area=_strings(data["service_area"], where, "service_area"),
        min_budget=float(mb) if mb is not None else None, exclusions=tuple(exclusions),
        referrals={str(k): str(v) for k, v in data["referrals"].items()},
        out_of_area=_strings(data.get("out_of_area"), where, "out_of_area"),
        spam=_strings(flags.get("spam"), where, "red_flags.spam") or tuple(DEFAULT_SPAM),
        free_advice=_strings(flags.get("free_advice"), where, "red_flags.free_advice") or tuple(DEFAULT_FREE),
        urgency=_strings(data.get("urgency"), where, "urgency") or tuple(DEFAULT_URGENCY),
        weights=weights, tiers=tiers, currency=str(data.get("currency") or "GBP"), kind=kind,
        overriding=_strings(data.get("overriding_exclusions"), where, "overriding_exclusions"),
        sales=_strings(flags.get("sales"), where, "red_flags.sales"),
        signs={k: tuple(g for g in v if g) for k, v in signs.items()},
        unlike=unlike,
    )


def load_rubric(path: str | Path | None = None, office: str = "law") -> Rubric:
    """The rubric at ``path``, or the built-in one for ``office`` ("law" or "clinic")."""
    if path is None:
        if office not in OFFICES:
            raise RubricError(f"There is no built-in rubric for {office!r} (known: {', '.join(OFFICES)}).")
        name = f"rubric_{office}.json"
        text = (_resources.files("resources") / "leads" / name).read_text(encoding="utf-8")
        where = f"built-in rubric {name}"
    else:
        p = Path(path)
        where = str(p)
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as e:
            raise RubricError(f"{p}: cannot be read ({e.strerror or e}).") from None
    try:
        data = json.loads(text)
    except ValueError as e:
        raise RubricError(f"{where} is not valid JSON ({e}).") from None
    return replace(rubric_from_dict(data, where), path=where)


def phrase_re(phrase: str) -> re.Pattern:
    """Whole words, any run of spaces, either apostrophe; "seo" does not match "seoul"."""
    words = [re.escape(w).replace("'", "['’]") for w in phrase.lower().split()]
    body = r"\s+".join(words)
    left = r"(?<![\w])" if re.match(r"\w", phrase) else ""
    right = r"(?![\w])" if re.search(r"\w$", phrase) else ""
    return re.compile(left + body + right, re.IGNORECASE)
