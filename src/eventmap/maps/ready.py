"""Marks the map as fully drawn, for PNG export, browser tests and benchmarks.

Added last, so its script runs after every layer has been built and added.
"""

from __future__ import annotations

from folium.template import Template

from eventmap.maps._util import VerbatimRender


class ReadyFlag(VerbatimRender):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        eventmap.ready({{ this._parent.get_name()|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "ReadyFlag"
