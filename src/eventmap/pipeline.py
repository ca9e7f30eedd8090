"""The main job, shared by the command line and the notebooks: articles in, maps and tables out.

Kept apart from ``cli`` so that a notebook cell can call the very same steps and get Python
objects back instead of files and exit codes.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd

from eventmap import __version__
from eventmap.article import Article, find_articles, load_article, text_hash
from eventmap.errors import ArticleError, InputError, PngExportError
from eventmap.events import EventTables, extract_events
from eventmap.join import admin1_summary, events_geodataframe, export_writers, mentions_geodataframe
from eventmap.outputs import (
    MANIFEST_SUFFIX,
    OutputSet,
    clean_stale_temps,
    inside,
    read_manifest,
    safe_stem,
    sha256_bytes,
    sha256_file,
    verified,
)


@dataclass
class RunResult:
    """Everything one run produced, in memory and on disk."""

    articles: list[Article]
    tables: list[EventTables]
    events: gpd.GeoDataFrame
    mentions: gpd.GeoDataFrame
    files: dict[str, Path] = field(default_factory=dict)
    online_answers: dict[str, Any] = field(default_factory=dict)
    duplicates: list[tuple[Path | None, Path | None]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

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
    """Load and extract every article (folders expand to their .txt files, sorted).

    The same text given twice (a copy under another name, a folder and a file in it) is
    counted once and listed in ``duplicates`` as (skipped, kept), so no event is doubled.
    """
    from tqdm.auto import tqdm

    files = find_articles(list(paths))
    if not files:
        raise ArticleError(f"no .txt articles in {', '.join(map(str, paths))}")
    articles: list[Article] = []
    duplicates: list[tuple[Path | None, Path | None]] = []
    seen: dict[str, Article] = {}
    for p in files:
        article = load_article(p, encoding=encoding)
        key = text_hash(article.text)
        if key in seen:
            duplicates.append((article.path, seen[key].path))
            continue
        seen[key] = article
        articles.append(article)
    tables = [
        extract_events(a)
        for a in tqdm(
            articles, desc="extracting", unit="article", disable=not progress or len(articles) < 5
        )
    ]
    return RunResult(
        articles,
        tables,
        events_geodataframe(tables),
        mentions_geodataframe(tables),
        duplicates=duplicates,
    )


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


def load_boundaries(path: str | Path) -> gpd.GeoDataFrame:
    """Read and check a user's admin1 polygons; anything wrong is one InputError naming the
    file, never a GDAL traceback from deep inside the map builder."""
    from eventmap.maps.admin_summary import name_column

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such boundary file")
    try:
        with warnings.catch_warnings():  # GDAL's notes would be lines after the error line
            warnings.simplefilter("ignore")
            gdf = gpd.read_file(path)
    except Exception as exc:
        raise InputError(
            f"{path}: not a readable boundary file (GeoJSON, GeoPackage or shapefile): "
            f"{_first_line(exc)}"
        ) from exc
    if not isinstance(gdf, gpd.GeoDataFrame) or "geometry" not in gdf:
        raise InputError(f"{path}: boundary file has no geometry")
    gdf = gdf[~gdf.geometry.isna() & ~gdf.geometry.is_empty]
    gdf = gdf[gdf.geom_type.isin(["Polygon", "MultiPolygon"])]
    if gdf.empty:
        raise InputError(f"{path}: boundary file has no polygons")
    try:
        if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
            gdf = gdf.to_crs(4326)
    except Exception as exc:
        raise InputError(f"{path}: cannot convert its CRS to WGS84: {_first_line(exc)}") from exc
    west, south, east, north = gdf.total_bounds
    if not all(math.isfinite(v) for v in (west, south, east, north)) or not (
        -180.5 <= west <= east <= 180.5 and -90.5 <= south <= north <= 90.5
    ):
        raise InputError(f"{path}: coordinates are not longitude/latitude degrees")
    try:
        name_column(gdf)
    except ValueError as exc:
        raise InputError(f"{path}: {exc}") from exc
    gdf = gdf.reset_index(drop=True)
    gdf.attrs["source_sha256"] = sha256_file(path)
    return gdf


def run_stem(articles: Sequence[Article]) -> str:
    """The file-name stem of a run: the article's id (made safe), or a hash of the set, so
    runs on different articles into one folder never replace each other's files."""
    if len(articles) == 1:
        return safe_stem(articles[0].id)
    digest = hashlib.sha256("|".join(sorted(text_hash(a.text) for a in articles)).encode())
    return f"map_{len(articles)}_articles_{digest.hexdigest()[:10]}"


