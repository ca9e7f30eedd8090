"""Follow-up reports take their incident's day through the people both name.

Every name and sentence here is invented for the tests.
"""

import random

import pandas as pd

from eventmap.corpus import follow_ups
from eventmap.corpus.follow_ups import link_follow_ups, report_names


def test_people_named_with_their_age_are_the_report_s_names() -> None:
    text = (
        "Police said Officer Jo Ann Doe, 41, shot 23-year-old suspect Lee Park-Kim on Elm "
        "Street. Max Roe (33) was hurt. Spokeswoman Ann Poe and reporter Tim Coe said little. "
        "Monday Smith, 5, and Harbor Street, 12, are no people."
    )
    assert report_names(text).split(";") == ["Jo Ann Doe", "Lee Park-Kim", "Max Roe"]
    assert report_names("A man was shot on Monday.") == ""
    roles = (
        "Deputies identified the victim as Kim Lo. Ray Ann Coe was charged on Friday. "
        "The death of Bo Diaz shocked Elm Street. Suspect Alan Ruiz fled."
    )
    assert report_names(roles).split(";") == ["Alan Ruiz", "Bo Diaz", "Kim Lo", "Ray Ann Coe"]


def test_names_are_found_where_the_patterns_themselves_find_them() -> None:
    """``_aged`` and ``_roles`` try the patterns only where a name can start: the same
    matches as the patterns' own finditer, on invented texts that pile up the tricky cases
    (initials, hyphens, line breaks, ages glued to digits, IGNORECASE look-alikes)."""
    words = [
        "Jo", "Ann", "Doe", "J.", "Smith-Jones", "O'Neil", ",", "23", "5", "(23)", "(", ")",
        "age", "aged", "-year-old", "123-year-old", "was", "has", "had", "been", "is", "shot",
        "killed", "charged", "Victim", "victims", "SUSPECT", "\u017fuspect", "the", "death",
        "of", "identified", "him", "as", "gunman", "Shooter", ".", "Lee", "Park-Kim", "x",
    ]  # fmt: skip
    rng = random.Random(7)
    seen = 0
    for _ in range(3000):
        n = rng.randint(1, 25)
        text = "".join(rng.choice(words) + rng.choice(["", " ", " ", "\n", "  "]) for _ in range(n))
        for fast, pattern in (
            (follow_ups._aged, follow_ups._AGED),
            (follow_ups._roles, follow_ups._ROLE),
        ):
            expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groups()) for m in fast(text)] == expected, text
            seen += len(expected)
    assert seen > 100  # the texts do hold names


def test_a_block_is_read_only_where_the_report_writes_block() -> None:
    assert report_names("Shots hit the 600 Block of Elm Street.") == ""
    assert report_names("He was shot at the SAME spot, in the 600 block of Elm Street.") == ""


def test_the_block_pattern_with_its_start_set_finds_what_the_plain_one_finds() -> None:
    import random
    import re

    from eventmap.corpus.follow_ups import _block

    pattern = _block()
    plain = re.compile(pattern.pattern, pattern.flags)
    rng = random.Random(9)
    parts = [
        ["", "the ", "at the ", "x,"],
        ["600", "12", "1200", "7", "ſ"],
        [" block of ", " Block of ", " block  of the ", " blocks of "],
        ["", "N. ", "NORTH ", "north ", "w "],
        ["Elm", "3rd", "elm", "Main"],
        ["", " St", " Street", " STREET", "."],
    ]
    found = 0
    for _ in range(3000):
        text = " ".join("".join(rng.choice(p) for p in parts) for _ in range(rng.randint(1, 3)))
        want = [(m.span(), m.groups()) for m in plain.finditer(text)]
        assert [(m.span(), m.groups()) for m in pattern.finditer(text)] == want, text
        found += bool(want)
    assert found > 500


def _mentions(rows: list[tuple]) -> pd.DataFrame:
    cols = ["article_id", "event_date", "latitude", "longitude", "geonameid", "names", "_area"]
    m = pd.DataFrame(rows, columns=cols)
    m["_day"] = pd.to_datetime(m["event_date"]).values.astype("datetime64[D]").astype("int64")
    return m


def test_a_later_report_naming_the_same_person_at_the_same_place_takes_the_first_day() -> None:
    m = _mentions(
        [
            ("shooting", "2016-03-05", 40.0, -80.0, 1, "Jo Doe;Lee Roe", "US|PA"),
            ("arrest", "2016-03-19", 40.01, -80.0, 2, "Lee Roe", "US|PA"),
            ("trial", "2016-09-30", 40.0, -80.0, 1, "Jo Doe", "US|PA"),
            ("namesake abroad", "2016-04-01", 40.0, -80.0, 1, "Jo Doe", "US|OH"),
            ("namesake far off", "2016-04-02", 41.5, -77.0, 4, "Jo Doe", "US|PA"),
            ("no names", "2016-03-20", 40.0, -80.0, 1, "", "US|PA"),
        ]
    )
    out = link_follow_ups(m)
    assert list(out["event_date"]) == [
        "2016-03-05",
        "2016-03-05",
        "2016-03-05",
        "2016-04-01",
        "2016-04-02",
        "2016-03-20",
    ]
    assert out["_day"][1] == out["_day"][0]
    assert list(m["event_date"])[1] == "2016-03-19"  # the caller's frame is left alone


def test_a_name_in_many_reports_of_the_area_links_nothing() -> None:
    rows = [
        (f"r{k}", f"2016-03-{k + 1:02d}", 40.0, -80.0, 1, "Pat Chief", "US|PA") for k in range(9)
    ]
    out = link_follow_ups(_mentions(rows))
    assert list(out["event_date"]) == [r[1] for r in rows]


