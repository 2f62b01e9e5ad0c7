"""Lead fields that are phrases rather than typed values: location, urgency, referral source,
preferred contact, description. Each is found by cue patterns ("based in", "recommended by",
"please call me") and copied word for word, with its offsets in the inquiry's text.
"""
from __future__ import annotations

import re

from core.fields import normalise as nz
from core.leads import places
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


_STRONG_CUE = re.compile(r"(based in|live in|lives in|lived in|living in|located in|we are in|i am in|i'm in|moving to|"
                         r"we're in|we’re in|i’m in|based|"
                         r"(?:live|lives|living|lived)\s+(?:on\s+(?:my|his|her|their)\s+own|alone|by\s+(?:my|him|her)self)\s+in|"
                         r"property in|house in|flat in|office in|near|nr\.?|from|outside|moved\s+(?:\w+\s+){0,2}to|"
                         r"(?:edge|outskirts|centre|center|middle)\s+of)\s+$")
# "just outside Bath", "near Leeds": said of where someone is, not a place they are in
_BESIDE = re.compile(r"(?:near|nr\.?|outside|moved\s+(?:\w+\s+){0,2}to|(?:moved|moving|came|come)\s+(?:\w+\s+){0,2}from)\s+$")  # and "he moved to Leeds": someone else's move
# a message pad's or a form's line: "Caller: Mr Alan Cribb, 68, Nailsea"
_LABEL_LINE = re.compile(r"(?im)^[ \t]*(?:caller|client|patient|name|customer|from)\s*:[^\n]*,[ \t]*$")
# an address's line: "Unit 4, Bankfield Mills, Huddersfield", "12 Alma Street, Leeds"
_ADDRESS_LINE = re.compile(r"^[ \t]*(?:(?:Unit|Flat|Apartment|Suite)\s+)?\d+[A-Za-z]?,?\s+[^\n]*,[ \t]*$")
# "in Leith, Edinburgh": a district no list names, before its town
_DISTRICT_BEFORE = re.compile(r"\bin\s+(?P<d>[A-Z][a-z'\-]+),\s+$")
# the words after which a place typed in lower case is still a place: "im in southville", "live near castleford"
_LOWER_CUE = re.compile(r"(?:\b(?:live|living|lives|based|located|moved|from|near|nr|i'?m|im|we'?re|were|am|are)\s+"
                        r"(?:in|near|to|at|from|outside)?\s*)$")
# "in Leeds", "at Bradford Magistrates", "in Avonmouth, Bristol", "Heslington Road, York"
_CUE = re.compile(r"(?:\b(?:in|at)\s+(?:[A-Z][\w\-]+,\s+)?|\b(?:Ltd|Limited|LLP|plc)\.?,\s+|\b(?:Road|Street|Lane|Avenue|Drive|Close|Way|Crescent|"
                  r"Terrace|Place|Gardens|Grove|Row|Square),\s+)$")
_RELATIVE_LIVES = re.compile(r"(?i)\b(?:my|our|her|his|their)\s+(?:brother|sister|son|daughter|mother|father|mum|"
                             r"dad|ex|ex-husband|ex-wife|husband|wife|partner|friend|cousin|uncle|aunt|nephew|niece|"
                             r"grandson|granddaughter|children|kids|family)\b,?\s+who\s+(?:now\s+)?(?:lives|lived|is\s+living)\s+in\s+$")
_AFTER_POSTCODE = re.compile(r"^,?\s+[A-Z]{1,2}\d[A-Z\d]?(?:\s*\d[A-Z]{2})?\b")


