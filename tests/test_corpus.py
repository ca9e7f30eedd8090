"""Corpus mode end to end: a small invented corpus run locally, restarted after a kill,
rerun with new shards, and run on a scheduler + 2 workers started here on loopback."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from eventmap.corpus import read_events, run_corpus
from eventmap.corpus.evaluation import predictions
from eventmap.corpus.synthetic import reports, write_jsonl

N = 36
SHARD = 6


def files_of(run: Path) -> dict[str, bytes]:
    """Every output's bytes, except the work folders and the manifest (it has timings)."""
    skip = ("shards", "parts", "manifest.json")
    return {
        str(p.relative_to(run)): p.read_bytes()
        for p in sorted(run.rglob("*"))
        if p.is_file() and p.relative_to(run).parts[0] not in skip
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    path = write_jsonl(root / "reports.jsonl", N, seed=7)
    with open(path, "a", encoding="utf-8") as fh:  # two bad records: both become error rows
        fh.write("{not json\n")
        fh.write(json.dumps({"id": "empty", "text": "   "}) + "\n")
    return path


@pytest.fixture(scope="module")
def local_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("runs") / "local"
    run_corpus([corpus], out, workers=0, shard_size=SHARD)
    return out


def test_local_run_merges_reports_of_one_incident(local_run: Path):
    manifest = json.loads((local_run / "manifest.json").read_text())
    assert manifest["counts"]["articles"] == N
    assert manifest["counts"]["errors"] == 2
    assert manifest["inputs"][0]["sha256"] and manifest["timings"]["stage_a_s"] >= 0
    assert set(manifest["rules"]) >= {"town_km", "near_km", "blocks", "grades"}
    incident = {r["id"]: r["incident"] for r in reports(N, seed=7)}
    sources = pd.read_parquet(local_run / "event_sources.parquet")
    sources["incident"] = sources["article_id"].map(incident)
    # every merged event holds reports of one incident only ...
    assert (sources.groupby("event_id")["incident"].nunique() == 1).all()
    # ... and the reports of an incident land in one event
    per_incident = sources.groupby("incident")["event_id"].nunique()
    assert (per_incident == 1).mean() >= 0.9
    events = read_events(local_run)
    assert len(events) == sources["event_id"].nunique()
    assert (events["n_sources"] <= events["n_articles"]).all()
    assert (events["fatalities_low"] <= events["fatalities"]).all()
    assert (events["fatalities"] <= events["fatalities_high"]).all()
    errors = pd.read_parquet(local_run / "errors.parquet")
    assert len(errors) == 2 and errors["error"].str.contains("JSON|no text").all()


def test_geoparquet_reads_back_with_geopandas(local_run: Path):
    parts = sorted((local_run / "events").glob("iso3=*/month=*/part-0.parquet"))
    assert parts and all(p.parts[-3] == "iso3=SYR" for p in parts)
    whole = gpd.read_parquet(local_run / "events")
    one = gpd.read_parquet(parts[0])
    assert whole.crs.to_epsg() == 4326 and one.crs.to_epsg() == 4326
    assert whole.geometry.notna().all() and len(whole) == len(read_events(local_run))
    gpkg = gpd.read_file(local_run / "events.gpkg")
    assert len(gpkg) == len(whole)
    csv = pd.read_csv(local_run / "events.csv")
    assert list(csv.columns[:3]) == ["event_id_cnty", "event_date", "year"]
    counts = pd.read_csv(local_run / "daily_counts.csv")
    assert counts["events"].sum() == len(whole)
    html = (local_run / "corpus_map.html").read_text(encoding="utf-8")
    assert "independent source" in html and "<script>alert" not in html
    n = json.loads((local_run / "manifest.json").read_text())["counts"]["articles"]
    assert f"a corpus of {n:,} articles" in html


def test_rerun_reuses_every_shard_and_changes_no_bytes(local_run: Path):
    before = files_of(local_run)
    result = run_corpus([next(iter(_inputs(local_run)))], local_run, workers=0, shard_size=SHARD)
    assert result.manifest["shards"]["redone"] == 0
    assert files_of(local_run) == before


def test_new_shards_keep_the_old_event_ids(corpus: Path, tmp_path: Path):
    more = write_jsonl(tmp_path / "more.jsonl", 12, seed=8)
    out = tmp_path / "grow"
    run_corpus([corpus], out, workers=0, shard_size=SHARD)
    old = pd.read_parquet(out / "event_sources.parquet")[["article_id", "row", "event_id"]]
    result = run_corpus([corpus, more], out, workers=0, shard_size=SHARD)
    assert result.manifest["shards"]["redone"] == 2  # only the new input's shards
    new = pd.read_parquet(out / "event_sources.parquet")[["article_id", "row", "event_id"]]
    both = old.merge(new, on=["article_id", "row"], suffixes=("_old", "_new"))
    assert len(both) == len(old)
    assert (both["event_id_old"] == both["event_id_new"]).all()


def test_restart_after_kill_redoes_only_unfinished_shards(
    corpus: Path, local_run: Path, tmp_path: Path
):
    out = tmp_path / "killed"
    cmd = [
        sys.executable,
        "-m",
        "eventmap.cli",
        "-q",
        "corpus",
        "run",
        str(corpus),
        "--out",
        str(out),
        "--workers",
        "0",
        "--shard-size",
        str(SHARD),
    ]
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ | {"EVENTMAP_CORPUS_SHARD_DELAY": "0.5"},
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(_done(out)) < 2:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    finished = _done(out)
    assert 2 <= len(finished) < (N + 2 + SHARD - 1) // SHARD
    assert not (out / "manifest.json").exists()
    redone: list[str] = []
    result = run_corpus(
        [corpus], out, workers=0, shard_size=SHARD, on_shard=lambda m: redone.append(m["key"])
    )
    assert result.manifest["shards"]["reused"] == len(finished)
    assert set(redone).isdisjoint(finished)
    assert files_of(out) == files_of(local_run)


def test_scheduler_and_two_workers_on_loopback_give_the_same_outputs(
    corpus: Path, local_run: Path, tmp_path: Path
):
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "distributed.cli.dask_scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--no-dashboard",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    ]
    try:
        for _ in range(2):
            procs.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "distributed.cli.dask_worker",
                        address,
                        "--host",
                        "127.0.0.1",
                        "--nthreads",
                        "1",
                        "--no-dashboard",
                        "--local-directory",
                        str(tmp_path / "dask"),
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        _wait_for_workers(address, 2)
        out = tmp_path / "cluster"
        result = run_corpus([corpus], out, scheduler=address, shard_size=SHARD)
        assert result.manifest["executor"] == {"kind": "scheduler", "workers": 2}
        assert files_of(out) == files_of(local_run)
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()


