"""The day of a local report's incident (events/incident_day.py): not an arrest's, a
hearing's or the report's own.

Every sentence here is invented for the tests.
"""

import datetime as dt
from collections.abc import Callable

import pytest

from eventmap.article import Article
from eventmap.dates import find_dates
from eventmap.events import EventExtractor
from eventmap.events.incident_day import incident_date, naming_days, procedural
from eventmap.geoparse import sentence_bounds

PUBLISHED = dt.date(2016, 5, 10)  # a Tuesday
MainEvent = Callable[..., dict]  # conftest.main_event: a report's deadliest dated event


def test_an_undated_lede_takes_the_day_from_the_sentence_after_it() -> None:
    text = "A man was shot outside a bar. It happened around 1 a.m. Sunday, police said."
    sentences = sentence_bounds(text)
    date, source = incident_date(text, sentences, 0, PUBLISHED)
    assert date is not None and date.event_date == dt.date(2016, 5, 8)
    assert source == "inherited"


def test_a_report_with_no_day_but_a_weekend_takes_the_weekend() -> None:
    text = "A man was arrested in a weekend shooting that killed two. He is held in the jail."
    date, source = incident_date(text, sentence_bounds(text), 0, PUBLISHED)
    assert date is not None and (date.event_date, date.precision) == (dt.date(2016, 5, 7), 2)
    assert source == "inherited"
    # a day the report gives beats its weekend
    text = "Two men were shot over the weekend. It happened at 1 a.m. Sunday."
    date, _ = incident_date(text, sentence_bounds(text), 0, PUBLISHED)
    assert date is not None and date.event_date == dt.date(2016, 5, 8)


def test_no_date_anywhere_falls_back_to_the_publication_day_as_inferred() -> None:
    text = "A teenager was shot in the leg. He is expected to recover."
    date, source = incident_date(text, sentence_bounds(text), 0, PUBLISHED)
    assert date is not None and date.event_date == PUBLISHED and date.text == ""
    assert source == "lede"


def test_the_day_of_a_charge_is_not_the_shooting_s_day(main_event: MainEvent) -> None:
    text = (
        "DOVER, Del. — A man was charged Friday in the shooting death of a cook outside a diner."
        "\n\nThe cook was shot Nov. 28 as he left work, police said."
    )
    row = main_event(text, dt.date(2016, 1, 8))
    assert row["event_date"] == "2015-11-28"


def test_a_follow_up_without_the_incident_s_day_is_dated_at_publication_as_inferred(
    main_event: MainEvent,
) -> None:
    # the sentencing's day is not the shooting's; with no other day the report stands for
    # its incident at its own day, marked inferred (no date text), so the corpus merge can
    # take the incident's day from the reports it shares names with
    text = (
        "A teen was sentenced Monday for the shooting of a bus driver, police in Akron, Ohio, said."
    )
    row = main_event(text)
    assert (row["event_date"], row["date_text"]) == (PUBLISHED.isoformat(), "")


def test_a_date_of_the_report_or_of_a_step_before_it_is_not_the_incidents() -> None:

    def steps(text: str) -> list[tuple[str, bool]]:
        return [(d.text, procedural(text, d)) for d in find_dates(text, PUBLISHED)]

    assert steps("Deputies said Monday that a woman was wounded Sunday night.") == [
        ("Monday", True),
        ("Sunday night", False),
    ]
    assert steps("Troopers on Friday arrested a man who fired at a bus Thursday.") == [
        ("on Friday", True),
        ("Thursday", False),
    ]
    assert steps("The sheriff named the victim of Saturday's shooting.") == [("Saturday", False)]
    assert steps("A clerk was shot Saturday, the sheriff said.") == [("Saturday", False)]
    # a patient's state on a later day, a clause opened by the day its speaker spoke
    assert steps("The boy remained in critical condition Monday.") == [("Monday", True)]
    assert steps("On Monday, the county coroner said the driver had died.") == [("On Monday", True)]
    assert steps("Fire crews were notified Sunday of a body in the river.") == [("Sunday", True)]
    # ... but not when the violence comes first: the day is the shooting's
    assert steps("On Sunday, a cook was shot behind a diner, deputies said.") == [
        ("On Sunday", False)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "A hunting trip ended in grief near Tama, Iowa. It happened about 7 a.m. Saturday, "
        "Dec. 27, in a field outside town. Jo Doe, 12, of Traer, died after being struck by a "
        "bullet from a rifle, deputies said.",
        "The sheriff's office is looking into what went wrong on Saturday morning. Jo Doe, 12, "
        "of Traer, Iowa, died after being struck by a bullet from a rifle, deputies said.",
    ],
)
def test_the_day_told_before_the_victims_sentence_is_the_incidents(
    main_event: MainEvent, text: str
) -> None:
    row = main_event(text, published=dt.date(2014, 12, 29))
    assert row["event_date"] == "2014-12-27"


