"""The small JavaScript runtime every eventmap element relies on.

Markers register themselves (layer group + date range) with ``window.eventmap`` so
that the time filter can hide them, the page can report when it is fully drawn
(``window.__eventmapReady``, used by PNG export, tests and benchmarks) and custom
Leaflet controls can be built from HTML already present in the page. Plain ES5, no
library, no network: the map must work from a file on a disconnected laptop.
"""

from __future__ import annotations

from importlib import resources

from folium.template import Template

from eventmap.maps._util import VerbatimRender
from eventmap.maps.style import MARKER_CSS

_ASSETS = resources.files("eventmap.maps") / "assets"
# Kept in their own files so that editors, linters and diffs see them as JavaScript and CSS.
RUNTIME_JS = (_ASSETS / "runtime.js").read_text(encoding="utf-8")
CONTROL_CSS = (_ASSETS / "controls.css").read_text(encoding="utf-8")


class EventmapRuntime(VerbatimRender):
    """Adds the runtime script and the shared CSS once to the page header."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        <script>{{ this.js }}</script>
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "EventmapRuntime"
        self.css = MARKER_CSS + CONTROL_CSS
        self.js = RUNTIME_JS
