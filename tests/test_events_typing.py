"""ACLED's decision rules between neighbouring types, end to end, on sentences of our own.

Each case is one rule: which trigger gives way (resources/event_precedence.tsv), who the
violence was done to (attack vs clash), a crowd is no armed group (mob violence), weapons fired
from afar (shelling vs clash), property not people (looting), and what did not happen (denied,
carried, a grievance).
"""

import datetime as dt

import pytest

from eventmap.article import Article
from eventmap.events import extract_events
from eventmap.events.sentences import AGGREGATE
from eventmap.events.triggers import find_triggers

DAY = dt.date(2021, 6, 14)


def _one(text: str):
    frame = extract_events(Article(id="t", text=text, published=DAY)).events
    events = frame[frame["mention_type"] == "event"]
    assert len(events) == 1, events[["sub_event_type", "location"]]
    return events.iloc[0]


def _subs(sentence: str) -> list[str]:
    return [sub for *_, sub in find_triggers(sentence, 0)]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # The violence is the event; the arrest that followed is its aftermath.
        (
            "On 12 June 2021, police beat up two reporters and then arrested them in Kisumu.",
            "Attack",
        ),
        # People detained for gathering: a protest the police broke up.
        (
            "On 12 June 2021, police detained eight people who had gathered outside the town "
            "hall in Mombasa to protest fuel prices.",
            "Protest with intervention",
        ),
        # The weapon says how civilians were killed: shelling, not an attack.
        (
            "On 12 June 2021, shells fired at a market killed three civilians in Donetsk.",
            "Shelling/artillery/missile attack",
        ),
        # Raiders who carried goods off and hurt nobody: looting.
        (
            "On 12 June 2021, gunmen raided shops in Gusau, taking away food and phones.",
            "Looting/property destruction",
        ),
    ],
)
def test_one_trigger_gives_way_to_another(text: str, sub: str) -> None:
    assert _one(text).sub_event_type == sub


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("On 12 June 2021, gunmen shot dead two soldiers in Gao.", "Armed clash"),
        ("On 12 June 2021, gunmen shot dead two traders in Gao.", "Attack"),
        ("On 12 June 2021, a policeman was shot dead by gunmen in Kano.", "Armed clash"),
        ("On 12 June 2021, a farmer was shot dead by suspected militants in Kano.", "Attack"),
        # No longer a combatant: an attack on a civilian.
        ("On 12 June 2021, gunmen shot dead a retired soldier in Kano.", "Attack"),
        # An attack on a base is a fight with the people who hold it.
        ("On 12 June 2021, militants launched an attack on an army base in Gao.", "Armed clash"),
        # Two rival groups of the same colour on a map are still two sides.
        ("On 12 June 2021, HTS attacked the Syrian National Army in Afrin.", "Armed clash"),
    ],
)
def test_attack_or_clash_follows_the_target(text: str, sub: str) -> None:
    assert _one(text).sub_event_type == sub


