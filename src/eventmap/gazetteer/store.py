"""Where built indexes live, and how one comes to exist there safely.

The index sits in the user's cache directory under a name carrying ``source_version()``, so
indexes of different data or builder versions never mix. A build takes a file lock, writes
into a temporary directory and renames it into place: two processes building at once build
once, and a crash mid-build leaves nothing half-written. Older versions are pruned.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from filelock import FileLock
from platformdirs import user_cache_dir

from eventmap.gazetteer.build import build_index
from eventmap.gazetteer.sources import source_version


def cache_dir() -> Path:
    """Where built indexes live; EVENTMAP_CACHE_DIR overrides the per-user default."""
    override = os.environ.get("EVENTMAP_CACHE_DIR")
    return Path(override) if override else Path(user_cache_dir("eventmap"))


def ensure_index(directory: Path | None = None, *, force: bool = False) -> Path:
    """Return the directory of a complete index, building it first if needed."""
    base = directory or cache_dir()
    base.mkdir(parents=True, exist_ok=True)
    final = base / f"gazetteer-{source_version()}"
    if (final / "meta.json").exists() and not force:
        return final
    with FileLock(str(base / "gazetteer.lock"), timeout=600):
        if (final / "meta.json").exists() and not force:
            return final  # another process finished it while we waited
        tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=base))
        try:
            build_index(tmp)
            if final.exists():
                shutil.rmtree(final)
            os.replace(tmp, final)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        _prune(base, keep=final)
    return final


def _prune(base: Path, keep: Path) -> None:
    """Drop indexes of older source versions and leftovers of crashed builds."""
    for old in base.glob("gazetteer-*"):
        if old != keep and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    for stale in base.glob(".building-*"):
        if time.time() - stale.stat().st_mtime > 3600:
            shutil.rmtree(stale, ignore_errors=True)
