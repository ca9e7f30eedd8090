"""Corpus tables: a shard or bucket folder is written whole or not at all."""

import pytest


def test_write_folder_is_whole_or_absent(tmp_path) -> None:
    from eventmap.corpus.tables import write_folder

    final = tmp_path / "bucket-000"
    final.mkdir()
    (final / "stale.parquet").write_text("from an interrupted attempt")

    def broken(tmp) -> None:
        (tmp / "half.parquet").write_text("x")
        raise RuntimeError("killed mid-write")

    with pytest.raises(RuntimeError):
        write_folder(final, broken)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bucket-000"]  # no temporary left
    assert [p.name for p in final.iterdir()] == ["stale.parquet"]  # the old set stands
    write_folder(final, lambda tmp: (tmp / "events.parquet").write_text("new"))
    assert [p.name for p in final.iterdir()] == ["events.parquet"]
