"""Light mode: many events as one compact data element instead of one element each.

At 100k events a folium element per marker means minutes of Jinja and hundreds of
megabytes of HTML. Here the events travel as columns (coordinates as integers of
1e-4 degree, strings deduplicated into one table and referenced by index, dates as
day offsets), the symbols once per (type, side, precision) combination, and the
browser builds the markers into the per-type cluster layers. Popups are built only
when opened, with DOM ``textContent`` so that article text can never become markup.
"""

from __future__ import annotations

import base64
import zlib
from typing import Any

import numpy as np
import pandas as pd
from folium.template import Template

from eventmap.maps._util import VerbatimRender, as_bool, js_json, map_unique, text_series
from eventmap.maps.event_marker import map_name
from eventmap.maps.style import ICON_ANCHOR, SIDE_COLOURS, SIDE_LABELS, icon_html
from eventmap.schema import GEO_PRECISION_LABELS, TIME_PRECISION_LABELS

BATCH_JS = r"""
(function (mapName, map, groups, payload) {
  var em = window.eventmap;

  function build(d) {
    var S = d.str, icons = {}, lists = groups.map(function () { return []; });
    // Icons are shared per symbol; the event id goes onto each drawn icon's element
    // (setAttribute: never parsed as HTML), only when it is actually drawn.
    var EventMarker = L.Marker.extend({
      _initIcon: function () {
        L.Marker.prototype._initIcon.call(this);
        var el = this._icon && this._icon.firstChild, k = d.id[this.options.emIndex];
        if (el && el.setAttribute && k >= 0) { el.setAttribute("data-event-id", S[k]); }
      }
    });
    for (var i = 0; i < d.n; i++) {
      var key = d.k[i];
      var icon = icons[key] || (icons[key] = L.divIcon({
        html: d.icons[key], className: "em-marker", iconSize: [2 * d.a, 2 * d.a],
        iconAnchor: [d.a, d.a], popupAnchor: [0, 4 - d.a] }));
      var m = new EventMarker([d.lat[i] / 1e4, d.lon[i] / 1e4],
                              { icon: icon, emIndex: i, emType: d.types[d.g[i]] });
      lists[d.g[i]].push(m);
      var s = d.sd[i] < 0 ? null : d.day0 + d.sd[i];
      em.register(mapName, groups[d.g[i]], m, s, s === null ? null : d.day0 + d.ed[i]);
    }
    function str(k) { return k < 0 ? null : S[k]; }
    function day(k) { return new Date(k * 86400000).toISOString().slice(0, 10); }
    function node(tag, cls, txt, parent) {
      var el = document.createElement(tag);
      if (cls) { el.className = cls; }
      if (txt !== null && txt !== undefined) { el.textContent = txt; }
      if (parent) { parent.appendChild(el); }
      return el;
    }
    function written(txt, parent) {
      node("br", null, null, parent);
      node("span", "em-as-written", txt, parent);
    }
    // Built with textContent only: article text can never become markup here.
    function popup(i) {
      var root = node("div", "em-popup"), dl, dd, a, b, loc;
      node("div", "em-bar", null, root).style.background = d.colours[d.s1[i]];
      node("h4", null, str(d.st[i]) || str(d.t[i]), root);
      node("div", "em-kind", str(d.t[i]), root);
      dl = node("dl", null, null, root);
      function row(label) { node("dt", null, label, dl); return node("dd", null, null, dl); }
      if (d.sd[i] >= 0) {
        a = day(d.day0 + d.sd[i]);
        b = day(d.day0 + d.ed[i]);
        dd = row("Date");
        node("span", null, (a === b ? a : a + " – " + b) +
             (d.tp[i] >= 0 ? " (precision: " + d.tpl[d.tp[i]] + ")" : ""), dd);
        if (d.dt[i] >= 0) { written("as written: “" + str(d.dt[i]) + "”", dd); }
      }
      if (d.a1[i] >= 0) {
        dd = row("Actors");
        node("span", null, str(d.a1[i]), dd);
        node("span", "em-as-written", " [" + d.sides[d.s1[i]] + "]", dd);
        if (d.a2[i] >= 0) {
          node("br", null, null, dd);
          node("span", null, "vs " + str(d.a2[i]), dd);
          if (d.s2[i] >= 0) { node("span", "em-as-written", " [" + d.sides[d.s2[i]] + "]", dd); }
        }
      }
      if (d.f[i] !== null || d.ft[i] >= 0) {
        dd = row("Fatalities");
        node("span", null, (d.f[i] === null ? "—" : d.f[i]) + " coded" +
             (d.ft[i] >= 0 ? "; reported as “" + str(d.ft[i]) + "”" : ""), dd);
      }
      dd = row("Claimed by");
      node("span", null, (str(d.cb[i]) || "not attributed") + " ", dd);
      if (d.v[i] === 1) { node("span", "em-badge em-ok", "verified", dd); }
      else { node("span", "em-badge", "unverified", dd); }
      if (d.lt[i] >= 0 || d.lc[i] >= 0) {
        dd = row("Location");
        loc = d.lt[i] >= 0 ? "“" + str(d.lt[i]) + "”" : "";
        if (d.lc[i] >= 0) { loc += (loc ? " → " : "") + str(d.lc[i]); }
        node("span", null, loc, dd);
        written("geo precision " + d.p[i] + ": " + d.pl[d.p[i]], dd);
      }
      if (d.sc[i] >= 0) { node("span", null, str(d.sc[i]), row("Source")); }
      if (d.q[i] >= 0) { node("blockquote", null, str(d.q[i]), root); }
      if (d.id[i] >= 0) { node("div", "em-id", "event " + str(d.id[i]), root); }
      return root;
    }
    function tip(i) {
      var parts = [];
      if (d.sd[i] >= 0) { parts.push(day(d.day0 + d.sd[i])); }
      if (d.st[i] >= 0) { parts.push(str(d.st[i])); }
      if (d.lc[i] >= 0) {
        parts.push(str(d.lc[i]) + (d.p[i] === 3 ? " (province-level, approximate)" : ""));
      }
      return parts.join(" · ");
    }
    var shared = L.popup(em.popupOptions);
    groups.forEach(function (g, k) {
      g.on("click", function (e) {
        var i = e.layer.options.emIndex;
        if (i === undefined) { return; }
        shared.setLatLng(e.layer.getLatLng()).setContent(popup(i)).openOn(map);
      });
      g.on("mouseover", function (e) {
        var m = e.layer;
        if (m.options.emIndex === undefined || m.getTooltip()) { return; }
        var t = document.createElement("span");
        t.textContent = tip(m.options.emIndex);
        m.bindTooltip(t, { direction: "top", offset: [0, 2 - d.a] }).openTooltip();
      });
      if (g.addLayers) { g.addLayers(lists[k]); }
      else { lists[k].forEach(function (m) { g.addLayer(m); }); }
    });
  }

  if (typeof payload !== "string") { build(payload); return; }
  // Large maps ship their data deflate-compressed (base64): inflate, then build.
  em.hold(mapName);
  var bytes = Uint8Array.from(atob(payload), function (c) { return c.charCodeAt(0); });
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
  new Response(stream).text().then(function (txt) {
    build(JSON.parse(txt));
    em.release(mapName);
  });
})
"""


