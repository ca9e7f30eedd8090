"""Each event location of a sentence paired with its nearest trigger (the stage alone)."""

from eventmap.actors import default_actors
from eventmap.events.locate import dominant_country, sentence_events
from eventmap.fatalities import find_fatalities
from eventmap.geoparse import geoparse

ACTORS = default_actors()


def _events(text: str) -> list:
    mentions = geoparse(text)
    return sentence_events(
        text,
        text,
        0,
        len(text),
        0,
        mentions,
        [],
        None,
        "none",
        find_fatalities(text, 0),
        None,
        False,
        ACTORS,
    )


def test_each_place_takes_its_nearest_trigger() -> None:
    found = _events("Shelling hit Homs while clashes raged in Hama.")
    got = {c.mention.text: c.sub_event for c in found}
    assert got == {"Homs": "Shelling/artillery/missile attack", "Hama": "Armed clash"}


def test_no_trigger_no_event_and_the_seat_of_government_is_no_place() -> None:
    assert _events("The weather in Homs was mild.") == []
    assert [c.mention.text for c in _events("Clashes erupted in Idlib.")] == ["Idlib"]


def test_the_dominant_country_is_the_places_vote() -> None:
    assert dominant_country(geoparse("Homs, Hama and Baghdad.")) == "SY"
    assert dominant_country([]) is None
