"""A run's outputs, assembled from the shards and the merge parts, written whole or not at all.

Everything goes to a staging folder first and is then moved into place entry by entry,
with ``manifest.json`` (inputs' hashes, versions, rules, counts, timings) written last:
a run folder whose manifest is there holds one complete, consistent output set.

- ``events/iso3=ISO3/month=YYYY-MM/part-0.parquet``: merged events, GeoParquet
  (``geopandas.read_parquet("runs/NAME/events")`` reads them back as one frame), written
  a month at a time with the exports and counts (event_files.py)
- ``event_sources.parquet``, ``candidate_links.parquet`` (streamed bucket by bucket, each
  bucket's rows sorted by event id: never all in memory), ``claims.parquet``,
  ``errors.parquet``, ``articles.parquet``
- ``daily_counts.parquet`` / ``.csv``: events and fatalities per day x country x admin1 x type
- ``events.csv`` (ACLED's columns first) and ``events.gpkg``; ``corpus_map.html``
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import time
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyarrow.parquet as pq

from eventmap.corpus.event_files import EventFiles, MergedEvents, geoframe
from eventmap.corpus.merge_rows import LINK_COLUMNS, SOURCE_COLUMNS
from eventmap.corpus.tables import SHARD_TABLES, schema


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
    """Every output from the parts and shards; the merged events a month at a time
    (event_files.py), the tables with a row per report bucket by bucket or shard by shard:
    what this holds does not grow with the corpus."""
    staging = out / f".staging-{os.getpid()}-{time.monotonic_ns()}"
    staging.mkdir(parents=True)
    try:
        merged = MergedEvents(out / "parts")
        files = EventFiles(staging)
        try:
            for month in merged.chunks():
                files.add(month)
        finally:
            files.close()
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
        if map_html:
            from eventmap.corpus.corpus_map import WEEK_COLUMNS, corpus_map
            from eventmap.export import save_html

            n_articles = manifest.get("counts", {}).get("articles")
            save_html(
                corpus_map(
                    geoframe(files.map_events()),
                    title=manifest.get("title"),
                    n_articles=n_articles,
                    n_events=files.n,
                    all_events=lambda: merged.chunks(WEEK_COLUMNS),
                ),
                staging / "corpus_map.html",
            )
        manifest["counts"] |= {
            "events": files.n,
            "event_sources": n_sources,
            "candidate_links": n_links,
            "corroboration": dict(sorted(files.corroboration.items())),
        }
        written = _swap_in(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


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


# ----------------------------------------------------------------------------- helpers


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
