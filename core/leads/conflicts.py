"""Conflict check: the people and organisations an inquiry names, against the office's client
and party list (CSV), earlier leads, and the library.

Names are compared after folding case, accents, titles ("Mr", "Dr"), company suffixes ("Ltd",
"LLP", "(UK)") and "Last, First" order, with ``rapidfuzz``: a person matches when the first
names are alike and the surnames are alike (each ``fuzz.ratio`` >= 80, their mean >= 80), so
"Jon Smyth" finds "John Smith" but "Tom Baker" does not find "Tom Baxter" and "Owen Price"
does not find "Owen Pryce-Jones"; organisations match on the token-sort ratio of what is left
after the suffixes.
A single word ("Smith") is never enough for a match: it would raise an alarm on every
namesake.

The inquiry's own words are also read against the list (``scan``), whatever their case and
punctuation: "margaret allison", "HALE, Gregory", "Rachel J. Whitman", "Greg Hale" (a short form
of the given name), "Acme's builders", and a title with the surname ("Mr Hale, my landlord")
when only one person on the list has that surname and it is not the writer's own.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from rapidfuzz import fuzz

from core.errors import LocumError

NAME_THRESHOLD = 80.0  # the mean of the two
WORD_THRESHOLD = 80.0  # first name against first name, surname against surname
ORG_THRESHOLD = 90.0
_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev"}
_ORG_SUFFIX = {"ltd", "limited", "llp", "llc", "inc", "plc", "co", "company", "corp", "corporation", "gmbh", "group",
               "holdings", "the", "and", "&", "uk", "gb", "europe", "international", "of"}
_ORG_WORDS = {"ltd", "limited", "llp", "llc", "inc", "plc", "gmbh", "corp", "corporation", "holdings", "group",
              "services", "clinic", "surgery", "practice", "partners", "trust", "council", "school", "hotel",
              "restaurant", "stores", "supplies", "builders", "construction", "properties", "estates", "lettings",
              "motors", "bakery", "cafe", "café"}


class ClientListError(LocumError):
    action = "Give a CSV file with a header row that has a \"name\" column (other columns such as matter or role are shown with a match)."


@dataclass(frozen=True)
class Party:
    name: str
    detail: dict = field(default_factory=dict, compare=False)


@dataclass
class ClientList:
    path: str
    parties: list[Party]
    columns: list[str]

    def __len__(self) -> int:
        return len(self.parties)


def fold(text: str) -> str:
    t = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9]+", t.lower().replace("'", "").replace("’", "")))


def _turned(name: str) -> str:
    """A name with "Last, First" turned round ("Sharma, Priya" -> "Priya Sharma")."""
    s = str(name).strip()
    if s.count(",") == 1:
        last, first = (p.strip() for p in s.split(","))
        if last and first and len(last.split()) <= 3 and len(first.split()) <= 3:
            s = f"{first} {last}"
    return s


def name_key(name: str) -> list[str]:
    """The words a name is compared by: folded, "Last, First" turned round, titles dropped."""
    words = fold(_turned(name)).split()
    return [w for w in words if w not in _TITLES]


def is_org(name: str) -> bool:
    return any(w in _ORG_WORDS for w in fold(name).split())


def org_key(name: str) -> list[str]:
    return [w for w in fold(name).split() if w not in _ORG_SUFFIX]


def _word(a: str, b: str) -> float:
    if len(a) == 1 or len(b) == 1:  # an initial: "J. Smith" against "John Smith"
        return 90.0 if a[0] == b[0] else 0.0
    return float(fuzz.ratio(a, b))


def _person_score(ka: list[str], kb: list[str]) -> float:
    """First names alike and surnames alike (a middle name may be missing on one side)."""
    first, last = _word(ka[0], kb[0]), _word(ka[-1], kb[-1])
    if min(first, last) < WORD_THRESHOLD:
        return 0.0
    return (first + last) / 2


def name_score(a: str, b: str) -> float:
    """0-100: how surely ``a`` and ``b`` name the same person or organisation (0 when not)."""
    if is_org(a) or is_org(b):
        ka, kb = org_key(a), org_key(b)
        if not ka or not kb or (is_org(a) != is_org(b) and len(ka) < 2):
            return 0.0
        s = fuzz.token_sort_ratio(" ".join(ka), " ".join(kb))
        # a person against a company: only the same words ("Sarah Lee" and "Sarah Lee Ltd", a sole trader)
        need = ORG_THRESHOLD if is_org(a) == is_org(b) else 96.0
        return float(s) if s >= need else 0.0
    ka, kb = name_key(a), name_key(b)
    if len(ka) < 2 or len(kb) < 2:
        return 0.0  # one word is a surname or a first name: not enough to call it the same person
    # "Smith John" written without a comma is the same person as "John Smith"
    score = max(_person_score(ka, kb), _person_score(ka[::-1], kb))
    return score if score >= NAME_THRESHOLD else 0.0


# Short forms of given names people write for themselves and for others: "Greg Hale" is Gregory Hale.
_SHORT_FORMS = {
    "abigail": "abby abbie abi", "alexander": "alex sandy", "alexandra": "alex lexi sandra", "amanda": "mandy",
    "andrew": "andy drew", "anthony": "tony ant", "benjamin": "ben benny", "caroline": "carol carrie caz",
    "catherine": "cath cathy kate katie kat", "katherine": "kath kathy kate katie kat", "charles": "charlie chas",
    "christine": "chris chrissie tina", "christopher": "chris kit", "daniel": "dan danny", "david": "dave davey",
    "deborah": "deb debbie", "donald": "don donny", "dorothy": "dot dottie", "edward": "ed eddie ted ned",
    "eleanor": "ellie nell nora", "elizabeth": "liz lizzie beth betty eliza libby", "frances": "fran frankie",
    "francis": "frank frankie", "frederick": "fred freddie", "gerald": "gerry ged", "gillian": "gill jill",
    "gregory": "greg gregg", "harold": "harry hal", "helen": "nell nellie", "henry": "harry hal hank",
    "jacqueline": "jackie", "james": "jim jimmy jamie", "jennifer": "jen jenny", "john": "jon johnny jack",
    "jonathan": "jon jonny", "joseph": "joe joey", "josephine": "jo josie", "judith": "judy", "kenneth": "ken kenny",
    "lawrence": "larry laurie", "leonard": "len lenny", "margaret": "maggie mags meg peggy marge margie madge",
    "matthew": "matt matty", "michael": "mike mick micky mikey", "nicholas": "nick nicky", "nicola": "nicky nikki",
    "pamela": "pam", "patricia": "pat patsy trish tricia", "patrick": "pat paddy", "peter": "pete petey",
    "philip": "phil", "phillip": "phil", "rachel": "rach", "raymond": "ray", "rebecca": "becky becca bex",
    "richard": "rich rick ricky richie dick", "robert": "rob robbie bob bobby bert", "ronald": "ron ronnie",
    "samantha": "sam sammy", "samuel": "sam sammy", "sarah": "sally sal", "stephen": "steve stevie",
    "steven": "steve stevie", "susan": "sue susie suzy", "terence": "terry", "theresa": "tess tessa terri",
    "thomas": "tom tommy", "timothy": "tim timmy", "valerie": "val", "victoria": "vicky vikki tori",
    "william": "will bill billy liam",
}
_GIVEN_GROUPS: dict[str, set[str]] = {}
for _full, _shorts in _SHORT_FORMS.items():
    for _w in [_full, *_shorts.split()]:
        _GIVEN_GROUPS.setdefault(_w, set()).update([_full, *_shorts.split()])


def _given(a: str, b: str) -> float:
    """How alike two given names are, a short form counting as the name ("Greg" and "Gregory")."""
    if a in _GIVEN_GROUPS.get(b, ()):
        return 95.0 if a != b else 100.0
    return _word(a, b)


_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SCAN_TITLES = {"mr", "mrs", "ms", "miss", "dr", "mx"}
_GREETINGS = {"dear", "hi", "hello", "attn", "fao", "attention"}  # "Dear Mr Smith" is the person written to


def _tokens(text: str) -> list[tuple[str, int, int]]:
    out = []
    for m in _TOKEN.finditer(text or ""):
        for w in fold(m.group()).split():
            out.append((w, m.start(), m.end()))
    return out


def _seq(toks, i: int, words: list[str], cutoff: float) -> float:
    """The mean likeness of ``toks[i:]`` to ``words`` in order, each at least ``cutoff`` (0 when not)."""
    if i < 0 or i + len(words) > len(toks):
        return 0.0
    scores = [float(fuzz.ratio(toks[i + k][0], w)) for k, w in enumerate(words)]
    return sum(scores) / len(scores) if min(scores) >= cutoff else 0.0


def _person_parts(name: str) -> tuple[str, list[str]] | None:
    """(given name, surname words) of a listed person: "Owen Pryce-Jones" -> ("owen", ["pryce", "jones"])."""
    words = [w for w in _turned(name).split() if fold(w) and fold(w) not in _TITLES]
    if len(words) < 2:
        return None
    return fold(words[0]).split()[0], fold(words[-1]).split()


def scan(text: str, names: Iterable[str], *, own: Sequence[str] = ()) -> list[tuple[str, str, float]]:
    """Where ``text`` names one of ``names`` in any case or order: (the words as written, the name
    matched, 0-100). ``own`` are the writer's own names: a title with their surname is the writer."""
    toks = _tokens(text)
    if not toks:
        return []
    names = list(dict.fromkeys(n for n in names if n and str(n).strip()))
    own_surnames = {p[1][-1] for p in (_person_parts(n) for n in own if n and not is_org(n)) if p}
    parts_of = {n: None if is_org(n) else _person_parts(n) for n in names}
    surname_count: dict[str, int] = {}
    for p in parts_of.values():
        if p:
            surname_count[" ".join(p[1])] = surname_count.get(" ".join(p[1]), 0) + 1
    out: list[tuple[str, str, float]] = []

    def found(i: int, j: int, name: str, score: float) -> None:
        out.append((" ".join(text[toks[i][1]:toks[j][2]].split()), name, score))

    for n in names:
        if is_org(n):
            key = org_key(n)
            if len(key) < 2:
                continue
            for i in range(len(toks) - len(key) + 1):
                sc = _seq(toks, i, key, 88.0)
                if sc:
                    found(i, i + len(key) - 1, n, sc)
                    break
            continue
        parts = parts_of[n]
        if not parts:
            continue
        first, sur = parts
        best = None
        for i, (w, _, _) in enumerate(toks):
            if _word(w, sur[0]) < WORD_THRESHOLD:
                continue
            last = _seq(toks, i, sur, WORD_THRESHOLD)
            if not last:
                continue
            end = i + len(sur) - 1
            # "Gregory Hale", "Rachel J. Whitman" (an initial between), "HALE, Gregory"
            for g in (i - 1, i - 2, end + 1):
                if not 0 <= g < len(toks) or (g == i - 2 and len(toks[i - 1][0]) != 1):
                    continue
                giv = _given(toks[g][0], first) if len(toks[g][0]) > 1 else 0.0
                if giv >= WORD_THRESHOLD and (giv + last) / 2 >= NAME_THRESHOLD:
                    sc = (giv + last) / 2
                    if best is None or sc > best[3]:
                        best = (min(g, i), max(g, end), n, sc)
            # "Mr Hale, my landlord": a title and the surname, when one listed person has it
            if (best is None and i > 0 and toks[i - 1][0] in _SCAN_TITLES and last >= 90
                    and (i < 2 or toks[i - 2][0] not in _GREETINGS)
                    and surname_count.get(" ".join(sur)) == 1 and sur[-1] not in own_surnames):
                best = (i - 1, end, n, 80.0)
        if best:
            found(*best)
    return out


