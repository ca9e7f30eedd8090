"""Holidays' days (eventmap/holidays.py): the latest one not after the day after publication."""

import datetime as dt

from eventmap.holidays import holiday


def test_a_holiday_is_its_latest_day_by_publication() -> None:
    assert holiday("Thanksgiving", dt.date(2017, 1, 25)) == dt.date(2016, 11, 24)
    assert holiday("on Easter Sunday", dt.date(2024, 4, 2)) == dt.date(2024, 3, 31)
    assert holiday("Memorial Day", dt.date(2024, 5, 25)) == dt.date(2023, 5, 29)
    # a report stamped the day before tells of the holiday that night
    assert holiday("Halloween", dt.date(2016, 10, 30)) == dt.date(2016, 10, 31)
    assert holiday("a picnic", dt.date(2016, 10, 30)) is None