def test_a_day_told_late_in_the_report_beats_the_publication_day(
    main_event: MainEvent,
) -> None:
    text = (
        "MACON, Ga. — A man died after being shot outside a gas station, deputies said. "
        "His name was not released. Relatives gathered near the pumps. A neighbour said the "
        "area had been quiet for years. Investigators asked anyone with video to call them. "
        "The station stayed closed. Deputies were first called to the station about 11 p.m. "
        "Sunday."
    )
    assert main_event(text)["event_date"] == "2016-05-08"


def test_a_follow_up_with_only_a_court_and_an_arrest_day_takes_the_publication_day(
    main_event: MainEvent,
) -> None:
    text = (
        "MACON, Ga. — A teenager was charged with murder in the death of a man who was shot "
        "outside a gas station. He appeared in court Monday. The teenager was arrested Friday."
    )
    row = main_event(text)
    assert (row["event_date"], row["date_text"]) == (PUBLISHED.isoformat(), "")


def test_a_month_or_week_is_refined_by_the_day_the_report_gives(
    main_event: MainEvent,
) -> None:
    text = (
        "DAYTON, Ohio — A boy was shot last month in Dayton, his family said. The boy was hit "
        "in the shoulder on April 12 while he played outside."
    )
    row = main_event(text)
    assert row["event_date"] == "2016-04-12"
    # a day of a later step inside the month is not the shooting's
    text = "DAYTON, Ohio — A boy was shot last month in Dayton. His father was arrested April 12."
    assert main_event(text)["time_precision"] == 3


def test_a_day_that_names_the_incident_beats_the_day_of_an_arrest(
    main_event: MainEvent,
) -> None:

    text = "Deputies in Akron, Ohio, said Friday a teen was arrested in the April 23 shooting."
    assert [d.text for d in naming_days(text, PUBLISHED)] == ["April 23"]
    assert [
        d.text for d in naming_days("After Saturday's deadly shooting, a vigil.", PUBLISHED)
    ] == ["Saturday"]
    text = (
        "STAMFORD, Conn. — A man was charged last week with wounding his neighbor. He turned "
        "himself in a few days after the April 23 shooting, police said."
    )
    assert main_event(text)["event_date"] == "2016-04-23"


def test_a_page_s_rules_of_dots_are_no_sentences_of_the_report(
    main_event: MainEvent,
) -> None:
    text = ".......... " * 20 + (
        "\n\nDAYTON, Ohio — A man was wounded in a shooting outside a Dayton bar late Monday "
        "night.\n\nNo arrests had been made by Tuesday afternoon, police said."
    )
    assert main_event(text)["event_date"] == "2016-05-09"


def test_the_day_a_statement_was_issued_is_a_step() -> None:
    text = "The county issued a statement Thursday about the man shot Tuesday night."
    assert [(d.text, procedural(text, d)) for d in find_dates(text, PUBLISHED)] == [
        ("Thursday", True),
        ("Tuesday night", False),
    ]


def test_a_sentencing_report_takes_the_day_its_text_names_the_killing_by(
    main_event: MainEvent,
) -> None:
    text = (
        "ERIE, Pa. — A woman was sentenced Monday to 20 years in prison for killing her "
        "landlord. A jury convicted her in March. Prosecutors said the Oct. 14 stabbing "
        "followed a dispute over rent."
    )
    assert [d.text for d in naming_days(text, PUBLISHED)] == ["Oct. 14"]
    assert main_event(text)["event_date"] == "2015-10-14"


def test_a_clause_opened_by_its_day_and_a_step_is_the_step_s() -> None:
    text = (
        "On Tuesday, deputies arrested the babysitter who was watching the boy at the time "
        "of the shooting."
    )
    assert [(d.text, procedural(text, d)) for d in find_dates(text, PUBLISHED)] == [
        ("On Tuesday", True)
    ]


