"""How the text of a US local report votes for the state it is about.

A state written after a town ('Macon, Ga.') votes twice, a state named on its own once, the
outlet's state and a credited station's once, and each US town or county the geoparser
resolved once for its state (twice for a town whose police the report quotes). A town with a
namesake in the outlet's state supports its own state only if something else does.
us_state.py weighs these votes, with the dateline, into the report's state.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from eventmap.events.scene import written_as_street
from eventmap.events.surnames import surnames_of
from eventmap.events.us_cues import (
    ELSEWHERE_BEFORE,
    STREET_AFTER,
    Relocator,
    State,
    agency_places,
    state_after_comma,
    state_of,
    states_written,
    story_part,
)
from eventmap.events.us_namesakes import counties_with_their_towns
from eventmap.geoparse import Mention
from eventmap.start_set import with_start_set

# How far into a report its agencies ('Macon police') say where the report is from.
AGENCY_CHARS = 2_000
# The District of Columbia written on its own.
_CAPITAL = with_start_set(re.compile(r"(?<![\w.])D\.\s?C\.(?!\w)"))  # (see start_set)


@lru_cache(maxsize=4)
def agencies(text: str) -> tuple[tuple[str, int, int], ...]:
    """The report's agencies near its top, read once for the votes and the home."""
    return tuple(agency_places(text, min(len(text), AGENCY_CHARS)))


@lru_cache(maxsize=8)
def towns_written(text: str) -> tuple[re.Match[str], ...]:
    """The matches of the after-town pattern ('Macon, Ga.'): once for votes and towns."""
    if state_after_comma().search(text) is None:
        return ()  # (no state after a comma: no town written with one)
    return tuple(states_written()[1].finditer(text))


@lru_cache(maxsize=4)
def towns_with_states(text: str) -> dict[int, tuple[str, str]]:
    """Where the text writes a town with its state ('in Waldorf, Maryland', 'South Memphis,
    Tenn.'), not as someone's hometown nor in a dateline's capitals: the offset of the state's
    word -> (the town as written, the state's postal code)."""
    found = {}
    for m in towns_written(text):
        state = state_of(m.group(2))
        if state is None or state_of(m.group(1)) or m.group(1).isupper():
            continue
        if ELSEWHERE_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            continue
        found[m.start(2)] = (m.group(1), state.code)
    return found


def stated_towns(text: str) -> frozenset[tuple[str, str]]:
    """The towns the text writes with their state (``towns_with_states``): (name, and its
    last word, in lower case; state)."""
    found = set()
    for name, code in towns_with_states(text).values():
        found.add((name.lower(), code))
        found.add((name.split()[-1].lower(), code))
    return frozenset(found)


def towns_stated(text: str) -> tuple[frozenset[tuple[str, str]], dict[int, tuple[str, str]]]:
    """``stated_towns`` and ``towns_with_states`` of ``text`` (for the state context)."""
    return stated_towns(text), towns_with_states(text)


