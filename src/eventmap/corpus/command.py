"""``eventmap corpus run INPUT... --out runs/NAME [--workers N | --scheduler tcp://HOST:PORT]``.

Registered by ``eventmap.cli`` through ``add_parser``/``COMMAND``, so that the corpus
subcommand's options and code live here and cli_parser.py keeps one small hook.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eventmap.errors import EventmapError

EXAMPLE = (
    "eventmap corpus run articles/ more.jsonl.gz --out runs/syria --workers 2\n"
    "  eventmap corpus run feed.parquet --out runs/feed --scheduler tcp://127.0.0.1:8786\n"
    "  eventmap corpus predictions runs/syria -o predictions.jsonl"
)


def add_parser(sub: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]) -> None:
    cp = sub.add_parser(
        "corpus",
        parents=parents,
        help="Many articles from many outlets to one deduplicated event dataset (Dask).",
        description="Corpus mode: extract every article (stage A, one task per shard), merge "
        "reports of one incident into one event (stage B), write GeoParquet, tables, "
        "exports, a map and a manifest. Restartable: a rerun redoes only unfinished shards.",
        epilog=f"examples:\n  {EXAMPLE}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = cp.add_subparsers(dest="corpus_action", required=True, metavar="ACTION")
    run = actions.add_parser("run", parents=parents, help="run a corpus into a run folder")
    run.add_argument(
        "inputs", nargs="+", help="folders of .txt (+ .meta.json), .jsonl, .jsonl.gz, .parquet"
    )
    run.add_argument("--out", required=True, help="run folder, e.g. runs/NAME")
    where = run.add_mutually_exclusive_group()
    where.add_argument(
        "--workers",
        type=int,
        help="local worker processes (default: one per core; 0 = in this process)",
    )
    where.add_argument("--scheduler", help="address of a running Dask scheduler, tcp://HOST:PORT")
    run.add_argument(
        "--shard-size",
        type=int,
        help="articles per shard task (default: about 4 shards per local worker, at most "
        "2,000; 2,000 on a --scheduler)",
    )
    run.add_argument("--no-map", action="store_true", help="skip corpus_map.html")
    run.add_argument(
        "--dashboard",
        action="store_true",
        help="serve the local cluster's Dask dashboard on 127.0.0.1 and print its address "
        "(a --scheduler's own dashboard is always printed when it has one)",
    )
    pred = actions.add_parser(
        "predictions", parents=parents, help="write the dedup kit's prediction format from a run"
    )
    pred.add_argument("run", help="run folder")
    pred.add_argument("-o", "--output", required=True, help="predictions .jsonl")


def cmd_corpus(args: argparse.Namespace) -> int:
    if args.corpus_action == "predictions":
        from eventmap.corpus.evaluation import write_predictions

        n = write_predictions(args.run, args.output)
        if not args.quiet:
            print(f"wrote {n} articles' predictions to {args.output}", file=sys.stderr)
        return 0
    from eventmap.corpus.cluster import arrow_on_malloc

    arrow_on_malloc()  # before the run's modules import pyarrow (see there)
    from eventmap.corpus.runner import run_corpus

    if args.workers is not None and args.workers < 0:
        raise EventmapError("--workers must be 0 or more")
    if args.scheduler and not args.scheduler.startswith(("tcp://", "tls://", "inproc://")):
        raise EventmapError("--scheduler takes an address like tcp://127.0.0.1:8786")
    result = run_corpus(
        args.inputs,
        Path(args.out),
        workers=args.workers,
        scheduler=args.scheduler,
        shard_size=args.shard_size,
        progress=not args.quiet,
        map_html=not args.no_map,
        dashboard=args.dashboard,
    )
    if not args.quiet:
        c, t, s = result.counts, result.manifest["timings"], result.manifest["shards"]
        print(
            f"{c['articles']:,} article(s), {c['errors']:,} error(s), "
            f"{c['event_mentions']:,} dated event mention(s) -> {c['events']:,} event(s), "
            f"{c['candidate_links']:,} candidate link(s) for review\n"
            f"shards: {s['redone']} run, {s['reused']} reused; {t['total_s']:.1f} s "
            f"(extraction {t['stage_a_s']:.1f} s, merging {t['stage_b_s']:.1f} s)\n"
            f"  outputs in {result.out}",
            file=sys.stderr,
        )
    return 0
