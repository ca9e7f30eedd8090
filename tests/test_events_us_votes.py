"""How a US report's words vote for its state (events/us_votes.py).

Every sentence here is invented for the tests; the outlet's web address is a real one from the
outlet list (resources/us_outlets.tsv).
"""

from eventmap.events.us_cues import states_written
from eventmap.events.us_votes import agencies, state_votes
from eventmap.geoparse import geoparse


def _by_code() -> dict:
    return {s.code: s for s in states_written()[0].values()}


def test_a_town_with_its_state_votes_twice_and_the_outlet_s_state_once() -> None:
    text = "A man was shot in Waldorf, Maryland, on Sunday. Nobody else was hurt."
    votes = state_votes(text, geoparse(text), None, {"VA"}, _by_code())
    assert votes["MD"][0] >= 2 and votes["VA"][0] == 1
    assert votes["VA"][3] == 0  # the outlet's vote, not the text's


def test_the_agencies_a_report_quotes_are_read_once() -> None:
    text = "Macon police said a man was shot. The Bibb County Sheriff's Office helped."
    assert [name for name, _, _ in agencies(text)] == ["Macon", "Bibb County"]


def test_the_capital_written_on_its_own_votes_for_the_district() -> None:
    # 'Washington' is also a state, so 'Washington, D.C.' is no town with its state; 'D.C.'
    # itself is the District
    text = (
        "A teen was shot in Northeast Washington on Sunday, D.C. police said. A man from "
        "Fort Washington, Maryland, was arrested."
    )
    votes = state_votes(text, geoparse(text), None, {"DC"}, _by_code())
    assert votes["DC"][0] > votes["MD"][0]
