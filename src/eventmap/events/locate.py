"""Where each event happened: the sentence's event locations, each with its nearest trigger.

The geoparser has already said which mentions are event locations ('clashes in Hama') rather
than seats of government or speakers' places; this stage pairs each resolved town, province or
county of a sentence with the trigger closest to it, and with the actors on each side of that
trigger, into one candidate event. It also finds the article's dominant country, which
disambiguates actor words ('the army' of which state).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from eventmap.actors import ActorTable, Span
from eventmap.dates import DateRef
from eventmap.events.actors import pair
from eventmap.events.model import Candidate
from eventmap.events.triggers import find_triggers, reverses_sides
from eventmap.fatalities import Fatalities
from eventmap.geoparse import Mention

# Place kinds an event can be coded to (a country is too coarse for ACLED).
_EVENT_KINDS = ("city", "admin1", "admin2")


def dominant_country(mentions: Iterable[Mention]) -> str | None:
    """The country the article's resolved places vote for (place names in names excluded)."""
    votes = Counter(
        m.country_code for m in mentions if m.resolved and m.country_code and m.role != "in_name"
    )
    return votes.most_common(1)[0][0] if votes else None


def _distance(trigger: tuple[int, int, str], m: Mention) -> int:
    return min(abs(trigger[0] - m.end), abs(m.start - trigger[1]))


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
) -> list[Candidate]:
    """One candidate per event location of the sentence ``text[s:e]`` (none without a trigger)."""
    triggers = find_triggers(sentence, s)
    if not triggers:
        return []
    places = [
        m
        for m in mentions
        if s <= m.start < e and m.resolved and m.role == "event_location" and m.kind in _EVENT_KINDS
    ]
    found = []
    for place in places:
        start, end, sub = min(triggers, key=lambda t: _distance(t, place))
        before = [sp for sp in spans if sp.end <= start]
        after = [sp for sp in spans if sp.start >= end]
        actors1, actors2 = pair(before, after, actors)
        if reverses_sides(text[start:end]):
            # 'the army retreated from Hama': the side that took it is actor 1.
            actors1, actors2 = actors2, actors1
        found.append(
            Candidate(
                sub_event=sub,
                mention=place,
                sentence=index,
                quote=(s, e),
                trigger=(start, end),
                actors1=[a.ref for a in actors1],
                actors2=[a.ref for a in actors2],
                actor_texts1=[a.text for a in actors1],
                actor_texts2=[a.text for a in actors2],
                date=date,
                date_source=date_source,
                fatalities=fatal,
                claimed_by=source,
                party_claim=party,
            )
        )
    return found
