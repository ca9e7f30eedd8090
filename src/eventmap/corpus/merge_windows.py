"""Stage B over a bucket a window of weeks at a time: what a task holds follows a block, not
how many months the corpus spans.

merge.merge_blocks merges a bucket's areas block by block (whole weeks, a day of overlap, a
block cut only where no high or medium pair crosses), but over the prepared mentions of the
whole bucket, all its days at once: at 100,000 invented articles the biggest bucket's frame
and pair arrays were most of a merging worker's memory, ten times those at 10,000. Here the
same loop, block for block and pair for pair, reads the mentions a window at a time: the
rows of the block being merged, the days ahead of it up to about a block's worth
(``BLOCK_MIN`` mentions) and the day after its last week (the overlap, where a pair across
the edge is seen); a block that a merge crosses takes the next week in, as in merge.py.

What is decided over the whole bucket is kept as a few numbers per mention (``BucketIndex``):
which copy of an article counts, each mention's row (mention key order) and area, the day a
follow-up takes (follow_ups.py: a follow-up may come years after its incident, so it is
linked over the bucket's reports that name people, read apart) and each article's copy group.
Results are those of merge_blocks over the whole bucket, byte for byte (tests compare them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from eventmap.corpus import merge
from eventmap.corpus.follow_ups import link_follow_ups
from eventmap.corpus.grade import PairData, day_pairs
from eventmap.corpus.merge import LIGHT_COLUMNS, MergeResult
from eventmap.corpus.merge_prepare import (
    COPY_KEY,
    area_of,
    copy_sources,
    day_of,
    first_copies,
    party_columns,
    row_columns,
)
from eventmap.corpus.rules import DEFAULT_RULES, MergeRules

# what the bucket-wide decisions read of every mention (names only as 'names any people')
THIN_COLUMNS = (
    "article_id",
    "row",
    "input_sha",
    "position",
    "event_date",
    "latitude",
    "longitude",
    "country",
    "admin1",
    "text_sha",
)


@dataclass
class BucketIndex:
    """The bucket-wide decisions, per mention row (mention key order, as merge._prepare)."""

    keys: pd.Index  # mention keys, sorted: a row's number is its position
    day: np.ndarray  # the day pairing uses (a follow-up's incident's)
    area: np.ndarray  # area codes (country x admin1)
    areas: list[np.ndarray]  # each area's rows, areas in merge order
    link: np.ndarray  # follow-up groups (bucket row of the group's root, -1 none)
    date_read: pd.Series  # event_date as in the shards (windows are read by it)
    places: dict[int, set[tuple[Any, Any]]]  # area code -> its (country, admin1) values
    first: pd.DataFrame  # the kept copy of each article (COPY_KEY)
    mentions_in: int = 0  # the bucket's mentions as read, before any is left out
    moved: dict[int, Any] = field(default_factory=dict)  # row -> a follow-up's new event_date
    copy_of: dict[str, str] = field(default_factory=dict)  # article -> source, when not itself


def bucket_index(reader: Any, release: Callable[[], None] = lambda: None) -> BucketIndex:
    """The decisions merge._prepare takes over the whole bucket, from its few columns:
    ``reader`` is merge_task.BucketReader (``thin``, ``articles``, ``signatures``).

    ``release`` (merge_task.release_to_system) runs after each step's big temporaries are
    gone: the copy groups' arrays and the sorted copies of the bucket's columns are freed
    into malloc's heap, which kept them (the biggest bucket of the 100,000-article invented
    run: 55 MB above the worker's start after the copy groups, 34 MB released each step)."""
    thin = reader.thin()
    n_in = len(thin)
    m = first_copies(thin, (*THIN_COLUMNS, "_named"))
    del thin
    release()
    area = area_of(m)
    first = m.drop_duplicates("article_id")[list(COPY_KEY)].reset_index(drop=True)
    index = BucketIndex(
        keys=pd.Index(m["mention_key"]),
        day=day_of(m["event_date"]),
        area=pd.factorize(area)[0],
        areas=list(pd.DataFrame({"_area": area}).groupby("_area", sort=True).indices.values()),
        link=np.full(len(m), -1, dtype="int64"),
        date_read=m["event_date"].reset_index(drop=True),
        places={},
        first=first,
        mentions_in=n_in,
    )
    for code, country, admin1 in zip(index.area, m["country"], m["admin1"], strict=True):
        index.places.setdefault(int(code), set()).add((_value(country), _value(admin1)))
    named = m.loc[m["_named"].fillna(False).astype(bool), "article_id"].unique()
    if len(named):
        _follow_ups(index, reader.articles(list(named)))
    texts = m.drop_duplicates("article_id")[["article_id", "text_sha"]]
    del m, area  # the signatures are read with only what the copy groups need beside them
    found = reader.signatures(first)
    per_article = {a: found.get(a) for a in first["article_id"]}
    del found
    release()
    copy_of = copy_sources(texts, per_article)
    index.copy_of = {a: c for a, c in copy_of.items() if c != a}
    del copy_of, per_article, texts
    release()
    return index


