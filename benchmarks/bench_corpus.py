"""Corpus mode: the dedup kit's table and the speed and memory figures of issue 13.

1. Extraction throughput, one worker, on the kit's articles seen for the first time
   (fresh run folder), with where the time goes (per-stage task time), then the same with
   two workers (speed-up), and start-up to the first task.
2. The kit's dev-split table (corpus_kit.py): eventmap end to end, and the merge alone fed
   the incidents' own date and point, and their date with the city geocoded offline.
3. Peak memory (corpus_memory.py: the run's whole process tree) on invented corpora of
   growing size, 100,000 articles in the full run, to show it stays flat.

Needs ``/tmp/dedupeval/gvc_dev.jsonl`` for 1-2 (see ../shared/eval/dedup/README.md);
everything derived from the kit stays under /tmp. Run: ``python -m benchmarks.bench_corpus``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks import corpus_memory
from benchmarks.corpus_kit import GOLD, WORK, gold_merge, hold_work, kit_row, score, scorer
from benchmarks.tables import format_table

TARGETS = {
    "pair F1": ">= 75",
    "B3 F1": ">= 92",
    "detect": ">= 85 %",
    "killed exact": ">= 75 %",
    "throughput": ">= 200 articles/s",
    "speedup": ">= 1.7x",
    "memory": "<= 1.5 GB",
    "startup": "<= 3 s",
}


def _speed(n: int | None, workers: int, tag: str) -> dict:
    """One stage-A speed run, in a fresh interpreter: both worker counts start cold. In one
    process the second run found the first's warm client and, since the workers are forked
    from a forkserver that outlives a run (cluster.py), a forkserver with everything
    already imported: its start-up looked ~0.5 s shorter than any real run's."""
    src = WORK / f"kit_{n or 'all'}.jsonl"
    if not src.exists():
        with open(GOLD, encoding="utf-8") as fh, open(src, "w", encoding="utf-8") as out:
            for k, line in enumerate(fh):
                if n is not None and k >= n:
                    break
                out.write(line)
    run = WORK / f"run_{tag}"
    args = ["--speed-run", str(src), str(run), str(workers)]
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_corpus", *args],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result | {"run": Path(result["run"])}


def _speed_run(src: Path, run: Path, workers: int) -> dict:
    """``_speed``'s run itself (in the fresh interpreter), its shards of 100 articles."""
    from eventmap.corpus import run_corpus

    shutil.rmtree(run, ignore_errors=True)  # first time seen: no shard to reuse
    load = os.getloadavg()[0]
    cpu_by_worker: dict[int, float] = {}

    def on_shard(marker: dict) -> None:
        timing = marker.get("timing", {})
        pid = timing.get("pid", 0)
        cpu_by_worker[pid] = cpu_by_worker.get(pid, 0.0) + timing.get("cpu_s", 0.0)

    result = run_corpus(
        [src], run, workers=workers, shard_size=100, map_html=False, on_shard=on_shard
    )
    return {
        "run": str(run),
        "n": result.counts["articles"],
        "t": result.manifest["timings"],
        "load": load,
        # the busiest worker's task CPU: the stage's wall time if each worker had a core
        "busiest_cpu": max(cpu_by_worker.values(), default=0.0),
    }


def _with_startup(t: dict) -> float:
    return t["startup_s"] + t["stage_a_s"]


