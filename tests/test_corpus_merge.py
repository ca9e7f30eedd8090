"""Stage B's rules on hand-made event mentions (no extraction involved)."""

from __future__ import annotations

import pandas as pd
import pytest

from eventmap.corpus.merge import merge_events
from eventmap.corpus.merge_rows import LINK_COLUMNS, MERGED_COLUMNS, SOURCE_COLUMNS
from eventmap.corpus.minhash import copy_groups, signature, similarity
from eventmap.corpus.tables import to_arrow

SARAQIB = (35.8645, 36.8005, 169023)
NEAR_SARAQIB = (35.8645, 36.8500, 1)  # ~4.5 km east
IDLIB = (35.9306, 36.6339, 169389)  # ~16 km from Saraqib


def mention(
    article: str,
    row: int = 0,
    *,
    day="2024-12-05",
    place=SARAQIB,
    prec=1,
    sub="Shelling/artillery/missile attack",
    etype="Explosions/Remote violence",
    date_text="on 5 December 2024",
    actor1=None,
    actor2=None,
    fatalities=None,
    fat_text=None,
    verified=None,
    outlet=None,
    text=None,
    admin1="Idlib",
) -> dict:
    lat, lon, gid = place
    return {
        "article_id": article,
        "row": row,
        "event_id": f"{article}-{row}",
        "event_id_cnty": "SYR-EM-x",
        "event_date": day,
        "date_text": date_text,
        "time_precision": 1,
        "latitude": lat,
        "longitude": lon,
        "geonameid": gid,
        "geo_precision": prec,
        "country": "Syria",
        "admin1": admin1,
        "sub_event_type": sub,
        "event_type": etype,
        "disorder_type": "Political violence",
        "actor1": actor1,
        "actor2": actor2,
        "fatalities": fatalities or 0,
        "fatalities_text": fat_text,
        "fatalities_low": fatalities,
        "fatalities_high": fatalities,
        "verified": verified,
        "outlet": outlet or f"outlet-{article}",
        "source": None,
        "published": "2024-12-06",
        "confidence": 0.9,
        "input_sha": "x",
        "position": int(article.strip("a") or 0),
        "text_sha": f"sha-{text or article}",
        "minhash": signature(text or f"unique {article} " * 3),
        "bucket": 0,
        "notes": None,
        "quote": f"quote {article}",
        "location": "Saraqib",
        "claimed_by": None,
        "admin1_iso": "SY-ID",
    }


def merged(rows: list[dict], prior=None):
    return merge_events(pd.DataFrame(rows), prior)


def groups(result) -> list[set[str]]:
    s = result.sources
    return sorted((set(g["article_id"]) for _, g in s.groupby("event_id")), key=lambda x: sorted(x))


def test_same_day_same_town_reports_become_one_event():
    r = merged([mention("a1"), mention("a2"), mention("a3", place=NEAR_SARAQIB)])
    assert groups(r) == [{"a1", "a2", "a3"}]
    assert r.events["merge_grade"].tolist() == ["high"]


def test_two_events_of_one_article_never_merge_even_through_a_third():
    rows = [mention("a1", 0), mention("a1", 1, place=NEAR_SARAQIB), mention("a2")]
    r = merged(rows)
    assert len(r.events) == 2
    assert all(len(g) <= 2 for g in groups(r))
    by_event = r.sources.groupby("event_id")["article_id"]
    assert (by_event.nunique() == by_event.size()).all()


def test_a_day_apart_merges_only_when_a_date_was_inferred():
    explicit = merged(
        [mention("a1"), mention("a2", day="2024-12-06", date_text="on 6 December 2024")]
    )
    assert len(explicit.events) == 2
    assert len(explicit.links) == 1  # left for review
    inferred = merged([mention("a1"), mention("a2", day="2024-12-06", date_text="on Friday")])
    assert len(inferred.events) == 1
    assert inferred.events["merge_grade"].tolist() == ["medium"]


def test_places_by_precision():
    # 16 km apart: too far for a named town ...
    assert len(merged([mention("a1"), mention("a2", place=IDLIB)]).events) == 2
    # ... close enough when one report only says 'near' (precision 2)
    assert len(merged([mention("a1", prec=2), mention("a2", place=IDLIB)]).events) == 1
    # a province-level report fits a town of its province on the same day and type ...
    r = merged([mention("a1", prec=3, place=IDLIB), mention("a2")])
    assert len(r.events) == 1
    # ... but two province-level reports are not one incident on place alone: review
    r = merged([mention("a1", prec=3), mention("a2", prec=3, place=IDLIB)])
    assert len(r.events) == 2
    assert "province-level place only" in r.links["reason"].iloc[0]


