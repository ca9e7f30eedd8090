"""Geocoders with geopy's call shape: an offline one over the gazetteer, and an opt-in chain.

``OfflineGeocoder().geocode("Homs province")`` returns a ``geopy.location.Location`` whose
``raw`` says what was matched and why, so a geopy user can swap it in and an analyst can
check every dot. Ranking is deterministic: match level (own name, alternate, alias, loose),
then kind hints and qualifiers, then a population prior, then an optional country bias.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from eventmap.errors import GeocoderServiceError, InvalidInput
from eventmap.gazetteer import KINDS, MATCH_LABELS, Gazetteer, default_gazetteer
from eventmap.normalize import fold

if TYPE_CHECKING:  # geopandas and geopy cost more than a lookup: imported where used
    import geopandas as gpd
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


MAX_QUERY_LENGTH = 512

# Qualifiers, tried in order on the lower-cased query; the group 'name' is what is looked up.
_ADMIN1_WORDS = r"(?:province|governorate|region|state|oblast|muhafazat)"
_QUALIFIERS: tuple[tuple[re.Pattern[str], str, str | None], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), kind, qualifier)
    for pattern, kind, qualifier in (
        (
            r"^(?:the\s+)?(?P<q>(?:north|south)(?:-?\s?(?:east|west))?|east|west|centre|center"
            r"|middle)\s+(?:part\s+)?of\s+(?:the\s+)?(?P<name>.+?)\s+" + _ADMIN1_WORDS + r"$",
            "admin1",
            "direction",
        ),
        (r"^(?:the\s+)?" + _ADMIN1_WORDS + r"\s+of\s+(?P<name>.+)$", "admin1", None),
        (r"^(?P<name>.+?)\s+" + _ADMIN1_WORDS + r"$", "admin1", None),
        (
            r"^(?:the\s+)?(?:countryside|outskirts|environs|suburbs|desert|rural\s+areas?)"
            r"\s+of\s+(?:the\s+)?(?P<name>.+)$",
            "admin1",
            "countryside",
        ),
        (r"^(?:rural|greater)\s+(?P<name>.+)$", "admin1", "countryside"),
        (r"^(?P<name>.+?)\s+(?:countryside|outskirts|environs)$", "admin1", "countryside"),
        (
            r"^(?:the\s+)?(?P<q>northern|southern|eastern|western|north-?eastern|north-?western"
            r"|south-?eastern|south-?western|central)\s+(?P<name>.+?)(?:\s+"
            + _ADMIN1_WORDS
            + r")?$",
            "admin1",
            "direction",
        ),
        (r"^(?:the\s+)?(?:city|town|village)\s+of\s+(?P<name>.+)$", "city", None),
        (r"^(?P<name>.+?)\s+(?:city|town)$", "city", None),
        (r"^(?:the\s+)?(?:republic|kingdom|state)\s+of\s+(?P<name>.+)$", "country", None),
    )
)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
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


def validate_query(query: object) -> str:
    """Reject what no retry could fix, saying exactly what was wrong."""
    if query is None:
        raise InvalidInput("query is None; pass a place name such as 'Homs province'")
    if not isinstance(query, str):
        raise InvalidInput(f"query must be a string, not {type(query).__name__}")
    text = query.strip()
    if not text:
        raise InvalidInput("query is empty or blank")
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidInput(f"query is {len(text)} characters long; the limit is {MAX_QUERY_LENGTH}")
    bad = [
        ch for ch in text if unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\u200e\u200f"
    ]
    if bad:
        raise InvalidInput(f"query contains control characters: {bad[0]!r}")
    return text


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query split into the name to look up and what the words around it said."""

    name: str
    kind: str | None
    qualifier: str | None
    qualifier_text: str | None