def test_a_passive_victim_is_actor_two_and_the_agent_actor_one() -> None:
    row = _one("On 12 June 2021, a farmer was shot dead by suspected militants in Kano.")
    assert row.actor1 == "Unidentified Armed Group (Nigeria)"
    assert row.actor2 == "Civilians (Nigeria)"
    found = _one("On 12 June 2021, a body was found by police near Kano with gunshot wounds.")
    assert found.actor1 != "Police Forces of Nigeria"  # who found it did not kill


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "On 12 June 2021, two groups of villagers clashed over a land dispute in Multan, "
            "injuring five.",
            "Mob violence",
        ),
        ("On 12 June 2021, a nurse was attacked by locals in Bhopal.", "Mob violence"),
        ("On 12 June 2021, a brawl broke out between rival supporters in Accra.", "Mob violence"),
        ("On 12 June 2021, protesters clashed with police in Lahore.", "Violent demonstration"),
        (
            "On 12 June 2021, residents pelted stones at police, who fired tear gas shells, in "
            "Surat.",
            "Mob violence",
        ),
        # Armed men are no crowd.
        ("On 12 June 2021, armed youths attacked a village near Wau.", "Attack"),
    ],
)
def test_a_crowd_fighting_is_a_riot(text: str, sub: str) -> None:
    row = _one(text)
    assert row.sub_event_type == sub
    if sub == "Mob violence":
        assert row.actor1.startswith("Rioters") and row.inter1 == 5


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # 'with rockets' is the weapon, not fighting around the shelling.
        (
            "On 12 June 2021, government forces shelled the outskirts of Idlib with rockets.",
            "Shelling/artillery/missile attack",
        ),
        # Heavy machine guns fire from a distance; with small arms it is a fire fight.
        (
            "On 12 June 2021, rebels fired heavy machine guns at army positions near Marib.",
            "Shelling/artillery/missile attack",
        ),
        (
            "On 12 June 2021, rebels fired mortars and small arms at army positions near Marib.",
            "Armed clash",
        ),
        # Shelling answered from the other side is a fight.
        (
            "On 12 June 2021, the army responded to rebel shelling near Marib.",
            "Armed clash",
        ),
        ("On 12 June 2021, two armies clashed with artillery near Marib.", "Armed clash"),
    ],
)
def test_remote_fire_or_battle(text: str, sub: str) -> None:
    assert _one(text).sub_event_type == sub


def test_shelling_elsewhere_in_the_sentence_stays_shelling() -> None:
    assert "Shelling/artillery/missile attack" in _subs("Shelling hit Homs while clashes raged.")


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "On 12 June 2021, customs officers seized at least 2 tons of smuggled cigarettes in "
            "Mersin.",
            "Looting/property destruction",
        ),
        (
            "On 12 June 2021, five houses were burned down in Maiduguri.",
            "Looting/property destruction",
        ),
        (
            "On 12 June 2021, two militants died when the bomb they were planting exploded "
            "prematurely near Kandahar.",
            "Disrupted weapons use",
        ),
        ("On 12 June 2021, two men were arrested in Kisumu.", "Arrests"),
        (
            "On 12 June 2021, students protested in Lima against the detention of activists "
            "accused of vandalising a bank.",
            "Peaceful protest",
        ),
    ],
)
def test_strategic_developments_and_grievances(text: str, sub: str) -> None:
    assert _one(text).sub_event_type == sub


def test_arrested_people_are_not_the_arresting_side() -> None:
    row = _one("On 12 June 2021, two men were arrested in Kisumu.")
    assert (row.actor1, row.inter1) == ("Police Forces of Kenya", 1)


def test_what_did_not_happen_is_no_trigger() -> None:
    assert _subs("No arrests or clashes were reported.") == []
    assert _subs("The patrol returned without clashes.") == []
    assert "Grenade" not in _subs("Police shot a man armed with a grenade.")
    assert "Grenade" not in _subs("Police lobbed tear gas at the crowd.")


def test_rounds_counted_on_one_day_are_no_aggregate() -> None:
    assert not AGGREGATE.search("Monitors counted a total of 14 explosions near the town.")
    assert not AGGREGATE.search("A total of 3 shots/bursts of fire were heard.")
    assert AGGREGATE.search("A total of 300 people have been killed so far.")
    assert AGGREGATE.search("Officials said a total of 40 soldiers died this year.")


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # Heavy weapons fired into villages: shelling, even with rifles among them.
        (
            "On 12 June 2021, rebels fired mortars and rifles at residential villages near Marib.",
            "Shelling/artillery/missile attack",
        ),
        (
            "On 12 June 2021, rebels fired mortars and rifles at army positions near Marib.",
            "Armed clash",
        ),
        # Police are police, even when the report's country is misread: no armed group. No
        # grievance is named: no demonstration (taxonomy: mob_vs_violent_demonstration).
        (
            "On 12 June 2021, rioters clashed with Kenyan police in Mombasa.",
            "Mob violence",
        ),
        # An operation that left fighters dead was a fight.
        (
            "On 12 June 2021, the army carried out an operation against militants near Gao, "
            "leaving four militants dead.",
            "Armed clash",
        ),
        # The target is the farmers, not the army they were accused of helping.
        (
            "On 12 June 2021, gunmen shot dead two farmers accused of spying for the army in Gao.",
            "Attack",
        ),
        ("On 12 June 2021, militants attacked an army force near Gao.", "Armed clash"),
        ("On 12 June 2021, rebels shot down an army drone near Gao.", "Disrupted weapons use"),
        (
            "On 12 June 2021, a cartel set up two check points on the highway near Culiacan.",
            "Change to group/activity",
        ),
        ("On 12 June 2021, the governor imposed a curfew in Kano.", "Change to group/activity"),
    ],
)
def test_more_decision_rules(text: str, sub: str) -> None:
    assert _one(text).sub_event_type == sub


