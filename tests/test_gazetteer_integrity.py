"""A damaged gazetteer index is detected, never trusted: checksums, verify on open, rebuild.

Damage is done to a copy of the built index (unchanged files are hard links), so nothing
here rebuilds the real one; rebuilding is faked by copying the good files back.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eventmap.gazetteer.store as store
from eventmap.cli import main
from eventmap.errors import GazetteerError
from eventmap.gazetteer import Gazetteer, ensure_index, source_version
from eventmap.gazetteer.integrity import FILES, MANIFEST, IndexDamaged, verify


@pytest.fixture(scope="module")
def good_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the built index (other eventmap versions sharing the user cache
    may prune it while these tests run)."""
    for _ in range(3):
        try:
            source = ensure_index()
            copy = tmp_path_factory.mktemp("good") / source.name
            shutil.copytree(source, copy)
            verify(copy, full=True)
            return copy
        except (OSError, GazetteerError):
            continue
    pytest.fail("could not copy the gazetteer index")


def clone(good: Path, target: Path, damaged: str | None = None) -> Path:
    """A copy of the index: hard links, except a real copy of the file to damage."""
    target.mkdir(parents=True, exist_ok=True)
    for name in (*FILES, MANIFEST):
        if name == damaged:
            shutil.copyfile(good / name, target / name)
        else:
            os.link(good / name, target / name)
    return target


def flip(path: Path, offset: int, data: bytes) -> None:
    with open(path, "r+b") as handle:
        handle.seek(offset)
        handle.write(data)


