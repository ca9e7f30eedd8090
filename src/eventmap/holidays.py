"""Holidays as news English names them ('on Christmas Eve', 'over Memorial Day', 'a Fourth of
July party'): the day each falls on (resources/holidays.tsv: a fixed day, the nth weekday of a
month, or a day from Easter), for dates.py, which reads them relative to publication."""

from __future__ import annotations

import datetime as dt
import re

from eventmap.wordlists import table

_DAYS3 = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def holiday(text: str, published: dt.date) -> dt.date | None:
    """The latest day of the holiday ``text`` names that is not after the day after
    ``published`` (a stamp may lag a day, as for weekdays)."""
    bare = re.sub(r"^on\s+", "", text, flags=re.IGNORECASE)
    for pattern, rule in table("holidays.tsv"):
        if any(re.fullmatch(pattern, t, re.IGNORECASE) for t in (text, bare)):
            for year in (published.year, published.year - 1):
                day = _holiday_in(rule, year)
                if day <= published + dt.timedelta(days=1):
                    return day
    return None


def _month_end(day: dt.date) -> dt.date:
    nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def _holiday_in(rule: str, year: int) -> dt.date:
    parts = rule.split()
    if parts[0] == "easter":
        return _easter(year) + dt.timedelta(days=int(parts[1]) if len(parts) > 1 else 0)
    if len(parts) == 1:
        month, day = (int(x) for x in parts[0].split("-"))
        return dt.date(year, month, day)
    nth, weekday, month = int(parts[0]), _DAYS3.index(parts[1]), int(parts[2])
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = _month_end(dt.date(year, month, 1))
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> dt.date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)
