import datetime as dt

import pytest

from eventmap.dates import find_dates

PUB = dt.date(2024, 12, 7)  # a Saturday


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("On Saturday, SANA reported", "2024-12-07", "2024-12-07", 1),
        ("on Friday night", "2024-12-06", "2024-12-06", 1),
        ("last Saturday", "2024-11-30", "2024-11-30", 1),
        ("early Sunday", "2024-12-08", "2024-12-08", 1),  # the day after the stamp
        ("last Sunday", "2024-12-01", "2024-12-01", 1),
        ("on Monday", "2024-12-02", "2024-12-02", 1),
        ("shot on Thanksgiving Day", "2024-11-28", "2024-11-28", 1),
        ("a Fourth of July party", "2024-07-04", "2024-07-04", 1),
        ("on Christmas Eve", "2023-12-24", "2023-12-24", 1),  # the latest one before
        ("over Memorial Day", "2024-05-27", "2024-05-27", 1),
        ("on Easter Sunday", "2024-03-31", "2024-03-31", 1),
        ("yesterday", "2024-12-06", "2024-12-06", 1),
        ("today", "2024-12-07", "2024-12-07", 1),
        ("fighting erupted last week", "2024-11-25", "2024-12-01", 2),
        ("Earlier this week, Lavrov said", "2024-12-02", "2024-12-06", 2),
        ("last month", "2024-11-01", "2024-11-30", 3),
        ("in November", "2024-11-01", "2024-11-30", 3),
        ("On 5 December 2024 forces", "2024-12-05", "2024-12-05", 1),
        ("on December 3", "2024-12-03", "2024-12-03", 1),
        ("2024-12-01", "2024-12-01", "2024-12-01", 1),
    ],
)
def test_rules(text: str, start: str, end: str, precision: int) -> None:
    (ref,) = find_dates(text, PUB)
    assert (ref.date_start.isoformat(), ref.date_end.isoformat(), ref.precision) == (
        start,
        end,
        precision,
    )


def test_week_is_coded_at_its_midpoint() -> None:
    (ref,) = find_dates("last week", PUB)
    assert ref.event_date == dt.date(2024, 11, 28)


def test_future_dates_are_plans_not_events() -> None:
    assert find_dates("talks on December 9", PUB) == []


def test_relative_dates_need_a_publication_date() -> None:
    assert find_dates("On Saturday", None) == []
    assert find_dates("On 5 December 2024", None)[0].date_start == dt.date(2024, 12, 5)


def test_offsets_point_into_the_text() -> None:
    text = "Forces advanced on Friday."
    (ref,) = find_dates(text, PUB, offset=100)
    assert text[ref.start_offset - 100 : ref.end_offset - 100] == "on Friday"


def test_explicit_dates_are_read_without_a_general_parser():
    import datetime as dt

    from eventmap.dates import find_dates

    pub = dt.date(2021, 3, 9)
    assert [d.event_date for d in find_dates("On 3 March 2021, it rained.", pub)] == [
        dt.date(2021, 3, 3)
    ]
    assert [d.event_date for d in find_dates("It rained on Mar. 4.", pub)] == [dt.date(2021, 3, 4)]
    assert [d.event_date for d in find_dates("Filed 2021-02-28.", pub)] == [dt.date(2021, 2, 28)]
    assert find_dates("On 31 April 2020 nothing could happen.", pub) == []
    assert find_dates("A vote is due on 20 March.", pub) == []  # after publication: a plan
    (month,) = find_dates("It began in November.", pub)
    assert month.date_start == dt.date(2020, 11, 1) and month.precision == 3


def test_a_month_and_day_months_ahead_of_publication_is_last_year_s() -> None:
    import datetime as dt

    from eventmap.dates import find_dates

    january = dt.date(2017, 1, 12)
    (ref,) = find_dates("The robbery happened Nov. 30 near the depot.", january)
    assert ref.event_date == dt.date(2016, 11, 30)
    assert find_dates("The hearing is set for Jan. 20.", january) == []


def test_a_weekday_before_an_explicit_date_only_names_it() -> None:
    import datetime as dt

    from eventmap.dates import find_dates

    refs = find_dates("It happened on Friday, March 4, 2016, downtown.", dt.date(2016, 6, 1))
    assert [r.event_date for r in refs] == [dt.date(2016, 3, 4)]


def test_holidays_are_days_of_the_latest_year_they_fall_before_publication() -> None:
    jan2 = dt.date(2017, 1, 2)
    assert [r.event_date for r in find_dates("fired on New Year's Eve", jan2)] == [
        dt.date(2016, 12, 31)
    ]
    assert [r.event_date for r in find_dates("a New Years Day brawl", jan2)] == [
        dt.date(2017, 1, 1)
    ]
    assert [r.event_date for r in find_dates("a Labor Day cookout", dt.date(2015, 9, 9))] == [
        dt.date(2015, 9, 7)
    ]
    # a bare 'Christmas' (lights, a party) and 'Eastern' are no days
    assert find_dates("Christmas lights lit the Eastern side of the street", jan2) == []


def test_a_page_s_stamp_is_no_event_s_day() -> None:
    pub = dt.date(2016, 3, 9)
    assert find_dates("Posted: Tuesday, March 8, 2016 6:12 PM CST", pub) == []
    assert find_dates("UPDATE (March 8 2016, 9 a.m.): the road reopened", pub) == []
    # the same day told as what happened stays
    assert [r.text for r in find_dates("The store was robbed March 8, 2016.", pub)] == [
        "March 8, 2016"
    ]


