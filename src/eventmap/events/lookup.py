"""The gazetteer questions the place stages ask beyond the geoparser's first answer.

'Kamyanka, Donetsk': which Kamyanka is inside Donetsk oblast? 'X, Bolivar': which provinces
are called Bolivar? 'the Timbuktu triangle' in a report on Borno: is there a town of that
name where the rest of the article is? Answers are cached per name, so a corpus of short
reports asks each question once.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from eventmap.actors import ActorTable, Span
from eventmap.events.model import Candidate
from eventmap.geoparse import Mention

# How many of a name's senses are looked through for the one inside a named division.
_CANDIDATES = 25
_CACHE_SIZE = 20_000


class PlaceLookup:
    """Lookups in the offline gazetteer through the geoparser's geocoder, cached."""

    def __init__(self, geocoder: Any, actors: ActorTable) -> None:
        self.geocoder = geocoder
        self.actors = actors
        self._inside: dict[tuple, tuple | None] = {}
        self._provinces: dict[str, list[tuple[float, float, dict]]] = {}

    def homes(self, spans: list[Span]) -> set[str]:
        """Countries of the named rebels and militias ('the NPA', 'Houthis'): they fight at
        home, unlike a state's forces, which may act abroad."""
        found = set()
        for sp in spans:
            actor = None if sp.generic else self.actors.by_name(sp.ref)
            if actor is not None and actor.country and actor.inter in (2, 3, 4):
                found.add(actor.country)
        return found

    def at_home(
        self, candidates: list[Candidate], mentions: list[Mention], homes: set[str]
    ) -> list[Candidate]:
        """An event drawn at a namesake in a country nothing else in the article names,
        while two other places or the article's rebels agree on another ('the Timbuktu
        triangle' in a report on Borno): the namesake of that name there, or no event."""
        if len(candidates) < 2 and not homes:
            return candidates
        places: dict[str, set[int | None]] = {}
        for o in mentions:
            if o.resolved and o.role != "in_name" and o.country_code:
                places.setdefault(o.country_code, set()).add(o.geonameid)
        kept = []
        for cand in candidates:
            m = cand.mention
            support = {
                cc: len(ids - {m.geonameid}) + (2 if cc in homes else 0)
                for cc, ids in places.items()
            }
            for cc in homes:
                support.setdefault(cc, 2)
            best = max(support, key=lambda cc: (support[cc], cc), default=None)
            if (
                not m.resolved
                or m.country_code is None
                or support.get(m.country_code, 0) > 0
                or best is None
                or support[best] < 2
            ):
                kept.append(cand)
                continue
            home = self._namesake_in(m, best)
            if home is not None:
                cand.mention = home
                kept.append(cand)
        return kept or candidates

    def _namesake_in(self, m: Mention, country: str) -> Mention | None:
        """The best-ranked town named exactly as ``m`` in ``country``, if any."""
        try:
            ranked = self.geocoder.geocode(
                m.text, exactly_one=False, country_codes=country, kind="city"
            )
        except ValueError:  # not a usable name
            return None
        loc = next((x for x in ranked or () if x.raw.get("match") == "name"), None)
        if loc is None:
            return None
        raw = loc.raw
        return replace(
            m,
            name=raw["name"],
            latitude=loc.latitude,
            longitude=loc.longitude,
            geonameid=raw["geonameid"],
            kind="city",
            country_code=raw["country_code"],
            admin1=raw.get("admin1_name"),
            admin1_code=raw.get("admin1_code"),
            admin1_iso=raw.get("admin1_iso"),
            raw=raw,
        )

    def within(self, place: Mention, division: Mention) -> Mention | None:
        """``place`` as written, looked up inside ``division`` (a town or a province): the
        namesake there, or None. 'Kamyanka, Donetsk' is the Kamyanka in Donetsk oblast."""
        key = (place.text, division.country_code, division.admin1_code)
        if key in self._inside:
            found = self._inside[key]
        else:
            found = None
            code = f"{division.country_code}.{division.admin1_code}"
            try:
                ranked = self.geocoder.geocode(
                    place.text,
                    exactly_one=False,
                    country_codes=division.country_code,
                    kind="city",
                    admin1_bias=[code],
                )
            except ValueError:  # not a usable name
                ranked = None
            for loc in (ranked or [])[:_CANDIDATES]:
                raw = loc.raw
                if raw.get("admin1_code") == division.admin1_code and raw.get("kind") == "city":
                    found = (loc.latitude, loc.longitude, raw)
                    break
            if len(self._inside) > _CACHE_SIZE:
                self._inside.clear()
            self._inside[key] = found
        if found is None:
            return None
        lat, lon, raw = found
        return replace(
            division,
            start=getattr(place, "start", division.start),
            end=getattr(place, "end", division.end),
            text=place.text,
            name=raw["name"],
            latitude=lat,
            longitude=lon,
            geonameid=raw["geonameid"],
            kind="city",
            admin1=raw.get("admin1_name") or division.admin1,
            raw=raw,
        )

    def senses(self, division: Mention) -> list[Mention]:
        """The provinces named like ``division`` as written, best first, itself excluded."""
        name = division.text
        if name not in self._provinces:
            try:
                ranked = self.geocoder.geocode(name, exactly_one=False, kind="admin1")
            except ValueError:  # not a usable name
                ranked = None
            if len(self._provinces) > _CACHE_SIZE:
                self._provinces.clear()
            self._provinces[name] = [
                (loc.latitude, loc.longitude, loc.raw) for loc in (ranked or [])[:_CANDIDATES]
            ]
        return [
            replace(
                division,
                name=raw["name"],
                latitude=lat,
                longitude=lon,
                geonameid=raw["geonameid"],
                kind="admin1",
                country_code=raw["country_code"],
                admin1=raw.get("admin1_name"),
                admin1_code=raw.get("admin1_code"),
                raw=raw,
            )
            for lat, lon, raw in self._provinces[name]
            if (raw["country_code"], raw.get("admin1_code"))
            != (division.country_code, division.admin1_code)
        ]
