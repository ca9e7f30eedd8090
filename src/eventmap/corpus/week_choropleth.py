"""Events per governorate and week, as a choropleth that follows the map's date filter.

Beyond ~10,000 events markers stop telling a story, even clustered; counts per admin1
and week do. This layer shades the offline governorate outlines the event map already
carries (``AdminAreas``) by the number of events in the weeks the date filter selects,
recomputed in the browser whenever the filter moves. It adds no outlines of its own.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pandas as pd
from folium.map import FeatureGroup
from folium.template import Template

from eventmap.maps._util import VerbatimRender, js_json
from eventmap.maps.admin_summary import CHOROPLETH_COLOURS

WEEK_JS = r"""
(function (mapName, map, group, areas, weeks, colours) {
  var em = window.eventmap, layers = [];
  function total(code, from, to) {
    var n = 0, w = weeks[code];
    for (var i = 0; i < w.length; i++) {
      if (w[i][0] + 6 >= from && w[i][0] <= to) { n += w[i][1]; }
    }
    return n;
  }
  L.geoJSON(areas, {
    filter: function (f) { return Object.prototype.hasOwnProperty.call(weeks, f.properties.c); },
    onEachFeature: function (f, layer) { layers.push([f.properties, layer]); }
  }).addTo(group);
  function restyle(from, to) {
    var counts = layers.map(function (it) { return total(it[0].c, from, to); });
    var top = Math.max.apply(null, counts.concat([1]));
    layers.forEach(function (it, k) {
      var n = counts[k], cls = n ? Math.min(colours.length - 1,
                                            Math.floor((colours.length * (n - 1)) / top)) : -1;
      it[1].setStyle({ color: "#5a5a5a", weight: 0.8, fillOpacity: n ? 0.55 : 0.08,
                       fillColor: n ? colours[cls] : "#dddddd", className: "em-week-choropleth" });
      var tip = document.createElement("span");
      tip.textContent = it[0].n + ": " + n + " event" + (n === 1 ? "" : "s") +
                        " in the selected weeks";
      it[1].bindTooltip(tip, { sticky: true });
    });
  }
  var filter = em.filter;
  em.filter = function (name, from, to) {
    var shown = filter.apply(this, arguments);
    if (name === mapName) { restyle(from, to); }
    return shown;
  };
  restyle(-Infinity, Infinity);
})
"""


class WeekChoropleth(FeatureGroup, VerbatimRender):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.featureGroup();
        {{ this.js }}({{ this._parent.get_name()|tojson }}, {{ this._parent.get_name() }},
            {{ this.get_name() }}, {{ this.areas.get_name() }}_data, {{ this.weeks }},
            {{ this.colours }});
        {% endmacro %}
        """
    )

    def __init__(self, areas: Any, weeks: dict[str, list[list[int]]], *, show: bool) -> None:
        super().__init__(name="Events per governorate and week", overlay=True, show=show)
        self._name = "WeekChoropleth"
        self.areas = areas
        self.js = WEEK_JS.strip()
        self.weeks = js_json(weeks)
        self.colours = js_json(list(CHOROPLETH_COLOURS))


def week_counts(frame: pd.DataFrame, codes: list[str | None]) -> dict[str, list[list[int]]]:
    """{division code: [[first day of the week (days since 1970-01-01), events], ...]}."""
    out: dict[str, Counter[int]] = {}
    add_week_counts(out, frame, codes)
    return {c: [[w, n] for w, n in sorted(weeks.items())] for c, weeks in sorted(out.items())}


def add_week_counts(
    totals: dict[str, Counter[int]], frame: pd.DataFrame, codes: list[str | None]
) -> None:
    """Adds a chunk's events to ``totals`` ({code: {Monday: events}}): a big run's events
    are counted a month at a time."""
    days = pd.to_datetime(frame["event_date"], errors="coerce")
    ok = days.notna().to_numpy() & np.array([c is not None for c in codes], dtype=bool)
    day = days[ok].to_numpy().astype("datetime64[D]").astype(np.int64)
    monday = day - (day + 3) % 7  # 1970-01-01 was a Thursday
    for code, week in zip(np.asarray(codes, dtype=object)[ok], monday, strict=True):
        totals.setdefault(code, Counter())[int(week)] += 1
