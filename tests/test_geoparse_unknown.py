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


def test_a_masked_name_after_a_locative_is_no_unknown_place() -> None:
    # A run naming no place keeps its masked-name lookup for this stage: the lookup must
    # still happen, on the first parse and on later ones (the run's plan then cached).
    from eventmap.geoparse import Geoparser

    parser = Geoparser()
    for _ in range(2):
        got = parser.parse("Staff waited in Reuters offices. Staff waited in Qzarrin offices.")
        assert [(m.text, m.resolved) for m in got] == [("Qzarrin", False)]
        (run,) = [r for r in parser._candidates("in Reuters", [(0, 10)], [0])[1]]
        assert run[2] == "Reuters" and run[3] is None  # looked up only when needed
