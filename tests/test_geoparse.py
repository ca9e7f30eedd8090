"""The geoparser on the seed and on the traps of news text."""

from pathlib import Path

import pytest

from eventmap.geoparse import Geoparser, geoparse, sentence_bounds

SEED = (Path(__file__).resolve().parents[1] / "seeds" / "000_fe935601f8305200.txt").read_text(
    encoding="utf-8"
)


@pytest.fixture(scope="module")
def seed_mentions():
    return geoparse(SEED)


def _roles(mentions, text):
    return {(m.text, m.role) for m in mentions if m.text == text}


def test_offsets_index_the_text(seed_mentions) -> None:
    for m in seed_mentions:
        assert SEED[m.start : m.end] == m.text


def test_seed_event_locations(seed_mentions) -> None:
    events = [m for m in seed_mentions if m.role == "event_location"]
    names = {m.admin1_iso for m in events}
    assert {"SY-HI", "SY-HM", "SY-HL", "SY-DR", "SY-SU"} <= names
    homs_province = [m for m in events if m.text == "Homs" and m.kind == "admin1"]
    assert homs_province and {m.qualifier for m in homs_province} >= {"direction", "countryside"}
    hama_city = next(m for m in events if m.text == "Hama" and m.qualifier_text == "city of")
    assert hama_city.kind == "city" and hama_city.geonameid == 170017


def test_seed_non_event_roles(seed_mentions) -> None:
    assert _roles(seed_mentions, "Damascus") == {("Damascus", "government")}
    assert _roles(seed_mentions, "Moscow") == {("Moscow", "speaker_or_actor_location")}
    for country in ("Türkiye", "Iran", "US", "UK", "Syria"):
        assert {r for _, r in _roles(seed_mentions, country)} == {"country_reference"}, country
    for demonym in ("Syrian", "Russian", "Ukrainian"):
        assert {r for _, r in _roles(seed_mentions, demonym)} == {"demonym"}, demonym


def test_seed_traps(seed_mentions) -> None:
    texts = {m.text for m in seed_mentions}
    assert "SANA" not in texts and "Cook" not in texts and "Frederick" not in texts
    assert not any("Sham" in t or "Nusra" in t for t in texts)
    assert all(m.resolved for m in seed_mentions)


@pytest.mark.parametrize(
    "text",
    [
        "Reading the statement, officials said it was nice to be back.",
        "Will the army respond? Of the 12 killed, most were civilians.",
        "Mobile phones were seized. Nice work, he said.",
        "Bath time is over, said Will Smith.",
        "According to SANA, the strikes continued.",
        "Frederick R Cook contributed to this report.",
        "Hayat Tahrir al-Sham and Jabhat al-Nusra fighters advanced.",
        "We're sure. He’s there. No comment.",
    ],
)
def test_common_words_bylines_and_groups_are_not_places(text: str) -> None:
    assert [m.text for m in geoparse(text) if m.role != "demonym"] == []


def test_demonyms_are_country_references_never_points() -> None:
    ms = geoparse("Syrian and Russian jets struck. Ukrainian officials denied it.")
    assert {m.role for m in ms} == {"demonym"}
    assert {m.country_code for m in ms} == {"SY", "RU", "UA"}


def test_document_context_biases_ambiguous_names() -> None:
    text = (
        "Clashes erupted in Syria. Shelling hit Homs and Talbiseh. Later, fighters entered Tripoli."
    )
    ms = {m.text: m for m in geoparse(text)}
    assert ms["Homs"].country_code == "SY"
    us = {m.text: m for m in geoparse("Texas officials said Paris, Texas was flooded.")}
    assert us["Paris"].country_code == "US"


def test_world_cities_survive_a_strong_country_bias() -> None:
    text = "Officials in Texas and Ohio met in Dallas and Columbus; the Pope spoke in Rome."
    rome = next(m for m in geoparse(text) if m.text == "Rome")
    assert rome.country_code == "IT"


def test_unknown_places_are_reported_not_guessed() -> None:
    ms = geoparse("Shelling hit the village of Kafr Qwxzyv near Hama on Monday.")
    unknown = [m for m in ms if not m.resolved]
    assert [m.text for m in unknown] == ["Kafr Qwxzyv"]
    assert unknown[0].latitude is None and "not guessed" in unknown[0].reason


def test_features_named_after_places_are_not_the_town() -> None:
    ms = geoparse("Flooding closed roads in Cavan County and along the Mississippi River.")
    for m in ms:
        if m.text.startswith(("Cavan", "Mississippi")):
            assert not m.resolved


