"""Reading the index: names to candidate rows, rows to places, fast and read-only.

The half of the gazetteer every parse uses. It maps the built files into memory (pages shared
between processes, nothing decoded up front), answers ``lookup(name)`` with one trie read,
and decodes a row only when asked. Opening it builds the index first if none exists yet
(``store``), so a fresh machine needs no separate step, and checks it first (``integrity``):
a damaged index is refused or rebuilt, never read.
"""

from __future__ import annotations

import json
import struct
from functools import cached_property, lru_cache
from pathlib import Path

import marisa_trie
import numpy as np

from eventmap.errors import GazetteerError
from eventmap.gazetteer.index_format import KINDS, LOOKUP_CACHE_SIZE, LOOSE_PREFIX, Place, RowInfo
from eventmap.gazetteer.integrity import FILES, MANIFEST, IndexDamaged, verify
from eventmap.gazetteer.store import ensure_index
from eventmap.normalize import fold, loose

_INDEX_MARKERS = ("meta.json", MANIFEST)  # a folder with either is an index, not a cache
PLACE_CACHE_SIZE = 8192  # decoded places kept per index (a few MB at most)


class Gazetteer:
    """Read-only view on a built index; cheap to open, safe to share between threads."""

    def __init__(self, directory: Path | None = None) -> None:
        if directory is not None and any((directory / n).exists() for n in _INDEX_MARKERS):
            self.path = directory
            try:  # nothing reaches numpy or marisa (native code) before its checksum matched
                verify(directory, required=FILES)
            except IndexDamaged as exc:
                raise IndexDamaged(f"{exc}; rebuild it with `eventmap gazetteer build`") from None
        else:  # the managed index: verified, and rebuilt (with a notice) if damaged
            self.path = ensure_index(directory, required=FILES)
        try:
            self.meta = json.loads((self.path / "meta.json").read_text())
            self.rows = np.load(self.path / "rows.npy", mmap_mode="r")
            self._offsets = np.load(self.path / "offsets.npy", mmap_mode="r")
            self._trie = marisa_trie.RecordTrie("<IB").mmap(str(self.path / "names.marisa"))
        except (OSError, ValueError) as exc:
            raise GazetteerError(
                f"gazetteer index at {self.path} is unreadable ({exc}); "
                "rebuild it with `eventmap gazetteer build`"
            ) from exc
        self._cached_lookup = lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._lookup)
        self.info = lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._info)
        # ``place(row)``: the row decoded (``_place``). Decoded places (immutable), per index:
        # a resolved name's place is asked for again by each geocode of it with another kind
        # or bias (half of a worker's decodes).
        self.place = lru_cache(maxsize=PLACE_CACHE_SIZE)(self._place)
        # A row read as bytes by one struct call (the record layout spelled as a struct
        # format) from a plain view of the mapped pages: np.memmap's __getitem__ is Python
        # code, and a record's .item() 2.5x slower; the same Python values, with the
        # fixed-width bytes fields' trailing NULs stripped as numpy strips them. A name's
        # bounds are two neighbouring offsets, read the same way in the offsets' own type.
        self._row_size = self.rows.dtype.itemsize
        self._row_bytes = _bytes_of(self.rows)
        self._unpack_row = _struct_of(self.rows.dtype).unpack_from
        bound = self._offsets.dtype
        self._offset_size = bound.itemsize
        self._offset_bytes = _bytes_of(self._offsets)
        self._unpack_bounds = _struct_of(np.dtype([("start", bound), ("end", bound)])).unpack_from
        self._admin1: dict[str, dict] = self.meta["admin1"]
        self._countries: dict[str, dict] = self.meta["countries"]
        self._by_iso: dict[tuple[str, str], str] | None = None

    @cached_property
    def _names(self) -> bytes:
        return (self.path / "names.bin").read_bytes()

    @property
    def sources(self) -> list[dict[str, str]]:
        return list(self.meta["sources"])

    def __len__(self) -> int:
        return int(self.rows.shape[0])

    def lookup(self, name: str) -> tuple[tuple[int, int], ...]:
        """(row, match level) pairs for a name; exact keys first, then the loose key.

        News text repeats its names, so recent answers are kept (a bounded LRU per index).
        """
        return self._cached_lookup(name)

    def continues(self, words: str) -> bool:
        """Could an indexed name start with ``words`` (the name itself or a longer one)?

        Lets a parser skip looking up 'Hassan Bello and Hassan' word by word once it knows
        no name starts 'Hassan Bello'. Checks the exact and the loose keys, as lookup does.
        """
        return self.continues_folded(fold(words))

    def continues_folded(self, key: str) -> bool:
        """``continues`` for words already folded (``normalize.fold``)."""
        if not key:
            return False
        trie = self._trie
        if next(trie.iterkeys(key), None) is not None:
            return True
        lk = loose(key)
        return bool(lk) and next(trie.iterkeys(LOOSE_PREFIX + lk), None) is not None

    def _lookup(self, name: str) -> tuple[tuple[int, int], ...]:
        key = fold(name)
        hits = self._trie.get(key)
        if hits:  # an indexed name carries its loose relatives already (see _write)
            return tuple(hits)
        lk = loose(key)
        return tuple(self._trie.get(LOOSE_PREFIX + lk, ())) if lk else ()

    def _info(self, row: int) -> RowInfo:
        gid, _, _, population, kind, country, admin1 = self._unpack_row(
            self._row_bytes, row * self._row_size
        )
        return RowInfo(
            gid,
            KINDS[kind],
            country.rstrip(b"\0").decode(),
            admin1.rstrip(b"\0").decode(),
            population,
        )

    def name(self, row: int) -> tuple[str, str]:
        start, end = self._unpack_bounds(self._offset_bytes, row * self._offset_size)
        name, _, point = self._names[start : end - 1].decode().partition("\t")
        return name, point

    def _place(self, row: int) -> Place:
        gid, lat, lon, population, kind, country_b, admin1_b = self._unpack_row(
            self._row_bytes, row * self._row_size
        )
        cc = country_b.rstrip(b"\0").decode()
        a1 = admin1_b.rstrip(b"\0").decode()
        name, point = self.name(row)
        division = self._admin1.get(f"{cc}.{a1}") if a1 else None
        country = self._countries.get(cc)
        return Place(
            row=row,
            geonameid=gid,
            name=name,
            latitude=lat,
            longitude=lon,
            population=population,
            kind=KINDS[kind],
            country_code=cc,
            admin1_code=a1,
            admin1_name=division["english"] if division else None,
            country_name=country["name"] if country else None,
            point=point,
        )

    def admin1_row(self, country_code: str, admin1_code: str) -> int | None:
        entry = self._admin1.get(f"{country_code}.{admin1_code}")
        return int(entry["row"]) if entry else None

    @cached_property
    def national_capitals(self) -> dict[int, str]:
        """Capital rows and the name the country data gives them (folded): news names
        capitals far more than their size suggests, by that name ('Washington')."""
        return {
            int(c["capital_row"]): c.get("capital", "")
            for c in self._countries.values()
            if c.get("capital_row") is not None
        }

    def admin1_capital_row(self, country_code: str, admin1_code: str) -> int | None:
        entry = self._admin1.get(f"{country_code}.{admin1_code}")
        return None if entry is None or entry["capital_row"] is None else int(entry["capital_row"])

    def admin1_iso(self, country_code: str, admin1_code: str) -> str | None:
        entry = self._admin1.get(f"{country_code}.{admin1_code}")
        return entry["iso"] or None if entry else None

    def admin1_for_iso(self, country_code: str, iso: str) -> str | None:
        """The GeoNames code of the province with ISO 3166-2 code ``iso`` ('UA-14': '05')."""
        if self._by_iso is None:
            self._by_iso = {
                (key.partition(".")[0], entry["iso"]): key.partition(".")[2]
                for key, entry in self._admin1.items()
                if entry.get("iso")
            }
        return self._by_iso.get((country_code, iso))

    def admin1_name(self, country_code: str, admin1_code: str) -> str | None:
        """The province's English name ('Donetsk')."""
        entry = self._admin1.get(f"{country_code}.{admin1_code}")
        return entry["english"] or None if entry else None

    def continent_row(self, code: str) -> int | None:
        row = self.meta.get("continents", {}).get(code)
        return None if row is None else int(row)

    def country_row(self, country_code: str) -> int | None:
        entry = self._countries.get(country_code)
        return int(entry["row"]) if entry else None


