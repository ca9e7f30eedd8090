"""A local report's incident read from the whole report: its state, place, day and toll.

Every sentence here is invented for the tests.
"""

import datetime as dt
from collections.abc import Callable

import pytest

from eventmap.article import Article
from eventmap.events import EventExtractor, incident
from eventmap.events.incident import (
    agency_places,
    death_cue,
    headline_toll,
    several_dead,
)
from eventmap.events.us_state import state_context
from eventmap.geoparse import geoparse

PUBLISHED = dt.date(2016, 5, 10)  # a Tuesday
MainEvent = Callable[..., dict]  # conftest.main_event: a report's deadliest dated event


def test_the_dateline_state_decides_between_namesakes() -> None:
    text = "SPRINGFIELD, Ill. (AP) — A clerk was wounded by gunfire at a gas station."
    ctx = state_context(text, geoparse(text))
    assert ctx.state is not None and ctx.state.code == "IL"
    assert ctx.dateline is not None and ctx.dateline[0] == "SPRINGFIELD"


def test_a_town_followed_by_its_state_votes_and_a_street_named_after_a_state_does_not() -> None:
    text = (
        "Deputies found the car near Dothan, Ala., after the chase. "
        "Later they searched a house on Tennessee St. and another in Enterprise, Alabama."
    )
    ctx = state_context(text, geoparse(text))
    assert ctx.state is not None and ctx.state.code == "AL"


def test_a_bare_washington_dateline_is_the_capital() -> None:
    text = "WASHINGTON (WXYZ) — Two men were hurt when someone fired into a parked car."
    ctx = state_context(text, geoparse(text))
    assert ctx.state is not None and ctx.state.code == "DC"


def test_no_state_context_in_a_report_from_abroad() -> None:
    text = "Gunmen attacked a checkpoint in Georgia's Gori district on Monday."
    assert state_context(text, geoparse(text)).dateline is None


def test_agency_names_give_the_investigating_town() -> None:
    text = "Lakeview police said the victim drove to a clinic. Officers in Brookdale agreed."
    names = [n for n, _, _ in agency_places(text, len(text))]
    assert names == ["Lakeview", "Brookdale"]


def test_dateline_town_is_read_inside_its_state(main_event: MainEvent) -> None:
    text = (
        "LANCASTER, Pa. — A man was shot and killed outside a corner store, police said.\n\n"
        "It happened shortly after midnight Saturday on a quiet block."
    )
    row = main_event(text)
    assert row["admin1"] == "Pennsylvania"
    assert row["event_date"] == "2016-05-07"
    assert abs(row["latitude"] - 40.04) < 0.2 and abs(row["longitude"] + 76.31) < 0.2


def test_a_namesake_in_another_state_moves_to_the_stated_one(main_event: MainEvent) -> None:
    text = (
        "A woman was shot in Columbus on Monday night, police in Columbus, Ga., said. "
        "Officers found her in a parking lot."
    )
    row = main_event(text)
    assert row["admin1"] == "Georgia"


def test_the_state_abbreviation_is_never_a_town_abroad(main_event: MainEvent) -> None:
    text = "JACKSONVILLE, Fla. — One man was killed Friday when shots rang out near a park."
    row = main_event(text)
    assert row["country"] == "United States" and row["admin1"] == "Florida"


def test_the_headline_town_and_state_vote() -> None:
    text = "Officers found a man wounded in a parked car on Elm Street late Friday."
    ctx = state_context(text, geoparse(text), title="Man wounded on Elm Street - KXYZ - Tulsa, OK")
    assert ctx.state is not None and ctx.state.code == "OK"


def test_an_outlet_named_after_a_big_city_votes_for_its_state() -> None:
    from eventmap.events.us_cues import outlet_state

    assert outlet_state("https://stlouis.examplenews.com/2016/05/story") == "MO"
    assert outlet_state("nbcnewyork.example") == "NY"
    assert outlet_state("examplegazette.com") is None
    assert outlet_state(None) is None


def test_an_ap_dateline_city_needs_no_state() -> None:
    text = "MILWAUKEE (XYZ) — A teenager was wounded by gunfire near a bus stop."
    ctx = state_context(text, geoparse(text))
    assert ctx.state is not None and ctx.state.code == "WI"


