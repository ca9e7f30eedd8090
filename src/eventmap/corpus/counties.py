"""How far a US county reaches from its point: the place rule for county-level reports.

A report placed only at its county ('in Putnam County') is no town, but no state either:
two shootings in one state on one day are often hundreds of kilometres apart, and a
county-level report merged on the state alone joins them (and, through it, their towns).
A county's reach is ``REACH_FACTOR`` times the distance from its point to the nearest
other county's point (at least ``MIN_REACH_KM``): that distance is about a county's width
(less for a big county beside small ones), so small eastern counties reach a few tens of
kilometres, the big western ones over a hundred. The points are those the gazetteer gives counties
(resources/us_counties.csv), so a county-level mention is found by its point.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from eventmap.corpus.rules import EARTH_KM
from eventmap.gazetteer.sources import curated_rows
from eventmap.wordlists import resource_path

MIN_REACH_KM = 25.0
REACH_FACTOR = 1.5
_MATCH_KM = 15.0  # a county-level point this close to a county's point is that county


def _load() -> tuple[np.ndarray, np.ndarray]:
    lat, lon = [], []
    for r in curated_rows(resource_path("us_counties.csv")):
        try:
            y, x = float(r["latitude"]), float(r["longitude"])
        except (TypeError, ValueError):
            continue
        lat.append(y)
        lon.append(x)
    return np.radians(lat), np.radians(lon)


def _km_to_all(lat, lon, la: np.ndarray, lo: np.ndarray) -> np.ndarray:
    """Great-circle km from (lat, lon) to each (la, lo), all in radians; broadcasts."""
    h = np.sin((la - lat) / 2) ** 2 + np.cos(lat) * np.cos(la) * np.sin((lo - lon) / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1)))


@cache
def _table() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each county's point (radians) and reach; ~3,200 counties, computed once a process
    in blocks (~0.1 s)."""
    la, lo = _load()
    reach = np.empty(len(la))
    for s in range(0, len(la), 256):  # a block of rows against every county
        d = _km_to_all(la[s : s + 256, None], lo[s : s + 256, None], la[None, :], lo[None, :])
        d[d < 1e-6] = np.inf
        reach[s : s + 256] = d.min(axis=1)
    return la, lo, np.maximum(reach * REACH_FACTOR, MIN_REACH_KM)


def county_reach_km(lat: float, lon: float) -> float | None:
    """The reach of the US county whose point this is (the nearest within ``_MATCH_KM``),
    else None (a division abroad, or a point the table lacks)."""
    if not (np.isfinite(lat) and np.isfinite(lon)):
        return None
    la, lo, reach = _table()
    d = _km_to_all(np.radians(lat), np.radians(lon), la, lo)
    k = int(np.argmin(d))
    return float(reach[k]) if d[k] <= _MATCH_KM else None
