"""Where each event happened: each place phrase of a sentence with its nearest trigger.

The place phrases (``phrases``) say where; this stage pairs each with the trigger nearest
to it, and the actors on each side of that trigger, into one candidate event. It also finds
the article's dominant country, which disambiguates actor words ('the army' of which state).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from eventmap.actors import ActorTable, Span
from eventmap.dates import DateRef
from eventmap.events.actors import (
    crowd_sides,
    decide,
    default_actor,
    not_speakers,
    pair,
    state_first,
)
from eventmap.events.lookup import ELSEWHERE_BEFORE
from eventmap.events.model import Candidate
from eventmap.events.phrases import Resolver, Senses
from eventmap.events.scene import SCENE_BEFORE, hometown_cue, scene_phrases, written_as_home
from eventmap.events.triggers import find_triggers, names_no_doer, refine, reverses_sides
from eventmap.fatalities import Fatalities
from eventmap.geoparse import Mention
from eventmap.schema import SUB_EVENT_TO_TYPE
from eventmap.start_set import with_start_set

_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
# Sub-event types whose passive subject is the target ('five men were arrested'), not the
# doer (unlike 'troops were redeployed').
_DONE_TO = frozenset(
    sub
    for sub, etype in SUB_EVENT_TO_TYPE.items()
    if etype in (*_VIOLENT, "Riots") or sub in ("Arrests", "Looting/property destruction")
)
_SUBLOCALITY = re.compile(
    r"\s+(?:neighbou?rhood|community|colony|square|street|road|avenue|market|hospital|"
    r"roundabout|junction|bridge|camp|compound|sector|quarter|district\s+of\s+the\s+city)\b",
    re.IGNORECASE,
)
_LISTED = re.compile(
    r"[^.;]{0,30}?(?:,|\band\b|\bor\b)\s*(?:and\s+)?(?:in\s+)?(?:the\s+)?"
    r"(?:(?:towns?|villages?|cities|areas?)\s+of\s+)?",
    re.IGNORECASE,
)
# What follows a dateline's town: its state or a credit, then the dash ('SPOKANE, Wash. (AP) -').
_DATELINE_END = re.compile(r"(?:,\s*[A-Z][A-Za-z. ]{1,15})?\s*(?:\([^)\n]{1,40}\)\s*)?(?:—|–|--|-)")
# After a town, the area around it rather than the town: "Atlanta's northeastern suburbs".
_AREA_AFTER = re.compile(
    r"['’]s\s+(?:[\w-]+\s+){0,2}(?:suburbs?|outskirts|exurbs|metro(?:politan)?\s+area|area)\b",
    re.IGNORECASE,
)
# How far after its sentence a protest's outcome is read ('The police dispersed them.').
_FOLLOWING = 300
_PASSIVE_BEFORE = re.compile(
    r"\b(?:was|were|been|being|got|is|are)\s+(?:\w+ly\s+)?(?:found\s+)?(?:\w+\s+and\s+)?$",
    re.IGNORECASE,
)
# 'shells fired by X', 'a bomb planted by X': the doer follows a participle and 'by'.
_BY_AFTER = re.compile(
    r"\s+(?:\w+\s+){0,2}(?:fired|launched|planted|carried\s+out|conducted|dropped|thrown|"
    r"detonated|placed)\s+by\b|\s+by\b",
    re.IGNORECASE,
)
_BY = re.compile(
    r"\bby\s+(?:the\s+|an?\s+|some\s+|two\s+|three\s+|several\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_MUTUAL = re.compile(
    r"clash|exchang|encounter|fight|firefight|gun\s*battle|gunfight|shoot-?out|skirmish|fought",
    re.IGNORECASE,
)
# 'found by police' names who found the body, not who killed.
_FOUND_BY = re.compile(
    r"\b(?:found|discovered|recovered|reported|seen|rescued|taken\s+to\s+hospital)\s+"
    r"(?:\w+\s+){0,3}by\s+(?:\S+\s+){0,2}$",
    re.IGNORECASE,
)


def dominant_country(mentions: Iterable[Mention]) -> str | None:
    """The country the article's resolved places vote for (place names in names excluded)."""
    votes = Counter(
        m.country_code for m in mentions if m.resolved and m.country_code and m.role != "in_name"
    )
    return votes.most_common(1)[0][0] if votes else None


