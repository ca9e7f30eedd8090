"""One marker cluster shared by all event-type layers (when events are many).

A cluster per type stacks several numbered circles on every busy town and hides
one another; one shared cluster keeps a single count per place. Each type layer is
a sub-group that moves its markers into and out of this cluster when toggled (the
pattern of Leaflet.FeatureGroup.SubGroup, written out in the runtime). The cluster
icon shows the most frequent type's symbol, with a dashed ring when types mix.
"""

from __future__ import annotations

from folium.elements import JSCSSMixin
from folium.template import Template

from eventmap.maps._util import VerbatimRender, js_json
from eventmap.maps.style import NEUTRAL, symbol_svg

# Same version as the offline copy in xstatic-leaflet-markercluster, which
# export.save_html inlines in place of these links.
MARKERCLUSTER_JS = (
    "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.4.1/dist/leaflet.markercluster.js"
)
MARKERCLUSTER_CSS = (
    "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.4.1/dist/MarkerCluster.css"
)

CLUSTER_CSS = """
.em-cluster { background: none; border: none; }
.em-cluster div {
  position: relative; width: 40px; height: 40px; border-radius: 50%; box-sizing: border-box;
  background: rgba(255,255,255,.92); border: 3px solid rgba(60,60,60,.55);
  display: flex; align-items: center; justify-content: center;
}
.em-cluster div.em-mixed { border-style: dashed; }
.em-cluster svg { width: 26px; height: 26px; }
.em-cluster b {
  position: absolute; right: -10px; top: -8px; min-width: 16px; padding: 0 4px;
  border-radius: 9px; background: #222; color: #fff; text-align: center;
  font: 700 11px/16px system-ui, -apple-system, "Segoe UI", sans-serif;
}
"""


class EventCluster(JSCSSMixin, VerbatimRender):
    _template = Template(
        """
        {% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function (symbols) {
            var own = Object.prototype.hasOwnProperty;
            return L.markerClusterGroup({
                showCoverageOnHover: false,
                maxClusterRadius: 50,
                spiderfyOnMaxZoom: true,
                removeOutsideVisibleBounds: true,
                iconCreateFunction: function (cluster) {
                    var markers = cluster.getAllChildMarkers(), counts = {}, best = "", kinds = 0;
                    for (var i = 0; i < markers.length; i++) {
                        var t = String(markers[i].options.emType || "");
                        if (!own.call(counts, t)) { counts[t] = 0; kinds += 1; }
                        counts[t] += 1;
                        if (!own.call(counts, best) || counts[t] > counts[best]) { best = t; }
                    }
                    var sym = own.call(symbols, best) ? symbols[best] : symbols[""];
                    return L.divIcon({
                        html: "<div class=\\"" + (kinds > 1 ? "em-mixed" : "") + "\\">" + sym +
                              "<b>" + cluster.getChildCount() + "</b></div>",
                        className: "em-cluster", iconSize: [40, 40]
                    });
                }
            });
        })({{ this.symbols }}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, event_types: list[str]) -> None:
        super().__init__()
        self._name = "EventCluster"
        self.css = CLUSTER_CSS
        self.default_js = [("leaflet_markercluster", MARKERCLUSTER_JS)]
        self.default_css = [("leaflet_markercluster_css", MARKERCLUSTER_CSS)]
        symbols = {t: str(symbol_svg(t or None, NEUTRAL, 1)) for t in event_types}
        symbols.setdefault("", str(symbol_svg(None, NEUTRAL, 1)))
        self.symbols = js_json(symbols)