def test_us_counties_by_their_full_names() -> None:
    ms = {m.text: m for m in geoparse("Flooding closed roads in Orange County on Monday.")}
    county = ms["Orange County"]
    assert (county.kind, county.country_code, county.admin1_code) == ("admin2", "US", "CA")
    assert [m.text for m in geoparse("He ate an orange.") if m.resolved] == []


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("Sheriffs in Suffolk County, New York said.", "Suffolk County", "NY"),
        ("Officials in Montgomery County, Iowa, said.", "Montgomery County", "IA"),
        ("The flood hit Paris, Texas on Monday.", "Paris", "TX"),
    ],
)
def test_a_place_followed_by_its_division_lies_inside_it(text, name, admin1) -> None:
    found = {m.text: m for m in geoparse(text)}
    assert found[name].admin1_code == admin1


def test_a_list_of_towns_is_not_town_comma_division() -> None:
    # Read as 'town, province', Lima would be the small Lima in Buenos Aires province.
    found = {m.text: m for m in geoparse("Protests spread to Lima, Buenos Aires and Santiago.")}
    assert [found[n].country_code for n in ("Lima", "Buenos Aires", "Santiago")] == [
        "PE",
        "AR",
        "CL",
    ]


def test_sentences_keep_closing_quotes() -> None:
    text = "He said “stop.” Then he left."
    (s1, e1), (s2, _) = sentence_bounds(text)
    assert text[s1:e1] == "He said “stop.”" and text[s2:].startswith("Then")


def test_parser_is_reusable_and_deterministic() -> None:
    p = Geoparser()
    assert p.parse(SEED) == p.parse(SEED)


def test_empty_and_whitespace() -> None:
    assert geoparse("") == [] and geoparse("   \n ") == []
    with pytest.raises(ValueError):
        geoparse(None)  # type: ignore[arg-type]


def test_a_place_word_that_is_the_feature() -> None:
    ms = geoparse("Farmers in the Nile Delta and North American markets were hit.")
    delta = next(m for m in ms if "Delta" in m.text)
    assert delta.text == "Nile Delta" and not delta.resolved
    american = next(m for m in ms if "American" in m.text)
    assert american.text == "North American" and american.role == "demonym"
    assert american.kind == "continent"


@pytest.mark.parametrize(
    "text",
    [
        "Fighters entered Jisr al-Qwxz on Friday.",  # not Jisr ez Zarqa, Israel
        "Turkish-backed forces shelled Kafr al-Ain.",  # not Al Ain, UAE
        "HTS leader Ahmed al-Sharaa spoke on Sunday.",  # a surname, not a village
        "Kurdish forces withdrew from Ain Qwxz.",  # a loose 'Ain' inside a name
        "Fighting near Mazar-i-Qwxz.",  # not a Mazar in Jordan
    ],
)
def test_pieces_of_unknown_compound_names_are_not_placed(text: str) -> None:
    placed = [(m.text, m.name) for m in geoparse(text) if m.resolved and m.role != "demonym"]
    assert placed == []


@pytest.mark.parametrize(
    ("text", "name", "country", "kind"),
    [
        ("Government forces retook Palmyra.", "Palmyra", "SY", "city"),  # also a palm tree
        ("Fighters entered Jisr al-Shughur.", "Jisr al-Shughur", "SY", "city"),
        ("Turkish-backed forces shelled Ras al-Ain.", "Ras al-Ain", "SY", "city"),
        ("Clashes near Mazar-i-Sharif.", "Mazar-i-Sharif", "AF", "city"),
        ("Gangs control Port-au-Prince.", "Port-au-Prince", "HT", "city"),
        ("A missile hit Zaporizhzhia.", "Zaporizhzhia", "UA", "city"),
        ("Strikes on Gaza City continued.", "Gaza City", "PS", "city"),
        ("The Cape Town office closed.", "Cape Town", "ZA", "city"),
        ("Kansas City police said.", "Kansas City", "US", "city"),
    ],
)
def test_conflict_names_as_the_news_writes_them(text, name, country, kind) -> None:
    found = {m.text: m for m in geoparse(text) if m.resolved}
    assert (found[name].country_code, found[name].kind) == (country, kind)


def test_a_city_after_a_country_name_is_a_city_in_it() -> None:
    us = next(m for m in geoparse("No U.S. city has such a policy.") if m.text == "U.S.")
    assert us.kind == "country"  # not Us, a village in France
    kuwait = next(m for m in geoparse("Protests in Kuwait city on Monday.") if m.text == "Kuwait")
    assert (kuwait.kind, kuwait.country_code) == ("city", "KW")


def test_demonyms_that_name_a_division() -> None:
    ms = geoparse("English fans and Scottish officials met.")
    assert [(m.name, m.role) for m in ms] == [("England", "demonym"), ("Scotland", "demonym")]


