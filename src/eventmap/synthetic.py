"""Synthetic ACLED-style events in Syria, for tests and benchmarks.

Real articles yield a handful of events; maps, exports and benchmarks need thousands
with every column filled and every vocabulary value exercised. The values are
plausible (real Syrian towns and governorates, ACLED vocabulary, quotes that mention
the place) but invented: nothing here describes a real event.
"""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import numpy as np
import pandas as pd

from eventmap.schema import DISORDER_BY_EVENT_TYPE, EVENT_COLUMNS

# (town, governorate, latitude, longitude); coordinates rounded to ~1 km.
TOWNS: tuple[tuple[str, str, float, float], ...] = (
    ("Damascus", "Damascus", 33.513, 36.292),
    ("Douma", "Rif Dimashq", 33.572, 36.402),
    ("Aleppo", "Aleppo", 36.202, 37.134),
    ("Manbij", "Aleppo", 36.528, 37.955),
    ("Al-Bab", "Aleppo", 36.370, 37.515),
    ("Homs", "Homs", 34.733, 36.717),
    ("Palmyra", "Homs", 34.560, 38.267),
    ("Rastan", "Homs", 34.925, 36.733),
    ("Hama", "Hama", 35.132, 36.757),
    ("Salamiyah", "Hama", 35.011, 37.052),
    ("Idlib", "Idlib", 35.931, 36.633),
    ("Saraqib", "Idlib", 35.865, 36.800),
    ("Maarat al-Numan", "Idlib", 35.648, 36.672),
    ("Latakia", "Latakia", 35.523, 35.792),
    ("Tartus", "Tartus", 34.889, 35.887),
    ("Raqqa", "Raqqa", 35.950, 39.009),
    ("Deir ez-Zor", "Deir ez-Zor", 35.336, 40.140),
    ("Al-Mayadin", "Deir ez-Zor", 35.020, 40.452),
    ("Al-Hasakah", "Al-Hasakah", 36.502, 40.747),
    ("Qamishli", "Al-Hasakah", 37.052, 41.231),
    ("Daraa", "Daraa", 32.618, 36.102),
    ("As-Suwayda", "As-Suwayda", 32.709, 36.566),
    ("Quneitra", "Quneitra", 33.126, 35.824),
)

# A representative point per governorate: where a province-level (geo_precision 3)
# event is placed, as ACLED does with the admin1 centroid.
GOVERNORATE_POINTS: dict[str, tuple[float, float]] = {
    "Damascus": (33.510, 36.300),
    "Rif Dimashq": (33.600, 36.900),
    "Aleppo": (36.250, 37.600),
    "Homs": (34.600, 37.800),
    "Hama": (35.200, 36.900),
    "Idlib": (35.800, 36.600),
    "Latakia": (35.650, 35.950),
    "Tartus": (34.900, 36.050),
    "Raqqa": (35.800, 38.800),
    "Deir ez-Zor": (35.000, 40.300),
    "Al-Hasakah": (36.600, 40.800),
    "Daraa": (32.800, 36.200),
    "As-Suwayda": (32.650, 36.750),
    "Quneitra": (33.100, 35.850),
}

# (actor, ACLED inter code, side)
ACTORS: dict[str, tuple[tuple[str, int, str], ...]] = {
    "state": (("Military Forces of Syria (2000-2024)", 1, "state"),),
    "state_ally": (
        ("Military Forces of Russia (2000-)", 8, "state_ally"),
        ("Hezbollah", 3, "state_ally"),
    ),
    "rebel": (
        ("Hayat Tahrir al-Sham", 2, "rebel"),
        ("Syrian National Army", 2, "rebel"),
        ("Islamic State (Syria)", 2, "rebel"),
    ),
    "civilians": (("Civilians (Syria)", 7, "civilians"),),
    "other": (("QSD: Syrian Democratic Forces", 2, "other"), ("Protesters (Syria)", 6, "other")),
    "unknown": (("Unidentified Armed Group (Syria)", 3, "unknown"),),
}

