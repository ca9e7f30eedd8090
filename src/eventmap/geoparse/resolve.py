"""Resolve: a candidate name to one gazetteer place, ranked, with the article's biases.

Ranking itself lives in ``eventmap.geocode`` (population, match level, kind); this stage asks
it the right question: a demonym is its country, a kind hint ('Hama province', 'the city of
Hama') asks for that kind first, and a country or division bias from the article's context is
passed only when it can change this name's answer, so answers are cached across articles.
"""

from __future__ import annotations

from typing import Any

from eventmap.errors import InvalidInput
from eventmap.geoparse.model import NO_DIVISIONS, REGION, UNKNOWN, Candidate, remember


class Resolver:
    """Resolution through the parser's geocoder, remembered in its resolution cache."""

    geocoder: Any
    gazetteer: Any
    _cache: dict[tuple[Any, ...], Any]
    _areas: dict[str, tuple[frozenset[str], frozenset[str]]]

    def _cached(self, key: tuple, fn: Any, *args: Any) -> Any:
        """``fn(*args)``, remembered in the parser's resolution cache under ``key``."""
        value = self._cache.get(key, UNKNOWN)  # one lookup: None is a cached answer
        if value is not UNKNOWN:
            return value
        return remember(self._cache, key, fn(*args))

    def _resolve(self, cand: Candidate, bias: str | None, divisions: frozenset[str]) -> Any:
        if cand.demonym == REGION or cand.feature is not None:
            return None
        if cand.demonym is not None:
            return self._cached(("@demonym", cand.demonym), self._demonym_location, cand.demonym)
        # Only the biases that could change this name's answer belong in the cache key, so
        # answers are shared across articles instead of recomputed for each one.
        if bias is None and not divisions:
            key: tuple = (cand.lookup, cand.kind_hint, None, NO_DIVISIONS)
        else:
            countries, own_divisions = self._candidate_areas(cand.lookup)
            key = (
                cand.lookup,
                cand.kind_hint,
                bias if bias in countries else None,
                divisions & own_divisions,
            )
        return self._cached(key, self._geocode, cand.lookup, cand.kind_hint, bias, divisions)

    def _geocode(
        self, name: str, kind_hint: str | None, bias: str | None, divisions: frozenset[str]
    ) -> Any:
        try:
            loc = None
            opts = {"country_bias": bias, "admin1_bias": divisions}
            if kind_hint is not None:
                loc = self.geocoder.geocode(name, kind=kind_hint, **opts)
            if loc is not None and kind_hint == "city" and not loc.raw["national_capital"]:
                plain = self.geocoder.geocode(name, **opts)
                if plain is not None and plain.raw["kind"] == "country":
                    loc = plain  # 'no U.S. city' is not Us, France; 'Kuwait city' is
            if loc is None:
                loc = self.geocoder.geocode(name, **opts)
            return loc
        except InvalidInput:
            return None

    def _candidate_areas(self, name: str) -> tuple[frozenset[str], frozenset[str]]:
        """Countries and divisions this name's candidates lie in (what a bias can act on)."""
        areas = self._areas.get(name)
        if areas is None:
            info = self.gazetteer.info
            codes = [(info(r).country, info(r).admin1) for r, _ in self.gazetteer.lookup(name)]
            areas = (frozenset(c for c, _ in codes), frozenset(f"{c}.{a}" for c, a in codes))
            remember(self._areas, name, areas)
        return areas

    def _demonym_location(self, target: str) -> Any:
        g = self.gazetteer
        if target.startswith("@"):
            row = g.continent_row(target[1:])
            kind, codes = "continent", None
        elif "." in target:  # 'English' is England, 'Scottish' Scotland: GB.ENG, GB.SCT
            country, division = target.split(".", 1)
            row = g.admin1_row(country, division)
            kind, codes = "admin1", country
        else:
            row = g.country_row(target)
            kind, codes = "country", target
        if row is None:
            return None
        return self.geocoder.geocode(g.place(row).name, kind=kind, country_codes=codes)
