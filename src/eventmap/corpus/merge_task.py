"""Stage B's task: one bucket of areas read from every shard, merged block by block, written.

Events are bucketed in stage A by a hash of (country, admin1), so every area with all its
days sits in one task. The task takes the bucket-wide decisions from a few columns of its
mentions (merge_windows.bucket_index: a few numbers per mention), then merges one block of
area x week at a time, reading each window of weeks (and its day of overlap) from the
shards as the merge reaches it (merge_windows.py); each block's rows are appended to the
bucket's Parquet files as soon as it is done. What a task holds is one window's mentions,
one block's pairs and rows, not the bucket's months.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from eventmap.corpus.merge import LIGHT_COLUMNS, sum_block_stats
from eventmap.corpus.merge_rows import LINK_COLUMNS, MERGED_COLUMNS, SOURCE_COLUMNS
from eventmap.corpus.merge_windows import THIN_COLUMNS, bucket_index, merge_windows
from eventmap.corpus.rules import DEFAULT_RULES, MergeRules
from eventmap.corpus.tables import SHARD_EVENT_COLUMNS, arrow_type, schema, to_arrow
from eventmap.outputs import write_folder

MERGE_INPUT = tuple(c for c in SHARD_EVENT_COLUMNS)
_KEYS = ["article_id", "row", "input_sha", "position"]  # one mention of one copy of an article
# every other column, read a block at a time (the signatures are read apart, for _prepare)
_HEAVY = [c for c in SHARD_EVENT_COLUMNS if c not in (*LIGHT_COLUMNS, "minhash")]


class BucketReader:
    """One bucket's mentions from every shard: its light columns at once, the rest a block
    at a time.

    Stage A writes each shard's events sorted by bucket, area and date in small row groups
    (tables.write_shard_table). The reader keeps, per shard, the statistics of the row
    groups that can hold this bucket (read once from the footers), and a block's read
    decodes only the row groups whose areas and days can hold the block's, straight from
    the Parquet files: a dataset scan per block re-read every shard's footer, so a bucket
    cost blocks x shards (quadratic in the corpus), and the scanner kept ~30 MB of buffers
    (measured on the biggest bucket of the 100,000-article synthetic run). The light frame
    is what pairing needs for the whole bucket (about a tenth of a full row: no quotes,
    notes, urls or titles)."""

    def __init__(self, shards_dir: Path, shard_keys: list[str], bucket: int) -> None:
        self.bucket = bucket
        self.groups: list[tuple[str, list[_RowGroup]]] = []
        for key in dict.fromkeys(shard_keys):
            path = str(shards_dir / key / "events.parquet")
            groups = [g for g in _row_groups(path) if g.may_hold_bucket(bucket)]
            if groups:
                self.groups.append((path, groups))

    def light(self) -> pd.DataFrame:
        """Shard by shard, only the row groups of this bucket (the whole bucket's light rows,
        as merge.merge_blocks reads them: tests compare the windows with it)."""
        return self._read(list(LIGHT_COLUMNS), lambda g: True, pc.field("bucket") == self.bucket)

    def thin(self) -> pd.DataFrame:
        """merge_windows.THIN_COLUMNS of the whole bucket, and whether each mention's report
        names people (``_named``; the names themselves are read only for those reports)."""
        tables = []
        expr = pc.field("bucket") == self.bucket
        for t in self._tables([*THIN_COLUMNS, "names"], lambda g: True, expr, trim=True):
            named = pc.fill_null(pc.greater(pc.utf8_length(t.column("names")), 0), False)
            tables.append(t.drop_columns(["names"]).append_column("_named", named))
        if not tables:
            return to_arrow(pd.DataFrame(), THIN_COLUMNS).to_pandas().assign(_named=False)
        table = pa.concat_tables(tables)
        tables.clear()
        return table.to_pandas(self_destruct=True, split_blocks=True)

    def articles(self, ids: list[str]) -> pd.DataFrame:
        """The light rows of these articles' mentions (every copy)."""
        expr = (pc.field("bucket") == self.bucket) & pc.field("article_id").isin(ids)
        return self._read(list(LIGHT_COLUMNS), lambda g: True, expr)

    def window(self, spans: list[tuple[Any, Any, str, str]]) -> pd.DataFrame:
        """The light rows of (country, admin1, first date, last date) spans (merge_windows)."""
        expr = (pc.field("bucket") == self.bucket) & _filter(spans)
        return self._read(list(LIGHT_COLUMNS), lambda g: g.may_hold_any(spans), expr)

    def rows(self, block: pd.DataFrame) -> pd.DataFrame:
        """The block's light rows (prepared, in merge order) with every other column."""
        if block.empty:
            return block.assign(**{c: pd.Series(dtype=object) for c in _HEAVY})
        spans = _spans(block)
        expr = (pc.field("bucket") == self.bucket) & _filter(spans)
        heavy = self._read([*_KEYS, *_HEAVY], lambda g: g.may_hold_any(spans), expr)
        joined = block.merge(heavy, on=_KEYS, how="left", validate="one_to_one")
        if len(joined) != len(block):
            raise RuntimeError("a block's rows were not found once each in the shards")
        return joined

    def signatures(self, kept: pd.DataFrame) -> dict[str, bytes | None]:
        """The MinHash signature of each article's kept copy (``kept``: ``article_id``,
        ``input_sha``, ``position``, as merge._prepare chose them), read shard by shard:
        only the signatures wanted are held, never the column of the whole bucket."""
        want = {
            a: _copy_key(s, p)
            for a, s, p in zip(kept["article_id"], kept["input_sha"], kept["position"], strict=True)
        }
        found: dict[str, bytes | None] = {}
        columns = ["article_id", "input_sha", "position", "minhash"]
        every = pc.field("bucket") == self.bucket
        for t in self._tables(columns, lambda g: True, every, trim=True):
            values = [t.column(c).to_pylist() for c in columns]
            for a, s, p, sig in zip(*values, strict=True):
                if want.get(a, False) == _copy_key(s, p):
                    found[a] = sig if isinstance(sig, bytes) else None
            del values, t
        return found

    def _read(self, columns: list[str], wanted: Callable, expr: pc.Expression) -> pd.DataFrame:
        """The rows matching ``expr`` of the wanted row groups, in shard and row order."""
        tables = list(self._tables(columns, wanted, expr))
        if not tables:
            return to_arrow(pd.DataFrame(), columns).to_pandas()
        table = pa.concat_tables(tables)
        tables.clear()
        return table.to_pandas(self_destruct=True, split_blocks=True)

    def _tables(
        self, columns: list[str], wanted: Callable, expr: pc.Expression, trim: bool = False
    ) -> Iterator:
        """Per shard, the Arrow table of the rows matching ``expr`` in the wanted row groups,
        with the shards' common schema (a column a shard lacks reads as empty). ``trim``:
        memory freed by each shard's read goes back to the system before the next (a read
        of the whole bucket: its decoded row groups left 32 MB in malloc's heap on the
        biggest bucket of the 100,000-article invented run, 18 MB trimmed)."""
        target = schema(columns)
        wide = [*columns, *(c for c in _FILTER_COLUMNS if c not in columns)]
        for path, groups in self.groups:
            picked = [g.index for g in groups if wanted(g)]
            if not picked:
                continue
            f = pq.ParquetFile(path)
            names = set(f.schema_arrow.names)
            have = [c for c in wide if c in names]
            t = f.read_row_groups(picked, columns=have, use_threads=False)
            t = _conform(t, wide).filter(expr).select(columns)
            if t.num_rows:
                yield t.cast(target)
            del t
            if trim:  # the shard's decoded row groups: their pages go back
                release_to_system()


