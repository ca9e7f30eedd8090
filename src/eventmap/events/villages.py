"""Villages the gazetteer lacks, placed in their province from a national list of settlements.

The gazetteer holds GeoNames' towns of 500 people or more; war reports name the hamlets along
a front line ('shelling near Hladosove'), which it lacks. Where a country's own list of
settlements is shipped (``resources/ua_settlements.csv``: every settlement of Ukraine and the
oblasts that have one of that name), such a name is placed in its province, at precision 3
(somewhere in that province) under the name as written: never a dot at a namesake, since the
list has no coordinates and says only where such a village exists.

A village list is namesake-prone, so a name is placed only when

- the article supports the list's country: a resolved place or a named rebel or militia of
  that country, or a phrase that only reports on that country use ('the OSCE SMM':
  ``resources/country_cues.tsv``);
- one province has a settlement of that name, or, among several, exactly one of them has an
  active front line on the report's day (``resources/front_lines.csv``).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from dataclasses import replace
from functools import cache
from typing import Any

from eventmap.events.lookup import CONTAINED, VILLAGE_POPULATION, as_mention, front_lines
from eventmap.events.model import Candidate
from eventmap.geoparse import Mention
from eventmap.start_set import with_start_set
from eventmap.taxonomy import default_taxonomy
from eventmap.wordlists import entries, table

# Country -> its list of settlements (name, provinces by ISO 3166-2 code).
LISTS = {"UA": "ua_settlements.csv"}
# A place name as reports write it: capitalised words, with a few Arabic and other particles.
_NAME = r"[A-Z][\w'’-]+(?:\s+(?:(?:al|el|de|del|la)\s+)?[A-Z][\w'’-]+){0,3}"
# After an unknown place: the town or province that holds it ('X neighbourhood of Y, Van').
_HELD_BY = re.compile(
    r"(?:\s+(?:neighbou?rhood|district|area|village|town|quarter|suburb)(?:\s+of)?)?"
    rf"(?:\s*,\s*|\s+(?:of|in)\s+(?:the\s+)?)({_NAME})"
)
# '-Vracar' after 'Belgrade': a district of the city, written after a hyphen.
_DISTRICT_OF = re.compile(r"-[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+){0,2}")
# Names this short are too often something else ('Mir', 'Lyman' are also words and names).
_MIN_LETTERS = 5


def key(name: str) -> str:
    """Spelling-proof key: 'Dolomytne' and 'Dolomitne', 'Vilnyi' and 'Vilny' agree."""
    value = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    value = re.sub(r"[^a-z]", "", value).replace("y", "i").replace("j", "i")
    return re.sub(r"(.)\1+", r"\1", value)


@cache
def settlements(country: str) -> dict[str, frozenset[str]]:
    """Key of a settlement's name -> the ISO codes of the provinces that have one."""
    found: dict[str, set[str]] = {}
    for row in csv.DictReader(entries(LISTS[country])):
        found.setdefault(key(row["name"]), set()).update(row["oblasts"].split("|"))
    return {k: frozenset(v) for k, v in found.items()}


@cache
def _cues() -> tuple[tuple[str, re.Pattern[str]], ...]:
    rows = table("country_cues.tsv")
    for row in rows:
        if len(row) != 2 or len(row[0]) != 2:
            raise ValueError(f"country_cues.tsv: not 'country<TAB>pattern': {row!r}")
    # (each searched over the whole report: re skips to where a match can start, start_set.py)
    return tuple((cc, with_start_set(re.compile(rf"\b(?:{pattern})\b"))) for cc, pattern in rows)


@cache
def _words(kind: str) -> frozenset[str]:
    return frozenset(w for k, w in table("settlement_words.tsv") if k == kind)


@cache
def _abbreviations() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """The bracket after a place that ends in a province's abbreviation, and what each
    abbreviation stands for (country, province name)."""
    bare, comma, meaning = [], [], {}
    for row in table("state_abbreviations.tsv"):
        if len(row) != 4 or row[3] not in ("bare", "comma"):
            raise ValueError(
                f"state_abbreviations.tsv: not 'cc<TAB>abbr<TAB>name<TAB>where': {row!r}"
            )
        (bare if row[3] == "bare" else comma).append(re.escape(row[1]))
        meaning[row[1]] = (row[0], row[2])
    pattern = re.compile(
        rf"({_NAME})(?:\s+(?:town|village|city|area|village\s+area|district))?\s*"
        rf"\((?:[^(),]{{1,40}},\s*(?P<c>{'|'.join(comma + bare)})|\s*(?P<b>{'|'.join(bare)}))\s*\)"
    )
    return pattern, meaning


def cued_countries(text: str) -> set[str]:
    """Countries that words of the text stand for though they name no place ('OSCE SMM')."""
    return {cc for cc, pattern in _cues() if pattern.search(text)}


