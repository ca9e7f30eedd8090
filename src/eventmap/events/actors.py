"""Who did what to whom in one sentence: actor spans, then the two sides of the event.

The actor table (``eventmap.actors``) finds the phrases; this stage reads them as news English
writes them: 'Russian and Syrian warplanes' are two actors sharing one noun, 'the jihadists'
right after a sentence naming the group is that group, the subject side stands before the
trigger and the target side after it, and a joint operation is coded with the state first and
its allies as associates.

The actors also settle ACLED's decision rules that words alone cannot: violence against an
armed, organised side is an armed clash, against unarmed people an attack, by a crowd mob
violence; people taken by a group that is not the state are abducted, not arrested; territory
taken by the state's own forces is 'government regains territory'. An event whose doer is not
named gets ACLED's generic actor of the event's country: Protesters (X) for a protest, Rioters
(X) for a riot, Unidentified Armed Group (X) for violence, Police Forces of X for arrests.
"""

from __future__ import annotations

import re

from eventmap.actors import ActorTable, Span
from eventmap.events.triggers import CUES
from eventmap.schema import SUB_EVENT_TO_TYPE
from eventmap.start_set import with_start_set

# Order of sides within actor 1: the state leads a joint operation, its allies associate.
SIDE_ORDER = {"state": 0, "rebel": 1, "state_ally": 2, "other": 3, "unknown": 4}
_DEMONYM_AND = re.compile(r"\b([A-Z][a-z]+)\s+and\s+$")
# An actor who tells of the event, not one of its sides: 'Police said a man was shot dead',
# 'Police say a woman was killed', 'according to police'; but 'the army said its forces
# killed 12' is the army's own deed.
_SPEAKS_AFTER = re.compile(
    r"\s+(?:(?:have|has|had|also|later)\s+)*(?:said|say|says|told|tell|tells|stated|states)\b"
    r"(?!\s+(?:that\s+)?(?:its|their|his|her)\b)",
    re.IGNORECASE,
)
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.IGNORECASE)


def not_speakers(spans: list[Span], text: str) -> tuple[list[Span], int]:
    """The spans that are no speaker of the sentence, and where the last speaker's words
    end (its verb, or its name after 'according to'; 0 if none): who 'said' an event
    happened is its source. Making them a side coded
    a shooting that 'police said' happened as police fighting the gunman, and one that
    'police say' happened as killed by the police."""
    kept, spoke = [], 0
    for sp in spans:
        said = _SPEAKS_AFTER.match(text, sp.end)
        if said is not None:
            spoke = max(spoke, said.end())
        elif _ACCORDING_TO.search(text, max(0, sp.start - 20), sp.start):
            spoke = max(spoke, sp.end)
        else:
            kept.append(sp)
    return kept, spoke


def sentence_actors(
    sentence: str,
    offset: int,
    country: str | None,
    previous_named: list[str],
    table: ActorTable,
    demonyms: dict[str, str],
) -> list[Span]:
    """Actor spans of a sentence (offsets into the whole text), in text order."""
    spans = []
    for sp in table.find(sentence, country, roles=True):
        spans.append(Span(offset + sp.start, offset + sp.end, sp.text, sp.ref, sp.generic))
        # 'Russian and Syrian warplanes': the demonym before 'and' shares the noun.
        m = _DEMONYM_AND.search(sentence[: sp.start])
        if m and m.group(1) in demonyms:
            noun = sp.text.split(" ", 1)[1] if " " in sp.text else ""
            other = table.find(f"{m.group(1)} {noun}", country) if noun else []
            if other and other[0].ref != sp.ref:
                spans.append(
                    Span(
                        offset + m.start(1),
                        offset + m.end(1) + len(noun) + 1,
                        m.group(1) + " " + noun,
                        other[0].ref,
                    )
                )
    # 'HTS security forces': a generic noun right after a named group is that group's.
    spans = [
        sp
        for k, sp in enumerate(spans)
        if not (
            sp.generic
            and k > 0
            and not spans[k - 1].generic
            and 0 <= sp.start - spans[k - 1].end <= 1
        )
    ]
    # 'The jihadists' right after a sentence naming the group: the named group.
    resolved = []
    for sp in spans:
        if sp.generic and previous_named:
            before = sentence[max(0, sp.start - offset - 4) : sp.start - offset].lower()
            actor = table.by_name(sp.ref)
            if before.strip() == "the" and actor is not None:
                named = next(
                    (n for n in previous_named if (a := table.by_name(n)) and a.side == actor.side),
                    None,
                )
                if named:
                    sp = Span(sp.start, sp.end, sp.text, named, False)
        resolved.append(sp)
    return sorted(resolved, key=lambda sp: sp.start)


