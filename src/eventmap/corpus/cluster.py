"""Where tasks run: in this process (small inputs), a LocalCluster, or a given scheduler.

The same task functions run in all three; only the executor differs. A local cluster
listens on loopback only and starts one single-threaded worker process per core (the
extractor is pure Python: threads would share one core).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

ARROW_POOL_ENV = "ARROW_DEFAULT_MEMORY_POOL"  # read by Arrow once, when pyarrow is imported
SERIAL_BELOW = 300  # articles: below this a cluster's start-up costs more than it saves
WORKER_START = "eventmap.corpus.worker_start"  # by name: importing it here would load it all
GAZETTEER_ENV = "EVENTMAP_WORKER_GAZETTEER"  # worker_start.GAZETTEER
PROFILE_ENV = "EVENTMAP_DASK_PROFILE"  # 1: local workers keep Dask's monitors (see _worker_costs)
QUIET_MONITORS = {  # local workers without a dashboard (see _worker_costs)
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
}


def arrow_on_malloc() -> bool:
    """Have this process's Arrow allocate from the C library's malloc, unless the user chose
    a pool (``ARROW_DEFAULT_MEMORY_POOL`` already set) or pyarrow is already imported (Arrow
    reads the variable once, when it is loaded: ``pa.set_memory_pool`` later does not reach
    the C++ readers, which keep the default pool). True when the variable now applies.

    Arrow's default pool, mimalloc, keeps what is freed for reuse: the outputs read the
    merged events back month by month and the client's memory grew with the months. Measured
    on the outputs of a 100,000-article invented run (write_outputs alone, one process, PSS
    peak): 547 MB with mimalloc, 374 MB with malloc; 319 and 318 MB at 10,000 articles.
    The worker processes get the same setting (worker_start.py, ``_local_cluster``)."""
    import sys

    if "pyarrow" in sys.modules:
        return os.environ.get(ARROW_POOL_ENV) == "system"
    os.environ.setdefault(ARROW_POOL_ENV, "system")
    return os.environ[ARROW_POOL_ENV] == "system"


class SerialExecutor:
    """Runs tasks one by one in this process, in order (the small-input path)."""

    kind = "serial"
    workers = 1
    dashboard = None

    def map_unordered(self, fn: Callable, items: Iterable, **kwargs: Any) -> Iterator:
        for item in items:
            yield fn(item, **kwargs)


class DaskExecutor:
    kind = "dask"

    def __init__(self, client: Any, kind: str, dashboard: bool = True) -> None:
        self.client = client
        self.kind = kind
        info = client.scheduler_info()
        self.workers = len(info.get("workers", {}))
        self.dashboard = _dashboard_link(client, info) if dashboard else None

    def map_unordered(self, fn: Callable, items: Iterable, **kwargs: Any) -> Iterator:
        from distributed import as_completed

        items = list(items)
        if not items:
            return
        keys = [f"{fn.__name__}-{_label(it)}" for it in items]
        futures = self.client.map(fn, items, key=keys, pure=False, **kwargs)
        try:
            for fut in as_completed(futures):
                yield fut.result()
        finally:
            for fut in futures:
                fut.release()


def _dashboard_link(client: Any, info: dict) -> str | None:
    """The scheduler's dashboard address, if it serves one (it needs bokeh where it runs)."""
    if "dashboard" not in info.get("services", {}):
        return None
    try:
        return str(client.dashboard_link)
    except Exception:  # a link we cannot form is simply not printed
        return None


def _label(item: Any) -> str:
    return str(getattr(item, "key", item))


@contextmanager
def executor(
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    n_articles: int = 0,
    dashboard: bool = False,
    gazetteer: str | None = None,
) -> Iterator[SerialExecutor | DaskExecutor]:
    """``workers=0`` (or a small input without a scheduler): serial; ``scheduler``: that
    cluster (its dashboard link is offered when it serves one); otherwise a LocalCluster of
    ``workers`` processes (default: the cores), with a dashboard on loopback only when
    ``dashboard`` is asked for (serving it costs the start-up ~1 s; locally the progress bar
    says the same). ``gazetteer``: the index the tasks will open, opened once before the
    local workers fork (worker_start)."""
    import logging

    for name in ("distributed", "distributed.scheduler", "distributed.core"):
        logging.getLogger(name).setLevel(logging.WARNING)
    if scheduler:
        from distributed import Client

        client = Client(scheduler, timeout="20s")
        try:
            yield DaskExecutor(client, "scheduler")
        finally:
            client.close()
        return
    if workers == 0 or (workers is None and n_articles < SERIAL_BELOW):
        yield SerialExecutor()
        return
    import dask
    from distributed import Client

    n = workers or max(1, min(os.cpu_count() or 1, 8))
    # workers forked from a forkserver that imported worker_start.py once (see there), for
    # this cluster's life only: a caller's own clusters keep their method. Where there is
    # no forkserver (Windows), Dask's method, each worker importing worker_start itself.
    forkserver = "forkserver" in multiprocessing.get_all_start_methods()
    method = dask.config.get("distributed.worker.multiprocessing-method")
    with dask.config.set(
        {
            "distributed.worker.multiprocessing-method": "forkserver" if forkserver else method,
            "distributed.worker.preload": [WORKER_START],  # its dask_setup, in each worker
        }
        | _worker_costs(dashboard)
    ):
        if forkserver:
            _preload_forkserver()
        with _local_cluster(n, dashboard, gazetteer) as cluster, Client(cluster) as client:
            yield DaskExecutor(client, "cluster", dashboard)


