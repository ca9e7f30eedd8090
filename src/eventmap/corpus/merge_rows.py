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

from eventmap.schema import EVENT_COLUMNS, EVENT_TYPES

_GENERIC_ACTOR = re.compile(r"^unidentified|^unknown|^civilians|^$", re.IGNORECASE)
GRADES = ("high", "medium", "low")
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
    rows = []
    m = m.sort_values(
        ["_prec", "confidence", "published", "mention_key"],
        ascending=[True, False, True, True],
        na_position="last",
        kind="stable",
    )
    for comp, g in m.groupby("_comp", sort=False):
        rep = g.iloc[0]
        row = {c: rep.get(c) for c in EVENT_COLUMNS}
        eid = rep["event_id_merged"]
        top = min(g["sub_event_type"].dropna(), key=lambda s: _RANK.get(s, 99), default=None)
        if top is not None and top != rep["sub_event_type"]:
            typed = g[g["sub_event_type"] == top].iloc[0]
            for c in ("disorder_type", "event_type", "sub_event_type"):
                row[c] = typed[c]
        days = Counter(g["event_date"])
        row["event_date"] = min(days, key=lambda d: (-days[d], d))
        row["year"] = int(row["event_date"][:4])
        row["time_precision"] = int(pd.to_numeric(g["time_precision"]).min())
        stated = g[g["fatalities_text"].notna()]
        credible = stated[~stated["_party"]] if (~stated["_party"]).any() else stated
        fat = pd.to_numeric(credible["fatalities"], errors="coerce").dropna()
        lows = pd.to_numeric(stated["fatalities_low"].fillna(stated["fatalities"]), errors="coerce")
        highs = pd.to_numeric(
            stated["fatalities_high"].fillna(stated["fatalities"]), errors="coerce"
        )
        row["fatalities"] = int(fat.min()) if len(fat) else 0
        row["fatalities_low"] = int(lows.min()) if lows.notna().any() else None
        row["fatalities_high"] = int(highs.max()) if highs.notna().any() else None
        outlets = sorted({o for o in g["outlet"].fillna(g["source"]).dropna() if o})
        row["source"] = "; ".join(outlets) or None
        n_sources = g["copy_of"].nunique()
        named = {a for a in g["actor1"].dropna() if not _GENERIC_ACTOR.match(a)}
        figures = set(pd.to_numeric(stated["fatalities"], errors="coerce").dropna().astype(int))
        if g["_party"].all():
            corroboration = "claimed only by a party"
        elif n_sources == 1:
            corroboration = "single source"
        elif len(named) > 1 or len(figures) > 1:
            corroboration = "contested"
        else:
            corroboration = "several independent sources"
        row |= {
            "event_id": eid,
            "event_id_cnty": f"{_iso3(rep)}-EM-{eid[:10]}",
            "admin1_iso": rep.get("admin1_iso"),
            "n_articles": int(g["article_id"].nunique()),
            "n_sources": int(n_sources),
            "n_outlets": len(outlets),
            "corroboration": corroboration,
            "merge_grade": link_grade.get(comp),
            "first_reported": g["published"].dropna().min()
            if g["published"].notna().any()
            else None,
            "last_reported": g["published"].dropna().max()
            if g["published"].notna().any()
            else None,
            "notes": _notes(rep.get("notes"), len(g), n_sources, row),
            "verified": False if g["_party"].all() else rep.get("verified"),
        }
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(MERGED_COLUMNS))
    return frame.sort_values(["event_date", "event_id"], kind="stable").reset_index(drop=True)


def _iso3(rep: pd.Series) -> str:
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
            "reason": low["reason"].to_numpy(object),
            "_score": low["score"].to_numpy(float),
        }
    )
    frame = frame.sort_values(
        ["event_id_a", "event_id_b", "_score", "article_id_a"],
        ascending=[True, True, False, True],
        kind="stable",
    )
    frame = frame.drop_duplicates(["event_id_a", "event_id_b"]).drop(columns="_score")
    return frame.reset_index(drop=True)