# (event_type, sub_event_type, actor1 sides, actor2 sides, verb phrase, weight)
TEMPLATES: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...], str, float], ...] = (
    (
        "Explosions/Remote violence",
        "Air/drone strike",
        ("state", "state_ally"),
        ("rebel",),
        "warplanes struck militant positions",
        0.25,
    ),
    (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        ("state", "rebel"),
        ("rebel", "state", "civilians"),
        "artillery shelled positions",
        0.15,
    ),
    (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        ("unknown",),
        ("civilians", "state"),
        "a roadside bomb exploded",
        0.05,
    ),
    (
        "Battles",
        "Armed clash",
        ("state", "rebel"),
        ("rebel", "state"),
        "heavy clashes broke out",
        0.25,
    ),
    (
        "Battles",
        "Non-state actor overtakes territory",
        ("rebel",),
        ("state",),
        "fighters seized the town",
        0.05,
    ),
    (
        "Battles",
        "Government regains territory",
        ("state",),
        ("rebel",),
        "government troops retook the area",
        0.04,
    ),
    (
        "Violence against civilians",
        "Attack",
        ("rebel", "unknown", "state"),
        ("civilians",),
        "gunmen attacked residents",
        0.08,
    ),
    (
        "Violence against civilians",
        "Abduction/forced disappearance",
        ("unknown", "rebel"),
        ("civilians",),
        "gunmen abducted residents",
        0.03,
    ),
    ("Protests", "Peaceful protest", ("other",), (), "residents protested", 0.04),
    ("Riots", "Mob violence", ("other",), ("civilians",), "a crowd attacked shops", 0.02),
    (
        "Strategic developments",
        "Looting/property destruction",
        ("rebel", "state"),
        (),
        "fighters looted warehouses",
        0.02,
    ),
    (
        "Strategic developments",
        "Headquarters or base established",
        ("state_ally",),
        (),
        "forces set up a new base",
        0.02,
    ),
)

SOURCES: tuple[tuple[str, str, str], ...] = (
    # (source, source_scale, claimed_by)
    ("SANA", "National", "Syrian Ministry of Defence"),
    ("Syrian Observatory for Human Rights", "Other", "Syrian Observatory for Human Rights"),
    ("RT", "International", "Russian Ministry of Defence"),
    ("Enab Baladi", "National", "local activists"),
    ("Reuters", "International", "a military source"),
)

FATALITY_PHRASES: tuple[tuple[str, int | None, int | None], ...] = (
    ("dozens", 24, 60),
    ("at least three", 3, None),
    ("several", 3, 9),
    ("no casualties were reported", 0, 0),
    ("two", 2, 2),
    ("a number of", None, None),
)

LAST_DAY = dt.date(2024, 12, 7)
SPAN_DAYS = 60


