"""A run's merged events to their files a month at a time, never all in memory.

Stage B leaves each bucket's events in ``parts/bucket-*/events.parquet``, written block by
block (a row group each, its dates' statistics in the footer). The outputs read them back
one month at a time across all buckets (the row groups of other months are skipped),
sorted by date and id, and append each month to every file that holds events: the
GeoParquet partitions (country x month: a month's partitions come from its one chunk),
the CSV and GeoPackage exports, the daily counts. The map gets a bounded summary: the
``MAP_EVENTS`` best-sourced events as markers, all events counted per admin1 x week (see
corpus_map.py). The month order makes the files the same as from one sorted frame.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq
from shapely.geometry import Point

from eventmap.corpus.merge_rows import MERGED_COLUMNS
from eventmap.corpus.tables import arrow_type, schema, to_arrow
from eventmap.spreadsheet import to_csv

COUNT_COLUMNS = ("event_date", "country", "admin1", "event_type", "events", "fatalities")
MAP_EVENTS = 10_000  # markers on the corpus map; beyond, the best-sourced (see corpus_map.py)
ORDER = ["event_date", "event_id"]
NO_MONTH = "0000-00"  # the partition of events whose date has no year and month
_ISO3 = re.compile(r"^[A-Z]{3}$")
_MONTH = re.compile(r"^[0-9]{4}-[0-9]{2}$")
_INT_COLUMNS = [c for c in MERGED_COLUMNS if arrow_type(c) == pa.int64()]
_MAP_RANK = ["n_articles", "n_sources", "fatalities", "event_date", "event_id"]


class MergedEvents:
    """The merged events of every bucket's part, read back month by month."""

    def __init__(self, parts: Path) -> None:
        files = [str(p) for p in sorted(parts.glob("bucket-*/events.parquet"))]
        self.dataset = ds.dataset(files, format="parquet", schema=schema(MERGED_COLUMNS))

    def months(self) -> list[str]:
        """The months there are events of, in order; NO_MONTH last if any date lacks one."""
        dates = self.dataset.to_table(columns=["event_date"]).column("event_date")
        prefixes = pc.unique(pc.utf8_slice_codeunits(dates, 0, 7)).to_pylist()
        months = sorted(p for p in prefixes if p is not None and _MONTH.match(p))
        return months + ([NO_MONTH] if len(months) < len(prefixes) else [])

    def chunks(self, columns: list[str] | None = None) -> Iterator[pd.DataFrame]:
        for month in self.months():
            yield self.month(month, columns)

    def month(self, month: str, columns: list[str] | None = None) -> pd.DataFrame:
        """One month's events sorted by date and id (NO_MONTH: those without a month)."""
        date = pc.field("event_date")
        if month == NO_MONTH:
            has_month = pc.match_substring_regex(date, pattern="^[0-9]{4}-[0-9]{2}")
            where = date.is_null() | ~has_month
        else:  # every date starting with the month, and only those
            where = (date >= month) & (date < month[:-1] + chr(ord(month[-1]) + 1))
        table = self.dataset.to_table(columns=columns, filter=where)
        frame = table.to_pandas(self_destruct=True)
        if month == NO_MONTH and len(frame):
            frame = frame[~frame["event_date"].fillna("").str[:7].str.match(_MONTH.pattern)]
        order = [c for c in ORDER if c in frame.columns]
        return frame.sort_values(order, kind="stable", na_position="last").reset_index(drop=True)


class EventFiles:
    """Appends each month's events to the run's event files in ``staging``."""

    def __init__(self, staging: Path) -> None:
        self.staging = staging
        self.root = staging / "events"
        self.root.mkdir(parents=True)
        self.n = 0
        self.corroboration: Counter[str] = Counter()
        self.top = pd.DataFrame()  # the best-sourced events so far, at most MAP_EVENTS
        self._counts = pq.ParquetWriter(
            staging / "daily_counts.parquet", schema(COUNT_COLUMNS), compression="zstd"
        )

    def add(self, events: pd.DataFrame) -> None:
        """One month's events (sorted, as MergedEvents.month gives them)."""
        if events.empty:
            return
        first = self.n == 0
        gdf = geoframe(events)
        write_geoparquet(gdf, self.root)
        plain = _for_exports(gdf)
        to_csv(
            plain.drop(columns="geometry"),
            self.staging / "events.csv",
            header=first,
            mode="w" if first else "a",
        )
        _append_gpkg(plain[plain.geometry.notna()], self.staging / "events.gpkg", first)
        counts = daily_counts(events)
        self._counts.write_table(to_arrow(counts, COUNT_COLUMNS))
        to_csv(counts, self.staging / "daily_counts.csv", header=first, mode="w" if first else "a")
        self.n += len(events)
        self.corroboration.update(events["corroboration"].dropna())
        self.top = best_sourced(pd.concat([self.top, events]) if len(self.top) else events)

    def close(self) -> None:
        self._counts.close()
        if self.n == 0:  # empty files of the right shape, as from an empty frame
            empty = to_arrow(pd.DataFrame(), MERGED_COLUMNS).to_pandas()
            _write_part(geoframe(empty), self.root / "iso3=XXX" / f"month={NO_MONTH}")
            plain = _for_exports(geoframe(empty))
            to_csv(plain.drop(columns="geometry"), self.staging / "events.csv")
            _append_gpkg(plain, self.staging / "events.gpkg", True)
            to_csv(pd.DataFrame(columns=list(COUNT_COLUMNS)), self.staging / "daily_counts.csv")

    def map_events(self) -> pd.DataFrame:
        """The markers' events, in date order."""
        return self.top.sort_values(ORDER, kind="stable").reset_index(drop=True)


