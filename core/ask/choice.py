"""Which row or sentence answers the question: the one a small model's figure must come from.

A 135M model given a fee table answers "the hourly rate for an associate" with the
articling student's rate, because both rates are in the passage and the figures guard
only checks the passage. So with the tiny model Ask first picks one unit (a sentence, a
table row with its header, a list item) of the best passages, gives the model that unit
alone, and accepts only figures the unit holds:

* units are ranked by the question's words, each weighted by how rare it is among the
  units (``rank``); a row scores with its header's words ("hourly rate") but must match
  the question on its own words too ("associate"), or it answers nothing in particular;
* a clear best unit (``CLEAR_MARGIN`` ahead of the next) needs no model call;
* a tie between units is put to the model as a choice of ids under a JSON-schema grammar
  (``{"type": ["string", "null"], "enum": ["r1", "r2", null]}``), so it can only name one
  of them or none;
* no unit that matches the question well enough (``MIN_COVERAGE``), or no choice: no claim,
  the passages are shown for the user to check.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Sequence

from core.ask import citations as cz
from core.types import Hit
from models.base import Message

#: The best unit must score this much more than the next for no model call to be needed.
CLEAR_MARGIN = 1.25
#: Share of the question's content words (weighted) a unit and its document's title must hold.
MIN_COVERAGE = 0.5
# Words that name who is asking or answering, not what is asked: a question may use them
# when the document says "we" ("How much does the firm charge...").
_PARTY_WORDS = frozenset(cz.stem(w) for w in "firm company clinic centre center office practice business "
                         "patient client customer".split())
# Words that shape how a question asks rather than what it is about: "How *large* is the
# deposit?", "How *far ahead* must a renewal be requested?", "What *happens* to the
# originals?", "Whom should patients call when the clinic is *closed*?". A passage rarely
# repeats them, so they must not make a question a near miss; a thing the passages never
# name ("sedation", "a tax specialist") still does. General English, not fitted to a set.
_FRAME_WORDS = frozenset(cz.stem(w) for w in (
    "large big small little early late soon far ahead fast quick quickly slow long short often "
    "old new high low great many much enough exactly usually normally currently still "
    "happen happens include includes included need needed needs take takes taken see sees get gets "
    "give gives given make makes made do does done go goes come comes find found use used keep kept "
    "want wanted say says said mean means tell know open opened closed close apply applies "
    "mr mrs ms dr miss sir madam").split())
MAX_CHOICES = 4
SOURCES = 2  # passages whose units are candidates

# Words that ask for an amount: a unit stating an amount answers them whatever its wording
# ("How much does a crown cost?" / "Porcelain crown  $1,390").
_MONEY_WORDS = frozenset(cz.stem(w) for w in "cost costs fee fees price prices charge charges charged rate rates "
                         "pay paid amount expensive".split())
_MONEY = re.compile(r"[$€£¥]\s?\d|\d\s?(?:dollars|%)")
MONEY = "<amount>"

CHOICE_PROMPT = ("Which line answers the question? Reply with the id of the line that answers it, "
                 "or null if none does.")


@dataclass(frozen=True)
class Unit:
    id: str
    source: int  # index into the hits given
    span: cz.Span  # the unit's own text in hits[source].text: the quote
    text: str  # with a table row's header in front: what is matched and shown to the model
    score: float
    own: float  # the part of the score from the unit's own words (not its header's)
    coverage: float

    def quote(self, hits: Sequence[Hit]) -> str:
        return hits[self.source].text[self.span.start:self.span.end]


def _terms(text: str) -> set[str]:
    terms = cz.term_set(text)
    if _MONEY.search(text):
        terms.add(MONEY)
    return terms


def question_terms(question: str) -> list[str]:
    out = []
    for t in cz.content_terms(question):
        t = MONEY if t in _MONEY_WORDS else t
        if t not in out:
            out.append(t)
    return out


def rank(question: str, hits: Sequence[Hit]) -> list[Unit]:
    """Units of the given passages, best match for the question first (score 0 left out)."""
    q = question_terms(question)
    rows = []
    for i, h in enumerate(hits):
        title = _terms(h.title or "")
        for span, text in cz.units(h.text):
            own_text = h.text[span.start:span.end]
            own = _terms(own_text)
            rows.append((i, span, text, _terms(text), own, title))
    if not q or not rows:
        return []
    # A question about something the passages never mention ("a dental implant", "a
    # bookkeeper") is a near miss whatever else it shares with them: no unit answers it.
    seen = set().union(*(r[3] | r[5] for r in rows))
    if any(t not in seen and t not in _PARTY_WORDS and t not in _FRAME_WORDS and not _prefix_seen(t, seen)
           for t in q if t != MONEY):
        return []
    n = len(rows)
    df = {t: sum(1 for r in rows if t in r[3]) for t in q}
    out = []
    for i, span, text, terms, own, title in rows:
        score = own_score = 0.0
        for t in q:
            if t in terms:
                w = cz.term_weight(t) * math.log(1 + n / df[t])
                score += w
                if t in own and t != MONEY:
                    own_score += w
        if score > 0:
            out.append((i, span, text, score, own_score, cz.coverage(q, terms | title)))
    out.sort(key=lambda r: (-r[3], r[0], r[1].start))
    return [Unit(f"r{k}", i, span, text, score, own, cov) for k, (i, span, text, score, own, cov) in enumerate(out, 1)]


def _prefix_seen(term: str, seen: set[str]) -> bool:
    # "hour" / "hourly": the light stemmer keeps them apart, and a question may use either
    return len(term) >= 4 and any(len(s) >= 4 and (s.startswith(term) or term.startswith(s)) for s in seen)


_ASKS_FIGURE = re.compile(r"^\s*(?:when|what time|what date|by what date|how many|how long|how much|"
                          r"within how many|at what time)\b", re.I)


def asks_figure(question: str) -> bool:
    """"When...", "How many...": answered by a time, date or count, so by a unit with a digit."""
    return bool(_ASKS_FIGURE.search(question))


def _answers(u: Unit, asks_amount: bool, wants_figure: bool = False) -> bool:
    # A question asking for an amount is not answered by a unit that states none, nor a
    # "when" question by a unit with no date or time in it.
    if asks_amount and not _MONEY.search(u.text):
        return False
    if wants_figure and not any(c.isdigit() for c in u.text):
        return False
    return u.own > 0 and u.coverage >= MIN_COVERAGE


def clear_best(units: Sequence[Unit], asks_amount: bool = False, wants_figure: bool = False) -> Unit | None:
    eligible = [u for u in units if _answers(u, asks_amount, wants_figure)]
    if not eligible:
        return None
    top = eligible[0]
    if top is not units[0]:
        return None  # a unit that matches better fails the checks: not clear
    if len(units) == 1 or top.score >= CLEAR_MARGIN * units[1].score:
        return top
    return None


def tied(units: Sequence[Unit], asks_amount: bool = False, wants_figure: bool = False) -> list[Unit]:
    """The units the model may choose between: those close to the best, that each match."""
    if not units:
        return []
    top = units[0].score
    return [u for u in units if u.score * CLEAR_MARGIN > top and _answers(u, asks_amount, wants_figure)][:MAX_CHOICES]


def choice_schema(ids: Sequence[str]) -> dict:
    return {"type": ["string", "null"], "enum": [*ids, None]}


def ask_model(backend, question: str, options: Sequence[Unit]) -> Unit | None:
    """The model names one of ``options`` (or none) under a grammar; anything else is none."""
    if not options or not getattr(backend, "supports_schema", False):
        return None
    lines = "\n".join(f"{u.id}: {' '.join(u.text.split())}" for u in options)
    messages = [Message("system", CHOICE_PROMPT), Message("user", f"{lines}\n\nQuestion: {question}")]
    schema = choice_schema([u.id for u in options])
    try:
        raw = "".join(backend.stream(messages, max_tokens=8, json_schema=schema, temperature=0.0))
        picked = json.loads(raw.strip() or "null")
    except (ValueError, RuntimeError, OSError):
        return None
    return next((u for u in options if u.id == picked), None)


def choose(backend, question: str, hits: Sequence[Hit]) -> tuple[Unit | None, str]:
    """The unit that answers ``question`` among the first ``SOURCES`` hits, and how it was
    chosen ("ranked", "model"); (None, reason) when there is none."""
    units = rank(question, hits[:SOURCES])
    asks_amount = MONEY in question_terms(question)
    wants_figure = asks_figure(question)
    best = clear_best(units, asks_amount, wants_figure)
    if best is not None:
        return best, "ranked"
    options = tied(units, asks_amount, wants_figure)
    if len(options) < 2:
        return None, "no unit matches the question well enough"
    picked = ask_model(backend, question, options)
    return (picked, "model") if picked is not None else (None, "the model chose none")


def unit_figures(unit_text: str, question: str) -> set[str]:
    """Digits of the figures a unit states that the question does not."""
    asked = {re.sub(r"\D", "", n) for n in cz._NUMBER.findall(question)}
    return {d for n in cz._NUMBER.findall(unit_text) if (d := re.sub(r"\D", "", n)) and d not in asked}


def states_a_unit_figure(answer: str, unit_text: str, question: str) -> bool:
    want = unit_figures(unit_text, question)
    if not want:
        return True
    said = {re.sub(r"\D", "", n) for n in cz._NUMBER.findall(answer)}
    return bool(want & said)


_CLAUSE = re.compile(r",\s+(?:and|but|or|while|whereas)\s+|;\s+")


def figure_clause(unit_text: str, question: str) -> str:
    """The clause of the unit that matches the question best, when the unit states figures
    in several ("the T2 return at $1,850, and each HST return at $240"); else the unit."""
    clauses = [c for c in _CLAUSE.split(unit_text) if c.strip()]
    if len(clauses) < 2 or sum(1 for c in clauses if unit_figures(c, question)) < 2:
        return unit_text
    q = question_terms(question)
    return max(clauses, key=lambda c: (cz.coverage(q, _terms(c)), -clauses.index(c)))


def adds_unit_words(answer: str, unit_text: str, question: str) -> bool:
    """Does the answer say something of the unit's that the question did not already say?
    An answer that only restates the question ("the partner responsible is the partner")
    states nothing the user could check against the quote."""
    new = cz.term_set(unit_text) - cz.term_set(question)
    return bool(new & cz.term_set(answer)) or not new
