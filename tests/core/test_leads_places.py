"""Where a town is, for the service-area criterion: the rubric's lists, the gazetteer's counties,
and, for a town neither names, the map (resources/leads/place_coords.json, from GeoNames)."""
from __future__ import annotations

import pytest

from core.leads import places
from core.leads.rubric import load_rubric


@pytest.fixture(scope="module")
def clinic():
    return load_rubric(office="clinic")


@pytest.fixture(scope="module")
def law():
    return load_rubric(office="law")


def test_a_town_no_list_names_takes_the_county_of_the_nearest_town_the_gazetteer_knows(law):
    assert places.status("Boroughbridge", law) == ("in", "North Yorkshire")
    assert places.status("Larne", law) == ("out", "Northern Ireland")


def test_a_town_far_from_every_place_the_office_serves_is_outside(clinic):
    where, why = places.status("Swindon", clinic)
    assert where == "out" and "km from" in why
    assert places.status("Chippenham", clinic)[0] == "out"
    assert places.status("Chippenham, Wiltshire", clinic)[0] == "out"  # the town decides, not its county
    assert places.status("Swansea", clinic)[0] == "out"


def test_a_town_near_the_area_but_in_no_listed_county_is_not_known(clinic):
    # Bradford on Avon is in Wiltshire, a few miles from Bath: neither inside nor far outside
    assert places.status("Bradford on Avon", clinic) == ("", "")
    assert places.status("Cheddar Gorge Caves", clinic) == ("", "")  # no town the map or the gazetteer holds


def test_the_districts_of_the_offices_cities_are_in_their_city(clinic, law):
    assert places.status("Totterdown", clinic) == ("in", "Bristol")
    assert places.status("Meanwood", law) == ("in", "West Yorkshire")


def test_the_rubric_lists_still_come_first(clinic):
    assert places.status("Keynsham", clinic) == ("in", "Keynsham")
    assert places.status("Devon", clinic)[0] == "out"


def test_a_gazetteer_district_with_a_namesake_elsewhere_is_not_put_on_the_map_there(clinic):
    # Bishopston is a district of Bristol and a village near Swansea; the map holds the village
    assert "Bishopston" not in {name for _, _, name in places._known_points()}


def test_a_name_two_towns_share_far_apart_is_not_placed_by_the_map():
    assert "newport" not in places.coordinates() and "wellington" not in places.coordinates()
    assert places.km((51.4545, -2.5879), (51.3811, -2.359)) == pytest.approx(17.5, abs=1.0)  # Bristol to Bath
