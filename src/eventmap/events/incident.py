"""The incident a local news report is about, read from the whole report.

The sentence-by-sentence reading (extractor.py) finds an event where one sentence says what
happened, where and when: 'Gunmen killed two in X on Monday'. Local crime news spreads that
over the report: the town is in the dateline ('MACON, Ga. —') or in the agency that
investigates ('Macon police said'), and the day in a sentence of its own ('It happened about
2 a.m. Sunday'). The state such a report is about is us_state.py's; this module reads:

- the report's incident, when no sentence gave a dated event: its first sentence with a
  violent trigger. Its place: the sentence's own place phrase, else the dateline town, else
  the town or county whose police or sheriff investigates, else the lede's first place, else
  the state. Its date: the sentence's own, else the first date of the few sentences after it
  (a lede is followed by when it happened), else the publication day (marked as inferred:
  the corpus merge then allows a day either side) unless the report is about a later step.
- the toll of a local report's incident: its headline's figure when it gives one, else the
  first figure of the incident's sentence and the two after it (later sentences recall other
  shootings, a year's homicides, a street number: their figures are not added up), else one
  when the headline or the opening says someone died ('fatal shooting', 'charged with
  murder'); a headline that tells only of wounded says nobody died.
- the day of a step after the incident is not the incident's ('was charged Friday in the
  shooting', 'sentenced Tuesday'): ``redate`` takes the incident's own date from the report
  when it has one, else leaves a local report's event undated.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from eventmap.dates import DateRef, find_dates
from eventmap.events.lookup import as_mention
from eventmap.events.model import Candidate
from eventmap.events.triggers import find_triggers
from eventmap.events.us_cues import Relocator, agency_places
from eventmap.events.us_state import StateContext
from eventmap.fatalities import NONE, Fatalities, find_fatalities
from eventmap.geoparse import Mention
from eventmap.schema import SUB_EVENT_TO_TYPE
from eventmap.wordlists import entries

_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
# How many sentences after an undated trigger sentence may say when it happened.
DATE_LOOKAHEAD = 4
# ... and how many before it (a lede that says when, then who).
DATE_LOOKBACK = 4
# How many body sentences may hold the report's incident (later ones are background).
INCIDENT_SENTENCES = 8


# A date right after a step of the legal or reporting process is that step's, not the
# incident's: 'was arrested Friday', 'sentenced Thursday', 'indicted in December'.
_PROCEDURE = re.compile(
    r"\b(?:arrested|charged|arraigned|indicted|sentenced|convicted|pleaded|pled|booked|jailed|"
    r"released|identified|extradited|apprehended|surrendered|custody|court|hearing|trial|"
    r"funeral|vigil|buried|memorial|remembered|reporters|press\s+conference|motions?|filed|"
    r"ruled|testified|appeared|acquitted|guilty|bond|bail|warrant|autops(?:y|ies))\b",
    re.IGNORECASE,
)
# A report about a later step: its publication day is no incident's day.
_FOLLOW_UP = re.compile(
    rf"{_PROCEDURE.pattern}|\b(?:last|past|previous)\s+(?:week|month|year)\b|\bsuspect\b",
    re.IGNORECASE,
)


# What reports the incident, not does it: 'police said Tuesday', 'announced Monday'.
_REPORTING = re.compile(
    r"\b(?:said|says|announced|confirmed|reported|told|gathered|mourned|vigil)\b", re.IGNORECASE
)
# The step right after its date: 'police on Sunday arrested a man', 'Monday, announced'.
_STEP_AFTER = re.compile(
    rf"\s*,?\s*(?:\w+ly\s+)?(?:{_PROCEDURE.pattern}|{_REPORTING.pattern})", re.IGNORECASE
)


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
    """A violent event dated by a procedural step takes the incident's own date: another
    date of its sentence ('charged Friday in the May 3 shooting'), else the first such date
    of a violent sentence of the report; without one, a local report's event (whose
    follow-ups are about arrests and courts) is left undated."""
    for cand in candidates:
        date = cand.date
        if date is None or cand.date_source != "own" or not violent_sentence([cand]):
            continue
        if not procedural(text, date):
            continue
        s, e = cand.quote
        other = [
            d
            for d in find_dates(text[s:e], published, s)
            if d.start_offset != date.start_offset and not procedural(text, d)
        ]
        if not other:
            # read over the whole text: sentence splits cut 'Dec. 5' after 'Dec.'
            other = [
                d
                for d in find_dates(text, published)
                if d.precision == 1
                and d.start_offset != date.start_offset
                and not procedural(text, d)
                and violent_trigger(text[max(0, d.start_offset - 80) : d.end_offset + 80], 0)
            ]
        if other:
            cand.date = other[0]
        elif local:
            cand.date, cand.date_source = None, "none"
    return candidates


def incident_date(
    text: str,
    sentences: list[tuple[int, int]],
    index: int,
    published: dt.date | None,
) -> tuple[DateRef | None, str]:
    """The date of the incident told in sentence ``index``: its own, else the first date of
    the sentences after it (neither the day of an arrest or a hearing), else the first of
    the sentences before it (none after publication), else the report's first such day,
    else the publication day (inferred) unless the report is about a later step."""
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
    lede = text[sentences[index][0] : sentences[min(index + 2, len(sentences) - 1)][1]]
    if published is None or _FOLLOW_UP.search(lede):
        return None, "none"
    return DateRef("", 0, 0, published, published, 1, "published"), "lede"


def violent_sentence(candidates: list[Candidate]) -> bool:
    return any(SUB_EVENT_TO_TYPE[c.sub_event] in _VIOLENT for c in candidates)


def violent_trigger(sentence: str, offset: int) -> bool:
    return any(SUB_EVENT_TO_TYPE[sub] in _VIOLENT for *_, sub in find_triggers(sentence, offset))


def first_place(
    text: str,
    mentions: list[Mention],
    context: StateContext,
    relocator: Relocator,
    lede_end: int,
) -> tuple[Mention, int | None, str | None] | None:
    """Where a report's incident is when its trigger sentence names no place."""
    state = context.state
    if context.dateline is not None and state is not None:
        name, start, end = context.dateline
        raw = relocator.lookup(name, state.code)
        if raw is not None:
            return as_mention(raw, text[start:end], start, end), None, None
    for name, start, end in agency_places(text, lede_end):
        if state is not None:
            raw = relocator.lookup(name, state.code)
            if raw is not None:
                return as_mention(raw, name, start, end), None, None
        else:
            m = next((m for m in mentions if m.start == start and m.resolved), None)
            if m is not None and m.kind in ("city", "admin2"):
                return m, None, None
    # The lede's first place: inside the state, or without one in a country the report
    # names more than once (a lone namesake abroad, 'Molotov cocktails', is no place).
    countries = Counter(x.country_code for x in mentions if x.resolved and x.role != "in_name")
    for m in mentions:
        if m.start >= lede_end:
            break
        usable = m.resolved and m.kind in ("city", "admin2") and m.role == "event_location"
        if state is not None:
            usable = usable and (m.country_code, m.admin1_code) == ("US", state.code)
        else:
            usable = usable and countries[m.country_code] >= 2
        if usable:
            return m, None, None
    if state is not None and context.home is not None:
        return context.home, context.home_precision, None  # us_state.py's home town
    if state is not None:
        raw = relocator.state(state)
        if raw is not None:
            return as_mention(raw, state.name, 0, 0), 3, None
    return None


