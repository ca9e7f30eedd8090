"""Which words say that an event happened, and of which ACLED sub-event type.

The lexicon is data (``resources/event_triggers.tsv``, ``resources/air_strike_cues.tsv``),
compiled once at import: one case-insensitive pattern per sub-event type, tried in the
file's order. A trigger inside a purpose clause ('deployed to counter attacks') describes what
did not happen and is dropped.
"""

from __future__ import annotations

import re

from eventmap.schema import SUB_EVENT_TO_TYPE
from eventmap.wordlists import table

AIR_STRIKE = "Air/drone strike"


def _lexicon() -> list[tuple[re.Pattern[str], str]]:
    groups: dict[str, list[str]] = {}
    for row in table("event_triggers.tsv"):
        if len(row) != 2 or row[0] not in SUB_EVENT_TO_TYPE:
            raise ValueError(f"event_triggers.tsv: not 'sub-event type<TAB>pattern': {row!r}")
        groups.setdefault(row[0], []).append(row[1])
    return [
        (re.compile(rf"\b(?:{'|'.join(patterns)})\b", re.IGNORECASE), sub)
        for sub, patterns in groups.items()
    ]


def _cue(kind: str) -> re.Pattern[str]:
    words = [p for k, p in table("air_strike_cues.tsv") if k == kind]
    return re.compile(rf"\b(?:{'|'.join(words)})\b", re.IGNORECASE)


TRIGGERS = _lexicon()
# Air forces doing something violent also make an air strike ('air forces ... targeted').
_AIR_ACTOR = _cue("actor")
_ATTACK_VERB = _cue("verb")
# Triggers in a purpose clause describe what did not (yet) happen: 'to counter attacks'.
_PURPOSE_BEFORE = re.compile(
    r"\b(?:to\s+(?:counter|prevent|repel|deter|stop|avert)|"
    r"against\s+(?:possible|potential|future))\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
# 'The army retreated from Hama': the side that took the place is the acting one.
_RETREAT = re.compile(r"^(?:retreat|withdr)", re.IGNORECASE)


def find_triggers(sentence: str, offset: int) -> list[tuple[int, int, str]]:
    """(start, end, sub-event type) of each trigger, offsets into the whole text, in order."""
    found = []
    for pattern, sub in TRIGGERS:
        for m in pattern.finditer(sentence):
            if _PURPOSE_BEFORE.search(sentence[: m.start()]):
                continue
            found.append((offset + m.start(), offset + m.end(), sub))
    if _AIR_ACTOR.search(sentence) and _ATTACK_VERB.search(sentence):
        m = _AIR_ACTOR.search(sentence)
        if not any(sub == AIR_STRIKE for *_, sub in found):
            found.append((offset + m.start(), offset + m.end(), AIR_STRIKE))
    return sorted(found)


def reverses_sides(trigger_text: str) -> bool:
    """A retreat or withdrawal names the loser first: actor 1 is the other side."""
    return _RETREAT.match(trigger_text) is not None
