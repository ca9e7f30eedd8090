"""The day of a local report's incident, not of the steps after it or of the report.

A report tells the day of an arrest, a hearing, a patient's condition or its own writing as
readily as the day of the shooting; these rules tell them apart (see incident.py, which
reads the rest of the report's incident):

- ``procedural``: a date right after or before a step ('charged Tuesday', 'police said
  Tuesday', 'in critical condition Monday', 'On Monday, the sheriff said', 'released from
  the county jail on Monday'; the words are resources/procedure_steps.txt and
  reporting_words.txt) is the step's, unless the words between tell the incident ('arrested
  in connection with the shooting on May 1'); so is the day a victim died of the wounds
  ('died Sunday, a week after he was shot');
- ``redate``: a violent event dated by such a step takes the incident's own day from the
  report, else is left to the reading of the report's incident; one dated by a week or a
  month takes the day within it the report gives near a violent word;
- ``incident_date``: the day of the incident an undated trigger sentence tells: the day
  the report names it by ('after the Aug. 12 shooting'), else one read from the
  sentences around it, else the report's first incident day, else the publication day
  (inferred: the corpus merge allows a day either side, and a follow-up takes its
  incident's day from the reports naming the same people).
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from eventmap.dates import DateRef, find_dates, incident_noun_after, weekend_dates
from eventmap.events.model import Candidate
from eventmap.events.triggers import find_triggers
from eventmap.literal_gate import gated
from eventmap.schema import SUB_EVENT_TO_TYPE
from eventmap.wordlists import entries

_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
# How many sentences after an undated trigger sentence may say when it happened.
DATE_LOOKAHEAD = 4
# ... and how many before it (a lede that says when, then who).
DATE_LOOKBACK = 4


def _words(name: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{'|'.join(entries(name))})\b", re.IGNORECASE)


# A date right after a step of the legal or reporting process is that step's, not the
# incident's: 'was arrested Friday', 'sentenced Thursday', 'indicted in December'.
_PROCEDURE = _words("procedure_steps.txt")
# What reports the incident, not does it: 'police said Tuesday', 'announced Monday'.
_REPORTING = _words("reporting_words.txt")
# How far before a date its step may stand ('released from the county jail on Monday').
STEP_REACH = 80
# ... and how far its report ('police said Monday'; farther, a clause of its own comes between).
SAID_REACH = 40
# The end of a clause between a step and a date (not the dot of '8 a.m.').
_CLAUSE_END = re.compile(r"(?<!\b[ap]\.m)(?<!\b[ap])[.;]", re.IGNORECASE)
# A step or its report, wherever it stands in a clause.
_STEP = re.compile(rf"{_PROCEDURE.pattern}|{_REPORTING.pattern}", re.IGNORECASE)
# The step right after its date: 'police on Sunday arrested a man', 'Monday, announced'.
_STEP_AFTER = re.compile(
    rf"\s*,?\s*(?:\w+ly\s+)?(?:{_PROCEDURE.pattern}|{_REPORTING.pattern})", re.IGNORECASE
)


# Gated (literal_gate): most windows lack the words, the rest run as lower-case twins.
_PROCEDURE_GATED, _REPORTING_GATED, _STEP_GATED = map(gated, (_PROCEDURE, _REPORTING, _STEP))
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
        said = _STEP_GATED.search(clause.group(0)) if clause else None
        if said is not None and not violent_trigger(clause.group(0)[: said.start()], 0):
            return True
    if _later_death(text, start, end):
        return True
    window = text[max(0, start - STEP_REACH) : start]
    near = len(window) - SAID_REACH  # 'he says he was home Monday': the day is the clause's
    steps = [
        *_PROCEDURE_GATED.finditer(window),
        *(m for m in _REPORTING_GATED.finditer(window) if m.start() >= near),
    ]
    found = max(steps, key=lambda m: m.end(), default=None)  # the nearest step
    if found is None or _CLAUSE_END.search(window[found.end() :]):
        return False
    if _reported_incident(window[: found.end()]) or _since(found.group(0), window):
        return False
    if _THAT.match(window, found.end()) and _REPORTING.fullmatch(found.group(0)):
        return False  # 'stated that on Saturday they were shot at': what was said, its day
    if (
        date.rule == "explicit"
        and _REPORTING.fullmatch(found.group(0))
        and _OPENS_CLAUSE_SAID.match(text, end)
    ):
        return False  # 'LMPD said on Feb. 12, the boy found a gun': what was said, its day
    if _ADMITTED.search(window[: found.end()]) and _violence_after(text, end) == (True, False):
        return False  # 'was hospitalized Thursday evening after a bullet hit her': that day
    return not _tells_incident(window[found.end() :])


# Taken into hospital, not a state that lasts ('remains hospitalized', 'in critical condition').
_ADMITTED = re.compile(r"\b(?:was|were)\s+(?:\w+\s+)?hospitali[sz]ed\Z", re.IGNORECASE)
# An explicit date after 'said' that opens what was said ('said on Feb. 12, the boy ...'),
# not the day of the saying ('said on Feb. 12, adding that ...').
_OPENS_CLAUSE_SAID = re.compile(
    r",\s+(?!(?:that|adding|according|and|but|as|after|before|when|while|in|at|citing|"
    r"noting|saying)\b)(?:the\s+|a\s+|an\s+)?[A-Za-z0-9]",
    re.IGNORECASE,
)


@functools.cache
def _incident_reported() -> re.Pattern[str]:
    nouns = "|".join(entries("incident_nouns.txt"))
    return re.compile(
        rf"\b(?:{nouns}|shots)\s+(?:that\s+)?(?:was|were)\s+(?:first\s+)?reported\Z",
        re.IGNORECASE,
    )


def _reported_incident(before: str) -> bool:
    """Whether the step is the incident's own report ('the shooting was reported around 10
    p.m. Monday'): the day a call came in is the incident's, not a later report's."""
    return _incident_reported().search(before) is not None


