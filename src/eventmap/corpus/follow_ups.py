"""Follow-up reports take their incident's day: linked by the people both reports name.

Local crime news comes back to an incident for days and weeks: the victim is named, a
suspect is arrested, charged, arraigned, sentenced. Such a report rarely repeats the
incident's day; the day it gives is the arrest's or the hearing's, so the day-by-day merge
cannot join it to the first reports. What it does repeat is who: the victim's and the
suspect's full names, given with their ages ('Jo Doe, 23,'), as local news names victims and
suspects but not its reporters, spokespeople or police chiefs. Two reports of one area
(country x admin1) that share at least ``MIN_SHARED`` such names, each rare in the area
(named by at most ``MAX_ARTICLES`` reports: a name in every report of a city is no person
of one incident), whose events are at one place (the same GeoNames id or ``PLACE_KM``
apart) and at most ``MAX_DAYS`` apart are linked; the events so linked take the day most of
their reports give (a day that is only a report's publication counts half: a follow-up
about a trial that gives no day of its own; on a tie the earliest: the incident comes
before its follow-ups). The
ordinary rules then decide whether they merge (type, actors, place by precision), so a
namesake's report at another place stays apart.

A block address ('the 600 block of Elm Street') links two reports as a name does: a shooting
is told by its block, and another incident on the same block of the same city is rare (a
report naming more than ``MAX_ADDRESSES`` blocks is a roundup or a police log, and links
nothing by them).

Stage A stores each report's names (``report_names``) with its events; stage B applies
``link_follow_ups`` to an area's mentions before it pairs them day by day.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache

import numpy as np
import pandas as pd

from eventmap.corpus.rules import km
from eventmap.dates import CALENDAR_WORDS
from eventmap.start_set import with_start_set
from eventmap.wordlists import table, word_set

MIN_SHARED = 1  # names two reports must share
MAX_ARTICLES = 8  # a name named by more reports of the area is no link
MAX_DAYS = 1100  # how far apart a follow-up (a trial, years on) and its incident may be
PLACE_KM = 25.0
INFERRED_VOTE = 0.5  # a day that is only the report's publication (a day given counts 1)
SPAN_VOTE = 0.25  # the middle of a week or month a report gives ('last month'): no day at all
MAX_NAMES = 60  # names kept per report (a long feature names many people)
MAX_ADDRESSES = 2  # blocks a report may name and still be linked by them

# A person named with an age, as local news names victims and suspects (never reporters,
# spokespeople or chiefs): 'Jo Ann Doe, 23,', 'Jo Doe, age 23', '23-year-old Jo Doe',
# 'Jo Doe (23)'. Two or three capitalised words, an initial allowed.
_WORD = r"[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?"
_NAME = rf"{_WORD}(?:\s+[A-Z]\.)?(?:\s+{_WORD}){{1,2}}"
_AGED = re.compile(
    rf"\b({_NAME}),\s+(?:age\s+|aged\s+)?\d{{1,2}}\b"
    rf"|\b\d{{1,2}}-year-old\s+(?:[a-z]+\s+){{0,2}}({_NAME})\b"
    rf"|\b({_NAME})\s+\(\d{{1,2}}\)"
)
# A person named where the report says what happened to them or who they are in it:
# 'Jo Doe was shot', 'Jo Doe had been charged', 'the victim, Jo Doe', 'identified him as
# Jo Doe', 'the death of Jo Doe', 'suspect Jo Doe'.
_ROLE = re.compile(
    rf"\b({_NAME})\s+(?:was|had\s+been|has\s+been|is)\s+(?:\w+\s+){{0,2}}?(?:shot|killed|"
    r"wounded|injured|found|pronounced|charged|arrested|accused|sentenced|convicted|indicted)\b"
    r"|\b(?i:victims?|identified\s+(?:him|her|them|the\s+\w+)?\s*as|(?:death|killing|murder|"
    rf"shooting|slaying)\s+of|suspect|gunman|shooter)\s*,?\s+({_NAME})\b"
)


# Where a match of _AGED or _ROLE can start, found without trying the pattern at every word.
# Both patterns open on ``\b`` or a case-insensitive word, which leaves Python's regex
# engine no first character to skip ahead to: it tried them at every position, a tenth of
# stage A's regex time. A name ends right before what follows it in the pattern (', 23',
# ' (23)', ' was shot'), which has a literal to skip to; the name's first word lies in the
# (at most 4) whitespace-separated pieces before that end, so only the capitals there are
# tried. ``_finditer_at`` then gives exactly the pattern's own ``finditer``.
# (with their start sets, start_set.py: a pattern opening on '\s+' gets none from re, which
# then enters its matcher at every character)
_AGED_END = with_start_set(re.compile(r",(?=\s+(?:age\s+|aged\s+)?\d{1,2}\b)|\s+(?=\(\d{1,2}\))"))
_ROLE_END = with_start_set(
    re.compile(
        r"\s+(?=(?:was|had\s+been|has\s+been|is)\s+(?:\w+\s+){0,2}?(?:shot|killed|wounded|"
        r"injured|found|pronounced|charged|arrested|accused|sentenced|convicted|indicted)\b)"
    )
)
# Found by str.find, one word at a time (rarer than the letters they start with).
_ROLE_WORDS = (
    "victim", "identified", "death", "killing", "murder", "shooting", "slaying", "suspect",
    "gunman", "shooter",
)  # fmt: skip
_CAPITAL = re.compile(r"[A-Z]")
# The only non-ASCII characters IGNORECASE matches to an ASCII letter (see literal_gate).
_ASCII_LOOKALIKES = ("\u0130", "\u0131", "\u017f", "\u212a")
_NAME_PIECES = 4  # a name is 2 to 4 whitespace-separated pieces (an initial among them)


def _name_starts(text: str, end: int) -> Iterator[int]:
    """Every capital of the ``_NAME_PIECES`` whitespace-separated pieces before ``end``:
    where a name ending at ``end`` can start."""
    i = end
    for _ in range(_NAME_PIECES):
        while i and text[i - 1].isspace():  # str.isspace is what \s matches
            i -= 1
        while i and not text[i - 1].isspace():
            i -= 1
    return (m.start() for m in _CAPITAL.finditer(text, i, end))


def _finditer_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> list[re.Match]:
    """``pattern.finditer(text)``'s matches (none of them empty) when ``starts`` holds every
    position where the pattern can match: tried in order, each after the last match's end,
    as finditer tries every position (a match at a position is the same whatever was
    searched before it: '\b' and lookbehinds see the whole text)."""
    found = []
    last = 0
    for pos in sorted(set(starts)):
        if pos >= last:
            m = pattern.match(text, pos)
            if m is not None:
                found.append(m)
                last = m.end()
    return found


def _aged(text: str) -> list[re.Match]:
    """``_AGED.finditer(text)``: starts at the names before an age, and at each
    'N-year-old' (its one or two digits)."""
    starts = [p for m in _AGED_END.finditer(text) for p in _name_starts(text, m.start())]
    at = text.find("-year-old")
    while at >= 0:
        starts += (at - 2, at - 1)
        at = text.find("-year-old", at + 1)
    return _finditer_at(_AGED, text, (p for p in starts if p >= 0))


def _roles(text: str) -> list[re.Match]:
    """``_ROLE.finditer(text)``: starts at the names before 'was shot', 'has been
    charged'..., and at the words (any case) that name a victim or suspect."""
    lower = text.lower()
    if len(lower) != len(text) or any(ch in text for ch in _ASCII_LOOKALIKES):
        return list(_ROLE.finditer(text))  # offsets in ``lower`` would not be the text's
    starts = [p for m in _ROLE_END.finditer(text) for p in _name_starts(text, m.start())]
    for word in _ROLE_WORDS:
        at = lower.find(word)
        while at >= 0:
            starts.append(at)
            at = lower.find(word, at + 1)
    return _finditer_at(_ROLE, text, starts)