def test_merged_place_is_the_finest_unless_its_towns_disagree_then_the_most_given():
    # one report names the town, two give only the province: the town
    r = merged([mention("a1", place=IDLIB), mention("a2", prec=3), mention("a3", prec=3)])
    assert (r.events["latitude"].tolist(), len(r.events)) == ([IDLIB[0]], 1)
    # a report names a town 16 km from the one two others name ('near' it): the two win
    r = merged([mention("a1", place=IDLIB), mention("a2", prec=2), mention("a3", prec=2)])
    assert (r.events["latitude"].tolist(), r.events["location"].tolist()) == (
        [SARAQIB[0]],
        ["Saraqib"],
    )
    # ... unless the two are copies of one text: one source each, the finest place
    r = merged(
        [
            mention("a1", place=IDLIB),
            mention("a2", prec=2, text="w"),
            mention("a3", prec=2, text="w"),
        ]
    )
    assert r.events["latitude"].tolist() == [IDLIB[0]]


# Invented points in one US state: a county's own point (resources/us_counties.csv), a town
# inside that county and a city ~200 km away in the same state.
COUNTY = (29.60938, -81.74345, 4169471)
IN_COUNTY = (29.6486, -81.6376, 4167681)  # ~11 km from the county's point
FAR_CITY = (27.9475, -82.4584, 4174757)  # ~200 km


def us(article: str, place, prec: int, kind: str, **kw) -> dict:
    row = mention(article, place=place, prec=prec, sub="Attack", **kw)
    return row | {
        "event_type": "Violence against civilians",
        "country": "United States",
        "admin1": "Florida",
        "location_kind": kind,
    }


def test_county_level_reports_merge_within_the_county_only():
    inside = merged([us("a1", COUNTY, 3, "admin2"), us("a2", IN_COUNTY, 1, "city")])
    assert len(inside.events) == 1
    far = merged([us("a1", COUNTY, 3, "admin2"), us("a2", FAR_CITY, 1, "city")])
    assert len(far.events) == 2
    # the county no longer joins two towns of the state through itself
    three = merged(
        [
            us("a1", COUNTY, 3, "admin2"),
            us("a2", IN_COUNTY, 1, "city"),
            us("a3", FAR_CITY, 1, "city"),
        ]
    )
    assert groups(three) == [{"a1", "a2"}, {"a3"}]
    # a report placed at the state alone still fits either town
    state = merged([us("a1", FAR_CITY, 3, "admin1"), us("a2", FAR_CITY, 1, "city")])
    assert len(state.events) == 1
    two_states = merged([us("a1", FAR_CITY, 3, "admin1"), us("a2", COUNTY, 3, "admin1")])
    assert len(two_states.events) == 2
    # a day apart with a date inferred: within the county like a town, not at the state
    day_after = {"day": "2024-12-06", "date_text": "yesterday"}
    county = merged([us("a1", COUNTY, 3, "admin2"), us("a2", IN_COUNTY, 1, "city", **day_after)])
    assert len(county.events) == 1
    state = merged([us("a1", FAR_CITY, 3, "admin1"), us("a2", FAR_CITY, 1, "city", **day_after)])
    assert len(state.events) == 2


def test_an_arrest_or_crowd_at_the_same_town_and_day_is_the_shootings_report():
    attack = {"sub": "Attack", "etype": "Violence against civilians"}
    arrest = {
        "sub": "Arrests",
        "etype": "Strategic developments",
        "actor1": "Police Forces of Syria",
    }
    r = merged([mention("a1", **attack), mention("a2", **arrest)])
    assert len(r.events) == 1
    assert r.events["sub_event_type"].tolist() == ["Attack"]  # the violent type, ACLED's first
    assert r.events["merge_grade"].tolist() == ["medium"]
    # another day or another town: apart
    assert (
        len(merged([mention("a1", **attack), mention("a2", day="2024-12-06", **arrest)]).events)
        == 2
    )
    assert len(merged([mention("a1", **attack), mention("a2", place=IDLIB, **arrest)]).events) == 2
    # a day apart when the arrest's date was counted back ('last night'): one incident
    counted = {"day": "2024-12-06", "date_text": "last night"}
    r = merged([mention("a1", **attack), mention("a2", **arrest, **counted)])
    assert len(r.events) == 1
    # two reports of one arrest merge as before (one type)
    assert (
        len(merged([mention("a1", **arrest), mention("a2", place=NEAR_SARAQIB, **arrest)]).events)
        == 1
    )


