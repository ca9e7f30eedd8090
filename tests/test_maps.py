"""event_map(): what the rendered HTML contains, with synthetic and hand-made events."""

from __future__ import annotations

import base64
import json
import re
import zlib

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box

from eventmap.maps import event_map
from eventmap.maps._events import prepare_events
from eventmap.maps.admin_areas import AdminAreas
from eventmap.maps.admin_summary import AdminSummaryLayer, name_skeleton, normalise_name
from eventmap.maps.event_batch import EventBatch
from eventmap.maps.event_marker import EventMarker
from eventmap.maps.mention_layer import PlaceMentionLayer
from eventmap.maps.place_labels import PlaceLabels
from eventmap.schema import EVENT_TYPES, MENTION_COLUMNS
from eventmap.synthetic import synthetic_events

HOSTILE_QUOTE = "<script>window.__pwned=1</script> said the source"
HOSTILE_ACTOR = '<img src=x onerror="window.__pwned=1">'
HOSTILE_PLACE = '<a href="javascript:window.__pwned=1">Homs</a>'
HOSTILE_TEMPLATE = "{{ 7*7 }} {% raw %} ${window.__pwned=1} `backtick`"


def render(m) -> str:
    return m.get_root().render()


def children_of(m, cls) -> list:
    return [c for c in m._children.values() if isinstance(c, cls)]


def descendants_of(m, cls) -> list:
    out = []
    for child in m._children.values():
        if isinstance(child, cls):
            out.append(child)
        out.extend(descendants_of(child, cls))
    return out


@pytest.fixture(scope="module")
def events() -> gpd.GeoDataFrame:
    return synthetic_events(12, seed=3)


@pytest.fixture(scope="module")
def html(events) -> str:
    return render(
        event_map(events, title="Strikes in Homs", outlet="TROIB News", published="2024-12-07")
    )


def hostile_events() -> gpd.GeoDataFrame:
    ev = synthetic_events(4, seed=5)
    ev.loc[0, "quote"] = HOSTILE_QUOTE
    ev.loc[0, "actor1"] = HOSTILE_ACTOR
    ev.loc[0, "location_text"] = HOSTILE_PLACE
    ev.loc[0, "claimed_by"] = HOSTILE_TEMPLATE
    ev.loc[1, "fatalities_text"] = HOSTILE_TEMPLATE
    ev.loc[1, "source_chain"] = HOSTILE_ACTOR
    ev.loc[2, "event_type"] = HOSTILE_ACTOR  # not in the vocabulary: its own layer
    return ev


def make_mentions() -> gpd.GeoDataFrame:
    rows = [
        ("Homs", "event_location", True, 34.73, 36.72),
        ("Moscow", "context", True, 55.75, 37.62),
        ("Moscow", "context", True, 55.75, 37.62),
        ("Damascus", "actor_origin", True, 33.51, 36.29),
        ("Atlantis", "context", False, None, None),
    ]
    frame = pd.DataFrame(
        [
            {
                **dict.fromkeys(MENTION_COLUMNS),
                "text": name,
                "name": name,
                "role": role,
                "resolved": resolved,
                "latitude": lat,
                "longitude": lon,
                "sentence": f"Officials in {name} said <b>so</b>.",
            }
            for name, role, resolved, lat, lon in rows
        ]
    )
    geometry = [Point(lon, lat) if lat is not None else None for *_, lat, lon in rows]
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def test_one_marker_per_mapped_event(events, html):
    assert html.count("eventmap.marker(") == len(events)
    assert len(re.findall(r'class=\\"em-event em-p[123]\\"', html)) == len(events)
    for event_id in events["event_id"]:
        assert f'data-event-id=\\"{event_id}\\"' in html


def test_rows_without_geometry_are_not_mapped(events):
    ev = events.copy()
    ev.loc[[0, 1], "geometry"] = None
    m = event_map(ev)
    out = render(m)
    assert out.count("eventmap.marker(") == len(ev) - 2
    assert m.eventmap["n_mapped"] == len(ev) - 2
    assert "2 without a location not shown" in out


def test_a_layer_per_event_type_with_control(events, html):
    counts = events["event_type"].value_counts()
    assert html.count("L.featureGroup([])") == len(counts)
    for event_type, n in counts.items():
        assert f"{event_type} ({n})" in html
    assert "L.control.layers(" in html
    missing = set(EVENT_TYPES) - set(counts.index)
    for event_type in missing:
        assert f"{event_type} (" not in html


