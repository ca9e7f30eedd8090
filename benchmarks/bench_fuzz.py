"""Fuzz the command line in-process: >= 10,000 seeded hostile cases, every failure counted.

Families: article bytes, sidecars (events -o, and whole map runs), boundary files and random
argument lists (see ``fuzz_cli.random_case``). Prints one row per family and the total:
cases, tracebacks, unclear errors, files outside the output folders, half-written outputs
and CSV cells a spreadsheet would run as formulas. All must be zero; the exit code is 1
otherwise, with the first examples printed.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

from benchmarks.fuzz_cli import random_case, run_case, summarise
from benchmarks.tables import format_table

PROBLEMS = ("tracebacks", "unclear", "outside", "half", "formulas")


def main(quick: bool = False, cases: int | None = None, seed: int = 11) -> int:
    total = cases or (1_000 if quick else 10_000)
    os.environ["EVENTMAP_OFFLINE"] = "1"
    os.environ["EVENTMAP_CHROMIUM"] = "/nonexistent/chromium"  # no browser: --png auto skips
    rng = random.Random(seed)
    outcomes = []
    examples: list[str] = []
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="eventmap-fuzz-") as tmp:
        for i in range(total):
            case = random_case(rng)
            outcome = run_case(case, Path(tmp) / "case")
            outcomes.append((case, outcome))
            if not outcome.ok and len(examples) < 5:
                examples.append(f"case {i} {case.kind} argv={case.argv!r}: {outcome.problems}")
    seconds = time.perf_counter() - t0
    by_kind = summarise(outcomes)
    rows = []
    for kind, counter in sorted(by_kind.items()):
        rows.append([kind, str(counter["cases"]), *(str(counter[p]) for p in PROBLEMS)])
    totals = [sum(c[p] for c in by_kind.values()) for p in ("cases", *PROBLEMS)]
    rows.append(["total", *map(str, totals)])
    print(
        f"\nCLI fuzzing, in-process, seed {seed}: {total:,} cases in {seconds:.0f} s "
        f"({1000 * seconds / total:.1f} ms per case)"
    )
    print(format_table(["family", "cases", *PROBLEMS], rows))
    for example in examples:
        print("  " + example[:2000])
    return 0 if not any(totals[1:]) else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--quick", action="store_true")
    ns = parser.parse_args()
    raise SystemExit(main(ns.quick, ns.cases, ns.seed))