def main(quick: bool = False) -> int:
    hold_work()
    if GOLD.exists() and scorer():
        n = 600 if quick else None
        one = _speed(n, 1, f"kit_w1_{n or 'all'}")
        two = _speed(n, 2, f"kit_w2_{n or 'all'}")
        t1, t2 = one["t"], two["t"]
        per = one["n"] / max(t1["stage_a_s"], 1e-9)
        parts = {k: t1[f"tasks_{k}"] for k in ("open_s", "extract_s", "minhash_s", "write_s")}
        other = max(t1["tasks_total_s"] - sum(parts.values()), 0.0)
        print(
            format_table(
                ["speed (kit articles, first seen)", "value", "target"],
                [
                    ["articles", f"{one['n']:,}", ""],
                    [
                        "throughput, 1 worker (stage A)",
                        f"{per:.1f} articles/s",
                        TARGETS["throughput"],
                    ],
                    [
                        "the same per CPU-second of the worker (load-independent)",
                        f"{one['n'] / max(t1['tasks_cpu_s'], 1e-9):.1f} articles/s",
                        TARGETS["throughput"],
                    ],
                    [
                        "throughput, 2 workers (stage A)",
                        f"{two['n'] / max(t2['stage_a_s'], 1e-9):.1f} articles/s",
                        "",
                    ],
                    [
                        "2 workers: task CPU / (2 x stage A wall)",
                        f"{100 * t2['tasks_cpu_s'] / max(2 * t2['stage_a_s'], 1e-9):.0f} %",
                        "",
                    ],
                    [
                        "2 workers vs 1",
                        f"{t1['stage_a_s'] / max(t2['stage_a_s'], 1e-9):.2f}x",
                        TARGETS["speedup"],
                    ],
                    [
                        "2 workers vs 1, the cluster's start-up included (wall; the "
                        "workers' imports and extractor happen there, once, before they fork)",
                        f"{_with_startup(t1) / max(_with_startup(t2), 1e-9):.2f}x",
                        "",
                    ],
                    [
                        "2 workers vs 1 by task CPU: 1 worker's / the busiest of 2's "
                        "(load-independent; no contention for the cores counted)",
                        f"{one['busiest_cpu'] / max(two['busiest_cpu'], 1e-9):.2f}x",
                        TARGETS["speedup"],
                    ],
                    [
                        "start-up to first task, 2 local workers",
                        f"{t2['first_task_s']:.2f} s",
                        TARGETS["startup"],
                    ],
                    ["start-up to first task, 1 local worker", f"{t1['first_task_s']:.2f} s", ""],
                    ["stage B (merge), 1 worker", f"{t1['stage_b_s']:.1f} s", ""],
                    ["load average (1 min) before the runs", f"{one['load']:.1f}", ""],
                    ["outputs (no map), 1 worker", f"{t1['outputs_s']:.1f} s", ""],
                ],
            )
        )
        print()
        total = max(t1["tasks_total_s"], 1e-9)
        print(
            format_table(
                ["where stage A's task time goes (1 worker)", "seconds", "share"],
                [
                    [k.removesuffix("_s"), f"{v:.1f}", f"{100 * v / total:.0f} %"]
                    for k, v in [*parts.items(), ("read+rest_s", other)]
                ],
            )
        )
        print()
        kit_rows = []
        if not quick:
            from eventmap.corpus.evaluation import write_predictions

            pred = WORK / "pred_eventmap.jsonl"
            write_predictions(two["run"], pred)
            kit_rows.append(kit_row("eventmap corpus run (end to end)", score(pred, "eventmap")))
        for mode, label in (
            ("point", "merge fed gold date + point (ceiling)"),
            ("city", "merge fed gold date + city geocoded offline"),
        ):
            kit_rows.append(kit_row(label, score(gold_merge(mode), mode)))
        print(
            format_table(
                [
                    "kit dev split",
                    "pair P",
                    "pair R",
                    "pair F1",
                    "B3 F1",
                    "detected %",
                    "killed exact %",
                ],
                [*kit_rows, ["target", "", "", ">= 75", ">= 92", ">= 85", ">= 75"]],
            )
        )
        print()
    else:
        print(
            f"dedup kit not found at {GOLD} (see ../shared/eval/dedup/README.md); kit rows skipped"
        )
    print(corpus_memory.table([1000, 5000] if quick else [10_000, 30_000, 100_000]))
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--speed-run"]:
        src_arg, run_arg, workers_arg = sys.argv[2:5]
        print(json.dumps(_speed_run(Path(src_arg), Path(run_arg), int(workers_arg))))
        raise SystemExit(0)
    raise SystemExit(main(quick="--quick" in sys.argv))
