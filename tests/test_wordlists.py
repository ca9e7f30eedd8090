"""The word-list files: read once, comments skipped, an empty file refused."""

from pathlib import Path

import pytest

from eventmap import wordlists

RESOURCES = Path(wordlists.resource_path("x")).parent


def test_every_word_list_has_a_header_saying_what_belongs_there() -> None:
    for path in sorted(RESOURCES.glob("*.t[sx][vt]")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# "), path.name


def test_entries_skip_comments_and_blank_lines() -> None:
    rows = wordlists.table("event_triggers.tsv")
    assert all(len(r) in (2, 3) and not r[0].startswith("#") for r in rows)
    assert wordlists.entries("event_triggers.tsv") is wordlists.entries("event_triggers.tsv")


def test_a_file_without_entries_is_an_error(tmp_path, monkeypatch) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("# only a header\n\n", encoding="utf-8")
    monkeypatch.setattr(wordlists, "resource_path", lambda name: tmp_path / name)
    with pytest.raises(ValueError, match="no entries"):
        wordlists.entries.__wrapped__("empty.txt")
