"""ACLED's atomicity and hierarchy, on hand-made candidates (the stage alone)."""

import datetime as dt

from eventmap.actors import default_actors
from eventmap.dates import DateRef
from eventmap.events.code import HIERARCHY, fold_lede, merge, order_actors
from eventmap.events.model import Candidate
from eventmap.fatalities import Fatalities
from eventmap.geoparse import Mention
from eventmap.schema import SUB_EVENT_TO_TYPE

DAY = DateRef("Saturday", 0, 8, dt.date(2024, 12, 7), dt.date(2024, 12, 7), 1, "weekday")


def _cand(sub: str, gid: int, sentence: int, date=DAY, source="own", dead: int = 0) -> Candidate:
    place = Mention(
        0,
        4,
        "Town",
        "event_location",
        True,
        geonameid=gid,
        kind="city",
        country_code="SY",
        admin1_code="01",
    )
    fat = Fatalities(dead, dead, dead, str(dead)) if dead else Fatalities(0, None, None, None)
    return Candidate(
        sub,
        place,
        sentence,
        (sentence * 10, sentence * 10 + 9),
        (0, 1),
        ["A"],
        [],
        ["a"],
        [],
        date,
        source,
        fat,
        None,
        False,
    )


def test_the_hierarchy_names_acled_sub_event_types() -> None:
    assert set(HIERARCHY) <= set(SUB_EVENT_TO_TYPE)


def test_one_pair_place_and_day_is_one_event_of_the_highest_type() -> None:
    merged = merge([_cand("Armed clash", 1, 0), _cand("Air/drone strike", 1, 1, dead=3)])
    assert len(merged) == 1
    assert merged[0].sub_event == "Air/drone strike"
    assert merged[0].extra_quotes == [(0, 9)] and merged[0].fatalities.coded == 3


def test_distinct_towns_stay_distinct_events() -> None:
    assert len(merge([_cand("Armed clash", 1, 0), _cand("Armed clash", 2, 1)])) == 2


def test_an_undated_lede_folds_into_the_dated_event() -> None:
    lede = _cand("Armed clash", 1, 0, date=None, source="lede")
    dated = _cand("Armed clash", 1, 3)
    assert fold_lede([lede, dated]) == [dated]
    assert dated.extra_quotes == [lede.quote]


def test_a_named_actor_leads_an_unidentified_one() -> None:
    """Two sentences of one fight, one naming the army and one not: the army is actor 1."""
    cand = _cand("Shelling/artillery/missile attack", 1, 0)
    cand.mention.country_code = "UA"  # an unnamed doer is coded in the event's country
    cand.actors1 = ["Unidentified Armed Group (Ukraine)", "Military Forces of Ukraine (2019-)"]
    cand.actor_texts1 = ["", "Ukrainian forces"]
    (out,) = order_actors([cand], default_actors())
    assert out.actors1 == [
        "Military Forces of Ukraine (2019-)",
        "Unidentified Armed Group (Ukraine)",
    ]
    assert out.actor_texts1 == ["Ukrainian forces", ""]


def test_actors_the_text_does_not_name_follow_the_events_country() -> None:
    # 'Hamilton police said': read as Canada's before the namesake moved to Ohio; a Syrian
    # event (SY) keeps 'Russian warplanes' (named) and recodes 'police' and the default doer.
    cand = _cand("Attack", 1, 0)
    cand.actors1 = ["Police Forces of Canada", "Military Forces of Russia (2000-)"]
    cand.actor_texts1 = ["police", "Russian warplanes"]
    cand.actors2 = ["Unidentified Armed Group (Canada)"]
    cand.actor_texts2 = ["Unidentified Armed Group (Canada)"]
    (out,) = order_actors([cand], default_actors())
    assert set(out.actors1) == {"Police Forces of Syria", "Military Forces of Russia (2000-)"}
    assert out.actors2 == ["Unidentified Armed Group (Syria)"]
