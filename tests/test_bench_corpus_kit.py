"""The corpus bench's work folder: one per checkout, held by one bench at a time."""

import fcntl
from pathlib import Path

import pytest

from benchmarks import corpus_kit


def test_the_work_folder_belongs_to_this_checkout() -> None:
    assert corpus_kit.WORK.name.startswith("eventmap-bench-corpus-")
    assert Path("/tmp/eventmap-bench-corpus") != corpus_kit.WORK


def test_a_second_bench_cannot_take_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(corpus_kit, "WORK", tmp_path / "work")
    monkeypatch.setattr(corpus_kit, "_HELD", [])
    assert corpus_kit.hold_work() == tmp_path / "work"
    assert corpus_kit.hold_work() == tmp_path / "work"  # held once per process
    with (tmp_path / "work" / ".lock").open("w") as other, pytest.raises(BlockingIOError):
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
    corpus_kit._HELD[0].close()