_THAT = re.compile(r"\W*that\b", re.IGNORECASE)
# A patient's state since a day ('in critical condition since Wednesday night'): the day it
# began, the incident's.
_SINCE = re.compile(r"\bsince\s+(?:early\s+|late\s+|last\s+)?\Z", re.IGNORECASE)


_PATIENT = re.compile(r"condition|hospitali[sz]ed", re.IGNORECASE)


def _since(step: str, before: str) -> bool:
    """Whether the step is a patient's state and the date the day it began ('in critical
    condition since Wednesday night'); 'in jail since Monday' stays the arrest's day."""
    return _PATIENT.fullmatch(step) is not None and _SINCE.search(before) is not None


# A death told as coming after the violence ('died Sunday, a week after he was shot', 'died
# Friday from his injuries'): its day is no day of the incident.
_DEATH = re.compile(r"\b(?:died|succumbed|passed\s+away|pronounced\s+dead)\b", re.IGNORECASE)
_LATER = re.compile(
    r"\b(?:(?:days?|weeks?|months?)\s+(?:after|since)|(?:from|of|to)\s+(?:his|her|their|the)\s+"
    r"(?:injuries|wounds)|as\s+a\s+result\s+of)",
    re.IGNORECASE,
)


def _later_death(text: str, start: int, end: int) -> bool:
    """Whether the date is the day a victim died, told as later than the violence."""
    before = text[max(0, start - SAID_REACH) : start]
    death = max(_DEATH.finditer(before), key=lambda m: m.end(), default=None)  # the nearest
    if death is None or _CLAUSE_END.search(before, death.end()):
        return False
    if _tells_incident(before[death.end() :]):
        return False  # 'died after being shot Friday': the shooting's day
    if _dated_cause_after(text, end):
        return True  # 'died Wednesday after being shot Monday': Monday is the shooting's
    around = text[max(0, start - 160) : end + 120]
    cut = start - max(0, start - 160)
    head = max((m.end() for m in _CLAUSE_END.finditer(around, 0, cut)), default=0)
    tail = next((m.start() for m in _CLAUSE_END.finditer(around, cut + end - start)), len(around))
    return _LATER.search(around, head, tail) is not None


# 'died Wednesday after being shot in the head Monday': the violence the death came after,
# told with a day of its own in the same clause.
_AFTER = re.compile(r"\W+(?:[\w'’]+\W+){0,3}?after\b", re.IGNORECASE)


def _dated_cause_after(text: str, end: int) -> bool:
    """Whether the clause after a death's date tells the violence it came after with its
    own day ('died Wednesday after being shot Monday'): the death's day is then a later one."""
    violent, dated = _violence_after(text, end, day_only=True)
    return violent and dated


def _violence_after(text: str, end: int, day_only: bool = False) -> tuple[bool, bool]:
    """Whether the clause after a date goes on 'after' violence ('died Wednesday after being
    shot', 'hospitalized Thursday after a bullet hit her'), and whether that violence has a
    date of its own there (a day, or with ``day_only`` false any date: 'last week')."""
    m = _AFTER.match(text, end)
    if m is None or _CLAUSE_END.search(text, end, m.end()):
        return False, False
    stop = _CLAUSE_END.search(text, m.end())
    tail = text[m.end() : stop.start() if stop else min(len(text), m.end() + 160)]
    if not violent_trigger(tail, 0):
        return False, False
    dates = find_dates(tail, _ANY_DAY)
    return True, any(d.precision == 1 or not day_only for d in dates)


