"""Where each event happened: the sentence's place phrases, each with its nearest trigger.

The geoparser has already said which mentions are event locations ('clashes in Hama') rather
than seats of government or speakers' places. This stage reads them as ACLED codes places:

- one place phrase is one location: 'Tall Hamid village in Aleppo countryside', 'Kralgund
  (Kupwara district, Jammu and Kashmir)' and 'Gao, Mali' each name one place, the first, and
  the others only say where it is: never two events for one phrase;
- a first name the gazetteer lacks, or resolves to a namesake outside the division the phrase
  names, is coded to that named division (precision 2 for a district or town, 3 for a
  province) under the name as written: never a dot drawn at a namesake elsewhere;
- 'near X', 'the outskirts of X', 'X countryside', 'between X and Y' (coded at X) are
  ACLED's precision 2 when X is a town; a province stays a province (3, at its capital).

Each place takes the nearest trigger, and the actors on each side of it, into one candidate
event. It also finds the article's dominant country, which disambiguates actor words ('the
army' of which state).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from eventmap.actors import ActorTable, Span
from eventmap.dates import DateRef
from eventmap.events.actors import crowd_sides, decide, default_actor, pair, state_first
from eventmap.events.model import Candidate
from eventmap.events.triggers import find_triggers, refine, reverses_sides
from eventmap.fatalities import Fatalities
from eventmap.geoparse import Mention
from eventmap.schema import SUB_EVENT_TO_TYPE

# (place as written, the division a phrase puts it in) -> that place inside it, if any.
Resolver = Callable[[Mention, Mention], Mention | None]
_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
# Sub-event types whose passive subject is the target ('five men were arrested'), not the
# doer (unlike 'troops were redeployed').
_DONE_TO = frozenset(
    sub
    for sub, etype in SUB_EVENT_TO_TYPE.items()
    if etype in (*_VIOLENT, "Riots") or sub in ("Arrests", "Looting/property destruction")
)
# Place kinds an event can be coded to (a country is too coarse for ACLED).
_EVENT_KINDS = ("city", "admin1", "admin2")
# Roles that say a name is not where something happened.
_NOT_A_PLACE = ("government", "speaker_or_actor_location", "demonym", "in_name")
# Between a place and the division that contains it: 'X, Y', 'X (Y', 'X town in Y', 'X of Y'.
_DIVISIONS = (
    r"town|city|village|district|area|neighbou?rhood|camp|region|municipality|county|"
    r"sub-?district|sub-?division|sub-?county|LGA|commune|locality|settlement|suburb|"
    r"governorate|province|state|prefecture|department|parish|tehsil|taluka?|upazila|woreda|"
    r"sector|ward|colony|barangay|mandal|block|zone|oblast|raion|rayon|circle|arrondissement|"
    r"canton|community|hamlet|township"
)
_CONTAINER_GAP = re.compile(
    rf"(?:-\d+)?(?:\s+(?:{_DIVISIONS}))?"
    r"(?:\s*[,(]\s*(?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}\s*,\s*)?|\s+(?:in|of|within)\s+)"
    r"(?:the\s+)?(?:(?:\w+\s+){0,2}(?:district|province|governorate|region|state|county|municipality|"
    r"countryside|department|LGA|area|commune)\s*(?:of\s+|,\s*|\(\s*)?)?(?:the\s+)?",
    re.IGNORECASE,
)
_LOCATOR_GAP = re.compile(
    r"\s*,?\s*(?:\d+\s*(?:km|kilometers|kilometres|miles)\s+)?(?:(?:just\s+)?(?:north|south|east|"
    r"west)(?:-?(?:east|west))?(?:ern)?\s+of|near|outside(?:\s+of)?|close\s+to)\s+"
    r"(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?",
    re.IGNORECASE,
)
_COMPOUND_AFTER = re.compile(r"-[a-z]")
_COMPOUND_BEFORE = re.compile(r"\b(?:pro|anti|ex|non)-$", re.IGNORECASE)
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
_WIDE_BEFORE = re.compile(
    r"\b(?:near|nearby|outskirts\s+of|vicinity\s+of|around|between|area\s+of|countryside\s+of|"
    r"outside(?:\s+of)?|close\s+to|surroundings\s+of|environs\s+of|direction\s+of|"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+(?:of|outskirts\s+of|"
    r"countryside\s+of))\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?$",
    re.IGNORECASE,
)
_WIDE_AFTER = re.compile(
    r"\s*(?:'s\s+)?(?:countryside|outskirts|suburbs?|surroundings|environs|vicinity|frontline|"
    r"front\s*line|front|periphery|area)\b",
    re.IGNORECASE,
)
# How far after its sentence a protest's outcome is read ('The police dispersed them.').
_FOLLOWING = 300
# A capitalised name right before '(' that opens a place phrase: 'Kralgund town (Kupwara'.
_UNKNOWN_BEFORE = re.compile(
    r"\b(?:in|at|of|near)\s+(?:the\s+)?(?:(?:town|village|city|area)\s+of\s+)?"
    r"([A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+){0,3})\s*(?:town|village|city|area|camp|"
    r"neighbou?rhood|locality)?\s*\(\s*$"
)
_NOT_NAMES = frozenset({"The", "A", "An", "On", "In"})
_PASSIVE_BEFORE = re.compile(
    r"\b(?:was|were|been|being|got|is|are)\s+(?:\w+ly\s+)?(?:found\s+)?(?:\w+\s+and\s+)?$",
    re.IGNORECASE,
)
# 'shells fired by X', 'a bomb planted by X': the doer follows a participle and 'by'.
_BY_AFTER = re.compile(
    r"\s+(?:\w+\s+){0,2}(?:fired|launched|planted|carried\s+out|conducted|dropped|thrown|"
    r"detonated|placed)\s+by\b",
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
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(?:\w+\s+){0,2}$", re.IGNORECASE)
_AND = re.compile(r"\s+and\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?$", re.IGNORECASE)


def dominant_country(mentions: Iterable[Mention]) -> str | None:
    """The country the article's resolved places vote for (place names in names excluded)."""
    votes = Counter(
        m.country_code for m in mentions if m.resolved and m.country_code and m.role != "in_name"
    )
    return votes.most_common(1)[0][0] if votes else None