def test_incompatible_types_and_conflicting_actors_stay_apart():
    protest = mention("a2", sub="Peaceful protest", etype="Protests")
    assert len(merged([mention("a1"), protest]).events) == 2
    a = mention("a1", actor1="Military Forces of Syria (2000-2024)")
    b = mention("a2", actor1="Hayat Tahrir al-Sham")
    assert len(merged([a, b]).events) == 2
    unknown = mention("a3", actor1="Unidentified Armed Group (Syria)")
    assert len(merged([a, unknown]).events) == 1


def test_fatalities_lowest_credible_range_and_grades():
    rows = [
        mention("a1", fatalities=7, fat_text="seven"),
        mention("a2", fatalities=5, fat_text="five"),
        mention("a3", fatalities=2, fat_text="two", verified=False),  # a party's figure
    ]
    ev = merged(rows).events.iloc[0]
    assert ev["fatalities"] == 5  # the party's lower figure is not the credible one
    assert (ev["fatalities_low"], ev["fatalities_high"]) == (2, 7)
    assert ev["corroboration"] == "contested"
    assert ev["n_sources"] == 3 and ev["n_articles"] == 3
    party = merged([mention("a1", verified=False), mention("a2", verified=False)]).events
    assert party["corroboration"].tolist() == ["claimed only by a party"]
    agree = merged(
        [mention("a1", fatalities=3, fat_text="3"), mention("a2", fatalities=3, fat_text="three")]
    ).events
    assert agree["corroboration"].tolist() == ["several independent sources"]
    assert merged([mention("a1")]).events["corroboration"].tolist() == ["single source"]


def test_wire_copies_count_as_one_source():
    wire = "Shelling hit Saraqib on Thursday killing three people, the agency said. " * 3
    rows = [mention("a1", text=wire), mention("a2", text=wire + " Updated."), mention("a3")]
    ev = merged(rows).events.iloc[0]
    assert ev["n_articles"] == 3 and ev["n_sources"] == 2


def test_minhash_similarity_separates_copies_from_other_texts():
    a = signature("Seven people were killed when shelling hit Saraqib on Thursday, said SOHR.")
    b = signature("Seven people were killed when shelling hit Saraqib on Thursday, said SOHR!")
    c = signature("Protesters gathered in Aleppo on Friday to demand the release of prisoners.")
    assert similarity(a, b) > 0.9 > 0.2 > similarity(a, c)
    assert copy_groups(["x", "y", "z"], [a, b, c]) == {"x": "x", "y": "x", "z": "z"}


def test_ids_are_stable_and_carried_over():
    rows = [mention("a1"), mention("a2"), mention("a3", place=IDLIB, day="2024-12-09")]
    first = merged(rows)
    again = merged(list(reversed(rows)))
    assert sorted(first.events["event_id"]) == sorted(again.events["event_id"])
    prior = {
        f"{a}#{r}": e
        for e, a, r in first.sources[["event_id", "article_id", "row"]].itertuples(index=False)
    }
    # a new, earlier report joins the first event: its id stays the same
    grown = merged([mention("a0"), *rows], prior)
    old = set(first.events["event_id"])
    assert set(grown.events["event_id"]) == old


@pytest.mark.parametrize("n", [0])
def test_empty_input(n):
    r = merge_events(pd.DataFrame([mention("a1")]).iloc[:n])
    assert r.events.empty and r.sources.empty


def test_one_shooting_as_attack_and_as_clash_merges_only_at_the_same_town():
    attack = {"sub": "Attack", "etype": "Violence against civilians"}
    clash = {"sub": "Armed clash", "etype": "Battles"}
    same_town = merged([mention("a1", **attack), mention("a2", **clash)])
    assert len(same_town.events) == 1
    assert same_town.events["merge_grade"].tolist() == ["medium"]
    near = merged([mention("a1", prec=2, **attack), mention("a2", place=IDLIB, **clash)])
    assert len(near.events) == 2
    # one report says only 'near' the town the other names: the same town on the same day
    at = merged([mention("a1", prec=2, **attack), mention("a2", **clash)])
    assert len(at.events) == 1
    next_day = {"day": "2024-12-06", "date_text": "on 6 December 2024"}
    apart = merged([mention("a1", prec=2, **attack), mention("a2", **clash, **next_day)])
    assert len(apart.events) == 2  # both dates explicit: two days
    counted = {"day": "2024-12-06", "date_text": "yesterday"}
    one = merged([mention("a1", prec=2, **attack), mention("a2", **clash, **counted)])
    assert len(one.events) == 1  # a day counted back may be off by one


