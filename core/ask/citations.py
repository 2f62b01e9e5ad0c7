"""Text work behind grounded answers: content words, sentences, citation markers, quotes.

Pure functions on strings, no model and no I/O, so the rules that decide what a user is
shown as evidence can be tested exactly. Quotes are always slices of the source text (never
rebuilt from tokens), so a quote is an exact substring of the passage it cites.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

# ---- words -------------------------------------------------------------------------

# Numbers keep their inner separators ("2,500", "1.5", "555-0134") so that an amount in a
# question matches the same amount in a passage instead of two meaningless halves.
_TOKEN = re.compile(r"\d[\d,.\-/:]*\d|\d|[^\W\d_][\w'’]*", re.UNICODE)

STOPWORDS = frozenset("""
a about above after again against all also am an and any are aren't as at be because been before being
below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
during each either else ever every few for from further get gets got had hadn't has hasn't have haven't
having he he'd he'll he's her here here's hers herself him himself his how how's however i i'd i'll i'm
i've if in into is isn't it it's its itself just let's like may me might more most much must mustn't my
myself need needs neither no nor not now of off on once only or other ought our ours ourselves out over
own per please same shall shan't she she'd she'll she's should shouldn't so some such than that that's
the their theirs them themselves then there there's these they they'd they'll they're they've this those
through to too under until up upon us very via was wasn't we we'd we'll we're we've were weren't what
what's whatever when when's where where's whether which while who who's whom whose why why's will with
within without won't would wouldn't yes yet you you'd you'll you're you've your yours yourself yourselves
tell know say says said give gives show find list explain describe mean means many long soon often one
anything something someone anyone thing things kind way ways
""".split())

# Words that only point back at an earlier turn; a question built on them needs the history.
_ANAPHORA = frozenset("it its it's they them their theirs that those this these he him his she her hers "
                      "there then same former latter one ones".split())
_FOLLOW_UP_OPENERS = re.compile(r"^\s*(and|also|what about|how about|and what|what else|same for|but|or)\b", re.I)


PREFIX_CHARS = 6


def stem(word: str) -> str:
    """A deliberately light stemmer: plurals and common verb endings, nothing clever.

    It only has to make "fees" meet "fee" and "renewing" meet "renew"; a wrong merge costs
    little because stems are compared, never shown. Numbers are kept whole.
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'")
    if w[:1].isdigit():
        return w.rstrip(".,")
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed") and not w.endswith("eed"):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 3 and w.endswith("e") and not w.endswith("ee"):
        w = w[:-1]  # "charge", "charges" and "charged" all become "charg"
    # Six-letter prefixes join derivations the suffix rules miss: allergic/allergy,
    # registration/register, arbitrated/arbitration.
    return w[:PREFIX_CHARS]


def words(text: str) -> list[str]:
    return _TOKEN.findall(text)


def content_terms(text: str) -> list[str]:
    """Stems of the words that carry meaning, in order, without repeats."""
    seen: dict[str, None] = {}
    for w in words(text):
        lw = w.lower().replace("’", "'")
        if lw in STOPWORDS or (len(lw) < 2 and not lw.isdigit()):
            continue
        seen.setdefault(stem(lw), None)
    return list(seen)


def term_set(text: str) -> set[str]:
    return set(content_terms(text))


def term_weight(term: str) -> float:
    # Numbers and long words identify a fact; short common words barely do.
    if term[:1].isdigit():
        return 2.0
    return 1.0 + min(len(term), 10) / 10


def coverage(question_terms: Sequence[str], text_terms: set[str]) -> float:
    """Weighted share of the question's content words that the text contains (0..1)."""
    if not question_terms:
        return 0.0
    total = sum(term_weight(t) for t in question_terms)
    hit = sum(term_weight(t) for t in question_terms if t in text_terms)
    return hit / total


def passage_relevance(question_terms: Sequence[str], text: str, title: str = "", window: int = 2) -> float:
    """Coverage of the question by the best run of ``window`` consecutive sentences.

    Measured on a short window rather than the whole passage because a fact is stated in
    one place: a passage that mentions the client's name in one paragraph and "name" in
    another does not answer "what is the name of the client's accountant?".
    """
    if not question_terms:
        return 0.0
    title_terms = term_set(title)
    sents = [term_set(s) for s in unit_texts(text)] or [set()]
    best = 0.0
    for i in range(max(1, len(sents) - window + 1)):
        terms = set().union(*sents[i:i + window]) | title_terms
        best = max(best, coverage(question_terms, terms))
        if best >= 1.0:
            break
    return best


