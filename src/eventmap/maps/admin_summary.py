"""Events per governorate (admin1): proportional circles, or a choropleth with boundaries.

Many events are only located to a province, so a per-province count is often the
honest summary. Circles sit at the point the province-level events already carry
(ACLED's admin1 point) or, failing that, at the mean of the province's events;
with a boundary file the provinces are shaded instead, and events whose admin1 does
not match any boundary name still get a circle rather than silently vanishing.
"""

from __future__ import annotations

import math
import os
from collections import Counter
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
from folium.map import FeatureGroup
from folium.template import Template
from markupsafe import Markup
from shapely.geometry import mapping

from eventmap.admin1 import name_skeleton, normalise_name
from eventmap.maps._util import VerbatimRender, js_json, rounded_geometry, text

CHOROPLETH_COLOURS = ("#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15")
CIRCLE_COLOUR = "#7a0177"
NAME_COLUMNS = ("admin1", "name", "name_en", "shapename", "adm1_en", "name_1", "nam_en")


class AdminSummaryLayer(FeatureGroup, VerbatimRender):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.featureGroup({});
        {% if this.polygons %}
        L.geoJSON({{ this.polygons }}, {
            style: function (f) {
                return { color: "#5a5a5a", weight: 1, fillColor: f.properties.fill,
                         fillOpacity: f.properties.n ? 0.55 : 0.15, className: "em-choropleth" };
            },
            onEachFeature: function (f, layer) {
                layer.bindTooltip(f.properties.tip, { sticky: true });
            }
        }).addTo({{ this.get_name() }});
        {% endif %}
        {% if this.source %}
        (function (counts) {
            L.geoJSON({{ this.source.get_name() }}_data, {
                filter: function (f) { return counts[f.properties.c]; },
                style: function (f) {
                    return { color: "#5a5a5a", weight: 0.8, fillColor: counts[f.properties.c].fill,
                             fillOpacity: 0.45, className: "em-choropleth" };
                },
                onEachFeature: function (f, layer) {
                    layer.bindTooltip(counts[f.properties.c].tip, { sticky: true });
                }
            }).addTo({{ this.get_name() }});
        })({{ this.counts }});
        {% endif %}
        {{ this.circles }}.forEach(function (c) {
            L.circleMarker(c.ll, {
                radius: c.r, color: {{ this.circle_colour|tojson }}, weight: 1.5,
                fillColor: {{ this.circle_colour|tojson }}, fillOpacity: 0.22,
                className: "em-admin-circle"
            }).bindTooltip(c.tip, { direction: "top" }).addTo({{ this.get_name() }});
        });
        {% endmacro %}
        """
    )

    def __init__(
        self,
        circles: list[dict[str, Any]],
        polygons: dict[str, Any] | None,
        legend: list[tuple[str, str]],
        *,
        show: bool,
        name: str = "Events per governorate",
        source: Any = None,
        counts: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        """``source``/``counts``: the map's AdminAreas element and, per ISO code, the
        fill and tooltip of its governorate (the default choropleth, which reuses the
        outlines already in the page instead of shipping them twice)."""
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "AdminSummaryLayer"
        self.circles = js_json(circles)
        self.polygons = js_json(polygons) if polygons else None
        self.source = source
        self.counts = js_json(counts or {})
        self.choropleth_counts = counts or {}
        self.legend = legend
        self.circle_colour = CIRCLE_COLOUR


def admin_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per admin1: count, coded fatalities, representative lat/lon."""
    admin = frame["admin1"].map(text)
    data = frame.assign(_admin=admin).loc[admin.notna()]
    rows = []
    for name, group in data.groupby("_admin", sort=True):
        coarse = group.loc[group["_prec"] == 3]
        if len(coarse):
            lat, lon = Counter(zip(coarse["_lat"], coarse["_lon"], strict=True)).most_common(1)[0][
                0
            ]
        else:
            lat, lon = group["_lat"].mean(), group["_lon"].mean()
        fatalities = pd.to_numeric(group["fatalities"], errors="coerce").sum(min_count=1)
        rows.append(
            {
                "admin1": name,
                "count": len(group),
                "fatalities": None if pd.isna(fatalities) else int(fatalities),
                "lat": float(lat),
                "lon": float(lon),
            }
        )
    return pd.DataFrame(rows, columns=["admin1", "count", "fatalities", "lat", "lon"])


def build_admin_summary(
    frame: pd.DataFrame,
    boundaries: gpd.GeoDataFrame | str | os.PathLike[str] | None,
    areas: Any = None,
    codes: list[str | None] | None = None,
) -> AdminSummaryLayer | None:
    """The per-governorate summary: a choropleth of the user's boundaries when given,
    else of the offline outlines (``areas``: the map's AdminAreas, ``codes``: each
    event's division), else circles. Events no polygon takes still get a circle."""
    counts = admin_counts(frame)
    if counts.empty and boundaries is None:
        return None
    polygons, legend, matched = None, [], set()
    by_code: dict[str, dict[str, Any]] = {}
    if boundaries is not None:
        polygons, legend, matched = _choropleth(counts, _load_boundaries(boundaries))
    elif areas is not None and codes is not None and len(frame):
        by_code, legend, matched = _default_choropleth(frame, codes, areas)
    rest = counts.loc[~counts["admin1"].isin(matched)]
    top = max(int(counts["count"].max()), 1) if len(counts) else 1
    circles = [
        {
            "ll": [round(r.lat, 5), round(r.lon, 5)],
            "r": round(6 + 24 * math.sqrt(r.count / top), 1),
            "tip": _label(r.admin1, r.count, r.fatalities),
        }
        for r in rest.itertuples()
    ]
    if circles and not any(colour == "circle" for colour, _ in legend):
        legend = [*legend, ("circle", "circle area ∝ number of events")]
    shaded = polygons is not None or bool(by_code)
    return AdminSummaryLayer(
        circles,
        polygons,
        legend,
        show=shaded,
        source=areas if by_code else None,
        counts=by_code,
    )


