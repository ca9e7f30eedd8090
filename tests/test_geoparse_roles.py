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
    from eventmap.geoparse.roles import _GOVERNMENT_WORDS, RoleDecider

    _government_before = RoleDecider()._government_before  # reads one text's words at a time
    for word in _GOVERNMENT_WORDS:
        for shape in (f"the {word} in ", f"The {word.upper()}  of the ", f"{word.title()}\nin "):
            text = f"Reports said {shape}Damascus"
            assert _government_before(text, text.index("Damascus")), text
    for text in ("residents of Damascus", "the mayor in Damascus", "a regiment in Damascus"):
        assert not _government_before(text, text.index("Damascus")), text
    text = "le régime, the government in Damascus"
    assert _government_before(text, text.index("Damascus"))


def test_the_government_words_are_read_once_per_text_and_only_near_the_name() -> None:
    from eventmap.geoparse.roles import RoleDecider

    decider = RoleDecider()
    pad = "x" * 70
    text = f"The government said so. {pad} Rebels in Damascus. The regime in Homs."
    assert not decider._government_before(text, text.index("Damascus"))  # 70+ chars back
    assert decider._government_before(text, text.index("Homs"))
    # Words cut by the 60-character window, near the name or far: the same answers as the
    # plain backwards search, text after text (each one read afresh).
    for pad in range(0, 80, 3):
        for shape in ("the government in ", "the Regime of the ", "officials in the east of "):
            for text in (
                "government " + "y" * pad + " " + shape + "Aleppo",
                "y" * pad + shape + "Aleppo",
                "ministry" + "z" * pad + " in Aleppo",
                "régime " + "y" * pad + shape + "Aleppo",
            ):
                at = text.index("Aleppo")
                assert bool(decider._government_before(text, at)) is bool(_plain(text, at)), text
    assert decider._government_before("the cabinet in Kyiv", 15)

def _plain(text: str, start: int):
    from eventmap.geoparse.roles import _GOVERNMENT_BEFORE

    return _GOVERNMENT_BEFORE.search(text, max(0, start - 60), start)