def test_random_bytes_in_the_trie_do_not_crash_the_process(good_index, tmp_path) -> None:
    index = clone(good_index, tmp_path / "idx", damaged="names.marisa")
    data = (index / "names.marisa").read_bytes()
    (index / "names.marisa").write_bytes(data[:16] + os.urandom(len(data) - 16))  # header kept
    script = "import sys; from pathlib import Path; from eventmap.gazetteer import Gazetteer; "
    script += "Gazetteer(Path(sys.argv[1])).lookup('Homs')"
    proc = subprocess.run(
        [sys.executable, "-c", script, str(index)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 1, (proc.returncode, proc.stderr[-500:])  # not -11 (SIGSEGV)
    assert "IndexDamaged" in proc.stderr and "names.marisa" in proc.stderr


def test_bytes_changed_inside_the_trie_are_caught(good_index, tmp_path) -> None:
    index = clone(good_index, tmp_path / "idx", damaged="names.marisa")
    flip(index / "names.marisa", 4096, b"\xff" * 64)  # header intact, body changed
    with pytest.raises(IndexDamaged, match=r"names\.marisa"):
        Gazetteer(index)


@pytest.mark.parametrize("name", FILES)
def test_truncated_or_missing_files_are_caught(good_index, tmp_path, name) -> None:
    index = clone(good_index, tmp_path / "idx", damaged=name)
    with open(index / name, "r+b") as handle:
        handle.truncate(max(0, (index / name).stat().st_size // 2))
    with pytest.raises(IndexDamaged, match=re.escape(name)):
        Gazetteer(index)
    (index / name).unlink()
    with pytest.raises(IndexDamaged, match=re.escape(name)):
        Gazetteer(index)


def test_a_zeroed_block_in_the_rows_is_caught(good_index, tmp_path) -> None:
    """Today a town reads as (0, 0); the checksum refuses the file instead."""
    index = clone(good_index, tmp_path / "idx", damaged="rows.npy")
    flip(index / "rows.npy", 200_000, b"\x00" * 4096)
    with pytest.raises(IndexDamaged, match=r"rows\.npy"):
        Gazetteer(index)


def test_damaged_default_index_is_rebuilt_with_a_notice(good_index, tmp_path, monkeypatch, capsys):
    cache = tmp_path / "cache"
    final = clone(good_index, cache / f"gazetteer-{source_version()}", damaged="rows.npy")
    flip(final / "rows.npy", 200_000, b"\x00" * 4096)
    builds: list[Path] = []

    def fake_build(target: Path, progress=None) -> dict:
        builds.append(target)
        for name in FILES:
            shutil.copyfile(good_index / name, target / name)
        return {}

    monkeypatch.setattr(store, "build_index", fake_build)
    monkeypatch.setenv("EVENTMAP_CACHE_DIR", str(cache))
    g = Gazetteer()
    err = capsys.readouterr().err
    assert len(builds) == 1
    notices = [line for line in err.splitlines() if line.startswith("eventmap:")]
    assert len(notices) == 1 and "rows.npy" in notices[0] and "rebuild" in notices[0], err
    assert g.place(g.country_row("SY")).country_code == "SY"
    verify(g.path, full=True)


def test_first_run_without_an_index_is_not_silent(good_index, tmp_path, monkeypatch, capsys):
    def fake_build(target: Path, progress=None) -> dict:
        for name in FILES:
            shutil.copyfile(good_index / name, target / name)
        return {}

    monkeypatch.setattr(store, "build_index", fake_build)
    ensure_index(tmp_path / "empty-cache")
    err = capsys.readouterr().err
    assert "eventmap: building the offline gazetteer index" in err


def test_gazetteer_build_rebuilds_an_invalid_index(good_index, tmp_path, monkeypatch, capsys):
    cache = tmp_path / "cache"
    final = clone(good_index, cache / f"gazetteer-{source_version()}", damaged="names.bin")
    flip(final / "names.bin", 10, b"\x00\x00")

    def fake_build(target: Path, progress=None) -> dict:
        for name in FILES:
            shutil.copyfile(good_index / name, target / name)
        return {}

    monkeypatch.setattr(store, "build_index", fake_build)
    monkeypatch.setenv("EVENTMAP_CACHE_DIR", str(cache))
    assert main(["gazetteer", "build", "-q"]) == 0
    verify(final, full=True)


def test_gazetteer_check_reports_damage_in_one_line(good_index, tmp_path, monkeypatch, capsys):
    cache = tmp_path / "cache"
    final = clone(good_index, cache / f"gazetteer-{source_version()}", damaged="offsets.npy")
    monkeypatch.setenv("EVENTMAP_CACHE_DIR", str(cache))
    assert main(["gazetteer", "check"]) == 0
    assert "ok" in capsys.readouterr().out
    flip(final / "offsets.npy", 5000, b"\x01")
    assert main(["gazetteer", "check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("eventmap: error:") and "offsets.npy" in err
    assert len(err.splitlines()) == 1


def test_damage_message_says_how_to_fix(good_index, tmp_path) -> None:
    index = clone(good_index, tmp_path / "idx")
    (index / MANIFEST).unlink()
    with pytest.raises(GazetteerError, match="eventmap gazetteer build"):
        Gazetteer(index)


corruptions = st.tuples(
    st.sampled_from([*FILES, MANIFEST]),
    st.sampled_from(["flip", "truncate", "append", "zero", "delete", "junk"]),
    st.floats(min_value=0, max_value=1),
    st.binary(min_size=1, max_size=64),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(corruption=corruptions)
def test_generated_cache_corruptions_are_refused(good_index, tmp_path_factory, corruption):
    name, how, where, data = corruption
    index = clone(good_index, tmp_path_factory.mktemp("idx"), damaged=name)
    path = index / name
    size = path.stat().st_size
    offset = int(where * max(size - 1, 0))
    if how == "flip":
        original = path.read_bytes()[offset : offset + len(data)]
        if original == data[: len(original)]:
            data = bytes(b ^ 0xFF for b in data)
        flip(path, offset, data)
    elif how == "truncate":
        with open(path, "r+b") as handle:
            handle.truncate(offset)
    elif how == "append":
        with open(path, "ab") as handle:
            handle.write(data)
    elif how == "zero":
        block = path.read_bytes()[offset : offset + len(data)]
        zeros = b"\x00" * len(block)
        flip(path, offset, b"\x01" * len(block) if block == zeros else zeros)
    elif how == "delete":
        path.unlink()
    else:
        path.write_bytes(data)
    try:
        g = Gazetteer(index)
    except GazetteerError:
        shutil.rmtree(index)
        return  # refused: the point
    # Accepted only if the data is intact (the damage hit e.g. a SHA-256 in the manifest,
    # which `eventmap gazetteer check` reports).
    for file in FILES:
        assert (index / file).read_bytes() == (good_index / file).read_bytes(), file
    assert g.lookup("Homs") == Gazetteer(good_index).lookup("Homs")
    shutil.rmtree(index)


def test_manifest_lists_every_file_with_its_hashes(good_index) -> None:
    record = json.loads((good_index / MANIFEST).read_text())
    assert set(record["files"]) >= set(FILES)
    for entry in record["files"].values():
        assert {"bytes", "crc32", "sha256"} <= set(entry)
