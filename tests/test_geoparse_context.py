"""Context: the article's country and divisions, containers, one sense per discourse."""

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
