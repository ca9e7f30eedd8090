import pytest

from eventmap.fatalities import find_fatalities


@pytest.mark.parametrize(
    ("sentence", "coded", "text"),
    [
        ("These strikes resulted in the deaths of “dozens” of jihadists", 12, "dozens"),
        ("Tens of fighters were killed", 10, "Tens"),
        ("hundreds of people died", 100, "hundreds"),
        ("Several people were killed in the clashes", 3, "Several"),
        ("Many were killed in a massive bombing campaign", 10, "Many"),
        ("At least 7 civilians were killed", 7, "At least 7"),
        ("between 5 and 8 soldiers were killed", 5, "5 and 8"),
        ("twelve bodies were found", 12, "twelve"),
        ("resulting in significant militant casualties", 0, "casualties"),
        ("The army suffered heavy losses", 0, "losses"),
        ("The town was shelled", 0, None),
    ],
)
def test_acled_fatality_rules(sentence: str, coded: int, text: str | None) -> None:
    f = find_fatalities(sentence)
    assert f.coded == coded
    assert f.text == text


def test_ranges_keep_both_ends() -> None:
    f = find_fatalities("between 5 and 8 soldiers were killed")
    assert (f.low, f.high) == (5, 8)


def test_years_and_money_are_not_deaths() -> None:
    assert find_fatalities("In 2024 the war killed people").coded != 2024
    assert find_fatalities("A $500 reward after two were killed").coded == 2


@pytest.mark.parametrize(
    ("sentence", "dead", "wounded"),
    [
        ("Six villagers and three guards were killed and 14 others were wounded", 9, 14),
        ("The explosion killed 4 and injured 12", 4, 12),
        ("Seven people, including 3 women, died", 7, 0),
        ("A trader was shot dead outside his shop", 1, 0),
        ("Gunmen shot the guard dead", 1, 0),
        ("On 9 March 2022, two pilgrims were killed", 2, 0),
        ("Eight people were injured", 0, 8),
        ("No one was killed in the raid", 0, 0),
    ],
)
def test_each_figure_counts_its_own_outcome(sentence: str, dead: int, wounded: int) -> None:
    f = find_fatalities(sentence)
    assert (f.coded, f.wounded) == (dead, wounded)


def test_a_toll_told_over_two_sentences_adds_up() -> None:
    from eventmap.fatalities import add_tolls

    total = add_tolls(
        find_fatalities("2 soldiers died"), find_fatalities("5 attackers were killed")
    )
    assert total.coded == 7


def test_figures_of_the_arrested_are_not_deaths() -> None:
    assert find_fatalities("Five fighters were killed and 4 were captured").coded == 5


def test_a_long_named_victim_is_one() -> None:
    text = "The head of a local farmers' union in the north was shot dead by gunmen"
    assert find_fatalities(text).coded == 1
    assert find_fatalities("Insurgents shot dead a shepherd").coded == 1


def test_a_stated_total_replaces_and_one_victim_told_twice_stays_one() -> None:
    from eventmap.fatalities import add_tolls

    first = find_fatalities("A guard was shot dead")
    assert add_tolls(first, find_fatalities("The guard died"), "The guard died").coded == 1
    two = find_fatalities("Two farmers were killed")
    assert add_tolls(two, find_fatalities("2 fatalities"), "2 fatalities.").coded == 2


def test_a_figure_before_an_active_verb_is_not_its_dead() -> None:
    text = (
        "Raiders attacked four herders who were grazing cattle near the river, killing one herder"
    )
    assert find_fatalities(text).coded == 1


def test_fatally_shot_is_one_death_and_a_spelled_total_replaces() -> None:
    from eventmap.fatalities import add_tolls

    assert find_fatalities("A guard fatally shot a driver").coded == 1
    six = find_fatalities("Shells killed six civilians")
    assert add_tolls(six, find_fatalities("Six fatalities reported"), "Six fatalities.").coded == 6


