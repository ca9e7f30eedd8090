"""Each event location of a sentence paired with its nearest trigger (the stage alone)."""

import datetime as dt

from eventmap.actors import default_actors
from eventmap.article import Article
from eventmap.events import extract_events
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


# Place phrases end to end, on sentences written for these tests. The villages with invented
# names are ones no gazetteer holds.
DAY = dt.date(2021, 6, 14)


def _rows(text: str) -> list:
    frame = extract_events(Article(id="t", text=text, published=DAY)).events
    return frame[frame["mention_type"] == "event"].to_dict("records")


def _row(text: str) -> dict:
    rows = _rows(text)
    assert len(rows) == 1, rows
    return rows[0]


def test_an_unknown_village_in_a_province_named_like_its_capital_is_the_province() -> None:
    # 'Idlib' is a city and the province around it: the village is somewhere in the province.
    row = _row("On 12 June 2021, army artillery shelled Zorbaniyeh in Idlib.")
    assert (row["location"], row["geo_precision"]) == ("Zorbaniyeh", 3)
    assert row["admin1"].startswith("Idl")
    row = _row(
        "On 12 June 2021, a mine killed a shepherd in the village of Qubbat Zarif "
        "in the eastern countryside of Hama."
    )
    assert (row["location"], row["geo_precision"], row["admin1"]) == ("Qubbat Zarif", 3, "Hama")


def test_an_unknown_quarter_of_a_town_is_the_town_at_precision_two() -> None:
    # Kept under its own name, drawn at the town it is part of (Saraqib, 35.86 N).
    row = _row("On 12 June 2021, gunmen attacked a checkpoint in the Qarawid area of Saraqib.")
    assert (row["location"], row["geo_precision"]) == ("Qarawid", 2)
    assert abs(row["latitude"] - 35.86) < 0.05
    # 'Kandahar city' is the city, though the province has its name too.
    row = _row("On 12 June 2021, a grenade hit a shop in the Sarpoza area of Kandahar city.")
    assert (row["location"], row["geo_precision"]) == ("Sarpoza", 2)


def test_a_facility_or_a_person_before_a_town_is_no_village() -> None:
    row = _row("On 12 June 2021, a bomb exploded at Zubair Hospital in Lashkar Gah.")
    assert (row["location"], row["geo_precision"]) == ("Lashkar Gah", 1)
    # A town named like its province is ACLED's precision 2, like 'Hama' in Hama.
    row = _row("On 12 June 2021, a bomb exploded at Zubair Hospital in Kandahar.")
    assert (row["location"], row["geo_precision"]) == ("Kandahar", 2)
    row = _row("On 12 June 2021, militants stormed a bank and shot Ahmad Karimi in Mosul.")
    assert (row["location"], row["geo_precision"]) == ("Mosul", 1)


def test_a_district_named_as_a_district_is_precision_two() -> None:
    row = _row("On 12 June 2021, farmers protested in Kupwara district against power cuts.")
    assert (row["location"], row["geo_precision"]) == ("Kupwara", 2)


def test_a_container_read_abroad_gives_way_to_the_one_in_the_outer_division() -> None:
    # 'Wagga' alone is read in Sudan; inside Adamawa it is no such town: the state (3).
    row = _row("On 12 June 2021, bandits raided Zindiri in Wagga area (Madagali LGA, Adamawa).")
    assert (row["location"], row["geo_precision"], row["admin1"]) == ("Zindiri", 3, "Adamawa")


def test_a_container_is_read_as_the_province_that_holds_the_town() -> None:
    # 'Buenos Aires' alone is the capital, 'Bolivar' alone Venezuela's state: after a town
    # they are the provinces of that name holding it (Argentina's, Colombia's).
    row = _row(
        "On 12 June 2021, dockworkers protested in Bahia Blanca (Buenos Aires) over bonuses."
    )
    assert (row["admin1"], row["geo_precision"]) == ("Buenos Aires", 1)
    assert abs(row["latitude"] - -38.7) < 0.1
    row = _row("On 12 June 2021, gunmen killed a shopkeeper in Magangue, Bolivar.")
    assert (row["country"], row["geo_precision"]) == ("Colombia", 1)