@cache
def _not_name_words() -> frozenset[str]:
    """Words that make a capitalised run an office, an organisation or a place, not a person."""
    return (
        word_set("titles.txt")
        | word_set("organisation_words.txt")
        | word_set("feature_words.txt")
        | word_set("stopwords.txt")
        | CALENDAR_WORDS
    )


_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")


@cache
def _office_words() -> frozenset[str]:
    """Words after which a capitalised run names a place or a body, not a person (titles
    are not among them: 'Jo Doe Jr.')."""
    return word_set("organisation_words.txt")


@cache
def _block() -> re.Pattern[str]:
    """'the 600 block of N. Elm Street': its number, direction and the street's first word
    (a street type alone ends it; 'Martin Luther King Jr. Blvd.' is 'Martin')."""
    types = "|".join(sorted({w for w, _ in table("street_types.tsv")}, key=len, reverse=True))
    # (with its start set, start_set.py: its digits, not every position of the report)
    return with_start_set(
        re.compile(
            r"\b(\d{2,5})\s+block\s+of\s+(?:the\s+)?(?:((?i:north|south|east|west)|[NSEW])\.?\s+)?"
            rf"(\d{{1,3}}(?:st|nd|rd|th)|[A-Z][a-z]+)(?:\s+(?i:{types})\b)?"
        )
    )


