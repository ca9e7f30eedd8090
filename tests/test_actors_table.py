"""Who an actor phrase names, in which country, and ACLED's inter code for it."""

from eventmap.actors import default_actors
from eventmap.actors.table import Actor, ActorTable


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


def test_generic_phrases_come_from_the_table() -> None:
    table = default_actors()
    assert table.is_generic("troops") and table.is_generic("Terrorist  groups")
    assert not table.is_generic("Syrian army")


def test_role_phrases_name_the_events_country() -> None:
    table = default_actors()
    text = "Police dispersed the crowd after gunmen fired at Kenyan troops."
    found = {(s.text, s.ref) for s in table.find(text, "KE", roles=True)}
    assert ("Police", "Police Forces of Kenya") in found
    assert ("gunmen", "Unidentified Armed Group (Kenya)") in found
    assert ("Kenyan troops", "Military Forces of Kenya") in found
    assert not [s for s in table.find(text, "KE") if s.text == "Police"]  # opt-in


def test_a_generic_phrase_names_a_different_actor_in_each_country() -> None:
    table = default_actors()
    assert [s.ref for s in table.find("the rebels", "SY")] == ["Unidentified Armed Group (Syria)"]
    assert [s.ref for s in table.find("the rebels", "UA")] == [
        "NAF: United Armed Forces of Novorossiya"
    ]


def test_state_forces_are_external_outside_their_country() -> None:
    table = default_actors()
    assert table.inter("Military Forces of Turkey (2016-)", "TR") == 1
    assert table.inter("Military Forces of Turkey (2016-)", "SY") == 8
    assert table.inter("Military Forces of Ukraine (2019-)", "UA") == 1
    assert table.inter("Taliban", "AF") == 2 and table.inter("Protesters (Chile)", "CL") == 6
    assert table.inter("nobody", "AF") is None


def test_named_actors_of_other_conflicts() -> None:
    table = default_actors()
    text = "Houthi fighters and al-Shabaab militants"
    refs = [s.ref for s in table.find(text, None, generic=False)]
    assert refs == ["Military Forces of Yemen (2016-) Supreme Political Council", "Al Shabaab"]


def test_a_small_table_of_its_own() -> None:
    # Two actors share an alias: the first listed wins; a found sentence is answered again
    # from the cache, as a fresh list the caller may change.
    table = ActorTable(
        [
            Actor("Lake Brigade", "rebel", 2, "XX", ("the Brigade",), ("fishermen",)),
            Actor("Hill Brigade", "rebel", 2, "YY", ("the Brigade",), ()),
        ]
    )
    first = table.find("the Brigade met fishermen", "XX")
    assert [(s.ref, s.generic) for s in first] == [("Lake Brigade", False), ("Lake Brigade", True)]
    first.clear()
    assert len(table.find("the Brigade met fishermen", "XX")) == 2
    assert table.by_name("Hill Brigade").country == "YY" and table.by_name("nobody") is None
    assert table.role_actor("police", "XX") is None


def test_a_roles_actor_in_another_country() -> None:
    table = default_actors()
    assert table.in_country("Police Forces of Canada", "US") == "Police Forces of the United States"
    assert table.in_country("Civilians (Canada)", "MX") == "Civilians (Mexico)"
    assert table.in_country("Hayat Tahrir al-Sham", "US") == "Hayat Tahrir al-Sham"  # named
    assert table.in_country("Police Forces of Canada", None) == "Police Forces of Canada"
