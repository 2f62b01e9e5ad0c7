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
import re
from functools import lru_cache
from importlib import resources as _resources

from core.leads.rubric import Rubric


def key(place: str) -> str:
    """"Weston super Mare", "weston-super-mare" and "Weston-Super-Mare" are one place."""
    return " ".join(re.split(r"[\s\-]+", place.casefold().replace("’", "'").strip(" .,"))).replace("st. ", "st ")


@lru_cache(maxsize=1)
def gazetteer() -> tuple[dict[str, tuple[str, ...]], dict[str, str], dict[str, str]]:
    """(place key -> the regions it is in, most specific first; place key -> the place's spelling;
    postcode area -> town)."""
    data = json.loads((_resources.files("resources") / "leads" / "places.json").read_text(encoding="utf-8"))
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


def status(place: str, rubric: Rubric) -> tuple[str, str]:
    """("in" | "out" | "", the listed place that decided it): the rubric's lists first, then the
    place's county and country as the gazetteer knows them."""
    inside = {key(p): p for p in rubric.service_area}
    outside = {key(p): p for p in rubric.out_of_area}
    k = key(place)
    if k in inside:
        return "in", inside[k]
    if k in outside:
        return "out", outside[k]
    chains, _, postcodes = gazetteer()
    chain = chains.get(k)
    if chain is None:
        pc = postcode_area(place)
        if pc and pc in postcodes:
            return status(postcodes[pc], rubric)
        return "", ""
    for region in chain:
        rk = key(region)
        if rk in inside:
            return "in", inside[rk]
        if rk in outside:
            return "out", outside[rk]
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


def find_places(text: str, rubric: Rubric):
    """Every place named in ``text`` with a capital letter, as ``re.Match`` objects."""
    rx = places_re(tuple(rubric.service_area) + tuple(rubric.out_of_area))
    return [m for m in rx.finditer(text) if text[m.start()].isupper()]


def postcodes_in(text: str):
    """Postcodes ("LS6", "BS5 9QT") whose area the gazetteer knows, as ``re.Match`` objects."""
    _, _, postcodes = gazetteer()
    return [m for m in _POSTCODE.finditer(text) if m.group("area") in postcodes]
