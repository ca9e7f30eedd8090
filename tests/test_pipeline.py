"""The map run's output set: safe names, whole sets with a manifest, no stale PNG, no doubles.

PNGs are faked (a hash of the HTML they were made from), so these tests need no browser
and show exactly which HTML a picture belongs to.
"""

from __future__ import annotations

import hashlib
import json
import stat
from pathlib import Path

import pytest

from eventmap import export
from eventmap.cli import main

TEXT = (
    "Syrian army artillery shelled the countryside of Homs on Saturday, killing three "
    "civilians, the Syrian Observatory for Human Rights said.\n"
)


def article(folder: Path, name: str = "a1", text: str = TEXT, **meta: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    side = {"title": "Shelling near Homs", "outlet": "Test Wire", "published": "2024-12-07"}
    side.update(meta)
    (folder / f"{name}.meta.json").write_text(json.dumps(side), encoding="utf-8")
    return path


def picture_of(html: str) -> bytes:
    return b"\x89PNG fake " + hashlib.sha256(html.encode()).hexdigest().encode()


@pytest.fixture
def fake_png(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A browser that 'renders' instantly; the list records every render."""
    renders: list[str] = []

    def render_png(map_or_html, size=(1200, 800), *, timeout_s=30.0) -> bytes:
        html = map_or_html if isinstance(map_or_html, str) else map_or_html.get_root().render()
        renders.append(html)
        return picture_of(export.inline_assets(html) if "cdn" in html else html)

    def save_png(map_or_html, path, size=(1200, 800), *, timeout_s=30.0) -> Path:  # old API
        html = export.inline_assets(map_or_html.get_root().render())
        renders.append(html)
        Path(path).write_bytes(picture_of(html))
        return Path(path)

    monkeypatch.setattr(export, "find_chromium", lambda: "/usr/bin/true")
    monkeypatch.setattr(export, "render_png", render_png, raising=False)
    monkeypatch.setattr(export, "save_png", save_png)
    return renders


def run(*argv: str) -> int:
    try:
        return main(list(argv))
    except SystemExit as exc:
        return int(exc.code or 0)


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def test_hostile_id_cannot_write_outside_the_output_folder(tmp_path, capsys) -> None:
    src = tmp_path / "in"
    for i, bad in enumerate(["../../escaped_id", str(tmp_path / "abs_id"), "a/b/c", "bel\x07"]):
        folder = src / f"case{i}"
        side = {"id": bad, "title": "t"}
        path = article(folder, "x")
        (folder / "x.meta.json").write_text(json.dumps(side), encoding="utf-8")
        out = tmp_path / f"out{i}" / "maps"
        before = files_under(tmp_path) - files_under(out.parent)
        code = run("map", str(path), "-o", str(out), "--png", "no", "-q")
        err = capsys.readouterr().err
        if code == 2:  # refused by the sidecar schema: fine, with one line naming the field
            assert err.startswith("eventmap: error:") and "'id'" in err, err
            continue
        assert code == 0, err
        outside = files_under(tmp_path) - files_under(out.parent) - before
        assert not outside, outside
        for p in out.iterdir():
            assert p.parent == out
            assert all(c.isprintable() for c in p.name)
    assert not (tmp_path / "abs_id.html").exists()


def test_png_is_remade_when_its_html_changed(tmp_path, capsys, fake_png) -> None:
    src = article(tmp_path / "in")
    out = tmp_path / "maps"
    assert run("map", str(src), "-o", str(out), "--png", "yes", "-q") == 0
    article(tmp_path / "in", title="A corrected title")  # the sidecar changes
    assert run("map", str(src), "-o", str(out), "--png", "no", "-q") == 0
    assert run("map", str(src), "-o", str(out), "-q") == 0
    (html,) = out.glob("*.html")
    (png,) = out.glob("*.png")
    assert png.read_bytes() == picture_of(html.read_text(encoding="utf-8"))


def test_png_of_a_killed_run_is_not_trusted(tmp_path, capsys, fake_png) -> None:
    """kill -9 between the HTML and the PNG: the next run must not keep the old picture."""
    src = article(tmp_path / "in")
    out = tmp_path / "maps"
    assert run("map", str(src), "-o", str(out), "--png", "yes", "-q") == 0
    (png,) = out.glob("*.png")
    old_picture = png.read_bytes()
    article(tmp_path / "in", title="A corrected title")
    # what a run killed after writing its HTML leaves behind: new HTML, old PNG
    from eventmap.pipeline import build_map, extract

    (html,) = out.glob("*.html")
    export.save_html(build_map(extract([src])), html)
    assert run("map", str(src), "-o", str(out), "--png", "yes", "-q") == 0
    assert png.read_bytes() != old_picture
    assert png.read_bytes() == picture_of(html.read_text(encoding="utf-8"))


def test_unchanged_map_keeps_its_png_without_rendering(tmp_path, capsys, fake_png) -> None:
    src = article(tmp_path / "in")
    out = tmp_path / "maps"
    assert run("map", str(src), "-o", str(out), "--png", "yes", "-q") == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert run("map", str(src), "-o", str(out), "--png", "yes", "-q") == 0
    assert len(fake_png) == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_two_runs_into_one_folder_keep_both_tables(tmp_path, capsys) -> None:
    a = article(tmp_path / "in", "first")
    b = article(tmp_path / "in", "second", text=TEXT.replace("Homs", "Hama"))
    out = tmp_path / "maps"
    assert run("map", str(a), "-o", str(out), "--png", "no", "-q") == 0
    assert run("map", str(b), "-o", str(out), "--png", "no", "-q") == 0
    csvs = sorted(p.name for p in out.glob("*.csv"))
    assert len(csvs) == 2, csvs
    assert any("Homs" in p.read_text() for p in out.glob("*.csv"))
    assert any("Hama" in p.read_text() for p in out.glob("*.csv"))


def test_the_same_article_twice_is_counted_once(tmp_path, capsys) -> None:
    a = article(tmp_path / "in", "first")
    copy = article(tmp_path / "copy", "again")
    out = tmp_path / "maps"
    assert run("map", str(a), str(copy), "-o", str(out), "--png", "no") == 0
    err = capsys.readouterr().err
    assert "same text" in err and "again.txt" in err
    single = tmp_path / "single"
    assert run("map", str(a), "-o", str(single), "--png", "no", "-q") == 0
    (both_csv,) = out.glob("*.csv")
    (one_csv,) = single.glob("*.csv")
    assert len(both_csv.read_text().splitlines()) == len(one_csv.read_text().splitlines())


def test_manifest_lists_inputs_versions_and_every_file(tmp_path, capsys, fake_png) -> None:
    src = article(tmp_path / "in")
    out = tmp_path / "maps"
    assert run("map", str(src), "-o", str(out), "--png", "yes", "-q") == 0
    (manifest,) = out.glob("*.manifest.json")
    record = json.loads(manifest.read_text())
    assert record["inputs"][0]["text_sha256"] == hashlib.sha256(TEXT.encode()).hexdigest()
    assert {"folium", "geopandas", "python"} <= set(record["versions"])
    names = {p.name for p in out.iterdir()} - {manifest.name}
    assert {Path(f["path"]).name for f in record["files"].values()} == names
    for entry in record["files"].values():
        data = (out / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    assert record["png_from_html"] == record["files"]["html"]["sha256"]


def test_csv_cells_cannot_start_a_formula(tmp_path, capsys) -> None:
    src = article(
        tmp_path / "in",
        source_chain=['=HYPERLINK("http://evil","click")', "+cmd", "@SUM(1)", "-2+3"],
        outlet="=1+1",
    )
    out = tmp_path / "maps"
    assert run("map", str(src), "-o", str(out), "--png", "no", "-q") == 0
    import csv

    (table,) = out.glob("*.csv")
    rows = list(csv.reader(table.open(encoding="utf-8")))
    assert len(rows) > 1
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
            assert not (cell.startswith("-") and not _number(cell)), cell
    events_dir = tmp_path / "tables"
    assert run("events", str(src), "--format", "csv", "-o", str(events_dir), "-q") == 0
    for table in events_dir.glob("*.csv"):
        for row in list(csv.reader(table.open(encoding="utf-8")))[1:]:
            assert not any(c.startswith(("=", "+", "@")) for c in row), row


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def broken_browser(tmp_path: Path) -> Path:
    """What a snap stub 'chromium-browser' is to Playwright: found, but it does not start."""
    exe = tmp_path / "chromium-browser"
    exe.write_text("#!/bin/sh\necho 'please install the chromium snap' >&2\nexit 1\n")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return exe


def test_browser_that_does_not_start_is_a_warning_under_auto(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("EVENTMAP_CHROMIUM", str(broken_browser(tmp_path)))
    src = article(tmp_path / "in")
    out = tmp_path / "maps"
    code = run("map", str(src), "-o", str(out), "-q")
    err = capsys.readouterr().err
    assert code == 0, err
    assert "Traceback" not in err
    warnings = [line for line in err.splitlines() if line.startswith("eventmap: warning:")]
    assert len(warnings) == 1 and "PNG" in warnings[0], err
    assert len(err.splitlines()) == 1, err
    names = {p.suffix for p in out.iterdir()}
    assert {".html", ".csv", ".geojson", ".gpkg", ".json"} <= names
    assert ".png" not in names


def test_browser_that_does_not_start_is_one_error_line_with_png_yes(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("EVENTMAP_CHROMIUM", str(broken_browser(tmp_path)))
    src = article(tmp_path / "in")
    out = tmp_path / "maps"
    code = run("map", str(src), "-o", str(out), "--png", "yes", "-q")
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("eventmap: error:") and len(err.splitlines()) == 1, err
    assert not out.exists() or not list(out.iterdir())  # whole or absent


def test_no_browser_with_png_yes_is_one_error_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(export, "find_chromium", lambda: None)
    src = article(tmp_path / "in")
    out = tmp_path / "maps"
    code = run("map", str(src), "-o", str(out), "--png", "yes", "-q")
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("eventmap: error:") and "Chromium" in err
    assert len(err.splitlines()) == 1, err
    assert not out.exists() or not list(out.iterdir())


def test_run_cleans_temporary_files_of_a_killed_run(tmp_path, capsys) -> None:
    out = tmp_path / "maps"
    out.mkdir()
    leftover = out / ".a1.html.x1y2z3w4.tmp"  # what today's eventmap leaves after kill -9
    leftover.write_bytes(b"x" * 5000)
    import os

    os.utime(leftover, (1, 1))
    src = article(tmp_path / "in")
    assert run("map", str(src), "-o", str(out), "--png", "no", "-q") == 0
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
