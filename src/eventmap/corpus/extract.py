"""Stage A: one task per shard reads its articles, extracts them and writes Parquet.

A shard's folder appears whole or not at all (written under a temporary name, then
renamed), with a completion marker last, so a run killed at any moment restarts with
exactly the unfinished shards. Workers open the gazetteer from its path themselves (one
extractor per worker process, kept between tasks); nothing big travels with a task.
"""

from __future__ import annotations

import gc
import json
import os
import threading
import time
import traceback
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eventmap.article import text_hash
from eventmap.corpus.follow_ups import report_names
from eventmap.corpus.inputs import BadRecord, read_range
from eventmap.corpus.minhash import signature
from eventmap.corpus.shards import MARKER, Shard, is_done
from eventmap.corpus.tables import SHARD_TABLES, write_shard_table
from eventmap.outputs import write_folder

BUCKETS = 16  # stage B reads events bucket by bucket (a bucket holds whole admin1 areas)
YOUNG_GC = 20_000  # container allocations between two young collections while extracting
_EXTRACTORS: dict[str, Any] = {}
_GC_LOCK = threading.Lock()
_GC_STATE: dict[str, Any] = {"tasks": 0, "saved": None}


def extractor_for(gazetteer_path: str | None) -> Any:
    """This process's extractor over the gazetteer at that path (opened once)."""
    key = gazetteer_path or ""
    if key not in _EXTRACTORS:
        from eventmap.events import EventExtractor

        if gazetteer_path:
            from eventmap.gazetteer import Gazetteer
            from eventmap.geocode import OfflineGeocoder
            from eventmap.geoparse import Geoparser

            # plain answers: the extractor reads coordinates and raw fields only (no geopy)
            geocoder = OfflineGeocoder(Gazetteer(Path(gazetteer_path)), plain=True)
            _EXTRACTORS[key] = EventExtractor(geoparser=Geoparser(geocoder))
        else:
            _EXTRACTORS[key] = EventExtractor()
    return _EXTRACTORS[key]


def bucket_of(country: Any, admin1: Any) -> int:
    key = f"{country or ''}|{admin1 or ''}".encode()
    return zlib.crc32(key) % BUCKETS


@contextmanager
def fewer_young_collections(threshold: int = YOUNG_GC) -> Iterator[None]:
    """Collect the youngest generation every ``threshold`` allocations, not every 700.

    Extraction builds and drops a great many small containers, nearly all freed by their
    reference counts; at CPython's default the collector still traversed the young ones 844
    times (and the older generations 82 times) in a one-worker run of the kit's 2,792 dev
    articles: 0.63 s of 18.4 s of CPU. At 20,000: 23 collections, 0.17 s (10,000: 0.28 s;
    50,000: 0.17 s). Cyclic garbage waits a little longer (at most ``threshold`` container
    allocations). The threshold is the process's, so it is raised while any task of this
    process extracts (a worker may run tasks on several threads) and restored after the last;
    a lower threshold already set (0 turns collection off) is kept."""
    with _GC_LOCK:
        if _GC_STATE["tasks"] == 0:
            saved = gc.get_threshold()
            _GC_STATE["saved"] = saved
            if 0 < saved[0] < threshold:
                gc.set_threshold(threshold, *saved[1:])
        _GC_STATE["tasks"] += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_STATE["tasks"] -= 1
            if _GC_STATE["tasks"] == 0:
                gc.set_threshold(*_GC_STATE["saved"])


def run_shard(shard: Shard, shards_dir: str, gazetteer_path: str | None) -> dict[str, Any]:
    """Extract one shard into ``shards_dir/<key>/``; returns its marker's content."""
    final = Path(shards_dir) / shard.key
    if is_done(final):
        return json.loads((final / MARKER).read_text(encoding="utf-8")) | {"reused": True}
    with fewer_young_collections():
        return _extract_shard(shard, final, gazetteer_path)


