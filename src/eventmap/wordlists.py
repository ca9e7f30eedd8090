"""The word lists and lexicons the rules read, kept as data files in ``resources/``.

A rule's vocabulary changes far more often than the rule itself ('which words are triggers',
'which words are titles'), so it lives beside the code as a plain file an analyst can edit:
one concept a file, one entry a line, ``#`` lines say what belongs there and why. Each file is
read once per process (cached); a missing or empty file is an error, never an empty list.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path


def resource_path(name: str) -> Path:
    """The path of a file shipped in ``eventmap/resources/``."""
    return Path(str(resources.files("eventmap") / "resources" / name))


@cache
def entries(name: str) -> tuple[str, ...]:
    """The file's entries in file order: lines without comments, blank lines or end spaces."""
    path = resource_path(name)
    items = tuple(
        line.rstrip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )
    if not items:
        raise ValueError(f"{path}: no entries")
    return items


@cache
def word_set(name: str) -> frozenset[str]:
    """The file's entries as a set (membership tests: 'is this word a title?')."""
    return frozenset(entries(name))


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """The file's entries split on tabs (a small table: key, value...)."""
    return tuple(tuple(line.split("\t")) for line in entries(name))
