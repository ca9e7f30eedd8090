"""Plans: which spans of a run name places, and the traps its words reveal."""

import pytest

from eventmap.geoparse import default_geoparser, geoparse
from eventmap.geoparse.model import Word


def _templates(run: str) -> dict:
    words, pos = [], 0
    for part in run.split(" "):
        words.append(Word(pos, pos + len(part), part))
        pos += len(part) + 1
    plan = default_geoparser()._compile(run, words, ())
    return {t[2]: t for t in plan[3]}


def test_the_longest_name_wins() -> None:
    assert list(_templates("Deir ez-Zor")) == ["Deir ez-Zor"]
    assert list(_templates("Rio de Janeiro")) == ["Rio de Janeiro"]


def test_a_surname_position_is_in_a_name() -> None:
    assert _templates("Tim Cook")["Cook"][8]  # in_name
    assert not _templates("Homs Province")["Homs"][8]


def test_organisations_and_features_are_flagged() -> None:
    assert _templates("New York Times")["New York"][7]  # in_org
    river = _templates("Mississippi River")["Mississippi"]
    assert river[10] == "river"


def test_acronyms_are_dropped_but_country_abbreviations_kept() -> None:
    assert _templates("NATO").get("NATO", (0,) * 12)[5] or "NATO" not in _templates("NATO")
    assert not _templates("UK")["UK"][5]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("A man was shot in Knoxville Monday, police said.", "Knoxville"),
        ("Two teens were wounded in Memphis Tuesday night.", "Memphis"),
        ("Shelling hit Aleppo Sunday morning.", "Aleppo"),
        ("Police in Dallas March 3 arrested two men.", "Dallas"),
    ],
)
def test_a_day_or_month_after_a_place_does_not_make_it_a_name(text: str, place: str) -> None:
    found = [(m.text, m.role) for m in geoparse(text)]
    assert found == [(place, "event_location")]


def test_a_capitalised_word_after_a_place_still_makes_a_name() -> None:
    assert [m.role for m in geoparse("Paris Hilton arrived late.")] == ["in_name"]


def test_only_small_towns_as_every_sense_says() -> None:
    from eventmap.gazetteer import MATCH_LOOSE
    from eventmap.geocode_query import parse_query
    from eventmap.geoparse.model import IN_NAME_MIN_POPULATION

    parser = default_geoparser()
    g = parser.gazetteer
    for name in ("Bello", "Paris", "Jackson", "Smith", "Hama", "Aleppo", "Xqzzyville", "Salah"):
        rows = g.lookup(parse_query(name).name)
        expected = bool(rows) and all(
            g.info(row).kind == "city"
            and (g.info(row).population < IN_NAME_MIN_POPULATION or level == MATCH_LOOSE)
            for row, level in rows
        )
        assert parser._small_towns_only(name) == expected, name