def state_votes(
    text: str,
    mentions: list[Mention],
    title: str | None,
    local: set[str],
    by_code: dict[str, State],
    relocator: Relocator | None = None,
    outlet: str | None = None,
) -> dict[str, tuple[int, int, bool, int]]:
    """Each state's votes, where it is first named (-1: the headline's story, not a known
    outlet's name after it), whether a town votes for it (not 'Jo Williams'), how many the
    text casts itself (not the outlet's, nor a namesake's it decided). ``local``: the states
    of the outlet and of a station credited at the top; a town with a namesake in the
    outlet's (one) state votes for it when nothing but such towns speaks for its own."""
    votes: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    stated: set[str] = set()  # towns written with their state: their namesakes do not vote
    written: set[int] = set()  # where a state is written after a town
    for offset, words in ((-1, story_part(title) if local else title or ""), (0, text)):
        for m in towns_written(words):
            state = state_of(m.group(2))
            if state is not None and not state_of(m.group(1)) and not m.group(1).isupper():
                stated.add(m.group(1).lower())
                stated.add(m.group(1).split()[-1].lower())
                if offset == -1 and state.code in local:
                    continue  # the outlet's own city in its headline ('WBRC - Birmingham, AL')
                if offset == 0:
                    written.add(m.start(2))  # the state's name votes here, not again below
                    if ELSEWHERE_BEFORE.search(words, max(0, m.start() - 24), m.start()):
                        continue  # a hometown: 'Jo Roe, 34, of Fredericksburg, Virginia'
                votes[state.code] += 2
                first_seen.setdefault(state.code, m.start() if offset == 0 else -1)
    # The outlet's state, and that of a station credited at the top.
    for code in local:
        votes[code] += 1
        first_seen.setdefault(code, -1)
    home = next(iter(local)) if len(local) == 1 and relocator is not None else None
    # A US town or county the geoparser resolved ('in Clark County') votes for its state,
    # once per name: two towns, or one with a state, make the context (a town named twice
    # may be a namesake abroad: 'in Santa Ana (Santa Ana)'). One whose police or sheriff the
    # report quotes ("Killeen police said") votes twice: the report is from there (a county
    # does not: every state has its Madison County).
    towns, by_town = set[str](), set[str]()  # by_town: the states a town votes for
    town_votes: list[tuple[str, int, Mention]] = []
    quoted = {a[0].lower() for a in agencies(text)}
    surnames = surnames_of(text, {m.text for m in mentions if m.kind == "city" and m.resolved})
    named: set[str] = set()  # the states the text names on their own ('the Georgia Bureau')
    for capital in _CAPITAL.finditer(text) if "DC" in by_code else ():
        # 'D.C. police', 'in Washington, D.C.' ('Washington' is a state: no town-with-state
        # vote): the capital's own name, which the geoparser reads as no place
        if capital.start() not in written:
            votes["DC"] += 1
            first_seen.setdefault("DC", capital.start())
            named.add("DC")
    for mention in mentions:
        if (
            mention.resolved
            and mention.kind == "admin1"
            and mention.country_code == "US"
            and mention.admin1_code in by_code
            and mention.text.lower() != "washington"  # the capital, as often as the state
            and not STREET_AFTER.match(text, mention.end)  # 'Tennessee St.' is a street
            and mention.start not in written
        ):
            votes[mention.admin1_code] += 1
            first_seen.setdefault(mention.admin1_code, mention.start)
            named.add(mention.admin1_code)
        elif (
            mention.resolved
            and mention.kind in ("city", "admin2")
            and mention.country_code == "US"
            and mention.admin1_code in by_code
            and mention.text.lower() not in towns
            and mention.text.lower() not in stated
            and mention.text.lower() != "washington"
            and mention.text.lower() not in surnames
            and not written_as_street(text, mention)  # 'the intersection of Prescott and'
        ):
            towns.add(mention.text.lower())
            twice = mention.kind == "city" and mention.text.lower() in quoted
            town_votes.append((mention.admin1_code, 2 if twice else 1, mention))
    # Towns with a namesake in the outlet's state ('Augusta' read in New York on a Georgia
    # station's site) support their state only if something else does: a state named, a town
    # written with it, a town the outlet's state lacks; with no outlet, the one state the text
    # names ('Jefferson police', 'Georgia Bureau'). Counties, hamlets: us_namesakes.py.
    if home is None and len(named) == 1 and relocator is not None:
        home = next(iter(named))
    if relocator is not None:
        town_votes = counties_with_their_towns(town_votes, relocator, home, outlet)
    namesakes = {
        i
        for i, (code, _, mention) in enumerate(town_votes)
        if home is not None
        and code != home
        and relocator is not None
        and relocator.lookup(mention.text, home, small=False) is not None
    }
    solid = votes + Counter(c for i, (c, _, _) in enumerate(town_votes) if i not in namesakes)
    borrowed: Counter[str] = Counter(local)  # votes the text itself does not cast
    for i, (code, weight, mention) in enumerate(town_votes):
        if i in namesakes and solid[code] == 0 and home is not None:
            code = home  # a namesake nothing else supports: the outlet says which
            borrowed[code] += weight
        votes[code] += weight
        first_seen.setdefault(code, mention.start)
        by_town.add(code)
    return {c: (v, first_seen[c], c in by_town, v - borrowed[c]) for c, v in votes.items()}
