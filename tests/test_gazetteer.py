import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import eventmap.gazetteer.store as gz
from eventmap.errors import GazetteerError
from eventmap.gazetteer import KINDS, Gazetteer, default_gazetteer, ensure_index


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


def test_index_has_all_kinds(gazetteer: Gazetteer) -> None:
    kinds = set(gazetteer.rows["kind"].tolist())
    assert kinds == set(range(len(KINDS)))  # countries ... counties, seas
    assert len(gazetteer) > 200_000


@pytest.mark.parametrize(
    ("iso", "name"),
    [
        ("SY-HI", "Homs"),
        ("SY-HM", "Hama"),
        ("SY-HL", "Aleppo"),
        ("SY-ID", "Idlib"),
        ("SY-DR", "Daraa"),
        ("SY-SU", "Suwayda"),
        ("SY-DI", "Dimashq"),
        ("SY-RD", "Rīf Dimashq"),
        ("SY-LA", "Latakia"),
        ("SY-TA", "Tartus"),
        ("SY-DY", "Deir ez-Zor"),
        ("SY-RA", "Raqqa"),
        ("SY-HA", "Hasakah"),
        ("SY-QU", "Quneitra"),
    ],
)
def test_every_syrian_governorate_is_an_admin1(gazetteer: Gazetteer, iso: str, name: str) -> None:
    rows = [r for r, _ in gazetteer.lookup(name) if gazetteer.place(r).kind == "admin1"]
    isos = {gazetteer.admin1_iso("SY", gazetteer.place(r).admin1_code) for r in rows}
    assert iso in isos


def test_admin1_has_a_centre_and_its_capital(gazetteer: Gazetteer) -> None:
    row = gazetteer.admin1_row("SY", "11")
    place = gazetteer.place(row)
    assert place.point == "centre"
    capital = gazetteer.place(gazetteer.admin1_capital_row("SY", "11"))
    assert capital.geonameid == 169577  # Homs city, where ACLED codes province-level events
    assert (round(capital.latitude, 2), round(capital.longitude, 2)) == (34.72, 36.73)


def test_sources_carry_licences(gazetteer: Gazetteer) -> None:
    licences = {s["licence"] for s in gazetteer.sources}
    assert {"CC BY 4.0", "public domain", "ODbL 1.0"} <= licences


def _fake_build(target: Path) -> dict:
    (target / "meta.json").write_text(json.dumps({"fake": True}))
    return {}


def test_crash_mid_build_leaves_nothing_half_written(tmp_path: Path, monkeypatch) -> None:
    def crashing(target: Path) -> dict:
        (target / "rows.npy").write_bytes(b"partial")
        raise RuntimeError("killed")

    monkeypatch.setattr(gz, "build_index", crashing)
    with pytest.raises(RuntimeError):
        ensure_index(tmp_path)
    assert not list(tmp_path.glob("gazetteer-*"))
    assert not list(tmp_path.glob(".building-*"))
    monkeypatch.setattr(gz, "build_index", _fake_build)
    final = ensure_index(tmp_path)
    assert (final / "meta.json").exists()


def test_new_source_version_rebuilds_and_prunes(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(gz, "build_index", _fake_build)
    monkeypatch.setattr(gz, "source_version", lambda: "aaaa")
    first = ensure_index(tmp_path)
    monkeypatch.setattr(gz, "source_version", lambda: "bbbb")
    second = ensure_index(tmp_path)
    assert first != second and second.exists() and first.exists()  # in use elsewhere: kept
    os.utime(first, (1, 1))  # ... until unused for PRUNE_AFTER_S
    monkeypatch.setattr(gz, "source_version", lambda: "cccc")
    third = ensure_index(tmp_path)
    assert third.exists() and second.exists() and not first.exists()


def test_unreadable_index_says_how_to_fix(tmp_path: Path) -> None:
    (tmp_path / "meta.json").write_text("{}")
    with pytest.raises(GazetteerError, match="eventmap gazetteer build"):
        Gazetteer(tmp_path)


def test_two_processes_building_at_once_build_once(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import json, time
        from pathlib import Path
        import eventmap.gazetteer.store as gz
        def slow(target):
            with open({str(tmp_path / "builds.log")!r}, 'a') as fh:
                fh.write('build\\n')
            time.sleep(1.0)
            (target / 'meta.json').write_text('{{}}')
        gz.build_index = slow
        print(gz.ensure_index(Path({str(tmp_path / "cache")!r})))
        """
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=60)[0].strip() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert outs[0] == outs[1]
    assert (tmp_path / "builds.log").read_text().count("build") == 1


def test_seas_and_oceans_are_places_at_sea(gazetteer: Gazetteer) -> None:
    for name, lat_range, lon_range in (
        ("Red Sea", (12, 30), (32, 44)),
        ("Black Sea", (40.5, 47), (27, 42)),
        ("Mediterranean", (30, 46), (-6, 37)),
        ("Gulf of Aden", (10, 16), (43, 52)),
        ("Bab al-Mandab", (12, 13.5), (43, 44)),
    ):
        seas = [gazetteer.place(r) for r, _ in gazetteer.lookup(name)]
        seas = [p for p in seas if p.kind == "sea"]
        assert len(seas) == 1, name
        sea = seas[0]
        assert lat_range[0] < sea.latitude < lat_range[1], name
        assert lon_range[0] < sea.longitude < lon_range[1], name
        assert sea.country_code == "" and sea.geonameid < 0  # no country, no GeoNames id
