
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

  // One event marker; o = {ll, t, html, popup, tip, a, s, e, r, area, c}, strings escaped.
  // r: uncertainty radius in metres (precision 2), drawn while the marker is shown;
  // area: ISO 3166-2 code of the province a province-level event stands for (hatched).
  em.marker = function (mapName, group, o) {
    var icon = L.divIcon({
      html: o.html, className: "em-marker", iconSize: [2 * o.a, 2 * o.a],
      iconAnchor: [o.a, o.a], popupAnchor: [0, 4 - o.a]
    });
    var marker = L.marker(o.ll, { icon: icon, keyboard: true, riseOnHover: true, emType: o.t });
    marker.bindPopup(o.popup, em.popupOptions);
    marker.bindTooltip(o.tip, { direction: "top", offset: [0, 2 - o.a] });
    if (o.r || o.area) {
      var circle = null;
      marker.on("add", function () {
        var map = marker._map;
        if (o.r) {
          circle = circle || L.circle(o.ll, {
            radius: o.r, color: o.c, weight: 1.5, dashArray: "5 4", fillColor: o.c,
            fillOpacity: 0.07, interactive: false, className: "em-radius"
          });
          circle.addTo(map);
        }
        if (o.area) { em.area(map, o.area, o.c, 1); }
      });
      marker.on("remove", function () {
        var map = window[mapName];
        if (circle && map) { map.removeLayer(circle); }
        if (o.area && map) { em.area(map, o.area, o.c, -1); }
      });
    }
    group.addLayer(marker);
    em.register(mapName, group, marker, o.s, o.e);
    return marker;
  };

  // Province outlines by ISO code (set by the governorates layer) and the hatched
  // areas drawn for province-level events, counted so two events share one area.
  em.areas = function (map, features) {
    var st = map._emAreas || (map._emAreas = { features: {}, shown: {} });
    (features || []).forEach(function (f) { st.features[f.properties.c] = f; });
    if (!map.getPane("emAreas")) { map.createPane("emAreas").style.zIndex = 405; }
    map.getPane("emAreas").style.pointerEvents = "none";
    return st;
  };
  em.area = function (map, code, colour, delta) {
    var st = em.areas(map), key = code + colour, a = st.shown[key];
    if (!a) {
      var f = st.features[code];
      if (!f) { return; }
      a = st.shown[key] = { n: 0, layer: L.geoJSON(f, {
        pane: "emAreas", interactive: false,
        style: { color: colour, weight: 2, opacity: 0.9, dashArray: "6 4",
                 fillColor: "url(#em-hatch-" + colour.slice(1) + ")", fillOpacity: 1,
                 className: "em-province em-province-" + code } }) };
    }
    a.n += delta;
    if (a.n > 0 && !map.hasLayer(a.layer)) { map.addLayer(a.layer); }
    if (a.n <= 0 && map.hasLayer(a.layer)) { map.removeLayer(a.layer); }
  };

  // ---- place names, placed without collisions on every zoom and pan ------------------
  // rank: 0 event locations, 1 countries, 2 provinces, 3 towns (lower wins a conflict).
  // kind "point" labels sit beside their point (8 candidate positions), "area" labels
  // are centred on it. Event symbols and the map's controls are obstacles.
  em.labels = function (map) {
    if (!map._emLabels) {
      map._emLabels = { items: [] };
      var pane = map.createPane("emLabels");
      pane.style.zIndex = 450;
      pane.style.pointerEvents = "none";
      map.on("zoomend moveend resize overlayadd overlayremove layeradd", function () {
        em.scheduleLayout(map);
      });
    }
    return map._emLabels;
  };
  em.label = function (map, o, group) {
    // o = {ll, html, rank, cls, kind, gap}
    var st = em.labels(map);
    var dot = o.kind === "town" ? '<i class="em-town-dot"></i>' : "";
    var marker = L.marker(o.ll, {
      pane: "emLabels", interactive: false, keyboard: false,
      icon: L.divIcon({ className: "em-label " + (o.cls || ""), iconSize: [0, 0],
                        html: dot + '<span class="em-label-text">' + o.html + "</span>" })
    });
    st.items.push({ m: marker, rank: o.rank, kind: o.kind || "area", gap: o.gap || 0,
                    ll: L.latLng(o.ll), w: 0, h: 0, i: st.items.length });
    (group || map).addLayer(marker);
    return marker;
  };
  em.scheduleLayout = function (map) {
    if (map._emLayoutPending) { return; }
    map._emLayoutPending = true;
    setTimeout(function () { map._emLayoutPending = false; em.layout(map); }, 0);
  };
  var SIDES = [[1, 0], [-1, 0], [0, -1], [0, 1], [1, -1], [1, 1], [-1, -1], [-1, 1]];
  var FAR = SIDES.map(function (c) { return [c[0], c[1], 2.2]; });
  function overlaps(a, list) {
    for (var i = 0; i < list.length; i++) {
      var b = list[i];
      if (a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]) { return true; }
    }
    return false;
  }
  function rectsOf(container, selector, shrink) {
    var box = container.getBoundingClientRect(), out = [];
    var els = container.querySelectorAll(selector);
    for (var i = 0; i < els.length; i++) {
      var r = els[i].getBoundingClientRect();
      if (r.width === 0 && r.height === 0) { continue; }
      out.push([r.left - box.left + shrink, r.top - box.top + shrink,
                r.right - box.left - shrink, r.bottom - box.top - shrink]);
    }
    return out;
  }
  em.layout = function (map) {
    em.spread(map);
    var st = map._emLabels;
    if (!st) { return; }
    var container = map.getContainer(), size = map.getSize();
    var obstacles = rectsOf(container, ".em-event svg, .em-cluster", 4)
      .concat(rectsOf(container, ".leaflet-control", 0));
    var items = st.items.filter(function (it) { return it.m._icon; });
    items.forEach(function (it) {  // measure once (reads only)
      if (!it.w) {
        var r = it.m._icon.lastChild.getBoundingClientRect();
        it.w = Math.ceil(r.width) + 2; it.h = Math.ceil(r.height);  // +2: a little air
      }
    });
    items.sort(function (a, b) { return a.rank - b.rank || a.i - b.i; });
    var placed = [];
    items.forEach(function (it) {
      var p = map.latLngToContainerPoint(it.ll), span = it.m._icon.lastChild, spot = null;
      var cands = it.kind === "area" ? [[0, 0]] : SIDES;
      if (it.rank === 0) { cands = cands.concat(FAR); }  // an event's name may stand back
      if (it.kind === "town" && overlaps([p.x - 3, p.y - 3, p.x + 3, p.y + 3], obstacles)) {
        cands = [];  // the town's dot is under an event symbol: the event's label names it
      }
      for (var k = 0; k < cands.length && !spot; k++) {
        var cx = cands[k][0], cy = cands[k][1], gap = it.gap * (cands[k][2] || 1);
        var left = cx > 0 ? p.x + gap : cx < 0 ? p.x - gap - it.w : p.x - it.w / 2;
        var top = cy > 0 ? p.y + gap : cy < 0 ? p.y - gap - it.h : p.y - it.h / 2;
        if (cy === 0 && cx !== 0) { top = p.y - it.h / 2; }
        var r = [left, top, left + it.w, top + it.h];
        if (r[0] < 2 || r[1] < 2 || r[2] > size.x - 2 || r[3] > size.y - 2) { continue; }
        if (overlaps(r, placed) || overlaps(r, obstacles)) { continue; }
        spot = r;
      }
      if (spot) {
        span.style.left = (spot[0] - p.x) + "px";
        span.style.top = (spot[1] - p.y) + "px";
        it.m._icon.style.visibility = "";
        it.m._icon.setAttribute("data-placed", "1");
        placed.push(spot);
      } else {
        it.m._icon.style.visibility = "hidden";
        it.m._icon.removeAttribute("data-placed");
      }
    });
  };

  // Events whose symbols would overlap at this zoom (the same point, or a few pixels
  // apart) are fanned out around their centre, so every one can be seen and clicked.
  // Recomputed on every zoom; the popup still points at the true location.
  em.spread = function (map) {
    var st = null;
    for (var name in em.maps) { if (window[name] === map) { st = em.maps[name]; } }
    if (!st) { return; }
    var items = [];
    st.entries.forEach(function (en) {
      var m = en.m;
      if (!m._icon || en.g._parentGroup) { return; }  // clustered maps spiderfy instead
      items.push({ m: m, p: map.latLngToLayerPoint(m.getLatLng()),
                   a: m.options.icon.options.iconAnchor[0] });
    });
    var done = [];
    for (var i = 0; i < items.length; i++) {
      if (done[i]) { continue; }
      var group = [items[i]];
      done[i] = true;
      for (var j = i + 1; j < items.length; j++) {
        if (!done[j] && items[i].p.distanceTo(items[j].p) < 24) {
          group.push(items[j]);
          done[j] = true;
        }
      }
      var n = group.length, cx = 0, cy = 0;
      group.forEach(function (g) { cx += g.p.x / n; cy += g.p.y / n; });
      var radius = n > 1 ? Math.max(19, 30 * n / (2 * Math.PI)) : 0;
      group.forEach(function (g, k) {
        var dx = 0, dy = 0;
        if (n > 1) {
          var angle = -Math.PI / 2 + 2 * Math.PI * k / n;
          dx = cx + radius * Math.cos(angle) - g.p.x;
          dy = cy + radius * Math.sin(angle) - g.p.y;
        }
        g.m._icon.style.marginLeft = (dx - g.a) + "px";
        g.m._icon.style.marginTop = (dy - g.a) + "px";
        g.m._icon.classList.toggle("em-spread", n > 1);
      });
    }
  };

  // Popups: one thing open at a time (tooltips hide while a popup is open) and kept
  // clear of the title box, the legend and the layer list.
  em.padding = function (map) {
    var box = map.getContainer().getBoundingClientRect(), tl = [24, 24], br = [24, 24];
    var ctls = map.getContainer().querySelectorAll(".leaflet-control");
    for (var i = 0; i < ctls.length; i++) {
      var r = ctls[i].getBoundingClientRect();
      if (r.width === 0) { continue; }
      var right = r.left + r.width / 2 > box.left + box.width / 2;
      var bottom = r.top + r.height / 2 > box.top + box.height / 2;
      if (right && bottom && r.height > 60) { br[0] = Math.max(br[0], box.right - r.left + 12); }
      if (!right && !bottom) { tl[1] = Math.max(tl[1], r.bottom - box.top + 12); }
      if (right && !bottom && r.width < box.width / 3) {
        tl[1] = Math.max(tl[1], Math.min(r.bottom - box.top + 12, box.height / 3));
      }
    }
    return [tl, br];
  };
  em.polish = function (map) {
    if (map._emPolished) { return; }
    map._emPolished = true;
    map.on("popupopen", function (e) {
      var pane = map.getPane("tooltipPane");
      if (pane) { pane.style.visibility = "hidden"; }
      var pad = em.padding(map);
      e.popup.options.autoPanPaddingTopLeft = pad[0];
      e.popup.options.autoPanPaddingBottomRight = pad[1];
      if (e.popup._adjustPan) { e.popup._adjustPan(); }
    });
    map.on("popupclose", function () {
      var pane = map.getPane("tooltipPane");
      if (pane) { pane.style.visibility = ""; }
    });
    // "zoom to" buttons in the legend: data-em-zoom holds [[south, west], [north, east]]
    map.getContainer().addEventListener("click", function (ev) {
      var btn = ev.target.closest ? ev.target.closest("[data-em-zoom]") : null;
      if (!btn) { return; }
      ev.preventDefault();
      map.closePopup();
      map.fitBounds(JSON.parse(btn.getAttribute("data-em-zoom")),
                    { padding: [60, 60], maxZoom: 10 });
    });
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
  // Fit the view to the events inside the part of the map no control covers, so that
  // every symbol of the first view can be seen and clicked (Leaflet's own fitBounds
  // padding is symmetric and knows nothing of the title box or the legend).
  em.fit = function (map, bounds, maxZoom) {
    var box = map.getContainer().getBoundingClientRect();
    var pad = { top: 0, bottom: 0, left: 0, right: 0 };
    var ctls = map.getContainer().querySelectorAll(".leaflet-control");
    for (var i = 0; i < ctls.length; i++) {
      var r = ctls[i].getBoundingClientRect();
      if (r.width === 0 || r.width > box.width / 2) { continue; }
      var right = r.left + r.width / 2 > box.left + box.width / 2;
      var bottom = r.top + r.height / 2 > box.top + box.height / 2;
      if (r.height > box.height / 4 || r.width < 60) {  // tall or narrow: takes a side
        if (right) { pad.right = Math.max(pad.right, box.right - r.left); }
        else { pad.left = Math.max(pad.left, r.right - box.left); }
      } else if (bottom) {
        pad.bottom = Math.max(pad.bottom, box.bottom - r.top);
      } else {
        pad.top = Math.max(pad.top, r.bottom - box.top);
      }
    }
    var margin = 36;  // room for a symbol's half and its label's height
    var tl = [Math.min(pad.left, box.width / 2.5) + margin,
              Math.min(pad.top, box.height / 3) + margin];
    var br = [Math.min(pad.right, box.width / 2.5) + margin,
              Math.min(pad.bottom, box.height / 3) + margin];
    map.fitBounds(bounds, { paddingTopLeft: tl, paddingBottomRight: br, maxZoom: maxZoom,
                            animate: false });
  };

  em.ready = function (mapName) {
    var st = em.state(mapName), map = window[mapName];
    if (map) { em.polish(map); em.layout(map); }
    st.requested = true;
    settle(st);
  };
})();