def test_legend_lists_types_and_sides_that_occur(events):
    m = event_map(events)
    (legend,) = [c for c in m._children.values() if type(c).__name__ == "EventLegend"]
    body = str(legend.body)
    for event_type in events["event_type"].unique():
        assert event_type in body
    assert "State forces" in body or "Rebels" in body
    assert set(legend.event_types) == set(events["event_type"])
    assert set(legend.sides) <= {"state", "state_ally", "rebel", "civilians", "other", "unknown"}
    out = render(m)
    assert 'class="em-box em-legend"' in out
    assert "province-level, approximate point" in out


def test_title_box(html):
    assert 'class="em-box em-title"' in html
    assert "<h1>Strikes in Homs</h1>" in html
    assert "TROIB News · 2024-12-07" in html
    assert "have not been independently verified" in html
    assert "<title>Strikes in Homs</title>" in html


def test_attribution_credits_geonames_natural_earth_and_source(html):
    attribution = re.search(r"addAttribution\((.*?)\);", html).group(1)
    text = json.loads(attribution)
    assert "GeoNames" in text and "CC BY 4.0" in text
    assert "Natural Earth" in text and "public domain" in text
    assert "Source: TROIB News" in text


def test_attribution_extra_is_escaped_unless_markup(events):
    out = render(event_map(events, attribution_extra="<b>Data desk</b>"))
    text = json.loads(re.search(r"addAttribution\((.*?)\);", out).group(1))
    assert "&lt;b&gt;Data desk&lt;/b&gt;" in text


def test_mentions_layer_is_off_by_default_and_excludes_event_locations(events):
    m = event_map(events, mentions=make_mentions())
    (layer,) = children_of(m, PlaceMentionLayer)
    assert layer.show is False
    names = sorted(str(p["tip"]).split(" —")[0] for p in layer.places)
    assert names == ["Damascus", "Moscow"]  # grouped, resolved, not the event location
    out = render(m)
    assert f"{layer.get_name()}.addTo(" not in out
    assert "Other places mentioned" in out
    assert "<b>so</b>" not in out  # sentences escaped


def test_hostile_strings_are_escaped_everywhere():
    m = event_map(hostile_events(), title=HOSTILE_ACTOR, outlet=HOSTILE_QUOTE)
    out = render(m)
    assert "<script>window.__pwned" not in out
    assert "<img src=x" not in out
    assert 'href="javascript:' not in out
    assert "window.__pwned" in out  # present, but only as escaped text
    assert "&lt;img src=x onerror=&#34;window.__pwned=1&#34;&gt;" in out  # title box
    assert "<title>&lt;img" in out
    # Jinja delimiters in article text are neither evaluated nor a syntax error
    assert "49" not in re.sub(r"[0-9.]{3,}|\d+49|49\d+", "", out)
    assert "7*7" in out
    # every script block stays one block: no article text closes it early
    assert len(re.findall(r"<script[\s>]", out)) == out.count("</script>")


def test_hostile_event_type_gets_an_escaped_layer_label():
    out = render(event_map(hostile_events()))
    overlays = re.search(r"overlays :  \{(.*?)\},", out, re.S).group(1)
    assert "<img" not in overlays
    assert "\\u0026lt;img src=x" in overlays  # &lt;img, JSON-escaped once more


def test_same_inputs_same_bytes(events):
    kwargs = {"title": "T", "outlet": "O", "published": "2024-12-07"}
    mentions = make_mentions()
    first = render(event_map(events, mentions, **kwargs))
    second = render(event_map(events.copy(), mentions.copy(), **kwargs))
    assert first == second
    assert re.search(r"[0-9a-f]{32}", first) is None  # no uuid-style ids left


def test_rendering_twice_is_stable(events):
    m = event_map(events)
    assert render(m) == render(m)


def test_time_filter_only_with_dates(events, html):
    assert 'class="em-box em-time"' in html
    assert 'type="range"' in html
    undated = events.copy()
    for column in ("event_date", "date_start", "date_end"):
        undated[column] = None
    out = render(event_map(undated))
    assert "em-time" not in out
    assert 'type="range"' not in out


def test_time_filter_spans_the_event_dates(events, html):
    first = min(events["date_start"])
    last = max(events["date_end"])
    assert f"{first} – {last}" in html


def test_clustering_above_threshold(events):
    clustered = render(event_map(events, cluster_threshold=5))
    assert "L.markerClusterGroup(" in clustered
    assert "leaflet.markercluster" in clustered
    assert clustered.count("new eventmap.SubGroup(") == events["event_type"].nunique()
    plain = render(event_map(events, cluster_threshold=500))
    assert "L.markerClusterGroup(" not in plain
    assert "leaflet.markercluster" not in plain


