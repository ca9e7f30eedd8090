"""Where the vocabularies come from: the CSV files under ``resources/``.

They are data, not code, so that analysts can extend them without code (README: pass your
own file to ``load_actors``). Every later stage reads its rows here; the tables that several
stages share (demonyms, ACLED's country names, the role phrases) are read once and cached.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path


def resource_path(name: str) -> Path:
    """A file of the installed package's ``resources/`` (package data, wherever installed)."""
    return Path(str(resources.files("eventmap") / "resources" / name))


def csv_rows(path: Path) -> Iterator[dict[str, str]]:
    """The rows of a resource CSV; lines starting with '#' are comments."""
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(line for line in fh if not line.startswith("#"))


def acled_country_names() -> dict[str, tuple[str, bool]]:
    """ISO code -> (country name as ACLED writes it, whether 'the' precedes it)."""
    import pycountry

    names = {
        c.alpha_2: (getattr(c, "common_name", None) or c.name, False) for c in pycountry.countries
    }
    for row in csv_rows(resource_path("acled_countries.csv")):
        names[row["country_code"]] = (row["acled_name"], row["the"].strip() == "1")
    return names


@cache
def actor_role_phrases() -> dict[str, str]:
    """Phrase ('the police', 'gunmen') -> the role whose generated actor it names."""
    phrases: dict[str, str] = {}
    for row in csv_rows(resource_path("actor_roles.csv")):
        for phrase in row["phrases"].split("|"):
            if phrase.strip():
                phrases.setdefault(phrase.strip().casefold(), row["role"].strip())
    return phrases


@cache
def demonyms() -> dict[str, str]:
    """Demonym (and its plural) -> ISO country code, case-sensitive as written in English."""
    table: dict[str, str] = {}
    for row in csv_rows(resource_path("demonyms.csv")):
        word, code = row["demonym"].strip(), row["country_code"].strip()
        table[word] = code
        if not word.endswith(("ese", "ish", "ch", "ss")):
            table.setdefault(word + "s", code)
    return table