def pair(before: list[Span], after: list[Span], table: ActorTable) -> tuple[list[Span], list[Span]]:
    """Subject side before the trigger, target side after it; sides never mix."""

    def side(sp: Span) -> str:
        actor = table.by_name(sp.ref)
        return actor.side if actor else "unknown"

    first = [sp for sp in before if side(sp) != "civilians"] or before
    if first:
        lead = (
            side(first[-1])
            if side(first[-1]) != "rebel"
            or not any(side(sp) in ("state", "state_ally") for sp in first)
            else "rebel"
        )
        group = {"state", "state_ally"} if lead in ("state", "state_ally") else {lead}
        actors1 = sorted(
            (sp for sp in first if side(sp) in group),
            key=lambda sp: (SIDE_ORDER.get(side(sp), 9), sp.start),
        )
        # Rival armed sides can share a colour (two governments, two rebel groups): only the
        # doers themselves and the state's own allies are no target.
        refs1 = {sp.ref for sp in actors1}
        targets = [
            sp
            for sp in after
            if sp.ref not in refs1
            and not (lead in ("state", "state_ally") and side(sp) == "state_ally")
        ]
        if not targets:
            targets = [sp for sp in first if side(sp) not in group]
        return _unique(actors1), _unique(targets)
    return [], _unique(after)


def _unique(spans: list[Span]) -> list[Span]:
    seen, out = set(), []
    for sp in spans:
        if sp.ref not in seen:
            seen.add(sp.ref)
            out.append(sp)
    return out


_PASSIVE_END = re.compile(r"\b(?:was|were|been|being)\s+(?:\w+ly\s+)?(?:found\s+)?$", re.IGNORECASE)
_UNIDENTIFIED = re.compile(
    r"\b(?:unidentified|unknown)\s+(?:\w+\s+)?(?:group|men|persons|people)\b"
)
# Inter codes of armed, organised sides (state, rebels, militias, external forces).
_ARMED = (1, 2, 3, 4, 8)
_DEFAULT_ROLE = {
    "Protests": "protesters",
    "Riots": "rioters",
    "Battles": "armed_group",
    "Explosions/Remote violence": "armed_group",
    "Violence against civilians": "armed_group",
}
_SUB_ROLE = {
    "Arrests": "police",
    "Looting/property destruction": "armed_group",
    "Disrupted weapons use": None,
    "Change to group/activity": None,
}


