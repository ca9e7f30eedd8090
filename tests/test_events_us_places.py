"""The US Census list of small places, read inside one state.

Rows and sentences are invented for the tests; the towns named are real ones of the shipped
list (resources/us_places.tsv) that the gazetteer (towns of 500 people or more) lacks.
"""

import csv

from eventmap.events.us_places import RESOURCE, in_county, index, key, us_place
from eventmap.wordlists import resource_path

HEADER = ("state", "name", "latitude", "longitude", "kind", "county", "geoid")


def _row(state: str, name: str, lat: float, lon: float, kind: str, geoid: str) -> tuple:
    return (state, name, f"{lat:.4f}", f"{lon:.4f}", kind, f"US.{state}.001", geoid)


def test_spellings_agree_on_one_key() -> None:
    assert key("St. Augustine") == key("Saint Augustine") == key("ST AUGUSTINE")
    assert key("Winston-Salem") == key("Winston Salem")
    assert key("Mt. Airy") == key("Mount Airy")


def test_a_village_inside_its_same_named_town_is_one_place_at_the_village() -> None:
    rows = [
        _row("ZZ", "Oakdell", 42.05, -79.33, "town", "9900100001"),  # the town around it
        _row("ZZ", "Oakdell", 42.04, -79.28, "village", "9900001"),
    ]
    found = index(rows)[("ZZ", "oakdell")]
    assert found is not None and found[4] == "village"


def test_two_namesakes_far_apart_in_one_state_give_nothing() -> None:
    rows = [
        _row("ZZ", "Oakdell", 42.0, -79.0, "city", "9900001"),
        _row("ZZ", "Oakdell", 40.5, -75.0, "CDP", "9900002"),
        _row("YY", "Oakdell", 30.0, -90.0, "city", "9800001"),
    ]
    places = index(rows)
    assert places[("ZZ", "oakdell")] is None
    assert places[("YY", "oakdell")] is not None  # another state's is its own question


def test_a_township_is_found_only_with_its_kind_word() -> None:
    rows = [
        _row("ZZ", "Quillan", 41.0, -80.0, "township", "9900100002"),
        _row("ZZ", "Tarrow", 42.0, -83.0, "charter township", "9900100003"),
    ]
    places = index(rows)
    assert places[("ZZ", "quillan township")] == rows[0]
    assert ("ZZ", "quillan") not in places  # a bare 'QUILLAN —' may be a neighbourhood
    assert places[("ZZ", "tarrow township")] == places[("ZZ", "tarrow charter township")]


def test_a_small_town_is_found_only_in_its_own_state() -> None:
    found = us_place("Arkwright", "NY")
    assert found is not None
    assert (found["kind"], found["admin1_code"], found["county"]) == ("city", "NY", "US.NY.013")
    assert found["country_name"] == "United States"  # as a gazetteer town's: one merge area
    assert found["geonameid"] < 0 and found["population"] is None  # no GeoNames id, no size
    assert 42.3 < found["latitude"] < 42.5 and -79.3 < found["longitude"] < -79.1
    assert us_place("Arkwright", "OH") is None
    assert us_place("ARKWRIGHT", "NY") is not None  # a dateline's capitals
    assert us_place("Town of Arkwright", "NY") is not None  # the government's name


def test_a_name_with_two_places_in_the_state_is_not_guessed() -> None:
    # New Jersey has a Hamilton Township in Mercer County and another in Atlantic County
    assert us_place("Hamilton Township", "NJ") is None
    assert us_place("Ellicott", "NY") is not None  # one Ellicott town in New York


def test_a_name_that_is_also_a_word_needs_the_text_to_write_it_as_a_place() -> None:
    # Pomfret, N.Y. (Chautauqua County); 'pomfret' is also a fish
    assert us_place("Pomfret", "NY") is None  # 'Pomfret police': maybe no town at all
    assert us_place("Pomfret", "NY", cued=True) is not None  # 'a home in Pomfret'


def test_a_street_or_an_intersection_is_no_town() -> None:
    text = "He was shot near Pomfret and 5th on Sunday, and a car was hit near Pomfret Road."
    first = text.index("Pomfret") + len("Pomfret")
    second = text.index("Pomfret Road") + len("Pomfret")
    assert us_place("Pomfret", "NY", text, first, cued=True) is None
    assert us_place("Pomfret", "NY", text, second, cued=True) is None


def test_a_listed_town_lies_in_its_county_and_no_other() -> None:
    town = us_place("Arkwright", "NY")
    assert town is not None
    assert in_county(town, "Chautauqua County", "NY") is True
    assert in_county(town, "Erie County", "NY") is False
    assert in_county({"source": "geonames", "name": "Buffalo"}, "Erie County", "NY") is None


def test_the_shipped_list_is_sorted_and_its_counties_are_known() -> None:
    with resource_path(RESOURCE).open(encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh if not line.startswith("#")]
    assert tuple(rows[0]) == HEADER
    body = rows[1:]
    assert len(body) > 40_000
    assert body == sorted(body, key=lambda r: (r[0], r[1].lower(), r[6]))
    assert len({r[6] for r in body}) == len(body)  # one row a Census GEOID
    with resource_path("us_counties.csv").open(encoding="utf-8") as fh:
        counties = {r["code"] for r in csv.DictReader(x for x in fh if not x.startswith("#"))}
    assert {r[5] for r in body} <= counties


def test_a_state_indexed_by_the_last_letters_of_its_keys_gives_the_whole_index() -> None:
    from eventmap.events import us_places

    lines = us_places._lines()
    for rows in lines.values():
        for line in rows:
            name = line.split("\t")[1]
            assert us_places._last(name) == key(name)[-1:], name
            if name.isascii():  # _rows strips an ASCII name's end instead
                assert name.rstrip(us_places._NOT_LAST_ASCII)[-1:].lower() == key(name)[-1:]
    for name in ["St. ", "Mt.", "Ste-", "x\x1f", "a_", " ", ""]:
        assert name.rstrip(us_places._NOT_LAST_ASCII)[-1:].lower() == us_places._last(name)
    for state in ("CT", "NJ", "PA", "TX", "VT"):
        rows = [tuple(line.rstrip("\n").split("\t")) for line in lines[state]]
        whole = index(rows)  # type: ignore[arg-type]
        for (where, k), row in whole.items():
            assert us_places._places(where, k[-1:])[(where, k)] == row
        parts = {k for part in us_places._rows(state) for k in us_places._places(state, part)}
        assert parts == set(whole)
