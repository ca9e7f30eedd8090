"""Geocoders with geopy's call shape: an offline one over the gazetteer, and an opt-in chain.

``OfflineGeocoder().geocode("Homs province")`` returns a ``geopy.location.Location`` whose
``raw`` says what was matched and why, so a geopy user can swap it in and an analyst can
check every dot. Ranking is deterministic: match level (own name, alternate, alias, loose),
then kind hints and qualifiers, then a population prior, then an optional country bias.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from eventmap.errors import InvalidInput
from eventmap.gazetteer import KINDS, MATCH_LABELS, Gazetteer, default_gazetteer
from eventmap.geocode_query import ParsedQuery, parse_query, validate_query
from eventmap.normalize import fold

if TYPE_CHECKING:  # geopandas and geopy cost more than a lookup: imported where used
    from geopy.location import Location


_LOCATION: Any = None


def _location_class() -> Any:
    """geopy's Location, imported on first use (geopy pulls in requests: ~0.1 s)."""
    global _LOCATION
    if _LOCATION is None:
        from geopy.location import Location

        _LOCATION = Location
    return _LOCATION


class Answer(NamedTuple):
    """One geocoding result before it becomes a geopy Location: Location(*answer)."""

    address: str
    point: tuple[float, float]
    raw: dict[str, Any]


# name, alternate, curated alias, loose key. A curated alias is what news English means by
# the name ('Palmyra' is Tadmur, 'Bethlehem' the town in Palestine, not Belém), so it ranks
# above a bigger place's alternate name; the article's country still outweighs it.
_MATCH_PENALTY = (0.0, 1.0, -1.0, 2.5)
_KIND_HINT_BONUS = 3.0
# Seas have no people: rank them as a place of ten million, so that 'the Atlantic' is the
# ocean rather than Atlantic, Iowa (6,800), while a bigger namesake would still win.
_SEA_PRIOR = 10_000_000
_BIAS_BONUS = 2.5
_ADMIN1_BIAS_BONUS = 1.5
_CAPITAL_BONUS = 1.5  # 'Washington' in the news is the capital more often than the state
SENSES_CACHE_SIZE = 2048  # names whose ranking facts a geocoder keeps (a few MB at most)


