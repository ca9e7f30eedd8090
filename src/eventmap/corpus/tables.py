"""Column types of every corpus table, so that shards written apart read back as one table.

pandas infers a column of Nones as 'null' in one shard and 'string' in the next; Parquet
files with different schemas then refuse to concatenate. Every table is cast to the
schema here before it is written.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from eventmap.schema import CLAIM_COLUMNS, EVENT_COLUMNS, MENTION_COLUMNS

INT_COLUMNS = frozenset(
    {
        "year",
        "time_precision",
        "inter1",
        "inter2",
        "interaction",
        "iso",
        "geo_precision",
        "fatalities",
        "geonameid",
        "location_start",
        "location_end",
        "fatalities_low",
        "fatalities_high",
        "quote_start",
        "quote_end",
        "start",
        "end",
        "quantity_low",
        "quantity_high",
        "position",
        "bucket",
        "row",
        "n_chars",
        "n_events",
        "n_sources",
        "n_articles",
        "n_outlets",
        "events",
        "input_index",
    }
)
FLOAT_COLUMNS = frozenset({"latitude", "longitude", "confidence"})
BOOL_COLUMNS = frozenset({"verified", "resolved", "party"})
BINARY_COLUMNS = frozenset({"minhash"})

# What stage A adds to each extracted event row (see extract.py).
EVENT_EXTRA = (
    "admin1_iso",
    "published",
    "outlet",
    "url",
    "title",
    "input_sha",
    "position",
    "row",
    "bucket",
    "text_sha",
    "minhash",
    "names",
)
SHARD_EVENT_COLUMNS = (*EVENT_COLUMNS, *EVENT_EXTRA)
ARTICLE_COLUMNS = (
    "article_id",
    "input_sha",
    "position",
    "title",
    "outlet",
    "url",
    "published",
    "n_chars",
    "n_events",
    "text_sha",
)
ERROR_COLUMNS = ("input", "input_sha", "position", "article_id", "error")
SHARD_TABLES = {
    "events": SHARD_EVENT_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "claims": CLAIM_COLUMNS,
    "articles": ARTICLE_COLUMNS,
    "errors": ERROR_COLUMNS,
}


def arrow_type(column: str) -> pa.DataType:
    if column in INT_COLUMNS:
        return pa.int64()
    if column in FLOAT_COLUMNS:
        return pa.float64()
    if column in BOOL_COLUMNS:
        return pa.bool_()
    if column in BINARY_COLUMNS:
        return pa.binary()
    return pa.string()


def schema(columns: tuple[str, ...] | list[str]) -> pa.Schema:
    return pa.schema([pa.field(c, arrow_type(c)) for c in columns])


def to_arrow(frame: pd.DataFrame, columns: tuple[str, ...] | list[str]) -> pa.Table:
    """The frame with exactly these columns (missing ones empty), cast to their types."""
    arrays = []
    n = len(frame)
    for c in columns:
        t = arrow_type(c)
        if c not in frame.columns:
            arrays.append(pa.nulls(n, t))
            continue
        arrays.append(_column(frame[c], t))
    return pa.Table.from_arrays(arrays, schema=schema(columns))


def _column(values: pd.Series, t: pa.DataType) -> pa.Array:
    """Fast path: Arrow converts the column itself; the slow path fixes odd values."""
    if t == pa.int64():
        return pa.array(pd.to_numeric(values, errors="coerce").astype("Int64"), type=t)
    if t == pa.float64():
        return pa.array(pd.to_numeric(values, errors="coerce").astype("float64"), type=t)
    try:
        return pa.array(values.astype(object), type=t, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError):
        pass
    if t == pa.string():
        fixed = [None if _missing(v) else str(v) for v in values]
    elif t == pa.bool_():
        fixed = [None if _missing(v) else bool(v) for v in values]
    else:
        fixed = [None if _missing(v) else bytes(v) for v in values]
    return pa.array(fixed, type=t)


# The one Python type a column of each Arrow type holds when it comes straight from the
# extractor (or None). See rows_to_arrow.
_PLAIN_TYPE: dict[pa.DataType, type] = {
    pa.int64(): int,
    pa.float64(): float,
    pa.bool_(): bool,
    pa.binary(): bytes,
    pa.string(): str,
}
_EXACT_INT = 1 << 53  # pandas holds an int column with a None as float64: exact below this


def rows_to_arrow(rows: list[dict], columns: tuple[str, ...] | list[str]) -> pa.Table:
    """``to_arrow(pd.DataFrame(rows, columns=columns), columns)``, built from the rows.

    A shard's write was mostly that DataFrame and its per-column pandas conversions. When
    every value of every column is None or of its column's plain type (an int in an int
    column, a str in a string column...), Arrow converts the lists directly, to the same
    values; any other value (a numeric string, a numpy scalar, a date) sends the whole
    table through pandas, whose coercions stay the reference."""
    arrays = []
    for c in columns:
        t = arrow_type(c)
        plain = _PLAIN_TYPE[t]
        values = [r.get(c) for r in rows]
        if not all(v is None or v.__class__ is plain for v in values):
            converted = _ints_as_pandas_strings(values) if plain is str else None
            if converted is None:
                return to_arrow(pd.DataFrame(rows, columns=list(columns)), columns)
            values = converted
        if plain is int and None in values and any(abs(v) >= _EXACT_INT for v in values if v):
            return to_arrow(pd.DataFrame(rows, columns=list(columns)), columns)
        try:
            arrays.append(pa.array(values, type=t, from_pandas=True))  # NaN is null, as there
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError, TypeError, ValueError):
            return to_arrow(pd.DataFrame(rows, columns=list(columns)), columns)
    return pa.Table.from_arrays(arrays, schema=schema(columns))


def _ints_as_pandas_strings(values: list) -> list | None:
    """A string column holding ints ('wounded') as to_arrow writes it: pandas' str() of
    each value, and pandas holds ints alone as int64 ('3'), ints with a None as float64
    ('3.0'), ints among strings as objects ('3'). None for any other mix."""
    kinds = {v.__class__ for v in values}
    if not kinds <= {int, str, type(None)}:
        return None
    if str in kinds or type(None) not in kinds:
        return [None if v is None else str(v) for v in values]
    if any(abs(v) >= _EXACT_INT for v in values if v is not None):
        return None
    return [None if v is None else str(float(v)) for v in values]


def _missing(v: object) -> bool:
    if v is None:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


# Stage A's events in the order stage B reads them: by bucket, area and date, in row groups
# small enough that a block's read (one bucket's areas over some days) skips most of a
# shard by the row groups' statistics (merge_task.BucketReader).
EVENT_ORDER = ["bucket", "country", "admin1", "event_date", "article_id", "row"]
EVENT_ROW_GROUP = 256


def write_shard_table(name: str, rows: list[dict], path: Path) -> Path:
    """One of a shard's tables (SHARD_TABLES) from its rows; events in EVENT_ORDER."""
    columns = SHARD_TABLES[name]
    if name != "events":
        return write_table(rows_to_arrow(rows, columns), path)
    table = rows_to_arrow(rows, columns).sort_by([(c, "ascending") for c in EVENT_ORDER])
    return write_table(table, path, row_group_size=EVENT_ROW_GROUP)


def write_table(table: pa.Table, path: Path, row_group_size: int | None = None) -> Path:
    """Deterministic Parquet (no timestamps in the file): same rows give the same bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(
        table, path, compression="zstd", write_statistics=True, row_group_size=row_group_size
    )
    return path


def read_table(path: Path, columns: list[str] | None = None, filters=None) -> pd.DataFrame:
    return pq.read_table(path, columns=columns, filters=filters).to_pandas()