def _copy_key(input_sha: object, position: object) -> tuple[object, object]:
    """One copy of an article, the same whether read from pandas (NaN) or Arrow (None)."""
    return _value(input_sha), None if _value(position) is None else int(position)


_FILTER_COLUMNS = ("bucket", "country", "admin1", "event_date")


def _conform(t: pa.Table, columns: list[str]) -> pa.Table:
    """``t`` with every one of ``columns`` (missing ones null), cast to their types."""
    names = set(t.column_names)
    arrays = [t.column(c) if c in names else pa.nulls(t.num_rows, arrow_type(c)) for c in columns]
    return pa.Table.from_arrays(arrays, names=columns).cast(schema(columns))


class _RowGroup:
    """A row group's index and the min/max (None: unknown) of the columns blocks select by."""

    def __init__(self, index: int, stats: dict[str, tuple[Any, Any, bool]]) -> None:
        self.index, self.stats = index, stats

    def _may(self, column: str, lo: Any, hi: Any = None) -> bool:
        """Can a value in [lo, hi] (None: null) be in this row group's column?"""
        hi = lo if hi is None else hi
        got = self.stats.get(column)
        if got is None:
            return True  # no statistics: it may hold anything
        vmin, vmax, nulls = got
        if lo is None:
            return nulls
        if vmin is None:
            return not nulls or vmax is not None
        return vmin <= hi and lo <= vmax

    def may_hold_bucket(self, bucket: int) -> bool:
        return self._may("bucket", bucket)

    def may_hold_any(self, spans: list[tuple[Any, Any, str, str]]) -> bool:
        return any(
            self._may("country", c) and self._may("admin1", a) and self._may("event_date", d0, d1)
            for c, a, d0, d1 in spans
        )