def _follow_ups(index: BucketIndex, named: pd.DataFrame) -> None:
    """link_follow_ups over the mentions of the reports that name people: the others never
    link (no name to share), so their days and groups are the same as over the bucket."""
    sub = first_copies(named, LIGHT_COLUMNS, index.first)
    rows = index.keys.get_indexer(sub["mention_key"])
    row_columns(sub)
    sub = link_follow_ups(sub)
    link = sub["_link"].to_numpy("int64")
    index.link[rows] = np.where(link >= 0, rows[np.maximum(link, 0)], -1)
    index.day[rows] = sub["_day"].to_numpy("int64")
    new, old = sub["event_date"].to_numpy(object), sub["_date_read"].to_numpy(object)
    for k in np.flatnonzero(new != old):
        index.moved[int(rows[k])] = new[k]


def _value(value: object) -> object:
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value


class Window:
    """The prepared mentions of some rows of the bucket (sorted), with their pair arrays."""

    def __init__(self, index: BucketIndex, read: Callable[[list], pd.DataFrame]) -> None:
        self.index, self.read = index, read
        self.rows = np.zeros(0, dtype="int64")
        self.held = np.zeros(len(index.day), dtype=bool)  # by bucket row
        self.frame = pd.DataFrame()
        self.pairs: PairData | None = None

    def has(self, rows: np.ndarray) -> bool:
        return bool(self.held[rows].all())

    def hold(self, rows: np.ndarray) -> None:
        """Hold exactly ``rows``: those held already are kept, the others read."""
        rows = np.unique(rows)
        wanted = np.zeros(len(self.held), dtype=bool)
        wanted[rows] = True
        kept = wanted[self.rows]
        new = rows[~self.held[rows]]
        parts = [self.frame.iloc[np.flatnonzero(kept)]] if kept.any() else []
        if len(new):
            parts.append(self._load(new))
        frame = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
        order = np.argsort(np.concatenate([self.rows[kept], new]), kind="stable")
        self.frame = frame.iloc[order].reset_index(drop=True)
        self.rows, self.held = rows, wanted
        self.pairs = PairData(self.frame)

    def take(self, rows: np.ndarray) -> pd.DataFrame:
        """The prepared mentions of ``rows`` (sorted, held), as a frame of their own."""
        return self.frame.iloc[np.searchsorted(self.rows, rows)].reset_index(drop=True)

    def day_pairs(self, rows: np.ndarray, d: int, rules: MergeRules) -> pd.DataFrame | None:
        """grade.day_pairs of ``rows`` (sorted, held), as bucket row numbers."""
        assert self.pairs is not None
        found = day_pairs(self.pairs, np.searchsorted(self.rows, rows), d, rules)
        if found is not None:
            found["i"] = self.rows[found["i"].to_numpy(int)]
            found["j"] = self.rows[found["j"].to_numpy(int)]
        return found

    def _load(self, rows: np.ndarray) -> pd.DataFrame:
        """merge._prepare's frame for ``rows``, read from the shards by area and dates."""
        ix = self.index
        spans = []
        for code in np.unique(ix.area[rows]):
            dates = ix.date_read.iloc[rows[ix.area[rows] == code]]
            for country, admin1 in sorted(ix.places[int(code)], key=repr):
                spans.append((country, admin1, dates.min(), dates.max()))
        w = first_copies(self.read(spans), LIGHT_COLUMNS, ix.first)
        at = ix.keys.get_indexer(w["mention_key"])
        wanted = np.zeros(len(ix.day), dtype=bool)
        wanted[rows] = True
        w = w[(at >= 0) & wanted[at]].reset_index(drop=True)
        at = ix.keys.get_indexer(w["mention_key"])
        if len(at) != len(rows) or (at != rows).any():
            raise RuntimeError("a window's mentions were not found once each in the shards")
        row_columns(w)
        # the follow-ups' days and groups, as link_follow_ups set them over the bucket
        dates = w["event_date"].to_numpy(object).copy()
        for k in np.flatnonzero(np.isin(at, list(ix.moved))) if ix.moved else ():
            dates[k] = ix.moved[int(at[k])]
        w = w.copy()
        w["_link"] = ix.link[at]
        w["_day"] = ix.day[at]
        w["event_date"] = dates
        party_columns(w)
        w["copy_of"] = w["article_id"].map(lambda a: ix.copy_of.get(a, a))
        return w


