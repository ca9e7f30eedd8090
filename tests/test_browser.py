"""The exported map in headless Chromium, with every non-file request blocked.

Skipped without a local Chromium, unless EVENTMAP_REQUIRE_BROWSER=1 (CI), in which
case a missing browser fails the run: CI must not go green by skipping these.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from shapely.geometry import Point

from eventmap.export import (
    CHROMIUM_ARGS,
    find_chromium,
    offline_route,
    save_html,
    save_png,
    wait_until_drawn,
)
from eventmap.maps import event_map
from eventmap.synthetic import synthetic_events

pytestmark = pytest.mark.browser

HOSTILE_QUOTE = "<script>window.__pwned=1</script> said the source"
HOSTILE_ACTOR = '<img src=x onerror="window.__pwned=1">'
HOSTILE_PLACE = '<a href="javascript:window.__pwned=1">click me</a>'
HOSTILE_TEMPLATE = "${window.__pwned=1} `x` {{ 7*7 }}"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = find_chromium()
    if executable is None:
        if os.environ.get("EVENTMAP_REQUIRE_BROWSER") == "1":
            pytest.fail(
                "EVENTMAP_REQUIRE_BROWSER=1 but no Chromium found (apt-get install chromium)"
            )
        pytest.skip("no Chromium: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        yield instance
        instance.close()


@dataclass
class Opened:
    page: Any
    errors: list[str] = field(default_factory=list)
    remote: list[str] = field(default_factory=list)

    def count(self, selector: str) -> int:
        return self.page.locator(selector).count()

    def registered(self) -> int:
        return self.page.evaluate("() => Object.values(window.eventmap.maps)[0].entries.length")


@pytest.fixture
def open_map(browser, tmp_path) -> Iterator[Callable[..., Opened]]:
    contexts = []

    def _open(m: Any, name: str = "map.html") -> Opened:
        path = save_html(m, tmp_path / name)
        context = browser.new_context(viewport={"width": 1200, "height": 800})
        contexts.append(context)
        page = context.new_page()
        opened = Opened(page)
        page.on("pageerror", lambda exc: opened.errors.append(f"pageerror: {exc}"))
        page.on(
            "console",
            lambda msg: (
                opened.errors.append(f"console: {msg.text}") if msg.type == "error" else None
            ),
        )

        def route(r: Any) -> None:
            if not r.request.url.startswith(("file:", "data:")):
                opened.remote.append(r.request.url)
            offline_route(r)

        page.route("**/*", route)
        page.goto(path.as_uri())
        wait_until_drawn(page, timeout_s=20)
        return opened

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def events():
    ev = synthetic_events(12, seed=3)
    ev.loc[11, "geometry"] = None  # not mapped
    return ev


@pytest.fixture
def page(open_map, events) -> Opened:
    return open_map(event_map(events, title="Browser test", outlet="Wire", tiles=None))


def hostile_events():
    ev = synthetic_events(5, seed=8)
    ev.loc[0, "quote"] = HOSTILE_QUOTE
    ev.loc[0, "actor1"] = HOSTILE_ACTOR
    ev.loc[0, "location_text"] = HOSTILE_PLACE
    ev.loc[0, "claimed_by"] = HOSTILE_TEMPLATE
    ev.loc[0, "source_chain"] = HOSTILE_PLACE
    return ev


def test_one_marker_per_mapped_event_and_no_errors(page, events):
    mapped = int(events.geometry.notna().sum())
    assert page.count(".em-event") == mapped == 11
    assert page.registered() == mapped
    assert page.errors == []
    assert page.remote == []  # tiles=None: nothing even tried the network


def test_legend_title_and_time_filter_visible(page):
    assert page.page.locator(".em-legend").is_visible()
    assert "event type" in page.page.locator(".em-legend").inner_text().lower()
    assert page.page.locator(".em-title").is_visible()
    assert "not been independently verified" in page.page.locator(".em-title").inner_text()
    assert page.page.locator(".em-time").is_visible()


def test_click_on_marker_opens_popup_with_quote(page, events):
    row = events.iloc[0]
    page.page.locator(f'.em-event[data-event-id="{row.event_id}"]').dispatch_event("click")
    popup = page.page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=5000)
    text = popup.inner_text()
    assert row.quote in text
    assert "unverified" in text or "verified" in text
    assert row.claimed_by in text


def test_layer_toggle_hides_its_markers(page, events):
    mapped = events.loc[events.geometry.notna()]
    event_type = mapped["event_type"].value_counts().index[0]
    n_type = int((mapped["event_type"] == event_type).sum())
    selector = f'.em-event[data-event-type="{event_type}"]'
    assert page.count(selector) == n_type
    label = page.page.locator(".leaflet-control-layers-overlays label", has_text=event_type)
    label.locator("input").click()
    assert page.count(selector) == 0
    assert page.count(".em-event") == len(mapped) - n_type
    label.locator("input").click()
    assert page.count(selector) == n_type


def test_time_filter_hides_events_outside_range(page, events):
    mapped = events.loc[events.geometry.notna()]
    start = pd.to_datetime(mapped["date_start"])
    end = pd.to_datetime(mapped["date_end"])
    cut = sorted(end)[len(end) // 2]  # keep events ending on/after the median end
    offset = (cut - start.min()).days
    expected = int((end >= cut).sum())
    assert 0 < expected < len(mapped)
    page.page.evaluate(
        """(k) => { const el = document.querySelector('.em-from');
                   el.value = k; el.dispatchEvent(new Event('change')); }""",
        offset,
    )
    assert page.count(".em-event") == expected
    assert (
        f"{expected} of {len(mapped)} events" in page.page.locator(".em-time output").inner_text()
    )
    page.page.evaluate(
        """() => { const el = document.querySelector('.em-from');
                   el.value = 0; el.dispatchEvent(new Event('change')); }"""
    )
    assert page.count(".em-event") == len(mapped)


def test_context_layer_is_drawn(page):
    assert page.count("path.em-context") >= 3  # Syria and neighbours
    assert page.count(".em-country-label") >= 3


def test_hostile_strings_are_shown_as_text(open_map):
    opened = open_map(
        event_map(hostile_events(), title=HOSTILE_ACTOR, outlet=HOSTILE_QUOTE, tiles=None)
    )
    page = opened.page
    assert HOSTILE_ACTOR in page.locator(".em-title").inner_text()
    page.locator('.em-event[data-event-id="syn8-0000000"]').dispatch_event("click")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=5000)
    text = popup.inner_text()
    assert HOSTILE_QUOTE in text
    assert HOSTILE_ACTOR in text
    assert HOSTILE_PLACE in text
    assert HOSTILE_TEMPLATE in text
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert opened.count('img[src="x"]') == 0
    assert opened.count('a[href^="javascript"]') == 0
    assert opened.errors == []


def test_light_mode_markers_popups_and_escaping(open_map):
    ev = hostile_events()
    opened = open_map(event_map(ev, light_threshold=2, cluster_threshold=1000, tiles=None))
    page = opened.page
    assert opened.count(".em-event") == len(ev)
    assert opened.registered() == len(ev)
    for event_id in ev["event_id"]:
        assert opened.count(f'.em-event[data-event-id="{event_id}"]') == 1
    page.locator('.em-event[data-event-id="syn8-0000000"]').dispatch_event("click")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=5000)
    text = popup.inner_text()
    assert HOSTILE_QUOTE in text and HOSTILE_ACTOR in text and HOSTILE_PLACE in text
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert opened.count('img[src="x"]') == 0
    assert opened.errors == []


def test_clustered_map_counts_and_toggles(open_map):
    ev = synthetic_events(300, seed=6)
    opened = open_map(event_map(ev, tiles=None))
    assert opened.registered() == 300
    assert opened.count(".em-cluster") > 0
    assert opened.errors == []
    in_cluster = (
        "() => Object.values(window.eventmap.maps)[0].entries[0].g._parentGroup.getLayers().length"
    )
    assert opened.page.evaluate(in_cluster) == 300
    battles = int((ev["event_type"] == "Battles").sum())
    label = opened.page.locator(".leaflet-control-layers-overlays label", has_text="Battles")
    label.locator("input").click()
    assert opened.page.evaluate(in_cluster) == 300 - battles
    label.locator("input").click()
    # the time filter works through the cluster too
    first, last = min(ev["date_start"]), max(ev["date_end"])
    span = (pd.Timestamp(last) - pd.Timestamp(first)).days
    cut = pd.Timestamp(first) + pd.Timedelta(days=span // 2)
    expected = int((pd.to_datetime(ev["date_end"]) >= cut).sum())
    opened.page.evaluate(
        """(k) => { const el = document.querySelector('.em-from');
                   el.value = k; el.dispatchEvent(new Event('change')); }""",
        span // 2,
    )
    assert opened.page.evaluate(in_cluster) == expected < 300


def test_compressed_light_mode_builds_asynchronously(open_map, monkeypatch):
    from eventmap.maps import event_batch

    original = event_batch.EventBatch.__init__

    def small_threshold(self, *args, **kwargs):
        kwargs["compress_above"] = 10
        original(self, *args, **kwargs)

    monkeypatch.setattr(event_batch.EventBatch, "__init__", small_threshold)
    opened = open_map(event_map(synthetic_events(50, seed=2), light_threshold=10, tiles=None))
    assert opened.registered() == 50
    assert opened.errors == []


def test_offline_tiles_do_not_break_the_map(open_map, events):
    opened = open_map(event_map(events))  # default OpenStreetMap tiles, all blocked
    assert opened.remote  # tiles were requested...
    assert all(e.startswith("console: Failed to load resource") for e in opened.errors)
    assert opened.count(".em-event") == 11  # ...and the map works regardless
    assert opened.count("path.em-context") >= 3


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_save_png_writes_a_real_png(browser, events, tmp_path):
    # `browser` only for the skip logic; save_png runs its own Chromium.
    path = save_png(event_map(events, title="PNG"), tmp_path / "map.png", size=(800, 600))
    data = Path(path).read_bytes()
    assert png_size(data) == (800, 600)
    assert len(data) > 20_000  # not a blank image


# --------------------------------------------------------------------------- the seed map


@pytest.fixture(scope="module")
def seed_result():
    from eventmap.pipeline import extract

    root = Path(__file__).resolve().parents[1]
    return extract([root / "seeds"])


def test_seed_map_in_the_browser(open_map, seed_result):
    from eventmap.pipeline import build_map

    dated = seed_result.dated_events
    opened = open_map(build_map(seed_result), name="seed.html")
    assert opened.count(".em-event") == len(dated) == 4
    # Offline, tile requests fail (blocked by design); no script may fail.
    assert [e for e in opened.errors if "Failed to load resource" not in e] == []
    assert opened.page.locator(".em-legend").is_visible()
    homs = dated[dated["sub_event_type"] == "Air/drone strike"].iloc[0]
    opened.page.locator(f'.em-event[data-event-id="{homs.event_id}"]').dispatch_event("click")
    popup = opened.page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=5000)
    text = popup.inner_text()
    assert "On Saturday, SANA reported via Telegram" in text
    assert "dozens" in text and "unverified" in text.lower()
    assert "province-level" in text.lower()


# ------------------------------------------------------- offline geography in the browser

MAP_JS = "window[Object.keys(window.eventmap.maps)[0]]"


def placed_label_boxes(page) -> list[dict[str, Any]]:
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.em-label[data-placed] .em-label-text'))
                 .map(el => { const r = el.getBoundingClientRect();
                              return {text: el.textContent, x0: r.left, y0: r.top,
                                      x1: r.right, y1: r.bottom}; })"""
    )


