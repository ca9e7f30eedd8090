"""Corpus mode: the dedup kit's table and the speed and memory figures of issue 13.

1. Extraction throughput, one worker, on the kit's articles seen for the first time
   (fresh run folder), with where the time goes (per-stage task time), then the same with
   two workers (speed-up), and start-up to the first task.
2. The kit's dev-split table: eventmap end to end, and the merge alone fed the incidents'
   own date and point (a ceiling check of the rules), and fed their date with the city
   geocoded offline (the rules with realistic points).
3. Peak memory (the run's whole process tree) on invented corpora of growing size,
   100,000 articles in the full run, to show it stays flat.

Needs ``/tmp/dedupeval/gvc_dev.jsonl`` for 1-2 (see ../shared/eval/dedup/README.md);
everything derived from the kit stays under /tmp. Run: ``python -m benchmarks.bench_corpus``.
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

import pandas as pd
import psutil

from benchmarks.tables import format_table

GOLD = Path("/tmp/dedupeval/gvc_dev.jsonl")
REPO = Path(__file__).resolve().parents[1]
SCORERS = (
    REPO.parent / "shared/eval/dedup/score_dedup.py",
    Path("/work/shared/eval/dedup/score_dedup.py"),
)
WORK = Path("/tmp/eventmap-bench-corpus")
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


def scorer() -> Path | None:
    return next((p for p in SCORERS if p.exists()), None)


def score(pred: Path, name: str) -> dict:
    out = pred.with_suffix(".score.json")
    subprocess.run(
        [
            sys.executable,
            str(scorer()),
            "--gold",
            str(GOLD),
            "--pred",
            f"{name}={pred}",
            "--split",
            "dev",
            "--json",
            str(out),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    data = json.loads(out.read_text())
    return _find_scores(data, name)


def _find_scores(data, name: str) -> dict:
    """The scorer's JSON nests by split and system; take the dev row of this system."""
    if isinstance(data, dict):
        if "pair_f1" in data or "pairwise" in data or "b3_f1" in data:
            return data
        for key in (name, "dev"):
            if key in data:
                return _find_scores(data[key], name)
        for v in data.values():
            found = _find_scores(v, name)
            if found:
                return found
    if isinstance(data, list):
        for v in data:
            found = _find_scores(v, name)
            if found:
                return found
    return {}


def _speed(n: int | None, workers: int, tag: str) -> dict:
    from eventmap.corpus import run_corpus

    src = WORK / f"kit_{n or 'all'}.jsonl"
    if not src.exists():
        with open(GOLD, encoding="utf-8") as fh, open(src, "w", encoding="utf-8") as out:
            for k, line in enumerate(fh):
                if n is not None and k >= n:
                    break
                out.write(line)
    run = WORK / f"run_{tag}"
    shutil.rmtree(run, ignore_errors=True)  # first time seen: no shard to reuse
    load = os.getloadavg()[0]
    cpu_by_worker: dict[int, float] = {}

    def on_shard(marker: dict) -> None:
        timing = marker.get("timing", {})
        pid = timing.get("pid", 0)
        cpu_by_worker[pid] = cpu_by_worker.get(pid, 0.0) + timing.get("cpu_s", 0.0)

    with PeakRSS() as mem:
        result = run_corpus(
            [src], run, workers=workers, shard_size=100, map_html=False, on_shard=on_shard
        )
    t = result.manifest["timings"]
    return {
        "run": run,
        "n": result.counts["articles"],
        "t": t,
        "peak": mem.peak,
        "counts": result.counts,
        "load": load,
        # the busiest worker's task CPU: the stage's wall time if each worker had a core
        "busiest_cpu": max(cpu_by_worker.values(), default=0.0),
    }


