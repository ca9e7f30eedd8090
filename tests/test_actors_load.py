"""The actor table as loaded: a custom CSV, or the built-in one with every country's actors."""

from eventmap.actors import ROLE_ACTORS, default_actors, load_actors


def test_custom_actor_table(tmp_path) -> None:
    p = tmp_path / "actors.csv"
    p.write_text(
        "actor,side,inter,country,aliases\nWagner Group,state_ally,8,RU,Wagner|~mercenaries\n",
        encoding="utf-8",
    )
    t = load_actors(p)
    assert [s.ref for s in t.find("Wagner and mercenaries", "RU")] == ["Wagner Group"] * 2
    assert len(t.actors) == 1  # a custom table gets no generated actors unless asked
    assert len(load_actors(p, countries=True).actors) > 1000


def test_every_country_has_acled_generic_actors() -> None:
    table = default_actors()
    assert table.role_actor("military", "KE") == "Military Forces of Kenya"
    assert table.role_actor("police", "PH") == "Police Forces of the Philippines"
    assert table.role_actor("protesters", "CD") == "Protesters (Democratic Republic of Congo)"
    assert table.role_actor("rioters", "CI") == "Rioters (Ivory Coast)"
    # a curated actor takes its generated namesake's place
    assert table.role_actor("military", "SY") == "Military Forces of Syria (2000-2024)"
    assert set(table.roles) == set(ROLE_ACTORS)


def test_generated_aliases_come_from_demonyms() -> None:
    table = default_actors()
    kenya = table.by_name("Military Forces of Kenya")
    assert "Kenyan troops" in kenya.aliases and "military forces of Kenya" in kenya.aliases
    assert "Kenyan army" in table.generated and "Taliban" not in table.generated
    assert "military forces of Kenya" not in table.generated  # names a place: masked
    assert table.inter("Military Forces of Kenya", "SO") == 8
