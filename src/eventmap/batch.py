"""Many short texts in, one line of events per text out: the evaluation kits' format.

Evaluation (and bulk users) hand in JSON lines ``{"id" or "text_id", "text", "published"}``.
Each text is an article of its own; its events come back as the kit's prediction line
``{"text_id", "crash", "ms", "events": [...]}``. A text that makes the extractor raise is
recorded as a crash for that text (the run goes on: one bad text must not hide the other
thousand), but a line that is not a JSON object with a text stops the run before anything is
written: the output is whole or absent.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from eventmap.article import Article
from eventmap.errors import InvalidInput

# The columns of an event the kit reads (its README: 'Predictions'), plus the wounded count.
PREDICTION_FIELDS: tuple[str, ...] = (
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "inter1",
    "inter2",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "mention_type",
)


def read_texts(source: str | Path) -> list[dict[str, Any]]:
    """Parse every line first, so that a malformed file fails before any work is done."""
    source = Path(source)
    docs = []
    with source.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InvalidInput(f"{source}:{lineno}: not a JSON line ({exc})") from exc
            if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
                raise InvalidInput(f"{source}:{lineno}: expected an object with a 'text' string")
            ident = doc.get("text_id", doc.get("id"))
            doc["_id"] = str(ident) if ident is not None else f"line-{lineno}"
            docs.append(doc)
    return docs


def _published(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None  # an unreadable date: events stay undated (background), not guessed


def _clean(value: Any) -> Any:
    """pandas' missing values (NaN, NA, None) become JSON null; numpy scalars plain numbers."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        if value != value:  # pandas.NA and friends
            return None
    except TypeError:
        return None
    return value


def predict(doc: dict[str, Any], extract: Callable[[Article], Any]) -> dict[str, Any]:
    """One text's prediction line; an exception is recorded, not raised."""
    article = Article(id=doc["_id"], text=doc["text"], published=_published(doc.get("published")))
    started = time.perf_counter()
    rows: list[dict[str, Any]] | None
    try:
        tables = extract(article)
        rows = getattr(tables, "event_rows", None)
        if rows is None:  # an extractor that only gives a table
            rows = tables.events.to_dict("records")
        crash = None
    except Exception as exc:  # one failing text is a result, not the end of the run
        rows, crash = None, f"{type(exc).__name__}: {exc}"
    ms = (time.perf_counter() - started) * 1000.0
    fields = (*PREDICTION_FIELDS, "wounded")
    events = [{k: _clean(row.get(k)) for k in fields if k in row} for row in rows or []]
    return {"text_id": doc["_id"], "crash": crash, "ms": round(ms, 3), "events": events}


def events_jsonl(
    source: str | Path,
    target: str | Path,
    *,
    progress: bool = True,
    extract: Callable[[Article], Any] | None = None,
) -> int:
    """Extract events from every text of ``source`` into ``target``; returns the line count."""
    from tqdm.auto import tqdm

    if extract is None:
        from eventmap.events import extract_events

        extract = extract_events
    docs = read_texts(source)
    lines = [
        json.dumps(predict(doc, extract), ensure_ascii=False)
        for doc in tqdm(docs, desc="events", unit="text", disable=not progress)
    ]
    write_lines(target, lines)
    return len(lines)


def write_lines(target: str | Path, lines: Iterable[str]) -> None:
    """All lines or no file: written beside the target, then renamed over it."""
    target = Path(target)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        tmp.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
