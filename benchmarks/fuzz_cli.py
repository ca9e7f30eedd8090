"""Hostile inputs through the real command line, in-process: the fuzz harness.

One *case* is a set of input files (article text, sidecar, boundary file) and an argument
list. :func:`run_case` writes the files into a fresh folder, calls ``eventmap.cli.main``
with stdout/stderr captured and checks the contract of issue 11:

- no exception escapes ``main`` and nothing prints a traceback (``tracebacks``);
- the exit code is 0, 1, 2 or 141, and a user error ends with one ``eventmap: error:`` line
  (``unclear``);
- no file appears or changes outside the output folders (``outside``);
- an output folder holds no temporary file afterwards, a failed run changed nothing in it,
  and a manifest's files all exist with the recorded hashes (``half_written``).

Used by ``tests/test_fuzz.py`` (hypothesis strategies, a few hundred cases) and by
``benchmarks/bench_fuzz.py`` (>= 10,000 seeded random cases, run by ``make bench``).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import random
import shutil
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventmap.cli import main

MANIFEST_SUFFIX = ".manifest.json"

IN, OUT, DATA = "in", "out", "data"


@dataclass
class Case:
    """Files to create (relative path -> bytes) and argv with {root} placeholders."""

    files: dict[str, bytes]
    argv: list[str]
    kind: str = "argv"


@dataclass
class Outcome:
    code: int | None
    problems: dict[str, list[str]] = field(default_factory=dict)
    stderr: str = ""

    @property
    def ok(self) -> bool:
        return not any(self.problems.values())


def _snapshot(root: Path) -> dict[str, tuple[int, str]]:
    found: dict[str, tuple[int, str]] = {}
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            path = Path(dirpath) / name
            try:
                data = path.read_bytes()
            except OSError:
                continue
            found[str(path.relative_to(root))] = (len(data), hashlib.sha256(data).hexdigest())
    return found


def run_case(case: Case, root: Path) -> Outcome:
    """Run one case in root (created empty, removed after); return what went wrong."""
    if root.exists():
        shutil.rmtree(root)
    work = root / "work"
    (work / IN).mkdir(parents=True)
    for rel, data in case.files.items():
        target = work / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    argv = [a.replace("{root}", str(work)) for a in case.argv]
    outputs = [work / OUT, work / DATA, work / "cwd"]  # relative paths land in cwd
    (work / "cwd").mkdir()
    before = _snapshot(root)
    stdout, stderr = io.StringIO(), io.StringIO()
    problems: dict[str, list[str]] = {
        "tracebacks": [],
        "unclear": [],
        "outside": [],
        "half": [],
        "formulas": [],
    }
    code: int | None = None
    with (
        contextlib.chdir(work / "cwd"),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        except BaseException as exc:
            problems["tracebacks"].append(
                f"{type(exc).__name__}: {exc}"[:300] + "\n" + traceback.format_exc()[-1500:]
            )
    err = stderr.getvalue()
    if "Traceback (most recent call last)" in err:
        problems["tracebacks"].append(err[-1500:])
    lines = [line for line in err.splitlines() if line.strip()]
    if code not in (0, 1, 2, 141, None):
        problems["unclear"].append(f"exit code {code}")
    if code == 2 and lines and not lines[-1].startswith("eventmap") and "error:" not in lines[-1]:
        problems["unclear"].append(f"last stderr line: {lines[-1][:200]}")
    if code == 2 and lines and lines[-1].startswith("eventmap: error:"):
        errors = [line for line in lines if line.startswith("eventmap: error:")]
        if len(errors) != 1:
            problems["unclear"].append(f"{len(errors)} error lines")
    after = _snapshot(root)
    for rel, stamp in after.items():
        inside_outputs = any((root / rel).is_relative_to(folder) for folder in outputs)
        if not inside_outputs and before.get(rel) != stamp:
            problems["outside"].append(rel)
    for folder in outputs:
        problems["half"].extend(_half_written(folder, before, after, root, failed=code != 0))
        problems["formulas"].extend(_formulas(folder))
    shutil.rmtree(root, ignore_errors=True)
    return Outcome(code, problems, err)


def _half_written(
    folder: Path, before: dict, after: dict, root: Path, *, failed: bool
) -> list[str]:
    if not folder.is_dir():
        return []
    found: list[str] = []
    prefix = str(folder.relative_to(root))
    changed = [
        rel for rel, stamp in after.items() if rel.startswith(prefix) and before.get(rel) != stamp
    ]
    for rel in changed:
        if Path(rel).name.startswith("."):  # eventmap's temporary files are hidden
            found.append(f"temporary file left: {rel}")
        elif failed:
            found.append(f"a failed run changed {rel}")
    for manifest in folder.glob(f"*{MANIFEST_SUFFIX}"):
        record = json.loads(manifest.read_text(encoding="utf-8"))
        for entry in record.get("files", {}).values():
            target = folder / entry["path"]
            if not target.is_file():
                found.append(f"{manifest.name}: missing {entry['path']}")
            elif hashlib.sha256(target.read_bytes()).hexdigest() != entry["sha256"]:
                found.append(f"{manifest.name}: {entry['path']} differs from its hash")
    return found


def _formulas(folder: Path) -> list[str]:
    """CSV cells a spreadsheet would run (numbers such as -33.5 are fine)."""
    if not folder.exists():
        return []
    found = []
    files = [folder] if folder.is_file() else list(folder.glob("*.csv"))
    for table in files:
        try:
            rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8"))))
        except (OSError, UnicodeDecodeError, csv.Error):
            continue
        for row in rows[1:]:
            for cell in row:
                if cell.startswith(("=", "+", "@", "\t", "\r")) or (
                    cell.startswith("-") and not _number(cell)
                ):
                    found.append(f"{table.name}: {cell[:60]!r}")
    return found


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------- generators

TEXTS = (
    "Syrian army artillery shelled the countryside of Homs on Saturday, killing three people.",
    "Airstrikes hit Idlib and Aleppo on 3 December 2024; 12 fighters were killed, SANA said.",
    '<script>alert(1)</script> Clashes near Daraa. =HYPERLINK("http://x","y") @SUM(A1)',
    "Russian warplanes struck Hama. -2+3 +cmd|' /C calc'!A0 \t=1+1",
    "Nothing happened anywhere today.",
)
HOSTILE_STRINGS = (
    "../../escaped_id",
    "../escaped",
    "/tmp/eventmap_fuzz_escape",
    "a/b/c",
    "bell\x07",
    "new\nline",
    "..",
    ".",
    "",
    " ",
    "con",
    "nul.txt",
    "\u202egnp.exe",
    "=1+1",
    "+cmd",
    "-2",
    "@SUM(A1)",
    "\t=x",
    "\r=x",
    "<img src=x onerror=alert(1)>",
    "x" * 300,
    "ü" * 40,
    "\x00",
    "\ud800",
    "2024-12-07",
    "2024-02-30",
    "7 Dec 2024",
)
JSON_VALUES: tuple[Any, ...] = (
    None,
    True,
    0,
    -1,
    1e308,
    42,
    [],
    ["a", 1],
    {"x": 1},
    [["nested"]],
    "t" * 5000,
)
META_KEYS = ("id", "title", "outlet", "source_chain", "published", "url", "language", "notes")


def random_value(rng: random.Random) -> Any:
    roll = rng.random()
    if roll < 0.55:
        return rng.choice(HOSTILE_STRINGS)
    if roll < 0.75:
        return rng.choice(JSON_VALUES)
    if roll < 0.9:
        return [rng.choice(HOSTILE_STRINGS) for _ in range(rng.randint(0, 4))]
    return "".join(chr(rng.randint(0, 0x2FFF)) for _ in range(rng.randint(0, 30)))


def random_sidecar(rng: random.Random) -> bytes:
    roll = rng.random()
    if roll < 0.05:
        return bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 200)))
    if roll < 0.1:
        return rng.choice([b"[]", b"null", b"42", b'"text"', b"{", b"[" * 5000, b"\xff\xfe"])
    meta: dict[str, Any] = {
        "title": "t",
        "outlet": "Wire",
        "published": "2024-12-07",
        "source_chain": ["Agency", "Wire"],
    }
    for key in rng.sample(META_KEYS, rng.randint(1, 4)):
        meta[key] = random_value(rng)
    return json.dumps(meta, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")


def random_article(rng: random.Random) -> bytes:
    roll = rng.random()
    if roll < 0.5:
        text = " ".join(rng.choice(TEXTS) for _ in range(rng.randint(1, 4)))
        return text.encode("utf-8")
    if roll < 0.65:
        return bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 400)))
    if roll < 0.8:
        text = "".join(chr(rng.randint(1, 0x10FFFF)) for _ in range(rng.randint(0, 200)))
        return text.encode("utf-8", "replace")
    if roll < 0.9:
        return rng.choice(TEXTS).encode("latin-1", "replace") + "é Ḩamāh".encode(
            "cp1252", "replace"
        )
    return rng.choice([b"", b"   \n", b"\xef\xbb\xbf", b"\x00" * 10, b"Homs\x00Hama"])


def random_boundaries(rng: random.Random) -> bytes:
    polygon = {"type": "Polygon", "coordinates": [[[36, 34], [37, 34], [37, 35], [36, 34]]]}
    feature: dict[str, Any] = {"type": "Feature", "properties": {"name": "Homs"}}
    roll = rng.random()
    if roll < 0.2:
        return bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 300)))
    if roll < 0.35:
        return rng.choice([b"", b"{}", b"[]", b"null", b'{"type": "FeatureCollection"}'])
    geometry: Any = rng.choice(
        [
            polygon,
            {"type": "Point", "coordinates": [36, 34]},
            {"type": "Polygon", "coordinates": [[[1e300, 1e300], [0, 0], [1, 1], [1e300, 1e300]]]},
            {"type": "Polygon", "coordinates": []},
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [0, 1], [1, 0], [0, 0]]]},
            None,
            5,
            "x",
        ]
    )
    feature["geometry"] = geometry
    if rng.random() < 0.3:
        feature["properties"] = rng.choice([{}, {"name": None}, {"name": 5}, None, {"n": [1]}])
    return json.dumps(
        {"type": "FeatureCollection", "features": [feature] * rng.randint(0, 3)}
    ).encode()


ARGV_TOKENS = (
    "geocode",
    "places",
    "events",
    "map",
    "gazetteer",
    "info",
    "--json",
    "--country",
    "SY",
    "XX",
    "sy,lb",
    ",",
    "--format",
    "csv",
    "json",
    "table",
    "-o",
    "{root}/out",
    "{root}/in/a.txt",
    "{root}/in",
    "{root}/in/missing.txt",
    "--png",
    "no",
    "--data-out",
    "{root}/data",
    "--boundaries",
    "{root}/in/b.geojson",
    "--encoding",
    "latin-1",
    "nope-encoding",
    "-q",
    "-v",
    "--help",
    "Homs",
    "Homs province",
    "",
    "\x00",
    "x" * 600,
    "--jsonl",
    "{root}/in/a.jsonl",
    "--online",
)
SAFE_ARGV_TOKENS = tuple(t for t in ARGV_TOKENS if t not in ("-v", "--online"))


def random_case(rng: random.Random) -> Case:
    """One case of each family, in proportions that keep 10,000 cases to minutes."""
    roll = rng.random()
    article = random_article(rng) if roll < 0.4 else rng.choice(TEXTS).encode()
    files = {f"{IN}/a.txt": article, f"{IN}/a.meta.json": random_sidecar(rng)}
    if roll < 0.25:  # article bytes
        command = rng.choice(["places", "events"])
        return Case(files, [command, "{root}/in/a.txt", "-q"], "article")
    if roll < 0.6:  # sidecars, through events -o (and now and then a whole map run)
        if rng.random() < 0.04:
            argv = ["map", "{root}/in/a.txt", "-o", "{root}/out", "--png", "no", "-q"]
            return Case(files, argv, "sidecar-map")
        argv = ["events", "{root}/in/a.txt", "--format", "csv", "-o", "{root}/out", "-q"]
        return Case(files, argv, "sidecar")
    if roll < 0.68:  # boundary files
        files[f"{IN}/a.txt"] = TEXTS[0].encode()
        files[f"{IN}/a.meta.json"] = b'{"published": "2024-12-07"}'
        files[f"{IN}/b.geojson"] = random_boundaries(rng)
        argv = ["map", "{root}/in/a.txt", "-o", "{root}/out", "--png", "no", "-q"]
        return Case(files, [*argv, "--boundaries", "{root}/in/b.geojson"], "boundaries")
    # argument lists
    files[f"{IN}/b.geojson"] = random_boundaries(rng)
    files[f"{IN}/a.jsonl"] = rng.choice(
        [b'{"id": "x", "text": "Homs"}\n', b"not json\n", b'{"id": [1], "text": 5}\n', b""]
    )
    tokens = [rng.choice(SAFE_ARGV_TOKENS) for _ in range(rng.randint(0, 7))]
    return Case(files, argv_without_browser(tokens), "argv")


def argv_without_browser(tokens: list[str]) -> list[str]:
    """A map run renders no PNG in the fuzzer (a browser start costs seconds)."""
    if "map" not in tokens:
        return tokens
    return [t for t in tokens if t != "--png"] + ["--png", "no"]


def summarise(outcomes: list[tuple[Case, Outcome]]) -> dict[str, Counter]:
    by_kind: dict[str, Counter] = {}
    for case, outcome in outcomes:
        counter = by_kind.setdefault(case.kind, Counter())
        counter["cases"] += 1
        for problem, items in outcome.problems.items():
            counter[problem] += bool(items)
    return by_kind