def find_location(text: str, rubric: Rubric) -> LeadField:
    """A place named after "based in"-like words (or "in", "at", a street, or before a postcode):
    the rubric's own places and the towns of ``resources/leads/places.json``; else a postcode
    after such words; else a "Location:" label's value. The value is the place as written;
    whether it is inside the area is ``places.status``."""
    best = None
    cued_inside: list = []
    cued_outside: list = []
    found = places.find_places(text, rubric, lower_after=_LOWER_CUE)
    regions = places.region_keys()
    merged = []
    # "Chippenham, Wiltshire", "Headingley, Leeds", "Avonmouth, Bristol": a town and its county, or a district
    # and its town, are one place, as written (not a country: "Lisburn, Northern Ireland" is Lisburn; not a list:
    # "Leeds, Bradford and York")
    def listed_with(a, b) -> bool:  # "Leeds, Bradford and York": b follows a as the next of a list
        return b is not None and bool(re.fullmatch(r"\s*(?:,|and|&|or|,\s*and)\s*", text[a.end():b.start()]))

    for i, m in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        prev = found[i - 2] if i >= 2 else None
        if merged and re.fullmatch(r",[ \t]*", text[merged[-1].end():m.start()]) \
                and places.key(text[m.start():m.end()]) not in places.COUNTRIES \
                and places.key(text[merged[-1].start():merged[-1].end()]) not in regions \
                and not listed_with(m, nxt) and not (prev is not None and listed_with(prev, found[i - 1])):
            merged[-1] = _Span(merged[-1].start(), m.end())
        else:
            merged.append(m)
    found = merged
    for i, m in enumerate(found):
        if i + 1 < len(found) and re.fullmatch(r",\s*\n\s*", text[m.end():found[i + 1].start()]) \
                and places.key(text[found[i + 1].start():found[i + 1].end()]) not in places.COUNTRIES:
            continue  # an address's lines, "Headingley,\nLeeds": the district's town is the place
        d = _DISTRICT_BEFORE.search(text[max(0, m.start() - 30):m.start()])
        if d and places.key(d.group("d")) not in places._NOT_TOWNS and not places.is_place(d.group("d")):
            m = _Span(max(0, m.start() - 30) + d.start("d"), m.end())  # "in Leith, Edinburgh" as written
        before = text[max(0, m.start() - 20):m.start()].lower()
        # "my brother, who lives in Perth": a relative described by where they live is not where the matter is
        # (but "my mother lived in Leeds" may well be)
        strong = bool(_STRONG_CUE.search(before)) and not _RELATIVE_LIVES.search(text[max(0, m.start() - 45):m.start()])
        line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        cued = strong or bool(_CUE.search(text[max(0, m.start() - 30):m.start()])) or \
            bool(_AFTER_POSTCODE.match(text[m.end():m.end() + 12])) or bool(_LABEL_LINE.search(line)) or \
            bool(_ADDRESS_LINE.search(line)) or (text[m.start() - 1:m.start()] == "(" and text[m.end():m.end() + 1] == ")")
        if not cued:
            continue
        where, _ = places.status(text[m.start():m.end()], rubric)
        if where == "in" and strong and not _BESIDE.search(before):  # "she lived in Leeds", not "a cousin in Leeds"
            cued_inside.append(m)
        elif where == "out":
            cued_outside.append(m)
        # the first place said wins, but a longer one at the same spot wins over a shorter ("West Yorkshire" over
        # "Yorkshire")
        if best is None:
            best = (strong, m)
        else:
            b = best[1]
            if m.start() < b.end() and b.start() < m.end():
                better = (strong, m.end() - m.start()) > (best[0], b.end() - b.start())
            else:
                better = (strong, -m.start()) > (best[0], -b.start())
            if better:
                best = (strong, m)
    if best is None:
        for place in list(rubric.service_area) + list(rubric.out_of_area):
            m = re.search(r"\b(?:my|our|their|the)\s+(?P<p>" + phrase_re(place).pattern + r")\s+(?:office|branch|site|"
                          r"area|home|house|flat|clinic)\b", text, re.IGNORECASE)
            if m:
                best = (False, _Span(m.start("p"), m.end("p")))
                break
    if best is None:
        spans = places.find_unlisted(text)
        if spans:
            best = (False, _Span(*spans[0]))
    if best is None:
        for m in places.postcodes_in(text):
            if re.search(r"(?i)(?:\b(?:in|at|postcode:?)\s+|,\s*|\()$", text[max(0, m.start() - 12):m.start()]):
                best = (False, m)
                break
    if best is not None:
        m = best[1]
        value = text[m.start():m.end()]
        conf, notes = (0.9 if best[0] else 0.8), ()
        inside = places.status(value, rubric)[0] == "in"
        if inside and cued_outside:
            conf, notes = 0.6, ("the inquiry also names a place outside the service area",)
        matter_there = re.search(r"(?:property|house|flat|cottage|bungalow|premises|shop|office)\s+in\s+$",
                                 text[max(0, m.start() - 20):m.start()].lower())
        if cued_inside and not inside and not matter_there:
            # "I am in Spain at the moment ... she lived in Leeds": the matter may well be inside the area
            m = cued_inside[0]
            value = text[m.start():m.end()]
            conf, notes = 0.6, ("the inquiry also names a place outside the service area",)
        return LeadField("location", value, value, m.start(), m.end(), conf, "phrase", notes)
    m = re.search(r"(?im)^[ \t]*(?:location|town|city|area|postcode|where|lives|based)\s*:\s*(?P<v>[^\n]{2,60})$", text)
    if m:
        return _cue_field("location", text, m, "v", None, 0.8, "label")
    return LeadField("location")


