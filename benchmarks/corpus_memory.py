"""Peak memory of whole corpus runs on invented corpora of growing size (issue 13: at most
1.5 GB at 100,000 articles, flat in corpus size).

The peak is that of the run's whole process tree (client, the local cluster's scheduler in
the same process, nannies and workers), as PSS: the memory-mapped gazetteer every worker
maps counts once. Each size runs ``eventmap corpus run`` (the command's own code, in a fresh
interpreter that has imported nothing else: what the command sets before pyarrow is loaded
applies, as it does for a user). Run alone: ``python -m benchmarks.corpus_memory [--quick]``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

from benchmarks.tables import format_table

TARGET = "<= 1.5 GB at 100,000 articles, flat in corpus size"
FLAT = 1.15  # the biggest run's peak over the smallest's: 'flat' within 15 %


class PeakRSS:
    """Samples the memory of this process and all its children (the local cluster's scheduler
    runs in this process, its nannies and workers are children): ``peak`` sums their RSS
    (pages of the memory-mapped gazetteer that every worker maps count once per process),
    ``peak_pss`` their proportional share (each shared page counted once in total);
    ``samples`` keeps (seconds since start, RSS, PSS) to split the peak by stage."""

    def __init__(self, interval: float = 0.5) -> None:
        self.interval, self.peak, self.peak_pss = interval, 0, 0
        self.samples: list[tuple[float, int, int]] = []
        self._stop = threading.Event()

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            rss = pss = 0
            for p in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    m = p.memory_full_info()
                    rss += m.rss
                    pss += getattr(m, "pss", m.rss)
            self.peak, self.peak_pss = max(self.peak, rss), max(self.peak_pss, pss)
            self.samples.append((time.perf_counter() - self.t0, rss, pss))
            time.sleep(self.interval)

    def peak_between(self, start: float, end: float) -> int:
        """Peak PSS of the samples taken between ``start`` and ``end`` seconds."""
        return max((p for t, _, p in self.samples if start <= t <= end), default=0)

    def __enter__(self) -> PeakRSS:
        self.t0 = time.perf_counter()
        self._t = threading.Thread(target=self._sample, daemon=True)
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()


def measure(n: int) -> dict:
    """``_measure`` in a fresh interpreter: run in the bench's own process, each size had
    carried what the runs before it left in the client (the kit's run, the smaller sizes),
    and the series had looked 1.61x from 10,000 to 100,000 articles where fresh runs are
    1.26x (5 December). The corpus is written here, so that the measured interpreter imports
    only what the command does (this module's imports, corpus_kit's pandas, come before
    any of eventmap's: they would load pyarrow before the command can choose its pool)."""
    from benchmarks.corpus_kit import WORK
    from eventmap.corpus.synthetic import write_jsonl

    src = write_jsonl(WORK / f"syn_{n}.jsonl.gz", n, seed=n)
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.corpus_memory", "--measure", str(n), str(src)],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _measure(n: int, src: Path) -> dict:
    """One whole ``eventmap corpus run`` (2 workers, shards of 2,000, map included) on the
    ``n`` invented articles in ``src``, in this process as the command runs it: the peak of
    every process together, overall and per stage."""
    from eventmap.cli import main as eventmap

    run = src.parent / f"run_syn_{n}"
    shutil.rmtree(run, ignore_errors=True)
    load = os.getloadavg()[0]
    argv = ["corpus", "run", str(src), "--out", str(run), "--workers", "2"]
    with PeakRSS() as mem:
        status = eventmap([*argv, "--shard-size", "2000", "-q"])
    if status != 0:
        raise RuntimeError(f"eventmap corpus run exited with {status}")
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    t = manifest["timings"]
    a_end = t["plan_s"] + t["startup_s"] + t["stage_a_s"]
    b_end = a_end + t.get("restart_s", 0.0) + t["stage_b_s"]
    shutil.rmtree(run, ignore_errors=True)
    return {
        "n": n,
        "peak": mem.peak_pss,
        "stage_a": mem.peak_between(0, a_end),
        "stage_b": mem.peak_between(a_end, b_end),
        "outputs": mem.peak_between(b_end, t["total_s"] + 1),
        "rss": mem.peak,
        "events": manifest["counts"]["events"],
        "mentions": manifest["counts"]["event_mentions"],
        "wall": t["total_s"],
        "per_cpu_s": n / max(t["tasks_cpu_s"], 1e-9),
        "load": load,
    }


def table(sizes: list[int]) -> str:
    """The size series as a table, each peak also as a multiple of the smallest run's."""
    runs = []
    for n in sizes:
        runs.append(measure(n))
        print(f"  synthetic {n:,}: peak PSS {runs[-1]['peak'] / 2**30:.2f} GB", flush=True)
    base = runs[0]["peak"]
    rows = [
        [
            f"{r['n']:,}",
            f"{r['peak'] / 2**30:.2f} GB",
            f"{r['peak'] / base:.2f}x",
            f"{r['stage_a'] / 2**30:.2f} GB",
            f"{r['stage_b'] / 2**30:.2f} GB",
            f"{r['outputs'] / 2**30:.2f} GB",
            f"{r['rss'] / 2**30:.2f} GB",
            f"{r['mentions']:,} / {r['events']:,}",
            f"{r['wall']:.0f} s",
            f"{r['per_cpu_s']:.0f}/CPU-s",
            f"{r['load']:.1f}",
        ]
        for r in runs
    ]
    ratio = runs[-1]["peak"] / base
    return "\n".join(
        [
            format_table(
                [
                    "synthetic articles (2 workers)",
                    "peak PSS, whole run",
                    "vs smallest",
                    "stage A",
                    "stage B",
                    "outputs + map",
                    "peak RSS sum",
                    "mentions / events",
                    "wall",
                    "extraction",
                    "load",
                ],
                rows,
            ),
            f"target: {TARGET}. Largest vs smallest: {ratio:.2f}x "
            f"({'flat' if ratio <= FLAT else 'NOT flat'}: within {FLAT:.2f}x). PSS counts the "
            "memory-mapped gazetteer once; stage A holds one shard per worker, stage B a "
            "window of weeks of a bucket and one block's rows, the outputs one month of events "
            "and the map's bounded summary.",
        ]
    )


def main(quick: bool = False) -> int:
    from benchmarks.corpus_kit import hold_work

    hold_work()
    print(table([1000, 5000] if quick else [10_000, 30_000, 100_000]))
    return 0


if __name__ == "__main__":
    if "--measure" in sys.argv:
        at = sys.argv.index("--measure")
        print(json.dumps(_measure(int(sys.argv[at + 1]), Path(sys.argv[at + 2]))))
        raise SystemExit(0)
    raise SystemExit(main(quick="--quick" in sys.argv))
