"""Corpus mode: thousands of articles from many outlets to one deduplicated event dataset.

Stages, one module each: ``inputs`` (readers) -> ``shards`` (slices, restartable) ->
``extract`` (stage A, one Dask task per shard) -> ``merge`` / ``merge_task`` (stage B,
one task per bucket of areas) -> ``outputs`` (GeoParquet and tables, exports, manifest)
-> ``corpus_map``; ``evaluation`` writes the dedup kit's prediction format; ``cluster``
chooses where tasks run; ``command`` is the ``eventmap corpus`` subcommand.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CorpusRun", "read_events", "run_corpus", "write_predictions"]
_HOME = {
    "CorpusRun": "eventmap.corpus.runner",
    "run_corpus": "eventmap.corpus.runner",
    "read_events": "eventmap.corpus.outputs",
    "write_predictions": "eventmap.corpus.evaluation",
}


def __getattr__(name: str) -> Any:  # lazy: `eventmap --help` need not import Dask or pyarrow
    if name not in _HOME:
        raise AttributeError(name)
    import importlib

    return getattr(importlib.import_module(_HOME[name]), name)
