"""Governorate (admin-1) outlines and names under the events, from Natural Earth.

"Homs province" is an area, not the dot of its capital; a reader cannot judge a
province-level event without seeing the province. So the map draws the first-level
divisions of every country that has an event (Natural Earth 1:10m, vendored in
``resources/admin1.zip``), names them, and hands their shapes to the runtime so that a
province-level event is drawn as its province, hatched in the actor's colour, with the
symbol at the province's label point rather than on the capital's town.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from folium.map import FeatureGroup
from folium.template import Template
from markupsafe import escape
from shapely.geometry import mapping

from eventmap import admin1
from eventmap.maps._util import VerbatimRender, js_json, rounded_geometry, text
from eventmap.maps.style import SIDE_COLOURS

ADMIN_COLOUR = "#6f6354"


class AdminAreas(FeatureGroup, VerbatimRender):
    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>
        {%- for hex in this.hatches %}
        <pattern id="em-hatch-{{ hex }}" patternUnits="userSpaceOnUse" width="9" height="9"
                 patternTransform="rotate(45)"><rect width="9" height="9" fill="#{{ hex }}"
                 fill-opacity="0.10"/><line x1="0" y1="0" x2="0" y2="9" stroke="#{{ hex }}"
                 stroke-width="2.2" stroke-opacity="0.5"/></pattern>
        {%- endfor %}
        </defs></svg>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }}_data = {{ this.data }};
        var {{ this.get_name() }} = (function (map) {
            if (!map.getPane("emAdmin")) { map.createPane("emAdmin").style.zIndex = 390; }
            map.getPane("emAdmin").style.pointerEvents = "none";
            eventmap.areas(map, {{ this.get_name() }}_data.features);
            var group = L.featureGroup();
            L.geoJSON({{ this.get_name() }}_data, {
                pane: "emAdmin", interactive: false,
                style: function (f) {
                    return { color: {{ this.colour|tojson }}, weight: 1.1, opacity: 0.85,
                             fill: false, className: "em-admin em-admin-" + f.properties.c };
                }
            }).addTo(group);
            {{ this.labels }}.forEach(function (l) {
                eventmap.label(map, { ll: l.ll, html: l.html, rank: 2, cls: "em-label-admin",
                                      kind: "area" }, group);
            });
            return group;
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        areas: Any,
        skip_labels: set[str] | None = None,
        name: str = "Governorates (Natural Earth)",
    ) -> None:
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "AdminAreas"
        self.areas = areas
        self.colour = ADMIN_COLOUR
        self.hatches = sorted(c.lstrip("#") for c in SIDE_COLOURS.values())
        skip = skip_labels or set()
        features, labels = [], []
        for row in areas.itertuples():
            features.append(
                {
                    "type": "Feature",
                    "properties": {"c": row.code, "n": str(escape(row.name))},
                    "geometry": row.geojson,
                }
            )
            if row.code not in skip:
                labels.append({"ll": [row.label_lat, row.label_lon], "html": str(escape(row.name))})
        self.data = js_json({"type": "FeatureCollection", "features": features})
        self.labels = js_json(labels)
        self.codes = [f["properties"]["c"] for f in features]

    def _get_self_bounds(self) -> list[list[float | None]]:
        return [[None, None], [None, None]]  # the events decide the view, not the outlines


def map_areas(
    frame: pd.DataFrame, extent: float, located: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Divisions of the countries with events, simplified for a view ``extent`` degrees wide.

    Columns: code, country, name, label_lat, label_lon, geojson (rounded coordinates).
    """
    if frame.empty:
        return pd.DataFrame(columns=["code", "country", "name", "label_lat", "label_lon"])
    if located is None:
        located = admin1.locate(frame["_lat"], frame["_lon"])
    countries = set(located["country"].dropna())
    codes = frame.get("admin1_iso")
    if codes is not None:
        countries |= {c[:2] for c in codes.map(text).dropna() if len(c) > 3 and c[2] == "-"}
    gdf = admin1.divisions(sorted(countries))
    tolerance = max(extent / 1000.0, 0.005)
    digits = 3 if tolerance < 0.02 else 2
    rows = []
    for row in gdf.itertuples():
        geom = row.geometry.simplify(tolerance, preserve_topology=True)
        if geom.is_empty:
            continue
        rows.append(
            {
                "code": row.code,
                "country": row.country,
                "name": row.name,
                "alt": row.alt,
                "name_ne": row.name_ne,
                "label_lat": round(float(row.label_lat), 4),
                "label_lon": round(float(row.label_lon), 4),
                "geojson": rounded_geometry(mapping(geom), digits),
            }
        )
    return pd.DataFrame(rows)


def event_codes(
    frame: pd.DataFrame, areas: pd.DataFrame, located: pd.DataFrame | None = None
) -> list[str | None]:
    """The division code of each event: its coded ISO 3166-2 code, else its admin1 name
    matched within its country, else the division its point lies in."""
    if frame.empty or areas.empty:
        return [None] * len(frame)
    known = set(areas["code"])
    by_name: dict[tuple[str, str], str] = {}
    for row in areas.itertuples():
        names = [row.name, row.name_ne, *(a for a in str(row.alt or "").split("|") if a)]
        for name in names:
            for key in (admin1.normalise_name(name), admin1.name_skeleton(name)):
                if key:
                    by_name.setdefault((row.country, key), row.code)
    if located is None:
        located = admin1.locate(frame["_lat"], frame["_lon"])
    iso = frame["admin1_iso"] if "admin1_iso" in frame.columns else pd.Series([None] * len(frame))
    out: list[str | None] = []
    for i in range(len(frame)):
        code = text(iso.iat[i])
        if code and code in known:
            out.append(code)
            continue
        country = located["country"].iat[i]
        name = text(frame["admin1"].iat[i])
        hit = None
        if name and country:
            hit = by_name.get((country, admin1.normalise_name(name))) or by_name.get(
                (country, admin1.name_skeleton(name))
            )
        out.append(hit or located["code"].iat[i])
    return out


def province_points(frame: pd.DataFrame, codes: list[str | None], areas: pd.DataFrame):
    """Latitude/longitude arrays with province-level events moved to their province's
    label point (Natural Earth's), so the symbol does not sit on the capital's town."""
    lat = frame["_lat"].to_numpy(dtype=float).copy()
    lon = frame["_lon"].to_numpy(dtype=float).copy()
    if areas.empty:
        return lat, lon
    points = {r.code: (r.label_lat, r.label_lon) for r in areas.itertuples()}
    prec = frame["_prec"].to_numpy()
    for i, code in enumerate(codes):
        if prec[i] == 3 and code in points:
            lat[i], lon[i] = points[code]
    return lat, lon


__all__ = ["AdminAreas", "event_codes", "map_areas", "province_points"]
