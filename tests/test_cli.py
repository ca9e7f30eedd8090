"""The `eventmap` command, run in-process: help, every subcommand, and user errors.

User errors must end with exit code 2 and exactly one line on stderr (no traceback), so a
newsroom script can show it as is.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventmap.cli import main

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_fe935601f8305200.txt"
SUBCOMMANDS = ("geocode", "places", "events", "map", "gazetteer")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """main(argv) -> (exit code, stdout, stderr); argparse's SystemExit becomes a code."""
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- help


def test_help_lists_commands_and_examples(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for name in SUBCOMMANDS:
        assert name in out
    assert "example" in out
    assert "eventmap map seeds/" in out
    assert "eventmap corpus run " in out  # corpus mode is listed with the others


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_subcommand_help_has_an_example(capsys, command):
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert "example:" in out
    assert f"eventmap {command}" in out


def test_version_in_a_subprocess():
    proc = subprocess.run(
        [sys.executable, "-m", "eventmap.cli", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("eventmap ")


# --------------------------------------------------------------------------- geocode


def test_geocode_json_line(capsys):
    code, out, err = run(capsys, "geocode", "Homs province", "--json")
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert len(lines) == 1
    row = lines[0]
    assert row["query"] == "Homs province"
    assert row["admin1_iso"] == "SY-HI"
    assert row["kind"] == "admin1"
    assert 34 < row["latitude"] < 35.5 and 36 < row["longitude"] < 39


def test_geocode_table(capsys):
    code, out, _ = run(capsys, "geocode", "Hama", "Dar'a")
    assert code == 0
    assert "SY-HM" in out and "SY-DR" in out


def test_geocode_unresolved_exits_1(capsys):
    code, out, err = run(capsys, "geocode", "Qwxzyv")
    assert code == 1
    assert "nothing found" in out
    assert "unresolved" in err and "Qwxzyv" in err
    assert "Traceback" not in err


# --------------------------------------------------------------------------- places


def test_places_lists_homs_with_roles(capsys):
    code, out, err = run(capsys, "places", str(SEED))
    assert code == 0, err
    assert "Homs" in out
    for role in ("event_location", "government", "demonym"):
        assert role in out
    assert "SANA" not in out  # the agency, not Yemen's capital


def test_places_jsonl_batch(capsys, tmp_path):
    source = tmp_path / "articles.jsonl"
    docs = [
        {"id": "a", "text": "Airstrikes hit the countryside of Homs on Saturday."},
        {"id": "b", "text": "Clashes were reported in Idlib and Aleppo."},
    ]
    source.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    target = tmp_path / "toponyms.jsonl"

    code, _, err = run(capsys, "places", "--jsonl", str(source), "-o", str(target))
    assert code == 0, err
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"]
    for row, doc in zip(rows, docs, strict=True):
        assert set(row) == {"id", "toponyms"}
        assert row["toponyms"], row
        for t in row["toponyms"]:
            assert {"start", "end", "name", "lat", "lon"} <= set(t)
            assert doc["text"][t["start"] : t["end"]] == t["name"]
    assert [t["name"] for t in rows[0]["toponyms"]] == ["Homs"]
    assert {t["name"] for t in rows[1]["toponyms"]} == {"Idlib", "Aleppo"}


def test_places_jsonl_needs_output(capsys, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "text": "Homs"}\n', encoding="utf-8")
    code, _, err = run(capsys, "places", "--jsonl", str(source))
    assert code == 2
    assert err.startswith("eventmap: error:")


# --------------------------------------------------------------------------- events, map


def test_events_csv_to_folder(capsys, tmp_path):
    out = tmp_path / "tables"
    code, _, err = run(capsys, "events", str(SEED), "--format", "csv", "-o", str(out))
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == [
        "claims.csv",
        "events.csv",
        "place_mentions.csv",
    ]
    header = (out / "events.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("event_id_cnty,event_date")
    assert len((out / "events.csv").read_text(encoding="utf-8").splitlines()) > 1


def test_events_table_to_stdout(capsys):
    code, out, _ = run(capsys, "events", str(SEED))
    assert code == 0
    assert "EVENTS" in out and "PLACE MENTIONS" in out and "CLAIMS" in out
    assert "Air/drone strike" in out


def test_map_writes_html_without_png(capsys, tmp_path):
    out = tmp_path / "maps"
    code, _, err = run(capsys, "map", str(SEED.parent), "-o", str(out), "--png", "no")
    assert code == 0, err
    html = sorted(out.glob("*.html"))
    assert html, list(out.iterdir())
    assert "<html" in html[0].read_text(encoding="utf-8")[:2000].lower()
    assert not list(out.glob("*.png"))
    assert (out / f"{SEED.stem}.events.csv").is_file()
    assert (out / f"{SEED.stem}.manifest.json").is_file()


# --------------------------------------------------------------------------- user errors


def _one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("eventmap: error:"), err
    assert "Traceback" not in err
    return lines[0]


def test_missing_file(capsys, tmp_path):
    code, _, err = run(capsys, "events", str(tmp_path / "nope.txt"))
    assert code == 2
    assert "no such file" in _one_error_line(err)


def test_directory_passed_to_events(capsys, tmp_path):
    code, _, err = run(capsys, "events", str(tmp_path))
    assert code == 2
    assert "directory" in _one_error_line(err)


def test_empty_file(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, _, err = run(capsys, "events", str(empty))
    assert code == 2
    assert "empty" in _one_error_line(err)


def test_non_utf8_file(capsys, tmp_path):
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Frappes aériennes près de Homs.\n".encode("latin-1"))
    code, _, err = run(capsys, "places", str(latin))
    assert code == 2
    line = _one_error_line(err)
    assert "utf-8" in line and "--encoding" in line

    code, out, err = run(capsys, "places", str(latin), "--encoding", "latin-1")
    assert code == 0, err
    assert "Homs" in out


def test_quiet_after_the_command_and_empty_folder(tmp_path, capsys) -> None:
    from eventmap.cli import main

    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["map", str(empty), "-o", str(tmp_path / "o"), "--png", "no", "-q"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"eventmap: error: no .txt articles in {empty}"]


def test_missing_boundaries_is_a_user_error(tmp_path, capsys) -> None:
    from eventmap.cli import main

    seeds = str(Path(__file__).resolve().parents[1] / "seeds")
    code = main(["map", seeds, "-o", str(tmp_path), "--boundaries", str(tmp_path / "no.geojson")])
    assert code == 2
    assert capsys.readouterr().err.startswith("eventmap: error:")


def test_bad_jsonl_leaves_no_output(tmp_path) -> None:
    from eventmap.cli import main

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "Homs"}\nnot json\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["places", "--jsonl", str(bad), "-o", str(out), "-q"]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.jsonl"]


def test_offline_switch_forbids_the_online_chain(monkeypatch) -> None:
    from eventmap.errors import GeocoderServiceError
    from eventmap.online import ChainGeocoder

    monkeypatch.setenv("EVENTMAP_OFFLINE", "1")
    with pytest.raises(GeocoderServiceError, match="EVENTMAP_OFFLINE"):
        ChainGeocoder(object())


def test_bare_png_flag_means_yes(tmp_path) -> None:
    from eventmap.cli_parser import build_parser as _parser

    args = _parser().parse_args(["map", "seeds", "-o", str(tmp_path), "--png"])
    assert args.png == "yes"
    assert _parser().parse_args(["map", "seeds"]).png == "auto"


# --------------------------------------------------------------------------- hostile input


def _article_with_sidecar(tmp_path: Path, meta: object) -> Path:
    path = tmp_path / "a.txt"
    path.write_text("Airstrikes hit the countryside of Homs on Saturday.\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("meta", "field"),
    [
        ({"title": 42}, "title"),
        ({"title": ["a", "b"]}, "title"),
        ({"source_chain": 5}, "source_chain"),
        ({"source_chain": ["ok", {"x": 1}]}, "source_chain[1]"),
        ({"outlet": {"name": "x"}}, "outlet"),
        ({"published": 20241207}, "published"),
        ({"published": "7 December"}, "published"),
        ({"published": "2024-02-30"}, "published"),
        ({"id": "x" * 1000}, "id"),
        ({"id": "line\nbreak"}, "id"),
        ({"title": "t" * 5000}, "title"),
    ],
)
def test_wrong_sidecar_is_one_line_naming_file_and_field(capsys, tmp_path, meta, field):
    path = _article_with_sidecar(tmp_path, meta)
    mapping = ["map", str(path), "-o", str(tmp_path / "o"), "--png", "no"]
    for argv in (["events", str(path)], mapping):
        code, _, err = run(capsys, *argv)
        assert code == 2, err
        line = _one_error_line(err)
        assert "a.meta.json" in line and repr(field) in line, line
    assert not (tmp_path / "o").exists()


def test_bad_date_names_the_file(capsys, tmp_path):
    path = _article_with_sidecar(tmp_path, {"published": "last Tuesday"})
    code, _, err = run(capsys, "places", str(path))
    assert code == 2
    assert "a.meta.json" in _one_error_line(err)


def test_unknown_country_code_says_so(capsys):
    code, _, err = run(capsys, "geocode", "Homs", "--country", "XX")
    assert code == 2
    assert "unknown country code 'XX'" in _one_error_line(err)
    code, out, err = run(capsys, "geocode", "Homs", "--country", "sy", "--json")
    assert code == 0, err
    assert json.loads(out.splitlines()[0])["admin1_iso"].startswith("SY")


@pytest.mark.parametrize(
    "content",
    [
        b"not json at all",
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": 5}]}',
        b'{"type": "FeatureCollection", "features": []}',
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
        b'{"name": "x"}, "geometry": {"type": "Point", "coordinates": [1, 2]}}]}',
        b"\x00\x01\x02" * 100,
    ],
)
def test_malformed_boundaries_is_one_line(capsys, tmp_path, content):
    bad = tmp_path / "admin1.geojson"
    bad.write_bytes(content)
    code, _, err = run(
        capsys, "map", str(SEED), "-o", str(tmp_path / "o"), "--png", "no", "--boundaries", str(bad)
    )
    assert code == 2, err
    assert "admin1.geojson" in _one_error_line(err)
    assert not (tmp_path / "o").exists()


def test_no_raw_errno_text(capsys, tmp_path):
    blocker = tmp_path / "maps"
    blocker.write_text("a file where the output folder should be")
    code, _, err = run(capsys, "map", str(SEED), "-o", str(blocker), "--png", "no")
    assert code == 2
    line = _one_error_line(err)
    assert "Errno" not in line and "maps" in line


def test_broken_pipe_exits_quietly(tmp_path):
    script = (
        "import sys; from eventmap.cli import main; "
        "sys.exit(main(['events', sys.argv[1], '--format', 'csv']))"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(SEED)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    proc.stdout.close()  # `| head -0`: the reader is gone before the first line
    err = proc.stderr.read().decode()
    proc.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert "error" not in err.lower(), err  # a gazetteer build notice may precede
