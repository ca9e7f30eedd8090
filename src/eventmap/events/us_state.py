"""The US state a local news report is about, and its places read inside that state.

Local crime news names its state once, in the dateline ('MACON, Ga. —') or after a town ('Macon,
Georgia'), then writes bare town names that have namesakes in many states and abroad.
``state_context`` finds that state (the dateline's; a bare big-city dateline 'BALTIMORE —';
'WASHINGTON' is the capital; else the state named most, twice at least, 'Tennessee St.' aside).
``in_state`` moves an event placed at a namesake outside it to the place of that name inside the
state, else to the state itself: never a dot at a namesake elsewhere, but a town written with
its own state stays ('WASHINGTON — ... in Waldorf, Maryland'). A local paper's bare dateline is
a place of its region; a dateline's namesake elsewhere loses to the one state the text names
twice; 'Pa', 'Fla' are states. The cues (outlet, credited station, agencies quoted) are
us_cues.py's; which county or well-known city a bare name means, us_namesakes.py's. An event
with no better place than the state is at the report's home town (precision 2: the dateline
town, the town whose police speak, the first town named; a county's sheriff gives way to the one
town of it named as the scene), else at the state (precision 3)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from eventmap.events.lookup import as_mention
from eventmap.events.model import Candidate
from eventmap.events.surnames import surnames as written_names
from eventmap.events.surnames import surnames_of
from eventmap.events.us_cues import (
    CREDIT_DASH,
    ELSEWHERE_BEFORE,
    Relocator,
    State,
    agency_places,
    credited_state,
    dateline_cities,
    outlet_place,
    outlet_state,
    said_in,
    state_of,
    states_by_code,
    states_written,
    story_part,
    town_in,
    town_inside,
)
from eventmap.events.us_namesakes import town_named
from eventmap.events.us_votes import AGENCY_CHARS, agencies, state_votes, towns_stated
from eventmap.geoparse import Mention


@dataclass
class StateContext:
    """The state a report is about, its dateline town (name as written, offsets), and its
    home: the dateline town, else the town or county whose police or sheriff it quotes,
    as found inside the state (where an event with no better place than the state is)."""

    state: State | None
    dateline: tuple[str, int, int] | None
    home: Mention | None = None
    home_precision: int = 2  # 3 for an outlet's city: only the region is known
    local: bool = False  # a US local outlet's report (its address or a credited station)
    # towns the text writes with their state ('in Waldorf, Maryland'), not as a hometown:
    # (name in lower case, state code); no namesake question for them
    stated: frozenset[tuple[str, str]] = frozenset()
    # where the text writes a state after a town: the state word's offset -> (town, code)
    stated_at: dict[int, tuple[str, str]] = field(default_factory=dict)
    # the state rests on the outlet alone: a well-known city beats a hamlet (us_namesakes.py)
    outlet_only: bool = False
    # the words the text writes as people's names ('Jackson says': surnames.py), lower case
    surnames: frozenset[str] = frozenset()
    home_quoted: bool = False  # the home is a town or county whose police the report quotes


def state_context(
    text: str,
    mentions: list[Mention],
    title: str | None = None,
    outlet: str | None = None,
    relocator: Relocator | None = None,
) -> StateContext:
    """``title``: the headline, whose 'Town, State' (often the outlet's own city, 'WMC Action
    News 5 - Memphis, Tennessee') votes like one in the text; ``outlet``: its web address,
    which votes for a big city's state ('nbcnewyork.com'); ``relocator``: to read a dateline
    town without a state ('PEORIA —') in the state the report names most that has one."""
    _, _, dateline_re = states_written()
    by_code = states_by_code()
    dateline = None
    fallback = None  # the geoparser's reading of a dateline town without a state
    head = text[:600]
    # the first line that reads as a dateline: a photo credit 'Jo Doe (Photo: X)' is none,
    # a town in mixed case with its credit and dash is ('Killingly (AP) —')
    m = next(
        (
            x
            for x in dateline_re.finditer(head)
            if x.group(2) or x.group(1).isupper() or CREDIT_DASH.search(x.group(0))
        ),
        None,
    )
    if m is not None:
        town = m.group(1).strip()
        state = state_of(m.group(2)) if m.group(2) else None
        if state is None and town.lower() == "washington":
            state = by_code["DC"]  # a bare 'WASHINGTON' dateline is the capital
        elif state is None and state_of(town):
            state, town = state_of(town), ""  # 'TEXAS (AP) —': a state dateline
        elif state is None and town.lower() in dateline_cities()[0]:
            state = by_code[dateline_cities()[0][town.lower()]]  # 'BALTIMORE —'
        if town and len(town) > 2:
            dateline = (town, m.start(1), m.start(1) + len(town))
        if state is None and dateline is not None:
            fallback = next(
                (
                    by_code.get(x.admin1_code or "")
                    for x in mentions
                    if x.start == dateline[1]
                    and x.resolved
                    and x.country_code == "US"
                    and x.kind == "city"
                ),
                None,
            )
        if state is not None:
            context = StateContext(state, dateline)
            return _with_home(context, text, relocator, mentions, outlet, title)
    local = {outlet_state(outlet), credited_state(text)} - {None}
    votes = state_votes(text, mentions, title, local, by_code, relocator, outlet)
    if (
        dateline is not None
        and relocator is not None
        and _near_the_outlet(dateline, outlet, relocator)
    ):
        context = StateContext(by_code[outlet_state(outlet) or ""], dateline)
        context.local = True
        return _with_home(context, text, relocator, mentions, outlet, title)
    context = _decide(votes, local, dateline, fallback, by_code, relocator)
    context.local = bool(local)
    return _with_home(context, text, relocator, mentions, outlet, title)


# How far from a local outlet's city a town of its bare dateline may lie (its region).
_REGION_KM = 80.0


def _near_the_outlet(
    dateline: tuple[str, int, int], outlet: str | None, relocator: Relocator
) -> bool:
    """Whether a bare dateline ('BARRE —') names a town of the outlet's state near the
    outlet's city (a local paper writes its own region's towns without their state), however
    often the text names another state that has a namesake ('Hampden, Massachusetts')."""
    place = outlet_place(outlet)
    if place is None or not place[1]:
        return False
    town = relocator.lookup(dateline[0], place[0], counties=False, small=False)
    city = relocator.lookup(place[1], place[0], counties=False, small=False)
    if town is None or city is None:
        return False
    dlat = math.radians(town["latitude"] - city["latitude"])
    dlon = math.radians(town["longitude"] - city["longitude"]) * math.cos(
        math.radians(city["latitude"])
    )
    return 6371.0 * math.hypot(dlat, dlon) <= _REGION_KM


def _decide(
    votes: dict[str, tuple[int, int, bool, int]],
    local: set[str],
    dateline: tuple[str, int, int] | None,
    fallback: State | None,
    by_code: dict[str, State],
    relocator: Relocator | None,
) -> StateContext:
    """The state the votes make, for a report whose dateline names none."""
    strong = [c for c, (v, _, _, _) in votes.items() if v >= 2]
    lone = strong[0] if len(strong) == 1 else None  # the one state the text names twice
    if dateline is not None and relocator is not None:
        # 'PEORIA —': the named state that has a town of that name
        for code in sorted(votes, key=lambda c: -votes[c][0] * 10_000 + votes[c][1]):
            if relocator.lookup(dateline[0], code, small=False) is not None:
                if lone is not None and code != lone and votes[code][0] <= 1:
                    # 'PULLMAN —' and 'Chicago police' twice: a part of Chicago, not the
                    # Washington town whose only support is the dateline itself
                    break
                return StateContext(by_code[code], dateline)
    if dateline is not None and len(local) == 1 and all(c in local for c in strong):
        # a local paper's bare dateline ('HARTLAND –' in a Buffalo paper) is a place of the
        # region it covers, even one the gazetteer lacks: never a namesake states away
        return StateContext(by_code[next(iter(local))], dateline)
    if fallback is not None and not (lone is not None and votes.get(fallback.code, (0,))[0] <= 1):
        return StateContext(fallback, dateline)
    others = [(v, town) for c, (v, _, town, _) in votes.items() if c not in local]
    if len(local) == 1 and all(v < 2 and not town for v, town in others):
        # a local outlet's report naming no town of another state nor another state twice is
        # about its own ('Norfolk' on a Virginia station's site; a passing 'in Iowa')
        code = next(iter(local))
        alone = dateline is None and votes[code][3] == 0  # nothing in the text says so
        return StateContext(by_code[code], dateline, outlet_only=alone)
    if not votes or max(v for v, _, _, _ in votes.values()) < 2:
        return StateContext(None, dateline)  # one passing 'in Texas' says too little
    best = min(votes, key=lambda c: (-votes[c][0], votes[c][1]))
    return StateContext(by_code[best], dateline)


def _with_home(
    context: StateContext,
    text: str,
    relocator: Relocator | None,
    mentions: list[Mention],
    outlet: str | None = None,
    title: str | None = None,
) -> StateContext:
    """``context`` with its home: the first of the dateline town, the towns and counties
    whose agencies the report quotes, and the towns it names early, most named first (not
    as someone's hometown nor as the hospital's town) that is a place inside the state;
    else a town whose police its headline quotes ('Duluth Police Investigate Shooting') or
    that it names as the scene ('Two found dead in Fort Worth home');
    else the city of a local outlet of that state (precision 3: the region it covers)."""
    context.stated, context.stated_at = towns_stated(text)
    context.surnames = written_names(text)
    if relocator is None or context.state is None:
        return context
    names = list(agencies(text))
    if context.dateline is not None:
        names.insert(0, context.dateline)
    named = [
        (m.text, m.start, m.end)
        for m in sorted(mentions, key=lambda m: m.start)
        if m.resolved
        and m.kind == "city"
        and m.country_code == "US"
        and m.start < AGENCY_CHARS
        and m.role != "in_name"
        and m.text.lower() != "washington"
        and not ELSEWHERE_BEFORE.search(text, max(0, m.start - 24), m.start)
    ]
    # 'Ricky Hudson, 27,' names a man, not the town the report is from
    surnames = surnames_of(text, {n for n, _, _ in named})
    named = [n for n in named if n[0].lower() not in surnames]
    times = Counter(name.lower() for name, _, _ in named)
    cues, at = len(names), (context.dateline or ("", -1, -1))[1]  # Census list: these only
    names += sorted(named, key=lambda n: -times[n[0].lower()])  # the town named most, first
    for i, (name, start, end) in enumerate(names):
        look = {"small": i < cues, "cued": start == at, "text": text, "end": end}
        raw = town_named(name, context.state, context.outlet_only, relocator, **look)
        if raw is not None:
            home = as_mention(raw, name, start, end)
            if home.kind == "admin2":
                home = town_inside(home, named, text, relocator, context.state.code)
            context.home = home
            context.home_quoted = i < cues and start != at  # its police speak, no dateline
            return context
    for name, start, end in said_in(text, min(len(text), AGENCY_CHARS)):
        # a town the geoparser missed ('a home in Arab': Alabama's Arab) found in the state
        raw = relocator.lookup(name, context.state.code, False, cued=True, text=text, end=end)
        if raw is not None:
            context.home = as_mention(raw, name, start, end)
            return context
    headline = story_part(title)
    for name, _, _ in [*agency_places(headline, len(headline)), *said_in(headline, len(headline))]:
        raw = town_named(name, context.state, context.outlet_only, relocator, small=False)
        if raw is not None:
            context.home = as_mention(raw, name, 0, 0)
            return context
    place = outlet_place(outlet)
    if place is not None and place[0] == context.state.code and place[1]:
        raw = relocator.lookup(place[1], place[0], counties=False, cued=True)
        if raw is not None:
            context.home, context.home_precision = as_mention(raw, place[1], 0, 0), 3
    return context


def in_state(
    candidates: list[Candidate], context: StateContext, relocator: Relocator
) -> list[Candidate]:
    """Each event placed outside the report's state moves to its namesake inside it (a county of
    another state that has none stays where it is, unless the report has a home town), else to
    the report's home town (precision 2: a suburb or a street the gazetteer lacks is near
    it, never at a namesake elsewhere), else to the state (precision 3). An event placed at
    the state itself ('Connecticut State Police say') is at the home town (precision 2).
    Other events already inside the state are left alone."""
    state = context.state
    if state is None:
        # a local outlet's report of no known state: a surname is no place to put a dot
        return [c for c in candidates if not (context.local and _surname(c, context))]
    kept = []
    for cand in candidates:
        m = cand.mention
        if _surname(cand, context) or _away_home(cand, context):
            # 'Jackson says' in a Memphis report: no event in Jackson, Mississippi; 'a
            # Columbus man was arrested by Urbana police': the report's town, not his
            _at_state(cand, context, relocator, None)
            kept.append(cand)
            continue
        if not cand.location_name and (state_of(m.text) or state_of(f"{m.text}.")):
            if _at_stated_town(cand, candidates, context, relocator):
                kept.append(cand)  # 'in Fountain, Fla.': the town the gazetteer lacks
                continue
            # 'Pa' of 'LANCASTER, Pa.' is the state: an event of its own only when alone
            if len(candidates) > 1:
                continue
            _at_state(cand, context, relocator, None)
            kept.append(cand)
            continue
        kept.append(cand)
        if m.country_code == "US" and m.admin1_code == state.code:
            if m.kind == "admin1" and _at_stated_town(cand, candidates, context, relocator):
                continue  # 'in Fountain, Florida': the town the gazetteer lacks
            if m.kind == "admin1" and context.home is not None:
                _at_state(cand, context, relocator, cand.location_name)
            elif m.kind == "admin2" and town_in(context.home, m):
                # 'BLACKFOOT, Idaho - ... Bingham County deputies': the town in the county
                _at_state(cand, context, relocator, cand.location_name)
            continue
        if m.kind == "admin1" and m.country_code == "US":
            continue  # a state named on purpose ('in Texas') is no namesake
        if m.country_code == "US" and (m.text.lower(), m.admin1_code) in context.stated:
            continue  # 'WASHINGTON — ... in Waldorf, Maryland': the text says which Waldorf
        words = cand.location_name or m.text
        raw = town_named(words, state, context.outlet_only, relocator, small=False)
        if raw is not None and raw.get("admin1_code") != state.code:  # a well-known city
            if (m.country_code, m.admin1_code) != ("US", raw.get("admin1_code")):
                cand.mention = as_mention(raw, words, m.start, m.end)
                cand.location_name = None
            continue
        if raw is not None:
            cand.mention = as_mention(raw, words, m.start, m.end)
            if cand.precision == 3:
                cand.precision = None
            cand.location_name = None
            continue
        if m.country_code == "US" and m.kind == "admin2" and context.home is None:
            continue  # a county of another state, with no namesake here: there
        _at_state(cand, context, relocator, words)
    return kept


def _surname(cand: Candidate, context: StateContext) -> bool:
    """Whether ``cand`` is placed at a town only through a word the report writes as
    someone's name ('Sherman Wilson', 'Jackson says'), and not also as a place with its state
    or as its dateline ('JACKSON, Miss.')."""
    m = cand.mention
    if m.kind != "city" or cand.location_name or m.text.lower() not in context.surnames:
        return False
    if (m.text.lower(), m.admin1_code) in context.stated:
        return False
    return context.dateline is None or context.dateline[0].lower() != m.text.lower()


def _at_stated_town(
    cand: Candidate, candidates: list[Candidate], context: StateContext, relocator: Relocator
) -> bool:
    """Places ``cand``, placed at the state written after a town the geoparser did not read
    ('in Fountain, Fla.'), at that town, found in the state (gazetteer, else the Census list:
    the text writes it as a place); whether it did. Not when another event has the town."""
    m, state = cand.mention, context.state
    town = context.stated_at.get(m.start)
    if state is None or town is None or town[1] != state.code:
        return False
    if cand.location_name not in (None, town[0]):
        return False
    if any(c.mention.text == town[0] for c in candidates if c is not cand):
        return False
    raw = relocator.lookup(town[0], state.code, counties=False, cued=True)
    if raw is None:
        return False
    cand.mention, cand.precision = as_mention(raw, town[0], m.start, m.end), None
    cand.location_name = None
    return True


def _away_home(cand: Candidate, context: StateContext) -> bool:
    """Whether ``cand`` is placed only at someone's home ('a Columbus man was arrested by
    Urbana police') while the report quotes the police or sheriff of another place of its
    state (a dateline may be a station's city far from a hometown that is the scene: 'MIAMI
    (CBSMiami) - A Florida City teen was charged'), unless the home is the county the
    hometown lies in."""
    home = context.home
    if not (cand.hometown and home is not None and context.home_quoted):
        return False
    if home.kind == "admin2" and town_in(cand.mention, home):
        return False  # 'a Temecula man' in a Riverside County sheriff's report: his town
    return home.name != cand.mention.name


def _at_state(
    cand: Candidate, context: StateContext, relocator: Relocator, words: str | None
) -> None:
    """Places ``cand``, which has no better place than the report's state, at the report's
    home town (precision 2), else at the state (precision 3) under ``words``."""
    m = cand.mention
    if context.home is not None:
        home = context.home
        cand.mention = as_mention(home.raw, home.text, m.start, m.end)
        cand.precision, cand.location_name = context.home_precision, None
        return
    raw = relocator.state(context.state) if context.state is not None else None
    if raw is not None:
        cand.mention = as_mention(raw, m.text, m.start, m.end)
        cand.precision, cand.location_name = 3, words
