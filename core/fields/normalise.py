"""Turn copied text into checked values: ISO dates, E.164 phones, e-mails, amounts, codes.

``normalise(kind, text)`` returns ``(value, ok)``: ``ok`` False means the text does not read as
that kind, and the engine then lowers the value's confidence (or drops the candidate). The
parsers are the ecosystem's (python-dateutil, phonenumbers, email-validator) where installed;
none of them reaches the network (email-validator's deliverability check stays off).
"""
from __future__ import annotations

import re
import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal, InvalidOperation

DEFAULT_REGION = "GB"
#: The country a number written without its country code is read in: set per document by the
#: engine from what the document itself says (``region_hint``), else ``DEFAULT_REGION``.
_REGION: ContextVar[str | None] = ContextVar("locum_phone_region", default=None)

_CURRENCY_SIGNS = {"£": "GBP", "$": "USD", "€": "EUR", "¥": "JPY", "₹": "INR"}
_CURRENCY_CODES = {"GBP", "USD", "EUR", "CHF", "CAD", "AUD", "JPY", "INR", "SEK", "NOK", "DKK", "NZD"}
# Month names of English, French, German and Spanish documents, with and without the accents
# OCR may drop ("fevrier", "Marz"); each maps to its number.
_MONTH_NAMES = {
    1: ("january", "jan", "janvier", "janv", "januar", "jänner", "janner", "enero", "ene"),
    2: ("february", "feb", "février", "fevrier", "févr", "fevr", "februar", "febrero"),
    3: ("march", "mar", "mars", "märz", "marz", "maerz", "marzo"),
    4: ("april", "apr", "avril", "avr", "abril", "abr"),
    5: ("may", "mai", "mayo"),
    6: ("june", "jun", "juin", "juni", "junio"),
    7: ("july", "jul", "juillet", "juil", "juli", "julio"),
    8: ("august", "aug", "août", "aout", "agosto", "ago"),
    9: ("september", "sep", "sept", "septembre", "septiembre", "setiembre"),
    10: ("october", "oct", "octobre", "oktober", "okt", "octubre"),
    11: ("november", "nov", "novembre", "noviembre"),
    12: ("december", "dec", "décembre", "decembre", "déc", "dezember", "dez", "diciembre", "dic"),
}
_MONTH_OF = {n: m for m, names in _MONTH_NAMES.items() for n in names}
_MONTHS = ("(?:" + "|".join(sorted((re.escape(n) for n in _MONTH_OF), key=len, reverse=True))
           + r")(?![^\W\d_])\.?")
_DAY = r"\d{1,2}(?:st|nd|rd|th|er|\.)?"  # "1st", "1er" (French), "3." (German)
DATE_RE = re.compile(
    rf"\b(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}"
    rf"|{_DAY}\s+(?:de\s+)?{_MONTHS},?\s+(?:de\s+)?\d{{4}}|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})\b",
    re.IGNORECASE)
_NAMED_DATE = re.compile(rf"^(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?(?P<m1>{_MONTHS}),?\s+(?:de\s+)?"
                         rf"(?P<y1>\d{{4}})|(?P<m2>{_MONTHS})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}}))$",
                         re.IGNORECASE)
EMAIL_RE = re.compile(r"\b[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+\b")
# a number typed with no spaces at all ("07700900863", "+447700900863"), which PHONE_RE's groups do not reach
PHONE_RUN_RE = re.compile(r"(?<![\w+])(?:\+\d{2}|0)\d{9,11}(?![\w])")
PHONE_RE = re.compile(r"(?<![\w])(?:\+\d{1,3}[\s\-]?)?(?:\(\d{1,5}\)[\s\-]?)?\d{2,8}(?:[\s\-]\d{2,8}){0,4}(?![\w])")
MONEY_RE = re.compile(
    r"(?:(?P<sym>[£$€¥₹])\s?|(?P<code>\b(?:GBP|USD|EUR|CHF|CAD|AUD|JPY|INR|SEK|NOK|DKK|NZD))\s?)?"
    r"(?P<num>-?\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|-?\d+\.\d{2}|-?\d+)"
    r"(?:\s?(?P<code2>GBP|USD|EUR|CHF|CAD|AUD|JPY|INR|SEK|NOK|DKK|NZD)\b|\s?(?P<sym2>[£$€¥₹]))?")
POSTCODE_RE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|\d{5}(?:-\d{4})?)\b")
ID_RE = re.compile(r"\b(?=[A-Z0-9\-/#]*\d)(?:[A-Z]{1,6}[\-/#]?)?\d[\dA-Z\-/]{3,}\b|\b\d{3}\s\d{3}\s\d{4}\b")
_UK_POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?)\s?(\d[A-Z]{2})$")


