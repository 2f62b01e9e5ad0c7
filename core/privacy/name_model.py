"""A learned second look for names the rules miss.

The rules in :mod:`core.privacy.redaction` find a name by its context: a title, a label, a list, a
speaker. What they leave is the name no single rule points to: "seen jordan (j. mcallister) at home",
"Wife (Hyacinth) asking", "its kerry-ann brown". This module scores every word the rules left in the
clear with a logistic regression over the word, its shape, the name lists it is in, its neighbours,
its line and what the rules and spaCy said around it, and returns the words that score above the
threshold as names.

The weights are a file shipped with the app (``resources/redaction/name_model.json.gz``), trained by
``scripts/train_name_model.py`` on the development sets in ``benchmarks/data``: nothing is fetched,
and the model adds no dependency at run time (scoring is a sum of weights).
"""
from __future__ import annotations

import bisect
import functools
import gzip
import json
import math
import re
from collections import Counter
from importlib import resources

from core.privacy.redaction import (_TITLES, Span, _clinical_family_names, _family, _function_word, _given,
                                    _is_english, clinical_given_names)

TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_TITLE_WORDS = frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", _TITLES))
MODEL_FILE = ("redaction", "name_model.json.gz")
# a contraction is no name, whatever its context ("my brother (cc'd) will sign"); "O'Neill" and "Gallagher's" are
_CONTRACTION = re.compile(r"['’](?:d|ll|re|ve|m|t)$", re.IGNORECASE)


def _shape(word: str) -> str:
    s = re.sub(r"[A-ZÀ-Þ]", "X", word)
    s = re.sub(r"[a-zß-ÿ]", "x", s)
    s = re.sub(r"[^\W\d_]", "x", s)
    return re.sub(r"(.)\1+", r"\1\1", s)[:6]


@functools.lru_cache(maxsize=1 << 16)
def _lexical(word: str) -> str:
    """Which lists hold the word: G/F Faker's given/family names, g/f Philter's, E an English word, W a
    function word; "-" none."""
    flags = []
    lower = word.lower()
    if _given(word):
        flags.append("G")
    if _family(word):
        flags.append("F")
    if lower in clinical_given_names():
        flags.append("g")
    if lower in _clinical_family_names():
        flags.append("f")
    if _is_english(word.split("-")[0]):
        flags.append("E")
    if _function_word(word):
        flags.append("W")
    return "".join(flags) or "-"


def tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def _kinds_at(text: str, spans: list[Span], kinds: tuple[str, ...] | None = None) -> list[str | None]:
    """The kind of the span over each character (the first such span in the list), None where none is."""
    at: list[str | None] = [None] * len(text)
    for s in reversed(spans):
        if kinds is None or s.kind in kinds:
            at[s.start:s.end] = [s.kind] * (s.end - s.start)
    return at


def _kind_over(at: list[str | None], a: int, b: int) -> str | None:
    """The kind over a token: that of its first character a span covers."""
    return next((k for k in at[a:b] if k is not None), None)


