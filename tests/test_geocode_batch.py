"""A batch of names: one bad name never stops it, and every miss says why, in input order."""

from eventmap import geocode
from eventmap.geocode import OfflineGeocoder
from eventmap.geocode_batch import geocode_many, geocode_rows


def test_misses_are_reported_in_input_order() -> None:
    rows, unresolved = geocode_rows(["Homs", "", "Xqzvvw", "Hama"], OfflineGeocoder())
    assert [r["input_index"] for r in rows] == [0, 3]
    assert [name for name, _ in unresolved] == ["", "Xqzvvw"]
    assert unresolved[0][1].startswith("invalid input")
    assert unresolved[1][1] == "no match in the gazetteer"


def test_the_frame_is_in_wgs84_with_a_point_per_row() -> None:
    frame, _ = geocode_many(["Aleppo", "Suwayda"], OfflineGeocoder())
    assert frame.crs.to_epsg() == 4326
    assert list(frame.geometry.x) == list(frame["longitude"])


def test_the_batch_functions_still_import_from_geocode() -> None:
    assert geocode.geocode_many is geocode_many
    assert geocode.geocode_rows is geocode_rows
