"""Map build/size/draw benchmark on synthetic events (1k, 10k, 100k), and the geography.

The second table is the offline geography (issue 12): the seed map (target <= 400 KB)
and a 1,000-event map over ten countries with their governorate outlines (target <= 5 MB),
each with its time to first draw in Chromium, and the vendored admin-1 extract's size.

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

import numpy as np
import pandas as pd
from shapely.geometry import Point

from benchmarks.tables import format_table
from eventmap import admin1
from eventmap.export import CHROMIUM_ARGS, find_chromium, offline_route, save_html
from eventmap.maps import event_map
from eventmap.synthetic import synthetic_events

SIZES = (1_000, 10_000, 100_000)
TARGETS_100K = {"build_s": 5.0, "html_mb": 15.0, "drawn_s": 3.0}
SEED_MAP_KB = 400
MULTI_MAP_MB = 5.0
# Ten countries with conflict events in the news: the multi-country map's events sit in
# their governorates (province label points, and towns near them).
COUNTRIES = ("SY", "IQ", "LB", "YE", "UA", "SD", "ML", "NG", "MM", "AF")


def multi_country_events(n: int, seed: int = 0) -> pd.DataFrame:
    """Synthetic events spread over the governorates of COUNTRIES (1/3 province-level)."""
    rng = np.random.default_rng(seed)
    events = synthetic_events(n, seed=seed)
    areas = admin1.divisions(COUNTRIES)
    pick = rng.integers(0, len(areas), size=n)
    jitter = rng.normal(0, 0.08, size=(n, 2))
    lat = areas["label_lat"].to_numpy(dtype=float)[pick] + jitter[:, 0]
    lon = areas["label_lon"].to_numpy(dtype=float)[pick] + jitter[:, 1]
    precision = rng.choice([1, 2, 3], size=n, p=[0.45, 0.25, 0.30])
    lat = np.where(precision == 3, areas["label_lat"].to_numpy(dtype=float)[pick], lat)
    lon = np.where(precision == 3, areas["label_lon"].to_numpy(dtype=float)[pick], lon)
    events["latitude"], events["longitude"] = lat.round(4), lon.round(4)
    events["geometry"] = [Point(x, y) for x, y in zip(lon.round(4), lat.round(4), strict=True)]
    events["geo_precision"] = precision
    events["admin1"] = areas["name"].to_numpy()[pick]
    events["admin1_iso"] = areas["code"].to_numpy()[pick]
    events["country"] = areas["country_name"].to_numpy()[pick]
    events["location"] = np.where(precision == 3, events["admin1"], events["location"])
    return events


def geography(out_dir: Path, executable: str | None) -> list[tuple[str, str, str, str]]:
    """Rows (measure, value, target, verdict) for the offline-geography table."""
    from eventmap.pipeline import build_map, extract

    root = Path(__file__).resolve().parents[1]
    start = time.perf_counter()
    seed = save_html(build_map(extract([root / "seeds"])), out_dir / "seed.html")
    seed_s = time.perf_counter() - start
    start = time.perf_counter()
    multi = save_html(
        event_map(multi_country_events(1000), title="1,000 events, 10 countries"),
        out_dir / "multi.html",
    )
    multi_s = time.perf_counter() - start
    seed_kb = seed.stat().st_size / 1024
    multi_mb = multi.stat().st_size / 1e6
    rows = [
        (
            "seed map, self-contained HTML",
            f"{seed_kb:.0f} KB",
            f"<= {SEED_MAP_KB} KB",
            "ok" if seed_kb <= SEED_MAP_KB else "MISSED",
        ),
        ("seed map, extract + build + write", f"{seed_s:.2f} s", "", ""),
        (
            "1,000 events / 10 countries, HTML with outlines",
            f"{multi_mb:.2f} MB",
            f"<= {MULTI_MAP_MB:g} MB",
            "ok" if multi_mb <= MULTI_MAP_MB else "MISSED",
        ),
        ("1,000 events / 10 countries, build + write", f"{multi_s:.2f} s", "", ""),
    ]
    if executable is not None:
        seed_draw, multi_draw = drawn_seconds([seed, multi], executable)
        rows.append(("seed map, first draw in Chromium", f"{seed_draw:.2f} s", "", ""))
        rows.append(("1,000 / 10 countries, first draw in Chromium", f"{multi_draw:.2f} s", "", ""))
    extract_mb = admin1.resource_path().stat().st_size / 1e6
    rows.append(("admin-1 extract on disk (resources/admin1.zip)", f"{extract_mb:.2f} MB", "", ""))
    return rows


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
        geo_rows = geography(Path(tmp), executable)
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
    print()
    print(format_table(("offline geography", "value", "target", ""), geo_rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