def test_a_fight_with_the_state_names_the_state_first() -> None:
    row = _one("On 12 June 2021, two gunmen exchanged fire with Kenyan police in Mombasa.")
    assert row.sub_event_type == "Armed clash"
    assert (row.actor1, row.inter1) == ("Police Forces of Kenya", 1)
    assert row.actor2 == "Unidentified Armed Group (Kenya)"
    # An attack keeps its attacker first.
    attack = _one("On 12 June 2021, gunmen shot dead two soldiers in Gao.")
    assert attack.actor1 == "Unidentified Armed Group (Mali)"


def test_people_shot_at_are_civilians_not_protesters() -> None:
    row = _one("On 12 June 2021, gunmen shot dead two traders in Gao.")
    assert (row.actor2, row.inter2) == ("Civilians (Mali)", 7)


def test_an_attack_by_a_group_names_the_group_first() -> None:
    row = _one(
        "On 12 June 2021, three policemen were killed in an attack by militants on a "
        "checkpoint near Gao."
    )
    assert row.sub_event_type == "Armed clash"
    assert row.actor1 == "Unidentified Armed Group (Mali)"
    assert row.actor2 == "Police Forces of Mali"


def test_an_operation_the_next_sentence_turns_into_a_fight() -> None:
    row = _one(
        "On 12 June 2021, police launched a security operation in Culiacan. A shoot-out "
        "broke out and two gunmen died."
    )
    assert row.sub_event_type == "Armed clash"
    calm = _one(
        "On 12 June 2021, police launched a security operation in Culiacan. No shots were fired."
    )
    assert calm.sub_event_type == "Change to group/activity"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # A mob is mob violence, whatever it demanded.
        (
            "On 12 June 2021, a mob of farm workers attacked the village council office in "
            "Azamgarh, demanding wages.",
            "Mob violence",
        ),
        # Burning tyres and barricading roads is how a demonstration turns violent.
        (
            "On 12 June 2021, residents burned tyres and barricaded roads in Kati.",
            "Violent demonstration",
        ),
        (
            "On 12 June 2021, residents marched in Asuncion and police officers tried to contain "
            "them.",
            "Protest with intervention",
        ),
        # The arrest the protest is about is no intervention.
        (
            "On 12 June 2021, nurses protested in Lahore against the arrest of a colleague, who "
            "was arrested on Friday.",
            "Peaceful protest",
        ),
    ],
)
def test_riot_and_protest_kinds(text: str, sub: str) -> None:
    assert _one(text).sub_event_type == sub


def test_a_weapon_carried_is_not_used_but_the_carrier_still_acts() -> None:
    assert "Grenade" not in _subs("Police shot a man armed with a hand grenade.")
    row = _one(
        "On 12 June 2021, villagers armed with sticks formed a patrol in Khargone to enforce "
        "the curfew."
    )
    assert row.sub_event_type == "Change to group/activity"


def test_communal_and_ethnic_militias_are_identity_militias() -> None:
    row = _one("On 12 June 2021, communal militiamen clashed with armed herdsmen near Jos.")
    assert row.sub_event_type == "Armed clash"
    assert (row.actor1, row.inter1) == ("Communal Militia (Nigeria)", 4)
