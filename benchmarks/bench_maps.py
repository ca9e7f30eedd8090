"""Map build/size/draw benchmark on synthetic events (1k, 10k, 100k).

Targets for 100k events: build <= 5 s, HTML <= 15 MB, drawn in Chromium <= 3 s.
"Build" is event_map() plus save_html() (what a user waits for); "drawn" is from
navigation to eventmap's ready flag (all markers added) in headless Chromium with
the network blocked. Run: ``python -m benchmarks.bench_maps [--sizes 1000,10000]``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from eventmap.export import CHROMIUM_ARGS, find_chromium, offline_route, save_html
from eventmap.maps import event_map
from eventmap.synthetic import synthetic_events

SIZES = (1_000, 10_000, 100_000)
TARGETS_100K = {"build_s": 5.0, "html_mb": 15.0, "drawn_s": 3.0}


def build(n: int, out_dir: Path) -> dict[str, Any]:
    events = synthetic_events(n, seed=0)
    start = time.perf_counter()
    m = event_map(events, title=f"{n} synthetic events")
    path = save_html(m, out_dir / f"bench_{n}.html")
    elapsed = time.perf_counter() - start
    size = path.stat().st_size
    return {
        "n": n,
        "build_s": elapsed,
        "html_mb": size / 1e6,
        "bytes_per_event": size / n,
        "path": path,
        "mode": "light" if m.eventmap["light"] else "markers",
    }


def drawn_seconds(paths: list[Path], executable: str) -> list[float]:
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        try:
            for path in paths:
                page = browser.new_page(viewport={"width": 1200, "height": 800})
                page.route("**/*", offline_route)
                start = time.perf_counter()
                page.goto(path.resolve().as_uri(), wait_until="commit", timeout=120_000)
                page.wait_for_function("() => window.__eventmapReady === true", timeout=120_000)
                times.append(time.perf_counter() - start)
                page.close()
        finally:
            browser.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium column")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]

    with tempfile.TemporaryDirectory(prefix="eventmap-bench-") as tmp:
        rows = [build(n, Path(tmp)) for n in sizes]
        executable = None if args.no_browser else find_chromium()
        note = ""
        if executable is None:
            note = "drawn: skipped (" + (
                "--no-browser)" if args.no_browser else "no Chromium; apt-get install chromium)"
            )
            drawn: list[float | None] = [None] * len(rows)
        else:
            drawn = list(drawn_seconds([r["path"] for r in rows], executable))

    columns = (("n events", 9), ("mode", 8), ("build s", 8), ("HTML MB", 8))
    columns += (("bytes/event", 12), ("drawn s", 8))
    header = " ".join(f"{name:>{width}}" for name, width in columns)
    print(header)
    print("-" * len(header))
    for row, seconds in zip(rows, drawn, strict=True):
        shown = f"{seconds:8.2f}" if seconds is not None else f"{'-':>8}"
        print(
            f"{row['n']:>9,} {row['mode']:>8} {row['build_s']:8.2f} {row['html_mb']:8.2f} "
            f"{row['bytes_per_event']:12.0f} {shown}"
        )
    if note:
        print(note)
    for row, seconds in zip(rows, drawn, strict=True):
        if row["n"] == 100_000:
            checks = [
                ("build", row["build_s"], TARGETS_100K["build_s"], "s"),
                ("HTML", row["html_mb"], TARGETS_100K["html_mb"], "MB"),
            ]
            if seconds is not None:
                checks.append(("drawn", seconds, TARGETS_100K["drawn_s"], "s"))
            verdicts = [
                f"{name} {value:.2f}{unit} <= {limit:g}{unit}: "
                + ("ok" if value <= limit else "MISSED")
                for name, value, limit, unit in checks
            ]
            print("100k targets: " + "; ".join(verdicts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
