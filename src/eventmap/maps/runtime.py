"""The small JavaScript runtime every eventmap element relies on.

Markers register themselves (layer group + date range) with ``window.eventmap`` so
that the time filter can hide them, the page can report when it is fully drawn
(``window.__eventmapReady``, used by PNG export, tests and benchmarks) and custom
Leaflet controls can be built from HTML already present in the page. Plain ES5, no
library, no network: the map must work from a file on a disconnected laptop.
"""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from eventmap.maps.style import MARKER_CSS

RUNTIME_JS = r"""
(function () {
  if (window.eventmap) { return; }
  var em = { maps: {} };
  window.eventmap = em;

  em.state = function (mapName) {
    var st = em.maps[mapName];
    if (!st) { st = em.maps[mapName] = { entries: [], ready: false, range: null, shown: null }; }
    return st;
  };

  // A Leaflet control whose content is an element already rendered in the page.
  em.control = function (map, elementId, position, first) {
    var el = document.getElementById(elementId);
    if (!el) { return null; }
    var Ctl = L.Control.extend({ onAdd: function () { return el; } });
    var ctl = new Ctl({ position: position }).addTo(map);
    el.style.display = "";
    L.DomEvent.disableClickPropagation(el);
    L.DomEvent.disableScrollPropagation(el);
    if (first && el.parentNode && el.parentNode.firstChild !== el) {
      el.parentNode.insertBefore(el, el.parentNode.firstChild);
    }
    return ctl;
  };

  em.register = function (mapName, group, marker, start, end) {
    em.state(mapName).entries.push({ m: marker, g: group, s: start, e: end });
  };

  // One event marker; o = {ll, html, popup, tip, a, s, e}, strings already escaped.
  em.marker = function (mapName, group, o) {
    var icon = L.divIcon({
      html: o.html, className: "em-marker", iconSize: [2 * o.a, 2 * o.a],
      iconAnchor: [o.a, o.a], popupAnchor: [0, 4 - o.a]
    });
    var marker = L.marker(o.ll, { icon: icon, keyboard: true, riseOnHover: true });
    marker.bindPopup(o.popup, { maxWidth: 340, minWidth: 240, autoPanPadding: [30, 30] });
    marker.bindTooltip(o.tip, { direction: "top", offset: [0, 2 - o.a] });
    group.addLayer(marker);
    em.register(mapName, group, marker, o.s, o.e);
    return marker;
  };

  // Show only events whose [start, end] overlaps [from, to] (days since 1970-01-01);
  // undated events stay visible. Returns the number of events shown.
  em.filter = function (mapName, from, to) {
    var st = em.state(mapName), groups = [], items = [], shown = 0;
    st.range = [from, to];
    for (var i = 0; i < st.entries.length; i++) {
      var en = st.entries[i];
      var visible = en.s === null || en.s === undefined || (en.e >= from && en.s <= to);
      if (visible) { shown += 1; }
      var k = groups.indexOf(en.g);
      if (k < 0) { k = groups.push(en.g) - 1; items.push([]); }
      items[k].push([en.m, visible]);
    }
    groups.forEach(function (g, k) {
      if (g.addLayers) {  // markercluster: rebuilding in bulk beats one-by-one
        g.clearLayers();
        g.addLayers(items[k].filter(function (it) { return it[1]; })
                            .map(function (it) { return it[0]; }));
      } else {
        items[k].forEach(function (it) {
          var has = g.hasLayer(it[0]);
          if (it[1] && !has) { g.addLayer(it[0]); } else if (!it[1] && has) { g.removeLayer(it[0]); }
        });
      }
    });
    st.shown = shown;
    return shown;
  };

  em.ready = function (mapName) {
    var st = em.state(mapName);
    st.ready = true;
    window.__eventmapReady = true;
    document.documentElement.setAttribute("data-eventmap-ready", "1");
  };
})();
"""

CONTROL_CSS = """
.em-box {
  background: rgba(255,255,255,.94); border-radius: 6px; box-shadow: 0 1px 5px rgba(0,0,0,.35);
  padding: 8px 10px; font: 12px/1.35 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: #1b1b1b; max-width: 360px;
}
.em-box h1, .em-box h2 { margin: 0 0 4px; font-size: 15px; line-height: 1.25; }
.em-box h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: #444; }
.em-box p { margin: 2px 0; }
.em-box .em-muted { color: #555; }
"""


class EventmapRuntime(MacroElement):
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