def looks_like_follow_up(question: str) -> bool:
    """Opens like a follow-up ("and the associate?"), is very short, or is short and leans
    on a pronoun ("when is it due?"). A long question with an "its" stands on its own."""
    if _FOLLOW_UP_OPENERS.search(question):
        return True
    n = len(content_terms(question))
    if n <= 2:
        return True
    return n <= 4 and any(w.lower() in _ANAPHORA for w in words(question))


# ---- sentences ---------------------------------------------------------------------

_ABBREV = frozenset("dr mr mrs ms st no nos inc ltd co corp vs etc e.g i.e p pp fig approx a.m p.m jr sr prof "
                    "dept est art sec cl para".split())
# A sentence ends at . ! ? (with any closing quotes and citation markers that follow it,
# so "... $2,500. [1]" keeps its marker) before a capital or digit, or at a blank line.
_SENT_END = re.compile(r"[.!?][\"'’”)\]]*(?:\s*[\[【［〔][^\]】］〕\n]{1,24}[\]】］〕])*(?=\s+[\"'“(]?[A-Z0-9])|\n\s*\n")
MAX_SENTENCE_CHARS = 320


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def sentence_spans(text: str) -> list[Span]:
    """Sentences of ``text`` as (start, end) offsets, trimmed of surrounding whitespace.

    PDF text wraps lines mid-sentence, so single newlines do not end a sentence, but a
    blank line does; a piece still longer than a quote should be (a table, a list without
    full stops) is cut at its line breaks instead.
    """
    spans: list[Span] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if m.group().startswith(".") and _ends_with_abbreviation(text, m.start()):
            continue
        spans.extend(_split_long(text, start, m.end()))
        start = m.end()
    spans.extend(_split_long(text, start, len(text)))
    return spans


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    line = text[text.rfind("\n", 0, dot) + 1:dot].strip()
    if line.isdigit() and len(line) <= 3:
        return True  # "4. Fees": a numbered heading, not the end of a sentence
    j = dot
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    return word in _ABBREV or (len(word) == 1 and word.isalpha())


def _trim(text: str, a: int, b: int) -> Span | None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return Span(a, b) if b > a else None


# A table row as the readers write it (cells joined by two spaces, a tab or " | "), or a list
# item (a bullet or "1." / "a)" opening the line).
_ROW_LINE = re.compile(r"\S(?: {2,}|\t| \| )\S")
_ITEM_LINE = re.compile(r"^\s*(?:[-•*·–▪◦]|\(?(?:\d{1,2}|[a-z])[.)])\s+\S")


def _line_spans(text: str, whole: Span) -> list[Span]:
    out = []
    pos = whole.start
    for m in re.finditer(r"\n", text[whole.start:whole.end]):
        s = _trim(text, pos, whole.start + m.start())
        if s:
            out.append(s)
        pos = whole.start + m.end()
    s = _trim(text, pos, whole.end)
    if s:
        out.append(s)
    return out


def is_row(line: str) -> bool:
    return bool(_ROW_LINE.search(line))


def _is_row_or_item(line: str) -> bool:
    return is_row(line) or bool(_ITEM_LINE.match(line))


def _split_rows(text: str, whole: Span) -> list[Span] | None:
    """Table rows and list items each as a sentence of their own (a fee table is one fact a
    row, not one sentence of seven facts); wrapped prose lines around them stay joined."""
    lines = _line_spans(text, whole)
    flags = [_is_row_or_item(text[s.start:s.end]) for s in lines]
    if sum(flags) < 2:
        return None
    out: list[Span] = []
    prose: Span | None = None
    for span, flag in zip(lines, flags):
        if flag:
            if prose is not None:
                out.append(prose)
                prose = None
            out.append(span)
        else:
            prose = span if prose is None else Span(prose.start, span.end)
    if prose is not None:
        out.append(prose)
    return out


def _split_long(text: str, a: int, b: int) -> list[Span]:
    whole = _trim(text, a, b)
    if whole is None:
        return []
    if "\n" not in text[whole.start:whole.end]:
        return [whole]
    rows = _split_rows(text, whole)
    if rows is not None:
        return rows
    if whole.end - whole.start <= MAX_SENTENCE_CHARS:
        return [whole]
    return _line_spans(text, whole)