def clean(text: str) -> str:
    return " ".join(str(text).split()).strip(" ,;:")


def parse_date(text: str) -> str | None:
    t = clean(text)
    m = DATE_RE.search(t)
    if not m or len(m.group()) < len(t) - 2:  # more than a date: not a date value
        return None
    try:
        from dateutil import parser
    except ImportError:  # pragma: no cover - python-dateutil is a dependency
        return None
    s = m.group()
    named = _NAMED_DATE.match(s)
    if named:
        day, month, year = (named.group("d1") or named.group("d2"), named.group("m1") or named.group("m2"),
                            named.group("y1") or named.group("y2"))
        month_no = _MONTH_OF.get(month.lower().rstrip("."))
        try:
            from datetime import date
            d = date(int(year), month_no, int(day))
        except (TypeError, ValueError):
            return None
        return d.isoformat() if 1850 <= d.year <= 2150 else None
    try:
        if re.match(r"^\d{4}-", s):
            d = parser.isoparse(s)
        else:
            d = parser.parse(s, dayfirst=True, fuzzy=False)
    except (ValueError, OverflowError):
        return None
    if not 1850 <= d.year <= 2150:
        return None
    return d.date().isoformat()


@contextmanager
def phone_region(region: str | None):
    """Read numbers without a country code as ``region``'s for the duration (``None``: the default)."""
    token = _REGION.set(region)
    try:
        yield
    finally:
        _REGION.reset(token)


def current_region() -> str:
    return _REGION.get() or DEFAULT_REGION


# What a document says about its country, besides its numbers' country codes: country names
# and the words of its labels and addresses. Matched on the text with accents dropped.
_COUNTRY_WORDS = {
    "DE": r"deutschland|germany|gmbh|strasse|str\.|telefon|geburtsdatum|anschrift|postleitzahl|mandant\w*|"
          r"rechnung\w*|berlin|munchen|hamburg|koln|frankfurt|stuttgart|dusseldorf",
    "AT": r"osterreich|austria|wien",
    "CH": r"schweiz|suisse|svizzera|switzerland|zurich|geneve|basel",
    "FR": r"france|sarl|telephone portable|date de naissance|code postal|facture|adresse postale|"
          r"rue|avenue de|paris|lyon|marseille|toulouse|bordeaux",
    "ES": r"espana|spain|telefono|fecha de nacimiento|direccion|codigo postal|calle|madrid|barcelona|valencia|"
          r"sevilla|s\.l\.",
    "GB": r"united kingdom|england|scotland|wales|northern ireland|belfast|london|manchester|birmingham|leeds|glasgow|edinburgh|"
          r"[a-z]{1,2}\d[a-z\d]? \d[a-z]{2}",
    "US": r"united states|usa|u\.s\.a\.|[a-z]+, (?:ny|ca|tx|fl|il|wa|ma|pa|oh|ga|nc|mi|nj|va|az|co|or|mn)\b \d{5}",
    "IE": r"(?<!northern )ireland|eire|dublin|cork",
    "CA": r"canada|toronto|vancouver|montreal|ottawa",
    "AU": r"australia|sydney|melbourne|brisbane|perth",
}
_COUNTRY_RE = {r: re.compile(rf"(?<![a-z])(?:{p})(?![a-z])") for r, p in _COUNTRY_WORDS.items()}
_INTL_RE = re.compile(r"(?<![\w+])(?:\+|00)(\d{1,3})[\s\-]?\(?\d")


def plain(text: str) -> str:
    """Accents aside ("Téléphone" -> "telephone", "Straße" -> "strasse"), case folded: French,
    German and Spanish words meet their plain spelling whether or not the accents survived OCR."""
    t = unicodedata.normalize("NFKD", text.casefold().replace("ß", "ss"))
    return "".join(ch for ch in t if not unicodedata.combining(ch))


def region_hint(text: str) -> str | None:
    """The country a document's numbers without a country code most likely belong to, from its
    other numbers' country codes and the country, city and label words it uses; None when
    nothing points anywhere (or two countries tie)."""
    try:
        import phonenumbers
    except ImportError:  # pragma: no cover - phonenumbers is a dependency
        return None
    votes: dict[str, float] = {}
    for m in _INTL_RE.finditer(text):
        for n in (3, 2, 1):
            code = m.group(1)[:n]
            region = phonenumbers.region_code_for_country_code(int(code)) if len(code) == n else "ZZ"
            if region != "ZZ":
                votes[region] = votes.get(region, 0.0) + 3.0
                break
    folded = plain(text)
    for region, rx in _COUNTRY_RE.items():
        hits = len(rx.findall(folded))
        if hits:
            votes[region] = votes.get(region, 0.0) + min(hits, 5)
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


