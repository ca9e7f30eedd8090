"""The `eventmap` command: geocode names, find places and events, draw and export maps.

User errors end with one clear line on stderr and exit code 2; no traceback unless --verbose.
The grammar is in cli_parser, what each command does in cli_commands.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence

from eventmap.cli_commands import (
    cmd_corpus,
    cmd_events,
    cmd_gazetteer,
    cmd_geocode,
    cmd_map,
    cmd_places,
)
from eventmap.cli_parser import build_parser, printable
from eventmap.errors import EventmapError

COMMANDS = {
    "geocode": cmd_geocode,
    "places": cmd_places,
    "events": cmd_events,
    "map": cmd_map,
    "gazetteer": cmd_gazetteer,
    "corpus": cmd_corpus,
}


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except BrokenPipeError:
        return _broken_pipe()
    args.quiet = getattr(args, "quiet", False)
    args.verbose = getattr(args, "verbose", False)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return COMMANDS[args.command](args)
    except BrokenPipeError:  # `eventmap ... | head`: the reader left; nothing to report
        return _broken_pipe()
    except KeyboardInterrupt:
        print("eventmap: interrupted", file=sys.stderr)
        return 130
    except (EventmapError, ValueError, OSError, UnicodeError) as exc:
        if args.verbose:
            raise
        print(f"eventmap: error: {user_message(exc)}", file=sys.stderr)
        return 2


def user_message(exc: BaseException) -> str:
    """One line for a user error: the file and the reason, never errno numbers or a
    multi-line library message."""
    if isinstance(exc, OSError) and not isinstance(exc, EventmapError) and exc.strerror:
        reason = exc.strerror[0].lower() + exc.strerror[1:]
        where = exc.filename if exc.filename is not None else None
        text = f"{where}: {reason}" if where is not None else reason
        if exc.filename2 is not None:
            text += f" ({exc.filename2})"
    else:
        text = str(exc) or type(exc).__name__
    line = printable(" ".join(text.split()))
    return line if len(line) <= 500 else line[:497] + "..."


def _broken_pipe() -> int:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # stdout is not a real file (tests capture it): nothing to silence
    return 141  # 128 + SIGPIPE, what a shell reports for a command cut off by `head`


if __name__ == "__main__":
    sys.exit(main())
