"""Offline gazetteer: GeoNames-derived countries, first-level divisions, US counties and towns,
plus named seas and oceans.

Built once from registry-installed data into a compact, memory-mapped index in the user's
cache directory, so that later processes start in milliseconds and share pages. Building and
reading are separate halves that share only the index format::

    sources   registry packages + curated files (aliases, points) -> source_version(), credits
      │
    division_names   the admin1 label: Natural Earth's English name where it is the same
      │              division ('Deir ez-Zor' for GeoNames' 'Dayr az Zawr')
    build     places as rows, names as keys (name, alternate, alias, loose) -> files
      │
    store     cache directory keyed by source_version(): lock, temp dir, checksums, rename,
              prune; a damaged index is rebuilt (``integrity``: sizes, headers, CRC-32 on
              open; SHA-256 and contents on ``eventmap gazetteer check``)
      │
    reader    Gazetteer: mmap the files; lookup(name) -> (row, match level); place(row)

``index_format`` holds what both halves agree on: the row layout (numpy), place kinds and
match levels. The index is a marisa-trie from folded names to (row, match level) records,
numpy arrays with one row per place, and a small JSON file with the divisions, countries and
data versions. No stage imports a later one; the reader imports ``store`` only to build a
missing index on first use.
"""

from eventmap.gazetteer.index_format import (
    BUILD_SCHEMA,
    KIND_ADMIN1,
    KIND_ADMIN2,
    KIND_CITY,
    KIND_CONTINENT,
    KIND_COUNTRY,
    KIND_SEA,
    KINDS,
    LOOKUP_CACHE_SIZE,
    MATCH_ALIAS,
    MATCH_ALT,
    MATCH_LABELS,
    MATCH_LOOSE,
    MATCH_NAME,
    ROW_DTYPE,
    Place,
    RowInfo,
)
from eventmap.gazetteer.integrity import FILES as FILES_REQUIRED
from eventmap.gazetteer.integrity import IndexDamaged, verify
from eventmap.gazetteer.reader import Gazetteer, default_gazetteer
from eventmap.gazetteer.sources import SOURCES, source_version
from eventmap.gazetteer.store import build_index, cache_dir, ensure_index, index_path

__all__ = [
    "BUILD_SCHEMA",
    "FILES_REQUIRED",
    "KINDS",
    "KIND_ADMIN1",
    "KIND_ADMIN2",
    "KIND_CITY",
    "KIND_CONTINENT",
    "KIND_COUNTRY",
    "KIND_SEA",
    "LOOKUP_CACHE_SIZE",
    "MATCH_ALIAS",
    "MATCH_ALT",
    "MATCH_LABELS",
    "MATCH_LOOSE",
    "MATCH_NAME",
    "ROW_DTYPE",
    "SOURCES",
    "Gazetteer",
    "IndexDamaged",
    "Place",
    "RowInfo",
    "build_index",
    "cache_dir",
    "default_gazetteer",
    "ensure_index",
    "index_path",
    "source_version",
    "verify",
]