def test_a_namesake_abroad_that_nothing_else_supports_is_no_event() -> None:
    # The 'Timbuktu triangle' of a report on Borno is no town in Mali.
    rows = _rows(
        "On 12 June 2021, Nigerian troops shelled insurgent hideouts in the Timbuktu "
        "triangle and near Gwoza in Borno."
    )
    assert [(r["location"], r["country"]) for r in rows] == [("Gwoza", "Nigeria")]


def test_a_district_the_gazetteer_lacks_as_a_name_is_precision_two() -> None:
    row = _row("On 12 June 2021, soldiers fought insurgents in Dikwa LGA (Borno).")
    assert (row["location"], row["geo_precision"], row["admin1"]) == ("Dikwa", 2, "Borno")


def test_a_village_with_no_province_is_sought_on_the_front_line() -> None:
    # Several Serhiivkas in Ukraine; with no province named, a 2021 shelling report means
    # the front-line province that has one: coded to that province (3), name as written.
    row = _row("On 12 June 2021, separatists shelled army positions near Serhiivka.")
    assert (row["location"], row["geo_precision"]) == ("Serhiivka", 3)
    assert row["admin1"].startswith("Donetsk")


def test_a_town_with_namesakes_and_no_support_is_no_exact_dot() -> None:
    # Some forty San Carlos: nothing in the sentence says which, so not precision 1.
    row = _row("On 12 June 2021, gunmen shot a trader dead in San Carlos.")
    assert row["geo_precision"] == 2


def test_a_known_place_inside_a_longer_unknown_name_is_part_of_it() -> None:
    # 'Kamianka' alone is a town in Cherkasy oblast; 'Kamianka imeni Zorina, Donetsk' is a
    # village the gazetteer lacks, in Donetsk oblast: one event, coded to the province.
    row = _row(
        "On 12 June 2021, militiamen fired mortars at the area of Kamianka imeni Zorina, Donetsk."
    )
    assert (row["location"], row["geo_precision"]) == ("Kamianka imeni Zorina", 3)
    assert row["admin1"].startswith("Donetsk")


def test_namesakes_in_two_front_line_provinces_choose_neither() -> None:
    # Mykhaylivkas lie in both Donetsk and Luhansk oblasts: no province is claimed.
    row = _row("On 12 June 2021, separatists shelled army positions near Mykhaylivka.")
    assert row["geo_precision"] != 3


def test_the_admin1_column_gives_the_english_name_of_the_division() -> None:
    # GeoNames spells these 'Shabeellaha Hoose' and 'Dayr az Zawr'; reports say otherwise.
    row = _row(
        "On 12 June 2021, militants fired mortars at an army post in Gududow Yare village "
        "(Marka, Lower Shabelle)."
    )
    assert (row["location"], row["geo_precision"], row["admin1"]) == (
        "Gududow Yare",
        3,
        "Lower Shebelle",
    )
    row = _row("On 12 June 2021, a roadside bomb wounded two soldiers in Deir ez-Zor city.")
    assert (row["admin1"], row["country"]) == ("Deir ez-Zor", "Syria")


def test_a_town_standing_for_a_province_of_its_name_is_that_province() -> None:
    # 'Sanaa' alone is the capital (in Amanat al-Asimah); as the outer name of a bracket it
    # stands for Sanaa governorate, which holds the district before it.
    row = _row("On 12 June 2021, airstrikes hit Bani Hushaysh area (Nihm, Sanaa).")
    assert (row["location"], row["geo_precision"], row["admin1"]) == ("Bani Hushaysh", 3, "Sanaa")
    # Not so where the town is simply where it happened: 'in Kyiv' is the city (Kyiv City),
    # not Kyiv oblast around it.
    row = _row("On 12 June 2021, people protested outside the Zelenyi Hall in Kyiv over rents.")
    assert row["admin1"] == "Kyiv"
    # Read alone, 'Al Bayda' is Libya's town (barely): last in a bracket after a district, it
    # is a province, and the province of that name is Yemen's.
    row = _row("On 12 June 2021, coalition airstrikes targeted Qaniyah area (Radman, Al Bayda).")
    assert (row["location"], row["geo_precision"], row["country"]) == ("Qaniyah", 3, "Yemen")
    assert row["admin1"] == "Al Bayda"


