"""Villages the gazetteer lacks, placed in their province from Ukraine's list of settlements.

The sentences are written for these tests; the villages are real (KATOTTG), chosen among
those the gazetteer (GeoNames towns >= 500 people) lacks."""

import datetime as dt

import pytest

from eventmap.article import Article
from eventmap.events import extract_events
from eventmap.events.villages import cued_countries, key, settlements


def _rows(text: str, published: dt.date = dt.date(2021, 6, 12)) -> list[dict]:
    tables = extract_events(Article(id="t", text=text, published=published))
    return [r for r in tables.event_rows if r["mention_type"] == "event"]


def test_the_key_forgives_the_usual_spelling_variants() -> None:
    assert key("Dolomytne") == key("Dolomitne") == key("dolomitne")
    assert key("Vilnyi") == key("Vilny")
    assert key("Ivano-Darivka") == key("Ivano Darivka")


def test_the_list_knows_which_oblasts_have_a_village_of_that_name() -> None:
    assert settlements("UA")[key("Portivske")] == {"UA-14"}  # Donetsk oblast
    assert settlements("UA")[key("Arapivka")] == {"UA-09"}  # Luhansk oblast
    assert {"UA-14", "UA-53"} <= settlements("UA")[key("Kotliarevske")]


def test_words_that_only_reports_on_one_country_use_stand_for_it() -> None:
    assert cued_countries("The OSCE SMM counted 40 explosions.") == {"UA"}
    assert cued_countries("Monitors of the Special Monitoring Mission said.") == {"UA"}
    assert cued_countries("The monitors counted 40 explosions.") == set()


def test_a_village_the_gazetteer_lacks_is_coded_to_its_oblast() -> None:
    rows = _rows("On 11 June 2021, the OSCE SMM recorded 14 explosions near Portivske.")
    assert len(rows) == 1
    row = rows[0]
    assert (row["location"], row["geo_precision"]) == ("Portivske", 3)
    assert row["admin1"].startswith("Donetsk")
    assert row["event_type"] == "Explosions/Remote violence"


def test_a_ukrainian_actor_or_place_supports_the_country_too() -> None:
    rows = _rows("On 11 June 2021, Ukrainian troops came under mortar fire near Arapivka.")
    assert [(r["location"], r["geo_precision"]) for r in rows] == [("Arapivka", 3)]
    assert rows[0]["admin1"].startswith("Luhansk")


def test_without_any_sign_of_the_country_the_name_is_no_event() -> None:
    # Nothing says Ukraine: 'Portivske' could be anywhere, so no dot at all.
    assert _rows("On 11 June 2021, observers recorded 14 explosions near Portivske.") == []


def test_among_namesakes_the_one_on_the_front_line_that_day_is_taken() -> None:
    # Kotliarevske: one in Donetsk oblast (front line since 2014), one in Poltava oblast.
    rows = _rows("On 11 June 2021, the OSCE SMM recorded 3 explosions near Kotliarevske.")
    assert [(r["location"], r["geo_precision"]) for r in rows] == [("Kotliarevske", 3)]
    assert rows[0]["admin1"].startswith("Donetsk")
    # In 2013 no province had a front line: nothing says which Kotliarevske.
    old = "On 11 June 2013, the OSCE SMM recorded 3 explosions near Kotliarevske."
    assert _rows(old, dt.date(2013, 6, 12)) == []


@pytest.mark.parametrize("village", ["Bila Hora", "Rai-Oleksandrivka"])
def test_namesakes_in_two_front_line_oblasts_are_no_event(village: str) -> None:
    # One in Donetsk oblast, one in Luhansk oblast: the text does not say which.
    text = f"On 11 June 2021, the OSCE SMM recorded 3 explosions near {village}."
    assert _rows(text) == []


def test_a_sentence_that_retells_an_event_in_that_oblast_adds_none() -> None:
    rows = _rows(
        "On 11 June 2021, separatists fired mortars at army positions near Horlivka. "
        "The OSCE SMM recorded 20 explosions near Portivske."
    )
    assert [r["location"] for r in rows] == ["Horlivka"]


def test_violence_at_a_far_namesake_is_moved_to_the_one_front_line_province_with_one() -> None:
    # The gazetteer's Kruta Balka is in Poltava oblast; Ukraine's list has Kruta Balkas in
    # four oblasts, of which only Donetsk had a front line in 2021.
    text = "On 12 June 2021, separatists shelled army positions near Kruta Balka."
    (row,) = _rows(text)
    assert (row["location"], row["geo_precision"], row["admin1"]) == ("Kruta Balka", 3, "Donetsk")
    # In 2023 Kharkiv oblast, which has one too, was also on the front line: no choice made.
    (row,) = _rows(text.replace("2021", "2023"), dt.date(2023, 6, 12))
    assert row["admin1"] != "Donetsk"
    # A protest is where people live: the Poltava village stays.
    (row,) = _rows("On 12 June 2021, farmers protested near Kruta Balka over land prices.")
    assert row["admin1"] == "Poltava"