def test_a_dateline_town_without_state_is_read_in_the_state_the_report_names() -> None:
    from eventmap.events.us_cues import Relocator
    from eventmap.geocode import OfflineGeocoder

    text = (
        "PEORIA — A clerk was wounded by gunfire at a gas station. The suspect fled toward "
        "Bloomington, Ill., deputies said."
    )
    relocator = Relocator(OfflineGeocoder())
    ctx = state_context(text, geoparse(text), relocator=relocator)
    assert ctx.state is not None and ctx.state.code == "IL"
    assert ctx.dateline is not None and ctx.dateline[0] == "PEORIA"


def test_datelines_without_a_space_or_a_dash_after_the_station() -> None:
    for text in (
        "JACKSON,Tenn.-A man was wounded at a motel on Tuesday night.",
        "GRANT COUNTY, Ky (WXYZ) Troopers say a teen was hurt by a stray bullet.",
    ):
        ctx = state_context(text, geoparse(text))
        assert ctx.state is not None and ctx.state.code in ("TN", "KY"), text


def test_two_us_towns_make_the_state_but_a_town_written_with_another_state_does_not() -> None:
    text = (
        "A man was wounded in Killeen on Friday and taken to a hospital in Waco. "
        "He had moved from Columbus, Ga., last year."
    )
    ctx = state_context(text, geoparse(text))
    assert ctx.state is not None and ctx.state.code == "TX"


def test_one_town_named_twice_is_no_state_of_its_own() -> None:
    text = "On 3 June 2021, in Santa Ana (Santa Ana), bus drivers protested against unpaid wages."
    assert state_context(text, geoparse(text)).state is None


def test_the_headline_states_the_toll_without_the_outlet_s_channel_number() -> None:
    assert headline_toll("3 dead, 4 hurt after gunfire at block party - Channel 9 News").coded == 3
    assert headline_toll("Boy, 9, among 2 killed in shooting at park").coded == 2
    assert headline_toll("Channel 12 - Woman wounded at bus stop").coded == 0
    assert headline_toll(None).coded == 0
    # 'shot' alone is the wounded's word in a headline
    six = headline_toll("6 shot, 1 killed outside corner store")
    assert (six.coded, six.wounded) == (1, 6)
    assert headline_toll("Two shot dead at bus stop").coded == 2
    assert headline_toll("Driver shoots at car, kills girl, 15").coded != 15


def test_a_death_word_says_someone_died_unless_the_words_deny_it() -> None:
    assert death_cue("Man held in fatal shooting at diner").group(0) == "fatal"
    assert death_cue("Charged with murder after the bar fight") is not None
    assert death_cue("Charged with attempted murder after the bar fight") is None
    assert death_cue("Two hurt in non-fatal shooting at park") is None
    assert death_cue("Clerk wounded in robbery") is None


def _tolls(extractor: EventExtractor, text: str, title: str) -> list[int]:
    article = Article(id="t", text=text, title=title, published=PUBLISHED)
    rows = extractor.extract(article).event_rows
    return [r["fatalities"] for r in rows if r["event_type"] == "Violence against civilians"]


def test_a_local_report_s_figures_do_not_add_up_over_its_sentences(
    extractor: EventExtractor,
) -> None:
    text = (
        "DAYTON, Ohio — Two men were shot and killed outside a bakery on Monday night, police "
        "said. Officers arrived at the Four Seasons apartments nearby. It was the city's "
        "third homicide in three days; 14 people have been killed in the city this year."
    )
    assert _tolls(extractor, text, "Two killed outside bakery") == [2]


def test_a_local_report_s_toll_comes_from_its_headline_or_its_death_words(
    extractor: EventExtractor,
) -> None:
    text = (
        "DAYTON, Ohio — A gunman opened fire on a porch on Monday night, police said. "
        "Officers found a woman in the yard. Detectives are asking for tips."
    )
    assert _tolls(extractor, text, "Woman dead after porch shooting") == [1]
    assert _tolls(extractor, text, "1 dead, 2 hurt in porch shooting - Channel 7") == [1]
    assert _tolls(extractor, text, "Police seek porch gunman - Channel 7") == [0]
    assert _tolls(extractor, text, "Woman wounded in porch shooting") == [0]