class OfflineGeocoder:
    """geopy-shaped geocoder over the offline GeoNames gazetteer; never touches the network."""

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        country_bias: str | Sequence[str] | None = None,
        plain: bool = False,
    ) -> None:
        """``plain``: ``geocode`` returns ``Answer`` tuples that read like geopy Locations
        (``latitude``, ``longitude``, ``raw``, ``address``, ``loc[1]``) instead of Locations:
        for pipelines that read only those (corpus workers), which then never import geopy
        (and requests, ~0.1 s of a worker's first task) nor build a Location and its Point
        for every answer."""
        self.gazetteer = gazetteer or default_gazetteer()
        self.country_bias = _codes(country_bias)
        self.plain = plain
        self._senses_of: dict[str, tuple[tuple, ...]] = {}  # see _senses

    def geocode(
        self,
        query: str,
        exactly_one: bool = True,
        country_codes: str | Sequence[str] | None = None,
        kind: str | None = None,
        *,
        country_bias: str | Sequence[str] | None = None,
        admin1_bias: Iterable[str] | None = None,
    ) -> Location | list[Location] | None:
        """Like geopy's geocode; ``admin1_bias`` takes 'CC.A1' codes such as 'US.LA'."""
        found = self.answers(
            query,
            exactly_one,
            country_codes,
            kind,
            country_bias=country_bias,
            admin1_bias=admin1_bias,
        )
        if not found:
            return None
        location = _plain if self.plain else _location_class()
        if exactly_one:
            return location(*found[0])
        return [location(*answer) for answer in found]

    __call__ = geocode

    def answers(
        self,
        query: str,
        exactly_one: bool = True,
        country_codes: str | Sequence[str] | None = None,
        kind: str | None = None,
        *,
        country_bias: str | Sequence[str] | None = None,
        admin1_bias: Iterable[str] | None = None,
    ) -> list[Answer]:
        """geocode()'s results as plain (address, (lat, lon), raw) tuples, best first.

        The command line prints these directly, so a one-name lookup never imports geopy
        (and with it requests), which would cost more than the lookup itself.
        """
        text = validate_query(query)
        if kind is not None and kind not in KINDS:
            raise InvalidInput(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        parsed = parse_query(text)
        if parsed.name != text and parsed.kind is not None and self.gazetteer.lookup(text):
            # 'Cape Town', 'Kansas City', 'Gaza City' are names, not 'Cape' with a qualifier.
            parsed = ParsedQuery(text, None, None, None)
        bias = _codes(country_bias) or self.country_bias
        divisions = frozenset(admin1_bias or ())
        ranked = self._rank(parsed, kind, _codes(country_codes), bias, divisions)
        if not ranked and parsed.kind is not None:
            # 'Hama city' where only 'Hama' is known as a division, etc.: drop the qualifier.
            parsed = ParsedQuery(parsed.name, None, parsed.qualifier, parsed.qualifier_text)
            ranked = self._rank(parsed, kind, _codes(country_codes), bias, divisions)
        if not ranked:
            return []
        if exactly_one:  # build only what was asked for: one answer, not every candidate
            score, row, level = ranked[0]
            return [self._location(text, parsed, row, level, score, ranked)]
        return [
            self._location(text, parsed, row, level, score, ranked) for score, row, level in ranked
        ]

    def _rank(
        self,
        parsed: ParsedQuery,
        kind: str | None,
        restrict: frozenset[str],
        bias: frozenset[str],
        divisions: frozenset[str] = frozenset(),
    ) -> list[tuple[float, int, int]]:
        hint = kind or parsed.kind
        decorated = []
        for i, (row, level, row_kind, cc, division, base, capital, gid) in enumerate(
            self._senses(parsed.name)
        ):
            if kind is not None and row_kind != kind:
                continue
            if restrict and cc not in restrict:
                continue
            score = base
            if hint is not None and row_kind == hint:
                score += _KIND_HINT_BONUS
            if capital:
                score += _CAPITAL_BONUS
            if cc in bias:
                score += _BIAS_BONUS
            if divisions and row_kind in ("city", "admin2") and division in divisions:
                score += _ADMIN1_BIAS_BONUS  # a town or county in a division the text names
            score = round(score, 6)
            decorated.append((-score, gid, i, score, row, level))
        # Highest score first; ties broken by the smaller GeoNames id, so output never wobbles
        # (then by the order of the senses, as a stable sort keeps it).
        decorated.sort()
        scored = [(score, row, level) for _, _, _, score, row, level in decorated]
        if scored and hint is None:
            scored = self._prefer_town_over_its_division(scored)
        return scored

    def _senses(self, name: str) -> tuple[tuple, ...]:
        """The rows ``name`` matches and what ranking reads of each whatever the query's
        kind, bias or divisions: (row, match level, kind, country, 'CC.admin1', the
        population prior less the match penalty, a national capital by this name, GeoNames
        id). Cached per name: the geoparser ranks a name again for each bias and kind."""
        senses = self._senses_of.get(name)
        if senses is None:
            g = self.gazetteer
            capitals = g.national_capitals
            folded = fold(name)
            info = g.info
            found = []
            for row, level in g.lookup(name):
                r = info(row)
                prior = _SEA_PRIOR if r.kind == "sea" else r.population
                found.append(
                    (
                        row,
                        level,
                        r.kind,
                        r.country,
                        f"{r.country}.{r.admin1}",
                        math.log10(prior + 10) - _MATCH_PENALTY[level],
                        capitals.get(row) == folded,
                        r.geonameid,
                    )
                )
            senses = tuple(found)  # (tuples of plain values: the garbage collector skips them)
            if len(self._senses_of) >= SENSES_CACHE_SIZE:
                self._senses_of.clear()
            self._senses_of[name] = senses
        return senses

    def _prefer_town_over_its_division(
        self, scored: list[tuple[float, int, int]]
    ) -> list[tuple[float, int, int]]:
        """A bare 'Halab' means the city; the division sits at that same city anyway."""
        g = self.gazetteer
        top = g.info(scored[0][1])
        if top.kind != "admin1":
            return scored
        capital = g.admin1_capital_row(top.country, top.admin1)
        for i, (_, row, _) in enumerate(scored):
            if row == capital:
                return [scored[i], *scored[:i], *scored[i + 1 :]]
        return scored

    def _margin(self, row: int, score: float, ranked: list[tuple[float, int, int]]) -> float | None:
        """How far ahead of the best rival elsewhere (a division at its own capital is no rival)."""
        twins = {row, *self._twins(row)}
        for other_score, other, _ in ranked:
            if other not in twins and row not in self._twins(other):
                return score - other_score
        return None

    def _twins(self, row: int) -> tuple[int, ...]:
        """A division and its capital name the same place for ranking purposes."""
        r = self.gazetteer.info(row)
        if r.kind != "admin1":
            return ()
        capital = self.gazetteer.admin1_capital_row(r.country, r.admin1)
        return () if capital is None else (capital,)

    def _location(
        self,
        text: str,
        parsed: ParsedQuery,
        row: int,
        level: int,
        score: float,
        ranked: list[tuple[float, int, int]],
    ) -> Answer:
        place = self.gazetteer.place(row)
        margin = self._margin(row, score, ranked) if ranked[0][1] == row else None
        raw: dict[str, Any] = {
            "source": "geonames",
            "geonameid": place.geonameid,
            "name": place.name,
            "kind": place.kind,
            "country_code": place.country_code,
            "country_name": place.country_name,
            "admin1_code": place.admin1_code or None,
            "admin1_name": place.admin1_name,
            "admin1_iso": (
                self.gazetteer.admin1_iso(place.country_code, place.admin1_code)
                if place.admin1_code
                else None
            ),
            "population": place.population,
            "point": place.point,
            "national_capital": row in self.gazetteer.national_capitals,
            "query": text,
            "matched_name": parsed.name,
            "match": MATCH_LABELS[level],
            "qualifier": parsed.qualifier,
            "qualifier_text": parsed.qualifier_text,
            "score": score,
            "margin": None if margin is None else round(margin, 6),
            "candidates": len(ranked),
        }
        if place.kind == "admin1":
            capital = self.gazetteer.admin1_capital_row(place.country_code, place.admin1_code)
            if capital is not None:
                cap = self.gazetteer.place(capital)
                raw["capital"] = {
                    "name": cap.name,
                    "geonameid": cap.geonameid,
                    "latitude": cap.latitude,
                    "longitude": cap.longitude,
                }
        parts = [place.admin1_name or place.name if place.kind == "admin1" else place.name]
        if place.kind == "city" and place.admin1_name:
            parts.append(place.admin1_name)
        if place.kind != "country" and place.country_name:
            parts.append(place.country_name)
        return Answer(", ".join(parts), (place.latitude, place.longitude), raw)


def _codes(value: str | Sequence[str] | None) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        value = [value]
    return frozenset(code.upper() for code in value)


class Plain(Answer):
    """An Answer read like a Location (latitude, longitude) without importing geopy."""

    @property
    def latitude(self) -> float:
        return self.point[0]

    @property
    def longitude(self) -> float:
        return self.point[1]


def _plain(address: str, point: tuple[float, float], raw: dict[str, Any]) -> Plain:
    """The Answer with the coordinates geopy's Location would give (its Point turns a -0.0
    into 0.0; the gazetteer's coordinates are in range, so nothing else changes)."""
    return Plain(address, (point[0] or 0.0, point[1] or 0.0), raw)


def __getattr__(name: str) -> Any:
    """geocode_many and geocode_rows, which live in geocode_batch, still import from here."""
    if name in ("geocode_many", "geocode_rows"):
        from eventmap import geocode_batch

        return getattr(geocode_batch, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
