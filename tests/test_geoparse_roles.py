"""Roles: what each kept place is in the text, and the readings that are dropped."""

from eventmap.geoparse import geoparse


def _role(text: str, name: str) -> str | None:
    return next((m.role for m in geoparse(text) if m.text == name), None)


def test_event_government_and_speaker() -> None:
    assert _role("Shelling hit Homs on Monday.", "Homs") == "event_location"
    assert _role("The government in Damascus denied it.", "Damascus") == "government"
    assert _role("Moscow said the talks failed.", "Moscow") == "speaker_or_actor_location"


def test_countries_demonyms_and_names() -> None:
    assert _role("Aid reached Syria.", "Syria") == "country_reference"
    assert _role("Syrian troops moved.", "Syrian") == "demonym"
    assert _role("The New York Times reported it.", "New York") == "in_name"


def test_disproved_readings_are_dropped() -> None:
    assert _role("Thomas said he would stay.", "Thomas") is None
    assert _role("Mohamed Salah scored. Salah smiled.", "Salah") is None
