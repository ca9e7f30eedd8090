"""The day of a local report's incident, not of the steps after it or of the report.

A report tells the day of an arrest, a hearing, a patient's condition or its own writing as
readily as the day of the shooting; these rules tell them apart (see incident.py, which
reads the rest of the report's incident):

- ``procedural``: a date right after or before a step ('charged Tuesday', 'police said
  Tuesday', 'in critical condition Monday', 'On Monday, the sheriff said') is the step's;
- ``redate``: a violent event dated by such a step takes the incident's own day from the
  report, else is left to the reading of the report's incident; one dated by a week or a
  month takes the day within it the report gives near a violent word;
- ``incident_date``: the day of the incident an undated trigger sentence tells, read from the
  sentences around it, else the report's first incident day, else the publication day
  (inferred: the corpus merge allows a day either side, and a follow-up takes its
  incident's day from the reports naming the same people).
"""

from __future__ import annotations

import datetime as dt
import re

from eventmap.dates import DateRef, find_dates, incident_noun_after
from eventmap.events.model import Candidate
from eventmap.events.triggers import find_triggers
from eventmap.schema import SUB_EVENT_TO_TYPE

_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
# How many sentences after an undated trigger sentence may say when it happened.
DATE_LOOKAHEAD = 4
# ... and how many before it (a lede that says when, then who).
DATE_LOOKBACK = 4


# A date right after a step of the legal or reporting process is that step's, not the
# incident's: 'was arrested Friday', 'sentenced Thursday', 'indicted in December'.
_PROCEDURE = re.compile(
    r"\b(?:arrested|charged|arraigned|indicted|sentenced|convicted|pleaded|pled|booked|jailed|"
    r"released|identified|extradited|apprehended|surrendered|custody|court|hearing|trial|"
    r"funeral|vigil|buried|memorial|remembered|reporters|press\s+conference|motions?|filed|"
    r"ruled|testified|appeared|acquitted|guilty|bond|bail|warrant|autops(?:y|ies)|"
    # a patient's state on a later day: 'in critical condition Tuesday', 'notified Monday'
    r"condition|hospitali[sz]ed|notified|deliberated|verdict|jury)\b",
    re.IGNORECASE,
)


# What reports the incident, not does it: 'police said Tuesday', 'announced Monday'.
_REPORTING = re.compile(
    r"\b(?:said|says|announced|confirmed|reported|told|gathered|mourned|vigil|issued)\b",
    re.IGNORECASE,
)
# The step right after its date: 'police on Sunday arrested a man', 'Monday, announced'.
_STEP_AFTER = re.compile(
    rf"\s*,?\s*(?:\w+ly\s+)?(?:{_PROCEDURE.pattern}|{_REPORTING.pattern})", re.IGNORECASE
)


# What may stand before a date that opens its clause ('On Wednesday, ...'), and the rest
# of that clause.
_CLAUSE_START = re.compile(
    r"(?:(?<![ap]\.m)(?<!\b[ap]m)[.;:!?\n\"“]|\s[-–—])\s*(?:early\s+|late\s+)?\Z", re.IGNORECASE
)
_CLAUSE = re.compile(r"[^.;:!?\n]{0,80}")


def _opens_clause(text: str, start: int) -> bool:
    before = text[max(0, start - 12) : start]
    return not text[:start].strip() or _CLAUSE_START.search(before) is not None


def procedural(text: str, date: DateRef) -> bool:
    """Whether the date belongs to a step after the incident ('charged Tuesday in the
    shooting' is the charge's day, 'police said Tuesday' the report's, 'police on Sunday
    arrested' the arrest's); a trigger between the step and the date wins, and a date
    that names the incident ('Saturday's shooting') is the incident's."""
    start, end = date.start_offset, date.end_offset
    if re.match(r"['’]s\b", text[end : end + 3]):
        return False
    if _STEP_AFTER.match(text, end):
        return True
    # 'On Wednesday, the sheriff said ...': a clause opened by its date and told by a
    # speaker, with no violent word between the date and the speaking
    if _opens_clause(text, start):
        clause = _CLAUSE.match(text, end)
        said = _REPORTING.search(clause.group(0)) if clause else None
        if said is not None and not violent_trigger(clause.group(0)[: said.start()], 0):
            return True
    window = text[max(0, start - 40) : start]
    steps = [*_PROCEDURE.finditer(window), *_REPORTING.finditer(window)]
    found = max(steps, key=lambda m: m.end(), default=None)  # the nearest step
    if found is None or re.search(r"[.;]", window[found.end() :]):
        return False
    return not violent_trigger(window[found.end() :], 0)


