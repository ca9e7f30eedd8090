"""Context: what the article is about, and a second look at each name in that light.

A name alone is ambiguous (Paris, Texas or France; Tripoli, Libya or Lebanon). The article's
resolved places vote for a dominant country and the divisions it names; a place followed by a
comma and its container ('Homs, Syria', 'Paris, Texas') is read inside it, and one sense per
discourse carries that answer to the name's later bare mentions. Then every uncertain name is
resolved again, biased to the article's country and divisions, and the biased answer wins only
when it is not much smaller than the first ('Rome' in a US story is still Rome, Italy).
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from eventmap.errors import InvalidInput
from eventmap.geoparse.model import Candidate, remember
from eventmap.geoparse.resolve import Resolver
from eventmap.wordlists import table

_UNKNOWN_POPULATION = 1_000  # what a GeoNames town of population 0 counts as when ranking
# A town this small in another country is a namesake, not the place 'X in Y' names.
_ELSEWHERE_POPULATION = 50_000
# The words between a town and the area holding it: 'in', 'in the countryside of', 'in
# northern', 'in rural' ('Idleb countryside' and 'Hama province' come after the area).
_IN_CONTAINER = re.compile(
    r"\s+in\s+(?:the\s+)?(?:(?:north|south|east|west|north-?east|north-?west|south-?east|"
    r"south-?west)(?:ern)?\s+|central\s+|(?P<rural>rural)\s+)?(?:(?P<area>countryside|"
    r"outskirts|province|governorate|region|district|suburbs)\s+of\s+(?:the\s+)?)?"
)


_US_STATES: tuple[re.Pattern[str], dict[str, str]] | None = None


def _us_state_after(text: str, end: int) -> tuple[str, int] | None:
    """The US state a town is written with in news style: ', Fla.', ', Ill.', ', GA'
    (resources/us_states.tsv); its name and where the abbreviation ends."""
    global _US_STATES
    if _US_STATES is None:
        names: dict[str, str] = {}
        for row in table("us_states.tsv"):
            names[row[0]] = row[1]
            if len(row) > 2:
                names[row[2]] = row[1]
        words = "|".join(re.escape(k) for k in sorted(names, key=len, reverse=True))
        _US_STATES = re.compile(rf",\s?(?P<abbr>{words})(?![\w.])"), names
    pattern, names = _US_STATES
    m = pattern.match(text, end)
    return (names[m.group("abbr")], m.end()) if m else None


class ContextReader(Resolver):
    """The article-level passes: containers, one sense per discourse, votes, rebiasing."""

    _facts: dict[int, tuple]

    def _contained(self, text: str, candidates: list[Candidate], locations: list[Any]) -> set[int]:
        """'Paris, Texas', 'Suffolk County, New York', 'Homs, Syria': a place followed by a
        comma and the division or country that holds it is read inside that container.

        Updates ``locations`` in place; returns the indexes it settled, which the article's
        context must not move again.
        """
        pinned: set[int] = set()
        for k, a in enumerate(candidates):
            if locations[k] is not None and a.demonym is None:
                _in_us_state(self, text, candidates, locations, k, pinned)
        for k in range(len(candidates) - 1):
            a, b = candidates[k], candidates[k + 1]
            loc = locations[k]
            if loc is None or a.demonym is not None or b.demonym is not None or k in pinned:
                continue
            # Most neighbours are far apart: read the gap only when it can be ', ' or ' in ...'.
            if b.start - a.end > 2 and not text.startswith(" in ", a.end):
                continue
            gap = text[a.end : b.start]
            if gap not in (", ", ","):
                area = _IN_CONTAINER.fullmatch(gap) if gap.startswith(" in ") else None
                # Only where the words say it is a town in an area: 'the village of X in Y',
                # 'X in the countryside of Y', 'X in Y province' ('St Gregory of Narek in
                # Vatican' is a saint's name, 'Marines in California' are people).
                if area is not None and (
                    a.kind_hint == "city"
                    or area.group("area")
                    or area.group("rural")
                    or b.kind_hint == "admin1"
                ):
                    self._inside_named_area(candidates, locations, k, pinned)
                continue
            if loc.raw["kind"] not in ("city", "admin2", "country"):
                continue
            container = locations[k + 1]
            if container is None or container.raw["kind"] not in ("admin1", "country"):
                if text.startswith((",", " and ", " or "), b.end):
                    continue  # 'Aleppo, Homs, Hama and Idlib' is a list of towns
                container = self._cached(("@as-division", b.lookup), self._as_division, b.lookup)
            if container is None or (
                loc.raw["kind"] == "country" and container.raw["kind"] != "admin1"
            ):
                continue  # 'Holland, Michigan' is a town; 'Syria, Iraq' a list of countries
            inside = self._cached(
                ("@within", a.lookup, container.raw["geonameid"]),
                self._within,
                a.lookup,
                container.raw,
            )
            if inside is not None:
                locations[k], locations[k + 1] = inside, container
                pinned.update((k, k + 1))
                # 'Reading, Pennsylvania': the comma and the state say it is a place.
                a.single_common = a.initial_common = False
        # One sense per discourse: once 'Parkland, Florida' has said which Parkland, a later
        # bare 'Parkland' is the same place.
        settled = {
            candidates[k].lookup: locations[k]
            for k in sorted(pinned)
            if locations[k] is not None and locations[k].raw["kind"] in ("city", "admin2")
        }
        if settled:
            for k, cand in enumerate(candidates):
                if k not in pinned and cand.demonym is None and cand.lookup in settled:
                    locations[k] = settled[cand.lookup]
                    pinned.add(k)
        return pinned

    def _inside_named_area(
        self, candidates: list[Candidate], locations: list[Any], k: int, pinned: set[int]
    ) -> None:
        """'the village of Joseph in the countryside of Idleb', 'Saraqib in Idlib province':
        the town is looked for inside the area named after it. A town the gazetteer has only
        in another country is not this one: it is reported, not drawn on a namesake."""
        a, b = candidates[k], candidates[k + 1]
        loc, area = locations[k], locations[k + 1]
        if area is None or loc.raw["kind"] not in ("city", "admin2"):
            return
        area_raw = area.raw
        if area_raw["kind"] not in ("city", "admin1", "admin2", "country"):
            return
        if area_raw["kind"] == "country":
            same = loc.raw["country_code"] == area_raw["country_code"]
        else:
            same = (loc.raw["country_code"], loc.raw.get("admin1_code")) == (
                area_raw["country_code"],
                area_raw.get("admin1_code"),
            )
        if same:
            return
        container = area_raw
        if area_raw["kind"] != "country" and area_raw["kind"] != "admin1":
            container = {**area_raw, "kind": "admin1"}  # the town's or district's province
        inside = self._cached(
            ("@within", a.lookup, area_raw["geonameid"]), self._within, a.lookup, container
        )
        if inside is not None:
            locations[k] = inside
            pinned.add(k)
        elif (
            loc.raw["country_code"] != area_raw["country_code"]
            and loc.raw["population"] < _ELSEWHERE_POPULATION
            and loc.raw["match"] != "alias"
        ):
            where = loc.raw.get("admin1_name") or loc.raw["country_name"] or ""
            a.elsewhere = (
                f"no place of this name in {b.text} in the offline gazetteer; the namesake in "
                f"{where}, {loc.raw['country_code']} is not it (reported, not guessed)"
            )
            pinned.add(k)

    def _as_division(self, name: str) -> Any:
        """'New York' after a comma is the state."""
        try:
            return self.geocoder.geocode(name, kind="admin1")
        except InvalidInput:
            return None

    def _within(self, name: str, container: dict[str, Any]) -> Any:
        """The best-ranked sense of ``name`` inside the container place, if any."""
        country = container["country_code"]
        # The ranking depends on the country alone: one per (name, country), not one per
        # province news puts the name in ('Saraqib in Idlib', 'Saraqib in Aleppo').
        ranked = self._cached(("@ranked", name, country), self._ranked, name, country)
        for loc in ranked or ():
            if loc.raw["kind"] not in ("city", "admin2"):
                continue
            if container["kind"] == "country" or (
                loc.raw.get("admin1_code") == container.get("admin1_code")
            ):
                return loc
        return None

    def _ranked(self, name: str, country: str) -> Any:
        try:
            return self.geocoder.geocode(name, exactly_one=False, country_codes=country)
        except InvalidInput:
            return None

    def _place_facts(self, locations: list[Any]) -> list[tuple | None]:
        """Per location (or None): (the Location, kind, country code, 'CC.admin1' division,
        admin1 code, margin), the fields the article passes read. Resolutions are cached, so
        the same Location objects come back article after article: their fields are read
        once, not for each name in each article (the tuple holds its Location, so its id
        cannot be reused while it is cached)."""
        cache = self._facts
        facts: list[tuple | None] = []
        for loc in locations:
            if loc is None:
                facts.append(None)
                continue
            fact = cache.get(id(loc))
            if fact is None or fact[0] is not loc:
                raw = loc.raw
                cc, admin1 = raw["country_code"], raw.get("admin1_code")
                fact = (loc, raw["kind"], cc, f"{cc}.{admin1}", admin1, raw.get("margin"))
                remember(cache, id(loc), fact)
            facts.append(fact)
        return facts

    def _rebias(
        self,
        cand: Candidate,
        loc: Any,
        fact: tuple,
        dominant: str | None,
        divisions: frozenset[str],
    ) -> Any:
        """Second look at a name in the light of the whole article (``fact``: the place's
        fields, see ``_place_facts``)."""
        _, kind, country, division, _, margin = fact
        if kind in ("country", "continent", "sea"):
            return loc
        in_context = country == dominant or division in divisions
        sure = margin is None or margin >= 2.0
        if in_context and sure:
            return loc
        raw = loc.raw
        countries, own_divisions = self._candidate_areas(cand.lookup)
        if dominant not in countries and divisions.isdisjoint(own_divisions):
            return loc  # no candidate of this name lies where the article is
        biased = self._resolve(cand, dominant, divisions)
        if biased is None or biased.raw["geonameid"] == raw["geonameid"]:
            return loc
        b = biased.raw
        if b["match"] == "alias" and b["country_code"] == dominant:
            return biased  # a name we listed for this place, in an article about its country
        # GeoNames gives some towns population 0 (unknown): count them as small, not empty.
        population = b["population"] or _UNKNOWN_POPULATION
        if (
            f"{b['country_code']}.{b.get('admin1_code')}" in divisions
            and population * 100 >= raw["population"]
        ):
            return biased  # the article names this very division (Paris, Texas in a Texas story)
        if b["country_code"] == dominant and population * 30 >= raw["population"]:
            return biased  # but a US article's 'Rome' is still Rome, Italy, not Rome, GA
        return loc

    @staticmethod
    def _context(
        candidates: list[Candidate], facts: list[tuple | None]
    ) -> tuple[str | None, frozenset[str], set[str]]:
        """What the article is about: its dominant country, the divisions and countries it
        names (``facts``: the places' fields, see ``_place_facts``)."""
        votes: dict[str, float] = {}
        divisions: dict[tuple[str, str | None], float] = {}
        for cand, fact in zip(candidates, facts, strict=True):
            if fact is None or cand.in_name or cand.elsewhere:
                continue  # (a namesake elsewhere does not vote for its country)
            _, kind, cc, _, admin1, margin = fact
            if kind in ("continent", "sea"):
                continue  # no country to vote for
            if kind == "country":
                votes[cc] = votes.get(cc, 0.0) + (1.0 if cand.demonym else 2.0)
                continue
            if kind == "admin1" or margin is None or margin >= 1.0:  # admin1, or sure
                votes[cc] = votes.get(cc, 0.0) + 1.0
                key = (cc, admin1)
                divisions[key] = divisions.get(key, 0.0) + (2.0 if kind == "admin1" else 1.0)
        dominant = None
        if votes:
            top, weight = max(votes.items(), key=lambda kv: kv[1])  # first of equals wins
            dominant = top if weight >= 2 and weight >= sum(votes.values()) / 3 else None
        named = frozenset(f"{cc}.{a1}" for (cc, a1), w in divisions.items() if w >= 2)
        return dominant, named, set(votes)


def _in_us_state(
    reader: ContextReader,
    text: str,
    candidates: list[Candidate],
    locations: list[Any],
    k: int,
    pinned: set[int],
) -> None:
    """'Naples, Fla.', 'Springfield, Ill.': the town is looked for in that state, and the
    abbreviation, when the geoparser took it for a place ('Fla' is Flå, Norway), is the
    state."""
    a = candidates[k]
    found = _us_state_after(text, a.end)
    if found is None or locations[k].raw["kind"] not in ("city", "admin2"):
        return
    name, abbr_end = found
    # a state name from our own list: a valid query, never InvalidInput
    state = reader._cached(
        ("@us-state", name),
        partial(reader.geocoder.geocode, kind="admin1", country_codes="US"),
        name,
    )
    if state is None:
        return
    inside = reader._cached(
        ("@within", a.lookup, state.raw["geonameid"]), reader._within, a.lookup, state.raw
    )
    if inside is not None:
        locations[k] = inside
        pinned.add(k)
        a.single_common = a.initial_common = False
    if k + 1 < len(candidates) and candidates[k + 1].start < abbr_end:
        locations[k + 1] = state
        pinned.add(k + 1)
