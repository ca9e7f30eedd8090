"""Building the index: keys and match levels, division capitals, English labels."""

from eventmap.gazetteer.build import _Builder, _division_capital, _english_name
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
    assert _english_name("Ḩimş", ["Homs Governorate", "Hims"]) == "Homs"
    assert _english_name("Hama", ["Hamah"]) == "Hama"
