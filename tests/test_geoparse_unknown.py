"""Unknown names: places the data lacks are reported unresolved, never guessed."""

from eventmap.geoparse import geoparse


def _unresolved(text: str) -> list[str]:
    return [m.text for m in geoparse(text) if not m.resolved]


def test_a_name_after_a_locative_is_reported() -> None:
    assert _unresolved("Shelling hit the village of Qzarrin Tahta.") == ["Qzarrin Tahta"]
    assert _unresolved("Fighting near al-Qzarrin continued.") == ["al-Qzarrin"]


def test_other_unknown_capitals_are_not_places() -> None:
    assert _unresolved("Qzarrin Tahta said nothing.") == []
    assert _unresolved("The mayor of Qzarrin spoke.") == []


def test_unknown_mentions_say_why() -> None:
    (m,) = [m for m in geoparse("Clashes in Qzarrin Tahta.") if not m.resolved]
    assert m.reason and "not in the offline gazetteer" in m.reason and m.latitude is None
