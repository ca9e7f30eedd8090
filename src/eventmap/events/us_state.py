"""The US state a local news report is about, and its places read inside that state.

Local crime news names its state once, in the dateline ('MACON, Ga. —') or after a town
('Macon, Georgia'), and then writes bare town names that have namesakes in many states and
abroad. ``state_context`` finds that state (the dateline's; a bare big-city dateline
'BALTIMORE —' as the geoparser reads it; 'WASHINGTON' is the capital; else the state named
most, twice at least, street names such as 'Tennessee St.' aside). ``in_state`` moves an event
placed at a namesake outside it to the place of that name inside the state, else to the state
itself (precision 3): never a dot at a namesake in another state or country. A state's
abbreviation ('Pa', 'Fla') is the state, never a town abroad.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from eventmap.events.lookup import as_mention
from eventmap.events.model import Candidate
from eventmap.geoparse import Mention
from eventmap.wordlists import table

_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"


@dataclass(frozen=True)
class State:
    code: str  # postal code, GeoNames' admin1 code for the US
    name: str


@cache
def _states() -> tuple[dict[str, State], re.Pattern[str], re.Pattern[str]]:
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
    after_town = re.compile(rf"\b({_NAME}),\s+((?i:{words})|(?:{postal})\b)(?!\w)")
    dateline = re.compile(
        rf"(?m)^[ \t\W]{{0,3}}([A-Z][A-Z.'’ -]{{1,40}}?|{_NAME})"
        rf"(?:,\s*((?i:{words})|(?:{postal}|{dotless})\b))?\s*"
        r"(?:\([^)\n]{1,40}\)\s*(?:(?:—|–|--|-)\s?)?|(?:—|–|--|-)\s?)"
    )
    return written, after_town, dateline


def _state_of(words: str) -> State | None:
    key = words.strip().lower()
    return _states()[0].get(key) or (_states()[0].get(f"{key}.") if len(key) > 1 else None)


_STREET_AFTER = re.compile(
    r"\s+(?:St\b|Street|Ave\b|Avenue|Road|Rd\b|Blvd|Boulevard|Drive|Dr\b|Lane|Way|Border|"
    r"line|border|Avenue)",
    re.IGNORECASE,
)


@dataclass
class StateContext:
    """The state a report is about, and its dateline town (name as written, offsets)."""

    state: State | None
    dateline: tuple[str, int, int] | None


@cache
def _dateline_cities() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """AP's stand-alone dateline cities -> postal code; (web-address form, code) pairs."""
    cities, forms = {}, []
    for row in table("us_dateline_cities.tsv"):
        cities[row[0]] = row[1]
        forms.extend((form, row[1]) for form in row[2].split("|"))
    return cities, tuple(sorted(forms, key=lambda f: -len(f[0])))


def outlet_state(outlet: str | None) -> str | None:
    """The state of an outlet whose web address names a big city ('stlouis.cbslocal.com')."""
    host = (outlet or "").lower()
    host = re.sub(r"^[a-z]+://", "", host).split("/")[0]
    if not host or len(host) > 100:
        return None
    return next((code for form, code in _dateline_cities()[1] if form in host), None)


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
    written, _, dateline_re = _states()
    by_code = {s.code: s for s in written.values()}
    dateline = None
    fallback = None  # the geoparser's reading of a dateline town without a state
    head = text[:600]
    m = dateline_re.search(head)
    if m is not None and (m.group(2) or m.group(1).isupper()):
        town = m.group(1).strip()
        state = _state_of(m.group(2)) if m.group(2) else None
        if state is None and town.lower() == "washington":
            state = by_code["DC"]  # a bare 'WASHINGTON' dateline is the capital
        elif state is None and _state_of(town):
            state, town = _state_of(town), ""  # 'TEXAS (AP) —': a state dateline
        elif state is None and town.lower() in _dateline_cities()[0]:
            state = by_code[_dateline_cities()[0][town.lower()]]  # 'BALTIMORE —'
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
            return StateContext(state, dateline)
    votes = _votes(text, mentions, title, outlet, by_code)
    if dateline is not None and relocator is not None:
        # 'PEORIA —': the named state that has a town of that name
        for code in sorted(votes, key=lambda c: -votes[c][0] * 10_000 + votes[c][1]):
            if relocator.lookup(dateline[0], code) is not None:
                return StateContext(by_code[code], dateline)
    if fallback is not None:
        return StateContext(fallback, dateline)
    if not votes or max(v for v, _ in votes.values()) < 2:
        return StateContext(None, dateline)  # one passing 'in Texas' says too little
    best = min(votes, key=lambda c: (-votes[c][0], votes[c][1]))
    return StateContext(by_code[best], dateline)


