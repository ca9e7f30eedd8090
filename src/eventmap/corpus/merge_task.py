"""Stage B's task: one bucket of areas read from every shard, merged, written as parts.

Events are bucketed in stage A by a hash of (country, admin1), so each task holds only
its areas' event mentions (memory follows the bucket, not the corpus), and every area
with all its days sits in one task.
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from eventmap.corpus.merge import merge_events
from eventmap.corpus.merge_rows import LINK_COLUMNS, MERGED_COLUMNS, SOURCE_COLUMNS
from eventmap.corpus.rules import DEFAULT_RULES, MergeRules
from eventmap.corpus.tables import SHARD_EVENT_COLUMNS, to_arrow, write_folder, write_table

MERGE_INPUT = tuple(c for c in SHARD_EVENT_COLUMNS)


def read_bucket(shards_dir: Path, shard_keys: list[str], bucket: int) -> pd.DataFrame:
    tables = []
    for key in shard_keys:
        path = shards_dir / key / "events.parquet"
        t = pq.read_table(path, filters=[("bucket", "=", bucket)])
        if t.num_rows:
            tables.append(t)
    if not tables:
        return to_arrow(pd.DataFrame(), MERGE_INPUT).to_pandas()
    return pa.concat_tables(tables).to_pandas()


def prior_ids(prior: str | None, bucket: int) -> dict[str, str]:
    """Mention key -> event id from the previous run's event_sources (stable ids)."""
    if not prior or not Path(prior).exists():
        return {}
    try:
        t = pq.read_table(
            prior, columns=["event_id", "article_id", "row"], filters=[("bucket", "=", bucket)]
        ).to_pandas()
    except (OSError, pa.ArrowInvalid):
        return {}  # a damaged previous output is not trusted: ids are made afresh
    keys = t["article_id"].astype(str) + "#" + t["row"].astype(str)
    return dict(zip(keys, t["event_id"], strict=True))


def run_bucket(
    bucket: int,
    shards_dir: str,
    shard_keys: list[str],
    parts_dir: str,
    prior: str | None = None,
    rules: MergeRules = DEFAULT_RULES,
) -> dict:
    t0 = time.perf_counter()
    mentions = read_bucket(Path(shards_dir), shard_keys, bucket)
    result = merge_events(mentions, prior_ids(prior, bucket), rules)

    def fill(tmp: Path) -> None:
        write_table(to_arrow(result.events, MERGED_COLUMNS), tmp / "events.parquet")
        write_table(to_arrow(result.sources, SOURCE_COLUMNS), tmp / "event_sources.parquet")
        write_table(to_arrow(result.links, LINK_COLUMNS), tmp / "candidate_links.parquet")

    write_folder(Path(parts_dir) / f"bucket-{bucket:03d}", fill)
    return result.stats | {"bucket": bucket, "seconds": round(time.perf_counter() - t0, 3)}
