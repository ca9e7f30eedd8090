"""One toggleable layer per ACLED event type.

A layer per type lets a reader switch off, say, strategic developments and see only
violence. When events are clustered the layer is a sub-group of the shared
EventCluster: toggling it moves its markers into or out of the cluster.
"""

from __future__ import annotations

from typing import Any

from folium.map import FeatureGroup
from folium.template import Template

from eventmap.maps._util import VerbatimRender


class EventTypeLayer(FeatureGroup, VerbatimRender):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {% if this.cluster %}
        var {{ this.get_name() }} = new eventmap.SubGroup({{ this.cluster.get_name() }});
        {% else %}
        var {{ this.get_name() }} = L.featureGroup([]);
        {% endif %}
        {% endmacro %}
        """
    )

    def __init__(
        self, event_type: str, label: str, *, cluster: Any = None, show: bool = True
    ) -> None:
        """``cluster`` is the map's EventCluster element, or None for plain markers."""
        super().__init__(name=label, overlay=True, control=True, show=show)
        self._name = "EventTypeLayer"
        self.event_type = event_type
        self.cluster = cluster
