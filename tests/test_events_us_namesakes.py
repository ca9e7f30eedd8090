"""Which namesake a bare US name means: a county pinned by its town, a well-known city.

Every sentence here is invented for the tests; the outlets' web addresses are real ones
from the outlet list (resources/us_outlets.tsv).
"""

from collections.abc import Callable

from eventmap.events import EventExtractor
from eventmap.events.us_cues import Relocator, State
from eventmap.events.us_namesakes import town_named, well_known
from eventmap.events.us_state import state_context
from eventmap.geoparse import geoparse

FirstEvent = Callable[..., dict]  # conftest.first_event: a report's first event row


def test_a_well_known_city_leads_its_namesakes_by_far(extractor: EventExtractor) -> None:
    relocator = Relocator(extractor.geoparser.geocoder)
    found = well_known(relocator, "Birmingham")
    assert found is not None and found["admin1_code"] == "AL"
    assert well_known(relocator, "MONTGOMERY") is not None  # a dateline's capitals
    # Ohio's and Georgia's Columbus, Missouri's and Kansas' Kansas City: no such city
    assert well_known(relocator, "Columbus") is None
    assert well_known(relocator, "Kansas City") is None


def test_only_a_state_that_rests_on_the_outlet_gives_way(extractor: EventExtractor) -> None:
    relocator = Relocator(extractor.geoparser.geocoder)
    georgia = State("GA", "Georgia")
    assert town_named("Montgomery", georgia, True, relocator)["admin1_code"] == "AL"
    # the text ties the report to Georgia: its Montgomery
    assert town_named("Montgomery", georgia, False, relocator)["admin1_code"] == "GA"
    # Georgia's Columbus is a city, not a hamlet
    assert town_named("Columbus", georgia, True, relocator)["admin1_code"] == "GA"


def test_a_county_is_read_in_the_state_of_the_town_named_inside_it(
    extractor: EventExtractor,
    first_event: FirstEvent,
) -> None:
    # every state has its Wayne County: the town the report names pins it (Goldsboro is
    # North Carolina's Wayne County seat), not the largest (Michigan's)
    text = (
        "Deputies with the Wayne County Sheriff's Office were called to a home in Goldsboro "
        "early Friday, where a man had shot his wife, a spokesman said."
    )
    ctx = state_context(text, geoparse(text), relocator=extractor._relocator)
    assert ctx.state is not None and ctx.state.code == "NC"
    row = first_event(text)
    assert row["admin1"] == "North Carolina"


def test_a_town_named_like_the_county_does_not_move_the_county(
    first_event: FirstEvent,
) -> None:
    # 'in DeKalb' after 'DeKalb County police' is the county again, not Illinois' DeKalb
    text = (
        "DeKalb County police say a man fired a shot Tuesday night that wounded a neighbour. "
        "Officers found the gun at an apartment complex in DeKalb."
    )
    row = first_event(text, outlet="wsbtv.com")  # an Atlanta station
    assert row["admin1"] == "Georgia"


def test_a_well_known_city_beats_a_hamlet_of_the_outlet_s_state(
    first_event: FirstEvent,
) -> None:
    # a Georgia station's report: nothing in the text ties 'Montgomery' to the Georgia town
    # of 4,500; Alabama's capital is meant
    text = "Montgomery police say a man was shot and killed outside a gas station early Sunday."
    row = first_event(text, outlet="wtvm.com")
    assert (row["location"], row["admin1"]) == ("Montgomery", "Alabama")


def test_a_town_of_the_outlet_s_state_that_is_no_hamlet_stays(first_event: FirstEvent) -> None:
    # North Carolina's Jacksonville (67,000) is a city of the station's own region; a
    # Maine station's Portland is Maine's
    text = "Jacksonville police say a man was shot in the leg outside a bar early Sunday."
    row = first_event(text, outlet="wnct.com")
    assert row["admin1"] == "North Carolina"
    text = "Portland police say a woman was wounded by a stray bullet on Friday night."
    row = first_event(text, outlet="949whom.com")
    assert row["admin1"] == "Maine"


def test_a_hamlet_the_text_ties_to_the_outlet_s_state_stays(first_event: FirstEvent) -> None:
    # the state written after the town ties it: no well-known city question
    text = "A man was shot and killed early Sunday in Montgomery, Georgia, deputies said."
    row = first_event(text, outlet="wtvm.com")
    assert row["admin1"] == "Georgia"


def test_a_hamlet_of_another_state_does_not_outvote_the_outlet(
    extractor: EventExtractor, first_event: FirstEvent
) -> None:
    # a Philadelphia station's neighbourhood read as an old name of Hudson, Massachusetts
    # says nothing of the state: the report is about its outlet's
    text = "Three people were wounded Monday night when a gun went off inside a Feltonville home."
    ctx = state_context(
        text, geoparse(text), outlet="nbcphiladelphia.com", relocator=extractor._relocator
    )
    assert ctx.state is not None and ctx.state.code == "PA"
    row = first_event(text, outlet="nbcphiladelphia.com")
    assert row["admin1"] == "Pennsylvania"
    # a city of another state (Iowa's Cedar Rapids, 126,000) is no hamlet: it stays there
    text = "Three people were shot Tuesday night in Cedar Rapids, police said."
    assert first_event(text, outlet="ketv.com")["admin1"] == "Iowa"


def test_a_hamlet_in_the_outlet_s_region_across_a_state_line_still_votes(
    first_event: FirstEvent,
) -> None:
    # a Washington paper's Maryland suburb is its region: no vote is dropped
    text = "A man was shot and killed Sunday at a dice game in Capitol Heights, police said."
    row = first_event(text, outlet="washingtonpost.com")
    assert row["admin1"] == "Maryland"
