"""Marks the map as fully drawn, for PNG export, browser tests and benchmarks.

Added last, so its script runs after every layer has been built and added; it also
fits the first view to the events once the controls exist (their size is known then).
"""

from __future__ import annotations

from folium.template import Template

from eventmap.maps._util import VerbatimRender, js_json


class ReadyFlag(VerbatimRender):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {% if this.bounds %}
        eventmap.fit({{ this._parent.get_name() }}, {{ this.bounds }}, {{ this.max_zoom }});
        {% endif %}
        eventmap.ready({{ this._parent.get_name()|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: list[list[float]] | None = None, max_zoom: int = 9) -> None:
        """``bounds``: fit the view to them first, clear of the controls (see em.fit)."""
        super().__init__()
        self._name = "ReadyFlag"
        self.bounds = js_json(bounds) if bounds else None
        self.max_zoom = int(max_zoom)