def _phone_number(text: str, region: str | None):
    t = clean(text)
    digits = re.sub(r"\D", "", t)
    if not 7 <= len(digits) <= 15 or re.search(r"[A-Za-z]", t):
        return None
    import phonenumbers

    if t.startswith("00"):
        t = "+" + t[2:]
    try:
        n = phonenumbers.parse(t, region or current_region())
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(n):
        return None
    if not t.startswith("+") and (region or current_region()) != DEFAULT_REGION \
            and not (phonenumbers.is_valid_number(n) or _fictional(n)):
        # "07700 900431" in a letter that mentions a trip to Australia: a number that is no number
        # of the country the text points to but is one of the home country's is the home country's
        home = phonenumbers.parse(t, DEFAULT_REGION)
        if phonenumbers.is_valid_number(home) or _fictional(home):
            return home
    return n


def parse_phone(text: str, region: str | None = None) -> str | None:
    """E.164. A number written without its country code is read in ``region`` (default: the
    document's, see ``phone_region``); ``phone_doubt`` says when that reading is unsure."""
    try:
        import phonenumbers
    except ImportError:  # pragma: no cover - phonenumbers is a dependency
        t = clean(text)
        digits = re.sub(r"\D", "", t)
        return ("+" + digits if t.startswith("+") else digits) if 7 <= len(digits) <= 15 else None
    n = _phone_number(text, region)
    return None if n is None else phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)


# Ranges reserved for fiction (Ofcom's drama numbers, North America's 555-0100..0199): not
# valid numbers, but well formed, and what sample documents and examples must use.
_FICTIONAL = {44: re.compile(r"^(?:7700900|1632960|1[1-9]14960|1[1-9]1496[0]|2079460|1914980|2890180|2920180|"
                             r"8081570|9098790|3069990)\d{3}$"),
              1: re.compile(r"^\d{3}55501\d{2}$")}


def _fictional(n) -> bool:
    rx = _FICTIONAL.get(n.country_code)
    return bool(rx and rx.match(str(n.national_number)))


def phone_doubt(text: str, region: str | None = None) -> str | None:
    """Why the E.164 reading of ``text`` may be wrong, or None: a number with no country code
    that is not a valid number of the country it was read in (a Berlin "030 1234567" read as a
    UK number). Such a value is flagged for review, never shown as certain."""
    try:
        import phonenumbers
    except ImportError:  # pragma: no cover
        return None
    n = _phone_number(text, region)
    if n is None:
        return None
    t = clean(text)
    if t.startswith(("+", "00")):
        return None if phonenumbers.is_valid_number(n) else "not a valid number for its country code"
    if phonenumbers.is_valid_number(n) or _fictional(n):
        return None
    where = phonenumbers.region_code_for_country_code(n.country_code)
    return (f"no country code is written; read as a {where} number (+{n.country_code}), "
            "which it does not look like: check the country")


