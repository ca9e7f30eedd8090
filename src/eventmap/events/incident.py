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
  the corpus merge then allows a day either side, and a follow-up about an arrest or a
  trial takes its incident's day from the reports that name the same people).
- the toll of a local report's incident: its headline's figure when it gives one, else the
  first figure of the incident's sentence and the two after it (later sentences recall other
  shootings, a year's homicides, a street number: their figures are not added up), else one
  when the headline or the opening says someone died ('fatal shooting', 'charged with
  murder'); a headline that tells only of wounded says nobody died.
- the day (incident_day.py, imported here): the incident's, not an arrest's, a hearing's
  or the report's own.
"""

from __future__ import annotations

import re
from collections import Counter

from eventmap.events.incident_day import (  # noqa: F401 - the report's incident, one place
    DATE_LOOKAHEAD,
    DATE_LOOKBACK,
    incident_date,
    procedural,
    reads_incident,
    redate,
    violent_sentence,
    violent_trigger,
)
from eventmap.events.lookup import as_mention
from eventmap.events.model import Candidate
from eventmap.events.scene import not_the_scene, written_as_home
from eventmap.events.us_cues import Relocator, agency_places
from eventmap.events.us_namesakes import town_named
from eventmap.events.us_state import StateContext
from eventmap.fatalities import NONE, Fatalities, find_fatalities
from eventmap.geoparse import Mention
from eventmap.literal_gate import GatedPattern, gated
from eventmap.start_set import with_start_set
from eventmap.wordlists import entries


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
            raw = town_named(name, state, context.outlet_only, relocator)
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
        # not 'taken to Jackson', 'a hospital in Macon', 'a Macon man'
        usable = usable and not (not_the_scene(text, m, 0) or written_as_home(text, m))
        usable = usable and m.text.lower() not in context.surnames  # 'Sherman Wilson'
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
# The death words below are read over a report's whole opening (``report_tolls``), once per
# lede: gated (literal_gate), they run as lower-case twins over the folded text, and not at
# all where their words are missing (same matches, tested there).
_NOT_DEATH = gated(
    re.compile(
        r"\b(?:attempted|attempt\s+to|non-?fatal|not\s+fatal|survived?|no\s+one\s+(?:was\s+)?killed|"
        r"nobody\s+(?:was\s+)?killed)\b",
        re.IGNORECASE,
    )
)


def _death_cue() -> GatedPattern:
    words = "|".join(entries("death_cues.txt"))
    return gated(re.compile(rf"\b(?:{words})\b", re.IGNORECASE))


_DEATH_CUE: GatedPattern | None = None


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
# Both run gated (literal_gate): as their lower-case twins on the folded opening, several
# times faster than IGNORECASE over every word of it (same matches, tested there)
_MULTIPLE_DEATH = gated(
    re.compile(
        r"\b(double|triple|quadruple|quintuple)[- ](?:murders?|homicides?|fatal|killings?|"
        r"slayings?|shooting\s+deaths?)",
        re.IGNORECASE,
    )
)
_TWO_DEAD: GatedPattern | None = None
# Every pattern below needs one of these words: without them neither is tried.
_ANY_DEATH = gated(
    re.compile(r"kill|dead|slain|fatal|death|murder|died|slaying|homicide", re.IGNORECASE)
)


def _two_dead() -> GatedPattern:
    """'a man and a woman were killed', 'mother and son found dead', 'killing his wife and
    daughter' (two person nouns joined in one death)."""
    global _TWO_DEAD
    if _TWO_DEAD is None:
        noun = "(?:" + "|".join(entries("person_nouns.txt")) + ")s?"
        person = rf"(?:an?|the|his|her|their)?\s*(?:[\w-]+\s+){{0,2}}?{noun}"
        # the first alternative starts at the first noun, not at the words before it:
        # tried at every word of a report, optional leading words cost a scan per word
        _TWO_DEAD = gated(
            re.compile(
                rf"\b{noun},?\s+(?:and|&)\s+{person}\b[^.;]{{0,40}}?\b(?:killed|dead|slain|"
                r"fatally|shot\s+to\s+death|murdered|died)\b"
                rf"|\b(?:killing|killed|murdered|slaying\s+of|deaths\s+of)\s+{person},?\s+"
                rf"(?:and|&)\s+{person}\b",
                re.IGNORECASE,
            )
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


# Searched over sentences and the words around a place, date or trigger: with their start
# sets (start_set.py) re skips to where a match can start instead of trying every position.
_TITLE_OUTCOME, _SHOT = map(with_start_set, (_TITLE_OUTCOME, _SHOT))
