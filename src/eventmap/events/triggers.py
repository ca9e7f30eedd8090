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
from functools import lru_cache

from eventmap.literal_gate import GatedPattern, candidates, gated
from eventmap.schema import SUB_EVENT_TO_TYPE
from eventmap.start_set import with_start_set
from eventmap.wordlists import table

AIR_STRIKE = "Air/drone strike"


def _lexicon(tier: str) -> list[tuple[GatedPattern, str]]:
    """The triggers of one tier: '' (specific), 'weak' or 'last' (see the TSV's header)."""
    groups: dict[str, list[str]] = {}
    for row in table("event_triggers.tsv"):
        if (
            len(row) not in (2, 3)
            or row[0] not in SUB_EVENT_TO_TYPE
            or row[2:] not in ((), ("weak",), ("last",))
        ):
            raise ValueError(
                f"event_triggers.tsv: not 'sub-event type<TAB>pattern[<TAB>weak|last]': {row!r}"
            )
        if (row[2] if row[2:] else "") == tier:
            groups.setdefault(row[0], []).append(row[1])
    return [
        (gated(re.compile(rf"\b(?:{'|'.join(patterns)})\b", re.IGNORECASE)), sub)
        for sub, patterns in groups.items()
    ]


def _cues() -> dict[str, GatedPattern]:
    kinds: dict[str, list[str]] = {}
    for row in table("event_cues.tsv"):
        if len(row) != 2:
            raise ValueError(f"event_cues.tsv: not 'kind<TAB>pattern': {row!r}")
        kinds.setdefault(row[0], []).append(row[1])
    return {
        kind: gated(re.compile(rf"\b(?:{'|'.join(patterns)})\b", re.IGNORECASE))
        for kind, patterns in kinds.items()
    }


def _cue(kind: str) -> GatedPattern:
    words = [p for k, p in table("air_strike_cues.tsv") if k == kind]
    return gated(re.compile(rf"\b(?:{'|'.join(words)})\b", re.IGNORECASE))


def _precedence() -> dict[str, dict[str, bool]]:
    """sub-event type -> {the type or sub-event type it yields to: also to weak triggers}."""
    rules: dict[str, dict[str, bool]] = {}
    for row in table("event_precedence.tsv"):
        known = (
            len(row) in (2, 3)
            and row[0] in SUB_EVENT_TO_TYPE
            and (row[1] == "*" or row[1] in SUB_EVENT_TO_TYPE or row[1] in _TYPES)
            and row[2:] in ((), ("weak",))
        )
        if not known:
            raise ValueError(
                f"event_precedence.tsv: not 'sub-event type<TAB>type[<TAB>weak]': {row!r}"
            )
        rules.setdefault(row[0], {})[row[1]] = row[2:] == ("weak",)
    return rules