def _distance(trigger: tuple[int, int, str], m: Mention) -> int:
    return min(abs(trigger[0] - m.end), abs(m.start - trigger[1]))


def _passive_agent(text: str, start: int, end: int, after: list[Span]) -> Span | None:
    """The doer of a passive trigger ('were killed by X', 'attacked by X'), if named."""
    if not _PASSIVE_BEFORE.search(text, max(0, start - 24), start) and not _BY_AFTER.match(
        text, end
    ):
        return None
    for sp in after:
        if sp.start - end > 60:
            break
        if _BY.search(text, max(0, sp.start - 30), sp.start) and not _FOUND_BY.search(
            text, max(0, sp.start - 40), sp.start
        ):
            return sp
    return None


def sentence_events(
    text: str,
    sentence: str,
    s: int,
    e: int,
    index: int,
    mentions: list[Mention],
    spans: list[Span],
    date: DateRef | None,
    date_source: str,
    fatal: Fatalities,
    source: str | None,
    party: bool,
    actors: ActorTable,
    places: list[tuple[Mention, int | None, str | None]] | None = None,
    resolve: Resolver | None = None,
    senses: Senses | None = None,
) -> list[Candidate]:
    """One candidate per place phrase of the sentence ``text[s:e]`` (none without a trigger).

    ``places``: use these instead of the sentence's own (a short report whose place is named
    in another sentence than its trigger)."""
    triggers = find_triggers(sentence, s)
    if not triggers:
        return []
    found = []
    if places is None:
        places = scene_phrases(text, mentions, s, e, resolve, senses)
    spans, spoke = not_speakers(spans, text)
    for place, precision, name in places:
        start, end, sub = min(triggers, key=lambda t: _distance(t, place))
        sub = refine(sub, sentence, text[e : e + _FOLLOWING], at=(start - s, end - s))
        before = [sp for sp in spans if sp.start < start]  # 'Turkish drones struck': doer
        after = [sp for sp in spans if sp.start >= end]
        actors1, actors2 = pair(before, after, actors)
        agent = _passive_agent(text, start, end, after)
        if agent is not None:
            # 'two farmers were shot by gunmen': the doer follows 'by', the victims precede.
            actors1, actors2 = [agent], [sp for sp in before if sp.ref != agent.ref]
        elif sub in _DONE_TO and _PASSIVE_BEFORE.search(text, max(s, start - 24), start):
            # 'two guards were shot': the subject is the target; the doer is not named here.
            actors1, actors2 = [], before
        elif names_no_doer(text[start:end]):
            # 'police found a man with a gunshot wound': the doer is not named here, and of
            # whom the sentence names only civilians are its targets (not who found them)
            civilian = [sp for sp in spans if actors.inter(sp.ref, place.country_code) == 7]
            actors1, actors2 = [], civilian
        elif reverses_sides(text[start:end]):
            # 'the army retreated from Hama': the side that took it is actor 1.
            actors1, actors2 = actors2, actors1
        country = place.country_code
        sub = decide(
            sub,
            actors1,
            actors2,
            text[spoke if s < spoke <= start else s : start],  # not who told of it
            sentence,
            actors,
            country,
            after=text[end:e],
            trigger=text[start:end],
        )
        refs1, refs2 = crowd_sides(sub, actors1, actors2, country, actors)
        if (
            refs1
            and SUB_EVENT_TO_TYPE[sub] in _VIOLENT
            and all(actors.inter(r, country) == 7 for r in refs1)
        ):
            refs1, refs2 = [], refs1 + refs2  # the victims are the target, never the doer
        if sub == "Armed clash" and _MUTUAL.match(text, start):
            # 'clashes between X and the army', 'exchanged fire with police': no side
            # attacked the other, and ACLED names the state first.
            refs1, refs2 = state_first(refs1, refs2, country, actors)
        refs1 = refs1 or default_actor(sub, country, actors)
        said = {a.ref: a.text for a in actors2 + actors1}  # the words each actor was named by
        found.append(
            Candidate(
                sub_event=sub,
                mention=place,
                sentence=index,
                quote=(s, e),
                trigger=(start, end),
                actors1=refs1,
                actors2=refs2,
                actor_texts1=[said.get(r, r) for r in refs1],
                actor_texts2=[said.get(r, r) for r in refs2],
                date=date,
                date_source=date_source,
                fatalities=fatal,
                claimed_by=source,
                party_claim=party,
                precision=precision,
                location_name=name,
                hometown=written_as_home(text, place),
            )
        )
    if len(found) > 1:  # 'the Buena Vista neighbourhood' is part of the town named with it
        found = [c for c in found if not _SUBLOCALITY.match(text, c.mention.end)] or found
    return _one_place_per_trigger(text, found)


