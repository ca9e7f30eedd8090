"""Stage B's preparation of a bucket's mentions for merging (merge.py): one copy of each
article, in mention key order, with what pairing reads of each mention, the follow-ups'
days (follow_ups.py) and each article's copy group (minhash.py).

The steps are apart so that merge_windows.py can take the bucket-wide ones (which copy of
an article is kept, the follow-ups, the copy groups) over the whole bucket's few columns and
the per-mention ones over a window of rows at a time.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from eventmap.corpus.follow_ups import link_follow_ups
from eventmap.corpus.merge_rows import _GENERIC_ACTOR
from eventmap.corpus.minhash import copy_groups
from eventmap.corpus.tables import SHARD_EVENT_COLUMNS

_MONTH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d|"
    r"\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)|"
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b",
    re.IGNORECASE,
)


# the kept copy of each article (article_id, input_sha, position) -> its signature by id
Signatures = Callable[[pd.DataFrame], dict[str, bytes | None]]


def _prepare(
    mentions: pd.DataFrame,
    columns: tuple[str, ...] = SHARD_EVENT_COLUMNS,
    signatures: Signatures | None = None,
) -> pd.DataFrame:
    """The mentions merging reads: dated and placed, one copy of each article, in mention key
    order, with the follow-ups' days and each article's copy group (``copy_of``).

    ``signatures``: given the kept copy of each article (``article_id``, ``input_sha``,
    ``position``), their MinHash signatures by article id; without it they are read from the
    ``minhash`` column. Stage B reads them apart: held in a bucket's frame, the 512-byte
    signatures were most of its memory (Arrow's read of the column, then a Python object
    per mention)."""
    m = first_copies(mentions, columns)
    row_columns(m)
    m = link_follow_ups(m)  # a follow-up report takes its incident's day
    party_columns(m)
    if signatures is None:
        sigs = [s if isinstance(s, bytes | bytearray) else None for s in m["minhash"]]
        per_article = dict(zip(m["article_id"], sigs, strict=True))
    else:
        kept = m.drop_duplicates("article_id")[["article_id", "input_sha", "position"]]
        found = signatures(kept)
        per_article = {a: found.get(a) for a in kept["article_id"]}
        del found
    copy_of = copy_sources(m, per_article)
    m["copy_of"] = m["article_id"].map(lambda a: copy_of[a])
    # read once, for the copy groups; the biggest cell
    return m.drop(columns="minhash", errors="ignore")


def first_copies(
    mentions: pd.DataFrame, columns: tuple[str, ...], first: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The dated and placed mentions of one copy of each article, in mention key order.
    The same article given twice (same id) counts once: its first copy (by input and
    position) is kept; ``first``: the kept copies when they were chosen over more mentions
    than these (a window of a bucket: merge_windows.py)."""
    m = mentions.copy()
    for column in columns:  # tolerate frames from elsewhere (tests, notebooks)
        if column not in m.columns:
            m[column] = None
    m = m[m["event_date"].notna() & m["latitude"].notna() & m["longitude"].notna()]
    m = m.sort_values(["article_id", "input_sha", "position", "row"], kind="stable")
    if first is None:
        first = m.drop_duplicates("article_id")[list(COPY_KEY)]
    m = m.merge(first, on=list(COPY_KEY), how="inner")
    m["mention_key"] = m["article_id"].astype(str) + "#" + m["row"].astype(str)
    return m.sort_values("mention_key", kind="stable").reset_index(drop=True)


COPY_KEY = ("article_id", "input_sha", "position")  # one copy of an article


def area_of(m: pd.DataFrame) -> pd.Series:
    return m["country"].fillna("") + "|" + m["admin1"].fillna("")


def day_of(event_date: pd.Series) -> np.ndarray:
    """Days since 1970-01-01 (NaT's integer for a date that does not parse)."""
    days = pd.to_datetime(event_date, errors="coerce").values.astype("datetime64[D]")
    return days.astype("int64")


def row_columns(m: pd.DataFrame) -> None:
    """What pairing reads of each mention's own columns (in place)."""
    m["_day"] = day_of(m["event_date"])
    m["_explicit"] = m["date_text"].fillna("").map(lambda t: bool(_MONTH.search(t)))
    m["_area"] = area_of(m)
    m["_prec"] = pd.to_numeric(m["geo_precision"], errors="coerce").fillna(3).astype(int)
    m["_date_read"] = m["event_date"]  # as in the shards (merge_task reads blocks by it)


def party_columns(m: pd.DataFrame) -> None:
    """Whether a mention is a party's claim, and its named actors (in place)."""
    m["_party"] = m["verified"].map(lambda v: v is not None and not pd.isna(v) and not bool(v))
    m["_actors"] = [
        frozenset(a for a in (x, y) if isinstance(a, str) and not _GENERIC_ACTOR.match(a))
        for x, y in zip(m["actor1"], m["actor2"], strict=True)
    ]


def copy_sources(m: pd.DataFrame, signatures: dict[str, bytes | None]) -> dict[str, str]:
    """Each article's source: the smallest id of its near-identical texts and of the texts
    with its exact hash (``m``: prepared mentions, one copy of each article)."""
    by_text = m.drop_duplicates("article_id").groupby("text_sha")["article_id"].min()
    groups = copy_groups(list(signatures), list(signatures.values()))
    text_of = dict(zip(m["article_id"], m["text_sha"], strict=True))
    return {a: min(groups[a], by_text.get(text_of[a], groups[a])) for a in text_of}
