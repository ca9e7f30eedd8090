"""Stage A's collector setting: raised while a shard is extracted, restored after."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from eventmap.corpus.extract import YOUNG_GC, fewer_young_collections


@pytest.fixture(autouse=True)
def _restore_threshold() -> Iterator[None]:
    saved = gc.get_threshold()
    yield
    gc.set_threshold(*saved)


def test_the_young_threshold_is_raised_while_extracting_and_restored_after() -> None:
    gc.set_threshold(700, 10, 10)
    with fewer_young_collections():
        assert gc.get_threshold() == (YOUNG_GC, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_it_is_restored_after_the_last_of_overlapping_tasks_only() -> None:
    gc.set_threshold(700, 10, 10)
    first, second = fewer_young_collections(), fewer_young_collections()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert gc.get_threshold()[0] == YOUNG_GC  # the second task still extracts
    second.__exit__(None, None, None)
    assert gc.get_threshold() == (700, 10, 10)


def test_it_is_restored_when_the_extraction_fails() -> None:
    gc.set_threshold(700, 10, 10)
    with pytest.raises(RuntimeError), fewer_young_collections():
        raise RuntimeError("a failing shard")
    assert gc.get_threshold() == (700, 10, 10)


@pytest.mark.parametrize("first", [0, 50_000])
def test_a_threshold_set_by_the_user_is_kept_if_collections_are_rarer_or_off(first: int) -> None:
    gc.set_threshold(first, 10, 10)
    with fewer_young_collections():
        assert gc.get_threshold() == (first, 10, 10)
    assert gc.get_threshold() == (first, 10, 10)