def write_outputs(
    result: RunResult,
    out_dir: str | Path,
    *,
    png: bool | None = None,
    boundaries: str | Path | gpd.GeoDataFrame | None = None,
    data_dir: str | Path | None = None,
    stem: str | None = None,
) -> dict[str, Path]:
    """Self-contained HTML map (+ PNG when asked or when a browser is there) and tables,
    written as one set with a manifest, or not at all.

    png=None (auto) turns a failed PNG into a warning in ``result.warnings``; png=True makes
    it an error and nothing is written. A PNG is reused only when the manifest says it was
    made from exactly this HTML.
    """
    from eventmap.export import find_chromium, inline_assets, render_png

    out = Path(out_dir)
    data = Path(data_dir) if data_dir else out
    stem = safe_stem(stem) if stem else run_stem(result.articles)
    for folder in {out, data}:
        clean_stale_temps(folder)
    if boundaries is not None and not isinstance(boundaries, gpd.GeoDataFrame):
        boundaries = load_boundaries(boundaries)
    m = build_map(result, boundaries=boundaries)
    html = inline_assets(m.get_root().render())
    html_bytes = html.encode("utf-8")
    html_hash = sha256_bytes(html_bytes)
    manifest = inside(out, f"{stem}{MANIFEST_SUFFIX}")
    html_path, png_path = inside(out, f"{stem}.html"), inside(out, f"{stem}.png")
    previous = read_manifest(manifest)
    record: dict[str, Any] = {
        "eventmap": __version__,
        "stem": stem,
        "inputs": [_input_record(a) for a in result.articles],
        "duplicates_skipped": [str(skipped) for skipped, _ in result.duplicates],
        "boundaries": _boundaries_record(boundaries),
        "versions": _versions(),
    }
    if previous and previous.get("inputs") != record["inputs"]:
        result.warnings.append(f"{manifest}: replacing an output set made from other inputs")
    with OutputSet(manifest) as outputs:
        outputs.stage_bytes("html", html_path, html_bytes)
        want_png = png if png is not None else find_chromium() is not None
        if want_png:
            if (
                previous
                and previous.get("png_from_html") == html_hash
                and verified(previous, "png", png_path)
            ):
                outputs.keep("png", png_path)  # same map, same picture: a rerun changes no bytes
            else:
                try:
                    outputs.stage_bytes("png", png_path, render_png(html))
                except PngExportError as exc:
                    if png:
                        raise
                    result.warnings.append(f"no PNG written: {exc}")
        if "png" in outputs.staged or "png" in outputs.kept:
            record["png_from_html"] = html_hash
        elif png_path.exists():
            outputs.remove(png_path)  # a picture of another map is not part of this set
        for fmt, (target, write) in export_writers(result.events, data, f"{stem}.events").items():
            outputs.stage_with(f"events_{fmt}", inside(data, target.name), write)
        files = outputs.commit(record)
    result.files.update(files)
    return files


def _input_record(article: Article) -> dict[str, Any]:
    meta = json.dumps(article.meta, sort_keys=True, ensure_ascii=False, default=str)
    return {
        "id": article.id,
        "path": str(article.path) if article.path else None,
        "text_sha256": text_hash(article.text),
        "meta_sha256": sha256_bytes(meta.encode("utf-8", errors="surrogatepass")),
    }


def _boundaries_record(boundaries: Any) -> str | None:
    if boundaries is None:
        return None
    if "source_sha256" in boundaries.attrs:
        return boundaries.attrs["source_sha256"]
    text = boundaries.to_json(sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def _versions() -> dict[str, str]:
    from importlib import metadata

    versions = {"python": ".".join(map(str, sys.version_info[:3]))}
    for package in ("folium", "geopandas", "pandas", "shapely", "pyogrio"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "missing"
    try:
        from eventmap.gazetteer import source_version

        versions["gazetteer"] = source_version()
    except Exception:  # the manifest records what it can; it never stops a run
        versions["gazetteer"] = "unknown"
    return versions


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:300]
