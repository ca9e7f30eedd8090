"""A US local report's cues: the state its outlet serves, a station credited in its dateline.

The sentences are invented; the web addresses and call signs are real ones from the outlet
list (resources/us_outlets.tsv).
"""

from eventmap.events import EventExtractor
from eventmap.events.lookup import as_mention
from eventmap.events.us_cues import (
    ELSEWHERE_BEFORE,
    Relocator,
    State,
    agency_places,
    credited_state,
    outlet_place,
    outlet_state,
    police_quoted,
    said_in,
    states_written,
    story_part,
    town_in,
)
from eventmap.events.us_votes import stated_towns
from eventmap.geoparse import geoparse


def test_an_outlet_s_state_from_its_address_or_its_call_sign() -> None:
    assert outlet_state("wtkr.com") == "VA"
    assert outlet_state("https://www.wtkr.com/2016/05/10/story") == "VA"
    assert outlet_state("articles.mcall.com") == "PA"  # a section of a known outlet
    assert outlet_state("witn.com") == "NC"  # the station WITN, listed under another address
    assert outlet_state("google.com") is None  # hosts outlets of every state
    assert outlet_state("examplegazette.com") is None


def test_a_station_credited_in_the_dateline_gives_its_state() -> None:
    text = "GREENSBURG (WISH) - A boy was shot by his brother at their home."
    assert credited_state(text) == "IN"
    text = "GREENSBURG, Pa. - A boy was shot by his brother at their home."
    assert credited_state(text) is None


def test_agencies_give_the_towns_whose_police_speak() -> None:
    text = "Macon police said the man fled. Deputies in Bibb County found him; City police agreed."
    assert [n for n, _, _ in agency_places(text, len(text))] == ["Macon", "Bibb County"]
    # a metro police's town, and a name that starts after a sentence's stop
    text = (
        "He was shot near the Riverwalk. Macon Metropolitan Police said. Augusta Metro police "
        "and Metro-Savannah police agreed."
    )
    assert [n for n, _, _ in agency_places(text, len(text))] == ["Macon", "Augusta", "Savannah"]


def test_an_outlet_s_city_where_the_directories_agree_on_one() -> None:
    assert outlet_place("wmcactionnews5.com") == ("TN", "Memphis")
    assert outlet_place("witn.com") == ("NC", "")  # known by its call sign only
    assert outlet_place("nytimes.com") is None  # a national paper is no local outlet


def test_a_hometown_or_the_hospital_s_town_is_told_by_the_words_before_it() -> None:
    for before in ("Jo Roe, 34, of ", "a man from ", "was taken to a hospital in "):
        assert ELSEWHERE_BEFORE.search(before)
    assert not ELSEWHERE_BEFORE.search("was shot in ")


def test_the_towns_a_text_writes_with_their_state_but_not_hometowns() -> None:
    text = "A man was shot Friday in South Hagerstown, Md., said Jo Roe, 40, of Dover, Delaware."
    assert stated_towns(text) == {("south hagerstown", "MD"), ("hagerstown", "MD")}


def test_the_names_written_after_in_or_near_but_no_weekday_month_or_hospital() -> None:
    text = (
        "A boy was shot at a home in Zorbton Tuesday and taken to a hospital in Gleep. It "
        "happened in May near the town of Quarville, not in The Woods."
    )
    assert [n for n, _, _ in said_in(text, len(text))] == ["Zorbton", "Quarville"]


def test_a_state_s_place_does_not_depend_on_the_look_ups_before_it(
    extractor: EventExtractor,
) -> None:
    # a town look-up of the state's name (none: Louisiana has no town called so) must not
    # stand for the state's own place, whichever a worker asked first
    relocator = Relocator(extractor.geoparser.geocoder)
    state = State("LA", "Louisiana")
    assert relocator.lookup("Louisiana", "LA", counties=False) is None
    found = relocator.state(state)
    assert found is not None and found["kind"] == "admin1" and found["admin1_code"] == "LA"
    fresh = Relocator(extractor.geoparser.geocoder).state(state)
    assert fresh == found


