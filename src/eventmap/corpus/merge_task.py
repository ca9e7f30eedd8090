"""Stage B's task: one bucket of areas read from every shard, merged block by block, written.

Events are bucketed in stage A by a hash of (country, admin1), so each task holds only its
areas' event mentions, and every area with all its days sits in one task. The merge goes
one block of area x week at a time (merge.py) and each block's rows are appended to the
bucket's Parquet files as soon as it is done: what a task holds beyond the bucket's
mentions is one block's pairs and rows.
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from eventmap.corpus.merge import LIGHT_COLUMNS, merge_blocks, sum_block_stats
from eventmap.corpus.merge_rows import LINK_COLUMNS, MERGED_COLUMNS, SOURCE_COLUMNS
from eventmap.corpus.rules import DEFAULT_RULES, MergeRules
from eventmap.corpus.tables import SHARD_EVENT_COLUMNS, schema, to_arrow
from eventmap.outputs import write_folder

MERGE_INPUT = tuple(c for c in SHARD_EVENT_COLUMNS)
_KEYS = ["article_id", "row", "input_sha", "position"]  # one mention of one copy of an article
_HEAVY = [c for c in SHARD_EVENT_COLUMNS if c not in LIGHT_COLUMNS]


class BucketReader:
    """One bucket's mentions from every shard: its light columns at once, the rest a block
    at a time.

    Stage A writes each shard's events sorted by bucket, area and date in small row groups
    (tables.write_shard_table), so a block's read decodes only the row groups whose
    statistics can hold its areas and days. The light frame is what pairing needs for the
    whole bucket (about a tenth of a full row: no quotes, notes, urls or titles)."""

    def __init__(self, shards_dir: Path, shard_keys: list[str], bucket: int) -> None:
        paths = [str(shards_dir / key / "events.parquet") for key in dict.fromkeys(shard_keys)]
        self.dataset = ds.dataset(paths, format="parquet", schema=schema(SHARD_EVENT_COLUMNS))
        self.bucket = bucket

    def light(self) -> pd.DataFrame:
        """Shard by shard (a scan of all shards at once buffered several files' columns)."""
        tables = []
        for fragment in self.dataset.get_fragments():
            t = fragment.to_table(
                schema=self.dataset.schema,  # a column a shard lacks reads as empty
                columns=list(LIGHT_COLUMNS),
                filter=pc.field("bucket") == self.bucket,
                use_threads=False,
            )
            if t.num_rows:
                tables.append(t)
        if not tables:
            return to_arrow(pd.DataFrame(), LIGHT_COLUMNS).to_pandas()
        table = pa.concat_tables(tables)
        tables.clear()
        return table.to_pandas(self_destruct=True, split_blocks=True)

    def rows(self, block: pd.DataFrame) -> pd.DataFrame:
        """The block's light rows (prepared, in merge order) with every other column."""
        if block.empty:
            return block.assign(**{c: pd.Series(dtype=object) for c in _HEAVY})
        table = self.dataset.to_table(columns=[*_KEYS, *_HEAVY], filter=self._filter(block))
        heavy = table.to_pandas(self_destruct=True, split_blocks=True)
        joined = block.merge(heavy, on=_KEYS, how="left", validate="one_to_one")
        if len(joined) != len(block):
            raise RuntimeError("a block's rows were not found once each in the shards")
        return joined

    def _filter(self, block: pd.DataFrame) -> pc.Expression:
        """This bucket, and per area of the block, its first to last date as the shards
        have them (a follow-up's ``event_date`` may since be its incident's)."""
        expr = None
        for (country, admin1), g in block.groupby(["country", "admin1"], dropna=False):
            dates = g["_date_read"].astype(str)
            part = (
                _equal("country", country)
                & _equal("admin1", admin1)
                & (pc.field("event_date") >= dates.min())
                & (pc.field("event_date") <= dates.max())
            )
            expr = part if expr is None else expr | part
        return (pc.field("bucket") == self.bucket) & expr


def _equal(column: str, value: object) -> pc.Expression:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return pc.field(column).is_null()
    return pc.field(column) == value


def read_bucket(shards_dir: Path, shard_keys: list[str], bucket: int) -> pd.DataFrame:
    """A bucket's mentions whole, every column (tests compare the block reads with it)."""
    tables = []
    for key in dict.fromkeys(shard_keys):
        path = shards_dir / key / "events.parquet"
        t = pq.read_table(path, filters=[("bucket", "=", bucket)])
        if t.num_rows:
            tables.append(t)
    if not tables:
        return to_arrow(pd.DataFrame(), MERGE_INPUT).to_pandas()
    table = pa.concat_tables(tables)
    tables.clear()  # the Arrow buffers go as their columns become pandas ones
    return table.to_pandas(self_destruct=True, split_blocks=True)


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


def release_freed_memory() -> None:
    """Arrow's allocations from here on come from the C library's malloc, not mimalloc: a
    bucket is read from many shard files and converted to pandas, and mimalloc keeps what is
    freed for reuse. Measured on the biggest bucket of the 100,000-article synthetic run
    (22,139 mentions), the task's memory high-water above the worker's base: 212 MB with
    mimalloc, 166 MB with malloc. Same data either way."""
    if pa.default_memory_pool().backend_name != "system":
        pa.set_memory_pool(pa.system_memory_pool())


def run_bucket(
    bucket: int,
    shards_dir: str,
    shard_keys: list[str],
    parts_dir: str,
    prior: str | None = None,
    rules: MergeRules = DEFAULT_RULES,
) -> dict:
    t0 = time.perf_counter()
    release_freed_memory()
    reader = BucketReader(Path(shards_dir), shard_keys, bucket)
    mentions = reader.light()
    n_in = len(mentions)
    blocks = merge_blocks(mentions, prior_ids(prior, bucket), rules, rows=reader.rows)
    del mentions  # merge_blocks keeps its prepared copy only
    stats: list[dict] = []
    tables = (
        ("events", MERGED_COLUMNS),
        ("event_sources", SOURCE_COLUMNS),
        ("candidate_links", LINK_COLUMNS),
    )

    def fill(tmp: Path) -> None:
        writers = {
            name: pq.ParquetWriter(tmp / f"{name}.parquet", schema(cols), compression="zstd")
            for name, cols in tables
        }
        try:
            for block in blocks:
                frames = (block.events, block.sources, block.links)
                for (name, cols), frame in zip(tables, frames, strict=True):
                    if len(frame):
                        writers[name].write_table(to_arrow(frame, cols))
                stats.append(block.stats)
        finally:
            for writer in writers.values():
                writer.close()

    write_folder(Path(parts_dir) / f"bucket-{bucket:03d}", fill)
    total = {"mentions_in": n_in} | sum_block_stats(stats)
    return total | {"bucket": bucket, "seconds": round(time.perf_counter() - t0, 3)}
