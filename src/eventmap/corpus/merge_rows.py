"""What a merged event says: its row, its sources, and the links left for review.

A merged event keeps every report (``event_sources``), codes fatalities as ACLED does
(the lowest credible figure) beside the low-high range across sources, and says how well
it is corroborated: a single source, several independent sources (wire copies count once),
claimed only by a party, or contested when sources disagree on who or how many.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd

from eventmap.corpus.rules import MergeRules, km
from eventmap.schema import EVENT_COLUMNS, EVENT_TYPES

_GENERIC_ACTOR = re.compile(r"^unidentified|^unknown|^civilians|^$", re.IGNORECASE)
GRADES = ("high", "medium", "low")
_WHY_DAY, _WHY_PLACE, _WHY_TYPE, _WHY_PROVINCE = 1, 2, 4, 8  # why a pair is only a review link
# ACLED's order when one incident is reported as several types: the first listed wins.
_RANK = {sub: k for k, sub in enumerate(s for subs in EVENT_TYPES.values() for s in subs)}
CORROBORATION = (
    "single source",
    "several independent sources",
    "claimed only by a party",
    "contested",
)
MERGED_EXTRA = (
    "admin1_iso",
    "n_articles",
    "n_sources",
    "n_outlets",
    "corroboration",
    "merge_grade",
    "first_reported",
    "last_reported",
)
MERGED_COLUMNS = (*EVENT_COLUMNS, *MERGED_EXTRA)
SOURCE_COLUMNS = (
    "event_id",
    "article_id",
    "mention_id",
    "row",
    "outlet",
    "url",
    "title",
    "published",
    "event_date",
    "sub_event_type",
    "location",
    "geo_precision",
    "fatalities",
    "fatalities_text",
    "claimed_by",
    "party",
    "copy_of",
    "quote",
    "bucket",
)
LINK_COLUMNS = (
    "event_id_a",
    "event_id_b",
    "article_id_a",
    "article_id_b",
    "mention_id_a",
    "mention_id_b",
    "days_apart",
    "distance_km",
    "reason",
)


def merged_rows(m: pd.DataFrame, link_grade: dict[int, str]) -> pd.DataFrame:
    """One row per group of mentions (plain records: pandas per group cost ~15 ms each)."""
    m = m.sort_values(
        ["_prec", "confidence", "published", "mention_key"],
        ascending=[True, False, True, True],
        na_position="last",
        kind="stable",
    )
    groups: dict[int, list[dict]] = {}
    for rec in m.to_dict("records"):
        groups.setdefault(rec["_comp"], []).append(rec)
    rows = [_merged_row(g, link_grade.get(comp)) for comp, g in groups.items()]
    frame = pd.DataFrame(rows, columns=list(MERGED_COLUMNS))
    return frame.sort_values(["event_date", "event_id"], kind="stable").reset_index(drop=True)


def _value(v: object) -> object:
    return None if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA else v


def _int(v: object) -> int | None:
    v = _value(v)
    try:
        return None if v is None else int(v)
    except (TypeError, ValueError):
        return None


# Two town-level reports this close name one town (the merge rules' same-town distance).
_SAME_TOWN_KM = MergeRules.town_km


def _km(a: dict, b: dict) -> float:
    return float(km(a["latitude"], a["longitude"], b["latitude"], b["longitude"]))


def _representative(g: list[dict]) -> dict:
    """The report whose place the merged event takes (``g``: finest place, most confident,
    first published first). When its town-level reports (precision 1-2) agree on one town,
    or none is town-level, the finest: a report placed at the county or the state does not
    contradict a town. When they name different towns, one of them is misread ('Baton Rouge'
    from the station's city, a suburb 50 km off): the place the most independent sources give
    (a copy counts once; at a town, within ``_SAME_TOWN_KM``), then the finest."""
    towns = [r for r in g if r["_prec"] <= 2]
    if len(towns) < 2 or all(_km(r, towns[0]) <= _SAME_TOWN_KM for r in towns[1:]):
        return g[0]

    def support(r: dict) -> int:
        return len({s["copy_of"] for s in g if _km(r, s) <= _SAME_TOWN_KM})

    best = max(support(r) for r in g)
    return next(r for r in g if support(r) == best)


def _merged_row(g: list[dict], grade: str | None) -> dict:
    rep = _representative(g)
    row = {c: _value(rep.get(c)) for c in EVENT_COLUMNS}
    eid = rep["event_id_merged"]
    subs = [r["sub_event_type"] for r in g if _value(r.get("sub_event_type"))]
    top = min(subs, key=lambda s: _RANK.get(s, 99), default=None)
    if top is not None and top != rep.get("sub_event_type"):
        typed = next(r for r in g if r.get("sub_event_type") == top)
        for c in ("disorder_type", "event_type", "sub_event_type"):
            row[c] = typed[c]
    days = Counter(r["event_date"] for r in g)
    row["event_date"] = min(days, key=lambda d: (-days[d], d))
    row["year"] = int(row["event_date"][:4])
    precisions = [p for p in (_int(r.get("time_precision")) for r in g) if p is not None]
    row["time_precision"] = min(precisions) if precisions else None
    stated = [r for r in g if _value(r.get("fatalities_text")) is not None]
    neutral = [r for r in stated if not r["_party"]]
    credible = neutral or stated
    fat = [f for f in (_int(r.get("fatalities")) for r in credible) if f is not None]
    lows = [_int(_value(r.get("fatalities_low")) or r.get("fatalities")) for r in stated]
    highs = [_int(_value(r.get("fatalities_high")) or r.get("fatalities")) for r in stated]
    lows, highs = [x for x in lows if x is not None], [x for x in highs if x is not None]
    row["fatalities"] = min(fat) if fat else 0
    row["fatalities_low"] = min(lows) if lows else None
    row["fatalities_high"] = max(highs) if highs else None
    outlets = sorted(
        {o for o in (_value(r.get("outlet")) or _value(r.get("source")) for r in g) if o}
    )
    row["source"] = "; ".join(outlets) or None
    n_sources = len({r["copy_of"] for r in g})
    named = {a for a in (_value(r.get("actor1")) for r in g) if a and not _GENERIC_ACTOR.match(a)}
    figures = {f for f in (_int(r.get("fatalities")) for r in stated) if f is not None}
    party_only = all(r["_party"] for r in g)
    if party_only:
        corroboration = "claimed only by a party"
    elif n_sources == 1:
        corroboration = "single source"
    elif len(named) > 1 or len(figures) > 1:
        corroboration = "contested"
    else:
        corroboration = "several independent sources"
    published = sorted(p for p in (_value(r.get("published")) for r in g) if p)
    row |= {
        "event_id": eid,
        "event_id_cnty": f"{_iso3(rep)}-EM-{eid[:10]}",
        "admin1_iso": _value(rep.get("admin1_iso")),
        "n_articles": len({r["article_id"] for r in g}),
        "n_sources": n_sources,
        "n_outlets": len(outlets),
        "corroboration": corroboration,
        "merge_grade": grade,
        "first_reported": published[0] if published else None,
        "last_reported": published[-1] if published else None,
        "notes": _notes(rep.get("notes"), len(g), n_sources, row),
        "verified": False if party_only else _value(rep.get("verified")),
    }
    return row


def _iso3(rep: dict) -> str:
    cnty = rep.get("event_id_cnty")
    return str(cnty).split("-")[0] if isinstance(cnty, str) and "-" in cnty else "XXX"


def _notes(base: object, n_articles: int, n_sources: int, row: dict) -> str:
    note = str(base) if isinstance(base, str) else ""
    if n_articles > 1:
        note += f" Reported by {n_articles} articles ({n_sources} independent)."
        lo, hi = row.get("fatalities_low"), row.get("fatalities_high")
        if lo is not None and hi is not None and lo != hi:
            note += f" Fatalities reported between {lo} and {hi}; coded the lowest credible."
    return note.strip()


def source_rows(m: pd.DataFrame) -> pd.DataFrame:
    s = pd.DataFrame(
        {
            "event_id": m["event_id_merged"],
            "article_id": m["article_id"],
            "mention_id": m["event_id"],
            "row": m["row"],
            "outlet": m["outlet"],
            "url": m["url"],
            "title": m["title"],
            "published": m["published"],
            "event_date": m["event_date"],
            "sub_event_type": m["sub_event_type"],
            "location": m["location"],
            "geo_precision": m["geo_precision"],
            "fatalities": m["fatalities"],
            "fatalities_text": m["fatalities_text"],
            "claimed_by": m["claimed_by"],
            "party": m["_party"],
            "copy_of": m["copy_of"],
            "quote": m["quote"],
            "bucket": m["bucket"],
        }
    )
    return s.sort_values(
        ["event_id", "published", "article_id", "row"], kind="stable", na_position="last"
    ).reset_index(drop=True)


def reason(why: int, km: float, types: tuple[str, str]) -> str:
    """Why a candidate link was not merged, in words."""
    parts = []
    if why & _WHY_DAY:
        parts.append("a day apart with both dates explicit")
    if why & _WHY_PLACE:
        parts.append(f"{km:.1f} km apart")
    if why & _WHY_TYPE:
        parts.append(f"types differ ({types[0]} / {types[1]})")
    if why & _WHY_PROVINCE:
        parts.append("province-level place only")
    return "; ".join(parts) or "weak evidence"


def candidate_links(m: pd.DataFrame, edges: pd.DataFrame) -> pd.DataFrame:
    if not len(edges):
        return pd.DataFrame(columns=list(LINK_COLUMNS))
    low = edges[edges["grade"] == "low"]
    eid = m["event_id_merged"].to_numpy(object)
    low = low[eid[low["i"].to_numpy(int)] != eid[low["j"].to_numpy(int)]]
    if not len(low):
        return pd.DataFrame(columns=list(LINK_COLUMNS))
    i, j = low["i"].to_numpy(int), low["j"].to_numpy(int)
    a, b = eid[i], eid[j]
    swap = a > b
    frame = pd.DataFrame(
        {
            "event_id_a": np.where(swap, b, a),
            "event_id_b": np.where(swap, a, b),
            "article_id_a": np.where(
                swap, m["article_id"].to_numpy(object)[j], m["article_id"].to_numpy(object)[i]
            ),
            "article_id_b": np.where(
                swap, m["article_id"].to_numpy(object)[i], m["article_id"].to_numpy(object)[j]
            ),
            "mention_id_a": np.where(
                swap, m["event_id"].to_numpy(object)[j], m["event_id"].to_numpy(object)[i]
            ),
            "mention_id_b": np.where(
                swap, m["event_id"].to_numpy(object)[i], m["event_id"].to_numpy(object)[j]
            ),
            "days_apart": low["days"].to_numpy(int),
            "distance_km": np.round(low["km"].to_numpy(float), 2),
            "why": low["why"].to_numpy(int),
            "_ta": m["event_type"].to_numpy(object)[i],
            "_tb": m["event_type"].to_numpy(object)[j],
            "_score": low["score"].to_numpy(float),
        }
    )
    frame = frame.sort_values(
        ["event_id_a", "event_id_b", "_score", "article_id_a"],
        ascending=[True, True, False, True],
        kind="stable",
    )
    frame = frame.drop_duplicates(["event_id_a", "event_id_b"]).reset_index(drop=True)
    frame["reason"] = [
        reason(int(w), float(k), (str(x), str(y)))
        for w, k, x, y in zip(
            frame["why"], frame["distance_km"], frame["_ta"], frame["_tb"], strict=True
        )
    ]
    return frame[list(LINK_COLUMNS)]
