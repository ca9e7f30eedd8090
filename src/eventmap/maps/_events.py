"""Turn an events table into what the map draws: mapped rows, coordinates, day numbers.

Done once, column-wise, so that a 100k-event map spends its time in the browser and
not in per-row Python. Missing columns are tolerated (filled with None): the events
stage may lag behind the schema, and a map with fewer details beats no map.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from eventmap.schema import EVENT_COLUMNS

EPOCH = np.datetime64("1970-01-01", "D")


@dataclass(frozen=True)
class PreparedEvents:
    """Mapped events (non-null point geometry) with helper columns.

    Helper columns: ``_lat``, ``_lon`` (float), ``_start``/``_end`` (days since
    1970-01-01 as float, NaN when undated) and ``_prec`` (1-3).
    """

    frame: pd.DataFrame
    n_input: int

    @property
    def n(self) -> int:
        return len(self.frame)

    @property
    def dated(self) -> bool:
        return bool(self.frame["_start"].notna().any()) if self.n else False

    def day_range(self) -> tuple[int, int] | None:
        if not self.dated:
            return None
        return int(self.frame["_start"].min()), int(self.frame["_end"].max())


def prepare_events(events: pd.DataFrame | None) -> PreparedEvents:
    if events is None:
        return PreparedEvents(_empty(), 0)
    n_input = len(events)
    frame = pd.DataFrame(events).copy() if not hasattr(events, "geometry") else events.copy()
    lat, lon = _coordinates(events)
    frame = pd.DataFrame({c: frame[c] for c in frame.columns if c != "geometry"})
    for column in EVENT_COLUMNS:
        if column not in frame.columns:
            frame[column] = None
    frame["_lat"] = lat
    frame["_lon"] = lon
    ok = np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
    frame = frame.loc[ok].reset_index(drop=True)
    start = _days(frame["date_start"])
    event_day = _days(frame["event_date"])
    end = _days(frame["date_end"])
    start = np.where(np.isnan(start), event_day, start)
    end = np.where(np.isnan(end), np.where(np.isnan(event_day), start, event_day), end)
    end = np.where(np.isnan(end), start, end)
    frame["_start"] = np.fmin(start, end)
    frame["_end"] = np.fmax(start, end)
    prec = pd.to_numeric(frame["geo_precision"], errors="coerce")
    frame["_prec"] = prec.where(prec.isin([1, 2, 3]), 3).astype(int)
    return PreparedEvents(frame, n_input)


def day_label(day: float | int | None) -> str | None:
    if day is None or (isinstance(day, float) and np.isnan(day)):
        return None
    return str(EPOCH + np.timedelta64(int(day), "D"))


def _empty() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in EVENT_COLUMNS})
    for column in ("_lat", "_lon", "_start", "_end"):
        frame[column] = pd.Series(dtype=float)
    frame["_prec"] = pd.Series(dtype=int)
    return frame


def _coordinates(events: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Point coordinates from the geometry, else from latitude/longitude columns."""
    n = len(events)
    geometry = getattr(events, "geometry", None) if "geometry" in events.columns else None
    if geometry is not None:
        geometry = (
            geometry.to_crs(4326) if geometry.crs and geometry.crs.to_epsg() != 4326 else geometry
        )
        valid = geometry.notna().to_numpy() & ~geometry.is_empty.to_numpy()
        lat = np.full(n, np.nan)
        lon = np.full(n, np.nan)
        if valid.any():
            points = geometry[valid]
            not_point = (points.geom_type != "Point").to_numpy()
            if not_point.any():
                points = points.copy()
                points[not_point] = points[not_point].representative_point()
            lon[valid] = points.x.to_numpy()
            lat[valid] = points.y.to_numpy()
        return lat, lon
    if {"latitude", "longitude"} <= set(events.columns):
        lat = pd.to_numeric(events["latitude"], errors="coerce").to_numpy(dtype=float)
        lon = pd.to_numeric(events["longitude"], errors="coerce").to_numpy(dtype=float)
        return lat, lon
    return np.full(n, np.nan), np.full(n, np.nan)


def _days(series: pd.Series) -> np.ndarray:
    """Days since 1970-01-01 as floats (NaN when missing or unparseable)."""
    if len(series) == 0:
        return np.array([], dtype=float)
    if pd.api.types.is_datetime64_any_dtype(series):
        parsed = series
    else:
        values = series.where(series.notna(), None)
        try:
            parsed = pd.to_datetime(values, errors="coerce", format="ISO8601")
        except (ValueError, TypeError):
            parsed = pd.to_datetime(values, errors="coerce", format="mixed")
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_convert(None)
    days = parsed.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    out = (days - EPOCH).astype("timedelta64[D]").astype(float)
    out[np.isnat(days)] = np.nan
    return out
