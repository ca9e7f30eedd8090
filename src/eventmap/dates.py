"""When things happened, read from the text relative to the publication date.

dateparser reads the explicit dates ('5 December 2024', 'Dec. 3'); our rules handle what news
English leaves relative, with ACLED's time precision: a weekday equal to the publication's
weekday is that day (1), another weekday is the latest one before it (1), 'last week' is a
window (2, coded at its midpoint), 'last month' a month (3). No date, no dated event.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import dateparser

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "explicit",
        re.compile(
            rf"\b(?:(?:on\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\.?(?:,?\s+\d{{4}})?"
            rf"|(?:on\s+)?(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
            r"|\d{4}-\d{2}-\d{2})\b",
            re.IGNORECASE,
        ),
    ),
    (
        "month",
        re.compile(
            rf"\bin\s+(?:early\s+|late\s+|mid-?)?(?:{_MONTHS})(?:\s+\d{{4}})?\b", re.IGNORECASE
        ),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?:(?:on|last|this\s+past|early\s+on|late\s+on)\s+)?"
            r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
            r"(?:\s+(?:morning|afternoon|evening|night))?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "today",
        re.compile(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b", re.IGNORECASE),
    ),
    ("yesterday", re.compile(r"\b(?:yesterday|last\s+night)\b", re.IGNORECASE)),
    ("last_week", re.compile(r"\b(?:last|past|previous)\s+week\b", re.IGNORECASE)),
    ("this_week", re.compile(r"\b(?:earlier\s+)?this\s+week\b", re.IGNORECASE)),
    ("last_month", re.compile(r"\b(?:last|past|previous)\s+month\b", re.IGNORECASE)),
)


@dataclass(frozen=True, slots=True)
class DateRef:
    """A date expression and the window it stands for."""

    text: str
    start_offset: int
    end_offset: int
    date_start: dt.date
    date_end: dt.date
    precision: int
    rule: str

    @property
    def event_date(self) -> dt.date:
        """ACLED codes a window at its midpoint."""
        return self.date_start + (self.date_end - self.date_start) / 2


def find_dates(text: str, published: dt.date | None, offset: int = 0) -> list[DateRef]:
    """Date expressions in ``text`` (a sentence) resolved against the publication date."""
    found: list[DateRef] = []
    taken: list[tuple[int, int]] = []
    for rule, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            ref = _resolve(rule, m, published, offset)
            if ref is not None:
                found.append(ref)
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda r: r.start_offset)


def _resolve(rule: str, m: re.Match[str], published: dt.date | None, offset: int) -> DateRef | None:
    text = m.group(0)
    start = end = None
    precision = 1
    if rule == "explicit":
        has_year = re.search(r"\d{4}", text) is not None
        # Without a year the publication's year is meant; a result after publication is then
        # a plan ('on December 9' in a 7 December article), not last year's event.
        settings = {
            "PREFER_DATES_FROM": "past" if has_year else "current_period",
            "RETURN_AS_TIMEZONE_AWARE": False,
        }
        if published is not None:
            settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time(12))
        parsed = dateparser.parse(
            re.sub(r"^on\s+", "", text, flags=re.IGNORECASE), languages=["en"], settings=settings
        )
        if parsed is None:
            return None
        start = end = parsed.date()
        if published is not None and start > published:
            return None  # a date after publication is a plan, not an event
    elif published is None:
        return None  # relative expressions need the publication date
    elif rule == "month":
        settings = {
            "PREFER_DATES_FROM": "past",
            "RELATIVE_BASE": dt.datetime.combine(published, dt.time(12)),
        }
        parsed = dateparser.parse(
            re.sub(r"^in\s+(?:early\s+|late\s+|mid-?)?", "", text, flags=re.IGNORECASE),
            languages=["en"],
            settings=settings,
        )
        if parsed is None:
            return None
        start = parsed.date().replace(day=1)
        end = min(_month_end(start), published)
        precision = 3
    elif rule == "weekday":
        wanted = _WEEKDAYS.index(m.group(1).lower())
        back = (published.weekday() - wanted) % 7
        if back == 0 and text.lower().startswith("last"):
            back = 7
        start = end = published - dt.timedelta(days=back)
    elif rule == "today":
        start = end = published
    elif rule == "yesterday":
        start = end = published - dt.timedelta(days=1)
    elif rule == "last_week":
        monday = published - dt.timedelta(days=published.weekday())
        start, end = monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
        precision = 2
    elif rule == "this_week":
        monday = published - dt.timedelta(days=published.weekday())
        start = monday
        end = published - dt.timedelta(days=1) if "earlier" in text.lower() else published
        end = max(start, end)
        precision = 2
    elif rule == "last_month":
        first = published.replace(day=1)
        end = first - dt.timedelta(days=1)
        start = end.replace(day=1)
        precision = 3
    if start is None or end is None:
        return None
    return DateRef(text, offset + m.start(), offset + m.end(), start, end, precision, rule)


def _month_end(day: dt.date) -> dt.date:
    nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)
