"""Plans: which spans of a run name places, and the traps its words reveal."""

from eventmap.geoparse import default_geoparser
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
