"""Events joined to their places as GeoDataFrames, summaries per division, and file exports.

The last stage before maps: several articles' tables become one GeoDataFrame (EPSG:4326)
with the division attributes an analyst filters on (ISO 3166-2 code, capital, precision
label), and every export is written atomically so a failed run leaves the old file intact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import Point

from eventmap import admin1 as admin1_outlines
from eventmap.events import EventTables
from eventmap.outputs import write_atomic
from eventmap.schema import EVENT_COLUMNS, GEO_PRECISION_LABELS, MENTION_COLUMNS
from eventmap.spreadsheet import to_csv

EXPORT_FORMATS = ("csv", "geojson", "gpkg")


def _points(frame: pd.DataFrame) -> list[Point | None]:
    return [
        Point(lon, lat) if pd.notna(lat) and pd.notna(lon) else None
        for lat, lon in zip(frame["latitude"], frame["longitude"], strict=True)
    ]


def _items(tables: EventTables | Iterable[EventTables]) -> list[EventTables]:
    return [tables] if isinstance(tables, EventTables) else list(tables)


def _concat(frames: list[pd.DataFrame], columns: tuple[str, ...]) -> pd.DataFrame:
    """One table from several articles' (an empty one keeps its columns)."""
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=list(columns))


def events_geodataframe(tables: EventTables | Iterable[EventTables]) -> gpd.GeoDataFrame:
    """All events of one or more articles, with geometry and division attributes."""
    items = _items(tables)
    events = _concat([t.events for t in items], EVENT_COLUMNS)
    events = events.astype({"verified": "object"})
    events["admin1_iso"] = _admin1_isos(events, items)
    events = check_admin1(events)
    events["geo_precision_label"] = events["geo_precision"].map(GEO_PRECISION_LABELS)
    events = (
        events.assign(_dated=events["mention_type"].ne("event"))
        .sort_values(
            ["_dated", "event_date", "article_id", "quote_start", "location"],
            na_position="last",
            kind="stable",
        )
        .drop(columns="_dated")
        .reset_index(drop=True)
    )
    return gpd.GeoDataFrame(events, geometry=_points(events), crs="EPSG:4326")


def _admin1_isos(events: pd.DataFrame, items: list[EventTables]) -> list[str | None]:
    """ISO 3166-2 code of each event's division, read off the mention it was coded from."""
    codes: dict[tuple[str, int], str | None] = {}
    for t in items:
        for m in t.place_mentions.itertuples():
            codes[(m.article_id, m.start)] = m.admin1_iso
    return [
        codes.get((a, s))
        for a, s in zip(events["article_id"], events["location_start"], strict=True)
    ]


ADMIN1_CHECKS = {
    "ok": "the point lies in the coded division",
    "filled": "no division was coded; admin1 is the one the point lies in",
    "mismatch": "the point lies in another division than the coded one",
    "outside": "the point lies in no division (at sea, or outside the outlines)",
    "province-level": "province-level event: the division is the one named, the point a proxy",
    "no point": "not mapped",
}


def check_admin1(events: pd.DataFrame) -> pd.DataFrame:
    """Admin1 from geometry: the division each point lies in, checked against the coded one.

    ``admin1_geo``/``admin1_geo_iso`` are what point-in-polygon against Natural Earth's
    outlines says; ``admin1_check`` says how that compares with the coded division (see
    ADMIN1_CHECKS). For a named town (precision 1-2) the point is the evidence: a coded
    division it does not lie in is flagged "mismatch" (the coded value is kept beside the
    geometric one, so a reviewer sees both); a missing admin1 is filled from the
    geometry. A province-level event's point is a proxy (the provincial capital), so its
    division is the one the text named and is not overruled.
    """
    out = events.copy()
    n = len(out)
    if n == 0:
        for column in ("admin1_geo", "admin1_geo_iso", "admin1_check"):
            out[column] = pd.Series(dtype=object)
        return out
    lat = pd.to_numeric(out["latitude"], errors="coerce").to_numpy(dtype=float)
    lon = pd.to_numeric(out["longitude"], errors="coerce").to_numpy(dtype=float)
    located = admin1_outlines.locate(lat, lon)
    out["admin1_geo"] = located["name"].to_numpy()
    out["admin1_geo_iso"] = located["code"].to_numpy()
    precision = pd.to_numeric(out["geo_precision"], errors="coerce")
    checks: list[str] = []
    admin1 = out["admin1"].astype(object).tolist()
    for i in range(n):
        coded_iso = out["admin1_iso"].iat[i]
        coded = admin1[i] if isinstance(admin1[i], str) and admin1[i] else None
        geo_iso, geo_name = out["admin1_geo_iso"].iat[i], out["admin1_geo"].iat[i]
        if not (np.isfinite(lat[i]) and np.isfinite(lon[i])):
            checks.append("no point")
        elif precision.iat[i] == 3 and coded:
            checks.append("province-level")
        elif not isinstance(geo_iso, str):
            checks.append("outside")
        elif not coded:
            admin1[i] = geo_name
            out.loc[out.index[i], "admin1_iso"] = geo_iso
            checks.append("filled")
        elif _same_division(coded_iso, coded, geo_iso, geo_name):
            checks.append("ok")
        else:
            checks.append("mismatch")
    out["admin1"] = admin1
    out["admin1_check"] = checks
    return out


