"""Marks the map as fully drawn, for PNG export, browser tests and benchmarks.

Added last, so its script runs after every layer has been built and added.
"""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template


class ReadyFlag(MacroElement):
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
