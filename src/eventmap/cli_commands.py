"""What each `eventmap` subcommand does, once its arguments are parsed.

Heavy libraries are imported inside each command, so that a one-name `geocode` answers in a
fraction of a second and a user error costs no import at all.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from eventmap.errors import EventmapError

if TYPE_CHECKING:
    import pandas as pd


def _chain(args: argparse.Namespace):
    from eventmap.online import ChainGeocoder, nominatim

    if not args.user_agent:
        raise EventmapError(
            "--online needs --user-agent 'yourapp/1.0 (you@example.org)' or EVENTMAP_USER_AGENT"
        )
    return ChainGeocoder(nominatim(args.user_agent), cache=args.cache)


def _print_table(frame: pd.DataFrame) -> None:
    import pandas as pd

    with pd.option_context(
        "display.max_rows",
        500,
        "display.max_columns",
        50,
        "display.width",
        200,
        "display.max_colwidth",
        60,
    ):
        print(frame.to_string(index=False) if not frame.empty else "(nothing found)")


GEOCODE_COLUMNS = (
    "query",
    "address",
    "latitude",
    "longitude",
    "kind",
    "admin1_iso",
    "qualifier",
    "match",
    "geonameid",
)


def cmd_geocode(args: argparse.Namespace) -> int:
    # No pandas/geopandas here: a one-name lookup should answer in a fraction of a second.
    from eventmap.geocode import OfflineGeocoder
    from eventmap.geocode_batch import geocode_rows

    geocoder = _chain(args) if args.online else OfflineGeocoder()
    codes = _country_codes(args.country, geocoder) if args.country else None
    rows, unresolved = geocode_rows(
        args.names,
        geocoder,
        country_codes=codes,
        progress=not args.quiet and len(args.names) >= 200,
    )
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False, default=str))
        for name, reason in unresolved:
            print(json.dumps({"query": name, "unresolved": reason}, ensure_ascii=False))
    else:
        print(_text_table([[row.get(c) for c in GEOCODE_COLUMNS] for row in rows], GEOCODE_COLUMNS))
        for name, reason in unresolved:
            print(f"unresolved: {name!r}: {reason}", file=sys.stderr)
    return 0 if not unresolved else 1


def _country_codes(text: str, geocoder: object) -> list[str]:
    """--country SY,LB checked against the gazetteer: a typo is an error, not 'no match'."""
    codes = [c.strip().upper() for c in text.split(",") if c.strip()]
    if not codes:
        raise EventmapError("--country needs ISO 3166-1 alpha-2 codes, e.g. SY,LB")
    gazetteer = getattr(geocoder, "gazetteer", None) or getattr(
        getattr(geocoder, "offline", None), "gazetteer", None
    )
    for code in codes:
        known = gazetteer.country_row(code) is not None if gazetteer is not None else True
        if len(code) != 2 or not code.isalpha() or not known:
            raise EventmapError(f"--country: unknown country code {code!r} (use e.g. SY, LB, UA)")
    return codes


def _text_table(rows: list[list[object]], columns: Sequence[str]) -> str:
    """A plain aligned table (what pandas would print, without importing pandas)."""
    if not rows:
        return "(nothing found)"

    def cell(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, float):
            return f"{value:.5f}".rstrip("0").rstrip(".")
        return " ".join(str(value).split())[:60]

    table = [list(columns)] + [[cell(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(columns))]
    return "\n".join(
        "  ".join(v.rjust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in table
    )


def cmd_places(args: argparse.Namespace) -> int:
    if args.jsonl:
        from eventmap.geoparse import geoparse_jsonl

        if not args.output:
            raise EventmapError("--jsonl needs -o OUT.jsonl")
        n = geoparse_jsonl(args.jsonl, args.output, progress=not args.quiet)
        if not args.quiet:
            print(f"wrote {n} documents to {args.output}", file=sys.stderr)
        return 0
    if not args.article:
        raise EventmapError("give an article file, or --jsonl IN -o OUT")
    from eventmap.article import load_article
    from eventmap.events import extract_events

    tables = extract_events(load_article(args.article, encoding=args.encoding))
    frame = tables.place_mentions
    if args.output:
        from eventmap.outputs import write_atomic
        from eventmap.spreadsheet import to_csv

        write_atomic(Path(args.output), lambda target: to_csv(frame, target))
    else:
        _print_table(
            frame[
                [
                    "start",
                    "end",
                    "text",
                    "role",
                    "resolved",
                    "name",
                    "kind",
                    "admin1_iso",
                    "latitude",
                    "longitude",
                    "confidence",
                    "reason",
                ]
            ]
        )
    return 0


def cmd_events(args: argparse.Namespace) -> int:
    if args.jsonl:
        from eventmap.batch import events_jsonl

        if not args.output:
            raise EventmapError("--jsonl needs -o OUT.jsonl")
        n = events_jsonl(args.jsonl, args.output, progress=not args.quiet)
        if not args.quiet:
            print(f"wrote {n} texts to {args.output}", file=sys.stderr)
        return 0
    if not args.article:
        raise EventmapError("give an article file, or --jsonl IN -o OUT")
    from eventmap.article import load_article
    from eventmap.events import extract_events

    tables = extract_events(load_article(args.article, encoding=args.encoding))
    parts = {
        "events": tables.events,
        "place_mentions": tables.place_mentions,
        "claims": tables.claims,
    }
    if args.output:
        from eventmap.outputs import clean_stale_temps, write_atomic
        from eventmap.spreadsheet import to_csv

        out = Path(args.output)
        clean_stale_temps(out)
        for name, frame in parts.items():
            target = out / f"{name}.{'json' if args.format == 'json' else 'csv'}"
            if args.format == "json":
                write_atomic(
                    target,
                    lambda t, f=frame: f.to_json(t, orient="records", force_ascii=False, indent=1),
                )
            else:
                write_atomic(target, lambda t, f=frame: to_csv(f, t))
            if not args.quiet:
                print(f"wrote {target}", file=sys.stderr)
        return 0
    if args.format == "json":
        print(
            json.dumps(
                {
                    k: json.loads(v.to_json(orient="records", force_ascii=False))
                    for k, v in parts.items()
                },
                ensure_ascii=False,
                indent=1,
            )
        )
    elif args.format == "csv":
        from eventmap.spreadsheet import to_csv

        to_csv(tables.events, sys.stdout)
    else:
        print("EVENTS")
        _print_table(
            tables.events[
                [
                    "mention_type",
                    "event_date",
                    "sub_event_type",
                    "actor1",
                    "actor2",
                    "admin1",
                    "location",
                    "geo_precision",
                    "fatalities",
                    "claimed_by",
                    "verified",
                ]
            ]
        )
        print("\nPLACE MENTIONS")
        _print_table(
            tables.place_mentions[["text", "role", "resolved", "name", "kind", "admin1_iso"]]
        )
        print("\nCLAIMS")
        _print_table(tables.claims[["claim_text", "quantity_text", "claimed_by"]])
    return 0


def cmd_map(args: argparse.Namespace) -> int:
    from eventmap.pipeline import extract, load_boundaries, resolve_online, write_outputs

    boundaries = load_boundaries(args.boundaries) if args.boundaries else None
    result = extract(args.articles, encoding=args.encoding, progress=not args.quiet)
    if args.online:
        resolve_online(result, _chain(args))
    png = {"auto": None, "yes": True, "no": False}[args.png]
    files = write_outputs(
        result, args.output, png=png, boundaries=boundaries, data_dir=args.data_out
    )
    for skipped, kept in result.duplicates:
        print(f"eventmap: warning: {skipped}: same text as {kept}; counted once", file=sys.stderr)
    for warning in result.warnings:
        print(f"eventmap: warning: {' '.join(warning.split())}", file=sys.stderr)
    if not args.quiet:
        print(
            f"{len(result.articles)} article(s), {len(result.dated_events)} dated event(s), "
            f"{len(result.events) - len(result.dated_events)} background, "
            f"{len(result.unresolved)} unresolved place(s)",
            file=sys.stderr,
        )
        for kind, path in files.items():
            print(f"  {kind:>14}: {path}", file=sys.stderr)
    return 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
    import time

    from eventmap.errors import GazetteerError
    from eventmap.gazetteer import FILES_REQUIRED, Gazetteer, ensure_index, index_path, verify
    from eventmap.gazetteer.integrity import IndexDamaged

    t0 = time.perf_counter()
    if args.action == "check":
        path = index_path()
        if not path.is_dir():
            raise GazetteerError(f"no index at {path}; build it with `eventmap gazetteer build`")
        try:
            verify(path, full=True, required=FILES_REQUIRED)
        except IndexDamaged as exc:
            raise GazetteerError(f"{exc}; rebuild it with `eventmap gazetteer build`") from None
        if not args.quiet:
            print(
                f"gazetteer: {path}: ok (sizes, headers, CRC-32 and SHA-256 of every file, "
                f"contents in range; {time.perf_counter() - t0:.2f} s)"
            )
        return 0
    path = ensure_index(force=args.force, required=FILES_REQUIRED)
    if args.action == "build" and not args.force:
        try:  # `build` promises a sound index: the full check, and a rebuild if it fails
            verify(path, full=True, required=FILES_REQUIRED)
        except IndexDamaged as exc:
            print(f"eventmap: gazetteer index damaged ({exc}); rebuilding it", file=sys.stderr)
            path = ensure_index(force=True, required=FILES_REQUIRED)
    g = Gazetteer(path)
    if not args.quiet:
        print(
            f"gazetteer: {path}\n  places: {len(g):,}  names: {g.meta['keys']:,}  "
            f"built in {g.meta['build_seconds']} s  (this call {time.perf_counter() - t0:.2f} s)"
        )
        for src in g.sources:
            print(f"  source: {src['name']} — {src['licence']}")
    return 0


def cmd_corpus(args: argparse.Namespace) -> int:
    from eventmap.corpus.command import cmd_corpus as run

    return run(args)
