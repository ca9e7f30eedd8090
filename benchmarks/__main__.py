"""Run eventmap's benchmarks and print their tables: ``python -m benchmarks``.

Order: gazetteer, geoparse, accuracy, conflict names, events, maps, cold start, fuzz, corpus.
``--only geoparse,maps`` runs a subset; ``--quick`` uses smaller sizes. A benchmark that
fails prints its error and the others still run; the exit code is non-zero if any failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import platform
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import psutil

ORDER = (
    "gazetteer",
    "geoparse",
    "accuracy",
    "conflict_names",
    "events",
    "maps",
    "cold_start",
    "fuzz",
    "corpus",
)


def _run_maps(module: object, quick: bool) -> int | None:
    # bench_maps.main parses its own argv: hand it an explicit one, never ours.
    argv = ["--sizes", "1000,10000"] if quick else []
    return module.main(argv)  # type: ignore[attr-defined]


def _run_default(module: object, quick: bool) -> int | None:
    return module.main(quick=quick)  # type: ignore[attr-defined]


RUNNERS: dict[str, Callable[[object, bool], int | None]] = {
    "gazetteer": _run_default,
    "geoparse": _run_default,
    "accuracy": _run_default,
    "conflict_names": _run_default,
    "events": _run_default,
    "maps": _run_maps,
    "cold_start": _run_default,
    "fuzz": _run_default,
    "corpus": _run_default,
}


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=Path(__file__).resolve().parents[1],
            capture_output=True,
            text=True,
            check=False,
        )
        return out.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def header(quick: bool, names: list[str]) -> str:
    mem = psutil.virtual_memory()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "-"
    lines = [
        "eventmap benchmarks",
        f"date:    {dt.datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"machine: {psutil.cpu_count(logical=False) or '?'} physical / "
        f"{psutil.cpu_count()} logical cores ({_cpu_model()}), "
        f"RAM {mem.total / 2**30:.1f} GiB ({mem.available / 2**30:.1f} GiB available)",
        f"system:  {platform.platform()}; load average {load}",
        f"python:  {platform.python_implementation()} {platform.python_version()} "
        f"({sys.executable})",
        f"commit:  {_git_commit()}",
        f"run:     {', '.join(names)}{' (quick sizes)' if quick else ''}",
    ]
    return "\n".join(lines)


def parse_only(value: str) -> list[str]:
    names = []
    for raw in value.split(","):
        name = raw.strip().removeprefix("bench_")
        if not name:
            continue
        if name not in ORDER:
            raise argparse.ArgumentTypeError(
                f"unknown benchmark {raw.strip()!r}; choose from {', '.join(ORDER)}"
            )
        names.append(name)
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--only",
        type=parse_only,
        default=list(ORDER),
        metavar="NAME[,NAME]",
        help=f"run only these, in the usual order ({', '.join(ORDER)})",
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes (under a minute)")
    args = parser.parse_args(argv)
    names = [name for name in ORDER if name in args.only]

    print(header(args.quick, names), flush=True)
    failed: list[str] = []
    started = time.perf_counter()
    for name in names:
        title = f"== bench_{name} "
        print(f"\n{title}{'=' * max(0, 78 - len(title))}", flush=True)
        t0 = time.perf_counter()
        try:
            module = importlib.import_module(f"benchmarks.bench_{name}")
            code = RUNNERS[name](module, args.quick)
        except SystemExit as exc:  # a benchmark's argparse or sys.exit
            code = exc.code if isinstance(exc.code, int) else 1
        except Exception:
            traceback.print_exc(file=sys.stdout)
            code = 1
        sys.stdout.flush()
        status = "ok" if not code else f"FAILED (exit {code})"
        print(f"-- bench_{name}: {status}, {time.perf_counter() - t0:.1f} s", flush=True)
        if code:
            failed.append(name)
    total = time.perf_counter() - started
    print(f"\nall benchmarks: {total:.1f} s; failed: {', '.join(failed) if failed else 'none'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
