"""Shards: fixed slices of the inputs, named by what they hold and by the extractor's code.

A shard's id hashes its input's content hash, its record range and the extraction code
(every eventmap module outside corpus/ plus the resources), so a rerun finds the shards it
already finished, a new input adds only new shards, and a changed extractor redoes all of
them instead of mixing old and new results.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from eventmap.corpus.inputs import InputSource

DEFAULT_SHARD_SIZE = 2000  # the most a shard holds when no size is given
SHARDS_PER_WORKER = 4
SIZE_STEP = 100
MARKER = "_SUCCESS.json"
STAGE_A_MODULES = frozenset(
    {"inputs.py", "shards.py", "extract.py", "tables.py", "minhash.py", "follow_ups.py"}
)


@dataclass(frozen=True)
class Shard:
    """Records ``start:stop`` of one input; ``key`` names its folder under ``shards/``."""

    key: str
    source: InputSource
    index: int  # position of the input on the command line
    start: int
    stop: int

    def to_json(self) -> dict:
        d = asdict(self)
        d["source"] = asdict(self.source)
        return d


@lru_cache(maxsize=1)
def extraction_key() -> str:
    """Hash of the code and resources that decide what stage A writes."""
    import eventmap

    root = Path(eventmap.__file__).resolve().parent
    digest = hashlib.sha256(eventmap.__version__.encode())
    for f in sorted(root.rglob("*")):
        rel = f.relative_to(root)
        if not f.is_file() or rel.parts[0] == "maps" or "__pycache__" in rel.parts:
            continue
        if rel.parts[0] == "corpus" and rel.name not in STAGE_A_MODULES:
            continue
        if f.suffix not in (".py", ".csv", ".json", ".tsv", ".txt"):
            continue
        digest.update(str(rel).encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()[:16]


def auto_size(records: int, workers: int) -> int:
    """Articles per shard of an input of ``records`` when no size is given, for ``workers``.

    About SHARDS_PER_WORKER shards per worker: the workers take the shards as they free up,
    so the busiest ends at most one shard after the others (with 2,000-article shards, 2,792
    articles on two workers were one shard of 2,000 and one of 792: 1.4x, not 2x). At most
    DEFAULT_SHARD_SIZE (a worker holds one shard's rows), at least SIZE_STEP (a shard's
    fixed cost, its five Parquet files), rounded up to SIZE_STEP so that a few more records
    in a new input rarely change the size. Sized per input: a new input leaves the shards of
    the others as they were. A rerun with another worker count may size them anew (its
    shards are then redone); ``--shard-size`` fixes the size."""
    per = -(-records // (max(workers, 1) * SHARDS_PER_WORKER))
    return max(SIZE_STEP, min(DEFAULT_SHARD_SIZE, -(-per // SIZE_STEP) * SIZE_STEP))


def plan(
    sources: list[InputSource], size: int | None = DEFAULT_SHARD_SIZE, workers: int = 1
) -> list[Shard]:
    """The shards of the inputs: ``size`` records each, or (``None``) ``auto_size``'s."""
    if size is not None and size < 1:
        raise ValueError("shard size must be at least 1")
    code = extraction_key()
    shards = []
    for index, src in enumerate(sources):
        step = size if size is not None else auto_size(src.records, workers)
        for start in range(0, src.records, step):
            stop = min(start + step, src.records)
            key = hashlib.sha256(
                json.dumps([src.sha256, src.kind, start, stop, code]).encode()
            ).hexdigest()[:20]
            shards.append(Shard(key, src, index, start, stop))
    return shards


def is_done(shard_dir: Path) -> bool:
    return (shard_dir / MARKER).is_file()
