from pathlib import Path

import pandas as pd
import pyogrio
import pytest

from eventmap.article import load_article
from eventmap.events import extract_events
from eventmap.join import admin1_summary, events_geodataframe, export_events, mentions_geodataframe

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_fe935601f8305200.txt"


@pytest.fixture(scope="module")
def events():
    return events_geodataframe(extract_events(load_article(SEED)))


def test_geodataframe_with_division_attributes(events) -> None:
    assert events.crs.to_epsg() == 4326
    assert events.geometry.notna().all()
    homs = events[events["admin1"] == "Homs"].iloc[0]
    assert homs.admin1_iso == "SY-HI"
    assert homs.geo_precision_label == "province-level, approximate point"
    assert list(events["mention_type"]) == ["event"] * 4 + ["background"] * 2


def test_summary_per_admin1(events) -> None:
    s = admin1_summary(events).set_index("admin1")
    assert s.loc["Homs", "events"] == 1 and s.loc["Homs", "fatalities"] == 12
    assert "Aleppo" not in s.index  # background only


def test_exports_read_back(events, tmp_path: Path) -> None:
    files = export_events(events, tmp_path)
    csv = pd.read_csv(files["csv"])
    assert len(csv) == len(events) and list(csv.columns[:3]) == [
        "event_id_cnty",
        "event_date",
        "year",
    ]
    for fmt in ("geojson", "gpkg"):
        back = pyogrio.read_dataframe(files[fmt])
        assert len(back) == len(events)
        assert set(back["quote"]) == set(events["quote"])
        assert back.crs.to_epsg() == 4326
    assert set(csv["verified"]) == {"false", "unknown"}


def test_exports_are_deterministic(events, tmp_path: Path) -> None:
    a = export_events(events, tmp_path / "a")
    b = export_events(events, tmp_path / "b")
    for fmt in ("csv", "geojson", "gpkg"):
        assert a[fmt].read_bytes() == b[fmt].read_bytes()


def test_unknown_format(events, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export_events(events, tmp_path, formats=["xlsx"])


def test_mentions_geodataframe() -> None:
    m = mentions_geodataframe(extract_events(load_article(SEED)))
    assert m.crs.to_epsg() == 4326 and (m["role"] == "demonym").any()
