"""What the builder writes and the reader reads: the index's row layout, kinds and match levels.

Both halves of the gazetteer agree on these and on nothing else: the reader decodes rows
with them and never touches the raw data the builder reads. ``BUILD_SCHEMA`` is bumped when
the layout changes; it is part of the index's version, so an old index is rebuilt rather
than misread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

BUILD_SCHEMA = 5
KINDS: tuple[str, ...] = ("country", "admin1", "city", "continent", "admin2", "sea")
KIND_COUNTRY, KIND_ADMIN1, KIND_CITY, KIND_CONTINENT, KIND_ADMIN2, KIND_SEA = 0, 1, 2, 3, 4, 5

# Match levels, best first: the place's own name, one of its alternate names, a curated
# alias, then the loose key (article dropped, doubled letters collapsed).
MATCH_NAME, MATCH_ALT, MATCH_ALIAS, MATCH_LOOSE = 0, 1, 2, 3
MATCH_LABELS: tuple[str, ...] = ("name", "alternate", "alias", "loose")
LOOSE_PREFIX = "~"  # keys for the loose form of a name start with this
LOOKUP_CACHE_SIZE = 1 << 16

ROW_DTYPE = np.dtype(
    [
        ("geonameid", "<i4"),
        ("lat", "<f8"),
        ("lon", "<f8"),
        ("population", "<i8"),
        ("kind", "u1"),
        ("country", "S2"),
        ("admin1", "S10"),
    ]
)


class RowInfo(NamedTuple):
    """The fields ranking needs, as plain Python values (cheap to compare and hash)."""

    geonameid: int
    kind: str
    country: str
    admin1: str
    population: int


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer row, decoded."""

    row: int
    geonameid: int
    name: str
    latitude: float
    longitude: float
    population: int
    kind: str
    country_code: str
    admin1_code: str
    admin1_name: str | None
    country_name: str | None
    point: str
