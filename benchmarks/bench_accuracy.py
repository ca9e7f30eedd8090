"""Accuracy benchmark: geoparse the GeoWebNews dev split and score it with the shared scorer.

Needs ``/tmp/geoeval/gwn_dev.jsonl`` (see ``../shared/eval/README.md``); without it the
benchmark says how to get it and skips. The corpus and the predictions stay under /tmp:
the article texts belong to their publishers and are never copied into the repository.
Targets: recognition F1 (overlap) >= 86, acc@161 km on recognised toponyms >= 94%,
end-to-end acc@161 km >= 65%.
Run: ``python -m benchmarks.bench_accuracy``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.tables import format_table

GOLD = Path("/tmp/geoeval/gwn_dev.jsonl")
REPO = Path(__file__).resolve().parents[1]
SCORERS = (REPO.parent / "shared" / "eval" / "score.py", Path("/work/shared/eval/score.py"))
TARGETS = {"f1_overlap": 86.0, "acc161_recognised": 94.0, "e2e_acc161": 65.0}

HOW_TO_GET = """\
GeoWebNews dev split not found at {gold}; skipping (not a failure). To get it (see
../shared/eval/README.md): fetch the public repository
milangritta/Pragmatic-Guide-to-Geoparsing-Evaluation, then
    git --git-dir=<fetched git dir> show HEAD:data/GWN.xml > /tmp/GWN.xml
    python3 ../shared/eval/convert_geowebnews.py /tmp/GWN.xml --out-dir /tmp/geoeval
Keep it under /tmp: never copy the corpus into the repository."""


def scorer() -> Path | None:
    return next((p for p in SCORERS if p.exists()), None)


def run(gold: Path, score_py: Path) -> tuple[str, dict[str, Any], float]:
    from eventmap.geoparse import Geoparser, geoparse_jsonl

    with tempfile.TemporaryDirectory(prefix="eventmap-bench-acc-") as tmp:
        pred = Path(tmp) / "pred.jsonl"
        full = Path(tmp) / "score.json"
        start = time.perf_counter()
        geoparse_jsonl(gold, pred, progress=False, geoparser=Geoparser())
        seconds = time.perf_counter() - start
        proc = subprocess.run(
            [
                sys.executable,
                str(score_py),
                str(gold),
                str(pred),
                "--name",
                "eventmap",
                "--json-out",
                str(full),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"score.py failed ({proc.returncode}):\n{proc.stderr}")
        return proc.stdout, json.loads(full.read_text(encoding="utf-8")), seconds


def summary(res: dict[str, Any]) -> str:
    rc, ee = res["resolution_recognised"], res["resolution_end_to_end"]

    def pct(x: float | None) -> float | None:
        return None if x is None else 100 * x

    rows: list[tuple[str, float | None, float | None]] = [
        ("recognition F1, exact", pct(res["recog_exact"]["f1"]), None),
        ("recognition F1, overlap", pct(res["recog_overlap"]["f1"]), TARGETS["f1_overlap"]),
        ("acc@161 km, recognised (%)", pct(rc["acc161"]), TARGETS["acc161_recognised"]),
        ("end-to-end acc@161 km (%)", pct(ee["acc161"]), TARGETS["e2e_acc161"]),
        ("end-to-end F1@161 km", pct(ee["f161"]), None),
    ]
    for kind, v in res.get("recall_by_type", {}).items():
        rows.append((f"recall, type {kind} (n={v['n']})", pct(v["recall"]), None))
    cells = [
        (
            name,
            "-" if value is None else f"{value:.1f}",
            "" if target is None else f">= {target:g}",
            "" if target is None or value is None else ("yes" if value >= target else "NO"),
        )
        for name, value, target in rows
    ]
    header = ("metric", "eventmap", "target", "met?")
    return format_table(header, cells)


def main(quick: bool = False) -> int:
    del quick  # 120 articles take a few seconds; quick mode runs them all too
    if not GOLD.exists():
        print(HOW_TO_GET.format(gold=GOLD))
        return 0
    score_py = scorer()
    if score_py is None:
        print(f"scorer not found at {' or '.join(map(str, SCORERS))}; skipping (not a failure)")
        return 0
    table, res, seconds = run(GOLD, score_py)
    docs = res["docs"]
    print(
        f"Accuracy on GeoWebNews dev ({GOLD}, {docs} articles, "
        f"{res['gold_toponyms']:,} gold toponyms); geoparsed in {seconds:.1f} s "
        f"(fresh Geoparser); scored by {score_py}"
    )
    print("\n".join(line for line in table.splitlines() if not line.startswith("{")))
    print()
    print(summary(res))
    return 0


if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    raise SystemExit(main())
