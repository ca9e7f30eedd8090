"""One event as a Leaflet marker: typed symbol, popup, tooltip, date range.

A subclass of folium.Marker so that folium's bounds computation and user code that
looks for markers keep working, but rendered by one call into the eventmap runtime
instead of folium's Marker + DivIcon + Popup + Tooltip quartet: a quarter of the
elements, no jQuery, and no article text inside a JavaScript template literal
(where ``${...}`` in a quote would execute).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from branca.element import Element
from folium import Map
from folium.map import Marker
from folium.template import Template

from eventmap.maps._util import VerbatimRender, js_json, text
from eventmap.maps.popup import popup_html, tooltip_text
from eventmap.maps.style import ICON_ANCHOR, PRECISION2_RADIUS_M, icon_html, side_colour


def map_name(element: Element) -> str:
    """The JavaScript name of the folium Map an element belongs to."""
    node: Element | None = element
    while node is not None and not isinstance(node, Map):
        node = node._parent
    if node is None:
        raise ValueError("element is not attached to a folium Map")
    return node.get_name()


class EventMarker(Marker, VerbatimRender):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = eventmap.marker({{ this.map_js_name|tojson }},
            {{ this._parent.get_name() }}, {{ this.payload }});
        {% endmacro %}
        """
    )

    def __init__(self, row: Mapping[str, Any]) -> None:
        lat, lon = round(float(row["_lat"]), 5), round(float(row["_lon"]), 5)
        super().__init__(location=[lat, lon])
        self._name = "EventMarker"
        self.event_id = text(row.get("event_id")) or text(row.get("event_id_cnty"))
        start, end = row.get("_start"), row.get("_end")
        dated = start is not None and start == start  # NaN check
        tip = tooltip_text(row)
        prec = row.get("_prec")
        area = text(row.get("_area")) if prec == 3 else None
        extra: dict[str, object] = {}
        if prec == 2 or area:
            extra["c"] = side_colour(text(row.get("actor1_side")))
        if prec == 2:
            extra["r"] = PRECISION2_RADIUS_M
        if area:
            extra["area"] = area
        self.payload = js_json(
            extra
            | {
                "ll": [lat, lon],
                "t": text(row.get("event_type")) or "",
                "a": ICON_ANCHOR,
                "s": int(start) if dated else None,
                "e": int(end) if dated else None,
                "html": icon_html(
                    text(row.get("event_type")),
                    text(row.get("actor1_side")),
                    row.get("_prec"),
                    event_id=self.event_id,
                    title=tip,
                ),
                "popup": popup_html(row),
                "tip": tip,
            }
        )
        self.map_js_name = ""

    def render(self, **kwargs: Any) -> None:
        self.map_js_name = map_name(self)
        super().render()
