"""The `eventmap` command line's grammar: every subcommand, option and example.

Kept apart from the commands so that `eventmap --help` and a mistyped option never import
the geocoder, pandas or folium.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import NoReturn

from eventmap import __version__

EXAMPLES = {
    "geocode": 'eventmap geocode "Homs province" Hama "Dar\'a" --json',
    "places": "eventmap places seeds/000_fe935601f8305200.txt\n"
    "  eventmap places --jsonl articles.jsonl -o toponyms.jsonl",
    "events": "eventmap events seeds/000_fe935601f8305200.txt --format csv -o out/\n"
    "  eventmap events --jsonl texts.jsonl -o predictions.jsonl",
    "map": "eventmap map seeds/ -o maps --png auto",
    "gazetteer": "eventmap gazetteer build\n  eventmap gazetteer check",
    "corpus": "eventmap corpus run articles/ more.jsonl.gz --out runs/syria --workers 2",
}


class _Parser(argparse.ArgumentParser):
    """argparse whose error line stays one line when an argument holds a newline or CR."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {printable(message)}\n")


def printable(text: str) -> str:
    """Control characters shown escaped ('\\r'), so one message is one line."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def build_parser() -> argparse.ArgumentParser:
    """The whole grammar; the corpus subcommand adds its own options (corpus/command.py)."""
    p = _Parser(
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
    ev.add_argument("article", nargs="?", help="article .txt (its .meta.json sidecar is read)")
    ev.add_argument(
        "--jsonl", help="batch mode: {id or text_id, text, published} lines -> predictions"
    )
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

    from eventmap.corpus.command import add_parser as add_corpus  # corpus mode's own options

    add_corpus(sub, [common])

    gz = command("gazetteer", "Manage the offline gazetteer index.")
    gz.add_argument(
        "action",
        choices=("build", "info", "check"),
        help="build (rebuilds a missing or damaged index), info, or check (full checksums)",
    )
    gz.add_argument("--force", action="store_true", help="rebuild even if up to date")
    return p