def test_predictions_in_the_kit_format(local_run: Path):
    items = predictions(local_run)
    assert len(items) == N
    with_events = [i for i in items if i["events"]]
    assert with_events
    ev = with_events[0]["events"][0]
    assert set(ev) == {
        "event_id",
        "event_date",
        "latitude",
        "longitude",
        "fatalities",
        "event_type",
    }
    # one main event per article: of its events, the one the most articles report
    assert all(len(i["events"]) <= 1 for i in items)
    every = {i["id"]: i["events"] for i in predictions(local_run, all_events=True)}
    size = read_events(local_run).set_index("event_id")["n_articles"]
    for item in with_events:
        best = max(size[e["event_id"]] for e in every[item["id"]])
        assert size[item["events"][0]["event_id"]] == best


def test_cli_reports_bad_inputs(tmp_path: Path):
    from eventmap.cli import main

    assert (
        main(["corpus", "run", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "r")]) == 2
    )
    (tmp_path / "x.csv").write_text("a,b\n")
    assert main(["corpus", "run", str(tmp_path / "x.csv"), "--out", str(tmp_path / "r")]) == 2


# --------------------------------------------------------------------------- helpers


def _inputs(run: Path) -> list[str]:
    return [i["path"] for i in json.loads((run / "manifest.json").read_text())["inputs"]]


def _done(out: Path) -> set[str]:
    """Finished shards: folders under their own key. A shard is written in a temporary
    folder ('.tmp-KEY-...') that holds the marker a moment before it is renamed; pathlib's
    glob matches such dot names too, and a kill in that moment (likelier under load, when
    the renaming process waits for a core) left one counted as finished though the rerun
    rightly redoes it."""
    return {
        p.parent.name
        for p in (out / "shards").glob("*/_SUCCESS.json")
        if not p.parent.name.startswith(".")
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_workers(address: str, n: int, timeout: float = 90.0) -> None:
    from distributed import Client

    with Client(address, timeout="60s") as client:
        client.wait_for_workers(n, timeout=timeout)


def test_partitions_agree_on_types_when_a_column_is_empty_in_one_month(
    local_run: Path, tmp_path: Path
):
    from eventmap.corpus.event_files import geoframe, write_geoparquet

    events = pd.DataFrame(read_events(local_run).drop(columns="geometry"))
    first = events["event_date"] < events["event_date"].max()[:7]
    events["verified"] = [None if f else True for f in first]
    write_geoparquet(geoframe(events), tmp_path / "events")
    back = gpd.read_parquet(tmp_path / "events")
    assert len(back) == len(events) and set(back["verified"].dropna()) <= {True}
