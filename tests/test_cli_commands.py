"""The subcommands' own helpers: plain tables without pandas, checked country codes."""

import argparse

import pytest

from eventmap.cli_commands import _chain, _text_table
from eventmap.errors import EventmapError


def test_a_plain_table_aligns_and_trims_floats() -> None:
    table = _text_table([["Homs", 34.73, None], ["Hama", 35.1, "city"]], ["name", "lat", "kind"])
    lines = table.splitlines()
    assert lines[0].split() == ["name", "lat", "kind"]
    assert lines[1].split() == ["Homs", "34.73"]
    assert lines[2].split() == ["Hama", "35.1", "city"]
    assert len({len(line) for line in lines[:1] + lines[2:]}) == 1


def test_nothing_found_is_said() -> None:
    assert _text_table([], ["name"]) == "(nothing found)"


def test_a_cell_is_one_line() -> None:
    assert _text_table([["a\nb  c"]], ["name"]).splitlines() == [" name", "a b c"]


def test_online_needs_a_user_agent() -> None:
    with pytest.raises(EventmapError, match="--user-agent"):
        _chain(argparse.Namespace(user_agent=None, cache="unused.sqlite"))
