"""Lead fields that are phrases rather than typed values: location, urgency, referral source,
preferred contact, description. Each is found by cue patterns ("based in", "recommended by",
"please call me") and copied word for word, with its offsets in the inquiry's text.
"""
from __future__ import annotations

import re

from core.forms import normalise as nz
from core.leads.fields import LeadField
from core.leads.rubric import Rubric, phrase_re

def _cue_field(name: str, text: str, m: re.Match, group: str, value, conf: float, method: str = "phrase") -> LeadField:
    s, e = m.span(group)
    src = text[s:e]
    # punctuation at the end of a clause is not part of the value
    trimmed = src.rstrip(" .,;:!?)")
    e -= len(src) - len(trimmed)
    return LeadField(name, value if value is not None else nz.clean(trimmed), trimmed, s, e, conf, method)


class _Span:
    def __init__(self, a: int, b: int) -> None:
        self.a, self.b = a, b

    def start(self, *_):
        return self.a

    def end(self, *_):
        return self.b


def find_location(text: str, rubric: Rubric) -> LeadField:
    """A place the rubric knows (inside or outside its area), preferring one after "based in"-like words;
    else a "Location:" label's value."""
    best = None
    cued_inside: list = []
    cued_outside: list = []
    for place in list(rubric.service_area) + list(rubric.out_of_area):
        for m in phrase_re(place).finditer(text):
            if not text[m.start()].isupper():
                continue
            before = text[max(0, m.start() - 20):m.start()].lower()
            strong = bool(re.search(r"(based in|live in|lives in|lived in|living in|located in|we are in|i am in|i'm in|moving to|"
                                    r"property in|house in|flat in|office in|near|from)\s+$", before))
            # "in Leeds", and "in Avonmouth, Bristol"
            cued = strong or bool(re.search(r"\bin\s+(?:[A-Z][\w\-]+,\s+)?$", text[max(0, m.start() - 30):m.start()]))
            if not cued:
                continue
            (cued_inside if place in rubric.service_area else cued_outside).append(m)
            # a longer place wins over a shorter one at the same spot ("West Yorkshire" over "Yorkshire")
            rank_key = (strong, m.end() - m.start(), -m.start())
            if best is None or rank_key > best[0]:
                best = (rank_key, m)
        if best is None:
            for m in re.finditer(r"\b(?:my|our|their|the)\s+(?P<p>" + phrase_re(place).pattern + r")\s+(?:office|branch|site|"
                                 r"area|home|house|flat|clinic)\b", text, re.IGNORECASE):
                best = ((False, 0, -m.start()), _Span(m.start("p"), m.end("p")))
                break
    if best is not None:
        m = best[1]
        value = text[m.start():m.end()]
        conf, notes = (0.9 if best[0][0] else 0.8), ()
        inside = value.lower() in {p.lower() for p in rubric.service_area}
        if inside and cued_outside:
            conf, notes = 0.6, ("the inquiry also names a place outside the service area",)
        if cued_inside and not inside:
            # "I am in Spain at the moment ... she lived in Leeds": the matter may well be inside the area
            m = cued_inside[0]
            value = text[m.start():m.end()]
            conf, notes = 0.6, ("the inquiry also names a place outside the service area",)
        return LeadField("location", value, value, m.start(), m.end(), conf, "phrase", notes)
    m = re.search(r"(?im)^[ \t]*(?:location|town|city|area|postcode|where)\s*:\s*(?P<v>[^\n]{2,60})$", text)
    if m:
        return _cue_field("location", text, m, "v", None, 0.8, "label")
    return LeadField("location")


def find_urgency(text: str, rubric: Rubric) -> LeadField:
    """The first urgency cue the rubric lists, or a deadline ("by 14 March", "before the hearing on ...")."""
    found = []
    for word in rubric.urgency:
        m = phrase_re(word).search(text)
        if m:
            found.append(m)
    dm = re.search(r"(?i)\b(?:by|before|no later than|deadline (?:is|of))\s+(?P<d>" + nz.DATE_RE.pattern[2:-2] + r")",
                   text)
    if dm:
        found.append(dm)
    if not found:
        return LeadField("urgency")
    m = min(found, key=lambda x: x.start())
    s, e = m.span()
    return LeadField("urgency", text[s:e], text[s:e], s, e, 0.85, "phrase")