def _headers(row: list[str]) -> list[str]:
    return [" ".join(h.strip().lower().replace("_", " ").split()) for h in row]


def load_clients(path: str | Path) -> ClientList:
    """A clients and parties CSV: a ``name`` column (or ``first name`` + ``last name``), other
    columns kept as the detail shown with a match."""
    from core.documents.textformats import _unix_newlines, decode_text, read_bytes

    p = Path(path)
    try:
        data = read_bytes(str(p), 50 * 2**20)
    except OSError as e:
        raise ClientListError(f"{p}: the clients file cannot be read ({e.strerror or e}).") from None
    except LocumError as e:
        raise ClientListError(str(e)) from None
    rows = [r for r in csv.reader(io.StringIO(_unix_newlines(decode_text(str(p), data)))) if any(c.strip() for c in r)]
    if not rows:
        raise ClientListError(f"{p}: the clients file is empty.")
    heads = _headers(rows[0])
    if "name" in heads:
        def name_of(r):
            return r[heads.index("name")]
    elif "first name" in heads and "last name" in heads:
        def name_of(r):
            return f"{r[heads.index('first name')]} {r[heads.index('last name')]}"
    else:
        raise ClientListError(f"{p}: the clients file has no \"name\" column (its columns are: "
                              f"{', '.join(rows[0])}).")
    parties = []
    for n, r in enumerate(rows[1:], start=2):
        if len(r) > len(heads):
            raise ClientListError(f"{p}: line {n} has {len(r)} cells but the header has {len(heads)} columns "
                                  "(an unquoted comma in a name?).")
        r = r + [""] * (len(heads) - len(r))
        name = " ".join(name_of(r).split())
        if not name:
            continue
        detail = {rows[0][i].strip(): r[i].strip() for i, h in enumerate(heads)
                  if h not in ("name", "first name", "last name") and r[i].strip()}
        parties.append(Party(name, detail))
    return ClientList(str(p), parties, [h.strip() for h in rows[0]])