def sentences(text: str) -> list[str]:
    return [text[s.start:s.end] for s in sentence_spans(text)]


def headers(text: str, spans: Sequence[Span]) -> list[Span | None]:
    """For each sentence that is a table row, the header row of its table (or None).

    A row alone ("Associate  $275  Research, drafting") does not say what $275 is; its
    table's first row ("Role  Hourly rate  Typical work") does. A run of at least three
    consecutive rows whose first row holds no digit is taken to have that row as header.
    """
    out: list[Span | None] = [None] * len(spans)
    i = 0
    while i < len(spans):
        if not is_row(text[spans[i].start:spans[i].end]):
            i += 1
            continue
        j = i
        while j + 1 < len(spans) and is_row(text[spans[j + 1].start:spans[j + 1].end]):
            j += 1
        head = spans[i]
        if j - i >= 2 and not any(c.isdigit() for c in text[head.start:head.end]):
            for k in range(i + 1, j + 1):
                out[k] = head
        i = j + 1
    return out


def units(text: str) -> list[tuple[Span, str]]:
    """Sentences with what they mean on their own: a table row gets its header row in front
    ("Role  Hourly rate  Typical work\nAssociate  $275 ..."). The span is the sentence's own,
    for quotes; the text is for matching and for the model."""
    spans = sentence_spans(text)
    return [(s, (text[h.start:h.end] + "\n" if h is not None else "") + text[s.start:s.end])
            for s, h in zip(spans, headers(text, spans))]


def unit_texts(text: str) -> list[str]:
    return [t for _, t in units(text)]


# ---- quotes ------------------------------------------------------------------------

def best_sentence(source: str, query: str) -> tuple[float, Span | None]:
    """The sentence of ``source`` that best matches ``query``, and its score (0 = no match).

    Terms are weighted by how rare they are among the passage's own sentences: in a
    referral letter every sentence names the patient, so "Reyes" says little about which
    sentence answers "what is Mr. Reyes allergic to?", while "allergies" says a lot.
    """
    q = content_terms(query)
    pairs = [(s, t) for s, t in units(source) if content_terms(source[s.start:s.end])]
    spans = [s for s, _ in pairs]
    if not q or not spans:
        return 0.0, None
    sets = [term_set(t) for _, t in pairs]
    n = len(sets)
    best, best_score = None, 0.0
    for span, terms in zip(spans, sets):
        score = 0.0
        for t in q:
            if t in terms:
                df = sum(1 for other in sets if t in other)
                score += term_weight(t) * math.log(1 + n / df)
        if score > best_score:  # strict: ties go to the earlier sentence
            best, best_score = span, score
    return best_score, best


def best_quote(source: str, claim: str, fallback_query: str = "") -> str:
    """The sentence of ``source`` that best supports ``claim``: an exact slice of ``source``.

    With no overlap at all, the sentence best matching ``fallback_query`` (usually the
    question) is used, and failing that the first sentence that says anything.
    """
    for query in (claim, fallback_query):
        if query:
            _, span = best_sentence(source, query)
            if span is not None:
                return source[span.start:span.end]
    spans = [s for s in sentence_spans(source) if content_terms(source[s.start:s.end])]
    if not spans:
        return source.strip()
    return source[spans[0].start:spans[0].end]


def best_window(source: str, question: str, size: int = 2) -> Span | None:
    """The run of at most ``size`` consecutive sentences that holds most of the question's
    content words (a single sentence wins a tie): an exact span of ``source``."""
    pairs = units(source)
    spans = [sp for sp, _ in pairs]
    sets = [term_set(t) for _, t in pairs]
    qterms = content_terms(question)
    best: tuple[float, int] | None = None
    out = None
    for i in range(len(spans)):
        for j in range(i, min(i + size, len(spans))):
            cov = coverage(qterms, set().union(*sets[i:j + 1]))
            key = (cov, -(j - i))
            if best is None or key > best:
                best, out = key, Span(spans[i].start, spans[j].end)
    return out


_NUMBER = re.compile(r"\d[\d,.:/\-]*\d|\d")
_NUMBER_RUN = re.compile(r"\d[\d\s().\-/]*\d")
_ENUMERATOR = re.compile(r"\d{1,2}[.)](?=\s)")
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_NUMBER_WORDS.update({"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70",
                      "eighty": "80", "ninety": "90", "hundred": "100"})


