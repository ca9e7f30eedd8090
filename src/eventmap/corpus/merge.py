"""Stage B: reports of one incident become one event (pandas, one block of area x week at a time).

Pairs of event mentions are compared within a country x admin1 area, each day with itself
and the next; the rules (rules.py, grade.py) grade each pair high, medium or low. High and
medium links are applied strongest first, never joining two groups that hold events of the
same article; low links go to ``candidate_links`` for a person to review. Merged events keep
every source (``event_sources``), code fatalities as ACLED does (the lowest credible
figure) beside the low-high range, and say how well they are corroborated.

Blocks: an area's days are merged a week at a time, each week with one day of overlap (its
last day is paired with the next week's first). A week ends its block only when no high or
medium pair crosses into the next day; otherwise the block takes the next week too. So a
merge across a block edge is decided with all its pairs in view, exactly as if the area were
merged whole, and memory follows a block's pairs, not the corpus. Low links across an edge
are written once the next block has named its events.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from eventmap.corpus.grade import EDGE_COLUMNS, PairData, day_pairs
from eventmap.corpus.merge_prepare import Signatures, _prepare
from eventmap.corpus.merge_rows import (
    GRADES,
    LINK_COLUMNS,
    MERGED_COLUMNS,
    SOURCE_COLUMNS,
    candidate_links,
    merged_rows,
    source_rows,
)
from eventmap.corpus.rules import DEFAULT_RULES, MergeRules
from eventmap.corpus.tables import SHARD_EVENT_COLUMNS

# What pairing (grade.PairData), grouping and naming read of each mention: a bucket's
# mentions are held with these only, the rest is read block by block (merge_task.py). The
# MinHash signatures (copy groups) are read apart, shard by shard (``signatures``).
LIGHT_COLUMNS = (
    "article_id",
    "row",
    "input_sha",
    "position",
    "event_id",
    "event_date",
    "date_text",
    "time_precision",
    "latitude",
    "longitude",
    "geonameid",
    "geo_precision",
    "location_kind",
    "country",
    "admin1",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "verified",
    "text_sha",
    "names",
)
BLOCK_MIN = 2000  # mentions: a block smaller than this takes the next week or area too


@dataclass
class MergeResult:
    events: pd.DataFrame
    sources: pd.DataFrame
    links: pd.DataFrame
    stats: dict = field(default_factory=dict)


def merge_events(
    mentions: pd.DataFrame,
    prior: dict[str, str] | None = None,
    rules: MergeRules = DEFAULT_RULES,
) -> MergeResult:
    """Merge one bucket's dated event mentions; ``prior`` maps mention keys to old ids.

    The blocks' results as one (tests, the bench); stage B writes them block by block."""
    blocks = list(merge_blocks(mentions, prior, rules))
    stats = {"mentions_in": len(mentions)} | sum_block_stats([b.stats for b in blocks])
    if not blocks:
        return MergeResult(
            pd.DataFrame(columns=list(MERGED_COLUMNS)),
            pd.DataFrame(columns=list(SOURCE_COLUMNS)),
            pd.DataFrame(columns=list(LINK_COLUMNS)),
            stats,
        )
    events = pd.concat([b.events for b in blocks], ignore_index=True)
    sources = pd.concat([b.sources for b in blocks], ignore_index=True)
    links = pd.concat([b.links for b in blocks], ignore_index=True)
    return MergeResult(
        events.sort_values(["event_date", "event_id"], kind="stable").reset_index(drop=True),
        sources.sort_values(
            ["event_id", "published", "article_id", "row"], kind="stable", na_position="last"
        ).reset_index(drop=True),
        links.sort_values(["event_id_a", "event_id_b"], kind="stable").reset_index(drop=True),
        stats,
    )


def sum_block_stats(stats: list[dict]) -> dict:
    total = {"mentions": 0, "events": 0, "links": {g: 0 for g in GRADES}, "links_applied": 0}
    for s in stats:
        for key in ("mentions", "events", "links_applied"):
            total[key] += s.get(key, 0)
        for g, n in s.get("links", {}).items():
            total["links"][g] += n
    return total