def _votes(
    text: str,
    mentions: list[Mention],
    title: str | None,
    outlet: str | None,
    by_code: dict[str, State],
) -> dict[str, tuple[int, int]]:
    """Each state's votes and where it is first named (-1: the headline or the outlet)."""
    _, after_town, _ = _states()
    votes: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    stated: set[str] = set()  # towns written with their state: their namesakes do not vote
    for offset, words in ((-1, title or ""), (0, text)):
        for m in after_town.finditer(words):
            state = _state_of(m.group(2))
            if state is not None and not _state_of(m.group(1)) and not m.group(1).isupper():
                stated.add(m.group(1).lower())
                stated.add(m.group(1).split()[-1].lower())
                votes[state.code] += 2
                first_seen.setdefault(state.code, m.start() if offset == 0 else -1)
    code = outlet_state(outlet)
    if code is not None:
        votes[code] += 1
        first_seen.setdefault(code, -1)
    # A US town or county the geoparser resolved ('Killeen police', 'in Clark County') votes
    # for its state, once per name: two towns, or one with a state, make the context (a town
    # named twice may be a namesake abroad: 'in Santa Ana (Santa Ana)').
    towns: set[str] = set()
    for mention in mentions:
        if (
            mention.resolved
            and mention.kind == "admin1"
            and mention.country_code == "US"
            and mention.admin1_code in by_code
            and mention.text.lower() != "washington"  # the capital, as often as the state
            and not _STREET_AFTER.match(text, mention.end)  # 'Tennessee St.' is a street
        ):
            votes[mention.admin1_code] += 1
            first_seen.setdefault(mention.admin1_code, mention.start)
        elif (
            mention.resolved
            and mention.kind in ("city", "admin2")
            and mention.country_code == "US"
            and mention.admin1_code in by_code
            and mention.text.lower() not in towns
            and mention.text.lower() not in stated
            and mention.text.lower() != "washington"
        ):
            towns.add(mention.text.lower())
            votes[mention.admin1_code] += 1
            first_seen.setdefault(mention.admin1_code, mention.start)
    return {c: (v, first_seen[c]) for c, v in votes.items()}


class Relocator:
    """Looks a name up inside a US state (cached), and gives the state itself as a place."""

    def __init__(self, geocoder: Any) -> None:
        self.geocoder = geocoder
        self._cache: dict[tuple[str, str, bool], dict | None] = {}

    def lookup(self, name: str, code: str, counties: bool = True) -> dict | None:
        """The raw gazetteer entry of the town (or county) so named in that state."""
        name = name.strip()
        if name.isupper():
            name = name.title()
        key = (name, code, counties)
        if key not in self._cache:
            found = None
            try:
                ranked = self.geocoder.geocode(
                    name, exactly_one=False, country_codes="US", admin1_bias=[f"US.{code}"]
                )
            except ValueError:
                ranked = None
            kinds = ("city", "admin2") if counties else ("city",)
            for loc in (ranked or [])[:25]:
                raw = loc.raw
                if (
                    raw.get("admin1_code") == code
                    and raw.get("kind") in kinds
                    and raw.get("match") in ("name", "alternate", "alias")
                ):
                    found = dict(raw, latitude=loc.latitude, longitude=loc.longitude)
                    break
            if len(self._cache) > 20_000:
                self._cache.clear()
            self._cache[key] = found
        return self._cache[key]

    def state(self, state: State) -> dict | None:
        key = (state.name, state.code, False)
        if key not in self._cache:
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
            self._cache[key] = found
        return self._cache[key]


def in_state(
    candidates: list[Candidate], context: StateContext, relocator: Relocator
) -> list[Candidate]:
    """Each event placed outside the report's state moves to its namesake inside it, else to
    the state (precision 3). Events already inside the state are left alone."""
    state = context.state
    if state is None:
        return candidates
    kept = []
    for cand in candidates:
        m = cand.mention
        if not cand.location_name and (_state_of(m.text) or _state_of(f"{m.text}.")):
            # 'Pa' of 'LANCASTER, Pa.' is the state: an event of its own only when alone
            if len(candidates) > 1:
                continue
            raw = relocator.state(state)
            if raw is not None:
                cand.mention = as_mention(raw, m.text, m.start, m.end)
                cand.precision, cand.location_name = 3, None
            kept.append(cand)
            continue
        kept.append(cand)
        if m.country_code == "US" and m.admin1_code == state.code:
            continue
        if m.kind == "admin1" and m.country_code == "US":
            continue  # a state named on purpose ('in Texas') is no namesake
        words = cand.location_name or m.text
        raw = relocator.lookup(words, state.code) if words else None
        if raw is not None:
            cand.mention = as_mention(raw, words, m.start, m.end)
            if cand.precision == 3:
                cand.precision = None
            cand.location_name = None
            continue
        raw = relocator.state(state)
        if raw is not None:
            cand.mention = as_mention(raw, m.text, m.start, m.end)
            cand.precision, cand.location_name = 3, words
    return kept