# Relative days need a reference to be read at all; which day does not matter here.
_ANY_DAY = dt.date(2000, 1, 1)


# 'what happened on June 7', 'the shooting occurred Monday', 'around 11 p.m. the night of
# May 4': the day is the incident's.
_HAPPENED = re.compile(
    r"\b(?:happened|occurred|took\s+place|(?:night|morning|afternoon|evening)\s+of\s*$)",
    re.IGNORECASE,
)


@functools.cache
def _incident_noun() -> re.Pattern[str]:
    nouns = "|".join(entries("incident_nouns.txt"))
    return re.compile(rf"\b(?:{nouns})\b", re.IGNORECASE)


def _tells_incident(words: str) -> bool:
    """Whether the words between a step and a date tell the incident the date is of: a
    violent trigger, an incident's noun even where it is no event of its own ('arrested
    in connection with the shooting on Jan. 11'), or that it happened."""
    return (
        violent_trigger(words, 0)
        or _incident_noun().search(words) is not None
        or _HAPPENED.search(words) is not None
    )


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
    August') takes the day within it that the report names an incident by ('the Aug. 5
    incident') or gives near a violent word ('shot on Aug. 5'), when it gives one."""
    days: list[DateRef] | None = None  # the report's day-precise incident days, read once
    for cand in candidates:
        date = cand.date
        if date is None or not violent_sentence([cand]):
            continue
        step = cand.date_source == "own" and procedural(text, date)
        if date.precision > 1 and not step:
            if days is None:
                days = _violent_days(text, published)
            # a day the report names an incident by first ('the Nov. 26 incident')
            inside = [
                d
                for d in [*naming_days(text, published), *days]
                if date.date_start <= d.date_start <= date.date_end
            ]
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
    return list(_naming_days(text, published))


@functools.lru_cache(maxsize=4)
def _naming_days(text: str, published: dt.date | None) -> tuple[DateRef, ...]:
    # read once per report: each undated trigger sentence of it asks
    return tuple(
        d
        for d in find_dates(text, published)
        if d.precision == 1 and incident_noun_after(text, d.end_offset)
    )


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
    """The date of the incident told in sentence ``index``: its own, else the first day the
    report names an incident by ('the Aug. 12 shooting'), else the first date of
    the sentences after it (neither the day of an arrest or a hearing), else the first of
    the sentences before it (none after publication), else the report's first such day,
    else the publication day (inferred)."""
    last = min(index + DATE_LOOKAHEAD, len(sentences) - 1)
    s, e = sentences[index][0], sentences[last][1]
    own_end = sentences[index][1]
    # read as one span: sentence splits cut 'Nov. 28' after 'Nov.'
    told = [d for d in find_dates(text[s:e], published, s) if d.precision == 1]
    told = [d for d in told if not procedural(text, d)]
    if told and told[0].start_offset < own_end:
        return told[0], "own"
    # the day the report names its incident by ('after the Aug. 12 shooting') beats a day
    # the next sentences give (a visit's, a vigil's)
    named = naming_days(text, published)
    if named:
        return named[0], "inherited"
    if told:
        return told[0], "inherited"
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
    # a report that gives no day but a weekend ('a weekend shooting'): that window
    weekend = weekend_dates(text, published)
    if weekend:
        return weekend[0], "inherited"
    return DateRef("", 0, 0, published, published, 1, "published"), "lede"


def reads_incident(candidates: list[Candidate], text: str, local: bool) -> bool:
    """Whether the report's incident is still to be read from the whole report: no event is
    dated, or a local report's dated events are all non-violent and dated by a step after
    the incident ('deputies on Monday arrested two men in the Aug. 2 shooting')."""
    dated = [c for c in candidates if c.date is not None]
    if not dated:
        return True
    return (
        local
        and not violent_sentence(dated)
        and all(c.date is not None and procedural(text, c.date) for c in dated)
    )


def violent_sentence(candidates: list[Candidate]) -> bool:
    return any(SUB_EVENT_TO_TYPE[c.sub_event] in _VIOLENT for c in candidates)


def violent_trigger(sentence: str, offset: int) -> bool:
    return any(SUB_EVENT_TO_TYPE[sub] in _VIOLENT for *_, sub in find_triggers(sentence, offset))