def _extract_shard(shard: Shard, final: Path, gazetteer_path: str | None) -> dict[str, Any]:
    started = time.time()
    t0 = time.perf_counter()
    cpu0 = time.process_time()  # CPU time: on a shared machine, wall time is not the task's
    extractor = extractor_for(gazetteer_path)
    t_open = time.perf_counter() - t0
    # plain records, not one small DataFrame per article: a DataFrame's own overhead times
    # thousands of articles was most of a worker's memory
    rows: dict[str, list[dict]] = {name: [] for name in SHARD_TABLES}
    articles, errors = [], []
    t_extract = t_minhash = 0.0
    src = shard.source
    for rec in read_range(src, shard.start, shard.stop):
        if isinstance(rec, BadRecord):
            errors.append(_error(src.path, src.sha256, rec.position, rec.article_id, rec.error))
            continue
        position = shard.start + len(articles) + len(errors)
        t1 = time.perf_counter()
        try:
            tables = extractor.extract(rec)
        except Exception as exc:  # one article's failure is a row, never a failed run
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            errors.append(_error(src.path, src.sha256, position, rec.id, detail[:500]))
            continue
        finally:
            t_extract += time.perf_counter() - t1
        text_sha = text_hash(rec.text)[:24]
        event_rows, mention_rows, claim_rows = _rows(tables)
        dated = [dict(r) for r in event_rows if r.get("mention_type") == "event"]
        meta = {
            "article_id": rec.id,
            "input_sha": src.sha256,
            "position": position,
            "title": rec.title,
            "outlet": rec.outlet,
            "url": rec.url,
            "published": rec.published.isoformat() if rec.published else None,
            "n_chars": len(rec.text),
            "n_events": len(dated),
            "text_sha": text_sha,
        }
        articles.append(meta)
        if dated:
            iso = {m.get("start"): m.get("admin1_iso") for m in mention_rows}
            t2 = time.perf_counter()
            sig = signature(rec.text)
            t3 = time.perf_counter()
            names = report_names(rec.text)  # reading the report: extraction's time, not MinHash's
            t_minhash += t3 - t2
            t_extract += time.perf_counter() - t3
            for k, row in enumerate(dated):
                row["admin1_iso"] = iso.get(row.get("location_start"))
                for key in ("published", "outlet", "url", "title", "input_sha", "position"):
                    row[key] = meta[key]
                row["text_sha"] = text_sha
                row["row"] = k
                row["bucket"] = bucket_of(row.get("country"), row.get("admin1"))
                row["minhash"] = sig
                row["names"] = names
            rows["events"].extend(dated)
        rows["mentions"].extend(mention_rows)
        rows["claims"].extend(claim_rows)
    rows["articles"] = articles
    rows["errors"] = errors
    marker = {
        "key": shard.key,
        "input": src.path,
        "input_sha": src.sha256,
        "start": shard.start,
        "stop": shard.stop,
        "articles": len(articles),
        "errors": len(errors),
        "events": len(rows["events"]),
        "buckets": sorted({int(r["bucket"]) for r in rows["events"]}),
    }
    t_write = time.perf_counter()
    _write_shard(final, rows, marker)
    t_write = time.perf_counter() - t_write
    delay = float(os.environ.get("EVENTMAP_CORPUS_SHARD_DELAY", "0") or 0)
    if delay > 0:  # restart drills: leave time to kill a run between two shards
        time.sleep(min(delay, 10.0))
    timing = {
        "open_s": round(t_open, 3),
        "extract_s": round(t_extract, 3),
        "minhash_s": round(t_minhash, 3),
        "write_s": round(t_write, 3),
        "total_s": round(time.perf_counter() - t0, 3),
        "cpu_s": round(time.process_time() - cpu0, 3),
        "pid": os.getpid(),
        "started": started,
    }
    return marker | {"reused": False, "timing": timing}


def _rows(tables: Any) -> tuple[list[dict], list[dict], list[dict]]:
    """The extractor's rows (its tables are built from them; reading them skips that)."""
    if hasattr(tables, "event_rows"):
        return tables.event_rows, tables.mention_rows, tables.claim_rows
    return (
        tables.events.to_dict("records"),
        tables.place_mentions.to_dict("records"),
        tables.claims.to_dict("records"),
    )


def _error(path: str, sha: str, position: int, article_id: str | None, error: str) -> dict:
    return {
        "input": Path(path).name,
        "input_sha": sha,
        "position": position,
        "article_id": article_id,
        "error": error,
    }


def _write_shard(final: Path, rows: dict[str, list[dict]], marker: dict) -> None:
    def fill(tmp: Path) -> None:
        for name in SHARD_TABLES:
            write_shard_table(name, rows[name], tmp / f"{name}.parquet")
        (tmp / MARKER).write_text(json.dumps(marker, sort_keys=True), encoding="utf-8")

    write_folder(final, fill)
