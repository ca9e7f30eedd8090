"""What the builder writes and the reader reads: constants that must agree with each other."""

from eventmap.gazetteer import index_format as f


def test_kind_codes_index_the_kind_names() -> None:
    codes = (f.KIND_COUNTRY, f.KIND_ADMIN1, f.KIND_CITY, f.KIND_CONTINENT, f.KIND_ADMIN2)
    assert [f.KINDS[c] for c in codes] == ["country", "admin1", "city", "continent", "admin2"]


def test_match_levels_are_best_first() -> None:
    levels = (f.MATCH_NAME, f.MATCH_ALT, f.MATCH_ALIAS, f.MATCH_LOOSE)
    assert list(levels) == sorted(levels)
    assert [f.MATCH_LABELS[lv] for lv in levels] == ["name", "alternate", "alias", "loose"]


def test_a_row_holds_what_ranking_needs() -> None:
    assert set(f.ROW_DTYPE.names) == {
        "geonameid",
        "lat",
        "lon",
        "population",
        "kind",
        "country",
        "admin1",
    }
    assert f.RowInfo._fields == ("geonameid", "kind", "country", "admin1", "population")