_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_DAY_MONTH = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_FEW = r"(?:a|one|two|three|a\s+few|a\s+couple\s+of|48|24|72)"
# Time words a person reads as urgency whatever the rubric lists: a day that is close, a deadline.
_URGENT_TIME = re.compile(
    r"(?i)\b(?:today|tonight|straight\s+away|right\s+away|at\s+once|"
    rf"(?:by|before|until|till|no\s+later\s+than)\s+(?:this\s+|next\s+)?(?:{_WEEKDAY}|the\s+weekend|the\s+end\s+of\s+"
    rf"(?:(?:the|this|next)\s+(?:week|month)|{_MONTH}))|"
    # "as soon as you can fit me in", "runs out in February"
    r"as\s+soon\s+as\s+(?:you|someone|anyone|one\s+of\s+you|they)\s+(?:can|could)|right\s+now|(?:move|act)\s+(?:quickly|fast)|"
    rf"(?:runs?\s+out|expires?|ends?)\s+(?:in|on|at\s+the\s+end\s+of)\s+(?:{_MONTH}|next\s+(?:week|month))|"
    r"end\s+of\s+(?:the|this)\s+(?:week|month)|"
    rf"next\s+{_WEEKDAY}|this\s+{_WEEKDAY}|"
    # "within 14 days" is more often a rule's period ("cancelled within 14 days") than a request
    r"within\s+(?:a\s+fortnight|the\s+(?:week|month)|" + _FEW + r"\s+(?:hours?|days?|weeks?))|"
    r"in\s+(?:a|one|two|three|[23]|a\s+few|a\s+couple\s+of)\s+(?:days?|weeks?)|in\s+a\s+fortnight|"
    r"(?:only\s+)?(?:(?:around|about)\s+)?(?:a|one|two|three|[1-3]|a\s+few|a\s+couple\s+of)\s+(?:days?|weeks?)\s+left)\b")
# someone asked to come or see them now: "can one of your physios come now?"
_NOW = re.compile(r"(?i)\b(?:come|see|visit|check|help|look\s+at)\b(?!-)[^.\n?!]{0,40}?\b(?P<d>now)\b(?!\s+(?:on|that|and\s+then))")
# a deadline by a day of a month or a holiday: "leave by 31 January", "complete before Christmas"
_BY_DAY = re.compile(rf"(?i)\b(?:by|before|no\s+later\s+than)\s+(?:{_DAY_MONTH}|christmas|easter|the\s+new\s+year)\b")
# a deadline set by the writer's own event: "before my holiday on 9 May", "before my wedding in June",
# "before the hearing on 9 June"
_BEFORE_EVENT = re.compile(
    r"(?i)\bbefore\s+(?:my|our|the|his|her|their)\s+(?:[\w'’\-]+\s+){0,2}?(?:holiday|wedding|birthday|hearing|trip|"
    r"race|marathon|operation|exam|move|flight|interview|tribunal|completion|honeymoon|cruise|competition|trials?|"
    r"half\s+term)\s+"
    rf"(?:(?:on|in)\s+(?:(?:the\s+)?{_DAY_MONTH}|{_MONTH}|the\s+\d{{1,2}}(?:st|nd|rd|th))|at\s+the\s+end\s+of\s+{_MONTH})\b"
    rf"|\bbefore\s+the\s+{_MONTH}\s+half\s+term\b")
