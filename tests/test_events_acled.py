"""ACLED's coding rules end to end, on short reports written for these tests."""

import datetime as dt

import pytest

from eventmap.article import Article
from eventmap.events import extract_events

DAY = dt.date(2021, 6, 14)


def _events(text: str):
    frame = extract_events(Article(id="t", text=text, published=DAY)).events
    return frame[frame["mention_type"] == "event"]


def _one(text: str):
    events = _events(text)
    assert len(events) == 1, events[["sub_event_type", "location"]]
    return events.iloc[0]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("On 12 June 2021, gunmen ambushed a police patrol near Maiduguri.", "Armed clash"),
        ("On 12 June 2021, unknown assailants shot dead a shopkeeper in Kano.", "Attack"),
        ("On 12 June 2021, militants abducted two engineers in Zamfara.", None),
        ("On 12 June 2021, a roadside bomb hit a minibus in Kandahar.", None),
        ("On 12 June 2021, drones struck a weapons depot in Idlib.", "Air/drone strike"),
        ("On 12 June 2021, rockets landed on a market in Aleppo.", None),
        ("On 12 June 2021, a mob lynched a suspected thief in Lagos.", "Mob violence"),
        ("On 12 June 2021, students marched in Santiago against fee rises.", "Peaceful protest"),
    ],
)
def test_report_verbs_make_events(text: str, sub: str | None) -> None:
    row = _one(text)
    if sub is not None:
        assert row.sub_event_type == sub
    else:
        assert row.event_type in ("Violence against civilians", "Explosions/Remote violence")


def test_a_specific_weapon_beats_a_generic_verb() -> None:
    row = _one("On 12 June 2021, mortar rounds killed two farmers near Kharkiv.")
    assert row.sub_event_type == "Shelling/artillery/missile attack"
    assert row.fatalities == 2


def test_protest_rules() -> None:
    calm = _one("On 12 June 2021, teachers protested in Lima to demand their wages.")
    assert (calm.sub_event_type, calm.actor1, calm.inter1) == (
        "Peaceful protest",
        "Protesters (Peru)",
        6,
    )
    stopped = _one(
        "On 12 June 2021, traders protested in Karachi. Police dispersed them with tear gas."
    )
    assert stopped.sub_event_type == "Protest with intervention"
    assert stopped.actor1 == "Protesters (Pakistan)"
    violent = _one("On 12 June 2021, protesters pelted stones at officers in Srinagar.")
    assert (violent.event_type, violent.actor1) == ("Riots", "Rioters (India)")


def test_a_group_that_is_not_the_state_abducts_rather_than_arrests() -> None:
    row = _one("On 12 June 2021, the Taliban detained three aid workers in Kunduz.")
    assert row.sub_event_type == "Abduction/forced disappearance"
    row = _one("On 12 June 2021, police arrested five smugglers in Peshawar.")
    assert (row.sub_event_type, row.actor1) == ("Arrests", "Police Forces of Pakistan")


def test_a_found_bomb_is_disrupted_weapons_use() -> None:
    row = _one("On 12 June 2021, soldiers found and defused a landmine near Mosul.")
    assert row.sub_event_type == "Disrupted weapons use"


def test_interaction_codes_depend_on_the_events_country() -> None:
    home = _one("On 12 June 2021, Ukrainian troops shelled separatist positions near Donetsk.")
    assert (home.actor1, home.inter1) == ("Military Forces of Ukraine (2019-)", 1)
    abroad = _one("On 12 June 2021, Turkish drones struck a farm near Qamishli.")
    assert abroad.actor1.startswith("Military Forces of Turkey") and abroad.inter1 == 8


def test_wounded_are_never_fatalities() -> None:
    row = _one(
        "On 12 June 2021, gunmen attacked a bus near Jos. Three passengers and a driver "
        "were killed and 11 were wounded."
    )
    assert row.fatalities == 4


def test_one_place_phrase_is_one_event_at_the_town() -> None:
    row = _one("On 12 June 2021, fighting broke out in Saraqib town in Idlib province.")
    assert row.location == "Saraqib" and row.admin1.startswith("Idl")
    assert row.geo_precision == 1


def test_near_and_countryside_are_precision_two() -> None:
    assert _one("On 12 June 2021, clashes erupted near Raqqa.").geo_precision == 2
    assert _one("On 12 June 2021, shelling hit the outskirts of Mosul.").geo_precision == 2
    row = _one("On 12 June 2021, clashes erupted between Saraqib and Ariha.")
    assert row.geo_precision == 2


def test_a_place_phrase_the_gazetteer_lacks_falls_back_to_its_division() -> None:
    row = _one("On 12 June 2021, gunmen killed a farmer in Qwertabad village (Helmand province).")
    assert row.location == "Qwertabad" and row.geo_precision == 3
    assert row.admin1 == "Helmand"


