"""Which US state a local report is about, and where in it an event with no town is.

Every sentence here is invented for the tests; the outlets' web addresses are real ones
from the outlet list (resources/us_outlets.tsv).
"""

import dataclasses
import datetime as dt
from collections.abc import Callable

from eventmap.article import Article
from eventmap.events import EventExtractor
from eventmap.events.us_state import state_context
from eventmap.geoparse import geoparse

PUBLISHED = dt.date(2016, 5, 10)
FirstEvent = Callable[..., dict]  # conftest.first_event: a report's first event row


def test_a_photo_credit_before_the_dateline_is_no_dateline() -> None:
    text = (
        "Jo Roe (Photo: County Jail)\n\n"
        "MACON, Ga. (AP) - A man was charged after a boy was wounded by a stray bullet."
    )
    ctx = state_context(text, geoparse(text))
    assert ctx.state is not None and ctx.state.code == "GA"
    assert ctx.dateline is not None and ctx.dateline[0] == "MACON"


def test_an_event_placed_at_the_state_is_at_the_dateline_town(first_event: FirstEvent) -> None:
    # 'Zorblington' is in no gazetteer: the event has no better place than Georgia
    text = "MACON, Ga. (AP) - A man was shot and killed on Sunday in Zorblington, Georgia."
    row = first_event(text)
    assert row["location"].lower() == "macon" and row["admin1"] == "Georgia"
    assert row["geo_precision"] == 2  # near the dateline town, not surely in it


def test_the_police_town_is_the_home_when_there_is_no_dateline(
    extractor: EventExtractor,
    first_event: FirstEvent,
) -> None:
    text = (
        "Macon police said a woman was shot in Georgia on Sunday night. "
        "Officers in Macon are looking for a gray sedan."
    )
    ctx = state_context(text, geoparse(text), relocator=extractor._relocator)
    assert ctx.state is not None and ctx.state.code == "GA"
    assert ctx.home is not None and ctx.home.name == "Macon"
    row = first_event(text)
    assert row["location"] == "Macon" and row["admin1"] == "Georgia"


def test_a_town_whose_police_speak_makes_the_state_alone() -> None:
    text = "Two men were wounded outside a bar in Killeen early Sunday, Killeen police said."
    ctx = state_context(text, geoparse(text))
    assert ctx.state is not None and ctx.state.code == "TX"


def test_a_local_outlet_decides_between_namesakes(first_event: FirstEvent) -> None:
    text = "A teen was shot in the face Wednesday inside a Duncan home, Duncan police said."
    row = first_event(text, outlet="wspa.com")  # a South Carolina station
    assert row["location"] == "Duncan" and row["admin1"] == "South Carolina"


def test_a_local_outlet_s_town_without_a_state_is_in_the_outlet_s_state(
    first_event: FirstEvent,
) -> None:
    text = "Five people were shot during a party in Norfolk early Sunday, officers said."
    row = first_event(text, outlet="wtkr.com")  # a Virginia station
    assert row["location"] == "Norfolk" and row["admin1"] == "Virginia"


def test_a_town_of_another_state_with_no_namesake_there_stays(
    first_event: FirstEvent,
) -> None:
    # a Nebraska station's report on a shooting across the river: Cedar Rapids is in Iowa
    text = "Three people were shot Tuesday night in Cedar Rapids, police said."
    row = first_event(text, outlet="ketv.com")
    assert row["location"] == "Cedar Rapids" and row["admin1"] == "Iowa"


def test_the_text_s_state_beats_the_outlet_s(extractor: EventExtractor) -> None:
    text = (
        "A man was shot and killed Friday in Enterprise, Alabama, and his brother was "
        "wounded, deputies in Coffee County, Alabama, said."
    )
    ctx = state_context(text, geoparse(text), outlet="wtkr.com")
    assert ctx.state is not None and ctx.state.code == "AL"


def test_the_first_town_named_is_the_home_but_not_a_hometown(extractor: EventExtractor) -> None:
    text = (
        "Jo Roe, of Jackson, was wounded in a shooting in Tennessee early Sunday. "
        "It happened in the 2000 block of a street in Memphis, officers said."
    )
    ctx = state_context(text, geoparse(text), relocator=extractor._relocator)
    assert ctx.state is not None and ctx.state.code == "TN"
    assert ctx.home is not None and ctx.home.name == "Memphis"


