"""Stage B a window of weeks at a time: the same blocks, byte for byte, as merge_blocks over
the whole bucket, with a window that holds about a block and reports of one incident that
straddle a window's edge still merged."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest

from eventmap.corpus import merge, merge_windows
from eventmap.corpus.extract import bucket_of
from eventmap.corpus.merge_rows import MERGED_COLUMNS
from eventmap.corpus.merge_task import BucketReader, read_bucket
from eventmap.corpus.merge_windows import bucket_index
from eventmap.corpus.minhash import signature
from eventmap.corpus.tables import to_arrow, write_shard_table
from tests.test_corpus_merge_task import PLACES, assert_same_result, corpus_rows


def _shards(root: Path, rows: list[dict], size: int = 400) -> list[str]:
    keys = []
    for k in range(0, len(rows), size):  # shards written as stage A writes them
        key = f"shard-{k:04d}"
        write_shard_table("events", rows[k : k + size], root / key / "events.parquet")
        keys.append(key)
    return keys


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("shards")
    return root, _shards(root, corpus_rows(900))


def _windowed(root: Path, keys: list[str], bucket: int, prior=None) -> list[merge.MergeResult]:
    reader = BucketReader(root, keys, bucket)
    return list(
        merge_windows.merge_windows(bucket_index(reader), reader.window, prior, rows=reader.rows)
    )


def _same(old: list[merge.MergeResult], new: list[merge.MergeResult]) -> None:
    assert len(new) == len(old)
    for a, b in zip(old, new, strict=True):
        assert_same_result(a, b)


@pytest.mark.parametrize("block_min", [7, 60, 100_000])
def test_windows_give_the_blocks_of_the_whole_bucket(shards, monkeypatch, block_min):
    root, keys = shards
    monkeypatch.setattr(merge, "BLOCK_MIN", block_min)
    held: list[int] = []
    hold = merge_windows.Window.hold

    def spy(self, rows):
        hold(self, rows)
        held.append(len(self.rows))

    monkeypatch.setattr(merge_windows.Window, "hold", spy)
    for bucket in sorted({bucket_of("Syria", p[0]) for p in PLACES}):
        whole = read_bucket(root, keys, bucket)
        old = list(merge.merge_blocks(whole))
        held.clear()
        _same(old, _windowed(root, keys, bucket))
        if block_min == 7:  # a window holds about a block (and a week ahead), not the bucket
            biggest = max(b.stats["mentions"] for b in old)
            assert max(held) <= biggest + 10 and max(held) < len(whole) / 2
        # ids carried over from an earlier run, some of them claimed by two events
        prior: dict[str, str] = {}
        rng = random.Random(bucket)
        for block in old:
            for key, eid in zip(
                block.sources["article_id"] + "#" + block.sources["row"].astype(str),
                block.sources["event_id"],
                strict=True,
            ):
                prior[key] = eid if rng.random() < 0.8 else f"old-{rng.randrange(40)}"
        _same(list(merge.merge_blocks(whole, prior)), _windowed(root, keys, bucket, prior))


def test_the_bucket_index_moves_follow_ups_as_the_whole_bucket_does(shards):
    root, keys = shards
    bucket = bucket_of("Syria", "Idlib")
    prepared = merge._prepare(read_bucket(root, keys, bucket))
    index = bucket_index(BucketReader(root, keys, bucket))
    assert list(index.keys) == list(prepared["mention_key"])
    assert (index.day == prepared["_day"].to_numpy()).all()
    assert (index.link == prepared["_link"].to_numpy()).all()
    assert len(index.moved) == (prepared["event_date"] != prepared["_date_read"]).sum() >= 3


def _report(article: str, day: str, **extra: object) -> dict:
    """One mention at Saraqib (Idlib) of an armed clash, its text its own."""
    admin1, lat, lon, gid = PLACES[0]
    text = f"report {article} " * 6
    row = {
        "article_id": article,
        "row": 0,
        "event_id": f"{article}-0",
        "event_id_cnty": "SYR-EM-x",
        "event_date": day,
        "date_text": "yesterday",
        "latitude": lat,
        "longitude": lon,
        "geonameid": gid,
        "geo_precision": 1,
        "country": "Syria",
        "admin1": admin1,
        "location": "Saraqib",
        "sub_event_type": "Armed clash",
        "event_type": "Battles",
        "disorder_type": "Political violence",
        "fatalities": 3,
        "input_sha": "in-1",
        "position": int(article[1:]),
        "published": day,
        "text_sha": f"sha-{text}",
        "minhash": signature(text),
        "bucket": bucket_of("Syria", admin1),
        "names": "",
    }
    return row | extra


def test_an_incident_told_either_side_of_a_window_edge_stays_one_event(tmp_path, monkeypatch):
    """Windows of one week: the window ending Sunday 8 December also holds Monday the 9th (its
    day of overlap), so the Sunday and Monday reports of one incident are seen together and
    the block takes the next week in; the merge is that of the area merged whole."""
    rows = [
        _report("a1", "2024-12-02", date_text="on 2 December", sub_event_type="Air/drone strike"),
        _report("a2", "2024-12-04", date_text="on 4 December", sub_event_type="Looting"),
        _report("a3", "2024-12-08"),  # a Sunday: 'yesterday', counted back
        _report("a4", "2024-12-09"),  # the Monday after: the same incident
        _report("a5", "2024-12-12", date_text="on 12 December", sub_event_type="Looting"),
        _report("a6", "2024-12-20", date_text="on 20 December", sub_event_type="Looting"),
    ]
    keys = _shards(tmp_path, rows, size=2)
    bucket = rows[0]["bucket"]
    whole = merge.merge_events(read_bucket(tmp_path, keys, bucket))
    event_of = dict(zip(whole.sources["article_id"], whole.sources["event_id"], strict=True))
    assert event_of["a3"] == event_of["a4"] and len(set(event_of.values())) == 5
    monkeypatch.setattr(merge, "BLOCK_MIN", 2)
    held: list[list[int]] = []
    hold = merge_windows.Window.hold

    def spy(self, rows):
        hold(self, rows)
        held.append(sorted(self.rows.tolist()))

    monkeypatch.setattr(merge_windows.Window, "hold", spy)
    blocks = _windowed(tmp_path, keys, bucket)
    # the first window: the week of 2 to 8 December and Monday the 9th (a1 to a4's rows);
    # the next one holds the block that took the next week in, never the whole area
    assert held[0] == [0, 1, 2, 3]
    assert len(held) >= 2 and all(len(h) < len(rows) for h in held)
    got = {
        a: e
        for b in blocks
        for a, e in zip(b.sources["article_id"], b.sources["event_id"], strict=True)
    }
    assert got == event_of
    events = pd.concat([b.events for b in blocks], ignore_index=True)
    events = events.sort_values(["event_date", "event_id"], kind="stable").reset_index(drop=True)
    assert to_arrow(events, MERGED_COLUMNS).equals(to_arrow(whole.events, MERGED_COLUMNS))