def decide(
    sub: str,
    actors1: list[Span],
    actors2: list[Span],
    before: str,
    sentence: str,
    table: ActorTable,
    country: str | None,
    after: str = "",
    trigger: str = "",
) -> str:
    """The sub-event type once the sides are known (ACLED's attack/clash, arrest/abduction,
    mob and territory rules); ``before`` is the sentence up to the trigger, ``after`` the
    rest of it after the trigger, ``trigger`` the trigger's words. ``actors1`` are the doers
    and ``actors2`` the targets (a passive sentence's subject is a target)."""
    inter1 = [table.inter(sp.ref, country) for sp in actors1]
    inter2 = [table.inter(sp.ref, country) for sp in actors2]
    passive = bool(_PASSIVE_END.search(before))
    # 'leaving four militants dead': the dead are named before the word.
    target = before[-50:] if _DEAD.match(trigger) else _target_words(before, after, passive)
    armed_doers = _armed_group(actors1, inter1, table) or (
        not passive and CUES["combatants"].search(before) is not None
    )
    # Two sides fighting ('a clash between two groups'): the crowd can stand on either side.
    mutual = sub == "Armed clash" and CUES["clash"].match(trigger) is not None
    crowd = (
        (CUES["crowd"].search(before) and not passive)
        or (passive and _BY_CROWD.search(after))
        or any(i in (5, 6) for i in inter1)
        or (mutual and (CUES["crowd"].search(sentence) or CUES["riot_weapons"].search(sentence)))
        or (
            sub in ("Attack", "Armed clash")
            and 1 not in inter1
            and CUES["riot_weapons"].search(sentence)
        )
    ) and not armed_doers
    if mutual and _armed_group(actors2, inter2, table):
        crowd = False
    demonstration = _demonstration(sentence)
    if sub == "Attack":
        if not passive and CUES["mob"].search(before) and not any(i in _ARMED for i in inter1):
            return "Mob violence"
        named_target = [
            i for sp, i in zip(actors2, inter2, strict=True) if passive or sp.text in target
        ]
        armed_target = (
            any(i in _ARMED for i in named_target) or CUES["armed_victim"].search(target)
        ) and not CUES["off_duty"].search(before[-60:] if passive else after[:120])
        if not crowd and (
            CUES["clash"].search(sentence)
            or (armed_target and (not inter1 or any(i in _ARMED for i in inter1)))
        ):
            return "Armed clash"
    if sub in ("Armed clash", "Attack", "Looting/property destruction", "Mob violence") and crowd:
        # A crowd is no armed group: its fights and destruction are riots (codebook: mob vs
        # violent demonstration).
        return (
            "Violent demonstration"
            if demonstration and not _MOB.search(sentence)
            else ("Mob violence")
        )
    if sub == "Violent demonstration" and _MOB.search(sentence):
        return "Mob violence"  # a mob, whatever it demanded
    if sub == "Mob violence" and demonstration and not _MOB.search(sentence):
        return "Violent demonstration"  # a scuffle at a rally: the rally turned violent
    named_armed = any(i in _ARMED for i in inter1 + inter2 if i != 1) or any(
        sp.ref.startswith("Unidentified Armed Group") or sp.ref.startswith("Unidentified Gang")
        for sp in actors1 + actors2
    )
    if sub == "Violent demonstration" and not demonstration:
        # Stones or vandalism with no demonstration: a crowd's is mob violence, a group's
        # damage to property is property destruction.
        if crowd:
            return "Mob violence"
        if named_armed or _UNIDENTIFIED.search(sentence):
            return "Looting/property destruction"
    if sub == "Arrests" and any(i in (2, 3, 4) for i in inter1) and 1 not in inter1:
        return "Abduction/forced disappearance"
    if sub == "Non-state actor overtakes territory" and inter1 and inter1[0] == 1:
        return "Government regains territory"
    return sub


# The words a violent verb acts on: its object up to the first place or time phrase.
_OBJECT_END = re.compile(
    r"[,.;:(]|\b(?:in|at|near|on|inside|outside|while|as|during|after|before|from|when|who|"
    r"which|following|because|along|around|accused|suspected|for)\b",
    re.IGNORECASE,
)
_MOB = re.compile(r"\b(?:mobs?|lynch\w*)\b", re.IGNORECASE)
_DEAD = re.compile(r"(?:dead|died)$", re.IGNORECASE)
_BY_LEAD = re.compile(r"\s*by\s+", re.IGNORECASE)
_ON = re.compile(r"\s(?:on|against|at)\s", re.IGNORECASE)
_OBJECT_LEAD = re.compile(r"\s*(?:on|against|at|upon|towards?)\s+", re.IGNORECASE)
_BY_CROWD_PHRASE = re.compile(r"\bby\s+", re.IGNORECASE)


def _target_words(before: str, after: str, passive: bool) -> str:
    """Who the violence was done to: the passive subject ('two guards were shot'), else the
    object after the verb ('shot two guards in ...')."""
    if passive:
        return before[-80:]
    by = _BY_LEAD.match(after)
    if by is not None:
        # 'an attack by X on a checkpoint': the target follows 'on'; without one, the
        # people the sentence opened with ('four guards were killed in an attack by X').
        on = _ON.search(after, by.end(), by.end() + 80)
        if on is None:
            return before[-80:]
        after = after[on.start() :]
    lead = _OBJECT_LEAD.match(after)  # 'an attack on ...', 'opened fire at ...'
    start = lead.end() if lead else 0
    end = _OBJECT_END.search(after, start + 1)
    return after[start : end.start() if end else start + 80][:80]


