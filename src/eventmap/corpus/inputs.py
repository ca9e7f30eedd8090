"""Corpus inputs: folders of .txt + sidecars, JSON Lines (plain or gzip), Parquet.

Each input is hashed whole (so a run knows when an input changed) and read by record
range, so a shard task opens only the slice it owns and never holds the corpus. A record
that cannot become an article is returned as a ``BadRecord`` (it becomes a row of the
errors table), never raised: one bad article must not fail a run of thousands.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventmap.article import Article, article_from_text, load_article
from eventmap.errors import ArticleError, EventmapError
from eventmap.outputs import sha256_file

FIELDS = ("id", "text", "title", "outlet", "url", "published")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
KINDS = ("txt", "jsonl", "parquet")


@dataclass(frozen=True)
class InputSource:
    """One input as given on the command line: its kind, content hash and record count."""

    path: str
    kind: str
    sha256: str
    records: int


@dataclass(frozen=True)
class BadRecord:
    """A record that could not be read as an article (kept as an errors-table row)."""

    position: int
    article_id: str | None
    error: str


def kind_of(path: Path) -> str:
    if path.is_dir():
        return "txt"
    name = path.name.lower()
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")):
        return "jsonl"
    if name.endswith((".parquet", ".pq")):
        return "parquet"
    if name.endswith(".txt"):
        raise EventmapError(f"{path}: pass the folder that holds the .txt articles, not one file")
    raise EventmapError(
        f"{path}: unknown input kind; give a folder of .txt articles, .jsonl(.gz) or .parquet"
    )


def discover(paths: Sequence[str | Path]) -> list[InputSource]:
    """Check, hash and count every input (sorted folder listings, so runs are reproducible)."""
    sources = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise EventmapError(f"{path}: no such file or folder")
        kind = kind_of(path)
        if kind == "txt":
            files = txt_files(path)
            if not files:
                raise EventmapError(f"{path}: no .txt articles in this folder")
            digest = hashlib.sha256()
            for f in files:
                digest.update(f.name.encode() + b"\0" + sha256_file(f).encode())
                side = f.with_name(f.stem + ".meta.json")
                if side.exists():
                    digest.update(b"meta\0" + sha256_file(side).encode())
            sources.append(InputSource(str(path), kind, digest.hexdigest(), len(files)))
        elif kind == "jsonl":
            n = sum(1 for _ in _lines(path))
            sources.append(InputSource(str(path), kind, sha256_file(path), n))
        else:
            import pyarrow.parquet as pq

            try:
                n = pq.ParquetFile(path).metadata.num_rows
            except Exception as exc:  # pyarrow raises several types for damaged files
                raise EventmapError(f"{path}: not a readable Parquet file ({exc})") from exc
            sources.append(InputSource(str(path), kind, sha256_file(path), n))
    return sources


def txt_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.txt") if p.is_file())


def read_range(source: InputSource, start: int, stop: int) -> Iterator[Article | BadRecord]:
    """Articles ``start`` (inclusive) to ``stop`` (exclusive) of one input, in input order."""
    path = Path(source.path)
    if source.kind == "txt":
        for i, f in enumerate(txt_files(path)[start:stop], start):
            try:
                yield load_article(f)
            except ArticleError as exc:
                yield BadRecord(i, f.stem, str(exc))
    elif source.kind == "jsonl":
        for i, line in enumerate(_lines(path)):
            if i < start:
                continue
            if i >= stop:
                break
            yield _from_line(i, line)
    else:
        yield from _parquet_range(path, start, stop)


def _from_line(i: int, line: bytes) -> Article | BadRecord:
    try:
        record = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return BadRecord(i, None, f"line {i + 1}: not valid UTF-8 JSON ({exc})")
    if not isinstance(record, dict):
        return BadRecord(i, None, f"line {i + 1}: expected a JSON object")
    return from_record(i, record)


def from_record(i: int, record: dict[str, Any]) -> Article | BadRecord:
    """An article from an ``{id, text, title, outlet, url, published}`` record."""
    rid = record.get("id")
    rid = None if rid is None else str(rid)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return BadRecord(i, rid, f"record {i + 1}: no text")
    meta = {k: record[k] for k in FIELDS[2:] if record.get(k) is not None}
    for k, v in list(meta.items()):
        # feeds put line breaks and tabs in titles: one space each, not a lost article
        meta[k] = " ".join(_CONTROL.sub(" ", str(v)).split())
    if rid:
        meta["id"] = rid
    try:
        return article_from_text(text.removeprefix("\ufeff"), meta)
    except ArticleError as exc:
        return BadRecord(i, rid, f"record {i + 1}: {exc}")


def _parquet_range(path: Path, start: int, stop: int) -> Iterator[Article | BadRecord]:
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    names = set(pf.schema_arrow.names)
    if "text" not in names:
        yield BadRecord(start, None, f"{path.name}: no 'text' column")
        return
    columns = [c for c in FIELDS if c in names]
    i = 0
    for batch in pf.iter_batches(batch_size=512, columns=columns):
        n = batch.num_rows
        if i + n <= start:
            i += n
            continue
        for record in batch.to_pylist():
            if start <= i < stop:
                yield from_record(i, record)
            i += 1
            if i >= stop:
                return


def _lines(path: Path) -> Iterator[bytes]:
    """Non-empty lines; a gzip file is read as a stream (never decompressed to disk)."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as fh:
        for line in fh:
            if line.strip():
                yield line