def _one_place_per_trigger(text: str, found: list[Candidate]) -> list[Candidate]:
    """Two places of one division sharing a trigger are one event unless the text lists them
    ('in Saraqib and Ariha'): 'in Leon, ... in the San Juan community' is one killing."""
    kept: list[Candidate] = []
    for cand in found:
        m = cand.mention
        twin = next(
            (
                k
                for k in kept
                if k.trigger == cand.trigger
                and (k.mention.country_code, k.mention.admin1_code)
                == (m.country_code, m.admin1_code)
            ),
            None,
        )
        if twin is not None and not _LISTED.fullmatch(text, twin.mention.end, m.start):
            if _names_it_better(text, twin.mention, m):
                kept[kept.index(twin)] = cand
            continue
        kept.append(cand)
    return kept


def _names_it_better(text: str, first: Mention, later: Mention) -> bool:
    """Whether ``later``, named after ``first`` with the same trigger in one division, is
    where the event happened rather than ``first``: a county in a US state's dateline ('ODESSA,
    Texas - ... shot in Ector County'; abroad the province named first stays, as ACLED codes
    it); a US town after its county ('A Lake County deputy shot a man in Zion'); a town after
    the dateline the report was filed under ('SPOKANE - ... a shooting in Cheney'). Never a
    town named as someone's home or the hospital's ('of Zion', 'a hospital in Zion')."""
    if later.kind != "city" and not (later.kind == "admin2" and first.kind == "admin1"):
        return False
    if later.kind == "city" and _AREA_AFTER.match(text, later.end):
        return False  # "Atlanta's northeastern suburbs" are not Atlanta
    if later.kind == "city" and ELSEWHERE_BEFORE.search(
        text, max(0, later.start - 24), later.start
    ):
        return False
    if (
        later.kind == "city"
        and hometown_cue(text, first)
        and SCENE_BEFORE.search(text, max(0, later.start - 40), later.start)
    ):
        return True  # 'A Dacula teenager shot himself near Maysville': the scene, not home
    us = later.country_code == "US"
    if first.kind in ("admin1", "admin2") and us:
        return first.kind == "admin1" or later.kind == "city"
    # a dateline: the report's first words, in capitals ('SPOKANE (AP) -', 'SPOKANE, Wash. -')
    return (
        first.kind == "city"
        and len(first.text) > 2
        and first.text.isupper()
        and not later.text.isupper()
        and _DATELINE_END.match(text, first.end) is not None
    )


# Searched over sentences and the words around a place, date or trigger: with their start
# sets (start_set.py) re skips to where a match can start instead of trying every position.
_PASSIVE_BEFORE, _BY, _FOUND_BY = map(with_start_set, (_PASSIVE_BEFORE, _BY, _FOUND_BY))