def unsupported_numbers(answer: str, sources: Iterable[str], question: str = "") -> list[str]:
    """Numbers in ``answer`` that appear in none of ``sources`` (nor in the question).

    Compared digit for digit, so "$2,500" matches "2500" and "902-555-0178" matches
    "(902) 555-0178"; a figure a model made up ("$10 to $20 per hour") does not.
    """
    known: set[str] = set()
    runs: list[str] = []  # digits of spans like "(902) 555-0178", for numbers written another way
    for text in (*sources, question):
        known.update(re.sub(r"\D", "", n) for n in _NUMBER.findall(text))
        known.update(_NUMBER_WORDS[w.lower()] for w in words(text) if w.lower() in _NUMBER_WORDS)
        runs.extend(re.sub(r"\D", "", r) for r in _NUMBER_RUN.findall(text))
    out = []
    for m in _NUMBER.finditer(answer):
        if _ENUMERATOR.match(answer, m.start()) and not answer[answer.rfind("\n", 0, m.start()) + 1:m.start()].strip():
            continue  # "1. " opening a line numbers a list item; it states nothing
        d = re.sub(r"\D", "", m.group())
        if d and d not in known and not (len(d) >= 7 and any(d in r for r in runs)):
            out.append(m.group())
    return out


def support(claim: str, source: str) -> float:
    """How much of the claim's wording the source shares, 0..1 (weighted by term_weight)."""
    return coverage(content_terms(claim), term_set(source))


# ---- citation markers --------------------------------------------------------------

_OPEN = "[【［〔"
_CLOSE = "]】］〕"
MARKER = re.compile(
    r"[\[【［〔]\s*(?:(?:sources?|src|doc(?:ument)?s?|ref(?:erence)?s?|passages?)\s*)?#?\s*"
    r"(\d{1,3}(?:\s*(?:,|;|、|，|-|–|—|and|&)\s*#?\s*\d{1,3})*)\s*[\]】］〕]",
    re.IGNORECASE,
)
_NUM = re.compile(r"\d{1,3}|[-–—]")
MAX_RANGE = 10


@dataclass(frozen=True)
class Marker:
    start: int
    end: int
    numbers: tuple[int, ...]


def find_markers(text: str) -> list[Marker]:
    """Every citation marker in ``text``: "[1]", "[1, 2]", "[1-3]", "【1】", "[Source 2]"."""
    out = []
    for m in MARKER.finditer(text):
        nums: list[int] = []
        pending_range = False
        for tok in _NUM.findall(m.group(1)):
            if tok in "-–—":
                pending_range = True
                continue
            n = int(tok)
            if pending_range and nums and 0 < n - nums[-1] <= MAX_RANGE:
                nums.extend(range(nums[-1] + 1, n + 1))
            else:
                nums.append(n)
            pending_range = False
        out.append(Marker(m.start(), m.end(), tuple(dict.fromkeys(nums))))
    return out


def strip_markers(text: str) -> str:
    return re.sub(r"[ \t]+([.,;:!?])", r"\1", MARKER.sub("", text)).strip()


def clean_answer(text: str, valid: Iterable[int]) -> str:
    """Normalise markers to "[n]" and drop numbers that name no given source.

    "[1, 7]" with three sources becomes "[1]"; "【2】" becomes "[2]"; "[7]" alone goes.
    """
    ok = set(valid)

    def repl(m: re.Match) -> str:
        nums = [n for n in find_markers(m.group())[0].numbers if n in ok]
        return "".join(f"[{n}]" for n in nums)

    cleaned = MARKER.sub(repl, text)
    return re.sub(r"[ \t]+([.,;:!?])", r"\1", cleaned).strip()


def claims_by_source(answer: str) -> list[tuple[int, str]]:
    """(source number, the answer sentence that carries its marker), in reading order.

    A marker at the start of a sentence ("... fee. [1]") belongs to the sentence before.
    """
    spans = sentence_spans(answer)
    out: list[tuple[int, str]] = []
    for mk in find_markers(answer):
        idx = 0
        for i, s in enumerate(spans):
            if s.start <= mk.start:
                idx = i
        claim = strip_markers(answer[spans[idx].start:spans[idx].end]) if spans else ""
        if idx > 0 and len(content_terms(claim)) < 2:
            claim = strip_markers(answer[spans[idx - 1].start:spans[idx - 1].end]) + " " + claim
        for n in mk.numbers:
            out.append((n, claim))
    return out


