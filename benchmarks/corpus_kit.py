"""The dedup kit's side of the corpus bench: scoring a prediction file on the dev split, and
the merge alone fed the incidents' own date and point (a ceiling check of the rules) or
their date with the city geocoded offline (the rules with realistic points).

Needs ``/tmp/dedupeval/gvc_dev.jsonl`` (see ../shared/eval/dedup/README.md); everything
derived from the kit stays under /tmp.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import IO

import pandas as pd

GOLD = Path("/tmp/dedupeval/gvc_dev.jsonl")
REPO = Path(__file__).resolve().parents[1]
SCORERS = (
    REPO.parent / "shared/eval/dedup/score_dedup.py",
    Path("/work/shared/eval/dedup/score_dedup.py"),
)
# One folder per checkout (its runs and cached corpora): two checkouts' benches on one machine
# never delete or read each other's runs. EVENTMAP_BENCH_DIR overrides it.
WORK = Path(
    os.environ.get("EVENTMAP_BENCH_DIR")
    or Path(tempfile.gettempdir())
    / f"eventmap-bench-corpus-{hashlib.sha256(str(REPO).encode()).hexdigest()[:10]}"
)
_HELD: list[IO[str]] = []


def hold_work() -> Path:
    """WORK, locked for this process's life: a second bench of the same checkout waits for the
    first instead of deleting its runs halfway (no lock where fcntl is missing)."""
    WORK.mkdir(parents=True, exist_ok=True)
    if not _HELD:
        try:
            import fcntl
        except ImportError:
            return WORK
        lock = (WORK / ".lock").open("w")
        fcntl.flock(lock, fcntl.LOCK_EX)
        _HELD.append(lock)
    return WORK


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


def gold_merge(mode: str) -> Path:
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


def kit_row(name: str, s: dict) -> list[str]:
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