def _worker_costs(dashboard: bool) -> dict[str, Any]:
    """Dask worker settings that cost the extraction CPU and buy it nothing locally.

    Dask's nanny starts workers with ``MALLOC_TRIM_THRESHOLD_=65536``: glibc then hands any
    free heap above 64 KB back to the system and, the threshold being set, no longer raises
    its mmap threshold, so every allocation above 128 KB (numpy's MinHash arrays, Arrow's
    buffers) is mapped and unmapped each time. Measured on 500 kit articles, one worker:
    ~118 minor page faults per article against ~13 without it (the same as in-process), and
    ~2 % of the task CPU. Left unset here, glibc's own adaptive thresholds apply; a merge
    task still hands its freed memory back itself (merge_task.release_to_system). A variable
    set in the caller's environment is still inherited.

    Without a dashboard no one reads what Dask's monitors gather, yet they wake the worker's
    event loop, which then takes the interpreter's lock from the task: the profiler (every
    10 ms, for the Profile tab) is off, the event loop's health tick runs every second
    instead of every 20 ms and the system monitor (CPU, memory and network plots) every 5 s
    instead of 0.5 s. The worker's CPU outside the task's thread fell from 0.12 to 0.05 ms
    per kit article (the task's own from ~6.9 ms). The memory monitor, which pauses a
    worker near its limit, keeps Dask's interval. ``EVENTMAP_DASK_PROFILE=1`` keeps them all."""
    costs: dict[str, Any] = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}
    if not dashboard and os.environ.get(PROFILE_ENV, "") not in ("1", "true", "yes"):
        costs |= QUIET_MONITORS
    return costs


def _preload_forkserver() -> None:
    """The modules the forkserver imports before it forks any worker. It starts with the
    first worker, inheriting the environment Dask sets for workers just before they start
    (PYTHONHASHSEED, OMP_NUM_THREADS...), and serves every later cluster of this process
    (stage B's) until ``stop_forkserver``; once it runs, a new list is not read."""
    from distributed.utils import get_mp_context

    # Dask's context sets its own list (distributed and its packages) on first use; ours
    # replaces it: worker_start imports distributed and the extraction's modules
    get_mp_context().set_forkserver_preload(["distributed", WORKER_START])


def stop_forkserver() -> None:
    """Stop this process's forkserver when the run's last cluster has closed: it holds the
    workers' modules and extractor (~60 MB of PSS on its own once no worker shares its
    pages, measured during a 5,000-article run's outputs), which nothing needs any more;
    the next local cluster starts a new one. Left running while any process started from
    this one is alive (a caller's own), and where Python's forkserver has no ``_stop``."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return
    from multiprocessing import forkserver

    if multiprocessing.active_children():
        return
    with contextlib.suppress(AttributeError, OSError):
        forkserver._forkserver._stop()  # the method CPython's own tests use


def worker_state(_: Any = None) -> dict[str, Any]:
    """How the worker process running this task started (for the tests): whether it was
    forked with worker_start already imported, Arrow's memory pool, and the gazetteers it
    has an extractor for."""
    import sys

    preloaded = WORKER_START in sys.modules
    import pyarrow as pa

    from eventmap.corpus import extract

    return {
        "preloaded": preloaded,
        "arrow_pool": pa.default_memory_pool().backend_name,
        "extractors": sorted(extract._EXTRACTORS),
    }


def worker_settings(_: Any = None) -> dict[str, Any]:
    """Whether Dask's profiler runs in the worker running this task, its other monitors'
    intervals, and the malloc variables that worker started with (for the tests: see
    _worker_costs)."""
    import dask

    return {
        "profile": bool(dask.config.get("distributed.worker.profile.enabled")),
        "tick": dask.config.get("distributed.admin.tick.interval"),
        "system_monitor": dask.config.get("distributed.admin.system-monitor.interval"),
        "malloc_env": sorted(k for k in _start_environ() if k.startswith("MALLOC_")),
    }


def _start_environ() -> list[str]:
    """The names in this process's environment as it started (glibc's malloc reads its
    settings then: os.environ may have changed since); empty where /proc is not."""
    try:
        with open("/proc/self/environ", "rb") as fh:
            raw = fh.read()
    except OSError:
        return []
    return [item.split(b"=", 1)[0].decode(errors="replace") for item in raw.split(b"\0") if item]


@contextmanager
def _local_cluster(n: int, dashboard: bool, gazetteer: str | None) -> Iterator[Any]:
    from distributed import LocalCluster

    with _environ({GAZETTEER_ENV: gazetteer}):  # read by a forkserver starting now
        cluster = LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            # the scheduler's HTTP server always runs: loopback, a free port; bokeh's pages
            # only when asked
            dashboard_address="127.0.0.1:0",
            scheduler_kwargs={"dashboard": dashboard},
            memory_limit="auto",
            silence_logs=40,
            # Arrow on the C library's malloc: mimalloc keeps what a merge task frees (see
            # merge_task.release_freed_memory); set before the worker imports pyarrow
            # (worker_start sets it in the forkserver; this is for a worker started otherwise).
            # A pool the user chose is kept.
            env={ARROW_POOL_ENV: os.environ.get(ARROW_POOL_ENV) or "system"},
        )
    try:
        yield cluster
    finally:
        cluster.close()


@contextmanager
def _environ(values: dict[str, str | None]) -> Iterator[None]:
    """``values`` in this process's environment for the block (None: left as it is)."""
    before = {k: os.environ.get(k) for k in values}
    os.environ.update({k: v for k, v in values.items() if v is not None})
    try:
        yield
    finally:
        for k, v in before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
