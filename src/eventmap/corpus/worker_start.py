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
"""

from __future__ import annotations

import os

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