def _gold_merge(mode: str) -> Path:
    """The merge alone, fed each article's incident date and point (or geocoded city)."""
    from eventmap.corpus.merge import merge_events
    from eventmap.corpus.minhash import signature

    geocoder = None
    if mode == "city":
        from eventmap.geocode import OfflineGeocoder

        geocoder = OfflineGeocoder()
    rows, ids = [], []
    with open(GOLD, encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh]
    for a in articles:
        ids.append(a["id"])
        g = a["gold"]
        lat, lon, gid, prec = g.get("latitude"), g.get("longitude"), None, 1
        if mode == "city":
            found = (
                geocoder.geocode(g["city"], exactly_one=False, country_codes="US")
                if g.get("city")
                else None
            )
            loc = next((x for x in found or () if x.raw.get("admin1_name") == g.get("state")), None)
            if loc is None:
                continue
            lat, lon = loc.latitude, loc.longitude
            gid = loc.raw.get("geonameid")
        if lat is None or lon is None:
            continue
        rows.append(
            {
                "article_id": a["id"],
                "row": 0,
                "event_id": a["id"],
                "event_date": g["incident_date"],
                "date_text": g["incident_date"],
                "time_precision": 1,
                "latitude": lat,
                "longitude": lon,
                "geonameid": gid,
                "geo_precision": prec,
                "country": "United States",
                "admin1": g.get("state"),
                "sub_event_type": "Attack",
                "event_type": "Violence against civilians",
                "disorder_type": "Political violence",
                "fatalities": g.get("killed") or 0,
                "fatalities_text": str(g.get("killed")),
                "outlet": a.get("outlet"),
                "published": a.get("published"),
                "input_sha": "gold",
                "position": 0,
                "text_sha": a["id"],
                "minhash": signature(a["text"]),
                "bucket": 0,
                "confidence": 0.9,
                "event_id_cnty": "USA-EM-x",
            }
        )
    result = merge_events(pd.DataFrame(rows))
    ev = result.events.set_index("event_id")
    by_article = {}
    for r in result.sources.itertuples():
        e = ev.loc[r.event_id]
        by_article[r.article_id] = [
            {
                "event_id": r.event_id,
                "event_date": e["event_date"],
                "latitude": float(e["latitude"]),
                "longitude": float(e["longitude"]),
                "fatalities": int(r.fatalities or 0),
                "event_type": e["event_type"],
            }
        ]
    pred = WORK / f"pred_gold_{mode}.jsonl"
    with open(pred, "w", encoding="utf-8") as fh:
        for i in ids:
            fh.write(json.dumps({"id": i, "events": by_article.get(i, [])}) + "\n")
    return pred


def _kit_row(name: str, s: dict) -> list[str]:
    def g(*keys: str) -> str:
        for k in keys:
            if k in s and s[k] is not None:
                v = s[k]
                return f"{100 * v:.1f}" if isinstance(v, float) else str(v)
        return "-"

    return [
        name,
        g("pair_p"),
        g("pair_r"),
        g("pair_f1"),
        g("b3_f1"),
        g("detect"),
        g("killed_exact"),
    ]


def _memory(sizes: list[int]) -> list[list[str]]:
    """Whole runs (2 workers, shards of 2,000, map included) on invented corpora of growing
    size: the peak of every process together, overall and per stage."""
    from eventmap.corpus import run_corpus
    from eventmap.corpus.synthetic import write_jsonl

    rows = []
    for n in sizes:
        src = write_jsonl(WORK / f"syn_{n}.jsonl.gz", n, seed=n)
        run = WORK / f"run_syn_{n}"
        shutil.rmtree(run, ignore_errors=True)
        load = os.getloadavg()[0]
        with PeakRSS() as mem:
            r = run_corpus([src], run, workers=2, shard_size=2000, map_html=True)
        t = r.manifest["timings"]
        a_end = t["plan_s"] + t["startup_s"] + t["stage_a_s"]
        rows.append(
            [
                f"{n:,}",
                f"{mem.peak_pss / 2**30:.2f} GB",
                f"{mem.peak_between(0, a_end) / 2**30:.2f} GB",
                f"{mem.peak_between(a_end, t['total_s'] + 1) / 2**30:.2f} GB",
                f"{mem.peak / 2**30:.2f} GB",
                f"{r.counts['events']:,}",
                f"{t['total_s']:.0f} s",
                f"{n / max(t['tasks_cpu_s'], 1e-9):.0f}/CPU-s",
                f"{load:.1f}",
            ]
        )
        print(f"  synthetic {n:,}: peak PSS {mem.peak_pss / 2**30:.2f} GB", flush=True)
        shutil.rmtree(run, ignore_errors=True)
    return rows


def main(quick: bool = False) -> int:
    WORK.mkdir(parents=True, exist_ok=True)
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
            kit_rows.append(_kit_row("eventmap corpus run (end to end)", score(pred, "eventmap")))
        for mode, label in (
            ("point", "merge fed gold date + point (ceiling)"),
            ("city", "merge fed gold date + city geocoded offline"),
        ):
            kit_rows.append(_kit_row(label, score(_gold_merge(mode), mode)))
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
    sizes = [1000, 5000] if quick else [10_000, 30_000, 100_000]
    print(
        format_table(
            [
                "synthetic articles (2 workers)",
                "peak PSS, whole run",
                "stage A",
                "stage B + outputs",
                "peak RSS sum",
                "events",
                "wall",
                "extraction",
                "load",
            ],
            _memory(sizes),
        )
    )
    print(
        f"target: {TARGETS['memory']} at 100,000 articles, flat in corpus size. PSS counts the "
        "memory-mapped gazetteer once; stage A holds one shard per worker, stage B one bucket of "
        "areas (all its days), the outputs the merged tables."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(quick="--quick" in sys.argv))
