"""Coordinated runs: a plan or probe composed from the two sides equals the one from scratch."""

import pytest

from eventmap.geoparse import Geoparser
from eventmap.geoparse.model import Word
from eventmap.geoparse.runs import plain_words

# Runs written for these tests: towns, people, organisations, trimmed sides, names that run
# on across 'and', features and stopwords next to it, three-way coordination.
RUNS = (
    "Homs and Hama",
    "Rami Haddad and Layla Khoury",
    "Aleppo and Idlib Province",
    "Deir ez-Zor and Raqqa",
    "Trinidad and Tobago",
    "Bosnia and Herzegovina",
    "Saint Kitts and Nevis",
    "Antigua and Barbuda",
    "The Hague and Paris",
    "Paris and The Hague",
    "Cairo and Nile Delta",
    "Homs and River Orontes",
    "Tim Cook and Homs",
    "Homs and Cook",
    "Mr Salah and Homs",
    "Damascus and Frederick R Cook",
    "New York Times and Homs",
    "Homs and New York Times",
    "Aleppo and Homs and Hama",
    "Syrian and Iraqi",
    "Kobani and al-Bab",
    "Saraqib and Maarat al-Numan",
    "Cavan County and Council",
    "Homs and The",
    "UK and US",
    "Human Rights Watch and Amnesty International",
    "Reuters and AFP",
    "Kobani and Al-Bab",
    "Kobani and al-Bab",
    "Rio de and Homs",
    "Homs and Al Ain",
    "Rami Haddad of the Norwegian Refugee Council",
    "University of the West Indies",
    "Rami Haddad of the Red Crescent and Homs",
    "Bank of the Sudan",
    "Church of the Holy Sepulchre",
)
# Sides for every pairing 'X and Y' (and 'X and Y and X').
SIDES = (
    "Homs",
    "Rami Haddad",
    "Idlib Province",
    "Deir ez-Zor",
    "Trinidad",
    "Tobago",
    "The Hague",
    "Nile Delta",
    "River Orontes",
    "Tim Cook",
    "Cook",
    "Frederick R Cook",
    "New York Times",
    "Syrian",
    "Al-Bab",
    "Ain",
    "Council",
    "The",
    "UK",
    "Amnesty International",
    "Mr Salah",
    "Jisr",
    "Saint Kitts",
    "Nevis",
    "University",
    "West Indies",
    "Norwegian Refugee Council",
    "Republic",
    "Congo",
    "Khalid Smith",  # 'Smith and ...' begins gazetteer names: looked up across the join
    "Anna Smith",
    "Bosnia",
    "Herzegovina",
    "Sao Tome",
    "Principe",
)


@pytest.fixture(scope="module")
def parser() -> Geoparser:
    return Geoparser()


def _scratch_plan(parser: Geoparser, run: str) -> tuple:
    words = plain_words(run)
    assert words is not None
    return parser._compile(run, [Word(*w) for w in words], ())


@pytest.mark.parametrize("run", RUNS)
def test_a_composed_plan_equals_the_plan_from_scratch(parser: Geoparser, run: str) -> None:
    composed = parser._composed_plan(run)
    if composed is not None:
        assert composed == _scratch_plan(parser, run)


def test_every_pairing_composes_as_from_scratch(parser: Geoparser) -> None:
    for a in SIDES:
        for b in SIDES:
            for run in (f"{a} and {b}", f"{a} and {b} and {a}", f"{a} of the {b} and {a}"):
                composed = parser._composed_plan(run)
                if composed is not None:
                    assert composed == _scratch_plan(parser, run), run
                if parser._nothing_to_probe(run):
                    assert parser._mask.probe(run) == (), run


def test_composition_applies_to_plain_coordination(parser: Geoparser) -> None:
    for run in (
        "Homs and Hama",
        "Rami Haddad and Layla Khoury",
        "Aleppo and Homs and Hama",
        "Rami Haddad of the Norwegian Refugee Council",
    ):
        assert parser._composed_plan(run) is not None, run


def test_a_name_across_and_is_planned_from_scratch(parser: Geoparser) -> None:
    for run in ("Trinidad and Tobago", "Bosnia and Herzegovina", "Homs and The"):
        assert parser._composed_plan(run) is None, run
    # A name that only could run on ('Smith and ...') composes when none does.
    assert parser._continues("Smith and")
    assert parser._composed_plan("Khalid Smith and Anna Smith") is not None
    assert any(
        m[2] == "Trinidad and Tobago" for m in _scratch_plan(parser, "Trinidad and Tobago")[2]
    )


@pytest.mark.parametrize("run", RUNS)
def test_nothing_to_probe_only_where_the_probe_is_empty(parser: Geoparser, run: str) -> None:
    if parser._nothing_to_probe(run):
        assert parser._mask.probe(run) == ()


def test_a_masked_name_on_either_side_is_probed(parser: Geoparser) -> None:
    assert not parser._nothing_to_probe("Reuters and Homs")
    assert not parser._nothing_to_probe("Homs and Human Rights Watch")
    assert parser._nothing_to_probe("Homs and Hama")


@pytest.mark.parametrize("run", RUNS)
def test_an_unknown_name_stops_before_and(parser: Geoparser, run: str) -> None:
    assert parser._unknown_size_of(run) == parser._unknown_size(run, 0)


def test_parsing_a_coordinated_run_twice_gives_the_same_mentions() -> None:
    text = "Shelling hit Homs and Hama. Rami Haddad and Layla Khoury fled Homs and Hama."
    cold = Geoparser().parse(text)
    warm = Geoparser()
    warm.parse("Homs. Hama. Rami Haddad. Layla Khoury.")
    assert warm.parse(text) == cold
