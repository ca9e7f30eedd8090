"""What a local cluster's worker processes have loaded before their first task.

A spawned worker starts a fresh interpreter and imports ``distributed`` (~0.35 s of CPU),
then on its first task the extraction's modules (pandas, pyarrow, the extractor's: ~0.45 s),
every worker again and every stage's cluster again. cluster.py instead starts the workers
from a forkserver that imports this module once: each worker is a fork of a process that
has already imported all of it, so the imports are paid once per run (once per client
process), not once per worker and stage.

Arrow picks its default memory pool when pyarrow is imported, from
``ARROW_DEFAULT_MEMORY_POOL``: the variable must be set here, before the imports below, for
the forkserver and every worker forked from it to run Arrow on the C library's malloc (see
merge_task.release_freed_memory); the worker's own environment (cluster.py's ``env``) is
applied after the fork, too late for a pyarrow that is already imported.

The forkserver also opens the extractor for the gazetteer the run uses (its path in
``EVENTMAP_WORKER_GAZETTEER`` when the forkserver starts): ~0.3 s of CPU each worker paid
on its first task, paid once. The gazetteer is memory-mapped files, which forked processes
share safely. The objects are frozen out of the garbage collector first, so that collections
in the workers do not write to, and so copy, the pages they share with the forkserver.
Dask runs ``dask_setup`` in each worker before its first task: a worker forked after that
index folder was replaced (rebuilt under the same name) drops the extractor to open the new one.
"""

from __future__ import annotations

import gc
import os
from typing import Any

ARROW_POOL = {"ARROW_DEFAULT_MEMORY_POOL": "system"}

for _name, _value in ARROW_POOL.items():
    os.environ.setdefault(_name, _value)

# imported for their side effect (loaded before the fork), after the variable is set:
# ruff: noqa: E402, F401
import distributed

import eventmap.corpus.extract
import eventmap.corpus.merge_task
import eventmap.events
import eventmap.gazetteer
import eventmap.geocode
import eventmap.geoparse

GAZETTEER = "EVENTMAP_WORKER_GAZETTEER"  # the path the forkserver opens an extractor for


def _identity(path: str) -> tuple[int, int] | None:
    """The index folder's device and inode: a rebuilt index is a new folder renamed over
    the old one, so a new inode, while its mtime changes at every use (store._touch)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _open_extractor(path: str | None) -> tuple[str, tuple[int, int] | None] | None:
    """Open the extractor for ``path`` in this (the forkserver's) process; a failure is
    left to the worker's first task, which opens it again and reports what is wrong."""
    if not path:
        return None
    identity = _identity(path)
    try:
        eventmap.corpus.extract.extractor_for(path)
    except Exception:
        return None
    return path, identity


OPENED = _open_extractor(os.environ.get(GAZETTEER))
gc.freeze()


def dask_setup(worker: Any) -> None:
    """Dask's worker preload hook: keep the inherited extractor only if its index folder is
    still the one it was opened from."""
    if OPENED is not None and _identity(OPENED[0]) != OPENED[1]:
        eventmap.corpus.extract._EXTRACTORS.pop(OPENED[0], None)