def test_two_towns_of_a_size_and_name_in_one_province_are_the_province() -> None:
    # Jalisco has two El Saltos of some 20,000 people each: nothing says which.
    row = _row("On 12 June 2021, gunmen killed a farmer in El Salto, Jalisco.")
    assert (row["location"], row["geo_precision"], row["admin1"]) == ("El Salto", 3, "Jalisco")
    # One clearly larger namesake is the town meant.
    row = _row("On 12 June 2021, gunmen killed a farmer in Saraqib, Idlib.")
    assert (row["location"], row["geo_precision"]) == ("Saraqib", 1)


def test_news_spellings_of_places_geonames_lacks() -> None:
    row = _row("On 12 June 2021, separatist fighters stormed the port of Socotra.")
    assert (row["country"], row["admin1"], row["geo_precision"]) == ("Yemen", "Socotra", 3)
    row = _row("On 12 June 2021, protesters blocked the main road in Nabatiye.")
    assert (row["country"], row["admin1"]) == ("Lebanon", "Nabatieh")


def test_a_town_found_by_its_name_is_not_moved_abroad_by_a_loosely_read_bracket() -> None:
    # 'La Nouvelle' is read (by an alternate name) as Port-la-Nouvelle, France; the bracket
    # names a quarter of Ben Arous, which stays in Tunisia.
    row = _row(
        "On 12 June 2021, teachers protested outside a school in Ben Arous (La Nouvelle "
        "Medina) over pay."
    )
    assert (row["location"], row["country"], row["admin1"]) == ("Ben Arous", "Tunisia", "Ben Arous")


def test_a_village_the_gazetteer_lacks_near_a_town_is_at_that_town() -> None:
    # 'near Tal Tamr' says more than 'Hasakeh countryside': the village is by that town (2).
    row = _row(
        "On 12 June 2021, gunmen shot dead a fighter in Tall Banat near Tal Tamr in northern "
        "Al-Hasakeh countryside."
    )
    assert (row["location"], row["geo_precision"], row["admin1"]) == ("Tall Banat", 2, "Al-Hasakah")
    assert abs(row["latitude"] - 36.66) < 0.05  # Tal Tamr, not Hasakeh city (36.50)


def test_a_barangay_in_a_province_below_the_first_level_is_that_province() -> None:
    # 'Samar' alone could be Samara, Russia; here it is the Philippine province (3), in
    # the region ACLED uses as admin1.
    row = _row("On 12 June 2021, NPA rebels ambushed soldiers in Barangay Tabunan, Basey, Samar.")
    assert (row["country"], row["admin1"], row["geo_precision"]) == (
        "Philippines",
        "Eastern Visayas",
        3,
    )
    assert row["location"] == "Barangay Tabunan"


def test_a_town_opening_a_bracket_is_its_district_not_an_exact_dot() -> None:
    # The village before the bracket is unknown; '(Rajnandgaon, ...' names its district.
    row = _row(
        "On 12 June 2021, two Maoists were killed in an exchange of fire in a forest near "
        "Zorpatti village under Bortalao police station limits (Rajnandgaon, Chhattisgarh)."
    )
    assert (row["admin1"], row["geo_precision"]) == ("Chhattisgarh", 2)


def test_a_state_and_a_county_of_it_sharing_a_trigger_are_the_county() -> None:
    found = _events("Two men were shot dead in rural Texas on Sunday in Ector County.")
    assert [c.mention.text for c in found] == ["Ector County"]
    found = _events("Gunmen killed two guards in Borno State on Sunday.")
    assert [c.mention.text for c in found] == ["Borno State"]
    found = _events("Shelling hit Tunceli province on Sunday, in Dersim.")
    assert found[0].mention.kind == "admin1"  # abroad, the province named first stays