class _ByCrowd:
    """'attacked ... by locals': a crowd named as the doer of a passive verb."""

    @staticmethod
    def search(after: str) -> bool:
        m = _BY_CROWD_PHRASE.search(after[:80])
        return m is not None and CUES["crowd"].search(after, m.end(), m.end() + 30) is not None


_BY_CROWD = _ByCrowd()


def _armed_group(spans: list[Span], inters: list[int | None], table: ActorTable) -> bool:
    """An organised armed side other than a state's forces (whichever state: police facing
    a crowd are police): rebels, militias, gangs."""
    return any(
        i in (2, 3, 4, 8) and not getattr(table.by_name(sp.ref), "is_state", False)
        for sp, i in zip(spans, inters, strict=True)
    ) or any(sp.ref.startswith(("Unidentified Armed Group", "Unidentified Gang")) for sp in spans)


def _demonstration(sentence: str) -> bool:
    """A gathering with a grievance in the sentence (not merely its subject matter)."""
    return bool(CUES["demonstration"].search(sentence))


def default_actor(sub: str, country: str | None, table: ActorTable) -> list[str]:
    """ACLED's generic actor 1 of an event whose doer the text does not name."""
    role = _SUB_ROLE.get(sub, _DEFAULT_ROLE.get(SUB_EVENT_TO_TYPE.get(sub, "")))
    if sub == "Mob violence":
        role = "rioters"
    name = table.role_actor(role, country) if role else None
    return [name] if name else []


def crowd_sides(
    sub: str, actors1: list[Span], actors2: list[Span], country: str | None, table: ActorTable
) -> tuple[list[str], list[str]]:
    """A demonstration is coded with the crowd as actor 1 and whoever faced it as actor 2."""
    etype = SUB_EVENT_TO_TYPE.get(sub, "")
    if sub == "Mob violence":
        # A mob of residents is coded as rioters, whoever it attacked as actor 2.
        doers = [sp.ref for sp in actors1 if table.inter(sp.ref, country) not in (5, 6, 7)]
        if doers:
            return doers, [sp.ref for sp in actors2]
        rioters = table.role_actor("rioters", country)
        return ([rioters] if rioters else []), [
            sp.ref for sp in actors2 if table.inter(sp.ref, country) not in (5, 6)
        ]
    if etype not in ("Protests", "Riots"):
        # 'Traders' or 'students' shot at are civilians, not protesters.
        civilians = table.role_actor("civilians", country)
        targets = [
            civilians if civilians and table.inter(sp.ref, country) == 6 else sp.ref
            for sp in actors2
        ]
        return [sp.ref for sp in actors1], list(dict.fromkeys(targets))
    crowd = table.role_actor("rioters" if etype == "Riots" else "protesters", country)
    others = [
        sp.ref
        for sp in actors1 + actors2
        if table.inter(sp.ref, country) not in (5, 6, 7) and sp.ref != crowd
    ]
    return ([crowd] if crowd else []), list(dict.fromkeys(others))


def state_first(
    refs1: list[str], refs2: list[str], country: str | None, table: ActorTable
) -> tuple[list[str], list[str]]:
    """A battle with the country's own forces is coded with them as actor 1 (ACLED's
    convention), whoever fired first; civilians are no side of a battle, and a state force
    fighting someone unnamed fights an unidentified armed group."""
    sides = [r for r in refs1 + refs2 if table.inter(r, country) != 7]
    state = [r for r in sides if table.inter(r, country) == 1]
    if not state or any(table.inter(r, country) == 1 for r in refs1[:1]):
        return refs1, refs2
    others = [r for r in sides if r not in state]
    if not others:
        others = default_actor("Armed clash", country, table)
    return state, others


# Searched over sentences and the words around a place, date or trigger: with their start
# sets (start_set.py) re skips to where a match can start instead of trying every position.
_DEMONYM_AND, _ACCORDING_TO, _PASSIVE_END, _UNIDENTIFIED, _OBJECT_END, _MOB, _BY_CROWD_PHRASE = map(
    with_start_set,
    (_DEMONYM_AND, _ACCORDING_TO, _PASSIVE_END, _UNIDENTIFIED, _OBJECT_END, _MOB, _BY_CROWD_PHRASE),
)
