"""event_map(): assemble the elements of an annotated event map into a folium.Map.

The result is an ordinary folium.Map, so callers can keep adding to it. Everything
we add gets a deterministic id (see StableIds), so the same inputs give the same
HTML bytes, which keeps generated maps diffable and cacheable.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import OrderedDict
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
from folium.map import LayerControl
from folium.raster_layers import TileLayer
from markupsafe import Markup, escape

from eventmap import admin1
from eventmap.maps._events import PreparedEvents, prepare_events
from eventmap.maps._util import StableIds, no_jinja, text, text_series
from eventmap.maps.admin_areas import AdminAreas, event_codes, map_areas, province_points
from eventmap.maps.admin_summary import build_admin_summary
from eventmap.maps.attribution import SourceAttribution
from eventmap.maps.context_layer import ContextLayer, region_bounds
from eventmap.maps.event_batch import EventBatch
from eventmap.maps.event_cluster import EventCluster
from eventmap.maps.event_layer import EventTypeLayer
from eventmap.maps.event_marker import EventMarker
from eventmap.maps.legend import EventLegend
from eventmap.maps.mention_layer import PlaceMentionLayer, mention_places
from eventmap.maps.place_labels import PlaceLabels, event_labels, sea_labels, town_labels
from eventmap.maps.ready import ReadyFlag
from eventmap.maps.runtime import EventmapRuntime
from eventmap.maps.style import NEUTRAL, SIDE_COLOURS, symbol_svg
from eventmap.maps.tiles import EventmapTileLayer
from eventmap.maps.time_filter import TimeFilter
from eventmap.maps.title_box import TitleBox
from eventmap.schema import EVENT_TYPES

UNTYPED = "Other / untyped"
LIVE_FILTER_MAX = 3000


def event_map(
    events: pd.DataFrame | None,
    mentions: pd.DataFrame | None = None,
    boundaries: gpd.GeoDataFrame | str | os.PathLike[str] | None = None,
    *,
    title: str | None = None,
    outlet: str | None = None,
    published: Any = None,
    source_note: str | None = None,
    note: str | None = None,
    tiles: str | TileLayer | None = "OpenStreetMap",
    cluster_threshold: int = 200,
    attribution_extra: str | None = None,
    context_layer: bool = True,
    light_threshold: int = 2000,
    governorates: bool = True,
    place_names: bool = True,
) -> folium.Map:
    """Build an annotated, offline-capable map of events (and optionally mentions).

    Above ``cluster_threshold`` mapped events the per-type layers cluster; above
    ``light_threshold`` events are shipped as one compact data element instead of
    one folium element each (see EventBatch), which keeps 100k-event maps small.
    ``governorates`` draws the offline admin-1 outlines of the events' countries (and
    province-level events as their province); ``place_names`` labels event locations
    and the main towns. ``note`` replaces the title box's line on what the events are
    (a corpus map's come from many articles, not one).
    """
    prepared = prepare_events(events)
    frame = prepared.frame
    areas = None
    codes: list[str | None] = [None] * len(frame)
    if governorates and len(frame):
        region = region_bounds(frame["_lat"].tolist(), frame["_lon"].tolist())
        extent = max(region[2] - region[0], region[3] - region[1]) if region else 10.0
        located = admin1.locate(frame["_lat"], frame["_lon"])
        area_table = map_areas(frame, extent, located)
        codes = event_codes(frame, area_table, located)
        frame["_area"] = codes
        frame["_lat"], frame["_lon"] = province_points(frame, codes, area_table)
        coarse = {c for c, p in zip(codes, frame["_prec"], strict=True) if p == 3 and c}
        if len(area_table):
            areas = AdminAreas(area_table, skip_labels=coarse)
    published_text = _published_text(published)
    ids = StableIds(
        [title or "", outlet or "", published_text or "", str(prepared.n)]
        + [str(x) for x in frame["event_id"].fillna(frame["event_id_cnty"]).tolist()]
    )
    m = _base_map(ids, frame, title, tiles)
    ids(EventmapRuntime()).add_to(m)
    if areas is not None:
        ids(areas).add_to(m)

    clustered = prepared.n > cluster_threshold
    light = prepared.n > light_threshold
    cluster = None
    if clustered:
        types = text_series(frame["event_type"]).fillna("").unique().tolist()
        cluster = ids(EventCluster(sorted(types)))
        cluster.add_to(m)
    layers = _event_layers(ids, m, frame, cluster)
    if light:
        group_of_type = {key: k for k, key in enumerate(layers)}
        ids(EventBatch(frame, list(layers.values()), group_of_type)).add_to(m)
    else:
        for row in frame.to_dict("records"):
            key = text(row.get("event_type")) or ""
            ids(EventMarker(row)).add_to(layers[key])

    summary = build_admin_summary(frame, boundaries, areas, codes)
    if summary is not None:
        ids(summary).add_to(m)
    places = mention_places(mentions)
    if places:
        ids(PlaceMentionLayer(places)).add_to(m)

    bounds = _data_bounds(prepared, places, boundaries)
    if context_layer and bounds is not None:
        # a wide margin: the first view is fitted clear of the controls, so it shows
        # much more than the events' box
        region = region_bounds(
            [bounds[0][0], bounds[1][0]], [bounds[0][1], bounds[1][1]], margin=12.0
        )
        if region is not None:
            ids(ContextLayer(region)).add_to(m)
    labels: list[dict[str, Any]] = []
    if place_names and bounds is not None:
        labels = event_labels(frame, frame["_lat"].to_numpy(), frame["_lon"].to_numpy())
        labels += town_labels(bounds, labels) + sea_labels(bounds)
        ids(PlaceLabels(labels)).add_to(m)

    ids(
        TitleBox(
            title,
            outlet,
            published_text,
            source_note,
            n_events=prepared.n_input,
            n_mapped=prepared.n,
            note=note,
        )
    ).add_to(m)
    ids(
        EventLegend(
            [t for t in layers if t],
            _sides(frame),
            sorted(int(p) for p in frame["_prec"].unique()),
            clustered=clustered,
            summary=summary.legend if summary is not None else None,
            mentions=bool(places),
            zoom=_zoom_bounds(frame, summary),
        )
    ).add_to(m)
    day_range = prepared.day_range()
    if day_range is not None:
        ids(TimeFilter(*day_range, total=prepared.n, live=prepared.n <= LIVE_FILTER_MAX)).add_to(m)
    seas = any(label["cls"] == "em-label-sea" for label in labels)
    ids(SourceAttribution(_source_credit(frame, outlet), attribution_extra, seas=seas)).add_to(m)
    ids(LayerControl(position="topright", collapsed=len(layers) > 8)).add_to(m)
    ids(ReadyFlag(bounds, max_zoom=9)).add_to(m)
    m.eventmap = {
        "n_input": prepared.n_input,
        "n_mapped": prepared.n,
        "clustered": clustered,
        "light": light,
        "event_types": [t for t in layers if t],
    }
    return m


def _published_text(published: Any) -> str | None:
    """'2024-12-07' for dates and midnight datetimes, minutes otherwise."""
    if isinstance(published, dt.datetime):
        if (published.hour, published.minute, published.second) == (0, 0, 0):
            return published.date().isoformat()
        return published.isoformat(sep=" ", timespec="minutes")
    if isinstance(published, dt.date):
        return published.isoformat()
    return text(published)


def _base_map(ids: StableIds, frame: pd.DataFrame, title: str | None, tiles: Any) -> folium.Map:
    if len(frame):
        center = [float(frame["_lat"].mean()), float(frame["_lon"].mean())]
    else:
        center = [34.8, 38.9]  # Syria: the project's home region
    m = folium.Map(location=center, zoom_start=7, tiles=None, control_scale=True)
    # markercluster needs a maxZoom, which otherwise only a tile layer provides.
    m.options["max_zoom"] = 18
    ids(m)
    figure = m.get_root()
    figure._children = OrderedDict(
        (m.get_name() if child is m else key, child) for key, child in figure._children.items()
    )
    figure.title = escape(title) if title else "eventmap"
    if isinstance(tiles, TileLayer):
        ids(tiles).add_to(m)
    elif tiles:
        tile = ids(EventmapTileLayer(tiles=tiles, name=str(tiles), control=True))
        tile.add_to(m)
    return m


def _event_layers(
    ids: StableIds, m: folium.Map, frame: pd.DataFrame, cluster: EventCluster | None
) -> dict[str, EventTypeLayer]:
    """One layer per event type present, in ACLED's order; unknown types last."""
    types = text_series(frame["event_type"]).fillna("")
    counts = types.value_counts()
    ordered = [t for t in EVENT_TYPES if t in counts.index]
    ordered += sorted(t for t in counts.index if t not in EVENT_TYPES)
    layers: dict[str, EventTypeLayer] = {}
    for event_type in ordered:
        shown = event_type or UNTYPED
        # folium's LayerControl output is re-parsed by Jinja: break any delimiters.
        label = no_jinja(
            Markup('<span class="em-layer-sym">{}</span> {} ({})').format(
                symbol_svg(event_type or None, NEUTRAL, 1), shown, int(counts[event_type])
            )
        )
        layer = EventTypeLayer(event_type, label, cluster=cluster)
        ids(layer).add_to(m)
        layers[event_type] = layer
    return layers


def _zoom_bounds(frame: pd.DataFrame, summary: Any) -> dict[tuple[str, object], list[list[float]]]:
    """Bounds of the events behind each legend entry, for its "zoom to" button."""
    if frame.empty:
        return {}
    sides = text_series(frame["actor1_side"])
    keys = {
        "type": text_series(frame["event_type"]).fillna(""),
        "side": sides.where(sides.isin(list(SIDE_COLOURS)), "unknown"),
        "precision": frame["_prec"],
    }
    counts = getattr(summary, "choropleth_counts", None) or {}
    if counts and "_area" in frame.columns:
        keys["summary"] = frame["_area"].map(lambda c: counts.get(c, {}).get("fill"))
    out: dict[tuple[str, object], list[list[float]]] = {}
    for section, values in keys.items():
        for value, group in frame.groupby(values.to_numpy(), sort=True):
            out[(section, value)] = [
                [round(float(group["_lat"].min()), 4), round(float(group["_lon"].min()), 4)],
                [round(float(group["_lat"].max()), 4), round(float(group["_lon"].max()), 4)],
            ]
    return out


def _sides(frame: pd.DataFrame) -> list[str]:
    sides = text_series(frame["actor1_side"])
    present = set(sides.where(sides.isin(list(SIDE_COLOURS)), "unknown"))
    return [s for s in SIDE_COLOURS if s in present]


def _source_credit(frame: pd.DataFrame, outlet: str | None) -> str | None:
    sources = text_series(frame["source"]).dropna()
    top = [s for s in sources.value_counts().index[:3] if s != outlet]
    if outlet and top:
        return f"{outlet} (reporting {', '.join(top)})"
    if outlet:
        return outlet
    return ", ".join(top) or None


def _data_bounds(
    prepared: PreparedEvents,
    places: list[dict[str, Any]],
    boundaries: gpd.GeoDataFrame | str | os.PathLike[str] | None,
) -> list[list[float]] | None:
    frame = prepared.frame
    if len(frame):
        return [
            [float(frame["_lat"].min()), float(frame["_lon"].min())],
            [float(frame["_lat"].max()), float(frame["_lon"].max())],
        ]
    if places:
        lats = [p["ll"][0] for p in places]
        lons = [p["ll"][1] for p in places]
        return [[min(lats), min(lons)], [max(lats), max(lons)]]
    if isinstance(boundaries, gpd.GeoDataFrame) and len(boundaries):
        west, south, east, north = boundaries.to_crs(4326).total_bounds
        return [[float(south), float(west)], [float(north), float(east)]]
    return None


__all__ = ["event_map"]
