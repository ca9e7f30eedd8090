"""The main job, shared by the command line and the notebooks: articles in, maps and tables out.

Kept apart from ``cli`` so that a notebook cell can call the very same steps and get Python
objects back instead of files and exit codes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd

from eventmap.article import Article, find_articles, load_article
from eventmap.errors import ArticleError
from eventmap.events import EventTables, extract_events
from eventmap.join import admin1_summary, events_geodataframe, export_events, mentions_geodataframe


@dataclass
class RunResult:
    """Everything one run produced, in memory and on disk."""

    articles: list[Article]
    tables: list[EventTables]
    events: gpd.GeoDataFrame
    mentions: gpd.GeoDataFrame
    files: dict[str, Path] = field(default_factory=dict)
    online_answers: dict[str, Any] = field(default_factory=dict)

    @property
    def dated_events(self) -> gpd.GeoDataFrame:
        return self.events[self.events["mention_type"] == "event"]

    @property
    def summary(self):
        return admin1_summary(self.events)

    @property
    def unresolved(self) -> gpd.GeoDataFrame:
        return self.mentions[~self.mentions["resolved"].astype(bool)]


def extract(
    paths: Sequence[str | Path], *, encoding: str = "utf-8", progress: bool = False
) -> RunResult:
    """Load and extract every article (folders expand to their .txt files, sorted)."""
    from tqdm.auto import tqdm

    files = find_articles(list(paths))
    if not files:
        raise ArticleError(f"no .txt articles in {', '.join(map(str, paths))}")
    articles = [load_article(p, encoding=encoding) for p in files]
    tables = [
        extract_events(a)
        for a in tqdm(
            articles, desc="extracting", unit="article", disable=not progress or len(articles) < 5
        )
    ]
    return RunResult(articles, tables, events_geodataframe(tables), mentions_geodataframe(tables))


def resolve_online(result: RunResult, chain: Any) -> dict[str, Any]:
    """Opt-in: ask a cached, rate-limited online chain about names the gazetteer lacks.

    Answers are reported beside the mentions; they do not become events, because an online
    match without GeoNames attributes cannot be checked the way offline ones are.
    """
    answers: dict[str, Any] = {}
    for name in sorted(set(result.unresolved["text"].dropna())):
        answers[name] = chain.geocode(name)
    result.online_answers = answers
    return answers


def map_title(articles: Iterable[Article]) -> tuple[str, str | None, str | None]:
    items = list(articles)
    if len(items) == 1:
        a = items[0]
        return (
            a.title or a.id,
            a.source or a.outlet,
            a.published.isoformat() if a.published else None,
        )
    dates = sorted(a.published.isoformat() for a in items if a.published)
    span = f"{dates[0]} – {dates[-1]}" if dates else None
    return f"{len(items)} articles", "; ".join(sorted({a.outlet or "?" for a in items})), span


def build_map(result: RunResult, *, boundaries: str | Path | None = None, **kwargs: Any):
    """The annotated folium map of a run's dated events (background stays in the tables)."""
    from eventmap.maps import event_map

    title, outlet, published = map_title(result.articles)
    return event_map(
        result.dated_events,
        mentions=result.mentions,
        boundaries=boundaries,
        title=title,
        outlet=outlet,
        published=published,
        **kwargs,
    )


def write_outputs(
    result: RunResult,
    out_dir: str | Path,
    *,
    png: bool | None = None,
    boundaries: str | Path | None = None,
    data_dir: str | Path | None = None,
    stem: str | None = None,
) -> dict[str, Path]:
    """Self-contained HTML map (+ PNG when asked or when a browser is there) and tables."""
    from eventmap.export import BrowserNotFound, find_chromium, save_html, save_png

    out = Path(out_dir)
    stem = stem or (result.articles[0].id if len(result.articles) == 1 else "events_map")
    m = build_map(result, boundaries=boundaries)
    html_path, png_path = out / f"{stem}.html", out / f"{stem}.png"
    before = html_path.read_bytes() if html_path.exists() else None
    files = {"html": save_html(m, html_path)}
    want_png = png if png is not None else find_chromium() is not None
    if want_png and before == html_path.read_bytes() and png_path.exists():
        files["png"] = png_path  # same map, same picture: a rerun changes no bytes
    elif want_png:
        try:
            files["png"] = save_png(m, png_path)
        except BrowserNotFound:
            if png:
                raise
    written = export_events(result.events, Path(data_dir) if data_dir else out, stem="events")
    files.update({f"events_{k}": v for k, v in written.items()})
    result.files.update(files)
    return files
