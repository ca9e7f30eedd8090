"""Output names from untrusted text, whole-or-absent sets, and cleaning after killed runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventmap.errors import OutputError
from eventmap.outputs import (
    TEMP_PREFIX,
    OutputSet,
    clean_stale_temps,
    inside,
    read_manifest,
    safe_stem,
    temp_path,
    write_folder,
)


@pytest.mark.parametrize(
    "name",
    [
        "../../escaped_id",
        "/etc/passwd",
        "a/b/c",
        "bell\x07name",
        "new\nline",
        "..",
        ".",
        "",
        "con",
        " ",
        "\u202etxt.exe",
        "x" * 500,
    ],
)
def test_safe_stem_never_leaves_the_folder(name: str, tmp_path: Path) -> None:
    stem = safe_stem(name)
    assert stem and len(stem) <= 100
    assert "/" not in stem and "\\" not in stem and not stem.startswith(".")
    assert all(c.isascii() and (c.isalnum() or c in "._-") for c in stem)
    assert inside(tmp_path, stem + ".html").parent == tmp_path


def test_safe_stem_keeps_plain_ids_and_separates_lookalikes() -> None:
    assert safe_stem("000_fe935601f8305200") == "000_fe935601f8305200"
    assert safe_stem("a/b") != safe_stem("a_b")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_safe_stem_property(name: str) -> None:
    stem = safe_stem(name)
    assert stem and stem == Path(stem).name and not stem.startswith(".")
    assert len(stem) <= 100


def test_inside_refuses_escapes(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        inside(tmp_path, "../x.html")
    with pytest.raises(OutputError):
        inside(tmp_path, "/tmp/x.html")


def test_set_is_whole_or_absent(tmp_path: Path) -> None:
    (tmp_path / "old.html").write_text("old")
    with pytest.raises(RuntimeError), OutputSet(tmp_path / "s.manifest.json") as out:
        out.stage_bytes("html", tmp_path / "old.html", b"new")
        out.stage_bytes("png", tmp_path / "s.png", b"png")
        raise RuntimeError("the third file failed")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.html"]
    assert (tmp_path / "old.html").read_text() == "old"

    with OutputSet(tmp_path / "s.manifest.json") as out:
        out.stage_bytes("html", tmp_path / "old.html", b"new")
        files = out.commit({"stem": "s"})
    assert set(files) == {"html", "manifest"}
    record = read_manifest(tmp_path / "s.manifest.json")
    assert record["files"]["html"]["path"] == "old.html"
    assert record["files"]["html"]["bytes"] == 3


def test_leftovers_of_a_killed_run_are_cleaned(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    pid = int(dead.stdout)
    stale = tmp_path / f"{TEMP_PREFIX}{pid}-abcd1234-map.html"
    stale.write_bytes(b"x" * 1000)
    live = temp_path(tmp_path / "map.html")
    live.write_bytes(b"mine")
    legacy = tmp_path / ".map.html.k2j3h4g5.tmp"  # written by eventmap before output sets
    legacy.write_bytes(b"old")
    os.utime(legacy, (1, 1))
    removed = clean_stale_temps(tmp_path)
    assert sorted(removed) == sorted([stale, legacy])
    assert live.exists()


def test_write_folder_is_whole_or_absent(tmp_path) -> None:
    # One mechanism for the corpus's shard and bucket folders and the gazetteer's index.
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