_TYPES = frozenset(SUB_EVENT_TO_TYPE.values())
TRIGGERS = _lexicon("")
WEAK_TRIGGERS = _lexicon("weak")
LAST_TRIGGERS = _lexicon("last")
_TIERS = {"": TRIGGERS, "weak": WEAK_TRIGGERS, "last": LAST_TRIGGERS}
CUES = _cues()
YIELDS = _precedence()
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
# Denied or merely carried: 'no clashes were reported', 'without arrests', 'armed with a
# grenade' say that this did not happen.
_NOT_HAPPENED = re.compile(
    r"\b(?:no|without|neither|nor|never)\s+(?:[\w-]+\s+(?:or|and|nor)\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
# A weapon someone carried was not used ('armed with a grenade'): read for weapon triggers.
_CARRIED = re.compile(
    r"\b(?:armed\s+with|carrying|in\s+possession\s+of)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
# What a protest is about is no event of its own: 'protested against the arrest of ...'.
_GRIEVANCE_BEFORE = re.compile(
    r"\b(?:against|over|condemning|denouncing|protesting|demanding|accused\s+of|suspected\s+of|"
    r"charged\s+with|in\s+connection\s+with|wanted\s+for|arrested\s+for|to\s+(?:protest|condemn|"
    r"denounce|demand))\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
_PROTEST_TYPES = ("Peaceful protest", "Protest with intervention")
# 'The army retreated from Hama': the side that took the place is the acting one.
_RETREAT = re.compile(r"^(?:retreat|withdr)", re.IGNORECASE)


def names_no_doer(words: str) -> bool:
    """Whether a trigger's words are one of the 'last' tier's, which name a harm but no doer
    ('a gunshot wound', 'the gun went off'): the sentence's actors are no sides of it."""
    return any(pattern.fullmatch(words) for pattern in _LAST_WORDS)


_LAST_WORDS = [
    re.compile(row[1], re.IGNORECASE) for row in table("event_triggers.tsv") if row[2:] == ("last",)
]


def find_triggers(sentence: str, offset: int) -> list[tuple[int, int, str]]:
    """(start, end, sub-event type) of each trigger, offsets into the whole text, in order.

    Weak triggers only when the sentence has no specific one. The extractor asks first
    whether a sentence has any (only those get the costly analysis), then sentence_events
    asks again: the last answer is kept."""
    if _LAST[0] is sentence and _LAST[1] == offset:
        return list(_LAST[2])
    found = _triggers(sentence, offset)
    _LAST[:] = [sentence, offset, tuple(found)]
    return found


_LAST: list = [None, None, ()]


def _triggers(sentence: str, offset: int) -> list[tuple[int, int, str]]:
    found = _matches(sentence, offset, TRIGGERS)
    if _AIR_ACTOR.search(sentence) and _ATTACK_VERB.search(sentence):
        m = _AIR_ACTOR.search(sentence)
        if m is not None and not any(sub == AIR_STRIKE for *_, sub in found):
            found.append((offset + m.start(), offset + m.end(), AIR_STRIKE))
    if not found:
        # a weak word, else one that says violence only where nothing else does ('found
        # with a gunshot wound': no doer, so it must not stand in for 'killed by police')
        return sorted(
            _matches(sentence, offset, WEAK_TRIGGERS) or _matches(sentence, offset, LAST_TRIGGERS)
        )
    # The other event's weak words count only for the rules marked 'weak' (read on demand).
    needs_weak = any(any(YIELDS.get(sub, {}).values()) for *_, sub in found)
    weak = _matches(sentence, offset, WEAK_TRIGGERS) if needs_weak else []
    return sorted(_after_precedence(found, weak))


def _after_precedence(
    found: list[tuple[int, int, str]], weak: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Drop the triggers that give way to another kind of event in the same sentence
    (``resources/event_precedence.tsv``): 'beaten and then arrested' is an attack. A rule
    marked 'weak' also yields to the other event's weak words ('detained after they attacked
    officers'): those then stand in for it."""
    kept, added = [], []
    for trig in found:
        sub = trig[2]
        rules = YIELDS.get(sub, {})
        winners = [
            t
            for t in found
            if t[2] != sub and ("*" in rules or t[2] in rules or SUB_EVENT_TO_TYPE[t[2]] in rules)
        ]
        if not winners:
            winners = [
                t
                for t in weak
                if t[2] != sub
                and (rules.get("*") or rules.get(t[2]) or rules.get(SUB_EVENT_TO_TYPE[t[2]]))
            ]
            added.extend(winners)
        if not winners:
            kept.append(trig)
    return kept + [t for t in added if t not in kept] or found


def _matches(
    sentence: str, offset: int, lexicon: list[tuple[GatedPattern, str]]
) -> list[tuple[int, int, str]]:
    return [
        (offset + start, offset + end, sub)
        for start, end, sub in _sentence_matches(sentence, _TIER_OF[id(lexicon)])
    ]


_TIER_OF = {id(lexicon): tier for tier, lexicon in _TIERS.items()}  # the lists live as long


@lru_cache(maxsize=64)
def _sentence_matches(sentence: str, tier: str) -> tuple[tuple[int, int, str], ...]:
    """The lexicon's triggers in one sentence (cached: a sentence without a place is read
    again for what it adds to the event before it)."""
    found = []
    for pattern, sub in candidates(_TIERS[tier], sentence):
        for start, end in pattern.spans(sentence):  # only patterns whose words are there
            window = max(0, start - _WINDOW)
            if _PURPOSE_BEFORE.search(sentence, window, start) or _NOT_HAPPENED.search(
                sentence, window, start
            ):
                continue
            if sub in _EXPLOSIONS and _CARRIED.search(sentence, window, start):
                continue
            if sub not in _PROTEST_TYPES and _GRIEVANCE_BEFORE.search(sentence, window, start):
                continue
            found.append((start, end, sub))
    return tuple(found)


# How far before a trigger the words that deny or qualify it are read.
_WINDOW = 80


def _clause(sentence: str, at: tuple[int, int] | None) -> str:
    """The clause of the sentence holding the trigger at ``at`` (offsets in the sentence)."""
    if at is None:
        return sentence
    cuts = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(sentence)), len(sentence)]
    k = max(i for i, c in enumerate(cuts[:-1]) if c <= at[0])
    return sentence[cuts[k] : cuts[k + 1]]


_CLAUSE_BREAK = re.compile(r";|\bwhile\b|\bwhereas\b|\bmeanwhile\b|,\s+and\b", re.IGNORECASE)


def refine(sub: str, sentence: str, after: str = "", at: tuple[int, int] | None = None) -> str:
    """ACLED's decision rules the sentence's words settle (see the module docstring); for a
    protest also the words ``after`` it ('... The police dispersed them.'). ``at``: where the
    trigger is in the sentence; a clash makes shelling part of it only in the same clause."""
    if sub in _PROTESTS:
        sentence = f"{sentence} {after}"
        if _live(CUES["riot"], sentence):
            return "Violent demonstration"
        if sub == "Protest with intervention" or CUES["intervention"].search(sentence):
            lethal = CUES["lethal"].search(sentence)
            return "Excessive force against protesters" if lethal else "Protest with intervention"
    heavy = CUES["heavy"].search(sentence)
    heavy_only = heavy and not CUES["small_arms"].search(sentence)
    two_way = CUES["clash"].search(sentence) or CUES["support_fire"].search(sentence)
    if (
        sub in ("Armed clash", "Attack")
        and not two_way
        and (heavy_only or (heavy and CUES["civilian_area"].search(sentence)))
    ):
        # Fire at positions with mortars only, or heavy weapons fired into villages: shelling.
        return "Shelling/artillery/missile attack"
    if sub == "Shelling/artillery/missile attack" and (
        (CUES["small_arms"].search(sentence) and not CUES["civilian_area"].search(sentence))
        or CUES["support_fire"].search(sentence)
        or CUES["clash"].search(_clause(sentence, at))
    ):
        return "Armed clash"  # shells and small arms, or shelling amid clashes: the clash
    if (
        sub in _OPERATIONS
        and CUES["lethal"].search(sentence)
        and CUES["combatants"].search(sentence)
    ):
        return "Armed clash"  # an operation or raid in which fighters were killed
    disrupted = CUES["disrupted"].search(sentence) and not CUES["went_off"].search(sentence)
    if sub in _EXPLOSIONS and (disrupted or CUES["premature"].search(sentence)):
        return "Disrupted weapons use"
    return sub


# What someone is accused of, or what a protest is about, did not happen here and now.
_REPORTED_BEFORE = re.compile(
    r"\b(?:accused\s+of|suspected\s+of|charged\s+with|arrested\s+for|detained\s+for|"
    r"(?:detention|arrest)\s+of\s+(?:\w+\s+){0,4}|against|over|condemning|denouncing)"
    r"\s+(?:(?!and\b|then\b)\w+\s+){0,4}$",
    re.IGNORECASE,
)


def _live(pattern: re.Pattern[str], sentence: str) -> bool:
    """A cue that is no grievance or accusation: 'accused of vandalising a bank' is not."""
    return any(
        not _REPORTED_BEFORE.search(sentence, max(0, m.start() - 80), m.start())
        for m in pattern.finditer(sentence)
    )


# Non-violent activity that a following sentence can turn into violence.
ESCALATES = frozenset({"Change to group/activity", "Arrests"})
_ESCALATION_TYPES = ("Battles", "Violence against civilians", "Explosions/Remote violence")


def escalation(sentence: str) -> str | None:
    """The violent sub-event type a sentence without a place tells ('A shoot-out broke out
    and two suspects died.'), if it names one with a specific trigger; else None."""
    found = _matches(sentence, 0, TRIGGERS)
    for _, _, sub in sorted(found):
        if SUB_EVENT_TO_TYPE[sub] in _ESCALATION_TYPES:
            return refine(sub, sentence)
    return None


def reverses_sides(trigger_text: str) -> bool:
    """A retreat or withdrawal names the loser first: actor 1 is the other side."""
    return _RETREAT.match(trigger_text) is not None


# Searched over sentences and the words around a place, date or trigger: with their start
# sets (start_set.py) re skips to where a match can start instead of trying every position.
_NOT_HAPPENED, _CLAUSE_BREAK = map(with_start_set, (_NOT_HAPPENED, _CLAUSE_BREAK))
# Read in the words before each trigger: gated (literal_gate), they run only in a sentence
# that has one of their words ('against', 'armed', 'accused'...), most have none.
_PURPOSE_BEFORE, _CARRIED, _GRIEVANCE_BEFORE, _REPORTED_BEFORE = map(
    gated, (_PURPOSE_BEFORE, _CARRIED, _GRIEVANCE_BEFORE, _REPORTED_BEFORE)
)