def test_an_event_placed_at_a_county_is_at_the_dateline_town_inside_it(
    first_event: FirstEvent,
) -> None:
    text = (
        "BLACKFOOT, Idaho -\n\nEastern Idaho authorities say a boy was accidentally shot by "
        "his brother on Sunday at a home in Bingham County."
    )
    row = first_event(text)
    assert row["location"].lower() == "blackfoot" and row["geo_precision"] == 2
    # a dateline town far from the county named is no town of it
    text = text.replace("BLACKFOOT", "BOISE")
    assert first_event(text)["location"] == "Bingham County"


def test_a_report_s_incident_with_no_place_is_at_its_home_not_the_state(
    first_event: FirstEvent,
) -> None:
    quiet = "Neighbours said the street is usually quiet and children play outside at night. "
    text = (
        "A 2-year-old boy was shot in the leg on Sunday night.\n\n"
        "His mother said she did not know a gun was in the house. A neighbour said the family "
        "had moved in last month. Officers took the gun away. The boy is recovering.\n\n"
        + quiet * 12
        + "\n\nMacon police said charges are possible, and Macon schools will offer counselling."
    )
    row = first_event(text)
    assert (row["location"], row["admin1"], row["geo_precision"]) == ("Macon", "Georgia", 2)


def test_the_town_named_most_is_the_home(extractor: EventExtractor) -> None:
    text = (
        "A man was shot in Tennessee on Sunday, Germantown officers said. Schools in Memphis "
        "were closed, and buses in Memphis stopped near Memphis parks."
    )
    ctx = state_context(text, geoparse(text), relocator=extractor._relocator)
    assert ctx.home is not None and ctx.home.name == "Memphis"


def test_namesakes_that_only_support_each_other_follow_the_outlet(
    first_event: FirstEvent,
) -> None:
    # read alone, Augusta and Richmond County agree on New York; a Georgia station's report
    text = (
        "A boy was shot in Augusta on Wednesday night, and an Augusta teen is in custody, the "
        "Richmond County Sheriff said. Richmond County deputies found the gun."
    )
    row = first_event(text, outlet="wjbf.com")
    assert row["location"] == "Augusta" and row["admin1"] == "Georgia"


def test_a_report_with_no_town_is_at_its_outlet_s_city_as_a_region(
    extractor: EventExtractor,
    first_event: FirstEvent,
) -> None:
    # no town named: a Memphis station's report is about its region, not all of Tennessee
    text = "A man was shot and killed outside a club in Tennessee early Friday, officers said."
    ctx = state_context(
        text, geoparse(text), outlet="wmcactionnews5.com", relocator=extractor._relocator
    )
    assert ctx.home is not None and ctx.home.name == "Memphis" and ctx.home_precision == 3
    row = first_event(text, outlet="wmcactionnews5.com")
    assert (row["location"], row["geo_precision"]) == ("Memphis", 3)
    # a town the report names comes first
    text = text.replace("in Tennessee", "in Millington, Tennessee,")
    assert first_event(text, outlet="wmcactionnews5.com")["location"] == "Millington"


def test_a_victim_s_hometown_and_its_state_do_not_make_the_state() -> None:
    text = (
        "Philadelphia police identified a man, 34, of Fredericksburg, Virginia, who was shot "
        "and killed inside a tavern on Sunday."
    )
    ctx = state_context(text, geoparse(text))
    assert ctx.state is not None and ctx.state.code == "PA"


def test_a_mixed_case_town_with_its_credit_and_dash_is_a_dateline() -> None:
    text = "Killingly (AP) — Connecticut State Police say a teen was shot at a home."
    assert state_context(text, geoparse(text)).dateline == ("Killingly", 0, 9)
    text = "Jo Roe (Photo: County Jail)\n\nA teen was shot at a home, police said."
    assert state_context(text, geoparse(text)).dateline is None


def test_a_passing_mention_of_another_state_does_not_outvote_a_local_outlet(
    first_event: FirstEvent,
) -> None:
    text = (
        "A woman was shot Sunday night outside a store on Granby Street, officers said. "
        "Her sister, who drove in from Iowa, asked for witnesses to call."
    )
    ctx = state_context(text, geoparse(text), outlet="wtkr.com")  # a Virginia station
    assert ctx.state is not None and ctx.state.code == "VA"
    assert first_event(text, outlet="wtkr.com")["admin1"] == "Virginia"
    # named twice, the other state is the report's
    twice = text.replace("in from Iowa", "in from Iowa, the Iowa governor said,")
    ctx = state_context(twice, geoparse(twice), outlet="wtkr.com")
    assert ctx.state is not None and ctx.state.code == "IA"