def _distance(trigger: tuple[int, int, str], m: Mention) -> int:
    return min(abs(trigger[0] - m.end), abs(m.start - trigger[1]))


def place_phrases(
    text: str, mentions: list[Mention], s: int, e: int, resolve: Resolver | None = None
) -> list[tuple[Mention, int | None, str | None]]:
    """(place, precision or None, name as written or None) for each place phrase in [s, e)."""
    inside = [
        m
        for m in mentions
        if s <= m.start < e
        and m.role not in _NOT_A_PLACE
        and (not m.resolved or m.kind in (*_EVENT_KINDS, "country"))
        and not _COMPOUND_AFTER.match(text, m.end)  # 'Taliban-planted': a word, not a place
        and not _COMPOUND_BEFORE.search(text, max(0, m.start - 6), m.start)  # 'pro-Hadi'
    ]
    phrases: list[list[Mention]] = []
    for m in inside:
        if phrases and _CONTAINER_GAP.fullmatch(text, phrases[-1][-1].end, m.start):
            phrases[-1].append(m)
        elif phrases and _LOCATOR_GAP.fullmatch(text, phrases[-1][-1].end, m.start):
            # 'al Khadir, south of Bethlehem', 'Bese, near Saliboko': says where the place
            # before it is, and is no event of its own.
            phrases[-1].append(_Locator(m))  # type: ignore[arg-type]
        else:
            phrases.append([m])
    out: list[tuple[Mention, int | None, str | None]] = []
    skip_next = False
    for k, phrase in enumerate(phrases):
        unknown = _UNKNOWN_BEFORE.search(text, max(s, phrase[0].start - 60), phrase[0].start)
        if unknown is not None and unknown.group(1).split()[0] not in _NOT_NAMES:
            # 'Kralgund town (Kupwara district, ...)': a name the gazetteer lacks, then where.
            head = _Unknown(unknown.group(1))
            placed = _place(head, phrase, False, resolve)  # type: ignore[arg-type]
            if placed is not None:
                out.append(placed)
            continue
        if skip_next:  # 'between X and Y': one event, at X
            skip_next = False
            continue
        head = phrase[0]
        wide = bool(
            _WIDE_BEFORE.search(text, max(0, head.start - 40), head.start)
            or _WIDE_AFTER.match(text, head.end)
        )
        if _BETWEEN.search(text, max(0, head.start - 40), head.start) and k + 1 < len(phrases):
            skip_next = bool(_AND.fullmatch(text, head.end, phrases[k + 1][0].start))
        if head.kind == "admin1":
            wide = False  # 'the countryside of Homs': the province, coded at its capital (3)
        placed = _place(head, phrase[1:], wide, resolve)
        if placed is not None:
            out.append(placed)
    return out


class _Locator:
    """A place that only locates the one before it: never coded, never a container."""

    resolved = False
    kind = None

    def __init__(self, m: Mention) -> None:
        self.text = m.text
        self.start, self.end = m.start, m.end


class _Unknown:
    """A place name the geoparser did not find: only its text is known."""

    resolved = False
    kind = None

    def __init__(self, text: str) -> None:
        self.text = text


def _place(
    head: Mention, containers: list[Mention], wide: bool, resolve: Resolver | None = None
) -> tuple[Mention, int | None, str | None] | None:
    known = [c for c in containers if c.resolved and c.kind in _EVENT_KINDS]
    if head.resolved and head.kind in _EVENT_KINDS and head.role == "event_location":
        inside = all(
            c.country_code == head.country_code
            and (not c.admin1_code or c.admin1_code == head.admin1_code)
            for c in known
        )
        if inside:
            return head, (2 if wide else None), None
    if not known:
        return None
    # 'Kamyanka, Donetsk' read as a Kamyanka elsewhere: the one inside the named division.
    division = next((c for c in reversed(known) if c.admin1_code), None)
    if resolve is not None and division is not None and head.text:
        inside_one = resolve(head, division)
        if inside_one is not None:
            return inside_one, (2 if wide else None), None
    # The head is unknown, or a namesake elsewhere: the named division, at the precision of
    # what is known (a county: 2; a province, or a town named only as the seat of the
    # district the place is in: 3, somewhere in that province).
    best = min(known, key=lambda c: {"admin2": 0, "city": 1, "admin1": 2}[c.kind or "admin1"])
    return best, (2 if best.kind == "admin2" else 3), head.text


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
) -> list[Candidate]:
    """One candidate per place phrase of the sentence ``text[s:e]`` (none without a trigger).

    ``places``: use these instead of the sentence's own (a short report whose place is named
    in another sentence than its trigger)."""
    triggers = find_triggers(sentence, s)
    if not triggers:
        return []
    found = []
    if places is None:
        places = place_phrases(text, mentions, s, e, resolve)
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
        elif reverses_sides(text[start:end]):
            # 'the army retreated from Hama': the side that took it is actor 1.
            actors1, actors2 = actors2, actors1
        country = place.country_code
        sub = decide(
            sub,
            actors1,
            actors2,
            text[s:start],
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
            continue
        kept.append(cand)
    return kept