def test_a_step_reaches_past_its_object_but_not_past_the_incident() -> None:
    def steps(text: str) -> list[tuple[str, bool]]:
        return [(d.text, procedural(text, d)) for d in find_dates(text, PUBLISHED)]

    assert steps("The teen was released from the Marion County detention center on Monday.") == [
        ("on Monday", True)
    ]
    assert steps("Troopers arrested Jo Doe, 19, and Al Roe, 22, on Friday.") == [
        ("on Friday", True)
    ]
    # the incident told between the step and the day: the day is the incident's
    assert steps("A man was arrested Friday in connection with the shooting on May 1.") == [
        ("Friday", True),
        ("on May 1", False),
    ]
    assert steps("An affidavit released Monday tells what happened on April 3 at the house.") == [
        ("Monday", True),
        ("on April 3", False),
    ]
    # a speaker farther back tells a clause of its own
    text = (
        "He says he was at home playing cards with his daughter Monday evening when shots rang out."
    )
    assert steps(text) == [("Monday evening", False)]


def test_the_day_the_report_names_its_incident_by_beats_a_later_sentence_s_day() -> None:
    text = (
        "In April, a gunman fired at a dozen people outside a bar. Relatives visited the "
        "bartender Saturday at the hospital. He has not walked since the April 12 shooting."
    )
    date, source = incident_date(text, sentence_bounds(text), 0, PUBLISHED)
    assert date is not None and (date.text, source) == ("April 12", "inherited")


def test_the_dot_of_a_clock_time_ends_no_clause() -> None:
    text = "He was released from jail after posting bail shortly before 8 a.m. Monday."
    assert [(d.text, procedural(text, d)) for d in find_dates(text, PUBLISHED)] == [
        ("Monday", True)
    ]
    # ... and 'the night of' tells the incident's day, whatever street name comes before
    text = "Officers were called to a home on Elm Court around 11:40 p.m. the night of May 4."
    assert [(d.text, procedural(text, d)) for d in find_dates(text, PUBLISHED)] == [
        ("May 4", False)
    ]


@pytest.mark.parametrize(
    ("text", "step"),
    [
        ("A woman died Saturday, a week after she was wounded in a drive-by.", True),
        ("Jo Doe died at a hospital on Sunday as a result of his injuries.", True),
        ("The clerk died from his wounds Sunday morning, police said.", True),
        # the day of the shooting, or a death the same day
        ("A man died after being shot early Saturday, days after a fight.", False),
        ("A man was shot and died Sunday at the scene.", False),
        ("The boy died Friday after he was shot by a friend.", False),
    ],
)
def test_the_day_a_victim_died_later_is_no_day_of_the_incident(text: str, step: bool) -> None:
    (date,) = [d for d in find_dates(text, PUBLISHED) if d.precision == 1]
    assert procedural(text, date) is step


@pytest.mark.parametrize(
    ("text", "steps"),
    [
        # the death's day, then the shooting's own day in the same clause
        ("A cook died Thursday after being shot in the chest Monday night.", [True, False]),
        ("Jo Doe, 16, died Sunday, days after he was wounded on May 2.", [True, False]),
        # a day in the next sentence is no cause of this death
        ("A cook died Thursday after surgery. He had been shot Monday.", [False, False]),
    ],
)
def test_a_death_told_after_its_dated_shooting_is_a_later_day(text: str, steps: list[bool]) -> None:
    assert [procedural(text, d) for d in find_dates(text, PUBLISHED)] == steps


@pytest.mark.parametrize(
    ("text", "steps"),
    [
        # what was said, opened by its own date, is that day's
        ("Police said on Feb. 12, Jo Doe's son found her gun and shot her.", [False]),
        ("Police said on Feb. 12 that the boy was hurt.", [True]),
        ("Police said on Feb. 12, adding that the boy was hurt.", [True]),
        # taken into hospital after the violence: its day; a lasting state is a later one's
        ("A girl was hospitalized Thursday evening after a bullet hit her home.", [False]),
        ("The boy remained hospitalized Friday after the shooting.", [True]),
        ("Two were hospitalized Monday after being shot Sunday.", [True, False]),
    ],
)
def test_a_said_or_a_hospital_s_day_may_be_the_incident_s(text: str, steps: list[bool]) -> None:
    assert [procedural(text, d) for d in find_dates(text, PUBLISHED)] == steps