def test_a_name_s_look_ups_with_and_without_counties_share_one_ranking(
    extractor: EventExtractor,
) -> None:
    # one geocoding serves both look-ups; each answers as a relocator asking only it would
    geocoder = extractor.geoparser.geocoder
    asked: list[str] = []

    class _Counting:
        def geocode(self, name: str, **kwargs: object) -> object:
            asked.append(name)
            return geocoder.geocode(name, **kwargs)

    relocator = Relocator(_Counting())
    for name, code in [("Harris County", "TX"), ("Macon", "GA"), ("Zorbton", "OH")]:
        with_counties = relocator.lookup(name, code, small=False)
        without = relocator.lookup(name, code, counties=False, small=False)
        assert with_counties == Relocator(geocoder).lookup(name, code, small=False)
        assert without == Relocator(geocoder).lookup(name, code, counties=False, small=False)
    assert relocator.lookup("Harris County", "TX", small=False)["kind"] == "admin2"
    assert relocator.lookup("Harris County", "TX", counties=False, small=False) is None
    assert asked == ["Harris County", "Macon", "Zorbton"]


def test_a_report_quotes_the_police_of_its_home_town() -> None:
    text = "Four people were shot outside a club. Memphis Police said the gunman fled."
    memphis = next(m for m in geoparse(text) if m.text == "Memphis")
    assert police_quoted(text, memphis)
    other = "Four people were shot outside a club in Memphis, a witness said."
    assert not police_quoted(other, next(m for m in geoparse(other) if m.text == "Memphis"))
    assert not police_quoted(text, None)


def test_a_headline_s_story_is_read_without_the_outlet_s_name() -> None:
    title = "Man shot outside bar - WXYZ-TV: Savannah, Beaufort, SC, News, Weather"
    assert story_part(title) == "Man shot outside bar"
    assert story_part("Man shot in Beaufort, SC | WXYZ") == "Man shot in Beaufort, SC"
    assert story_part(None) == ""


def test_with_at_the_names_after_at_too() -> None:
    text = "Deputies said four teens were shot as they left a party at Quarville on Friday."
    assert [n for n, _, _ in said_in(text, len(text))] == []
    assert [n for n, _, _ in said_in(text, len(text), at=True)] == ["Quarville"]


def test_a_dateline_may_name_the_town_s_county_instead_of_its_state() -> None:
    dateline = states_written()[2]
    text = "A boy was hurt on Tuesday.\nGLEEPTON, Dorr County — A boy, 4, was shot in the foot."
    found = dateline.search(text)
    assert found is not None and found.group(1) == "GLEEPTON" and found.group(2) is None
    assert dateline.search("GLEEPTON, Dorr Street — a shop") is None


def test_the_census_list_is_asked_only_when_told_and_after_the_gazetteer(
    extractor: EventExtractor,
) -> None:
    relocator = extractor._relocator
    # Arkwright, N.Y. (a town of about 1,000 in Chautauqua County) is not in the gazetteer
    assert relocator.lookup("Arkwright", "NY", small=False) is None
    found = relocator.lookup("Arkwright", "NY")
    assert found is not None and found["county"] == "US.NY.013"
    assert relocator.lookup("Arkwright", "PA") is None
    # a gazetteer town is the gazetteer's answer, with its GeoNames id
    assert relocator.lookup("Jamestown", "NY")["geonameid"] > 0  # type: ignore[index]


def test_a_listed_town_is_inside_its_county_however_far_from_the_county_s_point(
    extractor: EventExtractor,
) -> None:
    relocator = extractor._relocator
    county = as_mention(relocator.lookup("Box Elder County", "UT"), "Box Elder County", 0, 16)
    # Howell, Utah is 60 km from the county's point, and in it
    far = relocator.lookup("Howell", "UT")
    assert far is not None and far["county"] == "US.UT.003"
    assert town_in(as_mention(far, "Howell", 0, 6), county)
    other = as_mention(relocator.lookup("Cache County", "UT"), "Cache County", 0, 12)
    assert not town_in(as_mention(far, "Howell", 0, 6), other)