def merge_windows(
    index: BucketIndex,
    read: Callable[[list], pd.DataFrame],
    prior: dict[str, str] | None = None,
    rules: MergeRules = DEFAULT_RULES,
    rows: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
) -> Iterator[MergeResult]:
    """merge.merge_blocks's blocks, from windows of mentions ``read`` from the shards
    (``read(spans)``: the light rows of (country, admin1, first date, last date) spans)."""
    if not len(index.day):
        return
    day, area = index.day, index.area
    win = Window(index, read)
    eid = np.full(len(day), None, dtype=object)
    taken: set[str] = set()
    done: list[np.ndarray] = []
    parts: list[pd.DataFrame] = []
    pending = merge._no_edges()
    pending_rows = np.zeros(0, dtype="int64")
    pending_sub = pd.DataFrame()
    for n_area, idx in enumerate(index.areas):
        idx = np.sort(idx)
        days = day[idx]
        uniq = np.unique(days)
        first = uniq[0]
        for k, d in enumerate(uniq):
            near = idx[(days == d) | (days == d + 1)]
            if not win.has(near):  # the block so far and the days ahead
                block_so_far = idx[(days >= first) & (days < d)]
                ahead = _ahead(idx, days, d, sum(len(r) for r in done) + len(block_so_far))
                win.hold(np.concatenate([*done, block_so_far, ahead, near]))
            found = win.day_pairs(near, d, rules)
            if found is not None:
                parts.append(found)
            nxt = uniq[k + 1] if k + 1 < len(uniq) else None
            if nxt is not None and merge._week(nxt) == merge._week(d):
                continue
            size = sum(len(r) for r in done) + int(((days >= first) & (days <= d)).sum())
            last = nxt is None and n_area == len(index.areas) - 1
            if size < merge.BLOCK_MIN and not last:
                continue
            edges = pd.concat(parts, ignore_index=True) if parts else merge._no_edges()
            parts = [edges]
            i, j = edges["i"].to_numpy(int), edges["j"].to_numpy(int)
            across = ((day[i] == d + 1) | (day[j] == d + 1)) & (area[i] == area[idx[0]])
            if (across & (edges["grade"] != "low").to_numpy()).any():
                continue  # a merge may cross this edge: the block takes the next week too
            block = np.sort(np.concatenate([*done, idx[(days >= first) & (days <= d)]]))
            result = merge.merge_rows_of(
                win.take(block), block, edges[~across], prior or {}, taken, eid, rows
            )
            if len(pending):
                result.links = pd.concat(
                    [result.links, merge.links_between(pending_sub, pending_rows, eid, pending)],
                    ignore_index=True,
                )
            result.stats["links"] = merge._count(edges)
            yield result
            pending, parts, done, first = edges[across], [], [], nxt
            pending_rows = merge.edge_rows(pending) if len(pending) else pending_rows[:0]
            pending_sub = win.take(pending_rows) if len(pending) else pd.DataFrame()
        if first is not None:  # the area's last days wait in the block for the next area
            done.append(idx[days >= first])


def _ahead(idx: np.ndarray, days: np.ndarray, d: int, held: int) -> np.ndarray:
    """The area's rows from day ``d`` on that a block starting with ``held`` mentions will
    likely take: up to the week in which it reaches BLOCK_MIN, and the day after it."""
    later = np.sort(days[days >= d])
    want = max(merge.BLOCK_MIN - held, 1)
    if len(later) <= want:
        return idx[days >= d]
    end = later[want - 1]
    last = (merge._week(end) + 1) * 7 - 3  # the Monday after that week: the day of overlap
    return idx[(days >= d) & (days <= last)]
