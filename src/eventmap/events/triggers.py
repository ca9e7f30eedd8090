"""Which words say that an event happened, and of which ACLED sub-event type.

The lexicon is data (``resources/event_triggers.tsv``, ``resources/air_strike_cues.tsv``),
compiled once at import: one case-insensitive pattern per sub-event type, tried in the
file's order. A trigger inside a purpose clause ('deployed to counter attacks') describes what
did not happen and is dropped. Weak triggers ('killed', 'shot', 'injured') count only in a
sentence without a specific one: 'mortars killed two' is shelling, not an attack.

``refine`` then applies ACLED's decision rules that the sentence's own words settle (cues in
``resources/event_cues.tsv``): a protest whose demonstrators threw stones is a violent
demonstration, one the police dispersed is a protest with intervention, one where they killed
protesters is excessive force; a bomb found and defused is disrupted weapons use.
"""

from __future__ import annotations

import re

from eventmap.schema import SUB_EVENT_TO_TYPE
from eventmap.wordlists import table

AIR_STRIKE = "Air/drone strike"


def _lexicon(weak: bool) -> list[tuple[re.Pattern[str], str]]:
    groups: dict[str, list[str]] = {}
    for row in table("event_triggers.tsv"):
        if (
            len(row) not in (2, 3)
            or row[0] not in SUB_EVENT_TO_TYPE
            or row[2:]
            not in (
                (),
                ("weak",),
            )
        ):
            raise ValueError(
                f"event_triggers.tsv: not 'sub-event type<TAB>pattern[<TAB>weak]': {row!r}"
            )
        if (row[2:] == ("weak",)) == weak:
            groups.setdefault(row[0], []).append(row[1])
    return [
        (re.compile(rf"\b(?:{'|'.join(patterns)})\b", re.IGNORECASE), sub)
        for sub, patterns in groups.items()
    ]


def _cues() -> dict[str, re.Pattern[str]]:
    kinds: dict[str, list[str]] = {}
    for row in table("event_cues.tsv"):
        if len(row) != 2:
            raise ValueError(f"event_cues.tsv: not 'kind<TAB>pattern': {row!r}")
        kinds.setdefault(row[0], []).append(row[1])
    return {
        kind: re.compile(rf"\b(?:{'|'.join(patterns)})\b", re.IGNORECASE)
        for kind, patterns in kinds.items()
    }


def _cue(kind: str) -> re.Pattern[str]:
    words = [p for k, p in table("air_strike_cues.tsv") if k == kind]
    return re.compile(rf"\b(?:{'|'.join(words)})\b", re.IGNORECASE)


TRIGGERS = _lexicon(weak=False)
WEAK_TRIGGERS = _lexicon(weak=True)
CUES = _cues()
_OPERATIONS = ("Change to group/activity", "Arrests", "Abduction/forced disappearance")
_PROTESTS = ("Peaceful protest", "Protest with intervention")
_EXPLOSIONS = (
    "Remote explosive/landmine/IED",
    "Grenade",
    "Shelling/artillery/missile attack",
    "Air/drone strike",
)
# Air forces doing something violent also make an air strike ('air forces ... targeted').
_AIR_ACTOR = _cue("actor")
_ATTACK_VERB = _cue("verb")
# Triggers in a purpose clause describe what did not (yet) happen: 'to counter attacks'.
_PURPOSE_BEFORE = re.compile(
    r"\b(?:to\s+(?:counter|prevent|repel|deter|stop|avert)|"
    r"against\s+(?:possible|potential|future))\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
# What a protest is about is no event of its own: 'protested against the arrest of ...'.
_GRIEVANCE_BEFORE = re.compile(
    r"\b(?:against|over|condemning|denouncing|protesting|demanding|to\s+(?:protest|condemn|"
    r"denounce|demand))\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
_PROTEST_TYPES = ("Peaceful protest", "Protest with intervention")
# 'The army retreated from Hama': the side that took the place is the acting one.
_RETREAT = re.compile(r"^(?:retreat|withdr)", re.IGNORECASE)


def find_triggers(sentence: str, offset: int) -> list[tuple[int, int, str]]:
    """(start, end, sub-event type) of each trigger, offsets into the whole text, in order.

    Weak triggers only when the sentence has no specific one."""
    found = _matches(sentence, offset, TRIGGERS)
    if _AIR_ACTOR.search(sentence) and _ATTACK_VERB.search(sentence):
        m = _AIR_ACTOR.search(sentence)
        if m is not None and not any(sub == AIR_STRIKE for *_, sub in found):
            found.append((offset + m.start(), offset + m.end(), AIR_STRIKE))
    if not found:
        found = _matches(sentence, offset, WEAK_TRIGGERS)
    return sorted(found)


def _matches(
    sentence: str, offset: int, lexicon: list[tuple[re.Pattern[str], str]]
) -> list[tuple[int, int, str]]:
    found = []
    for pattern, sub in lexicon:
        for m in pattern.finditer(sentence):
            if _PURPOSE_BEFORE.search(sentence[: m.start()]):
                continue
            if sub not in _PROTEST_TYPES and _GRIEVANCE_BEFORE.search(sentence[: m.start()]):
                continue
            found.append((offset + m.start(), offset + m.end(), sub))
    return found


def refine(sub: str, sentence: str, after: str = "") -> str:
    """ACLED's decision rules the sentence's words settle (see the module docstring); for a
    protest also the words ``after`` it ('... The police dispersed them.')."""
    if sub in _PROTESTS:
        sentence = f"{sentence} {after}"
        if CUES["riot"].search(sentence):
            return "Violent demonstration"
        if sub == "Protest with intervention" or CUES["intervention"].search(sentence):
            lethal = CUES["lethal"].search(sentence)
            return "Excessive force against protesters" if lethal else "Protest with intervention"
    heavy_only = CUES["heavy"].search(sentence) and not CUES["small_arms"].search(sentence)
    if sub == "Armed clash" and heavy_only and not CUES["clash"].search(sentence):
        return "Shelling/artillery/missile attack"  # fire at positions with mortars only
    if sub == "Shelling/artillery/missile attack" and (
        CUES["small_arms"].search(sentence) or CUES["support_fire"].search(sentence)
    ):
        return "Armed clash"  # shells and small arms, or shelling amid clashes: the clash
    if (
        sub in _OPERATIONS
        and CUES["lethal"].search(sentence)
        and CUES["combatants"].search(sentence)
    ):
        return "Armed clash"  # an operation or raid in which fighters were killed
    disrupted = CUES["disrupted"].search(sentence) and not CUES["went_off"].search(sentence)
    if sub in _EXPLOSIONS and disrupted:
        return "Disrupted weapons use"
    return sub


def reverses_sides(trigger_text: str) -> bool:
    """A retreat or withdrawal names the loser first: actor 1 is the other side."""
    return _RETREAT.match(trigger_text) is not None
