#!/usr/bin/env python
"""Rebuild src/eventmap/resources/us_places.tsv (every US city, town, village, borough and
census-designated place, and the towns and townships of the states that have them, with a
point each).

Source: the US Census Bureau's 2018 Gazetteer files (public domain: a work of the US
Government, 17 U.S.C. 105), national places (2018_Gaz_place_national) and county
subdivisions (2018_Gaz_cousubs_national): name, legal/statistical kind, functional status
and internal point. Read from the copy kept in the public repository osirislab/armana
(commit d98bbeb4f7f3ec0a32410c8496d3b6871166ebda, gazetteer/2018_Gaz_place_national.csv and
gazetteer/2018_Gaz_cousubs_national.csv), where the Census's tab-separated files were turned
into commas by a shell one-liner (gazetteer/parse.sh) and nothing else: a name that itself
holds a comma ('Lynchburg, Moore County metropolitan government') spans two fields, put back
together here. The repository has no licence of its own; the data's status is the Census
Bureau's. Each place's county: a county subdivision's is in its GEOID; a place's is the
county whose outline holds its point, from the Census Bureau's 2017 cartographic boundaries
(public domain) as packaged in us-atlas 3.0.1 (Mike Bostock, ISC), as make_us_counties.py
reads them (a point on no county's outline, on a coast, takes the nearest county). Not part
of the build: run it by hand in a scratch directory:

    git clone https://github.com/osirislab/armana && git -C armana checkout d98bbeb4
    npm pack us-atlas@3.0.1 && tar xzf us-atlas-3.0.1.tgz
    python path/to/data/external/make_us_places.py armana/gazetteer

or, where census.gov is reachable, from the Bureau's own files (2018_Gaz_place_national.txt
and 2018_Gaz_cousubs_national.txt, tab-separated, in one folder), which are read first.

The gazetteer (GeoNames' towns of 500 people or more) misses thousands of the small towns
local crime news is about ('Busti', 'Montfort', 'Monroe, Conn.'). This list is read only
inside a state a report already names (events/us_places.py); it has no population, so it
never chooses between namesakes.

Kept: every place but the '(balance)' parts of consolidated cities (their city is kept); the
county subdivisions that are working governments (functional status A, B, C or G) and are
towns, townships or plantations - New England's and New York's towns, the Midwest's and
Pennsylvania's and New Jersey's townships. Census county divisions (statistical areas named
after a town, 'Tremonton CCD') and defunct or paper townships (status N, I, F) are not: their
points are not a town's. The Census's kind word ('Busti town', 'Montfort village') is taken
off the name and written in its own column.
"""

import os
import sys
import warnings

import geopandas as gpd
import shapely
from shapely.geometry import Point

SRC_COUNTIES = os.path.join(os.getcwd(), "package", "counties-10m.json")
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(REPO, "src", "eventmap", "resources", "us_places.tsv")
HEADER = """\
# US places with a point each: incorporated places and census-designated places (CDPs) of
# the 50 states, DC and Puerto Rico, and the county subdivisions that are working town or
# township governments (New England and New York towns, townships). Columns: state (postal
# code), name (without the Census's kind word), latitude, longitude (the Census's internal
# point, 4 decimals), kind (city, town, village, borough, CDP, township, ...), county (the
# code of the county holding the point, as in us_counties.csv: US.UT.003), geoid (the Census
# GEOID: 7 digits for a place, 10 for a county subdivision).
# Source: US Census Bureau 2018 Gazetteer files, places and county subdivisions (public
# domain), as kept in github.com/osirislab/armana at commit d98bbeb4 (comma-separated copy);
# a place's county from the Census 2017 cartographic boundaries (public domain) in us-atlas
# 3.0.1 (ISC).
# Read only inside a state the report names (events/us_places.py). Regenerate with
# data/external/make_us_places.py.
"""

# The Census's kind word at the end of a place's name, longest first.
PLACE_KINDS = (
    "consolidated government",
    "metropolitan government",
    "unified government",
    "city and borough",
    "urban county",
    "municipality",
    "corporation",
    "zona urbana",
    "comunidad",
    "borough",
    "village",
    "city",
    "town",
    "CDP",
)
# Kept county subdivisions: working governments of these kinds.
COUSUB_KINDS = ("charter township", "township", "plantation", "town")
COUSUB_STATUS = {"A", "B", "C", "G"}


def gazetteer_file(folder, stem):
    """The Census Bureau's own tab-separated file (stem.txt, as census.gov serves it) when
    it is there, else the comma-separated copy (stem.csv)."""
    own = os.path.join(folder, stem + ".txt")
    return own if os.path.exists(own) else os.path.join(folder, stem + ".csv")