def test_holland_is_the_netherlands_unless_the_text_says_michigan() -> None:
    assert geoparse("Cannabis oil from Holland.")[0].country_code == "NL"
    holland = geoparse("Flooding in Holland, Michigan.")[0]
    assert (holland.country_code, holland.admin1_code) == ("US", "MI")


def test_one_sense_per_discourse_after_town_comma_state() -> None:
    # Alone, 'Holland' is the Netherlands; after 'Holland, Michigan' it stays the town.
    text = "Flooding hit Holland, Michigan on Monday. Holland residents were evacuated."
    hollands = [m for m in geoparse(text) if m.text == "Holland"]
    assert [(m.country_code, m.admin1_code) for m in hollands] == [("US", "MI"), ("US", "MI")]


def test_buildings_named_after_saints_are_not_towns() -> None:
    assert [m.text for m in geoparse("Crowds gathered at St. Peter's Basilica.")] == []


def test_a_place_named_in_its_own_bodies_is_the_place() -> None:
    council = geoparse("Cavan County Council approved the plan.")[0]
    assert (council.text, council.country_code, council.role) == ("Cavan", "IE", "in_name")
    court = geoparse("A U.S. District Court judge ruled.")[0]
    assert (court.country_code, court.role) == ("US", "in_name")


def test_a_directional_adjective_reads_a_region() -> None:
    washington = geoparse("Wildfires spread across central Washington.")[0]
    assert (washington.kind, washington.admin1_code) == ("admin1", "WA")
    homs = geoparse("Clashes erupted north of Homs.")[0]
    assert (homs.kind, homs.qualifier) == ("city", "direction")


def test_curated_names_outrank_a_bigger_places_alternate_name() -> None:
    bethlehem = geoparse("Pilgrims gathered in Bethlehem on Christmas Eve.")[0]
    assert bethlehem.country_code == "PS"  # not Belém, Brazil
    pa = geoparse("A strike hit Bethlehem, Pennsylvania.")[0]
    assert (pa.country_code, pa.admin1_code) == ("US", "PA")


def test_a_common_word_town_named_with_its_state_is_kept() -> None:
    reading = geoparse("Reading, Pennsylvania was flooded.")[0]
    assert (reading.text, reading.admin1_code) == ("Reading", "PA")
    assert geoparse("Reading the report, he laughed.") == []


def test_the_articles_country_wins_for_towns_of_unknown_population() -> None:
    ms = {m.text: m for m in geoparse("Airstrikes hit Ariha in Idlib province, Syria.")}
    assert ms["Ariha"].country_code == "SY"  # GeoNames: population 0; Jericho's alternate
    text = "Fighting in Syria: Turkish-backed forces shelled Ras al-Ayn."
    ms = {m.text: m for m in geoparse(text)}
    assert ms["Ras al-Ayn"].country_code == "SY"


def test_seas_are_resolved_at_sea_and_fleets_are_names() -> None:
    text = (
        "On Monday, rebels fired a missile at a tanker in the Red Sea, a navy spokesman said. "
        "The Black Sea Fleet left port. Boats sank in the Mediterranean; the Atlantic Council "
        "said ships avoid the Strait of Hormuz."
    )
    by_text = {m.text: m for m in geoparse(text)}
    red = by_text["Red Sea"]
    assert red.resolved and red.kind == "sea" and red.role == "event_location"
    assert 12 < red.latitude < 30 and 32 < red.longitude < 44
    assert by_text["Mediterranean"].kind == "sea"
    assert by_text["Strait of Hormuz"].kind == "sea"
    assert by_text["Black Sea"].role == "in_name"  # a navy, not the water
    assert by_text["Atlantic"].role == "in_name"
    # a sea does not vote for the article's country (it has none)
    assert all(m.country_code in (None, "") for m in by_text.values() if m.kind == "sea")


def test_a_town_named_like_an_ocean_is_still_the_ocean_alone() -> None:
    (m,) = [m for m in geoparse("Storms battered shipping across the Pacific.") if m.resolved]
    assert m.kind == "sea" and m.name == "Pacific Ocean"


def test_molotov_cocktails_and_rural_damascus() -> None:
    """'Molotov' is Perm's old name, never meant in news; 'Rural Damascus' is the governorate."""
    got = [(m.text, m.name, m.kind) for m in geoparse("Youths threw Molotov cocktails in Izmir.")]
    assert [t for t, _, _ in got] == ["Izmir"]
    (m,) = geoparse("Artillery shelled farms in Rural Damascus overnight.")
    assert (m.text, m.country_code, m.kind) == ("Rural Damascus", "SY", "admin1")
