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

DEFAULT_SHARD_SIZE = 2000
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


def plan(sources: list[InputSource], size: int = DEFAULT_SHARD_SIZE) -> list[Shard]:
    if size < 1:
        raise ValueError("shard size must be at least 1")
    code = extraction_key()
    shards = []
    for index, src in enumerate(sources):
        for start in range(0, src.records, size):
            stop = min(start + size, src.records)
            key = hashlib.sha256(
                json.dumps([src.sha256, src.kind, start, stop, code]).encode()
            ).hexdigest()[:20]
            shards.append(Shard(key, src, index, start, stop))
    return shards


def is_done(shard_dir: Path) -> bool:
    return (shard_dir / MARKER).is_file()
