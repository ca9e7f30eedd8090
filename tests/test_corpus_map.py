"""The corpus map: merged events on the project's map, popups with sources and grades,
and the per-governorate, per-week choropleth following the date filter in a browser."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest

from eventmap.corpus import corpus_map as cm
from eventmap.export import CHROMIUM_ARGS, find_chromium, offline_route, save_html, wait_until_drawn
from eventmap.synthetic import synthetic_events


def merged_events(n: int = 60):
    ev = synthetic_events(n, seed=5)
    ev["n_articles"] = [1 + i % 4 for i in range(n)]
    ev["n_sources"] = [1 + i % 3 if i % 4 else 1 for i in range(n)]
    ev["corroboration"] = ["contested" if i % 5 == 0 else "single source" for i in range(n)]
    ev["merge_grade"] = ["high" if i % 4 else None for i in range(n)]
    ev["fatalities_low"] = ev["fatalities"]
    ev["fatalities_high"] = ev["fatalities"] + 2
    ev["source"] = "Wire One; <b>Daily</b> Courier"
    return ev


def test_popup_lines_say_sources_grade_and_range():
    frame = cm.map_frame(merged_events(8))
    first = frame.iloc[1]
    assert first["source_chain"].startswith("2 articles, 2 independent sources (single source")
    assert "merge high" in first["source_chain"]
    assert first["fatalities_text"].endswith("across sources")


def test_map_html_is_deterministic_and_escapes_sources(tmp_path):
    ev = merged_events()
    a = save_html(cm.corpus_map(ev), tmp_path / "a.html").read_bytes()
    b = save_html(cm.corpus_map(ev), tmp_path / "b.html").read_bytes()
    assert a == b
    assert b"<b>Daily</b>" not in a
    assert b"em-week-choropleth" in a


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = find_chromium()
    if executable is None:
        if os.environ.get("EVENTMAP_REQUIRE_BROWSER") == "1":
            pytest.fail("EVENTMAP_REQUIRE_BROWSER=1 but no Chromium found")
        pytest.skip("no Chromium: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        yield instance
        instance.close()


@pytest.mark.browser
def test_week_choropleth_follows_the_date_filter(browser, tmp_path, monkeypatch):
    monkeypatch.setattr(cm, "CHOROPLETH_ABOVE", 10)  # shown at first, as beyond 10,000
    ev = merged_events()
    path = save_html(cm.corpus_map(ev), tmp_path / "map.html")
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.route("**/*", offline_route)
    page.goto(path.as_uri())
    wait_until_drawn(page, timeout_s=30)
    shaded = "() => document.querySelectorAll('path.em-week-choropleth').length"
    empty = (
        "() => [...document.querySelectorAll('path.em-week-choropleth')]"
        ".filter(p => p.getAttribute('fill') === '#dddddd').length"
    )
    assert page.evaluate(shaded) > 0
    before = page.evaluate(empty)
    day = int(pd.to_datetime(ev["event_date"]).min().value // 86_400_000_000_000)
    page.evaluate(
        "d => { const name = Object.keys(window.eventmap.maps)[0];"
        " window.eventmap.filter(name, d, d); }",
        day,
    )
    assert page.evaluate(empty) > before  # fewer governorates have events that day
    assert not errors
    page.close()


def test_title_box_speaks_of_the_corpus_not_one_article(tmp_path):
    html = save_html(cm.corpus_map(merged_events(), n_articles=1234), tmp_path / "m.html")
    text = html.read_text(encoding="utf-8")
    assert "a corpus of 1,234 articles" in text
    assert "as reported in the article" not in text
    assert cm.corpus_note(1).startswith("Events as reported in a corpus of 1 article,")