def test_trigger_and_place_in_different_sentences_of_a_short_report() -> None:
    row = _one("On 12 June 2021, gunmen opened fire on a wedding party. It happened in Kaduna.")
    assert row.location == "Kaduna" and row.event_date == "2021-06-12"


def test_passive_voice_names_the_doer_after_by() -> None:
    row = _one("On 12 June 2021, two herders were shot dead by Boko Haram fighters near Gwoza.")
    assert row.actor1.startswith("Islamic State (West Africa) and/or Boko Haram")
    assert row.fatalities == 2


def test_weapons_decide_shelling_or_clash() -> None:
    mortars = _one("On 12 June 2021, separatists fired mortars at army positions near Avdiivka.")
    assert mortars.sub_event_type == "Shelling/artillery/missile attack"
    mixed = _one(
        "On 12 June 2021, separatists fired mortars and small arms at army positions near Avdiivka."
    )
    assert mixed.sub_event_type == "Armed clash"


def test_an_arrest_elsewhere_in_the_report_is_no_intervention() -> None:
    row = _one(
        "On 12 June 2021, journalists protested in Multan against the arrest of an editor. "
        "He was arrested last month."
    )
    assert row.sub_event_type == "Peaceful protest"


def test_a_village_written_before_its_district_in_brackets() -> None:
    row = _one("On 12 June 2021, gunmen shot a teacher in Zzyxvale village (Kupwara district).")
    assert row.location == "Zzyxvale" and row.geo_precision == 3


def test_army_named_as_acled_writes_it() -> None:
    row = _one("On 12 June 2021, the military forces of Armenia shelled a post near Tovuz.")
    assert row.actor1 == "Military Forces of Armenia" and row.inter1 == 8


def test_victims_are_never_the_doer() -> None:
    row = _one("On 12 June 2021, two villagers were killed by men on motorbikes near Gao.")
    assert row.actor1 == "Unidentified Armed Group (Mali)"
    assert row.actor2 == "Civilians (Mali)"


def test_a_participle_with_by_names_the_doer() -> None:
    row = _one("On 12 June 2021, shells fired by the Taliban hit a market in Kunduz.")
    assert row.actor1 == "Taliban"


def test_seizures_and_vandalism_are_strategic_developments() -> None:
    row = _one("On 12 June 2021, police seized two trucks of cocaine in Cali.")
    assert row.sub_event_type == "Looting/property destruction"
    row = _one("On 12 June 2021, an unidentified group vandalized a party office in Sofia.")
    assert row.sub_event_type == "Looting/property destruction"
    row = _one("On 12 June 2021, villagers pelted stones at a health team in Patna.")
    assert row.sub_event_type == "Mob violence"


def test_a_namesake_elsewhere_gives_way_to_the_one_in_the_named_province() -> None:
    row = _one("On 12 June 2021, police shot a suspect in Sao Goncalo, Rio de Janeiro.")
    assert row.admin1 == "Rio de Janeiro" and row.geo_precision == 1
    assert abs(row.latitude - -22.8) < 0.3


def test_an_operation_that_killed_fighters_was_a_clash() -> None:
    row = _one("On 12 June 2021, a security operation in Ghazni killed four insurgents.")
    assert row.sub_event_type == "Armed clash"


def test_grenade_launchers_are_not_grenades_and_encounters_are_clashes() -> None:
    row = _one("On 12 June 2021, rebels fired grenade launchers at army positions near Horlivka.")
    assert row.sub_event_type == "Shelling/artillery/missile attack"
    row = _one("On 12 June 2021, two militants died in an encounter with police in Shopian.")
    assert row.sub_event_type == "Armed clash"


def test_what_a_protest_is_against_is_no_event() -> None:
    events = _events(
        "On 12 June 2021, lawyers protested in Quetta against the arrest of a colleague."
    )
    assert list(events.sub_event_type) == ["Peaceful protest"]


def test_a_neighbourhood_named_with_its_town_is_no_second_event() -> None:
    events = _events(
        "On 12 June 2021, in Monterrey, Nuevo Leon, a man was shot dead in the Obispado "
        "neighborhood."
    )
    assert list(events.location) == ["Monterrey"]


def test_an_unknown_district_inside_brackets_still_joins_the_phrase() -> None:
    row = _one("On 12 June 2021, refugees rallied in Kakuma (Qwerty West, Turkana).")
    assert row.location == "Kakuma"


def test_a_protest_about_deaths_has_none_of_its_own() -> None:
    row = _one("On 12 June 2021, students marched in Dhaka over the deaths of 5 workers.")
    assert row.event_type == "Protests" and row.fatalities == 0