# How many sentences, from the incident's own, may hold its toll.
TOLL_SENTENCES = 3
# A headline's outlet parts: 'Man shot downtown - Channel 5 News | City'.
_TITLE_PARTS = re.compile(r"\s+[-|–—]\s+")
_TITLE_OUTCOME = re.compile(
    r"\b(?:kill|dead|die|shot|shoot|wound|injur|hurt|murder|fatal|slain)", re.IGNORECASE
)
# 'Girl, 12, killed': an age between commas after a word, not a count.
_AGE = re.compile(r"(?<=[A-Za-z]),\s*\d{1,2}(?:,|\s*$)")
_SHOT = re.compile(r"\bshot\b(?!\s+(?:dead|to\s+death|and\s+killed))", re.IGNORECASE)
_NOT_DEATH = re.compile(
    r"\b(?:attempted|attempt\s+to|non-?fatal|not\s+fatal|survived?|no\s+one\s+(?:was\s+)?killed|"
    r"nobody\s+(?:was\s+)?killed)\b",
    re.IGNORECASE,
)


def _death_cue() -> re.Pattern[str]:
    words = "|".join(entries("death_cues.txt"))
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


_DEATH_CUE: re.Pattern[str] | None = None


def death_cue(text: str) -> re.Match[str] | None:
    """The first word of ``text`` that says someone died, unless the text denies a death
    ('attempted murder', 'non-fatal')."""
    global _DEATH_CUE
    if _DEATH_CUE is None:
        _DEATH_CUE = _death_cue()
    if _NOT_DEATH.search(text):
        return None
    return _DEATH_CUE.search(text)


