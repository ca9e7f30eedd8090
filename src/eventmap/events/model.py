"""The values the event stages pass along: a candidate event and its stable id.

A candidate is one (trigger, place) pair found in one sentence, before ACLED's atomicity rules
merge candidates into events. It is mutable on purpose: folding a lede sentence or merging a
lower-ranked type into the head event adds quotes, actors and fatalities to it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from eventmap.dates import DateRef
from eventmap.fatalities import Fatalities
from eventmap.geoparse import Mention


@dataclass
class Candidate:
    sub_event: str
    mention: Mention
    sentence: int
    quote: tuple[int, int]
    trigger: tuple[int, int]
    actors1: list[str]
    actors2: list[str]
    actor_texts1: list[str]
    actor_texts2: list[str]
    date: DateRef | None
    date_source: str
    fatalities: Fatalities
    claimed_by: str | None
    party_claim: bool
    extra_quotes: list[tuple[int, int]] = field(default_factory=list)
    # Set by locate when the words around the place say more than the gazetteer entry:
    # 'near X', 'X countryside' (precision 2), or a village the gazetteer lacks coded to its
    # named district or province (precision 2 or 3) under the village's own name.
    precision: int | None = None
    location_name: str | None = None
    # The place is only written as someone's home ('a Dacula teenager shot himself'): a US
    # report's own town (us_state.py) is likelier the scene.
    hometown: bool = False


def stable_id(*parts: str) -> str:
    """Twelve hex digits that stay the same when the same article is run again."""
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:12]
