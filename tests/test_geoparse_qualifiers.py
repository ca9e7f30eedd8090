"""Qualifiers: the words around a name that set its kind and vagueness."""

from eventmap.geoparse.qualifiers import qualifiers


def _q(text: str, name: str) -> tuple:
    start = text.index(name)
    return qualifiers(text, start, start + len(name))


def test_the_city_of_is_the_town_and_a_province_word_the_division() -> None:
    assert _q("shelling in the city of Hama", "Hama") == ("city", None, "city of")
    assert _q("clashes in Hama province", "Hama") == ("admin1", None, "province")


def test_directions_and_countryside_are_vague() -> None:
    assert _q("fighting north of Homs", "Homs") == (None, "direction", "north of")
    assert _q("in northern Aleppo", "Aleppo") == ("admin1", "direction", "northern")
    assert _q("the outskirts of Idlib", "Idlib")[:2] == ("admin1", "countryside")


def test_a_plural_division_word_covers_both_names() -> None:
    assert _q("in Daraa and Suwayda regions", "Daraa")[0] == "admin1"
    assert _q("Homs was quiet", "Homs") == (None, None, None)
