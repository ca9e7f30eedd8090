"""A run's outputs, assembled from the shards and the merge parts, written whole or not at all.

Everything goes to a staging folder first and is then moved into place entry by entry,
with ``manifest.json`` (inputs' hashes, versions, rules, counts, timings) written last:
a run folder whose manifest is there holds one complete, consistent output set.

- ``events/iso3=ISO3/month=YYYY-MM/part-0.parquet``: merged events, GeoParquet
  (``geopandas.read_parquet("runs/NAME/events")`` reads them back as one frame)
- ``event_sources.parquet``, ``candidate_links.parquet`` (streamed bucket by bucket, each
  bucket's rows sorted by event id: never all in memory), ``claims.parquet``,
  ``errors.parquet``, ``articles.parquet``
- ``daily_counts.parquet`` / ``.csv``: events and fatalities per day x country x admin1 x type
- ``events.csv`` (ACLED's columns first) and ``events.gpkg``; ``corpus_map.html``
"""

from __future__ import annotations

import io
import json
import os
import platform
import re
import shutil
import time
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from shapely.geometry import Point

from eventmap.corpus.merge_rows import LINK_COLUMNS, MERGED_COLUMNS, SOURCE_COLUMNS
from eventmap.corpus.tables import SHARD_TABLES, arrow_type, schema, to_arrow, write_table
from eventmap.spreadsheet import to_csv

COUNT_COLUMNS = ("event_date", "country", "admin1", "event_type", "events", "fatalities")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


def read_events(out: str | Path) -> gpd.GeoDataFrame:
    """A run's merged events as one GeoDataFrame, sorted by date and id."""
    frame = gpd.read_parquet(Path(out) / "events")
    for col in ("iso3", "month"):
        if col in frame.columns:
            frame = frame.drop(columns=col)
    return frame.sort_values(["event_date", "event_id"], kind="stable").reset_index(drop=True)


def write_outputs(
    out: Path, shard_keys: list[str], manifest: dict[str, Any], *, map_html: bool = True
) -> dict[str, Path]:
    staging = out / f".staging-{os.getpid()}-{time.monotonic_ns()}"
    staging.mkdir(parents=True)
    try:
        events = _concat_parts(out / "parts", "events.parquet", MERGED_COLUMNS)
        events = events.sort_values(["event_date", "event_id"], kind="stable")
        gdf = _geoframe(events.reset_index(drop=True))
        _write_geoparquet(gdf, staging / "events")
        n_sources = _stream_parts(
            out / "parts",
            "event_sources.parquet",
            SOURCE_COLUMNS,
            staging,
            ["event_id", "published", "article_id", "row"],
        )
        n_links = _stream_parts(
            out / "parts",
            "candidate_links.parquet",
            LINK_COLUMNS,
            staging,
            ["event_id_a", "event_id_b"],
        )
        for name in ("claims", "errors", "articles"):
            _stream_concat(out / "shards", shard_keys, name, staging / f"{name}.parquet")
        counts = daily_counts(events)
        write_table(to_arrow(counts, COUNT_COLUMNS), staging / "daily_counts.parquet")
        to_csv(counts, staging / "daily_counts.csv")
        _exports(gdf, staging)
        if map_html:
            from eventmap.corpus.corpus_map import corpus_map
            from eventmap.export import save_html

            n_articles = manifest.get("counts", {}).get("articles")
            save_html(
                corpus_map(gdf, title=manifest.get("title"), n_articles=n_articles),
                staging / "corpus_map.html",
            )
        manifest["counts"] |= {
            "events": len(events),
            "event_sources": n_sources,
            "candidate_links": n_links,
            "corroboration": events["corroboration"].value_counts().sort_index().to_dict(),
        }
        files = _swap_in(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return files


def write_manifest(out: Path, manifest: dict[str, Any]) -> Path:
    import dask
    import datasketch
    import geopandas
    import pyarrow

    import eventmap

    manifest = dict(manifest)
    manifest["versions"] = {
        "eventmap": eventmap.__version__,
        "python": platform.python_version(),
        "dask": dask.__version__,
        "pyarrow": pyarrow.__version__,
        "geopandas": geopandas.__version__,
        "pandas": pd.__version__,
        "datasketch": getattr(datasketch, "__version__", "?"),
    }
    from eventmap.corpus.shards import extraction_key

    manifest["versions"]["extraction_key"] = extraction_key()
    path = out / "manifest.json"
    tmp = out / f".manifest-{os.getpid()}.json"
    tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True, default=str), encoding="utf-8")
    os.replace(tmp, path)
    return path


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


# ----------------------------------------------------------------------------- helpers


def _concat_parts(parts: Path, name: str, columns: tuple[str, ...]) -> pd.DataFrame:
    tables = [pq.read_table(p) for p in sorted(parts.glob(f"bucket-*/{name}"))]
    if not tables:
        return to_arrow(pd.DataFrame(), columns).to_pandas()
    return pa.concat_tables(tables).to_pandas()


def _stream_parts(
    parts: Path, name: str, columns: tuple[str, ...], staging: Path, order: list[str]
) -> int:
    """One table from every bucket's part, bucket by bucket, each sorted by ``order``: one
    row per report is the biggest output, and it never sits in memory whole."""
    n = 0
    with pq.ParquetWriter(staging / name, schema(columns), compression="zstd") as writer:
        for path in sorted(parts.glob(f"bucket-*/{name}")):
            t = pq.read_table(path).cast(schema(columns))
            if t.num_rows:
                writer.write_table(t.sort_by([(c, "ascending") for c in order]))
                n += t.num_rows
    return n


def _stream_concat(shards: Path, keys: list[str], name: str, target: Path) -> None:
    """One table from every shard's, appended shard by shard (never all in memory)."""
    with pq.ParquetWriter(target, schema(SHARD_TABLES[name]), compression="zstd") as writer:
        for key in keys:
            t = pq.read_table(shards / key / f"{name}.parquet")
            if t.num_rows:
                writer.write_table(t)


def _geoframe(events: pd.DataFrame) -> gpd.GeoDataFrame:
    geometry = [
        Point(lon, lat) if pd.notna(lat) and pd.notna(lon) else None
        for lat, lon in zip(events["latitude"], events["longitude"], strict=True)
    ]
    return gpd.GeoDataFrame(events, geometry=geometry, crs="EPSG:4326")


def _write_geoparquet(gdf: gpd.GeoDataFrame, root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    if gdf.empty:
        _write_part(gdf, root / "iso3=XXX" / "month=0000-00")
        return
    country = gdf["event_id_cnty"].str.split("-").str[0]
    country = country.where(country.map(lambda c: bool(_ISO3.match(str(c)))), "XXX")
    month = gdf["event_date"].str[:7]
    month = month.where(month.map(lambda m: bool(_MONTH.match(str(m)))), "0000-00")
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


def _exports(gdf: gpd.GeoDataFrame, staging: Path) -> None:
    from eventmap.join import export_events

    plain = gdf.copy()
    plain["verified"] = plain["verified"].astype(object)
    export_events(plain, staging, stem="events", formats=("csv", "gpkg"))


def _swap_in(staging: Path, out: Path) -> dict[str, Path]:
    files = {}
    for entry in sorted(staging.iterdir()):
        target = out / entry.name
        old = out / f".old-{entry.name}-{os.getpid()}"
        if target.exists():
            os.replace(target, old)
        os.replace(entry, target)
        if old.is_dir():
            shutil.rmtree(old)
        elif old.exists():
            old.unlink()
        files[entry.name] = target
    return files
