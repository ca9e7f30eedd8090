"""When things happened, read from the text relative to the publication date.

Explicit dates ('5 December 2024', 'Dec. 3', '2024-12-05') are read by the patterns below
directly (a general date parser costs milliseconds a call, more than the rest of a short
report's extraction); our rules handle what news
English leaves relative, with ACLED's time precision: a weekday equal to the publication's
weekday is that day (1), another weekday is the latest one before it (1), 'last week' is a
window (2, coded at its midpoint), 'last month' a month (3). No date, no dated event.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from eventmap.holidays import holiday
from eventmap.literal_gate import gated
from eventmap.start_set import with_start_set
from eventmap.wordlists import entries, table

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# The words of a calendar: a capitalised one is a date's, never a person's or a place's.
CALENDAR_WORDS = frozenset((*_WEEKDAYS, *MONTH_NAMES))
# Words that date, never name: 'in Memphis Tuesday' is Memphis on a Tuesday, not a name
# 'Memphis Tuesday' as 'Paris Hilton' is one. Not 'May': a surname too ('Theresa May').
TIME_WORDS = CALENDAR_WORDS - {"may"}
_MONTHS = "|".join(MONTH_NAMES) + "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
# A month written before its day ('Nov 3', 'Jun. 24th'), matched where the month starts: the
# geoparser reads 'Nov' there as the date, not Nov in Tajikistan.
MONTH_BEFORE_DAY = re.compile(rf"(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b", re.IGNORECASE)
# A sentence cut at an abbreviated month's stop ('... on Friday, Feb.' + '24 around 6 p.m.'):
# its date reads on into the next one (not 'May.': a whole word that may end a sentence).
_CUT_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.\Z", re.I)
_DAY_AFTER_CUT = re.compile(r"[ \t]*\d{1,2}(?:st|nd|rd|th)?\b(?:,?[ \t]+\d{4}\b)?")


def date_end(text: str, end: int) -> int:
    """Where the dates of the sentence ending at ``end`` end: past its end when it was cut
    inside a date after an abbreviated month ('Feb.' then '24'), else ``end``."""
    if not _CUT_MONTH.search(text, max(0, end - 6), end):
        return end
    day = _DAY_AFTER_CUT.match(text, end)
    return day.end() if day else end


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
        "holiday",
        re.compile(
            rf"\b(?:on\s+)?(?:{'|'.join(f'(?:{h})' for h, _ in table('holidays.tsv'))})\b",
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

# Most sentences hold no date: the literal gate skips the scans that cannot match.
_GATED = tuple((rule, gated(pattern)) for rule, pattern in _PATTERNS)


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
    return list(_find_dates(text, published, offset))


# The incident reader asks for the whole report's dates again for each sentence it reads,
# and the redating for the same windows: the answers kept for the last texts asked about.
@functools.lru_cache(maxsize=16)
def _find_dates(text: str, published: dt.date | None, offset: int) -> tuple[DateRef, ...]:
    found: list[DateRef] = []
    taken: list[tuple[int, int]] = []
    for rule, pattern in _GATED:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            ref = _resolve(rule, m, published, offset)
            if ref is not None:
                found.append(ref)
                taken.append((m.start(), m.end()))
    found.sort(key=lambda r: r.start_offset)
    found = [_offset(text, r, published, offset) for r in found]
    # 'Wednesday, July 9, 2014': the weekday only names the explicit date after it
    return tuple(
        r
        for k, r in enumerate(found)
        if r is not None
        if not (
            r.rule == "weekday"
            and k + 1 < len(found)
            and found[k + 1].rule == "explicit"
            and _JUST_COMMA.fullmatch(
                text, r.end_offset - offset, found[k + 1].start_offset - offset
            )
        )
        # ... even one that is no event's ('Sunday, Nov. 27', a stamp after publication)
        and not (r.rule == "weekday" and _DATE_NAMED.match(text, r.end_offset - offset))
        and not _STAMP.search(text, max(0, r.start_offset - offset - 40), r.start_offset - offset)
    )


# 'two days after Thanksgiving', 'a week before Christmas': a day counted from a date.
_COUNTED = re.compile(
    r"\b(a|one|two|three|four|five|six|seven|\d)\s+(days?|weeks?)\s+(after|before)\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _offset(text: str, ref: DateRef, published: dt.date | None, offset: int) -> DateRef | None:
    """``ref``, or the day a count before it names ('two days after Thanksgiving' is the
    Saturday; none when that lies after publication). Not when the date names an incident:
    'six days after the Dec. 6 shooting' is a later step's day beside the incident's."""
    start = ref.start_offset - offset
    m = _COUNTED.search(text, max(0, start - 30), start)
    if m is None or ref.precision != 1 or incident_noun_after(text, ref.end_offset - offset):
        return ref
    n = int(m.group(1)) if m.group(1).isdigit() else _NUMBERS[m.group(1).lower()]
    days = n * (7 if m.group(2).lower().startswith("week") else 1)
    day = ref.date_start + dt.timedelta(days=days if m.group(3).lower() == "after" else -days)
    if published is not None and day > published:
        return None
    span = text[m.start() : ref.end_offset - offset]
    return DateRef(span, offset + m.start(), ref.end_offset, day, day, 1, "counted")


@functools.cache
def _names_incident() -> re.Pattern[str]:
    """What follows a date that names an incident ('the June 29 shooting', 'Saturday's
    deadly shooting', 'the April 24 mass shooting'): a past day."""
    nouns = "|".join(entries("incident_nouns.txt"))
    return re.compile(
        rf"(?:['’]s|,?\s+\d{{4}},?)?\s+(?:(?!{_FUNCTION}\b)[a-z]+[- ]){{0,2}}?(?:{nouns})\b",
        re.IGNORECASE,
    )


# Words that end a noun phrase: 'Monday for the shooting' names no shooting by its day.
_FUNCTION = r"(?:for|in|of|the|a|an|and|or|at|on|to|with|by|after|before|from|over|since)"


def incident_noun_after(text: str, end: int) -> bool:
    """Whether the date ending at ``end`` names an incident ('the May 3 shooting')."""
    return _names_incident().match(text, end) is not None


# A page's own stamp ('Posted: Wednesday, April 8, 2015', 'UPDATE (Feb. 25 2017)'): the
# day the page was written, never an event's.
_STAMP = re.compile(
    r"\b(?:posted|updated?|published|modified)\s*(?:on|at)?\s*[:(]?\s*"
    r"(?:\d{1,2}:\d{2}\s*(?:[ap]\.?\s?m\.?)?\s*(?:[a-z]{2,4}\s+)?)?"  # 'at 10:39 a.m. on'
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?\Z",
    re.IGNORECASE,
)
# The explicit date a weekday names ('Sunday, Nov. 27', 'Friday, 3 March').
_DATE_NAMED = re.compile(
    rf",?\s*(?:on\s+)?(?:(?:{_MONTHS})\.?\s+\d{{1,2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?"
    rf"(?:{_MONTHS}))\b",
    re.IGNORECASE,
)

# How far ahead of publication a date without a year may lie and still be a plan.
_PLAN_DAYS = 182
_JUST_COMMA = re.compile(r",?\s*(?:on\s+)?")


def _resolve(rule: str, m: re.Match[str], published: dt.date | None, offset: int) -> DateRef | None:
    text = m.group(0)
    start = end = None
    precision = 1
    if rule == "explicit":
        # Without a year the publication's year is meant; a result after publication is then
        # a plan ('on December 9' in a 7 December article), not last year's event.
        start = end = _explicit(text, published)
        if start is None:
            return None
        past = incident_noun_after(m.string, m.end())
        if published is not None and start > published and not re.search(r"\d{4}", text):
            # 'Dec. 5' in a January report is last December's; 'on 9 December' in a
            # 7 December one a plan (a date months ahead is last year's far more often)
            try:
                earlier = start.replace(year=start.year - 1)
            except ValueError:  # 29 February
                earlier = start - dt.timedelta(days=365)
            if (start - published).days > _PLAN_DAYS or past:
                start = end = earlier
        if published is not None and start > published:
            return None  # a date after publication is a plan, not an event
    elif published is None:
        return None  # relative expressions need the publication date
    elif rule == "month":
        name = re.search(rf"(?:{_MONTHS})", text, re.IGNORECASE)
        year = re.search(r"\d{4}", text)
        if name is None:
            return None
        month = _month_number(name.group(0))
        if year:
            start = dt.date(int(year.group(0)), month, 1)
        else:  # the latest such month not after publication
            start = dt.date(published.year - (month > published.month), month, 1)
        if start > published:
            return None
        end = min(_month_end(start), published)
        precision = 3
    elif rule == "weekday":
        wanted = _WEEKDAYS.index(m.group(1).lower())
        back = (published.weekday() - wanted) % 7
        if back == 0 and text.lower().startswith("last"):
            back = 7
        if (
            back == 6
            and not text.lower().startswith("last")
            and not incident_noun_after(m.string, m.end())
        ):
            # the day after the stamp: a report stamped a day early (filed before midnight,
            # updated the next morning; a wire's time zone) tells of that day, and one a
            # week on would say 'last Wednesday'; but a day that names an incident
            # ('Friday's drive-by shooting', 'the Sunday shooting') has passed
            back = -1
        start = end = published - dt.timedelta(days=back)
    elif rule == "holiday":
        start = end = holiday(text, published)
        if start is None:
            return None
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


# 'over the weekend', 'last weekend', 'a weekend shooting': read only where a report gives
# no day at all (events/incident_day.py): beside a day, the weekend is only its setting, and
# a stale teaser's weekend would outrank the day a report's body tells.
_WEEKEND = re.compile(
    r"\b(?:(?:over|during)\s+the(?:\s+holiday|\s+long)?|last|past|previous)\s+weekend\b"
    r"|\bweekend(?:['’]s)?(?=\s+(?:[a-z]+[- ]){0,2}?(?:shootings?|killings?|violence|gunfire)\b)",
    re.IGNORECASE,
)


def weekend_dates(text: str, published: dt.date | None, offset: int = 0) -> list[DateRef]:
    """The weekends a report tells of, each the one just past (Friday night to Sunday, not
    after publication; coded at its middle, the Saturday), a window (precision 2); 'last
    weekend' in a weekend's report is the one before."""
    if published is None:
        return []
    found = []
    for m in _WEEKEND.finditer(text):
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
        if m.group(0).lower().startswith(("last", "previous")) and published.weekday() >= 5:
            saturday -= dt.timedelta(days=7)
        start = saturday - dt.timedelta(days=1)
        end = min(saturday + dt.timedelta(days=1), published)
        found.append(
            DateRef(m.group(0), offset + m.start(), offset + m.end(), start, end, 2, "weekend")
        )
    return found


_EXPLICIT_PARTS = re.compile(
    rf"(?P<iso>(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}}))"
    rf"|(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTHS})\.?(?:,?\s+(?P<year>\d{{4}}))?"
    rf"|(?P<mon2>{_MONTHS})\.?\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year2>\d{{4}}))?",
    re.IGNORECASE,
)


def _month_number(name: str) -> int:
    key = name.lower()[:3]
    return (
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "oct",
        "nov",
        "dec",
    ).index(key) + 1


def _explicit(text: str, published: dt.date | None) -> dt.date | None:
    m = _EXPLICIT_PARTS.search(text)
    if m is None:
        return None
    try:
        if m.group("iso"):
            return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        day = int(m.group("day") or m.group("day2"))
        month = _month_number(m.group("mon") or m.group("mon2"))
        year_text = m.group("year") or m.group("year2")
        year = int(year_text) if year_text else (published or dt.date.today()).year
        return dt.date(year, month, day)
    except ValueError:
        return None  # 31 April, month 13: not a date


def _month_end(day: dt.date) -> dt.date:
    nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


# Searched over sentences and the words around a place, date or trigger: with their start
# sets (start_set.py) re skips to where a match can start instead of trying every position.
_WEEKEND = with_start_set(_WEEKEND)
# Read before each date: gated, only in a text with 'after' or 'before', 'posted'...
_COUNTED, _STAMP = map(gated, (_COUNTED, _STAMP))
