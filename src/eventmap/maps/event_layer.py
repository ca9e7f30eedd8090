"""One toggleable layer per ACLED event type, clustered when events are many.

A layer per type lets a reader switch off, say, strategic developments and see only
violence. Above the cluster threshold each layer is a Leaflet.markercluster group
whose cluster icon repeats the type's symbol, so clusters of different types stay
distinguishable instead of merging into anonymous numbered blobs.
"""

from __future__ import annotations

from folium.elements import JSCSSMixin
from folium.map import FeatureGroup
from folium.template import Template

from eventmap.maps._util import js_json
from eventmap.maps.style import NEUTRAL, symbol_svg

# Same version as the offline copy in xstatic-leaflet-markercluster, which
# export.save_html inlines in place of these links.
MARKERCLUSTER_JS = "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.4.1/dist/leaflet.markercluster.js"
MARKERCLUSTER_CSS = "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.4.1/dist/MarkerCluster.css"

CLUSTER_CSS = """
.em-cluster { background: none; border: none; }
.em-cluster div {
  position: relative; width: 40px; height: 40px; border-radius: 50%;
  background: rgba(255,255,255,.9); box-shadow: 0 0 0 3px rgba(60,60,60,.35);
  display: flex; align-items: center; justify-content: center;
}
.em-cluster svg { width: 26px; height: 26px; }
.em-cluster b {
  position: absolute; right: -8px; top: -6px; min-width: 16px; padding: 0 4px;
  border-radius: 9px; background: #222; color: #fff; text-align: center;
  font: 700 11px/16px system-ui, -apple-system, "Segoe UI", sans-serif;
}
"""


class EventTypeLayer(JSCSSMixin, FeatureGroup):
    """A FeatureGroup (or MarkerClusterGroup) holding the events of one type."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        {% if this.cluster %}<style>{{ this.cluster_css }}</style>{% endif %}
        {% endmacro %}
        {% macro script(this, kwargs) %}
        {% if this.cluster %}
        var {{ this.get_name() }} = L.markerClusterGroup({
            showCoverageOnHover: false,
            maxClusterRadius: 50,
            spiderfyOnMaxZoom: true,
            removeOutsideVisibleBounds: true,
            iconCreateFunction: function (cluster) {
                return L.divIcon({
                    html: "<div>" + {{ this.cluster_symbol }} + "<b>" +
                          cluster.getChildCount() + "</b></div>",
                    className: "em-cluster", iconSize: [40, 40]
                });
            }
        });
        {% else %}
        var {{ this.get_name() }} = L.featureGroup({});
        {% endif %}
        {% endmacro %}
        """
    )

    def __init__(self, event_type: str, label: str, *, cluster: bool, show: bool = True) -> None:
        super().__init__(name=label, overlay=True, control=True, show=show)
        self._name = "EventTypeLayer"
        self.event_type = event_type
        self.cluster = cluster
        self.cluster_css = CLUSTER_CSS
        self.cluster_symbol = js_json(str(symbol_svg(event_type, NEUTRAL, 1)))
        # Instance attributes so that unclustered maps do not pull in markercluster.
        self.default_js = [("leaflet_markercluster", MARKERCLUSTER_JS)] if cluster else []
        self.default_css = [("leaflet_markercluster_css", MARKERCLUSTER_CSS)] if cluster else []
