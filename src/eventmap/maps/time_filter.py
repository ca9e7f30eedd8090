"""A date-range filter: two sliders over the events' dates, plain JavaScript.

Articles mix events from "on Saturday" with "last week" and "since November"; a
range filter lets a reader separate them. It keeps an event while its own date
range overlaps the chosen one, so week- or month-precise events are not dropped for
lacking a day. Undated events are always shown (and counted as such).
"""

from __future__ import annotations

from folium.template import Template

from eventmap.maps._events import day_label
from eventmap.maps._util import VerbatimRender

TIME_CSS = """
.em-time { min-width: 250px; }
.em-time label { display: grid; grid-template-columns: 34px 1fr; align-items: center; gap: 4px; }
.em-time input[type=range] { width: 100%; margin: 2px 0; }
.em-time output { display: block; font-variant-numeric: tabular-nums; }
"""

TIME_JS = r"""
(function (mapName, map, id, day0, span, total, live) {
  var root = document.getElementById(id);
  if (!root) { return; }
  window.eventmap.control(map, id, "bottomleft");
  var from = root.querySelector(".em-from"), to = root.querySelector(".em-to");
  var out = root.querySelector("output");
  function label(k) { return new Date((day0 + k) * 86400000).toISOString().slice(0, 10); }
  function update(apply, moved) {
    var a = +from.value, b = +to.value;
    if (a > b) { if (moved === from) { to.value = a; b = a; } else { from.value = b; a = b; } }
    var text = label(a) + " – " + label(b);
    if (apply) {
      var n = window.eventmap.filter(mapName, day0 + a, day0 + b);
      text += ": " + n + " of " + total + " events";
    }
    out.textContent = text;
  }
  [from, to].forEach(function (el) {
    el.addEventListener("input", function () { update(live, el); });
    el.addEventListener("change", function () { update(true, el); });
  });
  update(false);
  out.textContent += ": all " + total + " events";
})
"""


class TimeFilter(VerbatimRender):
    _template = Template(
        """
        {% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
        {% macro html(this, kwargs) %}
        <div id="{{ this.get_name() }}" class="em-box em-time" style="display:none">
          <h2>Dates</h2>
          <label>From <input type="range" class="em-from" min="0" max="{{ this.span }}"
                 value="0" step="1" aria-label="From date"></label>
          <label>To <input type="range" class="em-to" min="0" max="{{ this.span }}"
                 value="{{ this.span }}" step="1" aria-label="To date"></label>
          <output>{{ this.first }} – {{ this.last }}</output>
        </div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        {{ this.js }}({{ this._parent.get_name()|tojson }}, {{ this._parent.get_name() }},
            {{ this.get_name()|tojson }}, {{ this.day0 }}, {{ this.span }}, {{ this.total }},
            {{ this.live|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, first_day: int, last_day: int, total: int, *, live: bool = True) -> None:
        super().__init__()
        self._name = "TimeFilter"
        self.css = TIME_CSS
        self.js = TIME_JS.strip()
        self.day0 = int(first_day)
        self.span = max(int(last_day) - int(first_day), 0)
        self.total = int(total)
        self.live = live
        self.first, self.last = day_label(first_day), day_label(last_day)
