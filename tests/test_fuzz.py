"""Property tests: generated sidecars, article bytes, boundary files and argument lists go
through the real command line in-process; none may print a traceback, leave an unclear
error, write outside the output folder, leave a half-written set or a CSV formula.

The harness is ``benchmarks/fuzz_cli.py``; ``make bench`` runs 10,000 seeded cases of the
same families (bench_fuzz), these tests a few hundred hypothesis-shrunk ones.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.fuzz_cli import (
    HOSTILE_STRINGS,
    META_KEYS,
    SAFE_ARGV_TOKENS,
    TEXTS,
    Case,
    argv_without_browser,
    run_case,
)

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=50),
    st.sampled_from(HOSTILE_STRINGS),
)
json_value = st.recursive(
    json_leaf,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
sidecars = st.dictionaries(
    st.sampled_from(META_KEYS) | st.text(max_size=10), json_value, max_size=6
).map(lambda d: json.dumps(d).encode()) | st.binary(max_size=100)


@pytest.fixture(autouse=True)
def _no_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTMAP_CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setenv("EVENTMAP_OFFLINE", "1")


def check(case: Case) -> None:
    with tempfile.TemporaryDirectory(prefix="eventmap-fuzz-") as tmp:
        outcome = run_case(case, Path(tmp) / "case")
    assert outcome.ok, (case.argv, outcome.problems, outcome.stderr[-2000:])


@FUZZ
@given(sidecar=sidecars, text=st.sampled_from(TEXTS))
def test_generated_sidecars(sidecar: bytes, text: str) -> None:
    files = {"in/a.txt": text.encode(), "in/a.meta.json": sidecar}
    check(Case(files, ["events", "{root}/in/a.txt", "--format", "csv", "-o", "{root}/out", "-q"]))


@settings(FUZZ, max_examples=8)
@given(sidecar=sidecars)
def test_generated_sidecars_whole_map_runs(sidecar: bytes) -> None:
    files = {"in/a.txt": TEXTS[0].encode(), "in/a.meta.json": sidecar}
    check(Case(files, ["map", "{root}/in/a.txt", "-o", "{root}/out", "--png", "no", "-q"]))


@FUZZ
@given(
    data=st.binary(max_size=600) | st.text(max_size=300).map(lambda t: t.encode("utf-8", "replace"))
)
def test_generated_article_bytes(data: bytes) -> None:
    check(Case({"in/a.txt": data}, ["events", "{root}/in/a.txt", "-q"]))


geometries = st.one_of(
    st.none(),
    json_leaf,
    st.fixed_dictionaries(
        {
            "type": st.sampled_from(["Polygon", "MultiPolygon", "Point", "LineString", "x"]),
            "coordinates": st.recursive(
                st.floats(allow_nan=False, min_value=-400, max_value=400),
                lambda inner: st.lists(inner, max_size=5),
                max_leaves=12,
            ),
        }
    ),
)
boundary_files = st.one_of(
    st.binary(max_size=200),
    st.lists(
        st.fixed_dictionaries(
            {
                "type": st.just("Feature"),
                "properties": st.dictionaries(st.sampled_from(["name", "admin1", "x"]), json_leaf),
                "geometry": geometries,
            }
        ),
        max_size=3,
    ).map(lambda fs: json.dumps({"type": "FeatureCollection", "features": fs}).encode()),
)


@settings(FUZZ, max_examples=25)
@given(boundaries=boundary_files)
def test_generated_boundary_files(boundaries: bytes) -> None:
    files = {
        "in/a.txt": TEXTS[0].encode(),
        "in/a.meta.json": b'{"published": "2024-12-07"}',
        "in/b.geojson": boundaries,
    }
    argv = ["map", "{root}/in/a.txt", "-o", "{root}/out", "--png", "no", "-q"]
    check(Case(files, [*argv, "--boundaries", "{root}/in/b.geojson"]))


@FUZZ
@given(tokens=st.lists(st.sampled_from(SAFE_ARGV_TOKENS) | st.text(max_size=12), max_size=7))
def test_generated_argument_lists(tokens: list[str]) -> None:
    files = {
        "in/a.txt": TEXTS[1].encode(),
        "in/a.meta.json": b'{"published": "2024-12-07", "title": "=1+1"}',
        "in/b.geojson": b"{}",
        "in/a.jsonl": b'{"id": "x", "text": "Homs"}\n',
    }
    check(Case(files, argv_without_browser(tokens)))