def test_who_found_a_wounded_person_is_no_side_of_the_shooting() -> None:
    # a harm named without its doer: police found the victim, they did not shoot
    tables = extract_events(
        Article(
            id="t",
            text="On 3 May 2019, a farmer was found by police near Kano with gunshot wounds.",
            published=dt.date(2019, 5, 4),
        )
    )
    (row,) = tables.event_rows
    assert row["actor1"] == "Unidentified Armed Group (Nigeria)"
    assert row["actor2"] == "Civilians (Nigeria)"


def test_a_us_town_named_after_its_county_with_one_trigger_is_the_place() -> None:
    found = _events("A Lake County sheriff's deputy shot and wounded a man in Waukegan on Sunday.")
    assert [c.mention.text for c in found] == ["Waukegan"]
    # a town that is someone's home is not where it happened
    found = _events("A Lake County sheriff's deputy shot and wounded a man from Waukegan.")
    assert [c.mention.text for c in found] == ["Lake County"]


def test_a_town_the_sentence_names_after_its_dateline_is_the_place() -> None:
    found = _events("SPOKANE (AP) — A teenager was shot and killed Sunday at a park in Cheney.")
    assert [c.mention.text for c in found] == ["Cheney"]
    found = _events("SPOKANE, Wash. — A teenager from Cheney was shot and killed Sunday.")
    assert [c.mention.text for c in found] == ["SPOKANE"]
    # the area around a town is not the town
    found = _events(
        "LITHONIA — Police are looking for a gunman after two men were found shot dead in "
        "Atlanta's eastern suburbs."
    )
    assert [c.mention.text for c in found] == ["LITHONIA"]


def test_where_the_wounded_were_taken_is_not_where_it_happened() -> None:
    # the hospital's town, however the sentence writes it, makes no event
    assert _events("The boy was flown to Riverside Medical Center in Topeka, where he died.") == []
    assert _events("She was taken by ambulance to Wichita, where she died Monday.") == []
    assert _events("He died Tuesday at Topeka Regional Medical Center.") == []
    assert _events("A girl shot on Friday is in Wichita recovering, police said.") == []
    # the town where it happened stays, the hospital's town beside it does not make it
    found = _events("A man was shot in Salina, Kansas, on Sunday and flown to Wichita.")
    assert [c.mention.text for c in found] == ["Salina"]


def test_a_street_named_like_a_town_is_no_place() -> None:
    assert _events("A woman was shot and killed Friday in the 1200 block of Edmore.") == []
    assert _events("Two men were wounded at the intersection of Prescott and 5th Street.") == []
    assert _events("A teen was shot Sunday night on North Lamar near a gas station.") == []
    # 'in North Charleston' is a town, not a street
    found = _events("A teen was shot Sunday night in North Charleston near a gas station.")
    assert [c.mention.text for c in found] == ["North Charleston"]


def test_a_hometown_gives_way_to_the_place_it_happened() -> None:
    found = _events("A Valdosta teenager accidentally shot himself Sunday near Hahira.")
    assert [c.mention.text for c in found] == ["Hahira"]
    found = _events("A man from Valdosta was shot and wounded on Friday in Hahira.")
    assert [c.mention.text for c in found] == ["Hahira"]
    # with no other place, the home is all the sentence gives (marked as a hometown)
    found = _events("A Dacula teenager accidentally shot himself on Sunday.")
    assert [c.mention.text for c in found] == ["Dacula"] and found[0].hometown
    # a county's man, a native, a resident, someone who lived there, someone aged 34 of it
    for text in (
        "A Coweta County man was shot and wounded on Friday in Hahira.",
        "Jo Roe, a Valdosta native, was shot and wounded on Friday in Hahira.",
        "Valdosta resident Jo Roe was shot and wounded on Friday in Hahira.",
        "Jo Roe, who lived in Valdosta, was shot and wounded on Friday in Hahira.",
        "Jo Roe, 34, of Valdosta was shot and wounded on Friday in Hahira.",
        "A 15-year-old male from Valdosta was shot and wounded on Friday in Hahira.",
    ):
        assert [c.mention.text for c in _events(text)] == ["Hahira"], text
    found = _events("A man was shot and wounded on Friday in Hahira.")
    assert not found[0].hometown
