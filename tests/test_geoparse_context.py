"""Context: the article's country and divisions, containers, one sense per discourse."""

import pytest

from eventmap.geoparse import geoparse


def _where(text: str, name: str) -> str:
    return next(m.country_code for m in geoparse(text) if m.text == name)


def test_a_comma_and_a_container_decide_the_sense() -> None:
    assert _where("Paris, Texas, was flooded.", "Paris") == "US"
    assert _where("Paris was flooded.", "Paris") == "FR"


def test_the_article_country_rebiases_ambiguous_names() -> None:
    lebanon = "Clashes in Beirut and Sidon spread. Protests spread to Tripoli."
    assert _where(lebanon, "Tripoli") == "LB"
    assert _where("Protests spread to Tripoli.", "Tripoli") == "LY"


def test_one_sense_per_discourse() -> None:
    text = "Storms hit Paris, Texas. Paris residents cleaned up."
    assert [m.country_code for m in geoparse(text) if m.text == "Paris"] == ["US", "US"]


def test_a_town_in_a_named_area_is_looked_for_there() -> None:
    # A village the gazetteer lacks in Idleb is not drawn on its namesake in Oregon: it is
    # reported under its own name, and the area stays for the event to fall back to.
    text = "Artillery fire hit the village of Joseph in the western countryside of Idleb."
    found = {m.text: m for m in geoparse(text)}
    assert not found["Joseph"].resolved and "Idleb" in found["Joseph"].reason
    assert found["Idleb"].resolved and found["Idleb"].country_code == "SY"
    # A town that is in the named area keeps its reading.
    text = "Shelling hit the town of Saraqib in the eastern countryside of Idlib."
    assert _where(text, "Saraqib") == "SY"
    # Not every 'X in Y' is a town in an area: a saint's name is no village.
    text = "A statue of St Gregory of Narek in Vatican City was unveiled."
    assert all(m.text != "Narek" or m.resolved for m in geoparse(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A woman was shot in Naples, Fla., on Monday.", [("Naples", "US-FL"), ("Fla", "US-FL")]),
        ("Two men were wounded in Springfield, Ill., late Friday.", [("Springfield", "US-IL")]),
        ("Police in Paris, TX, made an arrest.", [("Paris", "US-TX")]),
        ("Fighting resumed near Naples, Italy.", [("Naples", "IT-72"), ("Italy", None)]),
    ],
)
def test_a_town_written_with_its_us_state_in_news_style_is_in_that_state(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(m.text, m.admin1_iso) for m in geoparse(text)] == expected