def _bytes_of(array: np.ndarray) -> memoryview:
    """The bytes of a mapped array, without np.memmap's Python-level indexing."""
    return memoryview(array.view(np.ndarray).reshape(-1).view(np.uint8))


def _struct_of(dtype: np.dtype) -> struct.Struct:
    """The struct that reads one record of a packed numpy record dtype (ints, floats,
    fixed-width bytes), in the byte order its fields share."""
    codes = []
    orders = set()
    offset = 0
    for name in dtype.names:
        field, at = dtype.fields[name][:2]
        if at != offset:
            raise ValueError(f"gazetteer rows: field {name!r} is not packed")
        offset += field.itemsize
        if field.kind == "S":
            codes.append(f"{field.itemsize}s")
            continue
        if field.itemsize > 1:
            orders.add(field.str[0])  # '<' or '>' (numpy spells the order out)
        codes.append(_STRUCT_CODES[field.str[1:]])
    if offset != dtype.itemsize or len(orders) > 1:
        raise ValueError("gazetteer rows: padding or mixed byte orders")
    return struct.Struct((orders.pop() if orders else "<") + "".join(codes))


_STRUCT_CODES = {"i1": "b", "u1": "B", "i2": "h", "u2": "H", "i4": "i", "u4": "I", "i8": "q"}
_STRUCT_CODES |= {"u8": "Q", "f4": "f", "f8": "d"}

_DEFAULT: Gazetteer | None = None


def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (opened on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Gazetteer()
    return _DEFAULT
