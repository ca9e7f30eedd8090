"""eventmap: news articles about armed conflict -> geocoded ACLED-style events -> folium maps.

The data flows one way: gazetteer -> geoparse -> events -> join -> maps/export.
"""

__version__ = "0.1.0"