def is_substantive(claim: str) -> bool:
    """Does the text say anything a source could support? "1." or "see above" does not."""
    return any(not t[:1].isdigit() or len(t.replace(",", "").replace(".", "")) >= 2 for t in content_terms(claim))


# ---- runaway output ----------------------------------------------------------------

_DIGIT_RUN = re.compile(r"\d+")
_FENCE_ECHO = re.compile(r"<\s*/?\s*source\b", re.IGNORECASE)


def runaway_at(text: str) -> int | None:
    """Where a degenerate repetition starts in ``text`` (tiny models loop), or None.

    Looks for a source fence echoed from the prompt, and at the end: the same line over
    and over (numbers ignored, so "3.", "4.", "5." count as one line), or one stretch of
    text repeated three times in a row.
    """
    fence = _FENCE_ECHO.search(text)
    if fence:  # the model is copying its prompt back
        return fence.start()
    lines = text.splitlines(keepends=True)
    if len(lines) >= 6:
        norm = [_DIGIT_RUN.sub("#", " ".join(l.split())) for l in lines]
        i = len(norm) - 1
        while i > 0 and norm[i - 1] == norm[-1]:
            i -= 1
        if len(norm) - i >= 4:
            return sum(len(l) for l in lines[: i + 1])
    tail = text[-240:]
    for period in range(6, 81):
        if len(tail) < 3 * period:
            break
        unit = tail[-period:]
        if unit.strip() and tail.endswith(unit * 3):
            return len(text) - 2 * period
    return None


# ---- refusals ----------------------------------------------------------------------

_REFUSAL = re.compile(
    r"\b(?:(?:can ?not|can't|could not|couldn't|unable to|did not|didn't|do not|don't|was not able to)"
    r" (?:find|locate|see|determine|answer|identify|tell)"
    r"|(?:does not|doesn't|do not|don't|did not|didn't) (?:contain|mention|include|say|state|specify|provide|cover|address|have)"
    r"|no (?:information|mention|details?|data|answer|reference|record)s?\b"
    r"|not (?:mentioned|specified|stated|provided|included|found|available|contained|given|covered)"
    r"|(?:i|we) (?:do not|don't) know"
    r"|there (?:is|are) no (?:information|mention|details?)"
    r"|unanswerable|insufficient information|not enough information)",
    re.IGNORECASE,
)
_ABOUT_SOURCES = re.compile(r"\b(?:sources?|documents?|context|provided|passages?|texts?|information|library|files?)\b",
                            re.IGNORECASE)


def is_refusal(answer: str, has_valid_citation: bool) -> bool:
    """Did the model say it cannot answer from the documents?

    Looks at the opening of the answer only. A negative statement that cites a source
    ("the agreement does not include appeals [1]") is an answer, not a refusal, unless it
    is explicitly about the sources themselves.
    """
    text = answer.strip()
    if not text:
        return False
    head = " ".join(sentences(text)[:2])[:400]
    m = _REFUSAL.search(head)
    if not m:
        return False
    if not has_valid_citation:
        return True
    sentence = next((s for s in sentences(head) if _REFUSAL.search(s)), head)
    return bool(_ABOUT_SOURCES.search(sentence))


# ---- prompt text ---------------------------------------------------------------------

_FENCE_LIKE = re.compile(r"<\s*(/?)\s*(source)", re.IGNORECASE)


def fence(n: int, hit) -> str:
    """One source in tags the document cannot close or forge."""
    name = hit.path.replace("\\", "/").rsplit("/", 1)[-1].replace('"', "'")
    page = f' page="{hit.page}"' if hit.page is not None else ""
    body = _FENCE_LIKE.sub(r"(\1\2", hit.text.strip())
    return f'<source id="{n}" file="{name}"{page}>\n{body}\n</source>'


def cut_at_boundary(text: str, limit: int) -> str:
    """``text[:limit]``, pulled back to the last sentence or word end when one is near."""
    if limit >= len(text):
        return text
    cut = text[:limit]
    for sep in (". ", "\n", " "):
        j = cut.rfind(sep)
        if j >= limit * 0.6:
            return cut[: j + (1 if sep == ". " else 0)].rstrip()
    return cut.rstrip()