def best_sourced(events: pd.DataFrame, n: int = MAP_EVENTS) -> pd.DataFrame:
    """The ``n`` events most worth a marker: most articles, then independent sources, dead,
    the latest, the smallest id (a total order: the choice does not depend on chunking)."""
    if len(events) <= n:
        return events
    rank = events.sort_values(
        _MAP_RANK, ascending=[False, False, False, False, True], kind="stable", na_position="last"
    )
    return rank.head(n)


def daily_counts(events: pd.DataFrame) -> pd.DataFrame:
    if events.empty:
        return pd.DataFrame(columns=list(COUNT_COLUMNS))
    frame = events.assign(
        country=events["country"].fillna(""),
        admin1=events["admin1"].fillna(""),
        fatalities=pd.to_numeric(events["fatalities"], errors="coerce").fillna(0),
    )
    g = frame.groupby(["event_date", "country", "admin1", "event_type"], sort=True)
    counts = g.agg(events=("event_id", "count"), fatalities=("fatalities", "sum")).reset_index()
    counts["fatalities"] = counts["fatalities"].astype(int)
    return counts[list(COUNT_COLUMNS)]


def geoframe(events: pd.DataFrame) -> gpd.GeoDataFrame:
    geometry = [
        Point(lon, lat) if pd.notna(lat) and pd.notna(lon) else None
        for lat, lon in zip(events["latitude"], events["longitude"], strict=True)
    ]
    return gpd.GeoDataFrame(events, geometry=geometry, crs="EPSG:4326")


def write_geoparquet(gdf: gpd.GeoDataFrame, root: Path) -> None:
    """One file per country (the event id's ISO3) x month; ``root`` must not hold them yet."""
    root.mkdir(parents=True, exist_ok=True)
    if gdf.empty:
        _write_part(gdf, root / "iso3=XXX" / f"month={NO_MONTH}")
        return
    country = gdf["event_id_cnty"].str.split("-").str[0]
    country = country.where(country.map(lambda c: bool(_ISO3.match(str(c)))), "XXX")
    month = gdf["event_date"].str[:7]
    month = month.where(month.map(lambda m: bool(_MONTH.match(str(m)))), NO_MONTH)
    for (c, mo), idx in gdf.groupby([country, month], sort=True).groups.items():
        _write_part(gdf.loc[idx].reset_index(drop=True), root / f"iso3={c}" / f"month={mo}")


def _write_part(part: gpd.GeoDataFrame, folder: Path) -> None:
    """One GeoParquet file, cast to the events schema so that every partition agrees
    (a column that is empty in one month must not become Arrow's 'null' type there)."""
    folder.mkdir(parents=True)
    buffer = io.BytesIO()  # geopandas writes the GeoParquet metadata; the cast keeps it
    part[[*MERGED_COLUMNS, "geometry"]].to_parquet(buffer, index=False)
    table = pq.read_table(pa.BufferReader(buffer.getvalue()))
    fields = [
        pa.field(f.name, arrow_type(f.name)) if f.name in MERGED_COLUMNS else f
        for f in table.schema
    ]
    table = table.cast(pa.schema(fields, metadata=table.schema.metadata))
    pq.write_table(table, folder / "part-0.parquet", compression="zstd")


def _for_exports(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Column types fixed whatever a month holds (a whole number column with a gap would
    turn float in one month only), so that appended months agree in both exports."""
    from eventmap.join import _for_files

    plain = gdf[[*MERGED_COLUMNS, "geometry"]].copy()
    plain["verified"] = plain["verified"].astype(object)
    for col in _INT_COLUMNS:
        plain[col] = pd.to_numeric(plain[col], errors="coerce").astype("Int64")
    return _for_files(plain)


def _append_gpkg(frame: gpd.GeoDataFrame, path: Path, first: bool) -> None:
    from eventmap.join import _write_gpkg

    _write_gpkg(frame, path, "events", append=not first)
