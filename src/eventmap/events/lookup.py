"""The gazetteer questions the place stages ask beyond the geoparser's first answer.

'Kamyanka, Donetsk': which Kamyanka is inside Donetsk oblast? 'X, Bolivar': which provinces
are called Bolivar? 'the Timbuktu triangle' in a report on Borno: is there a town of that
name where the rest of the article is? Answers are cached per name, so a corpus of short
reports asks each question once.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import replace
from functools import cache
from typing import Any

from eventmap.actors import ActorTable, Span
from eventmap.events.model import Candidate
from eventmap.events.phrases import _CONTAINER_GAP
from eventmap.geoparse import Mention
from eventmap.normalize import fold as fold_name
from eventmap.start_set import with_start_set
from eventmap.wordlists import entries

# How many of a name's senses are looked through for the one inside a named division.
_CANDIDATES = 25
_CACHE_SIZE = 20_000
# How far (log10 population, the geocoder's score) a town must lead its namesakes elsewhere
# to be drawn as exact with nothing else in the text supporting it.
_SURE_MARGIN = 1.0
# A town this large is named for itself, not chosen among village namesakes.
VILLAGE_POPULATION = 100_000
# After a place: the division or town that holds it ('X, Donetsk', 'X (Y', 'X in Y').
# Before a town that is not where it happened: a victim's hometown ('Jo Roe, of Macon'), the
# hospital the wounded were taken to.
ELSEWHERE_BEFORE = re.compile(
    r"\b(?:of|from|native|resident|residents|hospital\s+in|hospitals?\s+in|taken\s+to)\s+$",
    re.IGNORECASE,
)
CONTAINED = re.compile(r"\s*(?:[,(]|(?:in|of|near)\s+(?:the\s+)?[A-Z])")


@cache
def front_lines() -> dict[str, list[tuple[str, dt.date, dt.date | None]]]:
    """Country -> (admin1 code, since, until) of its provinces with an active front line."""
    out: dict[str, list[tuple[str, dt.date, dt.date | None]]] = {}
    for row in csv.DictReader(entries("front_lines.csv")):
        until = dt.date.fromisoformat(row["until"]) if row["until"] else None
        out.setdefault(row["country"], []).append(
            (row["admin1"], dt.date.fromisoformat(row["since"]), until)
        )
    return out


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

    def to_front(
        self, candidates: list[Candidate], text: str, day: dt.date | None
    ) -> list[Candidate]:
        """A village named with no province, read in a province far from the country's
        front line, is in the front-line province that has a place of that name, when one
        has ('shelling near Serhiivka' in a 2020 report on Ukraine: Donetsk oblast, not
        Poltava's Serhiivka), coded to that province (3) under its name as written."""
        if day is None:
            return candidates
        for cand in candidates:
            m = cand.mention
            zones = {
                a1
                for a1, since, until in front_lines().get(m.country_code or "", ())
                if since <= day and (until is None or day <= until)
            }
            if (
                not zones
                or cand.location_name is not None
                or m.kind != "city"
                or m.admin1_code in zones
                or (m.raw.get("population") or 0) >= VILLAGE_POPULATION
                or CONTAINED.match(text, m.end)
            ):
                continue
            there = self._namesake_in(m, m.country_code or "", zones)
            if there is not None and len(self._zones_with(m, zones)) > 1:
                continue  # namesakes in two front-line provinces: nothing says which
            province = None if there is None else self._province(there)
            if province is not None:
                # Likely that province, not surely that village: precision 3, as written.
                cand.mention, cand.precision, cand.location_name = province, 3, m.text
        return candidates

    def _zones_with(self, m: Mention, zones: set[str]) -> set[str]:
        """The front-line provinces that have a town of ``m``'s name."""
        try:
            ranked = self.geocoder.geocode(
                m.text, exactly_one=False, country_codes=m.country_code, kind="city"
            )
        except ValueError:  # not a usable name
            return set()
        return {
            x.raw.get("admin1_code")
            for x in ranked or ()
            if x.raw.get("match") in ("name", "alternate") and x.raw.get("admin1_code") in zones
        }

    def _province(self, m: Mention) -> Mention | None:
        """The province ``m`` lies in, as a place of its own (at its capital)."""
        try:
            ranked = self.geocoder.geocode(
                m.admin1 or "", exactly_one=False, country_codes=m.country_code, kind="admin1"
            )
        except ValueError:  # no usable name
            return None
        loc = next((x for x in ranked or () if x.raw.get("admin1_code") == m.admin1_code), None)
        if loc is None:
            return None
        return replace(
            m,
            name=loc.raw["name"],
            latitude=loc.latitude,
            longitude=loc.longitude,
            geonameid=loc.raw["geonameid"],
            kind="admin1",
            raw=loc.raw,
        )

    def _namesake_in(
        self, m: Mention, country: str, zones: set[str] | None = None
    ) -> Mention | None:
        """The best-ranked town named as ``m`` (its name or a GeoNames alternate name, not
        an alias or a loose match) in ``country``, and in one of ``zones`` if given."""
        try:
            ranked = self.geocoder.geocode(
                m.text, exactly_one=False, country_codes=country, kind="city"
            )
        except ValueError:  # not a usable name
            return None
        loc = next(
            (
                x
                for x in ranked or ()
                if x.raw.get("match") in ("name", "alternate")
                and (zones is None or x.raw.get("admin1_code") in zones)
            ),
            None,
        )
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
            inside = [
                loc
                for loc in (ranked or [])[:_CANDIDATES]
                if loc.raw.get("admin1_code") == division.admin1_code
                and loc.raw.get("kind") == "city"
            ]
            if inside and not _namesakes_alike(inside):
                found = (inside[0].latitude, inside[0].longitude, inside[0].raw)
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


def _namesakes_alike(inside: list[Any]) -> bool:
    """Two towns of the name in one province, neither ten times the other's size: 'the
    area of Vasylivka, Donetsk' could be either, so neither is drawn (the province is)."""
    if len(inside) < 2:
        return False
    people = [max(1, int(loc.raw.get("population") or 0)) for loc in inside[:2]]
    same_name = {fold_name(loc.raw.get("name") or "") for loc in inside[:2]}
    return len(same_name) == 1 and people[0] < 10 * people[1]


def only_sure_towns(
    candidates: list[Candidate], mentions: list[Mention], text: str
) -> list[Candidate]:
    """A town is drawn as exact (precision 1) only when something supports it: a
    division named with it, another place of its country in the article, or a clear
    lead over its namesakes elsewhere. 'Clashes in San Carlos' alone could be any of
    forty: precision 2, the dot says 'around here, if this is the place'."""
    countries: dict[str, set[int | None]] = {}
    for o in mentions:
        if o.resolved and o.role != "in_name" and o.country_code:
            countries.setdefault(o.country_code, set()).add(o.geonameid)
    for cand in candidates:
        m = cand.mention
        if cand.precision is not None or cand.location_name is not None or m.kind != "city":
            continue
        margin = m.raw.get("margin")
        unsure = m.raw.get("match") == "loose" or (margin is not None and margin < _SURE_MARGIN)
        if (
            unsure
            and not countries.get(m.country_code or "", set()) - {m.geonameid}
            and not any(
                o.resolved and _CONTAINER_GAP.fullmatch(text, m.end, o.start)
                for o in mentions
                if m.end <= o.start < m.end + 60
            )
        ):
            cand.precision = 2
    return candidates


def as_mention(
    raw: dict,
    text: str,
    start: int,
    end: int,
    *,
    point: tuple[float, float] | None = None,
    confidence: float = 0.7,
    role: str = "event_location",
) -> Mention:
    """A gazetteer entry as the place of the words ``text`` at [start, end): the one way the
    late look-ups (a US report's state, a national village list) turn an entry into a mention.
    ``point`` for a geocoder answer, which keeps its coordinates outside ``raw``."""
    latitude, longitude = point if point is not None else (raw["latitude"], raw["longitude"])
    kind = raw.get("kind")
    return Mention(
        start=start,
        end=end,
        text=text,
        role=role,
        resolved=True,
        name=(raw.get("admin1_name") or raw.get("name")) if kind == "admin1" else raw.get("name"),
        latitude=latitude,
        longitude=longitude,
        geonameid=raw.get("geonameid"),
        kind=kind,
        country_code=raw.get("country_code"),
        admin1=raw.get("admin1_name"),
        admin1_code=raw.get("admin1_code"),
        admin1_iso=raw.get("admin1_iso"),
        confidence=confidence,
        raw=raw,
    )


# Searched over sentences and the words around a place, date or trigger: with their start
# sets (start_set.py) re skips to where a match can start instead of trying every position.
ELSEWHERE_BEFORE = with_start_set(ELSEWHERE_BEFORE)