def test_ages_and_measures_are_no_head_counts() -> None:
    assert find_fatalities("A 31-year-old cyclist died after the crash.").coded == 1
    assert find_fatalities("Nineteen-year-old Lee was fatally shot near the depot.").coded == 1
    assert find_fatalities("Two hikers died on a trail some 40 minutes from town.").coded == 2
    assert find_fatalities("A clerk aged 52 was killed in the robbery.").coded == 1
    # an ordinal is a street or a rank, never a head count
    assert find_fatalities("A man was killed near 31st and Oak Street.").coded == 1
    assert find_fatalities("The 2nd victim of the ambush died on Monday.").coded != 2
    # spans of time, the emergency number, a station's channel, an age after a common noun
    assert find_fatalities("Three weeks after a clerk was fatally shot, no one is held.").coded == 1
    assert find_fatalities("Callers to 911 said two men were killed.").coded == 2
    assert find_fatalities("(KXYZ 9) - Deputies say a farmer was killed.").coded == 1
    assert find_fatalities("Police say a boy, 14, died at the scene.").coded == 1
    assert find_fatalities("Two men were shot dead near Route 33.").coded == 2
    assert find_fatalities("A gunman kills one, injures five at a bar.").coded == 1


def test_the_hospitalized_are_wounded_not_dead() -> None:
    found = find_fatalities("One man was killed and 4 were hospitalized after the crash.")
    assert (found.coded, found.wounded) == (1, 4)


def test_news_phrasings_of_one_death() -> None:
    assert find_fatalities("The driver was pronounced dead at a clinic.").coded == 1
    assert find_fatalities("Medics treated a woman; she later died.").coded == 1
    assert find_fatalities("A retired teacher is dead and his neighbour injured.").coded == 1
    assert find_fatalities("Deputies investigate the shooting death of a farmhand.").coded == 1
    assert find_fatalities("A cashier was wounded in the robbery.").coded == 0


def test_a_figure_after_a_comma_owns_the_outcome_word() -> None:
    fat = find_fatalities("Five guests were shot, three fatally, at the wedding.")
    assert fat.coded == 3


def test_the_same_toll_restated_is_not_added_unless_more_are_said_to_die() -> None:
    from eventmap.fatalities import add_tolls

    two = find_fatalities("Two brothers were killed in the crossfire.")
    again = "Both were killed, two people who knew them said."
    assert add_tolls(two, find_fatalities(again), again).coded == 2
    more = "Two more people were killed later that night."
    assert add_tolls(two, find_fatalities(more), more).coded == 4


def test_an_age_between_commas_after_a_name_and_a_clock_time_are_no_counts() -> None:
    assert find_fatalities("Dana Price, 27, died at the scene.").coded == 1
    assert find_fatalities("Shots rang out around 7:45 and a guard was killed.").coded == 1
    assert find_fatalities("In Kabul, 12 soldiers were killed.").coded == 12


@pytest.mark.parametrize(
    "sentence",
    [
        "Last spring, Dana Lee Morrow was shot and killed outside a bakery.",
        "A neighbour was charged in the fatal shooting of Omar Pike, 31, of Elmwood.",
        "The uncle faces trial in the fatal shooting of his 9-year-old nephew.",
        "Prosecutors say he is accused of killing Rosa Delgado and wounding two others.",
        "Rebels killed Abu Karim in an ambush on the road.",
    ],
)
def test_one_named_or_described_victim_is_one_death(sentence: str) -> None:
    assert find_fatalities(sentence).coded == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "The militia killed Islamic State fighters near the river.",
        "Protesters gathered over the death of a prisoner in custody.",
        "Two fatal shootings were reported last year.",
    ],
)
def test_groups_and_earlier_deaths_are_not_one_victim(sentence: str) -> None:
    assert find_fatalities(sentence).coded == 0