_MULTIPLE = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}  # dead in one word
_MULTIPLE_DEATH = re.compile(
    r"\b(double|triple|quadruple|quintuple)[- ](?:murders?|homicides?|fatal|killings?|"
    r"slayings?|shooting\s+deaths?)",
    re.IGNORECASE,
)
_TWO_DEAD: re.Pattern[str] | None = None
# Every pattern below needs one of these words: without them neither is tried.
_ANY_DEATH = re.compile(r"kill|dead|slain|fatal|death|murder|died|slaying|homicide", re.IGNORECASE)


def _two_dead() -> re.Pattern[str]:
    """'a man and a woman were killed', 'mother and son found dead', 'killing his wife and
    daughter' (two person nouns joined in one death)."""
    global _TWO_DEAD
    if _TWO_DEAD is None:
        noun = "(?:" + "|".join(entries("person_nouns.txt")) + ")s?"
        person = rf"(?:an?|the|his|her|their)?\s*(?:[\w-]+\s+){{0,2}}?{noun}"
        # the first alternative starts at the first noun, not at the words before it:
        # tried at every word of a report, optional leading words cost a scan per word
        _TWO_DEAD = re.compile(
            rf"\b{noun},?\s+(?:and|&)\s+{person}\b[^.;]{{0,40}}?\b(?:killed|dead|slain|"
            r"fatally|shot\s+to\s+death|murdered|died)\b"
            rf"|\b(?:killing|killed|murdered|slaying\s+of|deaths\s+of)\s+{person},?\s+(?:and|&)\s+"
            rf"{person}\b",
            re.IGNORECASE,
        )
    return _TWO_DEAD


def several_dead(text: str) -> tuple[int, str] | None:
    """How many died when the words count them without a figure: 'a double murder' (2),
    'a triple homicide' (3), 'a man and a woman were killed' (2)."""
    if not _ANY_DEATH.search(text):
        return None  # most of a report's words: no death word, nothing to count
    m = _MULTIPLE_DEATH.search(text)
    if m is not None:
        return _MULTIPLE[m.group(1).lower()], m.group(0)
    m = _two_dead().search(text)
    if m is not None and not _NOT_DEATH.search(m.group(0)):
        return 2, m.group(0)
    return None


def headline_toll(title: str | None) -> Fatalities:
    """The toll a headline states ('2 dead, 3 hurt in ...'), read from its story part (not
    the outlet's name and channel number after a dash), ages left out ('Boy, 14, killed')."""
    if not title:
        return NONE
    parts = _TITLE_PARTS.split(title)
    story = next((p for p in parts if _TITLE_OUTCOME.search(p)), parts[0])
    # in a headline 'shot' alone is the wounded's word: '6 shot, 1 killed' is one dead
    story = _SHOT.sub("wounded", _AGE.sub(",", story))
    found = find_fatalities(story)
    # offsets into the headline are none of the text's
    return Fatalities(found.coded, found.low, found.high, found.text, None, None, found.wounded)


def report_tolls(
    candidates: list[Candidate],
    text: str,
    title: str | None,
    sentences: list[tuple[int, int]],
) -> list[Candidate]:
    """A local report's violent events take the toll of their incident (see the module's
    docstring): local crime news repeats and recalls, so figures over the whole report do
    not add up."""
    violent = [c for c in candidates if violent_sentence([c])]
    if not violent:
        return candidates
    headline = headline_toll(title)
    title_cue = death_cue(title or "")
    title_several = several_dead(title or "")
    opening: dict[int, tuple] = {}  # the opening's words, read once per end

    def read_opening(end: int) -> tuple:
        if end not in opening:
            opening[end] = (death_cue(text[:end]), several_dead(text[:end]))
        return opening[end]

    for cand in violent:
        toll = NONE
        for k in range(cand.sentence, min(cand.sentence + TOLL_SENTENCES, len(sentences))):
            s, e = sentences[k]
            found = find_fatalities(text[s:e], s)
            if found.coded:
                toll = found
                break
        wounded = max(toll.wounded, cand.fatalities.wounded)
        lede_end = sentences[min(cand.sentence + 2, len(sentences) - 1)][1]
        if headline.coded:
            toll = headline
        elif not toll.coded:
            cue = title_cue or read_opening(lede_end)[0]
            if headline.wounded and not headline.text and title_cue is None:
                cue = None  # 'Two hurt in shooting': nobody died
            if cue is not None:
                toll = Fatalities(1, 1, None, cue.group(0), None, None)
        if toll.coded <= 1:
            several = title_several or read_opening(lede_end)[1]
            if several is not None:
                toll = Fatalities(several[0], several[0], None, several[1], None, None)
        cand.fatalities = Fatalities(
            toll.coded, toll.low, toll.high, toll.text, toll.start, toll.end, wounded
        )
    return candidates
