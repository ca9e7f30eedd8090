#!/usr/bin/env python
"""Rebuild src/eventmap/resources/seas.csv (named seas, oceans, gulfs and straits).

Events at sea are common in conflict reporting (the Red Sea, the Black Sea, the Gulf of
Aden), and a gazetteer that does not know them reports them unresolved. No registry
package carries *named* sea polygons: @geo-maps/earth-seas-10m 0.6.0 (Simone Primarosa;
code MIT, data ODbL 1.0) is one unnamed MultiPolygon, the world's water made by erasing
OpenStreetMap's coastline land from the globe (© OpenStreetMap contributors, ODbL). So
the names and a rough box for each water body are curated here, and the point comes from
the data: the centre of the largest circle of water that fits in the box (the point
farthest from any coast), which for a sea is where a map would write its name. Every
point is at sea by construction; a box that holds no water is an error.

Not part of the build: run it by hand in a scratch directory after fetching the package:

    npm pack @geo-maps/earth-seas-10m@0.6.0 && tar xzf geo-maps-earth-seas-10m-0.6.0.tgz
    python path/to/data/external/make_seas.py
"""

import csv
import json
import os
import sys

import shapely
import shapely.affinity
from shapely.geometry import box, shape

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = os.path.join(os.getcwd(), "package", "map.geo.json")
OUT = os.path.join(REPO, "src", "eventmap", "resources", "seas.csv")
HEADER = """\
# Named seas, oceans, gulfs and straits: name, other names (|-separated), and a point at
# sea. Names and boxes curated for eventmap (data/external/make_seas.py); each point is the
# centre of the largest circle of water inside the box, computed from the sea polygon of
# @geo-maps/earth-seas-10m 0.6.0 (code MIT; data ODbL 1.0, derived from OpenStreetMap
# coastlines, (c) OpenStreetMap contributors). Regenerate with data/external/make_seas.py.
"""

# name, other names, (west, south, east, north) of the water body (rough, by hand)
SEAS = (
    ("Atlantic Ocean", "Atlantic|North Atlantic|South Atlantic", (-60, -50, 5, 60)),
    ("Pacific Ocean", "Pacific|North Pacific|South Pacific", (-180, -50, -100, 50)),
    ("Indian Ocean", "", (45, -45, 100, 5)),
    ("Arctic Ocean", "", (-180, 78, 180, 89)),
    ("Southern Ocean", "Antarctic Ocean", (-180, -70, 180, -55)),
    ("Mediterranean Sea", "Mediterranean", (-5, 31, 36, 45)),
    ("Red Sea", "", (32, 12.5, 43.5, 30)),
    ("Black Sea", "", (27.5, 40.8, 41.8, 46.8)),
    ("Sea of Azov", "Azov Sea", (34.8, 45.2, 39.3, 47.3)),
    ("Caspian Sea", "", (46.5, 36.5, 54.8, 47.2)),
    ("Aegean Sea", "Aegean", (22.5, 35.2, 28.2, 41)),
    ("Adriatic Sea", "Adriatic", (12, 40, 19.6, 45.8)),
    ("Ionian Sea", "", (15.5, 36, 22, 40.5)),
    ("Tyrrhenian Sea", "", (9.5, 38, 16, 43)),
    ("Sea of Marmara", "Marmara Sea", (26.7, 40.3, 29.9, 41.1)),
    ("Levantine Sea", "", (28, 31, 36, 37)),
    ("Gulf of Sidra", "Gulf of Sirte|Gulf of Sirt", (15.5, 30.2, 20.5, 32.8)),
    ("Alboran Sea", "", (-5.3, 35.2, -1.5, 36.8)),
    ("Baltic Sea", "Baltic", (14, 54, 24, 60)),
    ("Gulf of Finland", "", (22.5, 59.2, 30.3, 60.8)),
    ("Gulf of Bothnia", "", (17, 60.5, 25.5, 65.9)),
    ("North Sea", "", (-3, 51, 9, 61)),
    ("Norwegian Sea", "", (-5, 62, 15, 72)),
    ("Barents Sea", "", (20, 69, 60, 80)),
    ("Irish Sea", "", (-6.5, 52.5, -3, 55)),
    ("English Channel", "", (-6, 48.5, 1.8, 51)),
    ("Celtic Sea", "", (-10, 48.5, -5.5, 52)),
    ("Bay of Biscay", "", (-10, 43.3, -1, 48)),
    ("Strait of Gibraltar", "", (-6.1, 35.8, -5.3, 36.2)),
    ("Bosphorus", "Bosporus|Bosphorus Strait", (28.95, 40.98, 29.15, 41.25)),
    ("Dardanelles", "", (26.15, 40.0, 26.75, 40.5)),
    ("Kerch Strait", "Strait of Kerch", (36.35, 45.0, 36.75, 45.5)),
    ("Arabian Sea", "", (55, 5, 75, 24)),
    ("Gulf of Aden", "", (43.3, 10.5, 51.5, 15)),
    ("Bab-el-Mandeb", "Bab el-Mandeb|Bab al-Mandab|Bab al-Mandeb", (43.1, 12.3, 43.6, 13)),
    ("Persian Gulf", "Arabian Gulf", (48, 24, 56.5, 30.5)),
    ("Strait of Hormuz", "Hormuz Strait", (55.8, 26, 57, 27)),
    ("Gulf of Oman", "Sea of Oman", (56.5, 22.5, 61.5, 26)),
    ("Gulf of Aqaba", "Gulf of Eilat", (34.4, 28, 35.05, 29.55)),
    ("Gulf of Suez", "", (32.4, 27.8, 33.6, 30)),
    ("Bay of Bengal", "", (80, 10, 95, 22)),
    ("Andaman Sea", "", (93, 6, 99, 16)),
    ("Strait of Malacca", "Malacca Strait|Straits of Malacca", (98, 1.5, 103.5, 6)),
    ("South China Sea", "", (105, 2, 121, 22)),
    ("Gulf of Thailand", "Gulf of Siam", (99, 6, 105, 13.5)),
    ("East China Sea", "", (119, 25, 130, 33)),
    ("Yellow Sea", "", (119, 33, 127, 41)),
    ("Taiwan Strait", "Formosa Strait", (117.5, 22.5, 121, 26)),
    ("Sea of Japan", "Japan Sea", (128, 34, 142, 51)),
    ("Philippine Sea", "", (124, 5, 145, 35)),
    ("Sulu Sea", "", (117, 6, 123, 12)),
    ("Celebes Sea", "Sulawesi Sea", (118, 1, 126, 7)),
    ("Java Sea", "", (105, -7, 118, -3)),
    ("Timor Sea", "", (123, -15, 131, -9)),
    ("Arafura Sea", "", (131, -11, 141, -5)),
    ("Coral Sea", "", (145, -25, 165, -10)),
    ("Tasman Sea", "", (150, -45, 172, -30)),
    ("Sea of Okhotsk", "", (135, 44, 160, 62)),
    ("Bering Sea", "", (162, 52, 200, 66)),
    ("Gulf of Alaska", "", (-155, 54, -135, 61)),
    ("Gulf of Mexico", "", (-98, 18, -81, 31)),
    ("Caribbean Sea", "Caribbean", (-88, 9, -60, 22)),
    ("Gulf of California", "Sea of Cortez", (-112.5, 25.5, -108, 31.5)),
    ("Hudson Bay", "", (-95, 51, -76, 64)),
    ("Labrador Sea", "", (-62, 52, -45, 64)),
    ("Gulf of Guinea", "", (-5, -3, 10, 6.5)),
    ("Mozambique Channel", "", (34.5, -25, 45, -11)),
)