def _detail(d: dict) -> str:
    return "; ".join(f"{k}: {v}" for k, v in d.items())


def _same_person(lead: dict, contacts: set[str]) -> bool:
    got = lead.get("lead") or {}
    return bool(contacts) and any(isinstance(got.get(k), str) and got[k].lower() in contacts for k in ("email", "phone"))


def check(names: Iterable[str], *, clients: ClientList | None = None, earlier: Sequence[dict] = (),
          library: Callable[[str], list] | None = None, contacts: Iterable[str] = (), text: str = "",
          own: Sequence[str] = ()) -> list[dict]:
    """Possible conflicts for ``names``: one entry per (name, match, where), best first; with
    ``text``, the inquiry's words are also read against the client list and the earlier leads'
    names (``scan``; ``own`` are the writer's names). An earlier lead with the same e-mail or
    phone (``contacts``) is the same person writing again: a duplicate for the pipeline to merge,
    not a conflict."""
    contacts = {c.lower() for c in contacts if c}
    earlier = [lead for lead in earlier if not _same_person(lead, contacts)]
    out: list[dict] = []
    seen: set[tuple] = set()
    uniq = []
    for n in names:
        n = " ".join(str(n or "").split())
        if n and fold(n) not in {fold(u) for u in uniq}:
            uniq.append(n)

    def add(name, matched, where, detail, score):
        key = (fold(name), fold(matched), where)
        if key not in seen:
            seen.add(key)
            out.append({"name": name, "matched": matched, "where": where, "detail": detail,
                        "score": round(score / 100, 3)})

    for n in uniq:
        if clients is not None:
            for party in clients.parties:
                s = name_score(n, party.name)
                if s:
                    add(n, party.name, "clients", _detail(party.detail) or "on the client list", s)
        for lead in earlier:
            for other in _lead_names(lead):
                s = name_score(n, other)
                if s:
                    add(n, other, "leads", _lead_detail(lead), s)
        if library is not None and len(name_key(n)) >= 2:
            for hit in library(n) or ():
                s = _in_text(n, getattr(hit, "text", ""))
                if s:
                    page = getattr(hit, "page", None)
                    where = getattr(hit, "path", "") + (f" p.{page}" if page else "")
                    add(n, s[1], "library", f"named in {where}", s[0])
    if text:
        matched = {(fold(c["matched"]), c["where"]) for c in out}
        if clients is not None:
            by_name = {p.name: p for p in clients.parties}
            for said, name, s in scan(text, by_name, own=own):
                if (fold(name), "clients") not in matched:
                    matched.add((fold(name), "clients"))
                    add(said, name, "clients", _detail(by_name[name].detail) or "on the client list", s)
        # the earlier leads' own names and organisations, read in one pass; a name two leads share is the first's
        lead_of: dict[str, dict] = {}
        for lead in earlier:
            got = lead.get("lead") or {}
            for name in (got.get("name"), got.get("organization")):
                if name and str(name).strip():
                    lead_of.setdefault(name, lead)
        for said, name, s in scan(text, lead_of, own=own):
            if (fold(name), "leads") not in matched:
                matched.add((fold(name), "leads"))
                add(said, name, "leads", _lead_detail(lead_of[name]), s)
    out.sort(key=lambda c: -c["score"])
    return out


