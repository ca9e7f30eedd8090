"""The small JavaScript runtime every eventmap element relies on.

Markers register themselves (layer group + date range) with ``window.eventmap`` so
that the time filter can hide them, the page can report when it is fully drawn
(``window.__eventmapReady``, used by PNG export, tests and benchmarks) and custom
Leaflet controls can be built from HTML already present in the page. Plain ES5, no
library, no network: the map must work from a file on a disconnected laptop.
"""

from __future__ import annotations

from folium.template import Template

from eventmap.maps._util import VerbatimRender
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

  // A layer-control entry whose markers live in a shared parent (marker cluster):
  // adding the sub-group to the map adds its markers to the parent, and so on.
  em.SubGroup = L.FeatureGroup.extend({
    initialize: function (parent) {
      L.FeatureGroup.prototype.initialize.call(this, []);
      this._parentGroup = parent;
    },
    addLayer: function (layer) {
      var map = this._map;
      this._map = null;
      L.FeatureGroup.prototype.addLayer.call(this, layer);
      this._map = map;
      if (map) { this._parentGroup.addLayer(layer); }
      return this;
    },
    removeLayer: function (layer) {
      if (!this.hasLayer(layer)) { return this; }
      var map = this._map;
      this._map = null;
      L.FeatureGroup.prototype.removeLayer.call(this, layer);
      this._map = map;
      if (map) { this._parentGroup.removeLayer(layer); }
      return this;
    },
    addLayers: function (layers) {
      var map = this._map;
      this._map = null;
      for (var i = 0; i < layers.length; i++) {
        L.FeatureGroup.prototype.addLayer.call(this, layers[i]);
      }
      this._map = map;
      if (map) { this._parentGroup.addLayers(layers); }
      return this;
    },
    clearLayers: function () {
      var layers = this.getLayers();
      if (this._map) { this._parentGroup.removeLayers(layers); }
      for (var i = 0; i < layers.length; i++) { layers[i].removeEventParent(this); }
      this._layers = {};
      return this;
    },
    onAdd: function (map) { this._map = map; this._parentGroup.addLayers(this.getLayers()); },
    onRemove: function () { this._parentGroup.removeLayers(this.getLayers()); this._map = null; }
  });

  // Keep opened popups clear of the title box (top left) and layer list (top right).
  em.popupOptions = {
    maxWidth: 340, minWidth: 240,
    autoPanPaddingTopLeft: [30, 190], autoPanPaddingBottomRight: [30, 30]
  };

  em.register = function (mapName, group, marker, start, end) {
    em.state(mapName).entries.push({ m: marker, g: group, s: start, e: end });
  };

  // One event marker; o = {ll, t, html, popup, tip, a, s, e}, strings already escaped.
  em.marker = function (mapName, group, o) {
    var icon = L.divIcon({
      html: o.html, className: "em-marker", iconSize: [2 * o.a, 2 * o.a],
      iconAnchor: [o.a, o.a], popupAnchor: [0, 4 - o.a]
    });
    var marker = L.marker(o.ll, { icon: icon, keyboard: true, riseOnHover: true, emType: o.t });
    marker.bindPopup(o.popup, em.popupOptions);
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
          if (it[1] && !has) { g.addLayer(it[0]); }
          else if (!it[1] && has) { g.removeLayer(it[0]); }
        });
      }
    });
    st.shown = shown;
    return shown;
  };

  // Ready once the last script ran (ready) and asynchronous work (hold) finished.
  function settle(st) {
    if (!st.requested || st.pending > 0 || st.ready) { return; }
    st.ready = true;
    window.__eventmapReady = true;
    document.documentElement.setAttribute("data-eventmap-ready", "1");
  }
  em.hold = function (mapName) { var st = em.state(mapName); st.pending = (st.pending || 0) + 1; };
  em.release = function (mapName) { var st = em.state(mapName); st.pending -= 1; settle(st); };
  em.ready = function (mapName) { var st = em.state(mapName); st.requested = true; settle(st); };
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
.leaflet-container .leaflet-control-layers { font-size: 12.5px; }
.leaflet-container .leaflet-control-attribution { font-size: 10.5px; max-width: 62vw; }
.em-layer-sym svg { width: 18px; height: 18px; vertical-align: -4px; }
"""


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