def test_a_town_said_to_be_the_scene_ends_with_its_sentence() -> None:
    from eventmap.events.us_cues import said_in

    text = "A boy shot himself at a home in Hahira Tuesday. It happened in Ft. Valley Sunday."
    assert [n for n, _, _ in said_in(text, len(text))] == ["Hahira", "Ft. Valley"]


def test_a_gazetteer_town_is_in_the_county_the_census_list_puts_it_in(
    extractor: EventExtractor,
) -> None:
    from eventmap.events.us_cues import Relocator, town_in

    relocator = Relocator(extractor.geoparser.geocoder)
    county = as_mention(relocator.lookup("Riverside County", "CA"), "Riverside County", 0, 16)
    town = as_mention(relocator.lookup("Temecula", "CA"), "Temecula", 20, 28)
    # Riverside County's point is ~110 km from Temecula, which the Census list puts in it
    assert town_in(town, county)
    other = as_mention(relocator.lookup("Fresno", "CA"), "Fresno", 20, 26)
    assert not town_in(other, county)


def test_the_towns_written_with_a_state_are_read_once_per_text() -> None:
    from eventmap.events.us_votes import towns_written

    text = "Shots in Macon, Ga., then in Dover, Delaware and Salem, OR; not Jo Roe, 40."
    plain = [(m.span(), m.groups()) for m in states_written()[1].finditer(text)]
    assert [(m.span(), m.groups()) for m in towns_written(text)] == plain
    assert len(plain) == 3
    assert towns_written(text) is towns_written(text)
    assert towns_written("No state here, nor there, Georgetown.") == ()


def test_every_town_written_with_a_state_has_a_state_after_a_comma() -> None:
    import random

    from eventmap.events.us_cues import state_after_comma
    from eventmap.events.us_votes import towns_written

    rng = random.Random(5)
    words = ["Macon,", "Ga.", "GA", "Georgia", "ga", "Dover,", "DE", "Del", "in", "Texas", ",", "x"]
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 8)))
        plain = [(m.span(), m.groups()) for m in states_written()[1].finditer(text)]
        assert [(m.span(), m.groups()) for m in towns_written(text)] == plain, text
        if plain:
            assert state_after_comma().search(text), text


def test_the_possessive_names_match_as_the_plain_ones_would() -> None:
    # NAME's words and spaces never give back characters: what follows them (a space, a
    # capital, a comma, the end) never is one of theirs, so the matches are the plain ones'
    import random
    import re

    from eventmap.events import us_cues

    vocabulary = (
        "Macon police Police Sheriff sheriff's Sheriff’s Metro Metropolitan Fire Department the "
        "Bibb County Parish Las Vegas. St. O'Neil-Smith (Macon said in near at town of Ga. "
        "Georgia TN, Tenn. Box Elder MACON (AP) — - officers deputies Authorities"
    )
    words = vocabulary.split()
    rnd = random.Random(7)
    texts = [
        "".join(
            w + rnd.choice([" ", "  ", "\t", ", ", ".", "", "\n", "-"])
            for w in rnd.choices(words, k=20)
        )
        for _ in range(2000)
    ]
    written = us_cues.states_written()
    patterns = [us_cues._AGENCY_AFTER, us_cues._AGENCY_IN, us_cues._SAID_IN, us_cues._SAID_AT]
    for pattern in [*patterns, written[1], written[2]]:
        assert us_cues.NAME in pattern.pattern
        name = us_cues.NAME.replace("*+", "*").replace("++", "+")
        plain = re.compile(pattern.pattern.replace(us_cues.NAME, name), pattern.flags)
        for text in texts:
            got = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            assert got == [(m.span(), m.groups()) for m in plain.finditer(text)], text
