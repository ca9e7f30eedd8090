"""The categorical legend: the event types, actor sides and precisions on this map.

Only categories that occur are listed: a legend naming six event types when the
article reported one strike suggests a completeness the data does not have.
"""

from __future__ import annotations

from folium.template import Template
from markupsafe import Markup

from eventmap.maps._util import VerbatimRender, js_json
from eventmap.maps.style import (
    NEUTRAL,
    PRECISION2_RADIUS_M,
    SIDE_COLOURS,
    SIDE_LABELS,
    legend_swatch,
    legend_symbol,
)
from eventmap.schema import GEO_PRECISION_LABELS

# What each precision looks like on the map, in the legend's words.
PRECISION_DRAWN = {
    1: GEO_PRECISION_LABELS[1],
    2: f"{GEO_PRECISION_LABELS[2]} (dashed circle: {PRECISION2_RADIUS_M // 1000} km)",
    3: "province-level: the province is hatched, the symbol sits at its centre",
}

LEGEND_CSS = """
.em-legend { max-height: 60vh; overflow-y: auto; }
.em-legend ul { list-style: none; margin: 0 0 6px; padding: 0; }
.em-legend li { display: flex; align-items: center; gap: 6px; margin: 0; line-height: 1.25; }
.em-legend-sym svg { width: 20px; height: 20px; display: block; }
.em-legend .em-circle {
  width: 14px; height: 14px; border-radius: 50%; border: 1.5px solid #7a0177;
  background: rgba(122,1,119,.22); display: inline-block;
}
.em-legend .em-dot {
  width: 9px; height: 9px; border-radius: 50%; border: 1.5px solid #333; background: #fff;
  display: inline-block; margin: 0 4px;
}
.em-legend .em-fill { width: 16px; height: 12px; border: 1px solid #5a5a5a; display: inline-block; }
"""


class EventLegend(VerbatimRender):
    _template = Template(
        """
        {% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
        {% macro html(this, kwargs) %}
        <div id="{{ this.get_name() }}" class="em-box em-legend"
             style="display:none">{{ this.body }}</div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        eventmap.control({{ this._parent.get_name() }}, {{ this.get_name()|tojson }},
                         "bottomright");
        {% endmacro %}
        """
    )

    def __init__(
        self,
        event_types: list[str],
        sides: list[str],
        precisions: list[int],
        *,
        clustered: bool = False,
        summary: list[tuple[str, str]] | None = None,
        mentions: bool = False,
        zoom: dict[tuple[str, object], list[list[float]]] | None = None,
    ) -> None:
        """``zoom`` maps (section, key) - ("type", "Battles"), ("side", "state"),
        ("precision", 3), ("summary", colour) - to the bounds its "zoom" button fits."""
        super().__init__()
        zoom = zoom or {}
        self._name = "EventLegend"
        self.css = LEGEND_CSS
        self.event_types = event_types
        self.sides = sides
        parts: list[Markup] = []
        if event_types:
            parts.append(
                _section(
                    "Event type (shape)",
                    [(legend_symbol(t), t) for t in event_types],
                    [zoom.get(("type", t)) for t in event_types],
                )
            )
        if sides:
            parts.append(
                _section(
                    "Actor 1 side (colour)",
                    [(legend_swatch(SIDE_COLOURS[s]), SIDE_LABELS[s]) for s in sides],
                    [zoom.get(("side", s)) for s in sides],
                )
            )
        if precisions:
            parts.append(
                _section(
                    "Location precision",
                    [(legend_symbol(None, p, NEUTRAL), PRECISION_DRAWN[p]) for p in precisions],
                    [zoom.get(("precision", p)) for p in precisions],
                )
            )
        if summary:
            rows = []
            for colour, label in summary:
                if colour == "circle":
                    rows.append((Markup('<span class="em-circle"></span>'), label))
                else:
                    rows.append(
                        (
                            Markup('<span class="em-fill" style="background:{}"></span>').format(
                                colour
                            ),
                            label,
                        )
                    )
            parts.append(
                _section(
                    "Events per governorate",
                    rows,
                    [zoom.get(("summary", colour)) for colour, _ in summary],
                )
            )
        if mentions:
            parts.append(
                _section(
                    "Other places mentioned",
                    [(Markup('<span class="em-dot"></span>'), "not an event location (layer off)")],
                )
            )
        if clustered:
            parts.append(
                Markup(
                    '<p class="em-muted">Numbered circles: clustered events; the symbol is the '
                    "most frequent type, a dashed ring means mixed types.</p>"
                )
            )
        self.body = Markup("").join(parts)


def _section(
    title: str,
    rows: list[tuple[Markup, str]],
    bounds: list[list[list[float]] | None] | None = None,
) -> Markup:
    bounds = bounds or [None] * len(rows)
    items = Markup("").join(
        Markup("<li>{}<span>{}</span>{}</li>").format(sym, label, _zoom_button(label, box))
        for (sym, label), box in zip(rows, bounds, strict=True)
    )
    return Markup("<h2>{}</h2><ul>{}</ul>").format(title, items)


def _zoom_button(label: str, bounds: list[list[float]] | None) -> Markup:
    if not bounds:
        return Markup("")
    return Markup(
        '<button type="button" class="em-zoom" data-em-zoom="{}" title="Zoom to: {}" '
        'aria-label="Zoom to: {}">zoom to</button>'
    ).format(str(js_json(bounds)), label, label)
