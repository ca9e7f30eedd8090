"""Stage B: reports of one incident become one event (pandas, one bucket of areas at a time).

Pairs of event mentions are compared within a country x admin1 area, each day with itself
and the next; the rules (rules.py) grade each pair high, medium or low. High and medium
links are applied strongest first, never joining two groups that hold events of the same
article; low links go to ``candidate_links`` for a person to review. Merged events keep
every source (``event_sources``), code fatalities as ACLED does (the lowest credible
figure) beside the low-high range, and say how well they are corroborated.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from eventmap.corpus.merge_rows import (
    _GENERIC_ACTOR,
    _WHY_DAY,
    _WHY_PLACE,
    _WHY_PROVINCE,
    _WHY_TYPE,
    GRADES,
    LINK_COLUMNS,
    MERGED_COLUMNS,
    SOURCE_COLUMNS,
    candidate_links,
    merged_rows,
    source_rows,
)
from eventmap.corpus.minhash import copy_groups
from eventmap.corpus.rules import DEFAULT_RULES, MergeRules
from eventmap.corpus.tables import SHARD_EVENT_COLUMNS
from eventmap.schema import DISORDER_BY_EVENT_TYPE

_MONTH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d|"
    r"\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)|"
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b",
    re.IGNORECASE,
)


@dataclass
class MergeResult:
    events: pd.DataFrame
    sources: pd.DataFrame
    links: pd.DataFrame
    stats: dict


def merge_events(
    mentions: pd.DataFrame,
    prior: dict[str, str] | None = None,
    rules: MergeRules = DEFAULT_RULES,
) -> MergeResult:
    """Merge one bucket's dated event mentions; ``prior`` maps mention keys to old ids."""
    m = _prepare(mentions)
    stats = {"mentions_in": len(mentions), "mentions": len(m)}
    if m.empty:
        empty = MergeResult(
            pd.DataFrame(columns=list(MERGED_COLUMNS)),
            pd.DataFrame(columns=list(SOURCE_COLUMNS)),
            pd.DataFrame(columns=list(LINK_COLUMNS)),
            stats | {"events": 0, "links": {g: 0 for g in GRADES}},
        )
        return empty
    edges = _pairs(m, rules)
    comp, used = _union(m, edges)
    m["_comp"] = comp
    ids = _event_ids(m, prior or {})
    m["event_id_merged"] = m["_comp"].map(ids)
    link_grade = _component_grades(m, edges, used)
    events = merged_rows(m, link_grade)
    sources = source_rows(m)
    links = candidate_links(m, edges)
    stats |= {
        "events": len(events),
        "links": {g: int((edges["grade"] == g).sum()) if len(edges) else 0 for g in GRADES},
        "links_applied": int(used.sum()) if len(used) else 0,
    }
    return MergeResult(events, sources, links, stats)


# ----------------------------------------------------------------------------- preparing


def _prepare(mentions: pd.DataFrame) -> pd.DataFrame:
    m = mentions.copy()
    for column in SHARD_EVENT_COLUMNS:  # tolerate frames from elsewhere (tests, notebooks)
        if column not in m.columns:
            m[column] = None
    m = m[m["event_date"].notna() & m["latitude"].notna() & m["longitude"].notna()]
    # The same article given twice (same id) counts once: keep its first copy.
    m = m.sort_values(["article_id", "input_sha", "position", "row"], kind="stable")
    first = m.drop_duplicates("article_id")[["article_id", "input_sha", "position"]]
    m = m.merge(first, on=["article_id", "input_sha", "position"], how="inner")
    m["mention_key"] = m["article_id"].astype(str) + "#" + m["row"].astype(str)
    m = m.sort_values("mention_key", kind="stable").reset_index(drop=True)
    m["_day"] = (
        pd.to_datetime(m["event_date"], errors="coerce").values.astype("datetime64[D]")
    ).astype("int64")
    m["_explicit"] = m["date_text"].fillna("").map(lambda t: bool(_MONTH.search(t)))
    m["_area"] = m["country"].fillna("") + "|" + m["admin1"].fillna("")
    m["_prec"] = pd.to_numeric(m["geo_precision"], errors="coerce").fillna(3).astype(int)
    m["_party"] = m["verified"].map(lambda v: v is not None and not pd.isna(v) and not bool(v))
    m["_actors"] = [
        frozenset(a for a in (x, y) if isinstance(a, str) and not _GENERIC_ACTOR.match(a))
        for x, y in zip(m["actor1"], m["actor2"], strict=True)
    ]
    sigs = [s if isinstance(s, bytes | bytearray) else None for s in m["minhash"]]
    per_article = dict(zip(m["article_id"], sigs, strict=True))
    by_text = m.drop_duplicates("article_id").groupby("text_sha")["article_id"].min()
    groups = copy_groups(list(per_article), list(per_article.values()))
    text_of = dict(zip(m["article_id"], m["text_sha"], strict=True))
    m["copy_of"] = m["article_id"].map(lambda a: min(groups[a], by_text.get(text_of[a], groups[a])))
    return m