class Villages:
    """Looks unknown names up in the shipped national lists; province mentions cached."""

    def __init__(self, geocoder: Any) -> None:
        self.geocoder = geocoder
        self._provinces: dict[str, Mention | None] = {}

    def place(
        self, m: Mention, countries: set[str], day: dt.date | None
    ) -> tuple[Mention, int, str] | None:
        """(the province, 3, the name as written) for an unresolved name ``m`` that a list of
        one of ``countries`` (those the article supports) places in one province."""
        if m.resolved or m.role != "event_location":
            return None
        name = m.text.strip()
        if not name[:1].isupper():
            return None
        words = name.split()
        if len(words) > 1 and words[-1].lower() in _words("serves"):
            return self._served(" ".join(words[:-1]), m, countries)
        if len(words) > 1 and words[0].lower() in _words("type"):
            words = words[1:]  # 'Khutir Stavky': the hamlet Stavky
        k = key(" ".join(words))
        if len(k) < _MIN_LETTERS:
            return None
        for country in sorted(countries & LISTS.keys()):
            codes = settlements(country).get(k)
            if not codes:
                continue
            if len(codes) > 1:
                codes = self._at_front(country, codes, day)
            if len(codes) != 1:
                continue
            province = self._province(country, next(iter(codes)))
            if province is not None:
                at = replace(province, start=m.start, end=m.end, text=m.text)
                return at, 3, name
        return None

    def _served(
        self, town: str, m: Mention, countries: set[str]
    ) -> tuple[Mention, int, str] | None:
        """'Donetsk Airport': near the town of that name in a supported country (2)."""
        loc = _named(self.geocoder, town, countries, ("city",))
        if loc is None:
            return None
        return (
            as_mention(
                loc.raw, m.text, m.start, m.end, point=(loc.latitude, loc.longitude), confidence=0.5
            ),
            2,
            m.text.strip(),
        )

    def sentence_places(
        self,
        inside: list[Mention],
        countries: set[str],
        day: dt.date | None,
        before: list[Candidate],
        text: str = "",
        s: int = 0,
        e: int = 0,
    ) -> list[tuple[Mention, int | None, str | None]]:
        """For a trigger sentence whose only places are names the gazetteer lacks: the first
        such name placed in a province, unless an event of the article is already in that
        province (the sentence retells it: 'monitors counted 9 explosions near X' after
        'forces fired at X, Luhansk')."""
        for m in inside:
            placed = self.place(m, countries, day)
            if placed is None:
                continue
            province = placed[0]
            if any(
                (c.mention.country_code, c.mention.admin1_code)
                == (province.country_code, province.admin1_code)
                for c in before
            ):
                return []
            return [placed]
        return (
            self._bracketed(text, s, e, inside)
            or self._held_by(text, inside, countries)
            or _city_district(text, inside)
        )

    def _held_by(
        self, text: str, inside: list[Mention], countries: set[str]
    ) -> list[tuple[Mention, int | None, str | None]]:
        """'the Bostanici neighbourhood of Ipekyolu, Van': an unknown place followed by a
        name the geoparser did not take for a place (a common word, 'Van'), which is a town
        (2) or province (3) of a country the article supports: the event there, under the
        first unknown name."""
        unknown = [m for m in inside if not m.resolved and m.role == "event_location"]
        for m in unknown:
            found = _HELD_BY.match(text, m.end)
            if found is None or any(
                o.start < found.end(1) and found.start(1) < o.end for o in inside
            ):
                continue  # no name after it, or one the geoparser read (and placed)
            loc = _named(self.geocoder, found.group(1), countries, ("city", "admin1"))
            if loc is not None:
                holder = as_mention(
                    loc.raw,
                    found.group(1),
                    found.start(1),
                    found.end(1),
                    point=(loc.latitude, loc.longitude),
                    confidence=0.5,
                )
                return [(holder, 3 if holder.kind == "admin1" else 2, unknown[0].text)]
        return []

    def _bracketed(
        self, text: str, s: int, e: int, inside: list[Mention]
    ) -> list[tuple[Mention, int | None, str | None]]:
        """'Narbal town (Budgam district, J&K)': the province the abbreviation stands for
        (3), under the first name of the sentence the gazetteer lacks, else the name before
        the bracket."""
        if text.find("(", s, e) < 0:  # every match holds its bracket: none to try here
            return []
        pattern, meaning = _abbreviations()
        found = pattern.search(text, s, e)
        if found is None:
            return []
        country, state = meaning[found.group("c") or found.group("b")]
        province = self._province_named(country, state)
        if province is None:
            return []
        unknown = next((m for m in inside if not m.resolved and m.start < found.end()), None)
        name = unknown.text if unknown is not None else found.group(1)
        at = replace(province, start=found.start(1), end=found.end(1), text=found.group(1))
        return [(at, 3, name)]

    def to_front(
        self, candidates: list[Candidate], text: str, day: dt.date | None
    ) -> list[Candidate]:
        """Violence at a village the gazetteer knows only far from the front line, named
        with no province, when exactly one front-line province's settlements have that
        name: that province (3), name as written. 'Explosions near Molodizhne' in a 2020
        report is Luhansk oblast's hamlet, not the Poltava village the gazetteer holds; a
        protest there may well be in Poltava, so protests and riots are left alone."""
        taxonomy = default_taxonomy()
        for cand in candidates:
            m = cand.mention
            if (
                cand.location_name is not None
                or m.kind != "city"
                or m.country_code not in LISTS
                or taxonomy.disorder[taxonomy.event_type(cand.sub_event)] != "Political violence"
                or (m.raw.get("population") or 0) >= VILLAGE_POPULATION
                or CONTAINED.match(text, m.end)
            ):
                continue
            country = m.country_code
            zones = {
                a1
                for a1, since, until in front_lines().get(country, ())
                if day is not None and since <= day and (until is None or day <= until)
            }
            codes = settlements(country).get(key(m.text.strip()))
            if not zones or m.admin1_code in zones or not codes:
                continue
            there = self._at_front(country, codes, day)
            province = self._province(country, next(iter(there))) if len(there) == 1 else None
            if province is not None:
                cand.mention = replace(province, start=m.start, end=m.end, text=m.text)
                cand.precision, cand.location_name = 3, m.text
        return candidates

    def _at_front(self, country: str, codes: frozenset[str], day: dt.date | None) -> set[str]:
        """The provinces among ``codes`` with an active front line on ``day``."""
        if day is None:
            return set()
        zones = {
            a1
            for a1, since, until in front_lines().get(country, ())
            if since <= day and (until is None or day <= until)
        }
        kept = set()
        for code in codes:
            province = self._province(country, code)
            if province is not None and province.admin1_code in zones:
                kept.add(code)
        return kept

    def _province_named(self, country: str, name: str) -> Mention | None:
        """The province so named in ``country`` (at its capital)."""
        cache_key = f"{country}:{name}"
        if cache_key not in self._provinces:
            try:
                ranked = self.geocoder.geocode(
                    name, exactly_one=False, country_codes=country, kind="admin1"
                )
            except ValueError:  # no usable name
                ranked = None
            loc = next((x for x in ranked or () if x.raw.get("match") == "name"), None)
            iso = None if loc is None else loc.raw.get("admin1_iso")
            self._provinces[cache_key] = None if iso is None else self._province(country, iso)
        return self._provinces[cache_key]

    def _province(self, country: str, iso: str) -> Mention | None:
        """The province with ISO 3166-2 code ``iso`` as a place (at its capital)."""
        if iso not in self._provinces:
            self._provinces[iso] = self._find_province(country, iso)
        return self._provinces[iso]

    def _find_province(self, country: str, iso: str) -> Mention | None:
        gazetteer = self.geocoder.gazetteer
        code = gazetteer.admin1_for_iso(country, iso)
        if code is None:
            return None
        name = gazetteer.admin1_name(country, code)
        try:
            ranked = self.geocoder.geocode(
                name or "", exactly_one=False, country_codes=country, kind="admin1"
            )
        except ValueError:  # no usable name
            return None
        loc = next((x for x in ranked or () if x.raw.get("admin1_code") == code), None)
        if loc is None:
            return None
        return as_mention(
            loc.raw, name or "", 0, 0, point=(loc.latitude, loc.longitude), confidence=0.5
        )


