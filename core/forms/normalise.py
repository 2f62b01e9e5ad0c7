"""Turn copied text into checked values: ISO dates, E.164 phones, e-mails, amounts, codes.

``normalise(kind, text)`` returns ``(value, ok)``: ``ok`` False means the text does not read as
that kind, and the engine then lowers the value's confidence (or drops the candidate). The
parsers are the ecosystem's (python-dateutil, phonenumbers, email-validator) where installed;
none of them reaches the network (email-validator's deliverability check stays off).
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

DEFAULT_REGION = "GB"

_CURRENCY_SIGNS = {"£": "GBP", "$": "USD", "€": "EUR", "¥": "JPY", "₹": "INR"}
_CURRENCY_CODES = {"GBP", "USD", "EUR", "CHF", "CAD", "AUD", "JPY", "INR", "SEK", "NOK", "DKK", "NZD"}
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE_RE = re.compile(
    rf"\b(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})\b",
    re.IGNORECASE)
EMAIL_RE = re.compile(r"\b[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+\b")
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


def parse_phone(text: str, region: str = DEFAULT_REGION) -> str | None:
    t = clean(text)
    digits = re.sub(r"\D", "", t)
    if not 7 <= len(digits) <= 15 or re.search(r"[A-Za-z]", t):
        return None
    try:
        import phonenumbers
    except ImportError:
        return "+" + digits if t.startswith("+") else digits
    try:
        n = phonenumbers.parse(t, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(n):
        return None
    return phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)


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


_NAME_WORD = re.compile(r"^(?:[A-Z][a-z'’\-]+|[A-Z]\.?|[A-Z][a-z]*[A-Z][a-z]+|Mc[A-Z][a-z]+|O'[A-Z][a-z]+|[A-Z]{2,})$")
_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "mx"}


def parse_name(text: str) -> str | None:
    t = clean(text).rstrip(".")
    words = t.split()  # a title ("Dr Anna Kowalski") is part of the name as printed
    if not 1 <= len(words) <= 5 or any(not _NAME_WORD.match(w) for w in words):
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
