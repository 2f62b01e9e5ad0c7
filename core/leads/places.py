"""Where a place is, for the service-area criterion: inside the office's area, outside it, or
not known.

A rubric lists places (``service_area``, ``out_of_area``); a person at the office also knows
that Ilkley is in West Yorkshire and Aberdeen in Scotland. ``resources/leads/places.json``
holds that knowledge: towns with the county and country they are in, and postcode areas.
The rubric's own lists come first; the gazetteer only places a town the rubric does not name,
by walking up from the town to its county and country until one of them is in a list.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources as _resources

from core.leads.rubric import Rubric


def key(place: str) -> str:
    """"Weston super Mare", "weston-super-mare" and "Weston-Super-Mare" are one place."""
    return " ".join(re.split(r"[\s\-]+", place.casefold().replace("’", "'").strip(" .,"))).replace("st. ", "st ")


@lru_cache(maxsize=1)
def _places_json() -> dict:
    return json.loads((_resources.files("resources") / "leads" / "places.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def gazetteer() -> tuple[dict[str, tuple[str, ...]], dict[str, str], dict[str, str]]:
    """(place key -> the regions it is in, most specific first; place key -> the place's spelling;
    postcode area -> town)."""
    data = _places_json()
    chains: dict[str, tuple[str, ...]] = {}
    names: dict[str, str] = {}
    for region in data["regions"]:
        chain = (region["name"], *region.get("within", []))
        for place in [region["name"], *region["towns"]]:
            k = key(place)
            if k not in chains:  # a town in two regions (Bangor) keeps the first
                chains[k] = chain if k != key(region["name"]) else tuple(region.get("within", []))
                names[k] = place
    for region in data["regions"]:
        for w in region.get("within", []):
            names.setdefault(key(w), w)
            chains.setdefault(key(w), ())
    return chains, names, dict(data.get("postcodes", {}))


# A town no list names takes the county of the nearest town the gazetteer knows, if one is this close;
# a town farther than FAR_KM from every place the office serves is outside its area (ten miles or so:
# a person does not cross a county to a physio or a high-street solicitor when others are nearer).
# (FAR_KM was set with two development inquiries in view: Bradford on Avon, 8 km from Bath, neither in nor
# out; Chippenham, 19 km, outside)
NEAREST_KM = 25.0
FAR_KM = 15.0


@lru_cache(maxsize=1)
def coordinates() -> dict[str, tuple[float, float]]:
    """Place key -> (latitude, longitude) for the towns of Britain and Ireland
    (``resources/leads/place_coords.json``, from GeoNames). A name two towns far apart share
    (Newport, Wellington) is left out: which one is meant is not known."""
    data = json.loads((_resources.files("resources") / "leads" / "place_coords.json").read_text(encoding="utf-8"))
    return {key(name): (v[0], v[1]) for name, v in data["places"].items() if len(v) < 4}


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance on the earth's surface (haversine), in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


REGION_KM = 80.0
COUNTRIES = frozenset({"england", "scotland", "wales", "northern ireland", "ireland"})  # a gazetteer town whose map point is farther from its region's middle is another town


@lru_cache(maxsize=1)
def _known_points() -> tuple[tuple[tuple[float, float], tuple[str, ...], str], ...]:
    """(where, the regions it is in, its name) for every gazetteer town whose place the map knows.
    The map holds one town per name, so a district of Bristol may have the point of a village in
    Wales of the same name: a point far from the middle of its region's other towns is left out."""
    chains, names, _ = gazetteer()
    where = coordinates()
    towns = [(where[k], chains[k], names[k]) for k in chains if k in where and chains[k]]
    by_region: dict[str, list[tuple[float, float]]] = {}
    for at, chain, _ in towns:
        by_region.setdefault(chain[0], []).append(at)
    middle = {r: (sorted(p[0] for p in pts)[len(pts) // 2], sorted(p[1] for p in pts)[len(pts) // 2])
              for r, pts in by_region.items()}
    return tuple(t for t in towns if len(by_region[t[1][0]]) < 3 or km(t[0], middle[t[1][0]]) <= REGION_KM
                 or key(t[1][0]) in COUNTRIES)


def _listed(chain, inside: dict, outside: dict) -> tuple[str, str]:
    for region in chain:
        rk = key(region)
        if rk in inside:
            return "in", inside[rk]
        if rk in outside:
            return "out", outside[rk]
    return "", ""


def _served_points(rubric: Rubric) -> tuple[tuple[tuple[float, float], str], ...]:
    return _served(tuple(rubric.service_area), tuple(rubric.out_of_area))


@lru_cache(maxsize=16)
def _served(service_area: tuple[str, ...], out_of_area: tuple[str, ...]) -> tuple[tuple[tuple[float, float], str], ...]:
    """Where the office's area is on the map: its listed places and the gazetteer towns inside it."""
    inside = {key(p): p for p in service_area}
    outside = {key(p): p for p in out_of_area}
    where = coordinates()
    points = [(where[k], p) for k, p in inside.items() if k in where]
    points += [(at, name) for at, chain, name in _known_points() if _listed((name, *chain), inside, outside)[0] == "in"]
    return tuple(points)


def is_place(name: str) -> bool:
    """The gazetteer or the map knows ``name`` as a place."""
    k = key(name)
    return k in gazetteer()[0] or k in coordinates()


@lru_cache(maxsize=1)
def region_keys() -> frozenset[str]:
    """The gazetteer's counties and countries ("Wiltshire", "West Yorkshire", "Wales"), not the
    cities that are regions too (Bristol)."""
    data = _places_json()
    towns = coordinates()
    return frozenset(key(n) for r in data["regions"] for n in (r["name"], *r.get("within", []))
                     if key(n) not in towns)


def status(place: str, rubric: Rubric) -> tuple[str, str]:
    """("in" | "out" | "", the listed place that decided it): the rubric's lists first, then the
    place's county and country as the gazetteer knows them; a town the gazetteer does not list
    takes the county of the nearest town it does. A town still undecided that is more than
    ``FAR_KM`` from every place the office serves is outside the area."""
    inside = {key(p): p for p in rubric.service_area}
    outside = {key(p): p for p in rubric.out_of_area}
    k = key(place)
    if k in inside:
        return "in", inside[k]
    if k in outside:
        return "out", outside[k]
    chains, _, postcodes = gazetteer()
    chain = chains.get(k)
    at = coordinates().get(k)
    if chain is None and at is None and "," in place:
        # "Chippenham, Wiltshire": the town decides, else the county after it
        town, _, rest = place.partition(",")
        first = status(town, rubric) if town.strip() else ("", "")
        return first if first[0] or not rest.strip() else status(rest, rubric)
    if chain is None and at is not None:
        near = min(_known_points(), key=lambda p: km(at, p[0]), default=None)
        if near is not None and km(at, near[0]) <= NEAREST_KM:
            chain = near[1]
    if chain is None and at is None:
        pc = postcode_area(place)
        if pc and pc in postcodes:
            return status(postcodes[pc], rubric)
        return "", ""
    decided = _listed(chain or (), inside, outside)
    if decided[0] or at is None:
        return decided
    served = _served_points(rubric)
    if served:
        gap, nearest = min((km(at, p), name) for p, name in served)
        if gap > FAR_KM:
            return "out", f"{gap:.0f} km from {nearest}, the nearest place the office serves"
    return "", ""


_POSTCODE = re.compile(r"\b(?P<area>[A-Z]{1,2})\d[A-Z\d]?(?:\s*\d[A-Z]{2})?\b")


def postcode_area(text: str) -> str:
    m = _POSTCODE.fullmatch(text.strip())
    return m.group("area") if m else ""


def place_pattern(place: str) -> str:
    """A place as a regex: whole words, hyphens and spaces alike, "St" with or without its dot."""
    words = [re.escape(w) for w in re.split(r"[\s\-]+", place.strip()) if w]
    words = [r"St\.?" if w == "St" else w for w in words]
    return r"(?<![\w\-])" + r"[\s\-]+".join(words) + r"(?![\w\-])"


@lru_cache(maxsize=16)
def places_re(extra: tuple[str, ...]) -> re.Pattern:
    """One pattern for the rubric's places and the gazetteer's, longest first so that
    "Bradford-on-Avon" is not read as "Bradford" and "West Yorkshire" not as "Yorkshire"."""
    _, names, _ = gazetteer()
    every = {key(p): p for p in names.values()}
    every.update({key(p): p for p in extra})
    ordered = sorted(every.values(), key=lambda p: -len(p))
    return re.compile("|".join(place_pattern(p) for p in ordered), re.IGNORECASE)


def find_places(text: str, rubric: Rubric, lower_after: re.Pattern | None = None):
    """Every place named in ``text`` with a capital letter, as ``re.Match`` objects; in lower case
    too right after words ``lower_after`` finds ("i live in castleford": a phone-typed message)."""
    rx = places_re(tuple(rubric.service_area) + tuple(rubric.out_of_area))
    return [m for m in rx.finditer(text) if text[m.start()].isupper()
            or lower_after is not None and lower_after.search(text[max(0, m.start() - 20):m.start()].lower())
            or _typed_lower(text, m)]


# a town typed in lower case right after "in" or "at" ("a warehouse in castleford", "the house in shipley"):
# only a name of five letters or more that is no everyday word
_LOWER_STOP = frozenset({"settle", "street", "reading", "market", "nelson", "harrow", "speedwell", "windmill hill",
                         "sea mills", "belle isle", "richmond", "hamilton", "boston", "wells", "march", "stone",
                         "cross", "barry", "ripley", "derby", "deal", "bourne", "chard", "frome", "yeovil"})


def _typed_lower(text: str, m: re.Match) -> bool:
    k = key(m.group(0))
    return len(k) >= 5 and k not in _LOWER_STOP and bool(re.search(r"\b(?:in|at)\s+$", text[max(0, m.start() - 5):m.start()]))


def postcodes_in(text: str):
    """Postcodes ("LS6", "BS5 9QT") whose area the gazetteer knows, as ``re.Match`` objects."""
    _, _, postcodes = gazetteer()
    return [m for m in _POSTCODE.finditer(text) if m.group("area") in postcodes]


# "I live in Boroughbridge", "we're based near Easingwold": a town no list names, after words that
# say where someone is. One to four capitalised words, with "on", "upon", "super"... between.
_UNLISTED = re.compile(
    r"(?:\b(?:[Ll]ive[sd]?|[Ll]iving|[Bb]ased|[Ll]ocated|[Mm]oved|[Mm]oving|[Ww]ork(?:s|ing)?|[Ss]tay(?:ing)?|"
    r"[Ii]'m|[Ww]e're|[Ww]e\s+are|[Ii]\s+am)\s+(?:(?:just\s+)?(?:in|near|to|outside|at)|(?:over\s+)?in)|"
    r"\b(?:[Nn]ear|[Nn]r\.?|[Ff]rom|in|at))\s+"
    r"(?P<p>[A-Z][a-z'’]+(?:(?:[ \-](?:on|upon|le|under|in|by|super|the|de|en)[ \-]|[ \-])[A-Z][a-z'’]+){0,3})")
_NOT_TOWNS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "christmas", "easter", "hope", "street", "church", "court", "school", "college", "university", "hospital",
              "work", "home", "town", "city", "england", "britain", "uk", "mr", "mrs", "ms", "dr"}


def find_unlisted(text: str):
    """Towns that neither the rubric nor the gazetteer lists but the map knows, named after words
    that say where someone is, as (start, end) spans; the longest known name at each spot."""
    where = coordinates()
    out = []
    for m in _UNLISTED.finditer(text):
        words = re.split(r"([ \-])", m.group("p"))  # keep separators to rebuild the span
        for n in range(len(words), 0, -2):
            name = "".join(words[:n])
            k = key(name)
            if k in where and k not in _NOT_TOWNS and k.split()[0] not in _NOT_TOWNS:
                out.append((m.start("p"), m.start("p") + len(name)))
                break
    return out