def test_light_mode_ships_one_data_element(events):
    m = event_map(hostile_events(), light_threshold=2, cluster_threshold=2)
    out = render(m)
    assert m.eventmap["light"] is True
    assert len(children_of(m, EventBatch)) == 1
    assert "eventmap.marker(" not in out
    assert "<script>window.__pwned" not in out
    assert "<img src=x" not in out
    assert "\\u003cscript\\u003ewindow.__pwned" in out  # in the JSON string table


def test_light_mode_compresses_large_data(events):
    batch = EventBatch(
        prepare_events(events).frame,
        [],
        {t: k for k, t in enumerate(sorted(events["event_type"].unique()))},
        compress_above=100,
    )
    assert batch.compressed
    packed = base64.b64decode(json.loads(str(batch.data)))
    data = json.loads(zlib.decompress(packed))
    assert data["n"] == len(events)


def test_proportional_circles_without_boundaries(events):
    m = event_map(events, governorates=False)
    (summary,) = children_of(m, AdminSummaryLayer)
    circles = json.loads(str(summary.circles))
    assert sum(int(re.search(r": (\d+) event", c["tip"]).group(1)) for c in circles) == len(events)
    assert summary.polygons is None
    assert summary.show is False


def test_province_level_events_anchor_the_governorate_circle():
    ev = synthetic_events(40, seed=9)
    m = event_map(ev, governorates=False)
    (summary,) = children_of(m, AdminSummaryLayer)
    circles = json.loads(str(summary.circles))
    coarse = ev.loc[ev["geo_precision"] == 3].iloc[0]
    label = f"<b>{coarse['admin1']}</b>:"
    (circle,) = [c for c in circles if c["tip"].startswith(label)]
    assert circle["ll"] == [coarse["latitude"], coarse["longitude"]]


def boundary_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name": ["Homs Governorate", "Ḥamāh", "Raqqa"]},
        geometry=[box(36.2, 33.8, 38.8, 35.3), box(36.2, 35.0, 37.6, 35.6), box(38, 35, 40, 36.5)],
        crs="EPSG:4326",
    )


def choropleth_events() -> gpd.GeoDataFrame:
    ev = synthetic_events(10, seed=2)
    ev["admin1"] = ["Homs"] * 5 + ["Hama"] * 3 + ["Idlib"] * 2
    return ev


def test_choropleth_with_boundaries():
    m = event_map(choropleth_events(), boundaries=boundary_frame())
    (summary,) = children_of(m, AdminSummaryLayer)
    polygons = json.loads(str(summary.polygons))
    counts = {
        f["properties"]["tip"].split("</b>")[0][3:]: f["properties"]["n"]
        for f in polygons["features"]
    }
    assert counts == {"Homs Governorate": 5, "Ḥamāh": 3, "Raqqa": 0}
    circles = json.loads(str(summary.circles))
    assert [c["tip"].split("</b>")[0][3:] for c in circles] == ["Idlib"]  # unmatched
    assert summary.show is True
    assert any(label.endswith("events") for _, label in summary.legend)
    out = render(m)
    assert "em-choropleth" in out


def test_boundaries_from_a_file(tmp_path):
    path = tmp_path / "admin1.geojson"
    boundary_frame().to_file(path, driver="GeoJSON")
    m = event_map(choropleth_events(), boundaries=path)
    (summary,) = children_of(m, AdminSummaryLayer)
    assert len(json.loads(str(summary.polygons))["features"]) == 3


def test_admin_name_normalisation():
    assert normalise_name("Homs Governorate") == normalise_name("homs")
    assert normalise_name("Ḥamāh") == "hamah"
    assert normalise_name("Al-Hasakah") == normalise_name("Hasakah")
    assert normalise_name("As-Suwayda") == normalise_name("Suwayda")
    assert name_skeleton("Ḥamāh") == name_skeleton("Hama")
    assert name_skeleton("Hims") == name_skeleton("Homs")
    assert name_skeleton("Ar-Raqqah") == name_skeleton("Raqqa")
    assert name_skeleton("Homs") != name_skeleton("Hama")


def test_empty_and_minimal_inputs():
    empty = render(event_map(synthetic_events(0)))
    assert "eventmap.marker(" not in empty
    assert "em-time" not in empty
    minimal = pd.DataFrame(
        {"latitude": [34.7], "longitude": [36.7], "event_type": ["Battles"], "quote": ["q"]}
    )
    out = render(event_map(minimal))
    assert out.count("eventmap.marker(") == 1
    assert "em-time" not in out