def main():
    with open(SRC, encoding="utf-8") as fh:
        data = json.load(fh)
    water = shape(data["geometries"][0])
    # Bering Sea crosses the antimeridian: also shift the water east by 360 degrees.
    shifted = shapely.affinity.translate(shapely.clip_by_rect(water, -180, 50, -150, 70), 360)
    print(f"water: {len(water.geoms)} polygons", file=sys.stderr)
    rows = []
    for name, alt, bounds in SEAS:
        area = box(*bounds)
        inside = shapely.clip_by_rect(water, *bounds)
        if bounds[2] > 180:
            east = shapely.clip_by_rect(shifted, *bounds)
            parts = [
                g
                for g in shapely.get_parts([shapely.make_valid(inside), shapely.make_valid(east)])
                for g in shapely.get_parts(g)
                if g.geom_type == "Polygon"
            ]
            inside = shapely.union_all(parts, grid_size=1e-4)
        if inside.is_empty:
            raise SystemExit(f"{name}: no water inside {bounds}")
        tolerance = max(area.bounds[2] - area.bounds[0], area.bounds[3] - area.bounds[1]) / 400
        simple = inside.simplify(tolerance / 4, preserve_topology=True)
        circle = shapely.maximum_inscribed_circle(simple, tolerance)
        lon, lat = circle.coords[0]
        lon = lon - 360 if lon > 180 else lon
        check = shapely.Point(lon, lat)
        assert water.contains(check), f"{name}: {lat}, {lon} is not at sea"
        rows.append(
            {
                "name": name,
                "alternate_names": alt,
                "kind": "sea",
                "latitude": round(lat, 3),
                "longitude": round(lon, 3),
            }
        )
        print(f"{name:22s} {lat:8.3f} {lon:9.3f}  r={circle.length:.2f} deg", file=sys.stderr)
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda r: r["name"]))
    print(f"wrote {OUT}: {len(rows)} seas", file=sys.stderr)


if __name__ == "__main__":
    main()
