"""Stage B's block reading: a bucket's mentions read a block at a time from the shards give
exactly the rows, and so the merged tables, of the bucket read whole."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from eventmap.corpus import merge
from eventmap.corpus.extract import bucket_of
from eventmap.corpus.merge_rows import LINK_COLUMNS, MERGED_COLUMNS, SOURCE_COLUMNS
from eventmap.corpus.merge_task import BucketReader, read_bucket, run_bucket
from eventmap.corpus.minhash import signature
from eventmap.corpus.tables import EVENT_ROW_GROUP, SHARD_EVENT_COLUMNS, to_arrow, write_shard_table

PLACES = (  # (admin1 or None, latitude, longitude, geonameid)
    ("Idlib", 35.8645, 36.8005, 169023),
    ("Idlib", 35.9306, 36.6339, 169389),
    ("Aleppo", 36.2021, 37.1343, 170063),
    ("Hama", 35.1318, 36.7578, 170017),
    (None, 34.8, 38.9, None),  # a province the geocoder did not name
)
TYPES = (
    ("Shelling/artillery/missile attack", "Explosions/Remote violence"),
    ("Armed clash", "Battles"),
    ("Air/drone strike", "Explosions/Remote violence"),
)


def assert_same_result(a: merge.MergeResult, b: merge.MergeResult) -> None:
    """Two merges of a block agree table for table, byte for byte, and in their counts."""
    for cols, x, y in (
        (MERGED_COLUMNS, a.events, b.events),
        (SOURCE_COLUMNS, a.sources, b.sources),
        (LINK_COLUMNS, a.links, b.links),
    ):
        assert to_arrow(x, cols).equals(to_arrow(y, cols))
    assert a.stats == b.stats


def corpus_rows(n_articles: int, seed: int = 3) -> list[dict]:
    """Invented mentions over five areas and ten weeks: reports of one incident on the same
    or the next day, wire copies, a few articles with two events, and one article id that
    comes twice (two inputs, the second a changed copy)."""
    rng = random.Random(seed)
    rows: list[dict] = []
    start = dt.date(2024, 1, 1)
    for a in range(n_articles):
        article = f"art-{a:04d}"
        incident = rng.randrange(n_articles // 3)
        irng = random.Random(incident)
        admin1, lat, lon, gid = PLACES[irng.randrange(len(PLACES))]
        day = start + dt.timedelta(days=irng.randrange(70) + rng.choice((0, 0, 1)))
        sub, etype = TYPES[irng.randrange(len(TYPES))]
        text = f"incident {incident} " * 6 if rng.random() < 0.3 else f"article {a} " * 6
        # follow-ups: weeks later, naming the incident's people (its day is then moved)
        follow = incident % 5 == 0 and rng.random() < 0.5
        names = f"Jo Doe{incident}, 23;Al Roe{incident}, 41" if incident % 5 == 0 else ""
        day += dt.timedelta(days=15 if follow else 0)
        for row in range(rng.choice((1, 1, 1, 2))):
            rows.append(
                {
                    "article_id": article,
                    "row": row,
                    "event_id": f"{article}-{row}",
                    "event_id_cnty": "SYR-EM-x",
                    "event_date": (day + dt.timedelta(days=7 * row)).isoformat(),
                    "date_text": "on the day" if rng.random() < 0.2 else f"on {day:%d %B %Y}",
                    "latitude": lat,
                    "longitude": lon,
                    "geonameid": gid,
                    "geo_precision": 1 if gid else 3,
                    "country": "Syria",
                    "admin1": admin1,
                    "location": admin1 or "somewhere",
                    "sub_event_type": sub,
                    "event_type": etype,
                    "disorder_type": "Political violence",
                    "actor1": rng.choice((None, "Military Forces of Syria", "unidentified")),
                    "fatalities": irng.randrange(5) + rng.choice((0, 1)),
                    "fatalities_text": "killed",
                    "verified": rng.choice((None, True, False)),
                    "outlet": f"outlet-{rng.randrange(6)}",
                    "published": day.isoformat(),
                    "quote": f"quote of {article} row {row}",
                    "notes": "x" * rng.randrange(200),
                    "input_sha": "in-1",
                    "position": a,
                    "text_sha": f"sha-{text}",
                    "minhash": signature(text),
                    "bucket": bucket_of("Syria", admin1),
                    "names": names,
                }
            )
    again = [dict(r, input_sha="in-2", position=0, quote="changed") for r in rows[:2]]
    return rows + again


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("shards")
    rows = corpus_rows(900)
    keys = []
    for k in range(0, len(rows), 400):  # shards written as stage A writes them
        key = f"shard-{k:04d}"
        write_shard_table("events", rows[k : k + 400], root / key / "events.parquet")
        keys.append(key)
    return root, keys


def test_shard_events_are_sorted_in_small_row_groups(shards):
    root, keys = shards
    f = pq.ParquetFile(root / keys[0] / "events.parquet")
    assert f.metadata.num_row_groups > 1
    assert max(f.metadata.row_group(i).num_rows for i in range(f.num_row_groups)) <= (
        EVENT_ROW_GROUP
    )
    t = f.read(columns=["bucket", "country", "admin1", "event_date"]).to_pandas()
    assert t["bucket"].is_monotonic_increasing


@pytest.mark.parametrize("block_min", [7, 60, 100_000])
def test_block_reads_give_the_rows_and_tables_of_the_whole_bucket(shards, monkeypatch, block_min):
    root, keys = shards
    monkeypatch.setattr(merge, "BLOCK_MIN", block_min)
    buckets = sorted({bucket_of("Syria", p[0]) for p in PLACES})
    n_blocks = 0
    for bucket in buckets:
        whole = read_bucket(root, keys, bucket)
        reader = BucketReader(root, keys, bucket)
        assert len(reader.light()) == len(whole)
        old = list(merge.merge_blocks(whole))
        got: list[pd.DataFrame] = []

        def rows(block: pd.DataFrame, reader=reader, got=got) -> pd.DataFrame:
            got.append(reader.rows(block))
            return got[-1]

        new = list(merge.merge_blocks(reader.light(), rows=rows, signatures=reader.signatures))
        assert len(new) == len(old) == len(got)
        n_blocks += len(new)
        prepared = merge._prepare(whole)
        for a, b, full in zip(old, new, got, strict=True):
            assert_same_result(a, b)
            # the rows read for the block are exactly the whole bucket's rows of its mentions
            expect = prepared.set_index("mention_key").loc[full["mention_key"]]
            columns = [c for c in SHARD_EVENT_COLUMNS if c != "minhash"]
            assert to_arrow(full, columns).equals(to_arrow(expect.reset_index(), columns))
    if block_min == 7:
        assert n_blocks > 2 * len(buckets)  # the blocks really cut the buckets


def test_the_corpus_has_follow_ups_whose_day_the_merge_moves(shards):
    root, keys = shards
    prepared = merge._prepare(read_bucket(root, keys, bucket_of("Syria", "Idlib")))
    assert (prepared["event_date"] != prepared["_date_read"]).sum() >= 3


def test_run_bucket_writes_the_tables_of_merge_events(shards, tmp_path):
    root, keys = shards
    bucket = bucket_of("Syria", "Idlib")
    stats = run_bucket(bucket, str(root), keys, str(tmp_path))
    whole = merge.merge_events(read_bucket(root, keys, bucket))
    assert stats["events"] == len(whole.events) > 0
    part = tmp_path / f"bucket-{bucket:03d}"
    events = pd.read_parquet(part / "events.parquet")
    order = ["event_date", "event_id"]
    assert to_arrow(events.sort_values(order).reset_index(drop=True), MERGED_COLUMNS).equals(
        to_arrow(whole.events, MERGED_COLUMNS)
    )


def test_signatures_are_those_of_the_kept_copy_of_each_article(tmp_path):
    rows = corpus_rows(30)
    bucket = rows[0]["bucket"]
    same = [r for r in rows if r["bucket"] == bucket]
    other = dict(same[0], input_sha="in-0", position=7, minhash=signature("another text " * 5))
    write_shard_table("events", same, tmp_path / "a" / "events.parquet")
    write_shard_table("events", [other], tmp_path / "b" / "events.parquet")
    reader = BucketReader(tmp_path, ["a", "b"], bucket)
    aid = same[0]["article_id"]
    kept = pd.DataFrame(
        {"article_id": [aid, "nobody"], "input_sha": ["in-0", "in-1"], "position": [7.0, 1.0]}
    )
    assert reader.signatures(kept) == {aid: other["minhash"]}  # the copy asked for, no other
    kept.loc[0, ["input_sha", "position"]] = [same[0]["input_sha"], same[0]["position"]]
    assert reader.signatures(kept) == {aid: same[0]["minhash"]}