def test_a_day_that_names_an_incident_is_past_not_a_plan() -> None:
    pub = dt.date(2016, 3, 9)
    # months ahead without a year: a plan, unless the day names the shooting it was
    assert find_dates("A hearing is set for May 2.", pub) == []
    refs = find_dates("Two men were charged in the May 2 shooting at the lake.", pub)
    assert [r.event_date for r in refs] == [dt.date(2015, 5, 2)]


def test_a_holiday_the_day_after_the_stamp_is_this_year_s() -> None:
    # a report stamped the day before Halloween, telling of that night
    refs = find_dates("shot on Halloween night", dt.date(2016, 10, 30))
    assert [r.event_date for r in refs] == [dt.date(2016, 10, 31)]


def test_a_day_names_an_incident_with_its_modifiers_or_its_possessive() -> None:
    from eventmap.dates import incident_noun_after

    def names(text: str) -> bool:
        (ref,) = find_dates(text, dt.date(2016, 3, 9))
        return incident_noun_after(text, ref.end_offset)

    assert names("Mourners recalled Sunday's drive-by shooting on Elm Street.")
    assert names("A suspect in the Feb. 2 fatal stabbing was arrested.")
    assert names("Detectives reopened the Jan. 30 death of a clerk.")
    # the day of something else, followed by a shooting in another phrase
    assert not names("He was arraigned Monday for the shooting of his cousin.")
    assert not names("Police said Monday a shooting left one man hurt.")


def test_a_weekday_that_names_an_incident_is_never_the_day_after_the_stamp() -> None:
    pub = dt.date(2019, 5, 9)  # a Thursday
    # told on its own, a Friday is the day after a stamp a day early ...
    assert [r.event_date for r in find_dates("The parade starts Friday.", pub)] == [
        dt.date(2019, 5, 10)
    ]
    # ... but the Friday that names a shooting is last week's
    for text in (
        "A teenager was charged in Friday's drive-by shooting on Oak Street.",
        "Neighbours still talk about the Friday night shooting at the park.",
    ):
        assert [r.event_date for r in find_dates(text, pub)] == [dt.date(2019, 5, 3)], text


def test_a_stamp_with_its_clock_time_and_a_weekday_naming_a_later_date_are_no_event_s() -> None:
    friday = dt.date(2016, 11, 25)
    # the page's stamp, written with its time of day
    assert find_dates("Last updated at 10:39 a.m. on Sunday, Nov. 27 Police said", friday) == []
    assert find_dates("Posted at 5:02 PM EST on Thursday. Two were shot.", friday) == []
    # a weekday that names a date after publication is that date's (a plan), not last Sunday
    assert find_dates("The vigil is on Sunday, Nov. 27.", friday) == []
    # a weekday on its own is still a day
    assert [r.text for r in find_dates("He was shot Sunday at 10:39 a.m.", friday)] == ["Sunday"]


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        # the weekend just past, Friday night to Sunday, coded at its Saturday
        ("Two men were shot over the weekend.", "2019-05-08", "2019-05-03", "2019-05-05"),
        ("A man was held in a weekend shooting.", "2019-05-06", "2019-05-03", "2019-05-05"),
        ("Jo Doe was hurt during the holiday weekend.", "2019-05-28", "2019-05-24", "2019-05-26"),
        # the one before, in a weekend's report
        ("A bar was shot at last weekend.", "2019-05-05", "2019-04-26", "2019-04-28"),
    ],
)
def test_a_weekend_is_the_one_just_past(text: str, published: str, start: str, end: str) -> None:
    from eventmap.dates import weekend_dates

    (ref,) = weekend_dates(text, dt.date.fromisoformat(published))
    assert (ref.date_start.isoformat(), ref.date_end.isoformat(), ref.precision) == (
        start,
        end,
        2,
    )
    assert ref.event_date.weekday() == 5  # a Saturday
    # the weekend is no date of find_dates: beside a day it is only the day's setting
    assert find_dates(text, dt.date.fromisoformat(published)) == []


def test_a_weekend_ahead_or_without_violence_is_no_weekend_of_the_report() -> None:
    from eventmap.dates import weekend_dates

    wednesday = dt.date(2019, 5, 8)
    assert weekend_dates("A vigil is planned this weekend.", wednesday) == []
    assert weekend_dates("They left for a weekend getaway.", wednesday) == []


def test_a_day_counted_from_a_date_is_that_day() -> None:
    pub = dt.date(2017, 1, 25)
    refs = find_dates("It happened at 3:30 a.m., two days after Thanksgiving.", pub)
    assert [(r.text, r.event_date) for r in refs] == [
        ("two days after Thanksgiving", dt.date(2016, 11, 26))
    ]
    refs = find_dates("A week before Christmas Day, two men were shot.", pub)
    assert [r.event_date for r in refs] == [dt.date(2016, 12, 18)]
    # a counted day after publication is none; a date that names the incident stays its own
    assert find_dates("He will be sentenced three days after Jan. 24.", pub) == []
    refs = find_dates("He was questioned six days after the Jan. 2 shooting.", pub)
    assert [r.event_date for r in refs] == [dt.date(2017, 1, 2)]
