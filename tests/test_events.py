"""The seed article coded as a careful ACLED coder would, and the rules behind it."""

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from eventmap.article import article_from_text, load_article
from eventmap.events import extract_events
from eventmap.review import diff_events, read_reviewed
from eventmap.schema import CLAIM_COLUMNS, EVENT_COLUMNS, EVENT_TYPES, MENTION_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_fe935601f8305200.txt"
SYRIA = "Military Forces of Syria (2000-2024)"
RUSSIA = "Military Forces of Russia (2000-)"


@pytest.fixture(scope="module")
def tables():
    return extract_events(load_article(SEED))


@pytest.fixture(scope="module")
def dated(tables) -> pd.DataFrame:
    return tables.events[tables.events["mention_type"] == "event"]


def test_tables_have_their_columns(tables) -> None:
    assert list(tables.events.columns) == list(EVENT_COLUMNS)
    assert list(tables.place_mentions.columns) == list(MENTION_COLUMNS)
    assert list(tables.claims.columns) == list(CLAIM_COLUMNS)


def test_the_seed_has_four_dated_events(dated) -> None:
    got = sorted(zip(dated["sub_event_type"], dated["admin1"], strict=True))
    assert got == [
        ("Air/drone strike", "Homs"),
        ("Change to group/activity", "Daraa"),
        ("Change to group/activity", "Suwayda"),
        ("Shelling/artillery/missile attack", "Hama"),
    ]
    assert set(dated["event_date"]) == {"2024-12-07"}
    assert set(dated["time_precision"]) == {1}


def test_homs_air_strike(dated) -> None:
    row = dated[dated["sub_event_type"] == "Air/drone strike"].iloc[0]
    assert row.event_type == "Explosions/Remote violence"
    assert row.disorder_type == "Political violence"
    assert (row.actor1, row.assoc_actor_1) == (SYRIA, RUSSIA)
    assert row.actor2 == "Unidentified Armed Group (Syria)"
    assert row.fatalities == 12 and row.fatalities_text == "dozens"
    assert row.geo_precision == 3
    assert (row.latitude, row.longitude) == (34.72405, 36.72559)  # provincial capital
    assert "SANA" in row.claimed_by and row.verified is False
    assert row.quote.startswith("On Saturday, SANA reported")


def test_homs_artillery_folds_into_the_air_strike(dated) -> None:
    homs = dated[dated["admin1"] == "Homs"]
    assert len(homs) == 1 and homs.iloc[0].sub_event_type == "Air/drone strike"


def test_hama_shelling_and_redeployments(dated) -> None:
    hama = dated[dated["admin1"] == "Hama"].iloc[0]
    assert hama.sub_event_type == "Shelling/artillery/missile attack"
    assert hama.actor1 == SYRIA and hama.geo_precision == 2
    moves = dated[dated["sub_event_type"] == "Change to group/activity"]
    assert set(moves["event_type"]) == {"Strategic developments"}
    assert set(moves["geo_precision"]) == {3} and set(moves["actor1"]) == {SYRIA}


def test_background_is_not_dated(tables) -> None:
    bg = tables.events[tables.events["mention_type"] == "background"]
    assert set(zip(bg["admin1"], bg["actor1"], strict=True)) == {
        ("Aleppo", "Hayat Tahrir al-Sham"),
        ("Hama", "Hayat Tahrir al-Sham"),
    }
    assert bg["event_date"].isna().all()


def test_mentions_are_never_event_locations(tables) -> None:
    locations = set(tables.events["location"])
    for place in (
        "Damascus",
        "Moscow",
        "Türkiye",
        "Turkey",
        "Iran",
        "United States",
        "United Kingdom",
        "Ukraine",
        "Syria",
    ):
        assert place not in locations


def test_claims(tables) -> None:
    c = tables.claims
    total = c[c["quantity_low"] == 2500].iloc[0]
    assert total.quantity_text == "2,500" and not total.verified
    assert total.claimed_by == "Syrian media"
    assert any("Lavrov" in w for w in c["claimed_by"].dropna())


def test_every_row_has_its_quote(tables) -> None:
    text = SEED.read_text(encoding="utf-8")
    for row in tables.events.itertuples():
        assert text[row.quote_start : row.quote_end].strip() == row.quote
        assert text[row.location_start : row.location_end] == row.location_text
    assert set(tables.events["sub_event_type"]) <= {s for v in EVENT_TYPES.values() for s in v}


def test_event_ids_are_stable(tables) -> None:
    again = extract_events(load_article(SEED))
    assert list(again.events["event_id"]) == list(tables.events["event_id"])
    assert tables.events["event_id"].is_unique


def test_matches_the_reviewed_table(tables) -> None:
    diff = diff_events(tables.events, read_reviewed(ROOT / "data" / "events.csv"))
    assert set(diff["status"]) == {"match"}, diff[diff["status"] != "match"].to_string()


def test_diff_reports_changes(tables) -> None:
    reviewed = read_reviewed(ROOT / "data" / "events.csv")
    changed = reviewed.copy()
    changed.loc[0, "fatalities"] = 99
    changed = changed.drop(index=3)
    diff = diff_events(tables.events, changed).set_index("admin1")
    assert (
        diff.loc["Homs", "status"] == "differs" and "fatalities" in diff.loc["Homs", "differences"]
    )
    assert (diff["status"] == "extra").sum() == 1


def test_no_date_means_background() -> None:
    t = extract_events(article_from_text("Artillery shelling hit Idlib and Hama city."))
    assert set(t.events["mention_type"]) == {"background"}


def test_weekday_and_explicit_dates() -> None:
    meta = {"published": "2024-12-07"}
    t = extract_events(
        article_from_text(
            "On Friday, Syrian army artillery shelled Idlib. On 3 December 2024, clashes "
            "erupted in Hama between HTS and the Syrian army.",
            meta,
        )
    )
    got = dict(zip(t.events["admin1"], t.events["event_date"], strict=True))
    assert got == {"Idlib": "2024-12-06", "Hama": "2024-12-03"}


def test_last_week_is_week_precision() -> None:
    t = extract_events(
        article_from_text(
            "Clashes erupted in Idlib last week between HTS and the Syrian army.",
            {"published": "2024-12-07"},
        )
    )
    row = t.events.iloc[0]
    assert row.time_precision == 2 and row.event_date == "2024-11-28"
    assert (row.date_start, row.date_end) == ("2024-11-25", "2024-12-01")


def test_hostile_html_stays_text() -> None:
    text = (
        "On Friday, <script>alert(1)</script> Syrian army artillery shelled Idlib "
        "<img src=x onerror=alert(1)>."
    )
    t = extract_events(article_from_text(text, {"published": str(dt.date(2024, 12, 7))}))
    assert "<script>" in t.events.iloc[0].quote  # kept verbatim; escaping is the map's job
