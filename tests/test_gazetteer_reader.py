"""Reading the index: lookups, prefixes, decoded places."""

import pytest

from eventmap.gazetteer import MATCH_LABELS, Gazetteer, default_gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


def test_lookup_finds_exact_and_loose_keys(gazetteer: Gazetteer) -> None:
    exact = gazetteer.lookup("Aleppo")
    assert exact and all(0 <= level < len(MATCH_LABELS) for _, level in exact)
    assert gazetteer.lookup("aleppo") == exact  # keys are folded
    assert gazetteer.lookup("Xqzzyville") == ()


def test_continues_knows_which_names_go_on(gazetteer: Gazetteer) -> None:
    assert gazetteer.continues("Deir")  # Deir ez-Zor
    assert not gazetteer.continues("Qzxw Ppfh")
    assert not gazetteer.continues("")


def test_a_row_decodes_to_a_place_and_its_ranking_fields(gazetteer: Gazetteer) -> None:
    row = gazetteer.country_row("SY")
    place = gazetteer.place(row)
    assert (place.kind, place.country_code, place.country_name) == ("country", "SY", "Syria")
    info = gazetteer.info(row)
    assert (info.geonameid, info.kind, info.country) == (place.geonameid, "country", "SY")
    assert gazetteer.name(row)[0] == place.name
    assert gazetteer.continent_row("AS") is not None and gazetteer.country_row("ZZ") is None


def test_a_province_is_found_by_its_iso_code(gazetteer: Gazetteer) -> None:
    code = gazetteer.admin1_for_iso("UA", "UA-09")
    assert code is not None and gazetteer.admin1_name("UA", code).startswith("Luhansk")
    assert gazetteer.admin1_for_iso("UA", "UA-99") is None


def test_rows_decode_as_the_mapped_records_say(gazetteer: Gazetteer) -> None:
    # info/place read one record's fields in one call from a plain view of the mapped
    # rows: the values (and their Python types) are the record's own, field by field
    rows = gazetteer.rows
    for row in (0, gazetteer.country_row("SY"), len(gazetteer) // 2, len(gazetteer) - 1):
        record = rows[row]
        info, place = gazetteer.info(row), gazetteer.place(row)
        assert info == (
            int(record["geonameid"]),
            info.kind,
            record["country"].decode(),
            record["admin1"].decode(),
            int(record["population"]),
        )
        assert (place.latitude, place.longitude) == (float(record["lat"]), float(record["lon"]))
        assert type(place.latitude) is float and type(info.population) is int
        assert (place.geonameid, place.kind, place.population) == (
            info.geonameid,
            info.kind,
            info.population,
        )


def test_a_decoded_place_is_kept(gazetteer: Gazetteer) -> None:
    row = gazetteer.country_row("SY")
    assert gazetteer.place(row) is gazetteer.place(row)  # immutable, so shared
    assert gazetteer.place(row) == gazetteer._place(row)


def test_rows_read_by_struct_as_by_numpy_records(gazetteer: Gazetteer) -> None:
    """info, place and name read a row's bytes with one struct call: the same values as
    the record's .item() (bytes fields without their trailing NULs) and the offsets."""
    import random

    import numpy as np

    from eventmap.gazetteer.index_format import KINDS
    from eventmap.gazetteer.reader import _struct_of

    assert _struct_of(gazetteer.rows.dtype).size == gazetteer.rows.dtype.itemsize
    records, offsets = gazetteer.rows.view(np.ndarray), gazetteer._offsets
    n = len(gazetteer)
    for row in [0, n - 1, *random.Random(3).sample(range(n), 3000)]:
        gid, lat, lon, population, kind, country, admin1 = records[row].item()
        assert gazetteer._info(row) == (
            gid,
            KINDS[kind],
            country.decode(),
            admin1.decode(),
            population,
        )
        place = gazetteer._place(row)
        assert (place.latitude, place.longitude, place.admin1_code) == (lat, lon, admin1.decode())
        start, end = int(offsets[row]), int(offsets[row + 1]) - 1
        assert gazetteer.name(row) == tuple(
            gazetteer._names[start:end].decode().partition("\t")[::2]
        )


def test_continues_folded_answers_as_continues(gazetteer: Gazetteer) -> None:
    from eventmap.normalize import fold

    for words in ("Deir", "Qzxw Ppfh", "", "New York", "Hassan Bello", "Al-Hasakah", "Rio de"):
        assert gazetteer.continues_folded(fold(words)) == gazetteer.continues(words)


@pytest.mark.parametrize("kind", ["<i4", "<i8", ">i8", "<u4"])
def test_name_bounds_are_read_in_the_offsets_own_type(kind: str) -> None:
    """A name's bounds are read with the width and byte order the offsets file has, not an
    assumed int64."""
    import numpy as np

    from eventmap.gazetteer.reader import _bytes_of, _struct_of

    offsets = np.array([0, 7, 19, 40, 41], dtype=kind)
    bound = offsets.dtype
    read = _struct_of(np.dtype([("start", bound), ("end", bound)])).unpack_from
    raw = _bytes_of(offsets)
    for row in range(len(offsets) - 1):
        assert read(raw, row * bound.itemsize) == (offsets[row], offsets[row + 1])