def test_blocks_of_weeks_give_the_same_result_as_the_area_whole(monkeypatch):
    """A merge or a review link across a week's edge (Sunday -> Monday) is found whatever the
    block size: a block ends only where no merge crosses, links across wait for the next."""
    import eventmap.corpus.merge as merge_module

    inferred = {"date_text": "yesterday"}
    rows = [
        mention("a1", day="2024-12-08", **inferred),  # a Sunday
        mention("a2", day="2024-12-09", **inferred),  # the Monday after: same incident
        mention("a3", day="2024-12-15"),  # Sunday, both dates explicit: a review link only
        mention("a4", day="2024-12-16"),
        mention("a5", day="2024-12-03", admin1="Hama"),
        mention("a6", day="2024-12-03", admin1="Hama"),
        mention("a7", day="2024-12-20", admin1="Hama", place=IDLIB),
    ]
    whole = merged(rows)
    monkeypatch.setattr(merge_module, "BLOCK_MIN", 1)
    weekly = merged(rows)
    columns = {"events": MERGED_COLUMNS, "sources": SOURCE_COLUMNS, "links": LINK_COLUMNS}
    for name, cols in columns.items():  # as written (the same Arrow table, the same bytes)
        assert to_arrow(getattr(whole, name), cols).equals(to_arrow(getattr(weekly, name), cols))
    assert {"a1", "a2"} in groups(weekly) and {"a5", "a6"} in groups(weekly)
    pairs = set(zip(weekly.links["article_id_a"], weekly.links["article_id_b"], strict=True))
    assert ("a3", "a4") in pairs or ("a4", "a3") in pairs


def test_signature_is_datasketchs_minhash_byte_for_byte():
    from datasketch import MinHash

    from eventmap.corpus.minhash import NUM_PERM, SHINGLE

    text = "Seven people were killed when shelling hit Saraqib on Thursday, said the monitor."
    words = text.casefold().replace(",", "").replace(".", "").split()
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    m = MinHash(num_perm=NUM_PERM, seed=13)
    m.update_batch([s.encode() for s in shingles])
    assert signature(text) == m.hashvalues.astype("<u4").tobytes()
    assert len(signature("too short")) == 4 * NUM_PERM


def test_reports_naming_the_same_person_merge_across_days_and_town_radius():
    # invented names; a follow-up three weeks on, placed 16 km off at the province's town
    first = mention("a1") | {"names": "Jo Doe;Lee Roe"}
    second = mention("a2") | {"names": "Jo Doe"}
    later = mention("a3", day="2024-12-26", date_text="on 26 December 2024", place=IDLIB)
    r = merged([first, second, later | {"names": "Lee Roe"}])
    assert groups(r) == [{"a1", "a2", "a3"}]
    assert r.events["event_date"].tolist() == ["2024-12-05"]
    # without a shared name the same reports stay apart
    r = merged([first, second, later | {"names": "Pat Poe"}])
    assert groups(r) == [{"a1", "a2"}, {"a3"}]


def test_two_reports_naming_different_weekdays_are_two_days_unless_around_midnight():
    def events(sunday: str, monday: str) -> int:
        """Events merged from a Sunday report and a Monday one, each saying its day so."""
        return len(
            merged(
                [
                    mention(
                        article,
                        day=day,
                        date_text=words,
                        sub="Attack",
                        etype="Violence against civilians",
                    )
                    for article, day, words in (
                        ("a1", "2024-12-01", sunday),
                        ("a2", "2024-12-02", monday),
                    )
                ]
            ).events
        )

    # 'on Sunday' and 'on Monday': each report names its day, so they are two incidents
    assert events("on Sunday", "Monday") == 2
    # 'Sunday night' and 'early Monday' may be one moment
    assert events("Sunday night", "early Monday") == 1
    # but not the other way round
    assert events("Sunday morning", "Monday night") == 2
    # a day counted back from the publication may be off by one
    assert events("on Sunday", "last night") == 1
