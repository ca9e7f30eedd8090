"""The online base map: folium's TileLayer, rendered deterministically.

Tiles are optional decoration: offline they fail quietly (ContextLayer hides broken
tiles) and the Natural Earth outlines underneath show through.
"""

from __future__ import annotations

from folium.raster_layers import TileLayer

from eventmap.maps._util import VerbatimRender


class EventmapTileLayer(TileLayer, VerbatimRender):
    """A TileLayer whose re-renders give identical bytes (see VerbatimRender)."""
