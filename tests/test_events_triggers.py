"""Trigger words -> ACLED sub-event types (the stage alone, on sentences of our own)."""

from eventmap.events.triggers import TRIGGERS, find_triggers, names_no_doer, reverses_sides
from eventmap.schema import SUB_EVENT_TO_TYPE


def _subs(sentence: str) -> list[str]:
    return [sub for *_, sub in find_triggers(sentence, 0)]


def test_every_lexicon_type_is_an_acled_sub_event_type() -> None:
    assert TRIGGERS
    assert all(sub in SUB_EVENT_TO_TYPE for _, sub in TRIGGERS)


def test_trigger_words_give_their_type_with_offsets_into_the_text() -> None:
    found = find_triggers("Mortars hit the market.", 100)
    assert found == [(100, 107, "Shelling/artillery/missile attack")]
    assert _subs("A roadside bomb exploded near the bridge.") == ["Remote explosive/landmine/IED"]
    assert _subs("Gunmen kidnapped two engineers.") == ["Abduction/forced disappearance"]


def test_triggers_are_whole_words_in_any_case() -> None:
    assert _subs("AIRSTRIKES were reported.") == ["Air/drone strike"]
    assert _subs("The clashing colours of the flag.") == []


def test_a_purpose_clause_is_not_an_event() -> None:
    assert _subs("Troops were sent to prevent further attacks.") == []
    assert _subs("Militants launched an assault on the base.") == ["Armed clash"]


def test_an_air_force_attacking_is_an_air_strike_once() -> None:
    assert _subs("The air force targeted a convoy.") == ["Air/drone strike"]
    assert (
        _subs("Warplanes bombed the depot; the air force struck again.").count("Air/drone strike")
        == 1
    )
    assert _subs("The air force held a parade.") == []


def test_a_retreat_reverses_the_sides() -> None:
    assert reverses_sides("retreated") and reverses_sides("Withdrew from")
    assert not reverses_sides("captured")


def test_a_weak_verb_counts_only_without_a_specific_trigger() -> None:
    assert _subs("Gunmen killed a farmer.") == ["Attack"]
    assert _subs("An artillery barrage killed a farmer.") == [
        "Shelling/artillery/missile attack",
        "Shelling/artillery/missile attack",
    ]


def test_sentence_cues_refine_the_type() -> None:
    from eventmap.events.triggers import refine

    assert refine("Peaceful protest", "Nurses rallied outside the ministry.") == "Peaceful protest"
    assert refine("Peaceful protest", "Nurses rallied and threw stones.") == "Violent demonstration"
    assert (
        refine(
            "Peaceful protest", "Nurses rallied.", "Officers used water cannon to disperse them."
        )
        == "Protest with intervention"
    )
    assert (
        refine("Peaceful protest", "Nurses rallied; troops dispersed them and two died.")
        == "Excessive force against protesters"
    )
    assert refine("Grenade", "A grenade was found and defused.") == "Disrupted weapons use"
    assert refine("Grenade", "A grenade exploded.") == "Grenade"


def test_a_raid_with_no_arrest_or_fight_is_a_change_of_activity() -> None:
    # ACLED: a raid or search that ends in no arrests and no fighting.
    assert _subs("Troops conducted a dawn raid on the market.") == ["Change to group/activity"]
    assert _subs("Police carried out a raid and arrested four men.") == ["Arrests"]
    assert _subs("Jets carried out an air raid on the depot.") == ["Air/drone strike"]


def test_holding_a_march_is_a_protest_but_the_month_is_not() -> None:
    assert _subs("Students held a silent march to the ministry.") == ["Peaceful protest"]
    assert _subs("In March the ministry raised fees.") == []


def test_a_gunshot_wound_or_a_gun_going_off_is_violence() -> None:
    assert _subs("Deputies found a woman with a gunshot wound to the arm.") == ["Attack"]
    assert _subs("A rifle went off in the truck, hurting a passenger.") == ["Attack"]
    assert _subs("The alarm went off at noon.") == []


def test_a_harm_without_a_doer_counts_only_where_no_other_word_does() -> None:
    # 'body' (weak) stands for the event; the wound is then no trigger of its own
    assert len(_subs("A body was found by police near the river with gunshot wounds.")) == 1
    assert names_no_doer("gunshot wounds") and names_no_doer("gun went off")
    assert not names_no_doer("shot")


def test_each_tier_is_found_by_its_lexicon() -> None:
    from eventmap.events.triggers import _TIER_OF, _TIERS

    assert {tier: _TIER_OF[id(lexicon)] for tier, lexicon in _TIERS.items()} == {
        tier: tier for tier in _TIERS
    }
