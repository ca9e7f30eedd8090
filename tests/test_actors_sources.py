"""The resource CSVs are found wherever the package is installed, and read as written."""

from eventmap.actors.sources import (
    acled_country_names,
    actor_role_phrases,
    csv_rows,
    demonyms,
    resource_path,
)


def test_every_vocabulary_file_is_package_data() -> None:
    for name in (
        "actors.csv",
        "actor_roles.csv",
        "acled_countries.csv",
        "demonyms.csv",
        "media.csv",
    ):
        assert resource_path(name).is_file(), name


def test_comment_lines_are_not_rows(tmp_path) -> None:
    p = tmp_path / "t.csv"
    p.write_text("# a note\na,b\n# another\n1,2\n", encoding="utf-8")
    assert list(csv_rows(p)) == [{"a": "1", "b": "2"}]


def test_demonyms_and_their_plurals() -> None:
    d = demonyms()
    assert d["Syrians"] == "SY" and d["Chinese"] == "CN" and "Chineses" not in d
    assert d["Kenyan"] == "KE" and d["Kenyans"] == "KE"


def test_acled_writes_some_countries_its_own_way() -> None:
    names = acled_country_names()
    assert names["PH"] == ("Philippines", True)  # Police Forces of the Philippines
    assert names["KE"] == ("Kenya", False)


def test_role_phrases_are_casefolded() -> None:
    roles = actor_role_phrases()
    assert roles["gunmen"] == "armed_group" and roles["police"] == "police"
    assert all(phrase == phrase.casefold() for phrase in roles)