_TITLE = r"(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+"
_PARTY_CUES = re.compile(
    r"(?i)\b(?:against|with|versus|vs\.?|v\.|from|by|the (?:other (?:party|side|driver)|landlord|tenant|seller|buyer|"
    r"defendant|claimant|employer|company),?"
    # a role with an article and a word or two before it: "from a private landlord, Gregory Hale"
    r"|(?:the|a|an)\s+(?:[a-z][a-z\-]*\s+){0,2}(?:landlord|landlady|tenant|seller|buyer|vendor|purchaser|defendant|"
    r"claimant|employer|owner|manager|boss|builder|contractor|supplier|agent|driver|neighbour|ex-husband|ex-wife),"
    # any relation said with a possessive: "my landlord", "our supplier,", "my line manager, Tom Baxter"
    r"|(?-i:\b(?:[Mm]y|[Oo]ur|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[a-z][a-z\-]*\s+){0,2}[a-z][a-z\-]*,?))\s+"
    r"(?:is\s+(?:a\s+|an\s+)?|called\s+|named\s+)?$")
_TITLED = re.compile("^" + _TITLE)
_CAP_RUN = re.compile(rf"(?:{_TITLE})?[A-Z][\w'’\-]+(?:\s+(?:&\s+)?[A-Z][\w'’\-]+){{0,4}}")