# 'shot and killed on the same block last week', 'a week after two men were shot in the same
# spot': the report tells of another incident at its block ('who lived on the same block'
# tells none).
_ANOTHER_THERE = re.compile(
    r"\b(?:shot|shooting|killed|wounded|slain)\b[^.;\n]{0,60}?\b(?:on|in|at)\s+the\s+same\s+"
    r"(?:block|spot|street|corner)\b",
    re.IGNORECASE,
)


def report_blocks(text: str) -> list[str]:
    """The blocks a report names, as '#600 n elm' (sorted), or none when it names more than
    ``MAX_ADDRESSES`` (a roundup or a police log) or tells of another shooting on the same
    block (its block is then two incidents')."""
    # Both scans need a word most reports lack: 'same' (in any case; casefold maps every
    # character IGNORECASE matches to an ASCII letter onto it) and 'block' (case-sensitive)
    if "same" in text.casefold() and _ANOTHER_THERE.search(text):
        return []
    if "block" not in text:
        return []
    found = {
        f"#{m.group(1)} {(m.group(2) or '')[:1].lower()} {m.group(3).lower()}".replace("  ", " ")
        for m in _block().finditer(text)
    }
    return sorted(found) if len(found) <= MAX_ADDRESSES else []


def report_names(text: str) -> str:
    """The people a report names with their age, sorted, then its blocks (``report_blocks``),
    ';'-joined ('' when none): full
    names without an office, organisation, place or calendar word (a title before a name is
    dropped: 'Officer Jo Doe, 41,' is 'Jo Doe'; a run followed by an organisation's word is
    no person: 'told Laredo Grande police')."""
    stop = _not_name_words()
    found: set[str] = set()
    for m in (*_aged(text), *_roles(text)):
        name = next(g for g in m.groups() if g)
        after = _NEXT_WORD.match(text, m.end(next(k for k, g in enumerate(m.groups(), 1) if g)))
        if after is not None and after.group(1).lower() in _office_words():
            continue  # 'told Corpus Christi police': a place or body naming an office
        words = [w for w in name.split() if not re.fullmatch(r"[A-Z]\.", w)]
        while words and words[0].lower() in stop:
            words = words[1:]
        if not 2 <= len(words) <= 3 or any(w.lower() in stop for w in words):
            continue
        found.add(" ".join(words))
        if len(found) >= MAX_NAMES:
            break
    return ";".join([*sorted(found), *report_blocks(text)])


def _vote(
    rows: list[int],
    days: np.ndarray,
    arts: np.ndarray,
    weight: np.ndarray,
    explicit: np.ndarray,
) -> int:
    """The day linked rows take: each report votes once per day (its best weight), a day's
    support is its votes and its neighbours' (a report voting for both counts once)."""
    votes: dict[int, dict[str, float]] = defaultdict(dict)
    dated: dict[int, float] = defaultdict(float)
    for k in rows:
        ballot = votes[int(days[k])]
        ballot[arts[k]] = max(ballot.get(arts[k], 0.0), float(weight[k]))
        if explicit[k]:
            dated[int(days[k])] = max(dated[int(days[k])], float(weight[k]))

    def support(day: int) -> float:
        near: dict[str, float] = {}
        for d in (day - 1, day, day + 1):
            for art, w in votes.get(d, {}).items():
                near[art] = max(near.get(art, 0.0), w)
        return sum(near.values())

    return min(votes, key=lambda d: (-support(d), -sum(votes[d].values()), -dated[d], d))


