"""Shards: fixed record ranges, sized from the workers when no size is given."""

from __future__ import annotations

import pytest

from eventmap.corpus.inputs import InputSource
from eventmap.corpus.shards import DEFAULT_SHARD_SIZE, SIZE_STEP, auto_size, plan


def _source(records: int, sha: str = "a" * 64) -> InputSource:
    return InputSource(path=f"/tmp/in-{sha[:4]}.jsonl", kind="jsonl", sha256=sha, records=records)


@pytest.mark.parametrize(
    ("records", "workers", "size"),
    [
        (2792, 2, 400),  # the dedup kit's dev split on this machine: 7 shards, not 2
        (2792, 1, 700),
        (600, 2, 100),
        (10, 8, SIZE_STEP),  # never below the step: a shard's files cost something
        (100_000, 2, DEFAULT_SHARD_SIZE),  # never above the default: a worker holds a shard
        (0, 2, SIZE_STEP),
    ],
)
def test_auto_size(records: int, workers: int, size: int):
    assert auto_size(records, workers) == size


def test_a_few_shards_per_worker_keep_two_workers_even():
    for records in (1_000, 2_792, 7_777, 15_999):
        shards = plan([_source(records)], None, workers=2)
        sizes = [s.stop - s.start for s in shards]
        assert sum(sizes) == records
        # taken as they free up, the busiest worker ends at most one shard after the other
        assert len(shards) >= 4 or max(sizes) == SIZE_STEP


def test_sizes_are_per_input_so_a_new_input_keeps_the_others_shards():
    old = _source(2792)
    alone = plan([old], None, workers=2)
    with_more = plan([old, _source(50_000, "b" * 64)], None, workers=2)
    assert [s.key for s in alone] == [s.key for s in with_more if s.source == old]


def test_a_given_size_is_kept_and_checked():
    shards = plan([_source(1000)], 300)
    assert [(s.start, s.stop) for s in shards] == [(0, 300), (300, 600), (600, 900), (900, 1000)]
    with pytest.raises(ValueError):
        plan([_source(10)], 0)