def test_context_layer_can_be_switched_off(events):
    assert "em-context" in render(event_map(events))
    assert "em-context" not in render(event_map(events, context_layer=False))


def test_map_stays_customisable(events):
    import folium

    m = event_map(events, tiles=None)
    assert isinstance(m, folium.Map)
    folium.Marker([34.0, 36.0], tooltip="added later").add_to(m)
    out = render(m)
    assert "added later" in out
    assert "tile_layer" not in out


# --------------------------------------------------------------- offline geography


def test_default_choropleth_uses_the_offline_outlines(events):
    m = event_map(events)
    (summary,) = children_of(m, AdminSummaryLayer)
    (areas,) = children_of(m, AdminAreas)
    assert summary.show is True and summary.polygons is None
    assert summary.source is areas  # the outlines ship once
    counts = summary.choropleth_counts
    assert sum(c["n"] for c in counts.values()) == len(events)
    assert set(counts) <= set(areas.codes)
    assert "em-choropleth" in render(m)


def test_user_boundaries_still_win_over_the_offline_outlines():
    m = event_map(choropleth_events(), boundaries=boundary_frame())
    (summary,) = children_of(m, AdminSummaryLayer)
    assert summary.polygons is not None and summary.source is None


def test_syria_outlines_and_province_level_events_at_the_label_point():
    ev = synthetic_events(40, seed=9)
    m = event_map(ev)
    (areas,) = children_of(m, AdminAreas)
    assert len([c for c in areas.codes if c.startswith("SY-")]) == 14
    coarse = ev.loc[ev["geo_precision"] == 3].iloc[0]
    (marker,) = [x for x in descendants_of(m, EventMarker) if x.event_id == coarse["event_id"]]
    payload = json.loads(str(marker.payload))
    assert payload["area"].startswith("SY-")
    label_point = areas.areas.set_index("code").loc[payload["area"]]
    assert payload["ll"] == [label_point.label_lat, label_point.label_lon]
    assert payload["ll"] != [coarse["latitude"], coarse["longitude"]]  # not on the capital
    fine = ev.loc[ev["geo_precision"] == 2].iloc[0]
    (marker,) = [x for x in descendants_of(m, EventMarker) if x.event_id == fine["event_id"]]
    assert json.loads(str(marker.payload))["r"] == 20_000


def test_place_labels_name_events_provinces_and_towns():
    ev = synthetic_events(40, seed=9)
    m = event_map(ev)
    (labels,) = children_of(m, PlaceLabels)
    texts = [label["html"] for label in labels.labels]
    coarse = ev.loc[ev["geo_precision"] == 3].iloc[0]
    assert f"{coarse['admin1']} province (approximate)" in texts
    assert "Damascus" in texts and "Aleppo" in texts
    events_first = [label["rank"] for label in labels.labels]
    assert events_first[0] == 0
    assert len(texts) == len(set(texts))  # no town repeats an event's name


def test_place_labels_escape_article_text():
    ev = synthetic_events(3, seed=1)
    ev["location"] = "<img src=x onerror=alert(1)>"
    ev["geo_precision"] = 1
    out = render(event_map(ev))
    assert "<img src=x" not in out


def test_legend_zoom_buttons_hold_bounds(events):
    out = render(event_map(events))
    assert out.count('class="em-zoom"') >= 3
    (bounds,) = {m for m in re.findall(r'data-em-zoom="([^"]+)"', out)[:1]}
    south_west, north_east = json.loads(bounds.replace("&#34;", '"'))
    assert south_west[0] <= north_east[0]


def test_governorates_can_be_switched_off(events):
    m = event_map(events, governorates=False, place_names=False)
    assert not children_of(m, AdminAreas) and not children_of(m, PlaceLabels)


def test_seas_near_the_events_are_named_and_credited():
    ev = pd.DataFrame(
        {
            "latitude": [14.80],
            "longitude": [42.95],
            "event_type": ["Explosions/Remote violence"],
            "location": ["Al Hudaydah"],
            "geo_precision": [1],
        }
    )
    m = event_map(ev, tiles=None)
    (labels,) = children_of(m, PlaceLabels)
    seas = {label["html"] for label in labels.labels if label["cls"] == "em-label-sea"}
    assert {"Red Sea", "Bab-el-Mandeb"} <= seas
    assert "Seas: ©" in render(m) and "OpenStreetMap" in render(m)