# a period a letter or a process leaves: "the window closes in ten days", "I have 14 days to respond"
_DAYS_LEFT = re.compile(
    r"(?i)\b(?:(?:closes|ends|expires|runs\s+out)\s+in\s+(?:\d{1,2}|two|three|five|seven|ten|fourteen)\s+days|"
    r"(?:\d{1,2}|seven|ten|fourteen|twenty-one|28)\s+days\s+to\s+(?:respond|reply|appeal|pay|object|move\s+out|"
    r"leave|file|accept|sign))\b")
# a reply a letter asks for: "we have to put our response in within 28 days"
_RESPOND_WITHIN = re.compile(r"(?i)\b(?:respon\w*|reply|appeal|object\w*|defen[cs]e)\b[^.\n]{0,30}?"
                             r"(?P<d>within\s+\d{1,2}\s+days)\b")
# "in the next fortnight", "over the next few days"
_NEXT_SPAN = re.compile(r"(?i)\b(?:in|within|over)\s+the\s+next\s+(?:fortnight|week|few\s+days|couple\s+of\s+(?:days|weeks)|"
                        r"(?:two|three|2|3)\s+(?:days|weeks))\b")
# a day asked for: "an appointment on Thursday", "could someone see me this Friday"
_BOOK_DAY = re.compile(
    r"(?i)\b(?:appointment|session|booking|book\s+(?:in|me\s+in)?|see\s+(?:me|someone|us|him|her|them)|come\s+in|slot|available|"
    r"bring\s+(?:him|her|them|my\s+\w+)(?:\s+(?:over|in|round))?\s+to\s+you|"
    rf"free)\b[^.\n?!]{{0,30}}?\b(?P<d>(?:on|this|next|by)\s+(?:{_WEEKDAY})|this\s+(?:morning|afternoon|evening))\b")
# A date that an event falls on: "starting on 1 April 2026", "attend court in Wakefield on 2 April".
_EVENT_DATE = re.compile(
    r"(?i)\b(?:start\w*|hearing|court|tribunal|complet\w*|exchange|deadline|due|trial|interview|appointment|"
    r"race|marathon|triathlon|match|competition|event|wedding|married|move|moving|flight|operation|exam|auction|meeting|"
    rf"expir\w*|closing)\b[^.\n?!]{{0,40}}?\b(?:on|by|before)\s+(?P<d>{_DAY_MONTH}|"
    rf"{_WEEKDAY}\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)\b)\b")


# "no deadline really", "there's no urgency": the rubric's word said to be absent
_SAID_ABSENT = re.compile(r"(?i)\b(?:no|not\s+an?|isn['’]?t\s+an?|without\s+an?|no\s+real)\s+$")


def find_urgency(text: str, rubric: Rubric) -> LeadField:
    """The first urgency cue: a word the rubric lists, a close day or deadline ("today", "before the
    weekend", "within a fortnight", "by 14 March"), or the date of an event ("court ... on 2 April")."""
    found = []
    for word in rubric.urgency:
        for m in phrase_re(word).finditer(text):
            if not _SAID_ABSENT.search(text[max(0, m.start() - 14):m.start()]):
                found.append(m)
                break
    dm = re.search(r"(?i)\b(?:by|before|no later than|deadline (?:is|of))\s+(?P<d>" + nz.DATE_RE.pattern[2:-2] + r")",
                   text) or _BY_DAY.search(text)
    if dm:
        found.append(dm)
    for rx in (_URGENT_TIME, _BEFORE_EVENT, _NEXT_SPAN, _DAYS_LEFT):
        m = rx.search(text)
        if m:
            found.append(m)
    for rx in (_EVENT_DATE, _BOOK_DAY, _NOW, _RESPOND_WITHIN):
        m = rx.search(text)
        if m:
            found.append(_Span(m.start("d"), m.end("d")))
    if not found:
        return LeadField("urgency")
    m = min(found, key=lambda x: (x.start(), -x.end()))
    s, e = m.start(), m.end()
    # "by Friday 8 May", "next Tuesday 21 April": a weekday's date said with it belongs to it
    if re.search(rf"(?i)\b{_WEEKDAY}$", text[s:e]):
        date = re.match(rf"(?i)[ \t,]+(?:the\s+)?{_DAY_MONTH}\b", text[e:e + 30])
        if date:
            e += date.end()
    return LeadField("urgency", text[s:e], text[s:e], s, e, 0.85, "phrase")


