"""What in a US local report says where it is from, and the look-ups inside a state.

The outlet ('wtkr.com' serves Virginia: resources/us_outlets.tsv), a station credited in the
dateline ('(WISH)'), AP's stand-alone dateline cities ('BALTIMORE —'), the towns and counties
whose police or sheriff the report quotes ('Macon police said'), the ways a state is written
after a town ('Macon, Ga.': resources/us_states.tsv) and the towns a text writes with theirs.
``Relocator`` looks a name up inside one state: in the gazetteer, else (once the report's
state is known) in the US Census list of small places (us_places.py). us_state.py weighs these
cues into the report's state and home town.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from eventmap.events.lookup import ELSEWHERE_BEFORE, as_mention
from eventmap.events.us_places import in_county, us_place
from eventmap.geoparse import Mention
from eventmap.start_set import with_start_set
from eventmap.wordlists import table, word_set


@dataclass(frozen=True)
class State:
    code: str  # postal code, GeoNames' admin1 code for the US
    name: str


# (possessive: what follows a word or a space never is one, so giving some back never helps)
NAME = r"[A-Z][\w'’.-]*+(?:\s++[A-Z][\w'’.-]*+){0,3}"
# The same on one line: a dateline never runs across lines ('ORIGINAL STORY\n\nMobile County').
_LINE_NAME = r"[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3}"


# 'Macon police', 'the Macon Police Department', 'Bibb County sheriff's deputies'.
_AGENCY_AFTER = re.compile(
    rf"\b({NAME})\s+(?:Police|police|Sheriff|sheriff|Sheriff['’]s|sheriff['’]s|"
    r"Metro(?:politan)?\s+Police|Fire\s+Department)\b"
)
# 'police in Macon', 'officers in Macon'.
_AGENCY_IN = re.compile(rf"\b(?:[Pp]olice|[Oo]fficers|[Dd]eputies|[Aa]uthorities)\s+in\s+({NAME})")
_NOT_TOWNS = re.compile(
    r"^(?:The|A|An|State|Capitol|Transit|Military|Border|Tribal|University|Campus|County|City|"
    r"Local|Metro|Park|Highway|Port|School|Airport|Housing|Railroad|Village|Township|Town)$"
)


def agency_places(text: str, end: int) -> list[tuple[str, int, int]]:
    """Names of the towns and counties whose police or sheriff the report quotes."""
    found = []
    for pattern in (_AGENCY_AFTER, _AGENCY_IN):
        for m in pattern.finditer(text, 0, end):
            name = m.group(1)
            words = name.split()
            # 'at the Bellagio. Las Vegas Metropolitan Police': the name starts after a stop
            cut = [i + 1 for i, w in enumerate(words[:-1]) if w.endswith(".") and len(w) > 4]
            words = words[cut[-1] :] if cut else words
            while words and _NOT_TOWNS.match(words[0]) and len(words) > 1:
                words = words[1:]
            # 'Louisville Metro Police', 'Indianapolis Metropolitan Police', 'Metro-Nashville'
            if words and words[-1] in ("Police", "Sheriff", "Metro", "Metropolitan"):
                words = words[:-1]
            if words and words[0].startswith("Metro-") and len(words[0]) > 6:
                words[0] = words[0][6:]
            name = " ".join(words)
            if not name or _NOT_TOWNS.match(name) or name.endswith("."):
                continue
            start = m.start(1) + m.group(1).find(name)
            found.append((name, start, start + len(name)))
    return sorted(found, key=lambda f: f[1])


def police_quoted(text: str, town: Mention | None) -> bool:
    """Whether the report quotes the police or sheriff of ``town`` (its home town, found in
    its state) near its top: US local news, whatever foreign name it also holds."""
    if town is None or town.kind != "city":
        return False
    return any(name == town.text for name, _, _ in agency_places(text, min(len(text), 2_000)))


# Between a headline's story and the outlet's name: 'Man shot downtown - WTOC-TV: Savannah'.
_TITLE_PARTS = re.compile(r"\s+[-|–—]\s+")


def story_part(title: str | None) -> str:
    """A headline's story, without the outlet's name and area after it ('Metro investigating
    fatal shooting - WTOC-TV: Savannah, Beaufort, SC, News'): a station's area may span a
    state line, and its outlet already says where it is."""
    return _TITLE_PARTS.split(title or "")[0]


# A dateline's agency credit followed by its dash: '(AP) —', '(WXYZ) -'.
CREDIT_DASH = re.compile(r"\([A-Z][A-Za-z0-9 .&/-]{1,20}\)\s*(?:—|–|--|-)\s?$")


# Before a town named as where something happened: 'in Manson', 'at a Kent bar', 'near
# rural Selah', 'in the Manson area'.
PLACE_BEFORE = re.compile(
    r"\b(?:in|at|near|outside|inside)\s+(?:(?:the|a|an|downtown|rural|suburban|"
    r"unincorporated|(?:north|south|east|west)(?:ern|east|eastern|west|western)?)\s+){0,2}$",
    re.IGNORECASE,
)


_SAID_CHARS = 2_000  # how far into a report a town said to be the scene is looked for
# 'in Arab', 'near the town of Ider': a capitalised name written as where something was;
# 'at' too where a county must hold the town ('a party at Granger', Yakima County deputies).
_SAID_IN = re.compile(rf"\b(?:in|near)\s+(?:the\s+(?:town|city|village)\s+of\s+)?({NAME})")
_SAID_AT = re.compile(rf"\b(?:in|near|at)\s+(?:the\s+(?:town|city|village)\s+of\s+)?({NAME})")
# Report-wide scans starting with '\b': re skips to where a match can start (start_set.py).
_AGENCY_AFTER, _AGENCY_IN, _SAID_IN, _SAID_AT = map(
    with_start_set, (_AGENCY_AFTER, _AGENCY_IN, _SAID_IN, _SAID_AT)
)


@cache
def _not_places() -> frozenset[str]:
    """Capitalised words never places ('May', 'Sunday', 'Bible'): resources/not_places.txt."""
    return word_set("not_places.txt")


def said_in(text: str, end: int, at: bool = False) -> list[tuple[str, int, int]]:
    """The names the text writes after 'in' or 'near' (``at``: or 'at') before ``end`` ('in
    Arab Tuesday': 'Arab', a weekday or month after it dropped), not after a hospital's or
    a hometown's words ('a hospital in', 'of'), nor one that is never a place ('in May')."""
    found = []
    for m in (_SAID_AT if at else _SAID_IN).finditer(text, 0, end):
        words = m.group(1).split()
        # 'in Arab Tuesday. It happened': the sentence ends at a word's stop ('St.' goes on)
        cut = next((i for i, w in enumerate(words[:-1]) if w.endswith(".") and len(w) > 4), None)
        words = words[: cut + 1] if cut is not None else words
        words[-1] = words[-1].rstrip(".")
        while words and words[-1].lower() in _not_places():
            words.pop()
        name = " ".join(words)
        if not name or name.lower() in _not_places() or words[0] in ("The", "A", "An"):
            continue
        after_in = m.start() + len(m.group(0).split()[0]) + 1  # 'a hospital in |Gleep'
        if ELSEWHERE_BEFORE.search(text, max(0, after_in - 24), after_in):
            continue
        found.append((name, m.start(1), m.start(1) + len(name)))
    return found


@cache
def dateline_cities() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """AP's stand-alone dateline cities -> postal code; (web-address form, code) pairs."""
    cities, forms = {}, []
    for row in table("us_dateline_cities.tsv"):
        cities[row[0]] = row[1]
        forms.extend((form, row[1]) for form in row[2].split("|"))
    return cities, tuple(sorted(forms, key=lambda f: -len(f[0])))


@cache
def _outlets() -> dict[str, tuple[str, str]]:
    """A US local outlet's web address ('wtkr.com') or TV call sign ('WTKR') -> its state and
    its city ('' when the directories do not agree on one)."""
    return {row[0]: (row[1], row[2] if len(row) > 2 else "") for row in table("us_outlets.tsv")}


def _state_after(words: str, postal: str) -> str:
    """The after-town pattern's part from the comma on (', Ga.'), shared with the quick test
    whether a text writes any state after a comma (``state_after_comma``)."""
    return rf",\s+((?i:{words})|(?:{postal})\b)(?!\w)"


@cache
def state_after_comma() -> re.Pattern[str]:
    """A state written after a comma: every match of the after-town pattern holds one, and
    three reports in four have none (a search from each comma, not a name at each capital)."""
    written = states_written()[0]
    forms = sorted((f for f in written if len(f) > 2 or "." in f), key=len, reverse=True)
    postal = "|".join(sorted({s.code for s in written.values()}))
    return re.compile(_state_after("|".join(re.escape(f) for f in forms), postal))


@cache
def states_written() -> tuple[dict[str, State], re.Pattern[str], re.Pattern[str]]:
    """Every way a state is written after a town -> the state; the patterns that find them."""
    written: dict[str, State] = {}
    for row in table("us_states.tsv"):
        state = State(row[0], row[1])
        written[row[1].lower()] = state
        written[row[0].lower()] = state
        for abbr in row[2].split("|") if len(row) > 2 else ():
            written[abbr.lower()] = state
    forms = sorted(
        (f for f in written if len(f) > 2 or "." in f), key=len, reverse=True
    )  # postal codes only in capitals, below
    words = "|".join(re.escape(f) for f in forms)
    postal = "|".join(sorted({s.code for s in written.values()}))
    # a dateline's abbreviation without its dot ('GRANT COUNTY, Ky (WXYZ)'), capitalised
    dotless = "|".join(
        sorted({f[:-1].title() for f in written if f.endswith(".") and f.count(".") == 1})
    )
    after_town = with_start_set(re.compile(rf"\b({NAME}){_state_after(words, postal)}"))
    # (or the town's county, its state left to the votes: 'SNOWVILLE, Box Elder County —')
    dateline = re.compile(
        rf"(?m)^[ \t\W]{{0,3}}([A-Z][A-Z.'’ -]{{1,40}}?|{_LINE_NAME})"
        rf"(?:,\s*((?i:{words})|(?:{postal}|{dotless})\b)|,\s+{NAME}\s+(?:County|Parish))?\s*"
        r"(?:\([^)\n]{1,40}\)\s*(?:(?:—|–|--|-)\s?)?|(?:—|–|--|-)\s?)"
    )
    return written, with_start_set(after_town), dateline


@cache
def states_by_code() -> dict[str, State]:
    """Each state by its postal code (read-only: built once, not for every report)."""
    return {s.code: s for s in states_written()[0].values()}


def state_of(words: str) -> State | None:
    """The state these words write ('Tenn.', 'tennessee', 'TN'), if any."""
    key = words.strip().lower()
    return states_written()[0].get(key) or (
        states_written()[0].get(f"{key}.") if len(key) > 1 else None
    )


STREET_AFTER = re.compile(
    r"\s+(?:St\b|Street|Ave\b|Avenue|Road|Rd\b|Blvd|Boulevard|Drive|Dr\b|Lane|Way|Border|line)",
    re.IGNORECASE,
)


# A TV station's call sign: W east of the Mississippi, K west ('WTKR', 'KMOX').
_CALL_SIGN = re.compile(r"[kw][a-z]{2,3}")
# A station's call sign in a dateline: 'GREENSBURG, Ind. (WISH) –'.
_CALL_SIGN_CREDIT = re.compile(r"\(([KW][A-Z]{2,3})(?:-(?:TV|DT|FM|AM))?\)")


@lru_cache(maxsize=16)  # a report's state and home ask for its outlet's place four times
def outlet_place(outlet: str | None) -> tuple[str, str] | None:
    """The state and city ('' if unknown) of a US local outlet, from its web address: a
    known outlet's ('wtkr.com', 'homicide.latimes.com'), a station's whose address is its call
    sign ('witn.com', 'wcti12.com'), or one that names a big city ('stlouis.cbslocal.com')."""
    host = (outlet or "").lower()
    host = re.sub(r"^[a-z]+://", "", host).split("/")[0].split(":")[0]
    if not host or len(host) > 100:
        return None
    known = _outlets()
    labels = host.removeprefix("www.").split(".")
    for i in range(len(labels) - 1):  # 'homicide.latimes.com', then 'latimes.com'
        found = known.get(".".join(labels[i:]))
        if found is not None:
            return found
    sign = _CALL_SIGN.fullmatch(labels[0].rstrip("0123456789")) if len(labels) == 2 else None
    if sign is not None and sign.group(0).upper() in known:
        return known[sign.group(0).upper()]
    return next((((code, "") for form, code in dateline_cities()[1] if form in host)), None)


def outlet_state(outlet: str | None) -> str | None:
    """The state a US local outlet serves (see ``outlet_place``)."""
    found = outlet_place(outlet)
    return found[0] if found is not None else None


def credited_state(text: str) -> str | None:
    """The state of the TV station a report's opening credits ('MACON (WMAZ) -')."""
    m = _CALL_SIGN_CREDIT.search(text, 0, 600)
    found = _outlets().get(m.group(1)) if m is not None else None
    return found[0] if found is not None else None


class Relocator:
    """Looks a name up inside a US state (cached), and gives the state itself as a place."""

    def __init__(self, geocoder: Any) -> None:
        self.geocoder = geocoder
        self._cache: dict[tuple[str, str, bool], dict | None] = {}
        # a state's own place, apart: under the towns' key ('Louisiana', 'LA', False) a town
        # look-up's answer (none) would stand for the state's, and what a report gets would
        # depend on which report a worker read before it
        self._states: dict[str, dict | None] = {}

    def lookup(
        self, name: str, code: str, counties: bool = True, small: bool = True, **census: Any
    ) -> dict | None:
        """The raw gazetteer entry of the town (or county) so named in that state; else, with
        ``small`` (not while the state is being decided), the one place so named in the
        state's Census list (us_places.py; ``census``: ``us_place``'s cued, text, end)."""
        found = self._gazetteer(name, code, counties)
        return us_place(name, code, **census) if found is None and small else found

    def _gazetteer(self, name: str, code: str, counties: bool) -> dict | None:
        name = name.strip()
        if name.isupper():
            name = name.title()
        key = (name, code, counties)
        if key not in self._cache:
            try:
                ranked = self.geocoder.geocode(
                    name, exactly_one=False, country_codes="US", admin1_bias=[f"US.{code}"]
                )
            except ValueError:
                ranked = None
            if len(self._cache) > 20_000:
                self._cache.clear()
            for with_counties, kinds in ((True, ("city", "admin2")), (False, ("city",))):
                found = None  # one ranking answers the look-ups with counties and without
                for loc in (ranked or [])[:25]:
                    raw = loc.raw
                    if (
                        raw.get("admin1_code") == code
                        and raw.get("kind") in kinds
                        and raw.get("match") in ("name", "alternate", "alias")
                    ):
                        found = dict(raw, latitude=loc.latitude, longitude=loc.longitude)
                        break
                self._cache[(name, code, with_counties)] = found
        return self._cache[key]

    def state(self, state: State) -> dict | None:
        """The state itself as a place (its admin1 entry)."""
        key = state.code
        if key not in self._states:
            found = None
            try:
                ranked = self.geocoder.geocode(
                    state.name, exactly_one=False, country_codes="US", kind="admin1"
                )
            except ValueError:
                ranked = None
            for loc in ranked or []:
                if loc.raw.get("admin1_code") == state.code:
                    found = dict(loc.raw, latitude=loc.latitude, longitude=loc.longitude)
                    break
            self._states[key] = found
        return self._states[key]


# How far from a county's point its towns may be (most US counties are smaller).
_COUNTY_KM = 40.0


def town_in(home: Mention | None, county: Mention) -> bool:
    """Whether ``home`` is a town inside ``county``: a town of the Census list whose county
    it is (a big western county's point may be 60 km from its towns), or a town near enough
    the county's point to lie inside it."""
    if home is None or home.kind != "city" or county.latitude is None or home.latitude is None:
        return False
    state = county.admin1_code or ""
    if in_county(_with_county(home, state), county.name or county.text, state):
        return True  # (a town's mail may go by a town of the next county: no veto)
    dlat = math.radians(home.latitude - county.latitude)
    dlon = math.radians(home.longitude - county.longitude) * math.cos(math.radians(county.latitude))
    return 6371.0 * math.hypot(dlat, dlon) <= _COUNTY_KM


# How far a Census place's point may be from the gazetteer's point of the same town.
_SAME_TOWN_KM = 10.0


def _with_county(town: Mention, state: str) -> dict:
    """``town``'s entry with its county: a gazetteer town's is that of the Census list's one
    place of its name in ``state`` lying where the town does ('Temecula': Riverside County,
    whose point is 110 km away), else its own entry."""
    if town.raw.get("county") or town.admin1_code != state or town.latitude is None:
        return town.raw
    listed = us_place(town.name or town.text, state, cued=True)
    if listed is None:
        return town.raw
    dlat = math.radians(listed["latitude"] - town.latitude)
    dlon = math.radians(listed["longitude"] - town.longitude) * math.cos(
        math.radians(town.latitude)
    )
    return listed if 6371.0 * math.hypot(dlat, dlon) <= _SAME_TOWN_KM else town.raw


def town_inside(
    county: Mention,
    named: list[tuple[str, int, int]],
    text: str,
    relocator: Relocator,
    code: str,
) -> Mention:
    """The one town inside ``county`` that the report names as a place ('the Chelan County
    Sheriff' and 'a shooting in Manson': Manson), else the county: a report naming several
    of its towns ('shootings in Orange County ... in Tustin ... in Orange') or none of them
    after 'in', 'at' or 'near' (a 'Dallas Cowboys fan') stays at its county. Names after those
    words the geoparser did not read are asked too ('a home in Snowville': the Census list's)."""
    inside: dict[str, Mention] = {}
    read = {(start, end) for _, start, end in named}
    said = [x for x in said_in(text, min(len(text), _SAID_CHARS), True) if not state_of(x[0])]
    for name, start, end in [*named, *(x for x in said if x[1:] not in read)]:
        if not PLACE_BEFORE.search(text, max(0, start - 40), start):
            continue
        raw = relocator.lookup(name, code, counties=False, small=False)
        if (start, end) not in read and (raw or {}).get("match") != "name":  # not read: no alias
            raw = us_place(name, code, text, end, cued=True)  # ('Maryland': no Maryland City)
        town = as_mention(raw, name, start, end) if raw is not None else None
        if town is not None and town_in(town, county):
            inside.setdefault(name.lower(), town)
    return next(iter(inside.values())) if len(inside) == 1 else county
