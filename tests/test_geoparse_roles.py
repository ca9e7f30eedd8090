"""Roles: what each kept place is in the text, and the readings that are dropped."""

import pytest

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


def test_where_speakers_are_is_kept() -> None:
    # 'X said' drops a town that is a person's name, but not the town the speakers are in.
    text = "Officials in Qamishli said the convoy was hit twice."
    hit = next(m for m in geoparse(text) if m.text == "Qamishli")
    assert hit.resolved and hit.role == "speaker_or_actor_location"
    assert _role("Doctors at Tartus told the agency that supplies ran out.", "Tartus") == (
        "speaker_or_actor_location"
    )
    assert _role("Residents of Manbij said the bridge was closed.", "Manbij") == (
        "speaker_or_actor_location"
    )
    # A capital's officials are its government.
    assert _role("Officials in Ankara said the border stays shut.", "Ankara") == "government"


def test_people_named_like_towns_are_dropped() -> None:
    assert _role("Jackson said the checkpoint had been moved overnight.", "Jackson") is None
    assert _role("Austin told reporters the strike was lawful.", "Austin") is None
    assert _role("Joseph said his brother was detained at dawn.", "Joseph") is None


def test_names_from_the_actor_table_are_not_towns() -> None:
    # Hadi and Taliban are alternate names of small towns (Arkansas, Turkey) in GeoNames.
    assert _role("Troops loyal to Hadi took back the airport.", "Hadi") is None
    assert not [
        m for m in geoparse("Pro-Hadi units and pro-Hadi forces regrouped.") if "Hadi" in m.text
    ]
    assert _role("A Taliban-planted mine wounded three shepherds in Zabul.", "Taliban") is None
    assert _role("A Hamas-run clinic was damaged in the strike.", "Hamas") is None
    # A cartel's name that is also a state stays the state.
    kinds = {m.text: m.kind for m in geoparse("Two bodies were found in Culiacan, Sinaloa.")}
    assert "Sinaloa" in kinds


def test_a_thing_after_a_or_an_is_not_a_town() -> None:
    assert _role("Gunmen opened fire on a Café in Kandahar.", "Café") is None
    assert _role("Pro-Hadi forces shelled a Café near the port of Mokha.", "Café") is None
    # A town used before a noun stays a town.
    assert _role("A Bucha resident described the shelling.", "Bucha") == "event_location"


def test_a_group_named_like_a_foreign_town_is_dropped() -> None:
    text = "Wagner mercenaries raided a market near Mopti, Mali."
    assert _role(text, "Wagner") is None
    assert _role(text, "Mopti") == "event_location"


def test_mentions_of_one_place_share_its_fields_and_keep_their_confidence() -> None:
    # The fields a resolved place gives every mention are worked out once per place; what
    # the occurrence changes (a demonym's fixed confidence) still applies per mention.
    from eventmap.geoparse import default_geoparser

    text = "Shelling hit Homs. Syrian troops entered Homs on Monday, residents of Homs said."
    mentions = default_geoparser().parse(text)
    homs = [m for m in mentions if m.text == "Homs"]
    assert len(homs) == 3
    assert len({(m.name, m.latitude, m.longitude, m.geonameid, m.admin1) for m in homs}) == 1
    assert all(m.raw is homs[0].raw for m in homs)
    syrian = next(m for m in mentions if m.text == "Syrian")
    assert syrian.role == "demonym" and syrian.confidence == 0.9
    assert all(0.05 <= m.confidence <= 1 for m in mentions)


def test_the_government_word_check_never_hides_a_government() -> None:
    # The backwards search for 'the government in' runs only when one of its words is near
    # (ASCII text); any case and spacing must still be found, and other scripts still read.
    from eventmap.geoparse.roles import _GOVERNMENT_WORDS, _government_before

    for word in _GOVERNMENT_WORDS:
        for shape in (f"the {word} in ", f"The {word.upper()}  of the ", f"{word.title()}\nin "):
            text = f"Reports said {shape}Damascus"
            assert _government_before(text, text.index("Damascus")), text
    for text in ("residents of Damascus", "the mayor in Damascus", "a regiment in Damascus"):
        assert not _government_before(text, text.index("Damascus")), text
    text = "le régime, the government in Damascus"
    assert _government_before(text, text.index("Damascus"))


def test_the_word_after_gates_agree_with_their_patterns() -> None:
    # The two-letter looks that spare most names a regex must never hide a match.
    from eventmap.geoparse.roles import (
        _NEXT_WORD,
        _ROLE_AFTER_WORDS,
        _SAID_AFTER,
        _role_word_after,
        _said_after,
    )

    chars = [chr(c) for c in range(0x250)] + ["\u2019", "\u3000", "\u2028", "ſ", "K"]
    words = [*sorted(_ROLE_AFTER_WORDS), "said", "told", "also said", "and", "on", "x"]
    for w in words:
        for ch in chars:
            for t in (f"X {ch}{w[1:]}", f"X {w[:1]}{ch}{w[2:]}", f"X{ch}{w}", f"X,{ch}{w}"):
                nxt = _NEXT_WORD.match(t, 1)
                want = nxt is not None and nxt.group(1).lower() in _ROLE_AFTER_WORDS
                assert _role_word_after(t, 1) is want, t
                assert _said_after(t, 1) is (_SAID_AFTER.match(t, 1) is not None), t


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Officers responded to a shooting in Flint early Sunday.", "Flint"),
        ("A man was shot at a gas station in Tupelo.", "Tupelo"),
    ],
)
def test_a_common_word_after_in_is_a_town_of_some_size(text: str, place: str) -> None:
    assert [m.text for m in geoparse(text)] == [place]


@pytest.mark.parametrize(
    "text",
    [
        "The detective in Noma’s case said little.",
        "Nothing changed near Hope, she said.",
        "Of the five men, two died.",
    ],
)
def test_a_common_word_stays_a_word_when_it_is_someone_s_or_a_small_town(text: str) -> None:
    assert [m.text for m in geoparse(text)] == []