_REFERRAL = re.compile(
    r"(?i)\b(?:(?:was\s+|were\s+)?recommended\s+(?:to\s+(?:me|us|you)\s+)?by|referred\s+(?:to\s+you\s+)?by|"
    r"(?:found|heard\s+(?:about|of))\s+(?:you|us|your\s+(?:firm|clinic|practice|website))\s+(?:on|via|through|from|in)|"
    r"(?:given|got|passed)\s+your\s+(?:details|name|number|e-?mail(?:\s+address)?|address|contact\s+details)\s+(?:by|from)|"
    r"saw\s+your\s+(?:advert|ad|website|listing|review)\s+(?:on|in)|came\s+across\s+you\s+on)\s+"
    r"(?P<v>(?:(?:my|our|a|the)\s+)?[\w'’&\-]+(?:[ \t]+(?!and\b|who\b|because\b|as\b|but\b|so\b)[A-Za-z][\w'’&\-]*){0,6})")
_REFERRAL_BY = re.compile(r"(?:\b(?:[Mm]y|[Oo]ur|[Aa])\s+(?:friend|colleague|neighbour|sister|brother|mother|father|"
                          r"daughter|son|cousin)?,?\s*)?(?P<v>(?:[A-Z][\w'’\-]+\s){0,2}(?:[A-Z][\w'’\-]+)),?\s+"
                          r"(?:recommended|suggested)\s+(?:you|your\s+(?:firm|clinic|practice|services)|"
                          r"(?:that\s+)?(?:I|we)\s+(?:see|contact|get\s+in\s+touch\s+with|speak\s+to)\s+(?:a|an|you)\b)")


_WHO = (r"(?:friend|colleague|neighbour|neighbor|sister|brother|mother|mum|father|dad|daughter|son|cousin|aunt|"
        r"club|team|gym|school|charity|"
        r"uncle|partner|wife|husband|GP|doctor|consultant|nurse|midwife|physio|teammate|team-mate|coach|manager|boss|"
        r"accountant|broker|mortgage\s+(?:broker|adviser|advisor)|financial\s+(?:adviser|advisor)|estate\s+agent|"
        r"agent|solicitor|landlord|therapist|osteopath|chiropractor|trainer|employer|union\s+rep|vicar)")
_NAME = r"(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?"
# "My GP suggested I try you", "A friend from work mentioned your clinic", "Our neighbour, Mrs Pollard,
# said you were very kind", "Jo gave me your address", "a friend in Bristol rates you very highly"
_REFERRER_SAID = re.compile(
    rf"(?:(?P<who>\b(?:[Mm]y|[Oo]ur|[Aa]|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Aa]nother)\s+(?:\w+\s+)?{_WHO}"
    # "a friend from work", "a friend at my tri club", "another club in our league", "a friend in Bristol"
    rf"(?:\s+(?:from|at|in)\s+(?:work|(?:the|my|our|his|her)\s+(?:[\w\-]+\s+){{0,2}}[\w\-]+|[A-Z][\w'’]+))?)"
    rf"(?:,\s+(?P<name>{_NAME}),|\s+(?P<called>[A-Z][\w'’\-]+))?"
    rf"|(?:^|(?<=[.!?]\s)|(?<=\n))(?P<bare>[A-Z][a-z'’\-]+(?:\s+[A-Z][a-z'’\-]+)?))\s+"
    r"(?:(?:mentioned|said|told\s+me|tells?\s+me)\s+(?:that\s+)?(?:you|your)\b|rates\s+you|"
    r"recommend(?:s|ed)?\s+(?:you|us|your|the\s+(?:clinic|firm|practice))|"
    r"gave\s+(?:me|us)\s+your\s+(?:name|address|number|details|e-?mail)|"
    r"put\s+(?:me|us)\s+(?:in\s+touch|on\s+to)|pointed\s+(?:me|us)|used\s+you|told\s+me\s+about\s+you|"
    r"(?:[^.!?\n]{0,50}?\band\s+|who\s+[^.!?\n]{0,50}?\s)?(?:suggested|recommended|referred\s+me|"
    r"said\s+(?:you|your)))\b")