def merge_blocks(
    mentions: pd.DataFrame,
    prior: dict[str, str] | None = None,
    rules: MergeRules = DEFAULT_RULES,
    rows: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    signatures: Signatures | None = None,
) -> Iterator[MergeResult]:
    """One result per block: whole weeks of areas in order, at least BLOCK_MIN mentions
    (but the last), cut only where no high or medium pair crosses the edge.

    ``rows``: when given, ``mentions`` holds only the ``LIGHT_COLUMNS`` (what pairing,
    grouping and naming read) and ``rows`` returns a block's full rows for those light
    rows, in their order (merge_task reads them from the shards); so the texts, quotes and
    urls of a bucket never sit in memory all at once, only a block's. ``signatures``: when
    given, the MinHash signatures are not in ``mentions`` (see ``_prepare``)."""
    m = _prepare(mentions, LIGHT_COLUMNS if rows is not None else SHARD_EVENT_COLUMNS, signatures)
    del mentions  # the caller's frame, if it dropped its own reference, goes now
    if m.empty:
        return
    p = PairData(m)
    eid = np.full(len(m), None, dtype=object)  # each mention's event id, once its block is done
    taken: set[str] = set()
    done: list[np.ndarray] = []  # rows of the block so far from areas before this one
    parts: list[pd.DataFrame] = []
    pending = _no_edges()  # low links across the last edge, named once this block is done
    areas = list(m.groupby("_area", sort=True).indices.values())
    for n_area, idx in enumerate(areas):
        idx = np.sort(idx)
        days = p.day[idx]
        uniq = np.unique(days)
        first = uniq[0]
        for k, d in enumerate(uniq):
            found = day_pairs(p, idx, d, rules)
            if found is not None:
                parts.append(found)
            nxt = uniq[k + 1] if k + 1 < len(uniq) else None
            if nxt is not None and _week(nxt) == _week(d):
                continue
            size = sum(len(r) for r in done) + int(((days >= first) & (days <= d)).sum())
            last = nxt is None and n_area == len(areas) - 1
            if size < BLOCK_MIN and not last:
                continue  # too small to be worth a block of its own: it grows
            edges = pd.concat(parts, ignore_index=True) if parts else _no_edges()
            parts = [edges]
            i, j = edges["i"].to_numpy(int), edges["j"].to_numpy(int)
            across = ((p.day[i] == d + 1) | (p.day[j] == d + 1)) & (p.area[i] == p.area[idx[0]])
            if (across & (edges["grade"] != "low").to_numpy()).any():
                continue  # a merge may cross this edge: the block takes the next week too
            block = np.sort(np.concatenate([*done, idx[(days >= first) & (days <= d)]]))
            sub = m.iloc[block].reset_index(drop=True)
            result = merge_rows_of(sub, block, edges[~across], prior or {}, taken, eid, rows)
            if len(pending):
                result.links = pd.concat(
                    [result.links, _links_across(m, eid, pending)], ignore_index=True
                )
            result.stats["links"] = _count(edges)
            yield result
            pending, parts, done, first = edges[across], [], [], nxt
        if first is not None:  # the area's last days wait in the block for the next area
            done.append(idx[days >= first])


def _week(day: int) -> int:
    """Weeks from Monday to Sunday (day 0, 1 January 1970, was a Thursday)."""
    return (int(day) + 3) // 7


def _no_edges() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=int if c in "ij" else object) for c in EDGE_COLUMNS})


def _count(edges: pd.DataFrame) -> dict[str, int]:
    return {g: int((edges["grade"] == g).sum()) for g in GRADES}


def _local(block: np.ndarray, edges: pd.DataFrame) -> pd.DataFrame:
    """The edges renumbered to rows of ``m.iloc[block]`` (``block`` is sorted)."""
    local = edges.reset_index(drop=True).copy()
    local["i"] = np.searchsorted(block, edges["i"].to_numpy(int))
    local["j"] = np.searchsorted(block, edges["j"].to_numpy(int))
    return local


def merge_rows_of(
    sub: pd.DataFrame,
    block: np.ndarray,
    edges: pd.DataFrame,
    prior: dict[str, str],
    taken: set[str],
    eid: np.ndarray,
    rows: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
) -> MergeResult:
    """One block merged: ``sub`` its prepared mentions (rows ``block`` of the bucket, in
    order), ``edges`` its pairs (bucket row numbers)."""
    if rows is not None:
        sub = rows(sub)
    local = _local(block, edges)
    comp, used = _union(sub, local)
    sub["_comp"] = comp
    ids = _event_ids(sub, prior, taken)
    sub["event_id_merged"] = sub["_comp"].map(ids)
    eid[block] = sub["event_id_merged"].to_numpy(object)
    link_grade = _component_grades(sub, local, used)
    events = merged_rows(sub, link_grade)
    stats = {
        "mentions": len(sub),
        "events": len(events),
        "links_applied": int(used.sum()) if len(used) else 0,
    }
    return MergeResult(events, source_rows(sub), candidate_links(sub, local), stats)


def _links_across(m: pd.DataFrame, eid: np.ndarray, edges: pd.DataFrame) -> pd.DataFrame:
    """Review links between the events of two blocks (both blocks are done)."""
    rows = edge_rows(edges)
    return links_between(m.iloc[rows].reset_index(drop=True), rows, eid, edges)


def edge_rows(edges: pd.DataFrame) -> np.ndarray:
    return np.unique(np.concatenate([edges["i"].to_numpy(int), edges["j"].to_numpy(int)]))


def links_between(
    sub: pd.DataFrame, rows: np.ndarray, eid: np.ndarray, edges: pd.DataFrame
) -> pd.DataFrame:
    """Review links of ``edges`` between two blocks' events, ``sub`` the mentions of
    ``rows`` (edge_rows)."""
    sub = sub.copy()
    sub["event_id_merged"] = eid[rows]
    return candidate_links(sub, _local(rows, edges))


# ----------------------------------------------------------------------------- pairs


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


def _event_ids(m: pd.DataFrame, prior: dict[str, str], taken: set[str]) -> dict[int, str]:
    """Old ids carried over (the group holding most of an old event keeps its id; ``taken``:
    ids already given in earlier blocks); new groups are named by their smallest mention key,
    so reruns give the same ids."""
    keys = m.groupby("_comp")["mention_key"].min()
    ids: dict[int, str] = {}
    if prior:
        claims = []
        old = m["mention_key"].map(prior)
        for comp, values in old.groupby(m["_comp"]):
            for old_id, count in Counter(v for v in values if isinstance(v, str)).items():
                claims.append((-count, keys[comp], old_id, comp))
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
