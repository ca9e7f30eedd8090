"""The dedup kit's prediction format from a run: each article's main event, merged id.

``{"id", "events": [{"event_id", "event_date", "latitude", "longitude", "fatalities",
"event_type"}]}``, one article a line, every article of the run (those without an event
get an empty list). The date and point are the merged event's, the fatalities the
article's own figure, so the kit scores both the merge and each report's toll.

An article's main event is the incident it reports, not the background it recalls (last
year's shooting, the toll of a famous massacre): of its events, the one that the most
articles of the corpus report, then the one with the most dead, then the one its text tells
first (news leads with its incident; a row moved ahead, 'Police are also investigating a
Sunday shooting', is no lede), then its first row.
``all_events=True`` writes every event instead.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd


def predictions(run: str | Path, all_events: bool = False) -> list[dict]:
    from eventmap.corpus.outputs import read_events

    run = Path(run)
    articles = pd.read_parquet(run / "articles.parquet", columns=["article_id"])
    sources = pd.read_parquet(
        run / "event_sources.parquet", columns=["event_id", "article_id", "row", "fatalities"]
    )
    events = read_events(run)[
        ["event_id", "event_date", "latitude", "longitude", "event_type", "n_articles"]
    ]
    joined = sources.merge(events, on="event_id", how="left")
    joined = main_first(joined.merge(_positions(run), on=["article_id", "row"], how="left"))
    if not all_events:
        joined = joined.drop_duplicates("article_id")
    by_article = {a: g for a, g in joined.groupby("article_id", sort=False)}
    out = []
    for aid in dict.fromkeys(articles["article_id"]):
        rows = by_article.get(aid)
        items = []
        if rows is not None:
            for r in rows.itertuples():
                items.append(
                    {
                        "event_id": r.event_id,
                        "event_date": r.event_date,
                        "latitude": None if pd.isna(r.latitude) else float(r.latitude),
                        "longitude": None if pd.isna(r.longitude) else float(r.longitude),
                        "fatalities": None if pd.isna(r.fatalities) else int(r.fatalities),
                        "event_type": r.event_type,
                    }
                )
        out.append({"id": aid, "events": items})
    return out


def main_first(joined: pd.DataFrame) -> pd.DataFrame:
    """Each article's events, its main event first (``article_id``, ``n_articles``,
    ``fatalities``, ``_start``: where its sentence starts, ``row``; see the module's
    docstring)."""
    joined = joined.assign(_dead=pd.to_numeric(joined["fatalities"], errors="coerce").fillna(0))
    return joined.sort_values(
        ["article_id", "n_articles", "_dead", "_start", "row"],
        ascending=[True, False, False, True, True],
        kind="stable",
        na_position="last",
    )


def _positions(run: Path) -> pd.DataFrame:
    """Where each event's sentence starts in its article (``article_id``, ``row``,
    ``_start``), read from the run's shards (those its manifest lists, when it has one)."""
    keys = None
    manifest = run / "manifest.json"
    if manifest.exists():
        keys = json.loads(manifest.read_text(encoding="utf-8")).get("shards", {}).get("keys")
    dirs = [run / "shards" / k for k in keys] if keys else sorted((run / "shards").glob("*"))
    columns = ["article_id", "row", "quote_start"]
    parts = [
        pd.read_parquet(d / "events.parquet", columns=columns)
        for d in dirs
        if (d / "events.parquet").exists()
    ]
    if not parts:
        return pd.DataFrame({"article_id": [], "row": [], "_start": []})
    found = pd.concat(parts, ignore_index=True).drop_duplicates(["article_id", "row"])
    return found.rename(columns={"quote_start": "_start"})


def write_predictions(run: str | Path, path: str | Path) -> int:
    items = predictions(run)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return len(items)
