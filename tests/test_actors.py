from eventmap.actors import default_actors, default_media, demonyms, load_actors


def test_named_and_generic_actors() -> None:
    table = default_actors()
    found = {
        s.ref for s in table.find("HTS fighters clashed with the Syrian army and militants", "SY")
    }
    assert {
        "Hayat Tahrir al-Sham",
        "Military Forces of Syria (2000-2024)",
        "Unidentified Armed Group (Syria)",
    } <= found


def test_generic_aliases_only_in_their_country() -> None:
    table = default_actors()
    assert not [s for s in table.find("the army and militants", "FR") if s.generic]
    assert [s for s in table.find("the army and militants", "SY") if s.generic]


def test_acronyms_are_case_sensitive() -> None:
    table = default_actors()
    assert table.find("hts is not an acronym here", "SY") == []


def test_custom_actor_table(tmp_path) -> None:
    p = tmp_path / "actors.csv"
    p.write_text(
        "actor,side,inter,country,aliases\nWagner Group,state_ally,8,RU,Wagner|~mercenaries\n",
        encoding="utf-8",
    )
    t = load_actors(p)
    assert [s.ref for s in t.find("Wagner and mercenaries", "RU")] == ["Wagner Group"] * 2


def test_media_and_demonyms() -> None:
    assert [s.ref for s in default_media().find("According to SANA")] == [
        "SANA (Syrian Arab News Agency)"
    ]
    assert default_media().find("Sanaa") == []
    d = demonyms()
    assert d["Syrians"] == "SY" and d["Chinese"] == "CN" and "Chineses" not in d


def test_generic_phrases_come_from_the_table() -> None:
    table = default_actors()
    assert table.is_generic("troops") and table.is_generic("Terrorist  groups")
    assert not table.is_generic("Syrian army")