_REFERRAL = re.compile(
    r"(?i)\b(?:(?:was\s+)?recommended\s+(?:to\s+(?:me|us)\s+)?by|referred\s+(?:to\s+you\s+)?by|"
    r"(?:found|heard\s+(?:about|of))\s+(?:you|your\s+(?:firm|clinic|practice|website))\s+(?:on|via|through|from|in)|"
    r"saw\s+your\s+(?:advert|ad|website|listing|review)\s+(?:on|in)|came\s+across\s+you\s+on)\s+"
    r"(?P<v>(?:(?:my|our|a|the)\s+)?[\w'’&\-]+(?:[ \t]+(?!and\b|who\b|because\b|as\b|but\b|so\b)[A-Za-z][\w'’&\-]*){0,6})")
_REFERRAL_BY = re.compile(r"(?:\b(?:[Mm]y|[Oo]ur|[Aa])\s+(?:friend|colleague|neighbour|sister|brother|mother|father|"
                          r"daughter|son|cousin)?,?\s*)?(?P<v>(?:[A-Z][\w'’\-]+\s){0,2}(?:[A-Z][\w'’\-]+)),?\s+"
                          r"(?:recommended|suggested)\s+(?:you|your\s+(?:firm|clinic|practice|services))")


def find_referral(text: str) -> LeadField:
    m = _REFERRAL.search(text)
    if m:
        v = m.group("v")
        # stop at a word that begins another clause
        v = re.split(r"(?i)\s+(?:and|but|who|which|because|after|when|last|a\s+few)\b", v)[0]
        s = m.start("v")
        e = s + len(v.rstrip(" .,;:!?"))
        return LeadField("referral_source", text[s:e], text[s:e], s, e, 0.85, "phrase")
    m = _REFERRAL_BY.search(text)
    if m:
        return _cue_field("referral_source", text, m, "v", None, 0.8)
    return LeadField("referral_source")


_CONTACT = [
    ("phone", re.compile(r"(?i)\b(?:please\s+)?(?:call|phone|ring)\s+me\b|\bcall\s+(?:her|him|them)\s+back\b|\bby\s+(?:phone|telephone)\b|"
                         r"\bprefer\s+(?:a\s+)?(?:call|phone\s+call|phone)\b|\bgive\s+me\s+a\s+(?:call|ring)\b")),
    ("email", re.compile(r"(?i)\b(?:reply|respond|contact\s+me|get\s+back\s+to\s+me)\s+by\s+e-?mail\b|"
                         r"\bprefer\s+e-?mail\b|\be-?mail\s+is\s+best\b|\bby\s+e-?mail\s+(?:please|only|is\s+best)\b|"
                         r"\bplease\s+e-?mail\s+me\b|\be-?mail\s+me\b")),
    ("text", re.compile(r"(?i)\b(?:text|whatsapp|sms)\s+me\b|\bby\s+(?:text|sms|whatsapp)\b")),
]


def find_preferred_contact(text: str) -> LeadField:
    hits = []
    for value, rx in _CONTACT:
        for m in rx.finditer(text):
            if re.search(r"(?i)\b(?:don'?t|do not|never|not|no need to|rather not)\s+(?:\w+\s+)?$",
                         text[max(0, m.start() - 20):m.start()]):
                continue  # "please don't call me there"
            hits.append((m.start(), value, m))
            break
    if not hits:
        return LeadField("preferred_contact")
    _, value, m = min(hits, key=lambda h: h[0])
    return LeadField("preferred_contact", value, m.group(), m.start(), m.end(), 0.85, "phrase")


_GREETING = re.compile(r"(?i)^\s*(?:dear\b[^\n]*|hi\b[^\n]*|hello\b[^\n]*|good (?:morning|afternoon|evening)\b[^\n]*|"
                       r"to whom it may concern[^\n]*)\n")


def find_description(text: str, max_chars: int = 400) -> LeadField:
    """The message's opening sentences (after any greeting), copied; cut at a sentence end."""
    m = _GREETING.match(text)
    start = m.end() if m else 0
    # web-form lines ("Name: ...") are not the description
    while True:
        lm = re.match(r"[ \t]*(?:name|email|e-mail|phone|company|telephone)\s*:[^\n]*\n+", text[start:], re.I)
        if not lm:
            break
        start += lm.end()
    while start < len(text) and text[start].isspace():
        start += 1
    body = text[start:]
    if not body.strip():
        return LeadField("description")
    cut = len(body)
    if cut > max_chars:
        ends = [m.end() for m in re.finditer(r"[.!?](?=\s)", body[:max_chars])]
        cut = ends[-1] if ends else body.rfind(" ", 0, max_chars)
    end = start + cut
    src = text[start:end].rstrip()
    end = start + len(src)
    return LeadField("description", " ".join(src.split()), src, start, end, 0.8, "phrase")