def synthetic_events(n: int, seed: int = 0) -> gpd.GeoDataFrame:
    """Return ``n`` invented but plausible events with every EVENT_COLUMNS column.

    Deterministic for a seed so that benchmarks and snapshot-style tests are stable.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    rng = np.random.default_rng(seed)
    weights = np.array([t[-1] for t in TEMPLATES])
    tmpl_idx = rng.choice(len(TEMPLATES), size=n, p=weights / weights.sum())
    town_idx = rng.integers(0, len(TOWNS), size=n)
    precision = rng.choice([1, 2, 3], size=n, p=[0.55, 0.3, 0.15])
    day_offset = rng.integers(0, SPAN_DAYS, size=n)
    time_precision = rng.choice([1, 2], size=n, p=[0.85, 0.15])
    src_idx = rng.integers(0, len(SOURCES), size=n)
    fat_idx = rng.integers(0, len(FATALITY_PHRASES), size=n)
    jitter = rng.uniform(-0.08, 0.08, size=(n, 2))
    pick = rng.random(size=(n, 4))
    verified = rng.random(size=n) < 0.2

    rows: list[dict[str, object]] = []
    for i in range(n):
        etype, sub, sides1, sides2, verb, _ = TEMPLATES[tmpl_idx[i]]
        town, gov, tlat, tlon = TOWNS[town_idx[i]]
        prec = int(precision[i])
        if prec == 1:
            lat, lon, location, written = tlat, tlon, town, town
        elif prec == 2:
            lat, lon = tlat + jitter[i, 0], tlon + jitter[i, 1]
            location, written = town, f"near {town}"
        else:
            lat, lon = GOVERNORATE_POINTS[gov]
            location, written = gov, f"the countryside of {gov} province"
        a1 = _pick_actor(sides1, pick[i, 0], pick[i, 1])
        others = tuple(side for side in sides2 if side != a1[2]) or sides2
        a2 = _pick_actor(others, pick[i, 2], pick[i, 3]) if others else ("", 0, "")
        if a2[0] == a1[0]:
            a2 = ("", 0, "")
        end = LAST_DAY - dt.timedelta(days=int(day_offset[i]))
        tprec = int(time_precision[i])
        start = end - dt.timedelta(days=6) if tprec == 2 else end
        source, scale, claimant = SOURCES[src_idx[i]]
        fat_text, low, high = FATALITY_PHRASES[fat_idx[i]]
        coded = 0 if low is None else int(low)
        is_verified = bool(verified[i])
        quote = (
            f"On {end:%d %B}, {verb} in {written}, {_fatality_clause(fat_text)}, "
            f"according to {claimant}."
        )
        written_start = quote.index(written)
        chain = source if claimant == source else f"{claimant} > {source}"
        rows.append(
            {
                "event_id_cnty": f"SYR{seed % 100:02d}{i:07d}",
                "event_date": end.isoformat(),
                "year": end.year,
                "time_precision": tprec,
                "disorder_type": DISORDER_BY_EVENT_TYPE[etype],
                "event_type": etype,
                "sub_event_type": sub,
                "actor1": a1[0],
                "assoc_actor_1": "",
                "inter1": a1[1],
                "actor2": a2[0],
                "assoc_actor_2": "",
                "inter2": a2[1],
                "interaction": int(f"{min(a1[1], a2[1] or a1[1])}{max(a1[1], a2[1])}")
                if a2[1]
                else a1[1] * 10,
                "civilian_targeting": "Civilian targeting" if a2[2] == "civilians" else "",
                "iso": 760,
                "region": "Middle East",
                "country": "Syria",
                "admin1": gov,
                "admin2": "" if prec == 3 else town,
                "admin3": "",
                "location": location,
                "latitude": round(float(lat), 4),
                "longitude": round(float(lon), 4),
                "geo_precision": prec,
                "source": source,
                "source_scale": scale,
                "notes": quote,
                "fatalities": coded,
                "tags": "" if is_verified else "claims unverified",
                "timestamp": int(dt.datetime(2024, 12, 8, tzinfo=dt.UTC).timestamp()),
                "event_id": f"syn{seed}-{i:07d}",
                "article_id": f"synthetic-{seed}-{i // 5:06d}",
                "date_start": start.isoformat(),
                "date_end": end.isoformat(),
                "date_text": f"{end:%d %B}" if tprec == 1 else "last week",
                "actor1_text": a1[0].split(" (")[0],
                "actor2_text": a2[0].split(" (")[0],
                "actor1_side": a1[2],
                "actor2_side": a2[2],
                "geonameid": pd.NA,
                "location_kind": "town" if prec < 3 else "admin1",
                "location_text": written,
                "location_start": written_start,
                "location_end": written_start + len(written),
                "fatalities_text": fat_text,
                "fatalities_low": low,
                "fatalities_high": high,
                "claimed_by": claimant,
                "verified": is_verified,
                "source_chain": chain,
                "quote": quote,
                "quote_start": 0,
                "quote_end": len(quote),
                "mention_type": "direct",
                "confidence": round(0.5 + 0.5 * float(pick[i, 0]), 2),
            }
        )
    frame = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    for col in ("fatalities_low", "fatalities_high", "location_start", "location_end"):
        frame[col] = frame[col].astype("Int64")
    geometry = gpd.points_from_xy(frame["longitude"], frame["latitude"], crs="EPSG:4326")
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def _pick_actor(sides: tuple[str, ...], r_side: float, r_actor: float) -> tuple[str, int, str]:
    side = sides[int(r_side * len(sides))]
    options = ACTORS[side]
    return options[int(r_actor * len(options))]


def _fatality_clause(text: str) -> str:
    if text.startswith("no "):
        return text
    return f"killing {text} people"
