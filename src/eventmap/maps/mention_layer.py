"""Places the article mentions that are not where an event happened.

Origins of fighters, cities named for context, the capital issuing a statement: they
help a reader see what the article talks about, but drawn like events they would
read as violence. So they get small neutral dots on their own layer, off by default.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from folium.map import FeatureGroup
from folium.template import Template
from markupsafe import Markup

from eventmap.maps._events import _coordinates
from eventmap.maps._util import VerbatimRender, as_bool, js_json, text

MAX_SENTENCES = 4


class PlaceMentionLayer(FeatureGroup, VerbatimRender):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.featureGroup({});
        {{ this.data }}.forEach(function (p) {
            L.circleMarker(p.ll, {
                radius: 5, color: "#333333", weight: 1.5, fillColor: "#ffffff",
                fillOpacity: 1, className: "em-mention"
            }).bindTooltip(p.tip, { direction: "top" })
              .bindPopup(p.popup, { maxWidth: 320 })
              .addTo({{ this.get_name() }});
        });
        {% endmacro %}
        """
    )

    def __init__(self, places: list[dict[str, Any]], name: str = "Other places mentioned") -> None:
        super().__init__(name=name, overlay=True, control=True, show=False)
        self._name = "PlaceMentionLayer"
        self.places = places
        self.data = js_json(places)

    def _get_self_bounds(self) -> list[list[float | None]]:
        if not self.places:
            return [[None, None], [None, None]]
        lats = [p["ll"][0] for p in self.places]
        lons = [p["ll"][1] for p in self.places]
        return [[min(lats), min(lons)], [max(lats), max(lons)]]


def mention_places(mentions: pd.DataFrame | None) -> list[dict[str, Any]]:
    """Resolved, non-event mentions grouped by place, with escaped tooltip and popup."""
    if mentions is None or len(mentions) == 0:
        return []
    lat, lon = _coordinates(mentions)
    frame = pd.DataFrame({c: mentions[c] for c in mentions.columns if c != "geometry"})
    frame["_lat"], frame["_lon"] = lat, lon
    for column in ("resolved", "role", "name", "text", "geonameid", "kind", "admin1", "sentence"):
        if column not in frame.columns:
            frame[column] = None
    resolved = frame["resolved"].map(lambda v: as_bool(v) is not False)
    keep = resolved & (frame["role"].astype("object") != "event_location")
    keep &= np.isfinite(frame["_lat"]) & np.isfinite(frame["_lon"])
    frame = frame.loc[keep]
    places: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in frame.to_dict("records"):
        ll = (round(float(row["_lat"]), 5), round(float(row["_lon"]), 5))
        key = (text(row["geonameid"]) or text(row["name"]) or text(row["text"]), *ll)
        place = places.setdefault(key, {"ll": list(ll), "rows": []})
        place["rows"].append(row)
    return [_describe(place["ll"], place["rows"]) for place in places.values()]


def _describe(ll: list[float], rows: list[dict[str, Any]]) -> dict[str, Any]:
    first = rows[0]
    name = text(first["name"]) or text(first["text"]) or "unnamed place"
    roles = sorted({text(r["role"]) or "mention" for r in rows})
    written = sorted({t for r in rows if (t := text(r["text"]))})
    details = ", ".join(x for x in (text(first["kind"]), text(first["admin1"])) if x)
    sentences = [s for r in rows if (s := text(r["sentence"]))][:MAX_SENTENCES]
    tip = Markup("{} — mentioned ({})").format(name, ", ".join(roles).replace("_", " "))
    popup = Markup(
        '<div class="em-popup"><h4>{}</h4><div class="em-kind">{}</div>'
        "<dl><dt>Written as</dt><dd>{}</dd><dt>Role</dt><dd>{}</dd></dl>{}</div>"
    ).format(
        name,
        details or "place mentioned in the article",
        "; ".join(f"“{w}”" for w in written) or "—",
        ", ".join(roles).replace("_", " "),
        Markup("").join(Markup("<blockquote>{}</blockquote>").format(s) for s in sentences),
    )
    return {"ll": ll, "tip": tip, "popup": popup}
