"""The corpus map: merged events on the project's event map (see eventmap.maps).

Nothing new is drawn here: the merged events go through ``event_map`` (per-type layers,
clustering, light mode for large sets, the date filter, the admin1 summary), with the
popup's Source line telling how many articles and independent sources back the event,
its corroboration grade and merge grade, and the fatality range across sources.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd

CHOROPLETH_ABOVE = 10_000  # events: beyond this the per-week choropleth is shown at first
CLUSTER_ABOVE = 100  # events: beyond this markers cluster (many reports pile up per town)
# what the choropleth reads of each event (prepare_events and event_codes)
WEEK_COLUMNS = [
    "event_date",
    "latitude",
    "longitude",
    "country",
    "admin1",
    "admin1_iso",
    "geo_precision",
    "event_id",
]


def map_frame(events: pd.DataFrame) -> pd.DataFrame:
    """The merged events with the popup's Source and fatality lines filled in."""
    frame = events.copy()
    if frame.empty:
        return frame

    def source_line(r: Any) -> str:
        merge = f", merge {r.merge_grade}" if isinstance(r.merge_grade, str) else ""
        n_art, n_src = int(r.n_articles or 1), int(r.n_sources or 1)
        head = (
            f"{n_art} article{'s' if n_art != 1 else ''}, {n_src} independent "
            f"source{'s' if n_src != 1 else ''} ({r.corroboration}{merge})"
        )
        return f"{head}: {r.source}" if isinstance(r.source, str) and r.source else head

    def fatality_line(r: Any) -> str | None:
        lo, hi = r.fatalities_low, r.fatalities_high
        if pd.isna(lo) or pd.isna(hi):
            return None
        lo, hi = int(lo), int(hi)
        return f"{lo} across sources" if lo == hi else f"{lo}–{hi} across sources"

    frame["source_chain"] = [source_line(r) for r in frame.itertuples()]
    frame["fatalities_text"] = [fatality_line(r) for r in frame.itertuples()]
    return frame


def corpus_map(
    events: pd.DataFrame,
    *,
    title: str | None = None,
    boundaries: Any = None,
    n_articles: int | None = None,
    n_events: int | None = None,
    all_events: Callable[[], Iterable[pd.DataFrame]] | None = None,
):
    """A folium map of a run's merged events (ready for ``eventmap.export.save_html``);
    ``n_articles``: how many articles the run read (the title box says so).

    A big run maps a bounded summary, not every event: ``events`` are then the best-sourced
    (event_files.MAP_EVENTS of them, as markers), ``n_events`` the run's count and
    ``all_events`` reads every event again, chunk by chunk (``WEEK_COLUMNS`` suffice), for
    the per-admin1, per-week choropleth, which counts them all."""
    from eventmap.maps import event_map

    n = len(events) if n_events is None else n_events
    outlets = (
        "; ".join(
            sorted(
                {o for s in events.get("source", []) if isinstance(s, str) for o in s.split("; ")}
            )[:6]
        )
        if n
        else None
    )
    frame = map_frame(events)
    m = event_map(
        frame,
        boundaries=boundaries,
        title=title or f"{n:,} merged events",
        outlet=outlets,
        source_note="merged from many outlets' reports; each popup lists its sources",
        note=corpus_note(n_articles, shown=len(events) if len(events) < n else None),
        cluster_threshold=CLUSTER_ABOVE,
    )
    chunks = all_events() if all_events is not None and len(events) < n else [frame]
    _add_week_choropleth(m, chunks, show=n > CHOROPLETH_ABOVE)
    return m


def corpus_note(n_articles: int | None, shown: int | None = None) -> str:
    """The title box's line on what the map shows: a corpus's merged reports, not one article
    (``shown``: markers for only this many, the best-sourced, of the events)."""
    corpus = (
        f"a corpus of {n_articles:,} article{'s' if n_articles != 1 else ''}"
        if n_articles is not None
        else "a corpus of articles"
    )
    markers = (
        f" Markers for the {shown:,} events with the most sources; the weekly layer counts all."
        if shown is not None
        else ""
    )
    return (
        f"Events as reported in {corpus}, reports of one incident merged.{markers} Claims by "
        "parties to the conflict have not been independently verified."
    )


def _add_week_choropleth(m: Any, chunks: Iterable[pd.DataFrame], *, show: bool) -> None:
    """The per-governorate, per-week layer over the outlines the map already has, counting
    the events of every chunk."""
    import hashlib

    from eventmap.corpus.week_choropleth import WeekChoropleth, add_week_counts
    from eventmap.maps._events import prepare_events
    from eventmap.maps.admin_areas import AdminAreas, event_codes

    areas = next((c for c in m._children.values() if isinstance(c, AdminAreas)), None)
    if areas is None:
        return
    totals: dict[str, Counter[int]] = {}
    for chunk in chunks:
        if len(chunk):
            prepared = prepare_events(chunk).frame
            add_week_counts(totals, prepared, event_codes(prepared, areas.areas))
    weeks = {c: [[w, n] for w, n in sorted(t.items())] for c, t in sorted(totals.items())}
    if not weeks:
        return
    layer = WeekChoropleth(areas, weeks, show=show)
    # a stable id (folium's default is random): the same events give the same HTML bytes
    layer._id = hashlib.sha256(repr(sorted(weeks.items())).encode()).hexdigest()[:16]
    layer.add_to(m)
    _before_layer_control(m, layer)


def _before_layer_control(m: Any, layer: Any) -> None:
    """The layer control names its overlays' variables: they must be defined first."""
    from collections import OrderedDict

    from folium.map import LayerControl

    items = list(m._children.items())
    mine = next(i for i, (_, child) in enumerate(items) if child is layer)
    control = next((i for i, (_, c) in enumerate(items) if isinstance(c, LayerControl)), None)
    if control is None or control > mine:
        return
    items.insert(control, items.pop(mine))
    m._children = OrderedDict(items)