def _default_choropleth(
    frame: pd.DataFrame, codes: list[str | None], areas: Any
) -> tuple[dict[str, dict[str, Any]], list[tuple[str, str]], set[str]]:
    """Counts per ISO code over the offline outlines; matched = admin1 names covered."""
    names = dict(zip(areas.areas["code"], areas.areas["name"], strict=True))
    data = frame.assign(_code=codes)
    data = data.loc[data["_code"].isin(list(names))]
    if data.empty:
        return {}, [], set()
    top = int(data.groupby("_code").size().max())
    breaks = _breaks(top)
    by_code: dict[str, dict[str, Any]] = {}
    for code, group in data.groupby("_code", sort=True):
        n = len(group)
        fatalities = pd.to_numeric(group["fatalities"], errors="coerce").sum(min_count=1)
        by_code[code] = {
            "n": n,
            "fill": CHOROPLETH_COLOURS[int(np.searchsorted(breaks, n, side="left"))],
            "tip": _label(names[code], n, None if pd.isna(fatalities) else int(fatalities)),
        }
    matched = set(data["admin1"].map(text).dropna())
    return by_code, _class_legend(breaks), matched


def _label(name: str, count: int, fatalities: int | None) -> Markup:
    events = "event" if count == 1 else "events"
    extra = f", {fatalities} coded fatalities" if fatalities is not None else ""
    return Markup("<b>{}</b>: {} {}{}").format(name, count, events, extra)


def _load_boundaries(boundaries: gpd.GeoDataFrame | str | os.PathLike[str]) -> gpd.GeoDataFrame:
    gdf = boundaries if isinstance(boundaries, gpd.GeoDataFrame) else gpd.read_file(boundaries)
    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs(4326)
    return gdf


def name_column(gdf: gpd.GeoDataFrame) -> str:
    lower = {c.lower(): c for c in gdf.columns if c != gdf.geometry.name}
    for candidate in NAME_COLUMNS:
        if candidate in lower:
            return lower[candidate]
    for column in lower.values():
        if gdf[column].dtype == object:
            return column
    raise ValueError("boundaries need a column with admin1 names (e.g. 'name' or 'admin1')")


def _choropleth(
    counts: pd.DataFrame, gdf: gpd.GeoDataFrame
) -> tuple[dict[str, Any], list[tuple[str, str]], set[str]]:
    column = name_column(gdf)
    by_key = {normalise_name(r.admin1): r for r in counts.itertuples()}
    by_skeleton = {name_skeleton(r.admin1): r for r in counts.itertuples()}
    top = max(int(counts["count"].max()), 1) if len(counts) else 1
    breaks = _breaks(top)
    bounds = gdf.total_bounds
    tolerance = max(bounds[2] - bounds[0], bounds[3] - bounds[1], 0.1) / 800
    features, matched = [], set()
    for name, geom in zip(gdf[column], gdf.geometry, strict=True):
        if geom is None or geom.is_empty:
            continue
        hit = by_key.get(normalise_name(name)) or by_skeleton.get(name_skeleton(name))
        n = int(hit.count) if hit is not None else 0
        if hit is not None:
            matched.add(hit.admin1)
        fill = CHOROPLETH_COLOURS[int(np.searchsorted(breaks, n, side="left"))] if n else "#dddddd"
        simple = geom.simplify(tolerance, preserve_topology=True)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "n": n,
                    "fill": fill,
                    "tip": _label(
                        text(name) or "?", n, hit.fatalities if hit is not None else None
                    ),
                },
                "geometry": rounded_geometry(mapping(simple)),
            }
        )
    legend = _class_legend(breaks)
    return {"type": "FeatureCollection", "features": features}, legend, matched


def _class_legend(breaks: list[int]) -> list[tuple[str, str]]:
    legend = []
    low = 1
    for colour, high in zip(CHOROPLETH_COLOURS, breaks, strict=False):
        if high < low:
            continue
        legend.append(
            (colour, f"{low}–{high} events" if high > low else f"{low} event{'s' * (low != 1)}")
        )
        low = high + 1
    return legend


def _breaks(top: int) -> list[int]:
    """Upper bounds of up to five classes covering 1..top."""
    if top <= len(CHOROPLETH_COLOURS):
        return list(range(1, top + 1))
    edges = np.unique(np.ceil(np.linspace(1, top, len(CHOROPLETH_COLOURS) + 1)[1:]).astype(int))
    return edges.tolist()
