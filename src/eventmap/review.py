"""Compare extracted events with a hand-reviewed table, field by field.

A reviewed table (such as data/events.csv for the seed) is the analyst's ground truth; the
diff says which rows match, which differ and how, which are missing and which are extra, so a
change to the extractor is judged by what it does to real coding decisions.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

REVIEW_COLUMNS: tuple[str, ...] = (
    "article_id",
    "mention_type",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "country",
    "admin1",
    "location",
    "geonameid",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "fatalities_text",
    "claimed_by",
    "verified",
    "quote",
)
MATCH_KEYS: tuple[str, ...] = (
    "article_id",
    "mention_type",
    "event_date",
    "sub_event_type",
    "admin1",
)
COMPARED: tuple[str, ...] = (
    "time_precision",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "location",
    "geonameid",
    "geo_precision",
    "fatalities",
    "verified",
)


def read_reviewed(path: str | Path) -> pd.DataFrame:
    """A reviewed event table, with the types the extractor produces."""
    frame = pd.read_csv(
        path, dtype={"event_date": "string", "verified": "string"}, keep_default_na=True
    )
    missing = [c for c in MATCH_KEYS + COMPARED if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: reviewed table lacks columns {missing}")
    return frame


def _norm(value: object) -> object:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    if isinstance(value, str):
        low = value.strip().lower()
        if low in ("true", "false"):
            return low == "true"
        if low in ("", "nan", "none", "unknown"):
            return None
        try:
            number = float(value)
        except ValueError:
            return value.strip()
        return int(number) if number.is_integer() else round(number, 4)
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() else round(float(value), 4)
    return value


def diff_events(extracted: pd.DataFrame, reviewed: pd.DataFrame) -> pd.DataFrame:
    """One row per event key: status match / differs / missing / extra, and what differs."""

    def keyed(frame: pd.DataFrame) -> dict[tuple, pd.Series]:
        return {tuple(_norm(r[k]) for k in MATCH_KEYS): r for _, r in frame.iterrows()}

    got, want = keyed(extracted), keyed(reviewed)
    rows = []
    for key in sorted(set(got) | set(want), key=lambda k: tuple(str(x) for x in k)):
        record = dict(zip(MATCH_KEYS, key, strict=True))
        if key not in got:
            record.update(status="missing", differences="")
        elif key not in want:
            record.update(status="extra", differences="")
        else:
            diffs = [
                f"{col}: {_norm(got[key][col])!r} != reviewed {_norm(want[key][col])!r}"
                for col in COMPARED
                if _norm(got[key][col]) != _norm(want[key][col])
            ]
            record.update(status="differs" if diffs else "match", differences="; ".join(diffs))
        rows.append(record)
    return pd.DataFrame(rows, columns=[*MATCH_KEYS, "status", "differences"])
