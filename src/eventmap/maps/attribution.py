"""Credits in the map's attribution line: the gazetteer, the outlines, the source.

GeoNames is CC BY 4.0, which requires attribution; Natural Earth is public domain
but credited anyway; the news source is credited because every event is its claim.
"""

from __future__ import annotations

from folium.template import Template
from markupsafe import Markup

from eventmap.maps._util import VerbatimRender, js_json

GEONAMES = Markup(
    'Places: <a href="https://www.geonames.org/" target="_blank" rel="noopener">GeoNames</a> '
    '(<a href="https://creativecommons.org/licenses/by/4.0/" target="_blank" '
    'rel="noopener">CC BY 4.0</a>)'
)
NATURAL_EARTH = Markup(
    'Outlines: <a href="https://www.naturalearthdata.com/" target="_blank" '
    'rel="noopener">Natural Earth</a> (public domain)'
)


SEAS = Markup(
    'Seas: © <a href="https://www.openstreetmap.org/copyright" target="_blank" '
    'rel="noopener">OpenStreetMap</a> contributors (ODbL)'
)


class SourceAttribution(VerbatimRender):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        if ({{ this._parent.get_name() }}.attributionControl) {
            {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.html }});
        }
        {% endmacro %}
        """
    )

    def __init__(
        self, source: str | None = None, extra: str | None = None, *, seas: bool = False
    ) -> None:
        """``seas``: the map names seas, whose points come from OpenStreetMap coastlines."""
        super().__init__()
        self._name = "SourceAttribution"
        parts = [GEONAMES, NATURAL_EARTH, *([SEAS] if seas else [])]
        if source:
            parts.append(Markup("Source: {}").format(source))
        if extra:
            parts.append(Markup("{}").format(extra))  # Markup passes through, str is escaped
        self.text = Markup(" | ").join(parts)
        self.html = js_json(str(self.text))