def _same_division(coded_iso: object, coded: str, geo_iso: str, geo_name: str) -> bool:
    if isinstance(coded_iso, str) and coded_iso:
        return coded_iso.upper() == geo_iso.upper()
    return admin1_outlines.normalise_name(coded) == admin1_outlines.normalise_name(geo_name) or (
        admin1_outlines.name_skeleton(coded) == admin1_outlines.name_skeleton(geo_name)
    )


def mentions_geodataframe(tables: EventTables | Iterable[EventTables]) -> gpd.GeoDataFrame:
    """Every place mention (resolved ones with a point), for the mentions layer."""
    frame = _concat([t.place_mentions for t in _items(tables)], MENTION_COLUMNS)
    return gpd.GeoDataFrame(frame, geometry=_points(frame), crs="EPSG:4326")


def admin1_summary(events: pd.DataFrame) -> pd.DataFrame:
    """Dated events and fatalities per division, most events first."""
    dated = events[events["mention_type"] == "event"]
    if dated.empty:
        return pd.DataFrame(columns=["country", "admin1", "events", "fatalities", "event_types"])
    grouped = dated.groupby(["country", "admin1"], dropna=False)
    summary = grouped.agg(
        events=("event_id", "count"),
        fatalities=("fatalities", "sum"),
        event_types=("sub_event_type", lambda s: "; ".join(sorted(set(s)))),
    ).reset_index()
    return summary.sort_values(["events", "admin1"], ascending=[False, True]).reset_index(drop=True)


def _for_files(events: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Plain types GDAL drivers accept (no Python objects, no booleans with gaps)."""
    out = events.copy()
    out["verified"] = out["verified"].map({True: "true", False: "false"}).fillna("unknown")
    for col in out.columns:
        if col != "geometry" and out[col].dtype == object:
            out[col] = out[col].astype("string")
    return out


def _write_gpkg(frame: gpd.GeoDataFrame, path: Path, layer: str, append: bool = False) -> None:
    """GeoPackage with a fixed timestamp, so the same events give the same bytes;
    ``append``: add the rows to the layer (the corpus writes its events month by month)."""
    import pyogrio

    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": "2000-01-01T00:00:00.000Z"})
    try:
        mode = "a" if append else "w"
        frame.to_file(path, driver="GPKG", layer=layer, engine="pyogrio", mode=mode)
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})


def export_writers(
    events: gpd.GeoDataFrame,
    directory: str | Path,
    stem: str = "events",
    formats: Iterable[str] = EXPORT_FORMATS,
    layer: str = "events",
) -> dict[str, tuple[Path, Callable[[Path], None]]]:
    """{format: (target, write(path))}: what export_events writes, for callers that stage
    several files and commit them together (pipeline.write_outputs)."""
    directory = Path(directory)
    plain = _for_files(events)
    mapped = plain[plain.geometry.notna()]
    columns = [c for c in plain.columns if c != "geometry"]
    writers: dict[str, tuple[Path, Callable[[Path], None]]] = {}
    for fmt in formats:
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}; choose from {EXPORT_FORMATS}")
        target = directory / f"{stem}.{fmt}"
        if fmt == "csv":
            writers[fmt] = (target, lambda p: to_csv(plain[columns], p))
        elif fmt == "geojson":
            writers[fmt] = (
                target,
                lambda p: mapped.to_file(p, driver="GeoJSON", layer=layer, engine="pyogrio"),
            )
        else:
            writers[fmt] = (target, lambda p: _write_gpkg(mapped, p, layer))
    return writers


def export_events(
    events: gpd.GeoDataFrame,
    directory: str | Path,
    stem: str = "events",
    formats: Iterable[str] = EXPORT_FORMATS,
) -> dict[str, Path]:
    """ACLED-style CSV (ACLED's columns first, text cells safe to open in a spreadsheet),
    GeoJSON and GeoPackage; atomic writes."""
    return {
        fmt: write_atomic(target, write)
        for fmt, (target, write) in export_writers(events, directory, stem, formats, stem).items()
    }
