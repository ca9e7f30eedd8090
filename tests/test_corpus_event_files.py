"""The merged events written a month at a time: the same files as from the whole frame, and
a map from a bounded summary."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from eventmap.corpus import event_files as ef
from eventmap.corpus.merge_rows import MERGED_COLUMNS
from eventmap.corpus.tables import to_arrow, write_table

TOWNS = (("Idlib", 35.93, 36.63), ("Aleppo", 36.20, 37.13), ("Hama", 35.13, 36.76))


def merged(n: int = 60) -> pd.DataFrame:
    """Invented merged events over three months (and one undated), the low toll known only
    in the first month: a column whole numbers in one month, gaps in another."""
    rows = []
    for k in range(n):
        admin1, lat, lon = TOWNS[k % 3]
        month = 1 + k % 3
        rows.append(
            {
                "event_id": f"ev{k:03d}",
                "event_id_cnty": f"SYR-EM-{k}",
                "event_date": f"2024-0{month}-{1 + k % 27:02d}" if k else "sometime",
                "year": 2024,
                "country": "Syria",
                "admin1": admin1,
                "latitude": lat,
                "longitude": lon if k % 17 else None,
                "event_type": "Battles" if k % 2 else "Explosions/Remote violence",
                "fatalities": k % 5,
                "fatalities_low": k % 4 if month == 1 else None,
                "n_articles": 1 + k % 7,
                "n_sources": 1 + k % 3,
                "corroboration": "single source" if k % 3 else "several independent sources",
                "verified": None if k % 2 else True,
                "notes": "=cmd|' /C calc'!A0" if k == 5 else "note",
            }
        )
    return pd.DataFrame(rows)


@pytest.fixture
def parts(tmp_path: Path) -> Path:
    events = merged()
    for b in range(2):  # two buckets' parts, each written in two row groups
        rows = to_arrow(events.iloc[b::2], MERGED_COLUMNS)
        write_table(rows, tmp_path / "parts" / f"bucket-{b:03d}" / "events.parquet", 8)
    return tmp_path / "parts"


def test_months_in_order_and_the_undated_last(parts: Path):
    events = ef.MergedEvents(parts)
    assert events.months() == ["2024-01", "2024-02", "2024-03", ef.NO_MONTH]
    chunks = list(events.chunks())
    assert [len(c) for c in chunks] == [19, 20, 20, 1]
    whole = pd.concat(chunks, ignore_index=True)
    assert sorted(whole["event_id"]) == sorted(merged()["event_id"])
    assert (chunks[1]["event_date"].str[:7] == "2024-02").all()


def test_month_by_month_files_equal_the_whole_frames(parts: Path, tmp_path: Path):
    staging = tmp_path / "staging"
    staging.mkdir()
    files = ef.EventFiles(staging)
    for chunk in ef.MergedEvents(parts).chunks():
        files.add(chunk)
    files.close()
    assert files.n == 60
    whole = pd.concat(list(ef.MergedEvents(parts).chunks()), ignore_index=True)
    csv = pd.read_csv(staging / "events.csv", dtype=str, keep_default_na=False)
    assert list(csv["event_id"]) == list(whole["event_id"])
    # a whole number is written as one in every month, gaps or not
    assert set(csv["fatalities_low"]) <= {"", "0", "1", "2", "3"}
    assert csv.loc[csv["event_id"] == "ev005", "notes"].item().startswith("'=")
    gpkg = gpd.read_file(staging / "events.gpkg")
    assert list(gpkg["event_id"]) == list(whole.loc[whole["longitude"].notna(), "event_id"])
    back = gpd.read_parquet(staging / "events")
    assert sorted(back["event_id"]) == sorted(whole["event_id"])
    assert {p.parent.name for p in (staging / "events").rglob("*.parquet")} == {
        "month=2024-01",
        "month=2024-02",
        "month=2024-03",
        f"month={ef.NO_MONTH}",
    }
    counts = pd.read_parquet(staging / "daily_counts.parquet")
    expect = ef.daily_counts(whole).sort_values(list(ef.COUNT_COLUMNS[:4]))
    assert counts.reset_index(drop=True).equals(expect.reset_index(drop=True).astype(counts.dtypes))
    assert len(pd.read_csv(staging / "daily_counts.csv")) == len(counts)


def test_the_map_summary_does_not_depend_on_the_chunks():
    events = merged()
    whole = ef.best_sourced(events, 10)
    step = pd.DataFrame()
    for k in range(0, 60, 7):
        step = ef.best_sourced(pd.concat([step, events.iloc[k : k + 7]]), 10)
    assert list(step["event_id"]) == list(whole["event_id"])
    assert whole["n_articles"].min() >= events["n_articles"].nlargest(10).min()


def test_a_sampled_corpus_map_counts_every_event_in_its_choropleth(parts: Path, tmp_path: Path):
    from eventmap.corpus.corpus_map import WEEK_COLUMNS, corpus_map
    from eventmap.export import save_html

    source = ef.MergedEvents(parts)
    every = pd.concat(list(source.chunks()), ignore_index=True)
    sample = ef.best_sourced(every, 10)
    m = corpus_map(
        ef.geoframe(sample),
        n_events=len(every),
        all_events=lambda: source.chunks(WEEK_COLUMNS),
        n_articles=500,
    )
    html = save_html(m, tmp_path / "m.html").read_text(encoding="utf-8")
    assert "60 merged events" in html and "Markers for the 10 events" in html
    full = corpus_map(ef.geoframe(every), n_articles=500)
    week = next(c for c in full._children.values() if type(c).__name__ == "WeekChoropleth")
    ours = next(c for c in m._children.values() if type(c).__name__ == "WeekChoropleth")
    assert ours.weeks == week.weeks  # the choropleth counts all 60, not the 10 markers
