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
