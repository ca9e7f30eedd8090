"""Which of its namesakes a US report means by a bare town or county name.

us_state.py finds the state a local report is about and reads its places inside that state.
Two questions it cannot answer from the state alone:

- a county: every state has its Wayne or Madison County, and the geoparser takes the largest
  (Michigan's Wayne County); a town the report names that lies in a county of that name in
  another state pins the county ('the Wayne County Sheriff' ... 'in Goldsboro': North
  Carolina's);
- a well-known city: when nothing but the outlet ties a report to its state (a Georgia
  station's site, no Georgia town or Georgia named), 'Montgomery police' are those of
  Alabama's capital, not of a Georgia town of 4,500 two hundred miles away. A town of the
  state's own size stays ('Portland' on a Maine station's site is Maine's), and so does any
  namesake the text ties to the state.
"""

from __future__ import annotations

import math
from typing import Any
from weakref import WeakKeyDictionary

from eventmap.events.lookup import as_mention
from eventmap.events.us_cues import Relocator, State, outlet_place, town_in
from eventmap.geoparse import Mention

# A US city this large is named for itself when a report writes it bare...
WELL_KNOWN = 100_000
# ...if it is this many times as large as any US namesake ('Columbus' is Ohio's and
# Georgia's, 'Kansas City' Missouri's and Kansas': no such city).
WELL_KNOWN_LEAD = 5
# A namesake in the outlet's state this small (or one that has the name only as an alternate
# name) is a hamlet beside the well-known city.
HAMLET = 10_000
# A local outlet's region: how far from its city a place it reports on may well be.
REGION_KM = 200.0
# How many of a name's US senses are looked through.
_CANDIDATES = 25

_KNOWN: WeakKeyDictionary[Relocator, dict[str, dict | None]] = WeakKeyDictionary()


def well_known(relocator: Relocator, name: str) -> dict | None:
    """The US city of this name that is a well-known city (``WELL_KNOWN`` people or more,
    ``WELL_KNOWN_LEAD`` times any US namesake): 'Birmingham' is Alabama's, not Georgia's
    hamlet nor England's city (cached per relocator)."""
    name = name.strip()
    if name.isupper():
        name = name.title()
    cache = _KNOWN.setdefault(relocator, {})
    if name not in cache:
        try:
            ranked = relocator.geocoder.geocode(
                name, exactly_one=False, country_codes="US", kind="city"
            )
        except ValueError:  # not a usable name
            ranked = None
        named = sorted(
            (
                loc
                for loc in (ranked or [])[:_CANDIDATES]
                if loc.raw.get("kind") == "city" and loc.raw.get("match") in ("name", "alternate")
            ),
            key=lambda loc: -int(loc.raw.get("population") or 0),
        )
        people = [int(loc.raw.get("population") or 0) for loc in named[:2]] + [0]
        found = None
        if (
            named
            and named[0].raw.get("match") == "name"
            and people[0] >= WELL_KNOWN
            and people[1] * WELL_KNOWN_LEAD <= people[0]
        ):
            loc = named[0]
            found = dict(loc.raw, latitude=loc.latitude, longitude=loc.longitude)
        if len(cache) > 20_000:
            cache.clear()
        cache[name] = found
    return cache[name]


def town_named(
    name: str, state: State | None, outlet_only: bool, relocator: Relocator, **look: Any
) -> dict | None:
    """The town (or county) ``name`` is in a report about ``state``: its namesake there,
    unless the state rests on the outlet alone (``outlet_only``) and the name is a
    well-known city elsewhere while the state's namesake is a hamlet. ``look``: how the
    state's Census list is asked (``Relocator.lookup``)."""
    if state is None:
        return None
    raw = relocator.lookup(name, state.code, **look)
    if not outlet_only or (raw is not None and raw.get("kind") != "city"):
        return raw
    if raw is not None and raw.get("match") == "name" and (raw.get("population") or 0) > HAMLET:
        return raw
    big = well_known(relocator, name)
    return big if big is not None else raw


def hamlet(m: Mention) -> bool:
    """Whether the geoparser's town is a hamlet (``HAMLET`` people or fewer) or one it found
    only under an alternate name ('Feltonville', a Philadelphia neighbourhood, read as an
    old name of Hudson, Massachusetts)."""
    raw = m.raw or {}
    return m.kind == "city" and (
        raw.get("match") != "name" or int(raw.get("population") or 0) <= HAMLET
    )


def _outlet_city(outlet: str | None, relocator: Relocator) -> dict | None:
    """The gazetteer entry of a local outlet's city, when the outlet list gives one."""
    place = outlet_place(outlet)
    if place is None or not place[1]:
        return None
    return relocator.lookup(place[1], place[0], counties=False, small=False)


def _km(a: Mention, b: dict) -> float:
    """Great-circle distance (km) between a mention and a gazetteer entry."""
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b["latitude"], b["longitude"]))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def counties_with_their_towns(
    town_votes: list[tuple[str, int, Mention]],
    relocator: Relocator,
    home: str | None = None,
    outlet: str | None = None,
) -> list[tuple[str, int, Mention]]:
    """The state votes (state, weight, mention) of a report's towns and counties, a county's
    moved to another state whose county of that name holds a town the report names: 'the
    Wayne County Sheriff' and 'in Goldsboro' are North Carolina's Wayne County (Goldsboro is
    its seat), not Michigan's. Not a town named like the county ('DeKalb County police' ...
    'in DeKalb' is the county again, not Illinois' DeKalb). A hamlet of another state than
    ``home`` (the outlet's, else the one the text names), named once and not as the town
    whose police speak, ``REGION_KM`` or more from the outlet's city, casts no vote: a
    Philadelphia station's 'a home in Feltonville' is not a report from Massachusetts, nor a
    Miami one's 'Liberty City' from Texas; a Washington paper's 'Capitol Heights' is its
    region's, across the state line."""
    towns = [m for _, _, m in town_votes if m.kind == "city"]
    city = _outlet_city(outlet, relocator) if home is not None else None
    moved = []
    for code, weight, mention in town_votes:
        if (
            city is not None
            and code != home
            and weight == 1
            and hamlet(mention)
            and mention.latitude is not None
            and _km(mention, city) >= REGION_KM
        ):
            continue
        if mention.kind == "admin2":
            for town in towns:
                if town.admin1_code in (code, None):
                    continue
                if mention.text.lower().startswith(town.text.lower()):
                    continue
                raw = relocator.lookup(mention.text, town.admin1_code, small=False)
                if raw is None or raw.get("kind") != "admin2":
                    continue
                if town_in(town, as_mention(raw, mention.text, mention.start, mention.end)):
                    code = town.admin1_code
                    break
        moved.append((code, weight, mention))
    return moved
