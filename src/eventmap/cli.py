"""The `eventmap` command: geocode names, find places and events, draw and export maps.

User errors end with one clear line on stderr and exit code 2; no traceback unless --verbose.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from eventmap import __version__
from eventmap.errors import EventmapError

EXAMPLES = {
    "geocode": 'eventmap geocode "Homs province" Hama "Dar\'a" --json',
    "places": "eventmap places seeds/000_fe935601f8305200.txt\n"
    "  eventmap places --jsonl articles.jsonl -o toponyms.jsonl",
    "events": "eventmap events seeds/000_fe935601f8305200.txt --format csv -o out/",
    "map": "eventmap map seeds/ -o maps --png auto",
    "gazetteer": "eventmap gazetteer build",
}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="eventmap",
        description="Turn news articles about armed conflict into geocoded ACLED-style events "
        "and annotated maps. Offline by default.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  " + "\n  ".join(EXAMPLES.values()),
    )
    p.add_argument("--version", action="version", version=f"eventmap {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    for parser in (p, common):  # -q/-v before or after the command
        noise = parser.add_mutually_exclusive_group()
        noise.add_argument(
            "-q",
            "--quiet",
            action="store_true",
            default=argparse.SUPPRESS,
            help="print only results and errors",
        )
        noise.add_argument(
            "-v",
            "--verbose",
            action="store_true",
            default=argparse.SUPPRESS,
            help="log details; show tracebacks",
        )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            parents=[common],
            help=help_,
            description=help_,
            epilog=f"example:\n  {EXAMPLES[name]}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    g = command("geocode", "Geocode place names offline (GeoNames); opt-in online fallback.")
    g.add_argument("names", nargs="+", help="place names, e.g. 'Homs province' 'city of Hama'")
    g.add_argument("--json", action="store_true", help="JSON lines instead of a table")
    g.add_argument("--country", help="restrict to these ISO country codes, e.g. SY,LB")
    g.add_argument(
        "--online",
        action="store_true",
        help="ask Nominatim (cached, rate-limited) for names the gazetteer lacks",
    )
    g.add_argument("--cache", default="data/geocode_cache.sqlite", help="online answer cache")
    g.add_argument(
        "--user-agent",
        default=os.environ.get("EVENTMAP_USER_AGENT"),
        help="your application and contact, required by Nominatim",
    )

    pl = command("places", "List the places an article names, with their roles.")
    pl.add_argument("article", nargs="?", help="article .txt (its .meta.json sidecar is read)")
    pl.add_argument("--jsonl", help="batch mode: read {id, text} lines from this file")
    pl.add_argument("-o", "--output", help="batch output (.jsonl) or table output (.csv)")
    pl.add_argument("--encoding", default="utf-8")

    ev = command("events", "Extract ACLED-style events, place mentions and claims.")
    ev.add_argument("article", help="article .txt (its .meta.json sidecar is read)")
    ev.add_argument("--format", choices=("table", "csv", "json"), default="table")
    ev.add_argument("-o", "--output", help="folder for events.csv, place_mentions.csv, claims.csv")
    ev.add_argument("--encoding", default="utf-8")

    mp = command("map", "Draw one annotated map of all events in the given articles.")
    mp.add_argument("articles", nargs="+", help="article files or folders of .txt articles")
    mp.add_argument("-o", "--output", default="maps", help="output folder (default: maps)")
    mp.add_argument(
        "--png",
        nargs="?",
        const="yes",
        default="auto",
        choices=("auto", "yes", "no"),
        help="also a PNG screenshot via headless Chromium: --png (required), --png no, "
        "or auto (default: when a browser is installed)",
    )
    mp.add_argument("--data-out", help="folder for events.csv/.geojson/.gpkg (default: output)")
    mp.add_argument(
        "--boundaries", help="admin1 polygons (GeoJSON/GeoPackage/shapefile) for a choropleth"
    )
    mp.add_argument(
        "--online",
        action="store_true",
        help="also ask Nominatim about unresolved places (cached; reported only)",
    )
    mp.add_argument("--user-agent", default=os.environ.get("EVENTMAP_USER_AGENT"))
    mp.add_argument("--cache", default="data/geocode_cache.sqlite")
    mp.add_argument("--encoding", default="utf-8")

    gz = command("gazetteer", "Manage the offline gazetteer index.")
    gz.add_argument("action", choices=("build", "info"))
    gz.add_argument("--force", action="store_true", help="rebuild even if up to date")
    return p


def _chain(args: argparse.Namespace):
    from eventmap.online import ChainGeocoder, nominatim

    if not args.user_agent:
        raise EventmapError(
            "--online needs --user-agent 'yourapp/1.0 (you@example.org)' or EVENTMAP_USER_AGENT"
        )
    return ChainGeocoder(nominatim(args.user_agent), cache=args.cache)


def _print_table(frame: pd.DataFrame) -> None:
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


def cmd_geocode(args: argparse.Namespace) -> int:
    from eventmap.geocode import OfflineGeocoder, geocode_many

    geocoder = _chain(args) if args.online else OfflineGeocoder()
    codes = args.country.split(",") if args.country else None
    frame, unresolved = geocode_many(
        args.names,
        geocoder,
        country_codes=codes,
        progress=not args.quiet and len(args.names) >= 200,
    )
    if args.json:
        for row in frame.drop(columns="geometry").to_dict("records"):
            print(json.dumps(row, ensure_ascii=False, default=str))
        for name, reason in unresolved:
            print(json.dumps({"query": name, "unresolved": reason}, ensure_ascii=False))
    else:
        _print_table(
            frame[
                [
                    "query",
                    "address",
                    "latitude",
                    "longitude",
                    "kind",
                    "admin1_iso",
                    "qualifier",
                    "match",
                    "geonameid",
                ]
            ]
        )
        for name, reason in unresolved:
            print(f"unresolved: {name!r}: {reason}", file=sys.stderr)
    return 0 if not unresolved else 1


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
        frame.to_csv(args.output, index=False)
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
    from eventmap.article import load_article
    from eventmap.events import extract_events

    tables = extract_events(load_article(args.article, encoding=args.encoding))
    parts = {
        "events": tables.events,
        "place_mentions": tables.place_mentions,
        "claims": tables.claims,
    }
    if args.output:
        out = Path(args.output)
        out.mkdir(parents=True, exist_ok=True)
        for name, frame in parts.items():
            target = out / f"{name}.{'json' if args.format == 'json' else 'csv'}"
            if args.format == "json":
                frame.to_json(target, orient="records", force_ascii=False, indent=1)
            else:
                frame.to_csv(target, index=False)
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
        tables.events.to_csv(sys.stdout, index=False)
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
    from eventmap.pipeline import extract, resolve_online, write_outputs

    if args.boundaries and not Path(args.boundaries).is_file():
        raise EventmapError(f"{args.boundaries}: no such boundary file")
    result = extract(args.articles, encoding=args.encoding, progress=not args.quiet)
    if args.online:
        resolve_online(result, _chain(args))
    png = {"auto": None, "yes": True, "no": False}[args.png]
    files = write_outputs(
        result, args.output, png=png, boundaries=args.boundaries, data_dir=args.data_out
    )
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

    from eventmap.gazetteer import Gazetteer, ensure_index

    t0 = time.perf_counter()
    path = ensure_index(force=args.force) if args.action == "build" else ensure_index()
    g = Gazetteer(path)
    if not args.quiet:
        print(
            f"gazetteer: {path}\n  places: {len(g):,}  names: {g.meta['keys']:,}  "
            f"built in {g.meta['build_seconds']} s  (this call {time.perf_counter() - t0:.2f} s)"
        )
        for src in g.sources:
            print(f"  source: {src['name']} — {src['licence']}")
    return 0


COMMANDS = {
    "geocode": cmd_geocode,
    "places": cmd_places,
    "events": cmd_events,
    "map": cmd_map,
    "gazetteer": cmd_gazetteer,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    args.quiet = getattr(args, "quiet", False)
    args.verbose = getattr(args, "verbose", False)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return COMMANDS[args.command](args)
    except (EventmapError, ValueError, OSError) as exc:
        if args.verbose:
            raise
        print(f"eventmap: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("eventmap: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