def _row_groups(path: str) -> list[_RowGroup]:
    meta = pq.read_metadata(path)
    names = [meta.schema.column(k).name for k in range(meta.num_columns)]
    where = {c: names.index(c) for c in _FILTER_COLUMNS if c in names}
    groups = []
    for i in range(meta.num_row_groups):
        rg = meta.row_group(i)
        stats: dict[str, tuple[Any, Any, bool]] = {}
        for column, k in where.items():
            st = rg.column(k).statistics
            if st is None or st.null_count is None:
                continue  # unknown: the column selects nothing here
            nulls = st.null_count > 0
            if st.has_min_max:
                stats[column] = (st.min, st.max, nulls)
            elif st.null_count == rg.num_rows:
                stats[column] = (None, None, True)
        groups.append(_RowGroup(i, stats))
    return groups


def _spans(block: pd.DataFrame) -> list[tuple[Any, Any, str, str]]:
    """Per area of the block, its first to last date as the shards have them (a
    follow-up's ``event_date`` may since be its incident's)."""
    spans = []
    for (country, admin1), g in block.groupby(["country", "admin1"], dropna=False):
        dates = g["_date_read"].astype(str)
        spans.append((_value(country), _value(admin1), dates.min(), dates.max()))
    return spans


def _filter(spans: list[tuple[Any, Any, str, str]]) -> pc.Expression:
    expr = None
    for country, admin1, first, last in spans:
        part = (
            _equal("country", country)
            & _equal("admin1", admin1)
            & (pc.field("event_date") >= first)
            & (pc.field("event_date") <= last)
        )
        expr = part if expr is None else expr | part
    return expr


def _value(value: object) -> object:
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value


def _equal(column: str, value: object) -> pc.Expression:
    if value is None:
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


def release_to_system() -> None:
    """Hand the C library's free memory back to the system (glibc's ``malloc_trim``; a no-op
    elsewhere). Arrow's reads and pandas' copies free their buffers into malloc's arenas,
    which keep them: without this a worker's memory after a big bucket stays at that
    bucket's high-water, and the next blocks' allocations land in fragments around it."""
    with contextlib.suppress(AttributeError):  # not glibc
        _LIBC.malloc_trim(0)


def _libc() -> Any:
    import ctypes
    import ctypes.util

    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None


_LIBC = _libc()


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
    index = bucket_index(reader, release_to_system)
    n_in = index.mentions_in
    release_to_system()  # the bucket-wide pass's frames are gone: its memory goes back
    blocks = merge_windows(index, reader.window, prior_ids(prior, bucket), rules, rows=reader.rows)
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
                del block, frames
                release_to_system()
        finally:
            for writer in writers.values():
                writer.close()

    write_folder(Path(parts_dir) / f"bucket-{bucket:03d}", fill)
    release_to_system()
    total = {"mentions_in": n_in} | sum_block_stats(stats)
    return total | {"bucket": bucket, "seconds": round(time.perf_counter() - t0, 3)}
