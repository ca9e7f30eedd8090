"""How long a one-name ``eventmap geocode`` takes from a cold interpreter (target <= 0.25 s).

Runs the installed command repeatedly, hyperfine-style (one warm-up, then N timed runs;
mean, min and max of wall time), next to bare ``python -c pass`` and the imports alone, and
lists the slowest imports of the command (``python -X importtime``). The gazetteer index
must exist (``make gazetteer``); the warm-up run builds it otherwise.
"""

from __future__ import annotations

import os
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.tables import format_table

TARGET_S = 0.25


def _eventmap() -> list[str]:
    exe = Path(sys.executable).with_name("eventmap")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "eventmap.cli"]


def _time(cmd: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) seconds per run; CPU time is what a busy machine
    (other jobs on the same cores) inflates least."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
    subprocess.run(cmd, capture_output=True, env=env, check=False)  # warm-up (pyc, disk cache)
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=env, check=False)
        walls.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return walls, cpus


def _slowest_imports(args: list[str], n: int = 8) -> list[tuple[str, float]]:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "eventmap.cli", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    rows = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)", line)
        if m and len(m.group(2)) <= 3:  # top-level and first-level imports only
            rows.append((m.group(3), int(m.group(1)) / 1e6))
    return sorted(rows, key=lambda r: -r[1])[:n]


def main(quick: bool = False) -> int:
    runs = 5 if quick else 15
    cases = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "import eventmap.cli, eventmap.geocode": [
            sys.executable,
            "-c",
            "import eventmap.cli, eventmap.geocode",
        ],
        "eventmap geocode Homs": [*_eventmap(), "geocode", "Homs"],
        "eventmap geocode Homs --json": [*_eventmap(), "geocode", "Homs", "--json"],
    }
    rows = []
    result = None
    for label, cmd in cases.items():
        times, cpus = _time(cmd, runs)
        if label == "eventmap geocode Homs":
            result = (statistics.median(times), min(times), statistics.median(cpus))
        rows.append(
            [
                label,
                f"{statistics.mean(times):.3f}",
                f"{statistics.median(times):.3f}",
                f"{min(times):.3f}",
                f"{max(times):.3f}",
                f"{statistics.median(cpus):.3f}",
                str(runs),
            ]
        )
    print(f"\ncold start, {runs} runs each after one warm-up (seconds)")
    print(format_table(["command", "mean", "median", "min", "max", "cpu median", "runs"], rows))
    print("\nslowest imports of `eventmap geocode Homs` (cumulative, seconds)")
    imports = _slowest_imports(["geocode", "Homs"])
    print(format_table(["module", "seconds"], [[m, f"{s:.3f}"] for m, s in imports]))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    if result is not None:
        median, best, cpu = result
        verdict = "met" if median <= TARGET_S else ("met by min" if best <= TARGET_S else "NOT met")
        print(
            f"\n`eventmap geocode Homs`: median {median:.3f} s, min {best:.3f} s, "
            f"cpu {cpu:.3f} s; target <= {TARGET_S} s: {verdict} "
            f"(load average {load:.2f} while measuring)"
        )
    return 0