def test_a_hamlet_written_with_its_kind_is_looked_up_without_it() -> None:
    rows = _rows("On 11 June 2021, the OSCE SMM recorded 5 explosions near Khutir Arapivka.")
    assert [(r["location"], r["geo_precision"]) for r in rows] == [("Khutir Arapivka", 3)]
    assert rows[0]["admin1"].startswith("Luhansk")


def test_an_airport_named_after_its_town_is_near_that_town() -> None:
    rows = _rows(
        "On 11 June 2021, Ukrainian troops fired mortars at separatist positions in the area "
        "of Luhansk Airport."
    )
    assert [(r["location"], r["geo_precision"]) for r in rows] == [("Luhansk Airport", 2)]
    assert abs(rows[0]["latitude"] - 48.57) < 0.1 and abs(rows[0]["longitude"] - 39.31) < 0.1


def test_a_province_abbreviation_in_brackets_places_the_unknown_village() -> None:
    rows = _rows(
        "On 11 June 2021, militants lobbed a grenade at a police post at Wanigam Bala town "
        "(Budgam district, J&K)."
    )
    assert len(rows) == 1
    assert (rows[0]["geo_precision"], rows[0]["event_type"]) == (3, "Explosions/Remote violence")
    assert "Kashmir" in rows[0]["admin1"]
    assert rows[0]["actor1"] == "Unidentified Armed Group (India)"  # the province's country
    rows = _rows("On 11 June 2021, dairy farmers protested in Kotha Pallem (Nellore, AP).")
    assert [(r["location"], r["geo_precision"]) for r in rows] == [("Kotha Pallem", 3)]
    assert rows[0]["admin1"] == "Andhra Pradesh"


def test_the_abbreviation_pattern_needs_a_bracket_in_the_window() -> None:
    """_bracketed skips the pattern where no '(' lies between pos and endpos: it never
    matches there."""
    from eventmap.events.villages import _abbreviations

    pattern, _ = _abbreviations()
    text = "At Wanigam Bala town (Budgam district, J&K) and Kotha Pallem (Nellore, AP), in X."
    for s in range(len(text) + 1):
        for e in range(s, len(text) + 1):
            if "(" not in text[s:e]:
                assert pattern.search(text, s, e) is None
    assert pattern.search(text) is not None


def test_a_news_agency_in_brackets_is_no_province() -> None:
    # '(AP)' alone is the Associated Press, not Andhra Pradesh.
    assert _rows("On 11 June 2021, dairy farmers protested in Kotha Pallem (AP).") == []


def test_an_unknown_quarter_of_a_town_the_geoparser_missed_is_near_that_town() -> None:
    # 'Van' is also a common word: after 'Ipekyolu,' it is the town of Van (Turkey is named).
    rows = _rows(
        "On 3 May 2021, students held a march in the Seyrantepe neighbourhood of Ipekyolu, "
        "Van, the Turkish press said."
    )
    assert [(r["location"], r["geo_precision"], r["admin1"]) for r in rows] == [
        ("Seyrantepe", 2, "Van")
    ]


def test_a_name_after_an_unknown_place_that_is_no_place_gives_no_event() -> None:
    text = "On 3 May 2021, gunmen attacked a bakery in Khirbet Zaqqa, Ahmed told Syrian reporters."
    assert _rows(text) == []


def test_a_city_district_written_after_a_hyphen_is_in_that_city() -> None:
    rows = _rows("On 4 May 2021, dozens protested in Zagreb-Maksimir against the new law.")
    assert [(r["location"], r["geo_precision"], r["country"]) for r in rows] == [
        ("Zagreb-Maksimir", 2, "Croatia")
    ]
    # Two cities joined by a hyphen name a route, not a district.
    assert _rows("On 4 May 2021, the Belgrade-Zagreb motorway was closed after a protest.") == []


def test_the_article_wide_country_cues_are_read_once_not_per_sentence(monkeypatch) -> None:
    # Read for every sentence, the cues made a 1 MB report take minutes (quadratic in size).
    import eventmap.events.extractor as extractor

    calls: list[int] = []
    real = extractor.cued_countries
    monkeypatch.setattr(extractor, "cued_countries", lambda text: calls.append(1) or real(text))
    text = "On 11 June 2021, the OSCE SMM recorded 14 explosions near Portivske. " + " ".join(
        f"Monitors recorded {n} explosions near Arapivka." for n in range(3, 40)
    )
    rows = _rows(text)
    assert rows and all(r["admin1"] for r in rows)
    assert len(calls) == 1