def test_with_no_outlet_the_one_state_the_text_names_decides_a_namesake_town(
    extractor: EventExtractor,
    first_event: FirstEvent,
) -> None:
    text = (
        "JEFFERSON - A man was shot outside a store in Jefferson on Sunday. Jefferson police "
        "said the Georgia Bureau of Investigation is taking the lead."
    )
    ctx = state_context(text, geoparse(text), relocator=extractor._relocator)
    assert ctx.state is not None and ctx.state.code == "GA"  # not Louisiana's Jefferson
    assert first_event(text)["admin1"] == "Georgia"
    # a town the named state lacks keeps its own state
    text = "A man was shot in Macon on Sunday, Macon police said. The suspect fled to Florida."
    ctx = state_context(text, geoparse(text), relocator=extractor._relocator)
    assert ctx.state is not None and ctx.state.code == "GA"


def test_a_town_written_with_another_state_than_the_dateline_s_stays_there(
    first_event: FirstEvent,
) -> None:
    # the dateline is where the reporter files from; the text says where it happened
    text = (
        "WASHINGTON — A man was shot and killed Thursday night in Hagerstown, Maryland, "
        "and a woman was wounded, sheriff's deputies said."
    )
    row = first_event(text)
    assert row["location"] == "Hagerstown" and row["admin1"] == "Maryland"
    # a hometown written with its state is no such place: the dateline's town still is
    text = (
        "MACON, Ga. (AP) - Jo Roe, 34, of Hagerstown, Maryland, was shot and killed on "
        "Sunday in Zorblington, deputies said."
    )
    assert first_event(text)["admin1"] == "Georgia"


def test_a_local_paper_s_bare_dateline_is_in_its_region_even_unknown_there() -> None:
    # 'Hartland' has namesakes in other states; the New York one is not in the gazetteer
    text = "HARTLAND – A hunter was wounded by a stray bullet Saturday, the sheriff said."
    ctx = state_context(text, geoparse(text), outlet="buffalonews.com")
    assert ctx.state is not None and ctx.state.code == "NY"


def test_a_bare_dateline_s_namesake_loses_to_the_state_the_text_names_twice(
    first_event: FirstEvent,
) -> None:
    # 'PULLMAN' reads as Pullman, Washington; the report is from a Chicago neighbourhood
    text = (
        "PULLMAN — A man was shot and wounded Tuesday night near a bus stop, Chicago "
        "police said. Chicago police have made no arrests."
    )
    row = first_event(text)
    assert row["admin1"] == "Illinois" and row["location"] == "Chicago"


def test_a_county_whose_sheriff_speaks_gives_way_to_the_town_named_inside_it(
    extractor: EventExtractor,
) -> None:
    text = (
        "The Yakima County Sheriff's Office said a man was shot and killed Friday night. "
        "The shooting happened at a home in Union Gap."
    )
    ctx = state_context(
        text, geoparse(text), outlet="yakimaherald.com", relocator=extractor._relocator
    )
    assert ctx.home is not None and ctx.home.text == "Union Gap"
    # a town outside the county is no better place for it
    text = text.replace("happened at a home in Union Gap", "suspect was arrested in Ellensburg")
    ctx = state_context(
        text, geoparse(text), outlet="yakimaherald.com", relocator=extractor._relocator
    )
    assert ctx.home is not None and ctx.home.text == "Yakima County"
    # several towns of the county named: which one is a guess, the county stays
    text = (
        "The Yakima County Sheriff's Office said two men were shot in a string of robberies "
        "in Union Gap and in Moxee on Friday night."
    )
    ctx = state_context(
        text, geoparse(text), outlet="yakimaherald.com", relocator=extractor._relocator
    )
    assert ctx.home is not None and ctx.home.text == "Yakima County"


def test_a_town_that_is_someone_s_surname_is_no_home(extractor: EventExtractor) -> None:
    text = (
        "Two people were killed in a shooting late Sunday. Police said a third man who they "
        "identify as Tony Hudson, 31, is in serious condition."
    )
    # the geoparser may read the surname as the town (as it does in longer reports)
    town = next(m for m in geoparse("It happened in Hudson, Florida.") if m.text == "Hudson")
    start = text.index("Hudson")
    mentions = [dataclasses.replace(town, start=start, end=start + len("Hudson"))]
    ctx = state_context(text, mentions, outlet="wsvn.com", relocator=extractor._relocator)
    assert ctx.state is not None and ctx.state.code == "FL"
    assert ctx.home is not None and ctx.home.text == "Miami"  # the outlet's city, a region


