import pytest

from eventmap.errors import EventmapError
from eventmap.schema import SUB_EVENT_TO_TYPE
from eventmap.taxonomy import default_taxonomy, load_taxonomy


def test_the_whole_acled_vocabulary_is_there():
    t = default_taxonomy()
    assert len(t.event_types) == 6 and len(t.sub_events) == 25
    assert {name: s.event_type for name, s in t.sub_events.items()} == SUB_EVENT_TO_TYPE
    assert sorted(t.inter) == list(range(1, 9))
    assert all(s.definition and s.keys for s in t.sub_events.values())


def test_the_hierarchy_puts_the_graver_type_first():
    order = default_taxonomy().hierarchy()
    assert order.index("Air/drone strike") < order.index("Armed clash") < order.index("Attack")
    assert order.index("Violent demonstration") < order.index("Peaceful protest")


def test_decision_rules_name_their_neighbours():
    rules = default_taxonomy().rules
    assert set(rules["abduction_vs_arrest"].between) == {
        "Abduction/forced disappearance",
        "Arrests",
    }
    assert "riot_vs_protest" in rules and "attack_vs_clash" in rules


def test_a_broken_file_fails_loudly(tmp_path):
    bad = tmp_path / "t.toml"
    bad.write_text('[[event_type]]\nname = "Battles"\ndisorder = "x"\ndefinition = "y"\n')
    with pytest.raises(EventmapError, match="6"):
        load_taxonomy(bad)
    bad.write_text("not = [toml")
    with pytest.raises(EventmapError):
        load_taxonomy(bad)