_NOT_REFERRER = {"i", "we", "she", "he", "they", "it", "this", "that", "someone", "somebody", "everyone", "nobody",
                 "people", "you", "dear", "hello", "hi", "thanks", "please"}
_ONLINE = re.compile(r"(?i)\b(?:found|saw|seen|came\s+across)\s+(?:you|your\s+(?:firm|clinic|practice|details|number))\s+"
                     r"(?P<v>online)\b|\bcame\s+across\s+(?P<w>your\s+(?:website|advert|ad|listing|page))\b|"
                     r"\b(?:saw|seen|found)\s+you\s+on\s+(?P<x>[A-Z][\w]+(?:\s+[A-Z][\w]+)?)")


def _referrer(text: str):
    """(start, end) of who sent the writer, from "<who> mentioned you"-like words; None."""
    for m in _REFERRER_SAID.finditer(text):
        if m.group("bare"):
            if m.group("bare").split()[0].lower() in _NOT_REFERRER:
                continue
            return m.span("bare")
        if m.group("name"):  # "Our neighbour, Mrs Pollard, said": the name is the source
            return m.span("name")
        return m.start("who"), (m.end("called") if m.group("called") else m.end("who"))
    m = _ONLINE.search(text)
    if m:
        g = next(g for g in ("v", "w", "x") if m.group(g))
        return m.span(g)
    return None


_REFERRAL_LABEL = re.compile(r"(?im)^[ \t]*(?:how\s+did\s+you\s+(?:hear|find)\s+(?:about\s+)?us\??|heard\s+about\s+us|"
                             r"referral(?:\s+source)?|referred\s+by|source)\s*:\s*(?P<v>[^\n]{2,60}?)[ \t]*$")


def find_referral(text: str) -> LeadField:
    m = _REFERRAL_LABEL.search(text)
    if m:
        return _cue_field("referral_source", text, m, "v", None, 0.85, "label")
    span = _referrer(text)
    # "a cousin in Leeds" says more than "Leeds" and wins over it; "my GP" says no more than "GP"
    wider = span is not None and not re.fullmatch(r"(?i)(?:my|our|a|the)\s+" + _WHO, text[span[0]:span[1]])
    m = _REFERRAL.search(text)
    if m:
        v = m.group("v")
        # stop at a word that begins another clause
        v = re.split(r"(?i)\s+(?:and|but|who|which|because|after|when|last|a\s+few)\b", v)[0]
        s = m.start("v")
        e = s + len(v.rstrip(" .,;:!?"))
        if not (wider and span[0] <= s and e <= span[1]):
            return LeadField("referral_source", text[s:e], text[s:e], s, e, 0.85, "phrase")
    m = _REFERRAL_BY.search(text)
    # "A colleague who used you for a house in Leeds recommended you": the colleague, not Leeds
    same_clause = span is not None and m is not None and span[1] <= m.start("v") and \
        not re.search(r"[.!?\n]", text[span[1]:m.start("v")])
    if m and not same_clause and not (wider and span[0] <= m.start("v") and m.end("v") <= span[1]):
        return _cue_field("referral_source", text, m, "v", None, 0.8)
    if span:
        s, e = span
        return LeadField("referral_source", text[s:e], text[s:e], s, e, 0.75, "phrase")
    return LeadField("referral_source")


