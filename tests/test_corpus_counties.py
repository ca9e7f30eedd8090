from __future__ import annotations

from eventmap.corpus.counties import MIN_REACH_KM, county_reach_km


def test_a_county_is_found_by_its_point_and_reaches_about_its_width():
    small = county_reach_km(29.60938, -81.74345)  # a Florida county among small neighbours
    big = county_reach_km(33.74340, -115.99534)  # a wide county of the south-west desert
    assert small is not None and big is not None
    assert MIN_REACH_KM <= small < 100
    assert big > small
    # a point a few km off the county's own point is still that county
    assert county_reach_km(29.62, -81.76) == small


def test_a_point_that_is_no_us_county_has_no_reach():
    assert county_reach_km(35.8645, 36.8005) is None  # abroad
    assert county_reach_km(float("nan"), 0.0) is None