def parse_query(text: str) -> ParsedQuery:
    """'northeast of Homs province' -> name 'Homs', kind admin1, qualifier 'direction'."""
    for pattern, kind, qualifier in _QUALIFIERS:
        m = pattern.match(text)
        if m and m.group("name").strip():
            name = _LEADING_THE.sub("", m.group("name").strip())
            words = m.groupdict().get("q")
            qtext = text[: m.start("name")].strip() or text[m.end("name") :].strip()
            return ParsedQuery(name, kind, qualifier, (words or qtext).strip() or None)
    return ParsedQuery(_LEADING_THE.sub("", text), None, None, None)


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
        g = self.gazetteer
        hint = kind or parsed.kind
        scored: list[tuple[float, int, int]] = []
        capitals = g.national_capitals
        folded = fold(parsed.name)
        info = g.info
        for row, level in g.lookup(parsed.name):
            r = info(row)
            row_kind, cc = r.kind, r.country
            if kind is not None and row_kind != kind:
                continue
            if restrict and cc not in restrict:
                continue
            prior = _SEA_PRIOR if row_kind == "sea" else r.population
            score = math.log10(prior + 10) - _MATCH_PENALTY[level]
            if hint is not None and row_kind == hint:
                score += _KIND_HINT_BONUS
            if capitals.get(row) == folded:
                score += _CAPITAL_BONUS
            if cc in bias:
                score += _BIAS_BONUS
            if divisions and row_kind in ("city", "admin2") and f"{cc}.{r.admin1}" in divisions:
                score += _ADMIN1_BIAS_BONUS  # a town or county in a division the text names
            scored.append((round(score, 6), row, level))
        # Highest score first; ties broken by the smaller GeoNames id, so output never wobbles.
        scored.sort(key=lambda t: (-t[0], info(t[1]).geonameid))
        if scored and hint is None:
            scored = self._prefer_town_over_its_division(scored)
        return scored

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


# --------------------------------------------------------------------------- batch


GeocodeFn = Callable[..., "Location | list[Location] | None"]


def geocode_rows(
    names: Iterable[object],
    geocoder: OfflineGeocoder | Any | None = None,
    *,
    progress: bool | None = None,
    **kwargs: Any,
) -> tuple[list[dict[str, Any]], list[tuple[object, str]]]:
    """geocode_many's rows as plain dicts (no pandas): resolved rows, then (name, reason).

    One bad row never stops the batch: invalid input, no match and service errors are all
    reported in the second return value, in input order.
    """
    geocoder = geocoder or OfflineGeocoder()
    items = list(names)
    show = progress if progress is not None else len(items) >= 200
    if show:
        from tqdm.auto import tqdm

        items_iter: Iterable[object] = tqdm(items, desc="geocoding", unit="name")
    else:
        items_iter = items
    rows: list[dict[str, Any]] = []
    unresolved: list[tuple[object, str]] = []
    lookup = getattr(geocoder, "answers", None)
    for i, name in enumerate(items_iter):
        try:
            if lookup is not None:
                found = lookup(name, exactly_one=True, **kwargs)
                loc = _Plain(*found[0]) if found else None
            else:
                loc = geocoder.geocode(name, exactly_one=True, **kwargs)
        except InvalidInput as exc:
            unresolved.append((name, f"invalid input: {exc}"))
            continue
        except GeocoderServiceError as exc:
            unresolved.append((name, f"service error: {exc}"))
            continue
        if loc is None:
            unresolved.append((name, "no match in the gazetteer"))
            continue
        raw = dict(loc.raw)
        rows.append(
            {
                "input_index": i,
                "query": name,
                "address": loc.address,
                "latitude": loc.latitude,
                "longitude": loc.longitude,
                **{k: raw.get(k) for k in _BATCH_COLUMNS},
            }
        )
    return rows, unresolved


class _Plain(Answer):
    """An Answer read like a Location (latitude, longitude) without importing geopy."""

    @property
    def latitude(self) -> float:
        return self.point[0]

    @property
    def longitude(self) -> float:
        return self.point[1]


def _plain(address: str, point: tuple[float, float], raw: dict[str, Any]) -> _Plain:
    """The Answer with the coordinates geopy's Location would give (its Point turns a -0.0
    into 0.0; the gazetteer's coordinates are in range, so nothing else changes)."""
    return _Plain(address, (point[0] or 0.0, point[1] or 0.0), raw)


def geocode_many(
    names: Iterable[object],
    geocoder: OfflineGeocoder | Any | None = None,
    *,
    progress: bool | None = None,
    **kwargs: Any,
) -> tuple[gpd.GeoDataFrame, list[tuple[object, str]]]:
    """Geocode a list; resolved places as a GeoDataFrame, the rest with the reason.

    One bad row never stops the batch: invalid input, no match and service errors are all
    reported in the second return value, in input order.
    """
    import geopandas as gpd
    from shapely.geometry import Point

    rows, unresolved = geocode_rows(names, geocoder, progress=progress, **kwargs)
    columns = ["input_index", "query", "address", "latitude", "longitude", *_BATCH_COLUMNS]
    frame = gpd.GeoDataFrame(
        rows,
        columns=columns,
        geometry=[Point(r["longitude"], r["latitude"]) for r in rows],
        crs="EPSG:4326",
    )
    return frame, unresolved


_BATCH_COLUMNS = (
    "geonameid",
    "name",
    "kind",
    "country_code",
    "admin1_code",
    "admin1_name",
    "admin1_iso",
    "population",
    "point",
    "matched_name",
    "match",
    "qualifier",
    "score",
    "source",
)
