"""Which places of a sentence may be where its event happened (events/scene.py).

Every sentence here is invented for the tests.
"""

from eventmap.events.scene import scene_phrases, written_as_home, written_as_street
from eventmap.geoparse import geoparse


def _names(text: str, facilities: bool = True) -> list[str]:
    mentions = geoparse(text)
    return [p[0].text for p in scene_phrases(text, mentions, 0, len(text), facilities=facilities)]


def test_a_town_someone_was_taken_to_is_no_short_report_s_place() -> None:
    text = (
        "Police said a girl was shot by her brother on Sunday. She was taken to Wichita "
        "for treatment. A bomb exploded at a hospital in Kandahar."
    )
    mentions = geoparse(text)
    names = [p[0].text for p in scene_phrases(text, mentions, 0, len(text), facilities=False)]
    # where she was taken is never the scene; a short report's facility may be
    assert "Wichita" not in names and "Kandahar" in names
    names = [p[0].text for p in scene_phrases(text, mentions, 0, len(text))]
    assert "Wichita" not in names and "Kandahar" not in names


def test_a_street_is_no_short_report_s_place_either() -> None:
    text = "A man said he was shot near the intersection of Prescott and 5th Street on Monday."
    assert "Prescott" not in _names(text, facilities=False)
    mention = next(m for m in geoparse(text) if m.text == "Prescott")
    assert written_as_street(text, mention)


def test_a_hometown_is_no_scene_when_the_sentence_names_another_place() -> None:
    text = "A Valdosta man was shot on Friday in Hahira, deputies said."
    assert _names(text) == ["Hahira"]
    mention = next(m for m in geoparse(text) if m.text == "Valdosta")
    assert written_as_home(text, mention)
    # alone, the hometown is all the sentence gives
    assert _names("A Valdosta man was shot on Friday, deputies said.") == ["Valdosta"]


def test_a_school_named_after_a_place_is_no_place() -> None:
    text = "Her son goes to Lake Park Elementary, across the street from where he was shot."
    assert "Lake Park" not in _names(text, facilities=False)


def test_the_from_check_rules_out_only_places_no_person_comes_from() -> None:
    """written_as_home tries the person nouns before a place only where 'from' ends the
    words before it: every window the person pattern matches passes that check."""
    import random

    from eventmap.events import scene

    rng = random.Random(3)
    words = ["a", "man", "Men", "TEEN", "females", "from", "From", "FROM", "Macon", "x", "24"]
    seps = [" ", "  ", "\n", " \n", ", ", "\t"]
    matched = 0
    for _ in range(3000):
        text = "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(1, 8)))
        start = rng.randint(0, len(text))
        end = rng.choice([len(text), rng.randint(start, len(text))])
        if scene._person_from().search(text, start, end):
            matched += 1
            assert scene._FROM_BEFORE.search(text, start, end), (text, start, end)
    assert matched > 20