def gazetteer_rows(path):
    """The rows of one Gazetteer file: the Census's tab-separated one, or the
    comma-separated copy with a comma-holding NAME rejoined."""
    if path.endswith(".txt"):
        with open(path, encoding="latin-1") as fh:
            header = [h.strip() for h in fh.readline().split("\t")]
            for line in fh:
                parts = [p.strip() for p in line.rstrip("\r\n").split("\t")]
                yield dict(zip(header, parts, strict=True))
        return
    with open(path, encoding="latin-1") as fh:
        header = fh.readline().rstrip("\n").split(",")
        at = header.index("NAME")
        for line in fh:
            parts = line.rstrip("\n").split(",")
            extra = len(parts) - len(header)
            name = ",".join(parts[at : at + 1 + extra])
            yield dict(zip(header, [*parts[:at], name, *parts[at + 1 + extra :]], strict=True))


def split_kind(name, kinds):
    """('Busti', 'town') for 'Busti town'; (name, '') when no kind word ends it."""
    for kind in kinds:
        if name.endswith(" " + kind):
            return name[: -len(kind) - 1].strip(), kind
    return name, ""


def county_of(points):
    """Each (lon, lat, state FIPS)'s county FIPS (5 digits): the outline of a county of that
    state holding it, else the nearest county of that state (a point on a coast or on the
    state line, which the simplified outlines may put just outside)."""
    counties = gpd.read_file(SRC_COUNTIES, layer="counties")
    counties["fips"] = counties["id"].astype(str).str.zfill(5)
    counties = counties.set_crs("EPSG:4326", allow_override=True)
    counties["geometry"] = shapely.make_valid(counties.geometry.values)
    pts = gpd.GeoDataFrame(
        {"i": range(len(points)), "state": [p[2] for p in points]},
        geometry=[Point(p[0], p[1]) for p in points],
        crs="EPSG:4326",
    )
    hit = gpd.sjoin(pts, counties[["fips", "geometry"]], how="inner", predicate="within")
    hit = hit[hit["fips"].str[:2] == hit["state"]]
    hit = hit.sort_values(["i", "fips"]).drop_duplicates("i", keep="first")
    found = dict(zip(hit["i"], hit["fips"], strict=True))
    missing = [i for i in range(len(points)) if i not in found]
    for i in missing:
        own = counties[counties["fips"].str[:2] == points[i][2]]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # geographic CRS: fine at this range
            d = own.geometry.distance(Point(points[i][0], points[i][1]))
        found[i] = own["fips"].iloc[int(d.to_numpy().argmin())]
    print(
        f"county by outline: {len(points) - len(missing)}; nearest: {len(missing)}", file=sys.stderr
    )
    return [found[i] for i in range(len(points))]


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "gazetteer"
    rows = []
    skipped = {"balance": 0, "no kind": 0}
    for r in gazetteer_rows(gazetteer_file(folder, "2018_Gaz_place_national")):
        if "(balance)" in r["NAME"]:
            skipped["balance"] += 1
            continue
        name, kind = split_kind(r["NAME"], PLACE_KINDS)
        if not kind:
            skipped["no kind"] += 1
            print(f"  place without a kind word: {r['USPS']} {r['NAME']!r}", file=sys.stderr)
            kind = "place"
        rows.append((r["USPS"], name, r["INTPTLAT"], r["INTPTLONG"], kind, r["GEOID"]))
    n_places = len(rows)
    for r in gazetteer_rows(gazetteer_file(folder, "2018_Gaz_cousubs_national")):
        if r["FUNCSTAT"] not in COUSUB_STATUS:
            continue
        name, kind = split_kind(r["NAME"], COUSUB_KINDS)
        if not kind:
            continue  # a city or village subdivision: the places file has it
        rows.append((r["USPS"], name, r["INTPTLAT"], r["INTPTLONG"], kind, r["GEOID"]))
    places = [(float(r[3]), float(r[2]), r[5][:2]) for r in rows[:n_places]]
    fips = county_of(places) + [r[5][:5] for r in rows[n_places:]]
    out = []
    for (state, name, lat, lon, kind, geoid), county in zip(rows, fips, strict=True):
        lat, lon = round(float(lat), 4), round(float(lon), 4)
        assert -90 <= lat <= 90 and -180 <= lon <= 180, (state, name, lat, lon)
        assert len(state) == 2 and state.isupper(), state
        code = f"US.{state}.{county[2:]}" if county else ""
        out.append((state, name, f"{lat:.4f}", f"{lon:.4f}", kind, code, geoid))
    out.sort(key=lambda r: (r[0], r[1].lower(), r[6]))
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        fh.write("state\tname\tlatitude\tlongitude\tkind\tcounty\tgeoid\n")
        for row in out:
            fh.write("\t".join(row) + "\n")
    print(
        f"wrote {OUT}: {len(out)} rows ({n_places} places, {len(out) - n_places} county "
        f"subdivisions); skipped {skipped}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
