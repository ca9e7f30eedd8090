"""The merge rules' numbers and the one distance their radii are measured in."""

import numpy as np
import pytest
from geopy.distance import great_circle

from eventmap.corpus.rules import EARTH_KM, MergeRules, km


def test_km_is_the_great_circle_distance_for_scalars_and_arrays() -> None:
    # Homs to Hama and Aleppo; geopy's great circle uses a radius 0.2 m larger
    homs, hama, aleppo = (34.73, 36.72), (35.13, 36.75), (36.20, 37.16)
    for there in (hama, aleppo):
        expected = great_circle(homs, there, radius=EARTH_KM).km
        assert float(km(*homs, *there)) == pytest.approx(expected, rel=1e-9)
    both = km(
        np.array([homs[0]] * 2),
        homs[1],
        np.array([hama[0], aleppo[0]]),
        np.array([hama[1], aleppo[1]]),
    )
    assert both.shape == (2,) and both[0] < both[1]
    assert float(km(*homs, *homs)) == 0.0
    assert float(km(0.0, 0.0, 0.0, 180.0)) == pytest.approx(np.pi * EARTH_KM)


def test_the_rules_record_their_radii() -> None:
    rules = MergeRules().to_json()
    assert rules["town_km"] == 5.0 and rules["near_km"] == 25.0