def overlapping(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    pairs = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["y0"] < b["y1"] and b["y0"] < a["y1"]:
                pairs.append((a["text"], b["text"]))
    return pairs


def click_every_marker(opened: Opened) -> list[str]:
    """Click each event symbol where a user would (Playwright checks nothing covers it);
    return the ids whose popup opened. The view is restored after each click."""
    page = opened.page
    view = page.evaluate(f"() => {{ const m = {MAP_JS}; return [m.getCenter(), m.getZoom()]; }}")
    ids = page.evaluate(
        "() => Array.from(document.querySelectorAll('.em-event')).map(e => e.dataset.eventId)"
    )
    opened_ids = []
    for event_id in ids:
        page.locator(f'.em-event[data-event-id="{event_id}"] svg').click(timeout=5000)
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for(state="visible", timeout=5000)
        if event_id in popup.inner_text():
            opened_ids.append(event_id)
        page.evaluate(
            f"""(v) => {{ const m = {MAP_JS}; m.closePopup();
                         m.setView(v[0], v[1], {{animate: false}}); }}""",
            view,
        )
        page.wait_for_timeout(260)  # a closed popup fades out for 200 ms
    return opened_ids


def test_seed_map_names_governorates_and_clickable_events(open_map, seed_result):
    from eventmap.pipeline import build_map

    opened = open_map(build_map(seed_result), name="seed.html")
    page = opened.page
    boxes = placed_label_boxes(page)
    shown = " | ".join(b["text"] for b in boxes)
    for name in ("Homs province (approximate)", "Hama", "Daraa province", "Suwayda province"):
        assert name in shown, shown
    assert "Damascus" in shown and "Aleppo" in shown, shown
    assert overlapping(boxes) == []
    assert opened.count('path[class*="em-admin-SY-"]') == 14
    assert opened.count("path.em-province") == 3  # Homs, Daraa, Suwayda hatched
    assert opened.count("path.em-radius") == 1  # Hama: near the city
    ids = click_every_marker(opened)
    assert len(ids) == opened.count(".em-event") == 4
    assert [e for e in opened.errors if "Failed to load resource" not in e] == []


def test_labels_never_overlap_after_zooming(open_map):
    opened = open_map(event_map(synthetic_events(60, seed=4), tiles=None))
    page = opened.page
    for zoom in (6, 8, 10):
        page.evaluate(f"(z) => {MAP_JS}.setView([34.8, 36.7], z, {{animate: false}})", zoom)
        page.wait_for_timeout(100)
        boxes = placed_label_boxes(page)
        assert boxes and overlapping(boxes) == [], zoom


def test_events_at_one_point_are_all_reachable_at_every_zoom(open_map):
    ev = synthetic_events(3, seed=5)
    ev["geometry"] = [Point(36.5695, 32.7090)] * 3  # the same point, as province-level events
    ev["latitude"], ev["longitude"] = 32.7090, 36.5695  # often are (Suwayda)
    ev["geo_precision"] = 1
    opened = open_map(event_map(ev, tiles=None))
    for zoom in (7, 12, 16):
        opened.page.evaluate(
            f"(z) => {MAP_JS}.setView([32.709, 36.5695], z, {{animate: false}})", zoom
        )
        opened.page.wait_for_timeout(100)
        assert sorted(click_every_marker(opened)) == sorted(ev["event_id"]), zoom


def test_one_thing_open_at_a_time_and_popups_clear_of_the_legend(open_map):
    ev = synthetic_events(12, seed=3)
    opened = open_map(event_map(ev, tiles=None))
    page = opened.page
    # put the easternmost event at the right edge, under where the legend sits
    east = ev.loc[ev.geometry.x.idxmax()]
    page.evaluate(
        f"""(ll) => {{ const m = {MAP_JS}; const p = m.latLngToContainerPoint(ll);
                      m.panBy([p.x - m.getSize().x + 30, p.y - m.getSize().y + 60],
                              {{animate: false}}); }}""",
        [east.geometry.y, east.geometry.x],
    )
    marker = page.locator(f'.em-event[data-event-id="{east.event_id}"]')
    marker.hover(force=True)
    marker.dispatch_event("click")
    page.locator(".leaflet-popup-content").wait_for(state="visible", timeout=5000)
    page.wait_for_timeout(600)  # the auto-pan animation
    hidden = page.evaluate(f"() => {MAP_JS}.getPane('tooltipPane').style.visibility")
    assert hidden == "hidden"
    popup = page.locator(".leaflet-popup").bounding_box()
    legend = page.locator(".em-legend").bounding_box()
    assert popup["x"] + popup["width"] <= legend["x"] + 1  # left of the legend, not under it
    assert popup["y"] >= 0
    page.evaluate(f"() => {MAP_JS}.closePopup()")
    assert page.evaluate(f"() => {MAP_JS}.getPane('tooltipPane').style.visibility") == ""


def test_legend_zoom_to_fits_the_entry(open_map):
    ev = synthetic_events(40, seed=9)
    opened = open_map(event_map(ev, tiles=None))
    page = opened.page
    before = page.evaluate(f"() => {MAP_JS}.getZoom()")
    page.locator(".em-legend .em-zoom").last.click()
    page.wait_for_timeout(600)
    after = page.evaluate(f"() => {MAP_JS}.getBounds().toBBoxString()")
    assert after != before
    assert opened.errors == []


def test_multi_article_map_every_event_clickable_in_the_first_view(open_map):
    from eventmap.pipeline import build_map, extract

    root = Path(__file__).resolve().parent / "data" / "multi"
    result = extract([root])
    opened = open_map(build_map(result), name="multi.html")
    n = opened.count(".em-event")
    assert n == len(result.dated_events) >= 8
    assert overlapping(placed_label_boxes(opened.page)) == []
    # the Suwayda protest and the redeployment share the province's point
    assert opened.count(".em-event[data-event-type='Protests']") == 1
    assert len(click_every_marker(opened)) == n
    assert [e for e in opened.errors if "Failed to load resource" not in e] == []
