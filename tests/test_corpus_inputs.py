"""Corpus inputs: every kind read by range, bad records as rows, titles from feeds kept."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd
import pytest

from eventmap.corpus.inputs import BadRecord, discover, read_range
from eventmap.errors import EventmapError

RECORDS = [
    {
        "id": f"r{i}",
        "text": f"Report number {i} about shelling.",
        "outlet": "Wire",
        "published": "2024-12-0" + str(1 + i % 9),
        "title": "Line one\nline\ttwo",
    }
    for i in range(7)
]


def _ids(items) -> list[str]:
    return [getattr(a, "id", None) or a.article_id for a in items]


def test_jsonl_gz_and_parquet_read_the_same_ranges(tmp_path: Path):
    gz = tmp_path / "a.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in RECORDS)
    pq = tmp_path / "a.parquet"
    pd.DataFrame(RECORDS).to_parquet(pq)
    sources = discover([gz, pq])
    assert [s.records for s in sources] == [7, 7] and sources[0].sha256 != sources[1].sha256
    for src in sources:
        got = list(read_range(src, 2, 5))
        assert _ids(got) == ["r2", "r3", "r4"]
        assert got[0].title == "Line one line two"  # a feed's line break is not an error


def test_txt_folder_with_sidecars_and_a_bad_file(tmp_path: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Shelling hit Saraqib on Thursday.", encoding="utf-8")
    (folder / "a.meta.json").write_text(json.dumps({"outlet": "Wire"}), encoding="utf-8")
    (folder / "b.txt").write_bytes(b"\x00\x01binary")
    (src,) = discover([folder])
    a, b = list(read_range(src, 0, 2))
    assert a.outlet == "Wire"
    assert isinstance(b, BadRecord) and "binary" in b.error


def test_bad_lines_become_bad_records(tmp_path: Path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"id": "ok", "text": "fine"}\n[1, 2]\n{"id": 3}\n{broken\n')
    items = list(read_range(discover([path])[0], 0, 10))
    assert [type(i).__name__ for i in items] == ["Article", "BadRecord", "BadRecord", "BadRecord"]


@pytest.mark.parametrize("name", ["notes.csv", "one.txt"])
def test_unknown_inputs_are_refused_with_a_clear_error(tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_text("x")
    with pytest.raises(EventmapError, match=r"folder|unknown input"):
        discover([path])
