"""Where built indexes live, and how one comes to exist there safely.

The index sits in the user's cache directory under a name carrying ``source_version()``, so
indexes of different data or builder versions never mix. A build takes a file lock, writes
into a temporary directory, records the files' checksums (``integrity``) and renames it into
place: two processes building at once build once, and a crash mid-build leaves nothing
half-written. An index that fails its checks is rebuilt, with a one-line notice and a
progress bar, never read. Older versions are pruned.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from eventmap.errors import GazetteerError
from eventmap.gazetteer.integrity import IndexDamaged, verify, write_manifest
from eventmap.gazetteer.sources import source_version
from eventmap.outputs import write_folder

PRUNE_AFTER_S = 2 * 24 * 3600


def cache_dir() -> Path:
    """Where built indexes live; EVENTMAP_CACHE_DIR overrides the per-user default."""
    override = os.environ.get("EVENTMAP_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("eventmap"))


def index_path(directory: Path | None = None) -> Path:
    """Where the index of the installed data version is (or will be) kept."""
    return (directory or cache_dir()) / f"gazetteer-{source_version()}"


def index_problem(path: Path, required: Iterable[str] = ()) -> str | None:
    """Why the index at path cannot be used (missing, damaged), or None if it can."""
    if not path.is_dir():
        return "missing"
    try:
        verify(path, required=tuple(required))
    except IndexDamaged as exc:
        return str(exc)
    return None


def build_index(target: Path) -> None:
    """The builder, imported only when an index is built: opening one never needs it."""
    from eventmap.gazetteer.build import build_index as build

    build(target)


def ensure_index(
    directory: Path | None = None, *, force: bool = False, required: Iterable[str] = ()
) -> Path:
    """Return the directory of a complete, verified index, building it first if needed."""
    base = directory or cache_dir()
    try:
        base.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        raise GazetteerError(f"{base}: cannot create the gazetteer cache ({reason})") from exc
    final = base / f"gazetteer-{source_version()}"
    required = tuple(required)
    if not force and index_problem(final, required) is None:
        _touch(final)
        return final
    from filelock import FileLock

    with FileLock(str(base / "gazetteer.lock"), timeout=600):
        problem = None if force else index_problem(final, required)
        if not force and problem is None:
            return final  # another process finished it while we waited
        _announce(final, problem)

        def fill(tmp: Path) -> None:
            _build(tmp)
            write_manifest(tmp)
            verify(tmp, required=required)

        write_folder(final, fill, prefix=".building-")  # _prune clears crashed '.building-*'
        _prune(base, keep=final)
    return final


def _announce(final: Path, problem: str | None) -> None:
    """One line on stderr: a first build takes about a minute and should not look like a hang."""
    if problem is None:
        line = f"rebuilding the offline gazetteer index in {final}"
    elif problem == "missing":
        line = (
            f"building the offline gazetteer index in {final} "
            "(first run for this data version: about a minute, once)"
        )
    else:
        line = f"gazetteer index damaged ({problem}); rebuilding it"
    print(f"eventmap: {line}", file=sys.stderr, flush=True)


def _build(tmp: Path, expected_s: float = 60.0) -> None:
    """build_index(tmp) under a progress bar (on a terminal) that follows the clock: the
    builder reports no steps, and a bar that moves says the first run is not hung."""
    from tqdm.auto import tqdm

    done = threading.Event()
    with tqdm(
        total=round(expected_s), desc="gazetteer", unit="s", disable=None, leave=False
    ) as bar:

        def tick() -> None:
            while not done.wait(1.0):
                if bar.n < bar.total - 1:
                    bar.update(1)

        ticker = threading.Thread(target=tick, daemon=True)
        ticker.start()
        try:
            build_index(tmp)
        finally:
            done.set()
            ticker.join()
            bar.update(bar.total - bar.n)


def _touch(index: Path) -> None:
    """Mark the index as in use, so another installed version does not prune it."""
    with contextlib.suppress(OSError):  # a read-only cache still serves
        os.utime(index)


def _prune(base: Path, keep: Path) -> None:
    """Drop indexes of other source versions unused for PRUNE_AFTER_S (two checkouts or
    venvs of different versions share the cache without rebuilding each other's away), and
    leftovers of crashed builds."""
    now = time.time()
    for old in base.glob("gazetteer-*"):
        try:
            unused = now - old.stat().st_mtime > PRUNE_AFTER_S
        except OSError:
            continue
        if old != keep and old.is_dir() and unused:
            shutil.rmtree(old, ignore_errors=True)
    for stale in base.glob(".building-*"):
        if time.time() - stale.stat().st_mtime > 3600:
            shutil.rmtree(stale, ignore_errors=True)
