"""Where corpus tasks run: serial, a local cluster on loopback, or a given scheduler."""

from __future__ import annotations

import os

import psutil
import pytest

from eventmap.corpus.cluster import (
    PROFILE_ENV,
    SerialExecutor,
    _dashboard_link,
    executor,
    stop_forkserver,
    worker_settings,
    worker_state,
)


class _Client:
    dashboard_link = "http://127.0.0.1:8787/status"


def test_dashboard_link_only_when_the_scheduler_serves_one() -> None:
    assert _dashboard_link(_Client(), {"services": {}}) is None
    assert _dashboard_link(_Client(), {"services": {"dashboard": 8787}}).endswith("/status")


def test_small_inputs_run_serially() -> None:
    with executor(n_articles=10) as ex:
        assert isinstance(ex, SerialExecutor)
        assert list(ex.map_unordered(abs, [-1, -2])) == [1, 2]


def test_local_cluster_dashboard_on_loopback_only_when_asked() -> None:
    with executor(workers=1, dashboard=True) as ex:
        assert ex.kind == "cluster" and ex.workers == 1
        assert ex.dashboard and ex.dashboard.startswith("http://127.0.0.1:")
        assert sorted(ex.map_unordered(abs, [-3, -4])) == [3, 4]
        assert [s["profile"] for s in ex.map_unordered(worker_settings, [1])] == [True]
    with executor(workers=1) as ex:
        assert ex.dashboard is None


def test_local_cluster_http_server_stays_on_loopback_without_dashboard() -> None:
    with executor(workers=1) as ex:
        http = ex.client.cluster.scheduler.http_server
        hosts = {sock.getsockname()[0] for sock in http._sockets.values()}
        assert hosts == {"127.0.0.1"}


def test_local_workers_start_with_the_extraction_imported_and_arrow_on_malloc() -> None:
    """Workers are forked from a forkserver that imported worker_start: Arrow's pool must
    still be the C library's malloc, chosen when pyarrow was imported there; a second
    cluster's workers come from the same forkserver."""
    for _ in range(2):
        with executor(workers=2) as ex:
            states = list(ex.map_unordered(worker_state, [1, 2]))
        assert [(s["preloaded"], s["arrow_pool"]) for s in states] == [(True, "system")] * 2


def _forkservers() -> list[psutil.Process]:
    return [p for p in psutil.Process().children() if "forkserver" in " ".join(p.cmdline())]


def test_the_forkserver_stops_only_once_its_workers_are_gone() -> None:
    with executor(workers=1) as ex:
        assert list(ex.map_unordered(abs, [-1])) == [1]
        stop_forkserver()  # a worker forked from it is alive: left running
        assert len(_forkservers()) == 1
    stop_forkserver()
    assert not _forkservers()


def test_local_workers_without_dasks_malloc_trim_nor_unread_monitors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No dashboard: no profiler and slower monitors (unless the variable asks for Dask's);
    glibc's malloc keeps its own thresholds (Dask's MALLOC_TRIM_THRESHOLD_ made every big
    allocation a fresh mapping)."""
    monkeypatch.delenv(PROFILE_ENV, raising=False)
    with executor(workers=1) as ex:
        (state,) = ex.map_unordered(worker_settings, [1])
    assert state["profile"] is False
    assert (state["tick"], state["system_monitor"]) == ("1s", "5s")
    if "MALLOC_TRIM_THRESHOLD_" not in os.environ:  # a caller's own setting is inherited
        assert "MALLOC_TRIM_THRESHOLD_" not in state["malloc_env"]
    monkeypatch.setenv(PROFILE_ENV, "1")
    with executor(workers=1) as ex:
        (state,) = ex.map_unordered(worker_settings, [1])
    assert state["profile"] is True and state["tick"] == "20ms"


def _pool_after(env: dict[str, str], code: str) -> str:
    """Arrow's default pool in a fresh interpreter that runs ``code`` first."""
    import subprocess
    import sys

    base = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    script = f"{code}\nimport pyarrow as pa\nprint(pa.default_memory_pool().backend_name)"
    done = subprocess.run(
        [sys.executable, "-c", script], env=base | env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_the_corpus_command_puts_arrow_on_malloc_unless_the_user_chose() -> None:
    run = "from eventmap.corpus.cluster import arrow_on_malloc\nassert arrow_on_malloc() is {}"
    assert _pool_after({}, run.format(True)) == "system"
    assert _pool_after({"ARROW_DEFAULT_MEMORY_POOL": "mimalloc"}, run.format(False)) == "mimalloc"
    # too late once pyarrow is loaded: the default stays, and the answer says so
    late = "import pyarrow\n" + run.format(False)
    assert _pool_after({}, late) != "system"


def test_the_corpus_command_runs_arrow_on_malloc(tmp_path) -> None:
    from eventmap.corpus.synthetic import write_jsonl

    src = write_jsonl(tmp_path / "in.jsonl.gz", 3, seed=1)
    argv = ["corpus", "run", str(src), "--out", str(tmp_path / "run"), "--workers", "0"]
    code = f"from eventmap.cli import main\nassert main({[*argv, '--no-map', '-q']!r}) == 0"
    assert _pool_after({}, code) == "system"