def other_parties(text: str, skip: Sequence[str]) -> list[str]:
    """Names of other people and organisations the inquiry mentions (after "against", "my landlord",
    "from", ...), and organisations by their suffix ("Ltd", "LLP")."""
    out: list[str] = []
    skip_f = {fold(s) for s in skip if s}
    for m in _CAP_RUN.finditer(text):
        name = m.group().strip()
        before = text[max(0, m.start() - 40):m.start()]
        titled = bool(_TITLED.match(name))
        name = _TITLED.sub("", name)  # "Mr Owen Pryce Jones" is Owen Pryce Jones on the client list
        words = name.split()
        if len(words) < 2 and not is_org(name):
            continue
        # a person given a title and a full name is someone else the inquiry is about, wherever it stands
        if is_org(name) or titled or _PARTY_CUES.search(before):
            if fold(name) not in skip_f and name not in out:
                out.append(name)
    return out


def _lead_detail(lead: dict) -> str:
    """Where an earlier lead came from: "earlier lead FILE (DATE)"."""
    src = lead.get("file") or (lead.get("inquiry") or {}).get("subject") or "an earlier lead"
    date = (lead.get("inquiry") or {}).get("date") or ""
    return f"earlier lead {src}" + (f" ({date[:10]})" if date else "")


def _lead_names(lead: dict) -> list[str]:
    got = lead.get("lead") or {}
    names = [got.get("name"), got.get("organization")]
    names += other_parties((lead.get("inquiry") or {}).get("text") or "", names)
    return [n for n in names if isinstance(n, str) and n.strip()]


def _in_text(name: str, text: str) -> tuple[float, str] | None:
    """The best place ``text`` names ``name``: a run of capitalised words (or part of one), scored like a name."""
    want = len(name_key(name)) or 1
    best = None
    for m in _CAP_RUN.finditer(text or ""):
        words = m.group().split()
        for size in (want, want + 1):
            for i in range(max(1, len(words) - size + 1)):
                cand = " ".join(words[i:i + size])
                s = name_score(name, cand)
                if s and (best is None or s > best[0]):
                    best = (s, cand)
    return best