def test_a_vague_word_inside_another_counts_nobody() -> None:
    # 'some' in 'Newsome' or 'someone', 'many' in 'Germany': no figure; one victim is one death
    assert find_fatalities("Lee Newsome of Rome, Georgia, was pronounced dead there").coded == 1
    assert find_fatalities("A driver from Germany was killed on the bridge").coded == 1
    assert find_fatalities("A boy was killed when someone fired through the door").coded == 1
    assert find_fatalities("Some 20 people were killed near the market").coded == 20
    assert find_fatalities("In the north, many were killed").coded == 3


def test_a_street_address_is_no_count() -> None:
    # one death told, not 412
    assert find_fatalities("He died inside a home at 412 Birch Lane, deputies said").coded == 1
    assert find_fatalities("Fatal shooting at 9120 Grand Avenue").coded == 0
    assert find_fatalities("Two killed at 12 Main Street").coded == 2


@pytest.mark.parametrize(
    ("sentence", "dead", "wounded"),
    [
        ("A gunman killed 3 people at 4 locations across the county on Monday.", 3, 0),
        ("Drone strikes killed 12 civilians in two villages near the river.", 12, 0),
        ("The blast killed 7 inside 2 homes on Elm Road.", 7, 0),
        ("Shelling killed 4 people in 2 districts and wounded 9.", 4, 9),
        ("Militants killed 3 guards at 2 checkpoints and injured 5 others.", 3, 5),
        ("Two airstrikes killed 5 fighters near the dam.", 5, 0),
        ("Three rockets killed a child in the camp.", 1, 0),
        ("Two army-operated drones killed 6 herders.", 6, 0),
        ("Four shootings left 6 dead over the weekend.", 6, 0),
        ("Two people in cars were killed at the junction.", 2, 0),
        ("Gunmen killed 4 farmers and injured 2 more during an attack on the fields.", 4, 2),
        ("Two police officers were killed and one of the vehicles burned.", 2, 0),
    ],
)
def test_a_figure_that_counts_things_is_no_toll(sentence: str, dead: int, wounded: int) -> None:
    toll = find_fatalities(sentence)
    assert (toll.coded, toll.wounded) == (dead, wounded)


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("Drone fire killed 4 soldiers.", 4),
        ("The bomb killed none of the guests.", 0),
        ("He was often seen there; gunmen killed 2 men.", 2),
        ("An M16 rifle was used; the attack killed 3.", 3),
        ("The AK-47 gunman killed 2 people.", 2),
        ("Troops killed 1,200 fighters.", 1200),
    ],
)
def test_a_figure_is_a_whole_word(sentence: str, dead: int) -> None:
    assert find_fatalities(sentence).coded == dead


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("Two people were killed in the first raid and 3 in the second one.", 5),
        ("Shelling killed 4 civilians at one market and 2 at the other one.", 6),
        ("A strike on a school killed 6, and a second strike hit a clinic near that one.", 6),
        ("A guard was wounded and the other one died.", 1),
        ("Two were shot; one survived and the other one died.", 1),
        ("One person survived the crash that killed three.", 3),
        ("Three people were killed and one survived with injuries.", 3),
        ("Gunmen killed one guard at the gate.", 1),
        ("Two men were wounded; the death of the other one was confirmed.", 1),
    ],
)
def test_one_standing_for_a_thing_is_no_victim(sentence: str, dead: int) -> None:
    assert find_fatalities(sentence).coded == dead


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("Amos Reed Sr., 30, and another man were found dead in the house.", 0),
        ("Jo Roe Jr., 19, was killed.", 1),
        ("Jo Roe Jr. was shot and killed on Friday.", 1),
        ("Reed Sr., 52, died at the scene.", 1),
        ("Police said 30, including children, were killed.", 30),
        ("The girl, who was 12 or 13 years old, was shot by a neighbour.", 0),
        ("Children 5 to 7 years old were among 9 killed.", 9),
    ],
)
def test_an_age_after_a_name_with_its_suffix_is_no_toll(sentence: str, dead: int) -> None:
    """'Sr., 30,' is an age as 'Reed, 30,' is; the named one is one victim."""
    assert find_fatalities(sentence).coded == dead
