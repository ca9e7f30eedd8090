"""Building the index: keys and match levels, division capitals, English labels."""

import pytest

from eventmap.gazetteer import division_names
from eventmap.gazetteer.build import _Builder, _division_capital
from eventmap.gazetteer.division_names import confirmed as _confirmed
from eventmap.gazetteer.division_names import english_name as _english_name
from eventmap.gazetteer.index_format import (
    KIND_CITY,
    LOOSE_PREFIX,
    MATCH_ALIAS,
    MATCH_ALT,
    MATCH_LOOSE,
    MATCH_NAME,
)
from eventmap.normalize import fold, loose


def _town(b: _Builder, gid: int, name: str, pop: int) -> int:
    return b.add((gid, 0.0, 0.0, pop, KIND_CITY, "SY", "11"), name, "town")


def test_a_key_keeps_its_best_level_and_a_curated_alias_wins() -> None:
    b = _Builder()
    idx = _town(b, 1, "Tadmur", 50_000)
    b.key("Tadmur", idx, MATCH_ALT)
    b.key("Tadmur", idx, MATCH_NAME)
    b.key("Tadmur", idx, MATCH_ALT)
    assert b.keys[fold("Tadmur")] == {idx: MATCH_NAME}
    b.key("Palmyra", idx, MATCH_ALT)
    b.key("Palmyra", idx, MATCH_ALIAS)
    assert b.keys[fold("Palmyra")] == {idx: MATCH_ALIAS}


def test_a_name_gets_a_loose_key_and_empty_names_none() -> None:
    b = _Builder()
    idx = _town(b, 1, "Al-Raqqah", 200_000)
    b.key("Al-Raqqah", idx, MATCH_NAME)
    lk = loose(fold("Al-Raqqah"))
    assert b.keys[LOOSE_PREFIX + lk] == {idx: MATCH_LOOSE}
    b.key("  ", idx, MATCH_NAME)
    assert "" not in b.keys


def test_a_division_capital_is_its_namesake_town_else_its_largest() -> None:
    b = _Builder()
    village = _town(b, 1, "Qusayr", 30_000)
    homs = _town(b, 2, "Homs", 700_000)
    for i in (village, homs):
        b.key(b.names[i], i, MATCH_NAME)
    assert _division_capital(b, [village, homs], {"Homs Governorate"}) == (homs, "capital")
    assert _division_capital(b, [village, homs], {"Elsewhere"}) == (homs, "largest town")
    assert _division_capital(b, [], {"Homs"}) == (None, "")


def test_english_labels_are_short_and_ascii() -> None:
    assert _english_name("Ḩimş", ["Homs Governorate", "Hims"], None) == "Homs"
    assert _english_name("Hama", ["Hamah"], None) == "Hama"
    assert _english_name("‘Akkār", [], None) == "Akkar"


def _ne(name: str, name_ne: str = "", alt: str = "", country: str = "XX") -> dict[str, str]:
    return {"name": name, "name_ne": name_ne, "alt": alt, "country": country}


def test_the_english_name_replaces_a_transliteration_of_another_form() -> None:
    river = {**_ne("Upper Marsh", "Marshaha Sare", "Upper Marsh Region"), "label": "Upper Marsh"}
    assert _english_name("Marshaha Sare", ["Marshaha Sare Region"], river) == "Upper Marsh"
    accented = {**_ne("Bolívar", "Bolívar"), "label": "Bolívar"}
    assert _english_name("Guayana", ["Bolivar"], accented) == "Bolivar"  # ASCII, like the rest
    quoted = {**_ne("'Adan", "`Adan", "Aden"), "label": "'Adan"}
    assert _english_name("Odan", [], quoted) == "Adan"  # no stray quote marks around a label


def test_one_name_spelled_two_ways_keeps_the_label_already_used() -> None:
    """'Suwayda' and 'As-Suwayda' are one name: no churn in the admin1 column."""
    same = {**_ne("As-Hilla", "Al Hilla'"), "label": "As-Hilla"}
    assert _english_name("Hilla", ["Hillah"], same) == "Hilla"
    doubled = {**_ne("Taizz"), "label": "Taizz"}
    assert _english_name("Taiz", [], doubled) == "Taiz"


def test_natural_earth_is_used_only_where_both_sources_name_one_division() -> None:
    mine = {"Darnah", "Derna"}
    assert _confirmed(mine, _ne("Al Qubbah", "Al Qubbah", "al-Qubba")) is None
    assert _confirmed(mine, _ne("Derna District", "Darnah")) is not None
    assert _confirmed(mine, None) is None


def test_natural_earth_names_skip_merged_clashing_or_unattested_labels(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    table = {
        1: [_ne("Deir ez-Zor", "Dayr Az Zawr", "Deir ez Zor|Der Azzor", "SY")],
        2: [_ne("Sanaa", "Amanat Al Asimah", "Sanaa City", "YE")],  # the city...
        3: [_ne("Sanaa", "Sanaa", "", "YE")],  # ...and the governorate: which is meant?
        4: [_ne("Wassoulou", "Sikasso", "", "ML")],  # attested by nothing else
        5: [_ne("Urozgan", "Uruzgan", "", "AF"), _ne("Urozgan", "Uruzgan", "", "AF")],
    }
    monkeypatch.setattr(division_names, "natural_earth_divisions", lambda: table)
    names = division_names.natural_earth_names()
    assert names[1]["label"] == "Deir ez-Zor"
    assert 2 not in names and 3 not in names and 4 not in names and 5 not in names