# ----------------------------------------------------------------------------- pairs


LOW_LINKS_PER_MENTION = 3
_VIOLENT = np.array(
    ["Battles", "Explosions/Remote violence", "Violence against civilians"], dtype=object
)


def _haversine_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 6371.0088 * 2 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def _pairs(m: pd.DataFrame, rules: MergeRules) -> pd.DataFrame:
    """Every graded pair (i < j) within an area, a day or less apart."""
    out = []
    day = m["_day"].to_numpy()
    lat, lon = m["latitude"].to_numpy(float), m["longitude"].to_numpy(float)
    gid = pd.to_numeric(m["geonameid"], errors="coerce").fillna(-1).to_numpy("int64")
    prec = m["_prec"].to_numpy()
    explicit = m["_explicit"].to_numpy(bool)
    art = m["article_id"].to_numpy(object)
    sub = m["sub_event_type"].fillna("").to_numpy(object)
    etype = m["event_type"].fillna("").to_numpy(object)
    disorder = np.array([DISORDER_BY_EVENT_TYPE.get(t, "") for t in etype], dtype=object)
    actors = m["_actors"].to_numpy(object)
    has_admin1 = m["admin1"].notna().to_numpy()
    for _, idx in m.groupby("_area", sort=True).indices.items():
        idx = np.sort(idx)
        days = day[idx]
        for d in np.unique(days):
            a = idx[days == d]
            b = idx[(days == d) | (days == d + 1)]
            ii, jj = np.meshgrid(a, b, indexing="ij")
            ii, jj = ii.ravel(), jj.ravel()
            keep = (ii < jj) | (day[jj] == d + 1)
            ii, jj = ii[keep], jj[keep]
            i, j = np.minimum(ii, jj), np.maximum(ii, jj)
            keep = art[i] != art[j]
            i, j = i[keep], j[keep]
            if not len(i):
                continue
            out.append(
                _grade(
                    i,
                    j,
                    day,
                    lat,
                    lon,
                    gid,
                    prec,
                    explicit,
                    sub,
                    etype,
                    disorder,
                    actors,
                    has_admin1,
                    rules,
                )
            )
    if not out:
        return pd.DataFrame(columns=["i", "j", "grade", "score", "days", "km", "why"])
    return pd.concat(out, ignore_index=True)