def test_the_day_of_an_arraignment_or_an_arrest_is_a_step() -> None:
    for text in (
        "He was charged with robbery at his Saturday arraignment, prosecutors said.",
        "His aunt would not comment on the arrest today, saying only that she was sad.",
    ):
        (date,) = find_dates(text, PUBLISHED)
        assert procedural(text, date), text
    # an arrest's papers tell of the incident's day
    text = "According to an arrest affidavit, officers responded to Elm Street on April 21."
    (date,) = find_dates(text, PUBLISHED)
    assert not procedural(text, date)


def test_a_later_death_takes_the_day_of_the_shooting(main_event: MainEvent) -> None:
    text = (
        "LITTLE ROCK, Ark. — A man wounded in a November 2 shooting on Main Street has died. "
        "Jo Doe, 38, died at a hospital on Sunday as a result of his injuries, police said."
    )
    assert main_event(text, dt.date(2016, 11, 22))["event_date"] == "2016-11-02"


@pytest.mark.parametrize(
    ("text", "steps"),
    [
        # the call that reported the incident came in on the incident's day
        ("The stabbing was reported around 9:15 p.m. Sunday near a gas station.", [False]),
        ("Shots were reported shortly after 1 a.m. Saturday on Oak Lane.", [False]),
        ("Police reported Sunday that a teen was hurt.", [True]),
        # a patient's state since a day began that day; a jail stay began with the arrest
        ("The clerk has been in serious condition since Friday night.", [False]),
        ("The suspect has been held in the county jail since Friday.", [True]),
        # a statement's day is the report's, the day it tells stays the incident's
        ("Deputies stated Thursday that the boy had been hit.", [True]),
        ("A statement Monday said a man was shot at 9 p.m. Saturday.", [True, False]),
        # what was said, with its own day: 'stated that on Saturday ...'
        ("Both men stated that on Saturday a car began shooting at them.", [False]),
    ],
)
def test_a_report_of_the_incident_itself_tells_its_day(text: str, steps: list[bool]) -> None:
    assert [procedural(text, d) for d in find_dates(text, PUBLISHED)] == steps


def test_a_report_dated_only_by_an_arrest_reads_its_incident_s_day(
    extractor: EventExtractor,
) -> None:
    text = (
        "Two more arrested in Elmwood rink shooting\n\n"
        "ELMWOOD, Ill. — Peoria County sheriff's deputies on Monday arrested two more men in "
        "the Aug. 2 shooting outside a skating rink in Elmwood that resulted in the death of a "
        "19-year-old woman and injuries to four other people.\n\n"
        "Both men are held without bail at the county jail. A judge set their hearing for May. "
        "Their lawyers declined to comment.\n\n"
        "The woman died at the scene with a gunshot wound to the head, the reports state. "
        "Two of the wounded were shot in the leg."
    )
    article = Article(id="t", text=text, published=dt.date(2016, 9, 13))
    rows = [r for r in extractor.extract(article).event_rows if r["mention_type"] == "event"]
    days = {(r["event_type"], r["event_date"]) for r in rows}
    # the arrest keeps its own day; the shooting is dated by the day the report names it by
    assert ("Strategic developments", "2016-09-12") in days
    assert ("Violence against civilians", "2016-08-02") in days


def test_a_month_takes_the_day_the_report_names_its_incident_by() -> None:
    from eventmap.article import article_from_text
    from eventmap.events import extract_events

    text = (
        "Detectives in Dayton are asking for help finding two men who fired into an "
        "apartment, wounding a woman in March near Oak Street.\n\n"
        "She was taken to a hospital in stable condition after the March 14 incident on "
        "Pine Road, police said."
    )
    events = extract_events(article_from_text(text, {"published": "2019-05-02"})).events
    assert list(events["event_date"]) == ["2019-03-14"]


def test_the_gated_step_scans_find_what_the_plain_patterns_find() -> None:
    from eventmap.events import incident_day as module

    windows = [
        "The man was ARRESTED and Charged, police Said",
        "officers told reporters, and the suspect was booked into jail",
        "a vigil was held; the family Stated that",
        "nothing of the kind happened here",
    ]
    pairs = [
        (module._PROCEDURE_GATED, module._PROCEDURE),
        (module._REPORTING_GATED, module._REPORTING),
        (module._STEP_GATED, module._STEP),
    ]
    for gated_pattern, plain in pairs:
        for window in windows:
            expected = [m.span() for m in plain.finditer(window)]
            assert [m.span() for m in gated_pattern.finditer(window)] == expected
            found, first = gated_pattern.search(window), plain.search(window)
            assert (found and found.span()) == (first and first.span())