def _city_district(
    text: str, inside: list[Mention]
) -> list[tuple[Mention, int | None, str | None]]:
    """'Belgrade-Vracar', 'Zagreb-Maksimir': a district of a city written as the city, a
    hyphen and the district (ACLED's and some local news' way), which the geoparser reads as
    a name containing the city: the city (2), under the whole name."""
    for m in inside:
        if m.resolved and m.role == "in_name" and m.kind == "city":
            found = _DISTRICT_OF.match(text, m.end)
            if found is not None and not any(o.start == m.end + 1 for o in inside):
                # ('Belgrade-Zagreb' names two cities: a route, no district)
                return [(replace(m, role="event_location"), 2, text[m.start : found.end()])]
    return []


def _named(geocoder: Any, name: str, countries: set[str], kinds: tuple[str, ...]) -> Any:
    """The best-ranked place of one of ``kinds`` called ``name`` (its name, a GeoNames
    alternate or a curated alias, not a loose match) in one of ``countries``, or None."""
    if not countries:
        return None
    try:
        ranked = geocoder.geocode(name, exactly_one=False, country_codes=sorted(countries))
    except ValueError:  # not a usable name
        return None
    return next(
        (
            x
            for x in ranked or ()
            if x.raw.get("match") in ("name", "alternate", "alias") and x.raw.get("kind") in kinds
        ),
        None,
    )