def test_words_that_count_the_dead_without_a_figure() -> None:
    assert several_dead("Deputies probe a double murder at a farm")[0] == 2
    assert several_dead("the triple homicide on the east side")[0] == 3
    assert several_dead("A man and a woman were killed on Elm Street")[0] == 2
    assert several_dead("Mother and son found dead inside their home")[0] == 2
    assert several_dead("He is accused of killing his wife and daughter")[0] == 2
    assert several_dead("A man and a woman were wounded on Elm Street") is None
    assert several_dead("Two teens were arrested on Friday") is None


def test_a_headline_joining_two_victims_in_one_death_is_two_dead(
    extractor: EventExtractor,
) -> None:
    text = (
        "DAYTON, Ohio — A gunman opened fire on a porch on Monday night, police said. "
        "Officers found the victims in the yard. Detectives are asking for tips."
    )
    assert _tolls(extractor, text, "Man and woman killed in porch shooting") == [2]


_SEVERAL = [
    "A man and a woman were killed in the shooting on Elm Street late Friday.",
    "POLICE SAY A MOTHER AND SON WERE FOUND DEAD INSIDE THE HOME.",
    "Investigators said the suspect is charged with killing his wife and daughter.",
    "The Double Homicide on Route 9 remains unsolved; a triple-murder trial starts Monday.",
    "Officers found a teen, and an adult wounded, but nobody died.",
    "The deaths of the brothers & their cousin shocked the town.",
    "A quadruple shooting death in Kelvin: the \u212aelvin man and his son were slain.",
    "Jo and Ann went to the store; the woman and the girl were not hurt.",
]


@pytest.mark.parametrize("text", _SEVERAL)
def test_the_gated_death_patterns_match_as_the_plain_ones(text: str):
    from eventmap.literal_gate import article

    for pattern in (incident._two_dead(), incident._MULTIPLE_DEATH):
        for slice_ in (text, text[: len(text) // 2]):
            article(text)  # as the extractor does: slices are read from the article's hits
            got, want = pattern.search(slice_), pattern.regex.search(slice_)
            assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups()))


def test_a_report_opening_on_a_hearing_still_gives_its_late_incident(
    extractor: EventExtractor,
) -> None:
    # Nine sentences about a hearing, none violent, then the incident: still the report's.
    text = (
        "DAYTON, Ohio — Relatives filled the courtroom. They wore matching shirts. "
        "Some carried photographs. A pastor led a prayer. The hearing lasted an hour. "
        "The judge set a new date. Lawyers declined to comment. Reporters waited outside. "
        "The boy's aunt spoke briefly. "
        "Police said the boy was shot in the arm at a home on Elm Street."
    )
    rows = extractor.extract(Article(id="t", text=text, published=PUBLISHED)).event_rows
    events = [r for r in rows if r["mention_type"] == "event"]
    assert [(r["location"], r["event_date"]) for r in events] == [("DAYTON", "2016-05-10")]
    # Without a violent sentence anywhere, a report gives no incident.
    calm = text.replace("was shot in the arm", "was praised")
    rows = extractor.extract(Article(id="t", text=calm, published=PUBLISHED)).event_rows
    assert not [r for r in rows if r["mention_type"] == "event"]


def test_the_gated_death_words_answer_as_the_patterns_themselves() -> None:
    """death_cue and several_dead run their patterns gated (literal_gate): the same answers
    as the plain IGNORECASE patterns, in any case and with the look-alike letters."""
    import random
    import re

    cue = re.compile(incident._death_cue().pattern, re.IGNORECASE)
    words = ["A", "man", "was", "KILLED", "Killed", "attempted", "murder", "non-fatal", "DEAD"]
    words += ["double", "homicide", "a", "woman", "and", "were", "slain", "\u017flain", "died"]
    words += ["no", "one", "survived", "shooting", "\u212aILLED", "fatal", "death", "İ", "."]
    rng = random.Random(5)
    for _ in range(2000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 14)))
        denied = incident._NOT_DEATH.regex.search(text)
        plain = None if denied else cue.search(text)
        found = death_cue(text)
        assert (found and (found.span(), found.group(0))) == (
            plain and (plain.span(), plain.group(0))
        )
        if not incident._ANY_DEATH.regex.search(text):
            assert several_dead(text) is None
