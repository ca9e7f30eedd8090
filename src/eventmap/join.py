"""Events joined to their places as GeoDataFrames, summaries per division, and file exports.

The last stage before maps: several articles' tables become one GeoDataFrame (EPSG:4326)
with the division attributes an analyst filters on (ISO 3166-2 code, capital, precision
label), and every export is written atomically so a failed run leaves the old file intact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

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


def _write_gpkg(frame: gpd.GeoDataFrame, path: Path, layer: str) -> None:
    """GeoPackage with a fixed timestamp, so the same events give the same bytes."""
    import pyogrio

    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": "2000-01-01T00:00:00.000Z"})
    try:
        frame.to_file(path, driver="GPKG", layer=layer, engine="pyogrio")
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
