"""Annotated, offline-capable folium maps of events: see :func:`event_map`.

One element per module (markers, layers, legend, title, time filter, context...),
each a folium/branca MacroElement with its own template.
"""

from eventmap.maps.builder import event_map

__all__ = ["event_map"]