def features(text: str, toks: list[tuple[int, int, str]], spans: list[Span], ner: list[Span]) -> list[list[str]]:
    """The features of each token: binary, named by strings."""
    lex = [_lexical(t[2]) for t in toks]
    shape = [_shape(t[2]) for t in toks]
    rule_at, guess_at = _kinds_at(text, spans), _kinds_at(text, ner, ("PERSON",))
    rule = [_kind_over(rule_at, a, b) for a, b, _ in toks]
    guessed = [_kind_over(guess_at, a, b) for a, b, _ in toks]
    # each line's words and how many of them start with a capital
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    line_of = [bisect.bisect_right(line_starts, a) - 1 for a, _, _ in toks]
    words_on, capitals_on = Counter(line_of), Counter(n for n, t in zip(line_of, toks) if t[2][0].isupper())
    starts = [line.lstrip()[:1] for line in text.split("\n") if line.strip()]
    lower_lines = int(4 * sum(c.islower() for c in starts) / max(1, len(starts)))
    out = []
    for i, (a, b, word) in enumerate(toks):
        low = word.lower()
        f = ["bias", "w=" + low, "sh=" + shape[i], "lex=" + lex[i], "suf=" + low[-3:], "len=%d" % min(len(word), 9),
             "lexsh=" + lex[i] + shape[i]]
        f += ["L" + c for c in lex[i]]
        if rule[i]:
            f.append("rule=" + rule[i])
        if guessed[i]:
            f.append("ner")
        before, after = text[max(0, a - 12):a], text[b:b + 12]
        b_strip, a_strip = before.rstrip(" \t"), after.lstrip(" \t")
        f.append("bc=" + (repr(b_strip[-1]) if b_strip else "^"))
        f.append("ac=" + (repr(a_strip[0]) if a_strip else "$"))
        f.append("bgap=%d" % min(len(before) - len(b_strip), 2))
        if not text[line_starts[line_of[i]]:a].strip():
            f.append("first")
        on_line = words_on[line_of[i]]
        f += ["lcaps=%d" % int(capitals_on[line_of[i]] / on_line * 4), "llen=%d" % min(on_line, 6), "dlow=%d" % lower_lines,
              "dlow=%d" % lower_lines + shape[i]]
        for d in (-2, -1, 1, 2):
            j = i + d
            tag = "%+d" % d
            if not 0 <= j < len(toks):
                f.append(tag + "none")
                continue
            f.append(tag + "w=" + toks[j][2].lower())
            if abs(d) == 1:
                gap = text[toks[j][1]:a] if d < 0 else text[b:toks[j][0]]
                f += [tag + "sh=" + shape[j], tag + "lex=" + lex[j], tag + "gap=" + re.sub(r"\s+", " ", gap)[:3]]
                if rule[j]:
                    f.append(tag + "rule=" + rule[j])
                if guessed[j]:
                    f.append(tag + "ner")
                if toks[j][2].lower() in _TITLE_WORDS:
                    f.append(tag + "title")
                if "\n" in gap:
                    f.append(tag + "nl")
        out.append(f)
    return out


class NameModel:
    """Weights of a logistic regression over :func:`features`, and the threshold a word must pass."""

    def __init__(self, weights: dict[str, float], threshold: float, meta: dict | None = None) -> None:
        self.weights = weights
        self.threshold = threshold
        self.meta = meta or {}

    @classmethod
    def from_json(cls, data: dict) -> "NameModel":
        return cls(dict(data["weights"]), float(data["threshold"]), {k: v for k, v in data.items() if k != "weights"})

    def probabilities(self, text: str, toks, spans: list[Span], ner: list[Span]) -> list[float]:
        w = self.weights
        out = []
        for f in features(text, toks, spans, ner):
            z = sum(w.get(name, 0.0) for name in set(f))
            out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
        return out

    def names(self, text: str, spans: list[Span], ner: list[Span]) -> list[Span]:
        """Names among the words no span covers: neighbours on one line joined into one span."""
        toks = tokens(text)
        if not toks:
            return []
        return self.names_above(text, toks, self.probabilities(text, toks, spans, ner), spans, self.threshold)

    @staticmethod
    def names_above(text: str, toks, probs: list[float], spans: list[Span], threshold: float) -> list[Span]:
        """The words scoring above threshold that no span covers, as name spans (scores computed once can be
        read at several thresholds)."""
        at = _kinds_at(text, spans)
        out: list[Span] = []
        for (a, b, _), p in zip(toks, probs):
            if p <= threshold or _kind_over(at, a, b) or _CONTRACTION.search(text[a:b]):
                continue
            if out and re.fullmatch(r"[ \t\-'’]*", text[out[-1].end:a]):
                out[-1] = Span(out[-1].start, b, "PERSON", "model")
            else:
                out.append(Span(a, b, "PERSON", "model"))
        return out


@functools.lru_cache(maxsize=1)
def shipped_model() -> NameModel:
    """The model shipped in ``resources``. Missing or unreadable, it is an install that went wrong: redaction
    stops with a message rather than send text with fewer names found."""
    from core.errors import LocumError

    try:
        blob = resources.files("resources").joinpath(*MODEL_FILE).read_bytes()
        return NameModel.from_json(json.loads(gzip.decompress(blob)))
    except (OSError, ModuleNotFoundError, ValueError, KeyError, TypeError, EOFError) as exc:
        raise LocumError(f"The redaction name model ({'/'.join(MODEL_FILE)}) is missing or damaged ({exc}), so names "
                         "cannot all be found for redaction.", action="Reinstall Locum, or switch the cloud off.") from exc
