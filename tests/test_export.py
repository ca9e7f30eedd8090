"""save_html / save_png / find_chromium: offline files, atomic writes, clear errors."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import folium
import pytest

from eventmap import export
from eventmap.export import (
    BrowserNotFound,
    OfflineAssetWarning,
    find_chromium,
    inline_assets,
    save_html,
    save_png,
)
from eventmap.maps import event_map
from eventmap.synthetic import synthetic_events

REMOTE_ASSET = re.compile(
    r"<script[^>]*\ssrc=[\"']?https?:|<link[^>]*\shref=[\"']?https?:|url\([\"']?https?:", re.I
)


@pytest.fixture(scope="module")
def small_map() -> folium.Map:
    return event_map(synthetic_events(10, seed=4), title="Ten events", outlet="Test Wire")


def test_self_contained_html_has_no_remote_assets(small_map, tmp_path):
    path = save_html(small_map, tmp_path / "map.html")
    html = path.read_text(encoding="utf-8")
    assert REMOTE_ASSET.search(html) is None
    assert 'version="1.9.3"' in html or "1.9.3" in html  # Leaflet itself is inline
    assert ".leaflet-container" in html  # and its CSS
    assert "data:image/png;base64," in html  # with its images
    for dropped in ("bootstrap", "font-awesome", "fontawesome", "awesome-markers", "jquery"):
        assert dropped not in html.lower(), dropped


def test_self_contained_html_size_bound(small_map, tmp_path):
    size = save_html(small_map, tmp_path / "map.html").stat().st_size
    assert size <= 400_000, size


def test_clustered_map_inlines_markercluster(tmp_path):
    m = event_map(synthetic_events(30, seed=1), cluster_threshold=10)
    html = save_html(m, tmp_path / "c.html").read_text(encoding="utf-8")
    assert REMOTE_ASSET.search(html) is None
    assert "markerClusterGroup" in html
    assert "MarkerClusterGroup" in html  # the library, not only our call
    assert ".leaflet-cluster-anim" in html  # MarkerCluster.css


def test_not_self_contained_keeps_cdn_links(small_map, tmp_path):
    html = save_html(small_map, tmp_path / "cdn.html", self_contained=False).read_text()
    assert '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js">' in html
    assert "bootstrap" in html  # folium's defaults untouched


def test_jquery_is_inlined_when_the_page_uses_it(tmp_path):
    m = event_map(synthetic_events(3, seed=2))
    folium.Marker([34.0, 36.5], popup=folium.Popup("folium popups use jQuery")).add_to(m)
    html = save_html(m, tmp_path / "jq.html").read_text(encoding="utf-8")
    assert REMOTE_ASSET.search(html) is None
    assert "jQuery" in html


def test_unknown_remote_asset_is_kept_with_a_warning():
    page = '<html><head><script src="https://example.org/plugin.js"></script></head></html>'
    with pytest.warns(OfflineAssetWarning, match="example.org/plugin.js"):
        out = inline_assets(page)
    assert '<script src="https://example.org/plugin.js"></script>' in out


def test_context_layer_is_small_and_covers_the_region(small_map, tmp_path):
    html = save_html(small_map, tmp_path / "ctx.html").read_text(encoding="utf-8")
    assert "em-context" in html
    data = re.search(r"L\.geoJSON\((\{.*?\}), \{\s*pane: \"emContext\"", html, re.S).group(1)
    assert '"iso":"SYR"' in data and '"iso":"LBN"' in data
    assert '"iso":"USA"' not in data
    assert len(data) < 120_000


def test_atomic_write_leaves_old_file_on_failure(small_map, tmp_path, monkeypatch):
    target = tmp_path / "map.html"
    target.write_text("previous version")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        save_html(small_map, target)
    assert target.read_text() == "previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]


def test_atomic_write_creates_parents_and_no_temp_files(small_map, tmp_path):
    target = tmp_path / "deep" / "dir" / "map.html"
    assert save_html(small_map, target) == target
    assert [p.name for p in target.parent.iterdir()] == ["map.html"]


def test_same_map_same_file_bytes(tmp_path):
    events = synthetic_events(10, seed=7)
    a = save_html(event_map(events, title="x"), tmp_path / "a.html").read_bytes()
    b = save_html(event_map(events, title="x"), tmp_path / "b.html").read_bytes()
    assert a == b


def test_save_png_without_browser_raises_actionable_error(small_map, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "find_chromium", lambda: None)
    with pytest.raises(BrowserNotFound, match="apt-get install chromium") as info:
        save_png(small_map, tmp_path / "map.png")
    assert isinstance(info.value, RuntimeError)
    assert "EVENTMAP_CHROMIUM" in str(info.value)
    assert not (tmp_path / "map.png").exists()


def fake_browser(tmp_path: Path) -> Path:
    exe = tmp_path / "my-chrome"
    exe.write_text("#!/bin/sh\nexit 0\n")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return exe


def test_find_chromium_honours_env_var(tmp_path, monkeypatch):
    exe = fake_browser(tmp_path)
    monkeypatch.setenv("EVENTMAP_CHROMIUM", str(exe))
    assert find_chromium() == str(exe)
    monkeypatch.setenv("EVENTMAP_CHROMIUM", str(tmp_path / "missing"))
    assert find_chromium() is None


def test_find_chromium_searches_path(tmp_path, monkeypatch):
    monkeypatch.delenv("EVENTMAP_CHROMIUM", raising=False)
    monkeypatch.setattr(export, "CHROMIUM_CANDIDATES", ("eventmap-test-chromium",))
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_chromium() is None
    fake_browser(tmp_path).rename(tmp_path / "eventmap-test-chromium")
    assert find_chromium() == str(tmp_path / "eventmap-test-chromium")


def test_save_png_rejects_missing_input(tmp_path, monkeypatch):
    monkeypatch.setattr(export, "find_chromium", lambda: "/bin/true")
    with pytest.raises(FileNotFoundError):
        save_png(tmp_path / "nope.html", tmp_path / "x.png")