def test_a_town_the_geoparser_misses_is_found_in_the_state_after_in(
    extractor: EventExtractor,
) -> None:
    # 'Arab' reads as a people's name; after 'a home in', on an Alabama station's site, the
    # Alabama town is meant (the outlet's city, Huntsville, would only say the region)
    text = "A boy shot himself in the hand while playing with a gun at a home in Arab Tuesday."
    ctx = state_context(text, geoparse(text), outlet="waff.com", relocator=extractor._relocator)
    assert ctx.home is not None and ctx.home.text == "Arab" and ctx.home_precision == 2


def test_a_report_quoting_a_us_town_s_police_stays_in_its_state(
    first_event: FirstEvent,
) -> None:
    # a lone foreign namesake (England's Whitehaven) does not make the report foreign when
    # it quotes the police of a US town; without them, a namesake abroad stays abroad
    text = (
        "Four people were shot overnight outside a Whitehaven night club. "
        "Memphis Police said the shooting happened just before 2 a.m. Wednesday. "
        "Memphis Police are looking for the gunman."
    )
    row = first_event(text)
    assert row["admin1"] == "Tennessee"


def test_a_known_outlet_s_area_in_its_headline_does_not_vote() -> None:
    # a Savannah station's headline names its area across the state line ('Beaufort, SC'):
    # the outlet already says where it is, and its report is from Georgia
    text = (
        "Police are investigating a fatal shooting on Abercorn Street on Sunday, a spokesman said."
    )
    title = "Police investigate fatal shooting - WTOC-TV: Savannah, Beaufort, SC, News"
    ctx = state_context(text, geoparse(text), title=title, outlet="wtoc.com")
    assert ctx.state is not None and ctx.state.code == "GA"


def test_a_small_town_the_gazetteer_lacks_is_found_in_the_report_s_state(
    extractor: EventExtractor,
    first_event: FirstEvent,
) -> None:
    # Arkwright, N.Y. (about 1,000 people) is only in the Census list
    text = (
        "TOWN OF ARKWRIGHT, N.Y. (WXYZ) - A hunter was found shot dead on Monday in the woods "
        "off a county road, sheriff's deputies said."
    )
    row = first_event(text)  # the dateline's town is where it happened: a town
    assert (row["location"], row["admin1"], row["geo_precision"]) == (
        "TOWN OF ARKWRIGHT",
        "New York",
        1,
    )
    assert 42.3 < row["latitude"] < 42.5 and -79.3 < row["longitude"] < -79.1
    # with no state to read it in, the bare name is no place (namesakes elsewhere)
    text = "A hunter was found shot dead on Monday in Arkwright, deputies said."
    ctx = state_context(text, geoparse(text), relocator=extractor._relocator)
    assert ctx.state is None and ctx.home is None


def test_a_county_dateline_s_town_takes_its_county_s_events(
    extractor: EventExtractor, first_event: FirstEvent
) -> None:
    # Howell is 60 km from Box Elder County's point, and in that county
    text = (
        "HOWELL, Box Elder County — A man was wounded by a stray bullet on Sunday at a ranch, "
        "Box Elder County sheriff's deputies said."
    )
    ctx = state_context(text, geoparse(text), outlet="ksl.com", relocator=extractor._relocator)
    assert ctx.state is not None and ctx.state.code == "UT"
    assert ctx.home is not None and ctx.home.name == "Howell"
    row = first_event(text, outlet="ksl.com")
    assert row["location"] == "HOWELL" and row["geo_precision"] == 2


def test_a_small_town_that_is_also_a_word_needs_in_or_near(extractor: EventExtractor) -> None:
    # Pomfret, N.Y. is in the Census list; 'pomfret' is also a fish
    text = "Pomfret police said a man was wounded by a stray bullet on Sunday night."
    ctx = state_context(
        text, geoparse(text), outlet="buffalonews.com", relocator=extractor._relocator
    )
    assert ctx.home is not None and ctx.home.name == "Buffalo"  # the outlet's region
    assert ctx.home_precision == 3
    text = "A man was wounded by a stray bullet on Sunday night at a home in Pomfret, police said."
    ctx = state_context(
        text, geoparse(text), outlet="buffalonews.com", relocator=extractor._relocator
    )
    assert ctx.home is not None and ctx.home.name == "Pomfret"


