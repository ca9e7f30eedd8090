"""Resolve: a candidate to one ranked place, the kind hint and biases respected."""

from eventmap.geoparse import default_geoparser
from eventmap.geoparse.model import NO_DIVISIONS, Candidate


def _cand(name: str, kind_hint=None, demonym=None) -> Candidate:
    return Candidate(0, len(name), name, name, 0, kind_hint, None, None, demonym)


def test_a_kind_hint_asks_for_that_kind() -> None:
    parser = default_geoparser()
    assert parser._resolve(_cand("Homs", "admin1"), None, NO_DIVISIONS).raw["kind"] == "admin1"
    assert parser._resolve(_cand("Homs", "city"), None, NO_DIVISIONS).raw["kind"] == "city"


def test_a_demonym_is_its_country() -> None:
    loc = default_geoparser()._resolve(_cand("Syrian", demonym="SY"), None, NO_DIVISIONS)
    assert (loc.raw["kind"], loc.raw["country_code"]) == ("country", "SY")


def test_a_country_bias_picks_that_countrys_sense() -> None:
    parser = default_geoparser()
    assert parser._resolve(_cand("Tripoli"), "LB", NO_DIVISIONS).raw["country_code"] == "LB"
    assert parser._resolve(_cand("Tripoli"), None, NO_DIVISIONS).raw["country_code"] == "LY"


def test_answers_are_cached_by_the_parser() -> None:
    parser = default_geoparser()
    first = parser._resolve(_cand("Aleppo"), None, NO_DIVISIONS)
    assert parser._resolve(_cand("Aleppo"), None, NO_DIVISIONS) is first