def _grade(
    i,
    j,
    day,
    lat,
    lon,
    gid,
    prec,
    explicit,
    sub,
    etype,
    disorder,
    actors,
    has_admin1,
    rules: MergeRules,
) -> pd.DataFrame:
    dd = np.abs(day[i] - day[j])
    inferred = ~(explicit[i] & explicit[j])
    km = _haversine_km(lat[i], lon[i], lat[j], lon[j])
    p = np.maximum(prec[i], prec[j])
    same_gid = (gid[i] == gid[j]) & (gid[i] >= 0)
    limit = np.where(p <= 1, rules.town_km, rules.near_km)
    place_ok = np.where(p <= 2, same_gid | (km <= limit), has_admin1[i] & has_admin1[j])
    place_near_miss = (p <= 2) & ~place_ok & (km <= limit * rules.review_factor)
    place_same = (p <= 1) & place_ok
    same_sub = sub[i] == sub[j]
    same_type = etype[i] == etype[j]
    same_disorder = (disorder[i] == disorder[j]) & (disorder[i] != "")
    conflict = np.array(
        [bool(x) and bool(y) and not (x & y) for x, y in zip(actors[i], actors[j], strict=True)],
        dtype=bool,
    )
    day_ok = (dd == 0) | (inferred & (dd <= rules.day_slack_inferred))
    possible = same_disorder & ~conflict
    high = possible & (dd == 0) & same_type & (place_same | (place_ok & same_sub & (p <= 2)))
    # One shooting reported as an attack by one outlet and a clash by another: violent types
    # of one disorder may merge, but only on the same town and day or with an inferred date
    violent = np.isin(etype[i], _VIOLENT) & np.isin(etype[j], _VIOLENT)
    medium = (
        possible
        & ~high
        & day_ok
        & place_ok
        & ((same_type & ((p <= 2) | (same_sub & (dd == 0)))) | (violent & place_same))
    )
    low = possible & ~high & ~medium & (place_ok | place_near_miss) & (dd <= 1)
    grade = np.where(high, "high", np.where(medium, "medium", np.where(low, "low", None)))
    score = (
        (dd == 0) * 2.0
        + same_gid * 2.0
        + place_ok * 1.0
        + same_sub * 1.0
        + same_type * 1.0
        - np.minimum(km, 50.0) / 50.0
    )
    why = (
        (~day_ok) * _WHY_DAY
        + (~place_ok) * _WHY_PLACE
        + (~same_type) * _WHY_TYPE
        + (place_ok & (p == 3) & ~same_sub) * _WHY_PROVINCE
    )
    kept = grade != None  # noqa: E711 (numpy comparison)
    edges = pd.DataFrame(
        {
            "i": i[kept],
            "j": j[kept],
            "grade": grade[kept],
            "score": score[kept],
            "days": dd[kept],
            "km": km[kept],
            "why": why[kept],
        }
    )
    # Review links are only a reader's shortlist: the best few per mention are kept, so
    # their number grows with the mentions, not with the pairs of a crowded town-day.
    low = edges["grade"] == "low"
    best = (
        edges[low]
        .sort_values(["i", "score", "j"], ascending=[True, False, True], kind="stable")
        .groupby("i", sort=False)
        .head(LOW_LINKS_PER_MENTION)
    )
    return pd.concat([edges[~low], best], ignore_index=True)


# ----------------------------------------------------------------------------- grouping


def _union(m: pd.DataFrame, edges: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Components from high then medium links, strongest first; no article twice."""
    n = len(m)
    parent = np.arange(n)
    arts = m["article_id"].to_numpy(object)
    members: dict[int, set] = {k: {arts[k]} for k in range(n)}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    used = np.zeros(len(edges), dtype=bool)
    if len(edges):
        rank = edges["grade"].map({"high": 0, "medium": 1, "low": 2})
        order = edges.assign(_r=rank).sort_values(
            ["_r", "score", "i", "j"], ascending=[True, False, True, True], kind="stable"
        )
        for k, e in zip(order.index, order.itertuples(index=False), strict=True):
            if e.grade == "low":
                break
            a, b = find(int(e.i)), find(int(e.j))
            if a == b:
                used[k] = True
                continue
            if members[a] & members[b]:
                continue  # would put two events of one article into one
            keep, drop = min(a, b), max(a, b)
            parent[drop] = keep
            members[keep] |= members.pop(drop)
            used[k] = True
    comp = np.array([find(k) for k in range(n)])
    return comp, used


def _event_ids(m: pd.DataFrame, prior: dict[str, str]) -> dict[int, str]:
    """Old ids carried over (the group holding most of an old event keeps its id); new
    groups are named by their smallest mention key, so reruns give the same ids."""
    keys = m.groupby("_comp")["mention_key"].min()
    ids: dict[int, str] = {}
    if prior:
        claims = []
        old = m["mention_key"].map(prior)
        for comp, values in old.groupby(m["_comp"]):
            for old_id, count in Counter(v for v in values if isinstance(v, str)).items():
                claims.append((-count, keys[comp], old_id, comp))
        taken: set[str] = set()
        for _, _, old_id, comp in sorted(claims):
            if comp not in ids and old_id not in taken:
                ids[comp] = old_id
                taken.add(old_id)
    for comp, key in keys.items():
        if comp not in ids:
            ids[comp] = hashlib.sha256(f"event|{key}".encode()).hexdigest()[:16]
    return ids


def _component_grades(m: pd.DataFrame, edges: pd.DataFrame, used: np.ndarray) -> dict[int, str]:
    """A merged event's grade is its weakest applied link ('high' or 'medium')."""
    grade: dict[int, str] = {}
    if len(edges):
        comp = m["_comp"].to_numpy()
        applied = edges[used]
        for i, g in zip(applied["i"], applied["grade"], strict=True):
            c = comp[int(i)]
            if grade.get(c) != "medium":
                grade[c] = g
    return grade