def test_a_surname_is_no_place_for_the_event(extractor: EventExtractor) -> None:
    from eventmap.events.lookup import as_mention
    from eventmap.events.model import Candidate
    from eventmap.events.us_cues import Relocator
    from eventmap.events.us_state import in_state
    from eventmap.fatalities import find_fatalities

    relocator = Relocator(extractor.geoparser.geocoder)
    # 'Jackson' is a Georgia town, and here a woman's name: an event placed there by that
    # word moves to the dateline town
    text = "MACON, Ga. (AP) - A teen was shot on Sunday. Dana Jackson, 41, says she heard it."
    ctx = state_context(text, geoparse(text), relocator=relocator)
    assert "jackson" in ctx.surnames
    start = text.index("Jackson")
    town = as_mention(relocator.lookup("Jackson", "GA"), "Jackson", start, start + 7)
    fatal = find_fatalities(text, 0)

    def cand() -> Candidate:
        args = ([], [], [], [], None, "none", fatal, None, False)
        return Candidate("Attack", town, 0, (0, 10), (0, 1), *args)

    (moved,) = in_state([cand()], ctx, relocator)
    assert moved.mention.text.lower() == "macon" and moved.precision == 2
    # a report of no known state from a local outlet drops it: no dot is better than a wrong one
    ctx = state_context("Dana Jackson, 41, says she heard it.", [], outlet="walb.com")
    ctx.state = None
    assert in_state([cand()], ctx, relocator) == []


def test_a_hometown_alone_gives_way_to_the_report_s_town(first_event: FirstEvent) -> None:
    text = "DAYTON, Ohio (AP) - A Columbus man was shot and wounded on Sunday, police said."
    row = first_event(text)
    assert row["location"].lower() == "dayton" and row["admin1"] == "Ohio"
    # with no town of its own, the report keeps the hometown: all it gives
    text = "A Columbus man was shot and wounded on Sunday, Ohio police said."
    assert first_event(text)["location"] == "Columbus"


def test_a_dateline_does_not_run_across_lines() -> None:
    text = "UPDATE\n\nMACON, Ga. (WMAZ) - A man was shot and wounded on Sunday."
    ctx = state_context(text, geoparse(text))
    assert ctx.dateline is not None and ctx.dateline[0] == "MACON"


def test_a_town_written_with_its_state_is_looked_up_in_it(first_event: FirstEvent) -> None:
    # Snowville (Utah) is in the Census list, not in the gazetteer: 'in Snowville, Utah' is
    # the town, not the state's home town near it
    row = first_event("A man was shot and wounded on Sunday at a home in Snowville, Utah.")
    assert row["location"] == "Snowville" and row["geo_precision"] == 1


def test_a_report_naming_no_town_is_from_the_town_its_headline_names(
    extractor: EventExtractor,
) -> None:
    text = "Officers found a man with a gunshot wound on Tuesday. Nobody was arrested."
    for title in ("Macon Police Investigate Shooting", "Man found shot in Macon home"):
        article = Article(id="t", text=text, title=title, published=PUBLISHED, outlet="wmaz.com")
        rows = [r for r in extractor.extract(article).event_rows if r["mention_type"] == "event"]
        assert rows and rows[0]["location"] == "Macon" and rows[0]["geo_precision"] == 2, title


def test_a_local_paper_s_bare_dateline_is_a_town_of_its_own_region(
    extractor: EventExtractor,
) -> None:
    from eventmap.events.us_cues import Relocator

    relocator = Relocator(extractor.geoparser.geocoder)
    # a Barre, Vermont paper: its 'BARRE —' is Barre, Vermont, though the text names
    # Massachusetts twice (which has a Barre too)
    text = (
        "BARRE — A man was shot and wounded on Sunday. He had a case in a court in Hampden, "
        "Massachusetts, and lived in Springfield, Massachusetts, until last year."
    )
    ctx = state_context(text, geoparse(text), outlet="timesargus.com", relocator=relocator)
    assert ctx.state is not None and ctx.state.code == "VT"
    assert ctx.home is not None and ctx.home.admin1_code == "VT"