def link_follow_ups(m: pd.DataFrame) -> pd.DataFrame:
    """``m`` (prepared mentions: ``_day``, ``_area``, ``names``) with each follow-up's
    ``_day`` and ``event_date`` set to its incident's: the earliest event at one place of
    an earlier report that shares enough rare names (see the module's docstring)."""
    if "names" not in m.columns or not len(m):
        return m.assign(_link=np.full(len(m), -1, dtype="int64"))
    names = m["names"].fillna("").to_numpy(object)
    arts = m["article_id"].to_numpy(object)
    areas = m["_area"].to_numpy(object)
    days = m["_day"].to_numpy("int64").copy()
    original = m["event_date"].to_numpy(object)
    said = (
        m["date_text"].fillna("").astype(str).str.len().to_numpy() > 0
        if "date_text" in m.columns
        else np.ones(len(m), bool)
    )
    weight = np.where(said, 1.0, INFERRED_VOTE)
    if "time_precision" in m.columns:
        span = pd.to_numeric(m["time_precision"], errors="coerce").fillna(1).to_numpy() > 1
        weight = np.where(span, SPAN_VOTE, weight)
    explicit = (
        m["_explicit"].fillna(False).to_numpy(bool)
        if "_explicit" in m.columns
        else np.zeros(len(m), bool)
    )
    dates = original.copy()
    lat, lon = m["latitude"].to_numpy(float), m["longitude"].to_numpy(float)
    gid = pd.to_numeric(m["geonameid"], errors="coerce").fillna(-1).to_numpy("int64")
    prec = m["_prec"].to_numpy("int64") if "_prec" in m.columns else np.ones(len(m), dtype="int64")
    rows_of: dict[str, list[int]] = defaultdict(list)
    for k, a in enumerate(arts):
        rows_of[a].append(k)
    # who names whom, per area: name -> reports
    index: dict[tuple[str, str], set[str]] = defaultdict(set)
    area_of = {}
    for a, rows in rows_of.items():
        k = rows[0]
        area_of[a] = areas[k]
        for name in str(names[k]).split(";"):
            if name:
                index[(areas[k], name)].add(a)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for reports in index.values():
        if 2 <= len(reports) <= MAX_ARTICLES:
            ordered = sorted(reports)
            for x in range(len(ordered)):
                for y in range(x + 1, len(ordered)):
                    shared[(ordered[x], ordered[y])] += 1
    parent = list(range(len(m)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (a, b), n in sorted(shared.items()):
        if n < MIN_SHARED:
            continue
        for i in rows_of[a]:
            for j in rows_of[b]:
                if abs(int(days[i]) - int(days[j])) > MAX_DAYS:
                    continue
                same = gid[i] >= 0 and gid[i] == gid[j]
                # a report placed only at its county or state is at the other's town
                coarse = max(prec[i], prec[j]) >= 3
                if not (same or coarse) and km(lat[i], lon[i], lat[j], lon[j]) > PLACE_KM:
                    continue
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for k in range(len(m)):
        groups[find(k)].append(k)
    target = days.copy()
    link = np.full(len(m), -1, dtype="int64")
    for root, rows in groups.items():
        if len(rows) < 2:
            continue
        link[rows] = root
        # the day most of the linked reports give, a day either side supporting it (a
        # night's incident is one report's Friday and another's Saturday; one wrong early or
        # late day does not pull the others; one dated only by its publication counts half,
        # a week's or month's middle a quarter); on a tie the day a report gives by its
        # date ('Sept. 12', not 'Saturday' counted back from the publication), then the
        # earliest
        day = _vote(rows, days, arts, weight, explicit)
        source = next(k for k in rows if days[k] == day)
        for k in rows:
            target[k] = day
            dates[k] = original[source]
    m = m.copy()
    m["_link"] = link
    m["_day"] = target
    m["event_date"] = dates
    return m