def parse_email(text: str) -> str | None:
    t = clean(text).strip("<>()[]")
    if not EMAIL_RE.fullmatch(t):
        return None
    try:
        from email_validator import EmailNotValidError, validate_email
    except ImportError:
        return t.lower()
    try:
        # deliverability would ask DNS: never, the product is offline
        return validate_email(t, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return None


_DECIMAL_COMMA = re.compile(r"(?<![\d.,])(\d{1,3}(?:[. \u00a0\u202f]\d{3})+|\d+),(\d{2})(?![\d,])")


def parse_money(text: str) -> tuple[float, str | None] | None:
    """(amount, ISO currency or None) if the text is one amount."""
    t = clean(text)
    m = MONEY_RE.fullmatch(t)
    if not m:
        # a decimal comma, as French, German and Spanish amounts are written: "1.234,56 €"
        t = _DECIMAL_COMMA.sub(lambda d: re.sub(r"[. \u00a0\u202f]", "", d.group(1)) + "." + d.group(2), t)
        m = MONEY_RE.fullmatch(t)
    if not m:
        return None
    try:
        amount = Decimal(m.group("num").replace(",", ""))
    except InvalidOperation:
        return None
    cur = _CURRENCY_SIGNS.get(m.group("sym") or m.group("sym2") or "") or m.group("code") or m.group("code2")
    return float(amount), cur


def parse_currency(text: str) -> str | None:
    t = clean(text)
    if t in _CURRENCY_SIGNS:
        return _CURRENCY_SIGNS[t]
    if t.upper() in _CURRENCY_CODES:
        return t.upper()
    money = parse_money(t)
    return money[1] if money else None


def parse_postcode(text: str) -> str | None:
    t = clean(text).upper()
    m = _UK_POSTCODE.match(t)
    if m:
        return f"{m.group(1)} {m.group(2)}"
    if re.fullmatch(r"\d{5}(?:-\d{4})?", t):
        return t
    return None


def parse_id(text: str) -> str | None:
    t = clean(text).lstrip("#:").strip()
    if not re.search(r"\d", t) or len(t) < 4 or " " in t and not re.fullmatch(r"[\d ]+", t):
        return None
    if not re.fullmatch(r"[A-Za-z0-9\-/#. ]+", t):
        return None
    return t.replace(" ", "") if re.fullmatch(r"[\d ]+", t) else t.upper()


def parse_boolean(text: str) -> bool | None:
    t = clean(text).lower()
    if t in {"yes", "y", "true", "x", "[x]", "☒", "☑", "checked", "on"}:
        return True
    if t in {"no", "n", "false", "[ ]", "☐", "unchecked", "off"}:
        return False
    return None


def parse_number(text: str) -> float | None:
    m = parse_money(text)
    return m[0] if m else None


_NAME_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "du", "la", "le", "bin", "binti",
                   "al", "el", "ter", "ten", "y", "zu"}


def _name_word(w: str, first: bool) -> bool:
    """A word of a printed name in any Latin script: "Zoë", "Núñez", "O'Brien", "Okafor-Adeyemi",
    "McAllister", an initial "J." or "J", all capitals "SMITH", and "van"/"de" inside a name."""
    if not first and w in _NAME_PARTICLES:
        return True
    if len(w) <= 2 and w[0].isupper() and w[0].isalpha() and w[1:] in ("", "."):
        return True  # an initial
    parts = re.split(r"['’\-]", w)
    if not all(p.isalpha() for p in parts if p) or not parts[0] or not w[0].isupper():
        return False
    if any(not p for p in parts[1:]) or (len(parts) > 1 and not parts[0][-1].isalpha()):
        return False
    return all(p[0].isupper() or (i and len(parts[i - 1]) > 1) for i, p in enumerate(parts))


_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "mx"}


def parse_name(text: str) -> str | None:
    t = clean(text).rstrip(".")
    words = t.split()  # a title ("Dr Anna Kowalski") is part of the name as printed
    if not 1 <= len(words) <= 5 or any(not _name_word(w, i == 0) for i, w in enumerate(words)):
        return None
    return " ".join(words)


def parse_org(text: str) -> str | None:
    t = clean(text)
    if not 2 <= len(t) <= 80 or not re.match(r"[A-Z0-9]", t):
        return None
    return t


def parse_text(text: str) -> str | None:
    t = clean(text)
    return t or None


def parse_list(text: str) -> list[str] | None:
    t = clean(text)
    if not t or t.lower() in {"none", "none known", "nil", "n/a", "nkda"}:
        return [] if t else None
    parts = [clean(p) for p in re.split(r",|;|\band\b", t)]
    return [p for p in parts if p]


_PARSERS = {
    "date": parse_date, "phone": parse_phone, "email": parse_email, "postcode": parse_postcode,
    "id": parse_id, "boolean": parse_boolean, "number": parse_number, "name": parse_name,
    "org": parse_org, "text": parse_text, "list": parse_list, "currency": parse_currency,
}


def normalise(kind: str, text: str):
    """(value, ok): the checked value for ``kind``, or (cleaned text, False) if it does not parse."""
    if kind == "money":
        m = parse_money(text)
        return (m[0], True) if m else (clean(text), False)
    parser = _PARSERS.get(kind, parse_text)
    value = parser(text)
    if value is None:
        return clean(text) or None, False
    return value, True


def same_value(kind: str, a, b) -> bool:
    """Whether two normalised values are the same (amounts to the cent, text ignoring case)."""
    if a is None or b is None:
        return a is b
    if kind in ("money", "number") or isinstance(a, (int, float)) and isinstance(b, (int, float)):
        try:
            return abs(float(a) - float(b)) < 0.005
        except (TypeError, ValueError):
            return False
    if isinstance(a, str) and isinstance(b, str):
        return clean(a).lower() == clean(b).lower()
    return a == b
