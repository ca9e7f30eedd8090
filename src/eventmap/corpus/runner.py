"""``run_corpus``: inputs to a run folder, stage by stage, restartable.

Layout of ``runs/NAME/``: ``shards/`` (stage A, one folder per shard, kept for restarts and
reruns), ``parts/`` (stage B, one folder per bucket), and the outputs (see outputs.py)
with ``manifest.json`` written last.
"""

from __future__ import annotations

import json
import os
import sys
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventmap.corpus.cluster import executor, stop_forkserver
from eventmap.corpus.extract import BUCKETS, run_shard
from eventmap.corpus.inputs import discover
from eventmap.corpus.merge_task import run_bucket
from eventmap.corpus.rules import DEFAULT_RULES, MergeRules
from eventmap.corpus.shards import DEFAULT_SHARD_SIZE, MARKER, auto_size, is_done, plan


@dataclass
class CorpusRun:
    out: Path
    manifest: dict[str, Any]
    files: dict[str, Path] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, Any]:
        return self.manifest["counts"]


def run_corpus(
    inputs: list[str | Path],
    out: str | Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    shard_size: int | None = None,
    rules: MergeRules = DEFAULT_RULES,
    gazetteer: str | Path | None = None,
    progress: bool = False,
    map_html: bool = True,
    on_shard: Any = None,
    dashboard: bool = False,
) -> CorpusRun:
    """Run stage A (extraction per shard), stage B (merging per bucket) and the outputs.

    ``progress``: a progress bar per stage, and the Dask dashboard's address when there is
    one (a given scheduler's, or the local cluster's with ``dashboard``)."""
    from eventmap.corpus.outputs import write_outputs

    t_start = time.perf_counter()
    wall_start = time.time()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    timings: dict[str, float] = {}
    sources = discover(inputs)
    # no size given: about 4 shards per local worker (shards.auto_size); a scheduler's or
    # this process's tasks keep 2,000-article shards
    local = min(workers if workers is not None else os.cpu_count() or 1, 8)  # as cluster.py
    if shard_size is not None:
        size: int | None = shard_size
    else:
        size = None if local and not scheduler else DEFAULT_SHARD_SIZE
    shards = plan(sources, size, local)
    n_articles = sum(s.records for s in sources)
    gaz = str(gazetteer) if gazetteer else _gazetteer_path()
    timings["plan_s"] = time.perf_counter() - t_start
    shards_dir = out / "shards"
    todo = [s for s in shards if not is_done(shards_dir / s.key)]
    first_task: float | None = None
    markers: list[dict] = []

    def cluster() -> Any:
        return executor(
            workers=workers,
            scheduler=scheduler,
            n_articles=n_articles,
            dashboard=dashboard,
            gazetteer=gaz,
        )

    t0 = time.perf_counter()
    with cluster() if todo else nullcontext() as ex:
        timings["startup_s"] = time.perf_counter() - t0
        if ex is not None and progress and ex.dashboard:
            print(f"Dask dashboard: {ex.dashboard}", file=sys.stderr, flush=True)
        bar = _bar(progress, len(todo), "stage A: shards")
        t_a = time.perf_counter()
        for marker in (
            ex.map_unordered(run_shard, todo, shards_dir=str(shards_dir), gazetteer_path=gaz)
            if ex is not None
            else ()
        ):
            if first_task is None:
                first_task = time.perf_counter() - t_start
            markers.append(marker)
            if bar:
                bar.update(1)
            if on_shard:
                on_shard(marker)
        if bar:
            bar.close()
        timings["stage_a_s"] = time.perf_counter() - t_a
    # Stage B on a cluster of its own: a local worker that extracted keeps ~90 MB more than
    # a new one (the extractor's caches, memory the C library keeps), which merging would
    # carry on top of its own (measured at 10,000 invented articles: 288 MB a merging
    # worker after extracting, 197 MB in a new one). A scheduler's workers stay as they are.
    t_r = time.perf_counter()
    with cluster() as ex:
        timings["restart_s"] = time.perf_counter() - t_r
        if progress and ex.dashboard and todo:
            print(f"Dask dashboard (stage B): {ex.dashboard}", file=sys.stderr, flush=True)
        t_b = time.perf_counter()
        keys = [s.key for s in shards]
        done = {s.key: _marker(shards_dir / s.key) for s in shards}
        buckets = sorted({b for d in done.values() for b in d.get("buckets", range(BUCKETS))})
        prior = out / "event_sources.parquet"
        parts_dir = out / "parts"
        _drop_stale_parts(parts_dir, buckets)
        stats = list(
            ex.map_unordered(
                run_bucket,
                buckets,
                shards_dir=str(shards_dir),
                shard_keys=keys,
                parts_dir=str(parts_dir),
                prior=str(prior) if prior.exists() else None,
                rules=rules,
            )
        )
        timings["stage_b_s"] = time.perf_counter() - t_b
        workers_used = ex.workers
        kind = ex.kind
    if kind == "cluster":
        stop_forkserver()  # the local workers' forkserver: not needed for the outputs
    t_o = time.perf_counter()
    manifest = {
        "inputs": [s.__dict__ for s in sources],
        "shards": {
            "total": len(shards),
            "redone": len(todo),
            "reused": len(shards) - len(todo),
            "size": size if size is not None else [auto_size(s.records, local) for s in sources],
            "keys": [s.key for s in shards],
        },
        "executor": {"kind": kind, "workers": workers_used},
        "rules": rules.to_json(),
        "counts": {
            "articles": sum(d["articles"] for d in done.values()),
            "errors": sum(d["errors"] for d in done.values()),
            "event_mentions": sum(d["events"] for d in done.values()),
            "merge": _sum_stats(stats),
        },
    }
    files = write_outputs(out, keys, manifest, map_html=map_html)
    timings["outputs_s"] = time.perf_counter() - t_o
    starts = [m["timing"]["started"] for m in markers if "timing" in m]
    timings["first_task_s"] = (min(starts) - wall_start) if starts else 0.0
    timings["first_result_s"] = first_task if first_task is not None else 0.0
    timings["total_s"] = time.perf_counter() - t_start
    for part in ("open_s", "extract_s", "minhash_s", "write_s", "total_s", "cpu_s"):
        # summed over the shard tasks run now (worker time, not wall time)
        timings[f"tasks_{part}"] = sum(m.get("timing", {}).get(part, 0.0) for m in markers)
    manifest["timings"] = {k: round(v, 3) for k, v in timings.items()}
    from eventmap.corpus.outputs import write_manifest

    files["manifest"] = write_manifest(out, manifest)
    return CorpusRun(out, manifest, files)


def _marker(shard_dir: Path) -> dict:
    return json.loads((shard_dir / MARKER).read_text(encoding="utf-8"))


def _drop_stale_parts(parts_dir: Path, buckets: list[int]) -> None:
    """Parts of buckets this run has no events for (left by an earlier run) must go."""
    import shutil

    keep = {f"bucket-{b:03d}" for b in buckets}
    for part in parts_dir.glob("bucket-*"):
        if part.name not in keep:
            shutil.rmtree(part, ignore_errors=True)


def _gazetteer_path() -> str:
    from eventmap.gazetteer import ensure_index

    return str(ensure_index())


def _bar(progress: bool, total: int, desc: str):
    if not progress or total == 0:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="shard")


def _sum_stats(stats: list[dict]) -> dict:
    total: dict[str, Any] = {"mentions": 0, "events": 0, "links": {}, "links_applied": 0}
    for s in stats:
        total["mentions"] += s.get("mentions", 0)
        total["events"] += s.get("events", 0)
        total["links_applied"] += s.get("links_applied", 0)
        for g, n in s.get("links", {}).items():
            total["links"][g] = total["links"].get(g, 0) + n
    total["links"] = dict(sorted(total["links"].items()))
    return total