_CONTACT = [
    ("phone", re.compile(r"(?i)\b(?:please\s+)?(?:call|phone|ring)\s+me\b|\bcall\s+(?:her|him|them)\s+back\b|\bby\s+(?:phone|telephone)\b|"
                         r"\b(?:a\s+)?(?:phone\s+)?call(?:\s+back)?\s+(?:is|would\s+be)\s+(?:fine|best|easiest|easier|better|great)\b|"
                         r"\b(?:asked\s+for|would\s+like|want)\s+a\s+call(?:\s+back)?\b|\b(?:best|easiest)\s+to\s+(?:call|ring|phone)\b|"
                         r"\b(?:phone|telephone|telefon|mobile|number)\b[^.\n]{0,30}\bbetter\s+(?:after|before|in\s+the)\b|"
                         r"\bprefer\s+(?:a\s+)?(?:call|phone\s+call|phone)\b|\bgive\s+me\s+a\s+(?:call|ring)\b|"
                         r"\bplease\s+(?:telephone|phone|ring)\b|\b(?:telephone|phone|call|ring)\s+(?:me\s+)?rather\s+than\s+e-?mail")),
    ("email", re.compile(r"(?i)\b(?:reply|respond|answer|response|contact\s+me|get\s+back\s+to\s+me)\s+by\s+e-?mail\b|"
                         r"\b(?:hear\s+back|be\s+contacted|contacted|reply|replies|respond|answer|write\s+(?:to\s+)?me|tell\s+me|"
                         r"get\s+back\s+to\s+me)\s+(?:\w+\s+)?(?:by|on|via|over)\s+e-?mail\b|"
                         r"\be-?mail\s+is\s+(?:best|easiest|easier|better|fine|good)\b|"
                         r"\bprefer\s+e-?mail\b|\be-?mail\s+is\s+best\b|\bby\s+e-?mail\s+(?:please|only|is\s+best)\b|"
                         r"\bplease\s+e-?mail\s+me\b|\be-?mail\s+me\b")),
    ("text", re.compile(r"(?i)\b(?:text|whatsapp|sms)\s+me\b|\bby\s+(?:text|sms|whatsapp)\b|"
                        r"\b(?:a\s+)?(?:text|whatsapp)(?:\s+message)?\s+is\s+(?:best|easiest|easier|better|fine)\b")),
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


_UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                     "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_NUMBER_WORD = r"(?:" + "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True)) + r"|hundred|thousand|a|and|half)"
_CURRENCY_WORD = r"(?:pounds?(?:\s+sterling)?|quid|euros?|dollars?|GBP|EUR|USD)"
# "six hundred pounds", "two and a half thousand pounds", "£3k", "£2.5k", "EUR 2.000" (a dot between thousands)
_WORD_AMOUNT = re.compile(rf"(?i)(?<![\w£€$])(?P<w>(?:{_NUMBER_WORD}[\s\-]+)*{_NUMBER_WORD})\s+(?P<c>{_CURRENCY_WORD})\b")
_K_AMOUNT = re.compile(r"(?i)(?P<c>[£€$]|\b(?:GBP|EUR|USD)\s?)(?P<n>\d{1,3}(?:\.\d)?)\s?k\b")
_DOT_THOUSANDS = re.compile(r"(?P<c>€|\bEUR\s?)(?P<n>\d{1,3}(?:\.\d{3})+)(?![\d,.]*\d)")
_BUDGET_CUE = re.compile(r"(?i)\b(?:budget\w*|afford|spend|pay|cost\w*|fee|fees|price|up\s+to|(?:put|set)\s+aside|"
                         r"saved|stretch\s+to|(?:only\s+)?(?:got|have)\s+(?:about|around)|for\s+the\s+legal\s+(?:side|work)|"
                         r"manage|run\s+to|(?:which|that)\s+is\s+fine|that['’]s\s+fine|is\s+(?:fine|ok|okay|affordable)|"
                         r"towards\s+(?:it|this|the\s+(?:cost|costs|fees?|bill))|do\s+it\s+for|go\s+(?:over|above|beyond)|"
                         r"no\s+more\s+than|at\s+that\s+price|(?:can|could)\s+(?:only\s+)?do\s+(?:about|around|up\s+to)?)\b")