def redate(
    candidates: list[Candidate],
    text: str,
    published: dt.date | None,
    local: bool,
) -> list[Candidate]:
    """A violent event dated by a procedural step takes the incident's own date: a day the
    report names an incident by ('the May 3 shooting', 'Saturday's shooting'), else another
    date of its sentence, else the first such date of a violent sentence of the report;
    without one, a local report's event (whose follow-ups are about arrests and courts) is
    left undated. A violent event dated by a week or a month ('shot last month', 'in
    August') takes the day within it that the report gives near a violent word ('shot on
    Aug. 5'), when it gives one."""
    days: list[DateRef] | None = None  # the report's day-precise incident days, read once
    for cand in candidates:
        date = cand.date
        if date is None or not violent_sentence([cand]):
            continue
        step = cand.date_source == "own" and procedural(text, date)
        if date.precision > 1 and not step:
            if days is None:
                days = _violent_days(text, published)
            inside = [d for d in days if date.date_start <= d.date_start <= date.date_end]
            if inside:
                cand.date = inside[0]
            continue
        if not step:
            continue
        s, e = cand.quote
        other = naming_days(text, published) or [
            d
            for d in find_dates(text[s:e], published, s)
            if d.start_offset != date.start_offset and not procedural(text, d)
        ]
        if not other:
            # read over the whole text: sentence splits cut 'Dec. 5' after 'Dec.'
            if days is None:
                days = _violent_days(text, published)
            other = [d for d in days if d.start_offset != date.start_offset]
        if other:
            cand.date = other[0]
        elif local:
            cand.date, cand.date_source = None, "none"
    return candidates


def naming_days(text: str, published: dt.date | None) -> list[DateRef]:
    """The days the report names an incident by: 'the Sept. 13 shooting', 'Saturday's
    shooting', 'the April 24 mass shooting', 'the Nov. 29 death of'."""
    return [
        d
        for d in find_dates(text, published)
        if d.precision == 1 and incident_noun_after(text, d.end_offset)
    ]


def _violent_days(text: str, published: dt.date | None) -> list[DateRef]:
    """The days the report gives an incident: day-precise, not a later step's, near a
    violent word."""
    return [
        d
        for d in find_dates(text, published)
        if d.precision == 1
        and not procedural(text, d)
        and violent_trigger(text[max(0, d.start_offset - 80) : d.end_offset + 80], 0)
    ]


def incident_date(
    text: str,
    sentences: list[tuple[int, int]],
    index: int,
    published: dt.date | None,
) -> tuple[DateRef | None, str]:
    """The date of the incident told in sentence ``index``: its own, else the first date of
    the sentences after it (neither the day of an arrest or a hearing), else the first of
    the sentences before it (none after publication), else the report's first such day,
    else the publication day (inferred)."""
    last = min(index + DATE_LOOKAHEAD, len(sentences) - 1)
    s, e = sentences[index][0], sentences[last][1]
    own_end = sentences[index][1]
    # read as one span: sentence splits cut 'Nov. 28' after 'Nov.'
    for d in find_dates(text[s:e], published, s):
        if d.precision == 1 and not procedural(text, d):
            return d, "own" if d.start_offset < own_end else "inherited"
    # 'It happened Saturday, Dec. 27, in Tama County. Jo Doe, 12, died after ...': the day
    # the opening told just before the sentence that names the victim
    before = sentences[max(0, index - DATE_LOOKBACK)][0]
    for d in find_dates(text[before:s], published, before):
        if (
            d.precision == 1
            and (published is None or d.date_start <= published)
            and not procedural(text, d)
        ):
            return d, "inherited"
    # else the report's first such day, wherever it tells it ('Deputies were called to the
    # station about 11 p.m. Sunday' at its end): a day the report gives beats its own day
    for d in find_dates(text, published):
        if (
            d.precision == 1
            and (published is None or d.date_start <= published)
            and not procedural(text, d)
        ):
            return d, "inherited"
    if published is None:
        return None, "none"
    return DateRef("", 0, 0, published, published, 1, "published"), "lede"


def violent_sentence(candidates: list[Candidate]) -> bool:
    return any(SUB_EVENT_TO_TYPE[c.sub_event] in _VIOLENT for c in candidates)


def violent_trigger(sentence: str, offset: int) -> bool:
    return any(SUB_EVENT_TO_TYPE[sub] in _VIOLENT for *_, sub in find_triggers(sentence, offset))