class EventBatch(VerbatimRender):
    """All events of a light-mode map, filled into the given per-type layers.

    Data above ``compress_above`` bytes of JSON is deflated and base64-encoded: the
    synthetic 100k-event table shrinks from ~21 MB to ~4 MB and the browser inflates
    it natively (DecompressionStream) in well under a second.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.js }}({{ this.map_js_name|tojson }}, {{ this.map_js_name }},
            [{{ this.group_names }}], {{ this.data }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        frame: pd.DataFrame,
        groups: list[Any],
        group_of_type: dict[str, int],
        *,
        compress_above: int = 4_000_000,
    ) -> None:
        super().__init__()
        self._name = "EventBatch"
        self.groups = groups
        self.js = BATCH_JS.strip()
        data = js_json(_encode(frame, group_of_type))
        if len(data) > compress_above:
            packed = base64.b64encode(zlib.compress(str(data).encode("utf-8"), 3))
            data = js_json(packed.decode("ascii"))
        self.data = data
        self.compressed = not data.startswith("{")
        self.map_js_name = ""
        self.group_names = ""

    def render(self, **kwargs: Any) -> None:
        self.map_js_name = map_name(self)
        self.group_names = ", ".join(g.get_name() for g in self.groups)
        super().render(**kwargs)


class _Strings:
    """One table of distinct strings for all text columns; -1 stands for missing."""

    def __init__(self) -> None:
        self.table: list[str] = []
        self.index: dict[str, int] = {}

    def codes(self, values: pd.Series) -> list[int]:
        as_text = values.astype("object").where(values.notna(), None)
        codes, uniques = pd.factorize(as_text, use_na_sentinel=True)
        mapping = np.full(len(uniques) + 1, -1, dtype=np.int64)
        for j, value in enumerate(uniques):
            value = str(value).strip()
            if not value or value.lower() == "nan":
                continue
            k = self.index.get(value)
            if k is None:
                k = self.index[value] = len(self.table)
                self.table.append(value)
            mapping[j] = k
        return mapping[codes].tolist()  # code -1 picks the trailing -1


def _encode(frame: pd.DataFrame, group_of_type: dict[str, int]) -> dict[str, Any]:
    n = len(frame)
    strings = _Strings()
    sides = list(SIDE_COLOURS)
    side_index = {s: k for k, s in enumerate(sides)}
    side1 = text_series(frame["actor1_side"])
    side1 = side1.where(side1.isin(sides), "unknown")
    side1_code = side1.map(side_index).astype(int).to_numpy()
    side2_code = text_series(frame["actor2_side"]).map(side_index).fillna(-1).astype(int)
    prec = frame["_prec"].astype(int).to_numpy()
    etype = text_series(frame["event_type"]).fillna("")
    # icon keys: one symbol per (type, side, precision) that occurs
    combo = etype.astype(str) + "|" + side1.astype(str) + "|" + prec.astype(str)
    combo_codes, combo_uniques = pd.factorize(combo)
    icons = []
    for value in combo_uniques:
        t, s, p = value.split("|")
        icons.append(str(icon_html(t or None, s, int(p))))
    start, end = frame["_start"].to_numpy(), frame["_end"].to_numpy()
    dated = ~np.isnan(start)
    day0 = int(np.nanmin(start)) if dated.any() else 0
    sd = np.where(dated, start - day0, -1).astype(np.int64)
    ed = np.where(dated, end - day0, -1).astype(np.int64)
    fat = pd.to_numeric(frame["fatalities"], errors="coerce")
    verified = map_unique(frame["verified"], lambda v: 1 if as_bool(v) else 0).astype(int)
    tp = pd.to_numeric(frame["time_precision"], errors="coerce").fillna(-1).astype(int)
    coded_loc = _join_columns(frame, ("location", "admin1", "country"))
    chain = text_series(frame["source_chain"])
    chain = chain.where(chain.notna(), text_series(frame["source"]))
    ids = frame["event_id"].where(frame["event_id"].notna(), frame["event_id_cnty"])
    return {
        "n": n,
        "a": ICON_ANCHOR,
        "day0": day0,
        "icons": icons,
        "colours": [SIDE_COLOURS[s] for s in sides],
        "sides": [SIDE_LABELS[s] for s in sides],
        "pl": {str(k): v for k, v in GEO_PRECISION_LABELS.items()},
        "tpl": {str(k): v for k, v in TIME_PRECISION_LABELS.items()},
        "lat": np.round(frame["_lat"].to_numpy() * 1e4).astype(np.int64).tolist(),
        "lon": np.round(frame["_lon"].to_numpy() * 1e4).astype(np.int64).tolist(),
        "k": combo_codes.tolist(),
        "types": sorted(group_of_type, key=group_of_type.__getitem__),
        "g": etype.map(group_of_type).fillna(group_of_type.get("", 0)).astype(int).tolist(),
        "sd": sd.tolist(),
        "ed": ed.tolist(),
        "tp": tp.tolist(),
        "p": prec.tolist(),
        "s1": side1_code.tolist(),
        "s2": side2_code.tolist(),
        "f": [None if np.isnan(x) else int(x) for x in fat.to_numpy(dtype=float)],
        "v": verified.tolist(),
        "t": strings.codes(frame["event_type"]),
        "st": strings.codes(frame["sub_event_type"]),
        "a1": strings.codes(frame["actor1"].where(frame["actor1"].notna(), frame["actor1_text"])),
        "a2": strings.codes(frame["actor2"].where(frame["actor2"].notna(), frame["actor2_text"])),
        "dt": strings.codes(frame["date_text"]),
        "ft": strings.codes(frame["fatalities_text"]),
        "cb": strings.codes(frame["claimed_by"]),
        "lt": strings.codes(frame["location_text"]),
        "lc": strings.codes(coded_loc),
        "sc": strings.codes(chain),
        "q": strings.codes(frame["quote"]),
        "id": strings.codes(ids),
        "str": strings.table,
    }


def _join_columns(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.Series:
    """'location, admin1, country' per row, without repeats, computed per distinct triple."""
    key = text_series(frame[columns[0]]).fillna("")
    for column in columns[1:]:
        key = key + "\x1f" + text_series(frame[column]).fillna("")

    def join(value: str) -> str | None:
        return ", ".join(dict.fromkeys(p for p in value.split("\x1f") if p)) or None

    return map_unique(key, join)