# a sum in the sentence that is someone's debt, a deposit or a claim, not what they will pay the office
_NOT_BUDGET = re.compile(r"(?i)\b(?:owe[sd]?|owing|unpaid|not\s+paid|didn['’]?t\s+pay|haven['’]?t\s+paid|deposit|"
                         r"invoices?|wages|salary|rent|compensation|claim(?:ing)?|worth|charged|bill|arrears|mortgage|"
                         # the price of the house being bought or sold, not what the work costs
                         r"(?:the|asking|purchase|sale|agreed|house)\s+price\s+(?:is|was|of)|valued\s+at)\b")

# "65 pounds", "300 euros": a figure with the currency in words, which the Extract engine does not read as money
_DIGIT_WORD_AMOUNT = re.compile(rf"(?i)(?<![\w£€$.,])(?P<n>\d{{1,3}}(?:,\d{{3}})*|\d+)\s+(?P<c>{_CURRENCY_WORD})\b")


def words_to_number(words: str) -> float | None:
    """"two and a half thousand" -> 2500, "one thousand five hundred" -> 1500; None if not a number."""
    total, current, seen, half = 0.0, 0.0, False, False
    for w in re.split(r"[\s\-]+", words.lower()):
        if w in _UNITS:
            current += _UNITS[w]
            seen = True
        elif w in _TENS:
            current += _TENS[w]
            seen = True
        elif w == "a":
            continue
        elif w == "and":
            continue
        elif w == "half":
            half = True
        elif w == "hundred":
            current = (current or 1) * 100 + (50 if half else 0)
            half, seen = False, True
        elif w == "thousand":
            total += ((current or 1) + (0.5 if half else 0)) * 1000
            current, half, seen = 0.0, False, True
        else:
            return None
    return total + current if seen else None


def find_budget(text: str) -> LeadField:
    """A budget the Extract engine does not read as money: an amount in words, in thousands ("£3k"),
    or with dots between thousands ("EUR 2.000"), in a sentence about paying or a budget."""
    hits = []
    for m in _WORD_AMOUNT.finditer(text):
        value = words_to_number(m.group("w"))
        words = m.group("w").split()
        # "a pound" or "and pounds" alone is no amount; leading "a"/"and" are not part of it
        while words and words[0].lower() in ("a", "and"):
            words.pop(0)
        if value and words:
            s = m.start("w") + m.group("w").find(words[0])
            hits.append((s, m.end(), value))
    for m in _K_AMOUNT.finditer(text):
        hits.append((m.start(), m.end(), float(m.group("n")) * 1000))
    for m in _DOT_THOUSANDS.finditer(text):
        hits.append((m.start(), m.end(), float(m.group("n").replace(".", ""))))
    for m in _DIGIT_WORD_AMOUNT.finditer(text):
        hits.append((m.start(), m.end(), float(m.group("n").replace(",", ""))))
    # "£400", "€1,500": an amount with its currency, which the Extract engine takes only after a label
    for m in nz.MONEY_RE.finditer(text):
        if m.group("sym") and not re.match(r"\s?k\b|[.,]\d", text[m.end():m.end() + 2]):
            got = nz.parse_money(m.group(0))
            if got is not None:
                hits.append((m.start(), m.end(), got[0]))
    for s, e, value in sorted(hits):
        # the sentence around it: a wrapped line is not a sentence's end, a blank line is
        blank = text.rfind("\n\n", 0, s)
        sent_start = max([text.rfind(ch, 0, s) + 1 for ch in ".!?"] + [blank + 2 if blank >= 0 else 0])
        ends = [i for i in [text.find(ch, e) for ch in ".!?"] + [text.find("\n\n", e)] if i >= 0]
        sentence = text[sent_start:min(ends) if ends else len(text)]
        if _BUDGET_CUE.search(sentence) and not _NOT_BUDGET.search(sentence):
            return LeadField("budget", value, text[s:e], s, e, 0.8, "phrase")
    return LeadField("budget")
