"""Corpus mode: thousands of articles from many outlets to one deduplicated event dataset.

Stages, one module each, in flow order: ``rules`` (the merge's numbers) and ``tables``
(column types) first; ``inputs`` (readers) -> ``shards`` (slices, restartable) ->
``minhash`` (near-identical texts) / ``follow_ups`` (the people a report names) ->
``extract`` (stage A, one Dask task per shard) ->
``merge_rows`` / ``counties`` (a US county's reach) / ``grade`` (pairs graded) /
``merge_prepare`` (one copy of each article, what pairing reads) /
``merge`` (blocks of area x week) / ``merge_windows`` (the blocks read a window at a time) /
``merge_task`` (stage B, one task per bucket of areas) ->
``worker_start`` (what local workers load once, before they fork) ->
``cluster`` (where tasks run) -> ``week_choropleth`` / ``corpus_map`` (the map) ->
``event_files`` (the merged events to GeoParquet, exports and counts, a month at a time) ->
``outputs`` (every output, the manifest) -> ``evaluation`` (the dedup kit's
prediction format) -> ``runner`` (``run_corpus``) -> ``command`` (``eventmap corpus``).
``synthetic`` invents multi-outlet reports for tests and benchmarks.
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