def test_linked_reports_take_the_day_most_of_them_give() -> None:
    m = _mentions(
        [
            ("misdated", "2016-03-01", 40.0, -80.0, 1, "Jo Doe", "US|PA"),
            ("first", "2016-03-05", 40.0, -80.0, 1, "Jo Doe", "US|PA"),
            ("second", "2016-03-05", 40.0, -80.0, 1, "Jo Doe", "US|PA"),
            ("trial, two years on", "2018-02-20", 40.0, -80.0, 1, "Jo Doe", "US|PA"),
        ]
    )
    assert set(link_follow_ups(m)["event_date"]) == {"2016-03-05"}


def test_a_report_placed_only_at_its_county_or_state_links_to_the_town() -> None:
    m = _mentions(
        [
            ("town", "2016-03-05", 40.0, -80.0, 1, "Jo Doe", "US|PA"),
            ("state only", "2016-03-09", 41.0, -77.6, 2, "Jo Doe", "US|PA"),
        ]
    )
    m["_prec"] = [1, 3]
    out = link_follow_ups(m)
    assert list(out["event_date"]) == ["2016-03-05", "2016-03-05"]
    assert out["_link"][0] == out["_link"][1] >= 0


def test_a_day_that_is_only_a_publication_counts_less_than_a_day_a_report_gives() -> None:
    m = _mentions(
        [
            ("trial report", "2017-03-20", 40.0, -80.0, 1, "Jo Doe", "US|PA"),
            ("its copy", "2017-03-20", 40.0, -80.0, 1, "Jo Doe", "US|PA"),
            ("first report", "2015-11-03", 40.0, -80.0, 1, "Jo Doe", "US|PA"),
        ]
    )
    # the trial's two reports give no day (dated by their publication, inferred); the
    # first one tells the day of the shooting
    m["_explicit"] = [False, False, True]
    m["date_text"] = ["", "", "Nov. 3, 2015"]
    assert set(link_follow_ups(m)["event_date"]) == {"2015-11-03"}


def test_days_either_side_support_each_other() -> None:
    # a night's incident: one report's Friday, another's Saturday, a third's Sunday
    m = _mentions(
        [
            ("friday", "2016-04-08", 40.0, -80.0, 1, "Jo Doe", "US|PA"),
            ("saturday", "2016-04-09", 40.0, -80.0, 1, "Jo Doe", "US|PA"),
            ("sunday", "2016-04-10", 40.0, -80.0, 1, "Jo Doe", "US|PA"),
            ("a month on", "2016-05-09", 40.0, -80.0, 1, "Jo Doe", "US|PA"),
        ]
    )
    assert set(link_follow_ups(m)["event_date"]) == {"2016-04-09"}


def test_the_middle_of_a_month_counts_less_than_a_day() -> None:
    m = _mentions(
        [
            ("last month", "2016-03-16", 40.0, -80.0, 1, "Jo Doe", "US|PA"),
            ("in March", "2016-03-16", 40.0, -80.0, 1, "Jo Doe", "US|PA"),
            ("the day", "2016-03-27", 40.0, -80.0, 1, "Jo Doe", "US|PA"),
        ]
    )
    m["date_text"] = ["last month", "in March", "March 27"]
    m["time_precision"] = [3, 3, 1]
    assert set(link_follow_ups(m)["event_date"]) == {"2016-03-27"}


def test_on_a_tie_a_day_given_by_its_date_beats_a_weekday() -> None:
    m = _mentions(
        [
            ("weekday", "2016-09-10", 40.0, -80.0, 1, "Jo Doe", "US|PA"),
            ("dated", "2016-09-12", 40.0, -80.0, 1, "Jo Doe", "US|PA"),
        ]
    )
    m["_explicit"] = [False, True]
    assert set(link_follow_ups(m)["event_date"]) == {"2016-09-12"}


def test_a_place_or_body_before_an_organisation_s_word_is_no_person() -> None:
    text = (
        "The 45-year-old man told Laredo Grande police he was cleaning a gun. "
        "Ann Roe, 23, was shot. "
        "Ray Ann Coe was charged on Friday."
    )
    assert report_names(text).split(";") == ["Ann Roe", "Ray Ann Coe"]


def test_a_block_address_is_named_like_a_person() -> None:
    text = "Two men were shot in the 1200 block of N. Maple Avenue on Sunday."
    assert report_names(text) == "#1200 n maple"
    # the same block, written another way
    same = "Police returned to the 1200 block of North Maple Ave. where two men were shot."
    assert report_names(same) == "#1200 n maple"
    # a roundup or a police log names many blocks: none of them links it
    log = (
        "Shots were fired in the 100 block of Oak Street, the 300 block of Elm Road and the "
        "900 block of W. 5th St. overnight."
    )
    assert report_names(log) == ""
    # a report of two shootings on one block links neither by it; a neighbour links
    two = (
        "Two men were shot in the 1200 block of N. Maple Ave. "
        "A teen was shot on the same block last May."
    )
    assert report_names(two) == ""
    lived = "A man was shot in the 1200 block of N. Maple Ave. He lived on the same block."
    assert report_names(lived) == "#1200 n maple"


def test_reports_naming_one_block_take_one_day() -> None:
    m = _mentions(
        [
            ("first", "2016-03-05", 40.0, -80.0, 1, "#1200 n maple", "US|PA"),
            ("follow-up", "2016-03-19", 40.0, -80.0, 1, "#1200 n maple", "US|PA"),
            ("other block", "2016-03-20", 40.0, -80.0, 1, "#1400 n maple", "US|PA"),
        ]
    )
    out = link_follow_ups(m)
    assert list(out["event_date"]) == ["2016-03-05", "2016-03-05", "2016-03-20"]
